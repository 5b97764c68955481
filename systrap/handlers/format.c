/* format: drives the decoders from the syscall table and adds strace's
 * framing: "name(", argument separators, ")", the padding before " = " and
 * the result text.
 *
 * Entry/exit split (what strace prints before the call runs): arguments are
 * printed in order until the first one the kernel writes (an output
 * buffer, struct, sigset ...); if that happens, entry ends with ", " and
 * exit prints the rest. A few calls (clone, ioctl, fcntl, futex, prctl,
 * arch_prctl) decide per command, as strace does, in their own decoders.
 */
#include "systrap/arch/context.h"
#include "systrap/handlers/format.h"

#include <errno.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/errno_names.h"
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

long format_fd_path_proc(int fd, char *buf, size_t cap)
{
	char link[32] = "/proc/self/fd/";
	size_t n = text_strlen(link);
	char digits[12];
	int nd = 0;
	unsigned v = (unsigned)fd;
	if (fd < 0)
		return -1;
	do {
		digits[nd++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (nd)
		link[n++] = digits[--nd];
	link[n] = 0;
	long r = raw_readlinkat(-100, link, buf, cap);
	if (r < 0 || (size_t)r >= cap)
		return -1;
	return r;
}

void print_fd(const struct decode_context *ctx, long fd)
{
	int ifd = (int)fd;
	tb_dec(ctx->tb, ifd);
	if (!ctx->opts->decode_fd_paths || ifd < 0)
		return;
	char path[FD_PATH_BYTES];
	fd_path_fn resolve = ctx->opts->fd_path ? ctx->opts->fd_path
						: format_fd_path_proc;
	long n = resolve(ifd, path, sizeof(path));
	if (n < 0)
		return;
	tb_char(ctx->tb, '<');
	tb_mem(ctx->tb, path, (size_t)n);
	tb_char(ctx->tb, '>');
}

static int is_error_result(long result)
{
	return result < 0 && result >= -4095;
}

/* Kinds the kernel writes: printed when the call ends. */
static int is_exit_kind(unsigned kind)
{
	switch (kind) {
	case ARG_PATH_OUT:
	case ARG_BUF_OUT:
	case ARG_BUF_OUT_HEX:
	case ARG_STRUCT_OUT:
	case ARG_IOVEC_OUT:
	case ARG_SOCKADDR_OUT:
	case ARG_SOCKLEN_PTR:
	case ARG_SOCKOPT_VAL:
	case ARG_ID_ARRAY_OUT:
	case ARG_CPU_SET_OUT:
	case ARG_STRUCT_OUT_EINTR:
	case ARG_INT_PTR_OUT:
	case ARG_FD_PAIR:
	case ARG_SIGSET_OUT:
	case ARG_SIGACTION_OUT:
	case ARG_WAIT_STATUS:
	case ARG_DIRENTS:
	case ARG_XATTR_LIST:
		return 1;
	default:
		return 0;
	}
}

static void print_open_flags(struct text_buffer *tb, uint64_t flags)
{
	static const char *const access[] = { "O_RDONLY", "O_WRONLY", "O_RDWR",
					      "O_ACCMODE" };
	tb_str(tb, access[flags & 3]);
	int printed = 1;
	uint64_t left = print_flag_names(tb, value_table_get(VT_OPEN_FLAGS),
					 flags & ~3ULL, &printed);
	if (left) {
		tb_char(tb, '|');
		tb_hex(tb, left);
	}
}

/* Flags with a huge-page size in the top 6 bits (mmap, memfd_create). */
static void print_huge_shift(struct text_buffer *tb, uint64_t flags,
			     const char *shift_name)
{
	unsigned huge = (unsigned)(flags >> 26) & 0x3f;
	if (huge) {
		tb_char(tb, '|');
		tb_udec(tb, huge);
		tb_str(tb, "<<");
		tb_str(tb, shift_name);
	}
}

static void print_mmap_flags(struct text_buffer *tb, uint64_t flags)
{
	flags &= 0xffffffffULL;
	const struct value_table *types = value_table_get(VT_MAP_TYPE);
	const char *type = value_table_name(types, flags & 0xf);
	if (type) {
		tb_str(tb, type);
	} else {
		tb_hex(tb, flags & 0xf);
		tb_str(tb, " /* MAP_??? */");
	}
	int printed = 1;
	uint64_t rest = flags & ~0xfULL & ((1ULL << 26) - 1);
	uint64_t left = print_flag_names(tb, value_table_get(VT_MAP_FLAGS),
					 rest, &printed);
	if (left) {
		tb_char(tb, '|');
		tb_hex(tb, left);
	}
	print_huge_shift(tb, flags, "MAP_HUGE_SHIFT");
}

static void print_mfd_flags(struct text_buffer *tb, uint64_t flags)
{
	flags &= 0xffffffffULL;
	uint64_t low = flags & ((1ULL << 26) - 1);
	if (low || !(flags >> 26))
		print_flags(tb, value_table_get(VT_MFD_FLAGS), low);
	if (!low && (flags >> 26)) {
		tb_udec(tb, (unsigned)(flags >> 26));
		tb_str(tb, "<<MFD_HUGE_SHIFT");
		return;
	}
	print_huge_shift(tb, flags, "MFD_HUGE_SHIFT");
}

static void print_statx_flags(struct text_buffer *tb, uint64_t flags)
{
	flags &= 0xffffffffULL;
	uint64_t sync = flags & 0x6000;
	if (sync == 0x6000)
		tb_str(tb, "AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC");
	else
		tb_str(tb, value_table_name(value_table_get(VT_STATX_SYNC), sync));
	uint64_t rest = flags & ~0x6000ULL;
	if (rest) {
		/* printed = 1: print_flag_names puts the '|' before each name. */
		int printed = 1;
		uint64_t left = print_flag_names(tb, value_table_get(VT_AT_FLAGS),
						 rest, &printed);
		if (left) {
			tb_char(tb, '|');
			tb_hex(tb, left);
		}
	}
}

static void print_sock_type(struct text_buffer *tb, uint64_t type)
{
	type &= 0xffffffffULL;
	const char *name = value_table_name(value_table_get(VT_SOCK_TYPE),
					    type & 0xf);
	if (name) {
		tb_str(tb, name);
		type &= ~0xfULL;
		if (!type)
			return;
		tb_char(tb, '|');
	}
	print_flags(tb, value_table_get(VT_SOCK_FLAGS), type);
}

static void print_sock_protocol(struct text_buffer *tb, long domain,
				long protocol)
{
	if (domain == 2 || domain == 10) {
		print_enum(tb, value_table_get(VT_IPPROTO), (uint64_t)protocol);
		return;
	}
	if (domain == 16 && protocol == 0) {
		tb_str(tb, "NETLINK_ROUTE");
		return;
	}
	tb_dec(tb, (int)protocol);
}

static void print_arg(const struct decode_context *ctx,
		      const struct syscall_signature *sig, int i)
{
	const struct syscall_arg *a = &sig->args[i];
	struct text_buffer *tb = ctx->tb;
	long v = ctx->args[i];
	uintptr_t p = (uintptr_t)v;
	long size = a->size_arg >= 0 ? ctx->args[(int)a->size_arg] : 0;
	int failed = ctx->exiting && is_error_result(ctx->result);

	if (ctx->exiting && is_exit_kind(a->kind) && failed &&
	    a->kind != ARG_SOCKLEN_PTR && a->kind != ARG_STRUCT_OUT_EINTR) {
		tb_ptr(tb, p);
		return;
	}
	switch (a->kind) {
	case ARG_INT:
		tb_dec(tb, (int)v);
		return;
	case ARG_LONG:
		tb_dec(tb, v);
		return;
	case ARG_UINT:
		tb_udec(tb, (unsigned)v);
		return;
	case ARG_ULONG:
		tb_udec(tb, (unsigned long)v);
		return;
	case ARG_HEX:
		tb_hex(tb, (unsigned long)v);
		return;
	case ARG_PTR:
		tb_ptr(tb, p);
		return;
	case ARG_MODE:
		print_mode_octal(tb, (unsigned short)v);
		return;
	case ARG_ID:
		if ((unsigned)v == 0xffffffffU)
			tb_str(tb, "-1");
		else
			tb_udec(tb, (unsigned)v);
		return;
	case ARG_FD:
		print_fd(ctx, v);
		return;
	case ARG_DIRFD:
		if ((int)v == -100)
			tb_str(tb, "AT_FDCWD");
		else
			print_fd(ctx, v);
		return;
	case ARG_PATH:
		print_path(ctx, p);
		return;
	case ARG_PATH_OUT: {
		long len = ctx->result;
		if (ctx->nr == SYS_getcwd && len > 0)
			len--; /* the result counts the NUL */
		/* strace 6.1 prints readlink's target as a string cut at
		 * -s (printstrn), getcwd's as a path, whole. */
		if (ctx->nr == SYS_readlink || ctx->nr == SYS_readlinkat)
			print_buffer(ctx, p, len > 0 ? (unsigned long)len : 0, 0);
		else
			print_path_n(ctx, p, len > 0 ? (unsigned long)len : 0);
		return;
	}
	case ARG_STR:
		print_cstring(ctx, p);
		return;
	case ARG_BUF_IN:
		print_buffer(ctx, p, (unsigned long)size, 0);
		return;
	case ARG_BUF_OUT:
	case ARG_BUF_OUT_HEX:
		print_buffer(ctx, p, ctx->result > 0 ? (unsigned long)ctx->result : 0,
			     a->kind == ARG_BUF_OUT_HEX);
		return;
	case ARG_STRUCT_IN:
	case ARG_STRUCT_OUT:
		print_struct(ctx, a->type, p);
		return;
	case ARG_IOVEC_IN:
		print_iovec(ctx, p, size, -1);
		return;
	case ARG_IOVEC_OUT:
		print_iovec(ctx, p, size, ctx->result);
		return;
	case ARG_STR_ARRAY:
		print_str_array(ctx, p);
		return;
	case ARG_ENVP:
		print_envp(ctx, p);
		return;
	case ARG_SOCKADDR_IN:
		print_sockaddr(ctx, p, size);
		return;
	case ARG_SOCKADDR_OUT: {
		int32_t len = 0;
		if (!read_exact(ctx, &len, (uintptr_t)size, 4)) {
			tb_ptr(tb, p);
			return;
		}
		/* The kernel wrote at most the buffer's size, the length's
		 * input: strace prints the shorter. */
		const struct format_saved *sv = ctx->opts->saved;
		if (sv && (sv->mask & (1u << a->size_arg)) &&
		    (int32_t)sv->value[a->size_arg] < len)
			len = (int32_t)sv->value[a->size_arg];
		print_sockaddr(ctx, p, len);
		return;
	}
	case ARG_SOCKLEN_PTR: {
		/* "[in => out]" when the kernel changed it, as strace. */
		const struct format_saved *sv = ctx->opts->saved;
		int32_t out;
		if (ctx->exiting && sv && (sv->mask & (1u << i)) && p &&
		    read_exact(ctx, &out, p, sizeof out) &&
		    out != (int32_t)sv->value[i]) {
			tb_char(tb, '[');
			tb_dec(tb, (int32_t)sv->value[i]);
			tb_str(tb, " => ");
			tb_dec(tb, out);
			tb_char(tb, ']');
			return;
		}
		print_int_array_ptr(ctx, p, 1, 4, 0);
		return;
	}
	case ARG_INT_PTR_OUT:
		print_int_array_ptr(ctx, p, 1, 4, 0);
		return;
	case ARG_ID_ARRAY_IN:
	case ARG_ID_ARRAY_OUT:
		print_id_array(ctx, p, a->kind == ARG_ID_ARRAY_IN
					       ? size
					       : (failed ? 0 : ctx->result));
		return;
	case ARG_CPU_SET_IN:
		print_cpu_set(ctx, p, size);
		return;
	case ARG_CPU_SET_OUT:
		print_cpu_set(ctx, p, ctx->result);
		return;
	case ARG_STRUCT_OUT_EINTR:
		/* Written only when a signal cut the sleep short. */
		if (ctx->result == -EINTR || ctx->result == -516 /* RESTART_BLOCK */)
			print_struct(ctx, a->type, p);
		else
			tb_ptr(tb, p);
		return;
	case ARG_SOCKOPT_VAL: {
		/* As strace: an int-sized value as [N], else the bytes. */
		int32_t len;
		if (!p) {
			tb_str(tb, "NULL");
			return;
		}
		if (!size || !read_exact(ctx, &len, (uintptr_t)size, sizeof len)) {
			tb_ptr(tb, p);
			return;
		}
		if (len == 4)
			print_int_array_ptr(ctx, p, 1, 4, 0);
		else
			print_buffer(ctx, p, len > 0 ? (unsigned long)len : 0, 0);
		return;
	}
	case ARG_INT_PTR_INOUT:
	case ARG_LOFF_PTR:
		print_int_array_ptr(ctx, p, 1, 8, 0);
		return;
	case ARG_FD_PAIR:
		print_int_array_ptr(ctx, p, 2, 4, 1);
		return;
	case ARG_FLAGS:
		print_flags(tb, value_table_get(a->type), (unsigned long)v &
			    0xffffffffUL);
		return;
	case ARG_ENUM:
		print_enum(tb, value_table_get(a->type), (unsigned long)v &
			   0xffffffffUL);
		return;
	case ARG_OPEN_FLAGS:
		print_open_flags(tb, (unsigned long)v & 0xffffffffUL);
		return;
	case ARG_OPEN_MODE:
		print_mode_octal(tb, (unsigned)v);
		return;
	case ARG_MMAP_FLAGS:
		print_mmap_flags(tb, (unsigned long)v);
		return;
	case ARG_MFD_FLAGS:
		print_mfd_flags(tb, (unsigned long)v);
		return;
	case ARG_STATX_FLAGS:
		print_statx_flags(tb, (unsigned long)v);
		return;
	case ARG_SOCK_TYPE:
		print_sock_type(tb, (unsigned long)v);
		return;
	case ARG_SOCK_PROTOCOL:
		print_sock_protocol(tb, size, v);
		return;
	case ARG_SOCKOPT_NAME:
		if (ctx->args[i - 1] == 1)
			print_enum(tb, value_table_get(VT_SO_OPTION),
				   (unsigned long)v & 0xffffffffUL);
		else
			tb_dec(tb, (int)v);
		return;
	case ARG_SIGNAL:
		print_signal(tb, (int)v);
		return;
	case ARG_SIGSET_IN:
	case ARG_SIGSET_OUT:
		print_sigset(ctx, p, (size_t)size);
		return;
	case ARG_SIGACTION_IN:
	case ARG_SIGACTION_OUT:
		print_sigaction(ctx, p);
		return;
	case ARG_WAIT_ID:
		if ((int)size == 3) /* P_PIDFD */
			print_fd(ctx, v);
		else
			tb_dec(tb, (int)v);
		return;
	case ARG_WAIT_STATUS:
		if (ctx->result > 0)
			print_wait_status(ctx, p);
		else
			tb_ptr(tb, p);
		return;
	case ARG_FDSET_INOUT:
		print_fdset(ctx, p, size);
		return;
	case ARG_POLLFDS:
		print_pollfds(ctx, p, (unsigned long)size);
		return;
	case ARG_DIRENTS:
		print_dirents(ctx, p, ctx->result);
		return;
	case ARG_XATTR_LIST:
		if (p == 0)
			tb_str(tb, "NULL");
		else
			print_xattr_list(ctx, p, ctx->result);
		return;
	default:
		tb_hex(tb, (unsigned long)v);
		return;
	}
}

/* ---------------- per-family decoders ---------------- */

static void decode_clone(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	unsigned long flags = (unsigned long)ctx->args[0];
	if (!ctx->exiting) {
		tb_str(tb, "child_stack=");
		tb_ptr(tb, (uintptr_t)ctx->args[1]);
		tb_str(tb, ", flags=");
		int printed = 0;
		uint64_t left = print_flag_names(
			tb, value_table_get(VT_CLONE_FLAGS), flags & ~0xffUL,
			&printed);
		if (left) {
			if (printed)
				tb_char(tb, '|');
			tb_hex(tb, left);
			printed = 1;
		}
		if (flags & 0xff) {
			if (printed)
				tb_char(tb, '|');
			print_signal(tb, (long)(flags & 0xff));
		} else if (!printed) {
			tb_char(tb, '0');
		}
		return;
	}
	if (flags & (0x100000UL | 0x1000UL)) {
		tb_str(tb, ", parent_tid=");
		tb_ptr(tb, (uintptr_t)ctx->args[2]);
	}
	if (flags & 0x80000UL) {
		tb_str(tb, ", tls=");
		tb_ptr(tb, (uintptr_t)ctx->args[4]);
	}
	if (flags & (0x1000000UL | 0x200000UL)) {
		tb_str(tb, ", child_tidptr=");
		tb_ptr(tb, (uintptr_t)ctx->args[3]);
	}
}

static void decode_clone3(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	if (ctx->exiting) {
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned long)ctx->args[1]);
		return;
	}
	uint64_t ca[11];
	uintptr_t p = (uintptr_t)ctx->args[0];
	if (ctx->args[1] < 64 || !read_exact(ctx, ca, p, 64)) {
		tb_ptr(tb, p);
		return;
	}
	tb_str(tb, "{flags=");
	print_flags(tb, value_table_get(VT_CLONE_FLAGS), ca[0]);
	if (ca[0] & 0x1000) {
		tb_str(tb, ", pidfd=");
		tb_ptr(tb, ca[1]);
	}
	if (ca[0] & (0x1000000 | 0x200000)) {
		tb_str(tb, ", child_tid=");
		tb_ptr(tb, ca[2]);
	}
	if (ca[0] & 0x100000) {
		tb_str(tb, ", parent_tid=");
		tb_ptr(tb, ca[3]);
	}
	tb_str(tb, ", exit_signal=");
	print_signal(tb, (long)ca[4]);
	tb_str(tb, ", stack=");
	tb_ptr(tb, ca[5]);
	tb_str(tb, ", stack_size=");
	tb_hex(tb, ca[6]);
	if (ca[0] & 0x80000) {
		tb_str(tb, ", tls=");
		tb_ptr(tb, ca[7]);
	}
	tb_char(tb, '}');
}

enum ioctl_style {
	IOCTL_ARG_HEX,      /* unknown: ", 0x..." at entry */
	IOCTL_ARG_NONE,     /* no third argument */
	IOCTL_ARG_DEC,      /* ", 16" at entry */
	IOCTL_ARG_INT_IN,   /* ", [1]" at entry */
	IOCTL_ARG_INT_OUT,  /* ", [0]" at exit */
	IOCTL_ARG_TERMIOS_IN,
	IOCTL_ARG_TERMIOS_OUT,
	IOCTL_ARG_WINSIZE_IN,
	IOCTL_ARG_WINSIZE_OUT,
	IOCTL_ARG_TCFLSH,
};

struct ioctl_arg_style {
	uint32_t request;
	uint8_t style;
};

static const struct ioctl_arg_style ioctl_styles[] = {
	{ 0x5401, IOCTL_ARG_TERMIOS_OUT }, { 0x5402, IOCTL_ARG_TERMIOS_IN },
	{ 0x5403, IOCTL_ARG_TERMIOS_IN },  { 0x5404, IOCTL_ARG_TERMIOS_IN },
	{ 0x5413, IOCTL_ARG_WINSIZE_OUT }, { 0x5414, IOCTL_ARG_WINSIZE_IN },
	{ 0x541b, IOCTL_ARG_INT_OUT },     { 0x540f, IOCTL_ARG_INT_OUT },
	{ 0x5410, IOCTL_ARG_INT_IN },      { 0x5421, IOCTL_ARG_INT_IN },
	{ 0x5452, IOCTL_ARG_INT_IN },      { 0x5429, IOCTL_ARG_INT_OUT },
	{ 0x5411, IOCTL_ARG_INT_OUT },     { 0x5424, IOCTL_ARG_INT_OUT },
	{ 0x5423, IOCTL_ARG_INT_IN },      { 0x80045430, IOCTL_ARG_INT_OUT },
	{ 0x40045431, IOCTL_ARG_INT_IN },  { 0x5450, IOCTL_ARG_NONE },
	{ 0x5451, IOCTL_ARG_NONE },        { 0x5422, IOCTL_ARG_NONE },
	{ 0x540c, IOCTL_ARG_NONE },        { 0x540d, IOCTL_ARG_NONE },
	{ 0x5427, IOCTL_ARG_NONE },        { 0x5428, IOCTL_ARG_NONE },
	{ 0x5437, IOCTL_ARG_NONE },        { 0x5409, IOCTL_ARG_DEC },
	{ 0x5425, IOCTL_ARG_DEC },         { 0x540e, IOCTL_ARG_DEC },
	{ 0x40049409, IOCTL_ARG_DEC },     { 0x540b, IOCTL_ARG_TCFLSH },
};

static unsigned ioctl_style_of(uint32_t request)
{
	for (unsigned i = 0; i < sizeof(ioctl_styles) / sizeof(ioctl_styles[0]);
	     i++)
		if (ioctl_styles[i].request == request)
			return ioctl_styles[i].style;
	return IOCTL_ARG_HEX;
}

static void print_ioctl_request(struct text_buffer *tb, uint32_t req)
{
	const char *name = value_table_name(value_table_get(VT_IOCTL), req);
	if (name) {
		tb_str(tb, name);
		return;
	}
	static const char *const dirs[] = { "_IOC_NONE", "_IOC_WRITE",
					    "_IOC_READ",
					    "_IOC_READ|_IOC_WRITE" };
	tb_str(tb, "_IOC(");
	tb_str(tb, dirs[req >> 30]);
	tb_str(tb, ", ");
	tb_hex(tb, (req >> 8) & 0xff);
	tb_str(tb, ", ");
	tb_hex(tb, req & 0xff);
	tb_str(tb, ", ");
	tb_hex(tb, (req >> 16) & 0x3fff);
	tb_char(tb, ')');
}

static void decode_ioctl(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	uint32_t req = (uint32_t)ctx->args[1];
	uintptr_t arg = (uintptr_t)ctx->args[2];
	unsigned style = ioctl_style_of(req);
	int out = style == IOCTL_ARG_INT_OUT || style == IOCTL_ARG_TERMIOS_OUT ||
		  style == IOCTL_ARG_WINSIZE_OUT;
	if (!ctx->exiting) {
		print_fd(ctx, ctx->args[0]);
		tb_str(tb, ", ");
		print_ioctl_request(tb, req);
		if (out || style == IOCTL_ARG_NONE)
			return;
		tb_str(tb, ", ");
		switch (style) {
		case IOCTL_ARG_DEC:
			tb_dec(tb, (int)arg);
			return;
		case IOCTL_ARG_INT_IN:
			print_int_array_ptr(ctx, arg, 1, 4, 0);
			return;
		case IOCTL_ARG_TERMIOS_IN:
			print_termios(ctx, arg);
			return;
		case IOCTL_ARG_WINSIZE_IN:
			print_winsize(ctx, arg);
			return;
		case IOCTL_ARG_TCFLSH: {
			static const char *const q[] = { "TCIFLUSH", "TCOFLUSH",
							 "TCIOFLUSH" };
			if (arg < 3) {
				tb_str(tb, q[arg]);
			} else {
				tb_hex(tb, arg);
				tb_str(tb, " /* TC??? */");
			}
			return;
		}
		default:
			tb_hex(tb, arg);
			return;
		}
	}
	if (!out)
		return;
	tb_str(tb, ", ");
	if (is_error_result(ctx->result)) {
		tb_ptr(tb, arg);
		return;
	}
	if (style == IOCTL_ARG_TERMIOS_OUT)
		print_termios(ctx, arg);
	else if (style == IOCTL_ARG_WINSIZE_OUT)
		print_winsize(ctx, arg);
	else
		print_int_array_ptr(ctx, arg, 1, 4, 0);
}

static void print_flock(const struct decode_context *ctx, uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	struct {
		int16_t type, whence;
		int32_t pad;
		int64_t start, len;
		int32_t pid;
	} fl;
	if (addr == 0) {
		tb_str(tb, "NULL");
		return;
	}
	if (!read_exact(ctx, &fl, addr, 32)) {
		tb_hex_raw(tb, addr);
		return;
	}
	static const char *const types[] = { "F_RDLCK", "F_WRLCK", "F_UNLCK" };
	tb_str(tb, "{l_type=");
	if (fl.type >= 0 && fl.type < 3)
		tb_str(tb, types[fl.type]);
	else
		tb_dec(tb, fl.type);
	tb_str(tb, ", l_whence=");
	print_enum(tb, value_table_get(VT_SEEK_WHENCE), (uint16_t)fl.whence);
	tb_str(tb, ", l_start=");
	tb_dec(tb, fl.start);
	tb_str(tb, ", l_len=");
	tb_dec(tb, fl.len);
	tb_str(tb, ", l_pid=");
	tb_dec(tb, fl.pid);
	tb_char(tb, '}');
}

static int fcntl_has_no_arg(long cmd)
{
	switch (cmd) {
	case 1: case 3: case 9: case 11: case 1025: case 1032: case 1034:
		return 1;
	default:
		return 0;
	}
}

static void decode_fcntl(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	long cmd = (int)ctx->args[1];
	long arg = ctx->args[2];
	int getlk = cmd == 5 || cmd == 36;
	if (ctx->exiting) {
		if (!getlk)
			return;
		if (is_error_result(ctx->result))
			tb_ptr(tb, (uintptr_t)arg);
		else
			print_flock(ctx, (uintptr_t)arg);
		return;
	}
	print_fd(ctx, ctx->args[0]);
	tb_str(tb, ", ");
	print_enum(tb, value_table_get(VT_FCNTL_CMD), (uint32_t)cmd);
	if (fcntl_has_no_arg(cmd))
		return;
	tb_str(tb, ", ");
	switch (cmd) {
	case 0: case 1030: /* F_DUPFD, F_DUPFD_CLOEXEC */
	case 8: case 1031: /* F_SETOWN, F_SETPIPE_SZ */
		tb_dec(tb, (int)arg);
		return;
	case 2: /* F_SETFD */
		print_flags(tb, value_table_get(VT_FD_FLAGS), (uint32_t)arg);
		return;
	case 4: /* F_SETFL */
		print_open_flags(tb, (uint32_t)arg);
		return;
	case 10: /* F_SETSIG */
		print_signal(tb, (int)arg);
		return;
	case 6: case 7: case 37: case 38: /* F_SETLK ... */
		print_flock(ctx, (uintptr_t)arg);
		return;
	case 15: case 16: /* F_SETOWN_EX, F_GETOWN_EX */
		tb_ptr(tb, (uintptr_t)arg);
		return;
	case 1024: { /* F_SETLEASE */
		static const char *const types[] = { "F_RDLCK", "F_WRLCK",
						     "F_UNLCK" };
		if ((unsigned long)arg < 3)
			tb_str(tb, types[arg]);
		else
			tb_dec(tb, (int)arg);
		return;
	}
	case 5: case 36: /* F_GETLK, F_OFD_GETLK: the struct is printed at exit */
		return;
	default:
		tb_hex(tb, (unsigned long)arg);
		return;
	}
}

static void decode_futex(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	if (ctx->exiting)
		return;
	const long *a = ctx->args;
	unsigned op = (unsigned)a[1];
	unsigned cmd = op & 0x7f;
	tb_ptr(tb, (uintptr_t)a[0]);
	tb_str(tb, ", ");
	const char *name = value_table_name(value_table_get(VT_FUTEX_OP), cmd);
	if (name) {
		tb_str(tb, name);
		if (op & 128)
			tb_str(tb, "_PRIVATE");
		if (op & 256)
			tb_str(tb, "|FUTEX_CLOCK_REALTIME");
		if (op & ~0x1ffu) {
			tb_char(tb, '|');
			tb_hex(tb, op & ~0x1ffu);
		}
	} else {
		tb_hex(tb, op);
		tb_str(tb, " /* FUTEX_??? */");
	}
	struct decode_context sub = *ctx;
	switch (name ? cmd : 99) {
	case 0: /* WAIT */
	case 11: /* WAIT_REQUEUE_PI */
	case 9: /* WAIT_BITSET */
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[2]);
		tb_str(tb, ", ");
		print_struct(&sub, STRUCT_TIMESPEC, (uintptr_t)a[3]);
		if (cmd == 11) {
			tb_str(tb, ", ");
			tb_ptr(tb, (uintptr_t)a[4]);
		} else if (cmd == 9) {
			tb_str(tb, ", ");
			if ((uint32_t)a[5] == 0xffffffffu)
				tb_str(tb, "FUTEX_BITSET_MATCH_ANY");
			else
				tb_hex(tb, (uint32_t)a[5]);
		}
		return;
	case 1: case 2: /* WAKE, FD */
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[2]);
		return;
	case 10: /* WAKE_BITSET */
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[2]);
		tb_str(tb, ", ");
		if ((uint32_t)a[5] == 0xffffffffu)
			tb_str(tb, "FUTEX_BITSET_MATCH_ANY");
		else
			tb_hex(tb, (uint32_t)a[5]);
		return;
	case 3: case 4: case 12: /* REQUEUE, CMP_REQUEUE, CMP_REQUEUE_PI */
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[2]);
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[3]);
		tb_str(tb, ", ");
		tb_ptr(tb, (uintptr_t)a[4]);
		if (cmd != 3) {
			tb_str(tb, ", ");
			tb_udec(tb, (unsigned)a[5]);
		}
		return;
	case 5: { /* WAKE_OP */
		static const char *const ops[] = { "FUTEX_OP_SET", "FUTEX_OP_ADD",
						   "FUTEX_OP_OR", "FUTEX_OP_ANDN",
						   "FUTEX_OP_XOR" };
		static const char *const cmps[] = {
			"FUTEX_OP_CMP_EQ", "FUTEX_OP_CMP_NE", "FUTEX_OP_CMP_LT",
			"FUTEX_OP_CMP_LE", "FUTEX_OP_CMP_GT", "FUTEX_OP_CMP_GE"
		};
		uint32_t v3 = (uint32_t)a[5];
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[2]);
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[3]);
		tb_str(tb, ", ");
		tb_ptr(tb, (uintptr_t)a[4]);
		tb_str(tb, ", ");
		unsigned o = (v3 >> 28) & 7;
		if (v3 >> 31)
			tb_str(tb, "FUTEX_OP_OPARG_SHIFT|");
		if (o < 5)
			tb_str(tb, ops[o]);
		else
			tb_udec(tb, o);
		tb_str(tb, "<<28|");
		tb_udec(tb, (v3 >> 12) & 0xfff);
		tb_str(tb, "<<12|");
		unsigned c = (v3 >> 24) & 0xf;
		if (c < 6)
			tb_str(tb, cmps[c]);
		else
			tb_udec(tb, c);
		tb_str(tb, "<<24|");
		tb_udec(tb, v3 & 0xfff);
		return;
	}
	case 6: case 13: /* LOCK_PI, LOCK_PI2 */
		tb_str(tb, ", ");
		print_struct(&sub, STRUCT_TIMESPEC, (uintptr_t)a[3]);
		return;
	case 7: case 8: /* UNLOCK_PI, TRYLOCK_PI */
		return;
	default:
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[2]);
		tb_str(tb, ", ");
		tb_ptr(tb, (uintptr_t)a[3]);
		tb_str(tb, ", ");
		tb_ptr(tb, (uintptr_t)a[4]);
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[5]);
		return;
	}
}

static void decode_arch_prctl(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	long code = (int)ctx->args[0];
	uintptr_t addr = (uintptr_t)ctx->args[1];
	/* strace 6.1: the GET_FS/GS base as a pointer, GET_CPUID without its
	 * argument, the XSAVE features by name in a comment. */
	int get = code == 0x1003 || code == 0x1004;
	int xget = code >= 0x1021 && code <= 0x1024 && code != 0x1023;
	int xreq = code == 0x1023 || code == 0x1025;
	if (!ctx->exiting) {
		print_enum(tb, value_table_get(VT_ARCH_PRCTL), (uint32_t)code);
		if (code == 0x1011) /* ARCH_GET_CPUID */
			return;
		tb_str(tb, ", ");
		if (xreq)
			print_enum_verbose(tb, value_table_get(VT_XFEATURE_BITS), addr);
		else if (!get && !xget)
			tb_hex(tb, addr);
		return;
	}
	if (!get && !xget)
		return;
	uint64_t v;
	if (is_error_result(ctx->result) || !read_exact(ctx, &v, addr, 8)) {
		tb_ptr(tb, addr);
		return;
	}
	tb_char(tb, '[');
	if (get)
		tb_ptr(tb, v);
	else
		print_flags_verbose(tb, value_table_get(VT_XFEATURE_MASKS), v);
	tb_char(tb, ']');
}

static void decode_prctl(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	long option = (int)ctx->args[0];
	const long *a = ctx->args;
	if (ctx->exiting) {
		if (option == 16) { /* PR_GET_NAME */
			if (is_error_result(ctx->result))
				tb_ptr(tb, (uintptr_t)a[1]);
			else
				print_cstring(ctx, (uintptr_t)a[1]);
		}
		return;
	}
	print_enum(tb, value_table_get(VT_PRCTL_OPTION), (uint32_t)option);
	switch (option) {
	case 15: /* PR_SET_NAME */
		tb_str(tb, ", ");
		print_cstring(ctx, (uintptr_t)a[1]);
		return;
	case 16: /* PR_GET_NAME */
		tb_str(tb, ", ");
		return;
	case 1: /* PR_SET_PDEATHSIG */
		tb_str(tb, ", ");
		print_signal(tb, a[1]);
		return;
	case 2: case 3: case 7: case 21: case 27: case 30: case 37: case 39:
	case 42:
		return;
	case 4: case 8: case 29: case 36: case 23: case 24:
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned long)a[1]);
		return;
	case 38: /* PR_SET_NO_NEW_PRIVS */
		for (int i = 1; i < 5; i++) {
			tb_str(tb, ", ");
			tb_udec(tb, (unsigned long)a[i]);
		}
		return;
	default:
		for (int i = 1; i < 5; i++) {
			tb_str(tb, ", ");
			tb_hex(tb, (unsigned long)a[i]);
		}
		return;
	}
}

static void decode_rt_sigreturn(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	uintptr_t sp = ctx->opts->stack_pointer;
	uint8_t mask[8];
	/* The mask of the frame rt_sigreturn restores, at the program's rsp. */
	if (!sp || arch_sigreturn_saved_sigmask(sp, mask, ctx->rd))
		return;
	tb_str(tb, "{mask=");
	print_sigset_bits(tb, mask, 8);
	tb_char(tb, '}');
}

/* ---------------- framing ---------------- */

/* The mode of open/openat exists only with O_CREAT or O_TMPFILE. */
static int arg_present(const struct decode_context *ctx,
		       const struct syscall_signature *sig, int i)
{
	if (sig->args[i].kind != ARG_OPEN_MODE)
		return 1;
	unsigned long flags = (unsigned long)ctx->args[(int)sig->args[i].size_arg];
	return (flags & 0100) || (flags & 020200000) == 020200000;
}

static int first_exit_arg(const struct syscall_signature *sig)
{
	for (int i = 0; i < sig->nargs; i++)
		if (is_exit_kind(sig->args[i].kind))
			return i;
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
	if (!sv || !ctx->rd)
		return;
	sv->mask = 0;
	for (int i = 0; i < sig->nargs && i < 6; i++) {
		int32_t v;
		if (sig->args[i].kind == ARG_SOCKLEN_PTR && ctx->args[i] &&
		    read_exact(ctx, &v, (uintptr_t)ctx->args[i], sizeof v)) {
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
	default:
		break;
	}
	if (ctx->nr == SYS_rt_sigreturn) {
		decode_rt_sigreturn(ctx);
		return;
	}
	int stop = first_exit_arg(sig);
	for (int i = 0; i < stop; i++) {
		if (!arg_present(ctx, sig, i))
			continue;
		if (i)
			tb_str(tb, ", ");
		print_arg(ctx, sig, i);
	}
	if (stop < sig->nargs && stop > 0)
		tb_str(tb, ", ");
}

/* What strace adds after the count of poll, ppoll, select and pselect6:
 * "(Timeout)", or the ready descriptors and the time left. */
static int print_ready(struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	const long *a = ctx->args;
	long r = ctx->result;
	int is_poll = ctx->nr == SYS_poll || ctx->nr == SYS_ppoll;
	if (!is_poll && ctx->nr != SYS_select && ctx->nr != SYS_pselect6)
		return 0;
	tb_dec(tb, r);
	if (r == 0) {
		tb_str(tb, " (Timeout)");
		return 1;
	}
	tb_str(tb, " (");
	if (is_poll) {
		print_poll_revents(ctx, (uintptr_t)a[0], (unsigned long)a[1]);
	} else {
		static const char *const names[] = {"in", "out", "except"};
		int shown = 0;
		for (int k = 0; k < 3; k++) {
			if (!fdset_has_any(ctx, (uintptr_t)a[1 + k], a[0]))
				continue;
			if (shown++)
				tb_str(tb, ", ");
			tb_str(tb, names[k]);
			tb_char(tb, ' ');
			print_fdset(ctx, (uintptr_t)a[1 + k], a[0]);
		}
	}
	long timeout = ctx->nr == SYS_poll ? 0 : ctx->nr == SYS_ppoll ? a[2] : a[4];
	if (timeout) {
		tb_str(tb, ", left ");
		print_struct(ctx, ctx->nr == SYS_select ? STRUCT_TIMEVAL
							: STRUCT_TIMESPEC,
			     (uintptr_t)timeout);
	}
	tb_char(tb, ')');
	return 1;
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
	if (is_error_result(r)) {
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
		tb_str(tb, "-1 ");
		if (name)
			tb_str(tb, name);
		else
			tb_udec(tb, (unsigned long)err);
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
	if (ctx->exiting && print_ready(ctx))
		return;
	if (sig->decoder == DECODE_FCNTL) {
		long cmd = (int)ctx->args[1];
		if (cmd == 1 && r != 0) { /* F_GETFD */
			tb_hex(tb, (unsigned long)r);
			tb_str(tb, " (flags ");
			print_flags(tb, value_table_get(VT_FD_FLAGS),
				    (unsigned long)r);
			tb_char(tb, ')');
			return;
		}
		if (cmd == 3) { /* F_GETFL */
			tb_hex(tb, (unsigned long)r);
			tb_str(tb, " (flags ");
			print_open_flags(tb, (unsigned long)r);
			tb_char(tb, ')');
			return;
		}
		if (cmd == 0 || cmd == 1030) {
			print_fd(ctx, r);
			return;
		}
		tb_dec(tb, r);
		return;
	}
	if (sig->decoder == DECODE_ARCH_PRCTL && r > 0 &&
	    ((int)ctx->args[0] == 0x1023 || (int)ctx->args[0] == 0x1025)) {
		/* ARCH_REQ_XCOMP_(GUEST_)PERM: the features, when any has a
		 * name, as flags. */
		const struct value_table *t = value_table_get(VT_XFEATURE_MASKS);
		tb_hex(tb, (unsigned long)r);
		if (value_table_any_flag(t, (unsigned long)r)) {
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
		default:
			if (ctx->nr == SYS_rt_sigreturn)
				break;
			for (int i = first_exit_arg(sig); i < sig->nargs; i++) {
				if (!arg_present(ctx, sig, i))
					continue;
				if (i > first_exit_arg(sig))
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

size_t format_syscall_entry(char *buf, size_t cap, long nr, const long args[6],
			    const struct format_options *opts,
			    read_memory_fn rd)
{
	struct text_buffer tb;
	tb_init(&tb, buf, cap);
	struct decode_context ctx = { &tb, opts, rd, nr, args, 0, 0 };
	format_entry(&ctx);
	return tb_finish(&tb);
}

size_t format_syscall_exit_at_column(char *buf, size_t cap, size_t column,
				     long nr, const long args[6], long result,
				     const struct format_options *opts,
				     read_memory_fn rd)
{
	struct text_buffer tb;
	tb_init(&tb, buf, cap);
	struct decode_context ctx = { &tb, opts, rd, nr, args, result, 1 };
	format_exit(&ctx, column);
	return tb_finish(&tb);
}

size_t format_syscall_exit(char *buf, size_t cap, long nr, const long args[6],
			   long result, const struct format_options *opts,
			   read_memory_fn rd)
{
	/* Width of the entry text: format it again, counting only (and
	 * keeping what the real entry saved). */
	struct text_buffer count;
	tb_init(&count, 0, 0);
	struct format_options counting = *opts;
	counting.saved = 0;
	struct decode_context ctx = { &count, &counting, rd, nr, args, 0, 0 };
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
	struct decode_context ctx = { &tb, opts, 0, nr, args, result, 1 };
	print_result(&ctx, syscall_lookup(nr));
	return tb_finish(&tb);
}

/* ---------------- signals delivered ---------------- */

/* si_code names of signals the kernel raises itself (strace's siginfo_codes
 * tables), indexed by si_code - 1. */
static const char *const ill_codes[] = { "ILL_ILLOPC", "ILL_ILLOPN",
	"ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC",
	"ILL_BADSTK", "ILL_BADIADDR" };
static const char *const fpe_codes[] = { "FPE_INTDIV", "FPE_INTOVF",
	"FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV",
	"FPE_FLTSUB", "FPE_FLTUNK", "FPE_CONDTRAP" };
static const char *const segv_codes[] = { "SEGV_MAPERR", "SEGV_ACCERR",
	"SEGV_BNDERR", "SEGV_PKUERR", "SEGV_ACCADI", "SEGV_ADIDERR",
	"SEGV_ADIPERR", "SEGV_MTEAERR", "SEGV_MTESERR" };
static const char *const bus_codes[] = { "BUS_ADRALN", "BUS_ADRERR",
	"BUS_OBJERR", "BUS_MCEERR_AR", "BUS_MCEERR_AO" };
static const char *const trap_codes[] = { "TRAP_BRKPT", "TRAP_TRACE",
	"TRAP_BRANCH", "TRAP_HWBKPT", "TRAP_UNK", "TRAP_PERF" };
static const char *const cld_codes[] = { "CLD_EXITED", "CLD_KILLED",
	"CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED" };
static const char *const poll_codes[] = { "POLL_IN", "POLL_OUT", "POLL_MSG",
	"POLL_ERR", "POLL_PRI", "POLL_HUP" };
static const char *const sys_codes[] = { "SYS_SECCOMP", "SYS_USER_DISPATCH" };

#define NCODES(a) (sizeof(a) / sizeof((a)[0]))

static const char *user_code_name(int code)
{
	switch (code) {
	case 0: return "SI_USER";
	case 0x80: return "SI_KERNEL";
	case -1: return "SI_QUEUE";
	case -2: return "SI_TIMER";
	case -3: return "SI_MESGQ";
	case -4: return "SI_ASYNCIO";
	case -5: return "SI_SIGIO";
	case -6: return "SI_TKILL";
	case -7: return "SI_DETHREAD";
	case -60: return "SI_ASYNCNL";
	default: return 0;
	}
}

static const char *signal_code_name(int sig, int code)
{
	const char *const *t = 0;
	size_t n = 0;
	switch (sig) {
	case 4: t = ill_codes; n = NCODES(ill_codes); break;
	case 8: t = fpe_codes; n = NCODES(fpe_codes); break;
	case 11: t = segv_codes; n = NCODES(segv_codes); break;
	case 7: t = bus_codes; n = NCODES(bus_codes); break;
	case 5: t = trap_codes; n = NCODES(trap_codes); break;
	case 17: t = cld_codes; n = NCODES(cld_codes); break;
	case 29: t = poll_codes; n = NCODES(poll_codes); break;
	case 31: t = sys_codes; n = NCODES(sys_codes); break;
	default: break;
	}
	if (code > 0 && (size_t)code <= n)
		return t[code - 1];
	return 0;
}

/* The kernel's siginfo_t on x86-64, the fields strace prints. */
struct k_siginfo {
	int32_t signo, err, code, pad;
	union {
		struct { int32_t pid; uint32_t uid; int32_t status;
			 int32_t pad; int64_t utime, stime; } chld;
		struct { int32_t pid; uint32_t uid; uint64_t value; } rt;
		struct { int32_t tid, overrun; uint64_t value; } timer;
		struct { uint64_t addr; } fault;
		struct { int64_t band; int32_t fd; } poll;
		struct { uint64_t call_addr; int32_t syscall;
			 uint32_t arch; } sys;
	} u;
};

static void print_pid_uid(struct text_buffer *tb, const struct k_siginfo *si)
{
	tb_str(tb, ", si_pid=");
	tb_dec(tb, si->u.rt.pid);
	tb_str(tb, ", si_uid=");
	tb_udec(tb, si->u.rt.uid);
}

static void print_sigval(struct text_buffer *tb, uint64_t v)
{
	tb_str(tb, ", si_value={int=");
	tb_dec(tb, (int32_t)v);
	tb_str(tb, ", ptr=");
	tb_hex(tb, v);
	tb_char(tb, '}');
}

/* A SIGSYS's call and architecture as strace names them: __NR_getppid,
 * AUDIT_ARCH_X86_64 (numbers where they are another architecture's). */
#define AUDIT_ARCH_X86_64_ 0xc000003eU
#define AUDIT_ARCH_I386_ 0x40000003U
static void print_sigsys_call(struct text_buffer *tb, int nr, uint32_t arch)
{
	const struct syscall_signature *s =
		arch == AUDIT_ARCH_X86_64_ ? syscall_lookup(nr) : 0;
	if (s && s->name) {
		tb_str(tb, "__NR_");
		tb_str(tb, s->name);
	} else {
		tb_dec(tb, nr);
	}
	tb_str(tb, ", si_arch=");
	if (arch == AUDIT_ARCH_X86_64_)
		tb_str(tb, "AUDIT_ARCH_X86_64");
	else if (arch == AUDIT_ARCH_I386_)
		tb_str(tb, "AUDIT_ARCH_I386");
	else
		tb_hex(tb, arch);
}

size_t format_siginfo(char *buf, size_t cap, const void *siginfo)
{
	struct text_buffer tb;
	tb_init(&tb, buf, cap);
	print_siginfo(&tb, siginfo);
	return tb_finish(&tb);
}

void print_siginfo(struct text_buffer *tb, const void *siginfo)
{
	const struct k_siginfo *si = siginfo;
	int sig = si->signo, code = si->code;
	tb_str(tb, "{si_signo=");
	print_signal(tb, sig);
	tb_str(tb, ", si_code=");
	const char *name = code > 0 && code != 0x80 ? signal_code_name(sig, code)
						    : user_code_name(code);
	if (name)
		tb_str(tb, name);
	else
		tb_dec(tb, code);
	if (si->err) {
		tb_str(tb, ", si_errno=");
		const char *e = errno_name(si->err);
		if (e)
			tb_str(tb, e);
		else
			tb_dec(tb, si->err);
	}
	if (code <= 0) {
		/* Sent by a process (kill, tgkill, sigqueue, timers). */
		switch (code) {
		case -2: /* SI_TIMER */
			tb_str(tb, ", si_timerid=");
			tb_hex(tb, (uint32_t)si->u.timer.tid);
			tb_str(tb, ", si_overrun=");
			tb_dec(tb, si->u.timer.overrun);
			print_sigval(tb, si->u.timer.value);
			break;
		case -1: /* SI_QUEUE */
		case -3: /* SI_MESGQ */
			print_pid_uid(tb, si);
			print_sigval(tb, si->u.rt.value);
			break;
		default:
			print_pid_uid(tb, si);
			break;
		}
	} else {
		/* SI_KERNEL too: strace shows a fault's si_addr whoever
		 * raised it (int3's SIGTRAP, a general protection fault). */
		switch (sig) {
		case 17: /* SIGCHLD */
			print_pid_uid(tb, si);
			tb_str(tb, ", si_status=");
			if (code == 1)
				tb_dec(tb, si->u.chld.status);
			else
				print_signal(tb, si->u.chld.status);
			tb_str(tb, ", si_utime=");
			print_clock_t(tb, (uint64_t)si->u.chld.utime);
			tb_str(tb, ", si_stime=");
			print_clock_t(tb, (uint64_t)si->u.chld.stime);
			break;
		case 4: case 5: case 7: case 8: case 11:
			tb_str(tb, ", si_addr=");
			tb_ptr(tb, si->u.fault.addr);
			break;
		case 29: /* SIGIO */
			tb_str(tb, ", si_band=");
			tb_dec(tb, si->u.poll.band);
			tb_str(tb, ", si_fd=");
			tb_dec(tb, si->u.poll.fd);
			break;
		case 31: /* SIGSYS */
			tb_str(tb, ", si_call_addr=");
			tb_ptr(tb, si->u.sys.call_addr);
			tb_str(tb, ", si_syscall=");
			print_sigsys_call(tb, si->u.sys.syscall, si->u.sys.arch);
			break;
		default:
			break;
		}
	}
	tb_char(tb, '}');
}

size_t format_signal_name(char *buf, size_t cap, int sig)
{
	struct text_buffer tb;
	tb_init(&tb, buf, cap);
	print_signal(&tb, sig);
	return tb_finish(&tb);
}
