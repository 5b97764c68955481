/* trampoline_builder: writes each planned site's trampoline into a jump
 * pool near its code (the displaced instructions, the call to the fast
 * entry, the slow exit's trap) and registers the slow exit. */
#include "systrap/core/instrumenter_parts.h"

#include <string.h>

#include "systrap/arch/decoder_arch.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/core/decoder.h"
#include "systrap/core/fast_dispatch.h"
#include "systrap/core/site_registry.h"

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
int instrumenter_resumes_inside(uintptr_t lo, uintptr_t hi)
{
	for (int k = 0; k < avoid_count; k++)
		if (avoid_pcs[k] > lo && avoid_pcs[k] < hi)
			return 1;
	return 0;
}

/* The instructions of p's window as planning or the site cache knew them
 * (no decoding: most of a warm start's would be here); -1 if not known
 * or if they do not fill the window. */
static int known_window_instructions(const struct planned_site *p,
				     struct arch_moved_insn *moved)
{
	uintptr_t at = window_start(p);
	for (int k = 0; k < p->window_insns; k++) {
		unsigned len = p->moved[k] & 15, rip = p->moved[k] >> 4;
		if (!len || rip >= len)
			return -1;
		moved[k].bytes = (const uint8_t *)at;
		moved[k].addr = at;
		moved[k].facts.length = (uint8_t)len;
		moved[k].facts.movable = 1;
		moved[k].facts.rip_disp_offset = (uint8_t)rip;
		at += len;
	}
	return at == site_start(p) ? p->window_insns : -1;
}

/* The instructions of p's window, ready to move; -1 if they no longer
 * decode as the window said. */
static int window_instructions(const struct planned_site *p,
			       struct arch_moved_insn *moved)
{
	int known = known_window_instructions(p, moved);
	if (known > 0)
		return known;
	uintptr_t at = window_start(p);
	for (int k = 0; k < p->window_insns; k++) {
		moved[k].bytes = (const uint8_t *)at;
		moved[k].addr = at;
		if (!decode_insn_facts((const uint8_t *)at, site_start(p) - at,
				       at, &moved[k].facts) ||
		    !moved[k].facts.movable)
			return -1;
		at += moved[k].facts.length;
	}
	return at == site_start(p) ? p->window_insns : -1;
}

/* Gives each site a trampoline in a pool near the region: through the
 * instruction before it when that can move, else through a short hop into
 * nearby fill; registers each trampoline's slow-exit trap. Sites left
 * without one keep just their trap. Returns how many got one; *hops says
 * how many of them are short hops. */
size_t trampolines_build(struct planned_site *sites, size_t n,
			 const struct code_region *r, uint32_t object,
			 struct jump_pool *pool, unsigned long *hops)
{
	*hops = 0;
	pool->base = 0;
	/* Lazy instrumenting runs in one thread only (lazy_instrument.c). */
	if (!n || jump_pool_open(pool, r->lo, r->hi,
				 sizeof(uintptr_t) + n * ARCH_TRAMPOLINE_MAX,
				 instrumenter_lazy()))
		return 0;
	/* The pointer every trampoline calls through. */
	uintptr_t *entry_slot = (uintptr_t *)jump_pool_take(pool, sizeof *entry_slot);
	*entry_slot = arch_fast_entry(ARCH_FAST_ENTRY);
	uintptr_t entry_slot_at = jump_pool_address(pool, (uint8_t *)entry_slot);
	const struct trap_encoding *t = instrumenter_trap();
	size_t made = 0;
	for (size_t i = 0; i < n; i++) {
		uintptr_t pad = 0;
		struct arch_moved_insn moved[ARCH_MAX_MOVED];
		int nmoved = 0;
		uintptr_t lo = sites[i].window_insns ? window_start(&sites[i])
						     : site_start(&sites[i]);
		if (instrumenter_resumes_inside(lo, sites[i].site + ARCH_SYSCALL_INSN_LEN))
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
		/* Where it will run (at is where it is written). */
		uintptr_t run = at ? jump_pool_address(pool, at) : 0;
		struct arch_trampoline_layout lay;
		if (!at ||
		    arch_write_trampoline(at, run, moved, nmoved, entry_slot_at,
					  sites[i].site + ARCH_SYSCALL_INSN_LEN,
					  t->bytes, &lay)) {
			if (at)
				jump_pool_untake(pool, at, ARCH_TRAMPOLINE_MAX, 0);
			continue;
		}
		jump_pool_untake(pool, at, ARCH_TRAMPOLINE_MAX, lay.size);
		struct jump_record rec = {
			.site = sites[i].site,
			.slow_exit = run + lay.slow_exit,
			.object = instrumenter_object_path(object),
			.object_base = instrumenter_object_base(object),
		};
		memcpy(at + lay.record, &rec, sizeof rec);
		struct trap_site slow = {
			.addr = run + lay.slow_trap,
			.resume_to = sites[i].site,
			.object = object,
			.role = SITE_SYSCALL,
			.kind = (uint8_t)t->kind,
			.original = {ARCH_SYSCALL_BYTE0, ARCH_SYSCALL_BYTE1},
		};
		if (site_registry_add(&slow))
			continue;
		sites[i].trampoline = run;
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

