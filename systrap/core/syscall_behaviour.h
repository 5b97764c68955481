/* syscall_behaviour: what a system call does that systrap or a tool must
 * know beyond how its arguments print, as one table (one row per number,
 * one bit a column), so no list of calls is written twice.
 *
 * Which calls the intercepts change, which take the fast path's slow exit,
 * which make a child, which need the program's own stack, which may wait
 * for long, how each is restarted after a signal, which release a file
 * descriptor, which raise SIGPIPE, which end the thread or process, send
 * a signal, reap a child or confine the caller: the core (the intercepts,
 * fast_dispatch.c, trap_handler.c) and the tracer (trace_syscalls.c,
 * trace_output.c, trace_fd_guard.c) read these bits instead of lists of
 * their own. How each argument prints, which memory it covers
 * and the strace classes stay in the signature table
 * (systrap/handlers/syscall_table.h); the core cannot link that (it
 * brings the formatter's value tables), so this table lives here, data
 * only, and //systrap/handlers:syscall_behaviour_test checks the two
 * against each other and against the kernel's list of calls.
 *
 * Rows are written with <sys/syscall.h>'s SYS_ names, so the numbers are
 * the architecture's own. Read on the trap path: no libc, no state.
 */
#ifndef SYSTRAP_CORE_SYSCALL_BEHAVIOUR_H
#define SYSTRAP_CORE_SYSCALL_BEHAVIOUR_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Rows 0..SYSCALL_BEHAVIOUR_SIZE-1; calls above have no behaviour bit. */
#define SYSCALL_BEHAVIOUR_SIZE 512

enum syscall_behaviour_bit {
	/* The core's intercepts (intercept.c, perform_syscall) do more than
	 * make the call; every other call is made as it is, inline on the
	 * fast path. */
	SB_INTERCEPT = 1u << 0,
	/* Decodes new code (the instrumenter: Capstone and libc, which may
	 * use vector registers): made on the fast path with the vector state
	 * saved around it, or, on a CPU without XSAVE, sent from the jump
	 * trampoline to its slow exit (a signal trap standing for the site)
	 * before any hook ran. */
	SB_NEW_CODE = 1u << 1,
	/* The same, only when its protection argument (argument 2) asks for
	 * PROT_EXEC. */
	SB_NEW_CODE_PROT_EXEC = 1u << 2,
	/* Makes a child process or thread that returns from the same call. */
	SB_FORK_LIKE = 1u << 3,
	/* May have to run in the program's own context, on its own stack,
	 * from a program-call stub (the fast path) or a gadget (the signal
	 * path): always for some; clone and clone3 with a new stack or
	 * CLONE_VM. */
	SB_PROGRAM_STACK = 1u << 4,
	/* Replaces the program (execve, execveat). */
	SB_EXEC = 1u << 5,
	/* May wait for long (for a child, input, a lock, time, a signal). */
	SB_WAITS = 1u << 6,
	/* May wait for long when its fd (argument 0) is a pipe, socket or
	 * terminal. */
	SB_WAITS_ON_FD = 1u << 7,
	/* May wait for long for some commands (argument 1): the caller looks
	 * at the command (fcntl's F_SETLKW, futex's waits). */
	SB_WAITS_BY_COMMAND = 1u << 8,
	/* Sends a signal to one thread (tkill, tgkill, rt_tgsigqueueinfo),
	 * which the kernel gives that thread whatever its mask: a trap's
	 * handler on a small alternate stack holds the signals while it
	 * makes one (intercept.c, held_signals_come_after); a process-
	 * directed one (kill) would go to another thread meanwhile. */
	SB_SENDS_TO_THREAD = 1u << 9,
	/* Sets the caller's user ids (setuid, setreuid, setresuid): the
	 * kernel may then mark the process over its RLIMIT_NPROC, and its
	 * next execve fail with EAGAIN before its path is looked up. An
	 * execve answered from its path's failed lookup (exec_env.c) is not
	 * answered so after one: syscall_unsettles_exec_lookup(). */
	SB_SETS_USER = 1u << 10,
	/* Releases file descriptors: the one in argument 0 (close), the
	 * range argument 0..argument 1 (close_range), or the one in
	 * argument 1, replaced (dup2, dup3). */
	SB_FD_CLOSE = 1u << 11,
	SB_FD_CLOSE_RANGE = 1u << 12,
	SB_FD_REPLACE = 1u << 13,
	/* Writes into the fd in argument 0, and on EPIPE from a pipe or a
	 * stream socket the kernel also sends the caller SIGPIPE (unless its
	 * MSG_* flags argument, where it has one, holds MSG_NOSIGNAL): the
	 * tracer shows that SIGPIPE when the program ignores it, as strace
	 * does (trace_syscalls.c). */
	SB_SIGPIPE = 1u << 14,
	/* Never returns: ends the calling thread (exit) or its whole process
	 * (exit_group). The tracer prints the call "= ?" and "+++ exited with
	 * N +++" (trace_output.c). */
	SB_ENDS_THREAD = 1u << 15,
	SB_ENDS_PROCESS = 1u << 16,
	/* Sends a signal its caller may be the target of (kill, tkill,
	 * tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo): the tracer shows one
	 * the program ignores, and a SIGKILL to itself ends the call "= ?". */
	SB_SENDS_SIGNAL = 1u << 17,
	/* Reaps a child and says how it ended (wait4, waitid): with -f the
	 * tracer reports a reaped child's end. */
	SB_REAPS = 1u << 18,
	/* Confines the caller for good (a seccomp filter or strict mode):
	 * for the operations that install one (seccomp's SET_MODE_STRICT and
	 * SET_MODE_FILTER, not its queries), or for one command (argument 0:
	 * prctl's PR_SET_SECCOMP): syscall_confines() says which. After it
	 * the tracer asks the kernel nothing the program did not. */
	SB_CONFINES = 1u << 19,
	SB_CONFINES_BY_COMMAND = 1u << 20,
	/* Changes the thread's alternate signal stack (sigaltstack): the
	 * fast path's stack, chosen to stay off it, is chosen again after. */
	SB_SETS_SIGNAL_STACK = 1u << 21,
	/* May patch code deferred by lazy instrumenting before it is made
	 * (an unmap, mprotect or remap over it; a sandbox or a tracer to
	 * come ends the lazy phase): the fast path saves the vector state
	 * around it while lazy (instrumenter.h). */
	SB_ENDS_LAZY_WORK = 1u << 22,
	/* Bits 23..25: how the kernel ends the call when a signal with a
	 * handler interrupts it (enum syscall_restart, SB_RESTART()). */
};

/* What the kernel returns from a call a signal interrupted, which strace
 * prints (it sees the kernel's own code; the program sees -EINTR, or the
 * call made again): one rule per row, a column of the table. The rules
 * that depend on an argument say which; syscall_restart() applies them.
 * Checked against the kernel by options_compare_test's
 * InterruptedWaitsEndAsStrace. */
enum syscall_restart {
	RESTART_SYS = 0,  /* ERESTARTSYS: the default (read, wait4, accept) */
	RESTART_NOHAND,   /* ERESTARTNOHAND (select, pselect6, ppoll, pause,
			     rt_sigsuspend, msgrcv, io_pgetevents) */
	RESTART_BLOCK,    /* ERESTART_RESTARTBLOCK (nanosleep, poll) */
	RESTART_EINTR,    /* -EINTR itself, never restarted (epoll_wait,
			     rt_sigtimedwait, semop, io_getevents) */
	/* clock_nanosleep: ERESTARTNOHAND with TIMER_ABSTIME in argument 1
	 * (an absolute time is simply waited for again), else
	 * ERESTART_RESTARTBLOCK (the time left is kept for the restart). */
	RESTART_BY_ABSTIME,
	/* futex: FUTEX_WAIT and FUTEX_WAIT_BITSET with a timeout (argument
	 * 3) ERESTART_RESTARTBLOCK; FUTEX_LOCK_PI, FUTEX_LOCK_PI2 and
	 * FUTEX_WAIT_REQUEUE_PI ERESTARTNOINTR; every other ERESTARTSYS. */
	RESTART_BY_FUTEX_TIMEOUT,
	/* ERESTARTNOINTR (restarted whatever the handler says): what
	 * syscall_restart() gives for futex's PI waits, never a row's. */
	RESTART_NOINTR,
};
#define SB_RESTART_SHIFT 23
#define SB_RESTART_MASK (7u << SB_RESTART_SHIFT)
#define SB_RESTART(rule) ((uint32_t)(rule) << SB_RESTART_SHIFT)

extern const uint32_t syscall_behaviour_table[SYSCALL_BEHAVIOUR_SIZE];

/* The behaviour bits of call nr (0 for numbers outside the table). */
static inline unsigned syscall_behaviour(long nr)
{
	/* One unsigned compare, the table's row the expected way: the fast
	 * path asks for every call, and a row placed out of line cost it
	 * two taken branches each time. */
	if (__builtin_expect((unsigned long)nr < SYSCALL_BEHAVIOUR_SIZE, 1))
		return syscall_behaviour_table[nr];
	return 0;
}

/* Whether call nr, successful with these arguments, confined its caller
 * (SB_CONFINES: operation 0 or 1, seccomp's SET_MODE_STRICT and
 * SET_MODE_FILTER; SB_CONFINES_BY_COMMAND: prctl's PR_SET_SECCOMP, 22). */
static inline int syscall_confines(long nr, const long *args)
{
	unsigned b = syscall_behaviour(nr);
	if (b & SB_CONFINES)
		return (unsigned long)args[0] <= 1;
	return (b & SB_CONFINES_BY_COMMAND) && args[0] == 22;
}

/* Whether call nr, made with these arguments, may make a later execve
 * fail otherwise than its path's lookup would say (exec_env.c): a seccomp
 * filter may refuse it with an error of its own, and a change of user may
 * leave the process over its RLIMIT_NPROC (EAGAIN, before the lookup). */
static inline int syscall_unsettles_exec_lookup(long nr, const long *args)
{
	return syscall_confines(nr, args) ||
	       (syscall_behaviour(nr) & SB_SETS_USER);
}

/* Whether that confinement is seccomp's strict mode (seccomp's operation
 * 0, prctl's PR_SET_SECCOMP with mode 1): four calls left, and the tick
 * counter may be taken too (x86 faults rdtsc then: systrap/arch/cycles.h). */
static inline int syscall_confines_strictly(long nr, const long *args)
{
	unsigned b = syscall_behaviour(nr);
	if (b & SB_CONFINES)
		return args[0] == 0;
	return (b & SB_CONFINES_BY_COMMAND) && args[0] == 22 && args[1] == 1;
}

/* The rule (RESTART_SYS, RESTART_NOHAND, RESTART_BLOCK, RESTART_EINTR or
 * RESTART_NOINTR)
 * for call nr with these arguments, interrupted by a handled signal. */
static inline unsigned syscall_restart(long nr, const long *args)
{
	unsigned rule = (syscall_behaviour(nr) & SB_RESTART_MASK) >>
			SB_RESTART_SHIFT;
	if (rule == RESTART_BY_ABSTIME) /* TIMER_ABSTIME */
		return (args[1] & 1) ? RESTART_NOHAND : RESTART_BLOCK;
	if (rule == RESTART_BY_FUTEX_TIMEOUT) {
		/* FUTEX_WAIT, FUTEX_WAIT_BITSET, less the private and clock
		 * flags */
		long cmd = args[1] & ~(128 | 256);
		if (cmd == 6 || cmd == 11 || cmd == 13) /* the PI waits */
			return RESTART_NOINTR;
		return (cmd == 0 || cmd == 9) && args[3] ? RESTART_BLOCK
							 : RESTART_SYS;
	}
	return rule;
}

/* What the kernel returned from call nr that it restarts once a signal's
 * handler returns (-ERESTARTSYS with SA_RESTART, -ERESTARTNOINTR
 * whatever the handler; ERESTARTNOHAND and ERESTART_RESTARTBLOCK become
 * -EINTR when a handler runs): the result the attempt's post hooks see
 * before the call comes through the hooks again. */
#define SYSCALL_ERESTARTSYS 512
#define SYSCALL_ERESTARTNOINTR 513
#define SYSCALL_ERESTART_RESTARTBLOCK 516
static inline long syscall_restarted_result(long nr, const long *args)
{
	return syscall_restart(nr, args) == RESTART_NOINTR
		       ? -SYSCALL_ERESTARTNOINTR
		       : -SYSCALL_ERESTARTSYS;
}

/* Whether call nr makes a child that resumes at the call (fork, vfork,
 * clone, clone3): the trap path, the fast path and the tracer ask. */
static inline int syscall_is_fork_like(long nr)
{
	return (syscall_behaviour(nr) & SB_FORK_LIKE) != 0;
}

#ifdef __cplusplus
}
#endif

#endif
