/* ioctl requests of ioctl_decoders.c's table, made on fd -1 (EBADF: the
 * kernel reads nothing) and on a pipe (ENOTTY): trace_compare_test's ioctl
 * case compares each line with strace 6.1's. */
#include <linux/inotify.h>
#include <linux/random.h>
#include <linux/watchdog.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* The kernel's (asm-generic/termios.h); glibc's headers stop at TIOCM_RI. */
#ifndef TIOCM_OUT1
#define TIOCM_OUT1 0x2000
#define TIOCM_OUT2 0x4000
#define TIOCM_LOOP 0x8000
#endif

int main(void)
{
	int v = 123, modem = TIOCM_DTR | TIOCM_RTS | TIOCM_LOOP | 0x10000000;
	struct {
		struct rand_pool_info info;
		char buf[8];
	} pool = { { 3, 8 }, "12345678" };
	memcpy(pool.info.buf, "12345678", 8);
	ioctl(-1, WDIOC_GETSTATUS, &v);
	ioctl(-1, WDIOC_GETTIMEOUT, NULL);
	ioctl(-1, WDIOC_SETTIMEOUT, &v);
	ioctl(-1, WDIOC_SETPRETIMEOUT, NULL);
	ioctl(-1, WDIOC_KEEPALIVE, 0);
	ioctl(-1, TIOCMGET, &modem);
	ioctl(-1, TIOCMBIS, &modem);
	ioctl(-1, TIOCMBIC, NULL);
	ioctl(-1, TIOCMSET, &v);
	ioctl(-1, RNDGETENTCNT, &v);
	ioctl(-1, RNDADDTOENTCNT, &v);
	ioctl(-1, RNDADDENTROPY, &pool);
	ioctl(-1, RNDZAPENTCNT, 0);
	ioctl(-1, RNDCLEARPOOL, 0);
	ioctl(-1, RNDRESEEDCRNG, 0);
	ioctl(-1, INOTIFY_IOC_SETNEXTWD, -42);
	/* A real descriptor that is no terminal: ENOTTY. */
	int fds[2];
	if (pipe(fds) == 0)
		ioctl(fds[0], TIOCMGET, &v);
	return write(1, "done\n", 5) == 5 ? 0 : 1;
}
