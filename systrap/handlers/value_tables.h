/* value_tables: constant names as data, and the two ways strace prints them.
 *
 * Why: strace decodes every flag word and enumeration through "xlat" tables,
 * arrays of {value, name}. Keeping them as plain arrays makes the order in
 * which names are printed (strace's order, checked against strace 6.1) a
 * property of the data, and lets other tools (filters, footprints) reuse the
 * names. Printing rules:
 *  - flags: names of matching entries joined by '|', in table order, each
 *    match removing its bits; leftover bits as hex; no match at all gives
 *    the hex value followed by a PREFIX_??? comment (none where the table's
 *    unknown is "", as memfd_secret's); zero gives the zero entry's name
 *    or "0".
 *  - enumeration: the name, or the hex value and a PREFIX_??? comment.
 *
 * Every printer here follows the buffer's style (tb->style, strace's -X):
 * abbrev (the default) prints names as above; raw prints the number alone
 * (flags and enumerations in hex, signals and descriptors in decimal, as
 * strace's tables say), with no ??? comment; verbose prints the number,
 * then the names in a C comment (0x80000, then O_RDONLY|O_CLOEXEC in one).
 * Decoders that print a name of their own (AT_FDCWD, SIG_IGN, a composite
 * word such as open's flags) go through print_named_value or
 * const_names_begin/const_names_end, so no name reaches the output
 * without the style.
 */
#ifndef SYSTRAP_HANDLERS_VALUE_TABLES_H
#define SYSTRAP_HANDLERS_VALUE_TABLES_H

#include <stdint.h>

#include "systrap/handlers/text_buffer.h"

#ifdef __cplusplus
extern "C" {
#endif

/* strace's -X / --const-print-style. */
enum const_style {
	CONST_STYLE_ABBREV = 0,
	CONST_STYLE_RAW = 1,
	CONST_STYLE_VERBOSE = 2,
};

/* How a constant's number is written: strace's XLAT_STYLE_FMT_*. */
enum const_format {
	CONST_HEX = 0,  /* 0x80000; 0 as "0" */
	CONST_DEC = 1,  /* signed: -100 */
	CONST_UDEC = 2,
	CONST_OCT = 3,  /* %#03o: 0100644, 000; file modes */
};

/* The name is held in the entry, not pointed to: a table of pointers is
 * relocated by the loader at every start, which copies each of its pages
 * (4,619 of an image's 10,101 relocations were these tables'); held in
 * place, the tables are read-only pages of the file, shared and touched
 * only when read. NAMED_VALUE_MAX bytes hold the longest name with its
 * NUL (named_value_length_test checks every table). */
#define NAMED_VALUE_MAX 56
struct named_value {
	uint64_t value;
	char name[NAMED_VALUE_MAX];
};

/* 0, or a compile error where the string literal s and its NUL do not fit
 * in n bytes: C accepts an initializer that fills a char array with no
 * room left for the NUL, without a word. For rows whose names are made by
 * a macro (#req). */
#define NAME_FITS(s, n) (0 * sizeof(char[sizeof(s) <= (n) ? 1 : -1]))

struct value_table {
	const struct named_value *entries;
	unsigned count;
	const char *unknown; /* "O_???": what strace prints for unknown values */
};
/* A value_table of a named_value array, its count taken from the array. */
#define VALUE_TABLE(names, unknown) \
	{ names, sizeof names / sizeof *names, unknown }

/* Identifiers used by the syscall signature table (syscall_table.h). */
enum value_table_id {
	VT_NONE = 0,
	VT_OPEN_FLAGS,      /* O_* except the access mode */
	VT_AT_FLAGS,        /* AT_SYMLINK_NOFOLLOW ... */
	VT_FACCESSAT_FLAGS, /* AT_SYMLINK_NOFOLLOW|AT_EACCESS|AT_EMPTY_PATH */
	VT_PROT,
	VT_MAP_FLAGS,       /* without the MAP_TYPE bits */
	VT_MAP_TYPE,
	VT_CLONE_FLAGS,
	VT_UNSHARE_FLAGS,
	VT_SETNS_TYPES,
	VT_MSG_FLAGS,
	VT_SOCK_TYPE,
	VT_SOCK_FLAGS,
	VT_ADDRESS_FAMILY,
	VT_FCNTL_CMD,
	VT_FD_FLAGS,
	VT_MADVISE,
	VT_FUTEX_OP,
	VT_WAIT_OPTIONS,
	VT_WAITID_IDTYPE,   /* P_ALL, P_PID, P_PGID, P_PIDFD */
	VT_SA_FLAGS,
	VT_SIGPROCMASK_HOW,
	VT_ACCESS_MODE,
	VT_SEEK_WHENCE,
	VT_CLOCK_ID,
	VT_RLIMIT,
	VT_ARCH_PRCTL,
	VT_PRCTL_OPTION,
	VT_GRND_FLAGS,
	VT_STATX_MASK,
	VT_STATX_ATTRS,
	VT_STATX_SYNC,
	VT_MREMAP_FLAGS,
	VT_MSYNC_FLAGS,
	VT_MLOCK_FLAGS,
	VT_MCL_FLAGS,
	VT_EFD_FLAGS,
	VT_EPOLL_CREATE_FLAGS,
	VT_INOTIFY_INIT_FLAGS,
	VT_TFD_CREATE_FLAGS,
	VT_SFD_FLAGS,
	VT_MFD_FLAGS,
	VT_CLOSE_RANGE_FLAGS,
	VT_PIDFD_OPEN_FLAGS,
	VT_RENAME_FLAGS,
	VT_UMOUNT_FLAGS,
	VT_FADVISE,
	VT_FLOCK,
	VT_SHUTDOWN,
	VT_POLL_EVENTS,
	VT_EPOLL_CTL_OP,
	VT_EPOLL_EVENTS,
	VT_SIGNAL,          /* SIGHUP ... (numbers print as decimal when unknown) */
	VT_IOCTL,
	VT_IPPROTO,
	VT_SOCKOPT_LEVEL,   /* a control message's level: SOL_SOCKET ... */
	VT_SOCKOPT_LEVEL_ARG, /* [gs]etsockopt's: the same names */
	VT_SO_OPTION,       /* SOL_SOCKET's option names */
	VT_SOL_IP_OPTION,   /* SOL_IP's: IP_TOS ... */
	VT_SOL_TCP_OPTION,
	VT_SOL_UDP_OPTION,
	VT_SOL_IPV6_OPTION,
	VT_SOL_RAW_OPTION,
	VT_SOL_NETLINK_OPTION,
	VT_SOL_PACKET_OPTION, /* PACKET_ADD_MEMBERSHIP ... */
	VT_PACKET_MR_TYPE,  /* struct packet_mreq's PACKET_MR_* */
	VT_INOTIFY_MASK,    /* inotify_add_watch's IN_* */
	VT_F_SEALS,         /* F_SEAL_* */
	VT_CAP_VERSION,     /* _LINUX_CAPABILITY_VERSION_* */
	VT_CAP_MASK0,       /* a capability set's low word: 1<<CAP_CHOWN ... */
	VT_CAP_MASK1,       /* its high word: 1<<CAP_MAC_OVERRIDE ... */
	VT_IFF_FLAGS,       /* struct ifreq's ifr_flags: IFF_UP ... */
	VT_URING_SETUP_FLAGS, /* struct io_uring_params' flags */
	VT_URING_FEATURES,  /* its features: IORING_FEAT_* */
	VT_PRIO_WHICH,
	VT_ITIMER_WHICH,
	VT_SCHED_POLICY,
	VT_MEMBARRIER_CMD,
	VT_XATTR_FLAGS,
	VT_TERMIOS_IFLAG,
	VT_TERMIOS_OFLAG,
	VT_TERMIOS_CFLAG,
	VT_TERMIOS_LFLAG,
	VT_BAUD,
	VT_TIMER_FLAGS,     /* TIMER_ABSTIME */
	VT_SIGEV_NOTIFY,    /* SIGEV_SIGNAL ... (struct sigevent) */
	VT_NETLINK_PROTOCOL, /* NETLINK_ROUTE ... (socket's protocol) */
	VT_RUSAGE_WHO,
	VT_STAT_MODE_TYPE,  /* S_IFREG ... */
	VT_DIRENT_TYPE,
	VT_RSEQ_FLAGS,
	VT_PERSONALITY,
	VT_FS_MAGIC,        /* statfs f_type */
	VT_STATFS_FLAGS,    /* statfs f_flags: ST_* */
	VT_XFEATURE_MASKS,  /* arch_prctl's XSAVE feature masks */
	VT_XFEATURE_BITS,   /* arch_prctl's XSAVE feature numbers */
	VT_DELETE_MODULE_FLAGS, /* O_NONBLOCK|O_TRUNC */
	VT_MEMFD_SECRET_FLAGS,  /* O_CLOEXEC; unknown bits with no comment */
	VT_SPLICE_FLAGS,    /* splice, tee, vmsplice: SPLICE_F_* */
	VT_SHMAT_FLAGS,     /* SHM_RDONLY ... */
	VT_FALLOC_FLAGS,    /* fallocate's mode: FALLOC_FL_* */
	VT_IPC_KEY,         /* IPC_PRIVATE; other keys in hex, no comment */
	VT_IPC_RESOURCE_FLAGS, /* msgget, semget: IPC_CREAT ... */
	VT_SHM_RESOURCE_FLAGS, /* shmget: IPC_CREAT ... SHM_NORESERVE */
	VT_IPC_MSG_FLAGS,   /* msgsnd, msgrcv: MSG_NOERROR ... IPC_NOWAIT */
	VT_SEMOP_FLAGS,     /* struct sembuf's sem_flg */
	VT_MSGCTL_CMD,
	VT_SEMCTL_CMD,
	VT_SHMCTL_CMD,
	VT_QUOTA_CMD,       /* quotactl's command, QCMD's first part */
	VT_QUOTA_TYPE,      /* USRQUOTA ... */
	VT_QUOTA_FORMAT,    /* QFMT_VFS_OLD ... */
	VT_DQBLK_VALID,     /* struct if_dqblk's dqb_valid: QIF_* */
	VT_DQINFO_FLAGS,    /* struct if_dqinfo's dqi_flags: DQF_* */
	VT_DQINFO_VALID,    /* its dqi_valid: IIF_* */
	VT_XFS_QUOTA_FLAGS, /* FS_QUOTA_UDQ_ACCT ... */
	VT_XFS_DQBLK_FLAGS, /* FS_USER_QUOTA ... */
	VT_PTRACE_REQUEST,
	VT_PTRACE_OPTIONS,  /* PTRACE_O_* */
	VT_PTRACE_PEEKSIGINFO_FLAGS,
	VT_PTRACE_SYSCALL_INFO_OP,
	VT_NT_TYPE,         /* ELF note types: PTRACE_GETREGSET's regsets */
	VT_SECCOMP_FILTER_FLAGS,
	VT_AUDIT_ARCH,      /* AUDIT_ARCH_X86_64 ... */
	VT_BPF_CLASS,       /* a classic BPF instruction's parts: BPF_LD ... */
	VT_BPF_SIZE,
	VT_BPF_MODE,
	VT_BPF_MISCOP,
	VT_BPF_SRC,
	VT_BPF_OP_ALU,
	VT_BPF_OP_JMP,
	VT_BPF_RVAL,
	VT_SECCOMP_RET_ACTION, /* a seccomp filter's return: SECCOMP_RET_* */
	VT_RWF_FLAGS,       /* preadv2's, pwritev2's RWF_* */
	VT_MOUNT_FLAGS,     /* mount's MS_* (64-bit, without MS_MGC_VAL) */
	VT_PERSONALITY_FLAGS, /* UNAME26 ... (the persona's high bits) */
	VT_MEMBARRIER_FLAGS, /* MEMBARRIER_CMD_FLAG_CPU */
	VT_IOPRIO_WHO,      /* IOPRIO_WHO_PROCESS ... */
	VT_IOPRIO_CLASS,    /* IOPRIO_CLASS_NONE ... */
	VT_KEYCTL_CMD,      /* KEYCTL_GET_KEYRING_ID ... */
	VT_KEY_SPEC,        /* KEY_SPEC_THREAD_KEYRING (-1) ...: signed */
	VT_KEY_PERMS,       /* KEY_POS_VIEW ... */
	VT_KEY_REQKEY,      /* KEY_REQKEY_DEFL_NO_CHANGE (-1) ...: signed */
	VT_KEYCTL_MOVE_FLAGS, /* KEYCTL_MOVE_EXCL */
	VT_MPOL_MODE,       /* MPOL_DEFAULT ... */
	VT_MPOL_MODE_FLAGS, /* MPOL_F_STATIC_NODES ... */
	VT_MBIND_FLAGS,     /* MPOL_MF_STRICT ... */
	VT_GET_MEMPOLICY_FLAGS, /* MPOL_F_NODE ... */
	VT_REBOOT_MAGIC1,   /* LINUX_REBOOT_MAGIC1 */
	VT_REBOOT_MAGIC2,   /* LINUX_REBOOT_MAGIC2, 2A, 2B, 2C */
	VT_REBOOT_CMD,      /* LINUX_REBOOT_CMD_* */
	VT_PKEY_ACCESS,     /* PKEY_DISABLE_ACCESS ... (pkey_alloc) */
	VT_DNOTIFY_FLAGS,   /* DN_ACCESS ... (fcntl F_NOTIFY) */
	VT_ETHERNET_PROTOCOL, /* ETH_P_ALL ... (AF_PACKET's, in htons()) */
	VT_BLUETOOTH_PROTOCOL, /* BTPROTO_L2CAP ... */
	VT_FAN_CLASS,       /* FAN_CLASS_NOTIF ... (fanotify_init) */
	VT_FAN_INIT_FLAGS,  /* FAN_CLOEXEC ... */
	VT_FAN_MARK_FLAGS,  /* FAN_MARK_ADD ... */
	VT_FAN_EVENTS,      /* FAN_ACCESS ... (fanotify_mark's mask) */
	VT_IORING_ENTER_FLAGS, /* IORING_ENTER_GETEVENTS ... */
	VT_IORING_REGISTER_OP, /* IORING_REGISTER_BUFFERS ... */
	VT_OPEN_TREE_FLAGS, /* OPEN_TREE_CLONE ... */
	VT_FSOPEN_FLAGS,    /* FSOPEN_CLOEXEC */
	VT_FSPICK_FLAGS,    /* FSPICK_CLOEXEC ... */
	VT_FSCONFIG_CMD,    /* FSCONFIG_SET_FLAG ... */
	VT_SCHED_ATTR_FLAGS, /* SCHED_FLAG_RESET_ON_FORK ... */
	VT_LANDLOCK_ACCESS_FS, /* LANDLOCK_ACCESS_FS_EXECUTE ... (64 bits) */
	VT_LANDLOCK_CREATE_FLAGS, /* LANDLOCK_CREATE_RULESET_VERSION */
	VT_LANDLOCK_RULE_TYPE, /* LANDLOCK_RULE_PATH_BENEATH */
	VT_FUTEX_WAITER_FLAGS, /* struct futex_waitv's: FUTEX_32 ... */
	VT_PACKET_TYPE,     /* sockaddr_ll's PACKET_HOST ... */
	VT_BPF_CMD,         /* bpf(2)'s commands: BPF_MAP_CREATE ... */
	VT_BPF_MAP_TYPE,    /* BPF_MAP_TYPE_HASH ... */
	VT_BPF_PROG_TYPE,   /* BPF_PROG_TYPE_SOCKET_FILTER ... */
	VT_BPF_ATTACH_TYPE, /* BPF_CGROUP_INET_INGRESS ... */
	VT_BPF_MAP_FLAGS,   /* BPF_F_NO_PREALLOC ... */
	VT_BPF_PROG_FLAGS,  /* BPF_F_STRICT_ALIGNMENT ... */
	VT_BPF_FILE_MODE_FLAGS, /* BPF_F_RDONLY, BPF_F_WRONLY */
	VT_BPF_LOOKUP_FLAGS, /* BPF_ANY, BPF_F_LOCK */
	VT_BPF_UPDATE_FLAGS, /* BPF_ANY, BPF_NOEXIST, BPF_EXIST, BPF_F_LOCK */
	VT_BPF_ATTACH_FLAGS, /* BPF_F_ALLOW_OVERRIDE ... */
	VT_BPF_TEST_RUN_FLAGS, /* BPF_F_TEST_RUN_ON_CPU ... */
	VT_BPF_QUERY_FLAGS, /* BPF_F_QUERY_EFFECTIVE */
	VT_BPF_TASK_FD_TYPE, /* BPF_FD_TYPE_RAW_TRACEPOINT ... */
	VT_BPF_KPROBE_MULTI_FLAGS, /* BPF_F_KPROBE_MULTI_RETURN */
	VT_EBPF_CLASS,      /* an eBPF instruction's class: ... BPF_ALU64 */
	VT_EBPF_MODE,       /* its mode: BPF_IMM ... BPF_XADD */
	VT_EBPF_REG,        /* BPF_REG_0 ... BPF_REG_10 */
	VT_URING_OP,        /* io_uring's IORING_OP_NOP ... */
	VT_URING_OP_FLAGS,  /* a probe's IO_URING_OP_SUPPORTED */
	VT_URING_RESTRICTION_OP, /* IORING_RESTRICTION_REGISTER_OP ... */
	VT_URING_SQE_FLAGS, /* IOSQE_FIXED_FILE ... */
	VT_URING_IOWQ_ACCT, /* IO_WQ_BOUND, IO_WQ_UNBOUND */
	VT_URING_RSRC_FLAGS, /* IORING_RSRC_REGISTER_SPARSE */
	VT_PERF_TYPE,       /* perf_event_attr's type: PERF_TYPE_HARDWARE ... */
	VT_PERF_ATTR_SIZE,  /* PERF_ATTR_SIZE_VER0 ... VER7 */
	VT_PERF_HW_ID,      /* PERF_COUNT_HW_CPU_CYCLES ... */
	VT_PERF_SW_ID,      /* PERF_COUNT_SW_CPU_CLOCK ... */
	VT_PERF_HW_CACHE_ID, /* PERF_COUNT_HW_CACHE_L1D ... */
	VT_PERF_HW_CACHE_OP, /* PERF_COUNT_HW_CACHE_OP_READ ... */
	VT_PERF_HW_CACHE_RESULT, /* PERF_COUNT_HW_CACHE_RESULT_ACCESS, _MISS */
	VT_PERF_SAMPLE_FORMAT, /* PERF_SAMPLE_IP ... */
	VT_PERF_READ_FORMAT, /* PERF_FORMAT_TOTAL_TIME_ENABLED ... */
	VT_PERF_BRANCH_SAMPLE, /* PERF_SAMPLE_BRANCH_USER ... */
	VT_HW_BREAKPOINT_TYPE, /* HW_BREAKPOINT_EMPTY, _R, _W, _RW, _X */
	VT_PERF_FLAGS,      /* perf_event_open's: PERF_FLAG_FD_NO_GROUP ... */
	VT_FSMOUNT_FLAGS,   /* FSMOUNT_CLOEXEC */
	VT_MOUNT_ATTR_FLAGS, /* fsmount's MOUNT_ATTR_RDONLY ... (strace 6.1's) */
	VT_MOVE_MOUNT_FLAGS, /* MOVE_MOUNT_F_SYMLINKS ... */
	VT_MOUNT_SETATTR_FLAGS, /* mount_setattr's AT_SYMLINK_NOFOLLOW ... */
	VT_MODULE_INIT_FLAGS, /* finit_module's MODULE_INIT_IGNORE_MODVERSIONS ... */
	VT_SYNC_FILE_RANGE_FLAGS, /* SYNC_FILE_RANGE_WAIT_BEFORE ... */
	VT_UFFD_FLAGS,            /* userfaultfd's: UFFD_USER_MODE_ONLY, O_* */
	VT_MQ_ATTR_FLAGS,         /* struct mq_attr's mq_flags: O_NONBLOCK */
	VT_MOVE_PAGES_FLAGS,      /* MPOL_MF_MOVE, MPOL_MF_MOVE_ALL */
	VT_SWAP_FLAGS,            /* SWAP_FLAG_PREFER ... */
	VT_SYSLOG_ACTIONS,        /* SYSLOG_ACTION_CLOSE ... */
	VT_SYSLOG_CONSOLE_LEVELS, /* LOGLEVEL_EMERG ... */
	VT_COUNT
};

const struct value_table *value_table_get(unsigned id);

/* Looks a value up; NULL when it has no exact entry. */
const char *value_table_name(const struct value_table *t, uint64_t value);

void print_flags(struct text_buffer *tb, const struct value_table *t,
		 uint64_t value);
/* As strace's printflags(xlat, value, NULL), for a word with no default
 * name (statx's two): no X_??? comment, and under -X raw a zero prints as
 * nothing at all (strace's "statx(-100, \"/\", |0x100, ..."). */
void print_flags_no_default(struct text_buffer *tb,
			    const struct value_table *t, uint64_t value);
/* Whether any non-zero entry's bits are all in value. */
int value_table_any_flag(const struct value_table *t, uint64_t value);
/* Like print_flags, but with no X_??? comment; returns the bits
 * left over instead of printing them; for composite flag words. Returns
 * whether anything was printed through *printed. */
uint64_t print_flag_names(struct text_buffer *tb, const struct value_table *t,
			  uint64_t value, int *printed);
void print_enum(struct text_buffer *tb, const struct value_table *t,
		uint64_t value);
/* strace's "verbose" style, which some decoders always use (arch_prctl's
 * XSAVE features): the number, then its names in a C comment, as in
 * 0x3 (A|B), 0x5 (A|0x4), 0x8 (X_???) with the parentheses printed as
 * a comment's delimiters; flags of 0 as "0" alone, an enumeration's 0
 * with its name. */
void print_flags_verbose(struct text_buffer *tb, const struct value_table *t,
			 uint64_t value);
void print_enum_verbose(struct text_buffer *tb, const struct value_table *t,
			uint64_t value);
/* strace's printxval_ex with XLAT_STYLE_VERBOSE|XLAT_STYLE_FMT_D (syslog's
 * arguments): the decimal number, then its name, or the table's unknown
 * one, in a comment, under every -X style, raw too. */
void print_enum_dec_always_verbose(struct text_buffer *tb,
				   const struct value_table *t,
				   long long value);
/* As print_enum, but unknown values print as decimal (signal numbers). */
void print_enum_dec(struct text_buffer *tb, const struct value_table *t,
		    long long value);

/* A number and its name (NULL: none), in the buffer's style: abbrev
 * prints the name (the number when there is none), raw the number, verbose
 * the number and the name in a comment. */
void print_named_value(struct text_buffer *tb, uint64_t value,
		       const char *name, int format);
/* The number alone, as the style's raw and verbose forms print it. */
void print_const_number(struct text_buffer *tb, uint64_t value, int format);
/* A word whose names a decoder prints itself (open's access mode and
 * flags, mmap's type and flags, a file mode, an rlimit's "8192*1024"):
 * raw prints the number and returns 0 (print no names); verbose prints the
 * number and opens the comment; abbrev prints nothing. Both return a
 * token for const_names_end, and until then the buffer is in abbrev
 * style, so printers called for the names print names.
 * const_names_end(tb, token) closes the comment and restores the style. */
int const_names_begin(struct text_buffer *tb, uint64_t value, int format);
void const_names_end(struct text_buffer *tb, int begun);

#ifdef __cplusplus
}
#endif

#endif
