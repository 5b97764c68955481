/* The injector's one wait: every status the injector takes with waitpid
 * goes through here, so that a tracee's end, which is also the end of the
 * launcher's child, reaches the launcher (inject_on_child_ended) instead
 * of being lost in a wait that only wanted a stop. */
#ifndef SYSTRAP_INJECT_CHILD_WAIT_H
#define SYSTRAP_INJECT_CHILD_WAIT_H

#include <sys/types.h>

/* waitpid(pid, st, flags | __WALL), again on EINTR; an exit or a death by
 * a signal is handed to the function given to inject_on_child_ended. */
pid_t inject_wait_child(pid_t pid, int *st, int flags);

#endif
