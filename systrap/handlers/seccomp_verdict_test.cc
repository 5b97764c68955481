// seccomp_verdict against the kernel: each filter set is installed in a
// child that then makes the call; the kernel's answer (an errno the
// filter computed, the call let through, or death by SIGSYS) must be the
// one predicted.
#include "systrap/handlers/seccomp_verdict.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

namespace {

using Program = std::vector<sock_filter>;

constexpr uint32_t kArgs0 = offsetof(seccomp_data, args);

// What the kernel did: the errno (1..4095), 0 for a call let through, or
// -SIGSYS for a kill.
int KernelAnswer(const std::vector<Program>& filters, const uint64_t args[6]) {
  pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    for (const Program& p : filters) {
      sock_fprog fprog = {static_cast<unsigned short>(p.size()),
                          const_cast<sock_filter*>(p.data())};
      if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog)) _exit(255);
    }
    long r = syscall(SYS_getpid, args[0], args[1], args[2], args[3], args[4], args[5]);
    _exit(r < 0 ? (errno & 0xff) : 0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return WEXITSTATUS(status);
}

int Predicted(const std::vector<Program>& filters, const uint64_t args[6]) {
  seccomp_call_data d = {};
  d.nr = SYS_getpid;
  d.arch = AUDIT_ARCH_X86_64;
  for (int i = 0; i < 6; i++) d.args[i] = args[i];
  uint32_t verdict = 0;
  // The newest filter first, as the kernel runs them.
  for (size_t i = filters.size(); i-- > 0;) {
    const Program& p = filters[i];
    int64_t r = seccomp_filter_run(p.data(), p.size(), &d);
    if (r < 0) return 1000;  // no prediction: fails the comparison
    verdict = i + 1 == filters.size()
                  ? static_cast<uint32_t>(r)
                  : seccomp_verdict_combine(verdict, static_cast<uint32_t>(r));
  }
  if (seccomp_verdict_kills(verdict)) return -SIGSYS;
  if ((verdict & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO)
    return (verdict & SECCOMP_RET_DATA) & 0xff;
  return 0;
}

// Each program acts on getpid alone: the child's other calls (the next
// filter's seccomp, its exit) pass.
Program OnGetpid(Program body) {
  Program p = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getpid, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  p.insert(p.end(), body.begin(), body.end());
  return p;
}

// errno = ((args[0] * 3 + 7) & 0x3f) + 1, computed with A, X and memory.
Program Arithmetic() {
  return {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getpid, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, kArgs0),
      BPF_STMT(BPF_ST, 3),
      BPF_STMT(BPF_ALU | BPF_MUL | BPF_K, 3),
      BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, 7),
      BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0x3f),
      BPF_STMT(BPF_MISC | BPF_TAX, 0),
      BPF_STMT(BPF_LD | BPF_IMM, 1),
      BPF_STMT(BPF_ALU | BPF_ADD | BPF_X, 0),
      BPF_STMT(BPF_LDX | BPF_MEM, 3),  // X = args[0] again, unused below
      BPF_STMT(BPF_ALU | BPF_OR | BPF_K, SECCOMP_RET_ERRNO),
      BPF_STMT(BPF_RET | BPF_A, 0),
  };
}

// By args[1]: JSET 0x10 -> EPERM; > 100 -> KILL_THREAD; >= 50 -> EIO;
// else through (a JA over a return).
Program Branches() {
  return OnGetpid({
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, kArgs0 + 8),
      BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x10, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
      BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 100, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_THREAD),
      BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 50, 2, 0),
      BPF_STMT(BPF_JMP | BPF_JA, 2),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EIO),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  });
}

// The high word of args[2]: nonzero -> KILL_PROCESS.
Program HighWord() {
  return OnGetpid({
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, kArgs0 + 16 + 4),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  });
}

TEST(SeccompVerdict, MatchesTheKernel) {
  const std::vector<std::vector<Program>> sets = {
      {Arithmetic()}, {Branches()}, {HighWord()},
      {Branches(), HighWord()}, {Arithmetic(), Branches()}};
  const uint64_t cases[][6] = {
      {0, 0, 0, 0, 0, 0},      {5, 0, 0, 0, 0, 0},    {1000, 16, 0, 0, 0, 0},
      {2, 101, 0, 0, 0, 0},    {3, 50, 0, 0, 0, 0},   {4, 75, 1ull << 32, 0, 0, 0},
      {7, 49, 0, 0, 0, 0},     {9, 200, 7, 0, 0, 0},  {~0ull, 0, 0x100000000ull, 0, 0, 0}};
  int kills = 0, errnos = 0, allowed = 0;
  for (size_t s = 0; s < sets.size(); s++)
    for (const auto& args : cases) {
      int want = KernelAnswer(sets[s], args);
      EXPECT_EQ(Predicted(sets[s], args), want) << "set " << s << " args " << args[0] << ","
                                                << args[1] << "," << args[2];
      kills += want == -SIGSYS;
      errnos += want > 0;
      allowed += want == 0;
    }
  // Every kind of answer was exercised.
  EXPECT_GT(kills, 0);
  EXPECT_GT(errnos, 0);
  EXPECT_GT(allowed, 0);
}

TEST(SeccompVerdict, ProgramsTheKernelRefusesPredictNothing) {
  seccomp_call_data d = {};
  const Program falls_off = {BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0)};
  const Program unaligned = {BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 2),
                             BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
  const Program outside = {BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 64),
                           BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
  const Program far_jump = {BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 5, 5),
                            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
  for (const Program* p : {&falls_off, &unaligned, &outside, &far_jump})
    EXPECT_EQ(seccomp_filter_run(p->data(), p->size(), &d), -1);
  EXPECT_EQ(seccomp_filter_run(nullptr, 0, &d), -1);
}

}  // namespace
