#include "systrap/core/site_registry.h"

#include <stddef.h>

#include <errno.h>

#include <sys/mman.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/spin.h"

/* Open addressing with linear probing. 2^14 slots of 32 bytes (512 KiB),
 * mapped populated: sites hash all over the table, and taking its pages in
 * one mmap is far cheaper at start-up than a page fault per site.
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
#define SLOTS (1u << 14)
#define MAX_FILL (SLOTS / 4 * 3)
#define EMPTY 0

static struct trap_site *table;
static unsigned long count;
static unsigned long version;

int site_registry_init(void)
{
	if (table)
		return 0;
	long r = raw_syscall6(SYS_mmap, 0, SLOTS * sizeof *table,
			      PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (raw_is_error(r))
		return -ENOMEM;
	table = (struct trap_site *)r;
	return 0;
}

static unsigned hash(uintptr_t addr)
{
	uint64_t h = addr * 0x9e3779b97f4a7c15ULL;
	return (unsigned)(h >> 48) & (SLOTS - 1);
}

static unsigned next(unsigned i)
{
	return (i + 1) & (SLOTS - 1);
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

int site_registry_add(const struct trap_site *site)
{
	if (count >= MAX_FILL)
		return -ENOSPC;
	unsigned i = hash(site->addr);
	for (; table[i].addr != EMPTY; i = next(i))
		if (table[i].addr == site->addr)
			return -EEXIST;
	write_begin();
	copy_site(&table[i], site);
	count++;
	write_end();
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
	if (!table || addr == EMPTY)
		return 0;
	for (;;) {
		unsigned long v = __atomic_load_n(&version, __ATOMIC_ACQUIRE);
		if (v & 1) {
			arch_spin_pause();
			continue;
		}
		int found = 0;
		unsigned i = hash(addr);
		/* At most SLOTS probes: a reader racing writers may see a chain
		 * that no longer ends, and then retries. */
		for (unsigned n = 0; n < SLOTS; n++, i = next(i)) {
			uintptr_t a = __atomic_load_n(&table[i].addr,
						      __ATOMIC_RELAXED);
			if (a == EMPTY)
				break;
			if (a == addr) {
				copy_site(out, &table[i]);
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
	if (!table || addr == EMPTY)
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

unsigned long site_registry_remove_range(uintptr_t lo, uintptr_t hi)
{
	unsigned long removed = 0;
	if (!table || !count)
		return 0;
	write_begin();
	for (unsigned i = 0; i < SLOTS; i++) {
		/* A shift may bring another entry into slot i: look again.
		 * Entries shifted from the start of the table to its end were
		 * seen already and are out of range. */
		for (;;) {
			uintptr_t a = table[i].addr;
			if (a == EMPTY || a < lo || a >= hi)
				break;
			delete_at(i);
			removed++;
		}
	}
	write_end();
	return removed;
}

unsigned long site_registry_count(void)
{
	return count;
}
