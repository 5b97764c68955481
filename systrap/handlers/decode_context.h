/* decode_context: what every argument decoder gets (internal to :format).
 *
 * Why: decoders are small functions, one per kind of thing strace prints
 * (a quoted string, a struct stat, a signal set ...). They share this
 * context instead of a long parameter list: the output, the options, the
 * memory reader and the call being decoded.
 */
#ifndef SYSTRAP_HANDLERS_DECODE_CONTEXT_H
#define SYSTRAP_HANDLERS_DECODE_CONTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "systrap/handlers/format.h"
#include "systrap/handlers/pid_types.h"
#include "systrap/handlers/text_buffer.h"

struct decode_context {
	struct text_buffer *tb;
	const struct format_options *opts;
	read_memory_fn rd;
	long nr;
	const long *args;
	long result;
	int exiting;
	/* How deep the netlink decoders have nested (attributes in
	 * attributes, an error's message in an error): bounded, as the trap
	 * path's stack is. */
	int nl_depth;
	/* Where print_path notes the longest path it showed (its text and
	 * its bytes), for format_within; NULL: not noted. */
	struct path_shown *longest_path;
};

struct path_shown {
	size_t chars, bytes;
};

/* strace's abbrev(tcp) and verbose(tcp): whether this call's structures
 * are abbreviated (not under -v) and decoded at all (-e verbose=). */
static inline int format_set_has(const uint8_t *set, long nr)
{
	return !set || nr < 0 || nr >= FORMAT_SET_NR || (set[nr / 8] >> (nr % 8) & 1);
}
static inline int ctx_abbrev(const struct decode_context *ctx)
{
	return format_set_has(ctx->opts->abbrev, ctx->nr);
}
static inline int ctx_verbose(const struct decode_context *ctx)
{
	return format_set_has(ctx->opts->verbose, ctx->nr);
}

/* strace's print_array cut: at element i (its "[" already printed),
 * whether the array ends here, -s elements shown and no -v; if so its
 * "..." is printed, after a separator unless nothing was shown. */
static inline int ctx_array_cut(const struct decode_context *ctx,
				unsigned long i)
{
	if (!ctx_abbrev(ctx) || i < (unsigned long)ctx->opts->string_limit)
		return 0;
	tb_str(ctx->tb, i ? ", ..." : "...");
	return 1;
}

/* Reads exactly n bytes; 0 when any of them is unreadable. */
int read_exact(const struct decode_context *ctx, void *dst, uintptr_t src,
	       size_t n);

/* ---- strings (string_quote.c) ---- */
/* A NUL-terminated path the kernel reads: up to PATH_MAX, not cut by -s. */
void print_path(const struct decode_context *ctx, uintptr_t addr);
/* strace's printpathn(): a NUL-terminated string of at most limit bytes,
 * `...` after the quote when longer; not cut by -s. */
void print_path_max(const struct decode_context *ctx, uintptr_t addr,
		    size_t limit);
/* A NUL-terminated string, cut at -s with `...` after the quote. */
void print_cstring(const struct decode_context *ctx, uintptr_t addr);
/* strace's printstr_ex(addr, len, QUOTE_0_TERMINATED): a string of at
 * most len bytes (and -s), `...` after the quote when no NUL ends it
 * there (prctl's task names: 15 and 16). */
void print_cstring_max(const struct decode_context *ctx, uintptr_t addr,
		       size_t len);
/* A descriptor's path as -y shows it inside <>: quoted as strings are
 * (without the quotes; -x/-xx too), < and > in octal (strace's
 * print_quoted_string_ex(QUOTE_OMIT_LEADING_TRAILING_QUOTES, "<>")). */
void print_fd_path_text(const struct decode_context *ctx, const char *s,
			size_t n);
/* `len` bytes, cut at -s; force_hex prints every byte as \xNN. */
void print_buffer(const struct decode_context *ctx, uintptr_t addr,
		  unsigned long len, int force_hex);
/* A path of `len` bytes written by the kernel (readlink): not cut by -s. */
void print_path_n(const struct decode_context *ctx, uintptr_t addr,
		  unsigned long len);
/* Quotes bytes already in memory (used for struct fields). */
void print_quoted_local(const struct decode_context *ctx,
			const unsigned char *s, size_t n, int nul_terminated);
/* The same, every byte as \xNN (strace's QUOTE_FORCE_HEX). */
void print_quoted_hex_local(const struct decode_context *ctx,
			    const unsigned char *s, size_t n);

/* ---- pids (pidns.c) ---- */
/* A pid of pidns.h's `type`, with "<comm>" (-Y) and the tracer's number
 * (--pidns-translation) after it, as strace's printpid(). */
void print_pid(const struct decode_context *ctx, long pid, int type);
/* kill's and wait4's pid: a process (> 0) or a process group (< -1),
 * as strace's printpid_tgid_pgid(). */
void print_pid_tgid_pgid(const struct decode_context *ctx, long pid);

/* ---- descriptors (format.c) ---- */
void print_fd(const struct decode_context *ctx, long fd);
/* Under -y, "<path>" of fd (AT_FDCWD: the working directory, as strace
 * 6.1 shows a dirfd). */
void print_fd_path(const struct decode_context *ctx, int fd);
/* A call number of audit architecture `arch` as strace's
 * PRINT_FIELD_SYSCALL_NAME: "__NR_gettid" when it is ours and known, else
 * the number. */
void print_syscall_nr(struct text_buffer *tb, uint32_t nr, uint32_t arch);

/* Descriptor fd of process pid (kcmp's), decorated from that process's
 * table as -y/-yy ask (strace's printfd_pid). */
void print_fd_in_process(const struct decode_context *ctx, long pid, long fd);
/* pidfd_getfd's targetfd: descriptor fd of the process pidfd names,
 * decorated from that process's table as -y/-yy ask (strace's
 * printfd_pid). */
void print_pidfd_target_fd(const struct decode_context *ctx, long pidfd,
			   long fd);

/* ---- one argument (arg_printer.c) ---- */
struct syscall_signature;
static inline int is_error_result(long result)
{
	return result < 0 && result >= -4095;
}
/* Kinds the kernel writes: printed when the call ends. */
int is_exit_kind(unsigned kind);
/* Of those, the kinds whose input half is printed at entry too (sendfile's
 * offset, io_uring_setup's params): print_arg prints the half that
 * ctx->exiting says; a failed call's exit half is theirs to print. */
int is_inout_kind(unsigned kind);
/* Argument i of the call, by its kind in sig. */
void print_arg(const struct decode_context *ctx,
	       const struct syscall_signature *sig, int i);
/* O_RDONLY.. and the O_* flags. */
void print_open_flags(struct text_buffer *tb, uint64_t flags);

/* ---- calls printed per command (call_decoders.c): the whole argument
 * list on entry, or what is left of it on exit ---- */
void decode_clone(const struct decode_context *ctx);
void decode_clone3(const struct decode_context *ctx);
void decode_ioctl(const struct decode_context *ctx);
/* The requests of ioctl_decoders.c's table: 1 when it printed the call's
 * half, 0 when the request is not one of them. */
int decode_ioctl_row(const struct decode_context *ctx);
/* The name with a number in it strace 6.1 gives a request of some types
 * (MIXER_READ(13), HIDIOCGPHYS(8)), into tb; 1 when it has one. */
int print_ioctl_number_name(struct text_buffer *tb, uint32_t req);
/* The input devices' requests (ioctl_evdev.c): 1 when it printed the
 * call's half, 0 when the request is not one strace names. */
int decode_evdev_ioctl(const struct decode_context *ctx);
/* The virtual consoles' requests (ioctl_kd.c), likewise. */
int decode_kd_ioctl(const struct decode_context *ctx);
/* The (successful) result of a request of that table whose result is not
 * a plain int (a descriptor, a namespace type): 1 when printed. */
int print_ioctl_result(const struct decode_context *ctx);
void decode_fcntl(const struct decode_context *ctx);
void decode_futex(const struct decode_context *ctx);
/* futex_waitv's struct futex_waitv[count] (call_decoders.c). */
void print_futex_waiters(const struct decode_context *ctx, uintptr_t addr,
			 unsigned long count);
/* Landlock's attributes (landlock_decoder.c): landlock_create_ruleset's
 * struct of `size` bytes, landlock_add_rule's by its rule type. */
void print_landlock_ruleset_attr(const struct decode_context *ctx,
				 uintptr_t addr, unsigned long size);
void print_landlock_rule(const struct decode_context *ctx, uintptr_t addr,
			 long rule_type);

void decode_arch_prctl(const struct decode_context *ctx);
/* kcmp: the indexes as its type says (descriptors of the two processes,
 * an epoll slot), none for the types that take none. */
void decode_kcmp(const struct decode_context *ctx);
/* prctl (prctl_decoder.c): its arguments, and its result's names; 1
 * when it printed the (successful) result, 0 to print it as a number. */
void decode_prctl(const struct decode_context *ctx);
int print_prctl_result(const struct decode_context *ctx);
/* seccomp(2) (prctl_decoder.c, with PR_SET_SECCOMP's filter printer). */
void decode_seccomp(const struct decode_context *ctx);
/* bpf(2) (bpf_decoder.c): the command and its attributes; its result as a
 * descriptor for the commands that make one (1 when printed); the input
 * an exit compares with, kept at the entry. */
void decode_bpf(const struct decode_context *ctx);
int print_bpf_result(const struct decode_context *ctx);
void save_bpf_inputs(const struct decode_context *ctx,
		     struct format_saved *sv);
void decode_rt_sigreturn(const struct decode_context *ctx);

/* ---- System V IPC (ipc_decoders.c) ---- */
/* msgget's and semget's flags, shmget's (with its huge page size): the
 * names, then the permission bits in octal. */
void print_ipc_flags(struct text_buffer *tb, uint64_t flags);
void print_shm_flags(struct text_buffer *tb, uint64_t flags);
/* semop's struct sembuf[count]; msgsnd's and msgrcv's struct msgbuf with
 * count bytes of text. */
void print_sembufs(const struct decode_context *ctx, uintptr_t addr,
		   unsigned long count);
void print_msgbuf(const struct decode_context *ctx, uintptr_t addr,
		  unsigned long count);
/* msgctl, semctl, shmctl: the command, the buffer it implies. */
void decode_ipc_ctl(const struct decode_context *ctx);

/* quotactl, quotactl_fd (quota_decoder.c): QCMD(...), then what the
 * command takes. */
void decode_quotactl(const struct decode_context *ctx);

/* A classic BPF program of len instructions (bpf_filter.c): under -v
 * BPF_STMT(...)/BPF_JUMP(...) each, a seccomp filter's returns by name,
 * a socket filter's (seccomp 0) special offsets by name;
 * else the address. */
void print_bpf_program(const struct decode_context *ctx, uintptr_t addr,
		       unsigned len, int seccomp);
/* A struct sock_fprog: {len=N, filter=...}, the program as above
 * (PR_SET_SECCOMP's and seccomp's, SO_ATTACH_FILTER's). */
void print_sock_fprog(const struct decode_context *ctx, uintptr_t addr,
		      int seccomp);

/* ---- administration (admin_decoders.c) ---- */
/* mount's flags (MS_MGC_VAL|MS_*), its type or data: a string, or the
 * address when the flags say the kernel reads none. */
void print_mount_flags(struct text_buffer *tb, uint64_t flags);
void print_mount_str(const struct decode_context *ctx, uintptr_t addr,
		     uint64_t flags, int is_data);
/* personality's argument: PER_*|flags, the query 0xffffffff in hex. */
void print_personality(struct text_buffer *tb, unsigned pers);
/* ioprio_set's priority: IOPRIO_PRIO_VALUE(class, data). */
void print_ioprio(struct text_buffer *tb, long ioprio);
/* A key serial: KEY_SPEC_* or the number. */
void print_key_serial(struct text_buffer *tb, long id);
/* keyctl: the command, then its arguments as its row says. */
void decode_keyctl(const struct decode_context *ctx);
/* A memory policy's mode (MPOL_*|MPOL_F_*); get_mempolicy's [MPOL_*];
 * a node mask of maxnodes bits. */
void print_mpol_mode(struct text_buffer *tb, uint64_t mode);
void print_mpol_mode_out(const struct decode_context *ctx, uintptr_t addr);
void print_nodemask(const struct decode_context *ctx, uintptr_t addr,
		    unsigned long maxnodes);
/* The results of RET_PERSONALITY, RET_MEMBARRIER and RET_IOPRIO calls:
 * 1 when ret_kind is one of them (printed). */
int print_admin_result(const struct decode_context *ctx, unsigned ret_kind);

/* ptrace (ptrace_decoder.c): the request, then what it takes. */
void decode_ptrace(const struct decode_context *ctx);

/* ---- structs and arrays (struct_decoders.c) ---- */
/* strace's umove_or_printaddr(): reads n bytes at addr; else prints NULL
 * or the address (also under -e verbose= without this call) and
 * returns 0. */
int read_or_print_addr(const struct decode_context *ctx, void *dst,
		       uintptr_t addr, size_t n);
/* The same for what a call wrote, at its exit: the address when it
 * failed (umove_or_printaddr's syserror check). */
int read_result_or_print_addr(const struct decode_context *ctx, void *dst,
			      uintptr_t addr, size_t n);
/* {tv_sec=S, tv_usec=U} of two int64_t. */
void print_timeval_pair(struct text_buffer *tb, const int64_t *v);
void print_mode_octal(struct text_buffer *tb, unsigned long mode);
void print_file_mode(struct text_buffer *tb, unsigned long mode);
void print_signal(struct text_buffer *tb, long sig);
/* A clock_t count of USER_HZ (100) ticks, as strace prints it: the count
 * and, unless it is 0, the seconds in a comment ("0.15 s" for 15). */
void print_clock_t(struct text_buffer *tb, uint64_t ticks);
void print_sigset_bits(struct text_buffer *tb, const unsigned char *set,
		       size_t bytes);
void print_sigset(const struct decode_context *ctx, uintptr_t addr,
		  size_t bytes);
/* rt_sigpending's set: as many bytes as the call says, 1 to the kernel's
 * set (strace's print_sigset_addr_len_limit with a minimum of 1). */
void print_sigset_any_len(const struct decode_context *ctx, uintptr_t addr,
			  size_t bytes);
/* struct mq_attr: mq_flags by name (mq_getsetattr) or in hex (mq_open),
 * as strace's printmqattr. */
void print_mq_attr(const struct decode_context *ctx, uintptr_t addr,
		   int flags_by_name);
void print_sigaction(const struct decode_context *ctx, uintptr_t addr);
void print_struct(const struct decode_context *ctx, unsigned type,
		  uintptr_t addr);
/* A siginfo_t (the kernel's 128 bytes) as strace prints it: "{si_signo=..."
 * (siginfo_format.c), inside a call's arguments (waitid, rt_sigqueueinfo,
 * ptrace's GETSIGINFO): pids as -e decode-pids= asks, si_fd decorated as
 * -y asks. */
void print_siginfo(const struct decode_context *ctx, const void *siginfo);
void print_wait_status(const struct decode_context *ctx, uintptr_t addr);
/* openat2's struct open_how of `size` bytes: the address below 24, the
 * mode only with O_CREAT/__O_TMPFILE or when set, the bytes past the
 * struct when any is not 0. */
void print_open_how(const struct decode_context *ctx, uintptr_t addr,
		    unsigned long size);
void print_sockaddr(const struct decode_context *ctx, uintptr_t addr,
		    long len);
/* An address's text, as inet_ntop writes it: 1.2.3.4 (4 bytes), ::1 (16). */
void print_ipv4_text(struct text_buffer *tb, const unsigned char *a);
void print_ipv6_text(struct text_buffer *tb, const unsigned char *a);
/* F_RDLCK, F_WRLCK, F_UNLCK (a lock's or a lease's type), or NULL
 * (call_decoders.c). */
const char *lock_type_name(long type);
/* strace's PRINT_FIELD_INET_ADDR: name=inet_addr("1.2.3.4") (AF_INET),
 * inet_pton(AF_INET6, "::1", &name) (AF_INET6), name="\\x.." (another
 * family), of the field's size bytes at b (netlink_decoders.c). */
void print_inet_field(struct text_buffer *tb, const char *name,
		      unsigned family, const unsigned char *b, unsigned size);
/* strace's PRINT_FIELD_IFINDEX's value: if_nametoindex("lo") when the
 * index names an interface, else the number (netlink_decoders.c). */
void print_ifindex(const struct decode_context *ctx, uint32_t index);
/* struct iovec[count]: each buffer (at most data_limit bytes in all, -1
 * no limit) as a string, or as netlink messages of the call's socket
 * (argument 0), or each base as an address (enum iov_mode). */
enum iov_mode { IOV_STRINGS = 0, IOV_BASES = 1, IOV_NETLINK = 2 };
void print_iovec(const struct decode_context *ctx, uintptr_t addr,
		 long count, long data_limit, int mode);
void print_str_array(const struct decode_context *ctx, uintptr_t addr);
/* A struct's field: sep_name is what comes before the value ("{uid=",
 * ", gid="); the value unsigned, signed, an id (-1 for 0xffffffff, as
 * strace's PRINT_FIELD_ID), or flags of value table `table`. */
void print_field_u(struct text_buffer *tb, const char *sep_name,
		   unsigned long long v);
void print_field_d(struct text_buffer *tb, const char *sep_name, long long v);
void print_field_id(struct text_buffer *tb, const char *sep_name, uint32_t v);
void print_field_flags(struct text_buffer *tb, const char *sep_name,
		       unsigned table, uint64_t v);
/* strace's print_array, one element: reads element i (n bytes at `at`)
 * and prints what comes before it, "[" or ", "; 1 then. When it cannot be
 * read: the address for the first element, else ", ... /\* ADDR *\/"; 0
 * (the caller closes the array with "]" unless i was 0). */
int print_array_next(const struct decode_context *ctx, void *dst,
		     uintptr_t at, size_t n, unsigned long i);
/* A whole array that way: count elements of elem_size bytes (at most 32)
 * at addr, each printed by `one`, "..." after `most` of them (0: no
 * bound but -s's); [] for none, NULL, and the address where the first
 * cannot be read, under -e verbose=none, or count < 0
 * (struct_decoders.c). */
void print_array_of(const struct decode_context *ctx, uintptr_t addr,
		    long count, unsigned long most, size_t elem_size,
		    void (*one)(const struct decode_context *, const void *));
/* move_pages' arrays of count elements, by their kind: ARG_ADDR_ARRAY_IN,
 * ARG_INT_ARRAY_IN, ARG_PAGE_STATUS_OUT. */
void print_move_pages_array(const struct decode_context *ctx, unsigned kind,
			    uintptr_t addr, unsigned long count);

/* ---- struct msghdr, struct mmsghdr (msghdr_decoders.c) ---- */
/* sendmsg's and recvmsg's msghdr: data_size bounds the iovec's bytes (-1:
 * all); user_namelen, when not NULL, is msg_namelen as the program set it
 * (printed "N => M" when the kernel changed it). The address under -e
 * verbose= without the call, or when it cannot be read. */
void print_msghdr(const struct decode_context *ctx, uintptr_t addr,
		  long data_size, const int32_t *user_namelen);
/* msg_namelen of the msghdr at addr, as recvmsg's entry keeps it; 0 when
 * strace would print the address instead. */
int msghdr_namelen(const struct decode_context *ctx, uintptr_t addr,
		   int32_t *namelen);
/* count struct mmsghdrs, msg_len shown for the first with_len of them,
 * each iovec up to its msg_len when len_bounds_data (recvmmsg). */
void print_mmsghdrs(const struct decode_context *ctx, uintptr_t addr,
		    unsigned long count, unsigned long with_len,
		    int len_bounds_data);
/* capget's, capset's header {version=..., pid=N}, and the capability sets
 * of the data the header's version sizes (the address when the header
 * cannot be read). */
void print_cap_header(const struct decode_context *ctx, uintptr_t addr);
void print_cap_data(const struct decode_context *ctx, uintptr_t addr,
		    uintptr_t header);

/* io_uring_setup's params: what the program asks at entry, "{flags=...";
 * what the kernel filled in at exit, ", sq_entries=...}". */
void print_io_uring_params(const struct decode_context *ctx, uintptr_t addr);
/* io_uring_register (io_uring_register.c): its arguments, the kernel's
 * answers at the exit (DECODE_IO_URING_REGISTER); the third argument of
 * the opcodes the kernel only reads, by opcode and nr_args. */
void decode_io_uring_register(const struct decode_context *ctx);
void print_io_uring_register_arg(const struct decode_context *ctx,
				 uintptr_t addr, unsigned opcode,
				 unsigned nr_args);

/* perf_event_open (perf_decoder.c, DECODE_PERF_EVENT_OPEN): the whole
 * call at the exit, as strace; at the entry only where the attribute
 * cannot be read (its address then, and the other arguments). The entry's
 * size field is kept in the saved inputs (format_saved slot 0). */
void decode_perf_event_open(const struct decode_context *ctx);
void save_perf_event_inputs(const struct decode_context *ctx,
			    struct format_saved *sv);
/* The attribute at addr printed now (PERF_EVENT_IOC_MODIFY_ATTRIBUTES'
 * argument, at the entry), else its address. */
void print_perf_event_attr_arg(const struct decode_context *ctx,
			       uintptr_t addr);

/* ---- socket options (sockopt_decoders.c) ---- */
/* An option's name at its level; is_get: getsockopt's (SOL_SOCKET's 26). */
void print_sockopt_name(struct text_buffer *tb, long level, long name,
			int is_get);
/* setsockopt's value of len bytes; getsockopt's, of ulen bytes as the
 * program gave them and rlen as the kernel returned them. */
void print_setsockopt_value(const struct decode_context *ctx, long level,
			    long name, uintptr_t addr, long len);
void print_getsockopt_value(const struct decode_context *ctx, long level,
			    long name, uintptr_t addr, long ulen, long rlen);

/* ---- netlink (netlink_decoders.c) ---- */
/* A socket's data (sendto's, recvfrom's buffer): netlink messages when fd
 * is a netlink socket and the call's structures are decoded (-e
 * verbose=), else the string (strace's decode_sockbuf). */
void print_sockbuf(const struct decode_context *ctx, long fd, uintptr_t addr,
		   unsigned long len);
/* len bytes of netlink messages of the socket fd (its family, when fd is
 * a netlink socket, names their types and decodes their payloads). */
void print_netlink(const struct decode_context *ctx, long fd, uintptr_t addr,
		   unsigned long len);

void print_envp(const struct decode_context *ctx, uintptr_t addr);
void print_dirents(const struct decode_context *ctx, uintptr_t addr,
		   long bytes);
void print_int_array_ptr(const struct decode_context *ctx, uintptr_t addr,
			 size_t count, size_t elem_size, int as_fd);
/* count int fds as strace's print_array: cut at -s unless -v. */
void print_fd_array(const struct decode_context *ctx, uintptr_t addr,
		    size_t count);
void print_pollfds(const struct decode_context *ctx, uintptr_t addr,
		   unsigned long count);
/* bare: the numbers alone, even under -y (select's result, as strace). */
void print_fdset(const struct decode_context *ctx, uintptr_t addr, long nfds,
		 int bare);
/* poll's result: the entries with revents, as strace shows them after the
 * count. Returns how many were shown. */
int print_poll_revents(const struct decode_context *ctx, uintptr_t addr,
		       unsigned long count);
/* count structs of `type` (enum syscall_struct) as strace's print_array:
 * io_getevents' [{data=0x1234, obj=0x7ff..., res=3, res2=0}], epoll_wait's
 * [{events=EPOLLIN, data={u32=3, u64=3}}]; the address when count < 0
 * (the call failed). */
void print_events(const struct decode_context *ctx, unsigned type,
		  uintptr_t addr, long count);
/* getgroups/setgroups ids as [0, 1000]; a CPU mask as [0 1]. */
void print_id_array(const struct decode_context *ctx, uintptr_t addr,
		    long count);
void print_cpu_set(const struct decode_context *ctx, uintptr_t addr,
		   long bytes);
/* Whether the fd_set at addr holds any of fds 0..nfds-1. */
int fdset_has_any(const struct decode_context *ctx, uintptr_t addr, long nfds);
void print_termios(const struct decode_context *ctx, uintptr_t addr);
/* The kernel's struct termios, termios2 (with its speeds) and termio as
 * strace 6.1's term.c prints them: the delay fields and the baud rates
 * named, c_line and c_cc under -v. */
enum { TERM_TERMIOS, TERM_TERMIOS2, TERM_TERMIO };
void print_termios_kind(const struct decode_context *ctx, uintptr_t addr,
			int kind);
void print_winsize(const struct decode_context *ctx, uintptr_t addr);
void print_xattr_list(const struct decode_context *ctx, uintptr_t addr,
		      long bytes);

/* ---- -v: the unabbreviated forms (verbose_decoders.c) ---- */
/* A date as a comment, 2026-12-01T03:02:04.123456789+0000 (UTC); none
 * for 0. */
void print_time_comment(struct text_buffer *tb, long long sec,
			unsigned long long nsec);
/* The same with a fraction of `digits` digits (6: microseconds), and
 * none when part is 0 (strace's sprinttime, sprinttime_usec). */
void print_time_comment_part(struct text_buffer *tb, long long sec,
			     unsigned long long part, int digits);
/* The date alone after prefix, 2026-12-01T03:02:04+0000; 0 where strace
 * has none (the epoch, a bad fraction, a year too large). */
int print_date(struct text_buffer *tb, const char *prefix, long long sec,
	       unsigned long long part, int digits);
void print_makedev(struct text_buffer *tb, uint64_t dev);
/* A character or block device's mode, whose stat shows st_rdev (not
 * st_size). In struct_decoders.c, which has <sys/stat.h>'s names. */
int file_mode_is_device(unsigned mode);
void print_stat_unabbreviated(const struct decode_context *ctx,
			      uintptr_t addr);
void print_statx_unabbreviated(const struct decode_context *ctx,
			       uintptr_t addr);
void print_rusage_unabbreviated(const struct decode_context *ctx,
				uintptr_t addr);
void print_dirents_unabbreviated(const struct decode_context *ctx,
				 uintptr_t addr, long bytes, int dirent64);

#endif
