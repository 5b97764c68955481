/* Every kind of call strace's -e read=SET / -e write=SET dumps, on known
 * descriptors: a file (3), a socket pair (4 writes, 5 reads), a pipe (6
 * reads, 7 written by vmsplice). Data with bytes that print and bytes that
 * do not, an iovec with an empty buffer in the middle, a read shorter than
 * asked, a write of 70,000 bytes (two of strace's 64 KiB blocks), a bad
 * pointer (EFAULT: nothing dumped), a read that fails (EAGAIN: nothing), a
 * write that fails (EBADF on a read-only end: dumped all the same).
 * options_compare_test's IoDumpsMatchStrace compares the trace with
 * strace's for several sets. argv[1]: a scratch file. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* vmsplice, sendmmsg */
#endif
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd != 3)
		return 3;
	static const char mixed[] = "Hello, dump!\n\x00\x01\x7f\x80\xff tab\there ~end";
	if (write(fd, mixed, sizeof mixed) != (ssize_t)sizeof mixed)
		return 4;
	if (pwrite(fd, "abc", 3, 100) != 3)
		return 5;
	char buf[256];
	if (lseek(fd, 0, SEEK_SET) != 0 || read(fd, buf, sizeof buf) != 103)
		return 6;
	if (pread(fd, buf, 5, 1) != 5)
		return 7;
	struct iovec out[3] = {{(void *)"first", 5}, {buf, 0}, {(void *)"third buffer", 12}};
	lseek(fd, 0, SEEK_SET);
	if (writev(fd, out, 3) != 17)
		return 8;
	char a[4], b[40];
	struct iovec in[2] = {{a, sizeof a}, {b, sizeof b}};
	if (preadv(fd, in, 2, 2) != 44)
		return 9;
	if (readv(fd, in, 2) != 44)
		return 10;

	int sv[2];
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) || sv[0] != 4 || sv[1] != 5)
		return 11;
	if (sendto(sv[0], "datagram", 8, 0, 0, 0) != 8 ||
	    recvfrom(sv[1], buf, sizeof buf, 0, 0, 0) != 8)
		return 12;
	struct iovec parts[2] = {{(void *)"msg-one ", 8}, {(void *)"\x01\x02two", 5}};
	struct msghdr mh = {.msg_iov = parts, .msg_iovlen = 2};
	if (sendmsg(sv[0], &mh, 0) != 13)
		return 13;
	struct iovec rparts[2] = {{a, sizeof a}, {b, sizeof b}};
	struct msghdr rh = {.msg_iov = rparts, .msg_iovlen = 2};
	if (recvmsg(sv[1], &rh, 0) != 13)
		return 14;
	struct iovec m0 = {(void *)"mmsg zero", 9}, m1[2] = {{(void *)"mmsg ", 5}, {(void *)"one", 3}};
	struct mmsghdr mm[2];
	memset(mm, 0, sizeof mm);
	mm[0].msg_hdr.msg_iov = &m0;
	mm[0].msg_hdr.msg_iovlen = 1;
	mm[1].msg_hdr.msg_iov = m1;
	mm[1].msg_hdr.msg_iovlen = 2;
	if (sendmmsg(sv[0], mm, 2, 0) != 2)
		return 15;
	char r0[16], r1[16];
	struct iovec rv0 = {r0, sizeof r0}, rv1 = {r1, sizeof r1};
	struct mmsghdr rm[2];
	memset(rm, 0, sizeof rm);
	rm[0].msg_hdr.msg_iov = &rv0;
	rm[0].msg_hdr.msg_iovlen = 1;
	rm[1].msg_hdr.msg_iov = &rv1;
	rm[1].msg_hdr.msg_iovlen = 1;
	if (recvmmsg(sv[1], rm, 2, 0, 0) != 2)
		return 16;
	/* Control messages: two descriptors and our credentials, received
	 * as new descriptors (closed again, so the pipe below is 6 and 7)
	 * into a msghdr whose msg_name the kernel leaves empty (16 => 0). */
	int on = 1;
	if (setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on))
		return 24;
	union {
		char buf[CMSG_SPACE(2 * sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} control;
	memset(&control, 0, sizeof control);
	struct msghdr cm = {.msg_iov = parts, .msg_iovlen = 1,
			    .msg_control = control.buf, .msg_controllen = sizeof control.buf};
	struct cmsghdr *c = CMSG_FIRSTHDR(&cm);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(2 * sizeof(int));
	int passed[2] = {3, 4};
	memcpy(CMSG_DATA(c), passed, sizeof passed);
	c = CMSG_NXTHDR(&cm, c);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof(struct ucred));
	struct ucred me = {getpid(), getuid(), getgid()};
	memcpy(CMSG_DATA(c), &me, sizeof me);
	if (sendmsg(sv[0], &cm, 0) != 8)
		return 25;
	struct sockaddr_storage from;
	union {
		char buf[256];
		struct cmsghdr align;
	} got;
	struct msghdr gm = {.msg_name = &from, .msg_namelen = 16, .msg_iov = rparts,
			    .msg_iovlen = 2, .msg_control = got.buf,
			    .msg_controllen = sizeof got.buf};
	if (recvmsg(sv[1], &gm, MSG_CMSG_CLOEXEC) != 8)
		return 26;
	for (c = CMSG_FIRSTHDR(&gm); c; c = CMSG_NXTHDR(&gm, c))
		if (c->cmsg_type == SCM_RIGHTS) {
			int fds[2];
			memcpy(fds, CMSG_DATA(c), sizeof fds);
			close(fds[0]);
			close(fds[1]);
		}
	/* Nothing queued: recvmsg fails (only msg_namelen is shown), as
	 * does a sendmmsg on no socket (its vector shown without msg_len),
	 * and an empty writev is "[]". */
	gm.msg_namelen = 16;
	if (recvmsg(sv[1], &gm, MSG_DONTWAIT) != -1)
		return 27;
	if (sendmmsg(-1, mm, 1, 0) != -1)
		return 28;
	if (writev(fd, out, 0) != 0)
		return 29;
	/* Nothing left to read: EAGAIN, and nothing dumped. */
	if (recvfrom(sv[1], buf, sizeof buf, MSG_DONTWAIT, 0, 0) != -1)
		return 17;

	int p[2];
	if (pipe(p) || p[0] != 6 || p[1] != 7)
		return 18;
	struct iovec sp = {(void *)"spliced", 7};
	if (vmsplice(p[1], &sp, 1, 0) != 7 || read(p[0], buf, sizeof buf) != 7)
		return 19;
	/* A write on the pipe's read end fails (EBADF); strace dumps what
	 * it was given all the same. */
	if (write(p[0], "refused", 7) != -1)
		return 20;

	/* Two of strace's 64 KiB blocks, the second short. */
	size_t big = 70000;
	char *large = malloc(big);
	if (!large)
		return 21;
	for (size_t i = 0; i < big; i++)
		large[i] = (char)(i * 7 + i / 256);
	lseek(fd, 0, SEEK_SET);
	if (write(fd, large, big) != (ssize_t)big)
		return 22;
	/* An unreadable buffer: EFAULT, nothing dumped. */
	void *volatile unmapped = (void *)16;
	if (write(fd, unmapped, 10) != -1)
		return 23;
	return 0;
}
