/* 1000 getppid calls through an inline `syscall` instruction in the main
 * program; prints whether every call agreed with libc's getppid(). */
#include <stdio.h>
#include <unistd.h>

static long inline_getppid(void)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(110L) : "rcx", "r11", "memory");
	return ret;
}

int main(void)
{
	long want = getppid();
	int same = 0;
	for (int i = 0; i < 1000; i++)
		same += inline_getppid() == want;
	printf("inline getppid calls: 1000, agreeing: %d\n", same);
	return same == 1000 ? 0 : 1;
}
