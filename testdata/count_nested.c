/* count_nested: calls a -c table must count as strace -c counts them,
 * made at every depth: getppid in a loop; a read from a pipe that a
 * SIGUSR1 interrupts (SA_RESTART: restarted) while its handler makes
 * calls of its own, one failing; a nanosleep the same signal interrupts
 * without a restart (EINTR); failing calls (EBADF, ENOENT); fstat of
 * every descriptor 0..63 (most fail). Exits 0.
 *
 * The child sends each signal 100 ms after the parent said, by a byte on a
 * pipe, that it is about to wait, not 100 ms after its own start: under a
 * loaded tracer (strace, the oracle, under a whole test suite) the parent
 * once reached its nanosleep more than 100 ms after its read returned, the
 * signal ran before the sleep, and the sleep lasted its full 5 s (exit 3). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void on_usr1(int sig)
{
	(void)sig;
	for (int i = 0; i < 3; i++)
		getpid();
	(void)!write(-1, "x", 1); /* EBADF */
}

int main(void)
{
	for (int i = 0; i < 1000; i++)
		getppid();
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, 0);
	int p[2], ready[2];
	if (pipe(p) || pipe(ready))
		return 1;
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		struct timespec d = {0, 100 * 1000 * 1000};
		char r;
		if (read(ready[0], &r, 1) != 1)
			_exit(1);
		nanosleep(&d, 0);
		kill(parent, SIGUSR1); /* interrupts the read: restarted */
		nanosleep(&d, 0);
		(void)!write(p[1], "y", 1);
		if (read(ready[0], &r, 1) != 1)
			_exit(1);
		nanosleep(&d, 0);
		kill(parent, SIGUSR1); /* interrupts the nanosleep: EINTR */
		_exit(0);
	}
	char c;
	(void)!write(ready[1], "r", 1); /* about to wait in the read */
	if (read(p[0], &c, 1) != 1 || c != 'y')
		return 2;
	sa.sa_flags = 0;
	sigaction(SIGUSR1, &sa, 0);
	struct timespec d = {5, 0};
	(void)!write(ready[1], "s", 1); /* about to sleep */
	if (nanosleep(&d, 0) != -1 || errno != EINTR)
		return 3;
	int st;
	if (waitpid(child, &st, 0) != child)
		return 4;
	(void)!open("/nonexistent/x", O_RDONLY); /* ENOENT */
	struct stat sb;
	for (int fd = 0; fd < 64; fd++)
		fstat(fd, &sb);
	return 0;
}
