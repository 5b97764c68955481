#include "systrap/core/instrumenter.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "systrap/arch/decoder_arch.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/scratch_tls.h"
#include "systrap/arch/spin.h"
#include "systrap/arch/thread.h"
#include "systrap/core/arena.h"
#include "systrap/core/code_patch.h"
#include "systrap/core/decoder.h"
#include "systrap/core/fast_dispatch.h"
#include "systrap/core/jump_pool.h"
#include "systrap/core/maps.h"
#include "systrap/core/site_cache.h"
#include "systrap/core/site_registry.h"

#define MAX_OBJECTS 4096

/* Addresses of systrap's own syscall instructions (syscall_arch.h). Not
 * weak: GNU ld defines __start_/__stop_ only for a strong reference. */
extern const uintptr_t __start_systrap_own_sites[]
	__attribute__((visibility("hidden")));
extern const uintptr_t __stop_systrap_own_sites[]
	__attribute__((visibility("hidden")));

static const struct trap_encoding *trap;
static int use_jumps;
static int debug_sites;
static int lock_word;
static struct instrument_result totals;
static unsigned long region_count;

/* Ranges that hold sites, so that munmap of ordinary memory (malloc's) costs
 * nothing: only unmapping instrumented code touches the registry. */
#define MAX_RANGES 1024
static struct {
	uintptr_t lo, hi;
} ranges[MAX_RANGES];
static int range_count;

static void note_range(uintptr_t lo, uintptr_t hi)
{
	for (int i = 0; i < range_count; i++)
		if (ranges[i].lo == lo && ranges[i].hi == hi)
			return;
	if (range_count < MAX_RANGES) {
		ranges[range_count].lo = lo;
		ranges[range_count].hi = hi;
		range_count++;
	} else { /* merge into the last: coarser, never wrong */
		if (lo < ranges[MAX_RANGES - 1].lo)
			ranges[MAX_RANGES - 1].lo = lo;
		if (hi > ranges[MAX_RANGES - 1].hi)
			ranges[MAX_RANGES - 1].hi = hi;
	}
}

static int overlaps_range(uintptr_t lo, uintptr_t hi)
{
	for (int i = 0; i < __atomic_load_n(&range_count, __ATOMIC_ACQUIRE); i++)
		if (lo < ranges[i].hi && ranges[i].lo < hi)
			return 1;
	return 0;
}

static struct {
	const char *path;
	uintptr_t base;
} objects[MAX_OBJECTS];
static uint32_t object_count;
static struct arena object_arena = {0, 64 * 1024};

void instrumenter_set_trap(enum arch_trap_kind kind)
{
	trap = arch_trap_encoding(kind);
}

void instrumenter_set_jumps(int on)
{
	use_jumps = on;
}

void instrumenter_set_debug(int level)
{
	debug_sites = level;
}

/* Where the threads of a process we attached to will resume. */
static const uintptr_t *avoid_pcs;
static int avoid_count;

void instrumenter_avoid_pcs(const uintptr_t *pcs, int n)
{
	avoid_pcs = pcs;
	avoid_count = n;
}

/* Whether a thread would resume inside the bytes [lo, hi) a patch writes,
 * where it would run half an instruction. At lo it runs the new one. */
static int resumes_inside(uintptr_t lo, uintptr_t hi)
{
	for (int k = 0; k < avoid_count; k++)
		if (avoid_pcs[k] > lo && avoid_pcs[k] < hi)
			return 1;
	return 0;
}

/* SYSTRAP_DEBUG=2: one line per site left with a signal trap, to find
 * what the fast path could not rewrite. */
static void debug_trap_only(const char *object, uintptr_t offset)
{
	char line[600];
	size_t n = 0;
	static const char head[] = "systrap: trap-only site ";
	for (const char *p = head; *p; p++)
		line[n++] = *p;
	for (const char *p = object; *p && n < 500; p++)
		line[n++] = *p;
	line[n++] = '+';
	line[n++] = '0';
	line[n++] = 'x';
	int shift = 60;
	while (shift > 0 && !((offset >> shift) & 0xf))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		line[n++] = "0123456789abcdef"[(offset >> shift) & 0xf];
	line[n++] = '\n';
	raw_write(2, line, n);
}

const struct trap_encoding *instrumenter_trap(void)
{
	if (!trap)
		trap = arch_trap_encoding(ARCH_TRAP_UD2);
	return trap;
}

void instrumenter_lock(uint64_t *saved_mask)
{
	uint64_t all = ~0ULL;
	raw_rt_sigprocmask(SIG_BLOCK, &all, saved_mask);
	while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE))
		arch_spin_pause();
}

void instrumenter_unlock(const uint64_t *saved_mask)
{
	__atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
	raw_rt_sigprocmask(SIG_SETMASK, saved_mask, 0);
}

static int is_own_site(uintptr_t addr)
{
	for (const uintptr_t *p = __start_systrap_own_sites;
	     p < __stop_systrap_own_sites; p++)
		if (*p == addr)
			return 1;
	return 0;
}

static uint32_t object_id(const char *path, uintptr_t base)
{
	for (uint32_t i = 0; i < object_count; i++)
		if (objects[i].base == base && !strcmp(objects[i].path, path))
			return i;
	if (object_count == MAX_OBJECTS)
		return 0;
	size_t n = strlen(path) + 1;
	char *copy = arena_alloc(&object_arena, n);
	if (!copy)
		return 0;
	memcpy(copy, path, n);
	objects[object_count].path = copy;
	objects[object_count].base = base;
	return object_count++;
}

const char *instrumenter_object_path(uint32_t object)
{
	return object < object_count ? objects[object].path : "";
}

uintptr_t instrumenter_object_base(uint32_t object)
{
	return object < object_count ? objects[object].base : 0;
}

static int is_candidate(const uint8_t *p)
{
	return p[0] == ARCH_SYSCALL_BYTE0 && p[1] == ARCH_SYSCALL_BYTE1;
}

/* The next `0f 05` pair at or after p whose first byte is before end, or
 * NULL. Searches for the second byte, which is much rarer in code than 0f
 * (the escape of every two-byte opcode): fewer, longer memchr runs. */
static const uint8_t *next_candidate(const uint8_t *p, const uint8_t *end)
{
	for (const uint8_t *q = p + 1; q <= end;) {
		q = memchr(q, ARCH_SYSCALL_BYTE1, (size_t)(end + 1 - q));
		if (!q)
			return 0;
		if (q[-1] == ARCH_SYSCALL_BYTE0)
			return q - 1;
		q++;
	}
	return 0;
}

int region_has_candidates(uintptr_t lo, uintptr_t hi)
{
	for (const uint8_t *p = (const uint8_t *)lo;
	     p + 1 < (const uint8_t *)hi; p++) {
		p = next_candidate(p, (const uint8_t *)hi - 1);
		if (!p)
			return 0;
		/* A registered site holds the trap, never 0f 05, unless the
		 * code was written again (a JIT re-emitting into its pages). */
		if (is_candidate(p) && !is_own_site((uintptr_t)p))
			return 1;
	}
	return 0;
}

/* The greatest boundary <= addr, or 0. */
static uintptr_t boundary_before(const uintptr_t *b, long n, uintptr_t addr)
{
	long lo = 0, hi = n;
	while (lo < hi) {
		long mid = (lo + hi) / 2;
		if (b[mid] <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? b[lo - 1] : 0;
}

/* Decodes from `from` up to `target`: 1 if an instruction starts exactly at
 * target and is a syscall. *cursor is left at the first instruction boundary
 * at or after target; chain[] at the starts of the decoded instructions
 * that end at target, nearest first (0 where none: decoding began there, or
 * after undecodable bytes). Undecodable bytes are stepped over one at a
 * time, as a linear-sweep disassembler does, until the stream is in step
 * again. */
static int decode_to(int lane, uintptr_t from, uintptr_t target, uintptr_t hi,
		     uintptr_t *cursor, uintptr_t chain[ARCH_MAX_MOVED])
{
	uintptr_t pc = from;
	struct decoded_insn insn;
	for (int k = 0; k < ARCH_MAX_MOVED; k++)
		chain[k] = 0;
	while (pc < target) {
		size_t avail = hi - pc;
		if (avail > ARCH_MAX_INSN_LEN)
			avail = ARCH_MAX_INSN_LEN;
		int ok = decode_insn_on(lane, (const uint8_t *)pc, avail, pc,
					&insn);
		for (int k = ARCH_MAX_MOVED - 1; k > 0; k--)
			chain[k] = ok ? chain[k - 1] : 0;
		chain[0] = ok ? pc : 0;
		pc += ok ? insn.length : 1;
	}
	*cursor = pc;
	if (pc != target)
		return 0;
	size_t avail = hi - pc < ARCH_MAX_INSN_LEN ? hi - pc : ARCH_MAX_INSN_LEN;
	return decode_insn_on(lane, (const uint8_t *)pc, avail, pc, &insn) &&
	       insn.is_syscall;
}

/* One site found in a region: the syscall, the instructions before it
 * that a jump may replace, and how it will be patched. */
/* A released pool's slow-exit traps leave the registry with it. */
static void forget_pool_traps(uintptr_t lo, uintptr_t hi)
{
	site_registry_remove_range(lo, hi);
}

/* Fill between functions that short hops may use, and how much of each is
 * taken. */
#define MAX_GAPS 256
struct gap_use {
	struct code_gap gap;
	uintptr_t next; /* first byte not yet taken */
};

/* Whether [g.lo, g.hi) is truly fill: inside the region and an executable
 * section, no known boundary in it, and nothing but nops and int3s. */
static int gap_is_fill(int lane, const struct code_gap *g,
		       const struct code_map *map, uintptr_t lo, uintptr_t hi)
{
	if (g->lo < lo || g->hi > hi || g->hi - g->lo < ARCH_JMP_REL32_LEN ||
	    !code_map_is_code(map, g->lo, g->hi - g->lo))
		return 0;
	uintptr_t b = boundary_before(map->bounds, map->nbounds, g->hi - 1);
	if (b >= g->lo)
		return 0;
	struct decoded_insn insn;
	for (uintptr_t pc = g->lo; pc < g->hi; pc += insn.length) {
		size_t avail = g->hi - pc < ARCH_MAX_INSN_LEN ? g->hi - pc
							       : ARCH_MAX_INSN_LEN;
		if (!decode_insn_on(lane, (const uint8_t *)pc, avail, pc, &insn) ||
		    !insn.is_padding)
			return 0;
	}
	return 1;
}

/* Five bytes of fill within a short hop of site, or 0. Only fill inside
 * [bound_lo, bound_hi) is taken (an analysis's share of its region). */
static uintptr_t take_fill(int lane, uintptr_t site, const struct code_map *map,
			   uintptr_t bound_lo, uintptr_t bound_hi,
			   struct gap_use *used, int *nused)
{
	uintptr_t lo = site - ARCH_SHORT_HOP_BACK;
	uintptr_t hi = site + ARCH_SHORT_HOP_AHEAD;
	struct code_gap found[4];
	int n = code_map_gaps_near(map, site, lo, hi, found, 4);
	for (int i = 0; i < n; i++) {
		struct gap_use *u = 0;
		for (int k = 0; k < *nused; k++)
			if (used[k].gap.lo == found[i].lo)
				u = &used[k];
		if (!u) {
			if (*nused == MAX_GAPS ||
			    !gap_is_fill(lane, &found[i], map, bound_lo, bound_hi))
				continue;
			u = &used[(*nused)++];
			u->gap = found[i];
			u->next = found[i].lo;
		}
		/* The jump must start within the hop's reach and fit. */
		uintptr_t at = u->next < lo ? lo : u->next;
		if (at + ARCH_JMP_REL32_LEN <= u->gap.hi && at <= hi) {
			u->next = at + ARCH_JMP_REL32_LEN;
			return at;
		}
	}
	return 0;
}

/* What a window check knows of the function last scanned: its extent,
 * whether it may be entered other than through its direct branches (an
 * indirect jump: a jump table), and its direct branch targets. */
struct function_scan {
	uintptr_t lo, hi;
	int ok;              /* -1 not scanned; 0 unusable; 1 usable */
	uintptr_t *targets;
	size_t n, cap;
};

#define MAX_SCANNED_INSNS 4096
#define MAX_LANDING_PADS 32

/* Scans the function holding site (bounded by its FDE): every direct
 * branch's target and landing pad, and whether it has an indirect jump. */
static void scan_function(int lane, struct function_scan *f,
			  const struct code_map *map, uintptr_t site,
			  struct arena *scratch)
{
	uintptr_t lo, hi;
	f->ok = 0;
	f->n = 0;
	if (code_map_function_of(map, site, &lo, &hi) || hi <= lo) {
		f->lo = f->hi = 0;
		return;
	}
	f->lo = lo;
	f->hi = hi;
	if (!f->targets) {
		f->cap = 1024;
		f->targets = arena_alloc(scratch, f->cap * sizeof *f->targets);
		if (!f->targets)
			return;
	}
	size_t count = 0;
	for (uintptr_t pc = lo; pc < hi; count++) {
		uint8_t len;
		int branch;
		uint64_t target = 0;
		size_t avail = hi - pc < ARCH_MAX_INSN_LEN ? hi - pc
							   : ARCH_MAX_INSN_LEN;
		if (count == MAX_SCANNED_INSNS ||
		    !decode_insn_branch_on(lane, (const uint8_t *)pc, avail, pc,
					   &len, &branch, &target) ||
		    branch == ARCH_BRANCH_INDIRECT)
			return;
		if (branch == ARCH_BRANCH_DIRECT && target >= lo && target < hi) {
			if (f->n == f->cap)
				return;
			f->targets[f->n++] = (uintptr_t)target;
		}
		pc += len;
	}
	/* Landing pads are branch targets too, reached by the unwinder (C++
	 * exceptions, glibc's cancellation clean-ups), never by an
	 * instruction: a function whose pads cannot be told is not used. */
	uintptr_t pads[MAX_LANDING_PADS];
	int npads = code_map_landing_pads(map, site, pads, MAX_LANDING_PADS);
	if (npads < 0 || f->n + (size_t)npads > f->cap)
		return;
	for (int k = 0; k < npads; k++)
		f->targets[f->n++] = pads[k];
	f->ok = 1;
}

/* Whether a window starting at chain[k-1] (k instructions) is safe: a
 * single instruction always is; several only if the function is known and
 * no direct branch or landing pad of it lands on any but the first. A
 * window covering the site (below) also needs none on the site. */
static int window_branch_safe(int lane, const struct planned_site *p, int k,
			      int covering, const struct code_map *map,
			      struct arena *scratch, struct function_scan *f)
{
	if (k == 1 && !covering)
		return 1;
	if (f->ok < 0 || p->site < f->lo || p->site >= f->hi)
		scan_function(lane, f, map, p->site, scratch);
	if (f->ok != 1 || p->chain[k - 1] < f->lo)
		return 0;
	for (size_t t = 0; t < f->n; t++) {
		if (covering && f->targets[t] == p->site)
			return 0;
		for (int j = 0; j < k - 1; j++)
			if (f->targets[t] == p->chain[j])
				return 0;
	}
	return 1;
}

/* Chooses the window of p: the fewest whole instructions (at most max_k)
 * just before the site, all movable, at least a jump long, branch-safe.
 *
 * covering: where none before the site fits a jump, a window that covers
 * the site too: instructions just before it that with the site's own
 * bytes make a jump, with no branch or landing pad on any but the first,
 * the site included (its bytes become the jump's tail: it keeps no trap).
 * Taken by loops around a call that never returns, as glibc's thread exit
 * (`1: xor %edi,%edi; mov %edx,%eax; syscall; jmp 1b`), whose back-edge
 * lands on the window's first instruction (window_covers_site). */
static void choose_window(int lane, struct planned_site *p,
			  const struct code_map *map, struct arena *scratch,
			  struct function_scan *f, int max_k, int covering)
{
	p->window_known = 1;
	p->window_insns = 0;
	p->window_len = 0;
	p->rip_disp = 0;
	uintptr_t end_of_window =
		p->site + (covering ? ARCH_SYSCALL_INSN_LEN : 0);
	for (int k = 1; k <= max_k && p->chain[k - 1]; k++) {
		struct insn_facts facts;
		uintptr_t at = p->chain[k - 1];
		uintptr_t end = k == 1 ? p->site : p->chain[k - 2];
		if (!decode_insn_facts_on(lane, (const uint8_t *)at, end - at, at,
					  &facts) ||
		    at + facts.length != end || !facts.movable)
			return;
		if (k == 1)
			p->rip_disp = facts.rip_disp_offset;
		if (end_of_window - at < ARCH_JMP_REL32_LEN)
			continue;
		if (!window_branch_safe(lane, p, k, covering, map, scratch, f))
			return;
		p->window_insns = (uint8_t)k;
		p->window_len = (uint8_t)(p->site - at);
		return;
	}
}

/* The instructions of p's window, ready to move; -1 if they no longer
 * decode as the window said. */
static int window_instructions(const struct planned_site *p,
			       struct arch_moved_insn *moved)
{
	uintptr_t at = window_start(p);
	if (p->window_insns == 1) {
		moved[0].bytes = (const uint8_t *)at;
		moved[0].addr = at;
		moved[0].facts.length = p->window_len;
		moved[0].facts.movable = 1;
		moved[0].facts.rip_disp_offset = p->rip_disp;
		return 1;
	}
	for (int k = 0; k < p->window_insns; k++) {
		moved[k].bytes = (const uint8_t *)at;
		moved[k].addr = at;
		if (!decode_insn_facts((const uint8_t *)at, p->site - at, at,
				       &moved[k].facts) ||
		    !moved[k].facts.movable)
			return -1;
		at += moved[k].facts.length;
	}
	return at == p->site ? p->window_insns : -1;
}

/* Gives each site a trampoline in a pool near the region: through the
 * instruction before it when that can move, else through a short hop into
 * nearby fill; registers each trampoline's slow-exit trap. Sites left
 * without one keep just their trap. Returns how many got one; *hops says
 * how many of them are short hops. */
static size_t plan_jumps(struct planned_site *sites, size_t n,
			 const struct code_region *r, uint32_t object,
			 struct jump_pool *pool, unsigned long *hops)
{
	*hops = 0;
	pool->base = 0;
	if (!n || jump_pool_open(pool, r->lo, r->hi,
				 sizeof(uintptr_t) + n * ARCH_TRAMPOLINE_MAX))
		return 0;
	/* The pointer every trampoline calls through. */
	uintptr_t *entry_slot = (uintptr_t *)jump_pool_take(pool, sizeof *entry_slot);
	*entry_slot = (uintptr_t)systrap_fast_entry;
	const struct trap_encoding *t = instrumenter_trap();
	size_t made = 0;
	for (size_t i = 0; i < n; i++) {
		uintptr_t pad = 0;
		struct arch_moved_insn moved[ARCH_MAX_MOVED];
		int nmoved = 0;
		uintptr_t lo = sites[i].window_insns ? window_start(&sites[i])
						     : sites[i].site;
		if (resumes_inside(lo, sites[i].site + ARCH_SYSCALL_INSN_LEN))
			continue; /* the trap alone: a thread resumes in there */
		if (sites[i].window_insns) {
			nmoved = window_instructions(&sites[i], moved);
			if (nmoved < 0)
				continue;
		} else {
			pad = sites[i].fill_known ? sites[i].fill : 0;
			if (!pad)
				continue;
		}
		uint8_t *at = jump_pool_take(pool, ARCH_TRAMPOLINE_MAX);
		struct arch_trampoline_layout lay;
		if (!at ||
		    arch_write_trampoline(at, (uintptr_t)at, moved, nmoved,
					  (uintptr_t)entry_slot,
					  sites[i].site + ARCH_SYSCALL_INSN_LEN,
					  t->bytes, &lay)) {
			continue;
		}
		struct jump_record rec = {
			.site = sites[i].site,
			.slow_exit = (uintptr_t)at + lay.slow_exit,
			.object = instrumenter_object_path(object),
			.object_base = instrumenter_object_base(object),
		};
		memcpy(at + lay.record, &rec, sizeof rec);
		struct trap_site slow = {
			.addr = (uintptr_t)at + lay.slow_trap,
			.resume_to = sites[i].site,
			.object = object,
			.role = SITE_SYSCALL,
			.kind = (uint8_t)t->kind,
			.original = {ARCH_SYSCALL_BYTE0, ARCH_SYSCALL_BYTE1},
		};
		if (site_registry_add(&slow))
			continue;
		sites[i].trampoline = (uintptr_t)at;
		sites[i].slow_trap = slow.addr;
		sites[i].hop_pad = pad;
		*hops += pad != 0;
		made++;
	}
	if (jump_pool_seal(pool)) {
		for (size_t i = 0; i < n; i++)
			if (sites[i].trampoline) {
				site_registry_remove(sites[i].slow_trap);
				sites[i].trampoline = 0;
				sites[i].hop_pad = 0;
			}
		*hops = 0;
		return 0;
	}
	return made;
}

/* The analysis of a region (or of the candidates in [cand_lo, cand_hi)
 * of it): where its sites are and, with jumps, how each will jump. It
 * writes no global state, so threads may analyse at once, each on a
 * decoder lane of its own. */
struct analysis {
	const struct code_region *r;
	uintptr_t cand_lo, cand_hi;
	int lane;
	struct arena scratch;
	struct code_map map;
	struct planned_site *sites;
	size_t n;
	struct instrument_result res;
	unsigned long decoded;
	int failed; /* out of memory */
};

/* Finds every syscall site among the analysis's candidates: each `0f 05`
 * is decoded from the nearest known boundary before it (a.map, collected
 * here). The sites come out in address order. */
static void find_sites(struct analysis *a)
{
	const struct code_region *r = a->r;
	struct code_map *map = &a->map;
	struct instrument_result *res = &a->res;
	if (r->elf && elf_collect_code_map(r->elf, &r->where, r->lo, r->hi,
					   &a->scratch, map))
		map->nbounds = map->ncode = map->nfde = 0;

	size_t cap = 1024, n = 0;
	struct planned_site *sites = arena_alloc(&a->scratch, cap * sizeof *sites);
	uintptr_t cursor = 0, chain[ARCH_MAX_MOVED];
	const uint8_t *end = (const uint8_t *)(a->cand_hi < r->hi - 1
						       ? a->cand_hi
						       : r->hi - 1);
	for (const uint8_t *p = (const uint8_t *)a->cand_lo; p < end; p++) {
		p = next_candidate(p, end);
		if (!p)
			break;
		if (!is_candidate(p))
			continue;
		uintptr_t c = (uintptr_t)p;
		if (is_own_site(c))
			continue;
		/* Registered yet holding 0f 05 again (sites are registered and
		 * patched under this lock): the code was rewritten. The old
		 * site is stale; judge the bytes afresh. */
		site_registry_remove(c);
		res->candidates++;
		if (!code_map_is_code(map, c, ARCH_SYSCALL_INSN_LEN)) {
			res->rejected++;
			continue;
		}
		uintptr_t from = boundary_before(map->bounds, map->nbounds, c);
		uintptr_t cfi = code_map_cfi_boundary_before(map, c);
		if (cfi > from && cfi < c)
			from = cfi;
		if (!from || from < r->lo)
			from = r->lo;
		if (cursor > from && cursor <= c)
			from = cursor;
		if (!decode_to(a->lane, from, c, r->hi, &cursor, chain)) {
			res->rejected++;
			continue;
		}
		if (n == cap) {
			struct planned_site *grown = arena_alloc(
				&a->scratch, 2 * cap * sizeof *grown);
			if (!grown) {
				res->failed++;
				continue;
			}
			memcpy(grown, sites, n * sizeof *grown);
			sites = grown;
			cap *= 2;
		}
		if (!sites) {
			res->failed++;
			continue;
		}
		/* Instructions before may be displaced only if they are
		 * inside the region and not a site themselves (a run of
		 * syscalls keeps traps). */
		struct planned_site ps = {.site = c};
		uintptr_t floor = n ? sites[n - 1].site + ARCH_SYSCALL_INSN_LEN
				    : r->lo;
		for (int k = 0; k < ARCH_MAX_MOVED && chain[k] >= floor; k++)
			ps.chain[k] = chain[k];
		sites[n++] = ps;
	}
	a->sites = sites;
	a->n = n;
	a->failed = sites == 0;
}

/* How each site will jump, cheapest first: one instruction before the
 * site; else a short hop into fill; else a window of several
 * instructions, which needs the whole function scanned for branches. */
static void decide_jumps(struct analysis *a)
{
	struct gap_use *used = arena_alloc(&a->scratch, MAX_GAPS * sizeof *used);
	int nused = 0;
	struct function_scan scan = {0, 0, -1, 0, 0, 0};
	for (size_t i = 0; i < a->n; i++) {
		struct planned_site *p = &a->sites[i];
		if (p->window_known)
			continue;
		choose_window(a->lane, p, &a->map, &a->scratch, &scan, 1, 0);
		if (p->window_insns)
			continue;
		p->fill = used ? take_fill(a->lane, p->site, &a->map,
					   a->cand_lo, a->cand_hi, used, &nused)
			       : 0;
		p->fill_known = used != 0;
		if (!p->fill)
			choose_window(a->lane, p, &a->map, &a->scratch, &scan,
				      ARCH_MAX_MOVED, 0);
		if (!p->fill && !p->window_insns)
			choose_window(a->lane, p, &a->map, &a->scratch, &scan,
				      ARCH_MAX_MOVED, 1);
	}
}

/* The whole analysis of a's candidates. */
static void analyse(struct analysis *a)
{
	unsigned long before = decoder_lane_count(a->lane);
	find_sites(a);
	if (!a->failed && use_jumps)
		decide_jumps(a);
	a->decoded = decoder_lane_count(a->lane) - before;
}

static void analysis_init(struct analysis *a, const struct code_region *r,
			  int lane)
{
	*a = (struct analysis){0};
	a->r = r;
	a->cand_lo = r->lo;
	a->cand_hi = r->hi;
	a->lane = lane;
	a->scratch.chunk_size = 256 * 1024;
}

/* The sites of r as the site cache remembers them, if it has r and every
 * site still holds the syscall's bytes; else NULL. */
#define MAX_CACHED 8192
static struct planned_site *sites_from_cache(const struct code_region *r,
					     const struct site_cache_key *key,
					     struct arena *scratch,
					     size_t *count,
					     struct instrument_result *res)
{
	struct cached_site *c = arena_alloc(scratch, MAX_CACHED * sizeof *c);
	struct cached_totals totals;
	long n = c ? site_cache_load(key, r->object, c, MAX_CACHED, &totals)
		   : -1;
	if (n < 0)
		return 0;
	struct planned_site *sites = arena_alloc(scratch, (size_t)(n ? n : 1) *
							  sizeof *sites);
	if (!sites)
		return 0;
	size_t len = r->hi - r->lo;
	for (long i = 0; i < n; i++) {
		uintptr_t site = r->lo + c[i].site;
		if (c[i].site + ARCH_SYSCALL_INSN_LEN > len ||
		    !is_candidate((const uint8_t *)site) ||
		    (i && c[i].site <= c[i - 1].site) ||
		    c[i].window_len > c[i].site ||
		    c[i].window_insns > ARCH_MAX_MOVED ||
		    c[i].window_len > ARCH_MAX_MOVED * ARCH_MAX_INSN_LEN ||
		    (c[i].window_insns &&
		     c[i].window_len + ARCH_SYSCALL_INSN_LEN <
			     ARCH_JMP_REL32_LEN))
			return 0;
		if ((c[i].flags & CACHED_FILL) && c[i].fill &&
		    (c[i].fill < -(int32_t)c[i].site ||
		     (uint64_t)((int64_t)c[i].site + c[i].fill) +
				     ARCH_JMP_REL32_LEN > len))
			return 0;
		struct planned_site *p = &sites[i];
		*p = (struct planned_site){.site = site};
		if (c[i].flags & CACHED_WINDOW) {
			p->window_known = 1;
			p->window_insns = c[i].window_insns;
			p->window_len = c[i].window_len;
			p->rip_disp = c[i].rip_disp;
		}
		if (c[i].flags & CACHED_FILL) {
			p->fill_known = 1;
			p->fill = c[i].fill ? (uintptr_t)((intptr_t)site + c[i].fill)
					    : 0;
		}
		/* Stale registrations of rewritten code go, as in find. */
		site_registry_remove(site);
	}
	res->candidates = totals.candidates;
	res->rejected = totals.rejected;
	*count = (size_t)n;
	return sites;
}

/* Remembers what r's analysis found (and what planning learnt). */
static void store_in_cache(const struct code_region *r,
			   const struct site_cache_key *key,
			   const struct planned_site *sites, size_t n,
			   const struct instrument_result *res,
			   struct arena *scratch)
{
	if (n > MAX_CACHED)
		return;
	struct cached_site *c = arena_alloc(scratch, (n ? n : 1) * sizeof *c);
	if (!c)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct planned_site *p = &sites[i];
		struct cached_site e = {0};
		e.site = (uint32_t)(p->site - r->lo);
		if (p->window_known) {
			e.flags |= CACHED_WINDOW;
			e.window_insns = p->window_insns;
			e.window_len = p->window_len;
			e.rip_disp = p->rip_disp;
		}
		if (p->fill_known) {
			e.flags |= CACHED_FILL;
			e.fill = p->fill ? (int32_t)((intptr_t)p->fill -
						     (intptr_t)p->site)
					 : 0;
		}
		c[i] = e;
	}
	struct cached_totals totals = {(uint32_t)res->candidates,
				       (uint32_t)res->rejected};
	site_cache_store(key, r->object, c, (long)n, &totals);
}

/* The key of r in the site cache; 0 when r cannot be cached. */
static int cache_key(const struct code_region *r, struct site_cache_key *key)
{
	return r->elf && r->elf->fd >= 0 && r->object && r->object[0] == '/' &&
	       !site_cache_key_of(r->elf->fd,
				  r->where.map_offset + (r->lo - r->where.map_start),
				  r->hi - r->lo, key);
}

/* The cached analysis of r into a, if the cache has all this run needs. */
static int analysis_from_cache(struct analysis *a,
			       const struct site_cache_key *key)
{
	size_t n = 0;
	struct planned_site *sites =
		sites_from_cache(a->r, key, &a->scratch, &n, &a->res);
	/* A result cached by a run without jumps lacks what planning them
	 * needs: analyse afresh (and cache the complete result). */
	for (size_t i = 0; sites && use_jumps && i < n; i++)
		if (!sites[i].window_known ||
		    (!sites[i].window_insns && !sites[i].fill_known))
			sites = 0;
	if (!sites) {
		a->res = (struct instrument_result){0};
		return 0;
	}
	a->sites = sites;
	a->n = n;
	return 1;
}

/* Patches what a found: trampolines, registry, bytes; stores the result in
 * the cache (keyed: not from it). Caller holds the instrumenter lock. */
static int commit(struct analysis *a, const struct site_cache_key *key,
		  int store)
{
	const struct code_region *r = a->r;
	struct instrument_result res = a->res;
	struct planned_site *sites = a->sites;
	size_t n = a->n;
	int err = 0;
	uint32_t object = object_id(r->object ? r->object : "", r->object_base);
	const struct trap_encoding *t = instrumenter_trap();
	struct jump_pool pool = {0, 0, 0, 0, 0};
	if (use_jumps)
		res.jumps = plan_jumps(sites, n, r, object, &pool, &res.hops);
	if (store)
		store_in_cache(r, key, sites, n, &res, &a->scratch);
	size_t registered = 0;
	for (size_t i = 0; i < n; i++) {
		struct trap_site s = {
			.addr = sites[i].site,
			.object = object,
			.role = SITE_SYSCALL,
			.kind = (uint8_t)t->kind,
			.original = {ARCH_SYSCALL_BYTE0, ARCH_SYSCALL_BYTE1},
		};
		/* Registered before the bytes change, so a thread that hits
		 * the trap at once finds it. */
		if (site_registry_add(&s) == 0)
			sites[registered++] = sites[i];
		else
			res.failed++;
	}
	if (debug_sites > 1)
		for (size_t i = 0; i < registered; i++)
			if (!sites[i].trampoline)
				debug_trap_only(instrumenter_object_path(object),
						sites[i].site -
							instrumenter_object_base(object));
	err = code_patch_apply(sites, registered, r->prot, instrumenter_trap());
	if (err) {
		site_registry_remove_range(r->lo, r->hi);
		for (size_t i = 0; i < n; i++)
			if (sites[i].trampoline)
				site_registry_remove(sites[i].slow_trap);
		res.failed += registered;
		res.jumps = 0;
		res.hops = 0;
	} else {
		res.sites = registered;
		if (registered) {
			uintptr_t lo, hi;
			code_patch_extent(sites, registered, &lo, &hi);
			note_range(lo, hi);
		}
	}
	totals.candidates += res.candidates;
	totals.sites += res.sites;
	totals.rejected += res.rejected;
	totals.failed += res.failed;
	totals.jumps += res.jumps;
	totals.hops += res.hops;
	region_count++;
	a->res = res;
	return err;
}

static int instrument_one(const struct code_region *r,
			  struct instrument_result *result)
{
	struct analysis a;
	uint64_t mask;
	int err = 0;
	analysis_init(&a, r, 0);
	if (r->hi <= r->lo + 1)
		goto out_unlocked;
	if (decoder_open())
		return -ENOSYS;
	instrumenter_lock(&mask);
	if (site_registry_init()) {
		err = -ENOMEM;
		goto out;
	}
	struct site_cache_key key;
	int keyed = cache_key(r, &key);
	int cached = keyed && analysis_from_cache(&a, &key);
	if (!cached)
		analyse(&a);
	if (a.failed)
		err = -ENOMEM;
	else
		err = commit(&a, &key, keyed && !cached);
out:
	instrumenter_unlock(&mask);
	arena_reset(&a.scratch);
out_unlocked:
	if (result)
		*result = a.res;
	return err;
}

/* ---- start-up: many regions, the largest analysed by two threads ---- */

/* Below this, a region is not worth a second thread. */
#define SPLIT_MIN (512 * 1024)
#define HELPER_STACK (256 * 1024)

static void analyse_in_helper(void *arg)
{
	analyse(arg);
}

/* Merges b (the candidates after a's) into a. The first of b's sites was
 * planned without knowing a's last: a window reaching back over it goes. */
static int merge(struct analysis *a, struct analysis *b)
{
	if (a->failed || b->failed)
		return -ENOMEM;
	struct planned_site *all = arena_alloc(&a->scratch, (a->n + b->n + 1) *
							       sizeof *all);
	if (!all)
		return -ENOMEM;
	memcpy(all, a->sites, a->n * sizeof *all);
	memcpy(all + a->n, b->sites, b->n * sizeof *all);
	if (a->n && b->n) {
		struct planned_site *first = &all[a->n];
		uintptr_t floor = all[a->n - 1].site + ARCH_SYSCALL_INSN_LEN;
		for (int k = 0; k < ARCH_MAX_MOVED; k++)
			if (first->chain[k] < floor)
				first->chain[k] = 0;
		if (first->window_insns && window_start(first) < floor) {
			first->window_insns = 0;
			first->window_len = 0;
		}
	}
	a->sites = all;
	a->n += b->n;
	a->res.candidates += b->res.candidates;
	a->res.rejected += b->res.rejected;
	a->res.failed += b->res.failed;
	a->decoded += b->decoded;
	return 0;
}

static int instrument_many(const struct code_region *r, int count,
			   struct instrument_result *results,
			   unsigned long *decoded)
{
	if (decoder_open())
		return -ENOSYS;
	if (site_registry_init())
		return -ENOMEM;
	struct analysis *a = pages_alloc((size_t)count * 2 * sizeof *a);
	struct site_cache_key *keys = pages_alloc((size_t)count * sizeof *keys);
	uint8_t *state = pages_alloc((size_t)count);
	if (!a || !keys || !state)
		return -ENOMEM;
	/* From the cache where it can; the largest of the rest is split
	 * between this thread and a helper. */
	int split = -1;
	for (int i = 0; i < count; i++) {
		analysis_init(&a[i], &r[i], 0);
		int keyed = cache_key(&r[i], &keys[i]);
		int cached = keyed && analysis_from_cache(&a[i], &keys[i]);
		state[i] = (uint8_t)(keyed << 1 | cached);
		if (!cached && r[i].hi - r[i].lo >= SPLIT_MIN &&
		    (split < 0 || r[i].hi - r[i].lo > r[split].hi - r[split].lo))
			split = i;
	}
	struct analysis *helper = 0;
	void *stack = 0;
	int helper_tid = 0;
	if (split >= 0) {
		helper = &a[count + split];
		analysis_init(helper, &r[split], 1);
		/* The helper takes the upper 70%: this thread also has the
		 * other regions to do (ld.so, the vDSO, the program). */
		uintptr_t mid = r[split].lo + (r[split].hi - r[split].lo) * 3 / 10;
		a[split].cand_hi = mid;
		helper->cand_lo = mid;
		stack = pages_alloc(HELPER_STACK);
		if (!stack || arch_run_thread((uint8_t *)stack + HELPER_STACK,
					      analyse_in_helper, helper,
					      &helper_tid))
			analyse(helper); /* no thread: do it here */
	}
	for (int i = 0; i < count; i++)
		if (!(state[i] & 1))
			analyse(&a[i]);
	if (helper_tid)
		arch_join_thread(&helper_tid);
	if (stack)
		pages_free(stack, HELPER_STACK);
	uint64_t mask;
	instrumenter_lock(&mask);
	int err = 0;
	for (int i = 0; i < count; i++) {
		int e = i == split ? merge(&a[i], helper) : a[i].failed ? -ENOMEM : 0;
		if (!e && r[i].hi > r[i].lo + 1)
			e = commit(&a[i], &keys[i], (state[i] & 2) && !(state[i] & 1));
		if (results)
			results[i] = a[i].res;
		if (decoded)
			decoded[i] = a[i].decoded;
		if (e && !err)
			err = e;
	}
	instrumenter_unlock(&mask);
	for (int i = 0; i < count; i++)
		arena_reset(&a[i].scratch);
	if (helper)
		arena_reset(&helper->scratch);
	pages_free(a, (size_t)count * 2 * sizeof *a);
	pages_free(keys, (size_t)count * sizeof *keys);
	pages_free(state, (size_t)count);
	return err;
}

void instrumenter_forget_range(uintptr_t lo, uintptr_t hi)
{
	if (!overlaps_range(lo, hi))
		return;
	uint64_t mask;
	instrumenter_lock(&mask);
	site_registry_remove_range(lo, hi);
	code_patch_forget(lo, hi);
	jump_pool_release_range(lo, hi, forget_pool_traps);
	instrumenter_unlock(&mask);
}

void instrumenter_totals(struct instrument_result *out, unsigned long *regions)
{
	*out = totals;
	*regions = region_count;
}

/* Code moved by mremap: the same bytes at a new address. A trap needs only
 * its registry entry moved; a jump's rel32 no longer reaches its trampoline
 * from there, so the displaced instruction's own bytes are put back and the
 * site keeps just its trap. The caller (a trapped mremap) runs before the
 * program knows the new address, so no thread runs the moved code yet. */
int instrumenter_region_moved(uintptr_t old_lo, size_t old_len,
			      uintptr_t new_lo, size_t new_len)
{
	size_t len = old_len < new_len ? old_len : new_len;
	if (!len || !overlaps_range(old_lo, old_lo + old_len))
		return 0;
	const struct trap_encoding *t = instrumenter_trap();
	uint64_t mask;
	int moved = 0;
	instrumenter_lock(&mask);
	code_patch_unjump_moved(old_lo, len, new_lo);
	uintptr_t first = 0, last = 0;
	for (uintptr_t off = 0; off + 1 < len; off++) {
		const uint8_t *p = (const uint8_t *)(new_lo + off);
		if (p[0] != t->bytes[0] || p[1] != t->bytes[1])
			continue;
		struct trap_site copy;
		if (!site_registry_find(old_lo + off, &copy) ||
		    copy.role != SITE_SYSCALL || copy.resume_to)
			continue;
		copy.addr = new_lo + off;
		site_registry_remove(old_lo + off);
		if (site_registry_add(&copy))
			continue;
		if (!first)
			first = copy.addr;
		last = copy.addr;
		moved++;
	}
	/* Whatever is left of the old range is gone with it. */
	site_registry_remove_range(old_lo, old_lo + old_len);
	code_patch_forget(old_lo, old_lo + old_len);
	jump_pool_release_range(old_lo, old_lo + old_len, forget_pool_traps);
	if (first)
		note_range(first, last + 2);
	instrumenter_unlock(&mask);
	return moved;
}

/* Capstone reads its stack canary through FS, which in the image may not be
 * the program's yet (systrap/arch/scratch_tls.h): both entries run on
 * systrap's own while they decode. */
int instrument_region(const struct code_region *r,
		      struct instrument_result *result)
{
	struct arch_scratch_tls saved;
	arch_scratch_tls_enter(&saved);
	int err = instrument_one(r, result);
	arch_scratch_tls_leave(&saved);
	return err;
}

int instrument_regions(const struct code_region *r, int count,
		       struct instrument_result *results,
		       unsigned long *decoded)
{
	struct arch_scratch_tls saved;
	arch_scratch_tls_enter(&saved);
	int err = instrument_many(r, count, results, decoded);
	arch_scratch_tls_leave(&saved);
	return err;
}
