/* prctl options as prctl_decoder.c decodes them, with arguments the kernel
 * refuses or that change nothing the program relies on (no capability,
 * seccomp or no_new_privs is set): trace_compare_test's prctl case compares
 * each line with strace 6.1's. All five arguments are passed, so the
 * options strace prints in hex show the same values in both traces. */
#include <linux/capability.h>
#include <linux/prctl.h>
#include <linux/securebits.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

static long pr(long option, long a2, long a3, long a4, long a5)
{
	return syscall(SYS_prctl, option, a2, a3, a4, a5);
}

int main(void)
{
	int i = -1;
	uint64_t u64 = 0;
	char name[16] = { 0 };
	static const char sixteen[16] = "0123456789abcdef"; /* no NUL */

	pr(PR_SET_NAME, (long)sixteen, 0, 0, 0);
	pr(PR_SET_NAME, (long)"prctl_calls", 0, 0, 0);
	pr(PR_GET_NAME, (long)name, 0, 0, 0);
	pr(PR_SET_DUMPABLE, 3, 0, 0, 0);
	pr(PR_SET_DUMPABLE, 1, 0, 0, 0);
	pr(PR_GET_DUMPABLE, 0, 0, 0, 0);
	pr(PR_SET_PDEATHSIG, 200, 0, 0, 0);
	pr(PR_SET_PDEATHSIG, 0, 0, 0, 0);
	pr(PR_GET_PDEATHSIG, (long)&i, 0, 0, 0);
	pr(PR_GET_PDEATHSIG, 0, 0, 0, 0);
	pr(PR_CAPBSET_READ, CAP_NET_RAW, 0, 0, 0);
	pr(PR_CAPBSET_READ, 0xff, 0, 0, 0);
	pr(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_AUDIT_CONTROL, 0, 0);
	pr(PR_CAP_AMBIENT, 0xff, 0xaaaa, 0xbbbb, 0xcccc);
	pr(PR_MCE_KILL, 0xaaaa, 0xbbbb, 0xcccc, 0xdddd);
	pr(PR_MCE_KILL, PR_MCE_KILL_SET, 0xff, 0, 0);
	pr(PR_MCE_KILL_GET, 0, 0, 0, 0);
	pr(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_KEEP_CAPS | 0x1000,
	   0, 0, 0);
	pr(PR_GET_SECUREBITS, 0, 0, 0, 0);
	pr(PR_SET_TSC, 0, 0, 0, 0);
	pr(PR_GET_TSC, (long)&i, 0, 0, 0);
	pr(PR_GET_TID_ADDRESS, (long)&u64, 0, 0, 0);
	pr(PR_GET_TID_ADDRESS, 0, 0, 0, 0);
	pr(PR_GET_CHILD_SUBREAPER, (long)&i, 0, 0, 0);
	pr(PR_SET_UNALIGN, 0xff00, 0, 0, 0);
	pr(PR_GET_UNALIGN, 0, 0, 0, 0);
	pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0, 1, (long)"anon");
	pr(PR_SET_VMA, 0xdefaced, 1, 2, 3);
	pr(PR_SCHED_CORE, PR_SCHED_CORE_GET, -1, 4, (long)&u64);
	pr(PR_SCHED_CORE, PR_SCHED_CORE_CREATE, -1, 1, 0);
	pr(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 1, 2, 3);
	pr(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, 0, 0, 0);
	pr(PR_SET_SPECULATION_CTRL, 0xff, 0xff, 0, 0);
	pr(PR_SET_SECCOMP, 0xff, 1, 2, 3);
	pr(PR_GET_TAGGED_ADDR_CTRL, 0, 0, 0, 0);
	pr(PR_SET_TAGGED_ADDR_CTRL, PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_SYNC |
	   (5L << PR_MTE_TAG_SHIFT), 1, 2, 3);
	pr(PR_SVE_SET_VL, PR_SVE_VL_INHERIT | 0x10, 0, 0, 0);
	pr(PR_SVE_GET_VL, 0, 0, 0, 0);
	pr(PR_PAC_RESET_KEYS, PR_PAC_APIAKEY | PR_PAC_APGAKEY | 0x40, 0, 0, 0);
	pr(PR_PAC_SET_ENABLED_KEYS, 0, PR_PAC_APDBKEY, 0, 0);
	pr(PR_SET_FP_MODE, PR_FP_MODE_FR, 0, 0, 0);
	pr(PR_SET_MM, PR_SET_MM_BRK, 0, 0, 0);
	pr(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	pr(PR_SET_TIMERSLACK, 50000, 0, 0, 0);
	pr(PR_GET_TIMERSLACK, 0, 0, 0, 0);
	pr(PR_TASK_PERF_EVENTS_ENABLE, 1, 2, 3, 4);
	pr(PR_SET_PTRACER, -1, 0, 0, 0);
	pr(0x7fff, 1, 2, 3, 4);
	return 0;
}
