#include "systrap/core/decoder.h"

#include <capstone/capstone.h>
#include <string.h>

#include "systrap/arch/decoder_arch.h"
#include "systrap/core/arena.h"
#include "systrap/core/tiny_printf.h"

static struct arena decoder_arena = {0, 128 * 1024};

/* One set of Capstone handles a thread may use: at start-up a helper
 * thread decodes part of the largest object while the first thread does
 * the rest (lane 1), every other decode is lane 0. Each lane has a handle
 * without operand details, for the sweep to the sites, and one with them,
 * for the few instructions the jump fast path moves or scans: details make
 * every decode slower. Capstone allocates only when a handle is opened
 * and its lazy tables built (all here, in one thread), never while
 * decoding, so the lanes can run at once. */
static struct lane {
	csh handle;
	cs_insn *insn;
	csh detail_handle;
	cs_insn *detail_insn;
} lanes[DECODER_LANES];
static int opened;
static unsigned long decoded;
static unsigned long lane_decoded[DECODER_LANES];

/* Capstone allocates only in cs_open and cs_malloc (cs_disasm_iter reuses the
 * one cs_insn), so a bump arena that never frees is enough. */
static void *arena_malloc(size_t n)
{
	size_t *p = arena_alloc(&decoder_arena, n + 16);
	if (!p)
		return 0;
	p[0] = n;
	return (char *)p + 16;
}

static void *arena_calloc(size_t nmemb, size_t size)
{
	size_t n = nmemb * size;
	void *p = arena_malloc(n);
	if (p)
		memset(p, 0, n);
	return p;
}

static void *arena_realloc(void *old, size_t n)
{
	void *p = arena_malloc(n);
	if (p && old) {
		size_t was = *(size_t *)((char *)old - 16);
		memcpy(p, old, was < n ? was : n);
	}
	return p;
}

static void arena_free(void *p)
{
	(void)p;
}

/* Capstone builds some tables on first use with libc's qsort, which may
 * call malloc and sysinfo: syscalls. Later, decoding runs under the
 * instrumenter's lock with every signal blocked, where a trapped syscall
 * would be fatal (libc's own sites may already be patched, e.g. when they
 * came from the site cache and nothing else was decoded first). So every
 * lazy table is built here, before any patching: instructions with
 * implicit accumulator operands, a RIP-relative compare, a string move. */
static void warm_up(void)
{
	static const uint8_t code[] = {
		0x05, 0x01, 0x00, 0x00, 0x00,             /* add eax, 1 */
		0x3d, 0x01, 0x00, 0x00, 0x00,             /* cmp eax, 1 */
		0x48, 0x3d, 0x01, 0xf0, 0xff, 0xff,       /* cmp rax, -4095 */
		0xa8, 0x01,                               /* test al, 1 */
		0x81, 0x3d, 0, 0, 0, 0, 1, 0, 0, 0,       /* cmp [rip], 1 */
		0xf3, 0x48, 0xa5,                         /* rep movsq */
		0x0f, 0x05,                               /* syscall */
		0x90,                                     /* nop */
	};
	struct decoded_insn d;
	struct insn_facts f;
	for (int lane = 0; lane < DECODER_LANES; lane++)
		for (size_t at = 0; at < sizeof code;) {
			if (!decode_insn_on(lane, code + at, sizeof code - at,
					    at, &d))
				break;
			decode_insn_facts_on(lane, code + at, sizeof code - at,
					     at, &f);
			uint8_t len;
			int branch;
			uint64_t target;
			decode_insn_branch_on(lane, code + at, sizeof code - at,
					      at, &len, &branch, &target);
			at += d.length;
		}
}

int decoder_open(void)
{
	if (opened)
		return 0;
	cs_opt_mem mem = {
		.malloc = arena_malloc,
		.calloc = arena_calloc,
		.realloc = arena_realloc,
		.free = arena_free,
		.vsnprintf = tiny_vsnprintf,
	};
	if (cs_option(0, CS_OPT_MEM, (size_t)&mem) != CS_ERR_OK)
		return -1;
	for (int i = 0; i < DECODER_LANES; i++) {
		struct lane *l = &lanes[i];
		if (cs_open(ARCH_CS_ARCH, ARCH_CS_MODE, &l->handle) != CS_ERR_OK)
			return -1;
		l->insn = cs_malloc(l->handle);
		if (!l->insn)
			return -1;
		if (cs_open(ARCH_CS_ARCH, ARCH_CS_MODE, &l->detail_handle) !=
			    CS_ERR_OK ||
		    cs_option(l->detail_handle, CS_OPT_DETAIL, CS_OPT_ON) !=
			    CS_ERR_OK)
			return -1;
		l->detail_insn = cs_malloc(l->detail_handle);
		if (!l->detail_insn)
			return -1;
	}
	opened = 1;
	warm_up();
	return 0;
}

/* One instruction on lane's handle, with operand details or without;
 * NULL when no valid instruction starts at code. */
static const cs_insn *disasm(int lane, int detail, const uint8_t *code,
			     size_t avail, uint64_t addr)
{
	const uint8_t *p = code;
	size_t left = avail;
	uint64_t a = addr;
	struct lane *l = &lanes[lane];
	cs_insn *insn = detail ? l->detail_insn : l->insn;
	__atomic_add_fetch(&decoded, 1, __ATOMIC_RELAXED);
	lane_decoded[lane]++;
	if (!cs_disasm_iter(detail ? l->detail_handle : l->handle, &p, &left,
			    &a, insn))
		return 0;
	return insn;
}

int decode_insn_on(int lane, const uint8_t *code, size_t avail,
		   uint64_t addr, struct decoded_insn *out)
{
	const cs_insn *insn = disasm(lane, 0, code, avail, addr);
	if (!insn) {
		out->length = 0;
		out->is_syscall = 0;
		out->is_padding = 0;
		return 0;
	}
	out->length = (uint8_t)insn->size;
	out->is_syscall = (uint8_t)arch_insn_is_syscall(insn->id);
	out->is_padding = (uint8_t)arch_insn_is_padding(insn->id);
	return 1;
}

int decode_insn_facts_on(int lane, const uint8_t *code, size_t avail,
			 uint64_t addr, struct insn_facts *out)
{
	const cs_insn *insn = disasm(lane, 1, code, avail, addr);
	if (!insn) {
		out->length = 0;
		out->movable = 0;
		out->rip_disp_offset = 0;
		return 0;
	}
	arch_insn_facts(insn, out);
	return 1;
}

int decode_insn_branch_on(int lane, const uint8_t *code, size_t avail,
			  uint64_t addr, uint8_t *length, int *branch,
			  uint64_t *target)
{
	const cs_insn *insn = disasm(lane, 1, code, avail, addr);
	if (!insn)
		return 0;
	*length = (uint8_t)insn->size;
	*branch = (int)arch_insn_branch(insn, target);
	return 1;
}

int decode_insn(const uint8_t *code, size_t avail, uint64_t addr,
		struct decoded_insn *out)
{
	return decode_insn_on(0, code, avail, addr, out);
}

int decode_insn_facts(const uint8_t *code, size_t avail, uint64_t addr,
		      struct insn_facts *out)
{
	return decode_insn_facts_on(0, code, avail, addr, out);
}

int decode_insn_branch(const uint8_t *code, size_t avail, uint64_t addr,
		       uint8_t *length, int *branch, uint64_t *target)
{
	return decode_insn_branch_on(0, code, avail, addr, length, branch,
				     target);
}

unsigned long decoder_lane_count(int lane)
{
	return lane_decoded[lane];
}

unsigned long decoder_count(void)
{
	return __atomic_load_n(&decoded, __ATOMIC_RELAXED);
}
