/* A debugger's view of its inferior, as gdb starts one: a child made with
 * vfork (or fork) calls ptrace(PTRACE_TRACEME) and execs; the parent
 * waitpid()s for the exec's SIGTRAP, continues the child and prints every
 * stop it sees, passing each other signal on as gdb does, then how the
 * child ended. Under systrap the stops must be exactly the native ones: a
 * signal trap of ours in the child would be one more stop (or, in a vfork
 * child, a stop while the parent still waits in vfork: a deadlock).
 *
 * Usage: ptrace_stops vfork|fork PROGRAM [ARGS...]
 * The program may be this one with a child's mode:
 *   work-fork          fork, the child exits 4, wait for it
 *   work-vfork         vfork + _exit(5), wait for it
 *   work-thread        a thread made with clone (pthread_create), joined
 *   work-mmap-exec     an executable anonymous mapping with a syscall in it,
 *                      run, then mprotect RW -> RX of another, run
 *   work-dlopen        dlopen of PROGRAM's directory's dlopen_lib.so
 *   work-signal        a handler for SIGUSR1 that returns (rt_sigreturn)
 * Each child's mode exits 0 when its call did what it should. The parent
 * exits with the child's exit status (1 if it was killed); the stops it
 * printed are what a test compares with the native run's. */
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void *thread_main(void *arg)
{
	return (void *)(long)syscall(SYS_getppid);
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	got_usr1 = 1;
}

/* mov $110,%eax (getppid); syscall; ret */
static const unsigned char getppid_code[] = {0xb8, 0x6e, 0, 0, 0,
					     0x0f, 0x05, 0xc3};

static int run_code(void *page)
{
	long (*f)(void) = (long (*)(void))page;
	return f() == getppid() ? 0 : 1;
}

static int work(const char *mode, const char *self)
{
	if (!strcmp(mode, "work-fork")) {
		pid_t p = fork();
		if (p == 0)
			_exit(4);
		int st;
		return waitpid(p, &st, 0) == p && WIFEXITED(st) &&
				       WEXITSTATUS(st) == 4
			       ? 0
			       : 1;
	}
	if (!strcmp(mode, "work-vfork")) {
		pid_t p = vfork();
		if (p == 0)
			_exit(5);
		int st;
		return waitpid(p, &st, 0) == p && WIFEXITED(st) &&
				       WEXITSTATUS(st) == 5
			       ? 0
			       : 1;
	}
	if (!strcmp(mode, "work-thread")) {
		pthread_t t;
		void *r;
		if (pthread_create(&t, 0, thread_main, 0) ||
		    pthread_join(t, &r))
			return 1;
		return (long)r == getppid() ? 0 : 1;
	}
	if (!strcmp(mode, "work-mmap-exec")) {
		void *a = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		void *b = mmap(0, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (a == MAP_FAILED || b == MAP_FAILED)
			return 1;
		memcpy(b, getppid_code, sizeof getppid_code);
		if (mprotect(b, 4096, PROT_READ | PROT_EXEC))
			return 1;
		/* a was executable when it was mapped, empty: written now,
		 * it is code systrap never saw, which simply runs. */
		memcpy(a, getppid_code, sizeof getppid_code);
		return run_code(a) | run_code(b);
	}
	if (!strcmp(mode, "work-dlopen")) {
		char path[4096];
		snprintf(path, sizeof path, "%s", self);
		char *slash = strrchr(path, '/');
		if (!slash)
			return 1;
		snprintf(slash + 1, sizeof path - (size_t)(slash + 1 - path),
			 "dlopen_lib.so");
		void *h = dlopen(path, RTLD_NOW);
		return h ? 0 : 1;
	}
	if (!strcmp(mode, "work-signal")) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_usr1;
		if (sigaction(SIGUSR1, &sa, 0))
			return 1;
		raise(SIGUSR1);
		return got_usr1 ? 0 : 1;
	}
	return 2;
}

static const char *signame(int sig)
{
	const char *n = sigabbrev_np(sig);
	return n ? n : "?";
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	if (argc >= 2 && !strncmp(argv[1], "work-", 5))
		return work(argv[1], argv[0]);
	if (argc < 3)
		return 2;
	int use_vfork = !strcmp(argv[1], "vfork");
	pid_t pid = use_vfork ? vfork() : fork();
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(126);
		execve(argv[2], argv + 2, environ);
		_exit(127);
	}
	if (pid < 0)
		return 2;
	int status;
	for (;;) {
		if (waitpid(pid, &status, 0) != pid) {
			printf("waitpid failed\n");
			return 1;
		}
		if (WIFSTOPPED(status)) {
			int sig = WSTOPSIG(status);
			printf("stopped SIG%s\n", signame(sig));
			/* The exec's SIGTRAP is ours (the debugger's); any
			 * other signal is the program's, passed on. */
			ptrace(PTRACE_CONT, pid, 0,
			       (void *)(long)(sig == SIGTRAP ? 0 : sig));
			continue;
		}
		if (WIFEXITED(status))
			printf("exited %d\n", WEXITSTATUS(status));
		else
			printf("killed by SIG%s\n", signame(WTERMSIG(status)));
		break;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
