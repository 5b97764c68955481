/* A CLONE_VM child that is not vfork-like (clone(CLONE_VM | SIGCHLD) on a
 * stack of its own, no CLONE_SIGHAND, no CLONE_SETTLS: it even runs on the
 * parent's TLS) runs alongside its parent. Each installs its own SIGILL and
 * SIGTRAP handlers and blocks what it likes; the kernel keeps separate
 * actions and masks for the two, and so must systrap's virtual trap signal
 * state. The two meet at barriers so that each checks its own view while
 * the other has changed its. The child uses no libc state that lives in the
 * TLS (no stdio, no raise()): results go through shared memory. */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static volatile int hits[2][2]; /* [parent 0, child 1][SIGILL 0, SIGTRAP 1] */
static int step[2];              /* barrier progress of each side */
static int results[2][8];

static void handler(int who, int sig, void *ctx)
{
	hits[who][sig == SIGTRAP]++;
	if (sig == SIGILL)
		((ucontext_t *)ctx)->uc_mcontext.gregs[REG_RIP] += 2;
}
static void parent_handler(int sig, siginfo_t *si, void *ctx)
{
	handler(0, sig, ctx);
}
static void child_handler(int sig, siginfo_t *si, void *ctx)
{
	handler(1, sig, ctx);
}

/* Both sides reach barrier n before either goes on; syscalls meanwhile. */
static void barrier(int who, int n)
{
	__atomic_store_n(&step[who], n, __ATOMIC_RELEASE);
	while (__atomic_load_n(&step[!who], __ATOMIC_ACQUIRE) < n)
		syscall(SYS_sched_yield);
}

static void install(void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, 0);
	sigaction(SIGTRAP, &sa, 0);
}

static int mine(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction old;
	sigaction(sig, 0, &old);
	return old.sa_sigaction == fn;
}

static int blocked(int sig)
{
	sigset_t m;
	sigprocmask(SIG_BLOCK, 0, &m);
	return sigismember(&m, sig);
}

static void send_self(int sig)
{
	syscall(SYS_tgkill, (long)getpid(), (long)syscall(SYS_gettid), (long)sig);
}

/* What both sides do, each with its own handlers; the child also blocks
 * the trap signals for a while. */
static void run(int who, void (*fn)(int, siginfo_t *, void *))
{
	int *r = results[who];
	install(fn);
	barrier(who, 1); /* both installed */
	r[0] = mine(SIGILL, fn) && mine(SIGTRAP, fn);
	__asm__ volatile("ud2");
	__asm__ volatile("int3");
	send_self(SIGTRAP);
	r[1] = hits[who][0] == 1 && hits[who][1] == 2;
	barrier(who, 2); /* both handled their own traps */
	sigset_t traps;
	sigemptyset(&traps);
	sigaddset(&traps, SIGILL);
	sigaddset(&traps, SIGTRAP);
	if (who == 1)
		sigprocmask(SIG_BLOCK, &traps, 0);
	barrier(who, 3); /* the child blocked them */
	r[2] = blocked(SIGILL) + blocked(SIGTRAP); /* child 2, parent 0 */
	send_self(SIGTRAP); /* parent: runs now; child: pending */
	sigset_t pending;
	sigpending(&pending);
	r[3] = sigismember(&pending, SIGTRAP);
	r[4] = hits[who][1];
	long ppid_ok = 0;
	for (int i = 0; i < 2000; i++)
		ppid_ok += syscall(SYS_getppid) == (long)getppid();
	r[5] = ppid_ok == 2000;
	barrier(who, 4); /* the parent checked while the child blocked */
	if (who == 1)
		sigprocmask(SIG_UNBLOCK, &traps, 0);
	r[6] = hits[who][1]; /* the child's pending SIGTRAP ran */
	r[7] = mine(SIGILL, fn) && mine(SIGTRAP, fn);
}

static int child_main(void *arg)
{
	run(1, child_handler);
	return 0;
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	size_t size = 256 * 1024;
	char *stack = malloc(size);
	pid_t p = clone(child_main, stack + size, CLONE_VM | SIGCHLD, 0);
	if (p < 0)
		return 2;
	run(0, parent_handler);
	int st;
	if (waitpid(p, &st, 0) != p)
		return 3;
	static const char *what[] = {
		"own handlers installed", "own handlers ran for ud2/int3/tgkill",
		"trap signals blocked", "SIGTRAP pending", "SIGTRAP handler runs",
		"syscalls agree", "SIGTRAP handler runs after unblock",
		"own handlers at the end"};
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	for (int i = 0; i < 8; i++) {
		printf("%s: parent %d child %d\n", what[i], results[0][i],
		       results[1][i]);
	}
	int want[2][8] = {{1, 1, 0, 0, 3, 1, 3, 1}, {1, 1, 2, 1, 2, 1, 3, 1}};
	ok = ok && !memcmp(want, results, sizeof want);
	printf("child exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return ok ? 0 : 1;
}
