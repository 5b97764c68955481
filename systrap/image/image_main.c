/* systrap_image_main: what the image does when a launcher starts it on a
 * stopped thread (image_abi.h): takes its settings, makes them the
 * environment its own code reads (getenv), tells the core which mapping is
 * its own, and runs its constructors: a tool's constructor registers its
 * handlers and calls systrap_init(), exactly as in a preloaded object, so
 * one tool's code runs both ways. */
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "systrap/arch/cpu_facts.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/scratch_tls.h"
#include "systrap/core/systrap_init.h"
#include "systrap/core/thread_block.h"
#include "systrap/image/exec_handoff.h"
#include "systrap/image/image_abi.h"
#include "systrap/image/self_relocate.h"

/* Tells the launcher that the image sets its own pages' protections
 * (image_abi.h): one ptrace stop for all of them instead of one each. */
__attribute__((visibility("default"), used))
const int systrap_image_protects_itself = 1;

/* Tells the launcher that the image closes the descriptor it was mapped
 * from and unmaps its parameter block itself (image_abi.h): two ptrace
 * stops fewer a start. */
__attribute__((visibility("default"), used))
const int systrap_image_frees_its_own = 1;

/* Tells the launcher that the image applies its own relocations
 * (image_abi.h): a launcher's first process then costs it no relocating,
 * copying and writing of the image's data. */
__attribute__((visibility("default"), used))
const int systrap_image_relocates_itself = 1;

/* Tells the launcher that the image puts the vector registers back in
 * their initial state itself when asked (image_abi.h): at an exec stop the
 * launcher then neither reads nor writes them. */
__attribute__((visibility("default"), used))
const int systrap_image_resets_vectors = 1;

/* Tells the launcher that the image goes on to the program itself when
 * asked (image_abi.h): no stop for the launcher at the end of a start;
 * and how it went, where the launcher reads it without the signal. */
__attribute__((visibility("default"), used))
volatile int64_t systrap_image_outcome[3];

/* SYSTRAP_IMAGE_GO_ON: the registers the entry gives the program; whom
 * image_entry.S tells of a failure, and with which signal (the result in
 * place first: arch_park); a pid set means the entry ends without its
 * int3. */
__attribute__((visibility("hidden"))) struct arch_resume_regs
	systrap_image_resume;
__attribute__((visibility("hidden"))) long systrap_image_notify_pid,
	systrap_image_notify_fail;

/* The image's libc (musl's static one) reads its environment here. */
extern char **__environ;

/* The image's own dynamic section: its constructors' table. */
extern const uint64_t _DYNAMIC[] __attribute__((visibility("hidden")));

/* The settings, copied out of the block into pages of our own (the
 * launcher may unmap the block), as an environ array. Returns 0 or
 * -ENOMEM. */
static int take_settings(const struct systrap_image_params *p)
{
	const char *from = (const char *)p + p->settings_offset;
	size_t size = p->settings_size, count = 0;
	for (size_t i = 0; i < size; i++)
		if (!from[i] && (i == 0 || from[i - 1]))
			count++;
	size_t bytes = (count + 1) * sizeof(char *) + size;
	long m = raw_syscall6(SYS_mmap, 0, (long)bytes, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw_is_error(m))
		return -ENOMEM;
	char **env = (char **)m;
	char *strings = (char *)(env + count + 1);
	for (size_t i = 0; i < size; i++)
		strings[i] = from[i];
	size_t n = 0;
	for (size_t i = 0; i < size && strings[i]; n++) {
		env[n] = &strings[i];
		while (i < size && strings[i])
			i++;
		i++;
	}
	env[n] = 0;
	__environ = env;
	return 0;
}

/* SYSTRAP_PROGRAM_SIGTRAP ("blocked", "ignored" or both; then
 * ",ign=HEX"): the program's
 * SIGTRAP as its exec left it, which the launcher's single steps reset
 * (inject.h, inject_sigtrap). Put back before the tools start, so that the
 * core reads it as the program's; where the core does not take SIGTRAP
 * over, the launcher puts it back again after our final int3. */
/* ",ign=HEX" after them: every signal the exec left ignored, which the
 * start-up then need not read (systrap_init_at_exec). */
static uint64_t exec_ignored;
static int exec_ignored_known;

static void take_program_sigtrap(void)
{
	const char *s = getenv("SYSTRAP_PROGRAM_SIGTRAP");
	if (!s)
		return;
	const char *ign = strstr(s, "ign=");
	if (ign) {
		exec_ignored = strtoull(ign + 4, 0, 16);
		exec_ignored_known = 1;
	}
	if (strstr(s, "ignored")) {
		const struct kernel_sigaction ign = {(void *)SIG_IGN, 0, 0, 0};
		raw_rt_sigaction(SIGTRAP, &ign, 0);
	}
	if (strstr(s, "blocked")) {
		const uint64_t set = 1ull << (SIGTRAP - 1);
		raw_rt_sigprocmask(SIG_BLOCK, &set, 0);
	}
	unsetenv("SYSTRAP_PROGRAM_SIGTRAP");
}

/* SYSTRAP_CPU: what CPUID says, asked once by the launcher
 * (systrap/arch/cpu_facts.h); without it, start-up asks itself. */
static void take_cpu_facts(void)
{
	const char *s = getenv("SYSTRAP_CPU");
	if (s)
		arch_cpu_facts_take(s);
	unsetenv("SYSTRAP_CPU");
}

/* SYSTRAP_ATTACH_PCS: where the threads of a process we were attached to
 * will resume (hex, comma-separated), which no jump may cover. */
#define MAX_AVOID 8192
static uintptr_t avoid[MAX_AVOID];

static void take_attach_pcs(void)
{
	const char *s = getenv("SYSTRAP_ATTACH_PCS");
	/* None: started at an exec (an attach names at least one thread),
	 * alone in a fresh address space. */
	if (!s) {
		systrap_init_at_exec(exec_ignored_known ? &exec_ignored : 0);
		arch_scratch_tls_alone();
	}
	int n = 0;
	while (s && *s && n < MAX_AVOID) {
		char *end;
		avoid[n++] = (uintptr_t)strtoull(s, &end, 16);
		s = *end == ',' ? end + 1 : "";
	}
	unsetenv("SYSTRAP_ATTACH_PCS");
	if (n)
		systrap_init_avoid_pcs(avoid, n);
}

/* The protection of the image's page at offset v: the union of the
 * protections of the segments on it, PT_GNU_RELRO's without write. */
static int page_prot(const Elf64_Phdr *ph, int n, uintptr_t v)
{
	int pr = 0;
	for (int i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD && ARCH_PAGE_DOWN(ph[i].p_vaddr) <= v &&
		    v < ph[i].p_vaddr + ph[i].p_memsz)
			pr |= ((ph[i].p_flags & PF_R) ? PROT_READ : 0) |
			      ((ph[i].p_flags & PF_W) ? PROT_WRITE : 0) |
			      ((ph[i].p_flags & PF_X) ? PROT_EXEC : 0);
	for (int i = 0; i < n; i++)
		if (ph[i].p_type == PT_GNU_RELRO &&
		    ARCH_PAGE_DOWN(ph[i].p_vaddr) <= v &&
		    v + ARCH_PAGE <= ph[i].p_vaddr + ph[i].p_memsz)
			pr &= ~PROT_WRITE;
	return pr;
}

/* The first page offset above v where page_prot may change. */
static uintptr_t next_change(const Elf64_Phdr *ph, int n, uintptr_t v,
			     uintptr_t hi)
{
	uintptr_t next = hi;
	for (int i = 0; i < n; i++) {
		if (ph[i].p_type != PT_LOAD && ph[i].p_type != PT_GNU_RELRO)
			continue;
		uintptr_t end = ph[i].p_vaddr + ph[i].p_memsz;
		uintptr_t b[2] = {ARCH_PAGE_DOWN(ph[i].p_vaddr),
				  ph[i].p_type == PT_LOAD ? ARCH_PAGE_UP(end)
							  : ARCH_PAGE_DOWN(end)};
		for (int k = 0; k < 2; k++)
			if (b[k] > v && b[k] < next)
				next = b[k];
	}
	return next;
}

/* Each page of the image the union of the protections of the segments on
 * it, PT_GNU_RELRO's without write (what the launcher would have done,
 * with a ptrace stop per run: here, raw calls), one mprotect per run of
 * pages alike. The code is executable already: we run in it. Computed
 * from the segments' bounds, without a table of pages (a fresh page of
 * bss at every start). */
static void protect_self(uintptr_t base)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(base + eh->e_phoff);
	int n = eh->e_phnum;
	uintptr_t hi = 0;
	for (int i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_vaddr + ph[i].p_memsz > hi)
			hi = ph[i].p_vaddr + ph[i].p_memsz;
	hi = ARCH_PAGE_UP(hi);
	uintptr_t run = 0;
	int run_prot = hi ? page_prot(ph, n, 0) : 0;
	for (uintptr_t v = 0; v < hi;) {
		uintptr_t next = next_change(ph, n, v, hi);
		int pr = next < hi ? page_prot(ph, n, next) : -1;
		if (pr != run_prot) {
			if (run_prot)
				raw_syscall3(SYS_mprotect, (long)(base + run),
					     (long)(next - run), run_prot);
			run = next;
			run_prot = pr;
		}
		v = next;
	}
}

static void run_constructors(uintptr_t base)
{
	uintptr_t array = 0;
	size_t size = 0;
	for (const uint64_t *d = _DYNAMIC; d[0] != DT_NULL; d += 2) {
		if (d[0] == DT_INIT_ARRAY)
			array = base + d[1];
		else if (d[0] == DT_INIT_ARRAYSZ)
			size = d[1];
	}
	/* The entries themselves were relocated (by the launcher, or by
	 * image_relocate_self). */
	void (**f)(void) = (void (**)(void))array;
	for (size_t i = 0; array && i < size / sizeof *f; i++)
		f[i]();
}

/* What systrap_image_main gives its caller (systrap/arch/image_entry.S),
 * in rax and rdx: the result, and the XSAVE components to put back in
 * their initial state before the int3 (0: none, the launcher restores
 * them) with, in the high half, the size of their XSAVE area. */
struct image_entry_result {
	long result;
	uint64_t reset_vectors;
};

struct image_entry_result systrap_image_main(struct systrap_image_params *p,
					     long notify_pid)
	__attribute__((visibility("hidden")));
void systrap_image_thread_start(void) __attribute__((visibility("hidden")));
void systrap_image_reenter_start(void) __attribute__((visibility("hidden")));

/* Where the image was mapped, for its constructors' table at a re-entry. */
static uintptr_t image_base;

static long image_main(struct systrap_image_params *p)
{
	/* First: until it has run, no pointer of ours is right. */
	if ((p->flags & SYSTRAP_IMAGE_RELOCATE) &&
	    image_relocate_self(p->elf_base, _DYNAMIC))
		return -ENOEXEC;
	if (p->flags & SYSTRAP_IMAGE_CLOSE_FD)
		raw_syscall1(SYS_close, p->image_fd);
	if (p->flags & SYSTRAP_IMAGE_SET_PROTECTIONS)
		protect_self(p->elf_base);
	/* Capstone and musl read FS; at an exec stop it is still 0. The
	 * signal mask stays the program's: systrap_init reads it. */
	arch_scratch_tls_enable();
	unsigned long program_fs = arch_scratch_tls_switch();
	long r = take_settings(p);
	if (!r) {
		systrap_init_exclude(p->image_start, p->image_end);
		take_program_sigtrap();
		take_cpu_facts();
		take_attach_pcs();
		exec_handoff_start();
		run_constructors(p->elf_base);
		r = systrap_init_result();
	}
	arch_scratch_tls_restore(program_fs);
	if (!r) {
		image_base = p->elf_base;
		thread_block_set_reentry((uintptr_t)systrap_image_reenter_start,
					 p->syscall_insn);
		p->thread_entry = (uint64_t)(uintptr_t)systrap_image_thread_start;
	}
	return r;
}

struct image_entry_result systrap_image_main(struct systrap_image_params *p,
					     long notify_pid)
{
	struct image_entry_result out = {-EINVAL, 0};
	if (p->magic != SYSTRAP_IMAGE_MAGIC || p->version != SYSTRAP_IMAGE_VERSION)
		return out;
	uint32_t flags = p->flags;
	/* Going on needs the vectors reset here: nobody else will. */
	const uint32_t go_on = SYSTRAP_IMAGE_GO_ON | SYSTRAP_IMAGE_RESET_VECTORS;
	int going_on = notify_pid > 0 && (flags & go_on) == go_on;
	int ok_sig = p->notify_ok_sig, fail_sig = p->notify_fail_sig;
	uint64_t nonce = p->notify_nonce;
	if (going_on)
		systrap_image_resume = p->resume;
	out.result = image_main(p);
	/* The CPU's facts were taken from the settings (no CPUID), unless
	 * the start failed before. */
	unsigned size = flags & SYSTRAP_IMAGE_RESET_VECTORS
				? arch_vector_state_size()
				: 0;
	if (size)
		out.reset_vectors = (uint64_t)size << 32 | arch_vector_state_mask();
	/* Last: nothing reads the block after this. */
	if (flags & SYSTRAP_IMAGE_UNMAP_BLOCK)
		raw_syscall2(SYS_munmap, (long)(uintptr_t)p,
			     (long)ARCH_PAGE_UP((uintptr_t)p->size));
	if (going_on) {
		/* The launcher waits for a signal, not for a stop: a failure's
		 * is sent by image_entry.S, once the result is where the
		 * launcher reads it. */
		systrap_image_notify_pid = notify_pid;
		systrap_image_notify_fail = fail_sig;
		systrap_image_outcome[1] = out.result;
		systrap_image_outcome[2] = (int64_t)nonce;
		__atomic_store_n(&systrap_image_outcome[0],
				 out.result ? SYSTRAP_IMAGE_PARKED
					    : SYSTRAP_IMAGE_WENT_ON,
				 __ATOMIC_RELEASE);
		if (!out.result)
			raw_syscall2(SYS_kill, notify_pid, ok_sig);
	}
	return out;
}

/* A launcher coming back: to leave (SYSTRAP_LEAVE=1: the tools put back
 * what they changed), or to attach anew (the new settings, the tools'
 * constructors again: they map the new launcher's memory; registering a
 * handler twice is a no-op). Every other thread is stopped, and has its
 * block from before. */
long systrap_image_reenter_main(struct systrap_image_params *p)
	__attribute__((visibility("hidden")));

long systrap_image_reenter_main(struct systrap_image_params *p)
{
	if (p->magic != SYSTRAP_IMAGE_MAGIC || p->version != SYSTRAP_IMAGE_VERSION)
		return -EINVAL;
	unsigned long program_fs = arch_scratch_tls_switch();
	long r = take_settings(p);
	if (!r && getenv("SYSTRAP_LEAVE")) {
		systrap_init_leave();
	} else if (!r) {
		exec_handoff_start();
		run_constructors(image_base);
		r = systrap_init_result();
	}
	arch_scratch_tls_restore(program_fs);
	p->thread_entry = 0;
	return r;
}

/* Each other thread of a process the image was attached to. */
long systrap_image_thread_main(const struct systrap_image_params *p)
	__attribute__((visibility("hidden")));

long systrap_image_thread_main(const struct systrap_image_params *p)
{
	(void)p;
	return systrap_init_adopt_thread();
}
