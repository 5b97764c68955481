#include "systrap/core/site_registry.h"

#include <errno.h>

#include <sys/mman.h>

#include "systrap/arch/raw_syscalls.h"

/* Open addressing with linear probing. 2^14 slots of 32 bytes (512 KiB),
 * mapped populated: sites hash all over the table, and taking its pages in
 * one mmap is far cheaper at start-up than a page fault per site. */
#define SLOTS (1u << 14)
#define MAX_FILL (SLOTS / 4 * 3)
#define EMPTY 0
#define REMOVED 1

static struct trap_site *table;
static unsigned long count;

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

int site_registry_add(const struct trap_site *site)
{
	if (count >= MAX_FILL)
		return -ENOSPC;
	unsigned i = hash(site->addr);
	for (;; i = (i + 1) & (SLOTS - 1)) {
		uintptr_t a = __atomic_load_n(&table[i].addr, __ATOMIC_ACQUIRE);
		if (a == site->addr)
			return -EEXIST;
		if (a == EMPTY || a == REMOVED)
			break;
	}
	/* Fill the slot, then publish its address: a reader that sees the
	 * address sees the whole entry. */
	struct trap_site *slot = &table[i];
	slot->resume_to = site->resume_to;
	slot->object = site->object;
	slot->nr = site->nr;
	slot->role = site->role;
	slot->kind = site->kind;
	slot->original[0] = site->original[0];
	slot->original[1] = site->original[1];
	__atomic_store_n(&slot->addr, site->addr, __ATOMIC_RELEASE);
	count++;
	return 0;
}

const struct trap_site *site_registry_find(uintptr_t addr)
{
	if (!table || addr <= REMOVED)
		return 0;
	for (unsigned i = hash(addr);; i = (i + 1) & (SLOTS - 1)) {
		uintptr_t a = __atomic_load_n(&table[i].addr, __ATOMIC_ACQUIRE);
		if (a == addr)
			return &table[i];
		if (a == EMPTY)
			return 0;
	}
}

int site_registry_remove(uintptr_t addr)
{
	if (!table || addr <= REMOVED)
		return 0;
	for (unsigned i = hash(addr);; i = (i + 1) & (SLOTS - 1)) {
		uintptr_t a = table[i].addr;
		if (a == EMPTY)
			return 0;
		if (a == addr) {
			__atomic_store_n(&table[i].addr, (uintptr_t)REMOVED,
					 __ATOMIC_RELEASE);
			count--;
			return 1;
		}
	}
}

unsigned long site_registry_remove_range(uintptr_t lo, uintptr_t hi)
{
	unsigned long removed = 0;
	if (!table || !count)
		return 0;
	for (unsigned i = 0; i < SLOTS; i++) {
		uintptr_t a = table[i].addr;
		if (a > REMOVED && a >= lo && a < hi) {
			__atomic_store_n(&table[i].addr, (uintptr_t)REMOVED,
					 __ATOMIC_RELEASE);
			removed++;
		}
	}
	count -= removed;
	return removed;
}

unsigned long site_registry_count(void)
{
	return count;
}
