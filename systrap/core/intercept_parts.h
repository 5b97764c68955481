/* intercept_parts: what the files of the intercepts share (internal to
 * //systrap/core:intercept; intercept.h is its face).
 *
 *   intercept.c        perform_syscall: which file's work each call takes
 *   new_code.c         code made executable (mmap, mprotect, mremap) is
 *                      instrumented; munmap forgets; sealed mode's
 *                      rewriting of a site the kernel dispatched
 *   signal_calls.c     the program's signal actions and masks, with the
 *                      trap signals virtual (sigaction, sigprocmask,
 *                      sigpending, calls with a temporary mask), and the
 *                      fast path's copy of the alternate stack
 *   exec_env.c         execve: the kept variables survive into the new
 *                      program, an ignored or blocked trap signal stays so
 *   child_calls.c      what runs on the program's stack (rt_sigreturn,
 *                      sigaltstack, vfork, clone with a new stack); fork,
 *                      vfork, clone, clone3: what the child needs
 *   program_gs_base.c  the program's own GS base, virtual
 */
#ifndef SYSTRAP_CORE_INTERCEPT_PARTS_H
#define SYSTRAP_CORE_INTERCEPT_PARTS_H

#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/intercept.h"

static inline long raw6(const struct systrap_call *c)
{
	return raw_syscall6(c->nr, c->args[0], c->args[1], c->args[2],
			    c->args[3], c->args[4], c->args[5]);
}

/* new_code.c */
void perform_mmap(struct systrap_call *c);
void perform_mprotect(struct systrap_call *c);
void perform_munmap(struct systrap_call *c);
void perform_mremap(struct systrap_call *c);

/* signal_calls.c */
void perform_sigaction(struct systrap_call *c);
void perform_sigpending(struct systrap_call *c);
void perform_sigprocmask(struct systrap_call *c, void *context);
void perform_sigaltstack(struct systrap_call *c, void *context);
/* A call whose argument mask_arg points at a temporary signal mask. */
void perform_with_temp_mask(struct systrap_call *c, int mask_arg);
/* pselect6, io_pgetevents: the mask inside the pack at argument 5. */
void perform_with_mask_pack(struct systrap_call *c);

/* exec_env.c */
void perform_execve(struct systrap_call *c);
/* A fork child's reset of the kept variables' lock. */
void intercept_kept_env_fork_child(void);
/* The exec hand-off's own (intercept_exec_handoff's fork_child). */
void intercept_exec_handoff_fork_child(void);
/* Whether this process has one thread. */
int single_threaded(void);

/* child_calls.c: the work before and after a fork-like call. */
void note_vm_child(const struct systrap_call *c);
void note_new_thread(const struct systrap_call *c);
void note_shared_tls(const struct systrap_call *c);
void perform_fork(struct systrap_call *c);

/* program_gs_base.c */
void perform_thread_pointer_call(struct systrap_call *c);

#endif
