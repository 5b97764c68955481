/* A signal handler's work where there is room for it (own_stack.c), for
 * the core's own handlers, which the kernel enters through
 * ARCH_ROOMY_SIGNAL_HANDLER (systrap/arch/roomy_handler.h). */
#ifndef SYSTRAP_CORE_OWN_STACK_H
#define SYSTRAP_CORE_OWN_STACK_H

#include "systrap/systrap.h"

/* Below this much room left on the alternate stack, a handler's work moves
 * to the thread's own stack: a trap's hooks with the tracer took up to ~7
 * KiB here, a signal's report with -k about as much. */
#define OWN_STACK_ROOM (12 * 1024)

/* The mover the entries call on the thread's own stack: fn(sig, info,
 * context) with the alternate stack disabled meanwhile. */
void own_stack_mover(int sig, void *info, void *context, systrap_handler_fn fn);

/* Before a handler that moved enters the program's handler in the kernel's
 * frame (arch_enter_handler_in_frame), never to come back: the alternate
 * stack set again as the frame has it. Nothing where it did not move. */
void own_stack_leave(void *context);

#endif
