/* A 32-bit (i386) static program: the launcher's boot is x86-64 code and
 * must not run in it; an exec of it under -f runs as natively
 * (//tools/trace:image_test). Prints a line and exits 4. */
	.text
	.globl	_start
_start:
	movl	$4, %eax	/* write */
	movl	$1, %ebx
	movl	$message, %ecx
	movl	$8, %edx
	int	$0x80
	movl	$1, %eax	/* exit */
	movl	$4, %ebx
	int	$0x80
	.data
message:
	.ascii	"i386 ok\n"

	.section .note.GNU-stack, "", @progbits
