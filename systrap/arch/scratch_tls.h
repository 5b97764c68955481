/* A TLS of systrap's own, for the moments the image runs code compiled to
 * read the thread pointer: Capstone from Debian's archive is built with
 * -fstack-protector-strong (its functions read the canary at %fs:0x28),
 * and musl's libc functions keep errno behind it. In the self-contained
 * image the program's FS may be 0 (the dynamic loader maps libraries before
 * it sets up TLS; a static program's start) or the program's own layout
 * (Go), so around such code FS points at a scratch block instead, with every
 * signal blocked (a program handler must never run on it), and the
 * program's FS comes back after. Two sigprocmasks, and three arch_prctls
 * where the kernel does not let user code write FS's base itself (with
 * FSGSBASE, an instruction each); only once arch_scratch_tls_enable() was
 * called (the image), otherwise nothing: a preloaded object runs where
 * libc's TLS always is. */
#ifndef SYSTRAP_ARCH_SCRATCH_TLS_H
#define SYSTRAP_ARCH_SCRATCH_TLS_H

#include <stdint.h>

struct arch_scratch_tls {
	int active;
	unsigned long program_fs;
	uint64_t program_mask;
};

/* From now on, arch_scratch_tls_enter() switches. */
void arch_scratch_tls_enable(void);

/* Whether to read and write FS's base with rdfsbase/wrfsbase rather than
 * arch_prctl: only where the kernel enabled them (AT_HWCAP2's
 * HWCAP2_FSGSBASE, which the launcher reads and hands on with the CPU's
 * facts, cpu_facts.h); else they fault. Off until told. */
void arch_scratch_tls_use_fsgsbase(int yes);

/* Points FS at the scratch block (blocking every signal) and keeps what to
 * restore in *saved. Async-signal-safe; nests (an inner call does
 * nothing). */
void arch_scratch_tls_enter(struct arch_scratch_tls *saved);
void arch_scratch_tls_leave(const struct arch_scratch_tls *saved);

/* As arch_scratch_tls_enter, for a caller that has blocked every signal
 * itself (a lock's block): mask is the mask it blocked them from. A leave
 * after a switch (arch_scratch_tls_blocks_all) puts mask back; without
 * one, the mask stays the caller's to restore. Two system calls fewer. */
void arch_scratch_tls_enter_blocked(struct arch_scratch_tls *saved,
				    uint64_t mask);

/* Whether the enter that filled *saved blocked every signal (it switched):
 * a lock taken inside need not block them again. */
static inline int arch_scratch_tls_blocks_all(const struct arch_scratch_tls *saved)
{
	return saved->active;
}

/* At a stop where nothing of the program's can run (the image's start,
 * while its launcher holds the thread): FS on the scratch block with the
 * signal mask untouched, since systrap_init reads the program's. Returns
 * the program's FS, for arch_scratch_tls_restore. */
unsigned long arch_scratch_tls_switch(void);
void arch_scratch_tls_restore(unsigned long program_fs);

/* After arch_scratch_tls_switch, where the switching thread is the only
 * task of its address space (an image started at an exec: a fresh mm):
 * until arch_scratch_tls_restore, an enter knows it is nested without a
 * system call. */
void arch_scratch_tls_alone(void);

#endif
