/* trace_syscalls.so: an strace-compatible tracer that runs inside the traced
 * program. Options come from $SYSTRAP_TRACE (the systrap-trace launcher sets
 * it from its command line), in strace's syntax.
 *
 * Everything after the constructor runs on the trap path: raw syscalls, no
 * stdio, no malloc, bounded stack. Each trace line is formatted on the stack
 * and written with one write() to a file descriptor of our own, kept at a
 * high number, hidden from the program (closing or dup2()ing over it is
 * faked), so lines are never torn and the program finds the fds it expects. */
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/handlers/format.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/trace_options.h"
#include "systrap/systrap.h"
#include "tools/trace/trace_output.h"

static struct trace_options opts;
static struct format_options fmt;
static struct trace_output out;
static int root_pid;         /* the process strace would trace without -f */
static int is_root;
static int multi;            /* more than one thread or process seen */
static unsigned long call_counts[TRACE_MAX_NR]; /* for inject when= */

/* Per thread: the entry text of calls in progress (a signal handler can
 * make calls while one blocks, so a small stack of them). */
#define PENDING_DEPTH 4
#define LINE_MAX_LEN 4096
struct pending {
	long nr;
	long args[6];
	struct timespec start;
	size_t entry_len;
	int injected;
	char entry[1024];
};
static __thread struct pending pending[PENDING_DEPTH]
	__attribute__((tls_model("initial-exec")));
static __thread int depth __attribute__((tls_model("initial-exec")));

static int traced_here(void)
{
	if (opts.follow_forks)
		return 1;
	/* Without -f strace follows only the first thread of the first
	 * process (and what it execs). */
	return is_root && raw_gettid() == root_pid;
}

static void now(struct timespec *ts)
{
	raw_clock_gettime(CLOCK_REALTIME, ts);
}

static int wants_time(void)
{
	return opts.timestamps || opts.relative_timestamps ||
	       opts.syscall_times || opts.summary;
}

static int is_thread(const struct systrap_call *call)
{
	unsigned long flags = 0;
	if (call->nr == SYS_clone)
		flags = (unsigned long)call->args[0];
	else if (call->nr == SYS_clone3)
		systrap_read_memory(&flags, (uintptr_t)call->args[0], sizeof flags);
	return (flags & CLONE_THREAD) != 0;
}

static void pre(struct systrap_call *call, void *arg)
{
	long nr = call->nr;
	if (nr < 0 || nr >= TRACE_MAX_NR)
		return;
	trace_output_guard_fd(&out, call);
	unsigned long count = __atomic_add_fetch(&call_counts[nr], 1,
						 __ATOMIC_RELAXED);
	long injected;
	int inject = trace_options_injection(&opts, nr, count, &injected);
	if (inject) {
		call->skip = 1;
		call->result = injected;
	}
	if (!traced_here())
		return;
	/* The exit status line is printed whatever -e trace= selects. */
	if (nr == SYS_exit_group || nr == SYS_exit) {
		trace_output_noreturn(&out, call, &opts, &fmt, multi,
				      trace_options_traced(&opts, nr));
		return;
	}
	if (!trace_options_traced(&opts, nr))
		return;
	if (nr == SYS_rt_sigreturn) {
		trace_output_sigreturn(&out, call, &opts, &fmt, multi);
		return;
	}
	if (nr == SYS_execve || nr == SYS_execveat)
		trace_output_flush(&out);
	if (depth >= PENDING_DEPTH) {
		depth++;
		return;
	}
	struct pending *p = &pending[depth++];
	p->nr = nr;
	p->injected = inject;
	memcpy(p->args, call->args, sizeof p->args);
	if (wants_time())
		now(&p->start);
	fmt.line_prefix_width = (int)trace_output_prefix_width(&out, multi);
	p->entry_len = format_syscall_entry(p->entry, sizeof p->entry, nr,
					    call->args, &fmt,
					    systrap_read_memory);
}

static void post(struct systrap_call *call, void *arg)
{
	if (call->in_child) {
		/* A new thread or process: lines now need their pid, and a
		 * process child with -ff writes a file of its own. */
		multi = 1;
		depth = 0;
		if (!is_thread(call))
			trace_output_after_fork(&out, &opts);
		return;
	}
	if ((call->nr == SYS_clone || call->nr == SYS_clone3 ||
	     call->nr == SYS_fork || call->nr == SYS_vfork) &&
	    call->result > 0)
		multi = 1;
	if (!depth)
		return;
	depth--;
	if (depth >= PENDING_DEPTH)
		return;
	struct pending *p = &pending[depth];
	if (p->nr != call->nr || !traced_here())
		return;
	struct timespec end = {0, 0};
	if (wants_time())
		now(&end);
	if ((opts.only_successful && raw_is_error(call->result)) ||
	    (opts.only_failed && !raw_is_error(call->result)))
		goto count_only;
	trace_output_line(&out, &opts, &fmt, multi, p->entry, p->entry_len,
			  p->nr, p->args, call->result, &p->start, &end,
			  p->injected);
	return;
count_only:
	trace_output_count(&out, p->nr, call->result, &p->start, &end);
}

__attribute__((constructor(101))) static void trace_init(void)
{
	const char *env = getenv("SYSTRAP_TRACE");
	char buf[8192] = "";
	char *words[256];
	int n = 0;
	if (env && strlen(env) < sizeof buf) {
		strcpy(buf, env);
		n = trace_options_split(buf, words, 256);
	}
	char err[512];
	if (trace_options_parse(&opts, n, words, err, sizeof err) < 0) {
		const char pre_[] = "systrap-trace: ";
		raw_write(2, pre_, sizeof pre_ - 1);
		raw_write(2, err, strlen(err));
		raw_write(2, "\n", 1);
		return;
	}
	format_options_init(&fmt);
	fmt.string_limit = opts.string_limit;
	fmt.hex_strings = opts.hex_strings;
	fmt.decode_fd_paths = opts.decode_fds;

	/* Who is the root? The launcher (or the first tracer in the chain)
	 * names it; a process with another pid is a child. */
	const char *root = getenv("SYSTRAP_TRACE_ROOT");
	int pid = (int)raw_getpid();
	root_pid = root ? atoi(root) : pid;
	is_root = root_pid == pid;
	if (!root) {
		char kv[64] = "SYSTRAP_TRACE_ROOT=";
		char num[24];
		int k = 0, v = pid;
		do
			num[k++] = (char)('0' + v % 10);
		while ((v /= 10));
		size_t len = strlen(kv);
		while (k)
			kv[len++] = num[--k];
		kv[len] = 0;
		systrap_keep_env(kv);
	}
	if (!opts.follow_forks && !is_root)
		return; /* not traced: stay out of the way entirely */
	if (trace_output_open(&out, &opts, pid))
		return;
	static const struct systrap_handler h = {pre, post, 0, 0};
	systrap_register(&h);
	systrap_init(0);
}
