/* Reading and writing the program's memory on its behalf without ever
 * faulting: a bad pointer passed to a syscall must give the program EFAULT,
 * never crash it inside systrap. Reads are copied inside a hardware
 * transaction where the CPU has RTM (a fault aborts it instead of raising
 * a signal: ~16 ns), and by the kernel otherwise or when one aborts
 * (process_vm_readv on ourselves, which checks every page: ~400 ns).
 * Writes always go through the kernel (process_vm_writev). */
#ifndef SYSTRAP_CORE_SAFE_MEMORY_H
#define SYSTRAP_CORE_SAFE_MEMORY_H

#include <stddef.h>
#include <stdint.h>

/* Decides, once at start-up, whether reads may use transactions (when the
 * CPU can and allow_transactions; SYSTRAP_TSX=off says not). Until then
 * every read goes through the kernel. */
void safe_memory_init(int allow_transactions);

/* Bytes copied; fewer than n where memory stops being readable. */
size_t safe_read(void *dst, uintptr_t src, size_t n);
/* 0 when all n bytes were written, else -EFAULT. */
int safe_write(uintptr_t dst, const void *src, size_t n);

/* For tests and benchmarks: whether reads use transactions now, and how
 * many reads the kernel has done (every read without transactions, the
 * rest after an abort; exact for one thread, approximate for several). */
int safe_memory_uses_transactions(void);
unsigned long safe_memory_kernel_reads(void);

#endif
