/* getppid calls, each of whose results it prints as "1" (a pid) or "0"
 * (what -e inject=getppid:retval=0 makes it), for trace_compare_test's
 * InjectCountsAsStrace: strace counts when= per tracee, so a second
 * thread's or a forked child's first call is its own first, whatever the
 * main thread made before. "threads": main, a thread, main again;
 * "fork": the parent, then the child twice, then the parent again;
 * "vfork": the parent, then a vfork child once (it runs on its parent's
 * memory, unprinted) and, exec'd as "exec-child", twice more (an exec
 * keeps its count), then the parent again. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int ppid_seen(void)
{
	return syscall(SYS_getppid) > 0;
}

static void *thread_call(void *unused)
{
	(void)unused;
	printf("thread %d\n", ppid_seen());
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int first = ppid_seen();
	if (!strcmp(mode, "threads")) {
		pthread_t t;
		fflush(stdout);
		pthread_create(&t, 0, thread_call, 0);
		pthread_join(t, 0);
	} else if (!strcmp(mode, "fork")) {
		fflush(stdout);
		if (fork() == 0) {
			int a = ppid_seen(), b = ppid_seen();
			printf("child %d %d\n", a, b);
			return 0;
		}
		wait(0);
	} else if (!strcmp(mode, "exec-child")) {
		printf("exec-child %d %d\n", first, ppid_seen());
		return 0;
	} else if (!strcmp(mode, "vfork")) {
		fflush(stdout);
		static char *const child_argv[] = {"inject_counts", "exec-child",
						   0};
		if (vfork() == 0) {
			syscall(SYS_getppid);
			execv("/proc/self/exe", child_argv);
			_exit(127);
		}
		wait(0);
	} else {
		return 2;
	}
	printf("main %d %d\n", first, ppid_seen());
	return 0;
}
