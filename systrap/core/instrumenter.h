/* The page instrumenter: finds every syscall instruction in a region of
 * executable memory and replaces it with a trap, and, with jumps on, gives
 * it a jump to a trampoline of its own where one fits (jump_patch.h).
 *
 * Correct first: a `0f 05` byte pair is only a candidate, found at memchr
 * speed; it becomes a site only when decoding from the nearest known
 * instruction boundary before it (elf_boundaries.h) lands exactly on it and
 * the decoder says `syscall`. Decoding resumes from the previous candidate
 * when that is closer, so each function is decoded at most once. What the
 * analysis finds is cached per object (site_cache.h).
 * Then it patches: the pages holding sites are made writable without being
 * executable, the trap bytes and jumps written, and the exact original
 * protection put back. Nothing on the patching window calls libc, whose code may be one of
 * the pages being patched. */
#ifndef SYSTRAP_CORE_INSTRUMENTER_H
#define SYSTRAP_CORE_INSTRUMENTER_H

#include <stdint.h>

#include "systrap/arch/scratch_tls.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/elf_boundaries.h"

struct code_region {
	uintptr_t lo, hi;              /* the executable bytes to instrument */
	int prot;                      /* their protection, restored after */
	const struct elf_source *elf;  /* NULL: unknown code, decode from lo */
	struct elf_placement where;    /* where elf is mapped */
	const char *object;            /* path, for handlers ("" anonymous) */
	uintptr_t object_base;         /* load base, for object offsets */
};

struct instrument_result {
	unsigned long candidates; /* 0f 05 pairs seen */
	unsigned long sites;      /* syscall instructions patched */
	unsigned long rejected;   /* pairs inside other instructions or data */
	unsigned long failed;     /* sites found but not patchable */
	unsigned long jumps;      /* of the sites, those given a jump */
	unsigned long hops;       /* of the jumps, those by a short hop */
};

/* Chooses the trap planted from now on. */
void instrumenter_set_trap(enum arch_trap_kind kind);
const struct trap_encoding *instrumenter_trap(void);
/* Whether sites whose preceding instruction can move also get a jump to a
 * trampoline (the fast path, systrap/arch/jump_patch.h). */
void instrumenter_set_jumps(int on);
/* 2 or more: report each site left with only its signal trap. */
void instrumenter_set_debug(int level);

/* Attaching to a running process: its threads will resume at these pcs
 * (each thread's, and for one stopped in a syscall the syscall instruction
 * itself, where a restart goes back to). A site whose jump would write
 * bytes strictly inside an instruction a pc falls in keeps only its trap,
 * which replaces exactly the syscall instruction. pcs must outlive the
 * instrumenting. */
void instrumenter_avoid_pcs(const uintptr_t *pcs, int n);

/* Instruments r. Returns 0 or -errno (when no page could be patched).
 * Serialised internally; async-signal-safe. */
int instrument_region(const struct code_region *r,
		      struct instrument_result *result);

/* Instruments regions r[0..count) at start-up (one thread, before any of
 * them runs patched code): the analysis of the largest is shared with a
 * helper thread when it is big enough (two CPUs decode at once). results
 * and decoded (instructions decoded per region) may be NULL. Returns 0 or
 * the first error. */
int instrument_regions(const struct code_region *r, int count,
		       struct instrument_result *results,
		       unsigned long *decoded);

/* 0: instrument_regions makes no helper thread (SYSTRAP_ONE_THREAD=1, set
 * by a launcher attaching to a process that job control stopped: a new
 * thread would join the group stop and never be joined). */
void instrumenter_set_helper_thread(int allowed);

/* Whether [lo, hi) holds any candidate not yet patched (cheap pre-check). */
int region_has_candidates(uintptr_t lo, uintptr_t hi);

/* Instrumenting on first use (lazy_instrument.c): while on, a region
 * given to instrumenter_defer is patched a page at a time, as calls are
 * made from it. The caller keeps the process single-threaded meanwhile and
 * arms what brings each page's first call (Syscall User Dispatch). On for
 * `calls` calls (counted by instrumenter_lazy_tick); when it ends (the
 * budget spent, or instrumenter_lazy_finish) everything deferred is
 * patched and on_end is told how many cycles that took. */
void instrumenter_set_lazy(unsigned long calls, void (*on_end)(uint64_t cycles));
int instrumenter_lazy(void);
/* Calls left before the lazy phase ends: the fast path's one test. */
extern unsigned long instrumenter_lazy_calls_left;
/* One call made: counts it against the budget; 1 when the budget is
 * spent (the caller then calls instrumenter_lazy_finish, with the vector
 * state saved where the kernel did not save it). */
int instrumenter_lazy_tick(void);
/* Ends the lazy phase now (a thread is about to be made). */
void instrumenter_lazy_finish(void);
/* Takes r (a file's code, just mapped) to patch later: 1, or 0 when it
 * must be instrumented now (not lazy, no file, no cache key, table full). */
int instrumenter_defer(const struct code_region *r);
/* When addr lies in deferred code: patches the sites of its page (once;
 * a small region's all) and returns 1, or, at the first call from that
 * page of a region whose plan is not read yet, only notes it and returns
 * 2 (its next call patches it); else 0. */
int instrumenter_commit_page(uintptr_t addr);
/* Patches every deferred region overlapping [lo, hi) whole: its code is
 * about to be changed, moved or partly unmapped (but_inside: not those
 * wholly inside, which an unmap that succeeds forgets). */
void instrumenter_commit_overlapping(uintptr_t lo, uintptr_t hi,
				     int but_inside);
/* Forgets the deferred regions inside [lo, hi): unmapped. */
void instrumenter_forget_deferred(uintptr_t lo, uintptr_t hi);
/* Forgets the sites in [lo, hi): the code there is being unmapped. */
void instrumenter_forget_range(uintptr_t lo, uintptr_t hi);
/* [lo, hi) was just made writable, its protection prot now (an mprotect
 * adding PROT_WRITE: a W^X JIT about to edit code it ran, a live patcher,
 * ld.so's text relocations): every byte instrumenting wrote there is put
 * back, so that the program reads and edits its own code, and its sites
 * are forgotten.
 * Made executable again, the code is new code (new_code.c). A trampoline
 * of a site put back is not reused: each such round trip costs one. */
void instrumenter_restore_range(uintptr_t lo, uintptr_t hi, int prot);

/* The code in [old_lo, old_lo + old_len) was moved by mremap to new_lo
 * (new_len bytes now; the trap bytes moved with it): its sites move too. */
int instrumenter_region_moved(uintptr_t old_lo, size_t old_len,
			      uintptr_t new_lo, size_t new_len);

/* The object a site belongs to. */
const char *instrumenter_object_path(uint32_t object);
uintptr_t instrumenter_object_base(uint32_t object);

/* Totals since start. */
void instrumenter_totals(struct instrument_result *out,
			 unsigned long *regions);

/* Serialises every change to code or to the site registry. Blocks all
 * signals while held, so a handler on this thread cannot deadlock on it. */
void instrumenter_lock(uint64_t *saved_mask);
void instrumenter_unlock(const uint64_t *saved_mask);

/* The same inside a scratch TLS scope (systrap/arch/scratch_tls.h): where
 * its enter blocked every signal already, the lock alone, without a second
 * pair of sigprocmasks (two system calls at each page patched lazily). */
void instrumenter_lock_within(const struct arch_scratch_tls *tls,
			      uint64_t *saved_mask);
void instrumenter_unlock_within(const struct arch_scratch_tls *tls,
				const uint64_t *saved_mask);

#endif
