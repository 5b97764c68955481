/* A signal-safe allocator over raw mmap: bump allocation from chunks, no
 * locks shared with libc, usable on the trap path. Memory is returned only by
 * arena_reset(). Used for Capstone (via CS_OPT_MEM) and instrumenter scratch. */
#ifndef SYSTRAP_CORE_ARENA_H
#define SYSTRAP_CORE_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t chunk_size;
};

void *arena_alloc(struct arena *a, size_t n);
/* Frees every chunk. */
void arena_reset(struct arena *a);
/* Raw page allocation outside any arena (rounded up to pages). */
void *pages_alloc(size_t n);
void pages_free(void *p, size_t n);

#endif
