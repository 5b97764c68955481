/* sigprocmask: block everything, keep making syscalls, read the mask back
 * (SIGILL, SIGTRAP and SIGUSR1 must all be members), unblock; the same with
 * pthread_sigmask in a thread. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
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

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
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
