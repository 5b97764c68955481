/* Where trace lines go, and how they are laid out: the pid prefix, strace's
 * timestamps, -T durations, the -c summary. One write() per line, to a file
 * descriptor the program can neither see nor close. */
#ifndef TOOLS_TRACE_TRACE_OUTPUT_H
#define TOOLS_TRACE_TRACE_OUTPUT_H

#include <stddef.h>
#include <time.h>

#include "systrap/handlers/format.h"
#include "systrap/handlers/trace_options.h"
#include "systrap/systrap.h"

struct trace_output {
	int fd;              /* ours, high and close-on-exec */
	int to_file;         /* -o */
	int follow;          /* -f: prefixes */
	const struct trace_options *opts;
	struct timespec last; /* -r */
};

/* Opens the output (at start-up). 0 or -errno. */
int trace_output_open(struct trace_output *o, const struct trace_options *opts,
		      int pid);

/* Keeps our fd out of reach of close/close_range/dup2/dup3 (pre hook). */
void trace_output_guard_fd(struct trace_output *o, struct systrap_call *call);

size_t trace_output_prefix_width(const struct trace_output *o, int multi);

void trace_output_line(struct trace_output *o, const struct trace_options *opts,
		       const struct format_options *fmt, int multi,
		       const char *entry, size_t entry_len, long nr,
		       const long args[6], long result,
		       const struct timespec *start, const struct timespec *end,
		       int injected);

/* exit and exit_group: "= ?" and, for exit_group, "+++ exited with N +++"
 * and the -c summary. */
void trace_output_noreturn(struct trace_output *o, struct systrap_call *call,
			   const struct trace_options *opts,
			   struct format_options *fmt, int multi,
			   int print_call);

void trace_output_sigreturn(struct trace_output *o, struct systrap_call *call,
			    const struct trace_options *opts,
			    struct format_options *fmt, int multi);

/* -c bookkeeping for a call that is not printed (-z/-Z). */
void trace_output_count(struct trace_output *o, long nr, long result,
			const struct timespec *start,
			const struct timespec *end);

/* In a new child process: -ff opens its own file. */
void trace_output_after_fork(struct trace_output *o,
			     const struct trace_options *opts);

void trace_output_flush(struct trace_output *o);

#endif
