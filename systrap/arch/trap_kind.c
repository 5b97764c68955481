#include "systrap/arch/trap_kind.h"

#include <signal.h>

/* The kernel reports a ud2 as SIGILL/ILL_ILLOPN and an int3 as
 * SIGTRAP/SI_KERNEL; a signal with any other code (kill, tgkill, a real
 * illegal opcode elsewhere is checked by address) is never one of ours. */
static const struct trap_encoding encodings[] = {
	{ARCH_TRAP_UD2, SIGILL, ILL_ILLOPN, {0x0f, 0x0b}, 0, "ud2"},
	{ARCH_TRAP_INT3, SIGTRAP, SI_KERNEL, {0xcc, 0x90}, 1, "int3"},
};

const struct trap_encoding *arch_trap_encoding(enum arch_trap_kind kind)
{
	for (unsigned i = 0; i < sizeof encodings / sizeof encodings[0]; i++)
		if (encodings[i].kind == kind)
			return &encodings[i];
	return 0;
}

void arch_syscall_bytes(uint8_t *out)
{
	out[0] = ARCH_SYSCALL_BYTE0;
	out[1] = ARCH_SYSCALL_BYTE1;
}
