/* size_t arch_fault_copy(void *dst, const void *src, size_t n) and
 * int arch_fault_copy_recover(void *context): fault_copy.h.
 *
 * One `rep movsb`: a fault stops it with rsi, rdi and rcx telling how far
 * it got (every byte before rsi copied). The signal handler moves the pc
 * from the instruction to the fix-up, which returns rcx: the bytes left.
 * In a section of its own, as a C function has with -ffunction-sections:
 * build_defs/image_section_order.txt puts it among the hot code (the
 * tracer reads the program's memory with it at every call that has a
 * pointer to show). */
	.section .text.arch_fault_copy, "ax", @progbits
	.globl arch_fault_copy
	.hidden arch_fault_copy
	.type arch_fault_copy, @function
arch_fault_copy:
	.cfi_startproc
	endbr64
	cld
	mov %rdx, %rcx
	.globl arch_fault_copy_insn
	.hidden arch_fault_copy_insn
arch_fault_copy_insn:
	rep movsb
	.globl arch_fault_copy_fixup
	.hidden arch_fault_copy_fixup
arch_fault_copy_fixup:
	mov %rcx, %rax
	ret
	.cfi_endproc
	.size arch_fault_copy, . - arch_fault_copy

	.section .note.GNU-stack, "", @progbits
