/* syscall_table: what each x86-64 system call is, as data.
 *
 * Why: like strace's syscallent tables, one row per syscall number says the
 * name, the trace classes (-e trace=%file ...) and, for each argument, what
 * it is: a file descriptor, a path the kernel reads, a buffer of N bytes
 * written by the kernel, a struct of a known type, a flag word of a known
 * table... The strace-style formatter (format.h) is driven by these rows,
 * and so can anything else that must know which user memory a call reads or
 * writes (a footprint calculator): every pointer-taking kind below states
 * where the pointed-to size comes from.
 *
 * The table covers 0..450, the numbers strace 6.1 knows; higher numbers
 * (cachestat, fchmodat2, ...) are unknown to strace 6.1 and print as
 * syscall_0x1c3(...), so they are unknown here too.
 */
#ifndef SYSTRAP_HANDLERS_SYSCALL_TABLE_H
#define SYSTRAP_HANDLERS_SYSCALL_TABLE_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>

#include "systrap/handlers/pid_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SYSCALL_TABLE_SIZE 451

/* What one argument is. "size_arg" is the index of another argument. */
enum syscall_arg_kind {
	ARG_NONE = 0,
	ARG_INT,          /* int, signed decimal */
	ARG_LONG,         /* long, signed decimal */
	ARG_UINT,         /* unsigned int, decimal */
	ARG_ULONG,        /* unsigned long (size_t), decimal */
	ARG_HEX,          /* printed as hex, not dereferenced */
	ARG_PTR,          /* address, not dereferenced: NULL or hex */
	ARG_MODE,         /* umode_t (16 bits, as strace's), octal */
	ARG_FILE_MODE,    /* umode_t with its file type: S_IFIFO|0644 (mknod) */
	ARG_MKNOD_DEV,    /* a device number (the kernel's 32 bits), as
			     makedev(0x1, 0x3); with a size_arg, present only
			     when the mode there is S_IFCHR or S_IFBLK
			     (mknod), else always (ustat) */
	ARG_ID,           /* uid_t/gid_t: -1 as -1, else unsigned decimal */
	ARG_FD,           /* file descriptor */
	ARG_DIRFD,        /* file descriptor or AT_FDCWD */
	ARG_PIDFD_FD,     /* a descriptor of the process the pidfd in size_arg
			     names (pidfd_getfd's targetfd) */
	ARG_XINT,         /* unsigned int, hex (0 as 0) */
	ARG_PATH,         /* in: NUL-terminated path (up to PATH_MAX) */
	ARG_PATH_OUT,     /* out: path of `result` bytes (readlink, getcwd) */
	ARG_STR,          /* in: NUL-terminated string (printed up to -s) */
	ARG_BUF_IN,       /* in: size_arg bytes */
	ARG_BUF_OUT,      /* out: `result` bytes (capacity in size_arg) */
	ARG_BUF_OUT_HEX,  /* as ARG_BUF_OUT, always printed as \x hex */
	ARG_STRUCT_IN,    /* in: struct of type `type` (enum syscall_struct) */
	ARG_STRUCT_OUT,   /* out: struct of type `type`; with mem
			     MEM_STRUCT_IN, one the kernel reads that strace
			     prints at the exit (epoll_pwait2's timeout) */
	ARG_IOVEC_IN,     /* in: struct iovec[size_arg]; each buffer read */
	ARG_IOVEC_OUT,    /* out: struct iovec[size_arg] read; `result` bytes
			     written across the buffers */
	ARG_IOVEC_REMOTE, /* in: struct iovec[size_arg] of another process's
			     memory: each base an address (process_madvise) */
	ARG_STR_ARRAY,    /* in: NULL-terminated array of strings (argv) */
	ARG_ENVP,         /* in: NULL-terminated array of strings, counted */
	ARG_SOCKADDR_IN,  /* in: struct sockaddr of size_arg bytes */
	ARG_SOCKADDR_OUT, /* out: struct sockaddr; its length is *arg[size_arg] */
	ARG_SOCKLEN_PTR,  /* in/out: socklen_t * */
	ARG_INT_PTR_INOUT,/* in/out: off_t * (sendfile): [N] at entry, then
			     " => [M]" at exit when the call moved data */
	ARG_INT_PTR_IN,   /* in: int *, as [N] (sched_setparam's priority) */
	ARG_INT_PTR_OUT,  /* out: int * */
	ARG_LOFF_PTR,     /* in/out: loff_t * (copy_file_range, splice) */
	ARG_FD_PAIR,      /* out: int[2] (pipe, socketpair); type
			     FD_PAIR_ARRAY: printed as an array, cut at -s
			     (strace's socketpair; its pipes never are) */
	ARG_FLAGS,        /* flag word of table `type` (enum value_table_id) */
	ARG_FLAGS64,      /* the same, all 64 bits (unshare's) */
	ARG_ENUM,         /* one value of table `type` */
	ARG_OPEN_FLAGS,   /* O_RDONLY.. plus O_* flags */
	ARG_OPEN_MODE,    /* mode_t, present when *size_arg has O_CREAT/O_TMPFILE */
	ARG_MREMAP_ADDR,  /* mremap's new address, present when arg size_arg has
			   * MREMAP_MAYMOVE|MREMAP_FIXED (strace's rule) */
	ARG_MMAP_FLAGS,   /* MAP_TYPE | MAP_* | huge page shift */
	ARG_MFD_FLAGS,    /* MFD_* | huge page shift */
	ARG_STATX_FLAGS,  /* AT_STATX_SYNC_* | AT_* */
	ARG_SOCK_TYPE,    /* SOCK_* type | SOCK_CLOEXEC | SOCK_NONBLOCK */
	ARG_SOCK_PROTOCOL,/* protocol; its names depend on the domain in size_arg */
	ARG_SOCKOPT_NAME, /* option name; depends on the level (previous arg) */
	ARG_SOCKOPT_VAL,  /* out: getsockopt's value, *arg[size_arg] bytes: an
			     int as [N], a known struct, else a buffer */
	ARG_SOCKOPT_IN,   /* in: setsockopt's value of arg[size_arg] bytes,
			     as strace's print_setsockopt */
	ARG_CAP_HEADER,   /* in: capget's, capset's struct
			     __user_cap_header_struct */
	ARG_CAP_DATA_IN,  /* in: capset's capability sets, as many as the
			     header in size_arg says */
	ARG_CAP_DATA_OUT, /* out: capget's, likewise */
	ARG_IO_URING_PARAMS, /* in/out: struct io_uring_params: its input
				at entry, what the kernel filled at exit */
	ARG_ID_ARRAY_IN,  /* in: arg[size_arg] 32-bit ids, as [0, 1000] */
	ARG_ID_ARRAY_OUT, /* out: the result's count of 32-bit ids */
	ARG_CPU_SET_IN,   /* in: a CPU mask of arg[size_arg] bytes, as [0 1] */
	ARG_CPU_SET_OUT,  /* out: a CPU mask of result bytes */
	ARG_STRUCT_OUT_EINTR, /* out: a struct the kernel writes only when
				 interrupted (nanosleep's remaining time);
				 otherwise printed as the address */
	ARG_SIGNAL,       /* signal number */
	ARG_SIGSET_IN,    /* in: sigset_t of *size_arg* bytes */
	ARG_SIGSET_OUT,   /* out: sigset_t of *size_arg* bytes; with mem
			     MEM_BUF_IN, one the kernel reads that strace
			     prints at the exit (an address if the call
			     failed): epoll_pwait's mask */
	ARG_SIGACTION_IN, /* in: struct kernel_sigaction (32 bytes) */
	ARG_SIGACTION_OUT,/* out: struct kernel_sigaction */
	ARG_WAIT_STATUS,  /* out: int * wait status */
	ARG_WAIT_ID,      /* waitid's id: what it is depends on the idtype in
			     size_arg (P_PIDFD: a file descriptor; else a
			     pid or process group, decimal) */
	ARG_PID,          /* a pid of pidns.h's kind `type` (PIDNS_TID,
			     PIDNS_TGID, ...): decimal, then -Y's <comm> and
			     --pidns-translation's comment */
	ARG_PID_TGID_PGID,/* kill's and wait4's pid: a process when > 0, a
			     process group when < -1 (as ARG_PID) */
	ARG_PRIO_WHO,     /* getpriority's who: a process (PRIO_PROCESS) or
			     a process group (PRIO_PGRP) as ARG_PID, per the
			     `which` in size_arg; else a number */
	ARG_IOCTL_REQ,    /* ioctl request code */
	ARG_IOCTL_ARG,    /* ioctl argument: depends on the request */
	ARG_FDSET_INOUT,  /* in/out: fd_set of (arg[size_arg] + 7) / 8 bytes */
	ARG_POLLFDS,      /* in/out: struct pollfd[size_arg] */
	ARG_DIRENTS,      /* out: linux_dirent(64)s, `result` bytes (of
			     size_arg); type DIRENTS_64: linux_dirent64 */
	ARG_XATTR_LIST,   /* out: NUL-separated names, `result` bytes */
	ARG_EVENTS_OUT,   /* out: struct `type`[result] (capacity arg
			     size_arg): io_getevents' io_events, epoll_wait's
			     epoll_events */
	ARG_MSGHDR_IN,    /* in: struct msghdr (sendmsg), its iovec and control */
	ARG_MSGHDR_OUT,   /* out: struct msghdr the kernel filled (recvmsg):
			     `result` bytes across its iovec; msg_namelen's
			     input kept from the entry */
	ARG_MMSGHDR_VEC,  /* struct mmsghdr[arg[size_arg]] (sendmmsg), or
			     [result] (recvmmsg: type MMSG_RECEIVED), printed
			     at exit with each handled message's msg_len */
	ARG_IPC_FLAGS,    /* msgget's, semget's flags: IPC_CREAT.. | mode */
	ARG_SHM_FLAGS,    /* shmget's: IPC_CREAT.. | huge page shift | mode */
	ARG_SEMBUF_ARRAY, /* in: struct sembuf[size_arg] (semop) */
	ARG_MSGBUF_IN,    /* in: struct msgbuf with size_arg bytes of text */
	ARG_MSGBUF_OUT,   /* out: the same, printed at exit (msgrcv) */
	ARG_MOUNT_FLAGS,  /* mount's flags: MS_MGC_VAL|MS_* (64-bit) */
	ARG_MOUNT_STR,    /* mount's type (`type` MOUNT_STR_TYPE) or data
			     (MOUNT_STR_DATA): a string, or the address when
			     the flags in size_arg say the kernel reads none
			     (strace's mount.c) */
	ARG_PERSONALITY,  /* PER_*|flags; 0xffffffff (the query) in hex */
	ARG_CPU_ID,       /* membarrier's cpu_id: an int, present when the
			     flags in size_arg have MEMBARRIER_CMD_FLAG_CPU */
	ARG_IOPRIO,       /* IOPRIO_PRIO_VALUE(class, data) */
	ARG_KEY_SERIAL,   /* a key serial: KEY_SPEC_* or decimal */
	ARG_MPOL_MODE,    /* MPOL_* mode with MPOL_F_* flags; `type`
			     MPOL_MODE_UINT: its low 32 bits only */
	ARG_MPOL_MODE_OUT,/* out: int *, [MPOL_*] (get_mempolicy) */
	ARG_NODEMASK_IN,  /* in: a node mask of arg[size_arg] bits, as words */
	ARG_NODEMASK_OUT, /* out: the same, written by the kernel */
	ARG_REBOOT_ARG,   /* reboot's string (at most 255 bytes), present
			     when the command in size_arg is
			     LINUX_REBOOT_CMD_RESTART2 */
	ARG_OFFSET_HIGH,  /* the high half of an offset split in two (preadv2's
			     pos_h; size_arg the low half): x86-64 passes the
			     whole offset in the low half, and strace prints
			     only that, so this is never printed */
	ARG_MINCORE_VEC,  /* out: mincore's vector, a byte per page of the
			     length in size_arg, as [1, 0, ...] */
	ARG_FAN_INIT_FLAGS, /* fanotify_init's FAN_CLASS_* | FAN_* flags */
	ARG_FSCONFIG_VALUE, /* fsconfig's value, by the command in size_arg:
			       a string, a path, aux's bytes, or an address */
	ARG_SCHED_ATTR_IN,  /* in: sched_setattr's struct sched_attr, by the
			       size it holds; at exit, on E2BIG, the size the
			       kernel wrote back (" => {size=56}") */
	ARG_SCHED_ATTR_OUT, /* out: sched_getattr's, size_arg's bytes */
	ARG_LANDLOCK_RULESET, /* in: struct landlock_ruleset_attr of
				 size_arg bytes */
	ARG_LANDLOCK_RULE,  /* in: a landlock rule's attributes, by the rule
			       type in size_arg (path_beneath's struct) */
	ARG_FUTEX_WAITERS,  /* in: struct futex_waitv[size_arg] */
	ARG_IORING_REGISTER_ARG, /* in: io_uring_register's argument, by the
				    opcode in size_arg (nr_args: argument 3) */
	ARG_MQ_MODE,        /* mq_open's mode, octal: present when the flags
			       in size_arg have O_CREAT (strace's rule) */
	ARG_MQ_ATTR,        /* in: mq_open's struct mq_attr (mq_flags in hex),
			       present likewise; the kernel reads it always */
	ARG_ADDR_ARRAY_IN,  /* in: size_arg addresses, as [0x..., NULL]
			       (move_pages' pages) */
	ARG_INT_ARRAY_IN,   /* in: size_arg ints, as [0, -1] (its nodes) */
	ARG_PAGE_STATUS_OUT,/* out: size_arg ints, each a node or a negated
			       errno: [0, -ENOENT] (its status) */
	ARG_SYSLOG_TYPE,    /* syslog's action, its name in a comment in every
			       -X style, as strace prints it */
	ARG_SYSLOG_BUF,     /* syslog's buffer, present per the action in
			       size_arg: the text read (printed at exit) for
			       the READ actions, else an address */
	ARG_SYSLOG_LEN,     /* syslog's len, present likewise: a console
			       level for CONSOLE_LEVEL, else an int */
	ARG_SWAP_FLAGS,     /* swapon's SWAP_FLAG_* and the priority in the
			       low 15 bits: SWAP_FLAG_PREFER|42 */
	ARG_KIND_COUNT
};

/* What the bytes of an ARG_BUF_IN / ARG_BUF_OUT are (its `type`). */
enum syscall_buf {
	BUF_PLAIN = 0,
	BUF_SOCKET, /* a socket's data (argument 0 the socket): netlink
		       messages on a netlink socket (strace's decode_sockbuf) */
	BUF_UTS_NAME, /* a host or domain name, its length an unsigned int:
			 longer than the kernel takes (__NEW_UTS_LEN, 64),
			 its address (strace's sethostname) */
};

/* ARG_SOCKOPT_NAME's type for getsockopt (SOL_SOCKET's 26 is
 * SO_GET_FILTER there, SO_ATTACH_FILTER for setsockopt). */
#define SOCKOPT_GET 1

/* ARG_MOUNT_STR's type: which of mount's strings it is. */
#define MOUNT_STR_TYPE 0
#define MOUNT_STR_DATA 1
/* ARG_MPOL_MODE's type for set_mempolicy (strace reads an unsigned int). */
#define MPOL_MODE_UINT 1
/* ARG_PRIO_WHO's type: the which in size_arg is ioprio's IOPRIO_WHO_*
 * (1 process, 2 group), not getpriority's PRIO_* (0, 1). */
#define PRIO_WHO_IOPRIO 1

/* ARG_PID's type: which id a pid argument is (pid_types.h). */

/* Struct types for ARG_STRUCT_IN / ARG_STRUCT_OUT. */
enum syscall_struct {
	STRUCT_NONE = 0,
	STRUCT_STAT,
	STRUCT_STATX,
	STRUCT_STATFS,
	STRUCT_TIMESPEC,
	STRUCT_TIMEVAL,
	STRUCT_TIMEZONE,
	STRUCT_ITIMERVAL,
	STRUCT_RLIMIT,
	STRUCT_RLIMIT64,
	STRUCT_RUSAGE,
	STRUCT_UTSNAME,
	STRUCT_SYSINFO,
	STRUCT_TMS,
	STRUCT_STACK_T,
	STRUCT_OPEN_HOW,
	STRUCT_CLONE_ARGS,
	/* Types only footprints use (the formatter prints these arguments
	 * as pointers, or through a per-family decoder). */
	STRUCT_INT,         /* int, pid_t, uid_t, socklen_t: 4 bytes */
	STRUCT_LOFF,        /* loff_t, off_t: 8 bytes */
	STRUCT_FD_PAIR,     /* int[2] */
	STRUCT_SIGACTION,   /* the kernel's struct sigaction (not libc's) */
	STRUCT_SIGINFO,     /* printed as strace prints a delivered signal's;
			       {} when si_signo is 0 (waitid, WNOHANG) */
	STRUCT_MSGHDR,      /* struct user_msghdr */
	STRUCT_IOVEC,
	STRUCT_POLLFD,
	STRUCT_EPOLL_EVENT, /* packed on x86-64: 12 bytes; as ARG_STRUCT_IN,
			       size_arg the op: its address for EPOLL_CTL_DEL,
			       which reads none (epoll_ctl) */
	STRUCT_TERMIOS,     /* the kernel's struct termios (TCGETS), not libc's */
	STRUCT_WINSIZE,
	STRUCT_FLOCK,
	STRUCT_F_OWNER_EX,
	STRUCT_TIMESPEC_PAIR, /* utimensat's times[2] */
	STRUCT_TIMEVAL_PAIR,  /* utimes' and futimesat's times[2] */
	STRUCT_SIGSET_ARGPACK, /* pselect6's { const sigset_t *ss; size_t len; },
				* io_pgetevents' struct __aio_sigset */
	STRUCT_IO_EVENT,
	STRUCT_ITIMERSPEC,  /* struct __kernel_itimerspec (timerfd_settime) */
	STRUCT_SIGEVENT,    /* struct sigevent (timer_create, mq_notify) */
	STRUCT_UTIMBUF,     /* utime's struct utimbuf, each time's date after it */
	STRUCT_TIME_T,      /* time_t, as [N] with its date in a comment (time) */
	STRUCT_ULONG,       /* unsigned long, as [N] (get_robust_list's len) */
	STRUCT_ADDRESS,     /* a pointer, as [0x...] (io_setup's context) */
	STRUCT_MQ_ATTR,     /* struct mq_attr, mq_flags by name (mq_getsetattr) */
	STRUCT_COUNT
};

/* Size in bytes of a struct type on x86-64 (0 for STRUCT_NONE). */
size_t syscall_struct_size(unsigned type);

/* How the result prints. */
enum syscall_ret_kind {
	RET_INT = 0,  /* signed decimal */
	RET_HEX,      /* address (mmap, brk) */
	RET_OCT,      /* umask */
	RET_FD,       /* a new file descriptor (decorated with -y) */
	RET_NONE,     /* never returns: "= ?" (exit, exit_group) */
	RET_ULONG,    /* unsigned decimal */
	RET_READY,    /* a count of ready fds, then "(Timeout)" or which are
		       * ready and the time left (poll, ppoll, select, pselect6) */
	/* A pid, decorated as ARG_PID (strace's RVAL_TID, RVAL_TGID,
	 * RVAL_PGID, RVAL_SID): gettid, getpid, getpgrp, getsid ... */
	RET_PID_TID,
	RET_PID_TGID,
	RET_PID_PGID,
	RET_PID_SID,
	RET_SCHED_POLICY, /* a policy: "0 (SCHED_OTHER)" when it has a name */
	RET_SIGNAL,   /* a signal taken: "12 (SIGUSR2)" (rt_sigtimedwait) */
	RET_PERSONALITY, /* hex, then the persona: "0x40000 (PER_LINUX|...)" */
	RET_MEMBARRIER,  /* MEMBARRIER_CMD_QUERY's: hex and the commands */
	RET_IOPRIO,      /* "16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))" */
	RET_TIME,        /* seconds, then the date: "1796622814
			    (2026-12-07T05:53:34+0000)" (time) */
};

/* Calls whose arguments need more than one argument's kind to decode
 * (strace has a function per call for these; we have one per family). */
enum syscall_decoder {
	DECODE_GENERIC = 0,
	DECODE_CLONE,
	DECODE_CLONE3,
	DECODE_IOCTL,
	DECODE_FCNTL,
	DECODE_FUTEX,
	DECODE_PRCTL,
	DECODE_ARCH_PRCTL,
	DECODE_KCMP,
	DECODE_IPC_CTL,   /* msgctl, semctl, shmctl: the buffer by command */
	DECODE_QUOTACTL,  /* quotactl, quotactl_fd: the arguments by command */
	DECODE_PTRACE,    /* ptrace: the arguments by request */
	DECODE_SECCOMP,   /* seccomp: the arguments by operation */
	DECODE_KEYCTL,    /* keyctl: the arguments by command */
	DECODE_BPF,       /* bpf: the attributes by command */
	DECODE_IO_URING_REGISTER, /* io_uring_register: by opcode */
	DECODE_PERF_EVENT_OPEN, /* perf_event_open: the attribute, at the exit */
};

/* -e trace=%class bits (strace's TD, TF, ...). */
enum syscall_class {
	CLASS_DESC = 1u << 0,     /* %desc    TD */
	CLASS_FILE = 1u << 1,     /* %file    TF */
	CLASS_IPC = 1u << 2,      /* %ipc     TI */
	CLASS_NETWORK = 1u << 3,  /* %network TN */
	CLASS_PROCESS = 1u << 4,  /* %process TP */
	CLASS_SIGNAL = 1u << 5,   /* %signal  TS */
	CLASS_MEMORY = 1u << 6,   /* %memory  TM */
	CLASS_STAT = 1u << 7,     /* %stat    TST */
	CLASS_LSTAT = 1u << 8,    /* %lstat   TLST */
	CLASS_FSTAT = 1u << 9,    /* %fstat   TFST */
	CLASS_STAT_LIKE = 1u << 10, /* %%stat TSTA */
	CLASS_STATFS = 1u << 11,  /* %statfs  TSF */
	CLASS_FSTATFS = 1u << 12, /* %fstatfs TFSF */
	CLASS_STATFS_LIKE = 1u << 13, /* %%statfs TSFA */
	CLASS_PURE = 1u << 14,    /* %pure    PU */
	CLASS_CREDS = 1u << 15,   /* %creds   TC */
	CLASS_CLOCK = 1u << 16,   /* %clock   TCL */
	CLASS_NEVER_FAILS = 1u << 17, /* NF: not a -e class */
	CLASS_MEMORY_MAPPING_CHANGE = 1u << 18, /* SI: not a -e class */
	CLASS_STACKTRACE_ON_ENTRY = 1u << 19,   /* SE: not a -e class */
	/* -P PATH never matches: strace's pathtrace.c lists these as %desc,
	 * %file or %network calls with no descriptor or path to test (their
	 * descriptor arguments are of other kinds: epoll, signalfd...). */
	CLASS_NO_PATH_ARGS = 1u << 20,
};

/* What the kernel does with the user memory an argument points to: the
 * footprint of a call (footprint.h) is computed from these, argument by
 * argument. MEM_DEFAULT derives it from the argument's kind (ARG_PATH reads
 * a string, ARG_BUF_OUT writes `result` bytes, ...): see syscall_arg_mem().
 * The others are set in a row where the kind, which is about printing,
 * does not say it (the formatter prints sendmsg's msghdr as a pointer; the
 * kernel reads it), or says less than the kernel does (write() reads only
 * the `result` bytes it wrote). "Written" means on success (result >= 0)
 * unless the name says otherwise; a NULL pointer is never accessed.
 * For MEM_STRUCT_* and MEM_ARRAY_* the element type is the arg's `type`. */
enum syscall_mem {
	MEM_DEFAULT = 0,
	MEM_NONE,            /* not dereferenced (a number, or an address the
				kernel only maps, stores or compares) */
	MEM_UNKNOWN,         /* dereferenced in a way not described here */
	MEM_CSTRING_IN,      /* NUL-terminated, read up to and with the NUL */
	MEM_BUF_IN,          /* arg[size_arg] bytes read */
	MEM_BUF_IN_RESULT,   /* `result` bytes read (write, send) */
	MEM_BUF_OUT_RESULT,  /* min(result, arg[size_arg]) bytes written */
	MEM_BUF_OUT,         /* arg[size_arg] bytes written */
	MEM_STRUCT_IN,       /* sizeof(type) read */
	MEM_STRUCT_OUT,      /* sizeof(type) written */
	MEM_STRUCT_OUT_POS,  /* sizeof(type) written when result > 0 (wait4) */
	MEM_STRUCT_OUT_EINTR,/* sizeof(type) written when result is -EINTR
				(nanosleep's remaining time) */
	MEM_STRUCT_INOUT,    /* sizeof(type) read, written */
	MEM_STRUCT_INOUT_POS,/* read; written when result > 0 (copy_file_range) */
	MEM_STRUCT_INOUT_ALWAYS, /* read; written whatever the result (sendfile) */
	MEM_TIMEOUT_INOUT,   /* read; written back whatever the result when it
				was not zero (select, pselect6, ppoll) */
	MEM_ARRAY_IN,        /* arg[size_arg] elements read */
	MEM_ARRAY_OUT_RESULT,/* min(result, arg[size_arg]) elements written */
	MEM_IOVEC_IN_RESULT, /* iovec[arg[size_arg]] read, then `result` bytes
				read across the buffers in order */
	MEM_IOVEC_OUT_RESULT,/* iovec[arg[size_arg]] read, `result` bytes
				written across the buffers */
	MEM_STR_ARRAY,       /* NULL-terminated array of strings: the array
				(with its NULL) and each string read */
	MEM_LEN_OUT,         /* written: min(*arg[size_arg] at entry, at exit)
				bytes; the socklen_t at arg[size_arg] is read
				and written (accept, getsockname, getsockopt) */
	MEM_FDSET_INOUT,     /* fd_set of arg[size_arg] bits, in longs: read,
				written on success */
	MEM_POLLFDS,         /* pollfd[arg[size_arg]] read; each revents written */
	MEM_SIGSET_ARGPACK,  /* pselect6: the pack read, then its sigset */
	MEM_KIND_COUNT
};

/* ARG_DIRENTS' type: the records are linux_dirent64 (getdents64), else
 * linux_dirent (getdents: d_type after d_name). */
#define DIRENTS_64 1
/* ARG_SIGSET_OUT's type: any size from 1 byte to the kernel's set is
 * read and printed (rt_sigpending checks only that it is not larger). */
#define SIGSET_ANY_LEN 1
/* ARG_MMSGHDR_VEC's type: the kernel received into them (recvmmsg), so
 * only the result's count is shown, each iovec up to its msg_len. */
#define MMSG_RECEIVED 1

struct syscall_arg {
	uint8_t kind;     /* enum syscall_arg_kind */
	int8_t size_arg;  /* index of the argument giving a size/count, or -1 */
	uint8_t type;     /* enum syscall_struct, enum value_table_id or
			     enum syscall_buf */
	uint8_t mem;      /* enum syscall_mem; MEM_DEFAULT: from `kind` */
};

/* How a row's footprint is known. FP_UNKNOWN is the default on purpose: a
 * row states a footprint only once someone checked every argument against
 * the kernel, and tools print "unknown" rather than a guess. */
enum syscall_fp {
	FP_UNKNOWN = 0,
	FP_TABLE,          /* the arguments' syscall_arg_mem() say it all */
	/* A rule function in footprint.c, for calls whose memory depends on
	 * a command argument or on memory the call reads (a msghdr). */
	FP_RULE_IOCTL,
	FP_RULE_FCNTL,
	FP_RULE_FUTEX,
	FP_RULE_PRCTL,
	FP_RULE_ARCH_PRCTL,
	FP_RULE_CLONE,
	FP_RULE_CLONE3,
	FP_RULE_SENDMSG,
	FP_RULE_RECVMSG,
	FP_RULE_EPOLL_CTL,
	FP_RULE_WAITID,
	FP_RULE_RSEQ,
	FP_RULE_COUNT
};

/* The data a call moves through its descriptor (arg 0), as -e read=SET and
 * -e write=SET dump it (strace's dumpio: the same calls, the same places).
 * WRITE: what the program gave, dumped whatever the result; READ: what the
 * kernel gave, dumped on success. BUF: arg 1, arg 2 bytes (WRITE) or
 * `result` bytes (READ); IOV: struct iovec[arg 2] at arg 1, all of it
 * (WRITE) or `result` bytes across it (READ); MSGHDR: the iovec of the
 * struct msghdr at arg 1; MMSGHDR: each of the `result` struct mmsghdrs at
 * arg 1, msg_len bytes of its iovec. */
enum syscall_io_dump {
	IO_NONE = 0,
	IO_WRITE_BUF,
	IO_WRITE_IOV,
	IO_WRITE_MSGHDR,
	IO_WRITE_MMSGHDR,
	IO_READ_BUF,
	IO_READ_IOV,
	IO_READ_MSGHDR,
	IO_READ_MMSGHDR,
};

/* The longest name (landlock_create_ruleset, set_mempolicy_home_node) and
 * its NUL; syscall_behaviour_test checks every row ends within it. */
#define SYSCALL_NAME_MAX 24

/* A row holds its name, not a pointer to it: a pointer is a relocation
 * that the dynamic loader (or the image) writes at every start, which
 * copied the whole table's pages at each traced process's start. */
struct syscall_signature {
	char name[SYSCALL_NAME_MAX];
	uint8_t nargs;
	uint8_t ret_kind;  /* enum syscall_ret_kind */
	uint8_t decoder;   /* enum syscall_decoder */
	struct syscall_arg args[6];
	uint32_t classes;  /* enum syscall_class bits */
	uint8_t fp;        /* enum syscall_fp */
	uint8_t io_dump;   /* enum syscall_io_dump */
};

/* The memory behaviour of one argument: a->mem, or the one its kind
 * implies (MEM_UNKNOWN for ARG_PTR, whose kind says nothing). */
unsigned syscall_arg_mem(const struct syscall_arg *a);

/* ARG_FD_PAIR's type for a pair strace prints with print_array. */
#define FD_PAIR_ARRAY 1

/* The struct type (enum syscall_struct) a MEM_STRUCT_* or MEM_ARRAY_*
 * argument points to: its `type`, or the one its kind implies (ARG_FD_PAIR
 * is int[2], ARG_WAIT_STATUS an int...). */
unsigned syscall_arg_struct(const struct syscall_arg *a);

/* The row for `nr`, or NULL when strace 6.1 does not know the number. */
const struct syscall_signature *syscall_lookup(long nr);

/* Whether open flags take a mode argument (ARG_OPEN_MODE is present):
 * with O_CREAT or __O_TMPFILE's own bit (O_TMPFILE less O_DIRECTORY), as
 * the kernel reads one (WILL_CREATE) and strace prints it. */
static inline int syscall_open_flags_take_mode(unsigned long flags)
{
	return (flags & O_CREAT) || (flags & (O_TMPFILE & ~O_DIRECTORY));
}

/* Whether an argument is printed at all, given the argument its size_arg
 * names: open's mode only with O_CREAT or O_TMPFILE, mremap's new address
 * only with MREMAP_MAYMOVE and MREMAP_FIXED (<linux/mman.h>: 1 and 2), a
 * device number only for a character or block device's mode. The kernel
 * reads none otherwise, and strace prints none. A split offset's high
 * half never (x86-64 ignores it). */
/* syslog's actions that take neither buffer nor length: CLOSE, OPEN,
 * CLEAR, CONSOLE_OFF, CONSOLE_ON, SIZE_UNREAD, SIZE_BUFFER (strace prints
 * only the action). */
static inline int syscall_syslog_takes_buffer(int action)
{
	return !(action == 0 || action == 1 || (action >= 5 && action <= 7) ||
		 action == 9 || action == 10);
}

/* syslog's actions that read the log into the buffer: READ, READ_ALL,
 * READ_CLEAR (printed at the exit, as the text read). */
static inline int syscall_syslog_reads(int action)
{
	return action >= 2 && action <= 4;
}

static inline int syscall_arg_present(const struct syscall_arg *a,
				      unsigned long controlling)
{
	if (a->kind == ARG_OPEN_MODE)
		return syscall_open_flags_take_mode(controlling);
	if (a->kind == ARG_MREMAP_ADDR)
		return (controlling & 3) == 3;
	if (a->kind == ARG_MQ_MODE || a->kind == ARG_MQ_ATTR)
		return (controlling & O_CREAT) != 0;
	if (a->kind == ARG_SYSLOG_BUF || a->kind == ARG_SYSLOG_LEN)
		return syscall_syslog_takes_buffer((int)controlling);
	if (a->kind == ARG_OFFSET_HIGH)
		return 0;
	if (a->kind == ARG_CPU_ID) /* MEMBARRIER_CMD_FLAG_CPU */
		return (controlling & 1) != 0;
	if (a->kind == ARG_REBOOT_ARG) /* LINUX_REBOOT_CMD_RESTART2 */
		return (unsigned)controlling == 0xa1b2c3d4u;
	if (a->kind == ARG_MKNOD_DEV) /* S_IFCHR, S_IFBLK */
		return (controlling & 0170000) == 0020000 ||
		       (controlling & 0170000) == 0060000;
	return 1;
}

/* "openat" -> 257; -1 when unknown. */
long syscall_number_by_name(const char *name);

/* Whether name is a call of strace's i386 personality that x86-64 lacks
 * (mmap2, _llseek, waitpid, clock_gettime64 ...): valid in a set, naming
 * no call here. */
int syscall_name_of_other_personality(const char *name);

/* "file" or "%file" -> CLASS_FILE (also "desc", "network", "net",
 * "process", "signal", "ipc", "memory", "creds", "clock", "pure", "stat",
 * "lstat", "fstat", "%stat", "statfs", "fstatfs", "%statfs"); 0 if unknown. */
uint32_t syscall_class_by_name(const char *name);

#ifdef __cplusplus
}
#endif

#endif
