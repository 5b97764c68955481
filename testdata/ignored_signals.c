/* Signals a program ignores, raised by the kernel for it or sent by it to
 * itself, for //tools/trace:trace_pipeline_test: strace shows each (under
 * ptrace the kernel queues an ignored signal), and so must the tracer.
 * argv[1] says which:
 *   raise    SIGUSR1, SIGUSR2 and SIGCHLD (ignored, or ignored by default)
 *            sent with raise (tgkill), kill, kill(0) (in a process
 *            group of its own) and sigqueue
 *            (rt_sigqueueinfo)
 *   epipe    EPIPE from writes to a closed pipe and unix sockets, with
 *            SIGPIPE ignored: a signal after the pipe's, the stream
 *            socket's write and sendmsg; none after MSG_NOSIGNAL nor a
 *            seqpacket socket's write (the kernel sends none)
 *   blocked  the same signals while the program blocks them: pending
 *            (sigpending says so) until it unblocks them, then shown
 * The output is the same natively and traced. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static void say_errno(const char *what, long r)
{
	printf("%s: %s\n", what, r < 0 ? strerror(errno) : "ok");
}

static int closed_pipe(void)
{
	int fd[2];
	if (pipe(fd))
		return -1;
	close(fd[0]);
	return fd[1];
}

static int closed_socket(int type)
{
	int fd[2];
	if (socketpair(AF_UNIX, type, 0, fd))
		return -1;
	close(fd[0]);
	return fd[1];
}

static void raise_them(void)
{
	signal(SIGUSR1, SIG_IGN);
	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR1);
	kill(getpid(), SIGUSR1);
	setpgid(0, 0); /* a group of its own: kill(0) reaches it alone */
	kill(0, SIGUSR2);
	union sigval v = {.sival_int = 7};
	sigqueue(getpid(), SIGUSR1, v);
	kill(getpid(), SIGCHLD); /* SIG_DFL: ignored by default */
	kill(getpid(), 0);       /* no signal */
	puts("raised");
}

static void epipe(void)
{
	signal(SIGPIPE, SIG_IGN);
	char b[] = "abc";
	struct iovec iov = {b, 3};
	struct msghdr mh = {0};
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	int fd = closed_pipe();
	say_errno("pipe write", write(fd, b, 3));
	say_errno("pipe writev", writev(fd, &iov, 1));
	close(fd);
	fd = closed_socket(SOCK_STREAM);
	say_errno("stream write", write(fd, b, 3));
	say_errno("stream send MSG_NOSIGNAL", send(fd, b, 3, MSG_NOSIGNAL));
	say_errno("stream sendmsg", sendmsg(fd, &mh, 0));
	close(fd);
	fd = closed_socket(SOCK_SEQPACKET);
	say_errno("seqpacket write", write(fd, b, 3));
	close(fd);
}

static void blocked(void)
{
	signal(SIGPIPE, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	sigset_t s, p;
	sigemptyset(&s);
	sigaddset(&s, SIGPIPE);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, 0);
	int fd = closed_pipe();
	say_errno("pipe write", write(fd, "x", 1));
	say_errno("pipe write again", write(fd, "y", 1));
	syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
	sigpending(&p);
	printf("pending: SIGPIPE %d SIGUSR1 %d\n", sigismember(&p, SIGPIPE),
	       sigismember(&p, SIGUSR1));
	fflush(stdout);
	syscall(SYS_getppid);
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &usr1, 0); /* SIGUSR1 only */
	syscall(SYS_getppid);
	sigemptyset(&s);
	sigprocmask(SIG_SETMASK, &s, 0); /* then SIGPIPE */
	syscall(SYS_getppid);
	sigpending(&p);
	printf("pending after: SIGPIPE %d\n", sigismember(&p, SIGPIPE));
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "raise"))
		raise_them();
	else if (!strcmp(argv[1], "epipe"))
		epipe();
	else if (!strcmp(argv[1], "blocked"))
		blocked();
	else
		return 2;
	return 0;
}
