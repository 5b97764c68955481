/* Reading and writing the tracee's memory (inject.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"
#include "systrap/inject/proc_pid.h"
#include "systrap/inject/stage.h"

/* n bytes at addr through fd, an open /proc/PID/mem: 0 or -errno. */
static int mem_rw(int fd, uint64_t addr, void *buf, size_t n, int write)
{
	size_t done = 0;
	while (done < n) {
		ssize_t k = write ? pwrite(fd, (char *)buf + done, n - done,
					   (off_t)(addr + done))
				  : pread(fd, (char *)buf + done, n - done,
					  (off_t)(addr + done));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k < 0 ? -errno : -EIO;
		done += (size_t)k;
	}
	return 0;
}

/* /proc/PID/mem, at offset addr: it goes through the kernel's forced access
 * (FOLL_FORCE), so it also reads and writes pages without the permission. */
static int proc_mem(struct inject_target *t, uint64_t addr, void *buf,
		    size_t n, int write)
{
	char path[64];
	inject_proc_path(path, sizeof path, t->pid, "mem");
	int fd = open(path, (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int e = mem_rw(fd, addr, buf, n, write);
	close(fd);
	return e;
}

static int vm_rw(struct inject_target *t, uint64_t addr, void *buf, size_t n,
		 int write)
{
	size_t done = 0;
	while (done < n) {
		struct iovec local = {(char *)buf + done, n - done};
		struct iovec remote = {(void *)(addr + done), n - done};
		ssize_t k = write ? process_vm_writev(t->pid, &local, 1,
						      &remote, 1, 0)
				  : process_vm_readv(t->pid, &local, 1,
						     &remote, 1, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k < 0 ? -errno : -EIO;
		done += (size_t)k;
	}
	return 0;
}

static int access_memory(struct inject_target *t, uint64_t addr, void *buf,
			 size_t n, int write, struct inject_error *err)
{
	if (n == 0)
		return 0;
	/* process_vm_*: one copy, but only with the pages' own permission
	 * (EFAULT on a read-only page) and where the kernel has it. */
	if (vm_rw(t, addr, buf, n, write) == 0)
		return 0;
	int e = proc_mem(t, addr, buf, n, write);
	if (e == 0)
		return 0;
	return inject_fail(err, e, "cannot %s %zu bytes at 0x%llx in process "
			   "%d: %s", write ? "write" : "read", n,
			   (unsigned long long)addr, t->pid, strerror(-e));
}

int inject_read_memory(struct inject_target *t, uint64_t addr, void *buf,
		       size_t n, struct inject_error *err)
{
	return access_memory(t, addr, buf, n, 0, err);
}

int inject_write_runs(struct inject_target *t,
		      const struct inject_write_run *runs, size_t n,
		      struct inject_error *err)
{
	char path[64];
	inject_proc_path(path, sizeof path, t->pid, "mem");
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t i = 0;
	while (fd >= 0 && i < n &&
	       !mem_rw(fd, runs[i].addr, (void *)runs[i].buf, runs[i].n, 1))
		i++;
	if (fd >= 0)
		close(fd);
	/* What /proc could not take (another /proc there, a policy),
	 * run by run the usual way. */
	for (; i < n; i++) {
		int e = access_memory(t, runs[i].addr, (void *)runs[i].buf,
				      runs[i].n, 1, err);
		if (e)
			return e;
	}
	return 0;
}

int inject_write_memory(struct inject_target *t, uint64_t addr,
			const void *buf, size_t n, struct inject_error *err)
{
	/* Into the boot's reservation, not made yet: kept for the boot. */
	if (t->stage && inject_stage_put(t->stage, addr, buf, n))
		return 0;
	return access_memory(t, addr, (void *)buf, n, 1, err);
}
