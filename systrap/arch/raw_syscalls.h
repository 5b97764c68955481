/* Typed raw system calls used by systrap itself.
 *
 * Every function returns what the kernel returned: a value, or -errno. None
 * touches errno, allocates or locks, so all are async-signal-safe and usable on
 * the trap path. Only the calls systrap needs are here; add one per need.
 */
#ifndef SYSTRAP_ARCH_RAW_SYSCALLS_H
#define SYSTRAP_ARCH_RAW_SYSCALLS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include "systrap/arch/syscall_arch.h"

/* The kernel's own struct sigaction for rt_sigaction on x86-64: not libc's
 * (whose sa_mask is 128 bytes and whose field order differs). */
struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

/* Tells the kernel to return from handlers through `restorer`; libc hides it. */
#define KERNEL_SA_RESTORER 0x04000000UL

#define KERNEL_SIGSET_SIZE 8 /* sizeof(uint64_t): what rt_sig* calls take */

/* What the kernel keeps of an action it is given, and so reads back
 * (kernel/signal.c do_sigaction, since 5.11): the flags it knows
 * (UAPI_SA_FLAGS: SA_NOCLDSTOP, SA_NOCLDWAIT, SA_SIGINFO, SA_ONSTACK,
 * SA_RESTART, SA_NODEFER, SA_RESETHAND and x86's SA_RESTORER; a program
 * probes for a flag, SA_UNSUPPORTED, by setting it and reading back), and
 * never SIGKILL (9) or SIGSTOP (19) in the mask. For actions kept in
 * place of the kernel's. */
#define KERNEL_SA_KNOWN                                                     \
	(0x00000001UL | 0x00000002UL | 0x00000004UL | 0x08000000UL |        \
	 0x10000000UL | 0x40000000UL | 0x80000000UL | KERNEL_SA_RESTORER)
static inline void kernel_sigaction_as_kept(struct kernel_sigaction *k)
{
	k->flags &= KERNEL_SA_KNOWN;
	k->mask &= ~((1ULL << (9 - 1)) | (1ULL << (19 - 1)));
}

struct iovec;
struct timespec;

static inline long raw_read(int fd, void *buf, size_t n)
{
	return raw_syscall3(SYS_read, fd, (long)buf, (long)n);
}

static inline long raw_write(int fd, const void *buf, size_t n)
{
	return raw_syscall3(SYS_write, fd, (long)buf, (long)n);
}

static inline long raw_pread(int fd, void *buf, size_t n, off_t off)
{
	return raw_syscall4(SYS_pread64, fd, (long)buf, (long)n, (long)off);
}

static inline long raw_pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return raw_syscall4(SYS_pwrite64, fd, (long)buf, (long)n, (long)off);
}

static inline long raw_openat(int dirfd, const char *path, int flags, int mode)
{
	return raw_syscall4(SYS_openat, dirfd, (long)path, flags, mode);
}

static inline long raw_close(int fd)
{
	return raw_syscall1(SYS_close, fd);
}

static inline long raw_fcntl(int fd, int cmd, long arg)
{
	return raw_syscall3(SYS_fcntl, fd, cmd, arg);
}

static inline long raw_dup3(int oldfd, int newfd, int flags)
{
	return raw_syscall3(SYS_dup3, oldfd, newfd, flags);
}

static inline long raw_lseek(int fd, off_t off, int whence)
{
	return raw_syscall3(SYS_lseek, fd, (long)off, whence);
}

static inline long raw_readlinkat(int dirfd, const char *path, char *buf,
				  size_t n)
{
	return raw_syscall4(SYS_readlinkat, dirfd, (long)path, (long)buf,
			    (long)n);
}

/* An extended attribute of path (following links): its value's length or
 * -errno. */
static inline long raw_getxattr(const char *path, const char *name, void *buf,
				size_t n)
{
	return raw_syscall4(SYS_getxattr, (long)path, (long)name, (long)buf,
			    (long)n);
}

/* stat(2) of a path (newfstatat, flags AT_*): the kernel's struct stat,
 * which is <sys/stat.h>'s on this architecture. */
static inline long raw_newfstatat(int dirfd, const char *path, struct stat *st,
				  int flags)
{
	return raw_syscall4(SYS_newfstatat, dirfd, (long)path, (long)st, flags);
}

/* mmap returns an address or -errno; test with raw_is_error(). */
static inline long raw_mmap(void *addr, size_t len, int prot, int flags, int fd,
			    off_t off)
{
	return raw_syscall6(SYS_mmap, (long)addr, (long)len, prot, flags, fd,
			    (long)off);
}

static inline long raw_munmap(void *addr, size_t len)
{
	return raw_syscall2(SYS_munmap, (long)addr, (long)len);
}

static inline long raw_mprotect(void *addr, size_t len, int prot)
{
	return raw_syscall3(SYS_mprotect, (long)addr, (long)len, prot);
}

static inline long raw_rt_sigaction(int sig, const struct kernel_sigaction *act,
				    struct kernel_sigaction *old)
{
	return raw_syscall4(SYS_rt_sigaction, sig, (long)act, (long)old,
			    KERNEL_SIGSET_SIZE);
}

static inline long raw_rt_sigprocmask(int how, const uint64_t *set,
				      uint64_t *old)
{
	return raw_syscall4(SYS_rt_sigprocmask, how, (long)set, (long)old,
			    KERNEL_SIGSET_SIZE);
}

static inline long raw_getpid(void)
{
	return raw_syscall0(SYS_getpid);
}

static inline long raw_gettid(void)
{
	return raw_syscall0(SYS_gettid);
}

static inline long raw_getppid(void)
{
	return raw_syscall0(SYS_getppid);
}

static inline long raw_tgkill(int tgid, int tid, int sig)
{
	return raw_syscall3(SYS_tgkill, tgid, tid, sig);
}

static inline long raw_nanosleep(const struct timespec *t)
{
	return raw_syscall2(SYS_nanosleep, (long)t, 0);
}

/* Sends sig with the siginfo at info (128 bytes) to thread tid of thread
 * group tgid: to our own group any si_code may be given, so a signal
 * passed on from one of our threads to another keeps its sender's. */
static inline long raw_rt_tgsigqueueinfo(int tgid, int tid, int sig,
					 const void *info)
{
	return raw_syscall4(SYS_rt_tgsigqueueinfo, tgid, tid, sig, (long)info);
}

static inline long raw_clock_gettime(int clock, struct timespec *ts)
{
	return raw_syscall2(SYS_clock_gettime, clock, (long)ts);
}

/* Reads our own memory without faulting: unreadable ranges give -EFAULT. */
static inline long raw_process_vm_readv(int pid, const struct iovec *local,
					unsigned long nlocal,
					const struct iovec *remote,
					unsigned long nremote)
{
	return raw_syscall6(SYS_process_vm_readv, pid, (long)local,
			    (long)nlocal, (long)remote, (long)nremote, 0);
}

/* Writes our own memory without faulting: unwritable ranges give -EFAULT. */
static inline long raw_process_vm_writev(int pid, const struct iovec *local,
					 unsigned long nlocal,
					 const struct iovec *remote,
					 unsigned long nremote)
{
	return raw_syscall6(SYS_process_vm_writev, pid, (long)local,
			    (long)nlocal, (long)remote, (long)nremote, 0);
}

static inline long raw_execve(const char *path, char *const argv[],
			      char *const envp[])
{
	return raw_syscall3(SYS_execve, (long)path, (long)argv, (long)envp);
}

static inline long raw_prctl(int option, long a2, long a3, long a4, long a5)
{
	return raw_syscall5(SYS_prctl, option, a2, a3, a4, a5);
}

static inline __attribute__((noreturn)) void raw_exit_group(int status)
{
	for (;;)
		raw_syscall1(SYS_exit_group, status);
}

#endif
