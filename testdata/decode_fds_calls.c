/* Descriptors of each kind --decode-fds tells apart: character devices
 * (/dev/null, /dev/zero), a directory, a pipe and a pidfd, each passed to
 * a call and returned by one (dup); AT_FDCWD too; and the pidfd calls:
 * pidfd_getfd's target descriptor (decorated from the pidfd's process),
 * pidfd_open's flags, process_madvise's iovecs (the other process's
 * addresses), kcmp's descriptors (of the processes it names); a path with
 * < > and a newline, quoted, and the same file
 * once unlinked: "(deleted)" after it; sockets of five protocols, neither
 * bound nor connected, and unix, TCP and UDP ones bound and connected. trace_compare_test's decode-fds
 * case compares each line with strace 6.1's under -y, -yy and the
 * --decode-fds sets. */
#include <fcntl.h>
#include <linux/kcmp.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

/* dup(fd) and its copy closed: the trace's line names fd as -yy shows it
 * now. */
static void show(int fd)
{
	if (fd >= 0)
		close(dup(fd));
}

/* A connection to stream listener l at `at`: both its ends shown. */
static void show_connection(int l, const struct sockaddr *at, socklen_t len)
{
	int c = socket(at->sa_family, SOCK_STREAM, 0);
	if (c >= 0 && !connect(c, at, len)) {
		int a = accept(l, 0, 0);
		show(a);
		show(c);
		close(a);
	}
	close(c);
}

/* Sockets bound and connected, each shown while both ends are open (a
 * peer's end, once closed, is gone from the kernel's view in its own
 * time): unix pairs, a unix listener at a path and the two ends of a
 * connection to it; a TCP socket bound
 * and then listening on the loopback, the two ends of a connection to it;
 * a UDP socket bound and then connected (shown as first found, as
 * strace keeps it), another only connected; a netlink socket bound. */
static void connected_sockets(const char *dir)
{
	int pair[2];
	if (!socketpair(AF_UNIX, SOCK_STREAM, 0, pair)) {
		show(pair[0]);
		show(pair[1]);
		close(pair[0]);
		close(pair[1]);
	}
	if (!socketpair(AF_UNIX, SOCK_DGRAM, 0, pair)) {
		show(pair[0]);
		close(pair[0]);
		close(pair[1]);
	}
	/* A short path, relative to the test's own directory. */
	if (dir && !chdir(dir)) {
		struct sockaddr_un at = {.sun_family = AF_UNIX};
		strcpy(at.sun_path, "decode_fds.sock");
		unlink(at.sun_path);
		int l = socket(AF_UNIX, SOCK_STREAM, 0);
		if (l >= 0 && !bind(l, (struct sockaddr *)&at, sizeof at) &&
		    !listen(l, 1)) {
			show(l);
			show_connection(l, (struct sockaddr *)&at, sizeof at);
		}
		close(l);
		unlink(at.sun_path);
	}
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in in = {.sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof in;
	if (l >= 0 && !bind(l, (struct sockaddr *)&in, sizeof in)) {
		show(l);
		if (!listen(l, 1) && !getsockname(l, (struct sockaddr *)&in, &len)) {
			show(l);
			show_connection(l, (struct sockaddr *)&in, sizeof in);
		}
	}
	close(l);
	/* A connect refused: the socket keeps the port it was given as its
	 * name, but is bound no more; strace, finding it in no table, shows
	 * its inode. */
	int r = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in closed = {.sin_family = AF_INET,
				     .sin_port = htons(1),
				     .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	if (r >= 0 && connect(r, (struct sockaddr *)&closed, sizeof closed))
		show(r);
	close(r);
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in any = {.sin_family = AF_INET,
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	struct sockaddr_in dns = {.sin_family = AF_INET, .sin_port = htons(53),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	if (u >= 0 && !bind(u, (struct sockaddr *)&any, sizeof any)) {
		show(u);
		/* strace keeps what it found of a socket: still unconnected. */
		if (!connect(u, (struct sockaddr *)&dns, sizeof dns))
			show(u);
	}
	close(u);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	if (u >= 0 && !connect(u, (struct sockaddr *)&dns, sizeof dns))
		show(u);
	close(u);
	/* Netlink, bound: its protocol and port id. */
	int nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	if (nl >= 0 && !bind(nl, (struct sockaddr *)&kernel, sizeof kernel))
		show(nl);
	close(nl);
}

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
	/* Sockets neither bound nor connected: under -yy strace names each
	 * by its protocol, its sock_diag query finding nothing more. */
	static const int kinds[][2] = {
		{AF_UNIX, SOCK_STREAM}, {AF_UNIX, SOCK_DGRAM},
		{AF_INET, SOCK_STREAM}, {AF_INET, SOCK_DGRAM},
		{AF_NETLINK, SOCK_RAW},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		int s = socket(kinds[i][0], kinds[i][1], 0);
		if (s >= 0) {
			close(dup(s));
			close(s);
		}
	}
	connected_sockets(dir);
	return 0;
}
