/* libsystrap: the public API.
 *
 * A tool links //systrap into a preloadable shared object, registers handlers
 * and calls systrap_init() (usually from a constructor). From then on every
 * syscall instruction in the process's executable memory, including code
 * mapped later, reaches the handlers before and after the kernel sees it.
 *
 * Handlers run on the trap path: inside a signal handler or a trampoline, on
 * the thread that made the call, on whatever stack it had (threads may have
 * 16 KiB stacks). They must be async-signal-safe: no malloc, no stdio, no
 * locks that the interrupted code may hold; they make syscalls through
 * systrap/arch/raw_syscalls.h, which are never trapped.
 */
#ifndef SYSTRAP_SYSTRAP_H
#define SYSTRAP_SYSTRAP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SYSTRAP_EXPORT __attribute__((visibility("default")))

/* One system call, as handlers see it. */
struct systrap_call {
	long nr;               /* syscall number; a pre hook may change it */
	long args[6];          /* arguments; a pre hook may change them */
	long result;           /* kernel's result (-errno on failure) once run */
	int skip;              /* set by a pre hook: do not run the call */
	int in_child;          /* post hook of fork/clone/vfork, in the child */
	uintptr_t site;        /* address of the syscall instruction's 0f 05
				  (after its prefixes, if it has any) */
	const char *object;    /* path of the object holding it ("" if anonymous) */
	uintptr_t object_offset; /* site - object's load base */
	uintptr_t stack_pointer; /* the program's stack pointer at the call */
	void *context;         /* opaque machine context (ucontext_t *) of a
				  signal trap; NULL on the jump fast path */
	const void *frame;     /* opaque: the registers the jump fast path
				  saved (systrap_call_registers reads them);
				  NULL on the signal path */
};

/* A pre hook runs before the kernel sees the call. It may change nr and args,
 * or set skip = 1 and result to the value the program will see (-errno for an
 * error). A post hook runs after; it may change result. Post hooks run even
 * for skipped calls, so they see what the program sees. */
typedef void (*systrap_hook_fn)(struct systrap_call *call, void *arg);

struct systrap_handler {
	systrap_hook_fn pre;  /* may be NULL */
	systrap_hook_fn post; /* may be NULL */
	void *arg;
	unsigned flags;       /* SYSTRAP_HANDLER_* */
};

/* The handler, and everything it calls, never touches a vector or x87
 * register: it is compiled with -mgeneral-regs-only and calls no libc
 * function (libc's string functions use AVX). When every registered
 * handler promises this, the jump fast path saves only general registers
 * (about +11 ns a call here); otherwise it saves the x87, SSE, AVX and
 * AVX-512 state around the handlers with xsave (about +180 ns). */
#define SYSTRAP_HANDLER_GENERAL_REGS_ONLY 0x1u

/* How syscall sites are patched. With jumps, a site whose neighbour can be
 * moved jumps to a trampoline of its own (no signal, tens of ns); the
 * others, and calls the fast path cannot complete, take the signal trap. */
enum systrap_trap_kind {
	SYSTRAP_TRAP_DEFAULT = 0, /* SYSTRAP_TRAP env var, else jump+ud2 */
	SYSTRAP_TRAP_UD2,         /* ud2 -> SIGILL only: does not disturb
				     debuggers */
	SYSTRAP_TRAP_INT3,        /* int3 -> SIGTRAP only: ~7x cheaper than
				     ud2 on KVM guests */
	SYSTRAP_TRAP_JUMP_UD2,    /* jumps, ud2 for the rest */
	SYSTRAP_TRAP_JUMP_INT3,   /* jumps, int3 for the rest */
};

/* SYSTRAP_TRAP=jump (the default), jump-int3, ud2 or int3.
 *
 * sealed (or SYSTRAP_SEALED=1): Syscall User Dispatch (Linux 5.11+) on
 * every thread, so that a syscall instruction anywhere but in systrap's own
 * code raises SIGSYS instead of running, and reaches the hooks like any
 * trapped call: code the instrumenter never saw (a JIT writing an RWX
 * region, code reached in the middle of another instruction, an executable
 * alias of writable memory) cannot make a call unseen. systrap then owns
 * SIGSYS as it owns the trap signal. Needs systrap in an object of its own
 * (a preloaded object or the image). docs/DESIGN.md, "Sealed mode", says
 * what it guarantees and what it does not. */
struct systrap_options {
	enum systrap_trap_kind trap;
	int sealed;
};

/* Registers a handler. Pre hooks run in registration order, post hooks in the
 * reverse order. The same handler (pre, post, arg) registered again is a
 * no-op: a tool's constructor runs again when a launcher attaches anew to a
 * process that already has its image. Returns 0, or -ENOSPC when the table
 * is full. Not for the trap path: call it before systrap_init(). */
SYSTRAP_EXPORT int systrap_register(const struct systrap_handler *handler);

/* Instruments the process and starts trapping. Returns 0 or -errno. opts may
 * be NULL for defaults. Call once, single-threaded (from a constructor).
 * Where sealed mode is asked for and the kernel refuses it, nothing is
 * changed: it says why in one line on stderr and returns -ENOSYS (or the
 * kernel's -errno); the tool decides whether the program runs on. */
SYSTRAP_EXPORT int systrap_init(const struct systrap_options *opts);

/* Copies n bytes from the process's memory at src into dst without ever
 * faulting. Returns the number of bytes copied (less than n where the memory
 * becomes unreadable). Async-signal-safe. */
SYSTRAP_EXPORT size_t systrap_read_memory(void *dst, uintptr_t src, size_t n);
/* The same, but only where no system call is needed (for a program that
 * confined itself with seccomp): inside an RTM transaction, or with the copy
 * that recovers from its faults while no fault signal may be blocked. 0
 * where a call would be needed (or nothing is readable). */
SYSTRAP_EXPORT size_t systrap_read_memory_without_syscalls(void *dst,
							   uintptr_t src,
							   size_t n);

/* Keeps "NAME=value" in the environment of every program this process
 * execs, even one given an empty environment (as LD_PRELOAD and SYSTRAP_*
 * variables are kept). Replaces an earlier value of NAME, in the same
 * memory when it fits. Call at start-up, or from a pre hook of execve
 * (async-signal-safe, general registers only, safe on several threads at
 * once: each execve takes a whole copy of every value). At most 16 names.
 * Returns 0, -ENOMEM or -ENOSPC. */
SYSTRAP_EXPORT int systrap_keep_env(const char *name_value);

/* The signal systrap's traps raise (SIGILL for ud2, SIGTRAP for int3), once
 * systrap_init() succeeded; 0 before. Its action belongs to systrap: the
 * program's own is recorded and run for genuine traps and signals sent to
 * it, so a tool must not install a handler of its own for it (its
 * rt_sigaction calls are answered from the recorded action, whatever a pre
 * hook changes in them). Async-signal-safe. */
SYSTRAP_EXPORT int systrap_trap_signal(void);

/* Whether sig's action belongs to systrap (the trap signal; SIGSYS in
 * sealed mode, or once the program set a syscall dispatch of its own;
 * SIGSEGV and SIGBUS where the CPU has no RTM: systrap's reads of the
 * program's memory then recover from their own faults, unless
 * SYSTRAP_FAULT_READS=off): the same rules as systrap_trap_signal's, and
 * the same observer. Async-signal-safe. */
SYSTRAP_EXPORT int systrap_owns_signal(int sig);

/* The signals systrap keeps unblocked for real whatever the program's
 * mask says (*owned, bit sig - 1: its trap signals; a signal frame's saved
 * mask shows them unblocked), and which of them are blocked in the
 * program's view that a signal handler running now returns to (what
 * rt_sigreturn gives back, as the program sees it). Async-signal-safe;
 * makes no system call. 0 and *owned 0 before systrap_init(). */
SYSTRAP_EXPORT uint64_t systrap_sigreturn_blocked(uint64_t *owned);

/* Which signals had a handler of the program's (*caught) and which were
 * ignored (*ignored), bit sig - 1, when systrap_init ran: returns 1 where
 * it knew (started at an execve whose ignored signals the launcher said,
 * where *caught is 0; preloaded, from /proc/self/status), so that a tool's
 * start-up need read only the caught signals' actions; every other one was
 * SIG_DFL or SIG_IGN. 0 where it did not (attached to a running process):
 * read them all. */
SYSTRAP_EXPORT int systrap_start_actions(uint64_t *caught, uint64_t *ignored);

/* Whether sealed mode is on (systrap_options.sealed). */
SYSTRAP_EXPORT int systrap_sealed(void);

/* Called each time the trap signal is the program's own (a genuine ud2 or
 * int3 in its code, or one sent to it), or an owned SIGSEGV or SIGBUS is
 * (systrap_owns_signal), and is delivered to the program's
 * action: just before its handler runs (kills = 0) or before its default
 * action ends the process (kills = 1). Not called for one the program
 * ignores or keeps blocked until it is delivered. siginfo is the kernel's
 * siginfo_t, context the ucontext_t of the interrupted code. Runs in the
 * signal handler: async-signal-safe code only. NULL: none. */
typedef void (*systrap_trap_signal_fn)(int sig, const void *siginfo,
				       void *context, int kills);
SYSTRAP_EXPORT void systrap_observe_trap_signal(systrap_trap_signal_fn fn);

/* For a tool's work in a signal handler (the signal's line): runs
 * fn(sig, siginfo, context), the handler's own arguments, where there is
 * room for it. The kernel runs an SA_ONSTACK handler at the
 * top of the thread's alternate stack, which the program may have made a
 * few KiB; with less than 4 KiB of it left below (the alternate stack the
 * signal's frame, context, says the thread had), fn runs on a stack of
 * systrap's own for the thread, with the alternate stack disabled
 * meanwhile (a signal that comes then is delivered there, not over the
 * handler's frame), and 1 is returned; else fn runs where the caller is
 * and 0 is returned. The alternate stack is as it was on return.
 * Async-signal-safe. */
typedef void (*systrap_handler_fn)(int sig, void *siginfo, void *context);
SYSTRAP_EXPORT int systrap_call_with_room(systrap_handler_fn fn, int sig,
					  void *siginfo, void *context);

/* The same for a tool's report of a signal that ends the process (the
 * lines strace prints before `+++ killed by`), with every signal but
 * SIGSEGV and SIGBUS blocked while fn runs: the process is ending, and no
 * handler of the program's may run inside its report. A program handler
 * that overflowed its alternate stack faults below it, and the kernel
 * delivers that fault at the alternate stack's top again: a report made
 * there would overflow it again, for ever. The core's own observer
 * (systrap_observe_trap_signal) is called so with kills = 1, and with
 * systrap_call_with_room with kills = 0. Async-signal-safe. */
SYSTRAP_EXPORT int systrap_last_words(systrap_handler_fn fn, int sig,
				      void *siginfo, void *context);

/* Per-thread storage for tools, in systrap's own thread block: the program's
 * TLS (__thread) is not there for the self-contained image (the dynamic
 * loader and static programs run before it exists, Go has its own), so a
 * tool keeps per-thread state here instead. systrap_thread_reserve() takes
 * size bytes (16-byte aligned) of every thread's storage and returns their
 * offset, or -ENOSPC (2048 bytes in all); call it at start-up, before the
 * program's threads may use it (a constructor).
 * systrap_thread_data(offset) is the calling thread's copy: zeroed in a new
 * thread (one made with its own TLS, CLONE_SETTLS), the creator's own in a
 * child sharing its memory and TLS (vfork), a copy in a fork child, as TLS
 * would be; NULL before systrap_init() succeeded (or for a negative
 * offset). Async-signal-safe. */
SYSTRAP_EXPORT long systrap_thread_reserve(size_t size);
SYSTRAP_EXPORT void *systrap_thread_data(long offset);

/* The ticks (the arch's cycle counter, as systrap/arch/cycles.h reads it)
 * the calling thread has spent on systrap's own work inside the program's
 * calls so far: instrumenting the code an mmap or mprotect made
 * executable. A tool that times a call from its pre to its post hook
 * subtracts the difference, so mmap does not look slow. 0 before
 * systrap_init(). Async-signal-safe. */
SYSTRAP_EXPORT uint64_t systrap_thread_own_cycles(void);

/* Makes system call nr as the program would make it, through systrap's own
 * handling of it (the trap signal's virtual state, a handler's mask
 * stripped of the trap signal, new code instrumented...), but not through
 * the registered hooks. For a tool that changes the process's state on the
 * program's behalf, e.g. replacing a signal handler installed before the
 * tool arrived (attach). Calls that must run on the program's own stack
 * (clone, vfork, rt_sigreturn, sigaltstack) return -ENOSYS. Returns the
 * result or -errno. */
SYSTRAP_EXPORT long systrap_syscall(long nr, const long args[6]);

/* When a launcher that attached to the process leaves it (systrap-trace -p,
 * then SIGINT), fn runs with every thread stopped, to put back what the
 * tool changed in the process beyond its own memory (signal actions it
 * substituted, for one). The sites stay patched and the hooks keep being
 * called: a tool makes them do nothing itself. The same fn twice counts
 * once; up to 8. Call at start-up. */
SYSTRAP_EXPORT void systrap_on_leave(void (*fn)(void));

/* The program's registers at the call, for a tool that unwinds its stack
 * (strace's -k): reg[i] is DWARF register i of the architecture
 * (systrap/arch/unwind_regs.h: on x86-64 0-15 the general registers, 16
 * the return address column, which holds the pc after the syscall
 * instruction), for i < n. Returns a bit per register whose value is
 * known: all of them on the signal path; on the jump fast path the stack
 * pointer, the frame pointer, the pc and the argument registers (the
 * callee-saved others were never saved). In a pre or post hook only.
 * Async-signal-safe. */
SYSTRAP_EXPORT uint32_t systrap_call_registers(const struct systrap_call *call,
					       uint64_t *reg, unsigned n);

/* For a tool walking the program's stack from a signal's context (the
 * frames of a handler's ucontext): where the program was, as it would be
 * natively. A pc that one of systrap's traps (int3, ud2) left where it
 * stands for a syscall instruction is the address after that
 * instruction, the kernel's pc after the call; any other pc is returned
 * as it is. Async-signal-safe. */
SYSTRAP_EXPORT uintptr_t systrap_program_pc(uintptr_t pc);

/* Statistics of the instrumenter, for tools and benchmarks. */
struct systrap_stats {
	unsigned long sites;          /* syscall instructions patched */
	unsigned long candidates;     /* 0f 05 byte pairs examined */
	unsigned long rejected;       /* candidates that were not instructions */
	unsigned long regions;        /* executable regions instrumented */
	unsigned long decoded;        /* instructions decoded to find sites */
	unsigned long jumps;          /* sites rewritten to jump trampolines */
};
SYSTRAP_EXPORT void systrap_get_stats(struct systrap_stats *out);

#ifdef __cplusplus
}
#endif

#endif
