// The code map of an ELF object: exact facts of a program we wrote (its
// landing pads), and malformed objects (bytes flipped in the headers and
// unwind tables, files cut short) that must give a clear refusal or a map
// whose facts stay inside the region -- never a crash, a hang, or an
// address outside what was asked.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

extern "C" {
#include "systrap/core/arena.h"
#include "systrap/core/elf_boundaries.h"
}

namespace {

constexpr uintptr_t kBase = 0x7f0000000000;

std::string Runfile(const std::string &name) {
  const char *srcdir = getenv("TEST_SRCDIR");
  return std::string(srcdir ? srcdir : ".") + "/systrap/testdata/" + name;
}

std::vector<uint8_t> ReadFile(const std::string &path) {
  std::vector<uint8_t> v;
  FILE *f = fopen(path.c_str(), "rb");
  if (!f) return v;
  uint8_t buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) v.insert(v.end(), buf, buf + n);
  fclose(f);
  return v;
}

// A symbol's value in the file (nm), or 0.
uintptr_t Symbol(const std::string &path, const std::string &name) {
  std::string cmd = "nm '" + path + "'";
  FILE *p = popen(cmd.c_str(), "r");
  if (!p) return 0;
  char line[512];
  uintptr_t value = 0;
  while (fgets(line, sizeof line, p)) {
    unsigned long v;
    char type, sym[400];
    if (sscanf(line, "%lx %c %399s", &v, &type, sym) == 3 && name == sym)
      value = v;
  }
  pclose(p);
  return value;
}

// The object mapped whole at kBase (file offset 0 at kBase: the first
// PT_LOAD of these objects has vaddr 0).
struct Mapped {
  elf_source src = {-1, nullptr, 0};
  elf_placement where = {kBase, 0};
  arena a = {nullptr, 1 << 20};
  code_map map = {};
  int status = -1;
  Mapped(const std::vector<uint8_t> &image) {
    src.image = image.data();
    src.image_size = image.size();
    status = elf_collect_code_map(&src, &where, kBase, kBase + image.size(),
                                  &a, &map);
  }
  ~Mapped() { arena_reset(&a); }
};

TEST(ElfBoundaries, LandingPadOfAHandWrittenLsdaIsFoundExactly) {
  std::string prog = Runfile("fast_path_cases");
  std::vector<uint8_t> image = ReadFile(prog);
  ASSERT_FALSE(image.empty());
  uintptr_t fn = Symbol(prog, "multi_pad");
  uintptr_t window = Symbol(prog, "multi_pad_window");
  uintptr_t plain = Symbol(prog, "multi_ok");
  ASSERT_NE(fn, 0u);
  ASSERT_NE(window, 0u);
  Mapped m(image);
  ASSERT_EQ(m.status, 0);
  uintptr_t pads[8];
  // multi_pad's LSDA names one pad: the window's second instruction, after
  // a 2-byte movl.
  ASSERT_EQ(code_map_landing_pads(&m.map, kBase + window, pads, 8), 1);
  EXPECT_EQ(pads[0], kBase + window + 2);
  // A function with no LSDA has none.
  EXPECT_EQ(code_map_landing_pads(&m.map, kBase + plain + 4, pads, 8), 0);
  uintptr_t lo, hi;
  ASSERT_EQ(code_map_function_of(&m.map, kBase + window, &lo, &hi), 0);
  EXPECT_EQ(lo, kBase + fn);
}

// Every fact the map gives stays inside what was asked, however broken the
// object.
void CheckSane(const Mapped &m, size_t size, std::mt19937_64 &rng) {
  if (m.status != 0) return;
  const uintptr_t hi = kBase + size;
  for (long i = 0; i < m.map.nbounds; i++) {
    ASSERT_GE(m.map.bounds[i], kBase);
    ASSERT_LT(m.map.bounds[i], hi);
    if (i) {
      ASSERT_LT(m.map.bounds[i - 1], m.map.bounds[i]);
    }
  }
  for (int k = 0; k < 64; k++) {
    uintptr_t addr = kBase + rng() % size;
    uintptr_t lo, end;
    if (code_map_function_of(&m.map, addr, &lo, &end) == 0) {
      EXPECT_LE(lo, addr);
      EXPECT_GT(end, addr);
    }
    uintptr_t b = code_map_cfi_boundary_before(&m.map, addr);
    EXPECT_TRUE(b == 0 || b <= addr);
    code_gap gaps[8];
    int n = code_map_gaps_near(&m.map, addr, kBase, hi, gaps, 8);
    ASSERT_GE(n, 0);
    ASSERT_LE(n, 8);
    // Gaps overlap what was asked (the instrumenter keeps only those
    // wholly inside); a damaged FDE may make one reach past it.
    for (int g = 0; g < n; g++) {
      EXPECT_LT(gaps[g].lo, gaps[g].hi);
      EXPECT_LT(gaps[g].lo, hi);
      EXPECT_GT(gaps[g].hi, kBase);
    }
    uintptr_t pads[32];
    int np = code_map_landing_pads(&m.map, addr, pads, 32);
    EXPECT_GE(np, -1);
    EXPECT_LE(np, 32);
  }
}

class Malformed : public ::testing::TestWithParam<std::string> {};

TEST_P(Malformed, FlippedBytesAndShortFilesNeverMisleadOrCrash) {
  std::vector<uint8_t> good = ReadFile(GetParam());
  ASSERT_GT(good.size(), 4096u) << GetParam();
  {
    Mapped m(good);
    ASSERT_EQ(m.status, 0);
    ASSERT_GT(m.map.nbounds, 0);
    ASSERT_GT(m.map.nfde, 0);
  }
  std::mt19937_64 rng(7);
  // Where the damage matters: the ELF and program headers, the section
  // headers, and the unwind tables. Found the plain way, from the file.
  std::vector<std::pair<size_t, size_t>> zones = {{0, 4096}};
  {
    const uint8_t *b = good.data();
    uint64_t shoff;
    memcpy(&shoff, b + 0x28, 8);
    if (shoff && shoff < good.size()) zones.push_back({shoff, good.size() - shoff});
    uint64_t phoff;
    uint16_t phnum;
    memcpy(&phoff, b + 0x20, 8);
    memcpy(&phnum, b + 0x38, 2);
    for (int i = 0; i < phnum; i++) {
      const uint8_t *ph = b + phoff + 56 * i;
      uint32_t type;
      uint64_t off, filesz;
      memcpy(&type, ph, 4);
      memcpy(&off, ph + 8, 8);
      memcpy(&filesz, ph + 32, 8);
      if (type == 0x6474e550 /* PT_GNU_EH_FRAME */ && off < good.size()) {
        zones.push_back({off, std::min<size_t>(filesz, good.size() - off)});
        // .eh_frame follows .eh_frame_hdr.
        size_t end = std::min<size_t>(off + filesz + (1 << 16), good.size());
        zones.push_back({off + filesz, end - off - filesz});
      }
    }
  }
  for (int round = 0; round < 300; round++) {
    std::vector<uint8_t> bad = good;
    if (round % 10 == 9) {
      bad.resize(rng() % bad.size());  // cut short anywhere
    } else {
      auto &z = zones[rng() % zones.size()];
      int flips = 1 + rng() % 16;
      for (int f = 0; f < flips && z.second; f++)
        bad[z.first + rng() % z.second] ^= static_cast<uint8_t>(1 + rng() % 255);
    }
    if (bad.size() < 64) continue;
    Mapped m(bad);
    SCOPED_TRACE("round " + std::to_string(round));
    CheckSane(m, bad.size(), rng);
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Objects, Malformed,
    ::testing::Values("/usr/lib/x86_64-linux-gnu/libc.so.6",
                      "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                      "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
                      "/bin/bash"),
    [](const ::testing::TestParamInfo<std::string> &i) {
      std::string s = i.param.substr(i.param.rfind('/') + 1);
      for (char &c : s)
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      return s;
    });

}  // namespace
