/* -c alone: the threads' count sets in the ring, claimed, folded into the
 * table and freed (trace_count_sets.h). */
#include "tools/trace/trace_count_sets.h"

#include <errno.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"

int count_set_claim(void *ring, int32_t owner)
{
	struct ring_counts *h = ring_counts_of(ring);
	/* From the first: sets used before have their pages made already. */
	for (int i = 0; i < RING_COUNT_SETS; i++) {
		int32_t free_ = 0;
		if (__atomic_load_n(&h->owners[i], __ATOMIC_RELAXED) == 0 &&
		    __atomic_compare_exchange_n(&h->owners[i], &free_, owner, 0,
						__ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return i;
	}
	return -1;
}

void count_set_release(void *ring, int i)
{
	if (i >= 0 && i < RING_COUNT_SETS)
		__atomic_store_n(&ring_counts_of(ring)->owners[i], 0,
				 __ATOMIC_RELEASE);
}

void summary_row_add(struct summary_row *r, unsigned long calls,
		     unsigned long errors, unsigned long long ns,
		     unsigned long long min_ns, unsigned long long max_ns)
{
	__atomic_add_fetch(&r->calls, calls, __ATOMIC_RELAXED);
	if (errors)
		__atomic_add_fetch(&r->errors, errors, __ATOMIC_RELAXED);
	__atomic_add_fetch(&r->nsec, ns, __ATOMIC_RELAXED);
	/* The shortest and longest, by compare-and-swap. */
	unsigned long long cur =
		__atomic_load_n(&r->min_nsec_plus1, __ATOMIC_RELAXED);
	while ((!cur || min_ns + 1 < cur) &&
	       !__atomic_compare_exchange_n(&r->min_nsec_plus1, &cur,
					    min_ns + 1, 0, __ATOMIC_RELAXED,
					    __ATOMIC_RELAXED))
		;
	cur = __atomic_load_n(&r->max_nsec, __ATOMIC_RELAXED);
	while (max_ns > cur &&
	       !__atomic_compare_exchange_n(&r->max_nsec, &cur, max_ns, 0,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

static unsigned long long ticks_to_ns(uint64_t ticks,
				      const struct count_rate *rate)
{
	return rate->den ? (unsigned long long)((unsigned __int128)ticks *
						rate->num / rate->den)
			 : 0;
}

void count_set_fold(struct summary_row *table, struct ring_count_set *s,
		    const struct count_rate *rate)
{
	if (!s->counted)
		return;
	s->counted = 0;
	for (int nr = 0; nr < TRACE_MAX_NR; nr++) {
		struct trace_count c = s->rows[nr];
		if (!c.calls)
			continue;
		s->rows[nr] = (struct trace_count){0, 0, 0, 0, 0};
		summary_row_add(&table[nr], c.calls, c.errors,
				ticks_to_ns(c.ticks, rate),
				ticks_to_ns(c.min_ticks_plus1 - 1, rate),
				ticks_to_ns(c.max_ticks, rate));
	}
}

int count_sets_fold_left(void *ring, struct summary_row *table,
			 const struct count_rate *rate, int all)
{
	struct ring_counts *h = ring_counts_of(ring);
	int folded = 0;
	for (int i = 0; i < RING_COUNT_SETS; i++) {
		int32_t owner = __atomic_load_n(&h->owners[i], __ATOMIC_ACQUIRE);
		if (owner <= 0 ||
		    (!all && raw_syscall2(SYS_kill, owner, 0) != -ESRCH))
			continue;
		/* Taken first: another may be folding it too. */
		if (!__atomic_compare_exchange_n(&h->owners[i], &owner,
						 COUNT_SET_FOLDING, 0,
						 __ATOMIC_ACQUIRE,
						 __ATOMIC_RELAXED))
			continue;
		count_set_fold(table, ring_count_set(ring, i), rate);
		count_set_release(ring, i);
		folded++;
	}
	return folded;
}
