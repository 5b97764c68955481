/* A static program whose first instruction is 48 bytes before the end of
 * its code's last page, with read-only data mapped right after: the
 * injector's boot (~110 bytes written over the first instruction) would
 * reach into a page that is not executable there, and must step aside
 * (//tools/trace:image_test). Prints a line and exits 7. */
	.section .rodata
message:
	.ascii	"hello from the end of a page\n"
	.text
	.balign	4096
	.skip	4096 - 48
	.globl	_start
_start:
	movl	$1, %eax
	movl	$1, %edi
	leaq	message(%rip), %rsi
	movl	$29, %edx
	syscall
	movl	$60, %eax
	movl	$7, %edi
	syscall

	.section .note.GNU-stack, "", @progbits
