/* What //tools/trace:attach_test attaches systrap-trace -p to, started
 * natively: its output must be the same whether or not it was attached to
 * and detached from while it ran. Modes (argv[1]):
 *
 *   loop     two threads loop getppid/getpid and 1 ms nanosleeps until a
 *            byte (or EOF) comes on stdin; prints each thread's count of
 *            wrong results and exits 7.
 *   read     blocks in read(0, buf, 64) and prints what it got; exits 0.
 *   pfxread  the same through a syscall with a prefix (`65 0f 05`): the
 *            kernel's restart after the attach goes back to its 0f 05.
 *   signals  its own SIGILL, SIGTRAP and SIGSEGV handlers and SIGUSR2
 *            blocked; reads commands from stdin: 'r' reports their
 *            sigactions and the blocked mask, 'd' those of SIGUSR1,
 *            SIGUSR2 and SIGTERM (SIG_DFL) and the mask, 'f' raises a genuine ud2,
 *            int3 and NULL write and reports what its handlers saw, 'q'
 *            exits 5.
 *   exit MS  makes getpid calls for MS milliseconds, then exits 9.
 *   fork     getppid calls until a byte comes on stdin; then forks a
 *            child, which prints "child PID", makes getppid calls until
 *            a second byte comes, forks a child of its own (getppid,
 *            exit 3), waits for it, calls getuid and exits 0; the
 *            parent waits for it and exits 7. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000 /* the kernel's; glibc sets it itself */
#endif

static volatile int stop;
static pid_t my_pid, my_ppid;

static void *worker(void *arg)
{
	long wrong = 0;
	struct timespec ms = {0, 1000 * 1000};
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		if (getppid() != my_ppid)
			wrong++;
		if (getpid() != my_pid)
			wrong++;
		nanosleep(&ms, 0);
	}
	return (void *)wrong;
}

static int loop_mode(void)
{
	my_pid = getpid();
	my_ppid = getppid();
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], 0, worker, 0);
	char c;
	while (read(0, &c, 1) < 0)
		;
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (int i = 0; i < 2; i++) {
		void *wrong;
		pthread_join(t[i], &wrong);
		printf("worker %d: %ld wrong results\n", i, (long)wrong);
	}
	printf("loop done\n");
	return 7;
}

/* read(fd, buf, n) through `65 0f 05` (prefixed_read.S). */
long pfx_read(long fd, void *buf, long n);

static int read_mode(int prefixed)
{
	char buf[64];
	long n = prefixed ? pfx_read(0, buf, sizeof buf)
			  : (long)read(0, buf, sizeof buf);
	printf("read %ld: %.*s", n, n > 0 ? (int)n : 0, buf);
	printf("\n");
	return 0;
}

/* signals: handlers that jump back to the faulting call's caller. */
static sigjmp_buf back;
static volatile int seen_sig, seen_code;
static volatile void *seen_addr;
extern char ud2_here[];

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	seen_sig = sig;
	seen_code = si->si_code;
	seen_addr = si->si_addr;
	siglongjmp(back, 1);
}

static void on_trap(int sig)
{
	seen_sig = sig;
	seen_code = -1;
	seen_addr = 0;
	siglongjmp(back, 1);
}

static const int fault_sigs[] = {SIGILL, SIGTRAP, SIGSEGV};
static const int default_sigs[] = {SIGUSR1, SIGUSR2, SIGTERM};

static void install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaddset(&sa.sa_mask, SIGUSR1);
	sigaction(SIGILL, &sa, 0);
	sigaction(SIGSEGV, &sa, 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_trap;
	sa.sa_flags = SA_NODEFER;
	sigaddset(&sa.sa_mask, SIGHUP);
	sigaction(SIGTRAP, &sa, 0);
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, 0);
}

static const char *handler_name(void *h)
{
	if (h == (void *)on_fault)
		return "on_fault";
	if (h == (void *)on_trap)
		return "on_trap";
	if (h == (void *)SIG_DFL)
		return "SIG_DFL";
	if (h == (void *)SIG_IGN)
		return "SIG_IGN";
	return "SOMETHING ELSE";
}

static void print_set(const sigset_t *s)
{
	int any = 0;
	for (int sig = 1; sig < 65; sig++)
		if (sigismember(s, sig) == 1) {
			printf("%s%d", any ? "," : "", sig);
			any = 1;
		}
	printf("%s\n", any ? "" : "(none)");
}

static void report(const int *sigs, int n)
{
	for (int i = 0; i < n; i++) {
		struct sigaction sa;
		sigaction(sigs[i], 0, &sa);
		printf("%s: handler %s flags %#lx mask ", strsignal(sigs[i]),
		       handler_name((void *)sa.sa_sigaction),
		       (unsigned long)(sa.sa_flags & ~SA_RESTORER));
		print_set(&sa.sa_mask);
	}
	sigset_t now;
	sigprocmask(SIG_BLOCK, 0, &now);
	printf("blocked: ");
	print_set(&now);
}

static void fault(int which)
{
	seen_sig = 0;
	if (!sigsetjmp(back, 1)) {
		if (which == 0)
			__asm__ volatile(".globl ud2_here\nud2_here: ud2");
		else if (which == 1)
			__asm__ volatile("int3");
		else
			*(volatile int *)0 = 1;
		printf("fault %d: not raised\n", which);
		return;
	}
	const char *where = "elsewhere";
	if (seen_addr == 0)
		where = "0";
	else if (seen_addr == (void *)ud2_here)
		where = "the ud2";
	printf("%s caught: si_code %d, address %s\n", strsignal(seen_sig),
	       seen_code, where);
}

static int signals_mode(void)
{
	install();
	char c;
	for (;;) {
		ssize_t n = read(0, &c, 1);
		if (n < 0)
			continue;
		if (n == 0 || c == 'q')
			break;
		if (c == 'r')
			report(fault_sigs, 3);
		else if (c == 'd')
			report(default_sigs, 3);
		else if (c == 'f')
			for (int i = 0; i < 3; i++)
				fault(i);
		else
			continue;
		printf("--\n");
		fflush(stdout);
	}
	printf("bye\n");
	return 5;
}

static int exit_mode(long ms)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		syscall(SYS_getpid);
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
	return 9;
}

/* Until a byte (or EOF) is on stdin, a getppid each 1 ms. */
static void calls_until_input(void)
{
	struct timespec ms = {0, 1000 * 1000};
	for (;;) {
		syscall(SYS_getppid);
		struct timeval none = {0, 0};
		fd_set in;
		FD_ZERO(&in);
		FD_SET(0, &in);
		if (select(1, &in, 0, 0, &none) > 0) {
			char c;
			(void)read(0, &c, 1);
			return;
		}
		nanosleep(&ms, 0);
	}
}

static int fork_mode(void)
{
	calls_until_input();
	pid_t c = fork();
	if (c == 0) {
		printf("child %d\n", (int)getpid());
		calls_until_input();
		pid_t g = fork();
		if (g == 0) {
			syscall(SYS_getppid);
			_exit(3);
		}
		waitpid(g, 0, 0);
		syscall(SYS_getuid);
		_exit(0);
	}
	waitpid(c, 0, 0);
	return 7;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "loop"))
		return loop_mode();
	if (argc > 1 && !strcmp(argv[1], "read"))
		return read_mode(0);
	if (argc > 1 && !strcmp(argv[1], "pfxread"))
		return read_mode(1);
	if (argc > 1 && !strcmp(argv[1], "signals"))
		return signals_mode();
	if (argc > 2 && !strcmp(argv[1], "exit"))
		return exit_mode(atol(argv[2]));
	if (argc > 1 && !strcmp(argv[1], "fork"))
		return fork_mode();
	fprintf(stderr, "usage: attach_target loop|read|pfxread|signals|exit MS|fork\n");
	return 2;
}
