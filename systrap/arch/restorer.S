/* The signal restorer: `mov $15, %rax; syscall` (rt_sigreturn).
 *
 * The byte sequence 48 c7 c0 0f 00 00 00 0f 05 is what gdb's
 * amd64_linux_sigtramp_p and libgcc's x86_64_fallback_frame_state look for,
 * so both unwind through it into the interrupted code. The CFI says the same
 * for unwinders that read it: the CFA is the ucontext's saved rsp and every
 * register is at its slot in uc_mcontext.gregs (rsp + 40 + 8 * REG_x). The
 * nop before the label is there because unwinders look up pc - 1.
 */
#define UC_GREGS 40
#define OFF(reg) (UC_GREGS + 8 * (reg))
/* Offsets as 2-byte SLEB128 (non-minimal encodings are valid). */
#define LO(reg) ((OFF(reg) & 0x7f) | 0x80)
#define HI(reg) (OFF(reg) >> 7)
/* <sys/ucontext.h> REG_* indices */
#define R8 0
#define R9 1
#define R10 2
#define R11 3
#define R12 4
#define R13 5
#define R14 6
#define R15 7
#define RDI 8
#define RSI 9
#define RBP 10
#define RBX 11
#define RDX 12
#define RAX 13
#define RCX 14
#define RSP 15
#define RIP 16

	/* Its own section, as a C function has with -ffunction-sections:
	 * build_defs/image_section_order.txt puts it among the hot code. */
	.section .text.arch_signal_restorer, "ax", @progbits
	.cfi_startproc simple
	.cfi_signal_frame
	/* CFA = *(rsp + OFF(RSP)): DW_CFA_def_cfa_expression; then each register
	 * i at *(rsp + OFF(i)): DW_CFA_expression i, DW_OP_breg7 OFF(i). */
	.cfi_escape 0x0f, 4, 0x77, LO(RSP), HI(RSP), 0x06
	.cfi_escape 0x10, 8, 3, 0x77, LO(R8), HI(R8)
	.cfi_escape 0x10, 9, 3, 0x77, LO(R9), HI(R9)
	.cfi_escape 0x10, 10, 3, 0x77, LO(R10), HI(R10)
	.cfi_escape 0x10, 11, 3, 0x77, LO(R11), HI(R11)
	.cfi_escape 0x10, 12, 3, 0x77, LO(R12), HI(R12)
	.cfi_escape 0x10, 13, 3, 0x77, LO(R13), HI(R13)
	.cfi_escape 0x10, 14, 3, 0x77, LO(R14), HI(R14)
	.cfi_escape 0x10, 15, 3, 0x77, LO(R15), HI(R15)
	.cfi_escape 0x10, 5, 3, 0x77, LO(RDI), HI(RDI)
	.cfi_escape 0x10, 4, 3, 0x77, LO(RSI), HI(RSI)
	.cfi_escape 0x10, 6, 3, 0x77, LO(RBP), HI(RBP)
	.cfi_escape 0x10, 3, 3, 0x77, LO(RBX), HI(RBX)
	.cfi_escape 0x10, 1, 3, 0x77, LO(RDX), HI(RDX)
	.cfi_escape 0x10, 0, 3, 0x77, LO(RAX), HI(RAX)
	.cfi_escape 0x10, 2, 3, 0x77, LO(RCX), HI(RCX)
	.cfi_escape 0x10, 16, 3, 0x77, LO(RIP), HI(RIP)
	nop
	.globl arch_signal_restorer
	.hidden arch_signal_restorer
	.type arch_signal_restorer, @function
arch_signal_restorer:
	movq $15, %rax
1:	syscall
	.pushsection systrap_own_sites, "a"
	.balign 4
	.long 1b - .
	.popsection
	.cfi_endproc
	.size arch_signal_restorer, . - arch_signal_restorer

/* arch_enter_handler_in_frame(handler, sig, info, context): the kernel's
 * x86-64 rt_sigframe is { pretcode, ucontext, siginfo, ... }, so the stack
 * pointer it entered the handler with, pointing at pretcode, is
 * context - 8. */
	.globl arch_enter_handler_in_frame
	.hidden arch_enter_handler_in_frame
	.type arch_enter_handler_in_frame, @function
arch_enter_handler_in_frame:
	.cfi_startproc
	leaq -8(%rcx), %rsp
	movq %rdi, %rax
	movl %esi, %edi
	movq %rdx, %rsi
	movq %rcx, %rdx
	jmp *%rax
	.cfi_endproc
	.size arch_enter_handler_in_frame, . - arch_enter_handler_in_frame

	.section .note.GNU-stack, "", @progbits
