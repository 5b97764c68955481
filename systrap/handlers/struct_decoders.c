/* struct_decoders: structures and arrays in the traced program's memory,
 * printed as strace 6.1 prints them in its default (abbreviated) mode:
 * `{st_mode=S_IFREG|0644, st_size=1234, ...}`, `[INT TERM]`,
 * `[{iov_base="abc", iov_len=3}]`, `{sa_family=AF_INET, ...}` ...
 *
 * Why here: each decoder copies the struct (bounded size, on the stack)
 * through the fallible reader and prints the address instead when the copy
 * fails, exactly like strace's umove_or_printaddr().
 */
#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/errno_names.h"

#include <fcntl.h>
#include <asm/termbits.h>
#include <linux/aio_abi.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/stat.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/netlink.h"
#include "systrap/handlers/value_tables.h"

int read_or_print_addr(const struct decode_context *ctx, void *dst,
		       uintptr_t addr, size_t n)
{
	if (addr == 0) {
		tb_str(ctx->tb, "NULL");
		return 0;
	}
	if (!ctx_verbose(ctx) || !read_exact(ctx, dst, addr, n)) {
		tb_hex_raw(ctx->tb, addr);
		return 0;
	}
	return 1;
}
#define fetch read_or_print_addr

int read_result_or_print_addr(const struct decode_context *ctx, void *dst,
			      uintptr_t addr, size_t n)
{
	if (ctx->exiting && addr && is_error_result(ctx->result)) {
		tb_ptr(ctx->tb, addr);
		return 0;
	}
	return read_or_print_addr(ctx, dst, addr, n);
}

/* %#03o: 0644 -> "0644", 0 -> "000", 7 -> "007". */
void print_mode_octal(struct text_buffer *tb, unsigned long mode)
{
	tb_char(tb, '0');
	tb_oct_digits(tb, mode, 2);
}

void print_file_mode(struct text_buffer *tb, unsigned long mode)
{
	const char *type = value_table_name(value_table_get(VT_STAT_MODE_TYPE),
					    mode & S_IFMT);
	/* A file type no one has: the whole mode in octal, in every -X
	 * style (strace's print_symbolic_mode_t). */
	if ((mode & S_IFMT) && !type) {
		print_mode_octal(tb, mode);
		return;
	}
	int begun = const_names_begin(tb, mode, CONST_OCT);
	if (!begun)
		return;
	if (type) {
		tb_str(tb, type);
		tb_char(tb, '|');
	}
	if (mode & S_ISUID)
		tb_str(tb, "S_ISUID|");
	if (mode & S_ISGID)
		tb_str(tb, "S_ISGID|");
	if (mode & S_ISVTX)
		tb_str(tb, "S_ISVTX|");
	print_mode_octal(tb, mode & (S_IRWXU | S_IRWXG | S_IRWXO));
	const_names_end(tb, begun);
}

/* Under -X raw and verbose strace prints a signal as its number, and under
 * verbose then its name (print's) in a comment (printsignal,
 * sprintsigmask); returns whether it did. */
static int print_signal_styled(struct text_buffer *tb, long sig, int named,
			       void (*print)(struct text_buffer *, long))
{
	if (tb->style == CONST_STYLE_ABBREV || !named)
		return 0;
	int begun = const_names_begin(tb, (uint64_t)sig, CONST_DEC);
	if (begun) {
		print(tb, sig);
		const_names_end(tb, begun);
	}
	return 1;
}

void print_signal(struct text_buffer *tb, long sig)
{
	const char *name = value_table_name(value_table_get(VT_SIGNAL),
					    (uint64_t)sig);
	if (print_signal_styled(tb, sig, name || (sig >= 32 && sig <= 64),
				print_signal))
		return;
	if (name) {
		tb_str(tb, name);
	} else if (sig == 32) {
		tb_str(tb, "SIGRTMIN");
	} else if (sig > 32 && sig <= 64) {
		tb_str(tb, "SIGRT_");
		tb_udec(tb, (unsigned long)(sig - 32));
	} else {
		tb_dec(tb, sig);
	}
}

/* A signal set's member: the name without "SIG". */
static void print_signal_short(struct text_buffer *tb, long sig)
{
	const char *name = value_table_name(value_table_get(VT_SIGNAL),
					    (uint64_t)sig);
	if (print_signal_styled(tb, sig, 1, print_signal_short))
		return;
	if (name) {
		tb_str(tb, name + 3);
	} else if (sig == 32) {
		tb_str(tb, "RTMIN");
	} else if (sig > 32 && sig <= 64) {
		tb_str(tb, "RT_");
		tb_udec(tb, (unsigned)(sig - 32));
	} else {
		tb_udec(tb, (unsigned)sig);
	}
}

void print_sigset_bits(struct text_buffer *tb, const unsigned char *set,
		       size_t bytes)
{
	size_t nbits = bytes * 8;
	size_t count = 0;
	for (size_t i = 0; i < nbits; i++)
		count += (set[i / 8] >> (i % 8)) & 1;
	/* More than two thirds set: strace prints the complement. */
	int invert = count >= nbits * 2 / 3;
	if (invert)
		tb_char(tb, '~');
	tb_char(tb, '[');
	int first = 1;
	for (size_t i = 0; i < nbits; i++) {
		int bit = (set[i / 8] >> (i % 8)) & 1;
		if (bit == invert)
			continue;
		if (!first)
			tb_char(tb, ' ');
		first = 0;
		print_signal_short(tb, (int)i + 1);
	}
	tb_char(tb, ']');
}

void print_sigset(const struct decode_context *ctx, uintptr_t addr,
		  size_t bytes)
{
	unsigned char set[16];
	if (addr == 0) {
		tb_str(ctx->tb, "NULL");
		return;
	}
	/* A size other than the kernel's set (which the kernel refuses:
	 * EINVAL) is printed as its address, as strace prints it. */
	if (bytes == 0 || bytes > KERNEL_SIGSET_SIZE || (bytes & 7)) {
		tb_hex_raw(ctx->tb, addr);
		return;
	}
	if (!fetch(ctx, set, addr, bytes))
		return;
	print_sigset_bits(ctx->tb, set, bytes);
}

void print_sigset_any_len(const struct decode_context *ctx, uintptr_t addr,
			  size_t bytes)
{
	unsigned char set[KERNEL_SIGSET_SIZE];
	if (addr != 0 && (bytes == 0 || bytes > KERNEL_SIGSET_SIZE)) {
		tb_hex_raw(ctx->tb, addr);
		return;
	}
	if (fetch(ctx, set, addr, bytes))
		print_sigset_bits(ctx->tb, set, bytes);
}

void print_sigaction(const struct decode_context *ctx, uintptr_t addr)
{
	struct {
		uint64_t handler, flags, restorer, mask;
	} sa;
	if (!fetch(ctx, &sa, addr, sizeof(sa)))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{sa_handler=");
	if (sa.handler == 0)
		print_named_value(tb, 0, "SIG_DFL", CONST_HEX);
	else if (sa.handler == 1)
		print_named_value(tb, 1, "SIG_IGN", CONST_HEX);
	else
		tb_hex_raw(tb, sa.handler);
	tb_str(tb, ", sa_mask=");
	print_sigset_bits(tb, (const unsigned char *)&sa.mask, 8);
	tb_str(tb, ", sa_flags=");
	print_flags(tb, value_table_get(VT_SA_FLAGS), sa.flags);
	if (sa.flags & KERNEL_SA_RESTORER) {
		tb_str(tb, ", sa_restorer=");
		tb_ptr(tb, sa.restorer);
	}
	tb_char(tb, '}');
}

static void print_timespec_fields(struct text_buffer *tb, long long sec,
				  long long nsec, const char *sub)
{
	tb_str(tb, "{tv_sec=");
	tb_dec(tb, sec);
	tb_str(tb, ", ");
	tb_str(tb, sub);
	tb_char(tb, '=');
	tb_udec(tb, (unsigned long long)nsec); /* strace: %llu */
	tb_char(tb, '}');
}

static void print_rlim(struct text_buffer *tb, uint64_t v, const char *inf)
{
	int named = v == UINT64_MAX || (v > 1024 && v % 1024 == 0);
	int begun = named ? const_names_begin(tb, v, CONST_UDEC) : 1;
	if (!begun)
		return;
	if (v == UINT64_MAX) {
		tb_str(tb, inf);
	} else if (v > 1024 && v % 1024 == 0) {
		tb_udec(tb, v / 1024);
		tb_str(tb, "*1024");
	} else {
		tb_udec(tb, v);
	}
	if (named)
		const_names_end(tb, begun);
}

int file_mode_is_device(unsigned mode)
{
	return S_ISCHR(mode) || S_ISBLK(mode);
}

static void print_stat(const struct decode_context *ctx, uintptr_t addr)
{
	if (!ctx_abbrev(ctx)) {
		print_stat_unabbreviated(ctx, addr);
		return;
	}
	struct {
		uint64_t dev, ino, nlink;
		uint32_t mode, uid, gid, pad0;
		uint64_t rdev;
		int64_t size, blksize, blocks;
		uint64_t times[6];
		int64_t unused[3];
	} st;
	if (!fetch(ctx, &st, addr, sizeof(st)))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{st_mode=");
	print_file_mode(tb, st.mode);
	if (file_mode_is_device(st.mode)) {
		tb_str(tb, ", st_rdev=");
		print_makedev(tb, st.rdev);
	} else {
		tb_str(tb, ", st_size=");
		tb_dec(tb, st.size);
	}
	tb_str(tb, ", ...}");
}

static void print_statx(const struct decode_context *ctx, uintptr_t addr)
{
	if (!ctx_abbrev(ctx)) {
		print_statx_unabbreviated(ctx, addr);
		return;
	}
	struct {
		uint32_t mask, blksize;
		uint64_t attributes;
		uint32_t nlink, uid, gid;
		uint16_t mode, pad1;
		uint64_t ino, size, blocks, attributes_mask;
	} sx;
	if (!fetch(ctx, &sx, addr, sizeof(sx)))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{stx_mask=");
	print_flags(tb, value_table_get(VT_STATX_MASK), sx.mask);
	tb_str(tb, ", stx_attributes=");
	print_flags(tb, value_table_get(VT_STATX_ATTRS), sx.attributes);
	tb_str(tb, ", stx_mode=");
	print_file_mode(tb, sx.mode);
	tb_str(tb, ", stx_size=");
	tb_udec(tb, sx.size);
	tb_str(tb, ", ...}");
}

static void print_sysinfo(const struct decode_context *ctx, uintptr_t addr)
{
	struct {
		int64_t uptime;
		uint64_t loads[3];
		uint64_t totalram, freeram, sharedram, bufferram;
		uint64_t totalswap, freeswap;
		uint16_t procs, pad;
		uint32_t pad2;
		uint64_t totalhigh, freehigh;
		uint32_t mem_unit;
	} si;
	if (!fetch(ctx, &si, addr, sizeof(si)))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{uptime=");
	tb_dec(tb, si.uptime);
	tb_str(tb, ", loads=[");
	for (int i = 0; i < 3; i++) {
		if (i)
			tb_str(tb, ", ");
		tb_udec(tb, si.loads[i]);
	}
	tb_str(tb, "], totalram=");
	tb_udec(tb, si.totalram);
	tb_str(tb, ", freeram=");
	tb_udec(tb, si.freeram);
	tb_str(tb, ", sharedram=");
	tb_udec(tb, si.sharedram);
	tb_str(tb, ", bufferram=");
	tb_udec(tb, si.bufferram);
	tb_str(tb, ", totalswap=");
	tb_udec(tb, si.totalswap);
	tb_str(tb, ", freeswap=");
	tb_udec(tb, si.freeswap);
	tb_str(tb, ", procs=");
	tb_udec(tb, si.procs);
	tb_str(tb, ", totalhigh=");
	tb_udec(tb, si.totalhigh);
	tb_str(tb, ", freehigh=");
	tb_udec(tb, si.freehigh);
	tb_str(tb, ", mem_unit=");
	tb_udec(tb, si.mem_unit);
	tb_char(tb, '}');
}

static void print_utsname(const struct decode_context *ctx, uintptr_t addr)
{
	unsigned char uts[130];
	if (!fetch(ctx, uts, addr, sizeof(uts)))
		return;
	tb_str(ctx->tb, "{sysname=");
	print_quoted_local(ctx, uts, 65, 1);
	tb_str(ctx->tb, ", nodename=");
	print_quoted_local(ctx, uts + 65, 65, 1);
	if (ctx_abbrev(ctx)) {
		tb_str(ctx->tb, ", ...}");
		return;
	}
	/* -v: every field, as strace prints them. */
	static const char *const rest[] = {", release=", ", version=",
					   ", machine=", ", domainname="};
	unsigned char more[4 * 65];
	if (!read_exact(ctx, more, addr + 130, sizeof more)) {
		tb_str(ctx->tb, ", ...}");
		return;
	}
	for (int i = 0; i < 4; i++) {
		tb_str(ctx->tb, rest[i]);
		print_quoted_local(ctx, more + 65 * i, 65, 1);
	}
	tb_char(ctx->tb, '}');
}

/* struct sigevent as strace prints it: its value only when set, the signal
 * by name where the notification is one, the thread or function where
 * it names one. */
static void print_sigevent(const struct decode_context *ctx, uintptr_t addr)
{
	struct {
		uint64_t value; /* union sigval: sival_int in the low half */
		int32_t signo, notify;
		union {
			int32_t tid;
			struct {
				uint64_t function, attributes;
			} thread;
		} un;
	} ev;
	if (!fetch(ctx, &ev, addr, sizeof ev))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_char(tb, '{');
	if (ev.value) {
		tb_str(tb, "sigev_value={sival_int=");
		tb_dec(tb, (int32_t)ev.value);
		tb_str(tb, ", sival_ptr=");
		tb_hex_raw(tb, ev.value);
		tb_str(tb, "}, ");
	}
	tb_str(tb, "sigev_signo=");
	if (ev.notify == SIGEV_SIGNAL || ev.notify == SIGEV_THREAD ||
	    ev.notify == 4 /* SIGEV_THREAD_ID */)
		print_signal(tb, ev.signo);
	else
		tb_udec(tb, (uint32_t)ev.signo);
	tb_str(tb, ", sigev_notify=");
	print_enum(tb, value_table_get(VT_SIGEV_NOTIFY), (uint32_t)ev.notify);
	if (ev.notify == 4) {
		tb_str(tb, ", sigev_notify_thread_id=");
		tb_dec(tb, ev.un.tid);
	} else if (ev.notify == SIGEV_THREAD) {
		/* strace's printaddr: NULL or the address. */
		const uint64_t at[2] = {ev.un.thread.function,
					ev.un.thread.attributes};
		for (int i = 0; i < 2; i++) {
			tb_str(tb, i ? ", sigev_notify_attributes="
				     : ", sigev_notify_function=");
			if (at[i])
				tb_hex_raw(tb, at[i]);
			else
				tb_str(tb, "NULL");
		}
	}
	tb_char(tb, '}');
}

static void print_statfs(const struct decode_context *ctx, uintptr_t addr)
{
	struct {
		int64_t type, bsize;
		uint64_t blocks, bfree, bavail, files, ffree;
		int32_t fsid[2];
		int64_t namelen, frsize, flags, spare[4];
	} sf;
	if (!fetch(ctx, &sf, addr, sizeof(sf)))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{f_type=");
	const char *magic = value_table_name(value_table_get(VT_FS_MAGIC),
					     (uint64_t)sf.type);
	if (magic)
		tb_str(tb, magic);
	else
		tb_hex(tb, (uint64_t)sf.type);
	tb_str(tb, ", f_bsize=");
	tb_dec(tb, sf.bsize);
	tb_str(tb, ", f_blocks=");
	tb_udec(tb, sf.blocks);
	tb_str(tb, ", f_bfree=");
	tb_udec(tb, sf.bfree);
	tb_str(tb, ", f_bavail=");
	tb_udec(tb, sf.bavail);
	tb_str(tb, ", f_files=");
	tb_udec(tb, sf.files);
	tb_str(tb, ", f_ffree=");
	tb_udec(tb, sf.ffree);
	tb_str(tb, ", f_fsid={val=[");
	tb_hex(tb, (uint32_t)sf.fsid[0]);
	tb_str(tb, ", ");
	tb_hex(tb, (uint32_t)sf.fsid[1]);
	tb_str(tb, "]}, f_namelen=");
	tb_dec(tb, sf.namelen);
	tb_str(tb, ", f_frsize=");
	tb_dec(tb, sf.frsize);
	tb_str(tb, ", f_flags=");
	print_flags(tb, value_table_get(VT_STATFS_FLAGS), (uint64_t)sf.flags);
	tb_char(tb, '}');
}

void print_timeval_pair(struct text_buffer *tb, const int64_t *v)
{
	print_timespec_fields(tb, v[0], v[1], "tv_usec");
}

void print_clock_t(struct text_buffer *tb, uint64_t ticks)
{
	tb_udec(tb, ticks);
	if (!ticks || tb->style == CONST_STYLE_RAW) /* -X raw: no seconds */
		return;
	/* strace: val / clk_tck, then val % clk_tck in as many digits as
	 * clk_tck - 1 has; USER_HZ is 100 on x86-64 Linux. */
	tb_str(tb, " /* ");
	tb_udec(tb, ticks / 100);
	tb_char(tb, '.');
	tb_char(tb, (char)('0' + ticks % 100 / 10));
	tb_char(tb, (char)('0' + ticks % 10));
	tb_str(tb, " s */");
}

/* utimensat's times[2] (timespecs: UTIME_NOW and UTIME_OMIT by name, a
 * time with its date in a comment, strace's print_timespec_t_utime) or,
 * usec, utimes' and futimesat's (timevals: each date to the microsecond,
 * strace's print_timeval_t_utime). */
static void print_utime_pair(const struct decode_context *ctx,
			     const int64_t *v, int usec)
{
	struct text_buffer *tb = ctx->tb;
	tb_char(tb, '[');
	for (unsigned long i = 0; i < 2; i++) {
		if (ctx_array_cut(ctx, i))
			break;
		if (i)
			tb_str(tb, ", ");
		long long sec = v[2 * i], part = v[2 * i + 1];
		const char *special = 0;
		if (!usec && part == UTIME_NOW)
			special = "UTIME_NOW";
		else if (!usec && part == UTIME_OMIT)
			special = "UTIME_OMIT";
		if (!special || tb->style != CONST_STYLE_ABBREV)
			print_timespec_fields(tb, sec, part,
					      usec ? "tv_usec" : "tv_nsec");
		if (!special) {
			print_time_comment_part(tb, sec, (unsigned long long)part,
						usec ? 6 : 9);
		} else if (tb->style == CONST_STYLE_VERBOSE) {
			tb_str(tb, " /* ");
			tb_str(tb, special);
			tb_str(tb, " */");
		} else if (tb->style == CONST_STYLE_ABBREV) {
			tb_str(tb, special);
		}
	}
	tb_char(tb, ']');
}

void print_mq_attr(const struct decode_context *ctx, uintptr_t addr,
		   int flags_by_name)
{
	struct text_buffer *tb = ctx->tb;
	int64_t v[8]; /* the whole struct, its reserved words too */
	if (!fetch(ctx, v, addr, sizeof v))
		return;
	tb_str(tb, "{mq_flags=");
	if (flags_by_name)
		print_flags(tb, value_table_get(VT_MQ_ATTR_FLAGS), (uint64_t)v[0]);
	else
		tb_hex(tb, (uint64_t)v[0]);
	tb_str(tb, ", mq_maxmsg=");
	tb_dec(tb, v[1]);
	tb_str(tb, ", mq_msgsize=");
	tb_dec(tb, v[2]);
	tb_str(tb, ", mq_curmsgs=");
	tb_dec(tb, v[3]);
	tb_char(tb, '}');
}

/* sigaltstack's ss_flags (strace's sigaltstack_flags); SS_AUTODISARM is
 * the kernel's (<linux/signal.h>), which glibc's headers lack. */
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1u << 31)
#endif
static const struct named_value sigaltstack_names[] = {
	{ SS_ONSTACK, "SS_ONSTACK" },
	{ SS_DISABLE, "SS_DISABLE" },
	{ SS_AUTODISARM, "SS_AUTODISARM" },
};
static const struct value_table sigaltstack_flags = {
	sigaltstack_names, sizeof sigaltstack_names / sizeof *sigaltstack_names,
	"SS_???"
};

static void print_epoll_event(const struct decode_context *ctx,
			      const void *elem);

void print_struct(const struct decode_context *ctx, unsigned type,
		  uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	int64_t v[4];
	switch (type) {
	case STRUCT_STAT:
		print_stat(ctx, addr);
		return;
	case STRUCT_STATX:
		print_statx(ctx, addr);
		return;
	case STRUCT_STATFS:
		print_statfs(ctx, addr);
		return;
	case STRUCT_SYSINFO:
		print_sysinfo(ctx, addr);
		return;
	case STRUCT_UTSNAME:
		print_utsname(ctx, addr);
		return;
	case STRUCT_TIMESPEC:
		if (fetch(ctx, v, addr, 16))
			print_timespec_fields(tb, v[0], v[1], "tv_nsec");
		return;
	case STRUCT_TIMEVAL:
		if (fetch(ctx, v, addr, 16))
			print_timeval_pair(tb, v);
		return;
	case STRUCT_SIGSET_ARGPACK: /* pselect6's { sigset_t *ss; size_t len } */
		if (fetch(ctx, v, addr, 16)) {
			tb_str(tb, "{sigmask=");
			print_sigset(ctx, (uintptr_t)v[0], (unsigned long)v[1]);
			tb_str(tb, ", sigsetsize=");
			tb_udec(tb, (unsigned long long)v[1]);
			tb_char(tb, '}');
		}
		return;
	case STRUCT_TIMEZONE:
		if (fetch(ctx, v, addr, 8)) {
			int32_t *tz = (int32_t *)v;
			tb_str(tb, "{tz_minuteswest=");
			tb_dec(tb, tz[0]);
			tb_str(tb, ", tz_dsttime=");
			tb_dec(tb, tz[1]);
			tb_char(tb, '}');
		}
		return;
	case STRUCT_SIGEVENT:
		print_sigevent(ctx, addr);
		return;
	case STRUCT_ITIMERVAL:
	case STRUCT_ITIMERSPEC:
		if (fetch(ctx, v, addr, 32)) {
			const char *sub = type == STRUCT_ITIMERVAL ? "tv_usec"
								   : "tv_nsec";
			tb_str(tb, "{it_interval=");
			print_timespec_fields(tb, v[0], v[1], sub);
			tb_str(tb, ", it_value=");
			print_timespec_fields(tb, v[2], v[3], sub);
			tb_char(tb, '}');
		}
		return;
	case STRUCT_TIMESPEC_PAIR:
		if (fetch(ctx, v, addr, 32))
			print_utime_pair(ctx, v, 0);
		return;
	case STRUCT_TIMEVAL_PAIR:
		if (fetch(ctx, v, addr, 32))
			print_utime_pair(ctx, v, 1);
		return;
	case STRUCT_UTIMBUF: /* strace's utime: each date in a comment */
		if (fetch(ctx, v, addr, 16)) {
			tb_str(tb, "{actime=");
			tb_dec(tb, v[0]);
			print_time_comment_part(tb, v[0], 0, 0);
			tb_str(tb, ", modtime=");
			tb_dec(tb, v[1]);
			print_time_comment_part(tb, v[1], 0, 0);
			tb_char(tb, '}');
		}
		return;
	case STRUCT_MQ_ATTR:
		print_mq_attr(ctx, addr, 1);
		return;
	/* strace's printnum_*: the value in brackets. */
	case STRUCT_TIME_T:
	case STRUCT_ULONG:
	case STRUCT_ADDRESS:
		if (fetch(ctx, v, addr, 8)) {
			tb_char(tb, '[');
			if (type == STRUCT_ADDRESS)
				tb_ptr(tb, (uintptr_t)v[0]);
			else if (type == STRUCT_ULONG)
				tb_udec(tb, (uint64_t)v[0]);
			else {
				tb_dec(tb, v[0]);
				print_time_comment_part(tb, v[0], 0, 0);
			}
			tb_char(tb, ']');
		}
		return;
	case STRUCT_EPOLL_EVENT: {
		struct epoll_event ev;
		if (fetch(ctx, &ev, addr, sizeof ev))
			print_epoll_event(ctx, &ev);
		return;
	}
	case STRUCT_RLIMIT:
	case STRUCT_RLIMIT64:
		if (fetch(ctx, v, addr, 16)) {
			/* rlim_t has 64 bits on x86-64: strace 6.1 names
			 * getrlimit's infinity as prlimit64's. */
			const char *inf = "RLIM64_INFINITY";
			tb_str(tb, "{rlim_cur=");
			print_rlim(tb, (uint64_t)v[0], inf);
			tb_str(tb, ", rlim_max=");
			print_rlim(tb, (uint64_t)v[1], inf);
			tb_char(tb, '}');
		}
		return;
	case STRUCT_SIGINFO: {
		int32_t si[32];
		if (fetch(ctx, si, addr, sizeof si)) {
			if (si[0] == 0) /* nothing to report (WNOHANG) */
				tb_str(tb, "{}");
			else
				print_siginfo(ctx, si);
		}
		return;
	}
	case STRUCT_RUSAGE:
		if (!ctx_abbrev(ctx))
			print_rusage_unabbreviated(ctx, addr);
		else if (fetch(ctx, v, addr, 32)) {
			tb_str(tb, "{ru_utime=");
			print_timeval_pair(tb, v);
			tb_str(tb, ", ru_stime=");
			print_timeval_pair(tb, v + 2);
			tb_str(tb, ", ...}");
		}
		return;
	case STRUCT_TMS:
		if (fetch(ctx, v, addr, 32)) {
			tb_str(tb, "{tms_utime=");
			print_clock_t(tb, (uint64_t)v[0]);
			tb_str(tb, ", tms_stime=");
			print_clock_t(tb, (uint64_t)v[1]);
			tb_str(tb, ", tms_cutime=");
			print_clock_t(tb, (uint64_t)v[2]);
			tb_str(tb, ", tms_cstime=");
			print_clock_t(tb, (uint64_t)v[3]);
			tb_char(tb, '}');
		}
		return;
	case STRUCT_STACK_T:
		if (fetch(ctx, v, addr, 24)) {
			tb_str(tb, "{ss_sp=");
			tb_ptr(tb, (uint64_t)v[0]);
			tb_str(tb, ", ss_flags=");
			print_flags(tb, &sigaltstack_flags, (uint32_t)v[1]);
			tb_str(tb, ", ss_size=");
			tb_udec(tb, (uint64_t)v[2]);
			tb_char(tb, '}');
		}
		return;
	case STRUCT_OPEN_HOW: /* without its size: as at least 24 bytes */
		print_open_how(ctx, addr, 24);
		return;
	default:
		tb_ptr(tb, addr);
		return;
	}
}

static const struct named_value resolve_names[] = {
	{ RESOLVE_NO_XDEV, "RESOLVE_NO_XDEV" },
	{ RESOLVE_NO_MAGICLINKS, "RESOLVE_NO_MAGICLINKS" },
	{ RESOLVE_NO_SYMLINKS, "RESOLVE_NO_SYMLINKS" },
	{ RESOLVE_BENEATH, "RESOLVE_BENEATH" },
	{ RESOLVE_IN_ROOT, "RESOLVE_IN_ROOT" },
	{ RESOLVE_CACHED, "RESOLVE_CACHED" },
};
static const struct value_table resolve_flags = {
	resolve_names, sizeof resolve_names / sizeof *resolve_names,
	"RESOLVE_???"
};

/* Whether the len bytes at addr are all 0 (*readable says whether they
 * could be read at all). */
static int remote_all_zero(const struct decode_context *ctx, uintptr_t addr,
			   size_t len, int *readable)
{
	uint64_t chunk[16];
	int zero = 1;
	*readable = 1;
	for (size_t off = 0; off < len; off += sizeof chunk) {
		size_t n = len - off < sizeof chunk ? len - off : sizeof chunk;
		if (!read_exact(ctx, chunk, addr + off, n)) {
			*readable = 0;
			return 0;
		}
		for (size_t i = 0; i < n; i++)
			if (((const unsigned char *)chunk)[i])
				zero = 0;
	}
	return zero;
}

void print_open_how(const struct decode_context *ctx, uintptr_t addr,
		    unsigned long size)
{
	struct text_buffer *tb = ctx->tb;
	struct open_how how;
	if (size < 24) { /* OPEN_HOW_SIZE_VER0 */
		tb_ptr(tb, addr);
		return;
	}
	if (!fetch(ctx, &how, addr, sizeof how))
		return;
	tb_str(tb, "{flags=");
	print_open_flags(tb, how.flags);
	/* strace 6.1: the mode with O_CREAT or __O_TMPFILE, or when set. */
	if ((how.flags & (O_CREAT | (O_TMPFILE & ~O_DIRECTORY))) || how.mode) {
		tb_str(tb, ", mode=");
		print_mode_octal(tb, how.mode);
	}
	tb_str(tb, ", resolve=");
	print_flags(tb, &resolve_flags, how.resolve);
	/* The bytes past the struct the kernel knows, up to a page: shown
	 * unless all 0 (strace's print_nonzero_bytes). */
	if (size > sizeof how) {
		unsigned long end = size < 4096 ? size : 4096;
		int readable;
		if (!remote_all_zero(ctx, addr + sizeof how, end - sizeof how,
				     &readable)) {
			tb_str(tb, ", ");
			if (!readable) {
				tb_str(tb, "???");
			} else {
				tb_str(tb, "/* bytes ");
				tb_udec(tb, sizeof how);
				tb_str(tb, "..");
				tb_udec(tb, end - 1);
				tb_str(tb, " */ ");
				print_buffer(ctx, addr + sizeof how,
					     end - sizeof how, 1);
			}
		}
	}
	tb_char(tb, '}');
}

void print_wait_status(const struct decode_context *ctx, uintptr_t addr)
{
	int32_t status;
	if (!fetch(ctx, &status, addr, 4))
		return;
	struct text_buffer *tb = ctx->tb;
	/* strace's printstatus names the signal whatever -X says. */
	int style = tb->style;
	tb->style = CONST_STYLE_ABBREV;
	tb_str(tb, "[{");
	int s = status;
	if ((s & 0x7f) == 0) {
		tb_str(tb, "WIFEXITED(s) && WEXITSTATUS(s) == ");
		tb_dec(tb, (s >> 8) & 0xff);
	} else if ((s & 0xff) == 0x7f) {
		tb_str(tb, "WIFSTOPPED(s) && WSTOPSIG(s) == ");
		print_signal(tb, (s >> 8) & 0xff);
	} else if (s == 0xffff) {
		tb_str(tb, "WIFCONTINUED(s)");
	} else {
		tb_str(tb, "WIFSIGNALED(s) && WTERMSIG(s) == ");
		print_signal(tb, s & 0x7f);
		if (s & 0x80)
			tb_str(tb, " && WCOREDUMP(s)");
	}
	tb_str(tb, "}]");
	tb->style = style;
}

void print_ipv4_text(struct text_buffer *tb, const unsigned char *a)
{
	for (int i = 0; i < 4; i++) {
		if (i)
			tb_char(tb, '.');
		tb_udec(tb, a[i]);
	}
}

void print_ipv6_text(struct text_buffer *tb, const unsigned char *a)
{
	unsigned words[8];
	for (int i = 0; i < 8; i++)
		words[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	/* IPv4-mapped: ::ffff:a.b.c.d */
	if (!words[0] && !words[1] && !words[2] && !words[3] && !words[4] &&
	    words[5] == 0xffff) {
		tb_str(tb, "::ffff:");
		print_ipv4_text(tb, a + 12);
		return;
	}
	int best = -1, best_len = 0;
	for (int i = 0; i < 8;) {
		if (words[i]) {
			i++;
			continue;
		}
		int j = i;
		while (j < 8 && !words[j])
			j++;
		if (j - i > best_len && j - i > 1) {
			best = i;
			best_len = j - i;
		}
		i = j;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			tb_str(tb, "::");
			i += best_len - 1;
			continue;
		}
		if (i && i != best + best_len)
			tb_char(tb, ':');
		static const char hex[] = "0123456789abcdef";
		char d[4];
		int n = 0;
		unsigned w = words[i];
		do {
			d[n++] = hex[w & 15];
			w >>= 4;
		} while (w);
		while (n)
			tb_char(tb, d[--n]);
	}
}

/* strace's PRINT_FIELD_NET_PORT and its kin under -X: raw prints the
 * field's bytes as a hex string, verbose those and then, in a comment,
 * what abbrev prints (htons(9)); returns whether to print that. */
static int net_field_begin(struct text_buffer *tb, const char *field,
			   const unsigned char *b, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	tb_str(tb, field);
	if (tb->style == CONST_STYLE_ABBREV)
		return 1;
	tb_char(tb, '"');
	for (size_t i = 0; i < n; i++) {
		tb_str(tb, "\\x");
		tb_char(tb, hex[b[i] >> 4]);
		tb_char(tb, hex[b[i] & 15]);
	}
	tb_char(tb, '"');
	if (tb->style == CONST_STYLE_RAW)
		return 0;
	tb_str(tb, " /* ");
	return 1;
}

static void net_field_end(struct text_buffer *tb)
{
	if (tb->style == CONST_STYLE_VERBOSE)
		tb_str(tb, " */");
}

/* ", sin_port=htons(9)", the port's two bytes in network order. */
static void print_port(struct text_buffer *tb, const char *field,
		       const unsigned char *b)
{
	if (net_field_begin(tb, field, b, 2)) {
		tb_str(tb, "htons(");
		tb_udec(tb, (unsigned)b[0] << 8 | b[1]);
		tb_char(tb, ')');
		net_field_end(tb);
	}
}

void print_sockaddr(const struct decode_context *ctx, uintptr_t addr, long len)
{
	unsigned char sa[128];
	struct text_buffer *tb = ctx->tb;
	if (addr == 0) {
		tb_str(tb, "NULL");
		return;
	}
	if (len < 2) {
		tb_hex_raw(tb, addr);
		return;
	}
	size_t n = (size_t)len < sizeof(sa) ? (size_t)len : sizeof(sa);
	if (!fetch(ctx, sa, addr, n))
		return;
	unsigned family = sa[0] | (unsigned)sa[1] << 8;
	tb_str(tb, "{sa_family=");
	print_enum(tb, value_table_get(VT_ADDRESS_FAMILY), family);
	if (family == 1) { /* AF_UNIX */
		size_t plen = n - 2;
		if (plen == 0) {
			tb_char(tb, '}');
			return;
		}
		tb_str(tb, ", sun_path=");
		if (sa[2] == 0) {
			tb_char(tb, '@');
			print_quoted_local(ctx, sa + 3, plen - 1, 0);
		} else {
			print_quoted_local(ctx, sa + 2, plen, 1);
		}
	} else if (family == 2 && n >= 8) { /* AF_INET */
		print_port(tb, ", sin_port=", sa + 2);
		if (net_field_begin(tb, ", sin_addr=", sa + 4, 4)) {
			tb_str(tb, "inet_addr(\"");
			print_ipv4_text(tb, sa + 4);
			tb_str(tb, "\")");
			net_field_end(tb);
		}
	} else if (family == 10 && n >= 24) { /* AF_INET6 */
		print_port(tb, ", sin6_port=", sa + 2);
		if (net_field_begin(tb, ", sin6_flowinfo=", sa + 4, 4)) {
			tb_str(tb, "htonl(");
			tb_udec(tb, (uint32_t)sa[4] << 24 |
					    (uint32_t)sa[5] << 16 |
					    (uint32_t)sa[6] << 8 | sa[7]);
			tb_char(tb, ')');
			net_field_end(tb);
		}
		/* abbrev: inet_pton(AF_INET6, "::", &sin6_addr) in the
		 * field's place; verbose the bytes, then the call without
		 * its last argument. */
		int named = tb->style == CONST_STYLE_ABBREV
				    ? (tb_str(tb, ", "), 1)
				    : net_field_begin(tb, ", sin6_addr=", sa + 8,
						      16);
		if (named) {
			tb_str(tb, "inet_pton(AF_INET6, \"");
			print_ipv6_text(tb, sa + 8);
			tb_char(tb, '"');
			if (tb->style == CONST_STYLE_ABBREV)
				tb_str(tb, ", &sin6_addr");
			tb_char(tb, ')');
			net_field_end(tb);
		}
		if (n >= 28) {
			uint32_t scope = sa[24] | (uint32_t)sa[25] << 8 |
					 (uint32_t)sa[26] << 16 |
					 (uint32_t)sa[27] << 24;
			/* As strace: a link-local address's (fe80::/10, or
			 * multicast ff?2::) scope is an interface. */
			int link_local =
				(sa[8] == 0xfe && (sa[9] & 0xc0) == 0x80) ||
				(sa[8] == 0xff && (sa[9] & 0x0f) == 0x02);
			tb_str(tb, ", sin6_scope_id=");
			if (link_local)
				print_ifindex(ctx, scope);
			else
				tb_udec(tb, scope);
		}
	} else if (family == 16 && n >= 12) { /* AF_NETLINK */
		uint32_t pid = sa[4] | (uint32_t)sa[5] << 8 |
			       (uint32_t)sa[6] << 16 | (uint32_t)sa[7] << 24;
		uint32_t groups = sa[8] | (uint32_t)sa[9] << 8 |
				  (uint32_t)sa[10] << 16 |
				  (uint32_t)sa[11] << 24;
		tb_str(tb, ", nl_pid=");
		tb_udec(tb, pid);
		/* strace's %#08x: 0 as eight zeros, else 0x and the
		 * digits, at least six. */
		tb_str(tb, ", nl_groups=");
		static const char hex[] = "0123456789abcdef";
		int digits = 8;
		if (groups) {
			tb_str(tb, "0x");
			for (digits = 6; digits < 8 && groups >> (4 * digits);
			     digits++)
				;
		}
		for (int i = digits - 1; i >= 0; i--)
			tb_char(tb, hex[(groups >> (4 * i)) & 15]);
	} else if (family == 17 && n >= 20) { /* AF_PACKET: sockaddr_ll */
		if (net_field_begin(tb, ", sll_protocol=", sa + 2, 2)) {
			/* The comment of -X verbose holds abbrev's form. */
			int style = tb->style;
			tb->style = CONST_STYLE_ABBREV;
			tb_str(tb, "htons(");
			print_enum(tb, value_table_get(VT_ETHERNET_PROTOCOL),
				   (unsigned)sa[2] << 8 | sa[3]);
			tb_char(tb, ')');
			tb->style = style;
			net_field_end(tb);
		}
		tb_str(tb, ", sll_ifindex=");
		print_ifindex(ctx, sa[4] | (uint32_t)sa[5] << 8 |
					   (uint32_t)sa[6] << 16 |
					   (uint32_t)sa[7] << 24);
		tb_str(tb, ", sll_hatype=");
		print_enum(tb, &arp_hardware_types, sa[8] | (unsigned)sa[9] << 8);
		tb_str(tb, ", sll_pkttype=");
		print_enum(tb, value_table_get(VT_PACKET_TYPE), sa[10]);
		unsigned halen = sa[11];
		tb_str(tb, ", sll_halen=");
		tb_udec(tb, halen);
		/* The address's bytes, of the 8 sll_addr holds. */
		for (unsigned i = 0; i < halen && i <= 8; i++) {
			tb_str(tb, i ? ", " : ", sll_addr=[");
			if (i == 8)
				tb_str(tb, "...");
			else if (!sa[12 + i])
				tb_str(tb, "00"); /* strace's "%#02x" */
			else
				tb_hex(tb, sa[12 + i]);
		}
		if (halen)
			tb_char(tb, ']');
	} else if (n > 2) {
		tb_str(tb, ", sa_data=");
		print_quoted_local(ctx, sa + 2, n - 2, 0);
	}
	tb_char(tb, '}');
}

void print_iovec(const struct decode_context *ctx, uintptr_t addr, long count,
		 long data_limit, int mode)
{
	struct text_buffer *tb = ctx->tb;
	if (addr == 0) {
		tb_str(tb, "NULL");
		return;
	}
	/* strace's print_array: [] for none, the address when the first
	 * cannot be read or the size overflows. */
	if (count == 0) {
		tb_str(tb, "[]");
		return;
	}
	uint64_t iov[2];
	if (count < 0 || (unsigned long)count > ~0UL / 16 - addr / 16 ||
	    !ctx_verbose(ctx) || !read_exact(ctx, iov, addr, sizeof(iov))) {
		tb_hex_raw(tb, addr);
		return;
	}
	long remaining = data_limit;
	tb_char(tb, '[');
	for (long i = 0; i < count; i++) {
		if (ctx_array_cut(ctx, (unsigned long)i))
			break;
		uintptr_t at = addr + (uintptr_t)i * 16;
		if (i && !read_exact(ctx, iov, at, 16)) {
			tb_str(tb, ", ... /* ");
			tb_hex_raw(tb, at);
			tb_str(tb, " */");
			break;
		}
		if (i)
			tb_str(tb, ", ");
		tb_str(tb, "{iov_base=");
		if (mode == IOV_BASES) {
			tb_ptr(tb, (uintptr_t)iov[0]);
		} else {
			unsigned long show = iov[1];
			if (remaining >= 0 && show > (unsigned long)remaining)
				show = (unsigned long)remaining;
			if (mode == IOV_NETLINK)
				print_netlink(ctx, ctx->args[0], iov[0], show);
			else
				print_buffer(ctx, iov[0], show, 0);
			if (remaining >= 0)
				remaining -= (long)show;
		}
		tb_str(tb, ", iov_len=");
		tb_udec(tb, iov[1]);
		tb_char(tb, '}');
	}
	tb_char(tb, ']');
}

void print_field_u(struct text_buffer *tb, const char *sep_name,
		   unsigned long long v)
{
	tb_str(tb, sep_name);
	tb_udec(tb, v);
}

void print_field_d(struct text_buffer *tb, const char *sep_name, long long v)
{
	tb_str(tb, sep_name);
	tb_dec(tb, v);
}

void print_field_id(struct text_buffer *tb, const char *sep_name, uint32_t v)
{
	tb_str(tb, sep_name);
	if (v == 0xffffffffu)
		tb_str(tb, "-1");
	else
		tb_udec(tb, v);
}

void print_field_flags(struct text_buffer *tb, const char *sep_name,
		       unsigned table, uint64_t v)
{
	tb_str(tb, sep_name);
	print_flags(tb, value_table_get(table), v);
}

int print_array_next(const struct decode_context *ctx, void *dst,
		     uintptr_t at, size_t n, unsigned long i)
{
	struct text_buffer *tb = ctx->tb;
	if (!read_exact(ctx, dst, at, n)) {
		if (i)
			tb_str(tb, ", ... /* ");
		tb_hex_raw(tb, at);
		if (i)
			tb_str(tb, " */");
		return 0;
	}
	tb_str(tb, i ? ", " : "[");
	return 1;
}

void print_str_array(const struct decode_context *ctx, uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	uint64_t p;
	if (addr == 0) {
		tb_str(tb, "NULL");
		return;
	}
	if (!ctx_verbose(ctx)) {
		tb_hex_raw(tb, addr);
		return;
	}
	if (!read_exact(ctx, &p, addr, 8)) {
		tb_hex_raw(tb, addr);
		return;
	}
	tb_char(tb, '[');
	for (long i = 0;; i++) {
		if (!read_exact(ctx, &p, addr + (uintptr_t)i * 8, 8)) {
			/* strace: ", ... " and the address in a comment. */
			tb_str(tb, ", ... /* ");
			tb_hex_raw(tb, addr + (uintptr_t)i * 8);
			tb_str(tb, " */");
			break;
		}
		if (p == 0)
			break;
		if (i)
			tb_str(tb, ", ");
		if (i >= ctx->opts->string_limit && ctx_abbrev(ctx)) {
			tb_str(tb, "...");
			break;
		}
		print_cstring(ctx, p);
	}
	tb_char(tb, ']');
}

void print_envp(const struct decode_context *ctx, uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	uint64_t p;
	if (!ctx_abbrev(ctx) || addr == 0 || !ctx_verbose(ctx)) {
		print_str_array(ctx, addr); /* -v: every string */
		return;
	}
	unsigned long count = 0;
	int unterminated = 0;
	/* The pointers a page's worth at a time, up to the end of the page
	 * they start on (a part of a page is readable as the page is, so
	 * the read is whole or nothing, as 8 bytes are): one read where
	 * there was one a variable, each a process_vm_readv in the launcher
	 * (38 for a usual environment) or a checked copy in the process. */
	uint64_t chunk[64];
	for (int done = 0; !done;) {
		uintptr_t at = addr + count * 8;
		size_t room = 4096 - (at & 4095), n = sizeof chunk;
		if (room < n)
			n = room < 8 ? 8 : room / 8 * 8;
		if (!read_exact(ctx, chunk, at, n)) {
			if (!count) {
				tb_hex_raw(tb, addr);
				return;
			}
			unterminated = 1;
			break;
		}
		for (size_t i = 0; i < n / 8; i++) {
			p = chunk[i];
			if (p == 0) {
				done = 1;
				break;
			}
			count++;
		}
	}
	tb_hex_raw(tb, addr);
	tb_str(tb, " /* ");
	tb_udec(tb, count);
	tb_str(tb, count == 1 ? " var" : " vars");
	tb_str(tb, unterminated ? ", unterminated */" : " */");
}

void print_dirents(const struct decode_context *ctx, uintptr_t addr, long bytes)
{
	struct text_buffer *tb = ctx->tb;
	unsigned long count = 0;
	long off = 0;
	while (off < bytes) {
		uint16_t reclen;
		if (!read_exact(ctx, &reclen, addr + (uintptr_t)off + 16, 2) ||
		    reclen == 0)
			break;
		count++;
		off += reclen;
	}
	tb_ptr(tb, addr);
	tb_str(tb, " /* ");
	tb_udec(tb, count);
	tb_str(tb, count == 1 ? " entry */" : " entries */");
}

void print_int_array_ptr(const struct decode_context *ctx, uintptr_t addr,
			 size_t count, size_t elem_size, int as_fd)
{
	struct text_buffer *tb = ctx->tb;
	int64_t v[2];
	if (count > 2)
		count = 2;
	if (!fetch(ctx, v, addr, count * elem_size))
		return;
	tb_char(tb, '[');
	for (size_t i = 0; i < count; i++) {
		if (i)
			tb_str(tb, ", ");
		long value = elem_size == 8 ? (long)v[i]
					    : (long)((int32_t *)v)[i];
		if (as_fd)
			print_fd(ctx, value);
		else
			tb_dec(tb, value);
	}
	tb_char(tb, ']');
}

void print_fd_array(const struct decode_context *ctx, uintptr_t addr,
		    size_t count)
{
	struct text_buffer *tb = ctx->tb;
	int32_t v[2];
	if (count > 2)
		count = 2;
	if (!fetch(ctx, v, addr, count * sizeof *v))
		return;
	tb_char(tb, '[');
	for (size_t i = 0; i < count; i++) {
		if (ctx_array_cut(ctx, i))
			break;
		if (i)
			tb_str(tb, ", ");
		print_fd(ctx, v[i]);
	}
	tb_char(tb, ']');
}

/* [e0, e1, ...]: count elements of elem_size bytes at addr, each printed
 * by `one`, as strace's print_array: cut at -s unless -v (an element
 * read before the cut), the address when the first cannot be read or
 * under -e verbose= without the call; NULL; the address when count < 0. */
void print_array_of(const struct decode_context *ctx, uintptr_t addr,
		    long count, unsigned long most, size_t elem_size,
		    void (*one)(const struct decode_context *, const void *))
{
	struct text_buffer *tb = ctx->tb;
	if (addr == 0) {
		tb_str(tb, "NULL");
		return;
	}
	if (count == 0) {
		tb_str(tb, "[]");
		return;
	}
	if (count < 0 || !ctx_verbose(ctx)) {
		tb_hex_raw(tb, addr);
		return;
	}
	for (unsigned long i = 0; i < (unsigned long)count; i++) {
		uint64_t elem[4];
		if (!print_array_next(ctx, elem, addr + i * elem_size,
				      elem_size, i)) {
			if (i == 0)
				return;
			break;
		}
		if ((ctx_abbrev(ctx) &&
		     i >= (unsigned long)ctx->opts->string_limit) ||
		    (most && i >= most)) {
			tb_str(tb, "...");
			break;
		}
		one(ctx, elem);
	}
	tb_char(tb, ']');
}

/* A uid or gid: -1 as -1 (strace's printuid). */
static void print_id(const struct decode_context *ctx, const void *elem)
{
	print_field_id(ctx->tb, "", *(const uint32_t *)elem);
}

void print_id_array(const struct decode_context *ctx, uintptr_t addr,
		    long count)
{
	print_array_of(ctx, addr, count, 0, 4, print_id);
}

static void print_addr_elem(const struct decode_context *ctx,
			    const void *elem)
{
	tb_ptr(ctx->tb, (uintptr_t)*(const uint64_t *)elem);
}

static void print_int_elem(const struct decode_context *ctx, const void *elem)
{
	tb_dec(ctx->tb, *(const int32_t *)elem);
}

/* A node, or a page's error as strace's print_err prints a negated errno:
 * -ENOENT, -2 under -X raw, -2 with -ENOENT in a comment under verbose. */
static void print_page_status(const struct decode_context *ctx,
			      const void *elem)
{
	struct text_buffer *tb = ctx->tb;
	int32_t status = *(const int32_t *)elem;
	const char *name = status < 0 ? errno_name(-(long)status) : 0;
	if (!name || tb->style != CONST_STYLE_ABBREV)
		tb_dec(tb, status);
	if (!name || tb->style == CONST_STYLE_RAW)
		return;
	tb_str(tb, tb->style == CONST_STYLE_ABBREV ? "-" : " /* -");
	tb_str(tb, name);
	if (tb->style != CONST_STYLE_ABBREV)
		tb_str(tb, " */");
}

void print_move_pages_array(const struct decode_context *ctx, unsigned kind,
			    uintptr_t addr, unsigned long count)
{
	/* Status after a failure: NULL and [] as ever, else its address
	 * (strace's print_array asks tfetch_mem only for an element). */
	if (kind == ARG_PAGE_STATUS_OUT && addr && count &&
	    is_error_result(ctx->result))
		tb_ptr(ctx->tb, addr);
	else if (kind == ARG_ADDR_ARRAY_IN)
		print_array_of(ctx, addr, (long)count, 0, 8, print_addr_elem);
	else
		print_array_of(ctx, addr, (long)count, 0, 4,
			       kind == ARG_INT_ARRAY_IN ? print_int_elem
							: print_page_status);
}

_Static_assert(sizeof(struct io_event) == 32, "STRUCT_IO_EVENT's size");

static void print_io_event(const struct decode_context *ctx, const void *elem)
{
	struct text_buffer *tb = ctx->tb;
	const struct io_event *ev = elem; /* <linux/aio_abi.h> */
	tb_str(tb, "{data=");
	tb_hex(tb, ev->data);
	tb_str(tb, ", obj=");
	tb_hex(tb, ev->obj);
	tb_str(tb, ", res=");
	tb_dec(tb, ev->res);
	tb_str(tb, ", res2=");
	tb_dec(tb, ev->res2);
	tb_char(tb, '}');
}

_Static_assert(sizeof(struct epoll_event) == 12, "STRUCT_EPOLL_EVENT's size");

/* {events=EPOLLIN, data={u32=3, u64=3}}: what the program keeps in data
 * is its own, so strace shows it both ways. */
static void print_epoll_event(const struct decode_context *ctx,
			      const void *elem)
{
	struct text_buffer *tb = ctx->tb;
	const struct epoll_event *ev = elem; /* packed on x86-64 */
	uint64_t data = ev->data.u64;
	print_field_flags(tb, "{events=", VT_EPOLL_EVENTS, ev->events);
	print_field_u(tb, ", data={u32=", (uint32_t)data);
	print_field_u(tb, ", u64=", data);
	tb_str(tb, "}}");
}

void print_events(const struct decode_context *ctx, unsigned type,
		  uintptr_t addr, long count)
{
	if (type == STRUCT_EPOLL_EVENT)
		print_array_of(ctx, addr, count, 0, sizeof(struct epoll_event),
			       print_epoll_event);
	else
		print_array_of(ctx, addr, count, 0, sizeof(struct io_event),
			       print_io_event);
}

void print_cpu_set(const struct decode_context *ctx, uintptr_t addr,
		   long bytes)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char set[128];
	if (addr == 0) {
		tb_str(tb, "NULL");
		return;
	}
	if (bytes < 0) {
		tb_hex_raw(tb, addr);
		return;
	}
	size_t n = (size_t)bytes < sizeof set ? (size_t)bytes : sizeof set;
	if (n && !read_exact(ctx, set, addr, n)) {
		tb_hex_raw(tb, addr);
		return;
	}
	tb_char(tb, '[');
	int first = 1;
	for (size_t cpu = 0; cpu < n * 8; cpu++) {
		if (!((set[cpu / 8] >> (cpu % 8)) & 1))
			continue;
		if (!first)
			tb_char(tb, ' ');
		first = 0;
		tb_udec(tb, cpu);
	}
	tb_char(tb, ']');
}

void print_pollfds(const struct decode_context *ctx, uintptr_t addr,
		   unsigned long count)
{
	struct text_buffer *tb = ctx->tb;
	struct {
		int32_t fd;
		int16_t events, revents;
	} p;
	if (addr == 0) {
		tb_str(tb, "NULL");
		return;
	}
	/* None: strace's print_array prints [] before it reads (under -e
	 * verbose=none too). */
	if (count == 0) {
		tb_str(tb, "[]");
		return;
	}
	/* -e verbose=none: strace shows the array's address. */
	if (!ctx_verbose(ctx) || !read_exact(ctx, &p, addr, sizeof(p))) {
		tb_hex_raw(tb, addr);
		return;
	}
	tb_char(tb, '[');
	for (unsigned long i = 0; i < count; i++) {
		/* One it cannot read: where, as strace's print_array, which
		 * reads an element before it cuts the array at -s. */
		if (!read_exact(ctx, &p, addr + i * 8, 8)) {
			tb_str(tb, ", ... /* ");
			tb_hex_raw(tb, addr + i * 8);
			tb_str(tb, " */");
			break;
		}
		if (ctx_array_cut(ctx, i))
			break;
		if (i)
			tb_str(tb, ", ");
		tb_str(tb, "{fd=");
		print_fd(ctx, p.fd);
		/* The kernel skips a negative fd: strace shows no events. */
		if (p.fd >= 0) {
			tb_str(tb, ", events=");
			print_flags(tb, value_table_get(VT_POLL_EVENTS),
				    (uint16_t)p.events);
		}
		tb_char(tb, '}');
	}
	tb_char(tb, ']');
}

int print_poll_revents(const struct decode_context *ctx, uintptr_t addr,
		       unsigned long count)
{
	struct text_buffer *tb = ctx->tb;
	struct {
		int32_t fd;
		int16_t events, revents;
	} p;
	int shown = 0;
	tb_char(tb, '[');
	for (unsigned long i = 0; i < count; i++) {
		if (!read_exact(ctx, &p, addr + i * 8, 8))
			break;
		if (!p.revents)
			continue;
		if (ctx_array_cut(ctx, (unsigned long)shown))
			break;
		if (shown++)
			tb_str(tb, ", ");
		/* The result names the fds bare, even under -y (strace). */
		tb_str(tb, "{fd=");
		tb_dec(tb, p.fd);
		tb_str(tb, ", revents=");
		print_flags(tb, value_table_get(VT_POLL_EVENTS),
			    (uint16_t)p.revents);
		tb_char(tb, '}');
	}
	tb_char(tb, ']');
	return shown;
}

int fdset_has_any(const struct decode_context *ctx, uintptr_t addr, long nfds)
{
	unsigned char set[128];
	size_t bytes = nfds > 0 ? (size_t)(nfds + 7) / 8 : 0;
	if (!addr || !bytes)
		return 0;
	if (bytes > sizeof(set))
		bytes = sizeof(set);
	if (!read_exact(ctx, set, addr, bytes))
		return 0;
	for (long fd = 0; fd < nfds && (size_t)fd < bytes * 8; fd++)
		if ((set[fd / 8] >> (fd % 8)) & 1)
			return 1;
	return 0;
}

void print_fdset(const struct decode_context *ctx, uintptr_t addr, long nfds,
		 int bare)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char set[128];
	if (addr == 0) {
		tb_str(tb, "NULL");
		return;
	}
	if (nfds < 0) {
		tb_hex_raw(tb, addr);
		return;
	}
	size_t bytes = (size_t)(nfds + 7) / 8;
	if (bytes > sizeof(set))
		bytes = sizeof(set);
	if (!fetch(ctx, set, addr, bytes))
		return;
	tb_char(tb, '[');
	int first = 1;
	for (long fd = 0; fd < nfds && (size_t)fd < bytes * 8; fd++) {
		if (!((set[fd / 8] >> (fd % 8)) & 1))
			continue;
		if (!first)
			tb_char(tb, ' ');
		first = 0;
		if (bare)
			tb_dec(tb, fd);
		else
			print_fd(ctx, fd);
	}
	tb_char(tb, ']');
}

/* A flag word as strace's printflags64 with no default: the names, the
 * bits left in hex, nothing at all for 0 (strace's "NL0|...|FF0|"). */
static void print_term_flags(struct text_buffer *tb, unsigned id, uint64_t v)
{
	if (!v)
		return;
	struct value_table t = *value_table_get(id);
	t.unknown = "";
	print_flags(tb, &t, v);
}

/* c_oflag: each delay field's name, then the other flags (strace's
 * decode_oflag). */
static void print_term_oflag(struct text_buffer *tb, uint64_t v)
{
	static const struct {
		uint32_t mask;
		const char *names[4];
	} delays[] = {
		{ NLDLY, { "NL0", "NL1" } },
		{ CRDLY, { "CR0", "CR1", "CR2", "CR3" } },
		{ TABDLY, { "TAB0", "TAB1", "TAB2", "XTABS" } },
		{ BSDLY, { "BS0", "BS1" } },
		{ VTDLY, { "VT0", "VT1" } },
		{ FFDLY, { "FF0", "FF1" } },
	};
	for (unsigned i = 0; i < sizeof delays / sizeof *delays; i++) {
		uint32_t m = delays[i].mask, shift = 0;
		while (!(m >> shift & 1))
			shift++;
		print_named_value(tb, v & m, delays[i].names[(v & m) >> shift],
				  CONST_HEX);
		tb_char(tb, '|');
		v &= ~(uint64_t)m;
	}
	print_term_flags(tb, VT_TERMIOS_OFLAG, v);
}

/* c_cflag: the baud rate, the input one <<IBSHIFT, the size, the rest
 * (strace's decode_cflag). */
static void print_term_cflag(struct text_buffer *tb, uint64_t v)
{
	static const char *const sizes[] = { "CS5", "CS6", "CS7", "CS8" };
	const struct value_table *bauds = value_table_get(VT_BAUD);
	print_enum(tb, bauds, v & CBAUD);
	tb_char(tb, '|');
	if (v & CIBAUD) {
		print_enum(tb, bauds, (v & CIBAUD) >> IBSHIFT);
		tb_str(tb, "<<");
		print_named_value(tb, IBSHIFT, "IBSHIFT", CONST_HEX);
		tb_char(tb, '|');
	}
	print_named_value(tb, v & CSIZE, sizes[(v & CSIZE) >> 4], CONST_HEX);
	tb_char(tb, '|');
	print_term_flags(tb, VT_TERMIOS_CFLAG, v & ~(uint64_t)(CBAUD | CIBAUD |
							      CSIZE));
}

/* strace's termios_cc names, by index (x86's <asm/termbits.h>). */
static const char *const term_cc_names[] = {
	[VINTR] = "VINTR", [VQUIT] = "VQUIT", [VERASE] = "VERASE",
	[VKILL] = "VKILL", [VEOF] = "VEOF", [VTIME] = "VTIME",
	[VMIN] = "VMIN", [VSWTC] = "VSWTC", [VSTART] = "VSTART",
	[VSTOP] = "VSTOP", [VSUSP] = "VSUSP", [VEOL] = "VEOL",
	[VREPRINT] = "VREPRINT", [VDISCARD] = "VDISCARD",
	[VWERASE] = "VWERASE", [VLNEXT] = "VLNEXT", [VEOL2] = "VEOL2",
};

/* strace's term_line_discs. */
static const char *const line_disc_names[] = {
	"N_TTY", "N_SLIP", "N_MOUSE", "N_PPP", "N_STRIP", "N_AX25", "N_X25",
	"N_6PACK", "N_MASC", "N_R3964", "N_PROFIBUS_FDL", "N_IRDA",
	"N_SMSBLOCK", "N_HDLC", "N_SYNC_PPP", "N_HCI", "N_GIGASET_M101",
	"N_SLCAN", "N_PPS", "N_V253", "N_CAIF", "N_GSM0710", "N_TI_WL",
	"N_TRACESINK", "N_TRACEROUTER", "N_NCI", "N_SPEAKUP", "N_NULL",
};

void print_termios_kind(const struct decode_context *ctx, uintptr_t addr,
			int kind)
{
	/* The kernel's struct termios, termios2 and termio. */
	union {
		struct {
			uint32_t flags[4];
			unsigned char line, cc[19];
			uint32_t ispeed, ospeed;
		} t;
		struct {
			uint16_t flags[4];
			unsigned char line, cc[8];
		} tio;
	} u;
	static const uint8_t sizes[] = { 36, 44, 18 };
	if (!read_or_print_addr(ctx, &u, addr, sizes[kind]))
		return;
	struct text_buffer *tb = ctx->tb;
	uint64_t f[4];
	for (int i = 0; i < 4; i++)
		f[i] = kind == TERM_TERMIO ? u.tio.flags[i] : u.t.flags[i];
	tb_str(tb, "{c_iflag=");
	print_term_flags(tb, VT_TERMIOS_IFLAG, f[0]);
	tb_str(tb, ", c_oflag=");
	print_term_oflag(tb, f[1]);
	tb_str(tb, ", c_cflag=");
	print_term_cflag(tb, f[2]);
	tb_str(tb, ", c_lflag=");
	print_term_flags(tb, VT_TERMIOS_LFLAG, f[3]);
	if (ctx_abbrev(ctx)) {
		tb_str(tb, ", ...}");
		return;
	}
	unsigned char line = kind == TERM_TERMIO ? u.tio.line : u.t.line;
	const unsigned char *cc = kind == TERM_TERMIO ? u.tio.cc : u.t.cc;
	unsigned ncc = kind == TERM_TERMIO ? 8 : 19;
	tb_str(tb, ", c_line=");
	if (line < sizeof line_disc_names / sizeof *line_disc_names) {
		print_named_value(tb, line, line_disc_names[line], CONST_HEX);
	} else {
		tb_hex(tb, line);
		if (tb->style != CONST_STYLE_RAW)
			tb_str(tb, " /* N_??? */");
	}
	tb_str(tb, ", c_cc=[");
	for (unsigned i = 0; i < ncc; i++) {
		tb_str(tb, i ? ", [" : "[");
		if (i < sizeof term_cc_names / sizeof *term_cc_names &&
		    term_cc_names[i])
			print_named_value(tb, i, term_cc_names[i], CONST_UDEC);
		else
			tb_udec(tb, i);
		tb_str(tb, "]=");
		tb_hex(tb, cc[i]);
	}
	tb_char(tb, ']');
	if (kind == TERM_TERMIOS2) {
		tb_str(tb, ", c_ispeed=");
		tb_udec(tb, u.t.ispeed);
		tb_str(tb, ", c_ospeed=");
		tb_udec(tb, u.t.ospeed);
	}
	tb_char(tb, '}');
}

void print_termios(const struct decode_context *ctx, uintptr_t addr)
{
	print_termios_kind(ctx, addr, TERM_TERMIOS);
}

void print_winsize(const struct decode_context *ctx, uintptr_t addr)
{
	uint16_t w[4];
	if (!fetch(ctx, w, addr, 8))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{ws_row=");
	tb_udec(tb, w[0]);
	tb_str(tb, ", ws_col=");
	tb_udec(tb, w[1]);
	tb_str(tb, ", ws_xpixel=");
	tb_udec(tb, w[2]);
	tb_str(tb, ", ws_ypixel=");
	tb_udec(tb, w[3]);
	tb_char(tb, '}');
}

void print_xattr_list(const struct decode_context *ctx, uintptr_t addr,
		      long bytes)
{
	/* strace prints the list as one string with embedded \0s. */
	print_buffer(ctx, addr, bytes < 0 ? 0 : (unsigned long)bytes, 0);
}

/* capget's and capset's header, read when the call's structures are
 * decoded (strace's get_cap_header): 0 when it is not. */
static int read_cap_header(const struct decode_context *ctx, uintptr_t addr,
			   uint32_t *h)
{
	return addr && ctx_verbose(ctx) && read_exact(ctx, h, addr, 8);
}

void print_cap_header(const struct decode_context *ctx, uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	uint32_t h[2];
	if (!read_cap_header(ctx, addr, h)) {
		tb_ptr(tb, addr);
		return;
	}
	tb_str(tb, "{version=");
	print_enum(tb, value_table_get(VT_CAP_VERSION), h[0]);
	tb_str(tb, ", pid=");
	print_pid(ctx, (int32_t)h[1], PIDNS_TGID);
	tb_char(tb, '}');
}

/* A capability set of two words: the low word's names (or 0), then the
 * high word's, when it has bits. */
static void print_cap_bits(struct text_buffer *tb, uint32_t lo, uint32_t hi)
{
	if (lo || !hi)
		print_flags(tb, value_table_get(VT_CAP_MASK0), lo);
	if (hi) {
		if (lo)
			tb_char(tb, '|');
		print_flags(tb, value_table_get(VT_CAP_MASK1), hi);
	}
}

void print_cap_data(const struct decode_context *ctx, uintptr_t addr,
		    uintptr_t header)
{
	struct text_buffer *tb = ctx->tb;
	uint32_t h[2], d[6] = { 0 };
	if (!addr || !read_cap_header(ctx, header, h)) {
		tb_ptr(tb, addr);
		return;
	}
	/* Versions 2 and 3 have two words a set, as two structs. */
	unsigned n = h[0] == _LINUX_CAPABILITY_VERSION_2 ||
				     h[0] == _LINUX_CAPABILITY_VERSION_3
			     ? 2
			     : 1;
	if (!read_or_print_addr(ctx, d, addr, n * 12))
		return;
	static const char *const names[] = { "{effective=", ", permitted=",
					     ", inheritable=" };
	for (int i = 0; i < 3; i++) {
		tb_str(tb, names[i]);
		print_cap_bits(tb, d[i], d[3 + i]);
	}
	tb_char(tb, '}');
}

/* struct io_uring_params (120 bytes): what io_uring_setup reads, at entry;
 * what it wrote, at exit (strace's io_uring.c). */
struct uring_params {
	uint32_t sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle,
		features, wq_fd, resv[3];
	uint32_t sq_off[8]; /* head ... array, resv1; then resv2 */
	uint64_t sq_resv2;
	uint32_t cq_off[8]; /* head ... flags, resv1; then resv2 */
	uint64_t cq_resv2;
};
_Static_assert(sizeof(struct uring_params) == 120, "io_uring_params");

/* IORING_SETUP_ATTACH_WQ: wq_fd is a descriptor to share a pool with. */
#define URING_SETUP_ATTACH_WQ (1u << 5)

static void print_uring_offsets(struct text_buffer *tb, const uint32_t *off,
				uint64_t resv2, const char *const *names)
{
	for (int i = 0; i < 7; i++)
		print_field_u(tb, names[i], off[i]);
	if (off[7]) {
		tb_str(tb, ", resv1=");
		tb_hex(tb, off[7]);
	}
	if (resv2) {
		tb_str(tb, ", resv2=");
		tb_hex(tb, resv2);
	}
	tb_char(tb, '}');
}

void print_io_uring_params(const struct decode_context *ctx, uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	struct uring_params p;
	if (!ctx->exiting) {
		if (!read_or_print_addr(ctx, &p, addr, sizeof p))
			return;
		print_field_flags(tb, "{flags=", VT_URING_SETUP_FLAGS, p.flags);
		tb_str(tb, ", sq_thread_cpu=");
		tb_hex(tb, p.sq_thread_cpu);
		print_field_u(tb, ", sq_thread_idle=", p.sq_thread_idle);
		if (p.flags & URING_SETUP_ATTACH_WQ) {
			tb_str(tb, ", wq_fd=");
			print_fd(ctx, (int32_t)p.wq_fd);
		}
		if (p.resv[0] || p.resv[1] || p.resv[2]) {
			tb_str(tb, ", resv=[");
			for (unsigned long i = 0; i < 3; i++) {
				if (ctx_array_cut(ctx, i))
					break;
				if (i)
					tb_str(tb, ", ");
				tb_hex(tb, p.resv[i]);
			}
			tb_char(tb, ']');
		}
		return;
	}
	/* The entry showed the address instead of the struct. */
	if (!addr || !ctx_verbose(ctx) || !read_exact(ctx, &p, addr, sizeof p))
		return;
	if (!is_error_result(ctx->result)) {
		static const char *const sq[] = {
			"{head=", ", tail=", ", ring_mask=", ", ring_entries=",
			", flags=", ", dropped=", ", array=" };
		static const char *const cq[] = {
			"{head=", ", tail=", ", ring_mask=", ", ring_entries=",
			", overflow=", ", cqes=", ", flags=" };
		print_field_u(tb, ", sq_entries=", p.sq_entries);
		print_field_u(tb, ", cq_entries=", p.cq_entries);
		print_field_flags(tb, ", features=", VT_URING_FEATURES,
				  p.features);
		tb_str(tb, ", sq_off=");
		print_uring_offsets(tb, p.sq_off, p.sq_resv2, sq);
		tb_str(tb, ", cq_off=");
		print_uring_offsets(tb, p.cq_off, p.cq_resv2, cq);
	}
	tb_char(tb, '}');
}
