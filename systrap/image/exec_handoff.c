#include "systrap/image/exec_handoff.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/intercept.h"
#include "systrap/core/proc_status.h"
#include "systrap/image/launch_channel.h"

static struct launch_channel *channel;
static int launcher_pid;
/* Whether launcher_pid names the launcher here: the launcher found this
 * process in its pid namespace at its start (SYSTRAP_PIDNS_OURS), and no
 * fork since made it a child in a namespace of its own (fork_child). */
static int launcher_named;
/* An UNNAMED request was posted (launch_channel.h): said once a process. */
static int unnamed_said;

/* How long a process waits for its launcher's answer before it execs
 * without the image (the launcher is stuck; one that has exited, as
 * systrap-run does when its PROG ends, is not waited for). */
#define ANSWER_WAIT_SECONDS 10

static long futex_wait(int32_t *word, int32_t value, const struct timespec *t)
{
	return raw_syscall6(SYS_futex, (long)word, FUTEX_WAIT, value, (long)t,
			    0, 0);
}

/* The launcher sleeps in sigtimedwait for SIGCHLD: one more wakes it at
 * once (it reaps nothing, then serves the channel). Nobody waits on
 * `posted` for a process that can name the launcher (a futex wake of it
 * was a system call an exec for nothing); one below its pid namespace
 * wakes the launcher's thread that does (launch_channel.h).
 * 0, or -ESRCH when the launcher is gone. */
static long poke_launcher(int named)
{
	if (!named)
		return raw_syscall6(SYS_futex, (long)&channel->posted,
				    FUTEX_WAKE, 1, 0, 0, 0) < 0
			       ? -ESRCH
			       : 0;
	return raw_syscall2(SYS_kill, launcher_pid, SIGCHLD);
}

/* Whether the launcher can still answer: not detached, alive (where its
 * pid names it). */
static int launcher_there(int named)
{
	return !__atomic_load_n(&channel->closed, __ATOMIC_ACQUIRE) &&
	       (!named || raw_syscall2(SYS_kill, launcher_pid, 0) != -ESRCH);
}

/* Whether launcher_pid names the launcher in this task: a vfork child
 * (our memory, our flag) in a namespace below its parent's sees no parent
 * either. */
static int named_here(void)
{
	return launcher_named && raw_syscall0(SYS_getppid) != 0;
}

/* A fork child whose parent it cannot see (getppid says 0) is in a pid
 * namespace of its own, below its parent's: the launcher's pid no longer
 * names it there. */
static void fork_child(void)
{
	if (launcher_named && raw_syscall0(SYS_getppid) == 0)
		launcher_named = 0;
}

/* This thread's tid and tgid as the launcher's pid namespace numbers them,
 * read from /proc/thread-self/status where that /proc is the launcher's
 * (its device): 0 when they cannot be told (a /proc of our own namespace,
 * mounted over it, shows no level above ours). */
static __attribute__((noinline)) int ids_for_launcher(int32_t *tid,
						       int32_t *tgid)
{
	struct stat st;
	if (raw_newfstatat(AT_FDCWD, "/proc", &st, 0) < 0 ||
	    (uint64_t)st.st_dev != channel->proc_dev)
		return 0;
	long fd = raw_openat(AT_FDCWD, "/proc/thread-self/status",
			     O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	char buf[2048];
	long n = 0;
	while (n < (long)sizeof buf - 1) {
		long r = raw_read((int)fd, buf + n, sizeof buf - 1 - (size_t)n);
		if (r <= 0)
			break;
		n += r;
	}
	raw_close((int)fd);
	buf[n] = 0;
	int column = channel->proc_column, ids[32];
	*tid = proc_status_ids(buf, "\nNSpid:", ids, 32) > column ? ids[column]
								   : 0;
	*tgid = proc_status_ids(buf, "\nNStgid:", ids, 32) > column
			? ids[column]
			: 0;
	return *tid > 0 && *tgid > 0;
}

/* One kill an exec where there were three: the poke tells whether the
 * launcher is there (rather than a kill(pid, 0) before posting), and
 * while waiting it is asked again only when a wait step timed out. */
static long before_exec(void)
{
	if (!channel || __atomic_load_n(&channel->closed, __ATOMIC_ACQUIRE))
		return -1;
	int named = named_here();
	/* Once said that our execs cannot be followed, not again (a shell's
	 * PATH search tries several). */
	if (!named && unnamed_said)
		return -1;
	struct launch_request *r = 0;
	int k;
	/* Every request taken (more execs at once than LAUNCH_REQUESTS, as a
	 * parallel make or a shell's background jobs make): wait for one to
	 * be answered (the launcher serves each in well under a millisecond)
	 * while it is there, where the exec used to go on untraced and
	 * unsaid. */
	for (int waited = 0; !r; waited++) {
		for (k = 0; k < LAUNCH_REQUESTS; k++) {
			int32_t expected = LAUNCH_FREE;
			if (__atomic_compare_exchange_n(
				    &channel->requests[k].state, &expected,
				    LAUNCH_FILLING, 0, __ATOMIC_ACQ_REL,
				    __ATOMIC_RELAXED)) {
				r = &channel->requests[k];
				break;
			}
		}
		if (r)
			break;
		if (waited >= ANSWER_WAIT_SECONDS * 1000 ||
		    (waited % 100 == 99 && !launcher_there(named)))
			return -1;
		const struct timespec ms = {0, 1000 * 1000};
		raw_syscall2(SYS_nanosleep, (long)&ms, 0);
	}
	r->settings_size =
		(uint32_t)intercept_kept_copy(r->settings, LAUNCH_SETTINGS_MAX);
	r->error = 0;
	r->by_futex = !named;
	int32_t state = LAUNCH_POSTED;
	if (named) {
		r->tid = (int32_t)raw_gettid();
		r->tgid = (int32_t)raw_getpid();
	} else if (!ids_for_launcher(&r->tid, &r->tgid)) {
		/* Said by the launcher; the new program runs untraced. */
		r->tid = (int32_t)raw_gettid();
		r->tgid = (int32_t)raw_getpid();
		state = LAUNCH_UNNAMED;
	}
	/* Where Yama allows only ancestors to attach, a process that
	 * outlived its parent still names its launcher (no effect
	 * elsewhere; PR_SET_PTRACER takes the launcher's pid as we see it). */
	if (named)
		raw_syscall2(SYS_prctl, PR_SET_PTRACER, launcher_pid);
	__atomic_store_n(&r->state, state, __ATOMIC_RELEASE);
	__atomic_add_fetch(&channel->posted, 1, __ATOMIC_RELEASE);
	int there = poke_launcher(named) != -ESRCH;
	if (state == LAUNCH_UNNAMED) {
		unnamed_said = 1;
		return -1; /* the launcher frees it once said */
	}
	struct timespec step = {0, 100 * 1000 * 1000};
	for (int waited = 0; there && waited < ANSWER_WAIT_SECONDS * 10;
	     waited++) {
		int32_t s = __atomic_load_n(&r->state, __ATOMIC_ACQUIRE);
		if (s == LAUNCH_GO)
			return k;
		if (s != LAUNCH_POSTED ||
		    __atomic_load_n(&channel->closed, __ATOMIC_ACQUIRE))
			break;
		if (futex_wait(&r->state, LAUNCH_POSTED, &step) == -ETIMEDOUT)
			there = launcher_there(named);
	}
	/* Unfollowed, or no answer: take the request back if the launcher
	 * has not (it frees an answered one). */
	int32_t posted = LAUNCH_POSTED;
	if (__atomic_compare_exchange_n(&r->state, &posted, LAUNCH_FREE, 0,
					__ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return -1;
	int32_t answer = __atomic_load_n(&r->state, __ATOMIC_ACQUIRE);
	if (answer == LAUNCH_GO)
		return k;
	__atomic_store_n(&r->state, LAUNCH_FREE, __ATOMIC_RELEASE);
	return answer == LAUNCH_PRELOAD ? INTERCEPT_EXEC_PRELOAD : -1;
}

static void exec_failed(long token, long error)
{
	if (token < 0 || !channel)
		return;
	struct launch_request *r = &channel->requests[token];
	r->error = (int32_t)error;
	__atomic_store_n(&r->state, LAUNCH_EXEC_FAILED, __ATOMIC_RELEASE);
	__atomic_add_fetch(&channel->posted, 1, __ATOMIC_RELEASE);
	poke_launcher(named_here());
}

static const struct intercept_exec_handoff handoff = {before_exec, exec_failed,
							fork_child};

/* /proc/PID/fd/FD, opened (needs ptrace access to the launcher). */
static long open_launcher_fd(long pid, long lfd)
{
	char path[64] = "/proc/";
	size_t n = 6;
	char digits[24];
	int d = 0;
	for (long v = pid; d == 0 || v; v /= 10)
		digits[d++] = (char)('0' + v % 10);
	while (d)
		path[n++] = digits[--d];
	const char *mid = "/fd/";
	while (*mid)
		path[n++] = *mid++;
	for (long v = lfd; d == 0 || v; v /= 10)
		digits[d++] = (char)('0' + v % 10);
	while (d)
		path[n++] = digits[--d];
	path[n] = 0;
	return raw_openat(AT_FDCWD, path, O_RDWR | O_CLOEXEC, 0);
}

void exec_handoff_start(void)
{
	/* Whatever happens, execve never puts our settings into the new
	 * program's environment. */
	intercept_set_exec_handoff(&handoff);
	/* The launcher found no seccomp filter at our exec stop, on a
	 * kernel that looks an execve's file up first (image_launcher.h). */
	const char *lookup = getenv("SYSTRAP_EXEC_LOOKUP");
	intercept_exec_lookup_settled(lookup && lookup[0] == '1' && !lookup[1]);
	unsetenv("SYSTRAP_EXEC_LOOKUP");
	/* The channel's descriptor as the launcher gave it to us, else
	 * opened through /proc (image_launcher.h). One process's number:
	 * never passed on to the next image. */
	const char *given = getenv("SYSTRAP_LAUNCHER_FD");
	long fd = given ? strtol(given, 0, 10) : -1;
	unsetenv("SYSTRAP_LAUNCHER_FD");
	const char *spec = getenv("SYSTRAP_LAUNCHER");
	if (!spec) {
		if (fd >= 0)
			raw_close((int)fd);
		return;
	}
	char *end;
	long pid = strtol(spec, &end, 10);
	long lfd = *end == ':' ? strtol(end + 1, 0, 10) : -1;
	if (fd < 0 && lfd >= 0)
		fd = open_launcher_fd(pid, lfd);
	if (fd < 0)
		return;
	long m = raw_syscall6(SYS_mmap, 0, (long)LAUNCH_CHANNEL_BYTES,
			      PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	raw_close((int)fd);
	if (raw_is_error(m))
		return;
	struct launch_channel *c = (struct launch_channel *)m;
	if (c->magic != LAUNCH_CHANNEL_MAGIC) {
		raw_syscall2(SYS_munmap, m, (long)LAUNCH_CHANNEL_BYTES);
		return;
	}
	launcher_pid = (int)pid;
	/* Read, not taken: the tool's ring takes it (trace_ring_producer.c). */
	const char *ours = getenv("SYSTRAP_PIDNS_OURS");
	launcher_named = ours && ours[0] == '1' && !ours[1];
	channel = c;
}
