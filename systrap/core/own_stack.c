/* A signal handler's work where there is room for it: systrap_call_with_room
 * and systrap_last_words (systrap.h).
 *
 * The kernel runs an SA_ONSTACK handler, ours among them, at the top of
 * the thread's alternate stack, whatever its size. A program may give a
 * thread a few KiB (MINSIGSTKSZ, or 4 KiB for a crash report it never
 * expects to make), which our handler's work overflows: a trap's hooks
 * (the tracer's line), a signal's report. And a program handler that
 * overflowed its alternate stack faults just below it; the kernel, finding
 * the thread no longer on that stack, delivers the fault at its top again,
 * and a report that does not fit there faults below it again: the program
 * spun where natively it died of SIGSEGV.
 *
 * So such work runs on the thread's own stack, the one after its block
 * (fast_stack.h's exit stack, which only its last call uses), with the
 * alternate stack disabled meanwhile: a signal that comes during the work
 * (a fault our own fault-recovering reads take, safe_memory.h) is then
 * delivered on this stack, below the work, not at the alternate stack's
 * top over the frame of the signal being handled. It is put back after
 * (the handler's rt_sigreturn would put it back from that frame anyway).
 * A block other tasks may run on (CLONE_VM without CLONE_SETTLS) is never
 * left, nor is this stack when the thread is already on it. */
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>

#include "systrap/systrap.h"

#include "systrap/arch/call_on_stack.h"
#include "systrap/arch/context.h"
#include "systrap/arch/fast_stack.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/own_stack.h"
#include "systrap/core/thread_block.h"


/* The top of this thread's own stack when work at sp, in the handler of
 * the signal whose frame holds context, is short of room; else 0. */
static uintptr_t own_stack_for(uintptr_t sp, void *context)
{
	if (!context || !thread_block_ready())
		return 0;
	uintptr_t lo, hi;
	arch_context_altstack(context, &lo, &hi);
	struct thread_block *b = thread_block_current();
	if (b->fast_stack.shared || !hi || !arch_sp_on_stack(sp, lo, hi) ||
	    !own_stack_short_at(sp, lo))
		return 0;
	uintptr_t top = (uintptr_t)b + ARCH_EXIT_STACK_TOP;
	if (arch_sp_on_stack(sp, top - ARCH_EXIT_STACK_BYTES, top))
		return 0;
	return top;
}

/* Work for the thread's own stack: fn(arg). masked: the caller held the
 * asynchronous signals across the switch (call_on_own_stack), and mask is
 * the mask to run fn with, then the mask fn left. */
struct job {
	void (*fn)(void *arg);
	void *arg;
	int masked;
	uint64_t mask;
};

/* The fast path's copy of the alternate stack (fast_stack.h) says none
 * while the work runs: a call the program makes meanwhile (a handler of
 * its that comes then) would otherwise move to the stack's top, over the
 * frames still live there. */
static void run_without_altstack(void *job_)
{
	struct job *job = job_;
	struct arch_fast_stack *f = &thread_block_current()->fast_stack;
	struct arch_fast_stack fast_was = *f;
	stack_t was;
	int had = !raw_syscall2(SYS_sigaltstack, 0, (long)&was) &&
		  !((unsigned)was.ss_flags & SS_DISABLE);
	if (had) {
		stack_t off = {.ss_flags = SS_DISABLE};
		had = !raw_syscall2(SYS_sigaltstack, (long)&off, 0);
	}
	if (had)
		arch_fast_stack_set(f, 0, 0);
	if (job->masked)
		raw_rt_sigprocmask(SIG_SETMASK, &job->mask, 0);
	job->fn(job->arg);
	if (job->masked) {
		uint64_t async = asynchronous_signal_set();
		raw_rt_sigprocmask(SIG_BLOCK, &async, &job->mask);
	}
	if (had) {
		was.ss_flags &= ~SS_ONSTACK;
		raw_syscall2(SYS_sigaltstack, (long)&was, 0);
		f->lo = fast_was.lo;
		f->hi = fast_was.hi;
		f->small = fast_was.small;
	}
}

/* A signal handler's work, fn(sig, info, context). */
struct handler_job {
	systrap_handler_fn fn;
	int sig;
	void *info;
	void *context;
};

static void run_handler_job(void *job_)
{
	struct handler_job *h = job_;
	h->fn(h->sig, h->info, h->context);
}

void own_stack_mover(int sig, void *info, void *context, systrap_handler_fn fn)
{
	struct handler_job h = {fn, sig, info, context};
	struct job job = {run_handler_job, &h, 0, 0};
	run_without_altstack(&job);
}

/* The switch to top and back with the asynchronous signals held until the
 * alternate stack is disabled, and again from before it is set back until
 * the stack pointer is on it again: one that came while the stack pointer
 * is off the alternate stack and the stack is enabled would be delivered
 * at its top, over the live frames there. */
static void call_on_own_stack(uintptr_t top, struct job *job)
{
	uint64_t async = asynchronous_signal_set();
	job->masked = !raw_rt_sigprocmask(SIG_BLOCK, &async, &job->mask);
	arch_call_on_stack((void *)top, run_without_altstack, job);
	if (job->masked)
		raw_rt_sigprocmask(SIG_SETMASK, &job->mask, 0);
}

void own_stack_run(void (*fn)(void *arg), void *arg)
{
	struct job job = {fn, arg, 0, 0};
	call_on_own_stack((uintptr_t)thread_block_current() + ARCH_EXIT_STACK_TOP,
			  &job);
}

void own_stack_leave(void *context)
{
	if (!thread_block_ready())
		return;
	struct thread_block *b = thread_block_current();
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	uintptr_t top = (uintptr_t)b + ARCH_EXIT_STACK_TOP;
	uintptr_t lo, hi;
	arch_context_altstack(context, &lo, &hi);
	/* Not moved; or the kernel disarmed the stack itself
	 * (SS_AUTODISARM), which the handler is to run without. */
	if (!hi || !arch_sp_on_stack(sp, top - ARCH_EXIT_STACK_BYTES, top) ||
	    arch_context_altstack_autodisarm(context))
		return;
	stack_t ss = {.ss_sp = (void *)lo, .ss_size = hi - lo};
	if (raw_syscall2(SYS_sigaltstack, (long)&ss, 0))
		return;
	/* And the fast path's copy, as sigaltstack's refresh makes it. */
	if (!b->fast_stack.shared)
		arch_fast_stack_set(&b->fast_stack, lo, hi - lo);
}

int systrap_call_with_room(systrap_handler_fn fn, int sig, void *info,
			   void *context)
{
	uintptr_t top = own_stack_for((uintptr_t)__builtin_frame_address(0),
				      context);
	if (!top) {
		fn(sig, info, context);
		return 0;
	}
	struct handler_job h = {fn, sig, info, context};
	struct job job = {run_handler_job, &h, 0, 0};
	call_on_own_stack(top, &job);
	return 1;
}

static uint64_t sig_bit(int sig)
{
	return 1ULL << (sig - 1);
}

int systrap_last_words(systrap_handler_fn fn, int sig, void *info,
		       void *context)
{
	/* SIGSEGV and SIGBUS stay deliverable: our reads recover from them
	 * (and a fault while they are blocked kills at once). */
	uint64_t block = ~(sig_bit(SIGSEGV) | sig_bit(SIGBUS)), was = 0;
	raw_rt_sigprocmask(SIG_BLOCK, &block, &was);
	int moved = systrap_call_with_room(fn, sig, info, context);
	raw_rt_sigprocmask(SIG_SETMASK, &was, 0);
	return moved;
}
