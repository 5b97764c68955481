#include "systrap/image/exec_handoff.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/intercept.h"
#include "systrap/image/launch_channel.h"

static struct launch_channel *channel;
static int launcher_pid;

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
 * `posted` (a futex wake of it was a system call an exec for nothing).
 * 0, or -ESRCH when the launcher is gone. */
static long poke_launcher(void)
{
	return raw_syscall2(SYS_kill, launcher_pid, SIGCHLD);
}

/* Whether the launcher can still answer: not detached, alive. */
static int launcher_there(void)
{
	return !__atomic_load_n(&channel->closed, __ATOMIC_ACQUIRE) &&
	       raw_syscall2(SYS_kill, launcher_pid, 0) != -ESRCH;
}

/* One kill an exec where there were three: the poke tells whether the
 * launcher is there (rather than a kill(pid, 0) before posting), and
 * while waiting it is asked again only when a wait step timed out. */
static long before_exec(void)
{
	if (!channel || __atomic_load_n(&channel->closed, __ATOMIC_ACQUIRE))
		return -1;
	struct launch_request *r = 0;
	int k;
	for (k = 0; k < LAUNCH_REQUESTS; k++) {
		int32_t expected = LAUNCH_FREE;
		if (__atomic_compare_exchange_n(&channel->requests[k].state,
						&expected, LAUNCH_FILLING, 0,
						__ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED)) {
			r = &channel->requests[k];
			break;
		}
	}
	if (!r)
		return -1; /* sixteen execs at once: this one goes untraced */
	r->settings_size =
		(uint32_t)intercept_kept_copy(r->settings, LAUNCH_SETTINGS_MAX);
	r->tid = (int32_t)raw_gettid();
	r->tgid = (int32_t)raw_getpid();
	r->error = 0;
	/* Where Yama allows only ancestors to attach, a process that
	 * outlived its parent still names its launcher (no effect elsewhere). */
	raw_syscall2(SYS_prctl, PR_SET_PTRACER, launcher_pid);
	__atomic_store_n(&r->state, LAUNCH_POSTED, __ATOMIC_RELEASE);
	__atomic_add_fetch(&channel->posted, 1, __ATOMIC_RELEASE);
	int there = poke_launcher() != -ESRCH;
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
			there = launcher_there();
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
	poke_launcher();
}

static const struct intercept_exec_handoff handoff = {before_exec, exec_failed};

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
	channel = c;
}
