/* Running an image's entry on the stopped thread (inject.h). */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>

#include "systrap/arch/remote_regs.h"
#include "systrap/inject/error.h"
#include "systrap/inject/child_wait.h"
#include "systrap/inject/inject.h"
#include "systrap/inject/proc_pid.h"
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

/* Whether t's process still lives: a child of ours by waitid, without
 * reaping it (its end is reaped below, through inject_wait_child, so that
 * the launcher hears of it); another's by its /proc state. */
static int still_there(const struct inject_target *t)
{
	siginfo_t si;
	memset(&si, 0, sizeof si);
	if (waitid(P_PID, (id_t)t->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0)
		return si.si_pid != t->pid;
	char buf[512];
	if (inject_proc_read(t->pid, "stat", buf, sizeof buf))
		return 0;
	const char *state = strrchr(buf, ')');
	return state && state[1] == ' ' && state[2] != 'Z' && state[2] != 'X';
}

/* t's process died before it said how its start went (a crash of the
 * image's code, a kill): said, reaped where it is our child. */
static int gone(struct inject_target *t, struct inject_error *err)
{
	int st = 0;
	pid_t w = inject_wait_child(t->pid, &st, WNOHANG);
	t->gone = 1;
	char name[32];
	if (w == t->pid && WIFSIGNALED(st))
		return inject_fail(err, -EFAULT, "process %d was killed by %s "
				   "while systrap was starting in it", t->pid,
				   inject_signal_name(WTERMSIG(st), name,
						      sizeof name));
	if (w == t->pid && WIFEXITED(st))
		return inject_fail(err, -ESRCH, "process %d exited with status "
				   "%d while systrap was starting in it",
				   t->pid, WEXITSTATUS(st));
	return inject_fail(err, -ESRCH, "process %d died while systrap was "
			   "starting in it", t->pid);
}

/* Waits for the code's word: 1 it went on, 0 it parked, -errno (t->gone)
 * it died first. Each wait step is bounded so that a death (which sends
 * no signal to a launcher that is not the parent) is noticed. */
static int wait_word(struct inject_target *t, struct inject_error *err)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, INJECT_GO_ON_OK_SIGNAL);
	sigaddset(&set, INJECT_GO_ON_FAIL_SIGNAL);
	for (;;) {
		const struct timespec step = {0, 50 * 1000 * 1000};
		siginfo_t si;
		int sig = sigtimedwait(&set, &si, &step);
		/* Another start's word, late (its process had died), or one
		 * not sent by kill (whose sender the kernel names): not ours. */
		if (sig > 0 && (si.si_code != SI_USER || si.si_pid != t->pid))
			continue;
		if (sig == INJECT_GO_ON_OK_SIGNAL)
			return 1;
		if (sig == INJECT_GO_ON_FAIL_SIGNAL)
			return 0;
		if (sig < 0 && errno != EAGAIN && errno != EINTR)
			return inject_fail(err, -errno, "sigtimedwait: %s",
					   strerror(errno));
		if (!still_there(t))
			return gone(t, err);
	}
}

/* Takes a parked thread back: seized, interrupted in its pause(), and
 * stopped there. Signals that reach it first are held back as at any
 * stop of ours. */
static int take_back(struct inject_target *t, struct inject_error *err)
{
	if (ptrace(PTRACE_SEIZE, t->pid, 0, (void *)PTRACE_O_EXITKILL) != 0 ||
	    ptrace(PTRACE_INTERRUPT, t->pid, 0, 0) != 0)
		return inject_fail(err, -errno, "cannot take process %d back "
				   "after its start failed: %s", t->pid,
				   strerror(errno));
	t->detached = 0;
	for (;;) {
		int st;
		pid_t w = inject_wait_child(t->pid, &st, 0);
		if (w < 0)
			return inject_fail(err, -errno, "waitpid %d: %s",
					   t->pid, strerror(errno));
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			t->gone = 1;
			return inject_fail(err, -ESRCH, "process %d died while "
					   "systrap was starting in it", t->pid);
		}
		if (!WIFSTOPPED(st))
			continue;
		inject_note_stop();
		if (st >> 16 == PTRACE_EVENT_STOP)
			return 0;
		siginfo_t si;
		memset(&si, 0, sizeof si);
		if (ptrace(PTRACE_GETSIGINFO, t->pid, 0, &si) == 0)
			inject_defer_signal(t, &si);
		if (ptrace(PTRACE_CONT, t->pid, 0, 0) != 0)
			return inject_fail(err, -errno, "ptrace resume of %d: %s",
					   t->pid, strerror(errno));
	}
}

int inject_run_code_going_on(struct inject_target *t, uint64_t pc,
			     uint64_t arg, long *result, uint64_t *stop_pc,
			     int *went_on, struct inject_error *err)
{
	*went_on = 0;
	/* Before anything can send them: their default action ends us. */
	sigset_t words;
	sigemptyset(&words);
	sigaddset(&words, INJECT_GO_ON_OK_SIGNAL);
	sigaddset(&words, INJECT_GO_ON_FAIL_SIGNAL);
	sigprocmask(SIG_BLOCK, &words, 0);
	struct remote_regs saved = {0}, work = {0};
	int e = remote_regs_get(t->pid, &saved);
	if (e)
		return inject_fail(err, e, "cannot read the registers of %d: "
				   "%s", t->pid, strerror(-e));
	work.gp = saved.gp;
	remote_regs_for_call(&work, pc, arg);
	e = remote_regs_set(t->pid, &work);
	if (e)
		return inject_fail(err, e, "cannot set the registers of %d: "
				   "%s", t->pid, strerror(-e));
	e = inject_detach(t, err);
	if (e)
		return e;
	t->detached = 1;
	t->at_exec_event = 0;
	int word = wait_word(t, err);
	if (word < 0)
		return word;
	if (word == 1) {
		*went_on = 1;
		*result = 0;
		return 0;
	}
	e = take_back(t, err);
	if (e) {
		if (!t->gone)
			inject_kill(t);
		return e;
	}
	e = remote_regs_get(t->pid, &work);
	if (e)
		return inject_fail(err, e, "cannot read the registers of %d: "
				   "%s", t->pid, strerror(-e));
	*result = remote_regs_park_result(&work);
	if (stop_pc)
		*stop_pc = remote_regs_pc(&work);
	/* As at a breakpoint: the program's registers again, but systrap's
	 * thread pointer where the entry set it. */
	remote_regs_keep_thread_pointer(&saved, &work);
	e = remote_regs_set(t->pid, &saved);
	if (e)
		return inject_fail(err, e, "cannot restore the registers of %d: "
				   "%s", t->pid, strerror(-e));
	return 0;
}

int inject_run_entry(struct inject_target *t, uint64_t pc, uint64_t arg,
		     long *result, struct inject_error *err)
{
	return inject_run_code(t, pc, arg, result, 0, err);
}
