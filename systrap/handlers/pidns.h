/* pidns: a pid as the tracer sees it (strace's --pidns-translation,
 * -e decode-pids=pidns|comm, -Y), worked out inside the traced process.
 *
 * Why: the program may live in a pid namespace below the tracer's
 * (unshare(CLONE_NEWPID), a container): its getpid() says 2 where the
 * tracer says 5678. strace prints "2" with the comment "5678 in strace's PID NS"
 * and, with -Y, "2<comm>". The translation comes from /proc, read with
 * raw syscalls: each process's NSpid/NStgid/NSpgid/NSsid lines in
 * /proc/PID/status list its ids from the /proc mount's namespace down to
 * its own, one column per level, so the column of the tracer's namespace
 * (found by walking NS_GET_PARENT from the process's own namespace up to
 * the tracer's, whose inode the tracer states) holds the tracer's view,
 * and column 0 the pid /proc knows the process by. A pid other than the
 * caller's own is found by reading every /proc/N/status once, then kept
 * in a small cache checked against its /proc entry at each use (pids are
 * reused), as strace's pidns.c does; the caller's own pid and tid need no
 * check. Nothing here calls libc; errno is untouched. */
#ifndef SYSTRAP_HANDLERS_PIDNS_H
#define SYSTRAP_HANDLERS_PIDNS_H

#include <stdint.h>

#include "systrap/handlers/syscall_table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which id a number is: syscall_table.h's enum pidns_type. */

/* The tracer's pid namespace: the inode of its /proc/self/ns/pid (0: the
 * caller's own namespace, the default), the device of the /proc it sees
 * and its level's column in that /proc's NS lines (its NSpid count - 1).
 * A process cannot look above its own namespace (NS_GET_PARENT says
 * EPERM), so the column is the tracer's word, good for the same /proc. */
void pidns_set_tracer_ns(uint64_t ino, uint64_t proc_dev, int column);
/* After it: the caller is in the tracer's pid namespace, as the tracer
 * found at its exec stop (no lookup of /proc/self/ns/pid, which costs
 * ~19 us in a fresh process: the kernel makes /proc entries for a new pid
 * at their first use). */
void pidns_set_self_in_tracer_ns(void);
/* The caller forked: its namespace may not be its parent's (the parent's
 * pid_for_children) and its own pid changed; what was learnt about "self"
 * is dropped. Cached pids of others stay (they name the same processes). */
void pidns_forget(void);
/* The same, made cheap in a fork child: what its parent knew holds while
 * the child is in the parent's namespace (no CLONE_NEWPID, no unshare or
 * setns before), which one getppid tells, given the pid the parent noted
 * before the fork (pidns_before_fork; without it, learnt again); else
 * pidns_forget. Ask the kernel (getpid, getppid): not for a confined
 * program. */
void pidns_before_fork(void);
void pidns_after_fork(void);
/* A vfork child (the parent's memory, so the parent's facts) that cannot
 * see its parent (getppid says 0) is in a pid namespace below the
 * parent's: begin sets the parent's facts aside and learns the child's;
 * end, in the parent once it resumes, puts them back. Ask the kernel: not
 * for a confined program. */
void pidns_vfork_child_begin(void);
void pidns_vfork_child_end(void);
/* pid (of kind `type`, in the caller's namespace) in the tracer's
 * namespace; *proc_pid (when not NULL) gets the pid its /proc entry has.
 * 0 when not found (gone, or not visible from /proc). */
int pidns_translate(int pid, int type, int *proc_pid);
/* -Y's line prefix: "<comm>" of the calling thread, quoted as strace
 * quotes it (-x/-xx: hex_strings); its length ("" when unreadable). */
size_t pidns_own_comm(char *buf, size_t cap, int hex_strings);
/* Whether the caller's pid namespace is the tracer's (1), below it (0),
 * or unknown (-1: no /proc, no NS_GET_PARENT). */
int pidns_same_as_tracer(void);

#ifdef __cplusplus
}
#endif

#endif
