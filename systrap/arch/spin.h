/* Busy-wait hint for spin loops (x86-64: `pause`, which also keeps a
 * spinning hyperthread from starving its sibling). */
#ifndef SYSTRAP_ARCH_SPIN_H
#define SYSTRAP_ARCH_SPIN_H

static inline void arch_spin_pause(void)
{
	__builtin_ia32_pause();
}

#endif
