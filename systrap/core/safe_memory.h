/* Reading and writing the program's memory on its behalf without ever
 * faulting: a bad pointer passed to a syscall must give the program EFAULT,
 * never crash it inside systrap. process_vm_readv/writev on ourselves do the
 * copy in the kernel, which checks every page. */
#ifndef SYSTRAP_CORE_SAFE_MEMORY_H
#define SYSTRAP_CORE_SAFE_MEMORY_H

#include <stddef.h>
#include <stdint.h>

/* Bytes copied; fewer than n where memory stops being readable. */
size_t safe_read(void *dst, uintptr_t src, size_t n);
/* 0 when all n bytes were written, else -EFAULT. */
int safe_write(uintptr_t dst, const void *src, size_t n);

#endif
