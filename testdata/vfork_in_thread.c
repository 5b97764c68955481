/* A thread other than the first vforks, and its child ends with exit
 * (not exit_group), as Go's os/exec child does after a failed exec; then
 * new threads start. Each thread's signal mask stays its own: a new
 * thread that blocks the signals systrap owns (SIGILL, SIGTRAP, SIGSEGV,
 * SIGBUS, SIGSYS) leaves the vforking thread's mask as it was. (The
 * child's exit used to hand the vforking thread's block, which the child
 * ran on, to the next new thread: two threads then shared one state, and
 * Go programs died.) Prints what each thread sees; exit 0. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const int owned[] = {SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGSYS};
#define NOWNED (int)(sizeof owned / sizeof owned[0])

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int stage;

static void wait_stage(int s)
{
	pthread_mutex_lock(&lock);
	while (stage < s)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
}

static void set_stage(int s)
{
	pthread_mutex_lock(&lock);
	stage = s;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
}

static int blocked_owned(void)
{
	sigset_t now;
	pthread_sigmask(SIG_BLOCK, 0, &now);
	int n = 0;
	for (int i = 0; i < NOWNED; i++)
		n += sigismember(&now, owned[i]) == 1;
	return n;
}

static void *blocker(void *arg)
{
	(void)arg;
	sigset_t set;
	sigemptyset(&set);
	for (int i = 0; i < NOWNED; i++)
		sigaddset(&set, owned[i]);
	pthread_sigmask(SIG_BLOCK, &set, 0);
	printf("new thread blocks %d of %d\n", blocked_owned(), NOWNED);
	fflush(stdout);
	set_stage(2);
	wait_stage(3);
	return 0;
}

static void *vforker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 3; i++) {
		pid_t c = vfork();
		if (c == 0)
			syscall(SYS_exit, 253);
		int st = 0;
		waitpid(c, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 253)
			printf("child %d ended %x\n", i, st);
	}
	set_stage(1);
	wait_stage(2);
	printf("vforking thread blocks %d of %d\n", blocked_owned(), NOWNED);
	fflush(stdout);
	set_stage(3);
	return 0;
}

int main(void)
{
	pthread_t v, b[4];
	pthread_create(&v, 0, vforker, 0);
	wait_stage(1);
	/* The first of these takes a freed block, if any. */
	pthread_create(&b[0], 0, blocker, 0);
	pthread_join(v, 0);
	pthread_join(b[0], 0);
	return 0;
}
