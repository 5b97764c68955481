#include "systrap/core/dispatch.h"

#include <errno.h>

static struct systrap_handler handlers[MAX_HANDLERS];
static int handler_count;
static int all_general_regs_only = 1;

int dispatch_register(const struct systrap_handler *h)
{
	if (handler_count == MAX_HANDLERS)
		return -ENOSPC;
	handlers[handler_count] = *h;
	if (!(h->flags & SYSTRAP_HANDLER_GENERAL_REGS_ONLY))
		all_general_regs_only = 0;
	__atomic_store_n(&handler_count, handler_count + 1, __ATOMIC_RELEASE);
	return 0;
}

void dispatch_pre(struct systrap_call *call)
{
	int n = __atomic_load_n(&handler_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n && !call->skip; i++)
		if (handlers[i].pre)
			handlers[i].pre(call, handlers[i].arg);
}

void dispatch_post(struct systrap_call *call)
{
	int n = __atomic_load_n(&handler_count, __ATOMIC_ACQUIRE);
	for (int i = n - 1; i >= 0; i--)
		if (handlers[i].post)
			handlers[i].post(call, handlers[i].arg);
}

int dispatch_general_regs_only(void)
{
	return __atomic_load_n(&all_general_regs_only, __ATOMIC_RELAXED);
}
