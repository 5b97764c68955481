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
