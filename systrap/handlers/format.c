/* format: drives the decoders from the syscall table and adds strace's
 * framing: "name(", argument separators, ")", the padding before " = " and
 * the result text.
 *
 * Entry/exit split (what strace prints before the call runs): arguments are
 * printed in order until the first one the kernel writes (an output
 * buffer, struct, sigset ...); if that happens, entry ends with ", " and
 * exit prints the rest. A few calls (clone, ioctl, fcntl, futex, prctl,
 * arch_prctl) decide per command, as strace does, in their own decoders.
 *
 * The library's files: this one (the framing, fds), arg_printer.c (one
 * argument by its kind), call_decoders.c (the per-command calls),
 * struct_decoders.c (structs and arrays), string_quote.c (strings),
 * siginfo_format.c (delivered signals), errno_names.c.
 */
#include "systrap/arch/arch_prctl.h"
#include "systrap/arch/context.h"
#include "systrap/handlers/format.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/errno_names.h"
#include "systrap/handlers/pidns.h"
#include "systrap/handlers/socket_details.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/value_tables.h"

#define FD_PATH_BYTES 512

void format_options_init(struct format_options *opts)
{
	text_memset(opts, 0, sizeof(*opts));
	opts->string_limit = 32;
	opts->result_column = 40;
}

const char *format_errno_name(long err)
{
	return errno_name(err);
}

static size_t put_decimal(char *out, size_t n, unsigned v)
{
	char digits[12];
	int nd = 0;
	do {
		digits[nd++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (nd)
		out[n++] = digits[--nd];
	return n;
}

/* out = "/proc/PID/" (pid 0: "self/") + what + fd's digits; out holds
 * 64 bytes. */
static void proc_fd_name(char *out, long pid, const char *what, int fd)
{
	static const char proc[] = "/proc/", self[] = "self/";
	size_t n = 0;
	for (size_t i = 0; proc[i]; i++)
		out[n++] = proc[i];
	if (pid > 0) {
		n = put_decimal(out, n, (unsigned)pid);
		out[n++] = '/';
	} else {
		for (size_t i = 0; self[i]; i++)
			out[n++] = self[i];
	}
	for (size_t i = 0; what[i]; i++)
		out[n++] = what[i];
	n = put_decimal(out, n, (unsigned)fd);
	out[n] = 0;
}

long format_fd_path_proc(int fd, char *buf, size_t cap)
{
	char link[64];
	if (fd == AT_FDCWD) {
		long r = raw_readlinkat(AT_FDCWD, "/proc/self/cwd", buf, cap);
		return r < 0 || (size_t)r >= cap ? -1 : r;
	}
	if (fd < 0)
		return -1;
	proc_fd_name(link, 0, "fd/", fd);
	long r = raw_readlinkat(AT_FDCWD, link, buf, cap);
	if (r < 0 || (size_t)r >= cap)
		return -1;
	return r;
}

long format_fd_path(const struct format_options *opts, int fd, char *buf,
		    size_t cap)
{
	if (opts->confined)
		return -1;
	return (opts->fd_path ? opts->fd_path : format_fd_path_proc)(fd, buf,
								      cap);
}

long format_fd_path_unknown(int fd, char *buf, size_t cap)
{
	(void)fd;
	(void)buf;
	(void)cap;
	return -1;
}

void print_fd(const struct decode_context *ctx, long fd)
{
	int ifd = (int)fd;
	tb_dec(ctx->tb, ifd);
	if (ifd >= 0)
		print_fd_path(ctx, ifd);
}

static void print_bracketed(const struct decode_context *ctx, const char *s,
			    size_t n)
{
	tb_char(ctx->tb, '<');
	print_fd_path_text(ctx, s, n);
	tb_char(ctx->tb, '>');
}

/* A device's path with its number: "</dev/null<char 1:3>>" (strace stats
 * the path, as here). 0 when the path is no device. */
static int print_fd_dev(const struct decode_context *ctx, const char *path,
			size_t n)
{
	struct text_buffer *tb = ctx->tb;
	struct stat st;
	if (path[0] != '/' || raw_newfstatat(AT_FDCWD, path, &st, 0) < 0)
		return 0;
	unsigned type = st.st_mode & S_IFMT;
	if (type != S_IFBLK && type != S_IFCHR)
		return 0;
	tb_char(tb, '<');
	print_fd_path_text(ctx, path, n);
	tb_str(tb, type == S_IFBLK ? "<block " : "<char ");
	/* glibc's major()/minor() of the kernel's 64-bit dev_t. */
	uint64_t dev = st.st_rdev;
	tb_udec(tb, (unsigned)(((dev >> 32) & 0xfffff000u) |
			       ((dev >> 8) & 0xfffu)));
	tb_char(tb, ':');
	tb_udec(tb, (unsigned)(((dev >> 12) & 0xffffff00u) | (dev & 0xffu)));
	tb_str(tb, ">>");
	return 1;
}

/* The process a pidfd of process `pid` (0: ours) refers to, from its
 * fdinfo's "Pid:" line (strace's pidfd_get_pid); -1 when none. */
static long pidfd_pid(long pid, int fd)
{
	char name[64];
	proc_fd_name(name, pid, "fdinfo/", fd);
	char info[512];
	long got = -1;
	long ifd = raw_openat(AT_FDCWD, name, O_RDONLY | O_CLOEXEC, 0);
	if (ifd >= 0) {
		got = raw_read((int)ifd, info, sizeof info - 1);
		raw_close((int)ifd);
	}
	long found = -1;
	for (long i = 0; got > 0 && i + 5 < got; i++) {
		if ((i && info[i - 1] != '\n') || info[i] != 'P' ||
		    info[i + 1] != 'i' || info[i + 2] != 'd' ||
		    info[i + 3] != ':' || info[i + 4] != '\t')
			continue;
		long j = i + 5;
		if (j < got && info[j] >= '0' && info[j] <= '9')
			found = 0;
		for (; j < got && info[j] >= '0' && info[j] <= '9'; j++)
			found = found * 10 + (info[j] - '0');
		break;
	}
	return found;
}

/* strace's getfdpath_pid: a path the kernel ended with " (deleted)" loses
 * it when the descriptor's file is not (or no longer) the one the path
 * names; returns whether it did. */
static int strip_deleted(long pid, int fd, char *path, long *n)
{
	static const char sfx[] = " (deleted)";
	long len = (long)sizeof sfx - 1;
	if (*n <= len)
		return 0;
	for (long i = 0; i < len; i++)
		if (path[*n - len + i] != sfx[i])
			return 0;
	char link[64];
	proc_fd_name(link, pid, "fd/", fd);
	struct stat of_fd, of_path;
	if (raw_newfstatat(AT_FDCWD, link, &of_fd, 0) < 0)
		return 0;
	if (raw_newfstatat(AT_FDCWD, path, &of_path, AT_SYMLINK_NOFOLLOW) == 0 &&
	    of_fd.st_ino == of_path.st_ino && of_fd.st_dev == of_path.st_dev)
		return 0;
	*n -= len;
	path[*n] = 0;
	return 1;
}

/* What -yy found of socket inode beyond its protocol, after "PROTO:"
 * ("[127.0.0.1:5000->127.0.0.1:80]", "[1234->1235,"/run/x.sock"]"), into
 * ctx's buffer: 1, or 0 where nothing was found. strace's
 * unix_parse_response for a unix socket: an abstract name '@' then quoted
 * to its first NUL. */
static int print_socket_details(const struct decode_context *ctx, long pid,
				int fd, const char *proto, unsigned long inode)
{
	struct text_buffer *tb = ctx->tb;
	char details[128];
	struct unix_details u;
	if (socket_inet_details(pid, proto, inode, details, sizeof details)) {
		tb_char(tb, '[');
		tb_str(tb, details);
		tb_char(tb, ']');
		return 1;
	}
	/* strace's netlink_parse_response: "[ROUTE:1234]", the protocol's
	 * name without NETLINK_. */
	unsigned protocol, portid;
	if (text_streq(proto, "NETLINK") &&
	    socket_netlink_details(pid, inode, &protocol, &portid)) {
		const char *name = value_table_name(
			value_table_get(VT_NETLINK_PROTOCOL), protocol);
		static const char strip[] = "NETLINK_";
		int prefixed = name != 0;
		for (size_t i = 0; prefixed && i + 1 < sizeof strip; i++)
			prefixed = name[i] == strip[i];
		tb_char(tb, '[');
		if (name) {
			tb_str(tb, prefixed ? name + sizeof strip - 1 : name);
			tb_char(tb, ':');
			tb_udec(tb, portid);
		} else {
			tb_udec(tb, protocol);
		}
		tb_char(tb, ']');
		return 1;
	}
	/* A unix socket with neither peer nor name is one strace found
	 * nothing of (and so keeps nothing of). */
	if (pid > 0 ||
	    !(text_streq(proto, "UNIX") || text_streq(proto, "UNIX-STREAM")) ||
	    !socket_unix_details(inode, &u) || (!u.peer && !u.path_len))
		return 0;
	tb_char(tb, '[');
	tb_udec(tb, inode);
	if (u.peer) {
		tb_str(tb, "->");
		tb_udec(tb, u.peer);
	}
	if (u.path_len) {
		int abstract = !u.path[0];
		tb_char(tb, ',');
		if (abstract)
			tb_char(tb, '@');
		print_quoted_local(ctx, (const unsigned char *)u.path + abstract,
				   u.path_len - (size_t)abstract, 1);
	}
	tb_char(tb, ']');
	return 1;
}

/* The protocols strace 6.1 looks sockets up by (its socketutils.c),
 * by the names the kernel gives them: any other (PACKET, UDP-Lite,
 * AF_VSOCK, XDP ...) prints as its "socket:[INODE]" path. */
static int strace_knows_socket_protocol(const char *proto)
{
	static const char *const known[] = {
		"UNIX", "UNIX-STREAM", "TCP", "UDP", "UDPLITE", "DCCP",
		"SCTP", "L2TP/IP", "PING", "RAW", "TCPv6", "UDPv6",
		"UDPLITEv6", "DCCPv6", "SCTPv6", "L2TP/IPv6", "PINGv6",
		"RAWv6", "NETLINK",
	};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (text_streq(proto, known[i]))
			return 1;
	return 0;
}

/* A socket under -yy, as strace's print_sockaddr_by_inode: what strace
 * found of it before (its per-inode cache, socket_details.h: kept as found,
 * as strace keeps it, though the socket has since been bound or connected),
 * else the name the kernel gives its protocol (getxattr's
 * system.sockprotoname, as strace's getfdproto reads it) and its endpoints
 * ("TCP:[127.0.0.1:5000->127.0.0.1:80]") or unix peer and name
 * ("UNIX-STREAM:[1234->1235,"/run/x.sock"]"), remembered; else its inode
 * ("UNIX-STREAM:[1234]", what strace prints where its sock_diag query finds
 * nothing more: a socket neither bound nor connected); "socket:[INODE]"
 * where the kernel names no protocol strace looks up. */
static void print_socket(const struct decode_context *ctx, long pid, int fd,
			 const char *path, size_t n)
{
	static const char prefix[] = "socket:";
	unsigned long inode = 0;
	for (const char *d = path + sizeof prefix; *d >= '0' && *d <= '9'; d++)
		inode = inode * 10 + (unsigned long)(*d - '0');
	struct text_buffer *tb = ctx->tb;
	char text[SOCKET_DETAILS_TEXT];
	size_t k = socket_details_cached(inode, text, sizeof text);
	if (k) {
		tb_char(tb, '<');
		tb_mem(tb, text, k);
		tb_char(tb, '>');
		return;
	}
	char link[64], proto[32];
	proc_fd_name(link, pid, "fd/", fd);
	long got = raw_getxattr(link, "system.sockprotoname", proto,
				sizeof proto - 1);
	while (got > 0 && !proto[got - 1])
		got--;
	for (long i = 0; i < got; i++)
		if (proto[i] <= ' ' || proto[i] > '~' || proto[i] == '<' ||
		    proto[i] == '>')
			got = 0;
	if (got > 0)
		proto[got] = 0;
	if (got <= 0 || !strace_knows_socket_protocol(proto)) {
		print_bracketed(ctx, path, n);
		return;
	}
	/* Formatted aside first, to be remembered whole. */
	struct text_buffer aside;
	tb_init(&aside, text, sizeof text);
	aside.style = tb->style;
	struct decode_context in_aside = *ctx;
	in_aside.tb = &aside;
	tb_str(&aside, proto);
	tb_char(&aside, ':');
	if (!print_socket_details(&in_aside, pid, fd, proto, inode)) {
		tb_char(tb, '<');
		tb_str(tb, proto);
		tb_char(tb, ':');
		tb_str(tb, path + sizeof prefix - 1);
		tb_char(tb, '>');
		return;
	}
	tb_char(tb, '<');
	if (aside.len < sizeof text) {
		k = tb_finish(&aside);
		socket_details_remember(inode, text, k);
		tb_mem(tb, text, k);
	} else {
		tb_str(tb, proto);
		tb_char(tb, ':');
		print_socket_details(ctx, pid, fd, proto, inode);
	}
	tb_char(tb, '>');
}

/* strace 6.1's printfd_pid for descriptor fd of process pid (0: ours):
 * the first of a socket, a device, a pidfd that the set asks for and the
 * descriptor is, else its path when asked. */
static void print_fd_of(const struct decode_context *ctx, long pid, int ifd)
{
	unsigned set = ctx->opts->decode_fds;
	if (!set || ctx->opts->confined)
		return;
	char path[FD_PATH_BYTES];
	long n;
	if (pid > 0) {
		char link[64];
		proc_fd_name(link, pid, "fd/", ifd);
		n = raw_readlinkat(AT_FDCWD, link, path, sizeof(path) - 1);
	} else {
		n = format_fd_path(ctx->opts, ifd, path, sizeof(path) - 1);
	}
	if (n < 0 || (size_t)n >= sizeof(path) - 1)
		return;
	path[n] = 0;
	int deleted = ifd >= 0 && strip_deleted(pid, ifd, path, &n);
	struct text_buffer *tb = ctx->tb;
	static const char socket_prefix[] = "socket:[";
	static const char pidfd_path[] = "anon_inode:[pidfd]";
	int is_socket = 1;
	for (size_t i = 0; i + 1 < sizeof socket_prefix; i++)
		if (path[i] != socket_prefix[i])
			is_socket = 0;
	if ((set & FORMAT_FD_SOCKET) && is_socket) {
		print_socket(ctx, pid, ifd, path, (size_t)n);
		return;
	}
	if ((set & FORMAT_FD_DEV) && print_fd_dev(ctx, path, (size_t)n))
		return;
	if ((set & FORMAT_FD_PIDFD) && text_streq(path, pidfd_path)) {
		long of = pidfd_pid(pid, ifd);
		if (of > 0) {
			tb_str(tb, "<pid:");
			tb_dec(tb, of);
			tb_char(tb, '>');
		} else {
			print_bracketed(ctx, path, (size_t)n);
		}
		return;
	}
	if (set & FORMAT_FD_PATH) {
		print_bracketed(ctx, path, (size_t)n);
		if (deleted)
			tb_str(tb, "(deleted)");
	}
}

void print_fd_path(const struct decode_context *ctx, int ifd)
{
	print_fd_of(ctx, 0, ifd);
}

void print_fd_in_process(const struct decode_context *ctx, long pid, long fd)
{
	tb_dec(ctx->tb, (int)fd);
	if ((int)pid > 0 && (int)fd >= 0)
		print_fd_of(ctx, (int)pid, (int)fd);
}

void print_pidfd_target_fd(const struct decode_context *ctx, long pidfd,
			   long fd)
{
	tb_dec(ctx->tb, (int)fd);
	if (!ctx->opts->decode_fds || (int)pidfd < 0 || (int)fd < 0)
		return;
	long pid = pidfd_pid(0, (int)pidfd);
	if (pid > 0)
		print_fd_of(ctx, pid, (int)fd);
}

/* open's mode, mremap's new address: only when another argument says. */
static int arg_present(const struct decode_context *ctx,
		       const struct syscall_signature *sig, int i)
{
	const struct syscall_arg *a = &sig->args[i];
	return a->size_arg < 0 ||
	       syscall_arg_present(a, (unsigned long)ctx->args[(int)a->size_arg]);
}

/* accept's, accept4's, getsockname's address and its length (arguments i
 * and i + 1) printed at entry, as strace's decode_sockname prints them when
 * it has no length to fetch (a NULL address or length pointer, one it
 * cannot read, -e verbose= off): as addresses ("accept(3, NULL, NULL"),
 * nothing left for the exit. */
static int sockname_at_entry(const struct decode_context *ctx,
			     const struct syscall_signature *sig, int i)
{
	int32_t len;
	if (i != 1 || i + 1 >= sig->nargs ||
	    sig->args[i].kind != ARG_SOCKADDR_OUT ||
	    sig->args[i + 1].kind != ARG_SOCKLEN_PTR)
		return 0;
	return !ctx_verbose(ctx) || !ctx->args[i] || !ctx->args[i + 1] ||
	       !read_exact(ctx, &len, (uintptr_t)ctx->args[i + 1], sizeof len);
}

static int first_exit_arg(const struct decode_context *ctx,
			  const struct syscall_signature *sig)
{
	for (int i = 0; i < sig->nargs; i++) {
		if (sockname_at_entry(ctx, sig, i)) {
			i++;
			continue;
		}
		if (is_exit_kind(sig->args[i].kind))
			return i;
		/* What syslog's READ actions read, at the exit. */
		if (sig->args[i].kind == ARG_SYSLOG_BUF &&
		    syscall_syslog_reads((int)ctx->args[0]))
			return i;
	}
	return sig->nargs;
}

static void print_unknown_name(struct text_buffer *tb, long nr)
{
	tb_str(tb, "syscall_");
	tb_hex(tb, (unsigned long)nr);
}

/* Keeps the input half of value-result arguments for the exit. */
static void save_inputs(struct decode_context *ctx,
			const struct syscall_signature *sig)
{
	struct format_saved *sv = ctx->opts->saved;
	if (!sv)
		return;
	sv->mask = 0; /* nothing kept from an earlier call */
	if (!ctx->rd)
		return;
	if (sig->decoder == DECODE_BPF)
		save_bpf_inputs(ctx, sv);
	if (sig->decoder == DECODE_PERF_EVENT_OPEN)
		save_perf_event_inputs(ctx, sv);
	for (int i = 0; i < sig->nargs && i < 6; i++) {
		int32_t v;
		if (sig->args[i].kind == ARG_SOCKLEN_PTR && ctx->args[i] &&
		    read_exact(ctx, &v, (uintptr_t)ctx->args[i], sizeof v)) {
			sv->value[i] = v;
			sv->mask |= 1u << i;
		}
		/* recvmsg: msg_namelen as the program set it ("N => M"). */
		if (sig->args[i].kind == ARG_MSGHDR_OUT &&
		    msghdr_namelen(ctx, (uintptr_t)ctx->args[i], &v)) {
			sv->value[i] = v;
			sv->mask |= 1u << i;
		}
	}
}

static void format_entry(struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	const struct syscall_signature *sig = syscall_lookup(ctx->nr);
	ctx->exiting = 0;
	if (!sig) {
		print_unknown_name(tb, ctx->nr);
		tb_char(tb, '(');
		for (int i = 0; i < 6; i++) {
			if (i)
				tb_str(tb, ", ");
			tb_hex(tb, (unsigned long)ctx->args[i]);
		}
		return;
	}
	tb_str(tb, sig->name);
	tb_char(tb, '(');
	save_inputs(ctx, sig);
	switch (sig->decoder) {
	case DECODE_CLONE:
		decode_clone(ctx);
		return;
	case DECODE_CLONE3:
		decode_clone3(ctx);
		return;
	case DECODE_IOCTL:
		decode_ioctl(ctx);
		return;
	case DECODE_FCNTL:
		decode_fcntl(ctx);
		return;
	case DECODE_FUTEX:
		decode_futex(ctx);
		return;
	case DECODE_PRCTL:
		decode_prctl(ctx);
		return;
	case DECODE_ARCH_PRCTL:
		decode_arch_prctl(ctx);
		return;
	case DECODE_KCMP:
		decode_kcmp(ctx);
		return;
	case DECODE_IPC_CTL:
		decode_ipc_ctl(ctx);
		return;
	case DECODE_QUOTACTL:
		decode_quotactl(ctx);
		return;
	case DECODE_PTRACE:
		decode_ptrace(ctx);
		return;
	case DECODE_SECCOMP:
		decode_seccomp(ctx);
		return;
	case DECODE_KEYCTL:
		decode_keyctl(ctx);
		return;
	case DECODE_BPF:
		decode_bpf(ctx);
		return;
	case DECODE_IO_URING_REGISTER:
		decode_io_uring_register(ctx);
		return;
	case DECODE_PERF_EVENT_OPEN:
		decode_perf_event_open(ctx);
		return;
	default:
		break;
	}
	if (ctx->nr == SYS_rt_sigreturn) {
		decode_rt_sigreturn(ctx);
		return;
	}
	int stop = first_exit_arg(ctx, sig);
	for (int i = 0; i < stop; i++) {
		if (!arg_present(ctx, sig, i))
			continue;
		if (i)
			tb_str(tb, ", ");
		if (sockname_at_entry(ctx, sig, i)) {
			tb_ptr(tb, (uintptr_t)ctx->args[i]);
			tb_str(tb, ", ");
			tb_ptr(tb, (uintptr_t)ctx->args[++i]);
			continue;
		}
		print_arg(ctx, sig, i);
	}
	if (stop < sig->nargs && stop > 0)
		tb_str(tb, ", ");
	/* An in/out argument's input half (sendfile's offset): its exit
	 * half adds what the kernel made of it. */
	if (stop < sig->nargs && is_inout_kind(sig->args[stop].kind))
		print_arg(ctx, sig, stop);
}

/* What strace adds after the count of a RET_READY call (poll, ppoll, select,
 * pselect6): "(Timeout)", or the ready descriptors and the time left. Its
 * row says which: an ARG_POLLFDS array in argument 0, or the three
 * ARG_FDSET_INOUT sets in 1..3; the time left is its MEM_TIMEOUT_INOUT
 * argument, if it has one. */
static int print_ready(struct decode_context *ctx,
		       const struct syscall_signature *sig)
{
	struct text_buffer *tb = ctx->tb;
	const long *a = ctx->args;
	long r = ctx->result;
	if (sig->ret_kind != RET_READY)
		return 0;
	int is_poll = sig->args[0].kind == ARG_POLLFDS;
	int timeout_arg = -1;
	for (int i = 0; i < sig->nargs; i++)
		if (sig->args[i].mem == MEM_TIMEOUT_INOUT)
			timeout_arg = i;
	tb_dec(tb, r);
	if (r == 0) {
		tb_str(tb, " (Timeout)");
		return 1;
	}
	tb_str(tb, " (");
	int shown = 0;
	if (is_poll) {
		print_poll_revents(ctx, (uintptr_t)a[0], (unsigned)a[1]);
		shown = 1;
	} else {
		static const char *const names[] = {"in", "out", "except"};
		for (int k = 0; k < 3; k++) {
			/* nfds is an int: the register's high half is not it. */
			if (!fdset_has_any(ctx, (uintptr_t)a[1 + k], (int)a[0]))
				continue;
			if (shown++)
				tb_str(tb, ", ");
			tb_str(tb, names[k]);
			tb_char(tb, ' ');
			print_fdset(ctx, (uintptr_t)a[1 + k], (int)a[0], 1);
		}
	}
	if (timeout_arg >= 0 && a[timeout_arg]) {
		/* After the sets, if any showed (strace: "(left {...})"). */
		tb_str(tb, shown ? ", left " : "left ");
		print_struct(ctx, sig->args[timeout_arg].type,
			     (uintptr_t)a[timeout_arg]);
	}
	tb_char(tb, ')');
	return 1;
}

/* A signal number as a result (F_GETSIG, RET_SIGNAL): the number, then
 * its name as strace's auxstr, under -X raw too, where it has one. */
static void print_signal_result(struct text_buffer *tb, long r)
{
	tb_dec(tb, r);
	if ((r > 0 && value_table_name(value_table_get(VT_SIGNAL),
				       (unsigned long)r)) ||
	    (r >= 32 && r <= 64)) {
		tb_str(tb, " (");
		int style = tb->style;
		tb->style = CONST_STYLE_ABBREV;
		print_signal(tb, r);
		tb->style = style;
		tb_char(tb, ')');
	}
}

static void print_result(struct decode_context *ctx,
			 const struct syscall_signature *sig)
{
	struct text_buffer *tb = ctx->tb;
	long r = ctx->result;
	if (sig && sig->ret_kind == RET_NONE) {
		tb_char(tb, '?');
		return;
	}
	if (is_error_result(r) && !ctx->opts->result_is_value) {
		long err = -r;
		const char *restart = errno_restart_message(err);
		const char *name = errno_name(err);
		if (restart) {
			tb_str(tb, "? ");
			tb_str(tb, name);
			tb_str(tb, " (");
			tb_str(tb, restart);
			tb_char(tb, ')');
			return;
		}
		/* strace: a number it has no name for is "(errno N)". */
		if (!name) {
			tb_str(tb, "-1 (errno ");
			tb_udec(tb, (unsigned long)err);
			tb_char(tb, ')');
			return;
		}
		tb_str(tb, "-1 ");
		tb_str(tb, name);
		tb_str(tb, " (");
		const char *msg = errno_message(err);
		if (msg) {
			tb_str(tb, msg);
		} else {
			tb_str(tb, "Unknown error ");
			tb_udec(tb, (unsigned long)err);
		}
		tb_char(tb, ')');
		return;
	}
	if (!sig) {
		tb_dec(tb, r);
		return;
	}
	if (ctx->exiting && print_ready(ctx, sig))
		return;
	if (sig->decoder == DECODE_PRCTL && print_prctl_result(ctx))
		return;
	if (sig->decoder == DECODE_IOCTL && print_ioctl_result(ctx))
		return;
	if (sig->decoder == DECODE_BPF && print_bpf_result(ctx))
		return;
	if (print_admin_result(ctx, sig->ret_kind))
		return;
	if (sig->decoder == DECODE_FCNTL) {
		long cmd = (int)ctx->args[1];
		if ((cmd == F_GETFD || cmd == F_GET_SEALS) && r != 0) {
			int fd = cmd == F_GETFD;
			tb_hex(tb, (unsigned long)r);
			tb_str(tb, fd ? " (flags " : " (seals ");
			print_flags(tb, value_table_get(fd ? VT_FD_FLAGS
							   : VT_F_SEALS),
				    (unsigned long)r);
			tb_char(tb, ')');
			return;
		}
		if (cmd == F_GETFL) {
			tb_hex(tb, (unsigned long)r);
			tb_str(tb, " (flags ");
			/* strace's auxstr for F_GETFL names the flags
			 * whatever -X says (F_GETFD's follows -X). */
			int style = tb->style;
			tb->style = CONST_STYLE_ABBREV;
			print_open_flags(tb, (unsigned long)r);
			tb->style = style;
			tb_char(tb, ')');
			return;
		}
		if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) {
			print_fd(ctx, r);
			return;
		}
		if (cmd == F_GETSIG) {
			print_signal_result(tb, r);
			return;
		}
		if (cmd == F_GETLEASE) {
			/* RVAL_HEX, and the lease's name as its auxstr. */
			tb_hex(tb, (unsigned long)r);
			if (lock_type_name(r)) {
				tb_str(tb, " (");
				tb_str(tb, lock_type_name(r));
				tb_char(tb, ')');
			}
			return;
		}
		if (cmd == F_GETOWN) { /* strace's RVAL_PGID when negative */
			print_pid(ctx, r, r < 0 ? PIDNS_PGID : PIDNS_TGID);
			return;
		}
		tb_dec(tb, r);
		return;
	}
#if ARCH_HAS_ARCH_PRCTL
	if (sig->decoder == DECODE_ARCH_PRCTL && r > 0 &&
	    arch_prctl_kind((int)ctx->args[0]) == ARCH_PRCTL_REQ_XFEATURE) {
		/* ARCH_REQ_XCOMP_(GUEST_)PERM: the features, when any has a
		 * name, as flags. */
		const struct value_table *t = value_table_get(VT_XFEATURE_MASKS);
		tb_hex(tb, (unsigned long)r);
		/* The names are an aside (strace's auxstr): none under -X raw,
		 * no comment under verbose. */
		if (tb->style != CONST_STYLE_RAW &&
		    value_table_any_flag(t, (unsigned long)r)) {
			int printed = 0;
			tb_str(tb, " (");
			uint64_t left = print_flag_names(tb, t, (unsigned long)r,
							 &printed);
			if (left) {
				tb_char(tb, '|');
				tb_hex(tb, left);
			}
			tb_char(tb, ')');
		}
		return;
	}
#endif
	switch (sig->ret_kind) {
	case RET_HEX:
		tb_hex(tb, (unsigned long)r);
		return;
	case RET_OCT: /* strace's %#03lo */
		print_mode_octal(tb, (unsigned long)r);
		return;
	case RET_FD:
		print_fd(ctx, r);
		return;
	case RET_ULONG:
		tb_udec(tb, (unsigned long)r);
		return;
	case RET_PID_TID:
	case RET_PID_TGID:
	case RET_PID_PGID:
	case RET_PID_SID:
		print_pid(ctx, r, PIDNS_TID + (sig->ret_kind - RET_PID_TID));
		return;
	case RET_SIGNAL:
		print_signal_result(tb, r);
		return;
	case RET_TIME: /* strace's auxstr: under -X raw too */
		tb_dec(tb, r);
		if (print_date(tb, " (", r, 0, 0))
			tb_char(tb, ')');
		return;
	case RET_SCHED_POLICY: { /* strace's auxstr: under -X raw too */
		const char *name = value_table_name(
			value_table_get(VT_SCHED_POLICY), (unsigned long)r);
		tb_dec(tb, r);
		if (name) {
			tb_str(tb, " (");
			tb_str(tb, name);
			tb_char(tb, ')');
		}
		return;
	}
	default:
		tb_dec(tb, r);
		return;
	}
}

static void format_exit(struct decode_context *ctx, size_t column)
{
	struct text_buffer *tb = ctx->tb;
	const struct syscall_signature *sig = syscall_lookup(ctx->nr);
	ctx->exiting = 1;
	if (sig) {
		switch (sig->decoder) {
		case DECODE_CLONE:
			decode_clone(ctx);
			break;
		case DECODE_CLONE3:
			decode_clone3(ctx);
			break;
		case DECODE_IOCTL:
			decode_ioctl(ctx);
			break;
		case DECODE_FCNTL:
			decode_fcntl(ctx);
			break;
		case DECODE_FUTEX:
			decode_futex(ctx);
			break;
		case DECODE_PRCTL:
			decode_prctl(ctx);
			break;
		case DECODE_ARCH_PRCTL:
			decode_arch_prctl(ctx);
			break;
		case DECODE_KCMP: /* all printed at entry */
			break;
		case DECODE_IPC_CTL:
			decode_ipc_ctl(ctx);
			break;
		case DECODE_QUOTACTL:
			decode_quotactl(ctx);
			break;
		case DECODE_PTRACE:
			decode_ptrace(ctx);
			break;
		case DECODE_SECCOMP:
			decode_seccomp(ctx);
			break;
		case DECODE_KEYCTL:
			decode_keyctl(ctx);
			break;
		case DECODE_BPF:
			decode_bpf(ctx);
			break;
		case DECODE_IO_URING_REGISTER:
			decode_io_uring_register(ctx);
			break;
		case DECODE_PERF_EVENT_OPEN:
			decode_perf_event_open(ctx);
			break;
		default:
			if (ctx->nr == SYS_rt_sigreturn)
				break;
			int first = first_exit_arg(ctx, sig);
			for (int i = first; i < sig->nargs; i++) {
				if (!arg_present(ctx, sig, i))
					continue;
				if (i > first)
					tb_str(tb, ", ");
				print_arg(ctx, sig, i);
			}
			break;
		}
	}
	tb_char(tb, ')');
	size_t col = column + tb->len;
	size_t result_column = (size_t)ctx->opts->result_column;
	if (col < result_column) {
		tb_spaces(tb, result_column - col);
		tb_str(tb, "= ");
	} else {
		tb_str(tb, " = ");
	}
	print_result(ctx, sig);
}

/* A call's text (its entry half, or its exit half from column on) within
 * cap: made once and, where it would not fit, made again with strings and
 * arrays cut shorter than -s asks, and paths shorter than PATH_MAX (ending
 * "...", as strace cuts them), so that a line never stops inside an
 * argument without its result (a 7,000 byte write under -s 10000 did: the
 * entry half has 4 KiB; so did an execve of a 5,000-byte path). Only what
 * -s and PATH_MAX bound can shrink; a text that still does not fit (cap
 * smaller than the call's fixed parts) is cut as before. cap 0 counts:
 * never cut. */
static size_t format_once(char *buf, size_t cap,
			  const struct decode_context *call,
			  const struct format_options *opts, size_t column,
			  size_t *full, struct path_shown *path)
{
	struct text_buffer tb;
	tb_init(&tb, buf, cap);
	tb.style = opts->const_style;
	struct decode_context ctx = *call;
	ctx.tb = &tb;
	ctx.opts = opts;
	*path = (struct path_shown){0, 0};
	ctx.longest_path = path;
	if (ctx.exiting)
		format_exit(&ctx, column);
	else
		format_entry(&ctx);
	*full = tb.len;
	return tb_finish(&tb);
}

/* limit in proportion to a text of full bytes that must fit cap, with a
 * margin; at least halved, at least 1. */
static int shrunk(int limit, size_t cap, size_t full)
{
	long smaller = (long)limit * (long)(cap - 1) / (long)full * 9 / 10;
	if (smaller >= limit)
		smaller = limit / 2;
	return smaller < 1 ? 1 : (int)smaller;
}

static size_t format_within(char *buf, size_t cap,
			    const struct decode_context *call, size_t column)
{
	size_t full;
	struct path_shown path;
	size_t n = format_once(buf, cap, call, call->opts, column, &full, &path);
	if (!cap || full < cap)
		return n;
	/* Too long: again, a path cut shorter where the longest one's text
	 * is longer than the excess (in proportion, with a margin), else
	 * strings (at least halved each time; -s 0 and 1 as they are). */
	struct format_options cut = *call->opts;
	for (int attempt = 0; attempt < 8 && full >= cap; attempt++) {
		size_t excess = full - cap + 16;
		if (path.bytes > 1 && path.chars > excess) {
			size_t keep = path.bytes * (path.chars - excess) /
				      path.chars;
			cut.path_limit = keep < 1 ? 1 : (int)keep;
		} else if (cut.string_limit > 1) {
			cut.string_limit = shrunk(cut.string_limit, cap, full);
		} else {
			break;
		}
		n = format_once(buf, cap, call, &cut, column, &full, &path);
	}
	return n;
}

size_t format_syscall_entry(char *buf, size_t cap, long nr, const long args[6],
			    const struct format_options *opts,
			    read_memory_fn rd)
{
	struct decode_context ctx = { 0, opts, rd, nr, args, 0, 0, 0, 0 };
	return format_within(buf, cap, &ctx, 0);
}

size_t format_syscall_exit_at_column(char *buf, size_t cap, size_t column,
				     long nr, const long args[6], long result,
				     const struct format_options *opts,
				     read_memory_fn rd)
{
	struct decode_context ctx = { 0, opts, rd, nr, args, result, 1, 0, 0 };
	return format_within(buf, cap, &ctx, column);
}

size_t format_syscall_exit(char *buf, size_t cap, long nr, const long args[6],
			   long result, const struct format_options *opts,
			   read_memory_fn rd)
{
	/* Width of the entry text: format it again, counting only (and
	 * keeping what the real entry saved). */
	struct text_buffer count;
	tb_init(&count, 0, 0);
	count.style = opts->const_style;
	struct format_options counting = *opts;
	counting.saved = 0;
	struct decode_context ctx = { &count, &counting, rd, nr, args, 0, 0, 0, 0 };
	format_entry(&ctx);
	size_t column = (size_t)opts->line_prefix_width + count.len;
	return format_syscall_exit_at_column(buf, cap, column, nr, args, result,
					     opts, rd);
}

size_t format_syscall_result(char *buf, size_t cap, long nr,
			     const long args[6], long result,
			     const struct format_options *opts)
{
	struct text_buffer tb;
	tb_init(&tb, buf, cap);
	tb.style = opts->const_style;
	struct decode_context ctx = { &tb, opts, 0, nr, args, result, 1, 0, 0 };
	print_result(&ctx, syscall_lookup(nr));
	return tb_finish(&tb);
}

