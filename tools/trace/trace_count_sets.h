/* -c alone: each thread counts its calls in ticks, with no system call
 * and no shared write, in a set of rows of its own. Under the launcher the
 * sets are in the ring (trace_ring.h, RING_COUNT_SETS_OFFSET), so that
 * what a process killed by SIGKILL had not yet added to the table is not
 * lost with it: the launcher adds every set left once the traced processes
 * have ended, then prints the table, as strace prints it after its last
 * tracee. A set is claimed by a thread at its first count, added to the
 * table (folded) and freed by the thread at its exit and at its process's
 * exec or end; a set whose process is gone is folded and freed by whoever
 * needs one when none is free, or by the launcher at its end. Shared by
 * the image (trace_summary.c) and the launcher (systrap_trace.c); no libc:
 * the image claims and folds on the trap path. */
#ifndef TOOLS_TRACE_TRACE_COUNT_SETS_H
#define TOOLS_TRACE_TRACE_COUNT_SETS_H

#include <stdint.h>
#include <time.h>

#include "systrap/handlers/trace_options.h"
#include "tools/trace/trace_ring.h"
#include "tools/trace/trace_summary_table.h"

/* One syscall's calls in one thread, in ticks (systrap/arch/cycles.h). */
struct trace_count {
	unsigned long calls, errors;
	uint64_t ticks;
	/* The shortest call plus one (0: none yet), the longest. */
	uint64_t min_ticks_plus1, max_ticks;
};

struct ring_count_set {
	/* Whether rows hold any call (else they are all 0 and not read: 20
	 * KiB never touched where a thread counted nothing). The owner's
	 * own line: no other thread writes it while the set is owned. */
	int32_t counted;
	int32_t unused[15];
	struct trace_count rows[TRACE_MAX_NR];
};
_Static_assert(sizeof(struct ring_count_set) == RING_COUNT_SET_BYTES,
	       "a count set is RING_COUNT_SET_BYTES");

#define COUNT_SET_FOLDING (-1)

/* After the table, in the summary's bytes (RING_COUNTS_OFFSET). */
struct ring_counts {
	/* Set by the launcher before PROG starts: the launcher prints the
	 * table at its end, the images only add to it (and count in the
	 * ring's sets). */
	int32_t by_launcher;
	/* An image counts into the ring's table: there is a table to print. */
	int32_t shared;
	/* Each set's owner: 0 free, the owning process's pid as the launcher
	 * sees it, or COUNT_SET_FOLDING while another adds it to the table. */
	int32_t owners[RING_COUNT_SETS];
};
_Static_assert(RING_COUNTS_OFFSET + sizeof(struct ring_counts) <=
		       RING_SUMMARY_OFFSET + RING_SUMMARY_BYTES,
	       "the sets' owners fit after the table");
_Static_assert(sizeof(struct summary_row) * TRACE_MAX_NR <=
		       RING_COUNTS_OFFSET - RING_SUMMARY_OFFSET,
	       "the table fits before the sets' owners");

/* Ticks become nanoseconds at num / den (the kernel's clock against the
 * tick counter over the same interval). */
struct count_rate {
	uint64_t num, den;
};

/* The rate the kernel's clock and the tick counter kept from (from,
 * from_ticks) to (to, to_ticks); {0, 1} where either did not go on. */
static inline struct count_rate count_rate_between(const struct timespec *from,
						   uint64_t from_ticks,
						   const struct timespec *to,
						   uint64_t to_ticks)
{
	long long ns = (to->tv_sec - from->tv_sec) * 1000000000LL +
		       (to->tv_nsec - from->tv_nsec);
	if (ns <= 0 || to_ticks <= from_ticks)
		return (struct count_rate){0, 1};
	return (struct count_rate){(uint64_t)ns, to_ticks - from_ticks};
}

static inline struct ring_counts *ring_counts_of(void *ring)
{
	return (struct ring_counts *)((char *)ring + RING_COUNTS_OFFSET);
}

static inline struct ring_count_set *ring_count_set(void *ring, int i)
{
	return (struct ring_count_set *)((char *)ring + RING_COUNT_SETS_OFFSET +
					 (size_t)RING_COUNT_SET_BYTES * i);
}

/* A row of a table that other processes may add to at once: calls,
 * errors and ns added, the shortest and longest kept (atomically). */
void summary_row_add(struct summary_row *r, unsigned long calls,
		     unsigned long errors, unsigned long long ns,
		     unsigned long long min_ns, unsigned long long max_ns);

/* A free set for a thread of owner (its index), or -1 if none is free. */
int count_set_claim(void *ring, int32_t owner);

/* The set back (its rows folded: all 0). */
void count_set_release(void *ring, int i);

/* s's rows added to table (shared: atomically) at rate, and made 0. */
void count_set_fold(struct summary_row *table, struct ring_count_set *s,
		    const struct count_rate *rate);

/* Every owned set whose owner process is gone (kill(pid, 0) says so: the
 * caller is in the launcher's pid namespace), or with all every owned set,
 * added to table and freed; how many were. */
int count_sets_fold_left(void *ring, struct summary_row *table,
			 const struct count_rate *rate, int all);

#endif
