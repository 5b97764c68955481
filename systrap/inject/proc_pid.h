/* proc_pid: the /proc entry of a process named by our pid.
 *
 * Why: a launcher may run in a pid namespace of its own whose /proc is
 * mounted from an ancestor's (`unshare -Urpf systrap-trace ...`, as
 * strace's test suite runs its pidns tests): its child is pid 2 to it and
 * something else to /proc, where /proc/2 is another process (kthreadd).
 * Each process's NSpid line in /proc/N/status lists its pid at every
 * level from /proc's namespace down; ours is the column of our own level.
 * Launcher code: libc allowed. */
#ifndef SYSTRAP_INJECT_PROC_PID_H
#define SYSTRAP_INJECT_PROC_PID_H

#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The number /proc knows our pid `pid` by: pid itself when /proc is our
 * namespace's (found once), else found by reading /proc/N/status (a
 * small cache, each hit checked again); -1 when none matches (the
 * process is gone: /proc/PID would be another one). */
pid_t inject_proc_pid(pid_t pid);

/* Whether /proc is our pid namespace's (our pids are its names). */
int inject_proc_is_ours(void);

/* How many pid namespaces ours is below /proc's (0: /proc is ours), and
 * the inode of our own (/proc/self/ns/pid; 0 if unreadable): read once,
 * /proc/self/status and the link, for every asker (each read of our
 * status is some 40 us of a start). */
int inject_proc_levels_below(void);
unsigned long inject_proc_own_pidns(void);

/* "/proc/" + inject_proc_pid(pid) + "/" + what, into buf. */
void inject_proc_path(char *buf, size_t cap, pid_t pid, const char *what);

/* That file's text into buf (at most cap - 1 bytes, NUL-ended): 0, or
 * -errno. */
int inject_proc_read(pid_t pid, const char *what, char *buf, size_t cap);

/* The ids of the NSpid line of a /proc/PID/status open at fd, read up to
 * that line (in pieces: a line before it, Groups, may be far longer than
 * the reader's buffer): their count, 0 when there is none. */
int inject_proc_nspid(int fd, int *ids, int max);

#ifdef __cplusplus
}
#endif

#endif
