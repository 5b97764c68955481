/* bazel run //bench:syscall_overhead -- [ITERATIONS]
 *
 * Prints, from one run on this machine: the cost of one syscall natively,
 * trapped by libsystrap with a counting handler (ud2 and int3 traps), traced
 * by systrap-trace to a file, and under strace; then the start-up cost of
 * instrumenting /bin/true and `python3 -c pass`. Ratios are against native
 * measured in the same run: absolute times drift, ratios hold. */
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

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The measured loop: an inline `syscall` instruction in this program. */
static double loop_ns(long n)
{
	double t0 = now_s();
	for (long i = 0; i < n; i++) {
		long ret;
		__asm__ volatile("syscall"
				 : "=a"(ret)
				 : "a"((long)SYS_getppid)
				 : "rcx", "r11", "memory");
	}
	return (now_s() - t0) * 1e9 / n;
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

static double startup_ms(int reps, char *const argv[], const char *const *env)
{
	double best = 1e30;
	for (int i = 0; i < reps; i++) {
		double wall;
		run(argv, env, 0, &wall);
		if (wall < best)
			best = wall;
	}
	return best * 1e3;
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
	snprintf(preload, sizeof preload, "LD_PRELOAD=%s/systrap/testdata/counting_preload.so", runfiles);
	snprintf(tracer, sizeof tracer, "%s/systrap/tools/trace/systrap-trace", runfiles);
	char count[32];
	snprintf(count, sizeof count, "%ld", n);
	char strace_n[32];
	snprintf(strace_n, sizeof strace_n, "%ld", n / 20);

	char *loop[] = {self, "--loop", count, 0};
	char *loop_small[] = {self, "--loop", strace_n, 0};
	const char *ud2[] = {preload, "SYSTRAP_TRAP=ud2", 0};
	const char *int3[] = {preload, "SYSTRAP_TRAP=int3", 0};
	char *traced[] = {tracer, "-o", "/tmp/systrap-bench-trace.txt", self, "--loop", count, 0};
	char *straced[] = {"strace", "-o", "/tmp/systrap-bench-strace.txt", self, "--loop", strace_n, 0};
	const char *int3_trace[] = {"SYSTRAP_TRAP=int3", 0};

	printf("syscall cost: inline getppid loop, %ld calls, best of 5 runs\n", n);
	double native = best_of(5, loop, 0);
	double u = best_of(5, loop, ud2);
	double i3 = best_of(5, loop, int3);
	double tr = best_of(3, traced, int3_trace);
	double st = best_of(3, straced, 0);
	printf("  %-40s %10.1f ns/call %8.1fx\n", "native", native, 1.0);
	printf("  %-40s %10.1f ns/call %8.1fx\n", "trapped, ud2, counting handler", u, u / native);
	printf("  %-40s %10.1f ns/call %8.1fx\n", "trapped, int3, counting handler", i3, i3 / native);
	printf("  %-40s %10.1f ns/call %8.1fx\n", "systrap-trace -o FILE (int3)", tr, tr / native);
	printf("  %-40s %10.1f ns/call %8.1fx\n", "strace -o FILE", st, st / native);
	printf("  systrap-trace is %.1fx faster than strace per call\n", st / tr);

	printf("start-up: best of 10 runs (ms)\n");
	char *truecmd[] = {"/bin/true", 0};
	/* The interpreter itself, not a version manager's shell shim. */
	char *py[] = {access("/usr/bin/python3", X_OK) ? "python3" : "/usr/bin/python3",
		      "-c", "pass", 0};
	double t_native = startup_ms(10, truecmd, 0);
	double t_trap = startup_ms(10, truecmd, ud2);
	double p_native = startup_ms(5, py, 0);
	double p_trap = startup_ms(5, py, ud2);
	printf("  %-40s %8.2f ms native %8.2f ms trapped (+%.2f ms, %.1fx)\n",
	       "/bin/true", t_native, t_trap, t_trap - t_native, t_trap / t_native);
	printf("  %-40s %8.2f ms native %8.2f ms trapped (+%.2f ms, %.1fx)\n",
	       "python3 -c pass", p_native, p_trap, p_trap - p_native, p_trap / p_native);
	(void)loop_small;
	return 0;
}
