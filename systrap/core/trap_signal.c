#include "systrap/core/trap_signal.h"

#include <string.h>

#include "systrap/arch/context.h"
#include "systrap/arch/restorer.h"

static int trap_sig;
static struct kernel_sigaction virtual_action; /* the program's */
static struct kernel_sigaction our_action;
static __thread int virtually_blocked
	__attribute__((tls_model("initial-exec")));
/* A sent trap signal that arrived while virtually blocked: raised again when
 * the program unblocks it (standard signals do not queue: one is enough). */
static __thread int virtually_pending
	__attribute__((tls_model("initial-exec")));
/* The program's view saved across a vfork-like child (see trap_signal.h). */
static __thread struct {
	int saved;
	int blocked;
	int pending;
	struct kernel_sigaction action;
} before_child __attribute__((tls_model("initial-exec")));

int trap_signal_install(int sig, void (*handler)(int, siginfo_t *, void *))
{
	struct kernel_sigaction old;
	/* SA_NODEFER: the trap signal is never blocked while a trap is handled,
	 * since a syscall made by a program handler that runs nested inside the
	 * trap would otherwise kill the process. The mask stays as the program
	 * had it. No SA_ONSTACK: a trap uses whatever stack the code was on. */
	our_action.handler = (void *)handler;
	our_action.flags = SA_SIGINFO | SA_NODEFER | KERNEL_SA_RESTORER;
	our_action.restorer = arch_signal_restorer;
	our_action.mask = 0;
	long r = raw_rt_sigaction(sig, &our_action, &old);
	if (r)
		return (int)r;
	trap_sig = sig;
	virtual_action = old;
	/* A blocked trap signal (inherited across execve, perhaps from a traced
	 * program that blocked it: intercept.c) stays blocked in the
	 * program's view only. */
	uint64_t bit = trap_signal_bit(), was = 0;
	raw_rt_sigprocmask(SIG_UNBLOCK, &bit, &was);
	virtually_blocked = (was & bit) != 0;
	return 0;
}

int trap_signal_reinstall(void)
{
	return (int)raw_rt_sigaction(trap_sig, &our_action, 0);
}

int trap_signal_number(void)
{
	return trap_sig;
}

uint64_t trap_signal_bit(void)
{
	return trap_sig ? 1ULL << (trap_sig - 1) : 0;
}

void trap_signal_get_virtual(struct kernel_sigaction *out)
{
	*out = virtual_action;
}

void trap_signal_set_virtual(const struct kernel_sigaction *act)
{
	virtual_action = *act;
}

int trap_signal_virtually_blocked(void)
{
	return virtually_blocked;
}

void trap_signal_set_virtually_blocked(int blocked)
{
	virtually_blocked = blocked;
	if (!blocked && virtually_pending) {
		virtually_pending = 0;
		raw_tgkill((int)raw_getpid(), (int)raw_gettid(), trap_sig);
	}
}

int trap_signal_virtually_pending(void)
{
	return virtually_pending;
}

void trap_signal_save_before_child(void)
{
	if (before_child.saved)
		return; /* a vfork child's own vfork: keep the outermost */
	before_child.action = virtual_action;
	before_child.blocked = virtually_blocked;
	before_child.pending = virtually_pending;
	before_child.saved = 1;
}

void trap_signal_restore_after_child(void)
{
	if (!before_child.saved)
		return;
	virtual_action = before_child.action;
	virtually_blocked = before_child.blocked;
	virtually_pending = before_child.pending;
	before_child.saved = 0;
}

void trap_signal_deliver_to_program(int sig, siginfo_t *info, void *context)
{
	struct kernel_sigaction act = virtual_action;
	int sent = info->si_code <= 0; /* kill, tgkill, sigqueue */
	if (act.handler == SIG_IGN && sent)
		return;
	if (virtually_blocked) {
		/* A sent signal waits until the program unblocks it. A blocked
		 * fault is not deliverable: the kernel forces the default. */
		if (sent) {
			virtually_pending = 1;
			return;
		}
		act.handler = SIG_DFL;
	}
	if (act.handler == SIG_DFL || act.handler == SIG_IGN) {
		/* The default action, for real: for a fault (ud2), returning
		 * re-executes the instruction, which now meets SIG_DFL; a trap
		 * (int3: the pc is already past it) and a sent signal are sent
		 * again. A fault cannot be ignored (the kernel forces the
		 * default), so SIG_IGN dies too. */
		struct kernel_sigaction dfl = {SIG_DFL, 0, 0, 0};
		raw_rt_sigaction(sig, &dfl, 0);
		if (sent || sig == SIGTRAP)
			raw_tgkill((int)raw_getpid(), (int)raw_gettid(), sig);
		return;
	}
	/* The program's handler, with the mask the kernel would have set. */
	uint64_t mask = *arch_context_sigmask(context) | act.mask;
	if (!(act.flags & SA_NODEFER))
		mask |= 1ULL << (sig - 1);
	mask &= ~trap_signal_bit();
	raw_rt_sigprocmask(SIG_SETMASK, &mask, 0);
	if (act.flags & SA_RESETHAND) {
		struct kernel_sigaction dfl = {SIG_DFL, 0, 0, 0};
		virtual_action = dfl;
	}
	/* The kernel would block sig itself during the handler (unless
	 * SA_NODEFER), and what sa_mask asks: in the program's view only. */
	virtually_blocked = !(act.flags & SA_NODEFER) ||
			    (act.mask & trap_signal_bit());
	((void (*)(int, siginfo_t *, void *))act.handler)(sig, info, context);
	/* Our sigreturn restores the mask saved in the frame; the view goes
	 * back to unblocked (it was, to get here), raising what waited. */
	trap_signal_set_virtually_blocked(0);
}
