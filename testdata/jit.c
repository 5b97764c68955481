/* JIT: mmap RW, write `mov $110,%eax; syscall; ret`, mprotect RX, call it
 * 1000 times. "straddle": the syscall's 0f is the last byte of the first page
 * and its 05 the first byte of the second. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
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
	static const unsigned char code[] = {0xb8, 110, 0, 0, 0, /* mov $110,%eax */
					     0x0f, 0x05,         /* syscall */
					     0xc3};              /* ret */
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
