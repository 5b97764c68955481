#include "systrap/handlers/trace_options.h"

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "systrap/handlers/format.h"
#include "systrap/handlers/value_tables.h"

static void set_bit(uint8_t *set, long nr, int on)
{
	if (nr < 0 || nr >= TRACE_MAX_NR)
		return;
	if (on)
		set[nr / 8] |= (uint8_t)(1u << (nr % 8));
	else
		set[nr / 8] &= (uint8_t)~(1u << (nr % 8));
}

/* strace's legacy class names, taken without '%' (all others need it). */
static const char *const legacy_classes[] = {
	"desc", "file", "memory", "process", "signal", "ipc", "network",
};

/* A regular expression that does not compile: strace's message, for
 * parse_tokens to give instead of "invalid system call". */
static char regex_error[600];

/* The calls each /REGEX token matched, kept for the image: musl's regcomp
 * reads the thread's locale through %fs, which is the program's (or
 * nothing) where the image parses its options, so the launcher hands its
 * matches over (trace_options_regex_table) and the image takes them
 * (trace_options_regex_preset) instead of compiling. */
#define REGEX_KEPT 16
static struct kept_regex {
	char re[200];
	uint8_t set[TRACE_MAX_NR / 8];
} kept[REGEX_KEPT];
static int nkept;

static struct kept_regex *kept_find(const char *re)
{
	for (int i = 0; i < nkept; i++)
		if (!strcmp(kept[i].re, re))
			return &kept[i];
	return 0;
}

size_t trace_options_regex_table(char *out, size_t cap)
{
	size_t n = 0;
	if (cap)
		out[0] = 0;
	for (int i = 0; i < nkept && cap; i++) {
		char hex[TRACE_MAX_NR / 8 * 2 + 1];
		for (unsigned b = 0; b < sizeof kept[i].set; b++)
			snprintf(hex + 2 * b, 3, "%02x", kept[i].set[b]);
		int w = snprintf(out + n, cap - n, "%s%s/%s", n ? "\x1e" : "",
				 hex, kept[i].re);
		if (w < 0 || (size_t)w >= cap - n) {
			out[n] = 0;
			break;
		}
		n += (size_t)w;
	}
	return n;
}

void trace_options_regex_preset(const char *table)
{
	nkept = 0;
	while (table && *table && nkept < REGEX_KEPT) {
		const char *end = strchr(table, '\x1e');
		size_t len = end ? (size_t)(end - table) : strlen(table);
		struct kept_regex *k = &kept[nkept];
		size_t hexlen = sizeof k->set * 2;
		if (len > hexlen && table[hexlen] == '/' &&
		    len - hexlen - 1 < sizeof k->re) {
			for (unsigned b = 0; b < sizeof k->set; b++) {
				char byte[3] = { table[2 * b], table[2 * b + 1], 0 };
				k->set[b] = (uint8_t)strtoul(byte, 0, 16);
			}
			memcpy(k->re, table + hexlen + 1, len - hexlen - 1);
			k->re[len - hexlen - 1] = 0;
			nkept++;
		}
		table = end ? end + 1 : table + len;
	}
}

int trace_options_regex_match(const char *re, uint8_t *set, char *why,
			      size_t cap)
{
	regex_t preg;
	int rc = regcomp(&preg, re, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		regerror(rc, &preg, why, cap);
		return -1;
	}
	memset(set, 0, TRACE_MAX_NR / 8);
	for (long nr = 0; nr < TRACE_MAX_NR; nr++) {
		const struct syscall_signature *sig = syscall_lookup(nr);
		if (sig && !regexec(&preg, sig->name, 0, 0, 0))
			set_bit(set, nr, 1);
	}
	regfree(&preg);
	return 0;
}

int (*trace_options_regex_matcher)(const char *re, uint8_t *set, char *why,
				   size_t cap);

/* strace's qualify_syscall_regex: every call whose name the extended
 * regular expression matches; 0 when none does. */
static int set_regex(const char *re, uint8_t *set)
{
	struct kept_regex *k = kept_find(re);
	if (!k && (nkept == REGEX_KEPT || strlen(re) >= sizeof k->re)) {
		/* Not one the image could be handed: refused, not guessed. */
		snprintf(regex_error, sizeof regex_error,
			 "/%s: systrap-trace takes at most %d /REGEX tokens of at "
			 "most %zu bytes", re, REGEX_KEPT, sizeof k->re - 1);
		return 0;
	}
	if (!k) {
		uint8_t matched[TRACE_MAX_NR / 8];
		char why[512] = "";
		int (*match)(const char *, uint8_t *, char *, size_t) =
			trace_options_regex_matcher ? trace_options_regex_matcher
						    : trace_options_regex_match;
		if (match(re, matched, why, sizeof why)) {
			snprintf(regex_error, sizeof regex_error,
				 "regcomp: %s: %s", re, why);
			return 0;
		}
		k = &kept[nkept++];
		snprintf(k->re, sizeof k->re, "%s", re);
		memcpy(k->set, matched, sizeof k->set);
	}
	int found = 0;
	for (unsigned b = 0; b < sizeof k->set; b++) {
		set[b] |= k->set[b];
		found |= k->set[b] != 0;
	}
	return found;
}

/* One token of a set, as strace's qualify_syscall(): [?]NUMBER, [?]%CLASS,
 * [?]CLASS (legacy names and "all"), [?]/REGEX or [?]NAME. Returns 0 if it
 * names nothing (a leading '?' makes that fine: 1). */
static int set_token(const char *t, uint8_t *set)
{
	int ignore_fail = 0;
	while (*t == '?') {
		ignore_fail = 1;
		t++;
	}
	if (*t == '/') {
		int found = set_regex(t + 1, set);
		return found || (ignore_fail && !regex_error[0]);
	}
	if (*t >= '0' && *t <= '9') {
		char *end;
		long nr = strtol(t, &end, 10);
		if (*end || nr >= TRACE_MAX_NR)
			return ignore_fail;
		set_bit(set, nr, 1);
		return 1;
	}
	if (!strcmp(t, "all")) {
		memset(set, 0xff, TRACE_MAX_NR / 8);
		return 1;
	}
	uint32_t cls = 0;
	if (t[0] == '%') {
		cls = syscall_class_by_name(t);
	} else {
		for (unsigned i = 0; i < sizeof legacy_classes / sizeof *legacy_classes; i++)
			if (!strcmp(t, legacy_classes[i]))
				cls = syscall_class_by_name(t);
	}
	if (cls) {
		for (long nr = 0; nr < TRACE_MAX_NR; nr++) {
			const struct syscall_signature *s = syscall_lookup(nr);
			if (s && (s->classes & cls) == cls)
				set_bit(set, nr, 1);
		}
		return 1;
	}
	long nr = syscall_number_by_name(t);
	if (nr < 0) /* a 32-bit call's name: valid, selecting nothing */
		return ignore_fail || syscall_name_of_other_personality(t);
	set_bit(set, nr, 1);
	return 1;
}

/* strace's set syntax (qualify_syscall_tokens, qualify_tokens): each
 * leading '!' inverts the rest; "none" and "all" as the whole set; else a
 * comma separated list of tokens, each added by token() (0: it names
 * nothing), and at least one. Fills set (bytes long); returns 0 or -1 with
 * strace's message ("invalid WHAT 'TOKEN'") in err. */
static int parse_tokens(const char *spec, uint8_t *set, unsigned bytes,
			int (*token)(const char *, uint8_t *), const char *what,
			char *err, unsigned len)
{
	const char *s = spec;
	int negate = 0;
	while (*s == '!') {
		negate ^= 1;
		s++;
	}
	_Static_assert(TRACE_MAX_SIG <= TRACE_MAX_DUMP_FD &&
			       TRACE_MAX_NR <= TRACE_MAX_DUMP_FD,
		       "tmp holds every set");
	uint8_t tmp[TRACE_MAX_DUMP_FD / 8];
	memset(tmp, 0, bytes);
	if (!strcmp(s, "all")) {
		memset(tmp, 0xff, bytes);
	} else if (strcmp(s, "none")) {
		char buf[4096];
		if (strlen(s) >= sizeof buf) {
			snprintf(err, len, "%s set too long (%zu bytes)", what, strlen(s));
			return -1;
		}
		snprintf(buf, sizeof buf, "%s", s);
		int any = 0;
		for (char *save = 0, *w = strtok_r(buf, ",", &save); w;
		     w = strtok_r(0, ",", &save)) {
			regex_error[0] = 0;
			if (!token(w, tmp)) {
				if (regex_error[0])
					snprintf(err, len, "%s", regex_error);
				else
					snprintf(err, len, "invalid %s '%s'", what, w);
				return -1;
			}
			any = 1;
		}
		if (!any) {
			snprintf(err, len, "invalid %s '%s'", what, spec);
			return -1;
		}
	}
	for (unsigned i = 0; i < bytes; i++)
		set[i] = negate ? (uint8_t)~tmp[i] : tmp[i];
	return 0;
}

static int parse_set(const char *spec, uint8_t *set, char *err, unsigned len)
{
	return parse_tokens(spec, set, TRACE_MAX_NR / 8, set_token,
			    "system call", err, len);
}

/* error=: a number up to 4095, or a name in any case (strace's
 * find_errno_by_name); -1 if neither. */
static long errno_by_name(const char *name)
{
	char *end;
	long v = strtol(name, &end, 10);
	if (end != name && !*end && name[0] >= '0' && name[0] <= '9')
		return v >= 1 && v < 4096 ? v : -1;
	for (long e = 1; e < 4096; e++) {
		const char *n = format_errno_name(e);
		if (n && !strcasecmp(n, name))
			return e;
	}
	return -1;
}

/* A decimal number 1..65535 at p (strace's when= bounds); 0 if none. */
static unsigned when_number(const char *p, char **end)
{
	if (*p < '0' || *p > '9') {
		*end = (char *)p;
		return 0;
	}
	unsigned long v = strtoul(p, end, 10);
	return v > 0xffff ? 0 : (unsigned)v;
}

/* when=FIRST[..LAST][+[STEP]]: FIRST alone is that call only; "+" alone
 * is a step of 1 with no end. Returns 0 or -1. */
static int parse_when(struct inject_rule *r, const char *p)
{
	char *end;
	int range = 0;
	r->first = when_number(p, &end);
	if (!r->first)
		return -1;
	r->last = r->first;
	r->step = 1;
	if (end[0] == '.' && end[1] == '.') {
		r->last = when_number(end + 2, &end);
		if (!r->last || r->last < r->first)
			return -1;
		range = 1;
	}
	if (*end == '+') {
		if (!range)
			r->last = 0;
		if (end[1]) {
			r->step = when_number(end + 1, &end);
			if (!r->step)
				return -1;
		} else {
			end++;
		}
	}
	return *end ? -1 : 0;
}

/* inject=SET:error=E|retval=N[:when=...], in strace's order: the
 * arguments ("invalid inject argument 'SPEC'"), then the set ("invalid
 * system call"), then that there is an error= or retval=. */
/* -e inject=SET:error=E|retval=N[:when=EXPR], and strace's older -e
 * fault=SET[:error=E][:when=EXPR] (fault: error only, ENOSYS when none is
 * named, and its own word in the message). */
static int parse_inject(struct trace_options *o, const char *spec, char *err,
			unsigned len, int fault)
{
	if (o->ninject == TRACE_MAX_INJECT) {
		snprintf(err, len, "too many inject rules (at most %d)", TRACE_MAX_INJECT);
		return -1;
	}
	struct inject_rule *r = &o->inject[o->ninject];
	char buf[4096];
	if (strlen(spec) >= sizeof buf) {
		snprintf(err, len, "inject specification too long (%zu bytes)", strlen(spec));
		return -1;
	}
	snprintf(buf, sizeof buf, "%s", spec);
	/* strace: an empty SET, even before arguments, is the set's error. */
	char *set = buf, *args = strchr(buf, ':');
	if (args)
		*args++ = 0;
	r->first = 1;
	r->retval = 0;
	r->last = 0;
	r->step = 1;
	int have_value = 0;
	for (char *save = 0, *w = set[0] && args ? strtok_r(args, ":", &save) : 0;
	     w; w = strtok_r(0, ":", &save)) {
		int bad = 0;
		if (!strncmp(w, "error=", 6) ||
		    (!fault && !strncmp(w, "retval=", 7))) {
			if (have_value) {
				bad = 1;
			} else if (w[0] == 'e') {
				long e = errno_by_name(w + 6);
				bad = e < 0;
				r->value = -e;
			} else {
				/* Any unsigned long, as strace (-1 is
				 * 18446744073709551615); the launcher warns, as
				 * strace, that -4095..-1 look like errors. */
				char *end;
				errno = 0;
				unsigned long v = strtoul(w + 7, &end, 0);
				bad = end == w + 7 || *end || errno;
				r->value = (long)v;
				r->retval = 1;
			}
			have_value = 1;
		} else if (!strncmp(w, "when=", 5)) {
			bad = parse_when(r, w + 5);
		} else {
			bad = 1;
		}
		if (bad) {
			snprintf(err, len, "invalid %s argument '%s'",
				 fault ? "fault" : "inject", spec);
			return -1;
		}
	}
	if (parse_set(set, r->nrs, err, len))
		return -1;
	if (!have_value && fault) {
		r->value = -ENOSYS;
		have_value = 1;
	}
	if (!have_value) {
		snprintf(err, len, "invalid inject argument '%s'", spec);
		return -1;
	}
	o->ninject++;
	return 0;
}

/* -p's value: one process id, or several separated by commas, spaces,
 * tabs or newlines (strace's -p "`pidof PROG`", -p "`pgrep PROG`"); as in
 * strace, each piece must be a process id (so "1,,2" names the empty one)
 * and a trailing separator ends the list. An empty value, which strace
 * ignores, is an error here. */
static int parse_pids(struct trace_options *o, const char *val, char *err,
		      unsigned len)
{
	if (!*val) {
		snprintf(err, len, "Invalid process id: '%s'", val);
		return -1;
	}
	for (const char *s = val; *s;) {
		size_t n = strcspn(s, "\n\t ,");
		char piece[32];
		char *end;
		long pid = 0;
		if (n < sizeof piece) {
			memcpy(piece, s, n);
			piece[n] = 0;
			errno = 0;
			pid = strtol(piece, &end, 10);
			if (end == piece || *end || errno || pid > 0x7fffffff)
				pid = 0;
		}
		if (pid <= 0) {
			snprintf(err, len, "Invalid process id: '%.*s'", (int)n, s);
			return -1;
		}
		if (o->nattach == TRACE_MAX_ATTACH) {
			snprintf(err, len, "-p: at most %d processes", TRACE_MAX_ATTACH);
			return -1;
		}
		o->attach[o->nattach++] = (int)pid;
		s += n;
		if (*s)
			s++;
	}
	return 0;
}

/* --json and --timeline=FILE (issue 15's output for tools): 1 when `a` is
 * one of them (taken into o), -1 on a bad value, 0 when it is not. */
static int output_option(struct trace_options *o, const char *a, char *err,
			 unsigned len)
{
	if (!strcmp(a, "--json")) {
		o->json = 1;
		return 1;
	}
	if (strncmp(a, "--timeline", 10) || (a[10] && a[10] != '='))
		return 0;
	if (a[10] != '=' || !a[11]) {
		snprintf(err, len, "option '--timeline' requires an argument: --timeline=FILE");
		return -1;
	}
	if (strlen(a + 11) >= sizeof o->timeline) {
		snprintf(err, len, "--timeline: file name too long");
		return -1;
	}
	snprintf(o->timeline, sizeof o->timeline, "%s", a + 11);
	o->timeline_given = 1;
	return 1;
}

/* -e signal=SET: strace's qualify_tokens() with sigstr_to_uint(): [!]...,
 * "all", "none", or a comma-separated list of numbers (up to 255) and
 * names with or without "SIG", in any case. */
static int signal_number(const char *t)
{
	if (*t >= '0' && *t <= '9') {
		char *end;
		long v = strtol(t, &end, 10);
		return *end || v > 255 ? -1 : (int)v;
	}
	if (!strncasecmp(t, "SIG", 3))
		t += 3;
	for (int sig = 1; sig < TRACE_MAX_SIG; sig++) {
		char name[32];
		size_t n = format_signal_name(name, sizeof name, sig);
		if (n > 3 && !strncmp(name, "SIG", 3) && !strcasecmp(name + 3, t))
			return sig;
	}
	return -1;
}

static int signal_token(const char *t, uint8_t *set)
{
	int sig = signal_number(t);
	if (sig < 0)
		return 0;
	set[sig / 8] |= (uint8_t)(1u << (sig % 8));
	return 1;
}

static int parse_signals(uint8_t *set, const char *spec, char *err, unsigned len)
{
	return parse_tokens(spec, set, TRACE_MAX_SIG / 8, signal_token,
			    "signal", err, len);
}

/* -e read=, -e write=: a descriptor, as strace's string_to_uint takes
 * it (decimal digits, up to INT_MAX). Above the set's bits it is refused
 * by fd_token_above's message, not as "invalid". */
static int fd_token_above;
static int fd_token(const char *t, uint8_t *set)
{
	if (!*t)
		return 0;
	long v = 0;
	for (const char *c = t; *c; c++) {
		if (*c < '0' || *c > '9')
			return 0;
		v = v * 10 + (*c - '0');
		if (v > 2147483647L)
			return 0;
	}
	if (v >= TRACE_MAX_DUMP_FD) {
		fd_token_above = (int)v;
		return 0;
	}
	set[v / 8] |= (uint8_t)(1u << (v % 8));
	return 1;
}

/* The set, and whether descriptors beyond its bits are in it: "all", or a
 * negated list (strace's sets have no upper bound). */
static int parse_fds(const char *spec, uint8_t *set, uint8_t *above,
		     const char *qual, char *err, unsigned len)
{
	fd_token_above = -1;
	if (parse_tokens(spec, set, TRACE_MAX_DUMP_FD / 8, fd_token,
			 "descriptor", err, len)) {
		if (fd_token_above >= 0)
			snprintf(err, len, "-e %s=%s: descriptor %d is above "
				 "%d, the highest systrap-trace can select",
				 qual, spec, fd_token_above,
				 TRACE_MAX_DUMP_FD - 1);
		return -1;
	}
	const char *s = spec;
	int negate = 0;
	while (*s == '!') {
		negate ^= 1;
		s++;
	}
	*above = (uint8_t)(negate ^ !strcmp(s, "all"));
	return 0;
}

/* A name of a set of named bits (strace's find_arg_val: any case). */
struct bit_name {
	const char *name;
	unsigned bit;
};

static int named_bit(const struct bit_name *names, unsigned n, const char *t,
		     uint8_t *set)
{
	for (unsigned i = 0; i < n; i++)
		if (!strcasecmp(names[i].name, t)) {
			set[0] |= (uint8_t)names[i].bit;
			return 1;
		}
	return 0;
}

/* -e status=SET: strace 6.1's statusstr_to_uint(). */
static int status_token(const char *t, uint8_t *set)
{
	static const struct bit_name names[] = {
		{ "successful", TRACE_STATUS_SUCCESSFUL },
		{ "failed", TRACE_STATUS_FAILED },
		{ "unfinished", TRACE_STATUS_UNFINISHED },
		{ "unavailable", TRACE_STATUS_UNAVAILABLE },
		{ "detached", TRACE_STATUS_DETACHED },
	};
	return named_bit(names, sizeof names / sizeof *names, t, set);
}

/* -e quiet=SET, --quiet=SET: strace 6.1's quietstr_to_uint(). */
static int quiet_token(const char *t, uint8_t *set)
{
	static const struct bit_name names[] = {
		{ "attach", TRACE_QUIET_ATTACH },
		{ "exit", TRACE_QUIET_EXIT },
		{ "exits", TRACE_QUIET_EXIT },
		{ "path-resolution", TRACE_QUIET_PATH_RESOLVE },
		{ "personality", TRACE_QUIET_PERSONALITY },
		{ "superseded", TRACE_QUIET_THREAD_EXECVE },
		{ "thread-execve", TRACE_QUIET_THREAD_EXECVE },
	};
	return named_bit(names, sizeof names / sizeof *names, t, set);
}

/* --decode-fds=SET, -e decode-fds=SET. */
static int decode_fd_token(const char *t, uint8_t *set)
{
	static const struct bit_name names[] = {
		{ "path", FORMAT_FD_PATH },
		{ "socket", FORMAT_FD_SOCKET },
		{ "dev", FORMAT_FD_DEV },
		{ "pidfd", FORMAT_FD_PIDFD },
	};
	return named_bit(names, sizeof names / sizeof *names, t, set);
}

/* --decode-pids=SET, -e decode-pids=SET: strace 6.1's decode_pid_strs. */
static int decode_pid_token(const char *t, uint8_t *set)
{
	static const struct bit_name names[] = {
		{ "pidns", FORMAT_PID_NS },
		{ "comm", FORMAT_PID_COMM },
	};
	return named_bit(names, sizeof names / sizeof *names, t, set);
}

/* A set of up to 8 named bits; "all" and "!" as strace takes them. */
static int parse_bits(const char *spec, unsigned all,
		      int (*token)(const char *, uint8_t *), const char *what,
		      unsigned *out, char *err, unsigned len)
{
	uint8_t set = 0;
	if (parse_tokens(spec, &set, 1, token, what, err, len))
		return -1;
	*out = set & all;
	return 0;
}

struct parse_state {
	int c_flag, C_flag, separately;
	int S_given, U_given;
	int F_given;     /* -F: strace's deprecated -f */
	int t_short;     /* -t given (how many) */
	int t_long;      /* --timestamps / --absolute-timestamps given */
	int x_long;      /* --strings-in-hex=: its mode, or -1 */
	int q_short;     /* -q given (how many) */
	int quiet_set;   /* --quiet, -e quiet= given */
	int y_short;     /* -y given (how many) */
	int decode_fd_set; /* --decode-fds, -e decode-fds= given */
};

/* strace's -e qualifiers, each with its short forms. */
enum qual { Q_TRACE, Q_ABBREV, Q_VERBOSE, Q_RAW, Q_SIGNAL, Q_STATUS,
	    Q_QUIET, Q_READ, Q_WRITE, Q_FAULT, Q_INJECT, Q_KVM, Q_DECODE_FD,
	    Q_DECODE_PID, Q_SECONTEXT, Q_NONE };
static const struct { const char *name; enum qual q; } quals[] = {
	{ "trace", Q_TRACE }, { "t", Q_TRACE }, { "abbrev", Q_ABBREV },
	{ "a", Q_ABBREV }, { "verbose", Q_VERBOSE }, { "v", Q_VERBOSE },
	{ "raw", Q_RAW }, { "x", Q_RAW }, { "signal", Q_SIGNAL },
	{ "signals", Q_SIGNAL }, { "s", Q_SIGNAL }, { "status", Q_STATUS },
	{ "quiet", Q_QUIET }, { "silent", Q_QUIET }, { "silence", Q_QUIET },
	{ "q", Q_QUIET }, { "read", Q_READ }, { "reads", Q_READ },
	{ "r", Q_READ }, { "write", Q_WRITE }, { "writes", Q_WRITE },
	{ "w", Q_WRITE }, { "fault", Q_FAULT }, { "inject", Q_INJECT },
	{ "kvm", Q_KVM }, { "decode-fd", Q_DECODE_FD },
	{ "decode-fds", Q_DECODE_FD }, { "decode-pid", Q_DECODE_PID },
	{ "decode-pids", Q_DECODE_PID }, { "secontext", Q_SECONTEXT },
};

static int apply_qual(struct trace_options *o, struct parse_state *st,
		      enum qual q, const char *name, const char *val,
		      char *err, unsigned len)
{
	switch (q) {
	case Q_STATUS:
		if (parse_bits(val, TRACE_STATUS_ALL, status_token, "status",
			       &o->status_shown, err, len))
			return -1;
		o->status_filter = o->status_shown != TRACE_STATUS_ALL;
		return 0;
	case Q_QUIET:
		st->quiet_set = 1;
		return parse_bits(val, TRACE_QUIET_ALL, quiet_token, "quiet",
				  &o->quiet, err, len);
	case Q_DECODE_FD:
		st->decode_fd_set = 1;
		return parse_bits(val, FORMAT_FD_ALL, decode_fd_token,
				  "decode-fds", &o->decode_fds, err, len);
	case Q_DECODE_PID: {
		/* strace adds each -e decode-pids= to the set. */
		unsigned set = 0;
		if (parse_bits(val, FORMAT_PID_ALL, decode_pid_token,
			       "decode-pids", &set, err, len))
			return -1;
		o->decode_pids |= set;
		return 0;
	}
	case Q_TRACE:
		return parse_set(val, o->traced, err, len);
	case Q_INJECT:
	case Q_FAULT:
		return parse_inject(o, val, err, len, q == Q_FAULT);
	case Q_SIGNAL:
		return parse_signals(o->signals, val, err, len);
	case Q_ABBREV:
		return parse_set(val, o->abbrev, err, len);
	case Q_VERBOSE:
		return parse_set(val, o->verbose, err, len);
	case Q_READ:
		o->dumps_io = 1;
		return parse_fds(val, o->read_fds, &o->read_fds_above, "read",
				 err, len);
	case Q_WRITE:
		o->dumps_io = 1;
		return parse_fds(val, o->write_fds, &o->write_fds_above,
				 "write", err, len);
	default:
		break;
	}
	snprintf(err, len, "-e %s=%s is not supported by systrap-trace "
		 "(supported: trace=, inject=, fault=, signal=, status=, quiet=, "
		 "abbrev=, verbose=, read=, write=, decode-fds=, decode-pids=)", name, val);
	return -1;
}

static int parse_expr(struct trace_options *o, struct parse_state *st,
		      const char *e, char *err, unsigned len)
{
	const char *eq = strchr(e, '=');
	if (!eq)
		return parse_set(e, o->traced, err, len);
	for (unsigned i = 0; i < sizeof quals / sizeof *quals; i++)
		if (strlen(quals[i].name) == (size_t)(eq - e) &&
		    !strncmp(e, quals[i].name, (size_t)(eq - e)))
			return apply_qual(o, st, quals[i].q, quals[i].name,
					  eq + 1, err, len);
	/* strace: an unknown qualifier is the start of a syscall set. */
	return parse_set(e, o->traced, err, len);
}

/* strace 6.1's long options (getopt_long: a unique prefix is enough), each
 * with what it means here: a short option letter it equals, 'e' with
 * `qual` for the -e qualifiers, or 0 where systrap-trace does not have it
 * (refused, naming it). arg: 0 none, 1 required, 2 optional. */
static const struct long_option {
	const char *name;
	int arg;
	int short_opt; /* above 127: a long option of its own */
	const char *qual;
} long_options[] = {
	{ "columns", 1, 'a', 0 },
	{ "output-append-mode", 0, 'A', 0 },
	{ "detach-on", 1, 0, 0 },
	{ "summary-only", 0, 'c', 0 },
	{ "summary", 0, 'C', 0 },
	{ "debug", 0, 0, 0 },
	{ "daemonize", 2, 0, 0 },
	{ "daemonised", 2, 0, 0 },
	{ "daemonized", 2, 0, 0 },
	{ "env", 1, 'E', 0 },
	{ "follow-forks", 0, 'f', 0 },
	{ "output-separately", 0, 'S' + 128, 0 },
	{ "help", 0, 'h', 0 },
	{ "instruction-pointer", 0, 'i', 0 },
	{ "interruptible", 1, 'I', 0 },
	{ "stack-traces", 0, 'k', 0 },
	{ "syscall-number", 0, 'n', 0 },
	{ "output", 1, 'o', 0 },
	{ "summary-syscall-overhead", 1, 0, 0 },
	{ "attach", 1, 'p', 0 },
	{ "trace-path", 1, 'P', 0 },
	{ "relative-timestamps", 2, 'r', 0 },
	{ "string-limit", 1, 's', 0 },
	{ "summary-sort-by", 1, 'S', 0 },
	{ "absolute-timestamps", 2, 't', 0 },
	{ "timestamps", 2, 't', 0 },
	{ "syscall-times", 2, 'T', 0 },
	{ "user", 1, 0, 0 },
	{ "summary-columns", 1, 'U', 0 },
	{ "no-abbrev", 0, 'v', 0 },
	{ "version", 0, 'V', 0 },
	{ "summary-wall-clock", 0, 'w', 0 },
	{ "strings-in-hex", 2, 'X' + 128, 0 },
	{ "const-print-style", 1, 'X', 0 },
	{ "pidns-translation", 0, 'Y' + 128, 0 },
	{ "successful-only", 0, 'z', 0 },
	{ "failed-only", 0, 'Z', 0 },
	{ "failing-only", 0, 'Z', 0 },
	{ "seccomp-bpf", 0, 'B' + 128, 0 },
	{ "tips", 2, 0, 0 },
	{ "trace", 1, 'e', "trace" },
	{ "abbrev", 1, 'e', "abbrev" },
	{ "verbose", 1, 'e', "verbose" },
	{ "raw", 1, 'e', "raw" },
	{ "signals", 1, 'e', "signal" },
	{ "status", 1, 'e', "status" },
	{ "read", 1, 'e', "read" },
	{ "write", 1, 'e', "write" },
	{ "fault", 1, 'e', "fault" },
	{ "inject", 1, 'e', "inject" },
	{ "kvm", 1, 'e', "kvm" },
	{ "quiet", 2, 'q' + 128, 0 },
	{ "silent", 2, 'q' + 128, 0 },
	{ "silence", 2, 'q' + 128, 0 },
	{ "decode-fds", 2, 'y' + 128, 0 },
	{ "decode-pids", 1, 'e', "decode-pids" },
	{ "secontext", 2, 0, 0 },
};

/* The long option `a` (after "--") names: an exact match, else the one
 * option it is a prefix of; NULL with getopt's message otherwise. */
static const struct long_option *find_long(const char *a, size_t n, char *err,
					   unsigned len)
{
	const struct long_option *found = 0;
	for (unsigned i = 0; i < sizeof long_options / sizeof *long_options; i++)
		if (!strncmp(long_options[i].name, a, n) && !long_options[i].name[n])
			return &long_options[i];
	for (unsigned i = 0; i < sizeof long_options / sizeof *long_options; i++) {
		const struct long_option *l = &long_options[i];
		if (strncmp(l->name, a, n))
			continue;
		if (found && (found->short_opt != l->short_opt ||
			      found->arg != l->arg || found->qual != l->qual)) {
			snprintf(err, len, "option '--%.*s' is ambiguous", (int)n, a);
			return 0;
		}
		if (!found)
			found = l;
	}
	if (!found)
		snprintf(err, len, "unrecognized option '--%s'", a);
	return found;
}

/* -P PATH (kept once). The launcher adds each path's realpath() when it
 * differs, as strace does (a -P of its own in what the program's tracer
 * parses): resolving needs libc, which the image does not have. */
static int add_path(struct trace_options *o, const char *path, char *err,
		    unsigned len)
{
	for (int i = 0; i < o->npaths; i++)
		if (!strcmp(o->paths[i], path))
			return 0;
	if (strlen(path) >= TRACE_PATH_BYTES || o->npaths == TRACE_MAX_PATHS) {
		snprintf(err, len, "-P: at most %d paths of at most %d bytes",
			 TRACE_MAX_PATHS, TRACE_PATH_BYTES - 1);
		return -1;
	}
	snprintf(o->paths[o->npaths++], TRACE_PATH_BYTES, "%s", path);
	return 0;
}

/* strace 6.1's names for the summary's columns (count.c), for -S and -U. */
static const struct {
	const char *name;
	uint8_t column;
} summary_names[] = {
	{ "time", SUMMARY_TIME_PERCENT },
	{ "time_percent", SUMMARY_TIME_PERCENT },
	{ "time-percent", SUMMARY_TIME_PERCENT },
	{ "time_total", SUMMARY_TOTAL_TIME },
	{ "time-total", SUMMARY_TOTAL_TIME },
	{ "total_time", SUMMARY_TOTAL_TIME },
	{ "total-time", SUMMARY_TOTAL_TIME },
	{ "min_time", SUMMARY_MIN_TIME },
	{ "min-time", SUMMARY_MIN_TIME },
	{ "shortest", SUMMARY_MIN_TIME },
	{ "time_min", SUMMARY_MIN_TIME },
	{ "time-min", SUMMARY_MIN_TIME },
	{ "longest", SUMMARY_MAX_TIME },
	{ "max_time", SUMMARY_MAX_TIME },
	{ "max-time", SUMMARY_MAX_TIME },
	{ "time_max", SUMMARY_MAX_TIME },
	{ "time-max", SUMMARY_MAX_TIME },
	{ "avg_time", SUMMARY_AVG_TIME },
	{ "avg-time", SUMMARY_AVG_TIME },
	{ "time_avg", SUMMARY_AVG_TIME },
	{ "time-avg", SUMMARY_AVG_TIME },
	{ "calls", SUMMARY_CALLS },
	{ "count", SUMMARY_CALLS },
	{ "error", SUMMARY_ERRORS },
	{ "errors", SUMMARY_ERRORS },
	{ "name", SUMMARY_NAME },
	{ "syscall", SUMMARY_NAME },
	{ "syscall_name", SUMMARY_NAME },
	{ "syscall-name", SUMMARY_NAME },
	{ "none", SUMMARY_NONE },
	{ "nothing", SUMMARY_NONE },
};

static int summary_name(const char *s, size_t n)
{
	for (unsigned i = 0; i < sizeof summary_names / sizeof *summary_names; i++)
		if (!strncmp(summary_names[i].name, s, n) && !summary_names[i].name[n])
			return summary_names[i].column;
	return -1;
}

/* -S KEY: strace's message for a name it does not know. */
static int parse_sort(struct trace_options *o, const char *val, char *err,
		      unsigned len)
{
	int c = summary_name(val, strlen(val));
	if (c < 0) {
		snprintf(err, len, "invalid sortby: '%s'", val);
		return -1;
	}
	o->summary_sort = c;
	return 0;
}

/* -U COLUMNS: a comma-separated list, each once; the syscall name is
 * added last when not named (strace: the table means nothing without). */
static int parse_columns(struct trace_options *o, const char *val, char *err,
			 unsigned len)
{
	uint8_t seen[SUMMARY_COLUMNS] = {0};
	int n = 0;
	for (const char *p = val;;) {
		const char *comma = strchr(p, ',');
		size_t k = comma ? (size_t)(comma - p) : strlen(p);
		int c = summary_name(p, k);
		if (c <= SUMMARY_NONE) {
			snprintf(err, len, "unknown column name: '%.*s'", (int)k, p);
			return -1;
		}
		if (seen[c]) {
			snprintf(err, len, "call summary column has been provided "
				 "more than once: '%.*s' (-U option residual: '%s')",
				 (int)k, p, p);
			return -1;
		}
		seen[c] = 1;
		o->summary_columns[n++] = (uint8_t)c;
		if (!comma)
			break;
		p = comma + 1;
	}
	if (!seen[SUMMARY_NAME])
		o->summary_columns[n++] = SUMMARY_NAME;
	o->summary_ncolumns = n;
	return 0;
}

/* strace's str2timescale: a precision's digits after the second; -1 when
 * it is none of s, ms, us, ns. */
static int precision_digits(const char *p)
{
	static const struct { const char *name; int digits; } units[] = {
		{ "s", 0 }, { "ms", 3 }, { "us", 6 }, { "ns", 9 },
	};
	for (unsigned k = 0; k < sizeof units / sizeof *units; k++)
		if (!strcasecmp(p, units[k].name))
			return units[k].digits;
	return -1;
}

/* strace's parse_ts_arg: [format:]none|time|unix and [precision:]s|ms|us|
 * ns tokens, each optional, each changing only what it names (several
 * --timestamps= options add up). */
static int parse_timestamps(struct trace_options *o, const char *arg)
{
	char buf[256];
	if (strlen(arg) >= sizeof buf)
		return -1;
	snprintf(buf, sizeof buf, "%s", arg);
	int format = -1, digits = -1;
	for (char *save = 0, *t = strtok_r(buf, ",", &save); t;
	     t = strtok_r(0, ",", &save)) {
		int as_format = 1, as_precision = 1;
		if (!strncasecmp(t, "format:", 7)) {
			t += 7;
			as_precision = 0;
		} else if (!strncasecmp(t, "precision:", 10)) {
			t += 10;
			as_format = 0;
		}
		if (as_format && !strcasecmp(t, "none"))
			format = 0;
		else if (as_format && !strcasecmp(t, "time"))
			format = TRACE_TS_TIME;
		else if (as_format && !strcasecmp(t, "unix"))
			format = TRACE_TS_UNIX;
		else if (as_precision && precision_digits(t) >= 0)
			digits = precision_digits(t);
		else
			return -1;
	}
	if (format >= 0)
		o->timestamps = format;
	else if (!o->timestamps)
		o->timestamps = TRACE_TS_TIME;
	if (digits >= 0)
		o->timestamp_digits = digits;
	return 0;
}

/* -r, -T: 6 digits; their long options' optional PRECISION. */
static int parse_precision(int *digits, const char *val, const char *shown,
			   char *err, unsigned len)
{
	*digits = val ? precision_digits(val) : 6;
	if (*digits < 0) {
		snprintf(err, len, "invalid %s argument: '%s'", shown, val);
		return -1;
	}
	return 0;
}

/* One option: letter c with its value (NULL for flags); `shown` names it
 * in messages ("-a" or "--columns"). Returns 0 or -1 with err. */
static int apply_option(struct trace_options *o, struct parse_state *st,
			int c, const char *val, const char *shown, char *err,
			unsigned len)
{
	switch (c) {
	case 'f': o->follow_forks++; break;
	case 'F': st->F_given = 1; break;
	case 'S' + 128: st->separately = 1; break;
	/* --seccomp-bpf: strace's way to stop only at the traced calls. No
	 * call stops us, so there is nothing to filter; taken, and its
	 * warnings said as strace says them (systrap_trace.c). */
	case 'B' + 128: o->seccomp_bpf = 1; break;
	case 'w': o->summary_wall_clock = 1; break;
	case 'S':
		st->S_given = 1;
		return parse_sort(o, val, err, len);
	case 'U':
		st->U_given = 1;
		return parse_columns(o, val, err, len);
	case 'x': o->hex_strings++; break;
	case 'X' + 128: {
		/* --strings-in-hex[=none|non-ascii-chars|non-ascii|all]:
		 * "all" (-xx) without an argument. */
		static const struct { const char *name; int mode; } modes[] = {
			{ "none", 0 }, { "non-ascii-chars", 3 },
			{ "non-ascii", 1 }, { "all", 2 },
		};
		st->x_long = val ? -1 : 2;
		for (unsigned k = 0; val && k < sizeof modes / sizeof *modes; k++)
			if (!strcasecmp(val, modes[k].name))
				st->x_long = modes[k].mode;
		if (st->x_long < 0) {
			snprintf(err, len, "invalid %s argument: '%s'", shown, val);
			return -1;
		}
		break;
	}
	case 'y': st->y_short++; break;
	case 'Y': o->decode_pids |= FORMAT_PID_COMM; break;
	case 'Y' + 128: o->decode_pids |= FORMAT_PID_NS; break;
	case 'y' + 128: /* --decode-fds[=SET]: without SET, strace's -y */
		st->decode_fd_set = 1;
		return parse_bits(val ? val : "path", FORMAT_FD_ALL,
				  decode_fd_token, "decode-fds",
				  &o->decode_fds, err, len);
	case 't':
		if (shown[1] != '-') {
			st->t_short++;
			break;
		}
		/* --timestamps[=...], --absolute-timestamps[=...] */
		st->t_long = 1;
		if (parse_timestamps(o, val ? val : "format:time")) {
			snprintf(err, len, "invalid %s argument: '%s'", shown, val);
			return -1;
		}
		break;
	case 'r':
		o->relative_timestamps = 1;
		return parse_precision(&o->relative_digits, val, shown, err, len);
	case 'T':
		o->syscall_times = 1;
		return parse_precision(&o->syscall_time_digits, val, shown, err, len);
	case 'c': st->c_flag = 1; break;
	case 'C': st->C_flag = 1; break;
	/* strace: -z is status=successful, -Z status=failed; "Only the
	 * last of -z/--successful-only/-Z/--failed-only options will take
	 * effect." */
	case 'z':
	case 'Z':
		o->status_shown = c == 'z' ? TRACE_STATUS_SUCCESSFUL
					   : TRACE_STATUS_FAILED;
		o->status_filter = 1;
		break;
	case 'q': st->q_short++; break;
	case 'q' + 128: /* --quiet without a list: strace's -q set */
		st->quiet_set = 1;
		o->quiet = TRACE_QUIET_ATTACH | TRACE_QUIET_PERSONALITY;
		break;
	case 'n': o->syscall_number = 1; break;
	case 'i': o->instruction_pointer = 1; break;
	case 'k': o->stack_traces = 1; break;
	case 'A': o->output_append = 1; break;
	case 'v': memset(o->abbrev, 0, sizeof o->abbrev); break; /* abbrev=none */
	case 'h': o->help = 1; break;
	case 'V': o->version = 1; break;
	case 'p':
		return parse_pids(o, val, err, len);
	case 'I': {
		/* strace's names, or 1..4. */
		static const struct { const char *name; int mode; } modes[] = {
			{ "anywhere", 1 }, { "always", 1 }, { "waiting", 2 },
			{ "never", 3 }, { "never_tstp", 4 },
			{ "1", 1 }, { "2", 2 }, { "3", 3 }, { "4", 4 },
		};
		o->interruptible = 0;
		for (unsigned k = 0; k < sizeof modes / sizeof *modes; k++)
			if (!strcmp(val, modes[k].name))
				o->interruptible = modes[k].mode;
		if (!o->interruptible) {
			snprintf(err, len, "invalid %s argument: '%s'", shown, val);
			return -1;
		}
		break;
	}
	case 'E':
		if (o->nenv == TRACE_MAX_ENV) {
			snprintf(err, len, "too many %s options (at most %d)",
				 shown, TRACE_MAX_ENV);
			return -1;
		}
		o->env[o->nenv++] = val;
		break;
	case 'o':
		snprintf(o->output, sizeof o->output, "%s", val);
		o->output_given = 1;
		break;
	case 'a':
	case 's': {
		/* strace's bound for both: 2^30 - 1. */
		char *end;
		errno = 0;
		long n = strtol(val, &end, 10);
		if (end == val || *end || n < 0 || n > 0x3fffffff || errno) {
			snprintf(err, len, "invalid %s argument: '%s'", shown, val);
			return -1;
		}
		if (c == 's')
			o->string_limit = (int)n;
		else
			o->columns = (int)n;
		break;
	}
	case 'P':
		return add_path(o, val, err, len);
	case 'X':
		/* strace's constant styles (value_tables.h). */
		if (!strcmp(val, "abbrev"))
			o->const_style = CONST_STYLE_ABBREV;
		else if (!strcmp(val, "raw"))
			o->const_style = CONST_STYLE_RAW;
		else if (!strcmp(val, "verbose"))
			o->const_style = CONST_STYLE_VERBOSE;
		else {
			snprintf(err, len, "invalid %s argument: '%s'", shown, val);
			return -1;
		}
		break;
	case 'e':
		return parse_expr(o, st, val, err, len);
	}
	return 0;
}

int trace_options_parse(struct trace_options *o, int argc, char **argv,
			char *err, unsigned len)
{
	memset(o, 0, sizeof *o);
	return trace_options_parse_zeroed(o, argc, argv, err, len);
}

/* --QUAL=VAL as -e QUAL=VAL. Never inlined: its buffer would otherwise be
 * in trace_options_parse_zeroed's frame at every start, and each function
 * it calls 4 KiB deeper (a start's every page of stack is a fault). */
static __attribute__((noinline)) int
parse_long_qualifier(struct trace_options *o, struct parse_state *st,
		     const char *qual, const char *val, char *err, size_t len)
{
	char expr[4200];
	snprintf(expr, sizeof expr, "%s=%s", qual, val);
	return parse_expr(o, st, expr, err, len);
}

int trace_options_parse_zeroed(struct trace_options *o, int argc, char **argv,
			       char *err, unsigned len)
{
	memset(o->traced, 0xff, sizeof o->traced);
	memset(o->signals, 0xff, sizeof o->signals);
	memset(o->abbrev, 0xff, sizeof o->abbrev);
	memset(o->verbose, 0xff, sizeof o->verbose);
	o->string_limit = 32;
	o->columns = 40;
	static const uint8_t default_columns[] = {
		SUMMARY_TIME_PERCENT, SUMMARY_TOTAL_TIME, SUMMARY_AVG_TIME,
		SUMMARY_CALLS, SUMMARY_ERRORS, SUMMARY_NAME,
	};
	for (unsigned k = 0; k < sizeof default_columns; k++)
		o->summary_columns[k] = default_columns[k];
	o->summary_ncolumns = (int)sizeof default_columns;
	o->summary_sort = SUMMARY_TIME_PERCENT;
	o->status_shown = TRACE_STATUS_ALL;
	o->relative_digits = 6;
	o->syscall_time_digits = 6;
	struct parse_state st;
	memset(&st, 0, sizeof st);
	st.x_long = -1;
	int i = 0, first = -1;
	/* Up to PROG (or "--"); what follows is normalised either way. */
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			first = i + 1;
			break;
		}
		if (a[0] != '-' || !a[1]) {
			first = i;
			break;
		}
		int out_opt = a[1] == '-' ? output_option(o, a, err, len) : 0;
		if (out_opt < 0)
			return -1;
		if (out_opt)
			continue;
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);
			const struct long_option *l = find_long(name, n, err, len);
			if (!l)
				return -1;
			const char *val = eq ? eq + 1 : 0;
			if (l->arg == 0 && val) {
				snprintf(err, len, "option '--%s' doesn't allow an argument", l->name);
				return -1;
			}
			if (l->arg == 1 && !val) {
				if (i + 1 == argc) {
					snprintf(err, len, "option '--%s' requires an argument", l->name);
					return -1;
				}
				val = argv[++i];
			}
			char shown[64];
			snprintf(shown, sizeof shown, "--%s", l->name);
			if (l->short_opt == 'q' + 128 && val) {
				/* --quiet=SET is -e quiet=SET. */
				if (apply_qual(o, &st, Q_QUIET, "quiet", val, err, len))
					return -1;
				continue;
			}
			if (!l->short_opt ||
			    (l->arg == 2 && val && !strchr("trT", l->short_opt) &&
			     l->short_opt != 'X' + 128 && l->short_opt != 'y' + 128)) {
				/* What has no short option here, and the optional
				 * arguments we do not take. */
				snprintf(err, len, "option '%s%s%s' is not supported by systrap-trace",
					 shown, val ? "=" : "", val ? val : "");
				return -1;
			}
			if (l->qual) {
				if (parse_long_qualifier(o, &st, l->qual, val, err, len))
					return -1;
			} else if (apply_option(o, &st, l->short_opt, val, shown, err, len)) {
				return -1;
			}
			continue;
		}
		/* Clustered flags: -ff, -tt, -xx, -qq, -fT ... */
		for (const char *p = a + 1; *p; p++) {
			char shown[3] = { '-', *p, 0 };
			if (strchr("fFxytrTcCzZqhVwnikAvY", *p)) {
				if (apply_option(o, &st, *p, 0, shown, err, len))
					return -1;
				continue;
			}
			/* strace's own that we lack: said so, not "invalid"
			 * (as their long forms are). */
			if (strchr("bdDOu", *p)) {
				snprintf(err, len, "option '-%c' is not supported "
					 "by systrap-trace", *p);
				return -1;
			}
			if (!strchr("aoseEIXpPSU", *p)) {
				snprintf(err, len, "invalid option -- '%c'", *p);
				return -1;
			}
			const char *val = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : 0);
			if (!val) {
				snprintf(err, len, "option requires an argument -- '%c'", *p);
				return -1;
			}
			if (apply_option(o, &st, *p, val, shown, err, len))
				return -1;
			break;
		}
	}
	o->quiet_given = st.quiet_set || st.q_short;
	if (st.q_short) {
		if (st.quiet_set) {
			snprintf(err, len, "-q and -e quiet/--quiet cannot be "
				 "provided simultaneously");
			return -1;
		}
		/* strace: -q attach,personality; -qq exit too; -qqq all. */
		o->quiet = st.q_short == 1 ? TRACE_QUIET_ATTACH |
						     TRACE_QUIET_PERSONALITY
			   : st.q_short == 2 ? TRACE_QUIET_ATTACH |
						       TRACE_QUIET_PERSONALITY |
						       TRACE_QUIET_EXIT
					     : TRACE_QUIET_ALL;
	}
	if (st.y_short) {
		if (st.decode_fd_set) {
			snprintf(err, len, "-y and --decode-fds cannot be "
				 "provided simultaneously");
			return -1;
		}
		o->decode_fds = st.y_short == 1 ? FORMAT_FD_PATH
						: FORMAT_FD_ALL;
	}
	if (st.c_flag && st.C_flag) {
		snprintf(err, len, "-c/--summary-only and -C/--summary are mutually exclusive");
		return -1;
	}
	o->summary = st.c_flag ? 1 : st.C_flag ? 2 : 0;
	if (o->json && o->summary) {
		snprintf(err, len, "--json and -%c are mutually exclusive (the summary is a text table)",
			 st.c_flag ? 'c' : 'C');
		return -1;
	}
	/* -F: strace 6.1's deprecated alias, one -f however often given,
	 * nothing beside -f. */
	o->deprecated_F = st.F_given;
	if (st.F_given && !o->follow_forks)
		o->follow_forks = 1;
	if (o->summary_wall_clock && !o->summary) {
		snprintf(err, len, "-w/--summary-wall-clock must be given with "
			 "(-c/--summary-only or -C/--summary)");
		return -1;
	}
	if (st.U_given && !o->summary) {
		snprintf(err, len, "-U/--summary-columns must be given with "
			 "(-c/--summary-only or -C/--summary)");
		return -1;
	}
	o->sort_without_summary = st.S_given && !o->summary;
	o->separately_without_output = st.separately && !o->output[0];
	if (o->summary && (o->follow_forks > 1 || st.separately)) {
		snprintf(err, len, "(-c/--summary-only or -C/--summary) and "
			 "-ff/--output-separately are mutually exclusive");
		return -1;
	}
	if (o->follow_forks > 1 || st.separately) {
		if (o->follow_forks > 1)
			o->follow_forks = 1;
		o->output_per_process = o->output[0] != 0;
	}
	for (unsigned k = 0; k < sizeof o->abbrev; k++) {
		o->unabbreviated |= o->abbrev[k] != 0xff;
		o->not_verbose |= o->verbose[k] != 0xff;
	}
	if (o->hex_strings > 2)
		o->hex_strings = 2;
	if (st.x_long >= 0) {
		if (o->hex_strings) {
			snprintf(err, len, "-x and --strings-in-hex cannot be "
				 "provided simultaneously");
			return -1;
		}
		o->hex_strings = st.x_long;
	}
	if (st.t_short) {
		if (st.t_long) {
			snprintf(err, len, "-t and --absolute-timestamps cannot "
				 "be provided simultaneously");
			return -1;
		}
		/* -t: time of day; -tt: with microseconds; -ttt: since the
		 * epoch, with microseconds (more t's are -ttt). */
		o->timestamps = st.t_short >= 3 ? TRACE_TS_UNIX : TRACE_TS_TIME;
		o->timestamp_digits = st.t_short >= 2 ? 6 : 0;
	}
	return first >= 0 ? first : i;
}

int trace_options_split(char *s, char **words, int max)
{
	int n = 0;
	char *out = s;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		if (n < max)
			words[n] = out;
		n++;
		char quote = 0;
		for (; *s; s++) {
			if (quote) {
				/* As in sh: inside "..." a backslash escapes
				 * only ", \, $ and `; inside '...' nothing. */
				if (*s == quote)
					quote = 0;
				else if (quote == '"' && *s == '\\' && s[1] &&
					 strchr("\"\\$`", s[1]))
					*out++ = *++s;
				else
					*out++ = *s;
			} else if (*s == '\'' || *s == '"') {
				quote = *s;
			} else if (*s == '\\' && s[1]) {
				*out++ = *++s;
			} else if (*s == ' ' || *s == '\t' || *s == '\n') {
				s++;
				break;
			} else {
				*out++ = *s;
			}
		}
		*out++ = 0;
	}
	return n;
}
