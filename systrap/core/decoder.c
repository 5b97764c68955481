#include "systrap/core/decoder.h"

#include <capstone/capstone.h>
#include <string.h>

#include "systrap/arch/decoder_arch.h"
#include "systrap/core/arena.h"
#include "systrap/core/tiny_printf.h"

static struct arena decoder_arena = {0, 128 * 1024};

/* One set of Capstone handles a thread may use: at start-up a helper
 * thread decodes part of the largest object while the first thread does
 * the rest (lane 1), every other decode is lane 0. Each lane has three
 * handles: one without operand details, for the sweep to the sites; one
 * with groups but no operands, for the scan of a function's branches; and
 * one with everything, for the few instructions the jump fast path moves
 * and the branches whose target the scan needs. Capstone allocates only
 * when a handle is opened and its lazy tables built (all here, in one
 * thread), never while decoding, so the lanes can run at once. */
enum handle_kind { BARE, GROUPS, DETAIL, HANDLE_KINDS };
static struct lane {
	csh handle[HANDLE_KINDS];
	cs_insn *insn[HANDLE_KINDS];
	/* Instructions decoded on this lane, written by its one thread. A
	 * lane a cache line, so two lanes decoding at once do not share one
	 * (a shared atomic counter here cost 3% of start-up). */
	unsigned long decoded;
} __attribute__((aligned(64))) lanes[DECODER_LANES];
static int opened;

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

/* Capstone's one call into libc that changes libc's state: it sorts some
 * tables with qsort when they are first used, and glibc's qsort of more
 * than 1 KiB mallocs its buffer (the process's first malloc: brk, and
 * getrandom for the tcache) and asks sysinfo for the memory size, once.
 * Done by the preload's start-up, those calls would no longer be the
 * program's: its own first malloc and qsort would make none of them. This
 * definition is hidden and linked ahead of libc (as capstone_x86_only.c's
 * are), so Capstone's qsort is this one: a stable merge sort, like glibc's
 * (so the order of equal keys is the same), its buffer from pages of its
 * own, given back before it returns; an in-place insertion sort (stable
 * too) if there are none. */
static void copy_elems(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

__attribute__((visibility("hidden"))) void qsort(void *base, size_t n,
						  size_t size,
						  int (*cmp)(const void *,
							     const void *))
{
	if (n < 2 || !size)
		return;
	struct arena scratch = {0, 0};
	char *buf = arena_alloc(&scratch, n * size);
	char *a = base;
	if (!buf) {
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 &&
			     cmp(a + (j - 1) * size, a + j * size) > 0; j--)
				for (size_t k = 0; k < size; k++) {
					char t = a[(j - 1) * size + k];
					a[(j - 1) * size + k] = a[j * size + k];
					a[j * size + k] = t;
				}
		return;
	}
	char *from = a, *to = buf;
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, o = lo;
			while (i < mid && j < hi) {
				/* <= 0 takes the left one first: stable. */
				if (cmp(from + i * size, from + j * size) <= 0)
					copy_elems(to + o++ * size,
						   from + i++ * size, size);
				else
					copy_elems(to + o++ * size,
						   from + j++ * size, size);
			}
			copy_elems(to + o * size, from + i * size,
				   (mid - i) * size);
			o += mid - i;
			copy_elems(to + o * size, from + j * size,
				   (hi - j) * size);
		}
		char *t = from;
		from = to;
		to = t;
	}
	if (from != a)
		copy_elems(a, from, n * size);
	arena_reset(&scratch);
}

static void print_nothing(void *mcinst, void *stream, void *info)
{
	(void)mcinst;
	(void)stream;
	(void)info;
}

/* The head of Capstone 4's private struct cs_struct, which a csh points
 * to: the architecture, the mode, then the printer cs_disasm_iter calls
 * on every instruction. */
struct cs_handle_head {
	cs_arch arch;
	cs_mode mode;
	void (*printer)(void *, void *, void *);
};

/* Capstone formats every instruction's text as it decodes it, half of
 * the ~210 ns an instruction costs, and its API has no option to skip
 * that. Lengths, ids and groups are all known before printing (operands
 * are filled by the printer: DETAIL handles keep it), so handles used for
 * nothing else print nothing. Done only when the handle's head is exactly
 * what this Capstone (Debian's 4.0.2, linked statically) puts there;
 * otherwise the handle keeps printing, only slower. decoder_test compares
 * both kinds of handle at every byte offset of real objects. */
static void skip_printing(csh h)
{
	struct cs_handle_head *head = (struct cs_handle_head *)h;
	if (head->arch == ARCH_CS_ARCH && head->mode == ARCH_CS_MODE &&
	    head->printer == ARCH_CS_PRINTER)
		head->printer = print_nothing;
}

/* Opens one handle, as late as its first use: a start whose sites all
 * come from the site cache decodes only the instructions its trampolines
 * move (DETAIL, lane 0), and each handle costs its own lazy tables
 * (Capstone's id map alone is ~30 KB, built by a pass over every opcode):
 * six handles opened at start-up were ~0.1 ms and ~20 page faults of
 * every traced exec. Capstone builds those tables on a handle's first
 * decodes, sorting some with the qsort above and allocating from the
 * arena; decoding then runs under the instrumenter's lock with every
 * signal blocked (libc's sites may already be patched), so each handle
 * builds them here, as it opens, by decoding code that reaches every
 * lazy table (decoder_arch.h): none is built in the middle of a real
 * decode. Callers serialise: lane 0 is used under the instrumenter's
 * lock or by the only thread, and decoder_open_lanes opens every handle
 * before a second thread decodes. */
static int open_handle(struct lane *l, enum handle_kind k)
{
	csh h;
	if (cs_open(ARCH_CS_ARCH, ARCH_CS_MODE, &h) != CS_ERR_OK)
		return -1;
	if (k != BARE && cs_option(h, CS_OPT_DETAIL, CS_OPT_ON) != CS_ERR_OK) {
		cs_close(&h);
		return -1;
	}
	if (k != DETAIL)
		skip_printing(h);
	cs_insn *insn = cs_malloc(h);
	if (!insn) {
		cs_close(&h);
		return -1;
	}
	size_t n;
	const uint8_t *code = arch_decoder_warm_up_code(&n);
	const uint8_t *p = code;
	uint64_t a = 0;
	while (n && cs_disasm_iter(h, &p, &n, &a, insn))
		;
	l->handle[k] = h;
	__atomic_store_n(&l->insn[k], insn, __ATOMIC_RELEASE);
	return 0;
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
	opened = 1;
	return 0;
}

int decoder_open_lanes(void)
{
	if (decoder_open())
		return -1;
	for (int i = 0; i < DECODER_LANES; i++)
		for (int k = 0; k < HANDLE_KINDS; k++)
			if (!lanes[i].insn[k] && open_handle(&lanes[i], k))
				return -1;
	return 0;
}

/* One instruction on lane's handle of the given kind; NULL when no valid
 * instruction starts at code. */
static const cs_insn *disasm(int lane, enum handle_kind kind,
			     const uint8_t *code, size_t avail, uint64_t addr)
{
	const uint8_t *p = code;
	size_t left = avail;
	uint64_t a = addr;
	struct lane *l = &lanes[lane];
	if (!l->insn[kind] && (decoder_open() || open_handle(l, kind)))
		return 0;
	__atomic_store_n(&l->decoded, l->decoded + 1, __ATOMIC_RELAXED);
	if (!cs_disasm_iter(l->handle[kind], &p, &left, &a, l->insn[kind]))
		return 0;
	return l->insn[kind];
}

int decode_insn_on(int lane, const uint8_t *code, size_t avail,
		   uint64_t addr, struct decoded_insn *out)
{
	const cs_insn *insn = disasm(lane, BARE, code, avail, addr);
	if (!insn) {
		out->length = 0;
		out->is_syscall = 0;
		out->is_padding = 0;
		return 0;
	}
	out->length = (uint8_t)insn->size;
	out->is_syscall =
		(uint8_t)arch_insn_is_syscall(insn->id, insn->bytes, insn->size);
	out->is_padding = (uint8_t)arch_insn_is_padding(insn->id);
	return 1;
}

int decode_insn_facts_on(int lane, const uint8_t *code, size_t avail,
			 uint64_t addr, struct insn_facts *out)
{
	const cs_insn *insn = disasm(lane, DETAIL, code, avail, addr);
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
	const cs_insn *insn = disasm(lane, GROUPS, code, avail, addr);
	if (!insn)
		return 0;
	*length = (uint8_t)insn->size;
	if (arch_insn_branch_needs_operands(insn)) {
		insn = disasm(lane, DETAIL, code, avail, addr);
		if (!insn)
			return 0;
	}
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
	return __atomic_load_n(&lanes[lane].decoded, __ATOMIC_RELAXED);
}

unsigned long decoder_count(void)
{
	unsigned long total = 0;
	for (int i = 0; i < DECODER_LANES; i++)
		total += decoder_lane_count(i);
	return total;
}
