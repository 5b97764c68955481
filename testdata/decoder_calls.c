/* Calls whose structs, flags and in/out values strace 6.1 decodes, with
 * deterministic values, for trace_compare_test (DecodedStructsMatchStrace
 * and its neighbours): epoll events, socket options, timerfd's
 * itimerspec, inotify's mask, memfd seals, sendfile's offset, scheduling
 * parameters, utimensat's times, mknod's mode and device, capabilities,
 * SIOCGIF* ioctls, io_uring_setup's params, multicast memberships,
 * the IP and timestamp control messages of sendmsg, recvmsg and
 * recvmmsg, a link-local IPv6 address's scope, sched_setattr's sizes,
 * Landlock's attributes,
 * futex_waitv's waiters, a socket filter program, AF_PACKET addresses,
 * bpf's and perf_event_open's attributes, values behind pointers that
 * older and rarer calls return or take (pointed_value_calls),
 * and misc_calls' odds and ends (below). Interfaces are named by index: lo is 1 in every network
 * namespace. Each call's result may differ by sandbox (privileges,
 * io_uring allowed or not): the trace is compared with strace's, not
 * with fixed text. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <mqueue.h>
#include <linux/filter.h>
#include <linux/hw_breakpoint.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/io_uring.h>
#include <linux/landlock.h>
#include <linux/netlink.h>
#include <linux/perf_event.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sys/uio.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <time.h>
#include <sys/time.h>
#include <unistd.h>

static void epoll_calls(void)
{
	int p[2];
	if (pipe(p))
		return;
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET,
				  .data.u64 = 0x1122334455667788ULL };
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLEXCLUSIVE;
	ev.data.u64 = 7;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev); /* EINVAL: EXCLUSIVE */
	ev.events = 0x8000000; /* no name */
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
	ev.events = EPOLLIN;
	ev.data.fd = p[0];
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	struct epoll_event evs[4];
	epoll_wait(ep, evs, 4, 0);
	epoll_pwait(ep, evs, 4, 1, NULL);
	if (write(p[1], "x", 1) != 1)
		return;
	epoll_wait(ep, evs, 4, 0);
	sigset_t ss;
	sigemptyset(&ss);
	sigaddset(&ss, SIGUSR1);
	epoll_pwait(ep, evs, 4, 0, &ss);
	struct timespec zero = { 0, 0 };
	syscall(SYS_epoll_pwait2, ep, evs, 4, &zero, NULL, 8);
	epoll_wait(-1, evs, 4, 0);
	close(ep);
	close(p[0]);
	close(p[1]);
}

static void sockopt_calls(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return;
	int one = 1;
	setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
	struct linger lg = { 1, 5 };
	setsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
	setsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lg, 4); /* too short */
	long long wide = 1;
	setsockopt(sv[0], SOL_SOCKET, SO_KEEPALIVE, &wide, sizeof wide);
	setsockopt(sv[0], SOL_SOCKET, SO_KEEPALIVE, &one, 2);
	setsockopt(sv[0], SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
	setsockopt(sv[0], SOL_SOCKET, 0x1234, &one, sizeof one);
	int v = 0;
	socklen_t vl = sizeof v;
	getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &vl);
	vl = sizeof lg;
	getsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lg, &vl);
	vl = 2;
	getsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &v, &vl);
	vl = sizeof v;
	getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &v, &vl);
	vl = 8;
	getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &wide, &vl);
	int t = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(t, SOL_TCP, TCP_NODELAY, &one, sizeof one);
	vl = sizeof v;
	getsockopt(t, SOL_TCP, TCP_NODELAY, &v, &vl);
	setsockopt(t, SOL_TCP, TCP_CONGESTION, "reno", 4);
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	int tos = 0x10;
	setsockopt(u, SOL_IP, IP_TOS, &tos, sizeof tos);
	vl = sizeof v;
	getsockopt(u, SOL_IP, IP_TOS, &v, &vl);
	setsockopt(u, SOL_IP, 0x63, &tos, sizeof tos);
	setsockopt(u, 17 /* SOL_UDP */, 1 /* UDP_CORK */, &one, sizeof one);
	setsockopt(u, 0x1234, 1, &one, sizeof one);
	int u6 = socket(AF_INET6, SOCK_DGRAM, 0);
	setsockopt(u6, SOL_IPV6, IPV6_V6ONLY, &one, sizeof one);
	setsockopt(-1, SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
	getsockopt(-1, SOL_SOCKET, SO_PASSCRED, &v, &vl);
	close(sv[0]);
	close(sv[1]);
	close(t);
	close(u);
	close(u6);
}

static void timerfd_calls(void)
{
	int tf = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	struct itimerspec its = { { 0, 0 }, { 1, 0 } }, old;
	timerfd_settime(tf, 0, &its, NULL);
	memset(&its, 0, sizeof its);
	timerfd_settime(tf, 0, &its, NULL); /* disarmed: old is all 0 */
	its.it_interval.tv_sec = 2;
	its.it_interval.tv_nsec = 500;
	timerfd_settime(tf, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its,
			&old);
	timerfd_gettime(tf, &old);
	timerfd_settime(tf, 0, NULL, NULL);
	timerfd_gettime(-1, &old);
	close(tf);
}

static void inotify_calls(void)
{
	int in = inotify_init1(IN_CLOEXEC);
	inotify_add_watch(in, ".", IN_CREATE | IN_DELETE | IN_ONLYDIR);
	inotify_add_watch(in, ".",
			  IN_ALL_EVENTS | IN_EXCL_UNLINK | IN_MASK_ADD);
	inotify_add_watch(in, ".", 0);
	close(in);
}

static void seal_and_sendfile_calls(void)
{
	int mf = memfd_create("sealed", MFD_ALLOW_SEALING);
	fcntl(mf, F_ADD_SEALS, F_SEAL_SEAL);
	fcntl(mf, F_GET_SEALS);
	int mf2 = memfd_create("sealed2", MFD_ALLOW_SEALING);
	fcntl(mf2, F_GET_SEALS);
	fcntl(mf2, F_ADD_SEALS,
	      F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE);
	fcntl(mf2, F_GET_SEALS);
	fcntl(mf2, F_ADD_SEALS, 0x100);
	char buf[100];
	memset(buf, 'a', sizeof buf);
	int src = memfd_create("src", 0);
	if (write(src, buf, sizeof buf) != sizeof buf)
		return;
	int dn = open("/dev/null", O_WRONLY);
	off_t off = 0;
	sendfile(dn, src, &off, 100);
	sendfile(dn, src, &off, 100); /* at the end: nothing moved */
	sendfile(dn, src, NULL, 100);
	off = 0;
	sendfile(-1, src, &off, 100);
	syscall(SYS_sendfile, dn, src, 8L, 100); /* unreadable offset */
	close(mf);
	close(mf2);
	close(src);
	close(dn);
}

static void sched_calls(void)
{
	struct sched_param sp = { 0 };
	sched_getparam(0, &sp);
	sched_getscheduler(0);
	sched_setscheduler(0, SCHED_OTHER, &sp);
	sched_setparam(0, &sp);
	sched_setscheduler(0, SCHED_FIFO, &sp); /* EINVAL: priority 0 */
	sched_setscheduler(0, SCHED_BATCH | SCHED_RESET_ON_FORK, &sp);
	sched_getscheduler(0);
	sched_setscheduler(0, SCHED_OTHER, &sp);
	sched_getscheduler(0);
	sched_getparam(0, NULL);
}

static void file_calls(void)
{
	const char *tmp = getenv("TEST_TMPDIR");
	int dfd = open(tmp ? tmp : "/tmp", O_RDONLY | O_DIRECTORY);
	unlinkat(dfd, "x.fifo", 0);
	unlinkat(dfd, "x.reg", 0);
	mknodat(dfd, "x.fifo", S_IFIFO | 0644, 0);
	mknodat(dfd, "x.reg", S_IFREG | 0600, makedev(1, 3));
	mknodat(dfd, "x.dir/x.chr", S_IFCHR | 0600, makedev(1, 3));
	mknodat(dfd, "x.dir/x.blk", S_IFBLK, makedev(259, 0x12345));
	mknod("/nonexistent/x", S_IFIFO | 0644, 0);
	mknod("/nonexistent/x", S_IFCHR | S_ISUID | 0644, makedev(4, 5));
	struct timespec now_omit[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	utimensat(dfd, "x.fifo", now_omit, 0);
	struct timespec real[2] = { { 1700000000, 123456789 }, { 0, 0 } };
	utimensat(dfd, "x.fifo", real, AT_SYMLINK_NOFOLLOW);
	utimensat(dfd, "x.fifo", NULL, 0);
	syscall(SYS_utimensat, dfd, "x.fifo", 8L, 0); /* unreadable */
	unlinkat(dfd, "x.fifo", 0);
	unlinkat(dfd, "x.reg", 0);
	close(dfd);
}

static void cap_calls(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	syscall(SYS_capget, &h, d);
	syscall(SYS_capset, &h, d);
	h.version = _LINUX_CAPABILITY_VERSION_1;
	syscall(SYS_capget, &h, d);
	h.version = 0x12345678;
	syscall(SYS_capget, &h, NULL); /* the kernel writes its version */
	h.version = 0x12345678;
	syscall(SYS_capget, &h, d);
	syscall(SYS_capget, NULL, d);
}

static void ifreq_calls(void)
{
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq ifr;
	memset(&ifr, 0, sizeof ifr);
	strcpy(ifr.ifr_name, "lo");
	ioctl(u, SIOCGIFFLAGS, &ifr);
	ioctl(u, SIOCGIFINDEX, &ifr);
	ioctl(u, SIOCGIFNAME, &ifr);
	strcpy(ifr.ifr_name, "nosuch0");
	ioctl(u, SIOCGIFFLAGS, &ifr);
	ioctl(u, SIOCGIFINDEX, &ifr);
	ioctl(u, SIOCGIFFLAGS, NULL);
	close(u);
}

static void io_uring_calls(void)
{
	struct io_uring_params up;
	memset(&up, 0, sizeof up);
	long fd = syscall(SYS_io_uring_setup, 4, &up);
	if (fd >= 0)
		close((int)fd);
	memset(&up, 0, sizeof up);
	up.flags = IORING_SETUP_CQSIZE;
	up.cq_entries = 16;
	fd = syscall(SYS_io_uring_setup, 4, &up);
	if (fd >= 0)
		close((int)fd);
	memset(&up, 0, sizeof up);
	up.flags = IORING_SETUP_ATTACH_WQ;
	up.wq_fd = 1000;
	up.resv[1] = 0x42;
	syscall(SYS_io_uring_setup, 4, &up); /* EINVAL: resv */
	syscall(SYS_io_uring_setup, 4, NULL);
	/* io_uring_register's argument by opcode, on no ring (EBADF: the
	 * argument is printed at entry all the same). */
	static char b1[64], b2[32];
	struct iovec bufs[2] = { { b1, sizeof b1 }, { b2, sizeof b2 } };
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_BUFFERS, bufs, 2);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_BUFFERS, bufs, 0);
	int fds[3] = { 0, -1, 2 };
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES, fds, 3);
	struct io_uring_files_update update = { .offset = 1, .resv = 7,
						.fds = (uintptr_t)fds };
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES_UPDATE,
		&update, 2);
	update.resv = 0;
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES_UPDATE,
		&update, 1);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_EVENTFD, fds + 2, 1);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_EVENTFD_ASYNC, NULL,
		1);
	/* the opcodes the kernel answers in the argument (a probe, the
	 * io-wq's worker counts), on a ring of our own where the sandbox
	 * lets us have one */
	memset(&up, 0, sizeof up);
	int ring = (int)syscall(SYS_io_uring_setup, 4, &up);
	static unsigned char probe[16 + 8 * 4];
	syscall(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, probe, 4);
	memset(probe, 0, sizeof probe);
	probe[16] = 1; /* not zero at entry: EINVAL, shown at entry */
	syscall(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, probe, 4);
	syscall(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, probe, 300);
	uint32_t workers[3] = {0, 0, 0};
	syscall(SYS_io_uring_register, ring, IORING_REGISTER_IOWQ_MAX_WORKERS,
		workers, 2);
	syscall(SYS_io_uring_register, ring, IORING_REGISTER_IOWQ_MAX_WORKERS,
		workers, 3);
	/* and the ones it only reads */
	struct io_uring_restriction res[3];
	memset(res, 0, sizeof res);
	res[0].opcode = IORING_RESTRICTION_REGISTER_OP;
	res[0].register_op = IORING_REGISTER_PROBE;
	res[1].opcode = IORING_RESTRICTION_SQE_OP;
	res[1].sqe_op = IORING_OP_READ;
	res[2].opcode = IORING_RESTRICTION_SQE_FLAGS_ALLOWED;
	res[2].sqe_flags = IOSQE_IO_LINK | IOSQE_ASYNC;
	syscall(SYS_io_uring_register, ring, IORING_REGISTER_RESTRICTIONS, res,
		3);
	uint64_t cpus = 0x5;
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_IOWQ_AFF, &cpus,
		sizeof cpus);
	uint64_t tags[2] = {0x11, 0x22};
	int fds2[2] = {0, -2};
	struct io_uring_rsrc_register rr;
	memset(&rr, 0, sizeof rr);
	rr.nr = 2;
	rr.data = (uintptr_t)fds;
	rr.tags = (uintptr_t)tags;
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES2, &rr,
		sizeof rr);
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES2, &rr, 16);
	rr.data = (uintptr_t)bufs;
	rr.flags = IORING_RSRC_REGISTER_SPARSE;
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_BUFFERS2, &rr,
		sizeof rr);
	struct io_uring_rsrc_update2 ru;
	memset(&ru, 0, sizeof ru);
	ru.offset = 1;
	ru.data = (uintptr_t)fds2;
	ru.tags = (uintptr_t)tags;
	ru.nr = 2;
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES_UPDATE2, &ru,
		sizeof ru);
	ru.data = (uintptr_t)bufs;
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_BUFFERS_UPDATE, &ru,
		sizeof ru);
	struct io_uring_rsrc_update rf[2];
	memset(rf, 0, sizeof rf);
	rf[0].offset = -1U;
	rf[0].data = 0;
	rf[1].offset = 3;
	rf[1].resv = 1;
	rf[1].data = 5;
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_RING_FDS, rf, 2);
	syscall(SYS_io_uring_register, -1, IORING_UNREGISTER_RING_FDS, rf, 2);
	struct io_uring_buf_reg br;
	memset(&br, 0, sizeof br);
	br.ring_addr = 0x10000;
	br.ring_entries = 8;
	br.bgid = 3;
	syscall(SYS_io_uring_register, -1, IORING_REGISTER_PBUF_RING, &br, 1);
	br.resv[1] = 9;
	syscall(SYS_io_uring_register, -1, IORING_UNREGISTER_PBUF_RING, &br, 1);
	if (ring >= 0)
		close(ring);
}

/* A poll entry with a negative fd, fcntl's F_GETSIG, F_GETLEASE and
 * F_NOTIFY, a netlink bind's groups, socket's protocol by family,
 * copy_file_range's flags, process_vm_readv's and _writev's iovecs and
 * mincore's vector. */
static void misc_calls(void)
{
	int p[2];
	if (pipe(p))
		return;
	struct pollfd fds[2] = {{p[0], POLLIN, 0}, {-1, POLLIN | POLLOUT, 0}};
	poll(fds, 2, 0);
	fcntl(p[0], F_SETSIG, SIGIO);
	fcntl(p[0], F_GETSIG);
	fcntl(p[0], F_SETSIG, 0);
	fcntl(p[0], F_GETSIG);
	fcntl(p[0], F_GETLEASE);
	/* A directory of our own: a file another process made in /tmp
	 * while the notification was armed sent us its SIGIO, which kills
	 * (once, under strace, in a fresh clone's suite). */
	char own[] = "/tmp/decoder_calls.XXXXXX";
	int dir = mkdtemp(own) ? open(own, O_RDONLY | O_DIRECTORY) : -1;
	fcntl(dir, F_NOTIFY, DN_CREATE | DN_DELETE | DN_MULTISHOT);
	fcntl(dir, F_NOTIFY, 0);
	close(dir);
	rmdir(own);
	int nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	struct sockaddr_nl sa = {.nl_family = AF_NETLINK,
				 .nl_groups = RTMGRP_LINK};
	bind(nl, (struct sockaddr *)&sa, sizeof sa);
	close(nl);
	socket(-1, -1, -1);
	int pk = socket(AF_PACKET, SOCK_DGRAM, htons(0x0003)); /* ETH_P_ALL */
	if (pk >= 0)
		close(pk);
	pk = socket(AF_PACKET, SOCK_DGRAM, htons(0x1234));
	if (pk >= 0)
		close(pk);
	pk = socket(AF_BLUETOOTH, SOCK_STREAM, 0); /* BTPROTO_L2CAP */
	if (pk >= 0)
		close(pk);
	syscall(SYS_copy_file_range, p[0], 0, p[1], 0, 1, 1);
	char src[] = "hello", dst[8] = "";
	struct iovec local = {dst, 5}, remote = {src, 5};
	syscall(SYS_process_vm_readv, getpid(), &local, 1, &remote, 1, 0);
	struct iovec from = {"bye", 3}, to = {dst, 3};
	syscall(SYS_process_vm_writev, getpid(), &from, 1, &to, 1, 0);
	char *m = mmap(0, 3 * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m != MAP_FAILED) {
		m[0] = 1;
		unsigned char vec[3];
		mincore(m, 3 * 4096, vec);
		munmap(m, 3 * 4096);
	}
	/* splice's offsets, fanotify's flags and mask, io_uring_enter's
	 * flags and io_uring_register's opcode (on no ring: EBADF), the
	 * new mount API's flags and fsconfig's command (privileged: each
	 * may fail, as it does for strace). */
	int mf = (int)syscall(SYS_memfd_create, "splice", 0);
	if (mf >= 0 && write(mf, "abc", 3) == 3) {
		loff_t at = 0;
		syscall(SYS_splice, mf, &at, p[1], 0, 3, 1 | 2);
		close(mf);
	}
	int fa = (int)syscall(SYS_fanotify_init, 0x200 | 0x1 | 0x2, O_RDONLY);
	syscall(SYS_fanotify_mark, fa, 0x1 | 0x100,
		0x100ULL | 0x200 | 0x40000000, AT_FDCWD, "/tmp");
	if (fa >= 0)
		close(fa);
	syscall(SYS_fanotify_init, 4 | 0x80000000u, O_RDONLY);
	syscall(SYS_io_uring_enter, -1, 0, 0, 1 | 0x40, 0, 0);
	syscall(SYS_io_uring_register, -1, 2, 0, 1);
	syscall(SYS_io_uring_register, -1, 99, 0, 0);
	int fs = (int)syscall(SYS_fsopen, "tmpfs", 1);
	syscall(SYS_fsconfig, -1, 1, "size", "1M", 0);
	if (fs >= 0)
		close(fs);
	int tree = (int)syscall(SYS_open_tree, AT_FDCWD, "/tmp", 1 | 0x80000);
	if (tree >= 0)
		close(tree);
	syscall(SYS_fspick, AT_FDCWD, "/tmp", 1 | 0x10);
	/* struct sched_attr: read back at 48 and 56 bytes, set again, a size
	 * of 0 (the first version's), none to read, and an address that is
	 * not there. */
	uint32_t attr[14] = {48};
	syscall(SYS_sched_getattr, 0, attr, 48, 0);
	syscall(SYS_sched_getattr, 0, attr, 56, 0);
	attr[0] = 48;
	syscall(SYS_sched_setattr, 0, attr, 0);
	attr[0] = 0;
	syscall(SYS_sched_setattr, 0, attr, 0);
	syscall(SYS_sched_getattr, 0, attr, 0, 0);
	syscall(SYS_sched_setattr, 0, (void *)1, 0);
	/* Sizes the kernel does not take (E2BIG): it writes back its own. */
	uint32_t big[32] = {120};
	big[20] = 1; /* a byte it does not know, set */
	syscall(SYS_sched_setattr, 0, big, 0);
	big[0] = 30;
	syscall(SYS_sched_setattr, 0, big, 0);
	/* sigaltstack's flags by name: none (SS_DISABLE), SS_AUTODISARM,
	 * and a bit no flag has (EINVAL). */
	static char alt[65536];
	stack_t old, ss = {.ss_sp = alt, .ss_size = sizeof alt,
			   .ss_flags = (int)(1u << 31)};
	sigaltstack(0, &old);
	sigaltstack(&ss, &old);
	ss.ss_flags = 0x40;
	sigaltstack(&ss, 0);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, &old);
	close(p[0]);
	close(p[1]);
}

/* IP_ADD_MEMBERSHIP's struct ip_mreq and struct ip_mreqn (strace 6.1
 * prints both as ip_mreq), IPV6_ADD_MEMBERSHIP's struct ipv6_mreq with an
 * interface that has a name (lo), none (0) and one that is not there
 * (77), MCAST_JOIN_GROUP's struct group_req, too short a value, an
 * unreadable one. */
static void mcast_sockopt_calls(void)
{
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	struct ip_mreq m;
	m.imr_multiaddr.s_addr = inet_addr("224.0.0.1");
	m.imr_interface.s_addr = inet_addr("127.0.0.1");
	setsockopt(u, SOL_IP, IP_ADD_MEMBERSHIP, &m, sizeof m);
	setsockopt(u, SOL_IP, IP_DROP_MEMBERSHIP, &m, sizeof m);
	setsockopt(u, SOL_IP, IP_ADD_MEMBERSHIP, &m, 4);
	struct ip_mreqn mn;
	mn.imr_multiaddr.s_addr = inet_addr("224.0.0.1");
	mn.imr_address.s_addr = 0;
	mn.imr_ifindex = 1;
	setsockopt(u, SOL_IP, IP_ADD_MEMBERSHIP, &mn, sizeof mn);
	setsockopt(u, SOL_IP, IP_DROP_MEMBERSHIP, &mn, sizeof mn);
	setsockopt(u, SOL_IP, IP_ADD_MEMBERSHIP, (void *)8, 8);
	setsockopt(u, SOL_IP, IP_MULTICAST_IF, &m, sizeof m);
	struct group_req gr;
	memset(&gr, 0, sizeof gr);
	gr.gr_interface = 1;
	struct sockaddr_in *group = (struct sockaddr_in *)&gr.gr_group;
	group->sin_family = AF_INET;
	group->sin_addr.s_addr = inet_addr("224.0.0.2");
	setsockopt(u, SOL_IP, MCAST_JOIN_GROUP, &gr, sizeof gr);
	setsockopt(u, SOL_IP, MCAST_LEAVE_GROUP, &gr, sizeof gr);
	setsockopt(u, SOL_IP, MCAST_JOIN_GROUP, &gr, sizeof gr - 1);
	int u6 = socket(AF_INET6, SOCK_DGRAM, 0);
	struct ipv6_mreq m6;
	inet_pton(AF_INET6, "ff02::1", &m6.ipv6mr_multiaddr);
	m6.ipv6mr_interface = 1;
	setsockopt(u6, SOL_IPV6, IPV6_ADD_MEMBERSHIP, &m6, sizeof m6);
	setsockopt(u6, SOL_IPV6, IPV6_DROP_MEMBERSHIP, &m6, sizeof m6);
	m6.ipv6mr_interface = 0;
	setsockopt(u6, SOL_IPV6, IPV6_ADD_MEMBERSHIP, &m6, sizeof m6);
	m6.ipv6mr_interface = 77;
	setsockopt(u6, SOL_IPV6, IPV6_JOIN_ANYCAST, &m6, sizeof m6);
	setsockopt(u6, SOL_IPV6, IPV6_ADD_MEMBERSHIP, &m6, sizeof m6 - 1);
	m6.ipv6mr_interface = 1;
	/* Not a socket: the name comes from a socket of our own. */
	setsockopt(-1, SOL_IPV6, IPV6_ADD_MEMBERSHIP, &m6, sizeof m6);
	close(u);
	close(u6);
}

/* Appends a control message of `len` bytes of data to mh's buffer. */
static void add_cmsg(struct msghdr *mh, int level, int type, const void *data,
		     size_t len)
{
	struct cmsghdr *c = (struct cmsghdr *)((char *)mh->msg_control +
					       mh->msg_controllen);
	c->cmsg_len = CMSG_LEN(len);
	c->cmsg_level = level;
	c->cmsg_type = type;
	memcpy(CMSG_DATA(c), data, len);
	mh->msg_controllen += CMSG_SPACE(len);
}

/* sendmsg's control messages of every type strace decodes the data of,
 * made up (the kernel refuses most; strace prints them at entry): the
 * SOL_IP options, IP_RECVERR's error and offender, IP_ORIGDSTADDR,
 * IP_CHECKSUM, nanosecond timestamps, data too short for its type, types
 * without a name. */
static void sent_cmsg_calls(int u)
{
	union {
		char b[512];
		struct cmsghdr align;
	} control;
	memset(&control, 0, sizeof control);
	char byte = 'x';
	struct iovec iov = { &byte, 1 };
	struct msghdr mh = { NULL, 0, &iov, 1, control.b, 0, 0 };
	unsigned char opts[4] = { 1, 2, 0x94, 0 };
	add_cmsg(&mh, SOL_IP, IP_RETOPTS, opts, sizeof opts);
	add_cmsg(&mh, SOL_IP, IP_RECVOPTS, opts, 1);
	struct {
		uint32_t ee_errno;
		uint8_t ee_origin, ee_type, ee_code, ee_pad;
		uint32_t ee_info, ee_data;
		struct sockaddr_in offender;
	} ee = { 111, 2, 3, 3, 0, 0, 1500,
		 { .sin_family = AF_INET, .sin_port = htons(4660),
		   .sin_addr.s_addr = htonl(0x7f000002) } };
	add_cmsg(&mh, SOL_IP, IP_RECVERR, &ee, sizeof ee);
	struct sockaddr_in dst = { .sin_family = AF_INET,
				   .sin_port = htons(53),
				   .sin_addr.s_addr = htonl(0x7f000035) };
	add_cmsg(&mh, SOL_IP, IP_ORIGDSTADDR, &dst, sizeof dst);
	unsigned sum[2] = { 65535, 7 };
	add_cmsg(&mh, SOL_IP, IP_CHECKSUM, sum, sizeof sum);
	add_cmsg(&mh, SOL_IP, IP_PKTINFO, sum, sizeof sum); /* too short */
	add_cmsg(&mh, SOL_IP, 99, sum, 4);
	struct timespec ts[3] = { { 1, 2 }, { 3, 4 }, { 5, 6 } };
	add_cmsg(&mh, SOL_SOCKET, SO_TIMESTAMPNS_OLD, ts, sizeof ts[0]);
	add_cmsg(&mh, SOL_SOCKET, SO_TIMESTAMPING_OLD, ts, sizeof ts);
	add_cmsg(&mh, SOL_SOCKET, SO_TIMESTAMP_OLD, ts, 8); /* too short */
	char *v6 = control.b + mh.msg_controllen;
	add_cmsg(&mh, SOL_IPV6, 50, sum, 4);
	sendmsg(u, &mh, 0);
	/* After the IPv6 one, a cmsg_len of 0: strace stops there. */
	mh.msg_control = v6;
	mh.msg_controllen = 80;
	sendmsg(u, &mh, 0);
}

/* recvmsg's and recvmmsg's control messages of a datagram to ourselves:
 * SO_TIMESTAMP_OLD, IP_PKTINFO, IP_TTL, IP_TOS (no msg_name: the port
 * is ephemeral), then a control buffer too short for all of them. */
static void cmsg_calls(void)
{
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof a;
	if (bind(u, (struct sockaddr *)&a, sizeof a) ||
	    getsockname(u, (struct sockaddr *)&a, &al))
		return;
	int one = 1, tos = 0x10;
	setsockopt(u, SOL_IP, IP_PKTINFO, &one, sizeof one);
	setsockopt(u, SOL_IP, IP_RECVTTL, &one, sizeof one);
	setsockopt(u, SOL_IP, IP_RECVTOS, &one, sizeof one);
	setsockopt(u, SOL_SOCKET, SO_TIMESTAMP_OLD, &one, sizeof one);
	setsockopt(u, SOL_IP, IP_TOS, &tos, sizeof tos);
	for (int i = 0; i < 3; i++)
		sendto(u, "abc", 3, 0, (struct sockaddr *)&a, sizeof a);
	char buf[8];
	union {
		char b[256];
		struct cmsghdr align;
	} control;
	struct iovec iov = { buf, sizeof buf };
	struct msghdr mh = { NULL, 0, &iov, 1, control.b, sizeof control, 0 };
	recvmsg(u, &mh, 0);
	struct mmsghdr mm;
	memset(&mm, 0, sizeof mm);
	mm.msg_hdr = mh;
	mm.msg_hdr.msg_controllen = sizeof control;
	recvmmsg(u, &mm, 1, MSG_DONTWAIT, NULL);
	mh.msg_controllen = 40;
	recvmsg(u, &mh, 0);
	sent_cmsg_calls(u);
	close(u);
}

/* A link-local IPv6 address's sin6_scope_id names its interface. */
static void scope_id_calls(void)
{
	int u6 = socket(AF_INET6, SOCK_DGRAM, 0);
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6,
				   .sin6_port = htons(9),
				   .sin6_scope_id = 1 };
	inet_pton(AF_INET6, "fe80::1", &a6.sin6_addr);
	connect(u6, (struct sockaddr *)&a6, sizeof a6);
	a6.sin6_scope_id = 77;
	connect(u6, (struct sockaddr *)&a6, sizeof a6);
	inet_pton(AF_INET6, "ff02::1", &a6.sin6_addr);
	a6.sin6_scope_id = 1;
	connect(u6, (struct sockaddr *)&a6, sizeof a6);
	inet_pton(AF_INET6, "::1", &a6.sin6_addr);
	connect(u6, (struct sockaddr *)&a6, sizeof a6);
	close(u6);
}

/* A page of zeros whose next page is unmapped: a struct placed at its
 * end cannot be read whole. */
static char *page_before_hole(void)
{
	char *m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	munmap(m + 4096, 4096);
	return m;
}

/* Landlock's two structs (no ruleset is ever enforced: restrict_self
 * is given no ruleset), futex_waitv's waiters (every call fails:
 * EAGAIN, EINVAL or EFAULT), SO_ATTACH_FILTER's program and AF_PACKET
 * addresses (bound or not, by privilege: printed at entry either way). */
static void sandbox_sync_packet_calls(void)
{
	char *hole = page_before_hole();
	if (!hole)
		return;
	uint64_t attr[3] = { LANDLOCK_ACCESS_FS_READ_FILE |
			     LANDLOCK_ACCESS_FS_WRITE_FILE | (1ull << 20), 0, 5 };
	long rs = syscall(SYS_landlock_create_ruleset, attr, 8, 0);
	syscall(SYS_landlock_create_ruleset, NULL, 0,
		LANDLOCK_CREATE_RULESET_VERSION);
	syscall(SYS_landlock_create_ruleset, attr, 4, 0);
	syscall(SYS_landlock_create_ruleset, attr, 24, 3);
	syscall(SYS_landlock_create_ruleset, hole + 4096 - 4, 8, 0);
	syscall(SYS_landlock_create_ruleset, attr, 8, 2);
	int dir = open("/tmp", O_PATH | O_DIRECTORY | O_CLOEXEC);
	struct landlock_path_beneath_attr rule = {
		.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE |
				  LANDLOCK_ACCESS_FS_REFER,
		.parent_fd = dir,
	};
	syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
	syscall(SYS_landlock_add_rule, rs, 7, &rule, 1);
	syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH,
		hole + 4096 - 8, 0);
	syscall(SYS_landlock_restrict_self, -1, 0);
	if (rs >= 0)
		close((int)rs);
	if (dir >= 0)
		close(dir);

	struct {
		uint64_t val, uaddr;
		uint32_t flags, reserved;
	} w[6];
	static uint32_t word = 5;
	for (int i = 0; i < 6; i++) {
		w[i].val = (uint64_t)i * 3;
		w[i].uaddr = i == 4 ? 0 : (uintptr_t)&word;
		w[i].flags = (uint32_t)(i % 4) | (i & 2 ? 128 : 0);
		w[i].reserved = i == 3 ? 9 : 0;
	}
	struct timespec ts = { 0, 1 };
	syscall(SYS_futex_waitv, w, 6, 0, &ts, CLOCK_MONOTONIC);
	syscall(SYS_futex_waitv, w, 0, 0, NULL, CLOCK_REALTIME);
	syscall(SYS_futex_waitv, NULL, 2, 1, NULL, CLOCK_BOOTTIME);
	/* More waiters than the kernel takes: -v shows 128 of them. */
	static char zeroed_waiters[200 * 24];
	syscall(SYS_futex_waitv, zeroed_waiters, 0xffffffffu, 0, NULL,
		CLOCK_MONOTONIC);
	memcpy(hole + 4096 - sizeof w[0], &w[5], sizeof w[0]);
	syscall(SYS_futex_waitv, hole + 4096 - sizeof w[0], 2, 0, NULL,
		CLOCK_MONOTONIC);

	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_fprog prog = { 4, code };
	int udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	setsockopt(udp, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog);
	setsockopt(udp, SOL_SOCKET, SO_ATTACH_FILTER, &prog, 8);
	setsockopt(udp, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &prog,
		   sizeof prog);
	prog.len = 0;
	setsockopt(udp, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog);
	if (udp >= 0)
		close(udp);
	/* The kernel names it "UDP-Lite": not a protocol strace's -yy looks
	 * up, so "socket:[INODE]". */
	int lite = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDPLITE);
	prog.len = 4;
	setsockopt(lite, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog);
	if (lite >= 0)
		close(lite);

	int pk = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
	struct sockaddr_ll ll = {
		.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ARP),
		.sll_ifindex = 1, .sll_hatype = 1 /* ARPHRD_ETHER: linux/if_arp.h and net/if.h clash */,
		.sll_pkttype = PACKET_BROADCAST, .sll_halen = 6,
		.sll_addr = { 0x02, 0, 0x5e, 0x10, 0xa0, 0xff, 7, 8 },
	};
	bind(pk, (struct sockaddr *)&ll, sizeof ll);
	ll.sll_ifindex = 4099;
	ll.sll_hatype = 0xfffe; /* ARPHRD_NONE */
	ll.sll_pkttype = 9;
	ll.sll_halen = 9;
	bind(pk, (struct sockaddr *)&ll, sizeof ll);
	ll.sll_pkttype = PACKET_KERNEL;
	ll.sll_halen = 0;
	connect(pk, (struct sockaddr *)&ll, sizeof ll);
	bind(pk, (struct sockaddr *)&ll, 12); /* too short: sa_data */

	/* SOL_PACKET's options (as libpcap sets them). The empty address
	 * first: strace 6.1 shows a later mr_alen=0's address with the
	 * previous call's length (its own stale state; ours is empty). */
	struct packet_mreq mr = {
		.mr_ifindex = 1, .mr_type = 9, .mr_alen = 0,
		.mr_address = { 0x0a, 0x0b, 0, 0x0d, 0x0e, 0x0f, 0x10, 0x11 },
	};
	setsockopt(pk, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr);
	mr.mr_type = PACKET_MR_PROMISC;
	mr.mr_alen = 6;
	setsockopt(pk, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr);
	mr.mr_ifindex = 4099;
	mr.mr_type = PACKET_MR_UNICAST;
	mr.mr_alen = 12;
	setsockopt(pk, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mr, sizeof mr);
	setsockopt(pk, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, 8);
	struct tpacket_req3 ring = { 4096, 4, 2048, 8, 60, 0, 0 };
	setsockopt(pk, SOL_PACKET, PACKET_RX_RING, &ring,
		   sizeof(struct tpacket_req));
	setsockopt(pk, SOL_PACKET, PACKET_TX_RING, &ring, sizeof ring);
	int version = TPACKET_V2;
	setsockopt(pk, SOL_PACKET, PACKET_VERSION, &version, sizeof version);
	setsockopt(pk, SOL_PACKET, 0x18, &version, sizeof version);
	struct tpacket_stats stats;
	socklen_t stats_len = sizeof stats;
	getsockopt(pk, SOL_PACKET, PACKET_STATISTICS, &stats, &stats_len);
	if (pk >= 0)
		close(pk);
	munmap(hole, 4096);
}

/* perf_event_open's attribute in every shape strace 6.1 prints: each
 * type's config (a PMU's type in the high bits, a cache event's three
 * parts, unknown ids), frequency or period, sample and read formats with
 * unknown bits, the flag bits, precise_ip, a breakpoint's fields and its
 * invalid types, the fields each size reaches, size 0, a size below the
 * first published one, a size the kernel rejects with E2BIG (and writes
 * its own back), a bigger size with a zero tail, NULL, a bad pointer, an
 * attribute running into an unmapped page; the flags; then the ioctls of
 * the event's descriptor. Results vary with
 * perf_event_paranoid and the PMU: the text is compared with strace's. */
static long pe(void *attr, long pid, long cpu, long group, unsigned long flags)
{
	return syscall(SYS_perf_event_open, attr, pid, cpu, group, flags);
}

static volatile int watched; /* a breakpoint's address, never written */

static void perf_calls(void)
{
	struct perf_event_attr a;
	memset(&a, 0, sizeof a);
	a.type = PERF_TYPE_SOFTWARE;
	a.size = sizeof a;
	a.config = PERF_COUNT_SW_TASK_CLOCK;
	a.disabled = 1;
	a.exclude_kernel = 1;
	a.exclude_hv = 1;
	long opened[4];
	long fd = opened[0] = pe(&a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);

	memset(&a, 0, sizeof a);
	a.type = PERF_TYPE_HARDWARE;
	a.size = sizeof a;
	a.config = (8ULL << 32) | PERF_COUNT_HW_INSTRUCTIONS;
	a.freq = 1;
	a.sample_freq = 4000;
	a.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID | PERF_SAMPLE_TIME |
			PERF_SAMPLE_CALLCHAIN | PERF_SAMPLE_BRANCH_STACK |
			PERF_SAMPLE_STACK_USER | (1ULL << 40);
	a.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_ID |
			PERF_FORMAT_GROUP | (1ULL << 9);
	a.branch_sample_type = PERF_SAMPLE_BRANCH_USER | PERF_SAMPLE_BRANCH_ANY |
			       (1ULL << 30);
	a.sample_stack_user = 8192;
	a.use_clockid = 1;
	a.clockid = CLOCK_MONOTONIC;
	a.precise_ip = 2;
	a.watermark = 1;
	a.wakeup_watermark = 4096;
	a.inherit = 1;
	a.mmap2 = 1;
	a.sample_regs_user = 0xff0fff;
	a.sample_regs_intr = 0x3;
	a.aux_watermark = 77;
	a.sample_max_stack = 127;
	a.aux_sample_size = 99;
	a.sig_data = 0xdeadbeef;
	a.sigtrap = 1;
	((unsigned char *)&a)[110] = 1; /* __reserved_2 */
	((unsigned char *)&a)[117] = 2; /* __reserved_3 */
	pe(&a, 0, -1, fd, PERF_FLAG_FD_NO_GROUP | PERF_FLAG_FD_OUTPUT | 0x100);

	memset(&a, 0, sizeof a);
	a.type = PERF_TYPE_HW_CACHE;
	a.size = PERF_ATTR_SIZE_VER5;
	a.config = (3ULL << 32) | (5ULL << 24) | (PERF_COUNT_HW_CACHE_RESULT_MISS << 16) |
		   (PERF_COUNT_HW_CACHE_OP_READ << 8) | PERF_COUNT_HW_CACHE_LL;
	a.sample_period = 100000;
	pe(&a, 0, -1, -1, 0);

	memset(&a, 0, sizeof a);
	a.type = PERF_TYPE_HW_CACHE;
	a.size = PERF_ATTR_SIZE_VER1;
	a.config = (9ULL << 16) | (7ULL << 8) | 8;
	pe(&a, 0, -1, -1, 0);

	memset(&a, 0, sizeof a);
	a.type = PERF_TYPE_TRACEPOINT;
	a.size = PERF_ATTR_SIZE_VER2;
	a.config = 1234;
	a.sample_type = PERF_SAMPLE_BRANCH_STACK;
	a.branch_sample_type = PERF_SAMPLE_BRANCH_KERNEL;
	pe(&a, -1, 0, -1, PERF_FLAG_PID_CGROUP);

	memset(&a, 0, sizeof a);
	a.type = PERF_TYPE_BREAKPOINT;
	a.size = sizeof a;
	a.bp_type = HW_BREAKPOINT_W;
	a.bp_addr = (uintptr_t)&watched;
	a.bp_len = HW_BREAKPOINT_LEN_4;
	a.sample_period = 1;
	a.exclude_kernel = 1;
	opened[1] = pe(&a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);

	a.bp_type = HW_BREAKPOINT_R | HW_BREAKPOINT_X;
	pe(&a, 0, -1, -1, 0);
	a.bp_type = 0x40;
	pe(&a, 0, -1, -1, 0);

	memset(&a, 0, sizeof a);
	a.type = PERF_TYPE_RAW;
	a.size = PERF_ATTR_SIZE_VER3;
	a.config = 0x1234c0;
	a.config1 = 0x5;
	a.config2 = 0x6;
	a.pinned = 1;
	a.exclusive = 1;
	a.comm = 1;
	a.task = 1;
	a.exclude_idle = 1;
	a.sample_stack_user = 11;
	pe(&a, 0, -1, -1, 0);

	memset(&a, 0, sizeof a);
	a.type = 42;
	a.size = PERF_ATTR_SIZE_VER4;
	a.config = 0xabcdef;
	a.use_clockid = 1;
	a.clockid = 77;
	((uint64_t *)&a)[5] |= 1ULL << 63; /* __reserved_1 */
	pe(&a, 0, -1, -1, 0);

	/* size 0: the first published size */
	memset(&a, 0, sizeof a);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = 99;
	a.size = 0;
	pe(&a, 0, -1, -1, 0);

	/* smaller than the first published size */
	a.size = 32;
	pe(&a, 0, -1, -1, 0);

	/* bigger than the kernel knows, with a non-zero tail: E2BIG and the
	 * kernel's size written back */
	unsigned char big[256];
	memset(big, 0, sizeof big);
	memset(&a, 0, sizeof a);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_DUMMY;
	a.size = 200;
	memcpy(big, &a, sizeof a);
	big[190] = 1;
	pe(big, 0, -1, -1, 0);

	/* bigger, with a zero tail */
	a.size = 160;
	a.config = PERF_COUNT_SW_PAGE_FAULTS;
	memcpy(big, &a, sizeof a);
	big[190] = 0;
	opened[2] = pe(big, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);

	/* odd sizes */
	a.size = 100;
	a.config = PERF_COUNT_SW_CGROUP_SWITCHES + 1;
	a.sample_regs_intr = 0xffff;
	a.watermark = 0;
	pe(&a, 0, -1, -1, 0);
	a.size = 68;
	pe(&a, 0, -1, -1, 0);

	pe(0, 0, -1, -1, 0);
	pe((void *)1, 0, -1, -1, 0);

	/* the attribute running into an unmapped page */
	char *m = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(m + 4096, 4096);
	struct perf_event_attr *end = (void *)(m + 4096 - 72);
	memset(end, 0, 72);
	end->type = PERF_TYPE_SOFTWARE;
	end->size = sizeof a;
	end->config = PERF_COUNT_SW_CPU_CLOCK;
	end->freq = 1;
	end->sample_freq = 1;
	pe(end, 0, -1, -1, 0);
	end->size = PERF_ATTR_SIZE_VER1;
	opened[3] = pe(end, 0, -1, -1, 0);
	munmap(m, 4096);

	/* The ioctls of a perf event's descriptor (strace 6.1's
	 * perf_ioctl.c). PERF_EVENT_IOC_ID only with a bad pointer: an
	 * event's id differs run by run. */
	uint64_t period = 1000;
	ioctl(fd, PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
	ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
	ioctl(fd, PERF_EVENT_IOC_RESET, 3);
	ioctl(fd, PERF_EVENT_IOC_RESET, 0xdeadbeef00000001UL); /* an int */
	ioctl(fd, PERF_EVENT_IOC_REFRESH, -1);
	ioctl(fd, PERF_EVENT_IOC_PERIOD, &period);
	ioctl(fd, PERF_EVENT_IOC_PERIOD, (void *)1);
	ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, -1);
	ioctl(fd, PERF_EVENT_IOC_SET_FILTER,
	      "common_pid != 0 && a_long_filter_string_past_s");
	ioctl(fd, PERF_EVENT_IOC_SET_FILTER, (void *)1);
	ioctl(fd, PERF_EVENT_IOC_ID, (void *)1);
	ioctl(fd, PERF_EVENT_IOC_SET_BPF, 77);
	ioctl(fd, PERF_EVENT_IOC_PAUSE_OUTPUT, 1);
	struct {
		uint32_t ids_len, prog_cnt, ids[4];
	} q = { 4, 9, { 1, 2, 3, 4 } };
	ioctl(fd, PERF_EVENT_IOC_QUERY_BPF, &q);
	ioctl(fd, PERF_EVENT_IOC_QUERY_BPF, (void *)1);
	memset(&a, 0, sizeof a);
	a.type = PERF_TYPE_SOFTWARE;
	a.size = sizeof a;
	a.config = PERF_COUNT_SW_TASK_CLOCK;
	a.sample_period = 5;
	ioctl(fd, PERF_EVENT_IOC_MODIFY_ATTRIBUTES, &a);
	a.size = 0xc8;
	ioctl(fd, PERF_EVENT_IOC_MODIFY_ATTRIBUTES, &a);
	ioctl(fd, PERF_EVENT_IOC_MODIFY_ATTRIBUTES, 0);
	ioctl(fd, _IO('$', 12), 0);
	for (int i = 0; i < 4; i++)
		if (opened[i] >= 0)
			close((int)opened[i]);
}

/* bpf(2): each command with a decoder, its struct as large as strace 6.1
 * knows it, shorter (fields the size does not reach are not printed),
 * longer with zeros and with a byte that is not (extra_data), and the
 * attributes strace prints as an address (NULL, a size of 0 or over a
 * page, an unknown command). Maps and programs are made where the sandbox
 * lets us; every call's text is the same whatever it returns. */
static long bpf(unsigned cmd, void *attr, unsigned size)
{
	return syscall(SYS_bpf, cmd, attr, size);
}

static void bpf_calls(void)
{
	unsigned char a[200];
	uint32_t *w = (uint32_t *)a;
	uint64_t *q = (uint64_t *)a;
	/* BPF_MAP_CREATE: an array of 4 longs, named, then cut after
	 * max_entries, then with BPF_F_NUMA_NODE and NUMA_NO_NODE. */
	memset(a, 0, sizeof a);
	w[0] = 2; w[1] = 4; w[2] = 8; w[3] = 4; /* ARRAY, key, value, max */
	memcpy(a + 28, "systrap_map", 12);
	int map = (int)bpf(0, a, 72);
	bpf(0, a, 16);
	w[4] = 1u << 2; w[6] = 0xffffffffu; /* map_flags, numa_node */
	w[5] = (uint32_t)-1;                 /* inner_map_fd */
	memcpy(a + 28, "name_of_16_bytes", 16); /* no NUL within the field */
	bpf(0, a, 72);
	/* element calls on the map */
	uint32_t key = 1;
	uint64_t value = 0x1122334455667788ull, next = 0;
	memset(a, 0, sizeof a);
	w[0] = (uint32_t)map;
	q[1] = (uintptr_t)&key; q[2] = (uintptr_t)&value; q[3] = 0; /* BPF_ANY */
	bpf(2, a, 32);                       /* MAP_UPDATE_ELEM */
	q[3] = 2;                            /* BPF_EXIST */
	bpf(2, a, 32);
	q[3] = 0;
	bpf(1, a, 32);                       /* MAP_LOOKUP_ELEM */
	bpf(1, a, 24);                       /* without flags */
	q[3] = 4;                            /* BPF_F_LOCK */
	bpf(1, a, 32);
	q[2] = (uintptr_t)&next;
	bpf(4, a, 24);                       /* MAP_GET_NEXT_KEY */
	bpf(3, a, 16);                       /* MAP_DELETE_ELEM */
	bpf(22, a, 4);                       /* MAP_FREEZE */
	/* BPF_PROG_LOAD: r0 = 0; exit, as a socket filter, with every field
	 * strace 6.1 knows; its size as libbpf passes it (zeros past 128);
	 * then a non-zero byte past them; then cut before log_level. */
	static const unsigned char insns[16] = {
		0xb7, 0x00, 0, 0, 0, 0, 0, 0,    /* BPF_ALU64|BPF_K|BPF_MOV r0, 0 */
		0x95, 0x00, 0, 0, 0, 0, 0, 0,    /* BPF_JMP|BPF_K|BPF_EXIT */
	};
	memset(a, 0, sizeof a);
	w[0] = 1; w[1] = 2;                  /* SOCKET_FILTER, insn_cnt */
	q[1] = (uintptr_t)insns; q[2] = (uintptr_t)"GPL";
	w[10] = 0x050a01;                    /* kern_version */
	w[11] = 1;                           /* BPF_F_STRICT_ALIGNMENT */
	memcpy(a + 48, "sysprog", 8);
	w[17] = 2;                           /* expected_attach_type */
	int prog = (int)bpf(5, a, 148);
	a[140] = 7;
	bpf(5, a, 148);
	a[140] = 0;
	bpf(5, a, 24);
	/* every class of instruction, registers and offsets (refused) */
	static const unsigned char more[9 * 8] = {
		0x18, 0x01, 0, 0, 0x78, 0x56, 0x34, 0x12, /* LD|DW|IMM r1 */
		0x00, 0x00, 0, 0, 0x01, 0x00, 0x00, 0x00, /* its second half */
		0x61, 0x12, 0xfc, 0xff, 0, 0, 0, 0,       /* LDX|W|MEM r2, [r1-4] */
		0xdb, 0xa3, 0x08, 0x00, 0, 0, 0, 0,       /* STX|DW|XADD */
		0x07, 0x0a, 0, 0, 0xf8, 0xff, 0xff, 0xff, /* ALU64|K|ADD r10, -8 */
		0x16, 0x02, 0x01, 0x00, 0x2a, 0, 0, 0,    /* JMP32|K|JEQ */
		0x5d, 0x21, 0x02, 0x00, 0, 0, 0, 0,       /* JMP|X|JNE */
		0x85, 0x00, 0, 0, 0x01, 0, 0, 0,          /* JMP|K|CALL 1 */
		0x95, 0x00, 0, 0, 0, 0, 0, 0,             /* JMP|K|EXIT */
	};
	q[1] = (uintptr_t)more; w[1] = 9;
	bpf(5, a, 48);
	q[1] = (uintptr_t)insns; w[1] = 2;
	/* with a log buffer of 64 bytes and a flag strace has no name for */
	char log[64] = "";
	w[6] = 1; w[7] = sizeof log; q[4] = (uintptr_t)log; w[11] = 1u << 9;
	bpf(5, a, 128);
	/* BPF_PROG_TEST_RUN of it over 14 bytes, once */
	unsigned char packet[14] = {0};
	memset(a, 0, sizeof a);
	w[0] = (uint32_t)prog; w[2] = sizeof packet;
	q[2] = (uintptr_t)packet; w[8] = 1;  /* data_in, repeat */
	bpf(10, a, 80);
	w[3] = 0; w[9] = 0; /* what the kernel wrote back: data_size_out, duration */
	bpf(10, a, 40);
	/* ids: the next program's (changes), one past the last (ENOENT) */
	memset(a, 0, sizeof a);
	bpf(11, a, 12);                      /* PROG_GET_NEXT_ID from 0 */
	w[0] = 0xfffffff0u; w[1] = 0; w[2] = 1u << 3;
	bpf(12, a, 12);                      /* MAP_GET_NEXT_ID, RDONLY */
	bpf(23, a, 8);                       /* BTF_GET_NEXT_ID */
	bpf(13, a, 12);                      /* PROG_GET_FD_BY_ID */
	bpf(14, a, 8);                       /* MAP_GET_FD_BY_ID */
	bpf(19, a, 4);                       /* BTF_GET_FD_BY_ID */
	bpf(30, a, 4);                       /* LINK_GET_FD_BY_ID */
	/* pins and attachments that cannot be */
	memset(a, 0, sizeof a);
	q[0] = (uintptr_t)"/nonexistent/bpf/pin"; w[2] = (uint32_t)prog;
	w[3] = 1u << 4;                      /* BPF_F_WRONLY */
	bpf(6, a, 16);                       /* OBJ_PIN */
	bpf(7, a, 12);                       /* OBJ_GET */
	memset(a, 0, sizeof a);
	w[0] = (uint32_t)-1; w[1] = (uint32_t)prog; w[2] = 6; w[3] = 5;
	bpf(8, a, 20);                       /* PROG_ATTACH */
	bpf(8, a, 16);
	bpf(9, a, 12);                       /* PROG_DETACH */
	memset(a, 0, sizeof a);
	q[0] = (uintptr_t)"no_such_tracepoint"; w[2] = (uint32_t)prog;
	bpf(17, a, 16);                      /* RAW_TRACEPOINT_OPEN */
	memset(a, 0, sizeof a);
	q[0] = (uintptr_t)"\x9f\xeb\x01\0btf?"; w[4] = 8;
	bpf(18, a, 28);                      /* BTF_LOAD */
	memset(a, 0, sizeof a);
	w[0] = (uint32_t)-1; w[1] = (uint32_t)prog; w[2] = 4; w[3] = 9;
	bpf(29, a, 16);                      /* LINK_UPDATE, BPF_F_REPLACE */
	w[2] = 0;
	bpf(29, a, 16);
	/* the queries: programs attached to our cgroup's socket creation
	 * (a cgroup directory we cannot open: EBADF), a task's descriptor */
	memset(a, 0, sizeof a);
	uint32_t ids[4] = {0};
	w[0] = (uint32_t)-1; w[1] = 2; w[2] = 1; w[3] = 2; /* EFFECTIVE, MULTI */
	q[2] = (uintptr_t)ids; w[6] = 4;
	bpf(16, a, 28);                      /* PROG_QUERY */
	w[6] = 0;                            /* no ids asked, a failed call: [] */
	q[2] = (uint64_t)-1;
	bpf(16, a, 28);
	char name[32] = "";
	memset(a, 0, sizeof a);
	w[0] = 1; w[1] = (uint32_t)-1; w[3] = sizeof name; /* pid 1 */
	q[2] = (uintptr_t)name;
	bpf(20, a, 48);                      /* TASK_FD_QUERY */
	/* batches over the array map */
	uint32_t keys[8] = {0, 1};
	uint64_t values[8] = {0};
	uint32_t out_batch = 0;
	memset(a, 0, sizeof a);
	q[1] = (uintptr_t)&out_batch; q[2] = (uintptr_t)keys;
	q[3] = (uintptr_t)values; w[8] = 8; w[9] = (uint32_t)map;
	bpf(24, a, 56);                      /* MAP_LOOKUP_BATCH: 4 of 8 */
	w[8] = 2;
	bpf(25, a, 56);                      /* MAP_LOOKUP_AND_DELETE_BATCH */
	memset(a, 0, sizeof a);
	q[2] = (uintptr_t)keys; q[3] = (uintptr_t)values; w[8] = 2;
	w[9] = (uint32_t)map; q[5] = 4;      /* BPF_F_LOCK */
	bpf(26, a, 56);                      /* MAP_UPDATE_BATCH */
	q[5] = 0; q[6] = 0x10;
	bpf(27, a, 56);                      /* MAP_DELETE_BATCH, odd flags */
	/* links: an extension's target, an iterator over a map, a perf
	 * event's cookie, kprobes by name, a type with no union */
	memset(a, 0, sizeof a);
	w[0] = (uint32_t)prog; w[1] = (uint32_t)-1;
	w[2] = 0; w[4] = 77;                 /* target_btf_id */
	bpf(28, a, 48);
	uint32_t iter_map[1] = {(uint32_t)map};
	w[2] = 28; q[2] = (uintptr_t)iter_map; w[6] = 1; /* BPF_TRACE_ITER */
	bpf(28, a, 48);
	memset(a + 16, 0, 32);
	w[2] = 41; q[2] = 0xc0ffee;          /* BPF_PERF_EVENT */
	bpf(28, a, 48);
	static const char *const syms[2] = {"do_sys_open", "vfs_read"};
	uint64_t cookies[2] = {1, 2};
	memset(a + 16, 0, 32);
	w[2] = 42; w[4] = 1; w[5] = 2;       /* BPF_TRACE_KPROBE_MULTI */
	q[3] = (uintptr_t)syms; q[5] = (uintptr_t)cookies;
	bpf(28, a, 48);
	memset(a + 16, 0, 32);
	w[2] = 6; w[4] = 5;                  /* BPF_CGROUP_DEVICE: the union is extra */
	bpf(28, a, 48);
	bpf(28, a, 16);
	/* OBJ_GET_INFO_BY_FD: a map's info (all of it, a short buffer the
	 * kernel keeps, a long one with a tail strace shows), a program's,
	 * a descriptor that is no bpf object, an unreadable buffer. */
	unsigned char info[128];
	memset(info, 0, sizeof info);
	memset(a, 0, sizeof a);
	w[0] = (uint32_t)map; w[1] = 88; q[1] = (uintptr_t)info;
	bpf(15, a, 16);
	w[1] = 40;
	bpf(15, a, 16);
	memset(info, 0, sizeof info);
	info[100] = 9;
	w[1] = 104;
	bpf(15, a, 16);
	w[0] = (uint32_t)prog; w[1] = 64;
	bpf(15, a, 16);
	w[0] = 0; w[1] = 88;
	bpf(15, a, 16);
	w[0] = (uint32_t)map; q[1] = 8;
	bpf(15, a, 16);
	/* strace prints these attributes as an address: at the entry only,
	 * for the commands that print more at the exit too */
	bpf(11, 0, 12);
	bpf(24, (void *)1, 56);
	bpf(0, 0, 72);
	bpf(0, a, 0);
	bpf(0, a, 8192);
	bpf(9999, a, 16);
	if (map >= 0)
		close(map);
	if (prog >= 0)
		close(prog);
}

/* Arguments whose type is narrower or wider than a register, called with
 * junk in the bits the kernel ignores (or with every bit of a 64-bit
 * word), each failing or changing nothing: strace 6.1 prints each as its
 * type says (int, unsigned int, unsigned long, a 32-bit flag word, a
 * 64-bit one). */
static void arg_width_calls(void)
{
	const unsigned long junk = 0xdefaced00000000UL;
	int one = 1;
	syscall(SYS_setsockopt, -1, SOL_SOCKET, SO_DEBUG, &one, junk | 0xffffffffUL);
	/* A negative length: printed as strace's printstrn sign-extends it. */
	static const char opt[40] = "forty bytes of an option";
	syscall(SYS_setsockopt, -1, SOL_SOCKET, SO_TYPE, opt, -1L);
	syscall(SYS_pidfd_send_signal, -1, 0, NULL, junk);
	siginfo_t info;
	memset(&info, 0, sizeof info);
	info.si_signo = SIGUSR1;
	info.si_code = SI_QUEUE;
	info.si_pid = 1;
	info.si_uid = (uid_t)-1;
	syscall(SYS_pidfd_send_signal, -1, SIGUSR1, &info, 0);
	/* No child to report: wait4 returns 0 and writes no rusage. The
	 * child sends no SIGCHLD (its line would come where it lands), and
	 * is reaped by waitid, not traced here. */
	long child = syscall(SYS_clone, 0 /* no exit signal */, NULL, NULL,
			     NULL, 0);
	if (child == 0) {
		pause();
		_exit(0);
	}
	int status = 0;
	struct rusage ru;
	memset(&ru, 0xff, sizeof ru);
	syscall(SYS_wait4, -1, &status, WNOHANG | __WALL, &ru);
	if (child > 0) {
		siginfo_t si;
		kill((pid_t)child, SIGKILL);
		waitid(P_PID, (id_t)child, &si, WEXITED | __WALL);
	}
	/* Longer than a host name can be: its address. */
	syscall(SYS_sethostname, "name", 65);
	syscall(SYS_landlock_add_rule, -1, 0, NULL, junk);
	syscall(SYS_landlock_restrict_self, -1, junk | 0x1);
	syscall(SYS_futex_waitv, NULL, 1, junk | 0xffffffffUL, NULL, 1);
	syscall(SYS_pkey_alloc, 0, junk | 0x2);
	syscall(SYS_pkey_mprotect, NULL, 0, junk | 0xca7500, 0);
	syscall(SYS_mprotect, NULL, 0, junk | 0x1);
	syscall(SYS_mmap, NULL, 0, junk | 0x3, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	syscall(SYS_remap_file_pages, 0, 0, 7, 0, MAP_PRIVATE | MAP_ANONYMOUS);
	syscall(SYS_lookup_dcookie, 0xf157feeddeadfaceUL, NULL, 0);
	syscall(SYS_fadvise64, -1, -1L, 0xbadc0dedbadc0dedUL, 0);
	syscall(SYS_sethostname, NULL, 0xffffffff00000040UL);
	syscall(SYS_fsmount, -1, junk | 0x1, junk | 0x49);
	syscall(SYS_fsmount, -1, 0x2, 0xffffff40);
	syscall(SYS_move_mount, -1, NULL, -1, NULL, junk | 0x44);
	syscall(SYS_mount_setattr, -1, NULL, junk | 0x8100, NULL, 0);
	syscall(SYS_finit_module, -1, "", junk | 0x3);
	syscall(SYS_sync_file_range, -1, 0, 0, junk | 0xffffffffUL);
	syscall(SYS_sync_file_range, -1, 0, 0, 0x5);
	syscall(SYS_readv, -1, NULL, 0xfacefeed00000001UL);
	syscall(SYS_writev, -1, NULL, -1L);
	syscall(SYS_preadv2, -1, NULL, 0xfacefeed00000001UL, 0, 0, 0);
	syscall(SYS_pwritev2, -1, NULL, -1L, 0, 0, 0);
}

/* What strace 6.1 prints behind a pointer, or instead of a number, for
 * older and rarer calls: the value a call returned there ([0x...], [24],
 * a time with its date), an array of none ([]), a short signal set, a mode
 * of no file type, struct utimbuf and timeval pairs, a device number,
 * mq_attr, syslog's actions, move_pages' arrays. Each call's result is
 * the same in both runs (no queue is created, the log is read with
 * length 0). */
static void pointed_value_calls(void)
{
	struct pollfd none;
	syscall(SYS_poll, &none, 0, 0);
	unsigned long set = 0;
	syscall(SYS_rt_sigpending, &set, 4);
	syscall(SYS_rt_sigpending, &set, 8);
	syscall(SYS_rt_sigpending, &set, 0);
	syscall(SYS_mknod, "/nonexistent/node", 0177777, 0);
	syscall(SYS_mknod, "/nonexistent/node", 030644, 0);
	void *head;
	size_t len;
	syscall(SYS_get_robust_list, 0, &head, &len);
	syscall(SYS_get_robust_list, 0, NULL, (void *)16);
	time_t now;
	syscall(SYS_time, &now);
	syscall(SYS_time, NULL);
	long uffd = syscall(SYS_userfaultfd, O_NONBLOCK | O_CLOEXEC | 0x1);
	if (uffd >= 0)
		close((int)uffd);
	syscall(SYS_mq_open, "/systrap-no-such-queue", O_RDONLY, 0644, (void *)16);
	struct mq_attr bad = {O_NONBLOCK, 0 /* no room: EINVAL */, 64, 0};
	syscall(SYS_mq_open, "/systrap-no-such-queue", O_RDWR | O_CREAT, 0600, &bad);
	syscall(SYS_mq_getsetattr, -1, &bad, &bad);
	struct timeval tv[2] = {{1, 2}, {1796622814, 999999}};
	syscall(SYS_utimes, "/nonexistent", tv);
	syscall(SYS_futimesat, AT_FDCWD, "/nonexistent", tv);
	syscall(SYS_utimes, "/nonexistent", NULL);
	struct { long actime, modtime; } times = {5, 1796622814};
	syscall(SYS_utime, "/nonexistent", &times);
	unsigned long ctx = 0;
	if (syscall(SYS_io_setup, 4, &ctx) == 0)
		syscall(SYS_io_destroy, ctx);
	syscall(SYS_io_setup, 4, (void *)16);
	syscall(SYS_ustat, makedev(8, 3), (void *)16);
	char log[8];
	syscall(SYS_syslog, 3 /* READ_ALL */, log, 0);
	syscall(SYS_syslog, 99, (void *)16, 10);
	syscall(SYS_syslog, 8 /* CONSOLE_LEVEL */, NULL, 99);
	int node[3] = {0, 0, -1}, status[3];
	void *pages[3] = {&now, NULL, (void *)16};
	syscall(SYS_move_pages, 0, 3, pages, NULL, status, 0);
	syscall(SYS_move_pages, 0, 1, pages, node, status, 2 /* MPOL_MF_MOVE */);
	syscall(SYS_move_pages, 0, 0, pages, node, status, 1);
	/* Arrays and structs that run into a page that is not there: a
	 * pollfd array's readable part and then where it stops, an mq_attr
	 * whose reserved words are past the end (its address). */
	char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (two != MAP_FAILED) {
		munmap(two + 4096, 4096);
		struct pollfd *last = (struct pollfd *)(two + 4096) - 1;
		last->fd = -5;
		syscall(SYS_poll, last, 2, 0);
		syscall(SYS_poll, last, 0xfacefeed00000001UL, 0); /* nfds is 32 bits */
		struct mq_attr *cut = (struct mq_attr *)(two + 4096 - 32);
		syscall(SYS_mq_open, "/systrap-no-such-queue", O_RDWR | O_CREAT, 0600, cut);
		munmap(two, 4096);
	}
	/* mknod's dev is the kernel's unsigned int. */
	syscall(SYS_mknod, "/nonexistent/node", S_IFCHR | 0600,
		0xdeadbeef00000000UL | makedev(1, 7));
	syscall(SYS_syslog, 8 /* CONSOLE_LEVEL */, NULL, 8);
	/* A gid of -1 (refused), swapon's priority beside its flags, and
	 * epoll_pwait2's timeout and mask read at the exit, as addresses
	 * when the call failed. */
	gid_t no_group = (gid_t)-1;
	syscall(SYS_setgroups, 1, &no_group);
	syscall(SYS_swapon, "/nonexistent", 0x8000 /* SWAP_FLAG_PREFER */ | 42);
	struct epoll_event ready;
	struct timespec wait = {0, 1};
	unsigned long mask = 0;
	syscall(SYS_epoll_pwait2, -1, &ready, 1, &wait, &mask, 8);
}

int main(void)
{
	epoll_calls();
	sockopt_calls();
	timerfd_calls();
	inotify_calls();
	seal_and_sendfile_calls();
	sched_calls();
	file_calls();
	cap_calls();
	ifreq_calls();
	misc_calls();
	mcast_sockopt_calls();
	cmsg_calls();
	scope_id_calls();
	sandbox_sync_packet_calls();
	bpf_calls();
	perf_calls();
	arg_width_calls();
	pointed_value_calls();
	/* Last: closing an io_uring ring queues task work that interrupts
	 * the process's next waiting call (TIF_NOTIFY_SIGNAL), which the
	 * kernel restarts unseen by us and strace shows as "= ?
	 * ERESTART_RESTARTBLOCK": misc_calls' poll did, now and then. */
	io_uring_calls();
	return 0;
}
