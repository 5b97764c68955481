/* The launcher's side of --json and --timeline=FILE: the events traced
 * processes put in the ring (trace_ring.h's struct ring_event) turned into
 * JSON Lines objects and Chrome trace events (the format Perfetto and
 * chrome://tracing open). docs/DESIGN.md, "Output for tools", gives the
 * schema. Launcher code: libc allowed, never on the trap path. */
#ifndef TOOLS_TRACE_TRACE_JSON_H
#define TOOLS_TRACE_TRACE_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tools/trace/trace_ring.h"

/* A growable text. */
struct jbuf {
	char *p;
	size_t len, cap;
};
void jb_free(struct jbuf *b);

/* s[0..n) as a JSON string, quotes included. Valid UTF-8 is kept as it
 * is; control bytes are escaped (\n, \t, ... or \u00XX). A text that is
 * not valid UTF-8 has each of its bytes >= 0x80 written as \u00XX (the
 * byte's Latin-1 code point), and *latin1 (if given) is set to 1. */
void json_string(struct jbuf *b, const char *s, size_t n, int *latin1);

/* One event as a JSON Lines object, with its newline. unfinished: a
 * RING_EV_START whose call never ended (its process died, or we left);
 * end_ns is then when that was seen. */
void trace_json_event(struct jbuf *b, const struct ring_event *ev, int pid,
		      int tid, const char *text1, const char *text2,
		      int unfinished, int64_t end_ns);

/* A line of the launcher's own ("systrap-trace: ...") as an object. */
void trace_json_notice(struct jbuf *b, int pid, const char *text);

/* The --timeline file: one Chrome trace-event JSON object, written by the
 * launcher alone (so valid whatever the traced processes died of), with
 * timestamps in microseconds since origin_ns, one track per thread. */
struct timeline {
	FILE *f;
	int events;        /* written so far */
	int64_t origin_ns; /* CLOCK_REALTIME when the launcher began */
	struct timeline_name {
		int pid, tid;
		char name[64];
	} *names;
	int nnames, cap;
	int last;          /* the name found last */
};

/* Opens (truncates) path: 0, or -1 with errno. */
int timeline_open(struct timeline *t, const char *path);
/* The event's trace events (a call's slice, a signal's or an end's
 * instant; nothing for a RING_EV_START unless unfinished). */
void timeline_event(struct timeline *t, const struct ring_event *ev, int pid,
		    int tid, const char *text1, const char *text2,
		    int unfinished, int64_t end_ns);
/* The thread's name (comm) for its track: read now from /proc while the
 * thread lives, kept for the metadata written at the end. again: read it
 * anew (after an execve or a PR_SET_NAME). */
void timeline_name_thread(struct timeline *t, int pid, int tid, int again);
/* The metadata (process and thread names), the end of the array and the
 * object: the file is complete. */
void timeline_close(struct timeline *t);

#endif
