/* The trap signal's handler (not the jump trampolines: those are
 * jump_patch.h's and jump_pool.h's). It turns a trap into a systrap_call,
 * runs the handlers and the call, and resumes the program after the
 * site. */
#ifndef SYSTRAP_CORE_TRAP_HANDLER_H
#define SYSTRAP_CORE_TRAP_HANDLER_H

#include <signal.h>
#include <stdint.h>

void trap_handler(int sig, siginfo_t *info, void *context);

/* The gadget that makes call nr for the site at site in the program's own
 * context (a `syscall` and a trap after it, in systrap's own text, which
 * Syscall User Dispatch lets through), its trap registered to resume after
 * site; child: a fork-like call's plan for its child's thread block
 * (thread_block.h); object: the site's object (the site registry's
 * index); fast: one the fast path returns to, as to a program-call stub
 * (systrap/arch/gadgets.h's arch_fast_gadget), else one the signal path
 * resumes the program at. Made on first use, under the instrumenter's
 * lock; 0 when none is left. Async-signal-safe. */
uintptr_t trap_handler_gadget(uintptr_t site, long nr, int child,
			      uint32_t object, int fast);

#endif
