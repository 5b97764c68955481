/* errno_names: names and C-locale messages of errno values (strace 6.1's
 * spelling), without strerror(). See errno_names.c. */
#ifndef SYSTRAP_HANDLERS_ERRNO_NAMES_H
#define SYSTRAP_HANDLERS_ERRNO_NAMES_H

#ifdef __cplusplus
extern "C" {
#endif

/* "ENOENT" for 2; NULL when the number has no name. */
const char *errno_name(long err);
/* "No such file or directory" for 2; NULL when libc has no message (the
 * caller then prints "Unknown error N", as glibc would). */
const char *errno_message(long err);
/* For ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK:
 * strace prints "= ? NAME (message)" with these messages; NULL otherwise. */
const char *errno_restart_message(long err);

#ifdef __cplusplus
}
#endif

#endif
