// inject_proc_nspid (systrap/inject/proc_pid.c), which reads the NSpid line
// a launcher below /proc's pid namespace finds processes by: through a
// buffer of 1 KiB, while the Groups line before it may hold thousands of
// groups. Status texts fed through a pipe, as the kernel's come, with
// Groups lines of every length that puts NSpid's start, or a piece of
// Groups that reads "NSpid:", at each edge of the reader's buffer; a last
// line with no newline; a read a signal interrupts; and our own
// /proc/self/status against another reader's count.
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

extern "C" {
#include "systrap/inject/proc_pid.h"
}

namespace {

// inject_proc_nspid's ids for text, written into a pipe in pieces of
// `piece` bytes (another thread writes, so that reads see what is there).
std::vector<int> IdsThroughPipe(const std::string& text, size_t piece) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  std::thread writer([&] {
    for (size_t at = 0; at < text.size(); at += piece)
      if (write(fds[1], text.data() + at, std::min(piece, text.size() - at)) < 0) break;
    close(fds[1]);
  });
  int ids[32];
  int n = inject_proc_nspid(fds[0], ids, 32);
  // What is left unread is drained: the writer must not block.
  char sink[4096];
  while (read(fds[0], sink, sizeof sink) > 0) {
  }
  writer.join();
  close(fds[0]);
  return std::vector<int>(ids, ids + n);
}

std::string Status(const std::string& groups_line) {
  return "Name:\tprobe\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t4242\n" + groups_line +
         "\nNStgid:\t4242\t17\t1\nNSpid:\t4242\t17\t1\nNSpgid:\t4242\t17\t1\n"
         "VmPeak:\t   1000 kB\n";
}

TEST(ProcNspid, FindsNspidAfterAGroupsLineOfEveryLength) {
  const std::vector<int> want = {4242, 17, 1};
  // Lengths that put NSpid's line, and its "NSpid:" itself, across each
  // edge of the first three buffers' worth.
  for (size_t len = 900; len < 3200; len += 1) {
    std::string groups = "Groups:";
    while (groups.size() < len) groups += "\t" + std::to_string(200000 + groups.size());
    groups.resize(len);
    std::string text = Status(groups);
    for (size_t piece : {text.size(), size_t{1023}, size_t{333}}) {
      ASSERT_EQ(IdsThroughPipe(text, piece), want) << "Groups line of " << len
                                                   << " bytes, written " << piece << " at a time";
    }
  }
}

// A piece of a long Groups line that happens to start with "NSpid:" where
// a buffer begins is still Groups: the ids are the real line's.
TEST(ProcNspid, APieceOfALongLineIsNotALine) {
  for (size_t pad = 1000; pad < 1050; pad++) {
    std::string groups = "Groups:" + std::string(pad, '7') + "NSpid:\t9\t9" + std::string(500, '8');
    EXPECT_EQ(IdsThroughPipe(Status(groups), 1u << 16), (std::vector<int>{4242, 17, 1}))
        << "pad " << pad;
  }
}

TEST(ProcNspid, NoNspidLineIsNoIds) {
  EXPECT_TRUE(IdsThroughPipe("Name:\tx\nGroups:\t1 2 3\nVmPeak:\t1 kB\n", 4096).empty());
  // A zombie's: the line with no ids.
  EXPECT_TRUE(IdsThroughPipe("Name:\tx\nNSpid:\t\nVmPeak:\t1 kB\n", 4096).empty());
}

// A text whose NSpid line is its last, with no newline (the kernel ends
// every line; a pipe's text need not): the ids still count, and a long
// line's last piece is still not a line.
TEST(ProcNspid, ALastLineWithoutANewlineCounts) {
  EXPECT_EQ(IdsThroughPipe("Name:\tx\nNSpid:\t5\t6", 4096), (std::vector<int>{5, 6}));
  EXPECT_EQ(IdsThroughPipe("Name:\tx\nNSpid:\t5\t6", 3), (std::vector<int>{5, 6}));
  std::string groups = "Groups:" + std::string(1100, '7') + "NSpid:\t9\t9";
  EXPECT_TRUE(IdsThroughPipe("Name:\tx\n" + groups, 4096).empty());
}

void Nothing(int) {}

// Whether thread tid of ours waits in a pipe's read (its wchan).
bool WaitsInPipe(pid_t tid) {
  std::ifstream wchan("/proc/self/task/" + std::to_string(tid) + "/wchan");
  std::string where;
  std::getline(wchan, where);
  return where.find("pipe") != std::string::npos;
}

// A signal whose handler has no SA_RESTART interrupts the read (EINTR):
// the reader reads again rather than taking it for the end of the text.
TEST(ProcNspid, ASignalInTheReadIsNotTheEnd) {
  struct sigaction sa = {}, old;
  sa.sa_handler = Nothing;
  ASSERT_EQ(sigaction(SIGUSR1, &sa, &old), 0);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t reader = static_cast<pid_t>(syscall(SYS_gettid));
  pthread_t reader_thread = pthread_self();
  std::atomic<bool> interrupted{false};
  std::thread writer([&] {
    // Up to 10 s for the reader to block in its read (it should at once).
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!WaitsInPipe(reader) && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    interrupted = WaitsInPipe(reader);
    pthread_kill(reader_thread, SIGUSR1);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::string text = Status("Groups:\t1");
    EXPECT_EQ(write(fds[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
    close(fds[1]);
  });
  int ids[32];
  int n = inject_proc_nspid(fds[0], ids, 32);
  writer.join();
  close(fds[0]);
  sigaction(SIGUSR1, &old, nullptr);
  EXPECT_TRUE(interrupted) << "the reader never waited in its read";
  EXPECT_EQ(std::vector<int>(ids, ids + n), (std::vector<int>{4242, 17, 1}));
}

TEST(ProcNspid, OurOwnStatusAsAnotherReaderCountsIt) {
  std::ifstream status("/proc/self/status");
  std::string line;
  std::vector<int> theirs;
  while (std::getline(status, line))
    if (line.rfind("NSpid:", 0) == 0) {
      std::istringstream ids(line.substr(6));
      for (int id; ids >> id;) theirs.push_back(id);
    }
  ASSERT_FALSE(theirs.empty());
  int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  int ids[32];
  int n = inject_proc_nspid(fd, ids, 32);
  close(fd);
  EXPECT_EQ(std::vector<int>(ids, ids + n), theirs);
  EXPECT_EQ(theirs.back(), getpid());
}

}  // namespace
