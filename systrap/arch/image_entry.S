/* systrap_image_start: the self-contained image's ELF entry point
 * (systrap/image/image_abi.h). The launcher points rip here on a stopped
 * thread, with rdi = the parameter block and rsp below the program's red
 * zone; we align the stack for C, run systrap_image_main, and stop at the
 * int3 with its result in rax, where the launcher takes it and gives the
 * thread its own registers back. Nothing returns past the int3.
 *
 * systrap_image_main also says in rdx which XSAVE components to put back
 * in their initial state first (SYSTRAP_IMAGE_RESET_VECTORS: at an exec
 * stop, the state the exec gave): the components in its low half, the
 * size of the XSAVE area in its high half. XRSTOR of a standard-format
 * area whose header's XSTATE_BV is 0 initialises every component asked
 * for and loads MXCSR from the area (its initial 0x1f80); it may touch
 * the whole area for the components asked, so all of it is laid out on
 * the stack below us (never above: at an exec the program's arguments
 * are there), zeroed, and left zero.
 *
 * Where systrap_image_main set systrap_image_notify_pid (image_abi.h,
 * SYSTRAP_IMAGE_GO_ON: the launcher detached before the run and was told
 * the outcome by a signal), there is no int3: with a result of 0 the
 * program's registers (systrap_image_resume, resume_regs.h) are loaded
 * and the program runs from its saved pc (arch_resume_jump); with a
 * failure the thread parks (arch_park) until the launcher takes it back
 * and reads the result (resume_jump.h).
 *
 * In a section of its own, as a C function has with -ffunction-sections:
 * build_defs/image_section_order.txt puts it with the start's hot code. */
	.section .text.systrap_image_start, "ax", @progbits
	.globl	systrap_image_start
	.hidden	systrap_image_start
	.type	systrap_image_start, @function
systrap_image_start:
	.cfi_startproc
	.cfi_undefined rip
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	call	systrap_image_main
	testl	%edx, %edx
	jz	1f
	movq	%rax, %r8               /* the result */
	movl	%edx, %r9d              /* the components */
	shrq	$32, %rdx
	movl	%edx, %r10d             /* the area's size, a multiple of 64 */
	subq	%r10, %rsp
	subq	$64, %rsp
	andq	$-64, %rsp
	movq	%rsp, %rdi
	movl	%r10d, %ecx
	shrl	$3, %ecx
	xorl	%eax, %eax
	rep stosq
	movl	$0x1f80, 24(%rsp)       /* MXCSR */
	movl	%r9d, %eax
	xorl	%edx, %edx
	xrstor	(%rsp)
	movl	$0, 24(%rsp)
	movq	%r8, %rax
1:	cmpq	$0, systrap_image_notify_pid(%rip)
	jne	2f
	int3
2:	testq	%rax, %rax
	jnz	3f
	leaq	systrap_image_resume(%rip), %rdi
	jmp	arch_resume_jump
3:	movq	%rax, %rdi
	movq	systrap_image_notify_pid(%rip), %rsi
	movq	systrap_image_notify_fail(%rip), %rdx
	jmp	arch_park
	.cfi_endproc
	.size	systrap_image_start, .-systrap_image_start

/* systrap_image_thread_start: the same for each other thread of a process
 * the image was attached to (image_abi.h's thread_entry), running
 * systrap_image_thread_main. */
	.globl	systrap_image_thread_start
	.hidden	systrap_image_thread_start
	.type	systrap_image_thread_start, @function
systrap_image_thread_start:
	.cfi_startproc
	.cfi_undefined rip
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	call	systrap_image_thread_main
	int3
	.cfi_endproc
	.size	systrap_image_thread_start, .-systrap_image_thread_start

/* systrap_image_reenter_start: a launcher coming back to a process that
 * has the image (image_abi.h, SYSTRAP_IMAGE_REENTRY_OFFSET), running
 * systrap_image_reenter_main. */
	.globl	systrap_image_reenter_start
	.hidden	systrap_image_reenter_start
	.type	systrap_image_reenter_start, @function
systrap_image_reenter_start:
	.cfi_startproc
	.cfi_undefined rip
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	call	systrap_image_reenter_main
	int3
	.cfi_endproc
	.size	systrap_image_reenter_start, .-systrap_image_reenter_start

	.section .note.GNU-stack,"",@progbits
