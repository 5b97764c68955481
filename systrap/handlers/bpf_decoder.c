/* bpf_decoder: bpf(2) as strace 6.1 prints it (its bpf.c and bpf_attr.h):
 * the command by name, then the command's part of union bpf_attr as a
 * struct, as far as the size the program passed reaches, and the size.
 *
 * Each command is a row: the struct's size as strace 6.1 knows it, the
 * printer of its fields, and whether the call's result is a descriptor.
 * The attribute is read once, `size` bytes of it (at most a page, as
 * strace): unreadable, its address is printed instead. Bytes past the
 * known struct that are not all zero print as strace's
 * `extra_data="\x.."` with the byte range, or `...` without -v.
 *
 * OBJ_GET_INFO_BY_FD prints a map's info under -v, a program's as its
 * address (a known limit, docs/DESIGN.md); the commands after
 * LINK_GET_NEXT_ID print as an address, as strace 6.1 prints them. */
#include <stddef.h>
#include <stdint.h>

#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/value_tables.h"

#define PAGE_BYTES 4096 /* strace reads at most a page of the attribute */
#define BPF_ATTR_MAX 128 /* the largest struct below (BPF_PROG_LOAD) */
#define EXTRA_SHOWN 256   /* bytes of extra_data read to be printed */
#define BPF_MAXINSNS 4096
#define BPF_OBJ_NAME_LEN 16
#define BPF_F_NUMA_NODE (1u << 2)
#define BPF_F_REPLACE (1u << 2)

/* strace 6.1's structs (bpf_attr.h): each command's part of the union. */
struct map_create {
	uint32_t map_type, key_size, value_size, max_entries, map_flags,
		inner_map_fd, numa_node;
	char map_name[BPF_OBJ_NAME_LEN];
	uint32_t map_ifindex, btf_fd, btf_key_type_id, btf_value_type_id,
		btf_vmlinux_value_type_id;
	uint64_t map_extra;
};
struct map_elem {
	uint32_t map_fd;
	uint64_t key, value, flags; /* value: next_key for GET_NEXT_KEY */
};
struct prog_load {
	uint32_t prog_type, insn_cnt;
	uint64_t insns, license;
	uint32_t log_level, log_size;
	uint64_t log_buf;
	uint32_t kern_version, prog_flags;
	char prog_name[BPF_OBJ_NAME_LEN];
	uint32_t prog_ifindex, expected_attach_type, prog_btf_fd,
		func_info_rec_size;
	uint64_t func_info;
	uint32_t func_info_cnt, line_info_rec_size;
	uint64_t line_info;
	uint32_t line_info_cnt, attach_btf_id, attach_prog_fd, pad;
	uint64_t fd_array;
};
struct obj_pin {
	uint64_t pathname;
	uint32_t bpf_fd, file_flags;
};
struct prog_attach {
	uint32_t target_fd, attach_bpf_fd, attach_type, attach_flags,
		replace_bpf_fd;
};
struct prog_test_run {
	uint32_t prog_fd, retval, data_size_in, data_size_out;
	uint64_t data_in, data_out;
	uint32_t repeat, duration, ctx_size_in, ctx_size_out;
	uint64_t ctx_in, ctx_out;
	uint32_t flags, cpu, batch_size;
};
struct by_id {
	uint32_t id, next_id, open_flags; /* GET_NEXT_ID: start_id, next_id */
};
struct raw_tracepoint_open {
	uint64_t name;
	uint32_t prog_fd;
};
struct btf_load {
	uint64_t btf, btf_log_buf;
	uint32_t btf_size, btf_log_size, btf_log_level;
};
struct link_update {
	uint32_t link_fd, new_prog_fd, flags, old_prog_fd;
};
struct prog_query {
	uint32_t target_fd, attach_type, query_flags, attach_flags;
	uint64_t prog_ids;
	uint32_t prog_cnt;
};
struct task_fd_query {
	uint32_t pid, fd, flags, buf_len;
	uint64_t buf;
	uint32_t prog_id, fd_type;
	uint64_t probe_offset, probe_addr;
};
struct obj_info {
	uint32_t bpf_fd, info_len;
	uint64_t info;
};
/* What OBJ_GET_INFO_BY_FD writes for a map (strace 6.1's
 * bpf_map_info_struct: pad and map_extra are not printed). */
struct map_info {
	uint32_t type, id, key_size, value_size, max_entries, map_flags;
	char name[BPF_OBJ_NAME_LEN];
	uint32_t ifindex, btf_vmlinux_value_type_id;
	uint64_t netns_dev, netns_ino;
	uint32_t btf_id, btf_key_type_id, btf_value_type_id, pad;
	uint64_t map_extra;
};
_Static_assert(sizeof(struct map_info) == 88, "bpf_map_info");
struct batch {
	uint64_t in_batch, out_batch, keys, values;
	uint32_t count, map_fd;
	uint64_t elem_flags, flags;
};
struct link_create {
	uint32_t prog_fd, target_fd, attach_type, flags;
	union {
		uint32_t target_btf_id;
		struct {
			uint64_t iter_info;
			uint32_t iter_info_len;
		} iter;
		uint64_t bpf_cookie;
		struct {
			uint32_t flags, cnt;
			uint64_t syms, addrs, cookies;
		} kprobe_multi;
	};
};

/* The attribute as read: its first BPF_ATTR_MAX bytes, zero past `len`. */
union attr {
	unsigned char bytes[BPF_ATTR_MAX];
	struct map_create map_create;
	struct map_elem map_elem;
	struct prog_load prog_load;
	struct obj_pin obj_pin;
	struct prog_attach prog_attach;
	struct prog_test_run test_run;
	struct by_id by_id;
	struct raw_tracepoint_open raw_tp;
	struct btf_load btf_load;
	struct link_update link_update;
	struct prog_query prog_query;
	struct task_fd_query task_fd_query;
	struct batch batch;
	struct link_create link_create;
	struct obj_info obj_info;
	uint32_t u32;
};
_Static_assert(sizeof(struct prog_load) == BPF_ATTR_MAX, "BPF_PROG_LOAD");
_Static_assert(sizeof(struct map_create) == 72, "BPF_MAP_CREATE");
_Static_assert(sizeof(struct batch) == 56, "BPF_MAP_*_BATCH");
_Static_assert(sizeof(struct link_create) == 48, "BPF_LINK_CREATE");

/* What a printer leaves at the entry: the struct closed (its size
 * follows), open (the exit goes on inside it: GET_NEXT_ID, PROG_QUERY,
 * TASK_FD_QUERY), or closed with more at the exit before the size (the
 * batch operations' " => {batch={count=N}}"). */
enum { BPF_DONE, BPF_OPEN, BPF_CLOSED_MORE };

/* Whether the first `len` bytes reach past the field at offset `at`:
 * strace prints a later field only then. */
#define HAS(len, type, field) ((len) > offsetof(type, field))

static void fd_field(const struct decode_context *ctx, const char *sep_name,
		     uint32_t fd)
{
	tb_str(ctx->tb, sep_name);
	print_fd(ctx, (int32_t)fd);
}

static void addr_field(struct text_buffer *tb, const char *sep_name,
		       uint64_t addr)
{
	tb_str(tb, sep_name);
	tb_ptr(tb, addr);
}

static void enum_field(struct text_buffer *tb, const char *sep_name,
		       unsigned table, uint64_t v)
{
	tb_str(tb, sep_name);
	print_enum(tb, value_table_get(table), v);
}

/* strace's PRINT_FIELD_CSTRING_SZ: the name up to its NUL within n bytes;
 * where none ends it there, its first n - 1 bytes and `...` after the
 * quote (the last byte stands for the NUL it lacks). */
static void name_field(const struct decode_context *ctx, const char *sep_name,
		       const char *name, size_t n)
{
	size_t len = 0;
	while (len < n && name[len])
		len++;
	tb_str(ctx->tb, sep_name);
	if (len < n) {
		print_quoted_local(ctx, (const unsigned char *)name, len, 0);
		return;
	}
	print_quoted_local(ctx, (const unsigned char *)name, n ? n - 1 : 0, 0);
	tb_str(ctx->tb, "...");
}

/* The bytes of a name field the size reaches: strace's MIN(sizeof name,
 * len - offsetof(name)). */
static size_t name_reach(unsigned len, size_t at)
{
	size_t left = len - at;
	return left < BPF_OBJ_NAME_LEN ? left : BPF_OBJ_NAME_LEN;
}

/* strace's print_kernel_version: KERNEL_VERSION(a, b, c), the number
 * before it under -X verbose (in a comment) and alone under -X raw. */
static void kernel_version(struct text_buffer *tb, uint32_t v)
{
	int begun = const_names_begin(tb, v, CONST_HEX);
	if (!begun)
		return;
	tb_str(tb, "KERNEL_VERSION(");
	tb_udec(tb, v >> 16);
	tb_str(tb, ", ");
	tb_udec(tb, (v >> 8) & 0xff);
	tb_str(tb, ", ");
	tb_udec(tb, v & 0xff);
	tb_char(tb, ')');
	const_names_end(tb, begun);
}

/* An eBPF instruction's code (strace's print_bpf_filter_code with
 * extended set): classic BPF's parts, with eBPF's classes (BPF_JMP32,
 * BPF_ALU64) and modes; class 6 (BPF_RET in classic BPF) has no parts
 * strace 6.1 names. */
static void ebpf_code(struct text_buffer *tb, uint8_t code)
{
	unsigned cls = code & 0x07, rest = code & ~0x07u;
	print_enum(tb, value_table_get(VT_EBPF_CLASS), cls);
	if (cls != 0x06)
		tb_char(tb, '|');
	switch (cls) {
	case 0x00: case 0x01: case 0x02: case 0x03: /* LD LDX ST STX */
		print_enum(tb, value_table_get(VT_BPF_SIZE), code & 0x18);
		tb_char(tb, '|');
		print_enum(tb, value_table_get(VT_EBPF_MODE), code & 0xe0);
		return;
	case 0x04: case 0x07: /* ALU ALU64 */
	case 0x05:            /* JMP */
		print_enum(tb, value_table_get(VT_BPF_SRC), code & 0x08);
		tb_char(tb, '|');
		print_enum(tb, value_table_get(cls == 0x05 ? VT_BPF_OP_JMP
							  : VT_BPF_OP_ALU),
			   code & 0xf0);
		return;
	default: /* 6 */
		if (rest) {
			tb_char(tb, '|');
			tb_hex(tb, rest);
			tb_str(tb, " /* BPF_??? */");
		}
		return;
	}
}

static void ebpf_insn(const struct decode_context *ctx, const void *elem)
{
	struct text_buffer *tb = ctx->tb;
	const unsigned char *b = elem;
	int16_t off = (int16_t)(b[2] | b[3] << 8);
	uint32_t imm = (uint32_t)b[4] | (uint32_t)b[5] << 8 |
		       (uint32_t)b[6] << 16 | (uint32_t)b[7] << 24;
	tb_str(tb, "{code=");
	ebpf_code(tb, b[0]);
	enum_field(tb, ", dst_reg=", VT_EBPF_REG, b[1] & 0x0f);
	enum_field(tb, ", src_reg=", VT_EBPF_REG, b[1] >> 4);
	print_field_d(tb, ", off=", off);
	tb_str(tb, ", imm=");
	tb_hex(tb, imm);
	tb_char(tb, '}');
}

/* ---- the commands ---- */

/* Each prints the fields the first `len` bytes of the attribute reach,
 * after the opening brace; at the exit only where the row says so. At the
 * entry it returns BPF_DONE, BPF_OPEN or BPF_CLOSED_MORE (above); *known
 * is the struct's size for extra_data, which LINK_CREATE sets by the
 * attach type. */
typedef int (*bpf_printer)(const struct decode_context *ctx,
			   const union attr *a, unsigned len, unsigned *known);

static int map_create(const struct decode_context *ctx, const union attr *a,
		      unsigned len, unsigned *known)
{
	(void)known;
	struct text_buffer *tb = ctx->tb;
	const struct map_create *m = &a->map_create;
	enum_field(tb, "map_type=", VT_BPF_MAP_TYPE, m->map_type);
	print_field_u(tb, ", key_size=", m->key_size);
	print_field_u(tb, ", value_size=", m->value_size);
	print_field_u(tb, ", max_entries=", m->max_entries);
	if (!HAS(len, struct map_create, map_flags))
		return BPF_DONE;
	print_field_flags(tb, ", map_flags=", VT_BPF_MAP_FLAGS, m->map_flags);
	if (!HAS(len, struct map_create, inner_map_fd))
		return BPF_DONE;
	fd_field(ctx, ", inner_map_fd=", m->inner_map_fd);
	if (!HAS(len, struct map_create, numa_node))
		return BPF_DONE;
	if (m->map_flags & BPF_F_NUMA_NODE) {
		/* strace's PRINT_FIELD_XVAL_U_VERBOSE: the number, and its
		 * name in a comment but under -X raw. */
		print_field_u(tb, ", numa_node=", m->numa_node);
		if (m->numa_node == 0xffffffffu &&
		    tb->style != CONST_STYLE_RAW)
			tb_str(tb, " /* NUMA_NO_NODE */");
	}
	if (!HAS(len, struct map_create, map_name))
		return BPF_DONE;
	name_field(ctx, ", map_name=", m->map_name,
		   name_reach(len, offsetof(struct map_create, map_name)));
	if (!HAS(len, struct map_create, map_ifindex))
		return BPF_DONE;
	tb_str(tb, ", map_ifindex=");
	print_ifindex(ctx, m->map_ifindex);
	if (!HAS(len, struct map_create, btf_fd))
		return BPF_DONE;
	fd_field(ctx, ", btf_fd=", m->btf_fd);
	print_field_u(tb, ", btf_key_type_id=", m->btf_key_type_id);
	print_field_u(tb, ", btf_value_type_id=", m->btf_value_type_id);
	if (!HAS(len, struct map_create, btf_vmlinux_value_type_id))
		return BPF_DONE;
	print_field_u(tb, ", btf_vmlinux_value_type_id=",
		      m->btf_vmlinux_value_type_id);
	if (!HAS(len, struct map_create, map_extra))
		return BPF_DONE;
	print_field_u(tb, ", map_extra=", m->map_extra);
	return BPF_DONE;
}

static int map_lookup_elem(const struct decode_context *ctx,
			   const union attr *a, unsigned len, unsigned *known)
{
	(void)known;
	struct text_buffer *tb = ctx->tb;
	const struct map_elem *m = &a->map_elem;
	fd_field(ctx, "map_fd=", m->map_fd);
	addr_field(tb, ", key=", m->key);
	addr_field(tb, ", value=", m->value);
	if (HAS(len, struct map_elem, flags))
		print_field_flags(tb, ", flags=", VT_BPF_LOOKUP_FLAGS, m->flags);
	return BPF_DONE;
}

static int map_update_elem(const struct decode_context *ctx,
			   const union attr *a, unsigned len, unsigned *known)
{
	(void)known;
	struct text_buffer *tb = ctx->tb;
	const struct map_elem *m = &a->map_elem;
	(void)len;
	fd_field(ctx, "map_fd=", m->map_fd);
	addr_field(tb, ", key=", m->key);
	addr_field(tb, ", value=", m->value);
	enum_field(tb, ", flags=", VT_BPF_UPDATE_FLAGS, m->flags);
	return BPF_DONE;
}

static int map_delete_elem(const struct decode_context *ctx,
			   const union attr *a, unsigned len, unsigned *known)
{
	(void)known;
	(void)len;
	fd_field(ctx, "map_fd=", a->map_elem.map_fd);
	addr_field(ctx->tb, ", key=", a->map_elem.key);
	return BPF_DONE;
}

static int map_get_next_key(const struct decode_context *ctx,
			    const union attr *a, unsigned len, unsigned *known)
{
	(void)known;
	(void)len;
	fd_field(ctx, "map_fd=", a->map_elem.map_fd);
	addr_field(ctx->tb, ", key=", a->map_elem.key);
	addr_field(ctx->tb, ", next_key=", a->map_elem.value);
	return BPF_DONE;
}

static int map_freeze(const struct decode_context *ctx, const union attr *a,
		      unsigned len, unsigned *known)
{
	(void)known;
	(void)len;
	fd_field(ctx, "map_fd=", a->map_elem.map_fd);
	return BPF_DONE;
}

static int prog_load(const struct decode_context *ctx, const union attr *a,
		     unsigned len, unsigned *known)
{
	(void)known;
	struct text_buffer *tb = ctx->tb;
	const struct prog_load *p = &a->prog_load;
	enum_field(tb, "prog_type=", VT_BPF_PROG_TYPE, p->prog_type);
	print_field_u(tb, ", insn_cnt=", p->insn_cnt);
	tb_str(tb, ", insns=");
	if (ctx_abbrev(ctx))
		tb_ptr(tb, p->insns);
	else
		print_array_of(ctx, (uintptr_t)p->insns, p->insn_cnt,
			       BPF_MAXINSNS, 8, ebpf_insn);
	tb_str(tb, ", license=");
	print_cstring(ctx, (uintptr_t)p->license);
	if (!HAS(len, struct prog_load, log_level))
		return BPF_DONE;
	print_field_u(tb, ", log_level=", p->log_level);
	print_field_u(tb, ", log_size=", p->log_size);
	tb_str(tb, ", log_buf=");
	print_cstring_max(ctx, (uintptr_t)p->log_buf, p->log_size);
	if (!HAS(len, struct prog_load, kern_version))
		return BPF_DONE;
	tb_str(tb, ", kern_version=");
	kernel_version(tb, p->kern_version);
	if (!HAS(len, struct prog_load, prog_flags))
		return BPF_DONE;
	print_field_flags(tb, ", prog_flags=", VT_BPF_PROG_FLAGS,
			  p->prog_flags);
	if (!HAS(len, struct prog_load, prog_name))
		return BPF_DONE;
	name_field(ctx, ", prog_name=", p->prog_name,
		   name_reach(len, offsetof(struct prog_load, prog_name)));
	if (!HAS(len, struct prog_load, prog_ifindex))
		return BPF_DONE;
	tb_str(tb, ", prog_ifindex=");
	print_ifindex(ctx, p->prog_ifindex);
	if (!HAS(len, struct prog_load, expected_attach_type))
		return BPF_DONE;
	enum_field(tb, ", expected_attach_type=", VT_BPF_ATTACH_TYPE,
		   p->expected_attach_type);
	if (!HAS(len, struct prog_load, prog_btf_fd))
		return BPF_DONE;
	fd_field(ctx, ", prog_btf_fd=", p->prog_btf_fd);
	print_field_u(tb, ", func_info_rec_size=", p->func_info_rec_size);
	addr_field(tb, ", func_info=", p->func_info);
	print_field_u(tb, ", func_info_cnt=", p->func_info_cnt);
	print_field_u(tb, ", line_info_rec_size=", p->line_info_rec_size);
	addr_field(tb, ", line_info=", p->line_info);
	print_field_u(tb, ", line_info_cnt=", p->line_info_cnt);
	if (!HAS(len, struct prog_load, attach_btf_id))
		return BPF_DONE;
	print_field_u(tb, ", attach_btf_id=", p->attach_btf_id);
	if (!HAS(len, struct prog_load, attach_prog_fd))
		return BPF_DONE;
	fd_field(ctx, ", attach_prog_fd=", p->attach_prog_fd);
	if (!HAS(len, struct prog_load, fd_array))
		return BPF_DONE;
	addr_field(tb, ", fd_array=", p->fd_array);
	return BPF_DONE;
}

static int obj_pin(const struct decode_context *ctx, const union attr *a,
		   unsigned len, unsigned *known)
{
	(void)known;
	const struct obj_pin *o = &a->obj_pin;
	tb_str(ctx->tb, "pathname=");
	print_path(ctx, (uintptr_t)o->pathname);
	fd_field(ctx, ", bpf_fd=", o->bpf_fd);
	if (HAS(len, struct obj_pin, file_flags))
		print_field_flags(ctx->tb, ", file_flags=", VT_BPF_FILE_MODE_FLAGS,
				  o->file_flags);
	return BPF_DONE;
}

static int prog_attach(const struct decode_context *ctx, const union attr *a,
		       unsigned len, unsigned *known)
{
	(void)known;
	struct text_buffer *tb = ctx->tb;
	const struct prog_attach *p = &a->prog_attach;
	fd_field(ctx, "target_fd=", p->target_fd);
	fd_field(ctx, ", attach_bpf_fd=", p->attach_bpf_fd);
	enum_field(tb, ", attach_type=", VT_BPF_ATTACH_TYPE, p->attach_type);
	print_field_flags(tb, ", attach_flags=", VT_BPF_ATTACH_FLAGS,
			  p->attach_flags);
	if (HAS(len, struct prog_attach, replace_bpf_fd))
		fd_field(ctx, ", replace_bpf_fd=", p->replace_bpf_fd);
	return BPF_DONE;
}

static int prog_detach(const struct decode_context *ctx, const union attr *a,
		       unsigned len, unsigned *known)
{
	(void)known;
	(void)len;
	fd_field(ctx, "target_fd=", a->prog_attach.target_fd);
	enum_field(ctx->tb, ", attach_type=", VT_BPF_ATTACH_TYPE,
		   a->prog_attach.attach_type);
	return BPF_DONE;
}

static int prog_test_run(const struct decode_context *ctx,
			 const union attr *a, unsigned len, unsigned *known)
{
	(void)known;
	struct text_buffer *tb = ctx->tb;
	const struct prog_test_run *t = &a->test_run;
	fd_field(ctx, "test={prog_fd=", t->prog_fd);
	print_field_u(tb, ", retval=", t->retval);
	print_field_u(tb, ", data_size_in=", t->data_size_in);
	print_field_u(tb, ", data_size_out=", t->data_size_out);
	addr_field(tb, ", data_in=", t->data_in);
	addr_field(tb, ", data_out=", t->data_out);
	print_field_u(tb, ", repeat=", t->repeat);
	print_field_u(tb, ", duration=", t->duration);
	if (HAS(len, struct prog_test_run, ctx_size_in)) {
		print_field_u(tb, ", ctx_size_in=", t->ctx_size_in);
		print_field_u(tb, ", ctx_size_out=", t->ctx_size_out);
		addr_field(tb, ", ctx_in=", t->ctx_in);
		addr_field(tb, ", ctx_out=", t->ctx_out);
	}
	if (HAS(len, struct prog_test_run, flags)) {
		print_field_flags(tb, ", flags=", VT_BPF_TEST_RUN_FLAGS,
				  t->flags);
		print_field_u(tb, ", cpu=", t->cpu);
	}
	if (HAS(len, struct prog_test_run, batch_size))
		print_field_u(tb, ", batch_size=", t->batch_size);
	tb_char(tb, '}');
	return BPF_DONE;
}

/* PROG, MAP, BTF and LINK_GET_NEXT_ID: the id the kernel wrote is shown at
 * the exit (" => N" where it changed), then open_flags. */
static int get_next_id(const struct decode_context *ctx, const union attr *a,
		       unsigned len, unsigned *known)
{
	(void)known;
	struct text_buffer *tb = ctx->tb;
	const struct by_id *b = &a->by_id;
	if (!ctx->exiting) {
		print_field_u(tb, "start_id=", b->id);
		print_field_u(tb, ", next_id=", b->next_id);
		return BPF_OPEN;
	}
	const struct format_saved *sv = ctx->opts->saved;
	uint32_t before = sv && (sv->mask & 2u) ? (uint32_t)sv->value[1]
					       : b->next_id;
	if (before != b->next_id)
		print_field_u(tb, " => ", b->next_id);
	if (HAS(len, struct by_id, open_flags))
		print_field_flags(tb, ", open_flags=", VT_BPF_FILE_MODE_FLAGS,
				  b->open_flags);
	return BPF_DONE;
}

static void fd_by_id(const struct decode_context *ctx, const char *id_name,
		     const union attr *a, unsigned len)
{
	struct text_buffer *tb = ctx->tb;
	const struct by_id *b = &a->by_id;
	print_field_u(tb, id_name, b->id);
	print_field_u(tb, ", next_id=", b->next_id);
	if (HAS(len, struct by_id, open_flags))
		print_field_flags(tb, ", open_flags=", VT_BPF_FILE_MODE_FLAGS,
				  b->open_flags);
}

static int prog_get_fd_by_id(const struct decode_context *ctx,
			     const union attr *a, unsigned len, unsigned *known)
{
	(void)known;
	fd_by_id(ctx, "prog_id=", a, len);
	return BPF_DONE;
}

static int map_get_fd_by_id(const struct decode_context *ctx,
			    const union attr *a, unsigned len, unsigned *known)
{
	(void)known;
	fd_by_id(ctx, "map_id=", a, len);
	return BPF_DONE;
}

static int raw_tracepoint_open(const struct decode_context *ctx,
			       const union attr *a, unsigned len, unsigned *known)
{
	(void)known;
	(void)len;
	tb_str(ctx->tb, "raw_tracepoint={name=");
	print_cstring_max(ctx, (uintptr_t)a->raw_tp.name, 128);
	fd_field(ctx, ", prog_fd=", a->raw_tp.prog_fd);
	tb_char(ctx->tb, '}');
	return BPF_DONE;
}

static int btf_load(const struct decode_context *ctx, const union attr *a,
		    unsigned len, unsigned *known)
{
	(void)known;
	struct text_buffer *tb = ctx->tb;
	const struct btf_load *b = &a->btf_load;
	(void)len;
	tb_str(tb, "btf=");
	print_buffer(ctx, (uintptr_t)b->btf, b->btf_size, 0);
	addr_field(tb, ", btf_log_buf=", b->btf_log_buf);
	print_field_u(tb, ", btf_size=", b->btf_size);
	print_field_u(tb, ", btf_log_size=", b->btf_log_size);
	print_field_u(tb, ", btf_log_level=", b->btf_log_level);
	return BPF_DONE;
}

static int btf_get_fd_by_id(const struct decode_context *ctx,
			    const union attr *a, unsigned len, unsigned *known)
{
	(void)known;
	(void)len;
	print_field_u(ctx->tb, "btf_id=", a->u32);
	return BPF_DONE;
}

static int link_get_fd_by_id(const struct decode_context *ctx,
			     const union attr *a, unsigned len, unsigned *known)
{
	(void)known;
	(void)len;
	print_field_u(ctx->tb, "link_id=", a->u32);
	return BPF_DONE;
}

static int link_update(const struct decode_context *ctx, const union attr *a,
		       unsigned len, unsigned *known)
{
	(void)known;
	const struct link_update *l = &a->link_update;
	(void)len;
	fd_field(ctx, "link_update={link_fd=", l->link_fd);
	fd_field(ctx, ", new_prog_fd=", l->new_prog_fd);
	print_field_flags(ctx->tb, ", flags=", VT_BPF_ATTACH_FLAGS, l->flags);
	if (l->flags & BPF_F_REPLACE)
		fd_field(ctx, ", old_prog_fd=", l->old_prog_fd);
	tb_char(ctx->tb, '}');
	return BPF_DONE;
}

static void print_u32_elem(const struct decode_context *ctx, const void *elem)
{
	tb_udec(ctx->tb, *(const uint32_t *)elem);
}

/* PROG_QUERY: the query at the entry; the ids the kernel wrote and their
 * count (" => " where it changed) at the exit. */
static int prog_query(const struct decode_context *ctx, const union attr *a,
		      unsigned len, unsigned *known)
{
	struct text_buffer *tb = ctx->tb;
	const struct prog_query *q = &a->prog_query;
	(void)len;
	(void)known;
	if (!ctx->exiting) {
		fd_field(ctx, "query={target_fd=", q->target_fd);
		enum_field(tb, ", attach_type=", VT_BPF_ATTACH_TYPE,
			   q->attach_type);
		print_field_flags(tb, ", query_flags=", VT_BPF_QUERY_FLAGS,
				  q->query_flags);
		print_field_flags(tb, ", attach_flags=", VT_BPF_ATTACH_FLAGS,
				  q->attach_flags);
		tb_str(tb, ", prog_ids=");
		return BPF_OPEN;
	}
	const struct format_saved *sv = ctx->opts->saved;
	uint32_t before = sv && (sv->mask & 2u) ? (uint32_t)sv->value[1]
					       : q->prog_cnt;
	/* strace's tfetch_mem reads nothing at the exit of a failed call;
	 * its print_array shows no ids as [] before it asks. */
	if (is_error_result(ctx->result) && q->prog_cnt)
		tb_ptr(tb, q->prog_ids);
	else
		print_array_of(ctx, (uintptr_t)q->prog_ids, q->prog_cnt, 0, 4,
			       print_u32_elem);
	tb_str(tb, ", prog_cnt=");
	if (before != q->prog_cnt) {
		tb_udec(tb, before);
		tb_str(tb, " => ");
	}
	tb_udec(tb, q->prog_cnt);
	tb_char(tb, '}');
	return BPF_DONE;
}

/* TASK_FD_QUERY: the task and descriptor at the entry; what the kernel
 * wrote (the name in buf, at most the smaller of the two lengths) at the
 * exit. */
static int task_fd_query(const struct decode_context *ctx,
			 const union attr *a, unsigned len, unsigned *known)
{
	struct text_buffer *tb = ctx->tb;
	const struct task_fd_query *t = &a->task_fd_query;
	(void)len;
	(void)known;
	if (!ctx->exiting) {
		tb_str(tb, "task_fd_query={pid=");
		print_pid(ctx, (int32_t)t->pid, PIDNS_TGID);
		fd_field(ctx, ", fd=", t->fd);
		print_field_u(tb, ", flags=", t->flags);
		print_field_u(tb, ", buf_len=", t->buf_len);
		return BPF_OPEN;
	}
	const struct format_saved *sv = ctx->opts->saved;
	uint32_t before = sv && (sv->mask & 2u) ? (uint32_t)sv->value[1]
					       : t->buf_len;
	if (before != t->buf_len)
		print_field_u(tb, " => ", t->buf_len);
	tb_str(tb, ", buf=");
	print_cstring_max(ctx, (uintptr_t)t->buf,
			  before < t->buf_len ? before : t->buf_len);
	print_field_u(tb, ", prog_id=", t->prog_id);
	enum_field(tb, ", fd_type=", VT_BPF_TASK_FD_TYPE, t->fd_type);
	tb_str(tb, ", probe_offset=");
	tb_hex(tb, t->probe_offset);
	tb_str(tb, ", probe_addr=");
	tb_hex(tb, t->probe_addr);
	tb_char(tb, '}');
	return BPF_DONE;
}

/* The batch operations: the batch at the entry, closed; at the exit the
 * count the kernel wrote back where it changed. `which` says the fields
 * each has: LOOKUP (and LOOKUP_AND_DELETE) all, UPDATE from keys, DELETE
 * keys and no values. */
enum { BATCH_LOOKUP, BATCH_UPDATE, BATCH_DELETE };

static int batch(const struct decode_context *ctx, const union attr *a,
		 int which)
{
	struct text_buffer *tb = ctx->tb;
	const struct batch *b = &a->batch;
	if (ctx->exiting) {
		const struct format_saved *sv = ctx->opts->saved;
		if (sv && (sv->mask & 2u) &&
		    (uint32_t)sv->value[1] != b->count) {
			print_field_u(tb, " => {batch={count=", b->count);
			tb_str(tb, "}}");
		}
		return BPF_DONE;
	}
	tb_str(tb, "batch={");
	if (which == BATCH_LOOKUP) {
		addr_field(tb, "in_batch=", b->in_batch);
		addr_field(tb, ", out_batch=", b->out_batch);
		tb_str(tb, ", ");
	}
	addr_field(tb, "keys=", b->keys);
	if (which != BATCH_DELETE)
		addr_field(tb, ", values=", b->values);
	print_field_u(tb, ", count=", b->count);
	fd_field(ctx, ", map_fd=", b->map_fd);
	print_field_flags(tb, ", elem_flags=", VT_BPF_LOOKUP_FLAGS,
			  b->elem_flags);
	tb_str(tb, ", flags=");
	tb_hex(tb, b->flags);
	tb_char(tb, '}');
	return BPF_CLOSED_MORE;
}

static int lookup_batch(const struct decode_context *ctx, const union attr *a,
			unsigned len, unsigned *known)
{
	(void)len;
	(void)known;
	return batch(ctx, a, BATCH_LOOKUP);
}

static int update_batch(const struct decode_context *ctx, const union attr *a,
			unsigned len, unsigned *known)
{
	(void)len;
	(void)known;
	return batch(ctx, a, BATCH_UPDATE);
}

static int delete_batch(const struct decode_context *ctx, const union attr *a,
			unsigned len, unsigned *known)
{
	(void)len;
	(void)known;
	return batch(ctx, a, BATCH_DELETE);
}

static void iter_link_info(const struct decode_context *ctx, const void *elem)
{
	fd_field(ctx, "{map={map_fd=", *(const uint32_t *)elem);
	tb_str(ctx->tb, "}}");
}

static void string_elem(const struct decode_context *ctx, const void *elem)
{
	print_cstring(ctx, (uintptr_t)*(const uint64_t *)elem);
}

static void hex64_elem(const struct decode_context *ctx, const void *elem)
{
	tb_hex(ctx->tb, *(const uint64_t *)elem);
}

/* LINK_CREATE: the union after flags as strace 6.1 guesses it from the
 * attach type; the known size (for extra_data) ends where that guess
 * ends, at flags for types it does not know. */
static int link_create(const struct decode_context *ctx, const union attr *a,
		       unsigned len, unsigned *known)
{
	struct text_buffer *tb = ctx->tb;
	const struct link_create *l = &a->link_create;
	fd_field(ctx, "link_create={prog_fd=", l->prog_fd);
	fd_field(ctx, ", target_fd=", l->target_fd);
	enum_field(tb, ", attach_type=", VT_BPF_ATTACH_TYPE, l->attach_type);
	tb_str(tb, ", flags=");
	tb_hex(tb, l->flags);
	if (!HAS(len, struct link_create, target_btf_id)) {
		tb_char(tb, '}');
		return BPF_DONE;
	}
	switch (l->attach_type) {
	case 0: /* BPF_CGROUP_INET_INGRESS: an extension's target_btf_id */
		if (l->target_btf_id)
			print_field_u(tb, ", target_btf_id=", l->target_btf_id);
		*known = offsetof(struct link_create, target_btf_id) + 4;
		break;
	case 28: /* BPF_TRACE_ITER */
		tb_str(tb, ", iter_info=");
		print_array_of(ctx, (uintptr_t)l->iter.iter_info,
			       l->iter.iter_info_len, 0, 4, iter_link_info);
		print_field_u(tb, ", iter_info_len=", l->iter.iter_info_len);
		*known = offsetof(struct link_create, iter.iter_info_len) + 4;
		break;
	case 41: /* BPF_PERF_EVENT */
		tb_str(tb, ", perf_event={bpf_cookie=");
		tb_hex(tb, l->bpf_cookie);
		tb_char(tb, '}');
		*known = offsetof(struct link_create, bpf_cookie) + 8;
		break;
	case 42: /* BPF_TRACE_KPROBE_MULTI */
		print_field_flags(tb, ", kprobe_multi={flags=",
				  VT_BPF_KPROBE_MULTI_FLAGS,
				  l->kprobe_multi.flags);
		print_field_u(tb, ", cnt=", l->kprobe_multi.cnt);
		tb_str(tb, ", syms=");
		print_array_of(ctx, (uintptr_t)l->kprobe_multi.syms,
			       l->kprobe_multi.cnt, 0, 8, string_elem);
		tb_str(tb, ", addrs=");
		print_array_of(ctx, (uintptr_t)l->kprobe_multi.addrs,
			       l->kprobe_multi.cnt, 0, 8, hex64_elem);
		tb_str(tb, ", cookies=");
		print_array_of(ctx, (uintptr_t)l->kprobe_multi.cookies,
			       l->kprobe_multi.cnt, 0, 8, hex64_elem);
		tb_char(tb, '}');
		*known = sizeof *l;
		break;
	default:
		*known = offsetof(struct link_create, flags) + 4;
		break;
	}
	tb_char(tb, '}');
	return BPF_DONE;
}

/* Bytes [from, size) at addr, as strace reads all of a struct it was
 * given: 0 where any is unreadable, else 1 and in *tail whether any is not
 * zero. */
static int read_tail(const struct decode_context *ctx, uintptr_t addr,
		     unsigned from, unsigned size, int *tail)
{
	unsigned char chunk[64];
	*tail = 0;
	for (unsigned at = from; at < size; at += sizeof chunk) {
		unsigned n = size - at < sizeof chunk ? size - at
						      : (unsigned)sizeof chunk;
		if (!read_exact(ctx, chunk, addr + at, n))
			return 0;
		for (unsigned i = 0; i < n; i++)
			*tail |= chunk[i] != 0;
	}
	return 1;
}

static void extra_data(const struct decode_context *ctx, uintptr_t addr,
		       unsigned size, unsigned known);

/* A map's info as the kernel wrote it: the fields its size reaches, the
 * bytes past strace's struct that are not zero as extra_data. 0 when
 * the info cannot be read (the caller prints its address). */
static int map_info(const struct decode_context *ctx, uintptr_t addr,
		    unsigned size)
{
	struct text_buffer *tb = ctx->tb;
	struct map_info m;
	unsigned len = size < sizeof m ? size : (unsigned)sizeof m;
	text_memset(&m, 0, sizeof m);
	if (!read_exact(ctx, &m, addr, len))
		return 0;
	int tail;
	if (!read_tail(ctx, addr, len, size, &tail))
		return 0;
	enum_field(tb, "{type=", VT_BPF_MAP_TYPE, m.type);
	print_field_u(tb, ", id=", m.id);
	print_field_u(tb, ", key_size=", m.key_size);
	print_field_u(tb, ", value_size=", m.value_size);
	print_field_u(tb, ", max_entries=", m.max_entries);
	print_field_flags(tb, ", map_flags=", VT_BPF_MAP_FLAGS, m.map_flags);
	if (HAS(len, struct map_info, name)) {
		name_field(ctx, ", name=", m.name, BPF_OBJ_NAME_LEN);
		if (HAS(len, struct map_info, ifindex)) {
			tb_str(tb, ", ifindex=");
			print_ifindex(ctx, m.ifindex);
			print_field_u(tb, ", btf_vmlinux_value_type_id=",
				      m.btf_vmlinux_value_type_id);
			tb_str(tb, ", netns_dev=");
			print_makedev(tb, m.netns_dev);
			print_field_u(tb, ", netns_ino=", m.netns_ino);
			if (HAS(len, struct map_info, btf_id)) {
				print_field_u(tb, ", btf_id=", m.btf_id);
				print_field_u(tb, ", btf_key_type_id=",
					      m.btf_key_type_id);
				print_field_u(tb, ", btf_value_type_id=",
					      m.btf_value_type_id);
				if (tail)
					extra_data(ctx, addr, size, sizeof m);
			}
		}
	}
	tb_char(tb, '}');
	return 1;
}

/* The kind of bpf object a descriptor is, by its path ("anon_inode:bpf-map"
 * ...): 'm' a map, 'p' a program, 0 anything else. */
static int bpf_object_kind(const struct decode_context *ctx, int fd)
{
	char path[32];
	long n = format_fd_path(ctx->opts, fd, path, sizeof path - 1);
	if (n <= 0)
		return 0;
	path[n] = 0;
	if (text_streq(path, "anon_inode:bpf-map"))
		return 'm';
	if (text_streq(path, "anon_inode:bpf-prog"))
		return 'p';
	return 0;
}

/* OBJ_GET_INFO_BY_FD: the descriptor and the buffer's length at the
 * entry; at the exit the length the kernel wrote back and, under -v, a
 * map's info as strace 6.1 prints it, else the buffer's address. A
 * program's info under -v prints as its address too (strace shows what
 * the kernel changed in a dozen of its fields, "jited_prog_len=0 =>
 * 1234", which takes more of the entry's state than the saved inputs
 * keep: a known limit, docs/DESIGN.md). */
static int obj_get_info_by_fd(const struct decode_context *ctx,
			      const union attr *a, unsigned len,
			      unsigned *known)
{
	struct text_buffer *tb = ctx->tb;
	const struct obj_info *o = &a->obj_info;
	(void)len;
	(void)known;
	if (!ctx->exiting) {
		fd_field(ctx, "info={bpf_fd=", o->bpf_fd);
		print_field_u(tb, ", info_len=", o->info_len);
		return BPF_OPEN;
	}
	const struct format_saved *sv = ctx->opts->saved;
	if (sv && (sv->mask & 2u) && (uint32_t)sv->value[1] != o->info_len)
		print_field_u(tb, " => ", o->info_len);
	tb_str(tb, ", info=");
	if (ctx_abbrev(ctx) || o->info_len == 0 || o->info_len > PAGE_BYTES ||
	    bpf_object_kind(ctx, (int32_t)o->bpf_fd) != 'm' ||
	    !map_info(ctx, (uintptr_t)o->info, o->info_len))
		tb_ptr(tb, o->info);
	tb_char(tb, '}');
	return BPF_DONE;
}

/* By command (<linux/bpf.h>'s enum bpf_cmd): strace 6.1's struct size
 * (its bpf_attr.h's expected_*_struct_size), the printer, whether the
 * result is a descriptor (RVAL_FD) and what the printer does at the exit:
 * nothing, go on inside the struct (EXIT_INSIDE) or add after it
 * (EXIT_AFTER). */
enum { EXIT_NONE, EXIT_INSIDE, EXIT_AFTER };
static const struct bpf_command {
	uint8_t size;
	uint8_t result_fd;
	uint8_t at_exit;
	bpf_printer print;
} commands[] = {
	[0] = {72, 1, EXIT_NONE, map_create},           /* BPF_MAP_CREATE */
	[1] = {32, 0, EXIT_NONE, map_lookup_elem},      /* BPF_MAP_LOOKUP_ELEM */
	[2] = {32, 0, EXIT_NONE, map_update_elem},      /* BPF_MAP_UPDATE_ELEM */
	[3] = {16, 0, EXIT_NONE, map_delete_elem},      /* BPF_MAP_DELETE_ELEM */
	[4] = {24, 0, EXIT_NONE, map_get_next_key},     /* BPF_MAP_GET_NEXT_KEY */
	[5] = {128, 1, EXIT_NONE, prog_load},           /* BPF_PROG_LOAD */
	[6] = {16, 1, EXIT_NONE, obj_pin},              /* BPF_OBJ_PIN */
	[7] = {16, 1, EXIT_NONE, obj_pin},              /* BPF_OBJ_GET */
	[8] = {20, 0, EXIT_NONE, prog_attach},          /* BPF_PROG_ATTACH */
	[9] = {12, 0, EXIT_NONE, prog_detach},          /* BPF_PROG_DETACH */
	[10] = {76, 0, EXIT_NONE, prog_test_run},       /* BPF_PROG_TEST_RUN */
	[11] = {12, 0, EXIT_INSIDE, get_next_id},       /* BPF_PROG_GET_NEXT_ID */
	[12] = {12, 0, EXIT_INSIDE, get_next_id},       /* BPF_MAP_GET_NEXT_ID */
	[13] = {12, 1, EXIT_NONE, prog_get_fd_by_id},   /* BPF_PROG_GET_FD_BY_ID */
	[14] = {12, 1, EXIT_NONE, map_get_fd_by_id},    /* BPF_MAP_GET_FD_BY_ID */
	[15] = {16, 0, EXIT_INSIDE, obj_get_info_by_fd}, /* ..._OBJ_GET_INFO_BY_FD */
	[16] = {28, 0, EXIT_INSIDE, prog_query},        /* BPF_PROG_QUERY */
	[17] = {12, 0, EXIT_NONE, raw_tracepoint_open}, /* BPF_RAW_TRACEPOINT_OPEN */
	[18] = {28, 1, EXIT_NONE, btf_load},            /* BPF_BTF_LOAD */
	[19] = {4, 1, EXIT_NONE, btf_get_fd_by_id},     /* BPF_BTF_GET_FD_BY_ID */
	[20] = {48, 0, EXIT_INSIDE, task_fd_query},     /* BPF_TASK_FD_QUERY */
	[21] = {32, 0, EXIT_NONE, map_lookup_elem},     /* ..._LOOKUP_AND_DELETE_ELEM */
	[22] = {4, 0, EXIT_NONE, map_freeze},           /* BPF_MAP_FREEZE */
	[23] = {12, 0, EXIT_INSIDE, get_next_id},       /* BPF_BTF_GET_NEXT_ID */
	[24] = {56, 0, EXIT_AFTER, lookup_batch},       /* BPF_MAP_LOOKUP_BATCH */
	[25] = {56, 0, EXIT_AFTER, lookup_batch},       /* ..._LOOKUP_AND_DELETE_BATCH */
	[26] = {56, 0, EXIT_AFTER, update_batch},       /* BPF_MAP_UPDATE_BATCH */
	[27] = {56, 0, EXIT_AFTER, delete_batch},       /* BPF_MAP_DELETE_BATCH */
	[28] = {48, 1, EXIT_NONE, link_create},         /* BPF_LINK_CREATE */
	[29] = {16, 0, EXIT_NONE, link_update},         /* BPF_LINK_UPDATE */
	[30] = {4, 1, EXIT_NONE, link_get_fd_by_id},    /* BPF_LINK_GET_FD_BY_ID */
	[31] = {12, 0, EXIT_INSIDE, get_next_id},       /* BPF_LINK_GET_NEXT_ID */
};


/* The command's row, where its attribute is decoded: not under -e
 * verbose= without bpf (strace's umoven_or_printaddr prints the address
 * then). */
static const struct bpf_command *command_of(const struct decode_context *ctx)
{
	unsigned long cmd = (unsigned)ctx->args[0];
	unsigned size = (unsigned)ctx->args[2];
	if (cmd >= sizeof commands / sizeof *commands || !commands[cmd].print ||
	    size == 0 || size > PAGE_BYTES || !ctx_verbose(ctx))
		return 0;
	return &commands[cmd];
}

/* Reads the attribute: its first min(size, BPF_ATTR_MAX) bytes into *a
 * (zero past them) and, as strace reads all `size` bytes, whether the rest
 * is readable and whether any of it is not zero (*tail). 0 when any of it
 * is unreadable. */
static int read_attr(const struct decode_context *ctx, uintptr_t addr,
		     unsigned size, union attr *a, int *tail)
{
	text_memset(a, 0, sizeof *a);
	*tail = 0;
	unsigned head = size < BPF_ATTR_MAX ? size : BPF_ATTR_MAX;
	return read_exact(ctx, a->bytes, addr, head) &&
	       read_tail(ctx, addr, head, size, tail);
}

/* Whether a byte of the attribute past the known struct is not zero. */
static int has_extra(const union attr *a, unsigned size, unsigned known,
		     int tail)
{
	unsigned head = size < BPF_ATTR_MAX ? size : BPF_ATTR_MAX;
	for (unsigned i = known; i < head; i++)
		if (a->bytes[i])
			return 1;
	return tail;
}

/* strace's decode_attr_extra_data: the bytes past the known struct, as
 * hex, with their range; `...` without -v. */
static void extra_data(const struct decode_context *ctx, uintptr_t addr,
		       unsigned size, unsigned known)
{
	struct text_buffer *tb = ctx->tb;
	if (ctx_abbrev(ctx)) {
		tb_str(tb, ", ...");
		return;
	}
	unsigned n = size - known;
	unsigned char bytes[EXTRA_SHOWN];
	unsigned shown = n < EXTRA_SHOWN ? n : EXTRA_SHOWN;
	tb_str(tb, ", extra_data=");
	if (!read_exact(ctx, bytes, addr + known, shown)) {
		tb_ptr(tb, addr + known);
	} else {
		print_quoted_hex_local(ctx, bytes, shown);
		if (shown < n)
			tb_str(tb, "...");
	}
	tb_str(tb, " /* bytes ");
	tb_udec(tb, known);
	tb_str(tb, "..");
	tb_udec(tb, size - 1);
	tb_str(tb, " */");
}

static void print_size(const struct decode_context *ctx)
{
	tb_str(ctx->tb, ", ");
	tb_udec(ctx->tb, (unsigned)ctx->args[2]);
}

void decode_bpf(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	uintptr_t addr = (uintptr_t)ctx->args[1];
	unsigned size = (unsigned)ctx->args[2];
	const struct bpf_command *c = command_of(ctx);
	if (ctx->exiting && (!c || c->at_exit == EXIT_NONE))
		return;
	/* The entry printed the address and the size (save_bpf_inputs). */
	if (ctx->exiting && ctx->opts->saved && !(ctx->opts->saved->mask & 2u))
		return;
	if (!ctx->exiting) {
		print_enum(tb, value_table_get(VT_BPF_CMD),
			   (unsigned)ctx->args[0]);
		tb_str(tb, ", ");
	}
	union attr a;
	int tail;
	if (!c || !read_attr(ctx, addr, size, &a, &tail)) {
		/* strace's umoven_or_printaddr, at the exit too */
		tb_ptr(tb, addr);
		print_size(ctx);
		return;
	}
	if (!ctx->exiting)
		tb_char(tb, '{');
	unsigned len = size < c->size ? size : c->size, known = c->size;
	int left = c->print(ctx, &a, len, &known);
	if (!ctx->exiting && left == BPF_OPEN)
		return; /* the rest inside the struct at the exit */
	if (!ctx->exiting || c->at_exit == EXIT_INSIDE) {
		if (has_extra(&a, size, known, tail))
			extra_data(ctx, addr, size, known);
		tb_char(tb, '}');
	}
	if (!ctx->exiting && left == BPF_CLOSED_MORE)
		return; /* the batch's count and the size at the exit */
	print_size(ctx);
}

/* Keeps what the exit compares with, in the saved inputs' slot 1: the
 * u32 the kernel may write back (GET_NEXT_ID's next_id, PROG_QUERY's
 * prog_cnt, TASK_FD_QUERY's buf_len, a batch's count). */
void save_bpf_inputs(const struct decode_context *ctx,
		     struct format_saved *sv)
{
	const struct bpf_command *c = command_of(ctx);
	if (!c || c->at_exit == EXIT_NONE)
		return;
	size_t at = c->print == get_next_id ? offsetof(struct by_id, next_id)
		    : c->print == prog_query ? offsetof(struct prog_query, prog_cnt)
		    : c->print == task_fd_query
			    ? offsetof(struct task_fd_query, buf_len)
		    : c->print == obj_get_info_by_fd
			    ? offsetof(struct obj_info, info_len)
			    : offsetof(struct batch, count);
	/* Kept only where the entry can read the attribute as it prints it
	 * (all `size` bytes: a byte a page asked): otherwise the entry
	 * prints its address and the size, and the exit has nothing to add.
	 * A field the size does not reach is 0, as in strace's copy. */
	uintptr_t addr = (uintptr_t)ctx->args[1];
	unsigned size = (unsigned)ctx->args[2];
	uint32_t v = 0;
	if (!format_memory_readable(ctx->rd, addr, size) ||
	    (at + sizeof v <= size && !read_exact(ctx, &v, addr + at, sizeof v)))
		return;
	sv->value[1] = v;
	sv->mask |= 1u << 1;
}

int print_bpf_result(const struct decode_context *ctx)
{
	const struct bpf_command *c = command_of(ctx);
	if (!c || !c->result_fd)
		return 0;
	/* strace decorates it only where the attribute was read. */
	unsigned char probe;
	if (!read_exact(ctx, &probe, (uintptr_t)ctx->args[1], 1))
		return 0;
	print_fd(ctx, ctx->result);
	return 1;
}
