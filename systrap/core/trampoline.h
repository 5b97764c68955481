/* The signal trampoline: the handler of the trap signal. It turns a trap
 * into a systrap_call, runs the handlers and the call, and resumes the
 * program after the site. */
#ifndef SYSTRAP_CORE_TRAMPOLINE_H
#define SYSTRAP_CORE_TRAMPOLINE_H

#include <signal.h>

void trampoline_handle_trap(int sig, siginfo_t *info, void *context);

#endif
