#include "systrap/core/elf_boundaries.h"

#include <elf.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "systrap/arch/page.h"
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

/* A map_whole source's file, mapped whole at its first read, so that its
 * tables are read with memcpy instead of ~1,400 preads. Pages past the end
 * of the file would raise SIGBUS, so the image stops at its size. Two
 * threads may read one source (the helper's part of the largest region):
 * one mapping is kept, the other given back. Left a pread source when the
 * mapping fails. */
static void map_whole(const struct elf_source *cs)
{
	struct elf_source *s = (struct elf_source *)cs;
	struct stat st;
	long p = -1;
	if (!raw_syscall2(SYS_fstat, s->fd, (long)&st) && st.st_size > 0)
		p = raw_syscall6(SYS_mmap, 0, st.st_size, PROT_READ,
				 MAP_PRIVATE, s->fd, 0);
	if (p == -1 || raw_is_error(p)) {
		__atomic_store_n(&s->map_whole, 0, __ATOMIC_RELAXED);
		return;
	}
	__atomic_store_n(&s->image_size, (size_t)st.st_size, __ATOMIC_RELAXED);
	const uint8_t *none = 0;
	if (!__atomic_compare_exchange_n(&s->image, &none, (const uint8_t *)p, 0,
					 __ATOMIC_RELEASE, __ATOMIC_ACQUIRE))
		raw_syscall2(SYS_munmap, p, st.st_size);
}

static int src_read(const struct elf_source *s, uint64_t off, void *buf,
		    size_t n)
{
	if (__atomic_load_n(&s->map_whole, __ATOMIC_RELAXED) &&
	    !__atomic_load_n(&s->image, __ATOMIC_ACQUIRE) && s->fd >= 0)
		map_whole(s);
	const uint8_t *image = __atomic_load_n(&s->image, __ATOMIC_ACQUIRE);
	if (image) {
		size_t size = __atomic_load_n(&s->image_size, __ATOMIC_RELAXED);
		if (off > size || n > size - off)
			return -1;
		memcpy(buf, image + off, n);
		return 0;
	}
	if (s->fd < 0)
		return -1;
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

/* Sorted by a radix sort on the offset from lo, a byte a pass, as many
 * passes as hi - lo needs (three for a libc): libc gives ~20,000
 * boundaries, and the heap sort alone was a tenth of start-up. Falls back
 * to the heap sort when the arena has no room for the copy. */
static void radix_sort(uintptr_t *v, size_t n, uintptr_t lo, uintptr_t hi,
		       struct arena *arena)
{
	uintptr_t *tmp = arena_alloc(arena, n * sizeof *tmp);
	size_t *count = arena_alloc(arena, 256 * sizeof *count);
	if (!tmp || !count) {
		for (size_t i = n / 2; i-- > 0;)
			sift(v, i, n);
		for (size_t end = n - 1; end > 0; end--) {
			uintptr_t t = v[0];
			v[0] = v[end];
			v[end] = t;
			sift(v, 0, end);
		}
		return;
	}
	uintptr_t *from = v, *to = tmp;
	for (unsigned shift = 0; shift < 64 && ((hi - lo - 1) >> shift); shift += 8) {
		memset(count, 0, 256 * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[((from[i] - lo) >> shift) & 0xff]++;
		size_t at = 0;
		for (int d = 0; d < 256; d++) {
			size_t c = count[d];
			count[d] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[((from[i] - lo) >> shift) & 0xff]++] = from[i];
		uintptr_t *t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * sizeof *v);
}

/* Every value is in [lo, hi) (add() keeps only those). */
static size_t sort_unique(uintptr_t *v, size_t n, uintptr_t lo, uintptr_t hi,
			  struct arena *arena)
{
	if (n < 2)
		return n;
	radix_sort(v, n, lo, hi, arena);
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

struct cie_facts {
	int encoding;        /* 'R' pointer encoding, -1 when unusable */
	int has_augmentation_data; /* 'z': FDEs carry augmentation data */
	unsigned code_align; /* DW_CFA_advance_loc's unit */
	int lsda_encoding;   /* 'L': the FDEs' LSDA pointer encoding; -1 none */
};

static const uint8_t *skip_uleb(const uint8_t *p, const uint8_t *end)
{
	while (p < end && (*p & 0x80))
		p++;
	return p < end ? p + 1 : end;
}

/* p advanced by n bytes, or end when fewer are left (a length read from a
 * damaged table may be anything: p + n must never wrap). */
static const uint8_t *skip_bytes(const uint8_t *p, const uint8_t *end,
				 uint64_t n)
{
	return n > (uint64_t)(end - p) ? end : p + n;
}

static uint64_t read_uleb(const uint8_t **pp, const uint8_t *end)
{
	uint64_t v = 0;
	int shift = 0;
	const uint8_t *p = *pp;
	while (p < end) {
		uint8_t b = *p++;
		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80))
			break;
	}
	*pp = p;
	return v;
}

/* What FDEs need from the CIE at off. */
static struct cie_facts read_cie(const struct elf_source *src, uint64_t off)
{
	struct cie_facts f = {-1, 0, 1, -1};
	uint8_t b[64];
	if (src_read(src, off, b, sizeof b))
		return f;
	uint32_t len;
	memcpy(&len, b, 4);
	if (len == 0xffffffff || b[8] < 1 || b[8] > 4)
		return f;
	const uint8_t *p = b + 9, *end = b + sizeof b;
	const char *aug = (const char *)p;
	while (p < end && *p)
		p++;
	if (p == end)
		return f;
	p++;
	const uint8_t *q = p;
	f.code_align = (unsigned)read_uleb(&q, end);
	p = skip_uleb(q, end);            /* data alignment */
	p = b[8] == 1 ? p + 1 : skip_uleb(p, end); /* return register */
	if (aug[0] != 'z') {
		f.encoding = 0; /* absptr */
		return f;
	}
	f.has_augmentation_data = 1;
	p = skip_uleb(p, end); /* augmentation data length */
	int encoding = 0; /* absptr unless 'R' says otherwise */
	for (const char *a = aug + 1; *a; a++) {
		if (p >= end)
			return f;
		if (*a == 'R') {
			encoding = *p++;
		} else if (*a == 'L') {
			f.lsda_encoding = *p++;
		} else if (*a == 'P') {
			int n = encoded_size(*p);
			if (!n)
				return f;
			p += 1 + n;
		} else if (*a != 'S' && *a != 'B') {
			return f;
		}
	}
	/* The LSDA pointer precedes nothing we read, so an 'L' after
	 * another letter needs no more than its encoding. */
	f.encoding = encoding;
	return f;
}

/* The last CIE read is remembered in the map (every FDE of an object
 * usually names the same one); per map, so threads working on maps of
 * their own never share it. */
static struct cie_facts cie_of(const struct code_map *m, uint64_t cie_off)
{
	struct cfi_locations *c = m->cfi;
	if (!c)
		return read_cie(m->src, cie_off);
	if (!c->cie_known || c->cie_off != cie_off) {
		struct cie_facts f = read_cie(m->src, cie_off);
		c->cie_encoding = f.encoding;
		c->cie_has_augmentation_data = f.has_augmentation_data;
		c->cie_code_align = f.code_align;
		c->cie_lsda_encoding = f.lsda_encoding;
		c->cie_off = cie_off;
		c->cie_known = 1;
	}
	struct cie_facts f = {c->cie_encoding, c->cie_has_augmentation_data,
			      c->cie_code_align, c->cie_lsda_encoding};
	return f;
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
	struct cie_facts cf = cie_of(m, off + 4 - cie);
	int n = cf.encoding < 0 ? 0 : encoded_size((uint8_t)cf.encoding);
	if (!n)
		return 0;
	uint64_t range = 0;
	memcpy(&range, b + 8 + n, (size_t)n);
	if (range == 0 || range > 0xffffffffu)
		return 0;
	m->fde_length[i] = (uint32_t)range;
	return (uint32_t)range;
}

/* How many FDEs start at or before addr (the last of them is index - 1). */
static long fdes_up_to(const struct code_map *m, uintptr_t addr)
{
	long a = 0, b = m->nfde;
	while (a < b) {
		long mid = (a + b) / 2;
		if (m->fde_start[mid] <= addr)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

/* The FDE holding addr, or -1. */
static long fde_holding(const struct code_map *m, uintptr_t addr)
{
	long a = fdes_up_to(m, addr);
	if (!a)
		return -1;
	uint32_t len = fde_length(m, a - 1);
	return len && addr < m->fde_start[a - 1] + len ? a - 1 : -1;
}

/* In an object of Go's linker: the FUNC symbol holding addr, read from
 * .symtab a few symbols at a time (a small buffer: this may run on a
 * 16 KiB stack). Returns 0, or -1. */
static int go_function_of(const struct code_map *m, uintptr_t addr,
			  uintptr_t *lo, uintptr_t *hi)
{
	if (!m->go_symtab_size || !m->src)
		return -1;
	Elf64_Sym chunk[16];
	size_t count = m->go_symtab_size / sizeof(Elf64_Sym);
	for (size_t i = 0; i < count;) {
		size_t n = count - i < 16 ? count - i : 16;
		if (src_read(m->src, m->go_symtab_offset + i * sizeof(Elf64_Sym),
			     chunk, n * sizeof(Elf64_Sym)))
			return -1;
		for (size_t k = 0; k < n; k++) {
			uintptr_t start = (uintptr_t)(chunk[k].st_value + m->go_bias);
			if (ELF64_ST_TYPE(chunk[k].st_info) == STT_FUNC &&
			    chunk[k].st_shndx != SHN_UNDEF && chunk[k].st_size &&
			    addr >= start && addr - start < chunk[k].st_size) {
				*lo = start;
				*hi = start + chunk[k].st_size;
				return 0;
			}
		}
		i += n;
	}
	return -1;
}

int code_map_function_of(const struct code_map *m, uintptr_t addr,
			 uintptr_t *lo, uintptr_t *hi)
{
	if (!m->nfde || !m->src)
		return go_function_of(m, addr, lo, hi);
	long i = fde_holding(m, addr);
	if (i < 0)
		return go_function_of(m, addr, lo, hi);
	*lo = m->fde_start[i];
	*hi = m->fde_start[i] + fde_length(m, i);
	return 0;
}

/* A value of DWARF encoding enc (its format bits only: uleb128 or fixed
 * size) at *pp, moved past. Returns 0, or -1 if it is not one of those or
 * runs past end. */
static int read_encoded(const uint8_t **pp, const uint8_t *end, uint8_t enc,
			int64_t *out)
{
	const uint8_t *p = *pp;
	if ((enc & 0x0f) == 0x01) { /* uleb128 */
		if (p >= end)
			return -1;
		*out = (int64_t)read_uleb(&p, end);
		*pp = p;
		return 0;
	}
	int n = encoded_size(enc);
	if (!n || p + n > end)
		return -1;
	uint64_t v = 0;
	for (int k = 0; k < n; k++)
		v |= (uint64_t)p[k] << (8 * k);
	if ((enc & 0x08) && n < 8 && (v >> (8 * n - 1)) & 1) /* signed */
		v |= ~0ULL << (8 * n);
	*out = (int64_t)v;
	*pp = p + n;
	return 0;
}

/* On the stack (this may run on a 16 KiB thread): a larger call-site
 * table is "cannot tell". */
#define LSDA_BUF 512

int code_map_landing_pads(const struct code_map *m, uintptr_t addr,
			  uintptr_t *out, int max)
{
	uintptr_t lo, hi;
	long i = m->nfde && m->src ? fde_holding(m, addr) : -1;
	if (i < 0)
		return go_function_of(m, addr, &lo, &hi) ? -1 : 0;
	uint64_t off = m->fde_offset[i];
	uint8_t b[64];
	size_t have = sizeof b;
	if (src_read(m->src, off, b, have) && src_read(m->src, off, b, have = 24))
		return -1;
	uint32_t len, cie;
	memcpy(&len, b, 4);
	memcpy(&cie, b + 4, 4);
	if (len == 0xffffffff || !cie || cie > off + 4)
		return -1;
	struct cie_facts cf = cie_of(m, off + 4 - cie);
	if (cf.lsda_encoding < 0 || cf.lsda_encoding == 0xff)
		return 0; /* no LSDA: no landing pads */
	int n = cf.encoding < 0 ? 0 : encoded_size((uint8_t)cf.encoding);
	if (!n || !cf.has_augmentation_data)
		return -1;
	const uint8_t *p = b + 8 + 2 * n, *end = b + have;
	if (have > (size_t)len + 4)
		end = b + len + 4;
	read_uleb(&p, end); /* augmentation data length */
	const uint8_t *field = p;
	int64_t v;
	if (read_encoded(&p, end, (uint8_t)cf.lsda_encoding, &v))
		return -1;
	if (!v)
		return 0;
	/* Only pc-relative pointers (what position-independent code uses):
	 * .eh_frame and .gcc_except_table lie in one segment, so the
	 * distance in the file is the distance in memory. */
	if ((cf.lsda_encoding & 0x70) != 0x10)
		return -1;
	uint64_t lsda = off + (uint64_t)(field - b) + (uint64_t)v;
	uint8_t t[LSDA_BUF];
	size_t got = LSDA_BUF;
	while (got >= 16 && src_read(m->src, lsda, t, got))
		got /= 2;
	if (got < 16)
		return -1;
	const uint8_t *q = t, *tend = t + got;
	/* Landing pads are relative to LPStart, the function's start unless
	 * the LSDA names another. */
	if (*q++ != 0xff)
		return -1;
	if (*q++ != 0xff) /* type table: its offset, not needed */
		read_uleb(&q, tend);
	if (q >= tend)
		return -1;
	uint8_t cs_enc = *q++;
	uint64_t cs_len = read_uleb(&q, tend);
	if (cs_len > (uint64_t)(tend - q))
		return -1; /* larger than read: not known */
	const uint8_t *cs_end = q + cs_len;
	int count = 0;
	while (q < cs_end) {
		int64_t start, length, pad;
		if (read_encoded(&q, cs_end, cs_enc, &start) ||
		    read_encoded(&q, cs_end, cs_enc, &length) ||
		    read_encoded(&q, cs_end, cs_enc, &pad))
			return -1;
		read_uleb(&q, cs_end); /* action */
		if (!pad)
			continue;
		if (count == max)
			return -1;
		out[count++] = m->fde_start[i] + (uintptr_t)pad;
	}
	return count;
}

/* Runs FDE i's call frame program, keeping every location it advances to:
 * each is an instruction boundary the compiler marked (after a push, a
 * pop, a return in the middle of the function...). */
static void read_cfi_locations(const struct code_map *m, long i)
{
	struct cfi_locations *c = m->cfi;
	c->fde = i;
	c->n = 0;
	uint64_t off = m->fde_offset[i];
	uint32_t len, cie;
	uint8_t head[8];
	if (src_read(m->src, off, head, 8))
		return;
	memcpy(&len, head, 4);
	memcpy(&cie, head + 4, 4);
	if (len == 0xffffffff || len < 8 || len > CFI_BUF)
		return;
	if (src_read(m->src, off + 4, c->buf, len))
		return;
	struct cie_facts cf = cie_of(m, off + 4 - cie);
	int n = cf.encoding < 0 ? 0 : encoded_size((uint8_t)cf.encoding);
	if (!n)
		return;
	const uint8_t *p = c->buf + 4 + 2 * n, *end = c->buf + len;
	if (cf.has_augmentation_data) {
		uint64_t skip = read_uleb(&p, end);
		p = skip_bytes(p, end, skip);
	}
	uintptr_t loc = m->fde_start[i];
	while (p < end && c->n < CFI_MAX) {
		uint8_t op = *p++;
		uint64_t delta = 0;
		switch (op >> 6) {
		case 1: /* advance_loc */
			delta = op & 0x3f;
			break;
		case 2: /* offset: reg, uleb */
			p = skip_uleb(p, end);
			continue;
		case 3: /* restore */
			continue;
		}
		/* advance_loc1, 2, 4: their operand must be there. */
		if (op >= 0x02 && op <= 0x04 &&
		    end - p < (op == 0x02 ? 1 : op == 0x03 ? 2 : 4))
			return;
		switch (op) {
		case 0x00: case 0x0a: case 0x0b: /* nop, remember, restore */
			break;
		case 0x02: delta = p[0]; p += 1; break;
		case 0x03: delta = (uint64_t)p[0] | (uint64_t)p[1] << 8; p += 2; break;
		case 0x04: {
			uint32_t d;
			memcpy(&d, p, 4);
			delta = d;
			p += 4;
			break;
		}
		case 0x06: case 0x07: case 0x08: case 0x0d: case 0x0e:
		case 0x13: case 0x2e:
			p = skip_uleb(p, end);
			break;
		case 0x05: case 0x09: case 0x0c: case 0x11: case 0x12:
		case 0x14: case 0x15: case 0x2f:
			p = skip_uleb(skip_uleb(p, end), end);
			break;
		case 0x0f: { /* def_cfa_expression: block */
			uint64_t l = read_uleb(&p, end);
			p = skip_bytes(p, end, l);
			break;
		}
		case 0x10: case 0x16: { /* reg, block */
			p = skip_uleb(p, end);
			if (p > end)
				return;
			uint64_t l = read_uleb(&p, end);
			p = skip_bytes(p, end, l);
			break;
		}
		default:
			if (op >> 6 != 1)
				return; /* set_loc or unknown: stop here */
		}
		if (delta) {
			loc += delta * cf.code_align;
			c->loc[c->n++] = loc;
		}
	}
}

uintptr_t code_map_cfi_boundary_before(const struct code_map *m,
				       uintptr_t addr)
{
	if (!m->cfi || !m->nfde || !m->src)
		return 0;
	long i = fde_holding(m, addr);
	if (i < 0)
		return 0;
	if (m->cfi->fde != i)
		read_cfi_locations(m, i);
	uintptr_t best = 0;
	for (int k = 0; k < m->cfi->n && m->cfi->loc[k] <= addr; k++)
		best = m->cfi->loc[k];
	return best;
}

int code_map_gaps_near(const struct code_map *m, uintptr_t addr, uintptr_t lo,
		       uintptr_t hi, struct code_gap *out, int max)
{
	if (!m->nfde || !m->src)
		return 0;
	long a = fdes_up_to(m, addr);
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
	out->go_symtab_offset = out->go_symtab_size = 0;
	out->go_bias = 0;
	out->cfi = arena_alloc(arena, sizeof *out->cfi);
	if (out->cfi) {
		out->cfi->fde = -1;
		out->cfi->cie_known = 0;
	}
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
		uint64_t seg_off = ARCH_PAGE_DOWN(ph[i].p_offset);
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
		/* Section names, to tell Go's linker's objects (.gopclntab). */
		Elf64_Shdr names;
		int have_names =
			eh.e_shstrndx && eh.e_shstrndx < eh.e_shnum &&
			!src_read(src, eh.e_shoff + eh.e_shstrndx * sizeof names,
				  &names, sizeof names);
		int is_go = 0;
		uint64_t symtab_off = 0, symtab_size = 0;
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
				if (sh[k].sh_type == SHT_SYMTAB &&
				    sh[k].sh_entsize == sizeof(Elf64_Sym)) {
					symtab_off = sh[k].sh_offset;
					symtab_size = sh[k].sh_size;
				}
				char name[11];
				if (have_names && sh[k].sh_name < names.sh_size &&
				    names.sh_size - sh[k].sh_name >= sizeof name &&
				    !src_read(src, names.sh_offset + sh[k].sh_name,
					      name, sizeof name) &&
				    !memcmp(name, ".gopclntab", sizeof name))
					is_go = 1;
			}
			i += n;
		}
		if (is_go) {
			out->go_symtab_offset = symtab_off;
			out->go_symtab_size = symtab_size;
			out->go_bias = bias;
		}
	}
	c.n = sort_unique(c.v, c.n, lo, hi, arena);
	out->bounds = c.v;
	out->nbounds = (long)c.n;
	out->code = code.v;
	out->ncode = (long)(code.n / 2);
	return 0;
}
