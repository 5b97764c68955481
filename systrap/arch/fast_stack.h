/* The stack the jump fast path runs on (systrap/arch/fast_entry.S).
 *
 * A syscall site may be on a stack with almost no room below it: a Go
 * goroutine's is a few KiB, and Go leaves only a few hundred bytes free at
 * a syscall. Go gives every thread an alternate signal stack and asks that
 * every signal handler use it (SA_ONSTACK), since a signal frame would not
 * fit. The fast path does what the kernel does for such a handler: when
 * the thread has an alternate stack and is not already on it, the entry
 * moves to its top before saving anything, and comes back before
 * returning. Only the trampoline's return address and the red zone it
 * stepped over stay on the program's stack, as with a signal.
 *
 * Asking the kernel on every call would cost a syscall, so each thread
 * keeps a copy of its alternate stack in its thread block
 * (systrap/core/thread_block.h), at ARCH_FAST_STACK_OFFSET from the
 * thread pointer (thread_pointer.h), where the entry reads it; the core
 * updates it where it changes (signal_calls.c). hi == 0: none, or not to be
 * used (stay on the program's stack). */
#ifndef SYSTRAP_ARCH_FAST_STACK_H
#define SYSTRAP_ARCH_FAST_STACK_H

/* An alternate stack smaller than this is not used (hi = 0): the calls
 * of a thread not running on it stay on the program's stack. Our frames
 * and the tracer's hooks take up to ~7 KiB of it at a call (session 43,
 * measured by the bytes a call overwrote), and a signal that comes during
 * a call is delivered below them (the kernel's frame alone is
 * AT_MINSIGSTKSZ, 3.4 KiB with AVX-512), with its handler below that: a
 * program that set up 4 KiB (or MINSIGSTKSZ, or 6 KiB) for a crash report
 * it may never make died at its next call, or spun. Go, whose goroutine
 * stacks have no room for us, gives every thread 32 KiB. */
#define ARCH_FAST_STACK_MIN_BYTES (16 * 1024)

/* Where the entry finds lo and hi: %gs:ARCH_FAST_STACK_LO/HI. */
#define ARCH_FAST_STACK_OFFSET 8
#define ARCH_FAST_STACK_LO (ARCH_FAST_STACK_OFFSET + 0)
#define ARCH_FAST_STACK_HI (ARCH_FAST_STACK_OFFSET + 8)
#define ARCH_FAST_STACK_SHARED (ARCH_FAST_STACK_OFFSET + 16)

/* A thread's own exit (exit, not exit_group) never runs on the program's
 * stack: Go frees a thread's stack once the thread has said it is done with
 * it, just before its exit syscall (runtime.exitThread stores m.freeWait =
 * 0, and another thread's allocm may then give that stack to a new thread),
 * and a bare `syscall` touches no memory. So every thread block is followed
 * by ARCH_EXIT_STACK_BYTES of stack of its own (thread_block.c), free again
 * only once the thread is gone, and the entry moves to its top, found from
 * the block's self pointer (%gs:0), for that one call. */
#define ARCH_EXIT_STACK_BYTES 32768
/* From the block's start to the exit stack's top: the block is one page. */
#define ARCH_EXIT_STACK_TOP (4096 + ARCH_EXIT_STACK_BYTES)

/* Bytes between R (the entry's return address) and the record of the
 * trampoline or program-call stub (jump_patch.h), which the entry passes to
 * the dispatch. */
#define ARCH_RECORD_OFFSET 13

/* The entry keeps the struct systrap_call the dispatch fills in its frame
 * (ARCH_FAST_CALL_BYTES, 64-byte aligned); when the dispatch returns
 * ARCH_FAST_MAKE_CALL, the entry makes the call itself from its number and
 * arguments, stores the result and calls systrap_fast_post: a syscall made
 * inside a function that then returns costs that return ~45 ns on some
 * machines (fast_entry.S). fast_dispatch.c checks the offsets. */
#define ARCH_FAST_CALL_BYTES 128
#define ARCH_FAST_CALL_NR 0
#define ARCH_FAST_CALL_ARGS 8
#define ARCH_FAST_CALL_RESULT 56
#define ARCH_FAST_MAKE_CALL 1
/* The same without post hooks: the dispatch completed the frame but for
 * rax, which the entry stores, and systrap_fast_post is not called. */
#define ARCH_FAST_MAKE_CALL_ONLY 2
/* A struct arch_restart (jump_patch.h) as the restart code of
 * fast_entry.S fills it: its size (a multiple of 16, kept below the call's
 * room on the stack) and where its `restarted` is. */
#define ARCH_RESTART_BYTES 64
#define ARCH_RESTART_RESTARTED 56

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

/* Whether sp is on the stack from lo up to hi, which grows down: the
 * kernel's test (on_sig_stack), the top itself included, the bottom not.
 * The one place it is written in C (fast_entry.S makes it in assembly). */
static inline int arch_sp_on_stack(uintptr_t sp, uintptr_t lo, uintptr_t hi)
{
	return lo < sp && sp <= hi;
}

struct arch_fast_stack {
	uintptr_t lo; /* arch_sp_on_stack(sp, lo, hi): on it */
	uintptr_t hi; /* 0: stay on the program's stack */
	int shared;   /* the block is shared with a task whose alternate
			 stack differs: never switch */
	/* The size of the thread's alternate stack where it is one under
	 * ARCH_FAST_STACK_MIN_BYTES (hi 0, lo its bottom), else 0: the
	 * entry stays where it is, and the dispatch moves its work when a
	 * handler of the program's running there leaves it no room
	 * (fast_dispatch.c). Read by C only. */
	unsigned small;
};

/* The copy for an alternate stack of size bytes at lo (0, 0: none, or one
 * not to be used), by the rule above. */
static inline void arch_fast_stack_set(struct arch_fast_stack *f,
				       uintptr_t lo, size_t size)
{
	f->lo = size ? lo : 0;
	f->hi = size >= ARCH_FAST_STACK_MIN_BYTES ? lo + size : 0;
	f->small = size && size < ARCH_FAST_STACK_MIN_BYTES ? (unsigned)size
							     : 0;
}

#ifndef __cplusplus
_Static_assert(offsetof(struct arch_fast_stack, hi) ==
		       ARCH_FAST_STACK_HI - ARCH_FAST_STACK_LO,
	       "fast_entry.S reads hi at ARCH_FAST_STACK_HI");
_Static_assert(offsetof(struct arch_fast_stack, shared) ==
		       ARCH_FAST_STACK_SHARED - ARCH_FAST_STACK_LO,
	       "fast_entry.S reads shared at ARCH_FAST_STACK_SHARED");
#endif
#endif

#endif
