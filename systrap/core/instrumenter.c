/* instrumenter: finds a region's syscall sites, plans and builds their
 * jumps and patches them in; its parts are named in instrumenter_parts.h.
 * This file holds the settings, the lock, an analysis run and committed
 * (registry, patch, totals), and code unmapped or moved. */
#include "systrap/core/instrumenter_parts.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "systrap/arch/decoder_arch.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/scratch_tls.h"
#include "systrap/arch/spin.h"
#include "systrap/core/arena.h"
#include "systrap/core/code_patch.h"
#include "systrap/core/decoder.h"
#include "systrap/core/fast_dispatch.h"
#include "systrap/core/jump_pool.h"
#include "systrap/core/maps.h"
#include "systrap/core/self_mem.h"
#include "systrap/core/site_cache.h"
#include "systrap/core/site_registry.h"

static const struct trap_encoding *trap;
static int use_jumps;
static int debug_sites;
static int lock_word;
static struct instrument_result totals;
static unsigned long region_count;

/* Ranges that hold sites, so that munmap of ordinary memory (malloc's) costs
 * nothing: only unmapping instrumented code touches the registry. */
#define MAX_RANGES 1024
static struct {
	uintptr_t lo, hi;
} ranges[MAX_RANGES];
static int range_count;

static void note_range(uintptr_t lo, uintptr_t hi)
{
	for (int i = 0; i < range_count; i++)
		if (ranges[i].lo == lo && ranges[i].hi == hi)
			return;
	if (range_count < MAX_RANGES) {
		ranges[range_count].lo = lo;
		ranges[range_count].hi = hi;
		range_count++;
	} else { /* merge into the last: coarser, never wrong */
		if (lo < ranges[MAX_RANGES - 1].lo)
			ranges[MAX_RANGES - 1].lo = lo;
		if (hi > ranges[MAX_RANGES - 1].hi)
			ranges[MAX_RANGES - 1].hi = hi;
	}
}

static int overlaps_range(uintptr_t lo, uintptr_t hi)
{
	for (int i = 0; i < __atomic_load_n(&range_count, __ATOMIC_ACQUIRE); i++)
		if (lo < ranges[i].hi && ranges[i].lo < hi)
			return 1;
	return 0;
}

void instrumenter_set_trap(enum arch_trap_kind kind)
{
	trap = arch_trap_encoding(kind);
}

void instrumenter_set_jumps(int on)
{
	use_jumps = on;
}

int instrumenter_uses_jumps(void)
{
	return use_jumps;
}

void instrumenter_set_debug(int level)
{
	debug_sites = level;
}

/* SYSTRAP_DEBUG=2: one line per site left with a signal trap, to find
 * what the fast path could not rewrite. */
static void debug_trap_only(const char *object, uintptr_t offset)
{
	char line[600];
	size_t n = 0;
	static const char head[] = "systrap: trap-only site ";
	for (const char *p = head; *p; p++)
		line[n++] = *p;
	for (const char *p = object; *p && n < 500; p++)
		line[n++] = *p;
	line[n++] = '+';
	line[n++] = '0';
	line[n++] = 'x';
	int shift = 60;
	while (shift > 0 && !((offset >> shift) & 0xf))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		line[n++] = "0123456789abcdef"[(offset >> shift) & 0xf];
	line[n++] = '\n';
	raw_write(2, line, n);
}

const struct trap_encoding *instrumenter_trap(void)
{
	if (!trap)
		trap = arch_trap_encoding(ARCH_TRAP_UD2);
	return trap;
}

static void take_lock_word(void)
{
	while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE))
		arch_spin_pause();
}

void instrumenter_lock(uint64_t *saved_mask)
{
	uint64_t all = ~0ULL;
	raw_rt_sigprocmask(SIG_BLOCK, &all, saved_mask);
	take_lock_word();
}

void instrumenter_unlock(const uint64_t *saved_mask)
{
	__atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
	raw_rt_sigprocmask(SIG_SETMASK, saved_mask, 0);
}

void instrumenter_lock_within(const struct arch_scratch_tls *tls,
			      uint64_t *saved_mask)
{
	if (!arch_scratch_tls_blocks_all(tls)) {
		instrumenter_lock(saved_mask);
		return;
	}
	take_lock_word();
}

void instrumenter_unlock_within(const struct arch_scratch_tls *tls,
				const uint64_t *saved_mask)
{
	if (!arch_scratch_tls_blocks_all(tls)) {
		instrumenter_unlock(saved_mask);
		return;
	}
	__atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
}

/* A released pool's slow-exit traps leave the registry with it. */
static void forget_pool_traps(uintptr_t lo, uintptr_t hi)
{
	site_registry_remove_range(lo, hi);
}

/* The whole analysis of a's candidates. */
void analysis_run(struct analysis *a)
{
	unsigned long before = decoder_lane_count(a->lane);
	analysis_find_sites(a);
	if (!a->failed && use_jumps)
		analysis_decide_jumps(a);
	a->decoded = decoder_lane_count(a->lane) - before;
}

void analysis_init(struct analysis *a, const struct code_region *r, int lane)
{
	*a = (struct analysis){0};
	a->r = r;
	a->cand_lo = r->lo;
	a->cand_hi = r->hi;
	a->lane = lane;
	a->scratch.chunk_size = 256 * 1024;
}

/* Patches what a found: trampolines, registry, bytes; stores the result in
 * the cache (keyed: not from it). Caller holds the instrumenter lock. */
int analysis_commit(struct analysis *a, const struct site_cache_key *key,
		    int store)
{
	const struct code_region *r = a->r;
	struct instrument_result res = a->res;
	struct planned_site *sites = a->sites;
	size_t n = a->n;
	int err = 0;
	uint32_t object = object_table_id(r->object ? r->object : "", r->object_base);
	const struct trap_encoding *t = instrumenter_trap();
	struct jump_pool pool = {0, 0, 0, 0, 0, 0, 0};
	/* The pool's seal and the code pages, when both go through
	 * /proc/self/mem (alone), share one open of it. */
	self_mem_begin();
	if (use_jumps)
		res.jumps = trampolines_build(sites, n, r, object, &pool, &res.hops);
	if (store)
		analysis_store_in_cache(r, key, sites, n, &res, &a->scratch);
	size_t registered = 0;
	for (size_t i = 0; i < n; i++) {
		struct trap_site s = {
			.addr = sites[i].site,
			.object = object,
			.role = SITE_SYSCALL,
			.kind = (uint8_t)t->kind,
			.original = {ARCH_SYSCALL_BYTE0, ARCH_SYSCALL_BYTE1},
		};
		/* Registered before the bytes change, so a thread that hits
		 * the trap at once finds it. */
		if (site_registry_add(&s) == 0)
			sites[registered++] = sites[i];
		else
			res.failed++;
	}
	if (debug_sites > 1)
		for (size_t i = 0; i < registered; i++)
			if (!sites[i].trampoline)
				debug_trap_only(instrumenter_object_path(object),
						sites[i].site -
							instrumenter_object_base(object));
	/* Lazy instrumenting runs in one thread only (lazy_instrument.c):
	 * a thread or a child sharing our memory ends it first. */
	err = code_patch_apply(sites, registered, r->prot, instrumenter_trap(),
			       instrumenter_lazy());
	self_mem_end();
	if (err) {
		/* Only what this commit added: a region may be committed a
		 * page at a time (lazy_instrument.c). */
		for (size_t i = 0; i < registered; i++)
			site_registry_remove(sites[i].site);
		for (size_t i = 0; i < n; i++)
			if (sites[i].trampoline)
				site_registry_remove(sites[i].slow_trap);
		res.failed += registered;
		res.jumps = 0;
		res.hops = 0;
	} else {
		res.sites = registered;
		if (registered) {
			uintptr_t lo, hi;
			code_patch_extent(sites, registered, &lo, &hi);
			note_range(lo, hi);
		}
	}
	totals.candidates += res.candidates;
	totals.sites += res.sites;
	totals.rejected += res.rejected;
	totals.failed += res.failed;
	totals.jumps += res.jumps;
	totals.hops += res.hops;
	region_count++;
	a->res = res;
	return err;
}

static int instrument_one(const struct code_region *r,
			  struct instrument_result *result,
			  const struct arch_scratch_tls *tls)
{
	struct analysis a;
	uint64_t mask;
	int err = 0;
	analysis_init(&a, r, 0);
	if (r->hi <= r->lo + 1)
		goto out_unlocked;
	if (decoder_open())
		return -ENOSYS;
	instrumenter_lock_within(tls, &mask);
	if (site_registry_init()) {
		err = -ENOMEM;
		goto out;
	}
	struct site_cache_key key;
	int keyed = analysis_cache_key(r, &key);
	int cached = keyed && analysis_from_cache(&a, &key);
	if (!cached)
		analysis_run(&a);
	if (a.failed)
		err = -ENOMEM;
	else
		err = analysis_commit(&a, &key, keyed && !cached);
out:
	instrumenter_unlock_within(tls, &mask);
	arena_reset(&a.scratch);
out_unlocked:
	if (result)
		*result = a.res;
	return err;
}

void instrumenter_forget_range(uintptr_t lo, uintptr_t hi)
{
	if (!overlaps_range(lo, hi))
		return;
	uint64_t mask;
	instrumenter_lock(&mask);
	site_registry_remove_range(lo, hi);
	code_patch_forget(lo, hi);
	jump_pool_release_range(lo, hi, forget_pool_traps);
	instrumenter_unlock(&mask);
}

/* A program's syscall site in code given back: its own bytes (and its
 * prefixes) put back, the site taken out. A trampoline's slow exit or a
 * gadget's resume trap in the range (a pool made writable) stays: a
 * thread may be on its way to it. */
static int restore_site(const struct trap_site *site, void *arg)
{
	struct code_protections *p = arg;
	if (site->role != SITE_SYSCALL || site->resume_to)
		return 0;
	code_patch_put_back(p, site->addr, site->original,
			    sizeof site->original);
	code_patch_restore_prefixes(p, site->addr);
	return 1;
}

void instrumenter_restore_range(uintptr_t lo, uintptr_t hi, int prot)
{
	if (!overlaps_range(lo, hi))
		return;
	uint64_t mask;
	instrumenter_lock(&mask);
	struct code_protections p = {.lo = lo, .hi = hi, .prot = prot};
	code_patch_restore(&p);
	site_registry_remove_range_if(lo, hi, restore_site, &p);
	code_protections_end(&p);
	instrumenter_unlock(&mask);
}

void instrumenter_totals(struct instrument_result *out, unsigned long *regions)
{
	*out = totals;
	*regions = region_count;
}

/* Code moved by mremap: the same bytes at a new address. A trap needs only
 * its registry entry moved; a jump's rel32 no longer reaches its trampoline
 * from there, so the displaced instruction's own bytes are put back and the
 * site keeps just its trap. The caller (a trapped mremap) runs before the
 * program knows the new address, so no thread runs the moved code yet. */
int instrumenter_region_moved(uintptr_t old_lo, size_t old_len,
			      uintptr_t new_lo, size_t new_len)
{
	size_t len = old_len < new_len ? old_len : new_len;
	if (!len || !overlaps_range(old_lo, old_lo + old_len))
		return 0;
	const struct trap_encoding *t = instrumenter_trap();
	uint64_t mask;
	int moved = 0;
	instrumenter_lock(&mask);
	code_patch_unjump_moved(old_lo, len, new_lo);
	uintptr_t first = 0, last = 0;
	for (uintptr_t off = 0; off + 1 < len; off++) {
		const uint8_t *p = (const uint8_t *)(new_lo + off);
		if (p[0] != t->bytes[0] || p[1] != t->bytes[1])
			continue;
		struct trap_site copy;
		if (!site_registry_find(old_lo + off, &copy) ||
		    copy.role != SITE_SYSCALL || copy.resume_to)
			continue;
		copy.addr = new_lo + off;
		site_registry_remove(old_lo + off);
		if (site_registry_add(&copy))
			continue;
		if (!first)
			first = copy.addr;
		last = copy.addr;
		moved++;
	}
	/* Whatever is left of the old range is gone with it. */
	site_registry_remove_range(old_lo, old_lo + old_len);
	code_patch_forget(old_lo, old_lo + old_len);
	jump_pool_release_range(old_lo, old_lo + old_len, forget_pool_traps);
	if (first)
		note_range(first, last + 2);
	instrumenter_unlock(&mask);
	return moved;
}

/* Capstone reads its stack canary through FS, which in the image may not be
 * the program's yet (systrap/arch/scratch_tls.h): both entries run on
 * systrap's own while they decode. */
int instrument_region(const struct code_region *r,
		      struct instrument_result *result)
{
	struct arch_scratch_tls saved;
	arch_scratch_tls_enter(&saved);
	int err = instrument_one(r, result, &saved);
	arch_scratch_tls_leave(&saved);
	return err;
}

