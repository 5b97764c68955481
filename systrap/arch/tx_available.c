#include "systrap/arch/tx_copy.h"

#include "systrap/arch/cpuid_leaf.h"

/* -1: not known yet. */
static int known = -1;

void arch_tx_assume(int available)
{
	__atomic_store_n(&known, !!available, __ATOMIC_RELAXED);
}

int arch_tx_available(void)
{
	int k = __atomic_load_n(&known, __ATOMIC_RELAXED);
	if (k >= 0)
		return k;
	unsigned int r[4];
	if (!arch_cpuid_leaf(7, r))
		return 0;
	int rtm = (r[1] >> 11) & 1;          /* CPUID.7.0:EBX.RTM */
	int always_aborts = (r[3] >> 11) & 1; /* CPUID.7.0:EDX.RTM_ALWAYS_ABORT */
	arch_tx_assume(rtm && !always_aborts);
	return rtm && !always_aborts;
}
