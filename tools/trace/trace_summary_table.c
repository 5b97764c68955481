/* -c's table, laid out as strace 6.1's count.c lays it out (see the
 * header). Columns and sort key from -U and -S; each column as wide as its
 * heading or its widest value; integer arithmetic only (no libc here). */
#include "tools/trace/trace_summary_table.h"

#include "systrap/handlers/syscall_table.h"
#include "tools/trace/text_put.h"

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
static int sorts_before(const struct summary_row *summary, int key, int a,
			int b)
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
static char *put_cell(const struct summary_row *summary, char *p, int c,
		      int nr, int width, int last,
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

void summary_table_put(const struct summary_row *summary,
		       const struct trace_options *opts,
		       void (*put)(void *arg, const char *text, size_t n),
		       void *arg)
{
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
	/* strace prints no table where it counted no call (-e trace=none,
	 * a -P path never named, calls that never returned). */
	if (!t.calls)
		return;
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
	put(arg, line, (size_t)(p - line));
	put(arg, rule, (size_t)(q - rule));
	static uint8_t done[TRACE_MAX_NR];
	for (int nr = 0; nr < TRACE_MAX_NR; nr++)
		done[nr] = 0;
	for (;;) {
		int best = -1;
		for (int nr = 0; nr < TRACE_MAX_NR; nr++)
			if (summary[nr].calls && !done[nr] &&
			    (best < 0 || sorts_before(summary, opts->summary_sort, nr, best)))
				best = nr;
		if (best < 0)
			break;
		done[best] = 1;
		p = line;
		for (int i = 0; i < ncol; i++) {
			if (i)
				*p++ = ' ';
			p = put_cell(summary, p, col[i], best, width[col[i]], i + 1 == ncol, &t);
		}
		*p++ = '\n';
		put(arg, line, (size_t)(p - line));
	}
	put(arg, rule, (size_t)(q - rule));
	p = line;
	for (int i = 0; i < ncol; i++) {
		if (i)
			*p++ = ' ';
		p = put_cell(summary, p, col[i], -1, width[col[i]], i + 1 == ncol, &t);
	}
	*p++ = '\n';
	put(arg, line, (size_t)(p - line));
}

