/* What //tools/trace:image_test runs built four ways (glibc -static,
 * -static-pie, musl static; image_static.go is the Go one): prints, runs
 * three threads, handles the signals it sends itself (to the process and
 * to one thread), forks a child that execs /bin/echo, and exits 7. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t usr1, usr2;

static void on_usr1(int sig) { (void)sig; usr1++; }
static void on_usr2(int sig) { (void)sig; usr2++; }

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int released;

static void *worker(void *arg)
{
	long calls = 0;
	for (int i = 0; i < 50; i++)
		calls += getppid() > 0;
	pthread_mutex_lock(&lock);
	while (!released)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	return (void *)(calls + (long)arg);
}

int main(void)
{
	printf("static program: start\n");
	fflush(stdout);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, 0);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, 0);
	pthread_t t[3];
	for (long i = 0; i < 3; i++)
		pthread_create(&t[i], 0, worker, (void *)i);
	for (int i = 0; i < 4; i++)
		kill(getpid(), SIGUSR1);
	/* A thread-directed signal, to a thread that is still alive. */
	pthread_kill(t[1], SIGUSR2);
	pthread_mutex_lock(&lock);
	released = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	long sum = 0;
	for (int i = 0; i < 3; i++) {
		void *r;
		pthread_join(t[i], &r);
		sum += (long)r;
	}
	/* t[1] ran its SIGUSR2 handler before it could exit: joined, usr2
	 * is 1, with no waiting whose length depends on the schedule. */
	printf("threads: %ld, SIGUSR1: %d, SIGUSR2: %d\n", sum, (int)usr1,
	       (int)usr2);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/echo", "/bin/echo", "child", "echo", (char *)0);
		_exit(127);
	}
	int status;
	waitpid(pid, &status, 0);
	printf("child: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 7;
}
