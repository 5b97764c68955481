/* msghdr_decoders: struct msghdr and struct mmsghdr arrays as strace 6.1
 * prints them (sendmsg, recvmsg, sendmmsg, recvmmsg), with their control
 * messages: the address, the iovec (up to the bytes the call moved), and
 * each cmsghdr's data that strace decodes: SOL_SOCKET's SCM_RIGHTS
 * descriptors, SCM_CREDENTIALS and timestamps, SOL_IP's IP_PKTINFO,
 * IP_TTL, IP_TOS, IP options, IP_RECVERR, IP_ORIGDSTADDR, IP_CHECKSUM.
 *
 * Layouts (x86-64, the kernel's): struct user_msghdr is 56 bytes: msg_name
 * at 0, msg_namelen (int) at 8, msg_iov at 16, msg_iovlen at 24,
 * msg_control at 32, msg_controllen at 40, msg_flags (unsigned) at 48;
 * struct mmsghdr adds msg_len (unsigned) at 56, 64 bytes in all; struct
 * cmsghdr is 16 bytes: cmsg_len (size_t), cmsg_level, cmsg_type (int). */
#include <sys/socket.h>

#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/value_tables.h"

enum {
	MSGHDR_SIZE = 56,
	MMSGHDR_SIZE = 64,
	CMSGHDR_SIZE = 16,
	/* strace caps the control data it reads at net.core.optmem_max
	 * (20480 by default); a bound is all that matters here. */
	CONTROL_MAX = 20480,
};

struct msghdr_fields {
	uint64_t name;
	int32_t namelen;
	uint64_t iov, iovlen, control, controllen;
	uint32_t flags;
};

static uint64_t u64_at(const unsigned char *p)
{
	uint64_t v;
	__builtin_memcpy(&v, p, 8);
	return v;
}

static uint32_t u32_at(const unsigned char *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, 4);
	return v;
}

static void parse_msghdr(const unsigned char *m, struct msghdr_fields *f)
{
	f->name = u64_at(m);
	f->namelen = (int32_t)u32_at(m + 8);
	f->iov = u64_at(m + 16);
	f->iovlen = u64_at(m + 24);
	f->control = u64_at(m + 32);
	f->controllen = u64_at(m + 40);
	f->flags = u32_at(m + 48);
}

/* strace's scmvals (SOL_SOCKET's control message types). */
static const struct named_value scm_types[] = {
	{ SCM_RIGHTS, "SCM_RIGHTS" },
	{ SCM_CREDENTIALS, "SCM_CREDENTIALS" },
	{ 3, "SCM_SECURITY" },
	{ 41, "SO_WIFI_STATUS" },
	{ 61, "SO_TXTIME" },
	{ 29, "SO_TIMESTAMP_OLD" },
	{ 35, "SO_TIMESTAMPNS_OLD" },
	{ 37, "SO_TIMESTAMPING_OLD" },
	{ 63, "SO_TIMESTAMP_NEW" },
	{ 64, "SO_TIMESTAMPNS_NEW" },
	{ 65, "SO_TIMESTAMPING_NEW" },
};
static const struct value_table scm_table = {
	scm_types, sizeof scm_types / sizeof *scm_types, "SCM_???"
};

/* strace's ip_cmsg_types (SOL_IP's control message types). */
static const struct named_value ip_cmsg_types[] = {
	{ 1, "IP_TOS" },
	{ 2, "IP_TTL" },
	{ 3, "SCM_SECURITY" },
	{ 6, "IP_RECVOPTS" },
	{ 7, "IP_RETOPTS" },
	{ 8, "IP_PKTINFO" },
	{ 11, "IP_RECVERR" },
	{ 20, "IP_ORIGDSTADDR" },
	{ 23, "IP_CHECKSUM" },
	{ 52, "IP_PROTOCOL" },
};
static const struct value_table ip_cmsg_table = {
	ip_cmsg_types, sizeof ip_cmsg_types / sizeof *ip_cmsg_types, "IP_???"
};

/* SOL_SOCKET's timestamp types (x86-64: the _OLD and _NEW layouts are
 * the same, struct timeval and struct timespec of two 64-bit words). */
enum {
	CMSG_TIMESTAMP_OLD = 29,
	CMSG_TIMESTAMPNS_OLD = 35,
	CMSG_TIMESTAMPING_OLD = 37,
	CMSG_TIMESTAMP_NEW = 63,
	CMSG_TIMESTAMPNS_NEW = 64,
	CMSG_TIMESTAMPING_NEW = 65,
};

/* SOL_IP's types strace decodes the data of. */
enum {
	CMSG_IP_TOS = 1,
	CMSG_IP_TTL = 2,
	CMSG_IP_RECVOPTS = 6,
	CMSG_IP_RETOPTS = 7,
	CMSG_IP_PKTINFO = 8,
	CMSG_IP_RECVERR = 11,
	CMSG_IP_ORIGDSTADDR = 20,
	CMSG_IP_CHECKSUM = 23,
};

static void print_id(struct text_buffer *tb, uint32_t id)
{
	if (id == (uint32_t)-1)
		tb_str(tb, "-1");
	else
		tb_udec(tb, id);
}

/* strace's print_struct_timeval_data_size and its timespec kin: count
 * {tv_sec=S, sub=N} (as an array when count > 1), "???" when data_len
 * holds fewer. */
static void print_cmsg_times(const struct decode_context *ctx, uintptr_t data,
			     unsigned long data_len, unsigned count,
			     const char *sub)
{
	struct text_buffer *tb = ctx->tb;
	int64_t t[6];
	if (data_len < count * 16ul) {
		tb_str(tb, "???");
		return;
	}
	if (!read_exact(ctx, t, data, count * 16ul))
		return;
	if (count > 1)
		tb_char(tb, '[');
	for (unsigned i = 0; i < count; i++) {
		if (i)
			tb_str(tb, ", ");
		tb_str(tb, "{tv_sec=");
		tb_dec(tb, t[2 * i]);
		tb_str(tb, sub);
		tb_udec(tb, (uint64_t)t[2 * i + 1]);
		tb_char(tb, '}');
	}
	if (count > 1)
		tb_char(tb, ']');
}

/* strace's print_local_array of data_len / size elements: unsigned ints
 * (size 4) or bytes in hex (size 1), cut at -s unless -v. */
static void print_cmsg_array(const struct decode_context *ctx, uintptr_t data,
			     unsigned long data_len, unsigned size)
{
	struct text_buffer *tb = ctx->tb;
	tb_char(tb, '[');
	for (unsigned long i = 0; i < data_len / size; i++) {
		if (ctx_array_cut(ctx, i))
			break;
		uint32_t v = 0;
		if (!read_exact(ctx, &v, data + i * size, size))
			break;
		if (i)
			tb_str(tb, ", ");
		if (size == 1)
			tb_hex(tb, v);
		else
			tb_udec(tb, v);
	}
	tb_char(tb, ']');
}

/* strace's print_cmsg_ip_pktinfo: struct in_pktinfo. */
static void print_cmsg_pktinfo(const struct decode_context *ctx, uintptr_t data)
{
	unsigned char p[12];
	if (!read_exact(ctx, p, data, sizeof p))
		return;
	uint32_t ifindex;
	__builtin_memcpy(&ifindex, p, 4);
	tb_str(ctx->tb, "{ipi_ifindex=");
	print_ifindex(ctx, ifindex);
	print_inet_field(ctx->tb, ", ipi_spec_dst", 2, p + 4, 4);
	print_inet_field(ctx->tb, ", ipi_addr", 2, p + 8, 4);
	tb_char(ctx->tb, '}');
}

/* strace's print_cmsg_ip_recverr: struct sock_extended_err and the
 * offender's struct sockaddr_in after it. */
static void print_cmsg_recverr(const struct decode_context *ctx, uintptr_t data)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char e[16];
	if (!read_exact(ctx, e, data, sizeof e))
		return;
	print_field_u(tb, "{ee_errno=", u32_at(e));
	print_field_u(tb, ", ee_origin=", e[4]);
	print_field_u(tb, ", ee_type=", e[5]);
	print_field_u(tb, ", ee_code=", e[6]);
	print_field_u(tb, ", ee_info=", u32_at(e + 8));
	print_field_u(tb, ", ee_data=", u32_at(e + 12));
	tb_str(tb, ", offender=");
	print_sockaddr(ctx, data + 16, 16);
	tb_char(tb, '}');
}

/* SOL_SOCKET's data, as strace's cmsg_socket_printers (each with the
 * least data_len it decodes): 1 when printed. */
static int print_socket_cmsg_data(const struct decode_context *ctx, int type,
				  uintptr_t data, unsigned long data_len)
{
	struct text_buffer *tb = ctx->tb;
	switch (type) {
	case SCM_RIGHTS:
		if (data_len < 4)
			return 0;
		tb_str(tb, ", cmsg_data=[");
		for (unsigned long i = 0; i < data_len / 4; i++) {
			int32_t fd;
			if (ctx_array_cut(ctx, i))
				break;
			if (i)
				tb_str(tb, ", ");
			if (!read_exact(ctx, &fd, data + i * 4, 4))
				break;
			print_fd(ctx, fd);
		}
		tb_char(tb, ']');
		return 1;
	case SCM_CREDENTIALS: {
		uint32_t cred[3];
		if (data_len < 12 || !read_exact(ctx, cred, data, sizeof cred))
			return 0;
		tb_str(tb, ", cmsg_data={pid=");
		tb_dec(tb, (int32_t)cred[0]);
		tb_str(tb, ", uid=");
		print_id(tb, cred[1]);
		tb_str(tb, ", gid=");
		print_id(tb, cred[2]);
		tb_char(tb, '}');
		return 1;
	}
	case CMSG_TIMESTAMP_OLD:
	case CMSG_TIMESTAMP_NEW:
	case CMSG_TIMESTAMPNS_OLD:
	case CMSG_TIMESTAMPNS_NEW:
	case CMSG_TIMESTAMPING_OLD:
	case CMSG_TIMESTAMPING_NEW:
		if (data_len < 1)
			return 0;
		tb_str(tb, ", cmsg_data=");
		print_cmsg_times(ctx, data, data_len,
				 type == CMSG_TIMESTAMPING_OLD ||
						 type == CMSG_TIMESTAMPING_NEW
					 ? 3
					 : 1,
				 type == CMSG_TIMESTAMP_OLD ||
						 type == CMSG_TIMESTAMP_NEW
					 ? ", tv_usec="
					 : ", tv_nsec=");
		return 1;
	default:
		return 0;
	}
}

/* SOL_IP's data, as strace's cmsg_ip_printers: 1 when printed. */
static int print_ip_cmsg_data(const struct decode_context *ctx, int type,
			      uintptr_t data, unsigned long data_len)
{
	struct text_buffer *tb = ctx->tb;
	static const unsigned char min_len[] = {
		[CMSG_IP_TOS] = 1,	   [CMSG_IP_TTL] = 4,
		[CMSG_IP_RECVOPTS] = 1,	   [CMSG_IP_RETOPTS] = 1,
		[CMSG_IP_PKTINFO] = 12,	   [CMSG_IP_RECVERR] = 32,
		[CMSG_IP_ORIGDSTADDR] = 16, [CMSG_IP_CHECKSUM] = 4,
	};
	unsigned t = (unsigned)type;
	if (t >= sizeof min_len || !min_len[t] || data_len < min_len[t])
		return 0;
	tb_str(tb, ", cmsg_data=");
	switch (t) {
	case CMSG_IP_TOS:
	case CMSG_IP_RECVOPTS:
	case CMSG_IP_RETOPTS:
		print_cmsg_array(ctx, data, data_len, 1);
		break;
	case CMSG_IP_TTL:
	case CMSG_IP_CHECKSUM:
		print_cmsg_array(ctx, data, data_len, 4);
		break;
	case CMSG_IP_PKTINFO:
		print_cmsg_pktinfo(ctx, data);
		break;
	case CMSG_IP_RECVERR:
		print_cmsg_recverr(ctx, data);
		break;
	default: /* CMSG_IP_ORIGDSTADDR: up to a sockaddr_storage */
		print_sockaddr(ctx, data, data_len > 128 ? 128 : (long)data_len);
		break;
	}
	return 1;
}

/* One control message's type and data (data_len bytes at data). */
static void print_cmsg_type_data(const struct decode_context *ctx, int level,
				 int type, uintptr_t data, unsigned long data_len)
{
	struct text_buffer *tb = ctx->tb;
	if (level == SOL_SOCKET) {
		print_enum(tb, &scm_table, (unsigned)type);
		print_socket_cmsg_data(ctx, type, data, data_len);
	} else if (level == 0) { /* SOL_IP */
		print_enum(tb, &ip_cmsg_table, (unsigned)type);
		print_ip_cmsg_data(ctx, type, data, data_len);
	} else {
		/* Other levels' types (IPV6_* ...) are not named. */
		tb_hex(tb, (unsigned)type);
	}
}

/* strace's decode_msg_control: ", msg_control=[...]" unless it is empty. */
static void print_msg_control(const struct decode_context *ctx, uintptr_t addr,
			      uint64_t in_len)
{
	struct text_buffer *tb = ctx->tb;
	if (!in_len)
		return;
	tb_str(tb, ", msg_control=");
	unsigned long control_len = in_len > CONTROL_MAX ? CONTROL_MAX : in_len;
	unsigned long buf_len = control_len;
	/* strace reads it whole, else prints its address. */
	if (buf_len < CMSGHDR_SIZE || !addr ||
	    !format_memory_readable(ctx->rd, addr, buf_len)) {
		tb_ptr(tb, addr);
		return;
	}
	tb_char(tb, '[');
	uintptr_t cur = addr;
	while (buf_len >= CMSGHDR_SIZE) {
		unsigned char h[CMSGHDR_SIZE];
		if (!read_exact(ctx, h, cur, sizeof h))
			break;
		uint64_t cmsg_len = u64_at(h);
		int level = (int)u32_at(h + 8), type = (int)u32_at(h + 12);
		if (cur != addr)
			tb_str(tb, ", ");
		tb_str(tb, "{cmsg_len=");
		tb_udec(tb, cmsg_len);
		tb_str(tb, ", cmsg_level=");
		print_enum(tb, value_table_get(VT_SOCKOPT_LEVEL), (unsigned)level);
		tb_str(tb, ", cmsg_type=");
		uint64_t len = cmsg_len > buf_len ? buf_len : cmsg_len;
		print_cmsg_type_data(ctx, level, type, cur + CMSGHDR_SIZE,
				     len > CMSGHDR_SIZE ? len - CMSGHDR_SIZE : 0);
		tb_char(tb, '}');
		if (len < CMSGHDR_SIZE) {
			buf_len -= CMSGHDR_SIZE;
			break;
		}
		len = (cmsg_len + 7) & ~7ull;
		if (len >= buf_len) {
			buf_len = 0;
			break;
		}
		cur += len;
		buf_len -= len;
	}
	if (buf_len) {
		tb_str(tb, ", ... /* ");
		tb_hex(tb, addr + (control_len - buf_len));
		tb_str(tb, " */");
	} else if (control_len < in_len) {
		tb_str(tb, ", ...");
	}
	tb_char(tb, ']');
}

/* strace's print_struct_msghdr: data_size bounds the iovec's bytes (-1:
 * all), user_namelen is msg_namelen as the program set it (recvmsg), or
 * NULL. */
static void print_msghdr_fields(const struct decode_context *ctx,
				const struct msghdr_fields *f, long data_size,
				const int32_t *user_namelen)
{
	struct text_buffer *tb = ctx->tb;
	int32_t namelen = user_namelen && f->namelen > *user_namelen
				  ? *user_namelen
				  : f->namelen;
	tb_str(tb, "{msg_name=");
	print_sockaddr(ctx, (uintptr_t)f->name, namelen);
	tb_str(tb, ", msg_namelen=");
	if (user_namelen && *user_namelen != f->namelen) {
		tb_dec(tb, *user_namelen);
		tb_str(tb, " => ");
	}
	tb_dec(tb, f->namelen);
	/* As strace: the data of a message to or from a netlink address is
	 * netlink messages. */
	uint16_t family = 0;
	int netlink = f->name && namelen >= 2 &&
		      read_exact(ctx, &family, (uintptr_t)f->name, 2) &&
		      family == AF_NETLINK;
	tb_str(tb, ", msg_iov=");
	print_iovec(ctx, (uintptr_t)f->iov, (long)f->iovlen, data_size,
		    netlink ? IOV_NETLINK : IOV_STRINGS);
	tb_str(tb, ", msg_iovlen=");
	tb_udec(tb, f->iovlen);
	print_msg_control(ctx, (uintptr_t)f->control, f->controllen);
	tb_str(tb, ", msg_controllen=");
	tb_udec(tb, f->controllen);
	tb_str(tb, ", msg_flags=");
	print_flags(tb, value_table_get(VT_MSG_FLAGS), f->flags);
	tb_char(tb, '}');
}

void print_msghdr(const struct decode_context *ctx, uintptr_t addr,
		  long data_size, const int32_t *user_namelen)
{
	unsigned char m[MSGHDR_SIZE];
	if (!addr || !ctx_verbose(ctx) || !read_exact(ctx, m, addr, sizeof m)) {
		tb_ptr(ctx->tb, addr);
		return;
	}
	struct msghdr_fields f;
	parse_msghdr(m, &f);
	print_msghdr_fields(ctx, &f, data_size, user_namelen);
}

int msghdr_namelen(const struct decode_context *ctx, uintptr_t addr,
		   int32_t *namelen)
{
	unsigned char m[MSGHDR_SIZE];
	if (!addr || !ctx_verbose(ctx) || !read_exact(ctx, m, addr, sizeof m))
		return 0;
	*namelen = (int32_t)u32_at(m + 8);
	return 1;
}

void print_mmsghdrs(const struct decode_context *ctx, uintptr_t addr,
		    unsigned long count, unsigned long with_len,
		    int len_bounds_data)
{
	struct text_buffer *tb = ctx->tb;
	if (!addr) {
		tb_str(tb, "NULL");
		return;
	}
	if (!ctx_verbose(ctx)) {
		tb_ptr(tb, addr);
		return;
	}
	if (!count) {
		tb_str(tb, "[]");
		return;
	}
	if (count > ~0ul / MMSGHDR_SIZE || addr + count * MMSGHDR_SIZE <= addr) {
		tb_ptr(tb, addr);
		return;
	}
	/* strace's print_array: at most -s elements unless -v, and no
	 * more than IOV_MAX. */
	unsigned long shown = count;
	if (ctx_abbrev(ctx) && (unsigned long)ctx->opts->string_limit < shown)
		shown = (unsigned long)ctx->opts->string_limit;
	if (shown > 1024)
		shown = 1024;
	for (unsigned long i = 0; i < count; i++) {
		/* As print_array: the element is fetched before the limit is
		 * looked at. */
		unsigned char m[MMSGHDR_SIZE];
		if (!print_array_next(ctx, m, addr + i * MMSGHDR_SIZE, sizeof m, i)) {
			if (!i)
				return;
			break;
		}
		if (i >= shown) {
			tb_str(tb, "...");
			break;
		}
		struct msghdr_fields f;
		parse_msghdr(m, &f);
		uint32_t msg_len = u32_at(m + 56);
		tb_str(tb, "{msg_hdr=");
		print_msghdr_fields(ctx, &f, len_bounds_data ? (long)msg_len : -1,
				    0);
		if (i < with_len) {
			tb_str(tb, ", msg_len=");
			tb_udec(tb, msg_len);
		}
		tb_char(tb, '}');
	}
	tb_char(tb, ']');
}
