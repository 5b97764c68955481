/* The launch channel: shared memory (a memfd the launcher makes) through
 * which a traced process asks its launcher to catch its execve, so that the
 * new program gets the image before its first instruction too.
 *
 * The image maps it at start-up (SYSTRAP_LAUNCHER=PID:FD names the
 * launcher's descriptor, opened through /proc, as the trace ring is). Before
 * an execve the process fills a free request with its tid and the settings
 * the new image is to get, marks it POSTED, bumps `posted` and wakes the
 * launcher (SIGCHLD, which it waits for), then waits on the request's
 * state: the launcher either attaches to the thread with PTRACE_SEIZE and
 * answers GO (the execve then stops in PTRACE_EVENT_EXEC, where the
 * launcher maps the new image and detaches), UNFOLLOWED (not traced), or PRELOAD (ptrace refused, as when
 * a debugger traces the process: the new program then gets the tool's
 * preload and the kept settings in its environment, the preload way). An
 * execve that fails is reported as EXEC_FAILED, and the launcher detaches.
 * The launcher frees the request. No ptrace is left in steady state: only
 * the moments of an execve.
 *
 * A process in a pid namespace below the launcher's (`unshare -pf`, a
 * container) cannot name the launcher by its pid, nor be named by its own:
 * it fills the request with its tid and tgid as the launcher's namespace
 * numbers them (its /proc/self/status NStgid and NSpid lines, in the
 * launcher's column, where its /proc is the launcher's: `proc_dev`), and
 * wakes the launcher with a futex wake of `posted` instead of a signal;
 * where its /proc does not show them, it posts UNNAMED with its own tid,
 * which the launcher says it cannot follow.
 *
 * Nothing here calls libc: the process side runs on the trap path. */
#ifndef SYSTRAP_IMAGE_LAUNCH_CHANNEL_H
#define SYSTRAP_IMAGE_LAUNCH_CHANNEL_H

#include <stdint.h>

#define LAUNCH_CHANNEL_MAGIC 0x314c4e4843545359ULL /* "YSTCHNL1" */
#define LAUNCH_REQUESTS 16
#define LAUNCH_REQUEST_BYTES 16384
#define LAUNCH_SETTINGS_MAX (LAUNCH_REQUEST_BYTES - 64)

enum launch_state {
	LAUNCH_FREE = 0,
	LAUNCH_FILLING,     /* a process is writing it */
	LAUNCH_POSTED,      /* waiting for the launcher */
	LAUNCH_GO,          /* seized: exec now */
	LAUNCH_UNFOLLOWED,  /* exec without the image */
	LAUNCH_PRELOAD,     /* ptrace refused (a debugger traces the
			       process): exec with the preload instead */
	LAUNCH_EXEC_FAILED, /* the execve returned `error` */
	LAUNCH_TAKEN,       /* the launcher is done with the process */
	LAUNCH_UNNAMED,     /* a process in a pid namespace below the
			       launcher's whose pid there it cannot tell
			       (tid: its own): said, never followed */
};

struct launch_request {
	int32_t state; /* enum launch_state; futex word for the process */
	int32_t tid;   /* the thread that will exec */
	int32_t tgid;
	int32_t error; /* EXEC_FAILED: the execve's -errno */
	uint32_t settings_size; /* "NAME=value\0"... "\0", final \0 included */
	int32_t by_futex; /* posted by a process that cannot signal us */
	char pad[40];
	char settings[LAUNCH_SETTINGS_MAX];
};

struct launch_channel {
	uint64_t magic;
	uint32_t posted; /* bumped at each post; futex word (see above) */
	int32_t closed;  /* the launcher is gone or detached: exec without it */
	/* The launcher's /proc (its st_dev) and its level's column in that
	 * /proc's NS lines: how a process below it finds its pid there. */
	uint64_t proc_dev;
	int32_t proc_column;
	char pad[4096 - 28];
	struct launch_request requests[LAUNCH_REQUESTS];
};

#define LAUNCH_CHANNEL_BYTES sizeof(struct launch_channel)

#endif
