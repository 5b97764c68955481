#include "systrap/arch/tx_copy.h"

#include <cpuid.h>

int arch_tx_available(void)
{
	unsigned int eax, ebx, ecx, edx;
	if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
		return 0;
	int rtm = (ebx >> 11) & 1;          /* CPUID.7.0:EBX.RTM */
	int always_aborts = (edx >> 11) & 1; /* CPUID.7.0:EDX.RTM_ALWAYS_ABORT */
	return rtm && !always_aborts;
}
