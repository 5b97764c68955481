/* ioctl_decoders: ioctl requests as rows (request, strace 6.1's name, what
 * the third argument is), for the families strace's own suite exercises:
 * watchdog (WDIOC_*), the modem lines (TIOCM*), /dev/random (RND*),
 * inotify's INOTIFY_IOC_SETNEXTWD, FS_IOC_FIEMAP and the namespace files'
 * NS_GET_* (whose results are a descriptor or a CLONE_NEW* type). decode_ioctl (call_decoders.c) asks
 * here first; requests not in the table keep its older decoding.
 *
 * Each argument kind prints as strace's printnum_int/umove_or_printaddr
 * does: NULL, the address when unreadable (or when an output's call
 * failed), else the value in brackets.
 */
#include "systrap/handlers/decode_context.h"

#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/inotify.h>
#include <linux/nsfs.h>
#include <linux/sched.h>
#include <linux/random.h>
#include <linux/watchdog.h>
#include <sys/ioctl.h>

#include "systrap/handlers/value_tables.h"

/* The kernel's (asm-generic/termios.h); glibc's headers stop at TIOCM_RI. */
#ifndef TIOCM_OUT1
#define TIOCM_OUT1 0x2000
#define TIOCM_OUT2 0x4000
#define TIOCM_LOOP 0x8000
#endif

enum ioctl_arg {
	IA_NONE,       /* no third argument */
	IA_DEC,        /* an int, in decimal */
	IA_INT_IN,     /* int *, read at entry: [N] */
	IA_INT_OUT,    /* int *, written: [N] at exit */
	IA_MODEM_IN,   /* int * of TIOCM_* bits, read at entry */
	IA_MODEM_OUT,  /* int * of TIOCM_* bits, written */
	IA_ENTROPY_IN, /* struct rand_pool_info, read at entry */
	IA_FIEMAP,     /* struct fiemap: read at entry, " => {...}" at exit */
	IA_UID_OUT,    /* uid_t *, written: [N] (-1, else unsigned) at exit */
};

/* What the result is, when not a plain int. */
enum ioctl_ret {
	IR_INT,
	IR_FD,     /* a new descriptor (-y decorates it) */
	IR_NSTYPE, /* a CLONE_NEW* namespace type: "268435456 (CLONE_NEWUSER)" */
};

struct ioctl_row {
	uint32_t request;
	const char *name;
	uint8_t arg;
	uint8_t ret;
};

#define R(req, arg) { (uint32_t)(req), #req, arg, IR_INT }
#define RR(req, arg, ret) { (uint32_t)(req), #req, arg, ret }
static const struct ioctl_row ioctl_rows[] = {
	R(WDIOC_GETSTATUS, IA_INT_OUT),
	R(WDIOC_GETBOOTSTATUS, IA_INT_OUT),
	R(WDIOC_GETTEMP, IA_INT_OUT),
	R(WDIOC_GETTIMEOUT, IA_INT_OUT),
	R(WDIOC_GETPRETIMEOUT, IA_INT_OUT),
	R(WDIOC_GETTIMELEFT, IA_INT_OUT),
	R(WDIOC_SETTIMEOUT, IA_INT_IN),
	R(WDIOC_SETPRETIMEOUT, IA_INT_IN),
	R(WDIOC_KEEPALIVE, IA_NONE), /* takes an int that is ignored */
	R(TIOCMGET, IA_MODEM_OUT),
	R(TIOCMBIS, IA_MODEM_IN),
	R(TIOCMBIC, IA_MODEM_IN),
	R(TIOCMSET, IA_MODEM_IN),
	R(RNDGETENTCNT, IA_INT_OUT),
	R(RNDADDTOENTCNT, IA_INT_IN),
	R(RNDADDENTROPY, IA_ENTROPY_IN),
	/* strace 6.1 names both requests of this number. */
	{ (uint32_t)RNDZAPENTCNT, "FASTRPC_IOCTL_INIT_ATTACH or RNDZAPENTCNT",
	  IA_NONE, IR_INT },
	R(RNDCLEARPOOL, IA_NONE),
	R(RNDRESEEDCRNG, IA_NONE),
	R(INOTIFY_IOC_SETNEXTWD, IA_DEC),
	R(FS_IOC_FIEMAP, IA_FIEMAP),
	RR(NS_GET_USERNS, IA_NONE, IR_FD),
	RR(NS_GET_PARENT, IA_NONE, IR_FD),
	RR(NS_GET_NSTYPE, IA_NONE, IR_NSTYPE),
	R(NS_GET_OWNER_UID, IA_UID_OUT),
};
#undef RR
#undef R

#define M(name) { (uint64_t)(name), #name }
static const struct named_value modem_names[] = {
	M(TIOCM_LE), M(TIOCM_DTR), M(TIOCM_RTS), M(TIOCM_ST), M(TIOCM_SR),
	M(TIOCM_CTS), M(TIOCM_CAR), M(TIOCM_RNG), M(TIOCM_DSR),
	M(TIOCM_OUT1), M(TIOCM_OUT2), M(TIOCM_LOOP),
};
#undef M
static const struct value_table modem_flags = {
	modem_names, sizeof modem_names / sizeof *modem_names, "TIOCM_???"
};

#define F(name) { (uint64_t)(name), #name }
static const struct named_value fiemap_flag_names[] = {
	F(FIEMAP_FLAG_SYNC), F(FIEMAP_FLAG_XATTR), F(FIEMAP_FLAG_CACHE),
};
static const struct named_value fiemap_extent_flag_names[] = {
	F(FIEMAP_EXTENT_LAST), F(FIEMAP_EXTENT_UNKNOWN),
	F(FIEMAP_EXTENT_DELALLOC), F(FIEMAP_EXTENT_ENCODED),
	F(FIEMAP_EXTENT_DATA_ENCRYPTED), F(FIEMAP_EXTENT_NOT_ALIGNED),
	F(FIEMAP_EXTENT_DATA_INLINE), F(FIEMAP_EXTENT_DATA_TAIL),
	F(FIEMAP_EXTENT_UNWRITTEN), F(FIEMAP_EXTENT_MERGED),
	F(FIEMAP_EXTENT_SHARED),
};
#undef F
static const struct value_table fiemap_flags = {
	fiemap_flag_names, sizeof fiemap_flag_names / sizeof *fiemap_flag_names,
	"FIEMAP_FLAG_???"
};
static const struct value_table fiemap_extent_flags = {
	fiemap_extent_flag_names,
	sizeof fiemap_extent_flag_names / sizeof *fiemap_extent_flag_names,
	"FIEMAP_EXTENT_???"
};

/* strace 6.1's setns_types, in its order. */
#define N(name) { (uint64_t)(name), #name }
static const struct named_value nstype_names[] = {
	N(CLONE_NEWNS), N(CLONE_NEWCGROUP), N(CLONE_NEWUTS), N(CLONE_NEWIPC),
	N(CLONE_NEWUSER), N(CLONE_NEWPID), N(CLONE_NEWNET), N(CLONE_NEWTIME),
};
#undef N
static const struct value_table nstypes = {
	nstype_names, sizeof nstype_names / sizeof *nstype_names, ""
};

static const struct ioctl_row *ioctl_row_of(uint32_t request)
{
	for (unsigned i = 0; i < sizeof ioctl_rows / sizeof *ioctl_rows; i++)
		if (ioctl_rows[i].request == request)
			return &ioctl_rows[i];
	return 0;
}

/* [N] or [TIOCM_x|...] of the int at addr. */
static void print_int_at(const struct decode_context *ctx, uintptr_t addr,
			 int modem)
{
	int32_t v;
	if (!read_or_print_addr(ctx, &v, addr, sizeof v))
		return;
	tb_char(ctx->tb, '[');
	if (modem)
		print_flags(ctx->tb, &modem_flags, (uint32_t)v);
	else
		tb_dec(ctx->tb, v);
	tb_char(ctx->tb, ']');
}

/* {entropy_count=3, buf_size=8, buf="12345678"} */
static void print_entropy(const struct decode_context *ctx, uintptr_t addr)
{
	int32_t head[2];
	if (!read_or_print_addr(ctx, head, addr, sizeof head))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{entropy_count=");
	tb_dec(tb, head[0]);
	tb_str(tb, ", buf_size=");
	tb_dec(tb, head[1]);
	tb_str(tb, ", buf=");
	print_buffer(ctx, addr + sizeof head, (uint32_t)head[1], 0);
	tb_char(tb, '}');
}

/* Entry: {fm_start=, fm_length=, fm_flags=, fm_extent_count=}. */
static void print_fiemap_in(const struct decode_context *ctx, uintptr_t addr)
{
	struct fiemap fm;
	if (!read_or_print_addr(ctx, &fm, addr, sizeof fm))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{fm_start=");
	tb_udec(tb, fm.fm_start);
	tb_str(tb, ", fm_length=");
	tb_udec(tb, fm.fm_length);
	tb_str(tb, ", fm_flags=");
	print_flags(tb, &fiemap_flags, fm.fm_flags);
	tb_str(tb, ", fm_extent_count=");
	tb_udec(tb, fm.fm_extent_count);
	tb_char(tb, '}');
}

/* strace's print_array of the extents after the struct (under -v): [],
 * the address when the first cannot be read (or the size overflows),
 * "..., ... (the address in a comment)" when a later one cannot. At most 64:
 * a line ends at 4 KiB anyway. */
static void print_fiemap_extents(const struct decode_context *ctx,
				 uintptr_t addr, uint32_t count)
{
	struct text_buffer *tb = ctx->tb;
	if (count == 0) {
		tb_str(tb, "[]");
		return;
	}
	if (addr + (uint64_t)count * sizeof(struct fiemap_extent) <= addr) {
		tb_hex_raw(tb, addr);
		return;
	}
	for (uint32_t i = 0; i < count; i++) {
		struct fiemap_extent fe;
		uintptr_t at = addr + (uintptr_t)i * sizeof fe;
		if (i == 64) {
			tb_str(tb, ", ...");
			break;
		}
		if (!read_exact(ctx, &fe, at, sizeof fe)) {
			if (i == 0) {
				tb_hex_raw(tb, at);
				return;
			}
			tb_str(tb, ", ... /* ");
			tb_hex_raw(tb, at);
			tb_str(tb, " */");
			break;
		}
		tb_str(tb, i ? ", " : "[");
		tb_str(tb, "{fe_logical=");
		tb_udec(tb, fe.fe_logical);
		tb_str(tb, ", fe_physical=");
		tb_udec(tb, fe.fe_physical);
		tb_str(tb, ", fe_length=");
		tb_udec(tb, fe.fe_length);
		tb_str(tb, ", fe_flags=");
		print_flags(tb, &fiemap_extent_flags, fe.fe_flags);
		tb_char(tb, '}');
	}
	tb_char(tb, ']');
}

/* Exit (unless the call failed or the struct was unreadable at entry):
 * " => {fm_flags=, fm_mapped_extents=, ...}", the extents under -v. */
static void print_fiemap_out(const struct decode_context *ctx, uintptr_t addr)
{
	struct fiemap fm;
	if (is_error_result(ctx->result) || !addr || !ctx_verbose(ctx) ||
	    !read_exact(ctx, &fm, addr, sizeof fm))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, " => {fm_flags=");
	print_flags(tb, &fiemap_flags, fm.fm_flags);
	tb_str(tb, ", fm_mapped_extents=");
	tb_udec(tb, fm.fm_mapped_extents);
	if (ctx_abbrev(ctx)) {
		tb_str(tb, ", ...}");
		return;
	}
	tb_str(tb, ", fm_extents=");
	print_fiemap_extents(ctx, addr + sizeof fm, fm.fm_mapped_extents);
	tb_char(tb, '}');
}

int decode_ioctl_row(const struct decode_context *ctx)
{
	const struct ioctl_row *row = ioctl_row_of((uint32_t)ctx->args[1]);
	if (!row)
		return 0;
	struct text_buffer *tb = ctx->tb;
	uintptr_t arg = (uintptr_t)ctx->args[2];
	int out = row->arg == IA_INT_OUT || row->arg == IA_MODEM_OUT ||
		  row->arg == IA_UID_OUT;
	if (!ctx->exiting) {
		print_fd(ctx, ctx->args[0]);
		tb_str(tb, ", ");
		print_named_value(tb, (uint32_t)ctx->args[1], row->name,
				  CONST_HEX);
		if (out || row->arg == IA_NONE)
			return 1;
		tb_str(tb, ", ");
		if (row->arg == IA_DEC)
			tb_dec(tb, (int)arg);
		else if (row->arg == IA_ENTROPY_IN)
			print_entropy(ctx, arg);
		else if (row->arg == IA_FIEMAP)
			print_fiemap_in(ctx, arg);
		else
			print_int_at(ctx, arg, row->arg == IA_MODEM_IN);
		return 1;
	}
	if (row->arg == IA_FIEMAP)
		print_fiemap_out(ctx, arg);
	if (!out)
		return 1;
	tb_str(tb, ", ");
	if (is_error_result(ctx->result)) {
		tb_ptr(tb, arg);
	} else if (row->arg == IA_UID_OUT) {
		uint32_t uid;
		if (read_or_print_addr(ctx, &uid, arg, sizeof uid)) {
			tb_char(tb, '[');
			if (uid == 0xffffffffU)
				tb_str(tb, "-1");
			else
				tb_udec(tb, uid);
			tb_char(tb, ']');
		}
	} else {
		print_int_at(ctx, arg, row->arg == IA_MODEM_OUT);
	}
	return 1;
}

int print_ioctl_result(const struct decode_context *ctx)
{
	const struct ioctl_row *row = ioctl_row_of((uint32_t)ctx->args[1]);
	if (!row || row->ret == IR_INT)
		return 0;
	if (row->ret == IR_FD) {
		print_fd(ctx, ctx->result);
		return 1;
	}
	tb_dec(ctx->tb, ctx->result);
	const char *name = value_table_name(&nstypes, (uint64_t)ctx->result);
	if (name) {
		tb_str(ctx->tb, " (");
		tb_str(ctx->tb, name);
		tb_char(ctx->tb, ')');
	}
	return 1;
}
