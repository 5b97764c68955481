// path_filter: -P PATH's decision for each kind of argument, as strace's
// pathtrace_match_set() makes it: paths by their string, descriptors by
// their /proc/self/fd link (here a fake table), select's sets and poll's
// array, mmap's descriptor, and the calls strace never matches.
#include "systrap/handlers/path_filter.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "systrap/handlers/trace_options.h"

namespace {

// As the tracer's reader: what the kernel can copy, up to the first page
// that is not there.
size_t ReadOwn(void* dst, uintptr_t src, size_t n) {
  struct iovec local = {dst, n}, remote = {reinterpret_cast<void*>(src), n};
  ssize_t got = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
  return got > 0 ? static_cast<size_t>(got) : 0;
}

// fd 5 is /tmp/sel, fd 6 /tmp/other; the others have no path.
long FakeFdPath(int fd, char* buf, size_t cap) {
  const char* p = fd == 5 ? "/tmp/sel" : fd == 6 ? "/tmp/other" : nullptr;
  if (!p) return -1;
  size_t n = strlen(p);
  if (n > cap) n = cap;
  memcpy(buf, p, n);
  return (long)n;
}

struct Options {
  trace_options o;
  explicit Options(std::initializer_list<const char*> args) {
    std::vector<std::string> store(args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : store) argv.push_back(&s[0]);
    char err[256] = "";
    EXPECT_GE(trace_options_parse(&o, (int)argv.size(), argv.data(), err, sizeof err), 0)
        << err;
  }
};

int Match(const trace_options& o, long nr, std::initializer_list<long> a) {
  long args[6] = {0, 0, 0, 0, 0, 0};
  int i = 0;
  for (long v : a) args[i++] = v;
  return path_filter_match(&o, nr, args, ReadOwn, FakeFdPath);
}

long Str(const char* s) { return (long)(uintptr_t)s; }

TEST(PathFilter, NoPathsMatchesEverything) {
  Options p({"prog"});
  EXPECT_EQ(p.o.npaths, 0);
  EXPECT_EQ(Match(p.o, SYS_getpid, {}), 1);
  EXPECT_EQ(Match(p.o, SYS_read, {7, 0, 0}), 1);
}

TEST(PathFilter, PathArguments) {
  Options p({"-P", "/tmp/sel", "prog"});
  EXPECT_EQ(Match(p.o, SYS_open, {Str("/tmp/sel"), O_RDONLY}), 1);
  EXPECT_EQ(Match(p.o, SYS_open, {Str("/tmp/sel2"), O_RDONLY}), 0);
  EXPECT_EQ(Match(p.o, SYS_open, {Str("/tmp/se"), O_RDONLY}), 0);
  EXPECT_EQ(Match(p.o, SYS_access, {Str("/tmp/sel"), R_OK}), 1);
  // The second path of rename, the path of openat after AT_FDCWD.
  EXPECT_EQ(Match(p.o, SYS_rename, {Str("/a"), Str("/tmp/sel")}), 1);
  EXPECT_EQ(Match(p.o, SYS_openat, {AT_FDCWD, Str("/tmp/sel"), 0}), 1);
  EXPECT_EQ(Match(p.o, SYS_openat, {AT_FDCWD, Str("sel"), 0}), 0);
  // An unreadable or NULL path matches nothing.
  EXPECT_EQ(Match(p.o, SYS_open, {16, 0}), 0);
  EXPECT_EQ(Match(p.o, SYS_open, {0, 0}), 0);
}

TEST(PathFilter, DescriptorArguments) {
  Options p({"--trace-path=/tmp/sel", "prog"});
  EXPECT_EQ(Match(p.o, SYS_read, {5, 0, 0}), 1);
  EXPECT_EQ(Match(p.o, SYS_read, {6, 0, 0}), 0);
  EXPECT_EQ(Match(p.o, SYS_close, {5}), 1);
  EXPECT_EQ(Match(p.o, SYS_close, {-1}), 0);
  EXPECT_EQ(Match(p.o, SYS_dup2, {6, 5}), 1);  // either descriptor
  EXPECT_EQ(Match(p.o, SYS_openat, {5, Str("x"), 0}), 1);  // the dirfd
  // mmap's descriptor is its fifth argument.
  EXPECT_EQ(Match(p.o, SYS_mmap, {0, 4096, 1, 2, 5, 0}), 1);
  EXPECT_EQ(Match(p.o, SYS_mmap, {0, 4096, 1, 2, 6, 0}), 0);
}

TEST(PathFilter, SelectSetsAndPollArrays) {
  Options p({"-P/tmp/sel", "prog"});
  fd_set in, out;
  FD_ZERO(&in);
  FD_ZERO(&out);
  FD_SET(6, &in);
  EXPECT_EQ(Match(p.o, SYS_select, {7, (long)&in, (long)&out, 0, 0}), 0);
  FD_SET(5, &out);
  EXPECT_EQ(Match(p.o, SYS_select, {7, (long)&in, (long)&out, 0, 0}), 1);
  // Only nfds bits are looked at.
  EXPECT_EQ(Match(p.o, SYS_select, {5, (long)&in, (long)&out, 0, 0}), 0);
  struct pollfd fds[2] = {{6, POLLIN, 0}, {5, POLLIN, 0}};
  EXPECT_EQ(Match(p.o, SYS_poll, {(long)fds, 2, 0}), 1);
  EXPECT_EQ(Match(p.o, SYS_poll, {(long)fds, 1, 0}), 0);
  // The counts are an int (select) and an unsigned int (poll): junk in
  // a register's high half is not part of them (strace's suite passes
  // ppoll's so, ppoll-P).
  const long junk = (long)0xfacefeed00000000UL;
  EXPECT_EQ(Match(p.o, SYS_select, {junk | 7, (long)&in, (long)&out, 0, 0}), 1);
  EXPECT_EQ(Match(p.o, SYS_poll, {(long)fds, junk | 2, 0}), 1);
  EXPECT_EQ(Match(p.o, SYS_ppoll, {(long)fds, junk | 2, 0, 0, 8}), 1);
  // A set read as strace reads it, in whole longs: one that nfds makes
  // run past the end of the memory is passed over (select-P).
  char* two = static_cast<char*>(
      mmap(nullptr, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(two, MAP_FAILED);
  munmap(two + 4096, 4096);
  uint64_t* last = reinterpret_cast<uint64_t*>(two + 4096) - 1;
  *last = 1u << 5;
  EXPECT_EQ(Match(p.o, SYS_select, {64, (long)last, 0, 0, 0}), 1);
  EXPECT_EQ(Match(p.o, SYS_select, {65, (long)last, 0, 0, 0}), 0);
  munmap(two, 4096);
}

// strace: %desc/%file/%network calls with no descriptor or path to test,
// and every call of the other classes, never match.
TEST(PathFilter, CallsThatNeverMatch) {
  Options p({"-P", "/tmp/sel", "prog"});
  EXPECT_EQ(Match(p.o, SYS_getpid, {}), 0);
  EXPECT_EQ(Match(p.o, SYS_exit_group, {0}), 0);
  EXPECT_EQ(Match(p.o, SYS_kill, {5, 9}), 0);
  EXPECT_EQ(Match(p.o, SYS_signalfd4, {5, 0, 8, 0}), 0);
  EXPECT_EQ(Match(p.o, SYS_accept, {5, 0, 0}), 0);
  EXPECT_EQ(Match(p.o, SYS_epoll_create1, {0}), 0);
  EXPECT_EQ(Match(p.o, SYS_pipe2, {0, 0}), 0);
  EXPECT_EQ(Match(p.o, 100000, {5}), 0);  // unknown to the table
}

// Several -P paths, each kept once. (Their realpath()s are the launcher's:
// options_compare_test's TracePathMatchesStrace.)
TEST(PathFilter, SeveralPaths) {
  Options p({"-P", "/tmp/sel", "-P", "/tmp/other", "-P", "/tmp/sel", "prog"});
  ASSERT_EQ(p.o.npaths, 2);
  EXPECT_STREQ(p.o.paths[0], "/tmp/sel");
  EXPECT_STREQ(p.o.paths[1], "/tmp/other");
  EXPECT_EQ(Match(p.o, SYS_read, {5, 0, 0}), 1);
  EXPECT_EQ(Match(p.o, SYS_read, {6, 0, 0}), 1);
  EXPECT_EQ(Match(p.o, SYS_read, {7, 0, 0}), 0);
}

TEST(PathFilter, Limits) {
  std::string longpath(TRACE_PATH_BYTES, 'x');
  trace_options o;
  std::vector<std::string> store = {"-P", longpath, "prog"};
  std::vector<char*> argv;
  for (auto& s : store) argv.push_back(&s[0]);
  char err[256] = "";
  EXPECT_EQ(trace_options_parse(&o, 3, argv.data(), err, sizeof err), -1);
  EXPECT_STREQ(err, "-P: at most 8 paths of at most 511 bytes");
}

}  // namespace
