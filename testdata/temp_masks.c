/* Calls that install a temporary signal mask: rt_sigsuspend, ppoll,
 * pselect6, epoll_pwait, epoll_pwait2 and io_pgetevents. SIGUSR1 is blocked and pending;
 * each call's mask unblocks it and blocks everything else, SIGILL and
 * SIGTRAP included. The SIGUSR1 handler runs inside the call, makes
 * syscalls (which would kill a traced process if the trap signal were
 * really blocked), reads SIGILL and SIGTRAP back as blocked (as the mask
 * says) and the call fails with EINTR. Afterwards the mask is as before. */
#include <errno.h>
#include <linux/aio_abi.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile int hits, ill_blocked, trap_blocked;

static int blocked(int sig)
{
	sigset_t m;
	sigprocmask(SIG_BLOCK, 0, &m);
	return sigismember(&m, sig);
}

static void usr1(int sig)
{
	hits++;
	ill_blocked = blocked(SIGILL);
	trap_blocked = blocked(SIGTRAP);
	static const char msg[] = "in handler\n";
	write(1, msg, sizeof msg - 1);
}

static void show(const char *name, long r)
{
	printf("%s: returned %ld errno %s, handler %d, inside SIGILL %d SIGTRAP %d, "
	       "after SIGUSR1 %d SIGILL %d SIGTRAP %d\n",
	       name, r, r < 0 && errno == EINTR ? "EINTR" : "other", hits,
	       ill_blocked, trap_blocked, blocked(SIGUSR1), blocked(SIGILL),
	       blocked(SIGTRAP));
	hits = ill_blocked = trap_blocked = 0;
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	signal(SIGUSR1, usr1);
	sigset_t usr, all_but_usr;
	sigemptyset(&usr);
	sigaddset(&usr, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr, 0);
	sigfillset(&all_but_usr);
	sigdelset(&all_but_usr, SIGUSR1);
	struct timespec ts = {5, 0};
	int ep = epoll_create1(0);

	raise(SIGUSR1);
	show("sigsuspend", sigsuspend(&all_but_usr));
	raise(SIGUSR1);
	show("ppoll", ppoll(0, 0, &ts, &all_but_usr));
	raise(SIGUSR1);
	show("pselect", pselect(0, 0, 0, 0, &ts, &all_but_usr));
	struct epoll_event ev;
	raise(SIGUSR1);
	show("epoll_pwait", epoll_pwait(ep, &ev, 1, 5000, &all_but_usr));
	raise(SIGUSR1);
	long r = syscall(SYS_epoll_pwait2, ep, &ev, 1, &ts, &all_but_usr, 8);
	show("epoll_pwait2", r);
	aio_context_t aio = 0;
	if (syscall(SYS_io_setup, 1, &aio)) {
		perror("io_setup");
		return 1;
	}
	struct io_event events[1];
	struct {
		const sigset_t *sigmask;
		size_t sigsetsize;
	} pack = {&all_but_usr, 8};
	raise(SIGUSR1);
	r = syscall(SYS_io_pgetevents, aio, 1, 1, events, &ts, &pack);
	show("io_pgetevents", r);
	syscall(SYS_io_destroy, aio);
	return 0;
}
