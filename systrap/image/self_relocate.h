/* The image's own relocation at its entry (image_abi.h,
 * SYSTRAP_IMAGE_RELOCATE): what ld.so does for a library, for the image's
 * few relocation kinds (systrap/arch/elf_reloc.h). */
#ifndef SYSTRAP_IMAGE_SELF_RELOCATE_H
#define SYSTRAP_IMAGE_SELF_RELOCATE_H

#include <stdint.h>

/* Applies the relocations of the image whose link address 0 is at base,
 * its dynamic section being dynamic (the run-time address of its
 * _DYNAMIC). Reads and writes nothing that a relocation changes, calls
 * nothing: it runs before any of the image's pointers is right. Returns
 * 0, or -ENOEXEC at a relocation it cannot apply (which the launcher's
 * check refuses first). */
long image_relocate_self(uintptr_t base, const uint64_t *dynamic)
	__attribute__((visibility("hidden")));

#endif
