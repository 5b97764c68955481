/* Our descriptors (the output, -ff's per-thread files, -f -c's shared
 * table) kept out of the program's way: moved high, and hidden from its
 * close, close_range, dup2, dup3 and every other call on an fd. */
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "systrap/core/syscall_behaviour.h"
#include "systrap/handlers/syscall_table.h"
#include "tools/trace/trace_output_parts.h"

#define MAX_HIDDEN 64

/* Our descriptors (the output, -ff's per-thread files): hidden from the
 * program's close, close_range, dup2 and dup3. */
static int hidden[MAX_HIDDEN];
static int hidden_count;

void hidden_add(int fd)
{
	if (fd < 0)
		return;
	for (int i = 0; i < hidden_count; i++)
		if (hidden[i] == fd)
			return;
	if (hidden_count < MAX_HIDDEN)
		hidden[hidden_count++] = fd;
}

void hidden_remove(int fd)
{
	for (int i = 0; i < hidden_count; i++)
		if (hidden[i] == fd) {
			hidden[i] = hidden[--hidden_count];
			return;
		}
}

static int is_hidden(int fd)
{
	for (int i = 0; i < hidden_count; i++)
		if (hidden[i] == fd)
			return 1;
	return 0;
}

int move_high(int fd)
{
	struct {
		unsigned long cur, max;
	} rl = {1024, 1024};
	raw_syscall2(SYS_getrlimit, RLIMIT_NOFILE, (long)&rl);
	long floor = rl.cur > HIDDEN_FD_FLOOR + 64 ? (long)rl.cur - 64
						    : HIDDEN_FD_FLOOR / 2;
	long nfd = raw_fcntl(fd, F_DUPFD_CLOEXEC, floor);
	if (nfd < 0)
		return fd;
	raw_close(fd);
	return (int)nfd;
}

int open_file(const struct trace_options *opts, int pid, int truncate)
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
				     (truncate && !opts->output_append ? O_TRUNC : 0),
			     0644);
	if (fd < 0)
		return (int)fd;
	fd = move_high((int)fd);
	hidden_add((int)fd);
	return (int)fd;
}

static void set_output_fd(struct trace_output *o, int old, int fd)
{
	hidden_remove(old);
	hidden_add(fd);
	if (o->fd == old)
		o->fd = fd;
	int n = __atomic_load_n(&registry_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n && i < MAX_THREADS; i++) {
		struct trace_thread *s = registry[i];
		if (s && s->fd == old)
			s->fd = fd;
	}
}

void trace_output_guard_fd(struct trace_output *o, struct systrap_call *c)
{
	switch (syscall_behaviour(c->nr) &
		(SB_FD_CLOSE | SB_FD_CLOSE_RANGE | SB_FD_REPLACE)) {
	default: {
		/* Anything else done to one of our fds (fstat, fcntl, read,
		 * lseek...): to the program it is not open. */
		const struct syscall_signature *sig = syscall_lookup(c->nr);
		if (sig && sig->nargs > 0 &&
		    (sig->args[0].kind == ARG_FD ||
		     sig->args[0].kind == ARG_DIRFD) &&
		    c->args[0] >= 0 && is_hidden((int)c->args[0])) {
			c->skip = 1;
			c->result = -EBADF;
		}
		break;
	}
	case SB_FD_CLOSE:
		if (is_hidden((int)c->args[0])) {
			c->skip = 1; /* as if it were not open */
			c->result = -EBADF;
		}
		break;
	case SB_FD_CLOSE_RANGE: {
		unsigned first = (unsigned)c->args[0], last = (unsigned)c->args[1];
		int ours_inside = 0;
		for (int i = 0; i < hidden_count; i++)
			if ((unsigned)hidden[i] >= first &&
			    (unsigned)hidden[i] <= last)
				ours_inside = 1;
		if (!ours_inside || first > last)
			break;
		/* Close the pieces between our fds, in order. */
		long r = 0;
		unsigned from = first;
		for (;;) {
			unsigned next = last + 1u ? last + 1u : last;
			int have = 0;
			for (int i = 0; i < hidden_count; i++) {
				unsigned h = (unsigned)hidden[i];
				if (h >= from && h <= last && (!have || h < next)) {
					next = h;
					have = 1;
				}
			}
			if (!have) {
				r = raw_syscall3(SYS_close_range, from, last,
						 c->args[2]);
				break;
			}
			if (next > from)
				r = raw_syscall3(SYS_close_range, from, next - 1,
						 c->args[2]);
			if (r || next >= last)
				break;
			from = next + 1;
		}
		c->skip = 1;
		c->result = r;
		break;
	}
	case SB_FD_REPLACE: {
		int target = (int)c->args[1];
		if (c->args[0] >= 0 && is_hidden((int)c->args[0])) {
			c->skip = 1; /* ours is not open, for the program */
			c->result = -EBADF;
			break;
		}
		if (!is_hidden(target))
			break;
		/* The program wants this number: give ours another. */
		long nfd = raw_fcntl(target, F_DUPFD_CLOEXEC,
				     target > HIDDEN_FD_FLOOR / 2 ? target / 2 + 1
								 : target + 1);
		if (nfd >= 0) {
			set_output_fd(o, target, (int)nfd);
			raw_close(target);
		}
		break;
	}
	}
}

