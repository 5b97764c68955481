/* bazel run //bench:sealed_overhead -- [ITERATIONS]
 *
 * What sealed mode (Syscall User Dispatch, issue 13) costs, side by side in
 * one run, best of 5 runs each, as ns per getppid call:
 *  - an inline `mov $110,%eax; syscall` loop in this program: native; with
 *    SUD armed on the loop itself over a range that lets every call through
 *    (the kernel's check alone); through the jump fast path with a no-op
 *    handler (noop_preload.so), unsealed and sealed;
 *  - the same instructions in code the instrumenter never saw, called
 *    through a pointer: natively; in an RWX region written after mapping
 *    (sealed: a SIGSYS every call); in a private read+execute view of a
 *    memfd written with pwrite (sealed: the first call traps and the site
 *    is rewritten, then every call takes the jump: the steady cost).
 * Unsealed, the last two are not seen at all (native speed): that is what
 * sealed mode is for. Ratios are against native in the same run. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench_util.h"

/* The thread's CPU time, user and kernel: on a machine shared with other
 * builds, wall time per call mostly measures how long we waited for a CPU. */
static double now_s(void)
{
	return bench_clock(CLOCK_THREAD_CPUTIME_ID);
}

static double inline_ns(long n)
{
	return bench_inline_getppid_ns(CLOCK_THREAD_CPUTIME_ID, n);
}

static const unsigned char stub[] = {0xb8, 110, 0, 0, 0, /* mov $110,%eax */
				     0x0f, 0x05,         /* syscall */
				     0xc3};              /* ret */

typedef long (*fn_t)(void);

static double call_ns(fn_t f, long n)
{
	f(); /* the first call: a rewritten site's SIGSYS */
	for (long i = 0; i < n / 10; i++)
		f();
	double t0 = now_s();
	for (long i = 0; i < n; i++)
		f();
	return (now_s() - t0) * 1e9 / n;
}

/* The child's side: one loop, its ns per call on stdout. */
static int child(const char *mode, long n)
{
	double v = -1;
	if (!strcmp(mode, "inline")) {
		inline_ns(n / 10);
		v = inline_ns(n);
	} else if (!strcmp(mode, "inline-sud")) {
		/* Offset 0, the largest length: armed, every call allowed. */
		if (prctl(59, 1, 0, ~0UL, 0))
			return 1;
		inline_ns(n / 10);
		v = inline_ns(n);
		prctl(59, 0, 0, 0, 0);
	} else if (!strcmp(mode, "rwx")) {
		unsigned char *p = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		memcpy(p, stub, sizeof stub);
		v = call_ns((fn_t)p, n);
	} else if (!strcmp(mode, "rewritten")) {
		int fd = memfd_create("bench", 0);
		if (fd < 0 || ftruncate(fd, 4096))
			return 1;
		unsigned char *p = mmap(0, 4096, PROT_READ | PROT_EXEC,
					MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED ||
		    pwrite(fd, stub, sizeof stub, 0) != sizeof stub)
			return 1;
		v = call_ns((fn_t)p, n);
	}
	printf("%.1f\n", v);
	return 0;
}

static double run(char *const argv[], const char *const *env)
{
	int p[2];
	if (pipe(p))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		for (const char *const *e = env; e && *e; e++)
			putenv((char *)*e);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	char buf[256] = "";
	ssize_t got = read(p[0], buf, sizeof buf - 1);
	if (got > 0)
		buf[got] = 0;
	close(p[0]);
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && !WEXITSTATUS(status) ? atof(buf) : -1;
}

static double best_of(int reps, char *const argv[], const char *const *env)
{
	double best = 1e30;
	for (int i = 0; i < reps; i++) {
		double v = run(argv, env);
		if (v > 0 && v < best)
			best = v;
	}
	return best < 1e30 ? best : -1;
}

static void row(const char *name, double v, double base)
{
	if (v < 0)
		printf("  %-52s   (failed)\n", name);
	else
		printf("  %-52s %8.1f ns/call %6.2fx  %+7.1f ns\n", name, v,
		       v / base, v - base);
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--child"))
		return child(argv[2], atol(argv[3]));
	long n = argc > 1 ? atol(argv[1]) : 200000;
	char runfiles[PATH_MAX], self[PATH_MAX];
	const char *rf = getenv("RUNFILES_DIR");
	snprintf(runfiles, sizeof runfiles, "%s", rf ? rf : "");
	if (!rf)
		snprintf(runfiles, sizeof runfiles, "%s.runfiles", argv[0]);
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	self[len > 0 ? len : 0] = 0;
	char preload[PATH_MAX + 64];
	snprintf(preload, sizeof preload,
		 "LD_PRELOAD=%s/systrap/bench/noop_preload.so", runfiles);
	char count[32], few[32];
	snprintf(count, sizeof count, "%ld", n);
	snprintf(few, sizeof few, "%ld", n / 20 > 1000 ? n / 20 : 1000);

	char *inl[] = {self, "--child", "inline", count, 0};
	char *inl_sud[] = {self, "--child", "inline-sud", count, 0};
	char *rwx[] = {self, "--child", "rwx", count, 0};
	char *rwx_few[] = {self, "--child", "rwx", few, 0};
	char *rew[] = {self, "--child", "rewritten", count, 0};
	const char *unsealed[] = {preload, "SYSTRAP_TRAP=jump", 0};
	const char *sealed[] = {preload, "SYSTRAP_TRAP=jump", "SYSTRAP_SEALED=1", 0};

	printf("sealed mode: getppid, %ld calls (SIGSYS rows: %s), best of 5 runs\n",
	       n, few);
	double native = best_of(5, inl, 0);
	printf("inline site (patched at start-up):\n");
	row("native", native, native);
	row("native, SUD armed, call inside the allowed range", best_of(5, inl_sud, 0), native);
	row("jump fast path, unsealed", best_of(5, inl, unsealed), native);
	row("jump fast path, sealed", best_of(5, inl, sealed), native);
	printf("code the instrumenter never saw (called through a pointer):\n");
	double native_call = best_of(5, rwx, 0);
	row("native", native_call, native_call);
	row("RWX region, unsealed (not seen)", best_of(5, rwx, unsealed), native_call);
	row("RWX region, sealed: SIGSYS every call", best_of(5, rwx_few, sealed), native_call);
	row("private r-x view, unsealed (not seen)", best_of(5, rew, unsealed), native_call);
	row("private r-x view, sealed: trapped once, rewritten", best_of(5, rew, sealed), native_call);
	return 0;
}
