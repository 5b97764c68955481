/* trace_syscalls.so: an strace-compatible tracer that runs inside the traced
 * program. Options come from $SYSTRAP_TRACE (the systrap-trace launcher sets
 * it from its command line), in strace's syntax.
 *
 * Everything after the constructor runs on the trap path or in a signal
 * handler: raw syscalls, no stdio, no malloc, no locks, little stack. Lines
 * go through trace_output (per-thread buffers, a hidden fd). Per call: the
 * pre hook formats the entry half into the thread's pending stack, the post
 * hook the exit half; with -f, an output event counter shared with forked
 * children tells whether another thread's or process's line came in between
 * (then strace prints "<unfinished ...>" and "<... name resumed>", and so do
 * we).
 *
 * Signals: the program's handlers are wrapped (rt_sigaction's pre hook
 * substitutes ours, its post hook gives the program back what it set), so a
 * delivery prints strace's "--- SIGxxx {...} ---"; signals whose default
 * action kills are caught while the program leaves them at SIG_DFL, to
 * print "+++ killed by SIGxxx +++" and write out every buffer first. */
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/prctl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "systrap/arch/context.h"
#include "systrap/arch/cycles.h"
#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/restorer.h"
#include "systrap/arch/signal_tail.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/syscall_behaviour.h"
#include "systrap/handlers/errno_names.h"
#include "systrap/handlers/format.h"
#include "systrap/handlers/io_dump.h"
#include "systrap/handlers/path_filter.h"
#include "systrap/handlers/pidns.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/trace_options.h"
#include "systrap/handlers/value_tables.h"
#include "systrap/systrap.h"
#include "tools/trace/text_put.h"
#include "tools/trace/trace_output.h"
#include "tools/trace/trace_stack.h"
#include "tools/trace/trace_ring.h"

static struct trace_options opts;
static struct format_options fmt;
static struct trace_output out;
static int root_pid;         /* the process strace would trace without -f */
static int is_root;
static int multi;            /* more than one thread or process seen */

/* The newest fork-like call's flags, for a child that shares our TLS while
 * states are found by tid. */
static unsigned long last_clone_flags;

/* trace_sysfoot.so links trace_sysfoot.c, which defines these to print
 * each call's memory footprint after its line; in trace_syscalls.so they
 * are absent (NULL). `slot` is the call's index in pending[]. */
/* Not declared hidden here: a hidden undefined weak symbol is resolved
 * PC-relative, so in trace_syscalls.so (no definition) its address would be
 * the load base, not NULL. */
extern void trace_footprint_entry(int slot, const struct systrap_call *call)
	__attribute__((weak));
extern void trace_footprint_exit(int slot, struct trace_output *o, int multi,
				 const struct systrap_call *call)
	__attribute__((weak));
/* execve's footprint as its success would show it, written into sink:
 * the new image prints it after the execve line (the strings it measured
 * are gone by then). Returns the bytes written. */
extern size_t trace_footprint_exec(int slot, struct trace_output *o, int multi,
				   char *sink, size_t cap)
	__attribute__((weak));

/* Not memcpy: the trap path calls no libc (it may use vector registers). */
static void copy_bytes(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

/* A SIGKILL the caller cannot survive (to its own process, or with kill
 * to its process group): strace prints the call "= ?", the process dying
 * in it, then how it ended (the launcher's line: nothing runs after). */
static int kills_itself(const struct systrap_call *call)
{
	const struct trace_thread *t = trace_thread_peek();
	if (call->skip || !t)
		return 0;
	long self = t->vfork_child ? t->vfork_child : t->pid;
	if (call->nr == SYS_kill)
		return call->args[1] == SIGKILL &&
		       (call->args[0] == 0 || call->args[0] == self);
	if (call->nr == SYS_tgkill)
		return call->args[2] == SIGKILL && call->args[0] == self;
	return 0;
}

static int traced_here(void)
{
	if (opts.follow_forks)
		return 1;
	/* Without -f strace follows only the first thread of the first
	 * process (and what it execs). */
	if (!is_root)
		return 0;
	/* The thread's own state knows its tid: no gettid per call. */
	const struct trace_thread *t = trace_thread_peek();
	return (t ? trace_thread_tid(t) : raw_gettid()) == root_pid;
}

static void now(struct timespec *ts)
{
	trace_clock(ts);
}

/* The ticks a call took, its pre's mark to now, less systrap's own work
 * meanwhile; 0 once the ticks are gone (seccomp's strict mode). */
static uint64_t ticks_since(const struct pending *p)
{
	uint64_t now_ticks = trace_ticks();
	if (!now_ticks)
		return 0;
	return now_ticks - systrap_thread_own_cycles() - p->start_ticks;
}

static int wants_time(void)
{
	/* -c alone times calls with arch_cycles(), no system call. */
	return opts.timestamps || opts.relative_timestamps ||
	       opts.syscall_times || opts.summary == 2 || out.events;
}

static unsigned long clone_flags(const struct systrap_call *call)
{
	unsigned long flags = 0;
	if (call->nr == SYS_clone)
		flags = (unsigned long)call->args[0];
	else if (call->nr == SYS_clone3)
		trace_read_memory(&flags, (uintptr_t)call->args[0], sizeof flags);
	else if (call->nr == SYS_vfork)
		flags = CLONE_VM | CLONE_VFORK;
	return flags;
}

/* ---- which calls may block for long ---- */

/* Per fd: 0 not known, 1 never blocks for long (file, block device,
 * /dev/null and friends), 2 may (pipe, socket, terminal). Forgotten when
 * the fd is closed or replaced; a new fd can only take a freed number. */
#define FD_KINDS 4096
/* kind: as above; shares_trace: 0 not known, 1 another file than the
 * trace's, 2 the trace's. Side by side, so that the low fds every process
 * uses have both on one page of bss (a fault each, at every start). */
static struct fd_facts {
	uint8_t kind, shares_trace;
} fd_facts[FD_KINDS];

static int fd_kind_may_block(long fd);

static int fd_may_block(long fd)
{
	/* With the launcher's ring nothing is buffered here, so the kind of
	 * fd matters only to how a call is printed: with one writer (-ff:
	 * one a file) every read and write is written as a call that may
	 * wait (its entry half first, the same text once it ends), and no
	 * fstat is made. With several, the launcher keeps such a line open
	 * (RING_OPEN), at a record more a call: only where the fd may block
	 * (a pipe, a socket, a terminal), so that a thread or a child that
	 * waits in a read shows it as strace -f does, "[pid N] read(0, ";
	 * a regular file's read is written whole at its end (a line that
	 * came in between still splits it then). */
	if (out.ring && (!(opts.follow_forks && multi) || opts.output_per_process))
		return 1;
	return fd_kind_may_block(fd);
}

/* The fd's kind alone (fstat'ed once): a pipe, a socket, a terminal. */
static int fd_kind_may_block(long fd)
{
	if (fd < 0 || fd >= FD_KINDS || trace_confined)
		return 1;
	uint8_t k = __atomic_load_n(&fd_facts[fd].kind, __ATOMIC_RELAXED);
	if (!k) {
		struct stat st;
		k = 2;
		if (!raw_syscall2(SYS_fstat, fd, (long)&st) &&
		    (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode) ||
		     S_ISDIR(st.st_mode) ||
		     (S_ISCHR(st.st_mode) && (st.st_rdev >> 8) == 1)))
			k = 1; /* major 1: mem, null, zero, random ... */
		__atomic_store_n(&fd_facts[fd].kind, k, __ATOMIC_RELAXED);
	}
	return k == 2;
}

static void fd_forget(const struct systrap_call *c)
{
	long lo, hi;
	unsigned b = syscall_behaviour(c->nr);
	if (b & SB_FD_CLOSE) {
		lo = hi = c->args[0];
	} else if (b & SB_FD_REPLACE) {
		lo = hi = c->args[1];
	} else if (b & SB_FD_CLOSE_RANGE) {
		lo = (unsigned)c->args[0];
		hi = (unsigned)c->args[1];
	} else {
		return;
	}
	if (lo < 0)
		return;
	for (long fd = lo; fd <= hi && fd < FD_KINDS; fd++)
		fd_facts[fd].kind = fd_facts[fd].shares_trace = 0;
}

/* Whether the call writes into the trace's own file (the launcher's
 * stderr, say, which the program writes to as well): its fd's identity
 * asked once (fd_facts' shares_trace) and compared. */
static int writes_into_trace(const struct systrap_call *c)
{
	uint64_t dev, ino;
	/* The shared-file test first: a regular -o FILE never shares. */
	if (!trace_output_shared_file(&dev, &ino) ||
	    !(syscall_behaviour(c->nr) & SB_SIGPIPE))
		return 0;
	long fd = c->args[0];
	if (fd < 0 || fd >= FD_KINDS || trace_confined)
		return 0;
	uint8_t k = __atomic_load_n(&fd_facts[fd].shares_trace, __ATOMIC_RELAXED);
	if (!k) {
		struct stat st;
		k = !raw_syscall2(SYS_fstat, fd, (long)&st) &&
				    st.st_dev == dev && st.st_ino == ino
			    ? 2
			    : 1;
		__atomic_store_n(&fd_facts[fd].shares_trace, k, __ATOMIC_RELAXED);
	}
	return k == 2;
}

/* A user watching a live trace must see everything up to a call that
 * waits (for input, a child, a lock, time): the buffer is written out
 * first. Reads and writes wait only on pipes, sockets and terminals. */
/* any_fd: whatever the fd (--json and --timeline's notion of a call that
 * may wait, which costs no fstat); -1: by the fd's kind alone, whoever
 * writes the trace (a call a kill may find waiting: RING_PENDING). */
static int may_block(const struct systrap_call *c, int any_fd)
{
	unsigned b = syscall_behaviour(c->nr);
	if (b & SB_WAITS)
		return 1;
	if (b & SB_WAITS_ON_FD)
		return any_fd < 0 ? fd_kind_may_block(c->args[0])
				  : any_fd || fd_may_block(c->args[0]);
	if (!(b & SB_WAITS_BY_COMMAND))
		return 0;
	switch (c->nr) {
	case SYS_fcntl:
		return c->args[1] == F_SETLKW || c->args[1] == F_OFD_SETLKW;
	case SYS_futex: {
		/* The command, without FUTEX_PRIVATE_FLAG and
		 * FUTEX_CLOCK_REALTIME. */
		unsigned op = (unsigned)c->args[1] & (FUTEX_PRIVATE_FLAG - 1);
		return op == FUTEX_WAIT || op == FUTEX_LOCK_PI ||
		       op == FUTEX_WAIT_BITSET || op == FUTEX_WAIT_REQUEUE_PI ||
		       op == FUTEX_LOCK_PI2;
	}
	default:
		return 0;
	}
}

/* ---- signals ---- */

#define NSIG_K 65
/* What the program believes each signal's action is. */
static struct kernel_sigaction program_action[NSIG_K];
static uint8_t caught_default[NSIG_K]; /* our catcher stands for SIG_DFL */
/* The process whose actions program_action[] holds. A child made with
 * CLONE_VM but without CLONE_SIGHAND (vfork, posix_spawn, Go's os/exec)
 * runs in this memory with actions of its own in the kernel: what it sets
 * (Go's child resets every handler to SIG_DFL before exec) must not land
 * here, or its parent's wrappers would find SIG_DFL and drop every signal
 * the parent's handlers should have run. */
static int actions_pid;

void signal_wrapper(int sig, siginfo_t *si, void *uc);
static void fatal_catcher(int sig, siginfo_t *si, void *uc);
/* Changes of each signal's action the program made (rt_sigaction). */
static unsigned action_gen[NSIG_K];
/* This process made a thread (or had some before us: -p). */
static int has_threads;
/* -f: this process's tasks traced now (trace_ring.h, live_tasks): its
 * threads, counted from their clone's entry to their exit. What its end
 * takes from the count, unless a child sharing our memory but not our
 * threads (clone(CLONE_VM) without CLONE_VFORK) may have changed it:
 * then one, never more tasks than end. */
static int process_tasks = 1;
static int process_tasks_shared;
/* The first thread left (exit): strace counts it until its process ends,
 * as the kernel reports its end only then. */
static int first_thread_gone;

/* Up to want of this process's tasks, taken out of process_tasks (never
 * below 0, so that no end, nor two threads ending the process at once,
 * takes more than the process counted): how many it took. */
static int take_tasks(int want)
{
	int have = __atomic_load_n(&process_tasks, __ATOMIC_RELAXED);
	for (;;) {
		int take = have < want ? have : want;
		if (take <= 0)
			return 0;
		if (__atomic_compare_exchange_n(&process_tasks, &have,
						have - take, 0, __ATOMIC_RELAXED,
						__ATOMIC_RELAXED))
			return take;
	}
}

/* What tasks_end needs of the ending thread's state, read before its end
 * lines (a thread's exit frees its state). */
struct ending {
	int vfork_child; /* a vfork child, on its parent's state */
	int first;       /* the process's first thread */
};

static struct ending ending_of(struct trace_thread *t)
{
	struct ending e = {t && t->vfork_child, t && t->owner == t->pid};
	return e;
}

/* A test's seam (SYSTRAP_TEST_EXIT_STRETCH_US, read at start): how long an
 * exit_group's pre hook sleeps once it has counted its process's end, in
 * a process that had other threads (-f), so that a test can send a
 * SIGKILL into that window
 * (options_compare_test's PrefixAfterAnEndCountedBeforeItsSigkillAsStrace).
 * Zero: never. */
static struct timespec exit_stretch;

/* This task's end, or its process's (all its threads), at the call that
 * ends it, after its last lines were made. No system call: a process in
 * seccomp's strict mode may make none of ours. Returns how many tasks it
 * took out of the count. */
static int tasks_end(int thread_only, struct ending e)
{
	if (!opts.follow_forks)
		return 0;
	int n;
	if (e.vfork_child) {
		n = 1; /* a vfork child: its own one task, not our threads' */
	} else if (process_tasks_shared) {
		n = 1; /* which process of the memory ends is not known */
		if (thread_only)
			take_tasks(1);
	} else if (thread_only) {
		if (e.first &&
		    __atomic_load_n(&process_tasks, __ATOMIC_RELAXED) > 1) {
			first_thread_gone = 1;
			return 0;
		}
		/* (The first thread alone: its exit ends the process.) */
		n = take_tasks(1);
		/* The last thread: the first one's end comes with it. */
		if (n && first_thread_gone &&
		    __atomic_load_n(&process_tasks, __ATOMIC_RELAXED) == 1)
			n += take_tasks(1);
	} else {
		n = __atomic_exchange_n(&process_tasks, 0, __ATOMIC_RELAXED);
		if (n < 0)
			n = 0;
		/* Said here: a parent that reaps us killed (our own SIGKILL)
		 * must not count it again. */
		trace_output_end_counted(
			&out, trace_shown_pid(trace_self_pid(), PIDNS_TGID),
			RING_END_BY_ITSELF);
	}
	trace_output_live_tasks(&out, -n);
	return n;
}

/* Signals whose default action ends the process (not the core's trap
 * signal, SIGILL or SIGTRAP: its deliveries are reported by the core, see
 * trap_signal_seen; not 32/33, glibc's own: it installs their handlers
 * before it sends them). */
static int default_kills(int sig)
{
	if (systrap_owns_signal(sig))
		return 0;
	switch (sig) {
	case SIGILL: case SIGTRAP:
	case SIGHUP: case SIGINT: case SIGQUIT: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGUSR1: case SIGSEGV: case SIGUSR2: case SIGPIPE:
	case SIGALRM: case SIGTERM: case SIGSTKFLT: case SIGXCPU: case SIGXFSZ:
	case SIGVTALRM: case SIGPROF: case SIGIO: case SIGPWR: case SIGSYS:
		return 1;
	default:
		return sig >= 34 && sig <= 64;
	}
}

/* Every signal a handler can be installed for, but the core's trap signal
 * (its action is the core's, the program's is virtual). glibc's SIGCANCEL
 * (32, pthread_cancel) and SIGSETXID (33) too: strace shows them. */
static int wrappable(int sig)
{
	return sig >= 1 && sig < NSIG_K && !systrap_owns_signal(sig) &&
	       sig != SIGKILL && sig != SIGSTOP;
}

static void install_catcher(int sig)
{
	struct kernel_sigaction k = {
		(void *)fatal_catcher,
		SA_SIGINFO | SA_RESTART | SA_ONSTACK | KERNEL_SA_RESTORER,
		arch_signal_restorer, 0};
	if (!raw_rt_sigaction(sig, &k, 0))
		caught_default[sig] = 1;
}

/* rt_sigaction's pre hook: the kernel gets our wrapper (or catcher) in
 * place of the program's handler (or SIG_DFL); p keeps both. */
static void sigaction_pre(struct systrap_call *call, struct pending *p)
{
	int sig = (int)call->args[0];
	p->sig_wrapped = 0;
	if (!wrappable(sig) || call->args[3] != KERNEL_SIGSET_SIZE)
		return;
	p->sig_wrapped = 1;
	p->sig_has_act = 0;
	p->sig_prog_read = 0;
	p->sig_prev = program_action[sig];
	if (!call->args[1])
		return;
	struct kernel_sigaction k;
	if (trace_read_memory(&k, (uintptr_t)call->args[1], sizeof k) !=
	    sizeof k)
		return; /* the kernel says EFAULT */
	/* Recorded only by the process the table is for (actions_pid). */
	int ours = trace_self_pid() == actions_pid;
	p->sig_has_act = ours;
	p->sig_prog = k;
	p->sig_prog_read = 1;
	kernel_sigaction_as_kept(&p->sig_prog); /* what reads back */
	p->sig_subst = k;
	if (k.handler == SIG_IGN)
		return;
	if (k.handler == SIG_DFL) {
		if (!default_kills(sig))
			return;
		p->sig_subst.handler = (void *)fatal_catcher;
		/* SA_ONSTACK: where the thread has an alternate signal stack
		 * (every Go thread), its own stack may be a goroutine's few
		 * KiB, with no room for a signal frame. */
		p->sig_subst.flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK |
				     KERNEL_SA_RESTORER;
		p->sig_subst.restorer = arch_signal_restorer;
		p->sig_subst.mask = 0;
	} else if (!ours) {
		/* A CLONE_VM child's own handler: the wrapper would look it
		 * up in its parent's table, so it runs unwrapped. */
		return;
	} else {
		p->sig_subst.handler = (void *)signal_wrapper;
		p->sig_subst.flags |= SA_SIGINFO;
	}
	call->args[1] = (long)&p->sig_subst;
}

/* rt_sigaction's post hook: record what the program set, and show it what
 * it set before, not our substitutes. */
static void sigaction_post(struct systrap_call *call, struct pending *p)
{
	int sig = (int)call->args[0];
	if (!p->sig_wrapped || call->result)
		return;
	/* A process that shares this memory but not its actions (a vfork or
	 * CLONE_VM child, which never records into the table: actions_pid)
	 * reads back what it set itself, else what it inherited. */
	struct trace_thread *t = 0;
	int sharer = trace_self_pid() != actions_pid;
	if (sharer)
		t = trace_thread_self(&out);
	uint64_t bit = 1ull << (sig - 1);
	if (call->args[2]) {
		struct kernel_sigaction *old = (void *)call->args[2];
		if (t && (t->own_actions_set & bit))
			*old = t->own_actions[sig];
		else if (old->handler == (void *)signal_wrapper ||
			 old->handler == (void *)fatal_catcher)
			*old = p->sig_prev;
	}
	if (t && call->args[1] && p->sig_prog_read) {
		t->own_actions[sig] = p->sig_prog;
		t->own_actions_set |= bit;
	}
	if (p->sig_has_act) {
		program_action[sig] = p->sig_prog;
		/* A pending ignored sig is now flushed, or delivered to
		 * what the program set (and shown from there). */
		__atomic_add_fetch(&action_gen[sig], 1, __ATOMIC_RELAXED);
		caught_default[sig] = p->sig_subst.handler == (void *)fatal_catcher;
	}
}

/* What the kernel returned, as strace shows it, from a call a handler
 * interrupted: an ERESTART* code, or -EINTR itself (the row's rule). */
static long restart_code(long nr, const long args[6])
{
	switch (syscall_restart(nr, args)) {
	case RESTART_BLOCK:
		return -ERESTART_RESTARTBLOCK;
	case RESTART_NOHAND:
		return -ERESTARTNOHAND;
	case RESTART_EINTR:
		return -EINTR;
	case RESTART_NOINTR:
		return -ERESTARTNOINTR;
	default:
		return -ERESTARTSYS;
	}
}

/* A result the kernel gives a call it restarts after a handler (what
 * the core's restart gives the attempt's post hooks; ERESTART_RESTARTBLOCK
 * where the kernel restarted it with no handler before a handled signal
 * came: restart_syscall then comes in). */
static int restarts(long result)
{
	return result == -ERESTARTSYS || result == -ERESTARTNOINTR ||
	       result == -ERESTART_RESTARTBLOCK;
}

static int print_pending(struct trace_thread *t, struct pending *p,
			 long result, const struct timespec *end);
static void dump_io(struct trace_thread *t, struct trace_tail *tail, long nr,
		    const long args[6], long result);
static void print_with_tail(struct trace_thread *t, struct pending *p,
			    long result, const struct timespec *end,
			    const struct systrap_call *call, void *uc);

/* With -f, a child reaped by wait4 or waitid: the launcher says how it
 * ended, as strace does, where it could not say so itself (SIGKILL, a
 * fault inside its SIGSEGV handler). Before the call's own line: strace
 * prints the child's end before the wait returns (the line of a wait that a
 * signal's line finishes, finish_interrupted_call, too). */
static void report_reaped(long nr, long result, const long args[6])
{
	if (!opts.follow_forks ||
	    __atomic_load_n(&trace_confined, __ATOMIC_RELAXED))
		return;
	int pid, status = 0;
	if (nr == SYS_wait4) {
		if (result <= 0)
			return;
		pid = (int)result;
		/* waitpid(pid, NULL, 0): reaped, its status ours to find;
		 * not where it may have reported a stop or a continue
		 * (WUNTRACED, WCONTINUED: the child lives on). */
		if (!args[1] && (args[2] & (WUNTRACED | WCONTINUED)))
			return;
		if (!args[1])
			status = RING_REAPED_UNKNOWN;
		else if (trace_read_memory(&status, (uintptr_t)args[1],
					   sizeof status) != sizeof status)
			return;
	} else if (!args[2]) {
		/* waitid(P_PID, pid, NULL, WEXITED): that child reaped (the
		 * kernel takes a NULL infop), its status ours to find; not
		 * with WNOHANG (0 then says nothing was), nor where a stop or
		 * a continue may have been reported. */
		if (result != 0 || args[0] != P_PID || args[1] <= 0 ||
		    !(args[3] & WEXITED) ||
		    (args[3] & (WNOWAIT | WNOHANG | WSTOPPED | WCONTINUED)))
			return;
		pid = (int)args[1];
		status = RING_REAPED_UNKNOWN;
	} else {
		/* si_signo, si_errno, si_code, pad, si_pid, si_uid, si_status */
		int32_t si[7];
		if (result != 0 ||
		    (args[3] & WNOWAIT) ||
		    trace_read_memory(si, (uintptr_t)args[2], sizeof si) !=
			    sizeof si ||
		    si[0] != SIGCHLD || si[4] <= 0)
			return;
		pid = si[4];
		if (si[2] == CLD_EXITED)
			status = (si[6] & 0xff) << 8;
		else if (si[2] == CLD_KILLED)
			status = si[6] & 0x7f;
		else if (si[2] == CLD_DUMPED)
			status = (si[6] & 0x7f) | 0x80;
		else
			return;
	}
	if (status == RING_REAPED_UNKNOWN || WIFEXITED(status) ||
	    WIFSIGNALED(status))
		trace_output_reaped(pid, status);
}


/* A signal arrived while this thread's newest call was in the kernel (or
 * just out of it): strace shows that call's line first, finished, or as
 * "= ? ERESTARTSYS" when the signal interrupted it. The interrupted
 * context says which: right after a syscall instruction with its result
 * in rax, or back at the instruction (to be restarted) / -EINTR. */
static void pend_at_launcher(struct trace_thread *t, struct pending *p);

static void finish_interrupted_call(struct trace_thread *t, void *uc_)
{
	int d = t->depth;
	if (d <= 0 || d > PENDING_DEPTH || !uc_)
		return;
	struct pending *p = &t->pending[d - 1];
	if (p->state != PENDING_IN_KERNEL || !p->print)
		return;
	uintptr_t pc = arch_context_pc(uc_);
	long result = arch_context_result(uc_);
	uint8_t before[ARCH_SYSCALL_INSN_LEN] = {0}, at[ARCH_SYSCALL_INSN_LEN] = {0};
	trace_read_memory(before, pc - ARCH_SYSCALL_INSN_LEN, sizeof before);
	trace_read_memory(at, pc, sizeof at);
	int after_syscall = arch_is_syscall_bytes(before);
	int at_syscall = arch_is_syscall_bytes(at);
	struct timespec end = {0, 0};
	if (wants_time())
		now(&end);
	if ((after_syscall && result == -EINTR) || (at_syscall && result == p->nr)) {
		p->state = PENDING_INTERRUPTED;
		long restart = restart_code(p->nr, p->args);
		int pending = p->pending_at_launcher;
		print_with_tail(t, p, restart, &end, 0, uc_);
		/* The kernel may restart it once the handler returns, and a
		 * kill may find it there (strace: "read(3,  <unfinished
		 * ...>) = ?"): pending again until it ends (-EINTR, or its
		 * restart, which the core runs through pre() anew, or its
		 * result where the restart went unseen: the exit hook
		 * clears it). */
		if (pending)
			pend_at_launcher(t, p);
	} else if (after_syscall) {
		p->state = PENDING_PRINTED;
		if (syscall_behaviour(p->nr) & SB_REAPS)
			report_reaped(p->nr, result, p->args);
		print_with_tail(t, p, result, &end, 0, uc_);
	}
}

/* -i: where the signal found the thread, as the kernel would tell strace:
 * in a call, or right after a syscall instruction (our trampoline's, or
 * the program's), the address after that call's site; else where it
 * was. uc NULL: a signal shown after the call that raised it. */
static void signal_lead(void *uc)
{
	struct trace_thread *t = trace_thread_self(&out);
	if (!t || !uc || __atomic_load_n(&t->depth, __ATOMIC_RELAXED) > 0)
		return;
	uintptr_t pc = arch_context_pc(uc);
	uint8_t before[ARCH_SYSCALL_INSN_LEN] = {0};
	trace_read_memory(before, pc - ARCH_SYSCALL_INSN_LEN, sizeof before);
	if (!arch_is_syscall_bytes(before))
		t->lead.ip = pc;
}

/* The signature table's strace flags for -k: a call that may change the
 * mappings (the next walk reads them again), one whose stack strace
 * captures at its entry. */
static int has_class(long nr, uint32_t class)
{
	const struct syscall_signature *s = syscall_lookup(nr);
	return s && (s->classes & class);
}

static int changes_mappings(long nr)
{
	return has_class(nr, CLASS_MEMORY_MAPPING_CHANGE);
}

static int stack_captured_at_entry(long nr)
{
	return has_class(nr, CLASS_STACKTRACE_ON_ENTRY);
}

static void print_signal_line(int sig, siginfo_t *si, void *uc)
{
	if (opts.summary == 1)
		return; /* -c prints the table alone, as strace does */
	if (!trace_options_signal_shown(&opts, sig))
		return; /* -e signal= */
	if (opts.instruction_pointer)
		signal_lead(uc);
	char line[512];
	size_t n = 0;
	line[n++] = '-';
	line[n++] = '-';
	line[n++] = '-';
	line[n++] = ' ';
	n += format_signal_name(line + n, 32, sig);
	line[n++] = ' ';
	size_t m = format_siginfo(line + n, sizeof line - n - 8, si,
				  opts.const_style, opts.decode_pids);
	if (m >= sizeof line - n - 8)
		m = sizeof line - n - 9;
	if (out.events) {
		struct trace_event e = {.kind = RING_EV_SIGNAL, .nr = sig,
					.text1 = line + n, .n1 = m};
		trace_output_event(&out, &e);
		if (opts.json)
			return;
	}
	n += m;
	line[n++] = ' ';
	line[n++] = '-';
	line[n++] = '-';
	line[n++] = '-';
	/* -k: the stack where the signal found the program, in the line's
	 * record. */
	struct trace_tail tail = {0, 0, 0};
	if (opts.stack_traces && uc)
		tail = trace_output_tail_begin(&out);
	if (tail.buf)
		trace_stack_of_signal(uc, trace_output_tail_put, &tail);
	if (tail.n)
		trace_output_set_tail(&out, tail.buf, tail.n);
	trace_output_plain(&out, multi, line, n);
	trace_output_set_tail(&out, 0, 0);
}

static void settle_forked_child(void);

static void show_wrapped_signal(int sig, void *si, void *uc)
{
	struct trace_thread *t = trace_thread_self(&out);
	if (t)
		finish_interrupted_call(t, uc);
	print_signal_line(sig, si, uc);
}

/* The wrapper the kernel holds in place of the program's handler: shows
 * the signal, then jumps to the program's handler (signal_wrapper_prepare
 * says which) in the kernel's frame, so the handler returns into the
 * restorer and unwinds from it as natively (signal_tail.h). */
ARCH_SIGNAL_TAIL_HANDLER(signal_wrapper, signal_wrapper_prepare);

__attribute__((used)) static void *signal_wrapper_prepare(int sig,
							  siginfo_t *si,
							  void *uc)
{
	struct kernel_sigaction act = program_action[sig];
	settle_forked_child();
	if (act.flags & SA_RESETHAND) {
		/* The kernel reset the action to SIG_DFL on delivery (the
		 * handler only: the flags read back as they were). */
		program_action[sig].handler = SIG_DFL;
		if (default_kills(sig))
			install_catcher(sig);
	}
	if (traced_here())
		systrap_call_with_room(show_wrapped_signal, sig, si, uc);
	if (act.handler == SIG_IGN || act.handler == SIG_DFL)
		return 0; /* changed meanwhile: nothing of the program's to run */
	/* Entered as (sig, si, uc) with or without SA_SIGINFO: a handler
	 * of one argument ignores the other two. */
	return act.handler;
}

static int dumps_core(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS: {
		struct { unsigned long cur, max; } rl = {0, 0};
		raw_syscall2(SYS_getrlimit, RLIMIT_CORE, (long)&rl);
		return rl.cur != 0;
	}
	default:
		return 0;
	}
}

/* A signal's `--- SIGxxx` line, after the call it interrupted is shown
 * ended; returns whether this process is traced. */
static int show_signal(int sig, siginfo_t *si, void *uc)
{
	settle_forked_child();
	if (!traced_here())
		return 0;
	/* A child that SIGKILL ended no longer counts: strace has seen its
	 * end before this SIGCHLD reaches its parent. */
	if (sig == SIGCHLD && opts.follow_forks && si->si_code == CLD_KILLED &&
	    si->si_status == SIGKILL)
		trace_output_child_killed(si->si_pid);
	struct trace_thread *t = trace_thread_self(&out);
	if (t)
		finish_interrupted_call(t, uc);
	print_signal_line(sig, si, uc);
	return 1;
}

/* The process dies of sig: the lines strace prints for that, then every
 * thread's lines written out. */
static void report_death(int sig, void *info, void *uc)
{
	siginfo_t *si = info;
	if (show_signal(sig, si, uc)) {
		if (opts.summary) /* the process ends here: its table too */
			trace_output_summary(&out);
		struct trace_event e = {
			.kind = RING_EV_KILLED,
			.flags = dumps_core(sig) ? RING_EV_CORE : 0, .nr = sig,
		};
		trace_output_event(&out, &e);
		/* strace 6.1: shown by -e signal=, whatever -q says. */
		if (trace_options_signal_shown(&opts, sig) &&
		    opts.summary != 1) {
			char line[64] = "+++ killed by ";
			size_t n = 14;
			n += format_signal_name(line + n, 32, sig);
			const char *tail = dumps_core(sig) ? " (core dumped) +++"
							   : " +++";
			while (*tail)
				line[n++] = *tail++;
			struct trace_thread *t = trace_thread_peek();
			if (t) /* -i: strace has no address for it */
				t->lead.ip = 0;
			trace_output_killed_end(&out, multi, line, n);
		}
	}
	trace_output_flush_all(&out);
	/* The process dies of it: all its threads. */
	tasks_end(0, ending_of(trace_thread_peek()));
}

/* The core's trap signal is the program's own (a genuine ud2 or int3, or
 * sent): delivered to the program's handler, or about to kill it. */
static void trap_signal_seen(int sig, const void *info, void *uc, int kills)
{
	siginfo_t *si = (siginfo_t *)info;
	if (kills) {
		report_death(sig, si, uc);
		return;
	}
	show_signal(sig, si, uc);
}

/* The program left sig at SIG_DFL and it kills: say so as strace does,
 * write out every thread's lines, then die of it for real. */
static void fatal_catcher(int sig, siginfo_t *si, void *uc)
{
	/* Where there is room: the program may have overflowed its
	 * alternate stack, where the kernel runs us. */
	systrap_last_words(report_death, sig, si, uc);
	struct kernel_sigaction dfl = {SIG_DFL, 0, 0, 0};
	raw_rt_sigaction(sig, &dfl, 0);
	/* A fault comes back when we return; anything else is sent again,
	 * and delivered once this handler's mask is gone. */
	if (si->si_code > 0 && si->si_code != SI_KERNEL &&
	    (sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL))
		return;
	raw_tgkill(trace_self_pid(), (int)raw_gettid(), sig);
}

/* A launcher that attached to us leaves (-p, then SIGINT): the program's
 * own actions go back into the kernel wherever ours stand in for them (a
 * wrapper around its handler, a catcher for its SIG_DFL), so that what it
 * reads back and what a signal does are its own again. The hooks say
 * nothing from then on (trace_output_detached). */
/* The launcher left (our leave function ran): the hooks do nothing, even
 * before the ring says so. A re-attach's constructor clears it. */
static int left;

static void put_back_actions(void)
{
	/* -c: the table so far, as strace prints it when it detaches. */
	if (opts.summary && is_root && trace_self_pid() == root_pid)
		trace_output_summary(&out);
	for (int sig = 1; sig < NSIG_K; sig++) {
		struct kernel_sigaction cur;
		long get[6] = {sig, 0, (long)&cur, KERNEL_SIGSET_SIZE, 0, 0};
		if (!wrappable(sig) || systrap_syscall(SYS_rt_sigaction, get))
			continue;
		if (cur.handler == (void *)signal_wrapper ||
		    cur.handler == (void *)fatal_catcher) {
			long set[6] = {sig, (long)&program_action[sig], 0,
				       KERNEL_SIGSET_SIZE, 0, 0};
			systrap_syscall(SYS_rt_sigaction, set);
			caught_default[sig] = 0;
		}
	}
	__atomic_store_n(&left, 1, __ATOMIC_RELEASE);
}

/* Attached to a running process (-p): the handlers it installed before we
 * came are wrapped as if it installed them now, so their deliveries show
 * as "--- SIGxxx" lines. Through systrap (systrap_syscall): the core may
 * itself stand in for a handler whose mask holds its trap signal. */
static void wrap_existing_handlers(void)
{
	for (int sig = 1; sig < NSIG_K; sig++) {
		struct kernel_sigaction cur;
		long get[6] = {sig, 0, (long)&cur, KERNEL_SIGSET_SIZE, 0, 0};
		if (!wrappable(sig) || systrap_syscall(SYS_rt_sigaction, get) ||
		    cur.handler == SIG_DFL || cur.handler == SIG_IGN ||
		    cur.handler == (void *)signal_wrapper ||
		    cur.handler == (void *)fatal_catcher)
			continue;
		struct kernel_sigaction subst = cur;
		subst.handler = (void *)signal_wrapper;
		subst.flags |= SA_SIGINFO;
		/* What the wrapper runs, before it can run. */
		program_action[sig] = cur;
		long set[6] = {sig, (long)&subst, 0, KERNEL_SIGSET_SIZE, 0, 0};
		systrap_syscall(SYS_rt_sigaction, set);
	}
}

/* Whether sig's default action stops the process (then SIG_IGN is the
 * only way it is ignored, and must be read at start-up). */
static int default_stops(int sig)
{
	return sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* attached: the process ran before us (its actions must be read). */
static void install_catchers(int attached)
{
	/* Which signals have handlers and which are ignored, as systrap_init
	 * knew them (an exec's, where the launcher said; a preload's, from
	 * /proc/self/status): only the handled ones' actions are read (53
	 * reads fewer at an exec, 29 at a preloaded start). */
	uint64_t caught = ~0ull, ignored = 0;
	if (attached || !systrap_start_actions(&caught, &ignored))
		caught = ~0ull;
	for (int sig = 1; sig < NSIG_K; sig++) {
		if (!wrappable(sig) || (!default_kills(sig) && !default_stops(sig)))
			continue;
		struct kernel_sigaction cur = {
			(ignored >> (sig - 1)) & 1 ? SIG_IGN : SIG_DFL, 0, 0, 0};
		if (((caught >> (sig - 1)) & 1) && raw_rt_sigaction(sig, 0, &cur))
			continue;
		/* SIG_IGN survives exec (nohup; python's children): what
		 * the program ignores is known from its first call on. */
		if (cur.handler == SIG_IGN)
			program_action[sig] = cur;
		if (cur.handler != SIG_DFL || !default_kills(sig))
			continue; /* ignored or handled: leave it */
		program_action[sig] = cur;
		install_catcher(sig);
	}
}

/* ---- signals the program ignores ----
 *
 * Under ptrace the kernel queues an ignored signal and discards it only
 * when the thread dequeues it, so strace shows "--- SIGPIPE {...} ---"
 * for python's write to a closed pipe; without a tracer it is discarded
 * when sent, and nothing in the process runs for it. A handler of ours in
 * place of SIG_IGN would change what the program sees (DESIGN.md), so the
 * line is made from the call that raised the signal, where the kernel
 * raises it itself: EPIPE from a write into a pipe or a stream socket
 * (SB_SIGPIPE), and kill, tkill, tgkill, rt_sigqueueinfo and
 * rt_tgsigqueueinfo aimed at the caller. Blocked, the signal stays pending
 * (it is never ignored while blocked) and is shown when the thread
 * unblocks it with rt_sigprocmask, as strace shows it. The few calls this
 * takes (the fd's kind, the mask, the uid) are made only then, and never
 * once the program confined itself. */

static int ignored_now(int sig)
{
	if (!wrappable(sig))
		return 0;
	void *h = program_action[sig].handler;
	if (h == SIG_IGN)
		return 1;
	return h == SIG_DFL && (sig == SIGCHLD || sig == SIGCONT ||
				sig == SIGURG || sig == SIGWINCH);
}

/* Whether the thread that made call c blocks sig once the call returns to
 * it: on the signal path the mask the handler's rt_sigreturn gives back,
 * the frame's (the handler may hold every signal until then: intercept.c's
 * held_signals_come_after); on the fast path the thread's own. */
static int blocked_at(const struct systrap_call *c, int sig)
{
	uint64_t mask = 0;
	if (c->context)
		mask = *arch_context_sigmask(c->context);
	else if (raw_rt_sigprocmask(SIG_BLOCK, 0, &mask))
		return 0;
	return (int)((mask >> (sig - 1)) & 1);
}

/* The siginfo kill (SI_USER) and tkill/tgkill (SI_TKILL) fill, and
 * SIGPIPE's (SI_USER): the sender's pid and real uid. */
static void sender_info(siginfo_t *si, int sig, int code, int pid)
{
	unsigned char *b = (unsigned char *)si;
	for (size_t i = 0; i < sizeof *si; i++)
		b[i] = 0;
	si->si_signo = sig;
	si->si_code = code;
	si->si_pid = pid;
	si->si_uid = (uid_t)raw_syscall0(SYS_getuid);
}

/* EPIPE from a write into fd: does the kernel send SIGPIPE with it? A
 * pipe or FIFO always (pipe_write, splice_to_pipe); a stream socket of
 * the local, IPv4 or IPv6 family (unix_stream_sendmsg, sk_stream_error);
 * not a unix seqpacket or datagram socket (unix_dgram_sendmsg), nor a
 * device (ALSA's xrun is EPIPE). Other socket families: not known here,
 * so no line. */
static int epipe_raises_sigpipe(long fd)
{
	struct stat st;
	if (raw_syscall2(SYS_fstat, fd, (long)&st))
		return 0;
	if (S_ISFIFO(st.st_mode))
		return 1;
	if (!S_ISSOCK(st.st_mode))
		return 0;
	int v = 0;
	socklen_t len = sizeof v;
	if (raw_syscall5(SYS_getsockopt, fd, SOL_SOCKET, SO_TYPE, (long)&v,
			 (long)&len) ||
	    v != SOCK_STREAM)
		return 0;
	len = sizeof v;
	if (raw_syscall5(SYS_getsockopt, fd, SOL_SOCKET, SO_DOMAIN, (long)&v,
			 (long)&len))
		return 0;
	return v == AF_UNIX || v == AF_INET || v == AF_INET6;
}

/* The call's MSG_* flags (its VT_MSG_FLAGS argument), or 0. */
static long msg_flags(const struct systrap_call *call)
{
	const struct syscall_signature *s = syscall_lookup(call->nr);
	for (int i = 0; s && i < s->nargs && i < 6; i++)
		if (s->args[i].kind == ARG_FLAGS &&
		    s->args[i].type == VT_MSG_FLAGS)
			return call->args[i];
	return 0;
}

/* sig, with its siginfo, was raised for this thread (or, single-threaded,
 * its process): shown now, or held while the thread blocks it. */
static void raise_ignored(struct trace_thread *t,
			  const struct systrap_call *c, int sig,
			  const void *info)
{
	if (!blocked_at(c, sig)) {
		print_signal_line(sig, (siginfo_t *)info, 0);
		return;
	}
	int n = t->ignored_count;
	/* A standard signal already pending is not queued twice. */
	for (int i = 0; sig < 32 && i < n; i++)
		if (t->ignored[i].sig == sig)
			return;
	if (n >= IGNORED_PENDING)
		return;
	struct ignored_pending *e = &t->ignored[n];
	e->sig = sig;
	e->gen = __atomic_load_n(&action_gen[sig], __ATOMIC_RELAXED);
	copy_bytes((char *)e->info, (const char *)info, sizeof e->info);
	t->ignored_count = n + 1;
}

static void drop_ignored(struct trace_thread *t, int i)
{
	for (int j = i + 1; j < t->ignored_count; j++)
		t->ignored[j - 1] = t->ignored[j];
	t->ignored_count--;
}

/* Signals the kernel's dequeue takes first: the synchronous ones, then by
 * number (next_signal). */
static int dequeue_rank(int sig)
{
	int sync = sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
		   sig == SIGTRAP || sig == SIGFPE || sig == SIGSYS;
	return (sync ? 0 : 64) + sig;
}

/* rt_sigprocmask(how, set) returned 0: the held signals it unblocked are
 * dequeued and discarded by the kernel now, each shown as strace shows
 * it, in the kernel's order. */
static void unblocked(struct trace_thread *t, const struct systrap_call *c)
{
	uint64_t set = 0;
	if (!c->args[1] || c->args[3] != 8 ||
	    (c->args[0] != SIG_UNBLOCK && c->args[0] != SIG_SETMASK) ||
	    trace_read_memory(&set, (uintptr_t)c->args[1], sizeof set) !=
		    sizeof set)
		return;
	for (;;) {
		int best = -1;
		for (int i = 0; i < t->ignored_count; i++) {
			int sig = t->ignored[i].sig;
			int in = (int)((set >> (sig - 1)) & 1);
			if (in != (c->args[0] == SIG_UNBLOCK))
				continue;
			if (best < 0 ||
			    dequeue_rank(sig) < dequeue_rank(t->ignored[best].sig))
				best = i;
		}
		if (best < 0)
			return;
		struct ignored_pending e = t->ignored[best];
		drop_ignored(t, best);
		/* Its action changed meanwhile: flushed, or delivered
		 * through what the program set (shown from there). */
		if (e.gen == __atomic_load_n(&action_gen[e.sig], __ATOMIC_RELAXED) &&
		    ignored_now(e.sig))
			print_signal_line(e.sig, (siginfo_t *)e.info, 0);
	}
}

/* After a call's line: the ignored signal it raised, if any. */
static void ignored_signals_after(const struct systrap_call *c)
{
	long nr = c->nr, r = c->result;
	unsigned b = syscall_behaviour(nr);
	int sender = (b & SB_SENDS_SIGNAL) != 0;
	int waits_masked = (b & SB_INTERCEPT) && (b & SB_WAITS);
	if (!(r == -EPIPE && (b & SB_SIGPIPE)) && !(r == 0 && sender) &&
	    nr != SYS_rt_sigprocmask && nr != SYS_rt_sigtimedwait &&
	    !waits_masked)
		return;
	if (__atomic_load_n(&trace_confined, __ATOMIC_RELAXED) ||
	    !traced_here())
		return;
	struct trace_thread *t = trace_thread_peek();
	/* The actions we know are this process's (not a CLONE_VM child's,
	 * whose own are not recorded). */
	if (!t || t->vfork_child || t->pid != actions_pid)
		return;
	int pid = t->pid, tid = trace_thread_tid(t);
	if (nr == SYS_rt_sigprocmask) {
		if (r == 0 && t->ignored_count)
			unblocked(t, c);
		return;
	}
	if (nr == SYS_rt_sigtimedwait) {
		/* It took signal r off the queue: the kernel discards
		 * nothing for it. */
		for (int i = 0; r > 0 && i < t->ignored_count; i++)
			if (t->ignored[i].sig == r) {
				drop_ignored(t, i);
				break;
			}
		return;
	}
	if (waits_masked) {
		/* A temporary mask (rt_sigsuspend, ppoll ...) may have let
		 * the kernel discard what we hold: rather no line than a
		 * wrong one (DESIGN.md, known limits). */
		t->ignored_count = 0;
		return;
	}
	siginfo_t si;
	int sig;
	if (r == -EPIPE) {
		sig = SIGPIPE;
		if (!ignored_now(sig) || (msg_flags(c) & MSG_NOSIGNAL) ||
		    !epipe_raises_sigpipe(c->args[0]))
			return;
		sender_info(&si, sig, SI_USER, pid);
		raise_ignored(t, c, sig, &si);
		return;
	}
	/* Aimed at this thread, or at this process: a process-directed
	 * signal is taken by the caller when it is the thread-group leader
	 * and does not block it, or when it is the only thread; else by a
	 * thread we cannot name (DESIGN.md, known limits). */
	int to_thread = 0, to_process = 0;
	const void *info = 0;
	switch (nr) {
	case SYS_kill:
		sig = (int)c->args[1];
		/* Its own process, its process group, or (one call, only
		 * for an ignored signal) the group it names. */
		to_process = c->args[0] == pid || c->args[0] == 0 ||
			     c->args[0] < -1;
		break;
	case SYS_tkill:
		sig = (int)c->args[1];
		to_thread = c->args[0] == tid;
		break;
	case SYS_tgkill:
		sig = (int)c->args[2];
		to_thread = c->args[0] == pid && c->args[1] == tid;
		break;
	case SYS_rt_sigqueueinfo:
		sig = (int)c->args[1];
		to_process = c->args[0] == pid;
		info = (const void *)c->args[2];
		break;
	default: /* rt_tgsigqueueinfo */
		sig = (int)c->args[2];
		to_thread = c->args[0] == pid && c->args[1] == tid;
		info = (const void *)c->args[3];
		break;
	}
	if ((!to_thread && !to_process) || !ignored_now(sig))
		return;
	if (nr == SYS_kill && c->args[0] < -1 &&
	    raw_syscall1(SYS_getpgid, 0) != -c->args[0])
		return;
	if (to_process && !(tid == pid && !has_threads) &&
	    !(tid == pid && !blocked_at(c, sig)))
		return;
	if (info) {
		/* The siginfo as the caller gave it. */
		if (trace_read_memory(&si, (uintptr_t)info, sizeof si) !=
		    sizeof si)
			return;
	} else {
		sender_info(&si, sig, nr == SYS_kill ? SI_USER : SI_TKILL,
			    pid);
	}
	raise_ignored(t, c, sig, &si);
}

/* ---- printing a call ---- */

/* -n, -i: a call's lines show its own number and site. */
static void set_lead(struct trace_thread *t, const struct pending *p)
{
	t->lead.nr_plus1 = p->nr + 1;
	t->lead.ip = p->ip;
}

/* -e status= showing unfinished calls stages each line whole at its end:
 * the launcher keeps the line this call gets if the process is killed in
 * it, as strace writes it then, before the killed lines (RING_PENDING). */
static void pend_at_launcher(struct trace_thread *t, struct pending *p)
{
	set_lead(t, p);
	trace_output_pending_at_launcher(&out, multi, &p->start, p->nr,
					 p->entry, p->entry_len);
	p->pending_at_launcher = 1;
}

/* The call's entry half and " <unfinished ...>", as a line of its own. */
static void print_unfinished(struct trace_thread *t, struct pending *p)
{
	char *line = trace_scratch_get(t);
	if (!line)
		return;
	set_lead(t, p);
	size_t n = p->entry_len;
	copy_bytes(line, p->entry, n);
	const char unfinished[] = " <unfinished ...>";
	copy_bytes(line + n, unfinished, sizeof unfinished - 1);
	n += sizeof unfinished - 1;
	trace_output_plain(&out, multi, line, n);
	trace_scratch_put(t);
}

/* "<... name resumed>" into line: its length. */
static size_t resumed_head(char *line, const struct pending *p,
			   const struct format_options *f)
{
	const struct syscall_signature *s = syscall_lookup(p->nr);
	const char head[] = "<... ";
	copy_bytes(line, head, 5);
	size_t n = 5;
	if (s) {
		for (const char *c = s->name; *c; c++)
			line[n++] = *c;
	} else {
		n += format_syscall_entry(line + n, 64, p->nr, p->args, f, 0);
		while (n > 5 && line[n - 1] != '(')
			n--;
		n--;
	}
	const char tail[] = " resumed>";
	copy_bytes(line + n, tail, sizeof tail - 1);
	return n + sizeof tail - 1;
}

/* The call's line (or its event), as the options say; 1 when a text line
 * was written. */
static int print_pending(struct trace_thread *t, struct pending *p,
			 long result, const struct timespec *end)
{
	if (p->pending_at_launcher) {
		p->pending_at_launcher = 0;
		trace_output_nothing_pending(&out);
	}
	/* retval=N injected: a value, never an error, for -c and -e status=
	 * as for the line (as strace, which clears the error). */
	long judged = p->injected == 2 ? 0 : result;
	if (opts.summary == 1) { /* -c alone: counted in the thread */
		trace_output_count_ticks(t, p->nr, judged, ticks_since(p));
		return 0;
	}
	if (!trace_options_status_shown(&opts, judged)) { /* -e status= */
		trace_output_count(&out, p->nr, judged, &p->start, end);
		return 0;
	}
	set_lead(t, p);
	struct format_options f = fmt;
	f.saved = &p->saved;
	f.result_is_value = p->injected == 2;
	/* --json, --timeline: the whole call as one event, whatever lines
	 * the text trace splits it into. */
	struct trace_call_line l = {p->entry, p->entry_len, p->nr, p->args,
				    result, &p->start, end, p->injected, 0, 0, 0};
	if (out.events) {
		trace_output_call_event(&out, &f, &l,
					(p->injected ? RING_EV_INJECTED : 0) |
					(p->injected == 2 ? RING_EV_VALUE : 0) |
						(p->waits ? RING_EV_WAITS : 0));
		if (opts.json)
			return 0;
	}
	/* The launcher holds its line open: it writes the rest there, or
	 * the "<... name resumed>" line if another line came between. */
	if (p->at_launcher) {
		char head[96];
		size_t n = resumed_head(head, p, &f);
		l.entry_mark = p->entry_mark;
		l.entry_reserve = p->entry_reserve;
		trace_output_end_at_launcher(&out, &opts, &f, multi, &l,
					     p->open_column, head, n);
		return 1;
	}
	/* Its entry half is in the file: nothing came after it, so the
	 * rest follows on the same line; or another line ended it as
	 * unfinished, and this is its "<... name resumed>" line. */
	int partial_open = p->partial && !p->split && trace_output_end_partial(&out);
	if (partial_open) {
		trace_output_line_rest(&out, &opts, &f, multi, &l, 1);
		return 1;
	}
	/* Its entry half was written "<unfinished ...>" at once (several
	 * writers of one file, no launcher): this is its resumed line. A
	 * call written whole at its end is never split there: another line
	 * that came meanwhile is in the trace before it, and strace's split
	 * puts that line between the halves, which a split made now could
	 * not (its halves would be adjacent, a pair strace never writes). */
	if (p->partial && p->split) {
		char *line = trace_scratch_get(t);
		if (line) {
			size_t n = resumed_head(line, p, &f);
			struct trace_call_line resumed = l;
			resumed.entry = line;
			resumed.entry_len = n;
			resumed.resumed = 1;
			trace_output_line(&out, &opts, &f, multi, &resumed);
			trace_scratch_put(t);
			return 1;
		}
	}
	trace_output_line(&out, &opts, &f, multi, &l);
	return 1;
}

/* execve's line is printed by the new image (the old one is gone when the
 * result is known): the entry text travels in the environment. */
/* The footprint of the execve in slot (-1: none), for the new image. A
 * page of our own, not the stack: an execve's strings make many lines. */
#define EXEC_FOOT_CAP (64 * 1024)
static void pass_exec_footprint(int slot)
{
	static const char name[] = "SYSTRAP_TRACE_EXEC_FOOT=";
	long m = raw_mmap(0, EXEC_FOOT_CAP, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw_is_error(m))
		return;
	char *kv = (char *)m;
	size_t n = sizeof name - 1;
	copy_bytes(kv, name, n);
	if (slot >= 0)
		n += trace_footprint_exec(slot, &out, multi, kv + n,
					  EXEC_FOOT_CAP - n - 1);
	kv[n] = 0;
	systrap_keep_env(kv);
	raw_munmap(kv, EXEC_FOOT_CAP);
}

/* An exec under -f: the new image says what it ended as strace does
 * (trace_output_exec_cut): "SYSTRAP_TRACE_EXEC_TID=TID", the exec's old
 * tid when a thread other than the first made it, else 0; then, when the
 * process has other threads, what the exec ends in them
 * (trace_output_exec_setting), in pages of our own. Set at every exec:
 * a failed one's may not linger. */
#define EXEC_THREADS_CAP (64 * 1024)
static void pass_exec_thread(void)
{
	static const char name[] = "SYSTRAP_TRACE_EXEC_TID=";
	char small[64];
	char *kv = small, *end = small + sizeof small;
	long m = -1;
	if (trace_output_exec_has_threads(&out)) {
		m = raw_mmap(0, EXEC_THREADS_CAP, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (!raw_is_error(m)) {
			kv = (char *)m;
			end = kv + EXEC_THREADS_CAP - 1;
		}
	}
	copy_bytes(kv, name, sizeof name - 1);
	char *q = trace_output_exec_setting(&out, multi, kv + sizeof name - 1,
					    end, kv != small);
	*q = 0;
	systrap_keep_env(kv);
	if (kv != small)
		raw_munmap(kv, EXEC_THREADS_CAP);
}

/* -e inject's when= counts go on in the new program, as strace's count
 * per tracee, which an exec keeps: "SYSTRAP_TRACE_INJECT_COUNTS=NR:N,...".
 * Set at every exec, so that a failed one's does not linger. */
static void pass_inject_counts(void)
{
	static const char name[] = "SYSTRAP_TRACE_INJECT_COUNTS=";
	char kv[1024];
	copy_bytes(kv, name, sizeof name - 1);
	char *q = trace_output_inject_setting(&out, kv + sizeof name - 1,
					      kv + sizeof kv - 1);
	*q = 0;
	systrap_keep_env(kv);
}

/* -Y: the "<comm>" the execve line shows, ours before the exec renames
 * us (strace prints the entry first): "SYSTRAP_TRACE_EXEC_COMM=<comm>".
 * Set at every exec under -Y (never without), so that a failed one's does
 * not linger. */
static void pass_exec_comm(void)
{
	static const char name[] = "SYSTRAP_TRACE_EXEC_COMM=";
	if (!(opts.decode_pids & FORMAT_PID_COMM))
		return;
	char kv[sizeof name + 80];
	size_t n = sizeof name - 1;
	copy_bytes(kv, name, n);
	n += pidns_own_comm(kv + n, 80, opts.hex_strings);
	kv[n] = 0;
	systrap_keep_env(kv);
}

/* The calling task is the one whose state t is (not a vfork child running
 * on its parent's, which prints its lines under its own tid only while
 * t->vfork_child names it): a line opened now is its own. */
static int own_state(const struct trace_thread *t)
{
	return (t->vfork_child ? t->vfork_child : t->owner) ==
	       (int)raw_gettid();
}

/* -f: whether an execve's entry half goes to the launcher as a waiting
 * call's does (RING_OPEN), for the new image to end (print_exec_line), so
 * that lines other processes write while the exec runs split it as strace
 * splits it: "execve(...) <unfinished ...>", then "<... execve resumed>) =
 * 0". A vfork parent's run again from the exec's start (the kernel lets it
 * go when the new program's memory is in place, before the exec returns),
 * so its lines come there in every traced posix_spawn. Only for a process
 * of one thread (an exec among threads is cut by what it ends in them:
 * trace_output_exec_cut), and not where a line's halves are formatted
 * otherwise (-r's, -n's, -i's, -Y's prefixes, --json, -c, -e status=). */
static int exec_line_opens(struct trace_thread *t)
{
	return opts.follow_forks && multi && out.ring && own_state(t) &&
	       !opts.output_per_process && opts.summary != 1 &&
	       !opts.status_filter && !opts.json && !out.events &&
	       !opts.relative_timestamps && !opts.syscall_number &&
	       !opts.instruction_pointer &&
	       !(opts.decode_pids & FORMAT_PID_COMM) &&
	       !has_threads &&
	       raw_gettid() == trace_self_pid();
}

/* -f: whether a vfork's line (or a clone's or clone3's with CLONE_VFORK,
 * posix_spawn's) goes to the launcher as a waiting call's (RING_OPEN,
 * even before a second writer: its child is one), since the parent waits
 * in it while its child runs and execs, and strace -f always cuts it:
 * "vfork( <unfinished ...>", the child's lines, "<... vfork resumed>) =
 * PID". Not under -ff (strace writes it whole in the parent's file: the
 * child's lines go to another), nor without -f (the child is not traced),
 * nor from a vfork child still on its parent's state, whose own vfork
 * line that state cannot tell from its parent's. */
static int vfork_line_opens(struct trace_thread *t, unsigned long flags)
{
	return opts.follow_forks && out.ring && !opts.output_per_process &&
	       opts.summary != 1 && !opts.status_filter && !opts.json &&
	       own_state(t) &&
	       (flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK);
}

/* The column where the launcher holds the execve's line open, for the new
 * image: "SYSTRAP_TRACE_EXEC_OPEN=N", 0 when it is not open. Set at every
 * exec under -f, so that a failed one's does not linger. */
static void pass_exec_open(const struct pending *p)
{
	if (!opts.follow_forks)
		return;
	char kv[48] = "SYSTRAP_TRACE_EXEC_OPEN=";
	*put_udec(kv + 24, p && p->print && p->at_launcher ? p->open_column : 0,
		  0, 0) = 0;
	systrap_keep_env(kv);
}

static void pass_exec_entry(const struct pending *p)
{
	char small[1100] = "SYSTRAP_TRACE_EXEC=";
	char *kv = small;
	size_t n = 19, cap = sizeof small;
	/* A longer entry (-v: the environment's strings) in pages of our
	 * own, as the footprint's. */
	if (p && p->print && n + p->entry_len + 1 > cap) {
		long m = raw_mmap(0, sizeof p->entry + 64, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (!raw_is_error(m)) {
			kv = (char *)m;
			cap = sizeof p->entry + 64;
			copy_bytes(kv, small, n);
		}
	}
	if (p && p->print) {
		size_t len = p->entry_len < cap - n - 1 ? p->entry_len
							: cap - n - 1;
		copy_bytes(kv + n, p->entry, len);
		n += len;
	}
	kv[n] = 0;
	systrap_keep_env(kv);
	if (kv != small)
		raw_munmap(kv, cap);
	if (p && p->print) {
		/* The new image prints the line: "NR:IP" in hex, the call
		 * it is (execve or execveat: -e trace= chooses by it, -c
		 * counts it) and, for -n and -i, where. */
		char lead[64] = "SYSTRAP_TRACE_EXEC_LEAD=";
		char *q = lead + 24;
		unsigned long v[2] = {(unsigned long)p->nr, (unsigned long)p->ip};
		for (int i = 0; i < 2; i++) {
			for (int shift = 60; shift >= 0; shift -= 4)
				*q++ = "0123456789abcdef"[(v[i] >> shift) & 15];
			*q++ = i ? 0 : ':';
		}
		systrap_keep_env(lead);
	} else if (p) {
		/* Not selected (-e trace=, -P, a process not traced): the
		 * new image neither prints nor counts it (-c, -C). */
		systrap_keep_env("SYSTRAP_TRACE_EXEC_LEAD=-");
	}
	if (p && p->print && opts.syscall_times && p->start.tv_sec) {
		/* -T: the new image shows the call's time, to the
		 * launcher's stamp of its stop. */
		char began[48] = "SYSTRAP_TRACE_EXEC_BEGAN=";
		unsigned long long ns = (unsigned long long)p->start.tv_sec *
						1000000000ull +
					(unsigned long long)p->start.tv_nsec;
		*put_udec(began + 25, ns, 0, 0) = 0;
		systrap_keep_env(began);
	}
	pass_exec_thread();
	if (opts.ninject)
		pass_inject_counts();
	pass_exec_comm();
	pass_exec_open(p);
}

/* -k: the stack an exec's line shows under -f, strace's (captured at the
 * call's entry, in the old program), for the new image to print after the
 * line ("SYSTRAP_TRACE_EXEC_STACK=", empty where there is none to show: a
 * failed exec's may not linger). */
#define EXEC_STACK_CAP (64 * 1024)
static void pass_exec_stack(const struct systrap_call *call,
			    const struct pending *p)
{
	if (!opts.stack_traces)
		return;
	static const char name[] = "SYSTRAP_TRACE_EXEC_STACK=";
	long m = raw_mmap(0, EXEC_STACK_CAP, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw_is_error(m))
		return;
	/* Room for the NUL. */
	struct trace_tail s = {(char *)m, sizeof name - 1, EXEC_STACK_CAP - 1};
	copy_bytes(s.buf, name, s.n);
	if (p && p->print)
		trace_stack_of_call(call, 1, trace_output_tail_put, &s);
	s.buf[s.n] = 0;
	systrap_keep_env(s.buf);
	raw_munmap(s.buf, EXEC_STACK_CAP);
}

/* -n, -i: every call the thread enters, traced or not (strace stops at
 * each), is what its next signal's line shows. */
static void note_lead(const struct systrap_call *call)
{
	struct trace_thread *t = trace_thread_self(&out);
	if (t) {
		t->lead.nr_plus1 = call->nr + 1;
		t->lead.ip = call->site + ARCH_SYSCALL_INSN_LEN;
	}
}

/* -c alone: the calls for which counting is all there is to do at their
 * entry and end, by number (count_fast_init): traced by -e trace=, and
 * none of what pre() and post() look for besides: no exec, fork, thread
 * or process end, descriptor closed or replaced, reaping, signal sent,
 * signal state, confinement or injection, no -P, no footprints. The
 * general hooks checked each of those on every call: a quarter of a
 * counted getppid's cost over native. */
#define COUNT_FAST 0x1u
#define COUNT_FAST_FD0 0x2u /* its first argument is a descriptor: ours
			       stay hidden (trace_output_guard_fd) */
static unsigned char count_fast[TRACE_MAX_NR];

static void count_fast_init(void)
{
	for (long nr = 0; nr < TRACE_MAX_NR; nr++)
		count_fast[nr] = 0;
	if (opts.summary != 1 || opts.ninject || opts.npaths ||
	    trace_footprint_entry || trace_footprint_exit)
		return;
	const unsigned special =
		SB_EXEC | SB_FORK_LIKE | SB_ENDS_THREAD | SB_ENDS_PROCESS |
		SB_FD_CLOSE | SB_FD_CLOSE_RANGE | SB_FD_REPLACE | SB_REAPS |
		SB_SENDS_SIGNAL | SB_SIGPIPE | SB_CONFINES |
		SB_CONFINES_BY_COMMAND;
	for (long nr = 0; nr < TRACE_MAX_NR; nr++) {
		unsigned b = syscall_behaviour(nr);
		if (!trace_options_traced(&opts, nr) || (b & special) ||
		    syscall_is_fork_like(nr) || nr == SYS_rt_sigaction ||
		    nr == SYS_rt_sigreturn || nr == SYS_rt_sigprocmask ||
		    nr == SYS_rt_sigtimedwait ||
		    ((b & SB_INTERCEPT) && (b & SB_WAITS)))
			continue;
		const struct syscall_signature *sig = syscall_lookup(nr);
		int fd0 = sig && sig->nargs > 0 &&
			  (sig->args[0].kind == ARG_FD ||
			   sig->args[0].kind == ARG_DIRFD);
		count_fast[nr] = (unsigned char)(COUNT_FAST |
						 (fd0 ? COUNT_FAST_FD0 : 0));
	}
}

/* pre() for a call count_fast names: its entry pushed, its start timed. */
static void count_pre(struct systrap_call *call, unsigned fast)
{
	if (fast & COUNT_FAST_FD0)
		trace_output_guard_fd(&out, call);
	if (!traced_here())
		return;
	struct trace_thread *t = trace_thread_self(&out);
	if (!t)
		return;
	int slot = __atomic_load_n(&t->depth, __ATOMIC_RELAXED);
	__atomic_store_n(&t->depth, slot + 1, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (slot >= PENDING_DEPTH)
		return;
	struct pending *p = &t->pending[slot];
	p->state = PENDING_PREPARING;
	p->nr = call->nr;
	p->print = 1;
	p->partial = 0;
	p->split = 0;
	p->at_launcher = 0;
	p->pending_at_launcher = 0;
	p->injected = 0;
	p->ip = call->site + ARCH_SYSCALL_INSN_LEN;
	p->entry_len = 0;
	p->waits = 0;
	for (int i = 0; i < 6; i++)
		p->args[i] = call->args[i];
	p->start_ticks = trace_ticks() - systrap_thread_own_cycles();
	__atomic_store_n(&p->state, PENDING_IN_KERNEL, __ATOMIC_RELEASE);
}

/* post() for a call count_fast names, when its entry is the one on top
 * as count_pre left it (else 0: post() sorts it out). */
static int count_post(struct systrap_call *call)
{
	struct trace_thread *t = trace_thread_peek();
	if (!t)
		return 0;
	int d = __atomic_load_n(&t->depth, __ATOMIC_RELAXED);
	if (d <= 0 || d > PENDING_DEPTH)
		return 0;
	struct pending *p = &t->pending[d - 1];
	if (p->nr != call->nr ||
	    __atomic_load_n(&p->state, __ATOMIC_RELAXED) != PENDING_IN_KERNEL)
		return 0;
	p->state = PENDING_EXITING;
	trace_output_count_ticks(t, call->nr, call->result, ticks_since(p));
	__atomic_store_n(&t->depth, d - 1, __ATOMIC_RELAXED);
	return 1;
}

static void pre_call(struct systrap_call *call, void *arg);

/* -e inject: strace injects only into a call it traces (-e trace=, -P,
 * a traced thread), and counts for when= only those, per thread
 * (trace_output_inject_count). The call is then not made. */
static int injection(struct systrap_call *call)
{
	long value;
	if (!opts.ninject || !trace_options_injects(&opts, call->nr))
		return 0;
	unsigned long n = trace_output_inject_count(&out, call->nr);
	int inject = n ? trace_options_injection(&opts, call->nr, n, &value)
		       : 0;
	if (inject) {
		call->skip = 1;
		call->result = value;
	}
	return inject;
}

/* A write into the trace's own file goes after every line so far (as
 * strace's stop of the program orders them); with one writer the call's
 * own entry half is among them: "write(2, "x", 1x) = 1", as strace. */
static void pre(struct systrap_call *call, void *arg)
{
	pre_call(call, arg);
	/* The clock's last reading before a filter of the program's own,
	 * which may forbid it (-t, -T, -r, -c then read the tick counter):
	 * after the call's own start time. */
	if (syscall_confines(call->nr, call->args) &&
	    !trace_output_detached() &&
	    !__atomic_load_n(&left, __ATOMIC_RELAXED)) {
		if (wants_time())
			trace_clock_before_confinement();
		trace_output_before_confinement(&out);
		trace_filters_before(
			call,
			__atomic_load_n(&process_tasks, __ATOMIC_RELAXED) > 1 ||
				process_tasks_shared);
	}
	if (writes_into_trace(call))
		trace_output_wait_written();
}

static void pre_call(struct systrap_call *call, void *arg)
{
	long nr = call->nr;
	if (nr < 0 || nr >= TRACE_MAX_NR || trace_output_detached() ||
	    __atomic_load_n(&left, __ATOMIC_RELAXED))
		return;
	unsigned fast = count_fast[nr];
	if (fast) {
		count_pre(call, fast);
		return;
	}
	trace_output_guard_fd(&out, call);
	fd_forget(call);
	unsigned behaviour = syscall_behaviour(nr);
	/* Only kill and tgkill can be a SIGKILL to the caller itself. */
	int sends = behaviour & SB_SENDS_SIGNAL;
	if ((behaviour & (SB_REAPS | SB_EXEC | SB_ENDS_THREAD |
			  SB_ENDS_PROCESS)) ||
	    (sends && kills_itself(call)))
		trace_output_settle_watch();
	if (opts.syscall_number | opts.instruction_pointer)
		note_lead(call);
	int here = traced_here();
	int print = here && trace_options_traced(&opts, nr) &&
		    path_filter_match(&opts, nr, call->args, trace_read_memory,
				      fmt.fd_path);
	int inject = print ? injection(call) : 0; /* 2: a value, retval=N */
	/* A call the program's own filter kills it for: its line now, as
	 * strace prints it; nothing follows (no end comes). */
	if (print && !inject &&
	    __atomic_load_n(&trace_confined, __ATOMIC_RELAXED) &&
	    trace_filters_kill(call)) {
		struct format_options f = fmt;
		trace_output_refused_call(&out, call, &opts, &f, multi);
		return;
	}
	/* The exit status line is printed whatever -e trace= selects. */
	/* These two set per-call fields (prefix width, stack pointer) in the
	 * options they are given: a copy of this thread's own, never the
	 * process-wide fmt that other threads read at the same time. */
	/* Asked again: an injected kill is not made (call->skip). */
	if (here && ((behaviour & (SB_ENDS_THREAD | SB_ENDS_PROCESS)) ||
		     (sends && kills_itself(call)))) {
		struct format_options f = fmt;
		struct ending e = ending_of(opts.follow_forks
						    ? trace_thread_self(&out)
						    : 0);
		int said = trace_output_noreturn(&out, call, &opts, &f, multi,
						 print);
		/* A SIGKILL it sends itself: counted here only where its end
		 * was said here; else by the launcher, which says it. */
		int ended = 0;
		if (!call->skip &&
		    ((behaviour & (SB_ENDS_THREAD | SB_ENDS_PROCESS)) || said))
			ended = tasks_end((behaviour & SB_ENDS_THREAD) != 0, e);
		if ((behaviour & SB_ENDS_PROCESS) && ended > 1 &&
		    (exit_stretch.tv_sec | exit_stretch.tv_nsec))
			raw_nanosleep(&exit_stretch);
		return;
	}
	if (print && nr == SYS_rt_sigreturn) {
		struct format_options f = fmt;
		/* -k: the stack it resumes, after its line if one is
		 * printed (-e status= may leave it out). */
		struct trace_tail tail = {0, 0, 0};
		if (opts.stack_traces)
			tail = trace_output_tail_begin(&out);
		if (tail.buf)
			trace_stack_of_sigreturn(call,
						 trace_output_tail_put, &tail);
		if (tail.n)
			trace_output_set_tail(&out, tail.buf, tail.n);
		trace_output_sigreturn(&out, call, &opts, &f, multi);
		trace_output_set_tail(&out, 0, 0);
		return;
	}
	int sigaction = nr == SYS_rt_sigaction;
	int exec = (syscall_behaviour(nr) & SB_EXEC) != 0;
	int forklike = syscall_is_fork_like(nr);
	if (!print && !sigaction && !exec && !forklike)
		return;
	struct trace_thread *t = trace_thread_self(&out);
	if (!t)
		return;
	/* Read once: clone3's are in the program's memory, where glibc
	 * blocks every signal around the call (a read through the kernel). */
	unsigned long fork_flags = forklike ? clone_flags(call) : 0;
	/* Our own syscalls first: once the entry is armed, a signal handler
	 * takes the next syscall's result for this call's. */
	int vfork_waits = print && forklike && vfork_line_opens(t, fork_flags);
	int waits = print && (may_block(call, 0) || vfork_waits ||
			      (exec && exec_line_opens(t)));
	int ev_waits = print && out.events && may_block(call, 1);
	if (exec) {
		trace_output_flush_all(&out);
		trace_output_fold_counts(&out); /* -c: what the image counted */
		/* The root's -c -f table survives its exec (not a child's:
		 * is_root is shared with a vfork child, the pid is not). */
		if (is_root && trace_self_pid() == root_pid)
			trace_output_summary_exec(1);
	} else if (forklike || waits) {
		trace_output_flush(&out);
	}
	if (forklike && opts.follow_forks) {
		/* strace counts the child from here: it is attached before
		 * the call returns, a vfork child's lines before the
		 * parent's (taken back if the call fails). The call's own
		 * line is prefixed by the count before it, as strace printed
		 * its entry. */
		unsigned long flags = fork_flags;
		t->live_at_entry = trace_output_live_tasks(&out, 1) - 1;
		t->counting_child = t->owner;
		if (flags & CLONE_THREAD)
			__atomic_add_fetch(&process_tasks, 1, __ATOMIC_RELAXED);
		else if ((flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM)
			process_tasks_shared = 1;
	}
	/* Only this thread moves its depth (a vfork child runs on it while
	 * we wait), and a signal handler's calls on this thread put it back
	 * before we resume: a plain read and write, not a locked add, which
	 * cost 5% of a traced dd. */
	int slot = __atomic_load_n(&t->depth, __ATOMIC_RELAXED);
	__atomic_store_n(&t->depth, slot + 1, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (slot >= PENDING_DEPTH) {
		if (exec)
			pass_exec_entry(0);
		return;
	}
	struct pending *p = &t->pending[slot];
	p->state = PENDING_PREPARING;
	p->nr = nr;
	p->print = print;
	p->partial = 0;
	p->split = 0;
	p->at_launcher = 0;
	p->pending_at_launcher = 0;
	p->injected = inject;
	p->ip = call->site + ARCH_SYSCALL_INSN_LEN;
	p->entry_len = 0;
	p->waits = ev_waits;
	p->fork_flags = fork_flags;
	for (int i = 0; i < 6; i++)
		p->args[i] = call->args[i];
	if (print && opts.summary == 1) {
		/* -c alone: counted, never printed; timed without a system
		 * call. */
		p->start_ticks = trace_ticks() - systrap_thread_own_cycles();
	} else if (print) {
		if (wants_time())
			now(&p->start);
		struct format_options f = fmt;
		f.line_prefix_width = (int)trace_output_prefix_width(&out, multi);
		f.saved = &p->saved;
		p->entry_len = format_syscall_entry(p->entry, sizeof p->entry,
						    nr, call->args, &f,
						    trace_read_memory);
		if (p->entry_len >= sizeof p->entry)
			p->entry_len = sizeof p->entry - 1;
		/* A call that may wait, written as strace writes it: the
		 * entry half now, so a waiting program shows what it waits
		 * in (not when lines are filtered by their result, -z and
		 * -Z, or only counted, -c). With one writer of the trace,
		 * an open line that the call's end completes. With several,
		 * another's line could land inside an open one: the call is
		 * written "<unfinished ...>" now and resumed when it ends,
		 * as strace writes it whenever another line comes between,
		 * which it mostly does while a call waits among threads or
		 * processes. */
		/* --json: one object per call, written when it ends (the
		 * launcher shows a call whose end never came unfinished,
		 * from its RING_EV_START; not with -z/-Z, whose filter needs
		 * the result). */
		if (ev_waits && !opts.status_filter) {
			struct trace_event e = {
				.kind = RING_EV_START, .flags = RING_EV_WAITS,
				.nr = nr, .args = call->args,
				.start = &p->start, .end = &p->start,
				.text1 = p->entry, .n1 = p->entry_len,
			};
			trace_output_event(&out, &e);
		}
		if (waits && opts.summary != 1 && !opts.status_filter &&
		    !opts.json) {
			/* -ff: a file a thread; only its own lines can come
			 * between, as with one writer. */
			if ((!(opts.follow_forks && multi) ||
			     opts.output_per_process) &&
			    !vfork_waits) {
				trace_output_open_partial(&out, multi,
							  &p->start, nr,
							  p->entry,
							  p->entry_len,
							  &p->split);
			} else if (out.ring) {
				/* Several writers: the launcher, which sees
				 * every line in order, keeps it open and ends
				 * it "<unfinished ...>" only if another line
				 * comes between, as strace does. */
				set_lead(t, p);
				p->open_column = trace_output_open_at_launcher(
					&out, multi, &p->start, nr, p->entry,
					p->entry_len, &p->entry_mark,
					&p->entry_reserve);
				p->at_launcher = 1;
			} else {
				print_unfinished(t, p);
				p->split = 1;
			}
			p->partial = 1;
		}
		if (opts.status_filter &&
		    (opts.status_shown & TRACE_STATUS_UNFINISHED) && out.ring &&
		    opts.summary != 1 && !opts.json && may_block(call, -1))
			pend_at_launcher(t, p);
	}
	if (exec) {
		pass_exec_entry(p);
		pass_exec_stack(call, p);
	}
	if (sigaction)
		sigaction_pre(call, p);
	if (syscall_is_fork_like(nr)) {
		t->clone_flags = fork_flags;
		t->fork_settled = 0;
		/* A copy of our memory: its child asks getppid whether it is
		 * in our pid namespace (not once the program is confined). */
		if (!(t->clone_flags & CLONE_VM) &&
		    !__atomic_load_n(&trace_confined, __ATOMIC_RELAXED))
			pidns_before_fork();
		if (last_clone_flags != t->clone_flags)
			last_clone_flags = t->clone_flags;
		if ((t->clone_flags & (CLONE_VM | CLONE_VFORK)) ==
		    (CLONE_VM | CLONE_VFORK))
			t->vfork_slot = slot;
	}
	if (print && trace_footprint_entry)
		trace_footprint_entry(slot, call);
	if (exec && trace_footprint_exec)
		pass_exec_footprint(print ? slot : -1);
	/* Release: another thread's exit_group reads the entry once it sees
	 * this (trace_output.c, thread_ends). */
	__atomic_store_n(&p->state, PENDING_IN_KERNEL, __ATOMIC_RELEASE);
}

/* More than one thread or process now writes the trace: with -f, lines
 * go out one at a time from here on, in time order. */
/* (Stores of what is already there are skipped here and at fork: after a
 * fork each page written costs a copy-on-write fault, in both processes.) */
static void another_writer(void)
{
	if (!multi)
		multi = 1;
	if (opts.follow_forks)
		trace_output_line_at_a_time(&out);
}

/* Whether the process has children, from /proc (unreadable: assume so).
 * At start-up, where libc may be used. */
static int has_children(int pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/children", pid);
	long fd = raw_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return 1;
	char c;
	long r = raw_read((int)fd, &c, 1);
	raw_close((int)fd);
	return r != 0;
}

/* A forked child's own count: its one thread (stores skipped where the
 * copy has them already: each page written after a fork is a copy). */
static void forked_tasks(void)
{
	if (process_tasks != 1)
		process_tasks = 1;
	if (process_tasks_shared)
		process_tasks_shared = 0;
	if (first_thread_gone)
		first_thread_gone = 0;
}

/* A clone's child, in the post hook. Its flags come from the parent's
 * state: the clone_args the call pointed at live on the parent's stack,
 * which the parent (a thread's) may already have reused. A new thread has
 * TLS of its own, so no state yet. */
static void child_started(struct systrap_call *call)
{
	/* -c alone writes no line that would tell the launcher of us:
	 * strace's "Process N attached" is said from this record. */
	if (opts.follow_forks && opts.summary == 1)
		trace_output_nothing_pending_of((int)raw_gettid());
	struct trace_thread *t = trace_thread_peek();
	if (!t && !trace_output_tls_is_shared()) {
		another_writer();
		return; /* a new thread: a state of its own on first use */
	}
	unsigned long flags = t ? t->clone_flags : last_clone_flags;
	if (flags & CLONE_THREAD) {
		trace_output_tls_shared();
		another_writer();
		return;
	}
	if ((flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK)) {
		/* The parent waits on our memory and TLS: its pending calls
		 * stay below ours, its buffer was written out. */
		t = trace_thread_self(&out);
		if (t && !t->vfork_child && opts.ninject)
			trace_output_inject_counts_to_child(&out);
		if (t) {
			t->vfork_child = (int)raw_gettid();
			t->own_actions_set = 0; /* it inherited all */
		}
		if (!__atomic_load_n(&trace_confined, __ATOMIC_RELAXED))
			pidns_vfork_child_begin();
		another_writer();
		return;
	}
	if (flags & CLONE_VM) {
		trace_output_tls_shared();
		another_writer();
		return;
	}
	/* A forked copy: the parent's gathered lines are the parent's to
	 * write, so they are dropped before anything is written here (unless
	 * a signal that came first did it: settle_forked_child). */
	if (t && t->owner == (int)raw_gettid() && t->fork_settled) {
		another_writer();
		return;
	}
	trace_output_after_fork(&out, &opts);
	trace_stack_after_fork();
	/* Its copy of the table is its own, and it has one thread. */
	actions_pid = (int)raw_getpid();
	if (has_threads)
		has_threads = 0;
	forked_tasks();
	t = trace_thread_self(&out);
	if (t) {
		t->depth = 0;
		t->counting_child = 0;
	}
	another_writer();
}

/* A signal can reach a forked child before the post hook of its fork ran:
 * one sent by the parent right after fork is delivered at the child's
 * first return to user space. The state the child sees then is still its
 * parent's copy (the parent's pid, its pending fork): the child is settled
 * here first, as child_started would, so its lines carry its own pid and
 * its fork prints nothing (strace prints the fork's return in the parent
 * only). A CLONE_VM child shares the parent's state and TLS; it is left
 * as it is (its post hook comes before anything it runs itself). */
static void settle_forked_child(void)
{
	struct trace_thread *t = trace_thread_peek();
	if (!t || t->vfork_child || (t->clone_flags & CLONE_VM) ||
	    t->owner == (int)raw_gettid())
		return;
	trace_output_after_fork(&out, &opts);
	trace_stack_after_fork();
	actions_pid = (int)raw_getpid(); /* its copy of the table is its own */
	has_threads = 0;
	forked_tasks();
	t = trace_thread_self(&out);
	if (t) {
		t->depth = 0;
		t->counting_child = 0;
	}
	another_writer();
}

/* -e read=SET, -e write=SET: the data the call moved, to put(cookie). */
static void dump_io_to(struct trace_thread *t,
		       void (*put)(void *, const char *, size_t), void *cookie,
		       long nr, const long args[6], long result)
{
	long fd = (int)args[0];
	int written = trace_options_fd_in(opts.write_fds, opts.write_fds_above, fd);
	int read = trace_options_fd_in(opts.read_fds, opts.read_fds_above, fd);
	if (!written && !read)
		return;
	char *buf = trace_scratch_get(t);
	if (!buf)
		return;
	struct io_dump_sink sink = {put, cookie, buf, LINE_MAX_LEN};
	io_dump_call(nr, args, result, written, read, trace_read_memory,
		     trace_thread_tid(t), &sink);
	trace_scratch_put(t);
}

static void dump_io(struct trace_thread *t, struct trace_tail *tail, long nr,
		    const long args[6], long result)
{
	dump_io_to(t, trace_output_tail_put, tail, nr, args, result);
}

static void emit_text(void *cookie, const char *text, size_t n)
{
	(void)cookie;
	trace_output_emit(&out, text, n);
}

static void stack_of(struct pending *p, const struct systrap_call *call,
		     void *uc, void (*put)(void *, const char *, size_t),
		     void *cookie)
{
	if (call)
		trace_stack_of_call(call, stack_captured_at_entry(p->nr), put,
				    cookie);
	else if (uc)
		trace_stack_of_signal(uc, put, cookie);
}

/* A call's line and what strace prints after it, in one record (another
 * writer's line may not come between them under -f): -e read=/write='s
 * data, then -k's stack, the call's (call), or where a signal found it
 * (uc: a call the signal ended, walked through our own frames to the
 * program's). Made before the line, dropped where none is printed. */
static __attribute__((noinline)) void
print_with_tail(struct trace_thread *t, struct pending *p, long result,
		const struct timespec *end, const struct systrap_call *call,
		void *uc)
{
	struct trace_tail tail = {0, 0, 0};
	if (opts.dumps_io || opts.stack_traces)
		tail = trace_output_tail_begin(&out);
	/* A dump longer than the tail's pages (a 70,000-byte write: 350 KiB
	 * of dump) goes after its line in records of its own, as before,
	 * and the stack after it. */
	int apart = 0;
	if (tail.buf && opts.dumps_io) {
		dump_io(t, &tail, p->nr, p->args, result);
		apart = tail.n >= tail.cap;
	}
	if (apart)
		tail.n = 0;
	else if (tail.buf && opts.stack_traces)
		stack_of(p, call, uc, trace_output_tail_put, &tail);
	if (tail.n)
		trace_output_set_tail(&out, tail.buf, tail.n);
	int printed = print_pending(t, p, result, end);
	trace_output_set_tail(&out, 0, 0);
	if (apart && printed) {
		dump_io_to(t, emit_text, 0, p->nr, p->args, result);
		if (opts.stack_traces)
			stack_of(p, call, uc, emit_text, 0);
	}
}

static void post_call(struct systrap_call *call);

/* The program confined itself: from here on we ask the kernel nothing it
 * did not ask (no memory reads through it, no fstat, no -y path). Noted
 * whether or not the call is traced (-e trace=, -P, -c's count). */
static void note_confinement(const struct systrap_call *call)
{
	if (!syscall_confines(call->nr, call->args))
		return;
	trace_filters_after(call);
	if (call->result != 0)
		return;
	if (syscall_confines_strictly(call->nr, call->args))
		__atomic_store_n(&trace_ticks_gone, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&trace_confined, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&fmt.fd_path, format_fd_path_unknown,
			 __ATOMIC_RELAXED);
	__atomic_store_n(&fmt.confined, 1, __ATOMIC_RELAXED);
}

static void post(struct systrap_call *call, void *arg)
{
	/* A forked copy made while no launcher listens is not settled
	 * (child_started): its states keep its parent's ids until a
	 * launcher attaches to it (trace_init), and nothing before that
	 * uses them. */
	if (trace_output_detached() || __atomic_load_n(&left, __ATOMIC_RELAXED))
		return;
	note_confinement(call);
	if (call->in_child) {
		child_started(call);
		return;
	}
	if (call->nr >= 0 && call->nr < TRACE_MAX_NR && count_fast[call->nr] &&
	    count_post(call))
		return;
	if (opts.stack_traces && changes_mappings(call->nr))
		trace_stack_maps_changed();
	post_call(call);
	if (syscall_is_fork_like(call->nr)) {
		/* Its line is made: the next are prefixed by the count. */
		struct trace_thread *t = trace_thread_self(&out);
		if (t && t->counting_child == t->owner)
			t->counting_child = 0;
	}
	/* After the call's line, as strace shows it. */
	ignored_signals_after(call);
}

/* A fork-like call's flags at its end: as its entry read them, where its
 * entry is the one on top (clone3's are in the program's memory, which
 * glibc's pthread_create reads with every signal blocked: through the
 * kernel), else read again. */
static unsigned long entry_clone_flags(const struct trace_thread *t,
				       const struct systrap_call *call)
{
	int d = t->depth;
	if (d > 0 && d <= PENDING_DEPTH) {
		const struct pending *p = &t->pending[d - 1];
		if (p->nr == call->nr && p->args[0] == call->args[0])
			return p->fork_flags;
	}
	return clone_flags(call);
}

static void post_call(struct systrap_call *call)
{
	if ((syscall_behaviour(call->nr) & SB_EXEC) && is_root &&
	    trace_self_pid() == root_pid)
		trace_output_summary_exec(0); /* it failed: we are still here */
	struct trace_thread *t = trace_thread_self(&out);
	if (!t)
		return;
	if ((syscall_behaviour(call->nr) & SB_REAPS) &&
	    !(t->depth > 0 && t->depth <= PENDING_DEPTH &&
	      t->pending[t->depth - 1].nr == call->nr &&
	      t->pending[t->depth - 1].state == PENDING_PRINTED))
		report_reaped(call->nr, call->result, call->args);
	if (syscall_is_fork_like(call->nr)) {
		unsigned long flags = entry_clone_flags(t, call);
		/* A vfork child below our pid namespace ran on our memory
		 * with its own pid facts: ours again before any pid is told
		 * (the child's registration, below). */
		if ((flags & (CLONE_VM | CLONE_VFORK)) ==
		    (CLONE_VM | CLONE_VFORK))
			pidns_vfork_child_end();
		if (call->result < 0 && t->counting_child &&
		    t->counting_child == t->owner) {
			/* No child: not counted after all. */
			trace_output_live_tasks(&out, -1);
			if (t->clone_flags & CLONE_THREAD)
				__atomic_sub_fetch(&process_tasks, 1,
						   __ATOMIC_RELAXED);
		}
		if (call->result > 0)
			another_writer();
		if (call->result > 0 && !(flags & CLONE_THREAD))
			trace_output_register((int)call->result);
		if (call->result > 0 && (flags & CLONE_THREAD))
			has_threads = 1;
		if (call->result > 0 && (flags & CLONE_PTRACE) &&
		    !opts.follow_forks)
			trace_output_unknown_child((int)call->result);
		if ((flags & (CLONE_VM | CLONE_VFORK)) ==
		    (CLONE_VM | CLONE_VFORK)) {
			/* Back from a vfork child that ran on our state. */
			if (t->vfork_child && opts.ninject)
				trace_output_inject_counts_to_parent(&out);
			t->vfork_child = 0;
			if (t->vfork_slot >= 0 && t->vfork_slot < PENDING_DEPTH)
				t->depth = t->vfork_slot + 1;
		}
	}
	int d = t->depth;
	if (d <= 0)
		return;
	/* A call pre() could not have pushed (not traced, and none of
	 * those it follows whatever -e trace= says): the pending call on
	 * top is another's, e.g. a read a signal handler's untraced calls
	 * interrupted, whose restart is still to end. (Traced calls that
	 * -P left out pushed nothing either: those still drop it.) */
	if (!trace_options_traced(&opts, call->nr) &&
	    call->nr != SYS_rt_sigaction && !syscall_is_fork_like(call->nr) &&
	    !(syscall_behaviour(call->nr) & SB_EXEC))
		return;
	if (d > PENDING_DEPTH) {
		__atomic_store_n(&t->depth, d - 1, __ATOMIC_RELAXED);
		return;
	}
	int slot = d - 1;
	struct pending *p = &t->pending[slot];
	if (p->nr != call->nr) {
		/* Not the call on top: a call whose end never came (a
		 * handler that longjmp'd out of it) is dropped. But a vfork
		 * child runs on its waiting parent's state: its untraced
		 * calls (without -f) pushed nothing, and the parent's
		 * pending clone must stay for the parent. */
		if (!t->vfork_child)
			__atomic_store_n(&t->depth, d - 1, __ATOMIC_RELAXED);
		return;
	}
	int state = p->state;
	p->state = PENDING_EXITING;
	/* However the call ends (its line written by a signal's handler,
	 * or an interrupted one ending -EINTR): nothing pending. */
	if (p->pending_at_launcher) {
		p->pending_at_launcher = 0;
		trace_output_nothing_pending(&out);
	}
	if (call->nr == SYS_rt_sigaction)
		sigaction_post(call, p);
	/* Interrupted and printed so by the signal's wrapper: it ends
	 * -EINTR, or as the kernel ended the attempt it restarts (the
	 * restart comes through pre() again, a call of its own). */
	if (p->print && state != PENDING_PRINTED &&
	    !(state == PENDING_INTERRUPTED &&
	      (call->result == -EINTR || restarts(call->result)))) {
		struct timespec end = {0, 0};
		if (wants_time())
			now(&end);
		print_with_tail(t, p, call->result, &end, call, 0);
		if (trace_footprint_exit)
			trace_footprint_exit(slot, &out, multi, call);
	}
	__atomic_store_n(&t->depth, d - 1, __ATOMIC_RELAXED);
}

/* The line of the execve that started this image, if the old image
 * handed it over. */
static const char *exec_entry;
static const char *exec_comm;      /* -Y: the old program's "<comm>" */
/* -T: when the execve began (the old image's entry, or the launcher's
 * child's) and when its stop came (the launcher's), ns; 0: not known. */
static long long exec_began_ns, exec_stopped_ns;
static const char *exec_footprint; /* its footprint lines (trace_sysfoot) */
/* -k: the stack the old image captured at the exec's entry (-f), or none:
 * the launcher's own child, whose stack strace walks at the exec's end,
 * at the new program's first instruction. */
static const char *exec_stack;

/* Set as the tail of the exec's line (trace_output_set_tail), in the
 * line's record. */
static void exec_stack_tail(void)
{
	if (!opts.stack_traces)
		return;
	if (exec_stack && *exec_stack) {
		trace_output_set_tail(&out, exec_stack, strlen(exec_stack));
		return;
	}
	if (exec_stack)
		return;
	struct trace_tail tail = trace_output_tail_begin(&out);
	if (!tail.buf)
		return;
	trace_stack_of_start(trace_stack_first_pc(), trace_output_tail_put,
			     &tail);
	if (tail.n)
		trace_output_set_tail(&out, tail.buf, tail.n);
}
/* The column where the launcher holds its line open (exec_line_opens),
 * 0: not open. */
static size_t exec_open_column;
static long exec_lead_nr = -1;     /* -n, -i: its number and site */
/* The old image did not select it (-e trace=, -P): not printed, nor
 * counted. */
static int exec_unselected;
/* An exec under -f (pass_exec_thread): its old tid when a thread other
 * than the first made it, and what it ended in the other threads. */
static int exec_tid;
static const char *exec_before, *exec_after;
static uintptr_t exec_lead_ip;
static void print_exec_line(void)
{
	const char *e = exec_entry;
	static const long no_args[6];
	struct timespec t = {0, 0};
	int cut = opts.follow_forks && !opts.json && opts.summary != 1 &&
		  (exec_tid || (exec_after && *exec_after));
	int entry_tid = exec_tid ? exec_tid
				 : trace_shown_pid((int)getpid(), PIDNS_TID);
	/* The launcher's count of our threads: the others are gone. */
	if (exec_tid || exec_before)
		trace_output_other_threads_gone(exec_tid);
	/* execve or execveat: the old image's number where it passed it
	 * (SYSTRAP_TRACE_EXEC_LEAD, with every entry it formatted). */
	long nr = exec_lead_nr >= 0 ? exec_lead_nr : SYS_execve;
	int traced = e && !exec_unselected && trace_options_traced(&opts, nr);
	int shown = trace_options_status_shown(&opts, 0);
	/* -c and -C count the call whatever -e status= (or -Z) shows, as
	 * strace counts every call; its time is not known here. A shown
	 * line of -C counts itself; under -c alone the old image formatted
	 * no entry. */
	if (traced && opts.summary && (!*e || !shown))
		trace_output_count(&out, nr, 0, &t, &t);
	if (!traced || !*e || !shown) {
		/* Not traced, or -e status= without "successful": what the
		 * exec ended in the other threads is said still, as strace
		 * says it. */
		if (cut) {
			trace_clock(&t);
			trace_output_exec_cut(&out, multi, &t, entry_tid, 0, 0,
					      exec_before, exec_after);
		}
		return;
	}
	/* -n, -i: the old image's call, or the launcher's child's
	 * (SYSTRAP_TRACE_EXEC_LEAD from the launcher, its exec site). */
	struct trace_lead lead = {SYS_execve + 1, 0};
	if (exec_lead_nr >= 0) {
		lead.nr_plus1 = exec_lead_nr + 1;
		lead.ip = exec_lead_ip;
	}
	/* -Y: the entry under the old program's name, as strace prints it
	 * before the exec. */
	if (exec_comm && *exec_comm)
		out.comm_override = exec_comm;
	struct format_options f = fmt;
	f.line_prefix_width = (int)trace_output_prefix_width(&out, multi);
	struct trace_call_line l = {e, strlen(e), nr, no_args,
				    0, &t, &t, 0, 0, 0, 0};
	/* Its end, as near as this image knows it: -t's time of day and
	 * -r's start (strace stamps the line when the call returns). */
	trace_clock(&t);
	/* -T: from its entry to the stop at its end, where the launcher
	 * stamped both (not the image's start after it); else 0. The line
	 * keeps its stamp (-t, -r): the time is put after it. With no
	 * launcher's stop (the preload), until now: the loader's work
	 * before our constructor is in it. */
	struct timespec after = t;
	long long span_ns = -1;
	if (exec_began_ns > 0 && !exec_stopped_ns)
		exec_stopped_ns = t.tv_sec * 1000000000LL + t.tv_nsec;
	if (opts.syscall_times && exec_began_ns > 0 &&
	    exec_stopped_ns >= exec_began_ns) {
		span_ns = exec_stopped_ns - exec_began_ns;
		long long ns = span_ns + t.tv_nsec;
		after.tv_sec = t.tv_sec + ns / 1000000000;
		after.tv_nsec = ns % 1000000000;
		l.end = &after;
	}
	if (out.events) {
		trace_output_call_event(&out, &f, &l, 0);
		if (opts.json)
			return;
	}
	trace_lead_override = &lead;
	if (exec_open_column && !cut) {
		/* Its entry half is open at the launcher: the rest there,
		 * or "<... execve resumed>) = 0" if a line came between. */
		char head[96] = "<... ";
		size_t n = 5;
		for (const char *c = e; *c && *c != '(' && n < 64; c++)
			head[n++] = *c;
		static const char tail[] = " resumed>";
		copy_bytes(head + n, tail, sizeof tail - 1);
		n += sizeof tail - 1;
		/* The resumed half is stamped with its end (-t), now; -T's
		 * time is the same span as above, counted back from it. */
		struct timespec from = t;
		if (span_ns >= 0) {
			long long at = t.tv_sec * 1000000000ll + t.tv_nsec -
				       span_ns;
			from.tv_sec = at / 1000000000;
			from.tv_nsec = at % 1000000000;
		}
		l.start = &from;
		l.end = &t;
		exec_stack_tail();
		trace_output_end_at_launcher(&out, &opts, &f, 1, &l,
					     exec_open_column, head, n);
		trace_output_set_tail(&out, 0, 0);
		trace_lead_override = 0;
		out.comm_override = 0;
		if (exec_footprint && *exec_footprint)
			trace_output_emit(&out, exec_footprint,
					  strlen(exec_footprint));
		return;
	}
	if (cut) {
		/* strace -f: the entry under the thread's old tid, cut by
		 * what the exec ended in the other threads; its end under
		 * the pid it took. */
		trace_output_exec_cut(&out, multi, &t, entry_tid, e, strlen(e),
				      exec_before, exec_after);
		out.comm_override = 0; /* its end: the new program's */
		static const char resumed[] = "<... execve resumed>";
		l.entry = resumed;
		l.entry_len = sizeof resumed - 1;
	}
	exec_stack_tail();
	trace_output_line(&out, &opts, &f, multi, &l);
	trace_output_set_tail(&out, 0, 0);
	trace_lead_override = 0;
	out.comm_override = 0;
	if (exec_footprint && *exec_footprint)
		trace_output_emit(&out, exec_footprint, strlen(exec_footprint));
}

/* opts from SYSTRAP_TRACE (and SYSTRAP_TRACE_REGEX): 0, or -1 when they
 * are refused (said on stderr). A function of its own, never inlined: its
 * buffers are off the stack before systrap_init runs below trace_init.
 * They are as long as the settings (a few dozen bytes, less than 8 KiB):
 * with fixed 10 KiB ones, the option parser below ran 10 KiB deeper, and
 * each page of stack a start reaches first is a fault. Nothing parsed
 * points into buf (only the launcher keeps -E's strings). */
static __attribute__((noinline)) int parse_settings(void)
{
	const char *env = getenv("SYSTRAP_TRACE");
	size_t env_len = env ? strlen(env) : 0;
	char buf[env_len < TRACE_SETTINGS_MAX ? env_len + 1 : 1];
	int n = 0;
	if (env_len < TRACE_SETTINGS_MAX) {
		memcpy(buf, env ? env : "", env_len + 1);
		n = trace_options_split(buf, 0, 0);
	}
	if (env_len >= TRACE_SETTINGS_MAX || n > TRACE_SETTINGS_WORDS_MAX) {
		/* Never traced with some options dropped: the launcher refuses
		 * such options, so only a hand-set variable gets here. */
		char msg[160];
		int k = env_len >= TRACE_SETTINGS_MAX
			? snprintf(msg, sizeof msg,
				   "systrap-trace: SYSTRAP_TRACE too long (%zu "
				   "bytes, at most %d): not traced\n",
				   env_len, TRACE_SETTINGS_MAX - 1)
			: snprintf(msg, sizeof msg,
				   "systrap-trace: SYSTRAP_TRACE has too many "
				   "words (%d, at most %d): not traced\n",
				   n, TRACE_SETTINGS_WORDS_MAX);
		raw_write(2, msg, (size_t)k);
		return -1;
	}
	/* The words, split in place one after another. */
	char *words[n ? n : 1];
	const char *w = buf;
	for (int i = 0; i < n; i++) {
		words[i] = (char *)w;
		w += strlen(w) + 1;
	}
	char err[512];
	trace_options_regex_preset(getenv("SYSTRAP_TRACE_REGEX"));
	/* The first time, opts is as the loader left it: all zero. */
	static int parsed;
	int r = parsed++ ? trace_options_parse(&opts, n, words, err, sizeof err)
			 : trace_options_parse_zeroed(&opts, n, words, err,
						      sizeof err);
	if (r < 0) {
		const char pre_[] = "systrap-trace: ";
		raw_write(2, pre_, sizeof pre_ - 1);
		raw_write(2, err, strlen(err));
		raw_write(2, "\n", 1);
		return -1;
	}
	return 0;
}

/* The value of environment variable name (NULL: none), its entries taken
 * out of environ as glibc's unsetenv takes them, in place (the string
 * itself stays where it is). Not unsetenv: the program may define its own,
 * and bash's, before its shell is set up, leaves environ as it is: its
 * children got our SYSTRAP_TRACE_EXEC, and printed bash's execve line as
 * theirs. */
static char *take_env(const char *name)
{
	extern char **environ;
	size_t len = strlen(name);
	char *value = 0;
	for (char **e = environ; e && *e;) {
		if (strncmp(*e, name, len) || (*e)[len] != '=') {
			e++;
			continue;
		}
		if (!value)
			value = *e + len + 1;
		char **d = e;
		do
			d[0] = d[1];
		while (*d++);
	}
	return value;
}

__attribute__((constructor(101))) static void trace_init(void)
{
	/* Not for the program's eyes; the next execve sets it anew. */
	exec_entry = take_env("SYSTRAP_TRACE_EXEC");
	exec_footprint = take_env("SYSTRAP_TRACE_EXEC_FOOT");
	exec_stack = take_env("SYSTRAP_TRACE_EXEC_STACK");
	exec_comm = take_env("SYSTRAP_TRACE_EXEC_COMM");
	const char *open_at = take_env("SYSTRAP_TRACE_EXEC_OPEN");
	if (open_at)
		exec_open_column = strtoul(open_at, 0, 10);
	/* The launcher's "BEGAN:STOPPED" (image_launcher.h), then the old
	 * image's own entry where it timed it. */
	const char *times = take_env("SYSTRAP_EXEC_TIMES");
	if (times) {
		char *end;
		exec_began_ns = strtoll(times, &end, 10);
		exec_stopped_ns = *end == ':' ? strtoll(end + 1, 0, 10) : 0;
	}
	const char *began = take_env("SYSTRAP_TRACE_EXEC_BEGAN");
	if (began)
		exec_began_ns = strtoll(began, 0, 10);
	const char *inject_counts = take_env("SYSTRAP_TRACE_INJECT_COUNTS");
	char *thr = take_env("SYSTRAP_TRACE_EXEC_TID");
	if (thr) {
		/* "TID[\1BEFORE\1AFTER]": cut in place (the string is
		 * ours). */
		char *end;
		exec_tid = (int)strtol(thr, &end, 10);
		if (*end == '\1') {
			exec_before = end + 1;
			char *mid = strchr(exec_before, '\1');
			if (mid) {
				*mid = 0;
				exec_after = mid + 1;
			}
		}
	}
	const char *lead = take_env("SYSTRAP_TRACE_EXEC_LEAD");
	if (lead && *lead == '-')
		exec_unselected = 1;
	else if (lead) {
		char *end;
		exec_lead_nr = (long)strtoul(lead, &end, 16);
		exec_lead_ip = *end == ':' ? strtoul(end + 1, 0, 16) : 0;
	}
	if (parse_settings())
		return;
	/* -k where no line is written (-c alone: the launcher said it has no
	 * effect; --json): no walk at all. */
	if (opts.summary == 1 || opts.json)
		opts.stack_traces = 0;
	format_options_init(&fmt);
	fmt.string_limit = opts.string_limit;
	fmt.hex_strings = opts.hex_strings;
	fmt.decode_fds = opts.decode_fds;
	fmt.decode_pids = opts.decode_pids;
	fmt.result_column = opts.columns;
	fmt.const_style = opts.const_style;
	_Static_assert(TRACE_MAX_NR == FORMAT_SET_NR, "one bitmap for both");
	if (opts.unabbreviated)
		fmt.abbrev = opts.abbrev;
	if (opts.not_verbose)
		fmt.verbose = opts.verbose;

	/* Who is the root? The launcher (or the first tracer in the chain)
	 * names it; a process with another pid is a child. */
	const char *root = getenv("SYSTRAP_TRACE_ROOT");
	int pid = trace_self_pid();
	root_pid = root ? atoi(root) : pid;
	is_root = root_pid == pid;
	actions_pid = pid;
	if (!root) {
		char kv[64];
		snprintf(kv, sizeof kv, "SYSTRAP_TRACE_ROOT=%d", pid);
		systrap_keep_env(kv);
	}
	if (!opts.follow_forks && !is_root)
		return; /* not traced: stay out of the way entirely */
	if (trace_output_open(&out, &opts, pid))
		return;
	/* The clock's first reading: should the program confine itself, the
	 * tick counter's rate is measured from here to the filter (a longer
	 * span than from its first timed call: a finer rate). */
	if (wants_time()) {
		struct timespec first;
		trace_clock(&first);
	}
	/* More than one process traced from the start (-p PID with PROG,
	 * -p PID,PID): strace prefixes every line with its pid, as -f does. */
	if (getenv("SYSTRAP_TRACE_PIDS"))
		out.pid_prefix = 1;
	if (out.events && !out.ring) {
		/* Only a launcher can assemble JSON from many processes. */
		static const char msg[] = "systrap-trace: --json and --timeline "
			"need the systrap-trace launcher (its trace ring); not tracing\n";
		raw_write(2, msg, sizeof msg - 1);
		return;
	}
	/* Every image of the trace but its first: with -f, others write the
	 * trace too (the process that forked us), or may (the root's own
	 * children from before an exec), so no line is left open and,
	 * on stderr, lines get strace's "[pid N]". */
	if (getenv("SYSTRAP_TRACE_SEEN")) {
		if (!is_root || has_children(pid))
			another_writer();
	} else {
		systrap_keep_env("SYSTRAP_TRACE_SEEN=1");
	}
	/* Attached to a running process (-p): its threads were there
	 * before us, each a writer of the trace. Not passed on to an exec. */
	int attached = getenv("SYSTRAP_TRACE_ATTACHED") != 0;
	__atomic_store_n(&left, 0, __ATOMIC_RELEASE);
	if (attached) {
		unsetenv("SYSTRAP_TRACE_ATTACHED");
		/* A re-attach to a child forked while we were away, with its
		 * parent's states. */
		trace_output_ids_after_fork();
		another_writer();
		has_threads = 1; /* it may have had threads before us */
	}
	trace_output_share_summary(&out, is_root, root_pid);
	if (inject_counts && opts.ninject)
		trace_output_take_inject_counts(&out, inject_counts);
	/* Also when execve is not traced: the ends it made are said. */
	print_exec_line();
	count_fast_init();
	/* Everything the hooks reach is compiled -mgeneral-regs-only and
	 * calls no libc: calls may take the jump fast path. */
	static const struct systrap_handler h = {
		pre, post, 0, SYSTRAP_HANDLER_GENERAL_REGS_ONLY};
	systrap_register(&h);
	systrap_observe_trap_signal(trap_signal_seen);
	systrap_on_leave(put_back_actions);
	const char *stretch = getenv("SYSTRAP_TEST_EXIT_STRETCH_US");
	if (stretch) {
		long us = atol(stretch);
		exit_stretch.tv_sec = us / 1000000;
		exit_stretch.tv_nsec = us % 1000000 * 1000;
	}
	/* Sealed or nothing: a refusal was said in one line (SYSTRAP_SEALED,
	 * systrap-trace --sealed). */
	const char *sealed = getenv("SYSTRAP_SEALED");
	if (systrap_init(0) && sealed && *sealed && strcmp(sealed, "0"))
		raw_syscall1(SYS_exit_group, 1);
	/* After systrap_init: which signal is the core's is known then. */
	if (attached)
		wrap_existing_handlers();
	install_catchers(attached);
}
