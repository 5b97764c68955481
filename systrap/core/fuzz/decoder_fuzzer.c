/* libFuzzer target: the decoder adapter over any code bytes. At every
 * offset of the input, the three questions the instrumenter asks (length
 * and kind, the facts a jump's window needs, control flow) must agree with
 * each other and on both lanes, a length must fit what was there, a
 * syscall must end with the syscall bytes; any crash, sanitizer report or
 * broken fact ends the run (decoder_fuzz_test). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "systrap/arch/decoder_arch.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/decoder.h"

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int opened;
	if (!opened) {
		check(decoder_open() == 0);
		opened = 1;
	}
	const uint64_t base = 0x400000;
	for (size_t i = 0; i < size && i < 256; i++) {
		size_t avail = size - i < ARCH_MAX_INSN_LEN ? size - i
							     : ARCH_MAX_INSN_LEN;
		struct decoded_insn a, b;
		struct insn_facts f;
		uint8_t len;
		int branch;
		uint64_t target;
		int ok = decode_insn(data + i, avail, base + i, &a);
		check(decode_insn_on(1, data + i, avail, base + i, &b) == ok);
		check(decode_insn_facts(data + i, avail, base + i, &f) == ok);
		check(decode_insn_branch(data + i, avail, base + i, &len,
					 &branch, &target) == ok);
		if (!ok)
			continue;
		check(a.length >= 1 && a.length <= avail);
		check(a.length == b.length && a.is_syscall == b.is_syscall &&
		      a.is_padding == b.is_padding);
		check(f.length == a.length && len == a.length);
		/* A syscall ends with the syscall bytes; prefixes before them
		 * (`41 0f 05`, `f3 41 0f 05`, the input kept in
		 * regressions/decoder/prefixed_syscall) make a longer one,
		 * whose site is its 0f 05 and whose prefixes the instrumenter
		 * turns into nops: every byte before the 0f 05 must be one. */
		check(!a.is_syscall ||
		      (a.length >= ARCH_SYSCALL_INSN_LEN &&
		       data[i + a.length - 2] == ARCH_SYSCALL_BYTE0 &&
		       data[i + a.length - 1] == ARCH_SYSCALL_BYTE1));
		for (size_t k = 0; a.is_syscall && k + 2 < a.length; k++)
			check(arch_is_syscall_prefix(data[i + k]));
		check(branch >= ARCH_BRANCH_NONE && branch <= ARCH_BRANCH_OTHER);
	}
	return 0;
}
