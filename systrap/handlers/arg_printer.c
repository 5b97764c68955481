/* arg_printer: one argument of a call as strace prints it, chosen by its
 * kind in the signature table (print_arg), with the flag words that need
 * more than a value table (open's access mode, mmap's type and huge page
 * size, socket types and protocols). */
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "systrap/arch/context.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/page.h"
#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/errno_names.h"
#include "systrap/handlers/pidns.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/value_tables.h"

/* Kinds the kernel writes: printed when the call ends. */
int is_exit_kind(unsigned kind)
{
	switch (kind) {
	case ARG_PATH_OUT:
	case ARG_BUF_OUT:
	case ARG_BUF_OUT_HEX:
	case ARG_STRUCT_OUT:
	case ARG_IOVEC_OUT:
	case ARG_SOCKADDR_OUT:
	case ARG_SOCKLEN_PTR:
	case ARG_SOCKOPT_VAL:
	case ARG_ID_ARRAY_OUT:
	case ARG_CAP_DATA_OUT:
	case ARG_CPU_SET_OUT:
	case ARG_MINCORE_VEC:
	case ARG_SCHED_ATTR_OUT:
	case ARG_SCHED_ATTR_IN: /* the size it takes, written back on E2BIG */
	case ARG_STRUCT_OUT_EINTR:
	case ARG_INT_PTR_OUT:
	case ARG_FD_PAIR:
	case ARG_SIGSET_OUT:
	case ARG_SIGACTION_OUT:
	case ARG_WAIT_STATUS:
	case ARG_DIRENTS:
	case ARG_XATTR_LIST:
	case ARG_EVENTS_OUT:
	case ARG_INT_PTR_INOUT:
	case ARG_IO_URING_PARAMS:
	case ARG_MSGHDR_OUT:
	case ARG_MMSGHDR_VEC:
	case ARG_MSGBUF_OUT:
	case ARG_MPOL_MODE_OUT:
	case ARG_NODEMASK_OUT:
	case ARG_PAGE_STATUS_OUT:
		return 1;
	default:
		return 0;
	}
}

int is_inout_kind(unsigned kind)
{
	return kind == ARG_INT_PTR_INOUT || kind == ARG_IO_URING_PARAMS ||
	       kind == ARG_SCHED_ATTR_IN;
}

void print_syscall_nr(struct text_buffer *tb, uint32_t nr, uint32_t arch)
{
	const struct syscall_signature *sig =
		arch == ARCH_AUDIT_NATIVE ? syscall_lookup(nr) : 0;
	if (!sig) {
		tb_udec(tb, nr);
		return;
	}
	/* -X raw: the number; -X verbose: the number, the name in a
	 * comment. */
	int begun = const_names_begin(tb, (uint64_t)nr, CONST_DEC);
	if (begun) {
		tb_str(tb, "__NR_");
		tb_str(tb, sig->name);
		const_names_end(tb, begun);
	}
}

void print_open_flags(struct text_buffer *tb, uint64_t flags)
{
	static const char *const access[] = { "O_RDONLY", "O_WRONLY", "O_RDWR",
					      "O_ACCMODE" };
	int begun = const_names_begin(tb, flags, CONST_HEX);
	if (!begun)
		return;
	tb_str(tb, access[flags & 3]);
	int printed = 1;
	uint64_t left = print_flag_names(tb, value_table_get(VT_OPEN_FLAGS),
					 flags & ~3ULL, &printed);
	if (left) {
		tb_char(tb, '|');
		tb_hex(tb, left);
	}
	const_names_end(tb, begun);
}

/* Flags with a huge-page size in the top 6 bits (mmap, memfd_create). */
static void print_huge_shift(struct text_buffer *tb, uint64_t flags,
			     const char *shift_name)
{
	unsigned huge = (unsigned)(flags >> 26) & 0x3f;
	if (huge) {
		tb_char(tb, '|');
		tb_udec(tb, huge);
		tb_str(tb, "<<");
		tb_str(tb, shift_name);
	}
}

static void print_mmap_flags(struct text_buffer *tb, uint64_t flags)
{
	flags &= 0xffffffffULL;
	int begun = const_names_begin(tb, flags, CONST_HEX);
	if (!begun)
		return;
	const struct value_table *types = value_table_get(VT_MAP_TYPE);
	const char *type = value_table_name(types, flags & 0xf);
	if (type) {
		tb_str(tb, type);
	} else {
		tb_hex(tb, flags & 0xf);
		tb_str(tb, " /* MAP_??? */");
	}
	int printed = 1;
	uint64_t rest = flags & ~0xfULL & ((1ULL << 26) - 1);
	uint64_t left = print_flag_names(tb, value_table_get(VT_MAP_FLAGS),
					 rest, &printed);
	if (left) {
		tb_char(tb, '|');
		tb_hex(tb, left);
	}
	print_huge_shift(tb, flags, "MAP_HUGE_SHIFT");
	const_names_end(tb, begun);
}

static void print_mfd_flags(struct text_buffer *tb, uint64_t flags)
{
	flags &= 0xffffffffULL;
	if (!(flags >> 26)) {
		print_flags(tb, value_table_get(VT_MFD_FLAGS), flags);
		return;
	}
	int begun = const_names_begin(tb, flags, CONST_HEX);
	if (!begun)
		return;
	uint64_t low = flags & ((1ULL << 26) - 1);
	if (low || !(flags >> 26))
		print_flags(tb, value_table_get(VT_MFD_FLAGS), low);
	if (!low && (flags >> 26)) {
		tb_udec(tb, (unsigned)(flags >> 26));
		tb_str(tb, "<<MFD_HUGE_SHIFT");
	} else {
		print_huge_shift(tb, flags, "MFD_HUGE_SHIFT");
	}
	const_names_end(tb, begun);
}

/* As strace 6.1 prints them: the sync type and the AT_* flags as two flag
 * words joined by '|', each with its own names under -X verbose, and with
 * no default name, so that -X raw prints a sync type of 0 as nothing
 * ("|0x900"). */
static void print_statx_flags(struct text_buffer *tb, uint64_t flags)
{
	flags &= 0xffffffffULL;
	print_flags_no_default(tb, value_table_get(VT_STATX_SYNC),
			       flags & AT_STATX_SYNC_TYPE);
	uint64_t rest = flags & ~(uint64_t)AT_STATX_SYNC_TYPE;
	if (rest) {
		tb_char(tb, '|');
		print_flags_no_default(tb, value_table_get(VT_AT_FLAGS), rest);
	}
}

static void print_sock_type(struct text_buffer *tb, uint64_t type)
{
	type &= 0xffffffffULL;
	const char *name = value_table_name(value_table_get(VT_SOCK_TYPE),
					    type & 0xf);
	if (name) {
		print_named_value(tb, type & 0xf, name, CONST_HEX);
		type &= ~0xfULL;
		if (!type)
			return;
		tb_char(tb, '|');
	}
	print_flags(tb, value_table_get(VT_SOCK_FLAGS), type);
}

static void print_sock_protocol(struct text_buffer *tb, long domain,
				long protocol)
{
	if (domain == 2 || domain == 10) {
		print_enum(tb, value_table_get(VT_IPPROTO), (uint64_t)protocol);
		return;
	}
	if (domain == 16) { /* AF_NETLINK */
		print_enum(tb, value_table_get(VT_NETLINK_PROTOCOL),
			   (uint64_t)(uint32_t)protocol);
		return;
	}
	if (domain == 17) { /* AF_PACKET: in network order */
		uint16_t p = (uint16_t)protocol;
		tb_str(tb, "htons(");
		print_enum(tb, value_table_get(VT_ETHERNET_PROTOCOL),
			   (uint16_t)(p >> 8 | p << 8));
		tb_char(tb, ')');
		return;
	}
	if (domain == 31) { /* AF_BLUETOOTH */
		print_enum(tb, value_table_get(VT_BLUETOOTH_PROTOCOL),
			   (uint64_t)(uint32_t)protocol);
		return;
	}
	tb_udec(tb, (unsigned long)protocol); /* strace's PRINT_VAL_U */
}

/* mincore's vector: a byte per page of len, each shown as its residency
 * bit, as strace shows it; the address where the call failed, without
 * -e verbose, or where the vector cannot be read. */
static void print_mincore_vec(const struct decode_context *ctx, uintptr_t p,
			      unsigned long len, int failed)
{
	struct text_buffer *tb = ctx->tb;
	unsigned long pages = ARCH_PAGE_UP(len) / ARCH_PAGE;
	unsigned char chunk[256];
	if (failed || !p || !ctx_verbose(ctx) ||
	    !read_exact(ctx, chunk, p,
			pages < sizeof chunk ? pages : sizeof chunk)) {
		tb_ptr(tb, p);
		return;
	}
	tb_char(tb, '[');
	for (unsigned long i = 0; i < pages; i++) {
		if (i % sizeof chunk == 0 && i &&
		    !read_exact(ctx, chunk, p + i,
				pages - i < sizeof chunk ? pages - i
							 : sizeof chunk))
			break;
		if (ctx_array_cut(ctx, i))
			break;
		if (i)
			tb_str(tb, ", ");
		tb_char(tb, chunk[i % sizeof chunk] & 1 ? '1' : '0');
	}
	tb_char(tb, ']');
}

/* struct sched_attr as strace prints it: sched_setattr's (usize 0) by the
 * size it holds (0 meaning the first version's 48 bytes), sched_getattr's
 * usize bytes by the size the kernel wrote; the fields up to that size,
 * and "..." where it names more than this version's 56 bytes. */
static void print_sched_attr(const struct decode_context *ctx, uintptr_t p,
			     unsigned usize)
{
	struct text_buffer *tb = ctx->tb;
	struct {
		uint32_t size, policy;
		uint64_t flags;
		int32_t nice;
		uint32_t priority;
		uint64_t runtime, deadline, period;
		uint32_t util_min, util_max;
	} a;
	_Static_assert(sizeof a == 56, "struct sched_attr, its second version");
	text_memset(&a, 0, sizeof a);
	int is_set = usize == 0;
	unsigned size;
	if (!is_set) {
		size = usize < sizeof a ? usize : (unsigned)sizeof a;
		if (!read_or_print_addr(ctx, &a, p, size))
			return;
		size = a.size;
	} else {
		if (!read_or_print_addr(ctx, &a.size, p, sizeof a.size))
			return;
		usize = a.size ? a.size : 48;
		size = usize < sizeof a ? usize : (unsigned)sizeof a;
		if (size >= 48 && !read_or_print_addr(ctx, &a, p, size))
			return;
	}
	tb_str(tb, "{size=");
	tb_udec(tb, a.size);
	if (size >= 48) {
		tb_str(tb, ", sched_policy=");
		print_enum(tb, value_table_get(VT_SCHED_POLICY), a.policy);
		tb_str(tb, ", sched_flags=");
		print_flags(tb, value_table_get(VT_SCHED_ATTR_FLAGS), a.flags);
		tb_str(tb, ", sched_nice=");
		tb_dec(tb, a.nice);
		tb_str(tb, ", sched_priority=");
		tb_udec(tb, a.priority);
		tb_str(tb, ", sched_runtime=");
		tb_udec(tb, a.runtime);
		tb_str(tb, ", sched_deadline=");
		tb_udec(tb, a.deadline);
		tb_str(tb, ", sched_period=");
		tb_udec(tb, a.period);
		if (size >= 56) {
			tb_str(tb, ", sched_util_min=");
			tb_udec(tb, a.util_min);
			tb_str(tb, ", sched_util_max=");
			tb_udec(tb, a.util_max);
		}
	}
	if ((is_set ? usize : a.size) > size)
		tb_str(tb, ", ...");
	tb_char(tb, '}');
}

/* readlink's target, getcwd's path: as many bytes as the result says. */
static void print_path_out(const struct decode_context *ctx, uintptr_t p)
{
	long len = ctx->result;
	if (ctx->nr == SYS_getcwd && len > 0)
		len--; /* the result counts the NUL */
	/* strace 6.1 prints readlink's target as a string cut at -s
	 * (printstrn), getcwd's as a path, whole. */
	if (ctx->nr == SYS_readlink || ctx->nr == SYS_readlinkat)
		print_buffer(ctx, p, len > 0 ? (unsigned long)len : 0, 0);
	else
		print_path_n(ctx, p, len > 0 ? (unsigned long)len : 0);
}

/* An address the kernel wrote, its length in the socklen_t at len_ptr
 * (argument len_arg). */
static void print_sockaddr_out(const struct decode_context *ctx, uintptr_t p,
			       long len_ptr, int len_arg)
{
	int32_t len = 0;
	if (!read_exact(ctx, &len, (uintptr_t)len_ptr, 4)) {
		tb_ptr(ctx->tb, p);
		return;
	}
	/* The kernel wrote at most the buffer's size, the length's input:
	 * strace prints the shorter. */
	const struct format_saved *sv = ctx->opts->saved;
	if (sv && (sv->mask & (1u << len_arg)) &&
	    (int32_t)sv->value[len_arg] < len)
		len = (int32_t)sv->value[len_arg];
	print_sockaddr(ctx, p, len);
}

/* Argument i, a socklen_t the call reads and writes: "[in => out]" when
 * the kernel changed it, as strace. */
static void print_socklen_ptr(const struct decode_context *ctx, uintptr_t p,
			      int i)
{
	struct text_buffer *tb = ctx->tb;
	const struct format_saved *sv = ctx->opts->saved;
	int32_t out;
	if (!ctx_verbose(ctx)) { /* strace's fetch_socklen */
		tb_ptr(tb, p);
		return;
	}
	if (ctx->exiting && sv && (sv->mask & (1u << i)) && p &&
	    read_exact(ctx, &out, p, sizeof out) &&
	    out != (int32_t)sv->value[i]) {
		tb_char(tb, '[');
		tb_dec(tb, (int32_t)sv->value[i]);
		tb_str(tb, " => ");
		tb_dec(tb, out);
		tb_char(tb, ']');
		return;
	}
	print_int_array_ptr(ctx, p, 1, 4, 0);
}

/* getsockopt's value: its length as the program gave it (kept by the
 * entry) and as the kernel returned it, at len_ptr (argument len_arg). */
static void print_sockopt_val(const struct decode_context *ctx, uintptr_t p,
			      long len_ptr, int len_arg)
{
	int32_t len;
	if (!len_ptr ||
	    !read_exact(ctx, &len, (uintptr_t)len_ptr, sizeof len)) {
		tb_ptr(ctx->tb, p);
		return;
	}
	const struct format_saved *sv = ctx->opts->saved;
	long ulen = sv && (sv->mask & (1u << len_arg)) ? sv->value[len_arg]
						       : len;
	print_getsockopt_value(ctx, ctx->args[1], ctx->args[2], p, ulen, len);
}

/* sendfile's offset: [N] at entry; at exit " => [M]" when the call moved
 * data (strace's sendfile64: unsigned). */
static void print_offset_inout(const struct decode_context *ctx, uintptr_t p,
			       int failed)
{
	uint64_t off;
	if (ctx->exiting) {
		if (failed || !ctx->result || !p || !ctx_verbose(ctx) ||
		    !read_exact(ctx, &off, p, sizeof off))
			return;
		tb_str(ctx->tb, " => ");
	} else if (!read_or_print_addr(ctx, &off, p, sizeof off)) {
		return;
	}
	tb_char(ctx->tb, '[');
	tb_udec(ctx->tb, off);
	tb_char(ctx->tb, ']');
}

/* fanotify_init's flags as strace prints them: the class, then "|" and
 * the other flags where there are any. */
static void print_fan_init_flags(struct text_buffer *tb, uint64_t v)
{
	print_enum(tb, value_table_get(VT_FAN_CLASS), v & 0xc);
	if (v & ~0xcULL) {
		tb_char(tb, '|');
		print_flags(tb, value_table_get(VT_FAN_INIT_FLAGS), v & ~0xcULL);
	}
}

/* The 32-bit flag words with a printer of their own (each reads the low
 * 32 bits alone, as the kernel does). */
static void (*const word_printers[ARG_KIND_COUNT])(struct text_buffer *,
						   uint64_t) = {
	[ARG_OPEN_FLAGS] = print_open_flags,
	[ARG_MMAP_FLAGS] = print_mmap_flags,
	[ARG_MFD_FLAGS] = print_mfd_flags,
	[ARG_STATX_FLAGS] = print_statx_flags,
	[ARG_SOCK_TYPE] = print_sock_type,
	[ARG_IPC_FLAGS] = print_ipc_flags,
	[ARG_SHM_FLAGS] = print_shm_flags,
	[ARG_FAN_INIT_FLAGS] = print_fan_init_flags,
};

/* The kinds printed from the argument's value alone, never reading the
 * program's memory: numbers, descriptors, flags and enums. Returns whether
 * `a` is one. */
static int print_value_arg(const struct decode_context *ctx,
			   const struct syscall_arg *a, int i, long size)
{
	struct text_buffer *tb = ctx->tb;
	long v = ctx->args[i];
	uintptr_t p = (uintptr_t)v;
	if (a->kind < ARG_KIND_COUNT && word_printers[a->kind]) {
		word_printers[a->kind](tb, (unsigned long)v & 0xffffffffUL);
		return 1;
	}
	switch (a->kind) {
	case ARG_INT:
	case ARG_CPU_ID:
		tb_dec(tb, (int)v);
		return 1;
	case ARG_LONG:
		tb_dec(tb, v);
		return 1;
	case ARG_UINT:
		tb_udec(tb, (unsigned)v);
		return 1;
	case ARG_ULONG:
		tb_udec(tb, (unsigned long)v);
		return 1;
	case ARG_HEX:
		tb_hex(tb, (unsigned long)v);
		return 1;
	case ARG_PTR:
	case ARG_MREMAP_ADDR:
		tb_ptr(tb, p);
		return 1;
	case ARG_MODE:
	case ARG_MQ_MODE:
		print_mode_octal(tb, (unsigned short)v);
		return 1;
	case ARG_FILE_MODE:
		print_file_mode(tb, (unsigned short)v);
		return 1;
	/* mknod's dev and ustat's are the kernel's unsigned int. */
	case ARG_MKNOD_DEV:
		print_makedev(tb, (unsigned)v);
		return 1;
	case ARG_SWAP_FLAGS: { /* strace's swapon: flags|priority */
		unsigned flags = (unsigned)v & ~0x7fffu, prio = (unsigned)v & 0x7fff;
		if (flags) {
			print_flags(tb, value_table_get(VT_SWAP_FLAGS), flags);
			tb_char(tb, '|');
		}
		tb_udec(tb, prio);
		return 1;
	}
	case ARG_SYSLOG_TYPE:
		print_enum_dec_always_verbose(
			tb, value_table_get(VT_SYSLOG_ACTIONS), (int)v);
		return 1;
	case ARG_SYSLOG_LEN:
		if ((int)size == 8) /* SYSLOG_ACTION_CONSOLE_LEVEL */
			print_enum_dec_always_verbose(
				tb, value_table_get(VT_SYSLOG_CONSOLE_LEVELS),
				(int)v);
		else
			tb_dec(tb, (int)v);
		return 1;
	case ARG_ID:
		if ((unsigned)v == 0xffffffffU)
			tb_str(tb, "-1");
		else
			tb_udec(tb, (unsigned)v);
		return 1;
	case ARG_FD:
		print_fd(ctx, v);
		return 1;
	case ARG_DIRFD:
		if ((int)v == AT_FDCWD) {
			print_named_value(tb, (uint64_t)AT_FDCWD, "AT_FDCWD",
					  CONST_DEC);
			print_fd_path(ctx, AT_FDCWD);
		} else
			print_fd(ctx, v);
		return 1;
	case ARG_PIDFD_FD:
		print_pidfd_target_fd(ctx, size, v);
		return 1;
	case ARG_XINT:
		tb_hex(tb, (unsigned long)v & 0xffffffffUL);
		return 1;
	case ARG_FLAGS:
		print_flags(tb, value_table_get(a->type), (unsigned long)v &
			    0xffffffffUL);
		return 1;
	case ARG_FLAGS64:
		print_flags(tb, value_table_get(a->type), (unsigned long)v);
		return 1;
	case ARG_ENUM:
		print_enum(tb, value_table_get(a->type), (unsigned long)v &
			   0xffffffffUL);
		return 1;
	case ARG_OPEN_MODE:
		print_mode_octal(tb, (unsigned)v);
		return 1;
	case ARG_SOCK_PROTOCOL:
		print_sock_protocol(tb, size, v);
		return 1;
	case ARG_SOCKOPT_NAME:
		print_sockopt_name(tb, ctx->args[i - 1], v,
				   a->type == SOCKOPT_GET);
		return 1;
	case ARG_SIGNAL:
		print_signal(tb, (int)v);
		return 1;
	case ARG_WAIT_ID:
		/* strace's printwaitid's id: a pidfd, a process, a group. */
		if ((int)size == P_PIDFD)
			print_fd(ctx, v);
		else if ((int)size == P_PID)
			print_pid(ctx, v, PIDNS_TGID);
		else if ((int)size == P_PGID)
			print_pid(ctx, v, PIDNS_PGID);
		else
			tb_dec(tb, (int)v);
		return 1;
	case ARG_PID:
		print_pid(ctx, v, a->type);
		return 1;
	case ARG_PID_TGID_PGID:
		print_pid_tgid_pgid(ctx, v);
		return 1;
	case ARG_PRIO_WHO: {
		/* getpriority's PRIO_* or ioprio's IOPRIO_WHO_* (one more). */
		int which = (int)size - (a->type == PRIO_WHO_IOPRIO);
		if (which == PRIO_PROCESS)
			print_pid(ctx, v, PIDNS_TGID);
		else if (which == PRIO_PGRP)
			print_pid(ctx, v, PIDNS_PGID);
		else
			tb_dec(tb, (int)v);
		return 1;
	}
	case ARG_MOUNT_FLAGS:
		print_mount_flags(tb, (unsigned long)v);
		return 1;
	case ARG_PERSONALITY:
		print_personality(tb, (unsigned)v);
		return 1;
	case ARG_IOPRIO:
		print_ioprio(tb, v);
		return 1;
	case ARG_KEY_SERIAL:
		print_key_serial(tb, v);
		return 1;
	case ARG_MPOL_MODE:
		print_mpol_mode(tb, a->type == MPOL_MODE_UINT ? (unsigned)v
							      : (unsigned long)v);
		return 1;
	default:
		return 0;
	}
}

void print_arg(const struct decode_context *ctx,
	       const struct syscall_signature *sig, int i)
{
	const struct syscall_arg *a = &sig->args[i];
	struct text_buffer *tb = ctx->tb;
	long v = ctx->args[i];
	uintptr_t p = (uintptr_t)v;
	long size = a->size_arg >= 0 ? ctx->args[(int)a->size_arg] : 0;
	int failed = ctx->exiting && is_error_result(ctx->result);

	if (ctx->exiting && is_exit_kind(a->kind) && failed &&
	    a->kind != ARG_SOCKLEN_PTR && a->kind != ARG_STRUCT_OUT_EINTR &&
	    a->kind != ARG_MSGHDR_OUT && a->kind != ARG_IOVEC_OUT &&
	    a->kind != ARG_PAGE_STATUS_OUT &&
	    !is_inout_kind(a->kind) &&
	    !(a->kind == ARG_MMSGHDR_VEC && a->type != MMSG_RECEIVED)) {
		tb_ptr(tb, p);
		return;
	}
	/* Written only when the call returns more than 0 (wait4's rusage:
	 * WNOHANG with no child to report returns 0): else its address, as
	 * strace prints it. */
	if (ctx->exiting && a->kind == ARG_STRUCT_OUT &&
	    a->mem == MEM_STRUCT_OUT_POS && ctx->result <= 0) {
		tb_ptr(tb, p);
		return;
	}
	if (print_value_arg(ctx, a, i, size))
		return;
	/* The kinds that point into the program's memory. */
	switch (a->kind) {
	case ARG_PATH:
		print_path(ctx, p);
		return;
	case ARG_PATH_OUT:
		print_path_out(ctx, p);
		return;
	case ARG_STR:
		print_cstring(ctx, p);
		return;
	case ARG_FSCONFIG_VALUE:
		if (size == 1) /* FSCONFIG_SET_STRING */
			print_cstring(ctx, p);
		else if (size == 3 || size == 4) /* FSCONFIG_SET_PATH(_EMPTY) */
			print_path(ctx, p);
		else if (size == 2) /* FSCONFIG_SET_BINARY: aux bytes */
			print_buffer(ctx, p, (unsigned long)(int)ctx->args[4], 0);
		else
			tb_ptr(tb, p);
		return;
	case ARG_BUF_IN:
		if (a->type == BUF_SOCKET)
			print_sockbuf(ctx, ctx->args[0], p, (unsigned long)size);
		else if (a->type == BUF_UTS_NAME && (unsigned)size > 64)
			tb_ptr(tb, p);
		else if (a->type == BUF_UTS_NAME)
			print_buffer(ctx, p, (unsigned)size, 0);
		else
			print_buffer(ctx, p, (unsigned long)size, 0);
		return;
	case ARG_BUF_OUT:
	case ARG_BUF_OUT_HEX: {
		unsigned long got = ctx->result > 0 ? (unsigned long)ctx->result : 0;
		if (a->type == BUF_SOCKET)
			/* The data the call returned, within the buffer
			 * (MSG_TRUNC returns the datagram's length). */
			print_sockbuf(ctx, ctx->args[0], p,
				      got < (unsigned long)size ? got
								 : (unsigned long)size);
		else
			print_buffer(ctx, p, got, a->kind == ARG_BUF_OUT_HEX);
		return;
	}
	case ARG_STRUCT_IN:
	case ARG_STRUCT_OUT:
		if (a->type == STRUCT_EPOLL_EVENT && a->size_arg >= 0 &&
		    (int)size == EPOLL_CTL_DEL)
			tb_ptr(tb, p); /* not read */
		else if (a->type == STRUCT_OPEN_HOW && a->size_arg >= 0)
			print_open_how(ctx, p, (unsigned long)size);
		else
			print_struct(ctx, a->type, p);
		return;
	case ARG_IOVEC_IN:
		print_iovec(ctx, p, size, -1, IOV_STRINGS);
		return;
	case ARG_IOVEC_REMOTE:
		print_iovec(ctx, p, size, -1, IOV_BASES);
		return;
	case ARG_IOVEC_OUT:
		/* A failed read still shows its vector, the buffers as
		 * addresses, as strace's iov_decode_addr. */
		print_iovec(ctx, p, size, ctx->result,
			    failed ? IOV_BASES : IOV_STRINGS);
		return;
	case ARG_STR_ARRAY:
		print_str_array(ctx, p);
		return;
	case ARG_ENVP:
		print_envp(ctx, p);
		return;
	case ARG_SOCKADDR_IN:
		print_sockaddr(ctx, p, size);
		return;
	case ARG_SOCKADDR_OUT:
		print_sockaddr_out(ctx, p, size, a->size_arg);
		return;
	case ARG_SOCKLEN_PTR:
		print_socklen_ptr(ctx, p, i);
		return;
	case ARG_INT_PTR_OUT:
	case ARG_INT_PTR_IN:
		print_int_array_ptr(ctx, p, 1, 4, 0);
		return;
	case ARG_ID_ARRAY_IN:
		/* setgroups' count is an int, and more than NGROUPS_MAX
		 * (65536) prints the address (strace's print_groups). */
		if ((unsigned)size > 65536)
			tb_ptr(tb, p);
		else
			print_id_array(ctx, p, (long)(unsigned)size);
		return;
	case ARG_ID_ARRAY_OUT:
		print_id_array(ctx, p, failed ? 0 : ctx->result);
		return;
	case ARG_CPU_SET_IN:
		print_cpu_set(ctx, p, size);
		return;
	case ARG_CAP_HEADER:
		print_cap_header(ctx, p);
		return;
	case ARG_IO_URING_PARAMS:
		print_io_uring_params(ctx, p);
		return;
	case ARG_CAP_DATA_IN:
	case ARG_CAP_DATA_OUT:
		print_cap_data(ctx, p, (uintptr_t)size);
		return;
	case ARG_CPU_SET_OUT:
		print_cpu_set(ctx, p, ctx->result);
		return;
	case ARG_MINCORE_VEC:
		print_mincore_vec(ctx, p, (unsigned long)size, failed);
		return;
	case ARG_SCHED_ATTR_IN:
		if (!ctx->exiting) {
			print_sched_attr(ctx, p, 0);
		} else if (ctx->result == -E2BIG && p && ctx_verbose(ctx)) {
			/* The kernel wrote the size it takes into the
			 * struct's size: strace's " => {size=56}". */
			uint32_t took;
			if (read_exact(ctx, &took, p, sizeof took)) {
				tb_str(tb, " => {size=");
				tb_udec(tb, took);
				tb_char(tb, '}');
			}
		}
		return;
	case ARG_SCHED_ATTR_OUT:
		if (!(unsigned)size || failed)
			tb_ptr(tb, p);
		else
			print_sched_attr(ctx, p, (unsigned)size);
		return;
	case ARG_LANDLOCK_RULESET:
		print_landlock_ruleset_attr(ctx, p, (unsigned long)size);
		return;
	case ARG_LANDLOCK_RULE:
		print_landlock_rule(ctx, p, size);
		return;
	case ARG_IORING_REGISTER_ARG:
		print_io_uring_register_arg(ctx, p, (unsigned)size,
					    (unsigned)ctx->args[3]);
		return;
	case ARG_FUTEX_WAITERS:
		print_futex_waiters(ctx, p, (unsigned long)(unsigned)size);
		return;
	case ARG_MQ_ATTR:
		print_mq_attr(ctx, p, 0);
		return;
	case ARG_SYSLOG_BUF:
		/* The READ actions' text, at the exit; else an address. */
		if (ctx->exiting && syscall_syslog_reads((int)ctx->args[0]) &&
		    !failed)
			print_buffer(ctx, p, (unsigned long)ctx->result, 0);
		else
			tb_ptr(tb, p);
		return;
	case ARG_ADDR_ARRAY_IN:
	case ARG_INT_ARRAY_IN:
	case ARG_PAGE_STATUS_OUT:
		print_move_pages_array(ctx, a->kind, p, (unsigned long)size);
		return;
	case ARG_STRUCT_OUT_EINTR:
		/* Written only when a signal cut the sleep short. */
		if (ctx->result == -EINTR || ctx->result == -ERESTART_RESTARTBLOCK)
			print_struct(ctx, a->type, p);
		else
			tb_ptr(tb, p);
		return;
	case ARG_SOCKOPT_VAL:
		print_sockopt_val(ctx, p, size, a->size_arg);
		return;
	case ARG_SOCKOPT_IN:
		print_setsockopt_value(ctx, ctx->args[1], ctx->args[2], p, size);
		return;
	case ARG_INT_PTR_INOUT:
		print_offset_inout(ctx, p, failed);
		return;
	case ARG_LOFF_PTR:
		print_int_array_ptr(ctx, p, 1, 8, 0);
		return;
	case ARG_FD_PAIR:
		if (a->type == FD_PAIR_ARRAY)
			print_fd_array(ctx, p, 2);
		else
			print_int_array_ptr(ctx, p, 2, 4, 1);
		return;
	case ARG_SIGSET_IN:
	case ARG_SIGSET_OUT:
		if (a->type == SIGSET_ANY_LEN)
			print_sigset_any_len(ctx, p, (size_t)size);
		else
			print_sigset(ctx, p, (size_t)size);
		return;
	case ARG_SIGACTION_IN:
	case ARG_SIGACTION_OUT:
		print_sigaction(ctx, p);
		return;
	case ARG_WAIT_STATUS:
		if (ctx->result > 0)
			print_wait_status(ctx, p);
		else
			tb_ptr(tb, p);
		return;
	case ARG_FDSET_INOUT:
		print_fdset(ctx, p, (int)size, 0); /* nfds: an int */
		return;
	case ARG_POLLFDS:
		print_pollfds(ctx, p, (unsigned)size); /* nfds: unsigned int */
		return;
	case ARG_DIRENTS:
		if (!ctx_verbose(ctx) || (unsigned long)ctx->result > (unsigned)size)
			tb_ptr(tb, p);
		else if (!ctx_abbrev(ctx))
			print_dirents_unabbreviated(ctx, p, ctx->result,
						    a->type == DIRENTS_64);
		else
			print_dirents(ctx, p, ctx->result);
		return;
	case ARG_XATTR_LIST:
		if (p == 0)
			tb_str(tb, "NULL");
		else
			print_xattr_list(ctx, p, ctx->result);
		return;
	case ARG_EVENTS_OUT:
		print_events(ctx, a->type, p, failed ? -1 : ctx->result);
		return;
	case ARG_MSGHDR_IN:
		print_msghdr(ctx, p, -1, 0);
		return;
	case ARG_MSGHDR_OUT: {
		/* As strace: the address when the entry could not read it;
		 * msg_namelen alone when the call failed. */
		const struct format_saved *sv = ctx->opts->saved;
		if (!sv || !(sv->mask & (1u << i))) {
			tb_ptr(tb, p);
		} else if (failed) {
			tb_str(tb, "{msg_namelen=");
			tb_dec(tb, (int32_t)sv->value[i]);
			tb_char(tb, '}');
		} else {
			int32_t namelen = (int32_t)sv->value[i];
			print_msghdr(ctx, p, ctx->result, &namelen);
		}
		return;
	}
	case ARG_MMSGHDR_VEC:
		if (a->type == MMSG_RECEIVED)
			print_mmsghdrs(ctx, p, (unsigned long)ctx->result,
				       (unsigned long)ctx->result, 1);
		else
			print_mmsghdrs(ctx, p, (unsigned)size,
				       failed ? 0 : (unsigned long)ctx->result, 0);
		return;
	case ARG_SEMBUF_ARRAY:
		print_sembufs(ctx, p, (unsigned)size);
		return;
	case ARG_MSGBUF_IN:
	case ARG_MSGBUF_OUT:
		print_msgbuf(ctx, p, (unsigned long)size);
		return;
	case ARG_MOUNT_STR:
		print_mount_str(ctx, p, (unsigned long)size,
				a->type == MOUNT_STR_DATA);
		return;
	case ARG_MPOL_MODE_OUT:
		print_mpol_mode_out(ctx, p);
		return;
	case ARG_NODEMASK_IN:
	case ARG_NODEMASK_OUT:
		print_nodemask(ctx, p, (unsigned long)size);
		return;
	case ARG_REBOOT_ARG: /* the kernel's 256-byte buffer, NUL last */
		print_cstring_max(ctx, p, 255);
		return;
	default:
		tb_hex(tb, (unsigned long)v);
		return;
	}
}

