/* jump_planner: how each site will jump: a window of the instructions
 * before it (checked against the branches and landing pads of its
 * function), a short hop into fill between functions, or none. */
#include "systrap/core/instrumenter_parts.h"

#include "systrap/arch/decoder_arch.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/core/arena.h"
#include "systrap/core/decoder.h"

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
	uintptr_t b = code_boundary_before(map->bounds, map->nbounds, g->hi - 1);
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
		if (covering && f->targets[t] >= site_start(p) &&
		    f->targets[t] <= p->site)
			return 0;
		for (int j = 0; j < k - 1; j++)
			if (f->targets[t] == p->chain[j])
				return 0;
	}
	return 1;
}

/* Decodes the k-th instruction before p's syscall instruction (chain[k -
 * 1]) into *facts: 1 when it is whole (ends where the next one starts) and
 * movable. */
static int chain_insn_movable(int lane, const struct planned_site *p, int k,
			      struct insn_facts *facts)
{
	uintptr_t at = p->chain[k - 1];
	uintptr_t end = k == 1 ? site_start(p) : p->chain[k - 2];
	return decode_insn_facts_on(lane, (const uint8_t *)at, end - at, at,
				    facts) &&
	       at + facts->length == end && facts->movable;
}

/* One instruction's facts as planned_site's moved keeps them: a length
 * and an offset inside it, four bits each. */
_Static_assert(ARCH_MAX_INSN_LEN < 16, "a length fits in four bits");
static uint8_t moved_facts(const struct insn_facts *f)
{
	return (uint8_t)(f->length | f->rip_disp_offset << 4);
}

/* p's window is the k instructions before its site, whose facts (nearest
 * first) are in near[]: kept in address order for the trampoline. */
static void take_window(struct planned_site *p, int k, const uint8_t *near)
{
	p->window_insns = (uint8_t)k;
	p->window_len = (uint8_t)(site_start(p) - p->chain[k - 1]);
	for (int j = 0; j < ARCH_MAX_MOVED; j++)
		p->moved[j] = j < k ? near[k - 1 - j] : 0;
}

/* Chooses the window of p: the fewest whole instructions (at most max_k)
 * just before the site, all movable, at least a jump long, branch-safe.
 *
 * covering: where none before the site fits a jump, a window that covers
 * the site too: instructions just before it that with the syscall
 * instruction's own bytes (prefixes included) make a jump, with no branch
 * or landing pad on any but the first, the syscall included (its bytes
 * become the jump's tail: it keeps no trap).
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
	p->window_kept = 0;
	uintptr_t start = site_start(p);
	uintptr_t end_of_window =
		covering ? p->site + ARCH_SYSCALL_INSN_LEN : start;
	uint8_t near[ARCH_MAX_MOVED];
	for (int k = 1; k <= max_k && p->chain[k - 1]; k++) {
		struct insn_facts facts;
		uintptr_t at = p->chain[k - 1];
		if (!chain_insn_movable(lane, p, k, &facts))
			return;
		near[k - 1] = moved_facts(&facts);
		if (end_of_window - at < ARCH_JMP_REL32_LEN)
			continue;
		if (!window_branch_safe(lane, p, k, covering, map, scratch, f))
			return;
		take_window(p, k, near);
		return;
	}
}

/* A kept window: the nearest instruction before the site, at most max_k
 * back, that is a jump long by itself, with nothing but movable
 * instructions between it and the site. It alone becomes the jump; the
 * trampoline runs it and copies of those between, which stay in place, as
 * the site keeps its trap: a branch that lands on any of them (or on the
 * site) runs the original bytes, into the trap. Nothing about the function
 * need be known, not even which it is (its jump tables, landing pads, a
 * JIT's code). Instructions are whole and branches land only on their
 * first bytes, as for a one-instruction window. Libc's inlined
 * futex_unlock_pi (`mov $0xca,%eax; xor %edx,%edx; syscall`, in functions
 * with jump tables) is the case. */
static void choose_kept_window(int lane, struct planned_site *p, int max_k)
{
	uintptr_t start = site_start(p);
	uint8_t near[ARCH_MAX_MOVED];
	for (int k = 1; k <= max_k && p->chain[k - 1]; k++) {
		struct insn_facts facts;
		if (!chain_insn_movable(lane, p, k, &facts))
			return;
		near[k - 1] = moved_facts(&facts);
		if (k > 1 && facts.length >= ARCH_JMP_REL32_LEN) {
			take_window(p, k, near);
			p->window_kept = (uint8_t)(start - p->chain[k - 2]);
			return;
		}
	}
}

/* How each site will jump, cheapest first: one instruction before the
 * site; else a short hop into fill; else a window of several
 * instructions, which needs the whole function scanned for branches; else
 * a kept window; else a window covering the site. */
void analysis_decide_jumps(struct analysis *a)
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
			choose_kept_window(a->lane, p, ARCH_MAX_MOVED);
		if (!p->fill && !p->window_insns)
			choose_window(a->lane, p, &a->map, &a->scratch, &scan,
				      ARCH_MAX_MOVED, 1);
	}
}

