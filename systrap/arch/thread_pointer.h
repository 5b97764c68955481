/* systrap's own thread pointer: the x86-64 GS base.
 *
 * systrap keeps its per-thread state (systrap/core/thread_block.h) out of
 * the program's TLS: the self-contained image runs in processes whose TLS
 * is not set up yet (the dynamic loader, a static program's start) or is
 * not libc's (Go). FS belongs to the program's TLS on x86-64 Linux (glibc,
 * musl, Go); GS is left to user space and used by none of them, so systrap
 * takes it, as lazypoline does. Each thread's GS base points at its block,
 * whose first word points at itself, so `mov %gs:0` finds it without a
 * syscall and without the FSGSBASE instructions (which not every CPU or
 * kernel allows). The kernel keeps the base across signals, copies it into
 * a fork or clone child, and zeroes it at execve.
 *
 * The program's own GS base is virtual: its arch_prctl(ARCH_SET_GS) is
 * checked as the kernel checks it and kept in its thread's block, its
 * ARCH_GET_GS reads it back there (arch_thread_pointer_call says which
 * call is one of these). A program that reads memory through %gs itself
 * (Wine's TEB) reads systrap's block instead: not supported. */
#ifndef SYSTRAP_ARCH_THREAD_POINTER_H
#define SYSTRAP_ARCH_THREAD_POINTER_H

#include <asm/prctl.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"

/* The block this thread's pointer names (its first word). Only once
 * arch_set_thread_pointer() was called on this thread or an ancestor. */
static inline void *arch_thread_pointer(void)
{
	void *p;
	__asm__ volatile("movq %%gs:0, %0" : "=r"(p) : : "memory");
	return p;
}

/* Points this thread's pointer at block, whose first word must hold block
 * itself. Returns 0 or -errno. */
static inline long arch_set_thread_pointer(void *block)
{
	return raw_syscall2(SYS_arch_prctl, ARCH_SET_GS, (long)block);
}

/* The program's own calls on the GS base, which systrap makes virtual. */
enum {
	ARCH_TP_CALL_NONE = 0,
	ARCH_TP_CALL_SET, /* args[1] is the new base */
	ARCH_TP_CALL_GET, /* args[1] points at the 8 bytes that receive it */
};

static inline int arch_thread_pointer_call(long nr, const long args[6])
{
	if (nr != SYS_arch_prctl)
		return ARCH_TP_CALL_NONE;
	if (args[0] == ARCH_SET_GS)
		return ARCH_TP_CALL_SET;
	if (args[0] == ARCH_GET_GS)
		return ARCH_TP_CALL_GET;
	return ARCH_TP_CALL_NONE;
}

/* The kernel's check of a new base (do_arch_prctl_64): a user address,
 * below TASK_SIZE_MAX, else EPERM. */
static inline int arch_thread_pointer_base_ok(unsigned long base)
{
	return base < (1UL << 47) - 4096;
}

#endif
