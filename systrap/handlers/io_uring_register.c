/* io_uring_register's arguments as strace 6.1's io_uring.c prints them
 * (DECODE_IO_URING_REGISTER): the argument by opcode, and for the two
 * opcodes the kernel answers in the argument itself (PROBE, IOWQ_MAX_WORKERS)
 * what it wrote, at the exit, after " => " where the entry showed one
 * already; nr_args then follows, as strace prints it after the exit's
 * part. */
#include <stdint.h>

#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/value_tables.h"

enum {
	REGISTER_BUFFERS = 0,
	REGISTER_FILES = 2,
	REGISTER_EVENTFD = 4,
	REGISTER_FILES_UPDATE = 6,
	REGISTER_EVENTFD_ASYNC = 7,
	REGISTER_PROBE = 8,
	REGISTER_RESTRICTIONS = 11,
	REGISTER_FILES2 = 13,
	REGISTER_FILES_UPDATE2 = 14,
	REGISTER_BUFFERS2 = 15,
	REGISTER_BUFFERS_UPDATE = 16,
	REGISTER_IOWQ_AFF = 17,
	REGISTER_IOWQ_MAX_WORKERS = 19,
	REGISTER_RING_FDS = 20,
	UNREGISTER_RING_FDS = 21,
	REGISTER_PBUF_RING = 22,
	UNREGISTER_PBUF_RING = 23,
};

/* struct io_uring_rsrc_update, RING_FDS' elements */
struct rsrc_update {
	uint32_t offset, resv;
	uint64_t data;
};

#define PROBE_OPS_MAX 256 /* strace prints the address beyond */
#define FILES_SKIP (-2)   /* IORING_REGISTER_FILES_SKIP */

/* An enumeration printed as strace's PRINT_FIELD_XVAL_U: an unknown value
 * in decimal with the table's default name in a comment (not under -X
 * raw). */
static void enum_u(struct text_buffer *tb, unsigned table, uint64_t v)
{
	const struct value_table *t = value_table_get(table);
	const char *name = value_table_name(t, v);
	if (name) {
		print_enum_dec(tb, t, (long long)v);
		return;
	}
	tb_udec(tb, v);
	if (tb->style != CONST_STYLE_RAW) {
		tb_str(tb, " /* ");
		tb_str(tb, t->unknown);
		tb_str(tb, " */");
	}
}

static void hex_if_set(struct text_buffer *tb, const char *sep_name,
		       uint64_t v)
{
	if (!v)
		return;
	tb_str(tb, sep_name);
	tb_hex(tb, v);
}

/* A reserved array printed where any of it is set (strace's
 * PRINT_FIELD_ARRAY: cut at -s elements without -v). */
static void reserved_array(const struct decode_context *ctx,
			   const char *sep_name, const uint64_t *v, int n)
{
	struct text_buffer *tb = ctx->tb;
	int any = 0;
	for (int i = 0; i < n; i++)
		any |= v[i] != 0;
	if (!any)
		return;
	tb_str(tb, sep_name);
	tb_char(tb, '[');
	for (int i = 0; i < n; i++) {
		if (ctx_array_cut(ctx, (unsigned long)i))
			break;
		if (i)
			tb_str(tb, ", ");
		tb_hex(tb, v[i]);
	}
	tb_char(tb, ']');
}

/* n little-endian 32-bit words at b (reserved words in byte buffers). */
static void le32_words(const unsigned char *b, uint64_t *out, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 |
			 (uint32_t)b[4 * i + 2] << 16 |
			 (uint32_t)b[4 * i + 3] << 24;
}

static void fd_element(const struct decode_context *ctx, const void *elem)
{
	print_fd(ctx, *(const int32_t *)elem);
}

/* A files update's descriptor: -1 (none) and IORING_REGISTER_FILES_SKIP
 * by name, others as descriptors. */
static void update_fd_element(const struct decode_context *ctx,
			      const void *elem)
{
	int32_t fd = *(const int32_t *)elem;
	if (fd == FILES_SKIP)
		print_named_value(ctx->tb, (uint64_t)(int64_t)fd,
				  "IORING_REGISTER_FILES_SKIP", CONST_DEC);
	else
		print_fd(ctx, fd);
}

static void hex64_element(const struct decode_context *ctx, const void *elem)
{
	tb_hex(ctx->tb, *(const uint64_t *)elem);
}

/* struct io_uring_restriction (16 bytes): its opcode, then what it
 * restricts by the opcode. */
static void restriction(const struct decode_context *ctx, const void *elem)
{
	struct text_buffer *tb = ctx->tb;
	const unsigned char *b = elem;
	uint16_t opcode = (uint16_t)(b[0] | b[1] << 8);
	uint8_t arg = b[2], resv = b[3];
	tb_str(tb, "{opcode=");
	print_enum(tb, value_table_get(VT_URING_RESTRICTION_OP), opcode);
	switch (opcode) {
	case 0: /* IORING_RESTRICTION_REGISTER_OP */
		tb_str(tb, ", register_op=");
		print_enum(tb, value_table_get(VT_IORING_REGISTER_OP), arg);
		break;
	case 1: /* IORING_RESTRICTION_SQE_OP */
		tb_str(tb, ", sqe_op=");
		print_enum(tb, value_table_get(VT_URING_OP), arg);
		break;
	case 2: /* IORING_RESTRICTION_SQE_FLAGS_ALLOWED */
	case 3: /* IORING_RESTRICTION_SQE_FLAGS_REQUIRED */
		print_field_flags(tb, ", sqe_flags=", VT_URING_SQE_FLAGS, arg);
		break;
	default:
		tb_str(tb, " /* op: ");
		tb_hex(tb, arg);
		tb_str(tb, " */");
	}
	hex_if_set(tb, ", resv=", resv);
	uint64_t resv2[3];
	le32_words(b + 4, resv2, 3);
	reserved_array(ctx, ", resv2=", resv2, 3);
	tb_char(tb, '}');
}

/* struct io_uring_rsrc_update (16 bytes) of RING_FDS: an offset (-1: the
 * first free slot) and the descriptor to register. */
static void ring_fd_register(const struct decode_context *ctx,
			     const void *elem)
{
	struct text_buffer *tb = ctx->tb;
	const struct rsrc_update *u = elem;
	if (u->offset == 0xffffffffu)
		print_field_d(tb, "{offset=", -1);
	else
		print_field_u(tb, "{offset=", u->offset);
	hex_if_set(tb, ", resv=", u->resv);
	tb_str(tb, ", data=");
	print_fd(ctx, (int32_t)u->data);
	tb_char(tb, '}');
}

static void ring_fd_unregister(const struct decode_context *ctx,
			       const void *elem)
{
	struct text_buffer *tb = ctx->tb;
	const struct rsrc_update *u = elem;
	print_field_u(tb, "{offset=", u->offset);
	hex_if_set(tb, ", resv=", u->resv);
	hex_if_set(tb, ", data=", u->data);
	tb_char(tb, '}');
}

/* The bytes of a struct of `size` past its `known` ones, in hex with
 * their range in a comment, where any is not zero (strace's
 * print_nonzero_bytes). */
static void nonzero_tail(const struct decode_context *ctx, uintptr_t addr,
			 unsigned known, unsigned size)
{
	unsigned char buf[256];
	if (size > 4096)
		size = 4096;
	if (size <= known)
		return;
	unsigned n = size - known < sizeof buf ? size - known
					      : (unsigned)sizeof buf;
	if (!read_exact(ctx, buf, addr + known, n))
		return;
	unsigned i = 0;
	while (i < n && !buf[i])
		i++;
	if (i == n)
		return;
	tb_str(ctx->tb, ", ");
	print_quoted_hex_local(ctx, buf, n);
	tb_str(ctx->tb, " /* bytes ");
	tb_udec(ctx->tb, known);
	tb_str(ctx->tb, "..");
	tb_udec(ctx->tb, known + n - 1);
	tb_str(ctx->tb, " */");
}

/* FILES2, BUFFERS2 (struct io_uring_rsrc_register) and FILES_UPDATE2,
 * BUFFERS_UPDATE (struct io_uring_rsrc_update2): 32 bytes each, `size`
 * (nr_args) their size; the data (descriptors, or an iovec array for
 * buffers) and tags, nr of each. */
static void rsrc(const struct decode_context *ctx, uintptr_t addr,
		 unsigned size, unsigned opcode)
{
	struct text_buffer *tb = ctx->tb;
	struct {
		uint32_t a, b; /* register: nr, flags; update: offset, resv */
		uint64_t resv2_or_data, data_or_tags, tags_or_nr;
	} r;
	_Static_assert(sizeof r == 32, "io_uring_rsrc_register/update2");
	if (size < 32) {
		tb_ptr(tb, addr);
		return;
	}
	if (!read_or_print_addr(ctx, &r, addr, sizeof r))
		return;
	int update = opcode == REGISTER_FILES_UPDATE2 ||
		     opcode == REGISTER_BUFFERS_UPDATE;
	uint32_t nr = update ? (uint32_t)r.tags_or_nr : r.a;
	uint64_t data = update ? r.resv2_or_data : r.data_or_tags;
	uint64_t tags = update ? r.data_or_tags
			       : (uint64_t)r.tags_or_nr;
	if (update) {
		print_field_u(tb, "{offset=", r.a);
		hex_if_set(tb, ", resv=", r.b);
	} else {
		print_field_u(tb, "{nr=", r.a);
		print_field_flags(tb, ", flags=", VT_URING_RSRC_FLAGS, r.b);
		hex_if_set(tb, ", resv2=", r.resv2_or_data);
	}
	tb_str(tb, ", data=");
	if (opcode == REGISTER_FILES2)
		print_array_of(ctx, (uintptr_t)data, nr, 0, 4, fd_element);
	else if (opcode == REGISTER_FILES_UPDATE2)
		print_array_of(ctx, (uintptr_t)data, nr, 0, 4,
			       update_fd_element);
	else
		print_iovec(ctx, (uintptr_t)data, nr, -1, IOV_BASES);
	tb_str(tb, ", tags=");
	print_array_of(ctx, (uintptr_t)tags, nr, 0, 8, hex64_element);
	if (update) {
		print_field_u(tb, ", nr=", nr);
		hex_if_set(tb, ", resv2=", r.tags_or_nr >> 32);
	}
	nonzero_tail(ctx, addr, 32, size);
	tb_char(tb, '}');
}

/* PBUF_RING's struct io_uring_buf_reg (40 bytes). */
static void buf_reg(const struct decode_context *ctx, uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	struct {
		uint64_t ring_addr;
		uint32_t ring_entries;
		uint16_t bgid, pad;
		uint64_t resv[3];
	} r;
	_Static_assert(sizeof r == 40, "io_uring_buf_reg");
	if (!read_or_print_addr(ctx, &r, addr, sizeof r))
		return;
	tb_str(tb, "{ring_addr=");
	tb_ptr(tb, r.ring_addr);
	print_field_u(tb, ", ring_entries=", r.ring_entries);
	print_field_u(tb, ", bgid=", r.bgid);
	hex_if_set(tb, ", pad=", r.pad);
	reserved_array(ctx, ", resv=", r.resv, 3);
	tb_char(tb, '}');
}

/* io_uring_register's argument by its opcode, for the opcodes whose
 * argument the kernel only reads: buffers (an iovec array, bases as
 * addresses), files and eventfds (descriptors), a files update ({offset,
 * resv when set, fds}), restrictions, the resource registrations and
 * updates, the io-wq's CPU mask, ring descriptors, buffer rings; the
 * address for the others (strace's too). */
void print_io_uring_register_arg(const struct decode_context *ctx,
				 uintptr_t addr, unsigned opcode,
				 unsigned nr_args)
{
	struct text_buffer *tb = ctx->tb;
	switch (opcode) {
	case REGISTER_BUFFERS:
		print_iovec(ctx, addr, nr_args, -1, IOV_BASES);
		return;
	case REGISTER_FILES:
	case REGISTER_EVENTFD:
	case REGISTER_EVENTFD_ASYNC:
		print_array_of(ctx, addr, nr_args, 0, 4, fd_element);
		return;
	case REGISTER_FILES_UPDATE: {
		struct {
			uint32_t offset, resv;
			uint64_t fds;
		} up;
		_Static_assert(sizeof up == 16, "struct io_uring_files_update");
		if (!read_or_print_addr(ctx, &up, addr, sizeof up))
			return;
		print_field_u(tb, "{offset=", up.offset);
		hex_if_set(tb, ", resv=", up.resv);
		tb_str(tb, ", fds=");
		print_array_of(ctx, (uintptr_t)up.fds, nr_args, 0, 4,
			       update_fd_element);
		tb_char(tb, '}');
		return;
	}
	case REGISTER_RESTRICTIONS:
		print_array_of(ctx, addr, nr_args, 0, 16, restriction);
		return;
	case REGISTER_FILES2:
	case REGISTER_BUFFERS2:
	case REGISTER_FILES_UPDATE2:
	case REGISTER_BUFFERS_UPDATE:
		rsrc(ctx, addr, nr_args, opcode);
		return;
	case REGISTER_IOWQ_AFF: /* a CPU mask of nr_args bytes */
		if (ctx_verbose(ctx))
			print_cpu_set(ctx, addr, nr_args);
		else
			tb_ptr(tb, addr);
		return;
	case REGISTER_RING_FDS:
		print_array_of(ctx, addr, nr_args, 0, 16, ring_fd_register);
		return;
	case UNREGISTER_RING_FDS:
		print_array_of(ctx, addr, nr_args, 0, 16, ring_fd_unregister);
		return;
	case REGISTER_PBUF_RING:
	case UNREGISTER_PBUF_RING:
		buf_reg(ctx, addr);
		return;
	default:
		tb_ptr(tb, addr);
	}
}

/* ---- the opcodes the kernel answers in the argument ---- */

static void probe_op(const struct decode_context *ctx, const void *elem)
{
	struct text_buffer *tb = ctx->tb;
	const unsigned char *b = elem; /* op, resv, flags (u16), resv2 (u32) */
	uint16_t flags = (uint16_t)(b[2] | b[3] << 8);
	uint64_t resv2;
	le32_words(b + 4, &resv2, 1);
	tb_str(tb, "{op=");
	enum_u(tb, VT_URING_OP, b[0]);
	hex_if_set(tb, ", resv=", b[1]);
	print_field_flags(tb, ", flags=", VT_URING_OP_FLAGS, flags);
	hex_if_set(tb, ", resv2=", resv2);
	tb_char(tb, '}');
}

/* struct io_uring_probe: a 16-byte head (last_op, ops_len, resv, resv2[3])
 * and nr_args ops of 8 bytes; at the exit min(ops_len, nr_args) of them,
 * "..." after where the kernel has more. Returns 0 where it is unreadable
 * (its address printed). */
static int probe(const struct decode_context *ctx, uintptr_t addr,
		 unsigned nr_args)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char head[16];
	if (!read_or_print_addr(ctx, head, addr, sizeof head))
		return 0;
	unsigned ops_len = head[1];
	uint16_t resv = (uint16_t)(head[2] | head[3] << 8);
	tb_str(tb, "{last_op=");
	enum_u(tb, VT_URING_OP, head[0]);
	print_field_u(tb, ", ops_len=", ops_len);
	hex_if_set(tb, ", resv=", resv);
	uint64_t resv2[3];
	le32_words(head + 4, resv2, 3);
	reserved_array(ctx, ", resv2=", resv2, 3);
	unsigned shown = nr_args;
	if (ctx->exiting && ops_len < shown)
		shown = ops_len;
	tb_str(tb, ", ops=");
	if (!shown) {
		tb_str(tb, ctx->exiting && nr_args < ops_len ? "[...]" : "[]");
	} else {
		print_array_of(ctx, addr + sizeof head, shown, 0, 8, probe_op);
		/* strace's PAF_ARRAY_TRUNCATED: "..." where the kernel has
		 * more ops than the program asked for, unless -s cut first */
		int cut = ctx_abbrev(ctx) &&
			  shown > (unsigned)ctx->opts->string_limit;
		if (ctx->exiting && nr_args < ops_len && !cut &&
		    tb->len && tb->len < tb->cap && tb->buf[tb->len - 1] == ']') {
			tb->len--;
			tb_str(tb, ", ...]");
		}
	}
	tb_char(tb, '}');
	return 1;
}

/* Whether all of the probe the program passed is zero (the kernel wants
 * it so): strace then shows it at the exit only. 0 also where it is not
 * readable. */
static int probe_is_zero(const struct decode_context *ctx, uintptr_t addr,
			 unsigned nr_args)
{
	unsigned char buf[256];
	unsigned long size = 16 + 8ul * nr_args;
	for (unsigned long at = 0; at < size; at += sizeof buf) {
		unsigned long n = size - at < sizeof buf ? size - at : sizeof buf;
		if (!read_exact(ctx, buf, addr + at, n))
			return 0;
		for (unsigned long i = 0; i < n; i++)
			if (buf[i])
				return 0;
	}
	return 1;
}

static void iowq_count(const struct decode_context *ctx, const void *elem)
{
	tb_udec(ctx->tb, *(const uint32_t *)elem);
}

/* IOWQ_MAX_WORKERS' two counts, by index name ([IO_WQ_BOUND]=N). Returns
 * whether it printed the array (not its address). */
static int iowq_counts(const struct decode_context *ctx, uintptr_t addr,
		       unsigned nr_args)
{
	struct text_buffer *tb = ctx->tb;
	if (!addr || !nr_args) {
		tb_str(tb, addr ? "[]" : "NULL");
		return 0;
	}
	/* strace's tfetch_mem: nothing read without -e verbose= or at the
	 * exit of a failed call */
	if (!ctx_verbose(ctx) || (ctx->exiting && is_error_result(ctx->result))) {
		tb_ptr(tb, addr);
		return 0;
	}
	uint32_t v;
	for (unsigned long i = 0; i < nr_args; i++) {
		if (i && ctx_array_cut(ctx, i))
			break;
		if (!print_array_next(ctx, &v, addr + 4 * i, sizeof v, i))
			return 0;
		tb_char(tb, '[');
		print_enum_dec(tb, value_table_get(VT_URING_IOWQ_ACCT), (long long)i);
		if (!value_table_name(value_table_get(VT_URING_IOWQ_ACCT), i) &&
		    tb->style != CONST_STYLE_RAW)
			tb_str(tb, " /* IO_WQ_??? */");
		tb_str(tb, "]=");
		iowq_count(ctx, &v);
	}
	tb_char(tb, ']');
	return 1;
}

/* The entry's state, for the exit: slot 2 of the saved inputs. */
enum { ENTRY_DONE = 0, ENTRY_SHOWN, ENTRY_NOTHING };

void decode_io_uring_register(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	unsigned opcode = (unsigned)ctx->args[1];
	uintptr_t addr = (uintptr_t)ctx->args[2];
	unsigned nr_args = (unsigned)ctx->args[3];
	struct format_saved *sv = ctx->opts->saved;
	if (!ctx->exiting) {
		print_fd(ctx, (int32_t)ctx->args[0]);
		tb_str(tb, ", ");
		print_enum(tb, value_table_get(VT_IORING_REGISTER_OP), opcode);
		tb_str(tb, ", ");
		int state = ENTRY_DONE;
		if (opcode == REGISTER_PROBE) {
			if (nr_args > PROBE_OPS_MAX || !ctx_verbose(ctx))
				tb_ptr(tb, addr);
			else if (probe_is_zero(ctx, addr, nr_args))
				state = ENTRY_NOTHING;
			else if (probe(ctx, addr, nr_args))
				state = ENTRY_SHOWN;
		} else if (opcode == REGISTER_IOWQ_MAX_WORKERS) {
			if (iowq_counts(ctx, addr, nr_args)) {
				tb_str(tb, " => ");
				state = ENTRY_SHOWN;
			}
		} else {
			print_io_uring_register_arg(ctx, addr, opcode, nr_args);
		}
		if (sv) {
			sv->value[2] = state;
			sv->mask |= 1u << 2;
		}
		if (state == ENTRY_DONE) {
			tb_str(tb, ", ");
			tb_udec(tb, nr_args);
		}
		return;
	}
	int state = sv && (sv->mask & 4u) ? (int)sv->value[2] : ENTRY_DONE;
	if (state == ENTRY_DONE)
		return;
	if (opcode == REGISTER_PROBE) {
		if (is_error_result(ctx->result)) {
			if (state == ENTRY_NOTHING)
				tb_ptr(tb, addr);
		} else {
			if (state == ENTRY_SHOWN)
				tb_str(tb, " => ");
			probe(ctx, addr, nr_args);
		}
	} else {
		iowq_counts(ctx, addr, nr_args);
	}
	tb_str(tb, ", ");
	tb_udec(tb, nr_args);
}
