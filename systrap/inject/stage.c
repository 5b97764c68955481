/* Writes kept for the boot (stage.h). */
#include "systrap/inject/stage.h"

#include <stdlib.h>
#include <string.h>

#include "systrap/inject/spare_buffer.h"

int inject_stage_put(struct inject_stage *s, uint64_t addr, const void *buf,
		     size_t n)
{
	if (n == 0 || addr + n <= s->lo || addr >= s->hi)
		return 0;
	if (addr < s->lo || addr + n > s->hi || s->count == INJECT_STAGE_RUNS) {
		s->failed = 1;
		return 1;
	}
	if (s->size + n > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;
		while (cap < s->size + n)
			cap *= 2;
		uint8_t *b;
		if (s->bytes) {
			b = realloc(s->bytes, cap);
		} else {
			size_t got;
			b = spare_buffer_take(cap, &got);
			if (b)
				cap = got;
		}
		if (!b) {
			s->failed = 1;
			return 1;
		}
		s->bytes = b;
		s->cap = cap;
	}
	memcpy(s->bytes + s->size, buf, n);
	s->runs[s->count].to = addr;
	s->runs[s->count].at = s->size;
	s->runs[s->count].len = n;
	s->count++;
	s->size += n;
	return 1;
}

void inject_stage_free(struct inject_stage *s)
{
	spare_buffer_give(s->bytes, s->cap);
	memset(s, 0, sizeof *s);
}
