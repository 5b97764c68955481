/* perf_decoder: perf_event_open(2) as strace 6.1 prints it (its perf.c):
 * struct perf_event_attr field by field, then pid, cpu, group_fd and the
 * flags (DECODE_PERF_EVENT_OPEN).
 *
 * strace reads the attribute at the entry and prints the whole call at
 * the exit, so that a size the kernel rejected with E2BIG shows with the
 * size it wrote back (`size=0xc8 => 0x88`). We keep the entry's size in
 * the saved inputs' slot 0 and read the rest again at the exit (the kernel
 * writes nothing else there). Where the attribute cannot be read at the
 * entry (its size field unreadable or below PERF_ATTR_SIZE_VER0, its
 * bytes unreadable, -e verbose= leaving the call out) its address and the
 * other arguments print at the entry, as strace's.
 *
 * Without -v only the fields up to the flag bits are read and shown,
 * the flags that are set, and `...`. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/value_tables.h"

#define PERF_ATTR_SIZE_VER0 64
#define PERF_TYPE_HARDWARE 0
#define PERF_TYPE_SOFTWARE 1
#define PERF_TYPE_TRACEPOINT 2
#define PERF_TYPE_HW_CACHE 3
#define PERF_TYPE_BREAKPOINT 5
#define PERF_SAMPLE_BRANCH_STACK (1u << 11)
#define PERF_SAMPLE_STACK_USER (1u << 13)
#define PERF_HW_EVENT_MASK 0xffffffffull
#define HW_BREAKPOINT_X_RW 7 /* HW_BREAKPOINT_X | HW_BREAKPOINT_RW */

/* struct perf_event_attr as strace 6.1 knows it (PERF_ATTR_SIZE_VER7):
 * the flag bits as one word, the unions under their first names. */
struct perf_attr {
	uint32_t type, size;
	uint64_t config;
	uint64_t sample_period; /* sample_freq with the freq bit */
	uint64_t sample_type, read_format;
	uint64_t bits;           /* disabled ... sigtrap, __reserved_1 */
	uint32_t wakeup_events;  /* wakeup_watermark with the watermark bit */
	uint32_t bp_type;
	uint64_t config1;        /* bp_addr for breakpoints */
	uint64_t config2;        /* bp_len for breakpoints */
	uint64_t branch_sample_type, sample_regs_user;
	uint32_t sample_stack_user;
	int32_t clockid;
	uint64_t sample_regs_intr;
	uint32_t aux_watermark;
	uint16_t sample_max_stack, reserved_2;
	uint32_t aux_sample_size, reserved_3;
	uint64_t sig_data;
};
_Static_assert(sizeof(struct perf_attr) == 128, "PERF_ATTR_SIZE_VER7");

/* The flag bits in the order of the struct, as strace prints them; bit
 * 15 (two bits) is precise_ip, printed with a comment and always. */
#define BIT_FREQ 10
#define BIT_WATERMARK 14
#define BIT_PRECISE_IP 15
#define BIT_USE_CLOCKID 25
#define BITS_KNOWN 38
static const char *const flag_names[BITS_KNOWN] = {
	"disabled", "inherit", "pinned", "exclusive", "exclude_user",
	"exclude_kernel", "exclude_hv", "exclude_idle", "mmap", "comm",
	"freq", "inherit_stat", "enable_on_exec", "task", "watermark",
	"precise_ip", 0, "mmap_data", "sample_id_all", "exclude_host",
	"exclude_guest", "exclude_callchain_kernel", "exclude_callchain_user",
	"mmap2", "comm_exec", "use_clockid", "context_switch",
	"write_backward", "namespaces", "ksymbol", "bpf_event", "aux_output",
	"cgroup", "text_poke", "build_id", "inherit_thread", "remove_on_exec",
	"sigtrap",
};
static const char *const precise_ip_comment[4] = {
	"arbitrary skid", "constant skid", "requested to have 0 skid",
	"must have 0 skid",
};

static int bit(const struct perf_attr *a, unsigned n)
{
	return (int)(a->bits >> n & 1);
}

/* How many bytes of an attribute whose size field says `size` strace
 * reads (0: it prints the address): 0 means the first published size;
 * at most the struct above; without -v only up to wakeup_events. */
static unsigned attr_len(const struct decode_context *ctx, uint32_t size)
{
	if (size > sizeof(struct perf_attr))
		size = sizeof(struct perf_attr);
	if (!size)
		size = PERF_ATTR_SIZE_VER0;
	if (size < PERF_ATTR_SIZE_VER0)
		return 0;
	return ctx_abbrev(ctx) ? offsetof(struct perf_attr, wakeup_events)
			       : size;
}

/* strace's fetch_perf_event_attr: the attribute's first len bytes into
 * *a, zero past them; len from `size`, or from the size field when size
 * is NULL. 0 where strace prints the address instead. */
static int fetch_attr(const struct decode_context *ctx, uintptr_t addr,
		      const uint32_t *size, struct perf_attr *a, unsigned *len)
{
	uint32_t s;
	if (size)
		s = *size;
	else if (!read_exact(ctx, &s, addr + offsetof(struct perf_attr, size),
			     sizeof s))
		return 0;
	*len = attr_len(ctx, s);
	text_memset(a, 0, sizeof *a);
	return *len && ctx_verbose(ctx) && read_exact(ctx, a, addr, *len);
}

/* A number shifted into place, as strace's "0x8<<32|": hex, then the
 * shift. */
static void shifted(struct text_buffer *tb, uint64_t v, unsigned shift)
{
	tb_hex(tb, v);
	tb_str(tb, "<<");
	tb_udec(tb, shift);
	tb_char(tb, '|');
}

static void enum_shifted(struct text_buffer *tb, unsigned table, uint64_t v,
			 unsigned shift)
{
	print_enum(tb, value_table_get(table), v);
	tb_str(tb, "<<");
	tb_udec(tb, shift);
	tb_char(tb, '|');
}

static void print_config(struct text_buffer *tb, const struct perf_attr *a)
{
	tb_str(tb, ", config=");
	switch (a->type) {
	case PERF_TYPE_HARDWARE: /* PMU type << 32 | perf_hw_id */
		if (a->config >> 32)
			shifted(tb, a->config >> 32, 32);
		print_enum(tb, value_table_get(VT_PERF_HW_ID),
			   a->config & PERF_HW_EVENT_MASK);
		return;
	case PERF_TYPE_SOFTWARE:
		print_enum(tb, value_table_get(VT_PERF_SW_ID), a->config);
		return;
	case PERF_TYPE_TRACEPOINT: /* an id from tracefs */
		tb_udec(tb, a->config);
		return;
	case PERF_TYPE_HW_CACHE: /* PMU << 32 | result << 16 | op << 8 | id */
		if (a->config >> 32)
			shifted(tb, a->config >> 32, 32);
		if ((a->config & PERF_HW_EVENT_MASK) >> 24)
			shifted(tb, (a->config & PERF_HW_EVENT_MASK) >> 24, 24);
		enum_shifted(tb, VT_PERF_HW_CACHE_RESULT,
			     a->config >> 16 & 0xff, 16);
		enum_shifted(tb, VT_PERF_HW_CACHE_OP, a->config >> 8 & 0xff, 8);
		print_enum(tb, value_table_get(VT_PERF_HW_CACHE_ID),
			   a->config & 0xff);
		return;
	default: /* RAW, BREAKPOINT (0), unknown types */
		tb_hex(tb, a->config);
		return;
	}
}

static void print_flag_bits(const struct decode_context *ctx,
			    const struct perf_attr *a)
{
	struct text_buffer *tb = ctx->tb;
	int all = !ctx_abbrev(ctx);
	for (unsigned n = 0; n < BITS_KNOWN; n++) {
		if (n == BIT_PRECISE_IP) {
			unsigned p = (unsigned)(a->bits >> n & 3);
			print_field_u(tb, ", precise_ip=", p);
			tb_str(tb, " /* ");
			tb_str(tb, precise_ip_comment[p]);
			tb_str(tb, " */");
			n++;
			continue;
		}
		if (!all && !bit(a, n))
			continue;
		tb_str(tb, ", ");
		tb_str(tb, flag_names[n]);
		tb_char(tb, '=');
		tb_udec(tb, (unsigned)bit(a, n));
	}
	/* Bits strace 6.1 does not know, only when some are set. */
	if (a->bits >> BITS_KNOWN) {
		tb_str(tb, ", __reserved_1=");
		tb_hex(tb, a->bits >> BITS_KNOWN);
		tb_str(tb, " /* Bits 63..38 */");
	}
}

static void hex_field(struct text_buffer *tb, const char *sep_name,
		      uint64_t v)
{
	tb_str(tb, sep_name);
	tb_hex(tb, v);
}

/* Padding that is not zero, in a comment as strace's ("bytes 110..111:
 * 0x1"). */
static void reserved_comment(struct text_buffer *tb, const char *bytes,
			     uint64_t v)
{
	if (!v)
		return;
	tb_str(tb, " /* bytes ");
	tb_str(tb, bytes);
	tb_str(tb, ": ");
	tb_hex(tb, v);
	tb_str(tb, " */");
}

/* The fields after the flag bits (-v), each only where len reaches it
 * (strace's STRACE_PERF_CHECK_FIELD). */
#define REACHES(field) (len > offsetof(struct perf_attr, field))
static void print_verbose_fields(const struct decode_context *ctx,
				 const struct perf_attr *a, unsigned len)
{
	struct text_buffer *tb = ctx->tb;
	int bp = a->type == PERF_TYPE_BREAKPOINT;
	print_field_u(tb, bit(a, BIT_WATERMARK) ? ", wakeup_watermark="
						 : ", wakeup_events=",
		      a->wakeup_events);
	if (bp) {
		/* Any mix of reading or writing with executing: invalid. */
		struct value_table t = *value_table_get(VT_HW_BREAKPOINT_TYPE);
		t.unknown = a->bp_type <= HW_BREAKPOINT_X_RW
				    ? "HW_BREAKPOINT_INVALID"
				    : "HW_BREAKPOINT_???";
		tb_str(tb, ", bp_type=");
		print_enum(tb, &t, a->bp_type);
	}
	hex_field(tb, bp ? ", bp_addr=" : ", config1=", a->config1);
	if (!REACHES(config2))
		return;
	if (bp)
		print_field_u(tb, ", bp_len=", a->config2);
	else
		hex_field(tb, ", config2=", a->config2);
	if (!REACHES(branch_sample_type))
		return;
	if (a->sample_type & PERF_SAMPLE_BRANCH_STACK)
		print_field_flags(tb, ", branch_sample_type=",
				  VT_PERF_BRANCH_SAMPLE, a->branch_sample_type);
	if (!REACHES(sample_regs_user))
		return;
	hex_field(tb, ", sample_regs_user=", a->sample_regs_user);
	if (!REACHES(sample_stack_user))
		return;
	if (a->sample_type & PERF_SAMPLE_STACK_USER) {
		hex_field(tb, ", sample_stack_user=", a->sample_stack_user);
	}
	if (bit(a, BIT_USE_CLOCKID)) {
		if (!REACHES(clockid))
			return;
		tb_str(tb, ", clockid=");
		print_enum(tb, value_table_get(VT_CLOCK_ID),
			   (uint32_t)a->clockid);
	}
	if (!REACHES(sample_regs_intr))
		return;
	hex_field(tb, ", sample_regs_intr=", a->sample_regs_intr);
	if (!REACHES(aux_watermark))
		return;
	print_field_u(tb, ", aux_watermark=", a->aux_watermark);
	if (!REACHES(sample_max_stack))
		return;
	print_field_u(tb, ", sample_max_stack=", a->sample_max_stack);
	if (!REACHES(reserved_2))
		return;
	reserved_comment(tb, "110..111", a->reserved_2);
	if (!REACHES(aux_sample_size))
		return;
	print_field_u(tb, ", aux_sample_size=", a->aux_sample_size);
	if (!REACHES(reserved_3))
		return;
	reserved_comment(tb, "116..119", a->reserved_3);
	if (!REACHES(sig_data))
		return;
	hex_field(tb, ", sig_data=", a->sig_data);
}

/* strace's print_perf_event_attr: a->size as the entry read it, len the
 * bytes read; with written_back, the size the kernel wrote on E2BIG. */
static void print_attr(const struct decode_context *ctx, uintptr_t addr,
		       const struct perf_attr *a, unsigned len,
		       int written_back)
{
	struct text_buffer *tb = ctx->tb;
	const struct value_table *sizes = value_table_get(VT_PERF_ATTR_SIZE);
	tb_str(tb, "{type=");
	print_enum(tb, value_table_get(VT_PERF_TYPE), a->type);
	tb_str(tb, ", size=");
	print_enum(tb, sizes, a->size);
	if (written_back && ctx->result == -E2BIG) { /* the size it wants */
		uint32_t now;
		tb_str(tb, " => ");
		if (read_exact(ctx, &now,
			       addr + offsetof(struct perf_attr, size),
			       sizeof now))
			print_enum(tb, sizes, now);
		else
			tb_str(tb, "???");
	}
	print_config(tb, a);
	print_field_u(tb, bit(a, BIT_FREQ) ? ", sample_freq=" : ", sample_period=",
		      a->sample_period);
	print_field_flags(tb, ", sample_type=", VT_PERF_SAMPLE_FORMAT,
			  a->sample_type);
	print_field_flags(tb, ", read_format=", VT_PERF_READ_FORMAT,
			  a->read_format);
	print_flag_bits(ctx, a);
	if (!ctx_abbrev(ctx))
		print_verbose_fields(ctx, a, len);
	if (a->size ? a->size > len : len < PERF_ATTR_SIZE_VER0)
		tb_str(tb, ", ...");
	tb_char(tb, '}');
}

static void print_other_args(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, ", ");
	tb_dec(tb, (int)ctx->args[1]);
	tb_str(tb, ", ");
	tb_dec(tb, (int)ctx->args[2]);
	tb_str(tb, ", ");
	print_fd(ctx, (int)ctx->args[3]);
	tb_str(tb, ", ");
	print_flags(tb, value_table_get(VT_PERF_FLAGS),
		    (unsigned long)ctx->args[4]);
}

/* The size field as the entry read it, in the saved inputs' slot 0: the
 * exit prints it (before what the kernel wrote back on E2BIG) and reads
 * as many bytes. Not kept: the entry printed the call. */
void save_perf_event_inputs(const struct decode_context *ctx,
			    struct format_saved *sv)
{
	struct perf_attr a;
	unsigned len;
	if (!fetch_attr(ctx, (uintptr_t)ctx->args[0], 0, &a, &len))
		return;
	sv->value[0] = a.size;
	sv->mask |= 1u << 0;
}

void decode_perf_event_open(const struct decode_context *ctx)
{
	uintptr_t addr = (uintptr_t)ctx->args[0];
	const struct format_saved *sv = ctx->opts->saved;
	struct perf_attr a;
	unsigned len;
	if (!ctx->exiting) {
		/* Readable: all of it at the exit. The saved inputs know
		 * (their entry read it, just now); without them, read. */
		if (sv ? (sv->mask & 1u) != 0 : fetch_attr(ctx, addr, 0, &a, &len))
			return;
	} else {
		if (sv && !(sv->mask & 1u))
			return; /* printed at the entry */
		/* Without saved inputs (no tracer's thread state): the size
		 * field as it is now. */
		uint32_t entry_size = sv ? (uint32_t)sv->value[0] : 0;
		if (fetch_attr(ctx, addr, sv ? &entry_size : 0, &a, &len)) {
			if (sv)
				a.size = entry_size;
			print_attr(ctx, addr, &a, len, 1);
			print_other_args(ctx);
			return;
		}
	}
	tb_ptr(ctx->tb, addr);
	print_other_args(ctx);
}

void print_perf_event_attr_arg(const struct decode_context *ctx,
			       uintptr_t addr)
{
	struct perf_attr a;
	unsigned len;
	if (fetch_attr(ctx, addr, 0, &a, &len))
		print_attr(ctx, addr, &a, len, 0);
	else
		tb_ptr(ctx->tb, addr);
}
