/* sigprocmask: block everything, keep making syscalls, read the mask back
 * (SIGILL, SIGTRAP and SIGUSR1 must all be members), unblock; the same with
 * pthread_sigmask in a thread. With "efault": old masks and old actions
 * asked into memory the program cannot write (read-only, unmapped, a
 * value straddling into a PROT_NONE page), for a plain signal, a fault
 * signal and a trap signal, each result printed, then whether the calls
 * still did what they were asked. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *who)
{
	sigset_t m;
	sigemptyset(&m);
	pthread_sigmask(SIG_BLOCK, 0, &m);
	printf("%s: SIGILL %s SIGTRAP %s SIGUSR1 %s\n", who,
	       sigismember(&m, SIGILL) ? "yes" : "no",
	       sigismember(&m, SIGTRAP) ? "yes" : "no",
	       sigismember(&m, SIGUSR1) ? "yes" : "no");
}

static int work(void)
{
	int ok = 0;
	for (int i = 0; i < 100; i++)
		ok += syscall(SYS_getppid) == getppid();
	return ok;
}

static void *thread_main(void *arg)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	printf("thread blocked, syscalls ok: %d\n", work());
	show("thread blocked");
	pthread_sigmask(SIG_SETMASK, &old, 0);
	show("thread restored");
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, SIGILL);
	sigaddset(&one, SIGTRAP);
	pthread_sigmask(SIG_BLOCK, &one, 0);
	show("thread ill+trap");
	printf("thread syscalls ok: %d\n", work());
	pthread_sigmask(SIG_UNBLOCK, &one, 0);
	show("thread unblocked");
	return 0;
}

static void result(const char *what, long r)
{
	printf("%s: %ld %s\n", what, r, r ? strerror(errno) : "");
}

/* The kernel's struct sigaction: handler, flags, restorer, mask. */
struct k_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

static int efault(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *p = mmap(0, 3 * pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 1;
	mprotect(p, pg, PROT_READ);            /* read-only */
	mprotect(p + 2 * pg, pg, PROT_NONE);   /* no access */
	char *straddle = p + 2 * pg - 4;       /* 4 writable bytes, then none */
	void *unmapped = mmap(0, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			      -1, 0);
	munmap(unmapped, pg);
	void *bad[] = {p, unmapped, straddle};
	const char *name[] = {"read-only", "unmapped", "straddling"};
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, SIGUSR2);
	for (int i = 0; i < 3; i++) {
		char what[64];
		snprintf(what, sizeof what, "sigprocmask old %s", name[i]);
		result(what, syscall(SYS_rt_sigprocmask, SIG_BLOCK, &one, bad[i], 8));
		sigset_t now;
		sigprocmask(SIG_BLOCK, 0, &now);
		printf("  SIGUSR2 blocked: %d\n", sigismember(&now, SIGUSR2));
		sigprocmask(SIG_UNBLOCK, &one, 0);
		int sigs[] = {SIGUSR1, SIGSEGV, SIGILL, SIGTRAP};
		for (int k = 0; k < 4; k++) {
			struct k_sigaction ign = {SIG_IGN, 0, 0, 0}, back;
			snprintf(what, sizeof what, "sigaction %s old %s",
				 strsignal(sigs[k]), name[i]);
			result(what, syscall(SYS_rt_sigaction, sigs[k], &ign,
					     bad[i], 8));
			syscall(SYS_rt_sigaction, sigs[k], 0, &back, 8);
			printf("  ignored: %d\n", back.handler == SIG_IGN);
			struct k_sigaction dfl = {SIG_DFL, 0, 0, 0};
			syscall(SYS_rt_sigaction, sigs[k], &dfl, 0, 8);
		}
	}
	/* And a good one lands whole, next to a PROT_NONE page. */
	struct k_sigaction *last = (struct k_sigaction *)(p + 2 * pg -
							  sizeof *last);
	memset(last, 0x55, sizeof *last);
	struct k_sigaction ign = {SIG_IGN, 0, 0, 0};
	syscall(SYS_rt_sigaction, SIGUSR1, &ign, 0, 8);
	result("sigaction old next to PROT_NONE",
	       syscall(SYS_rt_sigaction, SIGUSR1, 0, last, 8));
	printf("  ignored: %d\n", last->handler == SIG_IGN);
	sigset_t *mask = (sigset_t *)(p + 2 * pg - 8);
	memset(mask, 0x55, 8);
	sigprocmask(SIG_BLOCK, &one, 0);
	result("sigprocmask old next to PROT_NONE",
	       syscall(SYS_rt_sigprocmask, SIG_BLOCK, 0, mask, 8));
	printf("  SIGUSR2 in it: %d\n", sigismember(mask, SIGUSR2));
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	if (argc > 1 && !strcmp(argv[1], "efault"))
		return efault();
	show("start");
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	printf("blocked, syscalls ok: %d\n", work());
	show("blocked");
	sigset_t again;
	sigprocmask(SIG_BLOCK, 0, &again);
	printf("readback SIGILL %d SIGTRAP %d\n", sigismember(&again, SIGILL),
	       sigismember(&again, SIGTRAP));
	sigprocmask(SIG_UNBLOCK, &all, 0);
	show("unblocked");
	sigprocmask(SIG_SETMASK, &all, 0);
	show("setmask all");
	sigprocmask(SIG_SETMASK, &old, 0);
	show("setmask old");
	pthread_t t;
	pthread_create(&t, 0, thread_main, 0);
	pthread_join(t, 0);
	show("main after thread");
	return 0;
}
