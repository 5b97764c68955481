/* The launchers' signal mask and waits (launcher_signals.h). */
#include "tools/launcher/launcher_signals.h"

#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"

/* The kernel's mask is the first 64 bits of a sigset_t, in either libc. */
_Static_assert(sizeof(sigset_t) >= KERNEL_SIGSET_SIZE, "sigset_t too small");

void launcher_block_sigchld(sigset_t *old)
{
	memset(old, 0, sizeof *old);
	uint64_t chld = 1ull << (SIGCHLD - 1), was = 0;
	raw_rt_sigprocmask(SIG_BLOCK, &chld, &was);
	memcpy(old, &was, sizeof was);
}

int launcher_set_mask(const sigset_t *mask)
{
	uint64_t m;
	memcpy(&m, mask, sizeof m);
	return (int)raw_rt_sigprocmask(SIG_SETMASK, &m, 0);
}

int launcher_wait_signal(const sigset_t *set, const struct timespec *timeout)
{
	uint64_t m;
	memcpy(&m, set, sizeof m);
	return (int)raw_syscall4(SYS_rt_sigtimedwait, (long)&m, 0,
				 (long)timeout, KERNEL_SIGSET_SIZE);
}
