/* How a 2-byte x86-64 `syscall` instruction (0f 05) is replaced by a trap.
 *
 * Every kind here is exactly two bytes, so patching never touches a
 * neighbouring instruction and no branch can land inside the patch:
 *   ud2        0f 0b  -> SIGILL,  the faulting pc is the site itself
 *   int3; nop  cc 90  -> SIGTRAP, the pc is one past the int3 (site + 1)
 * ud2 is the default fallback (behind the jump fast path, jump_patch.h)
 * because debuggers own SIGTRAP; int3 is about 7x cheaper
 * on KVM guests, whose hypervisor intercepts #UD (docs/PERFORMANCE.md).
 */
#ifndef SYSTRAP_ARCH_TRAP_KIND_H
#define SYSTRAP_ARCH_TRAP_KIND_H

#include <stdint.h>

#define ARCH_SYSCALL_INSN_LEN 2
/* The encoding of `syscall`; candidates are found by these bytes and then
 * confirmed by decoding from a known instruction boundary. */
#define ARCH_SYSCALL_BYTE0 0x0f
#define ARCH_SYSCALL_BYTE1 0x05

enum arch_trap_kind {
	ARCH_TRAP_UD2 = 1,
	ARCH_TRAP_INT3 = 2,
};

struct trap_encoding {
	enum arch_trap_kind kind;
	int signal;              /* the signal the trap raises */
	int si_code;             /* the kernel's si_code for the trap */
	uint8_t bytes[ARCH_SYSCALL_INSN_LEN];
	uint8_t pc_offset;       /* faulting pc minus site address */
	const char *name;
};

/* The encoding of kind, or NULL for an unknown kind. */
const struct trap_encoding *arch_trap_encoding(enum arch_trap_kind kind);

/* Writes the native `syscall` encoding into out[ARCH_SYSCALL_INSN_LEN]. */
void arch_syscall_bytes(uint8_t *out);

/* Whether b[0..ARCH_SYSCALL_INSN_LEN) holds the `syscall` encoding. */
static inline int arch_is_syscall_bytes(const uint8_t *b)
{
	return b[0] == ARCH_SYSCALL_BYTE0 && b[1] == ARCH_SYSCALL_BYTE1;
}

#endif
