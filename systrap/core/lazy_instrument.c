/* lazy_instrument: code a single-threaded process maps is instrumented a
 * page at a time, when a call is first made from that page, rather than all
 * at once when it is mapped. A short-lived program uses a few of libc's 85
 * pages that hold sites (/bin/true: one), and patching the rest cost most
 * of a traced exec's instrumenting (docs/DESIGN.md, "Instrumenting on first
 * use").
 *
 * What brings the first call from a deferred page is Syscall User Dispatch
 * (sealed.h), armed by the caller for as long as anything is deferred: the
 * kernel dispatches it, the hooks see it whole, then its page is patched.
 * Patching needs no other thread to run the code (a page is non-executable
 * while written), so a thread (or any child sharing our memory and running
 * alongside) ends the lazy phase: everything left is patched before the
 * clone is made. So does a budget of calls: dispatch, armed, costs every
 * call ~36 ns here, and past the budget patching the rest is cheaper. */
#include "systrap/core/instrumenter_parts.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "systrap/arch/cycles.h"
#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/scratch_tls.h"
#include "systrap/core/site_registry.h"

/* A region mapped and not yet patched whole. */
struct deferred {
	struct code_region r;
	char path[256];
	struct site_cache_key key;
	int cacheable;        /* key is the site cache's (else identity only) */
	int loaded;           /* a holds the region's plan */
	int in_memory;        /* the vDSO: no file; its bytes are its ELF
				 image, and its key (their hash) is taken
				 when the plan is needed */
	int counted;          /* its candidates are in the totals */
	struct analysis a;
	uint8_t *done;        /* per planned site: patched (or given up) */
};

#define MAX_DEFERRED 32
/* Page-aligned: a start's few entries touch one page, not two. */
static struct deferred deferred[MAX_DEFERRED] __attribute__((aligned(4096)));
static int deferred_count;
/* Moves at every change of which regions are deferred or loaded (always
 * under the lock, every signal blocked), so that a page's first call can
 * be noted without them (instrumenter_commit_page): the lazy phase has one
 * thread, so only a signal handler of ours can change them under a
 * reader, and it does so whole, before the reader looks again. */
static unsigned deferred_gen;

static void deferred_changed(void)
{
	__atomic_store_n(&deferred_gen,
			 __atomic_load_n(&deferred_gen, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELEASE);
}

unsigned long instrumenter_lazy_calls_left;
static void (*lazy_end)(uint64_t cycles);

void instrumenter_set_lazy(unsigned long calls, void (*on_end)(uint64_t cycles))
{
	lazy_end = on_end;
	__atomic_store_n(&instrumenter_lazy_calls_left, calls, __ATOMIC_RELEASE);
}

int instrumenter_lazy(void)
{
	return __atomic_load_n(&instrumenter_lazy_calls_left, __ATOMIC_ACQUIRE) != 0;
}

/* The identity of the file open as fd (device, inode, size, mtime) in
 * key, as the site cache keys it; 0 when it is not a regular file. */
static int file_identity(long fd, struct site_cache_key *key)
{
	struct stat st;
	if (raw_syscall2(SYS_fstat, fd, (long)&st) || !S_ISREG(st.st_mode))
		return 0;
	key->dev = st.st_dev;
	key->ino = st.st_ino;
	key->size = (uint64_t)st.st_size;
	key->mtime_sec = (uint64_t)st.st_mtim.tv_sec;
	key->mtime_nsec = (uint64_t)st.st_mtim.tv_nsec;
	return 1;
}

/* r's key without a cache: its file's identity and its part of it. */
static int identify(const struct code_region *r, struct site_cache_key *key)
{
	key->offset = r->where.map_offset + (r->lo - r->where.map_start);
	key->length = r->hi - r->lo;
	return file_identity(r->elf->fd, key);
}

/* Whether r is the vDSO: code with no file whose ELF image is its bytes. */
static int is_vdso(const struct code_region *r)
{
	static const char name[] = "[vdso]";
	if (!r->elf || r->elf->fd >= 0 || !r->elf->image || !r->object)
		return 0;
	for (size_t i = 0; i < sizeof name; i++)
		if (r->object[i] != name[i])
			return 0;
	return 1;
}

int instrumenter_defer(const struct code_region *r)
{
	int vdso = is_vdso(r);
	if (!instrumenter_lazy() || !r->elf || (r->elf->fd < 0 && !vdso) ||
	    !r->object || (r->object[0] != '/' && !vdso))
		return 0;
	uint64_t mask;
	instrumenter_lock(&mask);
	int ok = 0;
	if (deferred_count < MAX_DEFERRED) {
		struct deferred *d = &deferred[deferred_count];
		*d = (struct deferred){.r = *r, .in_memory = vdso};
		/* The cache's key now, while the file is open: the plan is
		 * loaded by it later, long after the loader closed it. With
		 * no cache, the same facts say whether a file opened again
		 * by its name is still the one mapped. The vDSO's bytes are
		 * hashed only if its plan is ever needed (most processes
		 * never call its syscall fallbacks): until then they are as
		 * the kernel mapped them. */
		if (!vdso)
			d->cacheable = analysis_cache_key(r, &d->key);
		if (vdso || d->cacheable || identify(r, &d->key)) {
			size_t n = 0;
			for (; r->object[n] && n < sizeof d->path - 1; n++)
				d->path[n] = r->object[n];
			d->path[n] = 0;
			if (!r->object[n]) {
				d->r.object = d->path;
				d->r.elf = 0;
				deferred_count++;
				deferred_changed();
				ok = 1;
			}
		}
	}
	instrumenter_unlock(&mask);
	return ok;
}

/* The file of d as keyed, opened again for its ELF tables; -1 when it is
 * gone or another file now has its name. */
static int reopen(const struct deferred *d)
{
	long fd = raw_openat(AT_FDCWD, d->path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct site_cache_key now = d->key;
	if (!file_identity(fd, &now) || now.dev != d->key.dev ||
	    now.ino != d->key.ino || now.size != d->key.size ||
	    now.mtime_sec != d->key.mtime_sec ||
	    now.mtime_nsec != d->key.mtime_nsec) {
		raw_close((int)fd);
		return -1;
	}
	return (int)fd;
}

/* d's plan: from the site cache, else decoded (with its file's ELF
 * tables when the file is still the one mapped) and cached. Caller holds
 * the lock. Returns 0, or -1 when there is none to be had. */
static int load(struct deferred *d)
{
	if (d->loaded)
		return d->a.failed ? -1 : 0;
	d->loaded = 1;
	deferred_changed();
	analysis_init(&d->a, &d->r, 0);
	if (d->in_memory)
		d->cacheable = analysis_cache_key(&d->r, &d->key);
	if (!d->cacheable || !analysis_from_cache(&d->a, &d->key)) {
		struct elf_source src = {-1, 0, 0, 1};
		if (d->in_memory) {
			src.image = (const uint8_t *)d->r.lo;
			src.image_size = d->r.hi - d->r.lo;
			src.map_whole = 0;
		} else {
			src.fd = reopen(d);
		}
		d->r.elf = src.fd >= 0 || d->in_memory ? &src : 0;
		/* Capstone may use vector registers: every caller has them
		 * saved already (a SIGSYS's frame; the fast path saves them
		 * around intercepted calls and the budget's end while lazy),
		 * so no second XSAVE area goes on a small alternate stack. */
		analysis_run(&d->a);
		if (!d->a.failed && (src.fd >= 0 || d->in_memory) &&
		    d->cacheable)
			analysis_store_in_cache(&d->r, &d->key, d->a.sites,
						d->a.n, &d->a.res,
						&d->a.scratch);
		d->r.elf = 0;
		if (src.image && !d->in_memory) /* the file mapped whole */
			raw_syscall2(SYS_munmap, (long)src.image,
				     (long)src.image_size);
		if (src.fd >= 0)
			raw_close(src.fd);
	}
	if (!d->a.failed && d->a.n) {
		d->done = arena_alloc(&d->a.scratch, d->a.n);
		if (!d->done)
			d->a.failed = 1;
		for (size_t i = 0; d->done && i < d->a.n; i++)
			d->done[i] = 0;
	}
	return d->a.failed ? -1 : 0;
}

/* Patches d's planned sites [i, j), none of them done yet. */
static void commit(struct deferred *d, size_t i, size_t j)
{
	struct analysis part = d->a;
	part.sites = d->a.sites + i;
	part.n = j - i;
	part.res = (struct instrument_result){0};
	if (!d->counted) {
		part.res.candidates = d->a.res.candidates;
		part.res.rejected = d->a.res.rejected;
		d->counted = 1;
	}
	analysis_commit(&part, &d->key, 0);
	for (size_t k = i; k < j; k++)
		d->done[k] = 1;
}

static void drop(int k)
{
	arena_reset(&deferred[k].a.scratch);
	deferred[k] = deferred[deferred_count - 1];
	deferred_count--;
	deferred_changed();
	/* A moved entry's pointers into itself follow it. */
	if (k < deferred_count) {
		deferred[k].a.r = &deferred[k].r;
		deferred[k].r.object = deferred[k].path;
	}
}

/* Patches everything left of deferred[k] and forgets it. Caller holds the
 * lock. */
static void commit_whole(int k)
{
	struct deferred *d = &deferred[k];
	if (!load(d)) {
		size_t i = 0;
		while (i < d->a.n) {
			while (i < d->a.n && d->done[i])
				i++;
			size_t j = i;
			while (j < d->a.n && !d->done[j])
				j++;
			if (j > i)
				commit(d, i, j);
			i = j;
		}
	}
	drop(k);
}

static int find(uintptr_t addr)
{
	for (int k = 0; k < deferred_count; k++)
		if (addr >= deferred[k].r.lo && addr < deferred[k].r.hi)
			return k;
	return -1;
}

/* A region whose planned sites lie on this many pages or fewer is patched
 * whole at its first patch (the vDSO: its sites share a page); any other
 * one a page at a time, as called from. The dynamic loader used to be
 * patched whole as a small region (46 sites): under the image it makes
 * its ~30 calls from four of its pages, and a batch was thought cheaper
 * than four pages one by one. It wrote all 14 of its pages with sites
 * instead of the three a page at a time patches (a page's first call is
 * only noted until the plan is read); on a guest where a
 * written page costs ~11 us and each mprotect a flush of the shadow page
 * tables that cost 0.8 ms of a 13 ms traced /bin/true (docs/PERFORMANCE.md,
 * "The dynamic loader patched a page at a time"). A page on its own costs
 * one more SIGSYS (~3 us on a KVM guest) than in a batch: the loss is
 * bounded where the batch was cheaper, the gain is not. */
#define SMALL_REGION_PAGES 2

/* Whether a's sites (in address order) lie on SMALL_REGION_PAGES pages
 * or fewer. */
static int on_few_pages(const struct analysis *a)
{
	int pages = 0;
	uintptr_t last = 0;
	for (size_t i = 0; i < a->n; i++) {
		uintptr_t page = ARCH_PAGE_DOWN(a->sites[i].site);
		if (pages && page == last)
			continue;
		if (++pages > SMALL_REGION_PAGES)
			return 0;
		last = page;
	}
	return 1;
}

/* The pages of deferred code a call came from once: the next call from
 * one patches it. Most pages a program calls from it calls from again
 * (a loop, a library's next call), and those a start-up calls from once
 * (libc's prlimit64 and exit_group in /bin/true) then cost a SIGSYS each
 * and never their region's plan: no read of it, and no decode of libc
 * when the site cache is cold. Full, a page is patched at its first call
 * as before. Under 2 KiB, among the small variables a start touches
 * (build_defs/image_section_order.txt). Written without the lock
 * (instrumenter_commit_page): a handler of ours that notes pages in the
 * middle of another note may have its notes undone by it (each such page
 * then costs one more SIGSYS), never a write past the end. */
#define SEEN_ONCE_MAX 128
static uintptr_t seen_once[SEEN_ONCE_MAX];
static int seen_once_count;

/* Whether page was called from before; records it if not (and there is
 * room: else 1, patch it now). */
static int seen_before(uintptr_t page)
{
	/* Read once: a nested note between two reads could index past
	 * the end. */
	int n = __atomic_load_n(&seen_once_count, __ATOMIC_RELAXED);
	for (int i = 0; i < n; i++)
		if (seen_once[i] == page)
			return 1;
	if (n >= SEEN_ONCE_MAX)
		return 1;
	seen_once[n] = page;
	__atomic_store_n(&seen_once_count, n + 1, __ATOMIC_RELAXED);
	return 0;
}

int instrumenter_commit_page(uintptr_t addr)
{
	if (!__atomic_load_n(&deferred_count, __ATOMIC_ACQUIRE))
		return 0;
	/* A page's first call is only noted, and a call from code not
	 * deferred is left to the caller: both without the lock, whose
	 * signal block costs two system calls. The lazy phase has one
	 * thread; a handler of ours that changed the regions meanwhile
	 * moved deferred_gen, and the answer is then taken again under the
	 * lock (where the page, noted just now, is patched at once). */
	unsigned gen = __atomic_load_n(&deferred_gen, __ATOMIC_ACQUIRE);
	int at = find(addr);
	int noted = at >= 0 && !deferred[at].loaded &&
		    !seen_before(ARCH_PAGE_DOWN(addr));
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(&deferred_gen, __ATOMIC_ACQUIRE) == gen) {
		if (noted)
			return 2;
		if (at < 0)
			return 0;
	}
	/* The patch: under the lock, on the scratch TLS (its three
	 * arch_prctls are ~11 us where an FS access is a hypercall,
	 * docs/PERFORMANCE.md), which takes the lock's signal block as its
	 * own rather than asking for it again. */
	uint64_t mask;
	instrumenter_lock(&mask);
	int k = find(addr);
	if (k < 0 || (!deferred[k].loaded &&
		      !seen_before(ARCH_PAGE_DOWN(addr)))) {
		instrumenter_unlock(&mask);
		return k < 0 ? 0 : 2;
	}
	struct arch_scratch_tls tls;
	arch_scratch_tls_enter_blocked(&tls, mask);
	{
		struct deferred *d = &deferred[k];
		uintptr_t page = ARCH_PAGE_DOWN(addr);
		if (load(d)) {
			drop(k);
		} else if (on_few_pages(&d->a)) {
			commit_whole(k);
		} else {
			/* Sites are in address order: the page's are a run. */
			size_t i = 0, lo = 0, hi = d->a.n;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (d->a.sites[mid].site < page)
					lo = mid + 1;
				else
					hi = mid;
			}
			i = lo;
			size_t j = i;
			while (j < d->a.n && d->a.sites[j].site < page + ARCH_PAGE)
				j++;
			if (j > i && !d->done[i])
				commit(d, i, j);
		}
	}
	instrumenter_unlock_within(&tls, &mask);
	arch_scratch_tls_leave(&tls);
	return 1;
}

/* Whether any deferred region overlaps [lo, hi) (a quick look first:
 * every mmap, mprotect and munmap asks). */
static int any_overlapping(uintptr_t lo, uintptr_t hi)
{
	int n = __atomic_load_n(&deferred_count, __ATOMIC_ACQUIRE);
	for (int k = 0; k < n; k++)
		if (lo < deferred[k].r.hi && deferred[k].r.lo < hi)
			return 1;
	return 0;
}

void instrumenter_commit_overlapping(uintptr_t lo, uintptr_t hi,
				     int but_inside)
{
	if (!any_overlapping(lo, hi))
		return;
	struct arch_scratch_tls tls;
	arch_scratch_tls_enter(&tls);
	uint64_t mask;
	instrumenter_lock_within(&tls, &mask);
	for (int k = 0; k < deferred_count;)
		if (lo < deferred[k].r.hi && deferred[k].r.lo < hi &&
		    !(but_inside && lo <= deferred[k].r.lo &&
		      deferred[k].r.hi <= hi))
			commit_whole(k); /* deferred[k] is another one now */
		else
			k++;
	instrumenter_unlock_within(&tls, &mask);
	arch_scratch_tls_leave(&tls);
}

void instrumenter_forget_deferred(uintptr_t lo, uintptr_t hi)
{
	if (!any_overlapping(lo, hi))
		return;
	uint64_t mask;
	instrumenter_lock(&mask);
	for (int k = 0; k < deferred_count;)
		if (lo <= deferred[k].r.lo && deferred[k].r.hi <= hi)
			drop(k);
		else
			k++;
	instrumenter_unlock(&mask);
}

void instrumenter_lazy_finish(void)
{
	if (!instrumenter_lazy())
		return;
	__atomic_store_n(&instrumenter_lazy_calls_left, 0, __ATOMIC_RELEASE);
	uint64_t t0 = arch_cycles();
	instrumenter_commit_overlapping(0, UINTPTR_MAX, 0);
	if (lazy_end)
		lazy_end(arch_cycles() - t0);
}

int instrumenter_lazy_tick(void)
{
	unsigned long left = __atomic_load_n(&instrumenter_lazy_calls_left,
					     __ATOMIC_RELAXED);
	if (left > 1)
		__atomic_store_n(&instrumenter_lazy_calls_left, left - 1,
				 __ATOMIC_RELAXED);
	return left == 1;
}
