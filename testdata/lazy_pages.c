/* How much of libc's code this process has had patched, for
 * //tools/trace:image_test's lazy instrumenting tests: prints
 * "libc_code_dirty_kb=N" (the private, written pages of libc's executable
 * mappings, from /proc/self/smaps) and "ld_so_code_dirty_kb=N" (the
 * dynamic loader's), and exits 0.
 *
 *  plain   nothing else: the pages of the few calls made so far
 *  thread  first makes a thread that calls getppid and is joined
 *  fork    first forks a child that calls uname (from a page of libc's
 *          nothing called before) and is waited for; prints the child's
 *          nodename length as "child_uname=N" too
 *  spawn   first posix_spawns /bin/true ten times, raising SIGUSR1 (a
 *          handler counts it) after each; prints "handled=10"
 *  vdso    first asks clock_gettime five times for clock 42, which the
 *          vDSO has no fast path for: its syscall fallback (EINVAL)
 * It prints "vdso_code_dirty_kb=N" too (the vDSO's written code).
 */
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static volatile sig_atomic_t handled;
static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static void *in_thread(void *arg)
{
	(void)arg;
	return (void *)(long)getppid();
}

/* The private, written kB of the executable mappings of the object whose
 * path ends in name ("/libc.so.6\n"). */
static long code_dirty_kb(const char *name)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f)
		return -1;
	char line[512];
	int in_code = 0;
	long kb = 0;
	while (fgets(line, sizeof line, f)) {
		char perms[8];
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3) {
			in_code = strchr(perms, 'x') && strstr(line, name);
			continue;
		}
		long v;
		if (in_code && sscanf(line, "Private_Dirty: %ld kB", &v) == 1)
			kb += v;
	}
	fclose(f);
	return kb;
}

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "plain";
	if (!strcmp(how, "thread")) {
		pthread_t t;
		void *r;
		if (pthread_create(&t, 0, in_thread, 0) || pthread_join(t, &r) ||
		    (long)r != (long)getppid())
			return 1;
	} else if (!strcmp(how, "fork")) {
		pid_t pid = fork();
		if (pid == 0) {
			struct utsname u;
			if (uname(&u))
				_exit(1);
			_exit((int)strlen(u.nodename) & 0x7f);
		}
		int st;
		if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
			return 1;
		struct utsname u;
		if (uname(&u) || WEXITSTATUS(st) != ((int)strlen(u.nodename) & 0x7f))
			return 1;
		printf("child_uname=%d\n", WEXITSTATUS(st));
	} else if (!strcmp(how, "spawn")) {
		signal(SIGUSR1, on_usr1);
		for (int i = 0; i < 10; i++) {
			pid_t pid;
			char *args[] = {"/bin/true", 0};
			int st;
			if (posix_spawn(&pid, "/bin/true", 0, 0, args, environ) ||
			    waitpid(pid, &st, 0) != pid)
				return 1;
			raise(SIGUSR1);
		}
		printf("handled=%d\n", (int)handled);
	} else if (!strcmp(how, "vdso")) {
		for (int i = 0; i < 5; i++) {
			struct timespec ts;
			if (clock_gettime(42, &ts) != -1)
				return 1;
		}
	} else if (strcmp(how, "plain")) {
		return 2;
	}
	long kb = code_dirty_kb("/libc.so.6\n");
	long ld_kb = code_dirty_kb("/ld-linux-x86-64.so.2\n");
	long vdso_kb = code_dirty_kb("[vdso]\n");
	printf("libc_code_dirty_kb=%ld\nld_so_code_dirty_kb=%ld\n"
	       "vdso_code_dirty_kb=%ld\n", kb, ld_kb, vdso_kb);
	return kb < 0 || ld_kb < 0 || vdso_kb < 0;
}
