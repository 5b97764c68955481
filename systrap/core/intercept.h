/* Running one trapped call for the program: most calls are simply made with
 * the raw layer, but some must be changed on the way so that the program
 * cannot notice systrap: code being mapped is instrumented, the trap signal
 * is virtualised and never blocked, systrap survives execve, and calls
 * that need the program's own stack (rt_sigreturn, vfork, clone with a new
 * stack) are sent back to run in the program's context. */
#ifndef SYSTRAP_CORE_INTERCEPT_H
#define SYSTRAP_CORE_INTERCEPT_H

#include <stdint.h>
#include <sys/syscall.h>

#include "systrap/core/syscall_behaviour.h"
#include "systrap/core/trap_signal.h"
#include "systrap/systrap.h"

struct arch_restart; /* systrap/arch/jump_patch.h */

enum perform_outcome {
	PERFORMED,           /* call->result holds the result */
	RUN_IN_PROGRAM,      /* run it from a gadget in the program's context */
	/* (restartable only) the kernel is to restart it after a signal's
	 * handler: the attempt's post hooks see what intercept_restart
	 * gives, and the call goes through the pre hooks again */
	RESTARTED,
};

/* Whether nr is made as it is: the fast path then makes it inline. The
 * calls perform_syscall does more with than make them (everything in its
 * switch, and what needs the program's context) are the SB_INTERCEPT row
 * of syscall_behaviour.h. That bit is the gate (perform_syscall passes
 * every other call straight to the kernel), so a call handled in the
 * switch but not marked is never intercepted at all, on any path, and its
 * test fails. */
static inline int intercept_passes_through(long nr)
{
	return !(syscall_behaviour(nr) & SB_INTERCEPT);
}

/* context: the signal frame's machine context of a signal trap, whose
 * rt_sigreturn would undo mask changes; NULL when the call
 * came through a jump trampoline. restart: when not NULL, a call passed
 * through as it is may end RESTARTED, *restart then saying what the
 * kernel would make again (the caller runs it through the hooks again,
 * intercept_restart); NULL: the kernel makes it again in place, unseen. */
enum perform_outcome perform_syscall(struct systrap_call *call, void *context,
				     struct arch_restart *restart);

/* A call made with call's number and arguments that the kernel restarts
 * with restart's registers: returns the result the attempt's post hooks
 * see, and makes nr and args (in: the program's registers at the call, as
 * the pre hooks found them) the ones the call comes in anew with: each
 * register the restart has changed from what the call was made with (a
 * signal handler edited its frame, as a program may, natively, to change
 * what the restarted call gets) takes the new value; every other one
 * stays the program's, so the pre hooks see the call as they saw it, not
 * as they changed it. Call it before the post hooks, which may change
 * call. */
long intercept_restart(const struct systrap_call *call,
		       const struct arch_restart *restart, long *nr,
		       long args[6]);

/* rt_sigreturn's frame (at the call's stack pointer) resumes one of our
 * syscall instructions that made a call for the program, to make it again
 * (the kernel restarts it): it is sent to that instruction's restart
 * point instead (arch_restart_point), so the restarted call goes through
 * the hooks as a call of its own, as strace sees it. */
void intercept_sigreturn_restart(const struct systrap_call *call);
/* The same for the frame at frame (its ucontext), which our own
 * rt_sigreturn restores: a trap signal of the program's, sent while one
 * of our syscall instructions waited, whose handler ran from ours
 * (trap_handler.c); the kernel restarts the call as the program's action
 * says (SA_RESTART, trap_signal.c). */
void intercept_frame_restart(uintptr_t frame);

/* Whether perform_syscall hands this call back as RUN_IN_PROGRAM: it must
 * run on the program's own stack and registers (rt_sigreturn, vfork,
 * sigaltstack, clone/clone3 with a new stack or CLONE_VM). */
int intercept_runs_in_program(const struct systrap_call *call);

/* What the child of a fork-like call does with its thread block
 * (THREAD_BLOCK_CHILD_*, thread_block.h), read from the call's flags in
 * the parent. */
int intercept_child_plan(const struct systrap_call *call);
/* Whether the child of this fork-like call runs alongside its parent in its
 * memory (CLONE_VM without CLONE_VFORK): the kernel gives it no alternate
 * signal stack, while its thread block, until it has one of its own, holds
 * its parent's. */
int intercept_child_runs_alongside(const struct systrap_call *call);

/* A clone3's arguments are read once between its hooks and its making
 * (child_calls.c); forgotten before the hooks run, which may change them,
 * and before another clone3 is looked at. */
void intercept_forget_clone_args(void);

/* Whether call makes a child that shares our memory (so systrap's state)
 * but has its own signal actions: vfork, posix_spawn's clone. */
int child_shares_memory_not_actions(const struct systrap_call *call);

/* Reads this thread's alternate signal stack into the fast path's copy
 * (systrap/arch/fast_stack.h): at init, and after calls that may have
 * changed it (sigaltstack, and a vfork child's, run on our TLS). */
void intercept_fast_stack_refresh(void);

/* After a call made in the program's context (from a gadget or a
 * program-call stub), before the post hooks, in the thread that made it:
 * a fork-like call's parent takes its trap signal state back (the child
 * may have changed it in our memory); where the child ran on our thread
 * block (child_ran_here: CLONE_VM without CLONE_THREAD or CLONE_SETTLS, a
 * vfork child or posix_spawn's), it also forgets what it knew of its mask and reads its
 * alternate signal stack again, as sigaltstack's caller does. A new
 * thread ran on a block of its own, a fork child in a copy: neither
 * touched ours (two system calls a pthread_create fewer). Inline: the
 * trap handler and the fast path's resume both run it. */
static inline void intercept_after_program_call(long nr, int in_child,
						int child_ran_here)
{
	if (syscall_is_fork_like(nr) && !in_child) {
		trap_signal_restore_after_child(child_ran_here);
		if (child_ran_here)
			intercept_fast_stack_refresh();
	}
	if (syscall_behaviour(nr) & SB_SETS_SIGNAL_STACK)
		intercept_fast_stack_refresh();
}

/* Captures the environment variables that must survive execve. Called at
 * init, where libc may be used. */
void intercept_capture_env(char **environ_);

/* How an execve is followed when systrap is not a preloaded object (the
 * self-contained image, which a launcher maps into the new program): the
 * kept variables (intercept_capture_env, systrap_keep_env) are then the
 * new image's settings, which `before` copies (intercept_kept_copy), and
 * never put into the program's environment. `before` returns a token for
 * `failed`, called when the execve returned, or INTERCEPT_EXEC_PRELOAD when
 * the image cannot be given to the new program: it then gets the kept
 * variables in its environment (LD_PRELOAD among them), as from a
 * preloaded object. Both run on the trap path. */
#define INTERCEPT_EXEC_PRELOAD (-2L)
/* fork_child (NULL: none): called in a fork child (fork, or clone without
 * CLONE_VM) right after the call, on the trap path. */
struct intercept_exec_handoff {
	long (*before)(void);
	void (*failed)(long token, long error);
	void (*fork_child)(void);
};
void intercept_set_exec_handoff(const struct intercept_exec_handoff *h);
/* Said by the hand-off's owner when the kernel fails an execve whose
 * path's lookup fails with that lookup's error before anything else (Linux
 * 6.8 on: it opens the file first) and no seccomp filter may answer it
 * otherwise: such an execve is then answered from a lookup of ours, with
 * no hand-off (a launcher's round trip for an exec that cannot happen; a
 * PATH search tries several). Unsaid again for good by a call that may
 * change that answer (syscall_unsettles_exec_lookup: a filter installed,
 * a user changed; PTRACE_TRACEME: a tracer asked for), inherited by fork
 * children as the kernel's state is. */
void intercept_exec_lookup_settled(int settled);
void intercept_exec_lookup_unsettled(void);
/* The kept variables into dst ("NAME=value\0"... "\0"), each whole or not
 * at all within cap bytes (cap >= 1): the bytes used, final NUL counted.
 * On the trap path. */
size_t intercept_kept_copy(char *dst, size_t cap);

/* Sealed mode: the kernel dispatched a call made at site, which no trap
 * or jump covers. Where it is safe (the process has one thread, the code
 * is private and not writable, and the decoder finds an instruction
 * starting at site), site's mapping is instrumented like new code, so that
 * the next call there takes a jump or a trap instead of SIGSYS. */
void intercept_rewrite_dispatched(uintptr_t site);

#endif
