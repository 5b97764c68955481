// The decoder adapter against Capstone used the plain way. The adapter's
// sweep and branch-scan handles skip Capstone's text printing (half its
// cost), so these tests decode every byte offset of the executable segments
// of real objects both ways and require the same answers: validity, length,
// syscall and padding for the sweep; branch kind and target for the scan.
#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "gtest/gtest.h"

extern "C" {
#include "systrap/arch/decoder_arch.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/decoder.h"
}

namespace {

struct Segment {
  const uint8_t *bytes;
  size_t size;
  uint64_t vaddr;
};

// The executable PT_LOAD segments of the ELF file at path, mapped whole.
std::vector<Segment> ExecutableSegments(const std::string &path) {
  std::vector<Segment> out;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    close(fd);
    return out;
  }
  void *p = mmap(nullptr, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) return out;
  const uint8_t *image = static_cast<const uint8_t *>(p);
  const Elf64_Ehdr *eh = reinterpret_cast<const Elf64_Ehdr *>(image);
  const Elf64_Phdr *ph =
      reinterpret_cast<const Elf64_Phdr *>(image + eh->e_phoff);
  for (int i = 0; i < eh->e_phnum; i++)
    if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_X))
      out.push_back({image + ph[i].p_offset, ph[i].p_filesz, ph[i].p_vaddr});
  return out;
}

class DecoderTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_EQ(decoder_open(), 0);
    segments_ = ExecutableSegments(GetParam());
    ASSERT_FALSE(segments_.empty()) << GetParam();
    // The plain handles are opened after decoder_open, so Capstone
    // allocates their memory from the adapter's arena: the same library,
    // the same tables, only printing left on.
    ASSERT_EQ(cs_open(ARCH_CS_ARCH, ARCH_CS_MODE, &plain_), CS_ERR_OK);
    ASSERT_EQ(cs_open(ARCH_CS_ARCH, ARCH_CS_MODE, &detail_), CS_ERR_OK);
    ASSERT_EQ(cs_option(detail_, CS_OPT_DETAIL, CS_OPT_ON), CS_ERR_OK);
    plain_insn_ = cs_malloc(plain_);
    detail_insn_ = cs_malloc(detail_);
    ASSERT_TRUE(plain_insn_ && detail_insn_);
  }
  void TearDown() override {
    cs_free(plain_insn_, 1);
    cs_free(detail_insn_, 1);
    cs_close(&plain_);
    cs_close(&detail_);
  }

  const cs_insn *Plain(const uint8_t *code, size_t avail, uint64_t addr,
                       csh h, cs_insn *insn) {
    const uint8_t *p = code;
    size_t left = avail;
    uint64_t a = addr;
    return cs_disasm_iter(h, &p, &left, &a, insn) ? insn : nullptr;
  }

  std::vector<Segment> segments_;
  csh plain_ = 0, detail_ = 0;
  cs_insn *plain_insn_ = nullptr, *detail_insn_ = nullptr;
};

TEST_P(DecoderTest, SweepAgreesWithPrintingCapstoneAtEveryOffset) {
  size_t offsets = 0, valid = 0, syscalls = 0, padding = 0;
  for (const Segment &s : segments_) {
    for (size_t off = 0; off < s.size; off++) {
      size_t avail = s.size - off < ARCH_MAX_INSN_LEN ? s.size - off
                                                       : ARCH_MAX_INSN_LEN;
      uint64_t addr = s.vaddr + off;
      struct decoded_insn d;
      int ok = decode_insn(s.bytes + off, avail, addr, &d);
      const cs_insn *ref = Plain(s.bytes + off, avail, addr, plain_,
                                 plain_insn_);
      offsets++;
      ASSERT_EQ(ok != 0, ref != nullptr) << GetParam() << " +" << addr;
      if (!ref) continue;
      valid++;
      ASSERT_EQ(d.length, ref->size) << GetParam() << " +" << addr;
      ASSERT_EQ(d.is_syscall, ref->id == X86_INS_SYSCALL)
          << GetParam() << " +" << addr;
      ASSERT_EQ(d.is_padding,
                ref->id == X86_INS_NOP || ref->id == X86_INS_INT3)
          << GetParam() << " +" << addr;
      syscalls += d.is_syscall;
      padding += d.is_padding;
    }
  }
  // The comparison covered real code: decodable bytes, syscalls, fill.
  EXPECT_GT(offsets, 100000u);
  EXPECT_GT(valid, offsets / 2);
  EXPECT_GT(syscalls, 0u);
  EXPECT_GT(padding, 0u);
}

TEST_P(DecoderTest, BranchScanAgreesWithDetailedCapstoneAtEveryOffset) {
  size_t kinds[4] = {0, 0, 0, 0};
  for (const Segment &s : segments_) {
    for (size_t off = 0; off < s.size; off++) {
      size_t avail = s.size - off < ARCH_MAX_INSN_LEN ? s.size - off
                                                       : ARCH_MAX_INSN_LEN;
      uint64_t addr = s.vaddr + off;
      uint8_t length = 0;
      int branch = -1;
      uint64_t target = 0;
      int ok = decode_insn_branch(s.bytes + off, avail, addr, &length,
                                  &branch, &target);
      const cs_insn *ref = Plain(s.bytes + off, avail, addr, detail_,
                                 detail_insn_);
      ASSERT_EQ(ok != 0, ref != nullptr) << GetParam() << " +" << addr;
      if (!ref) continue;
      uint64_t ref_target = 0;
      int ref_branch = arch_insn_branch(ref, &ref_target);
      ASSERT_EQ(length, ref->size) << GetParam() << " +" << addr;
      ASSERT_EQ(branch, ref_branch) << GetParam() << " +" << addr;
      if (branch == ARCH_BRANCH_DIRECT) {
        ASSERT_EQ(target, ref_target) << GetParam() << " +" << addr;
      }
      kinds[branch]++;
    }
  }
  // Every kind of answer was compared, not just "no branch".
  for (int k = 0; k < 4; k++) EXPECT_GT(kinds[k], 0u) << "kind " << k;
}

// A syscall with prefixes the CPU ignores is a syscall of its whole length
// (what makes it a site: the instrumenter asks the decoder, never the bytes),
// and what comes before its 0f 05 is prefixes only; lock makes it #UD and
// more than 13 prefixes pass the 15-byte limit: neither is a syscall.
TEST(PrefixedSyscall, IsASyscallOfItsWholeLength) {
  ASSERT_EQ(decoder_open(), 0);
  const std::vector<std::vector<uint8_t>> prefixed = {
      {0x41},       {0x48},       {0x40},       {0x4f},
      {0x66},       {0x67},       {0xf2},       {0xf3},
      {0x2e},       {0x3e},       {0x26},       {0x36},
      {0x64},       {0x65},       {0xf3, 0x41}, {0x66, 0x48},
      {0x2e, 0x3e, 0x67, 0xf2, 0x66, 0x48},
      std::vector<uint8_t>(13, 0x66)};
  for (const auto &p : prefixed) {
    std::vector<uint8_t> code = p;
    code.insert(code.end(), {0x0f, 0x05, 0xc3});
    decoded_insn d;
    ASSERT_EQ(decode_insn(code.data(), code.size(), 0x1000, &d), 1)
        << p.size() << " prefixes, first " << int(p[0]);
    EXPECT_TRUE(d.is_syscall) << int(p[0]);
    EXPECT_EQ(d.length, p.size() + 2) << int(p[0]);
    for (uint8_t b : p) EXPECT_TRUE(arch_is_syscall_prefix(b)) << int(b);
  }
  const std::vector<std::vector<uint8_t>> not_syscalls = {
      {0xf0, 0x0f, 0x05}, std::vector<uint8_t>(14, 0x66),
      // lock among other prefixes: Capstone decodes a syscall, the CPU
      // raises #UD (the decoder fuzzer's find).
      {0xf2, 0xf0, 0xf2, 0x0f, 0x05},
      {0xf2, 0xf2, 0xf2, 0xf2, 0xf0, 0xf2, 0xf2, 0x0f, 0x05}};
  for (auto code : not_syscalls) {
    if (code.size() == 14) code.insert(code.end(), {0x0f, 0x05});
    decoded_insn d;
    int ok = decode_insn(code.data(), code.size(), 0x1000, &d);
    EXPECT_FALSE(ok && d.is_syscall) << code.size() << " bytes";
  }
  EXPECT_FALSE(arch_is_syscall_prefix(0xf0));
}

INSTANTIATE_TEST_SUITE_P(
    Objects, DecoderTest,
    ::testing::Values("/usr/lib/x86_64-linux-gnu/libc.so.6",
                      "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                      "/bin/bash"));

}  // namespace
