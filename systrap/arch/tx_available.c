#include "systrap/arch/tx_copy.h"

#include "systrap/arch/cpuid_leaf.h"

/* 0: not known yet; else 1 + whether RTM is there. Zero-initialized,
 * so in the bss beside the small variables a start writes anyway, not on
 * a page of initialized data of its own that its first write would copy
 * (a page fault in every traced process). */
static int known;

void arch_tx_assume(int available)
{
	__atomic_store_n(&known, 1 + !!available, __ATOMIC_RELAXED);
}

int arch_tx_available(void)
{
	int k = __atomic_load_n(&known, __ATOMIC_RELAXED);
	if (k)
		return k - 1;
	unsigned int r[4];
	if (!arch_cpuid_leaf(7, r))
		return 0;
	int rtm = (r[1] >> 11) & 1;          /* CPUID.7.0:EBX.RTM */
	int always_aborts = (r[3] >> 11) & 1; /* CPUID.7.0:EDX.RTM_ALWAYS_ABORT */
	arch_tx_assume(rtm && !always_aborts);
	return rtm && !always_aborts;
}
