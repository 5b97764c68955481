/* Staying PROG's parent (supervise.h). */
#include "tools/run/supervise.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "tools/launcher/launcher_signals.h"
#include "tools/run/exit_as.h"

static pid_t root_pid;
static int root_status, root_done;

void supervise_child_ended(pid_t pid, int status, void *arg)
{
	(void)arg;
	if (pid == root_pid && (WIFEXITED(status) || WIFSIGNALED(status))) {
		root_status = status;
		root_done = 1;
	}
}

/* A signal sent to us with kill(2) is PROG's (as strace passes it to the
 * program it started); one from the terminal reaches PROG from the
 * terminal itself, so it is not sent twice. */
static void forward_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (root_pid > 0 && si->si_code <= 0)
		kill(root_pid, sig);
}

static void forward_signals(void)
{
	static const int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM,
				   SIGUSR1, SIGUSR2};
	for (unsigned i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = forward_signal;
		sa.sa_flags = SA_RESTART | SA_SIGINFO;
		sigaction(sigs[i], &sa, 0);
	}
}

void supervise(pid_t root, struct image_launcher *l)
{
	root_pid = root;
	forward_signals();
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	for (;;) {
		int status;
		pid_t pid;
		while ((pid = waitpid(-1, &status, WNOHANG | __WALL)) > 0)
			supervise_child_ended(pid, status, 0);
		if (pid < 0 && errno == ECHILD && !root_done) {
			/* Cannot happen while PROG is our child. */
			root_status = 1 << 8;
			root_done = 1;
		}
		/* Execs to follow: a poster wakes us with a SIGCHLD. */
		if (l)
			image_launcher_serve(l);
		if (root_done)
			break;
		/* SIGCHLD ends the wait at once; the timeout is a safety net. */
		struct timespec ts = {0, 200 * 1000 * 1000};
		launcher_wait_signal(&chld, &ts);
	}
	exit_as(root_status);
}
