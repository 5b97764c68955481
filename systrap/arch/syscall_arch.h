/* Raw x86-64 system calls: the floor everything on the trap path stands on.
 *
 * The kernel ABI: number in rax, arguments in rdi, rsi, rdx, r10, r8, r9;
 * the result comes back in rax as a value or -errno (-4095..-1); rcx and r11
 * are clobbered by the `syscall` instruction itself. Nothing here reads or
 * writes errno, so these are safe in signal handlers and on threads whose TLS
 * is not set up.
 */
#ifndef SYSTRAP_ARCH_SYSCALL_ARCH_H
#define SYSTRAP_ARCH_SYSCALL_ARCH_H

/* Each raw syscall instruction records its own address in the section
 * systrap_own_sites, so the instrumenter can tell systrap's own calls (which
 * must never trap) from the program's, wherever systrap is linked: a preload
 * object or a program linking it directly. The linker provides
 * __start_systrap_own_sites and __stop_systrap_own_sites around them. Each
 * entry is 32 bits, the site's distance from the entry itself: read-only
 * and resolved when linked, no relocation for a loader to write (two pages
 * copied at every start when they were absolute addresses). */
#define RAW_SYSCALL_INSN \
	"1: syscall\n" \
	".pushsection systrap_own_sites, \"a\"\n" \
	".balign 4\n" \
	".long 1b - .\n" \
	".popsection\n"

static inline long raw_syscall0(long n)
{
	long ret;
	__asm__ volatile(RAW_SYSCALL_INSN : "=a"(ret) : "a"(n) : "rcx", "r11", "memory");
	return ret;
}

static inline long raw_syscall1(long n, long a1)
{
	long ret;
	__asm__ volatile(RAW_SYSCALL_INSN : "=a"(ret) : "a"(n), "D"(a1)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long raw_syscall2(long n, long a1, long a2)
{
	long ret;
	__asm__ volatile(RAW_SYSCALL_INSN : "=a"(ret) : "a"(n), "D"(a1), "S"(a2)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long raw_syscall3(long n, long a1, long a2, long a3)
{
	long ret;
	__asm__ volatile(RAW_SYSCALL_INSN : "=a"(ret) : "a"(n), "D"(a1), "S"(a2), "d"(a3)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long raw_syscall4(long n, long a1, long a2, long a3, long a4)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	__asm__ volatile(RAW_SYSCALL_INSN : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long raw_syscall5(long n, long a1, long a2, long a3, long a4,
				long a5)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	__asm__ volatile(RAW_SYSCALL_INSN : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long raw_syscall6(long n, long a1, long a2, long a3, long a4,
				long a5, long a6)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	__asm__ volatile(RAW_SYSCALL_INSN : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* A result in -4095..-1 is an error. */
static inline int raw_is_error(long ret)
{
	return (unsigned long)ret > -4096UL;
}

#endif
