/* A deterministic program for the tracer's tests: a fixed series of calls,
 * including one with a bad pointer (which must print as an address and
 * still fail with EFAULT) and injected-failure probes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fd = open("/etc/hostname", O_RDONLY);
	char buf[64];
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
	if (fd >= 0)
		close(fd);
	struct stat st;
	int s = stat("/nonexistent/systrap", &st);
	int e1 = errno;
	const void *volatile bad = (const void *)8; /* unmapped: EFAULT */
	ssize_t w = write(1, bad, 5);
	int e2 = errno;
	for (int i = 0; i < 5; i++)
		getppid();
	int fd2 = open("/dev/null", O_WRONLY);
	int e3 = fd2 < 0 ? errno : 0;
	printf("read %s stat %d errno %d write %zd errno %d open %s errno %d\n",
	       n > 0 ? "ok" : "failed", s, e1, w, e2, fd2 >= 0 ? "ok" : "failed", e3);
	return argc > 1 ? 3 : 0;
}
