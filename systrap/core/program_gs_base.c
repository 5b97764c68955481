/* The program's own GS base, virtual: arch_prctl(ARCH_SET_GS/ARCH_GET_GS)
 * set and read a copy in the thread's block (systrap/arch/thread_pointer.h
 * says which calls those are). */
#include <errno.h>

#include "systrap/arch/thread_pointer.h"
#include "systrap/core/intercept_parts.h"
#include "systrap/core/safe_memory.h"
#include "systrap/core/thread_block.h"

/* The program's own GS base: kept in its thread's block, as the real one
 * is our thread pointer (thread_pointer.h). */
void perform_thread_pointer_call(struct systrap_call *c)
{
	struct thread_block *b = thread_block_current();
	unsigned long v = (unsigned long)c->args[1];
	if (arch_thread_pointer_call(c->nr, c->args) == ARCH_TP_CALL_SET) {
		if (!arch_thread_pointer_base_ok(v)) {
			c->result = -EPERM;
			return;
		}
		b->program_gs_base = v;
		c->result = 0;
		return;
	}
	c->result = safe_write(v, &b->program_gs_base, sizeof b->program_gs_base)
			    ? -EFAULT : 0;
}
