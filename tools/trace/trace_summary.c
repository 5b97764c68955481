/* -c: each call counted (per thread in ticks with -c alone, in the
 * thread's count set, folded into the process's table; in nanoseconds
 * otherwise), a -f tree's table shared by its processes, and the table
 * printed as strace 6.1 prints it where the launcher does not (without
 * it, and with -p). */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "systrap/arch/cycles.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/pidns.h"
#include "tools/trace/trace_count_sets.h"
#include "tools/trace/trace_output_parts.h"
#include "tools/trace/trace_summary_table.h"

/* -c: per syscall counts, errors and time, merged across threads; with
 * -f across processes too (a shared memfd the root made; see
 * trace_output_share_summary). */
static struct summary_row own_summary[TRACE_MAX_NR];
static struct summary_row *summary = own_summary;
static int summary_fd = -1;  /* the root's memfd */
static int summary_shared;   /* counting into the root's table */
static int summary_printer = 1;

/* -c alone: ticks become nanoseconds at the rate the kernel's clock and
 * the tick counter kept between the process's start (or its last fold)
 * and now. */
static uint64_t calib_ticks;
static struct timespec calib_time;
static struct count_rate rate = {0, 1};

void calibrate_start(void)
{
	raw_clock_gettime(CLOCK_MONOTONIC, &calib_time);
	calib_ticks = trace_ticks();
}

static void calibrate_now(void)
{
	/* Confined by a filter of its own, the process keeps the rate read
	 * before the filter went in (trace_output_before_confinement): the
	 * clock is a call the filter may punish. */
	if (__atomic_load_n(&trace_confined, __ATOMIC_RELAXED) && rate.num)
		return;
	struct timespec now;
	trace_own_call(SYS_clock_gettime);
	raw_clock_gettime(CLOCK_MONOTONIC, &now);
	trace_own_call_done();
	struct count_rate r =
		count_rate_between(&calib_time, calib_ticks, &now, trace_ticks());
	if (r.num)
		rate = r;
}

/* -c alone under the launcher: threads count in the ring's sets
 * (trace_count_sets.h), which the launcher adds up at its end. */
static int count_in_ring;

/* The thread's set: one of the ring's if one is free (after the sets of
 * processes gone are folded, when none is), else its own. A process below
 * the launcher's pid namespace keeps its own: a set's owner is a pid the
 * launcher and the others can look up. */
static struct ring_count_set *counts_attach(struct trace_thread *t)
{
	int i = -1;
	if (count_in_ring && pidns_same_as_tracer() == 1) {
		int32_t owner = trace_self_pid();
		i = count_set_claim(ring, owner);
		if (i < 0) {
			calibrate_now();
			if (count_sets_fold_left(ring, summary, &rate, 0))
				i = count_set_claim(ring, owner);
		}
	}
	t->count_set = i;
	t->counts = i >= 0 ? ring_count_set(ring, i) : &t->own_counts;
	if (i < 0)
		t->own_counts_used = 1;
	return t->counts;
}

void counts_detach(struct trace_thread *t)
{
	if (t->counts && t->counts != &t->own_counts)
		count_set_release(ring, t->count_set);
	t->counts = 0;
}

void counts_forget_parents(struct trace_thread *t)
{
	if (t->counts && t->counts != &t->own_counts) {
		t->counts = 0; /* the parent's set, in the shared ring */
		return;
	}
	if (!t->own_counts_used)
		return;
	struct ring_count_set *s = &t->own_counts;
	for (int nr = 0; s->counted && nr < TRACE_MAX_NR; nr++)
		if (s->rows[nr].calls) /* the parent's */
			s->rows[nr] = (struct trace_count){0, 0, 0, 0, 0};
	s->counted = 0;
}

void trace_output_count_ticks(struct trace_thread *t, long nr, long result,
			      uint64_t ticks)
{
	if (nr < 0 || nr >= TRACE_MAX_NR)
		return;
	struct ring_count_set *s = t->counts ? t->counts : counts_attach(t);
	struct trace_count *c = &s->rows[nr];
	if (!s->counted)
		s->counted = 1;
	c->calls++;
	if (raw_is_error(result))
		c->errors++;
	ticks = (int64_t)ticks > 0 ? ticks : 0;
	c->ticks += ticks;
	if (!c->min_ticks_plus1 || ticks + 1 < c->min_ticks_plus1)
		c->min_ticks_plus1 = ticks + 1;
	if (ticks > c->max_ticks)
		c->max_ticks = ticks;
}

void fold_one(struct trace_thread *t)
{
	if (t->counts)
		count_set_fold(summary, t->counts, &rate);
}

void trace_output_before_confinement(struct trace_output *o)
{
	if (o->opts && o->opts->summary == 1)
		calibrate_now();
}

void trace_output_fold_counts(struct trace_output *o)
{
	if (!o->opts || o->opts->summary != 1)
		return;
	calibrate_now();
	int n = __atomic_load_n(&registry_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n && i < MAX_THREADS; i++) {
		struct trace_thread *t =
			__atomic_load_n(&registry[i], __ATOMIC_ACQUIRE);
		if (t)
			fold_one(t);
	}
	/* The caller's set back (its exec or its process's end: a later
	 * count claims one again); not a vfork child's, which counts in
	 * its parent's. The other threads keep theirs: they may still be
	 * counting, and the set goes back once the process is gone. */
	struct trace_thread *self = trace_thread_peek();
	if (self && !self->vfork_child)
		counts_detach(self);
}

void trace_output_count(struct trace_output *o, long nr, long result,
			const struct timespec *start, const struct timespec *end)
{
	if (nr < 0 || nr >= TRACE_MAX_NR)
		return;
	unsigned long long ns = elapsed(start, end);
	summary_row_add(&summary[nr], 1, raw_is_error(result) ? 1 : 0, ns, ns,
			ns);
}

/* The shared table, mapped from fd. */
static struct summary_row *map_summary(int fd)
{
	long m = raw_mmap(0, sizeof own_summary, PROT_READ | PROT_WRITE,
			  MAP_SHARED, fd, 0);
	return raw_is_error(m) ? 0 : (struct summary_row *)m;
}

void trace_output_share_summary(struct trace_output *o, int is_root,
				int root_pid)
{
	const struct trace_options *opts = o->opts;
	if (!opts->summary)
		return;
	/* Without -f, several roots (-p A,B; -p PID PROG) each print a table
	 * of their own: each would print a shared one, its calls counted
	 * twice over. (strace prints one table for all of them; ours are
	 * one a root, as before session 28.) */
	if (!opts->follow_forks && o->pid_prefix)
		return;
	if (ring) {
		/* The launcher's ring holds the table: no fd of ours, and it
		 * outlives every image (without -f too: the root's calls
		 * before an exec count, as strace counts them). The root
		 * prints it where the launcher does not (below). */
		_Static_assert(sizeof own_summary <=
				       RING_COUNTS_OFFSET - RING_SUMMARY_OFFSET,
			       "-c table does not fit the ring");
		summary = (struct summary_row *)((char *)ring +
						 RING_SUMMARY_OFFSET);
		summary_shared = 1;
		/* Running PROG, the launcher prints it once every traced
		 * process has ended (their calls after the root's end
		 * counted, as strace counts them), and threads count in the
		 * ring's sets, which it adds up when a process could not
		 * (SIGKILL). */
		struct ring_counts *rc = ring_counts_of(ring);
		__atomic_store_n(&rc->shared, 1, __ATOMIC_RELAXED);
		int by_launcher =
			__atomic_load_n(&rc->by_launcher, __ATOMIC_RELAXED);
		summary_printer = is_root && !by_launcher;
		count_in_ring = by_launcher && opts->summary == 1;
		return;
	}
	if (!opts->follow_forks)
		return;
	const char *env = getenv("SYSTRAP_TRACE_SUMMARY");
	long fd = -1;
	if (is_root && env) {
		/* This image replaced the root by execve: its table was kept
		 * open across the exec for us. */
		fd = strtol(env, 0, 10);
		struct summary_row *m = map_summary((int)fd);
		if (!m)
			fd = -1;
		else
			summary = m;
	}
	if (is_root && fd < 0) {
		fd = raw_syscall2(SYS_memfd_create, (long)"systrap-summary",
				  MFD_CLOEXEC);
		if (fd < 0 ||
		    raw_syscall2(SYS_ftruncate, fd, sizeof own_summary))
			return;
		struct summary_row *m = map_summary((int)fd);
		if (!m) {
			raw_close((int)fd);
			return;
		}
		summary = m;
		fd = move_high((int)fd);
	}
	if (is_root) {
		raw_fcntl((int)fd, F_SETFD, FD_CLOEXEC);
		summary_fd = (int)fd;
		hidden_add(summary_fd);
		summary_shared = 1;
		char kv[64] = "SYSTRAP_TRACE_SUMMARY=";
		char *p = put_udec(kv + 22, (unsigned long long)fd, 0, ' ');
		*p = 0;
		systrap_keep_env(kv);
		return;
	}
	if (!env || root_pid <= 0)
		return;
	/* A follower: the root's table, through its fd (same user). If the
	 * root is gone, this process counts and prints on its own. */
	char path[96] = "/proc/";
	char *p = put_udec(path + 6, (unsigned long long)root_pid, 0, ' ');
	p = put_str(p, "/fd/");
	p = put_str(p, env);
	*p = 0;
	fd = raw_openat(AT_FDCWD, path, O_RDWR | O_CLOEXEC, 0);
	if (fd < 0)
		return;
	struct summary_row *m = map_summary((int)fd);
	raw_close((int)fd);
	if (m) {
		summary = m;
		summary_shared = 1;
		summary_printer = 0;
	}
}

void summary_after_fork(void)
{
	if (summary_shared)
		summary_printer = 0;
}

void trace_output_summary_exec(int starting)
{
	/* The root's table must outlive its image: open across the exec,
	 * closed on exec again if the exec failed. */
	if (summary_fd >= 0)
		raw_fcntl(summary_fd, F_SETFD, starting ? 0 : FD_CLOEXEC);
}

static void emit_table_line(void *o, const char *text, size_t n)
{
	emit((struct trace_output *)o, text, n);
}

void trace_output_summary(struct trace_output *o)
{
	trace_output_fold_counts(o);
	if (!summary_printer)
		return;
	summary_table_put(summary, o->opts, emit_table_line, o);
}
