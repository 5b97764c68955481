#include "systrap/core/instrumenter.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "systrap/arch/decoder_arch.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/arena.h"
#include "systrap/core/decoder.h"
#include "systrap/core/site_registry.h"

#define PAGE 4096UL
#define MAX_OBJECTS 4096

/* Addresses of systrap's own syscall instructions (syscall_arch.h). Not
 * weak: GNU ld defines __start_/__stop_ only for a strong reference. */
extern const uintptr_t __start_systrap_own_sites[]
	__attribute__((visibility("hidden")));
extern const uintptr_t __stop_systrap_own_sites[]
	__attribute__((visibility("hidden")));

static const struct trap_encoding *trap;
static int lock_word;
static struct instrument_result totals;
static unsigned long region_count;

/* Ranges that hold sites, so that munmap of ordinary memory (malloc's) costs
 * nothing: only unmapping instrumented code touches the registry. */
#define MAX_RANGES 1024
static struct {
	uintptr_t lo, hi;
} ranges[MAX_RANGES];
static int range_count;

static void note_range(uintptr_t lo, uintptr_t hi)
{
	for (int i = 0; i < range_count; i++)
		if (ranges[i].lo == lo && ranges[i].hi == hi)
			return;
	if (range_count < MAX_RANGES) {
		ranges[range_count].lo = lo;
		ranges[range_count].hi = hi;
		range_count++;
	} else { /* merge into the last: coarser, never wrong */
		if (lo < ranges[MAX_RANGES - 1].lo)
			ranges[MAX_RANGES - 1].lo = lo;
		if (hi > ranges[MAX_RANGES - 1].hi)
			ranges[MAX_RANGES - 1].hi = hi;
	}
}

static int overlaps_range(uintptr_t lo, uintptr_t hi)
{
	for (int i = 0; i < __atomic_load_n(&range_count, __ATOMIC_ACQUIRE); i++)
		if (lo < ranges[i].hi && ranges[i].lo < hi)
			return 1;
	return 0;
}

static struct {
	const char *path;
	uintptr_t base;
} objects[MAX_OBJECTS];
static uint32_t object_count;
static struct arena object_arena = {0, 64 * 1024};

void instrumenter_set_trap(enum arch_trap_kind kind)
{
	trap = arch_trap_encoding(kind);
}

const struct trap_encoding *instrumenter_trap(void)
{
	if (!trap)
		trap = arch_trap_encoding(ARCH_TRAP_UD2);
	return trap;
}

void instrumenter_lock(uint64_t *saved_mask)
{
	uint64_t all = ~0ULL;
	raw_rt_sigprocmask(SIG_BLOCK, &all, saved_mask);
	while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
}

void instrumenter_unlock(const uint64_t *saved_mask)
{
	__atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
	raw_rt_sigprocmask(SIG_SETMASK, saved_mask, 0);
}

static int is_own_site(uintptr_t addr)
{
	for (const uintptr_t *p = __start_systrap_own_sites;
	     p < __stop_systrap_own_sites; p++)
		if (*p == addr)
			return 1;
	return 0;
}

static uint32_t object_id(const char *path, uintptr_t base)
{
	for (uint32_t i = 0; i < object_count; i++)
		if (objects[i].base == base && !strcmp(objects[i].path, path))
			return i;
	if (object_count == MAX_OBJECTS)
		return 0;
	size_t n = strlen(path) + 1;
	char *copy = arena_alloc(&object_arena, n);
	if (!copy)
		return 0;
	memcpy(copy, path, n);
	objects[object_count].path = copy;
	objects[object_count].base = base;
	return object_count++;
}

const char *instrumenter_object_path(uint32_t object)
{
	return object < object_count ? objects[object].path : "";
}

uintptr_t instrumenter_object_base(uint32_t object)
{
	return object < object_count ? objects[object].base : 0;
}

static int is_candidate(const uint8_t *p)
{
	return p[0] == ARCH_SYSCALL_BYTE0 && p[1] == ARCH_SYSCALL_BYTE1;
}

int region_has_candidates(uintptr_t lo, uintptr_t hi)
{
	for (const uint8_t *p = (const uint8_t *)lo;
	     p + 1 < (const uint8_t *)hi; p++) {
		p = memchr(p, ARCH_SYSCALL_BYTE0, hi - 1 - (uintptr_t)p);
		if (!p)
			return 0;
		/* A registered site holds the trap, never 0f 05, unless the
		 * code was written again (a JIT re-emitting into its pages). */
		if (is_candidate(p) && !is_own_site((uintptr_t)p))
			return 1;
	}
	return 0;
}

/* The greatest boundary <= addr, or 0. */
static uintptr_t boundary_before(const uintptr_t *b, long n, uintptr_t addr)
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

/* Decodes from `from` up to `target`: 1 if an instruction starts exactly at
 * target and is a syscall. *cursor is left at the first instruction boundary
 * at or after target. Undecodable bytes are stepped over one at a time, as a
 * linear-sweep disassembler does, until the stream is in step again. */
static int decode_to(uintptr_t from, uintptr_t target, uintptr_t hi,
		     uintptr_t *cursor)
{
	uintptr_t pc = from;
	struct decoded_insn insn;
	while (pc < target) {
		size_t avail = hi - pc;
		if (avail > ARCH_MAX_INSN_LEN)
			avail = ARCH_MAX_INSN_LEN;
		if (decode_insn((const uint8_t *)pc, avail, pc, &insn))
			pc += insn.length;
		else
			pc += 1;
	}
	*cursor = pc;
	if (pc != target)
		return 0;
	size_t avail = hi - pc < ARCH_MAX_INSN_LEN ? hi - pc : ARCH_MAX_INSN_LEN;
	return decode_insn((const uint8_t *)pc, avail, pc, &insn) &&
	       insn.is_syscall;
}

/* Writes the trap over every site. The only calls here are raw syscalls:
 * the pages made non-executable may be libc's or ld.so's own code. */
static int patch_sites(const uintptr_t *sites, size_t n, int prot)
{
	if (!n)
		return 0;
	uintptr_t first = sites[0] & ~(PAGE - 1);
	uintptr_t last = (sites[n - 1] + ARCH_SYSCALL_INSN_LEN + PAGE - 1) &
			 ~(PAGE - 1);
	int writable = (prot & PROT_WRITE) != 0;
	if (!writable) {
		/* Writable but never writable-and-executable. */
		long r = raw_mprotect((void *)first, last - first,
				      (prot & ~PROT_EXEC) | PROT_READ |
					      PROT_WRITE);
		if (r)
			return (int)r;
	}
	const struct trap_encoding *t = instrumenter_trap();
	for (size_t i = 0; i < n; i++) {
		volatile uint8_t *p = (volatile uint8_t *)sites[i];
		p[0] = t->bytes[0];
		p[1] = t->bytes[1];
	}
	if (!writable)
		raw_mprotect((void *)first, last - first, prot);
	return 0;
}

int instrument_region(const struct code_region *r,
		      struct instrument_result *result)
{
	struct instrument_result res = {0, 0, 0, 0};
	struct arena scratch = {0, 256 * 1024};
	uint64_t mask;
	int err = 0;

	if (r->hi <= r->lo + 1)
		goto out_unlocked;
	if (decoder_open())
		return -ENOSYS;
	instrumenter_lock(&mask);
	if (site_registry_init()) {
		err = -ENOMEM;
		goto out;
	}
	struct code_map map = {0, 0, 0, 0};
	if (r->elf && elf_collect_code_map(r->elf, &r->where, r->lo, r->hi,
					   &scratch, &map))
		map.nbounds = map.ncode = 0;

	size_t cap = 1024, n = 0;
	uintptr_t *sites = arena_alloc(&scratch, cap * sizeof *sites);
	uintptr_t cursor = 0;
	const uint8_t *end = (const uint8_t *)r->hi - 1;
	for (const uint8_t *p = (const uint8_t *)r->lo; p < end; p++) {
		p = memchr(p, ARCH_SYSCALL_BYTE0, (size_t)(end - p));
		if (!p)
			break;
		if (!is_candidate(p))
			continue;
		uintptr_t c = (uintptr_t)p;
		if (is_own_site(c))
			continue;
		/* Registered yet holding 0f 05 again (sites are registered and
		 * patched under this lock): the code was rewritten. The old
		 * site is stale; judge the bytes afresh. */
		site_registry_remove(c);
		res.candidates++;
		if (!code_map_is_code(&map, c, ARCH_SYSCALL_INSN_LEN)) {
			res.rejected++;
			continue;
		}
		uintptr_t from = boundary_before(map.bounds, map.nbounds, c);
		if (!from || from < r->lo)
			from = r->lo;
		if (cursor > from && cursor <= c)
			from = cursor;
		if (!decode_to(from, c, r->hi, &cursor)) {
			res.rejected++;
			continue;
		}
		if (n == cap) {
			uintptr_t *grown = arena_alloc(&scratch,
						       2 * cap * sizeof *grown);
			if (!grown) {
				res.failed++;
				continue;
			}
			memcpy(grown, sites, n * sizeof *grown);
			sites = grown;
			cap *= 2;
		}
		if (!sites) {
			res.failed++;
			continue;
		}
		sites[n++] = c;
	}

	uint32_t object = object_id(r->object ? r->object : "", r->object_base);
	const struct trap_encoding *t = instrumenter_trap();
	size_t registered = 0;
	for (size_t i = 0; i < n; i++) {
		struct trap_site s = {
			.addr = sites[i],
			.object = object,
			.role = SITE_SYSCALL,
			.kind = (uint8_t)t->kind,
			.original = {ARCH_SYSCALL_BYTE0, ARCH_SYSCALL_BYTE1},
		};
		/* Registered before the bytes change, so a thread that hits
		 * the trap at once finds it. */
		if (site_registry_add(&s) == 0)
			sites[registered++] = sites[i];
		else
			res.failed++;
	}
	err = patch_sites(sites, registered, r->prot);
	if (err) {
		site_registry_remove_range(r->lo, r->hi);
		res.failed += registered;
	} else {
		res.sites = registered;
		if (registered)
			note_range(sites[0], sites[registered - 1] + 2);
	}
	totals.candidates += res.candidates;
	totals.sites += res.sites;
	totals.rejected += res.rejected;
	totals.failed += res.failed;
	region_count++;
out:
	instrumenter_unlock(&mask);
	arena_reset(&scratch);
out_unlocked:
	if (result)
		*result = res;
	return err;
}

void instrumenter_forget_range(uintptr_t lo, uintptr_t hi)
{
	if (!overlaps_range(lo, hi))
		return;
	uint64_t mask;
	instrumenter_lock(&mask);
	site_registry_remove_range(lo, hi);
	instrumenter_unlock(&mask);
}

void instrumenter_totals(struct instrument_result *out, unsigned long *regions)
{
	*out = totals;
	*regions = region_count;
}
