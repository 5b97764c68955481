/* Each thread's state (its line buffer, pending calls, -c counts): made
 * on its first line, found through systrap's per-thread storage (or by tid
 * once two threads share one TLS block), reused after its thread exits;
 * a fork child's reset. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "tools/trace/trace_output_parts.h"

/* Every thread state this process made, for trace_output_flush_all and for
 * reuse: a state is never unmapped (another thread may be writing it out),
 * a thread that exits frees it for the next new thread. */
struct trace_thread *registry[MAX_THREADS];
int registry_count;
/* Where each thread keeps its state's address: systrap's per-thread
 * storage (systrap.h), not TLS, which the image cannot count on. */
long self_offset = -1;

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

/* ---- per-thread states ---- */

static void inject_counts_clear(struct trace_thread *t)
{
	for (int nr = 0; nr < TRACE_MAX_NR; nr++)
		if (t->inject_counts[nr]) /* a page not written stays shared */
			t->inject_counts[nr] = 0;
}

static void state_init(struct trace_output *o, struct trace_thread *t, int tid)
{
	t->busy = 0;
	t->vfork_child = 0;
	t->counting_child = 0;
	t->own_actions_set = 0;
	t->depth = 0;
	t->scratch_used = 0;
	t->len = 0;
	t->ignored_count = 0;
	t->fd = o->fd;
	t->pid = trace_self_pid();
	t->shown_tid = 0;
	if (o->opts->ninject) /* a dead thread's state, taken again */
		inject_counts_clear(t);
	/* -ff: every thread but a process's first writes FILE.TID, as
	 * strace -ff does (with a ring, the launcher sorts lines by tid). */
	if (o->to_file && !o->ring && o->opts->output_per_process &&
	    tid != t->pid) {
		int fd = open_file(o->opts, tid, 1);
		if (fd >= 0)
			t->fd = fd;
	}
}

/* A thread other than the first, at its first call (its state made and
 * found: writing a record looks it up): under -f the launcher learns it
 * exists (a record with no line), so that a kill from outside says its
 * end even where a filter (-e trace=, -e status=) kept every line of it
 * away, as strace says every thread's. */
static void thread_began(struct trace_output *o, struct trace_thread *t,
			 int tid)
{
	if (o->ring && o->follow && tid != t->pid)
		trace_output_nothing_pending_of(trace_thread_shown_tid(t));
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
		t = state_claim(o, tid);
		if (t)
			thread_began(o, t, tid);
		return t;
	}
	/* The thread's state made before systrap's per-thread storage
	 * existed (the image's start-up: the tool's first lines come before
	 * systrap_init), taken as its own once it does. Without this every
	 * line then made a state of its own (~130 KiB each, six a start),
	 * and -ff's exit_group took them for other threads. */
	int n = __atomic_load_n(&registry_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n && i < MAX_THREADS; i++) {
		t = __atomic_load_n(&registry[i], __ATOMIC_ACQUIRE);
		if (t && __atomic_load_n(&t->owner, __ATOMIC_ACQUIRE) == tid &&
		    !t->vfork_child) {
			self_set(t);
			return t;
		}
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
	/* Only now: its record is written with this state. */
	thread_began(o, t, tid);
	return t;
}

struct trace_thread *trace_thread_peek(void)
{
	return __atomic_load_n(&tls_shared, __ATOMIC_RELAXED) ? 0 : self_get();
}

int trace_self_pid(void)
{
	/* The pid this thread's state holds (set when the state was made,
	 * and in every state at a fork: the fork's post hook, or a signal
	 * that came first, settles the child before it prints), with no
	 * system call: every line under -f carries it, and a getpid each was
	 * ~30 calls a fork-exec of bash's. A confined program may forbid
	 * getpid besides. Threads sharing one TLS have no state of their
	 * own: getpid. */
	struct trace_thread *t = trace_thread_peek();
	if (!t)
		return (int)raw_getpid();
	if (!t->vfork_child)
		return t->pid;
	/* A vfork child runs on its parent's state until its exec or exit:
	 * its process's first thread, its tid its pid. Its parent, woken,
	 * may run before its own post hook clears vfork_child (a signal
	 * pending meanwhile is delivered first: its fatal catcher's tgkill
	 * went to the child's pid, and a SIGTERM was lost): which of the
	 * two is asking, by its tid. Confined, as before: no call. */
	if (__atomic_load_n(&trace_confined, __ATOMIC_RELAXED))
		return t->vfork_child;
	int tid = (int)raw_gettid();
	return tid == t->vfork_child ? tid : t->pid;
}

void trace_output_ids_after_fork(void)
{
	/* A confined program's filter may forbid getpid and gettid (a
	 * detached parent's fork child died of them): its copies keep the
	 * parent's ids, as before. */
	if (__atomic_load_n(&trace_confined, __ATOMIC_RELAXED))
		return;
	struct trace_thread *mine = tls_shared ? 0 : self_get();
	int pid = (int)raw_getpid(), tid = (int)raw_gettid();
	int n = __atomic_load_n(&registry_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n && i < MAX_THREADS; i++) {
		struct trace_thread *s = registry[i];
		/* States made here since hold this pid already (a thread's). */
		if (!s || s->pid == pid)
			continue;
		s->owner = s == mine ? tid : 0;
		s->pid = pid;
		s->shown_tid = 0;
	}
}

int trace_thread_tid(const struct trace_thread *t)
{
	return t->vfork_child ? t->vfork_child : t->owner;
}

int trace_shown_pid(int pid, int type)
{
	/* Confined (seccomp): no /proc reads on its behalf; the pid as it
	 * is (right unless the program is in a namespace of its own). */
	if (__atomic_load_n(&trace_confined, __ATOMIC_RELAXED) ||
	    pidns_same_as_tracer() != 0)
		return pid;
	int outer = pidns_translate(pid, type, 0);
	return outer ? outer : pid;
}

int trace_thread_shown_tid(struct trace_thread *t)
{
	if (t->vfork_child)
		return trace_shown_pid(t->vfork_child, PIDNS_TID);
	if (!t->shown_tid)
		t->shown_tid = trace_shown_pid(t->owner, PIDNS_TID);
	return t->shown_tid;
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

void trace_output_thread_exit(struct trace_output *o)
{
	struct trace_thread *t = trace_thread_self(o);
	if (!t)
		return;
	flush_state(t);
	if (t->vfork_child)
		return; /* the parent's state: it lives on */
	fold_one(t);
	counts_detach(t);
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
	/* Our namespace is the parent's pid_for_children: most often its
	 * own, whose facts then hold (a stat of /proc/self/ns/pid a fork). */
	if (__atomic_load_n(&trace_confined, __ATOMIC_RELAXED))
		pidns_forget();
	else
		pidns_after_fork();
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
		counts_forget_parents(s);
		if (opts->ninject) /* a new tracee, for strace: counts anew */
			inject_counts_clear(s);
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
		s->shown_tid = 0;
		s->fork_settled = 1;
	}
	summary_after_fork();
	/* Watched before it runs on (trace_output_register_self). */
	trace_output_register_self();
	if (o->to_file && !o->ring && opts->output_per_process) {
		int fd = open_file(opts, trace_self_pid(), 1);
		if (fd >= 0) {
			raw_dup3(fd, o->fd, O_CLOEXEC);
			hidden_remove(fd);
			raw_close(fd);
		}
	}
}

unsigned long trace_output_inject_count(struct trace_output *o, long nr)
{
	struct trace_thread *t = trace_thread_self(o);
	if (!t || nr < 0 || nr >= TRACE_MAX_NR)
		return 0;
	return ++t->inject_counts[nr];
}

/* Moves the counts from one array to the other, the source cleared
 * (only the entries in use written: a page not written stays shared). */
static void inject_counts_move(unsigned long *to, unsigned long *from)
{
	for (int nr = 0; nr < TRACE_MAX_NR; nr++) {
		if (to[nr] != from[nr])
			to[nr] = from[nr];
		if (from[nr])
			from[nr] = 0;
	}
}

void trace_output_inject_counts_to_child(struct trace_output *o)
{
	struct trace_thread *t = trace_thread_self(o);
	if (t)
		inject_counts_move(t->inject_counts_of_parent, t->inject_counts);
}

void trace_output_inject_counts_to_parent(struct trace_output *o)
{
	struct trace_thread *t = trace_thread_self(o);
	if (t)
		inject_counts_move(t->inject_counts, t->inject_counts_of_parent);
}

char *trace_output_inject_setting(struct trace_output *o, char *p, char *end)
{
	struct trace_thread *t = trace_thread_self(o);
	for (int nr = 0; t && nr < TRACE_MAX_NR; nr++) {
		unsigned long n = t->inject_counts[nr];
		if (!n || !trace_options_injects(o->opts, nr))
			continue;
		if (end - p < 32) /* "NR:COUNT," at most 26 */
			break;
		p = put_udec(p, (unsigned long long)nr, 0, ' ');
		*p++ = ':';
		p = put_udec(p, n, 0, ' ');
		*p++ = ',';
	}
	return p;
}

void trace_output_take_inject_counts(struct trace_output *o, const char *s)
{
	struct trace_thread *t = trace_thread_self(o);
	while (t && *s) {
		char *end;
		unsigned long nr = strtoul(s, &end, 10);
		if (*end != ':')
			return;
		unsigned long n = strtoul(end + 1, &end, 10);
		if (*end != ',')
			return;
		s = end + 1;
		if (nr < TRACE_MAX_NR)
			t->inject_counts[nr] = n;
	}
}
