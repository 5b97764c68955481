/* Syscall sites whose nearest instruction is too short for a jump, in
 * functions with an indirect jump (a jump table, which could land
 * anywhere: no window of several displaced instructions may be taken) and
 * no fill within a short hop (140 bytes of code on each side): the shapes
 * of Debian's libc and ld.so that stayed signal traps (issue 14). Where an
 * instruction a few before the site is a jump long by itself, it alone is
 * replaced and those between it and the site stay in place (a kept
 * window); the jump table of each function lands on each of them too, and
 * those calls must go through the site's trap unharmed. Hand-assembled,
 * with CFI so .eh_frame bounds each function:
 *   xor       libc's futex_unlock_pi: mov $8,%eax (5 bytes); xor %edx,%edx
 *             (2); syscall. The table lands on the mov and on the xor
 *   store     ld.so's arch_prctl: mov $100,%edi (5); mov %rsi,0x10(%rcx)
 *             (4, a store the caller checks); syscall
 *   third     mov $8,%rax (7); xor %edx,%edx (2); mov %rsi,0x10(%rcx) (4);
 *             syscall: the jump's instruction third before the site; the
 *             table lands on each of the three
 *   prefixed  mov $8,%eax (5); xor %edx,%edx (2); 41 0f 05; the table
 *             lands on each, the syscall's prefix included
 *   riprel    mov fd(%rip),%edi (6, RIP-relative: moved, re-aimed; the
 *             caller's own %rdi is a bad descriptor); xor %edx,%edx (2);
 *             syscall
 *   short     mov %rcx,%rax (3); xor %edx,%edx (2); syscall: no instruction
 *             a jump long; the table lands on the xor, so a window of both
 *             would send it into the jump's tail: the site stays a trap
 * and, copied to a page made executable at run time (a JIT: no ELF
 * information, so no function is known), `mov $8,%eax; xor %edx,%edx;
 * syscall; ret`.
 * Each call is lseek(100, OFFSET, SEEK_SET) on a regular file, one offset
 * per shape and entry (the table's), so every call can be told apart.
 * Usage:
 *   kept_windows run N    N calls through each shape and entry, checked
 *                         (exit status 4 when all are right)
 *   kept_windows bytes    prints each shape's bytes, from its first
 *                         instruction to the end of its syscall, after a
 *                         call through each entry */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "testdata/code_page.h"

long kw_xor(long fd, long off, long entry);
long kw_store(long fd, long off, long entry, long *buf);
long kw_third(long fd, long off, long entry, long *buf);
long kw_prefixed(long fd, long off, long entry);
long kw_riprel(long fd, long off, long entry);
long kw_short(long fd, long off, long entry, long nr);
extern const uint8_t kw_xor_window[], kw_store_window[], kw_third_window[],
	kw_prefixed_window[], kw_riprel_window[], kw_short_window[];

#define FD 100

/* Each function: r9 = its table's entry `entry` (rdx), the registers the
 * entries after the first expect set, then `jmp *%r9`. */
#define DISPATCH(name)                                                   \
	"  leaq .L" name "_table(%rip), %r8\n"                            \
	"  movslq (%r8,%rdx,4), %r9\n"                                   \
	"  addq %r8, %r9\n"
#define TABLE(name, entries)                                             \
	".section .rodata\n.p2align 2\n.L" name "_table:\n" entries ".text\n"
#define ENTRY(name, label) "  .long .L" label " - .L" name "_table\n"

__asm__(
	".text\n"
	".globl kw_xor\n.type kw_xor,@function\nkw_xor:\n"
	"  .cfi_startproc\n"
	DISPATCH("kw_xor")
	"  movl $8, %eax\n"
	"  jmp *%r9\n"
	".Lkw_xor_0:\n"
	"  .fill 140, 1, 0x90\n"
	".globl kw_xor_window\nkw_xor_window:\n"
	"  movl $8, %eax\n"
	".Lkw_xor_1:\n"
	"  xorl %edx, %edx\n"
	"  syscall\n"
	"  .fill 140, 1, 0x90\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size kw_xor, .-kw_xor\n"
	TABLE("kw_xor", ENTRY("kw_xor", "kw_xor_0") ENTRY("kw_xor", "kw_xor_1"))
	".fill 16, 1, 0xcc\n"

	".globl kw_store\n.type kw_store,@function\nkw_store:\n"
	"  .cfi_startproc\n"
	DISPATCH("kw_store")
	"  movl $8, %eax\n"
	"  xorl %edx, %edx\n"
	"  jmp *%r9\n"
	".Lkw_store_0:\n"
	"  .fill 140, 1, 0x90\n"
	".globl kw_store_window\nkw_store_window:\n"
	"  movl $100, %edi\n"
	".Lkw_store_1:\n"
	"  movq %rsi, 0x10(%rcx)\n"
	"  syscall\n"
	"  .fill 140, 1, 0x90\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size kw_store, .-kw_store\n"
	TABLE("kw_store", ENTRY("kw_store", "kw_store_0")
				  ENTRY("kw_store", "kw_store_1"))
	".fill 16, 1, 0xcc\n"

	".globl kw_third\n.type kw_third,@function\nkw_third:\n"
	"  .cfi_startproc\n"
	DISPATCH("kw_third")
	"  movl $8, %eax\n"
	"  xorl %edx, %edx\n"
	"  jmp *%r9\n"
	".Lkw_third_0:\n"
	"  .fill 140, 1, 0x90\n"
	".globl kw_third_window\nkw_third_window:\n"
	"  movq $8, %rax\n"
	".Lkw_third_1:\n"
	"  xorl %edx, %edx\n"
	".Lkw_third_2:\n"
	"  movq %rsi, 0x10(%rcx)\n"
	"  syscall\n"
	"  .fill 140, 1, 0x90\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size kw_third, .-kw_third\n"
	TABLE("kw_third", ENTRY("kw_third", "kw_third_0")
				  ENTRY("kw_third", "kw_third_1")
					  ENTRY("kw_third", "kw_third_2"))
	".fill 16, 1, 0xcc\n"

	".globl kw_prefixed\n.type kw_prefixed,@function\nkw_prefixed:\n"
	"  .cfi_startproc\n"
	DISPATCH("kw_prefixed")
	"  movl $8, %eax\n"
	"  xorl %edx, %edx\n"
	"  jmp *%r9\n"
	".Lkw_prefixed_0:\n"
	"  .fill 140, 1, 0x90\n"
	".globl kw_prefixed_window\nkw_prefixed_window:\n"
	"  movl $8, %eax\n"
	".Lkw_prefixed_1:\n"
	"  xorl %edx, %edx\n"
	".Lkw_prefixed_2:\n"
	"  .byte 0x41, 0x0f, 0x05\n"
	"  .fill 140, 1, 0x90\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size kw_prefixed, .-kw_prefixed\n"
	TABLE("kw_prefixed", ENTRY("kw_prefixed", "kw_prefixed_0")
				     ENTRY("kw_prefixed", "kw_prefixed_1")
					     ENTRY("kw_prefixed", "kw_prefixed_2"))
	".fill 16, 1, 0xcc\n"

	".globl kw_riprel\n.type kw_riprel,@function\nkw_riprel:\n"
	"  .cfi_startproc\n"
	DISPATCH("kw_riprel")
	"  movl $8, %eax\n"
	"  movl $100, %edi\n"
	"  jmp *%r9\n"
	".Lkw_riprel_0:\n"
	"  .fill 140, 1, 0x90\n"
	".globl kw_riprel_window\nkw_riprel_window:\n"
	"  movl kw_fd(%rip), %edi\n"
	".Lkw_riprel_1:\n"
	"  xorl %edx, %edx\n"
	"  syscall\n"
	"  .fill 140, 1, 0x90\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size kw_riprel, .-kw_riprel\n"
	TABLE("kw_riprel", ENTRY("kw_riprel", "kw_riprel_0")
				   ENTRY("kw_riprel", "kw_riprel_1"))
	".section .rodata\nkw_fd: .long 100\n.text\n"
	".fill 16, 1, 0xcc\n"

	".globl kw_short\n.type kw_short,@function\nkw_short:\n"
	"  .cfi_startproc\n"
	DISPATCH("kw_short")
	"  movq %rcx, %rax\n"
	"  jmp *%r9\n"
	".Lkw_short_0:\n"
	"  .fill 140, 1, 0x90\n"
	".globl kw_short_window\nkw_short_window:\n"
	"  movq %rcx, %rax\n"
	".Lkw_short_1:\n"
	"  xorl %edx, %edx\n"
	"  syscall\n"
	"  .fill 140, 1, 0x90\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size kw_short, .-kw_short\n"
	TABLE("kw_short", ENTRY("kw_short", "kw_short_0")
				  ENTRY("kw_short", "kw_short_1"))
	".fill 16, 1, 0xcc\n");

/* The JIT's code: `mov $8,%eax; xor %edx,%edx; syscall; ret`. */
static const uint8_t jit_code[] = {0xb8, 0x08, 0x00, 0x00, 0x00, 0x31,
				   0xd2, 0x0f, 0x05, 0xc3};

/* A store shape's call: right when lseek returned off and the kept store
 * wrote off, once, where it should. */
static int stored_right(long (*fn)(long, long, long, long *), long off,
			long entry)
{
	long buf[4] = {0, 0, 0, 0};
	return fn(FD, off, entry, buf) == off && buf[2] == off && !buf[0] &&
	       !buf[1] && !buf[3];
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	const char *mode = argc > 1 ? argv[1] : "run";
	open_self_as(FD);
	uint8_t *jit = executable_copy(jit_code, sizeof jit_code);
	long (*jit_fn)(long, long, long) = (long (*)(long, long, long))jit;
	if (!strcmp(mode, "run")) {
		long n = argc > 2 ? atol(argv[2]) : 100;
		/* xor 0 1, store 0 1, third 0 1 2, prefixed 0 1 2, short 0 1,
		 * jit, riprel 0 1. */
		long right[15] = {0};
		for (long i = 0; i < n; i++) {
			/* A regular file: lseek sets the offset asked and
			 * returns it. */
			right[0] += kw_xor(FD, 2001, 0) == 2001;
			right[1] += kw_xor(FD, 2002, 1) == 2002;
			right[2] += stored_right(
				(long (*)(long, long, long, long *))kw_store,
				2011, 0);
			right[3] += stored_right(
				(long (*)(long, long, long, long *))kw_store,
				2012, 1);
			for (long e = 0; e < 3; e++)
				right[4 + e] += stored_right(
					(long (*)(long, long, long,
						  long *))kw_third,
					2021 + e, e);
			for (long e = 0; e < 3; e++)
				right[7 + e] +=
					kw_prefixed(FD, 2031 + e, e) == 2031 + e;
			for (long e = 0; e < 2; e++)
				right[10 + e] += kw_short(FD, 2041 + e, e,
							  SYS_lseek) == 2041 + e;
			right[12] += jit_fn(FD, 2051, 0) == 2051;
			for (long e = 0; e < 2; e++)
				right[13 + e] +=
					kw_riprel(-1, 2061 + e, e) == 2061 + e;
		}
		long all = 0;
		for (int k = 0; k < 15; k++)
			all += right[k] == n;
		printf("xor %ld %ld store %ld %ld third %ld %ld %ld prefixed "
		       "%ld %ld %ld short %ld %ld jit %ld riprel %ld %ld of %ld "
		       "right\n",
		       right[0], right[1], right[2], right[3], right[4],
		       right[5], right[6], right[7], right[8], right[9],
		       right[10], right[11], right[12], right[13], right[14],
		       n);
		return all == 15 ? 4 : 1;
	}
	if (!strcmp(mode, "bytes")) {
		long buf[4];
		for (long e = 0; e < 3; e++) {
			kw_xor(FD, 1, e % 2);
			kw_store(FD, 1, e % 2, buf);
			kw_third(FD, 1, e, buf);
			kw_prefixed(FD, 1, e);
			kw_riprel(-1, 1, e % 2);
			kw_short(FD, 1, e % 2, SYS_lseek);
		}
		jit_fn(FD, 1, 0);
		print_bytes("xor", kw_xor_window, 9);
		print_bytes("store", kw_store_window, 11);
		print_bytes("third", kw_third_window, 15);
		print_bytes("prefixed", kw_prefixed_window, 10);
		print_bytes("riprel", kw_riprel_window, 10);
		print_bytes("short", kw_short_window, 7);
		print_bytes("jit", jit, 10);
		return 0;
	}
	fprintf(stderr, "usage: kept_windows run N | bytes\n");
	return 2;
}
