/* The producer's half of the launcher's ring (trace_ring.h): each line or
 * event a record, reserved, named and filled; waiting for room while the
 * launcher lives; the table of pids it watches; our own calls, named for
 * it while confined; the clock, from the tick counter once confined. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "systrap/arch/cycles.h"
#include "tools/trace/trace_count_sets.h"
#include "tools/trace/trace_output_parts.h"

/* ---- the launcher's ring (trace_ring.h) ---- */

struct ring_header *ring;
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
		/* Gone, or left (-I1: the launcher marked the ring before it
		 * died, and may be an unreaped zombie for a while). */
		if (__atomic_load_n(&ring_gone, __ATOMIC_RELAXED) ||
		    __atomic_load_n(&ring->detached, __ATOMIC_ACQUIRE))
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
 * the pieces must fit one record (RING_MAX_TEXT). As the calling thread, or
 * as thread `as` of this process (-ff: a line for its file). */
static void ring_put_parts_as(int as_tid, int as_pid,
			      const char *const part[3], const size_t len[3],
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
	/* Named by the caller: no lookup (a thread's first record is
	 * written while its state may not be findable yet). */
	struct trace_thread *t = as_tid ? 0 : trace_thread_self(ring_out);
	int tid, pid;
	/* Both as the launcher sees them (pidns.h). */
	if (as_tid) {
		tid = as_tid;
		pid = as_pid;
	} else if (t) {
		tid = trace_thread_shown_tid(t);
		pid = t->vfork_child ? tid : trace_shown_pid(t->pid, PIDNS_TGID);
	} else {
		tid = trace_shown_pid((int)raw_gettid(), PIDNS_TID);
		pid = trace_shown_pid(trace_self_pid(), PIDNS_TGID);
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
	if (t)
		t->ring_reserved_to = idx + ns;
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

static void ring_put_parts(const char *const part[3], const size_t len[3],
			   unsigned flags)
{
	ring_put_parts_as(0, 0, part, len, flags);
}

void ring_put_as(int tid, int pid, const char *text, size_t n,
		 unsigned flags)
{
	const char *part[3] = {text, 0, 0};
	size_t len[3] = {n, 0, 0};
	ring_put_parts_as(tid, pid, part, len, flags);
}

/* Text, as records of whole lines where the text allows (a text longer
 * than a record is cut after its last newline that fits). */
void ring_put(const char *text, size_t n, unsigned flags)
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

void ring_put_with_tail(const char *text, size_t n, const char *tail,
			size_t tail_len, unsigned flags)
{
	if (n + tail_len > RING_MAX_TEXT || !n) {
		ring_put(text, n, flags);
		ring_put(tail, tail_len, 0);
		return;
	}
	const char *part[3] = {text, tail, 0};
	size_t len[3] = {n, tail_len, 0};
	ring_put_parts(part, len, flags);
}

/* The ring $SYSTRAP_TRACE_RING names ("LAUNCHER_PID:FD[:PROC_PID]"), through /proc:
 * mapped, then its fd closed, so the program's fd table is its own. 0 when
 * mapped. At start-up (libc allowed). */
int ring_map(struct trace_output *o)
{
	/* The image may have been given the ring's descriptor by the
	 * launcher (SYSTRAP_TRACE_RING_FD: this process's number, never
	 * passed on); else it is opened through /proc, which needs ptrace
	 * access to the launcher. */
	const char *given = getenv("SYSTRAP_TRACE_RING_FD");
	long fd = given ? strtol(given, 0, 10) : -1;
	if (given)
		unsetenv("SYSTRAP_TRACE_RING_FD");
	/* The launcher found us in its pid namespace at our exec stop
	 * (image_launcher.h): never passed on, true of this process only. */
	const char *pidns_ours = getenv("SYSTRAP_PIDNS_OURS");
	int in_tracer_ns = pidns_ours && !strcmp(pidns_ours, "1");
	if (pidns_ours)
		unsetenv("SYSTRAP_PIDNS_OURS");
	const char *env = getenv("SYSTRAP_TRACE_RING");
	char *end = 0;
	long lpid = env ? strtol(env, &end, 10) : 0;
	if (!env || *end != ':') {
		if (fd >= 0)
			raw_close((int)fd);
		return -1;
	}
	long lfd = strtol(end + 1, &end, 10);
	/* ":PROC_PID": the launcher's /proc entry, when /proc is not its
	 * pid namespace's (unshare -Urpf systrap-trace). */
	long proc_lpid = *end == ':' ? strtol(end + 1, 0, 10) : lpid;
	char path[96];
	char *p = put_str(path, "/proc/");
	p = put_udec(p, (unsigned long long)proc_lpid, 0, ' ');
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
	pidns_set_tracer_ns(h->pidns_ino, h->proc_dev, h->pidns_column);
	if (in_tracer_ns)
		pidns_set_self_in_tracer_ns();
	ring_launcher = (int)lpid;
	return 0;
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

/* The clock once the process has confined itself with a filter of its
 * own: read from the tick counter, at the rate it kept against the
 * kernel's clock between the process's first reading and the last one
 * before the filter went in (trace_clock_before_confinement), so that no
 * call of ours meets a filter that lacks clock_gettime (an allow-list
 * would kill the process at its next traced call under -t/-T/-r, where it
 * runs on natively). In seccomp's strict mode the tick counter is gone
 * too: the clock stays at that last reading. Each reading is the kernel's
 * clock paired with the middle of the two ticks around it. */
static struct {
	int state; /* 0 nothing, 1 being written, 2 a reading, 3 rate known */
	struct timespec first, last;
	uint64_t first_ticks, last_ticks;
	struct count_rate rate;
} ticking;

static void paired_reading(struct timespec *ts, uint64_t *ticks)
{
	uint64_t before = arch_cycles();
	trace_own_call(SYS_clock_gettime);
	raw_clock_gettime(CLOCK_REALTIME, ts);
	trace_own_call_done();
	uint64_t after = arch_cycles();
	*ticks = before + (after - before) / 2;
}

void trace_clock_before_confinement(void)
{
	int was = __atomic_load_n(&ticking.state, __ATOMIC_ACQUIRE);
	if ((was != 0 && was != 2) ||
	    !__atomic_compare_exchange_n(&ticking.state, &was, 1, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	paired_reading(&ticking.last, &ticking.last_ticks);
	if (was == 0) { /* the first reading too: no rate */
		ticking.first = ticking.last;
		ticking.first_ticks = ticking.last_ticks;
	}
	ticking.rate = count_rate_between(&ticking.first, ticking.first_ticks,
					  &ticking.last, ticking.last_ticks);
	__atomic_store_n(&ticking.state, ticking.rate.num ? 3 : 2,
			 __ATOMIC_RELEASE);
}

void trace_clock(struct timespec *ts)
{
	int state = __atomic_load_n(&ticking.state, __ATOMIC_ACQUIRE);
	if (state >= 2 && __atomic_load_n(&trace_ticks_gone, __ATOMIC_RELAXED)) {
		*ts = ticking.last;
		return;
	}
	if (state == 3 && __atomic_load_n(&trace_confined, __ATOMIC_RELAXED)) {
		unsigned __int128 ns = (unsigned __int128)(arch_cycles() -
							   ticking.last_ticks) *
				       ticking.rate.num / ticking.rate.den;
		uint64_t nsec = (uint64_t)ticking.last.tv_nsec + (uint64_t)ns;
		ts->tv_sec = ticking.last.tv_sec + (time_t)(nsec / 1000000000u);
		ts->tv_nsec = (long)(nsec % 1000000000u);
		return;
	}
	uint64_t ticks;
	paired_reading(ts, &ticks);
	if (state == 0 && __atomic_compare_exchange_n(&ticking.state, &state, 1,
						      0, __ATOMIC_ACQUIRE,
						      __ATOMIC_RELAXED)) {
		ticking.first = ticking.last = *ts;
		ticking.first_ticks = ticking.last_ticks = ticks;
		__atomic_store_n(&ticking.state, 2, __ATOMIC_RELEASE);
	}
}

/* Whether the kernel reaps a child of ours that ends, at once, where no
 * wait sees it: SIGCHLD ignored, or SA_NOCLDWAIT. A fork child asks it of
 * the action it inherited, its parent's at the fork (what decides whether
 * it is reaped unseen). Unknown: yes. */
static int children_reaped_unseen(void)
{
	struct kernel_sigaction old;
	if (raw_syscall4(SYS_rt_sigaction, SIGCHLD, 0, (long)&old,
			 KERNEL_SIGSET_SIZE))
		return 1;
	return old.handler == (void *)SIG_IGN || (old.flags & SA_NOCLDWAIT);
}

/* A new pid in the table: the launcher holds a pidfd of it before anything
 * can reap it (trace_ring.h, watch_asked), so however it ends, strace's
 * "+++ killed by ... +++" is printed. Until then a fork child cannot be
 * reaped by init (its parent has not ended) nor by its parent's wait: so
 * the parent owes that wait only before its next wait4 or waitid, its exit
 * or its exec (trace_output_settle_watch). It waited right after each
 * fork, under -f 0.85 ms a fork on a 2-vCPU guest while bash, its child
 * on the other CPU, had work of its own to do, and a kill and a launcher
 * wake-up for each; at its wait the launcher, woken by the child's exec
 * or its lines, has nearly always served it (docs/PERFORMANCE.md). Left
 * unseen: a child that ends while its parent is killed before either
 * waits (init reaps it), as DESIGN.md's Known limits say.
 * A fork child registering itself (self) waits only where the kernel
 * would reap it unseen once it ends (its parent ignores SIGCHLD):
 * elsewhere its end leaves a zombie until its parent settles as above.
 * Bounded: two seconds at most, less if the launcher is gone; not when
 * confined (the sandbox may forbid the calls) nor when the launcher
 * cannot be signalled (another user now). */
static void wait_until_watched(uint32_t mine, int self)
{
	if (!__atomic_load_n(&ring->watch_served, __ATOMIC_ACQUIRE) ||
	    __atomic_load_n(&trace_confined, __ATOMIC_RELAXED) ||
	    __atomic_load_n(&ring_gone, __ATOMIC_RELAXED) ||
	    pidns_same_as_tracer() == 0 || /* ring_launcher is not its pid here */
	    (self && !children_reaped_unseen()))
		return;
	uint32_t done = __atomic_load_n(&ring->watch_done, __ATOMIC_ACQUIRE);
	if ((int32_t)(done - mine) >= 0 ||
	    raw_syscall2(SYS_kill, ring_launcher, SIGCHLD) != 0)
		return;
	for (int naps = 0; naps < 100; naps++) {
		done = __atomic_load_n(&ring->watch_done, __ATOMIC_ACQUIRE);
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

static int written_unwaited; /* the launcher cannot be woken: never wait */

int trace_output_shared_file(uint64_t *dev, uint64_t *ino)
{
	if (!ring || !ring->shared_ino || written_unwaited)
		return 0;
	*dev = ring->shared_dev;
	*ino = ring->shared_ino;
	return 1;
}

/* Woken by a SIGCHLD (its loop's wake-up), the launcher drains the ring
 * and writes out at once while anyone waits here (written_waiters); a
 * hole another thread is still filling delays it, so the wait is
 * bounded: 200 ms, then the write goes ahead. */
void trace_output_wait_written(void)
{
	/* Not conditioned on the launcher's loop having started
	 * (watch_served): a preloaded program's first write came before it
	 * and went out ahead of its own line (2 of 30 runs once the launcher
	 * started faster); the launcher drains as soon as its loop starts,
	 * and the wait is bounded. */
	if (!ring || trace_output_detached() ||
	    __atomic_load_n(&ring_gone, __ATOMIC_RELAXED) ||
	    __atomic_load_n(&trace_confined, __ATOMIC_RELAXED))
		return;
	uint64_t upto = __atomic_load_n(&ring->reserve, __ATOMIC_ACQUIRE);
	for (int naps = 0; naps < 40; naps++) {
		uint32_t seq = __atomic_load_n(&ring->written_seq, __ATOMIC_ACQUIRE);
		if (__atomic_load_n(&ring->written, __ATOMIC_ACQUIRE) >= upto)
			return;
		__atomic_add_fetch(&ring->written_waiters, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&ring->written, __ATOMIC_SEQ_CST) < upto) {
			/* Our pid for it is not its pid in our namespace, or it
			 * is another user's now: its own passes come anyway. */
			if (naps % 4 == 0 && pidns_same_as_tracer() != 0 &&
			    raw_syscall2(SYS_kill, ring_launcher, SIGCHLD)) {
				__atomic_store_n(&written_unwaited, 1,
						 __ATOMIC_RELAXED);
				__atomic_sub_fetch(&ring->written_waiters, 1,
						   __ATOMIC_SEQ_CST);
				return;
			}
			struct timespec ts = {0, 5 * 1000 * 1000};
			raw_syscall4(SYS_futex, (long)&ring->written_seq,
				     0 /* FUTEX_WAIT, shared */, seq, (long)&ts);
		}
		__atomic_sub_fetch(&ring->written_waiters, 1, __ATOMIC_SEQ_CST);
	}
}

/* This process's last registration of a child that it has not yet waited
 * to see served (0: none). Threads share it; a fork child starts without
 * (trace_output_register_self). */
static uint32_t watch_owed;

void trace_output_register(int pid)
{
	if (!ring || !ring_out || !ring_out->follow || pid <= 0)
		return;
	int self = pid == trace_self_pid();
	pid = trace_shown_pid(pid, PIDNS_TGID);
	int added = ring_pid_add(ring, pid);
	if (added < 0)
		return;
	/* There already (!added): a fork child on the other CPU registered
	 * itself first (or the launcher put it there at its exec). We still
	 * owe the settle before our exit or wait, else an orphan killed
	 * before the launcher came to it would be reaped by init unseen: a
	 * request of our own, since the child's count may not be in
	 * watch_asked yet (it comes a few instructions after its pid). The
	 * pid is in the table before our count, so the pass that serves it
	 * sees the pid. A child registering itself found there already
	 * leaves it to the parent. */
	if (!added && self)
		return;
	uint32_t mine = __atomic_add_fetch(&ring->watch_asked, 1, __ATOMIC_SEQ_CST);
	if (self)
		wait_until_watched(mine, 1);
	else
		__atomic_store_n(&watch_owed, mine ? mine : 1, __ATOMIC_RELEASE);
}

void trace_output_settle_watch(void)
{
	uint32_t owed = __atomic_load_n(&watch_owed, __ATOMIC_ACQUIRE);
	if (!owed || !ring)
		return;
	wait_until_watched(owed, 0);
	/* A later registration by another thread stays owed. */
	__atomic_compare_exchange_n(&watch_owed, &owed, 0, 0, __ATOMIC_RELAXED,
				    __ATOMIC_RELAXED);
}

void trace_output_register_self(void)
{
	__atomic_store_n(&watch_owed, 0, __ATOMIC_RELAXED); /* the parent's */
	if (!ring || !ring_out || !ring_out->follow)
		return;
	ring_pid_add(ring, trace_shown_pid(trace_self_pid(), PIDNS_TGID));
	wait_until_watched(
		__atomic_add_fetch(&ring->watch_asked, 1, __ATOMIC_SEQ_CST), 1);
}

void trace_output_unknown_child(int pid)
{
	if (!ring)
		return;
	int32_t v = trace_shown_pid(pid, PIDNS_TGID);
	ring_put((const char *)&v, sizeof v, RING_UNKNOWN_CHILD);
}

/* A no-line record for the launcher's count of threads: this thread's
 * (tid 0) or thread tid's. */
static void threads_note(int tid, unsigned flag, int32_t v)
{
	if (!ring || !ring_out || !ring_out->follow)
		return;
	if (tid)
		ring_put_as(tid, trace_shown_pid(trace_self_pid(), PIDNS_TGID),
			    (const char *)&v, sizeof v, flag);
	else
		ring_put((const char *)&v, sizeof v, flag);
}

void trace_output_nothing_pending_of(int tid)
{
	threads_note(tid, RING_PENDING, 0);
}

void trace_output_thread_gone(void)
{
	threads_note(0, RING_THREAD_GONE, 0);
}

void trace_output_other_threads_gone(int exec_tid)
{
	threads_note(0, RING_THREADS_GONE, exec_tid);
}

void trace_output_thread_gone_as(int tid)
{
	threads_note(tid, RING_THREAD_GONE, 0);
}

void trace_output_child_killed(int pid)
{
	if (ring && ring_out && pidns_same_as_tracer() != 0)
		trace_output_end_counted(ring_out, pid, RING_END_BY_REAPER);
}

void trace_output_reaped(int pid, int status)
{
	if (!ring)
		return;
	/* In a namespace below the launcher's, the child (gone now) is
	 * no longer in /proc to translate: its own end line tells. */
	if (pidns_same_as_tracer() == 0)
		return;
	/* A child killed by SIGKILL, which could not take its own end out of
	 * the count of live tasks: taken here, at once, so that our next
	 * lines go by the new count as strace's do (trace_ring.h,
	 * end_claims); the launcher, told, takes the rest. Before the record:
	 * the launcher reads the claim when it comes to the record. */
	if (status != RING_REAPED_UNKNOWN && WIFSIGNALED(status) &&
	    WTERMSIG(status) == SIGKILL)
		trace_output_child_killed(pid);
	int32_t v[2] = {pid, status};
	ring_put((const char *)v, sizeof v, RING_REAPED);
}

void trace_output_event(struct trace_output *o, const struct trace_event *e)
{
	if (!o->events || !ring)
		return;
	struct ring_event ev;
	ev.kind = e->kind;
	ev.flags = e->flags;
	ev.nr = e->nr;
	for (int i = 0; i < 6; i++)
		ev.args[i] = e->args ? e->args[i] : 0;
	ev.result = e->result;
	const struct timespec *start = e->start, *end = e->end;
	size_t n1 = e->n1, n2 = e->n2;
	struct timespec now_ = {0, 0};
	if (!start) {
		trace_clock(&now_);
		start = end = &now_;
	}
	ev.start_ns = ring_ns(start);
	ev.end_ns = ring_ns(end ? end : start);
	size_t room = RING_MAX_TEXT - sizeof ev;
	if (n1 > room)
		n1 = room;
	if (n2 > room - n1)
		n2 = room - n1;
	ev.text1_len = (uint32_t)n1;
	ev.text2_len = (uint32_t)n2;
	const char *part[3] = {(const char *)&ev, e->text1, e->text2};
	size_t len[3] = {sizeof ev, n1, n2};
	unsigned rf = RING_EVENT;
	if (e->kind == RING_EV_KILLED ||
	    (e->kind == RING_EV_EXIT && !(e->flags & RING_EV_THREAD)))
		rf |= RING_END;
	ring_put_parts(part, len, rf);
}

