/* bpf_filter: classic BPF programs as strace 6.1 prints them (its
 * bpf_filter.c, bpf_seccomp_filter.c and bpf_sock_filter.c): under -v each
 * instruction as BPF_STMT(code, k) or, when it jumps, BPF_JUMP(code, k, jt,
 * jf), the code as its parts by name (BPF_LD|BPF_W|BPF_ABS); a seccomp
 * filter's return values as SECCOMP_RET_* and their data; a socket filter's
 * loads from the special offsets as SKF_AD_OFF+SKF_AD_PKTTYPE. Abbreviated
 * (no -v): the program's address. Used by prctl, seccomp and ptrace
 * (seccomp filters) and sock_diag's PACKET_DIAG_FILTER (a socket filter). */
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/value_tables.h"

#define BPF_MAX_INSNS 4096 /* the kernel's BPF_MAXINSNS */

static void enum_part(struct text_buffer *tb, unsigned table, unsigned v)
{
	tb_char(tb, '|');
	print_enum(tb, value_table_get(table), v);
}

/* Bits no part names: in hex, with strace's comment. */
static void unknown_bits(struct text_buffer *tb, unsigned v)
{
	if (!v)
		return;
	tb_char(tb, '|');
	tb_hex(tb, v);
	tb_str(tb, " /* BPF_??? */");
}

static void print_bpf_code(struct text_buffer *tb, uint16_t code)
{
	unsigned cls = BPF_CLASS(code), rest = code & ~(unsigned)BPF_CLASS(code);
	print_enum(tb, value_table_get(VT_BPF_CLASS), cls);
	switch (cls) {
	case BPF_ST: case BPF_STX:
		unknown_bits(tb, rest);
		break;
	case BPF_LD: case BPF_LDX:
		enum_part(tb, VT_BPF_SIZE, BPF_SIZE(code));
		enum_part(tb, VT_BPF_MODE, BPF_MODE(code));
		break;
	case BPF_MISC:
		enum_part(tb, VT_BPF_MISCOP, BPF_MISCOP(code));
		unknown_bits(tb, rest & ~(unsigned)BPF_MISCOP(code));
		break;
	case BPF_ALU: case BPF_JMP:
		enum_part(tb, VT_BPF_SRC, BPF_SRC(code));
		enum_part(tb, cls == BPF_ALU ? VT_BPF_OP_ALU : VT_BPF_OP_JMP,
			  BPF_OP(code));
		break;
	case BPF_RET:
		enum_part(tb, VT_BPF_RVAL, BPF_RVAL(code));
		unknown_bits(tb, rest & ~(unsigned)BPF_RVAL(code));
		break;
	}
}

/* A socket filter's special offsets (<linux/filter.h>'s SKF_*). */
static const struct named_value skf_ad_rows[] = {
	{ SKF_AD_PROTOCOL, "SKF_AD_PROTOCOL" }, { SKF_AD_PKTTYPE, "SKF_AD_PKTTYPE" },
	{ SKF_AD_IFINDEX, "SKF_AD_IFINDEX" }, { SKF_AD_NLATTR, "SKF_AD_NLATTR" },
	{ SKF_AD_NLATTR_NEST, "SKF_AD_NLATTR_NEST" }, { SKF_AD_MARK, "SKF_AD_MARK" },
	{ SKF_AD_QUEUE, "SKF_AD_QUEUE" }, { SKF_AD_HATYPE, "SKF_AD_HATYPE" },
	{ SKF_AD_RXHASH, "SKF_AD_RXHASH" }, { SKF_AD_CPU, "SKF_AD_CPU" },
	{ SKF_AD_ALU_XOR_X, "SKF_AD_ALU_XOR_X" }, { SKF_AD_VLAN_TAG, "SKF_AD_VLAN_TAG" },
	{ SKF_AD_VLAN_TAG_PRESENT, "SKF_AD_VLAN_TAG_PRESENT" },
	{ SKF_AD_PAY_OFFSET, "SKF_AD_PAY_OFFSET" }, { SKF_AD_RANDOM, "SKF_AD_RANDOM" },
	{ SKF_AD_VLAN_TPID, "SKF_AD_VLAN_TPID" },
};
static const struct value_table skf_ad = {
	skf_ad_rows, sizeof skf_ad_rows / sizeof *skf_ad_rows, "SKF_AD_???"
};

/* strace's print_sock_filter_k: a load (BPF_LD|BPF_ABS) from a special
 * offset, by name; 0 when k is an ordinary one. */
static int print_sock_k(struct text_buffer *tb, uint16_t code, uint32_t k)
{
	if (BPF_CLASS(code) != BPF_LD || BPF_MODE(code) != BPF_ABS)
		return 0;
	if (k >= (uint32_t)SKF_AD_OFF) {
		print_named_value(tb, (uint32_t)SKF_AD_OFF, "SKF_AD_OFF", CONST_HEX);
		tb_char(tb, '+');
		print_enum(tb, &skf_ad, k - (uint32_t)SKF_AD_OFF);
	} else if (k >= (uint32_t)SKF_NET_OFF) {
		print_named_value(tb, (uint32_t)SKF_NET_OFF, "SKF_NET_OFF", CONST_HEX);
		tb_char(tb, '+');
		tb_udec(tb, k - (uint32_t)SKF_NET_OFF);
	} else if (k >= (uint32_t)SKF_LL_OFF) {
		print_named_value(tb, (uint32_t)SKF_LL_OFF, "SKF_LL_OFF", CONST_HEX);
		tb_char(tb, '+');
		tb_udec(tb, k - (uint32_t)SKF_LL_OFF);
	} else {
		return 0;
	}
	return 1;
}

static void print_insn(struct text_buffer *tb, const struct sock_filter *f,
		       int seccomp)
{
	int jump = f->jt || f->jf;
	tb_str(tb, jump ? "BPF_JUMP(" : "BPF_STMT(");
	print_bpf_code(tb, f->code);
	tb_str(tb, ", ");
	if (!jump && seccomp && BPF_CLASS(f->code) == BPF_RET) {
		uint32_t action = f->k & SECCOMP_RET_ACTION_FULL;
		print_enum(tb, value_table_get(VT_SECCOMP_RET_ACTION), action);
		if (f->k & ~action) {
			tb_char(tb, '|');
			tb_hex(tb, f->k & ~action);
		}
	} else if (jump || seccomp || !print_sock_k(tb, f->code, f->k)) {
		tb_hex(tb, f->k);
	}
	if (jump) {
		tb_str(tb, ", ");
		tb_hex(tb, f->jt);
		tb_str(tb, ", ");
		tb_hex(tb, f->jf);
	}
	tb_char(tb, ')');
}

void print_bpf_program(const struct decode_context *ctx, uintptr_t addr,
		       unsigned len, int seccomp)
{
	struct text_buffer *tb = ctx->tb;
	struct sock_filter f;
	if (ctx_abbrev(ctx) || !addr) {
		tb_ptr(tb, addr);
		return;
	}
	if (len == 0) {
		tb_str(tb, "[]");
		return;
	}
	for (unsigned i = 0; i < len; i++) {
		if (!print_array_next(ctx, &f, addr + i * sizeof f, sizeof f,
				      i)) {
			if (i == 0)
				return;
			break;
		}
		if (i >= BPF_MAX_INSNS) {
			tb_str(tb, "...");
			break;
		}
		print_insn(tb, &f, seccomp);
	}
	tb_char(tb, ']');
}

void print_sock_fprog(const struct decode_context *ctx, uintptr_t addr,
		      int seccomp)
{
	struct {
		uint16_t len;
		uint64_t filter;
	} fprog;
	_Static_assert(sizeof fprog == 16, "struct sock_fprog");
	if (!read_or_print_addr(ctx, &fprog, addr, sizeof fprog))
		return;
	print_field_u(ctx->tb, "{len=", fprog.len);
	tb_str(ctx->tb, ", filter=");
	print_bpf_program(ctx, fprog.filter, fprog.len, seccomp);
	tb_char(ctx->tb, '}');
}
