/* Ending as PROG ended: its exit code, or death by its signal without a
 * core of our own (as strace ends). */
#ifndef SYSTRAP_TOOLS_RUN_EXIT_AS_H
#define SYSTRAP_TOOLS_RUN_EXIT_AS_H

/* status: PROG's, as waitpid gave it. Never returns. */
void exit_as(int status) __attribute__((noreturn));

#endif
