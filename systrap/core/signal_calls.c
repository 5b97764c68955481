/* The program's signal actions and masks, with the trap signals (owned:
 * SIGILL/SIGTRAP/SIGSYS; SIGSEGV/SIGBUS for fault recovery) virtual: the
 * program reads back what it set, and a trap signal is never really
 * blocked (trap_signal.h keeps the virtual state). */
#include <errno.h>
#include <signal.h>

#include "systrap/arch/context.h"
#include "systrap/arch/fast_stack.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/temp_mask_site.h"
#include "systrap/core/intercept_parts.h"
#include "systrap/core/safe_memory.h"
#include "systrap/core/thread_block.h"
#include "systrap/core/trap_signal.h"

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31) /* linux/signal.h, clashes with signal.h */
#endif

/* ---- the trap signal: virtual action, never blocked ---- */

void perform_sigaction(struct systrap_call *c)
{
	int sig = (int)c->args[0];
	uintptr_t act = (uintptr_t)c->args[1], oldact = (uintptr_t)c->args[2];
	if (c->args[3] != KERNEL_SIGSET_SIZE) {
		c->result = -EINVAL;
		return;
	}
	struct kernel_sigaction k;
	if (trap_signal_owned(sig)) {
		struct kernel_sigaction old;
		trap_signal_get_virtual(sig, &old);
		if (act && safe_read(&k, act, sizeof k) != sizeof k) {
			c->result = -EFAULT;
			return;
		}
		/* Kept as given (the mask with the trap bit too): delivery
		 * leaves the bit out of the real mask. Set before the old
		 * one is written back, as the kernel does: an old action it
		 * cannot write says EFAULT, the new one set. */
		if (act)
			trap_signal_set_virtual(sig, &k);
		c->result = oldact && safe_write(oldact, &old, sizeof old)
				    ? -EFAULT
				    : 0;
		return;
	}
	/* Other signals: their handlers must not block the trap signal
	 * (trap_signal.c keeps what the program asked). */
	if (sig < 1 || sig > 64) {
		c->result = raw6(c);
		return;
	}
	int have_act = act && safe_read(&k, act, sizeof k) == sizeof k;
	if (act && !have_act) {
		c->result = -EFAULT;
		return;
	}
	struct kernel_sigaction old;
	if (trap_signal_owns_fault(sig)) /* SIGSEGV, SIGBUS: virtual too */
		c->result = trap_signal_fault_sigaction(
			sig, have_act ? &k : 0, oldact ? &old : 0);
	else
		c->result = trap_signal_other_sigaction(
			sig, have_act ? &k : 0, oldact ? &old : 0);
	if (!c->result && oldact && safe_write(oldact, &old, sizeof old))
		c->result = -EFAULT;
}

void intercept_fast_stack_refresh(void)
{
	struct arch_fast_stack *f = &thread_block_current()->fast_stack;
	stack_t ss;
	if (f->shared || raw_syscall2(SYS_sigaltstack, 0, (long)&ss))
		return;
	/* SS_AUTODISARM: the stack is given up while a handler runs on it,
	 * which may then leave it (swapcontext): the kernel would put a
	 * nested frame where the handler is, so we stay where we are.
	 * One too small for us is only noted (fast_stack.h). */
	if ((unsigned)ss.ss_flags & (SS_DISABLE | SS_AUTODISARM))
		arch_fast_stack_set(f, 0, 0);
	else
		arch_fast_stack_set(f, (uintptr_t)ss.ss_sp, ss.ss_size);
}

/* sigaltstack made in a trap's handler that runs on no alternate stack
 * (intercept_runs_in_program): the frame's saved alternate stack, which
 * rt_sigreturn sets again, becomes the new one. */
void perform_sigaltstack(struct systrap_call *c, void *context)
{
	c->result = raw6(c);
	stack_t now;
	if (!c->result && !raw_syscall2(SYS_sigaltstack, 0, (long)&now))
		arch_set_context_altstack(context, &now);
	intercept_fast_stack_refresh();
}

/* A sent trap signal waiting for the program to unblock it is pending. */
void perform_sigpending(struct systrap_call *c)
{
	c->result = raw6(c);
	uint64_t set;
	if (c->result || c->args[1] != KERNEL_SIGSET_SIZE ||
	    !trap_signal_virtually_pending() ||
	    safe_read(&set, (uintptr_t)c->args[0], sizeof set) != sizeof set)
		return;
	set |= trap_signal_virtually_pending();
	safe_write((uintptr_t)c->args[0], &set, sizeof set);
}

void perform_sigprocmask(struct systrap_call *c, void *context)
{
	int how = (int)c->args[0];
	uintptr_t set = (uintptr_t)c->args[1], oldset = (uintptr_t)c->args[2];
	uint64_t bit = trap_signal_bits();
	uint64_t was_blocked = trap_signal_virtually_blocked();
	uint64_t now_blocked = was_blocked;
	uint64_t filtered, *pass = 0;
	if (c->args[3] != KERNEL_SIGSET_SIZE) {
		c->result = raw6(c); /* EINVAL, but never trust a mask unseen */
		trap_signal_mask_may_change();
		return;
	}
	if (set) {
		/* The kernel refuses a bad how before it writes anything. */
		if (how != SIG_BLOCK && how != SIG_UNBLOCK &&
		    how != SIG_SETMASK) {
			c->result = -EINVAL;
			return;
		}
		if (safe_read(&filtered, set, sizeof filtered) !=
		    sizeof filtered) {
			c->result = -EFAULT;
			return;
		}
		uint64_t in_set = filtered & bit;
		if (how == SIG_BLOCK)
			now_blocked = was_blocked | in_set;
		else if (how == SIG_UNBLOCK)
			now_blocked = was_blocked & ~in_set;
		else if (how == SIG_SETMASK)
			now_blocked = in_set;
		filtered &= ~bit;
		pass = &filtered;
	}
	/* The old mask is read and written before the new one is set: a
	 * signal the new mask lets through is delivered as that call
	 * returns, and whoever looks at the call then (a tracer's signal
	 * line shows the call finished first, as strace does) must find the
	 * old mask already there, as the kernel writes it before it returns.
	 * Only this thread changes its mask, so the two calls are one. */
	uint64_t old;
	int old_fault = 0;
	if (oldset) {
		c->result = raw_rt_sigprocmask(SIG_BLOCK, 0, &old);
		if (c->result)
			return;
		old = (old & ~bit) | was_blocked;
		old_fault = safe_write(oldset, &old, sizeof old) != 0;
	}
	/* The signals the new mask lets through are delivered as the call
	 * returns: their handlers (and their rt_sigreturn's frame, as a
	 * tracer shows it) must find the owned ones as the new mask has
	 * them, not the old (dash unblocking everything after a vfork showed
	 * its SIGCHLD handler's return to [ILL SYS]). What waited of ours is
	 * raised after. */
	trap_signal_show_virtually_blocked(now_blocked);
	if (pass) /* the owned signals taken out are no faults */
		trap_signal_program_masking(how, filtered);
	c->result = raw_rt_sigprocmask(how, pass, 0);
	if (c->result) {
		trap_signal_show_virtually_blocked(was_blocked);
		return;
	}
	if (pass)
		trap_signal_program_masked(how, filtered);
	/* An old mask it cannot write says EFAULT, the new mask set (as the
	 * kernel's). */
	if (old_fault)
		c->result = -EFAULT;
	trap_signal_set_virtually_blocked(now_blocked);
	/* The trap's sigreturn restores the mask saved in its frame: write the
	 * new one there, or the change would be undone on return. A call
	 * made from a jump trampoline (no context) has no frame to fix. */
	if (!context)
		return;
	uint64_t cur;
	raw_rt_sigprocmask(SIG_BLOCK, 0, &cur);
	*arch_context_sigmask(context) = cur & ~bit;
}

/* Calls that install a temporary mask: the same filtering, on a copy. While
 * the call waits, the trap signal is (virtually) blocked as that mask says:
 * a handler that runs inside the call reads it back so, and a sent trap
 * signal waits or is let through as the mask says. */
static void call_with_mask(struct systrap_call *c, uintptr_t mask_ptr,
			   uint64_t *m, int mask_arg, uintptr_t arg_value)
{
	uint64_t bit = trap_signal_bits();
	if (!mask_ptr || safe_read(m, mask_ptr, sizeof *m) != sizeof *m) {
		c->result = raw6(c); /* no mask, or the kernel's EFAULT */
		return;
	}
	trap_signal_note_mask(*m);
	int raised;
	uint64_t was = trap_signal_enter_blocked(*m & bit, &raised);
	struct systrap_call copy = *c;
	*m &= ~bit;
	copy.args[mask_arg] = (long)arg_value;
	/* A trap signal that waited, let through by this mask, ran (or
	 * runs, once our trap handler returns) as the call began: natively
	 * it ends the call, whose handler made it EINTR whatever
	 * SA_RESTART said; made, it waited for another (sigsuspend for
	 * good). */
	int old_in;
	uint64_t old_was;
	uint64_t old_kernel;
	trap_signal_mark_temp_mask(1, was, *m, &old_in, &old_was, &old_kernel);
	/* At the one site a handler's frame names as such a call's end. */
	c->result = raised ? -EINTR : arch_temp_mask_call(copy.nr, copy.args);
	trap_signal_mark_temp_mask(old_in, old_was, old_kernel, &old_in,
				   &old_was, &old_kernel);
	trap_signal_set_virtually_blocked(was);
}

void perform_with_temp_mask(struct systrap_call *c, int mask_arg)
{
	uint64_t m;
	call_with_mask(c, (uintptr_t)c->args[mask_arg], &m, mask_arg,
		       (uintptr_t)&m);
}

/* pselect6's and io_pgetevents' sixth argument points at {const sigset_t
 * *ss; size_t len} (io_pgetevents' struct __aio_sigset): the pack is
 * copied, its mask pointer aimed at the filtered copy of the mask. */
void perform_with_mask_pack(struct systrap_call *c)
{
	struct {
		uintptr_t ss;
		size_t len;
	} data;
	uint64_t m;
	uintptr_t p = (uintptr_t)c->args[5];
	if (!p || safe_read(&data, p, sizeof data) != sizeof data) {
		c->result = raw6(c);
		return;
	}
	uintptr_t theirs = data.ss;
	data.ss = (uintptr_t)&m;
	call_with_mask(c, theirs, &m, 5, (uintptr_t)&data);
}

