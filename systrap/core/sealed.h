/* Sealed mode (issue 13): Linux's Syscall User Dispatch (SUD) armed on every
 * thread, so that a syscall instruction anywhere but in systrap's own code
 * raises SIGSYS, whose handler runs the hooks like any other trap. No
 * selector byte (a NULL selector): the kernel lets through exactly the calls
 * made from systrap's own text (its raw syscalls, the fast path's, the
 * gadgets', its signal restorer) and dispatches every other one, with
 * nothing in user memory a program could flip. SUD is per thread and never
 * inherited, so every new thread and child arms itself before it runs any
 * of the program's code (trap_handler.c, child_calls.c), and each exec'd image
 * at its start (systrap_init).
 *
 * The program's own prctl(PR_SET_SYSCALL_USER_DISPATCH) is virtualised,
 * sealed or not: its setting is kept per thread in the thread block, never
 * given to the kernel (it would dispatch systrap's own calls, or switch
 * ours off), and every trapped call is checked against it first: a call
 * it would dispatch gets the program's SIGSYS handler, with the kernel's
 * siginfo, instead of running. */
#ifndef SYSTRAP_CORE_SEALED_H
#define SYSTRAP_CORE_SEALED_H

#include <stdint.h>

#include "systrap/core/sud_abi.h"
#include "systrap/core/thread_block.h"

/* Whether this kernel lets a thread arm SUD: 0, or -errno with a one-line
 * reason in why (may be NULL). Arms and disarms the calling thread with a
 * range that lets every call through. */
int sealed_probe(const char **why);

/* Starts sealed mode: calls made from [lo, hi) (systrap's own code) run,
 * every other one is dispatched. Arms the calling thread. Returns 0 or
 * -errno (why: the reason). */
int sealed_start(uintptr_t lo, uintptr_t hi, const char **why);

/* Arms SUD as sealed mode does, for lazy instrumenting alone
 * (instrumenter.h): no probe, no message; 0 or -errno. Until
 * sealed_end_lazy, sealed_active() says 1 and every new task is armed. */
int sealed_start_for_lazy(uintptr_t lo, uintptr_t hi);
/* The lazy phase is over: disarms the calling thread and stops arming new
 * ones (not when sealed mode was asked for). */
void sealed_end_lazy(void);
/* Whether SUD was armed for lazy instrumenting and is no longer: a task
 * that still has it armed (a vfork parent, asleep when its child ended
 * it) is dispatched a call, serves it and disarms. */
int sealed_ended_lazily(void);
/* Whether SUD is (or was) armed for lazy instrumenting only. */
int sealed_for_lazy_only(void);
void sealed_disarm_thread(void);

/* Whether sealed mode is on in this process. */
int sealed_active(void);

/* Arms the calling thread, when sealed mode is on: every new thread and
 * child calls it before it runs the program's code. Async-signal-safe. */
void sealed_arm_thread(void);

/* The program's prctl(PR_SET_SYSCALL_USER_DISPATCH, mode, offset, len,
 * selector), kept for the calling thread and checked as the kernel checks
 * it. Returns 0 or -errno, as the kernel would. */
long sealed_program_prctl(const long args[6]);

/* What the program's own dispatch setting makes of a call whose syscall
 * instruction ends at pc: 0 it runs, SEALED_DISPATCH the program's SIGSYS
 * handler gets it, or a signal number the kernel would kill the thread
 * with (a selector that is neither ALLOW nor BLOCK: SIGSYS; one it cannot
 * read: SIGSEGV). */
#define SEALED_DISPATCH (-1)
int sealed_program_verdict(uintptr_t pc);

/* Whether the calling thread has a dispatch setting of its own (the fast
 * path then leaves every call to the signal path, which checks it). Inline:
 * the fast path asks on every call (the word shares the block's first cache
 * line with the alternate stack the entry reads). */
static inline int sealed_program_armed(void)
{
	return __atomic_load_n(&thread_block_current()->program_sud.mode,
			       __ATOMIC_ACQUIRE) != 0;
}

#endif
