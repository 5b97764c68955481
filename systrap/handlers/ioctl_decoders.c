/* ioctl_decoders: ioctl requests as rows (request, strace 6.1's name, what
 * the third argument is), for the families strace's own suite exercises:
 * watchdog (WDIOC_*), the modem lines (TIOCM*), /dev/random (RND*) and
 * inotify's INOTIFY_IOC_SETNEXTWD. decode_ioctl (call_decoders.c) asks
 * here first; requests not in the table keep its older decoding.
 *
 * Each argument kind prints as strace's printnum_int/umove_or_printaddr
 * does: NULL, the address when unreadable (or when an output's call
 * failed), else the value in brackets.
 */
#include "systrap/handlers/decode_context.h"

#include <linux/inotify.h>
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
};

struct ioctl_row {
	uint32_t request;
	const char *name;
	uint8_t arg;
};

#define R(req, arg) { (uint32_t)(req), #req, arg }
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
	  IA_NONE },
	R(RNDCLEARPOOL, IA_NONE),
	R(RNDRESEEDCRNG, IA_NONE),
	R(INOTIFY_IOC_SETNEXTWD, IA_DEC),
};
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

int decode_ioctl_row(const struct decode_context *ctx)
{
	const struct ioctl_row *row = ioctl_row_of((uint32_t)ctx->args[1]);
	if (!row)
		return 0;
	struct text_buffer *tb = ctx->tb;
	uintptr_t arg = (uintptr_t)ctx->args[2];
	int out = row->arg == IA_INT_OUT || row->arg == IA_MODEM_OUT;
	if (!ctx->exiting) {
		print_fd(ctx, ctx->args[0]);
		tb_str(tb, ", ");
		tb_str(tb, row->name);
		if (out || row->arg == IA_NONE)
			return 1;
		tb_str(tb, ", ");
		if (row->arg == IA_DEC)
			tb_dec(tb, (int)arg);
		else if (row->arg == IA_ENTROPY_IN)
			print_entropy(ctx, arg);
		else
			print_int_at(ctx, arg, row->arg == IA_MODEM_IN);
		return 1;
	}
	if (!out)
		return 1;
	tb_str(tb, ", ");
	if (is_error_result(ctx->result))
		tb_ptr(tb, arg);
	else
		print_int_at(ctx, arg, row->arg == IA_MODEM_OUT);
	return 1;
}
