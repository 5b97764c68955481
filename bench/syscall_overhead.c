/* bazel run //bench:syscall_overhead -- [ITERATIONS]
 *
 * Prints, from one run on this machine:
 *  - the cost of one syscall (an inline `mov $110,%eax; syscall` getppid
 *    loop in this program) natively, through libsystrap with a no-op
 *    handler on each path (jump trampoline, int3 and ud2 traps), traced by
 *    systrap-trace to a file, and under strace to a file;
 *  - the share of syscall sites rewritten to jumps in every object
 *    python3 loads with a few extension modules (ld.so, libc, ...);
 *  - the start-up cost of instrumenting /bin/true and `python3 -c pass`,
 *    with the site cache cold (SYSTRAP_CACHE=off) and warm.
 * Ratios are against native measured in the same run: absolute times
 * drift, ratios hold. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench_util.h"

static double now_s(void)
{
	return bench_now();
}

/* The measured loop: an inline syscall in this program. */
static double loop_ns(long n)
{
	return bench_inline_getppid_ns(CLOCK_MONOTONIC, n);
}

static char runfiles[PATH_MAX];

static void find_runfiles(const char *argv0)
{
	const char *env = getenv("RUNFILES_DIR");
	if (env) {
		snprintf(runfiles, sizeof runfiles, "%s", env);
		return;
	}
	snprintf(runfiles, sizeof runfiles, "%s.runfiles", argv0);
}

/* Runs argv with extra environment, returns the first line of its stdout
 * parsed as a double (the child's ns/call), or wall seconds if timing. */
static double run(char *const argv[], const char *const *env, int want_output,
		  double *wall)
{
	int p[2];
	if (pipe(p))
		return -1;
	double t0 = now_s();
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		for (const char *const *e = env; e && *e; e++)
			putenv((char *)*e);
		if (!want_output) {
			int null = open("/dev/null", O_WRONLY);
			dup2(null, 1);
			dup2(null, 2);
		}
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
	if (wall)
		*wall = now_s() - t0;
	return want_output ? atof(buf) : 0;
}

static double best_of(int reps, char *const argv[], const char *const *env)
{
	double best = 1e30;
	for (int i = 0; i < reps; i++) {
		double v = run(argv, env, 1, 0);
		if (v > 0 && v < best)
			best = v;
	}
	return best;
}

/* Start-up of argv natively, with the site cache cold and warm: rounds
 * runs of each, alternating (so the machine's load drifts across all three
 * alike); the best and the median of each, in ms. */
struct startup {
	double best[3], median[3];
};

static void startup_ms(int rounds, char *const argv[],
		       const char *const *const envs[3], struct startup *out)
{
	static double wall[3][200];
	if (rounds > 200)
		rounds = 200;
	run(argv, envs[2], 0, &wall[2][0]); /* fills the cache */
	for (int i = 0; i < rounds; i++)
		for (int k = 0; k < 3; k++)
			run(argv, envs[k], 0, &wall[k][i]);
	for (int k = 0; k < 3; k++) {
		bench_sort(wall[k], rounds);
		out->best[k] = wall[k][0] * 1e3;
		out->median[k] = wall[k][rounds / 2] * 1e3;
	}
}

static void print_startup(const char *name, const struct startup *s)
{
	printf("  %-16s native %5.2f ms  cold %5.2f ms (+%.2f, %.2fx)  warm %5.2f ms (+%.2f, %.2fx)   best: cold +%.2f, warm +%.2f\n",
	       name, s->median[0], s->median[1], s->median[1] - s->median[0],
	       s->median[1] / s->median[0], s->median[2],
	       s->median[2] - s->median[0], s->median[2] / s->median[0],
	       s->best[1] - s->best[0], s->best[2] - s->best[0]);
}

/* Runs argv with SYSTRAP_DEBUG=1 and prints, per object, how many of its
 * syscall sites were rewritten to jumps (from the instrumenter's lines
 * "systrap: LO-HI PATH: N sites, M jumps (H short hops), ..."). */
static void jump_shares(char *const argv[], const char *preload)
{
	int p[2];
	if (pipe(p))
		return;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		putenv((char *)preload);
		putenv("SYSTRAP_DEBUG=1");
		execvp(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	static char text[1 << 16];
	size_t len = 0;
	ssize_t got;
	while ((got = read(p[0], text + len, sizeof text - 1 - len)) > 0)
		len += (size_t)got;
	text[len] = 0;
	close(p[0]);
	waitpid(pid, 0, 0);
	unsigned long all_sites = 0, all_jumps = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(0, "\n")) {
		char path[512];
		unsigned long sites, jumps, hops;
		if (sscanf(line, "systrap: %*x-%*x %511[^:]: %lu sites, %lu jumps (%lu short hops)",
			   path, &sites, &jumps, &hops) != 4 || !sites)
			continue;
		const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		printf("  %-40s %4lu sites %4lu jumps (%3lu short hops) %6.1f%%\n",
		       name, sites, jumps, hops, 100.0 * jumps / sites);
		all_sites += sites;
		all_jumps += jumps;
	}
	if (all_sites)
		printf("  %-40s %4lu sites %4lu jumps %22.1f%%\n", "all objects",
		       all_sites, all_jumps, 100.0 * all_jumps / all_sites);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--loop")) {
		long n = atol(argv[2]);
		loop_ns(n / 10); /* warm up */
		printf("%.1f\n", loop_ns(n));
		return 0;
	}
	long n = argc > 1 ? atol(argv[1]) : 200000;
	find_runfiles(argv[0]);
	char self[PATH_MAX], preload[PATH_MAX + 64], tracer[PATH_MAX + 64];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	self[len > 0 ? len : 0] = 0;
	snprintf(preload, sizeof preload, "LD_PRELOAD=%s/systrap/bench/noop_preload.so", runfiles);
	char xsave_preload[PATH_MAX + 64];
	snprintf(xsave_preload, sizeof xsave_preload, "LD_PRELOAD=%s/systrap/bench/noop_xsave_preload.so", runfiles);
	snprintf(tracer, sizeof tracer, "%s/systrap/tools/trace/systrap-trace", runfiles);
	char count[32];
	snprintf(count, sizeof count, "%ld", n);
	char strace_n[32];
	snprintf(strace_n, sizeof strace_n, "%ld", n / 20);
	char cache[64], cache_env[96];
	snprintf(cache, sizeof cache, "/tmp/systrap-bench-cache.%d", (int)getpid());
	snprintf(cache_env, sizeof cache_env, "SYSTRAP_CACHE=%s", cache);

	char *loop[] = {self, "--loop", count, 0};
	char *loop_small[] = {self, "--loop", strace_n, 0};
	const char *jump[] = {preload, "SYSTRAP_TRAP=jump", cache_env, 0};
	const char *jump_xsave[] = {xsave_preload, "SYSTRAP_TRAP=jump", cache_env, 0};
	const char *ud2[] = {preload, "SYSTRAP_TRAP=ud2", cache_env, 0};
	const char *int3[] = {preload, "SYSTRAP_TRAP=int3", cache_env, 0};
	char *traced[] = {tracer, "-o", "/tmp/systrap-bench-trace.txt", self, "--loop", count, 0};
	char *straced[] = {"strace", "-o", "/tmp/systrap-bench-strace.txt", self, "--loop", strace_n, 0};
	const char *trace_env[] = {cache_env, 0};

	printf("syscall cost: inline getppid loop (mov $110,%%eax; syscall), %ld calls, best of 5 runs\n", n);
	double native = best_of(5, loop, 0);
	double j = best_of(5, loop, jump);
	double jx = best_of(5, loop, jump_xsave);
	double i3 = best_of(5, loop, int3);
	double u = best_of(5, loop, ud2);
	double tr = best_of(3, traced, trace_env);
	double st = best_of(3, straced, 0);
	printf("  %-44s %10.1f ns/call %8.2fx  +%.1f ns\n", "native", native, 1.0, 0.0);
	printf("  %-44s %10.1f ns/call %8.2fx  +%.1f ns\n", "jump trampoline, no-op handler", j, j / native, j - native);
	printf("  %-44s %10.1f ns/call %8.2fx  +%.1f ns\n", "jump, handler without the promise (xsave)", jx, jx / native, jx - native);
	printf("  %-44s %10.1f ns/call %8.2fx\n", "int3 trap, no-op handler", i3, i3 / native);
	printf("  %-44s %10.1f ns/call %8.2fx\n", "ud2 trap, no-op handler", u, u / native);
	printf("  %-44s %10.1f ns/call %8.2fx\n", "systrap-trace -o FILE", tr, tr / native);
	printf("  %-44s %10.1f ns/call %8.2fx\n", "strace -o FILE", st, st / native);
	printf("  systrap-trace is %.1fx faster than strace per call\n", st / tr);

	printf("sites rewritten to jumps, per object python3 loads:\n");
	char *pyimports[] = {access("/usr/bin/python3", X_OK) ? "python3" : "/usr/bin/python3",
			     "-c", "import ssl, json, sqlite3, ctypes, zlib, lzma, bz2, hashlib, decimal, uuid", 0};
	jump_shares(pyimports, preload);

	printf("start-up: medians of 40 alternating runs (python3: 10), site cache cold (SYSTRAP_CACHE=off) and warm\n");
	char *truecmd[] = {"/bin/true", 0};
	/* The interpreter itself, not a version manager's shell shim. */
	char *py[] = {access("/usr/bin/python3", X_OK) ? "python3" : "/usr/bin/python3",
		      "-c", "pass", 0};
	const char *cold[] = {preload, "SYSTRAP_CACHE=off", 0};
	const char *warm[] = {preload, cache_env, 0};
	const char *const *envs[3] = {0, cold, warm};
	struct startup t, p;
	startup_ms(40, truecmd, envs, &t);
	print_startup("/bin/true", &t);
	startup_ms(10, py, envs, &p);
	print_startup("python3 -c pass", &p);
	(void)loop_small;
	char rm[128];
	snprintf(rm, sizeof rm, "rm -rf %s", cache);
	if (system(rm))
		return 1;
	return 0;
}
