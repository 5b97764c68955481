/* seccomp(2) and prctl(PR_SET_SECCOMP) with classic BPF programs the
 * kernel refuses (the last instruction does not return, or flags are
 * unknown), so no filter is ever installed; and the queries
 * (SECCOMP_GET_ACTION_AVAIL, SECCOMP_GET_NOTIF_SIZES). For
 * trace_compare_test's seccomp case: bpf_filter.c's instructions under -v,
 * prctl_decoder.c's seccomp decoder, each line as strace 6.1's. */
#include <linux/filter.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 39, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 13),
		BPF_STMT(BPF_ALU | BPF_AND | BPF_X, 0),
		BPF_STMT(BPF_MISC | BPF_TXA, 0),
		BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 14),
		BPF_STMT(BPF_ST, 3),
		BPF_STMT(BPF_RET | BPF_K, 0x12340000),
		BPF_STMT(BPF_RET | BPF_A, 0),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_X, 0x80, 2, 0),
	};
	struct sock_fprog prog = { sizeof insns / sizeof insns[0], insns };
	struct sock_fprog empty = { 0, insns };
	uint32_t act = SECCOMP_RET_LOG;
	struct seccomp_notif_sizes sizes;

	syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &act);
	act = 0x12345678;
	syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &act);
	syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes);
	syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 1, &sizes);
	syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		SECCOMP_FILTER_FLAG_LOG | 0x80000000, &prog);
	syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &empty);
	syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	syscall(SYS_seccomp, 7, 0x10, 0);
	syscall(SYS_prctl, PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
	return 0;
}
