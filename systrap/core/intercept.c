#include "systrap/core/intercept.h"

#include <signal.h>

#include "systrap/arch/context.h"
#include "systrap/arch/fast_stack.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/arch/thread_pointer.h"
#include "systrap/core/instrumenter.h"
#include "systrap/core/intercept_parts.h"
#include "systrap/core/own_stack.h"
#include "systrap/core/safe_memory.h"
#include "systrap/core/sealed.h"
#include "systrap/core/thread_block.h"
#include "systrap/core/trap_signal.h"

/* A sigaltstack setting a stack smaller than lazy instrumenting's first
 * calls need: each is a SIGSYS whose handler (ours) runs on that stack and
 * patches a page there (its signal frame, the site cache's path buffer:
 * about 7 KiB with AVX-512's frame). The lazy phase ends first, on the
 * stack the call is made from. */
#define LAZY_ALT_STACK_MIN (64 * 1024)
static int small_alternate_stack(const struct systrap_call *c)
{
	if (c->nr != SYS_sigaltstack || !c->args[0])
		return 0;
	struct {
		uintptr_t sp;
		int flags;
		size_t size;
	} ss;
	return safe_read(&ss, (uintptr_t)c->args[0], sizeof ss) == sizeof ss &&
	       !(ss.flags & SS_DISABLE) && ss.size < LAZY_ALT_STACK_MIN;
}

static int context_had_altstack(void *context)
{
	uintptr_t lo, hi;
	arch_context_altstack(context, &lo, &hi);
	return hi != 0;
}

/* A call a trap's handler makes for the program on the program's
 * alternate stack, when that stack is small: a signal the call sends the
 * thread itself (raise, pthread_kill) would be delivered right there, below
 * our frames, and its frame, our wrapper, the program's handler and that
 * handler's rt_sigreturn (a trap itself where every site traps) need ~11
 * KiB beyond the trap's own frame, where natively ~3 KiB at the stack's
 * top is used: an 8 KiB stack (SIGSTKSZ, Rust's) died of SIGSEGV. So a
 * call that sends a signal to one thread (the row's SB_SENDS_TO_THREAD) is
 * made with every signal the program may be sent held (blocked), and they
 * stay held until the handler's rt_sigreturn gives the program its own mask
 * back: the signal comes then, at the program's own place and at the
 * stack's top, as natively it comes as the call returns. Only these: they
 * never wait, and the kernel gives a thread-directed signal its thread
 * whatever its mask (a process-directed one, kill's, would go to another
 * thread meanwhile); any other call must stay interruptible, and a trap's
 * handler runs on the alternate stack for every call of such a thread. The
 * faults and traps stay deliverable: our own reads recover from theirs.
 * "Small": under the size the fast path also leaves alone (fast_stack.h),
 * which takes the nested frames with room to spare (12 KiB was seen to be
 * enough). */
static int held_signals_come_after(const struct systrap_call *c, void *context)
{
	if (!context || !(syscall_behaviour(c->nr) & SB_SENDS_TO_THREAD))
		return 0;
	uintptr_t lo, hi, sp = (uintptr_t)__builtin_frame_address(0);
	arch_context_altstack(context, &lo, &hi);
	return hi && arch_sp_on_stack(sp, lo, hi) &&
	       hi - lo < ARCH_FAST_STACK_MIN_BYTES;
}

static void hold_signals_until_return(void)
{
	uint64_t hold = asynchronous_signal_set();
	raw_rt_sigprocmask(SIG_BLOCK, &hold, 0);
}

long intercept_restart(const struct systrap_call *c,
		       const struct arch_restart *r, long *nr, long args[6])
{
	if (r->nr != c->nr)
		*nr = r->nr;
	for (int i = 0; i < 6; i++)
		if (r->args[i] != c->args[i])
			args[i] = r->args[i];
	/* restart_syscall where the call was another: the kernel restarted
	 * it with no handler (ERESTART_RESTARTBLOCK) before a handled signal
	 * came, whose handler's return found it rewound; strace shows the
	 * attempt end so and restart_syscall come in. */
	if (r->nr == SYS_restart_syscall && c->nr != SYS_restart_syscall)
		return -SYSCALL_ERESTART_RESTARTBLOCK;
	return syscall_restarted_result(c->nr, c->args);
}

enum perform_outcome perform_syscall(struct systrap_call *c, void *context,
				     struct arch_restart *restart)
{
	/* A sandbox about to close (seccomp): nothing may be left for later
	 * that needs calls it may forbid, as lazy instrumenting's patching
	 * does (mprotect, its SIGSYS). */
	if (instrumenter_lazy() && syscall_confines(c->nr, c->args))
		instrumenter_lazy_finish();
	if (intercept_passes_through(c->nr)) {
		if (!restart) {
			c->result = raw6(c);
			return PERFORMED;
		}
		if (held_signals_come_after(c, context))
			hold_signals_until_return();
		c->result = arch_restartable_syscall(&c->nr, restart);
		return restart->restarted ? RESTARTED : PERFORMED;
	}
	if (syscall_unsettles_exec_lookup(c->nr, c->args))
		intercept_exec_lookup_unsettled();
	if (c->nr == SYS_sigaltstack && context && !context_had_altstack(context)) {
		/* A trap's handler that runs on no alternate stack is on the
		 * stack the program called from, where the kernel answers
		 * alike: made here, the call needs no second trap after a
		 * gadget, which the kernel would deliver on the new stack; a
		 * program may make that smaller than a signal frame
		 * (MINSIGSTKSZ is 2 KiB, a frame with AVX-512 3.4), and
		 * natively live as long as no signal comes. */
		if (instrumenter_lazy() && small_alternate_stack(c))
			instrumenter_lazy_finish();
		perform_sigaltstack(c, context);
		return PERFORMED;
	}
	if (intercept_runs_in_program(c)) {
		/* A thread is about to run beside us: nothing may be patched
		 * under it, so what lazy instrumenting left is patched now. */
		if (instrumenter_lazy() && (intercept_child_runs_alongside(c) ||
					    small_alternate_stack(c)))
			instrumenter_lazy_finish();
		note_vm_child(c);
		note_new_thread(c);
		note_shared_tls(c);
		if (c->nr == SYS_rt_sigreturn) {
			intercept_sigreturn_restart(c);
			trap_signal_mask_may_change();
		}
		return RUN_IN_PROGRAM;
	}
	switch (c->nr) {
	case SYS_fork:
	case SYS_clone:
	case SYS_clone3:
		perform_fork(c);
		break;
	case SYS_exit:
	case SYS_exit_group:
		trap_signal_task_exit(c->nr == SYS_exit_group);
		if (c->nr == SYS_exit)
			thread_block_exit();
		c->result = raw6(c);
		break;
	case SYS_mremap:
		perform_mremap(c);
		break;
	case SYS_mmap:
		perform_mmap(c);
		break;
	case SYS_mprotect:
	case SYS_pkey_mprotect:
		perform_mprotect(c);
		break;
	case SYS_munmap:
		perform_munmap(c);
		break;
	case SYS_rt_sigaction:
		perform_sigaction(c);
		break;
	case SYS_rt_sigprocmask:
		perform_sigprocmask(c, context); /* notes its new mask */
		break;
	case SYS_rt_sigpending:
		perform_sigpending(c);
		break;
	case SYS_rt_sigsuspend:
		perform_with_temp_mask(c, 0);
		break;
	case SYS_ppoll:
		perform_with_temp_mask(c, 3);
		break;
	case SYS_epoll_pwait:
	case SYS_epoll_pwait2:
		perform_with_temp_mask(c, 4);
		break;
	case SYS_pselect6:
	case SYS_io_pgetevents:
		perform_with_mask_pack(c);
		break;
	case SYS_execve:
	case SYS_execveat:
		perform_execve(c);
		break;
	case SYS_prctl:
		/* The program's own dispatch setting is virtual (sealed.h). */
		if (c->args[0] == SEALED_PR_SET_SYSCALL_USER_DISPATCH)
			c->result = sealed_program_prctl(c->args);
		else
			c->result = raw6(c);
		break;
	case SYS_ptrace:
		/* A tracer to come would see lazy instrumenting's SIGSYS, and
		 * would not see an execve answered from its lookup (it may
		 * refuse or change one at its entry, before the lookup). */
		if (c->args[0] == 0 /* PTRACE_TRACEME */) {
			intercept_exec_lookup_unsettled();
			if (instrumenter_lazy())
				instrumenter_lazy_finish();
		}
		c->result = raw6(c);
		if (!c->result && c->args[0] == 0 /* PTRACE_TRACEME */)
			trap_signal_note_traced();
		break;
	default:
		if (arch_thread_pointer_call(c->nr, c->args))
			perform_thread_pointer_call(c);
		else
			c->result = raw6(c);
	}
	return PERFORMED;
}
