#include "systrap/core/jump_pool.h"

#include <errno.h>
#include <sys/mman.h>

#include "systrap/arch/jump_patch.h"
#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/self_mem.h"

#define MAX_POOLS 1024
/* Candidate addresses are tried this far apart, on each side of the code. */
#define STEP (1UL << 20)
#define TRIES 512

static struct jump_pool live[MAX_POOLS];
static int live_count;

/* A pool of one page, alone, as it is to be (jump_pool.h). Aligned: one
 * page of bss that every start touches, not two. */
static uint8_t staged_pool_page[ARCH_PAGE] __attribute__((aligned(ARCH_PAGE)));

static void *map_at(uintptr_t hint, size_t size, int prot)
{
	long r = raw_syscall6(SYS_mmap, (long)hint, (long)size, prot,
			      MAP_PRIVATE | MAP_ANONYMOUS |
				      MAP_FIXED_NOREPLACE,
			      -1, 0);
	if (raw_is_error(r))
		return 0;
	if ((uintptr_t)r != hint) { /* a kernel without FIXED_NOREPLACE */
		raw_munmap((void *)r, size);
		return 0;
	}
	return (void *)r;
}

/* p as a new pool of size bytes at a, for the code [lo, hi): 0, or -1
 * when a is taken. */
static int pool_at(struct jump_pool *p, uintptr_t a, size_t size,
		   uintptr_t lo, uintptr_t hi, int staged)
{
	uint8_t *m = map_at(a, size,
			    staged ? PROT_READ | PROT_EXEC : PROT_READ | PROT_WRITE);
	if (!m)
		return -1;
	p->base = m;
	p->size = size;
	p->used = 0;
	p->owner_lo = lo;
	p->owner_hi = hi;
	p->write = staged ? staged_pool_page : m;
	p->tail_of = 0;
	return 0;
}

/* p as the unused tail of a live pool of the code [lo, hi) that has size
 * bytes free after its trampolines (lazy instrumenting commits a page of
 * code at a time, and each commit's trampolines took a page of their own,
 * mostly empty: a mapping and a fresh page each, ~30 us on a guest with
 * shadow paging). Its bytes are fill, never run, so they are written
 * through /proc/self/mem while other threads run the trampolines before
 * them. 0, or -1 when no pool has room. */
static int tail_of_live(struct jump_pool *p, uintptr_t lo, uintptr_t hi,
			size_t size)
{
	for (int i = 0; i < live_count; i++) {
		struct jump_pool *l = &live[i];
		size_t at = (l->used + 15) & ~15UL;
		/* size counts the builder's first take (8 bytes) and its
		 * trampolines, each from a 16-byte boundary: up to 15 more. */
		if (l->owner_lo != lo || l->owner_hi != hi || at >= l->size ||
		    l->size - at < size + 16)
			continue;
		p->base = l->base + at;
		p->size = l->size - at;
		p->used = 0;
		p->owner_lo = lo;
		p->owner_hi = hi;
		p->write = staged_pool_page;
		p->tail_of = i + 1;
		return 0;
	}
	return -1;
}

int jump_pool_open(struct jump_pool *p, uintptr_t lo, uintptr_t hi,
		   size_t size, int alone)
{
	size_t want = size;
	size = ARCH_PAGE_UP(size);
	int staged = alone && self_mem_usable() && size == sizeof staged_pool_page;
	lo = ARCH_PAGE_DOWN(lo);
	hi = ARCH_PAGE_UP(hi);
	if (staged && !tail_of_live(p, lo, hi, want))
		return 0;
	/* Code that already has a pool (instrumented a page at a time):
	 * just below the lowest of its pools, so that they make one mapping
	 * rather than one each, 1 MiB apart. */
	uintptr_t lowest = 0;
	for (int i = 0; i < live_count; i++)
		if (live[i].owner_lo == lo && live[i].owner_hi == hi &&
		    (!lowest || (uintptr_t)live[i].base < lowest))
			lowest = (uintptr_t)live[i].base;
	if (lowest > size && arch_in_jump_reach(lo, hi, lowest - size) &&
	    !pool_at(p, lowest - size, size, lo, hi, staged))
		return 0;
	/* Below the code first: the loader packs objects upwards from where
	 * the kernel's mmap area grows down, so space below is usually free. */
	for (unsigned long k = 0; k < TRIES; k++) {
		uintptr_t below = lo - size - k * STEP;
		uintptr_t above = hi + k * STEP;
		uintptr_t tries[2] = {below, above};
		for (int t = 0; t < 2; t++) {
			uintptr_t a = tries[t];
			if (a < 0x10000 || a + size < a ||
			    !arch_in_jump_reach(lo, hi, a) ||
			    !arch_in_jump_reach(lo, hi, a + size))
				continue;
			if (!pool_at(p, a, size, lo, hi, staged))
				return 0;
		}
	}
	p->base = 0;
	return -ENOMEM;
}

uint8_t *jump_pool_take(struct jump_pool *p, size_t n)
{
	size_t at = (p->used + 15) & ~15UL;
	if (!p->base || at + n > p->size)
		return 0;
	/* The gap left by alignment is never executed: fill it anyway. */
	for (size_t i = p->used; i < at; i++)
		p->write[i] = ARCH_FILL_BYTE;
	p->used = at + n;
	return p->write + at;
}

void jump_pool_untake(struct jump_pool *p, uint8_t *at, size_t n, size_t kept)
{
	if (kept <= n && at + n == p->write + p->used)
		p->used = (size_t)(at - p->write) + kept;
}

/* A staged pool's bytes into it: through /proc/self/mem, or where that
 * is refused, made writable for the copy. 0 or -errno. */
static int fill_staged(struct jump_pool *p)
{
	self_mem_begin();
	int w = self_mem_write((uintptr_t)p->base, p->write, p->size);
	self_mem_end();
	if (!w)
		return 0;
	long r = raw_mprotect(p->base, p->size, PROT_READ | PROT_WRITE);
	if (r)
		return (int)r;
	for (size_t i = 0; i < p->size; i++)
		p->base[i] = p->write[i];
	return (int)raw_mprotect(p->base, p->size, PROT_READ | PROT_EXEC);
}

/* A live pool's tail (tail_of_live) sealed: its new trampolines written
 * after the old ones, and counted in the live pool. */
static int seal_tail(struct jump_pool *p)
{
	struct jump_pool *l = &live[p->tail_of - 1];
	int r = 0;
	if (p->used) {
		self_mem_begin();
		r = self_mem_write((uintptr_t)p->base, p->write, p->used);
		self_mem_end();
		if (!r)
			l->used = (size_t)(p->base - l->base) + p->used;
	}
	p->write = p->base;
	if (r)
		p->base = 0;
	return r ? -EIO : 0;
}

int jump_pool_seal(struct jump_pool *p)
{
	if (p->tail_of)
		return seal_tail(p);
	if (!p->used || live_count == MAX_POOLS) {
		raw_munmap(p->base, p->size);
		p->base = 0;
		return p->used ? -ENOSPC : 0;
	}
	/* The pool was sized for the largest trampoline each site could need
	 * and most need far less: the pages left untouched are given back
	 * rather than filled (each a fresh page a process would fault in,
	 * at every start), the used part's tail filled. */
	size_t keep = ARCH_PAGE_UP(p->used);
	if (keep < p->size && !raw_munmap(p->base + keep, p->size - keep))
		p->size = keep;
	for (size_t i = p->used; i < p->size; i++)
		p->write[i] = ARCH_FILL_BYTE;
	long r = p->write != p->base
			 ? fill_staged(p)
			 : raw_mprotect(p->base, p->size, PROT_READ | PROT_EXEC);
	p->write = p->base;
	if (r) {
		raw_munmap(p->base, p->size);
		p->base = 0;
		return (int)r;
	}
	live[live_count] = *p;
	__atomic_store_n(&live_count, live_count + 1, __ATOMIC_RELEASE);
	return 0;
}

void jump_pool_release_range(uintptr_t lo, uintptr_t hi,
			     void (*forget)(uintptr_t lo, uintptr_t hi))
{
	int out = 0;
	for (int i = 0; i < live_count; i++) {
		if (live[i].owner_lo >= lo && live[i].owner_hi <= hi) {
			uintptr_t base = (uintptr_t)live[i].base;
			if (forget)
				forget(base, base + live[i].size);
			raw_munmap(live[i].base, live[i].size);
			continue;
		}
		live[out++] = live[i];
	}
	live_count = out;
}
