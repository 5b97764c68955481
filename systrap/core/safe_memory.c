#include "systrap/core/safe_memory.h"

#include <errno.h>
#include <sys/uio.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/systrap.h"

/* process_vm_readv stops at the first unreadable page of a remote iovec, so
 * a copy straddling into unmapped memory returns the readable prefix. */
size_t safe_read(void *dst, uintptr_t src, size_t n)
{
	if (!n)
		return 0;
	struct iovec local = {dst, n};
	struct iovec remote = {(void *)src, n};
	long r = raw_process_vm_readv((int)raw_getpid(), &local, 1, &remote, 1);
	return r > 0 ? (size_t)r : 0;
}

int safe_write(uintptr_t dst, const void *src, size_t n)
{
	if (!n)
		return 0;
	struct iovec local = {(void *)src, n};
	struct iovec remote = {(void *)dst, n};
	long r = raw_process_vm_writev((int)raw_getpid(), &local, 1, &remote, 1);
	return r == (long)n ? 0 : -EFAULT;
}

size_t systrap_read_memory(void *dst, uintptr_t src, size_t n)
{
	return safe_read(dst, src, n);
}
