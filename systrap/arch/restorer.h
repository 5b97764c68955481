#ifndef SYSTRAP_ARCH_RESTORER_H
#define SYSTRAP_ARCH_RESTORER_H

/* Returns from a signal handler installed with KERNEL_SA_RESTORER: runs
 * rt_sigreturn on the frame the kernel built. Its bytes are the ones gdb and
 * libgcc's unwinder recognise as a signal trampoline, and it carries CFI
 * describing the saved registers, so backtraces pass through a trap. */
void arch_signal_restorer(void);

#endif
