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
 * A program that sets GS itself (arch_prctl(ARCH_SET_GS), rare: Wine) is
 * not supported. */
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

#endif
