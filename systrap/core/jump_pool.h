/* Memory for jump trampolines, within rel32 reach of the code that jumps to
 * it. A pool is mapped writable, filled, and sealed read+execute before any
 * site jumps to it (or, alone, mapped read+execute and filled once through
 * /proc/self/mem); it is never made writable again, since threads may be
 * running its code. One pool per instrumented region, freed when the region's
 * code is unmapped. */
#ifndef SYSTRAP_CORE_JUMP_POOL_H
#define SYSTRAP_CORE_JUMP_POOL_H

#include <stddef.h>
#include <stdint.h>

struct jump_pool {
	uint8_t *base;
	size_t size, used;
	uintptr_t owner_lo, owner_hi; /* the code whose sites jump here */
	/* Where its bytes are written until it is sealed: base itself, or
	 * (alone, below) a page gathered here and written into the pool,
	 * read+execute from its start, through /proc/self/mem. */
	uint8_t *write;
	/* 1 + the index in the live pools of the pool this one is the
	 * unused tail of (alone, below); 0 for a pool of its own. */
	int tail_of;
};

/* Maps a pool of at least size bytes that every address of [lo, hi) can
 * reach with a rel32 jump. alone: no other thread runs (lazy
 * instrumenting's), so a pool of a page is mapped read+execute at once
 * and filled at its seal through /proc/self/mem: no mprotect (~23 us
 * against ~5 us a pool on a guest with shadow paging); and where a live
 * pool of the same code has that much left unused after its trampolines,
 * that tail is the pool, filled the same way: code patched a page at a
 * time takes no new mapping and no fresh page a page. Returns 0 or
 * -ENOMEM. */
int jump_pool_open(struct jump_pool *p, uintptr_t lo, uintptr_t hi,
		   size_t size, int alone);

/* n bytes, 16-byte aligned, from the pool, where they are written (see
 * jump_pool_address for where they will run); NULL when full. */
uint8_t *jump_pool_take(struct jump_pool *p, size_t n);

/* Where bytes taken at `at` run once the pool is sealed. */
static inline uintptr_t jump_pool_address(const struct jump_pool *p,
					  const uint8_t *at)
{
	return (uintptr_t)p->base + (uintptr_t)(at - p->write);
}

/* Makes the pool executable and keeps it on the list of live pools (or
 * unmaps it when it was left empty). Returns 0 or -errno. */
int jump_pool_seal(struct jump_pool *p);

/* The last n bytes taken were not all needed: only `kept` of them, from
 * at, stay taken (the next take starts after them). */
void jump_pool_untake(struct jump_pool *p, uint8_t *at, size_t n, size_t kept);

/* Unmaps the live pools whose owner lies inside [lo, hi), calling
 * forget(pool_lo, pool_hi) first for each (its trampolines' slow-exit traps
 * must leave the site registry before the addresses can be reused). Caller
 * holds the instrumenter lock. */
void jump_pool_release_range(uintptr_t lo, uintptr_t hi,
			     void (*forget)(uintptr_t lo, uintptr_t hi));

#endif
