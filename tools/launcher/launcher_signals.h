/* The launchers' signal mask and signal waits, through the kernel's own
 * calls rather than libc's.
 *
 * Why: the launchers link musl (build_defs/launcher.bzl), which keeps
 * signals 32-34 for itself: sigprocmask reports them unblocked whatever
 * the mask is, so PROG, which gets the mask we were started with, lost a
 * blocked glibc SIGRTMIN (34); and sigtimedwait retries after a handler
 * ran, where the launchers' naps are to end so that the handler's request
 * (leave, detach, a signal to forward) is acted on at once. */
#ifndef TOOLS_LAUNCHER_LAUNCHER_SIGNALS_H
#define TOOLS_LAUNCHER_LAUNCHER_SIGNALS_H

#include <signal.h>
#include <time.h>

/* Blocks SIGCHLD; *old (emptied first) gets the whole mask before. */
void launcher_block_sigchld(sigset_t *old);
/* The thread's mask set to *mask, every signal of it. 0 or -errno. */
int launcher_set_mask(const sigset_t *mask);
/* sigtimedwait without its retries: the signal's number, or -errno
 * (-EAGAIN at the timeout, -EINTR when a handler ran). */
int launcher_wait_signal(const sigset_t *set, const struct timespec *timeout);

#endif
