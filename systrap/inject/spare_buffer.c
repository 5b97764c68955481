/* spare_buffer: buffers kept between followed execs (spare_buffer.h). */
#include "systrap/inject/spare_buffer.h"

#include <stdlib.h>

/* The stage's bytes and the image's block: two at once at most. */
#define SPARES 4

static struct {
	void *buf;
	size_t cap;
} spares[SPARES];
/* Held while spares is looked at. Loads are made on the launcher's one
 * serving thread; a take or give that finds it held (another thread's)
 * goes to malloc or free instead of waiting. */
static int spares_held;

static int hold(void)
{
	return !__atomic_exchange_n(&spares_held, 1, __ATOMIC_ACQUIRE);
}

static void let_go(void)
{
	__atomic_store_n(&spares_held, 0, __ATOMIC_RELEASE);
}

void *spare_buffer_take(size_t size, size_t *cap)
{
	if (hold()) {
		for (int i = 0; i < SPARES; i++) {
			if (!spares[i].buf || spares[i].cap < size)
				continue;
			void *buf = spares[i].buf;
			*cap = spares[i].cap;
			spares[i].buf = 0;
			let_go();
			return buf;
		}
		let_go();
	}
	void *buf = malloc(size);
	*cap = buf ? size : 0;
	return buf;
}

void spare_buffer_give(void *buf, size_t cap)
{
	if (!buf)
		return;
	if (hold()) {
		/* An empty place, else the smallest kept if this is larger. */
		int at = -1;
		for (int i = 0; i < SPARES; i++) {
			if (!spares[i].buf) {
				at = i;
				break;
			}
			if (spares[i].cap < cap &&
			    (at < 0 || spares[i].cap < spares[at].cap))
				at = i;
		}
		if (at >= 0) {
			void *old = spares[at].buf;
			spares[at].buf = buf;
			spares[at].cap = cap;
			let_go();
			free(old);
			return;
		}
		let_go();
	}
	free(buf);
}
