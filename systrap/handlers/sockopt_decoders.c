/* sockopt_decoders: setsockopt's and getsockopt's option names and values
 * as strace 6.1's net.c prints them.
 *
 * Why apart: what an option's value is depends on its level and name, and
 * on the length (the program's for setsockopt, the kernel's for
 * getsockopt): an int as [N], struct linger and struct ucred by field,
 * setsockopt's multicast memberships (struct ip_mreq, ipv6_mreq,
 * group_req) by field, the rest as a string of that many bytes.
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/errno_names.h"
#include "systrap/handlers/netlink.h"
#include "systrap/handlers/value_tables.h"

/* <linux/socket.h>'s levels (sys/socket.h names only SOL_SOCKET ...). */
enum {
	LEVEL_IP = 0,
	LEVEL_TCP = 6,
	LEVEL_UDP = 17,
	LEVEL_IPV6 = 41,
	LEVEL_RAW = 255,
	LEVEL_PACKET = 263,
	LEVEL_NETLINK = 270,
};

/* <linux/if_packet.h>'s options with a struct of their own (its header
 * clashes with <net/if.h>'s names elsewhere). */
enum {
	PACKET_OPT_ADD_MEMBERSHIP = 1,
	PACKET_OPT_DROP_MEMBERSHIP = 2,
	PACKET_OPT_RX_RING = 5,
	PACKET_OPT_STATISTICS = 6,
	PACKET_OPT_TX_RING = 13,
};

/* SOL_SOCKET's 26: the filter a program attaches, or gets. */
enum { SO_FILTER_OPTION = 26 };

void print_sockopt_name(struct text_buffer *tb, long level, long name,
			int is_get)
{
	unsigned table;
	uint64_t v = (unsigned long)name & 0xffffffffUL;
	switch ((int)level) {
	case SOL_SOCKET:
		if (v == SO_FILTER_OPTION) {
			print_named_value(tb, v, is_get ? "SO_GET_FILTER"
							: "SO_ATTACH_FILTER",
					  CONST_HEX);
			return;
		}
		table = VT_SO_OPTION;
		break;
	case LEVEL_IP:
		table = VT_SOL_IP_OPTION;
		break;
	case LEVEL_TCP:
		table = VT_SOL_TCP_OPTION;
		break;
	case LEVEL_UDP:
		table = VT_SOL_UDP_OPTION;
		break;
	case LEVEL_IPV6:
		table = VT_SOL_IPV6_OPTION;
		break;
	case LEVEL_RAW:
		table = VT_SOL_RAW_OPTION;
		break;
	case LEVEL_NETLINK:
		table = VT_SOL_NETLINK_OPTION;
		break;
	case LEVEL_PACKET:
		table = VT_SOL_PACKET_OPTION;
		break;
	default: /* strace: PRINT_VAL_U */
		tb_udec(tb, v);
		return;
	}
	print_enum(tb, value_table_get(table), v);
}

/* SOL_SOCKET's options whose value is an int (strace's "int-like" list). */
static int so_option_is_int(unsigned name)
{
	switch (name) {
	case SO_DEBUG: case SO_REUSEADDR: case SO_DONTROUTE:
	case SO_BROADCAST: case SO_SNDBUF: case SO_RCVBUF:
	case SO_KEEPALIVE: case SO_OOBINLINE: case SO_NO_CHECK:
	case SO_PRIORITY: case SO_BSDCOMPAT: case SO_REUSEPORT:
	case SO_PASSCRED: case SO_RCVLOWAT: case SO_SNDLOWAT:
	case SO_DETACH_FILTER: case SO_TIMESTAMP_OLD: case SO_ACCEPTCONN:
	case SO_SNDBUFFORCE: case SO_RCVBUFFORCE: case SO_PASSSEC:
	case SO_TIMESTAMPNS_OLD: case SO_MARK: case SO_TIMESTAMPING_OLD:
	case SO_RXQ_OVFL: case SO_WIFI_STATUS: case SO_PEEK_OFF:
	case SO_NOFCS: case SO_LOCK_FILTER: case SO_SELECT_ERR_QUEUE:
	case SO_BUSY_POLL: case SO_INCOMING_CPU: case SO_CNX_ADVICE:
	case SO_INCOMING_NAPI_ID: case SO_ZEROCOPY: case SO_TIMESTAMP_NEW:
	case SO_TIMESTAMPNS_NEW: case SO_TIMESTAMPING_NEW:
	case SO_DETACH_REUSEPORT_BPF: case SO_PREFER_BUSY_POLL:
	case SO_BUSY_POLL_BUDGET: case SO_RESERVE_MEM: case SO_RCVMARK:
		return 1;
	default:
		return 0;
	}
}

/* {l_onoff=1, l_linger=5}; 0 when it was not read (the address shown). */
static int print_linger(const struct decode_context *ctx, uintptr_t addr)
{
	int32_t l[2];
	if (!read_or_print_addr(ctx, l, addr, sizeof l))
		return 0;
	print_field_d(ctx->tb, "{l_onoff=", l[0]);
	print_field_d(ctx->tb, ", l_linger=", l[1]);
	tb_char(ctx->tb, '}');
	return 1;
}

/* strace's print_mreq: struct ip_mreq, 8 bytes (the first 8 of a struct
 * ip_mreqn too, strace 6.1 prints no more of it). */
static void print_ip_mreq(const struct decode_context *ctx, uintptr_t addr)
{
	unsigned char m[8];
	if (!read_or_print_addr(ctx, m, addr, sizeof m))
		return;
	print_inet_field(ctx->tb, "{imr_multiaddr", AF_INET, m, 4);
	print_inet_field(ctx->tb, ", imr_interface", AF_INET, m + 4, 4);
	tb_char(ctx->tb, '}');
}

/* strace's print_mreq6: struct ipv6_mreq, 20 bytes. */
static void print_ipv6_mreq(const struct decode_context *ctx, uintptr_t addr)
{
	unsigned char m[20];
	if (!read_or_print_addr(ctx, m, addr, sizeof m))
		return;
	tb_char(ctx->tb, '{');
	print_inet_field(ctx->tb, "ipv6mr_multiaddr", AF_INET6, m, 16);
	uint32_t ifindex;
	__builtin_memcpy(&ifindex, m + 16, 4);
	tb_str(ctx->tb, ", ipv6mr_interface=");
	print_ifindex(ctx, ifindex);
	tb_char(ctx->tb, '}');
}

/* strace's print_group_req: struct group_req, 136 bytes exactly
 * (gr_interface, then gr_group, a sockaddr_storage at 8). */
static void print_group_req(const struct decode_context *ctx, uintptr_t addr,
			    int len)
{
	uint32_t ifindex;
	if (len != 136 || !read_exact(ctx, &ifindex, addr, 4) ||
	    !format_memory_readable(ctx->rd, addr, 136)) {
		tb_ptr(ctx->tb, addr);
		return;
	}
	tb_str(ctx->tb, "{gr_interface=");
	print_ifindex(ctx, ifindex);
	tb_str(ctx->tb, ", gr_group=");
	print_sockaddr(ctx, addr + 8, 128);
	tb_char(ctx->tb, '}');
}

/* setsockopt's multicast membership values, as strace's print_setsockopt
 * picks them: 1 when the option is one (its value printed). */
static int print_membership(const struct decode_context *ctx, int level,
			    unsigned name, uintptr_t addr, int len)
{
	if (level == LEVEL_IP &&
	    (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP)) {
		if (len < 8)
			tb_ptr(ctx->tb, addr);
		else
			print_ip_mreq(ctx, addr);
		return 1;
	}
	if (level == LEVEL_IPV6 &&
	    (name == IPV6_ADD_MEMBERSHIP || name == IPV6_DROP_MEMBERSHIP ||
	     name == IPV6_JOIN_ANYCAST || name == IPV6_LEAVE_ANYCAST)) {
		if (len < 20)
			tb_ptr(ctx->tb, addr);
		else
			print_ipv6_mreq(ctx, addr);
		return 1;
	}
	if ((level == LEVEL_IP || level == LEVEL_IPV6) &&
	    (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP)) {
		print_group_req(ctx, addr, len);
		return 1;
	}
	return 0;
}

/* struct packet_mreq's mr_address, its mr_alen bytes of the 8 it holds,
 * as a link address (netlink's print_mac: "0a:0b"); none as nothing, or
 * "" where the style quotes bytes (strace's print_packet_mreq). */
static void print_mr_address(struct text_buffer *tb, const uint8_t *a,
			     unsigned n)
{
	if (n)
		print_mac(tb, a, n);
	else if (tb->style != CONST_STYLE_ABBREV)
		tb_str(tb, "\"\"");
}

/* SOL_PACKET's structs: a membership (struct packet_mreq) or a ring's
 * request (struct tpacket_req) of exactly its size, else the address;
 * 1 when name is one of those. */
static int print_packet_option(const struct decode_context *ctx,
			       unsigned name, uintptr_t addr, int len)
{
	struct text_buffer *tb = ctx->tb;
	if (name == PACKET_OPT_ADD_MEMBERSHIP ||
	    name == PACKET_OPT_DROP_MEMBERSHIP) {
		struct {
			int32_t ifindex;
			uint16_t type, alen;
			uint8_t address[8];
		} mr;
		_Static_assert(sizeof mr == 16, "struct packet_mreq");
		if (len != (int)sizeof mr) {
			tb_ptr(tb, addr);
			return 1;
		}
		if (!read_or_print_addr(ctx, &mr, addr, sizeof mr))
			return 1;
		tb_str(tb, "{mr_ifindex=");
		print_ifindex(ctx, (uint32_t)mr.ifindex);
		tb_str(tb, ", mr_type=");
		print_enum(tb, value_table_get(VT_PACKET_MR_TYPE), mr.type);
		print_field_u(tb, ", mr_alen=", mr.alen);
		tb_str(tb, ", mr_address=");
		print_mr_address(tb, mr.address, mr.alen < 8 ? mr.alen : 8);
		tb_char(tb, '}');
		return 1;
	}
	if (name == PACKET_OPT_RX_RING || name == PACKET_OPT_TX_RING) {
		uint32_t req[4];
		if (len != (int)sizeof req) {
			tb_ptr(tb, addr);
			return 1;
		}
		if (!read_or_print_addr(ctx, req, addr, sizeof req))
			return 1;
		print_field_u(tb, "{tp_block_size=", req[0]);
		print_field_u(tb, ", tp_block_nr=", req[1]);
		print_field_u(tb, ", tp_frame_size=", req[2]);
		print_field_u(tb, ", tp_frame_nr=", req[3]);
		tb_char(tb, '}');
		return 1;
	}
	return 0;
}

/* strace's default: an int's length as [N], else the bytes as a string. */
static void print_sockopt_default(const struct decode_context *ctx,
				  uintptr_t addr, long len)
{
	/* A negative length is strace's printstrn of it sign-extended: as
	 * much as -s shows, if that much can be read, else the address. */
	if (len == 4)
		print_int_array_ptr(ctx, addr, 1, 4, 0);
	else
		print_buffer(ctx, addr, (unsigned long)len, 0);
}

void print_setsockopt_value(const struct decode_context *ctx, long level,
			    long name, uintptr_t addr, long len)
{
	int ilen = (int)len;
	if (!addr || !ctx_verbose(ctx)) {
		tb_ptr(ctx->tb, addr);
		return;
	}
	/* An int or struct linger the program gave too few bytes of: its
	 * address. */
	unsigned n = (unsigned)name;
	int is_so = (int)level == SOL_SOCKET;
	int linger = is_so && n == SO_LINGER;
	int is_int = (is_so && so_option_is_int(n)) ||
		     (int)level == LEVEL_NETLINK;
	/* A classic BPF program (struct sock_fprog): its instructions
	 * under -v, as strace's decode_sock_fprog. */
	if (is_so && (n == SO_ATTACH_FILTER || n == SO_ATTACH_REUSEPORT_CBPF)) {
		if (ilen != 16 /* sizeof(struct sock_fprog) */)
			tb_ptr(ctx->tb, addr);
		else
			print_sock_fprog(ctx, addr, 0);
		return;
	}
	if (print_membership(ctx, (int)level, n, addr, ilen))
		return;
	if ((int)level == LEVEL_PACKET &&
	    print_packet_option(ctx, n, addr, ilen))
		return;
	if ((linger && ilen < 8) || (is_int && ilen < 4))
		tb_ptr(ctx->tb, addr);
	else if (linger)
		print_linger(ctx, addr);
	else if (is_int)
		print_int_array_ptr(ctx, addr, 1, 4, 0);
	else
		print_sockopt_default(ctx, addr, ilen);
}

void print_getsockopt_value(const struct decode_context *ctx, long level,
			    long name, uintptr_t addr, long ulen, long rlen)
{
	struct text_buffer *tb = ctx->tb;
	int r = (int)rlen;
	if ((int)ulen <= 0 || r <= 0 || !addr || !ctx_verbose(ctx)) {
		tb_ptr(tb, addr);
		return;
	}
	if ((int)level == SOL_SOCKET) {
		unsigned n = (unsigned)name;
		if (n == SO_LINGER && r >= 8) {
			print_linger(ctx, addr);
			return;
		}
		if (n == SO_PEERCRED && r >= 12) {
			uint32_t uc[3];
			if (!read_or_print_addr(ctx, uc, addr, sizeof uc))
				return;
			tb_str(tb, "{pid=");
			print_pid(ctx, (int32_t)uc[0], PIDNS_TGID);
			print_field_id(tb, ", uid=", uc[1]);
			print_field_id(tb, ", gid=", uc[2]);
			tb_char(tb, '}');
			return;
		}
		if (n == SO_ERROR && r < 4) {
			print_buffer(ctx, addr, (unsigned long)r, 1);
			return;
		}
		if (n == SO_ERROR) {
			uint32_t err;
			if (!read_or_print_addr(ctx, &err, addr, sizeof err))
				return;
			const char *en = err ? errno_name(err) : 0;
			tb_char(tb, '[');
			if (en)
				print_named_value(tb, err, en, CONST_UDEC);
			else
				tb_udec(tb, err);
			tb_char(tb, ']');
			return;
		}
		if (so_option_is_int(n)) {
			if (r >= 4)
				print_int_array_ptr(ctx, addr, 1, 4, 0);
			else
				print_buffer(ctx, addr, (unsigned long)r, 1);
			return;
		}
	}
	/* struct tpacket_stats, or tpacket_stats_v3 (TPACKET_V3's): the
	 * fields the kernel's length holds. */
	if ((int)level == LEVEL_PACKET && (unsigned)name == PACKET_OPT_STATISTICS &&
	    r >= 4) {
		uint32_t st[3];
		unsigned n = r < 12 ? (unsigned)r / 4 : 3;
		if (!read_or_print_addr(ctx, st, addr, n * 4))
			return;
		static const char *const fields[] = {
			"{tp_packets=", ", tp_drops=", ", tp_freeze_q_cnt="};
		for (unsigned i = 0; i < n; i++)
			print_field_u(tb, fields[i], st[i]);
		tb_char(tb, '}');
		return;
	}
	print_sockopt_default(ctx, addr, r);
}
