/* The function symbols of an ELF file, to name a code address as strace -k
 * names it (libunwind's unw_get_proc_name): the defined STT_FUNC symbol of
 * .symtab or .dynsym (both, in the file's section order) nearest at or
 * below the address, however far below it (a stripped object's internal
 * function takes the name of the exported one before it), the first of
 * those at one address when several are. Read with raw system calls into
 * pages of their own: no libc, nothing left open or mapped from the file
 * (a traced program reading its maps sees anonymous pages only). */
#ifndef SYSTRAP_HANDLERS_ELF_SYMBOLS_H
#define SYSTRAP_HANDLERS_ELF_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct elf_symbols;

/* path's function symbols, or NULL when it cannot be read or is no 64-bit
 * ELF file (then every address of it is unnamed). */
struct elf_symbols *elf_symbols_load(const char *path);
void elf_symbols_free(struct elf_symbols *s);

/* The symbol naming the byte at file offset off (of a loaded segment):
 * 1 with *name and *distance (off's address minus the symbol's), or 0
 * when none is at or below it within the file's size. */
int elf_symbols_find(const struct elf_symbols *s, uint64_t off,
		     const char **name, uint64_t *distance);

#ifdef __cplusplus
}
#endif

#endif
