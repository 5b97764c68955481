#include "systrap/inject/image_launcher.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "systrap/arch/cpu_facts.h"
#include "systrap/arch/page.h"
#include "systrap/arch/remote_regs.h"
#include "systrap/image/image_abi.h"
#include "systrap/image/launch_channel.h"
#include "systrap/inject/error.h"
#include "systrap/inject/proc_pid.h"

int image_launcher_open(struct image_launcher *l, const char *image_path,
			struct inject_error *err)
{
	int fd = open(image_path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) || st.st_size <= 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return inject_fail(err, -e, "cannot read the image %s: %s",
				   image_path, strerror(e));
	}
	l->image = mmap(0, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (l->image == MAP_FAILED) {
		int e = errno;
		close(fd);
		return inject_fail(err, -e, "cannot map the image %s: %s",
				   image_path, strerror(e));
	}
	l->image_size = (size_t)st.st_size;
	/* Without an absolute path the image is copied into each program.
	 * An absolute one is taken as it is: the program opens the image by
	 * it and checks its identity (device, inode, size, time) before
	 * mapping anything, so it need not be canonical; realpath would
	 * readlink every component (thirteen in Bazel's output tree, ~30 us
	 * of a start, which the program's exec waits for). */
	size_t len = strlen(image_path);
	if (image_path[0] == '/' && len < sizeof l->image_path)
		memcpy(l->image_path, image_path, len + 1);
	else if (!realpath(image_path, l->image_path))
		l->image_path[0] = 0;
	if (!l->image_path[0] ||
	    inject_image_source_init(&l->source, l->image, l->image_size,
				     l->image_path, fd))
		inject_image_source_init(&l->source, l->image, l->image_size,
					 0, fd);
	close(fd);
	l->channel_fd = (int)syscall(SYS_memfd_create, "systrap-launch",
				     MFD_CLOEXEC);
	if (l->channel_fd < 0 ||
	    ftruncate(l->channel_fd, (off_t)LAUNCH_CHANNEL_BYTES))
		return inject_fail(err, -errno, "cannot make the launch channel: %s",
				   strerror(errno));
	l->channel = mmap(0, LAUNCH_CHANNEL_BYTES, PROT_READ | PROT_WRITE,
			  MAP_SHARED, l->channel_fd, 0);
	if (l->channel == MAP_FAILED)
		return inject_fail(err, -errno, "cannot map the launch channel: %s",
				   strerror(errno));
	l->channel->magic = LAUNCH_CHANNEL_MAGIC;
	/* How a process below our pid namespace names itself to us. */
	struct stat proc_st;
	if (!stat("/proc", &proc_st))
		l->channel->proc_dev = (uint64_t)proc_st.st_dev;
	l->channel->proc_column = inject_proc_levels_below();
	/* The injector's waits may take a child's end: the caller's. */
	inject_on_child_ended(l->child_ended, l->arg);
	snprintf(l->launcher_setting, sizeof l->launcher_setting,
		 "SYSTRAP_LAUNCHER=%d:%d", (int)getpid(), l->channel_fd);
	/* SYSTRAP_CPU is made at the first start (with_launcher), where a
	 * spawned child has told us the CPU's facts: no CPUID here. */
	return image_launcher_give_fd(l, l->channel_fd, "SYSTRAP_LAUNCHER_FD");
}

int image_launcher_give_fd(struct image_launcher *l, int fd, const char *name)
{
	if (l->give_count == INJECT_MAX_FDS)
		return -ENOSPC;
	l->give_fds[l->give_count] = fd;
	l->give_names[l->give_count++] = name;
	return 0;
}

/* settings plus SYSTRAP_LAUNCHER (unless already there) and the given
 * descriptors' settings (fd_settings, NULL-ended), NULL-ended. */
static const char **with_launcher(struct image_launcher *l,
				  const char *const settings[],
				  char *const fd_settings[])
{
	size_t n = 0, extra = 0;
	int have = 0;
	while (settings && settings[n]) {
		if (!strncmp(settings[n], "SYSTRAP_LAUNCHER=", 17))
			have = 1;
		n++;
	}
	while (fd_settings[extra])
		extra++;
	const char **all = calloc(n + extra + 3, sizeof *all);
	if (!all)
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		all[k++] = settings[i];
	if (!have)
		all[k++] = l->launcher_setting;
	if (!l->cpu_setting[0]) {
		char facts[48];
		snprintf(l->cpu_setting, sizeof l->cpu_setting, "SYSTRAP_CPU=%s",
			 arch_cpu_facts_text(facts, sizeof facts));
	}
	all[k++] = l->cpu_setting;
	for (size_t i = 0; i < extra; i++)
		all[k++] = fd_settings[i];
	all[k] = 0;
	return all;
}

/* Whether process pid can open our descriptors through /proc/OURPID/fd/N
 * itself: the same user, mount and pid namespaces (our pid and /proc mean
 * the same there, unless that /proc is another namespace's), and ptrace access to us (ids all ours, or
 * CAP_SYS_PTRACE). Then giving them costs six ptrace stops for nothing. */
/* ours: our own link, read once (the launcher never changes namespace);
 * each exec under -f read it again, three readlinks of the six. */
static int same_link(pid_t pid, const char *ns, char ours[128])
{
	char a[64], b[64], lb[128] = "";
	if (!ours[0]) {
		snprintf(a, sizeof a, "/proc/self/ns/%s", ns);
		ssize_t na = readlink(a, ours, 127);
		ours[na > 0 ? na : 0] = 0;
	}
	char what[16];
	snprintf(what, sizeof what, "ns/%s", ns);
	inject_proc_path(b, sizeof b, pid, what);
	ssize_t na = (ssize_t)strlen(ours), nb = readlink(b, lb, sizeof lb - 1);
	return na > 0 && na == nb && !memcmp(ours, lb, (size_t)na);
}

/* Whether status's NSpid line (the process's pid at each level from
 * /proc's pid namespace down) has a single level: with /proc ours, the
 * process is in our pid namespace. -1 without the line (then the link
 * is read: one readlink of the three fewer each exec). */
static int pid_level_ours(const char *status)
{
	const char *n = strstr(status, "\nNSpid:");
	if (!n)
		return -1;
	n += 7;
	int fields = 0;
	for (; *n && *n != '\n'; n++)
		if (*n >= '0' && *n <= '9' && (n[-1] == ' ' || n[-1] == '\t'))
			fields++;
	return fields == 1;
}

/* status: the process's /proc/PID/status text, or NULL to read it. */
/* same_namespaces: the process is known to be in ours (our own spawned
 * child): no readlink of its links, nor of ours at a start (0.017-0.027
 * ms of a start of /bin/true, measured within one build). *pid_ours
 * (unless NULL): whether it is in our pid namespace, /proc ours. */
static int can_open_ours(pid_t pid, const char *status, int same_namespaces,
			 int *pid_ours_out)
{
	static char user[128], mnt[128], pidns[128];
	char buf[4096];
	if (pid_ours_out)
		*pid_ours_out = 0;
	if (!inject_proc_is_ours())
		return 0;
	if (!status) {
		if (inject_proc_read(pid, "status", buf, sizeof buf))
			return 0;
		status = buf;
	}
	int pid_ours = pid_level_ours(status);
	if (pid_ours < 0)
		pid_ours = same_link(pid, "pid", pidns);
	if (pid_ours_out)
		*pid_ours_out = pid_ours;
	if (!pid_ours || (!same_namespaces && (!same_link(pid, "user", user) ||
						!same_link(pid, "mnt", mnt))))
		return 0;
	unsigned long ids[4] = {1, 1, 1, 1}, cap = 0;
	int got = 0;
	const char *u = strstr(status, "\nUid:"), *c = strstr(status, "\nCapEff:");
	if (u && sscanf(u + 1, "Uid: %lu %lu %lu %lu", &ids[0], &ids[1], &ids[2],
			&ids[3]) == 4)
		got |= 1;
	if (c && sscanf(c + 1, "CapEff: %lx", &cap) == 1)
		got |= 2;
	if (got != 3)
		return 0;
	if (cap & (1ul << 19)) /* CAP_SYS_PTRACE */
		return 1;
	uid_t me = getuid();
	return geteuid() == me && ids[0] == me && ids[1] == me &&
	       ids[2] == me && ids[3] == me;
}

/* Said to an image whose process is in our pid namespace, with /proc
 * ours (image_launcher.h): its tools need not look it up. */
static char pidns_ours_setting[] = "SYSTRAP_PIDNS_OURS=1";

/* The settings an image gets in t: settings, SYSTRAP_LAUNCHER, extra (or
 * NULL) and the descriptors' (given first: where the program cannot
 * receive them, a seccomp policy refusing socketpair, the image opens
 * them through /proc instead, where it may), and SYSTRAP_PIDNS_OURS where
 * the status shows the process in our pid namespace. status: t's
 * /proc/PID/status text, or NULL. *ours (unless NULL): whether t can
 * open our descriptors itself. NULL-ended; free() it. */
static const char **image_settings(struct image_launcher *l,
				   struct inject_target *t,
				   const char *const settings[], const char *extra,
				   const char *extra2, const char *extra3,
				   const char *status,
				   char fd_text[INJECT_MAX_FDS + 1][64], int *ours)
{
	char *fd_settings[INJECT_MAX_FDS + 5] = {0};
	int remote_fds[INJECT_MAX_FDS];
	struct inject_error ignored;
	int k = 0, pid_ours = 0;
	int can = (l->give_count || ours) &&
		  can_open_ours(t->pid, status, t->spawned, &pid_ours);
	if (ours)
		*ours = can;
	if (l->give_count && !can &&
	    !inject_give_fds(t, l->give_fds, l->give_count, remote_fds, &ignored))
		for (int i = 0; i < l->give_count; i++) {
			snprintf(fd_text[i], sizeof fd_text[i], "%s=%d",
				 l->give_names[i], remote_fds[i]);
			fd_settings[k++] = fd_text[i];
		}
	if (extra)
		fd_settings[k++] = (char *)extra;
	if (extra2)
		fd_settings[k++] = (char *)extra2;
	if (extra3)
		fd_settings[k++] = (char *)extra3;
	if (pid_ours)
		fd_settings[k++] = pidns_ours_setting;
	return with_launcher(l, settings, fd_settings);
}

/* Whether a /proc/PID/status text says the process has no seccomp
 * filter ("Seccomp:\t0"). */
static int no_seccomp_filter(const char *status)
{
	const char *p = strstr(status, "\nSeccomp:");
	if (!p)
		return 0;
	p += strlen("\nSeccomp:");
	while (*p == ' ' || *p == '\t')
		p++;
	return p[0] == '0' && (p[1] == '\n' || p[1] == 0);
}

/* Whether this kernel's execve looks its file up and opens it before
 * anything else (Linux 6.8 on), so that a lookup that finds nothing gives
 * the error an execve of that path gives first (before, an argv the
 * kernel could not copy, or too big, came first). Asked once. */
static int exec_looks_up_first(void)
{
	static int known = -1;
	if (known < 0) {
		struct utsname u;
		unsigned major = 0, minor = 0;
		known = !uname(&u) &&
			sscanf(u.release, "%u.%u", &major, &minor) == 2 &&
			(major > 6 || (major == 6 && minor >= 8));
	}
	return known;
}

static char exec_lookup_setting[] = "SYSTRAP_EXEC_LOOKUP=1";

/* Maps the image into a stopped program, runs it, lets the program go. */
static int give_image(struct image_launcher *l, struct inject_target *t,
		      const char *const settings[], struct inject_error *err)
{
	char fd_text[INJECT_MAX_FDS + 1][64];
	/* Before the first forced SIGTRAP (inject.h, inject_sigtrap). */
	struct inject_sigtrap trap = {0};
	char trap_text[96];
	/* Read once, for both SIGTRAP's state and who may open our fds. */
	char status[4096];
	int have_status =
		inject_proc_read(t->pid, "status", status, sizeof status) == 0;
	if (have_status)
		inject_sigtrap_parse(status, &trap);
	if (t->sigtrap_was_blocked) /* unblocked for the exec's stop only */
		trap.blocked = 1;
	int ours = 0;
	/* When its execve began (where known) and stopped: a tool that
	 * times calls shows the execve's time (strace -T). */
	char times[80];
	snprintf(times, sizeof times, "SYSTRAP_EXEC_TIMES=%lld:%lld",
		 (long long)t->exec_begin_ns, (long long)t->exec_stop_ns);
	/* A filter could refuse an execve with an error of its own (after
	 * which the process keeps one: the image then learns of any it
	 * installs itself). */
	const char *lookup = have_status && no_seccomp_filter(status) &&
				     exec_looks_up_first()
			     ? exec_lookup_setting
			     : 0;
	const char **all = image_settings(
		l, t, settings,
		inject_sigtrap_setting(&trap, trap_text, sizeof trap_text),
		t->exec_stop_ns ? times : 0, lookup, have_status ? status : 0,
		fd_text, &ours);
	if (!all)
		return inject_fail(err, -ENOMEM, "out of memory");
	long result = 0;
	/* No stop at the end where the image can tell us how its start
	 * went instead (INJECT_GO_ON): a kill of ours it may make (our user
	 * and pid namespace), no SIGTRAP state to put back after it, no
	 * seccomp filter that could refuse it. */
	int go_on = ours && have_status && !trap.blocked && !trap.ignored &&
		    no_seccomp_filter(status);
	/* Every process of the session at one base, relocated once, its
	 * data mapped from the session's copy where it can open it. */
	int e = inject_image_from(t, &l->source, all,
				  INJECT_SESSION_BASE | INJECT_BOOT |
					  (ours ? INJECT_SHARED_DATA : 0) |
					  (go_on ? INJECT_GO_ON : 0),
				  &result, err);
	free(all);
	if (!e && result)
		e = inject_fail(err, (int)result,
				"the image could not start in process %d: %s",
				t->pid, strerror((int)-result));
	if (!e)
		e = inject_sigtrap_restore(t, &trap, err);
	if (e)
		return e;
	return inject_detach(t, err);
}

/* A program at its exec stop that runs in code the image cannot (32-bit):
 * said, then let go as it is, SIGTRAP blocked again where the exec's stop
 * needed it unblocked. */
static int let_foreign_go(struct image_launcher *l, struct inject_target *t,
			  const char *const settings[], struct inject_error *err)
{
	if (l->foreign)
		l->foreign(t->pid, settings, l->arg);
	char line[160];
	snprintf(line, sizeof line, "process %d runs in 32-bit mode, which "
		 "systrap cannot trace (x86-64 code only): its calls are not "
		 "shown", (int)t->pid);
	if (l->notice)
		l->notice(t->pid, line, l->arg);
	const struct inject_sigtrap trap = {.blocked = t->sigtrap_was_blocked};
	int e = inject_sigtrap_restore(t, &trap, err);
	return e ? e : inject_detach(t, err);
}

#define MAX_ATTACH_THREADS 4096

/* "SYSTRAP_ATTACH_PCS=" and every thread's resume pcs, in hex. */
static char *attach_pcs(const struct inject_target *th, int n)
{
	size_t cap = 32 + (size_t)n * 2 * 17;
	char *s = malloc(cap);
	if (!s)
		return 0;
	size_t len = (size_t)snprintf(s, cap, "SYSTRAP_ATTACH_PCS=");
	for (int i = 0; i < n; i++) {
		len += (size_t)snprintf(s + len, cap - len, "%s%llx",
					i ? "," : "",
					(unsigned long long)th[i].initial_pc);
		if (th[i].restart_pc)
			len += (size_t)snprintf(s + len, cap - len, ",%llx",
						(unsigned long long)th[i].restart_pc);
	}
	return s;
}

/* Where the image already in a process comes back in (image_abi.h): its
 * re-entry point and syscall instruction, read through the thread's
 * systrap thread pointer. Returns 1 with both set, 0 when the thread has
 * no thread pointer (no systrap there), -EEXIST when it has one but no
 * image (a preloaded systrap, or the program uses GS itself). */
static int find_reentry(struct inject_target *t, uint64_t words[2],
			struct inject_error *err)
{
	struct remote_regs regs;
	uint64_t tp;
	if (remote_regs_get(t->pid, &regs) ||
	    !(tp = remote_regs_thread_pointer(&regs)))
		return 0;
	if (inject_read_memory(t, tp + SYSTRAP_IMAGE_REENTRY_OFFSET, words,
			       2 * sizeof *words, err) ||
	    !words[0] || !words[1])
		return inject_fail(err, -EEXIST, "process %d already runs systrap "
				   "through a preloaded tool (or uses the GS "
				   "register itself): not patching it twice",
				   t->pid);
	return 1;
}

/* Runs entry on the stopped thread t with a parameter block of its own
 * holding settings, then unmaps the block. */
static int run_with_params(struct inject_target *t, uint64_t entry,
			   const char *const settings[], long *result,
			   struct inject_error *err)
{
	size_t size = sizeof(struct systrap_image_params) + 1;
	for (size_t i = 0; settings[i]; i++)
		size += strlen(settings[i]) + 1;
	size_t map = ARCH_PAGE_UP(size);
	const long margs[6] = {0, (long)map, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0};
	long addr;
	int e = inject_remote_syscall(t, SYS_mmap, margs, &addr, err);
	if (e)
		return e;
	if (addr < 0 && addr > -4096)
		return inject_fail(err, (int)addr, "remote mmap in process %d: %s",
				   t->pid, strerror((int)-addr));
	char *buf = calloc(1, size);
	if (!buf)
		return inject_fail(err, -ENOMEM, "out of memory");
	struct systrap_image_params *p = (void *)buf;
	p->magic = SYSTRAP_IMAGE_MAGIC;
	p->version = SYSTRAP_IMAGE_VERSION;
	p->size = (uint32_t)size;
	p->initial_sp = t->initial_sp;
	p->initial_pc = t->initial_pc;
	p->syscall_insn = t->syscall_insn;
	p->settings_offset = sizeof *p;
	p->settings_size = (uint32_t)(size - sizeof *p);
	char *s = (char *)(p + 1);
	for (size_t i = 0; settings[i]; i++) {
		size_t k = strlen(settings[i]) + 1;
		memcpy(s, settings[i], k);
		s += k;
	}
	e = inject_write_memory(t, (uint64_t)addr, buf, size, err);
	free(buf);
	if (!e)
		e = inject_run_entry(t, entry, (uint64_t)addr, result, err);
	const long uargs[6] = {addr, (long)map};
	long ignored;
	struct inject_error ig;
	if (!t->gone)
		inject_remote_syscall(t, SYS_munmap, uargs, &ignored, &ig);
	return e;
}

/* The image is there already (an earlier attach): it comes back in with
 * the new settings and descriptors, and the tools start anew. */
static int reattach(struct image_launcher *l, struct inject_target *t,
		    const uint64_t words[2], const char *const settings[],
		    struct inject_error *err)
{
	t->syscall_insn = words[1];
	char fd_text[INJECT_MAX_FDS + 1][64];
	const char **all = image_settings(l, t, settings, 0, 0, 0, 0, fd_text, 0);
	if (!all)
		return inject_fail(err, -ENOMEM, "out of memory");
	long result = 0;
	int e = run_with_params(t, words[0], all, &result, err);
	free(all);
	if (!e && result)
		e = inject_fail(err, (int)result, "the image in process %d could "
				"not start again: %s", t->pid,
				strerror((int)-result));
	return e;
}

static int attach_stopped(struct image_launcher *l, pid_t pid,
			  struct inject_target *th, int n, int main,
			  const char *const settings[], struct inject_error *err)
{
	uint64_t words[2];
	int there = find_reentry(&th[main], words, err);
	if (there < 0)
		return there;
	if (there)
		return reattach(l, &th[main], words, settings, err);
	char *pcs = attach_pcs(th, n);
	char fd_text[INJECT_MAX_FDS + 1][64];
	const char **all = pcs ? image_settings(l, &th[main], settings, pcs, 0,
						 0, 0, fd_text, 0)
			       : 0;
	if (!all) {
		free(pcs);
		return inject_fail(err, -ENOMEM, "out of memory");
	}
	struct inject_loaded img;
	long result = 0;
	int e = inject_load_image_from(&th[main], &l->source, all,
				       INJECT_KEEP_BLOCK, &img, err);
	free(all);
	free(pcs);
	if (!e)
		e = inject_run_entry(&th[main], img.entry, img.params, &result, err);
	if (!e && result)
		e = inject_fail(err, (int)result, "the image could not start in "
				"process %d: %s", (int)pid, strerror((int)-result));
	uint64_t entry = 0;
	if (!e)
		e = inject_read_memory(&th[main],
				       img.params + offsetof(struct systrap_image_params,
							     thread_entry),
				       &entry, sizeof entry, err);
	for (int i = 0; !e && i < n; i++) {
		if (i == main || th[i].gone)
			continue;
		long r = 0;
		if (inject_run_entry(&th[i], entry, img.params, &r, err) || r) {
			char line[320];
			snprintf(line, sizeof line, "thread %d is not traced: %s",
				 (int)th[i].pid, r ? strerror((int)-r) : err->msg);
			if (l->notice)
				l->notice(pid, line, l->arg);
		}
	}
	if (!e) {
		const long args[6] = {(long)img.params, (long)img.params_map_size};
		long res;
		inject_remote_syscall(&th[main], SYS_munmap, args, &res, err);
	}
	return e;
}

/* Stops every thread of pid, runs fn on them, lets them go. */
static int with_threads_stopped(struct image_launcher *l, pid_t pid,
				const char *const settings[],
				int (*fn)(struct image_launcher *, pid_t,
					  struct inject_target *, int, int,
					  const char *const[], struct inject_error *),
				struct inject_error *err)
{
	struct inject_target *th = calloc(MAX_ATTACH_THREADS, sizeof *th);
	if (!th)
		return inject_fail(err, -ENOMEM, "out of memory");
	int n = inject_attach_all(pid, th, MAX_ATTACH_THREADS, err);
	if (n < 0) {
		free(th);
		return n;
	}
	/* The main thread, where it still runs: where the image comes in. */
	int main = 0;
	for (int i = 0; i < n; i++)
		if (th[i].pid == pid)
			main = i;
	int e = fn(l, pid, th, n, main, settings, err);
	/* Stopped when seized, or by a SIGSTOP that was still pending: it
	 * came while we injected, held back, and is sent again as we let
	 * the threads go. */
	l->attach_stop_sig = th[main].stop_sig;
	for (int i = 0; i < n && !l->attach_stop_sig; i++)
		if (th[i].deferred_signals & (1ull << (SIGSTOP - 1)))
			l->attach_stop_sig = SIGSTOP;
	inject_detach_all(th, n);
	free(th);
	return e;
}

int image_launcher_attach(struct image_launcher *l, pid_t pid,
			  const char *const settings[], struct inject_error *err)
{
	return with_threads_stopped(l, pid, settings, attach_stopped, err);
}

int image_launcher_start(struct image_launcher *l, const char *file,
			 char *const argv[], char *const envp[],
			 inject_child_setup setup, void *setup_arg,
			 const char *const settings[], pid_t *pid,
			 struct inject_error *err)
{
	struct inject_spawn s;
	*pid = 0;
	int e = inject_spawn_begin(file, argv, envp, setup, setup_arg, &s, err);
	return e ? e : image_launcher_start_spawned(l, &s, settings, pid, err);
}

int image_launcher_start_spawned(struct image_launcher *l,
				 struct inject_spawn *s,
				 const char *const settings[], pid_t *pid,
				 struct inject_error *err)
{
	struct inject_target t = {0};
	int e = inject_spawn_end(s, &t, err);
	*pid = t.pid; /* also when its exec failed (it is reaped): its end */
	if (e)
		return e;
	if (t.foreign_code)
		e = let_foreign_go(l, &t, settings, err);
	else
		e = give_image(l, &t, settings, err);
	if (e)
		inject_kill(&t);
	return e;
}

static void wake(int32_t *word)
{
	syscall(SYS_futex, word, FUTEX_WAKE, INT32_MAX, 0, 0, 0);
}

/* Answers r without following: the process execs without the image
 * (LAUNCH_UNFOLLOWED), or with the preload (LAUNCH_PRELOAD). */
static void answer(struct launch_request *r, int32_t how)
{
	int32_t posted = LAUNCH_POSTED;
	if (__atomic_compare_exchange_n(&r->state, &posted, how, 0,
					__ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		wake(&r->state);
}

static void unfollow(struct launch_request *r)
{
	answer(r, LAUNCH_UNFOLLOWED);
}

struct wait_ctx {
	struct image_launcher *l;
	struct launch_request *r;
};

static int ctx_exec_failed(void *arg)
{
	struct launch_request *r = ((struct wait_ctx *)arg)->r;
	return __atomic_load_n(&r->state, __ATOMIC_ACQUIRE) == LAUNCH_EXEC_FAILED;
}

static void say(struct image_launcher *l, const char *fmt, int pid,
		const char *why)
{
	char line[512];
	snprintf(line, sizeof line, fmt, pid, why);
	if (l->notice)
		l->notice(pid, line, l->arg);
}

/* The settings a request carries, as a NULL-ended array of copies. */
static char **request_settings(const struct launch_request *r)
{
	size_t size = r->settings_size;
	if (size > LAUNCH_SETTINGS_MAX)
		size = LAUNCH_SETTINGS_MAX;
	char *copy = malloc(size + 1);
	char **all = calloc(size / 2 + 2, sizeof *all);
	if (!copy || !all) {
		free(copy);
		free(all);
		return 0;
	}
	memcpy(copy, r->settings, size);
	copy[size] = 0;
	size_t n = 0;
	for (size_t i = 0; i < size && copy[i]; n++) {
		all[n] = &copy[i];
		i += strlen(&copy[i]) + 1;
	}
	all[n] = 0;
	return all;
}

/* A poster below our pid namespace cannot send us SIGCHLD: it wakes a
 * futex on `posted` instead, which this thread waits on (all signals
 * blocked) and turns into our SIGCHLD. Started at the first such post
 * (served then by a nap's end: 10 ms at most), so that a run without
 * one has no second thread. */
static void *watch_futex_posters(void *arg)
{
	struct launch_channel *c = arg;
	while (!__atomic_load_n(&c->closed, __ATOMIC_ACQUIRE)) {
		uint32_t seen = __atomic_load_n(&c->posted, __ATOMIC_ACQUIRE);
		syscall(SYS_futex, &c->posted, FUTEX_WAIT, seen, 0, 0, 0);
		kill(getpid(), SIGCHLD);
	}
	return 0;
}

static void start_futex_watch(struct image_launcher *l)
{
	if (l->futex_watch)
		return;
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_t th;
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&a, 64 * 1024);
	l->futex_watch = pthread_create(&th, &a, watch_futex_posters,
					l->channel) == 0;
	pthread_attr_destroy(&a);
	pthread_sigmask(SIG_SETMASK, &old, 0);
}

static void serve_one(struct image_launcher *l, struct launch_request *r)
{
	if (r->by_futex)
		start_futex_watch(l);
	int tid = r->tid, tgid = r->tgid;
	if (l->follow && !l->follow(tgid, l->arg)) {
		unfollow(r);
		return;
	}
	struct inject_error err;
	int e = inject_seize_for_exec(tid, &err);
	if (e) {
		/* Already traced (a debugger's inferior), or not ours to
		 * trace: the preload still sees it from its constructors on. */
		if (e == -EPERM)
			say(l, "process %d execs with the preload: %s; the "
			    "dynamic loader's calls of the new program are not "
			    "traced", tgid, err.msg);
		else
			say(l, "cannot follow the exec of process %d: %s", tgid,
			    err.msg);
		answer(r, e == -EPERM ? LAUNCH_PRELOAD : LAUNCH_UNFOLLOWED);
		return;
	}
	char **settings = request_settings(r);
	int32_t posted = LAUNCH_POSTED;
	if (!settings ||
	    !__atomic_compare_exchange_n(&r->state, &posted, LAUNCH_GO, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
		/* It gave up waiting (or we are out of memory): let go. */
		if (settings)
			free(settings[0]);
		free(settings);
		inject_release(tid, &err);
		unfollow(r);
		return;
	}
	wake(&r->state);
	struct inject_target t;
	struct wait_ctx ctx = {l, r};
	e = inject_wait_exec(tid, tgid, ctx_exec_failed, &ctx, &t, &err);
	if (e == 0 && t.foreign_code) {
		if (let_foreign_go(l, &t, (const char *const *)settings, &err))
			say(l, "process %d: %s", tgid, err.msg);
	} else if (e == 0) {
		e = give_image(l, &t, (const char *const *)settings, &err);
		if (e) {
			say(l, "process %d runs untraced after its exec: %s",
			    tgid, err.msg);
			if (!t.gone)
				inject_detach(&t, &err);
		}
	}
	free(settings[0]);
	free(settings);
	__atomic_store_n(&r->state, LAUNCH_FREE, __ATOMIC_RELEASE);
}

/* A process below our pid namespace, whose pid there its /proc does not
 * show (its own /proc mounted over ours): not followed, said once. */
static void say_unnamed(struct image_launcher *l, struct launch_request *r)
{
	if (r->by_futex)
		start_futex_watch(l);
	/* Its pid here is not known: the line is not one process's. */
	char line[256];
	snprintf(line, sizeof line,
		 "a process in a pid namespace below ours (pid %d there) "
		 "execs a program that is not traced: its /proc does not show "
		 "its pid in our namespace",
		 (int)r->tgid);
	if (l->notice)
		l->notice(0, line, l->arg);
	__atomic_store_n(&r->state, LAUNCH_FREE, __ATOMIC_RELEASE);
}

int image_launcher_serve(struct image_launcher *l)
{
	/* Nothing posted since the last look: the requests are not read
	 * (sixteen pages of the channel, each faulted in at a first look,
	 * a wake at a time). A process bumps `posted` after its request's
	 * state, so a bump seen here shows its request; one made after this
	 * load pokes us again. */
	uint32_t posted = __atomic_load_n(&l->channel->posted, __ATOMIC_ACQUIRE);
	if (posted == l->posted_seen)
		return 0;
	l->posted_seen = posted;
	int served = 0;
	for (int k = 0; k < LAUNCH_REQUESTS; k++) {
		struct launch_request *r = &l->channel->requests[k];
		int32_t s = __atomic_load_n(&r->state, __ATOMIC_ACQUIRE);
		if (s == LAUNCH_POSTED) {
			serve_one(l, r);
			served++;
		} else if (s == LAUNCH_UNNAMED) {
			say_unnamed(l, r);
			served++;
		}
	}
	/* Serving waited for SIGCHLDs (an exec's stop) and took those that
	 * came meanwhile for the caller's loop (a registrant's, another
	 * poster's, a child's end): one is given back, so that its next nap
	 * ends at once and its next pass sees what they announced. A start
	 * that ended with a stop of ours left one anyway; one that goes on
	 * to the program (INJECT_GO_ON) leaves none. */
	if (served)
		kill(getpid(), SIGCHLD);
	return served;
}

static int leave_stopped(struct image_launcher *l, pid_t pid,
			 struct inject_target *th, int n, int main,
			 const char *const settings[], struct inject_error *err)
{
	(void)l;
	(void)n;
	uint64_t words[2];
	int e = find_reentry(&th[main], words, err);
	if (e <= 0)
		return e;
	th[main].syscall_insn = words[1];
	long result = 0;
	e = run_with_params(&th[main], words[0], settings, &result, err);
	if (!e && result)
		e = inject_fail(err, (int)result, "leaving process %d: %s",
				(int)pid, strerror((int)-result));
	return e;
}

int image_launcher_leave(struct image_launcher *l, pid_t pid,
			 struct inject_error *err)
{
	static const char *const leave[] = {"SYSTRAP_LEAVE=1", 0};
	return with_threads_stopped(l, pid, leave, leave_stopped, err);
}
