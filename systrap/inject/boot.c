/* The boot (boot.h). */
#include "systrap/inject/boot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "systrap/arch/page.h"
#include "systrap/arch/remote_stub.h"
#include "systrap/inject/error.h"
#include "systrap/inject/proc_pid.h"
#include "systrap/inject/stops.h"

_Static_assert(INJECT_STAGE_RUNS <= REMOTE_BOOT_MAX_COPIES,
	       "the boot copies every run a stage holds");

/* The most the boot lays out below the program's stack pointer: the
 * kernel leaves 128 KB of stack mapped below the arguments at an exec,
 * and what is written there is cleared again. */
#define AREA_MAX (64u * 1024)
/* Kept clear above the area: the red zone and the run's own frame. */
#define AREA_GAP 256u

/* Whether the page at page_at, which the boot's bytes reach into, is
 * mapped executable too (/proc/PID/maps: read only then, for the few
 * programs whose first instruction is that near a page's end). */
static int executable_page(struct inject_target *t, uint64_t page_at)
{
	char path[64];
	inject_proc_path(path, sizeof path, t->pid, "maps");
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	char line[512];
	int x = 0;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char perms[5];
		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 &&
		    page_at >= lo && page_at < hi) {
			x = perms[2] == 'x';
			break;
		}
	}
	fclose(f);
	return x;
}

int inject_boot_begin(struct inject_target *t, struct inject_boot *b,
		      uint64_t lo, uint64_t hi, struct inject_error *err)
{
	memset(b, 0, sizeof *b);
	size_t size;
	remote_boot_code(&size);
	if (size > sizeof b->saved)
		return inject_fail(err, -EINVAL, "the boot does not fit");
	/* Its code is the launcher's own instruction set (not a 32-bit
	 * program's: told at the exec stop), and all of it in executable
	 * memory. */
	if (t->foreign_code)
		return inject_fail(err, -ENOEXEC, "not the launcher's code");
	uint64_t page = ARCH_PAGE;
	uint64_t next = (t->initial_pc & ~(page - 1)) + page;
	if (t->initial_pc + size > next && !executable_page(t, next))
		return inject_fail(err, -EFAULT, "no room for the boot");
	int e = inject_read_memory(t, t->initial_pc, b->saved, size, err);
	if (e)
		return e;
	b->at = t->initial_pc;
	b->size = size;
	b->stage.lo = lo;
	b->stage.hi = hi;
	t->stage = &b->stage;
	return 0;
}

void inject_boot_end(struct inject_target *t, struct inject_boot *b)
{
	if (t->stage == &b->stage)
		t->stage = NULL;
	inject_stage_free(&b->stage);
}

int inject_boot_put_back(struct inject_target *t, struct inject_boot *b,
			 struct inject_error *err)
{
	return inject_write_memory(t, b->at, b->saved, b->size, err);
}

/* The block for the staged bytes' place at area (they follow it). */
static void lay_out(struct remote_boot_block *k, const struct inject_boot *b,
		    uint64_t area, size_t area_size, const long map_args[6],
		    uint64_t then_pc, uint64_t then_arg)
{
	memset(k, 0, sizeof *k);
	for (int i = 0; i < 6; i++)
		k->map_args[i] = map_args[i];
	k->then_pc = then_pc;
	k->then_arg = then_arg;
	k->clear_start = area;
	k->clear_len = area_size;
	if (b->go_on) {
		k->notify_pid = getpid();
		k->notify_sig = b->quiet ? 0 : INJECT_GO_ON_FAIL_SIGNAL;
	}
	k->count = b->stage.count;
	for (size_t i = 0; i < b->stage.count; i++) {
		k->copies[i].from = area + sizeof *k + b->stage.runs[i].at;
		k->copies[i].to = b->stage.runs[i].to;
		k->copies[i].len = b->stage.runs[i].len;
	}
}

/* After a boot whose mmap failed: what it left undone, undone. */
static void undo(struct inject_target *t, struct inject_boot *b, uint64_t area,
		 size_t area_size, long mapped)
{
	struct inject_error ignored;
	void *zeros = calloc(1, area_size);
	if (zeros) {
		inject_write_memory(t, area, zeros, area_size, &ignored);
		free(zeros);
	}
	inject_boot_put_back(t, b, &ignored);
	/* A kernel that took MAP_FIXED_NOREPLACE as a hint mapped it
	 * elsewhere. */
	if (mapped > 0 && (uint64_t)mapped != b->stage.lo) {
		const long args[6] = {mapped, (long)(b->stage.hi - b->stage.lo)};
		long res;
		inject_remote_syscall(t, SYS_munmap, args, &res, &ignored);
	}
}

int inject_boot_run(struct inject_target *t, struct inject_boot *b,
		    const long map_args[6], uint64_t then_pc, uint64_t then_arg,
		    long *result, uint64_t *stop_pc, struct inject_error *err)
{
	t->stage = NULL;
	size_t area_size = (sizeof(struct remote_boot_block) +
			    b->stage.size + 15) & ~(size_t)15;
	if (b->stage.failed || area_size > AREA_MAX ||
	    t->initial_sp < AREA_GAP + area_size)
		return INJECT_BOOT_DECLINED;
	uint64_t area = (t->initial_sp - AREA_GAP - area_size) & ~(uint64_t)15;
	struct remote_boot_block block;
	lay_out(&block, b, area, area_size, map_args, then_pc, then_arg);
	size_t code_size;
	const unsigned char *code = remote_boot_code(&code_size);
	struct inject_error ignored;
	/* The block, what it copies (the area's rest is the stack's fresh
	 * zero, cleared again by the boot), and the code over read-only
	 * text: one open of /proc/PID/mem for the three. */
	const struct inject_write_run runs[3] = {
		{area, &block, sizeof block},
		{area + sizeof block, b->stage.bytes, b->stage.size},
		{b->at, code, code_size},
	};
	int e = inject_write_runs(t, runs, 3, &ignored);
	if (e) {
		undo(t, b, area, area_size, 0);
		return INJECT_BOOT_DECLINED;
	}
	long res = 0;
	uint64_t pc = 0;
	int went_on = 0;
	/* Where a run that cannot signal us parks: the boot's code, the
	 * stub's page; and where the image says how it went. */
	const struct inject_go_on_watch watch = {
		b->outcome_at,
		b->nonce,
		{b->at, ARCH_PAGE_DOWN(then_pc)},
		{b->at + code_size, ARCH_PAGE_DOWN(then_pc) + ARCH_PAGE},
	};
	e = b->go_on ? inject_run_code_going_on(t, b->at, area, &watch, &res,
						&pc, &went_on, err)
		     : inject_run_code(t, b->at, area, &res, &pc, err);
	if (e)
		return e;
	if (went_on) {
		*result = 0;
		*stop_pc = 0;
		return 0;
	}
	if (pc > b->at && pc <= b->at + code_size) {
		/* Its own breakpoint: the mmap did not give lo. */
		undo(t, b, area, area_size, res);
		return INJECT_BOOT_DECLINED;
	}
	*result = res;
	*stop_pc = pc;
	return 0;
}
