#include "systrap/core/trap_signal.h"

#include <string.h>

#include "systrap/arch/context.h"
#include "systrap/arch/restorer.h"

static int trap_sig;
static struct kernel_sigaction virtual_action; /* the program's */
static struct kernel_sigaction our_action;
static __thread int virtually_blocked
	__attribute__((tls_model("initial-exec")));

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
	uint64_t bit = trap_signal_bit();
	raw_rt_sigprocmask(SIG_UNBLOCK, &bit, 0);
	return 0;
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
}

void trap_signal_deliver_to_program(int sig, siginfo_t *info, void *context)
{
	struct kernel_sigaction act = virtual_action;
	int sent = info->si_code <= 0; /* kill, tgkill, sigqueue */
	if (act.handler == SIG_IGN && sent)
		return;
	if (act.handler == SIG_DFL || act.handler == SIG_IGN) {
		/* The default action, for real: for a fault, returning
		 * re-executes the instruction, which now meets SIG_DFL; a sent
		 * signal is sent again. A fault cannot be ignored (the kernel
		 * forces the default), so SIG_IGN dies too. */
		struct kernel_sigaction dfl = {SIG_DFL, 0, 0, 0};
		raw_rt_sigaction(sig, &dfl, 0);
		if (sent)
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
	((void (*)(int, siginfo_t *, void *))act.handler)(sig, info, context);
	/* Our sigreturn restores the mask saved in the frame. */
}
