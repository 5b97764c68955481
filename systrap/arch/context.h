/* Register access for a trapped syscall: the x86-64 syscall ABI read from and
 * written to a signal handler's ucontext. Generic code sees only these. */
#ifndef SYSTRAP_ARCH_CONTEXT_H
#define SYSTRAP_ARCH_CONTEXT_H

#include <linux/audit.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

/* The audit architecture of a native syscall, as a SIGSYS's si_arch gives
 * it; `int $0x80` from 64-bit code has another. */
#define ARCH_AUDIT_NATIVE AUDIT_ARCH_X86_64

static inline ucontext_t *arch_uc(void *context)
{
	return (ucontext_t *)context;
}

static inline uintptr_t arch_context_pc(void *context)
{
	return (uintptr_t)arch_uc(context)->uc_mcontext.gregs[REG_RIP];
}

static inline void arch_set_context_pc(void *context, uintptr_t pc)
{
	arch_uc(context)->uc_mcontext.gregs[REG_RIP] = (greg_t)pc;
}

static inline uintptr_t arch_context_sp(void *context)
{
	return (uintptr_t)arch_uc(context)->uc_mcontext.gregs[REG_RSP];
}

/* The syscall number and its six arguments, as the kernel would read them. */
static inline void arch_context_syscall(void *context, long *nr, long args[6])
{
	greg_t *g = arch_uc(context)->uc_mcontext.gregs;
	*nr = g[REG_RAX];
	args[0] = g[REG_RDI];
	args[1] = g[REG_RSI];
	args[2] = g[REG_RDX];
	args[3] = g[REG_R10];
	args[4] = g[REG_R8];
	args[5] = g[REG_R9];
}

/* Write back a (possibly changed) syscall number and arguments, for calls
 * that are executed in the program's own context rather than the handler's. */
static inline void arch_set_context_syscall(void *context, long nr,
					    const long args[6])
{
	greg_t *g = arch_uc(context)->uc_mcontext.gregs;
	g[REG_RAX] = nr;
	g[REG_RDI] = args[0];
	g[REG_RSI] = args[1];
	g[REG_RDX] = args[2];
	g[REG_R10] = args[3];
	g[REG_R8] = args[4];
	g[REG_R9] = args[5];
}

/* Completes a syscall as the `syscall` instruction would: rax gets the
 * result, rcx the address after the instruction and r11 the flags, and
 * execution resumes at resume_pc. */
static inline void arch_complete_syscall(void *context, long result,
					 uintptr_t resume_pc)
{
	greg_t *g = arch_uc(context)->uc_mcontext.gregs;
	g[REG_RAX] = result;
	g[REG_RCX] = (greg_t)resume_pc;
	g[REG_R11] = g[REG_EFL];
	g[REG_RIP] = (greg_t)resume_pc;
}

/* The result register after a syscall ran in the program's own context. */
static inline long arch_context_result(void *context)
{
	return arch_uc(context)->uc_mcontext.gregs[REG_RAX];
}

/* The alternate signal stack the thread had when the signal came, as the
 * kernel saved it in the frame (lo < sp <= hi is on it); *hi 0: none. */
static inline void arch_context_altstack(void *context, uintptr_t *lo,
					 uintptr_t *hi)
{
	const stack_t *ss = &arch_uc(context)->uc_stack;
	int none = (unsigned)ss->ss_flags & SS_DISABLE;
	*lo = none ? 0 : (uintptr_t)ss->ss_sp;
	*hi = none ? 0 : (uintptr_t)ss->ss_sp + ss->ss_size;
}

/* Whether that stack was given with SS_AUTODISARM (the kernel disarmed it
 * as it delivered the signal). */
static inline int arch_context_altstack_autodisarm(void *context)
{
	/* The kernel's SS_AUTODISARM, which not every libc header names. */
	return ((unsigned)arch_uc(context)->uc_stack.ss_flags & (1u << 31)) !=
	       0;
}

/* The alternate stack rt_sigreturn sets again as it returns (the frame's
 * uc_stack): ss, as sigaltstack now reports it. */
static inline void arch_set_context_altstack(void *context, const stack_t *ss)
{
	stack_t *saved = &arch_uc(context)->uc_stack;
	saved->ss_sp = ss->ss_sp;
	saved->ss_size = ss->ss_size;
	saved->ss_flags = ss->ss_flags & ~SS_ONSTACK;
}

/* The signal mask restored when the handler returns. */
static inline uint64_t *arch_context_sigmask(void *context)
{
	return (uint64_t *)&arch_uc(context)->uc_sigmask;
}

/* rt_sigreturn restores the frame at the program's rsp; the rax it will
 * return is the one saved there (read through `read`, which cannot fault). */
static inline int arch_sigreturn_saved_result(
	uintptr_t sp, long *result,
	size_t (*read)(void *dst, uintptr_t src, size_t n))
{
	uintptr_t at = sp + __builtin_offsetof(ucontext_t, uc_mcontext.gregs) +
		       sizeof(greg_t) * REG_RAX;
	return read(result, at, sizeof *result) == sizeof *result ? 0 : -1;
}

/* Where the frame rt_sigreturn restores (at sp) keeps the pc it resumes. */
static inline uintptr_t arch_sigreturn_pc_at(uintptr_t sp)
{
	return sp + __builtin_offsetof(ucontext_t, uc_mcontext.gregs) +
	       sizeof(greg_t) * REG_RIP;
}

/* The syscall instruction the frame rt_sigreturn restores (at sp) makes
 * again, because the kernel is to restart the call made there: rip rewound
 * onto it while rcx holds the address after it, which only the
 * instruction itself put there (a signal that came just before it finds
 * rip there too, with rcx what the restart points leave in it before the
 * instruction, 0: fast_entry.S). Whatever rewound it (the handler's
 * restart, or one the kernel made with no handler before this signal's
 * handler ran, rax then restart_syscall's number), the instruction makes
 * a call again once rt_sigreturn resumes it. 0 when it does not, or when
 * the frame cannot be read through `read` (which cannot fault). */
static inline uintptr_t arch_sigreturn_restart_pc(
	uintptr_t sp, size_t (*read)(void *dst, uintptr_t src, size_t n))
{
	greg_t rip, rcx;
	uintptr_t regs = sp + __builtin_offsetof(ucontext_t, uc_mcontext.gregs);
	if (read(&rip, regs + sizeof(greg_t) * REG_RIP, sizeof rip) !=
		    sizeof rip ||
	    read(&rcx, regs + sizeof(greg_t) * REG_RCX, sizeof rcx) !=
		    sizeof rcx)
		return 0;
	return (uintptr_t)rcx == (uintptr_t)rip + 2 ? (uintptr_t)rip : 0;
}

/* The signal mask rt_sigreturn will restore from the frame at the
 * program's rsp (8 bytes, read through `read`, which cannot fault). */
/* Where the frame rt_sigreturn restores (at sp) keeps the signal mask. */
static inline uintptr_t arch_sigreturn_sigmask_at(uintptr_t sp)
{
	return sp + __builtin_offsetof(ucontext_t, uc_sigmask);
}

static inline int arch_sigreturn_saved_sigmask(
	uintptr_t sp, uint8_t mask[8],
	size_t (*read)(void *dst, uintptr_t src, size_t n))
{
	return read(mask, arch_sigreturn_sigmask_at(sp), 8) == 8 ? 0 : -1;
}

#endif
