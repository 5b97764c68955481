// The CPU facts a launcher hands to the images it starts (cpu_facts.h):
// what the image takes is what start-up then uses, without asking CPUID
// again, and text that is not such facts is refused whole. Each case runs
// in a child: the facts are the process's, once taken or computed.
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <string>

#include "gtest/gtest.h"

#include <cpuid.h>

extern "C" {
#include "systrap/arch/cpuid_leaf.h"
#include "systrap/arch/cpu_facts.h"
#include "systrap/arch/jump_patch.h"
#include "systrap/arch/tx_copy.h"
}

namespace {

// Runs fn in a fresh child; its exit status (0: as expected).
int InChild(const std::function<int()> &fn) {
  pid_t pid = fork();
  if (pid == 0) _exit(fn());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

struct Facts {
  unsigned size, mask;
  int rtm;
  unsigned fsgsbase;  // the kernel's HWCAP2_FSGSBASE (bit 1 of AT_HWCAP2)
};

Facts Asked() {
  Facts f{0, 0, 0, 0};
  int p[2];
  if (pipe(p)) return f;
  InChild([&] {
    Facts g{arch_vector_state_size(), 0, arch_tx_available(),
            (unsigned)(getauxval(AT_HWCAP2) >> 1 & 1)};
    if (g.size) g.mask = arch_vector_state_mask();
    return write(p[1], &g, sizeof g) == sizeof g ? 0 : 1;
  });
  if (read(p[0], &f, sizeof f) != sizeof f) f = Facts{0, 0, 0, 0};
  close(p[0]);
  close(p[1]);
  return f;
}

// The XSAVE area's size systrap saves: the end of the last component it
// saves (x87, SSE, AVX, AVX-512 as XCR0 enables them), in 64s, whichever
// way it was asked (one CPUID of leaf 0xd where XCR0 holds only those, one
// per component else).
TEST(CpuFacts, VectorStateSizeEndsAtTheLastComponentSaved) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE)) GTEST_SKIP() << "no XSAVE";
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  unsigned mask = lo & 0xe7, end = 576;
  for (unsigned i = 2; i < 8; i++) {
    if (!(mask & (1u << i))) continue;
    __cpuid_count(0xd, i, a, b, c, d);
    if (a + b > end) end = a + b;
  }
  Facts f = Asked();
  EXPECT_EQ(f.size, (end + 63) & ~63u);
  EXPECT_EQ(f.mask, mask);
}

TEST(CpuFacts, TextNamesWhatCpuidSays) {
  Facts f = Asked();
  char buf[48];
  char want[48];
  snprintf(want, sizeof want, "%x,%x,%x,%x", f.size, f.size ? f.mask : 0, f.rtm,
           f.fsgsbase);
  EXPECT_EQ(InChild([&] {
              return std::string(arch_cpu_facts_text(buf, sizeof buf)) == want
                         ? 0
                         : 1;
            }),
            0)
      << want;
}

// Taken facts are used as they are: a layout one line (64 bytes) larger
// than CPUID's comes back, which only the taken value can explain.
TEST(CpuFacts, TakenFactsAreUsedWithoutCpuid) {
  Facts f = Asked();
  if (!f.size) GTEST_SKIP() << "no XSAVE on this CPU";
  char text[48];
  snprintf(text, sizeof text, "%x,%x,%x,0", f.size + 64, f.mask, !f.rtm);
  EXPECT_EQ(InChild([&] {
              if (arch_cpu_facts_take(text)) return 1;
              if (arch_vector_state_size() != f.size + 64) return 2;
              if (arch_vector_state_mask() != f.mask) return 3;
              if (arch_tx_available() != !f.rtm) return 4;
              return 0;
            }),
            0)
      << text;
}

// The numbers a launcher's child asks before its exec and sends the
// launcher (inject/spawn.c): CPUID's answers, and, assumed in another
// process, used there as they are (a layout one line larger than CPUID's
// comes back, which only the assumed value can explain).
TEST(CpuFacts, AskedFactsAreCpuidsAndAssumedOnesAreUsed) {
  Facts f = Asked();
  EXPECT_EQ(InChild([&] {
              arch_cpu_facts asked;
              arch_cpu_facts_ask(&asked);
              return asked.size == f.size && asked.mask == f.mask &&
                             asked.rtm == (unsigned)f.rtm &&
                             asked.fsgsbase == f.fsgsbase
                         ? 0
                         : 1;
            }),
            0);
  if (!f.size) GTEST_SKIP() << "no XSAVE on this CPU";
  EXPECT_EQ(InChild([&] {
              const arch_cpu_facts told = {f.size + 64, f.mask,
                                           (unsigned)!f.rtm, 0};
              arch_cpu_facts_assume(&told);
              if (arch_vector_state_size() != f.size + 64) return 2;
              if (arch_vector_state_mask() != f.mask) return 3;
              if (arch_tx_available() != !f.rtm) return 4;
              return 0;
            }),
            0);
}

TEST(CpuFacts, OtherTextIsRefusedWhole) {
  Facts f = Asked();
  for (const char *bad :
       {"", "1", "a40,e7", "a40,e7,0", "a40,e7,0,1,1", "a40,,0,0",
        "a40,e7,2,0", "a40,e7,0,2", "A40,e7,0,0", "a41,e7,0,0", "40,e7,0,0",
        "a40,0,0,0", "a40,e7,0,0 ", "a40,e7,0,0,", "123456789,e7,0,0"}) {
    EXPECT_EQ(InChild([&] {
                if (arch_cpu_facts_take(bad) != -1) return 1;
                // Nothing was taken: CPUID's answers.
                if (arch_vector_state_size() != f.size) return 2;
                if (arch_tx_available() != f.rtm) return 3;
                return 0;
              }),
              0)
        << "\"" << bad << "\"";
  }
}

// Where the process has glibc (this test, a preloaded object), leaves 1
// and 7 come from what its loader read: the same words as the instruction
// gives (but leaf 1's EBX, which names the CPU the thread runs on).
TEST(CpuFacts, GlibcsLeavesAreTheInstructions) {
  ASSERT_NE(__x86_get_cpuid_feature_leaf, nullptr);
  unsigned int r[4], a, b, c, d;
  ASSERT_TRUE(arch_cpuid_leaf(1, r));
  __cpuid_count(1, 0, a, b, c, d);
  EXPECT_EQ(r[0], a);
  EXPECT_EQ(r[2], c);
  EXPECT_EQ(r[3], d);
  if (__get_cpuid_max(0, nullptr) >= 7) {
    ASSERT_TRUE(arch_cpuid_leaf(7, r));
    __cpuid_count(7, 0, a, b, c, d);
    EXPECT_EQ(r[1], b);
    EXPECT_EQ(r[2], c);
    EXPECT_EQ(r[3], d);
  }
}

}  // namespace
