/* Writing a plan into the code: the traps, jumps and short hops the
 * instrumenter planned, and the record of every jump written (what mremap
 * needs to undo one in moved code, and what code made writable again gets
 * back).
 *
 * Patching makes the pages it writes non-executable for a moment (but where
 * one thread alone runs, lazy instrumenting's: there the bytes go through
 * /proc/self/mem and no protection changes), and those may be libc's or
 * ld.so's own: nothing here may call into another object.
 * The library is built -ffreestanding, and code_patch_symbols_test fails if
 * its object code names any function it does not define (a memcpy the
 * compiler chose to call, say), in -c opt and -c dbg alike. */
#ifndef SYSTRAP_CORE_CODE_PATCH_H
#define SYSTRAP_CORE_CODE_PATCH_H

#include <stddef.h>
#include <stdint.h>

#include "systrap/arch/jump_patch.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/maps.h"

/* One site's plan, from analysis (or the site cache) to the patch. */
struct planned_site {
	uintptr_t site;           /* the `0f 05` of the syscall */
	/* Prefix bytes of the syscall instruction before site (`41 0f 05`:
	 * 1): the instruction starts at site_start(). */
	uint8_t prefix_len;
	/* Starts of the instructions before the syscall instruction,
	 * nearest first (0: unknown), from decoding. */
	uintptr_t chain[ARCH_MAX_MOVED];
	/* The window a jump replaces: window_len bytes before the syscall
	 * instruction (its prefixes not counted), in window_insns whole
	 * instructions (0: none can move). Planning finds it, or the site
	 * cache remembers it. */
	uint8_t window_known, window_insns, window_len;
	/* Of those bytes, how many (nearest the syscall) a kept window
	 * leaves in place: its first instruction alone holds the jump, the
	 * trampoline runs it and copies of the rest (0: the jump replaces
	 * the whole window). */
	uint8_t window_kept;
	/* What moving the window's instructions needs of each, in address
	 * order: its length | the offset of its RIP displacement << 4 (0
	 * none), from the planner's decoding or the site cache; 0: not known
	 * (the trampoline builder decodes them). */
	uint8_t moved[ARCH_MAX_MOVED];
	uint8_t fill_known;
	uintptr_t fill;           /* fill for a short hop, 0 none */
	/* The patch. */
	uintptr_t trampoline;     /* 0: the site keeps only its trap */
	uintptr_t slow_trap;
	uintptr_t hop_pad;        /* a short hop's jmp rel32 in the fill, or 0 */
};

/* The first byte of the syscall instruction (its first prefix). */
static inline uintptr_t site_start(const struct planned_site *p)
{
	return p->site - p->prefix_len;
}

static inline uintptr_t window_start(const struct planned_site *p)
{
	return site_start(p) - p->window_len;
}

/* A window too short for the jump takes the syscall instruction's bytes
 * too (the planner's covering window): the site keeps no trap. */
static inline int window_covers_site(const struct planned_site *p)
{
	return p->window_insns && p->window_len < ARCH_JMP_REL32_LEN;
}

/* The bytes a window's jump replaces (a kept window's first instruction). */
static inline size_t window_bytes(const struct planned_site *p)
{
	return p->window_len - p->window_kept +
	       (window_covers_site(p) ? p->prefix_len + ARCH_SYSCALL_INSN_LEN
				      : 0);
}

/* Writes each site's patch: the trap t (and a nop over each prefix of a
 * prefixed syscall); with a displaced instruction, also the jump over that
 * instruction; for a short hop, the hop over the site and the jump in the
 * fill. prot is the pages' protection, put back after. alone: no other
 * thread can run this code meanwhile (lazy instrumenting's one thread),
 * so the bytes may go through /proc/self/mem with the pages left as they
 * are. Returns 0 or -errno from mprotect. */
int code_patch_apply(const struct planned_site *sites, size_t n, int prot,
		     const struct trap_encoding *t, int alone);

/* The lowest address a plan writes and the one past its highest. */
void code_patch_extent(const struct planned_site *sites, size_t n,
		       uintptr_t *lo, uintptr_t *hi);

/* Forgets the jumps written in [lo, hi) (the code is gone). */
void code_patch_forget(uintptr_t lo, uintptr_t hi);

/* Puts back, in code moved from old_lo to new_lo (len bytes), the
 * instructions that jumps replaced. */
void code_patch_unjump_moved(uintptr_t old_lo, size_t len, uintptr_t new_lo);

/* The protections code given back is written through: [lo, hi) has prot
 * (the program's mprotect has just set it), the rest what
 * /proc/self/maps says, read only at the first write outside [lo, hi) (a
 * window on the page before): a flip of a JIT's page reads no maps.
 * code_protections_end frees what was read. */
struct code_protections {
	uintptr_t lo, hi;
	int prot;
	int maps_state; /* 0: not read, 1: read, -1: unreadable */
	struct maps maps;
};
void code_protections_end(struct code_protections *p);

/* Code given back to the program (instrumenter_restore_range): puts back
 * what every jump, short hop and hop pad that overlaps [p->lo, p->hi)
 * replaced, or ends less than a window before it, and forgets them. A
 * covering window's record and a hop's give back the site's trap, not its
 * syscall: the caller puts the syscall's own bytes back from the site
 * registry. Each write to a page not writable is made through a writable
 * moment. */
void code_patch_restore(struct code_protections *p);

/* The same for the prefixes of the syscall whose `0f 05` is at site. */
void code_patch_restore_prefixes(struct code_protections *p, uintptr_t site);

/* n bytes stored at at, as code_patch_restore stores them. */
void code_patch_put_back(struct code_protections *p, uintptr_t at,
			 const uint8_t *bytes, size_t n);

#endif
