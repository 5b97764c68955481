/* clone3 with each field the kernel writes back (CLONE_PIDFD,
 * CLONE_PARENT_SETTID, both), one the kernel refuses (EINVAL: nothing
 * written) and one whose parent_tid cannot be read (its address), for
 * trace_compare_test's clone3 case: strace prints what was stored after
 * the struct, " => {pidfd=[N], parent_tid=[N]}". Then clone(2) with the
 * same (its parent_tid argument holds the pidfd or the tid: strace shows
 * "parent_tid=[N]"). Each child exits at once and is reaped. Then flag
 * words strace names by their own tables, each refused before anything is
 * made (an exit signal the kernel rejects, a flag unshare does not take,
 * fd -1): clone3 with CLONE_NEWTIME, CLONE_CLEAR_SIGHAND,
 * CLONE_INTO_CGROUP and a cgroup, set_tid arrays; unshare and setns with
 * every flag they name and some they do not. */
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

static void clone3_refused(uint64_t flags, const int *set_tid,
			   uint64_t set_tid_size, uint64_t cgroup, size_t size)
{
	struct clone_args a;
	memset(&a, 0, sizeof a);
	a.flags = flags;
	a.exit_signal = 100; /* not a signal: EINVAL before anything */
	a.set_tid = (uintptr_t)set_tid;
	a.set_tid_size = set_tid_size;
	a.cgroup = cgroup;
	syscall(SYS_clone3, &a, size);
}

static void flag_words(void)
{
	static const int tids[2] = {1, 31500};
	clone3_refused(0x80 /* CLONE_NEWTIME */ | CLONE_NEWPID, 0, 0, 0,
		       sizeof(struct clone_args));
	clone3_refused(CLONE_CLEAR_SIGHAND, 0, 0, 0, sizeof(struct clone_args));
	clone3_refused(CLONE_INTO_CGROUP, 0, 0, 4, sizeof(struct clone_args));
	clone3_refused(0, 0, 0, 7, sizeof(struct clone_args));
	clone3_refused(0, 0, 0, 7, CLONE_ARGS_SIZE_VER1);
	clone3_refused(CLONE_NEWPID, tids, 2, 0, sizeof(struct clone_args));
	clone3_refused(CLONE_NEWPID, 0, 1, 0, sizeof(struct clone_args));
	clone3_refused(CLONE_NEWPID, tids, 2, 0, CLONE_ARGS_SIZE_VER0);
	unsigned long named = 0x80 | CLONE_VM | CLONE_FS | CLONE_FILES |
			      CLONE_SIGHAND | CLONE_THREAD | CLONE_NEWNS |
			      CLONE_SYSVSEM | CLONE_NEWCGROUP | CLONE_NEWUTS |
			      CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
			      CLONE_NEWNET;
	syscall(SYS_unshare, named | CLONE_PIDFD | CLONE_IO);
	syscall(SYS_unshare, CLONE_IO);
	syscall(SYS_unshare, 0x100000000UL);
	syscall(SYS_setns, -1, (int)(named | CLONE_IO));
	syscall(SYS_setns, -1, CLONE_VM);
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
	flag_words();
	return 0;
}
