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

/* -c: per syscall counts, errors and time, merged across threads; with
 * -f across processes too (a shared memfd the root made; see
 * trace_output_share_summary). */
struct summary_row {
	unsigned long calls, errors;
	unsigned long long nsec;
	/* -U's shortest and longest: the shortest plus one (0: none). */
	unsigned long long min_nsec_plus1, max_nsec;
};
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

/* ---- the -c table, laid out as strace 6.1's count.c lays it out ----
 * Columns and sort key from -U and -S; each column as wide as its heading
 * or its widest value; integer arithmetic only (no libc here). */

static char *put_spaces(char *p, int n)
{
	while (n-- > 0)
		*p++ = ' ';
	return p;
}

/* ns as seconds with six decimals ("%.6f"), right-aligned in width. */
static char *put_seconds(char *p, unsigned long long ns, int width)
{
	unsigned long long us = (ns + 500) / 1000;
	p = put_spaces(p, width - (udec_width(us / 1000000) + 7));
	p = put_udec(p, us / 1000000, 0, ' ');
	*p++ = '.';
	return put_udec(p, us % 1000000, 6, '0');
}

/* part of whole in percent with two decimals ("%.2f"). */
static char *put_percent(char *p, unsigned long long part,
			 unsigned long long whole, int width)
{
	unsigned long long h =
		whole ? (unsigned long long)(((unsigned __int128)part * 20000 +
					      whole) / (2 * (unsigned __int128)whole))
		      : 0;
	p = put_spaces(p, width - (udec_width(h / 100) + 3));
	p = put_udec(p, h / 100, 0, ' ');
	*p++ = '.';
	return put_udec(p, h % 100, 2, '0');
}

static const char *row_name(int nr)
{
	const struct syscall_signature *s = syscall_lookup(nr);
	return s ? s->name : "?";
}

static int name_length(const char *s)
{
	int n = 0;
	while (s[n])
		n++;
	return n;
}

static int name_order(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static unsigned long long row_min(const struct summary_row *r)
{
	return r->min_nsec_plus1 ? r->min_nsec_plus1 - 1 : 0;
}

/* Whether row a sorts before row b under key (ties keep syscall order). */
static int sorts_before(int key, int a, int b)
{
	const struct summary_row *x = &summary[a], *y = &summary[b];
	switch (key) {
	case SUMMARY_TIME_PERCENT:
	case SUMMARY_TOTAL_TIME:
		return x->nsec > y->nsec;
	case SUMMARY_MIN_TIME:
		return row_min(x) > row_min(y);
	case SUMMARY_MAX_TIME:
		return x->max_nsec > y->max_nsec;
	case SUMMARY_AVG_TIME:
		return x->nsec / x->calls > y->nsec / y->calls;
	case SUMMARY_CALLS:
		return x->calls > y->calls;
	case SUMMARY_ERRORS:
		return x->errors > y->errors;
	case SUMMARY_NAME:
		return name_order(row_name(a), row_name(b)) < 0;
	}
	return 0;
}

struct summary_totals {
	unsigned long long ns, min_ns, min_max_ns, max_ns, avg_max_us;
	unsigned long calls, errors;
	int name_max;
};

static int column_width(int c, const struct summary_totals *t)
{
	int w = 0, head = 0;
	switch (c) {
	case SUMMARY_TIME_PERCENT: head = 6; w = 6; break;
	case SUMMARY_TOTAL_TIME: head = 11; w = udec_width((t->ns + 500) / 1000 / 1000000) + 7; break;
	case SUMMARY_MIN_TIME: head = 8; w = udec_width(t->min_max_ns / 1000000000ULL) + 7; break;
	case SUMMARY_MAX_TIME: head = 7; w = udec_width(t->max_ns / 1000000000ULL) + 7; break;
	case SUMMARY_AVG_TIME: head = 11; w = udec_width(t->avg_max_us); break;
	case SUMMARY_CALLS: head = 9; w = udec_width(t->calls); break;
	case SUMMARY_ERRORS: head = 9; w = udec_width(t->errors); break;
	case SUMMARY_NAME: head = 16; w = t->name_max + 1; break;
	}
	return w > head ? w : head;
}

static const char *column_heading(int c)
{
	static const char *const head[SUMMARY_COLUMNS] = {
		[SUMMARY_TIME_PERCENT] = "% time",
		[SUMMARY_TOTAL_TIME] = "seconds",
		[SUMMARY_MIN_TIME] = "shortest",
		[SUMMARY_MAX_TIME] = "longest",
		[SUMMARY_AVG_TIME] = "usecs/call",
		[SUMMARY_CALLS] = "calls",
		[SUMMARY_ERRORS] = "errors",
		[SUMMARY_NAME] = "syscall",
	};
	return head[c];
}

/* One cell: row nr's value of column c, or the totals' with nr < 0. */
static char *put_cell(char *p, int c, int nr, int width, int last,
		      const struct summary_totals *t)
{
	const struct summary_row *r = nr >= 0 ? &summary[nr] : 0;
	unsigned long calls = r ? r->calls : t->calls;
	unsigned long errors = r ? r->errors : t->errors;
	unsigned long long ns = r ? r->nsec : t->ns;
	switch (c) {
	case SUMMARY_TIME_PERCENT:
		return put_percent(p, ns, r ? t->ns : ns, width);
	case SUMMARY_TOTAL_TIME:
		return put_seconds(p, ns, width);
	case SUMMARY_MIN_TIME:
		return put_seconds(p, r ? row_min(r) : t->min_ns, width);
	case SUMMARY_MAX_TIME:
		return put_seconds(p, r ? r->max_nsec : t->max_ns, width);
	case SUMMARY_AVG_TIME:
		return put_udec(p, calls ? ns / calls / 1000 : 0, width, ' ');
	case SUMMARY_CALLS:
		return put_udec(p, calls, width, ' ');
	case SUMMARY_ERRORS:
		/* strace's "%.0u": no digit for none. */
		return errors ? put_udec(p, errors, width, ' ')
			      : put_spaces(p, width);
	case SUMMARY_NAME: {
		const char *name = r ? row_name(nr) : "total";
		p = put_str(p, name);
		return last ? p : put_spaces(p, width - name_length(name));
	}
	}
	return p;
}

void trace_output_summary(struct trace_output *o)
{
	trace_output_fold_counts(o);
	if (!summary_printer)
		return;
	const struct trace_options *opts = o->opts;
	int ncol = opts->summary_ncolumns;
	const uint8_t *col = opts->summary_columns;
	struct summary_totals t = {0, ~0ULL, 0, 0, 0, 0, 0, 0};
	for (int nr = 0; nr < TRACE_MAX_NR; nr++) {
		const struct summary_row *r = &summary[nr];
		if (!r->calls)
			continue;
		t.ns += r->nsec;
		t.calls += r->calls;
		t.errors += r->errors;
		if (row_min(r) < t.min_ns)
			t.min_ns = row_min(r);
		if (row_min(r) > t.min_max_ns)
			t.min_max_ns = row_min(r);
		if (r->max_nsec > t.max_ns)
			t.max_ns = r->max_nsec;
		if (r->nsec / r->calls / 1000 > t.avg_max_us)
			t.avg_max_us = r->nsec / r->calls / 1000;
		if (name_length(row_name(nr)) > t.name_max)
			t.name_max = name_length(row_name(nr));
	}
	if (!t.calls)
		t.min_ns = 0;
	int width[SUMMARY_COLUMNS];
	for (int i = 0; i < ncol; i++)
		width[col[i]] = column_width(col[i], &t);
	char line[512];
	char *p = line;
	for (int i = 0; i < ncol; i++) {
		const char *h = column_heading(col[i]);
		if (i)
			*p++ = ' ';
		if (col[i] != SUMMARY_NAME)
			p = put_spaces(p, width[col[i]] - name_length(h));
		p = put_str(p, h);
		if (col[i] == SUMMARY_NAME && i + 1 < ncol)
			p = put_spaces(p, width[col[i]] - name_length(h));
	}
	*p++ = '\n';
	char rule[512];
	char *q = rule;
	for (int i = 0; i < ncol; i++) {
		if (i)
			*q++ = ' ';
		for (int k = 0; k < width[col[i]]; k++)
			*q++ = '-';
	}
	*q++ = '\n';
	emit(o, line, (size_t)(p - line));
	emit(o, rule, (size_t)(q - rule));
	static uint8_t done[TRACE_MAX_NR];
	for (int nr = 0; nr < TRACE_MAX_NR; nr++)
		done[nr] = 0;
	for (;;) {
		int best = -1;
		for (int nr = 0; nr < TRACE_MAX_NR; nr++)
			if (summary[nr].calls && !done[nr] &&
			    (best < 0 || sorts_before(opts->summary_sort, nr, best)))
				best = nr;
		if (best < 0)
			break;
		done[best] = 1;
		p = line;
		for (int i = 0; i < ncol; i++) {
			if (i)
				*p++ = ' ';
			p = put_cell(p, col[i], best, width[col[i]], i + 1 == ncol, &t);
		}
		*p++ = '\n';
		emit(o, line, (size_t)(p - line));
	}
	emit(o, rule, (size_t)(q - rule));
	p = line;
	for (int i = 0; i < ncol; i++) {
		if (i)
			*p++ = ' ';
		p = put_cell(p, col[i], -1, width[col[i]], i + 1 == ncol, &t);
	}
	*p++ = '\n';
	emit(o, line, (size_t)(p - line));
}

