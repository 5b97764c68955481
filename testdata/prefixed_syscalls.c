/* Syscall instructions with prefixes the CPU ignores (`41 0f 05`,
 * `f3 41 0f 05`, `66 0f 05`, `48 0f 05`, `65 0f 05`, a chain of seven
 * before `0f 05`): legal, run by the kernel as plain syscalls, never
 * emitted by compilers, and once run untraced by systrap (issue 14).
 * Each shape is a function of its own (with CFI, so .eh_frame bounds it),
 * hand-assembled:
 *   window    mov $8,%eax (5 bytes); 41 0f 05: a one-instruction window
 *   covering  mov %rcx,%rax (3 bytes); f3 41 0f 05, no fill within reach:
 *             a window covering the syscall itself
 *   hop       a loop whose back-edge lands on `66 0f 05`: a short hop into
 *             the int3 fill after the function
 *   nofill    the same with `2e 3e 67 f2 66 48 0f 05`, 140 bytes of code on
 *             each side: no fill within reach, the trap
 *   write     lea msg(%rip),%rsi (RIP-relative, 7 bytes); 48 0f 05
 *   read      xor %eax,%eax; 65 0f 05 (prefixed_read.S): a window
 *             covering the syscall
 * and two copied to a page made executable at run time (a JIT: no ELF
 * information), `mov $8,%eax; 41 0f 05` and `mov %rcx,%rax; 66 0f 05`.
 * Usage:
 *   prefixed_syscalls run N    N calls through each shape (lseek on fd 100
 *                              to a different offset per shape), checked
 *   prefixed_syscalls bytes    prints each shape's bytes, up to the end
 *                              of its syscall, after one call
 *   prefixed_syscalls restart  a read through `65 0f 05` on a pipe,
 *                              interrupted by SIGALRM (SA_RESTART): the
 *                              handler writes the byte the restarted read
 *                              returns */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "testdata/code_page.h"

long pfx_window(long fd, long off, long whence);
long pfx_covering(long fd, long off, long whence, long nr);
long pfx_hop(long fd, long off, long whence, long nr, long times);
long pfx_nofill(long fd, long off, long whence, long nr, long times);
long pfx_write(void);
long pfx_read(long fd, void *buf, long n);
extern const uint8_t pfx_covering_site[], pfx_hop_site[], pfx_nofill_site[];

#define FD 100

__asm__(
	".text\n"
	".globl pfx_window\n.type pfx_window,@function\npfx_window:\n"
	"  .cfi_startproc\n"
	"  mov $8, %eax\n"
	"  .byte 0x41, 0x0f, 0x05\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size pfx_window, .-pfx_window\n"
	".fill 16, 1, 0xcc\n"

	/* 140 bytes of code on each side: no fill within a short hop; the
	 * mov is a branch target, so no window starts before it. */
	".globl pfx_covering\n.type pfx_covering,@function\npfx_covering:\n"
	"  .cfi_startproc\n"
	"  .fill 140, 1, 0x90\n"
	"  jmp pfx_covering_site\n"
	".globl pfx_covering_site\npfx_covering_site:\n"
	"  mov %rcx, %rax\n"
	"  .byte 0xf3, 0x41, 0x0f, 0x05\n"
	"  .fill 140, 1, 0x90\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size pfx_covering, .-pfx_covering\n"
	".fill 16, 1, 0xcc\n"

	/* The back-edge lands on the syscall: no window may cover it. The
	 * syscall clobbers rcx: the number is kept in r10. */
	".globl pfx_hop\n.type pfx_hop,@function\npfx_hop:\n"
	"  .cfi_startproc\n"
	"  mov %rcx, %r10\n"
	"  mov %rcx, %rax\n"
	".globl pfx_hop_site\npfx_hop_site:\n"
	"  .byte 0x66, 0x0f, 0x05\n"
	"  mov %rax, %r9\n"
	"  mov %r10, %rax\n"
	"  dec %r8\n"
	"  jnz pfx_hop_site\n"
	"  mov %r9, %rax\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size pfx_hop, .-pfx_hop\n"
	".fill 16, 1, 0xcc\n"

	".globl pfx_nofill\n.type pfx_nofill,@function\npfx_nofill:\n"
	"  .cfi_startproc\n"
	"  mov %rcx, %r10\n"
	"  .fill 140, 1, 0x90\n"
	"  mov %r10, %rax\n"
	".globl pfx_nofill_site\npfx_nofill_site:\n"
	"  .byte 0x2e, 0x3e, 0x67, 0xf2, 0x66, 0x48, 0x0f, 0x05\n"
	"  mov %rax, %r9\n"
	"  mov %r10, %rax\n"
	"  dec %r8\n"
	"  jnz pfx_nofill_site\n"
	"  .fill 140, 1, 0x90\n"
	"  mov %r9, %rax\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size pfx_nofill, .-pfx_nofill\n"
	".fill 16, 1, 0xcc\n"

	".globl pfx_write\n.type pfx_write,@function\npfx_write:\n"
	"  .cfi_startproc\n"
	"  mov $1, %eax\n"
	"  mov $1, %edi\n"
	"  mov $15, %edx\n"
	"  lea pfx_msg(%rip), %rsi\n"
	"  .byte 0x48, 0x0f, 0x05\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size pfx_write, .-pfx_write\n"
	".fill 16, 1, 0xcc\n"

	".section .rodata\n"
	"pfx_msg: .ascii \"prefixed write\\n\"\n"
	".text\n");

/* The JIT's code: at 0, `mov $8,%eax; 41 0f 05; ret`; at 16,
 * `mov %rcx,%rax; 66 0f 05; ret`; int3 between. */
static const uint8_t jit_code[] = {
	0xb8, 0x08, 0x00, 0x00, 0x00, 0x41, 0x0f, 0x05, 0xc3, 0xcc, 0xcc,
	0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0x48, 0x89, 0xc8, 0x66, 0x0f, 0x05,
	0xc3};
#define JIT_SECOND 16

static int pipefd[2];
static volatile sig_atomic_t hits;

static void alarm_handler(int sig)
{
	char c = 'r';
	write(pipefd[1], &c, 1);
	hits++;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	const char *mode = argc > 1 ? argv[1] : "run";
	open_self_as(FD);
	uint8_t *jit = executable_copy(jit_code, sizeof jit_code);
	long (*jit_window)(long, long, long) =
		(long (*)(long, long, long))jit;
	long (*jit_trap)(long, long, long, long) =
		(long (*)(long, long, long, long))(jit + JIT_SECOND);
	if (!strcmp(mode, "run")) {
		long n = argc > 2 ? atol(argv[2]) : 100;
		long right[6] = {0};
		/* A regular file: lseek sets the offset asked and returns it. */
		for (long i = 0; i < n; i++) {
			right[0] += pfx_window(FD, 1001, SEEK_SET) == 1001;
			right[1] += pfx_covering(FD, 1002, SEEK_SET,
						 SYS_lseek) == 1002;
			right[2] += jit_window(FD, 1005, SEEK_SET) == 1005;
			right[3] += jit_trap(FD, 1006, SEEK_SET,
					     SYS_lseek) == 1006;
		}
		right[4] = pfx_hop(FD, 1003, SEEK_SET, SYS_lseek, n) == 1003;
		right[5] = pfx_nofill(FD, 1004, SEEK_SET, SYS_lseek, n) == 1004;
		/* A failing call: its -errno result as the kernel gave it. */
		long bad = pfx_window(-1, 7, SEEK_SET);
		printf("window %ld covering %ld jit %ld %ld of %ld right; "
		       "loops %ld %ld; bad fd %ld\n",
		       right[0], right[1], right[2], right[3], n, right[4],
		       right[5], bad);
		long w = pfx_write();
		printf("write returned %ld\n", w);
		return 5;
	}
	if (!strcmp(mode, "bytes")) {
		pfx_window(FD, 1, SEEK_SET);
		pfx_covering(FD, 1, SEEK_SET, SYS_lseek);
		pfx_hop(FD, 1, SEEK_SET, SYS_lseek, 1);
		pfx_nofill(FD, 1, SEEK_SET, SYS_lseek, 1);
		jit_window(FD, 1, SEEK_SET);
		jit_trap(FD, 1, SEEK_SET, SYS_lseek);
		print_bytes("window", (const uint8_t *)pfx_window, 8);
		print_bytes("covering", pfx_covering_site, 7);
		print_bytes("hop", pfx_hop_site, 3);
		print_bytes("nofill", pfx_nofill_site, 8);
		print_bytes("write", (const uint8_t *)pfx_write + 15, 10);
		print_bytes("read", (const uint8_t *)pfx_read, 5);
		print_bytes("jit", jit, 9);
		print_bytes("jit2", jit + JIT_SECOND, 6);
		return 0;
	}
	if (!strcmp(mode, "restart")) {
		if (pipe(pipefd))
			return 2;
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = alarm_handler;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGALRM, &sa, 0);
		struct itimerval it = {{0, 0}, {0, 100 * 1000}};
		setitimer(ITIMER_REAL, &it, 0);
		char c = 0;
		long r = pfx_read(pipefd[0], &c, 1);
		printf("read returned %ld, got %c, handler ran %d times\n", r,
		       c ? c : '-', (int)hits);
		return 0;
	}
	return 1;
}
