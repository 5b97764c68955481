#include "systrap/core/trap_handler.h"

#include <errno.h>

#include "systrap/arch/context.h"
#include "systrap/arch/gadgets.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/roomy_handler.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/dispatch.h"
#include "systrap/core/instrumenter.h"
#include "systrap/core/intercept.h"
#include "systrap/core/own_stack.h"
#include "systrap/core/sealed.h"
#include "systrap/core/site_registry.h"
#include "systrap/core/syscall_behaviour.h"
#include "systrap/core/thread_block.h"
#include "systrap/core/trap_signal.h"
#include "systrap/systrap.h"

/* A gadget is a real `syscall` followed by a trap, in systrap's own text
 * (systrap/arch/gadgets.S: inside the range sealed mode lets through, and
 * never written). A call that must run on the program's own stack and
 * registers is made by resuming the program at the gadget instead of after
 * the site; the trap that follows runs the post hooks (in the parent and in
 * a clone's child alike) and resumes after the original site. One gadget
 * per (site, syscall), given out on first use, its trap registered. */
#define MAX_GADGETS ARCH_GADGETS

/* A fork-like call's gadget also says what its child does with its thread
 * block (trap_site.child): one gadget per plan. The signal path's gadgets
 * and the fast path's (trap_handler.h) are two tables: each kind has its
 * ARCH_GADGETS, so the fast path's never take the signal path's (with none
 * left, a trap's rt_sigreturn would get -ENOMEM). */
struct gadget_table {
	struct {
		uintptr_t site;
		long nr;
		int child;
		uintptr_t gadget;
	} at[MAX_GADGETS];
	int count;
};
static struct gadget_table gadgets[2]; /* [fast] */

static uintptr_t gadget_found(const struct gadget_table *g, uintptr_t site,
			      long nr, int child, int count)
{
	for (int i = 0; i < count; i++)
		if (g->at[i].site == site && g->at[i].nr == nr &&
		    g->at[i].child == child)
			return g->at[i].gadget;
	return 0;
}

uintptr_t trap_handler_gadget(uintptr_t site, long nr, int child,
			      uint32_t object, int fast)
{
	struct gadget_table *g = &gadgets[fast != 0];
	uintptr_t result = gadget_found(
		g, site, nr, child, __atomic_load_n(&g->count, __ATOMIC_ACQUIRE));
	if (result)
		return result;
	uint64_t mask;
	instrumenter_lock(&mask);
	result = gadget_found(g, site, nr, child, g->count);
	if (result || g->count == MAX_GADGETS)
		goto out;
	const struct trap_encoding *t = instrumenter_trap();
	uintptr_t gadget = fast ? arch_fast_gadget(t->kind, g->count)
				: arch_gadget(t->kind, g->count);
	uintptr_t syscall_insn =
		gadget + (fast ? ARCH_FAST_GADGET_SYSCALL : 0);
	struct trap_site s = {
		.addr = syscall_insn + ARCH_SYSCALL_INSN_LEN,
		.resume_to = site,
		.object = object,
		.nr = (int32_t)nr,
		.role = SITE_RESUME,
		.kind = (uint8_t)t->kind,
		.child = (uint8_t)child,
	};
	if (site_registry_add(&s))
		goto out;
	g->at[g->count].site = site;
	g->at[g->count].nr = nr;
	g->at[g->count].child = child;
	g->at[g->count].gadget = gadget;
	__atomic_store_n(&g->count, g->count + 1, __ATOMIC_RELEASE);
	result = gadget;
out:
	instrumenter_unlock(&mask);
	return result;
}

static void fill_object(struct systrap_call *call, const struct trap_site *s)
{
	call->object = instrumenter_object_path(s->object);
	call->object_offset = call->site - instrumenter_object_base(s->object);
}

/* Dies of sig as the kernel kills a thread it cannot dispatch for: the
 * default action, unblocked, whatever the program's action is. */
static void die_of(int sig)
{
	struct kernel_sigaction dfl = {SIG_DFL, 0, 0, 0};
	uint64_t bit = 1ULL << (sig - 1);
	raw_rt_sigaction(sig, &dfl, 0);
	raw_rt_sigprocmask(SIG_UNBLOCK, &bit, 0);
	raw_tgkill((int)raw_getpid(), (int)raw_gettid(), sig);
}

/* The program's own dispatch setting (sealed.h) takes this call: the call
 * is not made and the program's SIGSYS handler gets the siginfo the kernel
 * would give it, the pc after the syscall instruction and the number still
 * in its register; or the thread dies as the kernel would make it. Returns
 * whether it did. */
static int program_dispatch(uintptr_t site, long nr, void *context)
{
	uintptr_t after = site + ARCH_SYSCALL_INSN_LEN;
	int v = sealed_program_verdict(after);
	if (!v)
		return 0;
	arch_complete_syscall(context, nr, after);
	if (v != SEALED_DISPATCH) {
		die_of(v);
		return 1;
	}
	siginfo_t si;
	unsigned long *w = (unsigned long *)&si;
	for (size_t i = 0; i < sizeof si / sizeof *w; i++)
		w[i] = 0;
	si.si_signo = SIGSYS;
	si.si_code = SEALED_SYS_USER_DISPATCH;
	si.si_call_addr = (void *)after;
	si.si_syscall = (int)nr;
	si.si_arch = ARCH_AUDIT_NATIVE;
	/* Its SIGSYS action becomes virtual from the first dispatch on (in
	 * sealed mode it is already). */
	if (!trap_signal_owned(SIGSYS))
		trap_signal_install_second(SIGSYS, trap_handler);
	trap_signal_deliver_to_program(SIGSYS, &si, context);
	return 1;
}

/* A site's trap, or the slow exit of its jump trampoline, which stands for
 * the site (resume_to) with the registers the program had there. */
static void handle_syscall_trap(const struct trap_site *s, void *context)
{
	uintptr_t site = s->resume_to ? s->resume_to : s->addr;
	struct systrap_call call;
	if (instrumenter_lazy() && instrumenter_lazy_tick())
		instrumenter_lazy_finish(); /* the kernel saved the vectors */
	/* Before the call, which may wait: natively a signal sent to the
	 * process interrupts it. */
	trap_signal_take_for_process();
	enum perform_outcome done;
	do {
		arch_context_syscall(context, &call.nr, call.args);
		if (program_dispatch(site, call.nr, context))
			return;
		call.result = -ENOSYS;
		call.skip = 0;
		call.in_child = 0;
		call.site = site;
		call.stack_pointer = arch_context_sp(context);
		call.context = context;
		call.frame = 0;
		fill_object(&call, s);

		if (syscall_is_fork_like(call.nr))
			intercept_forget_clone_args();
		dispatch_pre(&call);
		struct arch_restart restart;
		done = call.skip ? PERFORMED
				 : perform_syscall(&call, context, &restart);
		if (done == RESTARTED) {
			/* The kernel restarts it once a signal's handler
			 * returns: the attempt ends for the post hooks as it
			 * ended for the kernel, and the call comes in anew
			 * from this same trap, with the registers the kernel
			 * would make it with (intercept_restart), so it goes
			 * through the hooks again (fast_dispatch.c's
			 * systrap_fast_restart). Not by resuming the program
			 * at the trap: a call the handler made may have had
			 * this page patched meanwhile (lazily), and a jump
			 * whose window covers the site now lies over it. A
			 * loop: the stack stays as deep. */
			long nr, args[6];
			arch_context_syscall(context, &nr, args);
			call.result = intercept_restart(&call, &restart, &nr,
							args);
			dispatch_post(&call);
			arch_set_context_syscall(context, nr, args);
		}
	} while (done == RESTARTED);
	if (done == RUN_IN_PROGRAM) {
		int child = syscall_is_fork_like(call.nr)
				    ? intercept_child_plan(&call)
				    : THREAD_BLOCK_CHILD_SHARES;
		uintptr_t g = trap_handler_gadget(site, call.nr, child, s->object, 0);
		if (g) {
			/* The child may change the virtual trap signal state
			 * in our memory; the parent gets its own back when it
			 * resumes (handle_resume_trap). */
			if (child_shares_memory_not_actions(&call))
				trap_signal_save_before_child();
			arch_set_context_syscall(context, call.nr, call.args);
			arch_set_context_pc(context, g);
			return;
		}
		call.result = -ENOMEM;
	}
	if (!call.skip && syscall_is_fork_like(call.nr) && call.result == 0)
		call.in_child = 1;
	dispatch_post(&call);
	arch_complete_syscall(context, call.result,
			      site + ARCH_SYSCALL_INSN_LEN);
}

/* After a gadget ran the call: the same registers, the result in rax. */
static void handle_resume_trap(const struct trap_site *s, void *context)
{
	struct systrap_call call;
	long nr_unused;
	arch_context_syscall(context, &nr_unused, call.args);
	call.nr = s->nr;
	call.result = arch_context_result(context);
	/* In a child, before anything reads its thread block; sealed
	 * before it runs any of the program's code (the kernel gives a new
	 * task no dispatch setting). */
	if (syscall_is_fork_like(s->nr) && call.result == 0) {
		thread_block_in_child(s->child);
		sealed_arm_thread();
	} else if (sealed_ended_lazily()) {
		/* A vfork child ended lazy instrumenting while we slept
		 * armed: disarmed before anything else runs here. */
		sealed_disarm_thread();
	}
	call.skip = 0;
	call.in_child = syscall_is_fork_like(s->nr) && call.result == 0;
	call.site = s->resume_to;
	call.stack_pointer = arch_context_sp(context);
	call.context = context;
	call.frame = 0;
	fill_object(&call, s);
	intercept_after_program_call(s->nr, call.in_child,
				     s->child == THREAD_BLOCK_CHILD_SHARES);
	dispatch_post(&call);
	arch_complete_syscall(context, call.result,
			      s->resume_to + ARCH_SYSCALL_INSN_LEN);
}

/* Sealed mode: a call made from anywhere but systrap's own code, which the
 * kernel dispatched instead of running (the pc is after the syscall
 * instruction, the number in its register). It runs through the hooks as
 * any trapped call, and its site is then rewritten where that is safe, so
 * that the next call there costs no SIGSYS. */
static void handle_dispatched(const siginfo_t *info, void *context,
			      int rewrite)
{
	uintptr_t after = arch_context_pc(context);
	if ((unsigned)info->si_arch != ARCH_AUDIT_NATIVE) {
		/* `int $0x80` from 64-bit code: another numbering, which
		 * the hooks do not know. Refused, never run unseen. */
		arch_complete_syscall(context, -ENOSYS, after);
		return;
	}
	struct trap_site s = {
		.addr = after - ARCH_SYSCALL_INSN_LEN,
		.object = UINT32_MAX, /* none: "" */
		.role = SITE_SYSCALL,
	};
	handle_syscall_trap(&s, context);
	if (rewrite)
		intercept_rewrite_dispatched(s.addr);
}

/* Whether the code at site is still the trap t. */
static int still_traps(uintptr_t site, const struct trap_encoding *t)
{
	const volatile uint8_t *code = (const volatile uint8_t *)site;
	for (int i = 0; i < ARCH_SYSCALL_INSN_LEN; i++)
		if (code[i] != t->bytes[i])
			return 0;
	return 1;
}

/* The kernel enters trap_handler, which finds room first: on the
 * program's alternate stack with less than OWN_STACK_ROOM left, the work
 * runs on the thread's own stack (own_stack.c). */
__attribute__((used)) static void trap_handler_here(int sig, void *info_,
						    void *context);
ARCH_ROOMY_SIGNAL_HANDLER(trap_handler, trap_handler_here, own_stack_mover,
			  OWN_STACK_ROOM);

__attribute__((used)) static void trap_handler_here(int sig, void *info_,
						    void *context)
{
	siginfo_t *info = info_;
	trap_signal_resend_raised(sig, info);
	if (sig == SIGSYS && info->si_code == SEALED_SYS_USER_DISPATCH &&
	    (sealed_active() || sealed_ended_lazily())) {
		/* Armed still, after lazy instrumenting ended: disarmed,
		 * the call served, nothing rewritten. */
		int ended = !sealed_active();
		if (ended)
			sealed_disarm_thread();
		handle_dispatched(info, context, !ended);
		return;
	}
	const struct trap_encoding *t = instrumenter_trap();
	uintptr_t again = 0; /* a syscall site the pc was put back on */
	struct trap_site s;
	if (sig == t->signal) {
		uintptr_t site = arch_context_pc(context) - t->pc_offset;
		if (!site_registry_find(site, &s) ||
		    (s.role != SITE_SYSCALL && s.role != SITE_RESUME)) {
			/* Not at one of our traps. */
		} else if (info->si_code != t->si_code) {
			/* Our trap ran, but the kernel merged its signal into
			 * one of the same number already pending for this
			 * thread (sent by tgkill, or our own nudge): the
			 * signal delivered is that one. A trap that leaves the
			 * pc after it (int3) would have its call skipped; it
			 * runs again once this signal is handled. (A fault,
			 * ud2, leaves the pc on it: it runs again anyway.) */
			arch_set_context_pc(context, site);
			if (s.role == SITE_SYSCALL)
				again = site;
		} else if (s.role == SITE_SYSCALL) {
			handle_syscall_trap(&s, context);
			return;
		} else {
			handle_resume_trap(&s, context);
			/* A nudge merged into this trap: what waits for the
			 * process is taken now. */
			trap_signal_take_for_process();
			return;
		}
	}
	/* The program's handler ran from ours, and our restorer's
	 * rt_sigreturn ends it: a call of ours it interrupted, that the
	 * kernel is to restart, comes through the hooks again, as after the
	 * program's own rt_sigreturn. */
	if (trap_signal_deliver_to_program(sig, info, context))
		intercept_frame_restart((uintptr_t)context);
	/* A call the program's handler made may have had the page patched
	 * meanwhile (lazily): a jump whose window covers the site lies over
	 * the trap, and the pc cannot go back into it. The call is made
	 * here, as a restarted one is (handle_syscall_trap). */
	if (again && arch_context_pc(context) == again &&
	    !still_traps(again, t)) {
		handle_syscall_trap(&s, context);
		return;
	}
	/* A nudge merged into the signal just delivered (one the program
	 * sent to this thread). */
	trap_signal_take_for_process();
}
