// elf_symbols against the files this test runs from: a function of its own
// (in .symtab only: static), libc's functions (.dynsym: Debian strips
// .symtab), the first of two names at one address, and files it cannot
// read. The names and distances are those strace -k prints (libunwind's
// nearest function symbol at or below the address).
#include "systrap/handlers/elf_symbols.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace {

__attribute__((noinline)) int OnlyInSymtab(int x) { return x * 3 + 1; }

// The file and file offset of addr, from /proc/self/maps (as strace names
// a frame).
bool FileOffset(uintptr_t addr, std::string* path, uint64_t* off) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    std::istringstream in(line);
    std::string range, perms, offset, dev, inode, file;
    in >> range >> perms >> offset >> dev >> inode >> file;
    uintptr_t lo = std::stoull(range.substr(0, range.find('-')), nullptr, 16);
    uintptr_t hi = std::stoull(range.substr(range.find('-') + 1), nullptr, 16);
    if (addr >= lo && addr < hi && !file.empty()) {
      *path = file;
      *off = addr - lo + std::stoull(offset, nullptr, 16);
      return true;
    }
  }
  return false;
}

struct Named {
  std::string name;
  uint64_t distance = 0;
  bool found = false;
};

Named Name(const void* fn, uintptr_t plus) {
  std::string path;
  uint64_t off;
  Named n;
  if (!FileOffset(reinterpret_cast<uintptr_t>(fn) + plus, &path, &off)) return n;
  struct elf_symbols* s = elf_symbols_load(path.c_str());
  const char* name = nullptr;
  n.found = elf_symbols_find(s, off, &name, &n.distance) == 1;
  if (n.found) n.name = name;
  elf_symbols_free(s);
  return n;
}

TEST(ElfSymbols, OwnStaticFunctionFromSymtab) {
  Named n = Name(reinterpret_cast<const void*>(&OnlyInSymtab), 5);
  ASSERT_TRUE(n.found);
  EXPECT_NE(n.name.find("OnlyInSymtab"), std::string::npos) << n.name;
  EXPECT_EQ(n.distance, 5u);
}

TEST(ElfSymbols, LibcFunctionsFromDynsym) {
  Named n = Name(dlsym(RTLD_DEFAULT, "getppid"), 7);
  ASSERT_TRUE(n.found);
  EXPECT_EQ(n.name, "getppid");
  EXPECT_EQ(n.distance, 7u);
  // write and __write are one function: the name first in the table, as
  // strace -k shows it ("__write+0x10").
  n = Name(dlsym(RTLD_DEFAULT, "write"), 0x10);
  ASSERT_TRUE(n.found);
  EXPECT_EQ(n.name, "__write");
  EXPECT_EQ(n.distance, 0x10u);
}

TEST(ElfSymbols, UnreadableFilesNameNothing) {
  EXPECT_EQ(elf_symbols_load("/nonexistent/file"), nullptr);
  EXPECT_EQ(elf_symbols_load("/etc/passwd"), nullptr);  // not ELF
  const char* name = nullptr;
  uint64_t d = 0;
  EXPECT_EQ(elf_symbols_find(nullptr, 0x1000, &name, &d), 0);
}

}  // namespace
