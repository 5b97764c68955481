/* A signal handler entry that finds room before it uses any stack
 * (x86-64), for systrap/core/own_stack.c.
 *
 * The kernel runs an SA_ONSTACK handler at the top of the thread's
 * alternate stack, whatever its size. A handler written in C pushes its
 * frame first: where the program's stack leaves no room for that (a few
 * hundred bytes above the kernel's frame), the push faults below the
 * stack, the kernel delivers that fault at the top again, and the handler
 * faults again, for ever. So the entry checks first, in registers only.
 *
 * ARCH_ROOMY_SIGNAL_HANDLER(name, handler, mover, room) defines
 *   void name(int sig, siginfo_t *info, void *context);
 * When the frame's uc_stack says the thread had an alternate stack, the
 * stack pointer is on it, less than room bytes above its bottom, and the
 * thread's block is its own (not shared: fast_stack.h), the entry moves to
 * the top of the thread's own stack (the ARCH_EXIT_STACK_BYTES after its
 * block; not when already on it) and calls
 *   void mover(int sig, siginfo_t *info, void *context,
 *              void (*handler)(int, void *, void *));
 * there, then returns on the kernel's frame; else it jumps to
 *   void handler(int sig, siginfo_t *info, void *context);
 * Only for a handler the kernel enters (its rt_sigreturn restores every
 * register: rbx, which keeps the old stack pointer across the call, is not
 * saved). Use at file scope; name is hidden, in a section of its own
 * (.text.name, as -ffunction-sections names a function's: the image's
 * section order lists it); handler and mover must be functions that
 * assembly may name (a static one marked used). */
#ifndef SYSTRAP_ARCH_ROOMY_HANDLER_H
#define SYSTRAP_ARCH_ROOMY_HANDLER_H

#include "systrap/arch/fast_stack.h"

/* x86-64's ucontext: uc_stack at 16, { ss_sp, ss_flags, ss_size } */
#define ARCH_UC_STACK_SP 16
#define ARCH_UC_STACK_FLAGS 24
#define ARCH_UC_STACK_SIZE 32
#define ARCH_SS_DISABLE 2

#define ARCH_ROOMY_STR2(x) #x
#define ARCH_ROOMY_STR(x) ARCH_ROOMY_STR2(x)

#define ARCH_ROOMY_SIGNAL_HANDLER(name, handler, mover, room)                \
	__asm__(".pushsection .text." #name ", \"ax\", @progbits\n"         \
		".p2align 4\n"                                               \
		".globl " #name "\n"                                         \
		".hidden " #name "\n"                                        \
		".type " #name ", @function\n" #name ":\n"                   \
		".cfi_startproc\n"                                           \
		"testl $" ARCH_ROOMY_STR(ARCH_SS_DISABLE) ", "               \
		ARCH_ROOMY_STR(ARCH_UC_STACK_FLAGS) "(%rdx)\n"               \
		"jnz 1f\n"                                                   \
		"movq " ARCH_ROOMY_STR(ARCH_UC_STACK_SP) "(%rdx), %rax\n"    \
		"cmpq %rax, %rsp\n"                                          \
		"jbe 1f\n" /* below its bottom: not on it */                 \
		"movq %rax, %r8\n"                                           \
		"addq " ARCH_ROOMY_STR(ARCH_UC_STACK_SIZE) "(%rdx), %r8\n"   \
		"cmpq %r8, %rsp\n"                                           \
		"ja 1f\n" /* above its top: not on it */                     \
		"addq $" ARCH_ROOMY_STR(room) ", %rax\n"                     \
		"cmpq %rax, %rsp\n"                                          \
		"jae 1f\n" /* room enough */                                 \
		"cmpl $0, %gs:" ARCH_ROOMY_STR(ARCH_FAST_STACK_SHARED) "\n"  \
		"jne 1f\n"                                                   \
		"movq %gs:0, %rax\n"                                         \
		"addq $" ARCH_ROOMY_STR(ARCH_EXIT_STACK_TOP) ", %rax\n"      \
		"cmpq %rax, %rsp\n"                                          \
		"ja 2f\n"                                                    \
		"leaq -" ARCH_ROOMY_STR(ARCH_EXIT_STACK_BYTES) "(%rax), %r8\n" \
		"cmpq %r8, %rsp\n"                                           \
		"ja 1f\n" /* already on our own stack */                     \
		"2: movq %rsp, %rbx\n"                                       \
		".cfi_def_cfa_register %rbx\n"                               \
		"movq %rax, %rsp\n"                                          \
		"leaq " #handler "(%rip), %rcx\n"                            \
		"call " #mover "\n"                                          \
		"movq %rbx, %rsp\n"                                          \
		".cfi_def_cfa_register %rsp\n"                               \
		"ret\n"                                                      \
		"1: jmp " #handler "\n"                                      \
		".cfi_endproc\n"                                             \
		".size " #name ", . - " #name "\n"                           \
		".popsection\n")

#endif
