/* parallel_startup: instrumenting start-up's regions at once, the largest
 * analysed by this thread and a helper thread together. */
#include "systrap/core/instrumenter_parts.h"

#include <errno.h>
#include <string.h>

#include "systrap/arch/scratch_tls.h"
#include "systrap/arch/thread.h"
#include "systrap/core/arena.h"
#include "systrap/core/decoder.h"
#include "systrap/core/site_registry.h"

/* Below this, a region is not worth a second thread. */
#define SPLIT_MIN (512 * 1024)
#define HELPER_STACK (256 * 1024)

static int no_helper;

void instrumenter_set_helper_thread(int allowed)
{
	no_helper = !allowed;
}

static void analyse_in_helper(void *arg)
{
	analysis_run(arg);
}

/* Merges b (the candidates after a's) into a. The first of b's sites was
 * planned without knowing a's last: a window reaching back over it goes. */
static int analysis_merge(struct analysis *a, struct analysis *b)
{
	if (a->failed || b->failed)
		return -ENOMEM;
	struct planned_site *all = arena_alloc(&a->scratch, (a->n + b->n + 1) *
							       sizeof *all);
	if (!all)
		return -ENOMEM;
	memcpy(all, a->sites, a->n * sizeof *all);
	memcpy(all + a->n, b->sites, b->n * sizeof *all);
	if (a->n && b->n) {
		struct planned_site *first = &all[a->n];
		uintptr_t floor = all[a->n - 1].site + ARCH_SYSCALL_INSN_LEN;
		for (int k = 0; k < ARCH_MAX_MOVED; k++)
			if (first->chain[k] < floor)
				first->chain[k] = 0;
		if (first->window_insns && window_start(first) < floor) {
			first->window_insns = 0;
			first->window_len = 0;
			first->window_kept = 0;
		}
	}
	a->sites = all;
	a->n += b->n;
	a->res.candidates += b->res.candidates;
	a->res.rejected += b->res.rejected;
	a->res.failed += b->res.failed;
	a->decoded += b->decoded;
	return 0;
}

static int instrument_many(const struct code_region *r, int count,
			   struct instrument_result *results,
			   unsigned long *decoded,
			   const struct arch_scratch_tls *tls)
{
	if (decoder_open())
		return -ENOSYS;
	if (site_registry_init())
		return -ENOMEM;
	struct analysis *a = pages_alloc((size_t)count * 2 * sizeof *a);
	struct site_cache_key *keys = pages_alloc((size_t)count * sizeof *keys);
	uint8_t *state = pages_alloc((size_t)count);
	if (!a || !keys || !state)
		return -ENOMEM;
	/* From the cache where it can; the largest of the rest is split
	 * between this thread and a helper. */
	int split = -1;
	for (int i = 0; i < count; i++) {
		analysis_init(&a[i], &r[i], 0);
		int keyed = analysis_cache_key(&r[i], &keys[i]);
		int cached = keyed && analysis_from_cache(&a[i], &keys[i]);
		state[i] = (uint8_t)(keyed << 1 | cached);
		if (!cached && r[i].hi - r[i].lo >= SPLIT_MIN &&
		    (split < 0 || r[i].hi - r[i].lo > r[split].hi - r[split].lo))
			split = i;
	}
	struct analysis *helper = 0;
	void *stack = 0;
	int helper_tid = 0;
	if (split >= 0) {
		helper = &a[count + split];
		analysis_init(helper, &r[split], 1);
		/* The helper takes the upper 70%: this thread also has the
		 * other regions to do (ld.so, the vDSO, the program). */
		uintptr_t mid = r[split].lo + (r[split].hi - r[split].lo) * 3 / 10;
		a[split].cand_hi = mid;
		helper->cand_lo = mid;
		stack = no_helper || decoder_open_lanes() ? 0
						       : pages_alloc(HELPER_STACK);
		if (!stack || arch_run_thread((uint8_t *)stack + HELPER_STACK,
					      analyse_in_helper, helper,
					      &helper_tid))
			analysis_run(helper); /* no thread: do it here */
	}
	for (int i = 0; i < count; i++)
		if (!(state[i] & 1))
			analysis_run(&a[i]);
	if (helper_tid)
		arch_join_thread(&helper_tid);
	if (stack)
		pages_free(stack, HELPER_STACK);
	uint64_t mask;
	instrumenter_lock_within(tls, &mask);
	int err = 0;
	for (int i = 0; i < count; i++) {
		int e = i == split ? analysis_merge(&a[i], helper) : a[i].failed ? -ENOMEM : 0;
		if (!e && r[i].hi > r[i].lo + 1)
			e = analysis_commit(&a[i], &keys[i], (state[i] & 2) && !(state[i] & 1));
		if (results)
			results[i] = a[i].res;
		if (decoded)
			decoded[i] = a[i].decoded;
		if (e && !err)
			err = e;
	}
	instrumenter_unlock_within(tls, &mask);
	for (int i = 0; i < count; i++)
		arena_reset(&a[i].scratch);
	if (helper)
		arena_reset(&helper->scratch);
	pages_free(a, (size_t)count * 2 * sizeof *a);
	pages_free(keys, (size_t)count * sizeof *keys);
	pages_free(state, (size_t)count);
	return err;
}

int instrument_regions(const struct code_region *r, int count,
		       struct instrument_result *results,
		       unsigned long *decoded)
{
	/* Every region deferred (lazy, the rule at an exec): nothing to
	 * decode, no handle, no scratch TLS; the registry the first patch
	 * needs. Its three allocations of nothing failed (EINVAL). */
	if (!count)
		return site_registry_init() ? -ENOMEM : 0;
	struct arch_scratch_tls saved;
	arch_scratch_tls_enter(&saved);
	int err = instrument_many(r, count, results, decoded, &saved);
	arch_scratch_tls_leave(&saved);
	return err;
}
