/* Buffers the launcher needs at every followed exec, kept between uses.
 * The launcher is linked against musl, whose allocator gives a block of a
 * few KiB a group of its own, mapped when it is first needed and unmapped
 * when it is free again: a malloc and free of 12-16 KiB at each exec cost
 * an mmap, a page fault per page written and a munmap (~100 us on a guest
 * with shadow paging), all while the exec waits at its stop. A buffer
 * given back is kept for the next take instead. */
#ifndef SYSTRAP_INJECT_SPARE_BUFFER_H
#define SYSTRAP_INJECT_SPARE_BUFFER_H

#include <stddef.h>

/* A buffer of at least size bytes, *cap its real size: a kept one where
 * one is that large, else from malloc (NULL when out of memory). Its bytes
 * are not cleared. It may be grown with realloc, and is given back (with
 * its size then) or freed. */
void *spare_buffer_take(size_t size, size_t *cap);

/* buf (from spare_buffer_take, malloc or realloc; NULL is nothing), kept
 * for a later take, or freed when every place to keep one is taken. */
void spare_buffer_give(void *buf, size_t cap);

#endif
