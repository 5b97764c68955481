/* netlink_families: the payloads of the smaller families, as strace 6.1
 * prints them: NETLINK_SELINUX's, NETLINK_NETFILTER's nfgenmsg,
 * NETLINK_KOBJECT_UEVENT's udev header; and the payload no row covers,
 * strace's decode_family: {family=AF_..., data="\x.."}. */
#include <linux/netlink.h>

#include "systrap/handlers/netlink.h"

/* strace's decode_family (netlink_route.c, netlink_sock_diag.c). */
void print_family_payload(const struct decode_context *ctx,
				 uint8_t family, uintptr_t addr, unsigned len)
{
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{family=");
	print_af(tb, family);
	if (len > 1) {
		tb_str(tb, ", data=");
		print_buffer(ctx, addr + 1, len - 1, 1);
	}
	tb_char(tb, '}');
}

/* ---- NETLINK_SELINUX ---- */

static const struct nl_field setenforce_fields[] = {
	{ "val", 0, 4, FIELD_D, 0 },
};
static const struct nl_field policyload_fields[] = {
	{ "seqno", 0, 4, FIELD_U, 0 },
};

int netlink_selinux_payload(const struct decode_context *ctx,
			    const struct nl_header *h, uintptr_t addr,
			    unsigned len)
{
	const struct nl_field *f;
	if (h->type == 0x10) /* SELNL_MSG_SETENFORCE */
		f = setenforce_fields;
	else if (h->type == 0x11) /* SELNL_MSG_POLICYLOAD */
		f = policyload_fields;
	else
		return 0;
	if (!nla_struct(ctx, addr, len, 4, f, 1))
		print_buffer(ctx, addr, len, 1);
	return 1;
}

/* ---- NETLINK_NETFILTER ---- */

static const struct named_value nfnetlink_versions_rows[] = {
	{ 0, "NFNETLINK_V0" },
};
static const struct value_table nfnetlink_versions =
	NL_ROWS(nfnetlink_versions_rows, "NFNETLINK_???");
/* strace names no netfilter attribute: the types as numbers. */
static const struct value_table nf_attr_types = { 0, 0, "" };
static const struct nla_table nf_nla = { &nf_attr_types, 0, 0, 0, 0 };

/* struct nfgenmsg: nfgen_family, version (u8), res_id (be16). */
int netlink_netfilter_payload(const struct decode_context *ctx,
			      const struct nl_header *h, uintptr_t addr,
			      unsigned len)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char m[4];
	if (h->type == NLMSG_DONE)
		return 0;
	if (len < sizeof m) {
		print_buffer(ctx, addr, len, 1);
		return 1;
	}
	if (!read_exact(ctx, m, addr, sizeof m)) {
		tb_ptr(tb, addr);
		return 1;
	}
	unsigned subsys = h->type >> 8;
	uint16_t raw = (uint16_t)(m[2] | m[3] << 8);
	uint16_t res_id = (uint16_t)(m[2] << 8 | m[3]);
	tb_str(tb, "{nfgen_family=");
	print_af(tb, m[0]);
	tb_str(tb, ", version=");
	print_enum(tb, &nfnetlink_versions, m[1]);
	tb_str(tb, ", res_id=");
	/* nftables' res_id once went in host order (linux v4.3). */
	if (subsys == 10 && res_id == 10)
		print_named_value(tb, raw, "htons(NFNL_SUBSYS_NFTABLES)",
				  CONST_HEX);
	else if (subsys == 10 && raw == 10)
		print_named_value(tb, raw, "NFNL_SUBSYS_NFTABLES", CONST_HEX);
	else {
		tb_str(tb, "htons(");
		tb_udec(tb, res_id);
		tb_char(tb, ')');
	}
	tb_char(tb, '}');
	if (len > 4) {
		tb_str(tb, ", ");
		/* Control messages, NFNL_MSG_BATCH_BEGIN and _END. */
		if (h->type <= 0x11)
			print_buffer(ctx, addr + 4, len - 4, 1);
		else
			print_nlattrs(ctx, addr + 4, len - 4, &nf_nla, 0);
	}
	return 1;
}

/* ---- NETLINK_KOBJECT_UEVENT ---- */

/* udev's struct udev_monitor_netlink_header (40 bytes): "libudev", then
 * u32s, the magic and the hashes in network order. */
static const struct nl_field udev_fields[] = {
	{ "magic", 8, 4, FIELD_HTONL_X, 0 },
	{ "header_size", 12, 4, FIELD_U, 0 },
	{ "properties_off", 16, 4, FIELD_U, 0 },
	{ "properties_len", 20, 4, FIELD_U, 0 },
	{ "filter_subsystem_hash", 24, 4, FIELD_HTONL_X, 0 },
	{ "filter_devtype_hash", 28, 4, FIELD_HTONL_X, 0 },
	{ "filter_tag_bloom_hi", 32, 4, FIELD_HTONL_X, 0 },
	{ "filter_tag_bloom_lo", 36, 4, FIELD_HTONL_X, 0 },
};

void print_kobject_uevent(const struct decode_context *ctx, uintptr_t addr,
			  unsigned long len)
{
	static const char prefix[8] = "libudev";
	struct text_buffer *tb = ctx->tb;
	unsigned char u[40];
	int failed = ctx->exiting && is_error_result(ctx->result);
	if (!ctx_verbose(ctx) || failed || !addr || len < sizeof u ||
	    !read_exact(ctx, u, addr, sizeof u) ||
	    __builtin_memcmp(u, prefix, sizeof prefix) != 0) {
		print_buffer(ctx, addr, len, 0);
		return;
	}
	if (len > sizeof u)
		tb_char(tb, '[');
	tb_str(tb, "{prefix=\"libudev\", ");
	print_nl_fields(ctx, FIELDS(udev_fields), u);
	tb_char(tb, '}');
	if (len > sizeof u) {
		tb_str(tb, ", ");
		print_buffer(ctx, addr + sizeof u, len - sizeof u, 0);
		tb_char(tb, ']');
	}
}
