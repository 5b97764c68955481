/* Syscall User Dispatch's interface (include/uapi/linux/prctl.h and
 * Documentation/admin-guide/syscall-user-dispatch.rst): Debian 12's headers
 * (linux-libc-dev 6.1) lack the inclusive mode, so the values are here. */
#ifndef SYSTRAP_CORE_SUD_ABI_H
#define SYSTRAP_CORE_SUD_ABI_H

#define SEALED_PR_SET_SYSCALL_USER_DISPATCH 59
#define SEALED_PR_SYS_DISPATCH_OFF 0
#define SEALED_PR_SYS_DISPATCH_EXCLUSIVE_ON 1
#define SEALED_PR_SYS_DISPATCH_INCLUSIVE_ON 2 /* Linux 6.17 */
#define SEALED_SELECTOR_ALLOW 0
#define SEALED_SELECTOR_BLOCK 1
#define SEALED_SYS_USER_DISPATCH 2 /* SIGSYS si_code */
#define SEALED_SYS_SECCOMP 1

#endif
