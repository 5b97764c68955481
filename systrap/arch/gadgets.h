/* The gadgets (gadgets.S): ARCH_GADGETS copies of `syscall; TRAP` per trap
 * kind, each ARCH_GADGET_SIZE bytes, in systrap's own text. */
#ifndef SYSTRAP_ARCH_GADGETS_H
#define SYSTRAP_ARCH_GADGETS_H

#define ARCH_GADGETS 64
#define ARCH_GADGET_SIZE 4 /* syscall (2) + the trap's 2 bytes */

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "systrap/arch/trap_kind.h"

extern const uint8_t arch_gadgets_ud2[];
extern const uint8_t arch_gadgets_int3[];

/* Gadget i (0 <= i < ARCH_GADGETS) whose trap is of this kind. */
static inline uintptr_t arch_gadget(enum arch_trap_kind kind, int i)
{
	const uint8_t *t =
		kind == ARCH_TRAP_INT3 ? arch_gadgets_int3 : arch_gadgets_ud2;
	return (uintptr_t)(t + i * ARCH_GADGET_SIZE);
}
#endif

#endif
