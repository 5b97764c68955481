/* The injector's one wait (child_wait.h). */
#include "systrap/inject/child_wait.h"

#include <errno.h>
#include <sys/wait.h>

#include "systrap/inject/inject.h"

/* The launcher is single-threaded (ptrace's rule): plain statics. */
static void (*ended_fn)(pid_t pid, int status, void *arg);
static void *ended_arg;

void inject_on_child_ended(void (*fn)(pid_t pid, int status, void *arg),
			   void *arg)
{
	ended_fn = fn;
	ended_arg = arg;
}

pid_t inject_wait_child(pid_t pid, int *st, int flags)
{
	pid_t w;
	do
		w = waitpid(pid, st, flags | __WALL);
	while (w < 0 && errno == EINTR);
	if (w > 0 && (WIFEXITED(*st) || WIFSIGNALED(*st)) && ended_fn)
		ended_fn(w, *st, ended_arg);
	return w;
}
