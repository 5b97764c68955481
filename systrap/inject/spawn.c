/* Starting a program stopped at its first instruction (inject.h).
 *
 * Why PTRACE_TRACEME then execve: the first stop is then the exec's
 * SIGTRAP, delivered after execve has completed, so the registers are the
 * program's final first-instruction ones (rax 0) and a remote syscall set
 * up there runs as written. PTRACE_SEIZE with PTRACE_O_TRACEEXEC would
 * stop inside execve instead (rax -ENOSYS, the kernel still to write
 * execve's result), which needs one more syscall-exit stop
 * (docs/notes: ptrace-and-sud.md, section 2).
 *
 * Why clone(CLONE_VM | CLONE_VFORK) instead of fork: the child only sets
 * itself up and execs, and a fork made it copy the launcher's page tables
 * for that, after which every page the launcher wrote again took a
 * copy-on-write fault (a start 0.8 ms slower at the median on a guest
 * where each fault costs ~9 us). The child runs on a stack of its own in
 * our memory while we wait (CLONE_VFORK): it writes nothing of ours but
 * what any caller of ours would compute alike (errno, the CPU's facts)
 * and what the caller's set-up writes, on the rule inject.h gives it.
 * Once it has called PTRACE_TRACEME, a signal it takes would stop it for
 * us, its tracer, while we wait for its exec: a deadlock. So it makes
 * everything else first, then blocks every signal but the exec's
 * SIGTRAP, tells us the mask the program is to have, and calls
 * PTRACE_TRACEME and execve only; we give the program that mask at the
 * exec stop (PTRACE_SETSIGMASK). What it cannot block (SIGSTOP, a forced
 * fault) in those two calls' window still stops it for good, as it stops
 * gdb's vfork child (DESIGN.md, spawn.c). */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "systrap/arch/cpu_facts.h"
#include "systrap/arch/exec_site.h"
#include "systrap/arch/remote_regs.h"
#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"

/* What the child reports through the pipe before it gives up. */
enum child_stage {
	STAGE_SETUP = 1,
	STAGE_TRACEME,
	STAGE_EXEC,
	/* Not a failure: when the execve began (ns, CLOCK_REALTIME). */
	NOTE_EXEC_BEGINS,
	/* Not a failure: the CPU's facts (arch/cpu_facts.h), which the
	 * launcher then need not ask CPUID for: error the XSAVE size, ns
	 * the components, RTM (bit 32) and FSGSBASE (bit 33: what the child
	 * read of AT_HWCAP2, the same kernel's as the launcher's). */
	NOTE_CPU_FACTS,
	/* Not a failure: the signal mask the program is to start with (ns:
	 * the kernel's 64-bit set), which the child does not exec with. */
	NOTE_PROGRAM_MASK,
};
struct child_report {
	int stage;
	int error; /* -errno */
	int64_t ns; /* NOTE_EXEC_BEGINS */
};

static int64_t realtime_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* file itself when it names a path, else the first executable regular
 * file of that name in PATH (the launcher's), as a shell finds it. */
static int resolve(const char *file, char *out, size_t n,
		   struct inject_error *err)
{
	if (!*file)
		return inject_fail(err, -ENOENT, "empty program name");
	if (strchr(file, '/')) {
		if ((size_t)snprintf(out, n, "%s", file) >= n)
			return inject_fail(err, -ENAMETOOLONG, "%s: name too "
					   "long", file);
		return 0;
	}
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	int seen_eacces = 0;
	while (*path) {
		const char *end = strchr(path, ':');
		size_t len = end ? (size_t)(end - path) : strlen(path);
		if ((size_t)snprintf(out, n, "%.*s%s%s", (int)len, path,
				     len ? "/" : "", file) < n) {
			struct stat st;
			if (stat(out, &st) == 0 && S_ISREG(st.st_mode)) {
				if (access(out, X_OK) == 0)
					return 0;
				seen_eacces = 1;
			}
		}
		path += len + (end ? 1 : 0);
	}
	if (seen_eacces)
		return inject_fail(err, -EACCES, "%s: found in PATH but not "
				   "executable", file);
	return inject_fail(err, -ENOENT, "%s: not found in PATH", file);
}

static void child_report(int fd, int stage, int error)
{
	struct child_report r = {stage, error, 0};
	ssize_t k;
	do
		k = write(fd, &r, sizeof r);
	while (k < 0 && errno == EINTR);
	_exit(127);
}

/* What the child needs, in the parent's frame (the parent waits). */
struct child_args {
	int fd;
	const char *path;
	char *const *argv;
	char *const *envp;
	inject_child_setup setup;
	void *setup_arg;
};

/* The calling thread's signal mask, as the kernel's one word: the set,
 * 32-34 included, which musl's sigprocmask hides (its own signals, but
 * glibc's SIGRTMIN is 34: a program's mask must keep it). */
static int kernel_mask(int how, const uint64_t *set, uint64_t *old)
{
	return (int)syscall(SYS_rt_sigprocmask, how, set, old, sizeof *set);
}

static int child(void *p)
{
	const struct child_args *a = p;
	int fd = a->fd;
	if (a->setup) {
		int e = a->setup(a->setup_arg);
		if (e)
			child_report(fd, STAGE_SETUP, e);
	}
	/* The program's mask, for the parent to give it at the exec stop;
	 * the rest with everything blocked but SIGTRAP, which the exec's
	 * stop needs dequeued (blocked, it would stay pending and the
	 * program would run untraced). */
	const uint64_t exec_mask = ~(1ull << (SIGTRAP - 1));
	uint64_t mask;
	if (kernel_mask(SIG_SETMASK, &exec_mask, &mask) != 0)
		child_report(fd, STAGE_SETUP, -EIO);
	struct child_report said = {NOTE_PROGRAM_MASK, 0, (int64_t)mask};
	if (write(fd, &said, sizeof said) != (ssize_t)sizeof said)
		child_report(fd, STAGE_SETUP, -EIO);
	/* The CPUIDs the launcher's images need (each an exit to the
	 * hypervisor in a guest, ~4 us here), asked once, here, before
	 * PTRACE_TRACEME: from it to the exec, a stop the child cannot
	 * block (SIGSTOP, a forced fault) waits for us, who wait for its
	 * exec, so nothing but the exec is made there. */
	struct arch_cpu_facts cpu;
	arch_cpu_facts_ask(&cpu);
	struct child_report facts = {NOTE_CPU_FACTS, (int)cpu.size,
				     (int64_t)cpu.mask | (int64_t)cpu.rtm << 32 |
					     (int64_t)cpu.fsgsbase << 33};
	if (write(fd, &facts, sizeof facts) != (ssize_t)sizeof facts)
		child_report(fd, STAGE_SETUP, -EIO);
	/* When the call began, for strace's -T of its execve line (a pipe
	 * holds it: no wait). */
	struct child_report begins = {NOTE_EXEC_BEGINS, 0, realtime_ns()};
	if (write(fd, &begins, sizeof begins) != (ssize_t)sizeof begins)
		child_report(fd, STAGE_SETUP, -EIO);
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0)
		child_report(fd, STAGE_TRACEME, -errno);
	/* At a site the caller can name (inject_spawn_exec_site). */
	child_report(fd, STAGE_EXEC,
		     (int)arch_execve_at_site(a->path, a->argv, a->envp));
	return 127;
}

/* The child's report, if it wrote one: 1 (read), 0 (the pipe closed
 * without one: the exec happened), -1 (nothing yet). A note on the way
 * is taken into t, the program's mask into *program_mask (*mask_said
 * set). */
static int read_report(int fd, struct child_report *r, struct inject_target *t,
		       uint64_t *program_mask, int *mask_said)
{
	for (;;) {
		ssize_t k;
		do
			k = read(fd, r, sizeof *r);
		while (k < 0 && errno == EINTR);
		if (k == (ssize_t)sizeof *r && r->stage == NOTE_PROGRAM_MASK) {
			*program_mask = (uint64_t)r->ns;
			*mask_said = 1;
			continue;
		}
		if (k == (ssize_t)sizeof *r && r->stage == NOTE_EXEC_BEGINS) {
			t->exec_begin_ns = r->ns;
			continue;
		}
		if (k == (ssize_t)sizeof *r && r->stage == NOTE_CPU_FACTS) {
			const struct arch_cpu_facts f = {
				(unsigned)r->error, (unsigned)r->ns,
				(unsigned)(r->ns >> 32) & 1,
				(unsigned)(r->ns >> 33) & 1};
			arch_cpu_facts_assume(&f);
			continue;
		}
		if (k == (ssize_t)sizeof *r)
			return 1;
		if (k == 0)
			return 0;
		return -1;
	}
}

static int report_error(const struct child_report *r, const char *path,
			struct inject_error *err)
{
	switch (r->stage) {
	case STAGE_SETUP:
		return inject_fail(err, r->error, "%s: the child's set-up "
				   "failed: %s", path, strerror(-r->error));
	case STAGE_TRACEME:
		return inject_fail(err, r->error, "%s: PTRACE_TRACEME failed: "
				   "%s", path, strerror(-r->error));
	default:
		return inject_fail(err, r->error, "cannot run %s: %s", path,
				   strerror(-r->error));
	}
}

/* The child's stack: its set-up (the caller's, with a path buffer or
 * two), its reports, and the exec's call. No guard page below it: the
 * rule for set-ups (inject.h) says how much they may take. */
enum { CHILD_STACK = 32 * 1024 };

pid_t inject_vfork_call(int (*fn)(void *arg), void *arg)
{
	/* In this frame, which stays while the child runs (we wait). */
	_Alignas(16) char stack[CHILD_STACK];
	return clone(fn, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD,
		     arg);
}

uint64_t inject_spawn_exec_site(void)
{
	return arch_execve_site();
}

int inject_spawn_begin(const char *file, char *const argv[],
		       char *const envp[], inject_child_setup setup,
		       void *setup_arg, struct inject_spawn *s,
		       struct inject_error *err)
{
	s->pid = 0;
	s->report_fd = -1;
	int e = resolve(file, s->path, sizeof s->path, err);
	if (e)
		return e;
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return inject_fail(err, -errno, "pipe: %s", strerror(errno));
	struct child_args a = {fds[1], s->path, argv, envp, setup, setup_arg};
	pid_t pid = inject_vfork_call(child, &a);
	e = pid < 0 ? -errno : 0;
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return inject_fail(err, e, "clone: %s", strerror(-e));
	}
	close(fds[1]);
	s->pid = pid;
	s->report_fd = fds[0];
	/* Not put on another CPU than ours (sessions 29-44 did, for a
	 * forked child's fork and exec to run beside our work): it has made
	 * its new memory before we go on, and the rest of its exec ran no
	 * sooner pinned (5.85 against 5.76 ms a start at the median). */
	return 0;
}

void inject_spawn_abandon(struct inject_spawn *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		while (waitpid(s->pid, 0, __WALL) < 0 && errno == EINTR)
			;
	}
	if (s->report_fd >= 0)
		close(s->report_fd);
	s->pid = 0;
	s->report_fd = -1;
}

int inject_spawn_end(struct inject_spawn *s, struct inject_target *t,
		     struct inject_error *err)
{
	pid_t pid = s->pid;
	const char *path = s->path;
	int fd = s->report_fd;
	int e = 0;
	s->pid = 0;
	s->report_fd = -1;
	memset(t, 0, sizeof *t);
	t->pid = pid;
	inject_prime_vdso();

	/* The child stops (or dies) before or after its exec; the pipe
	 * tells which: closed without a report by the exec itself. Read
	 * only once the child has stopped or ended, so a signal stopping
	 * the child before its exec cannot leave us blocked on the pipe. */
	fcntl(fd, F_SETFL, O_NONBLOCK);
	struct child_report r;
	int have_report = 0;
	uint64_t program_mask = 0;
	int mask_said = 0;
	for (;;) {
		int st;
		pid_t w = waitpid(pid, &st, __WALL);
		if (w < 0 && errno == EINTR)
			continue;
		t->exec_stop_ns = realtime_ns();
		if (w < 0) {
			e = inject_fail(err, -errno, "waitpid: %s",
					strerror(errno));
			break;
		}
		/* Kept once read: the child may stop again before it exits. */
		int got = have_report ? 1
				      : read_report(fd, &r, t, &program_mask,
						    &mask_said);
		have_report = got == 1;
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			t->gone = 1;
			if (got == 1)
				e = report_error(&r, path, err);
			else if (WIFEXITED(st))
				e = inject_fail(err, -ECHILD, "%s exited with "
						"status %d before its first "
						"instruction", path,
						WEXITSTATUS(st));
			else
				e = inject_fail(err, -ECHILD, "%s was killed "
						"by signal %d before its first "
						"instruction", path,
						WTERMSIG(st));
			break;
		}
		if (!WIFSTOPPED(st))
			continue;
		if (got != 0) {
			/* Before the exec (or the child is about to report
			 * a failure): pass the signal on. */
			int sig = WSTOPSIG(st) == SIGTRAP ? 0 : WSTOPSIG(st);
			ptrace(PTRACE_CONT, pid, 0, (void *)(long)sig);
			continue;
		}
		/* After the exec, before the first instruction. */
		if (WSTOPSIG(st) != SIGTRAP) {
			siginfo_t si;
			if (ptrace(PTRACE_GETSIGINFO, pid, 0, &si) == 0)
				t->deferred_signals |= 1ull
						       << (WSTOPSIG(st) - 1);
		}
		e = 0;
		break;
	}
	close(fd);
	if (e)
		return e;
	/* The mask the child did not exec with (above); SIGTRAP unblocked
	 * still, for the image's start, which blocks it again where the
	 * program had it blocked. */
	if (mask_said) {
		const uint64_t trap = 1ull << (SIGTRAP - 1);
		t->sigtrap_was_blocked = !!(program_mask & trap);
		uint64_t m = program_mask & ~trap;
		if (ptrace(PTRACE_SETSIGMASK, pid, (void *)sizeof m, &m) != 0) {
			e = inject_fail(err, -errno, "cannot give %d its "
					"signal mask: %s", pid,
					strerror(errno));
			inject_kill(t);
			return e;
		}
	}
	if (ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_EXITKILL) != 0) {
		e = inject_fail(err, -errno, "PTRACE_SETOPTIONS on %d: %s",
				pid, strerror(errno));
		inject_kill(t);
		return e;
	}
	struct remote_regs regs;
	e = remote_regs_get(pid, &regs);
	if (e) {
		inject_fail(err, e, "cannot read the registers of %d: %s", pid,
			    strerror(-e));
		inject_kill(t);
		return e;
	}
	t->initial_pc = remote_regs_pc(&regs);
	t->initial_sp = remote_regs_sp(&regs);
	t->foreign_code = !remote_regs_native_code(&regs);
	t->initial_vectors = 1;
	t->spawned = 1;
	return 0;
}

int inject_spawn_stopped(const char *file, char *const argv[],
			 char *const envp[], inject_child_setup setup,
			 void *setup_arg, struct inject_target *t,
			 struct inject_error *err)
{
	struct inject_spawn s;
	int e = inject_spawn_begin(file, argv, envp, setup, setup_arg, &s, err);
	if (e)
		return e;
	return inject_spawn_end(&s, t, err);
}
