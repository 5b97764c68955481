/* Writes into memory a tracee has yet to map. While a load is staged for
 * the boot (boot.h), the loader's writes into the reservation it lays out
 * (the load stub, its block, the image's parameter block...) are kept
 * here, in order, instead of written: the boot copies each run to its
 * place once its mmap made the reservation, so that no ptrace stop is
 * spent on the reservation alone. inject_write_memory (remote_memory.c)
 * hands every write inside [lo, hi) of the target's open stage here. */
#ifndef SYSTRAP_INJECT_STAGE_H
#define SYSTRAP_INJECT_STAGE_H

#include <stddef.h>
#include <stdint.h>

/* Runs one stage holds: the boot copies at most this many. */
#define INJECT_STAGE_RUNS 32

struct inject_stage {
	uint64_t lo, hi; /* what the boot's mmap will make */
	uint8_t *bytes;  /* the runs' bytes, back to back */
	size_t size, cap;
	size_t count;
	struct {
		uint64_t to;
		size_t at, len; /* in bytes */
	} runs[INJECT_STAGE_RUNS];
	/* A write that could not be kept (out of memory, too many runs, or
	 * partly outside [lo, hi)): the boot is off, the load made again
	 * the usual way. */
	int failed;
};

/* 1 when [addr, addr + n) touches [lo, hi): kept (a later run over the
 * same bytes wins, as a later write would) or s->failed set; 0 when it is
 * outside, for the caller to write. */
int inject_stage_put(struct inject_stage *s, uint64_t addr, const void *buf,
		     size_t n);
void inject_stage_free(struct inject_stage *s);

#endif
