/* openat2 with each part of struct open_how strace 6.1 prints: the mode
 * only with O_CREAT/O_TMPFILE or when set, the resolve flags, the bytes
 * past the struct (shown unless all 0), a size below the first version's
 * (the address alone); dirfd -1 makes most calls fail with EBADF before
 * anything is opened. trace_compare_test's openat2 case compares each
 * line with strace's, with and without -y (AT_FDCWD<cwd>). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* O_TMPFILE */
#endif
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static long openat2_(int dirfd, const char *path, const void *how, size_t size)
{
	return syscall(SYS_openat2, dirfd, path, how, size);
}

int main(void)
{
	struct {
		struct open_how how;
		unsigned char tail[8];
	} h;
	memset(&h, 0, sizeof h);
	h.how.flags = O_RDONLY | O_CLOEXEC;
	h.how.resolve = RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS;
	long fd = openat2_(AT_FDCWD, "/dev/null", &h, sizeof h.how);
	if (fd >= 0)
		close((int)fd);
	h.how.flags = O_WRONLY | O_CREAT;
	h.how.mode = 0644;
	h.how.resolve = RESOLVE_BENEATH;
	openat2_(-1, "openat2.sample", &h, sizeof h.how);
	h.how.flags = O_RDWR | O_TMPFILE;
	h.how.mode = 0;
	h.how.resolve = 0x1000 | RESOLVE_IN_ROOT;
	openat2_(-1, ".", &h, sizeof h.how);
	h.how.flags = O_RDONLY;
	h.how.mode = 0755; /* set without O_CREAT: shown, the kernel refuses */
	h.how.resolve = 0xdec0000;
	openat2_(-1, "openat2.sample", &h, sizeof h.how);
	h.how.mode = 0;
	h.how.resolve = 0;
	openat2_(AT_FDCWD, "/dev/null", &h, sizeof h); /* tail all 0: opens */
	memcpy(h.tail, "\x80\x81\x82\x83\x84\x85\x86\x87", 8);
	openat2_(-1, "openat2.sample", &h, sizeof h); /* E2BIG */
	openat2_(-1, "openat2.sample", &h, 11);
	return 0;
}
