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
/* A `syscall` may carry prefixes the CPU ignores (REX 40-4f, 66, 67, f2,
 * f3, segment overrides; not lock, which makes it #UD): `41 0f 05`,
 * `f3 41 0f 05`, up to the 15-byte limit. Such a site is still the address
 * of its `0f 05`, where the kernel's restart (rip - 2) lands; each prefix
 * byte before it becomes ARCH_PREFIX_NOP, so that entering the instruction
 * at its first byte slides into whatever the site holds. */
#define ARCH_MAX_SYSCALL_PREFIXES 13
#define ARCH_PREFIX_NOP 0x90

/* Whether b is a prefix the CPU ignores on `syscall` (the decoder says what
 * is a syscall; this only confirms that what it put before the 0f 05 is
 * prefixes, which a nop may stand for). */
static inline int arch_is_syscall_prefix(uint8_t b)
{
	return (b >= 0x40 && b <= 0x4f) || b == 0x66 || b == 0x67 ||
	       b == 0xf2 || b == 0xf3 || b == 0x26 || b == 0x2e ||
	       b == 0x36 || b == 0x3e || b == 0x64 || b == 0x65;
}

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
