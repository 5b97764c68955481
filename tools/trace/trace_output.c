#include "tools/trace/trace_output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "systrap/arch/context.h"
#include "systrap/arch/cycles.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/syscall_behaviour.h"
#include "systrap/handlers/syscall_table.h"
#include "tools/trace/trace_ring.h"

#define HIDDEN_FD_FLOOR 600
#define MAX_THREADS 1024
#define MAX_HIDDEN 64

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
static void calibrate_start(void);

/* Every thread state this process made, for trace_output_flush_all and for
 * reuse: a state is never unmapped (another thread may be writing it out),
 * a thread that exits frees it for the next new thread. */
static struct trace_thread *registry[MAX_THREADS];
static int registry_count;
/* Where each thread keeps its state's address: systrap's per-thread
 * storage (systrap.h), not TLS, which the image cannot count on. */
static long self_offset = -1;

static struct trace_thread *self_get(void)
{
	struct trace_thread **p = systrap_thread_data(self_offset);
	return p ? *p : 0;
}

static void self_set(struct trace_thread *t)
{
	struct trace_thread **p = systrap_thread_data(self_offset);
	if (p)
		*p = t;
}
/* Set once two threads share one TLS block (CLONE_VM without CLONE_SETTLS):
 * from then on states are found by tid. */
static int tls_shared;

/* Our descriptors (the output, -ff's per-thread files): hidden from the
 * program's close, close_range, dup2 and dup3. */
static int hidden[MAX_HIDDEN];
static int hidden_count;

static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static char *put_udec(char *p, unsigned long long v, int width, char pad)
{
	char tmp[24];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10));
	while (width-- > n)
		*p++ = pad;
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* Not memcpy: this library is built with -fno-tree-loop-distribute-patterns
 * so the loop stays a loop and the trap path calls no libc. */
/* A word at a time: every traced line is copied into its buffer. (libc's
 * memcpy is not for the trap path; a fixed-size __builtin_memcpy is a
 * plain load and store.) */
static void copy(char *dst, const char *src, size_t n)
{
	for (; n >= 8; n -= 8, dst += 8, src += 8) {
		uint64_t w;
		__builtin_memcpy(&w, src, 8);
		__builtin_memcpy(dst, &w, 8);
	}
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

static void hidden_add(int fd)
{
	if (fd < 0)
		return;
	for (int i = 0; i < hidden_count; i++)
		if (hidden[i] == fd)
			return;
	if (hidden_count < MAX_HIDDEN)
		hidden[hidden_count++] = fd;
}

static void hidden_remove(int fd)
{
	for (int i = 0; i < hidden_count; i++)
		if (hidden[i] == fd) {
			hidden[i] = hidden[--hidden_count];
			return;
		}
}

static int is_hidden(int fd)
{
	for (int i = 0; i < hidden_count; i++)
		if (hidden[i] == fd)
			return 1;
	return 0;
}

static int move_high(int fd)
{
	struct {
		unsigned long cur, max;
	} rl = {1024, 1024};
	raw_syscall2(SYS_getrlimit, RLIMIT_NOFILE, (long)&rl);
	long floor = rl.cur > HIDDEN_FD_FLOOR + 64 ? (long)rl.cur - 64
						    : HIDDEN_FD_FLOOR / 2;
	long nfd = raw_fcntl(fd, F_DUPFD_CLOEXEC, floor);
	if (nfd < 0)
		return fd;
	raw_close(fd);
	return (int)nfd;
}

static int open_file(const struct trace_options *opts, int pid, int truncate)
{
	char path[4200];
	char *p = put_str(path, opts->output);
	if (opts->output_per_process) {
		*p++ = '.';
		p = put_udec(p, (unsigned long long)pid, 0, ' ');
	}
	*p = 0;
	long fd = raw_openat(AT_FDCWD, path,
			     O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
				     (truncate && !opts->output_append ? O_TRUNC : 0),
			     0644);
	if (fd < 0)
		return (int)fd;
	fd = move_high((int)fd);
	hidden_add((int)fd);
	return (int)fd;
}

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

/* ---- the launcher's ring (trace_ring.h) ---- */

static struct ring_header *ring;
static struct trace_output *ring_out;
static int ring_launcher; /* its pid: a full ring waits only while it lives */
static int ring_gone;     /* it died: lines are dropped, never waited on */

/* Room for slots up to `upto` (absolute): while the ring is full, sleep on
 * space_seq (a futex the launcher bumps and wakes when it frees slots; a
 * 10 ms timeout covers a wake-up that comes between check and sleep). The
 * only calls a full ring costs, and the only ones a line ever costs. */
static int ring_wait_room(uint64_t upto)
{
	for (;;) {
		uint64_t c = __atomic_load_n(&ring->consumed, __ATOMIC_ACQUIRE);
		if (upto <= c + RING_SLOTS)
			return 0;
		if (__atomic_load_n(&ring_gone, __ATOMIC_RELAXED))
			return -1;
		uint32_t seq = __atomic_load_n(&ring->space_seq, __ATOMIC_ACQUIRE);
		__atomic_fetch_add(&ring->waiters, 1, __ATOMIC_SEQ_CST);
		c = __atomic_load_n(&ring->consumed, __ATOMIC_SEQ_CST);
		long r = 0;
		if (upto > c + RING_SLOTS) {
			struct timespec ts = {0, 10 * 1000 * 1000};
			trace_own_call(SYS_futex);
			r = raw_syscall4(SYS_futex, (long)&ring->space_seq,
					 0 /* FUTEX_WAIT, shared */, seq,
					 (long)&ts);
			trace_own_call_done();
		}
		__atomic_fetch_sub(&ring->waiters, 1, __ATOMIC_SEQ_CST);
		if (r == -ETIMEDOUT &&
		    raw_syscall2(SYS_kill, ring_launcher, 0) == -ESRCH)
			__atomic_store_n(&ring_gone, 1, __ATOMIC_RELAXED);
	}
}

int trace_output_detached(void)
{
	return ring && __atomic_load_n(&ring->detached, __ATOMIC_RELAXED);
}

/* Copies n bytes into a record at byte offset off of its text (the first
 * slot's text, then whole slots), across the ring's wrap. */
static void ring_fill(uint64_t idx, size_t off, const char *src, size_t n)
{
	while (n) {
		unsigned s = off < RING_FIRST_TEXT
				     ? 0
				     : 1 + (unsigned)((off - RING_FIRST_TEXT) / RING_SLOT);
		size_t at = s ? (off - RING_FIRST_TEXT) % RING_SLOT : off;
		char *area = ring_slot(ring, idx + s) + (s ? 0 : 24);
		size_t cap = (s ? RING_SLOT : RING_FIRST_TEXT) - at;
		size_t m = n < cap ? n : cap;
		copy(area + at, src, m);
		src += m;
		off += m;
		n -= m;
	}
}

/* One record of up to three pieces (an event's header and texts), whole:
 * the pieces must fit one record (RING_MAX_TEXT). */
static void ring_put_parts(const char *const part[3], const size_t len[3],
			   unsigned flags)
{
	if (trace_output_detached())
		return;
	/* --json: the launcher writes events only; a text line (the -c
	 * table, a footprint) has no place among them. */
	if (ring_out && ring_out->json && !(flags & RING_EVENT))
		return;
	size_t k = len[0] + len[1] + len[2];
	if (!k || k > RING_MAX_TEXT)
		return;
	struct trace_thread *t = trace_thread_self(ring_out);
	int tid, pid;
	if (t) {
		tid = trace_thread_tid(t);
		pid = t->vfork_child ? t->vfork_child : t->pid;
	} else {
		tid = (int)raw_gettid();
		pid = (int)raw_getpid();
	}
	unsigned ns = ring_slots_for(k);
	/* Named before reserving (trace_ring.h): a reserver entry of our
	 * own until the tag names us. */
	struct ring_reserver *me = 0;
	for (unsigned i = 0; i < RING_RESERVERS; i++) {
		struct ring_reserver *e =
			&ring->reservers[((unsigned)tid + i) % RING_RESERVERS];
		int32_t free_ = 0;
		if (__atomic_load_n(&e->tid, __ATOMIC_RELAXED) == 0 &&
		    __atomic_compare_exchange_n(&e->tid, &free_, tid, 0,
						__ATOMIC_SEQ_CST,
						__ATOMIC_RELAXED)) {
			me = e;
			break;
		}
	}
	if (!me)
		__atomic_fetch_add(&ring->unnamed, 1, __ATOMIC_SEQ_CST);
	uint64_t idx = __atomic_fetch_add(&ring->reserve, ns, __ATOMIC_SEQ_CST);
	if (me)
		__atomic_store_n(&me->index1, (uint32_t)(idx + 1), __ATOMIC_RELAXED);
	int gone = ring_wait_room(idx + ns);
	struct ring_record *r = (struct ring_record *)ring_slot(ring, idx);
	if (!gone) {
		r->tid = tid;
		r->pid = pid;
		r->len = (uint32_t)k;
		r->flags = flags;
		/* Named before filled: if we die now, the launcher sees
		 * whose hole this is, and skips it once we are gone. */
		__atomic_store_n(&r->tag, ring_tag(idx, ns, 0), __ATOMIC_RELEASE);
	}
	if (me) {
		__atomic_store_n(&me->index1, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&me->tid, 0, __ATOMIC_RELEASE);
	} else {
		__atomic_fetch_sub(&ring->unnamed, 1, __ATOMIC_RELEASE);
	}
	if (gone)
		return;
	size_t off = 0;
	for (int i = 0; i < 3; i++) {
		ring_fill(idx, off, part[i], len[i]);
		off += len[i];
	}
	__atomic_store_n(&r->tag, ring_tag(idx, ns, 1), __ATOMIC_RELEASE);
}

/* Text, as records of whole lines where the text allows (a text longer
 * than a record is cut after its last newline that fits). */
static void ring_put(const char *text, size_t n, unsigned flags)
{
	while (n) {
		size_t k = n;
		if (k > RING_MAX_TEXT) {
			k = RING_MAX_TEXT;
			while (k > 1 && text[k - 1] != '\n')
				k--;
			if (k <= 1)
				k = RING_MAX_TEXT;
		}
		const char *part[3] = {text, 0, 0};
		size_t len[3] = {k, 0, 0};
		ring_put_parts(part, len, k == n ? flags : 0);
		text += k;
		n -= k;
	}
}

/* The ring $SYSTRAP_TRACE_RING names ("LAUNCHER_PID:FD"), through /proc:
 * mapped, then its fd closed, so the program's fd table is its own. 0 when
 * mapped. At start-up (libc allowed). */
static int ring_map(struct trace_output *o)
{
	/* The image may have been given the ring's descriptor by the
	 * launcher (SYSTRAP_TRACE_RING_FD: this process's number, never
	 * passed on); else it is opened through /proc, which needs ptrace
	 * access to the launcher. */
	const char *given = getenv("SYSTRAP_TRACE_RING_FD");
	long fd = given ? strtol(given, 0, 10) : -1;
	if (given)
		unsetenv("SYSTRAP_TRACE_RING_FD");
	const char *env = getenv("SYSTRAP_TRACE_RING");
	char *end = 0;
	long lpid = env ? strtol(env, &end, 10) : 0;
	if (!env || *end != ':') {
		if (fd >= 0)
			raw_close((int)fd);
		return -1;
	}
	long lfd = strtol(end + 1, 0, 10);
	char path[96];
	char *p = put_str(path, "/proc/");
	p = put_udec(p, (unsigned long long)lpid, 0, ' ');
	p = put_str(p, "/fd/");
	p = put_udec(p, (unsigned long long)lfd, 0, ' ');
	*p = 0;
	if (fd < 0)
		fd = raw_openat(AT_FDCWD, path, O_RDWR | O_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	long m = raw_mmap(0, RING_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED,
			  (int)fd, 0);
	raw_close((int)fd);
	if (raw_is_error(m))
		return -1;
	struct ring_header *h = (struct ring_header *)m;
	if (h->magic != RING_MAGIC) {
		raw_munmap(h, RING_BYTES);
		return -1;
	}
	ring = h;
	ring_out = o;
	ring_launcher = (int)lpid;
	return 0;
}

int trace_confined;

size_t trace_read_memory(void *dst, uintptr_t src, size_t n)
{
	/* Confined: only what needs no call of ours (the sandbox may forbid
	 * the kernel's copy). */
	if (__atomic_load_n(&trace_confined, __ATOMIC_RELAXED))
		return systrap_read_memory_without_syscalls(dst, src, n);
	return systrap_read_memory(dst, src, n);
}

void trace_own_call(long nr)
{
	if (!ring || !__atomic_load_n(&trace_confined, __ATOMIC_RELAXED))
		return;
	struct trace_thread *t = trace_thread_peek();
	__atomic_store_n(&ring->own_call_nr, (int32_t)nr, __ATOMIC_RELAXED);
	__atomic_store_n(&ring->own_call_pid, t ? t->pid : -1, __ATOMIC_RELEASE);
}

void trace_own_call_done(void)
{
	if (!ring || !__atomic_load_n(&trace_confined, __ATOMIC_RELAXED))
		return;
	__atomic_store_n(&ring->own_call_pid, 0, __ATOMIC_RELEASE);
}

void trace_clock(struct timespec *ts)
{
	trace_own_call(SYS_clock_gettime);
	raw_clock_gettime(CLOCK_REALTIME, ts);
	trace_own_call_done();
}

/* A new pid in the table: the launcher holds a pidfd of it before we go
 * on (trace_ring.h, watch_asked), so however it ends, strace's "+++
 * killed by ... +++" is printed. Bounded: two seconds at most, less if
 * the launcher is gone; not when confined (the sandbox may forbid the
 * calls) nor when the launcher cannot be signalled (another user now). */
static void wait_until_watched(void)
{
	uint32_t mine = __atomic_add_fetch(&ring->watch_asked, 1, __ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&ring->watch_served, __ATOMIC_ACQUIRE) ||
	    __atomic_load_n(&trace_confined, __ATOMIC_RELAXED) ||
	    __atomic_load_n(&ring_gone, __ATOMIC_RELAXED) ||
	    raw_syscall2(SYS_kill, ring_launcher, SIGCHLD) != 0)
		return;
	for (int naps = 0; naps < 100; naps++) {
		uint32_t done = __atomic_load_n(&ring->watch_done, __ATOMIC_ACQUIRE);
		if ((int32_t)(done - mine) >= 0)
			return;
		struct timespec ts = {0, 20 * 1000 * 1000};
		long r = raw_syscall4(SYS_futex, (long)&ring->watch_done,
				      0 /* FUTEX_WAIT, shared */, done, (long)&ts);
		if (r == -ETIMEDOUT &&
		    raw_syscall2(SYS_kill, ring_launcher, 0) == -ESRCH)
			return;
	}
}

void trace_output_register(int pid)
{
	if (!ring || !ring_out || !ring_out->follow || pid <= 0)
		return;
	for (int i = 0; i < RING_PIDS; i++)
		if (__atomic_load_n(&ring->pids[i], __ATOMIC_RELAXED) == pid)
			return;
	for (int i = 0; i < RING_PIDS; i++) {
		int32_t free_ = 0;
		if (__atomic_compare_exchange_n(&ring->pids[i], &free_, pid, 0,
						__ATOMIC_RELEASE,
						__ATOMIC_RELAXED)) {
			wait_until_watched();
			return;
		}
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

static void write_all(int fd, const char *buf, size_t n)
{
	write_out(fd, buf, n, 0);
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
	o->to_file = opts->output[0] != 0;
	o->json = opts->json;
	o->events = opts->json || opts->timeline[0];
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

/* ---- per-thread states ---- */

static void state_init(struct trace_output *o, struct trace_thread *t, int tid)
{
	t->busy = 0;
	t->vfork_child = 0;
	t->depth = 0;
	t->scratch_used = 0;
	t->len = 0;
	t->ignored_count = 0;
	t->fd = o->fd;
	t->pid = (int)raw_getpid();
	/* -ff: every thread but a process's first writes FILE.TID, as
	 * strace -ff does (with a ring, the launcher sorts lines by tid). */
	if (o->to_file && !o->ring && o->opts->output_per_process &&
	    tid != t->pid) {
		int fd = open_file(o->opts, tid, 1);
		if (fd >= 0)
			t->fd = fd;
	}
}

static struct trace_thread *state_claim(struct trace_output *o, int tid)
{
	int n = __atomic_load_n(&registry_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n && i < MAX_THREADS; i++) {
		struct trace_thread *s =
			__atomic_load_n(&registry[i], __ATOMIC_ACQUIRE);
		int free_ = 0;
		if (s && __atomic_compare_exchange_n(&s->owner, &free_, tid, 0,
						     __ATOMIC_ACQ_REL,
						     __ATOMIC_RELAXED)) {
			state_init(o, s, tid);
			return s;
		}
	}
	trace_own_call(SYS_mmap);
	long m = raw_mmap(0, sizeof(struct trace_thread),
			  PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	trace_own_call_done();
	if (raw_is_error(m))
		return 0;
	struct trace_thread *s = (struct trace_thread *)m;
	s->owner = tid;
	state_init(o, s, tid);
	int i = __atomic_fetch_add(&registry_count, 1, __ATOMIC_ACQ_REL);
	if (i < MAX_THREADS)
		__atomic_store_n(&registry[i], s, __ATOMIC_RELEASE);
	return s;
}

struct trace_thread *trace_thread_self(struct trace_output *o)
{
	struct trace_thread *t;
	if (!__atomic_load_n(&tls_shared, __ATOMIC_RELAXED)) {
		t = self_get();
		if (t)
			return t;
	}
	int tid = (int)raw_gettid();
	if (__atomic_load_n(&tls_shared, __ATOMIC_RELAXED)) {
		int n = __atomic_load_n(&registry_count, __ATOMIC_ACQUIRE);
		for (int i = 0; i < n && i < MAX_THREADS; i++) {
			t = __atomic_load_n(&registry[i], __ATOMIC_ACQUIRE);
			if (t && (t->owner == tid || t->vfork_child == tid))
				return t;
		}
		return state_claim(o, tid);
	}
	t = state_claim(o, tid);
	if (!t)
		return 0;
	/* A signal handler that ran meanwhile may have made one too. */
	if (self_get()) {
		__atomic_store_n(&t->owner, 0, __ATOMIC_RELEASE);
		return self_get();
	}
	self_set(t);
	return t;
}

struct trace_thread *trace_thread_peek(void)
{
	return __atomic_load_n(&tls_shared, __ATOMIC_RELAXED) ? 0 : self_get();
}

int trace_thread_tid(const struct trace_thread *t)
{
	return t->vfork_child ? t->vfork_child : t->owner;
}

void trace_output_tls_shared(void)
{
	__atomic_store_n(&tls_shared, 1, __ATOMIC_RELAXED);
}

int trace_output_tls_is_shared(void)
{
	return __atomic_load_n(&tls_shared, __ATOMIC_RELAXED);
}

char *trace_scratch_get(struct trace_thread *t)
{
	int i = __atomic_fetch_add(&t->scratch_used, 1, __ATOMIC_RELAXED);
	if (i < 0 || i >= PENDING_DEPTH) {
		__atomic_fetch_sub(&t->scratch_used, 1, __ATOMIC_RELAXED);
		return 0;
	}
	return t->scratch[i];
}

void trace_scratch_put(struct trace_thread *t)
{
	__atomic_fetch_sub(&t->scratch_used, 1, __ATOMIC_RELAXED);
}

/* Writes out t's lines if nobody else holds its buffer. */
static void flush_state(struct trace_thread *t)
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
 * only: see trace_output_open_partial). */
static struct {
	int active;  /* 1: open; exchanged to 0 by whoever ends it */
	int fd;
	int *split;  /* the call's: set when another line closed it */
} partial;

/* Another line is about to be written: the open one ends as strace ends it
 * then, " <unfinished ...>"; its call will print "<... name resumed>". */
static void close_partial(void)
{
	/* A plain load first: the exchange is a locked instruction, and
	 * this runs for every line. */
	if (!__atomic_load_n(&partial.active, __ATOMIC_RELAXED) ||
	    !__atomic_exchange_n(&partial.active, 0, __ATOMIC_ACQ_REL))
		return;
	*partial.split = 1;
	static const char tail[] = " <unfinished ...>\n";
	write_all(partial.fd, tail, sizeof tail - 1);
}

static void emit_flags(struct trace_output *o, const char *text, size_t n,
		       unsigned flags)
{
	if (ring) {
		close_partial();
		ring_put(text, n, flags);
		return;
	}
	trace_output_emit(o, text, n);
}

void trace_output_emit(struct trace_output *o, const char *text, size_t n)
{
	close_partial();
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

static void fold_one(struct trace_thread *t);

void trace_output_thread_exit(struct trace_output *o)
{
	struct trace_thread *t = trace_thread_self(o);
	if (!t)
		return;
	flush_state(t);
	if (t->vfork_child)
		return; /* the parent's state: it lives on */
	fold_one(t);
	if (t->fd != o->fd) {
		hidden_remove(t->fd);
		raw_close(t->fd);
		t->fd = o->fd;
	}
	if (!tls_shared)
		self_set(0);
	__atomic_store_n(&t->owner, 0, __ATOMIC_RELEASE);
}

void trace_output_after_fork(struct trace_output *o,
			     const struct trace_options *opts)
{
	struct trace_thread *mine = tls_shared ? 0 : self_get();
	int tid = (int)raw_gettid();
	/* The parent's other threads are not here; their lines are the
	 * parent's to write, and so is anything left in ours. */
	int n = __atomic_load_n(&registry_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n && i < MAX_THREADS; i++) {
		struct trace_thread *s = registry[i];
		if (!s)
			continue;
		s->len = 0;
		s->busy = 0;
		s->depth = 0;
		for (int nr = 0; nr < TRACE_MAX_NR; nr++) /* the parent's */
			if (s->counts[nr].calls)
				s->counts[nr] = (struct trace_count){0, 0, 0, 0, 0};
		s->scratch_used = 0;
		s->ignored_count = 0; /* a child has no pending signals */
		s->vfork_child = 0;
		if (s->fd != o->fd) {
			hidden_remove(s->fd);
			raw_close(s->fd);
			s->fd = o->fd;
		}
		s->owner = s == mine ? tid : 0;
		s->pid = tid;
	}
	trace_output_register(tid);
	if (o->to_file && !o->ring && opts->output_per_process) {
		int fd = open_file(opts, (int)raw_getpid(), 1);
		if (fd >= 0) {
			raw_dup3(fd, o->fd, O_CLOEXEC);
			hidden_remove(fd);
			raw_close(fd);
		}
	}
}

static void set_output_fd(struct trace_output *o, int old, int fd)
{
	hidden_remove(old);
	hidden_add(fd);
	if (o->fd == old)
		o->fd = fd;
	int n = __atomic_load_n(&registry_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n && i < MAX_THREADS; i++) {
		struct trace_thread *s = registry[i];
		if (s && s->fd == old)
			s->fd = fd;
	}
}

void trace_output_guard_fd(struct trace_output *o, struct systrap_call *c)
{
	switch (syscall_behaviour(c->nr) &
		(SB_FD_CLOSE | SB_FD_CLOSE_RANGE | SB_FD_REPLACE)) {
	default: {
		/* Anything else done to one of our fds (fstat, fcntl, read,
		 * lseek...): to the program it is not open. */
		const struct syscall_signature *sig = syscall_lookup(c->nr);
		if (sig && sig->nargs > 0 &&
		    (sig->args[0].kind == ARG_FD ||
		     sig->args[0].kind == ARG_DIRFD) &&
		    c->args[0] >= 0 && is_hidden((int)c->args[0])) {
			c->skip = 1;
			c->result = -EBADF;
		}
		break;
	}
	case SB_FD_CLOSE:
		if (is_hidden((int)c->args[0])) {
			c->skip = 1; /* as if it were not open */
			c->result = -EBADF;
		}
		break;
	case SB_FD_CLOSE_RANGE: {
		unsigned first = (unsigned)c->args[0], last = (unsigned)c->args[1];
		int ours_inside = 0;
		for (int i = 0; i < hidden_count; i++)
			if ((unsigned)hidden[i] >= first &&
			    (unsigned)hidden[i] <= last)
				ours_inside = 1;
		if (!ours_inside || first > last)
			break;
		/* Close the pieces between our fds, in order. */
		long r = 0;
		unsigned from = first;
		for (;;) {
			unsigned next = last + 1u ? last + 1u : last;
			int have = 0;
			for (int i = 0; i < hidden_count; i++) {
				unsigned h = (unsigned)hidden[i];
				if (h >= from && h <= last && (!have || h < next)) {
					next = h;
					have = 1;
				}
			}
			if (!have) {
				r = raw_syscall3(SYS_close_range, from, last,
						 c->args[2]);
				break;
			}
			if (next > from)
				r = raw_syscall3(SYS_close_range, from, next - 1,
						 c->args[2]);
			if (r || next >= last)
				break;
			from = next + 1;
		}
		c->skip = 1;
		c->result = r;
		break;
	}
	case SB_FD_REPLACE: {
		int target = (int)c->args[1];
		if (c->args[0] >= 0 && is_hidden((int)c->args[0])) {
			c->skip = 1; /* ours is not open, for the program */
			c->result = -EBADF;
			break;
		}
		if (!is_hidden(target))
			break;
		/* The program wants this number: give ours another. */
		long nfd = raw_fcntl(target, F_DUPFD_CLOEXEC,
				     target > HIDDEN_FD_FLOOR / 2 ? target / 2 + 1
								 : target + 1);
		if (nfd >= 0) {
			set_output_fd(o, target, (int)nfd);
			raw_close(target);
		}
		break;
	}
	}
}

static size_t udec_width(unsigned long long v)
{
	size_t n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

size_t trace_output_prefix_width(const struct trace_output *o, int multi)
{
	size_t digits = 0, w = 0;
	if (o->follow) {
		struct trace_thread *t =
			trace_thread_self((struct trace_output *)o);
		long tid = t ? trace_thread_tid(t) : raw_gettid();
		digits = udec_width((unsigned long long)tid);
	}
	if (o->follow && o->to_file && !o->opts->output_per_process)
		w = (digits < 5 ? 5 : digits) + 1; /* "%-5d " */
	else if (o->follow && multi && !o->to_file)
		w = 6 + (digits < 5 ? 5 : digits) + 2; /* "[pid  1234] " */
	if (o->opts->timestamps == 1)
		w += 9;
	else if (o->opts->timestamps == 2)
		w += 16;
	else if (o->opts->timestamps == 3)
		w += 18;
	if (o->opts->relative_timestamps)
		w += 14;
	return w + trace_lead_width(o->opts);
}

static char *put_prefix(struct trace_output *o, char *p, int multi,
			const struct timespec *t)
{
	struct trace_thread *th = trace_thread_self(o);
	long tid = th ? trace_thread_tid(th) : raw_gettid();
	/* -ff files hold one thread each: no pid on the line. */
	if (o->follow && o->to_file && !o->opts->output_per_process) {
		/* strace's "%-5d ": the pid left-justified in five columns,
		 * then a space ("1234  ", "31926 ", "123456 "). */
		char *start = p;
		p = put_udec(p, (unsigned long long)tid, 0, ' ');
		while (p - start < 5)
			*p++ = ' ';
		*p++ = ' ';
	} else if (o->follow && multi && !o->to_file) {
		p = put_str(p, "[pid ");
		p = put_udec(p, (unsigned long long)tid, 5, ' ');
		p = put_str(p, "] ");
	}
	const struct trace_options *opts = o->opts;
	if (opts->timestamps && t) {
		long long sec = t->tv_sec;
		if (opts->timestamps == 3) {
			p = put_udec(p, (unsigned long long)sec, 0, ' ');
		} else {
			long long day = sec % 86400;
			p = put_udec(p, (unsigned long long)(day / 3600), 2, '0');
			*p++ = ':';
			p = put_udec(p, (unsigned long long)(day / 60 % 60), 2, '0');
			*p++ = ':';
			p = put_udec(p, (unsigned long long)(day % 60), 2, '0');
		}
		if (opts->timestamps >= 2) {
			*p++ = '.';
			p = put_udec(p, (unsigned long long)(t->tv_nsec / 1000), 6, '0');
		}
		*p++ = ' ';
	}
	if (opts->relative_timestamps && t) {
		long long ns = 0;
		if (o->last.tv_sec)
			ns = (t->tv_sec - o->last.tv_sec) * 1000000000LL +
			     (t->tv_nsec - o->last.tv_nsec);
		o->last = *t;
		/* strace's "%6ld.%06ld ". */
		p = put_udec(p, (unsigned long long)(ns / 1000000000LL), 6, ' ');
		*p++ = '.';
		p = put_udec(p, (unsigned long long)(ns % 1000000000LL / 1000), 6, '0');
		*p++ = ' ';
	}
	return trace_lead_put(p, opts, th ? &th->lead : 0);
}

size_t trace_output_pid_prefix(struct trace_output *o, char *buf, int multi)
{
	return (size_t)(put_prefix(o, buf, multi, 0) - buf);
}

static void emit(struct trace_output *o, const char *buf, size_t n)
{
	trace_output_emit(o, buf, n);
}

static unsigned long long elapsed(const struct timespec *a,
				  const struct timespec *b)
{
	long long ns = (b->tv_sec - a->tv_sec) * 1000000000LL +
		       (b->tv_nsec - a->tv_nsec);
	return ns > 0 ? (unsigned long long)ns : 0;
}

/* -c alone: ticks become nanoseconds at the rate the kernel's clock and
 * the tick counter kept between the process's start (or its last fold)
 * and now. */
static uint64_t calib_ticks;
static struct timespec calib_time;
static uint64_t ns_per_tick_num = 0, ns_per_tick_den = 1;

static void calibrate_start(void)
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

static void fold_one(struct trace_thread *t)
{
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

/* A line buffer for this nesting level: the thread's scratch, or (nested
 * deeper than PENDING_DEPTH, or no state) a small one on the stack. */
struct line_buf {
	struct trace_thread *t;
	char *buf;
	size_t cap;
};

static void line_get(struct trace_output *o, struct line_buf *lb,
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

static void line_put(struct line_buf *lb)
{
	if (lb->cap == LINE_MAX_LEN && lb->t)
		trace_scratch_put(lb->t);
}

void trace_output_open_partial(struct trace_output *o, int multi,
			       const struct timespec *start, const char *entry,
			       size_t entry_len, int *split)
{
	close_partial();
	trace_output_flush(o);
	char small[512];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	char *p = put_prefix(o, lb.buf, multi, start);
	if (entry_len > lb.cap / 2)
		entry_len = lb.cap / 2;
	copy(p, entry, entry_len);
	p += entry_len;
	struct trace_thread *t = trace_thread_self(o);
	*split = 0;
	partial.fd = t ? t->fd : o->fd;
	partial.split = split;
	write_all(partial.fd, lb.buf, (size_t)(p - lb.buf));
	__atomic_store_n(&partial.active, 1, __ATOMIC_RELEASE);
	line_put(&lb);
}

int trace_output_end_partial(void)
{
	return __atomic_exchange_n(&partial.active, 0, __ATOMIC_ACQ_REL);
}

void trace_output_line(struct trace_output *o, const struct trace_options *opts,
		       const struct format_options *fmt, int multi,
		       const struct trace_call_line *l)
{
	trace_output_line_rest(o, opts, fmt, multi, l, 0);
}

void trace_output_line_rest(struct trace_output *o,
			    const struct trace_options *opts,
			    const struct format_options *fmt, int multi,
			    const struct trace_call_line *l, int rest_only)
{
	const char *entry = l->entry;
	size_t entry_len = l->entry_len;
	long nr = l->nr, result = l->result;
	const long *args = l->args;
	const struct timespec *start = l->start, *end = l->end;
	int injected = l->injected;
	if (opts->summary)
		trace_output_count(o, nr, result, start, end);
	if (opts->summary == 1)
		return;
	char small[512];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	char *line = lb.buf;
	char *p = put_prefix(o, line, multi, start);
	size_t column = (size_t)(p - line) + entry_len;
	if (entry_len > lb.cap / 2)
		entry_len = lb.cap / 2;
	copy(p, entry, entry_len);
	p += entry_len;
	char *rest = p;
	size_t room = (size_t)(line + lb.cap - 64 - p);
	size_t n = format_syscall_exit_at_column(p, room, column, nr, args,
						 result, fmt,
						 trace_read_memory);
	p += n < room ? n : room - 1;
	if (injected)
		p = put_str(p, " (INJECTED)");
	if (opts->syscall_times) {
		unsigned long long ns = elapsed(start, end);
		p = put_str(p, " <");
		p = put_udec(p, ns / 1000000000ULL, 0, ' ');
		*p++ = '.';
		p = put_udec(p, ns % 1000000000ULL / 1000, 6, '0');
		*p++ = '>';
	}
	*p++ = '\n';
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

void trace_output_reaped(int pid, int status)
{
	if (!ring)
		return;
	int32_t v[2] = {pid, status};
	ring_put((const char *)v, sizeof v, RING_REAPED);
}

void trace_output_plain_end(struct trace_output *o, int multi,
			    const char *text, size_t n)
{
	plain(o, multi, text, n, RING_END);
}

static int64_t ts_ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000LL + t->tv_nsec;
}

void trace_output_event(struct trace_output *o, unsigned kind, unsigned flags,
			long nr, const long args[6], long result,
			const struct timespec *start, const struct timespec *end,
			const char *text1, size_t n1, const char *text2,
			size_t n2)
{
	if (!o->events || !ring)
		return;
	struct ring_event ev;
	ev.kind = kind;
	ev.flags = flags;
	ev.nr = nr;
	for (int i = 0; i < 6; i++)
		ev.args[i] = args ? args[i] : 0;
	ev.result = result;
	struct timespec now_ = {0, 0};
	if (!start) {
		trace_clock(&now_);
		start = end = &now_;
	}
	ev.start_ns = ts_ns(start);
	ev.end_ns = ts_ns(end ? end : start);
	size_t room = RING_MAX_TEXT - sizeof ev;
	if (n1 > room)
		n1 = room;
	if (n2 > room - n1)
		n2 = room - n1;
	ev.text1_len = (uint32_t)n1;
	ev.text2_len = (uint32_t)n2;
	const char *part[3] = {(const char *)&ev, text1, text2};
	size_t len[3] = {sizeof ev, n1, n2};
	unsigned rf = RING_EVENT;
	if (kind == RING_EV_KILLED ||
	    (kind == RING_EV_EXIT && !(flags & RING_EV_THREAD)))
		rf |= RING_END;
	ring_put_parts(part, len, rf);
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
	trace_output_event(o, RING_EV_CALL, flags, l->nr, l->args, l->result,
			   l->start, l->end, l->entry, l->entry_len, lb.buf, n);
	line_put(&lb);
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
	if (!opts->summary || !opts->follow_forks)
		return;
	if (ring) {
		/* The launcher's ring holds the table: no fd of ours, and it
		 * outlives every image. The root prints it. */
		_Static_assert(sizeof own_summary <= RING_SUMMARY_BYTES,
			       "-c table does not fit the ring");
		summary = (struct summary_row *)((char *)ring +
						 RING_SUMMARY_OFFSET);
		summary_shared = 1;
		summary_printer = is_root;
		return;
	}
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

static int digits(unsigned long long v)
{
	int n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

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
	p = put_spaces(p, width - (digits(us / 1000000) + 7));
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
	p = put_spaces(p, width - (digits(h / 100) + 3));
	p = put_udec(p, h / 100, 0, ' ');
	*p++ = '.';
	return put_udec(p, h % 100, 2, '0');
}

static const char *row_name(int nr)
{
	const struct syscall_signature *s = syscall_lookup(nr);
	return s && s->name ? s->name : "?";
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
	case SUMMARY_TOTAL_TIME: head = 11; w = digits((t->ns + 500) / 1000 / 1000000) + 7; break;
	case SUMMARY_MIN_TIME: head = 8; w = digits(t->min_max_ns / 1000000000ULL) + 7; break;
	case SUMMARY_MAX_TIME: head = 7; w = digits(t->max_ns / 1000000000ULL) + 7; break;
	case SUMMARY_AVG_TIME: head = 11; w = digits(t->avg_max_us); break;
	case SUMMARY_CALLS: head = 9; w = digits(t->calls); break;
	case SUMMARY_ERRORS: head = 9; w = digits(t->errors); break;
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
					    0, t, t, 0};
		trace_output_call_event(o, fmt, &l, 0);
	}
	if (call->nr == SYS_exit_group || (call->nr == SYS_exit && o->follow)) {
		/* A thread's exit ends its process only for its first thread. */
		struct trace_thread *me = trace_thread_self(o);
		int process = call->nr == SYS_exit_group ||
			      (me && !me->vfork_child && me->owner == me->pid);
		trace_output_event(o, RING_EV_EXIT, process ? 0 : RING_EV_THREAD,
				   call->args[0] & 0xff, 0, 0, t, t, 0, 0, 0, 0);
	}
}

void trace_output_noreturn(struct trace_output *o, struct systrap_call *call,
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
	if (o->json) {
		if (call->nr == SYS_exit_group) {
			trace_output_flush_all(o);
		} else {
			trace_output_thread_exit(o);
		}
		return;
	}
	char small[1024];
	struct line_buf lb;
	line_get(o, &lb, small, sizeof small);
	char *line = lb.buf;
	char *p = line;
	/* -e status=: a call that does not return is "unfinished". */
	if (opts->summary != 1 && print_call &&
	    (opts->status_shown & TRACE_STATUS_UNFINISHED)) {
		p = put_prefix(o, line, multi, &t);
		fmt->line_prefix_width = (int)(p - line);
		size_t room = lb.cap / 2;
		size_t n = format_syscall_entry(p, room, call->nr, call->args,
						fmt, trace_read_memory);
		if (n >= room)
			n = room - 1;
		size_t column = (size_t)(p - line) + n;
		p += n;
		*p++ = ')';
		column++;
		while ((int)column < opts->columns - 1) {
			*p++ = ' ';
			column++;
		}
		p = put_str(p, " = ?\n");
	}
	/* strace -f prints a thread's end too; the process's comes with
	 * exit_group (or the exit of its first thread: the launcher then
	 * need not say how it ended). */
	unsigned flags = 0;
	if (call->nr == SYS_exit_group || (call->nr == SYS_exit && o->follow)) {
		if (!trace_options_quiet(opts, TRACE_QUIET_EXIT) &&
		    opts->summary != 1) {
			struct trace_thread *self = trace_thread_self(o);
			if (self) /* -i: strace has no address for it */
				self->lead.ip = 0;
			p = put_prefix(o, p, multi, &t); /* -t, -r as strace */
			p = put_str(p, "+++ exited with ");
			p = put_udec(p, (unsigned long long)(call->args[0] & 0xff), 0, ' ');
			p = put_str(p, " +++\n");
			/* The process said how it ended (exit_group, or the
			 * exit of its first thread): the launcher will not. */
			struct trace_thread *me = trace_thread_self(o);
			if (call->nr == SYS_exit_group ||
			    (me && !me->vfork_child && me->owner == me->pid))
				flags = RING_END;
		}
	}
	emit_flags(o, line, (size_t)(p - line), flags);
	line_put(&lb);
	if (call->nr == SYS_exit_group) {
		trace_output_flush_all(o);
		if (opts->summary) {
			trace_output_summary(o);
			trace_output_flush(o);
		}
	} else if (call->nr == SYS_exit) {
		trace_output_thread_exit(o);
	} else {
		trace_output_flush_all(o); /* a call that kills the process */
	}
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
	char entry[256];
	size_t n = format_syscall_entry(entry, sizeof entry, call->nr,
					call->args, fmt, trace_read_memory);
	if (n >= sizeof entry)
		n = sizeof entry - 1;
	struct timespec t = {0, 0};
	if (opts->timestamps || opts->relative_timestamps || opts->summary)
		trace_clock(&t);
	struct trace_call_line l = {entry, n, call->nr, call->args,
				    result, &t, &t, 0};
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
