/* systrap-run's command line (run_options.h). */
#include "tools/run/run_options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char run_usage[] =
	"Usage: systrap-run --tool=IMAGE [--setting NAME=VALUE]... [--no-follow-exec] [--] PROG [ARGS]\n"
	"Runs PROG with a systrap tool's self-contained image (NAME.image.so, built by\n"
	"systrap_tool) mapped in before its first instruction, and every program it\n"
	"execs too.\n"
	"\n"
	"  --tool=IMAGE         the tool's image (NAME.image.so)\n"
	"  --setting NAME=VALUE one of the tool's settings (what it reads with getenv);\n"
	"                       systrap-run's own SYSTRAP_* variables are passed too\n"
	"  --no-follow-exec     programs PROG execs run without the tool\n"
	"  -h, --help           this help\n"
	"PROG's environment is left as it is. Exits as PROG did (127: PROG not found,\n"
	"126: not executable, 1: systrap-run's own error). Where ptrace is refused,\n"
	"PROG runs with the tool's preload (NAME.so beside the image) in LD_PRELOAD.\n";

static int add_setting(struct run_options *o, const char *kv, char *err,
		       size_t err_size)
{
	const char *eq = strchr(kv, '=');
	if (!eq || eq == kv) {
		snprintf(err, err_size, "--setting wants NAME=VALUE, not '%s'", kv);
		return -1;
	}
	const char **grown = realloc(o->settings,
				     (o->setting_count + 2) * sizeof *grown);
	if (!grown) {
		snprintf(err, err_size, "out of memory");
		return -1;
	}
	o->settings = grown;
	o->settings[o->setting_count++] = kv;
	o->settings[o->setting_count] = 0;
	return 0;
}

int run_options_parse(struct run_options *o, int argc, char **argv,
		      char *err, size_t err_size)
{
	memset(o, 0, sizeof *o);
	o->follow_exec = 1;
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (a[0] != '-' || !a[1])
			break; /* PROG */
		if (!strncmp(a, "--tool=", 7)) {
			o->tool = a + 7;
		} else if (!strcmp(a, "--tool")) {
			if (++i == argc) {
				snprintf(err, err_size, "--tool wants an image: --tool=IMAGE");
				return -1;
			}
			o->tool = argv[i];
		} else if (!strncmp(a, "--setting=", 10)) {
			if (add_setting(o, a + 10, err, err_size))
				return -1;
		} else if (!strcmp(a, "--setting")) {
			if (++i == argc) {
				snprintf(err, err_size, "--setting wants NAME=VALUE");
				return -1;
			}
			if (add_setting(o, argv[i], err, err_size))
				return -1;
		} else if (!strcmp(a, "--no-follow-exec")) {
			o->follow_exec = 0;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			o->help = 1;
			return 0;
		} else {
			snprintf(err, err_size, "unknown option '%s'", a);
			return -1;
		}
	}
	/* Always a NULL-ended array, empty without --setting. */
	if (!o->settings && !(o->settings = calloc(1, sizeof *o->settings))) {
		snprintf(err, err_size, "out of memory");
		return -1;
	}
	if (!o->tool || !o->tool[0]) {
		snprintf(err, err_size, "missing --tool=IMAGE (a tool's NAME.image.so)");
		return -1;
	}
	if (i >= argc) {
		snprintf(err, err_size, "missing PROG: systrap-run --tool=IMAGE [--] PROG [ARGS]");
		return -1;
	}
	o->prog_argv = argv + i;
	return 0;
}
