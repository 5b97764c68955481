/* What the injector's tests run: prints its arguments, its executable and
 * its tracer, then exits 3, the same natively and injected
 * (//systrap/inject/tests). Built dynamic, -static, -static-pie, and with
 * musl. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n < 0 ? 0 : n] = 0;
	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	printf("exe=%s\n", exe);
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "TracerPid:", 10) == 0)
			fputs(line, stdout);
	if (f)
		fclose(f);
	return 3;
}
