#include "tools/trace/trace_output.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>

#include "systrap/arch/context.h"
#include "systrap/arch/cycles.h"
#include "systrap/core/syscall_behaviour.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/text_buffer.h"
#include "systrap/systrap.h"
#include "tools/trace/trace_output_parts.h"
#include "tools/trace/trace_ring.h"
#include "tools/trace/trace_stack.h"

int trace_confined;
int trace_ticks_gone;

uint64_t trace_ticks(void)
{
	return __atomic_load_n(&trace_ticks_gone, __ATOMIC_RELAXED)
		       ? 0
		       : arch_cycles();
}

size_t trace_read_memory(void *dst, uintptr_t src, size_t n)
{
	/* Confined: only what needs no call of ours (the sandbox may forbid
	 * the kernel's copy). */
	if (__atomic_load_n(&trace_confined, __ATOMIC_RELAXED))
		return systrap_read_memory_without_syscalls(dst, src, n);
	return systrap_read_memory(dst, src, n);
}

int trace_output_open(struct trace_output *o, const struct trace_options *opts,
		      int pid)
{
	if (self_offset < 0)
		self_offset = systrap_thread_reserve(sizeof(struct trace_thread *));
	if (opts->summary == 1)
		calibrate_start();
	o->opts = opts;
	o->follow = opts->follow_forks;
	o->pid_prefix = opts->follow_forks;
	o->to_file = opts->output[0] != 0;
	o->json = opts->json;
	o->events = opts->json || opts->timeline_given;
	/* A trace on stderr shares the terminal or pipe with the program's
	 * own output: written at once, it interleaves as it happened. */
	o->buffered = o->to_file;
	o->ring = 0;
	if (!ring_map(o)) {
		/* The launcher decided the destination once, and writes it. */
		o->ring = 1;
		o->buffered = 0;
		o->fd = -1;
		trace_output_register(pid);
		return 0;
	}
	/* A launcher's '|CMD' that this image cannot reach (the ring would not
	 * open): stderr, rather than a file named after the command. */
	int piped = opts->output[0] == '|' || opts->output[0] == '!';
	if (o->to_file && !piped) {
		/* Only the first process of a trace truncates the file (the
		 * launcher's child starts with SYSTRAP_TRACE_STARTED set). */
		const char *started = getenv("SYSTRAP_TRACE_STARTED");
		o->fd = open_file(opts, pid, !started || opts->output_per_process);
		if (o->fd < 0)
			return o->fd;
		if (!started)
			systrap_keep_env("SYSTRAP_TRACE_STARTED=1");
	} else {
		long fd = raw_fcntl(2, F_DUPFD_CLOEXEC, HIDDEN_FD_FLOOR);
		if (fd < 0)
			return (int)fd;
		o->fd = move_high((int)fd);
		hidden_add(o->fd);
	}
	return 0;
}

/* -Y: the thread's "<comm>" after its pid (strace's print_comm_str of the
 * name it last loaded: at the start, an exec, a PR_SET_NAME; read here as
 * the line is written). buf holds 80 bytes. */
static size_t prefix_comm(const struct trace_output *o, char *buf)
{
	if (!(o->opts->decode_pids & FORMAT_PID_COMM))
		return 0;
	if (o->comm_override) {
		size_t n = 0;
		while (n < 79 && o->comm_override[n]) {
			buf[n] = o->comm_override[n];
			n++;
		}
		return n;
	}
	return pidns_own_comm(buf, 80, o->opts->hex_strings);
}

/* Whether this thread's line on a shared place (stderr) carries strace's
 * "[pid N] ". Where the launcher counts the tasks traced (trace_ring.h,
 * live_tasks): while more than one is, as strace's nprocs > 1, so that the
 * shell's lines after its last child ended have none again; the line of a
 * fork-like call as strace printed its entry, before the child it counts
 * (trace_thread's counting_child). Else from the first second writer on
 * (multi). */
static int shows_pid(const struct trace_output *o, int multi)
{
	if (!o->ring || !ring ||
	    !__atomic_load_n(&ring->live_counted, __ATOMIC_RELAXED))
		return multi;
	int n = __atomic_load_n(&ring->live_tasks, __ATOMIC_RELAXED) -
		o->tasks_said_ended;
	/* (Not found where threads share the TLS: a threaded process's fork
	 * line goes by the count after it.) */
	const struct trace_thread *t = trace_thread_peek();
	if (t && t->counting_child && t->counting_child == t->owner &&
	    !t->vfork_child && !t->counting_now)
		n = t->live_at_entry;
	return n > 1;
}

int trace_output_live_tasks(struct trace_output *o, int delta)
{
	if (!o->ring || !ring ||
	    !__atomic_load_n(&ring->live_counted, __ATOMIC_RELAXED))
		return 0;
	return __atomic_add_fetch(&ring->live_tasks, delta, __ATOMIC_RELAXED);
}

void trace_output_end_counted(struct trace_output *o, int pid, int who)
{
	if (o->ring && ring &&
	    __atomic_load_n(&ring->live_counted, __ATOMIC_RELAXED) &&
	    ring_claim_end(ring, pid, who) == 0 && who == RING_END_BY_REAPER)
		__atomic_sub_fetch(&ring->live_tasks, 1, __ATOMIC_RELAXED);
}

size_t trace_output_prefix_width(const struct trace_output *o, int multi)
{
	multi = shows_pid(o, multi);
	size_t digits = 0, w = 0;
	char comm[80];
	size_t comm_len = o->pid_prefix ? prefix_comm(o, comm) : 0;
	if (o->pid_prefix) {
		struct trace_thread *t =
			trace_thread_self((struct trace_output *)o);
		long tid = t ? trace_thread_shown_tid(t)
			     : trace_shown_pid((int)raw_gettid(), PIDNS_TID);
		digits = (size_t)udec_width((unsigned long long)tid);
	}
	if (o->pid_prefix && o->to_file && !o->opts->output_per_process)
		/* "%-5d ", or "%d<comm> " */
		w = (comm_len ? digits + comm_len : digits < 5 ? 5 : digits) + 1;
	else if (o->pid_prefix && multi && !o->to_file)
		/* "[pid  1234] ", "[pid  1234<comm>] " */
		w = 6 + (digits < 5 ? 5 : digits) + comm_len + 2;
	w += trace_time_width(o->opts) + trace_relative_width(o->opts);
	return w + trace_lead_width(o->opts);
}


/* -r: ns since the line before this one. With a ring that is any
 * process's line (strace -f -r counts from the last line it printed,
 * whoever made the call), else this process's. */
static long long since_last_line(struct trace_output *o,
				 const struct timespec *t, int chain)
{
	long long now = ring_ns(t);
	if (o->ring && ring) {
		long long stored;
		long long since = ring_since_last_line(ring, now, chain, &stored);
		struct trace_thread *self = chain ? trace_thread_peek() : 0;
		if (self)
			self->stamp_mark = stored;
		return since;
	}
	long long before = o->last.tv_sec ? ring_ns(&o->last) : 0;
	o->last = *t;
	return before ? now - before : 0;
}

/* The prefix of a line of thread tid (lead: its -n/-i state, or none). */
/* chain: -r counts the next line from this one (0: a line that may not
 * be written, trace_output_end_at_launcher). */
static char *put_prefix_chained(struct trace_output *o, char *p, int multi,
				const struct timespec *t, long tid,
				const struct trace_lead *lead, int chain)
{
	char comm[80];
	size_t comm_len = 0;
	multi = shows_pid(o, multi);
	/* -ff files hold one thread each: no pid on the line. */
	if (o->pid_prefix && o->to_file && !o->opts->output_per_process) {
		/* strace's "%-5d ": the pid left-justified in five columns,
		 * then a space ("1234  ", "31926 ", "123456 "); with -Y
		 * "%d<comm> ". */
		char *start = p;
		p = put_udec(p, (unsigned long long)tid, 0, ' ');
		comm_len = prefix_comm(o, comm);
		for (size_t i = 0; i < comm_len; i++)
			*p++ = comm[i];
		while (!comm_len && p - start < 5)
			*p++ = ' ';
		*p++ = ' ';
	} else if (o->pid_prefix && multi && !o->to_file) {
		p = put_str(p, "[pid ");
		p = put_udec(p, (unsigned long long)tid, 5, ' ');
		comm_len = prefix_comm(o, comm);
		for (size_t i = 0; i < comm_len; i++)
			*p++ = comm[i];
		p = put_str(p, "] ");
	}
	const struct trace_options *opts = o->opts;
	if (t)
		p = trace_time_put(p, opts, t);
	if (opts->relative_timestamps && t)
		p = trace_relative_put(p, opts, since_last_line(o, t, chain));
	return trace_lead_put(p, opts, lead);
}

static char *put_prefix_of(struct trace_output *o, char *p, int multi,
			   const struct timespec *t, long tid,
			   const struct trace_lead *lead)
{
	return put_prefix_chained(o, p, multi, t, tid, lead, 1);
}

static char *put_own_prefix(struct trace_output *o, char *p, int multi,
			    const struct timespec *t, int chain)
{
	struct trace_thread *th = trace_thread_self(o);
	long tid = th ? trace_thread_shown_tid(th)
		      : trace_shown_pid((int)raw_gettid(), PIDNS_TID);
	return put_prefix_chained(o, p, multi, t, tid, th ? &th->lead : 0,
				  chain);
}

char *put_prefix(struct trace_output *o, char *p, int multi,
		 const struct timespec *t)
{
	return put_own_prefix(o, p, multi, t, 1);
}

/* -r: whether no line was stamped since the one stamped at t (the entry
 * half of a call the launcher holds open: it will most likely write the
 * call's rest on that line, with no stamp of its own). */
static int last_stamped_at(struct trace_output *o, const struct timespec *t)
{
	return o->ring && ring &&
	       __atomic_load_n(&ring->last_line_ns, __ATOMIC_RELAXED) ==
		       ring_ns(t);
}

size_t trace_output_pid_prefix(struct trace_output *o, char *buf, int multi)
{
	return (size_t)(put_prefix(o, buf, multi, 0) - buf);
}

void line_get(struct trace_output *o, struct line_buf *lb,
	      char *fallback, size_t fallback_cap)
{
	lb->t = trace_thread_self(o);
	lb->buf = lb->t ? trace_scratch_get(lb->t) : 0;
	lb->cap = LINE_MAX_LEN;
	if (!lb->buf) {
		lb->buf = fallback;
		lb->cap = fallback_cap;
	}
}

void line_put(struct line_buf *lb)
{
	if (lb->cap == LINE_MAX_LEN && lb->t)
		trace_scratch_put(lb->t);
}

void trace_output_line(struct trace_output *o, const struct trace_options *opts,
		       const struct format_options *fmt, int multi,
		       const struct trace_call_line *l)
{
	trace_output_line_rest(o, opts, fmt, multi, l, 0);
}

/* What follows a call's entry half at column: the result, -T's time, and
 * the newline. */
static char *exit_part(char *p, size_t room, size_t column,
		       const struct trace_options *opts,
		       const struct format_options *fmt,
		       const struct trace_call_line *l)
{
	size_t n = format_syscall_exit_at_column(p, room, column, l->nr, l->args,
						 l->result, fmt,
						 trace_read_memory);
	p += n < room ? n : room - 1;
	if (l->injected) /* 1 an error, 2 a value (retval=N) */
		p = put_str(p, " (INJECTED)");
	if (opts->syscall_times)
		p = trace_duration_put(p, opts, elapsed(l->start, l->end));
	*p++ = '\n';
	return p;
}

void trace_output_line_rest(struct trace_output *o,
			    const struct trace_options *opts,
			    const struct format_options *fmt, int multi,
			    const struct trace_call_line *l, int rest_only)
{
	const char *entry = l->entry;
	size_t entry_len = l->entry_len;
	if (opts->summary) /* an injected retval=N is no error */
		trace_output_count(o, l->nr, l->injected == 2 ? 0 : l->result,
				   l->start, l->end);
	if (opts->summary == 1)
		return;
	char small[512];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	char *line = lb.buf;
	struct trace_thread *self = l->resumed ? trace_thread_peek() : 0;
	if (self) /* as trace_output_end_at_launcher's */
		self->counting_now = 1;
	char *p = put_prefix(o, line, multi, l->resumed ? l->end : l->start);
	if (self)
		self->counting_now = 0;
	size_t column = (size_t)(p - line) + entry_len;
	if (entry_len > lb.cap / 2)
		entry_len = lb.cap / 2;
	copy(p, entry, entry_len);
	p += entry_len;
	char *rest = p;
	p = exit_part(p, (size_t)(line + lb.cap - 64 - p), column, opts, fmt, l);
	if (rest_only) {
		/* The prefix and entry are in the file already, with nothing
		 * after them. */
		struct trace_thread *t = trace_thread_self(o);
		write_all(t ? t->fd : o->fd, rest, (size_t)(p - rest));
	} else {
		emit(o, line, (size_t)(p - line));
	}
	line_put(&lb);
}

char *put_prefixed_entry(struct trace_output *o, struct line_buf *lb,
			 int multi, const struct timespec *start,
			 const char *entry, size_t entry_len)
{
	char *p = put_prefix(o, lb->buf, multi, start);
	if (entry_len > lb->cap / 2)
		entry_len = lb->cap / 2;
	copy(p, entry, entry_len);
	return p + entry_len;
}

int entry_cut(const char *entry, size_t len,
	      const struct syscall_signature *sig)
{
	return (len >= 2 && entry[len - 2] == ',' && entry[len - 1] == ' ') ||
	       (sig && sig->ret_kind == RET_READY);
}

/* Spaces up to -a's column, where strace puts a result (from line, where
 * the line starts, no further than pad_end). */
static char *put_result_column(char *p, const char *line, int columns,
			       const char *pad_end)
{
	for (size_t col = (size_t)(p - line); (int)col < columns - 1 && p < pad_end; col++)
		*p++ = ' ';
	return p;
}

/* A call's unknown result, " = ?", at -a's column. */
static char *put_unknown_result(char *p, const char *line, int columns,
				const char *pad_end)
{
	return put_str(put_result_column(p, line, columns, pad_end), " = ?\n");
}

/* The line of a call whose end will never come (it does not return, or
 * the program's filter kills it): the prefix, the entry and ")", into lb
 * from its start; returns where the result goes. */
static char *put_unended_call(struct trace_output *o, struct line_buf *lb,
			      int multi, const struct timespec *t,
			      const struct systrap_call *call,
			      struct format_options *fmt)
{
	char *p = put_prefix(o, lb->buf, multi, t);
	fmt->line_prefix_width = (int)(p - lb->buf);
	size_t room = lb->cap / 2;
	size_t n = format_syscall_entry(p, room, call->nr, call->args, fmt,
					trace_read_memory);
	if (n >= room)
		n = room - 1;
	p += n;
	*p++ = ')';
	return p;
}

size_t trace_output_open_at_launcher(struct trace_output *o, int multi,
				     const struct timespec *start, long nr,
				     const char *entry, size_t entry_len,
				     long long *entry_mark,
				     uint64_t *entry_reserve)
{
	char small[512];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	/* RING_OPEN's head: whether cut, the name's length, the name. */
	const struct syscall_signature *sig = syscall_lookup(nr);
	size_t name_len = 0;
	while (sig && sig->name[name_len] && name_len < RING_OPEN_NAME_MAX)
		name_len++;
	lb.buf[0] = (char)entry_cut(entry, entry_len, sig);
	lb.buf[1] = (char)name_len;
	copy(lb.buf + 2, sig ? sig->name : "", name_len);
	size_t head = 2 + name_len;
	struct line_buf line = {lb.t, lb.buf + head, lb.cap - head};
	if (lb.t)
		lb.t->stamp_mark = 0;
	char *p = put_prefixed_entry(o, &line, multi, start, entry, entry_len);
	size_t column = (size_t)(p - line.buf);
	if (lb.t)
		lb.t->ring_reserved_to = 0;
	emit_flags(o, lb.buf, head + column, RING_OPEN);
	/* Its stamp's mark as its put left it (emit_flags). */
	*entry_mark = lb.t ? lb.t->stamp_mark : 0;
	*entry_reserve = lb.t ? lb.t->ring_reserved_to : 0;
	line_put(&lb);
	return column;
}

void trace_output_pending_at_launcher(struct trace_output *o, int multi,
				      const struct timespec *start, long nr,
				      const char *entry, size_t entry_len)
{
	if (!o->ring)
		return;
	char small[1024];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	lb.buf[0] = 1;
	struct line_buf line = {lb.t, lb.buf + 1, lb.cap - 1};
	char *p = put_prefixed_entry(o, &line, multi, start, entry, entry_len);
	/* As the staged exit_group writes a call it ends (put_waiting_call):
	 * the padding within the line, room kept for the result. */
	p = put_str(p, entry_cut(entry, entry_len, syscall_lookup(nr))
			       ? " <unfinished ...>)"
			       : ")");
	p = put_unknown_result(p, line.buf, o->opts->columns,
			       line.buf + line.cap - 8);
	emit_flags(o, lb.buf, (size_t)(p - lb.buf), RING_PENDING);
	line_put(&lb);
}

void trace_output_nothing_pending(struct trace_output *o)
{
	/* A record with no line: no open line of ours is ended for it. */
	static const char ended = 0;
	if (o->ring)
		ring_put(&ended, 1, RING_PENDING);
}

void trace_output_end_at_launcher(struct trace_output *o,
				  const struct trace_options *opts,
				  const struct format_options *fmt, int multi,
				  const struct trace_call_line *l,
				  size_t open_column, const char *head,
				  size_t head_len)
{
	if (opts->summary)
		trace_output_count(o, l->nr, l->result, l->start, l->end);
	if (opts->summary == 1)
		return;
	char small[1024];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	/* Both forms in one record: each at most half the buffer. */
	size_t half = (lb.cap - 4) / 2;
	char *rest = lb.buf + 4;
	char *p = exit_part(rest, half - 96, open_column, opts, fmt, l);
	uint32_t n1 = (uint32_t)(p - rest);
	copy(lb.buf, (const char *)&n1, sizeof n1);
	char *line = p;
	/* "<... name resumed>": stamped when the call ended, as strace's.
	 * It counts for -r's next line only if a line came between (else
	 * the launcher writes the rest, unstamped, after the entry half). */
	/* The count now, where the entry half went by the count before a
	 * fork-like call's child (strace prints its resumed half once the
	 * child is counted). */
	struct trace_thread *self = trace_thread_peek();
	if (self)
		self->counting_now = 1;
	/* -r: whether a line came since the entry half, as near as the
	 * process can tell how the launcher will judge it
	 * (ring_line_came_after); asked again below, just before the
	 * rest's own record is reserved. */
	int marked = l->entry_mark && o->ring && ring;
	int since_entry = marked ? ring_line_came_after(ring, l->entry_mark,
							l->entry_reserve)
				 : !last_stamped_at(o, l->start);
	p = put_own_prefix(o, p, multi, l->end, since_entry);
	if (self)
		self->counting_now = 0;
	if (head_len > half / 2)
		head_len = half / 2;
	copy(p, head, head_len);
	p += head_len;
	size_t room = (size_t)(lb.buf + lb.cap - 96 - p);
	p = exit_part(p, room, (size_t)(p - line), opts, fmt, l);
	/* A line reserved while this one was formatted comes between as
	 * well: the stamp counts from here then. (Still unseen: one reserved
	 * between this look and our own reservation, a few instructions
	 * on; only the launcher, which orders the lines, could tell that.) */
	if (marked && !since_entry &&
	    ring_line_came_after(ring, l->entry_mark, l->entry_reserve))
		ring_since_last_line(ring, ring_ns(l->end), 1, 0);
	emit_flags(o, lb.buf, (size_t)(p - lb.buf), RING_REST);
	line_put(&lb);
}

static void plain(struct trace_output *o, int multi, const char *text,
		  size_t n, unsigned flags)
{
	char small[512];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	struct timespec t = {0, 0};
	if (o->opts->timestamps || o->opts->relative_timestamps)
		trace_clock(&t);
	char *p = put_prefix(o, lb.buf, multi, &t);
	size_t room = (size_t)(lb.buf + lb.cap - 1 - p);
	if (n > room)
		n = room;
	copy(p, text, n);
	p += n;
	*p++ = '\n';
	emit_flags(o, lb.buf, (size_t)(p - lb.buf), flags);
	line_put(&lb);
}

void trace_output_plain(struct trace_output *o, int multi, const char *text,
			size_t n)
{
	plain(o, multi, text, n, 0);
}

void trace_output_plain_end(struct trace_output *o, int multi,
			    const char *text, size_t n)
{
	plain(o, multi, text, n, RING_END);
}

void trace_output_call_event(struct trace_output *o,
			     const struct format_options *fmt,
			     const struct trace_call_line *l, unsigned flags)
{
	if (!o->events || !ring)
		return;
	char small[512];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	/* A column past strace's 40: " = " with no padding before it. */
	size_t n = format_syscall_exit_at_column(lb.buf, lb.cap, 1000, l->nr,
						 l->args, l->result, fmt,
						 trace_read_memory);
	if (n >= lb.cap)
		n = lb.cap - 1;
	struct trace_event e = {
		.kind = RING_EV_CALL, .flags = flags, .nr = l->nr,
		.args = l->args, .result = l->result, .start = l->start,
		.end = l->end, .text1 = l->entry, .n1 = l->entry_len,
		.text2 = lb.buf, .n2 = n,
	};
	trace_output_event(o, &e);
	line_put(&lb);
}

/* exit and exit_group as events: the call ("= ?"), then how the process
 * (exit_group, or -f's exit of a thread) ended. */
static void noreturn_events(struct trace_output *o, struct systrap_call *call,
			    const struct format_options *fmt, int print_call,
			    const struct timespec *t)
{
	if (print_call) {
		char entry[1024];
		size_t n = format_syscall_entry(entry, sizeof entry, call->nr,
						call->args, fmt,
						trace_read_memory);
		if (n >= sizeof entry)
			n = sizeof entry - 1;
		struct trace_call_line l = {entry, n, call->nr, call->args,
					    0, t, t, 0, 0, 0, 0};
		trace_output_call_event(o, fmt, &l, 0);
	}
	unsigned b = syscall_behaviour(call->nr);
	if ((b & SB_ENDS_PROCESS) || ((b & SB_ENDS_THREAD) && o->follow)) {
		/* A thread's exit ends its process only for its first thread. */
		struct trace_thread *me = trace_thread_self(o);
		int process = (b & SB_ENDS_PROCESS) ||
			      (me && !me->vfork_child && me->owner == me->pid);
		struct trace_event e = {
			.kind = RING_EV_EXIT,
			.flags = process ? 0 : RING_EV_THREAD,
			.nr = call->args[0] & 0xff, .start = t, .end = t,
		};
		trace_output_event(o, &e);
	}
}

/* Room a thread's end line takes at most: its prefix and the longest of
 * "<... name resumed> <unfinished ...>) = ?" and "+++ exited with 255 +++". */
#define THREAD_END_LINE 192

/* With -f, an exit_group ends every thread of the process, and strace,
 * which sees each end, prints it: the calls the other threads were in,
 * "<... name resumed>) = ?" (" <unfinished ...>" first when the call had
 * more to print at its end), then "+++ exited with N +++" for each thread,
 * the process's first thread last (the kernel reports it last). A thread
 * that never made a call we saw has no state and no line. */
struct waiting_call {
	int tid;
	const char *name; /* the call's, from the signature table */
	uintptr_t ip;     /* -i: after its syscall instruction */
	long nr;
	int cut;          /* it had more to print at its end */
};
#define WAITING_MAX 16 /* on a 16 KiB stack; more threads get their end only */

/* Another thread of this process (its tid, loaded once: it may be ending
 * right now), or 0. */
static int other_thread(const struct trace_thread *s, const struct trace_thread *self,
			int pid)
{
	if (!s || s == self || s->vfork_child || s->pid != pid)
		return 0;
	return __atomic_load_n(&s->owner, __ATOMIC_ACQUIRE);
}

/* The next other thread of process pid from registry slot *i on (its tid in
 * *tid), or NULL. */
static struct trace_thread *next_other_thread(int *i, const struct trace_thread *self,
					      int pid, int *tid)
{
	int n = __atomic_load_n(&registry_count, __ATOMIC_ACQUIRE);
	while (*i < n && *i < MAX_THREADS) {
		struct trace_thread *s = __atomic_load_n(&registry[(*i)++], __ATOMIC_ACQUIRE);
		if ((*tid = other_thread(s, self, pid)))
			return s;
	}
	return 0;
}

/* The call thread s is in, if it is waiting in one we trace (its pre hook
 * done, its post hook not begun), with its entry's length and signature
 * (NULL for a number the table lacks); NULL if none. Read once: the
 * thread may be leaving the call right now. */
static const struct pending *waiting_call_of(const struct trace_thread *s,
					     size_t *len,
					     const struct syscall_signature **sig)
{
	int depth = __atomic_load_n(&s->depth, __ATOMIC_ACQUIRE);
	if (depth < 1 || depth > PENDING_DEPTH)
		return 0;
	const struct pending *c = &s->pending[depth - 1];
	if (__atomic_load_n(&c->state, __ATOMIC_ACQUIRE) != PENDING_IN_KERNEL ||
	    !__atomic_load_n(&c->print, __ATOMIC_RELAXED))
		return 0;
	*len = __atomic_load_n(&c->entry_len, __ATOMIC_RELAXED);
	*sig = syscall_lookup(__atomic_load_n(&c->nr, __ATOMIC_RELAXED));
	if (!*len || *len >= sizeof c->entry)
		return 0;
	return c;
}

/* "<... name resumed>) = ?" (" <unfinished ...>" first when cut), padded
 * as strace pads it. */
static char *put_resumed_unknown(char *p, const char *line, const char *name,
				 int cut, int columns, const char *pad_end)
{
	p = put_str(p, "<... ");
	p = put_str(p, name);
	p = put_str(p, cut ? " resumed> <unfinished ...>)" : " resumed>)");
	return put_unknown_result(p, line, columns, pad_end);
}

/* Thread shown's waiting call c (nr, ip; its entry len bytes) as a line
 * from p: its entry half, "name(args <unfinished ...>", or whole (as
 * strace stages it under a status filter), "name(args <unfinished ...>)
 * = ?" padded for -a no further than pad_end ("pause() = ?": cut only
 * where the call had more to print). The entry is copied, then the call
 * checked: NULL when the thread left it meanwhile (its own line then says
 * so). */
static char *put_waiting_call(struct trace_output *o, char *p, int multi,
			      const struct timespec *t, int shown,
			      const struct pending *c, size_t len, long nr,
			      uintptr_t ip, int cut, int whole,
			      const char *pad_end)
{
	char *line = p;
	struct trace_lead lead = {nr + 1, ip};
	p = put_prefix_of(o, p, multi, t, shown, &lead);
	copy(p, c->entry, len);
	if (__atomic_load_n(&c->state, __ATOMIC_ACQUIRE) != PENDING_IN_KERNEL ||
	    __atomic_load_n(&c->nr, __ATOMIC_RELAXED) != nr)
		return 0;
	if (!whole)
		return put_str(p + len, " <unfinished ...>\n");
	p = put_str(p + len, cut ? " <unfinished ...>)" : ")");
	return put_unknown_result(p, line, o->opts->columns, pad_end);
}

/* The calls the process's other threads are in (their pre hook done,
 * their post hook not begun: the entry half is theirs no more); one whose
 * line was not begun yet is written now, "<unfinished ...>", as strace
 * wrote it at its entry. Before the exit_group's own line. Everything is
 * read once into locals and the call's state checked again after the
 * copy: the thread may leave the call meanwhile (its line then says so,
 * and at worst ours is one too many). */
/* staged (-e status= showing unfinished calls, after the exit_group's
 * line): strace staged each call's line whole, so a call the exit ends is
 * written whole now, "name(args <unfinished ...>) = ?", and none is left
 * to resume (returns 0). */
static int calls_of_other_threads(struct trace_output *o, int multi,
				  const struct timespec *t,
				  struct trace_thread *self,
				  struct waiting_call *w, int staged)
{
	int pid = trace_self_pid(), count = 0;
	char *line = self ? trace_scratch_get(self) : 0;
	struct trace_thread *s;
	int tid;
	for (int i = 0; count < WAITING_MAX && (s = next_other_thread(&i, self, pid, &tid));) {
		size_t len;
		const struct syscall_signature *sig;
		const struct pending *c = waiting_call_of(s, &len, &sig);
		if (!c || !sig)
			continue;
		long nr = __atomic_load_n(&c->nr, __ATOMIC_RELAXED);
		int partial = __atomic_load_n(&c->partial, __ATOMIC_RELAXED);
		uintptr_t ip = __atomic_load_n(&c->ip, __ATOMIC_RELAXED);
		int cut = entry_cut(c->entry, len, sig);
		if (!partial || staged) {
			char *end = line ? put_waiting_call(
				o, line, multi, t, trace_shown_pid(tid, PIDNS_TID), c,
				len, nr, ip, cut, staged, line + LINE_MAX_LEN - 8) : 0;
			if (!end)
				continue;
			emit_flags(o, line, (size_t)(end - line), 0);
			if (staged) {
				/* Written: a kill from outside now must not
				 * write it again from the launcher's copy. */
				trace_output_nothing_pending_of(
					trace_shown_pid(tid, PIDNS_TID));
				continue;
			}
		}
		w[count++] = (struct waiting_call){trace_shown_pid(tid, PIDNS_TID),
						   sig->name, ip, nr, cut};
	}
	if (line)
		trace_scratch_put(self);
	return count;
}

/* Thread tid's end line, text ("+++ ... +++", n bytes) after its prefix. */
static char *put_end_line(struct trace_output *o, char *p, int multi,
			  const struct timespec *t, int tid, long nr_plus1,
			  const char *text, size_t n)
{
	struct trace_lead lead = {nr_plus1, 0}; /* -i: no address for it */
	p = put_prefix_of(o, p, multi, t, tid, &lead);
	copy(p, text, n);
	p += n;
	*p++ = '\n';
	return p;
}

/* "+++ exited with N +++" into text[32]: its length. */
static size_t exited_text(char *text, int code)
{
	char *q = put_str(text, "+++ exited with ");
	q = put_udec(q, (unsigned long long)code, 0, ' ');
	return (size_t)(put_str(q, " +++") - text);
}

/* The end line (text) of every thread of this process we know, from p in
 * buf (cap bytes): the others' (RING_HELD: they may still write a line
 * before the kernel ends them, so the launcher holds these until the
 * process is gone), then the caller's, then the first thread's, last as
 * strace says it. Written RING_END, in chunks (a record holds
 * RING_MAX_TEXT). */
static void every_thread_ends(struct trace_output *o, char *buf, size_t cap,
			      char *p, unsigned flags, int multi,
			      const struct timespec *t,
			      struct trace_thread *self, const char *text,
			      size_t n)
{
	int pid = trace_self_pid();
	int self_tid = self ? trace_thread_tid(self) : (int)raw_gettid();
	struct trace_thread *s;
	int tid, others = 0;
	for (int i = 0; (s = next_other_thread(&i, self, pid, &tid));) {
		flags |= RING_HELD;
		if (tid == pid)
			continue; /* last, below */
		others++;
		/* Flushed before it could overflow: the first record may go
		 * out unheld only while no other thread was seen. */
		if ((size_t)(p - buf) + 3 * THREAD_END_LINE > cap) {
			emit_flags(o, buf, (size_t)(p - buf), flags);
			p = buf;
		}
		if (n)
			p = put_end_line(o, p, multi, t,
					 trace_shown_pid(tid, PIDNS_TID),
					 s->lead.nr_plus1, text, n);
	}
	/* -qq: the calls' ends (thread_ends), no "+++ exited" line. */
	if (!n) {
		if (p != buf)
			emit_flags(o, buf, (size_t)(p - buf), flags);
		return;
	}
	long own_nr = self ? self->lead.nr_plus1 : 0;
	if (self_tid != pid) {
		p = put_end_line(o, p, multi, t,
				 trace_shown_pid(self_tid, PIDNS_TID), own_nr,
				 text, n);
		others++;
	}
	o->tasks_said_ended = others;
	p = put_end_line(o, p, multi, t, trace_shown_pid(pid, PIDNS_TID),
			 self_tid == pid ? own_nr : 0, text, n);
	o->tasks_said_ended = 0;
	emit_flags(o, buf, (size_t)(p - buf), flags);
}

/* After the exit_group's line: the other threads' calls resumed, then
 * every thread's end, the first thread's last (also when it left earlier
 * with exit: strace says its end with the process's). Written RING_END;
 * with RING_HELD too when the process had other threads, which may still
 * write a line before the kernel ends them: the launcher then holds these
 * until the process is gone. In chunks: a record holds RING_MAX_TEXT
 * bytes. */
static void thread_ends(struct trace_output *o, char *buf, size_t cap,
			int multi, const struct timespec *t, const char *text,
			size_t n, struct trace_thread *self,
			const struct waiting_call *w, int nw)
{
	unsigned flags = RING_END | (nw ? RING_HELD : 0);
	char *p = buf;
	for (int i = 0; i < nw; i++) {
		struct trace_lead lead = {w[i].nr + 1, w[i].ip};
		char *line = p;
		p = put_prefix_of(o, p, multi, t, w[i].tid, &lead);
		p = put_resumed_unknown(p, line, w[i].name, w[i].cut,
					o->opts->columns, buf + cap - THREAD_END_LINE);
		if ((size_t)(p - buf) + THREAD_END_LINE > cap) {
			emit_flags(o, buf, (size_t)(p - buf), flags);
			p = buf;
		}
	}
	every_thread_ends(o, buf, cap, p, flags, multi, t, self, text, n);
}

/* The process whose death a thread is saying (two threads that die of
 * faults at once would each say every thread's end). */
static int death_said_by;

static void ends_in_each_file(struct trace_output *o, int multi,
			      const struct timespec *t, const char *text,
			      size_t n, struct trace_thread *self);

void trace_output_killed_end(struct trace_output *o, int multi,
			     const char *text, size_t n)
{
	struct trace_thread *self = trace_thread_self(o);
	if (!self || !o->follow || n >= THREAD_END_LINE / 2) {
		plain(o, multi, text, n, RING_END);
		return;
	}
	int pid = trace_self_pid();
	if (__atomic_exchange_n(&death_said_by, pid, __ATOMIC_ACQ_REL) == pid)
		return;
	struct timespec t = {0, 0};
	if (o->opts->timestamps || o->opts->relative_timestamps)
		trace_clock(&t);
	/* -ff: as an exit_group's, each other thread's call and end in its
	 * own file ("read(3,  <unfinished ...>) = ?", its killed line). */
	if (o->opts->output_per_process) {
		ends_in_each_file(o, multi, &t, text, n, self);
		plain(o, multi, text, n, RING_END);
		return;
	}
	/* As an exit_group's: the calls the other threads were in, resumed
	 * "= ?"; under a status filter, whose lines are staged, written
	 * whole now where unfinished calls are shown (strace:
	 * "read(3,  <unfinished ...>) = ?" before each thread's killed line). */
	struct waiting_call waiting[WAITING_MAX];
	int nw = o->opts->status_filter
			 ? 0
			 : calls_of_other_threads(o, multi, &t, self, waiting, 0);
	if (o->opts->status_filter &&
	    (o->opts->status_shown & TRACE_STATUS_UNFINISHED))
		calls_of_other_threads(o, multi, &t, self, waiting, 1);
	char *buf = trace_scratch_get(self);
	if (!buf) {
		plain(o, multi, text, n, RING_END);
		return;
	}
	thread_ends(o, buf, sizeof self->scratch[0], multi, &t, text, n, self,
		    waiting, nw);
	trace_scratch_put(self);
}

int trace_output_exec_has_threads(struct trace_output *o)
{
	int tid, i = 0;
	return o->follow && !o->json && o->opts->summary != 1 &&
	       next_other_thread(&i, trace_thread_self(o), trace_self_pid(),
				 &tid) != 0;
}

/* A line's worst length here besides an entry: a prefix (-tt, -r, -i, the
 * pid) and "<unfinished ...>) = ?" with -a's padding. */
#define EXEC_END_ROOM 512

static char *exec_thread_ends(struct trace_output *o, int multi, char *p,
			      char *end)
{
	const struct trace_options *opts = o->opts;
	struct trace_thread *self = trace_thread_self(o), *s;
	int pid = trace_self_pid(), tid, count = 0;
	/* -ff: the first thread's call only (its file gets nothing else
	 * from the new image), and not one begun (its open line in its file,
	 * which the launcher ends "= ?" as strace -ff does, with each other
	 * thread's: RING_THREADS_GONE); a status filter stages lines whole. */
	int per_file = opts->output_per_process, staged = opts->status_filter;
	struct timespec t = {0, 0};
	if (opts->timestamps || opts->relative_timestamps)
		trace_clock(&t);
	struct waiting_call w[WAITING_MAX];
	const struct pending *calls[WAITING_MAX];
	size_t lens[WAITING_MAX];
	*p++ = '\1';
	for (int i = 0; count < WAITING_MAX &&
			(s = next_other_thread(&i, self, pid, &tid));) {
		size_t len;
		const struct syscall_signature *sig;
		const struct pending *c = waiting_call_of(s, &len, &sig);
		if (!c || !sig || (per_file && tid != pid))
			continue;
		int partial = __atomic_load_n(&c->partial, __ATOMIC_RELAXED);
		if (per_file && o->ring && partial)
			continue;
		long nr = __atomic_load_n(&c->nr, __ATOMIC_RELAXED);
		uintptr_t ip = __atomic_load_n(&c->ip, __ATOMIC_RELAXED);
		int shown = trace_shown_pid(tid, PIDNS_TID);
		if (partial && !staged) {
			/* Begun: the launcher holds its line open, and the
			 * new image's first line cuts it. */
		} else if (!per_file && (size_t)(end - p) > len + EXEC_END_ROOM) {
			/* Staged: only checked here, written whole below. */
			char *q = put_waiting_call(o, p, multi, &t, shown, c, len,
						   nr, ip, 0, 0, p);
			if (!q)
				continue;
			if (!staged)
				p = q;
		} else {
			continue;
		}
		calls[count] = c;
		lens[count] = len;
		w[count++] = (struct waiting_call){shown, sig->name, ip, nr,
						   entry_cut(c->entry, len, sig)};
	}
	*p++ = '\1';
	/* The calls resumed "= ?", the first thread's last, as strace says
	 * them; staged: each whole, when unfinished calls are shown. */
	int first = trace_shown_pid(pid, PIDNS_TID);
	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < count; k++) {
			if ((w[k].tid == first) != pass ||
			    (size_t)(end - p) < lens[k] + EXEC_END_ROOM)
				continue;
			char *line = p;
			if (!staged) {
				struct trace_lead lead = {w[k].nr + 1, w[k].ip};
				p = put_prefix_of(o, p, multi, &t, w[k].tid, &lead);
				p = put_resumed_unknown(p, line, w[k].name, w[k].cut,
							opts->columns,
							p + EXEC_END_ROOM / 2);
			} else if (opts->status_shown & TRACE_STATUS_UNFINISHED) {
				/* Checked again: the thread may have left the
				 * call since the first pass. */
				p = put_waiting_call(o, line, multi, &t, w[k].tid,
						     calls[k], lens[k], w[k].nr,
						     w[k].ip, w[k].cut, 1,
						     line + lens[k] + EXEC_END_ROOM / 2);
				if (!p)
					p = line;
			}
		}
	/* Every thread the exec ends is said to have exited, but the first,
	 * which strace says was superseded (the caller's own is its exec). */
	if (per_file || trace_options_quiet(opts, TRACE_QUIET_EXIT))
		return p;
	char text[32];
	size_t n = exited_text(text, 0);
	for (int i = 0; (s = next_other_thread(&i, self, pid, &tid));) {
		if (tid == pid || (size_t)(end - p) < EXEC_END_ROOM)
			continue;
		p = put_end_line(o, p, multi, &t, trace_shown_pid(tid, PIDNS_TID),
				 s->lead.nr_plus1, text, n);
	}
	return p;
}

char *trace_output_exec_setting(struct trace_output *o, int multi, char *p,
				char *end, int threads)
{
	int tid = (int)raw_gettid();
	p = put_udec(p, o->follow && tid != trace_self_pid()
				? (unsigned long long)trace_shown_pid(tid, PIDNS_TID)
				: 0,
		     0, ' ');
	return threads ? exec_thread_ends(o, multi, p, end) : p;
}

void trace_output_exec_cut(struct trace_output *o, int multi,
			   const struct timespec *t, int entry_tid,
			   const char *entry, size_t entry_len,
			   const char *before, const char *after)
{
	if (before && *before)
		emit_flags(o, before, text_strlen(before), 0);
	int pid = trace_shown_pid(trace_self_pid(), PIDNS_TGID);
	size_t after_len = after ? text_strlen(after) : 0;
	char small[1024];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	char *p = lb.buf;
	if (entry) { /* NULL: the exec's own line is not shown */
		/* Other threads lived when the call began: strace's pid
		 * prefix. */
		p = put_prefix_of(o, p, multi || after_len || entry_tid != pid,
				  t, entry_tid, 0);
		if (entry_len > lb.cap / 2)
			entry_len = lb.cap / 2;
		copy(p, entry, entry_len);
		p += entry_len;
		if (after_len) {
			p = put_str(p, " <unfinished ...>\n");
		} else if (entry_tid != pid) {
			p = put_str(p, " <pid changed to ");
			p = put_udec(p, (unsigned long long)pid, 0, ' ');
			p = put_str(p, " ...>\n");
			/* -ff: the last line of the thread's own file, as
			 * strace -ff ends it. */
			if (o->opts->output_per_process && o->ring) {
				emit_as(o, entry_tid, o->fd, lb.buf,
					(size_t)(p - lb.buf), 0);
				/* The line made the launcher count the
				 * thread again: it is gone. */
				trace_output_thread_gone_as(entry_tid);
				p = lb.buf;
			}
		}
	}
	if (after_len) {
		/* The other threads' lines, as they came. */
		if (p != lb.buf)
			emit_flags(o, lb.buf, (size_t)(p - lb.buf), 0);
		emit_flags(o, after, after_len, 0);
		p = lb.buf;
	}
	if (entry_tid != pid &&
	    !trace_options_quiet(o->opts, TRACE_QUIET_THREAD_EXECVE)) {
		p = put_prefix_of(o, p, multi, t, pid, 0);
		p = put_str(p, "+++ superseded by execve in pid ");
		p = put_udec(p, (unsigned long long)entry_tid, 0, ' ');
		p = put_str(p, " +++\n");
	}
	if (p != lb.buf)
		emit_flags(o, lb.buf, (size_t)(p - lb.buf), 0);
	line_put(&lb);
}

/* -ff: an exit_group ends every thread of the process in its own file, as
 * strace -ff ends them: a call the thread was waiting in is completed
 * ("pause()  = ?", by the launcher, which knows the open line's column;
 * its entry half is written here first if it was not written yet), then
 * "+++ exited with N +++". Each line is the thread's own (its record
 * names it), held by the launcher until the process is gone, as the
 * thread may still write a line before the kernel ends it. */
static void ends_in_each_file(struct trace_output *o, int multi,
			      const struct timespec *t, const char *text,
			      size_t n, struct trace_thread *self)
{
	int pid = trace_self_pid(), first_seen = 0;
	char *line = self ? trace_scratch_get(self) : 0;
	if (!line)
		return;
	struct trace_thread *s;
	int tid;
	for (int i = 0; (s = next_other_thread(&i, self, pid, &tid));) {
		size_t len;
		const struct syscall_signature *sig;
		const struct pending *c = waiting_call_of(s, &len, &sig);
		/* Its entry, if not in its file yet (a status filter stages
		 * lines: only where unfinished calls are shown). */
		if (c && !__atomic_load_n(&c->partial, __ATOMIC_RELAXED) &&
		    len < LINE_MAX_LEN / 2 &&
		    (!o->opts->status_filter ||
		     (o->opts->status_shown & TRACE_STATUS_UNFINISHED))) {
			struct trace_lead lead = {
				__atomic_load_n(&c->nr, __ATOMIC_RELAXED) + 1,
				__atomic_load_n(&c->ip, __ATOMIC_RELAXED)};
			char *p = put_prefix_of(o, line, multi, t,
						trace_shown_pid(tid, PIDNS_TID), &lead);
			copy(p, c->entry, len);
			if (__atomic_load_n(&c->state, __ATOMIC_ACQUIRE) == PENDING_IN_KERNEL)
				emit_as(o, trace_thread_shown_tid(s), s->fd, line,
					(size_t)(p + len - line), 0);
		}
		char *p = put_end_line(o, line, multi, t,
				       trace_shown_pid(tid, PIDNS_TID),
				       s->lead.nr_plus1, text, n);
		emit_as(o, trace_thread_shown_tid(s), s->fd, line,
			(size_t)(p - line), RING_END | RING_HELD);
		if (tid == pid)
			first_seen = 1;
	}
	/* The first thread left earlier (its own exit): strace says its end
	 * with the process's, in its file. */
	if (!first_seen && trace_thread_tid(self) != pid) {
		char *p = put_end_line(o, line, multi, t,
				       trace_shown_pid(pid, PIDNS_TID), 0, text, n);
		emit_as(o, trace_shown_pid(pid, PIDNS_TID), o->fd, line,
			(size_t)(p - line), RING_END | RING_HELD);
	}
	trace_scratch_put(self);
}

static void emit_stack_lines(void *o, const char *text, size_t n)
{
	trace_output_emit(o, text, n);
}

void trace_output_refused_call(struct trace_output *o,
			       struct systrap_call *call,
			       const struct trace_options *opts,
			       struct format_options *fmt, int multi)
{
	if (opts->summary == 1 || o->json)
		return;
	struct timespec t = {0, 0};
	if (opts->timestamps || opts->relative_timestamps)
		trace_clock(&t);
	char small[1024];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	char *line = lb.buf;
	char *p = put_unended_call(o, &lb, multi, &t, call, fmt);
	p = put_result_column(p, line, opts->columns, line + lb.cap - 32);
	p = put_str(p, " = ");
	p = put_udec(p, (unsigned long long)call->nr, 0, ' ');
	/* -T: the call takes no time we can see (strace's, a few us, is
	 * its own stop's). */
	if (opts->syscall_times)
		p = trace_duration_put(p, opts, 0);
	*p++ = '\n';
	emit_flags(o, line, (size_t)(p - line), 0);
	line_put(&lb);
	if (opts->stack_traces) /* -k: the stack after it, as strace's */
		trace_stack_of_call(call, 1, emit_stack_lines, o);
	trace_output_flush_all(o);
}

int trace_output_noreturn(struct trace_output *o, struct systrap_call *call,
			   const struct trace_options *opts,
			   struct format_options *fmt, int multi,
			   int print_call)
{
	struct timespec t = {0, 0};
	if (opts->timestamps || opts->relative_timestamps || o->events)
		trace_clock(&t);
	/* Not counted: strace's -c counts only calls that return. */
	if (o->events)
		noreturn_events(o, call, fmt, print_call, &t);
	unsigned b = syscall_behaviour(call->nr);
	if (o->json) {
		if (b & SB_ENDS_PROCESS) {
			trace_output_flush_all(o);
		} else {
			trace_output_thread_exit(o);
		}
		return 0;
	}
	/* A SIGKILL the process sends itself (kill, tgkill): it ends every
	 * thread as an exit_group does, said "+++ killed by SIGKILL +++" of
	 * each here, as strace says it, for the launcher sees the death
	 * only. */
	int killed = !(b & (SB_ENDS_PROCESS | SB_ENDS_THREAD));
	/* -qq, -e quiet=exit: no "+++ exited" line; the calls the other
	 * threads were in are still ended "= ?", as strace ends them. */
	int quiet_exit = !killed && trace_options_quiet(opts, TRACE_QUIET_EXIT);
	/* -f (one output): every thread's end, as strace prints it. */
	int ends_all = (killed ? trace_options_signal_shown(opts, SIGKILL) &&
					 !opts->status_filter
			       : (b & SB_ENDS_PROCESS) != 0) &&
		       o->follow && !opts->output_per_process &&
		       opts->summary != 1;
	if (killed && ends_all) {
		int pid = trace_self_pid();
		/* Only where the kill cannot fail to kill (said before the call,
		 * and not taken back): not in a namespace's init, which the
		 * kernel spares; a tgkill's thread still there. Said once a
		 * process, as a fault's death is. */
		if (pid == 1 ||
		    (call->nr == SYS_tgkill && raw_tgkill(pid, (int)call->args[1], 0)) ||
		    __atomic_exchange_n(&death_said_by, pid, __ATOMIC_ACQ_REL) == pid)
			ends_all = 0;
	}
	/* -ff: each in its own file. */
	int ends_each = (b & SB_ENDS_PROCESS) && o->follow &&
			opts->output_per_process &&
			!trace_options_quiet(opts, TRACE_QUIET_EXIT) &&
			opts->summary != 1;
	/* Calls left unfinished: resumed "= ?" after their entry halves;
	 * under a status filter (-z, -Z, -e status=), which stages lines
	 * whole, written whole after the exit_group's line, and only when
	 * unfinished calls are shown. */
	struct waiting_call waiting[WAITING_MAX];
	int nwaiting = ends_all && !opts->status_filter
			       ? calls_of_other_threads(o, multi, &t,
							trace_thread_self(o), waiting, 0)
			       : 0;
	int staged_unfinished = ends_all && opts->status_filter &&
				(opts->status_shown & TRACE_STATUS_UNFINISHED);
	/* -k: the stack captured at the call's entry, after its end line as
	 * strace prints it when it lets the process go (whatever -e status=
	 * or -qq left of the lines), in their record. */
	int stack = opts->stack_traces && !killed && opts->summary != 1 &&
		    print_call;
	char small[1024];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	char *line = lb.buf;
	char *p = line;
	/* -e status=: a call that does not return is "unfinished". */
	if (opts->summary != 1 && print_call &&
	    (opts->status_shown & TRACE_STATUS_UNFINISHED)) {
		p = put_unended_call(o, &lb, multi, &t, call, fmt);
		/* A huge -a: within the line. */
		p = put_unknown_result(p, line, opts->columns, line + lb.cap - 8);
	}
	/* strace -f prints a thread's end too; the process's comes with
	 * exit_group, or from the launcher when its last thread exits. */
	unsigned flags = 0;
	if ((b & SB_ENDS_PROCESS) || ((b & SB_ENDS_THREAD) && o->follow) ||
	    ends_all) {
		if ((killed || !quiet_exit || ends_all) && opts->summary != 1) {
			struct trace_thread *self = trace_thread_self(o);
			if (self) /* -i: strace has no address for it */
				self->lead.ip = 0;
			if (ends_all) {
				if (p != line)
					emit_flags(o, line, (size_t)(p - line), 0);
				if (staged_unfinished)
					calls_of_other_threads(o, multi, &t, self,
							       waiting, 1);
				static const char sigkill[] = "+++ killed by SIGKILL +++";
				char text[32];
				thread_ends(o, line, lb.cap, multi, &t,
					    killed ? sigkill : text,
					    killed ? sizeof sigkill - 1
					    : quiet_exit
						    ? 0
						    : exited_text(text, (int)(call->args[0] & 0xff)),
					    self, waiting, nwaiting);
				p = line;
				goto written;
			}
			if (ends_each) {
				char text[32];
				ends_in_each_file(o, multi, &t, text,
						  exited_text(text, (int)(call->args[0] & 0xff)),
						  self);
			}
			/* The first thread's exit ends no process: strace says
			 * its end with the process's (thread_ends, or the
			 * launcher once the last thread is gone). */
			int first_thread_exit = !(b & SB_ENDS_PROCESS) && self &&
						!self->vfork_child &&
						self->owner == self->pid;
			if (!first_thread_exit) {
				p = put_prefix(o, p, multi, &t); /* -t, -r */
				p = put_str(p, "+++ exited with ");
				p = put_udec(p, (unsigned long long)(call->args[0] & 0xff), 0, ' ');
				p = put_str(p, " +++\n");
			}
			/* The process said how it ended: the launcher will not.
			 * So does a vfork child's exit, its one thread's (Go's
			 * child after a failed exec: exit(253)). */
			if ((b & SB_ENDS_PROCESS) || (self && self->vfork_child))
				flags = RING_END;
		}
	}
	struct trace_tail tail = {0, 0, 0};
	if (stack)
		tail = trace_output_tail_begin(o);
	if (tail.buf)
		trace_stack_of_call(call, 1, trace_output_tail_put, &tail);
	if (tail.n && p != line)
		trace_output_set_tail(o, tail.buf, tail.n);
	emit_flags(o, line, (size_t)(p - line), flags);
	trace_output_set_tail(o, 0, 0);
	if (tail.n && p == line)
		trace_output_emit(o, tail.buf, tail.n);
	stack = 0; /* said */
written:
	line_put(&lb);
	/* Under -f the end lines of every thread came first (thread_ends). */
	if (stack)
		trace_stack_of_call(call, 1, emit_stack_lines, o);
	if (b & SB_ENDS_PROCESS) {
		trace_output_flush_all(o);
		if (opts->summary) {
			trace_output_summary(o);
			trace_output_flush(o);
		}
	} else if (b & SB_ENDS_THREAD) {
		trace_output_thread_gone();
		trace_output_thread_exit(o);
	} else {
		trace_output_flush_all(o); /* a call that kills the process */
	}
	return killed ? ends_all : 1;
}

/* The signals systrap owns are never blocked for real (a trap must always
 * reach it), so a frame's saved mask shows them unblocked: they are shown
 * as the program gets them back, in its view (no system call). */
static void sigreturn_view(struct format_options *fmt)
{
	uint64_t owned;
	fmt->sigreturn_virtual_blocked = systrap_sigreturn_blocked(&owned);
	fmt->sigreturn_virtual = owned;
}

void trace_output_sigreturn(struct trace_output *o, struct systrap_call *call,
			    const struct trace_options *opts,
			    struct format_options *fmt, int multi)
{
	/* rt_sigreturn's result is the rax saved in the frame it restores. */
	uintptr_t sp = call->stack_pointer;
	long result = 0;
	arch_sigreturn_saved_result(sp, &result, trace_read_memory);
	fmt->stack_pointer = sp;
	sigreturn_view(fmt);
	char entry[256];
	size_t n = format_syscall_entry(entry, sizeof entry, call->nr,
					call->args, fmt, trace_read_memory);
	if (n >= sizeof entry)
		n = sizeof entry - 1;
	struct timespec t = {0, 0};
	if (opts->timestamps || opts->relative_timestamps || opts->summary)
		trace_clock(&t);
	struct trace_call_line l = {entry, n, call->nr, call->args,
				    result, &t, &t, 0, 0, 0, 0};
	if (!trace_options_status_shown(opts, result)) { /* -e status= */
		if (opts->summary)
			trace_output_count(o, call->nr, result, &t, &t);
		fmt->stack_pointer = 0;
		return;
	}
	if (o->events) {
		if (!t.tv_sec)
			trace_clock(&t);
		trace_output_call_event(o, fmt, &l, 0);
	}
	if (!o->json)
		trace_output_line(o, opts, fmt, multi, &l);
	fmt->stack_pointer = 0;
}
