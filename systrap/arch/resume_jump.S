/* arch_resume_jump and arch_park (resume_jump.h), in a section of their
 * own as a C function has with -ffunction-sections: the image's start
 * ends in arch_resume_jump, and build_defs/image_section_order.txt puts it
 * with the start's hot code. */
#include <asm/unistd_64.h>

#include "systrap/arch/resume_regs.h"

	.section .text.arch_resume_jump, "ax", @progbits
	.globl	arch_resume_jump
	.hidden	arch_resume_jump
	.type	arch_resume_jump, @function
arch_resume_jump:
	.cfi_startproc
	.cfi_undefined rip
	movq	ARCH_RESUME_RSP(%rdi), %rsp
	pushq	ARCH_RESUME_RIP(%rdi)
	pushq	ARCH_RESUME_RFLAGS(%rdi)
	popfq
	movq	ARCH_RESUME_RAX(%rdi), %rax
	movq	ARCH_RESUME_RBX(%rdi), %rbx
	movq	ARCH_RESUME_RCX(%rdi), %rcx
	movq	ARCH_RESUME_RDX(%rdi), %rdx
	movq	ARCH_RESUME_RSI(%rdi), %rsi
	movq	ARCH_RESUME_RBP(%rdi), %rbp
	movq	ARCH_RESUME_R8(%rdi), %r8
	movq	ARCH_RESUME_R9(%rdi), %r9
	movq	ARCH_RESUME_R10(%rdi), %r10
	movq	ARCH_RESUME_R11(%rdi), %r11
	movq	ARCH_RESUME_R12(%rdi), %r12
	movq	ARCH_RESUME_R13(%rdi), %r13
	movq	ARCH_RESUME_R14(%rdi), %r14
	movq	ARCH_RESUME_R15(%rdi), %r15
	movq	ARCH_RESUME_RDI(%rdi), %rdi
	ret                             /* the pc pushed first */
	.cfi_endproc
	.size	arch_resume_jump, .-arch_resume_jump

	.globl	arch_park
	.hidden	arch_park
	.type	arch_park, @function
arch_park:
	.cfi_startproc
	.cfi_undefined rip
	movq	%rdi, %r15              /* remote_regs_park_result's */
	testq	%rsi, %rsi              /* nobody to tell (kill(0) is our */
	jz	1f                      /*   group's): the outcome alone */
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movl	$__NR_kill, %eax
	syscall
1:	movl	$__NR_pause, %eax
	syscall
	jmp	1b
	.cfi_endproc
	.size	arch_park, .-arch_park

	.section .note.GNU-stack, "", @progbits
