#include "systrap/core/elf_boundaries.h"

#include <elf.h>
#include <string.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/arena.h"

/* DWARF pointer encodings used by .eh_frame_hdr (LSB Core, "DWARF Extensions") */
#define DW_EH_PE_udata4 0x03
#define DW_EH_PE_sdata4 0x0b
#define DW_EH_PE_datarel 0x30

/* Tables are read in chunks from the arena, not the stack: this runs on the
 * trap path when a trapped mmap maps new code, maybe on a 16 KiB stack. */
#define SYM_CHUNK 256
#define EH_CHUNK 512
#define SH_CHUNK 64
#define MAX_PHDRS 64

static int src_read(const struct elf_source *s, uint64_t off, void *buf,
		    size_t n)
{
	if (s->fd >= 0) {
		size_t got = 0;
		while (got < n) {
			long r = raw_pread(s->fd, (char *)buf + got, n - got,
					   (off_t)(off + got));
			if (r <= 0)
				return -1;
			got += (size_t)r;
		}
		return 0;
	}
	if (!s->image || off > s->image_size || n > s->image_size - off)
		return -1;
	memcpy(buf, s->image + off, n);
	return 0;
}

struct collector {
	uintptr_t *v;
	size_t n, cap;
	uintptr_t lo, hi;
	struct arena *arena;
};

static void add(struct collector *c, uintptr_t addr)
{
	if (addr < c->lo || addr >= c->hi)
		return;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		uintptr_t *v = arena_alloc(c->arena, cap * sizeof *v);
		if (!v)
			return;
		if (c->n)
			memcpy(v, c->v, c->n * sizeof *v);
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = addr;
}

/* Heap sort: no recursion, no allocation, bounded stack. */
static void sift(uintptr_t *v, size_t root, size_t n)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && v[child + 1] > v[child])
			child++;
		if (v[root] >= v[child])
			return;
		uintptr_t t = v[root];
		v[root] = v[child];
		v[child] = t;
		root = child;
	}
}

static size_t sort_unique(uintptr_t *v, size_t n)
{
	if (n < 2)
		return n;
	for (size_t i = n / 2; i-- > 0;)
		sift(v, i, n);
	for (size_t end = n - 1; end > 0; end--) {
		uintptr_t t = v[0];
		v[0] = v[end];
		v[end] = t;
		sift(v, 0, end);
	}
	size_t out = 1;
	for (size_t i = 1; i < n; i++)
		if (v[i] != v[out - 1])
			v[out++] = v[i];
	return out;
}

static void add_symbols(const struct elf_source *src, const Elf64_Shdr *sh,
			int64_t bias, struct collector *c, Elf64_Sym *chunk)
{
	if (sh->sh_entsize != sizeof(Elf64_Sym) || !sh->sh_size)
		return;
	size_t count = sh->sh_size / sizeof(Elf64_Sym);
	for (size_t i = 0; i < count;) {
		size_t n = count - i < SYM_CHUNK ? count - i : SYM_CHUNK;
		if (src_read(src, sh->sh_offset + i * sizeof(Elf64_Sym), chunk,
			     n * sizeof(Elf64_Sym)))
			return;
		for (size_t k = 0; k < n; k++) {
			int type = ELF64_ST_TYPE(chunk[k].st_info);
			if ((type == STT_FUNC || type == STT_GNU_IFUNC) &&
			    chunk[k].st_shndx != SHN_UNDEF && chunk[k].st_value)
				add(c, (uintptr_t)(chunk[k].st_value + bias));
		}
		i += n;
	}
}

/* .eh_frame_hdr: version, eh_frame_ptr encoding, fde_count encoding, table
 * encoding, then eh_frame_ptr, fde_count, and (initial_location, fde) pairs
 * sorted by location. Only the layout every GNU toolchain emits is read:
 * udata4 count and a datarel|sdata4 table; anything else adds nothing. */
static void add_eh_frame_starts(const struct elf_source *src,
				const Elf64_Phdr *ph, int64_t bias,
				struct collector *c, int32_t *chunk,
				struct code_map *out)
{
	uint8_t head[12];
	if (ph->p_filesz < sizeof head || src_read(src, ph->p_offset, head, 12))
		return;
	if (head[0] != 1 || head[2] != (DW_EH_PE_udata4) ||
	    head[3] != (DW_EH_PE_datarel | DW_EH_PE_sdata4) ||
	    (head[1] & 0x0f) != DW_EH_PE_sdata4)
		return;
	uint32_t count;
	memcpy(&count, head + 8, 4);
	if (count > (ph->p_filesz - 12) / 8)
		return;
	/* The FDEs too, for the gaps between functions (jump short hops):
	 * .eh_frame shares .eh_frame_hdr's segment, so a table entry's
	 * offset from the header is its offset in the file as well. */
	out->fde_start = arena_alloc(c->arena, count * sizeof *out->fde_start);
	out->fde_offset = arena_alloc(c->arena, count * sizeof *out->fde_offset);
	out->fde_length = arena_alloc(c->arena, count * sizeof *out->fde_length);
	int keep = out->fde_start && out->fde_offset && out->fde_length;
	for (uint32_t i = 0; i < count;) {
		uint32_t n = count - i < EH_CHUNK / 2 ? count - i : EH_CHUNK / 2;
		if (src_read(src, ph->p_offset + 12 + (uint64_t)i * 8, chunk,
			     n * 8))
			return;
		for (uint32_t k = 0; k < n; k++) {
			uintptr_t start = (uintptr_t)((int64_t)ph->p_vaddr +
						      chunk[2 * k] + bias);
			add(c, start);
			if (keep) {
				out->fde_start[i + k] = start;
				out->fde_offset[i + k] =
					(uint64_t)((int64_t)ph->p_offset +
						   chunk[2 * k + 1]);
				out->fde_length[i + k] = 0;
			}
		}
		i += n;
	}
	if (keep)
		out->nfde = count;
}

/* Size of a pointer of DWARF encoding enc, or 0 if not handled. */
static int encoded_size(uint8_t enc)
{
	switch (enc & 0x0f) {
	case 0x00: /* absptr */
	case 0x04: /* udata8 */
	case 0x0c: /* sdata8 */
		return 8;
	case 0x03: /* udata4 */
	case 0x0b: /* sdata4 */
		return 4;
	case 0x02: /* udata2 */
	case 0x0a: /* sdata2 */
		return 2;
	default:
		return 0;
	}
}

/* The 'R' pointer encoding of the CIE at off, or -1. */
static int cie_pointer_encoding(const struct elf_source *src, uint64_t off)
{
	uint8_t b[64];
	if (src_read(src, off, b, sizeof b))
		return -1;
	uint32_t len;
	memcpy(&len, b, 4);
	if (len == 0xffffffff || b[8] < 1 || b[8] > 4)
		return -1;
	const uint8_t *p = b + 9, *end = b + sizeof b;
	const char *aug = (const char *)p;
	while (p < end && *p)
		p++;
	if (p == end || aug[0] != 'z')
		return 0; /* no augmentation data: absptr */
	p++;
	for (int field = 0; field < 3; field++) { /* code, data align, RA */
		if (field == 2 && b[8] == 1) {
			p++;
			continue;
		}
		while (p < end && (*p & 0x80))
			p++;
		p++;
	}
	while (p < end && (*p & 0x80)) /* augmentation data length */
		p++;
	p++;
	for (const char *a = aug + 1; *a && p < end; a++) {
		if (*a == 'R')
			return *p;
		if (*a == 'L') {
			p++;
		} else if (*a == 'P') {
			int n = encoded_size(*p);
			if (!n)
				return -1;
			p += 1 + n;
		} else if (*a != 'S' && *a != 'B') {
			return -1;
		}
	}
	return -1;
}

/* The length of the function FDE i covers, or 0 if unreadable. */
static uint32_t fde_length(const struct code_map *m, long i)
{
	if (m->fde_length[i])
		return m->fde_length[i];
	uint8_t b[24];
	uint64_t off = m->fde_offset[i];
	if (src_read(m->src, off, b, sizeof b))
		return 0;
	uint32_t len, cie;
	memcpy(&len, b, 4);
	memcpy(&cie, b + 4, 4);
	if (len == 0xffffffff || !cie || cie > off + 4)
		return 0;
	static uint64_t cached_cie;
	static int cached_enc = -1;
	static const struct elf_source *cached_src;
	uint64_t cie_off = off + 4 - cie;
	if (cie_off != cached_cie || m->src != cached_src) {
		cached_enc = cie_pointer_encoding(m->src, cie_off);
		cached_cie = cie_off;
		cached_src = m->src;
	}
	int n = cached_enc < 0 ? 0 : encoded_size((uint8_t)cached_enc);
	if (!n)
		return 0;
	uint64_t range = 0;
	memcpy(&range, b + 8 + n, (size_t)n);
	if (range == 0 || range > 0xffffffffu)
		return 0;
	m->fde_length[i] = (uint32_t)range;
	return (uint32_t)range;
}

int code_map_gaps_near(const struct code_map *m, uintptr_t addr, uintptr_t lo,
		       uintptr_t hi, struct code_gap *out, int max)
{
	if (!m->nfde || !m->src)
		return 0;
	long a = 0, b = m->nfde; /* the last FDE starting <= addr */
	while (a < b) {
		long mid = (a + b) / 2;
		if (m->fde_start[mid] <= addr)
			a = mid + 1;
		else
			b = mid;
	}
	int found = 0;
	for (long i = a - 1; i >= 0 && i + 1 < m->nfde && found < max; i--) {
		if (m->fde_start[i + 1] <= lo)
			break;
		uint32_t len = fde_length(m, i);
		uintptr_t g_lo = m->fde_start[i] + len;
		if (len && g_lo < m->fde_start[i + 1] && g_lo < hi) {
			out[found].lo = g_lo;
			out[found].hi = m->fde_start[i + 1];
			found++;
		}
	}
	for (long i = a; i + 1 < m->nfde && found < max; i++) {
		if (m->fde_start[i] >= hi)
			break;
		uint32_t len = fde_length(m, i);
		uintptr_t g_lo = m->fde_start[i] + len;
		if (len && g_lo < m->fde_start[i + 1] && m->fde_start[i + 1] > lo &&
		    g_lo < hi) {
			out[found].lo = g_lo;
			out[found].hi = m->fde_start[i + 1];
			found++;
		}
	}
	return found;
}

int code_map_is_code(const struct code_map *m, uintptr_t addr, size_t len)
{
	if (!m->ncode)
		return 1;
	for (long i = 0; i < m->ncode; i++)
		if (addr >= m->code[2 * i] && addr + len <= m->code[2 * i + 1])
			return 1;
	return 0;
}

int elf_collect_code_map(const struct elf_source *src,
			 const struct elf_placement *where, uintptr_t lo,
			 uintptr_t hi, struct arena *arena,
			 struct code_map *out)
{
	out->bounds = 0;
	out->nbounds = 0;
	out->code = 0;
	out->ncode = 0;
	out->fde_start = 0;
	out->fde_offset = 0;
	out->fde_length = 0;
	out->nfde = 0;
	out->src = src;
	Elf64_Ehdr eh;
	if (src_read(src, 0, &eh, sizeof eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum > MAX_PHDRS)
		return -1;
	Elf64_Phdr *ph = arena_alloc(arena, MAX_PHDRS * sizeof *ph);
	Elf64_Shdr *sh = arena_alloc(arena, SH_CHUNK * sizeof *sh);
	Elf64_Sym *syms = arena_alloc(arena, SYM_CHUNK * sizeof *syms);
	int32_t *eh_chunk = arena_alloc(arena, EH_CHUNK * sizeof *eh_chunk);
	if (!ph || !sh || !syms || !eh_chunk)
		return -1;
	if (src_read(src, eh.e_phoff, ph, eh.e_phnum * sizeof(Elf64_Phdr)))
		return -1;

	/* The load bias: the segment holding map_offset is at map_start. */
	int64_t bias = 0;
	int placed = 0;
	for (int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		uint64_t seg_off = ph[i].p_offset & ~0xfffULL;
		if (where->map_offset >= seg_off &&
		    where->map_offset < ph[i].p_offset + ph[i].p_filesz) {
			uint64_t vaddr = where->map_offset - ph[i].p_offset +
					 ph[i].p_vaddr;
			bias = (int64_t)(where->map_start - vaddr);
			placed = 1;
			break;
		}
	}
	if (!placed)
		return -1;
	(void)lo;

	struct collector c = {0, 0, 0, lo, hi, arena};
	/* Section extents, as [lo, hi) pairs; clipped, so not via add(). */
	struct collector code = {0, 0, 0, 0, UINTPTR_MAX, arena};
	for (int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type == PT_GNU_EH_FRAME)
			add_eh_frame_starts(src, &ph[i], bias, &c, eh_chunk,
					    out);
		/* An executable segment starts with code (.init or .text). */
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_X))
			add(&c, (uintptr_t)(ph[i].p_vaddr + bias));
	}

	if (eh.e_shoff && eh.e_shentsize == sizeof(Elf64_Shdr) &&
	    eh.e_shnum && eh.e_shnum < 4096) {
		for (unsigned i = 0; i < eh.e_shnum;) {
			unsigned n = eh.e_shnum - i < SH_CHUNK ? eh.e_shnum - i
							       : SH_CHUNK;
			if (src_read(src, eh.e_shoff + i * sizeof(Elf64_Shdr),
				     sh, n * sizeof(Elf64_Shdr)))
				break;
			for (unsigned k = 0; k < n; k++) {
				if ((sh[k].sh_flags & SHF_EXECINSTR) &&
				    sh[k].sh_type == SHT_PROGBITS &&
				    (sh[k].sh_flags & SHF_ALLOC)) {
					uintptr_t a = (uintptr_t)(sh[k].sh_addr + bias);
					add(&c, a);
					add(&code, a);
					add(&code, a + sh[k].sh_size);
				}
				if (sh[k].sh_type == SHT_SYMTAB ||
				    sh[k].sh_type == SHT_DYNSYM)
					add_symbols(src, &sh[k], bias, &c, syms);
			}
			i += n;
		}
	}
	c.n = sort_unique(c.v, c.n);
	out->bounds = c.v;
	out->nbounds = (long)c.n;
	out->code = code.v;
	out->ncode = (long)(code.n / 2);
	return 0;
}
