/* Letting the program go, or killing it (inject.h). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "systrap/inject/child_wait.h"
#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"

void inject_send_deferred(struct inject_target *t)
{
	/* Signals held back while injecting: queued again now, delivered
	 * as soon as the program runs untraced. */
	for (int sig = 1; sig <= 64; sig++)
		if (t->deferred_signals & (1ull << (sig - 1)))
			kill(t->pid, sig);
	t->deferred_signals = 0;
}

int inject_detach(struct inject_target *t, struct inject_error *err)
{
	if (t->gone)
		return inject_fail(err, -ESRCH, "process %d is gone", t->pid);
	if (t->detached) /* INJECT_GO_ON: done before the image ran */
		return 0;
	/* Past this point a dying launcher must no longer kill it. */
	if (ptrace(PTRACE_SETOPTIONS, t->pid, 0, 0) != 0)
		return inject_fail(err, -errno, "cannot clear the ptrace "
				   "options of %d: %s", t->pid,
				   strerror(errno));
	inject_send_deferred(t);
	/* Signal 0: the stop's own SIGTRAP (the exec's, or our last
	 * breakpoint's) is dropped. */
	if (ptrace(PTRACE_DETACH, t->pid, 0, 0) != 0)
		return inject_fail(err, -errno, "cannot detach from %d: %s",
				   t->pid, strerror(errno));
	return 0;
}

void inject_kill(struct inject_target *t)
{
	if (t->gone)
		return;
	kill(t->pid, SIGKILL);
	int st;
	inject_wait_child(t->pid, &st, 0);
	t->gone = 1;
}
