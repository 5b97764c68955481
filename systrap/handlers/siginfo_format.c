/* siginfo_format: a delivered signal's siginfo as strace prints it
 * ("--- SIGCHLD {si_signo=SIGCHLD, ...} ---"), and signal names. */
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>

#include "systrap/arch/context.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/errno_names.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/value_tables.h"

/* si_code names of signals the kernel raises itself (strace's siginfo_codes
 * tables), indexed by si_code - 1. */
static const char *const ill_codes[] = { "ILL_ILLOPC", "ILL_ILLOPN",
	"ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC",
	"ILL_BADSTK", "ILL_BADIADDR" };
static const char *const fpe_codes[] = { "FPE_INTDIV", "FPE_INTOVF",
	"FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV",
	"FPE_FLTSUB", "FPE_FLTUNK", "FPE_CONDTRAP" };
static const char *const segv_codes[] = { "SEGV_MAPERR", "SEGV_ACCERR",
	"SEGV_BNDERR", "SEGV_PKUERR", "SEGV_ACCADI", "SEGV_ADIDERR",
	"SEGV_ADIPERR", "SEGV_MTEAERR", "SEGV_MTESERR" };
static const char *const bus_codes[] = { "BUS_ADRALN", "BUS_ADRERR",
	"BUS_OBJERR", "BUS_MCEERR_AR", "BUS_MCEERR_AO" };
static const char *const trap_codes[] = { "TRAP_BRKPT", "TRAP_TRACE",
	"TRAP_BRANCH", "TRAP_HWBKPT", "TRAP_UNK", "TRAP_PERF" };
static const char *const cld_codes[] = { "CLD_EXITED", "CLD_KILLED",
	"CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED" };
static const char *const poll_codes[] = { "POLL_IN", "POLL_OUT", "POLL_MSG",
	"POLL_ERR", "POLL_PRI", "POLL_HUP" };
static const char *const sys_codes[] = { "SYS_SECCOMP", "SYS_USER_DISPATCH" };
static const char *const prof_codes[] = { "PROF_SIG" };

#define NCODES(a) (sizeof(a) / sizeof((a)[0]))

static const char *user_code_name(int code)
{
	switch (code) {
	case SI_USER: return "SI_USER";
	case SI_KERNEL: return "SI_KERNEL";
	case SI_QUEUE: return "SI_QUEUE";
	case SI_TIMER: return "SI_TIMER";
	case SI_MESGQ: return "SI_MESGQ";
	case SI_ASYNCIO: return "SI_ASYNCIO";
	case SI_SIGIO: return "SI_SIGIO";
	case SI_TKILL: return "SI_TKILL";
	case SI_DETHREAD: return "SI_DETHREAD";
	case SI_ASYNCNL: return "SI_ASYNCNL";
	default: return 0;
	}
}

static const char *signal_code_name(int sig, int code)
{
	const char *const *t = 0;
	size_t n = 0;
	switch (sig) {
	case SIGILL: t = ill_codes; n = NCODES(ill_codes); break;
	case SIGFPE: t = fpe_codes; n = NCODES(fpe_codes); break;
	case SIGSEGV: t = segv_codes; n = NCODES(segv_codes); break;
	case SIGBUS: t = bus_codes; n = NCODES(bus_codes); break;
	case SIGTRAP: t = trap_codes; n = NCODES(trap_codes); break;
	case SIGCHLD: t = cld_codes; n = NCODES(cld_codes); break;
	case SIGIO: t = poll_codes; n = NCODES(poll_codes); break;
	case SIGSYS: t = sys_codes; n = NCODES(sys_codes); break;
	case SIGPROF: t = prof_codes; n = NCODES(prof_codes); break;
	default: break;
	}
	if (code > 0 && (size_t)code <= n)
		return t[code - 1];
	return 0;
}

/* The kernel's siginfo_t on x86-64, the fields strace prints. */
struct k_siginfo {
	int32_t signo, err, code, pad;
	union {
		struct { int32_t pid; uint32_t uid; int32_t status;
			 int32_t pad; int64_t utime, stime; } chld;
		struct { int32_t pid; uint32_t uid; uint64_t value; } rt;
		struct { int32_t tid, overrun; uint64_t value; } timer;
		/* addr_lsb (BUS_MCEERR_*), lower and upper (SEGV_BNDERR),
		 * pkey (SEGV_PKUERR) after the address, as the kernel's
		 * union lays them out on a 64-bit architecture. */
		struct { uint64_t addr; int16_t addr_lsb; int16_t pad[3];
			 uint64_t lower, upper; } fault;
		struct { uint64_t addr, pad; uint32_t pkey; } fault_pkey;
		struct { int64_t band; int32_t fd; } poll;
		struct { uint64_t call_addr; int32_t syscall;
			 uint32_t arch; } sys;
	} u;
};

/* The sender's pid (translated, decorated as -e decode-pids= asks) and
 * uid. */
static void print_pid_uid(const struct decode_context *ctx,
			  const struct k_siginfo *si)
{
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, ", si_pid=");
	print_pid(ctx, si->u.rt.pid, PIDNS_TGID); /* strace's PRINT_FIELD_TGID */
	print_field_id(tb, ", si_uid=", si->u.rt.uid); /* (uid_t)-1 as -1 */
}

/* SIGIO's (and SI_SIGIO's) band and descriptor, the descriptor
 * decorated as -y asks inside a call's arguments. */
static void print_band_fd(struct text_buffer *tb, const struct k_siginfo *si,
			  const struct decode_context *ctx, int in_call)
{
	tb_str(tb, ", si_band=");
	tb_dec(tb, si->u.poll.band);
	tb_str(tb, ", si_fd=");
	if (in_call)
		print_fd(ctx, si->u.poll.fd);
	else
		tb_dec(tb, si->u.poll.fd);
}

/* strace 6.1's printsigval: the union as both of its members. */
static void print_sigval(struct text_buffer *tb, uint64_t v)
{
	tb_str(tb, ", si_int=");
	tb_dec(tb, (int32_t)v);
	tb_str(tb, ", si_ptr=");
	if (v)
		tb_hex(tb, v);
	else
		tb_str(tb, "NULL");
}

/* A SIGSYS's call and architecture as strace names them: __NR_getppid,
 * AUDIT_ARCH_X86_64 (the call a number where it is another architecture's
 * than the signature table's). */
static void print_sigsys_call(struct text_buffer *tb, int nr, uint32_t arch)
{
	print_syscall_nr(tb, (uint32_t)nr, arch);
	tb_str(tb, ", si_arch=");
	print_enum(tb, value_table_get(VT_AUDIT_ARCH), arch);
}

static void print_siginfo_of(const struct decode_context *ctx,
			     const void *siginfo, int in_call);

/* A delivered signal's (the "--- SIGxxx {...} ---" line): pids as -e
 * decode-pids= asks, descriptors plain. */
size_t format_siginfo(char *buf, size_t cap, const void *siginfo,
		      int const_style, unsigned decode_pids)
{
	struct text_buffer tb;
	tb_init(&tb, buf, cap);
	tb.style = const_style;
	struct format_options opts;
	format_options_init(&opts);
	opts.const_style = const_style;
	opts.decode_pids = decode_pids;
	struct decode_context ctx = { &tb, &opts, 0, -1, 0, 0, 0, 0, 0 };
	print_siginfo_of(&ctx, siginfo, 0);
	return tb_finish(&tb);
}

void print_siginfo(const struct decode_context *ctx, const void *siginfo)
{
	print_siginfo_of(ctx, siginfo, 1);
}

/* strace 6.1's printsiginfo: the fields each sender and signal fill. */
static void print_siginfo_of(const struct decode_context *ctx,
			     const void *siginfo, int in_call)
{
	struct text_buffer *tb = ctx->tb;
	const struct k_siginfo *si = siginfo;
	int sig = si->signo, code = si->code;
	tb_char(tb, '{');
	if (!sig) {
		tb_char(tb, '}');
		return;
	}
	tb_str(tb, "si_signo=");
	print_signal(tb, sig);
	tb_str(tb, ", si_code=");
	const char *name = user_code_name(code);
	if (!name && code > 0)
		name = signal_code_name(sig, code);
	/* The code's number in hex, unsigned (raw and verbose styles). */
	print_named_value(tb, (uint32_t)code, name, CONST_HEX);
	if (si->err) {
		/* PRINT_FIELD_ERR_U: an errno's name, else unsigned. */
		tb_str(tb, ", si_errno=");
		print_named_value(tb, (uint32_t)si->err,
				  si->err > 0 ? errno_name(si->err) : 0,
				  CONST_UDEC);
	}
	if (code <= 0) {
		/* Sent by a process (kill, tgkill, sigqueue, timers). */
		switch (code) {
		case SI_USER: case SI_TKILL:
			print_pid_uid(ctx, si);
			break;
		case SI_TIMER:
			tb_str(tb, ", si_timerid=");
			tb_hex(tb, (uint32_t)si->u.timer.tid);
			tb_str(tb, ", si_overrun=");
			tb_dec(tb, si->u.timer.overrun);
			print_sigval(tb, si->u.timer.value);
			break;
		case SI_SIGIO:
			print_band_fd(tb, si, ctx, in_call);
			break;
		default:
			print_pid_uid(ctx, si);
			/* strace 6.1 leaves out a zero value here (not a
			 * timer's). */
			if (si->u.rt.value)
				print_sigval(tb, si->u.rt.value);
			break;
		}
		tb_char(tb, '}');
		return;
	}
	/* SI_KERNEL too: strace shows a fault's si_addr whoever raised it
	 * (int3's SIGTRAP, a general protection fault). */
	switch (sig) {
	case SIGCHLD:
		print_pid_uid(ctx, si);
		tb_str(tb, ", si_status=");
		if (code == CLD_EXITED)
			tb_dec(tb, si->u.chld.status);
		else
			print_signal(tb, si->u.chld.status);
		tb_str(tb, ", si_utime=");
		print_clock_t(tb, (uint64_t)si->u.chld.utime);
		tb_str(tb, ", si_stime=");
		print_clock_t(tb, (uint64_t)si->u.chld.stime);
		break;
	case SIGILL: case SIGTRAP: case SIGBUS: case SIGFPE: case SIGSEGV:
		tb_str(tb, ", si_addr=");
		tb_ptr(tb, si->u.fault.addr);
		if (sig == SIGBUS &&
		    (code == BUS_MCEERR_AR || code == BUS_MCEERR_AO)) {
			tb_str(tb, ", si_addr_lsb=");
			tb_hex(tb, (uint16_t)si->u.fault.addr_lsb);
		} else if (sig == SIGSEGV && code == SEGV_BNDERR) {
			tb_str(tb, ", si_lower=");
			tb_ptr(tb, si->u.fault.lower);
			tb_str(tb, ", si_upper=");
			tb_ptr(tb, si->u.fault.upper);
		} else if (sig == SIGSEGV && code == SEGV_PKUERR) {
			tb_str(tb, ", si_pkey=");
			tb_udec(tb, si->u.fault_pkey.pkey);
		}
		break;
	case SIGIO:
		if ((size_t)code > NCODES(poll_codes))
			break;
		print_band_fd(tb, si, ctx, in_call);
		break;
	case SIGSYS:
		tb_str(tb, ", si_call_addr=");
		tb_ptr(tb, si->u.sys.call_addr);
		tb_str(tb, ", si_syscall=");
		print_sigsys_call(tb, si->u.sys.syscall, si->u.sys.arch);
		break;
	default:
		if (si->u.rt.pid || si->u.rt.uid)
			print_pid_uid(ctx, si);
		if (si->u.rt.value)
			print_sigval(tb, si->u.rt.value);
		break;
	}
	tb_char(tb, '}');
}

size_t format_signal_name(char *buf, size_t cap, int sig)
{
	struct text_buffer tb;
	tb_init(&tb, buf, cap);
	print_signal(&tb, sig);
	return tb_finish(&tb);
}
