/* A static program that checks, at its first instruction, the registers
 * an exec gives a program: every general register but rsp zero, the flags
 * 0x202, the x87 and SSE state initial (FXSAVE's image of it), and the AVX
 * registers zero where the OS enabled them. A launcher that runs code of
 * its own there first (systrap's image) must leave exactly that
 * (//tools/trace:image_test). Prints "registers as the exec made them" and
 * exits 0, else names the first register that differs and exits 1. */
	.section .rodata
/* The messages, indexed by the exit status: 0 all well, then each
 * check's (a pointer and a length each). */
messages:
	.quad	ok, ok_len
	.quad	bad_general, bad_general_len
	.quad	bad_x87, bad_x87_len
	.quad	bad_mxcsr, bad_mxcsr_len
	.quad	bad_vector, bad_vector_len
	.quad	bad_ymm, bad_ymm_len
ok:
	.ascii	"registers as the exec made them\n"
	.set	ok_len, . - ok
bad_general:
	.ascii	"a general register or the flags differ\n"
	.set	bad_general_len, . - bad_general
bad_x87:
	.ascii	"the x87 control or status differs\n"
	.set	bad_x87_len, . - bad_x87
bad_mxcsr:
	.ascii	"MXCSR differs\n"
	.set	bad_mxcsr_len, . - bad_mxcsr
bad_vector:
	.ascii	"an x87 or xmm register is not zero\n"
	.set	bad_vector_len, . - bad_vector
bad_ymm:
	.ascii	"a ymm register is not zero\n"
	.set	bad_ymm_len, . - bad_ymm

	.bss
	.balign	64
fxsave_area:
	.skip	512

	.text
	.globl	_start
_start:
	/* Everything but rsp onto the stack before any instruction changes
	 * a register: fifteen registers, then the flags. */
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushfq
	cmpq	$0x202, (%rsp)
	jne	general_differs
	movl	$1, %ecx
1:	cmpq	$0, (%rsp,%rcx,8)
	jne	general_differs
	incl	%ecx
	cmpl	$16, %ecx
	jne	1b

	fxsave	fxsave_area(%rip)
	leaq	fxsave_area(%rip), %rsi
	cmpw	$0x37f, (%rsi)          /* FCW */
	jne	x87_differs
	movl	$2, %ecx                /* FSW .. the last data pointer */
2:	cmpb	$0, (%rsi,%rcx)
	jne	x87_differs
	incl	%ecx
	cmpl	$24, %ecx
	jne	2b
	cmpl	$0x1f80, 24(%rsi)       /* MXCSR (28: its mask, the CPU's) */
	jne	mxcsr_differs
	movl	$32, %ecx               /* st0-7, then xmm0-15 */
3:	cmpq	$0, (%rsi,%rcx)
	jne	vector_differs
	addl	$8, %ecx
	cmpl	$416, %ecx
	jne	3b

	/* AVX where the OS enabled it (CPUID.1:ECX.OSXSAVE, then XCR0's SSE
	 * and AVX bits): each whole ymm register zero. */
	movl	$1, %eax
	cpuid
	btl	$27, %ecx
	jnc	all_well
	xorl	%ecx, %ecx
	xgetbv
	andl	$6, %eax
	cmpl	$6, %eax
	jne	all_well
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vptest	%ymm\n, %ymm\n
	jnz	ymm_differs
	.endr

all_well:
	xorl	%ebx, %ebx
	jmp	say
general_differs:
	movl	$1, %ebx
	jmp	say
x87_differs:
	movl	$2, %ebx
	jmp	say
mxcsr_differs:
	movl	$3, %ebx
	jmp	say
vector_differs:
	movl	$4, %ebx
	jmp	say
ymm_differs:
	movl	$5, %ebx
say:
	movl	%ebx, %eax              /* write(1, message, length) */
	shll	$4, %eax
	leaq	messages(%rip), %rcx
	movq	(%rcx,%rax), %rsi
	movq	8(%rcx,%rax), %rdx
	movl	$1, %eax
	movl	$1, %edi
	syscall
	movl	$60, %eax               /* exit(0), else 1 */
	xorl	%edi, %edi
	testl	%ebx, %ebx
	setnz	%dil
	syscall

	.section .note.GNU-stack, "", @progbits
