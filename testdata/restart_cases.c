/* Calls the kernel restarts once an SA_RESTART handler returns
 * (DESIGN.md, "Restarted calls"), where what the restart finds has
 * changed since the call was made:
 *   restart_cases patched  a read through a site whose jump window must
 *                          cover the site (no instruction before it fits
 *                          a jump, no fill within reach), the first call
 *                          from its page, blocked on an empty pipe; the
 *                          SIGALRM handler calls through the same site
 *                          (the page's second call: lazily, its page is
 *                          patched then, the window's jump written over
 *                          the site) and writes the byte the restarted
 *                          read returns
 *   restart_cases cover    the same site called once, then blocked in its
 *                          second call (the one that patches the page
 *                          lazily), the handler writing the byte
 *   restart_cases edited   (after two reads through libc's read, whose
 *                          page lazy instrumenting then has patched)
 *                          a read of 10 bytes the handler's frame edits
 *                          to 2 (rdx, where rip is on a syscall
 *                          instruction with rax read's number, the
 *                          kernel's rewound restart): natively the
 *                          restarted read takes 2 of the 6 bytes the
 *                          handler writes
 *   restart_cases renamed  the same read, its frame's rax made
 *                          restart_syscall's number by the handler, as the
 *                          kernel leaves a call it restarted with no
 *                          handler (ERESTART_RESTARTBLOCK) when a handled
 *                          signal comes before it resumes: natively
 *                          restart_syscall is made, with no restart block
 *                          pending, so the read ends -1 EINTR
 * Each prints what its calls returned. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

long cover_read(long fd, void *buf, long n);
/* Alone on its page, 280 bytes of 7-byte instructions on each side of
 * `mov %edi,%edi; xor %eax,%eax; syscall` (the branch lands on the mov):
 * a window of those three. */
__asm__(".text\n"
	".p2align 12\n"
	".globl cover_read\n"
	".type cover_read,@function\n"
	"cover_read:\n"
	"  .cfi_startproc\n"
	"  push %rbx\n"
	"  .cfi_adjust_cfa_offset 8\n"
	"  .rept 40\n"
	"  lea 0x1000(%rbx),%rbx\n"
	"  .endr\n"
	"  jmp 1f\n"
	"1: mov %edi,%edi\n"
	"  xor %eax,%eax\n"
	"  syscall\n"
	"  .rept 40\n"
	"  lea 0x1000(%rbx),%rbx\n"
	"  .endr\n"
	"  pop %rbx\n"
	"  .cfi_adjust_cfa_offset -8\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size cover_read, .-cover_read\n"
	".p2align 12\n");

static int data[2], other[2];
static volatile sig_atomic_t edited;

static void write_byte(int sig)
{
	(void)sig;
	write(data[1], "y", 1);
}

static void call_then_write(int sig)
{
	(void)sig;
	char c;
	write(other[1], "q", 1);
	cover_read(other[0], &c, 1);
	write(data[1], "y", 1);
}

/* The registers of the frame, when the kernel is to restart the read of
 * 10 bytes it interrupted (rip on a syscall instruction, rax read's
 * number); else NULL. */
static greg_t *read_to_restart(void *context)
{
	ucontext_t *uc = context;
	greg_t *g = uc->uc_mcontext.gregs;
	const unsigned char *ip = (const unsigned char *)g[REG_RIP];
	return ip[0] == 0x0f && ip[1] == 0x05 && g[REG_RAX] == 0 &&
			       g[REG_RDX] == 10
		       ? g
		       : 0;
}

static void edit_count(int sig, siginfo_t *si, void *context)
{
	(void)sig;
	(void)si;
	greg_t *g = read_to_restart(context);
	if (g) {
		g[REG_RDX] = 2;
		edited = 1;
	}
	write(data[1], "abcdef", 6);
}

static void rename_call(int sig, siginfo_t *si, void *context)
{
	(void)sig;
	(void)si;
	greg_t *g = read_to_restart(context);
	if (g) {
		g[REG_RAX] = SYS_restart_syscall;
		edited = 1;
	}
}

/* Two reads through libc's read first: lazily, its page is patched at
 * the second, so that with jumps the read to restart takes the fast
 * path (the entry's own syscall), with traps the signal path. */
static void warm_read(void)
{
	char b[2];
	write(data[1], "ww", 2);
	read(data[0], b, 1);
	read(data[0], b, 1);
}

static void on_alarm(void (*handler)(int), int flags,
		     void (*action)(int, siginfo_t *, void *))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	if (action)
		sa.sa_sigaction = action;
	else
		sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART | flags;
	sigaction(SIGALRM, &sa, 0);
	struct itimerval it = {{0, 0}, {0, 100 * 1000}};
	setitimer(ITIMER_REAL, &it, 0);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	const char *mode = argc > 1 ? argv[1] : "";
	if (pipe(data) || pipe(other))
		return 2;
	char c = 0;
	long r;
	if (!strcmp(mode, "patched")) {
		on_alarm(call_then_write, 0, 0);
		r = cover_read(data[0], &c, 1);
		printf("restarted %ld %c\n", r, c ? c : '-');
	} else if (!strcmp(mode, "cover")) {
		write(data[1], "x", 1);
		r = cover_read(data[0], &c, 1);
		printf("first %ld %c\n", r, c ? c : '-');
		c = 0;
		on_alarm(write_byte, 0, 0);
		r = cover_read(data[0], &c, 1);
		printf("restarted %ld %c\n", r, c ? c : '-');
	} else if (!strcmp(mode, "edited")) {
		char b[16] = {0};
		warm_read();
		on_alarm(0, SA_SIGINFO, edit_count);
		r = read(data[0], b, 10);
		printf("edited %d read %ld \"%s\"\n", (int)edited, r, b);
		return 0;
	} else if (!strcmp(mode, "renamed")) {
		char b[16] = {0};
		warm_read();
		on_alarm(0, SA_SIGINFO, rename_call);
		r = read(data[0], b, 10);
		printf("edited %d read %ld %s\n", (int)edited, r,
		       r < 0 && errno == EINTR ? "EINTR" : b);
		return 0;
	} else {
		return 1;
	}
	/* The site again, patched or not. */
	c = 0;
	write(data[1], "z", 1);
	r = cover_read(data[0], &c, 1);
	printf("after %ld %c\n", r, c ? c : '-');
	return 0;
}
