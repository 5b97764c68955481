/* netlink_families: NETLINK_SOCK_DIAG's payloads, by the address family
 * (strace 6.1's netlink_sock_diag.c), and the payload no row covers,
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

/* The family byte every payload of both families starts with; 0 (and the
 * address printed) when unreadable. */
static int read_family(const struct decode_context *ctx, uintptr_t addr,
		       uint8_t *family)
{
	if (read_exact(ctx, family, addr, 1))
		return 1;
	tb_ptr(ctx->tb, addr);
	return 0;
}

int netlink_sock_diag_payload(const struct decode_context *ctx,
			      const struct nl_header *h, uintptr_t addr,
			      unsigned len)
{
	uint8_t family;
	if (h->type == NLMSG_DONE)
		return 0;
	if (read_family(ctx, addr, &family))
		print_family_payload(ctx, family, addr, len);
	return 1;
}
