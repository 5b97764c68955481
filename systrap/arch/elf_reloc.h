/* What an x86-64 relocation type asks of a loader that resolves an image
 * only against itself: the launcher's (systrap/inject/image_loader.c) and
 * the image's own (systrap/image/self_relocate.c) read the same answer. No
 * libc: the image calls this before its data is relocated. */
#ifndef SYSTRAP_ARCH_ELF_RELOC_H
#define SYSTRAP_ARCH_ELF_RELOC_H

#include <elf.h>
#include <stdint.h>

enum elf_reloc_kind {
	ELF_RELOC_NONE,     /* nothing to do */
	ELF_RELOC_RELATIVE, /* base + addend */
	ELF_RELOC_SYMBOL,   /* symbol's address + addend, 8 bytes */
	ELF_RELOC_UNSUPPORTED,
};

static inline enum elf_reloc_kind elf_reloc_kind(uint32_t type)
{
	switch (type) {
	case R_X86_64_NONE:
		return ELF_RELOC_NONE;
	case R_X86_64_RELATIVE:
		return ELF_RELOC_RELATIVE;
	case R_X86_64_64:
	case R_X86_64_GLOB_DAT:
	case R_X86_64_JUMP_SLOT:
		return ELF_RELOC_SYMBOL;
	default:
		return ELF_RELOC_UNSUPPORTED;
	}
}

#endif
