/* The launchers' strerror and regerror: glibc's C-locale texts, which
 * strace prints ("exec: Cannot allocate memory", "regcomp: (: Unmatched
 * ( or \("), while the launchers' libc is musl (build_defs/launcher.bzl),
 * whose texts differ for a third of the errno values ("Out of memory")
 * and for every regcomp error. The link wraps both (--wrap), so every
 * call from the launchers' code, and from musl's own functions, lands
 * here. The errno texts are the tracer's table (errno_names.c: the
 * messages strace prints after a failed call's name). */
#include <regex.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "systrap/handlers/errno_names.h"

char *__wrap_strerror(int err);
size_t __wrap_regerror(int code, const regex_t *preg, char *buf, size_t size);

char *__wrap_strerror(int err)
{
	/* Not thread-safe, as strerror need not be: the launchers have one
	 * thread. */
	static char unknown[32];
	if (err == 0)
		return (char *)"Success";
	const char *text = errno_message(err);
	if (text)
		return (char *)text;
	snprintf(unknown, sizeof unknown, "Unknown error %d", err);
	return unknown;
}

/* glibc's regcomp messages, by code: the codes are the same numbers in
 * musl (POSIX names them; both number them in this order). */
static const char *const regex_texts[] = {
	[REG_NOMATCH] = "No match",
	[REG_BADPAT] = "Invalid regular expression",
	[REG_ECOLLATE] = "Invalid collation character",
	[REG_ECTYPE] = "Invalid character class name",
	[REG_EESCAPE] = "Trailing backslash",
	[REG_ESUBREG] = "Invalid back reference",
	[REG_EBRACK] = "Unmatched [, [^, [:, [., or [=",
	[REG_EPAREN] = "Unmatched ( or \\(",
	[REG_EBRACE] = "Unmatched \\{",
	[REG_BADBR] = "Invalid content of \\{\\}",
	[REG_ERANGE] = "Invalid range end",
	[REG_ESPACE] = "Memory exhausted",
	[REG_BADRPT] = "Invalid preceding regular expression",
	[REG_EEND] = "Premature end of regular expression",
	[REG_ESIZE] = "Regular expression too big",
	[REG_ERPAREN] = "Unmatched ) or \\)",
};

size_t __wrap_regerror(int code, const regex_t *preg, char *buf, size_t size)
{
	const char *text = "Success";
	if (code > 0 && code < (int)(sizeof regex_texts / sizeof *regex_texts))
		text = regex_texts[code];
	else if (code != 0)
		text = "Unknown error";
	size_t len = strlen(text) + 1;
	if (size) {
		size_t n = len < size ? len : size;
		memcpy(buf, text, n - 1);
		buf[n - 1] = 0;
	}
	return len;
}
