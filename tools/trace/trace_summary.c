/* -c: each call counted (per thread in ticks with -c alone, folded into
 * the process's table; in nanoseconds otherwise), a -f tree's table shared
 * by its processes, and the table printed as strace 6.1 prints it. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "systrap/arch/cycles.h"
#include "systrap/handlers/syscall_table.h"
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
static uint64_t ns_per_tick_num = 0, ns_per_tick_den = 1;

void calibrate_start(void)
{
	raw_clock_gettime(CLOCK_MONOTONIC, &calib_time);
	calib_ticks = arch_cycles();
}

static void calibrate_now(void)
{
	struct timespec now;
	trace_own_call(SYS_clock_gettime);
	raw_clock_gettime(CLOCK_MONOTONIC, &now);
	trace_own_call_done();
	uint64_t ticks = arch_cycles();
	long long ns = (now.tv_sec - calib_time.tv_sec) * 1000000000LL +
		       (now.tv_nsec - calib_time.tv_nsec);
	if (ns > 0 && ticks > calib_ticks) {
		ns_per_tick_num = (uint64_t)ns;
		ns_per_tick_den = ticks - calib_ticks;
	}
}

void trace_output_count_ticks(struct trace_thread *t, long nr, long result,
			      uint64_t ticks)
{
	if (nr < 0 || nr >= TRACE_MAX_NR)
		return;
	struct trace_count *c = &t->counts[nr];
	t->counted = 1;
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

/* The shortest and longest call of a row shared by every process of a -f
 * tree (so by compare-and-swap). */
static void row_min_max(struct summary_row *r, unsigned long long min_ns,
			unsigned long long max_ns)
{
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

static unsigned long long ticks_to_ns(uint64_t ticks)
{
	return (unsigned long long)((unsigned __int128)ticks *
				    ns_per_tick_num / ns_per_tick_den);
}

void fold_one(struct trace_thread *t)
{
	if (!t->counted)
		return;
	t->counted = 0;
	for (int nr = 0; nr < TRACE_MAX_NR; nr++) {
		struct trace_count c = t->counts[nr];
		if (!c.calls)
			continue;
		t->counts[nr] = (struct trace_count){0, 0, 0, 0, 0};
		unsigned long long ns = ticks_to_ns(c.ticks);
		__atomic_add_fetch(&summary[nr].calls, c.calls,
				   __ATOMIC_RELAXED);
		__atomic_add_fetch(&summary[nr].errors, c.errors,
				   __ATOMIC_RELAXED);
		__atomic_add_fetch(&summary[nr].nsec, ns, __ATOMIC_RELAXED);
		row_min_max(&summary[nr], ticks_to_ns(c.min_ticks_plus1 - 1),
			    ticks_to_ns(c.max_ticks));
	}
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
}

void trace_output_count(struct trace_output *o, long nr, long result,
			const struct timespec *start, const struct timespec *end)
{
	if (nr < 0 || nr >= TRACE_MAX_NR)
		return;
	__atomic_add_fetch(&summary[nr].calls, 1, __ATOMIC_RELAXED);
	if (raw_is_error(result))
		__atomic_add_fetch(&summary[nr].errors, 1, __ATOMIC_RELAXED);
	unsigned long long ns = elapsed(start, end);
	__atomic_add_fetch(&summary[nr].nsec, ns, __ATOMIC_RELAXED);
	row_min_max(&summary[nr], ns, ns);
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
		 * prints it. */
		_Static_assert(sizeof own_summary <= RING_SUMMARY_BYTES,
			       "-c table does not fit the ring");
		summary = (struct summary_row *)((char *)ring +
						 RING_SUMMARY_OFFSET);
		summary_shared = 1;
		summary_printer = is_root;
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
