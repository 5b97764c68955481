/* Re-executes itself (or /bin/sh -c 'echo hi') with an EMPTY environment.
 * The re-executed copy makes 321 inline getppid calls so that its block in
 * the count file can be recognised. "actions": prints every signal's
 * action as the kernel gives it back (rt_sigaction, raw) and the mask, as
 * the exec left them. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* The kernel's struct sigaction (x86-64). */
struct raw_action {
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

/* Then raises every signal it ignores: it lives on, as natively. */
static void print_actions(void)
{
	uint64_t ignored = 0;
	for (int sig = 1; sig <= 64; sig++) {
		struct raw_action a;
		if (syscall(SYS_rt_sigaction, sig, 0, &a, 8)) {
			printf("%d: error\n", sig);
			continue;
		}
		const char *h = a.handler == (void *)SIG_DFL   ? "default"
				: a.handler == (void *)SIG_IGN ? "ignored"
							       : "handler";
		printf("%d: %s flags %lx restorer %d mask %llx\n", sig, h,
		       a.flags, a.restorer != 0, (unsigned long long)a.mask);
		if (a.handler == (void *)SIG_IGN)
			ignored |= 1ULL << (sig - 1);
	}
	uint64_t m = 0;
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, 0, &m, 8);
	printf("blocked %llx\n", (unsigned long long)m);
	fflush(stdout);
	for (int sig = 1; sig <= 64; sig++)
		if (ignored & (1ULL << (sig - 1)))
			syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
	printf("raised every ignored signal, alive\n");
}

extern char **environ;

/* Variables other than the ones systrap keeps alive across execve. */
static int foreign_vars(void)
{
	int n = 0;
	for (char **e = environ; *e; e++)
		n += strncmp(*e, "LD_PRELOAD=", 11) && strncmp(*e, "SYSTRAP_", 8);
	return n;
}

int main(int argc, char **argv)
{
	char *empty[] = {0};
	if (argc > 1 && !strcmp(argv[1], "reexeced")) {
		long ppid = getppid(), same = 0;
		for (int i = 0; i < 321; i++) {
			long r;
			__asm__ volatile("syscall" : "=a"(r) : "a"(110L)
					 : "rcx", "r11", "memory");
			same += r == ppid;
		}
		printf("re-executed, other variables: %d, agreeing %ld\n",
		       foreign_vars(), same);
		return 5;
	}
	if (argc > 1 && !strcmp(argv[1], "actions")) {
		print_actions();
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "showmask")) {
		sigset_t m;
		sigprocmask(SIG_BLOCK, 0, &m);
		printf("exec'd mask: SIGILL %d SIGTRAP %d SIGUSR1 %d\n",
		       sigismember(&m, SIGILL), sigismember(&m, SIGTRAP),
		       sigismember(&m, SIGUSR1));
		static const int sigs[] = {SIGILL, SIGTRAP, SIGSEGV, SIGBUS};
		static const char *const names[] = {"SIGILL", "SIGTRAP",
						    "SIGSEGV", "SIGBUS"};
		printf("exec'd actions:");
		for (int i = 0; i < 4; i++) {
			struct sigaction a;
			sigaction(sigs[i], 0, &a);
			printf(" %s %s", names[i],
			       a.sa_handler == SIG_IGN ? "ignored" : "default");
		}
		printf("\n");
		return 0;
	}
	if (argc > 1 && (!strcmp(argv[1], "blocked") || !strcmp(argv[1], "ignored"))) {
		/* Blocked signals and ignored dispositions survive execve. */
		if (!strcmp(argv[1], "blocked")) {
			sigset_t m;
			sigemptyset(&m);
			sigaddset(&m, SIGILL);
			sigaddset(&m, SIGTRAP);
			sigaddset(&m, SIGUSR1);
			sigprocmask(SIG_BLOCK, &m, 0);
		} else {
			signal(SIGILL, SIG_IGN);
			signal(SIGTRAP, SIG_IGN);
			signal(SIGSEGV, SIG_IGN);
			signal(SIGBUS, SIG_IGN);
		}
		char *av[] = {argv[0], "showmask", 0};
		execve("/proc/self/exe", av, empty);
		return 9;
	}
	if (argc > 1 && !strcmp(argv[1], "sh")) {
		char *av[] = {"/bin/sh", "-c", "echo hi", 0};
		execve("/bin/sh", av, empty);
		return 9;
	}
	printf("about to exec\n");
	fflush(stdout);
	char *av[] = {argv[0], "reexeced", 0};
	execve("/proc/self/exe", av, empty);
	return 9;
}
