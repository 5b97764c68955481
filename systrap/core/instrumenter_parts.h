/* instrumenter_parts: what the files of the instrumenter share (internal
 * to //systrap/core:instrumenter; instrumenter.h is its face).
 *
 *   instrumenter.c        settings, the lock, an analysis run and committed
 *                         (registry, patch), forgetting and moving code
 *   object_table.c        the objects whose code holds sites
 *   site_finder.c         the sites among a region's candidates
 *   jump_planner.c        how each site will jump (window, short hop)
 *   trampoline_builder.c  the trampolines, in pools near the code
 *   analysis_cache.c      an analysis from the site cache and back
 *   parallel_startup.c    start-up's regions, the largest on two threads
 *   lazy_instrument.c     code patched a page at a time, on first use
 */
#ifndef SYSTRAP_CORE_INSTRUMENTER_PARTS_H
#define SYSTRAP_CORE_INSTRUMENTER_PARTS_H

#include <stddef.h>
#include <stdint.h>

#include "systrap/core/arena.h"
#include "systrap/core/code_patch.h"
#include "systrap/core/elf_boundaries.h"
#include "systrap/core/instrumenter.h"
#include "systrap/core/jump_pool.h"
#include "systrap/core/site_cache.h"

/* The analysis of a region (or of the candidates in [cand_lo, cand_hi)
 * of it): where its sites are and, with jumps, how each will jump. It
 * writes no global state, so threads may analyse at once, each on a
 * decoder lane of its own. */
struct analysis {
	const struct code_region *r;
	uintptr_t cand_lo, cand_hi;
	int lane;
	struct arena scratch;
	struct code_map map;
	struct planned_site *sites;
	size_t n;
	struct instrument_result res;
	unsigned long decoded;
	int failed; /* out of memory */
};

/* instrumenter.c */
int instrumenter_uses_jumps(void);
void analysis_init(struct analysis *a, const struct code_region *r, int lane);
/* The whole analysis of a's candidates: sites, then (with jumps) how each
 * will jump. */
void analysis_run(struct analysis *a);
/* Patches what a found; stores the result in the cache when `store`.
 * Caller holds the instrumenter lock. */
int analysis_commit(struct analysis *a, const struct site_cache_key *key,
		    int store);

/* object_table.c: the id of (path, base), added if new; 0 when full. */
uint32_t object_table_id(const char *path, uintptr_t base);

/* site_finder.c */
int site_is_candidate(const uint8_t *p);
/* The greatest of the sorted boundaries b[0..n) <= addr, or 0. */
uintptr_t code_boundary_before(const uintptr_t *b, long n, uintptr_t addr);
void analysis_find_sites(struct analysis *a);

/* jump_planner.c */
void analysis_decide_jumps(struct analysis *a);

/* trampoline_builder.c: trampolines for sites[0..n) in `pool`; returns
 * how many got one, *hops how many of them through a short hop. */
size_t trampolines_build(struct planned_site *sites, size_t n,
			 const struct code_region *r, uint32_t object,
			 struct jump_pool *pool, unsigned long *hops);
/* Whether a thread of a process we attached to resumes inside [lo, hi). */
int instrumenter_resumes_inside(uintptr_t lo, uintptr_t hi);

/* analysis_cache.c */
int analysis_cache_key(const struct code_region *r, struct site_cache_key *key);
int analysis_from_cache(struct analysis *a, const struct site_cache_key *key);
void analysis_store_in_cache(const struct code_region *r,
			     const struct site_cache_key *key,
			     const struct planned_site *sites, size_t n,
			     const struct instrument_result *res,
			     struct arena *scratch);

#endif
