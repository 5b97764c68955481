/* dlopens argv[1] (dlopen_lib.so) and makes 777 getpgrp calls through the
 * library's inline syscall; prints whether the result matched getpgrp(). */
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	void *h = dlopen(argv[1], RTLD_NOW);
	if (!h) {
		printf("dlopen failed\n");
		return 3;
	}
	long (*fn)(int) = (long (*)(int))dlsym(h, "lib_inline_getpgrp");
	if (!fn)
		return 4;
	long r = fn(777);
	printf("lib getpgrp x777 matches: %s\n", r == getpgrp() ? "yes" : "no");
	dlclose(h);
	return r == getpgrp() ? 0 : 1;
}
