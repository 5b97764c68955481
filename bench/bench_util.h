/* What the benchmarks share: a clock read in seconds, sorting a run of
 * timings, their median, a process's own TracerPid, the measured loop of
 * inline getppid calls, running a program for the figure it prints, and
 * finding a program built beside the benchmark.
 * Bench code, header-only: nothing here is in the product. */
#ifndef SYSTRAP_BENCH_BENCH_UTIL_H
#define SYSTRAP_BENCH_BENCH_UTIL_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* clock (CLOCK_MONOTONIC, CLOCK_THREAD_CPUTIME_ID...) in seconds. */
static inline double bench_clock(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Wall time in seconds. */
static inline double bench_now(void)
{
	return bench_clock(CLOCK_MONOTONIC);
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Sorts v[0..n) ascending: v[0] is then the minimum. */
static inline void bench_sort(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
}

/* The median of v[0..n) (the mean of the middle two for an even n);
 * sorts v. */
static inline double bench_median(double *v, int n)
{
	bench_sort(v, n);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* This process's TracerPid (0: not traced), -1 when /proc says nothing. */
static inline long bench_tracer_pid(void)
{
	long tracer = -1;
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "TracerPid:", 10))
			tracer = atol(line + 10);
	if (f)
		fclose(f);
	return tracer;
}

/* ns per call of n getppid calls made by an inline syscall in the
 * benchmark itself, written the way libc writes its wrappers (the number
 * loaded right before the syscall), timed by clock. */
static inline double bench_inline_getppid_ns(clockid_t clock, long n)
{
	double t0 = bench_clock(clock);
	for (long i = 0; i < n; i++) {
		long ret;
		__asm__ volatile("movl %1, %%eax\n\tsyscall"
				 : "=a"(ret)
				 : "i"(SYS_getppid)
				 : "rcx", "r11", "memory");
	}
	return (bench_clock(clock) - t0) * 1e9 / n;
}

/* The same with one read of the stack after each syscall, as any call
 * through libc makes (its `ret`): where the kernel switches page tables at
 * each syscall without PCID (PTI on a CPU or guest without it), the TLB is
 * empty after the syscall and the first data access pays a page walk; the
 * bare loop above touches no data at all. The reference a hook's path,
 * which must touch memory after the syscall, is fairly compared with. */
static inline double bench_inline_getppid_touch_ns(clockid_t clock, long n)
{
	double t0 = bench_clock(clock);
	for (long i = 0; i < n; i++) {
		long ret;
		__asm__ volatile("movl %1, %%eax\n\tsyscall\n\tmovq (%%rsp), %%rcx"
				 : "=a"(ret)
				 : "i"(SYS_getppid)
				 : "rcx", "r11", "memory");
	}
	return (bench_clock(clock) - t0) * 1e9 / n;
}

/* The same loop timed in chunks of `chunk` calls (n / chunk of them, at
 * most 4096): *best is the fastest chunk's ns per call, *median the median
 * chunk's. A chunk (~0.1 ms) is shorter than a scheduler tick, so most run
 * undisturbed: the fastest says what the path costs, free of the
 * preemptions, interrupts and migrations a whole-loop time adds on a
 * shared machine, and the median how much of that noise there was.
 * touch: the loop that reads the stack after each syscall. */
static inline void bench_inline_getppid_chunks(long n, long chunk, int touch,
					       double *best, double *median)
{
	static double per_call[4096];
	double (*loop)(clockid_t, long) = touch ? bench_inline_getppid_touch_ns
						: bench_inline_getppid_ns;
	int chunks = 0;
	for (long done = 0; done + chunk <= n && chunks < 4096; done += chunk)
		per_call[chunks++] = loop(CLOCK_MONOTONIC, chunk);
	if (!chunks) {
		*best = *median = loop(CLOCK_MONOTONIC, n);
		return;
	}
	*median = bench_median(per_call, chunks);
	*best = per_call[0];
}

/* Runs argv, its standard output read back as the one figure it prints;
 * -1 where it failed (no figure, or a non-zero exit). */
static inline double bench_run_for_figure(char *const argv[])
{
	int out[2];
	if (pipe(out))
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		dup2(out[1], 1);
		close(out[0]);
		close(out[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(out[1]);
	char buf[64] = "";
	ssize_t got = read(out[0], buf, sizeof buf - 1);
	close(out[0]);
	int st;
	waitpid(pid, &st, 0);
	if (got <= 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		return -1;
	return atof(buf);
}

/* The path of the workspace's `path` (e.g. "tools/trace/systrap-trace")
 * as built beside this benchmark: in its runfiles under `bazel run`, else
 * in bazel-bin, relative to the benchmark's own directory. 0, or -1 when
 * /proc/self/exe cannot be read. */
static inline int bench_built_path(char *out, size_t cap, const char *path)
{
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	if (len <= 0)
		return -1;
	self[len] = 0;
	snprintf(out, cap, "%s.runfiles/systrap/%s", self, path);
	if (access(out, X_OK)) {
		char *slash = strrchr(self, '/');
		*slash = 0;
		snprintf(out, cap, "%s/../%s", self, path);
	}
	return 0;
}

#endif
