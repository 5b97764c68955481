#include "systrap/handlers/trace_options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static long errno_by_name(const char *name)
{
	for (long e = 1; e < 4096; e++) {
		const char *n = format_errno_name(e);
		if (n && !strcmp(n, name))
			return e;
	}
	char *end;
	long v = strtol(name, &end, 10);
	return *end || v <= 0 || v >= 4096 ? -1 : v;
}

/* inject=SET:error=E|retval=N[:when=A[..B][+S]] */
static int parse_inject(struct trace_options *o, const char *spec, char *err,
			unsigned len)
{
	if (o->ninject == TRACE_MAX_INJECT) {
		snprintf(err, len, "too many inject rules");
		return -1;
	}
	struct inject_rule *r = &o->inject[o->ninject];
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", spec);
	char *colon = strchr(buf, ':');
	if (!colon) {
		snprintf(err, len, "invalid inject specification '%s'", spec);
		return -1;
	}
	*colon = 0;
	if (parse_set(buf, r->nrs, err, len))
		return -1;
	r->first = 1;
	r->last = 0;
	r->step = 1;
	int have_value = 0;
	for (char *save = 0, *w = strtok_r(colon + 1, ":", &save); w;
	     w = strtok_r(0, ":", &save)) {
		if (!strncmp(w, "error=", 6)) {
			long e = errno_by_name(w + 6);
			if (e < 0) {
				snprintf(err, len, "invalid error '%s'", w + 6);
				return -1;
			}
			r->value = -e;
			have_value = 1;
		} else if (!strncmp(w, "retval=", 7)) {
			char *end;
			r->value = strtol(w + 7, &end, 0);
			if (*end || r->value < 0) {
				snprintf(err, len, "invalid retval '%s'", w + 7);
				return -1;
			}
			have_value = 1;
		} else if (!strncmp(w, "when=", 5)) {
			char *p = w + 5, *end;
			r->first = (unsigned)strtoul(p, &end, 10);
			r->last = r->first;
			if (end[0] == '.' && end[1] == '.') {
				p = end + 2;
				r->last = (unsigned)strtoul(p, &end, 10);
			}
			if (*end == '+') {
				r->step = (unsigned)strtoul(end + 1, &end, 10);
				if (r->last == r->first)
					r->last = 0;
			}
			if (*end || !r->first || !r->step) {
				snprintf(err, len, "invalid when '%s'", w + 5);
				return -1;
			}
		} else {
			snprintf(err, len, "invalid inject argument '%s'", w);
			return -1;
		}
	}
	if (!have_value) {
		snprintf(err, len, "inject needs error= or retval=");
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

/* -p's value: one process id, or several separated by commas or spaces
 * (strace's -p "1 2,3"). */
static int parse_pids(struct trace_options *o, const char *val, char *err,
		      unsigned len)
{
	const char *s = val;
	int any = 0;
	while (*s) {
		if (*s == ',' || *s == ' ') {
			s++;
			continue;
		}
		char *end;
		long pid = strtol(s, &end, 10);
		if (end == s || pid <= 0 || pid > 0x7fffffff ||
		    (*end && *end != ',' && *end != ' ')) {
			snprintf(err, len, "Invalid process id: '%s'", val);
			return -1;
		}
		if (o->nattach == TRACE_MAX_ATTACH) {
			snprintf(err, len, "-p: at most %d processes", TRACE_MAX_ATTACH);
			return -1;
		}
		o->attach[o->nattach++] = (int)pid;
		any = 1;
		s = end;
	}
	if (!any) {
		snprintf(err, len, "Invalid process id: '%s'", val);
		return -1;
	}
	return 0;
}

int trace_options_parse(struct trace_options *o, int argc, char **argv,
			char *err, unsigned len)
{
	memset(o, 0, sizeof *o);
	memset(o->traced, 0xff, sizeof o->traced);
	o->string_limit = 32;
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
		if (!strcmp(a, "--help"))
			a = "-h";
		if (!strcmp(a, "--version"))
			a = "-V";
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
			case 'c': o->summary = 1; break;
			case 'C': o->summary = 2; break;
			case 'z': o->only_successful = 1; break;
			case 'Z': o->only_failed = 1; break;
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
					char *end;
					long n = strtol(val, &end, 10);
					if (*end || n < 0) {
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
				if (*s == quote)
					quote = 0;
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
