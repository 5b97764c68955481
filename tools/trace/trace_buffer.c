/* Per-thread buffering (-o FILE): lines gathered and written whole; the
 * entry half of a line whose call waits, ended " <unfinished ...>" when
 * another line comes first; every line's way out (the ring or our fd). */
#include <errno.h>

#include "systrap/core/arena.h"
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

/* Threads with a tail set: while none has, a line looks for none (most
 * runs: no -k, no -e read=/write=). */
static int tails_pending;

void trace_output_set_tail(struct trace_output *o, const char *text, size_t n)
{
	struct trace_thread *t = trace_thread_self(o);
	if (!t)
		return;
	if (!t->tail != !text)
		__atomic_add_fetch(&tails_pending, text ? 1 : -1, __ATOMIC_RELAXED);
	t->tail = text;
	t->tail_len = text ? n : 0;
}

/* The calling thread's state where it has set a tail: its own through
 * systrap's per-thread storage, or (before systrap_init made it, as when
 * the image's start prints the exec's line; or in a process sharing its
 * TLS) found by its tid among the states. */
static struct trace_thread *tail_owner(void)
{
	struct trace_thread *t = trace_thread_peek();
	if (t)
		return t;
	int tid = (int)raw_gettid();
	int n = __atomic_load_n(&registry_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n && i < MAX_THREADS; i++) {
		t = __atomic_load_n(&registry[i], __ATOMIC_ACQUIRE);
		if (t && t->tail &&
		    (__atomic_load_n(&t->owner, __ATOMIC_ACQUIRE) == tid ||
		     t->vfork_child == tid))
			return t;
	}
	return 0;
}

/* Big enough for 256 frames of long paths and names; a ring record holds
 * ~32 KiB, so a longer tail follows its line in records of its own. */
#define TAIL_PAGES_BYTES (128 * 1024)

struct trace_tail trace_output_tail_begin(struct trace_output *o)
{
	struct trace_tail tail = {0, 0, 0};
	struct trace_thread *t = trace_thread_self(o);
	if (!t)
		return tail;
	if (!t->tail_pages)
		t->tail_pages = pages_alloc(TAIL_PAGES_BYTES);
	if (!t->tail_pages)
		return tail;
	tail.buf = t->tail_pages;
	tail.cap = TAIL_PAGES_BYTES;
	return tail;
}

void trace_output_tail_put(void *tail_, const char *text, size_t n)
{
	struct trace_tail *tail = tail_;
	if (!tail->buf || tail->n >= tail->cap)
		return;
	if (n > tail->cap - tail->n)
		n = tail->cap - tail->n;
	copy(tail->buf + tail->n, text, n);
	tail->n += n;
}

/* The calling thread's tail, if it has one for this record: a record that
 * ends a line (trace_output_set_tail); taken. */
static const char *take_tail(const char *text, size_t n, unsigned flags,
			     size_t *tail_len)
{
	if (!__atomic_load_n(&tails_pending, __ATOMIC_RELAXED) || !n ||
	    text[n - 1] != '\n' ||
	    (flags & (RING_NO_LINE | RING_OPEN | RING_PARTIAL)))
		return 0;
	struct trace_thread *t = tail_owner();
	if (!t || !t->tail)
		return 0;
	const char *tail = t->tail;
	*tail_len = t->tail_len;
	t->tail = 0;
	t->tail_len = 0;
	__atomic_sub_fetch(&tails_pending, 1, __ATOMIC_RELAXED);
	return tail;
}

/* A RING_REST record (trace_ring.h) with a tail: after each of its two
 * forms, the rest of the open line and the "resumed" line, in pages of
 * our own for the while. */
static void ring_put_rest_with_tail(const char *text, size_t n,
				    const char *tail, size_t tail_len)
{
	uint32_t n1;
	if (n < sizeof n1) {
		ring_put(text, n, RING_REST);
		return;
	}
	copy((char *)&n1, text, sizeof n1);
	size_t whole = n + 2 * tail_len;
	char *b = n1 <= n - sizeof n1 && whole <= RING_MAX_TEXT
			  ? pages_alloc(whole)
			  : 0;
	if (!b) {
		ring_put(text, n, RING_REST);
		ring_put(tail, tail_len, 0);
		return;
	}
	uint32_t with = n1 + (uint32_t)tail_len;
	copy(b, (const char *)&with, sizeof with);
	copy(b + sizeof with, text + sizeof n1, n1);
	copy(b + sizeof with + n1, tail, tail_len);
	size_t at = sizeof with + n1 + tail_len, rest = n - sizeof n1 - n1;
	copy(b + at, text + sizeof n1 + n1, rest);
	copy(b + at + rest, tail, tail_len);
	ring_put(b, whole, RING_REST);
	pages_free(b, whole);
}

/* Every line goes out here: to the ring when there is one; with the
 * thread's tail, if this record ends a line. */
static void write_out(int fd, const char *buf, size_t n, unsigned flags)
{
	size_t tail_len = 0;
	const char *tail = take_tail(buf, n, flags, &tail_len);
	if (!ring) {
		write_fd(fd, buf, n);
		if (tail)
			write_fd(fd, tail, tail_len);
	} else if (!tail) {
		ring_put(buf, n, flags);
	} else if (flags & RING_REST) {
		ring_put_rest_with_tail(buf, n, tail, tail_len);
	} else {
		ring_put_with_tail(buf, n, tail, tail_len, flags);
	}
}

void write_all(int fd, const char *buf, size_t n)
{
	write_out(fd, buf, n, 0);
}

/* Text that is not the thread's next line (a buffer written out, an open
 * line's " <unfinished ...>"): never with its tail. */
static void write_no_tail(int fd, const char *buf, size_t n)
{
	if (ring)
		ring_put(buf, n, 0);
	else
		write_fd(fd, buf, n);
}

void flush_state(struct trace_thread *t)
{
	int free_ = 0;
	if (!__atomic_compare_exchange_n(&t->busy, &free_, 1, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	/* Its lines, whoever writes them out: not with a tail of the
	 * caller's. */
	if (t->len)
		write_no_tail(t->fd, t->out, t->len);
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
	write_no_tail(l->fd, tail, sizeof tail - 1);
}

void emit_flags(struct trace_output *o, const char *text, size_t n,
		       unsigned flags)
{
	if (ring) {
		close_partial(o);
		/* -r: the last stamp as the record is reserved. */
		int marks = o->opts->relative_timestamps && !(flags & RING_NO_LINE);
		long long pre = marks ? __atomic_load_n(&ring->last_line_ns,
							__ATOMIC_RELAXED)
				      : 0;
		write_out(-1, text, n, flags);
		/* -r: the line's put said in the ring's last stamp, and the
		 * value this thread's held-open call compares. */
		if (marks) {
			long long mark = ring_line_put_from(ring, pre);
			struct trace_thread *self = trace_thread_peek();
			if (self && mark)
				self->stamp_mark = mark;
		}
		return;
	}
	/* Buffered (no ring): the line joins the thread's buffer, and its
	 * tail after it. */
	size_t tail_len = 0;
	const char *tail = take_tail(text, n, flags, &tail_len);
	trace_output_emit(o, text, n);
	if (tail)
		trace_output_emit(o, tail, tail_len);
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
		write_no_tail(t->fd, t->out, t->len);
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

