/* What //tools/trace:json_output_test traces with --json and --timeline:
 * calls whose every field is known.
 *   hello:   write(1, "hi\n", 3); a string with control bytes, invalid
 *            UTF-8 and quotes, a valid UTF-8 one and a 40-byte one (cut at
 *            -s 32) written to /dev/null; exits 0.
 *   threads: raises SIGUSR1 (handled); then a thread named "reader" blocks
 *            in read() on a pipe while one named "writer" sleeps 300 ms
 *            and writes the byte it waits for; prints both tids; exits 0.
 *   killed:  a thread named "reader" blocks in read() on a pipe nobody
 *            writes; the main thread prints its tid, waits 200 ms and
 *            kills the process with SIGKILL. */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int pipefd[2];
static volatile int reader_tid, writer_tid;

static void *reader(void *arg)
{
	prctl(PR_SET_NAME, "reader");
	reader_tid = (int)syscall(SYS_gettid);
	char c;
	ssize_t n = read(pipefd[0], &c, 1);
	(void)n;
	return arg;
}

static void *writer(void *arg)
{
	prctl(PR_SET_NAME, "writer");
	writer_tid = (int)syscall(SYS_gettid);
	while (!reader_tid) /* no call: the writer's track holds one sleep */
		__asm__ volatile("" ::: "memory");
	struct timespec ts = {0, 300 * 1000 * 1000};
	nanosleep(&ts, 0);
	ssize_t n = write(pipefd[1], "x", 1);
	(void)n;
	return arg;
}

static void on_usr1(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "hello";
	if (!strcmp(mode, "hello")) {
		ssize_t n = write(1, "hi\n", 3);
		int fd = open("/dev/null", O_WRONLY);
		n = write(fd, "a\tb\001\377\"\\\303\251", 9);
		n = write(fd, "\303\251t\303\251", 5);
		n = write(fd, "0123456789012345678901234567890123456789", 40);
		close(fd);
		(void)n;
		return 0;
	}
	if (pipe(pipefd))
		return 1;
	pthread_t r, w;
	if (!strcmp(mode, "threads")) {
		signal(SIGUSR1, on_usr1);
		raise(SIGUSR1);
		pthread_create(&r, 0, reader, 0);
		pthread_create(&w, 0, writer, 0);
		pthread_join(r, 0);
		pthread_join(w, 0);
		printf("reader %d writer %d\n", reader_tid, writer_tid);
		return 0;
	}
	if (!strcmp(mode, "killed")) {
		pthread_create(&r, 0, reader, 0);
		while (!reader_tid)
			usleep(1000);
		printf("reader %d\n", reader_tid);
		fflush(stdout);
		usleep(200 * 1000);
		kill(getpid(), SIGKILL);
	}
	return 2;
}
