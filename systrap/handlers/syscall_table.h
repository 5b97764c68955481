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

#include <stddef.h>
#include <stdint.h>

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
	ARG_MODE,         /* mode_t, octal */
	ARG_FD,           /* file descriptor */
	ARG_DIRFD,        /* file descriptor or AT_FDCWD */
	ARG_PATH,         /* in: NUL-terminated path (up to PATH_MAX) */
	ARG_PATH_OUT,     /* out: path of `result` bytes (readlink, getcwd) */
	ARG_STR,          /* in: NUL-terminated string (printed up to -s) */
	ARG_BUF_IN,       /* in: size_arg bytes */
	ARG_BUF_OUT,      /* out: `result` bytes (capacity in size_arg) */
	ARG_BUF_OUT_HEX,  /* as ARG_BUF_OUT, always printed as \x hex */
	ARG_STRUCT_IN,    /* in: struct of type `type` (enum syscall_struct) */
	ARG_STRUCT_OUT,   /* out: struct of type `type` */
	ARG_IOVEC_IN,     /* in: struct iovec[size_arg]; each buffer read */
	ARG_IOVEC_OUT,    /* out: struct iovec[size_arg] read; `result` bytes
			     written across the buffers */
	ARG_STR_ARRAY,    /* in: NULL-terminated array of strings (argv) */
	ARG_ENVP,         /* in: NULL-terminated array of strings, counted */
	ARG_SOCKADDR_IN,  /* in: struct sockaddr of size_arg bytes */
	ARG_SOCKADDR_OUT, /* out: struct sockaddr; its length is *arg[size_arg] */
	ARG_SOCKLEN_PTR,  /* in/out: socklen_t * */
	ARG_INT_PTR_INOUT,/* in/out: int * (or off_t *, 8 bytes for sendfile) */
	ARG_INT_PTR_OUT,  /* out: int * */
	ARG_LOFF_PTR,     /* in/out: loff_t * (copy_file_range, splice) */
	ARG_FD_PAIR,      /* out: int[2] (pipe, socketpair) */
	ARG_FLAGS,        /* flag word of table `type` (enum value_table_id) */
	ARG_ENUM,         /* one value of table `type` */
	ARG_OPEN_FLAGS,   /* O_RDONLY.. plus O_* flags */
	ARG_OPEN_MODE,    /* mode_t, present when *size_arg has O_CREAT/O_TMPFILE */
	ARG_MMAP_FLAGS,   /* MAP_TYPE | MAP_* | huge page shift */
	ARG_MFD_FLAGS,    /* MFD_* | huge page shift */
	ARG_STATX_FLAGS,  /* AT_STATX_SYNC_* | AT_* */
	ARG_SOCK_TYPE,    /* SOCK_* type | SOCK_CLOEXEC | SOCK_NONBLOCK */
	ARG_SOCK_PROTOCOL,/* protocol; its names depend on the domain in size_arg */
	ARG_SOCKOPT_NAME, /* option name; depends on the level (previous arg) */
	ARG_SIGNAL,       /* signal number */
	ARG_SIGSET_IN,    /* in: sigset_t of *size_arg* bytes */
	ARG_SIGSET_OUT,   /* out: sigset_t of *size_arg* bytes */
	ARG_SIGACTION_IN, /* in: struct kernel_sigaction (32 bytes) */
	ARG_SIGACTION_OUT,/* out: struct kernel_sigaction */
	ARG_WAIT_STATUS,  /* out: int * wait status */
	ARG_IOCTL_REQ,    /* ioctl request code */
	ARG_IOCTL_ARG,    /* ioctl argument: depends on the request */
	ARG_FDSET_INOUT,  /* in/out: fd_set of (arg[size_arg] + 7) / 8 bytes */
	ARG_POLLFDS,      /* in/out: struct pollfd[size_arg] */
	ARG_DIRENTS,      /* out: linux_dirent(64)s, `result` bytes */
	ARG_XATTR_LIST,   /* out: NUL-separated names, `result` bytes */
	ARG_KIND_COUNT
};

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
};

struct syscall_arg {
	uint8_t kind;     /* enum syscall_arg_kind */
	int8_t size_arg;  /* index of the argument giving a size/count, or -1 */
	uint8_t type;     /* enum syscall_struct or enum value_table_id */
};

struct syscall_signature {
	const char *name;
	uint8_t nargs;
	uint8_t ret_kind;  /* enum syscall_ret_kind */
	uint8_t decoder;   /* enum syscall_decoder */
	struct syscall_arg args[6];
	uint32_t classes;  /* enum syscall_class bits */
};

/* The row for `nr`, or NULL when strace 6.1 does not know the number. */
const struct syscall_signature *syscall_lookup(long nr);

/* "openat" -> 257; -1 when unknown. */
long syscall_number_by_name(const char *name);

/* "file" or "%file" -> CLASS_FILE (also "desc", "network", "net",
 * "process", "signal", "ipc", "memory", "creds", "clock", "pure", "stat",
 * "lstat", "fstat", "%stat", "statfs", "fstatfs", "%statfs"); 0 if unknown. */
uint32_t syscall_class_by_name(const char *name);

#ifdef __cplusplus
}
#endif

#endif
