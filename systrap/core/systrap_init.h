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

/* Attaching to a running process (its threads stopped): where they will
 * resume, which no jump may cover (instrumenter_avoid_pcs). Before
 * systrap_init. */
void systrap_init_avoid_pcs(const uintptr_t *pcs, int n);

/* Started at an exec, before the program's first instruction: no handler
 * of the program's can exist yet (only SIG_DFL, and SIG_IGN inherited),
 * so none needs re-wrapping (trap_signal_no_handlers_yet). ignored, when
 * not NULL: the signals the exec left ignored (bit sig - 1, the
 * launcher's read of SigIgn), so that no action need be read at all
 * (systrap_start_actions). Before systrap_init. */
void systrap_init_at_exec(const uint64_t *ignored);

/* A launcher leaves: runs the tools' systrap_on_leave functions. */
void systrap_init_leave(void);

/* Attaching: makes the calling thread (not the one systrap_init ran on)
 * ready to trap: its thread block, its alternate stack read, the trap
 * signal unblocked. After systrap_init succeeded. Returns 0 or -errno. */
int systrap_init_adopt_thread(void);

#endif
