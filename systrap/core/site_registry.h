/* The registry of patched sites: for every trap systrap planted, where it is,
 * what it replaced and what it is for. The trap handler looks addresses up
 * here, lock-free, to tell its own traps from the program's genuine ud2/int3.
 * Writers (the instrumenter) are serialised by the caller's lock, held with
 * every signal blocked. */
#ifndef SYSTRAP_CORE_SITE_REGISTRY_H
#define SYSTRAP_CORE_SITE_REGISTRY_H

#include <stdint.h>

enum site_role {
	SITE_SYSCALL = 1, /* a syscall instruction replaced by a trap */
	SITE_RESUME = 2,  /* a trap after a syscall run in the program's own
			     context (a gadget): run post hooks, then resume */
};

struct trap_site {
	uintptr_t addr;      /* 0 = empty slot */
	uintptr_t resume_to; /* SITE_RESUME, or SITE_SYSCALL at a trampoline's
				slow exit: the original site's address */
	uint32_t object;     /* index in the object table */
	int32_t nr;          /* SITE_RESUME: the syscall the gadget runs */
	uint8_t role;
	uint8_t kind;        /* enum arch_trap_kind */
	uint8_t original[2]; /* the bytes the trap replaced */
	uint8_t child;       /* SITE_RESUME of a fork-like call: what its
				child does with its thread block
				(THREAD_BLOCK_CHILD_*, thread_block.h) */
};

/* Reserves the table. Returns 0 or -ENOMEM. */
int site_registry_init(void);

/* Adds a site (a copy of *site). Returns 0, -EEXIST or -ENOSPC. */
int site_registry_add(const struct trap_site *site);

/* Copies the site at addr into *out and returns 1, or returns 0 if there is
 * none. Async-signal-safe and lock-free: it may run in a signal handler that
 * interrupted a writer on another thread (never on its own: writers block
 * every signal). */
int site_registry_find(uintptr_t addr, struct trap_site *out);

/* Removes the site at addr. Returns 1, or 0 if there was none. */
int site_registry_remove(uintptr_t addr);

/* Removes every site in [lo, hi) (the code there was unmapped). Returns how
 * many were removed. */
unsigned long site_registry_remove_range(uintptr_t lo, uintptr_t hi);

/* The same for the sites in [lo, hi) that take(site, arg) takes (returns
 * 1 for); take runs inside the registry's write (no registry call of its
 * own) and may be shown a site it kept twice. */
unsigned long site_registry_remove_range_if(
	uintptr_t lo, uintptr_t hi,
	int (*take)(const struct trap_site *site, void *arg), void *arg);

unsigned long site_registry_count(void);

#endif
