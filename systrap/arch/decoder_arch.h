/* The x86-64 parameters of the decoder adapter: which Capstone architecture
 * and mode, and which instruction ids matter to the instrumenter. */
#ifndef SYSTRAP_ARCH_DECODER_ARCH_H
#define SYSTRAP_ARCH_DECODER_ARCH_H

#include <capstone/capstone.h>

#define ARCH_CS_ARCH CS_ARCH_X86
#define ARCH_CS_MODE CS_MODE_64
/* The longest x86 instruction. */
#define ARCH_MAX_INSN_LEN 15

static inline int arch_insn_is_syscall(unsigned int id)
{
	return id == X86_INS_SYSCALL;
}

#endif
