// code_patch_apply and jump pools: the bytes a plan writes, and how they
// get there. Lazy
// instrumenting's one thread (alone) writes through /proc/self/mem and
// changes no page's protection: under a seccomp filter that refuses
// mprotect it still patches, where the stores' way cannot. Where
// /proc/self/mem is refused (its open, or the write itself) it falls back
// to the stores, with the same bytes. Each case runs in a child of its
// own (a seccomp filter cannot be taken back).
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

extern "C" {
#include "systrap/arch/jump_patch.h"
#include "systrap/arch/page.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/code_patch.h"
#include "systrap/core/jump_pool.h"
}

namespace {

constexpr size_t kPages = 2;

// Two pages of code as a loader leaves them: read+execute, a trap-only
// site, a site with a 5-byte instruction before it (a jump's window), a
// prefixed site, and a site whose window starts on the first page and
// ends on the second.
uint8_t* CodePages() {
  void* m = mmap(nullptr, kPages * ARCH_PAGE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return nullptr;
  uint8_t* p = static_cast<uint8_t*>(m);
  memset(p, 0xcc, kPages * ARCH_PAGE);
  uint8_t sc[ARCH_SYSCALL_INSN_LEN];
  arch_syscall_bytes(sc);
  const uint8_t mov[5] = {0xb8, 0x27, 0x00, 0x00, 0x00};
  memcpy(p + 100, sc, sizeof sc);
  memcpy(p + 195, mov, sizeof mov);
  memcpy(p + 200, sc, sizeof sc);
  p[300] = 0x41;  // a prefix
  memcpy(p + 301, sc, sizeof sc);
  memcpy(p + ARCH_PAGE - 2, mov, sizeof mov);
  memcpy(p + ARCH_PAGE + 3, sc, sizeof sc);
  mprotect(p, kPages * ARCH_PAGE, PROT_READ | PROT_EXEC);
  return p;
}

std::vector<planned_site> Plan(uint8_t* p) {
  uintptr_t b = reinterpret_cast<uintptr_t>(p);
  std::vector<planned_site> s(4);
  for (auto& x : s) memset(&x, 0, sizeof x);
  s[0].site = b + 100;
  s[1].site = b + 200;
  s[1].window_known = s[1].window_insns = 1;
  s[1].window_len = 5;
  s[1].trampoline = b + 3000;
  s[2].site = b + 301;
  s[2].prefix_len = 1;
  s[3].site = b + ARCH_PAGE + 3;
  s[3].window_known = s[3].window_insns = 1;
  s[3].window_len = 5;
  s[3].trampoline = b + 3500;
  return s;
}

const trap_encoding* Trap() { return arch_trap_encoding(ARCH_TRAP_UD2); }

// The protection /proc/self/maps shows for the mapping at p ("r-xp"...).
std::string ProtectionOf(const void* p) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  uintptr_t a = reinterpret_cast<uintptr_t>(p);
  while (std::getline(maps, line)) {
    unsigned long lo, hi;
    char perms[8];
    if (sscanf(line.c_str(), "%lx-%lx %7s", &lo, &hi, perms) == 3 && a >= lo && a < hi)
      return perms;
  }
  return "";
}

// Runs f in a child with a filter that makes the call nr fail with err
// (nr < 0: no filter); returns f's result, or 1000 + a signal.
int InChild(long nr, int err, const std::function<int()>& f) {
  pid_t c = fork();
  if (c == 0) {
    if (nr >= 0) {
      struct sock_filter prog[] = {
          BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
          BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<unsigned>(nr), 0, 1),
          BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | static_cast<unsigned>(err)),
          BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      };
      struct sock_fprog fp = {sizeof prog / sizeof prog[0], prog};
      if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
          prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fp))
        _exit(200);
    }
    _exit(f() & 0xff);
  }
  int st;
  waitpid(c, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + WTERMSIG(st);
}

// The pages as a plan patched by stores leaves them (no filter, not alone).
std::vector<uint8_t> Expected() {
  uint8_t* p = CodePages();
  auto s = Plan(p);
  EXPECT_EQ(code_patch_apply(s.data(), s.size(), PROT_READ | PROT_EXEC, Trap(), 0), 0);
  std::vector<uint8_t> v(p, p + kPages * ARCH_PAGE);
  munmap(p, kPages * ARCH_PAGE);
  code_patch_forget(reinterpret_cast<uintptr_t>(p), reinterpret_cast<uintptr_t>(p) + kPages * ARCH_PAGE);
  return v;
}

// In the child: applies the plan to p (made before the filter, whose
// mprotect it may refuse) alone or not, and checks the bytes against want
// and the protection after: 0, or which check failed.
int ApplyAndCheck(uint8_t* p, int alone, const std::vector<uint8_t>& want, int* result) {
  auto s = Plan(p);
  *result = code_patch_apply(s.data(), s.size(), PROT_READ | PROT_EXEC, Trap(), alone);
  if (*result) return 10;
  if (memcmp(p, want.data(), want.size())) return 11;
  std::string prot = ProtectionOf(p);
  if (!prot.empty() && prot != "r-xp") return 12;  // (empty: /proc refused)
  return 0;
}

TEST(CodePatch, BytesAsPlanned) {
  std::vector<uint8_t> want = Expected();
  const uint8_t* t = Trap()->bytes;
  EXPECT_EQ(want[100], t[0]);
  EXPECT_EQ(want[101], t[1]);
  // The window's jump, to the trampoline, over the instruction and the
  // site's trap left after it.
  uint8_t jump[ARCH_JMP_REL32_LEN];
  arch_write_jump(jump, 195, 3000);
  EXPECT_EQ(0, memcmp(&want[195], jump, sizeof jump));
  EXPECT_EQ(want[200], t[0]);
  EXPECT_EQ(want[300], ARCH_PREFIX_NOP);
  EXPECT_EQ(want[301], t[0]);
  // Across the pages' boundary.
  arch_write_jump(jump, ARCH_PAGE - 2, 3500);
  EXPECT_EQ(0, memcmp(&want[ARCH_PAGE - 2], jump, sizeof jump));
  EXPECT_EQ(want[ARCH_PAGE + 3], t[0]);
}

TEST(CodePatch, AloneChangesNoProtection) {
  std::vector<uint8_t> want = Expected();
  uint8_t* p = CodePages();
  ASSERT_NE(p, nullptr);
  int r = 0;
  // mprotect refused: alone patches all the same, through /proc/self/mem.
  EXPECT_EQ(InChild(SYS_mprotect, EPERM, [&] { return ApplyAndCheck(p, 1, want, &r); }), 0);
  // Not alone it cannot (the filter works).
  EXPECT_EQ(InChild(SYS_mprotect, EPERM, [&] { return ApplyAndCheck(p, 0, want, &r); }), 10);
}

TEST(CodePatch, FallsBackToStoresWhereProcMemIsRefused) {
  std::vector<uint8_t> want = Expected();
  uint8_t* p = CodePages();
  ASSERT_NE(p, nullptr);
  int r = 0;
  EXPECT_EQ(InChild(SYS_openat, EACCES, [&] { return ApplyAndCheck(p, 1, want, &r); }), 0);
  // The open granted, each write refused: stores from the first on.
  EXPECT_EQ(InChild(SYS_pwrite64, EIO, [&] { return ApplyAndCheck(p, 1, want, &r); }), 0);
  EXPECT_EQ(InChild(-1, 0, [&] { return ApplyAndCheck(p, 1, want, &r); }), 0);
}

// What mremap needs: the original bytes of each window, as the record of
// jumps keeps them, alike whichever way the bytes went.
TEST(CodePatch, MovedCodeGetsItsWindowsBack) {
  for (int alone : {0, 1}) {
    SCOPED_TRACE(alone);
    uint8_t* p = CodePages();
    std::vector<uint8_t> before(p, p + kPages * ARCH_PAGE);
    auto s = Plan(p);
    ASSERT_EQ(code_patch_apply(s.data(), s.size(), PROT_READ | PROT_EXEC, Trap(), alone), 0);
    void* q = mremap(p, kPages * ARCH_PAGE, kPages * ARCH_PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
                     mmap(nullptr, kPages * ARCH_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    ASSERT_NE(q, MAP_FAILED);
    uintptr_t old_lo = reinterpret_cast<uintptr_t>(p), new_lo = reinterpret_cast<uintptr_t>(q);
    code_patch_unjump_moved(old_lo, kPages * ARCH_PAGE, new_lo);
    const uint8_t* m = static_cast<const uint8_t*>(q);
    EXPECT_EQ(0, memcmp(m + 195, &before[195], 5));
    EXPECT_EQ(0, memcmp(m + ARCH_PAGE - 2, &before[ARCH_PAGE - 2], 5));
    // The sites keep their traps.
    EXPECT_EQ(m[200], Trap()->bytes[0]);
    EXPECT_EQ(m[100], Trap()->bytes[0]);
    code_patch_forget(old_lo, old_lo + kPages * ARCH_PAGE);
    munmap(q, kPages * ARCH_PAGE);
  }
}

// A pool of trampolines for the code at [lo, hi), filled with a pattern
// and sealed (in the child: 0, or which step failed); its address and the
// pattern's length in *at, *n.
int FillPool(uintptr_t lo, uintptr_t hi, int alone, uintptr_t* at, size_t* n) {
  struct jump_pool pool;
  memset(&pool, 0, sizeof pool);
  if (jump_pool_open(&pool, lo, hi, 200, alone)) return 20;
  uint8_t* w = jump_pool_take(&pool, 100);
  if (!w) return 21;
  for (int i = 0; i < 100; i++) w[i] = static_cast<uint8_t>(i + 1);
  *at = jump_pool_address(&pool, w);
  *n = 100;
  if (jump_pool_seal(&pool)) return 22;
  const uint8_t* r = reinterpret_cast<const uint8_t*>(*at);
  for (int i = 0; i < 100; i++)
    if (r[i] != i + 1) return 23;
  std::string prot = ProtectionOf(r);
  if (!prot.empty() && prot != "r-xp") return 24;
  return 0;
}

// A pool alone is mapped read+execute at once and filled through
// /proc/self/mem: it is made under a filter that refuses mprotect, which
// a pool otherwise needs; where /proc/self/mem is refused, the same bytes
// by a copy made writable for the while.
TEST(JumpPool, AloneChangesNoProtection) {
  uint8_t* p = CodePages();
  ASSERT_NE(p, nullptr);
  uintptr_t lo = reinterpret_cast<uintptr_t>(p), hi = lo + kPages * ARCH_PAGE, at = 0;
  size_t n = 0;
  EXPECT_EQ(InChild(SYS_mprotect, EPERM, [&] { return FillPool(lo, hi, 1, &at, &n); }), 0);
  EXPECT_EQ(InChild(SYS_mprotect, EPERM, [&] { return FillPool(lo, hi, 0, &at, &n); }), 22);
  EXPECT_EQ(InChild(SYS_openat, EACCES, [&] { return FillPool(lo, hi, 1, &at, &n); }), 0);
  EXPECT_EQ(InChild(SYS_pwrite64, EIO, [&] { return FillPool(lo, hi, 1, &at, &n); }), 0);
  EXPECT_EQ(InChild(-1, 0, [&] { return FillPool(lo, hi, 0, &at, &n); }), 0);
}

// Code patched a page at a time (lazy instrumenting, alone) took a pool
// page for each page's trampolines, mostly empty: a mapping and a fresh
// page each. A second pool for the same code is now the first's unused
// tail: on the same page, after the first's bytes, which stay as they
// were. Where /proc/self/mem is refused, the second is a page of its own,
// made writable for its copy, as before (a tail is never made writable:
// trampolines before it may be running).
int FillTwoPools(uintptr_t lo, uintptr_t hi, uintptr_t* first, uintptr_t* second) {
  size_t n = 0;
  int e = FillPool(lo, hi, 1, first, &n);
  if (e) return e;
  e = FillPool(lo, hi, 1, second, &n);
  if (e) return 30 + e;
  const uint8_t* r = reinterpret_cast<const uint8_t*>(*first);
  for (int i = 0; i < 100; i++)
    if (r[i] != i + 1) return 60;
  return 0;
}

uintptr_t PageOf(uintptr_t a) { return a & ~static_cast<uintptr_t>(ARCH_PAGE - 1); }

TEST(JumpPool, PoolsOfCodePatchedAPageAtATimeShareAPage) {
  uint8_t* p = CodePages();
  ASSERT_NE(p, nullptr);
  uintptr_t lo = reinterpret_cast<uintptr_t>(p), hi = lo + kPages * ARCH_PAGE;
  EXPECT_EQ(InChild(-1, 0,
                    [&] {
                      uintptr_t first = 0, second = 0;
                      int e = FillTwoPools(lo, hi, &first, &second);
                      if (e) return e;
                      if (PageOf(first) != PageOf(second)) return 70;
                      return second >= first + 100 ? 0 : 71;
                    }),
            0);
  EXPECT_EQ(InChild(SYS_pwrite64, EIO,
                    [&] {
                      uintptr_t first = 0, second = 0;
                      int e = FillTwoPools(lo, hi, &first, &second);
                      if (e) return e;
                      return PageOf(first) != PageOf(second) ? 0 : 72;
                    }),
            0);
}

}  // namespace
