/* footprint: see footprint.h. The kernel behaviour each case relies on is
 * named where it is not obvious (Linux 6.x: fs/select.c, net/socket.c,
 * kernel/futex, kernel/fork.c...). */
#include "systrap/handlers/footprint.h"

#include <asm/ioctls.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/limits.h>
#include <linux/prctl.h>
#include <linux/sched.h>
#include <stddef.h>
#include <sys/socket.h>

#include "systrap/arch/arch_prctl.h"
#include "systrap/arch/page.h"
#include "systrap/handlers/syscall_table.h"

/* Constants the kernel keeps to itself (not in its uapi headers). */
#define MAX_ARG_STRLEN_ 131072  /* one execve string (32 pages) */
#define MAX_ARG_STRINGS_ 65536  /* our bound on counting argv/envp */
/* UIO_MAXIOV, which <linux/uio.h> gives with a struct iovec that clashes
 * with libc's: glibc's IOV_MAX is the same limit. */
#define UIO_MAXIOV_ IOV_MAX
_Static_assert(UIO_MAXIOV_ == 1024, "the kernel's UIO_MAXIOV");

struct sink {
	footprint_read_fn read;
	footprint_emit_fn emit;
	void *ctx;
};

static void put(const struct sink *s, int dir, uintptr_t base, size_t n)
{
	if (base && n)
		s->emit(s->ctx, dir, base, n);
}

static int is_error(long r)
{
	return r < 0 && r >= -4095;
}

static int read_exact(footprint_read_fn rd, void *dst, uintptr_t src,
		      size_t n)
{
	return src && rd(dst, src, n) == n;
}

/* Bytes the kernel reads of a NUL-terminated string at p: up to and with
 * the NUL, at most `limit`; where memory ends first, what was readable
 * (the kernel read that far before its EFAULT). */
static size_t cstring_extent(footprint_read_fn rd, uintptr_t p, size_t limit)
{
	char chunk[128];
	size_t done = 0;
	if (!p)
		return 0;
	while (done < limit) {
		size_t want = limit - done < sizeof chunk ? limit - done : sizeof chunk;
		/* Stop each chunk at a page end, so a string that ends just
		 * before unreadable memory is still measured whole. */
		size_t to_page = ARCH_PAGE - ((p + done) & (ARCH_PAGE - 1));
		if (want > to_page)
			want = to_page;
		size_t got = rd(chunk, p + done, want);
		for (size_t i = 0; i < got; i++)
			if (!chunk[i])
				return done + i + 1;
		done += got;
		if (got < want)
			return done;
	}
	return limit;
}

static long arg_value(const struct footprint_state *st, int k)
{
	return k >= 0 && k < 6 ? st->args[k] : 0;
}

/* Counts an execve-style array's strings (to its NULL or unreadable memory),
 * keeping the first lengths in st->saved_len[slot]. */
static long measure_str_array(struct footprint_state *st, int slot,
			      footprint_read_fn rd, uintptr_t arr)
{
	long count = 0;
	st->nsaved[slot] = 0;
	if (!arr)
		return 0;
	for (; count < MAX_ARG_STRINGS_; count++) {
		uintptr_t s = 0;
		if (!read_exact(rd, &s, arr + (uintptr_t)count * 8, 8))
			return -(count + 1); /* unreadable slot: kernel EFAULTs */
		if (!s)
			break;
		if (count < FOOTPRINT_SAVED_STRINGS) {
			st->saved_len[slot][count] =
				(uint32_t)cstring_extent(rd, s, MAX_ARG_STRLEN_);
			st->nsaved[slot] = (uint32_t)count + 1;
		}
	}
	return count;
}

static void emit_str_array(const struct footprint_state *st, int slot,
			   long count, const struct sink *s, uintptr_t arr)
{
	if (!arr)
		return;
	if (count < 0) {
		/* Faulted at slot -count-1: the readable slots were read. */
		put(s, FOOTPRINT_READ, arr, (size_t)(-count - 1) * 8);
		count = -count - 1;
	} else {
		put(s, FOOTPRINT_READ, arr, (size_t)(count + 1) * 8);
	}
	for (long i = 0; i < count; i++) {
		uintptr_t str = 0;
		if (!read_exact(s->read, &str, arr + (uintptr_t)i * 8, 8))
			return;
		size_t len = i < (long)st->nsaved[slot]
				     ? st->saved_len[slot][i]
				     : cstring_extent(s->read, str, MAX_ARG_STRLEN_);
		put(s, FOOTPRINT_READ, str, len);
	}
}

/* An iovec array: the array itself, then `total` bytes spread over the
 * buffers in order (the kernel fills or drains them front to back). */
static void emit_iovecs(const struct sink *s, uintptr_t iov, long cnt,
			long total, int dir)
{
	if (!iov || cnt <= 0 || cnt > UIO_MAXIOV_)
		return;
	put(s, FOOTPRINT_READ, iov, (size_t)cnt * 16);
	for (long i = 0; i < cnt && total > 0; i++) {
		uint64_t v[2];
		if (!read_exact(s->read, v, iov + (uintptr_t)i * 16, 16))
			return;
		size_t n = v[1] < (uint64_t)total ? (size_t)v[1] : (size_t)total;
		put(s, dir, (uintptr_t)v[0], n);
		total -= (long)n;
	}
}

static size_t struct_size(const struct syscall_arg *a)
{
	return syscall_struct_size(syscall_arg_struct(a));
}

/* ---------------- rules: footprints that depend on a command ---------------- */

struct ioctl_size {
	uint32_t request;
	uint8_t dir;   /* 0 none, 1 the kernel reads, 2 it writes */
	uint8_t type;  /* enum syscall_struct */
};

/* Requests whose argument the tty layer (drivers/tty/tty_io.c,
 * tty_ioctl.c) and fs/ioctl.c read or write with a known size. */
static const struct ioctl_size ioctl_sizes[] = {
	{ TCGETS, 2, STRUCT_TERMIOS },
	{ TCSETS, 1, STRUCT_TERMIOS },
	{ TCSETSW, 1, STRUCT_TERMIOS },
	{ TCSETSF, 1, STRUCT_TERMIOS },
	{ TIOCGWINSZ, 2, STRUCT_WINSIZE },
	{ TIOCSWINSZ, 1, STRUCT_WINSIZE },
	{ TIOCGPGRP, 2, STRUCT_INT },
	{ TIOCSPGRP, 1, STRUCT_INT },
	{ TIOCGSID, 2, STRUCT_INT },
	{ FIONREAD, 2, STRUCT_INT },
	{ TIOCOUTQ, 2, STRUCT_INT },
	{ FIONBIO, 1, STRUCT_INT },
	{ FIOASYNC, 1, STRUCT_INT },
	{ TIOCGETD, 2, STRUCT_INT },
	{ TIOCSETD, 1, STRUCT_INT },
	{ TIOCGPTN, 2, STRUCT_INT },
	{ TIOCSPTLCK, 1, STRUCT_INT },
	{ FIONCLEX, 0, 0 },
	{ FIOCLEX, 0, 0 },
	{ TCFLSH, 0, 0 },    /* the argument is a number */
	{ TCSBRK, 0, 0 },
	{ TCXONC, 0, 0 },
	{ TIOCSCTTY, 0, 0 },
	{ TIOCNOTTY, 0, 0 },
	{ FICLONE, 0, 0 },   /* the argument is an fd */
};

static int rule_ioctl(const struct footprint_state *st, long result,
		      const struct sink *s)
{
	uint32_t req = (uint32_t)st->args[1];
	for (unsigned i = 0; i < sizeof ioctl_sizes / sizeof ioctl_sizes[0]; i++) {
		const struct ioctl_size *e = &ioctl_sizes[i];
		if (e->request != req)
			continue;
		uintptr_t p = (uintptr_t)st->args[2];
		size_t n = syscall_struct_size(e->type);
		/* A failed ioctl (ENOTTY on a pipe) stopped before the
		 * argument, for all of these. */
		if (is_error(result))
			return 1;
		if (e->dir == 1)
			put(s, FOOTPRINT_READ, p, n);
		else if (e->dir == 2)
			put(s, FOOTPRINT_WRITE, p, n);
		return 1;
	}
	return 0;
}

static int rule_fcntl(const struct footprint_state *st, long result,
		      const struct sink *s)
{
	uintptr_t p = (uintptr_t)st->args[2];
	size_t flock = syscall_struct_size(STRUCT_FLOCK);
	size_t owner = syscall_struct_size(STRUCT_F_OWNER_EX);
	switch ((int)st->args[1]) {
	case F_DUPFD: case F_GETFD: case F_SETFD: case F_GETFL: case F_SETFL:
	case F_SETOWN: case F_GETOWN: case F_SETSIG: case F_GETSIG:
	case F_SETLEASE: case F_GETLEASE: case F_NOTIFY: case F_DUPFD_CLOEXEC:
	case F_SETPIPE_SZ: case F_GETPIPE_SZ: case F_ADD_SEALS: case F_GET_SEALS:
		return 1; /* the argument is a number */
	case F_GETLK: case F_OFD_GETLK:
		put(s, FOOTPRINT_READ, p, flock);
		if (!is_error(result))
			put(s, FOOTPRINT_WRITE, p, flock);
		return 1;
	case F_SETLK: case F_SETLKW: case F_OFD_SETLK: case F_OFD_SETLKW:
		put(s, FOOTPRINT_READ, p, flock);
		return 1;
	case F_SETOWN_EX:
		put(s, FOOTPRINT_READ, p, owner);
		return 1;
	case F_GETOWN_EX:
		if (!is_error(result))
			put(s, FOOTPRINT_WRITE, p, owner);
		return 1;
	default:
		return 0;
	}
}

static int rule_futex(const struct footprint_state *st, long result,
		      const struct sink *s)
{
	uintptr_t uaddr = (uintptr_t)st->args[0];
	uintptr_t uaddr2 = (uintptr_t)st->args[4];
	int op = (int)st->args[1];
	int private_ = op & FUTEX_PRIVATE_FLAG;
	int cmd = op & (FUTEX_PRIVATE_FLAG - 1); /* nor CLOCK_REALTIME */
	switch (cmd) {
	case FUTEX_WAIT: case FUTEX_WAIT_BITSET: /* compare the word, sleep */
		put(s, FOOTPRINT_READ, uaddr, 4);
		put(s, FOOTPRINT_READ, (uintptr_t)st->args[3],
		    syscall_struct_size(STRUCT_TIMESPEC));
		return 1;
	case FUTEX_WAKE: case FUTEX_WAKE_BITSET:
		/* A private futex is only an address; a shared one is looked
		 * up in its page. */
		if (!private_)
			put(s, FOOTPRINT_READ, uaddr, 4);
		return 1;
	case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: /* arg 3 is a count */
		if (!private_ || cmd == FUTEX_CMP_REQUEUE)
			put(s, FOOTPRINT_READ, uaddr, 4);
		if (!private_)
			put(s, FOOTPRINT_READ, uaddr2, 4);
		return 1;
	default:
		return 0; /* WAKE_OP and PI futexes write the word: not described */
	}
}

static int rule_prctl(const struct footprint_state *st, long result,
		      const struct sink *s)
{
	uintptr_t p = (uintptr_t)st->args[1];
	int ok = !is_error(result);
	switch ((int)st->args[0]) {
	case PR_SET_NAME: /* strncpy_from_user(comm, p, 15) */
		put(s, FOOTPRINT_READ, p, (size_t)st->in[1]);
		return 1;
	case PR_GET_NAME: /* the whole 16-byte comm */
		if (ok)
			put(s, FOOTPRINT_WRITE, p, 16);
		return 1;
	case PR_GET_PDEATHSIG: case PR_GET_CHILD_SUBREAPER:
		if (ok)
			put(s, FOOTPRINT_WRITE, p, 4);
		return 1;
	case PR_GET_TID_ADDRESS:
		if (ok)
			put(s, FOOTPRINT_WRITE, p, 8);
		return 1;
	case PR_SET_PDEATHSIG: case PR_GET_DUMPABLE: case PR_SET_DUMPABLE:
	case PR_GET_KEEPCAPS: case PR_SET_KEEPCAPS: case PR_CAPBSET_READ:
	case PR_GET_SECUREBITS: case PR_SET_SECUREBITS: case PR_SET_TIMERSLACK:
	case PR_GET_TIMERSLACK: case PR_SET_CHILD_SUBREAPER:
	case PR_SET_NO_NEW_PRIVS: case PR_GET_NO_NEW_PRIVS:
	case PR_SET_THP_DISABLE: case PR_GET_THP_DISABLE:
		return 1; /* numbers only */
	default:
		return 0;
	}
}

static int rule_arch_prctl(const struct footprint_state *st, long result,
			   const struct sink *s)
{
	uintptr_t p = (uintptr_t)st->args[1];
	switch ((int)st->args[0]) {
#if ARCH_HAS_ARCH_PRCTL
	case ARCH_SET_GS: case ARCH_SET_FS: /* a value */
	case ARCH_GET_CPUID: case ARCH_SET_CPUID: /* returned/a value */
	case ARCH_REQ_XCOMP_PERM: case ARCH_REQ_XCOMP_GUEST_PERM:
	case ARCH_SHSTK_ENABLE: case ARCH_SHSTK_DISABLE:
	case ARCH_SHSTK_LOCK: case ARCH_SHSTK_UNLOCK:
		return 1;
	case ARCH_GET_FS: case ARCH_GET_GS:
	case ARCH_GET_XCOMP_SUPP: case ARCH_GET_XCOMP_PERM:
	case ARCH_GET_XCOMP_GUEST_PERM: case ARCH_SHSTK_STATUS:
		if (!is_error(result))
			put(s, FOOTPRINT_WRITE, p, 8);
		return 1;
#endif
	default:
		return 0;
	}
}

/* The ids a successful clone stores for the parent (and, with CLONE_VM,
 * for the child in the memory they share; without it the child's store
 * lands in the child's own copy). */
static void clone_writes(const struct sink *s, unsigned long flags,
			 uintptr_t pidfd, uintptr_t parent_tid,
			 uintptr_t child_tid)
{
	if (flags & CLONE_PIDFD)
		put(s, FOOTPRINT_WRITE, pidfd, 4);
	if (flags & CLONE_PARENT_SETTID)
		put(s, FOOTPRINT_WRITE, parent_tid, 4);
	if ((flags & CLONE_CHILD_SETTID) && (flags & CLONE_VM))
		put(s, FOOTPRINT_WRITE, child_tid, 4);
}

static int rule_clone(const struct footprint_state *st, long result,
		      const struct sink *s)
{
	/* x86-64: clone(flags, stack, parent_tid, child_tid, tls); pidfd
	 * shares parent_tid's slot. */
	if (result > 0)
		clone_writes(s, (unsigned long)st->args[0], (uintptr_t)st->args[2],
			     (uintptr_t)st->args[2], (uintptr_t)st->args[3]);
	return 1;
}

static int rule_clone3(const struct footprint_state *st, long result,
		       const struct sink *s)
{
	uintptr_t p = (uintptr_t)st->args[0];
	size_t size = (size_t)st->args[1];
	/* copy_struct_from_user: 64 (CLONE_ARGS_SIZE_VER0) .. PAGE_SIZE, all
	 * of it read (bytes past what the kernel knows must be zero). */
	if (size < CLONE_ARGS_SIZE_VER0 || size > ARCH_PAGE)
		return 1;
	put(s, FOOTPRINT_READ, p, size);
	uint64_t a[11] = {0};
	size_t have = s->read(a, p, size < sizeof a ? size : sizeof a);
	if (have < CLONE_ARGS_SIZE_VER0)
		return 1;
	if (have >= 80 && a[9]) /* set_tid[set_tid_size] */
		put(s, FOOTPRINT_READ, (uintptr_t)a[8], (size_t)a[9] * 4);
	if (result > 0)
		clone_writes(s, a[0], (uintptr_t)a[1], (uintptr_t)a[3],
			     (uintptr_t)a[2]);
	return 1;
}

/* struct user_msghdr offsets: the kernel's layout is libc's struct msghdr
 * (the kernel keeps user_msghdr out of its uapi headers). */
#define MSG_NAME offsetof(struct msghdr, msg_name)
#define MSG_NAMELEN offsetof(struct msghdr, msg_namelen)
#define MSG_IOV offsetof(struct msghdr, msg_iov)
#define MSG_IOVLEN offsetof(struct msghdr, msg_iovlen)
#define MSG_CONTROL offsetof(struct msghdr, msg_control)
#define MSG_CONTROLLEN offsetof(struct msghdr, msg_controllen)
#define MSG_FLAGS offsetof(struct msghdr, msg_flags)

struct msghdr_ {
	uint64_t name;
	int32_t namelen;
	int32_t pad;
	uint64_t iov, iovlen, control, controllen;
	int32_t flags;
	int32_t pad2;
};
_Static_assert(sizeof(struct msghdr_) == sizeof(struct msghdr) &&
		       offsetof(struct msghdr_, iov) == MSG_IOV &&
		       offsetof(struct msghdr_, iovlen) == MSG_IOVLEN &&
		       offsetof(struct msghdr_, control) == MSG_CONTROL &&
		       offsetof(struct msghdr_, flags) == MSG_FLAGS,
	       "struct msghdr_ is the kernel's user_msghdr");

/* The msghdr args[1] points at, which the kernel reads whole; 0 when it
 * cannot be read (the call fails with EFAULT, nothing further is read). */
static int read_msghdr(const struct footprint_state *st, const struct sink *s,
		       struct msghdr_ *m)
{
	uintptr_t p = (uintptr_t)st->args[1];
	put(s, FOOTPRINT_READ, p, sizeof *m);
	return read_exact(s->read, m, p, sizeof *m);
}

static int rule_sendmsg(const struct footprint_state *st, long result,
			const struct sink *s)
{
	struct msghdr_ m;
	if (!read_msghdr(st, s, &m))
		return 1;
	/* copy_msghdr_from_user clamps the name to a sockaddr_storage. */
	if (m.name && m.namelen > 0)
		put(s, FOOTPRINT_READ, (uintptr_t)m.name,
		    (size_t)(m.namelen > 128 ? 128 : m.namelen));
	emit_iovecs(s, (uintptr_t)m.iov, (long)m.iovlen,
		    result > 0 ? result : 0, FOOTPRINT_READ);
	if (m.control && m.controllen && m.controllen <= 0x7fffffff)
		put(s, FOOTPRINT_READ, (uintptr_t)m.control, (size_t)m.controllen);
	return 1;
}

static int rule_recvmsg(const struct footprint_state *st, long result,
			const struct sink *s)
{
	uintptr_t p = (uintptr_t)st->args[1];
	struct msghdr_ m;
	if (!read_msghdr(st, s, &m))
		return 1;
	emit_iovecs(s, (uintptr_t)m.iov, (long)m.iovlen,
		    result > 0 ? result : 0, FOOTPRINT_WRITE);
	if (is_error(result))
		return 1;
	/* ____sys_recvmsg: the address (min of the caller's and the real
	 * length) and its length, the control messages, the control length
	 * consumed and the flags. */
	if (m.name) {
		long in = st->in[1], out = m.namelen;
		long n = in < out ? in : out;
		if (n > 0)
			put(s, FOOTPRINT_WRITE, (uintptr_t)m.name, (size_t)n);
		put(s, FOOTPRINT_WRITE, p + MSG_NAMELEN, 4);
	}
	/* put_cmsg writes each header and its data, not the padding to the
	 * next one: walk what the kernel says it used. */
	uint64_t used = m.controllen;
	if ((long)used > st->in2[1])
		used = (uint64_t)st->in2[1];
	uint64_t off = 0;
	for (int k = 0; m.control && off + 16 <= used && k < 64; k++) {
		uint64_t len = 0;
		if (!read_exact(s->read, &len, (uintptr_t)(m.control + off), 8) ||
		    len < 16)
			break;
		put(s, FOOTPRINT_WRITE, (uintptr_t)(m.control + off),
		    (size_t)(len < used - off ? len : used - off));
		off += (len + 7) & ~7ULL;
	}
	put(s, FOOTPRINT_WRITE, p + MSG_CONTROLLEN, 8);
	put(s, FOOTPRINT_WRITE, p + MSG_FLAGS, 4);
	return 1;
}

static int rule_epoll_ctl(const struct footprint_state *st, long result,
			  const struct sink *s)
{
	/* ep_op_has_event(): every op but EPOLL_CTL_DEL reads the event,
	 * before the op itself is checked. */
	if ((int)st->args[1] != 2)
		put(s, FOOTPRINT_READ, (uintptr_t)st->args[3],
		    syscall_struct_size(STRUCT_EPOLL_EVENT));
	return 1;
}

static int rule_waitid(const struct footprint_state *st, long result,
		       const struct sink *s)
{
	uintptr_t info = (uintptr_t)st->args[2];
	uintptr_t ru = (uintptr_t)st->args[4];
	if (result == -EFAULT)
		return 1;
	/* kernel/exit.c: a reaped child's rusage, then siginfo's signo,
	 * errno, code (0..12), pid, uid, status (16..28), even when
	 * kernel_waitid failed. */
	if (result == 0 && ru) {
		int32_t pid = 0;
		if (!info || (read_exact(s->read, &pid, info + 16, 4) && pid))
			put(s, FOOTPRINT_WRITE, ru,
			    syscall_struct_size(STRUCT_RUSAGE));
	}
	put(s, FOOTPRINT_WRITE, info, 12);
	put(s, FOOTPRINT_WRITE, info ? info + 16 : 0, 12);
	return 1;
}

static int rule_rseq(const struct footprint_state *st, long result,
		     const struct sink *s)
{
	uintptr_t p = (uintptr_t)st->args[0];
	if ((unsigned long)st->args[2] > 1)
		return 0;
	/* Registration reads the area (its rseq_cs must be valid) and, on
	 * the way back to user space, stores cpu_id_start, cpu_id (0..8),
	 * node_id and mm_cid (24..32); unregistration resets those. */
	if (!st->args[2])
		put(s, FOOTPRINT_READ, p, 32);
	if (!is_error(result)) {
		put(s, FOOTPRINT_WRITE, p, 8);
		put(s, FOOTPRINT_WRITE, p + 24, 8);
	}
	return 1;
}

typedef int (*rule_fn)(const struct footprint_state *, long,
		       const struct sink *);

static const rule_fn rules[FP_RULE_COUNT] = {
	[FP_RULE_IOCTL] = rule_ioctl,
	[FP_RULE_FCNTL] = rule_fcntl,
	[FP_RULE_FUTEX] = rule_futex,
	[FP_RULE_PRCTL] = rule_prctl,
	[FP_RULE_ARCH_PRCTL] = rule_arch_prctl,
	[FP_RULE_CLONE] = rule_clone,
	[FP_RULE_CLONE3] = rule_clone3,
	[FP_RULE_SENDMSG] = rule_sendmsg,
	[FP_RULE_RECVMSG] = rule_recvmsg,
	[FP_RULE_EPOLL_CTL] = rule_epoll_ctl,
	[FP_RULE_WAITID] = rule_waitid,
	[FP_RULE_RSEQ] = rule_rseq,
};

/* ---------------- the table-driven part ---------------- */

static int row_known(const struct syscall_signature *sig)
{
	if (!sig || sig->fp == FP_UNKNOWN || sig->fp >= FP_RULE_COUNT)
		return 0;
	if (sig->fp != FP_TABLE)
		return rules[sig->fp] != 0;
	for (int i = 0; i < sig->nargs && i < 6; i++)
		if (syscall_arg_mem(&sig->args[i]) == MEM_UNKNOWN)
			return 0;
	return 1;
}

int footprint_known(long nr)
{
	return row_known(syscall_lookup(nr));
}

int footprint_begin(struct footprint_state *st, long nr, const long args[6],
		    footprint_read_fn rd)
{
	const struct syscall_signature *sig = syscall_lookup(nr);
	int strings = 0;
	st->nr = nr;
	for (int i = 0; i < 6; i++) {
		st->args[i] = args[i];
		st->in[i] = st->in2[i] = 0;
	}
	st->nsaved[0] = st->nsaved[1] = 0;
	st->known = row_known(sig);
	if (!st->known)
		return 0;
	if (sig->fp == FP_RULE_PRCTL && (int)args[0] == 15)
		st->in[1] = (long)cstring_extent(rd, (uintptr_t)args[1], 15);
	if (sig->fp == FP_RULE_RECVMSG) {
		/* In/out fields the kernel overwrites: keep the caller's. */
		struct msghdr_ m;
		if (read_exact(rd, &m, (uintptr_t)args[1], sizeof m)) {
			st->in[1] = m.namelen;
			st->in2[1] = (long)m.controllen;
		}
	}
	if (sig->fp != FP_TABLE)
		return 1;
	for (int i = 0; i < sig->nargs && i < 6; i++) {
		const struct syscall_arg *a = &sig->args[i];
		uintptr_t p = (uintptr_t)args[i];
		switch (syscall_arg_mem(a)) {
		case MEM_CSTRING_IN:
			st->in[i] = (long)cstring_extent(rd, p, PATH_MAX);
			break;
		case MEM_STR_ARRAY:
			if (strings < 2) {
				st->in[i] = measure_str_array(st, strings, rd, p);
				st->in2[i] = strings++;
			}
			break;
		case MEM_LEN_OUT: {
			int32_t len = -1;
			uintptr_t lp = (uintptr_t)arg_value(st, a->size_arg);
			if (!read_exact(rd, &len, lp, 4))
				len = -1;
			st->in[i] = len;
			break;
		}
		case MEM_TIMEOUT_INOUT: {
			uint64_t t[2] = {0, 0};
			st->in[i] = read_exact(rd, t, p, sizeof t) && (t[0] || t[1]);
			break;
		}
		default:
			break;
		}
	}
	return 1;
}

/* The bytes a call that returns how many it moved touched: its result,
 * never more than the buffer's size when the signature names one. */
static size_t result_extent(const struct syscall_arg *a, long size,
			    long result)
{
	return (size_t)(a->size_arg >= 0 &&
					(unsigned long)size < (unsigned long)result
				? size
				: result);
}

static void emit_arg(const struct footprint_state *st, int i,
		     const struct syscall_arg *a, long result,
		     const struct sink *s)
{
	uintptr_t p = (uintptr_t)st->args[i];
	long size = arg_value(st, a->size_arg);
	int ok = !is_error(result);
	size_t ssize = struct_size(a);
	switch (syscall_arg_mem(a)) {
	case MEM_CSTRING_IN:
		put(s, FOOTPRINT_READ, p, (size_t)st->in[i]);
		return;
	case MEM_BUF_IN:
		if (size > 0)
			put(s, FOOTPRINT_READ, p, (size_t)size);
		return;
	case MEM_BUF_IN_RESULT:
		if (result > 0)
			put(s, FOOTPRINT_READ, p, result_extent(a, size, result));
		return;
	case MEM_BUF_OUT_RESULT:
		if (result > 0)
			put(s, FOOTPRINT_WRITE, p, result_extent(a, size, result));
		return;
	case MEM_BUF_OUT:
		if (ok && size > 0)
			put(s, FOOTPRINT_WRITE, p, (size_t)size);
		return;
	case MEM_STRUCT_IN:
		put(s, FOOTPRINT_READ, p, ssize);
		return;
	case MEM_STRUCT_OUT:
		if (ok)
			put(s, FOOTPRINT_WRITE, p, ssize);
		return;
	case MEM_STRUCT_OUT_POS:
		if (result > 0)
			put(s, FOOTPRINT_WRITE, p, ssize);
		return;
	case MEM_STRUCT_OUT_EINTR:
		if (result == -EINTR)
			put(s, FOOTPRINT_WRITE, p, ssize);
		return;
	case MEM_STRUCT_INOUT:
	case MEM_STRUCT_INOUT_POS:
	case MEM_STRUCT_INOUT_ALWAYS: {
		unsigned m = syscall_arg_mem(a);
		put(s, FOOTPRINT_READ, p, ssize);
		if ((m == MEM_STRUCT_INOUT && ok) ||
		    (m == MEM_STRUCT_INOUT_POS && result > 0) ||
		    (m == MEM_STRUCT_INOUT_ALWAYS && result != -EFAULT))
			put(s, FOOTPRINT_WRITE, p, ssize);
		return;
	}
	case MEM_TIMEOUT_INOUT:
		/* poll_select_finish() stores the time left whatever the
		 * result, unless the timeout was zero. */
		put(s, FOOTPRINT_READ, p, ssize);
		if (st->in[i] && result != -EFAULT && result != -EINVAL)
			put(s, FOOTPRINT_WRITE, p, ssize);
		return;
	case MEM_ARRAY_IN:
		if (size > 0)
			put(s, FOOTPRINT_READ, p, (size_t)size * ssize);
		return;
	case MEM_ARRAY_OUT_RESULT:
		if (result > 0) {
			long n = a->size_arg >= 0 && size < result ? size : result;
			if (n > 0)
				put(s, FOOTPRINT_WRITE, p, (size_t)n * ssize);
		}
		return;
	case MEM_IOVEC_IN_RESULT:
		emit_iovecs(s, p, (int)size, result > 0 ? result : 0,
			    FOOTPRINT_READ);
		return;
	case MEM_IOVEC_OUT_RESULT:
		emit_iovecs(s, p, (int)size, result > 0 ? result : 0,
			    FOOTPRINT_WRITE);
		return;
	case MEM_STR_ARRAY:
		emit_str_array(st, (int)st->in2[i], st->in[i], s, p);
		return;
	case MEM_LEN_OUT: {
		/* move_addr_to_user(): min(caller's length, real length)
		 * bytes, then the real length; nothing for a NULL address. */
		uintptr_t lp = (uintptr_t)size;
		if (!p || !lp)
			return;
		put(s, FOOTPRINT_READ, lp, 4);
		if (!ok)
			return;
		int32_t out = 0;
		if (!read_exact(s->read, &out, lp, 4))
			return;
		long n = st->in[i] < out ? st->in[i] : out;
		if (n > 0)
			put(s, FOOTPRINT_WRITE, p, (size_t)n);
		put(s, FOOTPRINT_WRITE, lp, 4);
		return;
	}
	case MEM_FDSET_INOUT: {
		/* FDS_BYTES(n): whole longs. (The kernel clamps n to its fd
		 * table size first; callers pass at most that.) */
		long n = (int)size;
		if (n <= 0)
			return;
		size_t bytes = (size_t)((n + 63) / 64) * 8;
		put(s, FOOTPRINT_READ, p, bytes);
		if (ok)
			put(s, FOOTPRINT_WRITE, p, bytes);
		return;
	}
	case MEM_POLLFDS: {
		unsigned long n = (unsigned)size;
		if (!n || !p)
			return;
		put(s, FOOTPRINT_READ, p, n * 8);
		/* do_sys_poll() stores every revents, whatever do_poll()
		 * returned, once the array was read. */
		if (result == -EFAULT || result == -EINVAL || result == -ENOMEM)
			return;
		for (unsigned long j = 0; j < n; j++)
			put(s, FOOTPRINT_WRITE, p + j * 8 + 6, 2);
		return;
	}
	case MEM_SIGSET_ARGPACK: {
		uint64_t pack[2];
		put(s, FOOTPRINT_READ, p, ssize);
		if (read_exact(s->read, pack, p, sizeof pack) && pack[0])
			put(s, FOOTPRINT_READ, (uintptr_t)pack[0], (size_t)pack[1]);
		return;
	}
	default:
		return;
	}
}

int footprint_end(const struct footprint_state *st, long result,
		  footprint_read_fn rd, footprint_emit_fn emit, void *ctx)
{
	const struct syscall_signature *sig = syscall_lookup(st->nr);
	struct sink s = {rd, emit, ctx};
	if (!st->known || !sig)
		return 0;
	if (sig->fp != FP_TABLE) {
		/* Rules decide before emitting anything whether they know
		 * the command, so "unknown" never follows extents. */
		return rules[sig->fp](st, result, &s);
	}
	for (int i = 0; i < sig->nargs && i < 6; i++)
		emit_arg(st, i, &sig->args[i], result, &s);
	return 1;
}

/* ---------------- text ---------------- */

static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static char *put_hex16(char *p, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	*p++ = '0';
	*p++ = 'x';
	for (int shift = 60; shift >= 0; shift -= 4)
		*p++ = digits[(v >> shift) & 15];
	return p;
}

static size_t name_len(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t footprint_format_extent(char *buf, size_t cap, int dir, uintptr_t base,
			       size_t n, const char *name)
{
	/* "footprint: write base=" + 18 + " n=" + 18 + " syscall=" + name + \n */
	if (cap < 80 + name_len(name))
		return 0;
	char *p = put_str(buf, dir == FOOTPRINT_WRITE ? "footprint: write base="
						      : "footprint: read base=");
	p = put_hex16(p, base);
	p = put_str(p, " n=");
	p = put_hex16(p, n);
	p = put_str(p, " syscall=");
	p = put_str(p, name);
	*p++ = '\n';
	*p = 0;
	return (size_t)(p - buf);
}

size_t footprint_format_unknown(char *buf, size_t cap, const char *name)
{
	if (cap < 40 + name_len(name))
		return 0;
	char *p = put_str(buf, "footprint: unknown syscall=");
	p = put_str(p, name);
	*p++ = '\n';
	*p = 0;
	return (size_t)(p - buf);
}
