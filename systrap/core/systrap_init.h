/* What a host other than a preloaded object (the self-contained image,
 * systrap/image) tells systrap_init() before its tool's constructor calls
 * it, and reads back after. */
#ifndef SYSTRAP_CORE_SYSTRAP_INIT_H
#define SYSTRAP_CORE_SYSTRAP_INIT_H

#include <stdint.h>

/* [lo, hi) is systrap's own code (the image's mapping, which has no path
 * to tell it by): never instrumented. */
void systrap_init_exclude(uintptr_t lo, uintptr_t hi);

/* systrap_init()'s result, or -EAGAIN while it has not been called. */
int systrap_init_result(void);

#endif
