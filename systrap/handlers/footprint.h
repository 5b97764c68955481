/* footprint: which user memory one system call reads and writes.
 *
 * Why: record/replay, taint tracking and sandboxes need the exact bytes the
 * kernel touched, which strace cannot give. The answer comes from the
 * signature table (syscall_table.h): each argument's syscall_arg_mem() says
 * what the kernel does with the memory it points to, and a few calls whose
 * memory depends on a command (ioctl, fcntl, futex...) or on a structure the
 * call reads (msghdr, clone_args) have a rule function named by their row.
 * A row whose footprint nobody described is reported unknown, not guessed.
 *
 * A call is measured in two halves: footprint_begin() before the kernel
 * sees it (string lengths, in/out lengths such as *addrlen, execve's
 * argument strings, which are gone after a successful exec), and
 * footprint_end() after, which emits the extents in argument order.
 *
 * Conventions: "write" extents are what the kernel stored (on failure,
 * nothing, except where the kernel really stores anyway: select's timeout,
 * poll's revents, sendfile's offset, nanosleep's remaining time on EINTR).
 * "read" extents of a failed call are what it may have read before failing
 * (the path of a failed openat is read; a failed write() reads nothing).
 *
 * Everything here runs on the trap path: no libc calls, no allocation,
 * memory read only through the caller's reader (systrap_read_memory, which
 * never faults), small stack frames; the state lives in the caller's
 * storage (the tracer keeps it per thread).
 */
#ifndef SYSTRAP_HANDLERS_FOOTPRINT_H
#define SYSTRAP_HANDLERS_FOOTPRINT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum footprint_dir { FOOTPRINT_READ = 0, FOOTPRINT_WRITE = 1 };

/* Copies up to n bytes from src, stopping at unreadable memory; returns the
 * count copied (systrap_read_memory's contract). */
typedef size_t (*footprint_read_fn)(void *dst, uintptr_t src, size_t n);

/* Receives one extent (n > 0). */
typedef void (*footprint_emit_fn)(void *ctx, int dir, uintptr_t base,
				  size_t n);

/* execve's strings whose lengths are kept from entry; later ones are
 * measured again at exit (only a failed execve reaches its exit, and its
 * memory is intact then). Small on purpose: the state lives in the
 * tracer's TLS, which glibc carves out of each thread's stack, and
 * threads may have 16 KiB stacks. */
#define FOOTPRINT_SAVED_STRINGS 16

struct footprint_state {
	long nr;
	long args[6];
	int known;     /* 0: no footprint is known for this call */
	long in[6];    /* per argument, what footprint_begin measured */
	long in2[6];
	uint32_t nsaved[2];
	uint32_t saved_len[2][FOOTPRINT_SAVED_STRINGS];
};

/* Before the call. Returns st->known. */
int footprint_begin(struct footprint_state *st, long nr, const long args[6],
		    footprint_read_fn read);

/* After the call (result as the kernel returned it, -errno on failure):
 * emits each extent. Returns 1, or 0 when the footprint is unknown (also
 * for an ioctl request or futex operation no rule describes), in which case
 * nothing was emitted. */
int footprint_end(const struct footprint_state *st, long result,
		  footprint_read_fn read, footprint_emit_fn emit, void *ctx);

/* Whether the table states a footprint for nr (a rule may still answer
 * unknown for some commands). */
int footprint_known(long nr);

/* "footprint: read base=0x00007ffd5e3c1a90 n=0x000000000000000e
 * syscall=openat\n" into buf (no prefix). Returns the length (< cap), or 0
 * when cap is too small. */
size_t footprint_format_extent(char *buf, size_t cap, int dir, uintptr_t base,
			       size_t n, const char *name);

/* "footprint: unknown syscall=NAME\n". */
size_t footprint_format_unknown(char *buf, size_t cap, const char *name);

#ifdef __cplusplus
}
#endif

#endif
