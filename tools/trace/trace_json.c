/* --json and --timeline=FILE: ring events as JSON (trace_json.h).
 *
 * A call's event carries its raw number and arguments, its result, its
 * times and strace's text of it (entry and exit halves, unpadded). The
 * text is split into arguments here: at ", " outside quotes, brackets,
 * braces, parentheses, comments and -y's <path>; then, where the
 * signature table describes the call argument by argument (the generic
 * decoder), each argument gets a type and a value from the raw argument
 * (numbers, fds, flag names from the text) or from its quoted text
 * (strings, unescaped back to their bytes). */
#include "tools/trace/trace_json.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>

#include "systrap/handlers/errno_names.h"
#include "systrap/handlers/format.h"
#include "systrap/handlers/syscall_table.h"

/* ---- text ---- */

static void jb_grow(struct jbuf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 1024;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		fputs("systrap-trace: out of memory\n", stderr);
		exit(1);
	}
	b->p = p;
	b->cap = cap;
}

static void jb_mem(struct jbuf *b, const char *s, size_t n)
{
	jb_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
}

static void jb_str(struct jbuf *b, const char *s)
{
	jb_mem(b, s, strlen(s));
}

static void jb_fmt(struct jbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void jb_fmt(struct jbuf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		jb_mem(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void jb_free(struct jbuf *b)
{
	free(b->p);
	b->p = 0;
	b->len = b->cap = 0;
}

/* The length of the valid UTF-8 sequence at s (1-4), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t k;
	unsigned min;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		k = 2;
		cp = c & 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		k = 3;
		cp = c & 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		k = 4;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < k)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return k;
}

void json_string(struct jbuf *b, const char *s_, size_t n, int *latin1)
{
	const unsigned char *s = (const unsigned char *)s_;
	int valid = 1;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_seq(s + i, n - i);
		if (!k) {
			valid = 0;
			break;
		}
		i += k;
	}
	if (latin1)
		*latin1 = !valid;
	jb_grow(b, n * 6 + 2);
	char *p = b->p + b->len;
	*p++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		switch (c) {
		case '"': *p++ = '\\'; *p++ = '"'; continue;
		case '\\': *p++ = '\\'; *p++ = '\\'; continue;
		case '\n': *p++ = '\\'; *p++ = 'n'; continue;
		case '\t': *p++ = '\\'; *p++ = 't'; continue;
		case '\r': *p++ = '\\'; *p++ = 'r'; continue;
		case '\b': *p++ = '\\'; *p++ = 'b'; continue;
		case '\f': *p++ = '\\'; *p++ = 'f'; continue;
		default: break;
		}
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && !valid)) {
			p += sprintf(p, "\\u%04x", c);
			continue;
		}
		*p++ = (char)c;
	}
	*p++ = '"';
	b->len = (size_t)(p - b->p);
	b->p[b->len] = 0;
}

static void json_cstr(struct jbuf *b, const char *s)
{
	json_string(b, s, strlen(s), 0);
}

/* ---- strace's text, taken apart ---- */

/* The end of the argument or field starting at s (before a top-level
 * ", "), or of the list (a top-level closing bracket, or end). */
static size_t piece_end(const char *s, size_t n, int *closed)
{
	int depth = 0;
	*closed = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			continue;
		}
		if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			const char *e = strstr(s + i + 2, "*/");
			i = e && (size_t)(e - s) < n ? (size_t)(e - s) + 1 : n;
			continue;
		}
		/* -y's "3</path>": the path is as readlink gave it. */
		if (c == '<' && i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') {
			while (i < n && s[i] != '>')
				i++;
			continue;
		}
		if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if (c == ')' || c == ']' || c == '}') {
			if (!depth) {
				*closed = 1;
				return i;
			}
			depth--;
		} else if (!depth && c == ',' && i + 1 < n && s[i + 1] == ' ') {
			return i;
		}
	}
	return n;
}

struct piece {
	const char *s;
	size_t n;
};

/* Splits a list "a, b, {c, d}" (s just after its opening bracket) into
 * its pieces; returns how many (at most max) and where the list ended
 * (*used: the index of its closing bracket, or n). */
static int split_list(const char *s, size_t n, struct piece *out, int max,
		      size_t *used)
{
	int k = 0;
	size_t i = 0;
	for (;;) {
		int closed;
		size_t e = i + piece_end(s + i, n - i, &closed);
		if (e > i && k < max) {
			out[k].s = s + i;
			out[k].n = e - i;
			k++;
		}
		if (closed || e >= n) {
			*used = e;
			return k;
		}
		i = e + 2; /* ", " */
		if (i >= n) {
			*used = n;
			return k;
		}
	}
}

/* strace's quoted string at s (\", \\, \t \n \v \f \r, \xNN, octal) back
 * to its bytes, into out (cap bytes at least n). Returns the byte count,
 * or -1 if s is not a quoted string; *truncated: "..." follows. */
static long unquote(const char *s, size_t n, char *out, int *truncated)
{
	if (!n || s[0] != '"')
		return -1;
	size_t i = 1, k = 0;
	for (; i < n && s[i] != '"'; i++) {
		char c = s[i];
		if (c != '\\' || i + 1 >= n) {
			out[k++] = c;
			continue;
		}
		c = s[++i];
		switch (c) {
		case 't': out[k++] = '\t'; break;
		case 'n': out[k++] = '\n'; break;
		case 'v': out[k++] = '\v'; break;
		case 'f': out[k++] = '\f'; break;
		case 'r': out[k++] = '\r'; break;
		case 'x': {
			unsigned v = 0;
			int d = 0;
			while (d < 2 && i + 1 < n &&
			       strchr("0123456789abcdefABCDEF", s[i + 1]) && s[i + 1]) {
				char h = s[++i];
				v = v * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 32) - 'a' + 10);
				d++;
			}
			out[k++] = (char)v;
			break;
		}
		default:
			if (c >= '0' && c <= '7') {
				unsigned v = (unsigned)(c - '0');
				for (int d = 1; d < 3 && i + 1 < n && s[i + 1] >= '0' &&
						s[i + 1] <= '7';
				     d++)
					v = v * 8 + (unsigned)(s[++i] - '0');
				out[k++] = (char)v;
			} else {
				out[k++] = c; /* \" and \\ */
			}
		}
	}
	if (i >= n)
		return -1;
	*truncated = n - i - 1 >= 3 && !strncmp(s + i + 1, "...", 3);
	return (long)k;
}

static int is_number(const char *s, size_t n)
{
	size_t i = s[0] == '-' ? 1 : 0;
	if (i >= n)
		return 0;
	if (n - i > 2 && s[i] == '0' && s[i + 1] == 'x') {
		for (i += 2; i < n; i++)
			if (!strchr("0123456789abcdef", s[i]) || !s[i])
				return 0;
		return 1;
	}
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* As format.c prints them: open's mode, mremap's new address only when
 * another argument says. */
static int arg_present(const struct syscall_signature *sig, const int64_t *a,
		       int i)
{
	const struct syscall_arg *arg = &sig->args[i];
	return arg->size_arg < 0 ||
	       syscall_arg_present(arg, (unsigned long)a[(int)arg->size_arg]);
}

/* One argument: {"text": strace's, then what its kind says}. */
static void typed_arg(struct jbuf *b, const struct piece *pc,
		      const struct syscall_arg *a, int64_t raw)
{
	jb_str(b, "{\"text\":");
	json_string(b, pc->s, pc->n, 0);
	switch (a ? a->kind : ARG_NONE) {
	case ARG_INT:
	case ARG_PID:
	case ARG_PID_TGID_PGID:
	case ARG_PRIO_WHO:
		jb_fmt(b, ",\"type\":\"int\",\"value\":%d", (int)raw);
		break;
	case ARG_LONG:
		jb_fmt(b, ",\"type\":\"int\",\"value\":%lld", (long long)raw);
		break;
	case ARG_ID: /* -1 means "no change", every other id is unsigned */
		jb_fmt(b, ",\"type\":\"int\",\"value\":%lld",
		       (unsigned)raw == 0xffffffffU ? -1LL : (long long)(unsigned)raw);
		break;
	case ARG_UINT:
	case ARG_MODE:
	case ARG_FILE_MODE:
	case ARG_OPEN_MODE:
		jb_fmt(b, ",\"type\":\"int\",\"value\":%u", (unsigned)raw);
		break;
	case ARG_ULONG:
	case ARG_HEX:
	case ARG_MKNOD_DEV:
		jb_fmt(b, ",\"type\":\"int\",\"value\":%llu",
		       (unsigned long long)raw);
		break;
	case ARG_PTR:
	case ARG_MREMAP_ADDR:
		jb_fmt(b, ",\"type\":\"pointer\",\"value\":%llu",
		       (unsigned long long)raw);
		break;
	case ARG_FD:
	case ARG_DIRFD: {
		jb_fmt(b, ",\"type\":\"fd\",\"value\":%d", (int)raw);
		const char *lt = memchr(pc->s, '<', pc->n);
		if (lt && pc->s[pc->n - 1] == '>') {
			jb_str(b, ",\"path\":");
			json_string(b, lt + 1, (size_t)(pc->s + pc->n - 1 - lt - 1), 0);
		}
		break;
	}
	case ARG_PATH:
	case ARG_PATH_OUT:
	case ARG_STR:
	case ARG_BUF_IN:
	case ARG_BUF_OUT:
	case ARG_BUF_OUT_HEX: {
		char *bytes = malloc(pc->n + 1);
		int truncated = 0;
		long k = bytes ? unquote(pc->s, pc->n, bytes, &truncated) : -1;
		if (k < 0) {
			/* Not read (NULL, unreadable, a failed call's
			 * output): strace printed the address. */
			jb_fmt(b, ",\"type\":\"pointer\",\"value\":%llu",
			       (unsigned long long)raw);
		} else {
			int latin1;
			jb_str(b, ",\"type\":\"string\",\"value\":");
			json_string(b, bytes, (size_t)k, &latin1);
			jb_str(b, truncated ? ",\"truncated\":true"
					    : ",\"truncated\":false");
			if (latin1)
				jb_str(b, ",\"latin1\":true");
		}
		free(bytes);
		break;
	}
	case ARG_FLAGS:
	case ARG_FLAGS64:
	case ARG_OPEN_FLAGS:
	case ARG_MMAP_FLAGS:
	case ARG_MFD_FLAGS:
	case ARG_STATX_FLAGS:
	case ARG_SOCK_TYPE:
	case ARG_IPC_FLAGS:
	case ARG_SHM_FLAGS: {
		jb_fmt(b, ",\"type\":\"flags\",\"value\":%llu,\"names\":[",
		       (unsigned long long)raw);
		int first = 1;
		if (!is_number(pc->s, pc->n))
			for (size_t i = 0; i < pc->n;) {
				size_t e = i;
				while (e < pc->n && pc->s[e] != '|')
					e++;
				if (!first)
					jb_str(b, ",");
				json_string(b, pc->s + i, e - i, 0);
				first = 0;
				i = e + 1;
			}
		jb_str(b, "]");
		break;
	}
	case ARG_ENUM:
	case ARG_SIGNAL:
	case ARG_SOCK_PROTOCOL:
	case ARG_SOCKOPT_NAME:
	case ARG_IOCTL_REQ:
		jb_fmt(b, ",\"type\":\"enum\",\"value\":%lld", (long long)raw);
		if (!is_number(pc->s, pc->n)) {
			jb_str(b, ",\"name\":");
			json_string(b, pc->s, pc->n, 0);
		}
		break;
	default:
		break;
	}
	jb_str(b, "}");
}

static void put_common(struct jbuf *b, const char *type, int64_t ns, int pid,
		       int tid)
{
	jb_fmt(b, "{\"type\":\"%s\",\"ts_us\":%lld,\"pid\":%d,\"tid\":%d", type,
	       (long long)(ns / 1000), pid, tid);
}

static void signal_name(char *buf, size_t cap, long sig)
{
	size_t k = format_signal_name(buf, cap - 1, (int)sig);
	buf[k < cap ? k : cap - 1] = 0;
}

/* The call's whole text: name(args) = result ("... <unfinished ...>) = ?"
 * when it never ended). */
static void call_text(struct jbuf *line, const char *t1, size_t n1,
		      const char *t2, size_t n2, int unfinished)
{
	jb_mem(line, t1, n1);
	if (unfinished) {
		jb_str(line, n1 && t1[n1 - 1] == '(' ? ") = ?"
						     : " <unfinished ...>) = ?");
	} else {
		jb_mem(line, t2, n2);
	}
}

static void json_call(struct jbuf *b, const struct ring_event *ev, int pid,
		      int tid, const char *t1, const char *t2, int unfinished,
		      int64_t end_ns)
{
	struct jbuf line = {0, 0, 0};
	call_text(&line, t1, ev->text1_len, t2, ev->text2_len, unfinished);
	const char *s = line.p ? line.p : "";
	size_t n = line.len;
	const char *paren = memchr(s, '(', n);
	size_t name_len = paren ? (size_t)(paren - s) : n;
	put_common(b, "syscall", ev->start_ns, pid, tid);
	int64_t dur = (unfinished ? end_ns : ev->end_ns) - ev->start_ns;
	jb_fmt(b, ",\"dur_us\":%lld,\"name\":", (long long)(dur > 0 ? dur / 1000 : 0));
	json_string(b, s, name_len, 0);
	jb_fmt(b, ",\"nr\":%lld,\"args\":[", (long long)ev->nr);
	struct piece pcs[64];
	size_t used = n;
	/* An unfinished call's arguments are its entry's alone. */
	size_t region = unfinished && ev->text1_len < n ? ev->text1_len : n;
	int np = paren && region > name_len
			 ? split_list(paren + 1, region - name_len - 1, pcs, 64, &used)
			 : 0;
	const struct syscall_signature *sig = syscall_lookup(ev->nr);
	/* Typed where the text's arguments are the table's, one for one:
	 * the generic printer's, and perf_event_open's decoder (which only
	 * prints its struct at the exit). */
	int generic = sig &&
		      (sig->decoder == DECODE_GENERIC ||
		       sig->decoder == DECODE_PERF_EVENT_OPEN) &&
		      ev->nr != SYS_rt_sigreturn;
	int ai = 0;
	for (int i = 0; i < np; i++) {
		const struct syscall_arg *a = 0;
		int64_t raw = 0;
		if (generic) {
			while (ai < sig->nargs && !arg_present(sig, ev->args, ai))
				ai++;
			if (ai < sig->nargs) {
				a = &sig->args[ai];
				raw = ev->args[ai];
				ai++;
			}
		}
		if (i)
			jb_str(b, ",");
		typed_arg(b, &pcs[i], a, raw);
	}
	jb_str(b, "]");
	/* The result: what the program saw (-1 and errno on failure), and
	 * strace's text of it. */
	const char *ret = 0;
	if (paren && !unfinished) {
		const char *close = paren + 1 + used;
		const char *eq = strstr(close, "= ");
		if (eq)
			ret = eq + 2;
	}
	long r = (long)ev->result;
	int noreturn = sig && sig->ret_kind == RET_NONE;
	if (unfinished || noreturn) {
		jb_str(b, ",\"retval\":null,\"errno\":null");
	} else if (r < 0 && r >= -4095 && !(ev->flags & RING_EV_VALUE)) {
		const char *e = format_errno_name(-r);
		/* ERESTART*: interrupted, to be restarted ("= ? ERESTARTSYS") */
		if (-r >= ERESTARTSYS && -r <= ERESTART_RESTARTBLOCK)
			jb_str(b, ",\"retval\":null,\"errno\":");
		else
			jb_str(b, ",\"retval\":-1,\"errno\":");
		if (e)
			json_cstr(b, e);
		else
			jb_fmt(b, "\"%ld\"", -r);
	} else {
		jb_fmt(b, ",\"retval\":%lld,\"errno\":null",
		       sig && (sig->ret_kind == RET_HEX || sig->ret_kind == RET_ULONG)
			       ? (long long)(unsigned long)r
			       : (long long)r);
	}
	jb_str(b, ",\"ret\":");
	if (ret)
		json_string(b, ret, (size_t)(s + n - ret), 0);
	else
		jb_str(b, "\"?\"");
	if (ev->flags & RING_EV_INJECTED)
		jb_str(b, ",\"injected\":true");
	if (unfinished)
		jb_str(b, ",\"unfinished\":true");
	jb_str(b, ",\"line\":");
	json_string(b, s, n, 0);
	jb_str(b, "}\n");
	jb_free(&line);
}

/* "{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=12, si_uid=0}" as an
 * object: numbers as numbers, the rest as strace's text. */
static void json_siginfo(struct jbuf *b, const char *s, size_t n)
{
	if (n < 2 || s[0] != '{') {
		json_string(b, s, n, 0);
		return;
	}
	struct piece pcs[32];
	size_t used;
	int np = split_list(s + 1, n - 1, pcs, 32, &used);
	jb_str(b, "{");
	for (int i = 0; i < np; i++) {
		const char *eq = memchr(pcs[i].s, '=', pcs[i].n);
		if (i)
			jb_str(b, ",");
		if (!eq) {
			json_string(b, pcs[i].s, pcs[i].n, 0);
			jb_str(b, ":true");
			continue;
		}
		json_string(b, pcs[i].s, (size_t)(eq - pcs[i].s), 0);
		jb_str(b, ":");
		const char *v = eq + 1;
		size_t vn = (size_t)(pcs[i].s + pcs[i].n - v);
		/* Decimal numbers as numbers; addresses (0x...) as text. */
		if (vn && is_number(v, vn) && !memchr(v, 'x', vn))
			jb_mem(b, v, vn);
		else
			json_string(b, v, vn, 0);
	}
	jb_str(b, "}");
}

void trace_json_event(struct jbuf *b, const struct ring_event *ev, int pid,
		      int tid, const char *t1, const char *t2, int unfinished,
		      int64_t end_ns)
{
	char name[48];
	switch (ev->kind) {
	case RING_EV_CALL:
		json_call(b, ev, pid, tid, t1, t2, 0, 0);
		return;
	case RING_EV_START:
		if (unfinished)
			json_call(b, ev, pid, tid, t1, t2, 1, end_ns);
		return;
	case RING_EV_SIGNAL: {
		signal_name(name, sizeof name, ev->nr);
		put_common(b, "signal", ev->start_ns, pid, tid);
		jb_fmt(b, ",\"signal\":\"%s\",\"signo\":%lld,\"siginfo\":", name,
		       (long long)ev->nr);
		json_siginfo(b, t1, ev->text1_len);
		struct jbuf line = {0, 0, 0};
		jb_fmt(&line, "--- %s ", name);
		jb_mem(&line, t1, ev->text1_len);
		jb_str(&line, " ---");
		jb_str(b, ",\"line\":");
		json_string(b, line.p, line.len, 0);
		jb_free(&line);
		jb_str(b, "}\n");
		return;
	}
	case RING_EV_EXIT:
		put_common(b, "exit", ev->start_ns, pid, tid);
		jb_fmt(b, ",\"status\":%lld%s,\"line\":\"+++ exited with %lld +++\"}\n",
		       (long long)ev->nr,
		       ev->flags & RING_EV_THREAD ? ",\"thread\":true" : "",
		       (long long)ev->nr);
		return;
	case RING_EV_KILLED: {
		signal_name(name, sizeof name, ev->nr);
		int core = (ev->flags & RING_EV_CORE) != 0;
		put_common(b, "killed", ev->start_ns, pid, tid);
		jb_fmt(b, ",\"signal\":\"%s\",\"signo\":%lld,\"core_dumped\":%s,"
			  "\"line\":\"+++ killed by %s%s +++\"}\n",
		       name, (long long)ev->nr, core ? "true" : "false", name,
		       core ? " (core dumped)" : "");
		return;
	}
	default:
		return;
	}
}

void trace_json_notice(struct jbuf *b, int pid, const char *text)
{
	jb_fmt(b, "{\"type\":\"notice\",\"pid\":%d,\"text\":", pid);
	json_cstr(b, text);
	jb_str(b, "}\n");
}

/* ---- the timeline ---- */

int timeline_open(struct timeline *t, const char *path)
{
	memset(t, 0, sizeof *t);
	t->last = -1;
	t->f = fopen(path, "we");
	if (!t->f)
		return -1;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	t->origin_ns = (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
	fprintf(t->f, "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"tool\":"
		      "\"systrap-trace\",\"origin_epoch_us\":%lld},\n\"traceEvents\":[",
		(long long)(t->origin_ns / 1000));
	return 0;
}

static void tl_put(struct timeline *t, const struct jbuf *b)
{
	fputs(t->events++ ? ",\n" : "\n", t->f);
	fwrite(b->p, 1, b->len, t->f);
}

static void tl_us(struct jbuf *b, const char *key, int64_t ns)
{
	jb_fmt(b, ",\"%s\":%lld.%03lld", key, (long long)(ns / 1000),
	       (long long)((ns < 0 ? -ns : ns) % 1000));
}

void timeline_event(struct timeline *t, const struct ring_event *ev, int pid,
		    int tid, const char *t1, const char *t2, int unfinished,
		    int64_t end_ns)
{
	if (!t->f)
		return;
	struct jbuf b = {0, 0, 0};
	char name[48];
	int64_t rel = ev->start_ns - t->origin_ns;
	if (rel < 0)
		rel = 0;
	switch (ev->kind) {
	case RING_EV_START:
		if (!unfinished)
			return;
		/* fall through */
	case RING_EV_CALL: {
		struct jbuf line = {0, 0, 0};
		call_text(&line, t1, ev->text1_len, t2, ev->text2_len, unfinished);
		const char *paren = memchr(line.p, '(', line.len);
		int waits = (ev->flags & RING_EV_WAITS) != 0;
		jb_str(&b, "{\"name\":");
		json_string(&b, line.p, paren ? (size_t)(paren - line.p) : line.len, 0);
		/* Calls that may wait are their own category; one that did
		 * wait (1 ms or more) is colored, to stand out at a glance. */
		int64_t dur = (unfinished ? end_ns : ev->end_ns) - ev->start_ns;
		jb_fmt(&b, ",\"cat\":\"%s\",\"ph\":\"X\"",
		       waits ? "syscall,blocking" : "syscall");
		if (waits && dur >= 1000000)
			jb_str(&b, ",\"cname\":\"terrible\"");
		tl_us(&b, "ts", rel);
		tl_us(&b, "dur", dur > 0 ? dur : 0);
		jb_fmt(&b, ",\"pid\":%d,\"tid\":%d,\"args\":{\"line\":", pid, tid);
		json_string(&b, line.p, line.len, 0);
		if (unfinished)
			jb_str(&b, ",\"unfinished\":true");
		jb_str(&b, "}}");
		jb_free(&line);
		break;
	}
	case RING_EV_SIGNAL:
		signal_name(name, sizeof name, ev->nr);
		jb_fmt(&b, "{\"name\":\"%s\",\"cat\":\"signal\",\"ph\":\"i\",\"s\":\"t\"",
		       name);
		tl_us(&b, "ts", rel);
		jb_fmt(&b, ",\"pid\":%d,\"tid\":%d,\"args\":{\"siginfo\":", pid, tid);
		json_string(&b, t1, ev->text1_len, 0);
		jb_str(&b, "}}");
		break;
	case RING_EV_EXIT:
	case RING_EV_KILLED:
		if (ev->kind == RING_EV_EXIT)
			snprintf(name, sizeof name, "exited with %lld",
				 (long long)ev->nr);
		else {
			char sn[32];
			signal_name(sn, sizeof sn, ev->nr);
			snprintf(name, sizeof name, "killed by %s", sn);
		}
		jb_fmt(&b, "{\"name\":\"%s\",\"cat\":\"process\",\"ph\":\"i\",\"s\":\"%s\"",
		       name, ev->flags & RING_EV_THREAD ? "t" : "p");
		tl_us(&b, "ts", rel);
		jb_fmt(&b, ",\"pid\":%d,\"tid\":%d}", pid, tid);
		break;
	default:
		return;
	}
	tl_put(t, &b);
	jb_free(&b);
}

static struct timeline_name *tl_name(struct timeline *t, int pid, int tid)
{
	/* Most events come in runs of one thread's. */
	if (t->last >= 0 && t->last < t->nnames && t->names[t->last].tid == tid &&
	    t->names[t->last].pid == pid)
		return &t->names[t->last];
	for (int i = t->nnames - 1; i >= 0; i--)
		if (t->names[i].tid == tid && t->names[i].pid == pid) {
			t->last = i;
			return &t->names[i];
		}
	return 0;
}

static int read_comm(int pid, int tid, char *out, size_t cap)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/task/%d/comm", pid, tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	int ok = fgets(out, (int)cap, f) != 0;
	fclose(f);
	if (!ok)
		return -1;
	out[strcspn(out, "\n")] = 0;
	return 0;
}

void timeline_name_thread(struct timeline *t, int pid, int tid, int again)
{
	if (!t->f)
		return;
	struct timeline_name *n = tl_name(t, pid, tid);
	if (n && !again)
		return;
	char comm[64];
	if (read_comm(pid, tid, comm, sizeof comm))
		return; /* gone: its name stays what it was, or a number */
	if (!n) {
		if (t->nnames == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 64;
			t->names = realloc(t->names, (size_t)t->cap * sizeof *t->names);
			if (!t->names) {
				fputs("systrap-trace: out of memory\n", stderr);
				exit(1);
			}
		}
		n = &t->names[t->nnames++];
		n->pid = pid;
		n->tid = tid;
	}
	snprintf(n->name, sizeof n->name, "%s", comm);
}

void timeline_close(struct timeline *t)
{
	if (!t->f)
		return;
	for (int i = 0; i < t->nnames; i++) {
		const struct timeline_name *n = &t->names[i];
		struct jbuf b = {0, 0, 0};
		if (n->pid == n->tid) {
			/* A process is named after its first thread. */
			jb_fmt(&b, "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":%d,"
				   "\"args\":{\"name\":", n->pid);
			json_cstr(&b, n->name);
			jb_str(&b, "}}");
			tl_put(t, &b);
			b.len = 0;
		}
		jb_fmt(&b, "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":%d,\"tid\":%d,"
			   "\"args\":{\"name\":", n->pid, n->tid);
		json_cstr(&b, n->name);
		jb_str(&b, "}}");
		tl_put(t, &b);
		jb_free(&b);
	}
	fputs("\n]}\n", t->f);
	fclose(t->f);
	t->f = 0;
	free(t->names);
	t->names = 0;
	t->nnames = t->cap = 0;
}
