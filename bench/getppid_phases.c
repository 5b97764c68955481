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

static double now(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static long tracer_pid(void)
{
	long tracer = -1;
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "TracerPid:", 10))
			tracer = atol(line + 10);
	if (f)
		fclose(f);
	return tracer;
}

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
			double a = now(CLOCK_MONOTONIC);
			double ac = now(CLOCK_THREAD_CPUTIME_ID);
			for (long i = 0; i < calls; i++)
				getppid();
			c[b] = (now(CLOCK_THREAD_CPUTIME_ID) - ac) / (double)calls;
			t[b] = (now(CLOCK_MONOTONIC) - a) / (double)calls;
		}
		qsort(t, (size_t)batches, sizeof *t, cmp);
		qsort(c, (size_t)batches, sizeof *c, cmp);
		int h = batches / 2;
		double med = batches % 2 ? t[h] : (t[h - 1] + t[h]) / 2;
		double cmed = batches % 2 ? c[h] : (c[h - 1] + c[h]) / 2;
		printf("ns %.2f %.2f %.2f %.2f tracerpid %ld\n", t[0] * 1e9,
		       med * 1e9, c[0] * 1e9, cmed * 1e9, tracer_pid());
	}
	return 0;
}
