/* pid_types: which id a pid is (strace's enum pid_type), for ARG_PID's
 * type in the signature table and pidns.c's translation: the
 * /proc/PID/status line (NSpid, NStgid, NSpgid, NSsid) it is read from. */
#ifndef SYSTRAP_HANDLERS_PID_TYPES_H
#define SYSTRAP_HANDLERS_PID_TYPES_H

enum pidns_type { PIDNS_TID, PIDNS_TGID, PIDNS_PGID, PIDNS_SID };

#endif
