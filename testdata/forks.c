/* Modes: fork (child prints, exits 3; parent waits), vfork-exec (200 x vfork
 * + execve /bin/true), vfork-exit (200 x vfork + _exit(7)), spawn
 * (posix_spawn of /bin/echo), threads-fork (two threads make calls while
 * the main thread forks 20 children that make calls and exit 5),
 * child-actions (a vfork child, then a clone(CLONE_VM) child, sets signal
 * actions and reads them back, as posix_spawn's and Go's children reset
 * theirs; the parent prints what each read, then its own), turns (a
 * thread, then another, then a forked child, then a vfork child, each
 * writing a line and ended before the next begins, the main thread
 * writing a line after each: strace prefixes its lines with "[pid N]"
 * only while another task lives), exec-many (40 children forked at once,
 * each execs /bin/echo x: more execs at once than the launch channel has
 * requests), execveat (an execveat that fails with ENOENT, then one of
 * /bin/echo), vfork-killed (a vfork child sends its waiting parent
 * SIGTERM, which kills it). */
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void *caller(void *arg)
{
	long *ok = arg;
	for (int i = 0; i < 20000; i++)
		*ok += syscall(SYS_getppid) == getppid();
	return 0;
}

static int threads_fork(void)
{
	pthread_t t[2];
	long ok[2] = {0, 0};
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], 0, caller, &ok[i]);
	int good = 0;
	for (int i = 0; i < 20; i++) {
		pid_t p = fork();
		if (p == 0) {
			int n = 0;
			for (int k = 0; k < 100; k++)
				n += syscall(SYS_getpid) == getpid();
			_exit(n == 100 ? 5 : 6);
		}
		int st;
		if (p > 0 && waitpid(p, &st, 0) == p && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 5)
			good++;
	}
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], 0);
	printf("children as expected: %d of 20; thread calls: %ld %ld\n", good,
	       ok[0], ok[1]);
	return 0;
}

static pid_t said_tid; /* say_thread's, for wait_thread_gone */

static void *say_thread(void *arg)
{
	said_tid = (pid_t)syscall(SYS_gettid);
	write(1, arg, strlen(arg));
	return 0;
}

/* pthread_join returns once the kernel has cleared the thread's tid, which
 * is before a ptracer hears of its exit: strace printed the main thread's
 * next write before the thread's "+++ exited" once in ~300 runs. A thread's
 * /proc entry goes when it is released, which under ptrace is the tracer's
 * wait for it: waiting for that gives every tracer the one order. */
static void wait_thread_gone(pid_t tid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/task/%d", (int)tid);
	for (int i = 0; i < 2000 && access(path, F_OK) == 0; i++)
		usleep(1000);
}

static int turns(void)
{
	write(1, "main\n", 5);
	for (int i = 0; i < 2; i++) {
		pthread_t t;
		if (pthread_create(&t, 0, say_thread, i ? "thread 2\n" : "thread 1\n") ||
		    pthread_join(t, 0))
			return 1;
		wait_thread_gone(said_tid);
		write(1, "joined\n", 7);
	}
	int st;
	pid_t p = fork();
	if (p == 0) {
		write(1, "child\n", 6);
		_exit(3);
	}
	if (p < 0 || waitpid(p, &st, 0) != p)
		return 1;
	write(1, "reaped\n", 7);
	p = vfork();
	if (p == 0)
		_exit(4);
	if (p < 0 || waitpid(p, &st, 0) != p)
		return 1;
	write(1, "done\n", 5);
	return 0;
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* What a child read back, in memory it shares with its parent. */
static volatile uintptr_t read_back[4];

static uintptr_t action_now(int sig)
{
	struct sigaction o;
	return sigaction(sig, 0, &o) ? (uintptr_t)-1 : (uintptr_t)o.sa_handler;
}

/* SIGUSR1 (a handler in the parent) and SIGINT (ignored there) to SIG_DFL,
 * SIGTERM to SIG_IGN, each read back after; SIGQUIT read as inherited. */
static int set_and_read(void *unused)
{
	(void)unused;
	struct sigaction d;
	memset(&d, 0, sizeof d);
	d.sa_handler = SIG_DFL;
	sigaction(SIGUSR1, &d, 0);
	read_back[0] = action_now(SIGUSR1);
	sigaction(SIGINT, &d, 0);
	read_back[1] = action_now(SIGINT);
	d.sa_handler = SIG_IGN;
	sigaction(SIGTERM, &d, 0);
	read_back[2] = action_now(SIGTERM);
	read_back[3] = action_now(SIGQUIT);
	return 0;
}

static const char *action_name(uintptr_t h)
{
	return h == (uintptr_t)SIG_DFL	      ? "SIG_DFL"
	       : h == (uintptr_t)SIG_IGN      ? "SIG_IGN"
	       : h == (uintptr_t)on_usr1      ? "on_usr1"
	       : h == (uintptr_t)-1	      ? "(failed)"
					      : "(other)";
}

static void print_read_back(const char *who)
{
	printf("%s read USR1=%s INT=%s TERM=%s QUIT=%s\n", who,
	       action_name(read_back[0]), action_name(read_back[1]),
	       action_name(read_back[2]), action_name(read_back[3]));
}

static int child_actions(void)
{
	signal(SIGUSR1, on_usr1);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	pid_t p = vfork();
	if (p == 0) {
		set_and_read(0);
		_exit(0);
	}
	waitpid(p, 0, 0);
	print_read_back("vfork child");
	memset((void *)read_back, 0, sizeof read_back);
	size_t size = 256 * 1024;
	char *stack = malloc(size);
	p = clone(set_and_read, stack + size, CLONE_VM | SIGCHLD, 0);
	waitpid(p, 0, 0);
	free(stack);
	print_read_back("clone(CLONE_VM) child");
	read_back[0] = action_now(SIGUSR1);
	read_back[1] = action_now(SIGINT);
	read_back[2] = action_now(SIGTERM);
	read_back[3] = action_now(SIGQUIT);
	print_read_back("parent");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	const char *m = argc > 1 ? argv[1] : "fork";
	if (!strcmp(m, "fork")) {
		pid_t p = fork();
		if (p == 0) {
			printf("child says hello\n");
			_exit(3);
		}
		int st;
		waitpid(p, &st, 0);
		printf("parent: child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return 0;
	}
	if (!strcmp(m, "vfork-exec") || !strcmp(m, "vfork-exit")) {
		int exec = !strcmp(m, "vfork-exec");
		int good = 0;
		for (int i = 0; i < 200; i++) {
			pid_t p = vfork();
			if (p == 0) {
				if (exec) {
					char *av[] = {"/bin/true", 0};
					execve("/bin/true", av, environ);
				}
				_exit(7);
			}
			if (p < 0)
				break;
			int st;
			if (waitpid(p, &st, 0) == p && WIFEXITED(st) &&
			    WEXITSTATUS(st) == (exec ? 0 : 7))
				good++;
		}
		printf("%s: %d of 200 as expected\n", m, good);
		return good == 200 ? 0 : 1;
	}
	if (!strcmp(m, "vfork-killed")) {
		/* The child sends its parent SIGTERM (default action) while
		 * the parent waits for it: delivered as the parent wakes,
		 * before anything it runs; the parent dies of it (143). */
		pid_t p = vfork();
		if (p == 0) {
			syscall(SYS_kill, getppid(), SIGTERM);
			_exit(0);
		}
		if (p > 0)
			waitpid(p, 0, 0);
		printf("the parent survived its SIGTERM\n");
		return 7;
	}
	if (!strcmp(m, "threads-fork"))
		return threads_fork();
	if (!strcmp(m, "child-actions"))
		return child_actions();
	if (!strcmp(m, "turns"))
		return turns();
	if (!strcmp(m, "exec-many")) {
		for (int i = 0; i < 40; i++)
			if (fork() == 0) {
				char *av[] = {"echo", "x", 0};
				execve("/bin/echo", av, environ);
				_exit(127);
			}
		int st, good = 0;
		while (wait(&st) > 0)
			good += WIFEXITED(st) && WEXITSTATUS(st) == 0;
		return good == 40 ? 0 : 1;
	}
	if (!strcmp(m, "execveat")) {
		char *av[] = {"echo", "execveat", 0};
		syscall(SYS_execveat, AT_FDCWD, "/nonexistent", av, environ, 0);
		syscall(SYS_execveat, AT_FDCWD, "/bin/echo", av, environ, 0);
		return 2;
	}
	if (!strcmp(m, "spawn")) {
		char *av[] = {"/bin/echo", "spawned", "echo", 0};
		pid_t p;
		int r = posix_spawn(&p, "/bin/echo", 0, 0, av, environ);
		if (r)
			return 2;
		int st;
		waitpid(p, &st, 0);
		printf("echo exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return 0;
	}
	return 2;
}
