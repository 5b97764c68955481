/* Each thread's block: systrap's per-thread state, found through systrap's
 * own thread pointer (systrap/arch/thread_pointer.h), never the program's
 * TLS, which the self-contained image cannot count on.
 *
 * A block is a thread's: a child made with CLONE_THREAD (a thread of our
 * thread group, whether it brings TLS of its own with CLONE_SETTLS or sets
 * it after the clone, as Go's do) or with TLS of its own gets a new,
 * zeroed block as soon as it first runs our code (trap_handler.c,
 * fast_dispatch.c, before anything reads the block); any other child made
 * with CLONE_VM (vfork, posix_spawn, a process sharing our memory) runs on
 * its creator's block, as it does on its creator's TLS; a fork child has
 * its copy. A block is reused once the thread that had it has exited (its
 * exit call marks it, and a later thread checks the tid is gone): a
 * thread's task ends with its exit or with its whole group, a process's
 * may end by exit_group, execve or a signal, which mark nothing (so a
 * process sharing our memory gets no block of its own, unless it brings
 * TLS). */
#ifndef SYSTRAP_CORE_THREAD_BLOCK_H
#define SYSTRAP_CORE_THREAD_BLOCK_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "systrap/arch/fast_stack.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/thread_pointer.h"

/* Which of the signals systrap owns (the trap signal; SIGSYS when sealed)
 * are (virtually) blocked or pending, for one task (trap_signal.c), as
 * signal bits. */
struct trap_signal_task {
	int tid; /* table entries: 0 free */
	int tgid;
	uint64_t blocked;
	uint64_t pending; /* a sent owned signal waits for the program to
			     unblock it (standard signals do not queue: one is
			     enough) */
	siginfo_t pending_info[2]; /* its sender's siginfo, per owned slot */
	/* Owned signals the task sent itself (trap_signal.c's raise_own)
	 * that its handler has not yet seen, and the siginfo each is to
	 * reach the program with; raise_busy: one is on its way. */
	uint64_t raising;
	int raise_busy;
	siginfo_t raised_info[2];
};

/* trap_signal_thread.fault_mask: SIGSEGV or SIGBUS blocked, neither, or
 * not known (0: a block just made). */
enum { FAULT_MASK_UNKNOWN, FAULT_MASK_BLOCKED, FAULT_MASK_UNBLOCKED };

/* trap_signal.c's per-thread state. */
struct trap_signal_thread {
	/* The tid this block belongs to, set when a CLONE_VM child that may
	 * run on it is made; 0: nobody else uses it. */
	int owner;
	struct trap_signal_task state;
	/* The thread waits in a call that installs a temporary mask
	 * (rt_sigsuspend, ppoll...): the view it puts back, which a handler
	 * that interrupts the call returns to (trap_signal_sigreturn_blocked). */
	int in_temp_mask;
	uint64_t temp_mask_was;
	/* The mask the kernel makes that call with: a handler entered as it
	 * ends runs with it, not with its frame's (trap_signal.c,
	 * mask_at_delivery). */
	uint64_t temp_mask_kernel;
	/* The tid of the thread while systrap's own code handles a fault
	 * signal or a tool observes a signal (trap_signal.c): a fault then
	 * is ours. A tid, not a flag, since a vfork child runs on its
	 * parent's block and may die in there. */
	int handling;
	/* The program's view saved across a vfork-like child while there is
	 * only one view (see trap_signal.h). */
	/* The program's view of the owned signals blocked when this thread
	 * last made a thread (THREAD_BLOCK_CHILD_NEW): the new thread's to start with,
	 * as the kernel gives it its creator's mask. */
	uint64_t new_thread_blocked;
	/* Whether SIGSEGV or SIGBUS is blocked in this thread's real mask,
	 * as last learnt (trap_signal_faults_unblocked's FAULT_MASK_*): from
	 * the kernel, or from the program's own rt_sigprocmask, whose new
	 * mask we set. UNKNOWN once it may have changed unseen
	 * (trap_signal_mask_may_change); "unblocked" is trusted only where
	 * nothing else changes masks unseen (trap_signal.c). */
	int fault_mask;
	struct {
		int saved;
		uint64_t blocked;
		uint64_t pending;
		uint64_t raising;
		uint64_t mask_has[2];
		struct kernel_sigaction action[2];
		struct kernel_sigaction fault_action[2]; /* SIGSEGV, SIGBUS */
		int faults_traced;
	} before_child;
};

/* Bytes of per-thread storage tools may reserve (systrap_thread_reserve). */
#define THREAD_BLOCK_TOOL_BYTES 2048

struct thread_block {
	struct thread_block *self; /* what the thread pointer reads */
	struct arch_fast_stack fast_stack; /* at ARCH_FAST_STACK_OFFSET */
	/* For a launcher coming back (image_abi.h,
	 * SYSTRAP_IMAGE_REENTRY_OFFSET): the image's re-entry point and a
	 * syscall instruction of its own; 0 where systrap is preloaded. */
	uintptr_t reentry, reentry_syscall;
	int state; /* THREAD_BLOCK_* */
	int tid;   /* the task it was made for; once THREAD_BLOCK_EXITED,
		      negated if that task was its own thread group */
	/* The program's own Syscall User Dispatch setting for this thread, as
	 * its prctl(PR_SET_SYSCALL_USER_DISPATCH) made it (sealed.h):
	 * virtual, never given to the kernel. mode 0: off.
	 * Read on every fast call: in the first cache line, with fast_stack. */
	struct {
		int mode;
		uintptr_t offset, len, selector;
	} program_sud;
	struct trap_signal_thread trap_signal;
	/* Ticks (arch_cycles) this thread spent on systrap's own work inside
	 * the program's calls: new code instrumented after an mmap or
	 * mprotect (systrap_thread_own_cycles). */
	uint64_t own_work_cycles;
	/* The program's own GS base (arch_prctl(ARCH_SET_GS)): virtual, as
	 * the real one is systrap's thread pointer (thread_pointer.h). */
	unsigned long program_gs_base;
	/* The tid safe_memory.c names to the kernel to read this thread's
	 * memory: set when the block is made (thread_block_init, a new
	 * thread's, a fork child's own), never by whichever task happens to
	 * run on it (a vfork child's would outlive its exec); 0: ask. A
	 * vfork child on its parent's block reads through the parent's tid,
	 * which names the same memory while the child lives. */
	int reader_tid;
	/* The head of the struct clone_args a clone3 of this thread points
	 * at (flags ... stack, stack_size), as child_calls.c last read it:
	 * read once, not a dozen times (each through the kernel while glibc
	 * blocks every signal around the call). Valid between the call's
	 * hooks and its making (intercept_forget_clone_args). */
	struct {
		int valid;
		uintptr_t at;
		uint64_t head[7];
	} clone_args;
	_Alignas(16) unsigned char tool[THREAD_BLOCK_TOOL_BYTES];
};

enum {
	THREAD_BLOCK_FREE = 0,
	THREAD_BLOCK_LIVE,
	THREAD_BLOCK_EXITED, /* reusable once tid is gone */
};

/* This thread's block. Only after thread_block_init(). */
static inline struct thread_block *thread_block_current(void)
{
	return (struct thread_block *)arch_thread_pointer();
}

/* Whether another task may run on b now or has since its owner made a
 * child: a CLONE_VM child beside it (fast_stack.shared), one trap_signal.c
 * keeps a view for (owner), or a vfork-like child it saved its state for.
 * What is cached in b for its own thread is then not to be trusted or
 * written (safe_memory.c's tid, child_calls.c's clone3 arguments). */
static inline int thread_block_has_guests(const struct thread_block *b)
{
	return b->fast_stack.shared || b->trap_signal.owner ||
	       b->trap_signal.before_child.saved;
}

/* The blocks there are, for a walk over the threads (trap_signal.c):
 * thread_block_slot(i) for i below thread_block_slots() is the first
 * thread's block (i 0) or another ever made, or NULL for a slot being
 * filled; check its state. Lock-free, async-signal-safe. */
int thread_block_slots(void);
struct thread_block *thread_block_slot(int i);

/* Gives the calling (first) thread its block. Returns 0 or -errno. */
int thread_block_init(void);

/* The image's re-entry point and syscall instruction, written into every
 * block made from now on and every block there is. */
void thread_block_set_reentry(uintptr_t entry, uintptr_t syscall_insn);

/* Whether thread_block_init() succeeded (in this process or an ancestor
 * whose memory we have). */
int thread_block_ready(void);

enum {
	THREAD_BLOCK_CHILD_SHARES = 0, /* CLONE_VM, no thread, no TLS */
	THREAD_BLOCK_CHILD_NEW,        /* CLONE_THREAD or CLONE_SETTLS */
	THREAD_BLOCK_CHILD_FORKED,     /* no CLONE_VM: a copy */
};

/* What the child of a fork-like call with these clone flags (0 for fork,
 * CLONE_VM | CLONE_VFORK for vfork) does with its block. Decided in the
 * parent, before the call: the child cannot read the flags safely
 * (clone3's are on a stack its parent goes on using), nor find them in
 * its parent's block (which may be making another child meanwhile). */
int thread_block_child_plan(uint64_t flags);

/* The first thing such a child does on our code, before anything reads
 * its block, with the plan its parent made: a new zeroed block of its own
 * when it is a thread or has TLS of its own (on failure, no memory, it
 * stays on its creator's, marked shared), every other thread's block
 * freed when it is a new process, nothing when it shares its creator's
 * memory and TLS.
 * Async-signal-safe. */
void thread_block_in_child(int plan);

/* Attaching to a running process: a block of its own for the calling
 * thread, which has none (the image runs this on every thread but the
 * first, stopped). Returns 0 or -errno. */
int thread_block_adopt(void);

/* The calling thread is about to exit: its block may go to a later
 * thread once the kernel has let it go. Async-signal-safe. */
void thread_block_exit(void);

/* In a fork child, alone in its copy of our memory: every other thread's
 * block is free. Async-signal-safe. */
void thread_block_fork_child(void);

#endif
