/* libFuzzer target: elf_boundaries over any bytes taken as an object mapped
 * whole (malformed ELF headers, section and program headers, .eh_frame_hdr,
 * .eh_frame, LSDAs). Every fact the code map gives must stay inside what was
 * asked; any crash, sanitizer report or broken fact ends the run
 * (elf_boundaries_fuzz_test). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "systrap/core/arena.h"
#include "systrap/core/elf_boundaries.h"

#define BASE 0x10000000UL

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 64)
		return 0;
	struct elf_source src = {-1, data, size, 0};
	struct elf_placement where = {BASE, 0};
	struct arena a = {0, 1 << 20};
	struct code_map map = {0};
	uintptr_t hi = BASE + size;
	if (elf_collect_code_map(&src, &where, BASE, hi, &a, &map) == 0) {
		for (long i = 0; i < map.nbounds; i++) {
			check(map.bounds[i] >= BASE && map.bounds[i] < hi);
			check(!i || map.bounds[i - 1] < map.bounds[i]);
		}
		/* Probes at addresses the input itself picks. */
		for (size_t k = 0; k < 32; k++) {
			uintptr_t addr =
				BASE + (size_t)data[(k * 7) % size] * 997 % size;
			uintptr_t lo, end;
			if (code_map_function_of(&map, addr, &lo, &end) == 0)
				check(lo <= addr && end > addr);
			uintptr_t b = code_map_cfi_boundary_before(&map, addr);
			check(b == 0 || b <= addr);
			struct code_gap gaps[8];
			int n = code_map_gaps_near(&map, addr, BASE, hi, gaps, 8);
			check(n >= 0 && n <= 8);
			for (int g = 0; g < n; g++)
				check(gaps[g].lo < gaps[g].hi && gaps[g].lo < hi &&
				      gaps[g].hi > BASE);
			uintptr_t pads[32];
			int np = code_map_landing_pads(&map, addr, pads, 32);
			check(np >= -1 && np <= 32);
			code_map_is_code(&map, addr, 2);
		}
	}
	arena_reset(&a);
	return 0;
}
