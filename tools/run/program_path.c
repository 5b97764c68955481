/* PROG as execvp would find it (program_path.h). */
#include "tools/run/program_path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 0 when path can be exec'd, else the errno execve would most likely
 * give. */
static int runnable(const char *path)
{
	struct stat st;
	if (stat(path, &st))
		return errno;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	if (access(path, X_OK))
		return errno;
	return 0;
}

int program_path(const char *prog, char *out, size_t len, char *err,
		 size_t err_size)
{
	if (!prog[0]) {
		snprintf(err, err_size, "'': command not found");
		return 127;
	}
	if (strchr(prog, '/')) {
		if ((size_t)snprintf(out, len, "%s", prog) >= len) {
			snprintf(err, err_size, "%s: %s", prog, strerror(ENAMETOOLONG));
			return 127;
		}
		int e = runnable(out);
		if (!e)
			return 0;
		snprintf(err, err_size, "%s: %s", prog, strerror(e));
		return e == ENOENT || e == ENOTDIR ? 127 : 126;
	}
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	int denied = 0;
	for (const char *p = path;;) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		/* An empty entry is the current directory, as for execvp. */
		if ((size_t)snprintf(out, len, "%.*s%s%s", (int)n, p, n ? "/" : "",
				     prog) < len) {
			int e = runnable(out);
			if (!e)
				return 0;
			if (e == EACCES)
				denied = 1;
		}
		if (!colon)
			break;
		p = colon + 1;
	}
	if (denied) {
		snprintf(err, err_size, "%s: %s", prog, strerror(EACCES));
		return 126;
	}
	snprintf(err, err_size, "%s: command not found", prog);
	return 127;
}
