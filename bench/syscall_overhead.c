/* bazel run //bench:syscall_overhead -- [ITERATIONS [--calls-only]]
 *
 * Prints, from one run on this machine:
 *  - the cost of one syscall (an inline `mov $110,%eax; syscall` getppid
 *    loop in this program) natively, through libsystrap with a no-op
 *    handler on each path (jump trampoline, int3 and ud2 traps), traced by
 *    systrap-trace to a file, and under strace to a file; and natively with
 *    one read of the stack after each syscall, the jump path's fair
 *    baseline where the TLB is emptied at every syscall (PTI, no PCID);
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
static double run2(char *const argv[], const char *const *env,
		   int want_output, double *wall, double *second);

static double run(char *const argv[], const char *const *env, int want_output,
		  double *wall)
{
	return run2(argv, env, want_output, wall, 0);
}

/* As run, and the line's second number (the child's median chunk) in
 * *second when asked. */
static double run2(char *const argv[], const char *const *env,
		   int want_output, double *wall, double *second)
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
	if (!want_output)
		return 0;
	char *end;
	double first = strtod(buf, &end);
	if (second)
		*second = strtod(end, 0);
	return first;
}

/* The per-call rows: `rounds` rounds, each running every variant once in
 * turn (so the machine's load drifts across all alike), each run printing
 * its fastest and median chunk of calls (bench_inline_getppid_chunks). A
 * variant's figure is its fastest chunk over all runs (what the path
 * costs) and the median of its runs' median chunks (what it cost with the
 * machine's noise); its cost over native is the difference of the fastest
 * chunks and the median over rounds of the paired differences of each
 * round's fastest chunks, whose spread (min..max) says whether a few ns
 * are noise. */
#define MAX_ROUNDS 31

struct variant {
	const char *name;
	char *const *argv;
	const char *const *env;
	int rounds; /* this variant runs in the first `rounds` rounds only */
	double best[MAX_ROUNDS], median[MAX_ROUNDS];
};

static void measure_interleaved(struct variant *v, int count, int rounds)
{
	for (int r = 0; r < rounds && r < MAX_ROUNDS; r++)
		for (int k = 0; k < count; k++)
			if (r < v[k].rounds)
				v[k].best[r] = run2((char *const *)v[k].argv,
						    v[k].env, 1, 0,
						    &v[k].median[r]);
}

static void print_variant(const struct variant *v, const struct variant *native)
{
	double best[MAX_ROUNDS], median[MAX_ROUNDS], delta[MAX_ROUNDS];
	int n = v->rounds, paired = 0;
	for (int r = 0; r < n; r++) {
		best[r] = v->best[r];
		median[r] = v->median[r];
		if (r < native->rounds)
			delta[paired++] = v->best[r] - native->best[r];
	}
	bench_sort(best, n);
	double med = bench_median(median, n);
	double native_best[MAX_ROUNDS];
	for (int r = 0; r < native->rounds; r++)
		native_best[r] = native->best[r];
	bench_sort(native_best, native->rounds);
	printf("  %-42s %9.1f ns/call (median %9.1f) %8.2fx", v->name, best[0],
	       med, best[0] / native_best[0]);
	if (v != native && best[0] - native_best[0] < 1000) {
		double d = bench_median(delta, paired);
		printf("  %+6.1f ns (paired: median %+.1f, %+.1f..%+.1f)",
		       best[0] - native_best[0], d, delta[0],
		       delta[paired - 1]);
	}
	printf("\n");
}

/* v's cost over base alone: the difference of their fastest chunks, and
 * the median (and range) of each round's paired difference. */
static void print_against(const struct variant *v, const struct variant *base)
{
	double delta[MAX_ROUNDS], vb = v->best[0], bb = base->best[0];
	int paired = 0;
	for (int r = 0; r < v->rounds && r < base->rounds; r++) {
		delta[paired++] = v->best[r] - base->best[r];
		vb = v->best[r] < vb ? v->best[r] : vb;
		bb = base->best[r] < bb ? base->best[r] : bb;
	}
	bench_sort(delta, paired);
	printf("%+.1f ns (paired: median %+.1f, %+.1f..%+.1f)\n", vb - bb,
	       bench_median(delta, paired), delta[0], delta[paired - 1]);
}

/* Whether the kernel switches page tables at each syscall and, without
 * PCID, empties the TLB doing it (then every first touch of a page after
 * a syscall pays a page walk). */
static const char *bench_pti_note(void)
{
	char buf[256] = "";
	FILE *f = fopen("/sys/devices/system/cpu/vulnerabilities/meltdown", "r");
	if (f) {
		if (!fgets(buf, sizeof buf, f))
			buf[0] = 0;
		fclose(f);
	}
	if (!strstr(buf, "PTI"))
		return "none (no PTI)";
	int pcid = 0;
	char line[8192];
	f = fopen("/proc/cpuinfo", "r");
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "flags", 5)) {
			pcid = strstr(line, " pcid") != 0;
			break;
		}
	if (f)
		fclose(f);
	return pcid ? "PTI with PCID: the TLB is kept"
		    : "PTI without PCID: the TLB is emptied at every syscall";
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
		/* Every object instrumented at once, so that each says its
		 * share: lazily, objects are patched a page at a time. */
		putenv("SYSTRAP_LAZY=0");
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
	if (argc == 3 && (!strcmp(argv[1], "--loop") ||
			  !strcmp(argv[1], "--loop-touch"))) {
		/* The fastest and the median chunk of 1,000 calls. */
		long n = atol(argv[2]);
		double best, median;
		loop_ns(n / 10); /* warm up */
		bench_inline_getppid_chunks(n, 1000,
					    !strcmp(argv[1], "--loop-touch"),
					    &best, &median);
		printf("%.1f %.1f\n", best, median);
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
	char *loop_touch[] = {self, "--loop-touch", count, 0};
	const char *jump[] = {preload, "SYSTRAP_TRAP=jump", cache_env, 0};
	const char *jump_xsave[] = {xsave_preload, "SYSTRAP_TRAP=jump", cache_env, 0};
	const char *ud2[] = {preload, "SYSTRAP_TRAP=ud2", cache_env, 0};
	const char *int3[] = {preload, "SYSTRAP_TRAP=int3", cache_env, 0};
	char *traced[] = {tracer, "-o", "/tmp/systrap-bench-trace.txt", self, "--loop", count, 0};
	char *straced[] = {"strace", "-o", "/tmp/systrap-bench-strace.txt", self, "--loop", strace_n, 0};
	const char *trace_env[] = {cache_env, 0};

	printf("syscall cost: inline getppid loop (mov $110,%%eax; syscall), %ld calls a run in chunks of 1000;\n"
	       "  fastest chunk over all runs (median: of each run's median chunk); runs interleaved, 15 rounds (traps 5, tracers 3)\n", n);
	struct variant v[] = {
		{.name = "native", .argv = loop, .env = 0, .rounds = 15},
		{.name = "jump trampoline, no-op handler", .argv = loop, .env = jump, .rounds = 15},
		{.name = "jump, handler without the promise (xsave)", .argv = loop, .env = jump_xsave, .rounds = 15},
		{.name = "int3 trap, no-op handler", .argv = loop, .env = int3, .rounds = 5},
		{.name = "ud2 trap, no-op handler", .argv = loop, .env = ud2, .rounds = 5},
		{.name = "systrap-trace -o FILE", .argv = traced, .env = trace_env, .rounds = 3},
		{.name = "strace -o FILE", .argv = straced, .env = 0, .rounds = 3},
		{.name = "native, one stack read after each call", .argv = loop_touch, .env = 0, .rounds = 15},
	};
	int variants = (int)(sizeof v / sizeof v[0]);
	measure_interleaved(v, variants, 15);
	for (int k = 0; k < variants; k++)
		print_variant(&v[k], &v[0]);
	double tr = v[5].best[0], st = v[6].best[0];
	for (int r = 1; r < 3; r++) {
		tr = v[5].best[r] < tr ? v[5].best[r] : tr;
		st = v[6].best[r] < st ? v[6].best[r] : st;
	}
	printf("  systrap-trace is %.1fx faster than strace per call\n", st / tr);
	/* The jump path must touch memory after its syscall (the registers it
	 * saved): where the TLB is empty after every syscall (PTI without
	 * PCID), the bare loop is a baseline no hook can reach, and the loop
	 * that reads its stack once, as a call through libc does, is the fair
	 * one. */
	printf("  jump trampoline against the native loop that reads its stack once: ");
	print_against(&v[1], &v[7]);
	printf("  (page-table switch per syscall: %s)\n", bench_pti_note());
	if (argc > 2 && !strcmp(argv[2], "--calls-only"))
		return 0;

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
