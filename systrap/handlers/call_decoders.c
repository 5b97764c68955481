/* call_decoders: the calls whose arguments strace prints per command or
 * per flag rather than per argument kind: clone, clone3, ioctl, fcntl,
 * futex, arch_prctl (prctl: prctl_decoder.c), and rt_sigreturn's
 * restored mask. */
#include <errno.h>
#include <fcntl.h>
#include <asm/ioctls.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/kcmp.h>
#include <linux/sched.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "systrap/arch/arch_prctl.h"
#include "systrap/arch/context.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/errno_names.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/value_tables.h"

/* The fields of clone's and clone3's arguments strace 6.1 prints, in its
 * order: each ", name=value" where any of its flags is set (always, for
 * flags 0), the value the u64 at index. */
enum clone_field_kind { CLONE_FIELD_PTR, CLONE_FIELD_HEX, CLONE_FIELD_SIGNAL };

struct clone_field {
	uint64_t flags;
	const char *name;
	uint8_t index;
	uint8_t kind;
};

#define CLONE_FIELDS(t) (sizeof(t) / sizeof((t)[0]))

/* clone's at exit: its arguments after parent_tid (decode_clone). */
static const struct clone_field clone_exit_fields[] = {
	{ CLONE_SETTLS, "tls", 4, CLONE_FIELD_PTR },
	{ CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID, "child_tidptr", 3,
	  CLONE_FIELD_PTR },
};

/* clone3's struct clone_args, after its flags. */
static const struct clone_field clone3_fields[] = {
	{ CLONE_PIDFD, "pidfd", 1, CLONE_FIELD_PTR },
	{ CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID, "child_tid", 2,
	  CLONE_FIELD_PTR },
	{ CLONE_PARENT_SETTID, "parent_tid", 3, CLONE_FIELD_PTR },
	{ 0, "exit_signal", 4, CLONE_FIELD_SIGNAL },
	{ 0, "stack", 5, CLONE_FIELD_PTR },
	{ 0, "stack_size", 6, CLONE_FIELD_HEX },
	{ CLONE_SETTLS, "tls", 7, CLONE_FIELD_PTR },
};

static void print_clone_fields(struct text_buffer *tb,
			       const struct clone_field *f, size_t n,
			       uint64_t flags, const uint64_t *values)
{
	for (size_t i = 0; i < n; i++) {
		if (f[i].flags && !(flags & f[i].flags))
			continue;
		tb_str(tb, ", ");
		tb_str(tb, f[i].name);
		tb_char(tb, '=');
		uint64_t v = values[f[i].index];
		if (f[i].kind == CLONE_FIELD_SIGNAL)
			print_signal(tb, (long)v);
		else if (f[i].kind == CLONE_FIELD_HEX)
			tb_hex(tb, v);
		else
			tb_ptr(tb, (uintptr_t)v);
	}
}

void decode_clone(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	unsigned long flags = (unsigned long)ctx->args[0];
	if (!ctx->exiting) {
		tb_str(tb, "child_stack=");
		tb_ptr(tb, (uintptr_t)ctx->args[1]);
		tb_str(tb, ", flags=");
		/* The flags as any flag word prints under -X (raw: hex,
		 * verbose: hex and the names), then the exit signal. */
		int printed = (flags & ~(unsigned long)CSIGNAL) != 0;
		if (printed)
			print_flags(tb, value_table_get(VT_CLONE_FLAGS),
				    flags & ~(unsigned long)CSIGNAL);
		if (flags & CSIGNAL) {
			if (printed)
				tb_char(tb, '|');
			print_signal(tb, (long)(flags & CSIGNAL));
		} else if (!printed) {
			tb_char(tb, '0');
		}
		return;
	}
	if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		/* What the kernel stored there, as strace shows it once the
		 * call succeeded: the pidfd ("[3]", -y's path too) or the
		 * child's tid ("[1234]"); else the address. */
		uintptr_t at = (uintptr_t)ctx->args[2];
		int32_t v;
		tb_str(tb, ", parent_tid=");
		if (ctx->result >= 0 && at && ctx_verbose(ctx) &&
		    read_exact(ctx, &v, at, sizeof v)) {
			tb_char(tb, '[');
			if (flags & CLONE_PIDFD)
				print_fd(ctx, v);
			else
				print_pid(ctx, v, PIDNS_TID);
			tb_char(tb, ']');
		} else {
			tb_ptr(tb, at);
		}
	}
	uint64_t args[6];
	for (int i = 0; i < 6; i++)
		args[i] = (uint64_t)ctx->args[i];
	print_clone_fields(tb, clone_exit_fields,
			   CLONE_FIELDS(clone_exit_fields), flags, args);
}

/* clone3's size: strace prints it at the entry, unless the kernel is to
 * store a pidfd or the parent's tid, whose " => {...}" comes first at the
 * exit: where a line is cut in two (a vfork's, "<unfinished ...>"), each
 * half holds what strace's does. */
static void print_clone3_size(struct text_buffer *tb, const long *args)
{
	tb_str(tb, ", ");
	tb_udec(tb, (unsigned long)args[1]);
}

void decode_clone3(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	if (ctx->exiting) {
		/* What the kernel stored: " => {pidfd=[N], parent_tid=[N]}"
		 * (strace's clone3 at exit, when the call succeeded). */
		uint64_t ca[4];
		int stores = ctx->args[1] >= CLONE_ARGS_SIZE_VER0 &&
			     read_exact(ctx, ca, (uintptr_t)ctx->args[0],
					sizeof ca) &&
			     (ca[0] & (CLONE_PIDFD | CLONE_PARENT_SETTID));
		if (!stores)
			return; /* the size was printed at the entry */
		if (ctx->result >= 0) {
			tb_str(tb, " => {");
			int32_t v;
			if (ca[0] & CLONE_PIDFD) {
				tb_str(tb, "pidfd=");
				if (read_exact(ctx, &v, (uintptr_t)ca[1], 4)) {
					tb_char(tb, '[');
					print_fd(ctx, v);
					tb_char(tb, ']');
				} else {
					tb_ptr(tb, (uintptr_t)ca[1]);
				}
			}
			if (ca[0] & CLONE_PARENT_SETTID) {
				if (ca[0] & CLONE_PIDFD)
					tb_str(tb, ", ");
				tb_str(tb, "parent_tid=");
				if (read_exact(ctx, &v, (uintptr_t)ca[3], 4)) {
					tb_char(tb, '[');
					print_pid(ctx, v, PIDNS_TID);
					tb_char(tb, ']');
				} else {
					tb_ptr(tb, (uintptr_t)ca[3]);
				}
			}
			tb_char(tb, '}');
		}
		print_clone3_size(tb, ctx->args);
		return;
	}
	uint64_t ca[11];
	uintptr_t p = (uintptr_t)ctx->args[0];
	/* The fields its size holds: set_tid from version 1, cgroup from
	 * version 2, as strace reads them. */
	unsigned long size = (unsigned long)ctx->args[1];
	size_t have = size >= CLONE_ARGS_SIZE_VER2   ? CLONE_ARGS_SIZE_VER2
		      : size >= CLONE_ARGS_SIZE_VER1 ? CLONE_ARGS_SIZE_VER1
						     : CLONE_ARGS_SIZE_VER0;
	if (size < CLONE_ARGS_SIZE_VER0 || !read_exact(ctx, ca, p, have)) {
		tb_ptr(tb, p);
		print_clone3_size(tb, ctx->args);
		return;
	}
	tb_str(tb, "{flags=");
	print_flags(tb, value_table_get(VT_CLONE_FLAGS), ca[0]);
	print_clone_fields(tb, clone3_fields, CLONE_FIELDS(clone3_fields),
			   ca[0], ca);
	if (have >= CLONE_ARGS_SIZE_VER1 && (ca[8] || ca[9])) {
		/* The pids the child is to have, one a namespace level. */
		tb_str(tb, ", set_tid=");
		int32_t tids[32];
		if (!ca[8])
			tb_str(tb, "NULL");
		else if (ca[9] && ca[9] <= 32 &&
			 read_exact(ctx, tids, (uintptr_t)ca[8],
				    (size_t)ca[9] * sizeof *tids)) {
			tb_char(tb, '[');
			for (uint64_t i = 0; i < ca[9]; i++) {
				if (i)
					tb_str(tb, ", ");
				tb_dec(tb, tids[i]);
			}
			tb_char(tb, ']');
		} else {
			tb_ptr(tb, (uintptr_t)ca[8]);
		}
		tb_str(tb, ", set_tid_size=");
		tb_udec(tb, ca[9]);
	}
	if (have >= CLONE_ARGS_SIZE_VER2 &&
	    (ca[10] || (ca[0] & CLONE_INTO_CGROUP))) {
		tb_str(tb, ", cgroup=");
		tb_udec(tb, ca[10]);
	}
	tb_char(tb, '}');
	if (!(ca[0] & (CLONE_PIDFD | CLONE_PARENT_SETTID)))
		print_clone3_size(tb, ctx->args);
}

enum ioctl_style {
	IOCTL_ARG_HEX,      /* unknown: ", 0x..." at entry */
	IOCTL_ARG_NONE,     /* no third argument */
	IOCTL_ARG_DEC,      /* ", 16" at entry */
	IOCTL_ARG_INT_IN,   /* ", [1]" at entry */
	IOCTL_ARG_INT_OUT,  /* ", [0]" at exit */
	IOCTL_ARG_TERMIOS_IN,
	IOCTL_ARG_TERMIOS_OUT,
	IOCTL_ARG_TERMIOS2_IN,
	IOCTL_ARG_TERMIOS2_OUT,
	IOCTL_ARG_TERMIO_IN,
	IOCTL_ARG_TERMIO_OUT,
	IOCTL_ARG_WINSIZE_IN,
	IOCTL_ARG_WINSIZE_OUT,
	IOCTL_ARG_TCFLSH,
	IOCTL_ARG_IFREQ,    /* struct ifreq: the name at entry, ", field}" at
			       exit (SIOCGIFNAME: the index, then the name) */
};

struct ioctl_arg_style {
	uint32_t request;
	uint8_t style;
};

static const struct ioctl_arg_style ioctl_styles[] = {
	{ TCGETS, IOCTL_ARG_TERMIOS_OUT },
	{ TCSETS, IOCTL_ARG_TERMIOS_IN },
	{ TCSETSW, IOCTL_ARG_TERMIOS_IN },
	{ TCSETSF, IOCTL_ARG_TERMIOS_IN },
	{ TIOCGLCKTRMIOS, IOCTL_ARG_TERMIOS_OUT },
	{ TIOCSLCKTRMIOS, IOCTL_ARG_TERMIOS_IN },
	{ 0x802c542a /* TCGETS2 */, IOCTL_ARG_TERMIOS2_OUT },
	{ 0x402c542b /* TCSETS2 */, IOCTL_ARG_TERMIOS2_IN },
	{ 0x402c542c /* TCSETSW2 */, IOCTL_ARG_TERMIOS2_IN },
	{ 0x402c542d /* TCSETSF2 */, IOCTL_ARG_TERMIOS2_IN },
	{ TCGETA, IOCTL_ARG_TERMIO_OUT },
	{ TCSETA, IOCTL_ARG_TERMIO_IN },
	{ TCSETAW, IOCTL_ARG_TERMIO_IN },
	{ TCSETAF, IOCTL_ARG_TERMIO_IN },
	{ TIOCGWINSZ, IOCTL_ARG_WINSIZE_OUT },
	{ TIOCSWINSZ, IOCTL_ARG_WINSIZE_IN },
	{ FIONREAD, IOCTL_ARG_INT_OUT },
	{ TIOCGPGRP, IOCTL_ARG_INT_OUT },
	{ TIOCSPGRP, IOCTL_ARG_INT_IN },
	{ FIONBIO, IOCTL_ARG_INT_IN },
	{ FIOASYNC, IOCTL_ARG_INT_IN },
	{ TIOCGSID, IOCTL_ARG_INT_OUT },
	{ TIOCOUTQ, IOCTL_ARG_INT_OUT },
	{ TIOCGETD, IOCTL_ARG_INT_OUT },
	{ TIOCSETD, IOCTL_ARG_INT_IN },
	{ TIOCGPTN, IOCTL_ARG_INT_OUT },
	{ TIOCSPTLCK, IOCTL_ARG_INT_IN },
	{ FIONCLEX, IOCTL_ARG_NONE },
	{ FIOCLEX, IOCTL_ARG_NONE },
	{ TIOCNOTTY, IOCTL_ARG_NONE },
	{ TIOCEXCL, IOCTL_ARG_NONE },
	{ TIOCNXCL, IOCTL_ARG_NONE },
	{ TIOCSBRK, IOCTL_ARG_NONE },
	{ TIOCCBRK, IOCTL_ARG_NONE },
	{ TIOCVHANGUP, IOCTL_ARG_NONE },
	{ TCSBRK, IOCTL_ARG_DEC },
	{ TCSBRKP, IOCTL_ARG_DEC },
	{ TIOCSCTTY, IOCTL_ARG_DEC },
	{ FICLONE, IOCTL_ARG_DEC },
	{ TCFLSH, IOCTL_ARG_TCFLSH },
	{ SIOCGIFFLAGS, IOCTL_ARG_IFREQ },
	{ SIOCGIFINDEX, IOCTL_ARG_IFREQ },
	{ SIOCGIFNAME, IOCTL_ARG_IFREQ },
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
	int begun = const_names_begin(tb, req, CONST_HEX);
	if (!begun)
		return;
	/* strace's names with a number in them come first ("A or B"). */
	int numbered = print_ioctl_number_name(tb, req);
	if (name) {
		tb_str(tb, numbered ? " or " : "");
		tb_str(tb, name);
	}
	if (name || numbered) {
		const_names_end(tb, begun);
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
	const_names_end(tb, begun);
}

/* An interface's name of IFNAMSIZ bytes, as strace's print_quoted_cstring:
 * "..." after it when its last byte is not the NUL. */
static void print_ifr_name(const struct decode_context *ctx,
			   const char *name)
{
	size_t len = 0;
	while (len < IFNAMSIZ - 1 && name[len])
		len++;
	print_quoted_local(ctx, (const unsigned char *)name, len, 0);
	if (len == IFNAMSIZ - 1 && name[len])
		tb_str(ctx->tb, "...");
}

/* The SIOCGIF* requests' struct ifreq (strace's sock.c): at entry the
 * name the program asks about (SIOCGIFNAME: the index), at exit what the
 * kernel filled in, unless the call failed. */
static void print_ifreq(const struct decode_context *ctx, uint32_t req,
			uintptr_t arg)
{
	struct text_buffer *tb = ctx->tb;
	struct ifreq ifr;
	if (!ctx->exiting) {
		if (!read_or_print_addr(ctx, &ifr, arg, sizeof ifr))
			return;
		if (req == SIOCGIFNAME) {
			print_field_d(tb, "{ifr_ifindex=", ifr.ifr_ifindex);
		} else {
			tb_str(tb, "{ifr_name=");
			print_ifr_name(ctx, ifr.ifr_name);
		}
		return;
	}
	/* The entry showed the address instead of the struct. */
	if (!arg || !ctx_verbose(ctx) ||
	    !read_exact(ctx, &ifr, arg, sizeof ifr))
		return;
	if (!is_error_result(ctx->result)) {
		if (req == SIOCGIFFLAGS) {
			print_field_flags(tb, ", ifr_flags=", VT_IFF_FLAGS,
					  (uint16_t)ifr.ifr_flags);
		} else if (req == SIOCGIFINDEX) {
			print_field_d(tb, ", ifr_ifindex=", ifr.ifr_ifindex);
		} else {
			tb_str(tb, ", ifr_name=");
			print_ifr_name(ctx, ifr.ifr_name);
		}
	}
	tb_char(tb, '}');
}

void decode_ioctl(const struct decode_context *ctx)
{
	if (decode_ioctl_row(ctx)) /* ioctl_decoders.c's table */
		return;
	struct text_buffer *tb = ctx->tb;
	uint32_t req = (uint32_t)ctx->args[1];
	uintptr_t arg = (uintptr_t)ctx->args[2];
	unsigned style = ioctl_style_of(req);
	int out = style == IOCTL_ARG_INT_OUT || style == IOCTL_ARG_TERMIOS_OUT ||
		  style == IOCTL_ARG_TERMIOS2_OUT ||
		  style == IOCTL_ARG_TERMIO_OUT || style == IOCTL_ARG_WINSIZE_OUT;
	/* The termios kinds' structs, by style. */
	int term = style == IOCTL_ARG_TERMIOS2_IN ||
		   style == IOCTL_ARG_TERMIOS2_OUT ? TERM_TERMIOS2
		   : style == IOCTL_ARG_TERMIO_IN ||
		     style == IOCTL_ARG_TERMIO_OUT ? TERM_TERMIO
		   : TERM_TERMIOS;
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
		case IOCTL_ARG_TERMIOS2_IN:
		case IOCTL_ARG_TERMIO_IN:
			print_termios_kind(ctx, arg, term);
			return;
		case IOCTL_ARG_WINSIZE_IN:
			print_winsize(ctx, arg);
			return;
		case IOCTL_ARG_IFREQ:
			print_ifreq(ctx, req, arg);
			return;
		case IOCTL_ARG_TCFLSH: {
			static const char *const q[] = { "TCIFLUSH", "TCOFLUSH",
							 "TCIOFLUSH" };
			if (arg < 3) {
				print_named_value(tb, arg, q[arg], CONST_HEX);
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
	if (style == IOCTL_ARG_IFREQ) {
		print_ifreq(ctx, req, arg);
		return;
	}
	if (!out)
		return;
	tb_str(tb, ", ");
	if (is_error_result(ctx->result)) {
		tb_ptr(tb, arg);
		return;
	}
	if (style == IOCTL_ARG_TERMIOS_OUT || style == IOCTL_ARG_TERMIOS2_OUT ||
	    style == IOCTL_ARG_TERMIO_OUT)
		print_termios_kind(ctx, arg, term);
	else if (style == IOCTL_ARG_WINSIZE_OUT)
		print_winsize(ctx, arg);
	else
		print_int_array_ptr(ctx, arg, 1, 4, 0);
}

const char *lock_type_name(long type)
{
	static const char *const types[] = {"F_RDLCK", "F_WRLCK", "F_UNLCK"};
	return type >= 0 && type < 3 ? types[type] : 0;
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
	tb_str(tb, "{l_type=");
	if (lock_type_name(fl.type))
		print_named_value(tb, (uint64_t)fl.type, lock_type_name(fl.type),
				  CONST_HEX);
	else
		tb_dec(tb, fl.type);
	tb_str(tb, ", l_whence=");
	print_enum(tb, value_table_get(VT_SEEK_WHENCE), (uint16_t)fl.whence);
	tb_str(tb, ", l_start=");
	tb_dec(tb, fl.start);
	tb_str(tb, ", l_len=");
	tb_dec(tb, fl.len);
	/* strace 6.1: the pid only of a lock F_GETLK found (printed at
	 * exit), a process. */
	if (ctx->exiting) {
		tb_str(tb, ", l_pid=");
		print_pid(ctx, fl.pid, PIDNS_TGID);
	}
	tb_char(tb, '}');
}

/* F_SETOWN_EX's and F_GETOWN_EX's struct f_owner_ex: the owner's type and
 * its pid, a thread, a process or a group as the type says. */
static void print_f_owner_ex(const struct decode_context *ctx, uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	struct { int32_t type, pid; } ow;
	if (!addr || !read_exact(ctx, &ow, addr, sizeof ow)) {
		tb_ptr(tb, addr);
		return;
	}
	static const char *const types[] = { "F_OWNER_TID", "F_OWNER_PID",
					     "F_OWNER_PGRP" };
	static const int pid_types[] = { PIDNS_TID, PIDNS_TGID, PIDNS_PGID };
	int known = ow.type >= 0 && ow.type < 3;
	tb_str(tb, "{type=");
	print_named_value(tb, (uint64_t)(uint32_t)ow.type,
			  known ? types[ow.type] : 0, CONST_HEX);
	tb_str(tb, ", pid=");
	if (known)
		print_pid(ctx, ow.pid, pid_types[ow.type]);
	else
		tb_dec(tb, ow.pid);
	tb_char(tb, '}');
}

static int fcntl_has_no_arg(long cmd)
{
	switch (cmd) {
	case F_GETFD: case F_GETFL: case F_GETOWN: case F_GETSIG:
	case F_GETLEASE: case F_GETPIPE_SZ: case F_GET_SEALS:
		return 1;
	default:
		return 0;
	}
}

void decode_fcntl(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	long cmd = (int)ctx->args[1];
	long arg = ctx->args[2];
	int getlk = cmd == F_GETLK || cmd == F_OFD_GETLK;
	if (ctx->exiting && cmd == F_GETOWN_EX) {
		if (is_error_result(ctx->result))
			tb_ptr(tb, (uintptr_t)arg);
		else
			print_f_owner_ex(ctx, (uintptr_t)arg);
		return;
	}
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
	case F_DUPFD: case F_DUPFD_CLOEXEC:
	case F_SETPIPE_SZ:
		tb_dec(tb, (int)arg);
		return;
	case F_SETOWN: /* a process, or a group when negative */
		print_pid_tgid_pgid(ctx, arg);
		return;
	case F_SETFD:
		print_flags(tb, value_table_get(VT_FD_FLAGS), (uint32_t)arg);
		return;
	case F_SETFL:
		print_open_flags(tb, (uint32_t)arg);
		return;
	case F_SETSIG:
		print_signal(tb, (int)arg);
		return;
	case F_ADD_SEALS: /* strace: printflags64 */
		print_flags(tb, value_table_get(VT_F_SEALS), (uint64_t)arg);
		return;
	case F_SETLK: case F_SETLKW: case F_OFD_SETLK: case F_OFD_SETLKW:
		print_flock(ctx, (uintptr_t)arg);
		return;
	case F_SETOWN_EX:
		print_f_owner_ex(ctx, (uintptr_t)arg);
		return;
	case F_GETOWN_EX: /* the struct is printed at exit */
		return;
	case F_SETLEASE:
		if (lock_type_name(arg))
			print_named_value(tb, (uint64_t)arg, lock_type_name(arg),
					  CONST_HEX);
		else
			tb_dec(tb, (int)arg);
		return;
	case F_GETLK: case F_OFD_GETLK: /* the struct is printed at exit */
		return;
	case F_NOTIFY:
		print_flags(tb, value_table_get(VT_DNOTIFY_FLAGS),
			    (uint32_t)arg);
		return;
	default:
		tb_hex(tb, (unsigned long)arg);
		return;
	}
}

/* One struct futex_waitv of futex_waitv's array: __reserved only when
 * set. */
static void print_futex_waiter(const struct decode_context *ctx,
			       const void *elem)
{
	struct text_buffer *tb = ctx->tb;
	const struct {
		uint64_t val, uaddr;
		uint32_t flags, reserved;
	} *w = elem;
	_Static_assert(sizeof *w == 24, "struct futex_waitv");
	tb_str(tb, "{val=");
	tb_hex(tb, w->val);
	tb_str(tb, ", uaddr=");
	tb_ptr(tb, w->uaddr);
	print_field_flags(tb, ", flags=", VT_FUTEX_WAITER_FLAGS, w->flags);
	if (w->reserved) {
		tb_str(tb, ", __reserved=");
		tb_hex(tb, w->reserved);
	}
	tb_char(tb, '}');
}

void print_futex_waiters(const struct decode_context *ctx, uintptr_t addr,
			 unsigned long count)
{
	/* No more than the kernel takes (FUTEX_WAITV_MAX), as strace: a
	 * count of 2^32 - 1 under -v reads 128 waiters, not gigabytes. */
	print_array_of(ctx, addr, (long)count, 128, 24, print_futex_waiter);
}

void decode_futex(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	if (ctx->exiting)
		return;
	const long *a = ctx->args;
	unsigned op = (unsigned)a[1];
	unsigned cmd = op & FUTEX_CMD_MASK;
	tb_ptr(tb, (uintptr_t)a[0]);
	tb_str(tb, ", ");
	const char *name = value_table_name(value_table_get(VT_FUTEX_OP), cmd);
	/* strace looks the whole op up (FUTEX_WAIT_PRIVATE is a name). */
	int begun = name ? const_names_begin(tb, op, CONST_HEX) : 0;
	if (begun) {
		tb_str(tb, name);
		if (op & FUTEX_PRIVATE_FLAG)
			tb_str(tb, "_PRIVATE");
		if (op & FUTEX_CLOCK_REALTIME)
			tb_str(tb, "|FUTEX_CLOCK_REALTIME");
		if (op & ~(unsigned)(FUTEX_CMD_MASK | FUTEX_PRIVATE_FLAG |
				   FUTEX_CLOCK_REALTIME)) {
			tb_char(tb, '|');
			tb_hex(tb, op & ~(unsigned)(FUTEX_CMD_MASK |
						FUTEX_PRIVATE_FLAG |
						FUTEX_CLOCK_REALTIME));
		}
		const_names_end(tb, begun);
	} else if (!name) {
		tb_hex(tb, op);
		tb_str(tb, " /* FUTEX_??? */");
	}
	struct decode_context sub = *ctx;
	switch (name ? (int)cmd : -1) {
	case FUTEX_WAIT: case FUTEX_WAIT_REQUEUE_PI: case FUTEX_WAIT_BITSET:
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[2]);
		tb_str(tb, ", ");
		print_struct(&sub, STRUCT_TIMESPEC, (uintptr_t)a[3]);
		if (cmd == FUTEX_WAIT_REQUEUE_PI) {
			tb_str(tb, ", ");
			tb_ptr(tb, (uintptr_t)a[4]);
		} else if (cmd == FUTEX_WAIT_BITSET) {
			tb_str(tb, ", ");
			print_named_value(tb, (uint32_t)a[5],
					  (uint32_t)a[5] == FUTEX_BITSET_MATCH_ANY
						  ? "FUTEX_BITSET_MATCH_ANY"
						  : 0,
					  CONST_HEX);
		}
		return;
	case FUTEX_WAKE: case FUTEX_FD:
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[2]);
		return;
	case FUTEX_WAKE_BITSET:
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[2]);
		tb_str(tb, ", ");
		print_named_value(tb, (uint32_t)a[5],
				  (uint32_t)a[5] == FUTEX_BITSET_MATCH_ANY
					  ? "FUTEX_BITSET_MATCH_ANY"
					  : 0,
				  CONST_HEX);
		return;
	case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_CMP_REQUEUE_PI:
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[2]);
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned)a[3]);
		tb_str(tb, ", ");
		tb_ptr(tb, (uintptr_t)a[4]);
		if (cmd != FUTEX_REQUEUE) {
			tb_str(tb, ", ");
			tb_udec(tb, (unsigned)a[5]);
		}
		return;
	case FUTEX_WAKE_OP: {
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
	case FUTEX_LOCK_PI: case FUTEX_LOCK_PI2:
		tb_str(tb, ", ");
		print_struct(&sub, STRUCT_TIMESPEC, (uintptr_t)a[3]);
		return;
	case FUTEX_UNLOCK_PI: case FUTEX_TRYLOCK_PI:
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

void decode_arch_prctl(const struct decode_context *ctx)
{
#if ARCH_HAS_ARCH_PRCTL
	struct text_buffer *tb = ctx->tb;
	long code = (int)ctx->args[0];
	uintptr_t addr = (uintptr_t)ctx->args[1];
	/* strace 6.1: the GET_FS/GS base as a pointer, GET_CPUID without its
	 * argument, the XSAVE features by name in a comment. */
	enum arch_prctl_kind kind = arch_prctl_kind((int)code);
	int get = kind == ARCH_PRCTL_GET_BASE;
	int xget = kind == ARCH_PRCTL_GET_XMASK;
	if (!ctx->exiting) {
		print_enum(tb, value_table_get(VT_ARCH_PRCTL), (uint32_t)code);
		if (kind == ARCH_PRCTL_NO_ARG)
			return;
		tb_str(tb, ", ");
		if (kind == ARCH_PRCTL_REQ_XFEATURE)
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
#else
	(void)ctx;
#endif
}

void decode_rt_sigreturn(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	uintptr_t sp = ctx->opts->stack_pointer;
	uint8_t mask[8];
	if (sp && !ctx_verbose(ctx)) {
		/* -e verbose= without it: where the mask is (strace). */
		tb_str(tb, "{mask=");
		tb_hex_raw(tb, arch_sigreturn_sigmask_at(sp));
		tb_char(tb, '}');
		return;
	}
	/* The mask of the frame rt_sigreturn restores, at the program's rsp,
	 * as the program sees it restored. */
	if (!sp || arch_sigreturn_saved_sigmask(sp, mask, ctx->rd))
		return;
	uint64_t virt = ctx->opts->sigreturn_virtual;
	uint64_t blocked = ctx->opts->sigreturn_virtual_blocked & virt;
	for (int i = 0; i < 64; i++)
		if (virt >> i & 1) {
			uint8_t bit = (uint8_t)(1u << (i % 8));
			mask[i / 8] = (uint8_t)((blocked >> i & 1)
							? mask[i / 8] | bit
							: mask[i / 8] & ~bit);
		}
	tb_str(tb, "{mask=");
	print_sigset_bits(tb, mask, 8);
	tb_char(tb, '}');
}

#define K(name) { (uint64_t)(name), #name }
static const struct named_value kcmp_type_names[] = {
	K(KCMP_FILE), K(KCMP_VM), K(KCMP_FILES), K(KCMP_FS), K(KCMP_SIGHAND),
	K(KCMP_IO), K(KCMP_SYSVSEM), K(KCMP_EPOLL_TFD),
};
#undef K
static const struct value_table kcmp_types = {
	kcmp_type_names, sizeof kcmp_type_names / sizeof *kcmp_type_names,
	"KCMP_???"
};

/* strace 6.1's SYS_FUNC(kcmp). */
void decode_kcmp(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	int pid1 = (int)ctx->args[0], pid2 = (int)ctx->args[1];
	int type = (int)ctx->args[2];
	tb_dec(tb, pid1);
	tb_str(tb, ", ");
	tb_dec(tb, pid2);
	tb_str(tb, ", ");
	print_enum(tb, &kcmp_types, (uint32_t)type);
	switch (type) {
	case KCMP_FILE:
		tb_str(tb, ", ");
		print_fd_in_process(ctx, pid1, ctx->args[3]);
		tb_str(tb, ", ");
		print_fd_in_process(ctx, pid2, ctx->args[4]);
		return;
	case KCMP_EPOLL_TFD: {
		tb_str(tb, ", ");
		print_fd_in_process(ctx, pid1, ctx->args[3]);
		tb_str(tb, ", ");
		struct kcmp_epoll_slot slot;
		if (!read_or_print_addr(ctx, &slot, (uintptr_t)ctx->args[4],
					sizeof slot))
			return;
		tb_str(tb, "{efd=");
		print_fd_in_process(ctx, pid2, (int)slot.efd);
		tb_str(tb, ", tfd=");
		print_fd_in_process(ctx, pid2, (int)slot.tfd);
		tb_str(tb, ", toff=");
		tb_udec(tb, slot.toff);
		tb_char(tb, '}');
		return;
	}
	case KCMP_FILES:
	case KCMP_FS:
	case KCMP_IO:
	case KCMP_SIGHAND:
	case KCMP_SYSVSEM:
	case KCMP_VM:
		return;
	default:
		tb_str(tb, ", ");
		tb_hex(tb, (unsigned long)ctx->args[3]);
		tb_str(tb, ", ");
		tb_hex(tb, (unsigned long)ctx->args[4]);
	}
}
