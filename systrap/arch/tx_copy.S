/* int arch_tx_copy(void *dst, const void *src, size_t n): tx_copy.h.
 *
 * xbegin's fallback address is where an abort resumes, with every register
 * but rax as it was at xbegin (rax then holds the abort status) and every
 * store made inside undone: no fault reaches the kernel as a signal. */
	.text
	.globl arch_tx_copy
	.hidden arch_tx_copy
	.type arch_tx_copy, @function
arch_tx_copy:
	.cfi_startproc
	endbr64
	xor %eax, %eax
	xtest			/* ZF=0: a transaction is already running */
	jnz 1f
	mov %rdx, %rcx
	xbegin 2f
	rep movsb
	xend
	mov $1, %eax
1:	ret
2:	xor %eax, %eax		/* aborted */
	ret
	.cfi_endproc
	.size arch_tx_copy, . - arch_tx_copy

	.section .note.GNU-stack, "", @progbits
