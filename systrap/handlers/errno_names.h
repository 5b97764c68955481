/* errno_names: names and C-locale messages of errno values (strace 6.1's
 * spelling), without strerror(). See errno_names.c. */
#ifndef SYSTRAP_HANDLERS_ERRNO_NAMES_H
#define SYSTRAP_HANDLERS_ERRNO_NAMES_H

#ifdef __cplusplus
extern "C" {
#endif

/* Linux's internal codes (include/linux/errno.h), which no userspace
 * header defines: the ERESTART* ones reach a tracer as the result of a call
 * a signal interrupted, the others only from a broken driver. */
enum kernel_errno {
	KERNEL_ERRNO_FIRST = 512,
	ERESTARTSYS = 512,
	ERESTARTNOINTR = 513,
	ERESTARTNOHAND = 514,
	ENOIOCTLCMD = 515,
	ERESTART_RESTARTBLOCK = 516,
	EPROBE_DEFER = 517,
	EOPENSTALE = 518,
	ENOPARAM = 519,
	EBADHANDLE = 521,
	ENOTSYNC = 522,
	EBADCOOKIE = 523,
	ENOTSUPP = 524,
	ETOOSMALL = 525,
	ESERVERFAULT = 526,
	EBADTYPE = 527,
	EJUKEBOX = 528,
	EIOCBQUEUED = 529,
	ERECALLCONFLICT = 530,
	ENOGRACE = 531,
};

/* The fields holding a name (ERESTART_RESTARTBLOCK is 21 letters) and a
 * message ("Invalid or incomplete multibyte or wide character" is 49) with
 * their NULs; format_test checks that every one ends within its field. */
#define ERRNO_NAME_MAX 24
#define ERRNO_MESSAGE_MAX 52

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
