/* Calls whose arguments are constants of every kind strace names, for
 * //tools/trace:options_compare_test's -X raw / -X verbose comparison:
 * flag words (open's access mode and flags, mmap's, PROT_NONE as a zero
 * with a name), enumerations (lseek's whence, fcntl's commands, a socket
 * option's level and name, one unknown: SEEK_???), AT_FDCWD, socket types
 * with their flags, signal numbers and sets, SIG_IGN, a siginfo, file
 * modes (fstat), rlimits (8192*1024, RLIM64_INFINITY), futex operations,
 * prctl's options, its PR_SET_PTRACER_ANY and a result's name,
 * preadv2's and pwritev2's RWF_* flags (after an offset's two halves),
 * statx's two flag words (a sync type of 0 prints as nothing under -X raw),
 * IPv4 and IPv6 addresses, and errors (whose names strace keeps in every
 * style). The program's own calls start at its getppid(). */
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/stat.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *file = argc > 1 ? argv[1] : "/dev/null";
	getppid();
	int fd = openat(AT_FDCWD, file, O_RDONLY | O_CLOEXEC);
	openat(AT_FDCWD, "/nonexistent/const_styles", O_WRONLY | O_CREAT | O_EXCL, 0640);
	struct stat st;
	fstat(fd, &st);
	lseek(fd, 0, SEEK_END);
	lseek(fd, 0, 7); /* EINVAL, whence unknown */
	fcntl(fd, F_GETFD);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	access("/", R_OK | X_OK);
	void *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mprotect(p, 4096, PROT_NONE);
	munmap(p, 4096);
	char byte = 'x';
	struct iovec iov = { &byte, 1 };
	syscall(SYS_preadv2, fd, &iov, 1, 5L, 0L, RWF_NOWAIT);
	syscall(SYS_pwritev2, fd, &iov, 1, -1L, 0L, RWF_DSYNC | RWF_APPEND); /* EBADF */
	syscall(SYS_preadv2, fd, &iov, 1, 0L, 0L, 0x100); /* RWF_??? */
	static unsigned long stx[32]; /* struct statx */
	syscall(SYS_statx, AT_FDCWD, "/", AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT, STATX_TYPE, stx);
	syscall(SYS_statx, AT_FDCWD, "/", AT_STATX_DONT_SYNC | 0x1, STATX_TYPE, stx); /* EINVAL */
	struct rlimit rl;
	getrlimit(RLIMIT_STACK, &rl);
	syscall(SYS_futex, &rl, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
	prctl(PR_GET_DUMPABLE);  /* its result's name is an aside: none raw */
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY);

	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(9) };
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	connect(s, (struct sockaddr *)&in, sizeof in); /* UDP: nothing sent */
	int reuse = 0;
	socklen_t len = sizeof reuse;
	getsockopt(s, SOL_SOCKET, SO_REUSEADDR, &reuse, &len);
	int s6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6, .sin6_port = htons(9) };
	in6.sin6_addr = in6addr_loopback;
	connect(s6, (struct sockaddr *)&in6, sizeof in6);

	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN + 2);
	sigprocmask(SIG_BLOCK, &set, 0);
	sigprocmask(SIG_UNBLOCK, &set, 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR2, &sa, 0);
	kill(getpid(), SIGUSR2); /* ignored: a siginfo line, no stop */
	close(s6);
	close(s);
	close(fd);
	return 0; /* nothing written: stdout's size is no part of the trace */
}
