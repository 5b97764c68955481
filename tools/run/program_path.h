/* PROG as execvp would find it, and the shell's exit status when it
 * cannot be run: 127 not found, 126 found but not executable. */
#ifndef SYSTRAP_TOOLS_RUN_PROGRAM_PATH_H
#define SYSTRAP_TOOLS_RUN_PROGRAM_PATH_H

#include <stddef.h>

/* Fills out with PROG's path (PROG itself when it has a '/', else the
 * first executable PROG in $PATH). Returns 0, or 127/126 with one line
 * (no newline) in err, as a shell would say it. */
int program_path(const char *prog, char *out, size_t len, char *err,
		 size_t err_size);

#endif
