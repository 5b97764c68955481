#include "tools/trace/trace_output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "systrap/arch/context.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/handlers/syscall_table.h"

#define HIDDEN_FD_FLOOR 600
#define LINE_CAP 8192

/* -c: per syscall counts, errors and time, merged across threads. */
static struct {
	unsigned long calls, errors;
	unsigned long long nsec;
} summary[TRACE_MAX_NR];

static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static char *put_udec(char *p, unsigned long long v, int width, char pad)
{
	char tmp[24];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10));
	while (width-- > n)
		*p++ = pad;
	while (n)
		*p++ = tmp[--n];
	return p;
}

static int move_high(int fd)
{
	struct {
		unsigned long cur, max;
	} rl = {1024, 1024};
	raw_syscall2(SYS_getrlimit, 7 /* RLIMIT_NOFILE */, (long)&rl);
	long floor = rl.cur > HIDDEN_FD_FLOOR + 64 ? (long)rl.cur - 64
						    : HIDDEN_FD_FLOOR / 2;
	long nfd = raw_fcntl(fd, F_DUPFD_CLOEXEC, floor);
	if (nfd < 0)
		return fd;
	raw_close(fd);
	return (int)nfd;
}

static int open_file(const struct trace_options *opts, int pid, int truncate)
{
	char path[4200];
	char *p = put_str(path, opts->output);
	if (opts->output_per_process) {
		*p++ = '.';
		p = put_udec(p, (unsigned long long)pid, 0, ' ');
	}
	*p = 0;
	long fd = raw_openat(AT_FDCWD, path,
			     O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
				     (truncate ? O_TRUNC : 0),
			     0644);
	return fd < 0 ? (int)fd : move_high((int)fd);
}

int trace_output_open(struct trace_output *o, const struct trace_options *opts,
		      int pid)
{
	o->opts = opts;
	o->follow = opts->follow_forks;
	o->to_file = opts->output[0] != 0;
	if (o->to_file) {
		/* Only the first process of a trace truncates the file. */
		const char *started = getenv("SYSTRAP_TRACE_STARTED");
		o->fd = open_file(opts, pid, !started || opts->output_per_process);
		if (o->fd < 0)
			return o->fd;
		if (!started)
			systrap_keep_env("SYSTRAP_TRACE_STARTED=1");
	} else {
		long fd = raw_fcntl(2, F_DUPFD_CLOEXEC, HIDDEN_FD_FLOOR);
		if (fd < 0)
			return (int)fd;
		o->fd = move_high((int)fd);
	}
	return 0;
}

void trace_output_after_fork(struct trace_output *o,
			     const struct trace_options *opts)
{
	if (o->to_file && opts->output_per_process) {
		int fd = open_file(opts, (int)raw_getpid(), 1);
		if (fd >= 0) {
			raw_dup3(fd, o->fd, O_CLOEXEC);
			raw_close(fd);
		}
	}
}

void trace_output_guard_fd(struct trace_output *o, struct systrap_call *c)
{
	switch (c->nr) {
	case SYS_close:
		if ((int)c->args[0] == o->fd) {
			c->skip = 1; /* as if it were not open */
			c->result = -EBADF;
		}
		break;
	case SYS_close_range: {
		unsigned first = (unsigned)c->args[0], last = (unsigned)c->args[1];
		unsigned ours = (unsigned)o->fd;
		if (first <= ours && ours <= last && first <= last) {
			long r = 0;
			if (first < ours)
				r = raw_syscall3(SYS_close_range, first, ours - 1,
						 c->args[2]);
			if (!r && ours < last)
				r = raw_syscall3(SYS_close_range, ours + 1, last,
						 c->args[2]);
			c->skip = 1;
			c->result = r;
		}
		break;
	}
	case SYS_dup2:
	case SYS_dup3:
		if ((int)c->args[1] == o->fd) {
			/* The program wants this number: give ours another. */
			long nfd = raw_fcntl(o->fd, F_DUPFD_CLOEXEC,
					     o->fd > HIDDEN_FD_FLOOR / 2 ? o->fd / 2 + 1
								  : o->fd + 1);
			if (nfd >= 0) {
				raw_close(o->fd);
				o->fd = (int)nfd;
			}
		}
		break;
	}
}

size_t trace_output_prefix_width(const struct trace_output *o, int multi)
{
	long tid = raw_gettid();
	char tmp[24];
	size_t digits = (size_t)(put_udec(tmp, (unsigned long long)tid, 0, ' ') - tmp);
	size_t w = 0;
	if (o->follow && o->to_file)
		w = digits + 2;  /* "1234  " */
	else if (o->follow && multi)
		w = 6 + (digits < 5 ? 5 : digits) + 2; /* "[pid  1234] " */
	if (o->opts->timestamps == 1)
		w += 9;
	else if (o->opts->timestamps == 2)
		w += 16;
	else if (o->opts->timestamps == 3)
		w += 18;
	if (o->opts->relative_timestamps)
		w += 12;
	return w;
}

static char *put_prefix(struct trace_output *o, char *p, int multi,
			const struct timespec *t)
{
	long tid = raw_gettid();
	if (o->follow && o->to_file) {
		p = put_udec(p, (unsigned long long)tid, 0, ' ');
		p = put_str(p, "  ");
	} else if (o->follow && multi) {
		p = put_str(p, "[pid ");
		p = put_udec(p, (unsigned long long)tid, 5, ' ');
		p = put_str(p, "] ");
	}
	const struct trace_options *opts = o->opts;
	if (opts->timestamps && t) {
		long long sec = t->tv_sec;
		if (opts->timestamps == 3) {
			p = put_udec(p, (unsigned long long)sec, 0, ' ');
		} else {
			long long day = sec % 86400;
			p = put_udec(p, (unsigned long long)(day / 3600), 2, '0');
			*p++ = ':';
			p = put_udec(p, (unsigned long long)(day / 60 % 60), 2, '0');
			*p++ = ':';
			p = put_udec(p, (unsigned long long)(day % 60), 2, '0');
		}
		if (opts->timestamps >= 2) {
			*p++ = '.';
			p = put_udec(p, (unsigned long long)(t->tv_nsec / 1000), 6, '0');
		}
		*p++ = ' ';
	}
	if (opts->relative_timestamps && t) {
		long long ns = 0;
		if (o->last.tv_sec)
			ns = (t->tv_sec - o->last.tv_sec) * 1000000000LL +
			     (t->tv_nsec - o->last.tv_nsec);
		o->last = *t;
		p = put_str(p, " ");
		p = put_udec(p, (unsigned long long)(ns / 1000000000LL), 0, ' ');
		*p++ = '.';
		p = put_udec(p, (unsigned long long)(ns % 1000000000LL / 1000), 6, '0');
		*p++ = ' ';
	}
	return p;
}

static void emit(struct trace_output *o, const char *buf, size_t n)
{
	raw_write(o->fd, buf, n);
}

static unsigned long long elapsed(const struct timespec *a,
				  const struct timespec *b)
{
	long long ns = (b->tv_sec - a->tv_sec) * 1000000000LL +
		       (b->tv_nsec - a->tv_nsec);
	return ns > 0 ? (unsigned long long)ns : 0;
}

void trace_output_count(struct trace_output *o, long nr, long result,
			const struct timespec *start, const struct timespec *end)
{
	if (nr < 0 || nr >= TRACE_MAX_NR)
		return;
	__atomic_add_fetch(&summary[nr].calls, 1, __ATOMIC_RELAXED);
	if (raw_is_error(result))
		__atomic_add_fetch(&summary[nr].errors, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&summary[nr].nsec, elapsed(start, end),
			   __ATOMIC_RELAXED);
}

void trace_output_line(struct trace_output *o, const struct trace_options *opts,
		       const struct format_options *fmt, int multi,
		       const char *entry, size_t entry_len, long nr,
		       const long args[6], long result,
		       const struct timespec *start, const struct timespec *end,
		       int injected)
{
	if (opts->summary)
		trace_output_count(o, nr, result, start, end);
	if (opts->summary == 1)
		return;
	char line[LINE_CAP];
	char *p = put_prefix(o, line, multi, start);
	size_t column = (size_t)(p - line) + entry_len;
	if (entry_len > sizeof line / 2)
		entry_len = sizeof line / 2;
	memcpy(p, entry, entry_len);
	p += entry_len;
	p += format_syscall_exit_at_column(p, (size_t)(line + sizeof line - 64 - p),
					   column, nr, args, result, fmt,
					   systrap_read_memory);
	if (injected)
		p = put_str(p, " (INJECTED)");
	if (opts->syscall_times) {
		unsigned long long ns = elapsed(start, end);
		p = put_str(p, " <");
		p = put_udec(p, ns / 1000000000ULL, 0, ' ');
		*p++ = '.';
		p = put_udec(p, ns % 1000000000ULL / 1000, 6, '0');
		*p++ = '>';
	}
	*p++ = '\n';
	emit(o, line, (size_t)(p - line));
}

static void print_summary(struct trace_output *o)
{
	static const char head[] =
		"% time     seconds  usecs/call     calls    errors syscall\n"
		"------ ----------- ----------- --------- --------- ----------------\n";
	unsigned long long total_ns = 0;
	unsigned long total_calls = 0, total_errors = 0;
	for (int nr = 0; nr < TRACE_MAX_NR; nr++) {
		total_ns += summary[nr].nsec;
		total_calls += summary[nr].calls;
		total_errors += summary[nr].errors;
	}
	emit(o, head, sizeof head - 1);
	/* strace sorts by time, descending; ties keep syscall order. */
	static uint8_t done[TRACE_MAX_NR];
	memset(done, 0, sizeof done);
	for (;;) {
		int best = -1;
		for (int nr = 0; nr < TRACE_MAX_NR; nr++)
			if (summary[nr].calls && !done[nr] &&
			    (best < 0 || summary[nr].nsec > summary[best].nsec))
				best = nr;
		if (best < 0)
			break;
		done[best] = 1;
		char line[160];
		char *p = line;
		unsigned long long ns = summary[best].nsec;
		unsigned long long pct = total_ns ? ns * 10000 / total_ns : 0;
		p = put_udec(p, pct / 100, 3, ' ');
		*p++ = '.';
		p = put_udec(p, pct % 100, 2, '0');
		*p++ = ' ';
		p = put_udec(p, ns / 1000000000ULL, 4, ' ');
		*p++ = '.';
		p = put_udec(p, ns % 1000000000ULL / 1000, 6, '0');
		*p++ = ' ';
		p = put_udec(p, ns / 1000 / summary[best].calls, 11, ' ');
		*p++ = ' ';
		p = put_udec(p, summary[best].calls, 9, ' ');
		*p++ = ' ';
		if (summary[best].errors)
			p = put_udec(p, summary[best].errors, 9, ' ');
		else
			p = put_str(p, "         ");
		*p++ = ' ';
		const struct syscall_signature *s = syscall_lookup(best);
		p = put_str(p, s && s->name ? s->name : "?");
		*p++ = '\n';
		emit(o, line, (size_t)(p - line));
	}
	char line[200];
	char *p = put_str(line, "------ ----------- ----------- --------- --------- ----------------\n100.00 ");
	p = put_udec(p, total_ns / 1000000000ULL, 4, ' ');
	*p++ = '.';
	p = put_udec(p, total_ns % 1000000000ULL / 1000, 6, '0');
	*p++ = ' ';
	p = put_udec(p, total_calls ? total_ns / 1000 / total_calls : 0, 11, ' ');
	*p++ = ' ';
	p = put_udec(p, total_calls, 9, ' ');
	*p++ = ' ';
	if (total_errors)
		p = put_udec(p, total_errors, 9, ' ');
	else
		p = put_str(p, "         ");
	p = put_str(p, " total\n");
	emit(o, line, (size_t)(p - line));
}

void trace_output_noreturn(struct trace_output *o, struct systrap_call *call,
			   const struct trace_options *opts,
			   struct format_options *fmt, int multi,
			   int print_call)
{
	struct timespec t = {0, 0};
	if (opts->timestamps || opts->relative_timestamps)
		raw_clock_gettime(CLOCK_REALTIME, &t);
	if (opts->summary && print_call)
		trace_output_count(o, call->nr, 0, &t, &t);
	char line[LINE_CAP];
	char *p = line;
	if (opts->summary != 1 && print_call) {
		p = put_prefix(o, line, multi, &t);
		fmt->line_prefix_width = (int)(p - line);
		size_t n = format_syscall_entry(p, 1024, call->nr, call->args,
						fmt, systrap_read_memory);
		size_t column = (size_t)(p - line) + n;
		p += n;
		*p++ = ')';
		column++;
		while (column < 39) {
			*p++ = ' ';
			column++;
		}
		p = put_str(p, " = ?\n");
	}
	if (call->nr == SYS_exit_group) {
		if (opts->summary)
			print_summary(o);
		if (opts->quiet < 2 && opts->summary != 1) {
			p = put_prefix(o, p, multi, 0);
			p = put_str(p, "+++ exited with ");
			p = put_udec(p, (unsigned long long)(call->args[0] & 0xff), 0, ' ');
			p = put_str(p, " +++\n");
		}
	}
	emit(o, line, (size_t)(p - line));
}

void trace_output_sigreturn(struct trace_output *o, struct systrap_call *call,
			    const struct trace_options *opts,
			    struct format_options *fmt, int multi)
{
	/* rt_sigreturn's result is the rax saved in the frame it restores. */
	uintptr_t sp = call->stack_pointer;
	long result = 0;
	arch_sigreturn_saved_result(sp, &result, systrap_read_memory);
	fmt->stack_pointer = sp;
	char entry[1024];
	size_t n = format_syscall_entry(entry, sizeof entry, call->nr,
					call->args, fmt, systrap_read_memory);
	struct timespec t = {0, 0};
	if (opts->timestamps || opts->relative_timestamps || opts->summary)
		raw_clock_gettime(CLOCK_REALTIME, &t);
	trace_output_line(o, opts, fmt, multi, entry, n, call->nr, call->args,
			  result, &t, &t, 0);
	fmt->stack_pointer = 0;
}

void trace_output_flush(struct trace_output *o)
{
	(void)o;
}
