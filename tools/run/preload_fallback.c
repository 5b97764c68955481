/* The preload way, when ptrace is refused (preload_fallback.h). */
#include "tools/run/preload_fallback.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tools/launcher/launcher_signals.h"

int preload_beside(const char *image, char *out, size_t len)
{
	static const char suffix[] = ".image.so";
	size_t n = strlen(image), s = sizeof suffix - 1;
	out[0] = 0;
	if (n <= s || strcmp(image + n - s, suffix) || n - s + 4 > len)
		return -1;
	memcpy(out, image, n - s);
	memcpy(out + n - s, ".so", 4);
	return access(out, R_OK) ? -1 : 0;
}

/* Whether path is an ELF program without an interpreter. */
static int is_static_elf(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0; /* execute-only: let the exec say what it says */
	int statik = 0;
	Elf64_Ehdr eh;
	if (read(fd, &eh, sizeof eh) == (ssize_t)sizeof eh &&
	    !memcmp(eh.e_ident, ELFMAG, SELFMAG)) {
		statik = 1;
		for (int i = 0; i < eh.e_phnum; i++) {
			Elf64_Phdr ph;
			if (pread(fd, &ph, sizeof ph,
				  (off_t)(eh.e_phoff + i * sizeof ph)) != (ssize_t)sizeof ph)
				break;
			if (ph.p_type == PT_INTERP)
				statik = 0;
		}
	}
	close(fd);
	return statik;
}

const char *preload_cannot_reach(const char *path)
{
	struct stat st;
	if (!stat(path, &st) && (st.st_mode & (S_ISUID | S_ISGID)) && getuid() != 0)
		return "it is setuid/setgid, and the dynamic loader ignores LD_PRELOAD for it";
	if (is_static_elf(path))
		return "it is statically linked, and a preload needs the dynamic loader";
	return 0;
}

pid_t preload_start(const char *path, char *const argv[], const char *preload,
		    const char *const settings[], const sigset_t *mask)
{
	pid_t pid = fork();
	if (pid)
		return pid;
	for (size_t i = 0; settings && settings[i]; i++) {
		const char *eq = strchr(settings[i], '=');
		char name[256];
		size_t n = (size_t)(eq - settings[i]);
		if (!eq || n >= sizeof name || !strncmp(settings[i], "LD_PRELOAD=", 11))
			continue;
		memcpy(name, settings[i], n);
		name[n] = 0;
		setenv(name, eq + 1, 1);
	}
	const char *theirs = getenv("LD_PRELOAD");
	char *ld;
	if (asprintf(&ld, "%s%s%s", preload, theirs && *theirs ? ":" : "",
		     theirs ? theirs : "") > 0)
		setenv("LD_PRELOAD", ld, 1);
	launcher_set_mask(mask);
	execv(path, argv);
	int e = errno;
	fprintf(stderr, "systrap-run: %s: %s\n", path, strerror(e));
	_exit(e == ENOENT ? 127 : 126);
}
