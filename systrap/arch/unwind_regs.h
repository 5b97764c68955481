/* The program's registers by DWARF number, for unwinding its stack from a
 * trapped call (systrap_call_registers, systrap.h): read from a signal
 * handler's ucontext, from the jump fast path's frame, or from the frame
 * rt_sigreturn is about to restore. x86-64's numbering (the psABI's,
 * unwind_arch.h): 0-15 the general registers, 16 the return address
 * column, which holds the pc. */
#ifndef SYSTRAP_ARCH_UNWIND_REGS_H
#define SYSTRAP_ARCH_UNWIND_REGS_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "systrap/arch/jump_patch.h"
#include "systrap/arch/unwind_arch.h"

#define ARCH_UNWIND_REGS ARCH_DWARF_REGS
#define ARCH_UNWIND_SP ARCH_DWARF_SP
#define ARCH_UNWIND_PC ARCH_DWARF_RA

/* ucontext's greg index of each DWARF register 0-16. */
static const int arch_unwind_greg[ARCH_UNWIND_REGS] = {
	REG_RAX, REG_RDX, REG_RCX, REG_RBX, REG_RSI, REG_RDI, REG_RBP,
	REG_RSP, REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13,
	REG_R14, REG_R15, REG_RIP,
};

/* Every register of the interrupted code, from a signal's ucontext. */
static inline uint32_t arch_unwind_regs_from_context(const void *context,
						     uint64_t *reg)
{
	const greg_t *g = ((const ucontext_t *)context)->uc_mcontext.gregs;
	for (int i = 0; i < ARCH_UNWIND_REGS; i++)
		reg[i] = (uint64_t)g[arch_unwind_greg[i]];
	return (1u << ARCH_UNWIND_REGS) - 1;
}

/* A jump fast path call: what its frame saved (the argument registers,
 * rbp) and the stack pointer and pc at the site (sp, pc: the frame's own
 * view of them). rbx and r12-r15 were never saved, and are not known. */
static inline uint32_t
arch_unwind_regs_from_fast_frame(const struct arch_fast_frame *f,
				 uintptr_t sp, uintptr_t pc, uint64_t *reg)
{
	reg[ARCH_DWARF_RDI] = f->rdi;
	reg[ARCH_DWARF_RSI] = f->rsi;
	reg[ARCH_DWARF_RDX] = f->rdx;
	reg[ARCH_DWARF_R(8)] = f->r8;
	reg[ARCH_DWARF_R(9)] = f->r9;
	reg[ARCH_DWARF_R(10)] = f->r10;
	reg[ARCH_DWARF_RBP] = f->rbp;
	reg[ARCH_UNWIND_SP] = sp;
	reg[ARCH_UNWIND_PC] = pc;
	return 1u << ARCH_DWARF_RDI | 1u << ARCH_DWARF_RSI |
	       1u << ARCH_DWARF_RDX | 1u << ARCH_DWARF_R(8) |
	       1u << ARCH_DWARF_R(9) | 1u << ARCH_DWARF_R(10) |
	       1u << ARCH_DWARF_RBP | 1u << ARCH_UNWIND_SP |
	       1u << ARCH_UNWIND_PC;
}

/* Where the frame rt_sigreturn restores (at the program's sp at the call)
 * keeps DWARF register i: the registers the program resumes with. */
static inline uintptr_t arch_unwind_sigreturn_reg_at(uintptr_t sp, int i)
{
	return sp + __builtin_offsetof(ucontext_t, uc_mcontext.gregs) +
	       sizeof(greg_t) * (size_t)arch_unwind_greg[i];
}

#endif
