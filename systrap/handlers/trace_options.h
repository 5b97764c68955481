/* strace's command-line options, as the tracer understands them.
 *
 * One parser serves both the systrap-trace launcher (which validates the
 * command line and reports errors before anything runs) and the preload
 * object (which reads the same options from $SYSTRAP_TRACE). Parsing happens
 * at start-up, never on the trap path. */
#ifndef SYSTRAP_HANDLERS_TRACE_OPTIONS_H
#define SYSTRAP_HANDLERS_TRACE_OPTIONS_H

#include <stdint.h>

#include "systrap/handlers/format.h"
#include "systrap/handlers/syscall_table.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TRACE_MAX_NR 512
#define TRACE_MAX_INJECT 16

/* -e inject=SET:error=ERRNO|retval=N[:when=FIRST[..LAST][+STEP]] */
struct inject_rule {
	uint8_t nrs[TRACE_MAX_NR / 8]; /* syscall set */
	long value;                    /* -errno, or the return value */
	int retval;                    /* value is retval=N's, any number */
	unsigned first, last, step;    /* 1-based call numbers; last 0 = no end */
};

/* strace 6.1's statuses (-e status=), as bits. */
enum {
	TRACE_STATUS_SUCCESSFUL = 1u << 0,
	TRACE_STATUS_FAILED = 1u << 1,
	TRACE_STATUS_UNFINISHED = 1u << 2,  /* exit, exit_group: "= ?" */
	TRACE_STATUS_UNAVAILABLE = 1u << 3, /* never here: we read all */
	TRACE_STATUS_DETACHED = 1u << 4,    /* a call open at detach */
	TRACE_STATUS_ALL = (1u << 5) - 1,
};

/* strace 6.1's quiet set (-q, --quiet=): which messages are not shown. */
enum {
	TRACE_QUIET_ATTACH = 1u << 0,      /* attach, detach, our notes */
	TRACE_QUIET_EXIT = 1u << 1,        /* "+++ exited with N +++" ... */
	TRACE_QUIET_PATH_RESOLVE = 1u << 2, /* -P's "resolved into" */
	TRACE_QUIET_PERSONALITY = 1u << 3,
	TRACE_QUIET_THREAD_EXECVE = 1u << 4, /* "superseded by execve" */
	TRACE_QUIET_ALL = (1u << 5) - 1,
};

enum { TRACE_TS_TIME = 1, TRACE_TS_UNIX = 2 };

#define TRACE_MAX_ATTACH 64
#define TRACE_MAX_ENV 256
#define TRACE_MAX_SIG 256
#define TRACE_MAX_PATHS 8
#define TRACE_PATH_BYTES 512
/* -e read=/write= select descriptors below this (strace's suite uses
 * 19998 and 19999; 4 KiB a set). */
#define TRACE_MAX_DUMP_FD 32768

/* The -c table's columns, as strace 6.1 names them (-U, -S). */
enum summary_column {
	SUMMARY_NONE,
	SUMMARY_TIME_PERCENT,
	SUMMARY_TOTAL_TIME,
	SUMMARY_MIN_TIME,
	SUMMARY_MAX_TIME,
	SUMMARY_AVG_TIME,
	SUMMARY_CALLS,
	SUMMARY_ERRORS,
	SUMMARY_NAME,
	SUMMARY_COLUMNS /* how many there are, SUMMARY_NONE included */
};

struct trace_options {
	int follow_forks;          /* -f */
	int output_per_process;    /* -ff */
	uint8_t traced[TRACE_MAX_NR / 8]; /* -e trace=SET */
	int string_limit;          /* -s N, default 32 */
	int columns;               /* -a N: the column of " = ", default 40 */
	uint8_t signals[TRACE_MAX_SIG / 8]; /* -e signal=SET: whose
				      "--- SIGxxx" lines show (default all) */
	int hex_strings;           /* -x 1 (--strings-in-hex=non-ascii), -xx 2
				      (all), 3: non-ascii-chars (only those
				      bytes as \xNN) */
	unsigned decode_fds;       /* format.h's FORMAT_FD_*: -y path, -yy all,
				      --decode-fds=SET, -e decode-fds=SET */
	unsigned decode_pids;      /* format.h's FORMAT_PID_*: -Y comm,
				      --pidns-translation pidns,
				      --decode-pids=SET, -e decode-pids=SET */
	/* -t: the time of day (TRACE_TS_TIME), -ttt: seconds since the
	 * epoch (TRACE_TS_UNIX); 0 none. Each with its digits after the
	 * second: 0 (-t), 6 (-tt, -ttt), or what --timestamps=precision:
	 * says (s 0, ms 3, us 6, ns 9). -r and -T have their own digits
	 * (6, or --relative-timestamps=/--syscall-times= PRECISION). */
	int timestamps;
	int timestamp_digits;
	int relative_timestamps;   /* -r */
	int relative_digits;
	int syscall_times;         /* -T */
	int syscall_time_digits;
	int summary;               /* -c 1, -C 2 (summary and trace) */
	/* The summary's columns in order (-U; strace's default: time
	 * percent, seconds, usecs/call, calls, errors, syscall), its sort
	 * key (-S: a column, SUMMARY_NONE for syscall order; default time)
	 * and -w (wall-clock times: what systrap-trace always counts). */
	uint8_t summary_columns[SUMMARY_COLUMNS];
	int summary_ncolumns;
	int summary_sort;
	int summary_wall_clock;
	/* -e status=SET (-z: successful, -Z: failed): the calls whose lines
	 * show, by how they ended (TRACE_STATUS_* bits); status_filter is
	 * set when that is not all of them (a call's line is then written
	 * whole when it ends, never split, as strace writes it). */
	unsigned status_shown;
	int status_filter;
	/* -q, -qq, -qqq, --quiet=SET, -e quiet=SET: the messages not shown
	 * (TRACE_QUIET_* bits). */
	unsigned quiet;
	int quiet_given;  /* -q or --quiet / -e quiet= given (strace's
			     default with PROG is then not applied) */
	int syscall_number;        /* -n: "[  39] " before each line */
	int instruction_pointer;   /* -i: "[00007f...] " before each line */
	int stack_traces;          /* -k: the stack after each line
				      (tools/trace/trace_stack.h) */
	int output_append;         /* -A: -o FILE (and -ff's) appended to */
	int output_given;          /* -o given (an empty FILE is refused) */
	/* Given where strace says they do nothing (the launcher warns as
	 * strace warns): -S without -c/-C, --output-separately without -o. */
	int sort_without_summary, separately_without_output;
	int deprecated_F;          /* -F given: warned of, taken as -f */
	int seccomp_bpf;           /* --seccomp-bpf: taken, nothing to do */
	/* -e abbrev=SET (-v, --no-abbrev: none): the calls whose structures
	 * are abbreviated ("..."), and -e verbose=SET: the calls whose
	 * structures are decoded at all (else their addresses). strace's
	 * default is all for both; unabbreviated/not_verbose say whether any
	 * call is left out, so nothing is looked up when neither was given. */
	uint8_t abbrev[TRACE_MAX_NR / 8];
	uint8_t verbose[TRACE_MAX_NR / 8];
	int unabbreviated, not_verbose;
	int const_style;           /* -X raw|abbrev|verbose: enum const_style */
	/* -I / --interruptible: which fatal signals (SIGHUP, SIGINT, SIGQUIT,
	 * SIGPIPE, SIGTERM) reach the launcher: 1 anywhere (they end it and
	 * leave PROG running untraced), 2 waiting (passed on to PROG; the
	 * default without -o FILE), 3 never (ignored: the default with -o
	 * FILE PROG), 4 never_tstp (SIGTSTP too); 0 = not given. */
	int interruptible;
	int help, version;         /* -h, -V */
	int npaths;
	int nattach;
	int nenv;
	int ninject;
	uint8_t read_fds_above, write_fds_above;
	int dumps_io;
	int json;                  /* --json: JSON Lines instead of text */
	/* --timeline given (its file is timeline, below): asked here, among
	 * the small fields, since a look at timeline[0] at every start was
	 * a page of its own, the last of the options. */
	int timeline_given;
	/* The large fields after the small ones: a start writes the
	 * defaults and the few options given, and with these first they
	 * spread over four pages of the image's and the launcher's (each a
	 * page fault, ~11 us on a guest with shadow paging); now two. */
	char output[4096];         /* -o FILE; "" = stderr */
	/* -P PATH (repeatable): only calls touching these (path_filter.h);
	 * the launcher adds each one's realpath(), as strace adds it
	 * (npaths above). */
	char paths[TRACE_MAX_PATHS][TRACE_PATH_BYTES];
	int attach[TRACE_MAX_ATTACH]; /* -p PID (repeatable, or a list) */
	/* -E VAR=VAL / -E VAR (--env): PROG's environment changed so, in
	 * order, by the launcher (pointers into the parsed argv). */
	const char *env[TRACE_MAX_ENV];
	struct inject_rule inject[TRACE_MAX_INJECT];
	/* -e read=SET, -e write=SET: the descriptors whose data is dumped
	 * in hex after a call's line (io_dump.h). Below TRACE_MAX_DUMP_FD by
	 * bit; the *_above flag above stands for every descriptor above
	 * ("all", or a negated list). dumps_io: either was given. */
	uint8_t read_fds[TRACE_MAX_DUMP_FD / 8];
	uint8_t write_fds[TRACE_MAX_DUMP_FD / 8];
	/* Output for tools (trace_options_output_option): json above, and */
	char timeline[4096];       /* --timeline=FILE: Chrome trace events */
};

/* Parses argv[0..argc) (options only, no program). Returns the index of the
 * first non-option argument (the program), or -1 with a message in err
 * naming the bad option. */
int trace_options_parse(struct trace_options *o, int argc, char **argv,
			char *err, unsigned errlen);
/* The same into an o that is all zero already (a static never parsed
 * into): the zeroing is left out, so that pages of o that the options do
 * not reach are never touched (a traced process's start-up otherwise
 * took six page faults for them). */
int trace_options_parse_zeroed(struct trace_options *o, int argc, char **argv,
			       char *err, unsigned len);

/* The calls each /REGEX set token matched in this process's parses, as
 * text for another parser (the image's, which cannot compile regular
 * expressions: musl's regcomp needs a thread of its own); and taking such
 * a text before parsing, so those tokens match the same calls. */
size_t trace_options_regex_table(char *out, size_t cap);
void trace_options_regex_preset(const char *table);

/* The calls whose names the extended regular expression re matches, with
 * this program's regcomp, into set (TRACE_MAX_NR bits): 0; or -1 with
 * regerror's text in why. */
int trace_options_regex_match(const char *re, uint8_t *set, char *why,
			      size_t cap);
/* What parses use to match a /REGEX token: trace_options_regex_match
 * unless set (the launchers, linked against musl, ask a glibc program,
 * as strace matches with glibc's regcomp). */
extern int (*trace_options_regex_matcher)(const char *re, uint8_t *set,
					  char *why, size_t cap);

/* The longest $SYSTRAP_TRACE a traced process parses, its final NUL
 * included: the launcher refuses options that quote longer (they would be
 * dropped), and a traced process refuses such a variable, saying so. Settings
 * travel in the image's 16 KiB launch block with the others. */
#define TRACE_SETTINGS_MAX 8192
/* And at most this many words in it: a traced process keeps a pointer to
 * each on its stack while it parses them (an attach runs on the thread's
 * own stack). */
#define TRACE_SETTINGS_WORDS_MAX 1024

/* Splits a $SYSTRAP_TRACE string into words in place, as sh would: single
 * and double quotes group, a backslash escapes the next character (inside
 * double quotes only ", \, $ and `). Returns how many words s holds, all
 * of them left in s one after another, each ended by a NUL; the first max
 * are stored in words (which may be NULL when max is 0). */
int trace_options_split(char *s, char **words, int max);

/* The two queries below run in the tracer's hooks, on the jump fast path:
 * they are inline, so they are compiled with the hooks' own flags (no libc,
 * general registers only), while trace_options.c (parsing, at start-up)
 * may use libc. */
static inline int trace_options_traced(const struct trace_options *o, long nr)
{
	return nr >= 0 && nr < TRACE_MAX_NR &&
	       (o->traced[nr / 8] >> (nr % 8) & 1);
}

/* Whether signal sig's delivery line is shown (-e signal=). */
static inline int trace_options_signal_shown(const struct trace_options *o,
					     int sig)
{
	return sig > 0 && sig < TRACE_MAX_SIG &&
	       (o->signals[sig / 8] >> (sig % 8) & 1);
}

/* Whether the message of kind `bit` (TRACE_QUIET_*) is suppressed. */
static inline int trace_options_quiet(const struct trace_options *o,
				      unsigned bit)
{
	return (o->quiet & bit) != 0;
}

/* Whether a call that ended with result (-errno on failure) shows. */
static inline int trace_options_status_shown(const struct trace_options *o,
					     long result)
{
	if (!o->status_filter)
		return 1;
	unsigned bit = (unsigned long)result >= (unsigned long)-4095
			       ? TRACE_STATUS_FAILED
			       : TRACE_STATUS_SUCCESSFUL;
	return (o->status_shown & bit) != 0;
}

/* Whether descriptor fd is in a -e read= or -e write= set. */
static inline int trace_options_fd_in(const uint8_t *set, uint8_t above,
				      long fd)
{
	if (fd < 0)
		return 0;
	if (fd >= TRACE_MAX_DUMP_FD)
		return above;
	return set[fd / 8] >> (fd % 8) & 1;
}

/* Whether an -e inject= rule names call nr (its calls are counted). */
static inline int trace_options_injects(const struct trace_options *o,
					long nr)
{
	for (int i = 0; nr >= 0 && nr < TRACE_MAX_NR && i < o->ninject; i++)
		if (o->inject[i].nrs[nr / 8] >> (nr % 8) & 1)
			return 1;
	return 0;
}

/* The injection for the count-th (1-based) call of nr, if any: 1 and
 * *value, 2 when it is a return value (retval=N) rather than an error. */
static inline int trace_options_injection(const struct trace_options *o,
					  long nr, unsigned long count,
					  long *value)
{
	if (nr < 0 || nr >= TRACE_MAX_NR)
		return 0;
	for (int i = 0; i < o->ninject; i++) {
		const struct inject_rule *r = &o->inject[i];
		if (!(r->nrs[nr / 8] >> (nr % 8) & 1))
			continue;
		if (count < r->first || (r->last && count > r->last) ||
		    (count - r->first) % r->step)
			continue;
		*value = r->value;
		return r->retval ? 2 : 1;
	}
	return 0;
}

#ifdef __cplusplus
}
#endif

#endif
