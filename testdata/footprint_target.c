/* A program whose footprints are known exactly: openat of argv[1] (a file
 * of 40 bytes the test writes), read into a 4096-byte buffer, writev of
 * three buffers of 6, 7 and 5 bytes to stdout, then two failing calls.
 * The addresses go to stderr, one "name=0x..." per line, so the test can
 * predict every footprint line; stdout is the same natively and traced. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/uio.h>
#include <unistd.h>

static char buf[4096];

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	static char b0[] = "hello ", b1[] = "world, ", b2[] = "bye!\n";
	static struct iovec iov[3];
	static char missing[] = "/nonexistent/footprint";
	iov[0].iov_base = b0;
	iov[0].iov_len = 6;
	iov[1].iov_base = b1;
	iov[1].iov_len = 7;
	iov[2].iov_base = b2;
	iov[2].iov_len = 5;
	fprintf(stderr, "path=%p\nbuf=%p\niov=%p\nb0=%p\nb1=%p\nb2=%p\nmissing=%p\n",
		(void *)argv[1], (void *)buf, (void *)iov, (void *)b0, (void *)b1,
		(void *)b2, (void *)missing);
	fflush(stderr);
	int fd = openat(AT_FDCWD, argv[1], O_RDONLY);
	if (fd < 0)
		return 3;
	if (read(fd, buf, sizeof buf) != 40)
		return 4;
	close(fd);
	if (writev(1, iov, 3) != 18)
		return 5;
	if (openat(AT_FDCWD, missing, O_RDONLY) >= 0)
		return 6;
	if (read(-1, buf, 10) >= 0)
		return 7;
	return 0;
}
