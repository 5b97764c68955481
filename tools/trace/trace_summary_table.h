/* -c's table as strace 6.1 prints it (count.c's layout: -U's columns, -S's
 * order), from one row per syscall number. Shared by the traced image,
 * which prints its counts (trace_summary.c), and the launcher, which
 * prints the one row of a PROG whose exec failed (no image ever ran
 * there), so the two never lay it out differently. No libc: the image
 * prints it on the trap path. */
#ifndef TOOLS_TRACE_TRACE_SUMMARY_TABLE_H
#define TOOLS_TRACE_TRACE_SUMMARY_TABLE_H

#include <stddef.h>

#include "systrap/handlers/trace_options.h"

/* One syscall's counts (TRACE_MAX_NR of them: the ring's table is these). */
struct summary_row {
	unsigned long calls, errors;
	unsigned long long nsec;
	/* -U's shortest and longest: the shortest plus one (0: none). */
	unsigned long long min_nsec_plus1, max_nsec;
};

/* The table of rows[TRACE_MAX_NR] under opts's -U and -S, handed to put
 * a line at a time (each ending in a newline). */
void summary_table_put(const struct summary_row *rows,
		       const struct trace_options *opts,
		       void (*put)(void *arg, const char *text, size_t n),
		       void *arg);

#endif
