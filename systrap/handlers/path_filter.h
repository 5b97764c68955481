/* path_filter: strace's -P PATH (--trace-path): whether a call touches one
 * of the selected paths, decided at the call's entry as strace's
 * pathtrace_match_set() decides it.
 *
 * Why from the signature table: strace has a switch over its calls; here
 * the row's argument kinds say where the paths and descriptors are (every
 * ARG_PATH, ARG_FD and ARG_DIRFD, the fds in select's sets and poll's
 * array), and CLASS_NO_PATH_ARGS marks the calls strace never matches.
 * Only %desc, %file and %network calls can match. A path argument matches
 * when its string equals a selected path; a descriptor when its
 * /proc/self/fd link does. Differs from strace: symlink's and symlinkat's
 * target (which strace does not test) is tested like any path; paths and
 * links longer than TRACE_PATH_BYTES - 1 never match.
 *
 * Runs on the trap path: no libc, bounded stack (two TRACE_PATH_BYTES
 * buffers); memory read only through rd, links through fd_path. */
#ifndef SYSTRAP_HANDLERS_PATH_FILTER_H
#define SYSTRAP_HANDLERS_PATH_FILTER_H

#include "systrap/handlers/format.h"
#include "systrap/handlers/trace_options.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 1 if call nr with args touches one of o->paths (or there are none). */
int path_filter_match(const struct trace_options *o, long nr,
		      const long args[6], read_memory_fn rd,
		      fd_path_fn fd_path);

#ifdef __cplusplus
}
#endif

#endif
