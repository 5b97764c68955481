#include "systrap/handlers/trace_options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "systrap/handlers/format.h"

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

/* One token of a set, as strace's qualify_syscall(): [?]NUMBER, [?]%CLASS,
 * [?]CLASS (legacy names and "all") or [?]NAME. Returns 0 if it names
 * nothing (a leading '?' makes that fine: 1). /REGEX is not supported. */
static int set_token(const char *t, uint8_t *set)
{
	int ignore_fail = 0;
	while (*t == '?') {
		ignore_fail = 1;
		t++;
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
	if (nr < 0)
		return ignore_fail;
	set_bit(set, nr, 1);
	return 1;
}

/* strace's syscall-set syntax (qualify_syscall_tokens): each leading '!'
 * inverts the rest; "none" and "all" as the whole set; else a comma
 * separated list of set_token()s, none of them empty. Fills set; returns 0
 * or -1 with strace's message in err. */
static int parse_set(const char *spec, uint8_t *set, char *err, unsigned len)
{
	const char *s = spec;
	int negate = 0;
	while (*s == '!') {
		negate ^= 1;
		s++;
	}
	uint8_t tmp[TRACE_MAX_NR / 8];
	memset(tmp, 0, sizeof tmp);
	if (!strcmp(s, "all")) {
		memset(tmp, 0xff, sizeof tmp);
	} else if (strcmp(s, "none")) {
		char buf[4096];
		if (strlen(s) >= sizeof buf) {
			snprintf(err, len, "system call set too long (%zu bytes)", strlen(s));
			return -1;
		}
		snprintf(buf, sizeof buf, "%s", s);
		int any = 0;
		for (char *save = 0, *w = strtok_r(buf, ",", &save); w;
		     w = strtok_r(0, ",", &save)) {
			if (!set_token(w, tmp)) {
				snprintf(err, len, "invalid system call '%s'", w);
				return -1;
			}
			any = 1;
		}
		if (!any) {
			snprintf(err, len, "invalid system call '%s'", spec);
			return -1;
		}
	}
	for (unsigned i = 0; i < sizeof tmp; i++)
		set[i] = negate ? (uint8_t)~tmp[i] : tmp[i];
	return 0;
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
static int parse_inject(struct trace_options *o, const char *spec, char *err,
			unsigned len)
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
	r->last = 0;
	r->step = 1;
	int have_value = 0;
	for (char *save = 0, *w = set[0] && args ? strtok_r(args, ":", &save) : 0;
	     w; w = strtok_r(0, ":", &save)) {
		int bad = 0;
		if (!strncmp(w, "error=", 6) || !strncmp(w, "retval=", 7)) {
			if (have_value) {
				bad = 1;
			} else if (w[0] == 'e') {
				long e = errno_by_name(w + 6);
				bad = e < 0;
				r->value = -e;
			} else {
				/* strace takes any unsigned long (warning that
				 * -4095..-1 look like errors); we take 0..LONG_MAX. */
				char *end;
				errno = 0;
				long v = strtol(w + 7, &end, 0);
				bad = end == w + 7 || *end || v < 0 || errno;
				r->value = v;
			}
			have_value = 1;
		} else if (!strncmp(w, "when=", 5)) {
			bad = parse_when(r, w + 5);
		} else {
			bad = 1;
		}
		if (bad) {
			snprintf(err, len, "invalid inject argument '%s'", spec);
			return -1;
		}
	}
	if (parse_set(set, r->nrs, err, len))
		return -1;
	if (!have_value) {
		snprintf(err, len, "invalid inject argument '%s'", spec);
		return -1;
	}
	o->ninject++;
	return 0;
}

static int parse_expr(struct trace_options *o, const char *e, char *err,
		      unsigned len)
{
	if (!strncmp(e, "trace=", 6))
		return parse_set(e + 6, o->traced, err, len);
	if (!strncmp(e, "inject=", 7))
		return parse_inject(o, e + 7, err, len);
	if (!strchr(e, '='))
		return parse_set(e, o->traced, err, len);
	snprintf(err, len, "invalid -e expression '%s' (supported: trace=, inject=)", e);
	return -1;
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
	return 1;
}

int trace_options_parse(struct trace_options *o, int argc, char **argv,
			char *err, unsigned len)
{
	memset(o, 0, sizeof *o);
	memset(o->traced, 0xff, sizeof o->traced);
	o->string_limit = 32;
	int i = 0, first = -1, c_flag = 0, C_flag = 0;
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
		if (!strcmp(a, "--help"))
			a = "-h";
		if (!strcmp(a, "--version"))
			a = "-V";
		int out_opt = a[1] == '-' ? output_option(o, a, err, len) : 0;
		if (out_opt < 0)
			return -1;
		if (out_opt)
			continue;
		if (a[1] == '-') {
			/* strace's other long options are not supported. */
			snprintf(err, len, "unrecognized option '%s'", a);
			return -1;
		}
		/* Clustered flags: -ff, -tt, -xx, -qq, -fT ... */
		for (const char *p = a + 1; *p; p++) {
			const char *val = 0;
			switch (*p) {
			case 'f': o->follow_forks++; break;
			case 'x': o->hex_strings++; break;
			case 'y': o->decode_fds = 1; break;
			case 't': o->timestamps++; break;
			case 'r': o->relative_timestamps = 1; break;
			case 'T': o->syscall_times = 1; break;
			case 'c': c_flag = 1; break;
			case 'C': C_flag = 1; break;
			/* strace: "Only the last of -z/--successful-only/
			 * -Z/--failed-only options will take effect." */
			case 'z': o->only_successful = 1; o->only_failed = 0; break;
			case 'Z': o->only_failed = 1; o->only_successful = 0; break;
			case 'q': o->quiet++; break;
			case 'h': o->help = 1; break;
			case 'V': o->version = 1; break;
			case 'o': case 's': case 'e': case 'p':
				val = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : 0);
				if (!val) {
					snprintf(err, len, "option requires an argument -- '%c'", *p);
					return -1;
				}
				if (*p == 'p' && parse_pids(o, val, err, len))
					return -1;
				if (*p == 'o')
					snprintf(o->output, sizeof o->output, "%s", val);
				if (*p == 's') {
					/* strace's bound: 2^30 - 1. */
					char *end;
					errno = 0;
					long n = strtol(val, &end, 10);
					if (end == val || *end || n < 0 ||
					    n > 0x3fffffff || errno) {
						snprintf(err, len, "invalid -s argument: '%s'", val);
						return -1;
					}
					o->string_limit = (int)n;
				}
				if (*p == 'e' && parse_expr(o, val, err, len))
					return -1;
				goto next_arg;
			default:
				snprintf(err, len, "invalid option -- '%c'", *p);
				return -1;
			}
		}
	next_arg:;
	}
	if (c_flag && C_flag) {
		snprintf(err, len, "-c/--summary-only and -C/--summary are mutually exclusive");
		return -1;
	}
	o->summary = c_flag ? 1 : C_flag ? 2 : 0;
	if (o->json && o->summary) {
		snprintf(err, len, "--json and -%c are mutually exclusive (the summary is a text table)",
			 c_flag ? 'c' : 'C');
		return -1;
	}
	if (o->follow_forks > 1) {
		o->follow_forks = 1;
		o->output_per_process = o->output[0] != 0;
	}
	if (o->hex_strings > 2)
		o->hex_strings = 2;
	if (o->timestamps > 3)
		o->timestamps = 3;
	return first >= 0 ? first : i;
}

int trace_options_split(char *s, char **words, int max)
{
	int n = 0;
	char *out = s;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s || n == max)
			break;
		words[n++] = out;
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
