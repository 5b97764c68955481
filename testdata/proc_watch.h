/* For the test programs that wait until another process has reached a
 * point (a blocked call, a stop, a signal taken) before they act on it:
 * what /proc says of that process. A sleep of a fixed length is too
 * short on a busy machine, and a test then checks something else. */
#ifndef TESTDATA_PROC_WATCH_H
#define TESTDATA_PROC_WATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

/* The first line of /proc/PID/NAME into buf; 0 when it cannot be read. */
static inline int proc_line(pid_t pid, const char *name, char *buf, int size)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	int got = fgets(buf, size, f) != 0;
	fclose(f);
	return got;
}

/* The system call pid waits in (/proc/PID/syscall's first field); -2
 * while it runs ("running"), -1 when the file cannot be read. */
static inline long proc_waits_in(pid_t pid)
{
	char buf[64];
	if (!proc_line(pid, "syscall", buf, sizeof buf))
		return -1;
	return buf[0] >= '0' && buf[0] <= '9' ? strtol(buf, 0, 10) : -2;
}

static inline int proc_in_call(pid_t pid, long nr)
{
	return proc_waits_in(pid) == nr;
}

/* Whether pid is stopped (T) or in a tracer's stop (t). */
static inline int proc_stopped(pid_t pid)
{
	char buf[512];
	char *p = proc_line(pid, "stat", buf, sizeof buf) ? strrchr(buf, ')') : 0;
	return p && p[1] == ' ' && (p[2] == 'T' || p[2] == 't');
}

/* Whether signal sig waits to be delivered to pid, sent to the process or
 * to its first thread; -1 when /proc/PID/status cannot be read. */
static inline int proc_signal_pending(pid_t pid, int sig)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	int is = 0;
	unsigned long long mask;
	while (fgets(line, sizeof line, f))
		if ((sscanf(line, "SigPnd: %llx", &mask) == 1 ||
		     sscanf(line, "ShdPnd: %llx", &mask) == 1) &&
		    (mask >> (sig - 1) & 1))
			is = 1;
	fclose(f);
	return is;
}

#endif
