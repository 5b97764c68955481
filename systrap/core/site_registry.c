#include "systrap/core/site_registry.h"

#include <stddef.h>

#include <errno.h>

#include <sys/mman.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/spin.h"

/* Open addressing with linear probing, slots of 32 bytes, populated when
 * grown: sites hash all over the table, and taking its pages in one
 * madvise is far cheaper than a page fault per site. The table
 * starts at 2^7 slots (one 4 KiB page) and doubles whenever it would be
 * over three quarters full, up to 2^14 (512 KiB): a table's first touch of
 * each page costs, even populated, and sites hash to every page of it (on
 * a KVM guest a sixth of a traced /bin/true's start-up went to probing a
 * 512 KiB table from the start; on a shadow-paging guest 2^11 slots, which
 * a lazily patched /bin/true's ~60 sites touched on nearly all 16 pages,
 * still cost ~80 us a start, every sample on the first load of a page).
 * A table outgrown stays mapped (a reader on another thread may still be
 * reading it; it then sees the version move and looks again in the new
 * one): at most 508 KiB, once. Every size has its place in one range
 * reserved at the start (PROT_NONE, no memory: 4 KiB, then 8 KiB, ... up
 * to 512 KiB, 1020 KiB in all), and a table grows into its place there
 * (made writable in place, populated):
 * a mapping made while the program runs could land where the program has
 * just unmapped something and expects nothing (its next write there would
 * succeed, not fail with EFAULT as natively).
 *
 * Removal shifts the rest of the probe chain back (no tombstones), so the
 * table never fills with the ghosts of removed sites: a JIT that maps,
 * runs and unmaps code at ever new addresses keeps probes as short as its
 * live sites make them, and at most MAX_FILL slots are ever occupied, so
 * every probe meets an empty slot.
 *
 * Writers are serialised by the instrumenter's lock and block every signal
 * while they hold it. Readers take no lock: they run in the trap handler,
 * on any thread. A shift moves a live entry, so a reader could pass over
 * it mid-move; every change is therefore made between two increments of
 * `version` (odd while a change is under way, a seqlock), and a reader
 * copies what it found out and tries again if the version moved. */
#define MIN_SLOTS_LOG2 7
#define MAX_SLOTS_LOG2 14
#define SLOTS (1u << MAX_SLOTS_LOG2)
#define MAX_FILL (SLOTS / 4 * 3)
#define EMPTY 0

/* Table 2^k lies at reserved + (2^k - 2^MIN_SLOTS_LOG2) slots. */
#define RESERVED_SLOTS ((1u << (MAX_SLOTS_LOG2 + 1)) - (1u << MIN_SLOTS_LOG2))
static struct trap_site *reserved;

static struct trap_site *place_of(unsigned slots)
{
	return reserved + (slots - (1u << MIN_SLOTS_LOG2));
}

/* The table of that many slots in its place: its address, or -ENOMEM.
 * Made writable in place (mprotect), never mapped over with MAP_FIXED: a
 * MAP_FIXED that fails may have unmapped the place first (kernels before
 * 6.12), leaving a hole that the program's next mmap could take and a
 * later grow would then map over. */
static long map_table(unsigned slots)
{
	long bytes = (long)(sizeof(struct trap_site) * slots);
	if (raw_is_error(raw_mprotect(place_of(slots), (size_t)bytes,
				      PROT_READ | PROT_WRITE)))
		return -ENOMEM;
	/* A grown table's pages taken in one call, not a fault each (the
	 * first table's one page is one fault either way). Where the kernel
	 * has no MADV_POPULATE_WRITE (before 5.14) they fault in as used. */
	if (slots > (1u << MIN_SLOTS_LOG2))
		raw_syscall3(SYS_madvise, (long)place_of(slots), bytes,
			     MADV_POPULATE_WRITE);
	return (long)place_of(slots);
}

/* The writers' view (they hold the instrumenter's lock) ... */
static struct trap_site *table;
static unsigned slot_mask;
/* ... and the readers': the table's address (page-aligned) with the log2
 * of its slot count in the low bits, one word so that both change at once. */
static uintptr_t published;
static unsigned long count;
static unsigned long version;

/* Every page (address >> ARCH_PAGE_SHIFT, modulo PAGE_SEEN_BITS) that ever held a site: a
 * remove of an address whose bit is clear needs no probe of the table.
 * The instrumenter removes every candidate it meets before judging it
 * (a stale entry of rewritten code), nearly always in fresh code: each
 * such probe was a miss on a random page of the 512 KiB table, a TLB and
 * cache miss each (4% of a traced /bin/true's start-up under -f). Bits
 * are never cleared: an address may be looked up in vain, never missed. */
#define PAGE_SEEN_BITS 4096u
static uint64_t page_seen[PAGE_SEEN_BITS / 64];

static unsigned page_bit(uintptr_t addr)
{
	return (unsigned)(addr >> ARCH_PAGE_SHIFT) & (PAGE_SEEN_BITS - 1);
}

int site_registry_init(void)
{
	if (table)
		return 0;
	long r = raw_mmap(0, sizeof *table * RESERVED_SLOTS, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (raw_is_error(r))
		return -ENOMEM;
	reserved = (struct trap_site *)r;
	r = map_table(1u << MIN_SLOTS_LOG2);
	if (raw_is_error(r)) {
		raw_munmap(reserved, sizeof *table * RESERVED_SLOTS);
		reserved = 0;
		return -ENOMEM;
	}
	table = (struct trap_site *)r;
	slot_mask = (1u << MIN_SLOTS_LOG2) - 1;
	__atomic_store_n(&published, (uintptr_t)r | MIN_SLOTS_LOG2,
			 __ATOMIC_RELEASE);
	return 0;
}

static unsigned hash_in(uintptr_t addr, unsigned mask)
{
	uint64_t h = addr * 0x9e3779b97f4a7c15ULL;
	return (unsigned)(h >> 48) & mask;
}

static unsigned hash(uintptr_t addr)
{
	return hash_in(addr, slot_mask);
}

static unsigned next(unsigned i)
{
	return (i + 1) & slot_mask;
}

static void write_begin(void)
{
	__atomic_store_n(&version, version + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void write_end(void)
{
	__atomic_store_n(&version, version + 1, __ATOMIC_RELEASE);
}

/* Field by field, with relaxed atomic loads and stores: readers may copy a
 * slot while it is written (they then see the version move and retry), and
 * a plain struct copy could become a memcpy call, which the trap path must
 * not make. */
static void copy_site(struct trap_site *to, const struct trap_site *from)
{
	__atomic_store_n(&to->addr, __atomic_load_n(&from->addr, __ATOMIC_RELAXED),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&to->resume_to,
			 __atomic_load_n(&from->resume_to, __ATOMIC_RELAXED),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&to->object,
			 __atomic_load_n(&from->object, __ATOMIC_RELAXED),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&to->nr, __atomic_load_n(&from->nr, __ATOMIC_RELAXED),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&to->role, __atomic_load_n(&from->role, __ATOMIC_RELAXED),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&to->kind, __atomic_load_n(&from->kind, __ATOMIC_RELAXED),
			 __ATOMIC_RELAXED);
	for (int k = 0; k < 2; k++)
		__atomic_store_n(&to->original[k],
				 __atomic_load_n(&from->original[k],
						 __ATOMIC_RELAXED),
				 __ATOMIC_RELAXED);
	__atomic_store_n(&to->child, __atomic_load_n(&from->child, __ATOMIC_RELAXED),
			 __ATOMIC_RELAXED);
}

/* copy_site names every field: one added to struct trap_site must be
 * added there too (this fails first). */
_Static_assert(offsetof(struct trap_site, child) + sizeof(uint8_t) ==
		       sizeof(uintptr_t) * 2 + sizeof(uint32_t) + sizeof(int32_t) +
			       4 + 1,
	       "copy_site copies every field of struct trap_site");

/* Twice the slots, every entry hashed again, then published. 0, or
 * -ENOMEM (the old table stays in use). */
static int grow(void)
{
	unsigned slots = (slot_mask + 1) * 2, log2 = 0;
	while ((1u << log2) < slots)
		log2++;
	long r = map_table(slots);
	if (raw_is_error(r))
		return -ENOMEM;
	struct trap_site *bigger = (struct trap_site *)r;
	for (unsigned k = 0; k <= slot_mask; k++) {
		if (table[k].addr == EMPTY)
			continue;
		unsigned i = hash_in(table[k].addr, slots - 1);
		while (bigger[i].addr != EMPTY)
			i = (i + 1) & (slots - 1);
		copy_site(&bigger[i], &table[k]);
	}
	write_begin();
	table = bigger;
	slot_mask = slots - 1;
	__atomic_store_n(&published, (uintptr_t)r | log2, __ATOMIC_RELAXED);
	write_end();
	return 0;
}

int site_registry_add(const struct trap_site *site)
{
	if (count >= MAX_FILL)
		return -ENOSPC;
	if ((count + 1) * 4 > (unsigned long)(slot_mask + 1) * 3 &&
	    slot_mask + 1 < SLOTS && grow())
		return -ENOSPC;
	unsigned i = hash(site->addr);
	for (; table[i].addr != EMPTY; i = next(i))
		if (table[i].addr == site->addr)
			return -EEXIST;
	write_begin();
	copy_site(&table[i], site);
	count++;
	write_end();
	page_seen[page_bit(site->addr) / 64] |= 1ull << (page_bit(site->addr) % 64);
	return 0;
}

/* Empties slot i and moves later entries of its probe chain back into the
 * hole wherever their home slot allows (Knuth's Algorithm R). */
static void delete_at(unsigned i)
{
	unsigned j = i;
	for (;;) {
		j = next(j);
		uintptr_t a = table[j].addr;
		if (a == EMPTY)
			break;
		unsigned home = hash(a);
		/* Stays if its home lies cyclically in (i, j]. */
		if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
			continue;
		copy_site(&table[i], &table[j]);
		i = j;
	}
	__atomic_store_n(&table[i].addr, (uintptr_t)EMPTY, __ATOMIC_RELAXED);
	count--;
}

int site_registry_find(uintptr_t addr, struct trap_site *out)
{
	if (!__atomic_load_n(&published, __ATOMIC_ACQUIRE) || addr == EMPTY)
		return 0;
	for (;;) {
		unsigned long v = __atomic_load_n(&version, __ATOMIC_ACQUIRE);
		if (v & 1) {
			arch_spin_pause();
			continue;
		}
		uintptr_t p = __atomic_load_n(&published, __ATOMIC_ACQUIRE);
		struct trap_site *t = (struct trap_site *)ARCH_PAGE_DOWN(p);
		unsigned mask = (1u << (p & (ARCH_PAGE - 1))) - 1;
		int found = 0;
		unsigned i = hash_in(addr, mask);
		/* At most a table's worth of probes: a reader racing writers
		 * may see a chain that no longer ends, and then retries. */
		for (unsigned n = 0; n <= mask; n++, i = (i + 1) & mask) {
			uintptr_t a = __atomic_load_n(&t[i].addr,
						      __ATOMIC_RELAXED);
			if (a == EMPTY)
				break;
			if (a == addr) {
				copy_site(out, &t[i]);
				found = 1;
				break;
			}
		}
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&version, __ATOMIC_RELAXED) == v)
			return found && out->addr == addr;
	}
}

int site_registry_remove(uintptr_t addr)
{
	if (!table || addr == EMPTY ||
	    !(page_seen[page_bit(addr) / 64] & (1ull << (page_bit(addr) % 64))))
		return 0;
	for (unsigned i = hash(addr);; i = next(i)) {
		uintptr_t a = table[i].addr;
		if (a == EMPTY)
			return 0;
		if (a == addr) {
			write_begin();
			delete_at(i);
			write_end();
			return 1;
		}
	}
}

unsigned long site_registry_remove_range_if(
	uintptr_t lo, uintptr_t hi,
	int (*take)(const struct trap_site *site, void *arg), void *arg)
{
	unsigned long removed = 0;
	if (!table || !count)
		return 0;
	write_begin();
	for (unsigned i = 0; i <= slot_mask; i++) {
		/* A shift may bring another entry into slot i: look again.
		 * Entries shifted from the start of the table to its end were
		 * seen already and are out of range (or were kept). */
		for (;;) {
			uintptr_t a = table[i].addr;
			if (a == EMPTY || a < lo || a >= hi ||
			    (take && !take(&table[i], arg)))
				break;
			delete_at(i);
			removed++;
		}
	}
	write_end();
	return removed;
}

unsigned long site_registry_remove_range(uintptr_t lo, uintptr_t hi)
{
	return site_registry_remove_range_if(lo, hi, 0, 0);
}

unsigned long site_registry_count(void)
{
	return count;
}
