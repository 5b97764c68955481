/* Handler dispatch: the registered handlers, run in order around each call. */
#ifndef SYSTRAP_CORE_DISPATCH_H
#define SYSTRAP_CORE_DISPATCH_H

#include "systrap/systrap.h"

#define MAX_HANDLERS 16

int dispatch_register(const struct systrap_handler *h);

/* The table, for the inline hooks below (the fast path runs them on every
 * call; a call into another library and back cost ~1 ns each). */
extern struct systrap_handler dispatch_handlers[MAX_HANDLERS];
extern int dispatch_handler_count;
/* How many of them have a post hook: with none, the fast path makes a
 * plain call and goes straight back to the program. */
extern int dispatch_post_hook_count;

/* Pre hooks in registration order; stops early once a hook skips the call
 * (later hooks would act on a call that will not happen). */
static inline void dispatch_pre(struct systrap_call *call)
{
	int n = __atomic_load_n(&dispatch_handler_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n && !call->skip; i++)
		if (dispatch_handlers[i].pre)
			dispatch_handlers[i].pre(call, dispatch_handlers[i].arg);
}

/* Post hooks in reverse registration order. */
static inline void dispatch_post(struct systrap_call *call)
{
	int n = __atomic_load_n(&dispatch_handler_count, __ATOMIC_ACQUIRE);
	for (int i = n - 1; i >= 0; i--)
		if (dispatch_handlers[i].post)
			dispatch_handlers[i].post(call, dispatch_handlers[i].arg);
}

/* Whether every registered handler promised to touch no vector or x87
 * register (SYSTRAP_HANDLER_GENERAL_REGS_ONLY), so that calls may run on
 * the jump fast path, which does not save them. Inline: the fast path asks
 * on every call, and a call into another library cost ~1 ns each time. */
extern int dispatch_all_general_regs_only;
static inline int dispatch_general_regs_only(void)
{
	return __atomic_load_n(&dispatch_all_general_regs_only,
			       __ATOMIC_RELAXED);
}

#endif
