/* getppid_phases [CALLS] [BATCHES]: what //bench:attach_latency attaches to
 * and leaves, to measure the steady-state cost a detached process keeps
 * (its sites stay patched, as pass-through). Writes "ready\n" on stdout,
 * then for every byte read from stdin times BATCHES batches of CALLS libc
 * getppid() calls (1,000,000 and 3 by default) and writes one line
 * "ns MIN MEDIAN CPUMIN CPUMEDIAN tracerpid T\n" (ns per call, min and
 * median over the batches, in wall time and in the thread's CPU time, which
 * a loaded machine's preemptions do not inflate; T its own TracerPid);
 * exits 0 at end of input. Between phases it
 * is blocked in read(0), where the benchmark attaches and detaches
 * systrap-trace. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench_util.h"

int main(int argc, char **argv)
{
	long calls = argc > 1 ? atol(argv[1]) : 1000000;
	int batches = argc > 2 ? atoi(argv[2]) : 3;
	if (calls < 1 || batches < 1 || batches > 64)
		return 2;
	double t[64], c[64];
	char byte;
	setvbuf(stdout, 0, _IONBF, 0);
	printf("ready\n");
	while (read(0, &byte, 1) == 1) {
		for (int b = 0; b < batches; b++) {
			double a = bench_now();
			double ac = bench_clock(CLOCK_THREAD_CPUTIME_ID);
			for (long i = 0; i < calls; i++)
				getppid();
			c[b] = (bench_clock(CLOCK_THREAD_CPUTIME_ID) - ac) / (double)calls;
			t[b] = (bench_now() - a) / (double)calls;
		}
		double med = bench_median(t, batches);
		double cmed = bench_median(c, batches);
		printf("ns %.2f %.2f %.2f %.2f tracerpid %ld\n", t[0] * 1e9,
		       med * 1e9, c[0] * 1e9, cmed * 1e9, bench_tracer_pid());
	}
	return 0;
}
