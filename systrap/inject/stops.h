/* Resuming a tracee the injector drives until its next trap, holding back
 * the asynchronous signals that arrive meanwhile. */
#ifndef SYSTRAP_INJECT_STOPS_H
#define SYSTRAP_INJECT_STOPS_H

#include <signal.h>
#include <stdint.h>

#include "systrap/inject/inject.h"

enum inject_stop {
	INJECT_STOP_TRAP,  /* a kernel-made SIGTRAP: *si says which */
	INJECT_STOP_FAULT, /* a synchronous fatal signal (SEGV, BUS, ILL,
			      FPE, SYS): *si says which and where */
};

/* Resumes t with request (PTRACE_SINGLESTEP or PTRACE_CONT, signal 0) and
 * waits for the next stop that is the tracee's own doing. A signal sent
 * from outside (kill, a child's SIGCHLD...) is recorded in
 * t->deferred_signals and the tracee resumed the same way again; the
 * exec's own SIGTRAP, still pending if another signal came first, is
 * dropped (as the detach with 0 would drop it). Returns an enum
 * inject_stop, or -errno with err set when the tracee exited or was killed
 * (t->gone) or ptrace failed. */
int inject_resume_to_stop(struct inject_target *t, int request,
			  siginfo_t *si, struct inject_error *err);

/* inject_run_entry, and *stop_pc (unless NULL) the pc of the breakpoint's
 * stop (just past the int3): the load stub's own when it stopped, its
 * continuation's when it went on to run the image's entry. */
int inject_run_code(struct inject_target *t, uint64_t pc, uint64_t arg,
		    long *result, uint64_t *stop_pc, struct inject_error *err);

/* inject_run_code for code that goes on to the program by itself when all
 * goes well (INJECT_GO_ON: the boot, the stub and an image's entry that
 * tell their launcher how it went, remote_stub.h, image_abi.h): the
 * registers set for the call, then PTRACE_DETACH instead of a resume, and
 * a wait for the code's signal instead of its stop. Success: *went_on set,
 * the thread detached and running the program (t->detached), no stop made.
 * Failure: the thread, parked in the code, is taken back (PTRACE_SEIZE,
 * PTRACE_INTERRUPT) and left as inject_run_code leaves it at a
 * breakpoint: *result the code's result, *stop_pc where it parked, every
 * register the program's again. -errno with err set where the thread died
 * or could not be taken back (t->gone where it died). */
struct inject_go_on_watch {
	/* The image's outcome words in the tracee (image_abi.h,
	 * SYSTRAP_IMAGE_GOES_ON), 0: none; and [lo, hi) ranges of code that
	 * parks without the image (the boot's, the stub's page). Read
	 * where no signal comes (a policy refusing the code's kill). */
	uint64_t outcome_at;
	uint64_t nonce; /* this start's, in the words' third */
	uint64_t park_lo[2], park_hi[2];
};
int inject_run_code_going_on(struct inject_target *t, uint64_t pc,
			     uint64_t arg, const struct inject_go_on_watch *w,
			     long *result, uint64_t *stop_pc, int *went_on,
			     struct inject_error *err);
/* Counts a stop waited for elsewhere (inject_stops_waited). */
void inject_note_stop(void);
/* Records a stop's signal as held back, unless it is the exec's SIGTRAP. */
void inject_defer_signal(struct inject_target *t, const siginfo_t *si);

#endif
