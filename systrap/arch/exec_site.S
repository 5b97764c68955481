/* arch_execve_at_site (exec_site.h): the System V call's first three
 * arguments are execve's, in the registers the kernel takes them in. */
#include <asm/unistd_64.h>

	.text
	.globl	arch_execve_at_site
	.hidden	arch_execve_at_site
	.type	arch_execve_at_site, @function
arch_execve_at_site:
	.cfi_startproc
	movl	$__NR_execve, %eax
	syscall
	.globl	arch_execve_returns_at
	.hidden	arch_execve_returns_at
arch_execve_returns_at:
	ret
	.cfi_endproc
	.size	arch_execve_at_site, .-arch_execve_at_site

	.globl	arch_execve_site
	.hidden	arch_execve_site
	.type	arch_execve_site, @function
arch_execve_site:
	leaq	arch_execve_returns_at(%rip), %rax
	ret
	.size	arch_execve_site, .-arch_execve_site

	.section .note.GNU-stack,"",@progbits
