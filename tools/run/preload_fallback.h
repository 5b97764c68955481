/* The preload way, for when ptrace is refused (systrap-run itself traced,
 * as under strace -f; a seccomp policy; Yama): PROG runs with the tool's
 * preload, NAME.so beside NAME.image.so, in LD_PRELOAD and the settings in
 * its environment. It then sees PROG from its constructors on only, and
 * cannot reach static or setuid programs. */
#ifndef SYSTRAP_TOOLS_RUN_PRELOAD_FALLBACK_H
#define SYSTRAP_TOOLS_RUN_PRELOAD_FALLBACK_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/* The preload beside image: "DIR/NAME.image.so" -> "DIR/NAME.so". Returns
 * 0 when that file is readable; -1 otherwise, with out holding the name
 * looked for ("" when image is not named NAME.image.so). */
int preload_beside(const char *image, char *out, size_t len);

/* NULL when the preload can reach the program at path, else why not (a
 * static string). */
const char *preload_cannot_reach(const char *path);

/* Starts path with argv under the preload: a child with LD_PRELOAD =
 * preload in front of ours and settings set in its environment, and the
 * signal mask mask. Returns its pid, or -1 (fork failed). */
pid_t preload_start(const char *path, char *const argv[], const char *preload,
		    const char *const settings[], const sigset_t *mask);

#endif
