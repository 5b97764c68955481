/* Unlinks argv[1] and says how it went ("unlink: 0" or "unlink: -1
 * Operation not permitted"), exiting 0 or 1: a static program, which a
 * preload cannot reach and an image can (//tools/run:systrap_run_test). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: unlink_static FILE\n");
		return 2;
	}
	int r = unlink(argv[1]);
	if (r) {
		printf("unlink: -1 %s\n", strerror(errno));
		return 1;
	}
	printf("unlink: 0\n");
	return 0;
}
