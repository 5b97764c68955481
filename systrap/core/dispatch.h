/* Handler dispatch: the registered handlers, run in order around each call. */
#ifndef SYSTRAP_CORE_DISPATCH_H
#define SYSTRAP_CORE_DISPATCH_H

#include "systrap/systrap.h"

#define MAX_HANDLERS 16

int dispatch_register(const struct systrap_handler *h);
/* Pre hooks in registration order; stops early once a hook skips the call
 * (later hooks would act on a call that will not happen). */
void dispatch_pre(struct systrap_call *call);
/* Post hooks in reverse registration order. */
void dispatch_post(struct systrap_call *call);

/* Whether every registered handler promised to touch no vector or x87
 * register (SYSTRAP_HANDLER_GENERAL_REGS_ONLY), so that calls may run on
 * the jump fast path, which does not save them. */
int dispatch_general_regs_only(void);

#endif
