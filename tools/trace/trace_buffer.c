/* Per-thread buffering (-o FILE): lines gathered and written whole; the
 * entry half of a line whose call waits, ended " <unfinished ...>" when
 * another line comes first; every line's way out (the ring or our fd). */
#include <errno.h>

#include "tools/trace/trace_output_parts.h"

static void write_fd(int fd, const char *buf, size_t n)
{
	while (n) {
		long r = raw_write(fd, buf, n);
		if (r == -EINTR || r == -EAGAIN)
			continue;
		if (r <= 0)
			return;
		buf += r;
		n -= (size_t)r;
	}
}

/* Every line goes out here: to the ring when there is one. */
static void write_out(int fd, const char *buf, size_t n, unsigned flags)
{
	if (ring)
		ring_put(buf, n, flags);
	else
		write_fd(fd, buf, n);
}

void write_all(int fd, const char *buf, size_t n)
{
	write_out(fd, buf, n, 0);
}

void flush_state(struct trace_thread *t)
{
	int free_ = 0;
	if (!__atomic_compare_exchange_n(&t->busy, &free_, 1, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (t->len)
		write_all(t->fd, t->out, t->len);
	t->len = 0;
	__atomic_store_n(&t->busy, 0, __ATOMIC_RELEASE);
}

void trace_output_flush(struct trace_output *o)
{
	/* Not o->buffered: a line appended just as the output went line at
	 * a time still waits in its buffer. */
	if (!o->to_file)
		return;
	struct trace_thread *t = trace_thread_self(o);
	if (t)
		flush_state(t);
}

void trace_output_flush_all(struct trace_output *o)
{
	if (!o->to_file)
		return;
	trace_output_flush(o);
	int n = __atomic_load_n(&registry_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n && i < MAX_THREADS; i++) {
		struct trace_thread *s =
			__atomic_load_n(&registry[i], __ATOMIC_ACQUIRE);
		if (s && __atomic_load_n(&s->owner, __ATOMIC_ACQUIRE))
			flush_state(s);
	}
}

void trace_output_line_at_a_time(struct trace_output *o)
{
	if (!__atomic_load_n(&o->buffered, __ATOMIC_RELAXED))
		return;
	trace_output_flush_all(o);
	__atomic_store_n(&o->buffered, 0, __ATOMIC_RELAXED);
}

/* The line whose entry half is in the file while its call waits (one writer
 * only: see trace_output_open_partial); with -ff each thread's, in its own
 * file, which only its own lines can interrupt. */
static struct partial_line partial;

static struct partial_line *partial_of(struct trace_output *o)
{
	struct trace_thread *t;
	if (o->opts && o->opts->output_per_process &&
	    (t = trace_thread_self(o)))
		return &t->partial;
	return &partial;
}

/* Another line is about to be written: the open one ends as strace ends it
 * then, " <unfinished ...>"; its call will print "<... name resumed>". */
static void close_partial(struct trace_output *o)
{
	struct partial_line *l = partial_of(o);
	/* A plain load first: the exchange is a locked instruction, and
	 * this runs for every line. */
	if (!__atomic_load_n(&l->active, __ATOMIC_RELAXED) ||
	    !__atomic_exchange_n(&l->active, 0, __ATOMIC_ACQ_REL))
		return;
	*l->split = 1;
	static const char tail[] = " <unfinished ...>\n";
	write_all(l->fd, tail, sizeof tail - 1);
}

void emit_flags(struct trace_output *o, const char *text, size_t n,
		       unsigned flags)
{
	if (ring) {
		close_partial(o);
		ring_put(text, n, flags);
		/* -r: the line's put said in the ring's last stamp, and the
		 * value this thread's held-open call compares. */
		if (o->opts->relative_timestamps && !(flags & RING_NO_LINE)) {
			long long mark = ring_line_put(ring);
			struct trace_thread *self = trace_thread_peek();
			if (self && mark)
				self->stamp_mark = mark;
		}
		return;
	}
	trace_output_emit(o, text, n);
}

void emit_as(struct trace_output *o, int tid, int fd, const char *text,
	     size_t n, unsigned flags)
{
	(void)o;
	if (ring)
		ring_put_as(tid, trace_shown_pid(trace_self_pid(), PIDNS_TGID),
			    text, n, flags);
	else
		write_fd(fd, text, n);
}

void trace_output_emit(struct trace_output *o, const char *text, size_t n)
{
	close_partial(o);
	struct trace_thread *t = trace_thread_self(o);
	int fd = t ? t->fd : o->fd;
	int free_ = 0;
	/* Unbuffered; or the buffer is taken: by this thread's own append,
	 * interrupted by a signal whose handler's calls we now trace, or by a
	 * thread writing every buffer out before exit. Written at once, the
	 * line is whole either way. */
	if (!__atomic_load_n(&o->buffered, __ATOMIC_RELAXED) || !t ||
	    !__atomic_compare_exchange_n(&t->busy, &free_, 1, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		write_all(fd, text, n);
		return;
	}
	if (t->len + n > sizeof t->out) {
		write_all(t->fd, t->out, t->len);
		t->len = 0;
	}
	if (n > sizeof t->out) {
		write_all(t->fd, text, n);
	} else {
		copy(t->out + t->len, text, n);
		t->len += n;
	}
	__atomic_store_n(&t->busy, 0, __ATOMIC_RELEASE);
}

void trace_output_open_partial(struct trace_output *o, int multi,
			       const struct timespec *start, long nr,
			       const char *entry, size_t entry_len, int *split)
{
	close_partial(o);
	trace_output_flush(o);
	char small[512];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	/* RING_PARTIAL's head: whether a kill leaves it cut. */
	lb.buf[0] = (char)entry_cut(entry, entry_len, syscall_lookup(nr));
	struct line_buf line = {lb.t, lb.buf + 1, lb.cap - 1};
	char *p = put_prefixed_entry(o, &line, multi, start, entry, entry_len);
	struct trace_thread *t = trace_thread_self(o);
	struct partial_line *l = partial_of(o);
	*split = 0;
	l->fd = t ? t->fd : o->fd;
	l->split = split;
	if (ring)
		ring_put(lb.buf, (size_t)(p - lb.buf), RING_PARTIAL);
	else
		write_fd(l->fd, line.buf, (size_t)(p - line.buf));
	__atomic_store_n(&l->active, 1, __ATOMIC_RELEASE);
	line_put(&lb);
}

int trace_output_end_partial(struct trace_output *o)
{
	return __atomic_exchange_n(&partial_of(o)->active, 0, __ATOMIC_ACQ_REL);
}

