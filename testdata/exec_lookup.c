/* Execs that fail, for //tools/trace:image_test: where the path's lookup
 * finds no file (answered from that lookup, with no launcher), where it
 * finds one that cannot run (the kernel's to answer), and where a seccomp
 * filter or a change of user may answer otherwise than the lookup.
 *   exec_lookup errors DIR    each case's errno, one line each
 *   exec_lookup stopped DIR   under systrap-trace only: the lookup cases
 *                             with the launcher (our parent) stopped, then
 *                             whether any of them waited for it
 *   exec_lookup filtered      a filter that refuses execveat with EPERM,
 *                             then execveat of a missing file, here and in
 *                             the program exec'd after it
 *   exec_lookup traced        a child that asked to be traced
 *                             (PTRACE_TRACEME) execs a missing file; this
 *                             process, its tracer, refuses every execve at
 *                             its entry with EPERM
 *   exec_lookup nproc         (root) over RLIMIT_NPROC after a setuid: an
 *                             execve of a missing file fails with EAGAIN
 *                             ("nproc: not root" or "cannot change user"
 *                             where it cannot be made so)
 * DIR: a writable directory for a symbolic link loop and a link to
 * /bin/true. Status 0, or 2 on a bad command line. */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testdata/proc_watch.h"

static char *const no_args[] = {"exec_lookup_target", 0};
static char *const no_env[] = {0};

static void say(const char *what, long r)
{
	printf("%s: %s\n", what, r < 0 ? strerrorname_np(errno) : "ran");
	fflush(stdout);
}

static long exec_at(int dirfd, const char *path, int flags)
{
	return syscall(SYS_execveat, dirfd, path, no_args, no_env, flags);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The cases whose lookup finds no file. Returns the longest one's time. */
static double lookups(const char *dir)
{
	static char too_long[5000], long_name[300];
	char loop[4096];
	snprintf(loop, sizeof loop, "%s/exec_lookup_loop", dir);
	unlink(loop);
	if (symlink(loop, loop)) /* a link to itself */
		perror("symlink");
	memset(too_long, 'a', sizeof too_long - 1);
	long_name[0] = '/';
	memset(long_name + 1, 'b', sizeof long_name - 2);
	struct {
		const char *what, *path;
		int at;
	} cases[] = {
		{"missing", "/nonexistent/exec_lookup_missing", 0},
		{"missing relative", "exec_lookup_missing_here", 0},
		{"under a file", "/dev/null/exec_lookup", 0},
		{"loop", loop, 0},
		{"path too long", too_long, 0},
		{"name too long", long_name, 0},
		{"empty", "", 0},
		{"execveat missing", "/nonexistent/exec_lookup_missing", 1},
	};
	double longest = 0;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		double t0 = now();
		long r = cases[i].at ? exec_at(AT_FDCWD, cases[i].path, 0)
				     : execve(cases[i].path, no_args, no_env);
		double took = now() - t0;
		if (took > longest)
			longest = took;
		say(cases[i].what, r);
	}
	unlink(loop);
	return longest;
}

/* The cases whose lookup finds a file, or cannot be made. */
static void found(const char *dir)
{
	char link[4096];
	snprintf(link, sizeof link, "%s/exec_lookup_true", dir);
	unlink(link);
	if (symlink("/bin/true", link))
		perror("symlink");
	say("not a regular file", execve("/dev/null", no_args, no_env));
	say("a directory", execve("/", no_args, no_env));
	say("execveat of a link, not followed",
	    exec_at(AT_FDCWD, link, AT_SYMLINK_NOFOLLOW));
	say("execveat with a bad fd", exec_at(-5, "relative", 0));
	say("execveat with an unknown flag",
	    exec_at(AT_FDCWD, "/nonexistent/exec_lookup_missing", 0x40000));
	say("bad path", syscall(SYS_execve, (char *)8, no_args, no_env));
	unlink(link);
}

static long refuse_execveat(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_execveat, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof f / sizeof *f, f};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/* The tracer of child (stopped by its own SIGSTOP after PTRACE_TRACEME):
 * each execve refused at its entry (the call skipped, EPERM at its exit),
 * every other stop let go on, until it ends. */
static int refuse_execs(pid_t child)
{
	int status, refusing = 0;
	if (waitpid(child, &status, 0) != child || !WIFSTOPPED(status))
		return 1;
	ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD);
	ptrace(PTRACE_SYSCALL, child, 0, 0);
	for (int stops = 0; stops < 100000; stops++) {
		if (waitpid(child, &status, 0) != child)
			return 1;
		if (WIFEXITED(status) || WIFSIGNALED(status))
			return 0;
		int sig = 0;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
			struct user_regs_struct r;
			ptrace(PTRACE_GETREGS, child, 0, &r);
			if (r.orig_rax == SYS_execve &&
			    r.rax == (unsigned long long)-ENOSYS) {
				r.orig_rax = (unsigned long long)-1;
				ptrace(PTRACE_SETREGS, child, 0, &r);
				refusing = 1;
			} else if (refusing &&
				   r.orig_rax == (unsigned long long)-1) {
				r.rax = (unsigned long long)-EPERM;
				ptrace(PTRACE_SETREGS, child, 0, &r);
				refusing = 0;
			}
		} else {
			sig = WSTOPSIG(status);
		}
		ptrace(PTRACE_SYSCALL, child, 0, sig);
	}
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	const char *mode = argv[1];
	if (!strcmp(mode, "errors") && argc > 2) {
		lookups(argv[2]);
		found(argv[2]);
		return 0;
	}
	if (!strcmp(mode, "stopped") && argc > 2) {
		/* The launcher serves requests while it waits for signals:
		 * stopped there, it answers none until continued. */
		pid_t launcher = getppid();
		struct timespec nap = {0, 10 * 1000 * 1000};
		for (int i = 0; i < 500 && !proc_in_call(launcher, SYS_rt_sigtimedwait);
		     i++)
			nanosleep(&nap, 0);
		kill(launcher, SIGSTOP);
		for (int i = 0; i < 200 && !proc_stopped(launcher); i++)
			nanosleep(&nap, 0);
		double longest = lookups(argv[2]);
		kill(launcher, SIGCONT);
		printf(longest > 1.0 ? "an exec waited for the launcher\n"
				     : "no exec waited for the launcher\n");
		return 0;
	}
	if (!strcmp(mode, "filtered")) {
		if (refuse_execveat()) {
			perror("seccomp");
			return 1;
		}
		say("filtered", exec_at(AT_FDCWD, "/nonexistent/exec_lookup", 0));
		char *again[] = {argv[0], "filtered-child", 0};
		execv("/proc/self/exe", again);
		perror("execv");
		return 1;
	}
	if (!strcmp(mode, "filtered-child")) {
		say("filtered since before the exec",
		    exec_at(AT_FDCWD, "/nonexistent/exec_lookup", 0));
		return 0;
	}
	if (!strcmp(mode, "traced")) {
		pid_t child = fork();
		if (child == 0) {
			if (ptrace(PTRACE_TRACEME, 0, 0, 0))
				_exit(3);
			raise(SIGSTOP);
			say("traced", execve("/nonexistent/exec_lookup_missing",
					     no_args, no_env));
			_exit(0);
		}
		return child < 0 ? 1 : refuse_execs(child);
	}
	if (!strcmp(mode, "nproc")) {
		if (geteuid() != 0) {
			printf("nproc: not root\n");
			return 0;
		}
		/* One process of the user already, and a limit of none: the
		 * setuid leaves us over it (the kernel's PF_NPROC_EXCEEDED). */
		int ready[2];
		if (pipe(ready))
			return 1;
		pid_t other = fork();
		if (other == 0) {
			close(ready[0]);
			if (setuid(65534))
				_exit(1);
			/* Gone with us, whatever happens to us (after the
			 * setuid, which clears it). */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (write(ready[1], "", 1) != 1)
				_exit(1);
			pause();
			_exit(0);
		}
		char c;
		close(ready[1]);
		/* A user namespace that maps no other user (Bazel's
		 * sandbox): nothing to see. */
		if (read(ready[0], &c, 1) != 1) {
			printf("nproc: cannot change user\n");
			return 0;
		}
		struct rlimit none = {0, 0};
		if (setrlimit(RLIMIT_NPROC, &none) || setuid(65534)) {
			perror("setrlimit, setuid");
			kill(other, SIGKILL);
			return 1;
		}
		say("over RLIMIT_NPROC",
		    execve("/nonexistent/exec_lookup_missing", no_args, no_env));
		kill(other, SIGKILL);
		return 0;
	}
	return 2;
}
