#include "systrap/core/self_mem.h"

#include <fcntl.h>

#include "systrap/arch/raw_syscalls.h"

/* Under the instrumenter's lock, in one thread: plain statics. */
static int refused;
static int depth;
static long fd = -1;

int self_mem_usable(void)
{
	return !refused;
}

void self_mem_begin(void)
{
	depth++;
}

void self_mem_end(void)
{
	if (depth > 0 && --depth == 0 && fd >= 0) {
		raw_close((int)fd);
		fd = -1;
	}
}

int self_mem_write(uintptr_t at, const void *b, size_t n)
{
	if (refused || depth <= 0)
		return -1;
	if (fd < 0) {
		fd = raw_openat(AT_FDCWD, "/proc/self/mem", O_WRONLY | O_CLOEXEC, 0);
		if (fd < 0) {
			fd = -1;
			refused = 1;
			return -1;
		}
	}
	/* A short write is a refusal too: what went in is written again by
	 * the caller's fallback, with the same bytes. */
	if (raw_pwrite((int)fd, b, n, (off_t)at) == (long)n)
		return 0;
	refused = 1;
	return -1;
}
