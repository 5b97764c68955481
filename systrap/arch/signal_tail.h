#ifndef SYSTRAP_ARCH_SIGNAL_TAIL_H
#define SYSTRAP_ARCH_SIGNAL_TAIL_H

/* ARCH_SIGNAL_TAIL_HANDLER(name, prepare) defines the signal handler
 *   void name(int sig, siginfo_t *info, void *context);
 * which calls
 *   void *prepare(int sig, siginfo_t *info, void *context);
 * and, when that returns a handler, jumps to it with the same arguments and
 * the stack exactly as name was entered (the return address on top): the
 * handler returns where name would have, into the signal's restorer, and
 * an unwinder walking out of it (ASan's SEGV report, a crash handler's
 * backtrace) goes from it through the restorer into the interrupted code,
 * never meeting a frame of ours, whose unwind tables the program's
 * unwinder cannot find when we are the image (not in the loader's list).
 * A C wrapper ending in a call leaves that to the optimiser (-O2 makes it
 * a jump, -O0 a call with our frame beneath the handler). prepare returning
 * 0: name returns. Callee-saved registers are prepare's to keep, so name
 * may be called from C as well as entered by the kernel.
 *
 * Use at file scope; name is hidden; prepare must be a function of the same
 * object marked used (a static one is referenced from assembly only). name
 * has a section of its own, .text.NAME, as -ffunction-sections gives a C
 * function, so that build_defs/image_section_order.txt can place it. */
#define ARCH_SIGNAL_TAIL_HANDLER(name, prepare)                              \
	__asm__(".pushsection .text." #name ", \"ax\", @progbits\n"         \
		".p2align 4\n"                                               \
		".globl " #name "\n"                                         \
		".hidden " #name "\n"                                        \
		".type " #name ", @function\n" #name ":\n"                   \
		".cfi_startproc\n"                                           \
		/* entry: rsp = 8 mod 16; three pushes align it for the   \
		 * call */                                                   \
		"pushq %rdi\n"                                               \
		".cfi_adjust_cfa_offset 8\n"                                 \
		"pushq %rsi\n"                                               \
		".cfi_adjust_cfa_offset 8\n"                                 \
		"pushq %rdx\n"                                               \
		".cfi_adjust_cfa_offset 8\n"                                 \
		"call " #prepare "\n"                                        \
		"popq %rdx\n"                                                \
		".cfi_adjust_cfa_offset -8\n"                                \
		"popq %rsi\n"                                                \
		".cfi_adjust_cfa_offset -8\n"                                \
		"popq %rdi\n"                                                \
		".cfi_adjust_cfa_offset -8\n"                                \
		"testq %rax, %rax\n"                                         \
		"jz 1f\n"                                                    \
		"jmpq *%rax\n"                                               \
		"1: ret\n"                                                   \
		".cfi_endproc\n"                                             \
		".size " #name ", . - " #name "\n"                           \
		".popsection\n")

#endif
