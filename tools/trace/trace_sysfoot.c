/* trace_sysfoot.so: the tracer (trace_syscalls.c, linked into the same
 * object) plus each call's exact user-memory footprint, printed after the
 * call's line with the same pid prefix:
 *
 *   footprint: read base=0x00007ffd5e3c1a90 n=0x000000000000000e syscall=openat
 *
 * or, with SYSTRAP_FOOTPRINTS=json (systrap-trace --footprints=json), one
 * JSON object per call: {"name":..,"args":[..],"result":..,"extents":[..]}.
 *
 * The tracer calls the two hooks below (weak in trace_syscalls.c). Both run
 * on the trap path: the measurement state and the output buffer are per
 * thread, memory is read with trace_read_memory, output goes where the
 * tracer's lines go (the launcher's ring, or its own fd with raw write()s). */

#include "systrap/arch/raw_syscalls.h"
#include "systrap/handlers/footprint.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/text_buffer.h"
#include "systrap/systrap.h"
#include "tools/trace/trace_output.h"

/* As many as the tracer's pending calls (a signal handler's calls nest
 * inside a blocked one); deeper calls are not printed by the tracer. Kept
 * small: they are part of every thread's block (systrap_thread_reserve). */
#define FP_SLOTS 4
#define OUT_CAP 1024

static int json_mode = -1; /* -1: not read yet */

/* Each thread's FP_SLOTS states, in systrap's per-thread storage
 * (systrap.h), not TLS, which the image cannot count on. */
static long fp_offset = -1;

__attribute__((constructor)) static void reserve_fp_states(void)
{
	if (fp_offset < 0) /* constructors run again at a re-attach */
		fp_offset = systrap_thread_reserve(FP_SLOTS *
						   sizeof(struct footprint_state));
}

/* This thread's slot, or NULL before systrap is running. */
static struct footprint_state *fp_state(int slot)
{
	struct footprint_state *all = fp_offset < 0 ? 0 : systrap_thread_data(fp_offset);
	return all ? &all[slot] : 0;
}

struct out_buf {
	struct trace_output *o; /* its ring, when it has one */
	int fd;
	/* Instead of fd: text collected here (execve's footprint, handed to
	 * the new image). */
	char *sink;
	size_t sink_len, sink_cap;
	size_t len;
	size_t prefix_len;
	char prefix[64];
	const char *name;
	int first_extent;
	char buf[OUT_CAP];
};

/* The value of environment variable name, or NULL: environ walked here,
 * not by libc, which this path never calls (it may use vector registers). */
static const char *env_value(const char *name)
{
	extern char **environ;
	for (char **e = environ; e && *e; e++) {
		size_t i = 0;
		while (name[i] && (*e)[i] == name[i])
			i++;
		if (!name[i] && (*e)[i] == '=')
			return *e + i + 1;
	}
	return 0;
}

/* Read on first use: the tracer's constructor may start trapping before
 * one of ours would run. */
static int want_json(void)
{
	int mode = __atomic_load_n(&json_mode, __ATOMIC_RELAXED);
	if (mode < 0) {
		const char *env = env_value("SYSTRAP_FOOTPRINTS");
		mode = env && text_streq(env, "json");
		__atomic_store_n(&json_mode, mode, __ATOMIC_RELAXED);
	}
	return mode;
}

static void flush(struct out_buf *b)
{
	if (b->sink) {
		for (size_t i = 0; i < b->len && b->sink_len < b->sink_cap; i++)
			b->sink[b->sink_len++] = b->buf[i];
		b->len = 0;
		return;
	}
	if (b->o && b->o->ring) {
		trace_output_emit(b->o, b->buf, b->len);
		b->len = 0;
		return;
	}
	size_t off = 0;
	while (off < b->len) {
		long r = raw_write(b->fd, b->buf + off, b->len - off);
		if (r <= 0)
			break;
		off += (size_t)r;
	}
	b->len = 0;
}

static void append(struct out_buf *b, const char *s, size_t n)
{
	if (b->len + n > sizeof b->buf)
		flush(b);
	if (n > sizeof b->buf)
		n = sizeof b->buf; /* never: our pieces are short */
	for (size_t i = 0; i < n; i++)
		b->buf[b->len + i] = s[i];
	b->len += n;
}

static void append_str(struct out_buf *b, const char *s)
{
	append(b, s, text_strlen(s));
}

static void append_dec(struct out_buf *b, long v)
{
	char tmp[24];
	int n = 0;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do
		tmp[sizeof tmp - ++n] = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		tmp[sizeof tmp - ++n] = '-';
	append(b, tmp + sizeof tmp - n, (size_t)n);
}

static void emit_text(void *ctx, int dir, uintptr_t base, size_t n)
{
	struct out_buf *b = ctx;
	char line[160];
	size_t len = footprint_format_extent(line, sizeof line, dir, base, n,
					     b->name);
	append(b, b->prefix, b->prefix_len);
	append(b, line, len);
}

static void append_hex16(struct out_buf *b, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[18] = {'0', 'x'};
	for (int i = 0; i < 16; i++)
		tmp[2 + i] = digits[(v >> (60 - 4 * i)) & 15];
	append(b, tmp, sizeof tmp);
}

static void emit_json(void *ctx, int dir, uintptr_t base, size_t n)
{
	struct out_buf *b = ctx;
	append_str(b, b->first_extent ? "{\"dir\":\"" : ",{\"dir\":\"");
	b->first_extent = 0;
	append_str(b, dir == FOOTPRINT_WRITE ? "write" : "read");
	append_str(b, "\",\"base\":\"");
	append_hex16(b, base);
	append_str(b, "\",\"n\":");
	append_dec(b, (long)n);
	append_str(b, "}");
}

void trace_footprint_entry(int slot, const struct systrap_call *call)
	__attribute__((visibility("hidden")));
void trace_footprint_exit(int slot, struct trace_output *o, int multi,
			  const struct systrap_call *call)
	__attribute__((visibility("hidden")));
size_t trace_footprint_exec(int slot, struct trace_output *o, int multi,
			    char *sink, size_t cap)
	__attribute__((visibility("hidden")));

void trace_footprint_entry(int slot, const struct systrap_call *call)
{
	if (slot < 0 || slot >= FP_SLOTS)
		return;
	/* Measured now: execve's strings are gone once it succeeds, and
	 * in/out lengths (*addrlen) are overwritten by the call. */
	struct footprint_state *st = fp_state(slot);
	if (st)
		footprint_begin(st, call->nr, call->args, trace_read_memory);
}

/* The footprint lines (or JSON object) of the call in slot, ended with
 * result, into b. */
static void emit_footprint(struct footprint_state *st,
			   const struct syscall_signature *sig, long result,
			   int skipped, struct out_buf *b)
{
	if (want_json()) {
		append(b, b->prefix, b->prefix_len);
		append_str(b, "{\"name\":\"");
		append_str(b, sig->name);
		append_str(b, "\",\"args\":[");
		for (int i = 0; i < sig->nargs && i < 6; i++) {
			if (i)
				append_str(b, ",");
			append_dec(b, st->args[i]);
		}
		append_str(b, "],\"result\":");
		append_dec(b, result);
		append_str(b, ",\"extents\":[");
		int known = skipped || footprint_end(st, result,
						     trace_read_memory,
						     emit_json, b);
		append_str(b, known ? "]}\n" : "],\"unknown\":true}\n");
	} else if (!skipped &&
		   !footprint_end(st, result, trace_read_memory, emit_text,
				  b)) {
		char line[96];
		size_t n = footprint_format_unknown(line, sizeof line, sig->name);
		append(b, b->prefix, b->prefix_len);
		append(b, line, n);
	}
	flush(b);
}

static void out_buf_init(struct out_buf *b, struct trace_output *o, int multi,
			 const struct syscall_signature *sig)
{
	b->o = o;
	b->fd = o->fd;
	b->sink = 0;
	b->sink_len = b->sink_cap = 0;
	b->len = 0;
	b->name = sig->name;
	b->prefix_len = trace_output_pid_prefix(o, b->prefix, multi);
	b->first_extent = 1;
}

void trace_footprint_exit(int slot, struct trace_output *o, int multi,
			  const struct systrap_call *call)
{
	if (slot < 0 || slot >= FP_SLOTS || o->opts->summary == 1)
		return;
	struct footprint_state *st = fp_state(slot);
	const struct syscall_signature *sig = st ? syscall_lookup(st->nr) : 0;
	if (!sig || st->nr != call->nr)
		return;
	/* On the stack: the tracer's own line buffer is gone by now. */
	struct out_buf ob;
	/* The call's own line may still sit in the tracer's buffer. */
	trace_output_flush(o);
	out_buf_init(&ob, o, multi, sig);
	/* A call the tracer or systrap skipped (-e inject=) never reached
	 * the kernel: it touched nothing. */
	emit_footprint(st, sig, call->result, call->skip, &ob);
}

size_t trace_footprint_exec(int slot, struct trace_output *o, int multi,
			    char *sink, size_t cap)
{
	if (slot < 0 || slot >= FP_SLOTS || o->opts->summary == 1)
		return 0;
	struct footprint_state *st = fp_state(slot);
	const struct syscall_signature *sig = st ? syscall_lookup(st->nr) : 0;
	if (!sig)
		return 0;
	struct out_buf ob;
	out_buf_init(&ob, o, multi, sig);
	ob.sink = sink;
	ob.sink_cap = cap;
	emit_footprint(st, sig, 0, 0, &ob);
	return ob.sink_len;
}
