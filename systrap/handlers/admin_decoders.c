/* admin_decoders: the calls that administer the machine or the process
 * itself, as strace 6.1 prints them (its mount.c, personality.c,
 * membarrier.c, ioprio.c, keyctl.c, numa.c and reboot.c): the argument
 * kinds the signature table names for them (ARG_MOUNT_FLAGS,
 * ARG_MOUNT_STR, ARG_PERSONALITY, ARG_IOPRIO, ARG_KEY_SERIAL,
 * ARG_MPOL_MODE, ARG_MPOL_MODE_OUT, ARG_NODEMASK_*), their results
 * (RET_PERSONALITY, RET_MEMBARRIER, RET_IOPRIO) and keyctl, whose
 * arguments are a row per command.
 *
 * Trap path: no libc, general registers only; the program's memory is
 * read with the safe readers (a bad pointer prints as its address).
 */
#include <errno.h>

#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/errno_names.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/value_tables.h"

/* ---- mount ---- */

#define MS_MGC_VAL_BITS 0xc0ed0000ul /* the old magic, in the high 16 bits */
#define MS_MGC_MASK 0xffff0000ul
#define MS_REMOUNT_BIT 0x20ul
/* MS_BIND, MS_MOVE and the propagation types: neither the type nor the
 * data is read as a string. */
#define MS_NO_TYPE_NO_DATA (0x1000ul | 0x2000ul | 0x100000ul | 0x40000ul | \
			    0x80000ul | 0x20000ul)

/* The flags less the old magic, when it is there. */
static uint64_t mount_flags_of(uint64_t flags, int *old_magic)
{
	*old_magic = (flags & MS_MGC_MASK) == MS_MGC_VAL_BITS;
	return *old_magic ? flags & ~MS_MGC_MASK : flags;
}

void print_mount_flags(struct text_buffer *tb, uint64_t value)
{
	int old_magic;
	uint64_t flags = mount_flags_of(value, &old_magic);
	if (old_magic) {
		print_named_value(tb, MS_MGC_VAL_BITS, "MS_MGC_VAL", CONST_HEX);
		if (flags)
			tb_char(tb, '|');
	}
	if (flags || !old_magic)
		print_flags(tb, value_table_get(VT_MOUNT_FLAGS), flags);
}

void print_mount_str(const struct decode_context *ctx, uintptr_t addr,
		     uint64_t value, int is_data)
{
	int old_magic;
	uint64_t flags = mount_flags_of(value, &old_magic);
	int as_addr;
	if (flags & MS_REMOUNT_BIT)
		as_addr = !is_data;
	else
		as_addr = (flags & MS_NO_TYPE_NO_DATA) != 0;
	if (as_addr)
		tb_ptr(ctx->tb, addr);
	else
		print_cstring(ctx, addr);
}

/* ---- personality ---- */

#define PER_MASK_BITS 0xffu

/* PER_* of the low byte, then the flags (no default name): the argument
 * and the result's aside alike. */
static void print_persona(struct text_buffer *tb, unsigned pers)
{
	print_enum(tb, value_table_get(VT_PERSONALITY), pers & PER_MASK_BITS);
	pers &= ~PER_MASK_BITS;
	if (pers) {
		tb_char(tb, '|');
		print_flags_no_default(tb, value_table_get(VT_PERSONALITY_FLAGS),
				       pers);
	}
}

void print_personality(struct text_buffer *tb, unsigned pers)
{
	if (pers == 0xffffffffu) /* the query */
		tb_hex(tb, pers);
	else
		print_persona(tb, pers);
}

/* ---- ioprio ---- */

#define IOPRIO_CLASS_SHIFT 13

/* IOPRIO_PRIO_VALUE(class, data), the class as the style says. */
static void print_ioprio_value(struct text_buffer *tb, unsigned ioprio)
{
	tb_str(tb, "IOPRIO_PRIO_VALUE(");
	print_enum(tb, value_table_get(VT_IOPRIO_CLASS),
		   ioprio >> IOPRIO_CLASS_SHIFT);
	tb_str(tb, ", ");
	tb_dec(tb, (int)(ioprio & ((1u << IOPRIO_CLASS_SHIFT) - 1)));
	tb_char(tb, ')');
}

/* ioprio_set's: the macro (abbrev), the number (raw), both (verbose). */
void print_ioprio(struct text_buffer *tb, long ioprio)
{
	if (tb->style != CONST_STYLE_ABBREV)
		tb_dec(tb, (int)ioprio);
	if (tb->style == CONST_STYLE_RAW)
		return;
	int verbose = tb->style == CONST_STYLE_VERBOSE;
	if (verbose)
		tb_str(tb, " /* ");
	print_ioprio_value(tb, (unsigned)ioprio);
	if (verbose)
		tb_str(tb, " */");
}

/* ---- keys ---- */

/* A serial: KEY_SPEC_* or the number, in decimal (strace's printxval_d
 * without a default name). */
void print_key_serial(struct text_buffer *tb, long id)
{
	print_enum_dec(tb, value_table_get(VT_KEY_SPEC), (int)id);
}

/* A signed enumeration with a default name (strace's printxvals_ex with
 * XLAT_STYLE_FMT_D): KEY_REQKEY_DEFL_*. */
static void print_enum_dec_default(struct text_buffer *tb, unsigned table,
				   long long value)
{
	const struct value_table *t = value_table_get(table);
	const char *name = value_table_name(t, (uint64_t)value);
	print_named_value(tb, (uint64_t)value, name, CONST_DEC);
	if (!name && tb->style != CONST_STYLE_RAW) {
		tb_str(tb, " /* ");
		tb_str(tb, t->unknown);
		tb_str(tb, " */");
	}
}

/* What each keyctl command's arguments 2..5 are (strace's keyctl.c). */
enum keyctl_arg {
	KA_END = 0,
	KA_SERIAL,   /* a key or keyring: KEY_SPEC_* or the number */
	KA_INT,      /* int, decimal */
	KA_STR,      /* a NUL-terminated string */
	KA_BUF,      /* a buffer of the next argument's length */
	KA_ULONG,    /* a length, unsigned decimal */
	KA_UINT,     /* unsigned int (a timeout) */
	KA_UID,      /* uid_t/gid_t: -1 or unsigned */
	KA_PERMS,    /* KEY_POS_VIEW|... */
	KA_REQKEY,   /* KEY_REQKEY_DEFL_* */
	KA_ERRNO,    /* an error number, by name */
	KA_IOV,      /* struct iovec[next argument], their strings */
	KA_MOVE_FLAGS,
	KA_OUT_BUF,  /* at exit: what the kernel wrote, of min(result,
			next argument) bytes; the address when it failed */
	KA_OUT_STR,  /* the same, a trailing NUL left out */
};

struct keyctl_row {
	uint8_t cmd;
	uint8_t args[4];
};

/* The commands strace 6.1 decodes; others (and those whose structures
 * are not decoded here: DH_COMPUTE, PKEY_*, CAPABILITIES) print their four
 * arguments in hex, as strace prints a command it does not know. */
static const struct keyctl_row keyctl_rows[] = {
	{ 0 /* GET_KEYRING_ID */, { KA_SERIAL, KA_INT } },
	{ 1 /* JOIN_SESSION_KEYRING */, { KA_STR } },
	{ 2 /* UPDATE */, { KA_SERIAL, KA_BUF, KA_ULONG } },
	{ 3 /* REVOKE */, { KA_SERIAL } },
	{ 4 /* CHOWN */, { KA_SERIAL, KA_UID, KA_UID } },
	{ 5 /* SETPERM */, { KA_SERIAL, KA_PERMS } },
	{ 6 /* DESCRIBE */, { KA_SERIAL, KA_OUT_STR, KA_ULONG } },
	{ 7 /* CLEAR */, { KA_SERIAL } },
	{ 8 /* LINK */, { KA_SERIAL, KA_SERIAL } },
	{ 9 /* UNLINK */, { KA_SERIAL, KA_SERIAL } },
	{ 10 /* SEARCH */, { KA_SERIAL, KA_STR, KA_STR, KA_SERIAL } },
	{ 11 /* READ */, { KA_SERIAL, KA_OUT_BUF, KA_ULONG } },
	{ 12 /* INSTANTIATE */, { KA_SERIAL, KA_BUF, KA_ULONG, KA_SERIAL } },
	{ 13 /* NEGATE */, { KA_SERIAL, KA_UINT, KA_SERIAL } },
	{ 14 /* SET_REQKEY_KEYRING */, { KA_REQKEY } },
	{ 15 /* SET_TIMEOUT */, { KA_SERIAL, KA_UINT } },
	{ 16 /* ASSUME_AUTHORITY */, { KA_SERIAL } },
	{ 17 /* GET_SECURITY */, { KA_SERIAL, KA_OUT_STR, KA_ULONG } },
	{ 18 /* SESSION_TO_PARENT */, { KA_END } },
	{ 19 /* REJECT */, { KA_SERIAL, KA_UINT, KA_ERRNO, KA_SERIAL } },
	{ 20 /* INSTANTIATE_IOV */, { KA_SERIAL, KA_IOV, KA_ULONG, KA_SERIAL } },
	{ 21 /* INVALIDATE */, { KA_SERIAL } },
	{ 22 /* GET_PERSISTENT */, { KA_UID, KA_SERIAL } },
	{ 29 /* RESTRICT_KEYRING */, { KA_SERIAL, KA_STR, KA_STR } },
	{ 30 /* MOVE */, { KA_SERIAL, KA_SERIAL, KA_SERIAL, KA_MOVE_FLAGS } },
};

static const struct keyctl_row *keyctl_row_of(long cmd)
{
	for (unsigned i = 0; i < sizeof keyctl_rows / sizeof *keyctl_rows; i++)
		if (keyctl_rows[i].cmd == cmd)
			return &keyctl_rows[i];
	return 0;
}

static int keyctl_arg_at_exit(unsigned kind)
{
	return kind == KA_OUT_BUF || kind == KA_OUT_STR;
}

/* What the kernel wrote into a READ/DESCRIBE/GET_SECURITY buffer. */
static void print_keyctl_out(const struct decode_context *ctx, uintptr_t addr,
			     unsigned long len, int omit_nul)
{
	long r = ctx->result;
	if (is_error_result(r)) {
		tb_ptr(ctx->tb, addr);
		return;
	}
	unsigned long n = (unsigned long)r > len ? len : (unsigned long)r;
	unsigned char last;
	/* strace's QUOTE_OMIT_TRAILING_0: only when -s does not cut the
	 * string (then it ends "..." as any), and not under -x or -xx,
	 * where the NUL makes the string hex and is printed with it. */
	int hex = ctx->opts->hex_strings == 1 || ctx->opts->hex_strings == 2;
	if (omit_nul && !hex && n &&
	    n <= (unsigned long)ctx->opts->string_limit && addr &&
	    read_exact(ctx, &last, addr + n - 1, 1) && last == 0)
		n--;
	print_buffer(ctx, addr, n, 0);
}

static void print_keyctl_arg(const struct decode_context *ctx, unsigned kind,
			     int i)
{
	struct text_buffer *tb = ctx->tb;
	long v = ctx->args[i];
	long next = i + 1 < 6 ? ctx->args[i + 1] : 0;
	switch (kind) {
	case KA_SERIAL:
		print_key_serial(tb, v);
		return;
	case KA_INT:
		tb_dec(tb, (int)v);
		return;
	case KA_STR:
		print_cstring(ctx, (uintptr_t)v);
		return;
	case KA_BUF:
		print_buffer(ctx, (uintptr_t)v, (unsigned long)next, 0);
		return;
	case KA_ULONG:
		tb_udec(tb, (unsigned long)v);
		return;
	case KA_UINT:
		tb_udec(tb, (unsigned)v);
		return;
	case KA_UID:
		if ((unsigned)v == 0xffffffffu)
			tb_str(tb, "-1");
		else
			tb_udec(tb, (unsigned)v);
		return;
	case KA_PERMS:
		print_flags(tb, value_table_get(VT_KEY_PERMS), (unsigned)v);
		return;
	case KA_REQKEY:
		print_enum_dec_default(tb, VT_KEY_REQKEY, (int)v);
		return;
	case KA_ERRNO:
		print_named_value(tb, (unsigned)v, errno_name((unsigned)v),
				  CONST_DEC);
		return;
	case KA_IOV:
		print_iovec(ctx, (uintptr_t)v, next, -1, IOV_STRINGS);
		return;
	case KA_MOVE_FLAGS:
		print_flags(tb, value_table_get(VT_KEYCTL_MOVE_FLAGS), (unsigned)v);
		return;
	case KA_OUT_BUF:
	case KA_OUT_STR:
		print_keyctl_out(ctx, (uintptr_t)v, (unsigned long)next,
				 kind == KA_OUT_STR);
		return;
	default:
		return;
	}
}

void decode_keyctl(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	int cmd = (int)ctx->args[0];
	const struct keyctl_row *row = keyctl_row_of(cmd);
	int first = 0; /* the first argument (0..3) of this half */
	if (ctx->exiting) {
		while (row && first < 4 && row->args[first] &&
		       !keyctl_arg_at_exit(row->args[first]))
			first++;
		if (!row || first == 4 || !row->args[first])
			return; /* all printed at entry */
	} else {
		print_enum(tb, value_table_get(VT_KEYCTL_CMD), (unsigned)cmd);
		if (row && !row->args[0])
			return; /* SESSION_TO_PARENT: no arguments */
		tb_str(tb, ", ");
	}
	if (!row) {
		for (int i = 1; i <= 4; i++) {
			if (i > 1)
				tb_str(tb, ", ");
			tb_hex(tb, (unsigned long)ctx->args[i]);
		}
		return;
	}
	for (int k = first; k < 4 && row->args[k]; k++) {
		if (k > first)
			tb_str(tb, ", ");
		if (!ctx->exiting && keyctl_arg_at_exit(row->args[k]))
			return; /* the rest at exit */
		print_keyctl_arg(ctx, row->args[k], k + 1);
	}
}

/* ---- memory policies ---- */

#define MPOL_MODE_FLAG_BITS ((1u << 15) | (1u << 14) | (1u << 13))

void print_mpol_mode(struct text_buffer *tb, uint64_t mode_arg)
{
	uint64_t flags = mode_arg & MPOL_MODE_FLAG_BITS;
	uint64_t mode = mode_arg & ~(uint64_t)MPOL_MODE_FLAG_BITS;
	const struct value_table *modes = value_table_get(VT_MPOL_MODE);
	if (!flags) {
		print_enum(tb, modes, mode);
		return;
	}
	const char *name = value_table_name(modes, mode);
	if (!name) {
		print_flags(tb, value_table_get(VT_MPOL_MODE_FLAGS), mode_arg);
		return;
	}
	int begun = const_names_begin(tb, mode_arg, CONST_HEX);
	if (!begun)
		return;
	tb_str(tb, name);
	tb_char(tb, '|');
	print_flags(tb, value_table_get(VT_MPOL_MODE_FLAGS), flags);
	const_names_end(tb, begun);
}

/* get_mempolicy's int *mode: [MPOL_*]. */
void print_mpol_mode_out(const struct decode_context *ctx, uintptr_t addr)
{
	int32_t mode;
	if (!read_or_print_addr(ctx, &mode, addr, sizeof mode))
		return;
	tb_char(ctx->tb, '[');
	print_enum(ctx->tb, value_table_get(VT_MPOL_MODE), (uint32_t)mode);
	tb_char(ctx->tb, ']');
}

/* One word of a node mask, as strace's %#016llx: 0x and at least 14
 * digits, or 16 zeros. */
static void print_node_word(struct text_buffer *tb, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char out[16];
	int n = 0;
	if (v == 0) {
		tb_str(tb, "0000000000000000");
		return;
	}
	for (uint64_t w = v; w; w >>= 4)
		out[n++] = digits[w & 0xf];
	tb_str(tb, "0x");
	for (int pad = n; pad < 14; pad++)
		tb_char(tb, '0');
	while (n)
		tb_char(tb, out[--n]);
}

/* A node mask of maxnodes bits as strace's print_nodemask: its words
 * (one fewer bit than maxnodes asks, as the kernel reads it), the
 * address when that count makes no sense or the memory cannot be read. */
void print_nodemask(const struct decode_context *ctx, uintptr_t addr,
		    unsigned long maxnodes)
{
	struct text_buffer *tb = ctx->tb;
	unsigned long nmemb = (maxnodes + 64 - 2) / 64;
	if (nmemb < maxnodes / 64 || (maxnodes && !nmemb)) {
		tb_ptr(tb, addr);
		return;
	}
	if (!addr) {
		tb_str(tb, "NULL");
		return;
	}
	if (!nmemb) {
		tb_str(tb, "[]");
		return;
	}
	uintptr_t end = addr + nmemb * 8;
	if (end <= addr || nmemb > ~0ul / 8 ||
	    (ctx->exiting && is_error_result(ctx->result)) ||
	    !ctx_verbose(ctx)) {
		tb_ptr(tb, addr);
		return;
	}
	/* strace's print_array: each word read before the cut at -s, so
	 * an unreadable one shows as such even there. */
	unsigned long i = 0;
	for (; i < nmemb; i++) {
		uint64_t word;
		if (!print_array_next(ctx, &word, addr + i * 8, 8, i))
			break;
		if (ctx_abbrev(ctx) &&
		    i >= (unsigned long)ctx->opts->string_limit) {
			tb_str(tb, "...");
			i++;
			break;
		}
		print_node_word(tb, word);
	}
	if (i)
		tb_char(tb, ']');
}

/* ---- results ---- */

int print_admin_result(const struct decode_context *ctx, unsigned ret_kind)
{
	struct text_buffer *tb = ctx->tb;
	long r = ctx->result;
	switch (ret_kind) {
	case RET_PERSONALITY:
		tb_hex(tb, (unsigned long)r);
		tb_str(tb, " (");
		print_persona(tb, (unsigned)r);
		tb_char(tb, ')');
		return 1;
	case RET_MEMBARRIER:
		/* MEMBARRIER_CMD_QUERY's answer: the commands it has. */
		if ((int)ctx->args[0] != 0 || r == 0) {
			tb_dec(tb, r);
			return 1;
		}
		tb_hex(tb, (unsigned long)r);
		tb_str(tb, " (");
		print_flags_no_default(tb, value_table_get(VT_MEMBARRIER_CMD),
				       (unsigned long)r);
		tb_char(tb, ')');
		return 1;
	case RET_IOPRIO:
		tb_dec(tb, r);
		if (tb->style == CONST_STYLE_RAW)
			return 1;
		tb_str(tb, " (");
		print_ioprio_value(tb, (unsigned)r);
		tb_char(tb, ')');
		return 1;
	default:
		return 0;
	}
}
