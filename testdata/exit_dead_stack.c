/* A thread that exits the way a Go thread does (runtime.exitThread): it
 * first says it is done with its stack, then makes a bare exit syscall,
 * which touches no memory; Go frees the stack meanwhile and may give it
 * to a new thread. Here the thread moves its stack pointer to 144 bytes
 * above an inaccessible page before `mov $60,%eax; syscall` (a site that
 * jumps), with no alternate stack: anything of systrap's that runs on the
 * program's stack for that call beyond the trampoline's return address
 * and the saved flags faults with nowhere to deliver the signal, and the
 * process dies of SIGSEGV. Natively (and traced right) each thread exits
 * and the program prints "threads exited: N" and exits 0. */
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

#define THREADS 4

static void *dead_stack_exit(void *arg)
{
	char *page = arg; /* writable; the page below it is PROT_NONE */
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "xor %%edi, %%edi\n\t"
			 "mov $60, %%eax\n\t" /* SYS_exit */
			 "syscall\n\t"
			 "ud2"
			 :
			 : "r"(page + 144)
			 : "memory");
	__builtin_unreachable();
}

int main(void)
{
	int exited = 0;
	for (int i = 0; i < THREADS; i++) {
		char *m = mmap(0, 2 * 4096, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED ||
		    mprotect(m + 4096, 4096, PROT_READ | PROT_WRITE)) {
			perror("mmap");
			return 1;
		}
		pthread_t t;
		if (pthread_create(&t, 0, dead_stack_exit, m + 4096)) {
			perror("pthread_create");
			return 1;
		}
		/* The kernel clears the thread's tid at its exit: joined. */
		if (pthread_join(t, 0) == 0)
			exited++;
	}
	printf("threads exited: %d\n", exited);
	return 0;
}
