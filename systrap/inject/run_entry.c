/* Running an image's entry on the stopped thread (inject.h). */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>

#include "systrap/arch/remote_regs.h"
#include "systrap/image/image_abi.h"
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

/* Whether t's process still lives (1), ended by exit (2: only a
 * program that went on calls exit; the image never does), or ended
 * otherwise, or gone unseen (0). A child of ours by waitid, without
 * reaping it (its end is reaped below or by the caller, so that the
 * launcher hears of it); another's by its /proc state, a zombie's wait
 * status being the stat line's last field. */
static int still_there(const struct inject_target *t)
{
	siginfo_t si;
	memset(&si, 0, sizeof si);
	if (waitid(P_PID, (id_t)t->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0)
		return si.si_pid != t->pid ? 1
		       : si.si_code == CLD_EXITED ? 2
						  : 0;
	char buf[1024];
	if (inject_proc_read(t->pid, "stat", buf, sizeof buf))
		return 0;
	const char *state = strrchr(buf, ')');
	if (!state || state[1] != ' ')
		return 0;
	if (state[2] != 'Z')
		return state[2] != 'X';
	const char *last = strrchr(buf, ' ');
	int status = last ? atoi(last + 1) : -1;
	return status >= 0 && WIFEXITED(status) ? 2 : 0;
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

/* How the run went, read from the process (where no signal came: a
 * policy refused the code's kill): 1 it went on, 0 it parked (the
 * image's result in *result, with *have_result), -1 not known yet. */
static int outcome_seen(const struct inject_target *t,
			const struct inject_go_on_watch *w, long *result,
			int *have_result)
{
	if (w->outcome_at) {
		int64_t o[3] = {0, 0, 0};
		struct iovec here = {o, sizeof o};
		struct iovec there = {(void *)(uintptr_t)w->outcome_at, sizeof o};
		if (process_vm_readv(t->pid, &here, 1, &there, 1, 0) ==
		    (ssize_t)sizeof o && (uint64_t)o[2] == w->nonce) {
			if (o[0] == SYSTRAP_IMAGE_WENT_ON)
				return 1;
			if (o[0] == SYSTRAP_IMAGE_PARKED) {
				*result = (long)o[1];
				*have_result = 1;
				return 0;
			}
		}
	}
	/* Parked before the image ran: in pause() in the boot's code or the
	 * stub's page ("NR ARGS... SP PC", PC past the syscall). */
	char buf[256];
	long nr = -1;
	unsigned long long a[6], sp, pc;
	if (inject_proc_read(t->pid, "syscall", buf, sizeof buf) ||
	    sscanf(buf, "%ld %llx %llx %llx %llx %llx %llx %llx %llx", &nr,
		   &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &sp, &pc) != 9 ||
	    nr != SYS_pause)
		return -1;
	for (int i = 0; i < 2; i++)
		if (pc > w->park_lo[i] && pc <= w->park_hi[i])
			return 0;
	return -1;
}

/* The two signals a run that goes on tells us by (inject.h). */
static void go_on_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, INJECT_GO_ON_OK_SIGNAL);
	sigaddset(set, INJECT_GO_ON_FAIL_SIGNAL);
}

/* Waits for the code's word: 1 it went on, 0 it parked, -errno (t->gone)
 * it died first. Each wait step is bounded so that a death (which sends
 * no signal to a launcher that is not the parent) is noticed, and so
 * that a run whose kill a policy refused is read from the process. */
static int wait_word(struct inject_target *t,
		     const struct inject_go_on_watch *w, long *result,
		     int *have_result, struct inject_error *err)
{
	sigset_t set;
	go_on_signals(&set);
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
		int seen = outcome_seen(t, w, result, have_result);
		if (seen >= 0)
			return seen;
		/* Ended before a word we could read: by exit, it went on (a
		 * short program, where no signal came); else it died. */
		int there = still_there(t);
		if (there == 2)
			return 1;
		if (!there)
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
			     uint64_t arg, const struct inject_go_on_watch *w,
			     long *result, uint64_t *stop_pc, int *went_on,
			     struct inject_error *err)
{
	*went_on = 0;
	/* Before anything can send them: their default action ends us. */
	sigset_t words;
	go_on_signals(&words);
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
	/* What an earlier run's code sent after we had read how it went
	 * from its process: stale, and its pid may be this one's (a
	 * process that execs again). Nothing of this run's is sent before
	 * the detach. */
	const struct timespec now = {0, 0};
	siginfo_t stale;
	while (sigtimedwait(&words, &stale, &now) > 0)
		;
	/* Signals held back at the exec stop reach the program once the
	 * image is in place, as a stop's detach would send them: not into
	 * the boot's run (a Ctrl-C then was a failed start, not the
	 * program's death). */
	uint64_t held = t->deferred_signals;
	t->deferred_signals = 0;
	e = inject_detach(t, err);
	if (e) {
		t->deferred_signals = held;
		return e;
	}
	t->detached = 1;
	t->at_exec_event = 0;
	long word_result = 0;
	int have_result = 0;
	int word = wait_word(t, w, &word_result, &have_result, err);
	if (word < 0)
		return word;
	if (word == 1) {
		*went_on = 1;
		*result = 0;
		t->deferred_signals = held;
		inject_send_deferred(t);
		return 0;
	}
	t->deferred_signals |= held; /* the later detach sends them */
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
	/* The image's own word where it was read (the thread may not have
	 * reached its park yet), else what the park kept. */
	*result = have_result ? word_result : remote_regs_park_result(&work);
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
