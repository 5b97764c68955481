/* A cheap monotonic tick count for timing calls without a system call
 * (systrap-trace -c): the time-stamp counter, which the kernel's own clock
 * reads on this kind of machine. Ticks are turned into nanoseconds by the
 * caller, calibrated against the kernel's clock over the same interval.
 * In seccomp's strict mode the kernel makes rdtsc fault (SIGSEGV): a
 * strictly confined process must not call this (syscall_confines_strictly,
 * systrap/core/syscall_behaviour.h). */
#ifndef SYSTRAP_ARCH_CYCLES_H
#define SYSTRAP_ARCH_CYCLES_H

#include <stdint.h>

static inline uint64_t arch_cycles(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif
