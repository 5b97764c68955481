/* value_tables: the constant-name tables (x86-64 values) and the printers.
 *
 * Each table lists names in the order strace 6.1 prints them (verified by
 * running strace 6.1 on calls with every bit set); multi-bit entries come
 * before the single bits they contain, as strace's do. See value_tables.h.
 */
#include "systrap/handlers/value_tables.h"

#define N(name, value) { (uint64_t)(value), name }
#define TABLE(id, array, unknown) \
	[id] = { array, sizeof(array) / sizeof(array[0]), unknown }

static const struct named_value open_flags[] = {
	N("O_CREAT", 0100), N("O_EXCL", 0200), N("O_NOCTTY", 0400),
	N("O_TRUNC", 01000), N("O_APPEND", 02000), N("O_NONBLOCK", 04000),
	N("O_SYNC", 04010000), N("__O_SYNC", 04000000), N("O_DSYNC", 010000),
	N("O_DIRECT", 040000), N("O_LARGEFILE", 0100000),
	N("O_NOFOLLOW", 0400000), N("O_NOATIME", 01000000),
	N("O_CLOEXEC", 02000000), N("O_PATH", 010000000),
	N("O_TMPFILE", 020200000), N("__O_TMPFILE", 020000000),
	N("O_DIRECTORY", 0200000), N("FASYNC", 020000),
};

static const struct named_value at_flags[] = {
	N("AT_SYMLINK_NOFOLLOW", 0x100), N("AT_REMOVEDIR", 0x200),
	N("AT_SYMLINK_FOLLOW", 0x400), N("AT_NO_AUTOMOUNT", 0x800),
	N("AT_EMPTY_PATH", 0x1000), N("AT_RECURSIVE", 0x8000),
};

static const struct named_value faccessat_flags[] = {
	N("AT_SYMLINK_NOFOLLOW", 0x100), N("AT_EACCESS", 0x200),
	N("AT_EMPTY_PATH", 0x1000),
};

static const struct named_value prot_flags[] = {
	N("PROT_NONE", 0), N("PROT_READ", 1), N("PROT_WRITE", 2),
	N("PROT_EXEC", 4), N("PROT_SEM", 8), N("PROT_GROWSDOWN", 0x01000000),
	N("PROT_GROWSUP", 0x02000000),
};

static const struct named_value map_type[] = {
	N("MAP_FILE", 0), N("MAP_SHARED", 1), N("MAP_PRIVATE", 2),
	N("MAP_SHARED_VALIDATE", 3),
};

static const struct named_value map_flags[] = {
	N("MAP_FIXED", 0x10), N("MAP_ANONYMOUS", 0x20), N("MAP_32BIT", 0x40),
	N("MAP_NORESERVE", 0x4000), N("MAP_POPULATE", 0x8000),
	N("MAP_NONBLOCK", 0x10000), N("MAP_GROWSDOWN", 0x100),
	N("MAP_DENYWRITE", 0x800), N("MAP_EXECUTABLE", 0x1000),
	N("MAP_LOCKED", 0x2000), N("MAP_STACK", 0x20000),
	N("MAP_HUGETLB", 0x40000), N("MAP_SYNC", 0x80000),
	N("MAP_FIXED_NOREPLACE", 0x100000),
};

static const struct named_value clone_flags[] = {
	N("CLONE_VM", 0x100), N("CLONE_FS", 0x200), N("CLONE_FILES", 0x400),
	N("CLONE_SIGHAND", 0x800), N("CLONE_PIDFD", 0x1000),
	N("CLONE_PTRACE", 0x2000), N("CLONE_VFORK", 0x4000),
	N("CLONE_PARENT", 0x8000), N("CLONE_THREAD", 0x10000),
	N("CLONE_NEWNS", 0x20000), N("CLONE_SYSVSEM", 0x40000),
	N("CLONE_SETTLS", 0x80000), N("CLONE_PARENT_SETTID", 0x100000),
	N("CLONE_CHILD_CLEARTID", 0x200000), N("CLONE_UNTRACED", 0x800000),
	N("CLONE_CHILD_SETTID", 0x1000000), N("CLONE_NEWCGROUP", 0x2000000),
	N("CLONE_NEWUTS", 0x4000000), N("CLONE_NEWIPC", 0x8000000),
	N("CLONE_NEWUSER", 0x10000000), N("CLONE_NEWPID", 0x20000000),
	N("CLONE_NEWNET", 0x40000000), N("CLONE_IO", 0x80000000),
};

static const struct named_value msg_flags[] = {
	N("MSG_OOB", 0x1), N("MSG_PEEK", 0x2), N("MSG_DONTROUTE", 0x4),
	N("MSG_CTRUNC", 0x8), N("MSG_PROBE", 0x10), N("MSG_TRUNC", 0x20),
	N("MSG_DONTWAIT", 0x40), N("MSG_EOR", 0x80), N("MSG_WAITALL", 0x100),
	N("MSG_FIN", 0x200), N("MSG_SYN", 0x400), N("MSG_CONFIRM", 0x800),
	N("MSG_RST", 0x1000), N("MSG_ERRQUEUE", 0x2000),
	N("MSG_NOSIGNAL", 0x4000), N("MSG_MORE", 0x8000),
	N("MSG_WAITFORONE", 0x10000), N("MSG_SENDPAGE_NOTLAST", 0x20000),
	N("MSG_BATCH", 0x40000), N("MSG_NO_SHARED_FRAGS", 0x80000),
	N("MSG_ZEROCOPY", 0x4000000), N("MSG_FASTOPEN", 0x20000000),
	N("MSG_CMSG_CLOEXEC", 0x40000000), N("MSG_CMSG_COMPAT", 0x80000000),
};

static const struct named_value sock_types[] = {
	N("SOCK_STREAM", 1), N("SOCK_DGRAM", 2), N("SOCK_RAW", 3),
	N("SOCK_RDM", 4), N("SOCK_SEQPACKET", 5), N("SOCK_DCCP", 6),
	N("SOCK_PACKET", 10),
};

static const struct named_value sock_flags[] = {
	N("SOCK_CLOEXEC", 0x80000), N("SOCK_NONBLOCK", 0x800),
};

static const struct named_value address_families[] = {
	N("AF_UNSPEC", 0), N("AF_UNIX", 1), N("AF_INET", 2), N("AF_AX25", 3),
	N("AF_IPX", 4), N("AF_APPLETALK", 5), N("AF_NETROM", 6),
	N("AF_BRIDGE", 7), N("AF_ATMPVC", 8), N("AF_X25", 9),
	N("AF_INET6", 10), N("AF_ROSE", 11), N("AF_DECnet", 12),
	N("AF_NETBEUI", 13), N("AF_SECURITY", 14), N("AF_KEY", 15),
	N("AF_NETLINK", 16), N("AF_PACKET", 17), N("AF_ASH", 18),
	N("AF_ECONET", 19), N("AF_ATMSVC", 20), N("AF_RDS", 21),
	N("AF_SNA", 22), N("AF_IRDA", 23), N("AF_PPPOX", 24),
	N("AF_WANPIPE", 25), N("AF_LLC", 26), N("AF_IB", 27), N("AF_MPLS", 28),
	N("AF_CAN", 29), N("AF_TIPC", 30), N("AF_BLUETOOTH", 31),
	N("AF_IUCV", 32), N("AF_RXRPC", 33), N("AF_ISDN", 34),
	N("AF_PHONET", 35), N("AF_IEEE802154", 36), N("AF_CAIF", 37),
	N("AF_ALG", 38), N("AF_NFC", 39), N("AF_VSOCK", 40), N("AF_KCM", 41),
	N("AF_QIPCRTR", 42), N("AF_SMC", 43), N("AF_XDP", 44),
	N("AF_MCTP", 45),
};

static const struct named_value fcntl_cmds[] = {
	N("F_DUPFD", 0), N("F_GETFD", 1), N("F_SETFD", 2), N("F_GETFL", 3),
	N("F_SETFL", 4), N("F_GETLK", 5), N("F_SETLK", 6), N("F_SETLKW", 7),
	N("F_SETOWN", 8), N("F_GETOWN", 9), N("F_SETSIG", 10),
	N("F_GETSIG", 11), N("F_GETLK64", 12), N("F_SETLK64", 13),
	N("F_SETLKW64", 14), N("F_SETOWN_EX", 15), N("F_GETOWN_EX", 16),
	N("F_GETOWNER_UIDS", 17), N("F_OFD_GETLK", 36), N("F_OFD_SETLK", 37),
	N("F_OFD_SETLKW", 38), N("F_SETLEASE", 1024), N("F_GETLEASE", 1025),
	N("F_NOTIFY", 1026), N("F_CANCELLK", 1029), N("F_DUPFD_CLOEXEC", 1030),
	N("F_SETPIPE_SZ", 1031), N("F_GETPIPE_SZ", 1032),
	N("F_ADD_SEALS", 1033), N("F_GET_SEALS", 1034),
};

static const struct named_value fd_flags[] = {
	N("FD_CLOEXEC", 1),
};

static const struct named_value madvise_advice[] = {
	N("MADV_NORMAL", 0), N("MADV_RANDOM", 1), N("MADV_SEQUENTIAL", 2),
	N("MADV_WILLNEED", 3), N("MADV_DONTNEED", 4), N("MADV_FREE", 8),
	N("MADV_REMOVE", 9), N("MADV_DONTFORK", 10), N("MADV_DOFORK", 11),
	N("MADV_MERGEABLE", 12), N("MADV_UNMERGEABLE", 13),
	N("MADV_HUGEPAGE", 14), N("MADV_NOHUGEPAGE", 15),
	N("MADV_DONTDUMP", 16), N("MADV_DODUMP", 17),
	N("MADV_WIPEONFORK", 18), N("MADV_KEEPONFORK", 19),
	N("MADV_COLD", 20), N("MADV_PAGEOUT", 21),
	N("MADV_POPULATE_READ", 22), N("MADV_POPULATE_WRITE", 23),
	N("MADV_DONTNEED_LOCKED", 24), N("MADV_COLLAPSE", 25),
	N("MADV_HWPOISON", 100), N("MADV_SOFT_OFFLINE", 101),
};

static const struct named_value futex_ops[] = {
	N("FUTEX_WAIT", 0), N("FUTEX_WAKE", 1), N("FUTEX_FD", 2),
	N("FUTEX_REQUEUE", 3), N("FUTEX_CMP_REQUEUE", 4),
	N("FUTEX_WAKE_OP", 5), N("FUTEX_LOCK_PI", 6), N("FUTEX_UNLOCK_PI", 7),
	N("FUTEX_TRYLOCK_PI", 8), N("FUTEX_WAIT_BITSET", 9),
	N("FUTEX_WAKE_BITSET", 10), N("FUTEX_WAIT_REQUEUE_PI", 11),
	N("FUTEX_CMP_REQUEUE_PI", 12), N("FUTEX_LOCK_PI2", 13),
};

static const struct named_value wait_options[] = {
	N("WNOHANG", 1), N("WEXITED", 4), N("WSTOPPED", 2),
	N("WCONTINUED", 8), N("WNOWAIT", 0x1000000),
	N("__WCLONE", 0x80000000), N("__WALL", 0x40000000),
	N("__WNOTHREAD", 0x20000000),
};

static const struct named_value waitid_idtypes[] = {
	N("P_ALL", 0), N("P_PID", 1), N("P_PGID", 2), N("P_PIDFD", 3),
};

static const struct named_value sa_flags[] = {
	N("SA_RESTORER", 0x04000000), N("SA_ONSTACK", 0x08000000),
	N("SA_RESTART", 0x10000000), N("SA_INTERRUPT", 0x20000000),
	N("SA_NODEFER", 0x40000000), N("SA_RESETHAND", 0x80000000),
	N("SA_SIGINFO", 4), N("SA_NOCLDSTOP", 1), N("SA_NOCLDWAIT", 2),
};

static const struct named_value sigprocmask_how[] = {
	N("SIG_BLOCK", 0), N("SIG_UNBLOCK", 1), N("SIG_SETMASK", 2),
};

static const struct named_value access_modes[] = {
	N("F_OK", 0), N("R_OK", 4), N("W_OK", 2), N("X_OK", 1),
};

static const struct named_value seek_whence[] = {
	N("SEEK_SET", 0), N("SEEK_CUR", 1), N("SEEK_END", 2),
	N("SEEK_DATA", 3), N("SEEK_HOLE", 4),
};

static const struct named_value clock_ids[] = {
	N("CLOCK_REALTIME", 0), N("CLOCK_MONOTONIC", 1),
	N("CLOCK_PROCESS_CPUTIME_ID", 2), N("CLOCK_THREAD_CPUTIME_ID", 3),
	N("CLOCK_MONOTONIC_RAW", 4), N("CLOCK_REALTIME_COARSE", 5),
	N("CLOCK_MONOTONIC_COARSE", 6), N("CLOCK_BOOTTIME", 7),
	N("CLOCK_REALTIME_ALARM", 8), N("CLOCK_BOOTTIME_ALARM", 9),
	N("CLOCK_SGI_CYCLE", 10), N("CLOCK_TAI", 11),
};

static const struct named_value rlimits[] = {
	N("RLIMIT_CPU", 0), N("RLIMIT_FSIZE", 1), N("RLIMIT_DATA", 2),
	N("RLIMIT_STACK", 3), N("RLIMIT_CORE", 4), N("RLIMIT_RSS", 5),
	N("RLIMIT_NPROC", 6), N("RLIMIT_NOFILE", 7), N("RLIMIT_MEMLOCK", 8),
	N("RLIMIT_AS", 9), N("RLIMIT_LOCKS", 10), N("RLIMIT_SIGPENDING", 11),
	N("RLIMIT_MSGQUEUE", 12), N("RLIMIT_NICE", 13), N("RLIMIT_RTPRIO", 14),
	N("RLIMIT_RTTIME", 15),
};

static const struct named_value arch_prctl_codes[] = {
	N("ARCH_SET_GS", 0x1001), N("ARCH_SET_FS", 0x1002),
	N("ARCH_GET_FS", 0x1003), N("ARCH_GET_GS", 0x1004),
	N("ARCH_GET_CPUID", 0x1011), N("ARCH_SET_CPUID", 0x1012),
	N("ARCH_GET_XCOMP_SUPP", 0x1021), N("ARCH_GET_XCOMP_PERM", 0x1022),
	N("ARCH_REQ_XCOMP_PERM", 0x1023),
	N("ARCH_GET_XCOMP_GUEST_PERM", 0x1024),
	N("ARCH_REQ_XCOMP_GUEST_PERM", 0x1025),
	N("ARCH_MAP_VDSO_X32", 0x2001), N("ARCH_MAP_VDSO_32", 0x2002),
	N("ARCH_MAP_VDSO_64", 0x2003),
};

static const struct named_value prctl_options[] = {
	N("PR_SET_PDEATHSIG", 1), N("PR_GET_PDEATHSIG", 2),
	N("PR_GET_DUMPABLE", 3), N("PR_SET_DUMPABLE", 4),
	N("PR_GET_UNALIGN", 5), N("PR_SET_UNALIGN", 6),
	N("PR_GET_KEEPCAPS", 7), N("PR_SET_KEEPCAPS", 8),
	N("PR_GET_FPEMU", 9), N("PR_SET_FPEMU", 10), N("PR_GET_FPEXC", 11),
	N("PR_SET_FPEXC", 12), N("PR_GET_TIMING", 13), N("PR_SET_TIMING", 14),
	N("PR_SET_NAME", 15), N("PR_GET_NAME", 16), N("PR_GET_ENDIAN", 19),
	N("PR_SET_ENDIAN", 20), N("PR_GET_SECCOMP", 21),
	N("PR_SET_SECCOMP", 22), N("PR_CAPBSET_READ", 23),
	N("PR_CAPBSET_DROP", 24), N("PR_GET_TSC", 25), N("PR_SET_TSC", 26),
	N("PR_GET_SECUREBITS", 27), N("PR_SET_SECUREBITS", 28),
	N("PR_SET_TIMERSLACK", 29), N("PR_GET_TIMERSLACK", 30),
	N("PR_TASK_PERF_EVENTS_DISABLE", 31),
	N("PR_TASK_PERF_EVENTS_ENABLE", 32), N("PR_MCE_KILL", 33),
	N("PR_MCE_KILL_GET", 34), N("PR_SET_MM", 35),
	N("PR_SET_CHILD_SUBREAPER", 36), N("PR_GET_CHILD_SUBREAPER", 37),
	N("PR_SET_NO_NEW_PRIVS", 38), N("PR_GET_NO_NEW_PRIVS", 39),
	N("PR_GET_TID_ADDRESS", 40), N("PR_SET_THP_DISABLE", 41),
	N("PR_GET_THP_DISABLE", 42), N("PR_MPX_ENABLE_MANAGEMENT", 43),
	N("PR_MPX_DISABLE_MANAGEMENT", 44), N("PR_SET_FP_MODE", 45),
	N("PR_GET_FP_MODE", 46), N("PR_CAP_AMBIENT", 47),
	N("PR_SVE_SET_VL", 50), N("PR_SVE_GET_VL", 51),
	N("PR_GET_SPECULATION_CTRL", 52), N("PR_SET_SPECULATION_CTRL", 53),
	N("PR_PAC_RESET_KEYS", 54), N("PR_SET_TAGGED_ADDR_CTRL", 55),
	N("PR_GET_TAGGED_ADDR_CTRL", 56), N("PR_SET_IO_FLUSHER", 57),
	N("PR_GET_IO_FLUSHER", 58), N("PR_SET_SYSCALL_USER_DISPATCH", 59),
	N("PR_PAC_SET_ENABLED_KEYS", 60), N("PR_PAC_GET_ENABLED_KEYS", 61),
	N("PR_SCHED_CORE", 62), N("PR_SET_VMA", 0x53564d41),
};

static const struct named_value grnd_flags[] = {
	N("GRND_NONBLOCK", 1), N("GRND_RANDOM", 2), N("GRND_INSECURE", 4),
};

static const struct named_value statx_mask[] = {
	N("STATX_ALL", 0xfff), N("STATX_BASIC_STATS", 0x7ff),
	N("STATX_TYPE", 0x1), N("STATX_MODE", 0x2), N("STATX_NLINK", 0x4),
	N("STATX_UID", 0x8), N("STATX_GID", 0x10), N("STATX_ATIME", 0x20),
	N("STATX_MTIME", 0x40), N("STATX_CTIME", 0x80), N("STATX_INO", 0x100),
	N("STATX_SIZE", 0x200), N("STATX_BLOCKS", 0x400),
	N("STATX_BTIME", 0x800), N("STATX_MNT_ID", 0x1000),
	N("STATX_DIOALIGN", 0x2000),
};

static const struct named_value statx_attrs[] = {
	N("STATX_ATTR_COMPRESSED", 0x4), N("STATX_ATTR_IMMUTABLE", 0x10),
	N("STATX_ATTR_APPEND", 0x20), N("STATX_ATTR_NODUMP", 0x40),
	N("STATX_ATTR_ENCRYPTED", 0x800), N("STATX_ATTR_AUTOMOUNT", 0x1000),
	N("STATX_ATTR_MOUNT_ROOT", 0x2000), N("STATX_ATTR_VERITY", 0x100000),
	N("STATX_ATTR_DAX", 0x200000),
};

static const struct named_value statx_sync[] = {
	N("AT_STATX_SYNC_AS_STAT", 0), N("AT_STATX_FORCE_SYNC", 0x2000),
	N("AT_STATX_DONT_SYNC", 0x4000),
};

static const struct named_value mremap_flags[] = {
	N("MREMAP_MAYMOVE", 1), N("MREMAP_FIXED", 2), N("MREMAP_DONTUNMAP", 4),
};

static const struct named_value msync_flags[] = {
	N("MS_SYNC", 4), N("MS_ASYNC", 1), N("MS_INVALIDATE", 2),
};

static const struct named_value mlock_flags[] = {
	N("MLOCK_ONFAULT", 1),
};

static const struct named_value mcl_flags[] = {
	N("MCL_CURRENT", 1), N("MCL_FUTURE", 2), N("MCL_ONFAULT", 4),
};

static const struct named_value efd_flags[] = {
	N("EFD_SEMAPHORE", 1), N("EFD_CLOEXEC", 0x80000),
	N("EFD_NONBLOCK", 0x800),
};

static const struct named_value epoll_create_flags[] = {
	N("EPOLL_CLOEXEC", 0x80000),
};

static const struct named_value inotify_init_flags[] = {
	N("IN_NONBLOCK", 0x800), N("IN_CLOEXEC", 0x80000),
};

static const struct named_value tfd_create_flags[] = {
	N("TFD_TIMER_ABSTIME", 1), N("TFD_TIMER_CANCEL_ON_SET", 2),
	N("TFD_CLOEXEC", 0x80000), N("TFD_NONBLOCK", 0x800),
};

static const struct named_value mfd_flags[] = {
	N("MFD_CLOEXEC", 1), N("MFD_ALLOW_SEALING", 2), N("MFD_HUGETLB", 4),
};

static const struct named_value close_range_flags[] = {
	N("CLOSE_RANGE_UNSHARE", 2), N("CLOSE_RANGE_CLOEXEC", 4),
};

static const struct named_value rename_flags[] = {
	N("RENAME_NOREPLACE", 1), N("RENAME_EXCHANGE", 2),
	N("RENAME_WHITEOUT", 4),
};

static const struct named_value umount_flags[] = {
	N("MNT_FORCE", 1), N("MNT_DETACH", 2), N("MNT_EXPIRE", 4),
	N("UMOUNT_NOFOLLOW", 8),
};

static const struct named_value fadvise_advice[] = {
	N("POSIX_FADV_NORMAL", 0), N("POSIX_FADV_RANDOM", 1),
	N("POSIX_FADV_SEQUENTIAL", 2), N("POSIX_FADV_WILLNEED", 3),
	N("POSIX_FADV_DONTNEED", 4), N("POSIX_FADV_NOREUSE", 5),
};

static const struct named_value flock_ops[] = {
	N("LOCK_SH", 1), N("LOCK_EX", 2), N("LOCK_NB", 4), N("LOCK_UN", 8),
	N("LOCK_MAND", 0x20), N("LOCK_RW", 0xc0), N("LOCK_READ", 0x40),
	N("LOCK_WRITE", 0x80),
};

static const struct named_value shutdown_how[] = {
	N("SHUT_RD", 0), N("SHUT_WR", 1), N("SHUT_RDWR", 2),
};

static const struct named_value poll_events[] = {
	N("POLLIN", 0x1), N("POLLPRI", 0x2), N("POLLOUT", 0x4),
	N("POLLERR", 0x8), N("POLLHUP", 0x10), N("POLLNVAL", 0x20),
	N("POLLRDNORM", 0x40), N("POLLRDBAND", 0x80), N("POLLWRNORM", 0x100),
	N("POLLWRBAND", 0x200), N("POLLMSG", 0x400), N("POLLREMOVE", 0x1000),
	N("POLLRDHUP", 0x2000),
};

/* strace's names for file system magic numbers (the ones seen in practice;
 * others print in hex). */
static const struct named_value fs_magics[] = {
	N("EXT2_SUPER_MAGIC", 0xef53), N("TMPFS_MAGIC", 0x01021994),
	N("PROC_SUPER_MAGIC", 0x9fa0), N("SYSFS_MAGIC", 0x62656572),
	N("DEVPTS_SUPER_MAGIC", 0x1cd1), N("OVERLAYFS_SUPER_MAGIC", 0x794c7630),
	N("BTRFS_SUPER_MAGIC", 0x9123683e), N("XFS_SUPER_MAGIC", 0x58465342),
	N("CGROUP2_SUPER_MAGIC", 0x63677270), N("CGROUP_SUPER_MAGIC", 0x27e0eb),
	N("NFS_SUPER_MAGIC", 0x6969), N("V9FS_MAGIC", 0x01021997),
	N("FUSE_SUPER_MAGIC", 0x65735546), N("SQUASHFS_MAGIC", 0x73717368),
	N("RAMFS_MAGIC", 0x858458f6), N("DEBUGFS_MAGIC", 0x64626720),
	N("SECURITYFS_MAGIC", 0x73636673), N("BPF_FS_MAGIC", 0xcafe4a11),
	N("MQUEUE_MAGIC", 0x19800202), N("HUGETLBFS_MAGIC", 0x958458f6),
	N("SELINUX_MAGIC", 0xf97cff8c), N("TRACEFS_MAGIC", 0x74726163),
	N("PIPEFS_MAGIC", 0x50495045), N("SOCKFS_MAGIC", 0x534f434b),
	N("ANON_INODE_FS_MAGIC", 0x09041934), N("EFIVARFS_MAGIC", 0xde5e81e4),
	N("MSDOS_SUPER_MAGIC", 0x4d44), N("ISOFS_SUPER_MAGIC", 0x9660),
	N("NSFS_MAGIC", 0x6e736673), N("F2FS_SUPER_MAGIC", 0xf2f52010),
};

static const struct named_value statfs_flags[] = {
	N("ST_RDONLY", 0x1), N("ST_NOSUID", 0x2), N("ST_NODEV", 0x4),
	N("ST_NOEXEC", 0x8), N("ST_SYNCHRONOUS", 0x10), N("ST_VALID", 0x20),
	N("ST_MANDLOCK", 0x40), N("ST_WRITE", 0x80), N("ST_APPEND", 0x100),
	N("ST_IMMUTABLE", 0x200), N("ST_NOATIME", 0x400),
	N("ST_NODIRATIME", 0x800), N("ST_RELATIME", 0x1000),
	N("ST_NOSYMFOLLOW", 0x2000),
};

static const struct named_value epoll_ctl_ops[] = {
	N("EPOLL_CTL_ADD", 1), N("EPOLL_CTL_DEL", 2), N("EPOLL_CTL_MOD", 3),
};

static const struct named_value epoll_events[] = {
	N("EPOLLIN", 0x1), N("EPOLLPRI", 0x2), N("EPOLLOUT", 0x4),
	N("EPOLLERR", 0x8), N("EPOLLHUP", 0x10), N("EPOLLNVAL", 0x20),
	N("EPOLLRDNORM", 0x40), N("EPOLLRDBAND", 0x80),
	N("EPOLLWRNORM", 0x100), N("EPOLLWRBAND", 0x200),
	N("EPOLLMSG", 0x400), N("EPOLLRDHUP", 0x2000),
	N("EPOLLEXCLUSIVE", 1u << 28), N("EPOLLWAKEUP", 1u << 29),
	N("EPOLLONESHOT", 1u << 30), N("EPOLLET", 1u << 31),
};

static const struct named_value signal_names[] = {
	N("SIGHUP", 1), N("SIGINT", 2), N("SIGQUIT", 3), N("SIGILL", 4),
	N("SIGTRAP", 5), N("SIGABRT", 6), N("SIGBUS", 7), N("SIGFPE", 8),
	N("SIGKILL", 9), N("SIGUSR1", 10), N("SIGSEGV", 11), N("SIGUSR2", 12),
	N("SIGPIPE", 13), N("SIGALRM", 14), N("SIGTERM", 15),
	N("SIGSTKFLT", 16), N("SIGCHLD", 17), N("SIGCONT", 18),
	N("SIGSTOP", 19), N("SIGTSTP", 20), N("SIGTTIN", 21), N("SIGTTOU", 22),
	N("SIGURG", 23), N("SIGXCPU", 24), N("SIGXFSZ", 25),
	N("SIGVTALRM", 26), N("SIGPROF", 27), N("SIGWINCH", 28), N("SIGIO", 29),
	N("SIGPWR", 30), N("SIGSYS", 31),
};

/* Names exactly as strace 6.1 prints them, "A or B" where two share a value. */
static const struct named_value ioctl_names[] = {
	N("FIBMAP", 0x1), N("FIGETBSZ", 0x2),
	N("TCGETS", 0x5401), N("SNDCTL_TMR_START or TCSETS", 0x5402),
	N("SNDCTL_TMR_STOP or TCSETSW", 0x5403),
	N("SNDCTL_TMR_CONTINUE or TCSETSF", 0x5404), N("TCGETA", 0x5405),
	N("TCSETA", 0x5406), N("TCSETAW", 0x5407), N("TCSETAF", 0x5408),
	N("TCSBRK", 0x5409), N("TCXONC", 0x540a), N("TCFLSH", 0x540b),
	N("TIOCEXCL", 0x540c), N("TIOCNXCL", 0x540d), N("TIOCSCTTY", 0x540e),
	N("TIOCGPGRP", 0x540f), N("TIOCSPGRP", 0x5410), N("TIOCOUTQ", 0x5411),
	N("TIOCSTI", 0x5412), N("TIOCGWINSZ", 0x5413), N("TIOCSWINSZ", 0x5414),
	N("TIOCMGET", 0x5415), N("TIOCMBIS", 0x5416), N("TIOCMBIC", 0x5417),
	N("TIOCMSET", 0x5418), N("TIOCGSOFTCAR", 0x5419),
	N("TIOCSSOFTCAR", 0x541a), N("FIONREAD", 0x541b),
	N("TIOCLINUX", 0x541c), N("TIOCCONS", 0x541d),
	N("TIOCGSERIAL", 0x541e), N("TIOCSSERIAL", 0x541f),
	N("TIOCPKT", 0x5420), N("FIONBIO", 0x5421), N("TIOCNOTTY", 0x5422),
	N("TIOCSETD", 0x5423), N("TIOCGETD", 0x5424), N("TCSBRKP", 0x5425),
	N("TIOCSBRK", 0x5427), N("TIOCCBRK", 0x5428), N("TIOCGSID", 0x5429),
	N("TIOCGRS485", 0x542e), N("TIOCSRS485", 0x542f),
	N("TCGETX", 0x5432), N("TCSETX", 0x5433), N("TCSETXF", 0x5434),
	N("TCSETXW", 0x5435), N("TIOCVHANGUP", 0x5437),
	N("TIOCGPTPEER", 0x5441), N("FIONCLEX", 0x5450), N("FIOCLEX", 0x5451),
	N("FIOASYNC", 0x5452), N("TIOCSERCONFIG", 0x5453),
	N("TIOCSERGWILD", 0x5454), N("TIOCSERSWILD", 0x5455),
	N("TIOCGLCKTRMIOS", 0x5456), N("TIOCSLCKTRMIOS", 0x5457),
	N("TIOCSERGSTRUCT", 0x5458), N("TIOCSERGETLSR", 0x5459),
	N("TIOCSERGETMULTI", 0x545a), N("TIOCSERSETMULTI", 0x545b),
	N("TIOCMIWAIT", 0x545c), N("TIOCGICOUNT", 0x545d),
	N("FIOQSIZE", 0x5460), N("TCGETS2", 0x802c542a),
	N("TCSETS2", 0x402c542b), N("TCSETSW2", 0x402c542c),
	N("TCSETSF2", 0x402c542d), N("TIOCGPTN", 0x80045430),
	N("TIOCSPTLCK", 0x40045431), N("TIOCGDEV", 0x80045432),
	N("TIOCSIG", 0x40045436), N("TIOCGPKT", 0x80045438),
	N("TIOCGPTLCK", 0x80045439), N("TIOCGEXCL", 0x80045440),
	N("FS_IOC_GETFLAGS", 0x80086601), N("FS_IOC_SETFLAGS", 0x40086602),
	N("FS_IOC_GETVERSION", 0x80087601), N("FS_IOC_SETVERSION", 0x40087602),
	N("BTRFS_IOC_CLONE or FICLONE", 0x40049409),
	N("BLKGETSIZE64", 0x80081272), N("BLKSSZGET", 0x1268),
	N("BLKGETSIZE", 0x1260), N("SIOCGIFCONF", 0x8912),
	N("SIOCGIFFLAGS", 0x8913), N("SIOCGIFINDEX", 0x8933),
	N("SIOCGIFNAME", 0x8910), N("SIOCGIFHWADDR", 0x8927),
};

static const struct named_value ip_protocols[] = {
	N("IPPROTO_IP", 0), N("IPPROTO_ICMP", 1), N("IPPROTO_IGMP", 2),
	N("IPPROTO_IPIP", 4), N("IPPROTO_TCP", 6), N("IPPROTO_EGP", 8),
	N("IPPROTO_PUP", 12), N("IPPROTO_UDP", 17), N("IPPROTO_IDP", 22),
	N("IPPROTO_TP", 29), N("IPPROTO_DCCP", 33), N("IPPROTO_IPV6", 41),
	N("IPPROTO_RSVP", 46), N("IPPROTO_GRE", 47), N("IPPROTO_ESP", 50),
	N("IPPROTO_AH", 51), N("IPPROTO_ICMPV6", 58), N("IPPROTO_MTP", 92),
	N("IPPROTO_BEETPH", 94), N("IPPROTO_ENCAP", 98), N("IPPROTO_PIM", 103),
	N("IPPROTO_COMP", 108), N("IPPROTO_L2TP", 115), N("IPPROTO_SCTP", 132),
	N("IPPROTO_UDPLITE", 136), N("IPPROTO_MPLS", 137),
	N("IPPROTO_ETHERNET", 143), N("IPPROTO_RAW", 255),
	N("IPPROTO_MPTCP", 262),
};

static const struct named_value sockopt_levels[] = {
	N("SOL_IP", 0), N("SOL_SOCKET", 1), N("SOL_TCP", 6), N("SOL_UDP", 17),
	N("SOL_IPV6", 41), N("SOL_ICMPV6", 58), N("SOL_RAW", 255),
	N("SOL_NETLINK", 270),
};

static const struct named_value so_options[] = {
	N("SO_DEBUG", 1), N("SO_REUSEADDR", 2), N("SO_TYPE", 3),
	N("SO_ERROR", 4), N("SO_DONTROUTE", 5), N("SO_BROADCAST", 6),
	N("SO_SNDBUF", 7), N("SO_RCVBUF", 8), N("SO_KEEPALIVE", 9),
	N("SO_OOBINLINE", 10), N("SO_NO_CHECK", 11), N("SO_PRIORITY", 12),
	N("SO_LINGER", 13), N("SO_BSDCOMPAT", 14), N("SO_REUSEPORT", 15),
	N("SO_PASSCRED", 16), N("SO_PEERCRED", 17), N("SO_RCVLOWAT", 18),
	N("SO_SNDLOWAT", 19), N("SO_RCVTIMEO_OLD", 20),
	N("SO_SNDTIMEO_OLD", 21), N("SO_SNDBUFFORCE", 32),
	N("SO_RCVBUFFORCE", 33), N("SO_PROTOCOL", 38), N("SO_DOMAIN", 39),
};

static const struct named_value prio_which[] = {
	N("PRIO_PROCESS", 0), N("PRIO_PGRP", 1), N("PRIO_USER", 2),
};

static const struct named_value itimer_which[] = {
	N("ITIMER_REAL", 0), N("ITIMER_VIRTUAL", 1), N("ITIMER_PROF", 2),
};

static const struct named_value sched_policies[] = {
	N("SCHED_OTHER", 0), N("SCHED_FIFO", 1), N("SCHED_RR", 2),
	N("SCHED_BATCH", 3), N("SCHED_ISO", 4), N("SCHED_IDLE", 5),
	N("SCHED_DEADLINE", 6),
};

static const struct named_value membarrier_cmds[] = {
	N("MEMBARRIER_CMD_QUERY", 0), N("MEMBARRIER_CMD_GLOBAL", 1),
	N("MEMBARRIER_CMD_GLOBAL_EXPEDITED", 2),
	N("MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED", 4),
	N("MEMBARRIER_CMD_PRIVATE_EXPEDITED", 8),
	N("MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED", 16),
	N("MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE", 32),
	N("MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE", 64),
	N("MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ", 128),
	N("MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ", 256),
};

static const struct named_value xattr_flags[] = {
	N("XATTR_CREATE", 1), N("XATTR_REPLACE", 2),
};

static const struct named_value termios_iflags[] = {
	N("IGNBRK", 01), N("BRKINT", 02), N("IGNPAR", 04), N("PARMRK", 010),
	N("INPCK", 020), N("ISTRIP", 040), N("INLCR", 0100), N("IGNCR", 0200),
	N("ICRNL", 0400), N("IUCLC", 01000), N("IXON", 02000),
	N("IXANY", 04000), N("IXOFF", 010000), N("IMAXBEL", 020000),
	N("IUTF8", 040000),
};

static const struct named_value termios_oflags[] = {
	N("OPOST", 01), N("OLCUC", 02), N("ONLCR", 04), N("OCRNL", 010),
	N("ONOCR", 020), N("ONLRET", 040), N("OFILL", 0100), N("OFDEL", 0200),
};

static const struct named_value termios_cflags[] = {
	N("CSTOPB", 0100), N("CREAD", 0200), N("PARENB", 0400),
	N("PARODD", 01000), N("HUPCL", 02000), N("CLOCAL", 04000),
	N("CMSPAR", 010000000000), N("CRTSCTS", 020000000000),
};

static const struct named_value termios_lflags[] = {
	N("ISIG", 01), N("ICANON", 02), N("XCASE", 04), N("ECHO", 010),
	N("ECHOE", 020), N("ECHOK", 040), N("ECHONL", 0100), N("NOFLSH", 0200),
	N("IEXTEN", 0100000), N("ECHOCTL", 01000), N("ECHOPRT", 02000),
	N("ECHOKE", 04000), N("FLUSHO", 010000), N("PENDIN", 040000),
	N("TOSTOP", 0400), N("EXTPROC", 0200000),
};

static const struct named_value baud_rates[] = {
	N("B0", 0), N("B50", 1), N("B75", 2), N("B110", 3), N("B134", 4),
	N("B150", 5), N("B200", 6), N("B300", 7), N("B600", 8), N("B1200", 9),
	N("B1800", 10), N("B2400", 11), N("B4800", 12), N("B9600", 13),
	N("B19200", 14), N("B38400", 15), N("BOTHER", 0x1000),
	N("B57600", 0x1001), N("B115200", 0x1002), N("B230400", 0x1003),
	N("B460800", 0x1004), N("B500000", 0x1005), N("B576000", 0x1006),
	N("B921600", 0x1007), N("B1000000", 0x1008), N("B1152000", 0x1009),
	N("B1500000", 0x100a), N("B2000000", 0x100b), N("B2500000", 0x100c),
	N("B3000000", 0x100d), N("B3500000", 0x100e), N("B4000000", 0x100f),
};

static const struct named_value timer_flags[] = {
	N("TIMER_ABSTIME", 1),
};

static const struct named_value rusage_who[] = {
	N("RUSAGE_SELF", 0), N("RUSAGE_CHILDREN", (uint64_t)-1),
	N("RUSAGE_THREAD", 1),
};

static const struct named_value stat_mode_types[] = {
	N("S_IFREG", 0100000), N("S_IFSOCK", 0140000), N("S_IFIFO", 010000),
	N("S_IFLNK", 0120000), N("S_IFDIR", 040000), N("S_IFBLK", 060000),
	N("S_IFCHR", 020000),
};

static const struct named_value dirent_types[] = {
	N("DT_UNKNOWN", 0), N("DT_FIFO", 1), N("DT_CHR", 2), N("DT_DIR", 4),
	N("DT_BLK", 6), N("DT_REG", 8), N("DT_LNK", 10), N("DT_SOCK", 12),
	N("DT_WHT", 14),
};

static const struct named_value rseq_flags[] = {
	N("RSEQ_FLAG_UNREGISTER", 1),
};

static const struct named_value personality_types[] = {
	N("PER_LINUX", 0),
};

/* strace 6.1's x86_xfeatures, in its order (the composite masks first). */
static const struct named_value xfeature_masks[] = {
	N("XFEATURE_MASK_FPSSE", 0x3), N("XFEATURE_MASK_FP", 0x1),
	N("XFEATURE_MASK_SSE", 0x2), N("XFEATURE_MASK_YMM", 0x4),
	N("XFEATURE_MASK_BNDREGS", 0x8), N("XFEATURE_MASK_BNDCSR", 0x10),
	N("XFEATURE_MASK_AVX512", 0xe0), N("XFEATURE_MASK_OPMASK", 0x20),
	N("XFEATURE_MASK_ZMM_Hi256", 0x40), N("XFEATURE_MASK_Hi16_ZMM", 0x80),
	N("XFEATURE_MASK_PT", 0x100), N("XFEATURE_MASK_PKRU", 0x200),
	N("XFEATURE_MASK_PASID", 0x400), N("XFEATURE_MASK_LBR", 0x8000),
	N("XFEATURE_MASK_XTILE", 0x60000), N("XFEATURE_MASK_XTILE_CFG", 0x20000),
	N("XFEATURE_MASK_XTILE_DATA", 0x40000),
};

static const struct named_value xfeature_bits[] = {
	N("XFEATURE_FP", 0), N("XFEATURE_SSE", 1), N("XFEATURE_YMM", 2),
	N("XFEATURE_BNDREGS", 3), N("XFEATURE_BNDCSR", 4),
	N("XFEATURE_OPMASK", 5), N("XFEATURE_ZMM_Hi256", 6),
	N("XFEATURE_Hi16_ZMM", 7), N("XFEATURE_PT_UNIMPLEMENTED_SO_FAR", 8),
	N("XFEATURE_PKRU", 9), N("XFEATURE_PASID", 10), N("XFEATURE_LBR", 15),
	N("XFEATURE_XTILE_CFG", 17), N("XFEATURE_XTILE_DATA", 18),
};

static const struct named_value delete_module_flags[] = {
	N("O_NONBLOCK", 04000), N("O_TRUNC", 01000),
};

static const struct named_value memfd_secret_flags[] = {
	N("O_CLOEXEC", 02000000),
};

static const struct value_table tables[VT_COUNT] = {
	TABLE(VT_OPEN_FLAGS, open_flags, "O_???"),
	TABLE(VT_AT_FLAGS, at_flags, "AT_???"),
	TABLE(VT_FACCESSAT_FLAGS, faccessat_flags, "AT_???"),
	TABLE(VT_PROT, prot_flags, "PROT_???"),
	TABLE(VT_MAP_FLAGS, map_flags, "MAP_???"),
	TABLE(VT_MAP_TYPE, map_type, "MAP_???"),
	TABLE(VT_CLONE_FLAGS, clone_flags, "CLONE_???"),
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
	TABLE(VT_ARCH_PRCTL, arch_prctl_codes, "ARCH_???"),
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
	TABLE(VT_MFD_FLAGS, mfd_flags, "MFD_???"),
	TABLE(VT_CLOSE_RANGE_FLAGS, close_range_flags, "CLOSE_RANGE_???"),
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
	TABLE(VT_SO_OPTION, so_options, "SO_???"),
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
	TABLE(VT_RUSAGE_WHO, rusage_who, "RUSAGE_???"),
	TABLE(VT_STAT_MODE_TYPE, stat_mode_types, "S_IF???"),
	TABLE(VT_DIRENT_TYPE, dirent_types, "DT_???"),
	TABLE(VT_RSEQ_FLAGS, rseq_flags, "RSEQ_FLAG_???"),
	TABLE(VT_PERSONALITY, personality_types, "PER_???"),
	TABLE(VT_XFEATURE_MASKS, xfeature_masks, "XFEATURE_MASK_???"),
	TABLE(VT_XFEATURE_BITS, xfeature_bits, "XFEATURE_???"),
	TABLE(VT_DELETE_MODULE_FLAGS, delete_module_flags, "O_???"),
	TABLE(VT_MEMFD_SECRET_FLAGS, memfd_secret_flags, ""),
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

void print_flags(struct text_buffer *tb, const struct value_table *t,
		 uint64_t value)
{
	if (value == 0) {
		const char *zero = value_table_name(t, 0);
		tb_str(tb, zero ? zero : "0");
		return;
	}
	int printed = 0;
	uint64_t left = print_flag_names(tb, t, value, &printed);
	if (!printed) {
		tb_hex(tb, value);
		print_unknown_comment(tb, t);
		return;
	}
	if (left) {
		tb_char(tb, '|');
		tb_hex(tb, left);
	}
}

void print_enum(struct text_buffer *tb, const struct value_table *t,
		uint64_t value)
{
	const char *name = value_table_name(t, value);
	if (name) {
		tb_str(tb, name);
		return;
	}
	tb_hex(tb, value);
	print_unknown_comment(tb, t);
}

void print_flags_verbose(struct text_buffer *tb, const struct value_table *t,
			 uint64_t value)
{
	tb_hex(tb, value);
	if (!value)
		return;
	tb_str(tb, " /* ");
	int printed = 0;
	uint64_t left = print_flag_names(tb, t, value, &printed);
	if (!printed) {
		tb_str(tb, t->unknown);
	} else if (left) {
		tb_char(tb, '|');
		tb_hex(tb, left);
	}
	tb_str(tb, " */");
}

void print_enum_verbose(struct text_buffer *tb, const struct value_table *t,
			uint64_t value)
{
	const char *name = value_table_name(t, value);
	tb_hex(tb, value);
	tb_str(tb, " /* ");
	tb_str(tb, name ? name : t->unknown);
	tb_str(tb, " */");
}

void print_enum_dec(struct text_buffer *tb, const struct value_table *t,
		    long long value)
{
	const char *name = value_table_name(t, (uint64_t)value);
	if (name)
		tb_str(tb, name);
	else
		tb_dec(tb, value);
}
