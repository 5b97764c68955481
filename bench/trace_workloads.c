/* bazel run //bench:trace_workloads [-- startup | outputs | leads]: the tracer against strace on
 * workloads traced to a file, measured in one run:
 *   (a) a loop of N getppid() calls (this program, re-run with "loop N"),
 *   (b) dd if=/dev/zero of=/dev/null bs=1 count=100000,
 * then the cost of one call of libc's getppid() timed inside the program
 * (this program, re-run with "percall N": start-up left out), natively,
 * under systrap-trace -c, systrap-trace -o FILE and strace -o FILE,
 * each natively, under systrap-trace -o FILE (reading the program's memory
 * with RTM transactions where the CPU has them, and again with
 * SYSTRAP_TSX=off: through the kernel, as on a CPU without) and under
 * strace -o FILE; and two where start-up is all (issue 14), with -f:
 *   (c) 100 x /bin/true from bash,
 *   (c') 100 x `env true` from bash, true found in the 9th entry of env's
 *       PATH search (execvp: eight execs of a missing file first, as
 *       gcc's driver looking for `as` makes),
 *   (d) make -j2 of 24 small C files (written to a scratch directory,
 *       rebuilt with -B each run),
 *   (e) 2000 threads, each created and joined before the next (this
 *       program, re-run with "threads N"): glibc blocks every signal
 *       around clone3, so on a CPU without RTM each read of the program's
 *       memory there goes through the kernel,
 * natively, under systrap-trace -f -o FILE and strace -f -o FILE; and
 *   (f) a static Go program, 100,000 os.Stat on 4 goroutines
 *       (bench/go_stat_loop.go, built here with `go build` where a Go
 *       toolchain is installed; left out otherwise), the same way and
 *       with SYSTRAP_TSX=off (`-- go`: this row alone).
 * Prints each run's wall time and the ratios to native and to strace.
 * `bazel run //bench:trace_workloads -- startup`: (c) to (f) alone.
 * With "outputs": the text trace against --json and -o + --timeline on
 * the (a) and (b) workloads (no strace); with "leads": against -n -i.
 * Best of REPEATS runs, so a busy machine's noise does not dominate. */
#include <cpuid.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench_util.h"

#define REPEATS 3
#define LOOP_CALLS 200000

static double run(char *const argv[])
{
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "trace_workloads: %s failed\n", argv[0]);
		exit(1);
	}
	return (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
}

/* ns per call as the program measured it (it prints the figure). */
static double percall_run(char *const argv[])
{
	double ns = bench_run_for_figure(argv);
	if (ns < 0) {
		fprintf(stderr, "trace_workloads: %s failed\n", argv[0]);
		exit(1);
	}
	return ns;
}

static double best_of(double (*measure)(char *const argv[]),
		      char *const argv[]);

static double percall_best(char *const argv[])
{
	return best_of(percall_run, argv);
}

static void percall(const char *self, const char *tracer, const char *outfile)
{
	char n[] = "1000000", n_strace[] = "20000";
	char *native[] = {(char *)self, "percall", n, 0};
	char *count[] = {(char *)tracer, "-c", "-o", "/dev/null", "--",
			 (char *)self, "percall", n, 0};
	char *file[] = {(char *)tracer, "-o", (char *)outfile, "--",
			(char *)self, "percall", n, 0};
	char *theirs[] = {"strace", "-o", (char *)outfile, "--",
			  (char *)self, "percall", n_strace, 0};
	double tn = percall_best(native), tc = percall_best(count);
	double tf = percall_best(file), ts = percall_best(theirs);
	printf("getppid() through libc, ns per call timed in the program "
	       "(1000000 calls; strace 20000)\n"
	       "  native %7.1f ns   systrap-trace -c %7.1f ns (%5.2fx)   "
	       "systrap-trace -o FILE %7.1f ns (%5.2fx)   strace -o FILE "
	       "%9.1f ns (%7.2fx)\n",
	       tn, tc, tc / tn, tf, tf / tn, ts, ts / tn);
}

static double best_of(double (*measure)(char *const argv[]),
		      char *const argv[])
{
	double m = 1e30;
	for (int i = 0; i < REPEATS; i++) {
		double t = measure(argv);
		if (t < m)
			m = t;
	}
	return m;
}

static double best(char *const argv[])
{
	return best_of(run, argv);
}

static void workload(const char *name, char **cmd, int ncmd,
		     const char *tracer, const char *outfile)
{
	char *native[16], *ours[20], *theirs[20];
	int n = 0;
	for (int i = 0; i < ncmd; i++)
		native[n++] = cmd[i];
	native[n] = 0;
	char *o = (char *)outfile;
	char *pre_ours[] = {(char *)tracer, "-o", o, "--"};
	char *pre_strace[] = {"strace", "-o", o, "--"};
	for (int i = 0; i < 4; i++) {
		ours[i] = pre_ours[i];
		theirs[i] = pre_strace[i];
	}
	for (int i = 0; i <= ncmd; i++) {
		ours[4 + i] = native[i];
		theirs[4 + i] = native[i];
	}
	double tn = best(native), to = best(ours), ts = best(theirs);
	setenv("SYSTRAP_TSX", "off", 1);
	double tk = best(ours);
	unsetenv("SYSTRAP_TSX");
	printf("%s\n  native %8.3f s   systrap-trace %8.3f s (%5.2fx native)   "
	       "with SYSTRAP_TSX=off %8.3f s (%5.2fx)   strace %8.3f s (%5.2fx native)   "
	       "systrap/strace %5.3f\n",
	       name, tn, to, to / tn, tk, tk / tn, ts, ts / tn, to / ts);
}

/* "outputs": what --json and --timeline cost against the text trace (and
 * native), same workload, same run; no strace. */
static void outputs(const char *name, char **cmd, int ncmd, const char *tracer,
		    const char *outfile)
{
	char tl[PATH_MAX + 16], tlopt[PATH_MAX + 32];
	snprintf(tl, sizeof tl, "%s.timeline", outfile);
	snprintf(tlopt, sizeof tlopt, "--timeline=%s", tl);
	char *native[16], *text[24], *json[24], *timeline[24];
	char *o = (char *)outfile;
	char *pre_text[] = {(char *)tracer, "-o", o, "--"};
	char *pre_json[] = {(char *)tracer, "--json", "-o", o, "--"};
	char *pre_tl[] = {(char *)tracer, "-o", o, tlopt, "--"};
	for (int i = 0; i < 4; i++)
		text[i] = pre_text[i];
	for (int i = 0; i < 5; i++) {
		json[i] = pre_json[i];
		timeline[i] = pre_tl[i];
	}
	for (int i = 0; i <= ncmd; i++) {
		native[i] = i < ncmd ? cmd[i] : 0;
		text[4 + i] = native[i];
		json[5 + i] = native[i];
		timeline[5 + i] = native[i];
	}
	double tn = best(native), tt = best(text), tj = best(json),
	       tm = best(timeline);
	printf("%s\n  native %8.3f s   text %8.3f s (%5.2fx native)   --json %8.3f s "
	       "(%5.2fx native, %5.2fx text)   -o + --timeline %8.3f s (%5.2fx "
	       "native, %5.2fx text)\n",
	       name, tn, tt, tt / tn, tj, tj / tn, tj / tt, tm, tm / tn, tm / tt);
	unlink(tl);
}

/* cmd under tracer FLAGS... -o outfile, best of REPEATS. */
static double best_traced(char **cmd, int ncmd, const char *tracer,
			  const char *outfile, char **flags, int nflags)
{
	char *argv[32];
	int n = 0;
	argv[n++] = (char *)tracer;
	for (int i = 0; i < nflags; i++)
		argv[n++] = flags[i];
	argv[n++] = "-o";
	argv[n++] = (char *)outfile;
	argv[n++] = "--";
	for (int i = 0; i < ncmd && n < 31; i++)
		argv[n++] = cmd[i];
	argv[n] = 0;
	return best(argv);
}

/* "leads": what -n and -i cost on the text trace, same run. */
static void leads(const char *name, char **cmd, int ncmd, const char *tracer,
		  const char *outfile)
{
	char *native[16];
	for (int i = 0; i <= ncmd; i++)
		native[i] = i < ncmd ? cmd[i] : 0;
	char *ni[] = {"-n", "-i"};
	double tn = best(native),
	       tt = best_traced(cmd, ncmd, tracer, outfile, 0, 0),
	       tl = best_traced(cmd, ncmd, tracer, outfile, ni, 2);
	printf("%s\n  native %8.3f s   text %8.3f s (%5.2fx native)   -n -i %8.3f s "
	       "(%5.2fx native, %5.2fx text)\n",
	       name, tn, tt, tt / tn, tl, tl / tn, tl / tt);
}

/* A -f workload: native, ours, strace's. */
static void startup_workload_tsx(const char *name, char **cmd, int ncmd,
				 const char *tracer, const char *outfile,
				 int tsx_off)
{
	char *native[16], *ours[24], *theirs[24];
	char *pre_ours[] = {(char *)tracer, "-f", "-o", (char *)outfile, "--"};
	char *pre_strace[] = {"strace", "-f", "-o", (char *)outfile, "--"};
	for (int i = 0; i <= ncmd; i++) {
		native[i] = i < ncmd ? cmd[i] : 0;
		ours[5 + i] = theirs[5 + i] = native[i];
	}
	for (int i = 0; i < 5; i++) {
		ours[i] = pre_ours[i];
		theirs[i] = pre_strace[i];
	}
	double tn = best(native), to = best(ours), ts = best(theirs);
	printf("%s\n  native %8.3f s   systrap-trace -f %8.3f s (%5.2fx native)"
	       "   strace -f %8.3f s (%5.2fx native)   systrap/strace %5.3f"
	       " (%.2fx faster)\n",
	       name, tn, to, to / tn, ts, ts / tn, to / ts, ts / to);
	if (tsx_off) {
		setenv("SYSTRAP_TSX", "off", 1);
		double tk = best(ours);
		unsetenv("SYSTRAP_TSX");
		printf("  with SYSTRAP_TSX=off %8.3f s (%5.2fx native)\n", tk,
		       tk / tn);
	}
}

static void startup_workload(const char *name, char **cmd, int ncmd,
			     const char *tracer, const char *outfile)
{
	startup_workload_tsx(name, cmd, ncmd, tracer, outfile, 0);
}

/* Row (f): bench/go_stat_loop.go built into a scratch directory (the Go
 * cache there too) and run; said and left out without a Go toolchain. */
static void go_workload(const char *self, const char *tracer,
			const char *outfile)
{
	char src[PATH_MAX + 64], dir[] = "/tmp/trace_workloads_go.XXXXXX";
	snprintf(src, sizeof src, "%s.runfiles/systrap/bench/go_stat_loop.go",
		 self);
	if (access(src, R_OK)) {
		const char *slash = strrchr(self, '/');
		snprintf(src, sizeof src, "%.*s/go_stat_loop.go",
			 (int)(slash - self), self);
	}
	if (system("command -v go >/dev/null 2>&1")) {
		printf("static Go program: left out (no Go toolchain: "
		       "apt-get install golang-go)\n");
		return;
	}
	if (!mkdtemp(dir))
		return;
	char cmd[3 * PATH_MAX + 256];
	snprintf(cmd, sizeof cmd,
		 "cd %s && GO111MODULE=off GOFLAGS= GOCACHE=%s/cache HOME=%s "
		 "CGO_ENABLED=0 go build -o %s/go_stat_loop %s",
		 dir, dir, dir, dir, src);
	char prog[PATH_MAX];
	snprintf(prog, sizeof prog, "%s/go_stat_loop", dir);
	if (system(cmd) == 0) {
		char *go[] = {prog, "100000"};
		startup_workload_tsx("static Go program, 100000 os.Stat on 4 "
				     "goroutines, -f",
				     go, 2, tracer, outfile, 1);
	} else {
		fprintf(stderr, "trace_workloads: go build failed: %s\n", cmd);
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd))
		fprintf(stderr, "trace_workloads: cannot remove %s\n", dir);
}

/* 24 small C files and a Makefile in dir; 0 or -1. */
static int write_project(const char *dir)
{
	char path[PATH_MAX];
	for (int i = 0; i < 24; i++) {
		snprintf(path, sizeof path, "%s/f%d.c", dir, i);
		FILE *f = fopen(path, "w");
		if (!f)
			return -1;
		fprintf(f, "#include <stdio.h>\n#include <string.h>\n"
			   "int f%d(const char *s) { char b[64]; "
			   "snprintf(b, sizeof b, \"%%s-%d\", s); "
			   "return (int)strlen(b); }\n", i, i);
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/Makefile", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "OBJS := $(patsubst %%.c,%%.o,$(wildcard f*.c))\n"
		   "all: $(OBJS)\n%%.o: %%.c\n\tcc -O1 -c $< -o $@\n");
	fclose(f);
	return 0;
}

static void *thread_returns(void *arg)
{
	return arg;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "threads")) {
		long n = atol(argv[2]);
		for (long i = 0; i < n; i++) {
			pthread_t t;
			if (pthread_create(&t, 0, thread_returns, 0))
				return 1;
			pthread_join(t, 0);
		}
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "percall")) {
		long n = atol(argv[2]);
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		for (long i = 0; i < n; i++)
			getppid();
		clock_gettime(CLOCK_MONOTONIC, &b);
		printf("%.1f\n", ((b.tv_sec - a.tv_sec) * 1e9 +
				   (b.tv_nsec - a.tv_nsec)) / n);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "loop")) {
		long n = atol(argv[2]);
		for (long i = 0; i < n; i++)
			syscall(SYS_getppid);
		return 0;
	}
	/* bazel run: runfiles beside us. */
	char self[PATH_MAX], tracer[PATH_MAX + 64];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	if (len <= 0)
		return 1;
	self[len] = 0;
	snprintf(tracer, sizeof tracer, "%s.runfiles/systrap/tools/trace/systrap-trace", self);
	if (access(tracer, X_OK)) {
		char *slash = strrchr(self, '/');
		*slash = 0;
		snprintf(tracer, sizeof tracer, "%s/../tools/trace/systrap-trace", self);
		*slash = '/';
	}
	char outfile[] = "/tmp/trace_workloads.XXXXXX";
	int fd = mkstemp(outfile);
	if (fd < 0)
		return 1;
	close(fd);
	char count[32];
	snprintf(count, sizeof count, "%d", LOOP_CALLS);
	char *loop[] = {self, "loop", count};
	char *dd[] = {"dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=100000", "status=none"};
	unsigned int a, b, c, d;
	int rtm = __get_cpuid_count(7, 0, &a, &b, &c, &d) && ((b >> 11) & 1) &&
		  !((d >> 11) & 1);
	printf("best of %d runs each, traced to %s; this CPU %s RTM\n", REPEATS,
	       outfile, rtm ? "has" : "has no");
	if (argc == 2 && !strcmp(argv[1], "leads")) {
		leads("getppid loop (200000 calls)", loop, 3, tracer, outfile);
		leads("dd bs=1 count=100000", dd, 6, tracer, outfile);
		unlink(outfile);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "go")) {
		go_workload(self, tracer, outfile);
		unlink(outfile);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "outputs")) {
		outputs("getppid loop (200000 calls)", loop, 3, tracer, outfile);
		outputs("dd bs=1 count=100000", dd, 6, tracer, outfile);
		unlink(outfile);
		return 0;
	}
	/* "startup": the -f start-up rows alone. */
	if (argc < 2 || strcmp(argv[1], "startup")) {
		workload("getppid loop (200000 calls)", loop, 3, tracer, outfile);
		workload("dd bs=1 count=100000", dd, 6, tracer, outfile);
		percall(self, tracer, outfile);
	}
	char *trues[] = {"bash", "-c", "for i in $(seq 100); do /bin/true; done"};
	startup_workload("100 x /bin/true from bash, -f", trues, 3, tracer,
			 outfile);
	char *searches[] = {"bash", "-c",
			    "for i in $(seq 100); do env PATH=/nonexistent/1:"
			    "/nonexistent/2:/nonexistent/3:/nonexistent/4:"
			    "/nonexistent/5:/nonexistent/6:/nonexistent/7:"
			    "/nonexistent/8:/usr/bin:/bin true; done"};
	startup_workload("100 x env true, found 9th in PATH, from bash, -f",
			 searches, 3, tracer, outfile);
	char project[] = "/tmp/trace_workloads_make.XXXXXX";
	if (mkdtemp(project) && write_project(project) == 0) {
		char *make[] = {"make", "-s", "-B", "-j2", "-C", project};
		startup_workload("make -j2 of 24 small C files, -f", make, 6,
				 tracer, outfile);
		char rm[PATH_MAX + 16];
		snprintf(rm, sizeof rm, "rm -rf %s", project);
		if (system(rm))
			fprintf(stderr, "trace_workloads: cannot remove %s\n",
				project);
	}
	char *threads[] = {self, "threads", "2000"};
	startup_workload("2000 threads created and joined one by one, -f",
			 threads, 3, tracer, outfile);
	go_workload(self, tracer, outfile);
	unlink(outfile);
	return 0;
}
