/* bazel run //bench:image_phases -- [ROUNDS] [PROGRAM]: where the image's
 * start-up time goes. Drives the injector (systrap/inject/inject.h)
 * directly, as systrap-trace does, with the tracer's real image
 * (trace_syscalls.image.so, tracing to /dev/null, warm site cache), and
 * timestamps each phase of ROUNDS (100) starts of PROGRAM (/bin/true):
 *   spawn    fork, PTRACE_TRACEME, execve, until the exec stop
 *   find     inject_find_syscall: the vDSO read and decoded for a
 *            syscall instruction (the first remote syscall's need)
 *   load     inject_load_image: remote mmap, the image laid out and
 *            relocated here, written into the tracee, remote mprotects
 *   entry    inject_run_entry: the image's own start-up inside the tracee
 *            (systrap_init: the loader, vDSO and executable instrumented)
 *   detach   the parameter block unmapped, PTRACE_DETACH
 *   run      from the detach until the program is reaped
 * and, apart, what "load" did before it copied only the writable segments:
 * a whole local layout (calloc + copy of every PT_LOAD, 2.3 MB) and one
 * process_vm_writev of it into a fresh anonymous mapping of a stopped
 * child.
 * Min and median per phase. Bench code: nothing here is in the product. */
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
#include "systrap/inject/inject.h"

static void show(const char *name, double *v, int n)
{
	bench_sort(v, n);
	printf("  %-44s min %7.3f  median %7.3f ms\n", name, v[0] * 1e3,
	       v[n / 2] * 1e3);
}

static void die(const char *what, const struct inject_error *e)
{
	fprintf(stderr, "image_phases: %s: %s\n", what, e ? e->msg : "");
	exit(1);
}

enum { SPAWN, FIND, LOAD, ENTRY, DETACH, RUN, TOTAL, LAYOUT, WRITEV, NPH };
static const char *names[NPH] = {
	"spawn (fork..exec stop)", "find a syscall insn (vDSO, decoded)",
	"load (inject_load_image)",
	"entry (the image's start-up in the tracee)", "detach (munmap block, detach)",
	"run (detach..reaped)", "total", "apart: a whole local copy (calloc+copy)",
	"apart: its process_vm_writev to a child"};

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 100;
	char *prog = argc > 2 ? argv[2] : "/bin/true";
	char self[PATH_MAX], image[PATH_MAX + 64];
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
	if (fd < 0 || fstat(fd, &st))
		die("cannot open the image", 0);
	const uint8_t *elf = mmap(0, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	char cache[] = "/tmp/image_phases.XXXXXX";
	if (!mkdtemp(cache))
		return 1;
	char cache_setting[64];
	snprintf(cache_setting, sizeof cache_setting, "SYSTRAP_CACHE=%s", cache);
	const char *settings[] = {"SYSTRAP_TRACE=-o /dev/null",
				  "SYSTRAP_TRACE_STARTED=1", cache_setting, 0};
	char *pargv[] = {prog, 0};
	extern char **environ;
	double *t[NPH];
	for (int i = 0; i < NPH; i++)
		t[i] = calloc((size_t)rounds + 1, sizeof(double));

	/* The layout's size, as image_loader.c computes it. */
	const Elf64_Ehdr *eh = (const void *)elf;
	const Elf64_Phdr *ph = (const void *)(elf + eh->e_phoff);
	uint64_t hi = 0;
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_vaddr + ph[i].p_memsz > hi)
			hi = ph[i].p_vaddr + ph[i].p_memsz;
	size_t span = (hi + 4095) & ~4095ul;

	/* Round 0 warms the site cache and is not counted. */
	for (int r = 0; r <= rounds; r++) {
		struct inject_error err;
		struct inject_target tg;
		double a = bench_now();
		if (inject_spawn_stopped(prog, pargv, environ, 0, 0, &tg, &err))
			die("spawn", &err);
		double b0 = bench_now();
		if (inject_find_syscall(&tg, &err))
			die("find", &err);
		double b = bench_now();
		struct inject_loaded img;
		if (inject_load_image(&tg, elf, (size_t)st.st_size, settings, &img, &err))
			die("load", &err);
		double c = bench_now();
		long result;
		if (inject_run_entry(&tg, img.entry, img.params, &result, &err) || result)
			die("entry", &err);
		double d = bench_now();
		const long args[6] = {(long)img.params, (long)img.params_map_size};
		long res;
		if (inject_remote_syscall(&tg, SYS_munmap, args, &res, &err) ||
		    inject_detach(&tg, &err))
			die("detach", &err);
		double e = bench_now();
		int status;
		waitpid(tg.pid, &status, 0);
		double f = bench_now();
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			die("the program failed", 0);
		if (r == 0)
			continue;
		t[SPAWN][r - 1] = b0 - a;
		t[FIND][r - 1] = b - b0;
		t[LOAD][r - 1] = c - b;
		t[ENTRY][r - 1] = d - c;
		t[DETACH][r - 1] = e - d;
		t[RUN][r - 1] = f - e;
		t[TOTAL][r - 1] = f - a;

		/* The two big pieces of load, apart. */
		a = bench_now();
		uint8_t *buf = calloc(1, span);
		for (int i = 0; i < eh->e_phnum; i++)
			if (ph[i].p_type == PT_LOAD)
				memcpy(buf + ph[i].p_vaddr, elf + ph[i].p_offset,
				       ph[i].p_filesz);
		b = bench_now();
		/* A fresh anonymous mapping, untouched, inherited by a
		 * stopped child: what the remote mmap gives. */
		void *there = mmap(0, span, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		pid_t c2 = fork();
		if (c2 == 0) {
			raise(SIGSTOP);
			_exit(0);
		}
		waitpid(c2, &status, WUNTRACED);
		struct iovec l = {buf, span}, rm = {there, span};
		c = bench_now();
		if (process_vm_writev(c2, &l, 1, &rm, 1, 0) != (ssize_t)span)
			die("process_vm_writev", 0);
		d = bench_now();
		kill(c2, SIGKILL);
		waitpid(c2, &status, 0);
		munmap(there, span);
		free(buf);
		t[LAYOUT][r - 1] = b - a;
		t[WRITEV][r - 1] = d - c;
	}
	printf("image_phases: %d starts of %s with trace_syscalls.image.so "
	       "(%zu bytes laid out), warm cache\n", rounds, prog, span);
	for (int i = 0; i < NPH; i++)
		show(names[i], t[i], rounds);
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf %s", cache);
	return system(cmd) != 0;
}
