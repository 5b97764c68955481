// safe_read: the copy of the program's memory that never faults. Where the
// CPU has RTM it copies inside transactions and falls back to the kernel
// after an abort; each case runs both ways (transactions allowed, and
// forced off as SYSTRAP_TSX=off does) and must give the same bytes and the
// same readable prefix, without a signal.
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

extern "C" {
#include "systrap/arch/tx_copy.h"
#include "systrap/core/safe_memory.h"
}

namespace {

const size_t kPage = 4096;

class SafeMemoryTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override { safe_memory_init(GetParam()); }
  void TearDown() override { safe_memory_init(0); }
};

TEST_P(SafeMemoryTest, UsesTransactionsExactlyWhenAllowedAndAvailable) {
  EXPECT_EQ(safe_memory_uses_transactions() != 0,
            GetParam() && arch_tx_available());
}

TEST_P(SafeMemoryTest, CopiesReadableMemoryExactly) {
  // Sizes around the transaction chunk (2 KiB) and page boundaries, from
  // an odd address.
  std::vector<unsigned char> src(5 * kPage + 16);
  for (size_t i = 0; i < src.size(); i++) src[i] = (unsigned char)(i * 7 + 3);
  for (size_t n : {1ul, 7ul, 8ul, 31ul, 2047ul, 2048ul, 2049ul, 4096ul,
                   10000ul, 5 * kPage}) {
    std::vector<unsigned char> dst(n + 1, 0xee);
    ASSERT_EQ(safe_read(dst.data(), (uintptr_t)src.data() + 5, n), n);
    EXPECT_EQ(0, memcmp(dst.data(), src.data() + 5, n)) << n;
    EXPECT_EQ(dst[n], 0xee) << "wrote past " << n;
  }
}

TEST_P(SafeMemoryTest, StopsWhereMemoryStopsBeingReadable) {
  // Three pages: readable, PROT_NONE, readable.
  char *p = (char *)mmap(nullptr, 3 * kPage, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(p, MAP_FAILED);
  memset(p, 'a', 3 * kPage);
  ASSERT_EQ(mprotect(p + kPage, kPage, PROT_NONE), 0);
  char dst[3 * 4096];
  // A read that crosses into the PROT_NONE page gives the prefix.
  EXPECT_EQ(safe_read(dst, (uintptr_t)p + kPage - 100, 300), 100u);
  EXPECT_EQ(0, memcmp(dst, p + kPage - 100, 100));
  EXPECT_EQ(safe_read(dst, (uintptr_t)p + kPage - 3000, 6000), 3000u);
  // Starting inside it: nothing.
  EXPECT_EQ(safe_read(dst, (uintptr_t)p + kPage + 10, 8), 0u);
  // Unmapped memory, and the null page.
  ASSERT_EQ(munmap(p + 2 * kPage, kPage), 0);
  EXPECT_EQ(safe_read(dst, (uintptr_t)p + 2 * kPage, 16), 0u);
  EXPECT_EQ(safe_read(dst, 16, 8), 0u);
  EXPECT_EQ(safe_read(dst, ~(uintptr_t)0 - 4, 16), 0u);
  munmap(p, 2 * kPage);
}

TEST_P(SafeMemoryTest, ReadsPagesNotYetFaultedIn) {
  // A transaction aborts on a page that is mapped but not present; the
  // kernel's copy then faults it in. The bytes must still be right.
  char *p = (char *)mmap(nullptr, 2 * kPage, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(p, MAP_FAILED);
  char dst[64];
  memset(dst, 1, sizeof dst);
  EXPECT_EQ(safe_read(dst, (uintptr_t)p + kPage - 32, 64), 64u);
  for (char c : dst) EXPECT_EQ(c, 0);
  munmap(p, 2 * kPage);
}

TEST_P(SafeMemoryTest, MostReadsOfPresentMemoryNeedNoKernelCopy) {
  char src[64] = "hello, world";
  char dst[64];
  unsigned long before = safe_memory_kernel_reads();
  for (int i = 0; i < 10000; i++) ASSERT_EQ(safe_read(dst, (uintptr_t)src, 13), 13u);
  unsigned long kernel = safe_memory_kernel_reads() - before;
  if (safe_memory_uses_transactions())
    EXPECT_LT(kernel, 1000u);  // aborts from interrupts only
  else
    EXPECT_EQ(kernel, 10000u);
}

// One thread maps and unmaps a page over and over while others read it:
// every read gives the page's bytes (whole, a prefix, or nothing), and no
// thread is killed by a fault. The page is a memfd's, full of 'z' whenever mapped.
TEST_P(SafeMemoryTest, ConcurrentUnmapNeverFaults) {
  int fd = memfd_create("safe_memory_test", 0);
  ASSERT_GE(fd, 0);
  std::vector<char> zs(kPage, 'z');
  ASSERT_EQ(write(fd, zs.data(), kPage), (ssize_t)kPage);
  char *area = (char *)mmap(nullptr, kPage, PROT_NONE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(area, MAP_FAILED);
  std::atomic<bool> stop{false};
  std::atomic<long> whole{0}, none{0}, other{0};
  auto reader = [&] {
    std::vector<char> dst(kPage);
    while (!stop.load()) {
      size_t got = safe_read(dst.data(), (uintptr_t)area, kPage);
      // What was read is the page's; a read the unmap overtook between
      // two transactions' chunks is a prefix.
      if (got > kPage || memcmp(dst.data(), zs.data(), got)) {
        ADD_FAILURE() << "read " << got << " bytes, not the page's";
        return;
      }
      if (got == kPage)
        whole++;
      else if (got == 0)
        none++;
      else
        other++;
    }
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; i++) readers.emplace_back(reader);
  // Until the readers have seen the page both mapped and not (at least
  // 5,000 rounds, at most 30 s): the page is faulted in and left mapped a
  // moment each round, so whole reads happen as well as overtaken ones.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (int i = 0; i < 5000 || whole.load() == 0 ||
                  none.load() + other.load() == 0;
       i++) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline)
        << "whole " << whole.load() << " none " << none.load();
    ASSERT_EQ(mmap(area, kPage, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0),
              (void *)area);
    EXPECT_EQ(*(volatile char *)area, 'z');
    for (volatile int spin = 0; spin < 2000; spin++) {
    }
    ASSERT_EQ(munmap(area, kPage), 0);
  }
  stop = true;
  for (auto &t : readers) t.join();
  // Both outcomes happened: the race was real.
  EXPECT_GT(whole.load(), 0);
  EXPECT_GT(none.load() + other.load(), 0);
  close(fd);
}

INSTANTIATE_TEST_SUITE_P(Transactions, SafeMemoryTest,
                         ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool> &i) {
                           return i.param ? std::string("Allowed")
                                          : std::string("Off");
                         });

}  // namespace
