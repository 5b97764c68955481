/* Calls whose arguments strace prints as arrays, for options_compare_test's
 * -s / -v cases (strace's print_array: at most -s elements unless -v, "[...]"
 * when -s is 0): writev of 40 iovecs, readv, socketpair's pair, sendmsg's
 * iovecs and SCM_RIGHTS, poll's fds and its result, select's result (fds
 * without paths under -y), and an iovec whose buffer is not there (its
 * address, even under -s 0). Every result is the same run after run. */
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
	int null = open("/dev/null", O_WRONLY);
	int zero = open("/dev/zero", O_RDONLY);
	int sv[2];
	if (null < 0 || zero < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;

	struct iovec many[40];
	for (int i = 0; i < 40; i++) {
		many[i].iov_base = "ab";
		many[i].iov_len = 2;
	}
	writev(null, many, 40);
	char b1[4], b2[4], b3[4];
	struct iovec in[3] = {{b1, 4}, {b2, 4}, {b3, 4}};
	readv(zero, in, 3);

	/* Two fds passed over the pair, in three pieces. */
	char text[] = "hello world, again";
	struct iovec out[3] = {{text, 5}, {text + 5, 7}, {text + 12, 6}};
	union {
		struct cmsghdr h;
		char room[CMSG_SPACE(2 * sizeof(int))];
	} control;
	memset(&control, 0, sizeof control);
	struct msghdr m = {.msg_iov = out, .msg_iovlen = 3,
			   .msg_control = &control,
			   .msg_controllen = sizeof control};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(2 * sizeof(int));
	int fds[2] = {null, zero};
	memcpy(CMSG_DATA(c), fds, sizeof fds);
	sendmsg(sv[1], &m, 0);

	/* Both ends writable, the pair's readable too. */
	struct pollfd p[3] = {{sv[0], POLLIN | POLLOUT, 0},
			      {sv[1], POLLOUT, 0},
			      {null, POLLOUT, 0}};
	poll(p, 3, 0);
	fd_set r, w;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(sv[0], &r);
	FD_SET(null, &w);
	struct timeval tv = {0, 0};
	select(null > sv[1] ? null + 1 : sv[1] + 1, &r, &w, 0, &tv);

	struct iovec bad[2] = {{(void *)16, 4}, {text, 3}};
	writev(sv[1], bad, 2);
	return 0;
}
