/* The program's SIGTRAP across an injection (inject.h): the single steps
 * and the image's final int3 are forced SIGTRAPs, and the kernel makes a
 * forced signal that is blocked or ignored deliverable (default action,
 * unblocked), for good. What the program's exec left is read first and put
 * back last. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "systrap/arch/remote_regs.h"
#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"
#include "systrap/inject/proc_pid.h"

#define TRAP_BIT (1ull << (SIGTRAP - 1))

/* The hex mask of a status line ("\nSigIgn:"); 0 when there is none. */
static unsigned long long mask_of(const char *status, const char *line)
{
	const char *p = strstr(status, line);
	return p ? strtoull(p + strlen(line), 0, 16) : 0;
}

void inject_sigtrap_parse(const char *status, struct inject_sigtrap *s)
{
	s->blocked = !!(mask_of(status, "\nSigBlk:") & TRAP_BIT);
	s->ignored_all = mask_of(status, "\nSigIgn:");
	s->ignored = !!(s->ignored_all & TRAP_BIT);
	s->known = strstr(status, "\nSigIgn:") != 0;
}

int inject_sigtrap_read(pid_t pid, struct inject_sigtrap *s)
{
	char buf[4096];
	int e = inject_proc_read(pid, "status", buf, sizeof buf);
	if (e)
		return e;
	inject_sigtrap_parse(buf, s);
	return 0;
}

const char *inject_sigtrap_setting(const struct inject_sigtrap *s, char *buf,
				   size_t size)
{
	if (!s->blocked && !s->ignored && !s->known)
		return 0;
	int n = snprintf(buf, size, "SYSTRAP_PROGRAM_SIGTRAP=%s%s%s",
			 s->blocked ? "blocked" : "",
			 s->blocked && s->ignored ? "," : "",
			 s->ignored ? "ignored" : "");
	if (s->known && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, ",ign=%llx", s->ignored_all);
	return buf;
}

/* rt_sigaction(SIGTRAP, SIG_IGN) in the tracee, its struct written below
 * the red zone of its stack, run without a trap. */
static int ignore_remotely(struct inject_target *t, struct inject_error *err)
{
	struct remote_regs r = {0};
	int e = remote_regs_get(t->pid, &r);
	if (e)
		return inject_fail(err, e, "cannot read the registers of %d: %s",
				   t->pid, strerror(-e));
	uint64_t at = (remote_regs_sp(&r) - 512) & ~(uint64_t)15;
	const uint64_t act[4] = {(uint64_t)(uintptr_t)SIG_IGN, 0, 0, 0};
	e = inject_write_memory(t, at, act, sizeof act, err);
	if (e)
		return e;
	const long args[6] = {SIGTRAP, (long)at, 0, 8};
	long res;
	e = inject_remote_syscall_untrapped(t, SYS_rt_sigaction, args, &res, err);
	if (e)
		return e;
	if (res < 0)
		return inject_fail(err, (int)res, "remote rt_sigaction of "
				   "SIGTRAP in %d failed: %s", t->pid,
				   strerror((int)-res));
	return 0;
}

int inject_sigtrap_restore(struct inject_target *t,
			   const struct inject_sigtrap *s,
			   struct inject_error *err)
{
	if (!s->blocked && !s->ignored)
		return 0;
	char buf[4096];
	int e = inject_proc_read(t->pid, "status", buf, sizeof buf);
	if (e)
		return inject_fail(err, e, "cannot read /proc/%d/status: %s",
				   t->pid, strerror(-e));
	/* A handler: the image's (an exec leaves none of the program's). */
	if (mask_of(buf, "\nSigCgt:") & TRAP_BIT)
		return 0;
	if (s->blocked && !(mask_of(buf, "\nSigBlk:") & TRAP_BIT)) {
		uint64_t mask;
		if (ptrace(PTRACE_GETSIGMASK, t->pid, sizeof mask, &mask) ||
		    (mask |= TRAP_BIT,
		     ptrace(PTRACE_SETSIGMASK, t->pid, sizeof mask, &mask)))
			return inject_fail(err, -errno, "cannot block SIGTRAP "
					   "in %d again: %s", t->pid,
					   strerror(errno));
	}
	if (s->ignored && !(mask_of(buf, "\nSigIgn:") & TRAP_BIT))
		return ignore_remotely(t, err);
	return 0;
}
