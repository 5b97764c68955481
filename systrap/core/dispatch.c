#include "systrap/core/dispatch.h"

#include <errno.h>

struct systrap_handler dispatch_handlers[MAX_HANDLERS];
int dispatch_handler_count;
int dispatch_post_hook_count;
int dispatch_all_general_regs_only = 1;

int dispatch_register(const struct systrap_handler *h)
{
	/* Once only: a tool's constructor runs again when a launcher
	 * attaches to a process that ran it before (the image's re-entry). */
	for (int i = 0; i < dispatch_handler_count; i++)
		if (dispatch_handlers[i].pre == h->pre &&
		    dispatch_handlers[i].post == h->post &&
		    dispatch_handlers[i].arg == h->arg)
			return 0;
	if (dispatch_handler_count == MAX_HANDLERS)
		return -ENOSPC;
	dispatch_handlers[dispatch_handler_count] = *h;
	if (!(h->flags & SYSTRAP_HANDLER_GENERAL_REGS_ONLY))
		__atomic_store_n(&dispatch_all_general_regs_only, 0,
				 __ATOMIC_RELAXED);
	if (h->post)
		__atomic_store_n(&dispatch_post_hook_count,
				 dispatch_post_hook_count + 1, __ATOMIC_RELEASE);
	__atomic_store_n(&dispatch_handler_count, dispatch_handler_count + 1,
			 __ATOMIC_RELEASE);
	return 0;
}
