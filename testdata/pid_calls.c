/* Calls whose arguments and results are pids, for trace_compare_test's
 * pid cases: strace's -Y (the process's name after each pid) with no
 * argument; with "ns", the same calls made in a new user and pid
 * namespace (pid 1 and its child, pid 2), which --pidns-translation shows
 * with the tracer's numbers; with "nsexec", pid 1 of such a namespace
 * execs this program, which makes the calls (a process that begins in a
 * namespace below the tracer's); with "nsvfork", this process enters a new
 * user and pid namespace for its children and a vfork child (pid 1 there)
 * makes the calls, then execs this program, which makes them again. Exits
 * 77 when the namespace is refused. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void calls(void)
{
	pid_t pid = (pid_t)syscall(SYS_getpid);
	pid_t tid = (pid_t)syscall(SYS_gettid);
	syscall(SYS_getppid);
	syscall(SYS_kill, pid, 0);
	syscall(SYS_tgkill, pid, tid, 0);
	syscall(SYS_tkill, tid, 0);
	syscall(SYS_getpgid, pid);
	syscall(SYS_getsid, pid);
	syscall(SYS_sched_getscheduler, pid);
	syscall(SYS_kill, -(int)syscall(SYS_getpgrp), 0);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		calls();
		return 0;
	}
	int exec_them = !strcmp(argv[1], "nsexec");
	int vfork_them = !strcmp(argv[1], "nsvfork");
	if (strcmp(argv[1], "ns") && !exec_them && !vfork_them)
		return 2;
	if (unshare(CLONE_NEWUSER | CLONE_NEWPID)) {
		fprintf(stderr, "unshare: %s\n", strerror(errno));
		return 77;
	}
	if (vfork_them) {
		/* The child runs on our memory until its exec: raw calls. */
		pid_t child = vfork();
		if (child == 0) {
			syscall(SYS_getpid);
			syscall(SYS_gettid);
			syscall(SYS_getppid);
			execl("/proc/self/exe", argv[0], (char *)0);
			_exit(127);
		}
		int status;
		if (child < 0 || waitpid(child, &status, 0) != child)
			return 1;
		return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
	}
	pid_t init = fork();
	if (init < 0)
		return 1;
	if (init == 0) {
		if (exec_them) {
			execl("/proc/self/exe", argv[0], (char *)0);
			_exit(127);
		}
		/* pid 1 in the new namespace, with a child (pid 2). */
		calls();
		pid_t child = fork();
		if (child == 0) {
			calls();
			_exit(0);
		}
		int status;
		waitpid(child, &status, 0);
		syscall(SYS_kill, child, 0); /* gone: no translation */
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
	}
	int status;
	waitpid(init, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
