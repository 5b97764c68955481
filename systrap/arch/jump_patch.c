#include "systrap/arch/jump_patch.h"

#include <cpuid.h>
#include <string.h>

/* Read by fast_entry.S: the XSAVE area's size (0: not computed, or no
 * XSAVE) and the components to save, for the fast entry and for
 * arch_call_saving_vector_state alike; whether the fast entry saves them
 * around every dispatch (handlers that did not promise general registers
 * only). */
unsigned systrap_xsave_size __attribute__((visibility("hidden")));
unsigned systrap_xsave_mask __attribute__((visibility("hidden")));
unsigned char systrap_fast_saves_vector __attribute__((visibility("hidden")));

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
	int64_t d = (int64_t)(entry_slot - (at + n + ARCH_TRAMPOLINE_CALL_LEN));
	if (!fits_rel32(d))
		return -1;
	buf[n] = 0xff;
	buf[n + 1] = 0x15;
	put32(buf + n + 2, (int32_t)d);
	n += ARCH_TRAMPOLINE_CALL_LEN;
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
	_Static_assert(sizeof lea_back_red_zone == ARCH_SLOW_TRAP_AFTER_EXIT,
		       "the slow exit's trap follows its lea");
	memcpy(buf + n, lea_back_red_zone, sizeof lea_back_red_zone);
	n += sizeof lea_back_red_zone;
	out->slow_trap = n;
	buf[n] = trap[0];
	buf[n + 1] = trap[1];
	n += 2;
	out->size = n;
	return 0;
}

/* The stub is written on the fast path (general registers only, no libc:
 * this library is compiled so, and the loop stays a loop). */
static void copy_bytes(uint8_t *dst, const void *src, size_t n)
{
	const uint8_t *s = src;
	for (size_t i = 0; i < n; i++)
		dst[i] = s[i];
}

/* call *slot(%rip), lea 0x80(%rsp),%rsp, jmp tail, then the record's
 * room, at n; returns the record's offset. */
static size_t write_resume_call(uint8_t *buf, size_t n, size_t slot,
				size_t tail)
{
	buf[n] = 0xff;
	buf[n + 1] = 0x15;
	int32_t disp = (int32_t)(slot - (n + 6));
	copy_bytes(buf + n + 2, &disp, sizeof disp);
	n += 6;
	copy_bytes(buf + n, lea_back_red_zone, sizeof lea_back_red_zone);
	n += sizeof lea_back_red_zone;
	int32_t hop = (int32_t)(tail - (n + ARCH_JMP_REL32_LEN));
	buf[n] = 0xe9; /* jmp rel32 over the record */
	copy_bytes(buf + n + 1, &hop, sizeof hop);
	n += ARCH_JMP_REL32_LEN;
	for (size_t i = 0; i < ARCH_RECORD_SIZE; i++)
		buf[n + i] = 0;
	return n;
}

void arch_write_program_call(uint8_t *buf, uintptr_t resume,
			     uintptr_t resume_entry, uintptr_t zero_entry,
			     size_t records[2])
{
	/* One resume call: call, lea, jmp, record. */
	const size_t call_len = 6 + sizeof lea_back_red_zone +
				ARCH_JMP_REL32_LEN + ARCH_RECORD_SIZE;
	size_t n = 0;
	copy_bytes(buf + n, lea_back_red_zone, sizeof lea_back_red_zone);
	n += sizeof lea_back_red_zone;
	buf[n++] = 0x0f; /* syscall */
	buf[n++] = 0x05;
	copy_bytes(buf + n, lea_skip_red_zone, sizeof lea_skip_red_zone);
	n += sizeof lea_skip_red_zone;
	buf[n++] = 0x48; /* mov %rax, %rcx */
	buf[n++] = 0x89;
	buf[n++] = 0xc1;
	buf[n++] = 0xe3; /* jrcxz over the first resume call */
	buf[n++] = (uint8_t)call_len;
	size_t first = n, second = n + call_len, tail = second + call_len;
	size_t slots = tail + 6 + sizeof resume;
	records[0] = write_resume_call(buf, first, slots, tail);
	records[1] = write_resume_call(buf, second, slots + 8, tail);
	/* tail: jmp *0(%rip), then the address after the site */
	n = tail;
	buf[n++] = 0xff;
	buf[n++] = 0x25;
	for (int k = 0; k < 4; k++)
		buf[n + k] = 0;
	n += 4;
	copy_bytes(buf + n, &resume, sizeof resume);
	n += sizeof resume;
	copy_bytes(buf + n, &resume_entry, sizeof resume_entry);
	n += sizeof resume_entry;
	copy_bytes(buf + n, &zero_entry, sizeof zero_entry);
}

/* The XSAVE components worth saving (x87, SSE, AVX, and AVX-512's opmask,
 * ZMM_Hi256 and Hi16_ZMM, as far as the OS enabled them) and the area's
 * size; 0 without XSAVE. */
static unsigned xsave_layout(unsigned *mask_out)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE))
		return 0;
	unsigned lo, hi;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	unsigned mask = lo & 0xe7;
	unsigned size = 576; /* legacy area and XSAVE header */
	/* The OS enabled no other component (no PKRU, MPX or AMX): leaf 0xd's
	 * subleaf 0 gives the area's size for exactly these in one CPUID (an
	 * exit to the hypervisor in a guest, 3.6 us here) instead of one per
	 * component (four with AVX-512). */
	if (mask == lo && !hi) {
		__cpuid_count(0xd, 0, a, b, c, d);
		if (b >= size) {
			*mask_out = mask;
			return (b + 63) & ~63u;
		}
	}
	for (unsigned i = 2; i < 8; i++) {
		if (!(mask & (1u << i)))
			continue;
		__cpuid_count(0xd, i, a, b, c, d);
		if (a + b > size)
			size = a + b;
	}
	*mask_out = mask;
	return (size + 63) & ~63u;
}

unsigned arch_vector_state_size(void)
{
	unsigned size = __atomic_load_n(&systrap_xsave_size, __ATOMIC_ACQUIRE);
	if (size)
		return size;
	/* Every thread computes the same layout: a race stores it twice. */
	unsigned mask = 0;
	size = xsave_layout(&mask);
	if (!size)
		return 0;
	__atomic_store_n(&systrap_xsave_mask, mask, __ATOMIC_RELAXED);
	__atomic_store_n(&systrap_xsave_size, size, __ATOMIC_RELEASE);
	return size;
}

int arch_has_xsave(void)
{
	if (__atomic_load_n(&systrap_xsave_size, __ATOMIC_ACQUIRE))
		return 1;
	unsigned a, b, c, d;
	__cpuid(1, a, b, c, d); /* leaf 1 is always there on x86-64 */
	return (c & bit_OSXSAVE) != 0;
}

unsigned arch_vector_state_mask(void)
{
	arch_vector_state_size();
	return __atomic_load_n(&systrap_xsave_mask, __ATOMIC_RELAXED);
}

void arch_vector_state_assume(unsigned size, unsigned mask)
{
	if (!size)
		return;
	__atomic_store_n(&systrap_xsave_mask, mask, __ATOMIC_RELAXED);
	__atomic_store_n(&systrap_xsave_size, size, __ATOMIC_RELEASE);
}

unsigned arch_fast_save_vector_state(void)
{
	unsigned size = arch_vector_state_size();
	if (size)
		__atomic_store_n(&systrap_fast_saves_vector, 1,
				 __ATOMIC_RELEASE);
	return size;
}
