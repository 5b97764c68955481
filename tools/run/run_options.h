/* systrap-run's command line: --tool=IMAGE, --setting NAME=VALUE...,
 * --no-follow-exec, then PROG and its arguments. */
#ifndef SYSTRAP_TOOLS_RUN_RUN_OPTIONS_H
#define SYSTRAP_TOOLS_RUN_RUN_OPTIONS_H

#include <stddef.h>

struct run_options {
	const char *tool;        /* --tool=IMAGE (or --tool IMAGE) */
	const char **settings;   /* --setting NAME=VALUE, NULL-ended */
	size_t setting_count;
	int follow_exec;         /* 1 unless --no-follow-exec */
	int help;                /* -h, --help */
	char **prog_argv;        /* PROG [ARGS], NULL-ended */
};

/* Parses argv (argv[0] is systrap-run's own name). Options stop at "--"
 * or at the first word that is not an option. Returns 0, or -1 with one
 * line (no newline, no "systrap-run: " prefix) in err. */
int run_options_parse(struct run_options *o, int argc, char **argv,
		      char *err, size_t err_size);

extern const char run_usage[];

#endif
