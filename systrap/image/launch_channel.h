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
};

struct launch_request {
	int32_t state; /* enum launch_state; futex word for the process */
	int32_t tid;   /* the thread that will exec */
	int32_t tgid;
	int32_t error; /* EXEC_FAILED: the execve's -errno */
	uint32_t settings_size; /* "NAME=value\0"... "\0", final \0 included */
	char pad[44];
	char settings[LAUNCH_SETTINGS_MAX];
};

struct launch_channel {
	uint64_t magic;
	uint32_t posted; /* bumped at each post */
	int32_t closed;  /* the launcher is gone or detached: exec without it */
	char pad[4096 - 16];
	struct launch_request requests[LAUNCH_REQUESTS];
};

#define LAUNCH_CHANNEL_BYTES sizeof(struct launch_channel)

#endif
