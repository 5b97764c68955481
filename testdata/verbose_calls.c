/* The calls whose structures strace abbreviates by default, for
 * options_compare_test's -v / -e abbrev= / -e verbose= cases: DIR holds
 * files whose times the test set; every result is the same run after run
 * (getrusage of children when there are none: zeros).
 *
 * usage: verbose_calls DIR   (DIR/file and DIR/dev_null -> a symlink) */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: verbose_calls DIR\n");
		return 2;
	}
	char file[4096], link[4096];
	snprintf(file, sizeof file, "%s/file", argv[1]);
	snprintf(link, sizeof link, "%s/dev_null", argv[1]);
	struct stat st;
	syscall(SYS_stat, file, &st);
	syscall(SYS_lstat, link, &st);
	syscall(SYS_stat, "/dev/null", &st); /* a device: st_rdev */
	int fd = open(file, O_RDONLY);
	syscall(SYS_fstat, fd, &st);
	syscall(SYS_newfstatat, AT_FDCWD, file, &st, 0);
	close(fd);
	struct statx sx;
	syscall(SYS_statx, AT_FDCWD, file, 0, STATX_BASIC_STATS, &sx);

	int dir = open(argv[1], O_RDONLY | O_DIRECTORY);
	char buf[4096];
	syscall(SYS_getdents64, dir, buf, sizeof buf);
	lseek(dir, 0, SEEK_SET);
	syscall(SYS_getdents, dir, buf, sizeof buf);
	close(dir);

	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);

	/* An execve that fails, with more arguments than -s 32 shows. */
	char *args[41], *env[] = { "A=1", "B=two", NULL };
	char words[40][8];
	for (int i = 0; i < 40; i++) {
		snprintf(words[i], sizeof words[i], "arg%d", i);
		args[i] = words[i];
	}
	args[40] = NULL;
	syscall(SYS_execve, "/nonexistent/verbose_calls", args, env);
	/* Not printf: its fstat of stdout would differ run by run. */
	return write(1, "done\n", 5) == 5 ? 0 : 1;
}
