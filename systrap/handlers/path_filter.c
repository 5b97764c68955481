#include "systrap/handlers/path_filter.h"

#include "systrap/handlers/syscall_table.h"

/* s (n bytes, no NUL needed) equals one of the selected paths. */
static int selected(const struct trace_options *o, const char *s, size_t n)
{
	for (int i = 0; i < o->npaths; i++) {
		const char *p = o->paths[i];
		size_t k = 0;
		while (k < n && p[k] && p[k] == s[k])
			k++;
		if (k == n && !p[k])
			return 1;
	}
	return 0;
}

static int fd_selected(const struct trace_options *o, long fd,
		       fd_path_fn fd_path)
{
	if ((int)fd < 0)
		return 0;
	char buf[TRACE_PATH_BYTES];
	long n = fd_path((int)fd, buf, sizeof buf);
	return n > 0 && (size_t)n < sizeof buf && selected(o, buf, (size_t)n);
}

static int path_selected(const struct trace_options *o, long addr,
			 read_memory_fn rd)
{
	if (!addr)
		return 0;
	char buf[TRACE_PATH_BYTES];
	size_t n = rd(buf, (uintptr_t)addr, sizeof buf);
	for (size_t i = 0; i < n; i++)
		if (!buf[i])
			return selected(o, buf, i);
	return 0; /* unreadable, or longer than we compare */
}

/* select's fd_set of nfds bits, as strace's pathtrace.c reads it: whole
 * longs, and a set it cannot read in full is passed over (a set at the end
 * of the memory, with nfds past it); the first FD_SETSIZE fds are looked
 * at (strace looks at up to 1M). */
static int fdset_selected(const struct trace_options *o, long addr, int nfds,
			  read_memory_fn rd, fd_path_fn fd_path)
{
	if (!addr || nfds <= 0)
		return 0;
	if (nfds > 1024 * 1024)
		nfds = 1024 * 1024;
	size_t size = ((size_t)(nfds + 7) / 8 + 7) & ~(size_t)7;
	uint8_t bits[128], last;
	size_t n = size < sizeof bits ? size : sizeof bits;
	if (rd(bits, (uintptr_t)addr, n) != n ||
	    rd(&last, (uintptr_t)addr + size - 1, 1) != 1)
		return 0;
	for (long fd = 0; fd < nfds && (size_t)fd < n * 8; fd++)
		if (bits[fd / 8] >> (fd % 8) & 1 && fd_selected(o, fd, fd_path))
			return 1;
	return 0;
}

/* poll's struct pollfd[count] (8 bytes each, the fd first). */
static int pollfds_selected(const struct trace_options *o, long addr,
			    long count, read_memory_fn rd, fd_path_fn fd_path)
{
	for (long i = 0; addr && i < count && i < 1024; i++) {
		int32_t fd;
		if (rd(&fd, (uintptr_t)addr + (uintptr_t)i * 8, 4) != 4)
			return 0;
		if (fd_selected(o, fd, fd_path))
			return 1;
	}
	return 0;
}

int path_filter_match(const struct trace_options *o, long nr,
		      const long args[6], read_memory_fn rd,
		      fd_path_fn fd_path)
{
	if (!o->npaths)
		return 1;
	const struct syscall_signature *sig = syscall_lookup(nr);
	if (!sig || !(sig->classes & (CLASS_DESC | CLASS_FILE | CLASS_NETWORK)) ||
	    (sig->classes & CLASS_NO_PATH_ARGS))
		return 0;
	if (!fd_path)
		fd_path = format_fd_path_proc;
	for (int i = 0; i < sig->nargs; i++) {
		const struct syscall_arg *a = &sig->args[i];
		int hit = 0;
		switch (a->kind) {
		case ARG_PATH:
			hit = path_selected(o, args[i], rd);
			break;
		case ARG_FD:
		case ARG_DIRFD:
			hit = fd_selected(o, args[i], fd_path);
			break;
		/* select's nfds is an int, poll's an unsigned int: the
		 * register's high half is not the count (strace's
		 * pathtrace.c, and the kernel). */
		case ARG_FDSET_INOUT:
			hit = fdset_selected(o, args[i], (int)args[a->size_arg],
					     rd, fd_path);
			break;
		case ARG_POLLFDS:
			hit = pollfds_selected(o, args[i],
					       (unsigned)args[a->size_arg], rd,
					       fd_path);
			break;
		default:
			break;
		}
		if (hit)
			return 1;
	}
	return 0;
}
