/* A crash handler's backtrace: the program's SIGSEGV or SIGFPE handler (on
 * an alternate stack, SA_NODEFER, as ASan's) walks the stack with libgcc's
 * unwinder (_Unwind_Backtrace, what backtrace() and ASan's report use) and
 * prints how many frames came before the faulting one (the handler and the
 * signal's restorer) and then the name of each frame from the fault on:
 * traced, it must print what it prints natively. argv[1]: "segv" (a write
 * through a bad pointer) or "fpe" (an integer division by zero). Built
 * -rdynamic so dladdr names the program's functions. */
#include <dlfcn.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include <unwind.h>

static uintptr_t frames[64];
static int nframes;

static _Unwind_Reason_Code step(struct _Unwind_Context *ctx, void *arg)
{
	if (nframes < 64)
		frames[nframes++] = _Unwind_GetIP(ctx);
	return _URC_NO_REASON;
}

static void handler(int sig, siginfo_t *info, void *context)
{
	uintptr_t pc = ((ucontext_t *)context)->uc_mcontext.gregs[REG_RIP];
	_Unwind_Backtrace(step, 0);
	int at = 0;
	while (at < nframes && frames[at] != pc)
		at++;
	if (at == nframes) {
		printf("%s: the fault's frame not reached in %d frames\n",
		       strsignal(sig), nframes);
		fflush(stdout);
		_exit(1);
	}
	printf("%s: %d frames before the fault's\n", strsignal(sig), at);
	for (int i = at; i < nframes; i++) {
		Dl_info d;
		/* A return address is after its call: look up the call. */
		uintptr_t where = i == at ? frames[i] : frames[i] - 1;
		if (!frames[i])
			break;
		printf("  %s\n", dladdr((void *)where, &d) && d.dli_sname
					 ? d.dli_sname
					 : "?");
	}
	fflush(stdout);
	_exit(0);
}

static volatile int zero, hundred = 100;

__attribute__((noinline)) void crash_here(const char *mode)
{
	if (!strcmp(mode, "fpe"))
		printf("%d\n", hundred / zero);
	*(volatile int *)(uintptr_t)atoi("8") = 1;
}

__attribute__((noinline)) void crash_caller(const char *mode)
{
	crash_here(mode);
	__asm__ volatile("" ::: "memory"); /* no tail call */
}

int main(int argc, char **argv)
{
	static char alt[64 * 1024];
	stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt};
	sigaltstack(&ss, 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
	sigaction(SIGSEGV, &sa, 0);
	sigaction(SIGFPE, &sa, 0);
	crash_caller(argc > 1 ? argv[1] : "segv");
	return 1;
}
