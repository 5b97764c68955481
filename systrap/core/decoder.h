/* The decoder adapter: the only code that knows Capstone. It answers the
 * instrumenter's one question, "what instruction starts here, how long is it,
 * and is it a syscall?", from a handle whose memory comes from a signal-safe
 * arena (Capstone's CS_OPT_MEM), so decoding is allowed on the trap path
 * (code mapped by a trapped mmap is decoded inside the trap). */
#ifndef SYSTRAP_CORE_DECODER_H
#define SYSTRAP_CORE_DECODER_H

#include <stddef.h>
#include <stdint.h>

struct decoded_insn {
	uint8_t length;     /* 0 when the bytes are not a valid instruction */
	uint8_t is_syscall;
	uint8_t is_padding; /* a nop or int3, as fills gaps between functions */
};

/* Readies the process-wide decoder. Returns 0 or -1. Idempotent. Each
 * handle opens at its first decode (decoder.c says why that is safe). */
int decoder_open(void);

/* Opens every handle of every lane now: before a second thread decodes
 * (handles and their tables are built by one thread at a time). */
int decoder_open_lanes(void);

/* Decodes the instruction at code[0..avail), which lives at address addr.
 * Returns 1 and fills *out, or 0 when no valid instruction starts there. */
int decode_insn(const uint8_t *code, size_t avail, uint64_t addr,
		struct decoded_insn *out);

struct insn_facts;
/* Decodes the instruction at code[0..avail) at addr with operand details:
 * its length and whether the jump fast path may move it. Returns 1, or 0
 * when no valid instruction starts there. */
int decode_insn_facts(const uint8_t *code, size_t avail, uint64_t addr,
		      struct insn_facts *out);

/* Decodes the instruction at addr with operand details: its length and
 * what it does to control flow (enum arch_branch of decoder_arch.h: 0 none,
 * 1 direct to *target, 2 indirect jump, 3 ret or indirect call). Returns 1,
 * or 0 when no valid instruction starts there. */
int decode_insn_branch(const uint8_t *code, size_t avail, uint64_t addr,
		       uint8_t *length, int *branch, uint64_t *target);

/* The same three, on one of DECODER_LANES independent sets of handles, so
 * that threads can decode at once (lane 0 is what the above use). */
#define DECODER_LANES 2
int decode_insn_on(int lane, const uint8_t *code, size_t avail,
		   uint64_t addr, struct decoded_insn *out);
int decode_insn_facts_on(int lane, const uint8_t *code, size_t avail,
			 uint64_t addr, struct insn_facts *out);
int decode_insn_branch_on(int lane, const uint8_t *code, size_t avail,
			  uint64_t addr, uint8_t *length, int *branch,
			  uint64_t *target);

/* Instructions decoded on lane so far (by the one thread using it). */
unsigned long decoder_lane_count(int lane);

/* Instructions decoded so far (a cost measure for tests and benchmarks). */
unsigned long decoder_count(void);

#endif
