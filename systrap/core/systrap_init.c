/* systrap_init: instruments everything executable in the process at start-up,
 * and the public entry points of systrap.h. Runs once, single-threaded, from
 * a constructor: libc may be used here (getenv), but not while pages are
 * being patched (instrumenter.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>

#include "systrap/arch/jump_patch.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/decoder.h"
#include "systrap/core/dispatch.h"
#include "systrap/core/fast_dispatch.h"
#include "systrap/core/instrumenter.h"
#include "systrap/core/intercept.h"
#include "systrap/core/maps.h"
#include "systrap/core/safe_memory.h"
#include "systrap/core/sealed.h"
#include "systrap/core/site_cache.h"
#include "systrap/core/site_registry.h"
#include "systrap/core/systrap_init.h"
#include "systrap/core/thread_block.h"
#include "systrap/core/trap_handler.h"
#include "systrap/core/trap_signal.h"
#include "systrap/systrap.h"

extern char **environ;

static int initialised;
static int init_result = -EAGAIN;
static uintptr_t excluded_lo, excluded_hi;

void systrap_init_exclude(uintptr_t lo, uintptr_t hi)
{
	excluded_lo = lo;
	excluded_hi = hi;
}

int systrap_init_result(void)
{
	return init_result;
}

long systrap_syscall(long nr, const long args[6])
{
	struct systrap_call call = {.nr = nr, .result = -ENOSYS};
	for (int i = 0; i < 6; i++)
		call.args[i] = args[i];
	if (perform_syscall(&call, 0, 0) != PERFORMED)
		return -ENOSYS;
	return call.result;
}

#define MAX_LEAVE 8
static void (*leave_fns[MAX_LEAVE])(void);
static int leave_count;

void systrap_on_leave(void (*fn)(void))
{
	for (int i = 0; i < leave_count; i++)
		if (leave_fns[i] == fn)
			return;
	if (leave_count < MAX_LEAVE)
		leave_fns[leave_count++] = fn;
}

void systrap_init_leave(void)
{
	instrumenter_lazy_finish();
	for (int i = 0; i < leave_count; i++)
		leave_fns[i]();
}

/* Started at an exec (the image): one thread, nothing of the program's
 * run yet, so lazy instrumenting may start. */
static int started_at_exec;

void systrap_init_at_exec(const uint64_t *ignored)
{
	started_at_exec = 1;
	trap_signal_no_handlers_yet(ignored);
}

/* Attaching to a running process (-p): its threads run already. */
static int attaching;

void systrap_init_avoid_pcs(const uintptr_t *pcs, int n)
{
	attaching = 1;
	instrumenter_avoid_pcs(pcs, n);
}

int systrap_init_adopt_thread(void)
{
	if (!initialised)
		return -EAGAIN;
	int r = thread_block_adopt();
	if (r)
		return r;
	intercept_fast_stack_refresh();
	trap_signal_adopt_thread();
	sealed_arm_thread();
	return 0;
}

int systrap_register(const struct systrap_handler *handler)
{
	return dispatch_register(handler);
}

/* What /proc/self/status says of this process, read once: whether a
 * debugger ptraces it (started_under_debugger) and how many threads it
 * has (0: not known). */
static int status_read;
static int status_debugged;
static long status_threads;
/* SigCgt and SigIgn: the signals with a handler, the ignored ones. */
static int status_actions_known;
static uint64_t status_caught, status_ignored;

/* The hexadecimal mask after name in status text, into *out. */
static int status_mask(const char *buf, const char *name, uint64_t *out)
{
	const char *at = strstr(buf, name);
	if (!at)
		return 0;
	char *end;
	*out = strtoull(at + strlen(name), &end, 16);
	return end != at + strlen(name);
}

static void read_status(void)
{
	if (status_read)
		return;
	status_read = 1;
	long fd = raw_openat(AT_FDCWD, "/proc/self/status", O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return;
	char buf[4096];
	long n = raw_read((int)fd, buf, sizeof buf - 1);
	raw_close((int)fd);
	if (n <= 0)
		return;
	buf[n] = 0;
	const char *at = strstr(buf, "\nTracerPid:");
	long tracer = at ? strtol(at + 11, 0, 10) : 0;
	const char *launcher = getenv("SYSTRAP_LAUNCHER");
	status_debugged =
		tracer > 0 && !(launcher && strtol(launcher, 0, 10) == tracer);
	at = strstr(buf, "\nThreads:");
	status_threads = at ? strtol(at + 9, 0, 10) : 0;
	status_actions_known = status_mask(buf, "\nSigIgn:", &status_ignored) &&
			       status_mask(buf, "\nSigCgt:", &status_caught);
}

int systrap_start_actions(uint64_t *caught, uint64_t *ignored)
{
	if (started_at_exec) {
		*caught = 0;
		return trap_signal_exec_ignored(ignored);
	}
	if (attaching || !status_actions_known)
		return 0;
	*caught = status_caught;
	*ignored = status_ignored;
	return 1;
}

/* Whether the process started ptraced by a debugger: TracerPid, unless
 * the tracer is the launcher injecting this image (SYSTRAP_LAUNCHER=PID:FD),
 * which lets go before the program runs. A debugger owns SIGTRAP: gdb stops
 * on one it did not cause and does not pass it on when continued (nor do
 * strace's tracers or ptrace_stops), so an int3 of ours would be swallowed
 * and the program would run on past it; the SIGILL of a ud2 is passed on.
 * A debugger that attaches later is not seen here (docs/DESIGN.md). */
static int started_under_debugger(void)
{
	read_status();
	return status_debugged;
}

/* The signal trap, and whether sites also get jumps: the options, else
 * SYSTRAP_TRAP (jump, jump-int3, ud2, int3), else jumps with ud2; ud2 for
 * int3 under a debugger (started_under_debugger). */
static enum arch_trap_kind choose_trap(const struct systrap_options *opts,
				       int *jumps)
{
	enum systrap_trap_kind k = opts ? opts->trap : SYSTRAP_TRAP_DEFAULT;
	if (k == SYSTRAP_TRAP_DEFAULT) {
		const char *env = getenv("SYSTRAP_TRAP");
		k = SYSTRAP_TRAP_JUMP_UD2;
		if (env && !strcmp(env, "int3"))
			k = SYSTRAP_TRAP_INT3;
		else if (env && !strcmp(env, "ud2"))
			k = SYSTRAP_TRAP_UD2;
		else if (env && !strcmp(env, "jump-int3"))
			k = SYSTRAP_TRAP_JUMP_INT3;
	}
	*jumps = k == SYSTRAP_TRAP_JUMP_UD2 || k == SYSTRAP_TRAP_JUMP_INT3;
	int int3 = k == SYSTRAP_TRAP_INT3 || k == SYSTRAP_TRAP_JUMP_INT3;
	return int3 && !started_under_debugger() ? ARCH_TRAP_INT3 : ARCH_TRAP_UD2;
}

/* The load base of the object mapped by maps[i]: its lowest mapping. */
static uintptr_t object_base(const struct maps *m, size_t i)
{
	uintptr_t base = m->entries[i].start - m->entries[i].offset;
	for (size_t k = 0; k < m->count; k++)
		if (m->entries[k].inode == m->entries[i].inode &&
		    !strcmp(m->entries[k].path, m->entries[i].path) &&
		    m->entries[k].offset == 0)
			return m->entries[k].start;
	return base;
}

static int debug;

/* SYSTRAP_DEBUG=1: one line per instrumented (res NULL: deferred) mapping on
 * stderr, at start-up
 * only (never on the trap path, so stdio's snprintf is fine here). */
static void debug_line(const struct mapping *map, const struct instrument_result *res,
		       unsigned long decoded)
{
	char line[512];
	int n = res ? snprintf(line, sizeof line,
			       "systrap: %lx-%lx %s: %lu sites, %lu jumps (%lu short hops), %lu candidates, %lu rejected, %lu failed, %lu decoded\n",
			       (unsigned long)map->start, (unsigned long)map->end,
			       map->path[0] ? map->path : "(anonymous)", res->sites,
			       res->jumps, res->hops, res->candidates, res->rejected,
			       res->failed, decoded)
		    : snprintf(line, sizeof line,
			       "systrap: %lx-%lx %s: deferred (lazy)\n",
			       (unsigned long)map->start, (unsigned long)map->end,
			       map->path);
	if (n > 0)
		raw_write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* The region of maps[i], reading its ELF information through src (an
 * open file, or the vDSO's image). */
static void region_of(const struct maps *m, size_t i, struct code_region *r,
		      struct elf_source *src)
{
	const struct mapping *map = &m->entries[i];
	*src = (struct elf_source){-1, 0, 0, 0};
	*r = (struct code_region){
		.lo = map->start,
		.hi = map->end,
		.prot = map->prot,
		.elf = 0,
		.where = {map->start, map->offset},
		.object = map->path,
		.object_base = map->start,
	};
	if (map->path[0] == '/') {
		long fd = raw_openat(AT_FDCWD, map->path, O_RDONLY | O_CLOEXEC,
				     0);
		if (fd >= 0) {
			/* Mapped whole only if its tables are read (a site
			 * cache miss): elf_boundaries.c. */
			src->fd = (int)fd;
			src->map_whole = 1;
		}
		r->object_base = object_base(m, i);
	} else if (!strcmp(map->path, "[vdso]")) {
		src->image = (const uint8_t *)map->start;
		src->image_size = map->end - map->start;
	}
}

/* Whether maps[i] is instrumented at start-up: executable and readable
 * (not execute-only: safe_memory.h), and not the vsyscall page nor our
 * own object. */
static int instrumented(const struct mapping *map, const char *own)
{
	return (map->prot & PROT_EXEC) && strcmp(map->path, "[vsyscall]") &&
	       !(own && !strcmp(map->path, own)) &&
	       !(map->start < excluded_hi && map->end > excluded_lo) &&
	       ((map->prot & PROT_READ) ||
		safe_pages_readable(map->start, map->end));
}

/* Instruments every executable mapping of m but our own object's, at once
 * (instrument_regions shares the largest one's analysis with a helper
 * thread). A program at its exec has a few (itself, the loader, the
 * vDSO): their tables are on the stack, whose pages are there already,
 * and not in five static arrays, a fresh page of each touched at every
 * start; an attach to a process with more takes the static ones. */
static void instrument_mappings(const struct maps *m, const char *own)
{
	enum { FEW = 16, MAX_REGIONS = 512 };
	struct code_region few_regions[FEW];
	struct elf_source few_srcs[FEW];
	struct instrument_result few_results[FEW];
	unsigned long few_decoded[FEW];
	size_t few_which[FEW];
	static struct code_region many_regions[MAX_REGIONS];
	static struct elf_source many_srcs[MAX_REGIONS];
	static struct instrument_result many_results[MAX_REGIONS];
	static unsigned long many_decoded[MAX_REGIONS];
	static size_t many_which[MAX_REGIONS];
	size_t wanted = 0;
	for (size_t i = 0; i < m->count; i++)
		wanted += instrumented(&m->entries[i], own);
	int few = wanted <= FEW;
	struct code_region *regions = few ? few_regions : many_regions;
	struct elf_source *srcs = few ? few_srcs : many_srcs;
	struct instrument_result *results = few ? few_results : many_results;
	unsigned long *decoded = few ? few_decoded : many_decoded;
	size_t *which = few ? few_which : many_which;
	int count = 0;
	for (size_t i = 0; i < m->count && count < MAX_REGIONS; i++) {
		if (!instrumented(&m->entries[i], own))
			continue;
		region_of(m, i, &regions[count], &srcs[count]);
		/* Lazy (instrumenter.h): a file's code waits for its calls,
		 * and so does the vDSO's (its syscalls are fallbacks most
		 * processes never reach; no file: its bytes are its image). */
		if ((srcs[count].fd >= 0 || srcs[count].image) &&
		    instrumenter_lazy()) {
			regions[count].elf = &srcs[count];
			int deferred = instrumenter_defer(&regions[count]);
			regions[count].elf = 0;
			if (deferred) {
				if (debug)
					debug_line(&m->entries[i], 0, 0);
				if (srcs[count].fd >= 0)
					raw_close(srcs[count].fd);
				continue;
			}
		}
		which[count++] = i;
	}
	for (int k = 0; k < count; k++)
		if (srcs[k].fd >= 0 || srcs[k].image)
			regions[k].elf = &srcs[k];
	instrument_regions(regions, count, results, decoded);
	for (int k = 0; k < count; k++) {
		if (debug)
			debug_line(&m->entries[which[k]], &results[k], decoded[k]);
		if (srcs[k].fd >= 0) {
			if (srcs[k].image)
				raw_syscall2(SYS_munmap, (long)srcs[k].image,
					     (long)srcs[k].image_size);
			raw_close(srcs[k].fd);
		}
	}
}

static int init_once(const struct systrap_options *opts);

int systrap_init(const struct systrap_options *opts)
{
	if (initialised)
		return 0;
	/* Its several installs read the program's actions once. */
	trap_signal_batch_begin();
	/* Not at an exec, where every action is known already: which
	 * signals have handlers, from the status the lazy check reads
	 * anyway (no read of the others' actions). */
	if (!started_at_exec) {
		read_status();
		if (status_actions_known)
			trap_signal_batch_hint(status_caught, status_ignored);
	}
	init_result = init_once(opts);
	trap_signal_batch_end();
	return init_result;
}

/* Whether sealed mode is asked for: the options, else SYSTRAP_SEALED=1. */
static int want_sealed(const struct systrap_options *opts)
{
	const char *env = getenv("SYSTRAP_SEALED");
	return (opts && opts->sealed) || (env && *env && strcmp(env, "0"));
}

/* Lazy instrumenting's budget of calls (instrumenter.h): SYSTRAP_LAZY=N,
 * 0 or off for none. Past this many calls
 * patching what is left costs less than SUD's ~36 ns on every call. */
#define LAZY_CALLS 8192
static unsigned long lazy_budget(void)
{
	const char *env = getenv("SYSTRAP_LAZY");
	if (env && *env)
		return strcmp(env, "off") ? strtoul(env, 0, 10) : 0;
	return LAZY_CALLS;
}

/* Lazy instrumenting needs one thread (patching is safe only where no
 * other runs the code) and no debugger: each first call from a page is a
 * SIGSYS, which a ptracer would see stop the program. At an exec (the
 * image) both hold; a launcher attaching to a running process never
 * lazies; a preloaded object's constructor asks the kernel. */
static int lazy_allowed(void)
{
	if (started_at_exec)
		return 1;
	if (attaching)
		return 0;
	read_status();
	return status_threads == 1 && !status_debugged;
}

static void lazy_ended(uint64_t cycles)
{
	thread_block_current()->own_work_cycles += cycles;
	sealed_end_lazy();
}

/* SIGSYS ours, then SUD armed over our own code: a call from a page not
 * yet patched is dispatched to us (trap_handler.c). Where the kernel or a
 * policy refuses SUD, everything is instrumented as it is mapped. */
static void start_lazy(uintptr_t lo, uintptr_t hi, unsigned long budget)
{
	/* Patching may run on the fast path, with the vector state saved
	 * by XSAVE; SIGSYS is taken only where SUD can be armed. */
	if (!budget || hi <= lo || !arch_has_xsave() || sealed_probe(0) ||
	    trap_signal_install_second(SIGSYS, trap_handler) ||
	    sealed_start_for_lazy(lo, hi))
		return;
	instrumenter_set_lazy(budget, lazy_ended);
}

static void refuse_sealed(const char *why)
{
	static const char pre[] = "systrap: sealed mode refused: ";
	raw_write(2, pre, sizeof pre - 1);
	raw_write(2, why, strlen(why));
	raw_write(2, "\n", 1);
}

/* The mapping holding addr, or NULL. */
static const struct mapping *mapping_at(const struct maps *m, uintptr_t addr)
{
	for (size_t i = 0; i < m->count; i++)
		if (addr >= m->entries[i].start && addr < m->entries[i].end)
			return &m->entries[i];
	return 0;
}

/* The executable mapping holding systrap's own code: the image's (given by
 * systrap_init_exclude) or the preloaded object's. Empty when systrap is
 * linked into the program itself. */
static void own_code(const struct maps *m, const char *own, uintptr_t *lo,
		     uintptr_t *hi)
{
	*lo = *hi = 0;
	if (excluded_hi > excluded_lo) {
		*lo = excluded_lo;
		*hi = excluded_hi;
		return;
	}
	const struct mapping *e = own ? mapping_at(m, (uintptr_t)systrap_init) : 0;
	if (e) {
		*lo = e->start;
		*hi = e->end;
	}
}

/* The path of our own object when it is not the program itself (a
 * preloaded library, the image), else NULL. The program is the file
 * mapped where the kernel's AT_ENTRY points (ld.so's own file when ld.so
 * was run as the command, as /proc/self/exe would say); only where no
 * mapping holds it is /proc/self/exe read (a readlinkat less at every
 * preloaded start). Never inlined: that path's 4 KiB buffer is off the
 * stack before instrumenting, the deepest frames of a start. */
static __attribute__((noinline)) const char *own_object(const struct maps *m)
{
	const struct mapping *ours = mapping_at(m, (uintptr_t)systrap_init);
	if (!ours || ours->path[0] != '/')
		return 0;
	const char *own = ours->path;
	const struct mapping *entry = mapping_at(m, (uintptr_t)getauxval(AT_ENTRY));
	const char *program = entry ? entry->path : 0;
	char exe[4096];
	if (!program) {
		long n = raw_readlinkat(AT_FDCWD, "/proc/self/exe", exe,
					sizeof exe - 1);
		exe[n > 0 ? n : 0] = 0;
		program = exe;
	}
	return strcmp(own, program) ? own : 0;
}

static int init_once(const struct systrap_options *opts)
{
	int sealed = want_sealed(opts);
	const char *why = 0;
	/* Refused before anything is changed: sealed or nothing. */
	if (sealed && sealed_probe(&why)) {
		refuse_sealed(why);
		return -ENOSYS;
	}
	const char *dbg = getenv("SYSTRAP_DEBUG");
	debug = dbg && *dbg && strcmp(dbg, "0");
	instrumenter_set_debug(dbg ? atoi(dbg) : 0);
	site_cache_configure(getenv("SYSTRAP_CACHE"));
	const char *tsx = getenv("SYSTRAP_TSX");
	safe_memory_init(!(tsx && !strcmp(tsx, "off")));
	int jumps;
	enum arch_trap_kind kind = choose_trap(opts, &jumps);
	fast_dispatch_init();
	instrumenter_set_trap(kind);
	instrumenter_set_jumps(jumps);
	const char *stretch = getenv("SYSTRAP_TEST_GIVE_STRETCH_US");
	if (stretch)
		trap_signal_set_give_stretch((unsigned)atoi(stretch));
	const char *one = getenv("SYSTRAP_ONE_THREAD");
	instrumenter_set_helper_thread(!(one && !strcmp(one, "1")));
	/* Before anything that keeps per-thread state. */
	int r = thread_block_init();
	if (r)
		return r;
	if (decoder_open())
		return -ENOSYS;
	r = site_registry_init();
	if (r)
		return r;
	intercept_capture_env(environ);
	r = trap_signal_install(arch_trap_encoding(kind)->signal,
				trap_handler);
	if (r)
		return r;
	/* Without RTM, reads copy directly and recover from their faults
	 * (SYSTRAP_FAULT_READS=off: through the kernel). */
	const char *fr = getenv("SYSTRAP_FAULT_READS");
	if (!(fr && !strcmp(fr, "off")))
		safe_memory_own_faults();
	intercept_fast_stack_refresh();

	struct maps m;
	r = maps_read(&m);
	if (r)
		return r;
	/* Our own object, when it is a preloaded library and not the program
	 * itself, holds no syscall of the program's (its own raw syscalls are
	 * never patched anyway): skipping it saves decoding Capstone's code. */
	/* The image's code is excluded by its range (systrap_init_exclude):
	 * no readlinkat of /proc/self/exe (2.6% of an image's start). */
	const char *own = excluded_hi > excluded_lo ? 0 : own_object(&m);
	uintptr_t lo, hi;
	own_code(&m, own, &lo, &hi);
	/* Lazy instrumenting, where no thread but ours can run: started at
	 * an exec (the image), or a preloaded object's constructor in a
	 * process that has one thread. Armed before the mappings are looked
	 * at, so that they can be deferred. */
	if (!sealed && lazy_allowed())
		start_lazy(lo, hi, lazy_budget());
	instrument_mappings(&m, own);
	maps_free(&m);
	if (sealed) {
		/* SIGSYS is ours before the first call can raise it. */
		r = trap_signal_install_second(SIGSYS, trap_handler);
		if (!r)
			r = sealed_start(lo, hi, &why);
		if (r) {
			refuse_sealed(why ? why : "SIGSYS cannot be handled");
			return r;
		}
	}
	initialised = 1;
	return 0;
}

int systrap_trap_signal(void)
{
	return trap_signal_number();
}

int systrap_owns_signal(int sig)
{
	return trap_signal_owned(sig) || trap_signal_owns_fault(sig);
}

uint64_t systrap_sigreturn_blocked(uint64_t *owned)
{
	*owned = initialised ? trap_signal_bits() : 0;
	return *owned ? trap_signal_sigreturn_blocked() & *owned : 0;
}

int systrap_sealed(void)
{
	return sealed_active() && !sealed_for_lazy_only();
}

void systrap_observe_trap_signal(systrap_trap_signal_fn fn)
{
	trap_signal_set_observer(fn);
}

void systrap_get_stats(struct systrap_stats *out)
{
	struct instrument_result t;
	unsigned long regions;
	instrumenter_totals(&t, &regions);
	out->sites = t.sites;
	out->candidates = t.candidates;
	out->rejected = t.rejected;
	out->regions = regions;
	out->decoded = decoder_count();
	out->jumps = t.jumps;
}
