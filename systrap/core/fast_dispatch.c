#include "systrap/core/fast_dispatch.h"

#include <errno.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "systrap/arch/fast_stack.h"
#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/arena.h"
#include "systrap/core/dispatch.h"
#include "systrap/core/instrumenter.h"
#include "systrap/core/intercept.h"
#include "systrap/core/own_stack.h"
#include "systrap/core/sealed.h"
#include "systrap/core/site_registry.h"
#include "systrap/core/syscall_behaviour.h"
#include "systrap/core/thread_block.h"
#include "systrap/core/trap_handler.h"
#include "systrap/core/trap_signal.h"

/* Set at init when some handler may touch vector registers and the entry
 * saves them (arch_fast_save_vector_state). */
static int fast_path_saves_vector_state;
void fast_dispatch_init(void)
{
	if (!dispatch_general_regs_only())
		fast_path_saves_vector_state = arch_fast_save_vector_state() != 0;
	arch_fast_detect_shadow_stack();
}

/* Calls whose intercept instruments code (syscall_behaviour.h's
 * SB_NEW_CODE rows): Capstone and libc, which may use vector registers. */
static int instruments_code(const struct systrap_call *c)
{
	unsigned b = syscall_behaviour(c->nr);
	if (b & SB_NEW_CODE)
		return 1;
	if (b & SB_NEW_CODE_PROT_EXEC)
		return (c->args[2] & PROT_EXEC) != 0;
	return 0;
}

/* Whether the handlers may run here: they promised general registers
 * only, or the entry saves the vector state around them. */
static inline int handlers_run_here(void)
{
	/* The promise first: the tracer's and most handlers' (one load, not
	 * taken). */
	return dispatch_general_regs_only() || fast_path_saves_vector_state;
}

static int needs_signal_path(const struct systrap_call *c)
{
	/* Whether the CPU can save the vector state around the
	 * instrumenter (arch_call_saving_vector_state): asked at the first
	 * such call, not at start-up (its CPUIDs cost ~40 us in a VM). */
	if (instruments_code(c))
		return !arch_vector_state_size();
	return !handlers_run_here();
}

/* A call systrap only passes on: no intercept (so no new code either, and
 * not one the program makes itself). One row, one test. */
static inline int plain_call(long nr)
{
	return !(syscall_behaviour(nr) &
		 (SB_INTERCEPT | SB_NEW_CODE | SB_NEW_CODE_PROT_EXEC));
}

/* ---- program-call stubs (systrap/arch/jump_patch.h) ---- */

/* One per (site, number, kind of child), made on first use, each on a page
 * of its own that is never written again once executable. */
#define MAX_STUBS 256

/* A stub's kind: the child's thread block plan, and whether a 0 result (a
 * child running alongside its parent) stays on its own stack. */
#define STUB_CHILD_HERE 0x100

static struct {
	uintptr_t site;
	long nr;
	int kind;
	uintptr_t stub;
} stubs[MAX_STUBS];
static int stub_count;

static uintptr_t find_stub(uintptr_t site, long nr, int kind, int count)
{
	for (int i = 0; i < count; i++)
		if (stubs[i].site == site && stubs[i].nr == nr &&
		    stubs[i].kind == kind)
			return stubs[i].stub;
	return 0;
}

static uintptr_t make_stub(const struct jump_record *rec, long nr, int kind)
{
	uint8_t *page = pages_alloc(ARCH_PAGE);
	if (!page)
		return 0;
	size_t at[2];
	arch_write_program_call(
		page, rec->site + ARCH_SYSCALL_INSN_LEN,
		arch_fast_entry(ARCH_FAST_RESUME_ENTRY),
		arch_fast_entry(kind & STUB_CHILD_HERE
					? ARCH_FAST_RESUME_ENTRY_HERE
					: ARCH_FAST_RESUME_ENTRY),
		at);
	struct program_call_record r = {
		.site = rec->site,
		.nr = (int32_t)nr,
		.child_plan = kind & ~STUB_CHILD_HERE,
		.object = rec->object,
		.object_base = rec->object_base,
	};
	const uint8_t *from = (const uint8_t *)&r;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < sizeof r; i++)
			page[at[k] + i] = from[i];
	if (raw_mprotect(page, ARCH_PAGE, PROT_READ | PROT_EXEC)) {
		pages_free(page, ARCH_PAGE);
		return 0;
	}
	return (uintptr_t)page;
}

static uintptr_t program_call_stub(const struct jump_record *rec, long nr,
				   int kind)
{
	uintptr_t stub =
		find_stub(rec->site, nr, kind,
			  __atomic_load_n(&stub_count, __ATOMIC_ACQUIRE));
	if (stub)
		return stub;
	uint64_t mask;
	instrumenter_lock(&mask);
	stub = find_stub(rec->site, nr, kind, stub_count);
	if (!stub && stub_count < MAX_STUBS) {
		stub = make_stub(rec, nr, kind);
		if (stub) {
			stubs[stub_count].site = rec->site;
			stubs[stub_count].nr = nr;
			stubs[stub_count].kind = kind;
			stubs[stub_count].stub = stub;
			__atomic_store_n(&stub_count, stub_count + 1,
					 __ATOMIC_RELEASE);
		}
	}
	instrumenter_unlock(&mask);
	return stub;
}

static int stub_kind(const struct systrap_call *c)
{
	if (!syscall_is_fork_like(c->nr))
		return THREAD_BLOCK_CHILD_SHARES;
	return intercept_child_plan(c) |
	       (intercept_child_runs_alongside(c) ? STUB_CHILD_HERE : 0);
}

/* Where a call the program must make itself (intercept_runs_in_program)
 * goes from the fast path: its stub; or, while Syscall User Dispatch is
 * armed (sealed mode, lazy instrumenting), whose range is systrap's own
 * text, the signal path's gadget there (trap_handler.h), since a stub's
 * syscall, on a page of its own, would be dispatched. Through a gadget an
 * rt_sigreturn costs no trap, as it does not return: until session 63 it
 * was refused to the slow exit, one trap a handled signal while
 * instrumenting was lazy (a start's, a short-lived process's whole life);
 * a call that returns traps once after it, where its post hooks run
 * (trap_handler.c's handle_resume_trap). Not sigaltstack: that trap would
 * be delivered on the stack the call just set, which may be smaller than a
 * signal frame (the signal path makes the call inside its handler, off the
 * alternate stack: intercept.c). 0: none to be had (the call is refused
 * to the signal path). */
static uintptr_t program_call_target(const struct jump_record *rec,
				     const struct systrap_call *c)
{
	int kind = stub_kind(c);
	if (!sealed_active())
		return program_call_stub(rec, c->nr, kind);
	if (syscall_behaviour(c->nr) & SB_SETS_SIGNAL_STACK)
		return 0;
	struct trap_site slow;
	if (!site_registry_find(rec->slow_exit + ARCH_SLOW_TRAP_AFTER_EXIT,
				&slow))
		return 0;
	return trap_handler_gadget(rec->site, c->nr, kind & ~STUB_CHILD_HERE,
				   slow.object, 1);
}

/* ---- the dispatch ---- */

static void perform_saving_vector_state(void *call)
{
	perform_syscall(call, 0, 0);
}

/* fn(arg) with the vector state saved: the XSAVE layout is asked first
 * (it is computed at its first use, and the entry reads it as it is);
 * where there is none (lazy instrumenting starts only with XSAVE), fn
 * runs as it is. */
static void call_saving_vectors(void (*fn)(void *), void *arg)
{
	if (!arch_vector_state_size() ||
	    arch_call_saving_vector_state(fn, arg))
		fn(arg);
}

/* The entry makes a plain call itself, from the struct systrap_call it
 * gave us, at these offsets (fast_entry.S, ARCH_FAST_CALL_*). */
_Static_assert(offsetof(struct systrap_call, nr) == ARCH_FAST_CALL_NR &&
		       offsetof(struct systrap_call, args) ==
			       ARCH_FAST_CALL_ARGS &&
		       offsetof(struct systrap_call, result) ==
			       ARCH_FAST_CALL_RESULT,
	       "fast_entry.S makes the call from the struct systrap_call");
_Static_assert(sizeof(struct systrap_call) <= ARCH_FAST_CALL_BYTES,
	       "fast_entry.S keeps the struct systrap_call in its frame");

/* After the call: the post hooks, and the registers as the kernel leaves
 * them. The entry calls it after a call it made itself
 * (ARCH_FAST_MAKE_CALL). */
void systrap_fast_post(struct arch_fast_frame *f, struct systrap_call *c)
{
	dispatch_post(c);
	arch_fast_frame_complete(f, c->result,
				 c->site + ARCH_SYSCALL_INSN_LEN);
}

/* A call the kernel restarts once a signal's handler returns (the entry's
 * own, or one perform_syscall made: intercept_sigreturn_restart sent the
 * handler's rt_sigreturn to its restart point), r the registers it would
 * make it again with: the attempt ends for the post hooks as the kernel
 * ended it, and the entry goes back into the trampoline's call with the
 * program's registers (rax its number still:
 * arch_fast_frame_complete_but_result), those the handler edited in its
 * frame taking their new values (intercept_restart), so the call comes
 * through the pre hooks again, a call of its own as strace shows it (its
 * own entry, its own count for -e inject's when=) and as the kernel
 * would make it. The entry calls it from its restart point
 * (fast_entry.S). */
void systrap_fast_restart(struct arch_fast_frame *f, struct systrap_call *c,
			  const struct arch_restart *r)
{
	long nr, args[6];
	arch_fast_frame_syscall(f, &nr, args);
	c->result = intercept_restart(c, r, &nr, args);
	dispatch_post(c);
	arch_fast_frame_set_syscall(f, nr, args);
	arch_fast_frame_restart(f);
}

/* Whether a call the fast path does not simply pass on goes to the slow
 * exit, untouched (then set), before any hook ran. The program's own
 * dispatch setting is checked on the signal path. A call the program must
 * make itself needs its stub or gadget (program_call_target), had before
 * any hook runs: without one the signal path handles it whole. */
static __attribute__((noinline)) int
refused(struct arch_fast_frame *f, const struct systrap_call *c,
	const struct jump_record *rec)
{
	if (sealed_program_armed() ||
	    (plain_call(c->nr)
		     ? !handlers_run_here()
		     : needs_signal_path(c) ||
			       (intercept_runs_in_program(c) &&
				!program_call_target(rec, c)))) {
		arch_fast_frame_set_return(f, rec->slow_exit);
		return 1;
	}
	return 0;
}

/* A call after its pre hooks, when it is not one the entry makes as it
 * is: skipped, intercepted, new code, one the program makes from a stub. */
static __attribute__((noinline)) int
after_pre_hooks(struct arch_fast_frame *f, struct systrap_call *c,
		const struct jump_record *rec)
{
	if (c->skip) {
		/* nothing to make */
	} else if (needs_signal_path(c)) {
		/* A pre hook made it one the signal path must make: its
		 * hooks have run, so it is refused. */
		c->result = -ENOSYS;
	} else if (instruments_code(c)) {
		arch_call_saving_vector_state(perform_saving_vector_state, c);
	} else {
		/* A clone's plan for its child is read before the call,
		 * while its arguments are still ours to read (the pre hooks
		 * may have changed them). */
		uintptr_t stub = intercept_runs_in_program(c)
					 ? program_call_target(rec, c)
					 : 0;
		enum perform_outcome done;
		struct arch_restart restart;
		if (instrumenter_lazy() &&
		    (syscall_behaviour(c->nr) & SB_ENDS_LAZY_WORK)) {
			/* While lazy, these may patch deferred code first
			 * (an unmap or mprotect over it, a sandbox, a
			 * tracer to come). */
			call_saving_vectors(perform_saving_vector_state, c);
			done = PERFORMED;
		} else {
			done = perform_syscall(c, 0, &restart);
		}
		if (done == RESTARTED) {
			systrap_fast_restart(f, c, &restart);
			return 0;
		}
		if (done == RUN_IN_PROGRAM) {
			/* The program makes it from the stub (or gadget),
			 * with the registers as the pre hooks left them; its
			 * post hooks run in systrap_fast_resume (or at the
			 * gadget's trap). */
			if (stub) {
				if (child_shares_memory_not_actions(c))
					trap_signal_save_before_child();
				arch_fast_frame_set_syscall(f, c->nr, c->args);
				arch_fast_frame_set_return(f, stub);
				return 0;
			}
			c->result = -ENOMEM;
		} else if (syscall_is_fork_like(c->nr) && c->result == 0) {
			c->in_child = 1; /* a fork made here */
		}
	}
	systrap_fast_post(f, c);
	return 0;
}

/* Lazy instrumenting's budget (instrumenter.h): the patching that ends it
 * calls code that may use vector registers (Capstone, and libc's string
 * functions in a preloaded build), which this path does not save. */
static void finish_lazily(void *unused)
{
	(void)unused;
	instrumenter_lazy_finish();
}

static __attribute__((noinline)) void lazy_tick(void)
{
	if (instrumenter_lazy_tick())
		call_saving_vectors(finish_lazily, 0);
}

static inline void fill_call(struct arch_fast_frame *f, struct systrap_call *c,
			     const struct jump_record *rec)
{
	c->result = -ENOSYS;
	c->skip = 0;
	c->in_child = 0;
	c->site = rec->site;
	c->object = rec->object;
	c->object_offset = rec->site - rec->object_base;
	c->stack_pointer = arch_fast_frame_stack_pointer(f);
	c->context = 0;
	c->frame = f;
}

/* A handler of the program's runs on its small alternate stack (one the
 * entry leaves alone: fast_stack.h's small) and calls from there: the
 * kernel's frame took most of it, and natively the call needs none of what
 * is left, where our hooks need a few KiB (a 4 KiB stack had ~1 KiB left,
 * and the handler's own rt_sigreturn overflowed it). With less than
 * OWN_STACK_ROOM left, the work moves to the thread's own stack with the
 * alternate stack disabled meanwhile (own_stack.h: a signal that comes
 * during the call is delivered there, not at the stack's top over the
 * handler's live frame), and the call is made there too. */
struct moved_call {
	struct arch_fast_frame *f;
	struct systrap_call *c;
	const struct jump_record *rec;
};

static void dispatch_moved(void *m_)
{
	struct moved_call *m = m_;
	/* Refused here too, not on the small stack: whether the call is
	 * refused may mean making its program-call stub (a page mapped and
	 * written), deeper than a -c dbg build's 4 KiB alternate stack had
	 * room for under a frame with AVX-512 state. */
	if (refused(m->f, m->c, m->rec))
		return;
	if (syscall_is_fork_like(m->c->nr))
		intercept_forget_clone_args();
	fill_call(m->f, m->c, m->rec);
	dispatch_pre(m->c);
	after_pre_hooks(m->f, m->c, m->rec);
}

/* Whether this thread runs on its small alternate stack with less than
 * OWN_STACK_ROOM of it left here. */
static int short_of_room(void)
{
	const struct arch_fast_stack *s = &thread_block_current()->fast_stack;
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	return s->small && arch_sp_on_stack(sp, s->lo, s->lo + s->small) &&
	       own_stack_short_at(sp, s->lo);
}

/* A call the hot path below does not take: refused (sent to the slow
 * exit), or moved for room; 0 where the hot path takes it after all. */
static __attribute__((noinline)) int
dispatched_elsewhere(struct arch_fast_frame *f, struct systrap_call *c,
		     const struct jump_record *rec)
{
	/* A clone3's arguments, once read, are kept until its hooks, which
	 * may change them, and again from then until it is made. */
	int fork_like = syscall_is_fork_like(c->nr);
	if (fork_like)
		intercept_forget_clone_args();
	if (short_of_room()) {
		struct moved_call m = {f, c, rec};
		own_stack_run(dispatch_moved, &m);
		return 1;
	}
	if (refused(f, c, rec))
		return 1;
	if (fork_like)
		intercept_forget_clone_args();
	return 0;
}

/* The hot path is what a plain call (plain_call) takes, with handlers that
 * may run here, no dispatch setting of the program's and no small
 * alternate stack: everything else is in the functions above, so that this
 * one saves few registers. */
int systrap_fast_dispatch(struct arch_fast_frame *f, struct systrap_call *c,
			  const void *record)
{
	const struct jump_record *rec = record;
	if (__builtin_expect(__atomic_load_n(&instrumenter_lazy_calls_left,
					     __ATOMIC_RELAXED) != 0,
			     0))
		lazy_tick();
	const struct thread_block *b = thread_block_current();
	/* The program's dispatch setting and a small alternate stack in one
	 * test: both are rare. */
	if (__builtin_expect(((unsigned)__atomic_load_n(&b->program_sud.mode,
							__ATOMIC_ACQUIRE) |
			      b->fast_stack.small) != 0 ||
				     !plain_call(c->nr) || !handlers_run_here(),
			     0) &&
	    dispatched_elsewhere(f, c, rec))
		return 0;
	fill_call(f, c, rec);
	dispatch_pre(c);
	/* Most calls: straight to the kernel, without a call into
	 * intercept.c and its switches. The entry makes them, not this
	 * function: a return whose call was made before a syscall costs ~45
	 * ns here (the kernel leaves the return stack buffer predicting
	 * nothing of ours), and the entry's own way back is a jump. */
	if (__builtin_expect(!c->skip && plain_call(c->nr), 1)) {
		/* The registers as the kernel leaves them but rax, which the
		 * entry stores (the program's number until then, for a
		 * restart: systrap_fast_restart); the post hooks, if any,
		 * complete them again. */
		arch_fast_frame_complete_but_result(
			f, c->site + ARCH_SYSCALL_INSN_LEN);
		return __atomic_load_n(&dispatch_post_hook_count,
				       __ATOMIC_ACQUIRE)
			       ? ARCH_FAST_MAKE_CALL
			       : ARCH_FAST_MAKE_CALL_ONLY;
	}
	return after_pre_hooks(f, c, rec);
}

/* After a program-call stub's syscall, in the caller and in a clone's
 * child alike (each on its own stack): the registers as the call left them,
 * its result in rax. As trap_handler.c's handle_resume_trap. */
struct resumed_call {
	struct arch_fast_frame *f;
	const struct program_call_record *rec;
};

static void resume_post(void *r_)
{
	const struct resumed_call *r = r_;
	struct systrap_call call;
	arch_fast_frame_syscall(r->f, &call.result, call.args);
	call.nr = r->rec->nr;
	call.skip = 0;
	call.in_child = syscall_is_fork_like(r->rec->nr) && call.result == 0;
	call.site = r->rec->site;
	call.object = r->rec->object;
	call.object_offset = r->rec->site - r->rec->object_base;
	call.stack_pointer = arch_fast_frame_stack_pointer(r->f);
	call.context = 0;
	call.frame = r->f;
	intercept_after_program_call(
		r->rec->nr, call.in_child,
		r->rec->child_plan == THREAD_BLOCK_CHILD_SHARES);
	systrap_fast_post(r->f, &call);
}

int systrap_fast_resume(struct arch_fast_frame *f,
			struct systrap_call *unused, const void *record)
{
	(void)unused;
	struct resumed_call r = {f, record};
	long result, args[6];
	arch_fast_frame_syscall(f, &result, args);
	/* In a child, before anything reads its thread block (stubs are
	 * not used in sealed mode: no arming here). */
	if (syscall_is_fork_like(r.rec->nr) && result == 0)
		thread_block_in_child(r.rec->child_plan);
	/* A handler's call on its small alternate stack (sigaltstack, which
	 * must be made there to see it): its post hooks where there is room,
	 * as its pre hooks were (dispatched_elsewhere). */
	if (__builtin_expect(thread_block_current()->fast_stack.small, 0) &&
	    short_of_room())
		own_stack_run(resume_post, &r);
	else
		resume_post(&r);
	return 0;
}
