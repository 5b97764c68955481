/* format: one system call -> the exact text strace 6.1 prints for it.
 *
 * Why two halves: strace prints a call in two steps, the input arguments
 * when the call starts and the output arguments plus the result when it
 * ends (another thread's line may come in between: "<unfinished ...>").
 * format_syscall_entry() gives exactly what strace has printed at entry
 * (e.g. `read(3, `), format_syscall_exit() the rest (e.g.
 * `"abc", 3)                             = 3`). Their concatenation is the
 * whole line without the newline, padded so " = " sits where strace puts it.
 *
 * Everything here is async-signal-safe: no libc, no allocation, bounded
 * stack; the traced program's memory is only read through `rd`, which may
 * fail (unreadable pointers print as their address, as strace does).
 */
#ifndef SYSTRAP_HANDLERS_FORMAT_H
#define SYSTRAP_HANDLERS_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Copies n bytes from the traced program's address src; returns the number
 * copied (short when the memory becomes unreadable). */
typedef size_t (*read_memory_fn)(void *dst, uintptr_t src, size_t n);

/* Whether the n bytes at addr can be read now: one byte of each page
 * they touch (readability goes by page). For decoders that must know a
 * range is whole before printing any of it. */
int format_memory_readable(read_memory_fn rd, uintptr_t addr, size_t n);

/* -y: writes the path of `fd` (readlink of /proc/self/fd/N) into buf;
 * returns its length, or a negative value when there is none. */
typedef long (*fd_path_fn)(int fd, char *buf, size_t cap);

/* What a descriptor's decoration shows (strace 6.1's --decode-fds=SET): its
 * path, a socket's endpoints (here: the socket's path, as strace prints it
 * when sock_diag has none), a device's "char|block MAJOR:MINOR", a pidfd's
 * "pid:N". */
enum {
	FORMAT_FD_PATH = 1u << 0,
	FORMAT_FD_SOCKET = 1u << 1,
	FORMAT_FD_DEV = 1u << 2,
	FORMAT_FD_PIDFD = 1u << 3,
	FORMAT_FD_ALL = (1u << 4) - 1,
};

/* -e decode-pids=SET (strace 6.1): a pid's translation into the tracer's
 * pid namespace ("pidns", --pidns-translation) and its process's name
 * ("comm", -Y). */
enum {
	FORMAT_PID_NS = 1u << 0,
	FORMAT_PID_COMM = 1u << 1,
	FORMAT_PID_ALL = (1u << 2) - 1,
};

/* What a call's entry keeps for its exit: the input half of value-result
 * arguments (socklen_t *addrlen), which the kernel overwrites; strace shows
 * both as "[in => out]" when they differ. */
struct format_saved {
	unsigned mask; /* bit i: value[i] holds argument i's input */
	long value[6];
};

struct format_options {
	int string_limit;      /* -s: default 32 */
	/* A path's bytes shown before "...": 0 is strace's, a whole path
	 * (PATH_MAX less its NUL); smaller only where a line would not fit
	 * its buffer otherwise (format.c, format_within). */
	int path_limit;
	int hex_strings;       /* 0; 1 = -x (non-ASCII strings in hex); 2 = -xx;
				  3 = non-ascii-chars (those bytes in hex) */
	unsigned decode_fds;   /* FORMAT_FD_*: -y path, -yy all,
				  --decode-fds=SET */
	int result_column;     /* -a: " = " starts here when the call is
				  shorter (strace's default 40) */
	int line_prefix_width; /* columns printed before the call on the line
				  ("1234  " with -f); strace's padding counts
				  them */
	fd_path_fn fd_path;    /* NULL: format_fd_path_proc (raw readlinkat) */
	uintptr_t stack_pointer; /* per call, optional: %rsp at the syscall,
				    used only to decode rt_sigreturn's mask */
	struct format_saved *saved; /* per call, optional: filled by the
				       entry, read by the exit */
	/* -v / -e abbrev=SET and -e verbose=SET: bitmaps by syscall number
	 * (FORMAT_SET_NR bits; a set bit is strace's default). NULL (the
	 * default) is all set: structures abbreviated and decoded. */
	const uint8_t *abbrev;
	const uint8_t *verbose;
	/* -X / --const-print-style: how constants print (enum const_style in
	 * value_tables.h: abbrev 0, the default; raw; verbose). */
	int const_style;
	/* FORMAT_PID_*: -e decode-pids=SET, --pidns-translation, -Y. */
	unsigned decode_pids;
	/* Per call: its result is a value injected as a return value (-e
	 * inject=SET:retval=N), never an error, whatever its sign. */
	int result_is_value;
	/* Per call (rt_sigreturn): the signals whose blocked state the
	 * program sees is not the frame's (bit sig - 1: those the tracing
	 * library keeps unblocked for real and blocks in the program's view
	 * only), and which of them that view blocks. */
	uint64_t sigreturn_virtual, sigreturn_virtual_blocked;
	/* The program confined itself (seccomp): descriptors are printed
	 * bare, as no -y/-yy decoration can be had without a system call
	 * (readlinkat, stat, getxattr, a netlink query), which the sandbox
	 * may punish with death. */
	int confined;
};

#define FORMAT_SET_NR 512

/* strace's defaults: -s 32, -a 40, no -x, no -y. */
void format_options_init(struct format_options *opts);

/* Text strace prints when the call starts. Returns the number of characters
 * stored in buf (always NUL-terminated when cap > 0). Where the text would
 * not fit, its strings are cut shorter than opts->string_limit asks (and
 * its paths shorter than PATH_MAX), so that it ends whole; only a cap too small for the call's fixed parts
 * truncates it (safely). The exit halves below fit the same way. */
size_t format_syscall_entry(char *buf, size_t cap, long nr, const long args[6],
			    const struct format_options *opts,
			    read_memory_fn rd);

/* Text strace prints when the call ends: output arguments, ")", padding and
 * " = result". `result` is the raw kernel value (-errno on failure). The
 * padding column is computed from the entry text, re-formatted internally. */
size_t format_syscall_exit(char *buf, size_t cap, long nr, const long args[6],
			   long result, const struct format_options *opts,
			   read_memory_fn rd);

/* As format_syscall_exit, for callers who know the column the exit text
 * starts at (e.g. after "<... read resumed>"). */
size_t format_syscall_exit_at_column(char *buf, size_t cap, size_t column,
				     long nr, const long args[6], long result,
				     const struct format_options *opts,
				     read_memory_fn rd);

/* " = -1 ENOENT (No such file or directory)"-style result text alone
 * (without the leading " = "): "-1 ENOENT (No such file or directory)". */
size_t format_syscall_result(char *buf, size_t cap, long nr,
			     const long args[6], long result,
			     const struct format_options *opts);

/* "ENOENT" for 2, or NULL. */
const char *format_errno_name(long err);

/* A delivered signal's siginfo_t (the kernel's 128 bytes) as strace prints
 * it between "--- SIGxxx " and " ---": "{si_signo=SIGUSR1, si_code=SI_TKILL,
 * si_pid=12, si_uid=0}"; si_pid decorated as decode_pids (FORMAT_PID_*)
 * says. */
size_t format_siginfo(char *buf, size_t cap, const void *siginfo,
		      int const_style, unsigned decode_pids);

/* "SIGUSR1" for 10 (strace's names, SIGRT_n for real-time signals). */
size_t format_signal_name(char *buf, size_t cap, int sig);

/* Default -y resolver: readlinkat(AT_FDCWD, "/proc/self/fd/N") via raw
 * syscalls; "/proc/self/cwd" for AT_FDCWD. */
long format_fd_path_proc(int fd, char *buf, size_t cap);
/* Descriptor fd's path as opts resolve it: their fd_path, else
 * format_fd_path_proc; -1 once the program confined itself (a call we make
 * could kill it). */
long format_fd_path(const struct format_options *opts, int fd, char *buf,
		    size_t cap);
/* An fd_path_fn that knows no path (-1) and makes no call: once the
 * program confined itself (-P then matches no descriptor). */
long format_fd_path_unknown(int fd, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
