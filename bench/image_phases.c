/* bazel run //bench:image_phases -- [ROUNDS] [PROGRAM]: where the image's
 * start-up time goes. Drives the injector (systrap/inject/inject.h)
 * directly, as systrap-trace does, with the tracer's real image
 * (trace_syscalls.image.so, tracing to /dev/null, warm site cache), and
 * timestamps each phase of ROUNDS (100) starts of PROGRAM (/bin/true):
 *   spawn    fork, PTRACE_TRACEME, execve, until the exec stop
 *   find     inject_find_syscall: the vDSO read and decoded for a
 *            syscall instruction (the first remote syscall's need)
 *   load     inject_load_image_from: remote mmap, the image relocated
 *            here, written into the tracee (or its read-only part mapped
 *            from the file: remote openat and mmap), remote mprotect
 *   entry    inject_run_entry: the image's own start-up inside the tracee
 *            (systrap_init: the loader, vDSO and executable instrumented)
 *            (where the load stub goes on to the entry in its own stop,
 *            INJECT_RUN_ENTRY, mapped way: 0, and load holds both)
 *   load + entry  the two together, for comparing builds
 *   detach   the parameter block unmapped, PTRACE_DETACH
 *   run      from the detach until the program is reaped
 * each start made three times, interleaved: the image's read-only
 * segments copied into the tracee; mapped from the image file at the
 * kernel's choice of base (relocated for each); and mapped at the
 * session's one base with the data from its relocated copy
 * (INJECT_SESSION_BASE | INJECT_SHARED_DATA: what the launchers do where
 * the program can open their descriptors).
 * Min and median per phase and way. Bench code: nothing here is in the product. */
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench_util.h"
#include "systrap/arch/cpu_facts.h"
#include "systrap/inject/inject.h"

static double now(void)
{
	return bench_now();
}


static void die(const char *what, const struct inject_error *e)
{
	fprintf(stderr, "image_phases: %s: %s\n", what, e ? e->msg : "");
	exit(1);
}

enum { SPAWN, FIND, LOAD, ENTRY, LOAD_ENTRY, DETACH, RUN, TOTAL, NPH };
static const char *names[NPH] = {
	"spawn (fork..exec stop)", "find a syscall insn (vDSO)",
	"load (inject_load_image_from)",
	"entry (the image's start-up in the tracee)", "load + entry",
	"detach (block unmapped, detach)", "run (detach..reaped)", "total"};

#ifdef INJECT_SESSION_BASE
#define WAYS 3
#else
#define WAYS 2
#endif

static void show(const char *name, double *v[WAYS], int n)
{
	printf("  %-44s", name);
	for (int m = 0; m < WAYS; m++) {
		bench_sort(v[m], n);
		printf(" %7.3f %7.3f  ", v[m][0] * 1e3, v[m][n / 2] * 1e3);
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 100;
	char *prog = argc > 2 ? argv[2] : "/bin/true";
	char self[PATH_MAX], image[PATH_MAX + 64], real[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	if (len <= 0 || rounds < 1)
		return 1;
	self[len] = 0;
	snprintf(image, sizeof image,
		 "%s.runfiles/systrap/tools/trace/trace_syscalls.image.so", self);
	if (access(image, R_OK)) {
		char *slash = strrchr(self, '/');
		*slash = 0;
		snprintf(image, sizeof image,
			 "%s/../tools/trace/trace_syscalls.image.so", self);
	}
	int fd = open(image, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) || !realpath(image, real))
		die("cannot open the image", 0);
	const uint8_t *elf = mmap(0, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	/* Two ways: copied into the tracee (no path), mapped from the file. */
	struct inject_image_source src[2];
	inject_image_source_init(&src[0], elf, (size_t)st.st_size, 0, fd);
	if (inject_image_source_init(&src[1], elf, (size_t)st.st_size, real, fd))
		die("cannot stat the image", 0);
	close(fd);
	char cache[] = "/tmp/image_phases.XXXXXX";
	if (!mkdtemp(cache))
		return 1;
	char cache_setting[64];
	snprintf(cache_setting, sizeof cache_setting, "SYSTRAP_CACHE=%s", cache);
	/* What image_launcher adds: CPUID's answers, asked once here. */
	char cpu_setting[64], facts[48];
	snprintf(cpu_setting, sizeof cpu_setting, "SYSTRAP_CPU=%s",
		 arch_cpu_facts_text(facts, sizeof facts));
	const char *settings[] = {"SYSTRAP_TRACE=-o /dev/null",
				  "SYSTRAP_TRACE_STARTED=1", cache_setting,
				  cpu_setting, 0};
	char *pargv[] = {prog, 0};
	extern char **environ;
	double *t[NPH][WAYS];
	int fell_back = 0;
	for (int m = 0; m < WAYS; m++)
		for (int i = 0; i < NPH; i++)
			t[i][m] = calloc((size_t)rounds + 1, sizeof(double));

	/* Round 0 warms the site cache and is not counted. */
	for (int r = 0; r <= rounds; r++)
	for (int m = 0; m < WAYS; m++) {
		struct inject_error err;
		struct inject_target tg;
		double a = now();
		if (inject_spawn_stopped(prog, pargv, environ, 0, 0, &tg, &err))
			die("spawn", &err);
		double b0 = now();
		if (inject_find_syscall(&tg, &err))
			die("find", &err);
		double b = now();
		struct inject_loaded img;
		unsigned flags = 0;
#ifdef INJECT_RUN_ENTRY
		flags = INJECT_RUN_ENTRY;
#endif
#ifdef INJECT_SESSION_BASE
		if (m == 2)
			flags |= INJECT_SESSION_BASE | INJECT_SHARED_DATA;
#endif
		if (inject_load_image_from(&tg, &src[m ? 1 : 0], settings, flags,
					   &img, &err))
			die("load", &err);
		if (img.mapped_from_file != (m != 0))
			die(m ? "not mapped from the file" : "mapped", 0);
#ifdef INJECT_SESSION_BASE
		fell_back += m == 2 && !img.data_shared;
#endif
		double c = now();
		long result;
#ifdef INJECT_RUN_ENTRY
		if (img.ran)
			result = img.result;
		else
#endif
		if (inject_run_entry(&tg, img.entry, img.params, &result, &err))
			die("entry", &err);
		if (result)
			die("entry", &err);
		double d = now();
		const long args[6] = {(long)img.params, (long)img.params_map_size};
		long res;
		if ((!img.block_freed &&
		     inject_remote_syscall(&tg, SYS_munmap, args, &res, &err)) ||
		    inject_detach(&tg, &err))
			die("detach", &err);
		double e = now();
		int status;
		waitpid(tg.pid, &status, 0);
		double f = now();
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			die("the program failed", 0);
		if (r == 0)
			continue;
		t[SPAWN][m][r - 1] = b0 - a;
		t[FIND][m][r - 1] = b - b0;
		t[LOAD][m][r - 1] = c - b;
		t[ENTRY][m][r - 1] = d - c;
		t[LOAD_ENTRY][m][r - 1] = d - b;
		t[DETACH][m][r - 1] = e - d;
		t[RUN][m][r - 1] = f - e;
		t[TOTAL][m][r - 1] = f - a;
	}
	printf("image_phases: %d interleaved starts of %s each way with "
	       "trace_syscalls.image.so, warm cache\n", rounds, prog);
	printf("  %-44s %15s   %15s   %15s\n", "ms", "copied: min med",
	       "mapped: min med", WAYS > 2 ? "session: min med" : "");
	for (int i = 0; i < NPH; i++)
		show(names[i], t[i], rounds);
	if (fell_back)
		printf("  (session: %d starts fell back: the base was taken)\n",
		       fell_back);
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf %s", cache);
	return system(cmd) != 0;
}
