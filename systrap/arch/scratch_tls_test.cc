// The image's scratch TLS (scratch_tls.h), switched to and back the way
// the image's start switches it: where the kernel lets user code write
// FS's base (HWCAP2_FSGSBASE), with instructions and no system call, so a
// child whose seccomp filter kills it at arch_prctl lives; without that
// fact, through arch_prctl, which the same filter kills. Either way FS is
// the scratch block in between and the program's after. The fact as an
// image gets it: SYSTRAP_CPU's fourth field (cpu_facts.h).
#include <asm/prctl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <string>

#include "gtest/gtest.h"

extern "C" {
#include "systrap/arch/cpu_facts.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/arch/scratch_tls.h"
#include "systrap/arch/tx_copy.h"
}

namespace {

// What %fs:0 holds: glibc's thread pointer points at itself there, and so
// does the scratch block's first word.
unsigned long FsSelf() {
  unsigned long v;
  __asm__ volatile("mov %%fs:0, %0" : "=r"(v));
  return v;
}

// In a child: told (tell: 0, or -1 when it refuses) whether FSGSBASE may
// be used, the switch and its restore under a filter that kills the
// process at arch_prctl. Its wait status.
int SwitchUnderFilter(const std::function<int()> &tell) {
  pid_t pid = fork();
  if (pid == 0) {
    unsigned long before = 0;
    if (syscall(SYS_arch_prctl, ARCH_GET_FS, &before)) _exit(10);
    struct sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_arch_prctl, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {sizeof code / sizeof code[0], code};
    arch_scratch_tls_enable();
    if (tell()) _exit(15);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
        prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
      _exit(11);
    // Nothing here may read glibc's TLS until the restore.
    unsigned long program = arch_scratch_tls_switch();
    unsigned long scratch = FsSelf();
    arch_scratch_tls_restore(program);
    if (program != before) _exit(12);
    if (FsSelf() != before) _exit(13);
    if (scratch == before || !scratch) _exit(14);
    _exit(0);
  }
  int status = -1;
  waitpid(pid, &status, 0);
  return status;
}

TEST(ScratchTls, WithFsgsbaseItSwitchesWithoutASystemCall) {
  if (!(getauxval(AT_HWCAP2) & 2)) GTEST_SKIP() << "the kernel has not enabled FSGSBASE";
  int status = SwitchUnderFilter([] {
    arch_scratch_tls_use_fsgsbase(1);
    return 0;
  });
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(ScratchTls, WithoutItTheSwitchAsksTheKernel) {
  int status = SwitchUnderFilter([] {
    arch_scratch_tls_use_fsgsbase(0);
    return 0;
  });
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGSYS);
}

// The facts' text as an image takes it: what its fourth field says is
// what the switch then uses.
TEST(ScratchTls, TheFsgsbaseFactTakenIsWhatItSwitchesWith) {
  if (!(getauxval(AT_HWCAP2) & 2)) GTEST_SKIP() << "the kernel has not enabled FSGSBASE";
  unsigned size = arch_vector_state_size();
  char with[48], without[48];
  snprintf(with, sizeof with, "%x,%x,%x,1", size, size ? arch_vector_state_mask() : 0,
           arch_tx_available());
  snprintf(without, sizeof without, "%x,%x,%x,0", size,
           size ? arch_vector_state_mask() : 0, arch_tx_available());
  int status = SwitchUnderFilter([&] { return arch_cpu_facts_take(with); });
  ASSERT_TRUE(WIFEXITED(status)) << with << ": killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0) << with;
  status = SwitchUnderFilter([&] { return arch_cpu_facts_take(without); });
  ASSERT_TRUE(WIFSIGNALED(status)) << without << ": exit status " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGSYS) << without;
}

}  // namespace
