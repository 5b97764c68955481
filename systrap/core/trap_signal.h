/* The trap signal (SIGILL for ud2, SIGTRAP for int3), and SIGSYS in sealed
 * mode, belong to systrap while it traps, but the program must not notice:
 * its own handler for such a signal is recorded and shown back
 * (virtualised), invoked for genuine traps, and the signal is never really
 * blocked, because a blocked synchronous trap kills the process. Whether the
 * program *thinks* it is blocked is kept per task. */
#ifndef SYSTRAP_CORE_TRAP_SIGNAL_H
#define SYSTRAP_CORE_TRAP_SIGNAL_H

#include <signal.h>
#include <stdint.h>

#include "systrap/arch/raw_syscalls.h"

/* Around start-up's installs (systrap_init): the program's actions read
 * from the kernel once, not once an install. Nothing of the program's
 * may run in between. */
void trap_signal_batch_begin(void);
void trap_signal_batch_end(void);
/* Inside the batch: the signals that have a handler (caught) and the
 * ignored ones, as /proc/self/status's SigCgt and SigIgn say. The others'
 * actions are not read (some 60 reads fewer at a preloaded start), but for
 * the faults', which systrap keeps a copy of. */
void trap_signal_batch_hint(uint64_t caught, uint64_t ignored);

/* Installs the trap handler for sig; records the program's current action. */
int trap_signal_install(int sig, void (*handler)(int, siginfo_t *, void *));

/* The process has no handler of its own yet (an image started at an
 * exec): installing skips the pass over every signal's action for
 * handlers to re-wrap (63 rt_sigactions, ~0.4 us each in a guest), and
 * taking SIGSEGV and SIGBUS over reads only theirs. ignored, when not
 * NULL: the signals the exec left ignored; then none is read. */
void trap_signal_no_handlers_yet(const uint64_t *ignored);
/* 1 and *ignored when trap_signal_no_handlers_yet was told them: every
 * other signal's action was SIG_DFL, all with no flags and an empty mask,
 * when the program was started. 0 otherwise. */
int trap_signal_exec_ignored(uint64_t *ignored);
/* Sealed mode: systrap owns a second signal (SIGSYS, which Syscall User
 * Dispatch raises), virtualised the same way. */
int trap_signal_install_second(int sig,
			       void (*handler)(int, siginfo_t *, void *));

/* Attaching to a running process, on each thread but the installing one:
 * the owned signals unblocked for real (a trap while one is blocked would
 * kill the process), blocked in the thread's view if they were. */
void trap_signal_adopt_thread(void);
/* The trap signal (SIGILL or SIGTRAP). */
int trap_signal_number(void);
/* Whether sig is one systrap owns (the trap signal, SIGSYS when sealed). */
int trap_signal_owned(int sig);
/* The owned signals' bits: never blocked for real. */
uint64_t trap_signal_bits(void);

/* The program's view of its action for an owned signal. */
void trap_signal_get_virtual(int sig, struct kernel_sigaction *out);
void trap_signal_set_virtual(int sig, const struct kernel_sigaction *act);

/* Puts systrap's handlers back (after a failed execve that changed them). */
int trap_signal_reinstall(void);

/* Per task: which owned signals the program believes are blocked (their
 * bits). Unblocking raises an owned signal sent while it was blocked. */
uint64_t trap_signal_virtually_blocked(void);
void trap_signal_set_virtually_blocked(uint64_t blocked);
/* The same without raising anything yet: the view as it is to be once
 * the real mask is set (its change delivers the signals it lets through,
 * whose handlers must see the new view, as a native process sees the new
 * mask), before trap_signal_set_virtually_blocked raises what waited. */
void trap_signal_show_virtually_blocked(uint64_t blocked);
/* The same, returning the state before: for a call that installs a
 * temporary mask (rt_sigsuspend, ppoll, ...), which puts it back after.
 * *raised: whether the mask let a waiting signal through (raised on the
 * way in: the call must then end EINTR, as the signal would have ended
 * it, not wait for another). */
uint64_t trap_signal_enter_blocked(uint64_t blocked, int *raised);
/* Marks the task as waiting in such a call (in 1), whose view puts back
 * was, and which the kernel makes with kernel_mask, or no longer (in 0);
 * *old_in, *old_was and *old_kernel get the marks before (a handler inside
 * the call may make such a call too). */
void trap_signal_mark_temp_mask(int in, uint64_t was, uint64_t kernel_mask,
				int *old_in, uint64_t *old_was,
				uint64_t *old_kernel);
/* The owned signals blocked in the view a signal handler that runs now
 * returns to: the view a temporary mask's call puts back, if one is
 * waiting (the kernel restores the mask from before it, as the frame
 * says), else the view now (a wrapped handler's was put back already).
 * For showing rt_sigreturn's mask as the program gets it back; a handler
 * nested in another inside such a call is shown the outer call's. */
uint64_t trap_signal_sigreturn_blocked(void);
/* Per task: which sent owned signals wait for the program to unblock them
 * (what rt_sigpending shows). */
uint64_t trap_signal_virtually_pending(void);

/* rt_sigaction for a signal systrap does not own, as the program sees it:
 * the owned bits are never given to the kernel in sa_mask but are shown
 * back, and a handler whose sa_mask asked for them runs behind a wrapper
 * that shows them blocked while it runs. act and oldact are our own
 * copies (may be NULL). Returns 0 or -errno. */
long trap_signal_other_sigaction(int sig, const struct kernel_sigaction *act,
				 struct kernel_sigaction *oldact);

/* Children that share our memory. The trap signal's virtual state of a
 * child made with CLONE_VM but without CLONE_SIGHAND is its own (it has its
 * own signal actions, blocked mask and pending set), whether it runs
 * alongside us or, vfork-like, while we wait.
 *
 * Called by the parent before such a clone runs: child_stack is the
 * child's stack top (0: the parent's stack), vfork_like when the parent
 * waits for the child to exec or exit, on_this_block when the child is to
 * run on the caller's thread block (thread_block.h's
 * THREAD_BLOCK_CHILD_SHARES: the block then keeps whose it is). */
void trap_signal_before_vm_child(uintptr_t child_stack, int vfork_like,
				 int on_this_block);
/* Called by a task before exit (whole_group: exit_group). */
void trap_signal_task_exit(int whole_group);

/* fork without CLONE_VM made inside the trap handler: the child, alone in
 * its copy of our memory, takes over the forker's view. */
struct trap_signal_forker {
	const void *view;
	const void *task;
};
void trap_signal_forker(struct trap_signal_forker *out);
void trap_signal_fork_child(const struct trap_signal_forker *forker);

/* A vfork-like child (CLONE_VM without CLONE_SIGHAND) shares our memory but
 * not our signal actions: whatever it does to the virtual state must not be
 * seen by the parent. While no child runs alongside its parent, the child
 * works on the parent's state in place (on the parent's thread block): the parent
 * saves its view before such a call and puts it back when it resumes.
 * Afterwards children have views of their own, and the parent frees its
 * vfork-like child's when it resumes. */
void trap_signal_save_before_child(void);

/* Before the calling thread makes a thread (thread_block.h's
 * THREAD_BLOCK_CHILD_NEW: CLONE_THREAD or CLONE_SETTLS): its
 * view of the owned signals blocked is kept for the new thread to start
 * with (thread_block.h's new_thread_blocked). */
void trap_signal_before_new_thread(void);
/* child_ran_here: the child ran on this thread block (its mask was then
 * the block's, so what the block knew of it is forgotten). */
void trap_signal_restore_after_child(int child_ran_here);

/* A test's seam (SYSTRAP_TEST_GIVE_STRETCH_US, read by systrap_init): a
 * give of a signal to the process (trap_signal.c) sleeps this long once
 * its signal is visible to takers, before it returns, so that whatever the
 * give still holds then meets another thread's take and the next send
 * (core_e2e_test's storm). 0, as by default: no sleep. */
void trap_signal_set_give_stretch(unsigned microseconds);

/* Called as a program's own trap signal is delivered (systrap.h's
 * systrap_observe_trap_signal). */
void trap_signal_set_observer(void (*fn)(int sig, const void *info,
					 void *context, int kills));

/* Delivers a trap signal that is not systrap's to the program, as the kernel
 * would have: its handler, or the default action. Returns whether the
 * program's handler ran (and returned). */
int trap_signal_deliver_to_program(int sig, siginfo_t *info, void *context);

/* Called first for each owned signal the trap handler is given: where
 * this thread awaits a copy of sig it raised (raise_own in trap_signal.c)
 * and info is another signal of that number, the kernel merged the copy
 * into it (a standard signal does not queue twice: a nudge another
 * thread sent, or one the program sent, was pending when the copy was
 * sent, and is what comes now), or the copy is about to be sent. It is
 * sent again: a repeat is dropped when it arrives. raise_own's own
 * repeats, made on the way back from each send, were all merged where
 * another thread kept sending nudges (one per give whose stretch a
 * storm of sends had nested: core_e2e_test's
 * TrapSignalsSentAmidAStretchedGiveAreNotLost, 1 run in ~40 lost one). */
void trap_signal_resend_raised(int sig, const siginfo_t *info);

/* Takes what waits for the process (an owned signal sent to it while the
 * thread the kernel chose blocked it) that this thread does not block: the
 * program's handler runs now, nested; what it blocks, another thread is
 * asked to take. The trap handler calls it before a trapped call is made
 * and after any other signal it handled, as the kernel merges a standard
 * signal sent to a thread that has one pending: the nudge asking this
 * thread to take it (poke_unblocking_thread) may have been merged into the
 * trap the thread was taking. */
void trap_signal_take_for_process(void);

/* SIGSEGV and SIGBUS, owned where the program's memory is read with a
 * copy that recovers from its own faults (no RTM): a fault of that copy
 * resumes at its fix-up, every other delivery is the program's, to its
 * handler as the kernel would have run it (alternate stack, mask,
 * SA_RESETHAND, SA_NODEFER) or to the default action for real. Their
 * actions are virtual, kept per view as the trap signal's.
 *
 * Takes both over, recording the program's actions; -errno on failure. */
int trap_signal_own_faults(void);
/* sig is SIGSEGV or SIGBUS, and owned. */
int trap_signal_owns_fault(int sig);
/* rt_sigaction of SIGSEGV or SIGBUS while owned (our copies of act and
 * oldact, may be NULL): 0 or -errno. */
long trap_signal_fault_sigaction(int sig, const struct kernel_sigaction *act,
				 struct kernel_sigaction *oldact);
/* For execve: whether the program ignores sig (owned SIGSEGV/SIGBUS), and
 * our handler put back after a failed exec that ignored it for real. */
int trap_signal_fault_ignored(int sig);
int trap_signal_fault_reinstall(int sig);
/* A signal mask the program asked for that takes effect unseen (a
 * temporary mask, a handler's sa_mask, the one it started with): one
 * holding SIGSEGV or SIGBUS makes every later copy check the thread's real
 * mask first. */
void trap_signal_note_mask(uint64_t mask);
/* Whether a fault of our copy would reach our handler now: neither signal
 * is blocked in this thread. Once a mask asked for them, this thread's
 * mask as last learnt, else a syscall (ask_kernel) or 0 (not ask_kernel). */
int trap_signal_faults_unblocked(int ask_kernel);
/* The program's rt_sigprocmask(how, set) is about to change this
 * thread's real mask (set: the signals it names; the owned trap signals
 * may be left out, they are no faults): one that may block SIGSEGV or
 * SIGBUS counts as blocking them from now on. */
void trap_signal_program_masking(int how, uint64_t set);
/* That call has changed the mask: what it did to SIGSEGV and SIGBUS is
 * known without asking. */
void trap_signal_program_masked(int how, uint64_t set);
/* This thread's real mask may have changed unseen (the program's
 * rt_sigreturn, a handler we called returning, a mask we set and restore,
 * a vfork child gone): the next answer above asks the kernel again. */
void trap_signal_mask_may_change(void);
/* The process made itself ptraced (PTRACE_TRACEME): from now on the answer
 * above is 0 (a fault would stop it for its tracer). */
void trap_signal_note_traced(void);

#endif
