#include "systrap/arch/thread.h"

#include <linux/futex.h>
#include <linux/sched.h>
#include <signal.h>

#include "systrap/arch/raw_syscalls.h"

long arch_clone_thread(unsigned long flags, void *stack_top, int *parent_tid,
		       int *child_tid, void (*fn)(void *), void *arg)
	__attribute__((visibility("hidden")));

int arch_run_thread(void *stack_top, void (*fn)(void *), void *arg,
		    int *tid_word)
{
	/* The child starts with the mask in force at the clone: all.
	 * CLONE_UNTRACED: a debugger tracing us with PTRACE_O_TRACECLONE
	 * is not made to attach to our helper (gdb would print it as one of
	 * the program's threads). */
	uint64_t all = ~0ULL, old;
	raw_rt_sigprocmask(SIG_SETMASK, &all, &old);
	long r = arch_clone_thread(CLONE_VM | CLONE_FS | CLONE_FILES |
					   CLONE_SIGHAND | CLONE_THREAD |
					   CLONE_SYSVSEM | CLONE_PARENT_SETTID |
					   CLONE_CHILD_CLEARTID | CLONE_UNTRACED,
				   stack_top, tid_word, tid_word, fn, arg);
	raw_rt_sigprocmask(SIG_SETMASK, &old, 0);
	if (raw_is_error(r)) {
		*tid_word = 0;
		return (int)r;
	}
	return 0;
}

void arch_join_thread(int *tid_word)
{
	int v;
	/* The kernel clears the word and wakes its futex (not a private
	 * one) when the thread exits. */
	while ((v = __atomic_load_n(tid_word, __ATOMIC_ACQUIRE)) != 0)
		raw_syscall6(SYS_futex, (long)tid_word, FUTEX_WAIT, v, 0, 0, 0);
}
