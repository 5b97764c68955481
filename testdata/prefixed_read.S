/* long pfx_read(long fd, void *buf, long n): read through a syscall with a
 * prefix the CPU ignores, `xor %eax,%eax; 65 0f 05` (a 2-byte instruction
 * before it: with the syscall's 3 a window covering it, where nothing
 * branches to it). For prefixed_syscalls and attach_target. */
	.text
	.globl pfx_read
	.type pfx_read, @function
pfx_read:
	.cfi_startproc
	xor %eax, %eax
	.byte 0x65, 0x0f, 0x05
	ret
	.cfi_endproc
	.size pfx_read, .-pfx_read
	.section .note.GNU-stack, "", @progbits
