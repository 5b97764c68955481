/* An execve made at an address the caller knows (exec_site.S): a launcher's
 * child execs the program through it, so that the program's first line,
 * "execve(...)", can show under -i where the call was made, as strace's
 * shows its own child's call site. Launcher-side. */
#ifndef SYSTRAP_ARCH_EXEC_SITE_H
#define SYSTRAP_ARCH_EXEC_SITE_H

#include <stdint.h>

/* execve(path, argv, envp) as a raw system call: returns only on failure,
 * with -errno (errno is not set). */
long arch_execve_at_site(const char *path, char *const argv[],
			 char *const envp[]);

/* The address after its syscall instruction (what the kernel reports as
 * the call's instruction pointer). */
uintptr_t arch_execve_site(void);

#endif
