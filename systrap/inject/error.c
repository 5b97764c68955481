/* The injector's error reporting (error.h). */
#include "systrap/inject/error.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int inject_fail(struct inject_error *err, int e, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return e;
}

/* The standard signals' names, by number (sigabbrev_np is glibc's
 * alone: the launchers link against musl). */
static const char *const signal_names[] = {
	[SIGHUP] = "HUP",     [SIGINT] = "INT",       [SIGQUIT] = "QUIT",
	[SIGILL] = "ILL",     [SIGTRAP] = "TRAP",     [SIGABRT] = "ABRT",
	[SIGBUS] = "BUS",     [SIGFPE] = "FPE",       [SIGKILL] = "KILL",
	[SIGUSR1] = "USR1",   [SIGSEGV] = "SEGV",     [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE",   [SIGALRM] = "ALRM",     [SIGTERM] = "TERM",
	[SIGSTKFLT] = "STKFLT", [SIGCHLD] = "CHLD",   [SIGCONT] = "CONT",
	[SIGSTOP] = "STOP",   [SIGTSTP] = "TSTP",     [SIGTTIN] = "TTIN",
	[SIGTTOU] = "TTOU",   [SIGURG] = "URG",       [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ",   [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",
	[SIGWINCH] = "WINCH", [SIGIO] = "IO",         [SIGPWR] = "PWR",
	[SIGSYS] = "SYS",
};

const char *inject_signal_name(int sig, char *buf, size_t n)
{
	const char *abbrev = sig > 0 && sig < (int)(sizeof signal_names /
						    sizeof *signal_names)
				     ? signal_names[sig]
				     : 0;
	if (abbrev)
		snprintf(buf, n, "SIG%s", abbrev);
	else
		snprintf(buf, n, "signal %d", sig);
	return buf;
}
