/* A thread whose alternate signal stack is a few KiB, for trace_compare_test's
 * SmallAlternateStacksMatchStrace. A program may set up MINSIGSTKSZ (2 KiB)
 * or 4 KiB for a crash report it never expects to make, and natively runs;
 * under systrap every call after the sigaltstack ran our hooks on that stack
 * (the fast path's, lazy instrumenting's trap after the call), which they
 * overflowed: the program died at its next call, or spun. The stack has a
 * PROT_NONE page below it, as a thread's stack has a guard.
 *   small_altstack SIZE calls     calls after the sigaltstack: exit 0
 *   small_altstack SIZE overflow  a SIGUSR1 handler that overflows the
 *                                 stack: natively killed by SIGSEGV
 *   small_altstack SIZE raise     SIGUSR1 raised three times, its small
 *                                 handler on the stack (it makes calls);
 *                                 then an ignored SIGUSR2: exit 0 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static void say(const char *s)
{
	write(1, s, strlen(s));
}

static volatile char sink;

/* Its frame is larger than the stack: the stores go down into the guard. */
static void overflowing_handler(int sig)
{
	volatile char big[16384];
	for (int i = (int)sizeof big - 1; i >= 0; i -= 64)
		big[i] = (char)i;
	sink = big[100];
}

static volatile int handled;

/* Calls of its own from the stack (sigaltstack must say it runs on it),
 * and its return (rt_sigreturn). */
static void counting_handler(int sig)
{
	stack_t now;
	if (getppid() > 0 && !sigaltstack(0, &now) &&
	    (now.ss_flags & SS_ONSTACK))
		handled++;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: small_altstack SIZE calls|overflow|raise\n");
		return 2;
	}
	size_t size = strtoul(argv[1], 0, 0);
	say("small_altstack: start\n");
	char *p = mmap(0, size + 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p, 4096, PROT_NONE))
		return 3;
	stack_t ss = {.ss_sp = p + 4096, .ss_size = size};
	if (sigaltstack(&ss, 0))
		return 4;
	if (!strcmp(argv[2], "calls")) {
		int fd = open("/dev/null", O_WRONLY);
		write(fd, "x", 1);
		close(fd);
		getppid();
		struct timespec ts = {0, 1000};
		nanosleep(&ts, 0);
		say("small_altstack: done\n");
		return 0;
	}
	if (!strcmp(argv[2], "raise")) {
		struct sigaction sa = {.sa_handler = counting_handler,
				       .sa_flags = SA_ONSTACK};
		sigaction(SIGUSR1, &sa, 0);
		signal(SIGUSR2, SIG_IGN);
		for (int i = 0; i < 3; i++)
			raise(SIGUSR1);
		raise(SIGUSR2);
		say(handled == 3 ? "small_altstack: handled 3\n"
				 : "small_altstack: lost a signal\n");
		return 0;
	}
	if (!strcmp(argv[2], "overflow")) {
		struct sigaction sa = {.sa_handler = overflowing_handler,
				       .sa_flags = SA_ONSTACK};
		sigaction(SIGUSR1, &sa, 0);
		raise(SIGUSR1);
		say("small_altstack: survived\n");
		return 0;
	}
	return 2;
}
