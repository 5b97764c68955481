/* JIT: mmap RW, write `mov $110,%eax; syscall; ret`, mprotect RX, call it
 * 1000 times. "straddle": the syscall's 0f is the last byte of the first page
 * and its 05 the first byte of the second. "zeros": after_zeros below. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const unsigned char code[] = {0xb8, 110, 0, 0, 0, /* mov $110,%eax */
				     0x0f, 0x05,         /* syscall */
				     0xc3};              /* ret */

static sigjmp_buf after_ud2;

static void on_sigill(int sig)
{
	(void)sig;
	siglongjmp(after_ud2, 1);
}

/* "churn N": a long-running JIT. N times, a page at a new address (walking
 * a reserved range) is mapped RW, given 8 functions that each make a
 * syscall, made RX, called and unmapped: 8 sites come and go each time, so
 * a few thousand pages are far more sites than the registry has slots.
 * Then the program's own ud2 must reach its own SIGILL handler: finding
 * that it is no site of ours must still end, however many sites came and
 * went. */
#define CHURN_FUNCTIONS 8
static int churn(long n)
{
	const long slots = 100000;
	unsigned char *base = mmap(0, slots * 4096, PROT_NONE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
				   -1, 0);
	if (base == MAP_FAILED)
		return 2;
	long want = getppid(), same = 0;
	for (long i = 0; i < n; i++) {
		unsigned char *page = base + (i % slots) * 4096;
		if (mmap(page, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
			 0) != page)
			return 3;
		memset(page, 0x90, 4096);
		for (int f = 0; f < CHURN_FUNCTIONS; f++)
			memcpy(page + 64 + 32 * f, code, sizeof code);
		if (mprotect(page, 4096, PROT_READ | PROT_EXEC))
			return 4;
		for (int f = 0; f < CHURN_FUNCTIONS; f++) {
			long (*fn)(void) =
				(long (*)(void))(page + 64 + 32 * f);
			same += fn() == want;
		}
		if (munmap(page, 4096))
			return 5;
	}
	signal(SIGILL, on_sigill);
	int own_trap = 0;
	if (!sigsetjmp(after_ud2, 1))
		__asm__ volatile("ud2");
	else
		own_trap = 1;
	printf("jit churn sites: %ld, agreeing: %ld, own ud2 handled: %d\n",
	       n * CHURN_FUNCTIONS, same, own_trap);
	return same == n * CHURN_FUNCTIONS && own_trap ? 0 : 1;
}

/* "zeros": code copied to odd offsets in a zeroed buffer, as a JIT that
 * allocates with calloc or a fresh mmap and aligns nothing: an odd run of
 * zeros before each function. Decoded from the buffer's start, the zeros'
 * `00 00` pairs end one byte into the code. Each function is called 1000
 * times and must agree with getppid(). */
static int after_zeros(void)
{
	size_t len = 2 * 4096;
	unsigned char *mem = mmap(0, len, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return 2;
	/* 4089 zeros before the first (its ret the second page's first
	 * byte), 1905 between it and the second. */
	size_t at[] = {4089, 4097 + 1905};
	for (int f = 0; f < 2; f++)
		memcpy(mem + at[f], code, sizeof code);
	if (mprotect(mem, len, PROT_READ | PROT_EXEC))
		return 3;
	long want = getppid();
	int same = 0;
	for (int f = 0; f < 2; f++) {
		long (*fn)(void) = (long (*)(void))(mem + at[f]);
		for (int i = 0; i < 1000; i++)
			same += fn() == want;
	}
	printf("jit zeros calls: 2000, agreeing: %d\n", same);
	munmap(mem, len);
	return same == 2000 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "churn"))
		return churn(atol(argv[2]));
	if (argc > 1 && !strcmp(argv[1], "zeros"))
		return after_zeros();
	int straddle = argc > 1 && !strcmp(argv[1], "straddle");
	/* "rewrite": after the first run, flip back to RW, emit the same code
	 * again over the old (now patched) bytes, flip to RX and run again. */
	int rewrite = argc > 1 && !strcmp(argv[1], "rewrite");
	size_t len = 2 * 4096;
	unsigned char *mem = mmap(0, len, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return 2;
	memset(mem, 0x90, len); /* nops: decodable from the page start */
	size_t at = straddle ? 4096 - 6 : 64;
	memcpy(mem + at, code, sizeof code);
	if (mprotect(mem, len, PROT_READ | PROT_EXEC))
		return 3;
	long (*fn)(void) = (long (*)(void))(mem + at);
	long want = getppid();
	int same = 0;
	for (int i = 0; i < 1000; i++)
		same += fn() == want;
	if (rewrite) {
		if (mprotect(mem, len, PROT_READ | PROT_WRITE))
			return 4;
		memcpy(mem + at, code, sizeof code);
		if (mprotect(mem, len, PROT_READ | PROT_EXEC))
			return 5;
		for (int i = 0; i < 1000; i++)
			same += fn() == want;
	}
	printf("jit %s calls: %d, agreeing: %d\n",
	       straddle ? "straddle" : rewrite ? "rewrite" : "plain",
	       rewrite ? 2000 : 1000, same);
	munmap(mem, len);
	return same == (rewrite ? 2000 : 1000) ? 0 : 1;
}
