/* systrap_image_start: the self-contained image's ELF entry point
 * (systrap/image/image_abi.h). The launcher points rip here on a stopped
 * thread, with rdi = the parameter block and rsp below the program's red
 * zone; we align the stack for C, run systrap_image_main, and stop at the
 * int3 with its result in rax, where the launcher takes it and gives the
 * thread its own registers back. Nothing returns past the int3. */
	.text
	.globl	systrap_image_start
	.hidden	systrap_image_start
	.type	systrap_image_start, @function
systrap_image_start:
	.cfi_startproc
	.cfi_undefined rip
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	call	systrap_image_main
	int3
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
