/* systrap-trace [OPTIONS] [--] PROG [ARGS]: runs PROG with trace_syscalls.so
 * preloaded, options in strace's syntax. It checks what an in-process tracer
 * cannot do (attach with -p, trace a static or setuid program) and says so,
 * then execs PROG itself, so PROG's exit status is ours, as with strace. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "systrap/handlers/trace_options.h"

#ifndef SYSTRAP_VERSION
#define SYSTRAP_VERSION "0.1"
#endif

static const char usage[] =
	"Usage: systrap-trace [-cCfhqrtTVxyzZ] [-e EXPR]... [-o FILE] [-s STRSIZE] [--] PROG [ARGS]\n"
	"An strace-compatible system call tracer that runs inside the traced program.\n"
	"\n"
	"  -f          follow forks, threads and execs (as strace -f)\n"
	"  -ff         with -o FILE: one file per process, FILE.PID\n"
	"  -o FILE     write the trace to FILE instead of stderr\n"
	"  -e trace=SET    trace only these syscalls: names, !negation, %file %process\n"
	"                  %network %signal %ipc %desc %memory %creds %clock, all, none\n"
	"  -e inject=SET:error=ERRNO|retval=N[:when=FIRST[..LAST][+STEP]]\n"
	"                  make the program see a fault: the call is not made\n"
	"  -s N        print at most N characters of strings (default 32)\n"
	"  -x, -xx     print non-ASCII / all strings in hex\n"
	"  -y          print paths of file descriptors\n"
	"  -t, -tt, -ttt   prefix lines with the time of day / microseconds / epoch\n"
	"  -r          prefix lines with the time since the previous line\n"
	"  -T          print the time spent in each call\n"
	"  -c          count calls, errors and time; print a summary at exit\n"
	"  -C          like -c, and print the trace too\n"
	"  -z, -Z      print only successful / only failed calls\n"
	"  -q, -qq     suppress messages (-qq: also exit status lines)\n"
	"  -h, -V      this help; the version\n"
	"Not possible in-process: -p PID (use strace -p); static or setuid programs.\n";

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "systrap-trace: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

/* PROG as execvp would find it. */
static int resolve(const char *prog, char *out, size_t len)
{
	if (strchr(prog, '/')) {
		snprintf(out, len, "%s", prog);
		return access(out, X_OK);
	}
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path; *p;) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		snprintf(out, len, "%.*s/%s", (int)n, p, prog);
		if (!access(out, X_OK))
			return 0;
		p += n + (colon ? 1 : 0);
	}
	return -1;
}

/* The loader ignores LD_PRELOAD for these: tracing them would silently do
 * nothing, so refuse. Scripts (#!) are fine: their interpreter is traced. */
static void check_traceable(const char *path)
{
	struct stat st;
	if (stat(path, &st))
		die("%s: cannot stat", path);
	if ((st.st_mode & (S_ISUID | S_ISGID)) && getuid() != 0)
		die("cannot trace %s: it is setuid/setgid, and the loader ignores LD_PRELOAD for it", path);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return; /* execute-only: let exec say what it says */
	Elf64_Ehdr eh;
	ssize_t n = read(fd, &eh, sizeof eh);
	if (n == (ssize_t)sizeof eh && !memcmp(eh.e_ident, ELFMAG, SELFMAG)) {
		int dynamic = 0;
		for (int i = 0; i < eh.e_phnum; i++) {
			Elf64_Phdr ph;
			if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + i * sizeof ph)) !=
			    (ssize_t)sizeof ph)
				break;
			if (ph.p_type == PT_INTERP)
				dynamic = 1;
		}
		if (!dynamic)
			die("cannot trace %s: it is statically linked, and an in-process tracer needs the dynamic loader (use strace)", path);
	}
	close(fd);
}

/* trace_syscalls.so beside this program (bazel-bin/tools/trace/, or an
 * installed prefix's lib/systrap/). */
static void find_preload(const char *self, const char *name, char *out, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		die("%s", "cannot find myself in /proc/self/exe");
	exe[n] = 0;
	char *slash = strrchr(exe, '/');
	*slash = 0;
	const char *tries[] = {"%s/%s", "%s/../lib/systrap/%s"};
	for (int i = 0; i < 2; i++) {
		if (snprintf(out, len, tries[i], exe, name) >= (int)len)
			continue;
		if (!access(out, R_OK))
			return;
	}
	(void)self;
	die("cannot find %s next to systrap-trace", name);
}

static void append_quoted(char *buf, size_t len, const char *word)
{
	size_t n = strlen(buf);
	snprintf(buf + n, len - n, "%s'", n ? " " : "");
	for (const char *p = word; *p; p++) {
		n = strlen(buf);
		if (*p == '\'')
			snprintf(buf + n, len - n, "'\\''");
		else
			snprintf(buf + n, len - n, "%c", *p);
	}
	n = strlen(buf);
	snprintf(buf + n, len - n, "'");
}

int main(int argc, char **argv)
{
	struct trace_options opts;
	char err[512];
	int footprints = 0;
	/* --footprints[=json] selects trace_sysfoot.so. */
	int nopt = argc - 1;
	char **optv = argv + 1;
	char *filtered[argc + 1];
	int nf = 0;
	for (int i = 0; i < nopt; i++) {
		if (!strcmp(optv[i], "--"))
			break;
		if (!strcmp(optv[i], "--footprints"))
			footprints = 1;
		else if (!strcmp(optv[i], "--footprints=json"))
			footprints = 2;
	}
	int passed_dashes = 0;
	for (int i = 0; i < nopt; i++) {
		if (!strcmp(optv[i], "--"))
			passed_dashes = 1;
		if (passed_dashes || strncmp(optv[i], "--footprints", 12))
			filtered[nf++] = optv[i];
	}
	filtered[nf] = 0;
	int first = trace_options_parse(&opts, nf, filtered, err, sizeof err);
	if (first < 0) {
		fprintf(stderr, "systrap-trace: %s\nTry 'systrap-trace -h' for more information.\n", err);
		return 1;
	}
	if (opts.help) {
		fputs(usage, stdout);
		return 0;
	}
	if (opts.version) {
		printf("systrap-trace -- version %s (in-process, strace 6.1 output)\n", SYSTRAP_VERSION);
		return 0;
	}
	if (first >= nf) {
		fprintf(stderr, "systrap-trace: must have PROG [ARGS]\nTry 'systrap-trace -h' for more information.\n");
		return 1;
	}
	char path[PATH_MAX];
	if (resolve(filtered[first], path, sizeof path))
		die("Can't stat '%s': No such file or directory", filtered[first]);
	check_traceable(path);

	char preload[PATH_MAX + 64];
	find_preload(argv[0], footprints ? "trace_sysfoot.so" : "trace_syscalls.so",
		     preload, sizeof preload);
	const char *old = getenv("LD_PRELOAD");
	char ld[3 * PATH_MAX];
	snprintf(ld, sizeof ld, "%s%s%s", preload, old && *old ? ":" : "", old ? old : "");
	char spec[16384] = "";
	for (int i = 0; i < first; i++)
		if (strcmp(filtered[i], "--"))
			append_quoted(spec, sizeof spec, filtered[i]);
	if (footprints)
		setenv("SYSTRAP_FOOTPRINTS", footprints == 2 ? "json" : "text", 1);
	setenv("LD_PRELOAD", ld, 1);
	setenv("SYSTRAP_TRACE", spec, 1);
	char root[32];
	snprintf(root, sizeof root, "%d", getpid());
	setenv("SYSTRAP_TRACE_ROOT", root, 1);
	unsetenv("SYSTRAP_TRACE_STARTED");
	unsetenv("SYSTRAP_TRACE_SEEN");
	execv(path, filtered + first);
	die("exec %s failed", path);
	return 1;
}
