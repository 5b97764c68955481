/* stack_unwind: an in-process stack unwinder over .eh_frame's call-frame
 * information, for strace's -k (a stack trace after each call's line).
 *
 * It runs in the tracer's syscall hook, inside the traced program (the trap
 * path): no libc, no allocation, no locks, no global state, a small stack
 * (every frame under 1536 bytes), general registers only. Every byte of the
 * program it reads (its stack, .eh_frame_hdr, .eh_frame) comes through the
 * caller's read callback, which may refuse an address; nothing is
 * dereferenced directly. Every loop is bounded, so corrupt CFI ends the walk
 * in error rather than hanging or faulting.
 *
 * It steps as libunwind's x86-64 unw_step does (strace 6.1 -k uses it):
 * the FDE found through .eh_frame_hdr's binary search table, the CIE's and
 * the FDE's call-frame programs run up to the pc (the caller frames' pc - 1,
 * except above a signal frame, an 'S' CIE), DWARF expressions for the CFA
 * and the registers (glibc's PLT entries and __restore_rt), registers
 * without a rule kept, the caller's stack pointer the CFA; the walk ends at
 * an undefined return address column (glibc's _start, a clone child's
 * entry) or a return address of 0; a pc without CFI is stepped through the
 * frame-pointer chain where the frame pointer is known, not 0, readable,
 * and at most ARCH_FP_MAX_FRAME above the stack pointer (libunwind's
 * guess that it is one), else the walk ends there. The
 * architecture's facts (register numbers, the chain's layout) come from
 * systrap/arch/unwind_arch.h. */
#ifndef SYSTRAP_HANDLERS_STACK_UNWIND_H
#define SYSTRAP_HANDLERS_STACK_UNWIND_H

#include <stddef.h>
#include <stdint.h>

#include "systrap/arch/unwind_arch.h"

#ifdef __cplusplus
extern "C" {
#endif

struct unwind_regs {
	uint64_t reg[ARCH_DWARF_REGS];  /* by DWARF number */
	uint32_t known;                 /* bit n: reg[n] is known */
};

struct unwind_memory {
	/* n bytes at addr into buf: 0, or -1 if any byte is unreadable */
	int (*read)(void *ctx, uintptr_t addr, void *buf, size_t n);
	/* The run-time address of the .eh_frame_hdr (PT_GNU_EH_FRAME) of the
	 * object mapped at pc: 0 and *hdr, or -1 if pc is in no object that
	 * has one. */
	int (*find_eh_frame_hdr)(void *ctx, uintptr_t pc, uintptr_t *hdr);
	void *ctx;
};

/* The limits that keep corrupt CFI from hanging the walk. */
#define UNWIND_MAX_PROGRAM_BYTES (256u * 1024u) /* one CIE's or FDE's */
#define UNWIND_MAX_CFA_INSNS 65536              /* executed per frame */
#define UNWIND_MAX_REMEMBERED 8                 /* remember_state depth */
#define UNWIND_MAX_EXPR_STACK 16                /* DWARF expression stack */
#define UNWIND_MAX_EXPR_OPS 1024                /* executed per expression */

/* Walks the stack from start (whose reg[ARCH_DWARF_RA] holds the pc of the
 * innermost frame, i.e. the instruction after the syscall, and whose
 * reg[ARCH_DWARF_SP] is the stack pointer there). pcs[0] = that pc; pcs[i]
 * = each caller's return address (or, above a signal frame, the
 * interrupted pc). Returns the number of pcs written (>= 1 when max >= 1).
 * *ended_in_error (may be NULL) is set to 1 when the walk stopped because
 * a read failed or the CFI was bad (or a step went nowhere: the same pc
 * and CFA again), 0 when it ended normally (undefined return address, pc
 * 0, a frame without CFI whose frame pointer is not followed, or max
 * reached). */
int unwind_stack(const struct unwind_regs *start, const struct unwind_memory *m,
		 uintptr_t *pcs, int max, int *ended_in_error);

/* One step, for callers that want the registers too (and for tests):
 * from the frame in *regs (its pc in reg[ARCH_DWARF_RA]) to its caller's,
 * in place. signal_above says the frame was reached through a signal
 * frame or is the innermost (its pc is used as is, not pc - 1); on return
 * it says the same of the caller. *cfa becomes the frame's CFA.
 * Returns 1 when the caller's frame is in *regs, 0 when the walk ends
 * normally here, -1 on error. */
int unwind_step(struct unwind_regs *regs, const struct unwind_memory *m,
		int *signal_above, uint64_t *cfa);

#ifdef __cplusplus
}
#endif

#endif
