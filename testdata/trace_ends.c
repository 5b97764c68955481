/* How a traced process ends, for //tools/trace:trace_pipeline_test: killed
 * from outside, by a fault (in a handler too), after its parent, by
 * another thread's exit_group, its own while two threads wait (and a nap
 * that another thread's line comes inside), after its
 * first thread's pthread_exit, inside a seccomp sandbox; a child killed
 * (also one the kernel reaps, its parent ignoring SIGCHLD, an orphan, and
 * one dead before the tracer, stopped, saw it) from outside or by a fault in its handler, reaped by this program; a
 * fork while the tracer is stopped; killed from outside while threads
 * wait (after an exec among them too, by the first thread or another),
 * or while a thread is back in a read a signal interrupted; killed by its
 * child while it waits in a call (killed-in CALL), and a thread's accept
 * another thread's lines come inside (accept-while-another-calls);
 * more children killed from outside one after another than -c has count
 * sets (kill-my-children N), a child killed as soon as it is made
 * (kill-my-new-child), a SIGKILL the process sends itself while two other
 * processes live on, or one its parent sends while its exit waits in the
 * tracer's hook (killed-beside-two self|in-exit). argv[1] says which. */
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testdata/proc_watch.h"

static void calls(int n)
{
	for (int i = 0; i < n; i++)
		syscall(SYS_getppid);
}

static void crash_again(int sig)
{
	(void)sig;
	syscall(SYS_getppid);
	*(volatile int *)8 = 1; /* SIGSEGV blocked here: the kernel kills */
}


/* A thread that waits in read for ever (the pipe is never written). */
static int waiting_pipe[2];
static volatile int waiting_tid[2];
static void *read_for_ever(void *arg)
{
	waiting_tid[(long)arg] = (int)syscall(SYS_gettid);
	char c;
	read(waiting_pipe[0], &c, 1);
	return 0;
}

/* A handler that only says it ran. */
static volatile int handled;
static void nothing(int sig)
{
	(void)sig;
	handled = 1;
}

/* A thread that makes a call and exits. */
static void *come_and_go(void *arg)
{
	syscall(SYS_getppid);
	return arg;
}

/* Thread tid's state letter (R, S, Z ...), or 0 when unknown. */
static char thread_state(int tid)
{
	char path[64], buf[256];
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/* Whether thread tid of this process sleeps (in its read). */
static int sleeping(int tid)
{
	return thread_state(tid) == 'S';
}

static void say(const char *s);

/* Whether task tid (a child of ours: /proc lets its parent read it) is
 * blocked in call nr: its syscall file says "running" while it runs, the
 * call's number first while it waits in one. */
static int blocked_in(int tid, long nr)
{
	char path[64], buf[32];
	snprintf(path, sizeof path, "/proc/%d/task/%d/syscall", tid, tid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0 || buf[0] < '0' || buf[0] > '9')
		return 0;
	buf[n] = 0;
	return strtol(buf, 0, 10) == nr;
}

/* Two threads asleep in a read that never returns, then "both wait". */
static void two_threads_wait(void)
{
	pipe(waiting_pipe);
	pthread_t t[2];
	for (long i = 0; i < 2; i++)
		pthread_create(&t[i], 0, read_for_ever, (void *)i);
	for (int i = 0; i < 2; i++)
		while (!waiting_tid[i] || !sleeping(waiting_tid[i]))
			sched_yield();
	say("both wait\n");
}

/* A thread asleep on a mutex the first thread holds (futex, every
 * argument printed at entry), then "it waits". */
static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static volatile int locking_tid;
static void *lock_for_ever(void *arg)
{
	locking_tid = (int)syscall(SYS_gettid);
	pthread_mutex_lock(&held);
	return arg;
}

/* A line of a second thread's while the first naps: written once the
 * first is asleep in its clock_nanosleep. */
static volatile int napping_tid;
static void *say_while_first_naps(void *arg)
{
	(void)arg;
	while (!napping_tid || !sleeping(napping_tid))
		sched_yield();
	say("while it naps\n");
	return 0;
}

/* exit(7) from a second thread once the first waits in pause (a fixed
 * sleep was not always enough on a loaded machine). */
static void *exit_seven(void *arg)
{
	(void)arg;
	while (!sleeping((int)getpid()))
		sched_yield();
	exit(7);
}

/* Once the first thread waits in pause, this thread execs /bin/true: the
 * kernel ends the first thread, and this one takes the process's pid. */
static void *pause_for_ever(void *arg)
{
	for (;;)
		pause();
	return arg;
}

static void *exec_true_after_a_nap(void *arg)
{
	const struct timespec nap = {0, 100 * 1000 * 1000};
	nanosleep(&nap, 0);
	char *argv[] = {"/bin/true", 0};
	execv(argv[0], argv);
	_exit(99);
	return arg;
}

static void *exec_true(void *arg)
{
	(void)arg;
	while (!sleeping((int)getpid()))
		sched_yield();
	char *argv[] = {"/bin/true", 0};
	execv(argv[0], argv);
	_exit(99);
}

/* Once the first thread waits in pause, this thread execs this program
 * to be killed from outside (argv: "kill-me" FILE). */
static char *self_path, *kill_file;
static void *exec_kill_me(void *arg)
{
	(void)arg;
	while (!sleeping((int)getpid()))
		sched_yield();
	char *argv[] = {self_path, "kill-me", kill_file, 0};
	execv("/proc/self/exe", argv);
	_exit(99);
}

/* Once the first thread has left (pthread_exit: a zombie leader while
 * this thread runs), a call and exit_group(3). */
static void *exit_three_after_first(void *arg)
{
	(void)arg;
	while (thread_state((int)getpid()) != 'Z')
		sched_yield();
	syscall(SYS_getppid);
	syscall(SYS_exit_group, 3);
	return 0;
}

static void say(const char *s)
{
	syscall(SYS_write, 1, s, strlen(s));
}

/* 200 calls, then our pid in file (written whole, then renamed), then
 * wait to be killed. */
static void kill_me(const char *file)
{
	calls(200);
	char tmp[4096], pid[32];
	snprintf(tmp, sizeof tmp, "%s.tmp", file);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int n = snprintf(pid, sizeof pid, "%d\n", (int)getpid());
	write(fd, pid, (size_t)n);
	close(fd);
	rename(tmp, file);
	for (;;)
		pause();
}

/* A child that the kernel kills (the test's SIGKILL, or a fault in its
 * SIGSEGV handler), reaped with wait4 or waitid: how it ended, printed. */
static int reap_child(const char *how, const char *file)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (file)
			kill_me(file);
		signal(SIGSEGV, crash_again);
		calls(100);
		*(volatile int *)8 = 1;
		_exit(0);
	}
	int sig = 0;
	if (!strcmp(how, "waitid")) {
		siginfo_t si;
		if (waitid(P_PID, (id_t)pid, &si, WEXITED))
			return 1;
		sig = si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED
			      ? si.si_status
			      : 0;
	} else {
		int st;
		if (waitpid(pid, &st, 0) != pid)
			return 1;
		sig = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
	}
	printf("child killed by %d\n", sig);
	return 0;
}

/* /proc/PID/stat read into buf, from the ')' that ends its name; NULL if
 * it is gone. */
static const char *stat_after_name(pid_t pid, char *buf, size_t cap)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, cap - 1, f);
	fclose(f);
	buf[n] = 0;
	const char *close = strrchr(buf, ')');
	return close && close[1] == ' ' ? close : 0;
}

/* pid's state letter in /proc/PID/stat (R, S, T, Z ...); 0 if gone. */
static char state_of(pid_t pid)
{
	char buf[512];
	const char *close = stat_after_name(pid, buf, sizeof buf);
	return close ? close[2] : 0;
}

/* How far pid's end has come: 0 not ending, 1 ending with its memory
 * freed already (the kernel's PF_EXITING, 0x4, in its flags, the ninth
 * field of /proc/PID/stat; its maps empty), 2 a zombie or gone. */
static int end_stage(pid_t pid)
{
	char path[64], buf[512], state = 0;
	unsigned flags = 0;
	const char *close = stat_after_name(pid, buf, sizeof buf);
	if (!close || sscanf(close + 1, " %c %*d %*d %*d %*d %*d %u", &state,
			     &flags) != 2 ||
	    state == 'Z' || state == 'X')
		return 2;
	if (!(flags & 0x4))
		return 0;
	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 2;
	int empty = fgetc(f) == EOF;
	fclose(f);
	return empty;
}

/* A listening TCP socket on the loopback; its address into *sa. */
static int listening(struct sockaddr_in *sa)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	*sa = (struct sockaddr_in){.sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof *sa;
	if (s < 0 || bind(s, (struct sockaddr *)sa, sizeof *sa) ||
	    listen(s, 1) || getsockname(s, (struct sockaddr *)sa, &len))
		exit(2);
	return s;
}

/* Killed by its child (SIGKILL, no handler runs) while it waits in call
 * (write, writev and sendto to a full pipe or socket, rt_sigsuspend,
 * accept and accept4 with a NULL address, every argument printed at
 * entry; a read, which prints its buffer at exit). The child starts once
 * told (a byte on a pipe, the parent's last line before the call) and
 * kills once the parent sleeps. */
static char big[4 << 20];
static int killed_in(const char *call)
{
	int sync[2], p[2], sv[2];
	struct sockaddr_in sa;
	if (pipe(sync) || pipe(p) ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 2;
	int s = listening(&sa);
	pid_t parent = getpid();
	if (fork() == 0) {
		char c;
		read(sync[0], &c, 1);
		struct timespec nap = {0, 20 * 1000 * 1000};
		for (int seen = 0; seen < 2;) {
			nanosleep(&nap, 0);
			seen = state_of(parent) == 'S' ? seen + 1 : 0;
		}
		kill(parent, SIGKILL);
		_exit(0);
	}
	write(sync[1], "x", 1);
	if (!strcmp(call, "write")) {
		write(p[1], big, 100000);
	} else if (!strcmp(call, "writev")) {
		struct iovec v = {big, 100000};
		writev(p[1], &v, 1);
	} else if (!strcmp(call, "sendto")) {
		sendto(sv[0], big, sizeof big, 0, 0, 0);
	} else if (!strcmp(call, "rt_sigsuspend")) {
		sigset_t none;
		sigemptyset(&none);
		sigsuspend(&none);
	} else if (!strcmp(call, "accept")) {
		accept(s, 0, 0);
	} else if (!strcmp(call, "accept4")) {
		accept4(s, 0, 0, SOCK_CLOEXEC);
	} else if (!strcmp(call, "read")) {
		char c;
		read(p[0], &c, 1);
	}
	return 3;
}

/* A thread waits in accept (or accept4) with a NULL address while the
 * first thread makes a call, then connects: under -f its line is split
 * where strace splits it, after every argument. */
static int accept_fd;
static volatile int accepting_tid;
static void *accept_one(void *arg)
{
	accepting_tid = (int)syscall(SYS_gettid);
	int c = arg ? accept4(accept_fd, 0, 0, SOCK_CLOEXEC)
		    : accept(accept_fd, 0, 0);
	close(c);
	return 0;
}

static int accept_while_another_calls(const char *call)
{
	struct sockaddr_in sa;
	accept_fd = listening(&sa);
	pthread_t t;
	pthread_create(&t, 0, accept_one,
		       strcmp(call, "accept4") ? 0 : (void *)1);
	while (!accepting_tid || !sleeping(accepting_tid))
		sched_yield();
	syscall(SYS_getppid);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(c, (struct sockaddr *)&sa, sizeof sa))
		return 2;
	pthread_join(t, 0);
	close(c);
	return 0;
}

/* Under systrap-trace: stops our parent, the launcher, once it serves
 * (naps in its loop, rt_sigtimedwait: until then no one waits for it, a
 * launcher that serves nothing yet being never waited for), and returns
 * once it is stopped for real (SIGSTOP takes effect when it next leaves
 * the kernel, and a launcher busy on the other CPU could still serve a
 * registration first: seen once in CI, under load). Its pid in *parent;
 * 0 where either was not seen (/proc/PID/syscall needs the right to
 * ptrace it, which Yama's ptrace_scope 1 refuses a child). */
static int stop_the_launcher(pid_t *parent)
{
	*parent = getppid();
	struct timespec nap = {0, 10 * 1000 * 1000};
	int serving = 0, halted = 0;
	for (int i = 0; i < 500 && !(serving = proc_in_call(*parent, SYS_rt_sigtimedwait)); i++)
		nanosleep(&nap, 0);
	kill(*parent, SIGSTOP);
	for (int i = 0; i < 200 && !(halted = proc_stopped(*parent)); i++)
		nanosleep(&nap, 0);
	return serving && halted;
}

/* n children one after another, each killed by SIGKILL from here once it
 * made 10 calls and waits in pause(), and reaped: more than the tracer's
 * -c count sets (1024), so that a set a killed child left must be taken
 * back. */
static int kill_my_children(int n)
{
	int ready[2];
	if (pipe(ready))
		return 1;
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			calls(10);
			write(ready[1], "r", 1);
			for (;;)
				pause();
		}
		char c;
		int st;
		if (read(ready[0], &c, 1) != 1)
			return 1;
		/* In its pause: its write's end is behind it (strace too
		 * counts a call at its end). */
		while (!proc_in_call(pid, SYS_pause))
			sched_yield();
		if (kill(pid, SIGKILL) ||
		    waitpid(pid, &st, 0) != pid || !WIFSIGNALED(st))
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (!strcmp(mode, "kill-my-children") && argc > 2)
		return kill_my_children(atoi(argv[2]));
	if (!strcmp(mode, "kill-my-new-child")) {
		/* Killed at once: it may never have run a call of its own. */
		pid_t pid = fork();
		if (pid == 0)
			for (;;)
				pause();
		int st;
		kill(pid, SIGKILL);
		return waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) ? 0 : 1;
	}
	if (!strcmp(mode, "kill-me") && argc > 2)
		kill_me(argv[2]);
	if (!strcmp(mode, "killed-in") && argc > 2)
		return killed_in(argv[2]);
	if (!strcmp(mode, "accept-while-another-calls") && argc > 2)
		return accept_while_another_calls(argv[2]);
	if (!strcmp(mode, "kill-my-child") && argc > 3)
		return reap_child(argv[2], argv[3]);
	if (!strcmp(mode, "kill-my-ignored-child") && argc > 2) {
		/* SIGCHLD ignored: the kernel reaps the child, no wait sees
		 * how it ended; the parent waits for it to be gone. */
		signal(SIGCHLD, SIG_IGN);
		pid_t pid = fork();
		if (pid == 0)
			kill_me(argv[2]);
		while (kill(pid, 0) == 0) {
			struct timespec ts = {0, 10 * 1000 * 1000};
			nanosleep(&ts, 0);
		}
		say("child gone\n");
		return 0;
	}
	if (!strcmp(mode, "kill-my-orphan") && argc > 2) {
		/* The parent ends first: init (or a subreaper) reaps. */
		if (fork() == 0)
			kill_me(argv[2]);
		return 0;
	}
	if (!strcmp(mode, "kill-my-child-while-the-tracer-sleeps") && argc > 2) {
		/* Under a tracer only: stops our parent (the launcher), forks
		 * a child that is killed from outside, and lets the launcher
		 * go on once the child is a zombie, then ends without a wait:
		 * the launcher first hears of the child when it is dead
		 * already, and init reaps it. Status 3 where the launcher
		 * was not seen serving and stopped: nothing shown. */
		pid_t parent;
		int seen = stop_the_launcher(&parent);
		pid_t pid = fork();
		if (pid == 0)
			kill_me(argv[2]);
		/* Bounded: 20 s, in case no one kills it. */
		for (int i = 0; i < 2000 && state_of(pid) != 'Z'; i++) {
			struct timespec ts = {0, 10 * 1000 * 1000};
			nanosleep(&ts, 0);
		}
		kill(parent, SIGCONT);
		return seen ? 0 : 3;
	}
	if (!strcmp(mode, "kill-my-big-child-while-the-tracer-sleeps") && argc > 2) {
		/* The same, the launcher let go while the killed child is
		 * still ending: its 512 MiB take ~60 ms to free, and in that
		 * time it has no memory (no ring to see) and is no zombie
		 * yet. The launcher dropped it and never said its end (seen
		 * under load, where a child was killed before its parent got
		 * back from fork). Status 3 where the launcher was not seen
		 * serving and stopped; 4 where the child's end was not caught
		 * in that window (nothing shown). */
		pid_t parent;
		int seen = stop_the_launcher(&parent);
		pid_t pid = fork();
		if (pid == 0) {
			size_t size = 512u << 20;
			char *big = mmap(0, size, PROT_READ | PROT_WRITE,
					 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (big == MAP_FAILED)
				_exit(1);
			madvise(big, size, MADV_NOHUGEPAGE); /* 4 KiB pages */
			for (size_t i = 0; i < size; i += 4096)
				big[i] = 1;
			kill_me(argv[2]);
		}
		/* Looked at each ms (each look is lines in the ring, which
		 * the stopped launcher does not empty); bounded: 20 s, in
		 * case no one kills it. */
		int stage = 0;
		for (int i = 0; i < 20000 && !(stage = end_stage(pid)); i++) {
			struct timespec ts = {0, 1000 * 1000};
			nanosleep(&ts, 0);
		}
		kill(parent, SIGCONT);
		return !seen ? 3 : stage != 1 ? 4 : 0;
	}
	if (!strcmp(mode, "kill-my-child-with-a-used-pid-while-the-tracer-sleeps")) {
		/* The same, the child having the pid of an earlier child
		 * that ended and was reaped (its end said): the pid is made
		 * the next one through ns_last_pid, so in a pid namespace of
		 * our own (unshare -Urpf --mount-proc, the launcher not its
		 * init, whom SIGSTOP does not stop), and we kill the child
		 * ourselves. Prints "child PID". Status 3 where the pid
		 * cannot be made so, or the launcher was not seen serving. */
		pid_t first = fork();
		if (first == 0)
			_exit(0);
		/* Reaped with no status asked for: waitpid, or (argv[2]
		 * "waitid") waitid with no siginfo. */
		if (argc > 2 && !strcmp(argv[2], "waitid"))
			syscall(SYS_waitid, P_PID, first, 0, WEXITED, 0);
		else
			waitpid(first, 0, 0);
		char last[32];
		int n = snprintf(last, sizeof last, "%d", (int)first - 1);
		int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY);
		int set = fd >= 0 && write(fd, last, (size_t)n) == n;
		if (fd >= 0)
			close(fd);
		pid_t parent;
		int seen = stop_the_launcher(&parent);
		pid_t pid = fork();
		if (pid == 0)
			for (;;)
				pause();
		char said[32];
		say((snprintf(said, sizeof said, "child %d\n", (int)pid), said));
		kill(pid, SIGKILL);
		for (int i = 0; i < 2000 && state_of(pid) != 'Z'; i++) {
			struct timespec ts = {0, 10 * 1000 * 1000};
			nanosleep(&ts, 0);
		}
		kill(parent, SIGCONT);
		return set && seen && pid == first ? 0 : 3;
	}
	if (!strcmp(mode, "stop-then-kill-my-child")) {
		/* A child stopped and seen so (waitpid with WUNTRACED and no
		 * status), then killed; we end without reaping it. */
		pid_t pid = fork();
		if (pid == 0)
			for (;;)
				pause();
		kill(pid, SIGSTOP);
		waitpid(pid, 0, WUNTRACED);
		/* Long enough for the tracer to take that wait's record
		 * while the child still lives. */
		struct timespec taken = {0, 200 * 1000 * 1000};
		nanosleep(&taken, 0);
		kill(pid, SIGKILL);
		for (int i = 0; i < 2000 && state_of(pid) != 'Z'; i++) {
			struct timespec ts = {0, 10 * 1000 * 1000};
			nanosleep(&ts, 0);
		}
		char said[32];
		say((snprintf(said, sizeof said, "child %d\n", (int)pid), said));
		return 0;
	}
	if (!strcmp(mode, "fork-with-parent-stopped") && argc > 2) {
		/* Under a tracer only: stops our parent (the launcher), forks
		 * (SIGCHLD as argv[2] says: "default" or "ignored"); the child
		 * says whether its fork took more than a second and ends; the
		 * parent lets its parent go on 1.5 s after the fork (whichever
		 * of the two registered the child, the launcher stays stopped
		 * that long) and reaps the child. */
		if (!strcmp(argv[2], "ignored"))
			signal(SIGCHLD, SIG_IGN);
		pid_t parent;
		stop_the_launcher(&parent);
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		pid_t pid = fork();
		if (pid == 0) {
			clock_gettime(CLOCK_MONOTONIC, &b);
			double took = (double)(b.tv_sec - a.tv_sec) +
				      (double)(b.tv_nsec - a.tv_nsec) / 1e9;
			say(took > 1.0 ? "the child's fork waited\n"
				       : "the child's fork did not wait\n");
			_exit(0);
		}
		struct timespec rest = {1, 500 * 1000 * 1000};
		nanosleep(&rest, 0);
		kill(parent, SIGCONT);
		waitpid(pid, 0, 0);
		return 0;
	}
	if (!strcmp(mode, "child-segv-in-handler") && argc > 2)
		return reap_child(argv[2], 0);
	if (!strcmp(mode, "segv")) {
		calls(1000);
		*(volatile int *)8 = 1;
		return 0;
	}
	if (!strcmp(mode, "segv-in-handler")) {
		signal(SIGSEGV, crash_again);
		calls(100);
		*(volatile int *)8 = 1;
		return 0;
	}
	if (!strcmp(mode, "outlive")) {
		/* The child ends after the parent, which does not wait. */
		if (fork() == 0) {
			struct timespec ts = {0, 300 * 1000 * 1000};
			nanosleep(&ts, 0);
			calls(3);
			say("child done\n");
			return 5;
		}
		say("parent done\n");
		return 0;
	}
	if (!strcmp(mode, "exit-other-thread")) {
		pthread_t t;
		pthread_create(&t, 0, exit_seven, 0);
		pause();
		return 0;
	}
	if (!strcmp(mode, "thread-execs")) {
		pthread_t t;
		pthread_create(&t, 0, exec_true, 0);
		pause();
		return 0;
	}
	if (!strcmp(mode, "first-thread-exits")) {
		pthread_t t;
		pthread_create(&t, 0, exit_three_after_first, 0);
		pthread_exit(0);
	}
	if (!strcmp(mode, "wait-null")) {
		/* A child reaped by a wait that asks for no status: its end is
		 * said where it happened, before the parent's next line. */
		pid_t c = fork();
		if (c == 0)
			_exit(3);
		waitpid(c, 0, 0);
		say("parent\n");
		return 0;
	}
	if (!strcmp(mode, "killed-while-threads-wait")) {
		/* As below, but killed by a signal left at SIG_DFL. */
		two_threads_wait();
		raise(SIGTERM);
		return 0;
	}
	if (!strcmp(mode, "exec-while-threads-wait")) {
		/* The first thread execs: the kernel ends the other two in
		 * their reads. */
		two_threads_wait();
		char *args[] = {"/bin/true", 0};
		execv(args[0], args);
		return 99;
	}
	if (!strcmp(mode, "thread-execs-after-naps")) {
		/* Two threads in pause, a third execs /bin/true after 100 ms:
		 * nothing read from /proc (below a pid namespace whose /proc
		 * is not its own, a thread is not there by its tid). */
		pthread_t t[3];
		for (int i = 0; i < 2; i++)
			pthread_create(&t[i], 0, pause_for_ever, 0);
		pthread_create(&t[2], 0, exec_true_after_a_nap, 0);
		pause();
		return 0;
	}
	if (!strcmp(mode, "thread-execs-while-threads-wait")) {
		/* A third thread execs once the first waits in pause. */
		two_threads_wait();
		pthread_t t;
		pthread_create(&t, 0, exec_true, 0);
		pause();
		return 0;
	}
	if (!strcmp(mode, "sigkill-while-threads-wait")) {
		/* A SIGKILL the process sends itself: no handler runs. */
		two_threads_wait();
		kill(getpid(), SIGKILL);
		return 0;
	}
	if (!strcmp(mode, "killed-beside-two") && argc > 2) {
		/* A child of three tasks killed by SIGKILL while two
		 * processes live on: this one, its parent, and its own child,
		 * which writes once it is orphaned. argv[2]: "self", the
		 * child sends it itself; "in-exit", the parent sends it once
		 * the child's _exit waits in the tracer's hook (its seam's
		 * nanosleep, SYSTRAP_TEST_EXIT_STRETCH_US; where none comes,
		 * as under strace, the child just exits). Two tasks alive
		 * after it: strace -f writing to stderr shows the orphan's
		 * line with its "[pid N]", and so must we. The parent ends
		 * once the orphan has closed the pipe it holds. */
		int in_exit = !strcmp(argv[2], "in-exit");
		int done[2];
		pipe(done);
		pid_t child = fork();
		if (child == 0) {
			pid_t me = getpid();
			if (fork() == 0) {
				close(done[0]);
				while (getppid() == me)
					usleep(1000);
				say("after\n");
				_exit(0);
			}
			close(done[1]);
			two_threads_wait();
			if (in_exit)
				_exit(0);
			kill(getpid(), SIGKILL);
			return 0;
		}
		close(done[1]);
		while (in_exit && waitpid(child, 0, WNOHANG) == 0) {
			if (blocked_in(child, SYS_nanosleep)) {
				kill(child, SIGKILL);
				break;
			}
			usleep(1000);
		}
		waitpid(child, 0, 0);
		char c;
		while (read(done[0], &c, 1) > 0)
			;
		return 0;
	}
	if (!strcmp(mode, "kill-me-while-threads-wait") && argc > 2) {
		/* Killed from outside (SIGKILL: no handler runs) with two
		 * threads waiting, after a third thread came and went. */
		pthread_t t;
		pthread_create(&t, 0, come_and_go, 0);
		pthread_join(t, 0);
		two_threads_wait();
		kill_me(argv[2]);
	}
	if (!strcmp(mode, "kill-me-in-a-restarted-read") && argc > 2) {
		/* Killed from outside with a thread back in a read that a
		 * signal interrupted and SA_RESTART restarted. */
		struct sigaction sa = {.sa_handler = nothing,
				       .sa_flags = SA_RESTART};
		sigaction(SIGUSR1, &sa, 0);
		pipe(waiting_pipe);
		pthread_t t;
		pthread_create(&t, 0, read_for_ever, 0);
		while (!waiting_tid[0] || !sleeping(waiting_tid[0]))
			sched_yield();
		handled = 0;
		syscall(SYS_tgkill, (int)getpid(), waiting_tid[0], SIGUSR1);
		while (!handled || !sleeping(waiting_tid[0]))
			sched_yield();
		say("restarted\n");
		kill_me(argv[2]);
	}
	if (!strcmp(mode, "kill-me-while-a-thread-locks") && argc > 2) {
		/* Killed from outside with a thread waiting in futex. */
		pthread_mutex_lock(&held);
		pthread_t t;
		pthread_create(&t, 0, lock_for_ever, 0);
		while (!locking_tid || !sleeping(locking_tid))
			sched_yield();
		say("it waits\n");
		kill_me(argv[2]);
	}
	if (!strcmp(mode, "exec-kill-me-while-threads-wait") && argc > 2) {
		/* Two threads wait; the first execs this program again,
		 * which is then killed from outside alone. */
		two_threads_wait();
		char *args[] = {argv[0], "kill-me", argv[2], 0};
		execv("/proc/self/exe", args);
		return 99;
	}
	if (!strcmp(mode, "thread-exec-kill-me-while-threads-wait") && argc > 2) {
		/* Two threads wait; a third execs this program again once
		 * the first waits in pause, to be killed from outside. */
		two_threads_wait();
		self_path = argv[0];
		kill_file = argv[2];
		pthread_t t;
		pthread_create(&t, 0, exec_kill_me, 0);
		pause();
		return 0;
	}
	if (!strcmp(mode, "exit-while-threads-wait")) {
		two_threads_wait();
		syscall(SYS_exit_group, 4);
	}
	if (!strcmp(mode, "vfork-exits")) {
		/* Children that end with exit, not exit_group, as Go's does
		 * after a failed exec: exit(253). */
		for (int i = 0; i < 3; i++) {
			pid_t c = vfork();
			if (c == 0)
				syscall(SYS_exit, 253);
			int st = 0;
			waitpid(c, &st, 0);
			if (!WIFEXITED(st) || WEXITSTATUS(st) != 253)
				return 1;
		}
		say("three ended\n");
		return 0;
	}
	if (!strcmp(mode, "nap-while-thread-writes")) {
		napping_tid = (int)syscall(SYS_gettid);
		pthread_t t;
		pthread_create(&t, 0, say_while_first_naps, 0);
		struct timespec nap = {0, 300 * 1000 * 1000};
		nanosleep(&nap, 0);
		pthread_join(t, 0);
		say("napped\n");
		return 0;
	}
	if (!strcmp(mode, "seccomp-strict")) {
		say("before\n");
		prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT);
		say("inside\n");
		calls(0);
		syscall(SYS_exit, 0); /* strict mode has no exit_group */
	}
	if (!strcmp(mode, "seccomp-filter") || !strcmp(mode, "seccomp-killed")) {
		struct sock_filter f[] = {
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data, nr)),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_read, 4, 0),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_write, 3, 0),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_exit_group, 2, 0),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_rt_sigreturn, 1, 0),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog prog = {sizeof f / sizeof *f, f};
		say("before\n");
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
		say("inside\n");
		char c;
		syscall(SYS_read, 0, &c, 1);
		say("read\n");
		/* seccomp-killed: a call the filter kills the process for. */
		if (!strcmp(mode, "seccomp-killed"))
			syscall(SYS_getppid);
		syscall(SYS_exit_group, 3);
	}
	if (!strcmp(mode, "open-fd")) {
		int fd = open("/dev/null", O_RDONLY);
		printf("fd %d\n", fd);
		return 0;
	}
	fprintf(stderr, "usage: trace_ends kill-me FILE|kill-my-child wait4|waitid FILE|kill-my-ignored-child FILE|kill-my-orphan FILE|kill-my-child-while-the-tracer-sleeps FILE|kill-my-big-child-while-the-tracer-sleeps FILE|kill-me-while-a-thread-locks FILE|child-segv-in-handler wait4|waitid|segv|segv-in-handler|outlive|exit-other-thread|seccomp-strict|seccomp-filter|seccomp-killed|open-fd|killed-in write|writev|sendto|rt_sigsuspend|accept|accept4|read|accept-while-another-calls accept|accept4\n");
	return 2;
}
