/* The gadgets (gadgets.S): ARCH_GADGETS copies of `syscall; TRAP` per trap
 * kind, each ARCH_GADGET_SIZE bytes, in systrap's own text; and as many
 * for the fast path, each after a `lea` that takes the stack pointer back
 * above the red zone. */
#ifndef SYSTRAP_ARCH_GADGETS_H
#define SYSTRAP_ARCH_GADGETS_H

#define ARCH_GADGETS 64
#define ARCH_GADGET_SIZE 4 /* syscall (2) + the trap's 2 bytes */
/* A fast gadget: lea 0x80(%rsp), %rsp (8) first. */
#define ARCH_FAST_GADGET_SYSCALL 8
#define ARCH_FAST_GADGET_SIZE (ARCH_FAST_GADGET_SYSCALL + ARCH_GADGET_SIZE)

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "systrap/arch/trap_kind.h"

extern const uint8_t arch_gadgets_ud2[];
extern const uint8_t arch_gadgets_int3[];
extern const uint8_t arch_fast_gadgets_ud2[];
extern const uint8_t arch_fast_gadgets_int3[];

/* Gadget i (0 <= i < ARCH_GADGETS) whose trap is of this kind. */
static inline uintptr_t arch_gadget(enum arch_trap_kind kind, int i)
{
	const uint8_t *t =
		kind == ARCH_TRAP_INT3 ? arch_gadgets_int3 : arch_gadgets_ud2;
	return (uintptr_t)(t + i * ARCH_GADGET_SIZE);
}

/* The same for the fast path to return to, as it returns to a
 * program-call stub (jump_patch.h): the stack pointer first taken back
 * above the red zone. Its syscall is ARCH_FAST_GADGET_SYSCALL bytes in. */
static inline uintptr_t arch_fast_gadget(enum arch_trap_kind kind, int i)
{
	const uint8_t *t = kind == ARCH_TRAP_INT3 ? arch_fast_gadgets_int3
						  : arch_fast_gadgets_ud2;
	return (uintptr_t)(t + i * ARCH_FAST_GADGET_SIZE);
}
#endif

#endif
