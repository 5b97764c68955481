/* value_tables: the constant-name tables and the printers.
 *
 * Each table lists names in the order strace 6.1 prints them (verified by
 * running strace 6.1 on calls with every bit set); multi-bit entries come
 * before the single bits they contain, as strace's do. See value_tables.h.
 *
 * Values come from the kernel's and libc's headers (V(NAME) takes both the
 * name and the value from the macro). A number is written out (N) only for
 * a name no userspace header defines with the kernel's value:
 * kernel-internal flags (MSG_PROBE, MSG_SENDPAGE_NOTLAST,
 * MSG_NO_SHARED_FRAGS, MSG_CMSG_COMPAT, ST_VALID, ST_NOSYMFOLLOW), names
 * whose header would clash with libc's (<linux/fcntl.h>: __O_SYNC,
 * __O_TMPFILE, F_GETOWNER_UIDS, F_CANCELLK; <asm/signal.h>: SA_RESTORER,
 * taken from systrap/arch's KERNEL_SA_RESTORER; <linux/time.h>:
 * CLOCK_SGI_CYCLE; <linux/eventpoll.h>: EPOLLNVAL;
 * <asm/termbits.h>: BOTHER, TCGETS2..TCSETSF2), values libc redefines for
 * its own ABI (O_LARGEFILE is 0 and F_GETLK64..F_SETLKW64 are F_GETLK..
 * F_SETLKW in x86-64 glibc; strace prints the kernel's) and names in no
 * installed header (MQUEUE_MAGIC, IPPROTO_L2TP). These are x86-64's values
 * (the asm-generic ones). Where a header defines the same bit under
 * another name it is used (EPOLLNVAL is POLLNVAL, BOTHER is CBAUDEX), and
 * where libc's value is built from the kernel's a check below holds the
 * number to it.
 */
#include "systrap/handlers/value_tables.h"

#include "systrap/arch/arch_prctl.h"
#include "systrap/arch/raw_syscalls.h"

#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/close_range.h>
#include <linux/dqblk_xfs.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/magic.h>
#include <linux/audit.h>
#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/membarrier.h>
#include <linux/netlink.h>
#include <linux/ptrace.h>
#include <linux/quota.h>
#include <linux/mman.h>
#include <linux/rseq.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* The kernel's bits that libc's O_SYNC and O_TMPFILE are made of. */
#define KERNEL_O_SYNC_BIT 04000000
#define KERNEL_O_TMPFILE_BIT 020000000
_Static_assert(O_SYNC == (KERNEL_O_SYNC_BIT | O_DSYNC), "__O_SYNC");
_Static_assert(O_TMPFILE == (KERNEL_O_TMPFILE_BIT | O_DIRECTORY),
	       "__O_TMPFILE");

#define N(name, value) { (uint64_t)(value), name }
#define V(name) { (uint64_t)(name), #name }
#define TABLE(id, array, unknown) \
	[id] = { array, sizeof(array) / sizeof(array[0]), unknown }

static const struct named_value open_flags[] = {
	V(O_CREAT), V(O_EXCL), V(O_NOCTTY),
	V(O_TRUNC), V(O_APPEND), V(O_NONBLOCK),
	V(O_SYNC), N("__O_SYNC", KERNEL_O_SYNC_BIT), V(O_DSYNC),
	V(O_DIRECT), N("O_LARGEFILE", 0100000),
	V(O_NOFOLLOW), V(O_NOATIME),
	V(O_CLOEXEC), V(O_PATH),
	V(O_TMPFILE), N("__O_TMPFILE", KERNEL_O_TMPFILE_BIT),
	V(O_DIRECTORY), V(FASYNC),
};

static const struct named_value at_flags[] = {
	V(AT_SYMLINK_NOFOLLOW), V(AT_REMOVEDIR),
	V(AT_SYMLINK_FOLLOW), V(AT_NO_AUTOMOUNT),
	V(AT_EMPTY_PATH), V(AT_RECURSIVE),
};

static const struct named_value faccessat_flags[] = {
	V(AT_SYMLINK_NOFOLLOW), V(AT_EACCESS),
	V(AT_EMPTY_PATH),
};

static const struct named_value prot_flags[] = {
	V(PROT_NONE), V(PROT_READ), V(PROT_WRITE),
	V(PROT_EXEC), V(PROT_SEM), V(PROT_GROWSDOWN),
	V(PROT_GROWSUP),
};

static const struct named_value map_type[] = {
	V(MAP_FILE), V(MAP_SHARED), V(MAP_PRIVATE),
	V(MAP_SHARED_VALIDATE),
};

static const struct named_value map_flags[] = {
	V(MAP_FIXED), V(MAP_ANONYMOUS), V(MAP_32BIT),
	V(MAP_NORESERVE), V(MAP_POPULATE),
	V(MAP_NONBLOCK), V(MAP_GROWSDOWN),
	V(MAP_DENYWRITE), V(MAP_EXECUTABLE),
	V(MAP_LOCKED), V(MAP_STACK),
	V(MAP_HUGETLB), V(MAP_SYNC),
	V(MAP_FIXED_NOREPLACE),
};

/* clone's and clone3's, in strace 6.1's order (clone_flags:
 * CLONE_NEWTIME, in clone's exit-signal byte, shows in clone3's alone,
 * after CLONE_IO). */
static const struct named_value clone_flags[] = {
	V(CLONE_VM), V(CLONE_FS), V(CLONE_FILES),
	V(CLONE_SIGHAND), V(CLONE_PIDFD),
	V(CLONE_PTRACE), V(CLONE_VFORK),
	V(CLONE_PARENT), V(CLONE_THREAD),
	V(CLONE_NEWNS), V(CLONE_SYSVSEM),
	V(CLONE_SETTLS), V(CLONE_PARENT_SETTID),
	V(CLONE_CHILD_CLEARTID), V(CLONE_UNTRACED),
	V(CLONE_CHILD_SETTID), V(CLONE_NEWCGROUP),
	V(CLONE_NEWUTS), V(CLONE_NEWIPC),
	V(CLONE_NEWUSER), V(CLONE_NEWPID),
	V(CLONE_NEWNET), V(CLONE_IO), N("CLONE_NEWTIME", 0x80),
	N("CLONE_CLEAR_SIGHAND", 0x100000000ULL),
	N("CLONE_INTO_CGROUP", 0x200000000ULL),
};

/* unshare's (strace 6.1's unshare_flags): what unshare can take apart. */
static const struct named_value unshare_flags[] = {
	N("CLONE_NEWTIME", 0x80), V(CLONE_VM), V(CLONE_FS), V(CLONE_FILES),
	V(CLONE_SIGHAND), V(CLONE_THREAD), V(CLONE_NEWNS), V(CLONE_SYSVSEM),
	V(CLONE_NEWCGROUP), V(CLONE_NEWUTS), V(CLONE_NEWIPC),
	V(CLONE_NEWUSER), V(CLONE_NEWPID), V(CLONE_NEWNET),
};

/* setns's nstype (strace 6.1's setns_types). */
static const struct named_value setns_types[] = {
	N("CLONE_NEWTIME", 0x80), V(CLONE_NEWNS), V(CLONE_NEWCGROUP),
	V(CLONE_NEWUTS), V(CLONE_NEWIPC), V(CLONE_NEWUSER), V(CLONE_NEWPID),
	V(CLONE_NEWNET),
};

static const struct named_value msg_flags[] = {
	V(MSG_OOB), V(MSG_PEEK), V(MSG_DONTROUTE),
	V(MSG_CTRUNC), N("MSG_PROBE", 0x10), V(MSG_TRUNC),
	V(MSG_DONTWAIT), V(MSG_EOR), V(MSG_WAITALL),
	V(MSG_FIN), V(MSG_SYN), V(MSG_CONFIRM),
	V(MSG_RST), V(MSG_ERRQUEUE),
	V(MSG_NOSIGNAL), V(MSG_MORE),
	V(MSG_WAITFORONE), N("MSG_SENDPAGE_NOTLAST", 0x20000),
	V(MSG_BATCH), N("MSG_NO_SHARED_FRAGS", 0x80000),
	V(MSG_ZEROCOPY), V(MSG_FASTOPEN),
	V(MSG_CMSG_CLOEXEC), N("MSG_CMSG_COMPAT", 0x80000000),
};

static const struct named_value sock_types[] = {
	V(SOCK_STREAM), V(SOCK_DGRAM), V(SOCK_RAW),
	V(SOCK_RDM), V(SOCK_SEQPACKET), V(SOCK_DCCP),
	V(SOCK_PACKET),
};

static const struct named_value sock_flags[] = {
	V(SOCK_CLOEXEC), V(SOCK_NONBLOCK),
};

static const struct named_value address_families[] = {
	V(AF_UNSPEC), V(AF_UNIX), V(AF_INET), V(AF_AX25),
	V(AF_IPX), V(AF_APPLETALK), V(AF_NETROM),
	V(AF_BRIDGE), V(AF_ATMPVC), V(AF_X25),
	V(AF_INET6), V(AF_ROSE), V(AF_DECnet),
	V(AF_NETBEUI), V(AF_SECURITY), V(AF_KEY),
	V(AF_NETLINK), V(AF_PACKET), V(AF_ASH),
	V(AF_ECONET), V(AF_ATMSVC), V(AF_RDS),
	V(AF_SNA), V(AF_IRDA), V(AF_PPPOX),
	V(AF_WANPIPE), V(AF_LLC), V(AF_IB), V(AF_MPLS),
	V(AF_CAN), V(AF_TIPC), V(AF_BLUETOOTH),
	V(AF_IUCV), V(AF_RXRPC), V(AF_ISDN),
	V(AF_PHONET), V(AF_IEEE802154), V(AF_CAIF),
	V(AF_ALG), V(AF_NFC), V(AF_VSOCK), V(AF_KCM),
	V(AF_QIPCRTR), V(AF_SMC), V(AF_XDP),
	V(AF_MCTP),
};

static const struct named_value fcntl_cmds[] = {
	V(F_DUPFD), V(F_GETFD), V(F_SETFD), V(F_GETFL),
	V(F_SETFL), V(F_GETLK), V(F_SETLK), V(F_SETLKW),
	V(F_SETOWN), V(F_GETOWN), V(F_SETSIG),
	V(F_GETSIG), N("F_GETLK64", 12), N("F_SETLK64", 13),
	N("F_SETLKW64", 14), V(F_SETOWN_EX), V(F_GETOWN_EX),
	N("F_GETOWNER_UIDS", 17), V(F_OFD_GETLK), V(F_OFD_SETLK),
	V(F_OFD_SETLKW), V(F_SETLEASE), V(F_GETLEASE),
	V(F_NOTIFY), N("F_CANCELLK", 1029), V(F_DUPFD_CLOEXEC),
	V(F_SETPIPE_SZ), V(F_GETPIPE_SZ),
	V(F_ADD_SEALS), V(F_GET_SEALS),
};

static const struct named_value fd_flags[] = {
	V(FD_CLOEXEC),
};

/* fcntl's F_NOTIFY (dnotify), strace's order. */
static const struct named_value dnotify_flags[] = {
	V(DN_ACCESS), V(DN_MODIFY), V(DN_CREATE), V(DN_DELETE),
	V(DN_RENAME), V(DN_ATTRIB), N("DN_MULTISHOT", 0x80000000u),
};

/* socket(AF_PACKET, ..., htons(ETH_P_*)): the common ones of strace's
 * ethernet_protocols. */
static const struct named_value ethernet_protocols[] = {
	N("ETH_P_802_3", 0x0001), N("ETH_P_AX25", 0x0002),
	N("ETH_P_ALL", 0x0003), N("ETH_P_802_2", 0x0004),
	N("ETH_P_SNAP", 0x0005), N("ETH_P_LOOP", 0x0060),
	N("ETH_P_IP", 0x0800), N("ETH_P_X25", 0x0805),
	N("ETH_P_ARP", 0x0806), N("ETH_P_8021Q", 0x8100),
	N("ETH_P_IPX", 0x8137), N("ETH_P_IPV6", 0x86DD),
	N("ETH_P_PAUSE", 0x8808), N("ETH_P_SLOW", 0x8809),
	N("ETH_P_MPLS_UC", 0x8847), N("ETH_P_MPLS_MC", 0x8848),
	N("ETH_P_PPP_DISC", 0x8863), N("ETH_P_PPP_SES", 0x8864),
	N("ETH_P_PAE", 0x888E), N("ETH_P_8021AD", 0x88A8),
	N("ETH_P_LLDP", 0x88CC), N("ETH_P_MACSEC", 0x88E5),
	N("ETH_P_1588", 0x88F7), N("ETH_P_FCOE", 0x8906),
};

/* fanotify(7): fanotify_init's class and flags, fanotify_mark's flags
 * and mask, in strace 6.1's order. */
static const struct named_value fan_classes[] = {
	N("FAN_CLASS_NOTIF", 0), N("FAN_CLASS_CONTENT", 4),
	N("FAN_CLASS_PRE_CONTENT", 8),
};

static const struct named_value fan_init_flags[] = {
	N("FAN_CLOEXEC", 0x1), N("FAN_NONBLOCK", 0x2),
	N("FAN_UNLIMITED_QUEUE", 0x10), N("FAN_UNLIMITED_MARKS", 0x20),
	N("FAN_ENABLE_AUDIT", 0x40), N("FAN_REPORT_PIDFD", 0x80),
	N("FAN_REPORT_TID", 0x100), N("FAN_REPORT_FID", 0x200),
	N("FAN_REPORT_DIR_FID", 0x400), N("FAN_REPORT_NAME", 0x800),
	N("FAN_REPORT_TARGET_FID", 0x1000),
};

static const struct named_value fan_mark_flags[] = {
	N("FAN_MARK_ADD", 0x1), N("FAN_MARK_REMOVE", 0x2),
	N("FAN_MARK_DONT_FOLLOW", 0x4), N("FAN_MARK_ONLYDIR", 0x8),
	N("FAN_MARK_MOUNT", 0x10), N("FAN_MARK_IGNORED_MASK", 0x20),
	N("FAN_MARK_IGNORED_SURV_MODIFY", 0x40), N("FAN_MARK_FLUSH", 0x80),
	N("FAN_MARK_FILESYSTEM", 0x100), N("FAN_MARK_EVICTABLE", 0x200),
	N("FAN_MARK_IGNORE", 0x400),
};

static const struct named_value fan_events[] = {
	N("FAN_ACCESS", 0x1), N("FAN_MODIFY", 0x2), N("FAN_ATTRIB", 0x4),
	N("FAN_CLOSE_WRITE", 0x8), N("FAN_CLOSE_NOWRITE", 0x10),
	N("FAN_OPEN", 0x20), N("FAN_MOVED_FROM", 0x40),
	N("FAN_MOVED_TO", 0x80), N("FAN_CREATE", 0x100),
	N("FAN_DELETE", 0x200), N("FAN_DELETE_SELF", 0x400),
	N("FAN_MOVE_SELF", 0x800), N("FAN_OPEN_EXEC", 0x1000),
	N("FAN_Q_OVERFLOW", 0x4000), N("FAN_FS_ERROR", 0x8000),
	N("FAN_OPEN_PERM", 0x10000), N("FAN_ACCESS_PERM", 0x20000),
	N("FAN_OPEN_EXEC_PERM", 0x40000), N("FAN_EVENT_ON_CHILD", 0x8000000),
	N("FAN_RENAME", 0x10000000), N("FAN_ONDIR", 0x40000000),
};

/* io_uring_enter's flags, io_uring_register's opcodes. */
static const struct named_value ioring_enter_flags[] = {
	N("IORING_ENTER_GETEVENTS", 0x1), N("IORING_ENTER_SQ_WAKEUP", 0x2),
	N("IORING_ENTER_SQ_WAIT", 0x4), N("IORING_ENTER_EXT_ARG", 0x8),
	N("IORING_ENTER_REGISTERED_RING", 0x10),
};

static const struct named_value ioring_register_ops[] = {
	N("IORING_REGISTER_BUFFERS", 0), N("IORING_UNREGISTER_BUFFERS", 1),
	N("IORING_REGISTER_FILES", 2), N("IORING_UNREGISTER_FILES", 3),
	N("IORING_REGISTER_EVENTFD", 4), N("IORING_UNREGISTER_EVENTFD", 5),
	N("IORING_REGISTER_FILES_UPDATE", 6),
	N("IORING_REGISTER_EVENTFD_ASYNC", 7), N("IORING_REGISTER_PROBE", 8),
	N("IORING_REGISTER_PERSONALITY", 9),
	N("IORING_UNREGISTER_PERSONALITY", 10),
	N("IORING_REGISTER_RESTRICTIONS", 11),
	N("IORING_REGISTER_ENABLE_RINGS", 12),
	N("IORING_REGISTER_FILES2", 13),
	N("IORING_REGISTER_FILES_UPDATE2", 14),
	N("IORING_REGISTER_BUFFERS2", 15),
	N("IORING_REGISTER_BUFFERS_UPDATE", 16),
	N("IORING_REGISTER_IOWQ_AFF", 17),
	N("IORING_UNREGISTER_IOWQ_AFF", 18),
	N("IORING_REGISTER_IOWQ_MAX_WORKERS", 19),
	N("IORING_REGISTER_RING_FDS", 20),
	N("IORING_UNREGISTER_RING_FDS", 21),
	N("IORING_REGISTER_PBUF_RING", 22),
	N("IORING_UNREGISTER_PBUF_RING", 23),
	N("IORING_REGISTER_SYNC_CANCEL", 24),
	N("IORING_REGISTER_FILE_ALLOC_RANGE", 25),
};

/* The new mount API's flags and fsconfig's commands. */
static const struct named_value open_tree_flags[] = {
	N("OPEN_TREE_CLONE", 0x1), N("OPEN_TREE_CLOEXEC", 0x80000),
	N("AT_SYMLINK_NOFOLLOW", 0x100), N("AT_NO_AUTOMOUNT", 0x800),
	N("AT_EMPTY_PATH", 0x1000), N("AT_RECURSIVE", 0x8000),
};

static const struct named_value fsopen_flags[] = {
	N("FSOPEN_CLOEXEC", 0x1),
};

static const struct named_value fspick_flags[] = {
	N("FSPICK_CLOEXEC", 0x1), N("FSPICK_SYMLINK_NOFOLLOW", 0x2),
	N("FSPICK_NO_AUTOMOUNT", 0x4), N("FSPICK_EMPTY_PATH", 0x8),
};

static const struct named_value fsconfig_cmds[] = {
	N("FSCONFIG_SET_FLAG", 0), N("FSCONFIG_SET_STRING", 1),
	N("FSCONFIG_SET_BINARY", 2), N("FSCONFIG_SET_PATH", 3),
	N("FSCONFIG_SET_PATH_EMPTY", 4), N("FSCONFIG_SET_FD", 5),
	N("FSCONFIG_CMD_CREATE", 6), N("FSCONFIG_CMD_RECONFIGURE", 7),
};

/* struct sched_attr's sched_flags. */
static const struct named_value sched_attr_flags[] = {
	N("SCHED_FLAG_RESET_ON_FORK", 0x1), N("SCHED_FLAG_RECLAIM", 0x2),
	N("SCHED_FLAG_DL_OVERRUN", 0x4), N("SCHED_FLAG_KEEP_POLICY", 0x8),
	N("SCHED_FLAG_KEEP_PARAMS", 0x10), N("SCHED_FLAG_UTIL_CLAMP_MIN", 0x20),
	N("SCHED_FLAG_UTIL_CLAMP_MAX", 0x40),
};

/* Landlock's filesystem access rights (struct landlock_ruleset_attr's
 * handled_access_fs, landlock_path_beneath_attr's allowed_access): the
 * rights strace 6.1 names, up to LANDLOCK_ACCESS_FS_REFER. */
static const struct named_value landlock_access_fs[] = {
	N("LANDLOCK_ACCESS_FS_EXECUTE", 1ull << 0),
	N("LANDLOCK_ACCESS_FS_WRITE_FILE", 1ull << 1),
	N("LANDLOCK_ACCESS_FS_READ_FILE", 1ull << 2),
	N("LANDLOCK_ACCESS_FS_READ_DIR", 1ull << 3),
	N("LANDLOCK_ACCESS_FS_REMOVE_DIR", 1ull << 4),
	N("LANDLOCK_ACCESS_FS_REMOVE_FILE", 1ull << 5),
	N("LANDLOCK_ACCESS_FS_MAKE_CHAR", 1ull << 6),
	N("LANDLOCK_ACCESS_FS_MAKE_DIR", 1ull << 7),
	N("LANDLOCK_ACCESS_FS_MAKE_REG", 1ull << 8),
	N("LANDLOCK_ACCESS_FS_MAKE_SOCK", 1ull << 9),
	N("LANDLOCK_ACCESS_FS_MAKE_FIFO", 1ull << 10),
	N("LANDLOCK_ACCESS_FS_MAKE_BLOCK", 1ull << 11),
	N("LANDLOCK_ACCESS_FS_MAKE_SYM", 1ull << 12),
	N("LANDLOCK_ACCESS_FS_REFER", 1ull << 13),
};

static const struct named_value landlock_create_flags[] = {
	N("LANDLOCK_CREATE_RULESET_VERSION", 1),
};

static const struct named_value landlock_rule_types[] = {
	N("LANDLOCK_RULE_PATH_BENEATH", 1),
};

/* struct futex_waitv's flags: the size (FUTEX2_SIZE_U32 is the one the
 * kernel takes) and FUTEX2_PRIVATE, by strace 6.1's names. */
static const struct named_value futex_waiter_flags[] = {
	N("FUTEX_32", 2),
	N("FUTEX_PRIVATE_FLAG", 128),
};

/* bpf(2)'s commands, map and program types, attach types and flag words,
 * and an eBPF instruction's class, mode and registers, as strace 6.1 names
 * them (its xlat/bpf_*.in and ebpf_*.in; bpf_decoder.c). Numbers, not
 * <linux/bpf.h>'s names: the build's header may be older or newer. */
static const struct named_value bpf_commands[] = {
	N("BPF_MAP_CREATE", 0), N("BPF_MAP_LOOKUP_ELEM", 1),
	N("BPF_MAP_UPDATE_ELEM", 2), N("BPF_MAP_DELETE_ELEM", 3),
	N("BPF_MAP_GET_NEXT_KEY", 4), N("BPF_PROG_LOAD", 5), N("BPF_OBJ_PIN",
	6), N("BPF_OBJ_GET", 7), N("BPF_PROG_ATTACH", 8), N("BPF_PROG_DETACH",
	9), N("BPF_PROG_TEST_RUN", 10), N("BPF_PROG_GET_NEXT_ID", 11),
	N("BPF_MAP_GET_NEXT_ID", 12), N("BPF_PROG_GET_FD_BY_ID", 13),
	N("BPF_MAP_GET_FD_BY_ID", 14), N("BPF_OBJ_GET_INFO_BY_FD", 15),
	N("BPF_PROG_QUERY", 16), N("BPF_RAW_TRACEPOINT_OPEN", 17),
	N("BPF_BTF_LOAD", 18), N("BPF_BTF_GET_FD_BY_ID", 19),
	N("BPF_TASK_FD_QUERY", 20), N("BPF_MAP_LOOKUP_AND_DELETE_ELEM", 21),
	N("BPF_MAP_FREEZE", 22), N("BPF_BTF_GET_NEXT_ID", 23),
	N("BPF_MAP_LOOKUP_BATCH", 24), N("BPF_MAP_LOOKUP_AND_DELETE_BATCH", 25),
	N("BPF_MAP_UPDATE_BATCH", 26), N("BPF_MAP_DELETE_BATCH", 27),
	N("BPF_LINK_CREATE", 28), N("BPF_LINK_UPDATE", 29),
	N("BPF_LINK_GET_FD_BY_ID", 30), N("BPF_LINK_GET_NEXT_ID", 31),
	N("BPF_ENABLE_STATS", 32), N("BPF_ITER_CREATE", 33),
	N("BPF_LINK_DETACH", 34), N("BPF_PROG_BIND_MAP", 35),
};

static const struct named_value bpf_map_types[] = {
	N("BPF_MAP_TYPE_UNSPEC", 0), N("BPF_MAP_TYPE_HASH", 1),
	N("BPF_MAP_TYPE_ARRAY", 2), N("BPF_MAP_TYPE_PROG_ARRAY", 3),
	N("BPF_MAP_TYPE_PERF_EVENT_ARRAY", 4), N("BPF_MAP_TYPE_PERCPU_HASH", 5),
	N("BPF_MAP_TYPE_PERCPU_ARRAY", 6), N("BPF_MAP_TYPE_STACK_TRACE", 7),
	N("BPF_MAP_TYPE_CGROUP_ARRAY", 8), N("BPF_MAP_TYPE_LRU_HASH", 9),
	N("BPF_MAP_TYPE_LRU_PERCPU_HASH", 10), N("BPF_MAP_TYPE_LPM_TRIE", 11),
	N("BPF_MAP_TYPE_ARRAY_OF_MAPS", 12), N("BPF_MAP_TYPE_HASH_OF_MAPS", 13),
	N("BPF_MAP_TYPE_DEVMAP", 14), N("BPF_MAP_TYPE_SOCKMAP", 15),
	N("BPF_MAP_TYPE_CPUMAP", 16), N("BPF_MAP_TYPE_XSKMAP", 17),
	N("BPF_MAP_TYPE_SOCKHASH", 18), N("BPF_MAP_TYPE_CGROUP_STORAGE", 19),
	N("BPF_MAP_TYPE_REUSEPORT_SOCKARRAY", 20),
	N("BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE", 21), N("BPF_MAP_TYPE_QUEUE",
	22), N("BPF_MAP_TYPE_STACK", 23), N("BPF_MAP_TYPE_SK_STORAGE", 24),
	N("BPF_MAP_TYPE_DEVMAP_HASH", 25), N("BPF_MAP_TYPE_STRUCT_OPS", 26),
	N("BPF_MAP_TYPE_RINGBUF", 27), N("BPF_MAP_TYPE_INODE_STORAGE", 28),
	N("BPF_MAP_TYPE_TASK_STORAGE", 29), N("BPF_MAP_TYPE_BLOOM_FILTER", 30),
	N("BPF_MAP_TYPE_USER_RINGBUF", 31),
};

static const struct named_value bpf_prog_types[] = {
	N("BPF_PROG_TYPE_UNSPEC", 0), N("BPF_PROG_TYPE_SOCKET_FILTER", 1),
	N("BPF_PROG_TYPE_KPROBE", 2), N("BPF_PROG_TYPE_SCHED_CLS", 3),
	N("BPF_PROG_TYPE_SCHED_ACT", 4), N("BPF_PROG_TYPE_TRACEPOINT", 5),
	N("BPF_PROG_TYPE_XDP", 6), N("BPF_PROG_TYPE_PERF_EVENT", 7),
	N("BPF_PROG_TYPE_CGROUP_SKB", 8), N("BPF_PROG_TYPE_CGROUP_SOCK", 9),
	N("BPF_PROG_TYPE_LWT_IN", 10), N("BPF_PROG_TYPE_LWT_OUT", 11),
	N("BPF_PROG_TYPE_LWT_XMIT", 12), N("BPF_PROG_TYPE_SOCK_OPS", 13),
	N("BPF_PROG_TYPE_SK_SKB", 14), N("BPF_PROG_TYPE_CGROUP_DEVICE", 15),
	N("BPF_PROG_TYPE_SK_MSG", 16), N("BPF_PROG_TYPE_RAW_TRACEPOINT", 17),
	N("BPF_PROG_TYPE_CGROUP_SOCK_ADDR", 18),
	N("BPF_PROG_TYPE_LWT_SEG6LOCAL", 19), N("BPF_PROG_TYPE_LIRC_MODE2", 20),
	N("BPF_PROG_TYPE_SK_REUSEPORT", 21), N("BPF_PROG_TYPE_FLOW_DISSECTOR",
	22), N("BPF_PROG_TYPE_CGROUP_SYSCTL", 23),
	N("BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE", 24),
	N("BPF_PROG_TYPE_CGROUP_SOCKOPT", 25), N("BPF_PROG_TYPE_TRACING", 26),
	N("BPF_PROG_TYPE_STRUCT_OPS", 27), N("BPF_PROG_TYPE_EXT", 28),
	N("BPF_PROG_TYPE_LSM", 29), N("BPF_PROG_TYPE_SK_LOOKUP", 30),
	N("BPF_PROG_TYPE_SYSCALL", 31),
};

static const struct named_value bpf_attach_types[] = {
	N("BPF_CGROUP_INET_INGRESS", 0), N("BPF_CGROUP_INET_EGRESS", 1),
	N("BPF_CGROUP_INET_SOCK_CREATE", 2), N("BPF_CGROUP_SOCK_OPS", 3),
	N("BPF_SK_SKB_STREAM_PARSER", 4), N("BPF_SK_SKB_STREAM_VERDICT", 5),
	N("BPF_CGROUP_DEVICE", 6), N("BPF_SK_MSG_VERDICT", 7),
	N("BPF_CGROUP_INET4_BIND", 8), N("BPF_CGROUP_INET6_BIND", 9),
	N("BPF_CGROUP_INET4_CONNECT", 10), N("BPF_CGROUP_INET6_CONNECT", 11),
	N("BPF_CGROUP_INET4_POST_BIND", 12), N("BPF_CGROUP_INET6_POST_BIND",
	13), N("BPF_CGROUP_UDP4_SENDMSG", 14), N("BPF_CGROUP_UDP6_SENDMSG", 15),
	N("BPF_LIRC_MODE2", 16), N("BPF_FLOW_DISSECTOR", 17),
	N("BPF_CGROUP_SYSCTL", 18), N("BPF_CGROUP_UDP4_RECVMSG", 19),
	N("BPF_CGROUP_UDP6_RECVMSG", 20), N("BPF_CGROUP_GETSOCKOPT", 21),
	N("BPF_CGROUP_SETSOCKOPT", 22), N("BPF_TRACE_RAW_TP", 23),
	N("BPF_TRACE_FENTRY", 24), N("BPF_TRACE_FEXIT", 25),
	N("BPF_MODIFY_RETURN", 26), N("BPF_LSM_MAC", 27), N("BPF_TRACE_ITER",
	28), N("BPF_CGROUP_INET4_GETPEERNAME", 29),
	N("BPF_CGROUP_INET6_GETPEERNAME", 30), N("BPF_CGROUP_INET4_GETSOCKNAME",
	31), N("BPF_CGROUP_INET6_GETSOCKNAME", 32), N("BPF_XDP_DEVMAP", 33),
	N("BPF_CGROUP_INET_SOCK_RELEASE", 34), N("BPF_XDP_CPUMAP", 35),
	N("BPF_SK_LOOKUP", 36), N("BPF_XDP", 37), N("BPF_SK_SKB_VERDICT", 38),
	N("BPF_SK_REUSEPORT_SELECT", 39),
	N("BPF_SK_REUSEPORT_SELECT_OR_MIGRATE", 40), N("BPF_PERF_EVENT", 41),
	N("BPF_TRACE_KPROBE_MULTI", 42), N("BPF_LSM_CGROUP", 43),
};

static const struct named_value bpf_map_flags[] = {
	N("BPF_F_NO_PREALLOC", 1u << 0), N("BPF_F_NO_COMMON_LRU", 1u << 1),
	N("BPF_F_NUMA_NODE", 1u << 2), N("BPF_F_RDONLY", 1u << 3),
	N("BPF_F_WRONLY", 1u << 4), N("BPF_F_STACK_BUILD_ID", 1u << 5),
	N("BPF_F_ZERO_SEED", 1u << 6), N("BPF_F_RDONLY_PROG", 1u << 7),
	N("BPF_F_WRONLY_PROG", 1u << 8), N("BPF_F_CLONE", 1u << 9),
	N("BPF_F_MMAPABLE", 1u << 10), N("BPF_F_PRESERVE_ELEMS", 1u << 11),
	N("BPF_F_INNER_MAP", 1u << 12),
};

static const struct named_value bpf_prog_flags[] = {
	N("BPF_F_STRICT_ALIGNMENT", 1u << 0), N("BPF_F_ANY_ALIGNMENT", 1u << 1),
	N("BPF_F_TEST_RND_HI32", 1u << 2), N("BPF_F_TEST_STATE_FREQ", 1u << 3),
	N("BPF_F_SLEEPABLE", 1u << 4),
};

static const struct named_value bpf_file_mode_flags[] = {
	N("BPF_F_RDONLY", 1u << 3), N("BPF_F_WRONLY", 1u << 4),
};

static const struct named_value bpf_lookup_flags[] = {
	N("BPF_ANY", 0), N("BPF_F_LOCK", 4),
};

static const struct named_value bpf_update_flags[] = {
	N("BPF_ANY", 0), N("BPF_NOEXIST", 1), N("BPF_EXIST", 2),
	N("BPF_F_LOCK", 4),
};

static const struct named_value bpf_attach_flags[] = {
	N("BPF_F_ALLOW_OVERRIDE", 1u << 0), N("BPF_F_ALLOW_MULTI", 1u << 1),
	N("BPF_F_REPLACE", 1u << 2),
};

static const struct named_value bpf_query_flags[] = {
	N("BPF_F_QUERY_EFFECTIVE", 1u << 0),
};

static const struct named_value bpf_task_fd_types[] = {
	N("BPF_FD_TYPE_RAW_TRACEPOINT", 0), N("BPF_FD_TYPE_TRACEPOINT", 1),
	N("BPF_FD_TYPE_KPROBE", 2), N("BPF_FD_TYPE_KRETPROBE", 3),
	N("BPF_FD_TYPE_UPROBE", 4), N("BPF_FD_TYPE_URETPROBE", 5),
};

static const struct named_value bpf_kprobe_multi_flags[] = {
	N("BPF_F_KPROBE_MULTI_RETURN", 1u << 0),
};

static const struct named_value bpf_test_run_flags[] = {
	N("BPF_F_TEST_RUN_ON_CPU", 1u << 0),
	N("BPF_F_TEST_XDP_LIVE_FRAMES", 1u << 1),
};

static const struct named_value ebpf_classes[] = {
	N("BPF_LD", 0), N("BPF_LDX", 1), N("BPF_ST", 2), N("BPF_STX", 3),
	N("BPF_ALU", 4), N("BPF_JMP", 5), N("BPF_JMP32", 6), N("BPF_ALU64", 7),
};

static const struct named_value ebpf_modes[] = {
	N("BPF_IMM", 0x00), N("BPF_ABS", 0x20), N("BPF_IND", 0x40),
	N("BPF_MEM", 0x60), N("BPF_XADD", 0xc0),
};

static const struct named_value ebpf_regs[] = {
	N("BPF_REG_0", 0), N("BPF_REG_1", 1), N("BPF_REG_2", 2), N("BPF_REG_3",
	3), N("BPF_REG_4", 4), N("BPF_REG_5", 5), N("BPF_REG_6", 6),
	N("BPF_REG_7", 7), N("BPF_REG_8", 8), N("BPF_REG_9", 9), N("BPF_REG_10",
	10),
};

/* io_uring_register's answers and arguments (io_uring_register.c), as
 * strace 6.1's xlat/uring_*.in name them. */
static const struct named_value uring_ops[] = {
	N("IORING_OP_NOP", 0), N("IORING_OP_READV", 1), N("IORING_OP_WRITEV",
	2), N("IORING_OP_FSYNC", 3), N("IORING_OP_READ_FIXED", 4),
	N("IORING_OP_WRITE_FIXED", 5), N("IORING_OP_POLL_ADD", 6),
	N("IORING_OP_POLL_REMOVE", 7), N("IORING_OP_SYNC_FILE_RANGE", 8),
	N("IORING_OP_SENDMSG", 9), N("IORING_OP_RECVMSG", 10),
	N("IORING_OP_TIMEOUT", 11), N("IORING_OP_TIMEOUT_REMOVE", 12),
	N("IORING_OP_ACCEPT", 13), N("IORING_OP_ASYNC_CANCEL", 14),
	N("IORING_OP_LINK_TIMEOUT", 15), N("IORING_OP_CONNECT", 16),
	N("IORING_OP_FALLOCATE", 17), N("IORING_OP_OPENAT", 18),
	N("IORING_OP_CLOSE", 19), N("IORING_OP_FILES_UPDATE", 20),
	N("IORING_OP_STATX", 21), N("IORING_OP_READ", 22), N("IORING_OP_WRITE",
	23), N("IORING_OP_FADVISE", 24), N("IORING_OP_MADVISE", 25),
	N("IORING_OP_SEND", 26), N("IORING_OP_RECV", 27), N("IORING_OP_OPENAT2",
	28), N("IORING_OP_EPOLL_CTL", 29), N("IORING_OP_SPLICE", 30),
	N("IORING_OP_PROVIDE_BUFFERS", 31), N("IORING_OP_REMOVE_BUFFERS", 32),
	N("IORING_OP_TEE", 33), N("IORING_OP_SHUTDOWN", 34),
	N("IORING_OP_RENAMEAT", 35), N("IORING_OP_UNLINKAT", 36),
	N("IORING_OP_MKDIRAT", 37), N("IORING_OP_SYMLINKAT", 38),
	N("IORING_OP_LINKAT", 39), N("IORING_OP_MSG_RING", 40),
	N("IORING_OP_FSETXATTR", 41), N("IORING_OP_SETXATTR", 42),
	N("IORING_OP_FGETXATTR", 43), N("IORING_OP_GETXATTR", 44),
	N("IORING_OP_SOCKET", 45), N("IORING_OP_URING_CMD", 46),
};

static const struct named_value uring_op_flags[] = {
	N("IO_URING_OP_SUPPORTED", 1u << 0),
};

static const struct named_value uring_restriction_ops[] = {
	N("IORING_RESTRICTION_REGISTER_OP", 0), N("IORING_RESTRICTION_SQE_OP", 1),
	N("IORING_RESTRICTION_SQE_FLAGS_ALLOWED", 2),
	N("IORING_RESTRICTION_SQE_FLAGS_REQUIRED", 3),
};

static const struct named_value uring_sqe_flags[] = {
	N("IOSQE_FIXED_FILE", 1u << 0), N("IOSQE_IO_DRAIN", 1u << 1),
	N("IOSQE_IO_LINK", 1u << 2), N("IOSQE_IO_HARDLINK", 1u << 3),
	N("IOSQE_ASYNC", 1u << 4), N("IOSQE_BUFFER_SELECT", 1u << 5),
	N("IOSQE_CQE_SKIP_SUCCESS", 1u << 6),
};

static const struct named_value uring_iowq_acct[] = {
	N("IO_WQ_BOUND", 0), N("IO_WQ_UNBOUND", 1),
};

static const struct named_value uring_rsrc_flags[] = {
	N("IORING_RSRC_REGISTER_SPARSE", 1u << 0),
};

/* perf_event_open(2) (strace 6.1's xlat/perf_*.in, hw_breakpoint_type,
 * perf_event_open_flags). */
static const struct named_value perf_types[] = {
	N("PERF_TYPE_HARDWARE", 0), N("PERF_TYPE_SOFTWARE", 1),
	N("PERF_TYPE_TRACEPOINT", 2), N("PERF_TYPE_HW_CACHE", 3),
	N("PERF_TYPE_RAW", 4), N("PERF_TYPE_BREAKPOINT", 5),
};

static const struct named_value perf_attr_sizes[] = {
	N("PERF_ATTR_SIZE_VER0", 64), N("PERF_ATTR_SIZE_VER1", 72),
	N("PERF_ATTR_SIZE_VER2", 80), N("PERF_ATTR_SIZE_VER3", 96),
	N("PERF_ATTR_SIZE_VER4", 104), N("PERF_ATTR_SIZE_VER5", 112),
	N("PERF_ATTR_SIZE_VER6", 120), N("PERF_ATTR_SIZE_VER7", 128),
};

static const struct named_value perf_hw_ids[] = {
	N("PERF_COUNT_HW_CPU_CYCLES", 0), N("PERF_COUNT_HW_INSTRUCTIONS", 1),
	N("PERF_COUNT_HW_CACHE_REFERENCES", 2),
	N("PERF_COUNT_HW_CACHE_MISSES", 3),
	N("PERF_COUNT_HW_BRANCH_INSTRUCTIONS", 4),
	N("PERF_COUNT_HW_BRANCH_MISSES", 5), N("PERF_COUNT_HW_BUS_CYCLES", 6),
	N("PERF_COUNT_HW_STALLED_CYCLES_FRONTEND", 7),
	N("PERF_COUNT_HW_STALLED_CYCLES_BACKEND", 8),
	N("PERF_COUNT_HW_REF_CPU_CYCLES", 9),
};

static const struct named_value perf_sw_ids[] = {
	N("PERF_COUNT_SW_CPU_CLOCK", 0), N("PERF_COUNT_SW_TASK_CLOCK", 1),
	N("PERF_COUNT_SW_PAGE_FAULTS", 2),
	N("PERF_COUNT_SW_CONTEXT_SWITCHES", 3),
	N("PERF_COUNT_SW_CPU_MIGRATIONS", 4),
	N("PERF_COUNT_SW_PAGE_FAULTS_MIN", 5),
	N("PERF_COUNT_SW_PAGE_FAULTS_MAJ", 6),
	N("PERF_COUNT_SW_ALIGNMENT_FAULTS", 7),
	N("PERF_COUNT_SW_EMULATION_FAULTS", 8), N("PERF_COUNT_SW_DUMMY", 9),
	N("PERF_COUNT_SW_BPF_OUTPUT", 10),
	N("PERF_COUNT_SW_CGROUP_SWITCHES", 11),
};

static const struct named_value perf_hw_cache_ids[] = {
	N("PERF_COUNT_HW_CACHE_L1D", 0), N("PERF_COUNT_HW_CACHE_L1I", 1),
	N("PERF_COUNT_HW_CACHE_LL", 2), N("PERF_COUNT_HW_CACHE_DTLB", 3),
	N("PERF_COUNT_HW_CACHE_ITLB", 4), N("PERF_COUNT_HW_CACHE_BPU", 5),
	N("PERF_COUNT_HW_CACHE_NODE", 6),
};

static const struct named_value perf_hw_cache_ops[] = {
	N("PERF_COUNT_HW_CACHE_OP_READ", 0), N("PERF_COUNT_HW_CACHE_OP_WRITE", 1),
	N("PERF_COUNT_HW_CACHE_OP_PREFETCH", 2),
};

static const struct named_value perf_hw_cache_results[] = {
	N("PERF_COUNT_HW_CACHE_RESULT_ACCESS", 0),
	N("PERF_COUNT_HW_CACHE_RESULT_MISS", 1),
};

static const struct named_value perf_sample_formats[] = {
	N("PERF_SAMPLE_IP", 1ull << 0), N("PERF_SAMPLE_TID", 1ull << 1),
	N("PERF_SAMPLE_TIME", 1ull << 2), N("PERF_SAMPLE_ADDR", 1ull << 3),
	N("PERF_SAMPLE_READ", 1ull << 4), N("PERF_SAMPLE_CALLCHAIN", 1ull << 5),
	N("PERF_SAMPLE_ID", 1ull << 6), N("PERF_SAMPLE_CPU", 1ull << 7),
	N("PERF_SAMPLE_PERIOD", 1ull << 8),
	N("PERF_SAMPLE_STREAM_ID", 1ull << 9), N("PERF_SAMPLE_RAW", 1ull << 10),
	N("PERF_SAMPLE_BRANCH_STACK", 1ull << 11),
	N("PERF_SAMPLE_REGS_USER", 1ull << 12),
	N("PERF_SAMPLE_STACK_USER", 1ull << 13),
	N("PERF_SAMPLE_WEIGHT", 1ull << 14),
	N("PERF_SAMPLE_DATA_SRC", 1ull << 15),
	N("PERF_SAMPLE_IDENTIFIER", 1ull << 16),
	N("PERF_SAMPLE_TRANSACTION", 1ull << 17),
	N("PERF_SAMPLE_REGS_INTR", 1ull << 18),
	N("PERF_SAMPLE_PHYS_ADDR", 1ull << 19), N("PERF_SAMPLE_AUX", 1ull << 20),
	N("PERF_SAMPLE_CGROUP", 1ull << 21),
	N("PERF_SAMPLE_DATA_PAGE_SIZE", 1ull << 22),
	N("PERF_SAMPLE_CODE_PAGE_SIZE", 1ull << 23),
	N("PERF_SAMPLE_WEIGHT_STRUCT", 1ull << 24),
};

static const struct named_value perf_read_formats[] = {
	N("PERF_FORMAT_TOTAL_TIME_ENABLED", 1u << 0),
	N("PERF_FORMAT_TOTAL_TIME_RUNNING", 1u << 1),
	N("PERF_FORMAT_ID", 1u << 2), N("PERF_FORMAT_GROUP", 1u << 3),
	N("PERF_FORMAT_LOST", 1u << 4),
};

static const struct named_value perf_branch_samples[] = {
	N("PERF_SAMPLE_BRANCH_USER", 1u << 0),
	N("PERF_SAMPLE_BRANCH_KERNEL", 1u << 1),
	N("PERF_SAMPLE_BRANCH_HV", 1u << 2), N("PERF_SAMPLE_BRANCH_ANY", 1u << 3),
	N("PERF_SAMPLE_BRANCH_ANY_CALL", 1u << 4),
	N("PERF_SAMPLE_BRANCH_ANY_RETURN", 1u << 5),
	N("PERF_SAMPLE_BRANCH_IND_CALL", 1u << 6),
	N("PERF_SAMPLE_BRANCH_ABORT_TX", 1u << 7),
	N("PERF_SAMPLE_BRANCH_IN_TX", 1u << 8),
	N("PERF_SAMPLE_BRANCH_NO_TX", 1u << 9),
	N("PERF_SAMPLE_BRANCH_COND", 1u << 10),
	N("PERF_SAMPLE_BRANCH_CALL_STACK", 1u << 11),
	N("PERF_SAMPLE_BRANCH_IND_JUMP", 1u << 12),
	N("PERF_SAMPLE_BRANCH_CALL", 1u << 13),
	N("PERF_SAMPLE_BRANCH_NO_FLAGS", 1u << 14),
	N("PERF_SAMPLE_BRANCH_NO_CYCLES", 1u << 15),
	N("PERF_SAMPLE_BRANCH_TYPE_SAVE", 1u << 16),
	N("PERF_SAMPLE_BRANCH_HW_INDEX", 1u << 17),
	N("PERF_SAMPLE_BRANCH_PRIV_SAVE", 1u << 18),
};

static const struct named_value hw_breakpoint_types[] = {
	N("HW_BREAKPOINT_EMPTY", 0), N("HW_BREAKPOINT_R", 1),
	N("HW_BREAKPOINT_W", 2), N("HW_BREAKPOINT_RW", 3),
	N("HW_BREAKPOINT_X", 4),
};

static const struct named_value perf_open_flags[] = {
	N("PERF_FLAG_FD_NO_GROUP", 1), N("PERF_FLAG_FD_OUTPUT", 2),
	N("PERF_FLAG_PID_CGROUP", 4), N("PERF_FLAG_FD_CLOEXEC", 8),
};

/* struct sockaddr_ll's sll_pkttype. */
static const struct named_value packet_types[] = {
	N("PACKET_HOST", 0), N("PACKET_BROADCAST", 1),
	N("PACKET_MULTICAST", 2), N("PACKET_OTHERHOST", 3),
	N("PACKET_OUTGOING", 4), N("PACKET_LOOPBACK", 5),
	N("PACKET_USER", 6), N("PACKET_KERNEL", 7),
};

static const struct named_value bluetooth_protocols[] = {
	N("BTPROTO_L2CAP", 0), N("BTPROTO_HCI", 1), N("BTPROTO_SCO", 2),
	N("BTPROTO_RFCOMM", 3), N("BTPROTO_BNEP", 4), N("BTPROTO_CMTP", 5),
	N("BTPROTO_HIDP", 6), N("BTPROTO_AVDTP", 7), N("BTPROTO_ISO", 8),
};

static const struct named_value madvise_advice[] = {
	V(MADV_NORMAL), V(MADV_RANDOM), V(MADV_SEQUENTIAL),
	V(MADV_WILLNEED), V(MADV_DONTNEED), V(MADV_FREE),
	V(MADV_REMOVE), V(MADV_DONTFORK), V(MADV_DOFORK),
	V(MADV_MERGEABLE), V(MADV_UNMERGEABLE),
	V(MADV_HUGEPAGE), V(MADV_NOHUGEPAGE),
	V(MADV_DONTDUMP), V(MADV_DODUMP),
	V(MADV_WIPEONFORK), V(MADV_KEEPONFORK),
	V(MADV_COLD), V(MADV_PAGEOUT),
	V(MADV_POPULATE_READ), V(MADV_POPULATE_WRITE),
	V(MADV_DONTNEED_LOCKED), V(MADV_COLLAPSE),
	V(MADV_HWPOISON), V(MADV_SOFT_OFFLINE),
};

static const struct named_value futex_ops[] = {
	V(FUTEX_WAIT), V(FUTEX_WAKE), V(FUTEX_FD),
	V(FUTEX_REQUEUE), V(FUTEX_CMP_REQUEUE),
	V(FUTEX_WAKE_OP), V(FUTEX_LOCK_PI), V(FUTEX_UNLOCK_PI),
	V(FUTEX_TRYLOCK_PI), V(FUTEX_WAIT_BITSET),
	V(FUTEX_WAKE_BITSET), V(FUTEX_WAIT_REQUEUE_PI),
	V(FUTEX_CMP_REQUEUE_PI), V(FUTEX_LOCK_PI2),
};

static const struct named_value wait_options[] = {
	V(WNOHANG), V(WEXITED), V(WSTOPPED),
	V(WCONTINUED), V(WNOWAIT),
	V(__WCLONE), V(__WALL),
	V(__WNOTHREAD),
};

static const struct named_value waitid_idtypes[] = {
	V(P_ALL), V(P_PID), V(P_PGID), V(P_PIDFD),
};

static const struct named_value sa_flags[] = {
	N("SA_RESTORER", KERNEL_SA_RESTORER), V(SA_ONSTACK),
	V(SA_RESTART), V(SA_INTERRUPT),
	V(SA_NODEFER), V(SA_RESETHAND),
	V(SA_SIGINFO), V(SA_NOCLDSTOP), V(SA_NOCLDWAIT),
};

static const struct named_value sigprocmask_how[] = {
	V(SIG_BLOCK), V(SIG_UNBLOCK), V(SIG_SETMASK),
};

static const struct named_value access_modes[] = {
	V(F_OK), V(R_OK), V(W_OK), V(X_OK),
};

static const struct named_value seek_whence[] = {
	V(SEEK_SET), V(SEEK_CUR), V(SEEK_END),
	V(SEEK_DATA), V(SEEK_HOLE),
};

static const struct named_value clock_ids[] = {
	V(CLOCK_REALTIME), V(CLOCK_MONOTONIC),
	V(CLOCK_PROCESS_CPUTIME_ID), V(CLOCK_THREAD_CPUTIME_ID),
	V(CLOCK_MONOTONIC_RAW), V(CLOCK_REALTIME_COARSE),
	V(CLOCK_MONOTONIC_COARSE), V(CLOCK_BOOTTIME),
	V(CLOCK_REALTIME_ALARM), V(CLOCK_BOOTTIME_ALARM),
	N("CLOCK_SGI_CYCLE", 10), V(CLOCK_TAI),
};

static const struct named_value rlimits[] = {
	V(RLIMIT_CPU), V(RLIMIT_FSIZE), V(RLIMIT_DATA),
	V(RLIMIT_STACK), V(RLIMIT_CORE), V(RLIMIT_RSS),
	V(RLIMIT_NPROC), V(RLIMIT_NOFILE), V(RLIMIT_MEMLOCK),
	V(RLIMIT_AS), V(RLIMIT_LOCKS), V(RLIMIT_SIGPENDING),
	V(RLIMIT_MSGQUEUE), V(RLIMIT_NICE), V(RLIMIT_RTPRIO),
	V(RLIMIT_RTTIME),
};

#if ARCH_HAS_ARCH_PRCTL
static const struct named_value arch_prctl_codes[] = {
	ARCH_PRCTL_CODES(V),
};
#endif

static const struct named_value prctl_options[] = {
	V(PR_SET_PDEATHSIG), V(PR_GET_PDEATHSIG),
	V(PR_GET_DUMPABLE), V(PR_SET_DUMPABLE),
	V(PR_GET_UNALIGN), V(PR_SET_UNALIGN),
	V(PR_GET_KEEPCAPS), V(PR_SET_KEEPCAPS),
	V(PR_GET_FPEMU), V(PR_SET_FPEMU), V(PR_GET_FPEXC),
	V(PR_SET_FPEXC), V(PR_GET_TIMING), V(PR_SET_TIMING),
	V(PR_SET_NAME), V(PR_GET_NAME), V(PR_GET_ENDIAN),
	V(PR_SET_ENDIAN), V(PR_GET_SECCOMP),
	V(PR_SET_SECCOMP), V(PR_CAPBSET_READ),
	V(PR_CAPBSET_DROP), V(PR_GET_TSC), V(PR_SET_TSC),
	V(PR_GET_SECUREBITS), V(PR_SET_SECUREBITS),
	V(PR_SET_TIMERSLACK), V(PR_GET_TIMERSLACK),
	V(PR_TASK_PERF_EVENTS_DISABLE),
	V(PR_TASK_PERF_EVENTS_ENABLE), V(PR_MCE_KILL),
	V(PR_MCE_KILL_GET), V(PR_SET_MM),
	V(PR_SET_CHILD_SUBREAPER), V(PR_GET_CHILD_SUBREAPER),
	V(PR_SET_NO_NEW_PRIVS), V(PR_GET_NO_NEW_PRIVS),
	V(PR_GET_TID_ADDRESS), V(PR_SET_THP_DISABLE),
	V(PR_GET_THP_DISABLE), V(PR_MPX_ENABLE_MANAGEMENT),
	V(PR_MPX_DISABLE_MANAGEMENT), V(PR_SET_FP_MODE),
	V(PR_GET_FP_MODE), V(PR_CAP_AMBIENT),
	V(PR_SVE_SET_VL), V(PR_SVE_GET_VL),
	V(PR_GET_SPECULATION_CTRL), V(PR_SET_SPECULATION_CTRL),
	V(PR_PAC_RESET_KEYS), V(PR_SET_TAGGED_ADDR_CTRL),
	V(PR_GET_TAGGED_ADDR_CTRL), V(PR_SET_IO_FLUSHER),
	V(PR_GET_IO_FLUSHER), V(PR_SET_SYSCALL_USER_DISPATCH),
	V(PR_PAC_SET_ENABLED_KEYS), V(PR_PAC_GET_ENABLED_KEYS),
	V(PR_SCHED_CORE), V(PR_SME_SET_VL), V(PR_SME_GET_VL), V(PR_SET_VMA),
	V(PR_SET_PTRACER),
};

static const struct named_value grnd_flags[] = {
	V(GRND_NONBLOCK), V(GRND_RANDOM), V(GRND_INSECURE),
};

static const struct named_value statx_mask[] = {
	V(STATX_ALL), V(STATX_BASIC_STATS),
	V(STATX_TYPE), V(STATX_MODE), V(STATX_NLINK),
	V(STATX_UID), V(STATX_GID), V(STATX_ATIME),
	V(STATX_MTIME), V(STATX_CTIME), V(STATX_INO),
	V(STATX_SIZE), V(STATX_BLOCKS),
	V(STATX_BTIME), V(STATX_MNT_ID),
	V(STATX_DIOALIGN),
};

static const struct named_value statx_attrs[] = {
	V(STATX_ATTR_COMPRESSED), V(STATX_ATTR_IMMUTABLE),
	V(STATX_ATTR_APPEND), V(STATX_ATTR_NODUMP),
	V(STATX_ATTR_ENCRYPTED), V(STATX_ATTR_AUTOMOUNT),
	V(STATX_ATTR_MOUNT_ROOT), V(STATX_ATTR_VERITY),
	V(STATX_ATTR_DAX),
};

static const struct named_value statx_sync[] = {
	V(AT_STATX_SYNC_AS_STAT), V(AT_STATX_FORCE_SYNC),
	V(AT_STATX_DONT_SYNC),
};

static const struct named_value mremap_flags[] = {
	V(MREMAP_MAYMOVE), V(MREMAP_FIXED), V(MREMAP_DONTUNMAP),
};

static const struct named_value msync_flags[] = {
	V(MS_SYNC), V(MS_ASYNC), V(MS_INVALIDATE),
};

static const struct named_value mlock_flags[] = {
	V(MLOCK_ONFAULT),
};

static const struct named_value mcl_flags[] = {
	V(MCL_CURRENT), V(MCL_FUTURE), V(MCL_ONFAULT),
};

static const struct named_value efd_flags[] = {
	V(EFD_SEMAPHORE), V(EFD_CLOEXEC),
	V(EFD_NONBLOCK),
};

static const struct named_value epoll_create_flags[] = {
	V(EPOLL_CLOEXEC),
};

static const struct named_value inotify_init_flags[] = {
	V(IN_NONBLOCK), V(IN_CLOEXEC),
};

static const struct named_value tfd_create_flags[] = {
	V(TFD_TIMER_ABSTIME), V(TFD_TIMER_CANCEL_ON_SET),
	V(TFD_CLOEXEC), V(TFD_NONBLOCK),
};

/* signalfd4's, as strace orders them. */
static const struct named_value sfd_flags[] = {
	V(SFD_CLOEXEC), V(SFD_NONBLOCK),
};

static const struct named_value mfd_flags[] = {
	V(MFD_CLOEXEC), V(MFD_ALLOW_SEALING), V(MFD_HUGETLB),
};

static const struct named_value close_range_flags[] = {
	V(CLOSE_RANGE_UNSHARE), V(CLOSE_RANGE_CLOEXEC),
};

/* strace 6.1's rwf_flags: the later RWF_NOAPPEND, RWF_ATOMIC are RWF_??? */
static const struct named_value rwf_flags[] = {
	V(RWF_HIPRI), V(RWF_DSYNC), V(RWF_SYNC), V(RWF_NOWAIT), V(RWF_APPEND),
};

/* <linux/pidfd.h>: PIDFD_NONBLOCK is O_NONBLOCK. */
static const struct named_value pidfd_open_flags[] = {
	{ O_NONBLOCK, "PIDFD_NONBLOCK" },
};

static const struct named_value rename_flags[] = {
	V(RENAME_NOREPLACE), V(RENAME_EXCHANGE),
	V(RENAME_WHITEOUT),
};

static const struct named_value umount_flags[] = {
	V(MNT_FORCE), V(MNT_DETACH), V(MNT_EXPIRE),
	V(UMOUNT_NOFOLLOW),
};

/* strace 6.1's xlat/fsmount_flags.in, fsmount_attr_flags.in,
 * move_mount_flags.in, mount_setattr_flags.in, module_init_flags.in and
 * sync_file_range_flags.in. */
static const struct named_value fsmount_flags[] = {
	N("FSMOUNT_CLOEXEC", 0x1),
};

static const struct named_value mount_attr_flags[] = {
	N("MOUNT_ATTR_RDONLY", 0x1), N("MOUNT_ATTR_NOSUID", 0x2),
	N("MOUNT_ATTR_NODEV", 0x4), N("MOUNT_ATTR_NOEXEC", 0x8),
	N("MOUNT_ATTR_NOATIME", 0x10), N("MOUNT_ATTR_STRICTATIME", 0x20),
	N("MOUNT_ATTR_NODIRATIME", 0x80),
};

static const struct named_value move_mount_flags[] = {
	N("MOVE_MOUNT_F_SYMLINKS", 0x1), N("MOVE_MOUNT_F_AUTOMOUNTS", 0x2),
	N("MOVE_MOUNT_F_EMPTY_PATH", 0x4), N("MOVE_MOUNT_T_SYMLINKS", 0x10),
	N("MOVE_MOUNT_T_AUTOMOUNTS", 0x20), N("MOVE_MOUNT_T_EMPTY_PATH", 0x40),
	N("MOVE_MOUNT_SET_GROUP", 0x100),
};

static const struct named_value mount_setattr_flags[] = {
	N("AT_SYMLINK_NOFOLLOW", 0x100), N("AT_NO_AUTOMOUNT", 0x800),
	N("AT_EMPTY_PATH", 0x1000), N("AT_RECURSIVE", 0x8000),
};

static const struct named_value module_init_flags[] = {
	N("MODULE_INIT_IGNORE_MODVERSIONS", 0x1),
	N("MODULE_INIT_IGNORE_VERMAGIC", 0x2),
	N("MODULE_INIT_COMPRESSED_FILE", 0x4),
};

static const struct named_value sync_file_range_flags[] = {
	N("SYNC_FILE_RANGE_WAIT_BEFORE", 0x1), N("SYNC_FILE_RANGE_WRITE", 0x2),
	N("SYNC_FILE_RANGE_WAIT_AFTER", 0x4),
};

/* struct mq_attr's mq_flags (strace's mq_attr_flags.in). */
static const struct named_value mq_attr_flags[] = {
	V(O_NONBLOCK),
};

/* syslog's actions and console levels (strace's syslog_action_type.in,
 * syslog_console_levels.in). */
static const struct named_value syslog_actions[] = {
	N("SYSLOG_ACTION_CLOSE", 0), N("SYSLOG_ACTION_OPEN", 1),
	N("SYSLOG_ACTION_READ", 2), N("SYSLOG_ACTION_READ_ALL", 3),
	N("SYSLOG_ACTION_READ_CLEAR", 4), N("SYSLOG_ACTION_CLEAR", 5),
	N("SYSLOG_ACTION_CONSOLE_OFF", 6), N("SYSLOG_ACTION_CONSOLE_ON", 7),
	N("SYSLOG_ACTION_CONSOLE_LEVEL", 8), N("SYSLOG_ACTION_SIZE_UNREAD", 9),
	N("SYSLOG_ACTION_SIZE_BUFFER", 10),
};

static const struct named_value syslog_console_levels[] = {
	N("LOGLEVEL_EMERG", 0), N("LOGLEVEL_ALERT", 1), N("LOGLEVEL_CRIT", 2),
	N("LOGLEVEL_ERR", 3), N("LOGLEVEL_WARNING", 4),
	N("LOGLEVEL_NOTICE", 5), N("LOGLEVEL_INFO", 6),
	N("LOGLEVEL_DEBUG", 7), N("LOGLEVEL_DEBUG+1", 8),
};

/* swapon's flags above the priority (strace's swap_flags.in). */
static const struct named_value swap_flags[] = {
	N("SWAP_FLAG_PREFER", 0x8000), N("SWAP_FLAG_DISCARD", 0x10000),
	N("SWAP_FLAG_DISCARD_ONCE", 0x20000),
	N("SWAP_FLAG_DISCARD_PAGES", 0x40000),
};

/* move_pages' flags (strace's move_pages_flags.in). */
static const struct named_value move_pages_flags[] = {
	N("MPOL_MF_MOVE", 2), N("MPOL_MF_MOVE_ALL", 4),
};

/* userfaultfd's flags (strace's uffd_flags.in, in its order). */
static const struct named_value uffd_flags[] = {
	N("UFFD_USER_MODE_ONLY", 0x1), V(O_NONBLOCK), V(O_CLOEXEC),
};

static const struct named_value fadvise_advice[] = {
	V(POSIX_FADV_NORMAL), V(POSIX_FADV_RANDOM),
	V(POSIX_FADV_SEQUENTIAL), V(POSIX_FADV_WILLNEED),
	V(POSIX_FADV_DONTNEED), V(POSIX_FADV_NOREUSE),
};

static const struct named_value flock_ops[] = {
	V(LOCK_SH), V(LOCK_EX), V(LOCK_NB), V(LOCK_UN),
	V(LOCK_MAND), V(LOCK_RW), V(LOCK_READ),
	V(LOCK_WRITE),
};

static const struct named_value shutdown_how[] = {
	V(SHUT_RD), V(SHUT_WR), V(SHUT_RDWR),
};

static const struct named_value poll_events[] = {
	V(POLLIN), V(POLLPRI), V(POLLOUT),
	V(POLLERR), V(POLLHUP), V(POLLNVAL),
	V(POLLRDNORM), V(POLLRDBAND), V(POLLWRNORM),
	V(POLLWRBAND), V(POLLMSG), V(POLLREMOVE),
	V(POLLRDHUP),
};

/* strace's names for file system magic numbers (the ones seen in practice;
 * others print in hex). */
static const struct named_value fs_magics[] = {
	V(EXT2_SUPER_MAGIC), V(TMPFS_MAGIC),
	V(PROC_SUPER_MAGIC), V(SYSFS_MAGIC),
	V(DEVPTS_SUPER_MAGIC), V(OVERLAYFS_SUPER_MAGIC),
	V(BTRFS_SUPER_MAGIC), V(XFS_SUPER_MAGIC),
	V(CGROUP2_SUPER_MAGIC), V(CGROUP_SUPER_MAGIC),
	V(NFS_SUPER_MAGIC), V(V9FS_MAGIC),
	V(FUSE_SUPER_MAGIC), V(SQUASHFS_MAGIC),
	V(RAMFS_MAGIC), V(DEBUGFS_MAGIC),
	V(SECURITYFS_MAGIC), V(BPF_FS_MAGIC),
	N("MQUEUE_MAGIC", 0x19800202), V(HUGETLBFS_MAGIC),
	V(SELINUX_MAGIC), V(TRACEFS_MAGIC),
	V(PIPEFS_MAGIC), V(SOCKFS_MAGIC),
	V(ANON_INODE_FS_MAGIC), V(EFIVARFS_MAGIC),
	V(MSDOS_SUPER_MAGIC), V(ISOFS_SUPER_MAGIC),
	V(NSFS_MAGIC), V(F2FS_SUPER_MAGIC),
};

/* strace's order (ST_VALID first): the order names are printed in. */
static const struct named_value statfs_flags[] = {
	N("ST_VALID", 0x20), V(ST_RDONLY), V(ST_NOSUID), V(ST_NODEV),
	V(ST_NOEXEC), V(ST_SYNCHRONOUS),
	V(ST_MANDLOCK), V(ST_WRITE), V(ST_APPEND),
	V(ST_IMMUTABLE), V(ST_NOATIME),
	V(ST_NODIRATIME), V(ST_RELATIME),
	N("ST_NOSYMFOLLOW", 0x2000),
};

static const struct named_value epoll_ctl_ops[] = {
	V(EPOLL_CTL_ADD), V(EPOLL_CTL_DEL), V(EPOLL_CTL_MOD),
};

static const struct named_value epoll_events[] = {
	V(EPOLLIN), V(EPOLLPRI), V(EPOLLOUT),
	V(EPOLLERR), V(EPOLLHUP), N("EPOLLNVAL", POLLNVAL),
	V(EPOLLRDNORM), V(EPOLLRDBAND),
	V(EPOLLWRNORM), V(EPOLLWRBAND),
	V(EPOLLMSG), V(EPOLLRDHUP),
	V(EPOLLEXCLUSIVE), V(EPOLLWAKEUP),
	V(EPOLLONESHOT), V(EPOLLET),
};

/* inotify_add_watch's mask (strace's inotify_flags). */
static const struct named_value inotify_mask[] = {
	V(IN_ACCESS), V(IN_MODIFY), V(IN_ATTRIB),
	V(IN_CLOSE_WRITE), V(IN_CLOSE_NOWRITE), V(IN_OPEN),
	V(IN_MOVED_FROM), V(IN_MOVED_TO), V(IN_CREATE),
	V(IN_DELETE), V(IN_DELETE_SELF), V(IN_MOVE_SELF),
	V(IN_UNMOUNT), V(IN_Q_OVERFLOW), V(IN_IGNORED),
	V(IN_ONLYDIR), V(IN_DONT_FOLLOW), V(IN_EXCL_UNLINK),
	V(IN_MASK_CREATE), V(IN_MASK_ADD), V(IN_ISDIR),
	V(IN_ONESHOT),
};

/* fcntl's F_ADD_SEALS, F_GET_SEALS (strace's f_seals). */
static const struct named_value f_seals[] = {
	V(F_SEAL_SEAL), V(F_SEAL_SHRINK), V(F_SEAL_GROW),
	V(F_SEAL_WRITE), V(F_SEAL_FUTURE_WRITE),
};

/* capget's and capset's: the header's version, and a capability set's
 * bits, 1<<CAP_CHOWN ..., the low word's and the high word's (strace's
 * cap_version, cap_mask0, cap_mask1). */
static const struct named_value cap_versions[] = {
	V(_LINUX_CAPABILITY_VERSION_1), V(_LINUX_CAPABILITY_VERSION_2),
	V(_LINUX_CAPABILITY_VERSION_3),
};

#define CAP0(cap) N("1<<" #cap, 1ULL << (cap))
#define CAP1(cap) N("1<<" #cap, 1ULL << ((cap) - 32))
static const struct named_value cap_mask0[] = {
	CAP0(CAP_CHOWN), CAP0(CAP_DAC_OVERRIDE), CAP0(CAP_DAC_READ_SEARCH),
	CAP0(CAP_FOWNER), CAP0(CAP_FSETID), CAP0(CAP_KILL), CAP0(CAP_SETGID),
	CAP0(CAP_SETUID), CAP0(CAP_SETPCAP), CAP0(CAP_LINUX_IMMUTABLE),
	CAP0(CAP_NET_BIND_SERVICE), CAP0(CAP_NET_BROADCAST), CAP0(CAP_NET_ADMIN),
	CAP0(CAP_NET_RAW), CAP0(CAP_IPC_LOCK), CAP0(CAP_IPC_OWNER),
	CAP0(CAP_SYS_MODULE), CAP0(CAP_SYS_RAWIO), CAP0(CAP_SYS_CHROOT),
	CAP0(CAP_SYS_PTRACE), CAP0(CAP_SYS_PACCT), CAP0(CAP_SYS_ADMIN),
	CAP0(CAP_SYS_BOOT), CAP0(CAP_SYS_NICE), CAP0(CAP_SYS_RESOURCE),
	CAP0(CAP_SYS_TIME), CAP0(CAP_SYS_TTY_CONFIG), CAP0(CAP_MKNOD),
	CAP0(CAP_LEASE), CAP0(CAP_AUDIT_WRITE), CAP0(CAP_AUDIT_CONTROL),
	CAP0(CAP_SETFCAP),
};

static const struct named_value cap_mask1[] = {
	CAP1(CAP_MAC_OVERRIDE), CAP1(CAP_MAC_ADMIN), CAP1(CAP_SYSLOG),
	CAP1(CAP_WAKE_ALARM), CAP1(CAP_BLOCK_SUSPEND), CAP1(CAP_AUDIT_READ),
	CAP1(CAP_PERFMON), CAP1(CAP_BPF), CAP1(CAP_CHECKPOINT_RESTORE),
};
#undef CAP0
#undef CAP1

/* struct ifreq's ifr_flags (strace's iffflags; <linux/if.h>'s bits,
 * whose header clashes with <net/if.h>). */
static const struct named_value iff_flags[] = {
	N("IFF_UP", 1 << 0), N("IFF_BROADCAST", 1 << 1), N("IFF_DEBUG", 1 << 2),
	N("IFF_LOOPBACK", 1 << 3), N("IFF_POINTOPOINT", 1 << 4),
	N("IFF_NOTRAILERS", 1 << 5), N("IFF_RUNNING", 1 << 6),
	N("IFF_NOARP", 1 << 7), N("IFF_PROMISC", 1 << 8), N("IFF_ALLMULTI", 1 << 9),
	N("IFF_MASTER", 1 << 10), N("IFF_SLAVE", 1 << 11),
	N("IFF_MULTICAST", 1 << 12), N("IFF_PORTSEL", 1 << 13),
	N("IFF_AUTOMEDIA", 1 << 14), N("IFF_DYNAMIC", 1 << 15),
	N("IFF_LOWER_UP", 1 << 16), N("IFF_DORMANT", 1 << 17),
	N("IFF_ECHO", 1 << 18),
};

/* io_uring_setup's struct io_uring_params: its flags and features, the
 * bits strace 6.1 names (uring_setup_flags, uring_setup_features). */
static const struct named_value uring_setup_flags[] = {
	N("IORING_SETUP_IOPOLL", 1 << 0), N("IORING_SETUP_SQPOLL", 1 << 1),
	N("IORING_SETUP_SQ_AFF", 1 << 2), N("IORING_SETUP_CQSIZE", 1 << 3),
	N("IORING_SETUP_CLAMP", 1 << 4), N("IORING_SETUP_ATTACH_WQ", 1 << 5),
	N("IORING_SETUP_R_DISABLED", 1 << 6), N("IORING_SETUP_SUBMIT_ALL", 1 << 7),
	N("IORING_SETUP_COOP_TASKRUN", 1 << 8),
	N("IORING_SETUP_TASKRUN_FLAG", 1 << 9), N("IORING_SETUP_SQE128", 1 << 10),
	N("IORING_SETUP_CQE32", 1 << 11),
};

static const struct named_value uring_features[] = {
	N("IORING_FEAT_SINGLE_MMAP", 1 << 0), N("IORING_FEAT_NODROP", 1 << 1),
	N("IORING_FEAT_SUBMIT_STABLE", 1 << 2), N("IORING_FEAT_RW_CUR_POS", 1 << 3),
	N("IORING_FEAT_CUR_PERSONALITY", 1 << 4),
	N("IORING_FEAT_FAST_POLL", 1 << 5), N("IORING_FEAT_POLL_32BITS", 1 << 6),
	N("IORING_FEAT_SQPOLL_NONFIXED", 1 << 7), N("IORING_FEAT_EXT_ARG", 1 << 8),
	N("IORING_FEAT_NATIVE_WORKERS", 1 << 9),
	N("IORING_FEAT_RSRC_TAGS", 1 << 10), N("IORING_FEAT_CQE_SKIP", 1 << 11),
	N("IORING_FEAT_LINKED_FILE", 1 << 12),
};

static const struct named_value signal_names[] = {
	V(SIGHUP), V(SIGINT), V(SIGQUIT), V(SIGILL),
	V(SIGTRAP), V(SIGABRT), V(SIGBUS), V(SIGFPE),
	V(SIGKILL), V(SIGUSR1), V(SIGSEGV), V(SIGUSR2),
	V(SIGPIPE), V(SIGALRM), V(SIGTERM),
	V(SIGSTKFLT), V(SIGCHLD), V(SIGCONT),
	V(SIGSTOP), V(SIGTSTP), V(SIGTTIN), V(SIGTTOU),
	V(SIGURG), V(SIGXCPU), V(SIGXFSZ),
	V(SIGVTALRM), V(SIGPROF), V(SIGWINCH), V(SIGIO),
	V(SIGPWR), V(SIGSYS),
};

/* Names exactly as strace 6.1 prints them, "A or B" where two share a value. */
static const struct named_value ioctl_names[] = {
	V(FIBMAP), V(FIGETBSZ),
	V(TCGETS), N("SNDCTL_TMR_START or TCSETS", TCSETS),
	N("SNDCTL_TMR_STOP or TCSETSW", TCSETSW),
	N("SNDCTL_TMR_CONTINUE or TCSETSF", TCSETSF), V(TCGETA),
	V(TCSETA), V(TCSETAW), V(TCSETAF),
	V(TCSBRK), V(TCXONC), V(TCFLSH),
	V(TIOCEXCL), V(TIOCNXCL), V(TIOCSCTTY),
	V(TIOCGPGRP), V(TIOCSPGRP), V(TIOCOUTQ),
	V(TIOCSTI), V(TIOCGWINSZ), V(TIOCSWINSZ),
	V(TIOCMGET), V(TIOCMBIS), V(TIOCMBIC),
	V(TIOCMSET), V(TIOCGSOFTCAR),
	V(TIOCSSOFTCAR), V(FIONREAD),
	V(TIOCLINUX), V(TIOCCONS),
	V(TIOCGSERIAL), V(TIOCSSERIAL),
	V(TIOCPKT), V(FIONBIO), V(TIOCNOTTY),
	V(TIOCSETD), V(TIOCGETD), V(TCSBRKP),
	V(TIOCSBRK), V(TIOCCBRK), V(TIOCGSID),
	V(TIOCGRS485), V(TIOCSRS485),
	V(TCGETX), V(TCSETX), V(TCSETXF),
	V(TCSETXW), V(TIOCVHANGUP),
	V(TIOCGPTPEER), V(FIONCLEX), V(FIOCLEX),
	V(FIOASYNC), V(TIOCSERCONFIG),
	V(TIOCSERGWILD), V(TIOCSERSWILD),
	V(TIOCGLCKTRMIOS), V(TIOCSLCKTRMIOS),
	V(TIOCSERGSTRUCT), V(TIOCSERGETLSR),
	V(TIOCSERGETMULTI), V(TIOCSERSETMULTI),
	V(TIOCMIWAIT), V(TIOCGICOUNT),
	V(FIOQSIZE), N("TCGETS2", 0x802c542a),
	N("TCSETS2", 0x402c542b), N("TCSETSW2", 0x402c542c),
	N("TCSETSF2", 0x402c542d), V(TIOCGPTN),
	V(TIOCSPTLCK), V(TIOCGDEV),
	V(TIOCSIG), V(TIOCGPKT),
	V(TIOCGPTLCK), V(TIOCGEXCL),
	V(FS_IOC_GETFLAGS), V(FS_IOC_SETFLAGS),
	V(FS_IOC_GETVERSION), V(FS_IOC_SETVERSION),
	N("BTRFS_IOC_CLONE or FICLONE", FICLONE),
	V(BLKGETSIZE64), V(BLKSSZGET),
	V(BLKGETSIZE), V(SIOCGIFCONF),
	V(SIOCGIFFLAGS), V(SIOCGIFINDEX),
	V(SIOCGIFNAME), V(SIOCGIFHWADDR),
	/* Requests strace 6.1 names but does not decode (its suite's
	 * ioctl test); numbers as <linux/...> (or ZFS's and SGI's) give. */
	N("MMTIMER_GETRES", 0x80086d01),
	N("HIDIOCGRDESCSIZE or HIDIOCGVERSION", 0x80044801),
	N("ZFS_IOC_POOL_CREATE", 0x5a00), N("ZFS_IOC_SEND_SPACE", 0x5a41),
	N("BLKZNAME", 0x8100127d), N("KSTAT_IOC_CHAIN_ID", 0x4b01),
};

static const struct named_value ip_protocols[] = {
	V(IPPROTO_IP), V(IPPROTO_ICMP), V(IPPROTO_IGMP),
	V(IPPROTO_IPIP), V(IPPROTO_TCP), V(IPPROTO_EGP),
	V(IPPROTO_PUP), V(IPPROTO_UDP), V(IPPROTO_IDP),
	V(IPPROTO_TP), V(IPPROTO_DCCP), V(IPPROTO_IPV6),
	V(IPPROTO_RSVP), V(IPPROTO_GRE), V(IPPROTO_ESP),
	V(IPPROTO_AH), V(IPPROTO_ICMPV6), V(IPPROTO_MTP),
	V(IPPROTO_BEETPH), V(IPPROTO_ENCAP), V(IPPROTO_PIM),
	V(IPPROTO_COMP), N("IPPROTO_L2TP", 115), V(IPPROTO_SCTP),
	V(IPPROTO_UDPLITE), V(IPPROTO_MPLS),
	V(IPPROTO_ETHERNET), V(IPPROTO_RAW),
	V(IPPROTO_MPTCP),
};

/* strace 6.1's socketlayers (x86-64 values): setsockopt's levels and
 * control messages' cmsg_level. */
static const struct named_value sockopt_levels[] = {
	N("SOL_IP", 0), N("SOL_SOCKET", 1), N("SOL_TCP", 6), N("SOL_UDP", 17),
	N("AF_VSOCK", 40), N("SOL_IPV6", 41), N("SOL_ICMPV6", 58),
	N("SOL_CAN_BASE", 100), N("SOL_CAN_RAW", 101), N("SOL_SCTP", 132),
	N("SOL_UDPLITE", 136), N("SOL_RAW", 255), N("SOL_IPX", 256),
	N("SOL_AX25", 257), N("SOL_ATALK", 258), N("SOL_NETROM", 259),
	N("SOL_ROSE", 260), N("SOL_DECNET", 261), N("SOL_X25", 262),
	N("SOL_PACKET", 263), N("SOL_ATM", 264), N("SOL_AAL", 265),
	N("SOL_IRDA", 266), N("SOL_NETBEUI", 267), N("SOL_LLC", 268),
	N("SOL_DCCP", 269), N("SOL_NETLINK", 270), N("SOL_TIPC", 271),
	N("SOL_RXRPC", 272), N("SOL_PPPOL2TP", 273), N("SOL_BLUETOOTH", 274),
	N("SOL_PNPIPE", 275), N("SOL_RDS", 276), N("SOL_IUCV", 277),
	N("SOL_CAIF", 278), N("SOL_ALG", 279), N("SOL_NFC", 280), N("SOL_KCM", 281),
	N("SOL_TLS", 282), N("SOL_XDP", 283),
};

/* Socket option names by level, as strace 6.1's sock_*_options (x86-64
 * values); SOL_SOCKET's 26 is SO_ATTACH_FILTER or SO_GET_FILTER by the
 * call (sockopt_decoders.c). */
static const struct named_value so_options[] = {
	N("SO_DEBUG", 1), N("SO_REUSEADDR", 2), N("SO_TYPE", 3), N("SO_ERROR", 4),
	N("SO_DONTROUTE", 5), N("SO_BROADCAST", 6), N("SO_SNDBUF", 7),
	N("SO_RCVBUF", 8), N("SO_KEEPALIVE", 9), N("SO_OOBINLINE", 10),
	N("SO_NO_CHECK", 11), N("SO_PRIORITY", 12), N("SO_LINGER", 13),
	N("SO_BSDCOMPAT", 14), N("SO_REUSEPORT", 15), N("SO_PASSCRED", 16),
	N("SO_PEERCRED", 17), N("SO_RCVLOWAT", 18), N("SO_SNDLOWAT", 19),
	N("SO_RCVTIMEO_OLD", 20), N("SO_SNDTIMEO_OLD", 21),
	N("SO_SECURITY_AUTHENTICATION", 22),
	N("SO_SECURITY_ENCRYPTION_TRANSPORT", 23),
	N("SO_SECURITY_ENCRYPTION_NETWORK", 24), N("SO_BINDTODEVICE", 25),
	N("SO_DETACH_FILTER", 27), N("SO_PEERNAME", 28), N("SO_TIMESTAMP_OLD", 29),
	N("SO_ACCEPTCONN", 30), N("SO_PEERSEC", 31), N("SO_SNDBUFFORCE", 32),
	N("SO_RCVBUFFORCE", 33), N("SO_PASSSEC", 34), N("SO_TIMESTAMPNS_OLD", 35),
	N("SO_MARK", 36), N("SO_TIMESTAMPING_OLD", 37), N("SO_PROTOCOL", 38),
	N("SO_DOMAIN", 39), N("SO_RXQ_OVFL", 40), N("SO_WIFI_STATUS", 41),
	N("SO_PEEK_OFF", 42), N("SO_NOFCS", 43), N("SO_LOCK_FILTER", 44),
	N("SO_SELECT_ERR_QUEUE", 45), N("SO_BUSY_POLL", 46),
	N("SO_MAX_PACING_RATE", 47), N("SO_BPF_EXTENSIONS", 48),
	N("SO_INCOMING_CPU", 49), N("SO_ATTACH_BPF", 50),
	N("SO_ATTACH_REUSEPORT_CBPF", 51), N("SO_ATTACH_REUSEPORT_EBPF", 52),
	N("SO_CNX_ADVICE", 53), N("SO_MEMINFO", 55), N("SO_INCOMING_NAPI_ID", 56),
	N("SO_COOKIE", 57), N("SO_PEERGROUPS", 59), N("SO_ZEROCOPY", 60),
	N("SO_TXTIME", 61), N("SO_BINDTOIFINDEX", 62), N("SO_TIMESTAMP_NEW", 63),
	N("SO_TIMESTAMPNS_NEW", 64), N("SO_TIMESTAMPING_NEW", 65),
	N("SO_RCVTIMEO_NEW", 66), N("SO_SNDTIMEO_NEW", 67),
	N("SO_DETACH_REUSEPORT_BPF", 68), N("SO_PREFER_BUSY_POLL", 69),
	N("SO_BUSY_POLL_BUDGET", 70), N("SO_NETNS_COOKIE", 71),
	N("SO_BUF_LOCK", 72), N("SO_RESERVE_MEM", 73), N("SO_TXREHASH", 74),
	N("SO_RCVMARK", 75),
};

static const struct named_value sol_ip_options[] = {
	N("IP_TOS", 1), N("IP_TTL", 2), N("IP_HDRINCL", 3), N("IP_OPTIONS", 4),
	N("IP_ROUTER_ALERT", 5), N("IP_RECVOPTS", 6), N("IP_RETOPTS", 7),
	N("IP_PKTINFO", 8), N("IP_PKTOPTIONS", 9), N("IP_MTU_DISCOVER", 10),
	N("IP_RECVERR", 11), N("IP_RECVTTL", 12), N("IP_RECVTOS", 13),
	N("IP_MTU", 14), N("IP_FREEBIND", 15), N("IP_IPSEC_POLICY", 16),
	N("IP_XFRM_POLICY", 17), N("IP_PASSSEC", 18), N("IP_TRANSPARENT", 19),
	N("IP_ORIGDSTADDR", 20), N("IP_MINTTL", 21), N("IP_NODEFRAG", 22),
	N("IP_CHECKSUM", 23), N("IP_BIND_ADDRESS_NO_PORT", 24),
	N("IP_RECVFRAGSIZE", 25), N("IP_RECVERR_RFC4884", 26),
	N("IP_MULTICAST_IF", 32), N("IP_MULTICAST_TTL", 33),
	N("IP_MULTICAST_LOOP", 34), N("IP_ADD_MEMBERSHIP", 35),
	N("IP_DROP_MEMBERSHIP", 36), N("IP_UNBLOCK_SOURCE", 37),
	N("IP_BLOCK_SOURCE", 38), N("IP_ADD_SOURCE_MEMBERSHIP", 39),
	N("IP_DROP_SOURCE_MEMBERSHIP", 40), N("IP_MSFILTER", 41),
	N("MCAST_JOIN_GROUP", 42), N("MCAST_BLOCK_SOURCE", 43),
	N("MCAST_UNBLOCK_SOURCE", 44), N("MCAST_LEAVE_GROUP", 45),
	N("MCAST_JOIN_SOURCE_GROUP", 46), N("MCAST_LEAVE_SOURCE_GROUP", 47),
	N("MCAST_MSFILTER", 48), N("IP_MULTICAST_ALL", 49), N("IP_UNICAST_IF", 50),
};

static const struct named_value sol_tcp_options[] = {
	N("TCP_NODELAY", 1), N("TCP_MAXSEG", 2), N("TCP_CORK", 3),
	N("TCP_KEEPIDLE", 4), N("TCP_KEEPINTVL", 5), N("TCP_KEEPCNT", 6),
	N("TCP_SYNCNT", 7), N("TCP_LINGER2", 8), N("TCP_DEFER_ACCEPT", 9),
	N("TCP_WINDOW_CLAMP", 10), N("TCP_INFO", 11), N("TCP_QUICKACK", 12),
	N("TCP_CONGESTION", 13), N("TCP_MD5SIG", 14),
	N("TCP_COOKIE_TRANSACTIONS", 15), N("TCP_THIN_LINEAR_TIMEOUTS", 16),
	N("TCP_THIN_DUPACK", 17), N("TCP_USER_TIMEOUT", 18), N("TCP_REPAIR", 19),
	N("TCP_REPAIR_QUEUE", 20), N("TCP_QUEUE_SEQ", 21),
	N("TCP_REPAIR_OPTIONS", 22), N("TCP_FASTOPEN", 23), N("TCP_TIMESTAMP", 24),
	N("TCP_NOTSENT_LOWAT", 25), N("TCP_CC_INFO", 26), N("TCP_SAVE_SYN", 27),
	N("TCP_SAVED_SYN", 28), N("TCP_REPAIR_WINDOW", 29),
	N("TCP_FASTOPEN_CONNECT", 30), N("TCP_ULP", 31), N("TCP_MD5SIG_EXT", 32),
	N("TCP_FASTOPEN_KEY", 33), N("TCP_FASTOPEN_NO_COOKIE", 34),
	N("TCP_ZEROCOPY_RECEIVE", 35), N("TCP_INQ", 36), N("TCP_TX_DELAY", 37),
};

static const struct named_value sol_udp_options[] = {
	N("UDP_CORK", 1), N("UDP_ENCAP", 100), N("UDP_NO_CHECK6_TX", 101),
	N("UDP_NO_CHECK6_RX", 102), N("UDP_SEGMENT", 103), N("UDP_GRO", 104),
};

static const struct named_value sol_ipv6_options[] = {
	N("IPV6_ADDRFORM", 1), N("IPV6_2292PKTINFO", 2), N("IPV6_2292HOPOPTS", 3),
	N("IPV6_2292DSTOPTS", 4), N("IPV6_2292RTHDR", 5),
	N("IPV6_2292PKTOPTIONS", 6), N("IPV6_CHECKSUM", 7),
	N("IPV6_2292HOPLIMIT", 8), N("IPV6_NEXTHOP", 9), N("IPV6_AUTHHDR", 10),
	N("IPV6_FLOWINFO", 11), N("IPV6_UNICAST_HOPS", 16),
	N("IPV6_MULTICAST_IF", 17), N("IPV6_MULTICAST_HOPS", 18),
	N("IPV6_MULTICAST_LOOP", 19), N("IPV6_ADD_MEMBERSHIP", 20),
	N("IPV6_DROP_MEMBERSHIP", 21), N("IPV6_ROUTER_ALERT", 22),
	N("IPV6_MTU_DISCOVER", 23), N("IPV6_MTU", 24), N("IPV6_RECVERR", 25),
	N("IPV6_V6ONLY", 26), N("IPV6_JOIN_ANYCAST", 27),
	N("IPV6_LEAVE_ANYCAST", 28), N("IPV6_MULTICAST_ALL", 29),
	N("IPV6_ROUTER_ALERT_ISOLATE", 30), N("IPV6_RECVERR_RFC4884", 31),
	N("IPV6_FLOWLABEL_MGR", 32), N("IPV6_FLOWINFO_SEND", 33),
	N("IPV6_IPSEC_POLICY", 34), N("IPV6_XFRM_POLICY", 35),
	N("IPV6_HDRINCL", 36), N("MCAST_JOIN_GROUP", 42),
	N("MCAST_BLOCK_SOURCE", 43), N("MCAST_UNBLOCK_SOURCE", 44),
	N("MCAST_LEAVE_GROUP", 45), N("MCAST_JOIN_SOURCE_GROUP", 46),
	N("MCAST_LEAVE_SOURCE_GROUP", 47), N("MCAST_MSFILTER", 48),
	N("IPV6_RECVPKTINFO", 49), N("IPV6_PKTINFO", 50),
	N("IPV6_RECVHOPLIMIT", 51), N("IPV6_HOPLIMIT", 52),
	N("IPV6_RECVHOPOPTS", 53), N("IPV6_HOPOPTS", 54),
	N("IPV6_RTHDRDSTOPTS", 55), N("IPV6_RECVRTHDR", 56), N("IPV6_RTHDR", 57),
	N("IPV6_RECVDSTOPTS", 58), N("IPV6_DSTOPTS", 59), N("IPV6_RECVPATHMTU", 60),
	N("IPV6_PATHMTU", 61), N("IPV6_DONTFRAG", 62), N("IPV6_USE_MIN_MTU", 63),
	N("IPV6_RECVTCLASS", 66), N("IPV6_TCLASS", 67), N("IPV6_AUTOFLOWLABEL", 70),
	N("IPV6_ADDR_PREFERENCES", 72), N("IPV6_MINHOPCOUNT", 73),
	N("IPV6_ORIGDSTADDR", 74), N("IPV6_TRANSPARENT", 75),
	N("IPV6_UNICAST_IF", 76), N("IPV6_RECVFRAGSIZE", 77),
	N("IPV6_FREEBIND", 78),
};

static const struct named_value sol_raw_options[] = {
	N("ICMP_FILTER", 1),
};

/* SOL_PACKET's options (strace 6.1 knows them up to
 * PACKET_IGNORE_OUTGOING). */
static const struct named_value sol_packet_options[] = {
	N("PACKET_ADD_MEMBERSHIP", 1), N("PACKET_DROP_MEMBERSHIP", 2),
	N("PACKET_RECV_OUTPUT", 3), N("PACKET_RX_RING", 5),
	N("PACKET_STATISTICS", 6), N("PACKET_COPY_THRESH", 7),
	N("PACKET_AUXDATA", 8), N("PACKET_ORIGDEV", 9),
	N("PACKET_VERSION", 10), N("PACKET_HDRLEN", 11),
	N("PACKET_RESERVE", 12), N("PACKET_TX_RING", 13),
	N("PACKET_LOSS", 14), N("PACKET_VNET_HDR", 15),
	N("PACKET_TX_TIMESTAMP", 16), N("PACKET_TIMESTAMP", 17),
	N("PACKET_FANOUT", 18), N("PACKET_TX_HAS_OFF", 19),
	N("PACKET_QDISC_BYPASS", 20), N("PACKET_ROLLOVER_STATS", 21),
	N("PACKET_FANOUT_DATA", 22), N("PACKET_IGNORE_OUTGOING", 23),
};

/* struct packet_mreq's mr_type. */
static const struct named_value packet_mr_types[] = {
	N("PACKET_MR_MULTICAST", 0), N("PACKET_MR_PROMISC", 1),
	N("PACKET_MR_ALLMULTI", 2), N("PACKET_MR_UNICAST", 3),
};

static const struct named_value sol_netlink_options[] = {
	N("NETLINK_ADD_MEMBERSHIP", 1), N("NETLINK_DROP_MEMBERSHIP", 2),
	N("NETLINK_PKTINFO", 3), N("NETLINK_BROADCAST_ERROR", 4),
	N("NETLINK_NO_ENOBUFS", 5), N("NETLINK_RX_RING", 6),
	N("NETLINK_TX_RING", 7), N("NETLINK_LISTEN_ALL_NSID", 8),
	N("NETLINK_LIST_MEMBERSHIPS", 9), N("NETLINK_CAP_ACK", 10),
	N("NETLINK_EXT_ACK", 11), N("NETLINK_GET_STRICT_CHK", 12),
};

static const struct named_value prio_which[] = {
	V(PRIO_PROCESS), V(PRIO_PGRP), V(PRIO_USER),
};

static const struct named_value itimer_which[] = {
	V(ITIMER_REAL), V(ITIMER_VIRTUAL), V(ITIMER_PROF),
};

static const struct named_value sched_policies[] = {
	V(SCHED_OTHER), V(SCHED_FIFO), V(SCHED_RR),
	V(SCHED_BATCH), V(SCHED_ISO), V(SCHED_IDLE),
	V(SCHED_DEADLINE),
};

static const struct named_value membarrier_cmds[] = {
	V(MEMBARRIER_CMD_QUERY), V(MEMBARRIER_CMD_GLOBAL),
	V(MEMBARRIER_CMD_GLOBAL_EXPEDITED),
	V(MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED),
	V(MEMBARRIER_CMD_PRIVATE_EXPEDITED),
	V(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED),
	V(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE),
	V(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE),
	V(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ),
	V(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ),
};

static const struct named_value xattr_flags[] = {
	V(XATTR_CREATE), V(XATTR_REPLACE),
};

static const struct named_value termios_iflags[] = {
	V(IGNBRK), V(BRKINT), V(IGNPAR), V(PARMRK),
	V(INPCK), V(ISTRIP), V(INLCR), V(IGNCR),
	V(ICRNL), V(IUCLC), V(IXON),
	V(IXANY), V(IXOFF), V(IMAXBEL),
	V(IUTF8),
};

static const struct named_value termios_oflags[] = {
	V(OPOST), V(OLCUC), V(ONLCR), V(OCRNL),
	V(ONOCR), V(ONLRET), V(OFILL), V(OFDEL),
};

static const struct named_value termios_cflags[] = {
	V(CSTOPB), V(CREAD), V(PARENB),
	V(PARODD), V(HUPCL), V(CLOCAL),
	V(CMSPAR), V(CRTSCTS),
};

static const struct named_value termios_lflags[] = {
	V(ISIG), V(ICANON), V(XCASE), V(ECHO),
	V(ECHOE), V(ECHOK), V(ECHONL), V(NOFLSH),
	V(IEXTEN), V(ECHOCTL), V(ECHOPRT),
	V(ECHOKE), V(FLUSHO), V(PENDIN),
	V(TOSTOP), V(EXTPROC),
};

static const struct named_value baud_rates[] = {
	V(B0), V(B50), V(B75), V(B110), V(B134),
	V(B150), V(B200), V(B300), V(B600), V(B1200),
	V(B1800), V(B2400), V(B4800), V(B9600),
	V(B19200), V(B38400), N("BOTHER", CBAUDEX),
	V(B57600), V(B115200), V(B230400),
	V(B460800), V(B500000), V(B576000),
	V(B921600), V(B1000000), V(B1152000),
	V(B1500000), V(B2000000), V(B2500000),
	V(B3000000), V(B3500000), V(B4000000),
};

static const struct named_value timer_flags[] = {
	V(TIMER_ABSTIME),
};

/* socket(AF_NETLINK, ..., protocol) (strace's netlink_protocols). */
static const struct named_value netlink_protocols[] = {
	V(NETLINK_ROUTE), V(NETLINK_UNUSED), V(NETLINK_USERSOCK),
	V(NETLINK_FIREWALL), V(NETLINK_SOCK_DIAG), V(NETLINK_NFLOG),
	V(NETLINK_XFRM), V(NETLINK_SELINUX), V(NETLINK_ISCSI),
	V(NETLINK_AUDIT), V(NETLINK_FIB_LOOKUP), V(NETLINK_CONNECTOR),
	V(NETLINK_NETFILTER), V(NETLINK_IP6_FW), V(NETLINK_DNRTMSG),
	V(NETLINK_KOBJECT_UEVENT), V(NETLINK_GENERIC),
	V(NETLINK_SCSITRANSPORT), V(NETLINK_ECRYPTFS), V(NETLINK_RDMA),
	V(NETLINK_CRYPTO), N("NETLINK_SMC", 22),
};

static const struct named_value sigev_notify_types[] = {
	V(SIGEV_SIGNAL), V(SIGEV_NONE), V(SIGEV_THREAD),
	N("SIGEV_THREAD_ID", 4),
};

static const struct named_value rusage_who[] = {
	/* An int argument (ARG_ENUM's 32 bits): RUSAGE_CHILDREN is -1. */
	V(RUSAGE_SELF), { (uint32_t)RUSAGE_CHILDREN, "RUSAGE_CHILDREN" },
	V(RUSAGE_THREAD),
};

static const struct named_value stat_mode_types[] = {
	V(S_IFREG), V(S_IFSOCK), V(S_IFIFO),
	V(S_IFLNK), V(S_IFDIR), V(S_IFBLK),
	V(S_IFCHR),
};

static const struct named_value dirent_types[] = {
	V(DT_UNKNOWN), V(DT_FIFO), V(DT_CHR), V(DT_DIR),
	V(DT_BLK), V(DT_REG), V(DT_LNK), V(DT_SOCK),
	V(DT_WHT),
};

static const struct named_value rseq_flags[] = {
	V(RSEQ_FLAG_UNREGISTER),
};

/* strace 6.1's personality_types, in its order: the persona is looked up
 * by its low byte (PER_MASK), so the names with flags in them never match,
 * as in strace. */
static const struct named_value personality_types[] = {
	N("PER_LINUX", 0), N("PER_LINUX_32BIT", 0x0800000),
	N("PER_LINUX_FDPIC", 0x0080000), N("PER_SVR4", 0x4100001),
	N("PER_SVR3", 0x5000002), N("PER_SCOSVR3", 0x7000003),
	N("PER_OSR5", 0x6000003), N("PER_WYSEV386", 0x5000004),
	N("PER_ISCR4", 0x4000005), N("PER_BSD", 0x0006),
	N("PER_SUNOS", 0x4000006), N("PER_XENIX", 0x5000007),
	N("PER_LINUX32", 0x0008), N("PER_LINUX32_3GB", 0x8000008),
	N("PER_IRIX32", 0x4000009), N("PER_IRIXN32", 0x400000a),
	N("PER_IRIX64", 0x400000b), N("PER_RISCOS", 0x000c),
	N("PER_SOLARIS", 0x400000d), N("PER_UW7", 0x410000e),
	N("PER_OSF4", 0x000f), N("PER_HPUX", 0x0010), N("PER_MASK", 0x00ff),
};

static const struct named_value personality_flags[] = {
	N("UNAME26", 0x0020000), N("ADDR_NO_RANDOMIZE", 0x0040000),
	N("FDPIC_FUNCPTRS", 0x0080000), N("MMAP_PAGE_ZERO", 0x0100000),
	N("ADDR_COMPAT_LAYOUT", 0x0200000), N("READ_IMPLIES_EXEC", 0x0400000),
	N("ADDR_LIMIT_32BIT", 0x0800000), N("SHORT_INODE", 0x1000000),
	N("WHOLE_SECONDS", 0x2000000), N("STICKY_TIMEOUTS", 0x4000000),
	N("ADDR_LIMIT_3GB", 0x8000000),
};

/* strace 6.1's mount_flags (MS_MGC_VAL, the old magic in the high 16
 * bits, is mount's decoder's). */
static const struct named_value mount_flags[] = {
	N("MS_RDONLY", 1u << 0), N("MS_NOSUID", 1u << 1),
	N("MS_NODEV", 1u << 2), N("MS_NOEXEC", 1u << 3),
	N("MS_SYNCHRONOUS", 1u << 4), N("MS_REMOUNT", 1u << 5),
	N("MS_MANDLOCK", 1u << 6), N("MS_DIRSYNC", 1u << 7),
	N("MS_NOSYMFOLLOW", 1u << 8), N("MS_NOATIME", 1u << 10),
	N("MS_NODIRATIME", 1u << 11), N("MS_BIND", 1u << 12),
	N("MS_MOVE", 1u << 13), N("MS_REC", 1u << 14),
	N("MS_SILENT", 1u << 15), N("MS_POSIXACL", 1u << 16),
	N("MS_UNBINDABLE", 1u << 17), N("MS_PRIVATE", 1u << 18),
	N("MS_SLAVE", 1u << 19), N("MS_SHARED", 1u << 20),
	N("MS_RELATIME", 1u << 21), N("MS_KERNMOUNT", 1u << 22),
	N("MS_I_VERSION", 1u << 23), N("MS_STRICTATIME", 1u << 24),
	N("MS_LAZYTIME", 1u << 25), N("MS_SUBMOUNT", 1u << 26),
	N("MS_NOREMOTELOCK", 1u << 27), N("MS_NOSEC", 1u << 28),
	N("MS_BORN", 1u << 29), N("MS_ACTIVE", 1u << 30),
	N("MS_NOUSER", 1u << 31),
};

static const struct named_value membarrier_flags[] = {
	N("MEMBARRIER_CMD_FLAG_CPU", 1),
};

static const struct named_value ioprio_who[] = {
	N("IOPRIO_WHO_PROCESS", 1), N("IOPRIO_WHO_PGRP", 2),
	N("IOPRIO_WHO_USER", 3),
};

static const struct named_value ioprio_class[] = {
	N("IOPRIO_CLASS_NONE", 0), N("IOPRIO_CLASS_RT", 1),
	N("IOPRIO_CLASS_BE", 2), N("IOPRIO_CLASS_IDLE", 3),
};

/* <linux/keyctl.h>'s, as strace 6.1's keyctl_commands (0..32). */
static const struct named_value keyctl_cmds[] = {
	N("KEYCTL_GET_KEYRING_ID", 0), N("KEYCTL_JOIN_SESSION_KEYRING", 1),
	N("KEYCTL_UPDATE", 2), N("KEYCTL_REVOKE", 3), N("KEYCTL_CHOWN", 4),
	N("KEYCTL_SETPERM", 5), N("KEYCTL_DESCRIBE", 6), N("KEYCTL_CLEAR", 7),
	N("KEYCTL_LINK", 8), N("KEYCTL_UNLINK", 9), N("KEYCTL_SEARCH", 10),
	N("KEYCTL_READ", 11), N("KEYCTL_INSTANTIATE", 12),
	N("KEYCTL_NEGATE", 13), N("KEYCTL_SET_REQKEY_KEYRING", 14),
	N("KEYCTL_SET_TIMEOUT", 15), N("KEYCTL_ASSUME_AUTHORITY", 16),
	N("KEYCTL_GET_SECURITY", 17), N("KEYCTL_SESSION_TO_PARENT", 18),
	N("KEYCTL_REJECT", 19), N("KEYCTL_INSTANTIATE_IOV", 20),
	N("KEYCTL_INVALIDATE", 21), N("KEYCTL_GET_PERSISTENT", 22),
	N("KEYCTL_DH_COMPUTE", 23), N("KEYCTL_PKEY_QUERY", 24),
	N("KEYCTL_PKEY_ENCRYPT", 25), N("KEYCTL_PKEY_DECRYPT", 26),
	N("KEYCTL_PKEY_SIGN", 27), N("KEYCTL_PKEY_VERIFY", 28),
	N("KEYCTL_RESTRICT_KEYRING", 29), N("KEYCTL_MOVE", 30),
	N("KEYCTL_CAPABILITIES", 31), N("KEYCTL_WATCH_KEY", 32),
};

/* Negative serials, kept as the int's sign extension (print_enum_dec). */
static const struct named_value key_spec[] = {
	N("KEY_SPEC_THREAD_KEYRING", -1), N("KEY_SPEC_PROCESS_KEYRING", -2),
	N("KEY_SPEC_SESSION_KEYRING", -3), N("KEY_SPEC_USER_KEYRING", -4),
	N("KEY_SPEC_USER_SESSION_KEYRING", -5),
	N("KEY_SPEC_GROUP_KEYRING", -6), N("KEY_SPEC_REQKEY_AUTH_KEY", -7),
	N("KEY_SPEC_REQUESTOR_KEYRING", -8),
};

/* strace 6.1's key_perms: each bit before the group's _ALL. */
static const struct named_value key_perms[] = {
	N("KEY_POS_VIEW", 0x01000000), N("KEY_POS_READ", 0x02000000),
	N("KEY_POS_WRITE", 0x04000000), N("KEY_POS_SEARCH", 0x08000000),
	N("KEY_POS_LINK", 0x10000000), N("KEY_POS_SETATTR", 0x20000000),
	N("KEY_POS_ALL", 0x3f000000), N("KEY_USR_VIEW", 0x00010000),
	N("KEY_USR_READ", 0x00020000), N("KEY_USR_WRITE", 0x00040000),
	N("KEY_USR_SEARCH", 0x00080000), N("KEY_USR_LINK", 0x00100000),
	N("KEY_USR_SETATTR", 0x00200000), N("KEY_USR_ALL", 0x003f0000),
	N("KEY_GRP_VIEW", 0x00000100), N("KEY_GRP_READ", 0x00000200),
	N("KEY_GRP_WRITE", 0x00000400), N("KEY_GRP_SEARCH", 0x00000800),
	N("KEY_GRP_LINK", 0x00001000), N("KEY_GRP_SETATTR", 0x00002000),
	N("KEY_GRP_ALL", 0x00003f00), N("KEY_OTH_VIEW", 0x00000001),
	N("KEY_OTH_READ", 0x00000002), N("KEY_OTH_WRITE", 0x00000004),
	N("KEY_OTH_SEARCH", 0x00000008), N("KEY_OTH_LINK", 0x00000010),
	N("KEY_OTH_SETATTR", 0x00000020), N("KEY_OTH_ALL", 0x0000003f),
};

static const struct named_value key_reqkeys[] = {
	N("KEY_REQKEY_DEFL_NO_CHANGE", -1), N("KEY_REQKEY_DEFL_DEFAULT", 0),
	N("KEY_REQKEY_DEFL_THREAD_KEYRING", 1),
	N("KEY_REQKEY_DEFL_PROCESS_KEYRING", 2),
	N("KEY_REQKEY_DEFL_SESSION_KEYRING", 3),
	N("KEY_REQKEY_DEFL_USER_KEYRING", 4),
	N("KEY_REQKEY_DEFL_USER_SESSION_KEYRING", 5),
	N("KEY_REQKEY_DEFL_GROUP_KEYRING", 6),
	N("KEY_REQKEY_DEFL_REQUESTOR_KEYRING", 7),
};

static const struct named_value keyctl_move_flags[] = {
	N("KEYCTL_MOVE_EXCL", 1),
};

static const struct named_value mpol_modes[] = {
	N("MPOL_DEFAULT", 0), N("MPOL_PREFERRED", 1), N("MPOL_BIND", 2),
	N("MPOL_INTERLEAVE", 3), N("MPOL_LOCAL", 4),
	N("MPOL_PREFERRED_MANY", 5),
};

static const struct named_value mpol_mode_flags[] = {
	N("MPOL_F_STATIC_NODES", 1u << 15), N("MPOL_F_RELATIVE_NODES", 1u << 14),
	N("MPOL_F_NUMA_BALANCING", 1u << 13),
};

static const struct named_value mbind_flags[] = {
	N("MPOL_MF_STRICT", 1), N("MPOL_MF_MOVE", 2), N("MPOL_MF_MOVE_ALL", 4),
};

static const struct named_value get_mempolicy_flags[] = {
	N("MPOL_F_NODE", 1), N("MPOL_F_ADDR", 2), N("MPOL_F_MEMS_ALLOWED", 4),
};

/* pkey_alloc's access rights (strace's pkey_access). */
static const struct named_value pkey_access[] = {
	N("PKEY_DISABLE_ACCESS", 1), N("PKEY_DISABLE_WRITE", 2),
	N("PKEY_DISABLE_EXECUTE", 4),
};

/* <linux/reboot.h>'s, as strace 6.1's bootflags1..3. */
static const struct named_value reboot_magic1[] = {
	N("LINUX_REBOOT_MAGIC1", 0xfee1dead),
};

static const struct named_value reboot_magic2[] = {
	N("LINUX_REBOOT_MAGIC2", 672274793), N("LINUX_REBOOT_MAGIC2A", 85072278),
	N("LINUX_REBOOT_MAGIC2B", 369367448),
	N("LINUX_REBOOT_MAGIC2C", 537993216),
};

static const struct named_value reboot_cmds[] = {
	N("LINUX_REBOOT_CMD_RESTART", 0x01234567),
	N("LINUX_REBOOT_CMD_HALT", 0xCDEF0123),
	N("LINUX_REBOOT_CMD_CAD_ON", 0x89ABCDEF),
	N("LINUX_REBOOT_CMD_CAD_OFF", 0x00000000),
	N("LINUX_REBOOT_CMD_POWER_OFF", 0x4321FEDC),
	N("LINUX_REBOOT_CMD_RESTART2", 0xA1B2C3D4),
	N("LINUX_REBOOT_CMD_SW_SUSPEND", 0xD000FCE2),
	N("LINUX_REBOOT_CMD_KEXEC", 0x45584543),
};

#if ARCH_HAS_ARCH_PRCTL
/* strace 6.1's x86_xfeatures, in its order (the composite masks first). */
static const struct named_value xfeature_masks[] = {
	ARCH_XFEATURE_MASKS(N),
};

static const struct named_value xfeature_bits[] = {
	ARCH_XFEATURE_BITS(N),
};
#endif

static const struct named_value delete_module_flags[] = {
	N("O_NONBLOCK", 04000), N("O_TRUNC", 01000),
};

static const struct named_value memfd_secret_flags[] = {
	N("O_CLOEXEC", 02000000),
};

/* strace's xlat/splice_flags.in, shm_flags.in, falloc_flags.in. */
static const struct named_value splice_flags[] = {
	N("SPLICE_F_MOVE", 1), N("SPLICE_F_NONBLOCK", 2),
	N("SPLICE_F_MORE", 4), N("SPLICE_F_GIFT", 8),
};

static const struct named_value shmat_flags[] = {
	N("SHM_RDONLY", 010000), N("SHM_RND", 020000),
	N("SHM_REMAP", 040000), N("SHM_EXEC", 0100000),
};

/* SysV IPC (strace's xlat/ipc_private.in, resource_flags.in,
 * shm_resource_flags.in, ipc_msg_flags.in, semop_flags.in and the
 * msgctl/semctl/shmctl commands; IPC_64 is ipc_decoders.c's). */
static const struct named_value ipc_keys[] = {
	V(IPC_PRIVATE),
};

static const struct named_value ipc_resource_flags[] = {
	V(IPC_CREAT), V(IPC_EXCL), V(IPC_NOWAIT),
};

static const struct named_value shm_resource_flags[] = {
	V(IPC_CREAT), V(IPC_EXCL), V(SHM_HUGETLB), V(SHM_NORESERVE),
};

static const struct named_value ipc_msg_flags[] = {
	V(MSG_NOERROR), V(MSG_EXCEPT), V(MSG_COPY), V(IPC_NOWAIT),
};

static const struct named_value semop_flags[] = {
	V(SEM_UNDO), V(IPC_NOWAIT),
};

static const struct named_value msgctl_cmds[] = {
	V(IPC_RMID), V(IPC_SET), V(IPC_STAT), V(IPC_INFO),
	V(MSG_STAT), V(MSG_INFO), V(MSG_STAT_ANY),
};

static const struct named_value semctl_cmds[] = {
	V(IPC_RMID), V(IPC_SET), V(IPC_STAT), V(IPC_INFO),
	V(GETPID), V(GETVAL), V(GETALL), V(GETNCNT), V(GETZCNT),
	V(SETVAL), V(SETALL), V(SEM_STAT), V(SEM_INFO), V(SEM_STAT_ANY),
};

static const struct named_value shmctl_cmds[] = {
	V(IPC_RMID), V(IPC_SET), V(IPC_STAT), V(IPC_INFO),
	V(SHM_LOCK), V(SHM_UNLOCK), V(SHM_STAT), V(SHM_INFO),
	V(SHM_STAT_ANY),
};

/* quotactl (strace's xlat/quotacmds.in: the commands as QCMD's first
 * part, the old V1/V2 ones by number, no header has them; quotatypes,
 * quota_formats, if_dqblk_valid, if_dqinfo_flags, if_dqinfo_valid,
 * xfs_quota_flags, xfs_dqblk_flags). */
#define OLD_QUOTA_CMD(name, n) N(name, (n) << 8)
static const struct named_value quota_cmds[] = {
	OLD_QUOTA_CMD("Q_V1_QUOTAON", 0x1), OLD_QUOTA_CMD("Q_V1_QUOTAOFF", 0x2),
	OLD_QUOTA_CMD("Q_V1_GETQUOTA", 0x3), OLD_QUOTA_CMD("Q_V1_SETQUOTA", 0x4),
	OLD_QUOTA_CMD("Q_V1_SETUSE", 0x5), OLD_QUOTA_CMD("Q_V1_SYNC", 0x6),
	OLD_QUOTA_CMD("Q_SETQLIM", 0x7), OLD_QUOTA_CMD("Q_V1_GETSTATS", 0x8),
	OLD_QUOTA_CMD("Q_V1_RSQUASH", 0x10), OLD_QUOTA_CMD("Q_V2_GETQUOTA", 0xD),
	OLD_QUOTA_CMD("Q_V2_SETQUOTA", 0xE), OLD_QUOTA_CMD("Q_V2_SETUSE", 0xF),
	OLD_QUOTA_CMD("Q_V2_GETINFO", 0x9), OLD_QUOTA_CMD("Q_V2_SETINFO", 0xA),
	OLD_QUOTA_CMD("Q_V2_SETGRACE", 0xB), OLD_QUOTA_CMD("Q_V2_SETFLAGS", 0xC),
	OLD_QUOTA_CMD("Q_V2_GETSTATS", 0x11),
	V(Q_SYNC), V(Q_QUOTAON), V(Q_QUOTAOFF), V(Q_GETFMT), V(Q_GETINFO),
	V(Q_SETINFO), V(Q_GETQUOTA), V(Q_SETQUOTA), V(Q_GETNEXTQUOTA),
	V(Q_XQUOTAON), V(Q_XQUOTAOFF), V(Q_XGETQUOTA), V(Q_XSETQLIM),
	V(Q_XGETQSTAT), V(Q_XQUOTARM), V(Q_XQUOTASYNC), V(Q_XGETQSTATV),
	V(Q_XGETNEXTQUOTA),
};
#undef OLD_QUOTA_CMD

static const struct named_value quota_types[] = {
	V(USRQUOTA), V(GRPQUOTA), V(PRJQUOTA),
};

static const struct named_value quota_formats[] = {
	V(QFMT_VFS_OLD), V(QFMT_VFS_V0), V(QFMT_OCFS2), V(QFMT_VFS_V1),
};

static const struct named_value dqblk_valid[] = {
	V(QIF_BLIMITS), V(QIF_SPACE), V(QIF_ILIMITS), V(QIF_INODES),
	V(QIF_BTIME), V(QIF_ITIME),
};

static const struct named_value dqinfo_flags[] = {
	V(DQF_ROOT_SQUASH), V(DQF_SYS_FILE),
};

static const struct named_value dqinfo_valid[] = {
	V(IIF_BGRACE), V(IIF_IGRACE), V(IIF_FLAGS),
};

static const struct named_value xfs_quota_flags[] = {
	V(FS_QUOTA_UDQ_ACCT), V(FS_QUOTA_UDQ_ENFD), V(FS_QUOTA_GDQ_ACCT),
	V(FS_QUOTA_GDQ_ENFD), V(FS_QUOTA_PDQ_ACCT), V(FS_QUOTA_PDQ_ENFD),
};

static const struct named_value xfs_dqblk_flags[] = {
	V(FS_USER_QUOTA), V(FS_PROJ_QUOTA), V(FS_GROUP_QUOTA),
};

/* ptrace (strace's xlat/ptrace_cmds.in: the generic requests and those
 * of the architecture built for, from its <asm/ptrace*.h>;
 * ptrace_setoptions_flags, ptrace_peeksiginfo_flags,
 * ptrace_syscall_info_op, nt_descriptor_types: <elf.h>'s, with the
 * kernel's numbers for the notes it lacks; seccomp_filter_flags). */
static const struct named_value ptrace_requests[] = {
	V(PTRACE_TRACEME), V(PTRACE_PEEKTEXT), V(PTRACE_PEEKDATA),
	N("PTRACE_PEEKUSER", PTRACE_PEEKUSR), V(PTRACE_POKETEXT),
	V(PTRACE_POKEDATA), N("PTRACE_POKEUSER", PTRACE_POKEUSR),
	V(PTRACE_CONT), V(PTRACE_KILL), V(PTRACE_SINGLESTEP), V(PTRACE_ATTACH),
	V(PTRACE_DETACH), V(PTRACE_SYSCALL), V(PTRACE_SETOPTIONS),
	V(PTRACE_GETEVENTMSG), V(PTRACE_GETSIGINFO), V(PTRACE_SETSIGINFO),
	V(PTRACE_GETREGSET), V(PTRACE_SETREGSET), V(PTRACE_SEIZE),
	V(PTRACE_INTERRUPT), V(PTRACE_LISTEN), V(PTRACE_PEEKSIGINFO),
	V(PTRACE_GETSIGMASK), V(PTRACE_SETSIGMASK),
	V(PTRACE_SECCOMP_GET_FILTER), V(PTRACE_SECCOMP_GET_METADATA),
	V(PTRACE_GET_SYSCALL_INFO), V(PTRACE_GET_RSEQ_CONFIGURATION),
#ifdef PTRACE_GETREGS
	V(PTRACE_GETREGS), V(PTRACE_SETREGS),
#endif
#ifdef PTRACE_GETFPREGS
	V(PTRACE_GETFPREGS), V(PTRACE_SETFPREGS),
#endif
#ifdef PTRACE_GETFPXREGS
	V(PTRACE_GETFPXREGS), V(PTRACE_SETFPXREGS),
#endif
#ifdef PTRACE_OLDSETOPTIONS
	V(PTRACE_OLDSETOPTIONS),
#endif
#ifdef PTRACE_GET_THREAD_AREA
	V(PTRACE_GET_THREAD_AREA),
#endif
#ifdef PTRACE_SET_THREAD_AREA
	V(PTRACE_SET_THREAD_AREA),
#endif
#ifdef PTRACE_ARCH_PRCTL
	V(PTRACE_ARCH_PRCTL),
#endif
#ifdef PTRACE_SYSEMU
	V(PTRACE_SYSEMU), V(PTRACE_SYSEMU_SINGLESTEP),
#endif
#ifdef PTRACE_SINGLEBLOCK
	V(PTRACE_SINGLEBLOCK),
#endif
};

static const struct named_value ptrace_options[] = {
	V(PTRACE_O_TRACESYSGOOD), V(PTRACE_O_TRACEFORK), V(PTRACE_O_TRACEVFORK),
	V(PTRACE_O_TRACECLONE), V(PTRACE_O_TRACEEXEC),
	V(PTRACE_O_TRACEVFORKDONE), V(PTRACE_O_TRACEEXIT),
	V(PTRACE_O_TRACESECCOMP), V(PTRACE_O_EXITKILL),
	V(PTRACE_O_SUSPEND_SECCOMP),
};

static const struct named_value ptrace_peeksiginfo_flags[] = {
	V(PTRACE_PEEKSIGINFO_SHARED),
};

static const struct named_value ptrace_syscall_info_ops[] = {
	V(PTRACE_SYSCALL_INFO_NONE), V(PTRACE_SYSCALL_INFO_ENTRY),
	V(PTRACE_SYSCALL_INFO_EXIT), V(PTRACE_SYSCALL_INFO_SECCOMP),
};

static const struct named_value nt_types[] = {
	V(NT_PRSTATUS), V(NT_FPREGSET), V(NT_PRPSINFO), V(NT_PRXREG),
	V(NT_PLATFORM), V(NT_AUXV), V(NT_GWINDOWS), V(NT_ASRS),
	V(NT_PSTATUS), V(NT_PSINFO), V(NT_PRCRED), V(NT_UTSNAME),
	V(NT_LWPSTATUS), V(NT_LWPSINFO), V(NT_PRFPXREG), V(NT_PPC_VMX),
	V(NT_PPC_SPE), V(NT_PPC_VSX), V(NT_PPC_TAR), V(NT_PPC_PPR),
	V(NT_PPC_DSCR), V(NT_PPC_EBB), V(NT_PPC_PMU), V(NT_PPC_TM_CGPR),
	V(NT_PPC_TM_CFPR), V(NT_PPC_TM_CVMX), V(NT_PPC_TM_CVSX),
	V(NT_PPC_TM_SPR), V(NT_PPC_TM_CTAR), V(NT_PPC_TM_CPPR),
	V(NT_PPC_TM_CDSCR), V(NT_PPC_PKEY), V(NT_386_TLS), V(NT_386_IOPERM),
	V(NT_X86_XSTATE), V(NT_S390_HIGH_GPRS), V(NT_S390_TIMER),
	V(NT_S390_TODCMP), V(NT_S390_TODPREG), V(NT_S390_CTRS),
	V(NT_S390_PREFIX), V(NT_S390_LAST_BREAK), V(NT_S390_SYSTEM_CALL),
	V(NT_S390_TDB), V(NT_S390_VXRS_LOW), V(NT_S390_VXRS_HIGH),
	V(NT_S390_GS_CB), V(NT_S390_GS_BC), V(NT_S390_RI_CB),
	N("NT_S390_PV_CPU_DATA", 0x30e), V(NT_ARM_VFP), V(NT_ARM_TLS),
	V(NT_ARM_HW_BREAK), V(NT_ARM_HW_WATCH), V(NT_ARM_SYSTEM_CALL),
	V(NT_ARM_SVE), V(NT_ARM_PAC_MASK), V(NT_ARM_PACA_KEYS),
	V(NT_ARM_PACG_KEYS), V(NT_ARM_TAGGED_ADDR_CTRL),
	V(NT_ARM_PAC_ENABLED_KEYS), N("NT_ARM_SSVE", 0x40b),
	N("NT_ARM_ZA", 0x40c), N("NT_METAG_CBUF", 0x500),
	N("NT_METAG_RPIPE", 0x501), N("NT_METAG_TLS", 0x502),
	N("NT_ARC_V2", 0x600), V(NT_VMCOREDD), V(NT_MIPS_DSP),
	V(NT_MIPS_FP_MODE), V(NT_MIPS_MSA), N("NT_LOONGARCH_CPUCFG", 0xa00),
	N("NT_LOONGARCH_CSR", 0xa01), N("NT_LOONGARCH_LSX", 0xa02),
	N("NT_LOONGARCH_LASX", 0xa03), N("NT_LOONGARCH_LBT", 0xa04),
	V(NT_FILE), V(NT_PRXFPREG), V(NT_SIGINFO),
};

static const struct named_value seccomp_filter_flags[] = {
	V(SECCOMP_FILTER_FLAG_TSYNC), V(SECCOMP_FILTER_FLAG_LOG),
	V(SECCOMP_FILTER_FLAG_SPEC_ALLOW), V(SECCOMP_FILTER_FLAG_NEW_LISTENER),
	V(SECCOMP_FILTER_FLAG_TSYNC_ESRCH),
	V(SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV),
};

/* strace 6.1's audit_arch names (<linux/audit.h>), those of the
 * architectures Linux runs on today. */
static const struct named_value audit_arches[] = {
	V(AUDIT_ARCH_AARCH64), V(AUDIT_ARCH_ARM), V(AUDIT_ARCH_I386),
	V(AUDIT_ARCH_LOONGARCH64), V(AUDIT_ARCH_MIPS), V(AUDIT_ARCH_MIPSEL),
	V(AUDIT_ARCH_MIPS64), V(AUDIT_ARCH_MIPSEL64), V(AUDIT_ARCH_PPC),
	V(AUDIT_ARCH_PPC64), V(AUDIT_ARCH_PPC64LE), V(AUDIT_ARCH_RISCV64),
	V(AUDIT_ARCH_S390), V(AUDIT_ARCH_S390X), V(AUDIT_ARCH_X86_64),
};

/* Classic BPF instructions' parts (strace's xlat/bpf_class.in, bpf_size,
 * bpf_mode, bpf_miscop, bpf_src, bpf_op_alu, bpf_op_jmp, bpf_rval) and
 * seccomp's return actions (seccomp_ret_action). */
static const struct named_value bpf_classes[] = {
	V(BPF_LD), V(BPF_LDX), V(BPF_ST), V(BPF_STX), V(BPF_ALU), V(BPF_JMP),
	V(BPF_RET), V(BPF_MISC),
};

static const struct named_value bpf_sizes[] = {
	V(BPF_W), V(BPF_H), V(BPF_B), V(BPF_DW),
};

static const struct named_value bpf_modes[] = {
	V(BPF_IMM), V(BPF_ABS), V(BPF_IND), V(BPF_MEM), V(BPF_LEN), V(BPF_MSH),
	V(BPF_XADD),
};

static const struct named_value bpf_miscops[] = {
	V(BPF_TAX), V(BPF_TXA),
};

static const struct named_value bpf_srcs[] = {
	V(BPF_K), V(BPF_X),
};

static const struct named_value bpf_alu_ops[] = {
	V(BPF_ADD), V(BPF_SUB), V(BPF_MUL), V(BPF_DIV), V(BPF_OR), V(BPF_AND),
	V(BPF_LSH), V(BPF_RSH), V(BPF_NEG), V(BPF_MOD), V(BPF_XOR), V(BPF_MOV),
	V(BPF_ARSH), V(BPF_END),
};

static const struct named_value bpf_jmp_ops[] = {
	V(BPF_JA), V(BPF_JEQ), V(BPF_JGT), V(BPF_JGE), V(BPF_JSET), V(BPF_JNE),
	V(BPF_JSGT), V(BPF_JSGE), V(BPF_CALL), V(BPF_EXIT), V(BPF_JLT),
	V(BPF_JLE), V(BPF_JSLT), V(BPF_JSLE),
};

static const struct named_value bpf_rvals[] = {
	V(BPF_K), V(BPF_X), V(BPF_A),
};

static const struct named_value seccomp_ret_actions[] = {
	V(SECCOMP_RET_KILL_PROCESS), V(SECCOMP_RET_KILL_THREAD),
	V(SECCOMP_RET_TRAP), V(SECCOMP_RET_ERRNO), V(SECCOMP_RET_USER_NOTIF),
	V(SECCOMP_RET_TRACE), V(SECCOMP_RET_LOG), V(SECCOMP_RET_ALLOW),
};

static const struct named_value falloc_flags[] = {
	N("FALLOC_FL_KEEP_SIZE", 0x01), N("FALLOC_FL_PUNCH_HOLE", 0x02),
	N("FALLOC_FL_NO_HIDE_STALE", 0x04), N("FALLOC_FL_COLLAPSE_RANGE", 0x08),
	N("FALLOC_FL_ZERO_RANGE", 0x10), N("FALLOC_FL_INSERT_RANGE", 0x20),
	N("FALLOC_FL_UNSHARE_RANGE", 0x40),
};

static const struct value_table tables[VT_COUNT] = {
	TABLE(VT_OPEN_FLAGS, open_flags, "O_???"),
	TABLE(VT_AT_FLAGS, at_flags, "AT_???"),
	TABLE(VT_FACCESSAT_FLAGS, faccessat_flags, "AT_???"),
	TABLE(VT_PROT, prot_flags, "PROT_???"),
	TABLE(VT_MAP_FLAGS, map_flags, "MAP_???"),
	TABLE(VT_MAP_TYPE, map_type, "MAP_???"),
	TABLE(VT_CLONE_FLAGS, clone_flags, "CLONE_???"),
	TABLE(VT_UNSHARE_FLAGS, unshare_flags, "CLONE_???"),
	TABLE(VT_SETNS_TYPES, setns_types, "CLONE_NEW???"),
	TABLE(VT_MSG_FLAGS, msg_flags, "MSG_???"),
	TABLE(VT_SOCK_TYPE, sock_types, "SOCK_???"),
	TABLE(VT_SOCK_FLAGS, sock_flags, "SOCK_???"),
	TABLE(VT_ADDRESS_FAMILY, address_families, "AF_???"),
	TABLE(VT_FCNTL_CMD, fcntl_cmds, "F_???"),
	TABLE(VT_FD_FLAGS, fd_flags, "FD_???"),
	TABLE(VT_MADVISE, madvise_advice, "MADV_???"),
	TABLE(VT_FUTEX_OP, futex_ops, "FUTEX_???"),
	TABLE(VT_WAIT_OPTIONS, wait_options, "W???"),
	TABLE(VT_WAITID_IDTYPE, waitid_idtypes, "P_???"),
	TABLE(VT_SA_FLAGS, sa_flags, "SA_???"),
	TABLE(VT_SIGPROCMASK_HOW, sigprocmask_how, "SIG_???"),
	TABLE(VT_ACCESS_MODE, access_modes, "?_OK"),
	TABLE(VT_SEEK_WHENCE, seek_whence, "SEEK_???"),
	TABLE(VT_CLOCK_ID, clock_ids, "CLOCK_???"),
	TABLE(VT_RLIMIT, rlimits, "RLIMIT_???"),
#if ARCH_HAS_ARCH_PRCTL
	TABLE(VT_ARCH_PRCTL, arch_prctl_codes, "ARCH_???"),
#endif
	TABLE(VT_PRCTL_OPTION, prctl_options, "PR_???"),
	TABLE(VT_GRND_FLAGS, grnd_flags, "GRND_???"),
	TABLE(VT_STATX_MASK, statx_mask, "STATX_???"),
	TABLE(VT_STATX_ATTRS, statx_attrs, "STATX_ATTR_???"),
	TABLE(VT_STATX_SYNC, statx_sync, "AT_STATX_???"),
	TABLE(VT_MREMAP_FLAGS, mremap_flags, "MREMAP_???"),
	TABLE(VT_MSYNC_FLAGS, msync_flags, "MS_???"),
	TABLE(VT_MLOCK_FLAGS, mlock_flags, "MLOCK_???"),
	TABLE(VT_MCL_FLAGS, mcl_flags, "MCL_???"),
	TABLE(VT_EFD_FLAGS, efd_flags, "EFD_???"),
	TABLE(VT_EPOLL_CREATE_FLAGS, epoll_create_flags, "EPOLL_???"),
	TABLE(VT_INOTIFY_INIT_FLAGS, inotify_init_flags, "IN_???"),
	TABLE(VT_TFD_CREATE_FLAGS, tfd_create_flags, "TFD_???"),
	TABLE(VT_SFD_FLAGS, sfd_flags, "SFD_???"),
	TABLE(VT_MFD_FLAGS, mfd_flags, "MFD_???"),
	TABLE(VT_CLOSE_RANGE_FLAGS, close_range_flags, "CLOSE_RANGE_???"),
	TABLE(VT_PIDFD_OPEN_FLAGS, pidfd_open_flags, "PIDFD_???"),
	TABLE(VT_RENAME_FLAGS, rename_flags, "RENAME_???"),
	TABLE(VT_UMOUNT_FLAGS, umount_flags, "MNT_???"),
	TABLE(VT_FADVISE, fadvise_advice, "POSIX_FADV_???"),
	TABLE(VT_FLOCK, flock_ops, "LOCK_???"),
	TABLE(VT_SHUTDOWN, shutdown_how, "SHUT_???"),
	TABLE(VT_POLL_EVENTS, poll_events, "POLL???"),
	TABLE(VT_FS_MAGIC, fs_magics, "???_MAGIC"),
	TABLE(VT_STATFS_FLAGS, statfs_flags, "ST_???"),
	TABLE(VT_EPOLL_CTL_OP, epoll_ctl_ops, "EPOLL_CTL_???"),
	TABLE(VT_EPOLL_EVENTS, epoll_events, "EPOLL???"),
	TABLE(VT_SIGNAL, signal_names, "SIG???"),
	TABLE(VT_IOCTL, ioctl_names, "IOC???"),
	TABLE(VT_IPPROTO, ip_protocols, "IPPROTO_???"),
	TABLE(VT_SOCKOPT_LEVEL, sockopt_levels, "SOL_???"),
	/* The same names; [gs]etsockopt's unknown level has one "?" less. */
	TABLE(VT_SOCKOPT_LEVEL_ARG, sockopt_levels, "SOL_??"),
	TABLE(VT_SO_OPTION, so_options, "SO_???"),
	TABLE(VT_SOL_IP_OPTION, sol_ip_options, "IP_???"),
	TABLE(VT_SOL_TCP_OPTION, sol_tcp_options, "TCP_???"),
	TABLE(VT_SOL_UDP_OPTION, sol_udp_options, "UDP_???"),
	TABLE(VT_SOL_IPV6_OPTION, sol_ipv6_options, "IPV6_???"),
	TABLE(VT_SOL_RAW_OPTION, sol_raw_options, "RAW_???"),
	TABLE(VT_SOL_NETLINK_OPTION, sol_netlink_options, "NETLINK_???"),
	TABLE(VT_SOL_PACKET_OPTION, sol_packet_options, "PACKET_???"),
	TABLE(VT_PACKET_MR_TYPE, packet_mr_types, "PACKET_MR_???"),
	TABLE(VT_INOTIFY_MASK, inotify_mask, "IN_???"),
	TABLE(VT_F_SEALS, f_seals, "F_SEAL_???"),
	TABLE(VT_CAP_VERSION, cap_versions, "_LINUX_CAPABILITY_VERSION_???"),
	TABLE(VT_CAP_MASK0, cap_mask0, "CAP_???"),
	TABLE(VT_CAP_MASK1, cap_mask1, "CAP_???"),
	TABLE(VT_IFF_FLAGS, iff_flags, "IFF_???"),
	TABLE(VT_URING_SETUP_FLAGS, uring_setup_flags, "IORING_SETUP_???"),
	TABLE(VT_URING_FEATURES, uring_features, "IORING_FEAT_???"),
	TABLE(VT_PRIO_WHICH, prio_which, "PRIO_???"),
	TABLE(VT_ITIMER_WHICH, itimer_which, "ITIMER_???"),
	TABLE(VT_SCHED_POLICY, sched_policies, "SCHED_???"),
	TABLE(VT_MEMBARRIER_CMD, membarrier_cmds, "MEMBARRIER_CMD_???"),
	TABLE(VT_XATTR_FLAGS, xattr_flags, "XATTR_???"),
	TABLE(VT_TERMIOS_IFLAG, termios_iflags, "I???"),
	TABLE(VT_TERMIOS_OFLAG, termios_oflags, "O???"),
	TABLE(VT_TERMIOS_CFLAG, termios_cflags, "C???"),
	TABLE(VT_TERMIOS_LFLAG, termios_lflags, "L???"),
	TABLE(VT_BAUD, baud_rates, "B???"),
	TABLE(VT_TIMER_FLAGS, timer_flags, "TIMER_???"),
	TABLE(VT_SIGEV_NOTIFY, sigev_notify_types, "SIGEV_???"),
	TABLE(VT_NETLINK_PROTOCOL, netlink_protocols, "NETLINK_???"),
	TABLE(VT_RUSAGE_WHO, rusage_who, "RUSAGE_???"),
	TABLE(VT_STAT_MODE_TYPE, stat_mode_types, "S_IF???"),
	TABLE(VT_DIRENT_TYPE, dirent_types, "DT_???"),
	TABLE(VT_RSEQ_FLAGS, rseq_flags, "RSEQ_FLAG_???"),
	TABLE(VT_PERSONALITY, personality_types, "PER_???"),
	TABLE(VT_PERSONALITY_FLAGS, personality_flags, ""),
	TABLE(VT_MOUNT_FLAGS, mount_flags, "MS_???"),
	TABLE(VT_MEMBARRIER_FLAGS, membarrier_flags, "MEMBARRIER_CMD_FLAG_???"),
	TABLE(VT_IOPRIO_WHO, ioprio_who, "IOPRIO_WHO_???"),
	TABLE(VT_IOPRIO_CLASS, ioprio_class, "IOPRIO_CLASS_???"),
	TABLE(VT_KEYCTL_CMD, keyctl_cmds, "KEYCTL_???"),
	TABLE(VT_KEY_SPEC, key_spec, ""),
	TABLE(VT_KEY_PERMS, key_perms, "KEY_???"),
	TABLE(VT_KEY_REQKEY, key_reqkeys, "KEY_REQKEY_DEFL_???"),
	TABLE(VT_KEYCTL_MOVE_FLAGS, keyctl_move_flags, "KEYCTL_MOVE_???"),
	TABLE(VT_MPOL_MODE, mpol_modes, "MPOL_???"),
	TABLE(VT_MPOL_MODE_FLAGS, mpol_mode_flags, "MPOL_???"),
	TABLE(VT_MBIND_FLAGS, mbind_flags, "MPOL_???"),
	TABLE(VT_GET_MEMPOLICY_FLAGS, get_mempolicy_flags, "MPOL_???"),
	TABLE(VT_REBOOT_MAGIC1, reboot_magic1, "LINUX_REBOOT_MAGIC_???"),
	TABLE(VT_REBOOT_MAGIC2, reboot_magic2, "LINUX_REBOOT_MAGIC_???"),
	TABLE(VT_REBOOT_CMD, reboot_cmds, "LINUX_REBOOT_CMD_???"),
	TABLE(VT_PKEY_ACCESS, pkey_access, "PKEY_???"),
#if ARCH_HAS_ARCH_PRCTL
	TABLE(VT_XFEATURE_MASKS, xfeature_masks, "XFEATURE_MASK_???"),
	TABLE(VT_XFEATURE_BITS, xfeature_bits, "XFEATURE_???"),
#endif
	TABLE(VT_DELETE_MODULE_FLAGS, delete_module_flags, "O_???"),
	TABLE(VT_MEMFD_SECRET_FLAGS, memfd_secret_flags, ""),
	TABLE(VT_SPLICE_FLAGS, splice_flags, "SPLICE_F_???"),
	TABLE(VT_SHMAT_FLAGS, shmat_flags, "SHM_???"),
	TABLE(VT_FALLOC_FLAGS, falloc_flags, "FALLOC_FL_???"),
	TABLE(VT_IPC_KEY, ipc_keys, ""),
	TABLE(VT_IPC_RESOURCE_FLAGS, ipc_resource_flags, ""),
	TABLE(VT_SHM_RESOURCE_FLAGS, shm_resource_flags, ""),
	TABLE(VT_IPC_MSG_FLAGS, ipc_msg_flags, "MSG_???"),
	TABLE(VT_SEMOP_FLAGS, semop_flags, "SEM_???"),
	TABLE(VT_MSGCTL_CMD, msgctl_cmds, "MSG_???"),
	TABLE(VT_SEMCTL_CMD, semctl_cmds, "SEM_???"),
	TABLE(VT_SHMCTL_CMD, shmctl_cmds, "SHM_???"),
	TABLE(VT_QUOTA_CMD, quota_cmds, "Q_???"),
	TABLE(VT_QUOTA_TYPE, quota_types, "???QUOTA"),
	TABLE(VT_QUOTA_FORMAT, quota_formats, "QFMT_VFS_???"),
	TABLE(VT_DQBLK_VALID, dqblk_valid, "QIF_???"),
	TABLE(VT_DQINFO_FLAGS, dqinfo_flags, "DQF_???"),
	TABLE(VT_DQINFO_VALID, dqinfo_valid, "IIF_???"),
	TABLE(VT_XFS_QUOTA_FLAGS, xfs_quota_flags, "FS_QUOTA_???"),
	TABLE(VT_XFS_DQBLK_FLAGS, xfs_dqblk_flags, "FS_???_QUOTA"),
	TABLE(VT_PTRACE_REQUEST, ptrace_requests, "PTRACE_???"),
	TABLE(VT_PTRACE_OPTIONS, ptrace_options, "PTRACE_O_???"),
	TABLE(VT_PTRACE_PEEKSIGINFO_FLAGS, ptrace_peeksiginfo_flags,
	      "PTRACE_PEEKSIGINFO_???"),
	TABLE(VT_PTRACE_SYSCALL_INFO_OP, ptrace_syscall_info_ops,
	      "PTRACE_SYSCALL_INFO_???"),
	TABLE(VT_NT_TYPE, nt_types, "NT_???"),
	TABLE(VT_SECCOMP_FILTER_FLAGS, seccomp_filter_flags,
	      "SECCOMP_FILTER_FLAG_???"),
	TABLE(VT_AUDIT_ARCH, audit_arches, "AUDIT_ARCH_???"),
	TABLE(VT_BPF_CLASS, bpf_classes, "BPF_???"),
	TABLE(VT_BPF_SIZE, bpf_sizes, "BPF_???"),
	TABLE(VT_BPF_MODE, bpf_modes, "BPF_???"),
	TABLE(VT_BPF_MISCOP, bpf_miscops, "BPF_???"),
	TABLE(VT_BPF_SRC, bpf_srcs, "BPF_???"),
	TABLE(VT_BPF_OP_ALU, bpf_alu_ops, "BPF_???"),
	TABLE(VT_BPF_OP_JMP, bpf_jmp_ops, "BPF_???"),
	TABLE(VT_BPF_RVAL, bpf_rvals, "BPF_???"),
	TABLE(VT_SECCOMP_RET_ACTION, seccomp_ret_actions, "SECCOMP_RET_???"),
	TABLE(VT_RWF_FLAGS, rwf_flags, "RWF_???"),
	TABLE(VT_DNOTIFY_FLAGS, dnotify_flags, "DN_???"),
	TABLE(VT_ETHERNET_PROTOCOL, ethernet_protocols, "ETH_P_???"),
	TABLE(VT_BLUETOOTH_PROTOCOL, bluetooth_protocols, "BTPROTO_???"),
	TABLE(VT_FAN_CLASS, fan_classes, "FAN_CLASS_???"),
	TABLE(VT_FAN_INIT_FLAGS, fan_init_flags, "FAN_???"),
	TABLE(VT_FAN_MARK_FLAGS, fan_mark_flags, "FAN_MARK_???"),
	TABLE(VT_FAN_EVENTS, fan_events, "FAN_???"),
	TABLE(VT_IORING_ENTER_FLAGS, ioring_enter_flags, "IORING_ENTER_???"),
	TABLE(VT_IORING_REGISTER_OP, ioring_register_ops, "IORING_REGISTER_???"),
	TABLE(VT_OPEN_TREE_FLAGS, open_tree_flags, "OPEN_TREE_???"),
	TABLE(VT_FSOPEN_FLAGS, fsopen_flags, "FSOPEN_???"),
	TABLE(VT_FSPICK_FLAGS, fspick_flags, "FSPICK_???"),
	TABLE(VT_FSCONFIG_CMD, fsconfig_cmds, "FSCONFIG_???"),
	TABLE(VT_SCHED_ATTR_FLAGS, sched_attr_flags, "SCHED_FLAG_???"),
	TABLE(VT_LANDLOCK_ACCESS_FS, landlock_access_fs, "LANDLOCK_ACCESS_FS_???"),
	TABLE(VT_LANDLOCK_CREATE_FLAGS, landlock_create_flags,
	      "LANDLOCK_CREATE_RULESET_???"),
	TABLE(VT_LANDLOCK_RULE_TYPE, landlock_rule_types, "LANDLOCK_RULE_???"),
	TABLE(VT_FUTEX_WAITER_FLAGS, futex_waiter_flags, "FUTEX_???"),
	TABLE(VT_PACKET_TYPE, packet_types, "PACKET_???"),
	TABLE(VT_BPF_CMD, bpf_commands, "BPF_???"),
	TABLE(VT_BPF_MAP_TYPE, bpf_map_types, "BPF_MAP_TYPE_???"),
	TABLE(VT_BPF_PROG_TYPE, bpf_prog_types, "BPF_PROG_TYPE_???"),
	TABLE(VT_BPF_ATTACH_TYPE, bpf_attach_types, "BPF_???"),
	TABLE(VT_BPF_MAP_FLAGS, bpf_map_flags, "BPF_F_???"),
	TABLE(VT_BPF_PROG_FLAGS, bpf_prog_flags, "BPF_F_???"),
	TABLE(VT_BPF_FILE_MODE_FLAGS, bpf_file_mode_flags, "BPF_F_???"),
	TABLE(VT_BPF_LOOKUP_FLAGS, bpf_lookup_flags, "BPF_???"),
	TABLE(VT_BPF_UPDATE_FLAGS, bpf_update_flags, "BPF_???"),
	TABLE(VT_BPF_ATTACH_FLAGS, bpf_attach_flags, "BPF_F_???"),
	TABLE(VT_BPF_TEST_RUN_FLAGS, bpf_test_run_flags, "BPF_F_???"),
	TABLE(VT_BPF_QUERY_FLAGS, bpf_query_flags, "BPF_F_QUERY_???"),
	TABLE(VT_BPF_TASK_FD_TYPE, bpf_task_fd_types, "BPF_FD_TYPE_???"),
	TABLE(VT_BPF_KPROBE_MULTI_FLAGS, bpf_kprobe_multi_flags, "BPF_F_???"),
	TABLE(VT_EBPF_CLASS, ebpf_classes, "BPF_???"),
	TABLE(VT_EBPF_MODE, ebpf_modes, "BPF_???"),
	TABLE(VT_EBPF_REG, ebpf_regs, "BPF_REG_???"),
	TABLE(VT_URING_OP, uring_ops, "IORING_OP_???"),
	TABLE(VT_URING_OP_FLAGS, uring_op_flags, "IO_URING_OP_???"),
	TABLE(VT_URING_RESTRICTION_OP, uring_restriction_ops,
	      "IORING_RESTRICTION_???"),
	TABLE(VT_URING_SQE_FLAGS, uring_sqe_flags, "IOSQE_???"),
	TABLE(VT_URING_IOWQ_ACCT, uring_iowq_acct, "IO_WQ_???"),
	TABLE(VT_URING_RSRC_FLAGS, uring_rsrc_flags, "IORING_RSRC_REGISTER_???"),
	TABLE(VT_PERF_TYPE, perf_types, "PERF_TYPE_???"),
	TABLE(VT_PERF_ATTR_SIZE, perf_attr_sizes, "PERF_ATTR_SIZE_???"),
	TABLE(VT_PERF_HW_ID, perf_hw_ids, "PERF_COUNT_HW_???"),
	TABLE(VT_PERF_SW_ID, perf_sw_ids, "PERF_COUNT_SW_???"),
	TABLE(VT_PERF_HW_CACHE_ID, perf_hw_cache_ids, "PERF_COUNT_HW_CACHE_???"),
	TABLE(VT_PERF_HW_CACHE_OP, perf_hw_cache_ops,
	      "PERF_COUNT_HW_CACHE_OP_???"),
	TABLE(VT_PERF_HW_CACHE_RESULT, perf_hw_cache_results,
	      "PERF_COUNT_HW_CACHE_RESULT_???"),
	TABLE(VT_PERF_SAMPLE_FORMAT, perf_sample_formats, "PERF_SAMPLE_???"),
	TABLE(VT_PERF_READ_FORMAT, perf_read_formats, "PERF_FORMAT_???"),
	TABLE(VT_PERF_BRANCH_SAMPLE, perf_branch_samples,
	      "PERF_SAMPLE_BRANCH_???"),
	TABLE(VT_HW_BREAKPOINT_TYPE, hw_breakpoint_types, "HW_BREAKPOINT_???"),
	TABLE(VT_PERF_FLAGS, perf_open_flags, "PERF_FLAG_???"),
	TABLE(VT_FSMOUNT_FLAGS, fsmount_flags, "FSMOUNT_???"),
	TABLE(VT_MOUNT_ATTR_FLAGS, mount_attr_flags, "MOUNT_ATTR_???"),
	TABLE(VT_MOVE_MOUNT_FLAGS, move_mount_flags, "MOVE_MOUNT_???"),
	TABLE(VT_MOUNT_SETATTR_FLAGS, mount_setattr_flags, "AT_???"),
	TABLE(VT_MODULE_INIT_FLAGS, module_init_flags, "MODULE_INIT_???"),
	TABLE(VT_SYNC_FILE_RANGE_FLAGS, sync_file_range_flags,
	      "SYNC_FILE_RANGE_???"),
	TABLE(VT_UFFD_FLAGS, uffd_flags, "UFFD_???"),
	TABLE(VT_MQ_ATTR_FLAGS, mq_attr_flags, "O_???"),
	TABLE(VT_MOVE_PAGES_FLAGS, move_pages_flags, "MPOL_???"),
	TABLE(VT_SWAP_FLAGS, swap_flags, "SWAP_FLAG_???"),
	TABLE(VT_SYSLOG_ACTIONS, syslog_actions, "SYSLOG_ACTION_???"),
	TABLE(VT_SYSLOG_CONSOLE_LEVELS, syslog_console_levels, "LOGLEVEL_???"),
};

static const struct named_value no_entries[1];
static const struct value_table empty_table = { no_entries, 0, "???" };

const struct value_table *value_table_get(unsigned id)
{
	if (id >= VT_COUNT || tables[id].entries == 0)
		return &empty_table;
	return &tables[id];
}

const char *value_table_name(const struct value_table *t, uint64_t value)
{
	for (unsigned i = 0; i < t->count; i++)
		if (t->entries[i].value == value)
			return t->entries[i].name;
	return 0;
}

static void print_unknown_comment(struct text_buffer *tb,
				  const struct value_table *t)
{
	if (!t->unknown[0])
		return;
	tb_str(tb, " /* ");
	tb_str(tb, t->unknown);
	tb_str(tb, " */");
}

uint64_t print_flag_names(struct text_buffer *tb, const struct value_table *t,
			  uint64_t value, int *printed)
{
	for (unsigned i = 0; i < t->count; i++) {
		uint64_t v = t->entries[i].value;
		if (v == 0 || (value & v) != v)
			continue;
		if (*printed)
			tb_char(tb, '|');
		tb_str(tb, t->entries[i].name);
		*printed = 1;
		value &= ~v;
	}
	return value;
}

int value_table_any_flag(const struct value_table *t, uint64_t value)
{
	for (unsigned i = 0; i < t->count; i++) {
		uint64_t v = t->entries[i].value;
		if (v && (value & v) == v)
			return 1;
	}
	return 0;
}

void print_const_number(struct text_buffer *tb, uint64_t value, int format)
{
	switch (format) {
	case CONST_DEC:
		tb_dec(tb, (long long)value);
		break;
	case CONST_UDEC:
		tb_udec(tb, value);
		break;
	case CONST_OCT: /* %#03o */
		if (value < 8) {
			tb_str(tb, "00");
			tb_char(tb, (char)('0' + value));
		} else {
			tb_oct(tb, value);
		}
		break;
	default:
		tb_hex(tb, value);
		break;
	}
}

void print_named_value(struct text_buffer *tb, uint64_t value,
		       const char *name, int format)
{
	if (name && tb->style == CONST_STYLE_ABBREV) {
		tb_str(tb, name);
		return;
	}
	print_const_number(tb, value, format);
	if (name && tb->style == CONST_STYLE_VERBOSE) {
		tb_str(tb, " /* ");
		tb_str(tb, name);
		tb_str(tb, " */");
	}
}

int const_names_begin(struct text_buffer *tb, uint64_t value, int format)
{
	int style = tb->style;
	if (style != CONST_STYLE_ABBREV)
		print_const_number(tb, value, format);
	if (style == CONST_STYLE_RAW)
		return 0;
	if (style == CONST_STYLE_VERBOSE)
		tb_str(tb, " /* ");
	tb->style = CONST_STYLE_ABBREV; /* the names themselves */
	return style + 1;
}

void const_names_end(struct text_buffer *tb, int begun)
{
	tb->style = begun - 1;
	if (tb->style == CONST_STYLE_VERBOSE)
		tb_str(tb, " */");
}

/* strace's printflags with a default name (the table's X_???) or, as
 * statx's flags, with none: then -X raw prints a zero as nothing, and an
 * unknown word is its number alone. */
static void print_flags_with(struct text_buffer *tb,
			     const struct value_table *t, uint64_t value,
			     int has_default)
{
	if (tb->style == CONST_STYLE_RAW) {
		if (value || has_default)
			tb_hex(tb, value);
		return;
	}
	if (value == 0) {
		print_named_value(tb, 0, value_table_name(t, 0), CONST_HEX);
		return;
	}
	if (!value_table_any_flag(t, value)) {
		tb_hex(tb, value);
		if (has_default)
			print_unknown_comment(tb, t);
		return;
	}
	int begun = const_names_begin(tb, value, CONST_HEX);
	int printed = 0;
	uint64_t left = print_flag_names(tb, t, value, &printed);
	if (left) {
		tb_char(tb, '|');
		tb_hex(tb, left);
	}
	const_names_end(tb, begun);
}

void print_flags(struct text_buffer *tb, const struct value_table *t,
		 uint64_t value)
{
	print_flags_with(tb, t, value, 1);
}

void print_flags_no_default(struct text_buffer *tb,
			    const struct value_table *t, uint64_t value)
{
	print_flags_with(tb, t, value, 0);
}

void print_enum(struct text_buffer *tb, const struct value_table *t,
		uint64_t value)
{
	if (tb->style == CONST_STYLE_RAW) {
		tb_hex(tb, value);
		return;
	}
	const char *name = value_table_name(t, value);
	if (name) {
		print_named_value(tb, value, name, CONST_HEX);
		return;
	}
	tb_hex(tb, value);
	print_unknown_comment(tb, t);
}

/* The always-verbose printers: verbose unless -X raw. */
static int force_verbose(struct text_buffer *tb)
{
	int style = tb->style;
	if (style != CONST_STYLE_RAW)
		tb->style = CONST_STYLE_VERBOSE;
	return style;
}

void print_flags_verbose(struct text_buffer *tb, const struct value_table *t,
			 uint64_t value)
{
	int style = force_verbose(tb);
	if (value == 0)
		tb_char(tb, '0');
	else
		print_flags(tb, t, value);
	tb->style = style;
}

void print_enum_verbose(struct text_buffer *tb, const struct value_table *t,
			uint64_t value)
{
	int style = force_verbose(tb);
	print_enum(tb, t, value);
	tb->style = style;
}

void print_enum_dec_always_verbose(struct text_buffer *tb,
				   const struct value_table *t,
				   long long value)
{
	int style = tb->style;
	tb->style = CONST_STYLE_VERBOSE;
	const char *name = value_table_name(t, (uint64_t)value);
	print_named_value(tb, (uint64_t)value, name, CONST_DEC);
	if (!name)
		print_unknown_comment(tb, t);
	tb->style = style;
}

void print_enum_dec(struct text_buffer *tb, const struct value_table *t,
		    long long value)
{
	print_named_value(tb, (uint64_t)value,
			  value_table_name(t, (uint64_t)value), CONST_DEC);
}
