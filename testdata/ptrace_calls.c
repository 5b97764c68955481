/* ptrace requests as ptrace_decoder.c decodes them, made on a child
 * seized and interrupted: options, signals to deliver, the
 * event message, siginfos read and written (faults with their extra
 * fields, unknown codes, errnos), signal masks, a peeked word, register
 * sets whole and in part (the child's FPU control words, which start the
 * same in every run, and sets of our own values offered to no process),
 * the syscall info, refused requests. trace_compare_test compares each
 * line with strace 6.1's (pids and addresses masked). */
#include <linux/ptrace.h>
#include <elf.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long pt(long req, long pid, long addr, long data)
{
	return syscall(SYS_ptrace, req, pid, addr, data);
}

static volatile uint64_t word = 0xfeedfacecafef00dULL;
static volatile uint64_t peek_me = 0xfeedfacecafef00dULL;

int main(void)
{
	/* The child makes no call once seized (under SYSTRAP_TRAP=int3 or
	 * ud2 each of its calls would be a trap signal, a stop its tracer
	 * sees): it says it is running, then spins until killed, and is
	 * stopped by PTRACE_INTERRUPT. The parent seizes it only once it
	 * spins: seized earlier, while the child still ran the fork's and
	 * the write's way back (a tracer's hooks, a trap of its own), the
	 * first stop could be that trap's SIGTRAP (seen in CI). */
	int ready[2];
	if (pipe(ready))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		char c = 1;
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			word++;
	}
	char c;
	if (read(ready[0], &c, 1) != 1)
		return 1;
	struct timespec settle = {0, 100 * 1000 * 1000};
	nanosleep(&settle, 0);
	int status;
	pt(PTRACE_SEIZE, pid, 0, 0);
	pt(PTRACE_INTERRUPT, pid, 0, 0);
	waitpid(pid, &status, 0);

	uint64_t msg = 0, peeked = 0, mask = 1 << (SIGUSR1 - 1);
	unsigned char si[128], info[128];
	struct iovec iov = { info, sizeof info };
	struct { uint64_t off; uint32_t flags, nr; } psi = { 0, 1, 1 };
	uint64_t meta[2] = { 0, 0 };

	pt(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	pt(PTRACE_SETOPTIONS, pid, 0, 0x10000000 | PTRACE_O_TRACECLONE);
	pt(PTRACE_GETEVENTMSG, pid, 0, (long)&msg);
	pt(PTRACE_GETSIGINFO, pid, 0, (long)si);
	pt(PTRACE_GETSIGMASK, pid, 8, (long)&mask);
	pt(PTRACE_SETSIGMASK, pid, 8, (long)&mask);
	pt(PTRACE_PEEKDATA, pid, (long)&peek_me, (long)&peeked);
	pt(PTRACE_PEEKSIGINFO, pid, (long)&psi, (long)info);
	pt(PTRACE_GETREGSET, pid, NT_PRPSINFO, (long)&iov);
	pt(PTRACE_SETREGSET, pid, 0xbad, (long)&iov);
	uint64_t regs[32], fp[64];
	for (int i = 0; i < 32; i++)
		regs[i] = 0x100 * i + 0x33;
	for (int i = 0; i < 64; i++)
		fp[i] = 0x0000000100000000ULL * i + 0x37f;
	struct iovec fp8 = { info, 8 }, odd = { info, 12 }, r24 = { regs, 24 };
	struct iovec fp40 = { fp, 40 };
	pt(PTRACE_GETREGSET, pid, NT_FPREGSET, (long)&fp8);
	pt(PTRACE_GETREGSET, pid, NT_PRSTATUS, (long)&odd);
	pt(PTRACE_SETREGSET, -1, NT_PRSTATUS, (long)&r24);
	pt(PTRACE_SETREGSET, -1, NT_FPREGSET, (long)&fp40);
	pt(PTRACE_SETREGS, -1, 0, (long)regs);
	pt(PTRACE_SETFPREGS, -1, 0, (long)fp);
	pt(PTRACE_GET_SYSCALL_INFO, pid, sizeof info, (long)info);
	pt(PTRACE_GET_SYSCALL_INFO, pid, 4, (long)info);
	pt(PTRACE_SECCOMP_GET_METADATA, pid, sizeof meta, (long)meta);
	pt(PTRACE_SECCOMP_GET_METADATA, pid, 4, (long)meta);

	memset(si, 0, sizeof si);
	int32_t *h = (int32_t *)si;
	uint64_t *f = (uint64_t *)(si + 16);
	h[0] = SIGSEGV; h[1] = 0; h[2] = SEGV_BNDERR;
	f[0] = 0x1000; f[2] = 0; f[3] = 0x2000;
	pt(PTRACE_SETSIGINFO, pid, 0, (long)si);
	h[0] = SIGBUS; h[1] = -2; h[2] = BUS_MCEERR_AR; f[1] = 12;
	pt(PTRACE_SETSIGINFO, pid, 0, (long)si);
	h[0] = SIGPROF; h[1] = 2; h[2] = 0x7eadc0de;
	((uint32_t *)(si + 16))[1] = 3;
	pt(PTRACE_SETSIGINFO, pid, 0, (long)si);
	h[0] = SIGUSR1; h[1] = 0; h[2] = SI_TKILL;
	pt(PTRACE_SETSIGINFO, pid, 0, (long)si);

	pt(0x7eadbeef, pid, 0, 0);
	pt(PTRACE_ATTACH, getpid(), 0, 0);
	pt(PTRACE_SINGLESTEP, -1, 0, SIGUSR2);
	pt(PTRACE_CONT, pid, 0, 0);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return 0;
}
