/* CPUID leaves 1 and 7 (subleaf 0), as glibc's dynamic loader read them
 * when the process started, where the process has glibc (a preloaded
 * object: `__x86_get_cpuid_feature_leaf`, glibc 2.33's public interface,
 * <sys/platform/x86.h>); else by the instruction itself. A CPUID exits
 * to the hypervisor in a guest (3.6 us here, and a checked one is two),
 * and a preloaded start asked two just for RTM, which ld.so had asked
 * before it. The words are CPUID's own (glibc keeps what it makes of them
 * apart). Start-up only, and not in the patching code, whose objects
 * name nothing they do not define (code_patch_symbols_test): a weak
 * reference goes through the GOT. */
#ifndef SYSTRAP_ARCH_CPUID_LEAF_H
#define SYSTRAP_ARCH_CPUID_LEAF_H

#include <cpuid.h>

/* glibc's layout (<bits/platform/x86.h>): the leaf's eax, ebx, ecx, edx,
 * then the bits glibc deems usable. */
struct glibc_cpuid_feature {
	unsigned int cpuid[4];
	unsigned int active[4];
};
/* Absent (0) in the image, whose libc is musl. */
extern const struct glibc_cpuid_feature *
__x86_get_cpuid_feature_leaf(unsigned int) __attribute__((weak));

/* leaf 1 or 7: its eax, ebx, ecx, edx in r; 0 when the CPU has no such
 * leaf. */
static inline int arch_cpuid_leaf(unsigned int leaf, unsigned int r[4])
{
	/* glibc's indexes: CPUID_INDEX_1, CPUID_INDEX_7. */
	unsigned int index = leaf == 1 ? 0 : 1;
	if (__x86_get_cpuid_feature_leaf) {
		const struct glibc_cpuid_feature *f =
			__x86_get_cpuid_feature_leaf(index);
		if (f) {
			for (int i = 0; i < 4; i++)
				r[i] = f->cpuid[i];
			/* A leaf past the CPU's highest reads as zeros. */
			return r[0] | r[1] | r[2] | r[3] ? 1 : leaf == 1;
		}
	}
	return __get_cpuid_count(leaf, 0, &r[0], &r[1], &r[2], &r[3]);
}

#endif
