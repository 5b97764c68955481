/* A signal handler's work where there is room for it (own_stack.c), for
 * the core's own handlers, which the kernel enters through
 * ARCH_ROOMY_SIGNAL_HANDLER (systrap/arch/roomy_handler.h). */
#ifndef SYSTRAP_CORE_OWN_STACK_H
#define SYSTRAP_CORE_OWN_STACK_H

#include "systrap/systrap.h"

/* Below this much room left on the alternate stack, a handler's work moves
 * to the thread's own stack. A trap's work with the tracer fit in 2.7 KiB
 * beyond the kernel's frame here (a 6 KiB stack held it, 5 KiB did not,
 * session 43); an 8 KiB stack (SIGSTKSZ, Rust's) leaves 4.6 KiB beyond the
 * frame and is not moved, as before: a move runs a program handler that
 * comes meanwhile on our stack with the alternate stack disabled, which
 * only a stack too small for us should pay. */
#define OWN_STACK_ROOM (4 * 1024)

#include <signal.h>
#include <stdint.h>

/* Whether work at sp, on a stack whose bottom is lo, is short of room by
 * that rule (sp on the stack: arch_sp_on_stack). */
static inline int own_stack_short_at(uintptr_t sp, uintptr_t lo)
{
	return sp - lo < OWN_STACK_ROOM;
}

/* Every signal but the faults and traps, bit sig - 1: what a move holds
 * across its stack switches, and a trap's handler holds around a call
 * that sends its thread a signal (intercept.c). Our reads recover from
 * the faults, and a trap must never find itself blocked. */
static inline uint64_t asynchronous_signal_set(void)
{
	static const int synchronous[] = {SIGSEGV, SIGBUS, SIGILL,
					  SIGTRAP, SIGFPE, SIGSYS};
	uint64_t set = ~0ull;
	for (unsigned i = 0; i < sizeof synchronous / sizeof *synchronous; i++)
		set &= ~(1ull << (synchronous[i] - 1));
	return set;
}

/* The mover the entries call on the thread's own stack: fn(sig, info,
 * context) with the alternate stack disabled meanwhile. */
void own_stack_mover(int sig, void *info, void *context, systrap_handler_fn fn);

/* fn(arg) on the top of the thread's own stack, with the alternate stack
 * disabled meanwhile, as for a handler's work: for the jump fast path's
 * work where a handler of the program's runs on a small alternate stack
 * (fast_dispatch.c). The caller is on neither that stack nor a shared
 * block (fast_stack.h's small says so). */
void own_stack_run(void (*fn)(void *arg), void *arg);

/* Before a handler that moved enters the program's handler in the kernel's
 * frame (arch_enter_handler_in_frame), never to come back: the alternate
 * stack set again as the frame has it. Nothing where it did not move. */
void own_stack_leave(void *context);

#endif
