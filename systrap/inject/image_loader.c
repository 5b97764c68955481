/* Mapping a self-contained ELF image into the tracee (inject.h).
 *
 * Everything is built here, in the launcher: the relocations applied for
 * the base the kernel chose, the parameter block after the image. Only the
 * segments a relocation writes (the writable ones, for a PIC image) are
 * copied into a local buffer; the others are written into the tracee
 * straight from the caller's view of the file, and the zero fill (.bss)
 * not at all (the remote mapping is anonymous): fresh pages cost, in the
 * launcher as in the tracee. The tracee only sees one mmap, a write per
 * segment while the mapping is still writable (so process_vm_writev
 * suffices), and one mprotect per run of pages with the same
 * protection. */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "systrap/arch/remote_regs.h"
#include "systrap/image/image_abi.h"
#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"

#define IMAGE_SPAN_MAX (1ull << 30)

struct image {
	const uint8_t *elf;
	size_t size;
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	uint64_t lo, hi;      /* page-aligned link-time span */
	uint8_t *mem;         /* [lo, hi) as it will be in memory, for the
			       * segments copied (the others read from elf) */
	uint64_t bias;        /* run-time minus link-time address */
	const Elf64_Phdr *dynamic, *relro;
	/* Per program header: whether the PT_LOAD is copied into mem, and
	 * the end (from p_vaddr) of its bytes to write: p_filesz, or past
	 * it where a relocation wrote into the zero fill. */
	uint8_t copied[64];
	uint64_t write_end[64];
	/* Per page of [lo, hi): whether mem holds its bytes of the copied
	 * segments. A copied segment's pages are filled from the file only
	 * when read or relocated: most of an image's data (Capstone's
	 * tables) has no relocation and is written straight from the file. */
	uint8_t *filled;
};

static uint64_t page_size(void)
{
	return (uint64_t)sysconf(_SC_PAGESIZE);
}

static uint64_t page_down(uint64_t v)
{
	return v & ~(page_size() - 1);
}

static uint64_t page_up(uint64_t v)
{
	return page_down(v + page_size() - 1);
}

/* Whether [v, v+n) is inside [lo, hi) (no overflow). */
static int inside(uint64_t v, uint64_t n, uint64_t lo, uint64_t hi)
{
	return v >= lo && v <= hi && n <= hi - v;
}

/* Copies PT_LOAD i's file bytes in [a, b) (link-time) into the buffer. */
static void copy_range(struct image *im, int i, uint64_t a, uint64_t b)
{
	const Elf64_Phdr *p = &im->ph[i];
	if (a < p->p_vaddr)
		a = p->p_vaddr;
	if (b > p->p_vaddr + p->p_filesz)
		b = p->p_vaddr + p->p_filesz;
	if (a < b)
		memcpy(im->mem + (a - im->lo), im->elf + p->p_offset + (a - p->p_vaddr),
		       b - a);
}

/* Fills the pages of [v, v+n) with the copied segments' bytes. */
static void fill_pages(struct image *im, uint64_t v, uint64_t n)
{
	uint64_t ps = page_size();
	if (!im->filled)
		return;
	for (uint64_t pg = page_down(v); pg < v + n && pg < im->hi; pg += ps) {
		uint64_t k = (pg - im->lo) / ps;
		if (im->filled[k])
			continue;
		im->filled[k] = 1;
		for (int i = 0; i < im->eh->e_phnum; i++)
			if (im->ph[i].p_type == PT_LOAD && im->copied[i])
				copy_range(im, i, pg, pg + ps);
	}
}

/* PT_LOAD i is from now on in the buffer: its bytes are copied there as
 * their pages are filled (those filled already get them now). */
static void copy_segment(struct image *im, int i)
{
	const Elf64_Phdr *p = &im->ph[i];
	uint64_t ps = page_size();
	im->copied[i] = 1;
	im->write_end[i] = p->p_filesz;
	for (uint64_t pg = page_down(p->p_vaddr);
	     im->filled && pg < p->p_vaddr + p->p_filesz; pg += ps)
		if (im->filled[(pg - im->lo) / ps])
			copy_range(im, i, pg, pg + ps);
}

/* n bytes at link-time address v, to read: from the buffer where their
 * segment is copied, else from the file; NULL if outside the image. */
static const void *at(struct image *im, uint64_t v, uint64_t n)
{
	if (!inside(v, n, im->lo, im->hi))
		return NULL;
	for (int i = 0; i < im->eh->e_phnum; i++) {
		const Elf64_Phdr *p = &im->ph[i];
		if (p->p_type == PT_LOAD && !im->copied[i] &&
		    inside(v, n, p->p_vaddr, p->p_vaddr + p->p_filesz))
			return im->elf + p->p_offset + (v - p->p_vaddr);
	}
	fill_pages(im, v, n);
	return im->mem + (v - im->lo);
}

/* 8 bytes at link-time address v, to relocate: in the buffer, their
 * segment copied first if it was not (an image with relocations in its
 * text); NULL if outside every segment. */
static uint64_t *at_write(struct image *im, uint64_t v)
{
	for (int i = 0; i < im->eh->e_phnum; i++) {
		const Elf64_Phdr *p = &im->ph[i];
		if (p->p_type != PT_LOAD ||
		    !inside(v, 8, p->p_vaddr, p->p_vaddr + p->p_memsz))
			continue;
		if (!im->copied[i])
			copy_segment(im, i);
		if (v + 8 - p->p_vaddr > im->write_end[i])
			im->write_end[i] = v + 8 - p->p_vaddr;
		fill_pages(im, v, 8);
		return (uint64_t *)(im->mem + (v - im->lo));
	}
	return NULL;
}

static int validate(struct image *im, struct inject_error *err)
{
	const Elf64_Ehdr *eh = (const void *)im->elf;
	if (im->size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return inject_fail(err, -ENOEXEC, "image: not an ELF file");
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return inject_fail(err, -ENOEXEC,
				   "image: not a 64-bit little-endian ELF file");
	if (eh->e_machine != remote_elf_machine())
		return inject_fail(err, -ENOEXEC, "image: ELF machine %d, not "
				   "this architecture's %d", eh->e_machine,
				   remote_elf_machine());
	if (eh->e_type != ET_DYN)
		return inject_fail(err, -ENOEXEC, "image: ELF type %d is not "
				   "ET_DYN (a position-independent shared "
				   "object is needed: link with -shared)",
				   eh->e_type);
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > 64 ||
	    eh->e_phoff > im->size ||
	    (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) >
		    im->size - eh->e_phoff)
		return inject_fail(err, -ENOEXEC,
				   "image: bad program header table");
	im->eh = eh;
	im->ph = (const void *)(im->elf + eh->e_phoff);
	uint64_t lo = UINT64_MAX, hi = 0;
	int entry_ok = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &im->ph[i];
		switch (p->p_type) {
		case PT_INTERP:
			return inject_fail(err, -ENOEXEC, "image: has PT_INTERP "
					   "(an interpreter): an image must be "
					   "self-contained (-nostdlib, no "
					   "-pie executable)");
		case PT_TLS:
			return inject_fail(err, -ENOEXEC, "image: has PT_TLS "
					   "(thread-local variables): no "
					   "loader sets up TLS for an image");
		case PT_DYNAMIC:
			im->dynamic = p;
			break;
		case PT_GNU_RELRO:
			im->relro = p;
			break;
		case PT_LOAD:
			if (p->p_filesz > p->p_memsz ||
			    p->p_offset > im->size ||
			    p->p_filesz > im->size - p->p_offset ||
			    p->p_memsz > IMAGE_SPAN_MAX ||
			    p->p_vaddr > IMAGE_SPAN_MAX)
				return inject_fail(err, -ENOEXEC, "image: bad "
						   "PT_LOAD %d", i);
			if (page_down(p->p_vaddr) < lo)
				lo = page_down(p->p_vaddr);
			if (page_up(p->p_vaddr + p->p_memsz) > hi)
				hi = page_up(p->p_vaddr + p->p_memsz);
			if ((p->p_flags & PF_X) && eh->e_entry >= p->p_vaddr &&
			    eh->e_entry < p->p_vaddr + p->p_memsz)
				entry_ok = 1;
			break;
		}
	}
	if (hi == 0)
		return inject_fail(err, -ENOEXEC, "image: no PT_LOAD segment");
	if (!entry_ok)
		return inject_fail(err, -ENOEXEC, "image: entry 0x%llx is not in "
				   "an executable segment",
				   (unsigned long long)eh->e_entry);
	im->lo = lo;
	im->hi = hi;
	return 0;
}

/* The dynamic section's value for tag, or def. */
static uint64_t dyn_value(const Elf64_Dyn *dyn, size_t n, int64_t tag,
			  uint64_t def)
{
	for (size_t i = 0; i < n && dyn[i].d_tag != DT_NULL; i++)
		if (dyn[i].d_tag == tag)
			return dyn[i].d_un.d_val;
	return def;
}

/* The string at offset off of .dynstr, or "?" if it does not end inside. */
static const char *dyn_string(struct image *im, uint64_t strtab,
			      uint64_t strsz, uint64_t off)
{
	if (!strtab || off >= strsz)
		return "?";
	const char *c = at(im, strtab + off, strsz - off);
	if (!c || !memchr(c, 0, strsz - off))
		return "?";
	return c;
}

static int relocate_table(struct image *im, uint64_t table, uint64_t size,
			  uint64_t symtab, uint64_t strtab, uint64_t strsz,
			  struct inject_error *err)
{
	if (size == 0)
		return 0;
	const Elf64_Rela *rela = at(im, table, size);
	if (!rela)
		return inject_fail(err, -ENOEXEC, "image: relocation table "
				   "outside the image");
	for (uint64_t i = 0; i < size / sizeof *rela; i++) {
		uint32_t type = ELF64_R_TYPE(rela[i].r_info);
		uint32_t symi = ELF64_R_SYM(rela[i].r_info);
		enum remote_reloc_kind kind = remote_reloc_kind(type);
		if (kind == REMOTE_RELOC_NONE)
			continue;
		if (kind == REMOTE_RELOC_UNSUPPORTED) {
			const char *name = remote_reloc_name(type);
			return inject_fail(err, -ENOEXEC, "image: relocation "
					   "type %u%s%s%s at 0x%llx is not "
					   "supported", type,
					   name ? " (" : "", name ? name : "",
					   name ? ")" : "",
					   (unsigned long long)
						   rela[i].r_offset);
		}
		uint64_t *where = at_write(im, rela[i].r_offset);
		if (!where)
			return inject_fail(err, -ENOEXEC, "image: relocation at "
					   "0x%llx outside the image",
					   (unsigned long long)
						   rela[i].r_offset);
		if (kind == REMOTE_RELOC_RELATIVE) {
			*where = im->bias + (uint64_t)rela[i].r_addend;
			continue;
		}
		if (symi == 0) { /* no symbol: the addend alone */
			*where = (uint64_t)rela[i].r_addend;
			continue;
		}
		const Elf64_Sym *sym =
			symtab ? at(im, symtab + (uint64_t)symi * sizeof *sym,
				    sizeof *sym)
			       : NULL;
		if (!sym)
			return inject_fail(err, -ENOEXEC, "image: relocation "
					   "symbol %u outside the image", symi);
		const char *name = dyn_string(im, strtab, strsz, sym->st_name);
		/* A weak reference nothing defines is 0, as ld.so makes it
		 * (a tool's optional hooks: `if (hook) hook()`). */
		if (sym->st_shndx == SHN_UNDEF &&
		    ELF64_ST_BIND(sym->st_info) == STB_WEAK) {
			*where = 0;
			continue;
		}
		if (sym->st_shndx == SHN_UNDEF)
			return inject_fail(err, -ENOEXEC, "image: needs symbol "
					   "'%s', which it does not define (an "
					   "image must be self-contained)",
					   name);
		if (ELF64_ST_TYPE(sym->st_info) == STT_GNU_IFUNC ||
		    ELF64_ST_TYPE(sym->st_info) == STT_TLS)
			return inject_fail(err, -ENOEXEC, "image: symbol '%s' "
					   "is an IFUNC or TLS symbol, which "
					   "the injector does not resolve",
					   name);
		uint64_t value = sym->st_value;
		if (sym->st_shndx != SHN_ABS)
			value += im->bias;
		*where = value + (uint64_t)rela[i].r_addend;
	}
	return 0;
}

static int relocate(struct image *im, struct inject_error *err)
{
	if (!im->dynamic)
		return 0;
	const Elf64_Dyn *dyn = at(im, im->dynamic->p_vaddr,
				  im->dynamic->p_filesz);
	if (!dyn)
		return inject_fail(err, -ENOEXEC, "image: PT_DYNAMIC outside "
				   "its segments");
	size_t n = im->dynamic->p_filesz / sizeof *dyn;
	uint64_t strtab = dyn_value(dyn, n, DT_STRTAB, 0);
	uint64_t strsz = dyn_value(dyn, n, DT_STRSZ, 0);
	if (strtab && !at(im, strtab, strsz))
		return inject_fail(err, -ENOEXEC, "image: .dynstr outside the "
				   "image");
	for (size_t i = 0; i < n && dyn[i].d_tag != DT_NULL; i++) {
		if (dyn[i].d_tag == DT_NEEDED) {
			const char *lib = dyn_string(im, strtab, strsz,
						     dyn[i].d_un.d_val);
			return inject_fail(err, -ENOEXEC, "image: needs %s "
					   "(DT_NEEDED): an image must be "
					   "self-contained (-nostdlib)", lib);
		}
#ifndef DT_RELR
#define DT_RELR 36
#endif
		if (dyn[i].d_tag == DT_REL || dyn[i].d_tag == DT_RELR)
			return inject_fail(err, -ENOEXEC, "image: has %s "
					   "relocations; only RELA ones are "
					   "supported",
					   dyn[i].d_tag == DT_REL ? "REL"
								  : "RELR");
	}
	if (dyn_value(dyn, n, DT_PLTREL, DT_RELA) != DT_RELA)
		return inject_fail(err, -ENOEXEC, "image: PLT relocations are "
				   "not RELA");
	uint64_t symtab = dyn_value(dyn, n, DT_SYMTAB, 0);
	int e = relocate_table(im, dyn_value(dyn, n, DT_RELA, 0),
			       dyn_value(dyn, n, DT_RELASZ, 0), symtab, strtab,
			       strsz, err);
	if (e)
		return e;
	return relocate_table(im, dyn_value(dyn, n, DT_JMPREL, 0),
			      dyn_value(dyn, n, DT_PLTRELSZ, 0), symtab,
			      strtab, strsz, err);
}

static int prot_of(uint32_t flags)
{
	return ((flags & PF_R) ? PROT_READ : 0) |
	       ((flags & PF_W) ? PROT_WRITE : 0) |
	       ((flags & PF_X) ? PROT_EXEC : 0);
}

static int remote(struct inject_target *t, long nr, long a0, long a1, long a2,
		  long a3, long a4, long a5, long *res,
		  struct inject_error *err)
{
	const long args[6] = {a0, a1, a2, a3, a4, a5};
	return inject_remote_syscall(t, nr, args, res, err);
}

/* Each page gets the union of the protections of the segments on it, then
 * PT_GNU_RELRO's pages lose write (as ld.so does, after relocation). */
static int protect(struct inject_target *t, struct image *im,
		   struct inject_error *err)
{
	uint64_t ps = page_size(), npages = (im->hi - im->lo) / ps;
	uint8_t *prot = calloc(npages, 1);
	if (!prot)
		return inject_fail(err, -ENOMEM, "out of memory");
	for (int i = 0; i < im->eh->e_phnum; i++) {
		const Elf64_Phdr *p = &im->ph[i];
		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		for (uint64_t v = page_down(p->p_vaddr);
		     v < p->p_vaddr + p->p_memsz; v += ps)
			prot[(v - im->lo) / ps] |= (uint8_t)prot_of(p->p_flags);
	}
	if (im->relro)
		for (uint64_t v = page_down(im->relro->p_vaddr);
		     v + ps <= im->relro->p_vaddr + im->relro->p_memsz &&
		     v < im->hi;
		     v += ps)
			prot[(v - im->lo) / ps] &= (uint8_t)~PROT_WRITE;
	int e = 0;
	for (uint64_t i = 0; i < npages && !e;) {
		uint64_t j = i;
		while (j < npages && prot[j] == prot[i])
			j++;
		long res;
		e = remote(t, SYS_mprotect, (long)(im->lo + im->bias + i * ps),
			   (long)((j - i) * ps), prot[i], 0, 0, 0, &res, err);
		if (!e && res < 0)
			e = inject_fail(err, (int)res, "remote mprotect in "
					"process %d: %s", t->pid,
					strerror((int)-res));
		i = j;
	}
	free(prot);
	return e;
}

/* Whether the image defines the dynamic symbol name. The symbols run from
 * DT_SYMTAB up to DT_STRTAB, as GNU ld lays them out. */
static int defines(struct image *im, const char *name)
{
	if (!im->dynamic)
		return 0;
	const Elf64_Dyn *dyn = at(im, im->dynamic->p_vaddr, im->dynamic->p_filesz);
	if (!dyn)
		return 0;
	size_t n = im->dynamic->p_filesz / sizeof *dyn;
	uint64_t symtab = dyn_value(dyn, n, DT_SYMTAB, 0);
	uint64_t strtab = dyn_value(dyn, n, DT_STRTAB, 0);
	uint64_t strsz = dyn_value(dyn, n, DT_STRSZ, 0);
	if (!symtab || strtab <= symtab)
		return 0;
	for (uint64_t v = symtab; v + sizeof(Elf64_Sym) <= strtab;
	     v += sizeof(Elf64_Sym)) {
		const Elf64_Sym *sym = at(im, v, sizeof *sym);
		const char *sn = sym ? dyn_string(im, strtab, strsz, sym->st_name) : 0;
		if (sn && sym->st_shndx != SHN_UNDEF && !strcmp(sn, name))
			return 1;
	}
	return 0;
}

/* For an image that sets its own protections: the end of its code (the
 * last executable PT_LOAD, page-rounded), when nothing writable lies below
 * it and its headers are loaded (it finds them at link address 0); else 0,
 * and protect() does it all. */
static uint64_t code_end_for_self_protection(struct image *im)
{
	if (!defines(im, SYSTRAP_IMAGE_PROTECTS_ITSELF) || im->lo != 0)
		return 0;
	uint64_t end = 0;
	int headers = 0;
	for (int i = 0; i < im->eh->e_phnum; i++) {
		const Elf64_Phdr *p = &im->ph[i];
		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_offset == 0 && p->p_vaddr == 0 &&
		    p->p_filesz >= im->eh->e_phoff +
					   (uint64_t)im->eh->e_phnum * sizeof *p)
			headers = 1;
		if (p->p_flags & PF_X)
			end = page_up(p->p_vaddr + p->p_memsz);
	}
	for (int i = 0; i < im->eh->e_phnum; i++) {
		const Elf64_Phdr *p = &im->ph[i];
		if (p->p_type == PT_LOAD && (p->p_flags & PF_W) &&
		    page_down(p->p_vaddr) < end)
			return 0;
	}
	return headers ? end : 0;
}

int inject_image_source_init(struct inject_image_source *src,
			     const void *elf, size_t size, const char *path,
			     int fd)
{
	struct stat st;
	memset(src, 0, sizeof *src);
	src->elf = elf;
	src->size = size;
	if (!path || path[0] != '/' || fstat(fd, &st))
		return path && path[0] != '/' ? -EINVAL : -errno;
	src->path = path;
	src->dev = st.st_dev;
	src->ino = st.st_ino;
	src->size_on_disk = (uint64_t)st.st_size;
	src->mtime_sec = st.st_mtim.tv_sec;
	src->mtime_nsec = st.st_mtim.tv_nsec;
	return 0;
}

/* The end of what can be mapped from the file: the read-only PT_LOADs
 * (headers, code, constants) laid out at their file offsets from link
 * address 0 and untouched by relocations, every writable one on pages
 * above them; 0 when the layout is otherwise (then all is copied). */
static uint64_t file_map_end(struct image *im)
{
	if (im->lo != 0)
		return 0;
	uint64_t end = 0, writable = UINT64_MAX;
	for (int i = 0; i < im->eh->e_phnum; i++) {
		const Elf64_Phdr *p = &im->ph[i];
		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_flags & PF_W) {
			if (page_down(p->p_vaddr) < writable)
				writable = page_down(p->p_vaddr);
			continue;
		}
		if (p->p_offset != p->p_vaddr || p->p_memsz != p->p_filesz ||
		    im->copied[i])
			return 0;
		if (page_up(p->p_vaddr + p->p_filesz) > end)
			end = page_up(p->p_vaddr + p->p_filesz);
	}
	return end <= writable ? end : 0;
}

/* Whether the tracee's descriptor fd is the file src describes. */
static int same_file(struct inject_target *t, int fd,
		     const struct inject_image_source *src)
{
	char path[64];
	struct stat st;
	snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)t->pid, fd);
	return stat(path, &st) == 0 && (uint64_t)st.st_dev == src->dev &&
	       (uint64_t)st.st_ino == src->ino &&
	       (uint64_t)st.st_size == src->size_on_disk &&
	       st.st_mtim.tv_sec == src->mtime_sec &&
	       st.st_mtim.tv_nsec == src->mtime_nsec;
}

/* Maps [0, end) of the image file over the image's span at image_at (the
 * fresh anonymous mapping, read+write) and sets *fd to the descriptor in
 * the tracee (to be closed), or to -1 when it could not and the span is as
 * it was (the caller copies instead). 0, or -errno when the tracee failed
 * us. */
static int map_file(struct inject_target *t,
		    const struct inject_image_source *src, uint64_t image_at,
		    uint64_t span, uint64_t end, int *fd,
		    struct inject_error *err)
{
	static const char zeros[PATH_MAX + 1];
	size_t n = strlen(src->path) + 1;
	*fd = -1;
	if (n > span || n > sizeof zeros)
		return 0;
	/* The path, where the file's bytes will be: in the span. */
	int e = inject_write_memory(t, image_at, src->path, n, err);
	if (e)
		return e;
	long opened, res = -1;
	e = remote(t, SYS_openat, AT_FDCWD, (long)image_at,
		   O_RDONLY | O_CLOEXEC, 0, 0, 0, &opened, err);
	if (e)
		return e;
	if (opened >= 0 && same_file(t, (int)opened, src)) {
		e = remote(t, SYS_mmap, (long)image_at, (long)end, PROT_READ,
			   MAP_PRIVATE | MAP_FIXED, opened, 0, &res, err);
		if (e)
			return e;
		if (res == (long)image_at) {
			*fd = (int)opened;
			return 0;
		}
		/* A failed MAP_FIXED may have unmapped the range. */
		e = remote(t, SYS_mmap, (long)image_at, (long)end,
			   PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0, &res,
			   err);
		if (!e && res != (long)image_at)
			e = inject_fail(err, res < 0 ? (int)res : -EFAULT,
					"remote mmap in process %d failed",
					t->pid);
	}
	if (!e && opened >= 0)
		e = remote(t, SYS_close, opened, 0, 0, 0, 0, 0, &res, err);
	/* Copied instead: the path leaves no trace. */
	if (!e)
		e = inject_write_memory(t, image_at, zeros, n, err);
	return e;
}

int inject_load_image(struct inject_target *t, const void *elf, size_t size,
		      const char *const settings[], struct inject_loaded *out,
		      struct inject_error *err)
{
	struct inject_image_source src = {.elf = elf, .size = size};
	return inject_load_image_from(t, &src, settings, INJECT_KEEP_BLOCK,
				      out, err);
}

/* Writes copied PT_LOAD i into the tracee, up to its write_end: each run
 * of filled pages from the buffer, the rest straight from the file (past
 * p_filesz an unfilled page is zero fill, which the fresh mapping has). */
static int write_copied(struct inject_target *t, struct image *im, int i,
			struct inject_error *err)
{
	const Elf64_Phdr *p = &im->ph[i];
	uint64_t ps = page_size(), end = p->p_vaddr + im->write_end[i];
	for (uint64_t a = p->p_vaddr; a < end;) {
		int filled = im->filled[(page_down(a) - im->lo) / ps];
		uint64_t b = page_down(a) + ps;
		while (b < end && im->filled[(b - im->lo) / ps] == filled)
			b += ps;
		if (b > end)
			b = end;
		const void *from = im->mem + (a - im->lo);
		uint64_t stop = b;
		if (!filled) {
			from = im->elf + p->p_offset + (a - p->p_vaddr);
			if (stop > p->p_vaddr + p->p_filesz)
				stop = p->p_vaddr + p->p_filesz;
		}
		if (stop > a) {
			int e = inject_write_memory(t, a + im->bias, from, stop - a,
						    err);
			if (e)
				return e;
		}
		a = b;
	}
	return 0;
}

int inject_load_image_from(struct inject_target *t,
			   const struct inject_image_source *src,
			   const char *const settings[], unsigned flags,
			   struct inject_loaded *out, struct inject_error *err)
{
	struct image im = {.elf = src->elf, .size = src->size};
	int e = validate(&im, err);
	if (e)
		return e;

	/* The parameter block: the struct, then "NAME=value\0"..."\0". */
	size_t settings_size = 1;
	for (size_t i = 0; settings && settings[i]; i++)
		settings_size += strlen(settings[i]) + 1;
	size_t params_size = sizeof(struct systrap_image_params) + settings_size;
	if (params_size > UINT32_MAX / 2)
		return inject_fail(err, -E2BIG, "image settings too large");
	/* Before the image's own pages, one more of ours: a `syscall; int3`
	 * for the remote calls made once the image runs (it instruments
	 * every other syscall instruction, the vDSO's included, but never its
	 * own span, which this page belongs to), next to the code so that one
	 * mprotect may cover both. After them, the block. */
	uint64_t span = im.hi - im.lo;
	uint64_t stub_page = page_size();
	uint64_t params_map = page_up(params_size);
	uint64_t total = stub_page + span + params_map;
	uint64_t code_end = code_end_for_self_protection(&im);
	int frees = defines(&im, SYSTRAP_IMAGE_FREES_ITS_OWN);
	int image_fd = -1;
	uint64_t map_end = 0;

	long addr;
	e = remote(t, SYS_mmap, 0, (long)total, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, &addr, err);
	if (e)
		return e;
	if (addr < 0 && addr > -4096)
		return inject_fail(err, (int)addr, "remote mmap of %llu bytes "
				   "in process %d: %s",
				   (unsigned long long)total, t->pid,
				   strerror((int)-addr));
	im.bias = (uint64_t)addr + stub_page - im.lo;
	uint64_t image_at = (uint64_t)addr + stub_page;

	/* Pages of it are touched only where something is copied. */
	uint8_t *buf = mmap(0, total, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		buf = 0;
		e = inject_fail(err, -ENOMEM, "out of memory");
		goto unmap;
	}
	im.mem = buf;
	im.filled = calloc((size_t)(span / page_size()) + 1, 1);
	if (!im.filled) {
		e = inject_fail(err, -ENOMEM, "out of memory");
		goto unmap;
	}
	for (int i = 0; i < im.eh->e_phnum; i++)
		if (im.ph[i].p_type == PT_LOAD && (im.ph[i].p_flags & PF_W))
			copy_segment(&im, i);
	e = relocate(&im, err);
	if (e)
		goto unmap;
	/* The read-only segments from the file, where the tracee can open
	 * it: the rest (the writable segment, the block) is written below. */
	map_end = src->path ? file_map_end(&im) : 0;
	if (map_end) {
		e = map_file(t, src, image_at, span, map_end, &image_fd, err);
		if (e)
			goto unmap;
		if (image_fd < 0)
			map_end = 0;
	}

	uint8_t stub[16] = {0};
	remote_syscall_stub(stub);
	struct systrap_image_params *params = (void *)(buf + span);
	params->magic = SYSTRAP_IMAGE_MAGIC;
	params->version = SYSTRAP_IMAGE_VERSION;
	params->size = (uint32_t)params_size;
	params->image_start = (uint64_t)addr;
	params->image_end = image_at + span;
	params->initial_sp = t->initial_sp;
	params->initial_pc = t->initial_pc;
	params->elf_base = im.bias;
	params->flags = code_end ? SYSTRAP_IMAGE_SET_PROTECTIONS : 0;
	if (frees && image_fd >= 0) {
		params->flags |= SYSTRAP_IMAGE_CLOSE_FD;
		params->image_fd = image_fd;
	}
	if (frees && !(flags & INJECT_KEEP_BLOCK))
		params->flags |= SYSTRAP_IMAGE_UNMAP_BLOCK;
	params->syscall_insn = (uint64_t)addr;
	params->settings_offset = sizeof *params;
	params->settings_size = (uint32_t)settings_size;
	char *s = (char *)(params + 1);
	for (size_t i = 0; settings && settings[i]; i++) {
		size_t n = strlen(settings[i]) + 1;
		memcpy(s, settings[i], n);
		s += n;
	}
	*s = 0;

	for (int i = 0; i < im.eh->e_phnum && !e; i++) {
		const Elf64_Phdr *p = &im.ph[i];
		if (p->p_type != PT_LOAD)
			continue;
		if (!(p->p_flags & PF_W) && p->p_vaddr + p->p_filesz <= map_end)
			continue; /* mapped from the file */
		if (im.copied[i])
			e = write_copied(t, &im, i, err);
		else
			e = inject_write_memory(t, p->p_vaddr + im.bias,
						im.elf + p->p_offset, p->p_filesz,
						err);
	}
	if (!e)
		e = inject_write_memory(t, image_at + span, buf + span, params_size,
					err);
	if (!e)
		e = inject_write_memory(t, (uint64_t)addr, stub, sizeof stub, err);
	if (e)
		goto unmap;
	long res = 0;
	if (code_end) {
		/* The stub and the code in one call; the image sets the rest
		 * from its program headers at its entry. */
		e = remote(t, SYS_mprotect, addr, (long)(stub_page + code_end),
			   PROT_READ | PROT_EXEC, 0, 0, 0, &res, err);
	} else {
		e = protect(t, &im, err);
		if (!e)
			e = remote(t, SYS_mprotect, addr, (long)stub_page,
				   PROT_READ | PROT_EXEC, 0, 0, 0, &res, err);
	}
	if (!e && res < 0)
		e = inject_fail(err, (int)res, "remote mprotect in process %d: %s",
				t->pid, strerror((int)-res));
	if (!e && image_fd >= 0 && !frees) {
		e = remote(t, SYS_close, image_fd, 0, 0, 0, 0, 0, &res, err);
		image_fd = -1;
	}
	if (e)
		goto unmap;
	t->syscall_insn = (uint64_t)addr;
	free(im.filled);
	munmap(buf, total);
	out->mapped_from_file = map_end != 0;
	out->block_freed = frees && !(flags & INJECT_KEEP_BLOCK);
	out->bias = im.bias;
	out->start = (uint64_t)addr;
	out->end = image_at + span;
	out->entry = im.bias + im.eh->e_entry;
	out->params = out->end;
	out->params_map_size = params_map;
	return 0;

unmap:
	free(im.filled);
	if (buf)
		munmap(buf, total);
	if (!t->gone) {
		long res;
		struct inject_error ignored;
		remote(t, SYS_munmap, addr, (long)total, 0, 0, 0, 0, &res,
		       &ignored);
		if (image_fd >= 0)
			remote(t, SYS_close, image_fd, 0, 0, 0, 0, 0, &res,
			       &ignored);
	}
	return e;
}
