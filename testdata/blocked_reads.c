/* Calls whose arguments are read while the caller blocks every signal,
 * SIGSEGV and SIGBUS included (so systrap reads them through the kernel,
 * where a CPU has no RTM), across the ways a new task starts: for
 * trace_compare_test, every path below as strace shows it.
 *
 * Each child writes a path of its own into a buffer it shares with its
 * parent by copy-on-write before it uses it: a read that named the parent
 * to the kernel (a tid kept from before the fork) shows the parent's path.
 * The same struct clone_args serves a clone3 that shares nothing and then
 * one that makes a vfork-like child: a snapshot of the first kept for the
 * second would run the child on our stack. A vfork-like child that shares
 * our signal actions (CLONE_SIGHAND) and execs a sleeper: our next read
 * must not name it. Then a thread that starts with everything blocked and
 * unblocks, and the first thread unblocking. */
#include <fcntl.h>
#include <linux/sched.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char path[64];

static void open_path(const char *p)
{
	strcpy(path, p);
	/* ENOENT: the path is what the trace shows */
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
}

static void reap(long pid)
{
	if (pid > 0)
		waitpid((pid_t)pid, 0, 0);
}

/* clone3 of a child that runs on our stack while we wait, as vfork's: it
 * opens p and exits, touching no stack (the syscall() wrapper's return
 * address would be the child's to overwrite). */
static long vfork_like_clone3(struct clone_args *a, const char *p)
{
	long r;
	register const char *child_path __asm__("r12") = p;
	/* The number moved just before the syscall: a site a jump replaces
	 * (the fast path), as libc's syscall() is. */
	__asm__ volatile("mov $435, %%eax\n\t" /* clone3 */
			 "syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov $257, %%eax\n\t" /* openat */
			 "mov $-100, %%rdi\n\t" /* AT_FDCWD */
			 "mov %%r12, %%rsi\n\t"
			 "xor %%edx, %%edx\n\t"
			 "syscall\n\t"
			 "mov $60, %%eax\n\t" /* exit */
			 "xor %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "1:"
			 : "=a"(r)
			 : "D"(a), "S"(sizeof *a),
			   "r"(child_path)
			 : "rcx", "rdx", "r11", "memory");
	return r;
}

/* clone(CLONE_VM | CLONE_VFORK | CLONE_SIGHAND) of a child that runs on
 * our stack and our thread block (no state of ours is saved for it: it
 * shares our signal actions), opens p and execs `sleep 1`, still alive
 * while we go on. A read of ours that named it to the kernel (its tid left
 * in our block) would read the sleeper's memory. */
static long vfork_sighand_exec(const char *p)
{
	static char sleep_path[] = "/bin/sleep";
	static char one[] = "1";
	static char *argv[] = {sleep_path, one, 0};
	static char *envp[] = {0};
	long r;
	register long stack __asm__("rsi") = 0;
	register long parent_tid __asm__("rdx") = 0;
	register long child_tid __asm__("r10") = 0;
	register long tls __asm__("r8") = 0;
	register const char *child_path __asm__("r12") = p;
	register const char *exec_path __asm__("r13") = sleep_path;
	register char **exec_argv __asm__("r14") = argv;
	register char **exec_envp __asm__("r15") = envp;
	__asm__ volatile("mov $56, %%eax\n\t" /* clone */
			 "syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov $257, %%eax\n\t" /* openat */
			 "mov $-100, %%rdi\n\t"
			 "mov %%r12, %%rsi\n\t"
			 "xor %%edx, %%edx\n\t"
			 "syscall\n\t"
			 "mov $59, %%eax\n\t" /* execve */
			 "mov %%r13, %%rdi\n\t"
			 "mov %%r14, %%rsi\n\t"
			 "mov %%r15, %%rdx\n\t"
			 "syscall\n\t"
			 "mov $60, %%eax\n\t" /* exit(127) */
			 "mov $127, %%edi\n\t"
			 "syscall\n\t"
			 "1:"
			 : "=a"(r), "+r"(stack), "+r"(parent_tid),
			   "+r"(child_tid), "+r"(tls)
			 : "D"((long)(CLONE_VM | CLONE_VFORK | CLONE_SIGHAND |
				      SIGCHLD)),
			   "r"(child_path), "r"(exec_path), "r"(exec_argv),
			   "r"(exec_envp)
			 : "rcx", "r11", "memory");
	return r;
}

static void *forking_thread(void *unused)
{
	(void)unused;
	open_path("/nonexistent/blocked-forking-thread");
	pid_t pid = fork();
	if (pid == 0) {
		open_path("/nonexistent/blocked-fork-of-a-thread");
		_exit(0);
	}
	reap(pid);
	open_path("/nonexistent/blocked-forking-thread-again");
	return 0;
}

static void *unblocking_thread(void *unused)
{
	(void)unused;
	open_path("/nonexistent/blocked-new-thread");
	sigset_t none;
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, 0);
	open_path("/nonexistent/unblocked-new-thread");
	return 0;
}

int main(void)
{
	sigset_t all, was;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &was);
	open_path("/nonexistent/blocked-main");

	pid_t pid = fork();
	if (pid == 0) {
		open_path("/nonexistent/blocked-fork-child");
		_exit(0);
	}
	reap(pid);

	struct clone_args a;
	memset(&a, 0, sizeof a);
	a.exit_signal = SIGCHLD;
	long r = syscall(SYS_clone3, &a, sizeof a);
	if (r == 0) {
		open_path("/nonexistent/blocked-clone3-child");
		_exit(0);
	}
	reap(r);
	a.flags = CLONE_VM | CLONE_VFORK;
	strcpy(path, "/nonexistent/blocked-vfork-like-child");
	reap(vfork_like_clone3(&a, path));
	open_path("/nonexistent/blocked-main-after-children");

	/* A fork child whose first read of the program's memory comes after
	 * its own vfork-like child with CLONE_SIGHAND has exec'd. */
	pid = fork();
	if (pid == 0) {
		strcpy(path, "/nonexistent/blocked-vfork-sighand-child");
		long sleeper = vfork_sighand_exec(path);
		open_path("/nonexistent/blocked-after-vfork-sighand");
		reap(sleeper);
		_exit(0);
	}
	reap(pid);

	pthread_t t;
	pthread_create(&t, 0, forking_thread, 0);
	pthread_join(t, 0);
	pthread_create(&t, 0, unblocking_thread, 0);
	pthread_join(t, 0);

	sigprocmask(SIG_SETMASK, &was, 0);
	open_path("/nonexistent/unblocked-main");
	printf("done\n");
	return 0;
}
