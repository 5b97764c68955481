/* Memory for jump trampolines, within rel32 reach of the code that jumps to
 * it. A pool is mapped writable, filled, and sealed read+execute before any
 * site jumps to it; it is never made writable again, since threads may be
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
};

/* Maps a pool of at least size bytes that every address of [lo, hi) can
 * reach with a rel32 jump. Returns 0 or -ENOMEM. */
int jump_pool_open(struct jump_pool *p, uintptr_t lo, uintptr_t hi,
		   size_t size);

/* n bytes, 16-byte aligned, from the pool; NULL when full. */
uint8_t *jump_pool_take(struct jump_pool *p, size_t n);

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
