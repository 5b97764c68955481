/* Reading and writing the program's memory on its behalf without ever
 * faulting: a bad pointer passed to a syscall must give the program EFAULT,
 * never crash it inside systrap. Reads are copied inside a hardware
 * transaction where the CPU has RTM (a fault aborts it instead of raising
 * a signal: ~16 ns); without RTM by a plain copy whose faults our
 * SIGSEGV/SIGBUS handler recovers (safe_memory_own_faults); by the kernel
 * when a transaction aborts or a fault signal is blocked (process_vm_readv
 * on ourselves, which checks every page: ~400 ns).
 * Writes copy directly where reads do without RTM, else through the kernel
 * (process_vm_writev). */
#ifndef SYSTRAP_CORE_SAFE_MEMORY_H
#define SYSTRAP_CORE_SAFE_MEMORY_H

#include <stddef.h>
#include <stdint.h>

/* Decides, once at start-up, whether reads may use transactions (when the
 * CPU can and allow_transactions; SYSTRAP_TSX=off says not). Until then
 * every read goes through the kernel. */
void safe_memory_init(int allow_transactions);

/* Where reads use no transactions: takes SIGSEGV and SIGBUS over
 * (trap_signal_own_faults) so that reads copy directly and recover from
 * their own faults, the kernel copying only while a fault signal is
 * blocked. After trap_signal_install. 0 (also when transactions are used)
 * or -errno. */
int safe_memory_own_faults(void);
int safe_memory_uses_fault_copy(void);

/* Bytes copied; fewer than n where memory stops being readable. */
size_t safe_read(void *dst, uintptr_t src, size_t n);

/* Whether a byte of every page of [lo, hi) can be read now. Code mapped
 * PROT_EXEC without PROT_READ is execute-only on a CPU with protection
 * keys (the kernel gives it its execute-only key): its bytes cannot be
 * read, by us either, and it is left as the program mapped it. */
int safe_pages_readable(uintptr_t lo, uintptr_t hi);
/* The same where it needs no system call (a transaction, or the recovering
 * copy while no fault signal may be blocked); 0 where it would. */
size_t safe_read_without_syscalls(void *dst, uintptr_t src, size_t n);
/* 0 when all n bytes were written, else -EFAULT. */
int safe_write(uintptr_t dst, const void *src, size_t n);

/* For tests and benchmarks: whether reads use transactions now, and how
 * many reads the kernel has done (every read without transactions, the
 * rest after an abort; exact for one thread, approximate for several). */
int safe_memory_uses_transactions(void);
unsigned long safe_memory_kernel_reads(void);

#endif
