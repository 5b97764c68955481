/* netlink_sock_diag: NETLINK_SOCK_DIAG's payloads as strace 6.1 prints
 * them (its netlink_sock_diag.c and netlink_{unix,inet,netlink,packet,
 * smc}_diag.c): by the address family, a request (NLM_F_REQUEST) or a
 * response header, as rows of fields, and the response's attributes. */
#include <linux/netlink.h>

#include "systrap/handlers/netlink.h"

/* ---- the names (strace 6.1's xlat tables, in its order) ---- */

static const struct named_value tcp_states_rows[] = {
	{ 1, "TCP_ESTABLISHED" },
	{ 2, "TCP_SYN_SENT" },
	{ 3, "TCP_SYN_RECV" },
	{ 4, "TCP_FIN_WAIT1" },
	{ 5, "TCP_FIN_WAIT2" },
	{ 6, "TCP_TIME_WAIT" },
	{ 7, "TCP_CLOSE" },
	{ 8, "TCP_CLOSE_WAIT" },
	{ 9, "TCP_LAST_ACK" },
	{ 0xa, "TCP_LISTEN" },
	{ 0xb, "TCP_CLOSING" },
	{ 0xc, "TCP_NEW_SYN_RECV" },
};
static const struct value_table tcp_states = NL_ROWS(tcp_states_rows, "TCP_???");

static const struct named_value unix_diag_show_rows[] = {
	{ 1, "UDIAG_SHOW_NAME" },
	{ 2, "UDIAG_SHOW_VFS" },
	{ 4, "UDIAG_SHOW_PEER" },
	{ 8, "UDIAG_SHOW_ICONS" },
	{ 0x10, "UDIAG_SHOW_RQLEN" },
	{ 0x20, "UDIAG_SHOW_MEMINFO" },
	{ 0x40, "UDIAG_SHOW_UID" },
};
static const struct value_table unix_diag_show = NL_ROWS(unix_diag_show_rows, "UDIAG_SHOW_???");

static const struct named_value unix_diag_attrs_rows[] = {
	{ 0, "UNIX_DIAG_NAME" },
	{ 1, "UNIX_DIAG_VFS" },
	{ 2, "UNIX_DIAG_PEER" },
	{ 3, "UNIX_DIAG_ICONS" },
	{ 4, "UNIX_DIAG_RQLEN" },
	{ 5, "UNIX_DIAG_MEMINFO" },
	{ 6, "UNIX_DIAG_SHUTDOWN" },
	{ 7, "UNIX_DIAG_UID" },
};
static const struct value_table unix_diag_attrs = NL_ROWS(unix_diag_attrs_rows, "UNIX_DIAG_???");

static const struct named_value nl_protocols_rows[] = {
	{ 0, "NETLINK_ROUTE" },
	{ 1, "NETLINK_UNUSED" },
	{ 2, "NETLINK_USERSOCK" },
	{ 3, "NETLINK_FIREWALL" },
	{ 4, "NETLINK_SOCK_DIAG" },
	{ 5, "NETLINK_NFLOG" },
	{ 6, "NETLINK_XFRM" },
	{ 7, "NETLINK_SELINUX" },
	{ 8, "NETLINK_ISCSI" },
	{ 9, "NETLINK_AUDIT" },
	{ 0xa, "NETLINK_FIB_LOOKUP" },
	{ 0xb, "NETLINK_CONNECTOR" },
	{ 0xc, "NETLINK_NETFILTER" },
	{ 0xd, "NETLINK_IP6_FW" },
	{ 0xe, "NETLINK_DNRTMSG" },
	{ 0xf, "NETLINK_KOBJECT_UEVENT" },
	{ 0x10, "NETLINK_GENERIC" },
	{ 0x12, "NETLINK_SCSITRANSPORT" },
	{ 0x13, "NETLINK_ECRYPTFS" },
	{ 0x14, "NETLINK_RDMA" },
	{ 0x15, "NETLINK_CRYPTO" },
	{ 0x16, "NETLINK_SMC" },
	/* Last: netlink_diag_req's any protocol, not in nl_protocols. */
	{ 255, "NDIAG_PROTO_ALL" },
};
static const struct value_table nl_protocols = {
	nl_protocols_rows, sizeof nl_protocols_rows / sizeof *nl_protocols_rows - 1,
	"NETLINK_???"
};
static const struct value_table ndiag_protocols =
	NL_ROWS(nl_protocols_rows, "NETLINK_???");

static const struct named_value ndiag_show_rows[] = {
	{ 1, "NDIAG_SHOW_MEMINFO" },
	{ 2, "NDIAG_SHOW_GROUPS" },
	{ 4, "NDIAG_SHOW_RING_CFG" },
	{ 8, "NDIAG_SHOW_FLAGS" },
};
static const struct value_table ndiag_show = NL_ROWS(ndiag_show_rows, "NDIAG_SHOW_???");

static const struct named_value nl_states_rows[] = {
	{ 0, "NETLINK_UNCONNECTED" },
	{ 1, "NETLINK_CONNECTED" },
	{ 7, "TCP_CLOSE" },
};
static const struct value_table nl_states = NL_ROWS(nl_states_rows, "NETLINK_???");

static const struct named_value ndiag_attrs_rows[] = {
	{ 0, "NETLINK_DIAG_MEMINFO" },
	{ 1, "NETLINK_DIAG_GROUPS" },
	{ 2, "NETLINK_DIAG_RX_RING" },
	{ 3, "NETLINK_DIAG_TX_RING" },
	{ 4, "NETLINK_DIAG_FLAGS" },
};
static const struct value_table ndiag_attrs = NL_ROWS(ndiag_attrs_rows, "NETLINK_DIAG_???");

static const struct named_value ndiag_flags_rows[] = {
	{ 1, "NDIAG_FLAG_CB_RUNNING" },
	{ 2, "NDIAG_FLAG_PKTINFO" },
	{ 4, "NDIAG_FLAG_BROADCAST_ERROR" },
	{ 8, "NDIAG_FLAG_NO_ENOBUFS" },
	{ 0x10, "NDIAG_FLAG_LISTEN_ALL_NSID" },
	{ 0x20, "NDIAG_FLAG_CAP_ACK" },
};
static const struct value_table ndiag_flags = NL_ROWS(ndiag_flags_rows, "NDIAG_FLAG_???");

static const struct named_value meminfo_indices_rows[] = {
	{ 0, "SK_MEMINFO_RMEM_ALLOC" },
	{ 1, "SK_MEMINFO_RCVBUF" },
	{ 2, "SK_MEMINFO_WMEM_ALLOC" },
	{ 3, "SK_MEMINFO_SNDBUF" },
	{ 4, "SK_MEMINFO_FWD_ALLOC" },
	{ 5, "SK_MEMINFO_WMEM_QUEUED" },
	{ 6, "SK_MEMINFO_OPTMEM" },
	{ 7, "SK_MEMINFO_BACKLOG" },
	{ 8, "SK_MEMINFO_DROPS" },
};
static const struct value_table meminfo_indices = NL_ROWS(meminfo_indices_rows, "SK_MEMINFO_???");

static const struct named_value packet_show_rows[] = {
	{ 1, "PACKET_SHOW_INFO" },
	{ 2, "PACKET_SHOW_MCLIST" },
	{ 4, "PACKET_SHOW_RING_CFG" },
	{ 8, "PACKET_SHOW_FANOUT" },
	{ 0x10, "PACKET_SHOW_MEMINFO" },
	{ 0x20, "PACKET_SHOW_FILTER" },
};
static const struct value_table packet_show = NL_ROWS(packet_show_rows, "PACKET_SHOW_???");

static const struct named_value packet_diag_attrs_rows[] = {
	{ 0, "PACKET_DIAG_INFO" },
	{ 1, "PACKET_DIAG_MCLIST" },
	{ 2, "PACKET_DIAG_RX_RING" },
	{ 3, "PACKET_DIAG_TX_RING" },
	{ 4, "PACKET_DIAG_FANOUT" },
	{ 5, "PACKET_DIAG_UID" },
	{ 6, "PACKET_DIAG_MEMINFO" },
	{ 7, "PACKET_DIAG_FILTER" },
};
static const struct value_table packet_diag_attrs = NL_ROWS(packet_diag_attrs_rows, "PACKET_DIAG_???");

static const struct named_value inet_diag_attrs_rows[] = {
	{ 0, "INET_DIAG_NONE" },
	{ 1, "INET_DIAG_MEMINFO" },
	{ 2, "INET_DIAG_INFO" },
	{ 3, "INET_DIAG_VEGASINFO" },
	{ 4, "INET_DIAG_CONG" },
	{ 5, "INET_DIAG_TOS" },
	{ 6, "INET_DIAG_TCLASS" },
	{ 7, "INET_DIAG_SKMEMINFO" },
	{ 8, "INET_DIAG_SHUTDOWN" },
	{ 9, "INET_DIAG_DCTCPINFO" },
	{ 0xa, "INET_DIAG_PROTOCOL" },
	{ 0xb, "INET_DIAG_SKV6ONLY" },
	{ 0xc, "INET_DIAG_LOCALS" },
	{ 0xd, "INET_DIAG_PEERS" },
	{ 0xe, "INET_DIAG_PAD" },
	{ 0xf, "INET_DIAG_MARK" },
	{ 0x10, "INET_DIAG_BBRINFO" },
	{ 0x11, "INET_DIAG_CLASS_ID" },
	{ 0x12, "INET_DIAG_MD5SIG" },
	{ 0x13, "INET_DIAG_ULP_INFO" },
	{ 0x14, "INET_DIAG_SK_BPF_STORAGES" },
	{ 0x15, "INET_DIAG_CGROUP_ID" },
	{ 0x16, "INET_DIAG_SOCKOPT" },
};
static const struct value_table inet_diag_attrs = NL_ROWS(inet_diag_attrs_rows, "INET_DIAG_???");

static const struct named_value inet_diag_req_attrs_rows[] = {
	{ 0, "INET_DIAG_REQ_NONE" },
	{ 1, "INET_DIAG_REQ_BYTECODE" },
	{ 2, "INET_DIAG_REQ_SK_BPF_STORAGES" },
	{ 3, "INET_DIAG_REQ_PROTOCOL" },
};
static const struct value_table inet_diag_req_attrs = NL_ROWS(inet_diag_req_attrs_rows, "INET_DIAG_REQ_???");

static const struct named_value smc_diag_attrs_rows[] = {
	{ 0, "SMC_DIAG_NONE" },
	{ 1, "SMC_DIAG_CONNINFO" },
	{ 2, "SMC_DIAG_LGRINFO" },
	{ 3, "SMC_DIAG_SHUTDOWN" },
	{ 4, "SMC_DIAG_DMBINFO" },
	{ 5, "SMC_DIAG_FALLBACK" },
};
static const struct value_table smc_diag_attrs = NL_ROWS(smc_diag_attrs_rows, "SMC_DIAG_???");

static const struct named_value smc_states_rows[] = {
	{ 1, "SMC_ACTIVE" },
	{ 2, "SMC_INIT" },
	{ 7, "SMC_CLOSED" },
	{ 0xa, "SMC_LISTEN" },
	{ 0x14, "SMC_PEERCLOSEWAIT1" },
	{ 0x15, "SMC_PEERCLOSEWAIT2" },
	{ 0x18, "SMC_APPFINCLOSEWAIT" },
	{ 0x16, "SMC_APPCLOSEWAIT1" },
	{ 0x17, "SMC_APPCLOSEWAIT2" },
	{ 0x19, "SMC_PEERFINCLOSEWAIT" },
	{ 0x1a, "SMC_PEERABORTWAIT" },
	{ 0x1b, "SMC_PROCESSABORT" },
};
static const struct value_table smc_states = NL_ROWS(smc_states_rows, "SMC_???");

static const struct named_value smc_modes_rows[] = {
	{ 0, "SMC_DIAG_MODE_SMCR" },
	{ 1, "SMC_DIAG_MODE_FALLBACK_TCP" },
	{ 2, "SMC_DIAG_MODE_SMCD" },
};
static const struct value_table smc_modes = NL_ROWS(smc_modes_rows, "SMC_DIAG_MODE_???");

static const struct named_value tcp_state_flags_rows[] = {
	{ 0x2, "1<<TCP_ESTABLISHED" },
	{ 0x4, "1<<TCP_SYN_SENT" },
	{ 0x8, "1<<TCP_SYN_RECV" },
	{ 0x10, "1<<TCP_FIN_WAIT1" },
	{ 0x20, "1<<TCP_FIN_WAIT2" },
	{ 0x40, "1<<TCP_TIME_WAIT" },
	{ 0x80, "1<<TCP_CLOSE" },
	{ 0x100, "1<<TCP_CLOSE_WAIT" },
	{ 0x200, "1<<TCP_LAST_ACK" },
	{ 0x400, "1<<TCP_LISTEN" },
	{ 0x800, "1<<TCP_CLOSING" },
	{ 0x1000, "1<<TCP_NEW_SYN_RECV" },
};
static const struct value_table tcp_state_flags = NL_ROWS(tcp_state_flags_rows, "1<<TCP_???");

static const struct named_value inet_diag_ext_rows[] = {
	{ 0x1, "1<<(INET_DIAG_MEMINFO-1)" },
	{ 0x2, "1<<(INET_DIAG_INFO-1)" },
	{ 0x4, "1<<(INET_DIAG_VEGASINFO-1)" },
	{ 0x8, "1<<(INET_DIAG_CONG-1)" },
	{ 0x10, "1<<(INET_DIAG_TOS-1)" },
	{ 0x20, "1<<(INET_DIAG_TCLASS-1)" },
	{ 0x40, "1<<(INET_DIAG_SKMEMINFO-1)" },
	{ 0x80, "1<<(INET_DIAG_SHUTDOWN-1)" },
	{ 0x100, "1<<(INET_DIAG_DCTCPINFO-1)" },
	{ 0x200, "1<<(INET_DIAG_PROTOCOL-1)" },
	{ 0x400, "1<<(INET_DIAG_SKV6ONLY-1)" },
	{ 0x800, "1<<(INET_DIAG_LOCALS-1)" },
	{ 0x1000, "1<<(INET_DIAG_PEERS-1)" },
	{ 0x2000, "1<<(INET_DIAG_PAD-1)" },
	{ 0x4000, "1<<(INET_DIAG_MARK-1)" },
	{ 0x8000, "1<<(INET_DIAG_BBRINFO-1)" },
	{ 0x10000, "1<<(INET_DIAG_CLASS_ID-1)" },
	{ 0x20000, "1<<(INET_DIAG_MD5SIG-1)" },
	{ 0x40000, "1<<(INET_DIAG_ULP_INFO-1)" },
	{ 0x80000, "1<<(INET_DIAG_SK_BPF_STORAGES-1)" },
	{ 0x100000, "1<<(INET_DIAG_CGROUP_ID-1)" },
	{ 0x200000, "1<<(INET_DIAG_SOCKOPT-1)" },
};
static const struct value_table inet_diag_ext = NL_ROWS(inet_diag_ext_rows, "1<<INET_DIAG_\?\?\?-1");

static const struct named_value smc_diag_ext_rows[] = {
	{ 1, "1<<(SMC_DIAG_CONNINFO-1)" },
	{ 2, "1<<(SMC_DIAG_LGRINFO-1)" },
};
static const struct value_table smc_diag_ext = NL_ROWS(smc_diag_ext_rows, "1<<SMC_DIAG_\?\?\?-1");

static const struct named_value eth_protocols_rows[] = {
	{ 1, "ETH_P_802_3" },
	{ 2, "ETH_P_AX25" },
	{ 3, "ETH_P_ALL" },
	{ 4, "ETH_P_802_2" },
	{ 5, "ETH_P_SNAP" },
	{ 6, "ETH_P_DDCMP" },
	{ 7, "ETH_P_WAN_PPP" },
	{ 8, "ETH_P_PPP_MP" },
	{ 9, "ETH_P_LOCALTALK" },
	{ 0xc, "ETH_P_CAN" },
	{ 0xd, "ETH_P_CANFD" },
	{ 0xe, "ETH_P_CANXL" },
	{ 0x10, "ETH_P_PPPTALK" },
	{ 0x11, "ETH_P_TR_802_2" },
	{ 0x15, "ETH_P_MOBITEX" },
	{ 0x16, "ETH_P_CONTROL" },
	{ 0x17, "ETH_P_IRDA" },
	{ 0x18, "ETH_P_ECONET" },
	{ 0x19, "ETH_P_HDLC" },
	{ 0x1a, "ETH_P_ARCNET" },
	{ 0x1b, "ETH_P_DSA" },
	{ 0x1c, "ETH_P_TRAILER" },
	{ 0x60, "ETH_P_LOOP" },
	{ 0xf5, "ETH_P_PHONET" },
	{ 0xf6, "ETH_P_IEEE802154" },
	{ 0xf7, "ETH_P_CAIF" },
	{ 0xf8, "ETH_P_XDSA" },
	{ 0xf9, "ETH_P_MAP" },
	{ 0xfa, "ETH_P_MCTP" },
	{ 0x200, "ETH_P_PUP" },
	{ 0x201, "ETH_P_PUPAT" },
	{ 0x600, "ETH_P_802_3_MIN" },
	{ 0x800, "ETH_P_IP" },
	{ 0x805, "ETH_P_X25" },
	{ 0x806, "ETH_P_ARP" },
	{ 0x8ff, "ETH_P_BPQ" },
	{ 0xa00, "ETH_P_IEEEPUP" },
	{ 0xa01, "ETH_P_IEEEPUPAT" },
	{ 0x22eb, "ETH_P_ERSPAN2" },
	{ 0x22f0, "ETH_P_TSN" },
	{ 0x4305, "ETH_P_BATMAN" },
	{ 0x6000, "ETH_P_DEC" },
	{ 0x6001, "ETH_P_DNA_DL" },
	{ 0x6002, "ETH_P_DNA_RC" },
	{ 0x6003, "ETH_P_DNA_RT" },
	{ 0x6004, "ETH_P_LAT" },
	{ 0x6005, "ETH_P_DIAG" },
	{ 0x6006, "ETH_P_CUST" },
	{ 0x6007, "ETH_P_SCA" },
	{ 0x6558, "ETH_P_TEB" },
	{ 0x8035, "ETH_P_RARP" },
	{ 0x809b, "ETH_P_ATALK" },
	{ 0x80f3, "ETH_P_AARP" },
	{ 0x8100, "ETH_P_8021Q" },
	{ 0x8137, "ETH_P_IPX" },
	{ 0x86dd, "ETH_P_IPV6" },
	{ 0x8808, "ETH_P_PAUSE" },
	{ 0x8809, "ETH_P_SLOW" },
	{ 0x883e, "ETH_P_WCCP" },
	{ 0x8847, "ETH_P_MPLS_UC" },
	{ 0x8848, "ETH_P_MPLS_MC" },
	{ 0x884c, "ETH_P_ATMMPOA" },
	{ 0x8863, "ETH_P_PPP_DISC" },
	{ 0x8864, "ETH_P_PPP_SES" },
	{ 0x886c, "ETH_P_LINK_CTL" },
	{ 0x8884, "ETH_P_ATMFATE" },
	{ 0x888e, "ETH_P_PAE" },
	{ 0x8899, "ETH_P_REALTEK" },
	{ 0x88a2, "ETH_P_AOE" },
	{ 0x88a8, "ETH_P_8021AD" },
	{ 0x88b5, "ETH_P_802_EX1" },
	{ 0x88be, "ETH_P_ERSPAN" },
	{ 0x88c7, "ETH_P_PREAUTH" },
	{ 0x88ca, "ETH_P_TIPC" },
	{ 0x88cc, "ETH_P_LLDP" },
	{ 0x88e3, "ETH_P_MRP" },
	{ 0x88e5, "ETH_P_MACSEC" },
	{ 0x88e7, "ETH_P_8021AH" },
	{ 0x88f5, "ETH_P_MVRP" },
	{ 0x88f7, "ETH_P_1588" },
	{ 0x88f8, "ETH_P_NCSI" },
	{ 0x88fb, "ETH_P_PRP" },
	{ 0x8902, "ETH_P_CFM" },
	{ 0x8906, "ETH_P_FCOE" },
	{ 0x890d, "ETH_P_TDLS" },
	{ 0x8914, "ETH_P_FIP" },
	{ 0x8915, "ETH_P_IBOE" },
	{ 0x8917, "ETH_P_80221" },
	{ 0x892f, "ETH_P_HSR" },
	{ 0x894f, "ETH_P_NSH" },
	{ 0x9000, "ETH_P_LOOPBACK" },
	{ 0x9100, "ETH_P_QINQ1" },
	{ 0x9200, "ETH_P_QINQ2" },
	{ 0x9300, "ETH_P_QINQ3" },
	{ 0xdada, "ETH_P_EDSA" },
	{ 0xdadb, "ETH_P_DSA_8021Q" },
	{ 0xe001, "ETH_P_DSA_A5PSW" },
	{ 0xed3e, "ETH_P_IFE" },
	{ 0xfbfb, "ETH_P_AF_IUCV" },
};
const struct value_table eth_protocols = NL_ROWS(eth_protocols_rows, "ETH_P_???");

static const struct named_value sock_types_rows[] = {
	{ 2, "SOCK_DGRAM" },
	{ 1, "SOCK_STREAM" },
	{ 1, "SOCK_STREAM" },
	{ 2, "SOCK_DGRAM" },
	{ 3, "SOCK_RAW" },
	{ 4, "SOCK_RDM" },
	{ 5, "SOCK_SEQPACKET" },
	{ 6, "SOCK_DCCP" },
	{ 0xa, "SOCK_PACKET" },
};
static const struct value_table sock_types = NL_ROWS(sock_types_rows, "SOCK_???");

static const struct named_value ip_protocols_rows[] = {
	{ 0, "IPPROTO_IP" },
	{ 1, "IPPROTO_ICMP" },
	{ 2, "IPPROTO_IGMP" },
	{ 4, "IPPROTO_IPIP" },
	{ 6, "IPPROTO_TCP" },
	{ 8, "IPPROTO_EGP" },
	{ 0xc, "IPPROTO_PUP" },
	{ 0x11, "IPPROTO_UDP" },
	{ 0x16, "IPPROTO_IDP" },
	{ 0x1d, "IPPROTO_TP" },
	{ 0x21, "IPPROTO_DCCP" },
	{ 0x29, "IPPROTO_IPV6" },
	{ 0x2b, "IPPROTO_ROUTING" },
	{ 0x2c, "IPPROTO_FRAGMENT" },
	{ 0x2e, "IPPROTO_RSVP" },
	{ 0x2f, "IPPROTO_GRE" },
	{ 0x32, "IPPROTO_ESP" },
	{ 0x33, "IPPROTO_AH" },
	{ 0x3a, "IPPROTO_ICMPV6" },
	{ 0x3b, "IPPROTO_NONE" },
	{ 0x3c, "IPPROTO_DSTOPTS" },
	{ 0x5c, "IPPROTO_MTP" },
	{ 0x5e, "IPPROTO_BEETPH" },
	{ 0x62, "IPPROTO_ENCAP" },
	{ 0x67, "IPPROTO_PIM" },
	{ 0x6c, "IPPROTO_COMP" },
	{ 0x73, "IPPROTO_L2TP" },
	{ 0x84, "IPPROTO_SCTP" },
	{ 0x87, "IPPROTO_MH" },
	{ 0x88, "IPPROTO_UDPLITE" },
	{ 0x89, "IPPROTO_MPLS" },
	{ 0x8f, "IPPROTO_ETHERNET" },
	{ 0xff, "IPPROTO_RAW" },
	{ 0x106, "IPPROTO_MPTCP" },
};
static const struct value_table ip_protocols = NL_ROWS(ip_protocols_rows, "IPPROTO_???");

/* ---- attributes ---- */

/* strace's decode_nla_meminfo: [[SK_MEMINFO_RMEM_ALLOC]=1, ...]. */
static int nla_meminfo(const struct decode_context *ctx, uintptr_t addr,
		       unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_array(ctx, addr, len, 4, FIELD_U, &meminfo_indices);
}

static const struct nl_field unix_diag_vfs_fields[] = {
	{ "udiag_vfs_dev", 4, 4, FIELD_DEV, 0 },
	{ "udiag_vfs_ino", 0, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_unix_diag_vfs, 8, unix_diag_vfs_fields)
static const struct nl_field unix_diag_rqlen_fields[] = {
	{ "udiag_rqueue", 0, 4, FIELD_U, 0 },
	{ "udiag_wqueue", 4, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_unix_diag_rqlen, 8, unix_diag_rqlen_fields)
static int nla_u32_array(const struct decode_context *ctx, uintptr_t addr,
			 unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_array(ctx, addr, len, 4, FIELD_U, 0);
}
static const nla_decoder_fn unix_diag_decoders[] = {
	[0] = nla_str,             /* UNIX_DIAG_NAME */
	[1] = nla_unix_diag_vfs,
	[2] = nla_u32,             /* UNIX_DIAG_PEER */
	[3] = nla_u32_array,       /* UNIX_DIAG_ICONS */
	[4] = nla_unix_diag_rqlen,
	[5] = nla_meminfo,
	[6] = nla_u8,              /* UNIX_DIAG_SHUTDOWN */
	[7] = nla_uid,
};
static const struct nla_table unix_diag_nla = {
	&unix_diag_attrs, FIELDS(unix_diag_decoders), 0, 0 };

/* netlink_diag: the groups a word each, the rings, the flags. */
static int nla_groups(const struct decode_context *ctx, uintptr_t addr,
		      unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_array(ctx, addr, len, 8, FIELD_X0, 0);
}
static const struct nl_field netlink_diag_ring_fields[] = {
	{ "ndr_block_size", 0, 4, FIELD_U, 0 },
	{ "ndr_block_nr", 4, 4, FIELD_U, 0 },
	{ "ndr_frame_size", 8, 4, FIELD_U, 0 },
	{ "ndr_frame_nr", 12, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_netlink_diag_ring, 16, netlink_diag_ring_fields)
NLA_XVAL(nla_ndiag_flags, ndiag_flags, 4, 1)
static const nla_decoder_fn netlink_diag_decoders[] = {
	[0] = nla_meminfo,           /* NETLINK_DIAG_MEMINFO */
	[1] = nla_groups,            /* NETLINK_DIAG_GROUPS */
	[2] = nla_netlink_diag_ring, /* NETLINK_DIAG_RX_RING */
	[3] = nla_netlink_diag_ring, /* NETLINK_DIAG_TX_RING */
	[4] = nla_ndiag_flags,       /* NETLINK_DIAG_FLAGS */
};
static const struct nla_table netlink_diag_nla = {
	&ndiag_attrs, FIELDS(netlink_diag_decoders), 0, 0 };

static const struct named_value inet_diag_bytecodes_rows[] = {
	{ 0, "INET_DIAG_BC_NOP" },
	{ 1, "INET_DIAG_BC_JMP" },
	{ 2, "INET_DIAG_BC_S_GE" },
	{ 3, "INET_DIAG_BC_S_LE" },
	{ 4, "INET_DIAG_BC_D_GE" },
	{ 5, "INET_DIAG_BC_D_LE" },
	{ 6, "INET_DIAG_BC_AUTO" },
	{ 7, "INET_DIAG_BC_S_COND" },
	{ 8, "INET_DIAG_BC_D_COND" },
	{ 9, "INET_DIAG_BC_DEV_COND" },
	{ 0xa, "INET_DIAG_BC_MARK_COND" },
	{ 0xb, "INET_DIAG_BC_S_EQ" },
	{ 0xc, "INET_DIAG_BC_D_EQ" },
	{ 0xd, "INET_DIAG_BC_CGROUP_COND" },
};
static const struct value_table inet_diag_bytecodes = NL_ROWS(inet_diag_bytecodes_rows, "INET_DIAG_BC_???");

/* inet_diag requests' bytecode (strace's decode_inet_diag_bc_op): an
 * operation, then the condition its code takes. */
static const struct nl_field bc_op_fields[] = {
	{ "code", 0, 1, FIELD_XVAL, &inet_diag_bytecodes },
	{ "yes", 1, 1, FIELD_U, 0 },
	{ "no", 2, 2, FIELD_U, 0 },
};
/* After the family, printed first. */
static const struct nl_field hostcond_fields[] = {
	{ "prefix_len", 1, 1, FIELD_U, 0 },
	{ "port", 4, 4, FIELD_U, 0 },
};
static const struct nl_field markcond_fields[] = {
	{ "mark", 0, 4, FIELD_U, 0 },
	{ "mask", 4, 4, FIELD_U, 0 },
};

/* decode_inet_diag_hostcond: the family, prefix, port, and the address
 * of the family after them. */
static void print_hostcond(const struct decode_context *ctx, uintptr_t addr,
			   unsigned len)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char c[8];
	if (len < sizeof c) {
		print_buffer(ctx, addr, len, 1);
		return;
	}
	if (!read_exact(ctx, c, addr, sizeof c)) {
		tb_ptr(tb, addr);
		return;
	}
	tb_str(tb, "{family=");
	print_af(tb, c[0]);
	tb_str(tb, ", ");
	print_nl_fields(ctx, FIELDS(hostcond_fields), c);
	if (len > sizeof c) {
		unsigned size = c[0] == 2 ? 4 : c[0] == 10 ? 16 : 0;
		unsigned char a[16];
		tb_str(tb, ", ");
		if (!size || len - sizeof c < size) {
			tb_str(tb, "addr=");
			print_buffer(ctx, addr + sizeof c, len - sizeof c, 1);
		} else if (!read_exact(ctx, a, addr + sizeof c, size)) {
			tb_str(tb, "addr=");
			tb_ptr(tb, addr + sizeof c);
		} else {
			print_inet_field(tb, "addr", c[0], a, size);
		}
	}
	tb_char(tb, '}');
}

static int nla_inet_diag_bc_op(const struct decode_context *ctx,
			       uintptr_t addr, unsigned len, const void *opaque)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char op[4];
	(void)opaque;
	if (len < sizeof op)
		return 0;
	if (!read_exact(ctx, op, addr, sizeof op)) {
		tb_ptr(tb, addr);
		return 1;
	}
	tb_char(tb, '{');
	print_nl_fields(ctx, FIELDS(bc_op_fields), op);
	tb_char(tb, '}');
	if (len <= sizeof op)
		return 1;
	tb_str(tb, ", ");
	uintptr_t data = addr + sizeof op;
	unsigned data_len = len - sizeof op;
	switch (op[0]) {
	case 7: /* INET_DIAG_BC_S_COND */
	case 8: /* INET_DIAG_BC_D_COND */
		print_hostcond(ctx, data, data_len);
		break;
	case 9: /* INET_DIAG_BC_DEV_COND */
		if (!nla_ifindex(ctx, data, data_len, 0))
			print_buffer(ctx, data, data_len, 1);
		break;
	case 2: case 3: case 4: case 5: /* INET_DIAG_BC_{S,D}_{GE,LE} */
		if (!nla_struct(ctx, data, data_len, 4, FIELDS(bc_op_fields)))
			print_buffer(ctx, data, data_len, 1);
		break;
	case 10: /* INET_DIAG_BC_MARK_COND */
		if (!nla_struct(ctx, data, data_len, 8, FIELDS(markcond_fields)))
			print_buffer(ctx, data, data_len, 1);
		break;
	default:
		print_buffer(ctx, data, data_len, 1);
		break;
	}
	return 1;
}
static int nla_ip_protocol(const struct decode_context *ctx, uintptr_t addr,
			   unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_xval(ctx, addr, len, &ip_protocols, 0, 0);
}
static const nla_decoder_fn inet_diag_req_decoders[] = {
	[1] = nla_inet_diag_bc_op, /* INET_DIAG_REQ_BYTECODE */
	[3] = nla_ip_protocol,     /* INET_DIAG_REQ_PROTOCOL */
};

static const struct named_value smc_decl_codes_rows[] = {
	{ 0x1010000, "SMC_CLC_DECL_MEM" },
	{ 0x2010000, "SMC_CLC_DECL_TIMEOUT_CL" },
	{ 0x2020000, "SMC_CLC_DECL_TIMEOUT_AL" },
	{ 0x3000000, "SMC_CLC_DECL_CNFERR" },
	{ 0x3010000, "SMC_CLC_DECL_PEERNOSMC" },
	{ 0x3020000, "SMC_CLC_DECL_IPSEC" },
	{ 0x3030000, "SMC_CLC_DECL_NOSMCDEV" },
	{ 0x3040000, "SMC_CLC_DECL_MODEUNSUPP" },
	{ 0x3050000, "SMC_CLC_DECL_RMBE_EC" },
	{ 0x3060000, "SMC_CLC_DECL_OPTUNSUPP" },
	{ 0x4000000, "SMC_CLC_DECL_SYNCERR" },
	{ 0x5000000, "SMC_CLC_DECL_PEERDECL" },
	{ 0x99990000, "SMC_CLC_DECL_INTERR" },
	{ 0x99990001, "SMC_CLC_DECL_ERR_RTOK" },
	{ 0x99990002, "SMC_CLC_DECL_ERR_RDYLNK" },
	{ 0x99990003, "SMC_CLC_DECL_ERR_REGRMB" },
};
static const struct value_table smc_decl_codes = NL_ROWS(smc_decl_codes_rows, "SMC_CLC_DECL_???");

static const struct named_value shutdown_flags_rows[] = {
	{ 1, "RCV_SHUTDOWN" },
	{ 2, "SEND_SHUTDOWN" },
};
static const struct value_table shutdown_flags = NL_ROWS(shutdown_flags_rows, "???_SHUTDOWN");

static const struct named_value smc_roles_rows[] = {
	{ 0, "SMC_CLNT" },
	{ 1, "SMC_SERV" },
};
static const struct value_table smc_roles = NL_ROWS(smc_roles_rows, "SMC_???");

/* smc_diag's attributes (strace's netlink_smc_diag.c). */
static const struct nl_field smc_conninfo_fields[] = {
	{ "token", 0, 4, FIELD_U, 0 },
	{ "sndbuf_size", 4, 4, FIELD_U, 0 },
	{ "rmbe_size", 8, 4, FIELD_U, 0 },
	{ "peer_rmbe_size", 12, 4, FIELD_U, 0 },
	{ "rx_prod", 16, 8, FIELD_SMC_CURSOR, 0 },
	{ "rx_cons", 24, 8, FIELD_SMC_CURSOR, 0 },
	{ "tx_prod", 32, 8, FIELD_SMC_CURSOR, 0 },
	{ "tx_cons", 40, 8, FIELD_SMC_CURSOR, 0 },
	{ "rx_prod_flags", 48, 1, FIELD_X0, 0 },
	{ "rx_conn_state_flags", 49, 1, FIELD_X0, 0 },
	{ "tx_prod_flags", 50, 1, FIELD_X0, 0 },
	{ "tx_conn_state_flags", 51, 1, FIELD_X0, 0 },
	{ "tx_prep", 52, 8, FIELD_SMC_CURSOR, 0 },
	{ "tx_sent", 60, 8, FIELD_SMC_CURSOR, 0 },
	{ "tx_fin", 68, 8, FIELD_SMC_CURSOR, 0 },
};
NLA_STRUCT(nla_smc_conninfo, 76, smc_conninfo_fields)
/* struct smc_diag_lgrinfo: one struct smc_diag_linkinfo, the role. */
static int nla_smc_lgrinfo(const struct decode_context *ctx, uintptr_t addr,
			   unsigned len, const void *opaque)
{
	static const struct nl_field linkinfo_fields[] = {
		{ "link_id", 0, 1, FIELD_U, 0 },
		{ "ibname", 1, 64, FIELD_CSTRING, 0 },
		{ "ibport", 65, 1, FIELD_U, 0 },
		{ "gid", 66, 40, FIELD_CSTRING, 0 },
		{ "peer_gid", 106, 40, FIELD_CSTRING, 0 },
	};
	static const struct nl_field role_field[] = {
		{ "role", 146, 1, FIELD_XVAL, &smc_roles },
	};
	struct text_buffer *tb = ctx->tb;
	unsigned char b[147];
	(void)opaque;
	if (len < sizeof b)
		return 0;
	if (!read_exact(ctx, b, addr, sizeof b)) {
		tb_ptr(tb, addr);
		return 1;
	}
	tb_str(tb, "{lnk=[{");
	print_nl_fields(ctx, FIELDS(linkinfo_fields), b);
	tb_str(tb, "}], ");
	print_nl_fields(ctx, FIELDS(role_field), b);
	tb_char(tb, '}');
	return 1;
}
NLA_XVAL(nla_smc_shutdown, shutdown_flags, 1, 1)
static const struct nl_field smcd_dmbinfo_fields[] = {
	{ "linkid", 0, 4, FIELD_U, 0 },
	{ "peer_gid", 8, 8, FIELD_X, 0 },
	{ "my_gid", 16, 8, FIELD_X, 0 },
	{ "token", 24, 8, FIELD_X, 0 },
	{ "peer_token", 32, 8, FIELD_X, 0 },
};
NLA_STRUCT(nla_smcd_dmbinfo, 40, smcd_dmbinfo_fields)
/* Its codes come from a header outside the UAPI: always verbose. */
static const struct nl_field smc_fallback_fields[] = {
	{ "reason", 0, 4, FIELD_XVAL_VERBOSE, &smc_decl_codes },
	{ "peer_diagnosis", 4, 4, FIELD_XVAL_VERBOSE, &smc_decl_codes },
};
NLA_STRUCT(nla_smc_fallback, 8, smc_fallback_fields)
static const nla_decoder_fn smc_diag_decoders[] = {
	[1] = nla_smc_conninfo, /* SMC_DIAG_CONNINFO */
	[2] = nla_smc_lgrinfo,  /* SMC_DIAG_LGRINFO */
	[3] = nla_smc_shutdown, /* SMC_DIAG_SHUTDOWN */
	[4] = nla_smcd_dmbinfo, /* SMC_DIAG_DMBINFO */
	[5] = nla_smc_fallback, /* SMC_DIAG_FALLBACK */
};

static const struct named_value af_packet_versions_rows[] = {
	{ 0, "TPACKET_V1" },
	{ 1, "TPACKET_V2" },
	{ 2, "TPACKET_V3" },
};
static const struct value_table af_packet_versions = NL_ROWS(af_packet_versions_rows, "TPACKET_???");

static const struct named_value pdi_flags_rows[] = {
	{ 1, "PDI_RUNNING" },
	{ 2, "PDI_AUXDATA" },
	{ 4, "PDI_ORIGDEV" },
	{ 8, "PDI_VNETHDR" },
	{ 0x10, "PDI_LOSS" },
};
static const struct value_table pdi_flags = NL_ROWS(pdi_flags_rows, "PDI_???");

/* packet_diag's attributes (strace's netlink_packet_diag.c). */
static const struct nl_field packet_diag_info_fields[] = {
	{ "pdi_index", 0, 4, FIELD_IFINDEX, 0 },
	{ "pdi_version", 4, 4, FIELD_XVAL, &af_packet_versions },
	{ "pdi_reserve", 8, 4, FIELD_U, 0 },
	{ "pdi_copy_thresh", 12, 4, FIELD_U, 0 },
	{ "pdi_tstamp", 16, 4, FIELD_U, 0 },
	{ "pdi_flags", 20, 4, FIELD_FLAGS, &pdi_flags },
};
NLA_STRUCT(nla_packet_diag_info, 24, packet_diag_info_fields)
/* struct packet_diag_mclist (44 bytes): its address as hex, pdmc_alen of
 * its 32 bytes. */
static void print_mclist_elem(const struct decode_context *ctx,
			      const unsigned char *m, unsigned i,
			      const void *arg)
{
	static const struct nl_field mclist_fields[] = {
		{ "pdmc_index", 0, 4, FIELD_IFINDEX, 0 },
		{ "pdmc_count", 4, 4, FIELD_U, 0 },
		{ "pdmc_type", 8, 2, FIELD_U, 0 },
		{ "pdmc_alen", 10, 2, FIELD_U, 0 },
	};
	struct text_buffer *tb = ctx->tb;
	uint16_t alen = (uint16_t)(m[10] | m[11] << 8);
	(void)i;
	(void)arg;
	tb_char(tb, '{');
	print_nl_fields(ctx, FIELDS(mclist_fields), m);
	tb_str(tb, ", pdmc_addr=");
	print_hex_string(tb, m + 12, alen < 32 ? alen : 32);
	tb_char(tb, '}');
}
static int nla_packet_diag_mclist(const struct decode_context *ctx,
				  uintptr_t addr, unsigned len,
				  const void *opaque)
{
	(void)opaque;
	return nla_walk_array(ctx, addr, len, 44, print_mclist_elem, 0);
}
static const struct nl_field packet_diag_ring_fields[] = {
	{ "pdr_block_size", 0, 4, FIELD_U, 0 },
	{ "pdr_block_nr", 4, 4, FIELD_U, 0 },
	{ "pdr_frame_size", 8, 4, FIELD_U, 0 },
	{ "pdr_frame_nr", 12, 4, FIELD_U, 0 },
	{ "pdr_retire_tmo", 16, 4, FIELD_U, 0 },
	{ "pdr_sizeof_priv", 20, 4, FIELD_U, 0 },
	{ "pdr_features", 24, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_packet_diag_ring, 28, packet_diag_ring_fields)
static int nla_packet_diag_filter(const struct decode_context *ctx,
				  uintptr_t addr, unsigned len,
				  const void *opaque)
{
	unsigned count = len / 8;
	(void)opaque;
	if (!count || count > 0xffff)
		return 0;
	print_bpf_program(ctx, addr, count, 0);
	return 1;
}
static const nla_decoder_fn packet_diag_decoders[] = {
	[0] = nla_packet_diag_info,   /* PACKET_DIAG_INFO */
	[1] = nla_packet_diag_mclist, /* PACKET_DIAG_MCLIST */
	[2] = nla_packet_diag_ring,   /* PACKET_DIAG_RX_RING */
	[3] = nla_packet_diag_ring,   /* PACKET_DIAG_TX_RING */
	[4] = nla_u32,                /* PACKET_DIAG_FANOUT */
	[5] = nla_uid,                /* PACKET_DIAG_UID */
	[6] = nla_meminfo,            /* PACKET_DIAG_MEMINFO */
	[7] = nla_packet_diag_filter, /* PACKET_DIAG_FILTER */
};
static const struct nla_table packet_diag_nla = {
	&packet_diag_attrs, FIELDS(packet_diag_decoders), 0, 0
};
/* Attributes decoded elsewhere in strace (tcp_info ...) print as hex
 * here: their types are named. */
static const struct nla_table inet_diag_nla = { &inet_diag_attrs, 0, 0, 0, 0 };
static const struct nla_table inet_diag_req_nla = {
	&inet_diag_req_attrs, FIELDS(inet_diag_req_decoders), 0, 0 };
static const struct nla_table smc_diag_nla = { &smc_diag_attrs,
					       FIELDS(smc_diag_decoders), 0, 0 };

/* ---- the headers, as rows ---- */

static const struct nl_field unix_diag_req_fields[] = {
	{ "sdiag_protocol", 1, 1, FIELD_U, 0 },
	{ "udiag_states", 4, 4, FIELD_FLAGS, &tcp_state_flags },
	{ "udiag_ino", 8, 4, FIELD_U, 0 },
	{ "udiag_show", 12, 4, FIELD_FLAGS, &unix_diag_show },
	{ "udiag_cookie", 16, 8, FIELD_COOKIE, 0 },
};
static const struct nl_struct unix_diag_req = {
	"sdiag_family", 24, FIELDS(unix_diag_req_fields), 0
};
static const struct nl_field unix_diag_msg_fields[] = {
	{ "udiag_type", 1, 1, FIELD_XVAL, &sock_types },
	{ "udiag_state", 2, 1, FIELD_XVAL, &tcp_states },
	{ "udiag_ino", 4, 4, FIELD_U, 0 },
	{ "udiag_cookie", 8, 8, FIELD_COOKIE, 0 },
};
static const struct nl_struct unix_diag_msg = {
	"udiag_family", 16, FIELDS(unix_diag_msg_fields), &unix_diag_nla
};

static const struct nl_field netlink_diag_req_fields[] = {
	{ "sdiag_protocol", 1, 1, FIELD_XVAL, &ndiag_protocols },
	{ "ndiag_ino", 4, 4, FIELD_U, 0 },
	{ "ndiag_show", 8, 4, FIELD_FLAGS, &ndiag_show },
	{ "ndiag_cookie", 12, 8, FIELD_COOKIE, 0 },
};
static const struct nl_struct netlink_diag_req = {
	"sdiag_family", 20, FIELDS(netlink_diag_req_fields), 0
};
static const struct nl_field netlink_diag_msg_fields[] = {
	{ "ndiag_type", 1, 1, FIELD_XVAL, &sock_types },
	{ "ndiag_protocol", 2, 1, FIELD_XVAL, &nl_protocols },
	{ "ndiag_state", 3, 1, FIELD_XVAL, &nl_states },
	{ "ndiag_portid", 4, 4, FIELD_U, 0 },
	{ "ndiag_dst_portid", 8, 4, FIELD_U, 0 },
	{ "ndiag_dst_group", 12, 4, FIELD_U, 0 },
	{ "ndiag_ino", 16, 4, FIELD_U, 0 },
	{ "ndiag_cookie", 20, 8, FIELD_COOKIE, 0 },
};
static const struct nl_struct netlink_diag_msg = {
	"ndiag_family", 28, FIELDS(netlink_diag_msg_fields), &netlink_diag_nla
};

static const struct nl_field packet_diag_req_fields[] = {
	{ "sdiag_protocol", 1, 1, FIELD_X, 0 },
	{ "pdiag_ino", 4, 4, FIELD_U, 0 },
	{ "pdiag_show", 8, 4, FIELD_FLAGS, &packet_show },
	{ "pdiag_cookie", 12, 8, FIELD_COOKIE, 0 },
};
static const struct nl_struct packet_diag_req = {
	"sdiag_family", 20, FIELDS(packet_diag_req_fields), 0
};
static const struct nl_field packet_diag_msg_fields[] = {
	{ "pdiag_type", 1, 1, FIELD_XVAL, &sock_types },
	{ "pdiag_num", 2, 2, FIELD_XVAL, &eth_protocols },
	{ "pdiag_ino", 4, 4, FIELD_U, 0 },
	{ "pdiag_cookie", 8, 8, FIELD_COOKIE, 0 },
};
static const struct nl_struct packet_diag_msg = {
	"pdiag_family", 16, FIELDS(packet_diag_msg_fields), &packet_diag_nla
};

/* inet: struct inet_diag_req (TCPDIAG_GETSOCK, DCCPDIAG_GETSOCK), the
 * v2 request, the response; inet_diag_sockid at 4 or 8. */
static const struct nl_field inet_diag_req_fields[] = {
	{ "idiag_src_len", 1, 1, FIELD_U, 0 },
	{ "idiag_dst_len", 2, 1, FIELD_U, 0 },
	{ "idiag_ext", 3, 1, FIELD_FLAGS, &inet_diag_ext },
	{ "id", 4, 48, FIELD_SOCKID, 0 },
	{ "idiag_states", 52, 4, FIELD_FLAGS, &tcp_state_flags },
	{ "idiag_dbs", 56, 4, FIELD_U, 0 },
};
static const struct nl_struct inet_diag_req_compat = {
	"idiag_family", 60, FIELDS(inet_diag_req_fields), &inet_diag_req_nla
};
static const struct nl_field inet_diag_req_v2_fields[] = {
	{ "sdiag_protocol", 1, 1, FIELD_XVAL, &ip_protocols },
	{ "idiag_ext", 2, 1, FIELD_FLAGS, &inet_diag_ext },
	{ "idiag_states", 4, 4, FIELD_FLAGS, &tcp_state_flags },
	{ "id", 8, 48, FIELD_SOCKID, 0 },
};
static const struct nl_struct inet_diag_req_v2 = {
	"sdiag_family", 56, FIELDS(inet_diag_req_v2_fields), &inet_diag_req_nla
};
static const struct nl_field inet_diag_msg_fields[] = {
	{ "idiag_state", 1, 1, FIELD_XVAL, &tcp_states },
	{ "idiag_timer", 2, 1, FIELD_U, 0 },
	{ "idiag_retrans", 3, 1, FIELD_U, 0 },
	{ "id", 4, 48, FIELD_SOCKID, 0 },
	{ "idiag_expires", 52, 4, FIELD_U, 0 },
	{ "idiag_rqueue", 56, 4, FIELD_U, 0 },
	{ "idiag_wqueue", 60, 4, FIELD_U, 0 },
	{ "idiag_uid", 64, 4, FIELD_U, 0 },
	{ "idiag_inode", 68, 4, FIELD_U, 0 },
};
static const struct nl_struct inet_diag_msg = {
	"idiag_family", 72, FIELDS(inet_diag_msg_fields), &inet_diag_nla
};

/* smc: the sockid always of AF_INET. */
static const struct nl_field smc_diag_req_fields[] = {
	{ "diag_ext", 3, 1, FIELD_FLAGS, &smc_diag_ext },
	{ "id", 4, 48, FIELD_SOCKID_INET, 0 },
};
static const struct nl_struct smc_diag_req = {
	"diag_family", 52, FIELDS(smc_diag_req_fields), 0
};
static const struct nl_field smc_diag_msg_fields[] = {
	{ "diag_state", 1, 1, FIELD_XVAL, &smc_states },
	{ "diag_fallback", 2, 1, FIELD_XVAL, &smc_modes },
	{ "diag_shutdown", 3, 1, FIELD_U, 0 },
	{ "id", 4, 48, FIELD_SOCKID_INET, 0 },
	{ "diag_uid", 52, 4, FIELD_U, 0 },
	{ "diag_inode", 56, 8, FIELD_U, 0 },
};
static const struct nl_struct smc_diag_msg = {
	"diag_family", 64, FIELDS(smc_diag_msg_fields), &smc_diag_nla
};

/* By address family: the request's header and the response's. */
static const struct {
	const struct nl_struct *request, *response;
} diag_headers[] = {
	[1] = { &unix_diag_req, &unix_diag_msg },         /* AF_UNIX */
	[2] = { &inet_diag_req_v2, &inet_diag_msg },      /* AF_INET */
	[10] = { &inet_diag_req_v2, &inet_diag_msg },     /* AF_INET6 */
	[16] = { &netlink_diag_req, &netlink_diag_msg },  /* AF_NETLINK */
	[17] = { &packet_diag_req, &packet_diag_msg },    /* AF_PACKET */
	[43] = { &smc_diag_req, &smc_diag_msg },          /* AF_SMC */
};

int netlink_sock_diag_payload(const struct decode_context *ctx,
			      const struct nl_header *h, uintptr_t addr,
			      unsigned len)
{
	uint8_t family;
	if (h->type == NLMSG_DONE)
		return 0;
	if (!read_exact(ctx, &family, addr, 1)) {
		tb_ptr(ctx->tb, addr);
		return 1;
	}
	const struct nl_struct *s = 0;
	if (family < sizeof diag_headers / sizeof *diag_headers && len > 1)
		s = h->flags & NLM_F_REQUEST ? diag_headers[family].request
					     : diag_headers[family].response;
	/* TCPDIAG_GETSOCK and DCCPDIAG_GETSOCK ask with the old request. */
	if (s == &inet_diag_req_v2 && (h->type == 18 || h->type == 19))
		s = &inet_diag_req_compat;
	if (s)
		print_nl_struct(ctx, s, family, addr, len);
	else
		print_family_payload(ctx, family, addr, len);
	return 1;
}
