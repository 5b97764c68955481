/* Following an execve of a running process (inject.h). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>

#include "systrap/arch/remote_regs.h"
#include "systrap/inject/child_wait.h"
#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"

int inject_seize_for_exec(pid_t tid, struct inject_error *err)
{
	long options = PTRACE_O_TRACEEXEC | PTRACE_O_TRACESYSGOOD |
		       PTRACE_O_EXITKILL;
	if (ptrace(PTRACE_SEIZE, tid, 0, (void *)options) != 0)
		return inject_fail(err, -errno, "cannot attach to %d: %s", tid,
				   strerror(errno));
	return 0;
}

/* It is running, and a detach needs a stop. A signal stop that comes
 * first is detached with its signal, which the thread then gets. */
int inject_release(pid_t tid, struct inject_error *err)
{
	if (ptrace(PTRACE_INTERRUPT, tid, 0, 0) != 0)
		return inject_fail(err, -errno, "cannot interrupt %d: %s", tid,
				   strerror(errno));
	for (;;) {
		int st;
		/* It may have exited instead of stopping (the execve failed
		 * and the program went on to its end): that status is the
		 * launcher's, handed on by the wait. */
		pid_t w = inject_wait_child(tid, &st, 0);
		if (w < 0 || !WIFSTOPPED(st))
			return 0; /* gone */
		int sig = (st >> 16) ? 0 : WSTOPSIG(st);
		if (ptrace(PTRACE_DETACH, tid, 0, (void *)(long)sig) != 0)
			return inject_fail(err, -errno, "cannot detach from %d: %s",
					   tid, strerror(errno));
		return 0;
	}
}

/* At the exec event: the registers the program starts with, rax as the
 * kernel will make it (execve's 0), so that a restore of them after the
 * injector's runs gives the program what it would have had. */
static int at_exec_event(pid_t pid, struct inject_target *t,
			 struct inject_error *err)
{
	struct remote_regs regs;
	int e = remote_regs_get(pid, &regs);
	if (e)
		return inject_fail(err, e, "cannot read the registers of %d: %s",
				   pid, strerror(-e));
	remote_regs_set_result(&regs, 0);
	e = remote_regs_set(pid, &regs);
	if (e)
		return inject_fail(err, e, "cannot set the registers of %d: %s",
				   pid, strerror(-e));
	t->initial_pc = remote_regs_pc(&regs);
	t->initial_sp = remote_regs_sp(&regs);
	t->foreign_code = !remote_regs_native_code(&regs);
	t->at_exec_event = 1;
	t->initial_vectors = 1;
	/* From here on only what the injector asks for stops it. */
	if (ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_EXITKILL) != 0)
		return inject_fail(err, -errno, "PTRACE_SETOPTIONS on %d: %s",
				   pid, strerror(errno));
	return 0;
}

int inject_leave_exec_event(struct inject_target *t, struct inject_error *err)
{
	if (!t->at_exec_event)
		return 0;
	t->at_exec_event = 0;
	pid_t pid = t->pid;
	/* Its syscall-exit stop told from a SIGTRAP by the 0x80 bit. */
	long options = PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD;
	if (ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)options) != 0)
		return inject_fail(err, -errno, "PTRACE_SETOPTIONS on %d: %s",
				   pid, strerror(errno));
	if (ptrace(PTRACE_SYSCALL, pid, 0, 0) != 0)
		return inject_fail(err, -errno, "cannot resume %d after its exec: %s",
				   pid, strerror(errno));
	for (;;) {
		int st;
		pid_t w = inject_wait_child(pid, &st, 0);
		if (w < 0 || !WIFSTOPPED(st)) {
			t->gone = 1;
			return inject_fail(err, -ESRCH, "process %d ended in its exec", pid);
		}
		if (WSTOPSIG(st) == (SIGTRAP | 0x80))
			break;
		/* Nothing else can come before the syscall's exit. */
		if (ptrace(PTRACE_SYSCALL, pid, 0, 0) != 0)
			return inject_fail(err, -errno, "cannot resume %d: %s", pid,
					   strerror(errno));
	}
	/* From here on only what the injector asks for stops it. */
	if (ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_EXITKILL) != 0)
		return inject_fail(err, -errno, "PTRACE_SETOPTIONS on %d: %s",
				   pid, strerror(errno));
	return 0;
}

int inject_wait_exec(pid_t tid, pid_t tgid, int (*exec_failed)(void *arg),
		     void *arg, struct inject_target *t,
		     struct inject_error *err)
{
	memset(t, 0, sizeof *t);
	long nap = 20 * 1000;
	/* A launcher that keeps SIGCHLD blocked (and takes it with
	 * sigtimedwait, as both of ours do) naps until the next SIGCHLD
	 * instead: the exec's stop sends one, and so does a process whose
	 * execve failed (exec_handoff.c), so the exec is served as soon as it
	 * stops, not up to a nap (2 ms) later; each exec under -f paid it. */
	sigset_t blocked, chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	int wait_chld = sigprocmask(SIG_BLOCK, 0, &blocked) == 0 &&
			sigismember(&blocked, SIGCHLD) == 1;
	/* Then every way the wait can end sends one (the exec's stop, the
	 * process's end or group stop, its failed execve's poke): the naps
	 * are only a bound, and short ones woke the launcher once or twice
	 * an exec for nothing (a 20 us nap timed out before most exec stops,
	 * a wake-up taking a CPU from the process it waits for). */
	long first_nap = wait_chld ? 2 * 1000 * 1000 : 20 * 1000;
	long max_nap = wait_chld ? 20 * 1000 * 1000 : 2 * 1000 * 1000;
	nap = first_nap;
	for (;;) {
		int st;
		pid_t w = inject_wait_child(-1, &st, WNOHANG);
		if (w < 0)
			return inject_fail(err, -errno, "waiting for %d's exec: %s",
					   tid, strerror(errno));
		if (w == 0) {
			if (exec_failed(arg)) {
				int e = inject_release(tid, err);
				return e ? e : 1;
			}
			struct timespec ts = {0, nap};
			if (wait_chld)
				sigtimedwait(&chld, 0, &ts);
			else
				nanosleep(&ts, 0);
			if (nap < max_nap)
				nap *= 2;
			continue;
		}
		nap = first_nap;
		if (w != tid && w != tgid)
			continue; /* another child's end: handed on */
		if (!WIFSTOPPED(st)) {
			t->gone = 1;
			return inject_fail(err, -ESRCH,
					   "process %d ended before its exec", tgid);
		}
		int event = st >> 16;
		if (event == PTRACE_EVENT_EXEC) {
			/* When it stopped: the end of its execve (the old
			 * image knows the beginning). */
			struct timespec now;
			clock_gettime(CLOCK_REALTIME, &now);
			t->exec_stop_ns = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
			/* A thread other than the leader that execs takes
			 * the leader's id. */
			t->pid = w;
			return at_exec_event(w, t, err);
		}
		if (event == PTRACE_EVENT_STOP) {
			/* A group stop (SIGSTOP...): stays stopped until
			 * SIGCONT, as it would untraced. The SIGCONT that
			 * ends it stops the thread once more, with SIGTRAP
			 * (not a group stop): it goes on then. Listening
			 * there too left it stopped for good, its parent
			 * waiting for it (a parent that stops and continues
			 * its child around the child's exec). */
			int sig = WSTOPSIG(st);
			int group = sig == SIGSTOP || sig == SIGTSTP ||
				    sig == SIGTTIN || sig == SIGTTOU;
			ptrace(group ? PTRACE_LISTEN : PTRACE_CONT, w, 0, 0);
			continue;
		}
		/* A signal for the process: it gets it. */
		ptrace(PTRACE_CONT, w, 0, (void *)(long)WSTOPSIG(st));
	}
}
