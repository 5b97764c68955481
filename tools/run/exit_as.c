/* Ending as PROG ended (exit_as.h). */
#include "tools/run/exit_as.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

void exit_as(int status)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		/* PROG dumped its core if it was to: none of ours. */
		struct rlimit no_core = {0, 0};
		setrlimit(RLIMIT_CORE, &no_core);
		signal(sig, SIG_DFL);
		sigset_t one;
		sigemptyset(&one);
		sigaddset(&one, sig);
		sigprocmask(SIG_UNBLOCK, &one, 0);
		raise(sig);
		exit(128 + sig); /* a signal that does not kill (none should) */
	}
	exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}
