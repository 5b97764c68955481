/* Copying the program's memory inside a hardware transaction (Intel RTM):
 * a fault on an unmapped, PROT_NONE or not-yet-present page aborts the
 * transaction instead of raising SIGSEGV or SIGBUS, and nothing is written.
 * It costs ~16 ns for a few bytes, against ~400 ns for the kernel doing the
 * copy (process_vm_readv, plus getpid to name ourselves). Only where the
 * CPU has RTM; safe_memory falls back to the kernel whenever a transaction
 * aborts, for any reason (a fault, an interrupt, capacity). */
#ifndef SYSTRAP_ARCH_TX_COPY_H
#define SYSTRAP_ARCH_TX_COPY_H

#include <stddef.h>

/* Whether transactions can succeed on this CPU: CPUID says RTM and not
 * "RTM always aborts". */
int arch_tx_available(void);

/* Takes the answer as a launcher found it (cpu_facts.h): no CPUID. */
void arch_tx_assume(int available);

/* Copies n bytes from src to dst in one transaction. Returns 1 when all
 * were copied, 0 when it aborted (then dst is as it was). Also 0 when
 * called inside a transaction already (the program's own, if it made a
 * syscall in one): an abort here would abort the program's. Needs
 * arch_tx_available(). */
int arch_tx_copy(void *dst, const void *src, size_t n);

#endif
