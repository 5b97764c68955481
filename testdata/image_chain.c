/* Exec chains for //tools/trace:image_test (built dynamic and -static):
 * vfork, posix_spawn, an exec in place, a failed exec before a good one.
 *   image_chain vfork PROG ARGS...   vfork + execv, then wait
 *   image_chain spawn PROG ARGS...   posix_spawn, then wait
 *   image_chain exec PROG ARGS...    execv in place
 *   image_chain enoent PROG ARGS...  an execv that fails with ENOENT, then
 *                                    execv PROG in place
 *   image_chain enoent_end exit|kill  an execv that fails with ENOENT, then
 *                                    at once _exit(7), or SIGTERM to itself
 *   image_chain eacces, eacces_end   the same with an execv of a file that
 *                                    is there and cannot run (/dev/null:
 *                                    EACCES), which the launcher is asked
 *                                    to follow, where a missing file's is
 *                                    answered from its lookup
 * Each says what it does on stdout; the status is the child's (or 100 +
 * errno if an exec failed where it should not). */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	const char *mode = argv[1];
	char **prog = argv + 2;
	printf("%s: %s %s\n", argv[0][0] == '/' ? strrchr(argv[0], '/') + 1 : argv[0],
	       mode, prog[0]);
	fflush(stdout);
	if (!strcmp(mode, "exec")) {
		execv(prog[0], prog);
		return 100 + errno;
	}
	char *missing[] = {!strncmp(mode, "eacces", 6)
				   ? "/dev/null"
				   : "/nonexistent/image_chain_missing",
			   0};
	if (!strcmp(mode, "enoent_end") || !strcmp(mode, "eacces_end")) {
		/* No output in between: the process ends while its launcher
		 * may still be letting go of it after the failed exec. */
		execv(missing[0], missing);
		if (!strcmp(prog[0], "kill"))
			kill(getpid(), SIGTERM);
		_exit(7);
	}
	if (!strcmp(mode, "enoent") || !strcmp(mode, "eacces")) {
		execv(missing[0], missing);
		printf("first exec: %s\n", strerror(errno));
		fflush(stdout);
		execv(prog[0], prog);
		return 100 + errno;
	}
	pid_t pid;
	if (!strcmp(mode, "vfork")) {
		pid = vfork();
		if (pid == 0) {
			execv(prog[0], prog);
			_exit(127);
		}
	} else if (!strcmp(mode, "spawn")) {
		int e = posix_spawn(&pid, prog[0], 0, 0, prog, environ);
		if (e)
			return 100 + e;
	} else {
		return 2;
	}
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return 3;
	printf("child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
}
