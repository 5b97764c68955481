/* long arch_clone_thread(unsigned long flags, void *stack_top,
 *                        int *parent_tid, int *child_tid,
 *                        void (*fn)(void *), void *arg)
 *
 * clone(2) that starts the child in fn(arg) on stack_top: the child has no
 * frame to return to, so it calls fn here and exits with exit(2) (this
 * thread alone). Both syscall instructions are systrap's own, never
 * patched (systrap_own_sites, as in syscall_arch.h). */
	.text
	.globl	arch_clone_thread
	.hidden	arch_clone_thread
	.type	arch_clone_thread, @function
	.p2align 4
arch_clone_thread:
	.cfi_startproc
	endbr64
	/* fn and arg wait on the child's stack. */
	subq	$16, %rsi
	movq	%r8, 0(%rsi)
	movq	%r9, 8(%rsi)
	movq	%rcx, %r10
	xorl	%r8d, %r8d
	movl	$56, %eax		/* clone(flags, stack, ptid, ctid, tls) */
1:	syscall
	testq	%rax, %rax
	.cfi_remember_state
	jnz	2f
	/* The child: no caller, no return address. */
	.cfi_undefined rip
	xorl	%ebp, %ebp
	popq	%rax
	popq	%rdi
	andq	$-16, %rsp
	call	*%rax
	movl	$60, %eax		/* exit(0): this thread only */
	xorl	%edi, %edi
3:	syscall
	hlt
2:
	.cfi_restore_state
	ret
	.cfi_endproc
	.size	arch_clone_thread, .-arch_clone_thread

	.pushsection systrap_own_sites, "a"
	.balign 4
	.long	1b - .
	.long	3b - .
	.popsection

	.section .note.GNU-stack,"",@progbits
