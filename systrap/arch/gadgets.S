/* The gadgets: `syscall` followed by a trap, ARCH_GADGETS of them per trap
 * kind, in systrap's own code (gadgets.h). A call that must run on the
 * program's own stack and registers (rt_sigreturn, vfork, clone with a new
 * stack, sigaltstack) is made by resuming the program at a gadget; the
 * trap after it runs the post hooks. Being in systrap's text, a gadget's
 * syscall is inside the range Syscall User Dispatch lets through in sealed
 * mode, and its bytes are never written. */
#include "systrap/arch/gadgets.h"

	.macro gadget_syscall
1:	syscall
	.pushsection systrap_own_sites, "a"
	.balign 4
	.long 1b - .
	.popsection
	.endm

	.text
	.p2align 4
	.globl	arch_gadgets_ud2
	.hidden	arch_gadgets_ud2
arch_gadgets_ud2:
	.rept	ARCH_GADGETS
	gadget_syscall
	ud2
	.endr
	.size	arch_gadgets_ud2, . - arch_gadgets_ud2

	.globl	arch_gadgets_int3
	.hidden	arch_gadgets_int3
arch_gadgets_int3:
	.rept	ARCH_GADGETS
	gadget_syscall
	int3
	nop
	.endr
	.size	arch_gadgets_int3, . - arch_gadgets_int3

/* The same entered from the fast path (gadgets.h's arch_fast_gadget): its
 * way back leaves rsp below the red zone the trampoline stepped over, as
 * for a program-call stub (jump_patch.h), so the program's stack pointer
 * first. */
	.p2align 4
	.globl	arch_fast_gadgets_ud2
	.hidden	arch_fast_gadgets_ud2
arch_fast_gadgets_ud2:
	.rept	ARCH_GADGETS
	lea	0x80(%rsp), %rsp
	gadget_syscall
	ud2
	.endr
	.size	arch_fast_gadgets_ud2, . - arch_fast_gadgets_ud2

	.globl	arch_fast_gadgets_int3
	.hidden	arch_fast_gadgets_int3
arch_fast_gadgets_int3:
	.rept	ARCH_GADGETS
	lea	0x80(%rsp), %rsp
	gadget_syscall
	int3
	nop
	.endr
	.size	arch_fast_gadgets_int3, . - arch_fast_gadgets_int3

	.section .note.GNU-stack, "", @progbits
