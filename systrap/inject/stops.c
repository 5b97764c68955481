/* Resuming a tracee until its next trap (stops.h). */
#include "systrap/inject/stops.h"

#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "systrap/inject/child_wait.h"
#include "systrap/inject/error.h"

static int is_fault_signal(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	       sig == SIGFPE || sig == SIGSYS;
}

void inject_defer_signal(struct inject_target *t, const siginfo_t *si)
{
	/* The exec's SIGTRAP (a non-seized tracee's, sent by the kernel as
	 * if by the process itself) when it was not the first stop. */
	if (si->si_signo == SIGTRAP && si->si_code == SI_USER &&
	    si->si_pid == t->pid)
		return;
	if (si->si_signo >= 1 && si->si_signo <= 64)
		t->deferred_signals |= 1ull << (si->si_signo - 1);
}

static unsigned long stops_waited;

unsigned long inject_stops_waited(void)
{
	return stops_waited;
}

void inject_note_stop(void)
{
	stops_waited++;
}

int inject_resume_to_stop(struct inject_target *t, int request,
			  siginfo_t *si, struct inject_error *err)
{
	char name[32];
	if (t->gone)
		return inject_fail(err, -ESRCH, "process %d is gone", t->pid);
	/* Past the exec event: its syscall exit runs first (PTRACE_CONT
	 * only: a step from there is a remote syscall's, which left it). */
	t->at_exec_event = 0;
	for (;;) {
		if (ptrace(request, t->pid, 0, 0) != 0)
			return inject_fail(err, -errno,
					   "ptrace resume of %d: %s", t->pid,
					   strerror(errno));
		int st;
		pid_t w = inject_wait_child(t->pid, &st, 0);
		if (w < 0)
			return inject_fail(err, -errno, "waitpid %d: %s",
					   t->pid, strerror(errno));
		if (WIFEXITED(st)) {
			t->gone = 1;
			return inject_fail(err, -ESRCH,
					   "process %d exited with status %d "
					   "while being injected",
					   t->pid, WEXITSTATUS(st));
		}
		if (WIFSIGNALED(st)) {
			t->gone = 1;
			return inject_fail(err, -ESRCH,
					   "process %d was killed by %s while "
					   "being injected", t->pid,
					   inject_signal_name(WTERMSIG(st), name,
							      sizeof name));
		}
		if (!WIFSTOPPED(st))
			continue;
		stops_waited++;
		memset(si, 0, sizeof *si);
		if (ptrace(PTRACE_GETSIGINFO, t->pid, 0, si) != 0) {
			/* Not a signal-delivery-stop (none is expected:
			 * no event options are set): resume again. */
			continue;
		}
		int sig = WSTOPSIG(st);
		if (si->si_code > 0 && sig == SIGTRAP)
			return INJECT_STOP_TRAP;
		if (si->si_code > 0 && is_fault_signal(sig))
			return INJECT_STOP_FAULT;
		inject_defer_signal(t, si);
	}
}
