/* Programs whose trace must match strace's line for line on one point each
 * (//tools/trace:trace_compare_test). Modes:
 *   malloc-qsort  the process's first malloc (brk, getrandom) and a qsort of
 *                 4 MiB (sysinfo, an mmap'd buffer): glibc makes these calls
 *                 once, so the preload's start-up must not make them first
 *   waitid        waitid with each idtype, its siginfo, options and rusage
 *   fork-kill     a child killed by its parent right after fork
 *   cancel        pthread_cancel of a thread waiting in read
 *   aio           io_getevents and io_pgetevents: the events read back, the
 *                 signal mask (SIGILL and SIGTRAP in it), NULL, a pack whose
 *                 mask is NULL, and a bad pack (EFAULT)
 *   arg-types     calls whose arguments strace prints by their C type
 *                 (umode_t's 16 bits, uid -1, unsigned fds and tv_nsec,
 *                 32-bit flag words, XSAVE features, a socket address
 *                 longer than its buffer), all failing or harmless
 *   own-gs        the program moves its own GS base (arch_prctl) and reads
 *                 it back, in a new thread and a fork child too (the kernel
 *                 gives both their creator's)
 * Each starts with getppid(): the marker after which both traces are the
 * program's alone. */
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <asm/prctl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int by_value(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int malloc_qsort(void)
{
	size_t n = 1 << 20;
	int *v = malloc(n * sizeof *v);
	if (!v)
		return 1;
	for (size_t i = 0; i < n; i++)
		v[i] = (int)((i * 2654435761u) % 1000003);
	qsort(v, n, sizeof *v, by_value);
	printf("sorted %d .. %d\n", v[0], v[n - 1]);
	free(v);
	return 0;
}

static int waitid_mode(void)
{
	/* The kernel writes some of siginfo's fields (not si_utime, not
	 * si_stime) and none of rusage's when nothing is reported: both
	 * tracers print what is there, so it is zeroed. */
	siginfo_t si;
	struct rusage ru;
	memset(&si, 0, sizeof si);
	pid_t pid = fork();
	if (pid == 0)
		_exit(8);
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	syscall(SYS_waitid, 3 /* P_PIDFD */, fd, &si, WEXITED, NULL);
	printf("pidfd: status %d\n", si.si_status);
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	/* Not yet dead, or not yet reaped: {} either way, with WNOHANG. */
	memset(&si, 0, sizeof si);
	memset(&ru, 0, sizeof ru);
	syscall(SYS_waitid, P_PID, pid, &si, WEXITED | WNOHANG | WSTOPPED, &ru);
	kill(pid, SIGKILL);
	syscall(SYS_waitid, P_ALL, 0, &si, WEXITED, &ru);
	printf("all: code %d status %d\n", si.si_code, si.si_status);
	long r = syscall(SYS_waitid, P_PGID, 0, &si,
			 WEXITED | WSTOPPED | WCONTINUED | WNOWAIT, &ru);
	long r2 = syscall(SYS_waitid, 7, 0, NULL, 0x10, NULL);
	long r3 = syscall(SYS_waitid, P_PID, 1, (void *)8, WEXITED, (void *)16);
	printf("errors %ld %ld %ld\n", r, r2, r3);
	return 0;
}

static int fork_kill(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGTERM);
	int st;
	waitpid(pid, &st, 0);
	printf("child killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return 0;
}

static int fds[2];
static volatile pid_t reader_tid;

static void *reader(void *arg)
{
	char c;
	reader_tid = (pid_t)syscall(SYS_gettid);
	read(fds[0], &c, 1);
	return 0;
}

/* Whether thread tid waits in read(): /proc's syscall file starts with the
 * number of the call a blocked task is in. */
static int waits_in_read(pid_t tid)
{
	char path[64], buf[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/syscall", (int)tid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	return strncmp(buf, "0 ", 2) == 0;
}

static int cancel(void)
{
	if (pipe(fds))
		return 1;
	pthread_t t;
	pthread_create(&t, 0, reader, 0);
	/* Cancelled while it waits in read, whatever the timing. */
	while (!reader_tid || !waits_in_read(reader_tid))
		usleep(1000);
	pthread_cancel(t);
	void *r;
	pthread_join(t, &r);
	printf("cancelled %d\n", r == PTHREAD_CANCELED);
	return 0;
}

static int aio(void)
{
	aio_context_t ctx = 0;
	if (syscall(SYS_io_setup, 4, &ctx))
		return 1;
	int fd = open("/proc/self/exe", O_RDONLY);
	char buf[64];
	struct iocb cb;
	memset(&cb, 0, sizeof cb);
	cb.aio_fildes = (unsigned)fd;
	cb.aio_lio_opcode = IOCB_CMD_PREAD;
	cb.aio_buf = (unsigned long)buf;
	cb.aio_nbytes = 4;
	cb.aio_data = 0x1234;
	struct iocb *cbs[1] = {&cb};
	struct io_event ev[2];
	struct timespec ts = {0, 1000};
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGILL);
	sigaddset(&set, SIGTRAP);
	struct {
		const sigset_t *sigmask;
		size_t sigsetsize;
	} pack = {&set, 8}, no_mask = {NULL, 8};
	long n = 0;
	for (int i = 0; i < 2; i++) {
		syscall(SYS_io_submit, ctx, 1, cbs);
		if (i == 0)
			n += syscall(SYS_io_getevents, ctx, 1, 2, ev, NULL);
		else
			n += syscall(SYS_io_pgetevents, ctx, 1, 2, ev, NULL, &pack);
	}
	syscall(SYS_io_pgetevents, ctx, 0, 2, ev, &ts, &pack);
	syscall(SYS_io_pgetevents, ctx, 0, 2, ev, &ts, NULL);
	syscall(SYS_io_pgetevents, ctx, 0, 2, ev, &ts, &no_mask);
	long bad = syscall(SYS_io_pgetevents, ctx, 0, 2, ev, &ts, (void *)1);
	syscall(SYS_io_destroy, ctx);
	printf("events %ld, bad pack %ld\n", n, bad);
	return 0;
}

static int arg_types(void)
{
	struct timespec bad = { 0, -1 };
	struct { unsigned long cur, max; } rl;
	unsigned long long xfeatures;
	syscall(SYS_mkdir, "/nonexistent/dir", 0xffff0000UL | 0755);
	syscall(SYS_chown, "/nonexistent/file", -1L, 0xffff0000UL);
	syscall(SYS_fchownat, -100, "/nonexistent/file", 0xffff0000UL, -1L, 0);
	syscall(SYS_umask, 022);
	syscall(SYS_umask, 0);
	syscall(SYS_getrlimit, RLIMIT_CPU, &rl);
	syscall(SYS_nanosleep, &bad, 0);
	syscall(SYS_close_range, -1L, -2L, 0);
	syscall(SYS_delete_module, 0, 0xffffffff00000800UL);
	syscall(SYS_memfd_secret, 0xbeefcafe80000000UL);
	syscall(SYS_arch_prctl, ARCH_GET_XCOMP_SUPP, &xfeatures);
	syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0xdeadc0deUL);
	/* An address longer than its buffer: autobind's abstract name (8
	 * bytes) into 2. */
	int sock = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	socklen_t len = sizeof(sa_family_t);
	bind(sock, (struct sockaddr *)&sun, len);
	getsockname(sock, (struct sockaddr *)&sun, &len);
	close(sock);
	return 0;
}

static unsigned long get_gs(void)
{
	unsigned long v = 1;
	syscall(SYS_arch_prctl, ARCH_GET_GS, &v);
	return v;
}

static void *gs_thread(void *arg)
{
	return (void *)get_gs();
}

static int own_gs(void)
{
	static unsigned long area[8];
	unsigned long before = get_gs();
	long bad = syscall(SYS_arch_prctl, ARCH_SET_GS, 0xbadfaceddeadbeefUL);
	long set = syscall(SYS_arch_prctl, ARCH_SET_GS, area);
	int same = get_gs() == (unsigned long)area;
	pthread_t t;
	void *in_thread;
	pthread_create(&t, 0, gs_thread, 0);
	pthread_join(t, &in_thread);
	pid_t pid = fork();
	if (pid == 0)
		_exit(get_gs() == (unsigned long)area ? 7 : 8);
	int st;
	waitpid(pid, &st, 0);
	long reset = syscall(SYS_arch_prctl, ARCH_SET_GS, 0);
	printf("before %lu bad %ld set %ld same %d thread %d child %d reset %ld "
	       "after %lu\n",
	       before, bad, set, same, in_thread == (void *)area,
	       WEXITSTATUS(st), reset, get_gs());
	return 0;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	getppid();
	if (!strcmp(m, "malloc-qsort"))
		return malloc_qsort();
	if (!strcmp(m, "waitid"))
		return waitid_mode();
	if (!strcmp(m, "fork-kill"))
		return fork_kill();
	if (!strcmp(m, "cancel"))
		return cancel();
	if (!strcmp(m, "aio"))
		return aio();
	if (!strcmp(m, "arg-types"))
		return arg_types();
	if (!strcmp(m, "own-gs"))
		return own_gs();
	fprintf(stderr, "unknown mode %s\n", m);
	return 2;
}
