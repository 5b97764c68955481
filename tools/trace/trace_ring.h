/* The trace ring: shared memory (a memfd the systrap-trace launcher makes)
 * that every traced process maps and appends whole lines to; the launcher
 * copies them to the trace's destination. A line in the ring is safe from
 * the process that wrote it: the memory is the launcher's too, so nothing
 * is lost when a tracee dies without running a handler (SIGKILL, a crash in
 * a signal handler), and writing a line makes no system call.
 *
 * Layout: a header (the counters, then the table of traced processes the
 * launcher waits for), then RING_SLOTS slots of RING_SLOT bytes, then -c's
 * shared table and each thread's counts. A record
 * is one or more consecutive slots (modulo the ring): the first starts with
 * a struct ring_record, the rest are payload only. Producers (any thread of
 * any traced process) reserve slots with one fetch-add on `reserve`, wait
 * while the ring is full, fill the slots, then publish the first slot's tag
 * with a release store. The tag names the record's absolute slot index, so
 * a stale tag from an earlier lap never looks published. The consumer (the
 * launcher, alone) reads records in slot order and advances `consumed`.
 *
 * A producer that dies between its reserve and its publish leaves a hole:
 * its tag says RESERVED (the owner is named, and the launcher checks it is
 * gone) or is stale (it died after its reserve, before the first store).
 * A stale tag's owner is found in the header's reservers: a producer puts
 * its tid there before it reserves, the index it got right after, and
 * takes it out once the tag names it, so the launcher waits for a stale
 * hole while a live producer may own it (one that the machine left
 * without a CPU for a long while, or that waits for room) and skips it
 * once none may. Nothing here calls libc: the producer side runs on the
 * trap path. */
#ifndef TOOLS_TRACE_TRACE_RING_H
#define TOOLS_TRACE_TRACE_RING_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define RING_MAGIC 0x32474e4952525453ULL /* "STRRING2" */
#define RING_HEADER_BYTES 65536
/* Traced processes alive at once that the launcher can wait for (-f):
 * half of the header after its first page; the other half, who counted
 * each one's end (end_claims). */
#define RING_PIDS ((RING_HEADER_BYTES - 4096) / 8)
#define RING_SLOT 128
#define RING_SLOTS 32768 /* 4 MiB of lines */
/* After the slots: -c -f's table, every process counting into it (the
 * tracer's struct summary_row per syscall number). */
#define RING_SUMMARY_OFFSET (RING_HEADER_BYTES + (size_t)RING_SLOT * RING_SLOTS)
#define RING_SUMMARY_BYTES 65536
/* -c alone: each thread's own counts (trace_count_sets.h), after the
 * table: RING_COUNT_SETS sets of rows, their owners in the summary's bytes
 * after the table (RING_COUNTS_OFFSET), so that the launcher can add what
 * a process killed by SIGKILL had not, and print the table once every
 * traced process has ended. Only the pages written are ever made. */
#define RING_COUNTS_OFFSET (RING_SUMMARY_OFFSET + 32768)
#define RING_COUNT_SETS 1024
#define RING_COUNT_SET_BYTES 20544
#define RING_COUNT_SETS_OFFSET (RING_SUMMARY_OFFSET + RING_SUMMARY_BYTES)
#define RING_BYTES \
	(RING_COUNT_SETS_OFFSET + (size_t)RING_COUNT_SET_BYTES * RING_COUNT_SETS)
/* A record's slots: at most 255 (the tag's field), ~32 KiB of text. */
#define RING_MAX_RECORD_SLOTS 255

/* Record flags. */
#define RING_END 1 /* holds the process's "+++ exited/killed +++" line */
#define RING_EVENT 2 /* a struct ring_event and its texts (--json,
			--timeline), not a line of text */

/* What a traced process tells a launcher that writes --json or
 * --timeline: one event per call, signal and end, as data. The launcher
 * turns it into JSON (tools/trace/trace_json.h); the tracer only copies
 * bytes into the ring, as for a text line. */
enum ring_event_kind {
	RING_EV_CALL = 1,  /* a call ended: text1 its entry half, text2 the
			      rest (") = 3", unpadded) */
	RING_EV_START,     /* a call that may wait began (text1 its entry
			      half): shown unfinished if its end never comes */
	RING_EV_SIGNAL,    /* nr: the signal; text1 its siginfo "{si_signo=...}" */
	RING_EV_EXIT,      /* nr: the exit code */
	RING_EV_KILLED,    /* nr: the signal */
};

/* ring_event flags */
#define RING_EV_INJECTED 1 /* -e inject= made the result */
#define RING_EV_WAITS 2    /* a call that may wait (timeline: "blocking") */
#define RING_EV_CORE 4     /* killed, core dumped */
#define RING_EV_THREAD 8   /* an exit that ends a thread, not its process */
#define RING_EV_VALUE 16   /* the result is a value injected (retval=N),
			      never an error */

struct ring_event {
	uint32_t kind;      /* enum ring_event_kind */
	uint32_t flags;     /* RING_EV_* */
	int64_t nr;         /* the call's number, the signal, the exit code */
	int64_t args[6];
	int64_t result;     /* the kernel's (-errno), or a restart code */
	int64_t start_ns;   /* CLOCK_REALTIME: the call's entry, or the event */
	int64_t end_ns;     /* the call's end (= start_ns for the others) */
	uint32_t text1_len; /* bytes of text1, which follows this header */
	uint32_t text2_len; /* bytes of text2, which follows text1 */
};
/* No line: a traced process reaped a child (wait4, waitid), whose pid and
 * wait status follow as two int32s; the launcher prints how the child
 * ended unless the child said so itself (SIGKILL, a fault in a handler).
 * The status is RING_REAPED_UNKNOWN where the caller asked for none
 * (wait4's NULL status pointer): the child is gone all the same. */
#define RING_REAPED 4
#define RING_REAPED_UNKNOWN (-1)
/* With RING_END: lines the launcher holds until the process is gone (an
 * exit_group's ends of a process that had other threads, which may still
 * write a line before the kernel ends them), then writes after every line
 * reserved until then. */
#define RING_HELD 8
/* No line: without -f, a traced process made a child with CLONE_PTRACE,
 * whose pid (as the launcher sees it) follows as an int32. Under strace the
 * child would be a tracee it never asked for, let go at once with "Detached
 * unknown pid N" on strace's stderr; the launcher says the same. */
#define RING_UNKNOWN_CHILD 16
/* A call that may wait began (-f, several writers): a byte, 1 if the call
 * has more to print at its end (strace's " <unfinished ...>" inside its
 * "resumed>" half: "read(3, ", not "futex(..., NULL"); a byte n and the
 * call's name in n bytes (at most RING_OPEN_NAME_MAX; 0 for a number the
 * table lacks); then its prefix and entry half, no newline. The launcher
 * keeps the line open, as strace does: any other line written to the same
 * place first ends it " <unfinished ...>"; a kill ends the call with the
 * head's help. */
#define RING_OPEN 32
#define RING_OPEN_NAME_MAX 39
/* That call's end: a uint32 n, n bytes that continue the open line, then
 * the whole "<... name resumed>" line, for when another line came between
 * (the launcher writes the one that fits). */
#define RING_REST 64

/* No line (an int32 0): under -f, the writer's thread ended and its
 * process lives on (exit, whether or not its "+++ exited" line was
 * shown). The launcher keeps each process's other threads (every tid that
 * wrote a record) to say "+++ killed by SIGxxx +++" of each, as strace -f
 * does, when the process dies of a signal no handler of ours saw (a
 * SIGKILL from outside): the process cannot say it then. */
#define RING_THREAD_GONE 128
/* No line (an int32: the tid of the thread that made the exec, 0 for the
 * first thread): under -f, the writer's process began a new image at an
 * exec among threads: its other threads are gone (the exec said their
 * ends; -ff: the launcher says them, each in its thread's file). */
#define RING_THREADS_GONE 512

/* No line unless the process is killed: under a status filter that shows
 * unfinished calls (-e status=unfinished..., whose lines are staged whole
 * at their end), a call that may wait began. A byte 1, then the whole line
 * strace writes for it when the process dies in it (its prefix, "read(3,
 * <unfinished ...>)        = ?", the newline); or a byte 0: no call of the
 * writer is pending (its call ended; under -f, also a thread's first
 * record, whatever the filters: the launcher then knows the thread). The
 * launcher writes a killed process's pending lines before its killed lines
 * (a SIGKILL from outside: no handler of ours runs; -ff: each in its
 * thread's file). */
#define RING_PENDING 1024
/* A call that may wait began, one writer of the place (no -f, or -ff's
 * file of the thread): a byte, 1 if the call has more to print at its end
 * (as RING_OPEN's), then its prefix and entry half, no newline. The line
 * is the writer's to end (its call's end continues it; its next line
 * first writes " <unfinished ...>"); a kill ends it as strace does, by
 * the byte: "write(4, \"...\", 100000) = ?" where the entry printed
 * every argument, "read(3,  <unfinished ...>) = ?" where it did not. */
#define RING_PARTIAL 2048

/* The flags above of records that put no line in the trace (each says
 * "No line"), beside them so that a new one is counted where it is
 * defined: -r's ring_line_put is made for every other record. */
#define RING_NO_LINE                                                         \
	(RING_EVENT | RING_REAPED | RING_UNKNOWN_CHILD | RING_THREAD_GONE |  \
	 RING_THREADS_GONE | RING_PENDING)

/* A producer between its reserve and its RESERVED tag: its tid, and the
 * low 32 bits of the index it reserved plus one (0 while not yet known). */
#define RING_RESERVERS 256
struct ring_reserver {
	int32_t tid;
	uint32_t index1;
};

struct ring_header {
	uint64_t magic;
	uint64_t reserve;   /* slots reserved so far (absolute index) */
	char pad0[48];
	uint64_t consumed;  /* slots the launcher has taken (absolute) */
	uint32_t space_seq; /* futex: bumped when slots are freed */
	uint32_t waiters;   /* producers waiting for room */
	/* Random, set by the launcher when it makes the ring: a process
	 * holding it at an address maps this ring (the launcher's check of
	 * a new registrant, which otherwise reads its /proc/PID/maps). */
	uint64_t session_nonce;
	char pad1[40];
	/* A call the tracer makes on a confined (seccomp) process's behalf:
	 * who makes it and which, cleared after. If the sandbox kills the
	 * process for it, the launcher says so. */
	int32_t own_call_pid;
	int32_t own_call_nr;
	/* Set by a launcher that detaches from the processes it attached to
	 * (-p): from then on the tracer's hooks do nothing. */
	int32_t detached;
	/* -f: a process that puts a new pid in pids[] bumps watch_asked,
	 * wakes the launcher (SIGCHLD) and waits (a futex, bounded) until
	 * watch_done reaches its number: by then the launcher holds a pidfd
	 * of it, so an end no wait of ours sees (a parent that ignores
	 * SIGCHLD, a kill from outside a moment later) is never missed.
	 * The launcher looks at the table only when watch_asked moved. Zero
	 * watch_served: no launcher loop answers yet, nobody waits. Set
	 * before the program can run: with the image it runs before the
	 * start returns to the launcher (its loop comes right after). */
	uint32_t watch_asked;
	uint32_t watch_done;
	int32_t watch_served;
	/* The launcher's pid namespace (the inode of its /proc/self/ns/pid):
	 * a process in a namespace below it puts the launcher's view of its
	 * pids in records (pidns.h). */
	uint64_t pidns_ino;
	uint64_t proc_dev;    /* the device of the launcher's /proc */
	int32_t pidns_column; /* its NSpid count there, less one */
	/* The trace's file where the program may write into it too (the
	 * launcher's stderr, or -o naming a terminal or pipe): its st_dev
	 * and st_ino, else 0. A process about to write into that file waits
	 * first until `written` (slots whose lines the launcher has written
	 * out) reaches what was reserved so far, so that the program's own
	 * output and the trace interleave as they happened, as strace's do
	 * (trace_output_wait_written). */
	uint32_t written_seq;     /* futex: bumped as `written` moves */
	uint64_t shared_dev, shared_ino;
	uint64_t written;
	uint32_t written_waiters; /* processes waiting on it */
	/* -r: when the last line any process prefixed was prefixed
	 * (CLOCK_MONOTONIC-free: the lines' own clock, in ns), so that each
	 * line's relative time is from the one before it, whichever process
	 * wrote that, as strace -f -r counts. 0: none yet. */
	int64_t last_line_ns;
	/* -f with PROG (not -p): the tasks traced now, as strace counts its
	 * `nprocs` (each thread and process from the fork-like call that
	 * made it to its end), so that lines on a shared stderr carry
	 * "[pid N] " only while more than one is traced, as strace's do
	 * (trace_output.c, prefixed). live_counted: the launcher keeps
	 * the count (else the prefix, once shown, stays). It may count too
	 * many (an end nobody saw), never too few. */
	int32_t live_tasks;
	int32_t live_counted;
	char pad2[4096 - 172 - 8 - 32 - 12 - 8 - RING_RESERVERS * 8];
	/* Producers in that window that found no free reserver: while any
	 * is, a stale hole is skipped after a second, as it is waited for
	 * by no one's name. */
	uint32_t unnamed;
	/* -f: one past the highest slot of pids[] ever used (slots are
	 * taken lowest first and never given back above it): the scans stop
	 * there instead of reading all RING_PIDS slots (each 15 us, at every
	 * fork in the parent, the child and the launcher's pass). Raised
	 * before the pid's registrant wakes the launcher. */
	uint32_t pids_high;
	struct ring_reserver reservers[RING_RESERVERS];
	/* -f: every traced process puts its pid here (its parent too, when
	 * the fork returns); 0 is free. The launcher waits until none of
	 * them lives, then clears it. */
	int32_t pids[RING_PIDS];
	/* -f: who took the end of pids[i]'s process out of live_tasks where
	 * no hook of its own could (SIGKILL): RING_END_BY_* below, 0 none
	 * yet. A traced parent that reaps a child killed by SIGKILL counts it
	 * at once, so that its own next lines go by the count strace's go by
	 * (it drops the "[pid N] " prefix there); the launcher, which says
	 * the end later in the ring's order, then counts only the rest. */
	int32_t end_claims[RING_PIDS];
};

#define RING_END_BY_ITSELF 1   /* its own end, at its exit or kill */
#define RING_END_BY_REAPER 2   /* its traced parent, as it reaped it */
#define RING_END_BY_LAUNCHER 3

/* The fields above fill the first page exactly: a change to them moves
 * the pid table, which both sides would read differently. */
_Static_assert(__builtin_offsetof(struct ring_header, pids) == 4096,
	       "the ring header's first page is 4096 bytes");
_Static_assert(sizeof(struct ring_header) <= RING_HEADER_BYTES,
	       "the ring header fits before the slots");

/* A stamp in ns, as the ring keeps stamps. */
static inline int64_t ring_ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000LL + t->tv_nsec;
}

/* -r: ns from the last line any writer stamped (h->last_line_ns) to now,
 * the lines' own clock in ns; with chain, now becomes the last. The
 * latest wins: a line stamped before the last (two writers at once)
 * counts 0 and moves it on by 1 ns only, so that every stamped line
 * changes it (a writer asks whether any line was stamped since its own
 * by comparing the value it stored, *stored if not NULL). 0 for the
 * first line. */
static inline long long ring_since_last_line(struct ring_header *h,
					     long long now, int chain,
					     long long *stored)
{
	long long before = __atomic_load_n(&h->last_line_ns, __ATOMIC_RELAXED);
	long long next = 0;
	while (chain) {
		next = now > before ? now : before + 1;
		if (__atomic_compare_exchange_n(&h->last_line_ns, &before, next,
						1, __ATOMIC_RELAXED,
						__ATOMIC_RELAXED))
			break;
	}
	if (stored)
		*stored = next;
	return before && now > before ? now - before : 0;
}

/* -r: a line's record was just put in the ring. Lines are stamped before
 * they are put, so two writers at once may stamp in one order and put in
 * the other; the last stamp is moved on by 1 ns at each put (never from
 * 0: no line yet), so that a writer that holds a call open since its own
 * put sees every line put after it as a change of the value it stored.
 * Returns the value after the move (0: none). */
static inline long long ring_line_put(struct ring_header *h)
{
	long long before = __atomic_load_n(&h->last_line_ns, __ATOMIC_RELAXED);
	while (before && !__atomic_compare_exchange_n(&h->last_line_ns, &before,
						      before + 1, 1,
						      __ATOMIC_RELAXED,
						      __ATOMIC_RELAXED))
		;
	return before ? before + 1 : 0;
}

/* The mark of a record whose put (ring_line_put) found the last stamp
 * moved since its reservation: by a line of another writer, stamped or
 * put meanwhile, reserved before ours or after it, which the mark cannot
 * tell apart. It equals no stamp: the records reserved after ours say
 * then whether a line came after it (ring_line_came_after). */
#define RING_MARK_MOVED (-1LL)

/* ring_line_put for a record reserved when the last stamp read pre: its
 * mark, or RING_MARK_MOVED where another writer moved the stamp between.
 * (A writer preempted between its reservation and its put, while another
 * stamped, reserved and put a line after it, would otherwise keep the
 * other's mark as its own and miss that line.) */
static inline long long ring_line_put_from(struct ring_header *h,
					   long long pre)
{
	long long mark = ring_line_put(h);
	/* The value the put moved from (0 stays 0). */
	long long from = mark ? mark - 1 : 0;
	return from == pre ? mark : RING_MARK_MOVED;
}

struct ring_record {
	uint64_t tag;   /* ring_tag(index, nslots, published) */
	uint32_t len;   /* bytes of text */
	uint32_t flags; /* RING_END, RING_REAPED */
	int32_t tid;    /* the writer (its file with -ff) */
	int32_t pid;    /* its process */
	char text[RING_SLOT - 24];
};

#define RING_FIRST_TEXT (RING_SLOT - 24)

static inline uint64_t ring_tag(uint64_t index, unsigned nslots, int published)
{
	return ((index + 1) << 9) | ((uint64_t)nslots << 1) |
	       (published ? 1u : 0u);
}

static inline unsigned ring_tag_slots(uint64_t tag)
{
	return (unsigned)(tag >> 1) & 0xff;
}

static inline uint64_t ring_tag_index(uint64_t tag)
{
	return (tag >> 9) - 1;
}

static inline unsigned ring_slots_for(size_t n)
{
	if (n <= RING_FIRST_TEXT)
		return 1;
	return 1 + (unsigned)((n - RING_FIRST_TEXT + RING_SLOT - 1) / RING_SLOT);
}

/* The largest text one record holds. */
#define RING_MAX_TEXT \
	(RING_FIRST_TEXT + (size_t)(RING_MAX_RECORD_SLOTS - 1) * RING_SLOT)

/* How many slots of pids[] a scan reads (pids_high). */
static inline int ring_pids_used(struct ring_header *h)
{
	uint32_t n = __atomic_load_n(&h->pids_high, __ATOMIC_ACQUIRE);
	return n < RING_PIDS ? (int)n : RING_PIDS;
}

/* pid into the table of traced processes (pids[]): 1 when put there, 0
 * when it is there already, -1 when the table is full. */
static inline int ring_pid_add(struct ring_header *h, int32_t pid)
{
	int used = ring_pids_used(h);
	for (int i = 0; i < used; i++)
		if (__atomic_load_n(&h->pids[i], __ATOMIC_RELAXED) == pid)
			return 0;
	for (int i = 0; i < RING_PIDS; i++) {
		int32_t free_ = 0;
		if (__atomic_compare_exchange_n(&h->pids[i], &free_, pid, 0,
						__ATOMIC_RELEASE,
						__ATOMIC_RELAXED)) {
			__atomic_store_n(&h->end_claims[i], 0, __ATOMIC_RELEASE);
			uint32_t high = __atomic_load_n(&h->pids_high,
							__ATOMIC_RELAXED);
			while (high < (uint32_t)i + 1 &&
			       !__atomic_compare_exchange_n(
				       &h->pids_high, &high, (uint32_t)i + 1, 0,
				       __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
				;
			return 1;
		}
	}
	return -1;
}

/* pid's slot in pids[] freed (it ended), its end's claim with it. */
static inline void ring_pid_free(struct ring_header *h, int i, int32_t pid)
{
	if (__atomic_compare_exchange_n(&h->pids[i], &pid, 0, 0,
					__ATOMIC_RELAXED, __ATOMIC_RELAXED))
		__atomic_store_n(&h->end_claims[i], 0, __ATOMIC_RELEASE);
}

/* Takes the counting of pid's end for who (RING_END_BY_*): 0 when this
 * caller is to count it, else who took it before, or -1 where pid has no
 * slot (not registered, or freed: the launcher counts as it always did). */
static inline int ring_claim_end(struct ring_header *h, int32_t pid, int32_t who)
{
	int used = ring_pids_used(h);
	for (int i = 0; i < used; i++) {
		if (__atomic_load_n(&h->pids[i], __ATOMIC_ACQUIRE) != pid)
			continue;
		int32_t was = 0;
		if (!__atomic_compare_exchange_n(&h->end_claims[i], &was, who, 0,
						 __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE))
			return was;
		return 0;
	}
	return -1;
}

static inline char *ring_slot(struct ring_header *h, uint64_t index)
{
	return (char *)h + RING_HEADER_BYTES +
	       (size_t)(index % RING_SLOTS) * RING_SLOT;
}

/* Whether a record that puts a line in the trace (its flags not
 * RING_NO_LINE: the launcher ends a held-open line for it) was reserved
 * in [from, to), read from the records' own tags and flags, which their
 * writers set before naming them. A record not named yet (reserved, its
 * tag still to come), or slots the ring has gone round since, count as a
 * line: the launcher may yet see one there. */
static inline int ring_line_reserved_between(struct ring_header *h,
					     uint64_t from, uint64_t to)
{
	if (to - from > RING_SLOTS)
		return 1;
	for (uint64_t idx = from; idx < to;) {
		const struct ring_record *r =
			(const struct ring_record *)ring_slot(h, idx);
		uint64_t tag = __atomic_load_n(&r->tag, __ATOMIC_ACQUIRE);
		unsigned n = ring_tag_slots(tag);
		if (!tag || ring_tag_index(tag) != idx || !n ||
		    !(r->flags & RING_NO_LINE))
			return 1;
		idx += n;
	}
	return 0;
}

/* -r: whether a line came after a held-open entry half whose put left
 * mark (its writer's stamp_mark; not 0) with the reserve count at
 * reserved_to (0: not known) after its record, as the launcher, which
 * writes lines in the ring's order, will judge it. A mark still in place
 * says no line was stamped or put since (every line's put moves it,
 * ring_line_put; its time alone fails where two writers' clocks read in
 * one order were stamped in the other). Once it moved, or where another
 * writer moved it before our own put (RING_MARK_MOVED), the records
 * reserved after ours decide: a line among them (a line stamped after
 * ours but reserved before ours does not come between; records that are
 * no lines, --timeline's event of the call, a reaped child, do not
 * either). */
static inline int ring_line_came_after(struct ring_header *h, long long mark,
				       uint64_t reserved_to)
{
	long long last = __atomic_load_n(&h->last_line_ns, __ATOMIC_RELAXED);
	if (!reserved_to)
		return last != mark;
	if (mark != RING_MARK_MOVED && last == mark)
		return 0;
	return ring_line_reserved_between(
		h, reserved_to, __atomic_load_n(&h->reserve, __ATOMIC_ACQUIRE));
}

/* Copies a record's text out of (or into) the ring, across the wrap. */
static inline void ring_copy_text(struct ring_header *h, uint64_t index,
				  char *dst, const char *src, size_t n,
				  int into_ring)
{
	size_t off = 0;
	unsigned s = 0;
	while (off < n) {
		char *slot = ring_slot(h, index + s);
		char *area = s ? slot : slot + 24;
		size_t cap = s ? RING_SLOT : RING_FIRST_TEXT;
		size_t k = n - off < cap ? n - off : cap;
		for (size_t i = 0; i < k; i++) {
			if (into_ring)
				area[i] = src[off + i];
			else
				dst[off + i] = area[i];
		}
		off += k;
		s++;
	}
}

#endif
