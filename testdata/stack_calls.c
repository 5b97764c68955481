/* Calls whose stacks strace -k prints, in the shapes a stack walk meets,
 * for //tools/trace:trace_compare_test's StackTracesMatchStrace: calls from
 * nested functions without frame pointers; from a function whose frame is
 * its frame pointer (alloca); from a signal handler on an alternate stack,
 * through the kernel's signal frame into the interrupted code; a call a
 * signal interrupts (its line, the signal's, the handler's rt_sigreturn);
 * a recursion deeper than strace's 256 frames; a fork whose child execs
 * this program again ("child": its own line, then it exits); confined by
 * a seccomp filter that kills it for an openat ("confined": a walk there
 * may read no file, yet its stacks are shown, as strace shows them); two
 * threads making calls side by side ("threads": under -f each line with
 * its own stack); a read on a pipe that a SA_RESTART handler's signal
 * interrupts and the kernel restarts ("restart": the handler's and
 * rt_sigreturn's stacks show the read at its syscall instruction). Its
 * end is a function whose last instruction is the call of exit, right
 * before another function's first (its return address: named by the
 * call, as strace names callers). Writes "stack_calls: start" first,
 * which the test compares from. */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testdata/proc_watch.h"

static void say(const char *s)
{
	write(1, s, strlen(s));
}

__attribute__((noinline)) static void inner(void)
{
	getppid();
}

__attribute__((noinline)) static void outer(void)
{
	inner();
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline, optimize("no-omit-frame-pointer"))) static int
with_frame_pointer(int n)
{
	char *buf = __builtin_alloca(n + 1);
	memset(buf, '.', n);
	buf[n] = 0;
	return (int)syscall(SYS_getuid) + buf[n / 2];
}

__attribute__((noinline)) static int deep(int n)
{
	if (n == 0)
		return (int)syscall(SYS_getgid);
	int r = deep(n - 1);
	__asm__ volatile("" ::: "memory");
	return r;
}

static void on_usr1(int sig)
{
	getpid();
}

static void on_alarm(int sig)
{
}

/* A filter that kills the process for any openat; a mapping made after
 * it (the walk's maps are then out of date). */
__attribute__((noinline)) static void confine(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof f / sizeof *f, f};
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	munmap(mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
	       4096);
	outer();
}

static void *thread_calls(void *arg)
{
	for (int i = 0; i < 50; i++) {
		if (arg)
			getuid();
		else
			getgid();
	}
	return 0;
}

static void threads(void)
{
	pthread_t a, b;
	pthread_create(&a, 0, thread_calls, (void *)1);
	pthread_create(&b, 0, thread_calls, 0);
	pthread_join(a, 0);
	pthread_join(b, 0);
}

static void on_restart_signal(int sig)
{
	getppid();
}

/* Waits (5 s at most) until done(pid) says so; where /proc cannot tell,
 * 50 ms, as before it was asked. */
static void await(pid_t pid, int (*done)(pid_t))
{
	struct timespec nap = {0, 10 * 1000 * 1000};
	for (int i = 0; i < 500; i++) {
		int d = done(pid);
		if (d < 0) {
			usleep(50000);
			return;
		}
		if (d)
			return;
		nanosleep(&nap, 0);
	}
}

static int reading(pid_t pid)
{
	long nr = proc_waits_in(pid);
	return nr == -1 ? -1 : nr == SYS_read;
}

static int usr2_taken(pid_t pid)
{
	int p = proc_signal_pending(pid, SIGUSR2);
	return p < 0 ? -1 : !p;
}

static void restart(void)
{
	int fds[2];
	pipe(fds);
	if (fork() == 0) {
		/* The parent's read waits; then a signal, taken there; then a
		 * byte. Each step waits for the last, on a busy machine too: a
		 * signal before the read is not an interrupted read, and a
		 * byte before the signal is taken ends the read before the
		 * signal interrupts it. Once it is taken the read has ended
		 * (ERESTARTSYS); the last wait, for the read made again, is
		 * met at once under strace, whose stop at the signal still
		 * shows the read. Reading another process's /proc/PID/syscall
		 * takes ptrace rights over it: where Yama refuses them (scope
		 * 1, no CAP_SYS_PTRACE), each wait is the old 50 ms. */
		pid_t parent = getppid();
		await(parent, reading);
		kill(parent, SIGUSR2);
		await(parent, usr2_taken);
		await(parent, reading);
		write(fds[1], "x", 1);
		_exit(0);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_restart_signal;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR2, &sa, 0);
	char c;
	read(fds[0], &c, 1);
	wait(0);
}

/* Its call of exit is its last instruction: no return, and with -O1 no
 * padding before the next function, whose first byte is the call's
 * return address. */
__attribute__((noinline, noreturn)) static void finish(void)
{
	say("stack_calls: end\n");
	exit(0);
}

__attribute__((noinline)) int after_finish(int x)
{
	return x + 1;
}

int main(int argc, char **argv)
{
	say("stack_calls: start\n");
	if (argc > 1 && !strcmp(argv[1], "threads")) {
		threads();
		finish();
	}
	if (argc > 1 && !strcmp(argv[1], "restart")) {
		restart();
		finish();
	}
	if (argc > 1 && !strcmp(argv[1], "child")) {
		getppid();
		return 3;
	}
	if (argc > 1 && !strcmp(argv[1], "confined")) {
		outer();
		confine();
		say("stack_calls: end\n");
		return 0;
	}
	outer();
	with_frame_pointer(40);

	stack_t ss = {.ss_sp = malloc(65536), .ss_size = 65536};
	sigaltstack(&ss, 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &sa, 0);
	raise(SIGUSR1);

	/* A wait a signal ends: nanosleep interrupted by SIGALRM. */
	sa.sa_handler = on_alarm;
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, 0);
	struct itimerval soon = {{0, 0}, {0, 50000}};
	setitimer(ITIMER_REAL, &soon, 0);
	struct timespec long_wait = {30, 0};
	nanosleep(&long_wait, 0);

	deep(300);

	if (argc > 1 && !strcmp(argv[1], "fork")) {
		pid_t pid = fork();
		if (pid == 0) {
			execl("/proc/self/exe", argv[0], "child", (char *)0);
			_exit(127);
		}
		int status;
		waitpid(pid, &status, 0);
	}
	finish();
}
