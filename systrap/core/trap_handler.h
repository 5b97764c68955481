/* The trap signal's handler (not the jump trampolines: those are
 * jump_patch.h's and jump_pool.h's). It turns a trap into a systrap_call,
 * runs the handlers and the call, and resumes the program after the
 * site. */
#ifndef SYSTRAP_CORE_TRAP_HANDLER_H
#define SYSTRAP_CORE_TRAP_HANDLER_H

#include <signal.h>

void trap_handler(int sig, siginfo_t *info, void *context);

#endif
