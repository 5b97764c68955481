/* What systrap's start-up asks CPUID about this CPU (the XSAVE layout the
 * fast path and the instrumenter save vector state with; whether RTM
 * transactions can succeed), handed from a launcher to the processes it
 * starts. In a guest every CPUID exits to the hypervisor (~7 us on the
 * 2-vCPU KVM guests we measure on), and a start asked six to eight times:
 * a launcher asks once, each image takes its answer (SYSTRAP_CPU) instead.
 * The answer is the same for every process on the machine (XCR0 and CPUID
 * are the kernel's and the CPU's, not a process's). */
#ifndef SYSTRAP_ARCH_CPU_FACTS_H
#define SYSTRAP_ARCH_CPU_FACTS_H

#include <stddef.h>

/* The facts as text, "SIZE,MASK,RTM" in hex, into buf (launcher side:
 * asks CPUID). Returns buf. */
const char *arch_cpu_facts_text(char *buf, size_t cap);

/* Takes facts made by arch_cpu_facts_text (image side: no libc, no
 * CPUID). Returns 0, or -1 when text is not such facts (then nothing is
 * taken and CPUID is asked as usual). */
int arch_cpu_facts_take(const char *text);

#endif
