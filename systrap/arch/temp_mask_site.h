/* The system calls that wait with a temporary signal mask (rt_sigsuspend,
 * ppoll, pselect6, epoll_pwait...), made by the core at one known address
 * (temp_mask_site.S). A handler the kernel enters as such a call ends
 * interrupted (EINTR) runs with the call's mask, while its frame holds the
 * mask from before the call (the one rt_sigreturn puts back): a handler of
 * ours that sets the program's handler's mask itself (trap_signal.c) tells
 * that case from any other by the frame's pc and result. */
#ifndef SYSTRAP_ARCH_TEMP_MASK_SITE_H
#define SYSTRAP_ARCH_TEMP_MASK_SITE_H

#include <stdint.h>

/* System call nr with args[0..5]: its result, -errno on failure. */
long arch_temp_mask_call(long nr, const long args[6]);

/* The address after its syscall instruction: the pc of a frame the
 * kernel made as the call ended. */
uintptr_t arch_temp_mask_site(void);

#endif
