/* A tiny self-contained image for the injector's tests
 * (//systrap/inject/tests): entered by the launcher with the parameter
 * block of systrap/image/image_abi.h in rdi, it writes the PROBE_MESSAGE
 * setting to fd 2 through a relocated global pointer (its prefix), so a
 * missing R_X86_64_RELATIVE shows, and returns 0x2a + argc, read from the
 * program's initial stack (-44 when its unrelocated data pages do not read
 * as in its file). PROBE_CRASH=1 makes it write to address 0. Built again
 * with PROBE_RELOCATES_ITSELF, it applies its own relocations where the
 * launcher leaves them to it. Built with PROBE_GOES_ON, it goes on to the
 * program by itself where the launcher asks (image_abi.h,
 * SYSTRAP_IMAGE_GO_ON): a result of 0x2a + argc is then success (the
 * program's registers loaded, its pc jumped to), anything else a failure
 * (parked for the launcher, which reads the result). */
#include <stddef.h>
#include <stdint.h>

#include "systrap/arch/raw_syscalls.h"
#ifdef PROBE_GOES_ON
#include <sys/syscall.h>

#include "systrap/arch/resume_jump.h"
#endif
#include "systrap/image/image_abi.h"
#ifdef PROBE_RELOCATES_ITSELF
#include "systrap/image/self_relocate.h"
#endif

#define HIDDEN __attribute__((visibility("hidden")))

/* A pointer the loader must relocate (R_X86_64_RELATIVE). */
HIDDEN const char *probe_prefix = "inject probe: ";

/* Data pages no relocation writes: a launcher maps them from the file
 * (private), and they must read as the file has them. */
HIDDEN volatile char probe_pages[4 * 4096] = {[0] = 1, [3 * 4096 + 5] = 7};

static size_t length(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

/* The value of setting name ("NAME=") in the block, or NULL. */
static const char *setting(const struct systrap_image_params *p,
			   const char *name)
{
	const char *s = (const char *)p + p->settings_offset;
	const char *end = s + p->settings_size;
	size_t n = length(name);
	while (s < end && *s) {
		size_t i = 0;
		while (i < n && s[i] == name[i])
			i++;
		if (i == n)
			return s + n;
		s += length(s) + 1;
	}
	return NULL;
}

#ifdef PROBE_RELOCATES_ITSELF
/* inject_probe_self_image.so: relocates itself where the launcher leaves
 * it to (image_abi.h), which needs the image to say it sets its own
 * protections too (it leaves them read+write: a test's image). */
__attribute__((visibility("default"), used))
const int systrap_image_relocates_itself = 1;
__attribute__((visibility("default"), used))
const int systrap_image_protects_itself = 1;
extern const uint64_t _DYNAMIC[] HIDDEN;
#ifdef PROBE_MISSING_SYMBOL
/* inject_bad_self_image.so: a symbol it does not define, met only by its
 * own relocation. */
extern const char *probe_missing_symbol;
HIDDEN const char **probe_needs = &probe_missing_symbol;
#endif
#endif

#ifdef PROBE_GOES_ON
/* Goes on by itself (image_abi.h), which a launcher asks only of an image
 * that frees its own block (it cannot unmap it once the program runs);
 * it uses no vector register (-mgeneral-regs-only), so they are as the
 * exec made them. */
__attribute__((visibility("default"), used))
volatile int64_t systrap_image_outcome[3];
__attribute__((visibility("default"), used))
const int systrap_image_frees_its_own = 1;
__attribute__((visibility("default"), used))
const int systrap_image_resets_vectors = 1;
#endif

HIDDEN long probe_run(const struct systrap_image_params *p)
{
	if (p->magic != SYSTRAP_IMAGE_MAGIC ||
	    p->version != SYSTRAP_IMAGE_VERSION)
		return -22;
#ifdef PROBE_RELOCATES_ITSELF
	if (p->flags & SYSTRAP_IMAGE_RELOCATE) {
		long e = image_relocate_self(p->elf_base, _DYNAMIC);
		if (e)
			return e;
	}
#ifdef PROBE_MISSING_SYMBOL
	__asm__ volatile("" : : "r"(probe_needs)); /* kept by the linker */
#endif
#endif
	/* The image's own span holds this code. */
	if ((uint64_t)(uintptr_t)&probe_run < p->image_start ||
	    (uint64_t)(uintptr_t)&probe_run >= p->image_end)
		return -33;
	if (probe_pages[0] != 1 || probe_pages[3 * 4096 + 5] != 7)
		return -44;
	const char *crash = setting(p, "PROBE_CRASH=");
	if (crash && crash[0] == '1')
		*(volatile int *)0 = 1;
	const char *msg = setting(p, "PROBE_MESSAGE=");
	if (msg) {
		char line[256];
		size_t n = 0;
		for (const char *s = probe_prefix; *s && n < 200; s++)
			line[n++] = *s;
		for (const char *s = msg; *s && n < 250; s++)
			line[n++] = *s;
		line[n++] = '\n';
		raw_write(2, line, n);
	}
	long argc = *(const long *)(uintptr_t)p->initial_sp;
	return 0x2a + argc;
}

HIDDEN long probe_main(const struct systrap_image_params *p, long notify)
{
	long r = probe_run(p);
#ifdef PROBE_GOES_ON
	const uint32_t go_on = SYSTRAP_IMAGE_GO_ON | SYSTRAP_IMAGE_RESET_VECTORS;
	int going_on = notify > 0 && (p->flags & go_on) == go_on;
	long argc = *(const long *)(uintptr_t)p->initial_sp;
	struct arch_resume_regs resume = p->resume;
	int ok_sig = p->notify_ok_sig, fail_sig = p->notify_fail_sig;
	uint64_t nonce = p->notify_nonce;
	if (p->flags & SYSTRAP_IMAGE_CLOSE_FD)
		raw_syscall1(SYS_close, p->image_fd);
	if (p->flags & SYSTRAP_IMAGE_UNMAP_BLOCK)
		raw_syscall2(SYS_munmap, (long)(uintptr_t)p,
			     (long)((p->size + 4095) & ~4095u));
	if (going_on) {
		systrap_image_outcome[1] = r;
		systrap_image_outcome[2] = (int64_t)nonce;
		__atomic_store_n(&systrap_image_outcome[0],
				 r == 0x2a + argc ? SYSTRAP_IMAGE_WENT_ON
						  : SYSTRAP_IMAGE_PARKED,
				 __ATOMIC_RELEASE);
		if (r != 0x2a + argc)
			arch_park(r, notify, fail_sig);
		raw_syscall2(SYS_kill, notify, ok_sig);
		arch_resume_jump(&resume);
	}
#else
	(void)notify;
#endif
	return r;
}

/* The entry: rsp is as right after a call; realign for the C call, then
 * hand control back with the result in rax. */
__asm__(".text\n"
	".globl probe_entry\n"
	".type probe_entry, @function\n"
	"probe_entry:\n"
	"	sub $8, %rsp\n"
	"	call probe_main\n"
	"	int3\n"
	".size probe_entry, . - probe_entry\n");
