/* A parent that stops and continues each child around the child's exec,
 * as job control or a supervisor may: fork, the child execs this program
 * again ("child": sleeps 20 ms, exits 5), the parent sends SIGSTOP at a
 * varying moment, waits for the stop (WUNTRACED), sends SIGCONT and waits
 * for the exit. Prints how many rounds went otherwise. Under -f the
 * launcher holds each child for its exec (//tools/trace:image_test): a
 * child stopped there once stayed stopped for good. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child")) {
		usleep(20000);
		return 5;
	}
	int rounds = argc > 1 ? atoi(argv[1]) : 40, bad = 0;
	for (int i = 0; i < rounds; i++) {
		pid_t p = fork();
		if (p == 0) {
			execl("/proc/self/exe", argv[0], "child", (char *)0);
			_exit(90);
		}
		usleep((useconds_t)((i * 53) % 1500));
		kill(p, SIGSTOP);
		int st;
		waitpid(p, &st, WUNTRACED);
		if (!WIFSTOPPED(st)) {
			bad++;
			continue;
		}
		kill(p, SIGCONT);
		waitpid(p, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 5)
			bad++;
	}
	printf("%d of %d rounds otherwise\n", bad, rounds);
	return 0;
}
