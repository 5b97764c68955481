/* New code: memory made executable (mmap, mprotect, the grown part of an
 * mremap) is instrumented before the program can run it; code made
 * writable again is given back as the program wrote it; code unmapped or
 * moved is forgotten or followed; in sealed mode, a site the kernel
 * dispatched is rewritten where that is safe. */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "systrap/arch/cycles.h"
#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/instrumenter.h"
#include "systrap/core/intercept_parts.h"
#include "systrap/core/maps.h"
#include "systrap/core/safe_memory.h"
#include "systrap/core/site_registry.h"
#include "systrap/core/thread_block.h"

#ifndef MREMAP_FIXED
#define MREMAP_FIXED 2
#endif

/* ---- new code: mmap and mprotect that make memory executable ---- */

static void instrument_new_code_now(uintptr_t lo, size_t len, int prot,
				    int fd, uint64_t offset);

/* Timed, so that tools can leave it out of the call's duration. */
static void instrument_new_code(uintptr_t lo, size_t len, int prot, int fd,
				uint64_t offset)
{
	uint64_t t0 = arch_cycles();
	instrument_new_code_now(lo, len, prot, fd, offset);
	thread_block_current()->own_work_cycles += arch_cycles() - t0;
}

static void instrument_new_code_now(uintptr_t lo, size_t len, int prot,
				    int fd, uint64_t offset)
{
	uintptr_t hi = lo + ARCH_PAGE_UP(len);
	if (fd >= 0) {
		/* Pages past the end of the file would raise SIGBUS. */
		struct stat st;
		if (raw_syscall2(SYS_fstat, fd, (long)&st) ||
		    (uint64_t)st.st_size <= offset)
			return;
		if ((uint64_t)st.st_size - offset < hi - lo)
			hi = lo + (uintptr_t)(st.st_size - offset);
	}
	/* Lazy: a file's code is patched a page at a time, as it is used
	 * (instrumenter.h); not even looked at now. */
	int lazy = fd >= 0 && instrumenter_lazy();
	if (!(prot & PROT_READ) || (!lazy && !region_has_candidates(lo, hi)))
		return;
	struct elf_source src = {fd, 0, 0, 0};
	struct code_region r = {
		.lo = lo,
		.hi = hi,
		.prot = prot,
		.elf = fd >= 0 ? &src : 0,
		.where = {lo, offset},
		.object = "",
		.object_base = lo,
	};
	char path[256];
	if (fd >= 0) {
		char link[32] = "/proc/self/fd/";
		int n = 14, v = fd, digits = 1;
		for (int t = v; t >= 10; t /= 10)
			digits++;
		for (int i = digits - 1; i >= 0; i--, v /= 10)
			link[n + i] = (char)('0' + v % 10);
		link[n + digits] = 0;
		long len_ = raw_readlinkat(AT_FDCWD, link, path,
					   sizeof path - 1);
		if (len_ > 0) {
			path[len_] = 0;
			r.object = path;
			r.object_base = lo - offset;
		}
	}
	if (lazy && instrumenter_defer(&r))
		return;
	if (lazy && !region_has_candidates(lo, hi))
		return;
	instrument_region(&r, 0);
}

/* Code deferred for lazy instrumenting that a call is about to change is
 * patched whole first (instrumenter_commit_overlapping), as if it had never
 * been deferred; but what an unmap covers wholly waits for the unmap's
 * result: if it succeeded (munmap, MAP_FIXED, MREMAP_FIXED's target), the
 * deferred code wholly inside it is gone. */
static void forgotten_if(long result, uintptr_t lo, uintptr_t hi)
{
	if (!raw_is_error(result))
		instrumenter_forget_deferred(lo, hi);
}

/* A fresh mapping is not yet known to the program, so it can be patched
 * after mmap returns and before anyone runs it. */
void perform_mmap(struct systrap_call *c)
{
	uintptr_t fixed_lo = (uintptr_t)c->args[0];
	uintptr_t fixed_hi = fixed_lo + ARCH_PAGE_UP((size_t)c->args[1]);
	int fixed = (c->args[3] & MAP_FIXED) != 0;
	if (fixed)
		instrumenter_commit_overlapping(fixed_lo, fixed_hi, 1);
	c->result = raw6(c);
	if (fixed)
		forgotten_if(c->result, fixed_lo, fixed_hi);
	int prot = (int)c->args[2];
	if (raw_is_error(c->result))
		return;
	/* A fixed mapping replaces whatever code was there: its sites (and
	 * a pool of trampolines wholly inside) go with it. */
	if (c->args[3] & MAP_FIXED)
		instrumenter_forget_range((uintptr_t)c->result,
					  (uintptr_t)c->result +
						  ARCH_PAGE_UP((size_t)c->args[1]));
	if (!(prot & PROT_EXEC))
		return;
	uintptr_t lo = (uintptr_t)c->result;
	if (!(prot & PROT_READ) &&
	    !safe_pages_readable(lo, lo + ARCH_PAGE_UP((size_t)c->args[1])))
		return; /* execute-only (safe_memory.h) */
	int anon = (c->args[3] & MAP_ANONYMOUS) != 0;
	instrument_new_code(lo, (size_t)c->args[1],
			    prot | PROT_READ, anon ? -1 : (int)c->args[4],
			    anon ? 0 : (uint64_t)c->args[5]);
}

/* [lo, hi), made executable by an mprotect (prot asked) and staged RW
 * with prot `staging` meanwhile: each part that maps a file is
 * instrumented with that file's ELF information, so that only its
 * executable sections are code (a page of .rodata made executable holds no
 * sites, whatever its constants' bytes: decoded from the page's start, as
 * anonymous code is, a constant's 0f 05 was patched); the rest as
 * anonymous code. A file's part is given the asked protection to put back
 * (lazily, it is patched at its first call, after the mprotect). */
static void instrument_made_executable(uintptr_t lo, uintptr_t hi,
				       int staging, int asked)
{
	struct maps m;
	if (maps_read(&m)) {
		instrument_new_code(lo, hi - lo, staging, -1, 0);
		return;
	}
	uintptr_t at = lo;
	for (size_t i = 0; i < m.count && at < hi; i++) {
		const struct mapping *e = &m.entries[i];
		if (e->end <= at || e->start >= hi)
			continue;
		uintptr_t a = e->start > at ? e->start : at;
		uintptr_t b = e->end < hi ? e->end : hi;
		if (a > at)
			instrument_new_code(at, a - at, staging, -1, 0);
		long fd = -1;
		if (e->path[0] == '/' && !e->shared)
			fd = raw_openat(AT_FDCWD, e->path, O_RDONLY | O_CLOEXEC,
					0);
		if (fd >= 0)
			instrument_new_code(a, b - a, asked | PROT_READ, (int)fd,
					    e->offset + (a - e->start));
		else
			instrument_new_code(a, b - a, staging, -1, 0);
		if (fd >= 0)
			raw_close((int)fd);
		at = b;
	}
	if (at < hi)
		instrument_new_code(at, hi - at, staging, -1, 0);
	maps_free(&m);
}

/* Memory becoming executable (a JIT's RW -> RX flip) is patched while it is
 * still not executable: made RW, patched, then given the asked protection.
 * Code made writable and not executable (the other half of W^X: a JIT
 * about to edit code it ran, a live patcher, ld.so's text relocations) is
 * given back as the program wrote it, once the kernel has made it
 * writable: otherwise the program would read our jumps and edit them as
 * its own instructions (an immediate changed inside a jump's rel32), and
 * the old trampoline would run the old instructions. Code made writable
 * and executable at once keeps its patches (an RWX JIT: "Known limits"). */
void perform_mprotect(struct systrap_call *c)
{
	int prot = (int)c->args[2]; /* also pkey_mprotect's */
	uintptr_t lo = (uintptr_t)c->args[0];
	size_t len = (size_t)c->args[1];
	instrumenter_commit_overlapping(lo, lo + ARCH_PAGE_UP(len), 0);
	if ((prot & PROT_EXEC) && !(lo & (ARCH_PAGE - 1)) && len) {
		uintptr_t hi = lo + ARCH_PAGE_UP(len);
		char probe;
		/* Readable now and holding new candidates? Then patch first. */
		if (safe_read(&probe, lo, 1) == 1 &&
		    safe_read(&probe, hi - 1, 1) == 1 &&
		    region_has_candidates(lo, hi)) {
			int staging = (prot & ~PROT_EXEC) | PROT_READ | PROT_WRITE;
			if (raw_mprotect((void *)lo, len, staging) == 0)
				instrument_made_executable(lo, hi, staging,
							   prot);
		}
	}
	c->result = raw6(c);
	if (!c->result && (prot & PROT_WRITE) && !(prot & PROT_EXEC) && len)
		instrumenter_restore_range(lo, lo + ARCH_PAGE_UP(len), prot);
}

void perform_munmap(struct systrap_call *c)
{
	uintptr_t lo = (uintptr_t)c->args[0];
	uintptr_t hi = lo + ARCH_PAGE_UP((size_t)c->args[1]);
	instrumenter_commit_overlapping(lo, hi, 1);
	c->result = raw6(c);
	forgotten_if(c->result, lo, hi);
	if (!c->result)
		instrumenter_forget_range(lo, lo + (size_t)c->args[1]);
}

/* Instruments [lo, hi) of mapping e (executable) as new code: with its
 * file's ELF information when it has a file; without one, up to the first
 * page from probe_from on that cannot be read (past the end of a file). */
static void instrument_part(const struct mapping *e, uintptr_t lo,
			    uintptr_t hi, uintptr_t probe_from)
{
	long fd = -1;
	if (e->path[0] == '/')
		fd = raw_openat(AT_FDCWD, e->path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0) {
		char probe;
		for (uintptr_t p = probe_from; p < hi; p += ARCH_PAGE)
			if (safe_read(&probe, p, 1) != 1) {
				hi = p;
				break;
			}
	}
	if (hi > lo && ((e->prot & PROT_READ) || safe_pages_readable(lo, hi)))
		instrument_new_code(lo, hi - lo, e->prot | PROT_READ, (int)fd,
				    e->offset);
	if (fd >= 0)
		raw_close((int)fd);
}

/* The mapping holding addr, from a fresh read of the maps (m, which the
 * caller frees), or NULL. */
static const struct mapping *mapping_at(struct maps *m, uintptr_t addr)
{
	if (maps_read(m)) {
		m->count = 0;
		m->entries = 0;
		m->text = 0;
		return 0;
	}
	for (size_t i = 0; i < m->count; i++)
		if (addr >= m->entries[i].start && addr < m->entries[i].end)
			return &m->entries[i];
	return 0;
}

/* The new pages of an executable mapping grown by mremap, [grown_lo, hi),
 * hold code nobody has seen yet: instrumented like a fresh mapping, from the
 * start of the mapping (the nearest place decoding is known to start in
 * step), with the file's ELF information when it has a file. */
static void instrument_grown(uintptr_t grown_lo, uintptr_t hi)
{
	struct maps m;
	const struct mapping *e = mapping_at(&m, grown_lo);
	if (e && (e->prot & PROT_EXEC))
		instrument_part(e, e->start, hi > e->end ? e->end : hi,
				grown_lo);
	if (m.entries)
		maps_free(&m);
}

/* ---- sealed mode: rewriting a site the kernel dispatched ---- */

/* Sites looked at and left alone (not an instruction start, or in code
 * that may change), so that each costs one look, not one per call. */
#define LEFT_ALONE 64
static uintptr_t left_alone[LEFT_ALONE];
static unsigned left_alone_next;

static int was_left_alone(uintptr_t site)
{
	for (int i = 0; i < LEFT_ALONE; i++)
		if (__atomic_load_n(&left_alone[i], __ATOMIC_RELAXED) == site)
			return 1;
	return 0;
}

static void leave_alone(uintptr_t site)
{
	unsigned i = __atomic_fetch_add(&left_alone_next, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&left_alone[i % LEFT_ALONE], site, __ATOMIC_RELAXED);
}


void intercept_rewrite_dispatched(uintptr_t site)
{
	struct trap_site known;
	if (was_left_alone(site) || site_registry_find(site, &known))
		return;
	/* Deferred code (lazy instrumenting): its page is patched now, or
	 * at its next call (2: nothing done yet, the site not left alone). */
	int deferred = instrumenter_commit_page(site);
	if (deferred) {
		if (deferred == 1 && !site_registry_find(site, &known))
			leave_alone(site);
		return;
	}
	/* Patching makes the page writable without execute for a moment: no
	 * other thread may be running there. */
	if (!single_threaded()) {
		leave_alone(site);
		return;
	}
	struct maps m;
	const struct mapping *e = mapping_at(&m, site);
	/* Only code nobody can change under us: private (no alias writes
	 * into it), and not writable (a JIT's RWX region). */
	if (e && (e->prot & PROT_EXEC) && !(e->prot & PROT_WRITE) && !e->shared)
		instrument_part(e, e->start, e->end, e->start);
	if (m.entries)
		maps_free(&m);
	/* Not an instruction start per the decoder: left as it is. */
	if (!site_registry_find(site, &known))
		leave_alone(site);
}

/* mremap moves instrumented code, trap bytes and all: its sites must follow
 * it. What the kernel unmapped (a shrunk tail; whatever MREMAP_FIXED
 * replaced at the target) is forgotten, and the new part of a grown
 * executable mapping is instrumented. */
void perform_mremap(struct systrap_call *c)
{
	uintptr_t old_lo = (uintptr_t)c->args[0];
	size_t old_len = ARCH_PAGE_UP((size_t)c->args[1]);
	size_t new_len = ARCH_PAGE_UP((size_t)c->args[2]);
	/* Deferred code that moves or shrinks is patched first: its sites
	 * then move as any others do. */
	instrumenter_commit_overlapping(old_lo, old_lo + old_len, 0);
	if (c->args[3] & MREMAP_FIXED)
		instrumenter_commit_overlapping((uintptr_t)c->args[4],
						(uintptr_t)c->args[4] + new_len,
						1);
	c->result = raw6(c);
	if (c->args[3] & MREMAP_FIXED)
		forgotten_if(c->result, (uintptr_t)c->args[4],
			     (uintptr_t)c->args[4] + new_len);
	/* old_len 0 maps the same shared pages a second time: see the limits
	 * in docs/DESIGN.md. */
	if (raw_is_error(c->result) || !old_len)
		return;
	uintptr_t new_lo = (uintptr_t)c->result;
	if (new_len < old_len)
		instrumenter_forget_range(old_lo + new_len, old_lo + old_len);
	if (new_lo != old_lo) {
		/* A move never overlaps the old range; its target held
		 * nothing, or what MREMAP_FIXED just unmapped. */
		instrumenter_forget_range(new_lo, new_lo + new_len);
		instrumenter_region_moved(old_lo, old_len, new_lo, new_len);
	}
	if (new_len > old_len)
		instrument_grown(new_lo + old_len, new_lo + new_len);
}
