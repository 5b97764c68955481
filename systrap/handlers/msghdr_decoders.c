/* msghdr_decoders: struct msghdr and struct mmsghdr arrays as strace 6.1
 * prints them (sendmsg, recvmsg, sendmmsg, recvmmsg), with their control
 * messages: the address, the iovec (up to the bytes the call moved), the
 * SCM_RIGHTS descriptors and SCM_CREDENTIALS of each cmsghdr.
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

static void print_id(struct text_buffer *tb, uint32_t id)
{
	if (id == (uint32_t)-1)
		tb_str(tb, "-1");
	else
		tb_udec(tb, id);
}

/* One control message's type and data (data_len bytes at data). */
static void print_cmsg_type_data(const struct decode_context *ctx, int level,
				 int type, uintptr_t data, unsigned long data_len)
{
	struct text_buffer *tb = ctx->tb;
	if (level != SOL_SOCKET) {
		/* Other levels' types (IP_*, IPV6_*) are not named here. */
		tb_hex(tb, (unsigned)type);
		return;
	}
	print_enum(tb, &scm_table, (unsigned)type);
	if (type == SCM_RIGHTS && data_len >= 4) {
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
	} else if (type == SCM_CREDENTIALS && data_len >= 12) {
		uint32_t cred[3];
		if (!read_exact(ctx, cred, data, sizeof cred))
			return;
		tb_str(tb, ", cmsg_data={pid=");
		tb_dec(tb, (int32_t)cred[0]);
		tb_str(tb, ", uid=");
		print_id(tb, cred[1]);
		tb_str(tb, ", gid=");
		print_id(tb, cred[2]);
		tb_char(tb, '}');
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
