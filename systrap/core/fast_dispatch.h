/* The jump fast path's C half: what a trampoline's record holds, and the
 * dispatch that systrap_fast_entry (systrap/arch/fast_entry.S) calls.
 *
 * The dispatch runs handlers and the call itself without a signal, on the
 * program's stack below the red zone, with the program's signal mask. It
 * completes only calls that need nothing from a signal frame; everything
 * else leaves by the trampoline's slow exit, a signal trap, with the
 * registers untouched and no hook yet run, so the signal path handles it
 * whole: calls that must run on the program's own stack (rt_sigreturn,
 * vfork, fork, clone, clone3), code being mapped (mmap/mprotect with
 * PROT_EXEC, mremap: instrumenting decodes with Capstone and libc, which may
 * use vector registers). execve is made here (a traced vfork child must not
 * trap before its exec). While a handler is registered that does
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

void systrap_fast_dispatch(struct arch_fast_frame *f)
	__attribute__((visibility("hidden")));

/* Chooses, once the handlers are registered, whether the entry saves the
 * vector state. */
void fast_dispatch_init(void);

#endif
