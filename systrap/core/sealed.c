#include "systrap/core/sealed.h"

#include <errno.h>
#include <signal.h>

#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/safe_memory.h"
#include "systrap/core/thread_block.h"

static uintptr_t range_lo, range_hi;
static int active;

static long prctl_sud(long mode, uintptr_t offset, uintptr_t len,
		      uintptr_t selector)
{
	return raw_syscall5(SYS_prctl, SEALED_PR_SET_SYSCALL_USER_DISPATCH,
			    mode, (long)offset, (long)len, (long)selector);
}

static const char *reason(long r)
{
	switch (r) {
	case -EINVAL:
		return "this kernel has no Syscall User Dispatch (Linux 5.11 or later, built with CONFIG_GENERIC_ENTRY): prctl(PR_SET_SYSCALL_USER_DISPATCH) says EINVAL";
	case -EPERM:
	case -EACCES:
		return "prctl(PR_SET_SYSCALL_USER_DISPATCH) is refused here (a seccomp policy or the kernel.syscall_user_dispatch sysctl): EPERM";
	case -ENOSYS:
		return "prctl is not available here (ENOSYS)";
	default:
		return "prctl(PR_SET_SYSCALL_USER_DISPATCH) failed";
	}
}

int sealed_probe(const char **why)
{
	/* Offset 0 with the largest length: every call is inside the range,
	 * so nothing is dispatched while armed, not even the call that
	 * disarms. */
	long r = prctl_sud(SEALED_PR_SYS_DISPATCH_EXCLUSIVE_ON, 0, ~(uintptr_t)0,
			   0);
	if (r) {
		if (why)
			*why = reason(r);
		return (int)r;
	}
	prctl_sud(SEALED_PR_SYS_DISPATCH_OFF, 0, 0, 0);
	return 0;
}

static int lazy_only; /* armed for lazy instrumenting, not asked for */

/* Arms the calling thread over [lo, hi), and every new task from now on
 * (sealed_active). 0 or -errno. */
static long arm_over(uintptr_t lo, uintptr_t hi)
{
	range_lo = lo;
	range_hi = hi;
	long a = prctl_sud(SEALED_PR_SYS_DISPATCH_EXCLUSIVE_ON, lo, hi - lo, 0);
	if (!a)
		__atomic_store_n(&active, 1, __ATOMIC_RELEASE);
	return a;
}

int sealed_start_for_lazy(uintptr_t lo, uintptr_t hi)
{
	if (hi <= lo)
		return -EINVAL;
	long a = arm_over(lo, hi);
	if (!a)
		lazy_only = 1;
	return (int)a;
}

void sealed_end_lazy(void)
{
	if (!lazy_only || !sealed_active())
		return;
	__atomic_store_n(&active, 0, __ATOMIC_RELEASE);
	prctl_sud(SEALED_PR_SYS_DISPATCH_OFF, 0, 0, 0);
}

int sealed_for_lazy_only(void)
{
	return lazy_only;
}

int sealed_ended_lazily(void)
{
	return lazy_only && !sealed_active();
}

void sealed_disarm_thread(void)
{
	prctl_sud(SEALED_PR_SYS_DISPATCH_OFF, 0, 0, 0);
}

int sealed_start(uintptr_t lo, uintptr_t hi, const char **why)
{
	if (hi <= lo) {
		if (why)
			*why = "sealed mode needs systrap in an object of its own (a preloaded object or the image), not linked into the program";
		return -EINVAL;
	}
	int r = sealed_probe(why);
	if (r)
		return r;
	long a = arm_over(lo, hi);
	if (a && why)
		*why = reason(a);
	return (int)a;
}

int sealed_active(void)
{
	return __atomic_load_n(&active, __ATOMIC_ACQUIRE);
}

void sealed_arm_thread(void)
{
	if (sealed_active())
		prctl_sud(SEALED_PR_SYS_DISPATCH_EXCLUSIVE_ON, range_lo,
			  range_hi - range_lo, 0);
}

long sealed_program_prctl(const long args[6])
{
	long mode = args[1];
	uintptr_t offset = (uintptr_t)args[2], len = (uintptr_t)args[3];
	uintptr_t selector = (uintptr_t)args[4];
	struct thread_block *b = thread_block_current();
	switch (mode) {
	case SEALED_PR_SYS_DISPATCH_OFF:
		if (offset || len || selector)
			return -EINVAL;
		b->program_sud.mode = 0;
		return 0;
	case SEALED_PR_SYS_DISPATCH_EXCLUSIVE_ON:
	case SEALED_PR_SYS_DISPATCH_INCLUSIVE_ON:
		if (offset && offset + len <= offset)
			return -EINVAL;
		if (mode == SEALED_PR_SYS_DISPATCH_INCLUSIVE_ON && !len)
			return -EINVAL;
		/* A selector past the user address space: EFAULT, as the
		 * kernel's access_ok refuses it. */
		if (selector && selector >= ARCH_USER_TOP)
			return -EFAULT;
		b->program_sud.offset = offset;
		b->program_sud.len = len;
		b->program_sud.selector = selector;
		__atomic_store_n(&b->program_sud.mode, (int)mode,
				 __ATOMIC_RELEASE);
		return 0;
	default:
		return -EINVAL;
	}
}

int sealed_program_verdict(uintptr_t pc)
{
	struct thread_block *b = thread_block_current();
	int mode = __atomic_load_n(&b->program_sud.mode, __ATOMIC_ACQUIRE);
	if (!mode)
		return 0;
	int inside = pc - b->program_sud.offset < b->program_sud.len;
	if (mode == SEALED_PR_SYS_DISPATCH_EXCLUSIVE_ON ? inside : !inside)
		return 0;
	if (!b->program_sud.selector)
		return SEALED_DISPATCH;
	unsigned char sel;
	if (safe_read(&sel, b->program_sud.selector, 1) != 1)
		return SIGSEGV;
	if (sel == SEALED_SELECTOR_ALLOW)
		return 0;
	if (sel == SEALED_SELECTOR_BLOCK)
		return SEALED_DISPATCH;
	return SIGSYS;
}
