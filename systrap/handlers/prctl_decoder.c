/* prctl_decoder: prctl's options and their arguments as strace 6.1 prints
 * them (its prctl.c): each option's arguments on entry, what the kernel
 * wrote on exit, and the result's names ("= 1 (SUID_DUMP_USER)",
 * "= 0xff (SECBIT_NOROOT|...)").
 *
 * The names are tables of this file (the option's sub-commands, the
 * capabilities, the secure bits...), in strace's order; the options
 * themselves are value_tables.c's VT_PRCTL_OPTION. strace's own limit is
 * kept: arguments it does not print are not printed (PR_GET_DUMPABLE's
 * four unused ones), those it prints in hex are printed in hex.
 */
#include "systrap/handlers/decode_context.h"

#include <linux/capability.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <linux/securebits.h>

#include "systrap/handlers/value_tables.h"

#define V(name) { (uint64_t)(name), #name }
#define TABLE(name, unknown) \
	static const struct value_table name = { \
		name##_names, sizeof name##_names / sizeof *name##_names, \
		unknown }

static const struct named_value cap_ambient_names[] = {
	V(PR_CAP_AMBIENT_IS_SET), V(PR_CAP_AMBIENT_RAISE),
	V(PR_CAP_AMBIENT_LOWER), V(PR_CAP_AMBIENT_CLEAR_ALL),
};
TABLE(cap_ambient, "PR_CAP_AMBIENT_???");

/* include/linux/sched/coredump.h's, not in the uapi headers. */
static const struct named_value dumpable_names[] = {
	{ 0, "SUID_DUMP_DISABLE" }, { 1, "SUID_DUMP_USER" },
	{ 2, "SUID_DUMP_ROOT" },
};
TABLE(dumpable, "SUID_DUMP_???");

static const struct named_value fp_mode_names[] = {
	V(PR_FP_MODE_FR), V(PR_FP_MODE_FRE),
};
TABLE(fp_mode, "PR_FP_MODE_???");

static const struct named_value mce_kill_names[] = {
	V(PR_MCE_KILL_CLEAR), V(PR_MCE_KILL_SET),
};
TABLE(mce_kill, "PR_MCE_KILL_???");

static const struct named_value mce_kill_policy_names[] = {
	V(PR_MCE_KILL_LATE), V(PR_MCE_KILL_EARLY), V(PR_MCE_KILL_DEFAULT),
};
TABLE(mce_kill_policy, "PR_MCE_KILL_???");

static const struct named_value pac_enabled_keys_names[] = {
	V(PR_PAC_APIAKEY), V(PR_PAC_APIBKEY), V(PR_PAC_APDAKEY),
	V(PR_PAC_APDBKEY),
};
TABLE(pac_enabled_keys, "PR_PAC_???");

/* PR_PAC_RESET_KEYS: the enabled keys' names, then the generic key. */
static const struct named_value pac_keys_names[] = {
	V(PR_PAC_APIAKEY), V(PR_PAC_APIBKEY), V(PR_PAC_APDAKEY),
	V(PR_PAC_APDBKEY), V(PR_PAC_APGAKEY),
};
TABLE(pac_keys, "PR_PAC_???");

static const struct named_value sched_core_cmds_names[] = {
	V(PR_SCHED_CORE_GET), V(PR_SCHED_CORE_CREATE),
	V(PR_SCHED_CORE_SHARE_TO), V(PR_SCHED_CORE_SHARE_FROM),
};
TABLE(sched_core_cmds, "PR_SCHED_CORE_???");

/* The kernel's enum pid_type (include/linux/pid.h). */
static const struct named_value pidtypes_names[] = {
	{ 0, "PIDTYPE_PID" }, { 1, "PIDTYPE_TGID" }, { 2, "PIDTYPE_PGID" },
	{ 3, "PIDTYPE_SID" },
};
TABLE(pidtypes, "PIDTYPE_???");

static const struct named_value set_mm_names[] = {
	V(PR_SET_MM_START_CODE), V(PR_SET_MM_END_CODE),
	V(PR_SET_MM_START_DATA), V(PR_SET_MM_END_DATA),
	V(PR_SET_MM_START_STACK), V(PR_SET_MM_START_BRK), V(PR_SET_MM_BRK),
	V(PR_SET_MM_ARG_START), V(PR_SET_MM_ARG_END),
	V(PR_SET_MM_ENV_START), V(PR_SET_MM_ENV_END), V(PR_SET_MM_AUXV),
	V(PR_SET_MM_EXE_FILE), V(PR_SET_MM_MAP), V(PR_SET_MM_MAP_SIZE),
};
TABLE(set_mm, "PR_SET_MM_???");

static const struct named_value set_vma_names[] = {
	V(PR_SET_VMA_ANON_NAME),
};
TABLE(set_vma, "PR_SET_VMA_???");

static const struct named_value sme_vl_flags_names[] = {
	V(PR_SME_SET_VL_ONEXEC), V(PR_SME_VL_INHERIT),
};
TABLE(sme_vl_flags, "");

static const struct named_value sve_vl_flags_names[] = {
	V(PR_SVE_SET_VL_ONEXEC), V(PR_SVE_VL_INHERIT),
};
TABLE(sve_vl_flags, "");

static const struct named_value spec_cmds_names[] = {
	V(PR_SPEC_STORE_BYPASS), V(PR_SPEC_INDIRECT_BRANCH),
	V(PR_SPEC_L1D_FLUSH),
};
TABLE(spec_cmds, "PR_SPEC_???");

static const struct named_value spec_get_flags_names[] = {
	V(PR_SPEC_NOT_AFFECTED), V(PR_SPEC_PRCTL), V(PR_SPEC_ENABLE),
	V(PR_SPEC_DISABLE), V(PR_SPEC_FORCE_DISABLE),
	V(PR_SPEC_DISABLE_NOEXEC),
};
TABLE(spec_get_flags, "PR_SPEC_???");

static const struct named_value spec_set_flags_names[] = {
	V(PR_SPEC_ENABLE), V(PR_SPEC_DISABLE), V(PR_SPEC_FORCE_DISABLE),
	V(PR_SPEC_DISABLE_NOEXEC),
};
TABLE(spec_set_flags, "PR_SPEC_???");

static const struct named_value sud_cmds_names[] = {
	V(PR_SYS_DISPATCH_OFF), V(PR_SYS_DISPATCH_ON),
};
TABLE(sud_cmds, "PR_SYS_DISPATCH_???");

static const struct named_value tagged_addr_enable_names[] = {
	{ 0, "!PR_TAGGED_ADDR_ENABLE" }, V(PR_TAGGED_ADDR_ENABLE),
};
TABLE(tagged_addr_enable, "");

static const struct named_value mte_tcf_names[] = {
	V(PR_MTE_TCF_NONE), V(PR_MTE_TCF_SYNC), V(PR_MTE_TCF_ASYNC),
	V(PR_MTE_TCF_MASK),
};
TABLE(mte_tcf, "PR_MTE_TCF_???");

static const struct named_value tsc_names[] = {
	V(PR_TSC_ENABLE), V(PR_TSC_SIGSEGV),
};
TABLE(tsc, "PR_TSC_???");

static const struct named_value unalign_flags_names[] = {
	V(PR_UNALIGN_NOPRINT), V(PR_UNALIGN_SIGBUS),
};
TABLE(unalign_flags, "PR_UNALIGN_???");

static const struct named_value seccomp_mode_names[] = {
	V(SECCOMP_MODE_DISABLED), V(SECCOMP_MODE_STRICT),
	V(SECCOMP_MODE_FILTER),
};
TABLE(seccomp_mode, "SECCOMP_MODE_???");

static const struct named_value seccomp_ops_names[] = {
	V(SECCOMP_SET_MODE_STRICT), V(SECCOMP_SET_MODE_FILTER),
	V(SECCOMP_GET_ACTION_AVAIL), V(SECCOMP_GET_NOTIF_SIZES),
};
TABLE(seccomp_ops, "SECCOMP_SET_MODE_???");

static const struct named_value secbits_names[] = {
	V(SECBIT_NOROOT), V(SECBIT_NOROOT_LOCKED), V(SECBIT_NO_SETUID_FIXUP),
	V(SECBIT_NO_SETUID_FIXUP_LOCKED), V(SECBIT_KEEP_CAPS),
	V(SECBIT_KEEP_CAPS_LOCKED), V(SECBIT_NO_CAP_AMBIENT_RAISE),
	V(SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED),
};
TABLE(secbits, "SECBIT_???");

static const struct named_value cap_names[] = {
	V(CAP_CHOWN), V(CAP_DAC_OVERRIDE), V(CAP_DAC_READ_SEARCH),
	V(CAP_FOWNER), V(CAP_FSETID), V(CAP_KILL), V(CAP_SETGID),
	V(CAP_SETUID), V(CAP_SETPCAP), V(CAP_LINUX_IMMUTABLE),
	V(CAP_NET_BIND_SERVICE), V(CAP_NET_BROADCAST), V(CAP_NET_ADMIN),
	V(CAP_NET_RAW), V(CAP_IPC_LOCK), V(CAP_IPC_OWNER), V(CAP_SYS_MODULE),
	V(CAP_SYS_RAWIO), V(CAP_SYS_CHROOT), V(CAP_SYS_PTRACE),
	V(CAP_SYS_PACCT), V(CAP_SYS_ADMIN), V(CAP_SYS_BOOT), V(CAP_SYS_NICE),
	V(CAP_SYS_RESOURCE), V(CAP_SYS_TIME), V(CAP_SYS_TTY_CONFIG),
	V(CAP_MKNOD), V(CAP_LEASE), V(CAP_AUDIT_WRITE), V(CAP_AUDIT_CONTROL),
	V(CAP_SETFCAP), V(CAP_MAC_OVERRIDE), V(CAP_MAC_ADMIN), V(CAP_SYSLOG),
	V(CAP_WAKE_ALARM), V(CAP_BLOCK_SUSPEND), V(CAP_AUDIT_READ),
	V(CAP_PERFMON), V(CAP_BPF), V(CAP_CHECKPOINT_RESTORE),
};
TABLE(cap, "CAP_???");

#undef TABLE
#undef V

/* Arguments first..4 in hex (strace's print_prctl_args). */
static void print_rest_hex(const struct decode_context *ctx, int first)
{
	for (int i = first; i < 5; i++) {
		tb_str(ctx->tb, ", ");
		tb_hex(ctx->tb, (unsigned long)ctx->args[i]);
	}
}

/* strace's sprintflags_ex without a comment: the names and the bits left
 * in hex; the bits in hex alone when none has a name; nothing for 0. */
static void print_flag_words(struct text_buffer *tb,
			     const struct value_table *t, uint64_t value)
{
	if (!value)
		return;
	int printed = 0;
	uint64_t left = print_flag_names(tb, t, value, &printed);
	if (!printed) {
		tb_hex(tb, value);
		return;
	}
	if (left) {
		tb_char(tb, '|');
		tb_hex(tb, left);
	}
}

/* A vector length argument (PR_SVE_SET_VL, PR_SME_SET_VL): its flags,
 * then the length: PR_SVE_VL_INHERIT|0xff, or 0xff alone. */
static void print_vl(struct text_buffer *tb, const struct value_table *t,
		     uint64_t v)
{
	uint64_t flags = v & ~(uint64_t)PR_SVE_VL_LEN_MASK;
	if (!flags) {
		tb_hex(tb, v); /* the length alone, in every style */
		return;
	}
	int begun = const_names_begin(tb, v, CONST_HEX);
	if (!begun)
		return;
	print_flag_words(tb, t, flags);
	tb_char(tb, '|');
	tb_hex(tb, v & PR_SVE_VL_LEN_MASK);
	const_names_end(tb, begun);
}

/* PR_SET_TAGGED_ADDR_CTRL's argument and PR_GET_TAGGED_ADDR_CTRL's
 * result: PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_ASYNC|0x1<<PR_MTE_TAG_SHIFT. */
static void print_tagged_addr(struct text_buffer *tb, uint64_t v)
{
	const uint64_t known = PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_MASK |
			       PR_MTE_TAG_MASK;
	int begun = const_names_begin(tb, v, CONST_HEX);
	if (!begun)
		return;
	print_enum(tb, &tagged_addr_enable, v & PR_TAGGED_ADDR_ENABLE);
	tb_char(tb, '|');
	print_enum(tb, &mte_tcf, v & PR_MTE_TCF_MASK);
	if (v & PR_MTE_TAG_MASK) {
		tb_char(tb, '|');
		tb_hex(tb, (v & PR_MTE_TAG_MASK) >> PR_MTE_TAG_SHIFT);
		tb_str(tb, "<<PR_MTE_TAG_SHIFT");
	}
	if (v & ~known) {
		tb_char(tb, '|');
		tb_hex(tb, v & ~known);
	}
	const_names_end(tb, begun);
}

static void decode_prctl_exit(const struct decode_context *ctx,
			      unsigned option)
{
	struct text_buffer *tb = ctx->tb;
	uintptr_t arg2 = (uintptr_t)ctx->args[1];
	uint32_t i;
	uint64_t u64;
	switch (option) {
	case PR_GET_CHILD_SUBREAPER: case PR_GET_ENDIAN: case PR_GET_FPEMU:
	case PR_GET_FPEXC:
		if (read_result_or_print_addr(ctx, &i, arg2, sizeof i)) {
			tb_char(tb, '[');
			tb_udec(tb, i);
			tb_char(tb, ']');
		}
		return;
	case PR_GET_NAME:
		if (is_error_result(ctx->result))
			tb_ptr(tb, arg2);
		else
			print_cstring_max(ctx, arg2, 16);
		return;
	case PR_GET_PDEATHSIG:
		if (read_result_or_print_addr(ctx, &i, arg2, sizeof i)) {
			tb_char(tb, '[');
			print_signal(tb, (int)i);
			tb_char(tb, ']');
		}
		return;
	case PR_GET_TID_ADDRESS:
		if (read_result_or_print_addr(ctx, &u64, arg2, sizeof u64)) {
			tb_char(tb, '[');
			tb_hex(tb, u64);
			tb_char(tb, ']');
		}
		return;
	case PR_GET_TSC:
		if (read_result_or_print_addr(ctx, &i, arg2, sizeof i)) {
			tb_char(tb, '[');
			print_enum(tb, &tsc, i);
			tb_char(tb, ']');
		}
		return;
	case PR_GET_UNALIGN:
		if (read_result_or_print_addr(ctx, &i, arg2, sizeof i)) {
			tb_char(tb, '[');
			print_flags(tb, &unalign_flags, i);
			tb_char(tb, ']');
		}
		return;
	case PR_SCHED_CORE:
		if ((unsigned)ctx->args[1] != PR_SCHED_CORE_GET)
			return;
		if (read_result_or_print_addr(ctx, &u64, (uintptr_t)ctx->args[4],
				  sizeof u64)) {
			tb_char(tb, '[');
			tb_hex(tb, u64);
			tb_char(tb, ']');
		}
		return;
	default:
		return;
	}
}

void decode_prctl(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	unsigned option = (unsigned)ctx->args[0];
	const long *a = ctx->args;
	uint64_t arg2 = (unsigned long)a[1], arg3 = (unsigned long)a[2];
	if (ctx->exiting) {
		decode_prctl_exit(ctx, option);
		return;
	}
	print_enum(tb, value_table_get(VT_PRCTL_OPTION), option);
	switch (option) {
	/* No arguments, or none strace prints. */
	case PR_GET_KEEPCAPS: case PR_GET_SECCOMP: case PR_GET_TIMERSLACK:
	case PR_GET_TIMING: case PR_GET_DUMPABLE: case PR_GET_SECUREBITS:
	case PR_GET_FP_MODE: case PR_SVE_GET_VL: case PR_SME_GET_VL:
	case PR_TASK_PERF_EVENTS_DISABLE: case PR_TASK_PERF_EVENTS_ENABLE:
		return;
	/* A pointer the kernel writes: printed on exit. */
	case PR_GET_CHILD_SUBREAPER: case PR_GET_ENDIAN: case PR_GET_FPEMU:
	case PR_GET_FPEXC: case PR_GET_NAME: case PR_GET_PDEATHSIG:
	case PR_GET_TID_ADDRESS: case PR_GET_TSC: case PR_GET_UNALIGN:
		tb_str(tb, ", ");
		return;
	case PR_SVE_SET_VL:
		tb_str(tb, ", ");
		print_vl(tb, &sve_vl_flags, arg2);
		return;
	case PR_SME_SET_VL:
		tb_str(tb, ", ");
		print_vl(tb, &sme_vl_flags, arg2);
		return;
	case PR_GET_SPECULATION_CTRL:
		tb_str(tb, ", ");
		print_enum(tb, &spec_cmds, arg2);
		return;
	case PR_SET_TAGGED_ADDR_CTRL:
		tb_str(tb, ", ");
		print_tagged_addr(tb, arg2);
		print_rest_hex(ctx, 2);
		return;
	case PR_SET_CHILD_SUBREAPER: case PR_SET_ENDIAN: case PR_SET_FPEMU:
	case PR_SET_FPEXC: case PR_SET_KEEPCAPS: case PR_SET_TIMING:
		tb_str(tb, ", ");
		tb_udec(tb, arg2);
		return;
	case PR_SET_DUMPABLE:
		tb_str(tb, ", ");
		print_enum(tb, &dumpable, arg2);
		return;
	case PR_CAPBSET_DROP: case PR_CAPBSET_READ:
		tb_str(tb, ", ");
		print_enum(tb, &cap, arg2);
		return;
	case PR_CAP_AMBIENT:
		tb_str(tb, ", ");
		print_enum(tb, &cap_ambient, arg2);
		if (arg2 == PR_CAP_AMBIENT_RAISE || arg2 == PR_CAP_AMBIENT_LOWER ||
		    arg2 == PR_CAP_AMBIENT_IS_SET) {
			tb_str(tb, ", ");
			print_enum(tb, &cap, arg3);
			print_rest_hex(ctx, 3);
		} else {
			print_rest_hex(ctx, 2);
		}
		return;
	case PR_MCE_KILL:
		tb_str(tb, ", ");
		print_enum(tb, &mce_kill, arg2);
		tb_str(tb, ", ");
		if (arg2 == PR_MCE_KILL_SET)
			print_enum(tb, &mce_kill_policy, arg3);
		else
			tb_hex(tb, arg3);
		print_rest_hex(ctx, 3);
		return;
	case PR_SET_NAME:
		tb_str(tb, ", ");
		print_cstring_max(ctx, (uintptr_t)arg2, 15);
		return;
	case PR_SET_VMA:
		tb_str(tb, ", ");
		print_enum(tb, &set_vma, arg2);
		if (arg2 != PR_SET_VMA_ANON_NAME) {
			print_rest_hex(ctx, 2);
			return;
		}
		tb_str(tb, ", ");
		tb_ptr(tb, arg3);
		tb_str(tb, ", ");
		tb_udec(tb, (unsigned long)a[3]);
		tb_str(tb, ", ");
		print_cstring(ctx, (uintptr_t)a[4]);
		return;
	case PR_SET_MM:
		tb_str(tb, ", ");
		print_enum(tb, &set_mm, (uint32_t)arg2);
		print_rest_hex(ctx, 2);
		return;
	case PR_SET_PDEATHSIG:
		tb_str(tb, ", ");
		if (arg2 > 128)
			tb_udec(tb, arg2);
		else
			print_signal(tb, (long)arg2);
		return;
	case PR_SET_PTRACER:
		tb_str(tb, ", ");
		if ((int)arg2 == -1)
			print_named_value(tb, (uint64_t)(long long)(int)arg2,
					  "PR_SET_PTRACER_ANY", CONST_DEC);
		else
			print_pid(ctx, (int)arg2, PIDNS_TGID);
		return;
	case PR_SET_SECCOMP:
		tb_str(tb, ", ");
		print_enum(tb, &seccomp_mode, arg2);
		if (arg2 == SECCOMP_MODE_STRICT)
			return;
		if (arg2 == SECCOMP_MODE_FILTER) {
			tb_str(tb, ", ");
			print_sock_fprog(ctx, (uintptr_t)arg3, 1);
			return;
		}
		print_rest_hex(ctx, 2);
		return;
	case PR_SET_SECUREBITS:
		tb_str(tb, ", ");
		print_flags(tb, &secbits, arg2);
		return;
	case PR_SET_TIMERSLACK:
		tb_str(tb, ", ");
		tb_dec(tb, a[1]);
		return;
	case PR_SET_TSC:
		tb_str(tb, ", ");
		print_enum(tb, &tsc, (uint32_t)arg2);
		return;
	case PR_SET_UNALIGN:
		tb_str(tb, ", ");
		print_flags(tb, &unalign_flags, (uint32_t)arg2);
		return;
	case PR_SET_NO_NEW_PRIVS: case PR_SET_THP_DISABLE:
	case PR_SET_IO_FLUSHER:
		tb_str(tb, ", ");
		tb_udec(tb, arg2);
		print_rest_hex(ctx, 2);
		return;
	case PR_SET_FP_MODE:
		tb_str(tb, ", ");
		print_flags(tb, &fp_mode, (uint32_t)arg2);
		return;
	case PR_SET_SPECULATION_CTRL:
		tb_str(tb, ", ");
		print_enum(tb, &spec_cmds, arg2);
		tb_str(tb, ", ");
		if (arg2 <= PR_SPEC_L1D_FLUSH)
			print_enum(tb, &spec_set_flags, arg3);
		else
			tb_hex(tb, arg3);
		return;
	case PR_PAC_RESET_KEYS:
		tb_str(tb, ", ");
		print_flags(tb, &pac_keys, arg2);
		print_rest_hex(ctx, 2);
		return;
	case PR_PAC_SET_ENABLED_KEYS:
		tb_str(tb, ", ");
		print_flags(tb, &pac_enabled_keys, arg2);
		tb_str(tb, ", ");
		print_flags(tb, &pac_enabled_keys, arg3);
		print_rest_hex(ctx, 3);
		return;
	case PR_SET_SYSCALL_USER_DISPATCH:
		tb_str(tb, ", ");
		print_enum(tb, &sud_cmds, arg2);
		tb_str(tb, ", ");
		tb_hex(tb, arg3);
		tb_str(tb, ", ");
		tb_hex(tb, (unsigned long)a[3]);
		tb_str(tb, ", ");
		tb_ptr(tb, (unsigned long)a[4]);
		return;
	case PR_SCHED_CORE:
		tb_str(tb, ", ");
		print_enum(tb, &sched_core_cmds, (uint32_t)arg2);
		tb_str(tb, ", ");
		/* A pid of the PIDTYPE_* in arg4 (PIDTYPE_PID: a thread). */
		if ((uint32_t)a[3] <= 3)
			print_pid(ctx, (int)arg3,
				  (uint32_t)a[3] == 0 ? PIDNS_TID
				  : (uint32_t)a[3] == 1 ? PIDNS_TGID
				  : (uint32_t)a[3] == 2 ? PIDNS_PGID : PIDNS_SID);
		else
			tb_dec(tb, (int)arg3);
		tb_str(tb, ", ");
		print_enum_verbose(tb, &pidtypes, (uint32_t)a[3]);
		tb_str(tb, ", ");
		if ((uint32_t)arg2 != PR_SCHED_CORE_GET)
			tb_ptr(tb, (unsigned long)a[4]);
		return;
	/* PR_GET_NO_NEW_PRIVS, PR_MCE_KILL_GET, PR_GET_TAGGED_ADDR_CTRL,
	 * PR_PAC_GET_ENABLED_KEYS and the options strace does not know. */
	default:
		print_rest_hex(ctx, 1);
		return;
	}
}

/* strace's auxstr of flags (SPFF_AUXSTR_MODE): " (A|B|0x40)", the zero
 * entry's name for 0, nothing when no name matches. */
static void print_aux_flags(struct text_buffer *tb,
			    const struct value_table *t, uint64_t v)
{
	if (tb->style == CONST_STYLE_RAW)
		return;
	if (v == 0) {
		const char *zero = value_table_name(t, 0);
		if (zero) {
			tb_str(tb, " (");
			tb_str(tb, zero);
			tb_char(tb, ')');
		}
		return;
	}
	if (!value_table_any_flag(t, v))
		return;
	tb_str(tb, " (");
	print_flag_words(tb, t, v);
	tb_char(tb, ')');
}

static void print_aux_name(struct text_buffer *tb,
			   const struct value_table *t, uint64_t v)
{
	const char *name = value_table_name(t, v);
	if (name) { /* strace's xlookup: even under -X raw */
		tb_str(tb, " (");
		tb_str(tb, name);
		tb_char(tb, ')');
	}
}

/* A result's names are an aside (strace's auxstr): flags have none under
 * -X raw (sprintflags_ex), a single name stays (xlookup); no number nor
 * comment under verbose. */
static int print_prctl_result_names(const struct decode_context *ctx);

int print_prctl_result(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	int style = tb->style;
	if (style == CONST_STYLE_VERBOSE)
		tb->style = CONST_STYLE_ABBREV;
	int done = print_prctl_result_names(ctx);
	tb->style = style;
	return done;
}

static int print_prctl_result_names(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	uint64_t r = (unsigned long)ctx->result;
	const struct value_table *vl = &sve_vl_flags;
	switch ((unsigned)ctx->args[0]) {
	case PR_GET_DUMPABLE:
		tb_dec(tb, ctx->result);
		print_aux_name(tb, &dumpable, r);
		return 1;
	case PR_MCE_KILL_GET:
		tb_dec(tb, ctx->result);
		print_aux_name(tb, &mce_kill_policy, r);
		return 1;
	case PR_GET_SECUREBITS:
		if (!r)
			return 0;
		tb_hex(tb, r);
		print_aux_flags(tb, &secbits, r);
		return 1;
	case PR_GET_FP_MODE:
		if (!r)
			return 0;
		tb_hex(tb, r);
		print_aux_flags(tb, &fp_mode, r);
		return 1;
	case PR_PAC_GET_ENABLED_KEYS:
		tb_hex(tb, r);
		print_aux_flags(tb, &pac_enabled_keys, r);
		return 1;
	case PR_SME_SET_VL: case PR_SME_GET_VL:
		vl = &sme_vl_flags;
		/* fall through */
	case PR_SVE_SET_VL: case PR_SVE_GET_VL:
		if (!r)
			return 0;
		tb_hex(tb, r);
		if ((r & ~(uint64_t)PR_SVE_VL_LEN_MASK) &&
		    tb->style != CONST_STYLE_RAW) {
			tb_str(tb, " (");
			print_vl(tb, vl, r);
			tb_char(tb, ')');
		}
		return 1;
	case PR_GET_SPECULATION_CTRL:
		if ((unsigned long)ctx->args[1] > PR_SPEC_L1D_FLUSH)
			return 0;
		tb_hex(tb, r);
		print_aux_flags(tb, &spec_get_flags, r);
		return 1;
	case PR_GET_TAGGED_ADDR_CTRL:
		tb_hex(tb, r);
		if (tb->style != CONST_STYLE_RAW) {
			tb_str(tb, " (");
			print_tagged_addr(tb, r);
			tb_char(tb, ')');
		}
		return 1;
	default:
		return 0;
	}
}

/* seccomp(2), strace 6.1's SYS_FUNC(seccomp): the operation, its flags
 * (SET_MODE_FILTER's by name, else in hex), and its argument: the filter,
 * the action asked about, the sizes the kernel wrote (at exit). */
void decode_seccomp(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	unsigned op = (unsigned)ctx->args[0];
	unsigned flags = (unsigned)ctx->args[1];
	uintptr_t arg = (uintptr_t)ctx->args[2];
	if (ctx->exiting) {
		struct seccomp_notif_sizes szs;
		if (op != SECCOMP_GET_NOTIF_SIZES ||
		    !read_result_or_print_addr(ctx, &szs, arg, sizeof szs))
			return;
		print_field_u(tb, "{seccomp_notif=", szs.seccomp_notif);
		print_field_u(tb, ", seccomp_notif_resp=",
			      szs.seccomp_notif_resp);
		print_field_u(tb, ", seccomp_data=", szs.seccomp_data);
		tb_char(tb, '}');
		return;
	}
	print_enum(tb, &seccomp_ops, op);
	tb_str(tb, ", ");
	if (op == SECCOMP_SET_MODE_FILTER)
		print_flags(tb, value_table_get(VT_SECCOMP_FILTER_FLAGS), flags);
	else
		tb_hex(tb, flags);
	tb_str(tb, ", ");
	uint32_t act;
	switch (op) {
	case SECCOMP_GET_ACTION_AVAIL:
		if (read_or_print_addr(ctx, &act, arg, sizeof act)) {
			tb_char(tb, '[');
			print_enum(tb, value_table_get(VT_SECCOMP_RET_ACTION),
				   act);
			tb_char(tb, ']');
		}
		return;
	case SECCOMP_GET_NOTIF_SIZES:
		return; /* printed at exit */
	case SECCOMP_SET_MODE_FILTER:
		print_sock_fprog(ctx, arg, 1);
		return;
	default:
		tb_ptr(tb, arg);
		return;
	}
}
