/* Calls that need the program's own stack (rt_sigreturn, sigaltstack, and
 * fork-like calls as their flags say), and fork-like calls (fork, vfork,
 * clone, clone3): what the child does with its thread block, and the
 * state a child needs before it exists (a virtual trap signal state of its
 * own, a shared alternate stack) or gets after (a fork child's reset). */
#include <linux/sched.h>

#include "systrap/arch/context.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/core/intercept_parts.h"
#include "systrap/core/safe_memory.h"
#include "systrap/core/sealed.h"
#include "systrap/core/thread_block.h"
#include "systrap/core/trap_signal.h"

/* ---- clone3's arguments, read once ---- */

/* The first n (at most 7) words of the struct clone_args clone3 points
 * at; 0 where they cannot be read (the kernel will say EFAULT). Kept in
 * the thread block only where no other task runs on it (one beside us
 * would overwrite it between our check and our copy). */
static int clone3_head(const struct systrap_call *c, uint64_t *head, int n)
{
	struct thread_block *b = thread_block_current();
	uintptr_t at = (uintptr_t)c->args[0];
	if (thread_block_has_guests(b)) {
		uint64_t words[7];
		if (safe_read(words, at, sizeof words) != sizeof words)
			return 0;
		for (int i = 0; i < n; i++)
			head[i] = words[i];
		return 1;
	}
	if (!b->clone_args.valid || b->clone_args.at != at) {
		if (safe_read(b->clone_args.head, at, sizeof b->clone_args.head) !=
		    sizeof b->clone_args.head)
			return 0;
		b->clone_args.at = at;
		b->clone_args.valid = 1;
	}
	for (int i = 0; i < n; i++)
		head[i] = b->clone_args.head[i];
	return 1;
}

void intercept_forget_clone_args(void)
{
	struct thread_block *b = thread_block_current();
	if (b->clone_args.valid)
		b->clone_args.valid = 0;
}

/* ---- calls that need the program's own stack ---- */

/* rt_sigreturn, vfork and sigaltstack always (sigaltstack: the kernel
 * answers from the stack the call is made on, it refuses a change while on
 * the alternate stack and SS_ONSTACK says whether we are there, and the
 * trap handler runs on the alternate stack when there is one: the
 * program's stack is the one to ask from); clone and clone3 as below. */
int intercept_runs_in_program(const struct systrap_call *c)
{
	if (!(syscall_behaviour(c->nr) & SB_PROGRAM_STACK))
		return 0;
	switch (c->nr) {
	case SYS_clone:
		/* A new stack, or a child sharing our stack and memory: the
		 * child must not return through this handler's frame. */
		return c->args[1] != 0 || (c->args[0] & CLONE_VM);
	case SYS_clone3: {
		uint64_t head[6];
		if (!clone3_head(c, head, 6))
			return 0; /* the kernel will say EFAULT */
		return head[5] != 0 || (head[0] & CLONE_VM);
	}
	default:
		return 1;
	}
}

void intercept_frame_restart(uintptr_t frame)
{
	uintptr_t pc = arch_sigreturn_restart_pc(frame, safe_read);
	uintptr_t to = pc ? arch_restart_point(pc) : 0;
	if (to)
		safe_write(arch_sigreturn_pc_at(frame), &to, sizeof to);
}

void intercept_sigreturn_restart(const struct systrap_call *c)
{
	intercept_frame_restart(c->stack_pointer);
}

/* The clone flags of a fork-like call (fork: none; vfork: CLONE_VM |
 * CLONE_VFORK), read in the parent before the call. Returns 0 for other
 * calls, or when clone3's arguments cannot be read (the kernel will say
 * EFAULT). */
static int clone_flags(const struct systrap_call *c, uint64_t *flags)
{
	*flags = 0;
	switch (c->nr) {
	case SYS_fork:
		return 1;
	case SYS_vfork:
		*flags = CLONE_VM | CLONE_VFORK;
		return 1;
	case SYS_clone:
		*flags = (uint64_t)c->args[0];
		return 1;
	case SYS_clone3:
		return clone3_head(c, flags, 1);
	default:
		return 0;
	}
}

int child_shares_memory_not_actions(const struct systrap_call *c)
{
	uint64_t flags;
	return clone_flags(c, &flags) && (flags & CLONE_VM) &&
	       !(flags & CLONE_SIGHAND);
}

/* A child that shares our memory but not our signal actions gets a virtual
 * trap signal state of its own (trap_signal.h), made before it exists. */
void note_vm_child(const struct systrap_call *c)
{
	if (!child_shares_memory_not_actions(c))
		return;
	uint64_t flags = 0, stack = 0;
	if (c->nr == SYS_clone) {
		flags = (uint64_t)c->args[0];
		stack = (uint64_t)c->args[1];
	} else if (c->nr == SYS_clone3) {
		uint64_t head[7]; /* flags ... stack, stack_size */
		if (!clone3_head(c, head, 7))
			return;
		flags = head[0];
		stack = head[5] ? head[5] + head[6] : 0;
	} else {
		flags = CLONE_VFORK; /* vfork */
	}
	trap_signal_before_vm_child((uintptr_t)stack, (flags & CLONE_VFORK) != 0,
				    intercept_child_plan(c) ==
					    THREAD_BLOCK_CHILD_SHARES);
}

/* A new thread starts with its creator's mask: the program's view of the
 * owned signals is kept for it (thread_block.c's enter_new_thread reads it
 * from its creator's block). glibc blocks every signal around the clone:
 * so does the new thread's view until its start restores the mask. */
void note_new_thread(const struct systrap_call *c)
{
	if (intercept_child_plan(c) == THREAD_BLOCK_CHILD_NEW)
		trap_signal_before_new_thread();
}

/* A child that runs alongside us in our memory on our thread block (a
 * process of its own, made with CLONE_VM but neither CLONE_THREAD nor
 * CLONE_SETTLS: thread_block.h) reads our copy of the alternate stack,
 * though the kernel gives it none: from now on the fast path stays on the
 * stack of whichever of the two makes a call. A vfork child is fine: it
 * has our alternate stack (the kernel keeps it) while we wait, and we read
 * ours again when we resume. */
void note_shared_tls(const struct systrap_call *c)
{
	uint64_t flags;
	if (!clone_flags(c, &flags) || (flags & CLONE_VFORK) ||
	    thread_block_child_plan(flags) != THREAD_BLOCK_CHILD_SHARES)
		return;
	struct arch_fast_stack *f = &thread_block_current()->fast_stack;
	f->shared = 1;
	arch_fast_stack_set(f, 0, 0);
}

int intercept_child_plan(const struct systrap_call *c)
{
	uint64_t flags;
	if (!clone_flags(c, &flags))
		return THREAD_BLOCK_CHILD_SHARES;
	return thread_block_child_plan(flags);
}

int intercept_child_runs_alongside(const struct systrap_call *c)
{
	uint64_t flags;
	return clone_flags(c, &flags) &&
	       (flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM;
}

/* fork (and clone without CLONE_VM) made here: the child returns inside
 * this handler, alone in its copy of our memory. */
void perform_fork(struct systrap_call *c)
{
	struct trap_signal_forker f;
	trap_signal_forker(&f);
	c->result = raw6(c);
	if (c->result == 0) {
		thread_block_fork_child();
		intercept_kept_env_fork_child();
		intercept_exec_handoff_fork_child();
		trap_signal_fork_child(&f);
		sealed_arm_thread(); /* a new task is not sealed */
	}
}
