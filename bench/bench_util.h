/* What the benchmarks share: a clock read in seconds, sorting a run of
 * timings, their median, and a process's own TracerPid. Bench code,
 * header-only: nothing here is in the product. */
#ifndef SYSTRAP_BENCH_BENCH_UTIL_H
#define SYSTRAP_BENCH_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* clock (CLOCK_MONOTONIC, CLOCK_THREAD_CPUTIME_ID...) in seconds. */
static inline double bench_clock(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Wall time in seconds. */
static inline double bench_now(void)
{
	return bench_clock(CLOCK_MONOTONIC);
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Sorts v[0..n) ascending: v[0] is then the minimum. */
static inline void bench_sort(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
}

/* The median of v[0..n) (the mean of the middle two for an even n);
 * sorts v. */
static inline double bench_median(double *v, int n)
{
	bench_sort(v, n);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* This process's TracerPid (0: not traced), -1 when /proc says nothing. */
static inline long bench_tracer_pid(void)
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

#endif
