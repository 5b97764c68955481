/* Staying PROG's parent: reaping it (and any other child), answering the
 * launch channel's exec requests as they come, passing on the signals sent
 * to us, and ending as PROG ended. */
#ifndef SYSTRAP_TOOLS_RUN_SUPERVISE_H
#define SYSTRAP_TOOLS_RUN_SUPERVISE_H

#include <sys/types.h>

#include "systrap/inject/image_launcher.h"

/* A child ended (the main loop reaped it, or the launcher did while it
 * waited for an exec): the image_launcher's child_ended. */
void supervise_child_ended(pid_t pid, int status, void *arg);

/* Runs until PROG (root) ends, serving l's requests (l may be NULL: the
 * preload way has no channel), then exits as PROG did. SIGCHLD must be
 * blocked already (it is waited for with sigtimedwait). */
void supervise(pid_t root, struct image_launcher *l) __attribute__((noreturn));

#endif
