/* Prints the program's own bytes: 0f 05 inside an instruction's immediate
 * and in read-only data must stay as they are; the real syscall instruction
 * at `real_syscall_site` is what systrap patches (0f 05 natively). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* `mov $0x050f, %eax` = b8 0f 05 00 00; `movabs $0x90050f050f, %rax`. */
__asm__(".text\n"
	".globl imm_func\n"
	".type imm_func, @function\n"
	"imm_func:\n"
	"	mov $0x050f, %eax\n"
	"	movabs $0x90050f050f, %rcx\n"
	"	ret\n"
	".size imm_func, . - imm_func\n"
	".globl real_syscall_func\n"
	".type real_syscall_func, @function\n"
	"real_syscall_func:\n"
	"	mov $39, %eax\n"
	".globl real_syscall_site\n"
	"real_syscall_site:\n"
	"	syscall\n"
	"	ret\n"
	".size real_syscall_func, . - real_syscall_func\n");

extern const unsigned char imm_func[], real_syscall_site[];
extern long real_syscall_func(void);
extern int imm_func_call(void) __asm__("imm_func");

static const unsigned char rodata_pair[] = {0x0f, 0x05, 0x0f, 0x05};

static void dump(const char *what, const unsigned char *p, int n)
{
	printf("%s:", what);
	for (int i = 0; i < n; i++)
		printf(" %02x", p[i]);
	printf("\n");
}

int main(void)
{
	printf("imm_func returns %#x\n", imm_func_call());
	printf("real syscall agrees with getpid: %s\n",
	       real_syscall_func() == getpid() ? "yes" : "no");
	dump("imm_func", imm_func, 16);
	dump("rodata", (const unsigned char *)rodata_pair, 4);
	dump("site", real_syscall_site, 2);
	return 0;
}
