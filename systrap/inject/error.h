/* The injector's error reporting: a -errno and a one-line message. */
#ifndef SYSTRAP_INJECT_ERROR_H
#define SYSTRAP_INJECT_ERROR_H

#include "systrap/inject/inject.h"

/* Formats the message into err (when err is not NULL) and returns e, a
 * negative errno, so that callers can write `return inject_fail(...)`. */
int inject_fail(struct inject_error *err, int e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The signal's name ("SIGSEGV"), or "signal N" in buf. */
const char *inject_signal_name(int sig, char *buf, size_t n);

#endif
