/* seccomp_verdict: what a process's seccomp filters will answer a system
 * call, before it is made: a classic BPF interpreter over struct
 * seccomp_data, as the kernel runs each filter (seccomp_run_filters).
 *
 * Why: a tracer that sees the program install its filters can tell that
 * the next call will kill the process, and print that call's line first,
 * as strace 6.1 prints it (the kernel never returns from it). No libc, no
 * allocation: runs on the trap path. */
#ifndef SYSTRAP_HANDLERS_SECCOMP_VERDICT_H
#define SYSTRAP_HANDLERS_SECCOMP_VERDICT_H

#include <linux/filter.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The kernel's struct seccomp_data (linux/seccomp.h), 64 bytes. */
struct seccomp_call_data {
	int32_t nr;
	uint32_t arch;
	uint64_t instruction_pointer;
	uint64_t args[6];
};

/* The return value of one filter of len instructions for data (its full
 * 32 bits: action and data); -1 where the program is one the kernel would
 * not have taken (an instruction it refuses, a jump or load out of
 * bounds), so nothing is predicted. */
int64_t seccomp_filter_run(const struct sock_filter *insns, unsigned len,
			   const struct seccomp_call_data *data);

/* Of several filters' return values, the one the kernel acts on, taken
 * as seccomp_run_filters takes them: from the newest filter to the
 * oldest, an older one's value replacing `so_far` only where its action
 * is more restrictive (SECCOMP_RET_KILL_PROCESS first, ALLOW last), so
 * that of equal actions the newest filter's data (an ERRNO's errno) wins. */
uint32_t seccomp_verdict_combine(uint32_t so_far, uint32_t older);

/* Whether a return value kills (SECCOMP_RET_KILL_PROCESS or
 * SECCOMP_RET_KILL_THREAD). */
int seccomp_verdict_kills(uint32_t ret);

#ifdef __cplusplus
}
#endif

#endif
