/* Which of the fast path's entries (fast_entry.S) trampolines and
 * program-call stubs call: the plain ones, or, where the kernel gives user
 * threads CET shadow stacks, their twins that pop the trampoline's return
 * address off the thread's shadow stack before jumping back (jump_patch.h).
 * Apart from jump_patch.c, whose patching code may call nothing outside
 * itself. */
#include <sys/syscall.h>

#include "systrap/arch/arch_prctl.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/arch/raw_syscalls.h"

/* Whether a thread of this process may have a shadow stack. */
static int shadow_stacks;

void arch_fast_detect_shadow_stack(void)
{
	unsigned long features = 0;
	shadow_stacks = raw_syscall2(SYS_arch_prctl, ARCH_SHSTK_STATUS,
				     (long)&features) == 0;
}

/* The restart points' pairs (fast_entry.S's restart_point): each 32 bits,
 * the distance from itself. Not weak: GNU ld defines __start_/__stop_
 * only for a strong reference. */
extern const int32_t __start_systrap_restart_points[]
	__attribute__((visibility("hidden")));
extern const int32_t __stop_systrap_restart_points[]
	__attribute__((visibility("hidden")));

_Static_assert(sizeof(struct arch_restart) == ARCH_RESTART_BYTES &&
		       offsetof(struct arch_restart, restarted) ==
			       ARCH_RESTART_RESTARTED,
	       "fast_entry.S fills struct arch_restart");

uintptr_t arch_restart_point(uintptr_t pc)
{
	for (const int32_t *p = __start_systrap_restart_points;
	     p + 1 < __stop_systrap_restart_points; p += 2)
		if ((uintptr_t)p + (intptr_t)p[0] == pc)
			return (uintptr_t)(p + 1) + (intptr_t)p[1];
	return 0;
}

uintptr_t arch_fast_entry(enum arch_fast_entry_kind kind)
{
	static void (*const plain[])(void) = {
		systrap_fast_entry, systrap_fast_resume_entry,
		systrap_fast_resume_entry_here};
	static void (*const shstk[])(void) = {
		systrap_fast_entry_shstk, systrap_fast_resume_entry_shstk,
		systrap_fast_resume_entry_here_shstk};
	return (uintptr_t)(shadow_stacks ? shstk : plain)[kind];
}
