/* dlopen and dlclose while other threads make syscalls: 4 threads make
 * 20000 getppid calls each (through libc and through an inline `syscall` in
 * this program) while the main thread loads argv[1] (dlopen_lib.so), calls
 * its inline syscall 10 times, and unloads it, again and again until the
 * threads are done (at least 100 times). Every load maps and instruments new
 * code and every unload forgets its sites while the threads trap. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 4
#define CALLS 20000

static long want_ppid;
static int done_threads;

static long inline_getppid(void)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"((long)SYS_getppid)
			 : "rcx", "r11", "memory");
	return r;
}

static void *loop(void *arg)
{
	long ok = 0;
	for (int i = 0; i < CALLS; i++)
		ok += (i & 1 ? syscall(SYS_getppid) : inline_getppid()) ==
		      want_ppid;
	__atomic_add_fetch(&done_threads, 1, __ATOMIC_RELEASE);
	return (void *)ok;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	want_ppid = getppid();
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], 0, loop, 0))
			return 3;
	int cycles = 0, lib_ok = 0;
	while (cycles < 100 ||
	       __atomic_load_n(&done_threads, __ATOMIC_ACQUIRE) < THREADS) {
		void *h = dlopen(argv[1], RTLD_NOW);
		if (!h) {
			printf("dlopen failed: %s\n", dlerror());
			return 4;
		}
		long (*fn)(int) = (long (*)(int))dlsym(h, "lib_inline_getpgrp");
		lib_ok += fn && fn(10) == getpgrp();
		if (dlclose(h))
			return 5;
		cycles++;
	}
	long total = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		total += (long)r;
	}
	/* The number of cycles varies from run to run: not printed. */
	printf("thread getppid agreeing: %ld of %d\n", total, THREADS * CALLS);
	printf("library loads all agreeing: %s\n",
	       lib_ok == cycles ? "yes" : "no");
	/* For the test's count check. */
	fprintf(stderr, "cycles %d\n", cycles);
	return total == THREADS * CALLS && lib_ok == cycles ? 0 : 1;
}
