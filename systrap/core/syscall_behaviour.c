/* syscall_behaviour: the rows (syscall_behaviour.h says what each bit
 * means and who reads it). A call with no row here is made as it is,
 * never waits for long, and restarts as ERESTARTSYS. The restart rules
 * are the kernel's, as strace shows them (each checked with a handled
 * SIGALRM interrupting the call under strace). */
#include "systrap/core/syscall_behaviour.h"

#include <sys/syscall.h>

#define FORK_LIKE (SB_INTERCEPT | SB_FORK_LIKE)
/* Changes the signal mask for the call (the trap signal filtered out of
 * it) and waits until a signal comes. */
#define TEMP_MASK_WAIT (SB_INTERCEPT | SB_WAITS)
#define NOHAND SB_RESTART(RESTART_NOHAND)

const uint32_t syscall_behaviour_table[SYSCALL_BEHAVIOUR_SIZE] = {
	/* Made from the program's stack: a program-call stub, or a gadget. */
	[SYS_rt_sigreturn] = SB_INTERCEPT | SB_PROGRAM_STACK,
	[SYS_sigaltstack] = SB_INTERCEPT | SB_PROGRAM_STACK |
			    SB_SETS_SIGNAL_STACK,
	[SYS_vfork] = FORK_LIKE | SB_PROGRAM_STACK,
	[SYS_fork] = FORK_LIKE,
	[SYS_clone] = FORK_LIKE | SB_PROGRAM_STACK,
	[SYS_clone3] = FORK_LIKE | SB_PROGRAM_STACK,
	/* Code: instrumented when it becomes executable, forgotten when it
	 * goes, its jumps undone when it moves. */
	[SYS_mmap] = SB_INTERCEPT | SB_NEW_CODE_PROT_EXEC | SB_ENDS_LAZY_WORK,
	[SYS_mprotect] = SB_INTERCEPT | SB_NEW_CODE_PROT_EXEC | SB_ENDS_LAZY_WORK,
	[SYS_pkey_mprotect] = SB_INTERCEPT | SB_NEW_CODE_PROT_EXEC |
			      SB_ENDS_LAZY_WORK,
	[SYS_mremap] = SB_INTERCEPT | SB_NEW_CODE | SB_ENDS_LAZY_WORK,
	[SYS_munmap] = SB_INTERCEPT | SB_ENDS_LAZY_WORK,
	/* The thread's (or process's) systrap state ends. */
	[SYS_exit] = SB_INTERCEPT | SB_ENDS_THREAD,
	[SYS_exit_group] = SB_INTERCEPT | SB_ENDS_PROCESS,
	/* The trap signal, virtualised. */
	[SYS_rt_sigaction] = SB_INTERCEPT,
	[SYS_rt_sigprocmask] = SB_INTERCEPT,
	[SYS_rt_sigpending] = SB_INTERCEPT,
	[SYS_rt_sigsuspend] = TEMP_MASK_WAIT | NOHAND,
	[SYS_ppoll] = TEMP_MASK_WAIT | NOHAND,
	[SYS_pselect6] = TEMP_MASK_WAIT | NOHAND,
	[SYS_epoll_pwait] = TEMP_MASK_WAIT | SB_RESTART(RESTART_EINTR),
	[SYS_epoll_pwait2] = TEMP_MASK_WAIT | SB_RESTART(RESTART_EINTR),
	[SYS_io_pgetevents] = TEMP_MASK_WAIT | NOHAND,
	/* systrap's variables kept in the new program's environment. */
	[SYS_execve] = SB_INTERCEPT | SB_EXEC,
	[SYS_execveat] = SB_INTERCEPT | SB_EXEC,
	/* PTRACE_TRACEME: reads of the program's memory stop faulting. */
	[SYS_ptrace] = SB_INTERCEPT | SB_ENDS_LAZY_WORK,
	/* The program's own Syscall User Dispatch is virtual (sealed.h). */
	[SYS_prctl] = SB_INTERCEPT | SB_CONFINES_BY_COMMAND | SB_ENDS_LAZY_WORK,
#ifdef SYS_arch_prctl
	/* The program's own GS base is virtual (thread_pointer.h). */
	[SYS_arch_prctl] = SB_INTERCEPT,
#endif

	/* Reads and writes wait only on pipes, sockets and terminals. */
	[SYS_read] = SB_WAITS_ON_FD,
	[SYS_readv] = SB_WAITS_ON_FD,
	[SYS_write] = SB_WAITS_ON_FD | SB_SIGPIPE,
	[SYS_writev] = SB_WAITS_ON_FD | SB_SIGPIPE,
	[SYS_recvfrom] = SB_WAITS_ON_FD,
	[SYS_recvmsg] = SB_WAITS_ON_FD,
	[SYS_recvmmsg] = SB_WAITS_ON_FD,
	[SYS_sendto] = SB_WAITS_ON_FD | SB_SIGPIPE,
	[SYS_sendmsg] = SB_WAITS_ON_FD | SB_SIGPIPE,
	[SYS_sendmmsg] = SB_WAITS_ON_FD | SB_SIGPIPE,
	/* Writes into the fd in argument 0 that raise SIGPIPE on EPIPE too
	 * (pwritev2 with offset -1 writes a pipe; pwrite64 and pwritev never
	 * do: ESPIPE). */
	[SYS_pwritev2] = SB_SIGPIPE,
	[SYS_vmsplice] = SB_SIGPIPE,
	[SYS_sendfile] = SB_SIGPIPE,
	/* Wait for a child, input, a connection, a lock, time, a signal. */
	[SYS_wait4] = SB_WAITS | SB_REAPS,
	[SYS_waitid] = SB_WAITS | SB_REAPS,
	[SYS_poll] = SB_WAITS | SB_RESTART(RESTART_BLOCK),
	[SYS_select] = SB_WAITS | NOHAND,
	[SYS_epoll_wait] = SB_WAITS | SB_RESTART(RESTART_EINTR),
	[SYS_pause] = SB_WAITS | NOHAND,
	[SYS_rt_sigtimedwait] = SB_WAITS | SB_RESTART(RESTART_EINTR),
	[SYS_nanosleep] = SB_WAITS | SB_RESTART(RESTART_BLOCK),
	[SYS_clock_nanosleep] = SB_WAITS | SB_RESTART(RESTART_BY_ABSTIME),
	[SYS_accept] = SB_WAITS,
	[SYS_accept4] = SB_WAITS,
	[SYS_connect] = SB_WAITS,
	[SYS_msgrcv] = SB_WAITS | NOHAND,
	[SYS_msgsnd] = SB_WAITS | NOHAND,
	[SYS_semop] = SB_WAITS | SB_RESTART(RESTART_EINTR),
	[SYS_semtimedop] = SB_WAITS | SB_RESTART(RESTART_EINTR),
	[SYS_mq_timedreceive] = SB_WAITS,
	[SYS_flock] = SB_WAITS,
	[SYS_io_getevents] = SB_WAITS | SB_RESTART(RESTART_EINTR),
	[SYS_futex_waitv] = SB_WAITS,
	[SYS_io_uring_enter] = SB_WAITS | SB_RESTART(RESTART_EINTR),
	[SYS_fcntl] = SB_WAITS_BY_COMMAND,
	[SYS_futex] = SB_WAITS_BY_COMMAND |
		      SB_RESTART(RESTART_BY_FUTEX_TIMEOUT),

	/* File descriptors released. */
	[SYS_close] = SB_FD_CLOSE,
	[SYS_close_range] = SB_FD_CLOSE_RANGE,
	[SYS_dup2] = SB_FD_REPLACE,
	[SYS_dup3] = SB_FD_REPLACE,

	/* What the tracer shows after them. */
	[SYS_kill] = SB_SENDS_SIGNAL,
	[SYS_tkill] = SB_SENDS_SIGNAL | SB_SENDS_TO_THREAD,
	[SYS_tgkill] = SB_SENDS_SIGNAL | SB_SENDS_TO_THREAD,
	[SYS_rt_sigqueueinfo] = SB_SENDS_SIGNAL,
	[SYS_rt_tgsigqueueinfo] = SB_SENDS_SIGNAL | SB_SENDS_TO_THREAD,
	/* Intercepted: lazy instrumenting ends before a sandbox closes. */
	[SYS_seccomp] = SB_INTERCEPT | SB_CONFINES | SB_ENDS_LAZY_WORK,
	/* Intercepted: may make a later execve fail before its lookup. */
	[SYS_setuid] = SB_INTERCEPT | SB_SETS_USER,
	[SYS_setreuid] = SB_INTERCEPT | SB_SETS_USER,
	[SYS_setresuid] = SB_INTERCEPT | SB_SETS_USER,
};
