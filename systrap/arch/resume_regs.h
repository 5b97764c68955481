/* The registers a thread resumes the program with when an image's entry
 * goes on to the program itself instead of stopping for its launcher
 * (systrap/image/image_abi.h, SYSTRAP_IMAGE_GO_ON): the launcher writes
 * them, as it read them at the exec's stop, into the parameter block; the
 * image copies them before it unmaps the block, and its entry
 * (image_entry.S) loads them last and jumps to the saved pc. The vector
 * registers are not here: the image puts them back in their initial
 * state (SYSTRAP_IMAGE_RESET_VECTORS), which go-on requires; nor the FS
 * base, which the image gave back itself; nor GS, systrap's own thread
 * pointer (thread_pointer.h). x86-64; a second architecture names its
 * own words. Offsets shared with the assembly. */
#ifndef SYSTRAP_ARCH_RESUME_REGS_H
#define SYSTRAP_ARCH_RESUME_REGS_H

#define ARCH_RESUME_RAX 0
#define ARCH_RESUME_RBX 8
#define ARCH_RESUME_RCX 16
#define ARCH_RESUME_RDX 24
#define ARCH_RESUME_RSI 32
#define ARCH_RESUME_RDI 40
#define ARCH_RESUME_RBP 48
#define ARCH_RESUME_R8 56
#define ARCH_RESUME_R9 64
#define ARCH_RESUME_R10 72
#define ARCH_RESUME_R11 80
#define ARCH_RESUME_R12 88
#define ARCH_RESUME_R13 96
#define ARCH_RESUME_R14 104
#define ARCH_RESUME_R15 112
#define ARCH_RESUME_RSP 120
#define ARCH_RESUME_RIP 128
#define ARCH_RESUME_RFLAGS 136
#define ARCH_RESUME_SIZE 144

#ifndef __ASSEMBLER__
#include <stdint.h>

struct arch_resume_regs {
	uint64_t word[ARCH_RESUME_SIZE / 8];
};
#endif

#endif
