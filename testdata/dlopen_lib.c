/* A library loaded with dlopen after start-up: getpgrp (nr 111) through its
 * own inline `syscall` instruction. */
long lib_inline_getpgrp(int n)
{
	long ret = 0;
	for (int i = 0; i < n; i++)
		__asm__ volatile("syscall" : "=a"(ret) : "a"(111L)
				 : "rcx", "r11", "memory");
	return ret;
}
