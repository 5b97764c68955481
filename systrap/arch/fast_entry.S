/* systrap_fast_entry: the one entry of every jump trampoline
 * (jump_patch.h). On entry the trampoline has stepped over the red zone and
 * called us: (%rsp) is its return address R. We move to the thread's
 * alternate signal stack if it has one and is not on it (fast_stack.h:
 * read through systrap's own thread pointer, %gs, thread_pointer.h),
 * save the flags and the registers a C call may change, which are also
 * everything the kernel keeps across a syscall except rcx and r11, hand them
 * to systrap_fast_dispatch as a struct arch_fast_frame (with where R is)
 * with the struct systrap_call it fills (its number and arguments stored
 * here; ARCH_FAST_CALL_*, fast_stack.h) and the record,
 * make a plain call ourselves when the dispatch says so (then
 * systrap_fast_post), and restore them, with whatever the dispatch changed
 * (rax, rcx, r11, or R), then jump to R on the program's stack. Vector and
 * x87 registers
 * are not touched by the dispatch, which is compiled general-registers-only;
 * handlers that did not promise the same are run with the whole extended
 * state saved around them (xsave/xrstor, when systrap_fast_saves_vector
 * is set; systrap_xsave_size is the bytes of the XSAVE area this CPU's
 * enabled features need, systrap_xsave_mask those features).
 */
#include <asm/unistd_64.h>

#include "systrap/arch/fast_stack.h"

/* XSAVE of systrap_xsave_mask's components to the area at (%rsp), its
 * header zeroed first: XSAVE keeps the XSTATE_BV bits of components it does
 * not save, and XRSTOR refuses any bit the OS did not enable, or reserved
 * bytes that are not zero. Clobbers rax and rdx. */
	.macro xsave_to_stack
	xorl	%eax, %eax
	movq	%rax, 512(%rsp)
	movq	%rax, 520(%rsp)
	movq	%rax, 528(%rsp)
	movq	%rax, 536(%rsp)
	movq	%rax, 544(%rsp)
	movq	%rax, 552(%rsp)
	movq	%rax, 560(%rsp)
	movq	%rax, 568(%rsp)
	movl	systrap_xsave_mask(%rip), %eax
	xorl	%edx, %edx
	xsave64	(%rsp)
	.endm

/* The syscall whose number and arguments are the struct systrap_call at
 * (%rsp) (fast_stack.h's ARCH_FAST_CALL_*). */
	.macro call_from_stack
	movq	ARCH_FAST_CALL_NR(%rsp), %rax
	movq	ARCH_FAST_CALL_ARGS(%rsp), %rdi
	movq	ARCH_FAST_CALL_ARGS+8(%rsp), %rsi
	movq	ARCH_FAST_CALL_ARGS+16(%rsp), %rdx
	movq	ARCH_FAST_CALL_ARGS+24(%rsp), %r10
	movq	ARCH_FAST_CALL_ARGS+32(%rsp), %r8
	movq	ARCH_FAST_CALL_ARGS+40(%rsp), %r9
	/* rcx, which the call does not read, is made anything but the
	 * address after the syscall: only the instruction itself puts that
	 * there, so a handler's frame with rip on the instruction and rcx
	 * after it is one the kernel rewound to restart the call made there,
	 * never one of a signal that came just before the instruction
	 * (arch_sigreturn_restart_pc). */
	xorl	%ecx, %ecx
	syscall
	.endm

/* A restart point (jump_patch.h, arch_restart_point): the syscall
 * instruction that ends at `after`, and the code to run instead of it when
 * the kernel is to restart the call there after a signal handler. Each
 * 32 bits, the distance from the entry itself (as systrap_own_sites):
 * nothing for a loader to relocate. */
	.macro restart_point after, restart
	.pushsection systrap_restart_points, "a"
	.balign 4
	.long	\after - 2 - .
	.long	\restart - .
	.popsection
	.endm

/* The registers of a call the kernel restarts (rax its number, then its
 * six arguments) into the struct arch_restart at \to (jump_patch.h),
 * marked restarted. */
	.macro restart_registers_to to
	movq	%rax, (\to)
	movq	%rdi, 8(\to)
	movq	%rsi, 16(\to)
	movq	%rdx, 24(\to)
	movq	%r10, 32(\to)
	movq	%r8, 40(\to)
	movq	%r9, 48(\to)
	movq	$1, ARCH_RESTART_RESTARTED(\to)
	.endm

/* The status flags back without popfq, which costs more than the rest of
 * the path: OF by doubling 0x80 or 0 (bit 11 shifted to bit 7), then SF ZF
 * AF PF CF with sahf, which leaves OF alone. Only DF is not among them,
 * and it was clear. 0(%rsp) is rcx, 8 rax, 16 the flags; clobbers rax. */
	.macro restore_status_flags
	movl	16(%rsp), %eax
	shrl	$4, %eax
	andb	$0x80, %al
	addb	%al, %al
	movb	16(%rsp), %ah
	sahf
	.endm

/* Restores the registers a syscall keeps, from r11 up to rdx. */
	.macro pop_kept_registers
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdi
	popq	%rsi
	popq	%rdx
	.endm

/* The entry's body, for the trampolines (dispatch: systrap_fast_dispatch)
 * and for the program-call stubs after their syscall (systrap_fast_resume):
 * the same frame, record and unwind information. altstack 0: stay on the
 * stack we are on (a clone's child, which has no alternate stack yet reads
 * its parent's block). */
	.macro fast_entry name, dispatch, altstack=1, exitstack=0, shstk=0
	/* A section of its own, as -ffunction-sections gives each C
	 * function: build_defs/image_section_order.txt can then put the
	 * entry every traced call runs among the hot code. */
	.section .text.\name, "ax", @progbits
	.globl	\name
	.hidden	\name
	.type	\name, @function
	.p2align 4
\name:
	.cfi_startproc
	/* For unwinders (gdb, libgcc's backtrace from a signal handler),
	 * our caller is the program at the site, not the trampoline, which
	 * has no unwind information: the canonical frame address is the
	 * program's stack pointer there (above our return address R and the
	 * red zone the trampoline stepped over), and the return address is
	 * the site's resume address, site + 2, the site read from the record
	 * ARCH_RECORD_OFFSET (13) bytes after R:
	 * DW_CFA_val_expression rip: CFA 136 - deref 13 + deref 2 +. */
	.cfi_def_cfa_offset 136
	.cfi_escape 0x16, 0x10, 0x09, 0x08, 0x88, 0x1c, 0x06, 0x23, 0x0d, 0x06, 0x23, 0x02
	/* Reached by an indirect call: a landing pad, should indirect
	 * branch tracking (CET IBT) be enforced. A nop otherwise. */
	endbr64
	/* rcx and r11 are free: the syscall this stands for leaves the
	 * return address and the flags there. The flags go to r11 before
	 * anything changes them. */
	pushfq
	.cfi_adjust_cfa_offset 8
	popq	%r11
	.cfi_adjust_cfa_offset -8
	/* To the top of the thread's alternate signal stack, unless there is
	 * none or we are on it (lo < rsp <= hi, the kernel's test), as the
	 * kernel does for an SA_ONSTACK handler: the program's stack may
	 * have no room for us (fast_stack.h). */
	.if \exitstack
	/* The thread's own exit runs on the stack after its block, never
	 * the program's, which may already be another thread's
	 * (fast_stack.h), unless another task may run on this block. */
	cmpq	$__NR_exit, %rax
	jne	5f
	cmpl	$0, %gs:ARCH_FAST_STACK_SHARED
	jne	5f
	movq	%gs:0, %rcx
	addq	$ARCH_EXIT_STACK_TOP, %rcx
	jmp	6f
5:
	.endif
	.if \altstack
	cmpq	$0, %gs:ARCH_FAST_STACK_HI
	je	1f
	cmpq	%gs:ARCH_FAST_STACK_HI, %rsp
	ja	2f
	cmpq	%gs:ARCH_FAST_STACK_LO, %rsp
	ja	1f
	.else
	jmp	1f
	.endif
2:
	movq	%gs:ARCH_FAST_STACK_HI, %rcx
6:
	andq	$-16, %rcx
	.cfi_remember_state
	xchgq	%rcx, %rsp
	.cfi_def_cfa %rcx, 136
	/* Where R is: the frame's ret_slot, and (deref + 136) the CFA. */
	pushq	%rcx
	/* DW_CFA_def_cfa_expression: rsp deref 136 + */
	.cfi_escape 0x0f, 0x06, 0x77, 0x00, 0x06, 0x23, 0x88, 0x01
	movq	(%rcx), %rcx	/* R */
	jmp	3f
1:
	.cfi_restore_state
	pushq	%rsp	/* its value before the push: where R is */
	.cfi_escape 0x0f, 0x06, 0x77, 0x00, 0x06, 0x23, 0x88, 0x01
	movq	8(%rsp), %rcx	/* R */
3:
	pushq	%rbp
	/* CFA: (rsp + 8) deref 136 +; rbp saved at rsp */
	.cfi_escape 0x0f, 0x06, 0x77, 0x08, 0x06, 0x23, 0x88, 0x01
	.cfi_escape 0x10, 0x06, 0x02, 0x77, 0x00
	movq	%rsp, %rbp
	/* The same from rbp, which stays put from here on. */
	.cfi_escape 0x0f, 0x06, 0x76, 0x08, 0x06, 0x23, 0x88, 0x01
	.cfi_escape 0x10, 0x06, 0x02, 0x76, 0x00
	pushq	%r11	/* the flags */
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	movq	%rsp, %r11	/* the frame */
	/* The C ABI wants a 16-byte aligned stack and a clear direction flag
	 * (the program's DF is clear at any call; 12f handles the odd one).
	 * XSAVE wants 64. */
	andq	$-64, %rsp
	cmpb	$0, systrap_fast_saves_vector(%rip)
	jne	9f
2:
	/* The struct systrap_call: its number and arguments stored here,
	 * straight from the registers, the rest filled by the dispatch; the
	 * call made from it. */
	subq	$ARCH_FAST_CALL_BYTES, %rsp
	movq	%rax, ARCH_FAST_CALL_NR(%rsp)
	movq	%rdi, ARCH_FAST_CALL_ARGS(%rsp)
	movq	%rsi, ARCH_FAST_CALL_ARGS+8(%rsp)
	movq	%rdx, ARCH_FAST_CALL_ARGS+16(%rsp)
	movq	%r10, ARCH_FAST_CALL_ARGS+24(%rsp)
	movq	%r8, ARCH_FAST_CALL_ARGS+32(%rsp)
	movq	%r9, ARCH_FAST_CALL_ARGS+40(%rsp)
	movq	%r11, %rdi
	movq	%rsp, %rsi
	leaq	ARCH_RECORD_OFFSET(%rcx), %rdx	/* the record */
	testl	$0x400, 72(%rdi)
	jnz	12f
5:
	call	\dispatch
	cmpl	$ARCH_FAST_MAKE_CALL_ONLY, %eax
	je	14f
	testl	%eax, %eax
	jnz	7f
8:
	cmpb	$0, systrap_fast_saves_vector(%rip)
	jne	10f
11:
	.if \shstk
	/* With a CET shadow stack, the trampoline's call pushed R on it too,
	 * and a jump back leaves it there: pop it, or the program's next
	 * `ret` faults. The twins with this are called only where the
	 * kernel has shadow stacks (arch_fast_entry). */
	jmp	16f
	.endif
17:
	leaq	-80(%rbp), %rsp
	pop_kept_registers
	testl	$0x400, 16(%rsp)
	jnz	13f
	/* Whether we are on the program's stack, where R's slot is right
	 * above the saved rbp and where R is (24 + 16 above rsp): the way
	 * back then needs no load of where R is. */
	leaq	40(%rsp), %rax
	cmpq	%rax, 32(%rsp)
	jne	15f
	restore_status_flags
	popq	%rcx
	popq	%rax
	leaq	8(%rsp), %rsp
	.cfi_remember_state
	popq	%rbp
	.cfi_escape 0x0f, 0x06, 0x77, 0x00, 0x06, 0x23, 0x88, 0x01
	.cfi_restore %rbp
	leaq	16(%rsp), %rsp
	.cfi_def_cfa %rsp, 128
	jmp	*-8(%rsp)
	.cfi_restore_state
15:
	restore_status_flags
	popq	%rcx
	popq	%rax
	leaq	8(%rsp), %rsp
4:
	.cfi_remember_state
	/* Back to the program's stack (where R, perhaps changed to the slow
	 * exit, is), without touching the flags or a register, and on to R
	 * by a jump, not `ret`: after a syscall made since the trampoline's
	 * call, the return stack buffer no longer predicts that return (the
	 * kernel's mitigations fill it), and a mispredicted `ret` there cost
	 * ~45 ns a call (docs/PERFORMANCE.md, "The fast path's return").
	 * Once rsp is above R's slot, the slot is in the 128 bytes below the
	 * stack pointer that the ABI keeps from signal handlers (the kernel
	 * puts a signal frame below them). */
	popq	%rbp
	.cfi_escape 0x0f, 0x06, 0x77, 0x00, 0x06, 0x23, 0x88, 0x01
	.cfi_restore %rbp
	movq	(%rsp), %rsp
	.cfi_def_cfa %rsp, 136
	leaq	8(%rsp), %rsp
	.cfi_def_cfa_offset 128
	jmp	*-8(%rsp)
	.cfi_restore_state
	/* The cold ends, with the CFA still found from rbp. */
	/* A plain call (no intercept), after its pre hooks: made here, so
	 * that no `ret` follows it but the post hooks' own (their calls are
	 * made after it). */
7:
	call_from_stack
20:
	restart_point 20b, 18f
	movq	%rax, ARCH_FAST_CALL_RESULT(%rsp)
	leaq	-80(%rbp), %rdi
	movq	%rsp, %rsi
	call	systrap_fast_post
	jmp	8b
	/* The same without post hooks: the frame is complete but for rax. */
14:
	call_from_stack
21:
	restart_point 21b, 18f
	movq	%rax, -16(%rbp)
	jmp	8b
	/* The kernel is to restart the call made at 7 or 14, and the
	 * signal handler's rt_sigreturn sent us here instead of onto the
	 * syscall again (intercept_sigreturn_restart), with the registers
	 * and the stack as they were there: the attempt ends for the post
	 * hooks, and the way back goes into the trampoline's call again
	 * (systrap_fast_restart), so the call comes anew through the pre
	 * hooks, as it comes anew to the kernel. */
18:
	/* The registers the kernel makes the call again with are these, as
	 * the handler's rt_sigreturn restored them, edits to its frame
	 * included (a program's handler may change an argument of the call
	 * to restart, as natively): a struct arch_restart below the call's,
	 * for systrap_fast_restart. The stack stays 16-byte aligned. */
	subq	$ARCH_RESTART_BYTES, %rsp
	restart_registers_to %rsp
	leaq	-80(%rbp), %rdi
	leaq	ARCH_RESTART_BYTES(%rsp), %rsi
	movq	%rsp, %rdx
	call	systrap_fast_restart
	addq	$ARCH_RESTART_BYTES, %rsp
	jmp	8b
	/* Handlers that may touch vector registers: the XSAVE area below
	 * the frame, above the call. */
9:
	movl	systrap_xsave_size(%rip), %eax
	subq	%rax, %rsp
	xsave_to_stack
	movq	-16(%rbp), %rax
	movq	-32(%rbp), %rdx
	jmp	2b
10:
	movl	systrap_xsave_mask(%rip), %eax
	xorl	%edx, %edx
	xrstor64 ARCH_FAST_CALL_BYTES(%rsp)
	jmp	11b
	.if \shstk
	/* rdssp leaves rax 0 where this thread has no shadow stack (a NOP
	 * there); incssp would not be. */
16:
	xorl	%eax, %eax
	rdsspq	%rax
	testq	%rax, %rax
	jz	17b
	movl	$1, %eax
	incsspq	%rax
	jmp	17b
	.endif
	/* The direction flag was set: clear it for C, and give every flag
	 * back with popfq. */
12:
	cld
	jmp	5b
13:
	popq	%rcx
	popq	%rax
	popfq
	jmp	4b
	.cfi_endproc
	.size	\name, .-\name
	.endm

	fast_entry systrap_fast_entry, systrap_fast_dispatch, 1, 1
	fast_entry systrap_fast_resume_entry, systrap_fast_resume
	fast_entry systrap_fast_resume_entry_here, systrap_fast_resume, 0
/* The same, popping the trampoline's return address off a CET shadow
 * stack where the thread has one. */
	fast_entry systrap_fast_entry_shstk, systrap_fast_dispatch, 1, 1, 1
	fast_entry systrap_fast_resume_entry_shstk, systrap_fast_resume, 1, 0, 1
	fast_entry systrap_fast_resume_entry_here_shstk, systrap_fast_resume, 0, 0, 1

/* int arch_call_saving_vector_state(void (*fn)(void *), void *arg):
 * fn(arg) with the XSAVE state the OS enabled (x87, SSE, AVX, AVX-512)
 * saved on the stack around it; -1 without calling fn when
 * systrap_xsave_size is 0 (no XSAVE, or not computed). */
	.section .text.arch_call_saving_vector_state, "ax", @progbits
	.globl	arch_call_saving_vector_state
	.hidden	arch_call_saving_vector_state
	.type	arch_call_saving_vector_state, @function
	.p2align 4
arch_call_saving_vector_state:
	.cfi_startproc
	pushq	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbp, 0
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	movl	systrap_xsave_size(%rip), %eax
	testl	%eax, %eax
	jz	5f
	andq	$-64, %rsp
	subq	%rax, %rsp
	xsave_to_stack
	movq	%rdi, %rcx
	movq	%rsi, %rdi
	/* The area's size is a multiple of 64: the stack stays aligned. */
	call	*%rcx
	movl	systrap_xsave_mask(%rip), %eax
	xorl	%edx, %edx
	xrstor64 (%rsp)
	xorl	%eax, %eax
	.cfi_remember_state
	movq	%rbp, %rsp
	.cfi_def_cfa_register %rsp
	popq	%rbp
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbp
	ret
5:
	.cfi_restore_state
	movl	$-1, %eax
	popq	%rbp
	.cfi_def_cfa %rsp, 8
	.cfi_restore %rbp
	ret
	.cfi_endproc
	.size	arch_call_saving_vector_state, .-arch_call_saving_vector_state

/* long arch_restartable_syscall(const long *nr_args,
 *                               struct arch_restart *restart)
 * (jump_patch.h): the syscall, whose restart point returns -EINTR and
 * fills *restart with the registers the kernel restarts it with instead of
 * making it again. rbx, which the kernel's restart gives back as it was at
 * the syscall, keeps where *restart is. */
	.section .text.arch_restartable_syscall, "ax", @progbits
	.globl	arch_restartable_syscall
	.hidden	arch_restartable_syscall
	.type	arch_restartable_syscall, @function
	.p2align 4
arch_restartable_syscall:
	.cfi_startproc
	pushq	%rbx
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbx, 0
	movq	%rsi, %rbx
	movq	$0, ARCH_RESTART_RESTARTED(%rsi)
	movq	(%rdi), %rax
	movq	16(%rdi), %rsi
	movq	24(%rdi), %rdx
	movq	32(%rdi), %r10
	movq	40(%rdi), %r8
	movq	48(%rdi), %r9
	movq	8(%rdi), %rdi
	xorl	%ecx, %ecx	/* not 2f: as call_from_stack's */
1:
	syscall
2:
	.pushsection systrap_own_sites, "a"
	.balign 4
	.long	1b - .
	.popsection
	restart_point 2b, 3f
	.cfi_remember_state
	popq	%rbx
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbx
	ret
3:
	.cfi_restore_state
	/* As the handler's rt_sigreturn restored them, its edits included. */
	restart_registers_to %rbx
	movq	$-4, %rax	/* -EINTR */
	popq	%rbx
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbx
	ret
	.cfi_endproc
	.size	arch_restartable_syscall, .-arch_restartable_syscall

	.section .note.GNU-stack,"",@progbits
