/* Built with -fsanitize=address (Debian's libasan), which installs its own
 * SIGSEGV/SIGBUS handlers on an alternate stack: traced, it must print and
 * end as natively. argv[1]: "ok" (a heap string printed), "segv" (a wild
 * write: ASan's SEGV report), "overflow" (a heap-buffer-overflow report). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "ok";
	char *p = malloc(32);
	strcpy(p, "asan says hello");
	printf("%s\n", p);
	fflush(stdout);
	free(p);
	if (!strcmp(mode, "segv")) {
		volatile int *q = (int *)(long)atoi("8");
		*q = 1;
	}
	if (!strcmp(mode, "overflow")) {
		volatile char *b = malloc(8);
		b[atoi("8")] = 1;
		free((char *)b);
	}
	return 0;
}
