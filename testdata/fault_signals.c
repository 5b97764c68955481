/* The program's own SIGSEGV and SIGBUS, which systrap owns where its reads
 * of the program's memory recover from their own faults (no RTM): each
 * mode must behave, print and end exactly as natively. argv[1] says which:
 *   handler    a SA_SIGINFO handler for a fault on a PROT_NONE page (si_addr,
 *              si_code, the mask it runs with; it makes calls, with SIGSEGV
 *              blocked, one from a bad pointer: EFAULT), left with
 *              siglongjmp; sigaction reads back its flags and mask; then a
 *              write from a bad pointer (EFAULT)
 *   onstack    a stack overflow caught by a SA_ONSTACK handler on an
 *              alternate stack
 *   resethand  SA_RESETHAND: the first fault caught (and the action reads
 *              back SIG_DFL), the second kills
 *   nodefer    SA_NODEFER, a plain (not SA_SIGINFO) handler that faults once
 *              more inside itself
 *   sent       kill(getpid(), SIGSEGV) to a handler (SI_USER), then ignored,
 *              then to SIG_DFL (killed)
 *   bus        SIGBUS from a file mapping past its end, to a handler
 *   blocked    SIGSEGV blocked by sigprocmask and by a SIGUSR1 handler's
 *              sa_mask while calls with good and bad pointers are made
 *   threaded   after a first thread (glibc blocks every signal around its
 *              clone3, so reads learn each thread's mask from then on):
 *              calls from a bad pointer with SIGSEGV unblocked, blocked by
 *              pthread_sigmask's SIG_BLOCK and SIG_SETMASK, half unblocked
 *              (SIGBUS still blocked), after a vfork child that unblocked
 *              everything on its parent's stack of signals (the parent's
 *              own mask still blocks SIGSEGV), in a thread that starts
 *              with its creator's SIGSEGV blocked, then unblocks it, in a
 *              SIGUSR2 handler that the call blocking SIGSEGV lets through
 *              (it runs as that call returns), and after a SIGILL handler
 *              that unblocked SIGSEGV returned (the frame's mask blocks
 *              it again)
 *   threads N  N threads, each created and joined before the next
 *   reads N    after a first thread, N calls whose path is read
 *              (openat of a path that does not exist): what systrap adds
 *              to them is counted by strace
 *   returns    a handler that makes the page writable and returns, as a
 *              garbage collector's write barrier does: the faulting store
 *              runs again (its rt_sigreturn a call of the program's)
 *   guarded N  a SIGSEGV handler installed as GCC's cc1 installs one (no
 *              SA_NODEFER, SIGSEGV in its sa_mask), N calls whose path is
 *              read, one fault it handles and returns from, N calls more:
 *              what systrap adds to them is counted by strace
 *   filled [N] the same around a SIGUSR1 handler whose sa_mask is every
 *              signal (sigfillset, as Go's and libuv's handlers have),
 *              raised once: inside it a call from a bad pointer (EFAULT);
 *              then one after it; then raised again after a vfork child
 *              installed a handler of its own for SIGUSR1
 *   suspended  SIGSEGV sent by a child while the program waits in
 *              sigsuspend, then SIGBUS while it waits in ppoll, each with
 *              a temporary mask other than its own: the handler runs with
 *              the call's mask (and prints it), not the one the call puts
 *              back; then SIGBUS held back by ppoll's mask until it times
 *              out: the handler runs with the program's own mask
 *   golike N   as a Go program starts: SIGTRAP's and SIGILL's handlers
 *              with every signal in sa_mask, a thread made by a bare clone
 *              without CLONE_SETTLS (Go sets its TLS after the clone), N
 *              calls whose path is read in that thread, then N in the
 *              first once the thread has exited: what systrap adds to them
 *              is counted by strace
 *   sent_in_copy N
 *              a child sends SIGSEGV N times, each at a random moment
 *              and once the last was handled, while the program makes
 *              calls with a 4,000-byte path (a tracer's copy of it runs
 *              much of the time): each reaches the handler
 *   default    a fault with SIG_DFL: killed (with a core where allowed)
 *   ignored    SIG_IGN, then a fault: killed all the same */
#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <pthread.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static sigjmp_buf jump_back;
static volatile uintptr_t fault_addr;
static volatile int fault_code, fault_signo, depth, on_alt, segv_blocked;
static char alt_stack[256 * 1024];
static char *page;
static void *volatile bad_pointer = (void *)16;
static volatile int forever = 1;

static void say(const char *s)
{
	syscall(SYS_write, 1, s, strlen(s));
}

static int blocked_now(int sig)
{
	sigset_t cur;
	sigprocmask(SIG_BLOCK, 0, &cur);
	return sigismember(&cur, sig);
}

static void handler(int sig, siginfo_t *si, void *uc)
{
	char here;
	fault_signo = si->si_signo;
	fault_addr = (uintptr_t)si->si_addr;
	fault_code = si->si_code;
	on_alt = &here >= alt_stack && &here < alt_stack + sizeof alt_stack;
	segv_blocked = blocked_now(SIGSEGV);
	say("in the handler\n"); /* a traced call with SIGSEGV blocked */
	long r = write(1, bad_pointer, 5);
	say(r == -1 && errno == EFAULT ? "in the handler, a bad pointer: EFAULT\n"
				       : "in the handler, a bad pointer: not EFAULT\n");
	siglongjmp(jump_back, 1);
}

static void unprotecting_handler(int sig, siginfo_t *si, void *uc)
{
	fault_signo = si->si_signo;
	fault_addr = (uintptr_t)si->si_addr;
	mprotect(page, 4096, PROT_READ | PROT_WRITE);
}

static void plain_handler(int sig)
{
	depth++;
	if (depth == 1)
		*(volatile char *)(page + 7) = 1; /* again, inside: SA_NODEFER */
	siglongjmp(jump_back, 1);
}

static void install(int sig, int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	if (sigaction(sig, &sa, 0))
		perror("sigaction");
}

static void report(const char *what)
{
	printf("%s: signo %d code %d addr %s on alternate stack %s segv blocked "
	       "in handler %s\n",
	       what, fault_signo, fault_code,
	       fault_addr == (uintptr_t)(page + 5) ? "page+5" : "elsewhere",
	       on_alt ? "yes" : "no", segv_blocked ? "yes" : "no");
	fflush(stdout);
}

static void readback(int sig)
{
	struct sigaction cur;
	sigaction(sig, 0, &cur);
	/* Without SA_RESTORER (libc's own). */
	printf("reads back: %s flags %#x usr2 in mask %d\n",
	       cur.sa_handler == SIG_DFL   ? "SIG_DFL"
	       : cur.sa_handler == SIG_IGN ? "SIG_IGN"
	       : cur.sa_sigaction == handler ? "handler"
					     : "other",
	       (unsigned)(cur.sa_flags & ~0x04000000),
	       sigismember(&cur.sa_mask, SIGUSR2));
	fflush(stdout);
}

static int recurse(int n)
{
	volatile char buf[1024];
	buf[0] = (char)n;
	return forever ? recurse(n + 1) + buf[0] : 0;
}

static void bad_write(void)
{
	errno = 0;
	long r = write(1, bad_pointer, 5);
	printf("write from a bad pointer: %ld errno %d\n", r, errno);
	fflush(stdout);
}

static void usr1_handler(int sig)
{
	segv_blocked = blocked_now(SIGSEGV);
	say("usr1 handler writes\n");
	long r = write(1, bad_pointer, 5);
	if (r == -1 && errno == EFAULT)
		say("usr1 handler: EFAULT\n");
}

/* Runs with every signal blocked (its sa_mask filled): a read of ours that
 * took SIGSEGV for unblocked would kill where the call says EFAULT. */
static void filled_handler(int sig)
{
	(void)sig;
	long r = write(1, bad_pointer, 5);
	say(r == -1 && errno == EFAULT && blocked_now(SIGSEGV)
		    ? "filled handler: EFAULT, segv blocked\n"
		    : "filled handler: not as natively\n");
}

static void child_handler(int sig)
{
	(void)sig;
	say("the vfork child's handler\n");
}

static void *returns(void *arg)
{
	return arg;
}

static void set_mask(int how, int sig1, int sig2)
{
	sigset_t s;
	sigemptyset(&s);
	if (sig1)
		sigaddset(&s, sig1);
	if (sig2)
		sigaddset(&s, sig2);
	pthread_sigmask(how, &s, 0);
}

static void show_mask(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	char line[] = "SEGV handler: usr1 ? usr2 ? segv ? bus ?\n";
	if (sig == SIGBUS)
		memcpy(line, "BUS ", 4);
	line[19] = (char)('0' + blocked_now(SIGUSR1));
	line[26] = (char)('0' + blocked_now(SIGUSR2));
	line[33] = (char)('0' + blocked_now(SIGSEGV));
	line[39] = (char)('0' + blocked_now(SIGBUS));
	say(line);
}

/* sig sent by a child while the program waits in sigsuspend or ppoll with
 * the temporary mask {SIGUSR1}, its own being {SIGUSR2}; held: ppoll's
 * mask {SIGUSR1, sig} holds it back until the call times out, which puts
 * the program's own mask back at once (the handler runs with that). */
static void sent_while_waiting(int sig, int use_ppoll, int held)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = show_mask;
	sa.sa_flags = SA_SIGINFO;
	sigaction(sig, &sa, 0);
	set_mask(SIG_SETMASK, SIGUSR2, 0);
	pid_t parent = getpid(), child = fork();
	if (child == 0) {
		usleep(100000);
		kill(parent, sig);
		_exit(0);
	}
	sigset_t temp;
	sigemptyset(&temp);
	sigaddset(&temp, SIGUSR1);
	if (held)
		sigaddset(&temp, sig);
	struct timespec timeout = {0, 300 * 1000 * 1000};
	errno = 0;
	int r = use_ppoll ? ppoll(0, 0, held ? &timeout : 0, &temp)
			  : sigsuspend(&temp);
	printf("%s: %d errno %d; after it usr1 %d usr2 %d\n",
	       use_ppoll ? "ppoll" : "sigsuspend", r, errno,
	       blocked_now(SIGUSR1), blocked_now(SIGUSR2));
	fflush(stdout);
	waitpid(child, 0, 0);
}

static void *born_blocked(void *arg)
{
	printf("thread starts with segv blocked: %d\n", blocked_now(SIGSEGV));
	bad_write();
	set_mask(SIG_SETMASK, 0, 0);
	bad_write();
	return arg;
}

static void usr2_bad_write(int sig)
{
	(void)sig;
	long r = write(1, bad_pointer, 5);
	say(r == -1 && errno == EFAULT ? "usr2 handler: EFAULT\n"
				       : "usr2 handler: not EFAULT\n");
}

static void ill_unblocks_segv(int sig)
{
	(void)sig;
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGSEGV);
	pthread_sigmask(SIG_UNBLOCK, &s, 0);
	long r = write(1, bad_pointer, 5);
	say(r == -1 && errno == EFAULT ? "ill handler: EFAULT\n"
				       : "ill handler: not EFAULT\n");
}

/* Calls from a bad pointer as a threaded program's masks change (see the
 * header): a read that took SIGSEGV for unblocked while it was blocked
 * would kill the program where the call should say EFAULT. */
/* ---- sent_in_copy: sent SIGSEGVs while the program's memory is read ---- */

static volatile int sent_handled, sender_gone;
static int sent_ack[2];

static void sent_counting_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (si->si_code != SI_USER)
		return;
	sent_handled++;
	char c = 1;
	write(sent_ack[1], &c, 1);
}

static void sender_ended(int sig)
{
	(void)sig;
	sender_gone = 1;
}

static int sent_in_copy(int n)
{
	static char path[4000];
	memset(path, 'a', sizeof path - 1);
	path[0] = '/';
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = sent_counting_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGSEGV, &sa, 0);
	sa.sa_handler = sender_ended;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCHLD, &sa, 0);
	if (pipe(sent_ack))
		return 1;
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		srand(1);
		for (int i = 0; i < n; i++) {
			/* At a moment unrelated to the last ack. */
			struct timespec d = {0, 1000 * (rand() % 200)};
			nanosleep(&d, 0);
			kill(parent, SIGSEGV);
			struct pollfd p = {sent_ack[0], POLLIN, 0};
			char c;
			if (poll(&p, 1, 2000) != 1 || read(sent_ack[0], &c, 1) != 1)
				_exit(1); /* lost */
		}
		_exit(0);
	}
	while (!sender_gone)
		open(path, O_RDONLY);
	int status = 0;
	waitpid(child, &status, 0);
	printf("sent %d, handled %d, sender %s\n", n, sent_handled,
	       WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "done"
							 : "gave up");
	return 0;
}

/* ---- golike: a thread made as Go's runtime.clone makes one ---- */

static volatile int golike_calls;
static int golike_tid; /* the kernel clears it at the thread's exit */
static char golike_stack[64 * 1024] __attribute__((aligned(16)));

static void golike_thread(void)
{
	/* Its mask, as Go's minit sets it: nothing blocked. */
	uint64_t none = 0;
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, 0, 8);
	for (int i = golike_calls; i > 0; i--)
		syscall(SYS_openat, AT_FDCWD, "/nonexistent/fault_signals",
			O_RDONLY);
	/* A bare exit: the thread has no TLS of its own to leave with. */
	__asm__ volatile("syscall" : : "a"(SYS_exit), "D"(0) : "rcx", "r11",
			 "memory");
	__builtin_unreachable();
}

/* clone onto a stack of our own: the child calls fn, which never
 * returns. The flags Go's newosproc gives. */
static long golike_clone(void)
{
	unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES |
			      CLONE_SIGHAND | CLONE_SYSVSEM | CLONE_THREAD |
			      CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	void *top = golike_stack + sizeof golike_stack;
	register long r10 __asm__("r10") = (long)&golike_tid;
	register long r8 __asm__("r8") = 0;
	long r;
	__asm__ volatile("syscall\n\t"
			 "testq %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "call *%[fn]\n\t"
			 "ud2\n"
			 "1:"
			 : "=a"(r)
			 : "a"(SYS_clone), "D"(flags), "S"(top),
			   "d"(&golike_tid), "r"(r10), "r"(r8),
			   [fn] "b"(golike_thread)
			 : "rcx", "r11", "memory");
	return r;
}

static int golike(int n)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
	sigfillset(&sa.sa_mask);
	sigaction(SIGTRAP, &sa, 0);
	sigaction(SIGILL, &sa, 0);
	golike_calls = n;
	/* Every signal blocked around the clone, as Go's newosproc does. */
	uint64_t all = ~0ULL, was = 0;
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &was, 8);
	long made = golike_clone();
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &was, 0, 8);
	if (made < 0)
		return 1;
	for (int t; (t = __atomic_load_n(&golike_tid, __ATOMIC_ACQUIRE));)
		syscall(SYS_futex, &golike_tid, FUTEX_WAIT, t, 0, 0, 0);
	for (int i = n; i > 0; i--)
		open("/nonexistent/fault_signals", O_RDONLY);
	say("golike: done\n");
	return 0;
}

static int threaded(void)
{
	pthread_t t;
	pthread_create(&t, 0, returns, 0);
	pthread_join(t, 0);
	bad_write();
	set_mask(SIG_BLOCK, SIGSEGV, 0);
	bad_write();
	set_mask(SIG_SETMASK, 0, 0);
	bad_write();
	set_mask(SIG_SETMASK, SIGSEGV, SIGBUS);
	bad_write();
	set_mask(SIG_UNBLOCK, SIGSEGV, 0);
	bad_write();
	set_mask(SIG_SETMASK, SIGSEGV, 0);
	pid_t child = vfork();
	if (child == 0) {
		uint64_t none = 0;
		syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, 0, 8);
		_exit(0);
	}
	int status = 0;
	waitpid(child, &status, 0);
	printf("vfork child ended: %d; parent's segv blocked: %d\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1,
	       blocked_now(SIGSEGV));
	bad_write();
	pthread_create(&t, 0, born_blocked, 0);
	pthread_join(t, 0);
	set_mask(SIG_SETMASK, 0, 0);
	bad_write();
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = usr2_bad_write;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, 0);
	set_mask(SIG_SETMASK, SIGUSR2, 0);
	bad_write();
	raise(SIGUSR2); /* pending until the next call lets it through */
	set_mask(SIG_SETMASK, SIGSEGV, 0);
	bad_write();
	sa.sa_handler = ill_unblocks_segv;
	sigaction(SIGILL, &sa, 0);
	raise(SIGILL);
	printf("after the SIGILL handler, segv blocked: %d\n",
	       blocked_now(SIGSEGV));
	bad_write();
	set_mask(SIG_SETMASK, 0, 0);
	bad_write();
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	page = mmap(0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!strcmp(mode, "handler")) {
		install(SIGSEGV, 0);
		if (!sigsetjmp(jump_back, 1))
			*(volatile char *)(page + 5) = 1;
		report("handler");
		readback(SIGSEGV);
		printf("segv blocked after siglongjmp: %d\n", blocked_now(SIGSEGV));
		bad_write();
		return 0;
	}
	if (!strcmp(mode, "returns")) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = unprotecting_handler;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGSEGV, &sa, 0);
		page[5] = 42;
		printf("stored after the handler returned: %d, signo %d, addr %s\n",
		       page[5], fault_signo,
		       fault_addr == (uintptr_t)(page + 5) ? "page+5" : "elsewhere");
		return 0;
	}
	if (!strcmp(mode, "onstack")) {
		stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack};
		if (sigaltstack(&ss, 0))
			perror("sigaltstack");
		install(SIGSEGV, SA_ONSTACK);
		if (!sigsetjmp(jump_back, 1))
			recurse(0);
		printf("stack overflow caught: signo %d code %d on alternate "
		       "stack %s\n",
		       fault_signo, fault_code, on_alt ? "yes" : "no");
		return 0;
	}
	if (!strcmp(mode, "resethand")) {
		install(SIGSEGV, SA_RESETHAND);
		if (!sigsetjmp(jump_back, 1))
			*(volatile char *)(page + 5) = 1;
		report("first fault");
		readback(SIGSEGV);
		*(volatile char *)(page + 5) = 1;
		say("not reached\n");
		return 0;
	}
	if (!strcmp(mode, "nodefer")) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = plain_handler;
		sa.sa_flags = SA_NODEFER;
		sigaction(SIGSEGV, &sa, 0);
		if (!sigsetjmp(jump_back, 1))
			*(volatile char *)(page + 5) = 1;
		printf("nested faults: %d\n", depth);
		return 0;
	}
	if (!strcmp(mode, "sent")) {
		install(SIGSEGV, 0);
		if (!sigsetjmp(jump_back, 1))
			kill(getpid(), SIGSEGV);
		printf("sent: signo %d code %d (SI_USER %d)\n", fault_signo,
		       fault_code, SI_USER);
		signal(SIGSEGV, SIG_IGN);
		kill(getpid(), SIGSEGV);
		readback(SIGSEGV);
		say("ignored\n");
		signal(SIGSEGV, SIG_DFL);
		kill(getpid(), SIGSEGV);
		say("not reached\n");
		return 0;
	}
	if (!strcmp(mode, "bus")) {
		char path[] = "/tmp/fault_signals.XXXXXX";
		int fd = mkstemp(path);
		unlink(path);
		char *m = mmap(0, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
		install(SIGBUS, 0);
		if (!sigsetjmp(jump_back, 1))
			(void)*(volatile char *)(m + 100);
		printf("bus: signo %d code %d (BUS_ADRERR %d) addr %s\n",
		       fault_signo, fault_code, BUS_ADRERR,
		       fault_addr == (uintptr_t)(m + 100) ? "m+100" : "elsewhere");
		readback(SIGBUS);
		return 0;
	}
	if (!strcmp(mode, "blocked")) {
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, SIGSEGV);
		sigaddset(&s, SIGBUS);
		sigprocmask(SIG_BLOCK, &s, 0);
		say("segv blocked, a good buffer\n");
		bad_write();
		sigprocmask(SIG_UNBLOCK, &s, 0);
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = usr1_handler;
		sigemptyset(&sa.sa_mask);
		sigaddset(&sa.sa_mask, SIGSEGV);
		sigaction(SIGUSR1, &sa, 0);
		raise(SIGUSR1);
		printf("usr1 handler ran with segv blocked: %d\n", segv_blocked);
		say("after\n");
		return 0;
	}
	if (!strcmp(mode, "threaded"))
		return threaded();
	if (!strcmp(mode, "threads") && argc > 2) {
		for (int i = atoi(argv[2]); i > 0; i--) {
			pthread_t t;
			if (pthread_create(&t, 0, returns, 0) ||
			    pthread_join(t, 0))
				return 1;
		}
		return 0;
	}
	if (!strcmp(mode, "reads") && argc > 2) {
		pthread_t t;
		pthread_create(&t, 0, returns, 0);
		pthread_join(t, 0);
		for (int i = atoi(argv[2]); i > 0; i--)
			open("/nonexistent/fault_signals", O_RDONLY);
		return 0;
	}
	if (!strcmp(mode, "guarded") && argc > 2) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = unprotecting_handler;
		sa.sa_flags = SA_SIGINFO | SA_RESTART;
		sigemptyset(&sa.sa_mask);
		sigaddset(&sa.sa_mask, SIGSEGV);
		sigaction(SIGSEGV, &sa, 0);
		for (int i = atoi(argv[2]); i > 0; i--)
			open("/nonexistent/fault_signals", O_RDONLY);
		page[5] = 42;
		for (int i = atoi(argv[2]); i > 0; i--)
			open("/nonexistent/fault_signals", O_RDONLY);
		return page[5] == 42 ? 0 : 1;
	}
	if (!strcmp(mode, "filled")) {
		int n = argc > 2 ? atoi(argv[2]) : 0;
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = filled_handler;
		sigfillset(&sa.sa_mask);
		sigaction(SIGUSR1, &sa, 0);
		for (int i = n; i > 0; i--)
			open("/nonexistent/fault_signals", O_RDONLY);
		raise(SIGUSR1);
		for (int i = n; i > 0; i--)
			open("/nonexistent/fault_signals", O_RDONLY);
		bad_write();
		/* A vfork child installs a handler of its own for SIGUSR1 (its
		 * actions are its own; its memory is ours): ours stays ours. */
		pid_t child = vfork();
		if (child == 0) {
			struct sigaction mine;
			memset(&mine, 0, sizeof mine);
			mine.sa_handler = child_handler;
			sigemptyset(&mine.sa_mask);
			sigaddset(&mine.sa_mask, SIGSEGV);
			sigaction(SIGUSR1, &mine, 0);
			_exit(0);
		}
		waitpid(child, 0, 0);
		raise(SIGUSR1);
		return 0;
	}
	if (!strcmp(mode, "sent_in_copy") && argc > 2)
		return sent_in_copy(atoi(argv[2]));
	if (!strcmp(mode, "golike") && argc > 2)
		return golike(atoi(argv[2]));
	if (!strcmp(mode, "suspended")) {
		sent_while_waiting(SIGSEGV, 0, 0);
		sent_while_waiting(SIGBUS, 1, 0);
		sent_while_waiting(SIGBUS, 1, 1);
		return 0;
	}
	if (!strcmp(mode, "default")) {
		say("faulting\n");
		*(volatile char *)(page + 5) = 1;
		say("not reached\n");
		return 0;
	}
	if (!strcmp(mode, "ignored")) {
		signal(SIGSEGV, SIG_IGN);
		readback(SIGSEGV);
		*(volatile char *)(page + 5) = 1;
		say("not reached\n");
		return 0;
	}
	fprintf(stderr, "usage: fault_signals handler|onstack|resethand|nodefer|"
			"sent|bus|blocked|threaded|threads N|reads N|default|ignored\n");
	return 2;
}
