/* ptrace_decoder: ptrace as strace 6.1 prints it (its ptrace.c and
 * ptrace_syscall_info.c): the request by name, the pid, and the address
 * and data as the request uses them: a signal to deliver, options, a note
 * type and its struct iovec, a siginfo, a signal mask, PEEKSIGINFO's
 * arguments, what the kernel wrote (the peeked word, the event message, a
 * siginfo or an array of them, the seccomp metadata, the syscall info).
 *
 * The registers (PTRACE_GETREGS, SETREGS, GETFPREGS, SETFPREGS, the
 * NT_PRSTATUS and NT_FPREGSET regsets) print by the architecture's field
 * tables (systrap/arch/ptrace_regs.h), SECCOMP_GET_FILTER's program as
 * bpf_filter.c prints it. Not decoded yet, printed as addresses: offsets
 * into struct user (PEEKUSER, POKEUSER).
 */
#include <elf.h>
#include <linux/ptrace.h>

#include "systrap/arch/ptrace_regs.h"

#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/errno_names.h"
#include "systrap/handlers/format.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/value_tables.h"

#define SIGINFO_SIZE 128

static void print_siginfo_at(const struct decode_context *ctx, uintptr_t addr)
{
	unsigned char si[SIGINFO_SIZE];
	if (read_result_or_print_addr(ctx, si, addr, sizeof si))
		print_siginfo(ctx, si);
}

/* PTRACE_PEEKSIGINFO's result: `count` siginfos, an array. */
static void print_siginfo_array(const struct decode_context *ctx,
				uintptr_t addr, long count)
{
	struct text_buffer *tb = ctx->tb;
	unsigned char si[SIGINFO_SIZE];
	if (count <= 0 || addr == 0 || !ctx_verbose(ctx)) {
		if (count == 0 && addr)
			tb_str(tb, "[]");
		else
			tb_ptr(tb, addr);
		return;
	}
	long i;
	for (i = 0; i < count; i++) {
		if (ctx_abbrev(ctx) && i == ctx->opts->string_limit) {
			/* -s 0: "[...]" (the "[" comes with a first element) */
			tb_str(tb, i ? ", ..." : "[...");
			break;
		}
		if (!print_array_next(ctx, si, addr + (uintptr_t)i * sizeof si,
				      sizeof si, (unsigned long)i)) {
			if (i == 0)
				return;
			break;
		}
		print_siginfo(ctx, si);
	}
	tb_char(tb, ']');
}

#define REGSET_WHOLE (~0UL) /* PTRACE_GETREGS...: the whole set */

/* A register set of `size` bytes at addr (strace's
 * arch_decode_prstatus_regset, arch_decode_fpregset): the fields the size
 * covers, in hex, arrays as [..]; ", ..." when it is longer than the set;
 * the address when no layout is known, the size is 0 or not a multiple of
 * 8, or the memory cannot be read. */
static void print_regset(const struct decode_context *ctx, uintptr_t addr,
			 unsigned long size, int nt)
{
	struct text_buffer *tb = ctx->tb;
#if ARCH_HAS_PTRACE_REGS
	const struct ptrace_regset_layout *l =
		nt == NT_PRSTATUS ? &arch_prstatus_regset
		: nt == NT_FPREGSET ? &arch_fpregset : 0;
	unsigned char regs[512];
	if (l && size == REGSET_WHOLE)
		size = l->size;
	size_t n = l && size < l->size ? size : l ? l->size : 0;
	if (!l || !size || (size & 7) || n > sizeof regs) {
		tb_ptr(tb, addr);
		return;
	}
	if (!read_result_or_print_addr(ctx, regs, addr, n))
		return;
	for (unsigned i = 0; i < l->nfields; i++) {
		const struct ptrace_reg_field *f = &l->fields[i];
		if (i && n <= f->offset)
			break;
		tb_str(tb, i ? ", " : "{");
		tb_str(tb, f->name);
		tb_char(tb, '=');
		size_t count = f->count;
		if (count > 1) {
			count = (n - f->offset) / f->size;
			if (count > f->count)
				count = f->count;
		}
		for (size_t k = 0; k < count; k++) {
			if (f->count > 1)
				tb_str(tb, k ? ", " : "[");
			if (ctx_abbrev(ctx) &&
			    k == (size_t)ctx->opts->string_limit) {
				tb_str(tb, "...");
				break;
			}
			uint64_t v = 0;
			const unsigned char *p = regs + f->offset + k * f->size;
			for (unsigned b = 0; b < f->size; b++)
				v |= (uint64_t)p[b] << (8 * b);
			tb_hex(tb, v);
		}
		if (f->count > 1)
			tb_str(tb, count ? "]" : "[]");
	}
	if (size > l->size)
		tb_str(tb, ", ...");
	tb_char(tb, '}');
#else
	(void)ctx;
	(void)size;
	(void)nt;
	tb_ptr(tb, addr);
#endif
}

static void print_peeksiginfo_args(const struct decode_context *ctx,
				   uintptr_t addr)
{
	struct {
		uint64_t off;
		uint32_t flags, nr;
	} psi;
	if (!read_or_print_addr(ctx, &psi, addr, sizeof psi))
		return;
	print_field_u(ctx->tb, "{off=", psi.off);
	print_field_flags(ctx->tb, ", flags=", VT_PTRACE_PEEKSIGINFO_FLAGS,
			  psi.flags);
	print_field_u(ctx->tb, ", nr=", psi.nr);
	tb_char(ctx->tb, '}');
}

/* PTRACE_GET_SYSCALL_INFO: the fields the returned size covers. */
static void print_syscall_info(const struct decode_context *ctx,
			       uintptr_t addr, unsigned long user_len)
{
	struct text_buffer *tb = ctx->tb;
	struct ptrace_syscall_info info;
	unsigned long kernel_len = (unsigned long)ctx->result;
	unsigned long n = user_len < kernel_len ? user_len : kernel_len;
	if (n > sizeof info)
		n = sizeof info;
	if (!n || !read_exact(ctx, &info, addr, n)) {
		tb_ptr(tb, addr);
		return;
	}
	tb_str(tb, "{op=");
	print_enum(tb, value_table_get(VT_PTRACE_SYSCALL_INFO_OP), info.op);
	if (n < offsetof(struct ptrace_syscall_info, arch) + sizeof info.arch)
		goto end;
	tb_str(tb, ", arch=");
	print_enum(tb, value_table_get(VT_AUDIT_ARCH), info.arch);
	if (n < offsetof(struct ptrace_syscall_info, stack_pointer))
		goto end;
	tb_str(tb, ", instruction_pointer=");
	tb_hex(tb, info.instruction_pointer);
	if (n < offsetof(struct ptrace_syscall_info, entry))
		goto end;
	tb_str(tb, ", stack_pointer=");
	tb_hex(tb, info.stack_pointer);
	if (n < offsetof(struct ptrace_syscall_info, entry.nr) +
		sizeof info.entry.nr)
		goto end;
	size_t args_at = info.op == PTRACE_SYSCALL_INFO_SECCOMP
				 ? offsetof(struct ptrace_syscall_info,
					    seccomp.args)
				 : offsetof(struct ptrace_syscall_info,
					    entry.args);
	size_t full = offsetof(struct ptrace_syscall_info, seccomp.ret_data) +
		      sizeof info.seccomp.ret_data;
	size_t exit_full = offsetof(struct ptrace_syscall_info,
				    exit.is_error) + sizeof info.exit.is_error;
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
	case PTRACE_SYSCALL_INFO_SECCOMP: {
		const __u64 *args = info.op == PTRACE_SYSCALL_INFO_ENTRY
					       ? info.entry.args
					       : info.seccomp.args;
		tb_str(tb, info.op == PTRACE_SYSCALL_INFO_ENTRY ? ", entry={nr="
								 : ", seccomp={nr=");
		print_syscall_nr(tb, (uint32_t)info.entry.nr, info.arch);
		size_t nargs = n > args_at ? (n - args_at) / 8 : 0;
		if (nargs > 6)
			nargs = 6;
		for (size_t i = 0; i < nargs; i++) {
			tb_str(tb, i ? ", " : ", args=[");
			tb_hex(tb, args[i]);
		}
		if (nargs)
			tb_char(tb, ']');
		if (info.op == PTRACE_SYSCALL_INFO_SECCOMP && n >= full)
			print_field_u(tb, ", ret_data=", info.seccomp.ret_data);
		tb_char(tb, '}');
		break;
	}
	case PTRACE_SYSCALL_INFO_EXIT: {
		tb_str(tb, ", exit={rval=");
		const char *e = n >= exit_full && info.exit.is_error &&
					info.exit.rval < 0
				? errno_name(-info.exit.rval)
				: 0;
		/* strace's PRINT_FIELD_ERR_D: -ENAME, in the -X style. */
		char name[40] = "-";
		size_t k = 1;
		for (; e && e[k - 1] && k < sizeof name - 1; k++)
			name[k] = e[k - 1];
		name[k] = 0;
		print_named_value(tb, (uint64_t)info.exit.rval, e ? name : 0,
				  CONST_DEC);
		if (n >= exit_full)
			print_field_u(tb, ", is_error=", info.exit.is_error);
		tb_char(tb, '}');
		break;
	}
	}
end:
	tb_char(tb, '}');
}

/* The request's struct iovec at iov: the regset as an address, then its
 * length; at exit the length the kernel left (GETREGSET: "in => out"). */
static int read_iovec(const struct decode_context *ctx, uintptr_t iov,
		      uint64_t v[2])
{
	return read_exact(ctx, v, iov, 16);
}

static void save_arg(const struct decode_context *ctx, int i, long v)
{
	struct format_saved *sv = ctx->opts->saved;
	if (!sv)
		return;
	sv->value[i] = v;
	sv->mask |= 1u << i;
}

static int saved_arg(const struct decode_context *ctx, int i, long *v)
{
	const struct format_saved *sv = ctx->opts->saved;
	if (!sv || !(sv->mask & (1u << i)))
		return 0;
	*v = sv->value[i];
	return 1;
}

static void ptrace_entry(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	uint64_t req = (uint64_t)ctx->args[0];
	uintptr_t addr = (uintptr_t)ctx->args[2];
	uintptr_t data = (uintptr_t)ctx->args[3];
	uint64_t iov[2];
	print_enum(tb, value_table_get(VT_PTRACE_REQUEST), req);
	if (req == PTRACE_TRACEME)
		return;
	tb_str(tb, ", ");
	tb_dec(tb, (int)ctx->args[1]);
	switch (req) {
	case PTRACE_ATTACH: case PTRACE_INTERRUPT: case PTRACE_KILL:
	case PTRACE_LISTEN:
		return;
	}
	tb_str(tb, ", ");
	switch (req) {
	case PTRACE_GETREGSET: case PTRACE_SETREGSET:
		print_enum(tb, value_table_get(VT_NT_TYPE), addr);
		break;
	case PTRACE_GETSIGMASK: case PTRACE_SETSIGMASK:
	case PTRACE_SECCOMP_GET_FILTER: case PTRACE_SECCOMP_GET_METADATA:
	case PTRACE_GET_SYSCALL_INFO:
		tb_udec(tb, addr);
		break;
	case PTRACE_PEEKSIGINFO:
		print_peeksiginfo_args(ctx, addr);
		break;
#ifdef PTRACE_GETREGS
	case PTRACE_SETREGS: case PTRACE_SETFPREGS:
		print_regset(ctx, data, REGSET_WHOLE, req == PTRACE_SETREGS ? NT_PRSTATUS
								    : NT_FPREGSET);
		return;
	case PTRACE_GETREGS: case PTRACE_GETFPREGS:
		return; /* printed at exit */
#endif
	default:
		tb_ptr(tb, addr);
	}
	tb_str(tb, ", ");
	switch (req) {
	case PTRACE_CONT: case PTRACE_DETACH: case PTRACE_SYSCALL:
	case PTRACE_SINGLESTEP:
#ifdef PTRACE_SINGLEBLOCK
	case PTRACE_SINGLEBLOCK:
#endif
#ifdef PTRACE_SYSEMU
	case PTRACE_SYSEMU: case PTRACE_SYSEMU_SINGLESTEP:
#endif
		print_signal(tb, (long)data);
		return;
	case PTRACE_SEIZE: case PTRACE_SETOPTIONS:
#ifdef PTRACE_OLDSETOPTIONS
	case PTRACE_OLDSETOPTIONS:
#endif
		print_flags(tb, value_table_get(VT_PTRACE_OPTIONS), data);
		return;
	case PTRACE_SETSIGINFO:
		print_siginfo_at(ctx, data);
		return;
	case PTRACE_SETSIGMASK:
		print_sigset(ctx, data, addr);
		return;
	case PTRACE_GETREGSET:
		if (!read_iovec(ctx, data, iov))
			tb_ptr(tb, data);
		else
			save_arg(ctx, 3, (long)iov[1]);
		return;
	case PTRACE_SETREGSET:
		if (!read_iovec(ctx, data, iov)) {
			tb_ptr(tb, data);
			return;
		}
		tb_str(tb, "{iov_base=");
		print_regset(ctx, iov[0], iov[1], (int)addr);
		print_field_u(tb, ", iov_len=", iov[1]);
		save_arg(ctx, 3, (long)iov[1]);
		return;
	case PTRACE_SECCOMP_GET_METADATA: {
		uint64_t off;
		if (addr < sizeof off) {
			tb_ptr(tb, data);
			return;
		}
		if (!read_or_print_addr(ctx, &off, data, sizeof off))
			return;
		print_field_u(tb, "{filter_off=", off);
		save_arg(ctx, 3, 1);
		return;
	}
	case PTRACE_PEEKDATA: case PTRACE_PEEKTEXT: case PTRACE_PEEKUSR:
	case PTRACE_GETEVENTMSG: case PTRACE_GETSIGINFO:
	case PTRACE_GETSIGMASK: case PTRACE_PEEKSIGINFO:
	case PTRACE_SECCOMP_GET_FILTER: case PTRACE_GET_SYSCALL_INFO:
		if (ctx_verbose(ctx))
			return; /* printed at exit */
		tb_ptr(tb, data);
		return;
	default:
		tb_ptr(tb, data);
		return;
	}
}

static void ptrace_exit(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	uint64_t req = (uint64_t)ctx->args[0];
	uintptr_t addr = (uintptr_t)ctx->args[2];
	uintptr_t data = (uintptr_t)ctx->args[3];
	uint64_t iov[2], v;
	long saved;
	switch (req) {
	case PTRACE_PEEKDATA: case PTRACE_PEEKTEXT: case PTRACE_PEEKUSR:
	case PTRACE_GETEVENTMSG:
		if (!ctx_verbose(ctx))
			return;
		if (read_result_or_print_addr(ctx, &v, data, sizeof v)) {
			tb_char(tb, '[');
			if (req == PTRACE_GETEVENTMSG)
				tb_udec(tb, v);
			else
				tb_ptr(tb, v);
			tb_char(tb, ']');
		}
		return;
	case PTRACE_GETREGSET:
		if (!saved_arg(ctx, 3, &saved))
			return;
		if (!read_iovec(ctx, data, iov)) {
			tb_ptr(tb, data);
			return;
		}
		tb_str(tb, "{iov_base=");
		print_regset(ctx, iov[0], iov[1], (int)addr);
		tb_str(tb, ", iov_len=");
		tb_udec(tb, (unsigned long)saved);
		if ((uint64_t)saved != iov[1]) {
			tb_str(tb, " => ");
			tb_udec(tb, iov[1]);
		}
		tb_char(tb, '}');
		return;
	case PTRACE_SETREGSET:
		if (!saved_arg(ctx, 3, &saved))
			return;
		if (read_iovec(ctx, data, iov) && (uint64_t)saved != iov[1]) {
			tb_str(tb, " => ");
			tb_udec(tb, iov[1]);
		}
		tb_char(tb, '}');
		return;
	case PTRACE_SECCOMP_GET_METADATA: {
		unsigned long size = (unsigned long)ctx->result;
		if (!saved_arg(ctx, 3, &saved))
			return;
		if (!is_error_result(ctx->result) && size > 8) {
			tb_str(tb, ", ");
			if (size < 16 || !read_exact(ctx, &v, data + 8, 8)) {
				tb_str(tb, "???");
			} else {
				print_field_flags(tb, "flags=",
						  VT_SECCOMP_FILTER_FLAGS, v);
				if (size > 16)
					tb_str(tb, ", ...");
			}
		}
		tb_char(tb, '}');
		return;
	}
#ifdef PTRACE_GETREGS
	case PTRACE_GETREGS: case PTRACE_GETFPREGS:
		print_regset(ctx, data, REGSET_WHOLE, req == PTRACE_GETREGS ? NT_PRSTATUS
								    : NT_FPREGSET);
		return;
#endif
	}
	if (!ctx_verbose(ctx))
		return;
	switch (req) {
	case PTRACE_GETSIGINFO:
		print_siginfo_at(ctx, data);
		return;
	case PTRACE_GETSIGMASK:
		if (is_error_result(ctx->result))
			tb_ptr(tb, data);
		else
			print_sigset(ctx, data, addr);
		return;
	case PTRACE_PEEKSIGINFO:
		print_siginfo_array(ctx, data,
				    is_error_result(ctx->result) ? -1
								 : ctx->result);
		return;
	case PTRACE_SECCOMP_GET_FILTER:
		if (is_error_result(ctx->result))
			tb_ptr(tb, data);
		else
			print_bpf_program(ctx, data, (unsigned)ctx->result, 1);
		return;
	case PTRACE_GET_SYSCALL_INFO:
		if (is_error_result(ctx->result))
			tb_ptr(tb, data);
		else
			print_syscall_info(ctx, data, addr);
		return;
	}
}

void decode_ptrace(const struct decode_context *ctx)
{
	if (ctx->exiting)
		ptrace_exit(ctx);
	else
		ptrace_entry(ctx);
}
