/* x86-64's DWARF facts for the stack unwinder (systrap/handlers/
 * stack_unwind.h): the register numbers of the psABI's DWARF mapping
 * (System V AMD64 psABI, figure 3.36) that .eh_frame's call-frame
 * information names, which of them are the stack pointer, the frame
 * pointer and the return address column, and the frame-pointer chain's
 * layout, which the unwinder follows where a pc has no CFI (libunwind's
 * x86-64 fallback). Nothing else about x86-64 is in the unwinder. */
#ifndef SYSTRAP_ARCH_UNWIND_ARCH_H
#define SYSTRAP_ARCH_UNWIND_ARCH_H

/* Registers the unwinder tracks: DWARF 0-15, the general registers, and
 * 16, the return address column (the pc). Rules for higher numbers (the
 * vector registers) are parsed and ignored. */
#define ARCH_DWARF_REGS 17

#define ARCH_DWARF_RAX 0
#define ARCH_DWARF_RDX 1
#define ARCH_DWARF_RCX 2
#define ARCH_DWARF_RBX 3
#define ARCH_DWARF_RSI 4
#define ARCH_DWARF_RDI 5
#define ARCH_DWARF_RBP 6
#define ARCH_DWARF_RSP 7
/* r8-r15 are 8-15. */
#define ARCH_DWARF_R(n) (n)
#define ARCH_DWARF_RIP 16

/* The stack pointer (the caller's is the CFA unless a rule says
 * otherwise), the frame pointer, the return address column. */
#define ARCH_DWARF_SP ARCH_DWARF_RSP
#define ARCH_DWARF_FP ARCH_DWARF_RBP
#define ARCH_DWARF_RA ARCH_DWARF_RIP

/* A word of the stack: the size of a saved register, of a return address
 * and of DW_EH_PE_absptr. */
#define ARCH_DWARF_WORD 8

/* The frame-pointer chain (push %rbp; mov %rsp,%rbp): the caller's frame
 * pointer at [fp + 0], the return address at [fp + 8], and the caller's
 * stack pointer (the CFA) fp + 16. */
#define ARCH_FP_SAVED_FP_OFFSET 0
#define ARCH_FP_RA_OFFSET 8
#define ARCH_FP_CFA_OFFSET 16
/* libunwind's x86-64 check of a frame pointer it follows: at or above the
 * frame's stack pointer, and no further above it than this. */
#define ARCH_FP_MAX_FRAME 0x4000

#endif
