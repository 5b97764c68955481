/* The program's own signal handlers. Modes:
 *   usr1     SIGUSR1 via raise and kill; the handler writes (a syscall) and
 *            returns normally, so rt_sigreturn must work
 *   raises N SIGUSR1 raised N times, its plain handler counting: N
 *            rt_sigreturns from libc's restorer
 *   restorers  SIGUSR1 raised 70 times, its handler returning each time
 *            through another restorer of the program's own (rt_sigaction
 *            made raw, SA_RESTORER): 70 rt_sigreturn sites, more than a
 *            tracer has gadgets of one kind
 *   restart  SA_RESTART: a read on a pipe interrupted by SIGALRM restarts
 *            (the handler writes the byte the read then gets)
 *   eintr    no SA_RESTART: the same read fails with EINTR
 *   altstack sigaltstack + SA_ONSTACK handler making syscalls
 *   readback actions set with flags the kernel does not know (SA_UNSUPPORTED,
 *            the high bits) and every signal in sa_mask, read back raw for
 *            a plain signal, the trap signals and the fault signals (the
 *            kernel clears the unknown flags, SIGKILL and SIGSTOP); then an
 *            SA_RESETHAND handler run: its handler reads back SIG_DFL, its
 *            flags as they were
 *   unblock-pending  a SIGUSR1 pending while blocked, unblocked by
 *            sigprocmask, whose old mask is checked (20 times)
 *   bad-how  rt_sigprocmask with an unknown how: its result and the old
 *            mask's memory printed
 *   sigreturn-masks  handlers returning to masks that block the signals
 *            systrap owns (SIGILL, SIGTRAP, SIGSYS): a plain handler's, a
 *            handler's whose sa_mask holds them, one that ended a
 *            sigsuspend while everything else was blocked, and handlers
 *            of signals that waited while everything was blocked,
 *            delivered as sigprocmask unblocks them (dash around its
 *            vforks) */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t hits;
static int pipefd[2];
static char *alt_lo, *alt_hi;
static volatile int on_alt;

static void usr1_handler(int sig)
{
	static const char msg[] = "in SIGUSR1 handler\n";
	write(1, msg, sizeof msg - 1);
	hits++;
}

static void alarm_handler(int sig)
{
	char c = 'x';
	write(pipefd[1], &c, 1);
	hits++;
}

static void alt_handler(int sig)
{
	char here;
	on_alt = &here >= alt_lo && &here < alt_hi;
	static const char msg[] = "in altstack handler\n";
	write(1, msg, sizeof msg - 1);
	hits += getpid() > 0;
}

static int read_test(int restart)
{
	if (pipe(pipefd))
		return 2;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = alarm_handler;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGALRM, &sa, 0);
	struct itimerval it = {{0, 0}, {0, 100 * 1000}};
	setitimer(ITIMER_REAL, &it, 0);
	char c = 0;
	ssize_t r = read(pipefd[0], &c, 1);
	int e = errno;
	printf("read returned %zd%s%s, handler ran %d times\n", r,
	       r < 0 ? " errno " : "", r < 0 ? strerror(e) : "", (int)hits);
	if (r == 1)
		printf("got byte %c\n", c);
	return 0;
}

/* The kernel's struct for rt_sigaction (x86-64). */
struct raw_action {
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

static void oneshot_handler(int sig)
{
	(void)sig;
	hits++;
}

static int readback(void)
{
	const int sigs[] = {SIGUSR1, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGSYS};
	for (unsigned i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct raw_action act = {(void *)oneshot_handler,
					 0xffffffff00000000UL | 0x400 |
						 SA_SIGINFO | SA_ONSTACK,
					 0, ~0ULL},
				  old;
		if (syscall(SYS_rt_sigaction, sigs[i], &act, 0, 8) ||
		    syscall(SYS_rt_sigaction, sigs[i], 0, &old, 8))
			return 2;
		printf("%s flags %lx mask %llx\n", strsignal(sigs[i]), old.flags,
		       (unsigned long long)old.mask);
	}
	struct sigaction sa, now;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = oneshot_handler;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (unsigned i = 0; i < 3; i++) {
		int sig = (int[]){SIGUSR1, SIGILL, SIGTRAP}[i];
		sigaction(sig, &sa, 0);
		raise(sig);
		sigaction(sig, 0, &now);
		printf("%s after a one-shot run: %s, flags %x\n", strsignal(sig),
		       now.sa_handler == SIG_DFL ? "SIG_DFL" : "kept",
		       (unsigned)now.sa_flags);
	}
	printf("handler ran %d times\n", (int)hits);
	return 0;
}

/* A signal pending while blocked is delivered as sigprocmask unblocks it,
 * and the old mask sigprocmask wrote is what it was (each time over a
 * poisoned copy): SIGUSR1 raised with everything blocked, then unblocked,
 * 20 times. Prints how many old masks were wrong. */
static int unblock_pending(void)
{
	signal(SIGUSR1, usr1_handler);
	int wrong = 0;
	for (int i = 0; i < 20; i++) {
		sigset_t all, none, old;
		sigfillset(&all);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &all, 0);
		raise(SIGUSR1);
		memset(&old, 0, sizeof old);
		sigprocmask(SIG_SETMASK, &none, &old);
		wrong += !sigismember(&old, SIGTERM);
	}
	printf("%d old masks wrong, handler ran %d times\n", wrong, (int)hits);
	return wrong ? 1 : 0;
}

static void nothing(int sig)
{
	(void)sig;
}

/* rt_sigreturn's mask is the one the frame gives back: the owned signals
 * blocked there as the program blocked them. */
static int sigreturn_masks(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = nothing;
	sigaction(SIGUSR1, &sa, 0);
	sigaddset(&sa.sa_mask, SIGILL);
	sigaddset(&sa.sa_mask, SIGSYS);
	sigaction(SIGUSR2, &sa, 0);
	sigaction(SIGCHLD, &sa, 0);
	sigset_t owned, all, none;
	sigemptyset(&owned);
	sigaddset(&owned, SIGILL);
	sigaddset(&owned, SIGTRAP);
	sigaddset(&owned, SIGSYS);
	sigfillset(&all);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &owned, 0);
	raise(SIGUSR1); /* back to [ILL TRAP SYS] */
	sigprocmask(SIG_UNBLOCK, &owned, 0);
	raise(SIGUSR2); /* back to [], the wrapper's [ILL SYS] gone */
	sigprocmask(SIG_BLOCK, &all, 0);
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	sigsuspend(&none); /* SIGCHLD: back to everything blocked */
	sigprocmask(SIG_SETMASK, &none, 0);
	/* Pending while everything is blocked, delivered as the mask that
	 * lets them through is set: back to that mask, [] (the owned signals
	 * were shown still blocked there: the old mask's). */
	sigprocmask(SIG_SETMASK, &all, 0);
	raise(SIGUSR1);
	sigprocmask(SIG_SETMASK, &none, 0);
	sigprocmask(SIG_BLOCK, &all, 0);
	raise(SIGUSR2);
	sigprocmask(SIG_UNBLOCK, &all, 0);
	return 0;
}

static volatile sig_atomic_t counted;

static void counting_handler(int sig)
{
	(void)sig;
	counted++;
}

/* 70 restorers, 16 bytes apart, each `mov $15,%eax; syscall`. */
#define RESTORERS 70
__asm__(".text\n"
	".p2align 4\n"
	"signals_restorers:\n"
	".rept 70\n"
	"mov $15, %eax\n"
	"syscall\n"
	".p2align 4\n"
	".endr\n");
extern const char signals_restorers[];

static int restorers(void)
{
	struct {
		void (*handler)(int);
		unsigned long flags;
		const void *restorer;
		uint64_t mask;
	} act = {counting_handler, 0x04000000 /* SA_RESTORER */, 0, 0};
	for (int i = 0; i < RESTORERS; i++) {
		act.restorer = signals_restorers + 16 * i;
		if (syscall(SYS_rt_sigaction, SIGUSR1, &act, 0, 8))
			return 1;
		raise(SIGUSR1);
	}
	printf("handled %d through %d restorers\n", (int)counted, RESTORERS);
	return counted == RESTORERS ? 0 : 1;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	const char *mode = argc > 1 ? argv[1] : "usr1";
	if (!strcmp(mode, "usr1")) {
		signal(SIGUSR1, usr1_handler);
		for (int i = 0; i < 3; i++)
			raise(SIGUSR1);
		kill(getpid(), SIGUSR1);
		printf("handler ran %d times\n", (int)hits);
		return hits == 4 ? 0 : 1;
	}
	if (!strcmp(mode, "raises") && argc > 2) {
		int n = atoi(argv[2]);
		signal(SIGUSR1, counting_handler);
		for (int i = 0; i < n; i++)
			raise(SIGUSR1);
		printf("handled %d of %d\n", (int)counted, n);
		return counted == n ? 0 : 1;
	}
	if (!strcmp(mode, "restorers"))
		return restorers();
	if (!strcmp(mode, "readback"))
		return readback();
	if (!strcmp(mode, "sigreturn-masks"))
		return sigreturn_masks();
	if (!strcmp(mode, "unblock-pending"))
		return unblock_pending();
	if (!strcmp(mode, "bad-how")) {
		/* An unknown how: EINVAL, and the old mask's memory left
		 * as it was (the kernel checks how before it writes). */
		uint64_t set = 0, old = 0xababababababababULL;
		long r = syscall(SYS_rt_sigprocmask, 77, &set, &old, 8);
		printf("%ld %s %llx\n", r, strerror(errno),
		       (unsigned long long)old);
		return 0;
	}
	if (!strcmp(mode, "restart"))
		return read_test(1);
	if (!strcmp(mode, "eintr"))
		return read_test(0);
	if (!strcmp(mode, "altstack")) {
		size_t size = 64 * 1024;
		alt_lo = malloc(size);
		alt_hi = alt_lo + size;
		stack_t ss = {.ss_sp = alt_lo, .ss_size = size, .ss_flags = 0};
		if (sigaltstack(&ss, 0))
			return 2;
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = alt_handler;
		sa.sa_flags = SA_ONSTACK;
		sigaction(SIGUSR2, &sa, 0);
		raise(SIGUSR2);
		printf("handler ran %d times, on altstack: %s\n", (int)hits,
		       on_alt ? "yes" : "no");
		stack_t now;
		sigaltstack(0, &now);
		printf("altstack still set: %s\n",
		       now.ss_sp == alt_lo && !(now.ss_flags & SS_DISABLE) ? "yes" : "no");
		return hits == 1 && on_alt ? 0 : 1;
	}
	return 2;
}
