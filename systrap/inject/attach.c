/* Stopping every thread of a running process, and letting them go
 * (inject.h). */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "systrap/arch/remote_regs.h"
#include "systrap/inject/child_wait.h"
#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"
#include "systrap/inject/proc_pid.h"

static int have(const struct inject_target *t, int n, pid_t tid)
{
	for (int i = 0; i < n; i++)
		if (t[i].pid == tid)
			return 1;
	return 0;
}

/* Waits for tid's interrupt stop; a signal that comes first is delivered
 * (the thread runs its handler, then stops). *stop_sig: the stop signal
 * of a group stop in effect (the kernel reports it as PTRACE_EVENT_STOP
 * with that signal; an interrupt alone says SIGTRAP), else 0. */
static int wait_stopped(pid_t tid, int *stop_sig, struct inject_error *err)
{
	for (;;) {
		int st;
		pid_t w = inject_wait_child(tid, &st, 0);
		if (w < 0)
			return inject_fail(err, -errno, "waiting for thread %d: %s",
					   tid, strerror(errno));
		if (WIFEXITED(st) || WIFSIGNALED(st))
			return inject_fail(err, -ESRCH, "thread %d ended while "
					   "we attached", tid);
		if (!WIFSTOPPED(st))
			continue;
		if (st >> 16 == PTRACE_EVENT_STOP) {
			*stop_sig = WSTOPSIG(st) == SIGTRAP ? 0 : WSTOPSIG(st);
			return 0;
		}
		ptrace(PTRACE_CONT, tid, 0, (void *)(long)WSTOPSIG(st));
	}
}

int inject_attach_all(pid_t pid, struct inject_target *threads, int max,
		      struct inject_error *err)
{
	char dir[64];
	inject_proc_path(dir, sizeof dir, pid, "task");
	int n = 0;
	/* Until a pass over the thread list finds no thread we lack: a
	 * thread not yet stopped may make another. */
	for (int pass = 0; pass < 100; pass++) {
		DIR *d = opendir(dir);
		if (!d) {
			int e = errno;
			if (n)
				inject_detach_all(threads, n);
			return inject_fail(err, e == ENOENT ? -ESRCH : -e,
					   e == ENOENT ? "process %d does not exist"
						       : "cannot read the threads of %d",
					   (int)pid);
		}
		int added = 0;
		struct dirent *de;
		while ((de = readdir(d))) {
			pid_t tid = (pid_t)atoi(de->d_name);
			if (tid <= 0 || have(threads, n, tid))
				continue;
			if (n == max) {
				closedir(d);
				inject_detach_all(threads, n);
				return inject_fail(err, -E2BIG, "process %d has more than "
						   "%d threads", (int)pid, max);
			}
			if (ptrace(PTRACE_SEIZE, tid, 0, 0) != 0) {
				if (errno == ESRCH)
					continue; /* it just ended */
				int e = errno;
				closedir(d);
				inject_detach_all(threads, n);
				return inject_fail(err, -e, "cannot attach to process "
						   "%d: %s%s", (int)pid, strerror(e),
						   e == EPERM ? " (another tracer, "
						   "or not permitted: see ptrace(2), "
						   "Yama's ptrace_scope)" : "");
			}
			int stop_sig = 0;
			if (ptrace(PTRACE_INTERRUPT, tid, 0, 0) != 0 ||
			    wait_stopped(tid, &stop_sig, err)) {
				ptrace(PTRACE_DETACH, tid, 0, 0);
				continue; /* it ended meanwhile */
			}
			struct inject_target *t = &threads[n++];
			memset(t, 0, sizeof *t);
			t->pid = tid;
			t->stop_sig = stop_sig;
			struct remote_regs regs;
			if (!remote_regs_get(tid, &regs)) {
				t->initial_pc = remote_regs_pc(&regs);
				t->initial_sp = remote_regs_sp(&regs);
				t->restart_pc = remote_regs_restart_pc(&regs);
			}
			added++;
		}
		closedir(d);
		if (!added)
			break;
	}
	if (!n)
		return inject_fail(err, -ESRCH, "process %d does not exist",
				   (int)pid);
	return n;
}

void inject_detach_all(struct inject_target *threads, int n)
{
	for (int i = 0; i < n; i++)
		if (!threads[i].gone) {
			for (int sig = 1; sig <= 64; sig++)
				if (threads[i].deferred_signals & (1ull << (sig - 1)))
					kill(threads[i].pid, sig);
			ptrace(PTRACE_DETACH, threads[i].pid, 0, 0);
		}
}
