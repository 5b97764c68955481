// A Go program linked with cgo under systrap-trace and under a plain
// preload, with every trap kind: the same output and exit status as
// natively, in bounded time (it used to hang: issue 16), and its signals
// and its child's execve traced as strace traces them.
//
// Go runs its goroutines on stacks of a few KiB and gives each thread an
// alternate signal stack of 32 KiB; its os/exec child shares its memory
// (CLONE_VM|CLONE_VFORK) and resets every signal handler before exec.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tools/trace/test_support.h"

namespace {

using namespace trace_test;

// Lines containing needle (after the pid prefix).
int Count(const std::vector<std::string>& lines, const std::string& needle) {
  int n = 0;
  for (auto& l : lines)
    if (l.find(needle) != std::string::npos) n++;
  return n;
}

// A hang must fail, not stall the suite: every run is killed after this.
const char kTimeout[] = "timeout -s KILL 120 ";

class GoCgo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (Shell("command -v go").status != 0) return;
    // Offline, from one file of the standard library, linked with cgo.
    Result b = BuildGo("testdata/go_cgo_signals.go", "go_cgo_signals", true);
    build_log_ = new std::string(b.out);
    if (b.status == 0) prog_ = new std::string(TmpPath("go/go_cgo_signals"));
  }

  void SetUp() override {
    if (Shell("command -v go").status != 0)
      GTEST_SKIP() << "no Go toolchain (apt-get install golang-go, as "
                      "tools/setup-debian.sh does): the Go test is skipped";
    ASSERT_NE(prog_, nullptr) << "go build failed:\n" << *build_log_;
    native_ = Shell(std::string(kTimeout) + *prog_);
    // What the program prints when all went well, and its status.
    ASSERT_EQ(native_.status, 3) << native_.out;
    ASSERT_NE(native_.out.find("signals received: 20\n"), std::string::npos)
        << native_.out;
    ASSERT_NE(native_.out.find("worker 7: 200 calls\n"), std::string::npos)
        << native_.out;
  }

  static std::string* prog_;
  static std::string* build_log_;
  Result native_;
};

std::string* GoCgo::prog_ = nullptr;
std::string* GoCgo::build_log_ = nullptr;

// How strace -f ends a process whose threads exit_group ends: each thread
// it saw gets its end line (end), the process's own (its first line's pid)
// last; no thread ends twice, none after the process.
void ExpectEveryThreadEndsOnce(const std::vector<std::string>& lines,
                               const std::string& end, const char* kind) {
  ASSERT_FALSE(lines.empty()) << kind;
  std::set<std::string> seen, ended;
  for (const std::string& l : lines) {
    std::string tid = l.substr(0, l.find(' '));
    if (l.find("+++ exited") != std::string::npos) {
      EXPECT_TRUE(ended.insert(tid).second) << kind << ": " << tid << " ended twice";
      continue;
    }
    EXPECT_EQ(ended.count(tid), 0u) << kind << ": a line after its end: " << l;
    seen.insert(tid);
  }
  EXPECT_EQ(ended, seen) << kind;
  const std::string pid = lines.front().substr(0, lines.front().find(' '));
  EXPECT_EQ(lines.back(), pid + std::string(6 - std::min<size_t>(pid.size(), 5), ' ') + end)
      << kind;
}

const char* const kTrapKinds[] = {"jump", "jump-int3", "int3", "ud2"};

TEST_F(GoCgo, TracedWithEveryTrapKindBehavesAsNatively) {
  for (const char* kind : kTrapKinds) {
    std::string trace = TmpPath(std::string("go_") + kind + ".trace");
    Result r = Shell(std::string("SYSTRAP_TRAP=") + kind + " " + kTimeout +
                     Runfile("tools/trace/systrap-trace") + " -f -o " + trace +
                     " " + *prog_);
    EXPECT_EQ(r.out, native_.out) << kind;
    EXPECT_EQ(r.status, native_.status) << kind;
    auto lines = Lines(trace);
    EXPECT_EQ(Count(lines, "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER"), 20)
        << kind;
    ExpectEveryThreadEndsOnce(lines, "+++ exited with 3 +++", kind);
  }
}

// The core alone (a preload that only counts), several runs: the stack
// overruns it used to cause corrupted memory at random.
TEST_F(GoCgo, PlainPreloadWithEveryTrapKindBehavesAsNatively) {
  std::string preload = Runfile("testdata/counting_preload.so");
  for (const char* kind : kTrapKinds) {
    for (int run = 0; run < 3; run++) {
      Result r = Shell(std::string("SYSTRAP_TRAP=") + kind + " LD_PRELOAD=" +
                       preload + " " + kTimeout + *prog_);
      EXPECT_EQ(r.out, native_.out) << kind << " run " << run;
      EXPECT_EQ(r.status, native_.status) << kind << " run " << run;
    }
  }
}

TEST_F(GoCgo, SignalsAndChildExecMatchStrace) {
  std::string ours = TmpPath("go_ours.trace"), theirs = TmpPath("go_strace.trace");
  Result a = Shell(std::string(kTimeout) + Runfile("tools/trace/systrap-trace") +
                   " -f -o " + ours + " " + *prog_);
  Result b = Shell(std::string(kTimeout) + "strace -f -o " + theirs + " " + *prog_);
  EXPECT_EQ(a.out, native_.out);
  EXPECT_EQ(a.status, native_.status);
  EXPECT_EQ(b.status, native_.status);
  auto o = Lines(ours), t = Lines(theirs);
  // Each SIGUSR1 the program sent itself, delivered to Go's handler.
  const std::string usr1 = "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER";
  EXPECT_EQ(Count(o, usr1), 20);
  EXPECT_EQ(Count(o, usr1), Count(t, usr1));
  // The kill() calls that sent them, whole or "<unfinished ...>" (not the
  // tgkill()s of Go's preemption, whose number depends on timing).
  auto kills = [](const std::vector<std::string>& v) {
    int n = 0;
    for (auto& l : v)
      if (l.find(" kill(") != std::string::npos &&
          l.find(", SIGUSR1") != std::string::npos)
        n++;
    return n;
  };
  EXPECT_EQ(kills(o), 20);
  EXPECT_EQ(kills(o), kills(t));
  // The children's execve lines, in the children.
  for (const std::string exec :
       {"execve(\"/bin/echo\", [\"/bin/echo\", \"child\"], ",
        "execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"echo again; exit 4\"], "}) {
    EXPECT_EQ(Count(o, exec), 1) << exec;
    EXPECT_EQ(Count(t, exec), 1) << exec;
  }
  EXPECT_EQ(Count(o, "+++ exited with 4 +++"), Count(t, "+++ exited with 4 +++"));
  // strace prints it once per thread, we once per process.
  EXPECT_GE(Count(o, "+++ exited with 3 +++"), 1);
  EXPECT_GE(Count(t, "+++ exited with 3 +++"), 1);
}

}  // namespace
