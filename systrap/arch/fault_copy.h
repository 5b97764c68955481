/* Copying the program's memory with a plain `rep movsb` whose faults are
 * recovered: where the CPU has no RTM, systrap owns SIGSEGV and SIGBUS
 * (systrap/core/fault_signal.c) and a fault whose pc is this copy's
 * instruction resumes at its fix-up instead of reaching the program. The
 * caller must know that neither signal is blocked in the thread (a blocked
 * fault kills the process whatever the handler). */
#ifndef SYSTRAP_ARCH_FAULT_COPY_H
#define SYSTRAP_ARCH_FAULT_COPY_H

#include <stddef.h>
#include <stdint.h>

#include "systrap/arch/context.h"

/* Copies n bytes from src to dst; returns how many were left when a fault
 * stopped it (0: all copied). The bytes before the fault are copied. */
size_t arch_fault_copy(void *dst, const void *src, size_t n);

extern const char arch_fault_copy_insn[], arch_fault_copy_fixup[];

/* In a SIGSEGV/SIGBUS handler for a fault the kernel raised (not a sent
 * signal: the caller checks its si_code): when the pc is the copy's, makes
 * the handler's return resume at the fix-up and returns 1; else 0. */
static inline int arch_fault_copy_recover(void *context)
{
	if (arch_context_pc(context) != (uintptr_t)arch_fault_copy_insn)
		return 0;
	arch_set_context_pc(context, (uintptr_t)arch_fault_copy_fixup);
	return 1;
}

#endif
