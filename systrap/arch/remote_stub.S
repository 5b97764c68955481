/* The injector's load stub (remote_stub.h): copied into a tracee and run
 * there once with rdi = a struct remote_stub_block. Kept in the
 * launcher's read-only data: its bytes are data here. Position-
 * independent, no stack used; clobbers what the launcher restores. */
#include "systrap/arch/remote_stub.h"

	.section .rodata
	.globl	systrap_remote_stub_start
	.hidden	systrap_remote_stub_start
	.globl	systrap_remote_stub_end
	.hidden	systrap_remote_stub_end
systrap_remote_stub_start:
	movq	%rdi, %rbx                          /* the block */
	movq	REMOTE_STUB_BLOCK_COUNT(%rbx), %r12 /* calls to make */
	leaq	REMOTE_STUB_BLOCK_CALLS(%rbx), %r13 /* this call */
	xorl	%r14d, %r14d                        /* made so far */
1:	cmpq	%r12, %r14
	jae	3f
	movslq	REMOTE_STUB_CALL_TAKE_ARG(%r13), %rax
	testq	%rax, %rax
	js	2f
	movslq	REMOTE_STUB_CALL_TAKE_FROM(%r13), %rdx
	imulq	$REMOTE_STUB_CALL_SIZE, %rdx, %rdx
	movq	REMOTE_STUB_BLOCK_CALLS+REMOTE_STUB_CALL_RESULT(%rbx,%rdx), %rdx
	movq	%rdx, REMOTE_STUB_CALL_ARGS(%r13,%rax,8)
2:	movq	REMOTE_STUB_CALL_NR(%r13), %rax
	testq	%rax, %rax
	js	4f                                  /* REMOTE_STUB_COMPARE */
	movq	REMOTE_STUB_CALL_ARGS(%r13), %rdi
	movq	REMOTE_STUB_CALL_ARGS+8(%r13), %rsi
	movq	REMOTE_STUB_CALL_ARGS+16(%r13), %rdx
	movq	REMOTE_STUB_CALL_ARGS+24(%r13), %r10
	movq	REMOTE_STUB_CALL_ARGS+32(%r13), %r8
	movq	REMOTE_STUB_CALL_ARGS+40(%r13), %r9
	syscall
5:	movq	%rax, REMOTE_STUB_CALL_RESULT(%r13)
	cmpq	$-4095, %rax
	jae	3f                                  /* -errno: stop here */
	incq	%r14
	addq	$REMOTE_STUB_CALL_SIZE, %r13
	jmp	1b
3:	movq	%r14, REMOTE_STUB_BLOCK_DONE(%rbx)
	cmpq	%r12, %r14
	jb	6f                                  /* one failed */
	movq	REMOTE_STUB_BLOCK_THEN_PC(%rbx), %rax
	testq	%rax, %rax
	jz	6f
	movq	REMOTE_STUB_BLOCK_THEN_ARG(%rbx), %rdi
	jmp	*%rax                               /* its stop, not ours */
6:	movq	%r14, %rax
	int3
4:	movq	REMOTE_STUB_CALL_ARGS(%r13), %rsi   /* compare: equal? */
	movq	REMOTE_STUB_CALL_ARGS+8(%r13), %rdi
	movq	REMOTE_STUB_CALL_ARGS+16(%r13), %rcx
	xorl	%eax, %eax                          /* ZF set: 0 bytes agree */
	cld
	repe cmpsb
	je	5b
	movq	$-REMOTE_STUB_DIFFERENT, %rax
	jmp	5b
systrap_remote_stub_end:

	.section .note.GNU-stack, "", @progbits
