#include "systrap/core/code_patch.h"

#include <sys/mman.h>

#include "systrap/arch/decoder_arch.h"
#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/arena.h"
#include "systrap/core/maps.h"


/* Every jump written, with the bytes it replaced: what mremap needs to undo
 * it in moved code. */
struct jump_patch {
	uintptr_t at;       /* the displaced instruction; 0 = free slot */
	uint8_t len;
	uint8_t original[ARCH_MAX_MOVED * ARCH_MAX_INSN_LEN];
};
#define MAX_JUMP_PATCHES 16384
static struct jump_patch *jump_patches;
static size_t jump_patch_count;

static void remember_jump(uintptr_t at, size_t len, const uint8_t *original)
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
	for (size_t k = 0; k < len; k++)
		j->original[k] = original[k];
}

void code_patch_forget(uintptr_t lo, uintptr_t hi)
{
	size_t out = 0;
	for (size_t i = 0; i < jump_patch_count; i++)
		if (jump_patches[i].at < lo || jump_patches[i].at >= hi)
			jump_patches[out++] = jump_patches[i];
	jump_patch_count = out;
}

/* The protection of the mapping holding addr (mremap keeps the old one). */
static int protection_at(uintptr_t addr)
{
	struct maps m;
	int prot = PROT_READ | PROT_EXEC;
	if (maps_read(&m))
		return prot;
	for (size_t i = 0; i < m.count; i++)
		if (addr >= m.entries[i].start && addr < m.entries[i].end)
			prot = m.entries[i].prot;
	maps_free(&m);
	return prot;
}

void code_patch_unjump_moved(uintptr_t old_lo, size_t len, uintptr_t new_lo)
{
	int prot = -1;
	for (size_t i = 0; i < jump_patch_count; i++) {
		struct jump_patch *j = &jump_patches[i];
		if (j->at < old_lo || j->at + j->len > old_lo + len)
			continue;
		uintptr_t at = j->at - old_lo + new_lo;
		uintptr_t first = ARCH_PAGE_DOWN(at);
		uintptr_t last = ARCH_PAGE_UP(at + j->len);
		if (prot < 0)
			prot = protection_at(new_lo);
		if (!(prot & PROT_WRITE) &&
		    raw_mprotect((void *)first, last - first,
				 PROT_READ | PROT_WRITE))
			continue;
		for (size_t k = 0; k < j->len; k++)
			((volatile uint8_t *)at)[k] = j->original[k];
		if (!(prot & PROT_WRITE))
			raw_mprotect((void *)first, last - first, prot);
	}
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

int code_patch_apply(const struct planned_site *sites, size_t n, int prot,
		     const struct trap_encoding *t)
{
	if (!n)
		return 0;
	uintptr_t lo, hi;
	code_patch_extent(sites, n, &lo, &hi);
	uintptr_t first = ARCH_PAGE_DOWN(lo);
	uintptr_t last = ARCH_PAGE_UP(hi);
	int writable = (prot & PROT_WRITE) != 0;
	if (!writable) {
		/* Writable but never writable-and-executable. */
		long r = raw_mprotect((void *)first, last - first,
				      (prot & ~PROT_EXEC) | PROT_READ |
					      PROT_WRITE);
		if (r)
			return (int)r;
	}
	for (size_t i = 0; i < n; i++) {
		volatile uint8_t *p = (volatile uint8_t *)sites[i].site;
		uint8_t jump[ARCH_JMP_REL32_LEN];
		/* A prefixed syscall's prefixes: nops into the site's trap or
		 * hop (a covering window writes over them below). */
		for (volatile uint8_t *q = p - sites[i].prefix_len; q < p; q++)
			*q = ARCH_PREFIX_NOP;
		if (sites[i].hop_pad) {
			uint8_t hop[ARCH_SHORT_HOP_LEN];
			arch_write_short_hop(hop, sites[i].site, sites[i].hop_pad);
			arch_write_jump(jump, sites[i].hop_pad,
					sites[i].trampoline);
			/* Moved code gets the trap back, not the syscall. */
			remember_jump(sites[i].site, ARCH_SHORT_HOP_LEN, t->bytes);
			remember_jump(sites[i].hop_pad, ARCH_JMP_REL32_LEN,
				      (const uint8_t *)sites[i].hop_pad);
			volatile uint8_t *q = (volatile uint8_t *)sites[i].hop_pad;
			for (size_t k = 0; k < sizeof jump; k++)
				q[k] = jump[k];
			p[0] = hop[0];
			p[1] = hop[1];
			continue;
		}
		p[0] = t->bytes[0];
		p[1] = t->bytes[1];
		if (!sites[i].trampoline)
			continue;
		uintptr_t w = window_start(&sites[i]);
		size_t len = window_bytes(&sites[i]);
		arch_write_jump(jump, w, sites[i].trampoline);
		/* Moved code gets the window back, and the trap where a
		 * covering window took the site (written just above). */
		remember_jump(w, len, (const uint8_t *)w);
		volatile uint8_t *q = (volatile uint8_t *)w;
		for (size_t k = 0; k < len; k++)
			q[k] = k < sizeof jump ? jump[k] : ARCH_FILL_BYTE;
	}
	if (!writable)
		raw_mprotect((void *)first, last - first, prot);
	return 0;
}

