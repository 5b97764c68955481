#include "systrap/core/code_patch.h"

#include <errno.h>
#include <sys/mman.h>

#include "systrap/arch/decoder_arch.h"
#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/arena.h"
#include "systrap/core/maps.h"
#include "systrap/core/self_mem.h"


/* The longest run of bytes a jump replaces (a window of instructions and,
 * covering, the syscall's): plan_fits refuses longer. */
#define WINDOW_MAX ((ARCH_MAX_MOVED + 1) * ARCH_MAX_INSN_LEN)

/* Every jump written, with the bytes it replaced: what mremap needs to undo
 * it in moved code, and what code given back to the program puts back. A
 * prefixed syscall's prefixes, made nops, are recorded too, but put back
 * only with their site's trap (code_patch_restore_prefixes): before a trap
 * left in place, a prefix would move a ud2's pc off its site. */
struct jump_patch {
	uintptr_t at;       /* the displaced instruction; 0 = free slot */
	uint8_t len;
	uint8_t prefixes;   /* a prefixed syscall's prefixes */
	uint8_t original[WINDOW_MAX];
};
#define MAX_JUMP_PATCHES 16384
static struct jump_patch *jump_patches;
static size_t jump_patch_count;

static void remember(uintptr_t at, size_t len, const uint8_t *original,
		     int prefixes)
{
	if (!jump_patches) {
		jump_patches = pages_alloc(MAX_JUMP_PATCHES * sizeof *jump_patches);
		if (!jump_patches)
			return;
	}
	if (jump_patch_count == MAX_JUMP_PATCHES)
		return;
	struct jump_patch *j = &jump_patches[jump_patch_count++];
	j->at = at;
	j->len = (uint8_t)len;
	j->prefixes = (uint8_t)prefixes;
	for (size_t k = 0; k < len; k++)
		j->original[k] = original[k];
}

static void remember_jump(uintptr_t at, size_t len, const uint8_t *original)
{
	remember(at, len, original, 0);
}

void code_patch_forget(uintptr_t lo, uintptr_t hi)
{
	size_t out = 0;
	for (size_t i = 0; i < jump_patch_count; i++)
		if (jump_patches[i].at < lo || jump_patches[i].at >= hi)
			jump_patches[out++] = jump_patches[i];
	jump_patch_count = out;
}

/* The protection of the mapping holding addr in m (PROT_READ|PROT_EXEC
 * where m says nothing). */
static int protection_in(const struct maps *m, uintptr_t addr)
{
	int prot = PROT_READ | PROT_EXEC;
	for (size_t i = 0; i < m->count; i++)
		if (addr >= m->entries[i].start && addr < m->entries[i].end)
			prot = m->entries[i].prot;
	return prot;
}

static int protection_of(struct code_protections *p, uintptr_t addr)
{
	if (addr >= p->lo && addr < p->hi)
		return p->prot;
	if (!p->maps_state)
		p->maps_state = maps_read(&p->maps) ? -1 : 1;
	return p->maps_state > 0 ? protection_in(&p->maps, addr)
				 : PROT_READ | PROT_EXEC;
}

void code_protections_end(struct code_protections *p)
{
	if (p->maps_state > 0)
		maps_free(&p->maps);
	p->maps_state = 0;
}

void code_patch_put_back(struct code_protections *p, uintptr_t at,
			 const uint8_t *bytes, size_t n)
{
	uintptr_t first = ARCH_PAGE_DOWN(at), last = ARCH_PAGE_UP(at + n);
	int prot_first = protection_of(p, first);
	int prot_last = protection_of(p, last - ARCH_PAGE);
	int writable = (prot_first & PROT_WRITE) && (prot_last & PROT_WRITE);
	if (!writable && raw_mprotect((void *)first, last - first,
				      PROT_READ | PROT_WRITE))
		return;
	for (size_t k = 0; k < n; k++)
		((volatile uint8_t *)at)[k] = bytes[k];
	if (writable)
		return;
	raw_mprotect((void *)first, ARCH_PAGE, prot_first);
	if (last - first > ARCH_PAGE)
		raw_mprotect((void *)(first + ARCH_PAGE),
			     last - first - ARCH_PAGE, prot_last);
}

/* Puts back record i's bytes and drops it (the last record takes its
 * place). */
static void restore_record(struct code_protections *p, size_t i)
{
	struct jump_patch *j = &jump_patches[i];
	code_patch_put_back(p, j->at, j->original, j->len);
	jump_patches[i] = jump_patches[--jump_patch_count];
}

void code_patch_restore(struct code_protections *p)
{
	uintptr_t lo = p->lo, hi = p->hi;
	/* A site at the range's start may have its window just before it
	 * (the page before): that window goes too, or its jump would still
	 * run the old instruction and the old call. A neighbour's window
	 * put back leaves that site its trap. */
	uintptr_t from = lo > WINDOW_MAX ? lo - WINDOW_MAX : 0;
	for (size_t i = 0; i < jump_patch_count;) {
		const struct jump_patch *j = &jump_patches[i];
		if (!j->prefixes && j->at < hi && j->at + j->len > from)
			restore_record(p, i);
		else
			i++;
	}
}

void code_patch_restore_prefixes(struct code_protections *p, uintptr_t site)
{
	for (size_t i = 0; i < jump_patch_count;) {
		const struct jump_patch *j = &jump_patches[i];
		if (j->prefixes && j->at + j->len == site)
			restore_record(p, i);
		else
			i++;
	}
}

void code_patch_unjump_moved(uintptr_t old_lo, size_t len, uintptr_t new_lo)
{
	/* Nothing is known writable: the moved mapping keeps the old one's
	 * protection, read from the maps at the first write. */
	struct code_protections p = {0};
	for (size_t i = 0; i < jump_patch_count; i++) {
		const struct jump_patch *j = &jump_patches[i];
		if (j->prefixes || j->at < old_lo ||
		    j->at + j->len > old_lo + len)
			continue;
		code_patch_put_back(&p, j->at - old_lo + new_lo, j->original,
				    j->len);
	}
	code_protections_end(&p);
}

/* The lowest and highest address a plan writes. */
void code_patch_extent(const struct planned_site *sites, size_t n,
			   uintptr_t *lo, uintptr_t *hi)
{
	*lo = UINTPTR_MAX;
	*hi = 0;
	for (size_t i = 0; i < n; i++) {
		uintptr_t a = site_start(&sites[i]);
		uintptr_t b = sites[i].site + ARCH_SYSCALL_INSN_LEN;
		if (sites[i].trampoline && !sites[i].hop_pad)
			a = window_start(&sites[i]);
		if (sites[i].hop_pad) {
			if (sites[i].hop_pad < a)
				a = sites[i].hop_pad;
			if (sites[i].hop_pad + ARCH_JMP_REL32_LEN > b)
				b = sites[i].hop_pad + ARCH_JMP_REL32_LEN;
		}
		if (a < *lo)
			*lo = a;
		if (b > *hi)
			*hi = b;
	}
}

/* Where a patch's bytes go. Stores into the pages, made writable (not
 * executable) for the while: two mprotects, each a split and a merge of
 * the mapping and a TLB flush. Or, where no other thread can run the code
 * (alone: lazy instrumenting's single thread, every signal blocked), a
 * page's bytes gathered here and written through /proc/self/mem in one
 * write (self_mem.h). A write refused there falls back to stores from
 * that page on: the bytes are the same either way. */
struct code_writer {
	int through_mem;   /* self_mem_write, else stores */
	int made_writable; /* stores: the pages were made writable */
	int wrote;         /* some bytes went in already */
	uintptr_t first, last;
	int prot;
	uintptr_t page;    /* the page gathered in staged_code_page (0: none) */
	size_t lo, hi;     /* its bytes changed: [lo, hi) */
};
/* One page of code as it is to be (under the instrumenter's lock, which
 * alone requires: one thread). Aligned: one page of bss that every start
 * touches, not two. */
static uint8_t staged_code_page[ARCH_PAGE] __attribute__((aligned(ARCH_PAGE)));

static int writer_stores(struct code_writer *w)
{
	w->through_mem = 0;
	if (w->made_writable || (w->prot & PROT_WRITE))
		return 0;
	/* Writable but never writable-and-executable. */
	long r = raw_mprotect((void *)w->first, w->last - w->first,
			      (w->prot & ~PROT_EXEC) | PROT_READ | PROT_WRITE);
	if (r)
		return (int)r;
	w->made_writable = 1;
	return 0;
}

static void store(uintptr_t at, const uint8_t *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		((volatile uint8_t *)at)[k] = b[k];
}

/* n bytes at at by stores, the pages made writable first. */
static int put_by_stores(struct code_writer *w, uintptr_t at, const uint8_t *b,
			 size_t n)
{
	int r = writer_stores(w);
	if (!r) {
		store(at, b, n);
		w->wrote = 1;
	}
	return r;
}

/* The gathered page written out. */
static int writer_flush(struct code_writer *w)
{
	uintptr_t page = w->page;
	w->page = 0;
	if (!page || w->hi <= w->lo)
		return 0;
	size_t n = w->hi - w->lo;
	if (w->through_mem &&
	    !self_mem_write(page + w->lo, staged_code_page + w->lo, n)) {
		w->wrote = 1;
		return 0;
	}
	return put_by_stores(w, page + w->lo, staged_code_page + w->lo, n);
}

static int put(struct code_writer *w, uintptr_t at, const uint8_t *b,
	       size_t n)
{
	while (n && w->through_mem) {
		uintptr_t page = ARCH_PAGE_DOWN(at);
		if (page != w->page) {
			int r = writer_flush(w);
			if (r)
				return r;
			if (!w->through_mem)
				break;
			for (size_t k = 0; k < ARCH_PAGE; k++)
				staged_code_page[k] = ((const volatile uint8_t *)page)[k];
			w->page = page;
			w->lo = ARCH_PAGE;
			w->hi = 0;
		}
		size_t off = at - page, k = ARCH_PAGE - off < n ? ARCH_PAGE - off : n;
		for (size_t i = 0; i < k; i++)
			staged_code_page[off + i] = b[i];
		if (off < w->lo)
			w->lo = off;
		if (off + k > w->hi)
			w->hi = off + k;
		at += k;
		b += k;
		n -= k;
	}
	return n ? put_by_stores(w, at, b, n) : 0;
}

/* n bytes at at as the patch has them so far, into out. */
static void current(const struct code_writer *w, uintptr_t at, uint8_t *out,
		    size_t n)
{
	for (size_t k = 0; k < n; k++, at++)
		out[k] = w->page && ARCH_PAGE_DOWN(at) == w->page
				 ? staged_code_page[at - w->page]
				 : *(const volatile uint8_t *)at;
}

/* Whether write_sites can write every site of the plan (checked before
 * any byte goes in). */
static int plan_fits(const struct planned_site *sites, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sites[i].prefix_len > ARCH_MAX_INSN_LEN ||
		    (sites[i].trampoline && !sites[i].hop_pad &&
		     window_bytes(&sites[i]) > WINDOW_MAX))
			return 0;
	return 1;
}

static int write_sites(struct code_writer *w, const struct planned_site *sites,
		       size_t n, const struct trap_encoding *t)
{
	uint8_t nops[ARCH_MAX_INSN_LEN];
	for (size_t k = 0; k < sizeof nops; k++)
		nops[k] = ARCH_PREFIX_NOP;
	int r;
	for (size_t i = 0; i < n; i++) {
		uintptr_t p = sites[i].site;
		uint8_t jump[ARCH_JMP_REL32_LEN];
		/* A prefixed syscall's prefixes: nops into the site's trap or
		 * hop (a covering window writes over them below). */
		if (sites[i].prefix_len) {
			uint8_t was[ARCH_MAX_INSN_LEN];
			current(w, p - sites[i].prefix_len, was,
				sites[i].prefix_len);
			remember(p - sites[i].prefix_len, sites[i].prefix_len,
				 was, 1);
			if ((r = put(w, p - sites[i].prefix_len, nops,
				     sites[i].prefix_len)))
				return r;
		}
		if (sites[i].hop_pad) {
			uint8_t hop[ARCH_SHORT_HOP_LEN];
			arch_write_short_hop(hop, sites[i].site, sites[i].hop_pad);
			arch_write_jump(jump, sites[i].hop_pad,
					sites[i].trampoline);
			/* Moved code gets the trap back, not the syscall. */
			remember_jump(sites[i].site, ARCH_SHORT_HOP_LEN, t->bytes);
			uint8_t was[ARCH_JMP_REL32_LEN];
			current(w, sites[i].hop_pad, was, sizeof was);
			remember_jump(sites[i].hop_pad, sizeof was, was);
			if ((r = put(w, sites[i].hop_pad, jump, sizeof jump)) ||
			    (r = put(w, p, hop, sizeof hop)))
				return r;
			continue;
		}
		if ((r = put(w, p, t->bytes, ARCH_SYSCALL_INSN_LEN)))
			return r;
		if (!sites[i].trampoline)
			continue;
		uintptr_t ws = window_start(&sites[i]);
		size_t len = window_bytes(&sites[i]);
		uint8_t window[WINDOW_MAX];
		arch_write_jump(jump, ws, sites[i].trampoline);
		/* Moved code gets the window back, and the trap where a
		 * covering window took the site (written just above). */
		current(w, ws, window, len);
		remember_jump(ws, len, window);
		for (size_t k = 0; k < len; k++)
			window[k] = k < sizeof jump ? jump[k] : ARCH_FILL_BYTE;
		if ((r = put(w, ws, window, len)))
			return r;
	}
	return 0;
}

int code_patch_apply(const struct planned_site *sites, size_t n, int prot,
		     const struct trap_encoding *t, int alone)
{
	if (!n)
		return 0;
	uintptr_t lo, hi;
	code_patch_extent(sites, n, &lo, &hi);
	if (!plan_fits(sites, n))
		return -EINVAL;
	int through_mem = alone && self_mem_usable() && (prot & PROT_READ) &&
			  !(prot & PROT_WRITE);
	struct code_writer w = {through_mem, 0, 0, ARCH_PAGE_DOWN(lo),
				ARCH_PAGE_UP(hi), prot, 0, 0, 0};
	self_mem_begin();
	int r = w.through_mem ? 0 : writer_stores(&w);
	if (!r)
		r = write_sites(&w, sites, n, t);
	if (!r)
		r = writer_flush(&w);
	self_mem_end();
	if (w.made_writable)
		raw_mprotect((void *)w.first, w.last - w.first, prot);
	/* Failed after some bytes went in (/proc/self/mem refused a later
	 * page, then the mprotect of the stores' way failed too): the
	 * caller would drop every site's registration, and a trap written
	 * without one kills the program. Kept registered, a site left
	 * unwritten is still a plain syscall. */
	return w.wrote ? 0 : r;
}
