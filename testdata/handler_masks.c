/* Ordinary handlers whose sa_mask holds SIGILL and SIGTRAP (the trap
 * signals): inside them the program reads both back as blocked, as the
 * kernel would have them; a trap signal sent meanwhile waits until the
 * handler returns; after it returns (or siglongjmps out) they read back as
 * before. Also: the action reads back as given, and a handler installed
 * without SA_SIGINFO still gets its one argument. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int trap_hits, usr_hits;
static volatile int inside[4];
static sigjmp_buf jb;

static int blocked(int sig)
{
	sigset_t m;
	sigprocmask(SIG_BLOCK, 0, &m);
	return sigismember(&m, sig);
}

static void trap_handler(int sig)
{
	trap_hits++;
}

static void usr1_handler(int sig, siginfo_t *si, void *ctx)
{
	usr_hits++;
	inside[0] = blocked(SIGILL);
	inside[1] = blocked(SIGTRAP);
	/* Sent while blocked: waits for the handler to return. */
	raise(SIGTRAP);
	raise(SIGILL);
	inside[2] = trap_hits;
	/* Syscalls still work in here (the trap signal is not really
	 * blocked). */
	long ok = 0;
	for (int i = 0; i < 100; i++)
		ok += syscall(SYS_getppid) == getppid();
	inside[3] = ok;
}

static void usr2_plain(int sig)
{
	usr_hits++;
	inside[0] = blocked(SIGILL) && blocked(SIGTRAP) && sig == SIGUSR2;
	siglongjmp(jb, 1);
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	signal(SIGTRAP, trap_handler);
	signal(SIGILL, trap_handler);
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = usr1_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGILL);
	sigaddset(&sa.sa_mask, SIGTRAP);
	sigaction(SIGUSR1, &sa, 0);
	sigaction(SIGUSR1, 0, &old);
	printf("usr1 action: mine %d SA_SIGINFO %d SA_RESTART %d mask SIGILL %d SIGTRAP %d\n",
	       old.sa_sigaction == usr1_handler, !!(old.sa_flags & SA_SIGINFO),
	       !!(old.sa_flags & SA_RESTART), sigismember(&old.sa_mask, SIGILL),
	       sigismember(&old.sa_mask, SIGTRAP));
	printf("before: SIGILL %d SIGTRAP %d\n", blocked(SIGILL), blocked(SIGTRAP));
	raise(SIGUSR1);
	printf("inside usr1: SIGILL %d SIGTRAP %d, trap handler ran %d, syscalls ok %d\n",
	       inside[0], inside[1], inside[2], inside[3]);
	printf("after usr1: SIGILL %d SIGTRAP %d, trap handler ran %d\n",
	       blocked(SIGILL), blocked(SIGTRAP), trap_hits);

	/* Without SA_SIGINFO, left by siglongjmp. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = usr2_plain;
	sigaddset(&sa.sa_mask, SIGILL);
	sigaddset(&sa.sa_mask, SIGTRAP);
	sigaction(SIGUSR2, &sa, 0);
	sigaction(SIGUSR2, 0, &old);
	printf("usr2 action: mine %d SA_SIGINFO %d mask SIGILL %d\n",
	       old.sa_handler == usr2_plain, !!(old.sa_flags & SA_SIGINFO),
	       sigismember(&old.sa_mask, SIGILL));
	inside[0] = 0;
	if (!sigsetjmp(jb, 1))
		raise(SIGUSR2);
	printf("inside usr2: both blocked %d; after longjmp: SIGILL %d SIGTRAP %d\n",
	       inside[0], blocked(SIGILL), blocked(SIGTRAP));

	/* Put back the default: the action reads back as SIG_DFL, mask kept. */
	sa.sa_handler = SIG_DFL;
	sigaction(SIGUSR2, &sa, 0);
	sigaction(SIGUSR2, 0, &old);
	printf("usr2 default: %d mask SIGTRAP %d\n", old.sa_handler == SIG_DFL,
	       sigismember(&old.sa_mask, SIGTRAP));
	return usr_hits == 2 && trap_hits == 2 ? 0 : 1;
}
