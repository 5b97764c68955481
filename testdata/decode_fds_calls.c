/* Descriptors of each kind --decode-fds tells apart: character devices
 * (/dev/null, /dev/zero), a directory, a pipe and a pidfd, each passed to
 * a call and returned by one (dup); AT_FDCWD too. trace_compare_test's
 * decode-fds case compares each line with strace 6.1's under -yy and the
 * --decode-fds sets. */
#include <fcntl.h>
#include <sys/syscall.h>
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
	fsync(-1);
	return 0;
}
