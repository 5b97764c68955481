/* The image relocating itself (self_relocate.h). Runs first at the entry,
 * with nothing relocated yet: it reaches its tables through base and the
 * dynamic section only, and is a plain loop (no call, no string function
 * the compiler could put in; the image's code reaches globals through
 * its GOT, which is one of the things relocated here). */
#include <elf.h>
#include <errno.h>

#include "systrap/arch/elf_reloc.h"
#include "systrap/image/self_relocate.h"

/* One table (DT_RELA or DT_JMPREL) of size bytes at link address table,
 * each place it writes below end (link-time). */
static long apply(uintptr_t base, uint64_t table, uint64_t size,
		  const Elf64_Sym *symtab, uint64_t end)
{
	const Elf64_Rela *r = (const Elf64_Rela *)(base + table);
	for (uint64_t i = 0; i < size / sizeof *r; i++) {
		if (r[i].r_offset > end - 8)
			return -ENOEXEC;
		uint64_t *where = (uint64_t *)(base + r[i].r_offset);
		uint32_t symi = ELF64_R_SYM(r[i].r_info);
		switch (elf_reloc_kind(ELF64_R_TYPE(r[i].r_info))) {
		case ELF_RELOC_NONE:
			break;
		case ELF_RELOC_RELATIVE:
			*where = base + (uint64_t)r[i].r_addend;
			break;
		case ELF_RELOC_SYMBOL: {
			if (symi == 0) {
				*where = (uint64_t)r[i].r_addend;
				break;
			}
			if (!symtab)
				return -ENOEXEC;
			const Elf64_Sym *s = &symtab[symi];
			if (ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC ||
			    ELF64_ST_TYPE(s->st_info) == STT_TLS)
				return -ENOEXEC;
			if (s->st_shndx == SHN_UNDEF) {
				/* A weak reference nothing defines is 0, as
				 * ld.so makes it; any other, an error. */
				if (ELF64_ST_BIND(s->st_info) != STB_WEAK)
					return -ENOEXEC;
				*where = 0;
				break;
			}
			*where = s->st_value + (uint64_t)r[i].r_addend +
				 (s->st_shndx == SHN_ABS ? 0 : base);
			break;
		}
		default:
			return -ENOEXEC;
		}
	}
	return 0;
}

long image_relocate_self(uintptr_t base, const uint64_t *dynamic)
{
	uint64_t rela = 0, relasz = 0, jmprel = 0, pltrelsz = 0, symtab = 0;
	for (const uint64_t *d = dynamic; d[0] != DT_NULL; d += 2) {
		switch (d[0]) {
		case DT_RELA: rela = d[1]; break;
		case DT_RELASZ: relasz = d[1]; break;
		case DT_JMPREL: jmprel = d[1]; break;
		case DT_PLTRELSZ: pltrelsz = d[1]; break;
		case DT_SYMTAB: symtab = d[1]; break;
		}
	}
	/* The end of the image's segments: its headers are at base (the
	 * launcher lets only such an image relocate itself). */
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(base + eh->e_phoff);
	uint64_t end = 0;
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_vaddr + ph[i].p_memsz > end)
			end = ph[i].p_vaddr + ph[i].p_memsz;
	const Elf64_Sym *syms =
		symtab ? (const Elf64_Sym *)(base + symtab) : 0;
	long e = rela ? apply(base, rela, relasz, syms, end) : 0;
	if (!e && jmprel)
		e = apply(base, jmprel, pltrelsz, syms, end);
	return e;
}
