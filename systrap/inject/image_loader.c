/* Mapping a self-contained ELF image into the tracee (inject.h).
 *
 * The calls that map it (openat of the image file, its mmaps, the
 * mprotects) are made by the load stub (systrap/arch/remote_stub.h) in
 * one ptrace stop, where the process may have a mapping writable and
 * executable until then; else one remote syscall each.
 *
 * Everything is built here, in the launcher: the relocations applied for
 * the base the kernel chose, the parameter block after the image. Only the
 * segments a relocation writes (the writable ones, for a PIC image) are
 * copied into a local buffer; the others are written into the tracee
 * straight from the caller's view of the file, and the zero fill (.bss)
 * not at all (the remote mapping is anonymous): fresh pages cost, in the
 * launcher as in the tracee. Where the image is mapped from its file,
 * its data is too (private), and only the pages a relocation wrote are
 * written: the rest stays the page cache's until the image writes it. */
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
#include <time.h>
#include <unistd.h>

#include "systrap/arch/elf_reloc.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/arch/remote_regs.h"
#include "systrap/arch/remote_stub.h"
#include "systrap/image/image_abi.h"
#include "systrap/inject/boot.h"
#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"
#include "systrap/inject/proc_pid.h"
#include "systrap/inject/spare_buffer.h"
#include "systrap/inject/stops.h"

#define IMAGE_SPAN_MAX (1ull << 30)
/* "/proc/PID/fd/N" of the session's data file, in the stub's scratch. */
#define SESSION_DATA_PATH_MAX 40

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
	/* While building a load template (below): every relocated word is
	 * recorded there too. */
	struct load_template *rec;
};

/* What relocating an image produces, kept per image file (inject.h's
 * source with a path) so that each later load only copies it and adds
 * its base: the pages relocations fill (tmpl, at link-time base 0), the
 * words they write in order, each with whether the base is added. A load
 * copies the filled pages into `work` (kept: no fresh pages, no 2.4 MB
 * mapping per load) and replays the words: under -f every exec'd process
 * paid the whole relocation (~4,600 relocations, their pages faulted in
 * and filled from the file) in the launcher while the process waited. */
struct reloc_write {
	uint64_t at;    /* offset in the span */
	uint64_t value; /* at base 0 */
	int based;      /* the load's base is added */
};
struct load_template {
	/* The source it was made from (inject_image_source). */
	const void *elf;
	size_t size;
	uint64_t dev, ino, size_on_disk;
	int64_t mtime_sec, mtime_nsec;
	uint64_t span;
	uint8_t *tmpl;   /* span bytes, touched where filled */
	uint8_t *filled; /* per page */
	/* Where loads are relocated: the template's filled pages copied
	 * and its words written for a base, span bytes each, with their own
	 * filled pages (a later read may fill more). Two: the session's base
	 * (INJECT_SESSION_BASE), the last other base; each remembers its
	 * base, so that a load at the same one neither copies nor writes
	 * again, and a process that falls back leaves the session's be. */
	struct template_work {
		uint8_t *mem, *filled;
		uint64_t bias;
		int applied;
	} work[2];
	uint8_t copied[64];
	uint64_t write_end[64];
	struct reloc_write *writes;
	size_t nwrites, cap;
	int failed; /* out of memory while recording */
	/* INJECT_SESSION_BASE: the session's address for the reservation
	 * (the stub's page, the image after it), 0 until chosen. */
	uint64_t session_at;
	/* The image's own facts (code_end_for_self_protection, whether it
	 * frees its block, whether it resets vector registers, whether it
	 * goes on to the program itself), once known. */
	uint64_t code_end;
	int frees, resets, facts_known;
	/* SYSTRAP_IMAGE_GOES_ON's symbol, link-time (0: it does not go on). */
	uint64_t outcome_off;
	/* INJECT_SHARED_DATA: the writable segments relocated for the
	 * session base, in a memfd (-1: not made yet, -2: could not be), the
	 * path the tracee opens it by, and its identity there. */
	int data_fd;
	char data_path[SESSION_DATA_PATH_MAX];
	uint64_t data_dev, data_ino;
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

/* A relocated word: value, plus the base if based; recorded when a
 * template is being made. */
static void put(struct image *im, uint64_t *where, uint64_t value, int based)
{
	*where = value + (based ? im->bias : 0);
	struct load_template *t = im->rec;
	if (!t || t->failed)
		return;
	if (t->nwrites == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 4096;
		struct reloc_write *w = realloc(t->writes, cap * sizeof *w);
		if (!w) {
			t->failed = 1;
			return;
		}
		t->writes = w;
		t->cap = cap;
	}
	t->writes[t->nwrites++] = (struct reloc_write){
		(uint64_t)((uint8_t *)where - im->mem), value, based};
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
		enum elf_reloc_kind kind = elf_reloc_kind(type);
		if (kind == ELF_RELOC_NONE)
			continue;
		if (kind == ELF_RELOC_UNSUPPORTED) {
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
		if (kind == ELF_RELOC_RELATIVE) {
			put(im, where, (uint64_t)rela[i].r_addend, 1);
			continue;
		}
		if (symi == 0) { /* no symbol: the addend alone */
			put(im, where, (uint64_t)rela[i].r_addend, 0);
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
			put(im, where, 0, 0);
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
		put(im, where, sym->st_value + (uint64_t)rela[i].r_addend,
		    sym->st_shndx != SHN_ABS);
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

/* The calls that map the image in the tracee, made in a row: by the load
 * stub (remote_stub.h) in one ptrace stop, or, where it cannot run, one
 * remote syscall each. */
struct calls {
	struct remote_stub_call *v;
	size_t n, cap;
	/* The block's buffers as the launcher lays them out (the stub's
	 * fstat of the image file, what it must be). */
	uint8_t scratch[REMOTE_STUB_SCRATCH];
};

static int add_call(struct calls *l, long nr, long a0, long a1, long a2,
		    long a3, long a4, long a5)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		void *v = realloc(l->v, cap * sizeof *l->v);
		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct remote_stub_call){
		.nr = nr, .args = {a0, a1, a2, a3, a4, a5}, .take_arg = -1};
	return 0;
}

static int call_failed(int64_t result)
{
	return (uint64_t)result >= (uint64_t)-4095;
}

/* Each page gets the union of the protections of the segments on it, then
 * PT_GNU_RELRO's pages lose write (as ld.so does, after relocation): one
 * mprotect per run of pages with the same protection, added to l. */
static int protect(struct image *im, struct calls *l)
{
	uint64_t ps = page_size(), npages = (im->hi - im->lo) / ps;
	uint8_t *prot = calloc(npages, 1);
	if (!prot)
		return -ENOMEM;
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
		e = add_call(l, SYS_mprotect, (long)(im->lo + im->bias + i * ps),
			     (long)((j - i) * ps), prot[i], 0, 0, 0);
		i = j;
	}
	free(prot);
	return e;
}

/* Which of the symbols an image defines to say what it does itself
 * (image_abi.h) this one defines, in one walk of its dynamic symbols
 * (from DT_SYMTAB up to DT_STRTAB, as GNU ld lays them out). */
#define DEFINES_PROTECTS 0x1u  /* SYSTRAP_IMAGE_PROTECTS_ITSELF */
#define DEFINES_FREES 0x2u     /* SYSTRAP_IMAGE_FREES_ITS_OWN */
#define DEFINES_RELOCATES 0x4u /* SYSTRAP_IMAGE_RELOCATES_ITSELF */
#define DEFINES_RESETS 0x8u    /* SYSTRAP_IMAGE_RESETS_VECTORS */
#define DEFINES_GOES_ON 0x10u  /* SYSTRAP_IMAGE_GOES_ON */

/* A start's own value for the image's outcome words (never 0): words
 * read from a mapping that is not the image's, or left by another
 * start, are not taken for its outcome. */
static uint64_t go_on_nonce(void)
{
	static uint64_t count;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t v = ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) ^
		     (++count << 40) ^ ((uint64_t)getpid() << 20);
	return v ? v : 1;
}

static unsigned what_it_defines(struct image *im, uint64_t *outcome_off)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {
		{SYSTRAP_IMAGE_PROTECTS_ITSELF, DEFINES_PROTECTS},
		{SYSTRAP_IMAGE_FREES_ITS_OWN, DEFINES_FREES},
		{SYSTRAP_IMAGE_RELOCATES_ITSELF, DEFINES_RELOCATES},
		{SYSTRAP_IMAGE_RESETS_VECTORS, DEFINES_RESETS},
		{SYSTRAP_IMAGE_GOES_ON, DEFINES_GOES_ON},
	};
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
	const Elf64_Sym *syms = at(im, symtab, strtab - symtab);
	if (!syms)
		return 0;
	unsigned found = 0;
	for (size_t k = 0; k < (strtab - symtab) / sizeof *syms; k++) {
		if (syms[k].st_shndx == SHN_UNDEF)
			continue;
		const char *sn = dyn_string(im, strtab, strsz, syms[k].st_name);
		for (size_t j = 0; sn && j < sizeof names / sizeof *names; j++)
			if (!strcmp(sn, names[j].name)) {
				found |= names[j].bit;
				/* Where the launcher reads how it went. */
				if (names[j].bit == DEFINES_GOES_ON)
					*outcome_off = syms[k].st_value;
			}
	}
	return found;
}

/* For an image that sets its own protections: the end of its code (the
 * last executable PT_LOAD, page-rounded), when nothing writable lies below
 * it and its headers are loaded (it finds them at link address 0); else 0,
 * and protect() does it all. */
static uint64_t code_end_for_self_protection(struct image *im,
					     unsigned defined)
{
	if (!(defined & DEFINES_PROTECTS) || im->lo != 0)
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

/* Whether the image may apply its own relocations at its entry
 * (image_abi.h, SYSTRAP_IMAGE_RELOCATE): it says it can, it sets its own
 * protections (code_end: PT_GNU_RELRO becomes read-only after), and its
 * dynamic section promises nothing the image's relocator does not do:
 * RELA relocations only, none in its code (DT_TEXTREL), nothing from
 * another object (DT_NEEDED). The relocations themselves are the image's
 * to check as it applies them (10,000 of them read here cost a start
 * about a tenth of a millisecond); one it cannot apply fails its entry
 * with -ENOEXEC, and then relocate() says which (self_relocation_failed). */
static int may_relocate_itself(struct image *im, uint64_t code_end,
			       unsigned defined)
{
	if (!code_end || !im->dynamic || !(defined & DEFINES_RELOCATES))
		return 0;
	const Elf64_Dyn *dyn = at(im, im->dynamic->p_vaddr,
				  im->dynamic->p_filesz);
	if (!dyn)
		return 0;
	size_t n = im->dynamic->p_filesz / sizeof *dyn;
	for (size_t i = 0; i < n && dyn[i].d_tag != DT_NULL; i++)
		if (dyn[i].d_tag == DT_NEEDED || dyn[i].d_tag == DT_TEXTREL ||
		    dyn[i].d_tag == DT_REL || dyn[i].d_tag == DT_RELR ||
		    (dyn[i].d_tag == DT_FLAGS &&
		     (dyn[i].d_un.d_val & DF_TEXTREL)))
			return 0;
	return dyn_value(dyn, n, DT_PLTREL, DT_RELA) == DT_RELA;
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
	char what[24];
	snprintf(what, sizeof what, "fd/%d", fd);
	inject_proc_path(path, sizeof path, t->pid, what);
	return stat(path, &st) == 0 && (uint64_t)st.st_dev == src->dev &&
	       (uint64_t)st.st_ino == src->ino &&
	       (uint64_t)st.st_size == src->size_on_disk &&
	       st.st_mtim.tv_sec == src->mtime_sec &&
	       st.st_mtim.tv_nsec == src->mtime_nsec;
}

/* The stub's check that the descriptor call 0 gave is src's file: its
 * fstat into the block's scratch (at scratch_at in the tracee), each field
 * same_file compares then compared with what the launcher read (laid out
 * after it in l->scratch). A mismatch fails the compare: the stub stops
 * there, before any mmap of that file. */
static int add_identity_check(struct calls *l,
			      const struct inject_image_source *src,
			      uint64_t scratch_at)
{
	_Static_assert(2 * sizeof(struct stat) <= REMOTE_STUB_SCRATCH,
		       "two struct stat fit the stub's scratch");
	struct stat want;
	memset(&want, 0, sizeof want);
	want.st_dev = (dev_t)src->dev;
	want.st_ino = (ino_t)src->ino;
	want.st_size = (off_t)src->size_on_disk;
	want.st_mtim.tv_sec = (time_t)src->mtime_sec;
	want.st_mtim.tv_nsec = src->mtime_nsec;
	memcpy(l->scratch + sizeof want, &want, sizeof want);
	const struct {
		size_t at, size;
	} fields[] = {
		{offsetof(struct stat, st_dev), sizeof want.st_dev},
		{offsetof(struct stat, st_ino), sizeof want.st_ino},
		{offsetof(struct stat, st_size), sizeof want.st_size},
		{offsetof(struct stat, st_mtim.tv_sec), sizeof want.st_mtim.tv_sec},
		{offsetof(struct stat, st_mtim.tv_nsec), sizeof want.st_mtim.tv_nsec},
	};
	if (add_call(l, SYS_fstat, -1, (long)scratch_at, 0, 0, 0, 0))
		return -ENOMEM;
	l->v[l->n - 1].take_arg = 0;
	l->v[l->n - 1].take_from = 0;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (add_call(l, REMOTE_STUB_COMPARE, (long)(scratch_at + fields[i].at),
			     (long)(scratch_at + sizeof want + fields[i].at),
			     (long)fields[i].size, 0, 0, 0))
			return -ENOMEM;
	return 0;
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

/* Whether the writable PT_LOADs can be mapped from the file too
 * (private, read+write, as ld.so maps a library's data): each at a file
 * offset on the same page offset as its address, none sharing a page
 * with another. Then only their pages a relocation wrote are written. */
static int data_mappable(struct image *im)
{
	uint64_t ps = page_size();
	for (int i = 0; i < im->eh->e_phnum; i++) {
		const Elf64_Phdr *p = &im->ph[i];
		if (p->p_type != PT_LOAD || !(p->p_flags & PF_W))
			continue;
		if (p->p_offset % ps != p->p_vaddr % ps)
			return 0;
		for (int j = 0; j < i; j++) {
			const Elf64_Phdr *q = &im->ph[j];
			if (q->p_type == PT_LOAD && (q->p_flags & PF_W) &&
			    page_down(q->p_vaddr) <
				    page_up(p->p_vaddr + p->p_memsz) &&
			    page_down(p->p_vaddr) <
				    page_up(q->p_vaddr + q->p_memsz))
				return 0;
		}
	}
	return 1;
}

/* Writable PT_LOAD i, mapped from the file where the stub maps it
 * (add_data_maps): what it does not map, written here before the stub
 * runs, into the fresh anonymous mapping: the pages a relocation wrote
 * (from the buffer), and its last file page's bytes when the segment ends
 * inside a page (the file has other bytes after them; the zero fill is the
 * mapping's). Pages past the file's are zero fill, but those relocated. */
static int write_data_pages(struct inject_target *t, struct image *im, int i,
			    struct inject_error *err)
{
	const Elf64_Phdr *p = &im->ph[i];
	uint64_t ps = page_size(), file_end = p->p_vaddr + p->p_filesz;
	uint64_t end = p->p_vaddr + im->write_end[i];
	if (end < page_up(file_end))
		end = page_up(file_end);
	for (uint64_t pg = page_down(p->p_vaddr); pg < end;) {
		uint64_t a = pg > p->p_vaddr ? pg : p->p_vaddr, b = pg + ps;
		int e = 0;
		if (im->filled[(pg - im->lo) / ps]) {
			while (b < end && im->filled[(b - im->lo) / ps])
				b += ps;
			e = inject_write_memory(t, a + im->bias,
						im->mem + (a - im->lo), b - a,
						err);
		} else if (pg < file_end && file_end < b) {
			e = inject_write_memory(t, a + im->bias,
						im->elf + p->p_offset +
							(a - p->p_vaddr),
						file_end - a, err);
		}
		if (e)
			return e;
		pg = b;
	}
	return 0;
}

/* The mmaps from the file (its descriptor taken from call 0) of writable
 * PT_LOAD i's whole file pages no relocation wrote, one per run of them,
 * added to l: the rest write_data_pages writes. The part below
 * populate_to (link-time; 0: none) is mapped MAP_POPULATE, which copies
 * its pages for writing in the mmap itself (a private writable mapping is
 * populated with write faults): for an image that relocates itself, its
 * PT_GNU_RELRO part, where nearly all its relocations write (46 of the
 * tracer image's 51 pages that they do), one page fault fewer each. */
static int add_data_maps(struct image *im, int i, uint64_t populate_to,
			 struct calls *l)
{
	const Elf64_Phdr *p = &im->ph[i];
	uint64_t ps = page_size(), first = page_down(p->p_vaddr);
	uint64_t last = page_down(p->p_vaddr + p->p_filesz);
	for (uint64_t pg = first; pg < last;) {
		if (im->filled[(pg - im->lo) / ps]) {
			pg += ps;
			continue;
		}
		uint64_t b = pg + ps;
		while (b < last && !im->filled[(b - im->lo) / ps] &&
		       (b != populate_to || pg >= populate_to))
			b += ps;
		int populate = pg < populate_to ? MAP_POPULATE : 0;
		if (add_call(l, SYS_mmap, (long)(pg + im->bias), (long)(b - pg),
			     PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_FIXED | populate, -1,
			     (long)(page_down(p->p_offset) + (pg - first))))
			return -ENOMEM;
		l->v[l->n - 1].take_arg = 4;
		l->v[l->n - 1].take_from = 0;
		pg = b;
	}
	return 0;
}

/* Writes every PT_LOAD not mapped from the file (the read-only ones below
 * map_end, the writable ones with data_mapped) into the tracee. */
static int write_segments(struct inject_target *t, struct image *im,
			  uint64_t map_end, int data_mapped,
			  struct inject_error *err)
{
	int e = 0;
	for (int i = 0; i < im->eh->e_phnum && !e; i++) {
		const Elf64_Phdr *p = &im->ph[i];
		if (p->p_type != PT_LOAD)
			continue;
		if (!(p->p_flags & PF_W) && p->p_vaddr + p->p_filesz <= map_end)
			continue; /* mapped from the file */
		if ((p->p_flags & PF_W) && data_mapped)
			continue; /* mapped too: write_data_pages */
		if (im->copied[i])
			e = write_copied(t, im, i, err);
		else
			e = inject_write_memory(t, p->p_vaddr + im->bias,
						im->elf + p->p_offset,
						p->p_filesz, err);
	}
	return e;
}

/* Where the load stub's code goes in the page before the image: after
 * the `syscall; int3` of the later remote calls. Its block (the calls)
 * goes in the page after the parameter block's (both unmapped together),
 * which stays writable: the stub writes its results there after its
 * mprotects. */
#define STUB_CODE_AT 16
#define STUB_CODE_MAX 496
_Static_assert(sizeof(struct remote_stub_block) <= 4096,
	       "the load stub's block fits a page");

/* Makes l->v[from..) in the tracee, in order, until one fails, and sets
 * *done to the index of the first that failed (l->n if none did), each
 * call's result in its entry. With stub_at (the page holding the load
 * stub, executable) the stub makes them, REMOTE_STUB_MAX_CALLS per stop;
 * else (0) one remote syscall each; the stub's block is at block_at. With
 * then_pc (and a stub), once all succeeded the stub goes on to run
 * then_pc(then_arg) in the same stop: *ran is then set, and *ran_result is
 * that code's result (the block is not read again: the image may have
 * unmapped it). With boot, the first run is the boot's (boot_map its
 * mmap), whose INJECT_BOOT_DECLINED is returned as it is. 0, or -errno
 * when the tracee failed us (err set). */
static int make_calls(struct inject_target *t, uint64_t stub_at,
		      uint64_t block_at, struct calls *l, size_t from,
		      uint64_t then_pc, uint64_t then_arg, size_t *done,
		      int *ran, long *ran_result, struct inject_boot *boot,
		      const long boot_map[6], struct inject_error *err)
{
	for (size_t i = from; i < l->n;) {
		size_t k = l->n - i;
		if (!stub_at || k > REMOTE_STUB_MAX_CALLS)
			k = stub_at ? REMOTE_STUB_MAX_CALLS : 1;
		/* An argument from a call of an earlier run: filled here. */
		for (size_t j = i; j < i + k; j++) {
			struct remote_stub_call *c = &l->v[j];
			if (c->take_arg >= 0 && (size_t)c->take_from < i) {
				c->args[c->take_arg] = l->v[c->take_from].result;
				c->take_arg = -1;
			}
		}
		size_t ok;
		if (stub_at) {
			struct remote_stub_block b;
			memset(&b, 0, sizeof b);
			b.count = k;
			if (i + k == l->n) {
				b.then_pc = then_pc;
				b.then_arg = then_arg;
			}
			/* The boot's run goes on to the program by itself. */
			if (boot && i == from && boot->go_on && b.then_pc) {
				b.notify_pid = getpid();
				b.notify_sig = boot->quiet ? 0
							   : INJECT_GO_ON_FAIL_SIGNAL;
			}
			memcpy(b.calls, l->v + i, k * sizeof *b.calls);
			memcpy(b.scratch, l->scratch, sizeof b.scratch);
			for (size_t j = 0; j < k; j++)
				if (b.calls[j].take_arg >= 0)
					b.calls[j].take_from -= (int32_t)i;
			size_t n = offsetof(struct remote_stub_block, calls) +
				   k * sizeof *b.calls;
			long res;
			uint64_t stop_pc = 0;
			int e = inject_write_memory(t, block_at, &b, sizeof b,
						    err);
			/* The first run through the boot, which makes the
			 * reservation all this was staged for. */
			if (!e && boot && i == from)
				e = inject_boot_run(t, boot, boot_map,
						    stub_at + STUB_CODE_AT,
						    block_at, &res, &stop_pc,
						    err);
			else if (!e)
				e = inject_run_code(t, stub_at + STUB_CODE_AT,
						    block_at, &res, &stop_pc,
						    err);
			if (!e && b.then_pc &&
			    (stop_pc < stub_at || stop_pc >= stub_at + page_size())) {
				/* Not the stub's breakpoint: its continuation's. */
				*ran = 1;
				*ran_result = res;
				*done = l->n;
				return 0;
			}
			if (!e)
				e = inject_read_memory(t, block_at, &b, n, err);
			if (e)
				return e;
			ok = b.done < k ? (size_t)b.done : k;
			for (size_t j = 0; j < k; j++)
				l->v[i + j].result = b.calls[j].result;
		} else {
			struct remote_stub_call *c = &l->v[i];
			long res;
			int e = inject_remote_syscall(t, c->nr, c->args, &res,
						      err);
			if (e)
				return e;
			c->result = res;
			ok = call_failed(res) ? 0 : 1;
		}
		if (ok < k) {
			*done = i + ok;
			return 0;
		}
		i += k;
	}
	*done = l->n;
	return 0;
}

static void template_free(struct load_template *t)
{
	if (!t)
		return;
	if (t->tmpl)
		munmap(t->tmpl, t->span);
	for (int k = 0; k < 2; k++) {
		if (t->work[k].mem)
			munmap(t->work[k].mem, t->span);
		free(t->work[k].filled);
	}
	free(t->filled);
	free(t->writes);
	if (t->data_fd >= 0)
		close(t->data_fd);
	free(t);
}

/* The launcher's template (one: its image), kept while the source it was
 * made from is the one loaded. */
static struct load_template *kept_template;
static unsigned long relocations_made, rebases_made;

unsigned long inject_relocations_made(void)
{
	return relocations_made;
}

unsigned long inject_rebases_made(void)
{
	return rebases_made;
}

static int template_is_of(const struct load_template *t,
			  const struct inject_image_source *src, uint64_t span)
{
	return t && t->elf == src->elf && t->size == src->size &&
	       t->dev == src->dev && t->ino == src->ino &&
	       t->size_on_disk == src->size_on_disk &&
	       t->mtime_sec == src->mtime_sec &&
	       t->mtime_nsec == src->mtime_nsec && t->span == span;
}

/* im relocated at base 0 into a new template (*out): its writable
 * segments copied, every relocation applied and recorded. 0 or -errno
 * with err set. */
static int template_make(const struct image *im,
			 const struct inject_image_source *src,
			 struct load_template **out, struct inject_error *err)
{
	uint64_t span = im->hi - im->lo;
	struct load_template *t = calloc(1, sizeof *t);
	if (!t)
		return inject_fail(err, -ENOMEM, "out of memory");
	t->elf = src->elf;
	t->size = src->size;
	t->dev = src->dev;
	t->ino = src->ino;
	t->size_on_disk = src->size_on_disk;
	t->mtime_sec = src->mtime_sec;
	t->mtime_nsec = src->mtime_nsec;
	t->span = span;
	t->data_fd = -1;
	/* Pages of them are touched only where something is copied. */
	t->tmpl = mmap(0, span, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	t->filled = calloc((size_t)(span / page_size()) + 1, 1);
	if (t->tmpl == MAP_FAILED)
		t->tmpl = 0;
	int ok = t->tmpl && t->filled;
	for (int k = 0; k < 2; k++) {
		void *m = mmap(0, span, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		t->work[k].mem = m == MAP_FAILED ? 0 : m;
		t->work[k].filled = calloc((size_t)(span / page_size()) + 1, 1);
		ok = ok && t->work[k].mem && t->work[k].filled;
	}
	if (!ok) {
		template_free(t);
		return inject_fail(err, -ENOMEM, "out of memory");
	}
	struct image b = *im;
	b.bias = 0;
	b.mem = t->tmpl;
	b.filled = t->filled;
	b.rec = t;
	for (int i = 0; i < b.eh->e_phnum; i++)
		if (b.ph[i].p_type == PT_LOAD && (b.ph[i].p_flags & PF_W))
			copy_segment(&b, i);
	int e = relocate(&b, err);
	if (!e && t->failed)
		e = inject_fail(err, -ENOMEM, "out of memory");
	if (e) {
		template_free(t);
		return e;
	}
	memcpy(t->copied, b.copied, sizeof t->copied);
	memcpy(t->write_end, b.write_end, sizeof t->write_end);
	relocations_made++;
	*out = t;
	return 0;
}

/* im as relocated at its base (im->bias), in work buffer k (0: the
 * session's base, 1: any other): unless it holds that base already, the
 * template's filled pages copied there and its words written again,
 * based. */
static void template_apply(struct load_template *t, int k, struct image *im)
{
	uint64_t ps = page_size();
	struct template_work *w = &t->work[k];
	if (!w->applied || w->bias != im->bias) {
		for (uint64_t p = 0; p < t->span / ps; p++)
			if (t->filled[p])
				memcpy(w->mem + p * ps, t->tmpl + p * ps, ps);
		for (size_t i = 0; i < t->nwrites; i++) {
			const struct reloc_write *r = &t->writes[i];
			uint64_t v = r->value + (r->based ? im->bias : 0);
			memcpy(w->mem + r->at, &v, sizeof v);
		}
		memcpy(w->filled, t->filled, (size_t)(t->span / ps) + 1);
		w->bias = im->bias;
		w->applied = 1;
		rebases_made++;
	}
	im->mem = w->mem;
	im->filled = w->filled;
	memcpy(im->copied, t->copied, sizeof im->copied);
	memcpy(im->write_end, t->write_end, sizeof im->write_end);
}

/* Where the kernel puts a mapping of ours of total bytes (and some room
 * for longer settings): free in a fresh process as likely as anywhere,
 * random per launcher with ASLR, the range every process's mmaps come
 * from. 0 if none. */
static uint64_t free_address(uint64_t total)
{
	uint64_t size = total + 16 * page_size();
	void *p = mmap(0, size, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return 0;
	munmap(p, size);
	return (uint64_t)p;
}

/* The session's address for a reservation of total bytes, chosen once. */
static uint64_t session_address(struct load_template *t, uint64_t total)
{
	if (!t->session_at)
		t->session_at = free_address(total);
	return t->session_at;
}

/* Writable PT_LOAD i's pages that the session's data file holds: from
 * its first page to the end of its file bytes or of what a relocation
 * wrote (link-time, page-aligned; the zero fill above stays the
 * reservation's anonymous memory). */
static void data_span(const struct image *im, int i, uint64_t *a, uint64_t *b)
{
	const Elf64_Phdr *p = &im->ph[i];
	uint64_t end = p->p_filesz > im->write_end[i] ? p->p_filesz
						      : im->write_end[i];
	*a = page_down(p->p_vaddr);
	*b = page_up(p->p_vaddr + end);
}

/* The session's data file: im's writable PT_LOADs as relocated for the
 * session base (im->bias), each page at its link-time offset, written
 * once, sealed. 0, or -1 (then never tried again: each process gets its
 * pages written in). */
static int session_data(struct load_template *t, struct image *im)
{
	if (t->data_fd != -1)
		return t->data_fd >= 0 ? 0 : -1;
	t->data_fd = -2;
	int fd = (int)syscall(SYS_memfd_create, "systrap-image-data",
			      MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -1;
	int ok = 1;
	for (int i = 0; ok && i < im->eh->e_phnum; i++) {
		if (im->ph[i].p_type != PT_LOAD || !(im->ph[i].p_flags & PF_W))
			continue;
		uint64_t a, b;
		data_span(im, i, &a, &b);
		fill_pages(im, a, b - a);
		for (uint64_t k = a; ok && k < b;) {
			ssize_t n = pwrite(fd, im->mem + (k - im->lo), b - k,
					   (off_t)(k - im->lo));
			ok = n > 0;
			k += ok ? (uint64_t)n : 0;
		}
	}
	/* Nobody writes it again (a process that opened it through /proc
	 * for writing included): every process maps it private. */
	struct stat st;
	if (!ok || fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK |
					      F_SEAL_GROW | F_SEAL_WRITE) ||
	    fstat(fd, &st)) {
		close(fd);
		return -1;
	}
	t->data_dev = st.st_dev;
	t->data_ino = st.st_ino;
	snprintf(t->data_path, sizeof t->data_path, "/proc/%d/fd/%d",
		 (int)getpid(), fd);
	t->data_fd = fd;
	return 0;
}

/* Where the stub's scratch holds the session data's path, its fstat and
 * what that must be (after the image file's identity check's two). */
#define DATA_PATH_AT (2 * sizeof(struct stat))
#define DATA_STAT_AT (DATA_PATH_AT + SESSION_DATA_PATH_MAX)
#define DATA_WANT_AT (DATA_STAT_AT + sizeof(struct stat))
_Static_assert(DATA_WANT_AT + 16 <= REMOTE_STUB_SCRATCH,
	       "the session data's path and identity fit the stub's scratch");

/* The stub's calls that map the session's data file over im's writable
 * PT_LOADs (private, read+write), added to l: its openat (by its path in
 * the scratch at scratch_at), the check that it is our file (device and
 * inode), one mmap per segment, its close. *open_at is the openat's index. */
static int add_session_data_maps(struct image *im, const struct load_template *t,
				 uint64_t scratch_at, struct calls *l,
				 size_t *open_at)
{
	uint64_t want[2] = {t->data_dev, t->data_ino};
	memcpy(l->scratch + DATA_PATH_AT, t->data_path, sizeof t->data_path);
	memcpy(l->scratch + DATA_WANT_AT, want, sizeof want);
	size_t d = l->n;
	*open_at = d;
	if (add_call(l, SYS_openat, AT_FDCWD, (long)(scratch_at + DATA_PATH_AT),
		     O_RDONLY | O_CLOEXEC, 0, 0, 0) ||
	    add_call(l, SYS_fstat, -1, (long)(scratch_at + DATA_STAT_AT), 0, 0,
		     0, 0))
		return -ENOMEM;
	l->v[l->n - 1].take_arg = 0;
	l->v[l->n - 1].take_from = (int32_t)d;
	const size_t at[2] = {offsetof(struct stat, st_dev),
			      offsetof(struct stat, st_ino)};
	const size_t size[2] = {sizeof(dev_t), sizeof(ino_t)};
	for (int k = 0; k < 2; k++)
		if (add_call(l, REMOTE_STUB_COMPARE,
			     (long)(scratch_at + DATA_STAT_AT + at[k]),
			     (long)(scratch_at + DATA_WANT_AT + 8 * k),
			     (long)size[k], 0, 0, 0))
			return -ENOMEM;
	for (int i = 0; i < im->eh->e_phnum; i++) {
		if (im->ph[i].p_type != PT_LOAD || !(im->ph[i].p_flags & PF_W))
			continue;
		uint64_t a, b;
		data_span(im, i, &a, &b);
		if (add_call(l, SYS_mmap, (long)(a + im->bias), (long)(b - a),
			     PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, -1,
			     (long)(a - im->lo)))
			return -ENOMEM;
		l->v[l->n - 1].take_arg = 4;
		l->v[l->n - 1].take_from = (int32_t)d;
	}
	if (add_call(l, SYS_close, -1, 0, 0, 0, 0, 0))
		return -ENOMEM;
	l->v[l->n - 1].take_arg = 0;
	l->v[l->n - 1].take_from = (int32_t)d;
	return 0;
}

/* The image file whose first load in this launcher the image relocated
 * itself: its next load makes the template (for the session's shared
 * data). */
static struct inject_image_source self_relocated;

static int same_source(const struct inject_image_source *a,
		       const struct inject_image_source *b)
{
	return a->elf == b->elf && a->size == b->size && a->dev == b->dev &&
	       a->ino == b->ino && a->size_on_disk == b->size_on_disk &&
	       a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec;
}

/* *tmpl: the kept template when it is src's, else one made now (and kept
 * where src names its file). */
static int template_for(const struct image *im,
			const struct inject_image_source *src,
			struct load_template **tmpl, struct inject_error *err)
{
	uint64_t span = im->hi - im->lo;
	if (template_is_of(kept_template, src, span)) {
		*tmpl = kept_template;
		return 0;
	}
	int e = template_make(im, src, tmpl, err);
	if (e)
		return e;
	if (src->path) {
		template_free(kept_template);
		kept_template = *tmpl;
	}
	return 0;
}

/* The image failed to relocate itself (its entry's -ENOEXEC): what
 * relocating it here finds wrong, in err. */
static int self_relocation_failed(const struct image *im,
				  struct inject_error *err)
{
	struct load_template *t = NULL;
	struct inject_image_source none = {.elf = im->elf, .size = im->size};
	int e = template_make(im, &none, &t, err);
	template_free(t);
	return e ? e : inject_fail(err, -ENOEXEC, "image: could not apply its "
				   "own relocations");
}

/* The reserving mmap: at want (MAP_FIXED_NOREPLACE) when not 0, else, or
 * when something is there already, where the kernel chooses. *addr is
 * the result (a kernel that takes the flag for a hint may give another
 * address: kept, as the kernel's choice). */
static int reserve(struct inject_target *t, uint64_t want, uint64_t total,
		   int prot, long *addr, struct inject_error *err)
{
	int e = remote(t, SYS_mmap, (long)want, (long)total, prot,
		       MAP_PRIVATE | MAP_ANONYMOUS |
			       (want ? MAP_FIXED_NOREPLACE : 0),
		       -1, 0, addr, err);
	if (!e && want && *addr == -EEXIST)
		e = remote(t, SYS_mmap, 0, (long)total, prot,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, addr, err);
	return e;
}

/* SYSTRAP_TEST_BUSY_BASE (tests only): each process has a page at the
 * session's address before the image is loaded, as a program that mapped
 * something there would, so that the fallback is what runs. */
static int session_base_busy_for_tests(void)
{
	static int busy = -1;
	if (busy < 0) {
		const char *v = getenv("SYSTRAP_TEST_BUSY_BASE");
		busy = v && *v && strcmp(v, "0");
	}
	return busy;
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
	 * own span, which this page belongs to), and the load stub that maps
	 * the image, next to the code so that one mprotect may cover both.
	 * After them, the block. */
	uint64_t span = im.hi - im.lo;
	uint64_t stub_page = page_size();
	/* The block, then a page for the stub's calls: the block is written
	 * before the stub runs, which may go on to the entry. */
	uint64_t params_map = page_up(params_size) + page_size();
	/* With the boot, one page more after the block: what the stub's
	 * last calls put back over the boot, and the path they open. */
	int may_boot = (flags & INJECT_BOOT) && (flags & INJECT_RUN_ENTRY) &&
		       src->path && t->initial_pc;
	if (may_boot)
		params_map += page_size();
	uint64_t total = stub_page + span + params_map;
	int image_fd = -1;
	uint64_t map_end = 0;
	int data_mapped = 0, shared = 0;
	size_t stub_size;
	const unsigned char *stub_code = remote_stub_code(&stub_size);
	if (stub_size > STUB_CODE_MAX || stub_page < 4096)
		return inject_fail(err, -EINVAL, "the load stub does not fit "
				   "its page");

	/* Relocated: from the kept template of this image file; else, for
	 * an image file's first load in this launcher where the image can,
	 * by the image itself at its entry, as ld.so relocates a library
	 * (image_abi.h, SYSTRAP_IMAGE_RELOCATE: the launcher relocates,
	 * copies and writes nothing, which most runs, a launcher per
	 * process, spent most of their start on); else (or from the file's
	 * second load, for the session's shared data) by a template made
	 * now, kept where the source names its file. */
	struct load_template *tmpl = NULL;
	uint64_t code_end;
	int frees, resets, self = 0;
	uint8_t *self_filled = NULL;
	int known = template_is_of(kept_template, src, span) &&
		    kept_template->facts_known;
	/* What the image defines, looked up once per template (a walk of
	 * its dynamic symbols, which every exec under -f paid). */
	uint64_t outcome_off = known ? kept_template->outcome_off : 0;
	unsigned defined = known ? 0 : what_it_defines(&im, &outcome_off);
	code_end = known ? kept_template->code_end
			 : code_end_for_self_protection(&im, defined);
	frees = known ? kept_template->frees : !!(defined & DEFINES_FREES);
	resets = known ? kept_template->resets : !!(defined & DEFINES_RESETS);
	if (template_is_of(kept_template, src, span)) {
		tmpl = kept_template;
	} else {
		self = src->path && !same_source(&self_relocated, src) &&
		       may_relocate_itself(&im, code_end, defined);
		if (!self) {
			e = template_for(&im, src, &tmpl, err);
			if (e)
				return e;
		}
	}
	if (tmpl && !tmpl->facts_known) {
		tmpl->code_end = code_end;
		tmpl->frees = frees;
		tmpl->resets = resets;
		tmpl->outcome_off = outcome_off;
		tmpl->facts_known = 1;
	}
	/* At the session's base where the caller asks and the process has
	 * nothing there: relocated for it once in the session. */
	uint64_t session_want = (flags & INJECT_SESSION_BASE) && tmpl &&
						tmpl == kept_template
					? session_address(tmpl, total)
					: 0;
	uint64_t want = session_want;
	if (want && session_base_busy_for_tests()) {
		long res;
		e = remote(t, SYS_mmap, (long)want, (long)page_size(), PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1,
			   0, &res, err);
		if (e)
			goto free_template;
	}

	/* Read, write and execute until the stub has run (its last calls
	 * take write or execute away again; nothing runs there but the stub
	 * meanwhile): a process that may not have such a mapping (a seccomp
	 * policy such as systemd's MemoryDenyWriteExecute) gets the same
	 * calls one remote syscall each, from a read+write mapping. */
	long addr;
	uint64_t stub_at = 0;
	/* Or made by the boot, at an address known now (the session's, else
	 * one free here: an image relocating itself goes anywhere), for
	 * which everything written into it is laid out and staged. */
	struct inject_boot boot;
	/* boot_pending: nothing made in the process yet; text_out: the
	 * boot's code is where the program's first instruction is. */
	int booting = 0, boot_pending = 0, text_out = 0;
	struct inject_image_source self_relocated_before = self_relocated;
	long boot_map[6] = {0};
	/* Only where little is written into it (the stub, the blocks: its
	 * data mapped from the session's file or relocated by the image),
	 * all of which the boot copies from the program's stack. */
	if (may_boot && (self || (flags & INJECT_SHARED_DATA))) {
		uint64_t at = want ? want : self ? free_address(total) : 0;
		struct inject_error ignored;
		booting = at && inject_boot_begin(t, &boot, at, at + total,
						  &ignored) == 0;
		if (booting) {
			want = at;
			boot_map[0] = (long)at;
			boot_map[1] = (long)total;
			boot_map[2] = PROT_READ | PROT_WRITE | PROT_EXEC;
			boot_map[3] = MAP_PRIVATE | MAP_ANONYMOUS |
				      MAP_FIXED_NOREPLACE;
			boot_map[4] = -1;
		}
	}
	if (booting) {
		addr = (long)want;
		stub_at = want;
		boot_pending = 1;
		e = 0;
	} else {
		e = reserve(t, want, total, PROT_READ | PROT_WRITE | PROT_EXEC,
			    &addr, err);
		if (!e && (addr == -EPERM || addr == -EACCES))
			e = reserve(t, want, total, PROT_READ | PROT_WRITE,
				    &addr, err);
		else if (!e && !call_failed(addr))
			stub_at = (uint64_t)addr;
	}
	if (!e && call_failed(addr))
		e = inject_fail(err, (int)addr, "remote mmap of %llu bytes "
				"in process %d: %s",
				(unsigned long long)total, t->pid,
				strerror((int)-addr));
	if (e)
		goto free_template;
	int at_session = session_want && (uint64_t)addr == session_want;
	im.bias = (uint64_t)addr + stub_page - im.lo;
	uint64_t image_at = (uint64_t)addr + stub_page;
	uint64_t block_at = image_at + span + page_up(params_size);
	static struct calls zero_calls;
	struct calls calls = zero_calls;
	/* Indices in calls: the file's first mmap, the stub's close of the
	 * descriptor (none: SIZE_MAX). */
	size_t open_at = 0, first_map = 0, close_at = SIZE_MAX;
	/* The stub's openat and close of the session's data file (none:
	 * SIZE_MAX). */
	size_t data_open_at = SIZE_MAX, data_close_at = SIZE_MAX;
	int ran = 0;
	long ran_result = 0;

	size_t buf_cap;
	uint8_t *buf = spare_buffer_take(params_map, &buf_cap);
	if (buf)
		memset(buf, 0, params_map);
	if (!buf) {
		e = inject_fail(err, -ENOMEM, "out of memory");
		goto unmap;
	}
	/* The read-only segments from the file, where the tracee can open
	 * it (its path written after the stub's block, in that page, which
	 * is written anyway; else, without the stub or for a long path,
	 * where the file's bytes will be: in the span, a page faulted in
	 * only to be mapped over); the rest (the writable segment, the
	 * block) is written below. */
	static const char zeros[PATH_MAX + 1];
	size_t path_size = src->path ? strlen(src->path) + 1 : 0;
	map_end = src->path ? file_map_end(&im) : 0;
	if (path_size > span || path_size > sizeof zeros)
		map_end = 0;
	/* The image relocates itself from its data as the file has it, so
	 * that data must be mapped from the file: by the stub. */
	if (self && !(stub_at && map_end && data_mappable(&im))) {
		self = 0;
		e = template_for(&im, src, &tmpl, err);
		if (e)
			goto unmap;
	}
	if (self) {
		/* No page of ours holds any of its bytes. */
		self_filled = calloc((size_t)(span / page_size()) + 1, 1);
		if (!self_filled) {
			e = inject_fail(err, -ENOMEM, "out of memory");
			goto unmap;
		}
		im.filled = self_filled;
		self_relocated = *src;
	} else {
		template_apply(tmpl, at_session ? 0 : 1, &im);
	}
	uint64_t path_at = image_at;
	if (stub_at &&
	    path_size <= page_size() - sizeof(struct remote_stub_block))
		path_at = block_at + sizeof(struct remote_stub_block);
	if (map_end) {
		e = inject_write_memory(t, path_at, src->path, path_size, err);
		if (e)
			goto unmap;
		open_at = calls.n;
		e = add_call(&calls, SYS_openat, AT_FDCWD, (long)path_at,
			     O_RDONLY | O_CLOEXEC, 0, 0, 0);
		/* The stub checks the descriptor is the file the launcher
		 * read before anything of it is mapped (without a stub the
		 * launcher checks, after the calls: same_file). */
		if (!e && stub_at)
			e = add_identity_check(&calls, src,
					       block_at + offsetof(struct remote_stub_block,
								   scratch));
		first_map = calls.n;
		if (!e)
			e = add_call(&calls, SYS_mmap, (long)image_at,
				     (long)map_end, PROT_READ,
				     MAP_PRIVATE | MAP_FIXED, -1, 0);
		if (!e) {
			/* the descriptor openat gave */
			calls.v[first_map].take_arg = 4;
			calls.v[first_map].take_from = (int32_t)open_at;
		}
		/* At the session's base, the session's data file where the
		 * process can open it; else the image file's unrelocated
		 * data pages. */
		shared = at_session && (flags & INJECT_SHARED_DATA) && stub_at &&
			 !e && session_data(tmpl, &im) == 0;
		if (shared)
			e = add_session_data_maps(
				&im, tmpl,
				block_at + offsetof(struct remote_stub_block,
						    scratch),
				&calls, &data_open_at);
		if (shared)
			data_close_at = calls.n - 1;
		data_mapped = !shared && stub_at && data_mappable(&im);
		for (int i = 0; !e && data_mapped && i < im.eh->e_phnum; i++) {
			const Elf64_Phdr *p = &im.ph[i];
			if (p->p_type == PT_LOAD && (p->p_flags & PF_W) &&
			    p->p_filesz)
				e = add_data_maps(
					&im, i,
					self && im.relro
						? page_down(im.relro->p_vaddr +
							    im.relro->p_memsz)
						: 0,
					&calls);
		}
		if (!e && stub_at) {
			close_at = calls.n;
			e = add_call(&calls, SYS_close, -1, 0, 0, 0, 0, 0);
			if (!e) {
				calls.v[close_at].take_arg = 0;
				calls.v[close_at].take_from = (int32_t)open_at;
			}
		}
		if (e) {
			e = inject_fail(err, -ENOMEM, "out of memory");
			goto unmap;
		}
	}
	size_t first_protection = calls.n;
	if (code_end) {
		/* The stub and the code in one call; the image sets the rest
		 * from its program headers at its entry. */
		e = add_call(&calls, SYS_mprotect, addr,
			     (long)(stub_page + code_end),
			     PROT_READ | PROT_EXEC, 0, 0, 0);
		if (!e && stub_at)
			e = add_call(&calls, SYS_mprotect,
				     (long)(image_at + code_end),
				     (long)(total - stub_page - code_end),
				     PROT_READ | PROT_WRITE, 0, 0, 0);
	} else {
		e = protect(&im, &calls);
		if (!e)
			e = add_call(&calls, SYS_mprotect, addr, (long)stub_page,
				     PROT_READ | PROT_EXEC, 0, 0, 0);
		if (!e && stub_at)
			e = add_call(&calls, SYS_mprotect, (long)(image_at + span),
				     (long)params_map, PROT_READ | PROT_WRITE,
				     0, 0, 0);
	}
	/* The boot's bytes put back, last, through /proc/self/mem (which
	 * writes over a page's protection as the launcher's own write did):
	 * its path and the bytes in the page after the block. */
	size_t first_put_back = calls.n;
	if (!e && booting) {
		static const char self_mem[16] = "/proc/self/mem";
		uint64_t at = block_at + page_size();
		e = inject_write_memory(t, at, self_mem, sizeof self_mem, err);
		if (!e)
			e = inject_write_memory(t, at + sizeof self_mem,
						boot.saved, boot.size, err);
		if (!e)
			e = add_call(&calls, SYS_openat, AT_FDCWD, (long)at,
				     O_WRONLY | O_CLOEXEC, 0, 0, 0);
		if (!e)
			e = add_call(&calls, SYS_pwrite64, -1,
				     (long)(at + sizeof self_mem),
				     (long)boot.size, (long)boot.at, 0, 0);
		if (!e)
			e = add_call(&calls, SYS_close, -1, 0, 0, 0, 0, 0);
		for (size_t k = first_put_back + 1; !e && k < calls.n; k++) {
			calls.v[k].take_arg = 0;
			calls.v[k].take_from = (int32_t)first_put_back;
		}
	}
	if (e) {
		e = inject_fail(err, -ENOMEM, "out of memory");
		goto unmap;
	}

	uint8_t stub[STUB_CODE_AT + STUB_CODE_MAX] = {0};
	remote_syscall_stub(stub);
	memcpy(stub + STUB_CODE_AT, stub_code, stub_size);
	struct systrap_image_params *params = (void *)buf;
	params->magic = SYSTRAP_IMAGE_MAGIC;
	params->version = SYSTRAP_IMAGE_VERSION;
	/* What the image unmaps: the stub's page too. */
	params->size = (uint32_t)params_map;
	params->image_start = (uint64_t)addr;
	params->image_end = image_at + span;
	params->initial_sp = t->initial_sp;
	params->initial_pc = t->initial_pc;
	params->elf_base = im.bias;
	params->flags = code_end ? SYSTRAP_IMAGE_SET_PROTECTIONS : 0;
	if (self)
		params->flags |= SYSTRAP_IMAGE_RELOCATE;
	if (frees && !(flags & INJECT_KEEP_BLOCK))
		params->flags |= SYSTRAP_IMAGE_UNMAP_BLOCK;
	/* At an exec stop, with XSAVE (what the image resets them with). */
	t->image_resets_vectors = resets && t->initial_vectors &&
				  arch_vector_state_size() != 0;
	if (t->image_resets_vectors)
		params->flags |= SYSTRAP_IMAGE_RESET_VECTORS;
	/* No stop at the end where the image can go on to the program
	 * itself from the boot's run (image_abi.h, SYSTRAP_IMAGE_GO_ON):
	 * with the registers the program resumes with. The boot's run must
	 * be the stub's last (one block of calls): a first block without
	 * the entry would end at the stub's int3 in a thread nobody traces. */
	if ((flags & INJECT_GO_ON) && booting && outcome_off &&
	    t->image_resets_vectors &&
	    (params->flags & SYSTRAP_IMAGE_UNMAP_BLOCK) &&
	    calls.n <= REMOTE_STUB_MAX_CALLS) {
		struct remote_regs now = {0};
		if (remote_regs_get(t->pid, &now) == 0 &&
		    remote_regs_go_on_possible(&now)) {
			params->flags |= SYSTRAP_IMAGE_GO_ON;
			/* Quiet (tests): kill(pid, 0) sends nothing. */
			int quiet = !!(flags & INJECT_GO_ON_QUIET);
			params->notify_ok_sig = quiet ? 0 : INJECT_GO_ON_OK_SIGNAL;
			params->notify_fail_sig =
				quiet ? 0 : INJECT_GO_ON_FAIL_SIGNAL;
			remote_regs_resume_record(&now, &params->resume);
			params->notify_nonce = go_on_nonce();
			boot.nonce = params->notify_nonce;
			boot.go_on = 1;
			boot.outcome_at = im.bias + outcome_off;
			boot.quiet = quiet;
		}
	}
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

	e = write_segments(t, &im, map_end, data_mapped || shared, err);
	for (int i = 0; !e && data_mapped && i < im.eh->e_phnum; i++)
		if (im.ph[i].p_type == PT_LOAD && (im.ph[i].p_flags & PF_W))
			e = write_data_pages(t, &im, i, err);
	if (!e)
		e = inject_write_memory(t, (uint64_t)addr, stub,
					STUB_CODE_AT + stub_size, err);
	if (!e)
		e = inject_write_memory(t, image_at + span, buf, params_size,
					err);
	if (e)
		goto unmap;
	/* With the stub, the entry runs in its stop when all went well. */
	uint64_t then_pc = (flags & INJECT_RUN_ENTRY) && stub_at
				   ? im.bias + im.eh->e_entry
				   : 0;
	size_t done;
	e = make_calls(t, stub_at, block_at, &calls, 0, then_pc, image_at + span,
		       &done, &ran, &ran_result, booting ? &boot : NULL,
		       boot_map, err);
	if (e == INJECT_BOOT_DECLINED)
		goto declined;
	if (booting)
		inject_boot_end(t, &boot);
	text_out = booting && !ran;
	/* The reservation is made; what is left of the boot: its bytes, put
	 * back by the stub's last calls unless it stopped before. */
	if (!e && booting && !ran) {
		size_t put = first_put_back + 2; /* the pwrite made */
		if (done < put)
			e = inject_boot_put_back(t, &boot, err);
		text_out = e != 0;
		long res;
		if (!e && done == first_put_back + 1)
			e = remote(t, SYS_close, calls.v[first_put_back].result,
				   0, 0, 0, 0, 0, &res, err);
		if (done > first_put_back)
			done = first_put_back;
		calls.n = first_put_back;
	}
	boot_pending = 0;
	if (!e && ran && self && ran_result == -ENOEXEC)
		e = self_relocation_failed(&im, err);
	if (e)
		goto unmap;
	if (map_end && done > 0 && !(close_at != SIZE_MAX && done > close_at))
		image_fd = (int)calls.v[open_at].result;
	/* Its data file's descriptor, opened but not closed: the stub
	 * stopped between (a mapping refused). */
	int data_fd = -1;
	if (data_open_at != SIZE_MAX && done > data_open_at &&
	    done < data_close_at)
		data_fd = (int)calls.v[data_open_at].result;
	if (!ran && map_end &&
	    (done < first_protection ||
	     (!stub_at && !same_file(t, image_fd, src)))) {
		/* Not the file (or none, or it could not be mapped): a copy,
		 * as where no path is given. Nothing ran of what was mapped
		 * (the stub stops at a breakpoint of its own page), and the
		 * stub's identity check stops it before the mmaps. */
		long res = 0;
		uint64_t mapped = data_mapped || shared ? span : map_end;
		int remap = done > first_map;
		if (remap)
			e = remote(t, SYS_mmap, (long)image_at, (long)mapped,
				   PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
				   0, &res, err);
		if (!e && remap && res != (long)image_at)
			e = inject_fail(err, call_failed(res) ? (int)res
							      : -EFAULT,
					"remote mmap in process %d failed",
					t->pid);
		if (!e && image_fd >= 0) {
			e = remote(t, SYS_close, image_fd, 0, 0, 0, 0, 0, &res,
				   err);
			image_fd = -1;
		}
		if (!e && data_fd >= 0)
			e = remote(t, SYS_close, data_fd, 0, 0, 0, 0, 0, &res,
				   err);
		map_end = 0;
		data_mapped = 0;
		shared = 0;
		/* A copy is relocated here: the block says so before the
		 * entry runs (the image would relocate it again). */
		if (self) {
			self = 0;
			params->flags &= ~SYSTRAP_IMAGE_RELOCATE;
			if (!e)
				e = template_for(&im, src, &tmpl, err);
			if (!e) {
				template_apply(tmpl, 1, &im);
				e = inject_write_memory(t, image_at + span, buf,
							params_size, err);
			}
		}
		/* Copied instead: the path leaves no trace. */
		if (!e && !remap && path_at == image_at)
			e = inject_write_memory(t, image_at, zeros, path_size,
						err);
		if (!e)
			e = write_segments(t, &im, 0, 0, err);
		if (!e)
			e = make_calls(t, stub_at, block_at, &calls,
				       first_protection, 0, 0, &done, &ran,
				       &ran_result, NULL, NULL, err);
		if (e)
			goto unmap;
	}
	if (done < calls.n) {
		/* An mprotect the process refused: said as one remote call
		 * would say it. */
		e = inject_fail(err, (int)calls.v[done].result,
				"remote mprotect in process %d: %s", t->pid,
				strerror((int)-calls.v[done].result));
		goto unmap;
	}
	if (frees && image_fd >= 0) {
		/* The image closes it at its entry (the block is written
		 * again: its flags were set before the descriptor was
		 * known). Only without the stub, which closes it itself. */
		params->flags |= SYSTRAP_IMAGE_CLOSE_FD;
		params->image_fd = image_fd;
		image_fd = -1;
		e = inject_write_memory(t, image_at + span, buf, params_size,
					err);
	}
	long res;
	if (!e && image_fd >= 0) {
		e = remote(t, SYS_close, image_fd, 0, 0, 0, 0, 0, &res, err);
		image_fd = -1;
	}
	if (e)
		goto unmap;
	t->syscall_insn = (uint64_t)addr;
	free(calls.v);
	spare_buffer_give(buf, buf_cap);
	free(self_filled);
	if (tmpl != kept_template)
		template_free(tmpl);
	out->mapped_from_file = map_end != 0;
	out->block_freed = frees && !(flags & INJECT_KEEP_BLOCK);
	out->ran = ran;
	out->result = ran_result;
	out->at_session_base = at_session;
	out->data_shared = shared;
	out->bias = im.bias;
	out->start = (uint64_t)addr;
	out->end = image_at + span;
	out->entry = im.bias + im.eh->e_entry;
	out->params = out->end;
	out->params_map_size = params_map;
	return 0;

unmap:
	free(calls.v);
	spare_buffer_give(buf, buf_cap);
	free(self_filled);
	if (tmpl != kept_template)
		template_free(tmpl);
	if (booting)
		inject_boot_end(t, &boot);
	if (boot_pending) /* failed before the boot ran: nothing to undo */
		return e;
	if (text_out && !t->gone) {
		struct inject_error ignored;
		inject_boot_put_back(t, &boot, &ignored);
	}
	if (!t->gone) {
		struct inject_error ignored;
		remote(t, SYS_munmap, addr, (long)total, 0, 0, 0, 0, &res,
		       &ignored);
		if (image_fd >= 0)
			remote(t, SYS_close, image_fd, 0, 0, 0, 0, 0, &res,
			       &ignored);
	}
	return e;

free_template:
	if (tmpl != kept_template)
		template_free(tmpl);
	return e;

declined:
	/* Nothing of the boot is left (boot.h): the usual way instead. */
	free(calls.v);
	spare_buffer_give(buf, buf_cap);
	free(self_filled);
	if (tmpl != kept_template)
		template_free(tmpl);
	inject_boot_end(t, &boot);
	self_relocated = self_relocated_before;
	return inject_load_image_from(t, src, settings, flags & ~INJECT_BOOT,
				      out, err);
}
