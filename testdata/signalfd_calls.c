/* signalfd4 with each flag, none, and one the kernel refuses, for
 * trace_compare_test: its flags are SFD_*, printed in strace's order. */
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

int main(void)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, 0);
	int a = signalfd(-1, &s, SFD_CLOEXEC | SFD_NONBLOCK);
	int b = signalfd(-1, &s, SFD_NONBLOCK);
	int c = signalfd(-1, &s, 0);
	int refused = signalfd(-1, &s, 0x4000000);
	close(a);
	close(b);
	close(c);
	return a < 0 || b < 0 || c < 0 || refused >= 0;
}
