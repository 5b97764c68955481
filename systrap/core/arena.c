#include "systrap/core/arena.h"

#include <stdint.h>
#include <sys/mman.h>

#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	size_t used;
};

#define ALIGN 16UL

void *pages_alloc(size_t n)
{
	n = ARCH_PAGE_UP(n);
	long p = raw_mmap(0, n, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return raw_is_error(p) ? 0 : (void *)p;
}

void pages_free(void *p, size_t n)
{
	if (p)
		raw_munmap(p, ARCH_PAGE_UP(n));
}

void *arena_alloc(struct arena *a, size_t n)
{
	size_t header = (sizeof(struct arena_chunk) + ALIGN - 1) & ~(ALIGN - 1);
	n = (n + ALIGN - 1) & ~(ALIGN - 1);
	struct arena_chunk *c = a->head;
	if (!c || c->used + n > c->size) {
		size_t size = a->chunk_size ? a->chunk_size : 256 * 1024;
		if (size < n + header)
			size = n + header;
		c = pages_alloc(size);
		if (!c)
			return 0;
		c->size = ARCH_PAGE_UP(size);
		c->used = header;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c + c->used;
	c->used += n;
	return p;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		pages_free(c, c->size);
		c = next;
	}
	a->head = 0;
}
