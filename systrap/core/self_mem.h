/* Writing into our own process's mappings through /proc/self/mem: a forced
 * write, as a debugger's, that copies a private page on write and leaves
 * the mapping and its protection as they are. On a guest with shadow
 * paging it costs ~8 us a page where two mprotects and a store cost ~32
 * (docs/PERFORMANCE.md, "Patching without mprotect"). Only where no other
 * thread can run the bytes being written (lazy instrumenting's one thread,
 * under the instrumenter's lock): the write is not atomic.
 *
 * The file is opened at the first write of a session and closed at its
 * end; sessions nest, so that one commit's pool and code pages share one
 * open. A refusal (no /proc, a kernel or an LSM that forbids forced
 * writes) is kept: the callers fall back to mprotect and stores, and
 * /proc/self/mem is not asked again. Freestanding: raw system calls only
 * (tests:code_patch_symbols_test). */
#ifndef SYSTRAP_CORE_SELF_MEM_H
#define SYSTRAP_CORE_SELF_MEM_H

#include <stddef.h>
#include <stdint.h>

/* Whether writes may be tried: /proc/self/mem was never refused. */
int self_mem_usable(void);

/* A session of writes: begin and end in pairs; the file is closed at the
 * outermost end. */
void self_mem_begin(void);
void self_mem_end(void);

/* n bytes from b at address at: 0 when all went in; -1 when refused
 * (then self_mem_usable() is 0 from here on), or outside a session. */
int self_mem_write(uintptr_t at, const void *b, size_t n);

#endif
