/* strace's -n and -i: what follows the pid and the time at the start of
 * every line, "[  39] " (the thread's syscall number) and
 * "[00007f0123456789] " (the address after the program's syscall
 * instruction, as the kernel reports it to strace).
 *
 * A call's line shows its own number and site. A signal's line shows the
 * last call the thread entered (traced or not, as strace, which stops at
 * every call) and where the signal found the thread: in or right after a
 * call, that call's site (the program's, not our trampoline's), else the
 * interrupted instruction. "+++" lines show the last call and no address
 * ("????????????????"), as strace's do. Trap path: no libc. */
#ifndef TOOLS_TRACE_TRACE_LEAD_H
#define TOOLS_TRACE_TRACE_LEAD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "systrap/handlers/trace_options.h"

/* What a thread's next line shows (in struct trace_thread). */
struct trace_lead {
	long nr_plus1;   /* the syscall number + 1; 0: none known */
	uintptr_t ip;    /* the address after the syscall; 0: unknown */
};

/* When set, what every line shows instead of its thread's: execve's line,
 * printed by the new image before systrap gives it per-thread state. */
extern const struct trace_lead *trace_lead_override;

/* -t/-tt/-ttt and --timestamps=: "HH:MM:SS" (UTC: no time zone on the
 * trap path) or seconds since the epoch, then "." and the option's digits
 * of the second, then a space; nothing without the option. At most 32
 * bytes; the width counts ten digits for the epoch's seconds. */
size_t trace_time_width(const struct trace_options *o);
char *trace_time_put(char *p, const struct trace_options *o,
		     const struct timespec *t);
/* -r/--relative-timestamps=: strace's "%6ld" seconds, "." and the
 * option's digits of the time since the previous line, "(+...) " around
 * it after an absolute time. At most 40 bytes. */
size_t trace_relative_width(const struct trace_options *o);
char *trace_relative_put(char *p, const struct trace_options *o,
			 long long ns);
/* -T/--syscall-times=: " <S.DIGITS>" of a call that took ns. */
char *trace_duration_put(char *p, const struct trace_options *o,
			 unsigned long long ns);

/* The width of what trace_lead_put writes (0 with neither option). */
size_t trace_lead_width(const struct trace_options *o);
/* Writes "[  39] " (-n) and "[00007f...] " (-i) for lead (NULL: nothing
 * known) at p; returns the end. At most 32 bytes. */
char *trace_lead_put(char *p, const struct trace_options *o,
		     const struct trace_lead *lead);

#endif
