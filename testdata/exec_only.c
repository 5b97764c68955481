/* Execute-only code. On a CPU with protection keys, a mapping that is
 * PROT_EXEC without PROT_READ gets the kernel's execute-only key: running
 * it works, reading it faults (SIGSEGV, SEGV_PKUERR). systrap must neither
 * read such code nor die of trying (strace's segv_pkuerr test was killed
 * by our own read of a fresh PROT_EXEC mapping), and code made
 * execute-only by a W^X flip still runs, and its calls are seen.
 * Elsewhere the same mappings are readable and the program says so: its
 * output is the same traced as native either way. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf back;
static volatile int faulted_code;

static void on_segv(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	faulted_code = info->si_code;
	siglongjmp(back, 1);
}

/* Whether a byte at p can be read, and how the read faulted if not. */
static const char *read_of(const volatile unsigned char *p)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
	sigaction(SIGSEGV, &sa, 0);
	if (sigsetjmp(back, 1))
		return faulted_code == 4 /* SEGV_PKUERR */ ? "faults (pkey)"
							   : "faults";
	(void)*p;
	signal(SIGSEGV, SIG_DFL);
	return "reads";
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	/* A fresh execute-only mapping. */
	unsigned char *fresh = mmap(0, page, PROT_EXEC,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fresh == MAP_FAILED)
		return 1;
	const char *fresh_read = read_of(fresh);
	/* Code written, then made execute-only: getpid through its own
	 * syscall instruction. */
	unsigned char *stub = mmap(0, page, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stub == MAP_FAILED)
		return 1;
	static const unsigned char code[] = {
		0xb8, 0x27, 0x00, 0x00, 0x00, /* mov $39 (getpid), %eax */
		0x0f, 0x05,                   /* syscall */
		0xc3,                         /* ret */
	};
	memcpy(stub, code, sizeof code);
	if (mprotect(stub, page, PROT_EXEC))
		return 1;
	long pid = ((long (*)(void))stub)();
	const char *stub_read = read_of(stub);
	/* The same kinds of read decide both lines, so traced and native
	 * agree whatever this CPU has. */
	printf("fresh execute-only page: %s\n", fresh_read);
	printf("stub made execute-only: %s, its getpid %s\n", stub_read,
	       pid == getpid() ? "agrees" : "differs");
	return 0;
}
