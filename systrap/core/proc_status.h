/* The NS lines of a /proc/PID/status text (NSpid, NStgid, NSpgid, NSsid):
 * a process's ids from /proc's pid namespace down to its own. Read by the
 * tool's pid translation (handlers/pidns.c) and by the image's exec
 * hand-off below the launcher's namespace (image/exec_handoff.c). No libc:
 * both run on the trap path. */
#ifndef SYSTRAP_CORE_PROC_STATUS_H
#define SYSTRAP_CORE_PROC_STATUS_H

/* The ids of the line that begins with key (its newline included:
 * "\nNSpid:") in text: their count, at most max; 0 without the line. */
static inline int proc_status_ids(const char *text, const char *key, int *ids,
				  int max)
{
	for (const char *p = text; *p; p++) {
		int k = 0;
		while (key[k] && p[k] == key[k])
			k++;
		if (key[k])
			continue;
		p += k;
		int n = 0;
		while (n < max) {
			while (*p == '\t' || *p == ' ')
				p++;
			if (*p < '0' || *p > '9')
				break;
			int v = 0;
			while (*p >= '0' && *p <= '9')
				v = v * 10 + (*p++ - '0');
			ids[n++] = v;
		}
		return n;
	}
	return 0;
}

#endif
