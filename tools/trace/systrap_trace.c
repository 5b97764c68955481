/* systrap-trace [OPTIONS] [--] PROG [ARGS], or -p PID: runs PROG (or enters
 * the running process PID) under the in-process tracer, options in
 * strace's syntax. By default PROG starts with the
 * tracer's self-contained image (trace_syscalls.image.so) mapped in before
 * its first instruction (systrap/inject/image_launcher.h): the dynamic
 * loader's calls are traced, static programs too, and nothing is added to
 * PROG's environment; every execve the trace follows gets the image the
 * same way. With --preload, or where ptrace is refused, PROG runs with
 * trace_syscalls.so preloaded instead (LD_PRELOAD), which sees PROG from
 * its constructors on and cannot trace static programs.
 *
 * Then, as strace does, it stays PROG's parent: it decides where the trace
 * goes once (-o FILE opened and truncated here, -o '|CMD' a pipe to a shell,
 * or our own stderr), makes the ring (trace_ring.h) every traced process
 * appends its lines to, copies the lines out (to FILE.TID with -ff), prints
 * how PROG ended when PROG could not ("+++ killed by SIGKILL +++"), waits
 * for every traced process (with -f: descendants that outlive PROG too,
 * named in the ring), and exits as PROG did: its exit code, or death by
 * its signal. */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "systrap/arch/exec_site.h"
#include "systrap/core/site_cache.h"
#include "systrap/core/sud_abi.h"
#include "systrap/handlers/format.h"
#include "systrap/handlers/path_filter.h"
#include "systrap/handlers/pidns.h"
#include "systrap/image/launch_channel.h"
#include "systrap/inject/image_launcher.h"
#include "systrap/handlers/trace_options.h"
#include "tools/launcher/launcher_signals.h"
#include "tools/run/exit_as.h"
#include "tools/trace/trace_json.h"
#include "tools/trace/trace_lead.h"
#include "tools/trace/trace_ring.h"
#include "tools/trace/stack_names.h"
#include "systrap/arch/cycles.h"
#include "tools/trace/trace_count_sets.h"
#include "tools/trace/trace_summary_table.h"
#include "systrap/inject/proc_pid.h"

#ifndef SYSTRAP_VERSION
#define SYSTRAP_VERSION "0.1"
#endif

static const char usage[] =
	"Usage: systrap-trace [-cCfhqrtTvVxyzZ] [-a COLUMN] [-e EXPR]... [-o FILE] [-s STRSIZE]\n"
	"                     [-X raw|abbrev|verbose] [--] PROG [ARGS]\n"
	"   or: systrap-trace [OPTIONS] -p PID[,PID...]\n"
	"An strace-compatible system call tracer that runs inside the traced program.\n"
	"\n"
	"  -p PID      attach to a running process (repeatable, or a list); detach\n"
	"              with Ctrl-C (SIGINT, SIGTERM, SIGHUP): it runs on as it was\n"
	"  -f          follow forks, threads and execs (as strace -f)\n"
	"  -ff         with -o FILE: one file per process, FILE.PID\n"
	"  -o FILE     write the trace to FILE instead of stderr\n"
	"  -E VAR=VAL, -E VAR  put VAR=VAL in / remove VAR from PROG's environment\n"
	"  -I 1|2|3|4  fatal signals sent to us: 1 end us (PROG runs on untraced),\n"
	"              2 go on to PROG, 3 are ignored (default with -o FILE), 4 and\n"
	"              SIGTSTP too (names: anywhere, waiting, never, never_tstp)\n"
	"  -e trace=SET    trace only these syscalls: names, !negation, %file %process\n"
	"                  %network %signal %ipc %desc %memory %creds %clock, all, none,\n"
	"                  /REGEX (the names it matches), ?TOKEN (none matched is fine)\n"
	"  -e inject=SET:error=ERRNO|retval=N[:when=FIRST[..LAST][+STEP]]\n"
	"                  make the program see a fault: the call is not made\n"
	"  -e signal=SET   print only these signals' --- SIGxxx lines: names, numbers,\n"
	"                  !negation, all, none\n"
	"  -v          print structures unabbreviated (-e abbrev=none)\n"
	"  -e abbrev=SET   abbreviate only these calls' structures (default all)\n"
	"  -e verbose=SET  decode only these calls' structures, others' addresses\n"
	"  -e read=SET     dump in hex and ASCII the data read from these fds\n"
	"  -e write=SET    dump in hex and ASCII the data written to these fds\n"
	"  -X raw|abbrev|verbose  print constants as numbers / names (the\n"
	"              default) / numbers with their names in a comment\n"
	"  -a COLUMN   align the results at COLUMN (default 40)\n"
	"  -s N        print at most N characters of strings (default 32)\n"
	"  -x, -xx     print non-ASCII / all strings in hex\n"
	"  -y          print paths of file descriptors; -yy also device numbers,\n"
	"              pidfds' pids (not sockets' endpoints: their path)\n"
	"  --decode-fds=SET, -e decode-fds=SET  path,socket,dev,pidfd,all,none\n"
	"  -t, -tt, -ttt   prefix lines with the time of day / microseconds / epoch\n"
	"  -r          prefix lines with the time since the previous line\n"
	"  -T          print the time spent in each call\n"
	"  -c          count calls, errors and time; print a summary at exit\n"
	"  -C          like -c, and print the trace too\n"
	"  -z, -Z      print only successful / only failed calls\n"
	"  -e status=SET   print only calls that ended so: successful, failed,\n"
	"                  unfinished, unavailable, detached, !negation, all, none\n"
	"  -q, -qq, -qqq   suppress messages (-qq: also exit status lines)\n"
	"  -e quiet=SET    suppress these: attach, exit, path-resolution,\n"
	"                  personality, thread-execve, !negation, all, none\n"
	"  -n          print the syscall number before each line\n"
	"  -i          print the instruction pointer at the time of the call\n"
	"  -k          print the stack after each line (frames by .eh_frame,\n"
	"              names by symbol tables; C++ names not demangled)\n"
	"  -A          with -o FILE: append to it instead of truncating it\n"
	"  -h, -V      this help; the version\n"
	"  strace's long options of these: --columns --summary-only --summary\n"
	"  --follow-forks --output-separately --output --attach --string-limit\n"
	"  --relative-timestamps[=s|ms|us|ns] --syscall-times[=s|ms|us|ns]\n"
	"  --timestamps[=[format:]none|time|unix,[precision:]s|ms|us|ns]\n"
	"  --absolute-timestamps[=...] --strings-in-hex[=none|non-ascii-chars|\n"
	"  non-ascii|all]\n"
	"  --const-print-style --successful-only --failed-only\n"
	"  --trace --signals --abbrev --verbose --no-abbrev --inject --status\n"
	"  --read --write --env --interruptible --seccomp-bpf (changes nothing:\n"
	"  no call stops systrap-trace)\n"
	"  --quiet --syscall-number\n"
	"  --instruction-pointer --stack-traces --output-append-mode --decode-fds (without =ARG\n"
	"  where it is optional), any unique prefix of them\n"
	"  --preload   run PROG with trace_syscalls.so in LD_PRELOAD instead of the\n"
	"              image (misses the dynamic loader's calls; no static or setuid\n"
	"              programs, no -p)\n"
	"  --footprints[=json]  also print each call's user-memory footprint\n"
	"  --json      the trace as JSON Lines: one object per call, signal and end\n"
	"  --timeline=FILE  also write a Chrome trace-event file (Perfetto,\n"
	"              chrome://tracing): a track per thread, each call a slice\n"
	"  --sealed    Syscall User Dispatch on every thread: a syscall made from\n"
	"              code systrap did not rewrite (JIT, hidden, aliased) still\n"
	"              reaches the trace (SYSTRAP_SEALED=1 does the same)\n";

static void die(const char *fmt, const char *arg);

/* Our name as invoked (argv[0]): strace prefixes its messages with its own
 * so (its progname), and strace's tests expect $STRACE_EXE there. */
static const char *progname = "systrap-trace";

/* One message of ours on stderr: "NAME: " and the text. */
__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* --sealed: refused in one line where this kernel cannot arm Syscall User
 * Dispatch; otherwise every traced image gets SYSTRAP_SEALED=1, in its
 * settings (prepare_image), not in the program's environment, which it
 * would have read (the preload, which has no other way, gets it there:
 * prepare_preload). Probed on ourselves with a range that lets every call
 * through, then disarmed. */
static int sealed_asked;

static void require_sealed(void)
{
	long r = syscall(SYS_prctl, SEALED_PR_SET_SYSCALL_USER_DISPATCH,
			 SEALED_PR_SYS_DISPATCH_EXCLUSIVE_ON, 0L, ~0UL, 0L);
	if (r) {
		int e = errno;
		say("--sealed refused: %s\n",
			e == EINVAL ? "this kernel has no Syscall User Dispatch (Linux 5.11 or later): prctl(PR_SET_SYSCALL_USER_DISPATCH) says EINVAL"
				    : strerror(e));
		exit(1);
	}
	syscall(SYS_prctl, SEALED_PR_SET_SYSCALL_USER_DISPATCH,
		SEALED_PR_SYS_DISPATCH_OFF, 0L, 0L, 0L);
	sealed_asked = 1;
}

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", progname);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

/* array, with room for one more element of size bytes than the used it
 * holds: grown to twice its *cap (first: its first capacity), perhaps
 * moved. Out of memory ends us. */
static void *room_for_one(void *array, int used, int *cap, int first,
			  size_t size)
{
	if (used < *cap)
		return array;
	*cap = *cap ? 2 * *cap : first;
	array = realloc(array, (size_t)*cap * size);
	if (!array)
		die("%s", "out of memory");
	return array;
}

/* PROG found as strace finds it (startup_child): a name with a '/' as it
 * is; else the first PATH entry holding a regular file with an execute
 * bit, an empty entry meaning the current directory. Without PATH, where
 * strace searches nothing ("Can't stat"), execvp's default list, as
 * before (`env -i systrap-trace sh -c ...` runs as `env -i` runs it). 0,
 * or -1 with errno (strace's "Can't stat"). A file found that cannot be
 * run fails at its exec, as under strace. */
static int resolve(const char *prog, char *out, size_t len)
{
	struct stat st;
	if (strchr(prog, '/')) {
		snprintf(out, len, "%s", prog);
		return stat(out, &st);
	}
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path; *p;) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		char dir[PATH_MAX];
		if (!n) {
			if (!getcwd(dir, sizeof dir)) {
				p += 1;
				continue;
			}
		} else {
			snprintf(dir, sizeof dir, "%.*s", (int)n, p);
		}
		size_t d = strlen(dir);
		int k = snprintf(out, len, "%s%s%s", dir,
				 d && dir[d - 1] == '/' ? "" : "/", prog);
		p += n + (colon ? 1 : 0);
		if (k < 0 || (size_t)k >= len)
			continue; /* too long: strace skips it too */
		if (!stat(out, &st) && S_ISREG(st.st_mode) && (st.st_mode & 0111))
			return 0;
	}
	errno = ENOENT;
	return -1;
}

/* Whether path is an ELF program without an interpreter (static). */
static int is_static_elf(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0; /* execute-only: let exec say what it says */
	int statik = 0;
	Elf64_Ehdr eh;
	ssize_t n = read(fd, &eh, sizeof eh);
	if (n == (ssize_t)sizeof eh && !memcmp(eh.e_ident, ELFMAG, SELFMAG)) {
		statik = 1;
		for (int i = 0; i < eh.e_phnum; i++) {
			Elf64_Phdr ph;
			if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + i * sizeof ph)) !=
			    (ssize_t)sizeof ph)
				break;
			if (ph.p_type == PT_INTERP)
				statik = 0;
		}
	}
	close(fd);
	return statik;
}

/* Whether path has file capabilities (its security.capability): an exec
 * of it is then a secure one for anyone but root, like a setuid one. */
static int has_file_caps(const char *path)
{
	return getxattr(path, "security.capability", 0, 0) > 0;
}

/* What a preload cannot trace: the loader ignores LD_PRELOAD for setuid
 * programs and those with file capabilities, and static ones have no
 * loader. Scripts (#!) are fine: their interpreter is traced. */
static void check_preloadable(const char *path)
{
	struct stat st;
	if (stat(path, &st))
		die("%s: cannot stat", path);
	if ((st.st_mode & (S_ISUID | S_ISGID)) && getuid() != 0)
		die("cannot trace %s with the preload: it is setuid/setgid, and the loader ignores LD_PRELOAD for it", path);
	/* Else it ran untraced, with its capabilities (strace's tracee
	 * runs without them). */
	if (getuid() != 0 && has_file_caps(path))
		die("cannot trace %s with the preload: it has file capabilities, and the loader ignores LD_PRELOAD for it", path);
	if (is_static_elf(path))
		die("cannot trace %s with the preload: it is statically linked, and a preload needs the dynamic loader", path);
}

/* NAME beside this program (bazel-bin/tools/trace/, or an installed
 * prefix's lib/systrap/) into out: 0, or -1 where there is none. */
static int find_beside(const char *name, char *out, size_t len)
{
	/* Our directory, read once (a start asks for two objects). */
	static char exe[PATH_MAX];
	if (!exe[0]) {
		ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (n <= 0)
			die("%s", "cannot find myself in /proc/self/exe");
		exe[n] = 0;
		*strrchr(exe, '/') = 0;
	}
	const char *tries[] = {"%s/%s", "%s/../lib/systrap/%s"};
	for (int i = 0; i < 2; i++) {
		if (snprintf(out, len, tries[i], exe, name) >= (int)len)
			continue;
		if (!access(out, R_OK))
			return 0;
	}
	return -1;
}

/* trace_syscalls.so beside this program (find_beside), or we die. */
static void find_preload(const char *self, const char *name, char *out, size_t len)
{
	(void)self;
	if (find_beside(name, out, len))
		die("cannot find %s next to systrap-trace", name);
}

/* -e trace=/REGEX's calls as strace selects them: with glibc's regcomp,
 * in systrap-regex beside us (tools/trace/regex_matcher.c), since ours is
 * musl's; with ours where that program cannot be run. */
static int regex_by_glibc(const char *re, uint8_t *set, char *why, size_t cap)
{
	char helper[PATH_MAX + 64];
	int fds[2];
	if (find_beside("systrap-regex", helper, sizeof helper) ||
	    pipe2(fds, O_CLOEXEC))
		return trace_options_regex_match(re, set, why, cap);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	char *argv[] = {helper, (char *)re, 0};
	char *noenv[] = {0};
	pid_t pid;
	int e = posix_spawn(&pid, helper, &fa, 0, argv, noenv);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	char out[2 * TRACE_MAX_NR / 8 + 600];
	size_t n = 0;
	ssize_t r;
	while (!e && n < sizeof out - 1 &&
	       ((r = read(fds[0], out + n, sizeof out - 1 - n)) > 0 ||
		(r < 0 && errno == EINTR)))
		n += r > 0 ? (size_t)r : 0;
	close(fds[0]);
	int status = 0;
	while (!e && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	out[n] = 0;
	char *nl = strchr(out, '\n');
	if (e || !WIFEXITED(status) || WEXITSTATUS(status) || !nl)
		return trace_options_regex_match(re, set, why, cap);
	*nl = 0;
	if (out[0] == '!') {
		snprintf(why, cap, "%s", out + 1);
		return -1;
	}
	if (strlen(out) != 2 * TRACE_MAX_NR / 8)
		return trace_options_regex_match(re, set, why, cap);
	for (unsigned b = 0; b < TRACE_MAX_NR / 8; b++) {
		char byte[3] = {out[2 * b], out[2 * b + 1], 0};
		set[b] = (uint8_t)strtoul(byte, 0, 16);
	}
	return 0;
}

/* Appends WORD to the settings in BUF (LEN bytes) quoted for
 * trace_options_split. Settings that would not fit are refused here, in
 * one line: cut, the traced process would run with options missing. */
static void append_quoted(char *buf, size_t len, const char *word)
{
	size_t n = strlen(buf);
	size_t need = n + (n ? 1 : 0) + 2;
	for (const char *p = word; *p; p++)
		need += *p == '\'' ? 4 : 1;
	if (need >= len) {
		char most[32];
		snprintf(most, sizeof most, "%zu", len - 1);
		die("options too long: more than %s bytes once quoted", most);
	}
	char *out = buf + n;
	if (n)
		*out++ = ' ';
	*out++ = '\'';
	for (const char *p = word; *p; p++) {
		if (*p == '\'') {
			memcpy(out, "'\\''", 4);
			out += 4;
		} else {
			*out++ = *p;
		}
	}
	*out++ = '\'';
	*out = 0;
}

/* And settings the traced process would split into more words than it
 * takes (TRACE_SETTINGS_WORDS_MAX) are refused in the same way. */
static void check_word_count(const char *spec)
{
	char copy[TRACE_SETTINGS_MAX];
	snprintf(copy, sizeof copy, "%s", spec);
	if (trace_options_split(copy, 0, 0) > TRACE_SETTINGS_WORDS_MAX) {
		char most[32];
		snprintf(most, sizeof most, "%d", TRACE_SETTINGS_WORDS_MAX);
		die("options too long: more than %s words", most);
	}
}

/* ---- where the trace goes ---- */

static struct trace_options opts;
static int use_image; /* PROG started through the image, else LD_PRELOAD */
static struct ring_header *ring;
static int root_pid;
static int many_tids;   /* lines of more than one thread seen: "[pid N] " */
/* Lines prefixed with their pid: -f, or more than one process traced from
 * the start (-p PID with PROG, -p PID,PID), as strace's nprocs > 1. */
static int pid_prefix;
static int running_prog; /* PROG given (with -p or not) */

/* Whether strace would leave out its attach messages ("Process N
 * attached", "Detached unknown pid N"): -q, quiet=attach, or, running
 * PROG, no -q nor --quiet at all (its default then). */
static int quiet_attaches(void)
{
	return trace_options_quiet(&opts, TRACE_QUIET_ATTACH) ||
	       (running_prog && !opts.quiet_given && opts.output[0]);
}

/* -P PATH: strace also selects the path's realpath() when it differs, and
 * says so. Added to our options and, as "-P REAL", to what the program's
 * tracer parses (spec). */
static void resolve_paths(struct trace_options *o, char *spec, size_t len)
{
	int n = o->npaths;
	for (int i = 0; i < n; i++) {
		char real[PATH_MAX];
		if (!realpath(o->paths[i], real) || !strcmp(real, o->paths[i]))
			continue;
		if (!trace_options_quiet(o, TRACE_QUIET_PATH_RESOLVE))
			say("Requested path \"%s\" resolved into \"%s\"\n",
				o->paths[i], real);
		size_t n_real = strlen(real);
		if (o->npaths < TRACE_MAX_PATHS && n_real < TRACE_PATH_BYTES) {
			/* memcpy, not snprintf: the length is checked just above,
			 * which -c dbg's -Wformat-truncation cannot see. */
			memcpy(o->paths[o->npaths++], real, n_real + 1);
			append_quoted(spec, len, "-P");
			append_quoted(spec, len, real);
		}
	}
}
/* What each traced process parses (SYSTRAP_TRACE): our options, quoted,
 * with -P's resolved paths. Built, and refused when too long, before any
 * destination is opened: a refused run truncates no file and runs no
 * '|CMD'. */
static void build_spec(char *spec, size_t len, char **words, int n)
{
	spec[0] = 0;
	for (int i = 0; i < n; i++)
		if (strcmp(words[i], "--"))
			append_quoted(spec, len, words[i]);
	resolve_paths(&opts, spec, len);
	check_word_count(spec);
}

static int first_tid;

/* One destination: the trace, or with -ff one file per thread. */
struct dest {
	int tid;           /* -ff: whose file */
	int fd;
	size_t col;        /* bytes after the last newline written */
	char last;         /* the last byte written */
	/* The thread (and its process) whose waiting call's line we hold
	 * open (RING_OPEN), 0 none. */
	int open_tid, open_pid;
	int open_cut;      /* that call has more to print at its end */
	/* The open line is a call's entry half its writer wrote
	 * (RING_PARTIAL): 1 if that call has more to print at its end, 0
	 * if not; -1 another line's (then its last byte says). */
	int partial_cut;
	int write_failed;  /* said once: later lines are lost silently */
	size_t len;
	char buf[65536];
};
static struct dest *main_dest;
static struct dest **ff_dests;
static int ff_count, ff_cap;
static pid_t pipe_pid;

/* A write to d failed (a full disk, a pipe whose reader is gone): the
 * lines are lost, and the user is told, once per destination, as strace
 * tells it (strace repeats it for every line it loses). */
static void dest_write_failed(struct dest *d, int err)
{
	if (d->write_failed || d->fd == 2)
		return;
	d->write_failed = 1;
	if (d->tid)
		say("%s.%d: %s\n", opts.output, d->tid, strerror(err));
	else
		say("%s: %s\n", opts.output, strerror(err));
}

static void dest_flush(struct dest *d)
{
	size_t off = 0;
	while (off < d->len) {
		ssize_t r = write(d->fd, d->buf + off, d->len - off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			dest_write_failed(d, r < 0 ? errno : ENOSPC);
			break;
		}
		off += (size_t)r;
	}
	d->len = 0;
}

static void dest_put(struct dest *d, const char *text, size_t n);

/* A line we hold open for a waiting call is ended as strace ends it when
 * another line comes first: " <unfinished ...>" (its call's end will be
 * written "<... name resumed>"). */
static void close_open(struct dest *d)
{
	if (!d->open_tid)
		return;
	d->open_tid = 0;
	if (d->col) {
		static const char cut[] = " <unfinished ...>\n";
		dest_put(d, cut, sizeof cut - 1);
	}
}

/* Calls whose line the launcher opened (RING_OPEN) and whose end
 * (RING_REST) has not come: a process killed from outside (SIGKILL) ends
 * them as strace -f does, "<... read resumed> <unfinished ...>) = ?" for
 * each thread whose line another line cut, before the killed lines. A few
 * at a time (threads waiting), so a small array. Under -e status= showing
 * unfinished calls, whose lines are staged, the whole line instead
 * (RING_PENDING), written only at such a kill. */
struct open_call_name {
	int tid, pid;
	int cut;       /* more to print at its end: "read(3, ", not "pause(" */
	char name[RING_OPEN_NAME_MAX + 1]; /* the call's (RING_OPEN's head) */
	char *line;    /* RING_PENDING's (malloc'd), else NULL */
	size_t line_len;
};
static struct open_call_name *open_names;
static int open_names_n, open_names_cap;

static void open_name_drop(int i)
{
	free(open_names[i].line);
	open_names[i] = open_names[--open_names_n];
}

/* tid's call whose line the launcher opened (RING_OPEN) and whose end has
 * not come, or NULL. */
static struct open_call_name *open_name_of(int tid)
{
	for (int i = 0; i < open_names_n; i++)
		if (open_names[i].tid == tid)
			return &open_names[i];
	return 0;
}

static void open_name_clear(int tid)
{
	struct open_call_name *e = open_name_of(tid);
	if (e)
		open_name_drop((int)(e - open_names));
}

/* Every call of process pid, forgotten. */
static void open_names_forget(int pid)
{
	for (int i = 0; i < open_names_n;)
		if (open_names[i].pid == pid)
			open_name_drop(i);
		else
			i++;
}

/* A new, zeroed entry for tid's call (the caller dropped its earlier one). */
static struct open_call_name *open_name_new(int tid, int pid)
{
	open_names = room_for_one(open_names, open_names_n, &open_names_cap,
				  16, sizeof *open_names);
	struct open_call_name *e = &open_names[open_names_n++];
	memset(e, 0, sizeof *e);
	e->tid = tid;
	e->pid = pid;
	return e;
}

/* tid's call whose line the launcher opened: its name (n bytes) and
 * whether it had more to print, from its RING_OPEN record's head. */
static void open_name_put(int tid, int pid, const char *name, size_t n,
			  int cut)
{
	open_name_clear(tid);
	if (!n || n >= sizeof open_names->name)
		return;
	struct open_call_name *e = open_name_new(tid, pid);
	e->cut = cut;
	memcpy(e->name, name, n);
}

/* RING_PENDING: tid's call may wait; its whole line for a kill (n bytes,
 * newline and all), or (n 0) that call ended. */
static void pending_line_put(int tid, int pid, const char *text, size_t n)
{
	open_name_clear(tid);
	char *line = n ? malloc(n) : NULL;
	if (!line)
		return;
	memcpy(line, text, n);
	struct open_call_name *e = open_name_new(tid, pid);
	e->line = line;
	e->line_len = n;
}

static void put_to_dest(void *d, const char *text, size_t n)
{
	dest_put(d, text, n);
}

/* A record's text for d, as strace writes lines (trace_ring.h's RING_OPEN
 * and RING_REST): a waiting call's line stays open; its end continues it
 * when nothing came between, else is its "<... name resumed>" line. */
static void put_record(struct dest *d, int tid, int pid, unsigned flags,
		       const char *text, size_t len)
{
	if (!d)
		return;
	if (flags & RING_REST) {
		uint32_t n1;
		if (len < sizeof n1)
			return;
		memcpy(&n1, text, sizeof n1);
		if (n1 > len - sizeof n1)
			return;
		const char *rest = text + sizeof n1;
		open_name_clear(tid);
		if (d->open_tid == tid && d->col) {
			d->open_tid = 0;
			dest_put(d, rest, n1);
		} else {
			close_open(d);
			dest_put(d, rest + n1, len - sizeof n1 - n1);
		}
		return;
	}
	if (flags & RING_OPEN) {
		/* Its head first (trace_ring.h): cut, the name. */
		if (len < 2 || len < 2 + (size_t)(uint8_t)text[1])
			return;
		int cut = text[0] != 0;
		size_t n = (uint8_t)text[1];
		open_name_put(tid, pid, text + 2, n, cut);
		close_open(d);
		dest_put(d, text + 2 + n, len - 2 - n);
		d->open_tid = tid;
		d->open_pid = pid;
		d->open_cut = cut;
		return;
	}
	close_open(d);
	if (flags & RING_PARTIAL) {
		if (!len)
			return;
		dest_put(d, text + 1, len - 1);
		d->partial_cut = text[0] != 0;
		return;
	}
	if (opts.stack_traces)
		stack_names_put(text, len, put_to_dest, d); /* -k: C++ names */
	else
		dest_put(d, text, len);
	d->partial_cut = -1;
}

static void dest_put(struct dest *d, const char *text, size_t n)
{
	if (!n)
		return;
	for (size_t i = n; i > 0; i--)
		if (text[i - 1] == '\n') {
			d->col = n - i;
			goto counted;
		}
	d->col += n;
counted:
	d->last = text[n - 1];
	if (d->len + n > sizeof d->buf)
		dest_flush(d);
	if (n > sizeof d->buf) {
		ssize_t r = write(d->fd, text, n);
		if (r != (ssize_t)n)
			dest_write_failed(d, r < 0 ? errno : ENOSPC);
		return;
	}
	memcpy(d->buf + d->len, text, n);
	d->len += n;
}

static struct dest *dest_new(int fd, int tid)
{
	/* Only the fields before the buffer are set: calloc cleared the
	 * 64 KiB buffer too, a page fault for each of its 16 pages (some
	 * 11 us each on a guest with shadow paging) at every start, when a
	 * short trace writes into one. */
	struct dest *d = malloc(sizeof *d);
	if (!d)
		die("%s", "out of memory");
	memset(d, 0, offsetof(struct dest, buf));
	d->partial_cut = -1;
	d->fd = fd;
	d->tid = tid;
	return d;
}

/* -ff: FILE.TID, the file of process or thread tid (its name into path,
 * PER_PROCESS_PATH bytes), opened as strace's fopen "w" opens it ("a"
 * with -A). The fd, or -1 and errno. */
#define PER_PROCESS_PATH (sizeof opts.output + 16)
static int open_per_process_file(int tid, char *path)
{
	snprintf(path, PER_PROCESS_PATH, "%s.%d", opts.output, tid);
	return open(path, O_WRONLY | O_CREAT | O_CLOEXEC |
				  (opts.output_append ? O_APPEND : O_TRUNC),
		    0666);
}

static struct dest *dest_for(int tid)
{
	if (!opts.output_per_process)
		return main_dest;
	static struct dest *last;
	if (last && last->tid == tid)
		return last;
	for (int i = 0; i < ff_count; i++)
		if (ff_dests[i]->tid == tid)
			return last = ff_dests[i];
	char path[PER_PROCESS_PATH];
	int fd = open_per_process_file(tid, path);
	if (fd < 0) {
		say("Can't fopen '%s': %s\n", path,
			strerror(errno));
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	}
	ff_dests = room_for_one(ff_dests, ff_count, &ff_cap, 16, sizeof *ff_dests);
	return last = ff_dests[ff_count++] = dest_new(fd, tid);
}

static void flush_all_dests(void)
{
	if (main_dest)
		dest_flush(main_dest);
	for (int i = 0; i < ff_count; i++)
		dest_flush(ff_dests[i]);
	/* Everything taken from the ring is written out: a process waiting
	 * to write into the trace's own file goes on (trace_ring.h). */
	if (ring && ring->consumed != ring->written) {
		__atomic_store_n(&ring->written, ring->consumed, __ATOMIC_RELEASE);
		__atomic_add_fetch(&ring->written_seq, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&ring->written_waiters, __ATOMIC_SEQ_CST))
			syscall(SYS_futex, &ring->written_seq, FUTEX_WAKE,
				INT_MAX, 0, 0, 0);
	}
}

/* A process waits to write into the trace's own file: written out now. */
static int written_wanted(void)
{
	return __atomic_load_n(&ring->written_waiters, __ATOMIC_ACQUIRE) != 0;
}

/* -o FILE (truncated, as strace's fopen "w"; -A: appended to), -o '|CMD' or '!CMD' (a pipe
 * to sh -c CMD), or nothing: our stderr. Decided once, here. */
static void open_destination(void)
{
	const char *o = opts.output;
	if (!o[0] && opts.output_given) {
		say("Can't fopen '': %s\n", strerror(ENOENT));
		exit(1);
	}
	if (!o[0]) {
		main_dest = dest_new(2, 0);
		return;
	}
	if (o[0] == '|' || o[0] == '!') {
		if (opts.output_per_process)
			die("%s", "piping the output and -ff are mutually exclusive");
		int p[2];
		if (pipe2(p, O_CLOEXEC))
			die("%s", "pipe failed");
		pipe_pid = fork();
		if (pipe_pid < 0)
			die("%s", "fork failed");
		if (pipe_pid == 0) {
			dup2(p[0], 0);
			execl("/bin/sh", "sh", "-c", o + 1, (char *)0);
			_exit(127);
		}
		close(p[0]);
		main_dest = dest_new(p[1], 0);
		return;
	}
	if (opts.output_per_process)
		return; /* FILE.TID, each when its first line comes */
	/* O_APPEND: an image that cannot reach the ring appends to it
	 * itself (DESIGN.md, Known limits) without being overwritten. */
	int fd = open(o, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
				 (opts.output_append ? 0 : O_TRUNC),
		      0666);
	if (fd < 0) {
		say("Can't fopen '%s': %s\n", o,
			strerror(errno));
		exit(1);
	}
	main_dest = dest_new(fd, 0);
}

/* --timeline=FILE: opened (truncated) here, relative to our directory,
 * and written by us alone. */
static struct timeline timeline;
static void open_timeline(void)
{
	if (opts.timeline[0] && timeline_open(&timeline, opts.timeline)) {
		say("Can't fopen '%s': %s\n",
			opts.timeline, strerror(errno));
		exit(1);
	}
}

/* ---- processes that ended ---- */

/* Processes that said how they ended (RING_END). An exit_group's ends of
 * a process that had other threads come RING_HELD: those lines are held
 * here and written once the process is known to be gone (its wait status,
 * a reaper's record, its pidfd, or /proc showing no thread of it left),
 * after every line its threads wrote until then. Its exit line is written
 * at exit_group's entry, and the kernel ends the other threads only after:
 * a thread may still begin a call meanwhile, and strace, which prints the
 * end when it happens, prints that call first. The entry stays (text
 * written) until the end is seen, so that it is not said twice. */
struct ended_lines {
	int pid, tid; /* tid: the writer's (-ff: its file; an exit_group
			 there writes each thread's end as that thread) */
	char *text;
	size_t len;
};
static struct ended_lines *ended;
static int ended_count, ended_cap;

static void mark_ended(int pid, int tid, const char *text, size_t len)
{
	struct ended_lines *e = 0;
	for (int i = 0; i < ended_count && !e; i++)
		if (ended[i].pid == pid &&
		    (ended[i].tid == tid || !opts.output_per_process))
			e = &ended[i];
	if (!e) {
		ended = room_for_one(ended, ended_count, &ended_cap, 64,
				     sizeof *ended);
		e = &ended[ended_count++];
		*e = (struct ended_lines){pid, tid, 0, 0};
	}
	if (!len)
		return;
	char *more = realloc(e->text, e->len + len);
	if (!more)
		die("%s", "out of memory");
	memcpy(more + e->len, text, len);
	e->text = more;
	e->len += len;
}

static void end_open_line(struct dest *d);
static void end_line_of(int tid, int pid, const char *text);

/* d's open line, a call that never returns, ended "= ?". */
static void end_call_of(struct dest *d)
{
	if (d && d->col) {
		end_open_line(d);
		d->open_tid = 0;
	}
}

static void put_ended_lines(struct ended_lines *e)
{
	struct dest *d = dest_for(e->tid);
	if (d && e->len) {
		/* A call begun after the exit line's was cut off by the
		 * end: as strace ends it. -ff: the call this thread was in,
		 * in its own file: "= ?". */
		if (d->col && opts.output_per_process) {
			end_open_line(d);
		} else if (d->col) {
			static const char cut[] = " <unfinished ...>\n";
			dest_put(d, cut, sizeof cut - 1);
		}
		d->open_tid = 0;
		dest_put(d, e->text, e->len);
	}
	free(e->text);
}

static ssize_t read_stat(int id, char *buf, size_t cap);

/* Whether no thread of process pid is left: gone from /proc, or a zombie
 * whose last thread has ended (its /proc entry found as read_stat finds
 * one, in the launcher's pid namespace). */
static int process_gone(int pid)
{
	char buf[1024];
	ssize_t n = read_stat(pid, buf, sizeof buf);
	if (n < 0)
		return n == -ENOENT || n == -ESRCH;
	if (n == 0)
		return 1;
	/* Field 3 (the state) follows the name; field 20 is num_threads. */
	char *p = strrchr(buf, ')');
	if (!p || p[1] != ' ' || (p[2] != 'Z' && p[2] != 'X'))
		return 0;
	int field = 3;
	for (p += 2; *p && field < 20; p++)
		if (*p == ' ')
			field++;
	return field == 20 && atoi(p) <= 1;
}

static void drain_settled(void);
static void forget_threads_of(int pid);

/* Held lines of processes now gone, written (checked each pass; the
 * table is empty but for processes that just ended). */
static void put_gone_ends(void)
{
	int gone[16], n = 0;
	for (int i = 0; i < ended_count && n < 16; i++)
		if (ended[i].len && process_gone(ended[i].pid))
			gone[n++] = ended[i].pid;
	if (!n)
		return;
	/* Draining may take (and free) or add entries: found again after. */
	drain_settled();
	for (int k = 0; k < n; k++)
		for (int i = 0; i < ended_count; i++)
			if (ended[i].pid == gone[k] && ended[i].len) {
				put_ended_lines(&ended[i]);
				ended[i].text = 0;
				ended[i].len = 0;
			}
	for (int k = 0; k < n; k++)
		forget_threads_of(gone[k]);
}

/* Whether pid said how it ended: its lines are written now (-ff: every
 * thread's, each in its file). */
static int take_ended(int pid)
{
	int said = 0;
	for (int i = 0; i < ended_count;)
		if (ended[i].pid == pid) {
			put_ended_lines(&ended[i]);
			ended[i] = ended[--ended_count];
			said = 1;
		} else {
			i++;
		}
	return said;
}

/* At our end: the lines of processes whose end we did not see. */
static void put_all_ended(void)
{
	for (int i = 0; i < ended_count; i++)
		put_ended_lines(&ended[i]);
	ended_count = 0;
}

/* ---- --json and --timeline ---- */

/* Calls that may wait, begun and not yet ended (their RING_EV_START): a
 * process that dies in one (SIGKILL), or that we leave, gets it shown
 * unfinished, as strace shows "read(0,  <unfinished ...>) = ?". */
struct open_call {
	int pid, tid;
	struct ring_event ev;
	char *text;
};
static struct open_call *open_calls;
static int open_count, open_cap;

static int64_t realtime_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ring_ns(&ts);
}

/* One event to where it goes: a JSON line to the trace (--json), a trace
 * event to the timeline. */
static void put_event(int pid, int tid, const struct ring_event *ev,
		      const char *t1, const char *t2, int unfinished,
		      int64_t end_ns)
{
	if (opts.json) {
		struct jbuf b = {0, 0, 0};
		trace_json_event(&b, ev, pid, tid, t1, t2, unfinished, end_ns);
		if (b.len)
			dest_put(dest_for(tid), b.p, b.len);
		jb_free(&b);
	}
	timeline_event(&timeline, ev, pid, tid, t1, t2, unfinished, end_ns);
}

/* The open calls of pid (every one: pid 0) shown unfinished. */
static void end_open_calls(int pid, int64_t end_ns)
{
	for (int i = 0; i < open_count;) {
		struct open_call *c = &open_calls[i];
		if (pid && c->pid != pid) {
			i++;
			continue;
		}
		put_event(c->pid, c->tid, &c->ev, c->text, "", 1, end_ns);
		free(c->text);
		open_calls[i] = open_calls[--open_count];
	}
}

static void take_event(int pid, int tid, const char *buf, size_t len)
{
	struct ring_event ev;
	if (len < sizeof ev)
		return;
	memcpy(&ev, buf, sizeof ev);
	if (sizeof ev + (size_t)ev.text1_len + ev.text2_len > len)
		return;
	const char *t1 = buf + sizeof ev, *t2 = t1 + ev.text1_len;
	timeline_name_thread(&timeline, pid, tid, 0);
	switch (ev.kind) {
	case RING_EV_START:
		open_calls = room_for_one(open_calls, open_count, &open_cap, 16,
					  sizeof *open_calls);
		open_calls[open_count].pid = pid;
		open_calls[open_count].tid = tid;
		open_calls[open_count].ev = ev;
		open_calls[open_count].text = strndup(t1, ev.text1_len);
		if (!open_calls[open_count].text)
			die("%s", "out of memory");
		open_count++;
		return;
	case RING_EV_CALL:
		for (int i = open_count - 1; i >= 0; i--)
			if (open_calls[i].tid == tid &&
			    open_calls[i].ev.start_ns == ev.start_ns) {
				free(open_calls[i].text);
				open_calls[i] = open_calls[--open_count];
				break;
			}
		put_event(pid, tid, &ev, t1, t2, 0, 0);
		/* A new name for its track: a new program, or PR_SET_NAME. */
		if (ev.result == 0 &&
		    (ev.nr == SYS_execve || ev.nr == SYS_execveat ||
		     (ev.nr == SYS_prctl && ev.args[0] == PR_SET_NAME)))
			timeline_name_thread(&timeline, pid, tid, 1);
		return;
	case RING_EV_EXIT:
	case RING_EV_KILLED:
		if (!(ev.flags & RING_EV_THREAD))
			end_open_calls(pid, ev.start_ns);
		put_event(pid, tid, &ev, t1, t2, 0, 0);
		return;
	default:
		put_event(pid, tid, &ev, t1, t2, 0, 0);
		return;
	}
}

/* How a process ended, seen by us (it could not say it): as an event. */
static void end_event(int pid, int status)
{
	struct ring_event ev;
	memset(&ev, 0, sizeof ev);
	ev.start_ns = ev.end_ns = realtime_ns();
	if (WIFEXITED(status)) {
		ev.kind = RING_EV_EXIT;
		ev.nr = WEXITSTATUS(status);
	} else {
		ev.kind = RING_EV_KILLED;
		ev.nr = WTERMSIG(status);
		if (WCOREDUMP(status))
			ev.flags = RING_EV_CORE;
	}
	end_open_calls(pid, ev.start_ns);
	put_event(pid, pid, &ev, "", "", 0, 0);
}

/* ---- draining the ring ---- */

/* /proc/ID/stat, NUL-terminated: its length, or -errno. */
static ssize_t read_stat(int id, char *buf, size_t cap)
{
	char path[64];
	inject_proc_path(path, sizeof path, id, "stat");
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, buf, cap - 1);
	close(fd);
	if (n < 0)
		return 0;
	buf[n] = 0;
	return n;
}

/* The fields of /proc/ID/stat after the name, from its closing ')' (the
 * state two bytes on), read into buf; NULL when it cannot be read. */
static const char *stat_after_name(int id, char *buf, size_t cap)
{
	return read_stat(id, buf, cap) > 0 ? strrchr(buf, ')') : 0;
}

/* A thread (by tid) is gone: no /proc entry, or a zombie. */
static int tid_dead(int tid)
{
	if (tid <= 0)
		return 1;
	char buf[1024];
	ssize_t n = read_stat(tid, buf, sizeof buf);
	if (n < 0)
		return n == -ENOENT || n == -ESRCH;
	if (n == 0)
		return 1;
	char *paren = strrchr(buf, ')');
	return paren && (paren[2] == 'Z' || paren[2] == 'X');
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *record_text;
static size_t record_cap;

static void child_reaped(int pid, int status);

/* Whether a producer that may still write slot c lives: one named in the
 * ring's reservers that reserved c, or has not said which slot yet
 * (trace_ring.h). Entries of dead producers are freed. -1: some producer
 * is in that window unnamed (the table was full), so nobody can say. */
static int stale_owner_may_live(uint64_t c)
{
	if (__atomic_load_n(&ring->unnamed, __ATOMIC_SEQ_CST))
		return -1;
	int live = 0;
	for (int i = 0; i < RING_RESERVERS; i++) {
		struct ring_reserver *e = &ring->reservers[i];
		int32_t tid = __atomic_load_n(&e->tid, __ATOMIC_SEQ_CST);
		if (!tid)
			continue;
		uint32_t index1 = __atomic_load_n(&e->index1, __ATOMIC_SEQ_CST);
		if (index1 && index1 != (uint32_t)(c + 1))
			continue; /* it reserved another slot */
		if (tid_dead(tid)) {
			__atomic_compare_exchange_n(&e->tid, &tid, 0, 0,
						    __ATOMIC_SEQ_CST,
						    __ATOMIC_RELAXED);
			continue;
		}
		live = 1;
	}
	return live;
}

/* -f: strace's "Process N attached" for each new process or thread it
 * follows, where strace says it (unless quiet): said here before the first
 * line of a thread not seen before (not PROG's first thread, nor one of a
 * process attached with -p, which was said at the attach), into the trace
 * itself when that is stderr, so it lands between the lines as strace's
 * does. A thread that writes no line is not announced. */
static void announce_new_thread(int tid, int pid)
{
	static int *seen;
	static unsigned cap, used;
	if (!opts.follow_forks || tid <= 0 || tid == root_pid ||
	    quiet_attaches())
		return;
	for (int i = 0; i < opts.nattach; i++)
		if (opts.attach[i] == pid)
			return;
	if (used * 2 >= cap) {
		unsigned ncap = cap ? 2 * cap : 1024;
		int *grown = calloc(ncap, sizeof *grown);
		if (!grown)
			return;
		for (unsigned i = 0; i < cap; i++)
			if (seen[i])
				for (unsigned h = (unsigned)seen[i] * 2654435761u;;
				     h++)
					if (!grown[h & (ncap - 1)]) {
						grown[h & (ncap - 1)] = seen[i];
						break;
					}
		free(seen);
		seen = grown;
		cap = ncap;
	}
	for (unsigned h = (unsigned)tid * 2654435761u;; h++) {
		int *slot = &seen[h & (cap - 1)];
		if (*slot == tid)
			return;
		if (!*slot) {
			*slot = tid;
			used++;
			break;
		}
	}
	char line[PATH_MAX + 64];
	int n = snprintf(line, sizeof line, "%s: Process %d attached\n",
			 progname, tid);
	if (n <= 0 || (size_t)n >= sizeof line)
		return;
	if (main_dest && main_dest->fd == 2 && !opts.output_per_process) {
		close_open(main_dest);
		dest_put(main_dest, line, (size_t)n);
	} else {
		fputs(line, stderr);
	}
}

/* ---- the other threads of each traced process (-f) ----
 *
 * strace -f says "+++ killed by SIGxxx +++" of every thread of a process
 * that a signal kills. A handler of ours says it where one runs; a SIGKILL
 * from outside (kill -9, the OOM killer, a sandbox) leaves the process no
 * word, and the launcher said the end of its first thread only. So the
 * launcher keeps the threads (tid != pid) that wrote a record, each until
 * it says it ended (RING_THREAD_GONE), an exec ends it (RING_THREADS_GONE)
 * or its process ends. A thread that never wrote a record (every call of
 * it filtered out) is not known. Open addressing on the tid, a slot's tid
 * 0 when free; a deletion moves the run's later entries back. */
struct live_thread {
	int tid, pid;
};
static struct live_thread *live;
static unsigned live_cap, live_used;
static int last_tid; /* the last tid put: most records are a run of one */

static unsigned live_home(int tid)
{
	return ((unsigned)tid * 2654435761u) & (live_cap - 1);
}

static void live_put(int tid, int pid)
{
	if ((live_used + 1) * 2 > live_cap) {
		struct live_thread *old = live;
		unsigned old_cap = live_cap;
		unsigned cap = old_cap ? 2 * old_cap : 256;
		struct live_thread *grown = calloc(cap, sizeof *grown);
		if (!grown)
			return; /* a thread not said killed, at worst */
		live = grown;
		live_cap = cap;
		live_used = 0;
		for (unsigned i = 0; i < old_cap; i++)
			if (old[i].tid)
				live_put(old[i].tid, old[i].pid);
		free(old);
	}
	for (unsigned h = live_home(tid);; h = (h + 1) & (live_cap - 1)) {
		if (live[h].tid == tid) {
			live[h].pid = pid;
			return;
		}
		if (!live[h].tid) {
			live[h] = (struct live_thread){tid, pid};
			live_used++;
			return;
		}
	}
}

static void live_remove_at(unsigned h)
{
	live[h].tid = 0;
	live_used--;
	/* The run after h: each entry moved back into the hole if its home
	 * does not lie between the hole and it. */
	for (unsigned j = (h + 1) & (live_cap - 1); live[j].tid;
	     j = (j + 1) & (live_cap - 1)) {
		unsigned home = live_home(live[j].tid);
		int stays = h <= j ? (h < home && home <= j)
				   : (h < home || home <= j);
		if (stays)
			continue;
		live[h] = live[j];
		live[j].tid = 0;
		h = j;
	}
}

static void live_remove(int tid)
{
	if (!live_used)
		return;
	for (unsigned h = live_home(tid); live[h].tid;
	     h = (h + 1) & (live_cap - 1))
		if (live[h].tid == tid) {
			live_remove_at(h);
			return;
		}
}

/* Process pid's threads (its first excepted), forgotten: their number,
 * their tids in increasing order in *out (malloc'd; NULL if none, or out
 * NULL). A removal may move an entry of a run that wraps around the table
 * to a slot passed already: passes until one finds none. */
static int live_threads_take(int pid, int **out)
{
	int n = 0, cap = 0, *v = 0;
	last_tid = 0; /* it may be among them */
	for (int again = 1; again;) {
		again = 0;
		for (unsigned h = 0; h < live_cap && live_used;) {
			if (!live[h].tid || live[h].pid != pid) {
				h++;
				continue;
			}
			if (out && n == cap) {
				cap = cap ? 2 * cap : 16;
				int *grown = realloc(v, (size_t)cap * sizeof *v);
				if (!grown)
					die("%s", "out of memory");
				v = grown;
			}
			if (out)
				v[n] = live[h].tid;
			n++;
			live_remove_at(h); /* h holds another entry now */
			again = 1;
		}
	}
	for (int i = 1; out && i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			int t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	if (out)
		*out = v;
	return n;
}

static void forget_threads_of(int pid)
{
	live_threads_take(pid, 0);
	open_names_forget(pid);
}

/* An exec among pid's threads, made by exec_tid (0: the first thread),
 * ended the others. -ff: each in its own file as strace -ff ends it: the
 * call it waited in "= ?", then "+++ exited with 0 +++"; and the first
 * thread's call when another thread made the exec (the new image writes
 * "+++ superseded by execve in pid N +++" after it). Under -f the new
 * image wrote these lines itself, in its one file. */
static void exec_ended_threads(int pid, int exec_tid)
{
	int *tids = 0;
	int n = live_threads_take(pid, opts.output_per_process ? &tids : 0);
	open_names_forget(pid); /* the new image said how their calls ended */
	if (!opts.output_per_process)
		return;
	int quiet = trace_options_quiet(&opts, TRACE_QUIET_EXIT);
	for (int i = 0; i < n; i++) {
		if (tids[i] == exec_tid)
			continue;
		if (!quiet)
			end_line_of(tids[i], pid, "+++ exited with 0 +++");
		else
			end_call_of(dest_for(tids[i]));
	}
	free(tids);
	if (exec_tid && exec_tid != pid)
		end_call_of(dest_for(pid));
}

/* A record from thread tid of process pid. Not for --json or -c, which
 * print no end lines of threads (nor get RING_THREAD_GONE). */
static void note_thread(int tid, int pid, unsigned flags)
{
	if (!opts.follow_forks || opts.json || opts.summary == 1 || tid <= 0 ||
	    tid == pid)
		return;
	if (flags & RING_THREAD_GONE) {
		live_remove(tid);
		open_name_clear(tid);
		last_tid = 0;
	} else if (tid != last_tid) {
		live_put(tid, pid);
		last_tid = tid;
	}
}

/* Takes what the ring holds, in order. A hole (a record reserved and not
 * published) is waited for while its writer lives, skipped once it is
 * dead; a hole whose tag does not name its writer yet is waited for
 * while a live producer may own it (the reservers), and skipped once none
 * may, or at once when `final` (no traced process is left). Returns the
 * records taken. */
static int drain(int final)
{
	static uint64_t stuck_at = UINT64_MAX;
	static double stuck_since;
	int taken = 0;
	uint64_t c = ring->consumed;
	for (;;) {
		uint64_t reserved = __atomic_load_n(&ring->reserve, __ATOMIC_SEQ_CST);
		if (c >= reserved)
			break;
		struct ring_record *r = (struct ring_record *)ring_slot(ring, c);
		uint64_t tag = __atomic_load_n(&r->tag, __ATOMIC_ACQUIRE);
		unsigned ns = ring_tag_slots(tag);
		int mine = tag && ring_tag_index(tag) == c && ns >= 1;
		if (mine && (tag & 1)) {
			size_t len = r->len;
			if (len > RING_MAX_TEXT)
				len = RING_MAX_TEXT;
			if (len > record_cap) {
				record_cap = RING_MAX_TEXT;
				record_text = realloc(record_text, record_cap);
				if (!record_text)
					die("%s", "out of memory");
			}
			ring_copy_text(ring, c, record_text, 0, len, 0);
			if (r->flags & RING_UNKNOWN_CHILD) {
				int32_t v = 0;
				if (len == sizeof v && !quiet_attaches()) {
					memcpy(&v, record_text, sizeof v);
					say("Detached unknown pid %d\n", (int)v);
				}
				c += ns;
				taken++;
				goto consumed;
			}
			if (r->flags & RING_REAPED) {
				int32_t v[2] = {0, 0};
				if (len == sizeof v) {
					memcpy(v, record_text, sizeof v);
					child_reaped(v[0], v[1]);
				}
				c += ns;
				taken++;
				goto consumed;
			}
			if (r->flags & RING_PENDING) {
				note_thread(r->tid, r->pid, r->flags);
				/* -c alone: the one record a new task writes. */
				if (opts.summary == 1)
					announce_new_thread(r->tid, r->pid);
				if (len > 1 && record_text[0])
					pending_line_put(r->tid, r->pid,
							 record_text + 1, len - 1);
				else
					open_name_clear(r->tid);
				c += ns;
				taken++;
				goto consumed;
			}
			if (r->flags & (RING_THREAD_GONE | RING_THREADS_GONE)) {
				if (r->flags & RING_THREADS_GONE) {
					int32_t v = 0;
					if (len == sizeof v)
						memcpy(&v, record_text, sizeof v);
					exec_ended_threads(r->pid, v);
				} else {
					note_thread(r->tid, r->pid, r->flags);
				}
				c += ns;
				taken++;
				goto consumed;
			}
			int tid = r->tid;
			note_thread(tid, r->pid, r->flags);
			if (!first_tid)
				first_tid = tid;
			else if (tid != first_tid)
				many_tids = 1;
			announce_new_thread(tid, r->pid);
			if (r->flags & RING_EVENT)
				take_event(r->pid, tid, record_text, len);
			else if (!opts.json && !(r->flags & RING_HELD))
				put_record(dest_for(tid), tid, r->pid, r->flags,
					   record_text, len);
			if (r->flags & RING_END)
				mark_ended(r->pid, tid, record_text,
					   (r->flags & RING_HELD) && !opts.json ? len : 0);
			c += ns;
			taken++;
		} else if (mine) {
			if (!final && !tid_dead(r->tid))
				break; /* being written */
			c += ns;
		} else {
			if (!final) {
				int owner = stale_owner_may_live(c);
				if (owner > 0)
					break; /* being reserved: it comes */
				/* Its owner may have named itself just now. */
				uint64_t again = __atomic_load_n(&r->tag, __ATOMIC_SEQ_CST);
				if (again != tag)
					continue;
				/* Unnamed producers: as before the reservers,
				 * a second. */
				if (owner < 0) {
					if (stuck_at != c) {
						stuck_at = c;
						stuck_since = now_sec();
						break;
					}
					if (now_sec() - stuck_since < 1.0)
						break;
				}
			}
			c += 1;
		}
	consumed:
		__atomic_store_n(&ring->consumed, c, __ATOMIC_RELEASE);
		if (__atomic_load_n(&ring->waiters, __ATOMIC_SEQ_CST)) {
			__atomic_add_fetch(&ring->space_seq, 1, __ATOMIC_SEQ_CST);
			syscall(SYS_futex, &ring->space_seq, FUTEX_WAKE, INT_MAX,
				0, 0, 0);
		}
	}
	__atomic_store_n(&ring->consumed, c, __ATOMIC_RELEASE);
	if (__atomic_load_n(&ring->waiters, __ATOMIC_SEQ_CST)) {
		__atomic_add_fetch(&ring->space_seq, 1, __ATOMIC_SEQ_CST);
		syscall(SYS_futex, &ring->space_seq, FUTEX_WAKE, INT_MAX, 0, 0, 0);
	}
	return taken;
}

/* The launcher's next nap (ns) after a pass that took `got` records (or
 * served an exec: 1): 200 us while the ring fills fast (RING_BUSY_PASS
 * records or more a pass, of its RING_SLOTS), 5 ms while lines trickle
 * (as often as lines are written out anyway: a pass a millisecond woke us
 * ~4 times more in each short process's life under -f, each wake-up a CPU
 * taken from the program on a small machine), doubling to 10 ms when
 * idle. The ring holds 4 MiB: no producer waits for room meanwhile. */
#define RING_BUSY_PASS 64
static long next_nap(long nap, int got)
{
	if (got >= RING_BUSY_PASS)
		return 200 * 1000;
	if (got)
		return 5000 * 1000;
	return nap < 10 * 1000 * 1000 ? nap * 2 : nap;
}

/* Whether the next pass comes at once: producers wait for room (the ring
 * is full) and this pass took records. One that took none naps 200 us:
 * a producer killed in its wait (SIGKILL, a harness's SIGXCPU) never
 * leaves ring->waiters, and the launcher spun on a CPU for as long as
 * another tracee lived. */
static int ring_full_pass(int got, long *nap)
{
	if (!__atomic_load_n(&ring->waiters, __ATOMIC_RELAXED))
		return 0;
	if (got)
		return 1;
	*nap = 200 * 1000;
	return 0;
}

/* Everything reserved until now is written out (or known lost), waiting
 * up to a second for writers in the middle of a line. */
static void drain_settled(void)
{
	uint64_t upto = __atomic_load_n(&ring->reserve, __ATOMIC_ACQUIRE);
	double start = now_sec();
	while (drain(0), ring->consumed < upto && now_sec() - start < 1.5) {
		struct timespec ts = {0, 20000};
		nanosleep(&ts, 0);
	}
}

/* The line a process's end gets from us, prefixed as the tracer prefixes
 * (trace_output.c's put_prefix, without -r). An open line (a call that was
 * waiting) is ended first, as strace ends it: "= ?". */
/* d's open line ended with result ("?" for a call that never returns;
 * "0" for an execve whose new program has no image of ours to end it). */
static void end_open_line_as(struct dest *d, const char *result)
{
	char line[256];
	/* A line RING_OPEN opened says whether its call was cut, and so
	 * does one its writer opened (RING_PARTIAL); another, by its last
	 * byte. */
	int cut = d->open_tid	       ? d->open_cut
		  : d->partial_cut >= 0 ? d->partial_cut
					: d->last != '(';
	int n = snprintf(line, sizeof line, "%s",
			 cut ? " <unfinished ...>)" : ")");
	size_t col = d->col + (size_t)n;
	while ((int)col < opts.columns - 1 && n < 200) {
		line[n++] = ' ';
		col++;
	}
	n += snprintf(line + n, sizeof line - n, " = %s\n", result);
	dest_put(d, line, (size_t)n);
}

/* An open line (a call that was waiting) ended as strace ends it when the
 * call never returns: "= ?". */
static void end_open_line(struct dest *d)
{
	end_open_line_as(d, "?");
}

/* Thread tid of process pid: its end line, text; a call's end (" = ?",
 * its result padded to -a's column, after text) where call. */
/* Where the launcher writes a line of tid's (of process pid): d, any open
 * line there ended first. */
static void launcher_line_begin(struct dest *d, int pid)
{
	/* An open line of pid's own: its call never returned ("= ?"); of
	 * another process's: cut, as any other line cuts it. */
	if (d->open_tid && d->open_pid != pid)
		close_open(d);
	if (d->col)
		end_open_line(d);
	d->open_tid = 0;
}

/* The start of a line the launcher writes for thread tid (its pid, -t's
 * time, -r's, -n/-i's lead) into line (LAUNCHER_PREFIX_MAX bytes at
 * least); its length. */
#define LAUNCHER_PREFIX_MAX 160
static int launcher_line_prefix_lead(char *line, int tid,
				     const struct trace_lead *lead);
/* PROG, whose exec failed: its child then called exit_group(1), which
 * -n shows on its end line ("[ 231] +++ exited with 1 +++"). */
static pid_t failed_exec_pid;

static int launcher_line_prefix(char *line, int tid)
{
	struct trace_lead exited = {SYS_exit_group + 1, 0};
	return launcher_line_prefix_lead(
		line, tid, tid && tid == failed_exec_pid ? &exited : 0);
}

/* While the end of a process is said, whether its lines carry "[pid N] "
 * as decided when it died (1 yes, -1 no; 0: by the count now). strace said
 * the end as the process died: a process its traced reaper reported had
 * that reaper alive beside it (two tasks at least), and one killed by
 * SIGKILL goes by the count as the launcher took it out. Not by the count
 * as the lines are written: the other tasks go on meanwhile, and one that
 * exits takes itself out before we are done (its reaper among them). */
static int end_line_shows_pid;

/* "[pid N] " on our lines on stderr: as the processes' own (trace_output.c,
 * shows_pid), while more than one task is traced where they are counted,
 * else once lines of several were seen. */
static int launcher_shows_pid(void)
{
	if (end_line_shows_pid)
		return end_line_shows_pid > 0;
	if (ring && __atomic_load_n(&ring->live_counted, __ATOMIC_RELAXED))
		return __atomic_load_n(&ring->live_tasks, __ATOMIC_RELAXED) > 1;
	return many_tids;
}

/* The same, with -n/-i's lead where the line is a known call's. */
static int launcher_line_prefix_lead(char *line, int tid,
				     const struct trace_lead *lead)
{
	size_t cap = LAUNCHER_PREFIX_MAX;
	int n = 0;
	if (pid_prefix && opts.output[0] && !opts.output_per_process)
		n += snprintf(line + n, cap - n, "%-5d ", tid);
	else if (pid_prefix && !opts.output[0] && launcher_shows_pid())
		n += snprintf(line + n, cap - n, "[pid %5d] ", tid);
	struct timespec ts;
	if (opts.timestamps || opts.relative_timestamps)
		clock_gettime(CLOCK_REALTIME, &ts);
	if (opts.timestamps)
		n = (int)(trace_time_put(line + n, &opts, &ts) - line);
	/* -r: from the last line any process stamped, as theirs count. */
	if (opts.relative_timestamps && ring)
		n = (int)(trace_relative_put(line + n, &opts,
					     ring_since_last_line(ring, ring_ns(&ts),
								  1, 0)) -
			  line);
	/* -n, -i: the process's last call is not known here. */
	return (int)(trace_lead_put(line + n, &opts, lead) - line);
}

/* An execve line the launcher writes whole for process pid: its entry
 * text (as the tracer formats it, without the closing parenthesis), the
 * result's text padded to strace's column, and -T's duration where
 * took_ns is not negative. */
static void put_exec_line(struct dest *d, int pid, const struct trace_lead *lead,
			  const char *entry, const char *result,
			  long long took_ns)
{
	size_t cap = LAUNCHER_PREFIX_MAX + strlen(entry) + strlen(result) + 64;
	char *line = malloc(cap);
	if (!line)
		return;
	launcher_line_begin(d, pid);
	int n = launcher_line_prefix_lead(line, pid, lead);
	n += snprintf(line + n, cap - n, "%s)", entry);
	while (n < opts.columns - 1 && (size_t)n < cap - 8)
		line[n++] = ' ';
	n += snprintf(line + n, cap - n, " = %s", result);
	char *p = line + n;
	if (took_ns >= 0 && opts.syscall_times)
		p = trace_duration_put(p, &opts, (unsigned long long)took_ns);
	*p++ = '\n';
	dest_put(d, line, (size_t)(p - line));
	free(line);
}

static void put_end_line(int tid, int pid, const char *text, int call)
{
	struct dest *d = dest_for(tid);
	if (!d)
		return;
	char line[LAUNCHER_PREFIX_MAX + 96];
	launcher_line_begin(d, pid);
	int n = launcher_line_prefix(line, tid);
	n += snprintf(line + n, sizeof line - n, "%s", text);
	while (call && n < opts.columns - 1 && n < 200)
		line[n++] = ' ';
	n += snprintf(line + n, sizeof line - n, call ? " = ?\n" : "\n");
	dest_put(d, line, (size_t)n);
}

static void end_line_of(int tid, int pid, const char *text)
{
	put_end_line(tid, pid, text, 0);
}

/* Process pid killed where no handler of ours ran: the calls its threads
 * were in whose lines were cut, "<... read resumed> <unfinished ...>) =
 * ?" as strace -f writes them before the killed lines (an open line is
 * ended "= ?" by the first end line, as the call it is). */
static void say_killed_calls(int pid)
{
	struct dest *d = dest_for(pid);
	if (opts.json || !d)
		return;
	if (!opts.output_per_process && d->open_tid && d->open_pid == pid &&
	    d->col) {
		open_name_clear(d->open_tid);
		end_open_line(d);
		d->open_tid = 0;
	}
	/* Its other threads first, the first thread last, as the kernel
	 * reports their ends. */
	for (int first = 0; first < 2; first++)
		for (int i = 0; i < open_names_n;) {
			struct open_call_name *e = &open_names[i];
			if (e->pid != pid || (e->tid == pid) != first) {
				i++;
				continue;
			}
			if (e->tid != pid)
				many_tids = 1;
			if (e->line) {
				/* Staged whole at its entry (RING_PENDING); -ff:
				 * in its thread's file. */
				put_record(opts.output_per_process ? dest_for(e->tid)
								   : d,
					   e->tid, pid, 0, e->line, e->line_len);
				open_name_drop(i);
				continue;
			}
			if (opts.output_per_process) { /* no RING_OPEN there */
				i++;
				continue;
			}
			char text[96];
			snprintf(text, sizeof text, "<... %s resumed>%s)", e->name,
				 e->cut ? " <unfinished ...>" : "");
			put_end_line(e->tid, pid, text, 1);
			open_name_drop(i);
		}
}

static void end_line(int pid, const char *text)
{
	end_line_of(pid, pid, text);
}

/* The threads known of pid (those that wrote a record), its first aside. */
static int live_threads_of(int pid)
{
	int n = 0;
	for (unsigned h = 0; h < live_cap && live_used; h++)
		n += live[h].tid && live[h].pid == pid;
	return n;
}

static void say_end_lines(int pid, int status);
static void put_exec_rest(struct dest *d, int pid);
static void launcher_notice(pid_t pid, const char *line, void *arg);

/* Process pid ended (exited, or killed by a signal no catcher of ours saw)
 * with its execve line still open: its exec succeeded (a failed one's line
 * is ended by the old image, which goes on) into a program no image of
 * ours entered, which also never said its end. With
 * --preload that is a static program (or another ELF class), whose loader
 * takes no LD_PRELOAD; the image follows such an exec instead (where it
 * could not, a notice at the exec said why). Its line ends as strace's
 * does, "<... execve resumed>) = 0", and with --preload a notice says why
 * nothing of the program was shown. 1 if it was such a process. */
static int untraced_exec_ended(int pid)
{
	struct open_call_name *e = open_name_of(pid);
	if (!e || (strcmp(e->name, "execve") && strcmp(e->name, "execveat")))
		return 0;
	struct dest *d = dest_for(pid);
	if (!d || opts.json || opts.summary == 1) {
		open_name_clear(pid);
	} else {
		put_exec_rest(d, pid);
	}
	/* Where the image was refused the exec's own notice said so. */
	if (d && !opts.json && !use_image) {
		char line[200];
		snprintf(line, sizeof line,
			 "process %d ran a program the preload cannot enter "
			 "(statically linked, or not x86-64): its calls are not "
			 "shown; without --preload they are",
			 pid);
		launcher_notice(pid, line, 0);
	}
	return 1;
}

/* A set of pids, each taken out when asked for. */
struct pid_list {
	int *pids;
	int n, cap;
};

static void pid_list_add(struct pid_list *l, int pid)
{
	l->pids = room_for_one(l->pids, l->n, &l->cap, 16, sizeof *l->pids);
	l->pids[l->n++] = pid;
}

/* Whether pid is in l (then taken out: its pid may come again). */
static int pid_list_take(struct pid_list *l, int pid)
{
	for (int i = 0; i < l->n; i++)
		if (l->pids[i] == pid) {
			l->pids[i] = l->pids[--l->n];
			return 1;
		}
	return 0;
}

/* Pids whose traced reaper counted their end (RING_END_BY_REAPER) and
 * whose slot in the ring's table was freed before we said that end: the
 * slot's word is gone, not what it told (say_how_it_ended). */
static struct pid_list reaper_counted;

/* Frees slot i of the ring's pid table (pid, dead): its end taken for us
 * first where nobody took it, so that a reaper coming after counts
 * nothing; kept above where its reaper took it. */
static void free_pid_slot(int i, int pid)
{
	int32_t was = 0;
	if (!__atomic_compare_exchange_n(&ring->end_claims[i], &was,
					 RING_END_BY_LAUNCHER, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) &&
	    was == RING_END_BY_REAPER)
		pid_list_add(&reaper_counted, pid);
	ring_pid_free(ring, i, pid);
}

/* "+++ exited with N +++" or "+++ killed by SIGxxx +++" for pid; one
 * killed by SIGKILL, which no hook of its saw, leaves the tasks traced
 * (trace_ring.h, live_tasks) here: a process counts its own end at its
 * exit_group or in our catcher of its fatal signal; so does one that ran
 * a program we could not enter (its one task). */
static void say_how_it_ended(int pid, int status)
{
	int tasks = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL
			    ? 1 + live_threads_of(pid)
			    : 0;
	/* Not a SIGKILL: it may have come inside the execve, before the
	 * new program (strace: "= ?"); any other fatal signal would have
	 * met our catcher in the old image, which says the end itself. */
	if ((WIFEXITED(status) ||
	     (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)) &&
	    untraced_exec_ended(pid) && !tasks)
		tasks = 1;
	int counting = tasks && ring &&
		       __atomic_load_n(&ring->live_counted, __ATOMIC_RELAXED);
	/* Its traced parent that reaped it took its first task out already
	 * (trace_ring.h, end_claims): its end line goes by the count with
	 * it, as strace's. That decides the prefix of its lines here, once
	 * (end_line_shows_pid), and the count goes down before they are
	 * written, so that the other tasks' next lines go by the count
	 * without it, as strace's after its end. */
	int decided_here = 0;
	if (counting) {
		int by_reaper = 0;
		int live = __atomic_load_n(&ring->live_tasks, __ATOMIC_RELAXED);
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
			int took = ring_claim_end(ring, pid, RING_END_BY_LAUNCHER);
			by_reaper = took < 0 ? pid_list_take(&reaper_counted, pid)
					     : took == RING_END_BY_REAPER;
			/* It took every task of its own out already: at a
			 * SIGKILL it sent itself and said, or at its exit_group
			 * (a SIGKILL came in our hook, before the call). Only
			 * the one added back below goes out again: its threads
			 * the ring still shows live would count twice. */
			if (took == RING_END_BY_ITSELF)
				tasks = 1;
			if (took > 0 || by_reaper)
				live = __atomic_add_fetch(&ring->live_tasks, 1,
							  __ATOMIC_RELAXED);
		}
		/* A reaper that counted it was alive beside it as it died. */
		if (!end_line_shows_pid) {
			end_line_shows_pid = by_reaper || live > 1 ? 1 : -1;
			decided_here = 1;
		}
		__atomic_sub_fetch(&ring->live_tasks, tasks, __ATOMIC_RELAXED);
	}
	say_end_lines(pid, status);
	if (decided_here)
		end_line_shows_pid = 0;
}

static void say_end_lines(int pid, int status)
{
	/* -f: a process that wrote nothing before it ended (a child killed
	 * before its first call) was followed still: strace said it
	 * attached. */
	if (opts.follow_forks)
		announce_new_thread(pid, pid);
	/* The calls its threads were in: said whatever -e signal= hides. */
	if (opts.summary != 1 && WIFSIGNALED(status))
		say_killed_calls(pid);
	/* strace 6.1: -qq and quiet=exit leave out "exited with"; "killed
	 * by" goes by -e signal= instead. */
	if (opts.summary == 1 ||
	    (WIFSIGNALED(status)
		     ? !trace_options_signal_shown(&opts, WTERMSIG(status))
		     : trace_options_quiet(&opts, TRACE_QUIET_EXIT)))
		return;
	if (opts.json || timeline.f) {
		end_event(pid, status);
		if (opts.json)
			return;
	}
	char text[96];
	if (WIFEXITED(status)) {
		snprintf(text, sizeof text, "+++ exited with %d +++",
			 WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		char name[40];
		size_t k = format_signal_name(name, sizeof name - 1,
					      WTERMSIG(status));
		name[k] = 0;
		snprintf(text, sizeof text, "+++ killed by %s%s +++", name,
			 WCOREDUMP(status) ? " (core dumped)" : "");
		/* strace -f: each of its threads too, its first last. A
		 * signal a handler of ours saw was said in the process
		 * (this is not reached); this one, a SIGKILL from outside,
		 * left it no word. */
		int *tids;
		int n = live_threads_take(pid, &tids);
		if (n)
			many_tids = 1; /* "[pid N]" on each, as strace's */
		for (int i = 0; i < n; i++)
			end_line_of(tids[i], pid, text);
		free(tids);
	} else {
		return;
	}
	end_line(pid, text);
}

/* A traced process we waited for ended: its lines first, then, unless it
 * said so itself, how it ended. */
static void process_ended(int pid, int status)
{
	drain_settled();
	int said = take_ended(pid);
	/* A sandbox killed it for a call we made on its behalf: say so. */
	if (WIFSIGNALED(status) &&
	    (WTERMSIG(status) == SIGSYS || WTERMSIG(status) == SIGKILL) &&
	    __atomic_load_n(&ring->own_call_pid, __ATOMIC_ACQUIRE) == pid) {
		int nr = ring->own_call_nr;
		const char *name = nr == SYS_clock_gettime ? "clock_gettime (for -t, -T, -r or -c)"
				   : nr == SYS_futex      ? "futex (waiting for room in a full trace ring)"
				   : nr == SYS_mmap       ? "mmap (a new thread's tracer state)"
							  : "system";
		say(
			"process %d confined itself with seccomp, and "
			"its filter killed it for a %s call the tracer made on its "
			"behalf, not the program\n",
			pid, name);
	}
	int traced = pid == root_pid || opts.follow_forks;
	if (!said && traced)
		end_open_calls(pid, realtime_ns());
	if (!said && traced)
		say_how_it_ended(pid, status);
	forget_threads_of(pid);
}

static pid_t child;
/* A process whose end the launcher watches (below). */
struct watched {
	int pid;
	int fd;   /* its pidfd; -1 once done */
	int done; /* its end was said (by it, by a reaper's record, or here) */
	uintptr_t ring_at; /* where it maps the ring (0: not known) */
	/* Its pidfd's inode: one a process where pidfs names them (Linux
	 * 6.9), so that a process that got its pid again is told from it;
	 * elsewhere every pidfd has the same, and nothing is told apart. */
	unsigned long long ino;
};
static void watched_done(int pid);
static struct watched *find_watched(int pid);

/* A traced process reaped its child pid (RING_REAPED): with -f, strace's
 * "+++ killed by +++" for a descendant that could not say so itself
 * (SIGKILL, a fault in its SIGSEGV handler). Its own lines all came
 * before: it was dead when its parent reserved the record. */
static int ended_status(int fd, int pid, int *status);
static int pidfd_ended(int fd);

/* -p with -f: the children a process had before we attached to it,
 * which strace does not trace (it attaches to the process's threads
 * only): their ends, reaped by it, are not ours to say. */
static struct pid_list children_before_attach;

static void note_children_before_attach(int pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/task", pid);
	DIR *tasks = opendir(path);
	if (!tasks)
		return;
	for (struct dirent *t; (t = readdir(tasks));) {
		if (t->d_name[0] < '0' || t->d_name[0] > '9')
			continue;
		char children[320];
		snprintf(children, sizeof children, "/proc/%d/task/%s/children",
			 pid, t->d_name);
		FILE *f = fopen(children, "re");
		if (!f)
			continue;
		for (int child; fscanf(f, "%d", &child) == 1;)
			pid_list_add(&children_before_attach, child);
		fclose(f);
	}
	closedir(tasks);
}

static void child_reaped(int pid, int status)
{
	if (pid_list_take(&children_before_attach, pid))
		return;
	struct watched *w = find_watched(pid);
	int said = w && w->done; /* by its watcher */
	/* Reaped with no status asked for (RING_REAPED_UNKNOWN): its
	 * pidfd has it (Linux 6.15), else it is said only if it said so
	 * itself. Either way its pid is free: what it left is taken. */
	if (status == RING_REAPED_UNKNOWN && w && !said && w->fd >= 0 &&
	    !pidfd_ended(w->fd))
		return; /* it lives: nothing was reaped */
	int known = status != RING_REAPED_UNKNOWN ||
		    (w && !said && w->fd >= 0 && ended_status(w->fd, pid, &status));
	if (!known)
		said = 1;
	watched_done(pid);
	if (!take_ended(pid) && !said && opts.follow_forks) {
		end_open_calls(pid, realtime_ns());
		end_line_shows_pid = 1;
		say_how_it_ended(pid, status);
		end_line_shows_pid = 0;
	}
	forget_threads_of(pid);
}

/* With -f, whether a traced process still lives (the ring's pid table;
 * the dead are cleared). A zombie is dead: it writes nothing more. */
static int tracees_alive(void)
{
	int alive = 0;
	for (int i = 0, used = ring_pids_used(ring); i < used; i++) {
		int pid = __atomic_load_n(&ring->pids[i], __ATOMIC_ACQUIRE);
		if (!pid)
			continue;
		if (tid_dead(pid))
			free_pid_slot(i, pid);
		else
			alive = 1;
	}
	return alive;
}

/* ---- ends no wait of ours or of a traced parent sees ----
 *
 * A traced process killed by a signal cannot say so itself, and the
 * launcher reaps only PROG, a traced parent's wait4/waitid only its own
 * children (RING_REAPED). For the rest (a child its parent's SIGCHLD
 * SIG_IGN or SA_NOCLDWAIT lets the kernel reap, one reaped by a parent we
 * do not trace or by init, a process attached with -p) the launcher holds
 * a pidfd: a pidfd stays readable once its process has ended, and Linux
 * 6.15's PIDFD_GET_INFO gives the wait status once it is reaped, whoever
 * reaped it; before that, a zombie's /proc/PID/stat has it. A pidfd names
 * one process, so a pid the kernel hands out again is never mistaken for
 * it; it is opened only for a process shown to be traced (it maps this
 * launcher's ring) and alive after, or (-p) while we attach it. Where the
 * kernel has no PIDFD_GET_INFO, nothing is printed. */

/* <linux/pidfd.h> of Linux 6.15 (its first 64 bytes). */
struct pidfd_info_v0 {
	uint64_t mask;
	uint64_t cgroupid;
	uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid, fsuid,
		fsgid;
	int32_t exit_code;
};
#define PIDFD_INFO_EXIT_ (1ULL << 3)
#define PIDFD_GET_INFO_ _IOWR(0xFF, 11, struct pidfd_info_v0)

static struct watched *watched;
static int nwatched, watched_cap;
static ino_t ring_ino; /* the ring memfd's inode, as /proc/PID/maps shows it */

static struct watched *find_watched(int pid)
{
	for (int i = 0; i < nwatched; i++)
		if (watched[i].pid == pid)
			return &watched[i];
	return 0;
}

static void watched_done(int pid)
{
	struct watched *w = find_watched(pid);
	if (!w || w->done)
		return;
	w->done = 1;
	close(w->fd);
	w->fd = -1;
}

/* Whether the process behind pidfd has ended (its pidfd readable),
 * waiting up to ms milliseconds for it to (0: only asks). */
static int pidfd_ended_within(int fd, int ms)
{
	struct pollfd p = {fd, POLLIN, 0};
	double until = now_sec() + ms / 1e3;
	for (;;) {
		double left = until - now_sec();
		int r = poll(&p, 1, left > 0 ? (int)(left * 1e3) + 1 : 0);
		if (r == 1)
			return !!(p.revents & (POLLIN | POLLHUP));
		/* Timed out, failed, or interrupted with no time left. */
		if (r == 0 || errno != EINTR || left <= 0)
			return 0;
	}
}

static int pidfd_ended(int fd)
{
	return pidfd_ended_within(fd, 0);
}

/* Where process pid maps this launcher's ring, read from its maps; 0 if
 * it does not. */
static uintptr_t maps_ring(int pid)
{
	char path[64], line[512];
	inject_proc_path(path, sizeof path, pid, "maps");
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	uintptr_t at = 0;
	while (!at && fgets(line, sizeof line, f)) {
		unsigned long long start = 0, ino = 0;
		if (sscanf(line, "%llx-%*s %*s %*s %*s %llu", &start, &ino) == 2 &&
		    ino == (unsigned long long)ring_ino &&
		    strstr(line, "memfd:systrap-trace"))
			at = (uintptr_t)start;
	}
	fclose(f);
	return at;
}

/* Whether process pid holds this session's ring at `at`: the nonce there,
 * read from its memory. */
static int ring_there(int pid, uintptr_t at)
{
	uint64_t nonce = 0;
	struct iovec local = {&nonce, sizeof nonce};
	struct iovec remote = {
		(void *)(at + offsetof(struct ring_header, session_nonce)),
		sizeof nonce};
	return at && process_vm_readv(pid, &local, 1, &remote, 1, 0) ==
			     (ssize_t)sizeof nonce &&
	       nonce == ring->session_nonce;
}

/* Where the first traced process maps the ring (learnt once). */
static uintptr_t child_ring_at;

/* Process pid's state letter and parent, from /proc/PID/stat: 0 where it
 * could not be read. */
static int state_and_parent(int pid, char *state, int *ppid)
{
	char buf[1024];
	const char *p = stat_after_name(pid, buf, sizeof buf);
	return p && sscanf(p + 1, " %c %d", state, ppid) == 2;
}

/* Where a new registrant maps the ring: a fork child has it where its
 * parent has (its memory is a copy), so that place is checked in its
 * memory first (one small /proc read and one process_vm_readv where its
 * whole /proc/PID/maps cost ~10% of the launcher's time under -f); its
 * maps tell otherwise (an exec, a CLONE_PARENT child, an orphan). 0 if
 * it does not map the ring. */
static uintptr_t registrant_ring_at(int pid)
{
	char state;
	int ppid = 0;
	if (state_and_parent(pid, &state, &ppid) && ppid > 0) {
		uintptr_t at = 0;
		if (ppid == child) {
			if (!child_ring_at)
				child_ring_at = maps_ring(child);
			at = child_ring_at;
		} else {
			struct watched *parent = find_watched(ppid);
			if (parent && !parent->done)
				at = parent->ring_at;
		}
		if (ring_there(pid, at))
			return at;
	}
	return maps_ring(pid);
}

/* Whether pid is a zombie whose parent is traced: PROG, or a watched
 * process still alive. */
static int zombie_of_traced(int pid)
{
	int ppid = 0;
	char state = 0;
	if (!state_and_parent(pid, &state, &ppid) || state != 'Z')
		return 0;
	struct watched *parent = find_watched(ppid);
	return ppid == child || (parent && !parent->done);
}

/* Whether process pid is on its way out: the kernel's PF_EXITING (0x4) in
 * /proc/PID/stat's ninth field, its flags, set as its exit begins. */
static int exiting(int pid)
{
	char buf[1024];
	unsigned flags = 0;
	const char *p = stat_after_name(pid, buf, sizeof buf);
	return p && sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %u", &flags) == 1 &&
	       (flags & 0x4);
}

/* Watches pid from now on: a pidfd, kept only if the process is traced
 * (verify: it maps the ring) and still alive once that is known. -ESRCH
 * when no process has that pid any more. */
static int watch(int pid, int verify)
{
	struct watched *w = find_watched(pid);
	if (w && !w->done)
		return 0;
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (fd < 0)
		return -errno;
	struct stat st;
	unsigned long long ino = fstat(fd, &st) ? 0 : (unsigned long long)st.st_ino;
	/* w is this very process, whose end was said (not one that had
	 * its pid before). */
	int said = w && (!ino || !w->ino || w->ino == ino);
	int ended = pidfd_ended(fd);
	uintptr_t ring_at = verify && !ended ? registrant_ring_at(pid) : 0;
	/* Killed before we came to it and still on its way out: its memory
	 * is gone already (no ring to see; a large one takes a while to
	 * free), it is not a zombie yet. Its parent cannot reap it before
	 * we answer (it waits for us, trace_ring_producer.c), so in a
	 * moment it is the zombie of a traced parent below. Seen under
	 * load: a fork child killed in pause() before its parent got back
	 * from fork, its end never said. */
	if (verify && !ended && !ring_at && exiting(pid))
		ended = pidfd_ended_within(fd, 1000);
	/* A registrant dead before we came to it (killed while we slept):
	 * a zombie's maps are empty, but a zombie child of a traced process
	 * was traced (-f traces every child), and its parent's settle, at
	 * its wait or exit, waits for us: so it is watched, and its end
	 * said. Not one whose end was said already. */
	if (ended ? !(verify && !said && zombie_of_traced(pid))
		  : verify && !ring_at) {
		close(fd);
		return 0;
	}
	/* Close-on-exec already: pidfd_open sets it on every pidfd. */
	if (!w) {
		watched = room_for_one(watched, nwatched, &watched_cap, 64,
				       sizeof *watched);
		w = &watched[nwatched++];
	}
	/* A pid used again: the old process's end was said. */
	w->pid = pid;
	w->fd = fd;
	w->done = 0;
	w->ring_at = ring_at;
	w->ino = ino;
	return 0;
}

/* How the process behind fd ended: 1 and *status when known. */
static int ended_status(int fd, int pid, int *status)
{
	struct pidfd_info_v0 info;
	memset(&info, 0, sizeof info);
	info.mask = PIDFD_INFO_EXIT_;
	if (ioctl(fd, PIDFD_GET_INFO_, &info))
		return 0; /* a kernel without it (before 6.15) */
	if (info.mask & PIDFD_INFO_EXIT_) {
		*status = info.exit_code;
		return 1;
	}
	/* Not reaped: a zombie holds its pid, so /proc/PID is it; its
	 * exit_code (field 52) is its wait status. Gone from /proc after
	 * all: reaped since the ioctl (init reaps orphans at once), which now
	 * has its status. */
	char buf[1024];
	const char *p = stat_after_name(pid, buf, sizeof buf);
	if (!p || p[1] != ' ' || p[2] != 'Z') {
		memset(&info, 0, sizeof info);
		info.mask = PIDFD_INFO_EXIT_;
		if (ioctl(fd, PIDFD_GET_INFO_, &info) ||
		    !(info.mask & PIDFD_INFO_EXIT_))
			return 0;
		*status = info.exit_code;
		return 1;
	}
	/* Field 3, the state, follows the name; the 52nd is exit_code. */
	int field = 3;
	long value = 0;
	for (p += 2; *p && field < 52; p++)
		if (*p == ' ') {
			field++;
			if (field == 52)
				value = strtol(p + 1, 0, 10);
		}
	if (field != 52)
		return 0;
	/* Still that zombie (not reaped meanwhile, its pid free again)? */
	memset(&info, 0, sizeof info);
	info.mask = PIDFD_INFO_EXIT_;
	if (ioctl(fd, PIDFD_GET_INFO_, &info))
		return 0;
	*status = (info.mask & PIDFD_INFO_EXIT_) ? info.exit_code : (int)value;
	return 1;
}

/* With -f: every traced process in the ring's table is watched (not PROG,
 * which we reap). */
static void watch_registered(void)
{
	for (int i = 0, used = ring_pids_used(ring); i < used; i++) {
		int pid = __atomic_load_n(&ring->pids[i], __ATOMIC_ACQUIRE);
		if (pid && pid != child) {
			struct watched *w = find_watched(pid);
			/* One gone (reaped) is freed now, as tracees_alive()
			 * frees it once a second: else every registration
			 * until then tried it again (under -f, a pidfd_open
			 * for each process that ended in the last second, in
			 * each fork's wait for us). */
			if ((!w || w->done) && watch(pid, 1) == -ESRCH)
				free_pid_slot(i, pid);
		}
	}
}

static void say_watched_ends(void);

/* New pids in the ring's table (trace_ring.h, watch_asked): watched, then
 * their registrants told so. The table is looked at only when one came.
 * The watched processes that ended are said first: one of them may have
 * had a new registrant's pid, its entry still live (its reaper's record
 * not yet taken), and the new process would pass for it. */
static void watch_new_registrations(void)
{
	static uint32_t seen;
	uint32_t asked = __atomic_load_n(&ring->watch_asked, __ATOMIC_ACQUIRE);
	if (asked == seen)
		return;
	say_watched_ends();
	watch_registered();
	seen = asked;
	__atomic_store_n(&ring->watch_done, asked, __ATOMIC_RELEASE);
	syscall(SYS_futex, &ring->watch_done, FUTEX_WAKE, INT_MAX, 0, 0, 0);
}

/* Watched processes that ended: their lines first, then, unless it or its
 * reaper's record said so, how they ended. */
static void say_watched_ends(void)
{
	/* One poll for all of them. */
	static struct pollfd *fds;
	static int fds_cap;
	if (fds_cap < nwatched) {
		fds_cap = watched_cap;
		fds = realloc(fds, (size_t)fds_cap * sizeof *fds);
		if (!fds)
			die("%s", "out of memory");
	}
	for (int i = 0; i < nwatched; i++)
		fds[i] = (struct pollfd){watched[i].done ? -1 : watched[i].fd,
					 POLLIN, 0};
	if (poll(fds, (nfds_t)nwatched, 0) <= 0)
		return;
	for (int i = 0; i < nwatched; i++) {
		struct watched *w = &watched[i];
		int status;
		if (w->done || !(fds[i].revents & (POLLIN | POLLHUP)) ||
		    !ended_status(w->fd, w->pid, &status))
			continue;
		drain_settled();
		w = &watched[i]; /* (drain may have marked it done) */
		if (w->done)
			continue;
		int pid = w->pid;
		watched_done(pid);
		if (!take_ended(pid) && (WIFEXITED(status) || WIFSIGNALED(status))) {
			end_open_calls(pid, realtime_ns());
			say_how_it_ended(pid, status);
		}
		forget_threads_of(pid);
	}
}

/* -I2 (the default with the trace on stderr): a fatal signal sent to us
 * by kill(2) (`timeout`, say) makes us leave as strace does (leave_traced:
 * passed on to PROG, SIGCONT first, every process let go and said so,
 * PROG running on untraced) and die of it. Passed on there, not here, as
 * strace's cleanup passes it: sent from the handler, PROG could die of it
 * and be reaped by our loop before it saw the request. One from the terminal (Ctrl-C) reaches PROG
 * from the terminal, once, and we trace on until it ends. */
static volatile sig_atomic_t leave_asked;

static void forward_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (child > 0 && si->si_code <= 0)
		leave_asked = sig;
}

/* -I1 (anywhere): a fatal signal ends us as it would strace, and PROG
 * runs on untraced: its hooks stop first (the ring says we left), so it
 * never waits for room in a ring nobody empties. */
static void leave_and_die(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	if (ring) {
		__atomic_store_n(&ring->detached, 1, __ATOMIC_RELEASE);
		/* A producer waiting for room sees it now. */
		__atomic_add_fetch(&ring->space_seq, 1, __ATOMIC_SEQ_CST);
		syscall(SYS_futex, &ring->space_seq, FUTEX_WAKE, INT_MAX, 0, 0, 0);
	}
	raise(sig); /* SA_RESETHAND: the default action, once unblocked */
}

/* How PROG is started (and use_image, above). */
static int chosen_footprints;         /* --footprints: 1 text, 2 json */
static const char *chosen_spec;       /* the options, for the tracer */
static void prepare_preload(int footprints, const char *spec);
static struct image_launcher launcher;
static char **image_settings;         /* the image's, NULL-ended */
static int root_status, root_done;

/* A child of ours ended (reaped by the main loop, or by the launcher while
 * it waited for an exec). */
static void child_status(pid_t pid, int status)
{
	if (pid == pipe_pid) {
		pipe_pid = -1;
		return;
	}
	if (!WIFEXITED(status) && !WIFSIGNALED(status))
		return;
	/* A child we did not start nor trace (without -f, one a traced
	 * process made with CLONE_PARENT): strace reaps it and says so. */
	if (root_pid && pid != root_pid && !opts.follow_forks &&
	    !find_watched(pid)) {
		if (!trace_options_quiet(&opts, TRACE_QUIET_EXIT))
			say("Exit of unknown pid %d ignored\n", (int)pid);
		return;
	}
	/* An orphan we reaped as its namespace's init (a launcher that is
	 * pid 1: `unshare -Urpf systrap-trace`), or a process that ended
	 * while we held it under ptrace (its exec failed, and it exited
	 * before we let go: a shell's command not found): a watched process,
	 * said once, as a traced parent's reap of it is. Its own lines first:
	 * they may have come since our last pass, and one of them may say
	 * how it ended (said before them, its end came twice, the first
	 * before its execve line). */
	if (pid != root_pid && find_watched(pid)) {
		drain_settled();
		child_reaped(pid, status);
		return;
	}
	process_ended(pid, status);
	if (pid == root_pid) {
		root_status = status;
		root_done = 1;
	}
}

static void launcher_child_ended(pid_t pid, int status, void *arg)
{
	(void)arg;
	child_status(pid, status);
}

/* Without -f only the root's execs are traced (each attached process is
 * a root), as under strace. With -f a process whose exec we follow is put
 * in the table and watched first: a vfork or posix_spawn child is in no
 * table yet (its parent registers it when vfork returns, after the exec),
 * and the image we start in it would register it and wait for us to
 * watch it, while we wait for its image's entry to end: every such exec
 * took the wait's 2-second bound (make -j2's compilers, gcc's vfork of
 * as). */
static int launcher_follows(pid_t tgid, void *arg)
{
	(void)arg;
	if (opts.follow_forks && tgid != child) {
		ring_pid_add(ring, tgid);
		watch(tgid, 0);
	}
	if (opts.follow_forks || tgid == root_pid)
		return 1;
	for (int i = 0; i < opts.nattach; i++)
		if (opts.attach[i] == tgid)
			return 1;
	return 0;
}

/* Into the trace, where the process's lines go (never the program's own
 * stderr when the trace has a file of its own): the program's output
 * stays as it is natively. */
static void launcher_notice(pid_t pid, const char *line, void *arg)
{
	(void)arg;
	/* pid 0: a line of no process of ours (image_launcher.h). */
	struct dest *d = pid > 0 ? dest_for(pid) : main_dest;
	if (trace_options_quiet(&opts, TRACE_QUIET_ATTACH) || !d)
		return;
	char text[640];
	if (opts.json) {
		struct jbuf b = {0, 0, 0};
		trace_json_notice(&b, pid, line);
		dest_put(d, b.p, b.len);
		jb_free(&b);
		return;
	}
	int n = snprintf(text, sizeof text, "%s: %s\n", progname, line);
	close_open(d);
	if (n > 0)
		dest_put(d, text, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1);
}

/* The old image of process pid held its execve line open (RING_OPEN,
 * trace_syscalls.c's exec_line_opens) and no new image of ours ends it:
 * its end, ") = 0" after the entry half, or "<... execve resumed>) = 0"
 * where another line came between. */
static void put_exec_rest(struct dest *d, int pid)
{
	struct open_call_name *e = open_name_of(pid);
	char head[RING_OPEN_NAME_MAX + 32];
	snprintf(head, sizeof head, "<... %s resumed>", e ? e->name : "execve");
	open_name_clear(pid);
	if (d->open_tid == pid && d->col) {
		end_open_line_as(d, "0");
		d->open_tid = 0;
	} else {
		put_exec_line(d, pid, 0, head, "0", -1);
	}
}

/* Process pid exec'd a 32-bit program, which runs untraced
 * (image_launcher.h): its execve line as strace prints it (the entry the
 * old image, or we, formatted for the new image), and, where the trace
 * goes to stderr, strace's note of the mode. */
static void launcher_foreign(pid_t pid, const char *const settings[], void *arg)
{
	(void)arg;
	/* The old image's record that opened its execve line came before
	 * its exec: taken first (else it would open a second line after
	 * the one written here, which nothing ends). */
	if (ring)
		drain(0);
	static const char key[] = "SYSTRAP_TRACE_EXEC=";
	const char *entry = 0;
	for (size_t i = 0; settings && settings[i]; i++)
		if (!strncmp(settings[i], key, sizeof key - 1))
			entry = settings[i] + sizeof key - 1;
	struct dest *d = dest_for(pid);
	if (!d || opts.json || opts.summary == 1)
		return;
	int shown = entry && *entry && trace_options_traced(&opts, SYS_execve) &&
		    trace_options_status_shown(&opts, 0);
	if (shown && open_name_of(pid))
		put_exec_rest(d, pid);
	else if (shown)
		put_exec_line(d, pid, 0, entry, "0", -1);
	if (!opts.output[0]) {
		char line[LAUNCHER_PREFIX_MAX + 64];
		size_t cap = sizeof line;
		launcher_line_begin(d, pid);
		int n = launcher_line_prefix(line, pid);
		n += snprintf(line + n, cap - n,
			      "[ Process PID=%d runs in 32 bit mode. ]\n", (int)pid);
		dest_put(d, line, (size_t)n);
	}
}

/* In the child, before the exec: PROG gets our signal mask as it was. */
/* SIGCHLD as PROG's parent left it: ignored (or SA_NOCLDWAIT) would have
 * the kernel reap our child unseen and send us no SIGCHLD, and our wait
 * would never end; so we take the default and PROG gets it back. */
static struct sigaction prog_sigchld;
static int sigchld_taken;

static void take_sigchld(void)
{
	if (sigaction(SIGCHLD, 0, &prog_sigchld))
		return;
	if (prog_sigchld.sa_handler == SIG_IGN ||
	    (prog_sigchld.sa_flags & SA_NOCLDWAIT)) {
		struct sigaction dfl;
		memset(&dfl, 0, sizeof dfl);
		dfl.sa_handler = SIG_DFL;
		sigaction(SIGCHLD, &dfl, 0);
		sigchld_taken = 1;
	}
}

/* In PROG's process, before its exec: its signal mask and SIGCHLD. */
static int restore_mask(void *arg)
{
	if (sigchld_taken && sigaction(SIGCHLD, &prog_sigchld, 0))
		return -errno;
	return launcher_set_mask(arg);
}

/* -ff: PROG's own FILE.PID, made in PROG's process before its exec, as
 * strace makes it. One that cannot be made stops the start as strace's
 * "Can't fopen" does (exit 1, the program never run): made at the first
 * line instead, the program ran untraced and its status was ours. The
 * errno goes back through root_file_pipe (close-on-exec: at the exec the
 * launcher reads an end, nothing). Made empty, it is opened again (and
 * truncated again) when the first line comes. */
static int root_file_pipe[2] = {-1, -1};
static int make_root_file(void)
{
	if (root_file_pipe[1] < 0)
		return 0;
	char path[PER_PROCESS_PATH];
	int fd = open_per_process_file((int)getpid(), path);
	int said[2];
	said[1] = fd < 0 ? errno : 0;
	said[0] = (int)getpid();
	if (fd >= 0)
		close(fd);
	if (write(root_file_pipe[1], said, sizeof said) != sizeof said)
		return -EIO;
	return -said[1];
}

static int setup_prog(void *arg)
{
	int e = make_root_file();
	return e ? e : restore_mask(arg);
}

/* Before a start (-ff only): the pipe make_root_file answers through. */
static void expect_root_file(void)
{
	if (opts.output_per_process && pipe2(root_file_pipe, O_CLOEXEC))
		die("%s", "pipe failed");
}

/* After it: whether PROG's file was made; if not, says so as strace does
 * and exits 1, PROG reaped (our child `reap`, else reaped already).
 * Returns the pid whose file was made, 0 if none. */
static int check_root_file(pid_t reap)
{
	if (root_file_pipe[1] < 0)
		return 0;
	close(root_file_pipe[1]);
	root_file_pipe[1] = -1;
	int said[2];
	ssize_t n;
	while ((n = read(root_file_pipe[0], said, sizeof said)) < 0 &&
	       errno == EINTR)
		;
	close(root_file_pipe[0]);
	root_file_pipe[0] = -1;
	if (n != sizeof said)
		return 0;
	if (!said[1])
		return said[0];
	if (reap > 0)
		waitpid(reap, 0, __WALL);
	say("Can't fopen '%s.%d': %s\n", opts.output, said[0],
	    strerror(said[1]));
	exit(1);
}

/* -ff -p PID...: each listed process's FILE.PID made before anything is
 * attached or started; one that cannot be made ends the run as strace's
 * "Can't fopen" does, exit 1, every process left alone (later, its lines
 * went to /dev/null and we exited 0). */
static void make_attach_files(void)
{
	if (!opts.output_per_process)
		return;
	for (int i = 0; i < opts.nattach; i++) {
		/* No file for a pid that is no process (strace makes none:
		 * its attach fails first). */
		if (kill(opts.attach[i], 0) && errno == ESRCH)
			continue;
		char path[PER_PROCESS_PATH];
		int fd = open_per_process_file(opts.attach[i], path);
		if (fd < 0) {
			say("Can't fopen '%s': %s\n", path, strerror(errno));
			exit(1);
		}
		close(fd);
	}
}

/* A start that failed after PROG's file was made (the image refused, and
 * the preload starts another process): that file is no process's. */
static void unmake_root_file(int pid)
{
	if (pid <= 0)
		return;
	char path[PER_PROCESS_PATH];
	snprintf(path, sizeof path, "%s.%d", opts.output, pid);
	unlink(path);
}

static void put_table_line(void *d, const char *text, size_t n);

/* -c alone: when the ring was made, by the kernel's clock and the tick
 * counter, to turn the ticks of the sets left to us into nanoseconds. */
static struct timespec counts_began;
static uint64_t counts_began_ticks;

/* -c, -C running PROG (trace_count_sets.h): every traced process has
 * ended, or we leave them; the counts a process could not add (killed by
 * SIGKILL) added, then the table printed, as strace prints it after its
 * last tracee, after every line. */
static void say_summary(void)
{
	if (!opts.summary || !ring)
		return;
	struct ring_counts *rc = ring_counts_of(ring);
	if (!rc->by_launcher || !__atomic_load_n(&rc->shared, __ATOMIC_ACQUIRE))
		return;
	struct summary_row *table =
		(struct summary_row *)((char *)ring + RING_SUMMARY_OFFSET);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	struct count_rate rate = count_rate_between(
		&counts_began, counts_began_ticks, &now, arch_cycles());
	count_sets_fold_left(ring, table, &rate, 1);
	struct dest *d = dest_for(root_pid);
	if (d)
		summary_table_put(table, &opts, put_table_line, d);
}

/* The trace ring (trace_ring.h): a memfd, mapped here as `ring`, which
 * traced processes open through /proc or are given. Returns the memfd. */
static int make_ring(void)
{
	int memfd = (int)syscall(SYS_memfd_create, "systrap-trace",
				 MFD_CLOEXEC);
	if (memfd < 0 || ftruncate(memfd, RING_BYTES))
		die("%s", "cannot make the trace ring (memfd)");
	ring = mmap(0, RING_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
	if (ring == MAP_FAILED)
		die("%s", "cannot map the trace ring");
	ring->magic = RING_MAGIC;
	/* -c, -C running PROG: the table is ours to print, at the end. */
	if (opts.summary && !opts.nattach) {
		ring_counts_of(ring)->by_launcher = 1;
		clock_gettime(CLOCK_MONOTONIC, &counts_began);
		counts_began_ticks = arch_cycles();
	}
	while (getrandom(&ring->session_nonce, sizeof ring->session_nonce, 0) !=
	       (ssize_t)sizeof ring->session_nonce)
		;
	struct stat st;
	if (!fstat(memfd, &st))
		ring_ino = st.st_ino;
	/* Our level's column in /proc's NS lines: how many namespaces
	 * /proc's is above ours. A traced process in a namespace below ours
	 * reads its ids in our namespace from that column of its own
	 * /proc/PID/status (pidns.h). */
	ring->pidns_ino = inject_proc_own_pidns();
	if (!stat("/proc", &st))
		ring->proc_dev = st.st_dev;
	ring->pidns_column = inject_proc_levels_below();
	/* Where the program may write into the trace's file too (our stderr,
	 * or -o naming a terminal or a pipe; not a file of its own). */
	if (main_dest && !opts.output_per_process && !fstat(main_dest->fd, &st) &&
	    (main_dest->fd == 2 || !S_ISREG(st.st_mode))) {
		ring->shared_dev = st.st_dev;
		ring->shared_ino = st.st_ino;
	}
	return memfd;
}

static int attach_listed(const char *ring_setting);
static int attached_alive(void);

/* At our end: every record left in the ring, the held lines of processes
 * whose end we did not see, calls still open ended for --json/--timeline,
 * and the timeline closed. */
static void take_what_is_left(void)
{
	drain(1);
	put_all_ended();
	end_open_calls(0, realtime_ns());
	timeline_close(&timeline);
}

/* A call still waiting when we leave, as strace ends it: its open line
 * (in each destination) ended " <detached ...>". */
static void end_waiting_lines_detached(void)
{
	struct dest *all[1] = {main_dest};
	for (int i = -1; i < ff_count; i++) {
		struct dest *d = i < 0 ? all[0] : ff_dests[i];
		if (d && d->col) {
			static const char detached[] = " <detached ...>\n";
			dest_put(d, detached, sizeof detached - 1);
		}
		if (d)
			d->open_tid = 0;
	}
}

/* The trace's file closed (not our stderr), and a '|CMD' reader waited
 * for, before we end. */
static void close_destination(void)
{
	if (main_dest && main_dest->fd != 2)
		close(main_dest->fd);
	if (pipe_pid > 0)
		waitpid(pipe_pid, 0, 0);
}

/* Leaving PROG's trace for leave_asked's signal, as strace's cleanup
 * leaves: the hooks stop (PROG and its traced descendants run on
 * untraced), exec requests are answered no more, what came is written,
 * each traced process still alive is said detached (not with -q, nor with
 * -o FILE running PROG: quiet_attaches), a call left waiting ends
 * " <detached ...>", and we die of the signal. */
static void leave_traced(int sig)
{
	__atomic_store_n(&ring->detached, 1, __ATOMIC_RELEASE);
	__atomic_add_fetch(&ring->space_seq, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &ring->space_seq, FUTEX_WAKE, INT_MAX, 0, 0, 0);
	if (use_image && launcher.channel)
		__atomic_store_n(&launcher.channel->closed, 1, __ATOMIC_RELEASE);
	/* Who was traced as we left: PROG, unless reaped, and every live -f
	 * process, taken before the signal may end them. */
	int nleft = 0, cap = opts.follow_forks ? ring_pids_used(ring) + 1 : 1;
	int *left_pids = malloc((size_t)cap * sizeof *left_pids);
	if (left_pids && !root_done && child > 0)
		left_pids[nleft++] = (int)child;
	for (int i = 0; left_pids && i < cap - 1; i++) {
		int pid = __atomic_load_n(&ring->pids[i], __ATOMIC_ACQUIRE);
		if (pid > 0 && pid != child && !tid_dead(pid))
			left_pids[nleft++] = pid;
	}
	if (!root_done && child > 0) {
		kill(child, SIGCONT);
		kill(child, sig);
	}
	take_what_is_left();
	flush_all_dests();
	for (int i = 0; i < nleft && !quiet_attaches(); i++)
		say("Process %d detached\n", left_pids[i]);
	end_waiting_lines_detached();
	say_summary(); /* strace's, after its detach */
	flush_all_dests();
	close_destination();
	exit_as(sig);
}

/* Runs PROG in a child (and, with -p, enters those processes too, as
 * strace traces both) and copies the trace until every traced process is
 * gone; returns never: exits as PROG did. */
/* PROG's process under the image, forked before the image is opened
 * (main): its fork and exec overlap that work. Handed to the launcher
 * in run(); one we exit without handing (a die() in between) is killed
 * before it runs a line of PROG. */
static struct inject_spawn early_child = {.report_fd = -1};
static int early_error;
static struct inject_error early_err;

static void abandon_early_child(void)
{
	inject_spawn_abandon(&early_child);
}

static void say_failed_exec(pid_t pid, int err, long long took_ns);
static void say_failed_exec_summary(void);
/* The root's execve line's settings (prepare_root_exec), NULL-ended. */
static char *root_exec[4];

static long long mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The preloaded PROG's start: a child made by inject_vfork_call (inject.h),
 * as the image's is, not a fork. The child runs in our memory while we
 * wait, so it changes nothing of ours: its environment is made here, as setenv and putenv
 * made it in a forked child (each of our variables in its place where the
 * environment has it, else added at the end), with room for the two
 * values only the child knows (its pid, when its execve begins). */
struct preloaded_child {
	const char *path;
	char **argv;
	char **envp;
	char *root;  /* "SYSTRAP_TRACE_ROOT=" and room for the pid */
	char *began; /* "SYSTRAP_TRACE_EXEC_BEGAN=" and room, or 0 */
	const sigset_t *mask;
	int exec_said;
};

static const char root_key[] = "SYSTRAP_TRACE_ROOT=";
static const char began_key[] = "SYSTRAP_TRACE_EXEC_BEGAN=";

static int preloaded_child(void *arg)
{
	const struct preloaded_child *c = arg;
	if (make_root_file())
		_exit(1);
	snprintf(c->root + sizeof root_key - 1, 16, "%d", (int)getpid());
	restore_mask((void *)c->mask);
	if (c->began) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(c->began + sizeof began_key - 1, 24, "%lld",
			 (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
	}
	/* At the site -i's line names. */
	int err = -(int)arch_execve_at_site(c->path, c->argv, c->envp);
	if (write(c->exec_said, &err, sizeof err) != sizeof err) {
		/* The pipe is ours and open: not seen. A stack FILE only. */
		dprintf(2, "%s: exec: %s\n", progname, strerror(-err));
	}
	_exit(1);
}

/* envp with name=... set to entry: in the place of name's first entry,
 * else added after the n entries. */
static void env_set(char **envp, size_t *n, char *entry)
{
	size_t len = strchr(entry, '=') - entry + 1;
	for (size_t i = 0; i < *n; i++)
		if (!strncmp(envp[i], entry, len)) {
			envp[i] = entry;
			return;
		}
	envp[(*n)++] = entry;
	envp[*n] = 0;
}

static pid_t spawn_preloaded(const char *path, char **argv, const char *kv,
			     const sigset_t *mask, int exec_said)
{
	extern char **environ;
	size_t n = 0;
	while (environ[n])
		n++;
	/* Ours live in this frame, which stays until the child has exec'd
	 * (inject_vfork_call waits). */
	char root[sizeof root_key + 16], began[sizeof began_key + 24];
	char *ring_entry, started[] = "SYSTRAP_TRACE_STARTED=1";
	/* Ours: root, ring, started, root_exec's, began; and the end. */
	_Static_assert(sizeof root_exec / sizeof *root_exec <= 4,
		       "room for root_exec's entries");
	char **envp = calloc(n + 8, sizeof *envp);
	if (!envp || asprintf(&ring_entry, "SYSTRAP_TRACE_RING=%s", kv) < 0)
		die("%s", "out of memory");
	memcpy(envp, environ, n * sizeof *envp);
	memcpy(root, root_key, sizeof root_key);
	memcpy(began, began_key, sizeof began_key);
	env_set(envp, &n, root);
	env_set(envp, &n, ring_entry);
	/* The file exists: an image without the ring must not truncate
	 * it. */
	env_set(envp, &n, started);
	/* The execve line for the preload to print first, and when the
	 * call began, for -T (the image's are settings). */
	for (int i = 0; root_exec[i]; i++)
		env_set(envp, &n, root_exec[i]);
	if (root_exec[0])
		env_set(envp, &n, began);
	struct preloaded_child c = {path, argv, envp, root,
				    root_exec[0] ? began : 0, mask, exec_said};
	/* We have no handler yet that could run in the child, in our
	 * memory (run's come after). */
	pid_t pid = inject_vfork_call(preloaded_child, &c);
	int e = errno;
	free(envp);
	free(ring_entry);
	errno = e;
	return pid;
}

static void run(const char *path, char **argv, sigset_t *old_mask)
{
	int memfd = make_ring();
	/* -f from PROG, its one task: strace's nprocs, counted from here by
	 * the processes (trace_ring.h, live_tasks). Not with -p beside
	 * PROG: strace prefixes all then, as we do. */
	if (opts.follow_forks && !opts.nattach) {
		ring->live_tasks = 1;
		ring->live_counted = 1;
	}
	char kv[64];
	snprintf(kv, sizeof kv, "%d:%d", (int)getpid(), memfd);
	/* Our /proc entry when /proc is not our pid namespace's: the
	 * preload opens the ring through it (LAUNCHER_PID:FD:PROC_PID). */
	if (!inject_proc_is_ours()) {
		char self[32] = "";
		ssize_t n = readlink("/proc/self", self, sizeof self - 1);
		if (n > 0) {
			self[n] = 0;
			snprintf(kv, sizeof kv, "%d:%d:%s", (int)getpid(), memfd, self);
		}
	}
	if (use_image) {
		char ring_setting[96];
		snprintf(ring_setting, sizeof ring_setting,
			 "SYSTRAP_TRACE_RING=%s", kv);
		int n = 0;
		while (image_settings[n])
			n++;
		image_settings[n] = ring_setting;
		if (image_launcher_give_fd(&launcher, memfd, "SYSTRAP_TRACE_RING_FD"))
			die("%s", "cannot give the trace ring to the program");
		image_settings[n + 1] = 0;
		struct inject_error err = early_err;
		pid_t pid = 0;
		int e = early_error;
		long long began = mono_ns();
		/* The program runs before the start returns here (the image
		 * goes on to it by itself, INJECT_GO_ON), and before our loop:
		 * a registrant must still wait for the loop to watch its
		 * child (a parent's exit before it, then a kill from outside,
		 * and the orphan's end was never said). The wait is bounded
		 * and the loop's first pass answers it. */
		__atomic_store_n(&ring->watch_served, 1, __ATOMIC_RELEASE);
		if (!e)
			e = image_launcher_start_spawned(
				&launcher, &early_child,
				(const char *const *)image_settings, &pid, &err);
		long long took = mono_ns() - began;
		image_settings[n] = 0;
		int made = check_root_file(0);
		if (e)
			unmake_root_file(made);
		if (e == -ENOENT || e == -EACCES || e == -ENOEXEC) {
			/* As strace: its execve line, then why its exec
			 * failed, then the child's end. */
			root_pid = pid;
			say_failed_exec(pid, e, took);
			say_how_it_ended(pid, 1 << 8);
			say_failed_exec_summary();
			flush_all_dests();
			exit(1);
		}
		if (e == -EPERM || e == -ENOSYS) {
			/* ptrace refused (we are traced ourselves, a seccomp
			 * policy, Yama): the preload, from the program's
			 * constructors on, where there is a loader. */
			if (!trace_options_quiet(&opts, TRACE_QUIET_ATTACH))
				say("%s: tracing with the "
					"preload, which does not see the dynamic "
					"loader's calls\n", err.msg);
			check_preloadable(path);
			prepare_preload(chosen_footprints, chosen_spec);
			use_image = 0;
		} else if (e) {
			die("cannot start the tracer in the program: %s", err.msg);
		} else {
			child = pid;
		}
	}
	/* The preload: PROG's exec fails in our child, which says its
	 * errno through a pipe its exec would close. */
	int exec_said[2] = {-1, -1};
	long long began = mono_ns();
	if (!use_image) {
		expect_root_file();
		if (pipe2(exec_said, O_CLOEXEC))
			die("%s", "pipe failed");
		child = spawn_preloaded(path, argv, kv, old_mask, exec_said[1]);
		if (child < 0)
			die("clone failed: %s", strerror(errno));
		check_root_file(child);
	}
	if (child > 0 && exec_said[0] >= 0) {
		close(exec_said[1]);
		int err = 0;
		ssize_t got;
		while ((got = read(exec_said[0], &err, sizeof err)) < 0 &&
		       errno == EINTR)
			;
		close(exec_said[0]);
		/* Said here, not by the child, so that the line comes first. */
		if (got == sizeof err && err)
			say_failed_exec(child, -err, mono_ns() - began);
	}
	root_pid = child;
	/* -p PID with PROG: strace starts PROG, then attaches. */
	if (opts.nattach) {
		char ring_setting[96];
		snprintf(ring_setting, sizeof ring_setting,
			 "SYSTRAP_TRACE_RING=%d:%d", (int)getpid(), memfd);
		attach_listed(ring_setting);
	}
	/* As strace: job-control reads and writes of the terminal do not stop
	 * us; the fatal signals as -I says (its default: with -o FILE they
	 * are for PROG, which gets them from the terminal, not for us; with
	 * the trace on stderr, one sent to us alone is passed on). */
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	int intr = opts.interruptible ? opts.interruptible
				      : opts.output[0] ? 3 : 2;
	if (intr == 4)
		signal(SIGTSTP, SIG_IGN);
	int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE};
	for (unsigned i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_flags = SA_RESTART | SA_SIGINFO;
		if (intr == 1) {
			sa.sa_sigaction = leave_and_die;
			sa.sa_flags |= SA_RESETHAND;
		} else if (intr == 2 && sigs[i] != SIGPIPE) {
			sa.sa_sigaction = forward_signal;
		} else {
			sa.sa_handler = SIG_IGN;
			sa.sa_flags = 0;
		}
		sigaction(sigs[i], &sa, 0);
	}
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	/* A pass every 200 us while the ring fills fast, every 5 ms while a
	 * few lines come (a pass each 200 us woke us ~10 times in each
	 * short traced process's life, each time taking a CPU from it on a
	 * 2-vCPU machine: docs/PERFORMANCE.md, "Where an exec's time goes"),
	 * doubling to 10 ms when idle; SIGCHLD ends a nap at once.
	 * Written out when idle or every 5 ms, so a watcher of a live trace
	 * is never far behind; never a busy loop: on a small machine we
	 * would take the program's CPU. */
	__atomic_store_n(&ring->watch_served, 1, __ATOMIC_RELEASE);
	long nap = 200000;
	double last_flush = now_sec(), last_sweep = last_flush;
	int reap = 1;
	for (;;) {
		int got = drain(0);
		int status;
		pid_t pid;
		if (leave_asked)
			leave_traced(leave_asked);
		while (reap && (pid = waitpid(-1, &status, WNOHANG | __WALL)) > 0)
			child_status(pid, status);
		put_gone_ends();
		if (opts.follow_forks)
			watch_new_registrations();
		if (opts.follow_forks || opts.nattach)
			say_watched_ends();
		/* Execs to follow: a poster wakes us with a SIGCHLD. */
		if (use_image && image_launcher_serve(&launcher))
			got = 1;
		/* With -f, strace waits for every traced process: so do we,
		 * for those in the ring's table (not as their subreaper: an
		 * orphan's parent is what it would be natively). */
		if (root_done && (!opts.follow_forks || !tracees_alive()) &&
		    !attached_alive())
			break;
		double t = now_sec();
		/* The table has room for the processes alive at once, not
		 * for every process a long -f run makes: free the dead. */
		if (opts.follow_forks && t - last_sweep > 1.0) {
			tracees_alive();
			last_sweep = t;
		}
		if (!got || t - last_flush > 0.005 || written_wanted()) {
			flush_all_dests();
			last_flush = t;
		}
		nap = next_nap(nap, got);
		if (ring_full_pass(got, &nap)) {
			reap = 1;
			continue;
		}
		struct timespec ts = {0, nap};
		reap = launcher_wait_signal(&chld, &ts) == SIGCHLD;
	}
	if (opts.follow_forks || opts.nattach)
		say_watched_ends(); /* ended since the last pass */
	take_what_is_left();
	say_failed_exec_summary();
	say_summary();
	flush_all_dests();
	close_destination();
	/* Die of its signal, as strace does, without a core of our own. */
	exit_as(root_status);
}

/* -p: a terminal signal (or SIGTERM) asks us to detach; we then die of
 * it, as strace does once it has detached. */
static volatile sig_atomic_t detach_asked;

static void ask_detach(int sig)
{
	detach_asked = sig;
}

/* A process that job control had stopped when we attached stays stopped
 * (the image runs in it, and the kernel stops it again as it is let go):
 * strace sees its group stop at the attach and prints it. */
static void say_stopped(int pid, int sig)
{
	if (!sig || opts.json || opts.summary == 1 ||
	    !trace_options_signal_shown(&opts, sig))
		return;
	char name[40], text[64];
	size_t k = format_signal_name(name, sizeof name - 1, sig);
	name[k] = 0;
	snprintf(text, sizeof text, "--- stopped by %s ---", name);
	end_line(pid, text);
	flush_all_dests();
}

/* Whether process pid is stopped by job control ('T' in /proc/PID/stat). */
static int process_stopped(int pid)
{
	char buf[1024];
	const char *p = stat_after_name(pid, buf, sizeof buf);
	return p && p[1] == ' ' && p[2] == 'T';
}

/* -p PID...: enters each listed process with the tracer's image (the ring
 * given to the launcher already, named by ring_setting); one that cannot
 * be attached is said and dropped (its entry 0). Returns how many were. */
static int attach_listed(const char *ring_setting)
{
	int n = 0;
	while (image_settings[n])
		n++;
	const char **settings = calloc((size_t)n + 5, sizeof *settings);
	if (!settings)
		die("%s", "out of memory");
	/* PROG's execve line is PROG's alone. */
	int k = 0;
	for (int i = 0; i < n; i++)
		if (strncmp(image_settings[i], "SYSTRAP_TRACE_EXEC", 18))
			settings[k++] = image_settings[i];
	char root_setting[64];
	settings[k] = ring_setting;
	settings[k + 1] = root_setting;
	settings[k + 2] = "SYSTRAP_TRACE_ATTACHED=1";
	settings[k + 3] = 0;
	settings[k + 4] = 0;
	int attached = 0;
	for (int i = 0; i < opts.nattach; i++) {
		int pid = opts.attach[i];
		snprintf(root_setting, sizeof root_setting,
			 "SYSTRAP_TRACE_ROOT=%d", pid);
		/* Stopped by job control: the image's start-up makes no
		 * helper thread, which would stop with the process. */
		settings[k + 3] = process_stopped(pid) ? "SYSTRAP_ONE_THREAD=1" : 0;
		struct inject_error err;
		/* Its pidfd first: alive once attached, it is this process. */
		watch(pid, 0);
		if (opts.follow_forks)
			note_children_before_attach(pid);
		if (image_launcher_attach(&launcher, pid, settings, &err)) {
			say("attach: %s\n", err.msg);
			watched_done(pid);
			opts.attach[i] = 0;
			continue;
		}
		if (!root_pid)
			root_pid = pid;
		attached++;
		if (!quiet_attaches())
			say("Process %d attached\n", pid);
		say_stopped(pid, launcher.attach_stop_sig);
	}
	free(settings);
	return attached;
}

/* Whether a process attached with -p lives. */
static int attached_alive(void)
{
	for (int i = 0; i < opts.nattach; i++)
		if (opts.attach[i] && !tid_dead(opts.attach[i]))
			return 1;
	return 0;
}

/* -p PID...: enters each process with the tracer's image and copies the
 * trace until they are all gone, or until a signal asks us to detach
 * (the hooks then stop, the lines so far are written, the processes run
 * on, and we die of that signal). Never returns. */
static void attach_and_trace(void)
{
	int memfd = make_ring();
	if (image_launcher_give_fd(&launcher, memfd, "SYSTRAP_TRACE_RING_FD"))
		die("%s", "cannot give the trace ring to the process");
	char ring_setting[96];
	snprintf(ring_setting, sizeof ring_setting, "SYSTRAP_TRACE_RING=%d:%d",
		 (int)getpid(), memfd);
	/* -I3/-I4 (never): no signal detaches us; else each does (at -I1,
	 * where strace would just die, the processes are left as cleanly). */
	if (opts.interruptible == 4)
		signal(SIGTSTP, SIG_IGN);
	int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE};
	for (unsigned i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = opts.interruptible >= 3 ? SIG_IGN : ask_detach;
		sigaction(sigs[i], &sa, 0);
	}
	if (!attach_listed(ring_setting))
		exit(1);
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, 0);
	__atomic_store_n(&ring->watch_served, 1, __ATOMIC_RELEASE);
	long nap = 200000;
	for (;;) {
		int got = drain(0);
		int status;
		pid_t pid;
		while ((pid = waitpid(-1, &status, WNOHANG | __WALL)) > 0)
			child_status(pid, status);
		put_gone_ends();
		if (opts.follow_forks)
			watch_new_registrations();
		say_watched_ends();
		if (image_launcher_serve(&launcher))
			got = 1;
		int alive = attached_alive();
		if (detach_asked || (!alive && (!opts.follow_forks || !tracees_alive()))) {
			if (!detach_asked)
				say_watched_ends(); /* ended since the last pass */
			break;
		}
		flush_all_dests();
		nap = next_nap(nap, got);
		if (ring_full_pass(got, &nap))
			continue;
		struct timespec ts = {0, nap};
		launcher_wait_signal(&chld, &ts);
	}
	/* Leaving: the hooks stop, exec requests are answered no more, and
	 * what was written so far goes out. */
	/* The program's own signal actions back in place of the tracer's
	 * (and -c's table written), then the hooks stop. */
	for (int i = 0; i < opts.nattach; i++) {
		struct inject_error err;
		if (opts.attach[i] && !tid_dead(opts.attach[i]) &&
		    image_launcher_leave(&launcher, opts.attach[i], &err) &&
		    !trace_options_quiet(&opts, TRACE_QUIET_ATTACH))
			say("leaving process %d: %s\n",
				opts.attach[i], err.msg);
	}
	__atomic_store_n(&ring->detached, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&launcher.channel->closed, 1, __ATOMIC_RELEASE);
	take_what_is_left();
	end_waiting_lines_detached();
	flush_all_dests();
	if (detach_asked && !trace_options_quiet(&opts, TRACE_QUIET_ATTACH))
		for (int i = 0; i < opts.nattach; i++)
			if (opts.attach[i] && !tid_dead(opts.attach[i]))
				say("Process %d detached\n",
					opts.attach[i]);
	close_destination();
	/* Asked by a signal: its death, without a core (strace's end). */
	if (detach_asked)
		exit_as(detach_asked);
	exit(0);
}

/* LD_PRELOAD and the settings in PROG's environment: the preload way. */
static void prepare_preload(int footprints, const char *spec)
{
	char preload[PATH_MAX + 64];
	find_preload(0, footprints ? "trace_sysfoot.so" : "trace_syscalls.so",
		     preload, sizeof preload);
	const char *old = getenv("LD_PRELOAD");
	char ld[3 * PATH_MAX];
	snprintf(ld, sizeof ld, "%s%s%s", preload, old && *old ? ":" : "", old ? old : "");
	if (footprints)
		setenv("SYSTRAP_FOOTPRINTS", footprints == 2 ? "json" : "text", 1);
	setenv("LD_PRELOAD", ld, 1);
	setenv("SYSTRAP_TRACE", spec, 1);
	if (sealed_asked)
		setenv("SYSTRAP_SEALED", "1", 1);
	unsetenv("SYSTRAP_TRACE_STARTED");
	unsetenv("SYSTRAP_TRACE_SEEN");
	unsetenv("SYSTRAP_TRACE_RING");
}

/* Under ptrace the kernel runs a setuid/setgid program without its
 * privileges, as under strace: said once. */
static void note_setuid(const char *path)
{
	struct stat st;
	if (!stat(path, &st) && (st.st_mode & (S_ISUID | S_ISGID)) &&
	    getuid() != 0 &&
	    !trace_options_quiet(&opts, TRACE_QUIET_ATTACH))
		say("%s is setuid/setgid: it runs "
			"traced without those privileges, as under strace\n", path);
	else if (getuid() != 0 && has_file_caps(path) &&
		 !trace_options_quiet(&opts, TRACE_QUIET_ATTACH))
		say("%s has file capabilities: it runs traced without them, "
		    "as under strace\n", path);
}

/* The end of our stack's last page that surely is mapped: the kernel put
 * the exec's file name (AT_EXECFN) last at its top. 0 if unknown. */
static uintptr_t stack_top(void)
{
	static uintptr_t top;
	if (!top) {
		const char *name = (const char *)getauxval(AT_EXECFN);
		uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
		if (name && page)
			top = ((uintptr_t)name + strlen(name) + page) & ~(page - 1);
	}
	return top;
}

/* entry ("=VAL") appended to our environment, which PROG gets. */
static void add_to_environment(const char *entry)
{
	extern char **environ;
	size_t n = 0;
	while (environ && environ[n])
		n++;
	char **more = calloc(n + 2, sizeof *more);
	if (!more)
		die("%s", "out of memory");
	for (size_t i = 0; i < n; i++)
		more[i] = environ[i];
	more[n] = (char *)entry;
	environ = more;
}

/* Our own memory, as the decoders read a tracee's: a string's reads go
 * up to 128 bytes past its end, which for the last of our environment's
 * strings can be past the end of the stack (a SIGSEGV, seen with -v -s
 * 262144: strace's umovestr2). What lies on our stack, between our frame
 * and its top, is copied, up to that top as the kernel's copy would stop
 * there; the rest (strings setenv put on the heap) through the kernel's
 * copy, which stops where memory does. Seven process_vm_readv and getpid
 * pairs were ~30 us of a start's set-up, which the program's exec stop
 * waits for. */
static size_t read_own_memory(void *dst, uintptr_t src, size_t n)
{
	uintptr_t top = stack_top(), here = (uintptr_t)__builtin_frame_address(0);
	if (top && src >= here && src < top) {
		size_t k = n < top - src ? n : top - src;
		memcpy(dst, (const void *)src, k);
		return k;
	}
	struct iovec local = {dst, n}, remote = {(void *)src, n};
	ssize_t r = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
	return r > 0 ? (size_t)r : 0;
}

/* execve(PATH, ARGV, ENVP) as the tracer formats it, into entry (cap
 * bytes, format options into *f); 0 where strace shows no line for it (-P
 * naming other paths). */
static void exec_entry_options(struct format_options *f)
{
	format_options_init(f);
	f->string_limit = opts.string_limit;
	f->hex_strings = opts.hex_strings;
	f->const_style = opts.const_style;
	if (opts.unabbreviated)
		f->abbrev = opts.abbrev;
	if (opts.not_verbose)
		f->verbose = opts.verbose;
}

static int exec_entry(const char *path, char **argv, struct format_options *f,
		      char *entry, size_t cap)
{
	extern char **environ;
	exec_entry_options(f);
	long args[6] = {(long)path, (long)argv, (long)environ, 0, 0, 0};
	if (!path || !path_filter_match(&opts, SYS_execve, args, read_own_memory, 0))
		return 0;
	format_syscall_entry(entry, cap, SYS_execve, args, f, read_own_memory);
	return 1;
}

/* -c, -C: the row of PROG's failed execve (its time the launcher's wait
 * for the exec's answer), printed after the child's end
 * (say_failed_exec_summary). */
static struct summary_row *failed_exec_rows;

/* PROG's exec failed (err, a negative errno; it took took_ns): strace's
 * line for it, "execve(\"./f\", [\"./f\"], 0x7ffc... /\* 37 vars *\/) = -1
 * EACCES (Permission denied)", where the options show it, before the
 * child's end; its row for -c and -C, whatever they show. */
static void say_failed_exec_line(pid_t pid, int err, long long took_ns)
{
	failed_exec_pid = pid;
	struct dest *d = dest_for(pid);
	/* The entry made before the exec, of the environment PROG was
	 * given (the preload's variables are in ours since). */
	static const char key[] = "SYSTRAP_TRACE_EXEC=";
	if (!d || opts.json || !trace_options_traced(&opts, SYS_execve) ||
	    !root_exec[0] || strncmp(root_exec[0], key, sizeof key - 1))
		return;
	const char *entry = root_exec[0] + sizeof key - 1;
	struct format_options f;
	exec_entry_options(&f);
	/* Counted whatever -e status= shows, as strace counts it. */
	if (opts.summary &&
	    (failed_exec_rows = calloc(TRACE_MAX_NR, sizeof *failed_exec_rows))) {
		unsigned long long ns = took_ns > 0 ? (unsigned long long)took_ns : 0;
		failed_exec_rows[SYS_execve] =
			(struct summary_row){1, 1, ns, ns + 1, ns};
	}
	if (opts.summary == 1 || !trace_options_status_shown(&opts, err))
		return;
	long args[6] = {0};
	char result[128];
	format_syscall_result(result, sizeof result, SYS_execve, args, err, &f);
	struct trace_lead lead = {SYS_execve + 1, (uintptr_t)inject_spawn_exec_site()};
	put_exec_line(d, pid, &lead, entry, result, took_ns);
}

/* As strace: PROG's failed execve line, then why it failed ("exec:
 * Permission denied"), before the child's end. */
static void say_failed_exec(pid_t pid, int err, long long took_ns)
{
	say_failed_exec_line(pid, err, took_ns);
	flush_all_dests();
	say("exec: %s\n", strerror(-err));
}

/* The root's execve line for the traced image to print first, as strace
 * prints it (the image gets them as settings, the preload in PROG's
 * environment, whence its constructor takes them away): execve(PATH,
 * ARGV, ENVP) as the tracer formats it, with ENVP the environment PROG is
 * given (-E applied, nothing of ours yet), none when we attach (strace
 * prints no execve then either) and, under -P, only if its path is one of
 * them; -Y's name of our child, -i's site of its call, into root_exec. */
static void prepare_root_exec(const char *path, char **argv)
{
	static int done;
	if (done++)
		return;
	struct format_options f;
	char entry[4096]; /* what a line of the tracer holds of an entry */
	char *s;
	int k = 0;
	if (!exec_entry(path, argv, &f, entry, sizeof entry))
		return;
	if (asprintf(&s, "SYSTRAP_TRACE_EXEC=%s", entry) > 0)
		root_exec[k++] = s;
	/* -Y: under our child's name, as strace's line shows its own
	 * child's before the exec. */
	char comm[80];
	if ((opts.decode_pids & FORMAT_PID_COMM) &&
	    pidns_own_comm(comm, sizeof comm - 1, opts.hex_strings) &&
	    asprintf(&s, "SYSTRAP_TRACE_EXEC_COMM=%.79s", comm) > 0)
		root_exec[k++] = s;
	/* -i: where our child made it, as strace shows its own child's. */
	if (opts.instruction_pointer &&
	    asprintf(&s, "SYSTRAP_TRACE_EXEC_LEAD=%x:%llx", SYS_execve,
		     (unsigned long long)inject_spawn_exec_site()) > 0)
		root_exec[k++] = s;
}

static void put_table_line(void *d, const char *text, size_t n)
{
	dest_put(d, text, n);
}

/* -c, -C: the table of PROG whose exec failed, as strace prints it after
 * the child's end: its one row, execve's 1 call and 1 error. */
static void say_failed_exec_summary(void)
{
	struct dest *d = failed_exec_rows ? dest_for(failed_exec_pid) : 0;
	if (d)
		summary_table_put(failed_exec_rows, &opts, put_table_line, d);
}

/* The image's settings: the options, the root's execve line (which strace
 * prints first), the user's SYSTRAP_*
 * settings, and where the site cache is (the image reads no environment of
 * PROG's). PROG's own environment stays as it is. */
static void prepare_image(int footprints, const char *spec, const char *path,
			  char **argv)
{
	char image[PATH_MAX + 64];
	find_preload(0, footprints ? "trace_sysfoot.image.so"
				   : "trace_syscalls.image.so",
		     image, sizeof image);
	struct inject_error err;
	launcher.follow = launcher_follows;
	launcher.child_ended = launcher_child_ended;
	launcher.notice = launcher_notice;
	launcher.foreign = launcher_foreign;
	if (image_launcher_open(&launcher, image, &err))
		die("%s", err.msg);
	extern char **environ;
	size_t n = 0;
	while (environ[n])
		n++;
	image_settings = calloc(n + 16, sizeof *image_settings);
	size_t k = 0;
	char *s;
	if (asprintf(&s, "SYSTRAP_TRACE=%s", spec) > 0)
		image_settings[k++] = s;
	/* -e trace=/REGEX: the calls it matched here (the image does not
	 * compile regular expressions). */
	char regex_table[8192];
	if (trace_options_regex_table(regex_table, sizeof regex_table) &&
	    asprintf(&s, "SYSTRAP_TRACE_REGEX=%s", regex_table) > 0)
		image_settings[k++] = s;
	if (footprints && asprintf(&s, "SYSTRAP_FOOTPRINTS=%s",
				   footprints == 2 ? "json" : "text") > 0)
		image_settings[k++] = s;
	image_settings[k++] = "SYSTRAP_TRACE_STARTED=1";
	if (sealed_asked)
		image_settings[k++] = "SYSTRAP_SEALED=1";
	if (pid_prefix && !opts.follow_forks)
		image_settings[k++] = "SYSTRAP_TRACE_PIDS=1";
	/* For an exec the launcher cannot catch (a debugger's inferior):
	 * the preload, with the settings, in the new program's environment. */
	char preload[PATH_MAX + 64];
	find_preload(0, footprints ? "trace_sysfoot.so" : "trace_syscalls.so",
		     preload, sizeof preload);
	const char *theirs = getenv("LD_PRELOAD");
	if (asprintf(&s, "LD_PRELOAD=%s%s%s", preload,
		     theirs && *theirs ? ":" : "", theirs ? theirs : "") > 0)
		image_settings[k++] = s;
	prepare_root_exec(path, argv);
	for (int i = 0; root_exec[i]; i++)
		image_settings[k++] = root_exec[i];
	int have_cache = 0;
	for (size_t i = 0; i < n; i++) {
		if (strncmp(environ[i], "SYSTRAP_", 8) ||
		    !strncmp(environ[i], "SYSTRAP_TRACE", 13) ||
		    (sealed_asked && !strncmp(environ[i], "SYSTRAP_SEALED=", 15)) ||
		    !strncmp(environ[i], "SYSTRAP_FOOTPRINTS=", 19) ||
		    !strncmp(environ[i], "SYSTRAP_LAUNCHER=", 17))
			continue;
		if (!strncmp(environ[i], "SYSTRAP_CACHE=", 14))
			have_cache = 1;
		image_settings[k++] = environ[i];
	}
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	if (!have_cache && xdg && *xdg && asprintf(&s, "SYSTRAP_CACHE=%s/systrap", xdg) > 0)
		image_settings[k++] = s;
	else if (!have_cache && home && *home &&
		 asprintf(&s, "SYSTRAP_CACHE=%s/.cache/systrap", home) > 0)
		image_settings[k++] = s;
	image_settings[k] = 0;
	/* The same cache, read here for the vDSO's syscall instruction
	 * (inject_find_syscall), which the images' last instrumenting of
	 * the vDSO found: then no decoder is opened in the launcher. */
	site_cache_configure(getenv("SYSTRAP_CACHE"));
}

/* strace follows a usage error with "Try 'strace -h'", but not a bad
 * value of an -e qualifier or of -p, nor options given twice over, which
 * it just says and dies of: "invalid system call 'foo'", "invalid status
 * 'x'", "regcomp: ...", "Invalid process id: 'x'", "-x and
 * --strings-in-hex cannot be provided simultaneously", against "invalid
 * -s argument: 'x'", "invalid sortby: 'x'", "invalid option -- 'j'". */
static int wants_help_hint(const char *err)
{
	if (!strncmp(err, "Invalid process id", 18) ||
	    !strncmp(err, "regcomp: ", 9) ||
	    strstr(err, " cannot be provided simultaneously"))
		return 0;
	if (strncmp(err, "invalid ", 8))
		return 1;
	/* "invalid WORDS 'VALUE'": a qualifier's value. */
	const char *q = strchr(err, '\'');
	return !(q && q - err >= 2 && q[-1] == ' ' &&
		 ((q[-2] >= 'a' && q[-2] <= 'z') || (q[-2] >= 'A' && q[-2] <= 'Z')));
}

/* --seccomp-bpf: strace's way to stop only at the calls it traces. No
 * call stops systrap-trace, so it changes nothing here; its warnings are
 * strace 6.1's, word for word, where strace gives them (the -p one only
 * without PROG). */
static void say_seccomp_bpf(int with_prog)
{
	if (opts.nattach && !with_prog)
		say("--seccomp-bpf is not enabled for processes attached "
		    "with -p\n");
	if (!opts.follow_forks) {
		say("--seccomp-bpf cannot be used without -f/--follow-forks, "
		    "disabling\n");
		return;
	}
	for (long nr = 0; nr < TRACE_MAX_NR; nr++)
		if (syscall_lookup(nr) && !trace_options_traced(&opts, nr))
			return; /* something to filter */
	say("Seccomp filter is requested but there are no syscalls to "
	    "filter.  See -e trace to filter syscalls.\n");
}

int main(int argc, char **argv)
{
	char err[512];
	int footprints = 0, sealed = 0;
	if (argc > 0 && argv[0] && argv[0][0])
		progname = argv[0];
	take_sigchld();
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
		else if (!strcmp(optv[i], "--preload"))
			use_image = -1;
		else if (!strcmp(optv[i], "--sealed"))
			sealed = 1;
	}
	use_image = use_image == 0;
	int passed_dashes = 0;
	for (int i = 0; i < nopt; i++) {
		if (!strcmp(optv[i], "--"))
			passed_dashes = 1;
		if (passed_dashes || (strncmp(optv[i], "--footprints", 12) &&
				      strcmp(optv[i], "--preload") &&
				      strcmp(optv[i], "--sealed")))
			filtered[nf++] = optv[i];
	}
	filtered[nf] = 0;
	/* opts is static, still all zero: not cleared again (its 24 KiB
	 * would be six pages touched for nothing). */
	trace_options_regex_matcher = regex_by_glibc;
	int first = trace_options_parse_zeroed(&opts, nf, filtered, err, sizeof err);
	if (first < 0) {
		fprintf(stderr, "%s: %s\n", progname, err);
		if (wants_help_hint(err))
			fprintf(stderr, "Try '%s -h' for more information.\n", progname);
		return 1;
	}
	/* -p of our own pid: refused as strace refuses it, in its words. */
	for (int i = 0; i < opts.nattach; i++)
		if (opts.attach[i] == getpid())
			die("%s", "I'm sorry, I can't let you do that, Dave.");
	if (opts.help) {
		fputs(usage, stdout);
		return 0;
	}
	if (opts.json && footprints)
		die("%s", "--json and --footprints cannot be used together");
	if (opts.deprecated_F)
		say("option -F is deprecated, please use -f/--follow-forks "
		    "instead\n");
	if (opts.seccomp_bpf)
		say_seccomp_bpf(first < nf);
	/* -c prints no call's line: what only lines show, said as strace
	 * says it, in its order. */
	if (opts.summary == 1) {
		const struct {
			int given;
			const char *option;
		} lines_only[] = {
			{opts.instruction_pointer, "-i/--instruction-pointer"},
			{opts.stack_traces, "-k/--stack-traces"},
			{opts.syscall_number, "-n/--syscall-number"},
			{opts.relative_timestamps, "-r/--relative-timestamps"},
			{opts.timestamps, "-t/--absolute-timestamps"},
			{opts.syscall_times, "-T/--syscall-times"},
			{opts.decode_fds != 0, "-y/--decode-fds"},
		};
		for (size_t i = 0; i < sizeof lines_only / sizeof *lines_only; i++)
			if (lines_only[i].given)
				say("%s has no effect with -c/--summary-only\n",
				    lines_only[i].option);
	}
	if (opts.output_append && !opts.output[0])
		say("-A/--output-append-mode has no "
			"effect without -o/--output\n");
	if (opts.sort_without_summary)
		say("-S/--summary-sort-by has no effect without "
		    "(-c/--summary-only or -C/--summary)\n");
	if (opts.separately_without_output)
		say("--output-separately has no effect without "
		    "-o/--output\n");
	/* A return value that reads as an error: injected all the same. */
	for (int i = 0; i < opts.ninject; i++)
		if (opts.inject[i].retval &&
		    (unsigned long)opts.inject[i].value >= -4095UL)
			say("Inadvertent injection of error %ld is possible for "
			    "retval=%lu\n",
			    -opts.inject[i].value,
			    (unsigned long)opts.inject[i].value);
	if (opts.version) {
		printf("systrap-trace -- version %s (in-process, strace 6.1 output)\n", SYSTRAP_VERSION);
		return 0;
	}
	if (sealed)
		require_sealed();
	running_prog = first < nf;
	/* More than one process from the start: lines get their pids. */
	pid_prefix = opts.follow_forks || opts.nattach + (first < nf) > 1;
	if (opts.nattach && !use_image)
		die("%s", "-p needs the image: it cannot be used with --preload");
	/* -p alone; with PROG too, PROG is started as below, then those
	 * processes are attached (run). */
	if (opts.nattach && first >= nf) {
		char spec[TRACE_SETTINGS_MAX];
		build_spec(spec, sizeof spec, filtered, nf);
		open_destination();
		open_timeline();
		make_attach_files();
		prepare_image(footprints, spec, 0, 0);
		attach_and_trace();
		return 1;
	}
	if (first >= nf) {
		fprintf(stderr, "%s: must have PROG [ARGS] or -p PID\nTry '%s -h' for more information.\n", progname, progname);
		return 1;
	}
	char path[PATH_MAX];
	if (resolve(filtered[first], path, sizeof path)) {
		char what[PATH_MAX + 256];
		snprintf(what, sizeof what, "Can't stat '%s': %s",
			 filtered[first], strerror(errno));
		die("%s", what);
	}
	if (!use_image)
		check_preloadable(path);
	else
		note_setuid(path);
	char spec[TRACE_SETTINGS_MAX];
	build_spec(spec, sizeof spec, filtered, first);
	/* Before our environment is PROG's: a '|CMD' shell is not traced. */
	open_destination();
	open_timeline();
	make_attach_files();
	/* -E, in order, as strace applies them to PROG's environment (PROG
	 * was found with ours, as strace finds it). */
	for (int i = 0; i < opts.nenv; i++) {
		const char *eq = strchr(opts.env[i], '=');
		if (eq == opts.env[i]) {
			/* "=VAL": glibc's putenv, and so strace, adds it as
			 * it is; musl's refuses a name that is empty. */
			add_to_environment(opts.env[i]);
		} else if (eq) {
			if (putenv((char *)opts.env[i]))
				die("%s", "putenv failed");
		} else {
			unsetenv(opts.env[i]);
		}
	}

	chosen_footprints = footprints;
	chosen_spec = spec;
	/* SIGCHLD waits for sigtimedwait; PROG gets our mask as it was. */
	sigset_t chld, old_mask;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	launcher_block_sigchld(&old_mask);
	if (use_image) {
		/* PROG's start first: the end of its exec runs beside
		 * the image's opening and the ring's making. */
		expect_root_file();
		atexit(abandon_early_child);
		extern char **environ;
		early_error = inject_spawn_begin(path, filtered + first, environ,
						 setup_prog, &old_mask,
						 &early_child, &early_err);
		prepare_image(footprints, spec, path, filtered + first);
	} else {
		prepare_root_exec(path, filtered + first);
		prepare_preload(footprints, spec);
	}
	run(path, filtered + first, &old_mask);
	return 1;
}
