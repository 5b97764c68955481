/* The hard cases of the jump fast path, each a syscall site written in
 * assembly so its neighbours are known exactly. Every case prints what it
 * observed; the output must be the same natively and under every trap kind.
 *
 *   fast_path_cases CASE [N]
 *     redzone     a leaf function keeps data in its red zone across a
 *                 syscall whose preceding `mov $nr, %eax` becomes a jump
 *     backedge    a loop whose back-edge lands on the syscall itself, while
 *                 the first entry comes through the preceding instruction
 *     riprel      the displaced instruction is RIP-relative (a load of the
 *                 syscall number, and a lea of the buffer written)
 *     registers   every register the kernel keeps across `syscall` (all but
 *                 rax, rcx, r11), the flags, xmm0-15, and rcx/r11 as the
 *                 kernel leaves them
 *     edges       syscalls at the very start and very end of functions
 *     jumptable   syscalls in the arms of a switch compiled to a jump table
 *     straddle    JIT code where the displaced instruction and the syscall
 *                 each straddle a page boundary
 *     bytes       prints the bytes at the `riprel` site and before it (the
 *                 test checks them under the jump kind only)
 *     called_bytes  the same after one call from that site (lazy
 *                 instrumenting leaves a page called from once as it is)
 *     twice_bytes   the same after two calls from it (lazily, the second
 *                 patches its page)
 *     hop         a syscall whose neighbour cannot move (a 3-byte mov), in
 *                 a function followed by int3 fill: a short hop; and one
 *                 with no fill within reach: the trap
 *     hopbytes    prints the bytes of both sites
 *     multi       syscalls after three 2-byte instructions with no fill in
 *                 reach: a window of all three; and the same where a loop
 *                 branches to the second of them: no window, the trap
 *                 and, third, the same where the function's LSDA names the
 *                 second as a landing pad (an exception resumes there):
 *                 no window, the trap
 *     multibytes  prints the first byte of the three windows
 *     steps       N getppid calls through a jump site, single-stepped
 *                 (the trap flag set just before the site): a SIGTRAP
 *                 after every instruction of the fast path, each handled on
 *                 the program's stack by a handler that fills 1 KiB of it.
 *                 The fast path's way back jumps through a slot just below
 *                 the stack pointer, which only the 128 bytes the kernel
 *                 leaves below it keep from a signal's frame
 *     unwind      a SIGALRM handler calls backtrace() while the program is
 *                 blocked in read(): the unwinder must find its way back
 *                 through systrap's frames to the function that called read
 */
#include <execinfo.h>
#include <signal.h>
#include <stdint.h>
#include <sys/time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

uint64_t redzone_leaf(void);
uint64_t backedge_loop(uint64_t n);
uint64_t riprel_getppid(void);
long stepped_getppid(void);
long riprel_write(void);
void registers_check(uint64_t out[46]);
long at_start_inner(void);
long at_start(void);
void at_end_exit(long status);
extern const uint8_t riprel_site[];
long hop_syscall(long nr);
long nofill_syscall(long nr);
extern const uint8_t hop_site[], nofill_site[];
long multi_ok(long nr);
long multi_branch(long nr);
long multi_pad(long nr);
extern const uint8_t multi_ok_window[], multi_branch_window[],
	multi_pad_window[];

__asm__(
	".text\n"
	/* Data at -8, -64 and -128 from rsp must survive the call. */
	".globl redzone_leaf\n.type redzone_leaf,@function\nredzone_leaf:\n"
	"  movabsq $0x1111111111111111, %rdx\n"
	"  movq %rdx, -8(%rsp)\n"
	"  movq %rdx, -64(%rsp)\n"
	"  movq %rdx, -128(%rsp)\n"
	"  movl $110, %eax\n"
	"  syscall\n"
	"  movq -8(%rsp), %rax\n"
	"  addq -64(%rsp), %rax\n"
	"  addq -128(%rsp), %rax\n"
	"  ret\n"
	".size redzone_leaf, .-redzone_leaf\n"

	/* n getppid calls: the first through the `mov`, the others by the
	 * back-edge straight onto the syscall. */
	".globl backedge_loop\n.type backedge_loop,@function\nbackedge_loop:\n"
	"  xorl %r8d, %r8d\n"
	"  movl $110, %eax\n"
	"1:\n"
	"  syscall\n"
	"  incq %r8\n"
	"  movl $110, %eax\n"
	"  cmpq %rdi, %r8\n"
	"  jb 1b\n"
	"  movq %r8, %rax\n"
	"  ret\n"
	".size backedge_loop, .-backedge_loop\n"

	/* getppid with the trap flag set from just before the `mov` (a
	 * one-instruction window) to just after the call. */
	".globl stepped_getppid\n.type stepped_getppid,@function\n"
	"stepped_getppid:\n"
	"  pushfq\n"
	"  orq $0x100, (%rsp)\n"
	"  popfq\n"
	"  movl $110, %eax\n"
	"  syscall\n"
	"  pushfq\n"
	"  andq $-257, (%rsp)\n"
	"  popfq\n"
	"  ret\n"
	".size stepped_getppid, .-stepped_getppid\n"

	".globl riprel_getppid\n.type riprel_getppid,@function\nriprel_getppid:\n"
	"  movl nr_getppid(%rip), %eax\n"
	"  syscall\n"
	"  ret\n"
	".size riprel_getppid, .-riprel_getppid\n"

	".globl riprel_write\n.type riprel_write,@function\nriprel_write:\n"
	"  movl $1, %eax\n"
	"  movl $1, %edi\n"
	"  movl $15, %edx\n"
	"  leaq riprel_msg(%rip), %rsi\n"
	".globl riprel_site\nriprel_site:\n"
	"  syscall\n"
	"  ret\n"
	".size riprel_write, .-riprel_write\n"

	/* out[]: flags, rcx - return address, r11 flags, then rbx rbp r12
	 * r13 r14 rdi rsi rdx r8 r9 r10 after the call, then xmm0-15. */
	".globl registers_check\n.type registers_check,@function\n"
	"registers_check:\n"
	"  pushq %rbx\n  pushq %rbp\n  pushq %r12\n  pushq %r13\n"
	"  pushq %r14\n  pushq %r15\n"
	"  movq %rdi, %r15\n"
	"  movabsq $0x0101010101010101, %rbx\n"
	"  leaq (%rbx,%rbx,1), %rbp\n"
	"  leaq (%rbx,%rbx,2), %r12\n"
	"  leaq (%rbx,%rbx,4), %r13\n"
	"  leaq (%rbx,%rbx,8), %r14\n"
	"  movq %rbx, %rdi\n  notq %rdi\n"
	"  movq %rbp, %rsi\n  notq %rsi\n"
	"  movq %r12, %rdx\n  notq %rdx\n"
	"  movq %r13, %r8\n  notq %r8\n"
	"  movq %r14, %r9\n  notq %r9\n"
	"  movq %rbx, %r10\n  rolq $7, %r10\n"
	"  movq %rbx, %xmm0\n  movq %rbp, %xmm1\n  movq %r12, %xmm2\n"
	"  movq %r13, %xmm3\n  movq %r14, %xmm4\n  movq %rdi, %xmm5\n"
	"  movq %rsi, %xmm6\n  movq %rdx, %xmm7\n  movq %r8, %xmm8\n"
	"  movq %r9, %xmm9\n  movq %r10, %xmm10\n  pcmpeqd %xmm11, %xmm11\n"
	"  movq %rbx, %xmm12\n  pslldq $8, %xmm12\n  movq %rbp, %xmm13\n"
	"  pslldq $8, %xmm13\n  movq %r12, %xmm14\n  pslldq $8, %xmm14\n"
	"  movq %r13, %xmm15\n  pslldq $8, %xmm15\n"
	/* OF, SF, AF and CF set: 0x7f + 1 overflows a signed byte. */
	"  movb $0x7f, %al\n"
	"  addb $1, %al\n"
	"  stc\n"
	"  movl $110, %eax\n"
	"  syscall\n"
	"2:\n"
	"  pushfq\n"
	"  popq %rax\n"
	"  andq $0xcd5, %rax\n"
	"  movq %rax, 0(%r15)\n"
	"  leaq 2b(%rip), %rax\n"
	"  subq %rax, %rcx\n"
	"  movq %rcx, 8(%r15)\n"
	"  andq $0xcd5, %r11\n"
	"  movq %r11, 16(%r15)\n"
	"  movq %rbx, 24(%r15)\n  movq %rbp, 32(%r15)\n"
	"  movq %r12, 40(%r15)\n  movq %r13, 48(%r15)\n"
	"  movq %r14, 56(%r15)\n  movq %rdi, 64(%r15)\n"
	"  movq %rsi, 72(%r15)\n  movq %rdx, 80(%r15)\n"
	"  movq %r8, 88(%r15)\n  movq %r9, 96(%r15)\n"
	"  movq %r10, 104(%r15)\n"
	"  movdqu %xmm0, 112(%r15)\n  movdqu %xmm1, 128(%r15)\n"
	"  movdqu %xmm2, 144(%r15)\n  movdqu %xmm3, 160(%r15)\n"
	"  movdqu %xmm4, 176(%r15)\n  movdqu %xmm5, 192(%r15)\n"
	"  movdqu %xmm6, 208(%r15)\n  movdqu %xmm7, 224(%r15)\n"
	"  movdqu %xmm8, 240(%r15)\n  movdqu %xmm9, 256(%r15)\n"
	"  movdqu %xmm10, 272(%r15)\n  movdqu %xmm11, 288(%r15)\n"
	"  movdqu %xmm12, 304(%r15)\n  movdqu %xmm13, 320(%r15)\n"
	"  movdqu %xmm14, 336(%r15)\n  movdqu %xmm15, 352(%r15)\n"
	"  popq %r15\n  popq %r14\n  popq %r13\n  popq %r12\n"
	"  popq %rbp\n  popq %rbx\n"
	"  ret\n"
	".size registers_check, .-registers_check\n"

	/* A syscall that is a function's first instruction: nothing before
	 * it to displace. */
	".globl at_start_inner\n.type at_start_inner,@function\n"
	"at_start_inner:\n"
	"  syscall\n"
	"  ret\n"
	".size at_start_inner, .-at_start_inner\n"
	".globl at_start\n.type at_start,@function\nat_start:\n"
	"  movl $110, %eax\n"
	"  jmp at_start_inner\n"
	".size at_start, .-at_start\n"

	/* A syscall that is a function's last instruction. */
	".globl at_end_exit\n.type at_end_exit,@function\nat_end_exit:\n"
	"  movl $231, %eax\n"
	"  syscall\n"
	".size at_end_exit, .-at_end_exit\n"

	/* With CFI, so .eh_frame bounds it and the int3 fill after it. */
	".p2align 4\n"
	".globl hop_syscall\n.type hop_syscall,@function\nhop_syscall:\n"
	"  .cfi_startproc\n"
	"  movq %rdi, %rax\n"
	".globl hop_site\nhop_site:\n"
	"  syscall\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size hop_syscall, .-hop_syscall\n"
	".p2align 4, 0xcc\n"
	/* 140 bytes of code on each side: no fill within a rel8's reach. */
	".globl nofill_syscall\n.type nofill_syscall,@function\n"
	"nofill_syscall:\n"
	"  .cfi_startproc\n"
	"  .fill 140, 1, 0x90\n"
	"  movq %rdi, %rax\n"
	".globl nofill_site\nnofill_site:\n"
	"  syscall\n"
	"  .fill 140, 1, 0x90\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size nofill_syscall, .-nofill_syscall\n"
	".p2align 4, 0xcc\n"

	/* Three 2-byte instructions before the syscall, 140 bytes of code on
	 * each side. */
	".globl multi_ok\n.type multi_ok,@function\nmulti_ok:\n"
	"  .cfi_startproc\n"
	"  .fill 140, 1, 0x90\n"
	".globl multi_ok_window\nmulti_ok_window:\n"
	"  movl %edi, %eax\n"
	"  xorl %edx, %edx\n"
	"  movl %edx, %esi\n"
	"  syscall\n"
	"  .fill 140, 1, 0x90\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size multi_ok, .-multi_ok\n"
	/* The same, three times round a loop whose back-edge lands on the
	 * window's second instruction. */
	".globl multi_branch\n.type multi_branch,@function\nmulti_branch:\n"
	"  .cfi_startproc\n"
	"  .fill 140, 1, 0x90\n"
	"  xorl %r8d, %r8d\n"
	".globl multi_branch_window\nmulti_branch_window:\n"
	"  movl %edi, %eax\n"
	"3:\n"
	"  xorl %edx, %edx\n"
	"  movl %edx, %esi\n"
	"  syscall\n"
	"  movl %edi, %eax\n"
	"  incl %r8d\n"
	"  cmpl $3, %r8d\n"
	"  jb 3b\n"
	"  movq %rax, %rax\n"
	"  .fill 140, 1, 0x90\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size multi_branch, .-multi_branch\n"
	/* multi_ok again, but its LSDA (hand-written below, as a C++
	 * compiler writes one) makes the window's second instruction a
	 * landing pad: the unwinder may resume the function there. */
	".globl multi_pad\n.type multi_pad,@function\nmulti_pad:\n"
	"  .cfi_startproc\n"
	"  .cfi_lsda 0x1b, .Lmulti_pad_lsda\n"
	"  .fill 140, 1, 0x90\n"
	".globl multi_pad_window\nmulti_pad_window:\n"
	"  movl %edi, %eax\n"
	".Lmulti_pad_landing:\n"
	"  xorl %edx, %edx\n"
	"  movl %edx, %esi\n"
	"  syscall\n"
	"  .fill 140, 1, 0x90\n"
	"  ret\n"
	"  .cfi_endproc\n"
	".size multi_pad, .-multi_pad\n"
	".section .gcc_except_table,\"a\",@progbits\n"
	".Lmulti_pad_lsda:\n"
	"  .byte 0xff\n" /* LPStart: the function's start */
	"  .byte 0xff\n" /* no type table */
	"  .byte 0x01\n" /* call sites in uleb128 */
	"  .uleb128 .Lmulti_pad_cs_end - .Lmulti_pad_cs\n"
	".Lmulti_pad_cs:\n"
	"  .uleb128 0\n" /* from the start, */
	"  .uleb128 140\n" /* the first 140 bytes, */
	"  .uleb128 .Lmulti_pad_landing - multi_pad\n" /* land here */
	"  .uleb128 0\n" /* clean-up only */
	".Lmulti_pad_cs_end:\n"
	".text\n"

	".section .rodata\n"
	"nr_getppid: .long 110\n"
	"riprel_msg: .ascii \"riprel written\\n\"\n"
	".text\n");

static long raw_nr(long nr)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(nr) : "rcx", "r11", "memory");
	return r;
}

/* A switch gcc turns into a jump table, each arm its own site. */
__attribute__((noinline)) static long jump_table(int k)
{
	switch (k) {
	case 0: return raw_nr(SYS_getppid);
	case 1: return raw_nr(SYS_getpid) > 0;
	case 2: return raw_nr(SYS_getuid) == (long)getuid();
	case 3: return raw_nr(SYS_getgid) == (long)getgid();
	case 4: return raw_nr(SYS_geteuid) == (long)geteuid();
	case 5: return raw_nr(SYS_getegid) == (long)getegid();
	case 6: return raw_nr(SYS_getpgrp) == (long)getpgrp();
	default: return -1;
	}
}

/* unwind: where the handler's backtrace reached. */
static volatile int unwound_to_reader;
__attribute__((noinline)) static long reader(int fd);

static void on_alarm(int sig)
{
	(void)sig;
	void *frames[64];
	int n = backtrace(frames, 64);
	for (int i = 0; i < n; i++)
		if ((uintptr_t)frames[i] >= (uintptr_t)reader &&
		    (uintptr_t)frames[i] < (uintptr_t)reader + 256)
			unwound_to_reader = 1;
}

__attribute__((noinline)) static long reader(int fd)
{
	char c;
	long r = read(fd, &c, 1);
	__asm__ volatile("" ::: "memory"); /* no tail call: keep the frame */
	return r;
}

static int unwind(void)
{
	void *warm[4];
	backtrace(warm, 4); /* loads libgcc_s now, not in the handler */
	int p[2];
	if (pipe(p))
		return 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm; /* no SA_RESTART: read returns EINTR */
	sigaction(SIGALRM, &sa, 0);
	struct itimerval t = {{0, 0}, {0, 50000}};
	setitimer(ITIMER_REAL, &t, 0);
	long r = reader(p[0]);
	printf("read: %ld, unwound to the caller of read: %s\n", r,
	       unwound_to_reader ? "yes" : "no");
	return unwound_to_reader ? 0 : 1;
}

/* mov $110,%eax straddling one page boundary and the syscall the next. */
static int straddle(void)
{
	uint8_t *m = mmap(0, 4 * 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return -1;
	static const uint8_t body[] = {0xb8, 0x6e, 0x00, 0x00, 0x00,
				       0x0f, 0x05, 0xc3};
	uint8_t *a = m + 4096 - 2;     /* the mov straddles */
	uint8_t *b = m + 3 * 4096 - 6; /* the syscall straddles */
	memcpy(a, body, sizeof body);
	memcpy(b, body, sizeof body);
	if (mprotect(m, 4 * 4096, PROT_READ | PROT_EXEC))
		return -1;
	long (*fa)(void) = (long (*)(void))a;
	long (*fb)(void) = (long (*)(void))b;
	long ok = 0;
	for (int i = 0; i < 1000; i++)
		ok += fa() == getppid() && fb() == getppid();
	printf("straddle: %ld of 1000 right\n", ok);
	munmap(m, 4 * 4096);
	return ok == 1000 ? 0 : 1;
}

static volatile long steps_taken;

static void steps_handler(int sig)
{
	(void)sig;
	volatile char fill[1024];
	for (size_t i = 0; i < sizeof fill; i += 64)
		fill[i] = (char)i;
	steps_taken++;
}

/* n stepped calls; prints how many were right and whether the fast path
 * was stepped through (more than 20 traps a call). */
static int steps_case(long n)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = steps_handler;
	sigaction(SIGTRAP, &sa, 0);
	long ppid = getppid(), ok = 0;
	for (long i = 0; i < n; i++)
		ok += stepped_getppid() == ppid;
	printf("steps: %ld of %ld right, %s\n", ok, n,
	       steps_taken > n ? "stepped" : "not stepped");
	return ok == n ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";
	long n = argc > 2 ? atol(argv[2]) : 1000;
	if (!strcmp(c, "steps"))
		return steps_case(n);
	if (!strcmp(c, "redzone")) {
		uint64_t ok = 0;
		for (long i = 0; i < n; i++)
			ok += redzone_leaf() == 3 * 0x1111111111111111ULL;
		printf("redzone: %lu of %ld intact\n", (unsigned long)ok, n);
		return ok == (uint64_t)n ? 0 : 1;
	}
	if (!strcmp(c, "backedge")) {
		printf("backedge: %lu calls\n", (unsigned long)backedge_loop((uint64_t)n));
		return 0;
	}
	if (!strcmp(c, "riprel")) {
		long ok = 0;
		for (long i = 0; i < n; i++)
			ok += (long)riprel_getppid() == (long)getppid();
		printf("riprel: %ld of %ld right\n", ok, n);
		fflush(stdout);
		return riprel_write() == 15 && ok == n ? 0 : 1;
	}
	if (!strcmp(c, "registers")) {
		uint64_t out[46];
		for (long i = 0; i < n; i++) {
			memset(out, 0, sizeof out);
			registers_check(out);
		}
		static const char *names[] = {"flags", "rcx-return", "r11&flags",
					      "rbx", "rbp", "r12", "r13", "r14",
					      "rdi", "rsi", "rdx", "r8", "r9",
					      "r10"};
		for (int i = 0; i < 14; i++)
			printf("%s=%#lx\n", names[i], (unsigned long)out[i]);
		for (int i = 0; i < 16; i++)
			printf("xmm%d=%016lx%016lx\n", i,
			       (unsigned long)out[14 + 2 * i + 1],
			       (unsigned long)out[14 + 2 * i]);
		return 0;
	}
	if (!strcmp(c, "edges")) {
		long ok = 0;
		for (long i = 0; i < n; i++)
			ok += at_start() == getppid();
		printf("edges: %ld of %ld right\n", ok, n);
		fflush(stdout);
		at_end_exit(ok == n ? 7 : 1);
	}
	if (!strcmp(c, "jumptable")) {
		long sum = 0;
		for (long i = 0; i < n; i++)
			for (int k = 1; k < 7; k++)
				sum += jump_table(k);
		printf("jumptable: %ld (ppid right: %d)\n", sum,
		       jump_table(0) == getppid());
		return 0;
	}
	if (!strcmp(c, "straddle"))
		return straddle();
	if (!strcmp(c, "called_bytes") || !strcmp(c, "twice_bytes")) {
		int calls = !strcmp(c, "twice_bytes") ? 2 : 1;
		for (int i = 0; i < calls; i++) {
			fflush(stdout);
			if (riprel_write() != 15)
				return 1;
		}
		c = "bytes";
	}
	if (!strcmp(c, "bytes")) {
		/* lea riprel_msg(%rip),%rsi is 7 bytes before the site. */
		const uint8_t *p = riprel_site - 7;
		for (int i = 0; i < 9; i++)
			printf("%02x%s", p[i], i == 8 ? "\n" : " ");
		return 0;
	}
	if (!strcmp(c, "hop")) {
		long ok = 0;
		for (long i = 0; i < n; i++)
			ok += hop_syscall(SYS_getppid) == getppid() &&
			      nofill_syscall(SYS_getppid) == getppid();
		printf("hop: %ld of %ld right\n", ok, n);
		return ok == n ? 0 : 1;
	}
	if (!strcmp(c, "unwind"))
		return unwind();
	if (!strcmp(c, "multi")) {
		long ok = 0;
		for (long i = 0; i < n; i++)
			ok += multi_ok(SYS_getppid) == getppid() &&
			      multi_branch(SYS_getppid) == SYS_getppid &&
			      multi_pad(SYS_getppid) == getppid();
		printf("multi: %ld of %ld right\n", ok, n);
		return ok == n ? 0 : 1;
	}
	if (!strcmp(c, "multibytes")) {
		printf("multi_ok %02x multi_branch %02x multi_pad %02x\n",
		       multi_ok_window[0], multi_branch_window[0],
		       multi_pad_window[0]);
		return 0;
	}
	if (!strcmp(c, "hopbytes")) {
		printf("hop %02x %02x nofill %02x %02x\n", hop_site[0],
		       hop_site[1], nofill_site[0], nofill_site[1]);
		return 0;
	}
	fprintf(stderr, "usage: fast_path_cases CASE [N]\n");
	return 2;
}
