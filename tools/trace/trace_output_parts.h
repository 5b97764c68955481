/* trace_output_parts: what the files of the trace output share (internal
 * to //tools/trace:trace_output; trace_output.h is its face).
 *
 *   trace_output.c         opening the output; a line's framing: the pid
 *                          prefix, timestamps, -T, lines of calls, plain
 *                          lines, events, calls that never return
 *   trace_fd_guard.c       our descriptors, hidden from the program's close,
 *                          close_range, dup2, dup3 and everything else
 *   trace_threads.c        each thread's state: the registry, found through
 *                          systrap's per-thread storage or by tid; a thread's
 *                          exit, a fork child's reset
 *   trace_buffer.c         per-thread buffering, the entry half of a line
 *                          whose call waits (partial lines), line buffers
 *   trace_ring_producer.c  the launcher's ring: records of lines and
 *                          events, the pid table, own calls when confined
 *   trace_summary.c        -c: counting, a -f tree's shared table, the
 *                          table printed (trace_summary_table.c lays it
 *                          out)
 */
#ifndef TOOLS_TRACE_TRACE_OUTPUT_PARTS_H
#define TOOLS_TRACE_TRACE_OUTPUT_PARTS_H

#include "systrap/handlers/pidns.h"
#include "tools/trace/trace_output.h"
#include "tools/trace/text_put.h"
#include "tools/trace/trace_ring.h"

#define HIDDEN_FD_FLOOR 600
#define MAX_THREADS 1024

/* Not memcpy: this library is built with -fno-tree-loop-distribute-patterns
 * so the loop stays a loop and the trap path calls no libc. */
/* A word at a time: every traced line is copied into its buffer. (libc's
 * memcpy is not for the trap path; a fixed-size __builtin_memcpy is a
 * plain load and store.) */
static inline void copy(char *dst, const char *src, size_t n)
{
	for (; n >= 8; n -= 8, dst += 8, src += 8) {
		uint64_t w;
		__builtin_memcpy(&w, src, 8);
		__builtin_memcpy(dst, &w, 8);
	}
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

/* trace_output.c */
/* A line buffer for this nesting level: the thread's scratch, or (nested
 * deeper than PENDING_DEPTH, or no state) a small one on the stack. */
struct line_buf {
	struct trace_thread *t;
	char *buf;
	size_t cap;
};
void line_get(struct trace_output *o, struct line_buf *lb, char *fallback,
	      size_t fallback_cap);
void line_put(struct line_buf *lb);
char *put_prefix(struct trace_output *o, char *p, int multi,
		 const struct timespec *t);
/* A line's prefix and a call's entry half (at most half the buffer) into
 * lb; returns where the rest goes. */
char *put_prefixed_entry(struct trace_output *o, struct line_buf *lb,
			 int multi, const struct timespec *start,
			 const char *entry, size_t entry_len);
/* strace's " <unfinished ...>" in a call's "resumed>" half, or before ")
 * = ?" when the call never ends: its decoder had more to print at the end,
 * arguments or (poll, select) the ready set; not where the entry printed
 * every argument ("write(4, \"...\", 100000) = ?"). */
int entry_cut(const char *entry, size_t len,
	      const struct syscall_signature *sig);
static inline void emit(struct trace_output *o, const char *buf, size_t n)
{
	trace_output_emit(o, buf, n);
}

static inline unsigned long long elapsed(const struct timespec *a,
				  const struct timespec *b)
{
	long long ns = (b->tv_sec - a->tv_sec) * 1000000000LL +
		       (b->tv_nsec - a->tv_nsec);
	return ns > 0 ? (unsigned long long)ns : 0;
}

/* trace_fd_guard.c */
void hidden_add(int fd);
void hidden_remove(int fd);
int move_high(int fd);
int open_file(const struct trace_options *opts, int pid, int truncate);

/* trace_threads.c */
/* Every thread state this process made (trace_threads.c says more). */
extern struct trace_thread *registry[MAX_THREADS];
extern int registry_count;
/* Where each thread keeps its state's address in systrap's per-thread
 * storage (reserved by trace_output_open). */
extern long self_offset;

/* trace_buffer.c */
void write_all(int fd, const char *buf, size_t n);
/* Writes out t's lines if nobody else holds its buffer. */
void flush_state(struct trace_thread *t);
/* Text for thread tid's own file (-ff), as that thread (n <= RING_MAX_TEXT;
 * tid as the launcher sees it; fd: the file, without a ring). */
void emit_as(struct trace_output *o, int tid, int fd, const char *text,
	     size_t n, unsigned flags);
void emit_flags(struct trace_output *o, const char *text, size_t n,
		unsigned flags);

/* trace_ring_producer.c */
extern struct ring_header *ring;
void ring_put(const char *text, size_t n, unsigned flags);
/* text, then tail, in one record where they fit one (else one after the
 * other, the tail cut into records of whole lines). */
void ring_put_with_tail(const char *text, size_t n, const char *tail,
			size_t tail_len, unsigned flags);
/* One record (n <= RING_MAX_TEXT) in the name of thread tid of process pid
 * (both as the launcher sees them): -ff, a line for that thread's file. */
void ring_put_as(int tid, int pid, const char *text, size_t n,
		 unsigned flags);
int ring_map(struct trace_output *o);

/* trace_summary.c */
void calibrate_start(void);
void fold_one(struct trace_thread *t);
/* -c alone: t's ring set freed (folded first), t counting nowhere until its
 * next count; after a fork, the parent's counts forgotten in t. */
void counts_detach(struct trace_thread *t);
void counts_forget_parents(struct trace_thread *t);
/* A forked copy of a process (no exec) counts into the shared -c table
 * but never prints it: the root does, once (strace prints one table). */
void summary_after_fork(void);

#endif
