/* Running an image's entry on the stopped thread (inject.h). */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ptrace.h>

#include "systrap/arch/remote_regs.h"
#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"
#include "systrap/inject/stops.h"

int inject_run_code(struct inject_target *t, uint64_t pc, uint64_t arg,
		    long *result, uint64_t *stop_pc, struct inject_error *err)
{
	struct remote_regs saved = {0}, work = {0};
	int e = remote_regs_get(t->pid, &saved);
	if (e)
		return inject_fail(err, e, "cannot read the registers of %d: "
				   "%s", t->pid, strerror(-e));
	/* The image may use vector registers: the program's must come back
	 * as they were (at an exec stop they are the initial state, which
	 * an image may put back itself; a launcher that attached finds live
	 * ones). */
	int vectors = !t->image_resets_vectors;
	e = vectors ? remote_xstate_get(t->pid, &saved) : 0;
	if (e)
		return inject_fail(err, e, "cannot read the extended registers "
				   "of %d: %s", t->pid, strerror(-e));
	work.gp = saved.gp;
	remote_regs_for_call(&work, pc, arg);
	e = remote_regs_set(t->pid, &work);
	if (e) {
		remote_regs_free(&saved);
		return inject_fail(err, e, "cannot set the registers of %d: "
				   "%s", t->pid, strerror(-e));
	}
	siginfo_t si;
	int stop = inject_resume_to_stop(t, PTRACE_CONT, &si, err);
	if (stop < 0) {
		remote_regs_free(&saved);
		return stop;
	}
	e = remote_regs_get(t->pid, &work);
	if (e == 0 && stop == INJECT_STOP_TRAP &&
	    remote_trap_is_breakpoint(si.si_code)) {
		*result = remote_regs_result(&work);
		if (stop_pc)
			*stop_pc = remote_regs_pc(&work);
		/* The one register the code may set for the program's
		 * future: systrap's own thread pointer (image_abi.h). */
		remote_regs_keep_thread_pointer(&saved, &work);
		e = remote_regs_set(t->pid, &saved);
		if (e == 0 && vectors)
			e = remote_xstate_set(t->pid, &saved);
		remote_regs_free(&saved);
		if (e)
			return inject_fail(err, e, "cannot restore the registers "
					   "of %d: %s", t->pid, strerror(-e));
		return 0;
	}
	remote_regs_free(&saved);
	char name[32];
	inject_signal_name(si.si_signo, name, sizeof name);
	if (e)
		inject_fail(err, -EFAULT, "the code at 0x%llx in process %d "
			    "stopped with %s at address 0x%llx",
			    (unsigned long long)pc, t->pid, name,
			    (unsigned long long)(uintptr_t)si.si_addr);
	else
		inject_fail(err, -EFAULT, "the code at 0x%llx in process %d "
			    "died of %s (code %d) at address 0x%llx, pc 0x%llx",
			    (unsigned long long)pc, t->pid, name, si.si_code,
			    (unsigned long long)(uintptr_t)si.si_addr,
			    (unsigned long long)remote_regs_pc(&work));
	/* Half-run image code: the program must not go on. */
	inject_kill(t);
	return -EFAULT;
}

int inject_run_entry(struct inject_target *t, uint64_t pc, uint64_t arg,
		     long *result, struct inject_error *err)
{
	return inject_run_code(t, pc, arg, result, 0, err);
}
