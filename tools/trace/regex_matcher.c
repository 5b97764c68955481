/* systrap-regex REGEX: which system calls strace's -e trace=/REGEX would
 * select, matched with glibc's regcomp, as strace matches them.
 *
 * Why a program of its own: systrap-trace links musl (build_defs/
 * launcher.bzl), whose regular expressions are POSIX's without glibc's
 * extensions (`\d` a digit where glibc reads the letter d, `\`` refused,
 * back-references accepted where glibc refuses them). This one links
 * glibc; the launcher runs it once for each /REGEX token (only then).
 *
 * Prints the set as TRACE_MAX_NR bits in hex, or "!" and regerror's text.
 * Exit status 0 either way; 2 on a wrong command line. */
#include <stdint.h>
#include <stdio.h>

#include "systrap/handlers/trace_options.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: systrap-regex REGEX\n");
		return 2;
	}
	uint8_t set[TRACE_MAX_NR / 8];
	char why[512];
	if (trace_options_regex_match(argv[1], set, why, sizeof why)) {
		printf("!%s\n", why);
		return 0;
	}
	for (unsigned b = 0; b < sizeof set; b++)
		printf("%02x", set[b]);
	printf("\n");
	return 0;
}
