/* netlink_decoders: netlink messages in a socket's data, as strace 6.1
 * prints them (sendto, recvfrom, and the iovec of sendmsg/recvmsg when
 * msg_name is an AF_NETLINK address), and the netlink attribute walk the
 * families' decoders share. See netlink.h for the layout of the layer.
 *
 * Which family: strace asks sock_diag for the socket's protocol; here the
 * traced process owns the descriptor, so one raw getsockopt (SO_DOMAIN,
 * then SO_PROTOCOL) says it, with no libc and errno untouched.
 *
 * Layouts (the kernel's): struct nlmsghdr is 16 bytes: nlmsg_len (u32),
 * nlmsg_type (u16), nlmsg_flags (u16), nlmsg_seq, nlmsg_pid (u32); struct
 * nlmsgerr is an int error and the nlmsghdr it answers (20 bytes); struct
 * nlattr is nla_len and nla_type (u16 each). Records are padded to 4. */
#include <errno.h>
#include <linux/netlink.h>
#include <linux/sockios.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/handlers/netlink.h"

enum {
	NL_HDRLEN = 16,
	NLA_HDRLEN_ = 4,
	NLMSGERR_SIZE = 20,
	NL_MIN_TYPE = 0x10, /* NLMSG_MIN_TYPE: below are control messages */
	/* Nests deeper than this print as hex (strace's have no bound; the
	 * deepest of its tests nest 5). */
	NL_MAX_DEPTH = 16,
};

/* ---- the names (strace 6.1's xlat tables, in its order) ---- */

/* The flags every message may carry, then those of its kind of request:
 * each table is the common rows followed by the kind's. */
#define NL_COMMON_FLAGS \
	{ 1, "NLM_F_REQUEST" }, \
	{ 2, "NLM_F_MULTI" }, \
	{ 4, "NLM_F_ACK" }, \
	{ 8, "NLM_F_ECHO" }, \
	{ 0x10, "NLM_F_DUMP_INTR" }, \
	{ 0x20, "NLM_F_DUMP_FILTERED" }
static const struct named_value f_plain_rows[] = { NL_COMMON_FLAGS };
static const struct named_value f_get_rows[] = {
	NL_COMMON_FLAGS,
	{ 0x300, "NLM_F_DUMP" },
	{ 0x100, "NLM_F_ROOT" },
	{ 0x200, "NLM_F_MATCH" },
	{ 0x400, "NLM_F_ATOMIC" },
};
static const struct named_value f_new_rows[] = {
	NL_COMMON_FLAGS,
	{ 0x100, "NLM_F_REPLACE" },
	{ 0x200, "NLM_F_EXCL" },
	{ 0x400, "NLM_F_CREATE" },
	{ 0x800, "NLM_F_APPEND" },
};
static const struct named_value f_del_rows[] = {
	NL_COMMON_FLAGS,
	{ 0x100, "NLM_F_NONREC" },
	{ 0x200, "NLM_F_BULK" },
};
static const struct named_value f_ack_rows[] = {
	NL_COMMON_FLAGS,
	{ 0x100, "NLM_F_CAPPED" },
	{ 0x200, "NLM_F_ACK_TLVS" },
};
enum nl_flag_kind { NLF_PLAIN, NLF_GET, NLF_NEW, NLF_DEL, NLF_ACK };
static const struct value_table nl_flag_tables[] = {
	[NLF_PLAIN] = NL_ROWS(f_plain_rows, "NLM_F_???"),
	[NLF_GET] = NL_ROWS(f_get_rows, "NLM_F_???"),
	[NLF_NEW] = NL_ROWS(f_new_rows, "NLM_F_???"),
	[NLF_DEL] = NL_ROWS(f_del_rows, "NLM_F_???"),
	[NLF_ACK] = NL_ROWS(f_ack_rows, "NLM_F_???"),
};

static const struct named_value nl_control_types_rows[] = {
	{ 1, "NLMSG_NOOP" },
	{ 2, "NLMSG_ERROR" },
	{ 3, "NLMSG_DONE" },
	{ 4, "NLMSG_OVERRUN" },
};
static const struct value_table nl_control_types =
	NL_ROWS(nl_control_types_rows, "NLMSG_???");

static const struct named_value nl_sock_diag_types_rows[] = {
	{ 0x12, "TCPDIAG_GETSOCK" },
	{ 0x13, "DCCPDIAG_GETSOCK" },
	{ 0x14, "SOCK_DIAG_BY_FAMILY" },
	{ 0x15, "SOCK_DESTROY" },
};
static const struct value_table nl_sock_diag_types = NL_ROWS(nl_sock_diag_types_rows, "SOCK_DIAG_???");

static const struct named_value nl_audit_types_rows[] = {
	{ 0x3e8, "AUDIT_GET" },
	{ 0x3e9, "AUDIT_SET" },
	{ 0x3ea, "AUDIT_LIST" },
	{ 0x3eb, "AUDIT_ADD" },
	{ 0x3ec, "AUDIT_DEL" },
	{ 0x3ed, "AUDIT_USER" },
	{ 0x3ee, "AUDIT_LOGIN" },
	{ 0x3ef, "AUDIT_WATCH_INS" },
	{ 0x3f0, "AUDIT_WATCH_REM" },
	{ 0x3f1, "AUDIT_WATCH_LIST" },
	{ 0x3f2, "AUDIT_SIGNAL_INFO" },
	{ 0x3f3, "AUDIT_ADD_RULE" },
	{ 0x3f4, "AUDIT_DEL_RULE" },
	{ 0x3f5, "AUDIT_LIST_RULES" },
	{ 0x3f6, "AUDIT_TRIM" },
	{ 0x3f7, "AUDIT_MAKE_EQUIV" },
	{ 0x3f8, "AUDIT_TTY_GET" },
	{ 0x3f9, "AUDIT_TTY_SET" },
	{ 0x3fa, "AUDIT_SET_FEATURE" },
	{ 0x3fb, "AUDIT_GET_FEATURE" },
	{ 0x44c, "AUDIT_FIRST_USER_MSG" },
	{ 0x453, "AUDIT_USER_AVC" },
	{ 0x464, "AUDIT_USER_TTY" },
	{ 0x4af, "AUDIT_LAST_USER_MSG" },
	{ 0x4b0, "AUDIT_DAEMON_START" },
	{ 0x4b1, "AUDIT_DAEMON_END" },
	{ 0x4b2, "AUDIT_DAEMON_ABORT" },
	{ 0x4b3, "AUDIT_DAEMON_CONFIG" },
	{ 0x514, "AUDIT_SYSCALL" },
	{ 0x515, "AUDIT_FS_WATCH" },
	{ 0x516, "AUDIT_PATH" },
	{ 0x517, "AUDIT_IPC" },
	{ 0x518, "AUDIT_SOCKETCALL" },
	{ 0x519, "AUDIT_CONFIG_CHANGE" },
	{ 0x51a, "AUDIT_SOCKADDR" },
	{ 0x51b, "AUDIT_CWD" },
	{ 0x51d, "AUDIT_EXECVE" },
	{ 0x51f, "AUDIT_IPC_SET_PERM" },
	{ 0x520, "AUDIT_MQ_OPEN" },
	{ 0x521, "AUDIT_MQ_SENDRECV" },
	{ 0x522, "AUDIT_MQ_NOTIFY" },
	{ 0x523, "AUDIT_MQ_GETSETATTR" },
	{ 0x524, "AUDIT_KERNEL_OTHER" },
	{ 0x525, "AUDIT_FD_PAIR" },
	{ 0x526, "AUDIT_OBJ_PID" },
	{ 0x527, "AUDIT_TTY" },
	{ 0x528, "AUDIT_EOE" },
	{ 0x529, "AUDIT_BPRM_FCAPS" },
	{ 0x52a, "AUDIT_CAPSET" },
	{ 0x52b, "AUDIT_MMAP" },
	{ 0x52c, "AUDIT_NETFILTER_PKT" },
	{ 0x52d, "AUDIT_NETFILTER_CFG" },
	{ 0x52e, "AUDIT_SECCOMP" },
	{ 0x52f, "AUDIT_PROCTITLE" },
	{ 0x530, "AUDIT_FEATURE_CHANGE" },
	{ 0x531, "AUDIT_REPLACE" },
	{ 0x532, "AUDIT_KERN_MODULE" },
	{ 0x533, "AUDIT_FANOTIFY" },
	{ 0x534, "AUDIT_TIME_INJOFFSET" },
	{ 0x535, "AUDIT_TIME_ADJNTPVAL" },
	{ 0x536, "AUDIT_BPF" },
	{ 0x537, "AUDIT_EVENT_LISTENER" },
	{ 0x538, "AUDIT_URINGOP" },
	{ 0x539, "AUDIT_OPENAT2" },
	{ 0x53a, "AUDIT_DM_CTRL" },
	{ 0x53b, "AUDIT_DM_EVENT" },
	{ 0x578, "AUDIT_AVC" },
	{ 0x579, "AUDIT_SELINUX_ERR" },
	{ 0x57a, "AUDIT_AVC_PATH" },
	{ 0x57b, "AUDIT_MAC_POLICY_LOAD" },
	{ 0x57c, "AUDIT_MAC_STATUS" },
	{ 0x57d, "AUDIT_MAC_CONFIG_CHANGE" },
	{ 0x57e, "AUDIT_MAC_UNLBL_ALLOW" },
	{ 0x57f, "AUDIT_MAC_CIPSOV4_ADD" },
	{ 0x580, "AUDIT_MAC_CIPSOV4_DEL" },
	{ 0x581, "AUDIT_MAC_MAP_ADD" },
	{ 0x582, "AUDIT_MAC_MAP_DEL" },
	{ 0x583, "AUDIT_MAC_IPSEC_ADDSA" },
	{ 0x584, "AUDIT_MAC_IPSEC_DELSA" },
	{ 0x585, "AUDIT_MAC_IPSEC_ADDSPD" },
	{ 0x586, "AUDIT_MAC_IPSEC_DELSPD" },
	{ 0x587, "AUDIT_MAC_IPSEC_EVENT" },
	{ 0x588, "AUDIT_MAC_UNLBL_STCADD" },
	{ 0x589, "AUDIT_MAC_UNLBL_STCDEL" },
	{ 0x58a, "AUDIT_MAC_CALIPSO_ADD" },
	{ 0x58b, "AUDIT_MAC_CALIPSO_DEL" },
	{ 0x6a4, "AUDIT_ANOM_PROMISCUOUS" },
	{ 0x6a5, "AUDIT_ANOM_ABEND" },
	{ 0x6a6, "AUDIT_ANOM_LINK" },
	{ 0x6a7, "AUDIT_ANOM_CREAT" },
	{ 0x707, "AUDIT_LAST_KERN_ANOM_MSG" },
	{ 0x708, "AUDIT_INTEGRITY_DATA" },
	{ 0x709, "AUDIT_INTEGRITY_METADATA" },
	{ 0x70a, "AUDIT_INTEGRITY_STATUS" },
	{ 0x70b, "AUDIT_INTEGRITY_HASH" },
	{ 0x70c, "AUDIT_INTEGRITY_PCR" },
	{ 0x70d, "AUDIT_INTEGRITY_RULE" },
	{ 0x70e, "AUDIT_INTEGRITY_EVM_XATTR" },
	{ 0x70f, "AUDIT_INTEGRITY_POLICY_RULE" },
	{ 0x7d0, "AUDIT_KERNEL" },
	{ 0x834, "AUDIT_FIRST_USER_MSG2" },
	{ 0xbb7, "AUDIT_LAST_USER_MSG2" },
};
static const struct value_table nl_audit_types = NL_ROWS(nl_audit_types_rows, "AUDIT_???");

static const struct named_value nl_selinux_types_rows[] = {
	{ 0x10, "SELNL_MSG_SETENFORCE" },
	{ 0x11, "SELNL_MSG_POLICYLOAD" },
};
static const struct value_table nl_selinux_types = NL_ROWS(nl_selinux_types_rows, "SELNL_MSG_???");

static const struct named_value nl_xfrm_types_rows[] = {
	{ 0x10, "XFRM_MSG_NEWSA" },
	{ 0x11, "XFRM_MSG_DELSA" },
	{ 0x12, "XFRM_MSG_GETSA" },
	{ 0x13, "XFRM_MSG_NEWPOLICY" },
	{ 0x14, "XFRM_MSG_DELPOLICY" },
	{ 0x15, "XFRM_MSG_GETPOLICY" },
	{ 0x16, "XFRM_MSG_ALLOCSPI" },
	{ 0x17, "XFRM_MSG_ACQUIRE" },
	{ 0x18, "XFRM_MSG_EXPIRE" },
	{ 0x19, "XFRM_MSG_UPDPOLICY" },
	{ 0x1a, "XFRM_MSG_UPDSA" },
	{ 0x1b, "XFRM_MSG_POLEXPIRE" },
	{ 0x1c, "XFRM_MSG_FLUSHSA" },
	{ 0x1d, "XFRM_MSG_FLUSHPOLICY" },
	{ 0x1e, "XFRM_MSG_NEWAE" },
	{ 0x1f, "XFRM_MSG_GETAE" },
	{ 0x20, "XFRM_MSG_REPORT" },
	{ 0x21, "XFRM_MSG_MIGRATE" },
	{ 0x22, "XFRM_MSG_NEWSADINFO" },
	{ 0x23, "XFRM_MSG_GETSADINFO" },
	{ 0x24, "XFRM_MSG_NEWSPDINFO" },
	{ 0x25, "XFRM_MSG_GETSPDINFO" },
	{ 0x26, "XFRM_MSG_MAPPING" },
	{ 0x27, "XFRM_MSG_SETDEFAULT" },
	{ 0x28, "XFRM_MSG_GETDEFAULT" },
};
static const struct value_table nl_xfrm_types = NL_ROWS(nl_xfrm_types_rows, "XFRM_MSG_???");

static const struct named_value nl_crypto_types_rows[] = {
	{ 0x10, "CRYPTO_MSG_NEWALG" },
	{ 0x11, "CRYPTO_MSG_DELALG" },
	{ 0x12, "CRYPTO_MSG_UPDATEALG" },
	{ 0x13, "CRYPTO_MSG_GETALG" },
	{ 0x14, "CRYPTO_MSG_DELRNG" },
};
static const struct value_table nl_crypto_types = NL_ROWS(nl_crypto_types_rows, "CRYPTO_MSG_???");

static const struct named_value nl_route_types_rows[] = {
	{ 0x10, "RTM_NEWLINK" },
	{ 0x11, "RTM_DELLINK" },
	{ 0x12, "RTM_GETLINK" },
	{ 0x13, "RTM_SETLINK" },
	{ 0x14, "RTM_NEWADDR" },
	{ 0x15, "RTM_DELADDR" },
	{ 0x16, "RTM_GETADDR" },
	{ 0x18, "RTM_NEWROUTE" },
	{ 0x19, "RTM_DELROUTE" },
	{ 0x1a, "RTM_GETROUTE" },
	{ 0x1c, "RTM_NEWNEIGH" },
	{ 0x1d, "RTM_DELNEIGH" },
	{ 0x1e, "RTM_GETNEIGH" },
	{ 0x20, "RTM_NEWRULE" },
	{ 0x21, "RTM_DELRULE" },
	{ 0x22, "RTM_GETRULE" },
	{ 0x24, "RTM_NEWQDISC" },
	{ 0x25, "RTM_DELQDISC" },
	{ 0x26, "RTM_GETQDISC" },
	{ 0x28, "RTM_NEWTCLASS" },
	{ 0x29, "RTM_DELTCLASS" },
	{ 0x2a, "RTM_GETTCLASS" },
	{ 0x2c, "RTM_NEWTFILTER" },
	{ 0x2d, "RTM_DELTFILTER" },
	{ 0x2e, "RTM_GETTFILTER" },
	{ 0x30, "RTM_NEWACTION" },
	{ 0x31, "RTM_DELACTION" },
	{ 0x32, "RTM_GETACTION" },
	{ 0x34, "RTM_NEWPREFIX" },
	{ 0x3a, "RTM_GETMULTICAST" },
	{ 0x3e, "RTM_GETANYCAST" },
	{ 0x40, "RTM_NEWNEIGHTBL" },
	{ 0x42, "RTM_GETNEIGHTBL" },
	{ 0x43, "RTM_SETNEIGHTBL" },
	{ 0x44, "RTM_NEWNDUSEROPT" },
	{ 0x48, "RTM_NEWADDRLABEL" },
	{ 0x49, "RTM_DELADDRLABEL" },
	{ 0x4a, "RTM_GETADDRLABEL" },
	{ 0x4e, "RTM_GETDCB" },
	{ 0x4f, "RTM_SETDCB" },
	{ 0x50, "RTM_NEWNETCONF" },
	{ 0x51, "RTM_DELNETCONF" },
	{ 0x52, "RTM_GETNETCONF" },
	{ 0x54, "RTM_NEWMDB" },
	{ 0x55, "RTM_DELMDB" },
	{ 0x56, "RTM_GETMDB" },
	{ 0x58, "RTM_NEWNSID" },
	{ 0x59, "RTM_DELNSID" },
	{ 0x5a, "RTM_GETNSID" },
	{ 0x5c, "RTM_NEWSTATS" },
	{ 0x5e, "RTM_GETSTATS" },
	{ 0x60, "RTM_NEWCACHEREPORT" },
	{ 0x64, "RTM_NEWCHAIN" },
	{ 0x65, "RTM_DELCHAIN" },
	{ 0x66, "RTM_GETCHAIN" },
	{ 0x68, "RTM_NEWNEXTHOP" },
	{ 0x69, "RTM_DELNEXTHOP" },
	{ 0x6a, "RTM_GETNEXTHOP" },
	{ 0x6c, "RTM_NEWLINKPROP" },
	{ 0x6d, "RTM_DELLINKPROP" },
	{ 0x6e, "RTM_GETLINKPROP" },
	{ 0x70, "RTM_NEWVLAN" },
	{ 0x71, "RTM_DELVLAN" },
	{ 0x72, "RTM_GETVLAN" },
	{ 0x74, "RTM_NEWNEXTHOPBUCKET" },
	{ 0x75, "RTM_DELNEXTHOPBUCKET" },
	{ 0x76, "RTM_GETNEXTHOPBUCKET" },
};
static const struct value_table nl_route_types = NL_ROWS(nl_route_types_rows, "RTM_???");

static const struct named_value nlmsgerr_attrs_rows[] = {
	{ 0, "NLMSGERR_ATTR_UNUSED" },
	{ 1, "NLMSGERR_ATTR_MSG" },
	{ 2, "NLMSGERR_ATTR_OFFS" },
	{ 3, "NLMSGERR_ATTR_COOKIE" },
	{ 4, "NLMSGERR_ATTR_POLICY" },
	{ 5, "NLMSGERR_ATTR_MISS_TYPE" },
	{ 6, "NLMSGERR_ATTR_MISS_NEST" },
};
static const struct value_table nlmsgerr_attrs = NL_ROWS(nlmsgerr_attrs_rows, "NLMSGERR_ATTR_???");

static const struct named_value nl_netfilter_subsys_ids_rows[] = {
	{ 0, "NFNL_SUBSYS_NONE" },
	{ 1, "NFNL_SUBSYS_CTNETLINK" },
	{ 2, "NFNL_SUBSYS_CTNETLINK_EXP" },
	{ 3, "NFNL_SUBSYS_QUEUE" },
	{ 4, "NFNL_SUBSYS_ULOG" },
	{ 5, "NFNL_SUBSYS_OSF" },
	{ 6, "NFNL_SUBSYS_IPSET" },
	{ 7, "NFNL_SUBSYS_ACCT" },
	{ 8, "NFNL_SUBSYS_CTNETLINK_TIMEOUT" },
	{ 9, "NFNL_SUBSYS_CTHELPER" },
	{ 0xa, "NFNL_SUBSYS_NFTABLES" },
	{ 0xb, "NFNL_SUBSYS_NFT_COMPAT" },
	{ 0xc, "NFNL_SUBSYS_HOOK" },
};
static const struct value_table nl_netfilter_subsys_ids = NL_ROWS(nl_netfilter_subsys_ids_rows, "NFNL_SUBSYS_???");

static const struct named_value nl_netfilter_msg_types_rows[] = {
	{ 0x10, "NFNL_MSG_BATCH_BEGIN" },
	{ 0x11, "NFNL_MSG_BATCH_END" },
};
static const struct value_table nl_netfilter_msg_types = NL_ROWS(nl_netfilter_msg_types_rows, "NFNL_MSG_???");

static const struct named_value nf_ct_types_rows[] = {
	{ 0, "IPCTNL_MSG_CT_NEW" },
	{ 1, "IPCTNL_MSG_CT_GET" },
	{ 2, "IPCTNL_MSG_CT_DELETE" },
	{ 3, "IPCTNL_MSG_CT_GET_CTRZERO" },
	{ 4, "IPCTNL_MSG_CT_GET_STATS_CPU" },
	{ 5, "IPCTNL_MSG_CT_GET_STATS" },
	{ 6, "IPCTNL_MSG_CT_GET_DYING" },
	{ 7, "IPCTNL_MSG_CT_GET_UNCONFIRMED" },
};
static const struct value_table nf_ct_types = NL_ROWS(nf_ct_types_rows, "IPCTNL_MSG_CT_???");

static const struct named_value nf_exp_types_rows[] = {
	{ 0, "IPCTNL_MSG_EXP_NEW" },
	{ 1, "IPCTNL_MSG_EXP_GET" },
	{ 2, "IPCTNL_MSG_EXP_DELETE" },
	{ 3, "IPCTNL_MSG_EXP_GET_STATS_CPU" },
};
static const struct value_table nf_exp_types = NL_ROWS(nf_exp_types_rows, "IPCTNL_MSG_EXP_???");

static const struct named_value nf_queue_types_rows[] = {
	{ 0, "NFQNL_MSG_PACKET" },
	{ 1, "NFQNL_MSG_VERDICT" },
	{ 2, "NFQNL_MSG_CONFIG" },
	{ 3, "NFQNL_MSG_VERDICT_BATCH" },
};
static const struct value_table nf_queue_types = NL_ROWS(nf_queue_types_rows, "NFQNL_MSG_???");

static const struct named_value nf_ulog_types_rows[] = {
	{ 0, "NFULNL_MSG_PACKET" },
	{ 1, "NFULNL_MSG_CONFIG" },
};
static const struct value_table nf_ulog_types = NL_ROWS(nf_ulog_types_rows, "NFULNL_MSG_???");

static const struct named_value nf_osf_types_rows[] = {
	{ 0, "OSF_MSG_ADD" },
	{ 1, "OSF_MSG_REMOVE" },
};
static const struct value_table nf_osf_types = NL_ROWS(nf_osf_types_rows, "OSF_MSG_???");

static const struct named_value nf_ipset_types_rows[] = {
	{ 0, "IPSET_CMD_NONE" },
	{ 1, "IPSET_CMD_PROTOCOL" },
	{ 2, "IPSET_CMD_CREATE" },
	{ 3, "IPSET_CMD_DESTROY" },
	{ 4, "IPSET_CMD_FLUSH" },
	{ 5, "IPSET_CMD_RENAME" },
	{ 6, "IPSET_CMD_SWAP" },
	{ 7, "IPSET_CMD_LIST" },
	{ 8, "IPSET_CMD_SAVE" },
	{ 9, "IPSET_CMD_ADD" },
	{ 0xa, "IPSET_CMD_DEL" },
	{ 0xb, "IPSET_CMD_TEST" },
	{ 0xc, "IPSET_CMD_HEADER" },
	{ 0xd, "IPSET_CMD_TYPE" },
	{ 0x10, "IPSET_CMD_RESTORE" },
	{ 0x11, "IPSET_CMD_HELP" },
	{ 0x12, "IPSET_CMD_VERSION" },
	{ 0x13, "IPSET_CMD_QUIT" },
	{ 0x14, "IPSET_CMD_COMMIT" },
};
static const struct value_table nf_ipset_types = NL_ROWS(nf_ipset_types_rows, "IPSET_CMD_???");

static const struct named_value nf_acct_types_rows[] = {
	{ 0, "NFNL_MSG_ACCT_NEW" },
	{ 1, "NFNL_MSG_ACCT_GET" },
	{ 2, "NFNL_MSG_ACCT_GET_CTRZERO" },
	{ 3, "NFNL_MSG_ACCT_DEL" },
	{ 4, "NFNL_MSG_ACCT_OVERQUOTA" },
};
static const struct value_table nf_acct_types = NL_ROWS(nf_acct_types_rows, "NFNL_MSG_ACCT_???");

static const struct named_value nf_cttimeout_types_rows[] = {
	{ 0, "IPCTNL_MSG_TIMEOUT_NEW" },
	{ 1, "IPCTNL_MSG_TIMEOUT_GET" },
	{ 2, "IPCTNL_MSG_TIMEOUT_DELETE" },
	{ 3, "IPCTNL_MSG_TIMEOUT_DEFAULT_SET" },
	{ 4, "IPCTNL_MSG_TIMEOUT_DEFAULT_GET" },
};
static const struct value_table nf_cttimeout_types = NL_ROWS(nf_cttimeout_types_rows, "IPCTNL_MSG_TIMEOUT_???");

static const struct named_value nf_cthelper_types_rows[] = {
	{ 0, "NFNL_MSG_CTHELPER_NEW" },
	{ 1, "NFNL_MSG_CTHELPER_GET" },
	{ 2, "NFNL_MSG_CTHELPER_DEL" },
};
static const struct value_table nf_cthelper_types = NL_ROWS(nf_cthelper_types_rows, "NFNL_MSG_CTHELPER_???");

static const struct named_value nf_nft_types_rows[] = {
	{ 0, "NFT_MSG_NEWTABLE" },
	{ 1, "NFT_MSG_GETTABLE" },
	{ 2, "NFT_MSG_DELTABLE" },
	{ 3, "NFT_MSG_NEWCHAIN" },
	{ 4, "NFT_MSG_GETCHAIN" },
	{ 5, "NFT_MSG_DELCHAIN" },
	{ 6, "NFT_MSG_NEWRULE" },
	{ 7, "NFT_MSG_GETRULE" },
	{ 8, "NFT_MSG_DELRULE" },
	{ 9, "NFT_MSG_NEWSET" },
	{ 0xa, "NFT_MSG_GETSET" },
	{ 0xb, "NFT_MSG_DELSET" },
	{ 0xc, "NFT_MSG_NEWSETELEM" },
	{ 0xd, "NFT_MSG_GETSETELEM" },
	{ 0xe, "NFT_MSG_DELSETELEM" },
	{ 0xf, "NFT_MSG_NEWGEN" },
	{ 0x10, "NFT_MSG_GETGEN" },
	{ 0x11, "NFT_MSG_TRACE" },
	{ 0x12, "NFT_MSG_NEWOBJ" },
	{ 0x13, "NFT_MSG_GETOBJ" },
	{ 0x14, "NFT_MSG_DELOBJ" },
	{ 0x15, "NFT_MSG_GETOBJ_RESET" },
	{ 0x16, "NFT_MSG_NEWFLOWTABLE" },
	{ 0x17, "NFT_MSG_GETFLOWTABLE" },
	{ 0x18, "NFT_MSG_DELFLOWTABLE" },
};
static const struct value_table nf_nft_types = NL_ROWS(nf_nft_types_rows, "NFT_MSG_???");

static const struct named_value nf_compat_types_rows[] = {
	{ 0, "NFNL_MSG_COMPAT_GET" },
};
static const struct value_table nf_compat_types = NL_ROWS(nf_compat_types_rows, "NFNL_MSG_COMPAT_???");

static const struct named_value nf_hook_types_rows[] = {
	{ 0, "NFNL_MSG_HOOK_GET" },
};
static const struct value_table nf_hook_types = NL_ROWS(nf_hook_types_rows, "NFT_MSG_HOOK_???");

/* The message types of each netfilter subsystem (by NFNL_SUBSYS_*). */
static const struct value_table *const nf_subsys_types[] = {
	[1] = &nf_ct_types, [2] = &nf_exp_types, [3] = &nf_queue_types,
	[4] = &nf_ulog_types, [5] = &nf_osf_types, [6] = &nf_ipset_types,
	[7] = &nf_acct_types, [8] = &nf_cttimeout_types,
	[9] = &nf_cthelper_types, [10] = &nf_nft_types,
	[11] = &nf_compat_types, [12] = &nf_hook_types,
};

/* Netfilter's types are subsystem << 8 | the subsystem's type, but for
 * the batch control messages (strace's decode_nlmsg_type_netfilter). */
static void print_netfilter_type(struct text_buffer *tb, uint16_t type)
{
	const char *batch = value_table_name(&nl_netfilter_msg_types, type);
	if (batch) {
		print_named_value(tb, type, batch, CONST_HEX);
		return;
	}
	unsigned subsys = type >> 8, msg = type & 0xff;
	print_enum(tb, &nl_netfilter_subsys_ids, subsys);
	tb_str(tb, "<<8|");
	if (subsys < sizeof nf_subsys_types / sizeof *nf_subsys_types &&
	    nf_subsys_types[subsys])
		print_enum(tb, nf_subsys_types[subsys], msg);
	else
		tb_hex(tb, msg);
}

/* Generic netlink's families are numbered by the running kernel; strace
 * asks it for their names. Only the controller's number is fixed. */
static const struct named_value genl_families_rows[] = {
	{ 0x10, "nlctrl" },
};
static const struct value_table genl_families =
	NL_ROWS(genl_families_rows, "GENERIC_FAMILY_???");

/* ---- the families, as rows ---- */

/* The kind of request a type is, for its flags: rows of a family whose
 * types follow no rule. */
struct nl_type_kind {
	uint16_t type;
	uint8_t kind;
};

static const struct nl_type_kind xfrm_kinds[] = {
	{ 0x10, NLF_NEW }, { 0x13, NLF_NEW }, { 0x1e, NLF_NEW },
	{ 0x22, NLF_NEW }, { 0x24, NLF_NEW },
	{ 0x11, NLF_DEL }, { 0x14, NLF_DEL },
	{ 0x12, NLF_GET }, { 0x15, NLF_GET }, { 0x1f, NLF_GET },
	{ 0x23, NLF_GET }, { 0x25, NLF_GET },
};
/* Netfilter's, by subsystem << 8 | type (strace's
 * decode_nlmsg_flags_netfilter): ctnetlink, its expectations, acct,
 * cttimeout, cthelper, nftables, nft_compat, hook. */
#define NF(subsys, msg) ((subsys) << 8 | (msg))
static const struct nl_type_kind netfilter_kinds[] = {
	{ NF(1, 0), NLF_NEW }, { NF(1, 1), NLF_GET }, { NF(1, 2), NLF_DEL },
	{ NF(1, 3), NLF_GET }, { NF(1, 4), NLF_GET }, { NF(1, 5), NLF_GET },
	{ NF(1, 6), NLF_GET }, { NF(1, 7), NLF_GET },
	{ NF(2, 0), NLF_NEW }, { NF(2, 1), NLF_GET }, { NF(2, 2), NLF_DEL },
	{ NF(2, 3), NLF_GET },
	{ NF(7, 0), NLF_NEW }, { NF(7, 1), NLF_GET }, { NF(7, 2), NLF_GET },
	{ NF(7, 3), NLF_DEL },
	{ NF(8, 0), NLF_NEW }, { NF(8, 1), NLF_GET }, { NF(8, 2), NLF_DEL },
	{ NF(9, 0), NLF_NEW }, { NF(9, 1), NLF_GET }, { NF(9, 2), NLF_DEL },
	/* nftables: NEW/GET/DEL of tables, chains, rules, sets, set
	 * elements (0..14), NEWGEN, GETGEN, objects, GETOBJ_RESET, flow
	 * tables. */
	{ NF(10, 0), NLF_NEW }, { NF(10, 1), NLF_GET }, { NF(10, 2), NLF_DEL },
	{ NF(10, 3), NLF_NEW }, { NF(10, 4), NLF_GET }, { NF(10, 5), NLF_DEL },
	{ NF(10, 6), NLF_NEW }, { NF(10, 7), NLF_GET }, { NF(10, 8), NLF_DEL },
	{ NF(10, 9), NLF_NEW }, { NF(10, 10), NLF_GET }, { NF(10, 11), NLF_DEL },
	{ NF(10, 12), NLF_NEW }, { NF(10, 13), NLF_GET },
	{ NF(10, 14), NLF_DEL }, { NF(10, 15), NLF_NEW },
	{ NF(10, 16), NLF_GET }, { NF(10, 18), NLF_NEW },
	{ NF(10, 19), NLF_GET }, { NF(10, 20), NLF_DEL },
	{ NF(10, 21), NLF_GET }, { NF(10, 22), NLF_NEW },
	{ NF(10, 23), NLF_GET }, { NF(10, 24), NLF_DEL },
	{ NF(11, 0), NLF_GET },
	{ NF(12, 0), NLF_GET },
};
#undef NF

/* CRYPTO_MSG_NEWALG, DELALG, DELRNG, GETALG. */
static const struct nl_type_kind crypto_kinds[] = {
	{ 0x10, NLF_NEW }, { 0x11, NLF_DEL }, { 0x14, NLF_DEL },
	{ 0x13, NLF_GET },
};

struct nl_family {
	const struct value_table *types;
	/* The type's printer when it is not one name (netfilter's). */
	void (*print_type)(struct text_buffer *, uint16_t);
	/* The kind of request by type: rows, or a rule (route: the low two
	 * bits), or every type one kind (kind_all). */
	const struct nl_type_kind *kinds;
	unsigned kind_count;
	unsigned (*kind_rule)(uint16_t type);
	uint8_t kind_all;
	int (*payload)(const struct decode_context *, const struct nl_header *,
		       uintptr_t, unsigned);
};

/* RTM_DELACTION takes the get flags; else by NEW/DEL/GET in the low bits. */
static unsigned route_kind(uint16_t type)
{
	static const uint8_t by_low_bits[4] = { NLF_NEW, NLF_DEL, NLF_GET,
						NLF_PLAIN };
	if (type == 0x31)
		return NLF_GET;
	return by_low_bits[type & 3];
}

static const struct nl_family nl_families[] = {
	[NETLINK_ROUTE] = { &nl_route_types, 0, 0, 0, route_kind, 0,
			    netlink_route_payload },
	[NETLINK_SOCK_DIAG] = { &nl_sock_diag_types, 0, 0, 0, 0, NLF_GET,
				netlink_sock_diag_payload },
	[NETLINK_XFRM] = { &nl_xfrm_types, 0, xfrm_kinds,
			   sizeof xfrm_kinds / sizeof *xfrm_kinds, 0, 0, 0 },
	[NETLINK_SELINUX] = { &nl_selinux_types, 0, 0, 0, 0, 0,
			      netlink_selinux_payload },
	[NETLINK_AUDIT] = { &nl_audit_types, 0, 0, 0, 0, 0, 0 },
	[NETLINK_NETFILTER] = { &nl_netfilter_subsys_ids, print_netfilter_type,
				netfilter_kinds,
				sizeof netfilter_kinds / sizeof *netfilter_kinds,
				0, 0, netlink_netfilter_payload },
	[NETLINK_GENERIC] = { &genl_families, 0, 0, 0, 0, 0, 0 },
	[NETLINK_CRYPTO] = { &nl_crypto_types, 0, crypto_kinds,
			     sizeof crypto_kinds / sizeof *crypto_kinds, 0, 0,
			     0 },
};

static const struct nl_family *nl_family_row(int family)
{
	if (family < 0 || (unsigned)family >= sizeof nl_families /
						       sizeof *nl_families)
		return 0;
	const struct nl_family *f = &nl_families[family];
	return f->types ? f : 0;
}

/* The socket's netlink protocol; -1 when it is not a netlink socket (or
 * the question fails). */
static int fd_netlink_family(long fd)
{
	int v = 0;
	socklen_t n = sizeof v;
	if ((int)fd < 0 ||
	    raw_syscall5(SYS_getsockopt, fd, SOL_SOCKET, SO_DOMAIN, (long)&v,
			 (long)&n) != 0 || v != AF_NETLINK)
		return -1;
	/* As strace, whose sock_diag question lists bound sockets only: a
	 * socket without a port id yet is of an unknown family (the first
	 * send binds it). */
	struct sockaddr_nl sa;
	n = sizeof sa;
	if (raw_syscall3(SYS_getsockname, fd, (long)&sa, (long)&n) != 0 ||
	    sa.nl_pid == 0)
		return -2; /* netlink, family unknown */
	n = sizeof v;
	if (raw_syscall5(SYS_getsockopt, fd, SOL_SOCKET, SO_PROTOCOL,
			 (long)&v, (long)&n) != 0)
		return -2;
	return v;
}

/* ---- the record walk (nlmsghdr and nlattr alike) ---- */

static uint32_t u32_at(const unsigned char *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, 4);
	return v;
}

static uint16_t u16_at(const unsigned char *p)
{
	uint16_t v;
	__builtin_memcpy(&v, p, 2);
	return v;
}

/* One record: its header (hdr_size bytes read), at addr, len bytes left
 * from there. */
typedef void (*record_fn)(const struct decode_context *ctx,
			  const unsigned char *hdr, uintptr_t addr,
			  unsigned long len, const void *arg);

/* strace's decode_netlink / decode_nlattr loop: records of hdr_size-byte
 * headers whose first field is the record's length (u32 or u16). */
static void walk_records(const struct decode_context *ctx, uintptr_t addr,
			 unsigned long len, unsigned hdr_size,
			 record_fn print_one, const void *arg)
{
	struct text_buffer *tb = ctx->tb;
	int is_array = 0;
	for (unsigned long elt = 0;; elt++) {
		unsigned char hdr[NL_HDRLEN];
		if (len < hdr_size) {
			print_buffer(ctx, addr, len, 1);
			break;
		}
		if (!addr || !read_exact(ctx, hdr, addr, hdr_size)) {
			if (is_array) {
				tb_str(tb, "... /* ");
				tb_hex_raw(tb, addr);
				tb_str(tb, " */");
			} else {
				tb_ptr(tb, addr);
			}
			break;
		}
		if (ctx_abbrev(ctx) &&
		    elt == (unsigned long)ctx->opts->string_limit) {
			tb_str(tb, "...");
			break;
		}
		uint32_t rec_len = hdr_size == NL_HDRLEN ? u32_at(hdr)
							  : u16_at(hdr);
		uint32_t aligned = (rec_len + 3) & ~3u;
		uintptr_t next_addr = 0;
		unsigned long next_len = 0;
		if (rec_len >= hdr_size) {
			next_len = len >= aligned ? len - aligned : 0;
			if (next_len && addr + aligned > addr)
				next_addr = addr + aligned;
		}
		if (!is_array && next_addr) {
			tb_char(tb, '[');
			is_array = 1;
		}
		print_one(ctx, hdr, addr, len, arg);
		if (!next_addr)
			break;
		tb_str(tb, ", ");
		addr = next_addr;
		len = next_len;
	}
	if (is_array)
		tb_char(tb, ']');
}

/* ---- attributes ---- */

static void print_nla_header(struct text_buffer *tb, uint16_t nla_len,
			     uint16_t nla_type, const struct value_table *types)
{
	tb_str(tb, "{nla_len=");
	tb_udec(tb, nla_len);
	tb_str(tb, ", nla_type=");
	if (nla_type & NLA_F_NESTED) {
		print_named_value(tb, NLA_F_NESTED, "NLA_F_NESTED", CONST_HEX);
		tb_char(tb, '|');
	}
	if (nla_type & NLA_F_NET_BYTEORDER) {
		print_named_value(tb, NLA_F_NET_BYTEORDER,
				  "NLA_F_NET_BYTEORDER", CONST_HEX);
		tb_char(tb, '|');
	}
	print_enum(tb, types, nla_type & NLA_TYPE_MASK);
	tb_char(tb, '}');
}

struct nla_walk {
	const struct nla_table *t;
	const void *opaque;
};

static void print_one_nlattr(const struct decode_context *ctx,
			     const unsigned char *hdr, uintptr_t addr,
			     unsigned long len, const void *arg)
{
	const struct nla_walk *w = arg;
	const struct nla_table *t = w->t;
	struct text_buffer *tb = ctx->tb;
	uint16_t nla_len = u16_at(hdr), nla_type = u16_at(hdr + 2);
	unsigned data_len = nla_len < len ? nla_len : (unsigned)len;
	if (data_len > NLA_HDRLEN_)
		tb_char(tb, '[');
	print_nla_header(tb, nla_len, nla_type,
			 t->types ? t->types : value_table_get(t->types_vt));
	if (data_len <= NLA_HDRLEN_)
		return;
	tb_str(tb, ", ");
	unsigned idx = t->by_type ? 0 : nla_type & NLA_TYPE_MASK;
	nla_decoder_fn fn = t->decoders && idx < t->count ? t->decoders[idx]
							   : 0;
	const void *opaque = t->by_type ? (const void *)(uintptr_t)nla_type
					: w->opaque;
	if (!fn || !fn(ctx, addr + NLA_HDRLEN_, data_len - NLA_HDRLEN_,
		       opaque))
		print_buffer(ctx, addr + NLA_HDRLEN_, data_len - NLA_HDRLEN_,
			     1);
	tb_char(tb, ']');
}

/* Enters one more level of nesting; 0 (and the data printed as hex)
 * past NL_MAX_DEPTH. The context is the formatter's own local object,
 * const only to the decoders. */
static int nl_enter(const struct decode_context *ctx, uintptr_t addr,
		    unsigned long len)
{
	struct decode_context *own = (struct decode_context *)ctx;
	if (own->nl_depth >= NL_MAX_DEPTH) {
		print_buffer(ctx, addr, len, 1);
		return 0;
	}
	own->nl_depth++;
	return 1;
}

static void nl_leave(const struct decode_context *ctx)
{
	((struct decode_context *)ctx)->nl_depth--;
}

void print_nlattrs(const struct decode_context *ctx, uintptr_t addr,
		   unsigned len, const struct nla_table *t, const void *opaque)
{
	struct nla_walk w = { t, opaque };
	if (!nl_enter(ctx, addr, len))
		return;
	walk_records(ctx, addr, len, NLA_HDRLEN_, print_one_nlattr, &w);
	nl_leave(ctx);
}

/* strace's printstr_ex(QUOTE_OMIT_TRAILING_0 | QUOTE_EXPECT_TRAILING_0):
 * up to -s bytes, NULs inside printed, the last byte left out when it is
 * a NUL, "..." after the quote when it is not. */
int nla_str(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque)
{
	unsigned char b[256];
	(void)opaque;
	unsigned n = len < (unsigned)ctx->opts->string_limit
			     ? len
			     : (unsigned)ctx->opts->string_limit;
	if (n > sizeof b)
		n = sizeof b;
	if (!read_exact(ctx, b, addr, n)) {
		tb_ptr(ctx->tb, addr);
		return 1;
	}
	int ended = n && b[n - 1] == 0;
	print_quoted_local(ctx, b, ended ? n - 1 : n, 0);
	if (!ended && len)
		tb_str(ctx->tb, "...");
	return 1;
}

/* An unsigned number of `size` bytes: 0 (hex) when the data is shorter;
 * the address when unreadable. */
static int nla_number(const struct decode_context *ctx, uintptr_t addr,
		      unsigned len, unsigned size, int format)
{
	uint64_t v = 0;
	if (len < size)
		return 0;
	if (!read_exact(ctx, &v, addr, size)) {
		tb_ptr(ctx->tb, addr);
		return 1;
	}
	if (format == CONST_HEX)
		tb_hex(ctx->tb, v);
	else if (format == CONST_DEC)
		tb_dec(ctx->tb, size == 4 ? (int32_t)v : (int64_t)v);
	else
		tb_udec(ctx->tb, v);
	return 1;
}

int nla_u8(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	   const void *opaque)
{
	(void)opaque;
	return nla_number(ctx, addr, len, 1, CONST_UDEC);
}

int nla_u16(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque)
{
	(void)opaque;
	return nla_number(ctx, addr, len, 2, CONST_UDEC);
}

int nla_u32(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque)
{
	(void)opaque;
	return nla_number(ctx, addr, len, 4, CONST_UDEC);
}

int nla_u64(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque)
{
	(void)opaque;
	return nla_number(ctx, addr, len, 8, CONST_UDEC);
}

int nla_s32(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque)
{
	(void)opaque;
	return nla_number(ctx, addr, len, 4, CONST_DEC);
}

int nla_x32(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	    const void *opaque)
{
	(void)opaque;
	return nla_number(ctx, addr, len, 4, CONST_HEX);
}

/* strace's decode_nla_uid: -1 for (uid_t)-1. */
int nla_uid(const struct decode_context *ctx, uintptr_t addr,
		   unsigned len, const void *opaque)
{
	uint32_t uid;
	(void)opaque;
	if (len < sizeof uid)
		return 0;
	if (!read_exact(ctx, &uid, addr, sizeof uid))
		tb_ptr(ctx->tb, addr);
	else if (uid == 0xffffffffu)
		tb_str(ctx->tb, "-1");
	else
		tb_udec(ctx->tb, uid);
	return 1;
}

int nla_fd(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	   const void *opaque)
{
	int32_t fd;
	(void)opaque;
	if (len < sizeof fd)
		return 0;
	if (read_exact(ctx, &fd, addr, sizeof fd))
		print_fd(ctx, fd);
	else
		tb_ptr(ctx->tb, addr);
	return 1;
}

int nla_walk_array(const struct decode_context *ctx, uintptr_t addr,
		   unsigned len, unsigned size, nla_elem_fn print_elem,
		   const void *arg)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char b[256];
	unsigned count = len / size;
	if (!count || size > sizeof b)
		return 0;
	for (unsigned i = 0; i < count; i++) {
		if (!print_array_next(ctx, b, addr + i * size, size, i)) {
			if (!i)
				return 1;
			break;
		}
		if (ctx_abbrev(ctx) &&
		    i >= (unsigned)ctx->opts->string_limit) {
			tb_str(tb, "...");
			break;
		}
		print_elem(ctx, b, i, arg);
	}
	tb_char(tb, ']');
	return 1;
}

struct number_array {
	unsigned size, kind;
	const struct value_table *index;
};

static void print_number_elem(const struct decode_context *ctx,
			      const unsigned char *b, unsigned i,
			      const void *arg)
{
	const struct number_array *a = arg;
	struct text_buffer *tb = ctx->tb;
	uint64_t v = 0;
	__builtin_memcpy(&v, b, a->size);
	if (a->index) {
		/* The index in decimal, its name as the style says,
		 * "6 /\* ICMP6_MIB_??? *\/" when it has none. */
		const char *name = value_table_name(a->index, i);
		tb_char(tb, '[');
		print_named_value(tb, i, name, CONST_UDEC);
		if (!name && tb->style != CONST_STYLE_RAW) {
			tb_str(tb, " /* ");
			tb_str(tb, a->index->unknown);
			tb_str(tb, " */");
		}
		tb_str(tb, "]=");
	}
	if (a->kind == FIELD_X0)
		print_0x(tb, v, a->size);
	else if (a->kind == FIELD_D)
		tb_dec(tb, (int64_t)(v << (64 - 8 * a->size)) >>
				   (64 - 8 * a->size));
	else
		tb_udec(tb, v);
}

int nla_array(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	      unsigned size, unsigned kind, const struct value_table *index)
{
	struct number_array a = { size, kind, index };
	return size <= 8 &&
	       nla_walk_array(ctx, addr, len, size, print_number_elem, &a);
}

int nla_uint_array(const struct decode_context *ctx, uintptr_t addr,
		   unsigned len, unsigned size)
{
	return nla_array(ctx, addr, len, size, FIELD_U, 0);
}

int nla_u8_array(const struct decode_context *ctx, uintptr_t addr,
		 unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_uint_array(ctx, addr, len, 1);
}

/* strace's print_ifindex (if_indextoname): the interface's name when it
 * has one. The name is asked with SIOCGIFNAME on the call's socket
 * (argument 0) when it is one (getsockopt SO_TYPE says so, and keeps the
 * ioctl from a device whose driver could read 0x8910 as a request of its
 * own): no descriptor of ours, nothing the program can see. Else (a bad
 * descriptor, a file: setsockopt(-1, ...) is still decoded) on a
 * datagram socket of our own, closed at once. Not where the program
 * confined itself with seccomp, whose filter may punish a call of ours
 * with death (format.h, confined): the index then, as a number. Raw
 * syscalls, a few:
 * /sys/class/net/<name>/ifindex would take a directory walk with a
 * descriptor per interface, and shows the interfaces of the network
 * namespace sysfs was mounted in, not necessarily the program's. */
void print_ifindex(const struct decode_context *ctx, uint32_t index)
{
	struct text_buffer *tb = ctx->tb;
	struct {
		char name[16];
		int32_t index;
		char rest[20];
	} ifr;
	text_memset(&ifr, 0, sizeof ifr);
	ifr.index = (int32_t)index;
	long r = -ENODEV;
	if (index && !ctx->opts->confined) {
		int type;
		uint32_t len = sizeof type;
		long fd = ctx->args[0];
		if (raw_syscall5(SYS_getsockopt, fd, SOL_SOCKET, SO_TYPE,
				 (long)&type, (long)&len) == 0) {
			r = raw_syscall3(SYS_ioctl, fd, SIOCGIFNAME, (long)&ifr);
		} else {
			fd = raw_syscall3(SYS_socket, AF_INET,
					  SOCK_DGRAM | SOCK_CLOEXEC, 0);
			if (fd >= 0) {
				r = raw_syscall3(SYS_ioctl, fd, SIOCGIFNAME,
						 (long)&ifr);
				raw_close((int)fd);
			}
		}
	}
	if (r != 0) {
		tb_udec(tb, index);
		return;
	}
	int begun = const_names_begin(tb, index, CONST_UDEC);
	if (begun) {
		tb_str(tb, "if_nametoindex(");
		size_t n = 0;
		while (n < sizeof ifr.name && ifr.name[n])
			n++;
		print_quoted_local(ctx, (const unsigned char *)ifr.name, n, 0);
		tb_char(tb, ')');
		const_names_end(tb, begun);
	}
}

static uint64_t field_value(const unsigned char *s, const struct nl_field *f)
{
	uint64_t v = 0;
	if (f->size > sizeof v)
		return 0;
	__builtin_memcpy(&v, s + f->offset, f->size);
	return v;
}

void print_0x(struct text_buffer *tb, uint64_t v, unsigned size)
{
	static const char hex[] = "0123456789abcdef";
	char d[16];
	unsigned n = 0, width = 2 * size;
	do {
		d[n++] = hex[v & 15];
		v >>= 4;
	} while (v);
	/* printf's "%#0*llx": 0 has no 0x; the zeros pad after the 0x. */
	int zero = n == 1 && d[0] == '0';
	if (!zero) {
		tb_str(tb, "0x");
		width = width > 2 ? width - 2 : 0;
	}
	for (unsigned i = n; i < width; i++)
		tb_char(tb, '0');
	while (n)
		tb_char(tb, d[--n]);
}

/* A field's bytes as a hex string, "\x01\x02". */
void print_hex_string(struct text_buffer *tb, const unsigned char *b,
			     unsigned n)
{
	static const char hex[] = "0123456789abcdef";
	tb_char(tb, '"');
	for (unsigned i = 0; i < n; i++) {
		tb_str(tb, "\\x");
		tb_char(tb, hex[b[i] >> 4]);
		tb_char(tb, hex[b[i] & 15]);
	}
	tb_char(tb, '"');
}

/* strace's PRINT_FIELD_NET_PORT: htons(80); -X raw the bytes, -X verbose
 * the bytes and the call in a comment. */
static void print_net_port(struct text_buffer *tb, const char *name,
			   const unsigned char *b)
{
	tb_str(tb, name);
	tb_char(tb, '=');
	if (tb->style != CONST_STYLE_ABBREV)
		print_hex_string(tb, b, 2);
	if (tb->style == CONST_STYLE_RAW)
		return;
	if (tb->style == CONST_STYLE_VERBOSE)
		tb_str(tb, " /* ");
	tb_str(tb, "htons(");
	tb_udec(tb, (unsigned)b[0] << 8 | b[1]);
	tb_char(tb, ')');
	if (tb->style == CONST_STYLE_VERBOSE)
		tb_str(tb, " */");
}

/* strace's PRINT_FIELD_INET_ADDR of a 16-byte field: inet_addr("1.2.3.4")
 * for AF_INET, inet_pton(AF_INET6, "::1", &name) for AF_INET6, the bytes
 * for another family. */
void print_inet_field(struct text_buffer *tb, const char *name,
		      unsigned family, const unsigned char *b, unsigned size)
{
	int style = tb->style;
	if (family != 2 && family != 10) {
		tb_str(tb, name);
		tb_char(tb, '=');
		print_hex_string(tb, b, size);
		return;
	}
	if (family == 2 || style != CONST_STYLE_ABBREV) {
		tb_str(tb, name);
		tb_char(tb, '=');
	}
	if (style != CONST_STYLE_ABBREV)
		print_hex_string(tb, b, size);
	if (style == CONST_STYLE_RAW)
		return;
	if (style == CONST_STYLE_VERBOSE)
		tb_str(tb, " /* ");
	if (family == 2) {
		tb_str(tb, "inet_addr(\"");
		print_ipv4_text(tb, b);
		tb_str(tb, "\")");
	} else {
		tb_str(tb, "inet_pton(AF_INET6, \"");
		print_ipv6_text(tb, b);
		tb_char(tb, '"');
		if (style == CONST_STYLE_ABBREV) {
			tb_str(tb, ", &");
			tb_str(tb, name);
		}
		tb_char(tb, ')');
	}
	if (style == CONST_STYLE_VERBOSE)
		tb_str(tb, " */");
}

void print_mac(struct text_buffer *tb, const unsigned char *b, unsigned n)
{
	static const char hex[] = "0123456789abcdef";
	if (tb->style != CONST_STYLE_ABBREV)
		print_hex_string(tb, b, n);
	if (tb->style == CONST_STYLE_RAW)
		return;
	if (tb->style == CONST_STYLE_VERBOSE)
		tb_str(tb, " /* ");
	for (unsigned i = 0; i < n; i++) {
		if (i)
			tb_char(tb, ':');
		tb_char(tb, hex[b[i] >> 4]);
		tb_char(tb, hex[b[i] & 15]);
	}
	if (tb->style == CONST_STYLE_VERBOSE)
		tb_str(tb, " */");
}

static void print_cookie(struct text_buffer *tb, const unsigned char *b)
{
	uint32_t c[2];
	__builtin_memcpy(c, b, sizeof c);
	tb_char(tb, '[');
	tb_udec(tb, c[0]);
	tb_str(tb, ", ");
	tb_udec(tb, c[1]);
	tb_char(tb, ']');
}

/* struct inet_diag_sockid (48 bytes) of an address family. */
static void print_sockid(const struct decode_context *ctx, unsigned family,
			 const unsigned char *b)
{
	struct text_buffer *tb = ctx->tb;
	uint32_t ifindex;
	__builtin_memcpy(&ifindex, b + 36, 4);
	tb_char(tb, '{');
	print_net_port(tb, "idiag_sport", b);
	tb_str(tb, ", ");
	print_net_port(tb, "idiag_dport", b + 2);
	tb_str(tb, ", ");
	print_inet_field(tb, "idiag_src", family, b + 4, 16);
	tb_str(tb, ", ");
	print_inet_field(tb, "idiag_dst", family, b + 20, 16);
	tb_str(tb, ", idiag_if=");
	print_ifindex(ctx, ifindex);
	tb_str(tb, ", idiag_cookie=");
	print_cookie(tb, b + 40);
	tb_char(tb, '}');
}

static void print_field(const struct decode_context *ctx,
			const struct nl_field *f, uint64_t v,
			const unsigned char *s)
{
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, f->name);
	tb_char(tb, '=');
	switch (f->kind) {
	case FIELD_U:
		tb_udec(tb, v);
		break;
	case FIELD_D:
		/* Sign-extended from the field's size. */
		tb_dec(tb, (int64_t)(v << (64 - 8 * f->size)) >>
				   (64 - 8 * f->size));
		break;
	case FIELD_X:
	case FIELD_X_NONZERO:
		tb_hex(tb, v);
		break;
	case FIELD_X0:
		print_0x(tb, v, f->size);
		break;
	case FIELD_COOKIE:
		print_cookie(tb, s + f->offset);
		break;
	case FIELD_MAC:
		print_mac(tb, s + f->offset, f->size);
		break;
	case FIELD_HEXSTR:
	case FIELD_HEXSTR_NONZERO:
		print_hex_string(tb, s + f->offset, f->size);
		break;
	case FIELD_CSTRING: {
		unsigned n = 0;
		while (n < f->size && s[f->offset + n])
			n++;
		print_quoted_local(ctx, s + f->offset, n, 0);
		break;
	}
	case FIELD_SMC_CURSOR: {
		uint16_t reserved, wrap;
		uint32_t count;
		__builtin_memcpy(&reserved, s + f->offset, 2);
		__builtin_memcpy(&wrap, s + f->offset + 2, 2);
		__builtin_memcpy(&count, s + f->offset + 4, 4);
		tb_str(tb, "{reserved=");
		tb_udec(tb, reserved);
		tb_str(tb, ", wrap=");
		tb_udec(tb, wrap);
		tb_str(tb, ", count=");
		tb_udec(tb, count);
		tb_char(tb, '}');
		break;
	}
	case FIELD_XVAL_VERBOSE:
		print_enum_verbose(tb, f->table, v);
		break;
	case FIELD_U64_ARRAY:
		for (unsigned i = 0; i < f->size / 8u; i++) {
			uint64_t e;
			const char *name = value_table_name(f->table, i);
			__builtin_memcpy(&e, s + f->offset + 8 * i, 8);
			tb_str(tb, i ? ", [" : "[[");
			print_named_value(tb, i, name, CONST_UDEC);
			tb_str(tb, "]=");
			tb_udec(tb, e);
		}
		tb_char(tb, ']');
		break;
	case FIELD_HTONS_XVAL:
		tb_str(tb, "htons(");
		print_enum(tb, f->table, __builtin_bswap16((uint16_t)v));
		tb_char(tb, ')');
		break;
	case FIELD_DEV:
		print_makedev(tb, v);
		break;
	case FIELD_SOCKID:
	case FIELD_SOCKID_INET:
		print_sockid(ctx, f->kind == FIELD_SOCKID ? s[0] : 2,
			     s + f->offset);
		break;
	case FIELD_HTONL_X:
		tb_str(tb, "htonl(");
		tb_hex(tb, __builtin_bswap32((uint32_t)v));
		tb_char(tb, ')');
		break;
	case FIELD_XVAL:
		print_enum(tb, f->table, v);
		break;
	case FIELD_FLAGS:
		print_flags(tb, f->table, v);
		break;
	case FIELD_IFINDEX:
		print_ifindex(ctx, (uint32_t)v);
		break;
	}
}

void print_nl_fields(const struct decode_context *ctx,
		     const struct nl_field *fields, unsigned n,
		     const unsigned char *s)
{
	int first = 1;
	for (unsigned i = 0; i < n; i++) {
		const struct nl_field *f = &fields[i];
		uint64_t v = field_value(s, f);
		if ((f->kind == FIELD_X_NONZERO ||
		     f->kind == FIELD_HEXSTR_NONZERO) && !v)
			continue;
		if (!first)
			tb_str(ctx->tb, ", ");
		first = 0;
		print_field(ctx, f, v, s);
	}
}

int nla_struct(const struct decode_context *ctx, uintptr_t addr,
	       unsigned len, unsigned size, const struct nl_field *fields,
	       unsigned nfields)
{
	unsigned char b[256];
	if (len < size || size > sizeof b)
		return 0;
	if (!read_exact(ctx, b, addr, size)) {
		tb_ptr(ctx->tb, addr);
		return 1;
	}
	tb_char(ctx->tb, '{');
	print_nl_fields(ctx, fields, nfields, b);
	tb_char(ctx->tb, '}');
	return 1;
}

struct fields_array {
	const struct nl_field *fields;
	unsigned nfields;
};

static void print_struct_elem(const struct decode_context *ctx,
			      const unsigned char *b, unsigned i,
			      const void *arg)
{
	const struct fields_array *a = arg;
	(void)i;
	tb_char(ctx->tb, '{');
	print_nl_fields(ctx, a->fields, a->nfields, b);
	tb_char(ctx->tb, '}');
}

int nla_struct_array(const struct decode_context *ctx, uintptr_t addr,
		     unsigned len, unsigned size, const struct nl_field *fields,
		     unsigned nfields)
{
	struct fields_array a = { fields, nfields };
	return nla_walk_array(ctx, addr, len, size, print_struct_elem, &a);
}

int nla_struct_tail(const struct decode_context *ctx, uintptr_t addr,
		    unsigned len, unsigned size, const struct nl_field *fields,
		    unsigned nfields)
{
	unsigned char b[256];
	if (len < size || size > sizeof b)
		return 0;
	if (!read_exact(ctx, b, addr, size)) {
		tb_ptr(ctx->tb, addr);
		return 1;
	}
	tb_char(ctx->tb, '{');
	print_nl_fields(ctx, fields, nfields, b);
	tb_char(ctx->tb, '}');
	if (len > size) {
		tb_str(ctx->tb, ", ");
		print_buffer(ctx, addr + size, len - size, 1);
	}
	return 1;
}

int nla_ifindex(const struct decode_context *ctx, uintptr_t addr,
		unsigned len, const void *opaque)
{
	uint32_t v;
	(void)opaque;
	if (len < sizeof v)
		return 0;
	if (read_exact(ctx, &v, addr, sizeof v))
		print_ifindex(ctx, v);
	else
		tb_ptr(ctx->tb, addr);
	return 1;
}

int nla_xval(const struct decode_context *ctx, uintptr_t addr, unsigned len,
	     const struct value_table *table, unsigned size, int flags)
{
	uint64_t v = 0;
	if (len > sizeof v || len < size)
		return 0;
	if (size)
		len = size;
	if (!read_exact(ctx, &v, addr, len)) {
		tb_ptr(ctx->tb, addr);
		return 1;
	}
	if (flags)
		print_flags(ctx->tb, table, v);
	else
		print_enum(ctx->tb, table, v);
	return 1;
}

/* strace's print_inet_addr without a field name: -X raw the bytes, -X
 * verbose the bytes and the call in a comment. */
static int nla_inet(const struct decode_context *ctx, uintptr_t addr,
		    unsigned len, unsigned size)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char a[16];
	if (len < size)
		return 0;
	if (!read_exact(ctx, a, addr, size)) {
		tb_ptr(tb, addr);
		return 1;
	}
	int style = tb->style;
	if (style != CONST_STYLE_ABBREV)
		print_buffer(ctx, addr, size, 1);
	if (style == CONST_STYLE_RAW)
		return 1;
	if (style == CONST_STYLE_VERBOSE)
		tb_str(tb, " /* ");
	if (size == 4) {
		tb_str(tb, "inet_addr(\"");
		print_ipv4_text(tb, a);
	} else {
		tb_str(tb, "inet_pton(AF_INET6, \"");
		print_ipv6_text(tb, a);
	}
	tb_str(tb, "\")");
	if (style == CONST_STYLE_VERBOSE)
		tb_str(tb, " */");
	return 1;
}

int nla_in_addr(const struct decode_context *ctx, uintptr_t addr,
		unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_inet(ctx, addr, len, 4);
}

int nla_in6_addr(const struct decode_context *ctx, uintptr_t addr,
		 unsigned len, const void *opaque)
{
	(void)opaque;
	return nla_inet(ctx, addr, len, 16);
}

/* One header and its attributes (len bytes at addr, the family byte
 * already read). */
void print_nl_struct(const struct decode_context *ctx,
		     const struct nl_struct *s, uint8_t family, uintptr_t addr,
		     unsigned len)
{
	struct text_buffer *tb = ctx->tb;
	int attrs = 1;
	tb_char(tb, '{');
	tb_str(tb, s->family_name);
	tb_char(tb, '=');
	print_af(tb, family);
	/* The header's bytes, for the attributes' decoders. */
	unsigned char b[128] = { family };
	if (s->nfields) {
		tb_str(tb, ", ");
		attrs = 0;
		if (len < s->size) {
			tb_str(tb, "...");
		} else if (s->size > sizeof b ||
			   !read_exact(ctx, b + 1, addr + 1, s->size - 1u)) {
			tb_ptr(tb, addr + 1);
		} else {
			print_nl_fields(ctx, s->fields, s->nfields, b);
			attrs = 1;
		}
	}
	tb_char(tb, '}');
	unsigned offset = (s->size + 3u) & ~3u;
	if (attrs && s->attrs && len > offset) {
		tb_str(tb, ", ");
		print_nlattrs(ctx, addr + offset, len - offset, s->attrs, b);
	}
}

void print_af(struct text_buffer *tb, unsigned family)
{
	print_enum(tb, value_table_get(VT_ADDRESS_FAMILY), family);
}

/* ---- messages ---- */

static void print_nl_type(struct text_buffer *tb, uint16_t type,
			  const struct nl_family *f)
{
	if (type < NL_MIN_TYPE || !f) {
		print_enum(tb, &nl_control_types, type);
		return;
	}
	if (f->print_type)
		f->print_type(tb, type);
	else
		print_enum(tb, f->types, type);
}

static unsigned nl_flag_kind(uint16_t type, const struct nl_family *f)
{
	if (type < NL_MIN_TYPE)
		return type == NLMSG_ERROR ? NLF_ACK : NLF_PLAIN;
	if (!f)
		return NLF_PLAIN;
	if (f->kind_rule)
		return f->kind_rule(type);
	for (unsigned i = 0; i < f->kind_count; i++)
		if (f->kinds[i].type == type)
			return f->kinds[i].kind;
	return f->kind_all;
}

static void print_nl_header(const struct decode_context *ctx,
			    const struct nl_header *h,
			    const struct nl_family *f)
{
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{nlmsg_len=");
	tb_udec(tb, h->len);
	tb_str(tb, ", nlmsg_type=");
	print_nl_type(tb, h->type, f);
	tb_str(tb, ", nlmsg_flags=");
	print_flags(tb, &nl_flag_tables[nl_flag_kind(h->type, f)], h->flags);
	tb_str(tb, ", nlmsg_seq=");
	tb_udec(tb, h->seq);
	tb_str(tb, ", nlmsg_pid=");
	tb_dec(tb, (int32_t)h->pid);
	tb_char(tb, '}');
}

static void parse_nl_header(const unsigned char *p, struct nl_header *h)
{
	h->len = u32_at(p);
	h->type = u16_at(p + 4);
	h->flags = u16_at(p + 6);
	h->seq = u32_at(p + 8);
	h->pid = u32_at(p + 12);
}

static void print_message(const struct decode_context *ctx, int family,
			  const struct nl_header *h, uintptr_t addr,
			  unsigned long len);

/* NLMSGERR_ATTR_MSG, _OFFS, _COOKIE. */
static const nla_decoder_fn nlmsgerr_decoders[] = {
	[1] = nla_str,
	[2] = nla_u32,
	[3] = nla_u8_array,
};
static const struct nla_table nlmsgerr_nla = {
	&nlmsgerr_attrs, nlmsgerr_decoders,
	sizeof nlmsgerr_decoders / sizeof *nlmsgerr_decoders, 0, 0 };

/* strace's print_err(err, negated): -EACCES. */
static void print_neg_errno(struct text_buffer *tb, int32_t err)
{
	const char *name = err < 0 ? format_errno_name(-(long)err) : 0;
	if (!name) {
		tb_dec(tb, err);
		return;
	}
	int begun = const_names_begin(tb, (uint64_t)(int64_t)err, CONST_DEC);
	if (begun) {
		tb_char(tb, '-');
		tb_str(tb, name);
		const_names_end(tb, begun);
	}
}

static void print_nlmsgerr(const struct decode_context *ctx, int family,
			   uintptr_t addr, unsigned len, int capped)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char e[NLMSGERR_SIZE];
	if (len < sizeof e) {
		print_buffer(ctx, addr, len, 1);
		return;
	}
	if (!read_exact(ctx, e, addr, sizeof e)) {
		tb_ptr(tb, addr);
		return;
	}
	struct nl_header msg;
	parse_nl_header(e + 4, &msg);
	addr += 4;
	len -= 4;
	/* An nlmsg_len below the header's size counts as the header's. */
	unsigned msg_len = msg.len > NL_HDRLEN ? msg.len : NL_HDRLEN;
	unsigned payload = capped ? NL_HDRLEN : msg_len;
	if (payload > len)
		payload = len;
	if (len > payload)
		tb_char(tb, '[');
	tb_str(tb, "{error=");
	print_neg_errno(tb, (int32_t)u32_at(e));
	tb_str(tb, ", msg=");
	print_message(ctx, family, &msg, addr, payload);
	tb_char(tb, '}');
	if (len > payload) {
		tb_str(tb, ", ");
		print_nlattrs(ctx, addr + payload, len - payload, &nlmsgerr_nla,
			      0);
		tb_char(tb, ']');
	}
}

static void print_payload(const struct decode_context *ctx, int family,
			  const struct nl_header *h, uintptr_t addr,
			  unsigned len)
{
	if (h->type == NLMSG_ERROR) {
		if (!nl_enter(ctx, addr, len))
			return;
		print_nlmsgerr(ctx, family, addr, len,
			       h->flags & NLM_F_CAPPED);
		nl_leave(ctx);
		return;
	}
	const struct nl_family *f = nl_family_row(family);
	/* NLMSG_DONE's payload goes to the family too: a few are more than
	 * an int. */
	if ((h->type >= NL_MIN_TYPE || h->type == NLMSG_DONE) && f &&
	    f->payload && f->payload(ctx, h, addr, len))
		return;
	if (h->type == NLMSG_DONE && len == sizeof(int)) {
		int32_t num;
		if (read_exact(ctx, &num, addr, sizeof num))
			tb_dec(ctx->tb, num);
		else
			tb_ptr(ctx->tb, addr);
		return;
	}
	print_buffer(ctx, addr, len, 1);
}

/* strace's decode_nlmsghdr_with_payload: the header, and when nlmsg_len
 * (bounded by len) says there is more, the payload after it. */
static void print_message(const struct decode_context *ctx, int family,
			  const struct nl_header *h, uintptr_t addr,
			  unsigned long len)
{
	struct text_buffer *tb = ctx->tb;
	unsigned long msg_len = h->len < len ? h->len : len;
	if (msg_len > NL_HDRLEN)
		tb_char(tb, '[');
	print_nl_header(ctx, h, nl_family_row(family));
	if (msg_len > NL_HDRLEN) {
		tb_str(tb, ", ");
		print_payload(ctx, family, h, addr + NL_HDRLEN,
			      (unsigned)(msg_len - NL_HDRLEN));
		tb_char(tb, ']');
	}
}

static void print_one_message(const struct decode_context *ctx,
			      const unsigned char *hdr, uintptr_t addr,
			      unsigned long len, const void *arg)
{
	struct nl_header h;
	parse_nl_header(hdr, &h);
	print_message(ctx, *(const int *)arg, &h, addr, len);
}

void print_netlink(const struct decode_context *ctx, long fd, uintptr_t addr,
		   unsigned long len)
{
	int family = fd_netlink_family(fd);
	if (family == NETLINK_KOBJECT_UEVENT) {
		print_kobject_uevent(ctx, addr, len);
		return;
	}
	walk_records(ctx, addr, len, NL_HDRLEN, print_one_message, &family);
}

void print_sockbuf(const struct decode_context *ctx, long fd, uintptr_t addr,
		   unsigned long len)
{
	if (ctx_verbose(ctx) && fd_netlink_family(fd) != -1)
		print_netlink(ctx, fd, addr, len);
	else
		print_buffer(ctx, addr, len, 0);
}
