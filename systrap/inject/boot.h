/* The boot: an image's reservation made, and the load stub started in
 * it, without a ptrace stop of their own (docs/DESIGN.md, "The boot").
 *
 * At an exec stop the reservation (one mmap) was a remote syscall, a stop
 * and a wake of the tracee for itself, because the stub that makes the
 * other calls lives in the reservation; a followed exec also spent the
 * exec's syscall-exit stop first, since the kernel still writes execve's
 * 0 into rax after the exec event (a remote call's number there would be
 * overwritten). The boot is a few instructions the launcher writes over
 * the program's first instruction (systrap/arch/remote_stub.h), which
 * need no rax: they make the mmap, copy in what the loader staged for
 * the reservation (stage.h), clear it from the stack and go on to the
 * stub, whose last calls put the program's bytes back through
 * /proc/self/mem before the image runs. One stop for the reservation,
 * the load and the image's start; two for a followed exec. */
#ifndef SYSTRAP_INJECT_BOOT_H
#define SYSTRAP_INJECT_BOOT_H

#include <stddef.h>
#include <stdint.h>

#include "systrap/inject/inject.h"
#include "systrap/inject/stage.h"

/* Bytes of the program's code the boot covers, at most. */
#define INJECT_BOOT_CODE_MAX 192

/* inject_boot_run's "nothing ran": the caller loads the usual way. */
#define INJECT_BOOT_DECLINED 1

struct inject_boot {
	struct inject_stage stage;
	uint64_t at;                        /* the program's first instruction */
	uint8_t saved[INJECT_BOOT_CODE_MAX]; /* its bytes the boot covers */
	size_t size;
	/* The run goes on to the program without a stop (the launcher
	 * detaches before it: inject_run_code_going_on); the boot, the stub
	 * and the image's entry tell it how it went. */
	int go_on;
	uint64_t outcome_at; /* the image's outcome words (image_abi.h) */
	uint64_t nonce;      /* and this start's value in them */
	int quiet;           /* INJECT_GO_ON_QUIET (tests) */
};

/* Opens a stage on t for [lo, hi) and saves the bytes at t->initial_pc
 * the boot will cover. 0, or -errno (no boot: nothing changed). */
int inject_boot_begin(struct inject_target *t, struct inject_boot *b,
		      uint64_t lo, uint64_t hi, struct inject_error *err);
/* Closes the stage, frees it. */
void inject_boot_end(struct inject_target *t, struct inject_boot *b);

/* Runs the boot: map_args the reserving mmap's (MAP_FIXED_NOREPLACE at
 * lo: every staged byte was laid out for it), then then_pc(then_arg)
 * (the stub and its block, staged). Returns 0 with *stop_pc and *result
 * as inject_run_code gives them (the stub's stop, or its continuation's;
 * with b->go_on, *stop_pc 0 where it went on to the program);
 * INJECT_BOOT_DECLINED when it could not start or its mmap failed (the
 * program's bytes put back, the stack cleared, any mapping it got
 * unmapped: as if nothing ran); or -errno with err set (the tracee is
 * lost: inject_run_code's failures). The stage is closed either way. */
int inject_boot_run(struct inject_target *t, struct inject_boot *b,
		    const long map_args[6], uint64_t then_pc, uint64_t then_arg,
		    long *result, uint64_t *stop_pc, struct inject_error *err);

/* Writes the program's bytes back where the boot was (where the stub
 * stopped before its own calls did). */
int inject_boot_put_back(struct inject_target *t, struct inject_boot *b,
			 struct inject_error *err);

#endif
