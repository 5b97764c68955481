/* What systrap's start-up asks CPUID about this CPU (the XSAVE layout the
 * fast path and the instrumenter save vector state with; whether RTM
 * transactions can succeed), handed from a launcher to the processes it
 * starts. In a guest every CPUID exits to the hypervisor (~7 us on the
 * 2-vCPU KVM guests we measure on), and a start asked six to eight times:
 * a launcher asks once, each image takes its answer (SYSTRAP_CPU) instead.
 * The answer is the same for every process on the machine (XCR0, CPUID
 * and the kernel's CR4.FSGSBASE are the kernel's and the CPU's, not a
 * process's). */
#ifndef SYSTRAP_ARCH_CPU_FACTS_H
#define SYSTRAP_ARCH_CPU_FACTS_H

#include <stddef.h>

/* The facts as text, "SIZE,MASK,RTM,FSGSBASE" in hex, into buf (launcher
 * side: asks CPUID, and the kernel's AT_HWCAP2). Returns buf. */
const char *arch_cpu_facts_text(char *buf, size_t cap);

/* The same facts as numbers: asked (CPUID, where not known yet) in one
 * process and assumed in another that cannot be told by text, with no
 * CPUID there: a launcher's child asks them before its exec, on the way
 * to its exec stop, which is shorter than the launcher's own set-up
 * meanwhile; the launcher assumes them when it reads the child's report
 * (inject/spawn.c). */
struct arch_cpu_facts {
	unsigned size, mask; /* the XSAVE area's size and components (0, 0:
				no XSAVE) */
	unsigned rtm;        /* RTM transactions can succeed */
	unsigned fsgsbase;   /* the kernel lets user code write FS's base
				(AT_HWCAP2's HWCAP2_FSGSBASE): the image's
				scratch TLS switches without arch_prctl */
};
void arch_cpu_facts_ask(struct arch_cpu_facts *f);
void arch_cpu_facts_assume(const struct arch_cpu_facts *f);

/* Takes facts made by arch_cpu_facts_text (image side: no libc, no
 * CPUID). Returns 0, or -1 when text is not such facts (then nothing is
 * taken and CPUID is asked as usual). */
int arch_cpu_facts_take(const char *text);

#endif
