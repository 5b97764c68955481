/* io_dump: strace's -e read=SET and -e write=SET, the hex and ASCII dump of
 * the data a call moved through a descriptor, printed after its line:
 *
 *   read(3, "hello\n", 4096)                = 6
 *    | 00000  68 65 6c 6c 6f 0a                                hello.           |
 *
 * Which calls dump, and where their data is, is the signature table's
 * io_dump column (syscall_table.h); the layout is strace 6.1's dumpstr and
 * dumpiov_upto, byte for byte: 16 bytes a line in two groups of 8, the
 * offset in at least five hex digits, " * N bytes in buffer I" before each
 * buffer of an iovec, " = N buffers in vector I" before each message of
 * sendmmsg/recvmmsg.
 *
 * Runs in the tracer's post hook (the trap path): no libc, no allocation,
 * a small stack; the program's memory is read only through `rd`, a page at
 * a time, so a buffer of any size is dumped in bounded memory. Text is
 * handed to `emit` in whole lines, as many as fit the caller's buffer. */
#ifndef SYSTRAP_HANDLERS_IO_DUMP_H
#define SYSTRAP_HANDLERS_IO_DUMP_H

#include <stddef.h>
#include <stdint.h>

#include "systrap/handlers/format.h"

#ifdef __cplusplus
extern "C" {
#endif

struct io_dump_sink {
	void (*emit)(void *cookie, const char *text, size_t n);
	void *cookie;
	char *buf;  /* the caller's; at least IO_DUMP_MIN_BUFFER bytes */
	size_t cap;
};

#define IO_DUMP_MIN_BUFFER 256

/* Dumps what call nr (ended with `result`, -errno on failure) moved:
 * written data when `written` is set (whatever the result), read data when
 * `read` is set and the call succeeded, as the row's io_dump says; nothing
 * for a call without one or a negative descriptor. `tid` names the thread
 * in strace's "<Cannot fetch ...>" note. */
void io_dump_call(long nr, const long args[6], long result, int written,
		  int read, read_memory_fn rd, int tid,
		  const struct io_dump_sink *sink);

#ifdef __cplusplus
}
#endif

#endif
