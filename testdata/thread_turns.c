/* Two threads take turns, 300 times each: on its turn a thread makes one
 * syscall (getpid for the first, getppid for the second) and hands the turn
 * over through memory alone, with no syscall. The calls happen in strict
 * alternation, so a trace in time order shows them alternating
 * (//tools/trace:trace_compare_test, TraceThreads.LinesAreInTimeOrder). */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define TURNS 300

static int turn; /* whose turn: 0 or 1 */

static void *take_turns(void *arg)
{
	long me = (long)arg;
	for (int i = 0; i < TURNS; i++) {
		while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != me)
			;
		syscall(me ? SYS_getppid : SYS_getpid);
		__atomic_store_n(&turn, !me, __ATOMIC_RELEASE);
	}
	return 0;
}

int main(void)
{
	pthread_t t;
	if (pthread_create(&t, 0, take_turns, (void *)1L))
		return 1;
	take_turns((void *)0L);
	pthread_join(t, 0);
	puts("turns done");
	return 0;
}
