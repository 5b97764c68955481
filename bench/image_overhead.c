/* bazel run //bench:image_overhead -- [STARTS] [SIGNALS] [COLD]: the self-contained
 * image against the preload (issue 11's performance requirement), in one
 * run:
 *   (1) start-up: wall time of /bin/true and of a glibc -static program
 *       (bench/static_true.c) natively, under systrap-trace -o /dev/null (the
 *       image), systrap-trace --preload -o /dev/null (the preload; n/a for
 *       the static program) and strace -o /dev/null; STARTS rounds (200),
 *       the modes interleaved within each round so that load drifts hit all
 *       of them alike; min and median per mode, ratios to native and to
 *       strace. The site cache is warm (a directory of our own, one warm-up
 *       run per mode); then a cold cache (a fresh empty SYSTRAP_CACHE
 *       directory every run), image against preload, COLD rounds (STARTS/4).
 *   (2) signals: this program re-run as "signals N" sends itself N
 *       SIGUSR1s (kill(pid, SIGUSR1) with a handler), natively, under the
 *       image, under the preload (N = SIGNALS, 100000) and under strace
 *       (N/10, scaled per signal; strace stops at every signal and every
 *       call); per-signal time, min and median of 5 interleaved rounds
 *       (strace: 3). At its end the program prints its own TracerPid
 *       (/proc/self/status): 0 under the image and the preload, i.e.
 *       nothing ptraces it in steady state.
 * Results go in docs/PERFORMANCE.md with the command that produced them. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench_util.h"

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got++;
}

/* The signal-heavy program. Prints "signals N tracerpid T". */
static int signals_main(long n)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, 0);
	pid_t self = getpid();
	for (long i = 0; i < n; i++)
		kill(self, SIGUSR1);
	printf("signals %ld tracerpid %ld\n", (long)got, bench_tracer_pid());
	return got == n ? 0 : 1;
}

/* Runs argv (stdout to out_fd if >= 0, else /dev/null), returns seconds. */
static double run(char *const argv[], int out_fd)
{
	double a = bench_now();
	pid_t pid = fork();
	if (pid == 0) {
		int fd = out_fd >= 0 ? out_fd : open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	double b = bench_now();
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "image_overhead: %s %s failed (status %#x)\n",
			argv[0], argv[1] ? argv[1] : "", st);
		exit(1);
	}
	return b - a;
}

struct stat2 {
	double min, med;
};

static struct stat2 stats(double *v, int n)
{
	double med = bench_median(v, n);
	struct stat2 s = {v[0], med};
	return s;
}

static int rm_one(const char *p, const struct stat *s, int flag, struct FTW *f)
{
	(void)s;
	(void)flag;
	if (f->level > 0)
		remove(p);
	return 0;
}

/* Empties dir (keeps it). */
static void empty_dir(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A mode: argv prefix before the program. */
enum { NATIVE, IMAGE, PRELOAD, STRACE, NMODES };
static const char *mode_name[] = {"native", "image", "preload", "strace"};
static char *tracer;
static int cold_rounds;

static int build(char **out, int mode, char *const prog[])
{
	int n = 0;
	if (mode == IMAGE || mode == PRELOAD) {
		out[n++] = tracer;
		if (mode == PRELOAD)
			out[n++] = "--preload";
		out[n++] = "-o";
		out[n++] = "/dev/null";
		out[n++] = "--";
	} else if (mode == STRACE) {
		out[n++] = "strace";
		out[n++] = "-o";
		out[n++] = "/dev/null";
		out[n++] = "--";
	}
	for (int i = 0; prog[i]; i++)
		out[n++] = prog[i];
	out[n] = 0;
	return n;
}

static void startup(const char *name, char *const prog[], int with_preload,
		    int rounds, const char *warm_dir)
{
	char *argv[NMODES][16];
	double *t[NMODES];
	int on[NMODES] = {1, 1, with_preload, 1};
	for (int m = 0; m < NMODES; m++) {
		build(argv[m], m, prog);
		t[m] = calloc((size_t)(rounds > cold_rounds ? rounds : cold_rounds),
			      sizeof(double));
	}
	setenv("SYSTRAP_CACHE", warm_dir, 1);
	for (int m = 0; m < NMODES; m++)
		if (on[m])
			run(argv[m], -1); /* warm-up */
	for (int r = 0; r < rounds; r++)
		for (int k = 0; k < NMODES; k++) {
			/* Rotate the order each round. */
			int m = (k + r) % NMODES;
			if (on[m])
				t[m][r] = run(argv[m], -1);
		}
	struct stat2 s[NMODES];
	for (int m = 0; m < NMODES; m++)
		if (on[m])
			s[m] = stats(t[m], rounds);
	printf("%s: %d interleaved rounds, site cache warm\n", name, rounds);
	printf("  %-8s %9s %9s %9s %9s %11s %11s\n", "mode", "min ms", "median ms",
	       "+min ms", "+med ms", "med/native", "med/strace");
	for (int m = 0; m < NMODES; m++) {
		if (!on[m]) {
			printf("  %-8s %9s   (a preload needs the dynamic loader)\n",
			       mode_name[m], "n/a");
			continue;
		}
		printf("  %-8s %9.3f %9.3f %+9.3f %+9.3f %10.2fx %10.2fx\n",
		       mode_name[m], s[m].min * 1e3, s[m].med * 1e3,
		       (s[m].min - s[NATIVE].min) * 1e3,
		       (s[m].med - s[NATIVE].med) * 1e3, s[m].med / s[NATIVE].med,
		       s[m].med / s[STRACE].med);
	}
	if (with_preload)
		printf("  image/preload: median %.2fx, min %.2fx; image - preload: "
		       "median %+.3f ms, min %+.3f ms\n",
		       s[IMAGE].med / s[PRELOAD].med, s[IMAGE].min / s[PRELOAD].min,
		       (s[IMAGE].med - s[PRELOAD].med) * 1e3,
		       (s[IMAGE].min - s[PRELOAD].min) * 1e3);

	/* Cold: every run with an empty cache directory. */
	int cold = cold_rounds;
	char cold_dir[] = "/tmp/image_overhead_cold.XXXXXX";
	if (!mkdtemp(cold_dir))
		exit(1);
	setenv("SYSTRAP_CACHE", cold_dir, 1);
	for (int r = 0; r < cold; r++)
		for (int k = 0; k < 2; k++) {
			int m = (k + r) % 2 ? IMAGE : PRELOAD;
			if (m == PRELOAD && !with_preload)
				continue;
			empty_dir(cold_dir);
			t[m][r] = run(argv[m], -1);
		}
	empty_dir(cold_dir);
	rmdir(cold_dir);
	setenv("SYSTRAP_CACHE", warm_dir, 1);
	struct stat2 c[NMODES];
	c[IMAGE] = stats(t[IMAGE], cold);
	printf("  cold cache (%d interleaved rounds, empty SYSTRAP_CACHE each run):\n"
	       "    image    min %7.3f  median %7.3f ms (%+.3f over warm median)\n",
	       cold, c[IMAGE].min * 1e3, c[IMAGE].med * 1e3,
	       (c[IMAGE].med - s[IMAGE].med) * 1e3);
	if (with_preload) {
		c[PRELOAD] = stats(t[PRELOAD], cold);
		printf("    preload  min %7.3f  median %7.3f ms (%+.3f over warm median)\n"
		       "    image/preload cold: median %.2fx (%+.3f ms)\n",
		       c[PRELOAD].min * 1e3, c[PRELOAD].med * 1e3,
		       (c[PRELOAD].med - s[PRELOAD].med) * 1e3,
		       c[IMAGE].med / c[PRELOAD].med,
		       (c[IMAGE].med - c[PRELOAD].med) * 1e3);
	}
	for (int m = 0; m < NMODES; m++)
		free(t[m]);
}

/* Runs the signal program in mode m with n signals; checks its output and
 * returns its TracerPid. */
static double signal_run(char *self, int m, long n, long *tracer_pid)
{
	char count[32];
	snprintf(count, sizeof count, "%ld", n);
	char *prog[] = {self, "signals", count, 0};
	char *argv[16];
	build(argv, m, prog);
	char path[] = "/tmp/image_overhead_out.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		exit(1);
	unlink(path);
	double t = run(argv, fd);
	char buf[128] = {0};
	if (pread(fd, buf, sizeof buf - 1, 0) < 0)
		buf[0] = 0;
	close(fd);
	long got_n = -1;
	if (sscanf(buf, "signals %ld tracerpid %ld", &got_n, tracer_pid) != 2 ||
	    got_n != n) {
		fprintf(stderr, "image_overhead: %s signal run said: %s\n",
			mode_name[m], buf);
		exit(1);
	}
	return t;
}

static void signals(char *self, long n)
{
	long strace_n = n / 10;
	int rounds = 5, strace_rounds = 3;
	double t[NMODES][8];
	long tp[NMODES];
	for (int r = 0; r < rounds; r++)
		for (int k = 0; k < NMODES; k++) {
			int m = (k + r) % NMODES;
			if (m == STRACE && r >= strace_rounds)
				continue;
			long nn = m == STRACE ? strace_n : n;
			t[m][r] = signal_run(self, m, nn, &tp[m]) / (double)nn;
		}
	printf("signals: kill(getpid(), SIGUSR1) with a handler, %ld a run "
	       "(strace: %ld, per signal), %d interleaved rounds (strace: %d)\n",
	       n, strace_n, rounds, strace_rounds);
	printf("  %-8s %9s %9s %11s %11s %10s\n", "mode", "min us", "median us",
	       "med/native", "med/strace", "TracerPid");
	struct stat2 s[NMODES];
	for (int m = 0; m < NMODES; m++)
		s[m] = stats(t[m], m == STRACE ? strace_rounds : rounds);
	for (int m = 0; m < NMODES; m++)
		printf("  %-8s %9.3f %9.3f %10.2fx %10.4fx %10ld%s\n", mode_name[m],
		       s[m].min * 1e6, s[m].med * 1e6, s[m].med / s[NATIVE].med,
		       s[m].med / s[STRACE].med, tp[m],
		       m == IMAGE || m == PRELOAD ? (tp[m] ? "  TRACED!" : "  (not traced)") : "");
	printf("  image/preload per signal: median %.3fx, min %.3fx\n",
	       s[IMAGE].med / s[PRELOAD].med, s[IMAGE].min / s[PRELOAD].min);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "signals"))
		return signals_main(atol(argv[2]));
	int starts = argc > 1 ? atoi(argv[1]) : 200;
	long nsig = argc > 2 ? atol(argv[2]) : 100000;
	cold_rounds = argc > 3 ? atoi(argv[3]) : (starts / 4 > 5 ? starts / 4 : 5);
	if (starts < 4 || nsig < 10 || cold_rounds < 1) {
		fprintf(stderr, "usage: image_overhead [STARTS>=4] [SIGNALS>=10] [COLD>=1]\n");
		return 2;
	}
	char self[PATH_MAX], stat_prog[PATH_MAX + 64];
	static char tracer_path[PATH_MAX + 64];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	if (len <= 0)
		return 1;
	self[len] = 0;
	if (bench_built_path(tracer_path, sizeof tracer_path,
			     "tools/trace/systrap-trace") ||
	    bench_built_path(stat_prog, sizeof stat_prog, "bench/static_true"))
		return 1;
	tracer = tracer_path;
	/* Another build's systrap-trace, for an A/B against this one. */
	if (getenv("IMAGE_OVERHEAD_TRACER"))
		tracer = getenv("IMAGE_OVERHEAD_TRACER");
	char warm_dir[] = "/tmp/image_overhead_warm.XXXXXX";
	if (!mkdtemp(warm_dir))
		return 1;
	FILE *la = fopen("/proc/loadavg", "r");
	char load[64] = "?";
	if (la && fgets(load, sizeof load, la))
		load[strcspn(load, "\n")] = 0;
	if (la)
		fclose(la);
	printf("image_overhead: %d start-up rounds, %ld signals; load average at "
	       "start %s\n", starts, nsig, load);
	fflush(stdout);
	char *true_prog[] = {"/bin/true", 0};
	char *static_prog[] = {stat_prog, 0};
	startup("/bin/true", true_prog, 1, starts, warm_dir);
	fflush(stdout);
	startup("static_true (glibc -static)", static_prog, 0, starts, warm_dir);
	fflush(stdout);
	signals(self, nsig);
	empty_dir(warm_dir);
	rmdir(warm_dir);
	la = fopen("/proc/loadavg", "r");
	if (la && fgets(load, sizeof load, la))
		load[strcspn(load, "\n")] = 0;
	if (la)
		fclose(la);
	printf("load average at end %s\n", load);
	return 0;
}
