#include "systrap/core/fast_dispatch.h"

#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/dispatch.h"
#include "systrap/core/instrumenter.h"
#include "systrap/core/intercept.h"
#include "systrap/core/sealed.h"
#include "systrap/core/syscall_behaviour.h"

/* Set at init when some handler may touch vector registers and the entry
 * saves them (arch_fast_save_vector_state). */
static int fast_path_saves_vector_state;

void fast_dispatch_init(void)
{
	if (!dispatch_general_regs_only())
		fast_path_saves_vector_state = arch_fast_save_vector_state() != 0;
}

/* The slow exit's calls (syscall_behaviour.h), and every call while a
 * handler that may touch vector registers is registered and the entry
 * cannot save them. */
static int needs_signal_path(const struct systrap_call *c)
{
	unsigned b = syscall_behaviour(c->nr);
	if (b & SB_SLOW_EXIT)
		return 1;
	if (b & SB_SLOW_EXIT_PROT_EXEC)
		return (c->args[2] & PROT_EXEC) != 0;
	return !fast_path_saves_vector_state && !dispatch_general_regs_only();
}

void systrap_fast_dispatch(struct arch_fast_frame *f)
{
	const struct jump_record *rec = arch_fast_frame_record(f);
	struct systrap_call call;
	arch_fast_frame_syscall(f, &call.nr, call.args);
	/* The program's own dispatch setting is checked on the signal path. */
	if (needs_signal_path(&call) || sealed_program_armed()) {
		arch_fast_frame_set_return(f, rec->slow_exit);
		return;
	}
	call.result = -ENOSYS;
	call.skip = 0;
	call.in_child = 0;
	call.site = rec->site;
	call.object = rec->object;
	call.object_offset = rec->site - rec->object_base;
	call.stack_pointer = arch_fast_frame_stack_pointer(f);
	call.context = 0;
	dispatch_pre(&call);
	/* A pre hook that turned the call into one of the signal path's own
	 * cannot be honoured here any more (its hooks have run): refuse it. */
	if (!call.skip) {
		/* Most calls: straight to the kernel, without a call into
		 * intercept.c and its switches (~3 ns of the ~16 the fast
		 * path adds). None of them needs the signal path. */
		if (intercept_passes_through(call.nr))
			call.result = raw_syscall6(call.nr, call.args[0],
						   call.args[1], call.args[2],
						   call.args[3], call.args[4],
						   call.args[5]);
		else if (needs_signal_path(&call) ||
			 perform_syscall(&call, 0) != PERFORMED)
			call.result = -ENOSYS;
	}
	dispatch_post(&call);
	arch_fast_frame_complete(f, call.result,
				 rec->site + ARCH_SYSCALL_INSN_LEN);
}
