/* errno survives successful calls and failed calls set it as natively; file
 * descriptor numbers and the set of open descriptors are as natively. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	errno = 1234;
	pid_t p = getpid();
	printf("errno after getpid: %d (pid>0: %d)\n", errno, p > 0);
	errno = 0;
	int fd = open("/nonexistent/systrap-test", O_RDONLY);
	printf("failed open: %d errno %d (%s)\n", fd, errno, strerror(errno));
	errno = 77;
	char c;
	ssize_t r = read(-1, &c, 1);
	printf("read(-1): %zd errno %d\n", r, errno);
	fd = open(argc > 1 ? argv[1] : "/proc/self/stat", O_RDONLY);
	printf("open got fd %d\n", fd);
	int fd2 = dup(fd);
	printf("dup got fd %d\n", fd2);
	printf("open fds 0..20:");
	for (int i = 0; i <= 20; i++)
		if (fcntl(i, F_GETFD) != -1)
			printf(" %d", i);
	printf("\n");
	printf("errno after fcntl(bad): %d\n", (fcntl(999, F_GETFD), errno));
	close(fd);
	close(fd2);
	return 0;
}
