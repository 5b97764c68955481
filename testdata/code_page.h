/* For the test programs that print their own code: a copy of some code on
 * a page made executable at run time (a JIT's: no ELF information), bytes
 * printed as the tests compare them ("name 0f 05"), and a regular file
 * open at a known descriptor for their calls (lseek to an offset per
 * shape). */
#ifndef TESTDATA_CODE_PAGE_H
#define TESTDATA_CODE_PAGE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <fcntl.h>
#include <unistd.h>

/* code[0..len) at the start of a fresh page of int3s, made read+execute;
 * exits with status 3 when that fails. */
static inline uint8_t *executable_copy(const uint8_t *code, size_t len)
{
	uint8_t *p = mmap(0, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || len > 4096)
		exit(3);
	memset(p, 0xcc, 4096);
	memcpy(p, code, len);
	if (mprotect(p, 4096, PROT_READ | PROT_EXEC))
		exit(3);
	return p;
}

static inline void print_bytes(const char *name, const uint8_t *p, int n)
{
	printf("%s", name);
	for (int i = 0; i < n; i++)
		printf(" %02x", p[i]);
	printf("\n");
}

/* The program's own file open read-only as descriptor fd (lseek on it
 * sets the offset asked and returns it); exits with status 2 when that
 * fails. */
static inline void open_self_as(int fd)
{
	int f = open("/proc/self/exe", O_RDONLY);
	if (f < 0 || dup2(f, fd) != fd)
		exit(2);
	if (f != fd)
		close(f);
}

#endif
