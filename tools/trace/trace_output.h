/* Where trace lines go, and how they are laid out: the pid prefix, strace's
 * timestamps, -T durations, the -c summary, and the per-thread buffers.
 *
 * Lines are gathered per thread and written with one write() per buffer
 * (never a partial line), to a file descriptor the program can neither see
 * nor close. Buffering applies to -o FILE only: a trace on stderr is written
 * line by line, so it interleaves with the program's own output as strace's
 * does. A buffer is written out before anything that could lose it or leave
 * a watcher of the live trace misled: exit, exit_group, execve,
 * fork/vfork/clone, a fatal signal (abort included), and calls that may
 * block for long (see trace_syscalls.c's may_block()).
 *
 * Everything here runs on the trap path (or in a signal handler): raw
 * syscalls only, no locks, nothing large on the stack; per-thread state is a
 * raw mmap, reused when its thread exits. */
#ifndef TOOLS_TRACE_TRACE_OUTPUT_H
#define TOOLS_TRACE_TRACE_OUTPUT_H

#include <stddef.h>
#include <time.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/handlers/format.h"
#include "systrap/handlers/trace_options.h"
#include "systrap/systrap.h"
#include "tools/trace/trace_count_sets.h"
#include "tools/trace/trace_lead.h"

/* Longest line we format (strace's lines are rarely longer; longer ones are
 * cut, never torn). */
#define LINE_MAX_LEN 8192
/* Bytes of lines a thread gathers before it writes them out. */
#define OUT_BUFFER_BYTES 65536
/* Calls in progress per thread: a signal handler may make calls while one
 * blocks, and its handler's calls may be interrupted in turn. */
#define PENDING_DEPTH 4

struct trace_output {
	int fd;              /* ours, high and close-on-exec; -1 with a ring */
	int ring;            /* lines go to the launcher's ring (trace_ring.h) */
	/* Tasks still counted (trace_ring.h, live_tasks) whose end lines
	 * were made: the process's last "+++" line is prefixed as strace's,
	 * whose count has lost them by then. */
	int tasks_said_ended;
	int to_file;         /* -o */
	int follow;          /* -f */
	int pid_prefix;      /* lines prefixed with their pid: -f, or more
				than one process from the start (-p PID with
				PROG, -p PID,PID: SYSTRAP_TRACE_PIDS) */
	int buffered;        /* lines gathered per thread (-o FILE, until -f
				sees a second thread or process) */
	const struct trace_options *opts;
	struct timespec last; /* -r */
	int events;          /* --json or --timeline: events into the ring */
	int json;            /* --json: events only, no text lines */
	/* -Y: while set, the "<comm>" a line's prefix shows instead of the
	 * thread's own (an execve's entry, which strace prints before the
	 * exec renames the process: the old program's). */
	const char *comm_override;
};

/* Where a pending call is. A signal handler finishing the call early looks
 * at it: only IN_KERNEL means the next syscall result is the call's. */
enum {
	PENDING_PREPARING = 0, /* pre hook at work */
	PENDING_IN_KERNEL,     /* pre hook done; the call is being made */
	PENDING_PRINTED,       /* a signal came after it: printed already */
	PENDING_INTERRUPTED,   /* printed as "= ? ERESTART..." by a signal */
	PENDING_EXITING,       /* post hook at work */
};

/* One call whose entry was seen and whose exit was not yet. */
struct pending {
	long nr;
	long args[6];
	struct timespec start;
	uint64_t start_ticks; /* -c alone: arch_cycles() at entry, less
				 systrap_thread_own_cycles() (systrap's own
				 work inside the call is not the call's) */
	size_t entry_len;
	int injected;        /* -e inject: 1 an error, 2 a value (retval=N) */
	uintptr_t ip;        /* -i: the address after its syscall instruction */
	int print;           /* traced: a line is due */
	int partial;         /* its entry half was written at entry */
	/* -f with several writers: that half went as RING_OPEN, the launcher
	 * keeps the line open; the column its end continues at. */
	int at_launcher;
	size_t open_column;
	long long entry_mark; /* -r: its stamp's mark in the ring */
	uint64_t entry_reserve; /* -r: the ring's count after that half */
	/* -f, -e status= showing unfinished calls: the launcher holds the
	 * line to write if the process is killed in this call
	 * (RING_PENDING); told when it ends. */
	int pending_at_launcher;
	int split;           /* ...and another line ended it unfinished */
	int waits;           /* a call that may wait (may_block) */
	int state;           /* PENDING_* */
	unsigned long fork_flags; /* a fork-like call's clone flags, read at
				     entry (clone3's are in memory) */
	/* rt_sigaction: what the program asked, what the kernel got, what
	 * the program had before. */
	int sig_wrapped, sig_has_act;
	int sig_prog_read; /* sig_prog holds the action asked (readable) */
	struct kernel_sigaction sig_prog, sig_subst, sig_prev;
	struct format_saved saved; /* value-result inputs, for "[in => out]" */
	char entry[LINE_MAX_LEN / 2]; /* as much as a line holds of it (-v's
					 execve with its environment) */
};

/* A signal the program ignores that the kernel holds for a thread while
 * the thread blocks it (trace_syscalls.c shows it, as strace does, when
 * the thread unblocks it). */
#define IGNORED_PENDING 8
struct ignored_pending {
	int sig;
	unsigned gen;           /* the signal's action changes seen so far */
	unsigned char info[128]; /* its siginfo */
};
/* A line whose entry half was written while its call waits. */
struct partial_line {
	int active;  /* 1: open; exchanged to 0 by whoever ends it */
	int fd;
	int *split;  /* the call's: set when another line closed it */
};

/* Per thread (raw mmap; reused after its thread exits). */
struct trace_thread {
	int owner;          /* tid; 0 when free */
	int pid;            /* owner's process (ring records name it) */
	int shown_tid;      /* the owner's tid in the launcher's pid
			       namespace (0: not yet known) */
	int fork_settled;   /* a forked child made this copy its own
			       (trace_output_after_fork) since the fork
			       began: its tid alone cannot say so, as a
			       child in a new pid namespace may have the
			       parent's number */
	int fd;             /* output fd (-ff: one file per thread) */
	int busy;           /* buffer taken (by its owner, or a flusher) */
	int vfork_child;    /* tid of a vfork child running on our state */
	/* The signal actions a process sharing our memory but not our
	 * actions (a vfork child on this state, a CLONE_VM child's own) set
	 * itself (bit sig - 1), as it reads them back: the process's table
	 * (trace_syscalls.c) holds its parent's. */
	uint64_t own_actions_set;
	struct kernel_sigaction own_actions[65];
	int vfork_slot;     /* pending slot of the vfork in progress */
	/* The owner's tid while its fork-like call is in progress, which
	 * counted its child among the tasks traced (trace_ring.h,
	 * live_tasks) at entry: the call's own line is prefixed as strace
	 * printed its entry, before the child. A child that copied this
	 * state has another tid. */
	int counting_child;
	int live_at_entry;  /* the tasks traced before that call counted */
	int counting_now;   /* a resumed half's prefix: by the count now */
	/* -r: what this thread's last stamped line left in the ring's
	 * last-line mark (trace_ring.h, ring_since_last_line). */
	long long stamp_mark;
	/* The ring's reserve count after this thread's last record
	 * (trace_ring_producer.c). */
	uint64_t ring_reserved_to;
	unsigned long clone_flags; /* of the fork-like call in progress: its
				      child reads them here (a copy, or our
				      memory), not from the parent's stack */
	int depth;          /* calls pending */
	struct trace_lead lead; /* -n, -i: what the next line shows */
	int scratch_used;   /* nested line buffers in use */
	/* What the thread's next line record carries after its line
	 * (trace_output_set_tail): -e read=/write='s data, -k's stack. */
	const char *tail;
	size_t tail_len;
	char *tail_pages;   /* trace_output_tail_begin's, made at first use */
	size_t len;         /* bytes of complete lines in out */
	/* -c alone: this thread's counts (trace_count_sets.h): a set in
	 * the ring (count_set its index), or own_counts (count_set -1);
	 * none until its first count, and again after a fork (the parent's)
	 * or after the set was folded and freed. */
	struct ring_count_set *counts;
	int count_set;
	int own_counts_used; /* own_counts was ever chosen: else its pages
				are untouched, and a fork child reads none
				of them (a fault a fork) */
	struct partial_line partial; /* -ff: its open line, in its own file */
	int ignored_count;  /* entries of ignored[] */
	struct ignored_pending ignored[IGNORED_PENDING];
	/* What every traced call writes (the fields above, pending[0], the
	 * start of scratch[0]) comes first, on as few pages as it can: each
	 * page of it a call writes after a fork is a copy, in the child and
	 * again in the parent (-f's fork and exec, docs/PERFORMANCE.md). */
	struct pending pending[PENDING_DEPTH];
	char scratch[PENDING_DEPTH][LINE_MAX_LEN];
	char out[OUT_BUFFER_BYTES];
	/* -c alone without the launcher's ring (or no set free there):
	 * this thread's counts, in ticks, not yet added to the process's
	 * table (trace_output_fold_counts); last, as only -c touches them,
	 * and their pages only where no ring set holds them. */
	struct ring_count_set own_counts;
	/* -e inject's when=: this thread's calls of each number that
	 * strace would trace (trace_output_inject_count); only -e inject
	 * touches them. */
	unsigned long inject_counts[TRACE_MAX_NR];
	/* While a vfork child runs on this state: the parent's counts, put
	 * back when its vfork returns (the child counts from 0, a tracee of
	 * its own under strace). */
	unsigned long inject_counts_of_parent[TRACE_MAX_NR];
};

/* Opens the output (at start-up): the launcher's ring if $SYSTRAP_TRACE_RING
 * names one (mapped, its fd closed again), else -o FILE or stderr directly
 * (trace_syscalls.so preloaded by hand). 0 or -errno. */
int trace_output_open(struct trace_output *o, const struct trace_options *opts,
		      int pid);

/* Set once the program confined itself with seccomp: from then on the
 * tracer reads its memory only where that takes no system call (reading it
 * may take process_vm_readv, a call the sandbox would punish); elsewhere
 * arguments print as addresses. */
extern int trace_confined;
/* Set once that confinement is seccomp's strict mode, where the tick
 * counter may fault: times are read no more (trace_ticks gives 0, the
 * clock its last reading). */
extern int trace_ticks_gone;
/* arch_cycles(), or 0 once trace_ticks_gone. */
uint64_t trace_ticks(void);
/* This process's pid: the one its thread's state holds, with no system
 * call (each line under -f carries it; and a filter may forbid getpid:
 * the end lines under -f asked it at the exit_group, and the sandbox
 * killed the program there); a vfork child's its tid (while one runs on
 * the state, a gettid tells it from its parent). Without a state
 * (threads sharing one TLS), getpid. */
int trace_self_pid(void);
/* In a forked copy whose fork's post hook did not settle it (the tracer
 * was detached), at a later attach (its fork's hook, detached, does no
 * system call: a sandbox may forbid these two): the states
 * copied from its parent take its own pid, and its thread's state its tid
 * (the parent's other threads' none), which its lines and ring records
 * carry. */
void trace_output_ids_after_fork(void);
/* Around a system call the tracer makes for itself (the clock for -t/-T/
 * -r/-c, a full ring's wait, a new thread's state): once confined, the
 * launcher is told which, so that a sandbox killing the process for it is
 * reported, not silent. No system call. */
void trace_own_call(long nr);
void trace_own_call_done(void);
/* CLOCK_REALTIME, as an own call; once the process has confined itself,
 * from the tick counter (no call) where its rate is known. */
void trace_clock(struct timespec *ts);
/* The process is about to install a filter of its own (seccomp): the
 * clock's last reading before it, which with the first gives the tick
 * counter's rate. */
void trace_clock_before_confinement(void);
/* systrap_read_memory; once confined, only what needs no system call. */
size_t trace_read_memory(void *dst, uintptr_t src, size_t n);

/* With the launcher's ring and -f: pid is a traced process the launcher
 * must wait for (trace_ring.h's pids). No system call: the caller owes
 * trace_output_settle_watch before anything could reap that child. */
void trace_output_register(int pid);
/* The trace's own file where the program may write into it too
 * (trace_ring.h's shared_dev, shared_ino): 1 and its identity, else 0. */
int trace_output_shared_file(uint64_t *dev, uint64_t *ino);
/* Before the program writes into that file: waits (bounded) until the
 * launcher has written out every line reserved so far, so the program's
 * output lands after them, as under strace. No system call when they
 * are out already. */
void trace_output_wait_written(void);
/* Before a call that may reap a child or end or replace this process
 * (wait4, waitid, exit, exit_group, an exec): waits until the launcher
 * watches the children this process registered. No system call unless
 * one registered is not watched yet. */
void trace_output_settle_watch(void);
/* The same for a forked child itself, at its start, waiting (where its
 * parent ignores SIGCHLD) until the launcher watches it: its parent
 * registers it when fork returns there,
 * but meanwhile the child may run, be killed and be reaped by the kernel
 * (a parent that ignores SIGCHLD), and then nothing could say how it
 * ended. No system call unless following forks with a launcher. */
void trace_output_register_self(void);

/* This thread's state, made on first use; NULL only if mmap fails. */
struct trace_thread *trace_thread_self(struct trace_output *o);
/* This thread's state if it has one (NULL in a new thread, or when
 * threads share TLS); never makes one. */
struct trace_thread *trace_thread_peek(void);
/* The tid lines of this thread are prefixed with. */
int trace_thread_tid(const struct trace_thread *t);
/* The tid strace would print for the thread: its tid in the launcher's
 * pid namespace (the program may have entered one below it), which ring
 * records and line prefixes carry. */
int trace_thread_shown_tid(struct trace_thread *t);
/* A pid of the caller's namespace (pidns.h's `type`) as the launcher
 * sees it; the pid itself when the namespaces are one, or unknown. */
int trace_shown_pid(int pid, int type);

/* Keeps our fds out of reach of close/close_range/dup2/dup3 (pre hook). */
void trace_output_guard_fd(struct trace_output *o, struct systrap_call *call);

size_t trace_output_prefix_width(const struct trace_output *o, int multi);
/* -f with PROG: delta tasks traced began (a fork-like call's child,
 * counted at its entry) or ended (trace_ring.h, live_tasks). The count
 * now (0 where none is kept). */
int trace_output_live_tasks(struct trace_output *o, int delta);
/* pid's end taken out of that count by who (trace_ring.h's
 * RING_END_BY_ITSELF, which takes nothing itself, or RING_END_BY_REAPER,
 * one task), unless another did it before. */
void trace_output_end_counted(struct trace_output *o, int pid, int who);
/* Writes this thread's pid prefix alone, as lines get it ("1234  " and
 * "31926 " with -f -o, "[pid  1234] " with -f on stderr once multi; -n's
 * and -i's after it): at most 56 bytes, not NUL-terminated. Returns its
 * length. */
size_t trace_output_pid_prefix(struct trace_output *o, char *buf, int multi);

/* From now on every line is written as it is made: with -f, once more than
 * one thread or process writes the trace, so that lines are in time order
 * as strace's are (a thread's buffer would group its lines). Writes out what
 * every thread has gathered first. */
void trace_output_line_at_a_time(struct trace_output *o);

/* A call that may block, with one writer of the trace (no -f, or no second
 * thread or process yet; or -ff, a file per thread, where the writer is the
 * thread and the open line its own): its prefix and entry half are written now, with
 * no newline, so that a waiting program shows what it waits in, as under
 * strace. The next line of anything else first ends it with
 * " <unfinished ...>" and sets *split (the call's, alive until it ends).
 * The call's end takes it back with trace_output_end_partial: 1 when it is
 * still open (write the rest with trace_output_line_rest(..., 1)), 0 when
 * it was split or is not open. */
void trace_output_open_partial(struct trace_output *o, int multi,
			       const struct timespec *start, long nr,
			       const char *entry, size_t entry_len, int *split);
int trace_output_end_partial(struct trace_output *o);

/* Appends a complete line (or lines) to this thread's buffer, or writes it
 * at once when unbuffered. An open partial line is ended first. */
void trace_output_emit(struct trace_output *o, const char *text, size_t n);

/* What follows the line the calling thread writes next (-e read=/write='s
 * data, -k's stack: text of whole lines), put in the same ring record as
 * that line, so that no other writer's line comes between them under -f:
 * taken by the first record that ends a line (not an entry half, nor a
 * record of no line); text stays the caller's until then. NULL: none (a
 * tail not taken is dropped). */
void trace_output_set_tail(struct trace_output *o, const char *text, size_t n);

/* A tail being made (trace_output_tail_put, a callback of the dump and
 * stack writers) in the calling thread's pages for it; buf NULL where
 * there are none. */
struct trace_tail {
	char *buf;
	size_t n, cap;
};
struct trace_tail trace_output_tail_begin(struct trace_output *o);
void trace_output_tail_put(void *tail, const char *text, size_t n);

/* One call's line: its entry half as printed (or a "<... name resumed>"
 * text), the call and its result, when it started and ended, and whether
 * its result was injected. */
struct trace_call_line {
	const char *entry;
	size_t entry_len;
	long nr;
	const long *args; /* 6 */
	long result;
	const struct timespec *start, *end;
	int injected; /* 1 an error injected, 2 a value (retval=N) */
	/* The call's "<... name resumed>" half: stamped at its end, as
	 * strace stamps it (-t, -r), not at its entry. */
	int resumed;
	/* -r, an entry half the launcher holds open: the value its stamp
	 * left in the ring's last-line mark, and the ring's reserve count
	 * just after its record (0: not known). */
	long long entry_mark;
	uint64_t entry_reserve;
};

/* Formats "PREFIX" + entry + exit half + (INJECTED) + -T into a line and
 * emits it. */
void trace_output_line(struct trace_output *o, const struct trace_options *opts,
		       const struct format_options *fmt, int multi,
		       const struct trace_call_line *l);
/* An execve under -f: whether this process has another thread we know
 * (only then is there more to say than the exec's own line). */
int trace_output_exec_has_threads(struct trace_output *o);
/* An execve's SYSTRAP_TRACE_EXEC_TID value for the new image, into p up to
 * end; returns its end (no NUL). The exec's tid when a thread other than
 * the first makes it under -f, else 0; with `threads`, what the exec ends
 * in the process's other threads if it succeeds, for the new image to say
 * as strace does (trace_output_exec_cut): "\1", the entry halves of the
 * calls they wait in whose lines were not begun, "<unfinished ...>", as
 * strace wrote them at their entry; "\1", those calls resumed "= ?" (the
 * first thread's last), then "+++ exited with 0 +++" of every thread but
 * the first and the caller. Under -ff the first thread's call only; under
 * a status filter the calls whole (when unfinished ones are shown). */
char *trace_output_exec_setting(struct trace_output *o, int multi, char *p,
				char *end, int threads);
/* In the new image, an exec whose line the other threads' ends cut or
 * that a thread other than the first made (strace -f's lines): `before`,
 * the exec's entry under entry_tid, then "<unfinished ...>" and `after`
 * (or, with nothing after, "<pid changed to PID ...>" for a thread other
 * than the first), then "+++ superseded by execve in pid TID +++" when
 * entry_tid is not the first (unless quiet). The "<... execve resumed>"
 * line follows. */
void trace_output_exec_cut(struct trace_output *o, int multi,
			   const struct timespec *t, int entry_tid,
			   const char *entry, size_t entry_len,
			   const char *before, const char *after);
/* A call that may wait, with several writers (-f, to the launcher's ring):
 * its prefix and entry half as RING_OPEN (trace_ring.h: its name and
 * whether it has more to print at its end first, for a kill that ends
 * it); returns the column its line's rest starts at, in *entry_mark
 * what its -r stamp left in the ring (0: none) and in *entry_reserve the
 * ring's reserve count just after its record (0: not known). */
size_t trace_output_open_at_launcher(struct trace_output *o, int multi,
				     const struct timespec *start, long nr,
				     const char *entry, size_t entry_len,
				     long long *entry_mark,
				     uint64_t *entry_reserve);
/* A call that may wait under a status filter that shows unfinished calls
 * (to the launcher's ring): as RING_PENDING, the whole line a kill would
 * end it with, "name(args <unfinished ...>) = ?", as strace stages it.
 * trace_output_nothing_pending: no call of this thread is pending (its call
 * ended, or, under -f, the thread began: the launcher then knows it, to say
 * its killed line, whatever filter keeps its calls' lines away). */
void trace_output_pending_at_launcher(struct trace_output *o, int multi,
				      const struct timespec *start, long nr,
				      const char *entry, size_t entry_len);
void trace_output_nothing_pending(struct trace_output *o);
/* That call's end, as RING_REST: the rest of the open line at
 * open_column, and the whole line headed `head` ("<... name resumed>"). */
void trace_output_end_at_launcher(struct trace_output *o,
				  const struct trace_options *opts,
				  const struct format_options *fmt, int multi,
				  const struct trace_call_line *l,
				  size_t open_column, const char *head,
				  size_t head_len);
/* The same; with rest_only, writes only what follows the prefix and entry
 * (an open partial line's rest). */
void trace_output_line_rest(struct trace_output *o,
			    const struct trace_options *opts,
			    const struct format_options *fmt, int multi,
			    const struct trace_call_line *l, int rest_only);

/* One --json / --timeline event, as trace_output_event puts it in the
 * ring; fields left out are 0. */
struct trace_event {
	unsigned kind;  /* RING_EV_* */
	unsigned flags; /* RING_EV_THREAD, _WAITS, _CORE */
	long nr;        /* the call; a signal's number; an exit's status */
	const long *args; /* the call's six arguments, or NULL */
	long result;
	const struct timespec *start, *end; /* start NULL: now; end NULL: start */
	const char *text1, *text2; /* the entry and exit halves, or a line */
	size_t n1, n2;
};

/* --json / --timeline (o->events): one event (trace_ring.h's struct
 * ring_event, then text1 and text2) into the ring, whole. RING_EV_EXIT and
 * RING_EV_KILLED are the process's end (RING_END). */
void trace_output_event(struct trace_output *o, const struct trace_event *e);
/* A call's RING_EV_CALL event: its exit half formatted unpadded after
 * entry (the whole entry text, never a "<... resumed>" one). */
void trace_output_call_event(struct trace_output *o,
			     const struct format_options *fmt,
			     const struct trace_call_line *l, unsigned flags);

/* Emits PREFIX + text + "\n" (signal and exit lines, "<unfinished ...>"). */
void trace_output_plain(struct trace_output *o, int multi, const char *text,
			size_t n);
/* The same for the line that ends this process ("+++ killed by ... +++"):
 * the launcher then knows not to print one itself. */
/* A traced process reaped its child pid, which ended with the wait status
 * status: the launcher says how the child ended where the child could not
 * (RING_REAPED). Nothing without the launcher's ring. */
void trace_output_reaped(int pid, int status);
/* -f: our child pid was killed by SIGKILL (its SIGCHLD says so): its end
 * taken out of the count of live tasks at once, as trace_output_reaped
 * takes it, so that the lines after say it as strace's do. */
void trace_output_child_killed(int pid);

/* Under -f, for the launcher's count of each process's threads, which it
 * says were killed when the process dies of a signal it could not see:
 * this thread ended and its process lives on (RING_THREAD_GONE); an exec
 * made by thread exec_tid (0: the first) ended the others
 * (RING_THREADS_GONE; -ff: the launcher writes their ends in their files).
 * Nothing without the launcher's ring. */
void trace_output_thread_gone(void);
void trace_output_other_threads_gone(int exec_tid);
/* Thread tid (as shown) has no call pending at the launcher (RING_PENDING's
 * byte 0, written in its name: its first record, or its call written
 * here by another thread). Under -f only. */
void trace_output_nothing_pending_of(int tid);
/* The same of thread tid, from another (a line written in its name after
 * it was gone, which put it back in the launcher's count). */
void trace_output_thread_gone_as(int tid);

/* Without -f: a child made with CLONE_PTRACE, which strace would have let
 * go, saying so (RING_UNKNOWN_CHILD). */
void trace_output_unknown_child(int pid);
/* "+++ killed by SIGxxx +++" (text, n bytes): with -f in one output, for
 * every thread of the process as strace says it, the first thread's last;
 * else as trace_output_plain_end. */
void trace_output_killed_end(struct trace_output *o, int multi,
			     const char *text, size_t n);
void trace_output_plain_end(struct trace_output *o, int multi,
			    const char *text, size_t n);

/* A call the program's own seccomp filter will kill it for: its line
 * now, as strace 6.1 prints it ("getuid() = 102": the call's number as
 * its result, the kernel never ran it), written out before the call. */
void trace_output_refused_call(struct trace_output *o,
			       struct systrap_call *call,
			       const struct trace_options *opts,
			       struct format_options *fmt, int multi);

/* The program's own seccomp filters (trace_filters.c): copied at the
 * entry of a call that installs one (other_tasks: whether other threads
 * run, whose filters then may differ), kept when it succeeds; whether
 * they will kill the process (or thread) for a call. */
void trace_filters_before(const struct systrap_call *call, int other_tasks);
void trace_filters_after(const struct systrap_call *call);
int trace_filters_kill(const struct systrap_call *call);

/* exit and exit_group: "= ?" and "+++ exited with N +++"; for exit_group
 * the -c summary. A SIGKILL to the caller's own process: "= ?" alone (how
 * it ended is the launcher's line), or with -f every thread's killed line
 * (then 1 is returned: the launcher will not say it; else 0). Writes
 * everything out. */
int trace_output_noreturn(struct trace_output *o, struct systrap_call *call,
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

/* -c: the summary table. */
void trace_output_summary(struct trace_output *o);

/* -c -f: the root makes a table in shared memory that every follower
 * counts into (through /proc/ROOT/fd/N, named in SYSTRAP_TRACE_SUMMARY),
 * and only the root prints it, as strace prints one table for all. */
void trace_output_share_summary(struct trace_output *o, int is_root,
				int root_pid);
/* Around the root's execve (starting: before it; 0: it failed). */
void trace_output_summary_exec(int starting);

/* -e inject's when=: counts this thread's call of nr (one strace traces)
 * and returns its number, from 1; 0 when the thread has no state. strace
 * counts per tracee: per thread, afresh in a forked child, on across an
 * exec (trace_output_inject_setting). */
unsigned long trace_output_inject_count(struct trace_output *o, long nr);
/* A vfork child starts running on this thread's state: the counts are
 * its own from 0 (the parent's kept aside); and the parent's vfork
 * returned: they are the parent's again. */
void trace_output_inject_counts_to_child(struct trace_output *o);
void trace_output_inject_counts_to_parent(struct trace_output *o);
/* An execve's SYSTRAP_TRACE_INJECT_COUNTS value for the new image, into p
 * up to end; returns its end (no NUL): "NR:COUNT," for each call an
 * -e inject rule names that this thread made, as many as fit. */
char *trace_output_inject_setting(struct trace_output *o, char *p,
				  char *end);
/* In the new image: the exec's thread's counts, from that setting. */
void trace_output_take_inject_counts(struct trace_output *o, const char *s);

/* In a new child process: forget the parent's other threads' buffers (the
 * parent writes them), and with -ff open our own file. */
void trace_output_after_fork(struct trace_output *o,
			     const struct trace_options *opts);

/* Writes out this thread's buffered lines. */
void trace_output_flush(struct trace_output *o);

/* Writes out every thread's buffered lines (exit_group, execve, a fatal
 * signal): a thread in the middle of adding a line keeps it. */
void trace_output_flush_all(struct trace_output *o);

/* A thread is gone (exit): its state is written out and freed for reuse. */
void trace_output_thread_exit(struct trace_output *o);

/* Threads share TLS (CLONE_VM without CLONE_SETTLS): find states by tid. */
void trace_output_tls_shared(void);
int trace_output_tls_is_shared(void);

/* A line scratch buffer of LINE_MAX_LEN bytes for one nesting level. */
char *trace_scratch_get(struct trace_thread *t);
void trace_scratch_put(struct trace_thread *t);

/* Whether the launcher detached from this process (-p, then SIGINT): the
 * hooks then do nothing. One load; trap-path safe. */
int trace_output_detached(void);

/* -c alone: a call counted in this thread's table, no system call and no
 * shared write (ticks: arch_cycles() over the call). */
void trace_output_count_ticks(struct trace_thread *t, long nr, long result,
			      uint64_t ticks);
/* Every thread's counts added to the process's table (or the root's, -f)
 * and cleared: before the table is printed, before an exec, at a thread's
 * exit. */
void trace_output_fold_counts(struct trace_output *o);
/* The process is about to install a seccomp filter of its own: -c's tick
 * rate read now, while the clock is no call the filter may punish. */
void trace_output_before_confinement(struct trace_output *o);

#endif
