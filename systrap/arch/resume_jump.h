/* How code that runs on a thread before its program's first instruction
 * (an image's entry, at an exec stop) ends without a stop of its launcher
 * (systrap/image/image_abi.h, SYSTRAP_IMAGE_GO_ON): on success it gives
 * the program its registers and jumps to it; on failure it parks where the
 * launcher, told by a signal, takes the thread back (PTRACE_SEIZE,
 * PTRACE_INTERRUPT) and reads its result (remote_regs_park_result). No
 * libc: it runs in the traced process, before anything of the program. */
#ifndef SYSTRAP_ARCH_RESUME_JUMP_H
#define SYSTRAP_ARCH_RESUME_JUMP_H

#include "systrap/arch/resume_regs.h"

/* Loads every register r holds and goes on at its pc. The pc and the
 * flags pass through the two words below r's stack pointer (at an exec,
 * unused stack: the program has nothing there yet). */
__attribute__((noreturn, visibility("hidden"))) void
arch_resume_jump(const struct arch_resume_regs *r);

/* Keeps result where remote_regs_park_result reads it, then tells the
 * launcher (kill(notify_pid, sig); none where notify_pid is 0) and waits
 * in pause() for good: the
 * launcher takes the thread from there. The result is in place before
 * the kill, so wherever the launcher's interrupt finds the thread after
 * it, it reads the result right. */
__attribute__((noreturn, visibility("hidden"))) void
arch_park(long result, long notify_pid, long sig);

#endif
