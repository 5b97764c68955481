/* netlink: the netlink layer of the decoders (internal to :format).
 *
 * Why one layer: a netlink message and a netlink attribute are both a
 * length-prefixed record in a run of records (nlmsghdr, 16 bytes; nlattr,
 * 4 bytes; each padded to 4). netlink_decoders.c walks both runs the way
 * strace 6.1 does (its netlink.c and nlattr.c: an array when more than one,
 * "..." after -s records, "... /\* ADDR *\/" at an unreadable one) and
 * prints each record's header; what follows a header is data:
 *  - a message's payload by the socket's netlink family: a row of
 *    nl_families[] (its type names, its flag names by type, its payload
 *    printer);
 *  - an attribute's data by an nla_table: the attribute type names and one
 *    decoder per type, as rows.
 * A family's payload printers live in a file of their own
 * (netlink_route.c, netlink_sock_diag.c) and print their fixed header
 * struct, then hand the rest to print_nlattrs with the family's table.
 */
#ifndef SYSTRAP_HANDLERS_NETLINK_H
#define SYSTRAP_HANDLERS_NETLINK_H

#include <stdint.h>

#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/value_tables.h"

#define NL_ROWS(rows, unknown) \
	{ rows, sizeof rows / sizeof *rows, unknown }

/* The fields of a struct nlmsghdr. */
struct nl_header {
	uint32_t len;
	uint16_t type;
	uint16_t flags;
	uint32_t seq;
	uint32_t pid;
};

/* One attribute's data (len bytes at addr): 1 when printed, 0 to have it
 * printed as a hex string (strace's nla_decoder_t). */
typedef int (*nla_decoder_fn)(const struct decode_context *ctx,
			      uintptr_t addr, unsigned len, const void *opaque);

/* The attributes of one kind of message or nest: their type names (the
 * unknown name is strace's default, "IFLA_???") and a decoder per type
 * (count rows; a missing one prints hex). */
struct nla_table {
	const struct value_table *types;
	const nla_decoder_fn *decoders;
	unsigned count;
	/* When types is NULL: the types are the value table of this id
	 * (VT_ADDRESS_FAMILY: attributes typed by address family). */
	uint8_t types_vt;
	/* strace's zero-size decoder list: decoders[0] decodes every type
	 * and gets the type (a uintptr_t) as its opaque. */
	uint8_t by_type;
};

/* strace's decode_nlattr: the attributes in len bytes at addr, each
 * decoder given opaque (the message's header, where a decoder needs its
 * family). */
void print_nlattrs(const struct decode_context *ctx, uintptr_t addr,
		   unsigned len, const struct nla_table *t, const void *opaque);

/* A decoder of a nest of attributes of `table`. */
#define NLA_NEST(name, table)                                               \
	static int name(const struct decode_context *ctx, uintptr_t addr,   \
			unsigned len, const void *opaque)                   \
	{                                                                   \
		print_nlattrs(ctx, addr, len, &table, opaque);              \
		return 1;                                                   \
	}

/* The common attribute decoders (strace's decode_nla_*). */
int nla_str(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque);
int nla_u8(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	   const void *opaque);
int nla_u16(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque);
int nla_u32(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque);
int nla_u64(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque);
int nla_s32(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque);
int nla_x32(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque);
int nla_fd(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	   const void *opaque);
int nla_uid(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque);
/* Each byte of the data as a decimal, in an array. */
int nla_u8_array(const struct decode_context *ctx, uintptr_t addr,
		 unsigned len, const void *opaque);
/* The data as an array of unsigned numbers of `size` bytes (0: none). */
int nla_uint_array(const struct decode_context *ctx, uintptr_t addr,
		   unsigned len, unsigned size);
/* strace's print_array of len / size elements of `size` bytes (at most
 * 256), each handed to print_elem with its index: "[" first, ", "
 * between, "..." after -s of them, "... /\* ADDR *\/" at an unreadable
 * one. 0 when the data holds none. */
typedef void (*nla_elem_fn)(const struct decode_context *ctx,
			    const unsigned char *elem, unsigned i,
			    const void *arg);
int nla_walk_array(const struct decode_context *ctx, uintptr_t addr,
		   unsigned len, unsigned size, nla_elem_fn print_elem,
		   const void *arg);
/* The same, each number as `kind` (FIELD_U, FIELD_X0), with its index
 * named by `index` ([NAME]=v; NULL: none). */
int nla_array(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	      unsigned size, unsigned kind, const struct value_table *index);

/* A struct's fields as rows (the headers of route messages, the structs
 * in attributes): printed "name=value, ..." in row order. */
enum nl_field_kind {
	FIELD_U,         /* unsigned decimal */
	FIELD_D,         /* signed decimal */
	FIELD_X,         /* hex */
	FIELD_X0,        /* hex zero-padded to the field's width, as
			    strace's PRINT_FIELD_0X ("%#0*llx") */
	FIELD_X_NONZERO, /* hex, and only when not 0 (padding) */
	FIELD_XVAL,      /* a name of `table` */
	FIELD_FLAGS,     /* flags of `table` */
	FIELD_IFINDEX,   /* an interface index: if_nametoindex("lo") */
	FIELD_HTONL_X,   /* a u32 in network order: htonl(0xfeedcafe) */
	FIELD_COOKIE,    /* two u32: [lo, hi] */
	FIELD_HEXSTR,    /* `size` bytes as a hex string: "\\x61\\x62" */
	FIELD_CSTRING,   /* a NUL-terminated string in `size` bytes */
	FIELD_SMC_CURSOR, /* struct smc_diag_cursor: {reserved, wrap, count} */
	FIELD_XVAL_VERBOSE, /* a name of `table`, always in the verbose
			       style: 0x1 (NAME) as strace's
			       PRINT_FIELD_XVAL_VERBOSE */
	FIELD_U64_ARRAY, /* `size` bytes of u64s, indexed by `table`'s names:
			    [[BR_MCAST_DIR_RX]=1, [BR_MCAST_DIR_TX]=2] */
	FIELD_HEXSTR_NONZERO, /* the same, only when not all 0 (padding) */
	FIELD_MAC,       /* `size` bytes of a hardware address: 0a:1b:... */
	FIELD_HTONS_XVAL, /* a u16 in network order, a name of `table`:
			     htons(ETH_P_8021Q) */
	FIELD_DEV,       /* a device number: makedev(0x8, 0x1) */
	FIELD_SOCKID,    /* struct inet_diag_sockid of the header's family
			    (byte 0 of the struct) */
	FIELD_SOCKID_INET, /* the same, always AF_INET (smc) */
};

struct nl_field {
	const char *name;
	uint8_t offset, size, kind;
	const struct value_table *table;
};

#define FIELDS(f) f, sizeof f / sizeof *f

/* The fields (n rows) of the struct whose bytes are at s, without the
 * braces. */
void print_nl_fields(const struct decode_context *ctx,
		     const struct nl_field *fields, unsigned n,
		     const unsigned char *s);

/* A message's fixed header (route's ifinfomsg, sock_diag's
 * unix_diag_msg ...): its family, then, when the payload holds the whole
 * struct, its other fields ("..." when shorter, the address when
 * unreadable); then its attributes from the struct's size rounded up to
 * 4, given the header's bytes (none when attrs is NULL). */
struct nl_struct {
	const char *family_name; /* the first field, the address family */
	uint8_t size;            /* sizeof the struct */
	const struct nl_field *fields; /* after the family */
	uint8_t nfields;
	const struct nla_table *attrs;
};
void print_nl_struct(const struct decode_context *ctx,
		     const struct nl_struct *s, uint8_t family, uintptr_t addr,
		     unsigned len);

/* An attribute that is a struct: {fields} when the data holds the whole
 * struct (size bytes), hex else. */
int nla_struct(const struct decode_context *ctx, uintptr_t addr,
	       unsigned len, unsigned size, const struct nl_field *fields,
	       unsigned nfields);
/* The data as an array of such structs (strace's print_array). */
int nla_struct_array(const struct decode_context *ctx, uintptr_t addr,
		     unsigned len, unsigned size, const struct nl_field *fields,
		     unsigned nfields);
/* The struct, then the bytes past it as hex (strace's ifstats). */
int nla_struct_tail(const struct decode_context *ctx, uintptr_t addr,
		    unsigned len, unsigned size, const struct nl_field *fields,
		    unsigned nfields);
#define NLA_STRUCT(name, size, fields)                                      \
	static int name(const struct decode_context *ctx, uintptr_t addr,   \
			unsigned len, const void *opaque)                   \
	{                                                                   \
		(void)opaque;                                               \
		return nla_struct(ctx, addr, len, size, FIELDS(fields));    \
	}
/* An address: inet_addr("1.2.3.4") (4 bytes), inet_pton(AF_INET6,
 * "::1") (16). */
int nla_in_addr(const struct decode_context *ctx, uintptr_t addr,
		unsigned len, const void *opaque);
int nla_in6_addr(const struct decode_context *ctx, uintptr_t addr,
		 unsigned len, const void *opaque);
/* A value of `table` of at most 8 bytes (size: exactly that many read,
 * 0: the data's), flags or one name (strace's decode_nla_xval/flags). */
int nla_xval(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	     const struct value_table *table, unsigned size, int flags);
#define NLA_XVAL(name, table, size, flags)                                  \
	static int name(const struct decode_context *ctx, uintptr_t addr,   \
			unsigned len, const void *opaque)                   \
	{                                                                   \
		(void)opaque;                                               \
		return nla_xval(ctx, addr, len, &table, size, flags);       \
	}
int nla_ifindex(const struct decode_context *ctx, uintptr_t addr,
		unsigned len, const void *opaque);

/* The payload printers of the families (1: printed; 0: strace's default,
 * a hex string, or NLMSG_DONE's int). */
int netlink_route_payload(const struct decode_context *ctx,
			  const struct nl_header *h, uintptr_t addr,
			  unsigned len);
int netlink_sock_diag_payload(const struct decode_context *ctx,
			      const struct nl_header *h, uintptr_t addr,
			      unsigned len);
int netlink_selinux_payload(const struct decode_context *ctx,
			    const struct nl_header *h, uintptr_t addr,
			    unsigned len);
int netlink_netfilter_payload(const struct decode_context *ctx,
			      const struct nl_header *h, uintptr_t addr,
			      unsigned len);
/* A NETLINK_KOBJECT_UEVENT socket's data: udev's header and its
 * properties, else the string. */
void print_kobject_uevent(const struct decode_context *ctx, uintptr_t addr,
			  unsigned long len);

/* A payload no header row covers: {family=AF_..., data="\x.."}. */
void print_family_payload(const struct decode_context *ctx, uint8_t family,
			  uintptr_t addr, unsigned len);
/* n bytes as a quoted hex string, "\\x01\\x02" (strace's QUOTE_FORCE_HEX
 * of a field). */
void print_hex_string(struct text_buffer *tb, const unsigned char *b,
		      unsigned n);
/* strace's PRINT_VAL_0X of a `size`-byte value: printf's "%#0*llx" of
 * width 2 * size (0x0000ab12 for a u32, 00 for a zero u8). */
void print_0x(struct text_buffer *tb, uint64_t v, unsigned size);
/* strace's PRINT_FIELD_MAC's value: 0a:1b:2c, -X raw the bytes, -X
 * verbose the bytes and the address in a comment. */
void print_mac(struct text_buffer *tb, const unsigned char *b, unsigned n);
/* The Ethernet protocols (ETH_P_*), netlink_sock_diag.c's. */
extern const struct value_table eth_protocols;
/* ARPHRD_* (netlink_route.c): a link's type, sockaddr_ll's hatype. */
extern const struct value_table arp_hardware_types;
/* The address family byte as strace names it (AF_INET ...). */
void print_af(struct text_buffer *tb, unsigned family);

#endif
