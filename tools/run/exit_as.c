/* Ending as PROG ended (exit_as.h). */
#include "tools/run/exit_as.h"

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "systrap/arch/raw_syscalls.h"

void exit_as(int status)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		/* PROG dumped its core if it was to: none of ours. */
		struct rlimit no_core = {0, 0};
		setrlimit(RLIMIT_CORE, &no_core);
		/* Through the kernel's own calls: the launchers' libc (musl)
		 * refuses signals 32-34 (its own), which PROG may die of
		 * (glibc's SIGRTMIN is 34). */
		struct kernel_sigaction dfl = {0};
		raw_rt_sigaction(sig, &dfl, 0);
		uint64_t one = 1ull << (sig - 1);
		raw_rt_sigprocmask(SIG_UNBLOCK, &one, 0);
		raw_tgkill((int)raw_getpid(), (int)raw_gettid(), sig);
		exit(128 + sig); /* a signal that does not kill (none should) */
	}
	exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}
