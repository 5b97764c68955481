/* clone with CLONE_VM and a new stack: glibc's clone() and a raw clone made
 * with an inline `syscall`; each child writes a message and exits. Then 300
 * tasks of their own thread group with a thread pointer of their own
 * (CLONE_VM | CLONE_SETTLS, no CLONE_THREAD), one after another: whether the
 * process's memory grew by them (it does not natively). */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int shared;

static int child_fn(void *arg)
{
	shared = 42;
	const char *msg = arg;
	write(1, msg, strlen(msg));
	return 0;
}

/* Raw clone: the child starts on `stack` and runs child_fn(arg), then exits
 * with the exit syscall. */
static long raw_clone(unsigned long flags, void *stack, int (*fn)(void *),
		      void *arg)
{
	long ret;
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = 0;
	/* fn and arg travel in callee-saved registers across the syscall */
	register void *r12 __asm__("r12") = (void *)fn;
	register void *r13 __asm__("r13") = arg;
	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov %%r13, %%rdi\n\t"
			 "call *%%r12\n\t"
			 "mov %%eax, %%edi\n\t"
			 "mov $60, %%eax\n\t"
			 "syscall\n\t"
			 "hlt\n"
			 "1:"
			 : "=a"(ret)
			 : "a"((long)SYS_clone), "D"(flags), "S"(stack),
			   "d"(0L), "r"(r10), "r"(r8), "r"(r12), "r"(r13)
			 : "rcx", "r11", "memory");
	return ret;
}

/* The task's own thread pointer: a TCB whose first word points to itself,
 * inside room on both sides (nothing here reads TLS). */
static unsigned long fake_tls[1024] __attribute__((aligned(64)));

static int task_fn(void *arg)
{
	(void)arg;
	shared++;
	return 0;
}

/* VmSize in KiB, or -1. */
static long vm_size(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "VmSize:", 7))
			kb = strtol(line + 7, 0, 10);
	if (f)
		fclose(f);
	return kb;
}

static int settls_tasks(char *stack_top)
{
	unsigned long *tcb = &fake_tls[512];
	tcb[0] = (unsigned long)tcb;
	shared = 0;
	long before = vm_size();
	int ended = 0;
	for (int i = 0; i < 300; i++) {
		pid_t p = clone(task_fn, stack_top, CLONE_VM | CLONE_SETTLS | SIGCHLD,
				0, 0, tcb);
		int st;
		if (p > 0 && waitpid(p, &st, 0) == p && WIFEXITED(st))
			ended++;
	}
	long grew = vm_size() - before;
	printf("settls tasks: %d ended, %d ran, memory grew: %s\n", ended, shared,
	       grew > 1024 ? "yes" : "no");
	return 0;
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	size_t size = 256 * 1024;
	char *stack = malloc(size);
	pid_t p = clone(child_fn, stack + size, CLONE_VM | SIGCHLD,
			"glibc clone child\n");
	int st;
	waitpid(p, &st, 0);
	printf("glibc clone: child exit %d, shared %d\n",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1, shared);
	shared = 0;
	p = clone(child_fn, stack + size, CLONE_VM | CLONE_VFORK | SIGCHLD,
		  "vfork-style clone child\n");
	waitpid(p, &st, 0);
	printf("clone vfork: child exit %d, shared %d\n",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1, shared);
	shared = 0;
	char *top = (char *)(((unsigned long)(stack + size)) & ~15UL);
	long r = raw_clone(CLONE_VM | SIGCHLD, top, child_fn,
			   "raw clone child\n");
	if (r < 0)
		return 2;
	waitpid((pid_t)r, &st, __WALL);
	printf("raw clone: child exit %d, shared %d\n",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1, shared);
	return settls_tasks(stack + size);
}
