/* arch_call_on_stack(top, fn, arg): call_on_stack.h. The return address
 * and rbp are pushed on the caller's stack, where it was called: that much
 * it had room for, since the call itself pushed there. rbp then holds the
 * caller's stack pointer across the call, and the CFI says so, so an
 * unwinder (a debugger's, -k's walk of our own frames) goes from fn back
 * to the caller. */
	.text
	.p2align 4
	.globl arch_call_on_stack
	.hidden arch_call_on_stack
	.type arch_call_on_stack, @function
arch_call_on_stack:
	.cfi_startproc
	pushq	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbp, 0
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	andq	$-16, %rdi
	movq	%rdi, %rsp
	movq	%rdx, %rdi
	callq	*%rsi
	movq	%rbp, %rsp
	.cfi_def_cfa_register %rsp
	popq	%rbp
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbp
	ret
	.cfi_endproc
	.size arch_call_on_stack, . - arch_call_on_stack

	.section .note.GNU-stack, "", @progbits
