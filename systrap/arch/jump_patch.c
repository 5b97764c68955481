#include "systrap/arch/jump_patch.h"

#include <cpuid.h>
#include <string.h>

/* Read by fast_entry.S: the XSAVE area's size (0: save nothing) and the
 * components to save. */
unsigned systrap_fast_xsave_size __attribute__((visibility("hidden")));
unsigned systrap_fast_xsave_mask __attribute__((visibility("hidden")));

static const uint8_t lea_skip_red_zone[] = {0x48, 0x8d, 0x64, 0x24, 0x80};
static const uint8_t lea_back_red_zone[] = {0x48, 0x8d, 0xa4, 0x24,
					    0x80, 0x00, 0x00, 0x00};

static int fits_rel32(int64_t d)
{
	return d >= INT32_MIN && d <= INT32_MAX;
}

static void put32(uint8_t *p, int32_t v)
{
	memcpy(p, &v, sizeof v);
}

int arch_write_jump(uint8_t out[ARCH_JMP_REL32_LEN], uintptr_t from,
		    uintptr_t to)
{
	int64_t d = (int64_t)(to - (from + ARCH_JMP_REL32_LEN));
	if (!fits_rel32(d))
		return -1;
	out[0] = 0xe9;
	put32(out + 1, (int32_t)d);
	return 0;
}

int arch_write_short_hop(uint8_t out[ARCH_SHORT_HOP_LEN], uintptr_t from,
			 uintptr_t to)
{
	int64_t d = (int64_t)(to - (from + ARCH_SHORT_HOP_LEN));
	if (d < INT8_MIN || d > INT8_MAX)
		return -1;
	out[0] = 0xeb;
	out[1] = (uint8_t)(int8_t)d;
	return 0;
}

int arch_in_jump_reach(uintptr_t lo, uintptr_t hi, uintptr_t target)
{
	return fits_rel32((int64_t)(target - lo)) &&
	       fits_rel32((int64_t)(target - hi)) &&
	       fits_rel32((int64_t)(lo - target)) &&
	       fits_rel32((int64_t)(hi - target));
}

int arch_write_trampoline(uint8_t *buf, uintptr_t at,
			  const struct arch_moved_insn *moved, int nmoved,
			  uintptr_t entry_slot, uintptr_t resume,
			  const uint8_t trap[2],
			  struct arch_trampoline_layout *out)
{
	size_t n = 0;
	/* The displaced instructions; a RIP-relative operand keeps its
	 * target by re-aiming its displacement from the new address. */
	for (int m = 0; m < nmoved; m++) {
		const struct insn_facts *f = &moved[m].facts;
		if (!f->movable)
			return -1;
		for (size_t i = 0; i < f->length; i++)
			buf[n + i] = moved[m].bytes[i];
		if (f->rip_disp_offset) {
			int32_t old;
			memcpy(&old, moved[m].bytes + f->rip_disp_offset,
			       sizeof old);
			int64_t target =
				(int64_t)(moved[m].addr + f->length) + old;
			int64_t d = target - (int64_t)(at + n + f->length);
			if (!fits_rel32(d))
				return -1;
			put32(buf + n + f->rip_disp_offset, (int32_t)d);
		}
		n += f->length;
	}
	memcpy(buf + n, lea_skip_red_zone, sizeof lea_skip_red_zone);
	n += sizeof lea_skip_red_zone;
	/* call *entry_slot(%rip) */
	int64_t d = (int64_t)(entry_slot - (at + n + 6));
	if (!fits_rel32(d))
		return -1;
	buf[n] = 0xff;
	buf[n + 1] = 0x15;
	put32(buf + n + 2, (int32_t)d);
	n += 6;
	size_t r = n;
	memcpy(buf + n, lea_back_red_zone, sizeof lea_back_red_zone);
	n += sizeof lea_back_red_zone;
	if (arch_write_jump(buf + n, at + n, resume))
		return -1;
	n += ARCH_JMP_REL32_LEN;
	if (n - r != ARCH_RECORD_OFFSET)
		return -1;
	out->record = n;
	for (size_t i = 0; i < ARCH_RECORD_SIZE; i++)
		buf[n + i] = 0;
	n += ARCH_RECORD_SIZE;
	out->slow_exit = n;
	memcpy(buf + n, lea_back_red_zone, sizeof lea_back_red_zone);
	n += sizeof lea_back_red_zone;
	out->slow_trap = n;
	buf[n] = trap[0];
	buf[n + 1] = trap[1];
	n += 2;
	out->size = n;
	return 0;
}

unsigned arch_fast_save_vector_state(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE))
		return 0;
	unsigned lo, hi;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	/* x87, SSE, AVX, and AVX-512's opmask, ZMM_Hi256 and Hi16_ZMM. */
	unsigned mask = lo & 0xe7;
	unsigned size = 576; /* legacy area and XSAVE header */
	for (unsigned i = 2; i < 8; i++) {
		if (!(mask & (1u << i)))
			continue;
		__cpuid_count(0xd, i, a, b, c, d);
		if (a + b > size)
			size = a + b;
	}
	size = (size + 63) & ~63u;
	__atomic_store_n(&systrap_fast_xsave_mask, mask, __ATOMIC_RELAXED);
	__atomic_store_n(&systrap_fast_xsave_size, size, __ATOMIC_RELEASE);
	return size;
}
