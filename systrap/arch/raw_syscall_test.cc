// The raw syscall layer against libc's behaviour: same results, -errno
// instead of -1/errno, and errno never touched.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "gtest/gtest.h"
#include "systrap/arch/raw_syscalls.h"

namespace {

TEST(RawSyscall, IdentityCallsMatchLibc) {
  EXPECT_EQ(raw_getpid(), getpid());
  EXPECT_EQ(raw_getppid(), getppid());
  EXPECT_EQ(raw_gettid(), gettid());
}

TEST(RawSyscall, ErrorsAreNegativeErrnoAndErrnoIsUntouched) {
  errno = 12345;
  char c;
  EXPECT_EQ(raw_read(-1, &c, 1), -EBADF);
  EXPECT_EQ(raw_write(987654, &c, 1), -EBADF);
  EXPECT_EQ(raw_close(987654), -EBADF);
  EXPECT_EQ(errno, 12345);
  EXPECT_TRUE(raw_is_error(-EBADF));
  EXPECT_TRUE(raw_is_error(-4095));
  EXPECT_FALSE(raw_is_error(-4096));
  EXPECT_FALSE(raw_is_error(0));
}

TEST(RawSyscall, BadPointerGivesEfault) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  errno = 0;
  EXPECT_EQ(raw_write(fds[1], reinterpret_cast<void*>(8), 1), -EFAULT);
  EXPECT_EQ(raw_openat(AT_FDCWD, reinterpret_cast<const char*>(8), O_RDONLY, 0),
            -EFAULT);
  EXPECT_EQ(errno, 0);
  close(fds[0]);
  close(fds[1]);
}

TEST(RawSyscall, OpenReadWriteCloseRoundTrip) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  EXPECT_EQ(raw_write(fds[1], "systrap", 7), 7);
  char buf[16] = {};
  EXPECT_EQ(raw_read(fds[0], buf, sizeof buf), 7);
  EXPECT_STREQ(buf, "systrap");
  EXPECT_EQ(raw_close(fds[0]), 0);
  EXPECT_EQ(raw_close(fds[1]), 0);
  // Both descriptors are free again, exactly as after libc's close.
  EXPECT_EQ(fcntl(fds[0], F_GETFD), -1);

  long fd = raw_openat(AT_FDCWD, "/proc/self/maps", O_RDONLY | O_CLOEXEC, 0);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(fcntl(static_cast<int>(fd), F_GETFD), FD_CLOEXEC);
  char head[4];
  EXPECT_EQ(raw_pread(static_cast<int>(fd), head, sizeof head, 0),
            static_cast<long>(sizeof head));
  EXPECT_EQ(raw_close(static_cast<int>(fd)), 0);
  EXPECT_EQ(raw_openat(AT_FDCWD, "/nonexistent/systrap", O_RDONLY, 0), -ENOENT);
}

TEST(RawSyscall, SixArgumentMmapMatchesLibc) {
  // A file mapping at a non-zero offset uses all six arguments.
  char path[] = "/tmp/systrap_rawXXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  unlink(path);
  long page = sysconf(_SC_PAGESIZE);
  std::string data(2 * page, 'a');
  memset(&data[page], 'b', page);
  ASSERT_EQ(write(fd, data.data(), data.size()),
            static_cast<ssize_t>(data.size()));

  long addr = raw_mmap(nullptr, page, PROT_READ, MAP_PRIVATE, fd, page);
  ASSERT_FALSE(raw_is_error(addr));
  EXPECT_EQ(static_cast<char*>(reinterpret_cast<void*>(addr))[0], 'b');
  EXPECT_EQ(raw_mprotect(reinterpret_cast<void*>(addr), page,
                         PROT_READ | PROT_WRITE), 0);
  static_cast<char*>(reinterpret_cast<void*>(addr))[0] = 'c';
  EXPECT_EQ(raw_munmap(reinterpret_cast<void*>(addr), page), 0);

  // Misaligned offset: -EINVAL, as libc's mmap fails with EINVAL.
  errno = 0;
  EXPECT_EQ(raw_mmap(nullptr, page, PROT_READ, MAP_PRIVATE, fd, 1), -EINVAL);
  EXPECT_EQ(mmap(nullptr, page, PROT_READ, MAP_PRIVATE, fd, 1), MAP_FAILED);
  EXPECT_EQ(errno, EINVAL);
  close(fd);
}

volatile sig_atomic_t g_seen_signal = 0;
void on_usr1(int sig) { g_seen_signal = sig; }

extern "C" void systrap_test_restorer(void);
__asm__(".text\n"
        "systrap_test_restorer:\n"
        "  mov $15, %rax\n"
        "  syscall\n");

TEST(RawSyscall, SigactionAndSigprocmaskMatchLibc) {
  struct kernel_sigaction act = {};
  act.handler = reinterpret_cast<void*>(on_usr1);
  act.flags = KERNEL_SA_RESTORER;
  act.restorer = systrap_test_restorer;
  struct kernel_sigaction old = {};
  ASSERT_EQ(raw_rt_sigaction(SIGUSR1, &act, &old), 0);

  // libc sees the handler installed through the raw call.
  struct sigaction seen = {};
  ASSERT_EQ(sigaction(SIGUSR1, nullptr, &seen), 0);
  EXPECT_EQ(reinterpret_cast<void*>(seen.sa_handler),
            reinterpret_cast<void*>(on_usr1));

  uint64_t block = 1ull << (SIGUSR1 - 1), prev = 0;
  ASSERT_EQ(raw_rt_sigprocmask(SIG_BLOCK, &block, &prev), 0);
  EXPECT_EQ(raw_tgkill(getpid(), gettid(), SIGUSR1), 0);
  EXPECT_EQ(g_seen_signal, 0);  // blocked: pending, not delivered
  sigset_t libc_mask;
  sigprocmask(SIG_BLOCK, nullptr, &libc_mask);
  EXPECT_TRUE(sigismember(&libc_mask, SIGUSR1));
  ASSERT_EQ(raw_rt_sigprocmask(SIG_SETMASK, &prev, nullptr), 0);
  EXPECT_EQ(g_seen_signal, SIGUSR1);  // delivered through our restorer

  EXPECT_EQ(raw_rt_sigaction(0, &act, nullptr), -EINVAL);
  EXPECT_EQ(raw_rt_sigaction(SIGUSR1, &old, nullptr), 0);
}

TEST(RawSyscall, ProcessVmReadvReadsOwnMemoryAndNeverFaults) {
  const char src[] = "footprint";
  char dst[sizeof src] = {};
  struct iovec local = {dst, sizeof dst};
  struct iovec remote = {const_cast<char*>(src), sizeof src};
  EXPECT_EQ(raw_process_vm_readv(getpid(), &local, 1, &remote, 1),
            static_cast<long>(sizeof src));
  EXPECT_STREQ(dst, src);
  remote.iov_base = reinterpret_cast<void*>(16);
  EXPECT_EQ(raw_process_vm_readv(getpid(), &local, 1, &remote, 1), -EFAULT);
}

TEST(RawSyscall, ExitGroupEndsTheProcessWithItsStatus) {
  EXPECT_EXIT(raw_exit_group(42), ::testing::ExitedWithCode(42), "");
}

}  // namespace
