/* bpf_filter: classic BPF programs (struct sock_filter arrays) as strace
 * 6.1 prints them (its bpf_filter.c, bpf_sock_filter.c): each instruction
 * as BPF_STMT(code, k) or BPF_JUMP(code, k, jt, jf), the code's class,
 * size, mode, operation named; a socket filter's loads from the special
 * offsets as SKF_AD_OFF+SKF_AD_PKTTYPE. Only under -v (abbreviated, the
 * program's address). Used by sock_diag's PACKET_DIAG_FILTER. */
#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/value_tables.h"

#define ROWS(rows, unknown) { rows, sizeof rows / sizeof *rows, unknown }

static const struct named_value bpf_class_rows[] = {
	{ 0, "BPF_LD" }, { 1, "BPF_LDX" }, { 2, "BPF_ST" }, { 3, "BPF_STX" },
	{ 4, "BPF_ALU" }, { 5, "BPF_JMP" }, { 6, "BPF_RET" }, { 7, "BPF_MISC" },
};
static const struct value_table bpf_class = ROWS(bpf_class_rows, "BPF_???");
static const struct named_value bpf_size_rows[] = {
	{ 0, "BPF_W" }, { 0x08, "BPF_H" }, { 0x10, "BPF_B" }, { 0x18, "BPF_DW" },
};
static const struct value_table bpf_size = ROWS(bpf_size_rows, "BPF_???");
static const struct named_value bpf_mode_rows[] = {
	{ 0, "BPF_IMM" }, { 0x20, "BPF_ABS" }, { 0x40, "BPF_IND" },
	{ 0x60, "BPF_MEM" }, { 0x80, "BPF_LEN" }, { 0xa0, "BPF_MSH" },
	{ 0xc0, "BPF_XADD" },
};
static const struct value_table bpf_mode = ROWS(bpf_mode_rows, "BPF_???");
static const struct named_value bpf_miscop_rows[] = {
	{ 0, "BPF_TAX" }, { 0x80, "BPF_TXA" },
};
static const struct value_table bpf_miscop = ROWS(bpf_miscop_rows, "BPF_???");
static const struct named_value bpf_src_rows[] = {
	{ 0, "BPF_K" }, { 0x08, "BPF_X" },
};
static const struct value_table bpf_src = ROWS(bpf_src_rows, "BPF_???");
static const struct named_value bpf_op_alu_rows[] = {
	{ 0, "BPF_ADD" }, { 0x10, "BPF_SUB" }, { 0x20, "BPF_MUL" },
	{ 0x30, "BPF_DIV" }, { 0x40, "BPF_OR" }, { 0x50, "BPF_AND" },
	{ 0x60, "BPF_LSH" }, { 0x70, "BPF_RSH" }, { 0x80, "BPF_NEG" },
	{ 0x90, "BPF_MOD" }, { 0xa0, "BPF_XOR" }, { 0xb0, "BPF_MOV" },
	{ 0xc0, "BPF_ARSH" }, { 0xd0, "BPF_END" },
};
static const struct value_table bpf_op_alu = ROWS(bpf_op_alu_rows, "BPF_???");
static const struct named_value bpf_op_jmp_rows[] = {
	{ 0, "BPF_JA" }, { 0x10, "BPF_JEQ" }, { 0x20, "BPF_JGT" },
	{ 0x30, "BPF_JGE" }, { 0x40, "BPF_JSET" }, { 0x50, "BPF_JNE" },
	{ 0x60, "BPF_JSGT" }, { 0x70, "BPF_JSGE" }, { 0x80, "BPF_CALL" },
	{ 0x90, "BPF_EXIT" }, { 0xa0, "BPF_JLT" }, { 0xb0, "BPF_JLE" },
	{ 0xc0, "BPF_JSLT" }, { 0xd0, "BPF_JSLE" },
};
static const struct value_table bpf_op_jmp = ROWS(bpf_op_jmp_rows, "BPF_???");
static const struct named_value bpf_rval_rows[] = {
	{ 0, "BPF_K" }, { 0x08, "BPF_X" }, { 0x10, "BPF_A" },
};
static const struct value_table bpf_rval = ROWS(bpf_rval_rows, "BPF_???");
static const struct named_value skf_ad_rows[] = {
	{ 0, "SKF_AD_PROTOCOL" }, { 4, "SKF_AD_PKTTYPE" },
	{ 8, "SKF_AD_IFINDEX" }, { 12, "SKF_AD_NLATTR" },
	{ 16, "SKF_AD_NLATTR_NEST" }, { 20, "SKF_AD_MARK" },
	{ 24, "SKF_AD_QUEUE" }, { 28, "SKF_AD_HATYPE" },
	{ 32, "SKF_AD_RXHASH" }, { 36, "SKF_AD_CPU" },
	{ 40, "SKF_AD_ALU_XOR_X" }, { 44, "SKF_AD_VLAN_TAG" },
	{ 48, "SKF_AD_VLAN_TAG_PRESENT" }, { 52, "SKF_AD_PAY_OFFSET" },
	{ 56, "SKF_AD_RANDOM" }, { 60, "SKF_AD_VLAN_TPID" },
};
static const struct value_table skf_ad = ROWS(skf_ad_rows, "SKF_AD_???");

enum {
	BPF_MAXINSNS = 4096,
	SKF_AD_OFF = -0x1000,
	SKF_NET_OFF = -0x100000,
	SKF_LL_OFF = -0x200000,
};

/* Bits no table named: |0x8 /\* BPF_??? *\/. */
static void print_unknown_bits(struct text_buffer *tb, unsigned bits)
{
	if (!bits)
		return;
	tb_char(tb, '|');
	tb_hex(tb, bits);
	tb_str(tb, " /* BPF_??? */");
}

/* strace's print_bpf_filter_code, classic BPF. */
static void print_code(struct text_buffer *tb, uint16_t code)
{
	unsigned cls = code & 7, rest = code & ~7u;
	print_enum(tb, &bpf_class, cls);
	switch (cls) {
	case 2: /* BPF_ST */
	case 3: /* BPF_STX */
		print_unknown_bits(tb, rest);
		break;
	case 0: /* BPF_LD */
	case 1: /* BPF_LDX */
		tb_char(tb, '|');
		print_enum(tb, &bpf_size, code & 0x18);
		tb_char(tb, '|');
		print_enum(tb, &bpf_mode, code & 0xe0);
		break;
	case 7: /* BPF_MISC */
		tb_char(tb, '|');
		print_enum(tb, &bpf_miscop, code & 0xf8);
		print_unknown_bits(tb, rest & ~(code & 0xf8u));
		break;
	case 4: /* BPF_ALU */
		tb_char(tb, '|');
		print_enum(tb, &bpf_src, code & 0x08);
		tb_char(tb, '|');
		print_enum(tb, &bpf_op_alu, code & 0xf0);
		break;
	case 5: /* BPF_JMP */
		tb_char(tb, '|');
		print_enum(tb, &bpf_src, code & 0x08);
		tb_char(tb, '|');
		print_enum(tb, &bpf_op_jmp, code & 0xf0);
		break;
	case 6: /* BPF_RET */
		tb_char(tb, '|');
		print_enum(tb, &bpf_rval, code & 0x18);
		print_unknown_bits(tb, rest & ~(code & 0x18u));
		break;
	}
}

/* strace's print_sock_filter_k: a load from a special offset. */
static int print_sock_k(struct text_buffer *tb, uint16_t code, uint32_t k)
{
	if ((code & 7) != 0 || (code & 0xe0) != 0x20) /* BPF_LD|BPF_ABS */
		return 0;
	if (k >= (uint32_t)SKF_AD_OFF) {
		print_named_value(tb, (uint32_t)SKF_AD_OFF, "SKF_AD_OFF",
				  CONST_HEX);
		tb_char(tb, '+');
		print_enum(tb, &skf_ad, k - (uint32_t)SKF_AD_OFF);
	} else if (k >= (uint32_t)SKF_NET_OFF) {
		print_named_value(tb, (uint32_t)SKF_NET_OFF, "SKF_NET_OFF",
				  CONST_HEX);
		tb_char(tb, '+');
		tb_udec(tb, k - (uint32_t)SKF_NET_OFF);
	} else if (k >= (uint32_t)SKF_LL_OFF) {
		print_named_value(tb, (uint32_t)SKF_LL_OFF, "SKF_LL_OFF",
				  CONST_HEX);
		tb_char(tb, '+');
		tb_udec(tb, k - (uint32_t)SKF_LL_OFF);
	} else {
		return 0;
	}
	return 1;
}

void print_sock_fprog(const struct decode_context *ctx, uintptr_t addr,
		      unsigned count)
{
	struct text_buffer *tb = ctx->tb;
	if (ctx_abbrev(ctx)) {
		tb_ptr(tb, addr);
		return;
	}
	for (unsigned i = 0; i < count; i++) {
		/* struct sock_filter: code (u16), jt, jf (u8), k (u32). */
		unsigned char f[8];
		if (!print_array_next(ctx, f, addr + 8u * i, sizeof f, i)) {
			if (!i)
				return;
			break;
		}
		if (i >= BPF_MAXINSNS) {
			tb_str(tb, "...");
			break;
		}
		uint16_t code = (uint16_t)(f[0] | f[1] << 8);
		uint32_t k;
		__builtin_memcpy(&k, f + 4, 4);
		if (f[2] || f[3]) {
			tb_str(tb, "BPF_JUMP(");
			print_code(tb, code);
			tb_str(tb, ", ");
			tb_hex(tb, k);
			tb_str(tb, ", ");
			tb_hex(tb, f[2]);
			tb_str(tb, ", ");
			tb_hex(tb, f[3]);
		} else {
			tb_str(tb, "BPF_STMT(");
			print_code(tb, code);
			tb_str(tb, ", ");
			if (!print_sock_k(tb, code, k))
				tb_hex(tb, k);
		}
		tb_char(tb, ')');
	}
	tb_char(tb, ']');
}
