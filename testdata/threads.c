/* 8 threads x 20000 getppid via libc's syscall(); then 4 threads with 32 KiB
 * stacks making write and getpid calls. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 8
#define CALLS 20000

static long want_ppid, want_pid;

static void *getppid_loop(void *arg)
{
	long ok = 0;
	for (int i = 0; i < CALLS; i++)
		ok += syscall(SYS_getppid) == want_ppid;
	return (void *)ok;
}

static void *small_stack(void *arg)
{
	char msg[64];
	int n = snprintf(msg, sizeof msg, "small-stack thread %ld\n", (long)arg);
	long ok = 0;
	for (int i = 0; i < 100; i++)
		ok += getpid() == want_pid;
	write(1, msg, (size_t)n);
	return (void *)ok;
}

int main(void)
{
	want_ppid = getppid();
	want_pid = getpid();
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], 0, getppid_loop, 0))
			return 2;
	long total = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		total += (long)r;
	}
	printf("getppid agreeing: %ld of %d\n", total, THREADS * CALLS);
	fflush(stdout);
	long small_ok = 0;
	for (long i = 0; i < 4; i++) {
		pthread_attr_t a;
		pthread_attr_init(&a);
		pthread_attr_setstacksize(&a, 32 * 1024);
		pthread_t s;
		if (pthread_create(&s, &a, small_stack, (void *)i))
			return 3;
		void *r;
		pthread_join(s, &r); /* one at a time: deterministic output */
		small_ok += (long)r;
		pthread_attr_destroy(&a);
	}
	printf("small-stack getpid agreeing: %ld of 400\n", small_ok);
	return total == THREADS * CALLS && small_ok == 400 ? 0 : 1;
}
