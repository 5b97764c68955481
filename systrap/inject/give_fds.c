/* Giving a stopped tracee copies of the launcher's descriptors (inject.h).
 *
 * Why not let the image open /proc/LAUNCHER/fd/N: that needs ptrace access
 * from the traced process to the launcher, which a program that dropped
 * its privileges (setpriv, a daemon switching user) or entered a user
 * namespace (unshare -r) no longer has. The launcher does have access to
 * its tracee: the tracee makes a socketpair, the launcher takes one end
 * with pidfd_getfd and sends the descriptors over it (SCM_RIGHTS), the
 * tracee receives them and closes the pair. Six remote calls. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "systrap/arch/page.h"
#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"

static long remote(struct inject_target *t, long nr, long a0, long a1,
		   long a2, long a3, long a4, long a5, struct inject_error *err,
		   int *e)
{
	const long args[6] = {a0, a1, a2, a3, a4, a5};
	long res = 0;
	*e = inject_remote_syscall(t, nr, args, &res, err);
	return res;
}

/* The page's layout: sv[2], the msghdr, its iovec, one byte, the control
 * buffer. */
struct page {
	int sv[2];
	struct msghdr msg;
	struct iovec iov;
	char byte;
	_Alignas(8) char control[CMSG_SPACE(sizeof(int) * INJECT_MAX_FDS)];
};

int inject_give_fds(struct inject_target *t, const int *fds, int n,
		    int *remote_fds, struct inject_error *err)
{
	if (n < 1 || n > INJECT_MAX_FDS)
		return inject_fail(err, -EINVAL, "cannot give %d descriptors", n);
	int e = 0;
	long page = remote(t, SYS_mmap, 0, ARCH_PAGE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, err, &e);
	if (e)
		return e;
	if (page < 0 && page > -4096)
		return inject_fail(err, (int)page, "remote mmap in process %d: %s",
				   t->pid, strerror((int)-page));
	struct page p;
	memset(&p, 0, sizeof p);
	long r = remote(t, SYS_socketpair, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0,
			page + (long)offsetof(struct page, sv), 0, 0, err, &e);
	if (!e && r < 0)
		e = inject_fail(err, (int)r, "remote socketpair in process %d: %s",
				t->pid, strerror((int)-r));
	if (!e)
		e = inject_read_memory(t, (uint64_t)page, p.sv, sizeof p.sv, err);
	int local = -1, pidfd = -1;
	if (!e) {
		pidfd = (int)syscall(SYS_pidfd_open, t->pid, 0);
		local = pidfd < 0 ? -1
				  : (int)syscall(SYS_pidfd_getfd, pidfd, p.sv[1], 0);
		if (local < 0)
			e = inject_fail(err, -errno, "cannot take a socket of "
					"process %d: %s", t->pid, strerror(errno));
	}
	if (!e) {
		/* Ours: the descriptors, with one byte. */
		char one = 0;
		struct iovec iov = {&one, 1};
		char control[CMSG_SPACE(sizeof(int) * INJECT_MAX_FDS)];
		memset(control, 0, sizeof control);
		struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = control,
				     .msg_controllen = CMSG_SPACE(sizeof(int) * n)};
		struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * n);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
		if (sendmsg(local, &msg, 0) != 1)
			e = inject_fail(err, -errno, "cannot send descriptors to "
					"process %d: %s", t->pid, strerror(errno));
	}
	if (!e) {
		/* Theirs: a msghdr in the page, pointing into the page. */
		p.iov.iov_base = (void *)(page + offsetof(struct page, byte));
		p.iov.iov_len = 1;
		p.msg.msg_iov = (struct iovec *)(page + offsetof(struct page, iov));
		p.msg.msg_iovlen = 1;
		p.msg.msg_control = (void *)(page + offsetof(struct page, control));
		p.msg.msg_controllen = CMSG_SPACE(sizeof(int) * n);
		e = inject_write_memory(t, (uint64_t)page, &p, sizeof p, err);
	}
	if (!e) {
		r = remote(t, SYS_recvmsg, p.sv[0],
			   page + (long)offsetof(struct page, msg),
			   MSG_CMSG_CLOEXEC, 0, 0, 0, err, &e);
		if (!e && r != 1)
			e = inject_fail(err, r < 0 ? (int)r : -EIO,
					"remote recvmsg in process %d: %s", t->pid,
					strerror(r < 0 ? (int)-r : EIO));
	}
	if (!e)
		e = inject_read_memory(t, (uint64_t)page, &p, sizeof p, err);
	if (!e) {
		struct msghdr got = p.msg;
		got.msg_control = p.control;
		struct cmsghdr *c = CMSG_FIRSTHDR(&got);
		if (!c || c->cmsg_type != SCM_RIGHTS ||
		    c->cmsg_len != CMSG_LEN(sizeof(int) * n))
			e = inject_fail(err, -EIO, "process %d did not receive "
					"the descriptors", t->pid);
		else
			memcpy(remote_fds, CMSG_DATA(c), sizeof(int) * n);
	}
	if (local >= 0)
		close(local);
	if (pidfd >= 0)
		close(pidfd);
	/* The pair and the page go whatever happened (the tracee may be
	 * gone: errors here add nothing). */
	struct inject_error ignored;
	int ig;
	if (p.sv[0] || p.sv[1]) {
		remote(t, SYS_close, p.sv[0], 0, 0, 0, 0, 0, &ignored, &ig);
		remote(t, SYS_close, p.sv[1], 0, 0, 0, 0, 0, &ignored, &ig);
	}
	remote(t, SYS_munmap, page, ARCH_PAGE, 0, 0, 0, 0, &ignored, &ig);
	return e;
}
