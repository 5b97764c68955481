/* bazel run -c opt //bench:follow_floor -- [ROUNDS] [EXECS]: the floor under
 * issue 14's `-f` rows. What does catching every exec with ptrace cost by
 * itself, with nothing mapped and nothing traced, against a followed exec
 * through systrap-trace, its preload and strace -f, in one run?
 *
 * Each mode runs this program as "loop MODE EXECS": a C parent that forks
 * a child EXECS times, the child execs /bin/true, the parent reaps it; the
 * loop prints the median microseconds of one fork-exec-reap. Modes:
 *   plain      the loop alone (also what the tracers below run);
 *   handshake  before its exec, each child asks a helper process over a
 *              pipe and waits for its answer: the hand-off a followed exec
 *              needs, without ptrace;
 *   caught     the same helper PTRACE_SEIZEs the child (PTRACE_O_TRACEEXEC)
 *              before answering, takes the exec stop and PTRACE_DETACHes at
 *              once: how systrap-trace's launcher catches a followed exec
 *              (docs/DESIGN.md), minus all it does at the stop;
 *   image, preload, strace
 *              "loop plain" under systrap-trace -f -o /dev/null, under
 *              systrap-trace --preload -f -o /dev/null and under strace -f
 *              -o /dev/null.
 * ROUNDS rounds (10), the modes interleaved within each; per mode the median
 * of its rounds' medians, the extra per exec over plain and the ratio.
 * Results go in docs/PERFORMANCE.md with the command that produced them. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/bench_util.h"

enum loop_mode { PLAIN, HANDSHAKE, CAUGHT };

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static void full_write(int fd, const void *p, size_t n)
{
	if (write(fd, p, n) != (ssize_t)n)
		die("write");
}

static void full_read(int fd, void *p, size_t n)
{
	if (read(fd, p, n) != (ssize_t)n)
		die("read");
}

/* The helper: for each pid asked, seize it if catch_exec, answer, take its
 * exec stop and detach. Ends when the ask pipe closes. */
static void helper_main(int ask, int answer, int catch_exec)
{
	pid_t pid;
	while (read(ask, &pid, sizeof pid) == sizeof pid) {
		if (catch_exec &&
		    ptrace(PTRACE_SEIZE, pid, 0,
			   (void *)(long)(PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL)))
			die("PTRACE_SEIZE");
		full_write(answer, "k", 1);
		if (!catch_exec)
			continue;
		int st;
		if (waitpid(pid, &st, __WALL) != pid)
			die("waitpid (the exec stop)");
		if (!WIFSTOPPED(st) || st >> 8 != (SIGTRAP | PTRACE_EVENT_EXEC << 8)) {
			fprintf(stderr, "follow_floor: not an exec stop: %#x\n", st);
			exit(2);
		}
		if (ptrace(PTRACE_DETACH, pid, 0, 0))
			die("PTRACE_DETACH");
	}
	_exit(0);
}

static int loop_main(enum loop_mode mode, int n)
{
	int ask[2], answer[2];
	pid_t helper = -1;
	if (mode != PLAIN) {
		if (pipe(ask) || pipe(answer))
			die("pipe");
		helper = fork();
		if (helper < 0)
			die("fork");
		if (!helper) {
			close(ask[1]);
			close(answer[0]);
			helper_main(ask[0], answer[1], mode == CAUGHT);
		}
		close(ask[0]);
		close(answer[1]);
	}
	double *us = malloc(sizeof *us * (size_t)n);
	char *const argv[] = { "/bin/true", 0 };
	for (int i = 0; i < n; i++) {
		double t0 = bench_now();
		pid_t pid = fork();
		if (pid < 0)
			die("fork");
		if (!pid) {
			if (mode != PLAIN) {
				pid_t me = getpid();
				char k;
				full_write(ask[1], &me, sizeof me);
				full_read(answer[0], &k, 1);
			}
			execv(argv[0], argv);
			_exit(127);
		}
		int st;
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
			die("the child's end");
		us[i] = (bench_now() - t0) * 1e6;
	}
	if (mode != PLAIN) {
		close(ask[1]);
		waitpid(helper, 0, 0);
	}
	printf("%.1f\n", bench_median(us, n));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "loop")) {
		enum loop_mode m = !strcmp(argv[2], "caught")      ? CAUGHT
				   : !strcmp(argv[2], "handshake") ? HANDSHAKE
								   : PLAIN;
		return loop_main(m, atoi(argv[3]));
	}
	int rounds = argc > 1 ? atoi(argv[1]) : 10;
	char *execs = argc > 2 ? argv[2] : "200";
	if (rounds < 1 || atoi(execs) < 1) {
		fprintf(stderr, "usage: follow_floor [ROUNDS] [EXECS]\n");
		return 2;
	}
	char self[PATH_MAX];
	static char tracer[PATH_MAX + 64];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	if (len <= 0 || bench_built_path(tracer, sizeof tracer,
					 "tools/trace/systrap-trace"))
		die("/proc/self/exe");
	self[len] = 0;
	int have_strace = !system("command -v strace >/dev/null");

	struct {
		const char *name;
		char *argv[12];
	} modes[] = {
		{ "plain", { self, "loop", "plain", execs } },
		{ "handshake", { self, "loop", "handshake", execs } },
		{ "caught", { self, "loop", "caught", execs } },
		{ "image", { tracer, "-f", "-o", "/dev/null", "--", self, "loop",
			     "plain", execs } },
		{ "preload", { tracer, "--preload", "-f", "-o", "/dev/null", "--",
			       self, "loop", "plain", execs } },
		{ "strace", { "strace", "-f", "-o", "/dev/null", "--", self,
			      "loop", "plain", execs } },
	};
	enum { MODES = sizeof modes / sizeof modes[0] };
	int used = have_strace ? MODES : MODES - 1;
	double *per[MODES];
	for (int m = 0; m < used; m++)
		per[m] = malloc(sizeof(double) * (size_t)rounds);
	for (int r = 0; r < rounds; r++)
		for (int m = 0; m < used; m++)
			if ((per[m][r] = bench_run_for_figure(modes[m].argv)) < 0) {
				fprintf(stderr, "follow_floor: mode %s failed\n",
					modes[m].name);
				return 1;
			}
	printf("follow_floor: %d rounds of %s fork-exec(/bin/true)-reap each, "
	       "modes interleaved; us per exec, the median of the rounds' "
	       "medians\n",
	       rounds, execs);
	printf("%-10s %10s %12s %8s\n", "mode", "us/exec", "extra us", "ratio");
	double plain = bench_median(per[0], rounds);
	for (int m = 0; m < used; m++) {
		double v = bench_median(per[m], rounds);
		printf("%-10s %10.1f %12.1f %7.2fx\n", modes[m].name, v,
		       v - plain, v / plain);
	}
	if (!have_strace)
		printf("strace: not installed, not run\n");
	return 0;
}
