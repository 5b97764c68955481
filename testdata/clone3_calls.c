/* clone3 with each field the kernel writes back (CLONE_PIDFD,
 * CLONE_PARENT_SETTID, both), one the kernel refuses (EINVAL: nothing
 * written) and one whose parent_tid cannot be read (its address), for
 * trace_compare_test's clone3 case: strace prints what was stored after
 * the struct, " => {pidfd=[N], parent_tid=[N]}". Then clone(2) with the
 * same (its parent_tid argument holds the pidfd or the tid: strace shows
 * "parent_tid=[N]"). Each child exits at once and is reaped. */
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void clone3_with(uint64_t flags, int *pidfd, int *parent_tid)
{
	struct clone_args a;
	memset(&a, 0, sizeof a);
	a.flags = flags;
	a.pidfd = (uintptr_t)pidfd;
	a.parent_tid = (uintptr_t)parent_tid;
	a.exit_signal = SIGCHLD;
	long r = syscall(SYS_clone3, &a, sizeof a);
	if (r == 0)
		syscall(SYS_exit, 0);
	if (r > 0)
		waitpid((pid_t)r, 0, 0);
}

static void clone_with(unsigned long flags, int *parent_tid)
{
	long r = syscall(SYS_clone, flags | SIGCHLD, 0, parent_tid, 0, 0);
	if (r == 0)
		syscall(SYS_exit, 0);
	if (r > 0)
		waitpid((pid_t)r, 0, 0);
}

int main(void)
{
	int pidfd = -1, tid = 0;
	clone3_with(CLONE_PIDFD | CLONE_PARENT_SETTID, &pidfd, &tid);
	clone3_with(CLONE_PIDFD, &pidfd, 0);
	clone3_with(CLONE_PARENT_SETTID, 0, &tid);
	clone3_with(CLONE_PIDFD | CLONE_PARENT_SETTID | CLONE_THREAD, &pidfd,
		    &tid);
	clone3_with(CLONE_PARENT_SETTID, 0, (int *)8);
	clone_with(CLONE_PIDFD, &pidfd);
	clone_with(CLONE_PARENT_SETTID, &tid);
	clone_with(CLONE_PIDFD | CLONE_PARENT_SETTID, &tid); /* EINVAL */
	clone_with(CLONE_PARENT_SETTID, (int *)8);
	return 0;
}
