/* One syscall run in a stopped tracee (inject.h). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>

#include "systrap/arch/remote_regs.h"
#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"
#include "systrap/inject/stops.h"

/* One resume to the stop after the call: a single step, or (stops) the
 * call's entry and exit stops. */
static int run_call(struct inject_target *t, int stops, siginfo_t *si,
		    struct inject_error *err)
{
	if (!stops)
		return inject_resume_to_stop(t, PTRACE_SINGLESTEP, si, err);
	int stop = inject_resume_to_stop(t, PTRACE_SYSCALL, si, err);
	if (stop != INJECT_STOP_TRAP)
		return stop;
	return inject_resume_to_stop(t, PTRACE_SYSCALL, si, err);
}

static int remote_syscall(struct inject_target *t, long nr,
			  const long args[6], long *result, int stops,
			  struct inject_error *err)
{
	/* At an exec event the kernel would overwrite rax with execve's 0
	 * on the way out: the call is made from the exec's syscall exit. */
	int e = inject_leave_exec_event(t, err);
	if (!e)
		e = inject_find_syscall(t, err);
	if (e)
		return e;
	struct remote_regs saved = {0}, work;
	e = remote_regs_get(t->pid, &saved);
	if (e)
		return inject_fail(err, e, "cannot read the registers of %d: "
				   "%s", t->pid, strerror(-e));
	work = saved;
	remote_regs_for_syscall(&work, t->syscall_insn, nr, args);
	e = remote_regs_set(t->pid, &work);
	if (e)
		return inject_fail(err, e, "cannot set the registers of %d: "
				   "%s", t->pid, strerror(-e));
	siginfo_t si;
	int stop = run_call(t, stops, &si, err);
	if (stop < 0)
		return stop;
	e = remote_regs_get(t->pid, &work);
	if (e)
		e = inject_fail(err, e, "cannot read the registers of %d after "
				"a remote syscall: %s", t->pid, strerror(-e));
	else if (stop == INJECT_STOP_TRAP &&
	    remote_regs_pc(&work) ==
		    t->syscall_insn + REMOTE_SYSCALL_INSN_SIZE)
		*result = remote_regs_result(&work);
	else {
		char name[32];
		e = inject_fail(err, -EIO, "remote syscall %ld in process %d "
				"stopped by %s (code %d) at pc 0x%llx instead "
				"of after the syscall at 0x%llx", nr, t->pid,
				inject_signal_name(si.si_signo, name,
						   sizeof name),
				si.si_code,
				(unsigned long long)remote_regs_pc(&work),
				(unsigned long long)t->syscall_insn);
	}
	int r = remote_regs_set(t->pid, &saved);
	if (e)
		return e;
	if (r)
		return inject_fail(err, r, "cannot restore the registers of "
				   "%d: %s", t->pid, strerror(-r));
	return 0;
}

int inject_remote_syscall(struct inject_target *t, long nr,
			  const long args[6], long *result,
			  struct inject_error *err)
{
	return remote_syscall(t, nr, args, result, 0, err);
}

int inject_remote_syscall_untrapped(struct inject_target *t, long nr,
				    const long args[6], long *result,
				    struct inject_error *err)
{
	return remote_syscall(t, nr, args, result, 1, err);
}
