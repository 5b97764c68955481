/* One waiting call, named by argv[1], that a SIGALRM with a handler (no
 * SA_RESTART) interrupts once it waits, for //tools/trace:options_compare_test's
 * InterruptedWaitsEndAsStrace: what the kernel returns from it (an
 * ERESTART* code, or EINTR itself), which strace prints and the program
 * never sees, depends on the call and for some on an argument. Nothing is
 * ready and no time runs out first: each call waits 5 s (1 s for
 * futex_lock_pi) or for ever.
 *
 * The alarm is armed by a watcher thread (SIGALRM blocked in it, so the
 * kernel's SIGALRM, si_code SI_KERNEL, goes to the waiting thread) once
 * /proc/self/task/TID/syscall shows the main thread blocked in the call:
 * a timer armed before the call, 50 ms ahead, once fired before a loaded
 * machine (strace's stops) reached the call, which then waited for ever.
 * The watcher reads with pread64 and sleeps with clock_nanosleep: neither
 * is in the trace sets of the tests that run these modes with -f.
 *
 * The restarted_* modes install the handler with SA_RESTART: the kernel
 * restarts the interrupted read, which strace shows as a call of its own
 * (RestartedCallsAsStrace). restarted_read: the handler writes the byte
 * the restarted read gets; restarted_then_write: the watcher writes it
 * once the restarted read waits (a line of another thread while it
 * waits, -f); restarted_then_killed: a child kills us with SIGKILL once
 * the watcher has seen the restarted read wait; restarted_recvfrom: as
 * restarted_read, with recvfrom (-e inject=recvfrom:...:when=N counts each
 * entry, the restarted one too; when=1 makes no first attempt, which the
 * watcher then waits for until the process exits). Each prints what its
 * read returned. */
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Set by the handlers: the watcher's sign that the first attempt ended. */
static volatile sig_atomic_t alarmed;

static void on_alarm(int sig)
{
	(void)sig;
	alarmed = 1;
}

static int restart_pipe[2];

/* What the watcher does once the restarted read waits (restarted_* modes
 * 1 and 2), and the page a child reads its go from (mode 2). */
static enum { NOTHING_AFTER, WRITE_AFTER, GO_AFTER } after_restart;
static volatile int *child_go;

static long waiting_tid, waited_nr;

static void nap_ms(long ms)
{
	struct timespec t = {0, ms * 1000 * 1000};
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &t, 0);
}

/* The waiting thread's /proc file name (syscall, stat) into buf, read
 * with pread64. */
static ssize_t read_task_file(const char *name, char *buf, size_t cap)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/task/%ld/%s", waiting_tid, name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = pread(fd, buf, cap - 1, 0);
	close(fd);
	if (n >= 0)
		buf[n] = 0;
	return n;
}

/* Whether the waiting thread is blocked in call nr now: /proc's syscall
 * file says "running" while it runs, its number (then its arguments)
 * while it is blocked in a call; and its state is S (asleep), not t: at
 * strace's stop on the call's entry (or exit) the file shows the number
 * too, before strace has printed the line. */
static int blocked_in(long nr)
{
	char buf[512];
	if (read_task_file("syscall", buf, 32) <= 0 || buf[0] < '0' ||
	    buf[0] > '9' || strtol(buf, 0, 10) != nr)
		return 0;
	if (read_task_file("stat", buf, sizeof buf) <= 0)
		return 0;
	const char *paren = strrchr(buf, ')');
	return paren && paren[1] == ' ' && (paren[2] == 'S' || paren[2] == 'D');
}

static void *watch(void *unused)
{
	(void)unused;
	while (!blocked_in(waited_nr))
		nap_ms(1);
	struct itimerval it = {{0, 0}, {0, 10000}};
	setitimer(ITIMER_REAL, &it, 0);
	if (after_restart != NOTHING_AFTER) {
		while (!alarmed || !blocked_in(waited_nr))
			nap_ms(1);
		if (after_restart == WRITE_AFTER) {
			/* Then ends, joined before the process exits: a
			 * thread the exit killed between its write and our
			 * post hook would show "= ?" (strace's "= 1"). */
			write(restart_pipe[1], "y", 1);
			return 0;
		}
		*child_go = 1;
	}
	for (;;)
		pause();
	return 0;
}

static pthread_t watcher;

/* The SIGALRM 10 ms after the calling thread blocks in call nr: called
 * right before each waiting call. */
static void arm_alarm(long nr)
{
	sigset_t alarm, old;
	sigemptyset(&alarm);
	sigaddset(&alarm, SIGALRM);
	waiting_tid = syscall(SYS_gettid);
	waited_nr = nr;
	pthread_sigmask(SIG_BLOCK, &alarm, &old);
	if (pthread_create(&watcher, 0, watch, 0))
		_exit(3);
	pthread_sigmask(SIG_SETMASK, &old, 0);
}

static void on_alarm_write(int sig)
{
	(void)sig;
	alarmed = 1;
	write(restart_pipe[1], "x", 1);
}

static void clock_nanosleep_for(int absolute)
{
	struct timespec t = {5, 0}, left;
	if (absolute) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		t.tv_sec += 5;
		arm_alarm(SYS_clock_nanosleep);
		syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &t, 0);
	} else {
		arm_alarm(SYS_clock_nanosleep);
		syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &t, &left);
	}
}

static void nanosleep_5s(int unused)
{
	(void)unused;
	arm_alarm(SYS_nanosleep);
	syscall(SYS_nanosleep, &(struct timespec){5, 0}, 0);
}

static void poll_on_pipe(int timeout)
{
	int p[2];
	pipe(p);
	struct pollfd f = {p[0], POLLIN, 0};
	arm_alarm(SYS_poll);
	syscall(SYS_poll, &f, 1, timeout);
}

static void epoll_wait_on_pipe(int unused)
{
	(void)unused;
	int p[2];
	pipe(p);
	int e = epoll_create1(0);
	struct epoll_event ev = {EPOLLIN, {0}};
	epoll_ctl(e, EPOLL_CTL_ADD, p[0], &ev);
	arm_alarm(SYS_epoll_wait);
	syscall(SYS_epoll_wait, e, &ev, 1, -1);
}

static void sigtimedwait_usr1(int unused)
{
	(void)unused;
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	struct timespec t = {5, 0};
	arm_alarm(SYS_rt_sigtimedwait);
	syscall(SYS_rt_sigtimedwait, &s, 0, &t, 8);
}

/* FUTEX_WAIT untimed (0) or with a relative timeout (1), FUTEX_WAIT_BITSET
 * with an absolute one (2). */
static void futex_wait(int how)
{
	static int word;
	struct timespec t = {5, 0};
	int op = how == 2 ? FUTEX_WAIT_BITSET_PRIVATE : FUTEX_WAIT_PRIVATE;
	if (how == 2) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		t.tv_sec += 5;
	}
	arm_alarm(SYS_futex);
	syscall(SYS_futex, &word, op, 0, how ? &t : 0, 0, -1);
}

static void select_on_pipe(int pselect)
{
	int p[2];
	pipe(p);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	struct timeval tv = {5, 0};
	struct timespec ts = {5, 0};
	arm_alarm(pselect ? SYS_pselect6 : SYS_select);
	if (pselect)
		syscall(SYS_pselect6, p[0] + 1, &r, 0, 0, &ts, 0);
	else
		syscall(SYS_select, p[0] + 1, &r, 0, 0, &tv);
}

static void read_pipe(int unused)
{
	(void)unused;
	int p[2];
	char c;
	pipe(p);
	arm_alarm(SYS_read);
	read(p[0], &c, 1);
}

static void wait_child(int unused)
{
	(void)unused;
	pid_t pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	arm_alarm(SYS_wait4);
	syscall(SYS_wait4, pid, 0, 0, 0);
	kill(pid, SIGKILL);
	syscall(SYS_wait4, pid, 0, 0, 0);
}

static void recv_socket(int listening)
{
	int sv[2];
	char c;
	if (listening) {
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		struct sockaddr addr = {AF_UNIX, {0}}; /* autobind */
		bind(s, &addr, sizeof(sa_family_t));
		listen(s, 1);
		arm_alarm(SYS_accept);
		accept(s, 0, 0);
		return;
	}
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	arm_alarm(SYS_recvfrom);
	recvfrom(sv[0], &c, 1, 0, 0, 0);
}

static void semop_zero(int unused)
{
	(void)unused;
	int s = semget(IPC_PRIVATE, 1, 0600);
	struct sembuf op = {0, -1, 0};
	arm_alarm(SYS_semop);
	syscall(SYS_semop, s, &op, 1);
	semctl(s, 0, IPC_RMID);
}

/* A message queue made 8 bytes small and full: the next send waits. */
static void msgsnd_full(int unused)
{
	(void)unused;
	int q = msgget(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	msgctl(q, IPC_STAT, &ds);
	ds.msg_qbytes = 8;
	msgctl(q, IPC_SET, &ds);
	struct {
		long type;
		char text[8];
	} m = {1, {0}};
	msgsnd(q, &m, 8, 0);
	arm_alarm(SYS_msgsnd);
	syscall(SYS_msgsnd, q, &m, 8, 0);
	msgctl(q, IPC_RMID, 0);
}

/* FUTEX_LOCK_PI of a word a waiting thread of ours owns, with a timeout
 * 1 s away (absolute, CLOCK_REALTIME): interrupted, the kernel restarts
 * it whatever the handler (ERESTARTNOINTR), and it ends ETIMEDOUT. */
static int pi_word;

static void *own_pi_word(void *unused)
{
	(void)unused;
	__atomic_store_n(&pi_word, (int)syscall(SYS_gettid), __ATOMIC_RELEASE);
	pause();
	return 0;
}

static void futex_lock_pi_owned(int unused)
{
	(void)unused;
	sigset_t alarm, old;
	sigemptyset(&alarm);
	sigaddset(&alarm, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &alarm, &old); /* the owner never takes it */
	pthread_t owner;
	pthread_create(&owner, 0, own_pi_word, 0);
	pthread_sigmask(SIG_SETMASK, &old, 0);
	while (!__atomic_load_n(&pi_word, __ATOMIC_ACQUIRE))
		;
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += 1;
	arm_alarm(SYS_futex);
	syscall(SYS_futex, &pi_word, FUTEX_LOCK_PI_PRIVATE, 0, &t, 0, 0);
}

/* A read of an empty socket, restarted after the SIGALRM's handler (0: it
 * writes the byte; 1: the watcher writes it once the restart waits; 2: a
 * child kills us once the watcher has seen the restart wait (no SIGCHLD
 * while the read waits: strace's ptrace would see it interrupt the read,
 * ignored or not); 3: as 0, with recvfrom, which the loader never makes). */
static void restarted_read(int how)
{
	socketpair(AF_UNIX, SOCK_STREAM, 0, restart_pipe);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = how == 1 || how == 2 ? on_alarm : on_alarm_write;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, 0);
	after_restart = how == 1 ? WRITE_AFTER : how == 2 ? GO_AFTER : NOTHING_AFTER;
	if (how == 2) {
		child_go = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (child_go == MAP_FAILED)
			_exit(3);
		if (fork() == 0) {
			while (!*child_go)
				nap_ms(1);
			kill(getppid(), SIGKILL);
			_exit(0);
		}
	}
	char c = 0;
	arm_alarm(how == 3 ? SYS_recvfrom : SYS_read);
	ssize_t r = how == 3 ? recvfrom(restart_pipe[0], &c, 1, 0, 0, 0)
			     : read(restart_pipe[0], &c, 1);
	char line[] = "read ? ?\n";
	line[5] = r < 0 ? 'E' : (char)('0' + r);
	line[7] = c ? c : '-';
	write(1, line, sizeof line - 1);
	if (how == 1)
		pthread_join(watcher, 0);
}

static const struct {
	const char *name;
	void (*wait)(int);
	int arg;
} calls[] = {
	{"clock_nanosleep_abs", clock_nanosleep_for, 1},
	{"clock_nanosleep_rel", clock_nanosleep_for, 0},
	{"nanosleep", nanosleep_5s, 0},
	{"poll_forever", poll_on_pipe, -1},
	{"poll_timeout", poll_on_pipe, 5000},
	{"epoll_wait", epoll_wait_on_pipe, 0},
	{"rt_sigtimedwait", sigtimedwait_usr1, 0},
	{"futex_wait", futex_wait, 0},
	{"futex_wait_timed", futex_wait, 1},
	{"futex_bitset_timed", futex_wait, 2},
	{"select", select_on_pipe, 0},
	{"pselect6", select_on_pipe, 1},
	{"read", read_pipe, 0},
	{"wait4", wait_child, 0},
	{"recvfrom", recv_socket, 0},
	{"accept", recv_socket, 1},
	{"semop", semop_zero, 0},
	{"msgsnd", msgsnd_full, 0},
	{"futex_lock_pi", futex_lock_pi_owned, 0},
	{"restarted_read", restarted_read, 0},
	{"restarted_then_write", restarted_read, 1},
	{"restarted_then_killed", restarted_read, 2},
	{"restarted_recvfrom", restarted_read, 3},
};

int main(int argc, char **argv)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, 0);
	for (size_t i = 0; argc > 1 && i < sizeof calls / sizeof calls[0]; i++)
		if (!strcmp(argv[1], calls[i].name)) {
			calls[i].wait(calls[i].arg);
			return 0;
		}
	return 2;
}
