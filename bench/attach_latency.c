/* bazel run //bench:attach_latency -- [ROUNDS] [CALLS]: entering and leaving a
 * running process with `systrap-trace -p PID` (issue 12's performance
 * requirement), against `strace -p`, in one run:
 *   (1) latency: a python3 (/usr/bin/python3 where it exists) that has
 *       imported a usual set of modules (json, re, socket, subprocess,
 *       hashlib, ssl, ctypes, sqlite3, decimal, zlib, bz2, lzma, ...: libc,
 *       libm, libcrypto, libssl, libsqlite3, ... loaded) and then loops on
 *       os.getppid() and a 1 ms sleep, printing nothing. Each round times,
 *       from the fork of the tracer, the `Process N attached` line on its
 *       stderr and the first line in its -o FILE, then, after 50 ms of
 *       tracing, from SIGINT to the tracer's exit (its stderr must say
 *       `Process N detached`). Both are polled every POLL_US microseconds
 *       (file size and stderr, non-blocking), so those two times are late
 *       by up to that much plus the sleep's slack; the exit is a blocking
 *       waitpid. Four cases, their order rotated each round:
 *         - first attach, cold cache: a fresh python, SYSTRAP_CACHE a fresh
 *           empty directory (which must hold the analysis afterwards);
 *         - first attach, warm cache: a fresh python, SYSTRAP_CACHE a
 *           directory filled by a warm-up attach before the rounds;
 *         - re-attach: the one long-lived python, attached and left once
 *           before the rounds and again every round: the image is already
 *           in it and its sites already patched, nothing is analysed again
 *           (a fresh empty SYSTRAP_CACHE must stay empty);
 *         - strace -p on the same long-lived python.
 *       After every round each python it touched must be alive, have
 *       TracerPid 0, not be stopped, and its loop must keep going (its
 *       voluntary context switches grow over 20 ms); the long-lived one
 *       runs through all rounds. getppid lines per ms traced are printed
 *       as a check that the loop ran while traced.
 *   (2) steady state: bench/getppid_phases (CALLS libc getppid() calls,
 *       1,000,000, a batch; min and median of 3 batches, in wall and in
 *       thread CPU time) in two processes, A and a control B,
 *       before and after systrap-trace -p attached to and left A: what a
 *       call costs in a process left with its sites patched as
 *       pass-through.
 * Every child is bounded by a 10 s timeout and killed by pid on failure;
 * nothing is attached to that this program did not start.
 * Results go in docs/PERFORMANCE.md with the command that produced them. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench_util.h"

#define POLL_US 100
#define TRACED_MS 50
#define TIMEOUT_S 10

static const char py_code[] =
	"import os, sys, time, json, re, socket, subprocess, hashlib, ssl, "
	"ctypes, sqlite3, decimal, zlib, bz2, lzma, threading, logging\n"
	"os.write(1, b'ready\\n')\n"
	"g = os.getppid\n"
	"s = time.sleep\n"
	"while True:\n"
	"    g()\n"
	"    s(0.001)\n";

/* Children to kill (by pid) if we fail. */
static pid_t kids[16];

static void add_kid(pid_t p)
{
	for (int i = 0; i < 16; i++)
		if (!kids[i]) {
			kids[i] = p;
			return;
		}
}

static void reap_kid(pid_t p)
{
	for (int i = 0; i < 16; i++)
		if (kids[i] == p)
			kids[i] = 0;
}

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "attach_latency: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	for (int i = 0; i < 16; i++)
		if (kids[i]) {
			kill(kids[i], SIGKILL);
			waitpid(kids[i], 0, 0);
		}
	exit(1);
}

static void sleep_us(long us)
{
	struct timespec t = {us / 1000000, (us % 1000000) * 1000};
	nanosleep(&t, 0);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* waitpid bounded by TIMEOUT_S; dies (killing pid) on timeout. */
static int wait_bounded(pid_t pid, const char *what)
{
	int st;
	alarm(TIMEOUT_S);
	pid_t r = waitpid(pid, &st, 0);
	alarm(0);
	if (r != pid)
		die("%s (pid %d) did not end within %d s", what, (int)pid, TIMEOUT_S);
	reap_kid(pid);
	return st;
}

static int rm_one(const char *p, const struct stat *s, int flag, struct FTW *f)
{
	(void)s;
	(void)flag;
	if (f->level > 0)
		remove(p);
	return 0;
}

static void remove_dir(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	rmdir(dir);
}

static int count_entries(const char *dir)
{
	char cmd[PATH_MAX + 32];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;
	if (!p || fscanf(p, "%d", &n) != 1)
		n = -1;
	if (p)
		pclose(p);
	return n;
}

/* Reads line by line from fd until one starts with want, bounded by
 * timeout seconds. */
static void read_line(int fd, char *buf, size_t size, const char *want,
		      const char *what, int timeout)
{
	size_t n = 0;
	double end = bench_now() + timeout;
	while (bench_now() < end && n + 1 < size) {
		struct timespec t = {0, 1000000};
		ssize_t r = read(fd, buf + n, 1);
		if (r == 1) {
			if (buf[n] == '\n') {
				buf[n] = 0;
				if (!strncmp(buf, want, strlen(want)))
					return;
				n = 0;
				continue;
			}
			n++;
		} else if (r == 0) {
			break;
		} else if (errno == EAGAIN) {
			nanosleep(&t, 0);
		} else {
			break;
		}
	}
	buf[n] = 0;
	die("%s: no '%s' line within %d s (got '%s')", what, want, timeout, buf);
}

/* Starts argv with stdin from in_fd and stdout to out_fd (-1: /dev/null). */
static pid_t spawn(char *const argv[], int in_fd, int out_fd, int close1,
		   int close2)
{
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(in_fd >= 0 ? in_fd : null, 0);
		dup2(out_fd >= 0 ? out_fd : null, 1);
		if (close1 >= 0)
			close(close1);
		if (close2 >= 0)
			close(close2);
		execvp(argv[0], argv);
		_exit(127);
	}
	add_kid(pid);
	return pid;
}

static const char *python;

static pid_t start_python(void)
{
	int p[2];
	if (pipe(p))
		die("pipe");
	char *argv[] = {(char *)python, "-c", (char *)py_code, 0};
	pid_t pid = spawn(argv, -1, p[1], p[0], -1);
	close(p[1]);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	char buf[64];
	read_line(p[0], buf, sizeof buf, "ready", "python3", TIMEOUT_S);
	close(p[0]);
	return pid;
}

static void stop_python(pid_t pid)
{
	kill(pid, SIGKILL);
	wait_bounded(pid, "python3");
}

struct pstatus {
	char state;
	long tracer, vcsw;
};

static struct pstatus read_status(pid_t pid)
{
	struct pstatus s = {'?', -1, -1};
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f)) {
		if (!strncmp(line, "State:", 6))
			sscanf(line + 6, " %c", &s.state);
		else if (!strncmp(line, "TracerPid:", 10))
			s.tracer = atol(line + 10);
		else if (!strncmp(line, "voluntary_ctxt_switches:", 24))
			s.vcsw = atol(line + 24);
	}
	if (f)
		fclose(f);
	return s;
}

/* The python must be alive, not traced, not stopped, and looping. */
static void check_python(pid_t pid, const char *when)
{
	struct pstatus a = read_status(pid);
	sleep_us(20000);
	struct pstatus b = read_status(pid);
	int dead = waitpid(pid, 0, WNOHANG) == pid;
	if (dead || a.tracer != 0 || b.tracer != 0 || b.state == 'T' ||
	    b.state == 't' || b.state == 'Z' || b.vcsw - a.vcsw < 5)
		die("python3 %d %s: %s state %c TracerPid %ld, %ld context "
		    "switches in 20 ms", (int)pid, when, dead ? "dead," : "",
		    b.state, b.tracer, b.vcsw - a.vcsw);
}

enum { COLD, WARM, REATTACH, STRACE, NCASES };
static const char *case_name[] = {
	"systrap-trace -p, first attach, cold cache",
	"systrap-trace -p, first attach, warm cache",
	"systrap-trace -p, re-attach (image already in)",
	"strace -p",
};

struct times {
	double attached, first, detach;
	double getppid_per_ms;
};

static char *tracer;

/* One attach, 50 ms traced, SIGINT, exit. Without need_first (a process
 * blocked in a call) only the 'attached' line is waited for. */
static struct times attach_round(int kind, pid_t py, const char *cache,
				 const char *out, int need_first)
{
	struct times t = {0, 0, 0, 0};
	char pid_s[16];
	snprintf(pid_s, sizeof pid_s, "%d", (int)py);
	char *argv[] = {kind == STRACE ? "strace" : tracer, "-p", pid_s, "-o",
			(char *)out, 0};
	unlink(out);
	int e[2];
	if (pipe(e))
		die("pipe");
	double t0 = bench_now();
	pid_t tr = fork();
	if (tr < 0)
		die("fork");
	if (tr == 0) {
		dup2(e[1], 2);
		close(e[0]);
		close(e[1]);
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		if (cache)
			setenv("SYSTRAP_CACHE", cache, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	add_kid(tr);
	close(e[1]);
	fcntl(e[0], F_SETFL, O_NONBLOCK);
	char err[4096];
	size_t en = 0;
	while (!t.attached || (need_first && !t.first)) {
		ssize_t r = read(e[0], err + en, sizeof err - 1 - en);
		if (r > 0) {
			en += (size_t)r;
			err[en] = 0;
			if (!t.attached && strstr(err, "attached"))
				t.attached = bench_now() - t0;
		}
		struct stat st;
		if (!t.first && !stat(out, &st) && st.st_size > 0)
			t.first = bench_now() - t0;
		if (bench_now() - t0 > TIMEOUT_S)
			die("%s: no attach within %d s; stderr: %s", argv[0],
			    TIMEOUT_S, en ? err : "");
		if (waitpid(tr, 0, WNOHANG) == tr) {
			reap_kid(tr);
			die("%s -p %d ended while attaching; stderr: %s", argv[0],
			    (int)py, en ? err : "");
		}
		sleep_us(POLL_US);
	}
	double t_first_abs = t0 + (need_first ? t.first : t.attached);
	while (bench_now() < t_first_abs + TRACED_MS / 1e3)
		sleep_us(1000);
	double t1 = bench_now();
	kill(tr, SIGINT);
	int st = wait_bounded(tr, argv[0]);
	t.detach = bench_now() - t1;
	ssize_t r;
	fcntl(e[0], F_SETFL, 0);
	while (en < sizeof err - 1 && (r = read(e[0], err + en, sizeof err - 1 - en)) > 0)
		en += (size_t)r;
	err[en] = 0;
	close(e[0]);
	/* strace ends by its own SIGINT (re-raised), systrap-trace exits 0. */
	int ok_status = (WIFEXITED(st) && WEXITSTATUS(st) == 0) ||
			(kind == STRACE && WIFSIGNALED(st) &&
			 WTERMSIG(st) == SIGINT);
	if (!ok_status || !strstr(err, "detached"))
		die("%s -p %d: status %#x after SIGINT, stderr: %s", argv[0],
		    (int)py, st, err);
	/* The loop ran while traced: getppid lines over the traced time. */
	FILE *f = fopen(out, "r");
	char line[512];
	long n = 0;
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "getppid()", 9))
			n++;
	if (f)
		fclose(f);
	t.getppid_per_ms = (double)n / ((t1 - t_first_abs) * 1e3 + t.detach * 1e3);
	return t;
}

/* The steady-state part. */
struct phases {
	pid_t pid;
	int in, out;
};

static struct phases start_phases(const char *prog, long calls)
{
	int i[2], o[2];
	if (pipe(i) || pipe(o))
		die("pipe");
	char calls_s[32];
	snprintf(calls_s, sizeof calls_s, "%ld", calls);
	char *argv[] = {(char *)prog, calls_s, "3", 0};
	struct phases p;
	p.pid = spawn(argv, i[0], o[1], i[1], o[0]);
	close(i[0]);
	close(o[1]);
	p.in = i[1];
	p.out = o[0];
	fcntl(p.out, F_SETFL, O_NONBLOCK);
	char buf[64];
	read_line(p.out, buf, sizeof buf, "ready", "getppid_phases", TIMEOUT_S);
	return p;
}

/* One phase: ns per call, v[0..3] = wall min, wall median, CPU min, CPU
 * median over its 3 batches; checks TracerPid 0. */
static void run_phase(struct phases *p, double v[4])
{
	char buf[160];
	long tp = -1;
	if (write(p->in, "x", 1) != 1)
		die("getppid_phases: write");
	read_line(p->out, buf, sizeof buf, "ns ", "getppid_phases", 300);
	if (sscanf(buf, "ns %lf %lf %lf %lf tracerpid %ld", &v[0], &v[1], &v[2],
		   &v[3], &tp) != 5 || tp)
		die("getppid_phases said: %s", buf);
}

static void steady_state(const char *prog, long calls, const char *cache,
			 const char *out)
{
	struct phases a = start_phases(prog, calls), b = start_phases(prog, calls);
	enum { REPS = 2 };
	/* [process A/B][before/after][rep][wall min, wall med, cpu min, cpu med] */
	double v[2][2][REPS][4];
	for (int k = 0; k < REPS; k++) {
		run_phase(&a, v[0][0][k]);
		run_phase(&b, v[1][0][k]);
	}
	/* Attach to A and leave it (A is blocked in read(0), which restarts
	 * through its patched site). */
	struct times t = attach_round(COLD, a.pid, cache, out, 0);
	for (int k = 0; k < REPS; k++) {
		run_phase(&b, v[1][1][k]);
		run_phase(&a, v[0][1][k]);
	}
	close(a.in);
	close(b.in);
	wait_bounded(a.pid, "getppid_phases");
	wait_bounded(b.pid, "getppid_phases");
	close(a.out);
	close(b.out);
	/* Best over the phases' mins and medians: [proc][phase][4]. */
	double s[2][2][4];
	for (int pr = 0; pr < 2; pr++)
		for (int ph = 0; ph < 2; ph++)
			for (int q = 0; q < 4; q++) {
				s[pr][ph][q] = v[pr][ph][0][q];
				for (int k = 1; k < REPS; k++)
					if (v[pr][ph][k][q] < s[pr][ph][q])
						s[pr][ph][q] = v[pr][ph][k][q];
			}
	printf("steady state after leaving: libc getppid(), %ld calls a batch, "
	       "3 batches a phase, %d phases before and %d after, A and control B "
	       "alternating; min of the batches and best of the phases' medians "
	       "(attaching to A took %.1f ms, leaving %.1f ms)\n", calls, REPS,
	       REPS, t.attached * 1e3, t.detach * 1e3);
	printf("  %-34s %21s %21s %21s\n", "ns per call",
	       "before: min  median", "after: min  median", "after-before (med)");
	static const char *what[] = {"A, attached and left", "B, control"};
	static const char *clk[] = {"wall", "thread CPU"};
	for (int q = 0; q < 4; q += 2)
		for (int pr = 0; pr < 2; pr++) {
			char label[64];
			snprintf(label, sizeof label, "%s (%s)", what[pr], clk[q / 2]);
			printf("  %-34s %10.1f %10.1f %10.1f %10.1f %+21.1f\n", label,
			       s[pr][0][q], s[pr][0][q + 1], s[pr][1][q],
			       s[pr][1][q + 1], s[pr][1][q + 1] - s[pr][0][q + 1]);
		}
	printf("  left-behind cost (A after - B after, medians): wall %+.1f ns "
	       "(%.2fx), thread CPU %+.1f ns (%.2fx); TracerPid 0 in every "
	       "phase\n", s[0][1][1] - s[1][1][1], s[0][1][1] / s[1][1][1],
	       s[0][1][3] - s[1][1][3], s[0][1][3] / s[1][1][3]);
}

static void load(char *buf, size_t n)
{
	FILE *la = fopen("/proc/loadavg", "r");
	snprintf(buf, n, "?");
	if (la && fgets(buf, (int)n, la))
		buf[strcspn(buf, "\n")] = 0;
	if (la)
		fclose(la);
}

/* Executable mappings and their size, for the header. */
static void code_of(pid_t pid, int *maps, double *mib)
{
	char path[64], line[1024];
	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	FILE *f = fopen(path, "r");
	*maps = 0;
	*mib = 0;
	while (f && fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char perms[8];
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 &&
		    perms[2] == 'x') {
			(*maps)++;
			*mib += (double)(hi - lo) / (1 << 20);
		}
	}
	if (f)
		fclose(f);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 20;
	long calls = argc > 2 ? atol(argv[2]) : 1000000;
	if (rounds < 1 || rounds > 1000 || calls < 1000) {
		fprintf(stderr, "usage: attach_latency [ROUNDS] [CALLS]\n");
		return 2;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm; /* no SA_RESTART: waitpid gets EINTR */
	sigaction(SIGALRM, &sa, 0);
	signal(SIGPIPE, SIG_IGN);
	python = access("/usr/bin/python3", X_OK) ? "python3" : "/usr/bin/python3";

	static char tracer_path[PATH_MAX + 64], phases_prog[PATH_MAX + 64];
	if (bench_built_path(tracer_path, sizeof tracer_path,
			     "tools/trace/systrap-trace") ||
	    bench_built_path(phases_prog, sizeof phases_prog,
			     "bench/getppid_phases"))
		return 1;
	tracer = tracer_path;

	char work[] = "/tmp/attach_latency.XXXXXX";
	if (!mkdtemp(work))
		return 1;
	char warm[PATH_MAX], out[PATH_MAX];
	snprintf(warm, sizeof warm, "%s/warm", work);
	snprintf(out, sizeof out, "%s/trace", work);
	mkdir(warm, 0700);
	char la[64];
	load(la, sizeof la);

	pid_t longlived = start_python();
	check_python(longlived, "at start");
	int nmaps;
	double mib;
	code_of(longlived, &nmaps, &mib);
	printf("attach_latency: %d rounds; %s with its usual modules imported "
	       "(%d executable mappings, %.1f MiB of code), os.getppid() every "
	       "1 ms; load average at start %s\n", rounds, python, nmaps, mib, la);
	printf("polling every %d us (stderr and the -o file's size): the "
	       "'attached' and 'first line' times are late by up to ~%d us\n",
	       POLL_US, POLL_US + 60);
	fflush(stdout);

	/* Warm-up: the long-lived python's first attach fills the warm cache;
	 * every later attach to it is a re-attach. */
	struct times w = attach_round(WARM, longlived, warm, out, 1);
	check_python(longlived, "after the warm-up attach");
	int warm_entries = count_entries(warm);
	if (warm_entries < 1)
		die("the warm-up attach left %s empty", warm);
	printf("warm-up (long-lived python's first attach, cold cache): attached "
	       "%.1f ms, first line %.1f ms, SIGINT to exit %.1f ms; %d cache "
	       "entries\n", w.attached * 1e3, w.first * 1e3, w.detach * 1e3,
	       warm_entries);
	fflush(stdout);

	double *v[NCASES][3], rate[NCASES] = {0};
	for (int c = 0; c < NCASES; c++)
		for (int k = 0; k < 3; k++)
			v[c][k] = calloc((size_t)rounds, sizeof(double));
	int cold_entries = 0, reattach_entries = 0;
	for (int r = 0; r < rounds; r++) {
		for (int k = 0; k < NCASES; k++) {
			int c = (k + r) % NCASES;
			char dir[PATH_MAX];
			const char *cache = 0;
			pid_t py = longlived;
			if (c == COLD || c == REATTACH) {
				snprintf(dir, sizeof dir, "%s/cache%d.%d", work, r, c);
				mkdir(dir, 0700);
				cache = dir;
			} else if (c == WARM) {
				cache = warm;
			}
			if (c == COLD || c == WARM) {
				py = start_python();
				check_python(py, "before attach");
			}
			struct times t = attach_round(c, py, cache, out, 1);
			check_python(py, "after leaving");
			if (py != longlived) {
				stop_python(py);
				check_python(longlived, "between rounds");
			}
			if (c == COLD || c == REATTACH) {
				int n = count_entries(dir);
				if (c == COLD)
					cold_entries += n;
				else
					reattach_entries += n;
				remove_dir(dir);
			}
			v[c][0][r] = t.attached;
			v[c][1][r] = t.first;
			v[c][2][r] = t.detach;
			rate[c] += t.getppid_per_ms / rounds;
		}
	}
	check_python(longlived, "after all rounds");
	printf("\n%-48s %17s %17s %17s %10s\n", "",
	       "to 'attached' ms", "to 1st line ms", "SIGINT->exit ms",
	       "getppid");
	printf("%-48s %8s %8s %8s %8s %8s %8s %10s\n", "case (rounds interleaved)",
	       "min", "median", "min", "median", "min", "median", "per ms");
	for (int c = 0; c < NCASES; c++) {
		printf("%-48s", case_name[c]);
		for (int k = 0; k < 3; k++) {
			double m = bench_median(v[c][k], rounds); /* sorts */
			printf(" %8.1f %8.1f", v[c][k][0] * 1e3, m * 1e3);
		}
		printf(" %10.2f\n", rate[c]);
	}
	printf("cold rounds left %.1f cache entries each; re-attach rounds %.1f "
	       "(nothing analysed again); the long-lived python %d ran through "
	       "all %d rounds (alive, TracerPid 0, looping after each)\n",
	       (double)cold_entries / rounds, (double)reattach_entries / rounds,
	       (int)longlived, rounds);
	fflush(stdout);
	stop_python(longlived);

	printf("\n");
	char cold[PATH_MAX];
	snprintf(cold, sizeof cold, "%s/cache_steady", work);
	mkdir(cold, 0700);
	steady_state(phases_prog, calls, cold, out);
	remove_dir(cold);
	remove_dir(warm);
	unlink(out);
	rmdir(work);
	load(la, sizeof la);
	printf("load average at end %s\n", la);
	return 0;
}
