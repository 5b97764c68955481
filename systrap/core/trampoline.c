#include "systrap/core/trampoline.h"

#include <errno.h>
#include <sys/mman.h>

#include "systrap/arch/context.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/arena.h"
#include "systrap/core/dispatch.h"
#include "systrap/core/instrumenter.h"
#include "systrap/core/intercept.h"
#include "systrap/core/site_registry.h"
#include "systrap/core/syscall_behaviour.h"
#include "systrap/core/thread_block.h"
#include "systrap/core/trap_signal.h"

/* A gadget is a real `syscall` followed by a trap, in memory of our own. A
 * call that must run on the program's own stack and registers is made by
 * resuming the program at the gadget instead of after the site; the trap that
 * follows runs the post hooks (in the parent and in a clone's child alike)
 * and resumes after the original site. One gadget per (site, syscall), made
 * on first use, each on a fresh page so that no page a thread may be running
 * is ever made writable again. */
#define MAX_GADGETS 64

/* A fork-like call's gadget also says what its child does with its thread
 * block (trap_site.child): one gadget per plan. */
static struct {
	uintptr_t site;
	long nr;
	int child;
	uintptr_t gadget;
} gadgets[MAX_GADGETS];
static int gadget_count;

static uintptr_t gadget_for(uintptr_t site, long nr, int child,
			    uint32_t object)
{
	for (int i = 0; i < __atomic_load_n(&gadget_count, __ATOMIC_ACQUIRE);
	     i++)
		if (gadgets[i].site == site && gadgets[i].nr == nr &&
		    gadgets[i].child == child)
			return gadgets[i].gadget;
	uint64_t mask;
	uintptr_t result = 0;
	instrumenter_lock(&mask);
	for (int i = 0; i < gadget_count; i++)
		if (gadgets[i].site == site && gadgets[i].nr == nr &&
		    gadgets[i].child == child)
			result = gadgets[i].gadget;
	if (result || gadget_count == MAX_GADGETS)
		goto out;
	uint8_t *page = pages_alloc(4096);
	if (!page)
		goto out;
	const struct trap_encoding *t = instrumenter_trap();
	arch_syscall_bytes(page);
	page[ARCH_SYSCALL_INSN_LEN] = t->bytes[0];
	page[ARCH_SYSCALL_INSN_LEN + 1] = t->bytes[1];
	raw_mprotect(page, 4096, PROT_READ | PROT_EXEC);
	struct trap_site s = {
		.addr = (uintptr_t)page + ARCH_SYSCALL_INSN_LEN,
		.resume_to = site,
		.object = object,
		.nr = (int32_t)nr,
		.role = SITE_RESUME,
		.kind = (uint8_t)t->kind,
		.child = (uint8_t)child,
	};
	if (site_registry_add(&s)) {
		pages_free(page, 4096);
		goto out;
	}
	gadgets[gadget_count].site = site;
	gadgets[gadget_count].nr = nr;
	gadgets[gadget_count].child = child;
	gadgets[gadget_count].gadget = (uintptr_t)page;
	__atomic_store_n(&gadget_count, gadget_count + 1, __ATOMIC_RELEASE);
	result = (uintptr_t)page;
out:
	instrumenter_unlock(&mask);
	return result;
}

static void fill_object(struct systrap_call *call, const struct trap_site *s)
{
	call->object = instrumenter_object_path(s->object);
	call->object_offset = call->site - instrumenter_object_base(s->object);
}

static int is_fork_like(long nr)
{
	return (syscall_behaviour(nr) & SB_FORK_LIKE) != 0;
}

/* A site's trap, or the slow exit of its jump trampoline, which stands for
 * the site (resume_to) with the registers the program had there. */
static void handle_syscall_trap(const struct trap_site *s, void *context)
{
	uintptr_t site = s->resume_to ? s->resume_to : s->addr;
	struct systrap_call call;
	arch_context_syscall(context, &call.nr, call.args);
	call.result = -ENOSYS;
	call.skip = 0;
	call.in_child = 0;
	call.site = site;
	call.stack_pointer = arch_context_sp(context);
	call.context = context;
	fill_object(&call, s);

	dispatch_pre(&call);
	if (!call.skip &&
	    perform_syscall(&call, context) == RUN_IN_PROGRAM) {
		int child = is_fork_like(call.nr)
				    ? intercept_child_plan(&call)
				    : THREAD_BLOCK_CHILD_SHARES;
		uintptr_t g = gadget_for(site, call.nr, child, s->object);
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
	if (!call.skip && is_fork_like(call.nr) && call.result == 0)
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
	/* In a child, before anything reads its thread block. */
	if (is_fork_like(s->nr) && call.result == 0)
		thread_block_in_child(s->child);
	call.skip = 0;
	call.in_child = is_fork_like(s->nr) && call.result == 0;
	call.site = s->resume_to;
	call.stack_pointer = arch_context_sp(context);
	call.context = context;
	fill_object(&call, s);
	if (is_fork_like(s->nr) && !call.in_child) {
		trap_signal_restore_after_child();
		/* A vfork child ran on our TLS and may have changed it. */
		intercept_fast_stack_refresh();
	}
	if (s->nr == SYS_sigaltstack)
		intercept_fast_stack_refresh();
	dispatch_post(&call);
	arch_complete_syscall(context, call.result,
			      s->resume_to + ARCH_SYSCALL_INSN_LEN);
}

void trampoline_handle_trap(int sig, siginfo_t *info, void *context)
{
	const struct trap_encoding *t = instrumenter_trap();
	if (sig == t->signal && info->si_code == t->si_code) {
		uintptr_t site = arch_context_pc(context) - t->pc_offset;
		struct trap_site s;
		if (site_registry_find(site, &s)) {
			if (s.role == SITE_SYSCALL) {
				handle_syscall_trap(&s, context);
				return;
			}
			if (s.role == SITE_RESUME) {
				handle_resume_trap(&s, context);
				return;
			}
		}
	}
	trap_signal_deliver_to_program(sig, info, context);
}
