/* Modes: fork (child prints, exits 3; parent waits), vfork-exec (200 x vfork
 * + execve /bin/true), vfork-exit (200 x vfork + _exit(7)), spawn
 * (posix_spawn of /bin/echo), threads-fork (two threads make calls while
 * the main thread forks 20 children that make calls and exit 5). */
#include <pthread.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void *caller(void *arg)
{
	long *ok = arg;
	for (int i = 0; i < 20000; i++)
		*ok += syscall(SYS_getppid) == getppid();
	return 0;
}

static int threads_fork(void)
{
	pthread_t t[2];
	long ok[2] = {0, 0};
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], 0, caller, &ok[i]);
	int good = 0;
	for (int i = 0; i < 20; i++) {
		pid_t p = fork();
		if (p == 0) {
			int n = 0;
			for (int k = 0; k < 100; k++)
				n += syscall(SYS_getpid) == getpid();
			_exit(n == 100 ? 5 : 6);
		}
		int st;
		if (p > 0 && waitpid(p, &st, 0) == p && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 5)
			good++;
	}
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], 0);
	printf("children as expected: %d of 20; thread calls: %ld %ld\n", good,
	       ok[0], ok[1]);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	const char *m = argc > 1 ? argv[1] : "fork";
	if (!strcmp(m, "fork")) {
		pid_t p = fork();
		if (p == 0) {
			printf("child says hello\n");
			_exit(3);
		}
		int st;
		waitpid(p, &st, 0);
		printf("parent: child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return 0;
	}
	if (!strcmp(m, "vfork-exec") || !strcmp(m, "vfork-exit")) {
		int exec = !strcmp(m, "vfork-exec");
		int good = 0;
		for (int i = 0; i < 200; i++) {
			pid_t p = vfork();
			if (p == 0) {
				if (exec) {
					char *av[] = {"/bin/true", 0};
					execve("/bin/true", av, environ);
				}
				_exit(7);
			}
			if (p < 0)
				break;
			int st;
			if (waitpid(p, &st, 0) == p && WIFEXITED(st) &&
			    WEXITSTATUS(st) == (exec ? 0 : 7))
				good++;
		}
		printf("%s: %d of 200 as expected\n", m, good);
		return good == 200 ? 0 : 1;
	}
	if (!strcmp(m, "threads-fork"))
		return threads_fork();
	if (!strcmp(m, "spawn")) {
		char *av[] = {"/bin/echo", "spawned", "echo", 0};
		pid_t p;
		int r = posix_spawn(&p, "/bin/echo", 0, 0, av, environ);
		if (r)
			return 2;
		int st;
		waitpid(p, &st, 0);
		printf("echo exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return 0;
	}
	return 2;
}
