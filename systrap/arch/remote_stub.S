/* The injector's load stub (remote_stub.h): copied into a tracee and run
 * there once with rdi = a struct remote_stub_block. Kept in the
 * launcher's read-only data: its bytes are data here. Position-
 * independent, no stack used; clobbers what the launcher restores. */
#include <asm/unistd_64.h>

#include "systrap/arch/remote_stub.h"

/* A system call's six arguments from six words at off(base). */
	.macro	SYSCALL_ARGS_FROM off, base
	movq	\off(\base), %rdi
	movq	\off+8(\base), %rsi
	movq	\off+16(\base), %rdx
	movq	\off+24(\base), %r10
	movq	\off+32(\base), %r8
	movq	\off+40(\base), %r9
	.endm

/* Where a call failed and the launcher is not there to see a stop
 * (remote_stub.h): rax = the result, rdi = whom to tell, rsi = the
 * signal. The result stays in r15; pause() until the launcher takes the
 * thread back. */
	.macro	PARK
	movq	%rax, %r15
	movl	$__NR_kill, %eax
	syscall
9:	movl	$__NR_pause, %eax
	syscall
	jmp	9b
	.endm

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
	SYSCALL_ARGS_FROM REMOTE_STUB_CALL_ARGS, %r13
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
	movq	REMOTE_STUB_BLOCK_NOTIFY_PID(%rbx), %rsi
	jmp	*%rax                               /* its stop, not ours */
6:	movq	%r14, %rax
	movq	REMOTE_STUB_BLOCK_NOTIFY_PID(%rbx), %rdi
	testq	%rdi, %rdi
	jz	7f
	movq	REMOTE_STUB_BLOCK_NOTIFY_SIG(%rbx), %rsi
	PARK
7:	int3
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

/* The boot (remote_stub.h): written over the program's first instruction
 * and run there once with rdi = a struct remote_boot_block on the stack
 * below. Makes the reserving mmap, copies what the launcher staged into
 * it, clears the block and all it staged, and goes on to the load stub,
 * copied in with the rest. No stack used. */
	.globl	systrap_remote_boot_start
	.hidden	systrap_remote_boot_start
	.globl	systrap_remote_boot_end
	.hidden	systrap_remote_boot_end
systrap_remote_boot_start:
	movq	%rdi, %rbx
	SYSCALL_ARGS_FROM REMOTE_BOOT_MAP_ARGS, %rbx
	movl	$__NR_mmap, %eax
	syscall
	cmpq	REMOTE_BOOT_MAP_ARGS(%rbx), %rax    /* there, or nothing */
	jne	3f
	movq	REMOTE_BOOT_COUNT(%rbx), %r12
	leaq	REMOTE_BOOT_COPIES(%rbx), %r13
	cld
1:	testq	%r12, %r12
	jz	2f
	movq	REMOTE_BOOT_COPY_FROM(%r13), %rsi
	movq	REMOTE_BOOT_COPY_TO(%r13), %rdi
	movq	REMOTE_BOOT_COPY_LEN(%r13), %rcx
	rep movsb
	addq	$REMOTE_BOOT_COPY_SIZE, %r13
	decq	%r12
	jmp	1b
2:	movq	REMOTE_BOOT_THEN_PC(%rbx), %r14
	movq	REMOTE_BOOT_THEN_ARG(%rbx), %r15
	movq	REMOTE_BOOT_CLEAR_START(%rbx), %rdi /* the block too: read */
	movq	REMOTE_BOOT_CLEAR_LEN(%rbx), %rcx
	xorl	%eax, %eax
	rep stosb
	movq	%r15, %rdi
	jmp	*%r14                               /* the stub's stop, not ours */
3:	movq	REMOTE_BOOT_NOTIFY_PID(%rbx), %rdi /* rax: mmap's result */
	testq	%rdi, %rdi
	jz	4f
	movq	REMOTE_BOOT_NOTIFY_SIG(%rbx), %rsi
	PARK
4:	int3
systrap_remote_boot_end:

	.section .note.GNU-stack, "", @progbits
