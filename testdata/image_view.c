/* What a program sees of its own start, printed for //tools/trace:image_test
 * to compare traced with native: argv, environ, /proc/self/environ, its
 * executable (/proc/self/exe), AT_EXECFN, its open descriptors, whether
 * its parent is the pid given as argv[1] (if it has one argument), whether a child it
 * forks sees it as its parent, and the CPUs it may run on (the launcher
 * puts its child on another CPU than its own until the exec stop). */
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	for (char **e = environ; *e; e++)
		printf("environ: %s\n", *e);
	int fd = open("/proc/self/environ", O_RDONLY);
	static char buf[1 << 16];
	ssize_t n = 0, r;
	while (fd >= 0 && (r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
		n += r;
	if (fd >= 0)
		close(fd);
	for (ssize_t i = 0; i < n; i += strlen(buf + i) + 1)
		printf("/proc/self/environ: %s\n", buf + i);
	char exe[4096];
	ssize_t m = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[m < 0 ? 0 : m] = 0;
	printf("exe=%s\n", exe);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	printf("AT_EXECFN=%s\n", execfn ? execfn : "(none)");
	cpu_set_t cpus;
	if (sched_getaffinity(0, sizeof cpus, &cpus) == 0) {
		printf("CPUs:");
		for (int c = 0; c < CPU_SETSIZE; c++)
			if (CPU_ISSET(c, &cpus))
				printf(" %d", c);
		printf("\n");
	}
	/* Descriptors: what is open, and to what (pipes and sockets by kind
	 * only: their inode numbers differ from run to run). */
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.' || atoi(de->d_name) == dirfd(d))
			continue;
		char path[300], target[4096];
		snprintf(path, sizeof path, "/proc/self/fd/%s", de->d_name);
		ssize_t t = readlink(path, target, sizeof target - 1);
		target[t < 0 ? 0 : t] = 0;
		char *colon = strchr(target, ':');
		if (colon && colon[1] == '[')
			*colon = 0;
		printf("fd %s -> %s\n", de->d_name, target);
	}
	if (d)
		closedir(d);
	if (argc == 2)
		printf("parent is the pid in argv[1]: %s\n",
		       atoi(argv[1]) == getppid() ? "yes" : "no");
	fflush(stdout);
	pid_t self = getpid(), pid = fork();
	if (pid == 0) {
		printf("child's parent is this process: %s\n",
		       getppid() == self ? "yes" : "no");
		fflush(stdout);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	return 0;
}
