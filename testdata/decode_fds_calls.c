/* Descriptors of each kind --decode-fds tells apart: character devices
 * (/dev/null, /dev/zero), a directory, a pipe and a pidfd, each passed to
 * a call and returned by one (dup); AT_FDCWD too; and the pidfd calls:
 * pidfd_getfd's target descriptor (decorated from the pidfd's process),
 * pidfd_open's flags, process_madvise's iovecs (the other process's
 * addresses), kcmp's descriptors (of the processes it names); a path with
 * < > and a newline, quoted, and the same file
 * once unlinked: "(deleted)" after it. trace_compare_test's decode-fds
 * case compares each line with strace 6.1's under -y, -yy and the
 * --decode-fds sets. */
#include <fcntl.h>
#include <linux/kcmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
	int null = open("/dev/null", O_RDONLY);
	int zero = open("/dev/zero", O_RDONLY);
	int root = open("/", O_RDONLY | O_DIRECTORY);
	int pipes[2];
	if (null < 0 || zero < 0 || root < 0 || pipe(pipes))
		return 1;
	close(dup(null));
	fsync(zero);
	close(dup(root));
	close(dup(pipes[0]));
	syscall(SYS_faccessat, AT_FDCWD, "/", F_OK);
	long pidfd = syscall(SYS_pidfd_open, getpid(), 0);
	if (pidfd < 0)
		return 1;
	close(dup((int)pidfd));
	close((int)syscall(SYS_pidfd_getfd, pidfd, null, 0));
	syscall(SYS_pidfd_getfd, null, zero, 0xdefaced00000000UL | 0xbadc0deUL);
	syscall(SYS_pidfd_open, -1, O_NONBLOCK | 0x40000000);
	syscall(SYS_pidfd_open, getpid(), 0x7000);
	struct iovec iov[2] = { { (void *)0x1000, 4096 }, { iov, 3 } };
	syscall(SYS_process_madvise, pidfd, iov, 2, MADV_COLD, 0);
	syscall(SYS_process_madvise, pidfd, iov, 0, MADV_COLD, 0xffffffff00000001UL);
	syscall(SYS_process_mrelease, -1, 0xbadc0ded00000000UL);
	syscall(SYS_kcmp, getpid(), getpid(), KCMP_FILE, null, null); /* 0: the same file */
	syscall(SYS_kcmp, getpid(), -1, KCMP_VM, 1, 2);
	syscall(SYS_kcmp, -1, -1, 99, 1, 2);
	char name[4096];
	const char *dir = getenv("TEST_TMPDIR");
	snprintf(name, sizeof name, "%s/odd <name>\n (deleted)", dir ? dir : "/tmp");
	int odd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (odd >= 0) {
		fsync(odd);
		unlink(name);
		fsync(odd);
	}
	fsync(-1);
	return 0;
}
