/* The jump fast path's C half: what a trampoline's record holds, and the
 * dispatch that systrap_fast_entry (systrap/arch/fast_entry.S) calls.
 *
 * The dispatch runs handlers and the call itself without a signal, on the
 * program's stack below the red zone, with the program's signal mask: a
 * ptraced program (under gdb, strace) must not stop at traps of ours. Calls
 * that must run on the program's own stack and registers (rt_sigreturn,
 * vfork, clone/clone3 with a new stack or CLONE_VM) are made by the program
 * from a per-site program-call stub after the pre hooks, and come back
 * through systrap_fast_resume for the post hooks; a fork without CLONE_VM
 * is made here (the child returns through its copy of this frame). Code
 * being mapped (mmap/mprotect with PROT_EXEC, mremap) is instrumented with
 * the vector state saved around it (Capstone and libc use vector
 * registers). Only what cannot be done so (no XSAVE; no stub could be
 * made) leaves by the trampoline's slow exit, a signal trap, with the
 * registers untouched and no hook yet run. While a handler is registered that does
 * not promise SYSTRAP_HANDLER_GENERAL_REGS_ONLY, the entry saves the vector
 * and x87 state around the dispatch (xsave; or, on a CPU without XSAVE,
 * every call takes the signal path). */
#ifndef SYSTRAP_CORE_FAST_DISPATCH_H
#define SYSTRAP_CORE_FAST_DISPATCH_H

#include <stdint.h>

#include "systrap/arch/jump_patch.h"

/* Lives in each trampoline, ARCH_RECORD_OFFSET bytes after R. */
struct jump_record {
	uintptr_t site;      /* the syscall instruction's address */
	uintptr_t slow_exit; /* S: where calls for the signal path go */
	const char *object;  /* the object's path, for handlers */
	uintptr_t object_base;
};

_Static_assert(sizeof(struct jump_record) <= ARCH_RECORD_SIZE,
	       "a jump record must fit its room in the trampoline");

/* A program-call stub's record (same place, same size): the number of the
 * call the stub makes instead of a slow exit, and for a fork-like call what
 * its child does with its thread block (thread_block.h's plan). */
struct program_call_record {
	uintptr_t site;
	int32_t nr;
	int32_t child_plan;
	const char *object;
	uintptr_t object_base;
};

_Static_assert(sizeof(struct program_call_record) <= ARCH_RECORD_SIZE,
	       "a program-call record must fit its room in the stub");

struct systrap_call;

/* Called by systrap_fast_entry with the frame, the call (its number and
 * arguments already stored by the entry) and the trampoline's record: the
 * pre hooks, then the call and the post hooks, and 0; or, for a call made
 * as it is (no intercept), once the pre hooks ran, ARCH_FAST_MAKE_CALL (the
 * entry makes it from *c and calls systrap_fast_post) or
 * ARCH_FAST_MAKE_CALL_ONLY (no post hooks: the entry makes it, and the
 * frame is complete but for rax). */
int systrap_fast_dispatch(struct arch_fast_frame *f, struct systrap_call *c,
			  const void *record)
	__attribute__((visibility("hidden")));
/* The post hooks and the registers as the kernel leaves them. */
void systrap_fast_post(struct arch_fast_frame *f, struct systrap_call *c)
	__attribute__((visibility("hidden")));
/* Called from the entry's restart point (a plain call it made that the
 * kernel restarts after a signal's handler, r the registers it would make
 * it again with): the attempt's post hooks, and the way back sent into the
 * trampoline's call again. */
void systrap_fast_restart(struct arch_fast_frame *f, struct systrap_call *c,
			  const struct arch_restart *r)
	__attribute__((visibility("hidden")));
/* Called by systrap_fast_resume_entry after a stub's syscall, with the
 * stub's record: post hooks; 0 (the call the entry stored is not used: its
 * rax is the result). */
int systrap_fast_resume(struct arch_fast_frame *f, struct systrap_call *unused,
			const void *record)
	__attribute__((visibility("hidden")));

/* Chooses, once the handlers are registered, whether the entry saves the
 * vector state. */
void fast_dispatch_init(void);

#endif
