#include "systrap/arch/cpu_facts.h"

#include <stdint.h>
#include <stdio.h>
#include <sys/auxv.h>

#include "systrap/arch/jump_patch.h"
#include "systrap/arch/scratch_tls.h"
#include "systrap/arch/tx_copy.h"

void arch_cpu_facts_ask(struct arch_cpu_facts *f)
{
	f->size = arch_vector_state_size();
	f->mask = f->size ? arch_vector_state_mask() : 0;
	f->rtm = (unsigned)arch_tx_available();
	/* The kernel's HWCAP2_FSGSBASE (<asm/hwcap2.h>, bit 1): it set
	 * CR4.FSGSBASE and saves the bases itself at each switch. */
	f->fsgsbase = (unsigned)(getauxval(AT_HWCAP2) >> 1 & 1);
}

void arch_cpu_facts_assume(const struct arch_cpu_facts *f)
{
	arch_vector_state_assume(f->size, f->mask);
	arch_tx_assume((int)f->rtm);
	arch_scratch_tls_use_fsgsbase((int)f->fsgsbase);
}

const char *arch_cpu_facts_text(char *buf, size_t cap)
{
	struct arch_cpu_facts f;
	arch_cpu_facts_ask(&f);
	snprintf(buf, cap, "%x,%x,%x,%x", f.size, f.mask, f.rtm, f.fsgsbase);
	return buf;
}

/* One hex number of text at *p, up to a comma (taken, and a field must
 * follow it) or the end. */
static int hex_field(const char **p, uint64_t *out)
{
	uint64_t v = 0;
	int digits = 0;
	for (; **p && **p != ','; (*p)++, digits++) {
		char c = **p;
		unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
			     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
						    : 16;
		if (d == 16 || digits == 8)
			return -1;
		v = v << 4 | d;
	}
	if (!digits)
		return -1;
	if (**p == ',') {
		(*p)++;
		if (!**p)
			return -1;
	}
	*out = v;
	return 0;
}

int arch_cpu_facts_take(const char *text)
{
	uint64_t size, mask, rtm, fsgsbase;
	const char *p = text;
	if (hex_field(&p, &size) || hex_field(&p, &mask) ||
	    hex_field(&p, &rtm) || hex_field(&p, &fsgsbase) || *p ||
	    rtm > 1 || fsgsbase > 1 || (size && size < 576) || size % 64 ||
	    (size && !mask))
		return -1;
	arch_vector_state_assume((unsigned)size, (unsigned)mask);
	arch_tx_assume((int)rtm);
	arch_scratch_tls_use_fsgsbase((int)fsgsbase);
	return 0;
}
