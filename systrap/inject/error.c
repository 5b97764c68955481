/* The injector's error reporting (error.h). */
#include "systrap/inject/error.h"

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

const char *inject_signal_name(int sig, char *buf, size_t n)
{
	const char *abbrev = sigabbrev_np(sig);
	if (abbrev)
		snprintf(buf, n, "SIG%s", abbrev);
	else
		snprintf(buf, n, "signal %d", sig);
	return buf;
}
