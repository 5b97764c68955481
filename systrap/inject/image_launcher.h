/* A launcher's side of the self-contained image, over the injector
 * (inject.h): start a program with a tool's image in place before its first
 * instruction, and give every execve it (or, if the launcher wants, any
 * descendant) makes the same, through the launch channel
 * (systrap/image/launch_channel.h). The launcher's main loop calls
 * image_launcher_serve() whenever it wakes; a traced process that posts a
 * request also sends the launcher SIGCHLD, so a loop that sleeps in
 * sigtimedwait(SIGCHLD) answers at once.
 *
 * Single-threaded: every call from the thread that started the program
 * (ptrace's rule). Runs in the launcher: libc allowed. */
#ifndef SYSTRAP_INJECT_IMAGE_LAUNCHER_H
#define SYSTRAP_INJECT_IMAGE_LAUNCHER_H

#include <stddef.h>
#include <sys/types.h>

#include "systrap/inject/inject.h"

struct launch_channel;

struct image_launcher {
	/* Set by the caller before image_launcher_open: */
	/* Whether process tgid's execs are followed (others exec without
	 * the image). */
	int (*follow)(pid_t tgid, void *arg);
	/* A child of the launcher ended and one of the injector's waits
	 * took its status (inject_on_child_ended): the caller's own
	 * reaping, which will not see it again. */
	void (*child_ended)(pid_t pid, int status, void *arg);
	/* One line, no newline, about process pid's exec that could not be
	 * followed. */
	void (*notice)(pid_t pid, const char *line, void *arg);
	/* Process pid exec'd a program whose code no image can run in (a
	 * 32-bit program): it is let go untraced, as it runs natively, after
	 * this call and a notice saying so; settings are those its image
	 * would have had (the execve's line among them). May be NULL. */
	void (*foreign)(pid_t pid, const char *const settings[], void *arg);
	void *arg;

	/* Filled by image_launcher_open and image_launcher_give_fd: */
	int give_fds[INJECT_MAX_FDS];
	const char *give_names[INJECT_MAX_FDS];
	int give_count;
	void *image;
	size_t image_size;
	/* The image file (absolute path, identity), mapped in the programs
	 * rather than copied where they can open it. */
	struct inject_image_source source;
	char image_path[4096];
	struct launch_channel *channel;
	int channel_fd;
	/* The channel's `posted` count when image_launcher_serve last
	 * looked at its requests. */
	uint32_t posted_seen;
	/* Whether the thread that wakes us for posters below our pid
	 * namespace runs (launch_channel.h; started at the first such post). */
	int futex_watch;
	char launcher_setting[64]; /* SYSTRAP_LAUNCHER=PID:FD */
	char cpu_setting[64];      /* SYSTRAP_CPU=... (arch/cpu_facts.h) */

	/* Filled by image_launcher_attach (and _leave): the signal that
	 * had stopped the process (a group stop, as SIGSTOP makes) when it
	 * was attached, or a SIGSTOP pending then, else 0; it is left so
	 * stopped. */
	int attach_stop_sig;
};

/* Reads the image at image_path and makes the launch channel (a memfd,
 * close-on-exec: traced processes open it through /proc). */
int image_launcher_open(struct image_launcher *l, const char *image_path,
			struct inject_error *err);

/* Every image started from now on gets a copy of fd (inject_give_fds)
 * and the setting "NAME=N", N its number there, which the image must
 * close and remove from its settings once used. The launch channel's is
 * given this way (SYSTRAP_LAUNCHER_FD). Returns 0 or -ENOSPC. */
int image_launcher_give_fd(struct image_launcher *l, int fd, const char *name);

/* Every image started gets SYSTRAP_PIDNS_OURS=1 where the process's
 * /proc/PID/status shows it in our pid namespace, with /proc ours: its
 * tools need not look that up, and its exec requests may name us by our
 * pid (launch_channel.h). An image started at an exec stop gets
 * SYSTRAP_EXEC_LOOKUP=1 where the status shows no seccomp filter and the
 * kernel (6.8 on) looks an execve's file up before anything else: an
 * execve whose file is not there is then answered without a request
 * (intercept_exec_lookup_settled). */
/* Starts file with argv and envp (envp is the program's, untouched)
 * stopped at its first instruction, maps the image with settings (plus
 * SYSTRAP_LAUNCHER), runs it, and lets the program go. *pid is the
 * program's (0 if no process was made). On failure the program is killed
 * and reaped, and err says why (-EPERM: ptrace was refused; the caller
 * may fall back; -ENOENT, -EACCES, -ENOEXEC: its exec failed). */
int image_launcher_start(struct image_launcher *l, const char *file,
			 char *const argv[], char *const envp[],
			 inject_child_setup setup, void *setup_arg,
			 const char *const settings[], pid_t *pid,
			 struct inject_error *err);
/* A program in 32-bit code is not traced (the image is x86-64 code):
 * image_launcher_start and _start_spawned let it go as it is (0; the
 * foreign callback and a notice say so), as does a followed exec of one. */
/* The same for a child inject_spawn_begin made (which may be made before
 * image_launcher_open: its exec then overlaps the launcher's set-up). */
int image_launcher_start_spawned(struct image_launcher *l,
				 struct inject_spawn *s,
				 const char *const settings[], pid_t *pid,
				 struct inject_error *err);

/* Attaches to running process pid: stops every thread, refuses a process
 * that already runs systrap (its threads have systrap's thread pointer),
 * maps the image with settings (plus SYSTRAP_ATTACH_PCS: where each thread
 * will resume, which no patch may cover) and runs it on one thread, then
 * the image's thread entry on each other thread, and lets them all go: a
 * thread stopped in a call restarts it, now through systrap. A process
 * that has the image from an earlier attach takes it back with the new
 * settings (its tools start anew); one that runs a preloaded systrap is
 * refused. Returns 0 or -errno with err naming the reason. */
int image_launcher_attach(struct image_launcher *l, pid_t pid,
			  const char *const settings[], struct inject_error *err);

/* Leaves process pid, which we attached to: stops every thread again,
 * has the image put back what its tools changed (their systrap_on_leave
 * functions: the program's own signal actions), and lets them go. The
 * sites stay patched as pass-through. A process attached again later
 * takes the image already there (no second patching). 0 or -errno. */
int image_launcher_leave(struct image_launcher *l, pid_t pid,
			 struct inject_error *err);

/* Answers every posted exec request: attach, wait for the exec, give the
 * new program the image with the settings the old one passed on, let it go;
 * or answer "not followed". Returns how many were answered. */
int image_launcher_serve(struct image_launcher *l);

#endif
