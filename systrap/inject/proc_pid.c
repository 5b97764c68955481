/* proc_pid: the /proc entry of a process named by our pid (proc_pid.h). */
#include "systrap/inject/proc_pid.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Column -1: not yet known. */
static int column = -1;
static ino_t own_ns;

/* Whether /proc/ENTRY, whose NSpid has n columns, is in our namespace or
 * below it: its namespace `n - 1 - column` levels up is ours (a sibling
 * namespace has the same columns; a zombie has no namespace to show). */
static int in_our_namespace(int entry, int n)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/ns/pid", entry);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	for (int up = n - 1 - column; fd >= 0 && up > 0; up--) {
		int parent = ioctl(fd, NS_GET_PARENT);
		close(fd);
		fd = parent;
	}
	struct stat st;
	int ours = fd >= 0 && !fstat(fd, &st) && st.st_ino == own_ns;
	if (fd >= 0)
		close(fd);
	return ours;
}

/* ids from the NSpid line at line (NUL-ended): their count. */
static int nspid_ids(const char *line, int *ids, int max)
{
	const char *p = line + 6;
	char *end;
	int n = 0;
	for (long v; n < max && (v = strtol(p, &end, 10), end != p); p = end)
		ids[n++] = (int)v;
	return n;
}

/* By read(2) into a buffer on the stack, not stdio: the first is a root
 * start's (learn_column, before the program may run), where a FILE's
 * opening, its buffer and fgets's first touches took half again the
 * kernel's making of the text (221 -> 114 us at the median, session 50). */
int inject_proc_nspid(int fd, int *ids, int max)
{
	char buf[1024];
	size_t have = 0;
	int n = -1, in_long_line = 0; /* n < 0: no NSpid line met yet */
	while (n < 0) {
		ssize_t r = read(fd, buf + have, sizeof buf - 1 - have);
		if (r < 0 && errno == EINTR)
			continue; /* a signal of the launcher's own, not the end */
		if (r <= 0)
			break;
		have += (size_t)r;
		buf[have] = 0;
		char *line = buf, *nl;
		while (n < 0 && (nl = memchr(line, '\n', (size_t)(buf + have - line)))) {
			*nl = 0;
			if (!in_long_line && !strncmp(line, "NSpid:", 6))
				n = nspid_ids(line, ids, max);
			in_long_line = 0;
			line = nl + 1;
		}
		size_t rest = (size_t)(buf + have - line);
		if (rest == sizeof buf - 1) {
			in_long_line = 1; /* not NSpid's: that one is short */
			rest = 0;
		}
		memmove(buf, line, rest);
		have = rest;
		buf[have] = 0;
	}
	/* A last line with no newline (the kernel ends each, a pipe's text
	 * may not). */
	if (n < 0 && have && !in_long_line && !strncmp(buf, "NSpid:", 6))
		n = nspid_ids(buf, ids, max);
	return n > 0 ? n : 0;
}

/* The pids of /proc/ENTRY/status's NSpid line: their count. */
static int nspid(const char *entry, int *ids, int max)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%s/status", entry);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	int n = inject_proc_nspid(fd, ids, max);
	close(fd);
	return n;
}

static int holds(int entry, pid_t pid)
{
	char name[16];
	int ids[32];
	snprintf(name, sizeof name, "%d", entry);
	int n = nspid(name, ids, 32);
	return n > column && ids[column] == pid && in_our_namespace(entry, n);
}

#define CACHE 64
static struct { pid_t pid; int entry; } cache[CACHE];
static unsigned cache_next;

static void learn_column(void)
{
	if (column < 0) {
		int ids[32];
		int n = nspid("self", ids, 32);
		column = n > 0 ? n - 1 : 0;
		struct stat st;
		if (!stat("/proc/self/ns/pid", &st))
			own_ns = st.st_ino;
	}
}

int inject_proc_is_ours(void)
{
	learn_column();
	return column == 0;
}

int inject_proc_levels_below(void)
{
	learn_column();
	return column;
}

unsigned long inject_proc_own_pidns(void)
{
	learn_column();
	return (unsigned long)own_ns;
}

pid_t inject_proc_pid(pid_t pid)
{
	learn_column();
	if (column == 0 || pid <= 0)
		return pid;
	for (unsigned i = 0; i < CACHE; i++)
		if (cache[i].pid == pid && cache[i].entry) {
			if (holds(cache[i].entry, pid))
				return cache[i].entry;
			cache[i].entry = 0;
		}
	DIR *d = opendir("/proc");
	int found = 0;
	for (struct dirent *e; d && !found && (e = readdir(d));) {
		char *end;
		long v = strtol(e->d_name, &end, 10);
		if (*end || v <= 0)
			continue;
		if (holds((int)v, pid))
			found = (int)v;
	}
	if (d)
		closedir(d);
	if (!found)
		return -1; /* gone: "/proc/-1/..." is no process either */
	cache[cache_next % CACHE].pid = pid;
	cache[cache_next % CACHE].entry = found;
	cache_next++;
	return found;
}

void inject_proc_path(char *buf, size_t cap, pid_t pid, const char *what)
{
	snprintf(buf, cap, "/proc/%d/%s", (int)inject_proc_pid(pid), what);
}

int inject_proc_read(pid_t pid, const char *what, char *buf, size_t cap)
{
	char path[64];
	inject_proc_path(path, sizeof path, pid, what);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	size_t n = 0;
	ssize_t r;
	while (n + 1 < cap && (r = read(fd, buf + n, cap - 1 - n)) > 0)
		n += (size_t)r;
	close(fd);
	buf[n] = 0;
	return 0;
}
