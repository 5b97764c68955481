// systrap-trace against strace itself: the same programs under both, the
// trace lines compared after masking what legitimately differs (addresses,
// pids, timings), the program's output and exit status unchanged.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace {

std::string Runfile(const std::string& rel) {
  const char* dir = getenv("TEST_SRCDIR");
  return std::string(dir ? dir : ".") + "/systrap/" + rel;
}

std::string TmpPath(const std::string& name) {
  const char* dir = getenv("TEST_TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/" + name;
}

struct Result {
  int status;
  std::string out;
};

// Runs a shell command, capturing stdout; stderr goes to the log.
Result Shell(const std::string& cmd) {
  Result r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return r;
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream f(path);
  std::vector<std::string> v;
  std::string l;
  while (std::getline(f, l)) v.push_back(l);
  return v;
}

std::string Normalise(std::string l) {
  static const std::regex hex("0x[0-9a-f]+");
  static const std::regex pid("^[0-9]+ +");
  static const std::regex vars("/\\* [0-9]+ vars \\*/");
  // The parent differs by design: strace's child has strace as parent,
  // ours is exec'd in place by the launcher.
  static const std::regex ppid("^getppid\\(\\) += [0-9]+$");
  l = std::regex_replace(l, hex, "0xADDR");
  l = std::regex_replace(l, pid, "");
  l = std::regex_replace(l, vars, "/* N vars */");
  l = std::regex_replace(l, ppid, "getppid() = PPID");
  return l;
}

const std::string kTracer = Runfile("tools/trace/systrap-trace");

// Fraction of our lines that strace printed identically (as a multiset).
double Agreement(const std::vector<std::string>& ours,
                 const std::vector<std::string>& theirs,
                 std::vector<std::string>* missing) {
  std::multiset<std::string> pool;
  for (auto& l : theirs) pool.insert(Normalise(l));
  size_t same = 0;
  for (auto& l : ours) {
    auto it = pool.find(Normalise(l));
    if (it != pool.end()) {
      same++;
      pool.erase(it);
    } else {
      missing->push_back(l);
    }
  }
  return ours.empty() ? 0 : static_cast<double>(same) / ours.size();
}

void CompareWithStrace(const std::string& name, const std::string& prog) {
  std::string ours = TmpPath(name + ".systrap"), theirs = TmpPath(name + ".strace");
  Result a = Shell(kTracer + " -o " + ours + " -- " + prog);
  Result b = Shell("strace -o " + theirs + " -- " + prog);
  Result native = Shell(prog);
  EXPECT_EQ(a.out, native.out) << name;
  EXPECT_EQ(a.status, native.status) << name;
  EXPECT_EQ(b.status, native.status) << name;
  auto o = Lines(ours), t = Lines(theirs);
  ASSERT_GT(o.size(), 3u) << name << ": no trace";
  std::vector<std::string> missing;
  double agree = Agreement(o, t, &missing);
  std::string report;
  for (size_t i = 0; i < missing.size() && i < 15; i++) report += "  " + missing[i] + "\n";
  EXPECT_GE(agree, 0.95) << name << ": " << missing.size() << " of " << o.size()
                         << " lines differ from strace's, e.g.\n" << report;
}

TEST(TraceCompare, TestProgramMatchesStrace) {
  CompareWithStrace("trace_target", Runfile("testdata/trace_target"));
}

TEST(TraceCompare, CoreutilsMatchStrace) {
  // A directory of the test's own: / changes while the test runs (/proc).
  std::string dir = TmpPath("lsdir");
  Shell("mkdir -p " + dir + "/sub && touch " + dir + "/a " + dir + "/b");
  CompareWithStrace("ls", "ls -l " + dir);
  CompareWithStrace("cat", "cat /etc/passwd");
}

TEST(TraceCompare, Python3MatchesStrace) {
  CompareWithStrace("python3", "python3 -S -c 'print(sum(range(10)))'");
}

TEST(TraceOutput, ExactLinesForKnownCalls) {
  std::string path = TmpPath("exact.txt");
  Result r = Shell(kTracer + " -o " + path + " " + Runfile("testdata/trace_target") + " x");
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.out, "read ok stat -1 errno 2 write -1 errno 14 open ok errno 0\n");
  auto lines = Lines(path);
  auto has = [&](const std::string& want) {
    for (auto& l : lines)
      if (l == want) return true;
    return false;
  };
  EXPECT_TRUE(has("write(1, 0x8, 5)                        = -1 EFAULT (Bad address)"));
  // stat() of a missing path: the path decoded, the error named.
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.rfind("newfstatat(AT_FDCWD, \"/nonexistent/systrap\", 0x", 0) == 0 &&
           l.find(", 0) = -1 ENOENT (No such file or directory)") != std::string::npos;
  }));
  int getppids = 0;
  for (auto& l : lines)
    if (l.rfind("getppid()", 0) == 0) getppids++;
  EXPECT_EQ(getppids, 5);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), "+++ exited with 3 +++");
}

TEST(TraceOutput, TraceSetFilters) {
  std::string path = TmpPath("filter.txt");
  Shell(kTracer + " -e trace=getppid,close -o " + path + " " + Runfile("testdata/trace_target"));
  auto lines = Lines(path);
  int getppids = 0;
  for (auto& l : lines) {
    if (l.rfind("+++", 0) == 0) continue;
    EXPECT_TRUE(l.rfind("getppid()", 0) == 0 || l.rfind("close(", 0) == 0) << l;
    if (l.rfind("getppid()", 0) == 0) getppids++;
  }
  EXPECT_EQ(getppids, 5);
}

TEST(TraceInject, ProgramSeesInjectedErrorExactlyWhereAsked) {
  std::string path = TmpPath("inject.txt");
  // The second openat fails with EACCES; the first succeeds.
  Result r = Shell(kTracer + " -e trace=openat -e inject=openat:error=EACCES:when=2 -o " +
                 path + " " + Runfile("testdata/trace_target"));
  EXPECT_EQ(r.out, "read ok stat -1 errno 2 write -1 errno 14 open failed errno 13\n");
  auto lines = Lines(path);
  bool saw = false;
  for (auto& l : lines)
    if (l.find("\"/dev/null\"") != std::string::npos) {
      EXPECT_NE(l.find("= -1 EACCES (Permission denied) (INJECTED)"), std::string::npos) << l;
      saw = true;
    }
  EXPECT_TRUE(saw);
}

TEST(TraceSummary, CallCountsEqualStraceC) {
  std::string ours = TmpPath("c.systrap"), theirs = TmpPath("c.strace");
  std::string prog = Runfile("testdata/trace_target");
  Shell(kTracer + " -c -o " + ours + " " + prog);
  Shell("strace -c -o " + theirs + " " + prog);
  auto counts = [](const std::string& path) {
    std::map<std::string, std::pair<long, long>> m;
    for (auto& l : Lines(path)) {
      std::istringstream s(l);
      std::vector<std::string> f;
      std::string w;
      while (s >> w) f.push_back(w);
      if (f.size() >= 5 && isdigit(f[0][0]) && f.back() != "total") {
        long calls = std::stol(f[3]);
        long errors = f.size() == 6 ? std::stol(f[4]) : 0;
        m[f.back()] = {calls, errors};
      }
    }
    return m;
  };
  auto a = counts(ours), b = counts(theirs);
  ASSERT_FALSE(a.empty());
  // Calls the program makes (not the loader's start-up, which runs before
  // any preload) must be counted exactly as strace counts them.
  for (const char* name : {"getppid", "write"}) {
    EXPECT_EQ(a[name], b[name]) << name;
  }
}

TEST(TraceErrors, UnusableRequestsAreRefusedClearly) {
  Result r = Shell(kTracer + " -p 1 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("-p"), std::string::npos) << r.out;
  r = Shell(kTracer + " -k ls 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("invalid option -- 'k'"), std::string::npos) << r.out;
  r = Shell(kTracer + " /nonexistent/prog 2>&1");
  EXPECT_EQ(r.status, 1);
  r = Shell(kTracer + " -V");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("systrap-trace"), std::string::npos);
}

TEST(TraceFds, ProgramClosingEveryFdKeepsBeingTraced) {
  std::string path = TmpPath("closeall.txt");
  Result r = Shell(kTracer + " -o " + path +
                 " python3 -S -c 'import os; os.closerange(3, 4096); print(os.open(\"/dev/null\", 0))'");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "3\n");
  auto lines = Lines(path);
  bool saw = false;
  for (auto& l : lines)
    if (l.rfind("openat(AT_FDCWD, \"/dev/null\", O_RDONLY|O_CLOEXEC) = 3", 0) == 0) saw = true;
  EXPECT_TRUE(saw) << "traced after closing every fd";
}

}  // namespace
