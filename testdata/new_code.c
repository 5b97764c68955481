/* Code that appears or moves after start-up by ways other than dlopen and
 * a plain RW -> RX mprotect (jit.c). Each mode runs a `syscall` in the new
 * code 1000 times and checks the results; traced, every one must be trapped
 * (the test counts them), and a site left behind at the old place or missing
 * at the new one would kill the program with SIGILL/SIGTRAP.
 *   mremap-move       code mremap'ed with MREMAP_MAYMOVE where it cannot grow
 *                     in place (a mapping sits right after it): it moves
 *   mremap-fixed      MREMAP_MAYMOVE|MREMAP_FIXED onto a chosen address that
 *                     held other instrumented code, which goes away
 *   mremap-dontunmap  MREMAP_DONTUNMAP: the code moves, the old range stays
 *                     mapped and empty; new code is emitted there and both run
 *   mremap-shrink     the code is shrunk in place, then its page moved
 *   mremap-grow-file  a one-page executable mapping of a file grows to two:
 *                     the second page (new file contents) holds a syscall
 *   pkey-mprotect     RW -> RX flip made with pkey_mprotect(pkey -1)
 *   mmap-file         a file holding code mapped PROT_READ|PROT_EXEC
 *   mmap-file-rwx     the same mapped writable and executable at once
 *   rodata-exec       a page of the program's constants (.rodata) made
 *                     executable: its bytes, a 0f 05 among them, printed
 *                     (data: nothing may patch them), and a stub kept
 *                     there called (it runs, whether or not it is traced)
 *   rewritten-in-place  a W^X JIT editing code it ran: made RW again, the
 *                     page must hold exactly what the JIT wrote (not our
 *                     jump), and the stub's immediate is changed to
 *                     another call (getppid, getpgrp, getppid), made RX
 *                     and run again; three rounds
 *   rewritten-prefixed  the same with the stub's syscall prefixed
 *                     (`65 0f 05`): the prefix, made a nop, is put back
 *   own-text-rewritten  the same edit in a stub on a page of the program's
 *                     own .text, as a live patcher makes it
 *   rewritten-across-pages  a stub whose mov ends one page and whose
 *                     syscall begins the next; only the second page is
 *                     made RW, its syscall made two nops, then RX: the
 *                     stub returns the number it loads (39), not a pid */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#define PAGE 4096
#define AT 64 /* where code sits in its page: decodable nops before it */

/* mov $nr,%eax; syscall; ret */
static void emit(unsigned char *p, int nr)
{
	p[0] = 0xb8;
	p[1] = (unsigned char)nr;
	p[2] = p[3] = p[4] = 0;
	p[5] = 0x0f;
	p[6] = 0x05;
	p[7] = 0xc3;
}

static unsigned char *jit_page_at(int pages, int nr, int at)
{
	unsigned char *m = mmap(0, (size_t)pages * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		exit(10);
	memset(m, 0x90, (size_t)pages * PAGE);
	emit(m + at, nr);
	if (mprotect(m, (size_t)pages * PAGE, PROT_READ | PROT_EXEC))
		exit(11);
	return m;
}

static unsigned char *jit_page(int pages, int nr)
{
	return jit_page_at(pages, nr, AT);
}

static volatile int genuine_hits;

static void genuine_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	genuine_hits++;
	if (sig == SIGILL)
		uc->uc_mcontext.gregs[REG_RIP] += 2; /* past the ud2 */
}

/* page held code with a syscall at AT + 5 and is gone now: map fresh code
 * there whose genuine ud2, then int3, sit exactly where that site was. Both
 * must reach the program's handlers; a site systrap failed to forget would
 * swallow one of them as a syscall. Returns the handler runs (2). */
static int genuine_traps_at(unsigned char *page)
{
	struct sigaction sa, old_ill, old_trap;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = genuine_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, &old_ill);
	sigaction(SIGTRAP, &sa, &old_trap);
	genuine_hits = 0;
	static const unsigned char traps[2][2] = {{0x0f, 0x0b}, {0xcc, 0x90}};
	for (int k = 0; k < 2; k++) {
		unsigned char *m = mmap(page, PAGE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS |
						MAP_FIXED_NOREPLACE, -1, 0);
		if (m != page)
			return -1;
		memset(m, 0x90, PAGE);
		m[AT + 5] = traps[k][0];
		m[AT + 6] = traps[k][1];
		m[AT + 7] = 0xc3; /* ret */
		if (mprotect(m, PAGE, PROT_READ | PROT_EXEC))
			return -1;
		((void (*)(void))(uintptr_t)(m + AT))();
		munmap(m, PAGE);
	}
	sigaction(SIGILL, &old_ill, 0);
	sigaction(SIGTRAP, &old_trap, 0);
	printf("genuine traps where the old site was: %d\n", genuine_hits);
	return genuine_hits;
}

/* Calls the code at p n times; how many results were what `want` says. */
static int run(const unsigned char *p, int n, long want)
{
	long (*fn)(void) = (long (*)(void))(uintptr_t)p;
	int same = 0;
	for (int i = 0; i < n; i++)
		same += fn() == want;
	return same;
}

static int report(const char *mode, int same, int want)
{
	printf("%s: %d of %d agreeing\n", mode, same, want);
	return same == want ? 0 : 1;
}

static int mremap_move(void)
{
	unsigned char *code = jit_page(1, SYS_getppid);
	/* A mapping right after the code page keeps it from growing in
	 * place: ours, unless something is there already. */
	unsigned char *fence = mmap(code + PAGE, PAGE, PROT_READ,
				    MAP_PRIVATE | MAP_ANONYMOUS |
					    MAP_FIXED_NOREPLACE, -1, 0);
	if (fence == MAP_FAILED && errno != EEXIST)
		return 12;
	int same = run(code + AT, 10, getppid());
	unsigned char *moved = mremap(code, PAGE, 2 * PAGE, MREMAP_MAYMOVE);
	if (moved == MAP_FAILED || moved == code)
		return 13;
	same += run(moved + AT, 990, getppid());
	int genuine = genuine_traps_at(code);
	if (fence != MAP_FAILED)
		munmap(fence, PAGE);
	munmap(moved, 2 * PAGE);
	return report("mremap-move", same, 1000) || genuine != 2;
}

static int mremap_fixed(void)
{
	unsigned char *code = jit_page(1, SYS_getppid);
	/* The target held code of its own (instrumented, then replaced),
	 * with its site at another offset than the moved code's. */
	unsigned char *target = jit_page_at(1, SYS_getpgrp, AT - 32);
	int same = run(target + AT - 32, 10, getpgrp());
	same += run(code + AT, 10, getppid());
	unsigned char *moved = mremap(code, PAGE, PAGE,
				      MREMAP_MAYMOVE | MREMAP_FIXED, target);
	if (moved != target)
		return 13;
	same += run(moved + AT, 980, getppid());
	/* The target's old site is gone with the code it was in. */
	if (mprotect(moved, PAGE, PROT_READ | PROT_WRITE))
		return 14;
	memset(moved, 0x90, PAGE);
	moved[AT - 32 + 5] = 0x0f; /* genuine ud2 where that site was */
	moved[AT - 32 + 6] = 0x0b;
	moved[AT - 32 + 7] = 0xc3;
	if (mprotect(moved, PAGE, PROT_READ | PROT_EXEC))
		return 15;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = genuine_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, 0);
	genuine_hits = 0;
	((void (*)(void))(uintptr_t)(moved + AT - 32))();
	printf("genuine ud2 where the replaced site was: %d\n", genuine_hits);
	munmap(moved, PAGE);
	return report("mremap-fixed", same, 1000) || genuine_hits != 1;
}

static int mremap_dontunmap(void)
{
	unsigned char *code = jit_page(1, SYS_getppid);
	int same = run(code + AT, 10, getppid());
	unsigned char *moved = mremap(code, PAGE, PAGE,
				      MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	if (moved == MAP_FAILED || moved == code)
		return 13;
	same += run(moved + AT, 490, getppid());
	/* The old range is still mapped, now empty: new code goes there. */
	if (code[AT] != 0) {
		printf("old range not empty\n");
		return 14;
	}
	if (mprotect(code, PAGE, PROT_READ | PROT_WRITE))
		return 15;
	memset(code, 0x90, PAGE);
	emit(code + AT, SYS_getpgrp);
	if (mprotect(code, PAGE, PROT_READ | PROT_EXEC))
		return 16;
	int old_same = run(code + AT, 500, getpgrp());
	same += run(moved + AT, 500, getppid());
	printf("old range: %d of 500 agreeing\n", old_same);
	munmap(code, PAGE);
	munmap(moved, PAGE);
	return report("mremap-dontunmap", same, 1000) || old_same != 500;
}

static int mremap_shrink(void)
{
	unsigned char *code = jit_page(2, SYS_getppid);
	/* A second site, in the page that goes away. */
	if (mprotect(code, 2 * PAGE, PROT_READ | PROT_WRITE))
		return 15;
	emit(code + PAGE + AT, SYS_getpgrp);
	if (mprotect(code, 2 * PAGE, PROT_READ | PROT_EXEC))
		return 16;
	int same = run(code + AT, 10, getppid());
	same += run(code + PAGE + AT, 10, getpgrp());
	if (mremap(code, 2 * PAGE, PAGE, 0) != code)
		return 13;
	/* The page given up held a site: it must be forgotten. */
	int genuine = genuine_traps_at(code + PAGE);
	same += run(code + AT, 10, getppid());
	/* Then the shrunk code moves onto a place of our choosing. */
	unsigned char *target = mmap(0, PAGE, PROT_NONE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *moved = mremap(code, PAGE, PAGE,
				      MREMAP_MAYMOVE | MREMAP_FIXED, target);
	if (moved != target)
		return 18;
	same += run(moved + AT, 970, getppid());
	munmap(moved, PAGE);
	return report("mremap-shrink", same, 1000) || genuine != 2;
}

/* A file of `pages` pages of nops with code for nr[i] at AT in page i. */
static int code_file(int pages, const int *nr)
{
	char path[] = "/tmp/systrap_new_code.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		exit(20);
	unlink(path);
	unsigned char page[PAGE];
	for (int i = 0; i < pages; i++) {
		memset(page, 0x90, sizeof page);
		emit(page + AT, nr[i]);
		if (write(fd, page, sizeof page) != PAGE)
			exit(21);
	}
	return fd;
}

static int mremap_grow_file(void)
{
	/* Not unlinked: systrap finds the file of the grown mapping by its
	 * path in /proc/self/maps. */
	char path[] = "/tmp/systrap_grow.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 20;
	unsigned char page[PAGE];
	int nrs[2] = {SYS_getppid, SYS_getpgrp};
	for (int i = 0; i < 2; i++) {
		memset(page, 0x90, sizeof page);
		emit(page + AT, nrs[i]);
		if (write(fd, page, sizeof page) != PAGE)
			return 21;
	}
	unsigned char *m = mmap(0, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE,
				fd, 0);
	if (m == MAP_FAILED)
		return 22;
	int same = run(m + AT, 500, getppid());
	unsigned char *grown = mremap(m, PAGE, 2 * PAGE, MREMAP_MAYMOVE);
	if (grown == MAP_FAILED)
		return 23;
	same += run(grown + AT, 250, getppid());
	same += run(grown + PAGE + AT, 250, getpgrp());
	munmap(grown, 2 * PAGE);
	close(fd);
	unlink(path);
	return report("mremap-grow-file", same, 1000);
}

static int pkey_flip(void)
{
	unsigned char *m = mmap(0, PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 10;
	memset(m, 0x90, PAGE);
	emit(m + AT, SYS_getppid);
	/* pkey -1: the protection changes, the key stays (works without
	 * protection-key hardware). */
	if (pkey_mprotect(m, PAGE, PROT_READ | PROT_EXEC, -1))
		return 11;
	int same = run(m + AT, 1000, getppid());
	munmap(m, PAGE);
	return report("pkey-mprotect", same, 1000);
}

static int mmap_file(int prot, const char *mode)
{
	int nrs[1] = {SYS_getppid};
	int fd = code_file(1, nrs);
	unsigned char *m = mmap(0, PAGE, prot, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		return 22;
	close(fd);
	int same = run(m + AT, 1000, getppid());
	munmap(m, PAGE);
	return report(mode, same, 1000);
}

/* A MAP_FIXED mapping over instrumented code replaces it: its sites must
 * go. Fresh code is then put there with genuine traps exactly where the
 * site was; both must reach the program's handlers. */
static int mmap_fixed_over(void)
{
	unsigned char *code = jit_page(1, SYS_getppid);
	int same = run(code + AT, 1000, getppid());
	struct sigaction sa, old_ill, old_trap;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = genuine_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, &old_ill);
	sigaction(SIGTRAP, &sa, &old_trap);
	genuine_hits = 0;
	static const unsigned char traps[2][2] = {{0x0f, 0x0b}, {0xcc, 0x90}};
	for (int k = 0; k < 2; k++) {
		unsigned char *m = mmap(code, PAGE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
					-1, 0);
		if (m != code)
			return 13;
		memset(m, 0x90, PAGE);
		m[AT + 5] = traps[k][0];
		m[AT + 6] = traps[k][1];
		m[AT + 7] = 0xc3;
		if (mprotect(m, PAGE, PROT_READ | PROT_EXEC))
			return 14;
		((void (*)(void))(uintptr_t)(m + AT))();
	}
	sigaction(SIGILL, &old_ill, 0);
	sigaction(SIGTRAP, &old_trap, 0);
	printf("genuine traps where the replaced site was: %d\n", genuine_hits);
	return report("mmap-fixed-over", same, 1000) || genuine_hits != 2;
}

/* Runs the stub at code (mov $nr,%eax; syscall; ret) 1000 times, then
 * for each later number: makes page RW, checks that the page (or, where
 * the program did not write the page, the stub's 8 bytes) is as written,
 * changes the stub's immediate to it, makes page RX and runs it 1000
 * times. written: the page as the program wrote it (updated here). */
static int rewrite_rounds(const char *mode, unsigned char *page,
			  unsigned char *code, unsigned char *written,
			  int whole_page)
{
	size_t from = whole_page ? 0 : (size_t)(code - page);
	size_t len = whole_page ? PAGE : 8;
	static const int nrs[] = {SYS_getpid, SYS_getppid, SYS_getpgrp,
				  SYS_getppid};
	int bad = 0;
	for (int k = 0; k < 4; k++) {
		if (k) {
			if (mprotect(page, PAGE, PROT_READ | PROT_WRITE))
				return 30;
			int same = !memcmp(page + from, written + from, len);
			printf("%s: round %d: as written: %s; the stub:", mode,
			       k, same ? "yes" : "NO");
			for (int i = 0; i < 8; i++)
				printf(" %02x", code[i]);
			printf("\n");
			bad |= !same;
			code[1] = (unsigned char)nrs[k];
			written[code - page + 1] = (unsigned char)nrs[k];
			if (mprotect(page, PAGE, PROT_READ | PROT_EXEC))
				return 31;
		}
		long want = syscall(nrs[k]);
		bad |= report(mode, run(code, 1000, want), 1000);
	}
	return bad;
}

/* mov $nr,%eax; gs syscall (65 0f 05); ret */
static void emit_prefixed(unsigned char *p, int nr)
{
	emit(p, nr);
	p[5] = 0x65;
	p[6] = 0x0f;
	p[7] = 0x05;
	p[8] = 0xc3;
}

static int rewritten_in_place(int prefixed)
{
	void (*emit_stub)(unsigned char *, int) = prefixed ? emit_prefixed
							   : emit;
	unsigned char *page = mmap(0, PAGE, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return 10;
	static unsigned char written[PAGE];
	memset(written, 0x90, PAGE);
	emit_stub(written + AT, SYS_getpid);
	memcpy(page, written, PAGE);
	if (mprotect(page, PAGE, PROT_READ | PROT_EXEC))
		return 11;
	int r = rewrite_rounds(prefixed ? "rewritten-prefixed"
					: "rewritten-in-place",
			       page, page + AT, written, 1);
	munmap(page, PAGE);
	return r;
}

static int rewritten_across_pages(void)
{
	unsigned char *m = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 10;
	memset(m, 0x90, 2 * PAGE);
	unsigned char *code = m + PAGE - 5; /* mov $39,%eax: 5 bytes */
	emit(code, SYS_getpid);
	if (mprotect(m, 2 * PAGE, PROT_READ | PROT_EXEC))
		return 11;
	int bad = report("rewritten-across-pages", run(code, 1000, getpid()),
			 1000);
	if (mprotect(m + PAGE, PAGE, PROT_READ | PROT_WRITE))
		return 12;
	printf("rewritten-across-pages: the second page begins %02x %02x %02x\n",
	       m[PAGE], m[PAGE + 1], m[PAGE + 2]);
	m[PAGE] = m[PAGE + 1] = 0x90;
	if (mprotect(m + PAGE, PAGE, PROT_READ | PROT_EXEC))
		return 13;
	bad |= report("rewritten-across-pages", run(code, 1000, SYS_getpid),
		      1000);
	munmap(m, 2 * PAGE);
	return bad;
}

/* A stub alone on a page of the program's .text. */
extern unsigned char own_text_stub[];
__asm__(".text\n"
	".p2align 12\n"
	"own_text_stub:\n"
	"mov $39, %eax\n" /* SYS_getpid */
	"syscall\n"
	"ret\n"
	".p2align 12\n");

static int own_text_rewritten(void)
{
	static unsigned char written[PAGE];
	emit(written, SYS_getpid);
	return rewrite_rounds("own-text-rewritten", own_text_stub,
			      own_text_stub, written, 0);
}

/* A whole page of .rodata: a stub, then a table whose bytes hold 0f 05. */
static const unsigned char rodata_page[PAGE] __attribute__((aligned(PAGE))) = {
	0xb8, 39, 0, 0, 0, 0x0f, 0x05, 0xc3, /* mov $39,%eax; syscall; ret */
	0x10, 0x00, 0x0f, 0x05, 0x41, 0x42, 0x43, 0x44,
};

static int rodata_exec(void)
{
	if (mprotect((void *)rodata_page, PAGE, PROT_READ | PROT_EXEC)) {
		perror("mprotect");
		return 1;
	}
	printf("rodata-exec:");
	for (int i = 0; i < 16; i++)
		printf(" %02x", rodata_page[i]);
	long (*stub)(void) = (long (*)(void))(uintptr_t)rodata_page;
	printf("\nrodata-exec: the stub %s\n",
	       stub() == (long)getpid() ? "returns the pid" : "fails");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	const char *m = argc > 1 ? argv[1] : "";
	if (!strcmp(m, "mremap-move"))
		return mremap_move();
	if (!strcmp(m, "mremap-fixed"))
		return mremap_fixed();
	if (!strcmp(m, "mremap-dontunmap"))
		return mremap_dontunmap();
	if (!strcmp(m, "mremap-shrink"))
		return mremap_shrink();
	if (!strcmp(m, "mremap-grow-file"))
		return mremap_grow_file();
	if (!strcmp(m, "mmap-fixed-over"))
		return mmap_fixed_over();
	if (!strcmp(m, "pkey-mprotect"))
		return pkey_flip();
	if (!strcmp(m, "mmap-file"))
		return mmap_file(PROT_READ | PROT_EXEC, "mmap-file");
	if (!strcmp(m, "rodata-exec"))
		return rodata_exec();
	if (!strcmp(m, "rewritten-in-place"))
		return rewritten_in_place(0);
	if (!strcmp(m, "rewritten-prefixed"))
		return rewritten_in_place(1);
	if (!strcmp(m, "rewritten-across-pages"))
		return rewritten_across_pages();
	if (!strcmp(m, "own-text-rewritten"))
		return own_text_rewritten();
	if (!strcmp(m, "mmap-file-rwx"))
		return mmap_file(PROT_READ | PROT_WRITE | PROT_EXEC,
				 "mmap-file-rwx");
	return 2;
}
