/* arch_temp_mask_call (temp_mask_site.h): nr in rdi, its six arguments at
 * rsi, loaded into the registers the kernel takes them in. */
	.text
	.globl	arch_temp_mask_call
	.hidden	arch_temp_mask_call
	.type	arch_temp_mask_call, @function
arch_temp_mask_call:
	.cfi_startproc
	movq	%rdi, %rax
	movq	%rsi, %r11
	movq	0(%r11), %rdi
	movq	8(%r11), %rsi
	movq	16(%r11), %rdx
	movq	24(%r11), %r10
	movq	32(%r11), %r8
	movq	40(%r11), %r9
	syscall
	.globl	arch_temp_mask_returns_at
	.hidden	arch_temp_mask_returns_at
arch_temp_mask_returns_at:
	ret
	.cfi_endproc
	.size	arch_temp_mask_call, .-arch_temp_mask_call

	.globl	arch_temp_mask_site
	.hidden	arch_temp_mask_site
	.type	arch_temp_mask_site, @function
arch_temp_mask_site:
	leaq	arch_temp_mask_returns_at(%rip), %rax
	ret
	.size	arch_temp_mask_site, .-arch_temp_mask_site

	.section .note.GNU-stack,"",@progbits
