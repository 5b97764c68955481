#include "systrap/arch/scratch_tls.h"

#include <asm/prctl.h>
#include <signal.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"

static int enabled;
/* The kernel lets user code read and write FS's base itself (its
 * HWCAP2_FSGSBASE; arch_scratch_tls_use_fsgsbase): each switch is then an
 * instruction, not an arch_prctl. */
static int fsgsbase;
/* Set by arch_scratch_tls_alone until _restore: FS is the scratch block
 * already, on the only task of the address space, so an enter then is
 * nested and makes no system call (it made three to find that out: two
 * sigprocmasks and a GET_FS). Not at an attach: a CLONE_VM task outside
 * the thread group (a vfork child) is not stopped and has its own FS. */
static int switched;

/* Shared by every thread: it holds only the canary (read-only after start)
 * and musl's per-thread fields (errno), which nothing of ours reads. Its
 * first word points at itself, as a TCB's does (musl's __pthread_self). */
static _Alignas(64) unsigned long scratch[512];

void arch_scratch_tls_use_fsgsbase(int yes)
{
	fsgsbase = yes;
}

/* FS's base into *base; 0, or -errno. */
static long get_fs(unsigned long *base)
{
	if (fsgsbase) {
		__asm__ volatile("rdfsbase %0" : "=r"(*base));
		return 0;
	}
	return raw_syscall2(SYS_arch_prctl, ARCH_GET_FS, (long)base);
}

static void set_fs(unsigned long base)
{
	if (fsgsbase)
		__asm__ volatile("wrfsbase %0" : : "r"(base) : "memory");
	else
		raw_syscall2(SYS_arch_prctl, ARCH_SET_FS, (long)base);
}

void arch_scratch_tls_enable(void)
{
	scratch[0] = (unsigned long)scratch;
	/* The canary slot (%fs:0x28) stays 0: any constant does. */
	enabled = 1;
}

void arch_scratch_tls_enter_blocked(struct arch_scratch_tls *saved,
				    uint64_t mask)
{
	saved->active = 0;
	if (!enabled || switched)
		return;
	if (get_fs(&saved->program_fs) ||
	    saved->program_fs == (unsigned long)scratch)
		return;
	set_fs((unsigned long)scratch);
	saved->program_mask = mask;
	saved->active = 1;
}

void arch_scratch_tls_enter(struct arch_scratch_tls *saved)
{
	saved->active = 0;
	if (!enabled || switched)
		return;
	uint64_t all = ~0ULL, mask;
	raw_rt_sigprocmask(SIG_SETMASK, &all, &mask);
	arch_scratch_tls_enter_blocked(saved, mask);
	if (!saved->active)
		raw_rt_sigprocmask(SIG_SETMASK, &mask, 0);
}

void arch_scratch_tls_leave(const struct arch_scratch_tls *saved)
{
	if (!saved->active)
		return;
	set_fs(saved->program_fs);
	raw_rt_sigprocmask(SIG_SETMASK, &saved->program_mask, 0);
}

unsigned long arch_scratch_tls_switch(void)
{
	unsigned long fs = 0;
	get_fs(&fs);
	set_fs((unsigned long)scratch);
	return fs;
}

void arch_scratch_tls_alone(void)
{
	switched = 1;
}

void arch_scratch_tls_restore(unsigned long program_fs)
{
	switched = 0;
	set_fs(program_fs);
}
