/* Re-executes itself (or /bin/sh -c 'echo hi') with an EMPTY environment.
 * The re-executed copy makes 321 inline getppid calls so that its block in
 * the count file can be recognised. "actions": prints every signal's
 * action as the kernel gives it back (rt_sigaction, raw) and the mask, as
 * the exec left them. "straddle" and "straddle-odd": re-executes itself
 * with an environment whose array of pointers runs across a page's end
 * (8-byte aligned, or 4 bytes off), the copy printing what it got;
 * "unterminated": an array that runs into an unreadable page with no NULL,
 * which execve refuses with EFAULT. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
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

/* The variables of ours among environ, in order, on one line. */
static void print_vars(void)
{
	printf("variables:");
	for (char **e = environ; *e; e++)
		if (!strncmp(*e, "EDGE", 4))
			printf(" %s", *e);
	printf("\n");
}

static char *const edge_vars[] = {"EDGE1=one", "EDGE2=two", "EDGE3=three",
				  "EDGE4=four", "EDGE5=five", "EDGE6=six"};
#define EDGE_COUNT (sizeof edge_vars / sizeof *edge_vars)

/* execve of ourselves ("printvars") with the array of pointers laid out
 * at the end of a page: across it onto a second page (off bytes past
 * 8-byte alignment) or, unterminated, up to an unreadable one. */
static int exec_edge(const char *how, const char *self)
{
	long page = sysconf(_SC_PAGESIZE);
	char *two = mmap(0, 2 * page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (two == MAP_FAILED)
		return 8;
	char *av[] = {(char *)self, "printvars", 0};
	if (!strcmp(how, "unterminated")) {
		mprotect(two + page, page, PROT_NONE);
		char **arr = (char **)(two + page) - EDGE_COUNT;
		memcpy(arr, edge_vars, sizeof edge_vars);
		int r = execve(self, av, arr);
		printf("execve: %d %s\n", r, strerror(errno));
		return 0;
	}
	size_t off = !strcmp(how, "straddle-odd") ? 4 : 0;
	/* Three pointers on the first page, the rest and the NULL on the
	 * second. */
	char **arr = (char **)(two + page - 3 * sizeof(char *) - off);
	memcpy(arr, edge_vars, sizeof edge_vars);
	char *null = 0;
	memcpy((char *)arr + sizeof edge_vars, &null, sizeof null);
	execve(self, av, arr);
	return 9;
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
	if (argc > 1 && !strcmp(argv[1], "printvars")) {
		/* Calls from one page, so that a lazy start patches it. */
		for (int i = 0; i < 10; i++)
			getppid();
		print_vars();
		return 0;
	}
	if (argc > 1 && (!strcmp(argv[1], "straddle") ||
			 !strcmp(argv[1], "straddle-odd") ||
			 !strcmp(argv[1], "unterminated")))
		return exec_edge(argv[1], "/proc/self/exe");
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
