/* site_finder: the syscall sites among a region's `0f 05` candidates, each
 * decoded from the nearest known instruction boundary before it. */
#include "systrap/core/instrumenter_parts.h"

#include <string.h>

#include "systrap/arch/decoder_arch.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/decoder.h"
#include "systrap/core/site_registry.h"

/* Systrap's own syscall instructions, each as its distance from its entry
 * (syscall_arch.h). Not weak: GNU ld defines __start_/__stop_ only for a
 * strong reference. */
extern const int32_t __start_systrap_own_sites[]
	__attribute__((visibility("hidden")));
extern const int32_t __stop_systrap_own_sites[]
	__attribute__((visibility("hidden")));

static int is_own_site(uintptr_t addr)
{
	for (const int32_t *p = __start_systrap_own_sites;
	     p < __stop_systrap_own_sites; p++)
		if ((uintptr_t)p + (intptr_t)*p == addr)
			return 1;
	return 0;
}

int site_is_candidate(const uint8_t *p)
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
		if (site_is_candidate(p) && !is_own_site((uintptr_t)p))
			return 1;
	}
	return 0;
}

/* The greatest boundary <= addr, or 0. */
uintptr_t code_boundary_before(const uintptr_t *b, long n, uintptr_t addr)
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

/* Decodes from `from` up to `target` (a candidate `0f 05`): whether a
 * syscall instruction ends at target + 2, starting at target or, with
 * prefixes (`41 0f 05`), before it. Returns its prefix bytes (0 for a
 * plain `0f 05`), or -1 when it is no syscall. What a syscall is, and how
 * long, is the decoder's word (Capstone's instruction id and size), never
 * a guess from the bytes. *cursor is left at the first instruction
 * boundary at or after target; chain[] at the starts of the decoded
 * instructions that end where the syscall instruction starts, nearest first
 * (0 where none: decoding began there, or after undecodable bytes).
 * Undecodable bytes are stepped over one at a time, as a linear-sweep
 * disassembler does, until the stream is in step again. With zero_fill
 * (code with no ELF to say where its instructions start: a JIT's), a run
 * of ZERO_FILL_RUN or more zero bytes at a boundary is fill, skipped to
 * its first other byte: decoded, each `00 00` pair is an instruction, so
 * a run of odd length swallowed the first byte of the code after it (a
 * JIT's code copied to an odd offset in a zeroed buffer), and the code's
 * syscall was missed or misplaced. No compiler emits two `add %al,(%rax)`
 * in a row. */
#define ZERO_FILL_RUN 4
static int decode_to(int lane, uintptr_t from, uintptr_t target, uintptr_t hi,
		     int zero_fill, uintptr_t *cursor,
		     uintptr_t chain[ARCH_MAX_MOVED])
{
	uintptr_t pc = from;
	struct decoded_insn insn = {0, 0, 0};
	int ok = 0;
	/* One more than a window needs: a prefixed syscall is itself the
	 * nearest decoded instruction. */
	uintptr_t starts[ARCH_MAX_MOVED + 1];
	for (int k = 0; k <= ARCH_MAX_MOVED; k++)
		starts[k] = 0;
	while (pc < target) {
		const uint8_t *z = (const uint8_t *)pc;
		if (zero_fill && target - pc >= ZERO_FILL_RUN &&
		    !(z[0] | z[1] | z[2] | z[3])) {
			while (pc < target && !*(const uint8_t *)pc)
				pc++;
			for (int k = 0; k <= ARCH_MAX_MOVED; k++)
				starts[k] = 0;
			ok = 0;
			continue;
		}
		size_t avail = hi - pc;
		if (avail > ARCH_MAX_INSN_LEN)
			avail = ARCH_MAX_INSN_LEN;
		ok = decode_insn_on(lane, (const uint8_t *)pc, avail, pc, &insn);
		for (int k = ARCH_MAX_MOVED; k > 0; k--)
			starts[k] = ok ? starts[k - 1] : 0;
		starts[0] = ok ? pc : 0;
		pc += ok ? insn.length : 1;
	}
	*cursor = pc;
	if (pc == target) {
		for (int k = 0; k < ARCH_MAX_MOVED; k++)
			chain[k] = starts[k];
		size_t avail = hi - pc < ARCH_MAX_INSN_LEN ? hi - pc
							   : ARCH_MAX_INSN_LEN;
		return decode_insn_on(lane, (const uint8_t *)pc, avail, pc,
				      &insn) &&
				       insn.is_syscall &&
				       insn.length == ARCH_SYSCALL_INSN_LEN
			       ? 0
			       : -1;
	}
	/* The last instruction decoded ran over target: a syscall that ends
	 * exactly after the candidate's two bytes has prefixes before them. */
	if (!ok || !insn.is_syscall ||
	    pc != target + ARCH_SYSCALL_INSN_LEN)
		return -1;
	for (uintptr_t b = starts[0]; b < target; b++)
		if (!arch_is_syscall_prefix(*(const uint8_t *)b))
			return -1;
	for (int k = 0; k < ARCH_MAX_MOVED; k++)
		chain[k] = starts[k + 1];
	return (int)(target - starts[0]);
}

/* Finds every syscall site among the analysis's candidates: each `0f 05`
 * is decoded from the nearest known boundary before it (a.map, collected
 * here). The sites come out in address order. */
void analysis_find_sites(struct analysis *a)
{
	const struct code_region *r = a->r;
	struct code_map *map = &a->map;
	struct instrument_result *res = &a->res;
	if (r->elf && elf_collect_code_map(r->elf, &r->where, r->lo, r->hi,
					   &a->scratch, map))
		map->nbounds = map->ncode = map->nfde = map->go_symtab_size = 0;

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
		if (!site_is_candidate(p))
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
		uintptr_t from = code_boundary_before(map->bounds, map->nbounds, c);
		uintptr_t cfi = code_map_cfi_boundary_before(map, c);
		if (cfi > from && cfi < c)
			from = cfi;
		if (!from || from < r->lo)
			from = r->lo;
		if (cursor > from && cursor <= c)
			from = cursor;
		int prefixes = decode_to(a->lane, from, c, r->hi, !r->elf,
					 &cursor, chain);
		if (prefixes < 0 ||
		    !code_map_is_code(map, c - (uintptr_t)prefixes,
				      (size_t)prefixes + ARCH_SYSCALL_INSN_LEN)) {
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
		struct planned_site ps = {.site = c,
					  .prefix_len = (uint8_t)prefixes};
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

