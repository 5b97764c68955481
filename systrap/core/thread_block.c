#include "systrap/core/thread_block.h"

#include <errno.h>
#include <linux/sched.h>
#include <signal.h>

#include "systrap/arch/page.h"
#include "systrap/core/arena.h"
#include "systrap/image/image_abi.h"
#include "systrap/systrap.h"

/* The first thread's block, never reused (a process's leader stays a
 * zombie while its threads run), and its exit stack. Every block is one
 * page followed by ARCH_EXIT_STACK_BYTES on which the thread's own exit
 * runs (fast_stack.h): the stack is the block's, so it is free again
 * exactly when the block is, once the thread is gone. */
struct block_pages {
	union {
		struct thread_block block;
		unsigned char page[ARCH_PAGE];
	};
	_Alignas(16) unsigned char exit_stack[ARCH_EXIT_STACK_BYTES];
};
static _Alignas(ARCH_PAGE) struct block_pages first_pages;
#define first (first_pages.block)

_Static_assert(offsetof(struct block_pages, exit_stack) +
			       ARCH_EXIT_STACK_BYTES ==
		       ARCH_EXIT_STACK_TOP,
	       "fast_entry.S finds the exit stack's top at ARCH_EXIT_STACK_TOP");

/* Every other block ever made (struct block_pages each); a slot once filled is never
 * emptied, so readers need no lock. */
#define MAX_BLOCKS 16384
static struct thread_block *blocks[MAX_BLOCKS];
static int block_count;

/* Tools' reservations in each block's tool bytes. */
static size_t tool_reserved;

_Static_assert(offsetof(struct thread_block, fast_stack) ==
		       ARCH_FAST_STACK_OFFSET,
	       "fast_entry.S reads the fast stack at ARCH_FAST_STACK_OFFSET");
_Static_assert(sizeof(struct thread_block) <= ARCH_PAGE, "a block is one page");
_Static_assert(offsetof(struct thread_block, reentry) ==
		       SYSTRAP_IMAGE_REENTRY_OFFSET &&
	       offsetof(struct thread_block, reentry_syscall) ==
		       SYSTRAP_IMAGE_REENTRY_OFFSET + 8,
	       "a launcher finds the re-entry at SYSTRAP_IMAGE_REENTRY_OFFSET");

static uintptr_t reentry, reentry_syscall;

static void mark(struct thread_block *b)
{
	b->reentry = reentry;
	b->reentry_syscall = reentry_syscall;
}

void thread_block_set_reentry(uintptr_t entry, uintptr_t syscall_insn)
{
	reentry = entry;
	reentry_syscall = syscall_insn;
	mark(&first);
	int n = __atomic_load_n(&block_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n; i++)
		if (blocks[i])
			mark(blocks[i]);
}

/* Zeroes a block its caller has just claimed (LIVE), all but its state:
 * a 0 there (FREE), however briefly, let another new thread's reuse()
 * claim the same block meanwhile, and two threads then ran on one block,
 * one alternate stack (seen under Go, two threads started at once). */
static void clear(struct thread_block *b)
{
	/* Word by word: no memset on the trap path. */
	volatile uint32_t *w = (volatile uint32_t *)b;
	size_t keep = offsetof(struct thread_block, state) / sizeof *w;
	for (size_t i = 0; i < sizeof *b / sizeof *w; i++)
		if (i != keep)
			w[i] = 0;
}
_Static_assert(offsetof(struct thread_block, program_sud.mode) < 64,
	       "the fast path reads the program's dispatch mode with the "
	       "alternate stack, on one cache line");
_Static_assert(offsetof(struct thread_block, state) % sizeof(uint32_t) == 0 &&
		       sizeof(int) == sizeof(uint32_t),
	       "clear() keeps the state word");

int thread_block_init(void)
{
	if (first.self)
		return 0;
	first.self = &first;
	first.state = THREAD_BLOCK_LIVE;
	first.reader_tid = (int)raw_gettid();
	long r = arch_set_thread_pointer(&first);
	if (r)
		first.self = 0;
	return (int)r;
}

int thread_block_slots(void)
{
	return __atomic_load_n(&block_count, __ATOMIC_ACQUIRE) + 1;
}

struct thread_block *thread_block_slot(int i)
{
	if (i == 0)
		return first.self ? &first : 0;
	return __atomic_load_n(&blocks[i - 1], __ATOMIC_ACQUIRE);
}

int thread_block_ready(void)
{
	return first.self != 0;
}

/* A block to reuse: free, or left by a thread that is gone. */
static struct thread_block *reuse(void)
{
	int n = __atomic_load_n(&block_count, __ATOMIC_ACQUIRE);
	int tgid = (int)raw_getpid();
	for (int i = 0; i < n; i++) {
		struct thread_block *b =
			__atomic_load_n(&blocks[i], __ATOMIC_ACQUIRE);
		if (!b) /* being filled by make() */
			continue;
		int s = __atomic_load_n(&b->state, __ATOMIC_ACQUIRE);
		/* Gone once the kernel knows its task no more (a task of its
		 * own thread group, its tid negated, as that group). */
		int t = __atomic_load_n(&b->tid, __ATOMIC_RELAXED);
		if (s == THREAD_BLOCK_EXITED &&
		    raw_tgkill(t < 0 ? -t : tgid, t < 0 ? -t : t, 0) != -ESRCH)
			continue;
		if (s != THREAD_BLOCK_FREE && s != THREAD_BLOCK_EXITED)
			continue;
		if (__atomic_compare_exchange_n(&b->state, &s, THREAD_BLOCK_LIVE,
						0, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			return b;
	}
	return 0;
}

static struct thread_block *make(void)
{
	struct thread_block *b = pages_alloc(sizeof(struct block_pages));
	if (!b)
		return 0;
	int i = __atomic_fetch_add(&block_count, 0, __ATOMIC_ACQUIRE);
	for (;;) {
		if (i >= MAX_BLOCKS) {
			pages_free(b, sizeof(struct block_pages));
			return 0;
		}
		/* Slots are filled in order; a slot is ours once the count
		 * moves past it. */
		if (__atomic_compare_exchange_n(&block_count, &i, i + 1, 0,
						__ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			break;
	}
	b->state = THREAD_BLOCK_LIVE;
	__atomic_store_n(&blocks[i], b, __ATOMIC_RELEASE);
	return b;
}

int thread_block_child_plan(uint64_t flags)
{
	if (!(flags & CLONE_VM))
		return THREAD_BLOCK_CHILD_FORKED;
	if (flags & (CLONE_SETTLS | CLONE_THREAD))
		return THREAD_BLOCK_CHILD_NEW;
	return THREAD_BLOCK_CHILD_SHARES;
}

static void enter_new_thread(void)
{
	/* The kernel gives a new thread its creator's GS base, and its
	 * mask. */
	unsigned long program_gs_base = thread_block_current()->program_gs_base;
	uint64_t blocked = thread_block_current()->trap_signal.new_thread_blocked;
	struct thread_block *b = reuse();
	if (!b)
		b = make();
	if (!b) {
		thread_block_current()->fast_stack.shared = 1;
		arch_fast_stack_set(&thread_block_current()->fast_stack, 0,
				    0);
		return;
	}
	clear(b);
	b->self = b;
	b->tid = (int)raw_gettid(); /* whose: see thread_block_exit */
	b->reader_tid = b->tid;
	b->program_gs_base = program_gs_base;
	b->trap_signal.state.blocked = blocked;
	b->state = THREAD_BLOCK_LIVE;
	mark(b);
	if (arch_set_thread_pointer(b)) {
		__atomic_store_n(&b->state, THREAD_BLOCK_FREE, __ATOMIC_RELEASE);
		thread_block_current()->fast_stack.shared = 1;
		arch_fast_stack_set(&thread_block_current()->fast_stack, 0,
				    0);
	}
}

int thread_block_adopt(void)
{
	struct thread_block *b = reuse();
	if (!b)
		b = make();
	if (!b)
		return -ENOMEM;
	clear(b);
	b->self = b;
	b->tid = (int)raw_gettid(); /* whose: see thread_block_exit */
	b->reader_tid = b->tid;
	b->state = THREAD_BLOCK_LIVE;
	mark(b);
	long r = arch_set_thread_pointer(b);
	if (r)
		__atomic_store_n(&b->state, THREAD_BLOCK_FREE, __ATOMIC_RELEASE);
	return (int)r;
}

void thread_block_in_child(int plan)
{
	switch (plan) {
	case THREAD_BLOCK_CHILD_NEW:
		enter_new_thread();
		break;
	case THREAD_BLOCK_CHILD_FORKED:
		thread_block_fork_child();
		break;
	default:
		break;
	}
}

void thread_block_exit(void)
{
	struct thread_block *b = thread_block_current();
	/* The main thread's, never handed on, is marked for those who look
	 * for a live thread (trap_signal.c): by the main thread itself, not
	 * a vfork child on it (whose parent goes on with it: told by the
	 * parent's state saved for it, or where CLONE_VM children were made,
	 * by the block's owner). Otherwise whoever exits on it is the main
	 * thread, and no system call is made to know it (a program in
	 * seccomp's strict mode may make none but exit). */
	if (b == &first) {
		int owner = b->trap_signal.owner;
		if (b->trap_signal.before_child.saved) /* a vfork child's */
			return;
		if (!owner || owner == (int)raw_gettid())
			__atomic_store_n(&b->state, THREAD_BLOCK_EXITED,
					 __ATOMIC_RELEASE);
		return;
	}
	int tid = (int)raw_gettid();
	/* A block another task may still run on (CLONE_VM without
	 * CLONE_SETTLS or CLONE_THREAD) is never handed on. */
	if (b->fast_stack.shared ||
	    b->state != THREAD_BLOCK_LIVE)
		return;
	/* Only by the task it was made for: a vfork child runs on the block
	 * of the thread that made it, which goes on with it once the child
	 * is gone (Go's child ends with exit after a failed exec: the
	 * vforking thread's block went to the next new thread, two threads
	 * shared one state, and the program died); a fork child's first
	 * thread runs on its copy of its forker's block. A task of its own
	 * thread group made with CLONE_VM | CLONE_SETTLS hands its own on
	 * (each kept one while every first task kept its block). */
	if (__atomic_load_n(&b->tid, __ATOMIC_RELAXED) != tid)
		return;
	if (tid == (int)raw_getpid())
		__atomic_store_n(&b->tid, -tid, __ATOMIC_RELAXED);
	__atomic_store_n(&b->state, THREAD_BLOCK_EXITED, __ATOMIC_RELEASE);
}

void thread_block_fork_child(void)
{
	struct thread_block *mine = thread_block_current();
	/* A new task: the kernel gives it no dispatch setting of its own.
	 * (Only what differs is written: each page written after a fork is
	 * a copy-on-write fault.) */
	if (mine->program_sud.mode)
		mine->program_sud.mode = 0;
	/* The forker's tid would read the forker's memory, not our copy. */
	mine->reader_tid = (int)raw_gettid();
	int n = __atomic_load_n(&block_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n; i++)
		if (blocks[i] && blocks[i] != mine &&
		    blocks[i]->state != THREAD_BLOCK_FREE)
			blocks[i]->state = THREAD_BLOCK_FREE;
}

long systrap_thread_reserve(size_t size)
{
	size_t at = (tool_reserved + 15) & ~(size_t)15;
	if (size > THREAD_BLOCK_TOOL_BYTES || at > THREAD_BLOCK_TOOL_BYTES - size)
		return -ENOSPC;
	tool_reserved = at + size;
	return (long)at;
}

uint64_t systrap_thread_own_cycles(void)
{
	return first.self ? thread_block_current()->own_work_cycles : 0;
}

void *systrap_thread_data(long offset)
{
	if (!first.self || offset < 0)
		return 0;
	return thread_block_current()->tool + offset;
}
