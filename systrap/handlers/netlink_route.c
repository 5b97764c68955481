/* netlink_route: NETLINK_ROUTE's payloads as strace 6.1 prints them
 * (its rtnl_*.c): each message type's fixed header struct, as rows of
 * fields, then its attributes by the header's nla_table.
 *
 * A header prints its family, then, when the payload holds the whole
 * struct, the other fields ("..." when shorter, the address when
 * unreadable); the attributes follow from the struct's size rounded up
 * to 4. */
#include <linux/if_link.h>
#include <linux/netlink.h>
#include "systrap/handlers/netlink.h"

/* ---- the names (strace 6.1's xlat tables, in its order) ---- */

static const struct named_value arphrd_rows[] = {
	{ 0, "ARPHRD_NETROM" },
	{ 1, "ARPHRD_ETHER" },
	{ 2, "ARPHRD_EETHER" },
	{ 3, "ARPHRD_AX25" },
	{ 4, "ARPHRD_PRONET" },
	{ 5, "ARPHRD_CHAOS" },
	{ 6, "ARPHRD_IEEE802" },
	{ 7, "ARPHRD_ARCNET" },
	{ 8, "ARPHRD_APPLETLK" },
	{ 0xf, "ARPHRD_DLCI" },
	{ 0x13, "ARPHRD_ATM" },
	{ 0x17, "ARPHRD_METRICOM" },
	{ 0x18, "ARPHRD_IEEE1394" },
	{ 0x1b, "ARPHRD_EUI64" },
	{ 0x20, "ARPHRD_INFINIBAND" },
	{ 0x100, "ARPHRD_SLIP" },
	{ 0x101, "ARPHRD_CSLIP" },
	{ 0x102, "ARPHRD_SLIP6" },
	{ 0x103, "ARPHRD_CSLIP6" },
	{ 0x104, "ARPHRD_RSRVD" },
	{ 0x108, "ARPHRD_ADAPT" },
	{ 0x10e, "ARPHRD_ROSE" },
	{ 0x10f, "ARPHRD_X25" },
	{ 0x110, "ARPHRD_HWX25" },
	{ 0x118, "ARPHRD_CAN" },
	{ 0x122, "ARPHRD_MCTP" },
	{ 0x200, "ARPHRD_PPP" },
	{ 0x201, "ARPHRD_CISCO" },
	{ 0x204, "ARPHRD_LAPB" },
	{ 0x205, "ARPHRD_DDCMP" },
	{ 0x206, "ARPHRD_RAWHDLC" },
	{ 0x207, "ARPHRD_RAWIP" },
	{ 0x300, "ARPHRD_TUNNEL" },
	{ 0x301, "ARPHRD_TUNNEL6" },
	{ 0x302, "ARPHRD_FRAD" },
	{ 0x303, "ARPHRD_SKIP" },
	{ 0x304, "ARPHRD_LOOPBACK" },
	{ 0x305, "ARPHRD_LOCALTLK" },
	{ 0x306, "ARPHRD_FDDI" },
	{ 0x307, "ARPHRD_BIF" },
	{ 0x308, "ARPHRD_SIT" },
	{ 0x309, "ARPHRD_IPDDP" },
	{ 0x30a, "ARPHRD_IPGRE" },
	{ 0x30b, "ARPHRD_PIMREG" },
	{ 0x30c, "ARPHRD_HIPPI" },
	{ 0x30d, "ARPHRD_ASH" },
	{ 0x30e, "ARPHRD_ECONET" },
	{ 0x30f, "ARPHRD_IRDA" },
	{ 0x310, "ARPHRD_FCPP" },
	{ 0x311, "ARPHRD_FCAL" },
	{ 0x312, "ARPHRD_FCPL" },
	{ 0x313, "ARPHRD_FCFABRIC" },
	{ 0x320, "ARPHRD_IEEE802_TR" },
	{ 0x321, "ARPHRD_IEEE80211" },
	{ 0x322, "ARPHRD_IEEE80211_PRISM" },
	{ 0x323, "ARPHRD_IEEE80211_RADIOTAP" },
	{ 0x324, "ARPHRD_IEEE802154" },
	{ 0x325, "ARPHRD_IEEE802154_MONITOR" },
	{ 0x334, "ARPHRD_PHONET" },
	{ 0x335, "ARPHRD_PHONET_PIPE" },
	{ 0x336, "ARPHRD_CAIF" },
	{ 0x337, "ARPHRD_IP6GRE" },
	{ 0x338, "ARPHRD_NETLINK" },
	{ 0x339, "ARPHRD_6LOWPAN" },
	{ 0x33a, "ARPHRD_VSOCKMON" },
	{ 0xfffe, "ARPHRD_NONE" },
	{ 0xffff, "ARPHRD_VOID" },
};
/* Also sockaddr_ll's sll_hatype (struct_decoders.c). */
const struct value_table arp_hardware_types =
	NL_ROWS(arphrd_rows, "ARPHRD_???");

static const struct named_value iff_flags_rows[] = {
	{ 1, "IFF_UP" },
	{ 2, "IFF_BROADCAST" },
	{ 4, "IFF_DEBUG" },
	{ 8, "IFF_LOOPBACK" },
	{ 0x10, "IFF_POINTOPOINT" },
	{ 0x20, "IFF_NOTRAILERS" },
	{ 0x40, "IFF_RUNNING" },
	{ 0x80, "IFF_NOARP" },
	{ 0x100, "IFF_PROMISC" },
	{ 0x200, "IFF_ALLMULTI" },
	{ 0x400, "IFF_MASTER" },
	{ 0x800, "IFF_SLAVE" },
	{ 0x1000, "IFF_MULTICAST" },
	{ 0x2000, "IFF_PORTSEL" },
	{ 0x4000, "IFF_AUTOMEDIA" },
	{ 0x8000, "IFF_DYNAMIC" },
	{ 0x10000, "IFF_LOWER_UP" },
	{ 0x20000, "IFF_DORMANT" },
	{ 0x40000, "IFF_ECHO" },
};
static const struct value_table iff_flags = NL_ROWS(iff_flags_rows, "IFF_???");

static const struct named_value ifa_flags_rows[] = {
	{ 1, "IFA_F_SECONDARY" },
	{ 2, "IFA_F_NODAD" },
	{ 4, "IFA_F_OPTIMISTIC" },
	{ 8, "IFA_F_DADFAILED" },
	{ 0x10, "IFA_F_HOMEADDRESS" },
	{ 0x20, "IFA_F_DEPRECATED" },
	{ 0x40, "IFA_F_TENTATIVE" },
	{ 0x80, "IFA_F_PERMANENT" },
	{ 0x100, "IFA_F_MANAGETEMPADDR" },
	{ 0x200, "IFA_F_NOPREFIXROUTE" },
	{ 0x400, "IFA_F_MCAUTOJOIN" },
	{ 0x800, "IFA_F_STABLE_PRIVACY" },
};
static const struct value_table ifa_flags = NL_ROWS(ifa_flags_rows, "IFA_F_???");

static const struct named_value rt_scopes_rows[] = {
	{ 0, "RT_SCOPE_UNIVERSE" },
	{ 0xc8, "RT_SCOPE_SITE" },
	{ 0xfd, "RT_SCOPE_LINK" },
	{ 0xfe, "RT_SCOPE_HOST" },
	{ 0xff, "RT_SCOPE_NOWHERE" },
};
static const struct value_table rt_scopes = NL_ROWS(rt_scopes_rows, "");

static const struct named_value iptos_rows[] = {
	{ 0x10, "IPTOS_LOWDELAY" },
	{ 8, "IPTOS_THROUGHPUT" },
	{ 4, "IPTOS_RELIABILITY" },
	{ 2, "IPTOS_MINCOST" },
};
static const struct value_table iptos = NL_ROWS(iptos_rows, "IPTOS_TOS_???");

static const struct named_value rt_tables_rows[] = {
	{ 0, "RT_TABLE_UNSPEC" },
	{ 0xfc, "RT_TABLE_COMPAT" },
	{ 0xfd, "RT_TABLE_DEFAULT" },
	{ 0xfe, "RT_TABLE_MAIN" },
	{ 0xff, "RT_TABLE_LOCAL" },
};
static const struct value_table rt_tables = NL_ROWS(rt_tables_rows, "");
/* fib_rule_hdr's table names its unknown values. */
static const struct value_table rt_tables_named =
	NL_ROWS(rt_tables_rows, "RT_TABLE_???");

static const struct named_value rt_protocols_rows[] = {
	{ 0, "RTPROT_UNSPEC" },
	{ 1, "RTPROT_REDIRECT" },
	{ 2, "RTPROT_KERNEL" },
	{ 3, "RTPROT_BOOT" },
	{ 4, "RTPROT_STATIC" },
	{ 8, "RTPROT_GATED" },
	{ 9, "RTPROT_RA" },
	{ 0xa, "RTPROT_MRT" },
	{ 0xb, "RTPROT_ZEBRA" },
	{ 0xc, "RTPROT_BIRD" },
	{ 0xd, "RTPROT_DNROUTED" },
	{ 0xe, "RTPROT_XORP" },
	{ 0xf, "RTPROT_NTK" },
	{ 0x10, "RTPROT_DHCP" },
	{ 0x11, "RTPROT_MROUTED" },
	{ 0x12, "RTPROT_KEEPALIVED" },
	{ 0x2a, "RTPROT_BABEL" },
	{ 0x63, "RTPROT_OPENR" },
	{ 0xba, "RTPROT_BGP" },
	{ 0xbb, "RTPROT_ISIS" },
	{ 0xbc, "RTPROT_OSPF" },
	{ 0xbd, "RTPROT_RIP" },
	{ 0xc0, "RTPROT_EIGRP" },
};
static const struct value_table rt_protocols = NL_ROWS(rt_protocols_rows, "RTPROT_???");

static const struct named_value rt_types_rows[] = {
	{ 0, "RTN_UNSPEC" },
	{ 1, "RTN_UNICAST" },
	{ 2, "RTN_LOCAL" },
	{ 3, "RTN_BROADCAST" },
	{ 4, "RTN_ANYCAST" },
	{ 5, "RTN_MULTICAST" },
	{ 6, "RTN_BLACKHOLE" },
	{ 7, "RTN_UNREACHABLE" },
	{ 8, "RTN_PROHIBIT" },
	{ 9, "RTN_THROW" },
	{ 0xa, "RTN_NAT" },
	{ 0xb, "RTN_XRESOLVE" },
};
static const struct value_table rt_types = NL_ROWS(rt_types_rows, "RTN_???");

static const struct named_value rtm_flags_rows[] = {
	{ 0x100, "RTM_F_NOTIFY" },
	{ 0x200, "RTM_F_CLONED" },
	{ 0x400, "RTM_F_EQUALIZE" },
	{ 0x800, "RTM_F_PREFIX" },
	{ 0x1000, "RTM_F_LOOKUP_TABLE" },
	{ 0x2000, "RTM_F_FIB_MATCH" },
	{ 0x4000, "RTM_F_OFFLOAD" },
	{ 0x8000, "RTM_F_TRAP" },
	{ 0x20000000, "RTM_F_OFFLOAD_FAILED" },
};
static const struct value_table rtm_flags = NL_ROWS(rtm_flags_rows, "RTM_F_???");

static const struct named_value nud_states_rows[] = {
	{ 0, "NUD_NONE" },
	{ 1, "NUD_INCOMPLETE" },
	{ 2, "NUD_REACHABLE" },
	{ 4, "NUD_STALE" },
	{ 8, "NUD_DELAY" },
	{ 0x10, "NUD_PROBE" },
	{ 0x20, "NUD_FAILED" },
	{ 0x40, "NUD_NOARP" },
	{ 0x80, "NUD_PERMANENT" },
};
static const struct value_table nud_states = NL_ROWS(nud_states_rows, "NUD_???");

static const struct named_value ntf_flags_rows[] = {
	{ 1, "NTF_USE" },
	{ 2, "NTF_SELF" },
	{ 4, "NTF_MASTER" },
	{ 8, "NTF_PROXY" },
	{ 0x10, "NTF_EXT_LEARNED" },
	{ 0x20, "NTF_OFFLOADED" },
	{ 0x40, "NTF_STICKY" },
	{ 0x80, "NTF_ROUTER" },
};
static const struct value_table ntf_flags = NL_ROWS(ntf_flags_rows, "NTF_???");

static const struct named_value fr_actions_rows[] = {
	{ 0, "FR_ACT_UNSPEC" },
	{ 1, "FR_ACT_TO_TBL" },
	{ 2, "FR_ACT_GOTO" },
	{ 3, "FR_ACT_NOP" },
	{ 4, "FR_ACT_RES3" },
	{ 5, "FR_ACT_RES4" },
	{ 6, "FR_ACT_BLACKHOLE" },
	{ 7, "FR_ACT_UNREACHABLE" },
	{ 8, "FR_ACT_PROHIBIT" },
};
static const struct value_table fr_actions = NL_ROWS(fr_actions_rows, "FR_ACT_???");

static const struct named_value fib_rule_flags_rows[] = {
	{ 1, "FIB_RULE_PERMANENT" },
	{ 2, "FIB_RULE_INVERT" },
	{ 4, "FIB_RULE_UNRESOLVED" },
	{ 8, "FIB_RULE_IIF_DETACHED" },
	{ 0x10, "FIB_RULE_OIF_DETACHED" },
	{ 0x10000, "FIB_RULE_FIND_SADDR" },
};
static const struct value_table fib_rule_flags = NL_ROWS(fib_rule_flags_rows, "FIB_RULE_???");

static const struct named_value dcb_cmds_rows[] = {
	{ 0, "DCB_CMD_UNDEFINED" },
	{ 1, "DCB_CMD_GSTATE" },
	{ 2, "DCB_CMD_SSTATE" },
	{ 3, "DCB_CMD_PGTX_GCFG" },
	{ 4, "DCB_CMD_PGTX_SCFG" },
	{ 5, "DCB_CMD_PGRX_GCFG" },
	{ 6, "DCB_CMD_PGRX_SCFG" },
	{ 7, "DCB_CMD_PFC_GCFG" },
	{ 8, "DCB_CMD_PFC_SCFG" },
	{ 9, "DCB_CMD_SET_ALL" },
	{ 0xa, "DCB_CMD_GPERM_HWADDR" },
	{ 0xb, "DCB_CMD_GCAP" },
	{ 0xc, "DCB_CMD_GNUMTCS" },
	{ 0xd, "DCB_CMD_SNUMTCS" },
	{ 0xe, "DCB_CMD_PFC_GSTATE" },
	{ 0xf, "DCB_CMD_PFC_SSTATE" },
	{ 0x10, "DCB_CMD_BCN_GCFG" },
	{ 0x11, "DCB_CMD_BCN_SCFG" },
	{ 0x12, "DCB_CMD_GAPP" },
	{ 0x13, "DCB_CMD_SAPP" },
	{ 0x14, "DCB_CMD_IEEE_SET" },
	{ 0x15, "DCB_CMD_IEEE_GET" },
	{ 0x16, "DCB_CMD_GDCBX" },
	{ 0x17, "DCB_CMD_SDCBX" },
	{ 0x18, "DCB_CMD_GFEATCFG" },
	{ 0x19, "DCB_CMD_SFEATCFG" },
	{ 0x1a, "DCB_CMD_CEE_GET" },
	{ 0x1b, "DCB_CMD_IEEE_DEL" },
};
static const struct value_table dcb_cmds = NL_ROWS(dcb_cmds_rows, "DCB_CMD_???");

static const struct named_value ifstats_flags_rows[] = {
	{ 1, "1<<IFLA_STATS_UNSPEC" },
	{ 2, "1<<IFLA_STATS_LINK_64" },
	{ 4, "1<<IFLA_STATS_LINK_XSTATS" },
	{ 8, "1<<IFLA_STATS_LINK_XSTATS_SLAVE" },
	{ 0x10, "1<<IFLA_STATS_LINK_OFFLOAD_XSTATS" },
	{ 0x20, "1<<IFLA_STATS_AF_SPEC" },
};
static const struct value_table ifstats_flags = NL_ROWS(ifstats_flags_rows, "1<<IFLA_STATS_???");

static const struct named_value rtnh_flags_rows[] = {
	{ 1, "RTNH_F_DEAD" },
	{ 2, "RTNH_F_PERVASIVE" },
	{ 4, "RTNH_F_ONLINK" },
	{ 8, "RTNH_F_OFFLOAD" },
	{ 0x10, "RTNH_F_LINKDOWN" },
	{ 0x20, "RTNH_F_UNRESOLVED" },
	{ 0x40, "RTNH_F_TRAP" },
};
static const struct value_table rtnh_flags = NL_ROWS(rtnh_flags_rows, "RTNH_F_???");

static const struct named_value ifla_attrs_rows[] = {
	{ 0, "IFLA_UNSPEC" },
	{ 1, "IFLA_ADDRESS" },
	{ 2, "IFLA_BROADCAST" },
	{ 3, "IFLA_IFNAME" },
	{ 4, "IFLA_MTU" },
	{ 5, "IFLA_LINK" },
	{ 6, "IFLA_QDISC" },
	{ 7, "IFLA_STATS" },
	{ 8, "IFLA_COST" },
	{ 9, "IFLA_PRIORITY" },
	{ 0xa, "IFLA_MASTER" },
	{ 0xb, "IFLA_WIRELESS" },
	{ 0xc, "IFLA_PROTINFO" },
	{ 0xd, "IFLA_TXQLEN" },
	{ 0xe, "IFLA_MAP" },
	{ 0xf, "IFLA_WEIGHT" },
	{ 0x10, "IFLA_OPERSTATE" },
	{ 0x11, "IFLA_LINKMODE" },
	{ 0x12, "IFLA_LINKINFO" },
	{ 0x13, "IFLA_NET_NS_PID" },
	{ 0x14, "IFLA_IFALIAS" },
	{ 0x15, "IFLA_NUM_VF" },
	{ 0x16, "IFLA_VFINFO_LIST" },
	{ 0x17, "IFLA_STATS64" },
	{ 0x18, "IFLA_VF_PORTS" },
	{ 0x19, "IFLA_PORT_SELF" },
	{ 0x1a, "IFLA_AF_SPEC" },
	{ 0x1b, "IFLA_GROUP" },
	{ 0x1c, "IFLA_NET_NS_FD" },
	{ 0x1d, "IFLA_EXT_MASK" },
	{ 0x1e, "IFLA_PROMISCUITY" },
	{ 0x1f, "IFLA_NUM_TX_QUEUES" },
	{ 0x20, "IFLA_NUM_RX_QUEUES" },
	{ 0x21, "IFLA_CARRIER" },
	{ 0x22, "IFLA_PHYS_PORT_ID" },
	{ 0x23, "IFLA_CARRIER_CHANGES" },
	{ 0x24, "IFLA_PHYS_SWITCH_ID" },
	{ 0x25, "IFLA_LINK_NETNSID" },
	{ 0x26, "IFLA_PHYS_PORT_NAME" },
	{ 0x27, "IFLA_PROTO_DOWN" },
	{ 0x28, "IFLA_GSO_MAX_SEGS" },
	{ 0x29, "IFLA_GSO_MAX_SIZE" },
	{ 0x2a, "IFLA_PAD" },
	{ 0x2b, "IFLA_XDP" },
	{ 0x2c, "IFLA_EVENT" },
	{ 0x2d, "IFLA_NEW_NETNSID" },
	{ 0x2e, "IFLA_IF_NETNSID" },
	{ 0x2f, "IFLA_CARRIER_UP_COUNT" },
	{ 0x30, "IFLA_CARRIER_DOWN_COUNT" },
	{ 0x31, "IFLA_NEW_IFINDEX" },
	{ 0x32, "IFLA_MIN_MTU" },
	{ 0x33, "IFLA_MAX_MTU" },
	{ 0x34, "IFLA_PROP_LIST" },
	{ 0x35, "IFLA_ALT_IFNAME" },
	{ 0x36, "IFLA_PERM_ADDRESS" },
	{ 0x37, "IFLA_PROTO_DOWN_REASON" },
	{ 0x38, "IFLA_PARENT_DEV_NAME" },
	{ 0x39, "IFLA_PARENT_DEV_BUS_NAME" },
	{ 0x3a, "IFLA_GRO_MAX_SIZE" },
	{ 0x3b, "IFLA_TSO_MAX_SIZE" },
	{ 0x3c, "IFLA_TSO_MAX_SEGS" },
	{ 0x3d, "IFLA_ALLMULTI" },
};
static const struct value_table ifla_attrs = NL_ROWS(ifla_attrs_rows, "IFLA_???");

static const struct named_value ifa_attrs_rows[] = {
	{ 0, "IFA_UNSPEC" },
	{ 1, "IFA_ADDRESS" },
	{ 2, "IFA_LOCAL" },
	{ 3, "IFA_LABEL" },
	{ 4, "IFA_BROADCAST" },
	{ 5, "IFA_ANYCAST" },
	{ 6, "IFA_CACHEINFO" },
	{ 7, "IFA_MULTICAST" },
	{ 8, "IFA_FLAGS" },
	{ 9, "IFA_RT_PRIORITY" },
	{ 0xa, "IFA_TARGET_NETNSID" },
	{ 0xb, "IFA_PROTO" },
};
static const struct value_table ifa_attrs = NL_ROWS(ifa_attrs_rows, "IFA_???");

static const struct named_value rta_attrs_rows[] = {
	{ 0, "RTA_UNSPEC" },
	{ 1, "RTA_DST" },
	{ 2, "RTA_SRC" },
	{ 3, "RTA_IIF" },
	{ 4, "RTA_OIF" },
	{ 5, "RTA_GATEWAY" },
	{ 6, "RTA_PRIORITY" },
	{ 7, "RTA_PREFSRC" },
	{ 8, "RTA_METRICS" },
	{ 9, "RTA_MULTIPATH" },
	{ 0xa, "RTA_PROTOINFO" },
	{ 0xb, "RTA_FLOW" },
	{ 0xc, "RTA_CACHEINFO" },
	{ 0xd, "RTA_SESSION" },
	{ 0xe, "RTA_MP_ALGO" },
	{ 0xf, "RTA_TABLE" },
	{ 0x10, "RTA_MARK" },
	{ 0x11, "RTA_MFC_STATS" },
	{ 0x12, "RTA_VIA" },
	{ 0x13, "RTA_NEWDST" },
	{ 0x14, "RTA_PREF" },
	{ 0x15, "RTA_ENCAP_TYPE" },
	{ 0x16, "RTA_ENCAP" },
	{ 0x17, "RTA_EXPIRES" },
	{ 0x18, "RTA_PAD" },
	{ 0x19, "RTA_UID" },
	{ 0x1a, "RTA_TTL_PROPAGATE" },
	{ 0x1b, "RTA_IP_PROTO" },
	{ 0x1c, "RTA_SPORT" },
	{ 0x1d, "RTA_DPORT" },
	{ 0x1e, "RTA_NH_ID" },
};
static const struct value_table rta_attrs = NL_ROWS(rta_attrs_rows, "RTA_???");

static const struct named_value nda_attrs_rows[] = {
	{ 0, "NDA_UNSPEC" },
	{ 1, "NDA_DST" },
	{ 2, "NDA_LLADDR" },
	{ 3, "NDA_CACHEINFO" },
	{ 4, "NDA_PROBES" },
	{ 5, "NDA_VLAN" },
	{ 6, "NDA_PORT" },
	{ 7, "NDA_VNI" },
	{ 8, "NDA_IFINDEX" },
	{ 9, "NDA_MASTER" },
	{ 0xa, "NDA_LINK_NETNSID" },
	{ 0xb, "NDA_SRC_VNI" },
	{ 0xc, "NDA_PROTOCOL" },
	{ 0xd, "NDA_NH_ID" },
	{ 0xe, "NDA_FDB_EXT_ATTRS" },
	{ 0xf, "NDA_FLAGS_EXT" },
	{ 0x10, "NDA_NDM_STATE_MASK" },
	{ 0x11, "NDA_NDM_FLAGS_MASK" },
};
static const struct value_table nda_attrs = NL_ROWS(nda_attrs_rows, "NDA_???");

static const struct named_value fra_attrs_rows[] = {
	{ 0, "FRA_UNSPEC" },
	{ 1, "FRA_DST" },
	{ 2, "FRA_SRC" },
	{ 3, "FRA_IIFNAME" },
	{ 4, "FRA_GOTO" },
	{ 5, "FRA_UNUSED2" },
	{ 6, "FRA_PRIORITY" },
	{ 7, "FRA_UNUSED3" },
	{ 8, "FRA_UNUSED4" },
	{ 9, "FRA_UNUSED5" },
	{ 0xa, "FRA_FWMARK" },
	{ 0xb, "FRA_FLOW" },
	{ 0xc, "FRA_TUN_ID" },
	{ 0xd, "FRA_SUPPRESS_IFGROUP" },
	{ 0xe, "FRA_SUPPRESS_PREFIXLEN" },
	{ 0xf, "FRA_TABLE" },
	{ 0x10, "FRA_FWMASK" },
	{ 0x11, "FRA_OIFNAME" },
	{ 0x12, "FRA_PAD" },
	{ 0x13, "FRA_L3MDEV" },
	{ 0x14, "FRA_UID_RANGE" },
	{ 0x15, "FRA_PROTOCOL" },
	{ 0x16, "FRA_IP_PROTO" },
	{ 0x17, "FRA_SPORT_RANGE" },
	{ 0x18, "FRA_DPORT_RANGE" },
};
static const struct value_table fra_attrs = NL_ROWS(fra_attrs_rows, "FRA_???");

static const struct named_value tca_attrs_rows[] = {
	{ 0, "TCA_UNSPEC" },
	{ 1, "TCA_KIND" },
	{ 2, "TCA_OPTIONS" },
	{ 3, "TCA_STATS" },
	{ 4, "TCA_XSTATS" },
	{ 5, "TCA_RATE" },
	{ 6, "TCA_FCNT" },
	{ 7, "TCA_STATS2" },
	{ 8, "TCA_STAB" },
	{ 9, "TCA_PAD" },
	{ 0xa, "TCA_DUMP_INVISIBLE" },
	{ 0xb, "TCA_CHAIN" },
	{ 0xc, "TCA_HW_OFFLOAD" },
	{ 0xd, "TCA_INGRESS_BLOCK" },
	{ 0xe, "TCA_EGRESS_BLOCK" },
	{ 0xf, "TCA_DUMP_FLAGS" },
};
static const struct value_table tca_attrs = NL_ROWS(tca_attrs_rows, "TCA_???");

static const struct named_value ndta_attrs_rows[] = {
	{ 0, "NDTA_UNSPEC" },
	{ 1, "NDTA_NAME" },
	{ 2, "NDTA_THRESH1" },
	{ 3, "NDTA_THRESH2" },
	{ 4, "NDTA_THRESH3" },
	{ 5, "NDTA_CONFIG" },
	{ 6, "NDTA_PARMS" },
	{ 7, "NDTA_STATS" },
	{ 8, "NDTA_GC_INTERVAL" },
	{ 9, "NDTA_PAD" },
};
static const struct value_table ndta_attrs = NL_ROWS(ndta_attrs_rows, "NDTA_???");

static const struct named_value ifal_attrs_rows[] = {
	{ 1, "IFAL_ADDRESS" },
	{ 2, "IFAL_LABEL" },
};
static const struct value_table ifal_attrs = NL_ROWS(ifal_attrs_rows, "IFAL_???");

static const struct named_value dcb_attrs_rows[] = {
	{ 0, "DCB_ATTR_UNDEFINED" },
	{ 1, "DCB_ATTR_IFNAME" },
	{ 2, "DCB_ATTR_STATE" },
	{ 3, "DCB_ATTR_PFC_STATE" },
	{ 4, "DCB_ATTR_PFC_CFG" },
	{ 5, "DCB_ATTR_NUM_TC" },
	{ 6, "DCB_ATTR_PG_CFG" },
	{ 7, "DCB_ATTR_SET_ALL" },
	{ 8, "DCB_ATTR_PERM_HWADDR" },
	{ 9, "DCB_ATTR_CAP" },
	{ 0xa, "DCB_ATTR_NUMTCS" },
	{ 0xb, "DCB_ATTR_BCN" },
	{ 0xc, "DCB_ATTR_APP" },
	{ 0xd, "DCB_ATTR_IEEE" },
	{ 0xe, "DCB_ATTR_DCBX" },
	{ 0xf, "DCB_ATTR_FEATCFG" },
	{ 0x10, "DCB_ATTR_CEE" },
};
static const struct value_table dcb_attrs = NL_ROWS(dcb_attrs_rows, "DCB_ATTR_???");

static const struct named_value netconfa_attrs_rows[] = {
	{ 0, "NETCONFA_UNSPEC" },
	{ 1, "NETCONFA_IFINDEX" },
	{ 2, "NETCONFA_FORWARDING" },
	{ 3, "NETCONFA_RP_FILTER" },
	{ 4, "NETCONFA_MC_FORWARDING" },
	{ 5, "NETCONFA_PROXY_NEIGH" },
	{ 6, "NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN" },
	{ 7, "NETCONFA_INPUT" },
	{ 8, "NETCONFA_BC_FORWARDING" },
};
static const struct value_table netconfa_attrs = NL_ROWS(netconfa_attrs_rows, "NETCONFA_???");

static const struct named_value mdba_attrs_rows[] = {
	{ 0, "MDBA_UNSPEC" },
	{ 1, "MDBA_MDB" },
	{ 2, "MDBA_ROUTER" },
};
static const struct value_table mdba_attrs = NL_ROWS(mdba_attrs_rows, "MDBA_???");

static const struct named_value netnsa_attrs_rows[] = {
	{ 0xffffffffffffffff, "NETNSA_NSID_NOT_ASSIGNED" },
	{ 0, "NETNSA_NONE" },
	{ 1, "NETNSA_NSID" },
	{ 2, "NETNSA_PID" },
	{ 3, "NETNSA_FD" },
	{ 4, "NETNSA_TARGET_NSID" },
	{ 5, "NETNSA_CURRENT_NSID" },
};
static const struct value_table netnsa_attrs = NL_ROWS(netnsa_attrs_rows, "NETNSA_???");

static const struct named_value ifla_stats_attrs_rows[] = {
	{ 0, "IFLA_STATS_UNSPEC" },
	{ 1, "IFLA_STATS_LINK_64" },
	{ 2, "IFLA_STATS_LINK_XSTATS" },
	{ 3, "IFLA_STATS_LINK_XSTATS_SLAVE" },
	{ 4, "IFLA_STATS_LINK_OFFLOAD_XSTATS" },
	{ 5, "IFLA_STATS_AF_SPEC" },
};
static const struct value_table ifla_stats_attrs = NL_ROWS(ifla_stats_attrs_rows, "IFLA_STATS_???");

static const struct named_value nha_attrs_rows[] = {
	{ 0, "NHA_UNSPEC" },
	{ 1, "NHA_ID" },
	{ 2, "NHA_GROUP" },
	{ 3, "NHA_GROUP_TYPE" },
	{ 4, "NHA_BLACKHOLE" },
	{ 5, "NHA_OIF" },
	{ 6, "NHA_GATEWAY" },
	{ 7, "NHA_ENCAP_TYPE" },
	{ 8, "NHA_ENCAP" },
	{ 9, "NHA_GROUPS" },
	{ 0xa, "NHA_MASTER" },
	{ 0xb, "NHA_FDB" },
	{ 0xc, "NHA_RES_GROUP" },
	{ 0xd, "NHA_RES_BUCKET" },
};
static const struct value_table nha_attrs = NL_ROWS(nha_attrs_rows, "NHA_???");

static const struct named_value tca_act_attrs_rows[] = {
	{ 0, "TCA_ACT_UNSPEC" },
	{ 1, "TCA_ACT_KIND" },
	{ 2, "TCA_ACT_OPTIONS" },
	{ 3, "TCA_ACT_INDEX" },
	{ 4, "TCA_ACT_STATS" },
	{ 5, "TCA_ACT_PAD" },
	{ 6, "TCA_ACT_COOKIE" },
	{ 7, "TCA_ACT_FLAGS" },
	{ 8, "TCA_ACT_HW_STATS" },
	{ 9, "TCA_ACT_USED_HW_STATS" },
	{ 0xa, "TCA_ACT_IN_HW_COUNT" },
};
static const struct value_table tca_act_attrs = NL_ROWS(tca_act_attrs_rows, "TCA_ACT_???");


static const struct named_value tca_stats_attrs_rows[] = {
	{ 0, "TCA_STATS_UNSPEC" },
	{ 1, "TCA_STATS_BASIC" },
	{ 2, "TCA_STATS_RATE_EST" },
	{ 3, "TCA_STATS_QUEUE" },
	{ 4, "TCA_STATS_APP" },
	{ 5, "TCA_STATS_RATE_EST64" },
	{ 6, "TCA_STATS_PAD" },
	{ 7, "TCA_STATS_BASIC_HW" },
	{ 8, "TCA_STATS_PKT64" },
};
static const struct value_table tca_stats_attrs = NL_ROWS(tca_stats_attrs_rows, "TCA_STATS_???");

static const struct named_value tca_stab_attrs_rows[] = {
	{ 0, "TCA_STAB_UNSPEC" },
	{ 1, "TCA_STAB_BASE" },
	{ 2, "TCA_STAB_DATA" },
};
static const struct value_table tca_stab_attrs = NL_ROWS(tca_stab_attrs_rows, "TCA_STAB_???");

static const struct named_value ndtpa_attrs_rows[] = {
	{ 0, "NDTPA_UNSPEC" },
	{ 1, "NDTPA_IFINDEX" },
	{ 2, "NDTPA_REFCNT" },
	{ 3, "NDTPA_REACHABLE_TIME" },
	{ 4, "NDTPA_BASE_REACHABLE_TIME" },
	{ 5, "NDTPA_RETRANS_TIME" },
	{ 6, "NDTPA_GC_STALETIME" },
	{ 7, "NDTPA_DELAY_PROBE_TIME" },
	{ 8, "NDTPA_QUEUE_LEN" },
	{ 9, "NDTPA_APP_PROBES" },
	{ 0xa, "NDTPA_UCAST_PROBES" },
	{ 0xb, "NDTPA_MCAST_PROBES" },
	{ 0xc, "NDTPA_ANYCAST_DELAY" },
	{ 0xd, "NDTPA_PROXY_DELAY" },
	{ 0xe, "NDTPA_PROXY_QLEN" },
	{ 0xf, "NDTPA_LOCKTIME" },
	{ 0x10, "NDTPA_QUEUE_LENBYTES" },
	{ 0x11, "NDTPA_MCAST_REPROBES" },
	{ 0x12, "NDTPA_PAD" },
	{ 0x13, "NDTPA_INTERVAL_PROBE_TIME_MS" },
};
static const struct value_table ndtpa_attrs = NL_ROWS(ndtpa_attrs_rows, "NDTPA_???");

static const struct named_value ipmra_creport_attrs_rows[] = {
	{ 0, "IPMRA_CREPORT_UNSPEC" },
	{ 1, "IPMRA_CREPORT_MSGTYPE" },
	{ 2, "IPMRA_CREPORT_VIF_ID" },
	{ 3, "IPMRA_CREPORT_SRC_ADDR" },
	{ 4, "IPMRA_CREPORT_DST_ADDR" },
	{ 5, "IPMRA_CREPORT_PKT" },
	{ 6, "IPMRA_CREPORT_TABLE" },
};
static const struct value_table ipmra_creport_attrs = NL_ROWS(ipmra_creport_attrs_rows, "IPMRA_CREPORT_???");

static const struct named_value ip6mra_creport_attrs_rows[] = {
	{ 0, "IP6MRA_CREPORT_UNSPEC" },
	{ 1, "IP6MRA_CREPORT_MSGTYPE" },
	{ 2, "IP6MRA_CREPORT_MIF_ID" },
	{ 3, "IP6MRA_CREPORT_SRC_ADDR" },
	{ 4, "IP6MRA_CREPORT_DST_ADDR" },
	{ 5, "IP6MRA_CREPORT_PKT" },
};
static const struct value_table ip6mra_creport_attrs = NL_ROWS(ip6mra_creport_attrs_rows, "IP6MRA_CREPORT_???");

static const struct named_value rtnl_families_rows[] = {
	{ 0x80, "RTNL_FAMILY_IPMR" },
	{ 0x81, "RTNL_FAMILY_IP6MR" },
};
static const struct value_table rtnl_families = NL_ROWS(rtnl_families_rows, "RTNL_FAMILY_???");

static const struct named_value ipmra_msg_types_rows[] = {
	{ 1, "IGMPMSG_NOCACHE" },
	{ 2, "IGMPMSG_WRONGVIF" },
	{ 3, "IGMPMSG_WHOLEPKT" },
	{ 4, "IGMPMSG_WRVIFWHOLE" },
};
static const struct value_table ipmra_msg_types = NL_ROWS(ipmra_msg_types_rows, "IGMPMSG_???");

static const struct named_value ip6mra_msg_types_rows[] = {
	{ 1, "MRT6MSG_NOCACHE" },
	{ 2, "MRT6MSG_WRONGMIF" },
	{ 3, "MRT6MSG_WHOLEPKT" },
};
static const struct value_table ip6mra_msg_types = NL_ROWS(ip6mra_msg_types_rows, "MRT6MSG_???");

/* ---- the attributes of each header, as rows of decoders (a type
 * without one prints its data as hex, as strace's) ---- */

/* An address of the header's family (byte 0 of opaque): strace's
 * decode_inet_addr, hex when the family has none or the data is short. */
static int nla_family_addr(const struct decode_context *ctx, uintptr_t addr,
			   unsigned len, const void *opaque)
{
	uint8_t family = *(const uint8_t *)opaque;
	if (family == 2 && len >= 4)
		return nla_in_addr(ctx, addr, len, 0);
	if (family == 10 && len >= 16)
		return nla_in6_addr(ctx, addr, len, 0);
	print_buffer(ctx, addr, len, 1);
	return 1;
}

static const struct nl_field ifa_cacheinfo_fields[] = {
	{ "ifa_prefered", 0, 4, FIELD_U, 0 },
	{ "ifa_valid", 4, 4, FIELD_U, 0 },
	{ "cstamp", 8, 4, FIELD_U, 0 },
	{ "tstamp", 12, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_ifa_cacheinfo, 16, ifa_cacheinfo_fields)
NLA_XVAL(nla_ifa_flags, ifa_flags, 4, 1)

static const nla_decoder_fn ifa_decoders[] = {
	[1] = nla_family_addr, /* IFA_ADDRESS */
	[2] = nla_family_addr, /* IFA_LOCAL */
	[3] = nla_str,         /* IFA_LABEL */
	[4] = nla_family_addr, /* IFA_BROADCAST */
	[5] = nla_family_addr, /* IFA_ANYCAST */
	[6] = nla_ifa_cacheinfo,
	[7] = nla_family_addr, /* IFA_MULTICAST */
	[8] = nla_ifa_flags,
	[9] = nla_u32,         /* IFA_RT_PRIORITY */
	[10] = nla_s32,        /* IFA_TARGET_NETNSID */
};

/* Traffic control: struct tc_stats (to its backlog), tc_estimator, the
 * gnet_stats_* of TCA_STATS2, tc_sizespec and the size table. */
static const struct nl_field tc_stats_fields[] = {
	{ "bytes", 0, 8, FIELD_U, 0 },
	{ "packets", 8, 4, FIELD_U, 0 },
	{ "drops", 12, 4, FIELD_U, 0 },
	{ "overlimits", 16, 4, FIELD_U, 0 },
	{ "bps", 20, 4, FIELD_U, 0 },
	{ "pps", 24, 4, FIELD_U, 0 },
	{ "qlen", 28, 4, FIELD_U, 0 },
	{ "backlog", 32, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_tc_stats, 36, tc_stats_fields)
static const struct nl_field tc_estimator_fields[] = {
	{ "interval", 0, 1, FIELD_D, 0 },
	{ "ewma_log", 1, 1, FIELD_U, 0 },
};
NLA_STRUCT(nla_tc_estimator, 2, tc_estimator_fields)
static const struct nl_field gnet_basic_fields[] = {
	{ "bytes", 0, 8, FIELD_U, 0 },
	{ "packets", 8, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_gnet_basic, 12, gnet_basic_fields)
static const struct nl_field gnet_rate_est_fields[] = {
	{ "bps", 0, 4, FIELD_U, 0 },
	{ "pps", 4, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_gnet_rate_est, 8, gnet_rate_est_fields)
static const struct nl_field gnet_queue_fields[] = {
	{ "qlen", 0, 4, FIELD_U, 0 },
	{ "backlog", 4, 4, FIELD_U, 0 },
	{ "drops", 8, 4, FIELD_U, 0 },
	{ "requeues", 12, 4, FIELD_U, 0 },
	{ "overlimits", 16, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_gnet_queue, 20, gnet_queue_fields)
static const struct nl_field gnet_rate_est64_fields[] = {
	{ "bps", 0, 8, FIELD_U, 0 },
	{ "pps", 8, 8, FIELD_U, 0 },
};
NLA_STRUCT(nla_gnet_rate_est64, 16, gnet_rate_est64_fields)
static const nla_decoder_fn tca_stats_decoders[] = {
	[1] = nla_gnet_basic,      /* TCA_STATS_BASIC */
	[2] = nla_gnet_rate_est,   /* TCA_STATS_RATE_EST */
	[3] = nla_gnet_queue,      /* TCA_STATS_QUEUE */
	[5] = nla_gnet_rate_est64, /* TCA_STATS_RATE_EST64 */
	[7] = nla_gnet_basic,      /* TCA_STATS_BASIC_HW */
	[8] = nla_u64,             /* TCA_STATS_PKT64 */
};
static const struct nla_table tca_stats_nla = {
	&tca_stats_attrs, FIELDS(tca_stats_decoders), 0, 0 };
NLA_NEST(nla_tca_stats2, tca_stats_nla)

static const struct nl_field tc_sizespec_fields[] = {
	{ "cell_log", 0, 1, FIELD_U, 0 },
	{ "size_log", 1, 1, FIELD_U, 0 },
	{ "cell_align", 2, 2, FIELD_D, 0 },
	{ "overhead", 4, 4, FIELD_D, 0 },
	{ "linklayer", 8, 4, FIELD_U, 0 },
	{ "mpu", 12, 4, FIELD_U, 0 },
	{ "mtu", 16, 4, FIELD_U, 0 },
	{ "tsize", 20, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_tc_sizespec, 24, tc_sizespec_fields)
static int nla_u16_array(const struct decode_context *ctx, uintptr_t addr,
			 unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_uint_array(ctx, addr, len, 2);
}
static const nla_decoder_fn tca_stab_decoders[] = {
	[1] = nla_tc_sizespec, /* TCA_STAB_BASE */
	[2] = nla_u16_array,   /* TCA_STAB_DATA */
};
static const struct nla_table tca_stab_nla = {
	&tca_stab_attrs, FIELDS(tca_stab_decoders), 0, 0 };
NLA_NEST(nla_tca_stab, tca_stab_nla)

static const nla_decoder_fn tca_decoders[] = {
	[1] = nla_str,            /* TCA_KIND */
	[3] = nla_tc_stats,       /* TCA_STATS */
	[5] = nla_tc_estimator,   /* TCA_RATE */
	[6] = nla_u32,            /* TCA_FCNT */
	[7] = nla_tca_stats2,     /* TCA_STATS2 */
	[8] = nla_tca_stab,       /* TCA_STAB */
	[11] = nla_u32,           /* TCA_CHAIN */
	[12] = nla_u8,            /* TCA_HW_OFFLOAD */
	[13] = nla_u32,           /* TCA_INGRESS_BLOCK */
	[14] = nla_u32,           /* TCA_EGRESS_BLOCK */
	[15] = nla_u32,           /* TCA_DUMP_FLAGS */
};

/* Neighbour tables: struct ndt_config, ndt_stats, the parameters' nest. */
static const struct nl_field ndt_config_fields[] = {
	{ "ndtc_key_len", 0, 2, FIELD_U, 0 },
	{ "ndtc_entry_size", 2, 2, FIELD_U, 0 },
	{ "ndtc_entries", 4, 4, FIELD_U, 0 },
	{ "ndtc_last_flush", 8, 4, FIELD_U, 0 },
	{ "ndtc_last_rand", 12, 4, FIELD_U, 0 },
	{ "ndtc_hash_rnd", 16, 4, FIELD_U, 0 },
	{ "ndtc_hash_mask", 20, 4, FIELD_X0, 0 },
	{ "ndtc_hash_chain_gc", 24, 4, FIELD_U, 0 },
	{ "ndtc_proxy_qlen", 28, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_ndt_config, 32, ndt_config_fields)
static const struct nl_field ndt_stats_fields[] = {
	{ "ndts_allocs", 0, 8, FIELD_U, 0 },
	{ "ndts_destroys", 8, 8, FIELD_U, 0 },
	{ "ndts_hash_grows", 16, 8, FIELD_U, 0 },
	{ "ndts_res_failed", 24, 8, FIELD_U, 0 },
	{ "ndts_lookups", 32, 8, FIELD_U, 0 },
	{ "ndts_hits", 40, 8, FIELD_U, 0 },
	{ "ndts_rcv_probes_mcast", 48, 8, FIELD_U, 0 },
	{ "ndts_rcv_probes_ucast", 56, 8, FIELD_U, 0 },
	{ "ndts_periodic_gc_runs", 64, 8, FIELD_U, 0 },
	{ "ndts_forced_gc_runs", 72, 8, FIELD_U, 0 },
	{ "ndts_table_fulls", 80, 8, FIELD_U, 0 },
};
/* The whole struct, or exactly the older one without ndts_table_fulls. */
static int nla_ndt_stats(const struct decode_context *ctx, uintptr_t addr,
			 unsigned len, const void *opaque)
{
	(void)opaque;
	if (len >= 88)
		return nla_struct(ctx, addr, len, 88, FIELDS(ndt_stats_fields));
	if (len == 80)
		return nla_struct(ctx, addr, len, 80, ndt_stats_fields, 10);
	return 0;
}
static const nla_decoder_fn ndtpa_decoders[] = {
	[1] = nla_ifindex, /* NDTPA_IFINDEX */
	[2] = nla_u32, [3] = nla_u64, [4] = nla_u64, [5] = nla_u64,
	[6] = nla_u64, [7] = nla_u64, [8] = nla_u32, [9] = nla_u32,
	[10] = nla_u32, [11] = nla_u32, [12] = nla_u64, [13] = nla_u64,
	[14] = nla_u32, [15] = nla_u64, [16] = nla_u32, [17] = nla_u32,
	[19] = nla_u64, /* NDTPA_INTERVAL_PROBE_TIME_MS */
};
static const struct nla_table ndtpa_nla = { &ndtpa_attrs, FIELDS(ndtpa_decoders), 0, 0 };
NLA_NEST(nla_ndta_parms, ndtpa_nla)
static const nla_decoder_fn ndta_decoders[] = {
	[1] = nla_str,        /* NDTA_NAME */
	[2] = nla_u32, [3] = nla_u32, [4] = nla_u32, /* NDTA_THRESH1..3 */
	[5] = nla_ndt_config,
	[6] = nla_ndta_parms,
	[7] = nla_ndt_stats,
	[8] = nla_u64,        /* NDTA_GC_INTERVAL */
};

static const nla_decoder_fn netconfa_decoders[] = {
	[1] = nla_ifindex, /* NETCONFA_IFINDEX */
	[2] = nla_s32, [3] = nla_s32, [4] = nla_s32, [5] = nla_s32,
	[6] = nla_s32, [7] = nla_s32, [8] = nla_s32,
};

static const nla_decoder_fn netnsa_decoders[] = {
	[1] = nla_s32, /* NETNSA_NSID */
	[2] = nla_u32, /* NETNSA_PID */
	[3] = nla_fd,  /* NETNSA_FD */
	[4] = nla_s32, /* NETNSA_TARGET_NSID */
	[5] = nla_s32, /* NETNSA_CURRENT_NSID */
};

/* Multicast routing cache reports, by the rtgen_family: IPMR, IP6MR. */
NLA_XVAL(nla_ipmra_msg_type, ipmra_msg_types, 1, 0)
NLA_XVAL(nla_ip6mra_msg_type, ip6mra_msg_types, 1, 0)
static const nla_decoder_fn ipmra_decoders[] = {
	[1] = nla_ipmra_msg_type, [2] = nla_u32, [3] = nla_in_addr,
	[4] = nla_in_addr, [6] = nla_u32,
};
static const nla_decoder_fn ip6mra_decoders[] = {
	[1] = nla_ip6mra_msg_type, [2] = nla_u32, [3] = nla_in6_addr,
	[4] = nla_in6_addr,
};
static const struct nla_table ipmra_nla = { &ipmra_creport_attrs,
					    FIELDS(ipmra_decoders), 0, 0 };
static const struct nla_table ip6mra_nla = { &ip6mra_creport_attrs,
					     FIELDS(ip6mra_decoders), 0, 0 };

static const struct named_value ifla_inet6_attrs_rows[] = {
	{ 0, "IFLA_INET6_UNSPEC" },
	{ 1, "IFLA_INET6_FLAGS" },
	{ 2, "IFLA_INET6_CONF" },
	{ 3, "IFLA_INET6_STATS" },
	{ 4, "IFLA_INET6_MCAST" },
	{ 5, "IFLA_INET6_CACHEINFO" },
	{ 6, "IFLA_INET6_ICMP6STATS" },
	{ 7, "IFLA_INET6_TOKEN" },
	{ 8, "IFLA_INET6_ADDR_GEN_MODE" },
	{ 9, "IFLA_INET6_RA_MTU" },
};
static const struct value_table ifla_inet6_attrs = NL_ROWS(ifla_inet6_attrs_rows, "IFLA_INET6_???");

static const struct named_value inet6_if_flags_rows[] = {
	{ 0x10, "IF_RS_SENT" },
	{ 0x20, "IF_RA_RCVD" },
	{ 0x40, "IF_RA_MANAGED" },
	{ 0x80, "IF_RA_OTHERCONF" },
	{ 0x80000000, "IF_READY" },
};
static const struct value_table inet6_if_flags = NL_ROWS(inet6_if_flags_rows, "IF_???");

static const struct named_value devconf_indices_rows[] = {
	{ 0, "DEVCONF_FORWARDING" },
	{ 1, "DEVCONF_HOPLIMIT" },
	{ 2, "DEVCONF_MTU6" },
	{ 3, "DEVCONF_ACCEPT_RA" },
	{ 4, "DEVCONF_ACCEPT_REDIRECTS" },
	{ 5, "DEVCONF_AUTOCONF" },
	{ 6, "DEVCONF_DAD_TRANSMITS" },
	{ 7, "DEVCONF_RTR_SOLICITS" },
	{ 8, "DEVCONF_RTR_SOLICIT_INTERVAL" },
	{ 9, "DEVCONF_RTR_SOLICIT_DELAY" },
	{ 0xa, "DEVCONF_USE_TEMPADDR" },
	{ 0xb, "DEVCONF_TEMP_VALID_LFT" },
	{ 0xc, "DEVCONF_TEMP_PREFERED_LFT" },
	{ 0xd, "DEVCONF_REGEN_MAX_RETRY" },
	{ 0xe, "DEVCONF_MAX_DESYNC_FACTOR" },
	{ 0xf, "DEVCONF_MAX_ADDRESSES" },
	{ 0x10, "DEVCONF_FORCE_MLD_VERSION" },
	{ 0x11, "DEVCONF_ACCEPT_RA_DEFRTR" },
	{ 0x12, "DEVCONF_ACCEPT_RA_PINFO" },
	{ 0x13, "DEVCONF_ACCEPT_RA_RTR_PREF" },
	{ 0x14, "DEVCONF_RTR_PROBE_INTERVAL" },
	{ 0x15, "DEVCONF_ACCEPT_RA_RT_INFO_MAX_PLEN" },
	{ 0x16, "DEVCONF_PROXY_NDP" },
	{ 0x17, "DEVCONF_OPTIMISTIC_DAD" },
	{ 0x18, "DEVCONF_ACCEPT_SOURCE_ROUTE" },
	{ 0x19, "DEVCONF_MC_FORWARDING" },
	{ 0x1a, "DEVCONF_DISABLE_IPV6" },
	{ 0x1b, "DEVCONF_ACCEPT_DAD" },
	{ 0x1c, "DEVCONF_FORCE_TLLAO" },
	{ 0x1d, "DEVCONF_NDISC_NOTIFY" },
	{ 0x1e, "DEVCONF_MLDV1_UNSOLICITED_REPORT_INTERVAL" },
	{ 0x1f, "DEVCONF_MLDV2_UNSOLICITED_REPORT_INTERVAL" },
	{ 0x20, "DEVCONF_SUPPRESS_FRAG_NDISC" },
	{ 0x21, "DEVCONF_ACCEPT_RA_FROM_LOCAL" },
	{ 0x22, "DEVCONF_USE_OPTIMISTIC" },
	{ 0x23, "DEVCONF_ACCEPT_RA_MTU" },
	{ 0x24, "DEVCONF_STABLE_SECRET" },
	{ 0x25, "DEVCONF_USE_OIF_ADDRS_ONLY" },
	{ 0x26, "DEVCONF_ACCEPT_RA_MIN_HOP_LIMIT" },
	{ 0x27, "DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN" },
	{ 0x28, "DEVCONF_DROP_UNICAST_IN_L2_MULTICAST" },
	{ 0x29, "DEVCONF_DROP_UNSOLICITED_NA" },
	{ 0x2a, "DEVCONF_KEEP_ADDR_ON_DOWN" },
	{ 0x2b, "DEVCONF_RTR_SOLICIT_MAX_INTERVAL" },
	{ 0x2c, "DEVCONF_SEG6_ENABLED" },
	{ 0x2d, "DEVCONF_SEG6_REQUIRE_HMAC" },
	{ 0x2e, "DEVCONF_ENHANCED_DAD" },
	{ 0x2f, "DEVCONF_ADDR_GEN_MODE" },
	{ 0x30, "DEVCONF_DISABLE_POLICY" },
	{ 0x31, "DEVCONF_ACCEPT_RA_RT_INFO_MIN_PLEN" },
	{ 0x32, "DEVCONF_NDISC_TCLASS" },
	{ 0x33, "DEVCONF_RPL_SEG_ENABLED" },
	{ 0x34, "DEVCONF_RA_DEFRTR_METRIC" },
	{ 0x35, "DEVCONF_IOAM6_ENABLED" },
	{ 0x36, "DEVCONF_IOAM6_ID" },
	{ 0x37, "DEVCONF_IOAM6_ID_WIDE" },
	{ 0x38, "DEVCONF_NDISC_EVICT_NOCARRIER" },
	{ 0x39, "DEVCONF_ACCEPT_UNTRACKED_NA" },
};
static const struct value_table devconf_indices = NL_ROWS(devconf_indices_rows, "DEVCONF_???");

static const struct named_value ip_stats_indices_rows[] = {
	{ 0, "IPSTATS_MIB_NUM" },
	{ 1, "IPSTATS_MIB_INPKTS" },
	{ 2, "IPSTATS_MIB_INOCTETS" },
	{ 3, "IPSTATS_MIB_INDELIVERS" },
	{ 4, "IPSTATS_MIB_OUTFORWDATAGRAMS" },
	{ 5, "IPSTATS_MIB_OUTPKTS" },
	{ 6, "IPSTATS_MIB_OUTOCTETS" },
	{ 7, "IPSTATS_MIB_INHDRERRORS" },
	{ 8, "IPSTATS_MIB_INTOOBIGERRORS" },
	{ 9, "IPSTATS_MIB_INNOROUTES" },
	{ 0xa, "IPSTATS_MIB_INADDRERRORS" },
	{ 0xb, "IPSTATS_MIB_INUNKNOWNPROTOS" },
	{ 0xc, "IPSTATS_MIB_INTRUNCATEDPKTS" },
	{ 0xd, "IPSTATS_MIB_INDISCARDS" },
	{ 0xe, "IPSTATS_MIB_OUTDISCARDS" },
	{ 0xf, "IPSTATS_MIB_OUTNOROUTES" },
	{ 0x10, "IPSTATS_MIB_REASMTIMEOUT" },
	{ 0x11, "IPSTATS_MIB_REASMREQDS" },
	{ 0x12, "IPSTATS_MIB_REASMOKS" },
	{ 0x13, "IPSTATS_MIB_REASMFAILS" },
	{ 0x14, "IPSTATS_MIB_FRAGOKS" },
	{ 0x15, "IPSTATS_MIB_FRAGFAILS" },
	{ 0x16, "IPSTATS_MIB_FRAGCREATES" },
	{ 0x17, "IPSTATS_MIB_INMCASTPKTS" },
	{ 0x18, "IPSTATS_MIB_OUTMCASTPKTS" },
	{ 0x19, "IPSTATS_MIB_INBCASTPKTS" },
	{ 0x1a, "IPSTATS_MIB_OUTBCASTPKTS" },
	{ 0x1b, "IPSTATS_MIB_INMCASTOCTETS" },
	{ 0x1c, "IPSTATS_MIB_OUTMCASTOCTETS" },
	{ 0x1d, "IPSTATS_MIB_INBCASTOCTETS" },
	{ 0x1e, "IPSTATS_MIB_OUTBCASTOCTETS" },
	{ 0x1f, "IPSTATS_MIB_CSUMERRORS" },
	{ 0x20, "IPSTATS_MIB_NOECTPKTS" },
	{ 0x21, "IPSTATS_MIB_ECT1PKTS" },
	{ 0x22, "IPSTATS_MIB_ECT0PKTS" },
	{ 0x23, "IPSTATS_MIB_CEPKTS" },
	{ 0x24, "IPSTATS_MIB_REASM_OVERLAPS" },
};
static const struct value_table ip_stats_indices = NL_ROWS(ip_stats_indices_rows, "IPSTATS_MIB_???");

static const struct named_value icmp6_stats_indices_rows[] = {
	{ 0, "ICMP6_MIB_NUM" },
	{ 1, "ICMP6_MIB_INMSGS" },
	{ 2, "ICMP6_MIB_INERRORS" },
	{ 3, "ICMP6_MIB_OUTMSGS" },
	{ 4, "ICMP6_MIB_OUTERRORS" },
	{ 5, "ICMP6_MIB_CSUMERRORS" },
};
static const struct value_table icmp6_stats_indices = NL_ROWS(icmp6_stats_indices_rows, "ICMP6_MIB_???");

static const struct named_value in6_addr_gen_modes_rows[] = {
	{ 0, "IN6_ADDR_GEN_MODE_EUI64" },
	{ 1, "IN6_ADDR_GEN_MODE_NONE" },
	{ 2, "IN6_ADDR_GEN_MODE_STABLE_PRIVACY" },
	{ 3, "IN6_ADDR_GEN_MODE_RANDOM" },
};
static const struct value_table in6_addr_gen_modes = NL_ROWS(in6_addr_gen_modes_rows, "IN6_ADDR_GEN_MODE_???");

static const struct named_value ifla_brport_attrs_rows[] = {
	{ 0, "IFLA_BRPORT_UNSPEC" },
	{ 1, "IFLA_BRPORT_STATE" },
	{ 2, "IFLA_BRPORT_PRIORITY" },
	{ 3, "IFLA_BRPORT_COST" },
	{ 4, "IFLA_BRPORT_MODE" },
	{ 5, "IFLA_BRPORT_GUARD" },
	{ 6, "IFLA_BRPORT_PROTECT" },
	{ 7, "IFLA_BRPORT_FAST_LEAVE" },
	{ 8, "IFLA_BRPORT_LEARNING" },
	{ 9, "IFLA_BRPORT_UNICAST_FLOOD" },
	{ 0xa, "IFLA_BRPORT_PROXYARP" },
	{ 0xb, "IFLA_BRPORT_LEARNING_SYNC" },
	{ 0xc, "IFLA_BRPORT_PROXYARP_WIFI" },
	{ 0xd, "IFLA_BRPORT_ROOT_ID" },
	{ 0xe, "IFLA_BRPORT_BRIDGE_ID" },
	{ 0xf, "IFLA_BRPORT_DESIGNATED_PORT" },
	{ 0x10, "IFLA_BRPORT_DESIGNATED_COST" },
	{ 0x11, "IFLA_BRPORT_ID" },
	{ 0x12, "IFLA_BRPORT_NO" },
	{ 0x13, "IFLA_BRPORT_TOPOLOGY_CHANGE_ACK" },
	{ 0x14, "IFLA_BRPORT_CONFIG_PENDING" },
	{ 0x15, "IFLA_BRPORT_MESSAGE_AGE_TIMER" },
	{ 0x16, "IFLA_BRPORT_FORWARD_DELAY_TIMER" },
	{ 0x17, "IFLA_BRPORT_HOLD_TIMER" },
	{ 0x18, "IFLA_BRPORT_FLUSH" },
	{ 0x19, "IFLA_BRPORT_MULTICAST_ROUTER" },
	{ 0x1a, "IFLA_BRPORT_PAD" },
	{ 0x1b, "IFLA_BRPORT_MCAST_FLOOD" },
	{ 0x1c, "IFLA_BRPORT_MCAST_TO_UCAST" },
	{ 0x1d, "IFLA_BRPORT_VLAN_TUNNEL" },
	{ 0x1e, "IFLA_BRPORT_BCAST_FLOOD" },
	{ 0x1f, "IFLA_BRPORT_GROUP_FWD_MASK" },
	{ 0x20, "IFLA_BRPORT_NEIGH_SUPPRESS" },
	{ 0x21, "IFLA_BRPORT_ISOLATED" },
	{ 0x22, "IFLA_BRPORT_BACKUP_PORT" },
	{ 0x23, "IFLA_BRPORT_MRP_RING_OPEN" },
	{ 0x24, "IFLA_BRPORT_MRP_IN_OPEN" },
	{ 0x25, "IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT" },
	{ 0x26, "IFLA_BRPORT_MCAST_EHT_HOSTS_CNT" },
	{ 0x27, "IFLA_BRPORT_LOCKED" },
};
static const struct value_table ifla_brport_attrs = NL_ROWS(ifla_brport_attrs_rows, "IFLA_BRPORT_???");

static const struct named_value ifla_ext_filter_flags_rows[] = {
	{ 1, "RTEXT_FILTER_VF" },
	{ 2, "RTEXT_FILTER_BRVLAN" },
	{ 4, "RTEXT_FILTER_BRVLAN_COMPRESSED" },
	{ 8, "RTEXT_FILTER_SKIP_STATS" },
	{ 0x10, "RTEXT_FILTER_MRP" },
	{ 0x20, "RTEXT_FILTER_CFM_CONFIG" },
	{ 0x40, "RTEXT_FILTER_CFM_STATUS" },
};
static const struct value_table ifla_ext_filter_flags = NL_ROWS(ifla_ext_filter_flags_rows, "RTEXT_FILTER_???");

static const struct named_value ifla_events_rows[] = {
	{ 0, "IFLA_EVENT_NONE" },
	{ 1, "IFLA_EVENT_REBOOT" },
	{ 2, "IFLA_EVENT_FEATURES" },
	{ 3, "IFLA_EVENT_BONDING_FAILOVER" },
	{ 4, "IFLA_EVENT_NOTIFY_PEERS" },
	{ 5, "IFLA_EVENT_IGMP_RESEND" },
	{ 6, "IFLA_EVENT_BONDING_OPTIONS" },
};
static const struct value_table ifla_events = NL_ROWS(ifla_events_rows, "IFLA_EVENT_???");

/* ---- links (strace's rtnl_link.c) ---- */

NLA_XVAL(nla_inet6_flags, inet6_if_flags, 4, 1)
static int nla_inet6_conf(const struct decode_context *ctx, uintptr_t addr,
			  unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_array(ctx, addr, len, 4, FIELD_D, &devconf_indices);
}
static int nla_inet6_stats(const struct decode_context *ctx, uintptr_t addr,
			   unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_array(ctx, addr, len, 8, FIELD_U, &ip_stats_indices);
}
static int nla_icmp6_stats(const struct decode_context *ctx, uintptr_t addr,
			   unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_array(ctx, addr, len, 8, FIELD_U, &icmp6_stats_indices);
}
static const struct nl_field ifla_cacheinfo_fields[] = {
	{ "max_reasm_len", 0, 4, FIELD_U, 0 },
	{ "tstamp", 4, 4, FIELD_U, 0 },
	{ "reachable_time", 8, 4, FIELD_U, 0 },
	{ "retrans_time", 12, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_ifla_cacheinfo, 16, ifla_cacheinfo_fields)
NLA_XVAL(nla_inet6_agm, in6_addr_gen_modes, 1, 0)
static const nla_decoder_fn ifla_inet6_decoders[] = {
	[1] = nla_inet6_flags,    /* IFLA_INET6_FLAGS */
	[2] = nla_inet6_conf,     /* IFLA_INET6_CONF */
	[3] = nla_inet6_stats,    /* IFLA_INET6_STATS */
	[5] = nla_ifla_cacheinfo, /* IFLA_INET6_CACHEINFO */
	[6] = nla_icmp6_stats,    /* IFLA_INET6_ICMP6STATS */
	[7] = nla_in6_addr,       /* IFLA_INET6_TOKEN */
	[8] = nla_inet6_agm,      /* IFLA_INET6_ADDR_GEN_MODE */
	[9] = nla_u32,            /* IFLA_INET6_RA_MTU */
};
static const struct nla_table ifla_inet6_nla = {
	&ifla_inet6_attrs, FIELDS(ifla_inet6_decoders), 0, 0 };

/* struct ifla_bridge_id: prio[2], a MAC address. */
static int nla_bridge_id(const struct decode_context *ctx, uintptr_t addr,
			 unsigned len, const void *opaque)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char id[8];
	(void)opaque;
	if (len < sizeof id)
		return 0;
	if (!read_exact(ctx, id, addr, sizeof id)) {
		tb_ptr(tb, addr);
		return 1;
	}
	tb_str(tb, "{prio=[");
	tb_udec(tb, id[0]);
	tb_str(tb, ", ");
	tb_udec(tb, id[1]);
	tb_str(tb, "], addr=");
	print_mac(tb, id + 2, 6);
	tb_char(tb, '}');
	return 1;
}
/* strace's decode_nla_clock_t: up to 8 bytes of USER_HZ ticks. */
static int nla_clock_t(const struct decode_context *ctx, uintptr_t addr,
		       unsigned len, const void *opaque)
{
	uint64_t v = 0;
	(void)opaque;
	if (len > sizeof v)
		return 0;
	if (read_exact(ctx, &v, addr, len))
		print_clock_t(ctx->tb, v);
	else
		tb_ptr(ctx->tb, addr);
	return 1;
}
static int nla_x16(const struct decode_context *ctx, uintptr_t addr,
		   unsigned len, const void *opaque)
{
	uint16_t v;
	(void)opaque;
	if (len < sizeof v)
		return 0;
	if (read_exact(ctx, &v, addr, sizeof v))
		tb_hex(ctx->tb, v);
	else
		tb_ptr(ctx->tb, addr);
	return 1;
}
static const nla_decoder_fn ifla_brport_decoders[] = {
	[1] = nla_u8,  [2] = nla_u16, [3] = nla_u32, [4] = nla_u8,
	[5] = nla_u8,  [6] = nla_u8,  [7] = nla_u8,  [8] = nla_u8,
	[9] = nla_u8,  [10] = nla_u8, [11] = nla_u8, [12] = nla_u8,
	[13] = nla_bridge_id, /* IFLA_BRPORT_ROOT_ID */
	[14] = nla_bridge_id, /* IFLA_BRPORT_BRIDGE_ID */
	[15] = nla_u16, [16] = nla_u16, [17] = nla_u16, [18] = nla_u16,
	[19] = nla_u8, [20] = nla_u8,
	[21] = nla_clock_t, [22] = nla_clock_t, [23] = nla_clock_t,
	[25] = nla_u8, /* IFLA_BRPORT_MULTICAST_ROUTER */
	[27] = nla_u8, [28] = nla_u8, [29] = nla_u8, [30] = nla_u8,
	[31] = nla_x16, /* IFLA_BRPORT_GROUP_FWD_MASK */
	[32] = nla_u8, [33] = nla_u8,
	[34] = nla_ifindex, /* IFLA_BRPORT_BACKUP_PORT */
	[35] = nla_u8, [36] = nla_u8, [37] = nla_u32, [38] = nla_u32,
	[39] = nla_u8, /* IFLA_BRPORT_LOCKED */
};
static const struct nla_table ifla_brport_nla = {
	&ifla_brport_attrs, FIELDS(ifla_brport_decoders), 0, 0 };

static const struct named_value vfinfo_list_attrs_rows[] = {
	{ 0, "IFLA_VF_INFO_UNSPEC" },
	{ 1, "IFLA_VF_INFO" },
};
static const struct value_table vfinfo_list_attrs = NL_ROWS(vfinfo_list_attrs_rows, "IFLA_VF_INFO_???");

static const struct named_value vf_info_attrs_rows[] = {
	{ 0, "IFLA_VF_UNSPEC" },
	{ 1, "IFLA_VF_MAC" },
	{ 2, "IFLA_VF_VLAN" },
	{ 3, "IFLA_VF_TX_RATE" },
	{ 4, "IFLA_VF_SPOOFCHK" },
	{ 5, "IFLA_VF_LINK_STATE" },
	{ 6, "IFLA_VF_RATE" },
	{ 7, "IFLA_VF_RSS_QUERY_EN" },
	{ 8, "IFLA_VF_STATS" },
	{ 9, "IFLA_VF_TRUST" },
	{ 0xa, "IFLA_VF_IB_NODE_GUID" },
	{ 0xb, "IFLA_VF_IB_PORT_GUID" },
	{ 0xc, "IFLA_VF_VLAN_LIST" },
	{ 0xd, "IFLA_VF_BROADCAST" },
};
static const struct value_table vf_info_attrs = NL_ROWS(vf_info_attrs_rows, "IFLA_VF_???");

static const struct named_value vf_stats_attrs_rows[] = {
	{ 0, "IFLA_VF_STATS_RX_PACKETS" },
	{ 1, "IFLA_VF_STATS_TX_PACKETS" },
	{ 2, "IFLA_VF_STATS_RX_BYTES" },
	{ 3, "IFLA_VF_STATS_TX_BYTES" },
	{ 4, "IFLA_VF_STATS_BROADCAST" },
	{ 5, "IFLA_VF_STATS_MULTICAST" },
	{ 6, "IFLA_VF_STATS_PAD" },
	{ 7, "IFLA_VF_STATS_RX_DROPPED" },
	{ 8, "IFLA_VF_STATS_TX_DROPPED" },
};
static const struct value_table vf_stats_attrs = NL_ROWS(vf_stats_attrs_rows, "IFLA_VF_STATS_???");

static const struct named_value vf_vlan_list_attrs_rows[] = {
	{ 0, "IFLA_VF_VLAN_INFO_UNSPEC" },
	{ 1, "IFLA_VF_VLAN_INFO" },
};
static const struct value_table vf_vlan_list_attrs = NL_ROWS(vf_vlan_list_attrs_rows, "IFLA_VF_VLAN_INFO_???");

static const struct named_value vf_link_states_rows[] = {
	{ 0, "IFLA_VF_LINK_STATE_AUTO" },
	{ 1, "IFLA_VF_LINK_STATE_ENABLE" },
	{ 2, "IFLA_VF_LINK_STATE_DISABLE" },
};
static const struct value_table vf_link_states = NL_ROWS(vf_link_states_rows, "IFLA_VF_LINK_STATE_???");

/* Virtual functions (IFLA_VFINFO_LIST). */
static const struct nl_field vf_mac_fields[] = {
	{ "vf", 0, 4, FIELD_U, 0 },
	{ "mac", 4, 32, FIELD_MAC, 0 },
};
NLA_STRUCT(nla_vf_mac, 36, vf_mac_fields)
static const struct nl_field vf_vlan_fields[] = {
	{ "vf", 0, 4, FIELD_U, 0 },
	{ "vlan", 4, 4, FIELD_U, 0 },
	{ "qos", 8, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_vf_vlan, 12, vf_vlan_fields)
/* vf and one u32: tx_rate's rate, spoofchk's, rss_query_en's and
 * trust's setting. */
static const struct nl_field vf_rate1_fields[] = {
	{ "vf", 0, 4, FIELD_U, 0 },
	{ "rate", 4, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_vf_tx_rate, 8, vf_rate1_fields)
static const struct nl_field vf_setting_fields[] = {
	{ "vf", 0, 4, FIELD_U, 0 },
	{ "setting", 4, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_vf_setting, 8, vf_setting_fields)
static const struct nl_field vf_link_state_fields[] = {
	{ "vf", 0, 4, FIELD_U, 0 },
	{ "link_state", 4, 4, FIELD_XVAL, &vf_link_states },
};
NLA_STRUCT(nla_vf_link_state, 8, vf_link_state_fields)
static const struct nl_field vf_rate_fields[] = {
	{ "vf", 0, 4, FIELD_U, 0 },
	{ "min_tx_rate", 4, 4, FIELD_U, 0 },
	{ "max_tx_rate", 8, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_vf_rate, 12, vf_rate_fields)
static const nla_decoder_fn vf_stats_decoders[] = {
	[0] = nla_u64, [1] = nla_u64, [2] = nla_u64, [3] = nla_u64,
	[4] = nla_u64, [5] = nla_u64, [7] = nla_u64, [8] = nla_u64,
};
static const struct nla_table vf_stats_nla = { &vf_stats_attrs,
					       FIELDS(vf_stats_decoders), 0, 0 };
NLA_NEST(nla_vf_stats, vf_stats_nla)
/* struct ifla_vf_guid: the guid packed after vf (12 bytes) or aligned
 * (16), as strace takes both. */
static const struct nl_field vf_guid32_fields[] = {
	{ "vf", 0, 4, FIELD_U, 0 },
	{ "guid", 4, 8, FIELD_X, 0 },
};
static const struct nl_field vf_guid64_fields[] = {
	{ "vf", 0, 4, FIELD_U, 0 },
	{ "guid", 8, 8, FIELD_X, 0 },
};
static int nla_vf_guid(const struct decode_context *ctx, uintptr_t addr,
		       unsigned len, const void *opaque)
{
	(void)opaque;
	if (len == 12)
		return nla_struct(ctx, addr, len, 12, FIELDS(vf_guid32_fields));
	if (len == 16)
		return nla_struct(ctx, addr, len, 16, FIELDS(vf_guid64_fields));
	return 0;
}
static const struct nl_field vf_vlan_info_fields[] = {
	{ "vf", 0, 4, FIELD_U, 0 },
	{ "vlan", 4, 4, FIELD_U, 0 },
	{ "qos", 8, 4, FIELD_U, 0 },
	{ "vlan_proto", 12, 2, FIELD_HTONS_XVAL, &eth_protocols },
};
NLA_STRUCT(nla_vf_vlan_info, 16, vf_vlan_info_fields)
static const nla_decoder_fn vf_vlan_list_decoders[] = {
	[1] = nla_vf_vlan_info,
};
static const struct nla_table vf_vlan_list_nla = {
	&vf_vlan_list_attrs, FIELDS(vf_vlan_list_decoders), 0, 0 };
NLA_NEST(nla_vf_vlan_list, vf_vlan_list_nla)
static const struct nl_field vf_broadcast_fields[] = {
	{ "broadcast", 0, 32, FIELD_MAC, 0 },
};
NLA_STRUCT(nla_vf_broadcast, 32, vf_broadcast_fields)
static const nla_decoder_fn vf_info_decoders[] = {
	[1] = nla_vf_mac,        /* IFLA_VF_MAC */
	[2] = nla_vf_vlan,       /* IFLA_VF_VLAN */
	[3] = nla_vf_tx_rate,    /* IFLA_VF_TX_RATE */
	[4] = nla_vf_setting,    /* IFLA_VF_SPOOFCHK */
	[5] = nla_vf_link_state, /* IFLA_VF_LINK_STATE */
	[6] = nla_vf_rate,       /* IFLA_VF_RATE */
	[7] = nla_vf_setting,    /* IFLA_VF_RSS_QUERY_EN */
	[8] = nla_vf_stats,      /* IFLA_VF_STATS */
	[9] = nla_vf_setting,    /* IFLA_VF_TRUST */
	[10] = nla_vf_guid,      /* IFLA_VF_IB_NODE_GUID */
	[11] = nla_vf_guid,      /* IFLA_VF_IB_PORT_GUID */
	[12] = nla_vf_vlan_list, /* IFLA_VF_VLAN_LIST */
	[13] = nla_vf_broadcast, /* IFLA_VF_BROADCAST */
};
static const struct nla_table vf_info_nla = { &vf_info_attrs,
					      FIELDS(vf_info_decoders), 0, 0 };
NLA_NEST(nla_vf_info, vf_info_nla)
static const nla_decoder_fn vfinfo_list_decoders[] = {
	[1] = nla_vf_info, /* IFLA_VF_INFO */
};
static const struct nla_table vfinfo_list_nla = {
	&vfinfo_list_attrs, FIELDS(vfinfo_list_decoders), 0, 0 };
NLA_NEST(nla_vfinfo_list, vfinfo_list_nla)

static const struct named_value xdp_attrs_rows[] = {
	{ 0, "IFLA_XDP_UNSPEC" },
	{ 1, "IFLA_XDP_FD" },
	{ 2, "IFLA_XDP_ATTACHED" },
	{ 3, "IFLA_XDP_FLAGS" },
	{ 4, "IFLA_XDP_PROG_ID" },
	{ 5, "IFLA_XDP_DRV_PROG_ID" },
	{ 6, "IFLA_XDP_SKB_PROG_ID" },
	{ 7, "IFLA_XDP_HW_PROG_ID" },
	{ 8, "IFLA_XDP_EXPECTED_FD" },
};
static const struct value_table xdp_attrs = NL_ROWS(xdp_attrs_rows, "IFLA_XDP_???");

static const struct named_value xdp_flags_rows[] = {
	{ 0xe, "XDP_FLAGS_MODES" },
	{ 1, "XDP_FLAGS_UPDATE_IF_NOEXIST" },
	{ 2, "XDP_FLAGS_SKB_MODE" },
	{ 4, "XDP_FLAGS_DRV_MODE" },
	{ 8, "XDP_FLAGS_HW_MODE" },
	{ 0x10, "XDP_FLAGS_REPLACE" },
};
static const struct value_table xdp_flags = NL_ROWS(xdp_flags_rows, "XDP_FLAGS_???");

static const struct named_value xdp_attached_modes_rows[] = {
	{ 0, "XDP_ATTACHED_NONE" },
	{ 1, "XDP_ATTACHED_DRV" },
	{ 2, "XDP_ATTACHED_SKB" },
	{ 3, "XDP_ATTACHED_HW" },
	{ 4, "XDP_ATTACHED_MULTI" },
};
static const struct value_table xdp_attached_modes = NL_ROWS(xdp_attached_modes_rows, "XDP_ATTACHED_???");

static const struct named_value proto_down_reason_attrs_rows[] = {
	{ 0, "IFLA_PROTO_DOWN_REASON_UNSPEC" },
	{ 1, "IFLA_PROTO_DOWN_REASON_MASK" },
	{ 2, "IFLA_PROTO_DOWN_REASON_VALUE" },
};
static const struct value_table proto_down_reason_attrs = NL_ROWS(proto_down_reason_attrs_rows, "IFLA_PROTO_DOWN_REASON_???");

static const struct named_value ifla_port_attrs_rows[] = {
	{ 0, "IFLA_PORT_UNSPEC" },
	{ 1, "IFLA_PORT_VF" },
	{ 2, "IFLA_PORT_PROFILE" },
	{ 3, "IFLA_PORT_VSI_TYPE" },
	{ 4, "IFLA_PORT_INSTANCE_UUID" },
	{ 5, "IFLA_PORT_HOST_UUID" },
	{ 6, "IFLA_PORT_REQUEST" },
	{ 7, "IFLA_PORT_RESPONSE" },
};
static const struct value_table ifla_port_attrs = NL_ROWS(ifla_port_attrs_rows, "IFLA_VF_PORT_???");

static const struct named_value ifla_vf_port_attrs_rows[] = {
	{ 0, "IFLA_VF_PORT_UNSPEC" },
	{ 1, "IFLA_VF_PORT" },
};
static const struct value_table ifla_vf_port_attrs = NL_ROWS(ifla_vf_port_attrs_rows, "IFLA_VF_PORT_???");

/* XDP, the protocol-down reason, ports (strace names unknown port
 * attributes IFLA_VF_PORT_???). */
NLA_XVAL(nla_xdp_attached, xdp_attached_modes, 1, 0)
static int nla_xdp_flags(const struct decode_context *ctx, uintptr_t addr,
			 unsigned len, const void *opaque)
{
	(void)opaque;
	return len >= 4 && nla_xval(ctx, addr, 4, &xdp_flags, 4, 1);
}
static const nla_decoder_fn xdp_decoders[] = {
	[1] = nla_fd,           /* IFLA_XDP_FD */
	[2] = nla_xdp_attached, /* IFLA_XDP_ATTACHED */
	[3] = nla_xdp_flags,    /* IFLA_XDP_FLAGS */
	[4] = nla_u32, [5] = nla_u32, [6] = nla_u32, [7] = nla_u32,
	[8] = nla_fd,           /* IFLA_XDP_EXPECTED_FD */
};
static const struct nla_table xdp_nla = { &xdp_attrs, FIELDS(xdp_decoders), 0, 0 };
NLA_NEST(nla_ifla_xdp, xdp_nla)
static const nla_decoder_fn proto_down_reason_decoders[] = {
	[1] = nla_x32, [2] = nla_x32,
};
static const struct nla_table proto_down_reason_nla = {
	&proto_down_reason_attrs, FIELDS(proto_down_reason_decoders), 0, 0 };
NLA_NEST(nla_ifla_proto_down_reason, proto_down_reason_nla)
static const struct nl_field port_vsi_fields[] = {
	{ "vsi_mgr_id", 0, 1, FIELD_U, 0 },
	{ "vsi_type_id", 1, 3, FIELD_HEXSTR, 0 },
	{ "vsi_type_version", 4, 1, FIELD_U, 0 },
	{ "pad", 5, 3, FIELD_HEXSTR_NONZERO, 0 },
};
NLA_STRUCT(nla_port_vsi, 8, port_vsi_fields)
static const nla_decoder_fn ifla_port_decoders[] = {
	[1] = nla_u32,      /* IFLA_PORT_VF */
	[2] = nla_str,      /* IFLA_PORT_PROFILE */
	[3] = nla_port_vsi, /* IFLA_PORT_VSI_TYPE */
	[6] = nla_u8,       /* IFLA_PORT_REQUEST */
	[7] = nla_u16,      /* IFLA_PORT_RESPONSE */
};
static const struct nla_table ifla_port_nla = { &ifla_port_attrs,
						FIELDS(ifla_port_decoders), 0, 0 };
NLA_NEST(nla_ifla_port, ifla_port_nla)
static const nla_decoder_fn ifla_vf_port_decoders[] = {
	[1] = nla_ifla_port, /* IFLA_VF_PORT */
};
static const struct nla_table ifla_vf_port_nla = {
	&ifla_vf_port_attrs, FIELDS(ifla_vf_port_decoders), 0, 0 };
NLA_NEST(nla_ifla_vf_ports, ifla_vf_port_nla)

static const struct named_value ifla_info_attrs_rows[] = {
	{ 0, "IFLA_INFO_UNSPEC" },
	{ 1, "IFLA_INFO_KIND" },
	{ 2, "IFLA_INFO_DATA" },
	{ 3, "IFLA_INFO_XSTATS" },
	{ 4, "IFLA_INFO_SLAVE_KIND" },
	{ 5, "IFLA_INFO_SLAVE_DATA" },
};
static const struct value_table ifla_info_attrs = NL_ROWS(ifla_info_attrs_rows, "IFLA_INFO_???");

/* struct rtnl_link_stats (u32s) and rtnl_link_stats64: the fields to
 * tx_compressed (23), rx_nohandler, rx_otherhost_dropped (64-bit only,
 * as strace prints them). */
static const struct nl_field link_stats_fields[] = {
	{ "rx_packets", 0, 4, FIELD_U, 0 },
	{ "tx_packets", 4, 4, FIELD_U, 0 },
	{ "rx_bytes", 8, 4, FIELD_U, 0 },
	{ "tx_bytes", 12, 4, FIELD_U, 0 },
	{ "rx_errors", 16, 4, FIELD_U, 0 },
	{ "tx_errors", 20, 4, FIELD_U, 0 },
	{ "rx_dropped", 24, 4, FIELD_U, 0 },
	{ "tx_dropped", 28, 4, FIELD_U, 0 },
	{ "multicast", 32, 4, FIELD_U, 0 },
	{ "collisions", 36, 4, FIELD_U, 0 },
	{ "rx_length_errors", 40, 4, FIELD_U, 0 },
	{ "rx_over_errors", 44, 4, FIELD_U, 0 },
	{ "rx_crc_errors", 48, 4, FIELD_U, 0 },
	{ "rx_frame_errors", 52, 4, FIELD_U, 0 },
	{ "rx_fifo_errors", 56, 4, FIELD_U, 0 },
	{ "rx_missed_errors", 60, 4, FIELD_U, 0 },
	{ "tx_aborted_errors", 64, 4, FIELD_U, 0 },
	{ "tx_carrier_errors", 68, 4, FIELD_U, 0 },
	{ "tx_fifo_errors", 72, 4, FIELD_U, 0 },
	{ "tx_heartbeat_errors", 76, 4, FIELD_U, 0 },
	{ "tx_window_errors", 80, 4, FIELD_U, 0 },
	{ "rx_compressed", 84, 4, FIELD_U, 0 },
	{ "tx_compressed", 88, 4, FIELD_U, 0 },
	{ "rx_nohandler", 92, 4, FIELD_U, 0 },
	{ "rx_otherhost_dropped", 96, 4, FIELD_U, 0 },
};
static const struct nl_field link_stats64_fields[] = {
	{ "rx_packets", 0, 8, FIELD_U, 0 },
	{ "tx_packets", 8, 8, FIELD_U, 0 },
	{ "rx_bytes", 16, 8, FIELD_U, 0 },
	{ "tx_bytes", 24, 8, FIELD_U, 0 },
	{ "rx_errors", 32, 8, FIELD_U, 0 },
	{ "tx_errors", 40, 8, FIELD_U, 0 },
	{ "rx_dropped", 48, 8, FIELD_U, 0 },
	{ "tx_dropped", 56, 8, FIELD_U, 0 },
	{ "multicast", 64, 8, FIELD_U, 0 },
	{ "collisions", 72, 8, FIELD_U, 0 },
	{ "rx_length_errors", 80, 8, FIELD_U, 0 },
	{ "rx_over_errors", 88, 8, FIELD_U, 0 },
	{ "rx_crc_errors", 96, 8, FIELD_U, 0 },
	{ "rx_frame_errors", 104, 8, FIELD_U, 0 },
	{ "rx_fifo_errors", 112, 8, FIELD_U, 0 },
	{ "rx_missed_errors", 120, 8, FIELD_U, 0 },
	{ "tx_aborted_errors", 128, 8, FIELD_U, 0 },
	{ "tx_carrier_errors", 136, 8, FIELD_U, 0 },
	{ "tx_fifo_errors", 144, 8, FIELD_U, 0 },
	{ "tx_heartbeat_errors", 152, 8, FIELD_U, 0 },
	{ "tx_window_errors", 160, 8, FIELD_U, 0 },
	{ "rx_compressed", 168, 8, FIELD_U, 0 },
	{ "tx_compressed", 176, 8, FIELD_U, 0 },
	{ "rx_nohandler", 184, 8, FIELD_U, 0 },
	{ "rx_otherhost_dropped", 192, 8, FIELD_U, 0 },
};
enum { LINK_STATS_MIN_FIELDS = 23 };
static int nla_link_stats(const struct decode_context *ctx, uintptr_t addr,
			  unsigned len, const void *opaque)
{
	const unsigned min = 4 * LINK_STATS_MIN_FIELDS;
	const unsigned def = sizeof(struct rtnl_link_stats);
	(void)opaque;
	if (len >= def)
		return nla_struct(ctx, addr, len, def, link_stats_fields,
				  LINK_STATS_MIN_FIELDS + 1);
	if (len == min)
		return nla_struct(ctx, addr, len, min, link_stats_fields,
				  LINK_STATS_MIN_FIELDS);
	return 0;
}
static int nla_link_stats64(const struct decode_context *ctx, uintptr_t addr,
			    unsigned len, const void *opaque)
{
	const unsigned min = 8 * LINK_STATS_MIN_FIELDS;
	const unsigned nohandler = min + 8;
	const unsigned def = sizeof(struct rtnl_link_stats64);
	unsigned n;
	(void)opaque;
	if (len >= def)
		n = def / 8 < LINK_STATS_MIN_FIELDS + 2 ? def / 8
							 : LINK_STATS_MIN_FIELDS + 2;
	else if (len == nohandler)
		n = LINK_STATS_MIN_FIELDS + 1;
	else if (len == min)
		n = LINK_STATS_MIN_FIELDS;
	else
		return 0;
	return nla_struct(ctx, addr, len, len >= def ? def : len,
			  link_stats64_fields, n);
}
static const struct nl_field link_ifmap_fields[] = {
	{ "mem_start", 0, 8, FIELD_X, 0 },
	{ "mem_end", 8, 8, FIELD_X, 0 },
	{ "base_addr", 16, 8, FIELD_X, 0 },
	{ "irq", 24, 2, FIELD_U, 0 },
	{ "dma", 26, 1, FIELD_U, 0 },
	{ "port", 27, 1, FIELD_U, 0 },
};
NLA_STRUCT(nla_link_ifmap, 28, link_ifmap_fields)
/* IFLA_PROP_LIST: link attributes, of which only IFLA_ALT_IFNAME is
 * decoded (strace's decode_ifla_prop_list). */
static const nla_decoder_fn ifla_prop_list_decoders[] = {
	[53] = nla_str,
};
static const struct nla_table ifla_prop_list_nla = {
	&ifla_attrs, FIELDS(ifla_prop_list_decoders), 0, 0 };
NLA_NEST(nla_ifla_prop_list, ifla_prop_list_nla)

static const struct named_value br_data_attrs_rows[] = {
	{ 0, "IFLA_BR_UNSPEC" },
	{ 1, "IFLA_BR_FORWARD_DELAY" },
	{ 2, "IFLA_BR_HELLO_TIME" },
	{ 3, "IFLA_BR_MAX_AGE" },
	{ 4, "IFLA_BR_AGEING_TIME" },
	{ 5, "IFLA_BR_STP_STATE" },
	{ 6, "IFLA_BR_PRIORITY" },
	{ 7, "IFLA_BR_VLAN_FILTERING" },
	{ 8, "IFLA_BR_VLAN_PROTOCOL" },
	{ 9, "IFLA_BR_GROUP_FWD_MASK" },
	{ 0xa, "IFLA_BR_ROOT_ID" },
	{ 0xb, "IFLA_BR_BRIDGE_ID" },
	{ 0xc, "IFLA_BR_ROOT_PORT" },
	{ 0xd, "IFLA_BR_ROOT_PATH_COST" },
	{ 0xe, "IFLA_BR_TOPOLOGY_CHANGE" },
	{ 0xf, "IFLA_BR_TOPOLOGY_CHANGE_DETECTED" },
	{ 0x10, "IFLA_BR_HELLO_TIMER" },
	{ 0x11, "IFLA_BR_TCN_TIMER" },
	{ 0x12, "IFLA_BR_TOPOLOGY_CHANGE_TIMER" },
	{ 0x13, "IFLA_BR_GC_TIMER" },
	{ 0x14, "IFLA_BR_GROUP_ADDR" },
	{ 0x15, "IFLA_BR_FDB_FLUSH" },
	{ 0x16, "IFLA_BR_MCAST_ROUTER" },
	{ 0x17, "IFLA_BR_MCAST_SNOOPING" },
	{ 0x18, "IFLA_BR_MCAST_QUERY_USE_IFADDR" },
	{ 0x19, "IFLA_BR_MCAST_QUERIER" },
	{ 0x1a, "IFLA_BR_MCAST_HASH_ELASTICITY" },
	{ 0x1b, "IFLA_BR_MCAST_HASH_MAX" },
	{ 0x1c, "IFLA_BR_MCAST_LAST_MEMBER_CNT" },
	{ 0x1d, "IFLA_BR_MCAST_STARTUP_QUERY_CNT" },
	{ 0x1e, "IFLA_BR_MCAST_LAST_MEMBER_INTVL" },
	{ 0x1f, "IFLA_BR_MCAST_MEMBERSHIP_INTVL" },
	{ 0x20, "IFLA_BR_MCAST_QUERIER_INTVL" },
	{ 0x21, "IFLA_BR_MCAST_QUERY_INTVL" },
	{ 0x22, "IFLA_BR_MCAST_QUERY_RESPONSE_INTVL" },
	{ 0x23, "IFLA_BR_MCAST_STARTUP_QUERY_INTVL" },
	{ 0x24, "IFLA_BR_NF_CALL_IPTABLES" },
	{ 0x25, "IFLA_BR_NF_CALL_IP6TABLES" },
	{ 0x26, "IFLA_BR_NF_CALL_ARPTABLES" },
	{ 0x27, "IFLA_BR_VLAN_DEFAULT_PVID" },
	{ 0x28, "IFLA_BR_PAD" },
	{ 0x29, "IFLA_BR_VLAN_STATS_ENABLED" },
	{ 0x2a, "IFLA_BR_MCAST_STATS_ENABLED" },
	{ 0x2b, "IFLA_BR_MCAST_IGMP_VERSION" },
	{ 0x2c, "IFLA_BR_MCAST_MLD_VERSION" },
	{ 0x2d, "IFLA_BR_VLAN_STATS_PER_PORT" },
	{ 0x2e, "IFLA_BR_MULTI_BOOLOPT" },
	{ 0x2f, "IFLA_BR_MCAST_QUERIER_STATE" },
};
static const struct value_table br_data_attrs = NL_ROWS(br_data_attrs_rows, "IFLA_BR_???");

static const struct named_value tun_data_attrs_rows[] = {
	{ 0, "IFLA_TUN_UNSPEC" },
	{ 1, "IFLA_TUN_OWNER" },
	{ 2, "IFLA_TUN_GROUP" },
	{ 3, "IFLA_TUN_TYPE" },
	{ 4, "IFLA_TUN_PI" },
	{ 5, "IFLA_TUN_VNET_HDR" },
	{ 6, "IFLA_TUN_PERSIST" },
	{ 7, "IFLA_TUN_MULTI_QUEUE" },
	{ 8, "IFLA_TUN_NUM_QUEUES" },
	{ 9, "IFLA_TUN_NUM_DISABLED_QUEUES" },
};
static const struct value_table tun_data_attrs = NL_ROWS(tun_data_attrs_rows, "IFLA_TUN_???");

static const struct named_value tun_types_rows[] = {
	{ 1, "IFF_TUN" },
	{ 2, "IFF_TAP" },
};
static const struct value_table tun_types = NL_ROWS(tun_types_rows, "IFF_???");

static const struct named_value br_boolopt_flags_rows[] = {
	{ 1, "1<<BR_BOOLOPT_NO_LL_LEARN" },
	{ 2, "1<<BR_BOOLOPT_MCAST_VLAN_SNOOPING" },
	{ 4, "1<<BR_BOOLOPT_MST_ENABLE" },
};
static const struct value_table br_boolopt_flags = NL_ROWS(br_boolopt_flags_rows, "1<<BR_BOOLOPT_???");

static const struct named_value br_querier_attrs_rows[] = {
	{ 0, "BRIDGE_QUERIER_UNSPEC" },
	{ 1, "BRIDGE_QUERIER_IP_ADDRESS" },
	{ 2, "BRIDGE_QUERIER_IP_PORT" },
	{ 3, "BRIDGE_QUERIER_IP_OTHER_TIMER" },
	{ 4, "BRIDGE_QUERIER_PAD" },
	{ 5, "BRIDGE_QUERIER_IPV6_ADDRESS" },
	{ 6, "BRIDGE_QUERIER_IPV6_PORT" },
	{ 7, "BRIDGE_QUERIER_IPV6_OTHER_TIMER" },
};
static const struct value_table br_querier_attrs = NL_ROWS(br_querier_attrs_rows, "BRIDGE_QUERIER_???");

static int nla_hwaddr(const struct decode_context *ctx, uintptr_t addr,
		      unsigned len, const void *opaque);
/* IFLA_LINKINFO (strace's decode_ifla_linkinfo): the kind names which
 * decoder its data and extended stats take (bridge, tun; can's stats),
 * the slave kind its slave data's (bridge: a bridge port's). The kinds are
 * kept in the walk's own struct linkinfo_kinds, its opaque. */
struct linkinfo_kinds {
	char kind[16], slave_kind[16];
};
/* strace's update_ctx_str: the string when shorter than the room. */
static void keep_kind(const struct decode_context *ctx, uintptr_t addr,
		      unsigned len, char *dst)
{
	text_memset(dst, 0, 16);
	if (len >= 16 || !read_exact(ctx, dst, addr, len))
		dst[0] = 0;
}
static int kind_is(const char *kind, const char *name)
{
	return text_streq(kind, name);
}
static int nla_linkinfo_kind(const struct decode_context *ctx, uintptr_t addr,
			     unsigned len, const void *opaque)
{
	keep_kind(ctx, addr, len, ((struct linkinfo_kinds *)opaque)->kind);
	print_cstring_max(ctx, addr, len);
	return 1;
}
static int nla_linkinfo_slave_kind(const struct decode_context *ctx,
				   uintptr_t addr, unsigned len,
				   const void *opaque)
{
	keep_kind(ctx, addr, len,
		  ((struct linkinfo_kinds *)opaque)->slave_kind);
	print_cstring_max(ctx, addr, len);
	return 1;
}
static const struct nl_field br_boolopt_fields[] = {
	{ "optval", 0, 4, FIELD_FLAGS, &br_boolopt_flags },
	{ "optmask", 4, 4, FIELD_FLAGS, &br_boolopt_flags },
};
NLA_STRUCT(nla_br_boolopt, 8, br_boolopt_fields)
static const nla_decoder_fn br_querier_decoders[] = {
	[1] = nla_in_addr, [2] = nla_ifindex, [3] = nla_clock_t,
	[5] = nla_in6_addr, [6] = nla_ifindex, [7] = nla_clock_t,
};
static const struct nla_table br_querier_nla = {
	&br_querier_attrs, FIELDS(br_querier_decoders), 0, 0
};
NLA_NEST(nla_br_mcast_qstate, br_querier_nla)
/* strace's decode_nla_ether_proto: htons(ETH_P_IP). */
static int nla_ether_proto(const struct decode_context *ctx, uintptr_t addr,
			   unsigned len, const void *opaque)
{
	uint16_t v;
	(void)opaque;
	if (len < sizeof v || len > 8)
		return 0;
	if (!read_exact(ctx, &v, addr, sizeof v)) {
		tb_ptr(ctx->tb, addr);
		return 1;
	}
	tb_str(ctx->tb, "htons(");
	print_enum(ctx->tb, &eth_protocols, __builtin_bswap16(v));
	tb_char(ctx->tb, ')');
	return 1;
}
static const nla_decoder_fn br_data_decoders[] = {
	[1] = nla_clock_t, [2] = nla_clock_t, [3] = nla_clock_t,
	[4] = nla_clock_t, [5] = nla_u32, [6] = nla_u16, [7] = nla_u8,
	[8] = nla_ether_proto, /* IFLA_BR_VLAN_PROTOCOL */
	[9] = nla_x16,         /* IFLA_BR_GROUP_FWD_MASK */
	[10] = nla_bridge_id, [11] = nla_bridge_id,
	[12] = nla_u16, [13] = nla_u32, [14] = nla_u8, [15] = nla_u8,
	[16] = nla_clock_t, [17] = nla_clock_t, [18] = nla_clock_t,
	[19] = nla_clock_t,
	[20] = nla_hwaddr,     /* IFLA_BR_GROUP_ADDR */
	[22] = nla_u8, [23] = nla_u8, [24] = nla_u8, [25] = nla_u8,
	[26] = nla_u32, [27] = nla_u32, [28] = nla_u32, [29] = nla_u32,
	[30] = nla_clock_t, [31] = nla_clock_t, [32] = nla_clock_t,
	[33] = nla_clock_t, [34] = nla_clock_t, [35] = nla_clock_t,
	[36] = nla_u8, [37] = nla_u8, [38] = nla_u8,
	[39] = nla_u16,        /* IFLA_BR_VLAN_DEFAULT_PVID */
	[41] = nla_u8, [42] = nla_u8, [43] = nla_u8, [44] = nla_u8,
	[45] = nla_u8,
	[46] = nla_br_boolopt,      /* IFLA_BR_MULTI_BOOLOPT */
	[47] = nla_br_mcast_qstate, /* IFLA_BR_MCAST_QUERIER_STATE */
};
static const struct nla_table br_data_nla = { &br_data_attrs,
					      FIELDS(br_data_decoders), 0, 0 };
NLA_XVAL(nla_tun_type, tun_types, 1, 0)
static const nla_decoder_fn tun_data_decoders[] = {
	[1] = nla_uid, [2] = nla_uid, /* IFLA_TUN_OWNER, _GROUP */
	[3] = nla_tun_type,
	[4] = nla_u8, [5] = nla_u8, [6] = nla_u8, [7] = nla_u8,
	[8] = nla_u32, [9] = nla_u32,
};
static const struct nla_table tun_data_nla = { &tun_data_attrs,
					       FIELDS(tun_data_decoders), 0, 0 };
static int nla_linkinfo_data(const struct decode_context *ctx,
			     uintptr_t addr, unsigned len, const void *opaque)
{
	const struct linkinfo_kinds *k = opaque;
	if (kind_is(k->kind, "bridge"))
		print_nlattrs(ctx, addr, len, &br_data_nla, opaque);
	else if (kind_is(k->kind, "tun"))
		print_nlattrs(ctx, addr, len, &tun_data_nla, opaque);
	else
		return 0;
	return 1;
}
static const struct nl_field can_stats_fields[] = {
	{ "bus_error", 0, 4, FIELD_U, 0 },
	{ "error_warning", 4, 4, FIELD_U, 0 },
	{ "error_passive", 8, 4, FIELD_U, 0 },
	{ "bus_off", 12, 4, FIELD_U, 0 },
	{ "arbitration_lost", 16, 4, FIELD_U, 0 },
	{ "restarts", 20, 4, FIELD_U, 0 },
};
static int nla_linkinfo_xstats(const struct decode_context *ctx,
			       uintptr_t addr, unsigned len,
			       const void *opaque)
{
	const struct linkinfo_kinds *k = opaque;
	if (!kind_is(k->kind, "can"))
		return 0;
	return nla_struct(ctx, addr, len, 24, FIELDS(can_stats_fields));
}
static int nla_linkinfo_slave_data(const struct decode_context *ctx,
				   uintptr_t addr, unsigned len,
				   const void *opaque)
{
	const struct linkinfo_kinds *k = opaque;
	if (!kind_is(k->slave_kind, "bridge"))
		return 0;
	print_nlattrs(ctx, addr, len, &ifla_brport_nla, opaque);
	return 1;
}
static const nla_decoder_fn ifla_info_decoders[] = {
	[1] = nla_linkinfo_kind,       /* IFLA_INFO_KIND */
	[2] = nla_linkinfo_data,       /* IFLA_INFO_DATA */
	[3] = nla_linkinfo_xstats,     /* IFLA_INFO_XSTATS */
	[4] = nla_linkinfo_slave_kind, /* IFLA_INFO_SLAVE_KIND */
	[5] = nla_linkinfo_slave_data, /* IFLA_INFO_SLAVE_DATA */
};
static const struct nla_table ifla_info_nla = { &ifla_info_attrs,
						FIELDS(ifla_info_decoders), 0, 0 };
static int nla_ifla_linkinfo(const struct decode_context *ctx,
			     uintptr_t addr, unsigned len, const void *opaque)
{
	struct linkinfo_kinds kinds = { "", "" };
	(void)opaque;
	print_nlattrs(ctx, addr, len, &ifla_info_nla, &kinds);
	return 1;
}

/* IFLA_PROTINFO by the ifinfomsg's family: a bridge port's, IPv6's. */
static int nla_ifla_protinfo(const struct decode_context *ctx,
			     uintptr_t addr, unsigned len, const void *opaque)
{
	uint8_t family = *(const uint8_t *)opaque;
	if (family == 7) /* AF_BRIDGE */
		print_nlattrs(ctx, addr, len, &ifla_brport_nla, opaque);
	else if (family == 10) /* AF_INET6 */
		print_nlattrs(ctx, addr, len, &ifla_inet6_nla, opaque);
	else
		print_buffer(ctx, addr, len, 1);
	return 1;
}
NLA_XVAL(nla_ifla_ext_mask, ifla_ext_filter_flags, 4, 1)
NLA_XVAL(nla_ifla_event, ifla_events, 4, 0)

static int nla_ifla_af_spec(const struct decode_context *ctx, uintptr_t addr,
			    unsigned len, const void *opaque);
static const nla_decoder_fn ifla_decoders[] = {
	[3] = nla_str,            /* IFLA_IFNAME */
	[4] = nla_u32,            /* IFLA_MTU */
	[5] = nla_u32,            /* IFLA_LINK */
	[6] = nla_str,            /* IFLA_QDISC */
	[7] = nla_link_stats,     /* IFLA_STATS */
	[10] = nla_u32,           /* IFLA_MASTER */
	[12] = nla_ifla_protinfo, /* IFLA_PROTINFO */
	[13] = nla_u32,           /* IFLA_TXQLEN */
	[14] = nla_link_ifmap,    /* IFLA_MAP */
	[15] = nla_u32,           /* IFLA_WEIGHT */
	[16] = nla_u8,            /* IFLA_OPERSTATE */
	[17] = nla_u8,            /* IFLA_LINKMODE */
	[18] = nla_ifla_linkinfo, /* IFLA_LINKINFO */
	[19] = nla_u32,           /* IFLA_NET_NS_PID */
	[20] = nla_str,           /* IFLA_IFALIAS */
	[21] = nla_u32,           /* IFLA_NUM_VF */
	[22] = nla_vfinfo_list,   /* IFLA_VFINFO_LIST */
	[23] = nla_link_stats64,  /* IFLA_STATS64 */
	[24] = nla_ifla_vf_ports, /* IFLA_VF_PORTS */
	[25] = nla_ifla_port,     /* IFLA_PORT_SELF */
	[26] = nla_ifla_af_spec,  /* IFLA_AF_SPEC */
	[27] = nla_u32,           /* IFLA_GROUP */
	[28] = nla_fd,            /* IFLA_NET_NS_FD */
	[29] = nla_ifla_ext_mask, /* IFLA_EXT_MASK */
	[30] = nla_u32,           /* IFLA_PROMISCUITY */
	[31] = nla_u32,           /* IFLA_NUM_TX_QUEUES */
	[32] = nla_u32,           /* IFLA_NUM_RX_QUEUES */
	[33] = nla_u8,            /* IFLA_CARRIER */
	[35] = nla_u32,           /* IFLA_CARRIER_CHANGES */
	[37] = nla_s32,           /* IFLA_LINK_NETNSID */
	[38] = nla_str,           /* IFLA_PHYS_PORT_NAME */
	[39] = nla_u8,            /* IFLA_PROTO_DOWN */
	[40] = nla_u32,           /* IFLA_GSO_MAX_SEGS */
	[41] = nla_u32,           /* IFLA_GSO_MAX_SIZE */
	[43] = nla_ifla_xdp,      /* IFLA_XDP */
	[44] = nla_ifla_event,    /* IFLA_EVENT */
	[45] = nla_s32,           /* IFLA_NEW_NETNSID */
	[46] = nla_s32,           /* IFLA_IF_NETNSID */
	[47] = nla_u32,           /* IFLA_CARRIER_UP_COUNT */
	[48] = nla_u32,           /* IFLA_CARRIER_DOWN_COUNT */
	[49] = nla_ifindex,       /* IFLA_NEW_IFINDEX */
	[50] = nla_u32,           /* IFLA_MIN_MTU */
	[51] = nla_u32,           /* IFLA_MAX_MTU */
	[52] = nla_ifla_prop_list, /* IFLA_PROP_LIST */
	[53] = nla_str,           /* IFLA_ALT_IFNAME */
	[55] = nla_ifla_proto_down_reason, /* IFLA_PROTO_DOWN_REASON */
	[56] = nla_str,           /* IFLA_PARENT_DEV_NAME */
	[57] = nla_str,           /* IFLA_PARENT_DEV_BUS_NAME */
	[58] = nla_u32,           /* IFLA_GRO_MAX_SIZE */
	[59] = nla_u32,           /* IFLA_TSO_MAX_SIZE */
	[60] = nla_u32,           /* IFLA_TSO_MAX_SEGS */
	[61] = nla_u32,           /* IFLA_ALLMULTI */
};

static const struct named_value nh_grp_types_rows[] = {
	{ 0, "NEXTHOP_GRP_TYPE_MPATH" },
	{ 1, "NEXTHOP_GRP_TYPE_RES" },
};
static const struct value_table nh_grp_types = NL_ROWS(nh_grp_types_rows, "NEXTHOP_GRP_TYPE_???");

static const struct named_value nha_res_group_attrs_rows[] = {
	{ 0, "NHA_RES_GROUP_PAD" },
	{ 1, "NHA_RES_GROUP_BUCKETS" },
	{ 2, "NHA_RES_GROUP_IDLE_TIMER" },
	{ 3, "NHA_RES_GROUP_UNBALANCED_TIMER" },
	{ 4, "NHA_RES_GROUP_UNBALANCED_TIME" },
};
static const struct value_table nha_res_group_attrs = NL_ROWS(nha_res_group_attrs_rows, "NHA_RES_GROUP_???");

static const struct named_value nha_res_bucket_attrs_rows[] = {
	{ 0, "NHA_RES_BUCKET_PAD" },
	{ 1, "NHA_RES_BUCKET_INDEX" },
	{ 2, "NHA_RES_BUCKET_IDLE_TIME" },
	{ 3, "NHA_RES_BUCKET_NH_ID" },
};
static const struct value_table nha_res_bucket_attrs = NL_ROWS(nha_res_bucket_attrs_rows, "NHA_RES_BUCKET_???");

static const struct named_value lwt_encap_types_rows[] = {
	{ 0, "LWTUNNEL_ENCAP_NONE" },
	{ 1, "LWTUNNEL_ENCAP_MPLS" },
	{ 2, "LWTUNNEL_ENCAP_IP" },
	{ 3, "LWTUNNEL_ENCAP_ILA" },
	{ 4, "LWTUNNEL_ENCAP_IP6" },
	{ 5, "LWTUNNEL_ENCAP_SEG6" },
	{ 6, "LWTUNNEL_ENCAP_BPF" },
	{ 7, "LWTUNNEL_ENCAP_SEG6_LOCAL" },
	{ 8, "LWTUNNEL_ENCAP_RPL" },
};
static const struct value_table lwt_encap_types = NL_ROWS(lwt_encap_types_rows, "LWTUNNEL_ENCAP_???");

/* ---- next hops (strace's rtnl_nh.c) ---- */

static const struct nl_field nexthop_grp_fields[] = {
	{ "id", 0, 4, FIELD_U, 0 },
	{ "weight", 4, 1, FIELD_U, 0 },
	{ "resvd1", 5, 1, FIELD_X_NONZERO, 0 },
	{ "resvd2", 6, 2, FIELD_X_NONZERO, 0 },
};
static int nla_nh_grp(const struct decode_context *ctx, uintptr_t addr,
		      unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_struct_array(ctx, addr, len, 8, FIELDS(nexthop_grp_fields));
}
NLA_XVAL(nla_nh_grp_type, nh_grp_types, 2, 0)
/* strace's decode_nla_lwt_encap_type: at least a u16. */
static int nla_lwt_encap_type(const struct decode_context *ctx,
			      uintptr_t addr, unsigned len, const void *opaque)
{
	(void)opaque;
	if (len < 2)
		return 0;
	return nla_xval(ctx, addr, 2, &lwt_encap_types, 2, 0);
}
static const nla_decoder_fn nha_res_group_decoders[] = {
	[1] = nla_u16, [2] = nla_clock_t, [3] = nla_clock_t, [4] = nla_clock_t,
};
static const struct nla_table nha_res_group_nla = {
	&nha_res_group_attrs, FIELDS(nha_res_group_decoders), 0, 0 };
NLA_NEST(nla_nha_res_group, nha_res_group_nla)
static const nla_decoder_fn nha_res_bucket_decoders[] = {
	[1] = nla_u16, [2] = nla_clock_t, [3] = nla_u32,
};
static const struct nla_table nha_res_bucket_nla = {
	&nha_res_bucket_attrs, FIELDS(nha_res_bucket_decoders), 0, 0 };
NLA_NEST(nla_nha_res_bucket, nha_res_bucket_nla)
static const nla_decoder_fn nha_decoders[] = {
	[1] = nla_u32,            /* NHA_ID */
	[2] = nla_nh_grp,         /* NHA_GROUP */
	[3] = nla_nh_grp_type,    /* NHA_GROUP_TYPE */
	[4] = nla_u32,            /* NHA_BLACKHOLE */
	[5] = nla_ifindex,        /* NHA_OIF */
	[6] = nla_family_addr,    /* NHA_GATEWAY */
	[7] = nla_lwt_encap_type, /* NHA_ENCAP_TYPE */
	[9] = nla_u32,            /* NHA_GROUPS */
	[10] = nla_ifindex,       /* NHA_MASTER */
	[11] = nla_u32,           /* NHA_FDB */
	[12] = nla_nha_res_group, /* NHA_RES_GROUP */
	[13] = nla_nha_res_bucket, /* NHA_RES_BUCKET */
};

static const struct named_value tca_act_flags_rows[] = {
	{ 1, "TCA_ACT_FLAGS_NO_PERCPU_STATS" },
	{ 2, "TCA_ACT_FLAGS_SKIP_HW" },
	{ 4, "TCA_ACT_FLAGS_SKIP_SW" },
};
static const struct value_table tca_act_flags = NL_ROWS(tca_act_flags_rows, "TCA_ACT_FLAGS_???");

static const struct named_value tca_act_hw_stats_rows[] = {
	{ 1, "TCA_ACT_HW_STATS_IMMEDIATE" },
	{ 2, "TCA_ACT_HW_STATS_DELAYED" },
};
static const struct value_table tca_act_hw_stats = NL_ROWS(tca_act_hw_stats_rows, "TCA_ACT_HW_STATS_???");

/* ---- rules and actions (strace's rtnl_rule.c, rtnl_tc_action.c) ---- */

/* strace's decode_nla_rt_class: a u32 of the routing tables. */
static int nla_rt_class(const struct decode_context *ctx, uintptr_t addr,
			unsigned len, const void *opaque)
{
	(void)opaque;
	return len >= 4 && nla_xval(ctx, addr, 4, &rt_tables, 4, 0);
}
static int nla_rt_proto(const struct decode_context *ctx, uintptr_t addr,
			unsigned len, const void *opaque)
{
	(void)opaque;
	return len >= 1 && nla_xval(ctx, addr, 1, &rt_protocols, 1, 0);
}
static int nla_ip_proto(const struct decode_context *ctx, uintptr_t addr,
			unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_xval(ctx, addr, len, value_table_get(VT_IPPROTO), 0, 0);
}
/* strace's decode_nla_be64: htobe64(N). */
static int nla_be64(const struct decode_context *ctx, uintptr_t addr,
		    unsigned len, const void *opaque)
{
	uint64_t v;
	(void)opaque;
	if (len < sizeof v)
		return 0;
	if (!read_exact(ctx, &v, addr, sizeof v)) {
		tb_ptr(ctx->tb, addr);
		return 1;
	}
	tb_str(ctx->tb, "htobe64(");
	tb_udec(ctx->tb, __builtin_bswap64(v));
	tb_char(ctx->tb, ')');
	return 1;
}
static const struct nl_field uid_range_fields[] = {
	{ "start", 0, 4, FIELD_U, 0 },
	{ "end", 4, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_uid_range, 8, uid_range_fields)
static const struct nl_field port_range_fields[] = {
	{ "start", 0, 2, FIELD_U, 0 },
	{ "end", 2, 2, FIELD_U, 0 },
};
NLA_STRUCT(nla_port_range, 4, port_range_fields)
static const nla_decoder_fn fra_decoders[] = {
	[1] = nla_family_addr, /* FRA_DST */
	[2] = nla_family_addr, /* FRA_SRC */
	[3] = nla_str,         /* FRA_IIFNAME */
	[4] = nla_u32, [6] = nla_u32, [10] = nla_u32, [11] = nla_u32,
	[12] = nla_be64,       /* FRA_TUN_ID */
	[13] = nla_u32, [14] = nla_u32,
	[15] = nla_rt_class,   /* FRA_TABLE */
	[16] = nla_u32,        /* FRA_FWMASK */
	[17] = nla_str,        /* FRA_OIFNAME */
	[19] = nla_u8,         /* FRA_L3MDEV */
	[20] = nla_uid_range,  /* FRA_UID_RANGE */
	[21] = nla_rt_proto,   /* FRA_PROTOCOL */
	[22] = nla_ip_proto,   /* FRA_IP_PROTO */
	[23] = nla_port_range, /* FRA_SPORT_RANGE */
	[24] = nla_port_range, /* FRA_DPORT_RANGE */
};

NLA_XVAL(nla_tca_act_flags, tca_act_flags, 4, 1)
NLA_XVAL(nla_tca_act_hw_stats, tca_act_hw_stats, 4, 1)
static const nla_decoder_fn tca_act_decoders[] = {
	[1] = nla_str,              /* TCA_ACT_KIND */
	[3] = nla_u32,              /* TCA_ACT_INDEX */
	[4] = nla_tca_stats2,       /* TCA_ACT_STATS */
	[7] = nla_tca_act_flags,    /* TCA_ACT_FLAGS */
	[8] = nla_tca_act_hw_stats, /* TCA_ACT_HW_STATS */
	[9] = nla_tca_act_hw_stats, /* TCA_ACT_USED_HW_STATS */
	[10] = nla_u32,             /* TCA_ACT_IN_HW_COUNT */
};

/* ---- neighbours (strace's rtnl_neigh.c) ---- */

static const struct named_value nfea_attrs_rows[] = {
	{ 0, "NFEA_UNSPEC" },
	{ 1, "NFEA_ACTIVITY_NOTIFY" },
	{ 2, "NFEA_DONT_REFRESH" },
};
static const struct value_table nfea_attrs = NL_ROWS(nfea_attrs_rows, "NFEA_???");
static const struct named_value fdb_notify_flags_rows[] = {
	{ 1, "FDB_NOTIFY_BIT" },
	{ 2, "FDB_NOTIFY_INACTIVE_BIT" },
};
static const struct value_table fdb_notify_flags =
	NL_ROWS(fdb_notify_flags_rows, "FDB_NOTIFY_???");
static const struct named_value ntf_ext_flags_rows[] = {
	{ 1, "NTF_EXT_MANAGED" },
};
static const struct value_table ntf_ext_flags =
	NL_ROWS(ntf_ext_flags_rows, "NTF_EXT_???");

/* strace's decode_nla_hwaddr_nofamily: up to 32 bytes, 0a:1b:... */
static int nla_hwaddr(const struct decode_context *ctx, uintptr_t addr,
		      unsigned len, const void *opaque)
{
	unsigned char b[32];
	(void)opaque;
	if (len > sizeof b)
		return 0;
	if (read_exact(ctx, b, addr, len))
		print_mac(ctx->tb, b, len);
	else
		tb_ptr(ctx->tb, addr);
	return 1;
}
/* strace's decode_nla_be16: htons(N). */
static int nla_be16(const struct decode_context *ctx, uintptr_t addr,
		    unsigned len, const void *opaque)
{
	uint16_t v;
	(void)opaque;
	if (len < sizeof v)
		return 0;
	if (!read_exact(ctx, &v, addr, sizeof v)) {
		tb_ptr(ctx->tb, addr);
		return 1;
	}
	tb_str(ctx->tb, "htons(");
	tb_udec(ctx->tb, __builtin_bswap16(v));
	tb_char(ctx->tb, ')');
	return 1;
}
static const struct nl_field nda_cacheinfo_fields[] = {
	{ "ndm_confirmed", 0, 4, FIELD_U, 0 },
	{ "ndm_used", 4, 4, FIELD_U, 0 },
	{ "ndm_updated", 8, 4, FIELD_U, 0 },
	{ "ndm_refcnt", 12, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_nda_cacheinfo, 16, nda_cacheinfo_fields)
NLA_XVAL(nla_fdb_notify_flags, fdb_notify_flags, 1, 1)
static const nla_decoder_fn nfea_decoders[] = {
	[1] = nla_fdb_notify_flags, /* NFEA_ACTIVITY_NOTIFY */
};
static const struct nla_table nfea_nla = { &nfea_attrs, FIELDS(nfea_decoders), 0, 0 };
NLA_NEST(nla_nda_fdb_ext_attrs, nfea_nla)
NLA_XVAL(nla_nda_ext_flags, ntf_ext_flags, 4, 1)
NLA_XVAL(nla_nda_ndm_states, nud_states, 2, 1)
NLA_XVAL(nla_nda_ndm_flags, ntf_flags, 1, 1)
static const nla_decoder_fn nda_decoders[] = {
	[1] = nla_family_addr,        /* NDA_DST */
	[2] = nla_hwaddr,             /* NDA_LLADDR */
	[3] = nla_nda_cacheinfo,      /* NDA_CACHEINFO */
	[4] = nla_u32,                /* NDA_PROBES */
	[5] = nla_u16,                /* NDA_VLAN */
	[6] = nla_be16,               /* NDA_PORT */
	[7] = nla_u32,                /* NDA_VNI */
	[8] = nla_ifindex,            /* NDA_IFINDEX */
	[9] = nla_ifindex,            /* NDA_MASTER */
	[10] = nla_u32,               /* NDA_LINK_NETNSID */
	[11] = nla_u32,               /* NDA_SRC_VNI */
	[12] = nla_ip_proto,          /* NDA_PROTOCOL */
	[13] = nla_u32,               /* NDA_NH_ID */
	[14] = nla_nda_fdb_ext_attrs, /* NDA_FDB_EXT_ATTRS */
	[15] = nla_nda_ext_flags,     /* NDA_FLAGS_EXT */
	[16] = nla_nda_ndm_states,    /* NDA_NDM_STATE_MASK */
	[17] = nla_nda_ndm_flags,     /* NDA_NDM_FLAGS_MASK */
};

static const struct named_value rtax_attrs_rows[] = {
	{ 0, "RTAX_UNSPEC" },
	{ 1, "RTAX_LOCK" },
	{ 2, "RTAX_MTU" },
	{ 3, "RTAX_WINDOW" },
	{ 4, "RTAX_RTT" },
	{ 5, "RTAX_RTTVAR" },
	{ 6, "RTAX_SSTHRESH" },
	{ 7, "RTAX_CWND" },
	{ 8, "RTAX_ADVMSS" },
	{ 9, "RTAX_REORDERING" },
	{ 0xa, "RTAX_HOPLIMIT" },
	{ 0xb, "RTAX_INITCWND" },
	{ 0xc, "RTAX_FEATURES" },
	{ 0xd, "RTAX_RTO_MIN" },
	{ 0xe, "RTAX_INITRWND" },
	{ 0xf, "RTAX_QUICKACK" },
	{ 0x10, "RTAX_CC_ALGO" },
	{ 0x11, "RTAX_FASTOPEN_NO_COOKIE" },
};
static const struct value_table rtax_attrs = NL_ROWS(rtax_attrs_rows, "RTAX_???");

/* ---- routes (strace's rtnl_route.c) ---- */

static const nla_decoder_fn rtax_decoders[] = {
	[1] = nla_u32, [2] = nla_u32, [3] = nla_u32, [4] = nla_u32,
	[5] = nla_u32, [6] = nla_u32, [7] = nla_u32, [8] = nla_u32,
	[9] = nla_u32, [10] = nla_u32, [11] = nla_u32, [12] = nla_u32,
	[13] = nla_u32, [14] = nla_u32, [15] = nla_u32,
	[16] = nla_str, /* RTAX_CC_ALGO */
};
static const struct nla_table rtax_nla = { &rtax_attrs, FIELDS(rtax_decoders), 0, 0 };
NLA_NEST(nla_rta_metrics, rtax_nla)
static const struct nl_field rta_cacheinfo_fields[] = {
	{ "rta_clntref", 0, 4, FIELD_U, 0 },
	{ "rta_lastuse", 4, 4, FIELD_U, 0 },
	{ "rta_expires", 8, 4, FIELD_U, 0 },
	{ "rta_error", 12, 4, FIELD_U, 0 },
	{ "rta_used", 16, 4, FIELD_U, 0 },
	{ "rta_id", 20, 4, FIELD_X, 0 },
	{ "rta_ts", 24, 4, FIELD_U, 0 },
	{ "rta_tsage", 28, 4, FIELD_U, 0 },
};
NLA_STRUCT(nla_rta_cacheinfo, 32, rta_cacheinfo_fields)
static const struct nl_field rta_mfc_stats_fields[] = {
	{ "mfcs_packets", 0, 8, FIELD_U, 0 },
	{ "mfcs_bytes", 8, 8, FIELD_U, 0 },
	{ "mfcs_wrong_if", 16, 8, FIELD_U, 0 },
};
NLA_STRUCT(nla_rta_mfc_stats, 24, rta_mfc_stats_fields)
/* struct rtvia: the family, then an address of it. */
static int nla_rtvia(const struct decode_context *ctx, uintptr_t addr,
		     unsigned len, const void *opaque)
{
	struct text_buffer *tb = ctx->tb;
	uint16_t family;
	(void)opaque;
	if (len < sizeof family)
		return 0;
	if (!read_exact(ctx, &family, addr, sizeof family)) {
		tb_ptr(tb, addr);
		return 1;
	}
	tb_str(tb, "{rtvia_family=");
	print_af(tb, family);
	if (len > 2) {
		unsigned char a[16];
		unsigned size = family == 2 ? 4 : family == 10 ? 16 : 0;
		tb_str(tb, ", ");
		if (size && len - 2 >= size && read_exact(ctx, a, addr + 2, size))
			print_inet_field(tb, "rtvia_addr", family, a, size);
		else if (size && len - 2 >= size)
			tb_ptr(tb, addr + 2);
		else {
			tb_str(tb, "rtvia_addr=");
			print_buffer(ctx, addr + 2, len - 2, 1);
		}
	}
	tb_char(tb, '}');
	return 1;
}
static int nla_rta_multipath(const struct decode_context *ctx,
			     uintptr_t addr, unsigned len, const void *opaque);
static const nla_decoder_fn rta_decoders[] = {
	[1] = nla_family_addr,    /* RTA_DST */
	[2] = nla_family_addr,    /* RTA_SRC */
	[3] = nla_ifindex,        /* RTA_IIF */
	[4] = nla_ifindex,        /* RTA_OIF */
	[5] = nla_family_addr,    /* RTA_GATEWAY */
	[6] = nla_u32,            /* RTA_PRIORITY */
	[7] = nla_family_addr,    /* RTA_PREFSRC */
	[8] = nla_rta_metrics,    /* RTA_METRICS */
	[9] = nla_rta_multipath,  /* RTA_MULTIPATH */
	[10] = nla_u32,           /* RTA_PROTOINFO */
	[11] = nla_u32,           /* RTA_FLOW */
	[12] = nla_rta_cacheinfo, /* RTA_CACHEINFO */
	[14] = nla_u32,           /* RTA_MP_ALGO */
	[15] = nla_rt_class,      /* RTA_TABLE */
	[16] = nla_u32,           /* RTA_MARK */
	[17] = nla_rta_mfc_stats, /* RTA_MFC_STATS */
	[18] = nla_rtvia,         /* RTA_VIA */
	[19] = nla_family_addr,   /* RTA_NEWDST */
	[20] = nla_u8,            /* RTA_PREF */
	[21] = nla_lwt_encap_type, /* RTA_ENCAP_TYPE */
	[23] = nla_u64,           /* RTA_EXPIRES */
	[25] = nla_u32,           /* RTA_UID */
	[26] = nla_u8,            /* RTA_TTL_PROPAGATE */
	[27] = nla_u8,            /* RTA_IP_PROTO */
	[28] = nla_u16,           /* RTA_SPORT */
	[29] = nla_u16,           /* RTA_DPORT */
};
static const struct nla_table rta_nla = { &rta_attrs, FIELDS(rta_decoders), 0, 0 };

/* RTA_MULTIPATH: struct rtnexthop-headed runs of route attributes
 * (strace's decode_rta_multipath, its walk kept as it is). */
static int nla_rta_multipath(const struct decode_context *ctx,
			     uintptr_t addr, unsigned len, const void *opaque)
{
	static const struct nl_field rtnexthop_fields[] = {
		{ "rtnh_len", 0, 2, FIELD_U, 0 },
		{ "rtnh_flags", 2, 1, FIELD_FLAGS, &rtnh_flags },
		{ "rtnh_hops", 3, 1, FIELD_U, 0 },
		{ "rtnh_ifindex", 4, 4, FIELD_IFINDEX, 0 },
	};
	struct text_buffer *tb = ctx->tb;
	unsigned char nh[8];
	uintptr_t cur = addr;
	unsigned left = len;
	int is_array = 0;
	if (len < sizeof nh)
		return 0;
	for (;;) {
		uint16_t nh_len;
		if (!read_exact(ctx, nh, cur, sizeof nh)) {
			tb_ptr(tb, cur);
			break;
		}
		__builtin_memcpy(&nh_len, nh, 2);
		unsigned rtnh_len = nh_len < left ? nh_len : left;
		if (cur == addr && nh_len < len) {
			tb_char(tb, '[');
			is_array = 1;
		}
		if (cur > addr)
			tb_str(tb, ", ");
		if (rtnh_len > sizeof nh)
			tb_char(tb, '[');
		tb_char(tb, '{');
		print_nl_fields(ctx, FIELDS(rtnexthop_fields), nh);
		tb_char(tb, '}');
		if (rtnh_len > sizeof nh) {
			tb_str(tb, ", ");
			print_nlattrs(ctx, cur + sizeof nh, rtnh_len - sizeof nh,
				      &rta_nla, opaque);
			tb_char(tb, ']');
		}
		unsigned aligned = (rtnh_len + 3) & ~3u;
		if (aligned >= left)
			break;
		cur += aligned;
		left -= aligned;
	}
	if (is_array)
		tb_char(tb, ']');
	return 1;
}

static const struct named_value mdba_mdb_attrs_rows[] = {
	{ 0, "MDBA_MDB_UNSPEC" },
	{ 1, "MDBA_MDB_ENTRY" },
};
static const struct value_table mdba_mdb_attrs = NL_ROWS(mdba_mdb_attrs_rows, "MDBA_MDB_???");

static const struct named_value mdba_mdb_entry_attrs_rows[] = {
	{ 0, "MDBA_MDB_ENTRY_UNSPEC" },
	{ 1, "MDBA_MDB_ENTRY_INFO" },
};
static const struct value_table mdba_mdb_entry_attrs = NL_ROWS(mdba_mdb_entry_attrs_rows, "MDBA_MDB_ENTRY_???");

static const struct named_value mdba_mdb_eattr_attrs_rows[] = {
	{ 0, "MDBA_MDB_EATTR_UNSPEC" },
	{ 1, "MDBA_MDB_EATTR_TIMER" },
	{ 2, "MDBA_MDB_EATTR_SRC_LIST" },
	{ 3, "MDBA_MDB_EATTR_GROUP_MODE" },
	{ 4, "MDBA_MDB_EATTR_SOURCE" },
	{ 5, "MDBA_MDB_EATTR_RTPROT" },
};
static const struct value_table mdba_mdb_eattr_attrs = NL_ROWS(mdba_mdb_eattr_attrs_rows, "MDBA_MDB_EATTR_???");

static const struct named_value mdba_router_attrs_rows[] = {
	{ 0, "MDBA_ROUTER_UNSPEC" },
	{ 1, "MDBA_ROUTER_PORT" },
};
static const struct value_table mdba_router_attrs = NL_ROWS(mdba_router_attrs_rows, "MDBA_ROUTER_???");

static const struct named_value mdba_router_pattr_attrs_rows[] = {
	{ 0, "MDBA_ROUTER_PATTR_UNSPEC" },
	{ 1, "MDBA_ROUTER_PATTR_TIMER" },
	{ 2, "MDBA_ROUTER_PATTR_TYPE" },
	{ 3, "MDBA_ROUTER_PATTR_INET_TIMER" },
	{ 4, "MDBA_ROUTER_PATTR_INET6_TIMER" },
};
static const struct value_table mdba_router_pattr_attrs = NL_ROWS(mdba_router_pattr_attrs_rows, "MDBA_ROUTER_PATTR_???");

static const struct named_value mdb_states_rows[] = {
	{ 0, "MDB_TEMPORARY" },
	{ 1, "MDB_PERMANENT" },
};
static const struct value_table mdb_states = NL_ROWS(mdb_states_rows, "MDB_???");

static const struct named_value mdb_flags_rows[] = {
	{ 1, "MDB_FLAGS_OFFLOAD" },
	{ 2, "MDB_FLAGS_FAST_LEAVE" },
	{ 4, "MDB_FLAGS_STAR_EXCL" },
	{ 8, "MDB_FLAGS_BLOCKED" },
};
static const struct value_table mdb_flags = NL_ROWS(mdb_flags_rows, "MDB_FLAGS_???");

static const struct named_value mcast_router_types_rows[] = {
	{ 0, "MDB_RTR_TYPE_DISABLED" },
	{ 1, "MDB_RTR_TYPE_TEMP_QUERY" },
	{ 2, "MDB_RTR_TYPE_PERM" },
	{ 3, "MDB_RTR_TYPE_TEMP" },
};
static const struct value_table mcast_router_types = NL_ROWS(mcast_router_types_rows, "MDB_RTR_TYPE_???");

/* ---- bridge multicast database (strace's rtnl_mdb.c) ---- */

static const nla_decoder_fn mdba_mdb_eattr_decoders[] = {
	[1] = nla_clock_t, /* MDBA_MDB_EATTR_TIMER */
};
static const struct nla_table mdba_mdb_eattr_nla = {
	&mdba_mdb_eattr_attrs, FIELDS(mdba_mdb_eattr_decoders), 0, 0 };
/* struct br_mdb_entry (28 bytes): ifindex, state, flags, vid, the group
 * address of the family in its proto (be16); then its attributes. */
static int nla_mdb_entry_info(const struct decode_context *ctx,
			      uintptr_t addr, unsigned len, const void *opaque)
{
	static const struct nl_field entry_fields[] = {
		{ "ifindex", 0, 4, FIELD_IFINDEX, 0 },
		{ "state", 4, 1, FIELD_XVAL, &mdb_states },
		{ "flags", 5, 1, FIELD_FLAGS, &mdb_flags },
		{ "vid", 6, 2, FIELD_U, 0 },
	};
	struct text_buffer *tb = ctx->tb;
	unsigned char e[28];
	(void)opaque;
	if (len < sizeof e)
		return 0;
	if (!read_exact(ctx, e, addr, sizeof e)) {
		tb_ptr(tb, addr);
	} else {
		unsigned proto = (unsigned)e[24] << 8 | e[25];
		tb_char(tb, '{');
		print_nl_fields(ctx, FIELDS(entry_fields), e);
		tb_str(tb, ", addr={");
		print_inet_field(tb, "u", proto, e + 8, 16);
		tb_str(tb, ", proto=htons(");
		print_af(tb, proto);
		tb_str(tb, ")}}");
	}
	if (len > sizeof e) {
		tb_str(tb, ", ");
		print_nlattrs(ctx, addr + sizeof e, len - sizeof e,
			      &mdba_mdb_eattr_nla, 0);
	}
	return 1;
}
static const nla_decoder_fn mdba_mdb_entry_decoders[] = {
	[1] = nla_mdb_entry_info, /* MDBA_MDB_ENTRY_INFO */
};
static const struct nla_table mdba_mdb_entry_nla = {
	&mdba_mdb_entry_attrs, FIELDS(mdba_mdb_entry_decoders), 0, 0 };
NLA_NEST(nla_mdba_mdb_entry, mdba_mdb_entry_nla)
static const nla_decoder_fn mdba_mdb_decoders[] = {
	[1] = nla_mdba_mdb_entry, /* MDBA_MDB_ENTRY */
};
static const struct nla_table mdba_mdb_nla = { &mdba_mdb_attrs,
					       FIELDS(mdba_mdb_decoders), 0, 0 };
NLA_NEST(nla_mdba_mdb, mdba_mdb_nla)
/* strace's decode_multicast_router_type: a byte, whatever the length. */
static int nla_mcast_router_type(const struct decode_context *ctx,
				 uintptr_t addr, unsigned len,
				 const void *opaque)
{
	uint8_t type;
	(void)len;
	(void)opaque;
	if (read_exact(ctx, &type, addr, 1))
		print_enum(ctx->tb, &mcast_router_types, type);
	else
		tb_ptr(ctx->tb, addr);
	return 1;
}
static const nla_decoder_fn mdba_router_pattr_decoders[] = {
	[1] = nla_clock_t, [2] = nla_mcast_router_type, [3] = nla_clock_t,
	[4] = nla_clock_t,
};
static const struct nla_table mdba_router_pattr_nla = {
	&mdba_router_pattr_attrs, FIELDS(mdba_router_pattr_decoders), 0, 0 };
/* MDBA_ROUTER_PORT: an interface index, then its attributes. */
static int nla_mdba_router_port(const struct decode_context *ctx,
				uintptr_t addr, unsigned len,
				const void *opaque)
{
	(void)opaque;
	if (!nla_ifindex(ctx, addr, len, 0))
		return 0;
	if (len > 4) {
		tb_str(ctx->tb, ", ");
		print_nlattrs(ctx, addr + 4, len - 4, &mdba_router_pattr_nla, 0);
	}
	return 1;
}
static const nla_decoder_fn mdba_router_decoders[] = {
	[1] = nla_mdba_router_port, /* MDBA_ROUTER_PORT */
};
static const struct nla_table mdba_router_nla = {
	&mdba_router_attrs, FIELDS(mdba_router_decoders), 0, 0 };
NLA_NEST(nla_mdba_router, mdba_router_nla)
static const nla_decoder_fn mdba_decoders[] = {
	[1] = nla_mdba_mdb,    /* MDBA_MDB */
	[2] = nla_mdba_router, /* MDBA_ROUTER */
};

static const struct named_value bridge_vlan_flags_rows[] = {
	{ 1, "BRIDGE_VLAN_INFO_MASTER" },
	{ 2, "BRIDGE_VLAN_INFO_PVID" },
	{ 4, "BRIDGE_VLAN_INFO_UNTAGGED" },
	{ 8, "BRIDGE_VLAN_INFO_RANGE_BEGIN" },
	{ 0x10, "BRIDGE_VLAN_INFO_RANGE_END" },
	{ 0x20, "BRIDGE_VLAN_INFO_BRENTRY" },
	{ 0x40, "BRIDGE_VLAN_INFO_ONLY_OPTS" },
};
static const struct value_table bridge_vlan_flags = NL_ROWS(bridge_vlan_flags_rows, "BRIDGE_VLAN_INFO_???");

static const struct named_value mcast_dir_indices_rows[] = {
	{ 0, "BR_MCAST_DIR_RX" },
	{ 1, "BR_MCAST_DIR_TX" },
};
static const struct value_table mcast_dir_indices = NL_ROWS(mcast_dir_indices_rows, "BR_MCAST_DIR_???");

static const struct named_value xstats_bridge_attrs_rows[] = {
	{ 0, "BRIDGE_XSTATS_UNSPEC" },
	{ 1, "BRIDGE_XSTATS_VLAN" },
	{ 2, "BRIDGE_XSTATS_MCAST" },
	{ 3, "BRIDGE_XSTATS_PAD" },
	{ 4, "BRIDGE_XSTATS_STP" },
};
static const struct value_table xstats_bridge_attrs = NL_ROWS(xstats_bridge_attrs_rows, "BRIDGE_XSTATS_???");

static const struct named_value xstats_bond_3ad_attrs_rows[] = {
	{ 0, "BOND_3AD_STAT_LACPDU_RX" },
	{ 1, "BOND_3AD_STAT_LACPDU_TX" },
	{ 2, "BOND_3AD_STAT_LACPDU_UNKNOWN_RX" },
	{ 3, "BOND_3AD_STAT_LACPDU_ILLEGAL_RX" },
	{ 4, "BOND_3AD_STAT_MARKER_RX" },
	{ 5, "BOND_3AD_STAT_MARKER_TX" },
	{ 6, "BOND_3AD_STAT_MARKER_RESP_RX" },
	{ 7, "BOND_3AD_STAT_MARKER_RESP_TX" },
	{ 8, "BOND_3AD_STAT_MARKER_UNKNOWN_RX" },
	{ 9, "BOND_3AD_STAT_PAD" },
};
static const struct value_table xstats_bond_3ad_attrs = NL_ROWS(xstats_bond_3ad_attrs_rows, "BOND_XSTATS_???");

static const struct named_value xstats_bond_attrs_rows[] = {
	{ 0, "BOND_XSTATS_UNSPEC" },
	{ 1, "BOND_XSTATS_3AD" },
};
static const struct value_table xstats_bond_attrs = NL_ROWS(xstats_bond_attrs_rows, "BOND_XSTATS_???");

static const struct named_value xstats_type_attrs_rows[] = {
	{ 0, "LINK_XSTATS_TYPE_UNSPEC" },
	{ 1, "LINK_XSTATS_TYPE_BRIDGE" },
	{ 2, "LINK_XSTATS_TYPE_BOND" },
};
static const struct value_table xstats_type_attrs = NL_ROWS(xstats_type_attrs_rows, "LINK_XSTATS_TYPE_???");

static const struct named_value offload_attrs_rows[] = {
	{ 0, "IFLA_OFFLOAD_XSTATS_UNSPEC" },
	{ 1, "IFLA_OFFLOAD_XSTATS_CPU_HIT" },
};
static const struct value_table offload_attrs = NL_ROWS(offload_attrs_rows, "IFLA_OFFLOAD_XSTATS_???");

static const struct named_value mpls_stats_attrs_rows[] = {
	{ 0, "MPLS_STATS_UNSPEC" },
	{ 1, "MPLS_STATS_LINK" },
};
static const struct value_table mpls_stats_attrs = NL_ROWS(mpls_stats_attrs_rows, "MPLS_STATS_???");

/* ---- interface statistics (strace's rtnl_stats.c) ---- */

#define NLA_STRUCT_TAIL(name, size, fields)                                 \
	static int name(const struct decode_context *ctx, uintptr_t addr,   \
			unsigned len, const void *opaque)                   \
	{                                                                   \
		(void)opaque;                                               \
		return nla_struct_tail(ctx, addr, len, size, FIELDS(fields)); \
	}
static const struct nl_field bridge_vlan_xstats_fields[] = {
	{ "rx_bytes", 0, 8, FIELD_U, 0 },
	{ "rx_packets", 8, 8, FIELD_U, 0 },
	{ "tx_bytes", 16, 8, FIELD_U, 0 },
	{ "tx_packets", 24, 8, FIELD_U, 0 },
	{ "vid", 32, 2, FIELD_U, 0 },
	{ "flags", 34, 2, FIELD_FLAGS, &bridge_vlan_flags },
	{ "pad2", 36, 4, FIELD_X_NONZERO, 0 },
};
NLA_STRUCT_TAIL(nla_bridge_vlan_xstats, 40, bridge_vlan_xstats_fields)
#define MCAST(name, at) { name, at, 16, FIELD_U64_ARRAY, &mcast_dir_indices }
static const struct nl_field br_mcast_stats_fields[] = {
	MCAST("igmp_v1queries", 0), MCAST("igmp_v2queries", 16),
	MCAST("igmp_v3queries", 32), MCAST("igmp_leaves", 48),
	MCAST("igmp_v1reports", 64), MCAST("igmp_v2reports", 80),
	MCAST("igmp_v3reports", 96),
	{ "igmp_parse_errors", 112, 8, FIELD_U, 0 },
	MCAST("mld_v1queries", 120), MCAST("mld_v2queries", 136),
	MCAST("mld_leaves", 152), MCAST("mld_v1reports", 168),
	MCAST("mld_v2reports", 184),
	{ "mld_parse_errors", 200, 8, FIELD_U, 0 },
	MCAST("mcast_bytes", 208), MCAST("mcast_packets", 224),
};
#undef MCAST
NLA_STRUCT_TAIL(nla_br_mcast_stats, 240, br_mcast_stats_fields)
static const struct nl_field bridge_stp_xstats_fields[] = {
	{ "transition_blk", 0, 8, FIELD_U, 0 },
	{ "transition_fwd", 8, 8, FIELD_U, 0 },
	{ "rx_bpdu", 16, 8, FIELD_U, 0 },
	{ "tx_bpdu", 24, 8, FIELD_U, 0 },
	{ "rx_tcn", 32, 8, FIELD_U, 0 },
	{ "tx_tcn", 40, 8, FIELD_U, 0 },
};
NLA_STRUCT_TAIL(nla_bridge_stp_xstats, 48, bridge_stp_xstats_fields)
static const nla_decoder_fn xstats_bridge_decoders[] = {
	[1] = nla_bridge_vlan_xstats, /* BRIDGE_XSTATS_VLAN */
	[2] = nla_br_mcast_stats,     /* BRIDGE_XSTATS_MCAST */
	[4] = nla_bridge_stp_xstats,  /* BRIDGE_XSTATS_STP */
};
static const struct nla_table xstats_bridge_nla = {
	&xstats_bridge_attrs, FIELDS(xstats_bridge_decoders), 0, 0 };
NLA_NEST(nla_xstats_bridge, xstats_bridge_nla)
static const nla_decoder_fn xstats_bond_3ad_decoders[] = {
	[0] = nla_u64, [1] = nla_u64, [2] = nla_u64, [3] = nla_u64,
	[4] = nla_u64, [5] = nla_u64, [6] = nla_u64, [7] = nla_u64,
	[8] = nla_u64,
};
static const struct nla_table xstats_bond_3ad_nla = {
	&xstats_bond_3ad_attrs, FIELDS(xstats_bond_3ad_decoders), 0, 0 };
NLA_NEST(nla_xstats_bond_3ad, xstats_bond_3ad_nla)
static const nla_decoder_fn xstats_bond_decoders[] = {
	[1] = nla_xstats_bond_3ad, /* BOND_XSTATS_3AD */
};
static const struct nla_table xstats_bond_nla = { &xstats_bond_attrs,
						  FIELDS(xstats_bond_decoders), 0, 0 };
NLA_NEST(nla_xstats_bond, xstats_bond_nla)
static const nla_decoder_fn xstats_type_decoders[] = {
	[1] = nla_xstats_bridge, /* LINK_XSTATS_TYPE_BRIDGE */
	[2] = nla_xstats_bond,   /* LINK_XSTATS_TYPE_BOND */
};
static const struct nla_table xstats_type_nla = { &xstats_type_attrs,
						  FIELDS(xstats_type_decoders), 0, 0 };
NLA_NEST(nla_link_xstats, xstats_type_nla)
static const nla_decoder_fn offload_decoders[] = {
	[1] = nla_link_stats64, /* IFLA_OFFLOAD_XSTATS_CPU_HIT */
};
static const struct nla_table offload_nla = { &offload_attrs,
					      FIELDS(offload_decoders), 0, 0 };
NLA_NEST(nla_link_offload_xstats, offload_nla)
static const struct nl_field mpls_link_stats_fields[] = {
	{ "rx_packets", 0, 8, FIELD_U, 0 },
	{ "tx_packets", 8, 8, FIELD_U, 0 },
	{ "rx_bytes", 16, 8, FIELD_U, 0 },
	{ "tx_bytes", 24, 8, FIELD_U, 0 },
	{ "rx_errors", 32, 8, FIELD_U, 0 },
	{ "tx_errors", 40, 8, FIELD_U, 0 },
	{ "rx_dropped", 48, 8, FIELD_U, 0 },
	{ "tx_dropped", 56, 8, FIELD_U, 0 },
	{ "rx_noroute", 64, 8, FIELD_U, 0 },
};
NLA_STRUCT_TAIL(nla_mpls_link_stats, 72, mpls_link_stats_fields)
static const nla_decoder_fn mpls_stats_decoders[] = {
	[1] = nla_mpls_link_stats, /* MPLS_STATS_LINK */
};
static const struct nla_table mpls_stats_nla = { &mpls_stats_attrs,
						 FIELDS(mpls_stats_decoders), 0, 0 };
/* IFLA_STATS_AF_SPEC: attributes typed by address family, each a nest of
 * that family's (AF_MPLS's alone decoded). */
static int nla_ifstats_af(const struct decode_context *ctx, uintptr_t addr,
			  unsigned len, const void *opaque)
{
	if ((uintptr_t)opaque == 28 /* AF_MPLS */)
		print_nlattrs(ctx, addr, len, &mpls_stats_nla, 0);
	else
		print_buffer(ctx, addr, len, 1);
	return 1;
}
static const nla_decoder_fn ifstats_af_decoders[] = { nla_ifstats_af };
static const struct nla_table ifstats_af_nla = {
	0, FIELDS(ifstats_af_decoders), VT_ADDRESS_FAMILY, 1
};
NLA_NEST(nla_ifstats_af_spec, ifstats_af_nla)
static const nla_decoder_fn ifla_stats_decoders[] = {
	[1] = nla_link_stats64,        /* IFLA_STATS_LINK_64 */
	[2] = nla_link_xstats,         /* IFLA_STATS_LINK_XSTATS */
	[3] = nla_link_xstats,         /* IFLA_STATS_LINK_XSTATS_SLAVE */
	[4] = nla_link_offload_xstats, /* IFLA_STATS_LINK_OFFLOAD_XSTATS */
	[5] = nla_ifstats_af_spec,     /* IFLA_STATS_AF_SPEC */
};

static const struct named_value af_bridge_attrs_rows[] = {
	{ 0, "IFLA_BRIDGE_FLAGS" },
	{ 1, "IFLA_BRIDGE_MODE" },
	{ 2, "IFLA_BRIDGE_VLAN_INFO" },
	{ 3, "IFLA_BRIDGE_VLAN_TUNNEL_INFO" },
	{ 4, "IFLA_BRIDGE_MRP" },
	{ 5, "IFLA_BRIDGE_CFM" },
	{ 6, "IFLA_BRIDGE_MST" },
};
static const struct value_table af_bridge_attrs = NL_ROWS(af_bridge_attrs_rows, "IFLA_BRIDGE_???");

static const struct named_value vlan_tunnel_attrs_rows[] = {
	{ 0, "IFLA_BRIDGE_VLAN_TUNNEL_UNSPEC" },
	{ 1, "IFLA_BRIDGE_VLAN_TUNNEL_ID" },
	{ 2, "IFLA_BRIDGE_VLAN_TUNNEL_VID" },
	{ 3, "IFLA_BRIDGE_VLAN_TUNNEL_FLAGS" },
};
static const struct value_table vlan_tunnel_attrs = NL_ROWS(vlan_tunnel_attrs_rows, "IFLA_BRIDGE_VLAN_TUNNEL_???");

static const struct named_value af_inet_attrs_rows[] = {
	{ 0, "IFLA_INET_UNSPEC" },
	{ 1, "IFLA_INET_CONF" },
};
static const struct value_table af_inet_attrs = NL_ROWS(af_inet_attrs_rows, "IFLA_INET_???");

static const struct named_value af_mctp_attrs_rows[] = {
	{ 0, "IFLA_MCTP_UNSPEC" },
	{ 1, "IFLA_MCTP_NET" },
};
static const struct value_table af_mctp_attrs = NL_ROWS(af_mctp_attrs_rows, "IFLA_MCTP_???");

/* IPV4_DEVCONF_* - 1: the kernel numbers them from 1, the array
 * from 0. */
static const struct named_value ipv4_devconf_indices_rows[] = {
	{ 0, "IPV4_DEVCONF_FORWARDING-1" },
	{ 1, "IPV4_DEVCONF_MC_FORWARDING-1" },
	{ 2, "IPV4_DEVCONF_PROXY_ARP-1" },
	{ 3, "IPV4_DEVCONF_ACCEPT_REDIRECTS-1" },
	{ 4, "IPV4_DEVCONF_SECURE_REDIRECTS-1" },
	{ 5, "IPV4_DEVCONF_SEND_REDIRECTS-1" },
	{ 6, "IPV4_DEVCONF_SHARED_MEDIA-1" },
	{ 7, "IPV4_DEVCONF_RP_FILTER-1" },
	{ 8, "IPV4_DEVCONF_ACCEPT_SOURCE_ROUTE-1" },
	{ 9, "IPV4_DEVCONF_BOOTP_RELAY-1" },
	{ 0xa, "IPV4_DEVCONF_LOG_MARTIANS-1" },
	{ 0xb, "IPV4_DEVCONF_TAG-1" },
	{ 0xc, "IPV4_DEVCONF_ARPFILTER-1" },
	{ 0xd, "IPV4_DEVCONF_MEDIUM_ID-1" },
	{ 0xe, "IPV4_DEVCONF_NOXFRM-1" },
	{ 0xf, "IPV4_DEVCONF_NOPOLICY-1" },
	{ 0x10, "IPV4_DEVCONF_FORCE_IGMP_VERSION-1" },
	{ 0x11, "IPV4_DEVCONF_ARP_ANNOUNCE-1" },
	{ 0x12, "IPV4_DEVCONF_ARP_IGNORE-1" },
	{ 0x13, "IPV4_DEVCONF_PROMOTE_SECONDARIES-1" },
	{ 0x14, "IPV4_DEVCONF_ARP_ACCEPT-1" },
	{ 0x15, "IPV4_DEVCONF_ARP_NOTIFY-1" },
	{ 0x16, "IPV4_DEVCONF_ACCEPT_LOCAL-1" },
	{ 0x17, "IPV4_DEVCONF_SRC_VMARK-1" },
	{ 0x18, "IPV4_DEVCONF_PROXY_ARP_PVLAN-1" },
	{ 0x19, "IPV4_DEVCONF_ROUTE_LOCALNET-1" },
	{ 0x1a, "IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVAL-1" },
	{ 0x1b, "IPV4_DEVCONF_IGMPV3_UNSOLICITED_REPORT_INTERVAL-1" },
	{ 0x1c, "IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN-1" },
	{ 0x1d, "IPV4_DEVCONF_DROP_UNICAST_IN_L2_MULTICAST-1" },
	{ 0x1e, "IPV4_DEVCONF_DROP_GRATUITOUS_ARP-1" },
	{ 0x1f, "IPV4_DEVCONF_BC_FORWARDING-1" },
	{ 0x20, "IPV4_DEVCONF_ARP_EVICT_NOCARRIER-1" },
};
static const struct value_table ipv4_devconf_indices = NL_ROWS(ipv4_devconf_indices_rows, "IPV4_DEVCONF_???");

static const struct named_value bridge_flags_rows[] = {
	{ 1, "BRIDGE_FLAGS_MASTER" },
	{ 2, "BRIDGE_FLAGS_SELF" },
};
static const struct value_table bridge_flags = NL_ROWS(bridge_flags_rows, "BRIDGE_FLAGS_???");

static const struct named_value bridge_modes_rows[] = {
	{ 0, "BRIDGE_MODE_VEB" },
	{ 1, "BRIDGE_MODE_VEPA" },
	{ 0xffff, "BRIDGE_MODE_UNDEF" },
};
static const struct value_table bridge_modes = NL_ROWS(bridge_modes_rows, "BRIDGE_MODE_???");

/* IFLA_AF_SPEC (strace's decode_ifla_af_spec): a bridge's attributes
 * for AF_BRIDGE, else attributes typed by address family, each a nest of
 * that family's (AF_INET's, AF_INET6's, AF_MCTP's). */
static int nla_inet_conf(const struct decode_context *ctx, uintptr_t addr,
			 unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_array(ctx, addr, len, 4, FIELD_D, &ipv4_devconf_indices);
}
static const nla_decoder_fn af_inet_decoders[] = {
	[1] = nla_inet_conf, /* IFLA_INET_CONF */
};
static const struct nla_table af_inet_nla = { &af_inet_attrs,
					      FIELDS(af_inet_decoders), 0, 0 };
static const nla_decoder_fn af_mctp_decoders[] = {
	[1] = nla_u32, /* IFLA_MCTP_NET */
};
static const struct nla_table af_mctp_nla = { &af_mctp_attrs,
					      FIELDS(af_mctp_decoders), 0, 0 };
static int nla_link_af(const struct decode_context *ctx, uintptr_t addr,
		       unsigned len, const void *opaque)
{
	switch ((uintptr_t)opaque) {
	case 2: /* AF_INET */
		print_nlattrs(ctx, addr, len, &af_inet_nla, 0);
		break;
	case 10: /* AF_INET6 */
		print_nlattrs(ctx, addr, len, &ifla_inet6_nla, 0);
		break;
	case 45: /* AF_MCTP */
		print_nlattrs(ctx, addr, len, &af_mctp_nla, 0);
		break;
	default:
		print_buffer(ctx, addr, len, 1);
	}
	return 1;
}
static const nla_decoder_fn link_af_decoders[] = { nla_link_af };
static const struct nla_table link_af_nla = {
	0, FIELDS(link_af_decoders), VT_ADDRESS_FAMILY, 1
};
static int nla_bridge_flags(const struct decode_context *ctx, uintptr_t addr,
			    unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_xval(ctx, addr, len, &bridge_flags, 2, 1);
}
NLA_XVAL(nla_bridge_mode, bridge_modes, 2, 0)
static const struct nl_field bridge_vlan_info_fields[] = {
	{ "flags", 0, 2, FIELD_FLAGS, &bridge_vlan_flags },
	{ "vid", 2, 2, FIELD_U, 0 },
};
NLA_STRUCT_TAIL(nla_bridge_vlan_info, 4, bridge_vlan_info_fields)
NLA_XVAL(nla_bridge_vlan_info_flags, bridge_vlan_flags, 2, 1)
static const nla_decoder_fn vlan_tunnel_decoders[] = {
	[1] = nla_u32,                    /* IFLA_BRIDGE_VLAN_TUNNEL_ID */
	[2] = nla_u16,                    /* IFLA_BRIDGE_VLAN_TUNNEL_VID */
	[3] = nla_bridge_vlan_info_flags, /* IFLA_BRIDGE_VLAN_TUNNEL_FLAGS */
};
static const struct nla_table vlan_tunnel_nla = {
	&vlan_tunnel_attrs, FIELDS(vlan_tunnel_decoders), 0, 0
};
NLA_NEST(nla_bridge_vlan_tunnel_info, vlan_tunnel_nla)
static const nla_decoder_fn af_bridge_decoders[] = {
	[0] = nla_bridge_flags,             /* IFLA_BRIDGE_FLAGS */
	[1] = nla_bridge_mode,              /* IFLA_BRIDGE_MODE */
	[2] = nla_bridge_vlan_info,         /* IFLA_BRIDGE_VLAN_INFO */
	[3] = nla_bridge_vlan_tunnel_info,  /* IFLA_BRIDGE_VLAN_TUNNEL_INFO */
};
static const struct nla_table af_bridge_nla = {
	&af_bridge_attrs, FIELDS(af_bridge_decoders), 0, 0
};
static int nla_ifla_af_spec(const struct decode_context *ctx, uintptr_t addr,
			    unsigned len, const void *opaque)
{
	if (*(const uint8_t *)opaque == 7) /* AF_BRIDGE */
		print_nlattrs(ctx, addr, len, &af_bridge_nla, opaque);
	else
		print_nlattrs(ctx, addr, len, &link_af_nla, opaque);
	return 1;
}

#define NLA_NAMES(table) { &table, 0, 0, 0, 0 }
#define NLA_DECODED(table, decoders) { &table, FIELDS(decoders), 0, 0 }
static const struct nla_table ifla_nla = NLA_DECODED(ifla_attrs, ifla_decoders);
static const struct nla_table ifa_nla = NLA_DECODED(ifa_attrs, ifa_decoders);
static const struct nla_table nda_nla = NLA_DECODED(nda_attrs, nda_decoders);
static const struct nla_table fra_nla = NLA_DECODED(fra_attrs, fra_decoders);
static const struct nla_table tca_nla = NLA_DECODED(tca_attrs, tca_decoders);
static const struct nla_table ndta_nla = NLA_DECODED(ndta_attrs, ndta_decoders);
static const struct nla_table ifal_nla = NLA_NAMES(ifal_attrs);
static const struct nla_table dcb_nla = NLA_NAMES(dcb_attrs);
static const struct nla_table netconfa_nla =
	NLA_DECODED(netconfa_attrs, netconfa_decoders);
static const struct nla_table mdba_nla = NLA_DECODED(mdba_attrs, mdba_decoders);
static const struct nla_table netnsa_nla =
	NLA_DECODED(netnsa_attrs, netnsa_decoders);
static const struct nla_table ifla_stats_nla =
	NLA_DECODED(ifla_stats_attrs, ifla_stats_decoders);
static const struct nla_table nha_nla = NLA_DECODED(nha_attrs, nha_decoders);
static const struct nla_table tca_act_nla =
	NLA_DECODED(tca_act_attrs, tca_act_decoders);

/* ---- the headers, as rows ---- */

static const struct nl_field ifinfomsg_fields[] = {
	{ "ifi_type", 2, 2, FIELD_XVAL, &arp_hardware_types },
	{ "ifi_index", 4, 4, FIELD_IFINDEX, 0 },
	{ "ifi_flags", 8, 4, FIELD_FLAGS, &iff_flags },
	{ "ifi_change", 12, 4, FIELD_X, 0 },
};
static const struct nl_struct ifinfomsg = { "ifi_family", 16,
					    FIELDS(ifinfomsg_fields),
					    &ifla_nla };

static const struct nl_field ifaddrmsg_fields[] = {
	{ "ifa_prefixlen", 1, 1, FIELD_U, 0 },
	{ "ifa_flags", 2, 1, FIELD_FLAGS, &ifa_flags },
	{ "ifa_scope", 3, 1, FIELD_XVAL, &rt_scopes },
	{ "ifa_index", 4, 4, FIELD_IFINDEX, 0 },
};
static const struct nl_struct ifaddrmsg = { "ifa_family", 8,
					    FIELDS(ifaddrmsg_fields), &ifa_nla };

static const struct nl_field rtmsg_fields[] = {
	{ "rtm_dst_len", 1, 1, FIELD_U, 0 },
	{ "rtm_src_len", 2, 1, FIELD_U, 0 },
	{ "rtm_tos", 3, 1, FIELD_FLAGS, &iptos },
	{ "rtm_table", 4, 1, FIELD_XVAL, &rt_tables },
	{ "rtm_protocol", 5, 1, FIELD_XVAL, &rt_protocols },
	{ "rtm_scope", 6, 1, FIELD_XVAL, &rt_scopes },
	{ "rtm_type", 7, 1, FIELD_XVAL, &rt_types },
	{ "rtm_flags", 8, 4, FIELD_FLAGS, &rtm_flags },
};
static const struct nl_struct rtmsg = { "rtm_family", 12,
					FIELDS(rtmsg_fields), &rta_nla };

static const struct nl_field ndmsg_fields[] = {
	{ "ndm_ifindex", 4, 4, FIELD_IFINDEX, 0 },
	{ "ndm_state", 8, 2, FIELD_FLAGS, &nud_states },
	{ "ndm_flags", 10, 1, FIELD_FLAGS, &ntf_flags },
	{ "ndm_type", 11, 1, FIELD_XVAL, &rt_types },
};
static const struct nl_struct ndmsg = { "ndm_family", 12,
					FIELDS(ndmsg_fields), &nda_nla };

static const struct nl_field fib_rule_hdr_fields[] = {
	{ "dst_len", 1, 1, FIELD_U, 0 },
	{ "src_len", 2, 1, FIELD_U, 0 },
	{ "tos", 3, 1, FIELD_FLAGS, &iptos },
	{ "table", 4, 1, FIELD_XVAL, &rt_tables_named },
	{ "action", 7, 1, FIELD_XVAL, &fr_actions },
	{ "flags", 8, 4, FIELD_FLAGS, &fib_rule_flags },
};
static const struct nl_struct fib_rule_hdr = { "family", 12,
					       FIELDS(fib_rule_hdr_fields),
					       &fra_nla };

static const struct nl_field tcmsg_fields[] = {
	{ "tcm_ifindex", 4, 4, FIELD_IFINDEX, 0 },
	{ "tcm_handle", 8, 4, FIELD_U, 0 },
	{ "tcm_parent", 12, 4, FIELD_U, 0 },
	{ "tcm_info", 16, 4, FIELD_U, 0 },
};
static const struct nl_struct tcmsg = { "tcm_family", 20,
					FIELDS(tcmsg_fields), &tca_nla };

static const struct nl_field ifaddrlblmsg_fields[] = {
	{ "ifal_prefixlen", 2, 1, FIELD_U, 0 },
	{ "ifal_flags", 3, 1, FIELD_U, 0 },
	{ "ifal_index", 4, 4, FIELD_IFINDEX, 0 },
	{ "ifal_seq", 8, 4, FIELD_U, 0 },
};
static const struct nl_struct ifaddrlblmsg = { "ifal_family", 12,
					       FIELDS(ifaddrlblmsg_fields),
					       &ifal_nla };

static const struct nl_field dcbmsg_fields[] = {
	{ "cmd", 1, 1, FIELD_XVAL, &dcb_cmds },
};
static const struct nl_struct dcbmsg = { "dcb_family", 4,
					 FIELDS(dcbmsg_fields), &dcb_nla };

static const struct nl_field br_port_msg_fields[] = {
	{ "ifindex", 4, 4, FIELD_IFINDEX, 0 },
};
static const struct nl_struct br_port_msg = { "family", 8,
					      FIELDS(br_port_msg_fields),
					      &mdba_nla };

static const struct nl_field if_stats_msg_fields[] = {
	{ "pad1", 1, 1, FIELD_X_NONZERO, 0 },
	{ "pad2", 2, 2, FIELD_X_NONZERO, 0 },
	{ "ifindex", 4, 4, FIELD_IFINDEX, 0 },
	{ "filter_mask", 8, 4, FIELD_FLAGS, &ifstats_flags },
};
static const struct nl_struct if_stats_msg = { "family", 12,
					       FIELDS(if_stats_msg_fields),
					       &ifla_stats_nla };

static const struct nl_field nhmsg_fields[] = {
	{ "nh_scope", 1, 1, FIELD_XVAL, &rt_scopes },
	{ "nh_protocol", 2, 1, FIELD_XVAL, &rt_protocols },
	{ "resvd", 3, 1, FIELD_X_NONZERO, 0 },
	{ "nh_flags", 4, 4, FIELD_FLAGS, &rtnh_flags },
};
static const struct nl_struct nhmsg = { "nh_family", 8, FIELDS(nhmsg_fields),
					&nha_nla };

/* The headers of the family alone. */
static const struct nl_struct ndtmsg = { "ndtm_family", 4, 0, 0, &ndta_nla };
static const struct nl_struct netconfmsg = { "ncm_family", 4, 0, 0,
					     &netconfa_nla };
static const struct nl_struct nsid_rtgenmsg = { "rtgen_family", 1, 0, 0,
						&netnsa_nla };
static const struct nl_struct tcamsg = { "tca_family", 4, 0, 0,
					 &tca_act_nla };

/* RTM_NEWCACHEREPORT's rtgenmsg: the family among RTNL_FAMILY_* then
 * AF_*, the attributes of IPMR's or IP6MR's reports (strace's
 * decode_cachereport). */
static void print_cachereport(const struct decode_context *ctx,
			      uint8_t family, uintptr_t addr, unsigned len)
{
	struct text_buffer *tb = ctx->tb;
	const char *name = value_table_name(&rtnl_families, family);
	if (!name)
		name = value_table_name(value_table_get(VT_ADDRESS_FAMILY),
					family);
	tb_str(tb, "{rtgen_family=");
	if (name)
		print_named_value(tb, family, name, CONST_HEX);
	else
		print_enum(tb, &rtnl_families, family);
	tb_char(tb, '}');
	if (len <= 4)
		return;
	tb_str(tb, ", ");
	if (family == 0x80)
		print_nlattrs(ctx, addr + 4, len - 4, &ipmra_nla, 0);
	else if (family == 0x81)
		print_nlattrs(ctx, addr + 4, len - 4, &ip6mra_nla, 0);
	else
		print_buffer(ctx, addr + 4, len - 4, 1);
}

/* By message type, from RTM_BASE (16); RTM_GETNEIGH of AF_BRIDGE is an
 * ifinfomsg (getneigh_bridge). */
static const struct nl_struct *const route_headers[] = {
	[0] = &ifinfomsg, [1] = &ifinfomsg, [2] = &ifinfomsg, [3] = &ifinfomsg,
	[4] = &ifaddrmsg, [5] = &ifaddrmsg, [6] = &ifaddrmsg,
	[8] = &rtmsg, [9] = &rtmsg, [10] = &rtmsg,
	[12] = &ndmsg, [13] = &ndmsg, [14] = &ndmsg,
	[16] = &fib_rule_hdr, [17] = &fib_rule_hdr, [18] = &fib_rule_hdr,
	[20] = &tcmsg, [21] = &tcmsg, [22] = &tcmsg,
	[24] = &tcmsg, [25] = &tcmsg, [26] = &tcmsg,
	[28] = &tcmsg, [29] = &tcmsg, [30] = &tcmsg,
	[32] = &tcamsg, [33] = &tcamsg, [34] = &tcamsg,
	[42] = &ifaddrmsg, /* RTM_GETMULTICAST */
	[46] = &ifaddrmsg, /* RTM_GETANYCAST */
	[48] = &ndtmsg, [50] = &ndtmsg, [51] = &ndtmsg,
	[56] = &ifaddrlblmsg, [57] = &ifaddrlblmsg, [58] = &ifaddrlblmsg,
	[62] = &dcbmsg, [63] = &dcbmsg,
	[64] = &netconfmsg, [65] = &netconfmsg, [66] = &netconfmsg,
	[68] = &br_port_msg, [69] = &br_port_msg, [70] = &br_port_msg,
	[72] = &nsid_rtgenmsg, [73] = &nsid_rtgenmsg, [74] = &nsid_rtgenmsg,
	[76] = &if_stats_msg, [78] = &if_stats_msg,
	[84] = &tcmsg, [85] = &tcmsg, [86] = &tcmsg,
	[88] = &nhmsg, [89] = &nhmsg, [90] = &nhmsg,
};
enum { RTM_GETNEIGH_INDEX = 14, RTM_NEWCACHEREPORT_INDEX = 80 };

int netlink_route_payload(const struct decode_context *ctx,
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
	unsigned index = h->type - 16u;
	const struct nl_struct *s =
		index < sizeof route_headers / sizeof *route_headers
			? route_headers[index]
			: 0;
	if (index == RTM_GETNEIGH_INDEX && family == 7 /* AF_BRIDGE */)
		s = &ifinfomsg;
	if (index == RTM_NEWCACHEREPORT_INDEX)
		print_cachereport(ctx, family, addr, len);
	else if (s)
		print_nl_struct(ctx, s, family, addr, len);
	else
		print_family_payload(ctx, family, addr, len);
	return 1;
}
