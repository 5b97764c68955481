/* The program's own SIGILL/SIGTRAP handling. Modes:
 *   ill-longjmp   handler for SIGILL, genuine ud2, siglongjmp out
 *   ill-skip      handler for SIGILL advances RIP past the ud2
 *   ill-readback  sigaction(SIGILL, NULL, &old) shows exactly its handler
 *   ill-default   genuine ud2 with the default action: dies of SIGILL
 *   trap-raise    raise(SIGTRAP) with a handler
 *   trap-int3     int3 with a handler (returns after the int3)
 *   trap-readback as ill-readback, for SIGTRAP
 *   trap-default  int3 with the default action: dies of SIGTRAP
 *   trap-raise-default  raise(SIGTRAP) with the default action
 *   ill-blocked / trap-blocked  a raised signal stays pending while blocked
 *                 and runs the handler once unblocked
 *   mask-readback sa_mask holding SIGILL/SIGTRAP reads back as set
 *   spawn-keeps-handler  a posix_spawn/vfork child resetting its handlers
 *                 does not change the parent's
 *   ill-sent-restart, trap-sent-restart, sys-sent-restart  (SIGILL,
 *                 SIGTRAP, SIGSYS) a read of an empty pipe, the signal
 *                 sent by a child while it waits, an SA_RESTART handler:
 *                 the read is restarted and returns the byte the child
 *                 writes once the handler ran
 *   ill-sent-eintr, trap-sent-eintr, sys-sent-eintr  the same without
 *                 SA_RESTART: the read fails with EINTR, the next one
 *                 returns the byte
 *   ill-process-other, trap-process-other, sys-process-other  the signal
 *                 sent to the process (kill) by a child, after the main
 *                 thread has exited, while thread B (made first) blocks
 *                 it and thread A does not: the kernel gives it to A
 *   ill-process-later, trap-process-later, sys-process-later  the same
 *                 while both block it: it waits for the process until A
 *                 unblocks it, and runs in A then
 *   ill-storm, trap-storm, sys-storm  the signal sent by a child while
 *                 thread A makes getppid calls without pause: 2000 times
 *                 to the process (thread B blocks it, A does not), each
 *                 once the last one's handler ran: every one reaches A's
 *                 handler; then 2000 times to A (tgkill), each once the
 *                 last one's handler ran or 50 ms passed: every call
 *                 returns the parent's pid. (The kernel merges a standard
 *                 signal into one of the same number pending for the
 *                 thread: a trap's own signal, or the nudge that asks A
 *                 to take the process's, once lost the one or skipped the
 *                 other's call. A tgkill landing while A takes a trap of
 *                 its number is lost, DESIGN.md's known limits: those
 *                 sends are not counted.)
 *   ill-process-new-thread, trap-process-new-thread, sys-process-new-thread
 *                 the signal sent to the process while its only thread
 *                 blocks it; a thread made then (which starts with its
 *                 creator's mask) makes calls and ends; the main thread
 *                 unblocks it: its handler runs there, once
 *   ill-suspend, trap-suspend, sys-suspend  the signal sent to itself
 *                 while blocked, then sigsuspend with an empty mask: the
 *                 handler runs and sigsuspend returns EINTR (it once
 *                 waited for good: the signal ran before the call) */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int hits;

static void jump_handler(int sig, siginfo_t *si, void *uc)
{
	hits++;
	siglongjmp(jb, 1);
}

static void skip_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	hits++;
	static const char msg[] = "in skip handler\n";
	write(1, msg, sizeof msg - 1);
	uc->uc_mcontext.gregs[REG_RIP] += 2; /* ud2 is 2 bytes */
}

static void count_handler(int sig, siginfo_t *si, void *ctx)
{
	hits++;
	static const char msg[] = "in count handler\n";
	write(1, msg, sizeof msg - 1);
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaddset(&sa.sa_mask, SIGUSR2);
	if (sigaction(sig, &sa, 0))
		printf("sigaction failed\n");
}

static int readback(int sig)
{
	struct sigaction old;
	memset(&old, 0, sizeof old);
	sigaction(sig, 0, &old);
	printf("before: %s\n", old.sa_handler == SIG_DFL ? "SIG_DFL" : "other");
	install(sig, count_handler, SA_RESTART);
	memset(&old, 0, sizeof old);
	sigaction(sig, 0, &old);
	printf("handler: %s\n", old.sa_sigaction == count_handler ? "mine" : "other");
	printf("flags SA_SIGINFO: %d SA_RESTART: %d SA_NODEFER: %d\n",
	       !!(old.sa_flags & SA_SIGINFO), !!(old.sa_flags & SA_RESTART),
	       !!(old.sa_flags & SA_NODEFER));
	printf("mask has SIGUSR2: %d\n", sigismember(&old.sa_mask, SIGUSR2));
	signal(sig, SIG_IGN);
	memset(&old, 0, sizeof old);
	sigaction(sig, 0, &old);
	printf("after SIG_IGN: %s\n", old.sa_handler == SIG_IGN ? "SIG_IGN" : "other");
	signal(sig, SIG_DFL);
	return 0;
}

extern char **environ;

static int blocked_raise(int sig)
{
	install(sig, count_handler, 0);
	sigset_t s, now;
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_BLOCK, &s, 0);
	raise(sig);
	printf("while blocked: handler ran %d times\n", hits);
	sigpending(&now);
	printf("pending: %d\n", sigismember(&now, sig));
	sigprocmask(SIG_BLOCK, 0, &now);
	printf("blocked: %d\n", sigismember(&now, sig));
	sigprocmask(SIG_UNBLOCK, &s, 0);
	printf("after unblock: handler ran %d times\n", hits);
	return hits == 1 ? 0 : 1;
}

static void print_mask_of(const char *name, int sig)
{
	struct sigaction old;
	sigaction(sig, 0, &old);
	printf("%s sa_mask: SIGILL %d SIGTRAP %d SIGUSR2 %d\n", name,
	       sigismember(&old.sa_mask, SIGILL), sigismember(&old.sa_mask, SIGTRAP),
	       sigismember(&old.sa_mask, SIGUSR2));
}

static int mask_readback(void)
{
	int sigs[] = {SIGUSR1, SIGILL, SIGTRAP};
	const char *names[] = {"SIGUSR1", "SIGILL", "SIGTRAP"};
	for (int i = 0; i < 3; i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = count_handler;
		sa.sa_flags = SA_SIGINFO;
		sigfillset(&sa.sa_mask);
		sigaction(sigs[i], &sa, 0);
		print_mask_of(names[i], sigs[i]);
		sigemptyset(&sa.sa_mask);
		sigaddset(&sa.sa_mask, SIGILL);
		sigaddset(&sa.sa_mask, SIGTRAP);
		sigaction(sigs[i], &sa, 0);
		print_mask_of(names[i], sigs[i]);
	}
	return 0;
}

static void show_handler(const char *when)
{
	struct sigaction ill, trap;
	sigaction(SIGILL, 0, &ill);
	sigaction(SIGTRAP, 0, &trap);
	printf("%s: SIGILL %s SIGTRAP %s\n", when,
	       ill.sa_sigaction == count_handler ? "mine" : "other",
	       trap.sa_sigaction == count_handler ? "mine" : "other");
}

static int spawn_keeps_handler(void)
{
	install(SIGILL, count_handler, 0);
	install(SIGTRAP, count_handler, 0);
	char *av[] = {"/bin/true", 0};
	pid_t p;
	int st;
	if (posix_spawn(&p, "/bin/true", 0, 0, av, environ))
		return 2;
	waitpid(p, &st, 0);
	show_handler("after posix_spawn");
	p = vfork();
	if (p == 0) {
		signal(SIGILL, SIG_DFL);
		signal(SIGTRAP, SIG_IGN);
		_exit(0);
	}
	waitpid(p, &st, 0);
	show_handler("after vfork child reset");
	return 0;
}

static int data_pipe[2], ack_pipe[2];

static void ack_handler(int sig)
{
	(void)sig;
	hits++;
	write(ack_pipe[1], "a", 1);
}

/* The start of a /proc file (NUL-ended), or 0 bytes if none. */
static ssize_t read_proc(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, size - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

/* Whether pid waits in a pipe's read, as /proc/PID/wchan says. */
static int waits_in_pipe(pid_t pid)
{
	char path[64], buf[64];
	snprintf(path, sizeof path, "/proc/%d/wchan", (int)pid);
	return read_proc(path, buf, sizeof buf) > 0 && strstr(buf, "pipe") != 0;
}

static int sent_while_reading(int sig, int restart)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ack_handler;
	sa.sa_flags = restart ? SA_RESTART : 0;
	if (sigaction(sig, &sa, 0) || pipe(data_pipe) || pipe(ack_pipe))
		return 2;
	pid_t reader = getpid();
	pid_t child = fork();
	if (child == 0) {
		/* At most 5 s for the reader to wait (it should at once). */
		for (int i = 0; i < 5000 && !waits_in_pipe(reader); i++)
			usleep(1000);
		kill(reader, sig);
		char a;
		read(ack_pipe[0], &a, 1);
		write(data_pipe[1], "x", 1);
		_exit(0);
	}
	char c = 0;
	ssize_t r = read(data_pipe[0], &c, 1);
	if (r < 0) {
		printf("read -1 %s\n", errno == EINTR ? "EINTR" : strerror(errno));
		r = read(data_pipe[0], &c, 1);
		printf("read again %zd %c\n", r, c ? c : '-');
	} else {
		printf("read %zd %c\n", r, c ? c : '-');
	}
	waitpid(child, 0, 0);
	printf("handler ran %d times\n", hits);
	return 0;
}

/* Sent to the process. */
static pid_t proc_sender;
static volatile pid_t proc_ran_in, proc_code = -1, proc_from;
static int proc_later, proc_ready[2], proc_sent[2];
static sigset_t proc_blocked;

static void proc_handler(int sig, siginfo_t *si, void *uc)
{
	proc_ran_in = (pid_t)syscall(SYS_gettid);
	proc_code = si->si_code;
	proc_from = si->si_pid;
	hits++;
}

/* Blocks the signal for good (its creator's mask). Says when it runs. */
static int proc_b_runs[2];
static void *proc_blocker(void *arg)
{
	write(proc_b_runs[1], "b", 1);
	for (;;)
		pause();
	return 0;
}

/* Whether thread tid of ours is a zombie (the main thread once it has
 * called pthread_exit). */
static int zombie(pid_t tid)
{
	char path[64], buf[256];
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)tid);
	ssize_t n = read_proc(path, buf, sizeof buf);
	if (n < 0)
		return 1; /* gone */
	const char *p = n > 0 ? strrchr(buf, ')') : 0;
	return p && (p[2] == 'Z' || p[2] == 'X');
}

static void *proc_taker(void *arg)
{
	pid_t main_tid = (pid_t)(long)arg;
	if (!proc_later)
		pthread_sigmask(SIG_UNBLOCK, &proc_blocked, 0);
	for (int i = 0; i < 5000 && !zombie(main_tid); i++)
		usleep(1000);
	write(proc_ready[1], "r", 1);
	if (proc_later) {
		char c;
		read(proc_sent[0], &c, 1);
		usleep(20000);
		pthread_sigmask(SIG_UNBLOCK, &proc_blocked, 0);
	}
	for (int i = 0; i < 2000 && !hits; i++)
		usleep(1000);
	waitpid(proc_sender, 0, 0);
	printf("handler ran %d times, in thread A: %s, si_code %d, from the "
	       "sender: %s\n", hits,
	       proc_ran_in == (pid_t)syscall(SYS_gettid) ? "yes" : "no",
	       (int)proc_code, proc_from == proc_sender ? "yes" : "no");
	exit(hits == 1 ? 0 : 1);
}

static int sent_to_process(int sig, int later)
{
	proc_later = later;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = proc_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&proc_blocked);
	sigaddset(&proc_blocked, sig);
	if (sigaction(sig, &sa, 0) || pipe(proc_ready) || pipe(proc_sent) ||
	    pipe(proc_b_runs) || pthread_sigmask(SIG_BLOCK, &proc_blocked, 0))
		return 2;
	pid_t me = getpid();
	proc_sender = fork();
	if (proc_sender == 0) {
		char c;
		read(proc_ready[0], &c, 1);
		kill(me, sig);
		write(proc_sent[1], "s", 1);
		_exit(0);
	}
	pthread_t a, b;
	/* B first: after the exited main thread, the kernel looks at B
	 * before A. */
	char c;
	if (pthread_create(&b, 0, proc_blocker, 0) ||
	    read(proc_b_runs[0], &c, 1) != 1 ||
	    pthread_create(&a, 0, proc_taker,
			   (void *)(long)syscall(SYS_gettid)))
		return 2;
	pthread_exit(0);
}

/* Storms of sends, to the process and to thread A, while A makes calls. */
#define STORM_SENDS 2000
static volatile int storm_elsewhere, storm_runs;
/* Shared with the sender: the sends it made (its loop's index), so that a
 * lost one says which, and how many the handler had run by then. */
static volatile int *storm_sent;
static pid_t storm_taker;
static int storm_ack[2];

static void storm_handler(int sig)
{
	if ((pid_t)syscall(SYS_gettid) != storm_taker)
		storm_elsewhere++;
	storm_runs++;
	write(storm_ack[1], "h", 1);
}

static void *storm_calls(void *arg)
{
	pid_t main_tid = (pid_t)(long)arg;
	pid_t tid = (pid_t)syscall(SYS_gettid), parent = getppid();
	storm_taker = tid;
	pthread_sigmask(SIG_UNBLOCK, &proc_blocked, 0);
	for (int i = 0; i < 5000 && !zombie(main_tid); i++)
		usleep(1000);
	write(proc_ready[1], &tid, sizeof tid);
	long wrong = 0;
	int status = -1;
	for (;;) {
		for (int i = 0; i < 64; i++)
			if (syscall(SYS_getppid) != parent)
				wrong++;
		pid_t w = waitpid(proc_sender, &status, WNOHANG);
		if (w == proc_sender || w < 0)
			break;
	}
	int lost = !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	printf("sends to the process %s, handler ran in thread A only: %s, "
	       "calls with a wrong result %ld\n",
	       lost ? "lost" : "all handled", storm_elsewhere ? "no" : "yes",
	       wrong);
	if (lost)
		printf("the sender %s %d after %d sends, the handler ran %d times\n",
		       WIFEXITED(status) ? "exited" : "was killed by",
		       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
		       storm_sent ? *storm_sent : -1, storm_runs);
	exit(lost || wrong || storm_elsewhere);
}

static int storm(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = storm_handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&proc_blocked);
	sigaddset(&proc_blocked, sig);
	if (sigaction(sig, &sa, 0) || pipe(proc_ready) || pipe(storm_ack) ||
	    pipe(proc_b_runs) || pthread_sigmask(SIG_BLOCK, &proc_blocked, 0))
		return 2;
	pid_t me = getpid();
	void *shared = mmap(0, 4096, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	storm_sent = shared == MAP_FAILED ? 0 : shared;
	proc_sender = fork();
	if (proc_sender == 0) {
		/* Each send once the last one's handler ran: a standard
		 * signal sent while one is pending is lost natively too. */
		pid_t a;
		if (read(proc_ready[0], &a, sizeof a) != sizeof a)
			_exit(3);
		for (int i = 0; i < 2 * STORM_SENDS; i++) {
			int to_a = i >= STORM_SENDS;
			if (to_a ? syscall(SYS_tgkill, me, a, sig) : kill(me, sig))
				_exit(4);
			if (storm_sent)
				*storm_sent = i + 1;
			struct pollfd p = {storm_ack[0], POLLIN, 0};
			char c;
			if ((poll(&p, 1, to_a ? 50 : 5000) != 1 ||
			     read(storm_ack[0], &c, 1) != 1) && !to_a)
				_exit(1);
		}
		_exit(0);
	}
	pthread_t a, b;
	char c;
	if (pthread_create(&b, 0, proc_blocker, 0) ||
	    read(proc_b_runs[0], &c, 1) != 1)
		return 2;
	if (pthread_create(&a, 0, storm_calls,
			   (void *)(long)syscall(SYS_gettid)))
		return 2;
	pthread_exit(0);
}

/* Sent to the process while blocked, with a thread made meanwhile. */
static volatile pid_t new_thread_ran_in;
static void new_thread_handler(int sig)
{
	new_thread_ran_in = (pid_t)syscall(SYS_gettid);
	hits++;
}

static void *new_thread_calls(void *arg)
{
	for (int i = 0; i < 100; i++)
		syscall(SYS_getppid);
	return 0;
}

static int process_new_thread(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = new_thread_handler;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	if (sigaction(sig, &sa, 0) || sigprocmask(SIG_BLOCK, &set, 0) ||
	    kill(getpid(), sig))
		return 2;
	pthread_t t;
	if (pthread_create(&t, 0, new_thread_calls, 0) || pthread_join(t, 0))
		return 2;
	printf("handler ran %d times before the unblock\n", hits);
	sigprocmask(SIG_UNBLOCK, &set, 0);
	printf("handler ran %d times, in the main thread: %s\n", hits,
	       new_thread_ran_in == getpid() ? "yes" : "no");
	return hits == 1 && new_thread_ran_in == getpid() ? 0 : 1;
}

static int suspend_on_pending(int sig)
{
	install(sig, count_handler, 0);
	sigset_t set, empty;
	sigemptyset(&set);
	sigemptyset(&empty);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, 0);
	kill(getpid(), sig);
	printf("handler ran %d times before\n", hits);
	alarm(5);
	int r = sigsuspend(&empty);
	printf("sigsuspend %d %s, handler ran %d times\n", r,
	       r < 0 && errno == EINTR ? "EINTR" : "?", hits);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	const char *m = argc > 1 ? argv[1] : "";
	if (!strcmp(m, "ill-longjmp")) {
		install(SIGILL, jump_handler, 0);
		for (int i = 0; i < 3; i++)
			if (!sigsetjmp(jb, 1))
				__builtin_trap();
		printf("survived %d ud2, pid ok: %d\n", hits, getpid() > 0);
		/* the mask was restored by siglongjmp: SIGILL not blocked */
		sigset_t now;
		sigprocmask(SIG_BLOCK, 0, &now);
		printf("SIGILL blocked after longjmp: %d\n", sigismember(&now, SIGILL));
		return hits == 3 ? 0 : 1;
	}
	if (!strcmp(m, "ill-skip")) {
		install(SIGILL, skip_handler, 0);
		__asm__ volatile("ud2");
		__asm__ volatile("ud2");
		printf("skipped %d ud2\n", hits);
		return hits == 2 ? 0 : 1;
	}
	if (!strcmp(m, "ill-readback"))
		return readback(SIGILL);
	if (!strcmp(m, "trap-readback"))
		return readback(SIGTRAP);
	if (!strcmp(m, "ill-default")) {
		printf("about to ud2\n");
		__builtin_trap();
		printf("still alive\n");
		return 0;
	}
	if (!strcmp(m, "trap-raise")) {
		install(SIGTRAP, count_handler, 0);
		raise(SIGTRAP);
		kill(getpid(), SIGTRAP);
		printf("SIGTRAP handler ran %d times\n", hits);
		return hits == 2 ? 0 : 1;
	}
	if (!strcmp(m, "trap-int3")) {
		install(SIGTRAP, count_handler, 0);
		__asm__ volatile("int3");
		__asm__ volatile("int3");
		printf("after int3, handler ran %d times\n", hits);
		return hits == 2 ? 0 : 1;
	}
	if (!strcmp(m, "trap-default")) {
		printf("about to int3\n");
		__asm__ volatile("int3");
		printf("still alive\n");
		return 0;
	}
	if (!strcmp(m, "trap-raise-default")) {
		printf("about to raise SIGTRAP\n");
		raise(SIGTRAP);
		printf("still alive\n");
		return 0;
	}
	if (!strcmp(m, "ill-blocked"))
		return blocked_raise(SIGILL);
	if (!strcmp(m, "trap-blocked"))
		return blocked_raise(SIGTRAP);
	if (!strcmp(m, "mask-readback"))
		return mask_readback();
	if (!strcmp(m, "spawn-keeps-handler"))
		return spawn_keeps_handler();
	if (!strcmp(m, "ill-raise")) {
		install(SIGILL, count_handler, 0);
		raise(SIGILL);
		printf("SIGILL handler ran %d times\n", hits);
		return hits == 1 ? 0 : 1;
	}
	static const struct {
		const char *name;
		int sig;
	} sent[] = {{"ill", SIGILL}, {"trap", SIGTRAP}, {"sys", SIGSYS}};
	for (unsigned i = 0; i < sizeof sent / sizeof *sent; i++) {
		size_t n = strlen(sent[i].name);
		if (!strncmp(m, sent[i].name, n) && !strcmp(m + n, "-sent-restart"))
			return sent_while_reading(sent[i].sig, 1);
		if (!strncmp(m, sent[i].name, n) && !strcmp(m + n, "-sent-eintr"))
			return sent_while_reading(sent[i].sig, 0);
		if (!strncmp(m, sent[i].name, n) && !strcmp(m + n, "-process-other"))
			return sent_to_process(sent[i].sig, 0);
		if (!strncmp(m, sent[i].name, n) && !strcmp(m + n, "-process-later"))
			return sent_to_process(sent[i].sig, 1);
		if (!strncmp(m, sent[i].name, n) &&
		    !strcmp(m + n, "-process-new-thread"))
			return process_new_thread(sent[i].sig);
		if (!strncmp(m, sent[i].name, n) && !strcmp(m + n, "-storm"))
			return storm(sent[i].sig);
		if (!strncmp(m, sent[i].name, n) && !strcmp(m + n, "-suspend"))
			return suspend_on_pending(sent[i].sig);
	}
	return 2;
}
