#ifndef SYSTRAP_ARCH_RESTORER_H
#define SYSTRAP_ARCH_RESTORER_H

/* Returns from a signal handler installed with KERNEL_SA_RESTORER: runs
 * rt_sigreturn on the frame the kernel built. Its bytes are the ones gdb and
 * libgcc's unwinder recognise as a signal trampoline, and it carries CFI
 * describing the saved registers, so backtraces pass through a trap. */
void arch_signal_restorer(void);

/* Runs handler(sig, info, context) in place of the handler the kernel
 * entered with this signal's frame (context is that frame's ucontext, and
 * the frame's return address is arch_signal_restorer, or the program's
 * own restorer set by arch_set_frame_restorer): the stack is put back as
 * the kernel left it, so handler returns straight into the restorer, and
 * an unwinder walking out of it meets the restorer and then
 * the interrupted code, never a frame of ours. That matters where the
 * program's unwinder cannot find our unwind tables (the image is not in
 * the loader's list): ASan's and libgcc's backtraces from a SIGSEGV
 * handler. Call it only from the handler the kernel entered, as its last
 * act: it does not return. */
_Noreturn void arch_enter_handler_in_frame(void *handler, int sig,
					   void *info, void *context);

/* Makes the frame whose ucontext is context return through restorer (the
 * program's sa_restorer) instead of ours: the x86-64 rt_sigframe's first
 * word, its return address (pretcode), is just below the ucontext. */
static inline void arch_set_frame_restorer(void *context,
					   void (*restorer)(void))
{
	((void (**)(void))context)[-1] = restorer;
}

#endif
