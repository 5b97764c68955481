// systrap-trace's default way of starting a program (the tracer's image
// mapped in before the first instruction) checked as a user would check
// it, with strace as the oracle: whole traces of /bin/true and ls equal to
// strace's, the four kinds of static program traced with -f, nothing in
// what the program sees of its start, exec chains with and without -f, a
// failed execve, a program that ends right after one, and a process that
// is already ptraced when it execs.
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <algorithm>
#include <map>
#include <regex>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tools/trace/test_support.h"

namespace {

using namespace trace_test;

// A hang must fail, not stall the suite: every run is killed after this.
const std::string kTimeout = "timeout -s KILL 180 ";

// The image is what this test is about: always systrap-trace's default
// (never SYSTRAP_TEST_MODE's --preload).
std::string Tracer() { return Runfile("tools/trace/systrap-trace"); }

// Whether this kernel runs 32-bit x86 programs: one built or booted
// without IA32 emulation refuses their execve with ENOEXEC (seen on a
// 6.18 guest), natively and under strace alike, and then there is no
// 32-bit program to trace.
bool KernelRuns32Bit(const std::string& prog) {
  pid_t pid = fork();
  if (pid == 0) {
    execl(prog.c_str(), prog.c_str(), (char*)nullptr);
    _exit(errno == ENOEXEC ? 126 : 127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return true;
  return !(WIFEXITED(status) && WEXITSTATUS(status) == 126);
}

// What legitimately differs between two runs of the same command line,
// and nothing else:
// - addresses (ASLR: mmap and brk results, pointers, the envp pointer);
// - pids: the -f prefix, set_tid_address's result (the caller's tid), the
//   pids a parent gets from fork/vfork/clone and waits for, getpid/gettid;
// - the root's getppid: strace's child has strace as its parent, ours the
//   launcher (each the tracer's own pid);
// - getrandom's bytes;
// - the padding before " = " (strace pads to column 40, counting the pid
//   prefix, whose width varies with the pids).
// The environment count ("/* N vars */") is not masked: it is the same.
std::string Mask(std::string l) {
  static const std::regex hex("0x[0-9a-f]+");
  static const std::regex pid_prefix("^[0-9]+ +");
  static const std::regex tid_result("^(set_tid_address\\(0xADDR\\)) += [0-9]+$");
  static const std::regex self("^(getpid|gettid|getppid)\\(\\) += [0-9]+$");
  static const std::regex child_result(
      "^((clone|clone3|fork|vfork|wait4)\\(.*\\)) += [0-9]+$");
  static const std::regex waited("^wait4\\([0-9]+,");
  static const std::regex parent_tid("parent_tid=\\[[0-9]+\\]");
  static const std::regex sender_pid("si_pid=[0-9]+");
  static const std::regex kills("^(t?g?kill)\\([0-9]+(, [0-9]+)?");
  static const std::regex random_bytes("^getrandom\\(\"[^\"]*\"");
  static const std::regex spaces(" +");
  l = std::regex_replace(l, hex, "0xADDR");
  l = std::regex_replace(l, pid_prefix, "");
  l = std::regex_replace(l, spaces, " ");
  l = std::regex_replace(l, tid_result, "$1 = TID");
  l = std::regex_replace(l, self, "$1() = PID");
  l = std::regex_replace(l, child_result, "$1 = PID");
  l = std::regex_replace(l, waited, "wait4(PID,");
  l = std::regex_replace(l, parent_tid, "parent_tid=[PID]");
  l = std::regex_replace(l, sender_pid, "si_pid=PID");
  l = std::regex_replace(l, kills, "$1(PID");
  l = std::regex_replace(l, random_bytes, "getrandom(\"RANDOM\"");
  return l;
}

// Where a call is split by "<unfinished ...>" and "<... NAME resumed>"
// depends on timing: join the halves (per pid) into the whole line, at
// the place of the first half.
std::vector<std::string> Whole(const std::vector<std::string>& v) {
  static const std::regex unfinished("^([0-9]+ +)?(.*?) ?<unfinished \\.\\.\\.>$");
  static const std::regex resumed("^([0-9]+ +)?<\\.\\.\\. [a-z0-9_]+ resumed>(.*)$");
  std::map<std::string, size_t> open;  // pid prefix -> index in out
  std::vector<std::string> out;
  std::smatch m;
  for (auto& l : v) {
    if (std::regex_match(l, m, unfinished)) {
      open[m[1].str()] = out.size();
      out.push_back(m[1].str() + m[2].str());
    } else if (std::regex_match(l, m, resumed)) {
      auto it = open.find(m[1].str());
      if (it != open.end()) {
        out[it->second] += m[2].str();
        open.erase(it);
      } else {
        out.push_back(l);
      }
    } else {
      out.push_back(l);
    }
  }
  return out;
}

// One line of a trace: the pid prefix (-f; "" without) and the rest.
struct Line {
  std::string pid, text;
};

std::vector<Line> Parse(const std::string& path) {
  static const std::regex prefixed("^([0-9]+) +(.*)$");
  std::vector<Line> v;
  std::smatch m;
  for (auto& l : Whole(Lines(path))) {
    if (std::regex_match(l, m, prefixed))
      v.push_back({m[1].str(), m[2].str()});
    else
      v.push_back({"", l});
  }
  return v;
}

// The syscall a line is about ("" for signal, exit and notice lines).
std::string Name(const std::string& text) {
  static const std::regex call("^([a-z_][a-z0-9_]*)\\(");
  std::smatch m;
  return std::regex_search(text, m, call) ? m[1].str() : "";
}

// The masked lines of syscalls alone (no "--- SIG", "+++", notices):
// signals the program leaves at SIG_DFL and that do not kill (SIGCHLD)
// are not seen from inside (docs/DESIGN.md, "Known limits"), while strace
// prints them.
std::vector<std::string> Calls(const std::vector<Line>& v) {
  std::vector<std::string> out;
  for (auto& l : v)
    if (!Name(l.text).empty()) out.push_back(Mask(l.text));
  return out;
}

// Where two sequences of lines first differ, for a failure message.
std::string FirstDifference(const std::vector<std::string>& ours,
                            const std::vector<std::string>& theirs) {
  size_t i = 0;
  while (i < ours.size() && i < theirs.size() && ours[i] == theirs[i]) i++;
  std::string s = "line " + std::to_string(i + 1) + " of " +
                  std::to_string(ours.size()) + " (ours) / " +
                  std::to_string(theirs.size()) + " (strace):\n  ours:   ";
  s += i < ours.size() ? ours[i] : "(end)";
  s += "\n  strace: ";
  s += i < theirs.size() ? theirs[i] : "(end)";
  return s;
}

// Lines that start with prefix once masked (Mask above).
int Count(const std::vector<Line>& v, const std::string& prefix) {
  int n = 0;
  for (auto& l : v)
    if (Mask(l.text).rfind(prefix, 0) == 0) n++;
  return n;
}

// A command run natively, under systrap-trace and under strace with the
// same flags: stdout and status must agree. `pre` is put before each.
struct Runs {
  Result native, ours, theirs;
  std::vector<Line> o, t;
};

Runs RunAll(const std::string& name, const std::string& cmd,
            const std::string& flags, const std::string& pre = "") {
  Runs r;
  std::string ours = TmpPath(name + ".ours"), theirs = TmpPath(name + ".strace");
  r.native = Shell(pre + kTimeout + cmd);
  r.ours = Shell(pre + kTimeout + Tracer() + " " + flags + " -o " + ours + " " + cmd);
  r.theirs = Shell(pre + kTimeout + "strace " + flags + " -o " + theirs + " " + cmd);
  EXPECT_EQ(r.ours.out, r.native.out) << name;
  EXPECT_EQ(r.ours.status, r.native.status) << name;
  EXPECT_EQ(r.theirs.out, r.native.out) << name << " (strace)";
  EXPECT_EQ(r.theirs.status, r.native.status) << name << " (strace)";
  r.o = Parse(ours);
  r.t = Parse(theirs);
  return r;
}

// 1. The complete trace of a dynamic program equals strace's, line for
// line, with and without -f.
TEST(ImageTrace, TrueAndLsEqualStraceLineForLine) {
  for (const std::string cmd : {"/bin/true", "ls /"}) {
    for (const std::string flags : {"", "-f"}) {
      std::string name = (cmd == "ls /" ? "ls" : "true") + flags;
      // In a fixed directory, output to /dev/null (as strace's).
      Runs r = RunAll(name, cmd + " >/dev/null", flags, "cd / && ");
      std::vector<std::string> o, t;
      for (auto& l : r.o) o.push_back(Mask(l.text));
      for (auto& l : r.t) t.push_back(Mask(l.text));
      ASSERT_GT(t.size(), 20u) << name << ": strace traced nothing";
      ASSERT_GT(o.size(), 2u) << name << ": no trace";
      EXPECT_EQ(o, t) << name << ": " << FirstDifference(o, t);
      EXPECT_EQ(o.front().rfind("execve(", 0), 0u) << name;
      // The loader's first calls, which a preload never sees.
      EXPECT_EQ(o[1], "brk(NULL) = 0xADDR") << name;
      // -f prefixes every line with the pid; without, none.
      for (auto& l : r.o) EXPECT_EQ(l.pid.empty(), flags.empty()) << name << ": " << l.text;
    }
  }
}

// 2. Static programs of every kind, traced with -f.
//
// Calls whose number depends on the schedule (and on the tracer's speed,
// which changes the schedule): waits and wake-ups, sleeps and yields,
// Go's preemption (getpid + tgkill sending SIGURG), the restart of a
// sleep a signal interrupted, and Go's network poller (os/exec's pipes
// join it; an idle thread, or sysmon when 10 ms pass without a poll,
// waits in epoll_pwait: under strace's slowness often, at our speed on
// a busy machine sometimes never). So do the vDSO's clocks, which are
// system calls only while the kernel's clocksource has no fast path for
// them: on a virtual machine that changes between two runs (kvm-clock
// without its stable bit, a TSC the watchdog marked unstable; once, in
// CI, strace's run of the Go program showed a clock_gettime ours did not
// have). That such fallbacks are traced is TheVdsosFallbackCallsAre...
// below, with a clock the vDSO always leaves to the kernel. Every other
// call strace shows, we show; for the C program, as many times; and we
// show no call strace does not.
const std::set<std::string> kScheduling = {
    "futex",       "nanosleep",     "clock_nanosleep", "sched_yield",
    "getpid",      "tgkill",        "restart_syscall", "epoll_pwait",
    "epoll_wait",  "clock_gettime", "gettimeofday",    "time"};

// Which program a process is: the forked child, which execs /bin/echo,
// or the root (any of its threads).
std::map<std::string, std::multiset<std::string>> NamesByKind(
    const std::vector<Line>& v) {
  std::set<std::string> children;
  for (auto& l : v)
    if (l.text.rfind("execve(\"/bin/echo\"", 0) == 0) children.insert(l.pid);
  std::map<std::string, std::multiset<std::string>> names;
  for (auto& l : v) {
    std::string n = Name(l.text);
    if (!n.empty()) names[children.count(l.pid) ? "child" : "root"].insert(n);
  }
  return names;
}

void CheckStatic(const std::string& name, const std::string& prog, bool exact_counts) {
  Runs r = RunAll(name, prog, "-f");
  // The program did what it should natively, so the comparisons mean
  // something.
  EXPECT_EQ(r.native.status, 7) << name;
  EXPECT_NE(r.native.out.find("static program: start\n"), std::string::npos) << name;
  EXPECT_NE(r.native.out.find("child echo\nchild: exit 0\n"), std::string::npos) << name;
  ASSERT_FALSE(r.o.empty()) << name << ": no trace";
  ASSERT_FALSE(r.t.empty()) << name << ": strace traced nothing";

  auto ours = NamesByKind(r.o), theirs = NamesByKind(r.t);
  EXPECT_EQ(theirs.size(), 2u) << name << ": strace saw no child";
  for (auto& [kind, names] : theirs) {
    auto& mine = ours[kind];
    for (auto& n : std::set<std::string>(names.begin(), names.end())) {
      if (kScheduling.count(n)) continue;
      EXPECT_GT(mine.count(n), 0u) << name << " " << kind << ": no " << n;
      if (exact_counts) {
        EXPECT_EQ(mine.count(n), names.count(n)) << name << " " << kind << ": " << n;
      }
    }
    for (auto& n : std::set<std::string>(mine.begin(), mine.end()))
      EXPECT_TRUE(names.count(n) || kScheduling.count(n))
          << name << " " << kind << ": " << n << " which strace does not show";
  }

  // The root's execve and the child's, equal after masking.
  auto exec_line = [](const std::vector<Line>& v, const std::string& prefix) {
    for (auto& l : v)
      if (l.text.rfind(prefix, 0) == 0) return Mask(l.text);
    return std::string("(none)");
  };
  EXPECT_EQ(Mask(r.o.front().text), Mask(r.t.front().text)) << name;
  EXPECT_EQ(r.o.front().text.rfind("execve(\"" + prog + "\"", 0), 0u) << name;
  EXPECT_EQ(exec_line(r.o, "execve(\"/bin/echo\""), exec_line(r.t, "execve(\"/bin/echo\""))
      << name;
  EXPECT_EQ(Count(r.o, "execve(\"/bin/echo\""), 1) << name;

  // /bin/echo's loader, in the child after its execve.
  std::string child;
  bool execed = false, loader = false;
  for (auto& l : r.o) {
    if (l.text.rfind("execve(\"/bin/echo\"", 0) == 0) {
      child = l.pid;
      execed = true;
    } else if (execed && l.pid == child &&
               l.text.rfind("openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3", 0) == 0) {
      loader = true;
    }
  }
  EXPECT_TRUE(loader) << name << ": /bin/echo's loader not traced";

  // The signals it sent itself, delivered to its handlers (the Go
  // runtime's handler for SIGUSR1 too).
  const std::string usr1 = "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER";
  EXPECT_EQ(Count(r.o, usr1), 4) << name;
  EXPECT_EQ(Count(r.o, usr1), Count(r.t, usr1)) << name;
  const std::string usr2 = "--- SIGUSR2 {si_signo=SIGUSR2, si_code=SI_TKILL";
  EXPECT_EQ(Count(r.o, usr2), Count(r.t, usr2)) << name;

  EXPECT_EQ(r.o.back().text, "+++ exited with 7 +++") << name;
  EXPECT_EQ(r.t.back().text, "+++ exited with 7 +++") << name;
}

TEST(ImageStatic, GlibcStatic) {
  CheckStatic("glibc_static", Runfile("testdata/image_static"), true);
}

TEST(ImageStatic, GlibcStaticPie) {
  CheckStatic("glibc_static_pie", Runfile("testdata/image_static_pie"), true);
}

TEST(ImageStatic, MuslStatic) {
  CheckStatic("musl_static", Runfile("testdata/image_static_musl"), true);
}

// Built here as go_cgo_test builds its program (BuildGo); without cgo
// it is static.
TEST(ImageStatic, GoWithoutCgo) {
  if (!NoGoToolchain().empty()) GTEST_SKIP() << NoGoToolchain();
  Result b = BuildGo("testdata/image_static.go", "image_static_go", false);
  ASSERT_EQ(b.status, 0) << "go build failed:\n" << b.out;
  std::string prog = TmpPath("go/image_static_go");
  ASSERT_EQ(Shell("file " + prog + " | grep -q 'statically linked'").status, 0)
      << "not a static program";
  // The Go runtime's calls (threads started, stacks, signals masked) vary
  // in number with the schedule: names only.
  CheckStatic("go_static", prog, false);
}

// Go's linker writes no .eh_frame, so no function of a Go program was known
// and runtime/internal/syscall.Syscall6 (four 3-byte moves, then the
// syscall: no instruction before it a jump long) kept only its trap: every
// call of the syscall package cost a signal. Its function is now known from
// its symbol: the two moves before the site become the jump (and one int3
// of fill), the site keeps its trap, the rest is untouched; the call is made
// and traced. SYSTRAP_DEBUG=2 names no site of the program left a trap.
TEST(ImageStatic, GoSyscall6Jumps) {
  if (!NoGoToolchain().empty()) GTEST_SKIP() << NoGoToolchain();
  Result b = BuildGo("testdata/go_syscall_site.go", "go_syscall_site", false);
  ASSERT_EQ(b.status, 0) << "go build failed:\n" << b.out;
  std::string prog = TmpPath("go/go_syscall_site");
  Result native = Shell(kTimeout + prog);
  ASSERT_EQ(native.status, 0) << native.out;
  ASSERT_EQ(native.out,
            "Syscall6 49 89 f2 48 89 fa 48 89 ce 48 89 df 0f 05 48 3d\n"
            "getppid through Syscall6 right: true\n");
  for (const std::string trap : {"", "jump-int3", "jump-ud2"}) {
    std::string trace = TmpPath("go_syscall_site.ours");
    std::string env = trap.empty() ? "" : "SYSTRAP_TRAP=" + trap + " ";
    // -f: Go's main goroutine is not tied to the main thread; after a
    // blocking call it may go on on another one, and without -f neither
    // strace nor we trace that thread (seen: strace without -f printed no
    // getppid line in 1 of 300 runs under load).
    Result traced =
        Shell(env + kTimeout + Tracer() + " -f -o " + trace + " " + prog);
    ASSERT_EQ(traced.status, 0) << trap << "\n" << traced.out;
    std::string out = traced.out;
    // The jump's rel32 is wherever the trampoline went.
    ASSERT_GT(out.size(), 41u) << out;
    out.replace(30, 11, "XX XX XX XX");
    const std::string site = trap == "jump-int3" ? "cc 90" : "0f 0b";
    EXPECT_EQ(out, "Syscall6 49 89 f2 48 89 fa e9 XX XX XX XX cc " + site +
                       " 48 3d\n"
                       "getppid through Syscall6 right: true\n")
        << trap;
    // Through Syscall6, and os.Getppid.
    EXPECT_EQ(Count(Parse(trace), "getppid()"), 2) << trap;
    Result debug = Shell(env + "SYSTRAP_DEBUG=2 " + kTimeout + Tracer() +
                         " -o /dev/null " + prog + " 2>&1 >/dev/null");
    EXPECT_EQ(debug.out.find("trap-only site " + prog), std::string::npos)
        << debug.out;
    EXPECT_NE(debug.out.find(prog + ": "), std::string::npos) << debug.out;
  }
}

// A Go thread exits on a stack that is no longer its own: runtime.exitThread
// tells the others it is done with its stack (which may then go to a new
// thread) and makes a bare exit syscall, which touches no memory. systrap's
// exit path ran its hooks on that stack and, under load, wrote over the new
// thread's frames: the Go program died of SIGSEGV now and then. Here each
// thread exits with its stack pointer 144 bytes above an inaccessible page:
// nothing but the trampoline's return address and the saved flags may be
// written there, every time.
TEST(ImageStatic, ThreadExitOnAStackNoLongerItsOwn) {
  std::string prog = Runfile("testdata/exit_dead_stack");
  Result native = Shell(kTimeout + prog);
  ASSERT_EQ(native.status, 0) << native.out;
  ASSERT_EQ(native.out, "threads exited: 4\n");
  for (const std::string flags : {"-f", "-f -e trace=exit"}) {
    std::string trace = TmpPath("exit_dead_stack.ours");
    Result traced =
        Shell(kTimeout + Tracer() + " " + flags + " -o " + trace + " " + prog);
    EXPECT_EQ(traced.status, 0) << flags << "\n" << traced.out;
    EXPECT_EQ(traced.out, native.out) << flags;
    // Each thread's exit traced, as strace shows it.
    std::string theirs = TmpPath("exit_dead_stack.strace");
    ASSERT_EQ(Shell(kTimeout + "strace " + flags + " -o " + theirs + " " + prog).status, 0);
    auto o = Parse(trace);
    EXPECT_EQ(Count(o, "exit(0)"), 4) << flags;
    EXPECT_EQ(Count(o, "exit(0)"), Count(Parse(theirs), "exit(0)")) << flags;
  }
}

// 3. Nothing in what the program sees: argv, environ, /proc/self/environ,
// /proc/self/exe, AT_EXECFN, its descriptors, its children's parent, the
// CPUs it may run on.
TEST(ImageView, ProgramSeesWhatItSeesNatively) {
  std::string view = Runfile("testdata/image_view");
  // --sealed too: its setting reaches the image only, not the program's
  // environment (until session 42, SYSTRAP_SEALED=1 was in it), where
  // this kernel has Syscall User Dispatch.
  std::vector<std::string> all_flags = {"", "-f"};
  if (Shell(Tracer() + " --sealed -o /dev/null true 2>&1").status == 0)
    all_flags.insert(all_flags.end(), {"--sealed", "-f --sealed"});
  for (const std::string pre : {"", "env -i "}) {
    for (const std::string& flags : all_flags) {
      std::string name = "view" + flags + (pre.empty() ? "" : "_env_i");
      for (char& c : name)
        if (c == ' ') c = '_';
      std::string args = " one 'two words' ''";
      std::string trace = TmpPath(name + ".ours");
      Result native = Shell(pre + kTimeout + view + args);
      Result traced = Shell(pre + kTimeout + Tracer() + " " + flags + " -o " +
                            trace + " " + view + args);
      ASSERT_EQ(native.status, 0) << name;
      EXPECT_EQ(traced.status, 0) << name;
      EXPECT_EQ(traced.out, native.out) << name;
      // The native run printed what it should (else an equal nothing).
      EXPECT_NE(native.out.find("argv[2]=two words\n"), std::string::npos) << native.out;
      EXPECT_NE(native.out.find("AT_EXECFN=" + view + "\n"), std::string::npos) << native.out;
      EXPECT_NE(native.out.find("child's parent is this process: yes\n"), std::string::npos)
          << native.out;
      EXPECT_NE(native.out.find("\nCPUs: "), std::string::npos) << native.out;
      EXPECT_EQ(native.out.find("environ: ") == std::string::npos, !pre.empty())
          << native.out;
      // And it was traced.
      auto o = Parse(trace);
      EXPECT_EQ(Count(o, "readlink(\"/proc/self/exe\""), 1) << name;
    }
  }
  // Run by a shell (so its parent is the shell, $$): followed with -f,
  // it still sees the shell as its parent.
  std::string cmd = "sh -c '" + view + " \"$$\"; exit $?'";
  for (const std::string pre : {"", "env -i "}) {
    std::string trace = TmpPath("view_sh.ours");
    Result native = Shell(pre + kTimeout + cmd);
    Result traced = Shell(pre + kTimeout + Tracer() + " -f -o " + trace + " " + cmd);
    auto drop_pid = [](const std::string& out) {
      std::string s;
      for (auto& l : SplitLines(out))
        if (l.rfind("argv[1]=", 0) != 0) s += l + "\n";
      return s;
    };
    EXPECT_EQ(drop_pid(traced.out), drop_pid(native.out)) << pre;
    EXPECT_EQ(traced.status, native.status) << pre;
    EXPECT_NE(native.out.find("parent is the pid in argv[1]: yes\n"), std::string::npos)
        << native.out;
    auto o = Parse(trace);
    EXPECT_EQ(Count(o, "execve(\"" + view + "\""), 1) << pre;
    EXPECT_EQ(Count(o, "readlink(\"/proc/self/exe\""), 1) << pre;
  }
}

// The program's process is forked before the launcher has found and
// opened its image (its exec overlaps that work): a launcher that then
// fails (here: no image next to it) kills it before it runs a line, as
// when the fork came after. Without that, the program ran untraced.
TEST(ImageView, ALauncherThatFailsAfterTheForkNeverRunsTheProgram) {
  std::string dir = TmpPath("lone_launcher");
  std::string marker = TmpPath("lone_launcher_ran");
  ASSERT_EQ(Shell("rm -rf " + dir + " " + marker + " && mkdir " + dir + " && cp " +
                  Tracer() + " " + dir + "/").status,
            0);
  std::string err = TmpPath("lone_launcher.err");
  Result r = Shell(kTimeout + dir + "/systrap-trace sh -c 'touch " + marker + "' 2>" + err);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(Read(err), dir + "/systrap-trace: cannot find trace_syscalls.image.so "
                             "next to systrap-trace\n");
  // An orphan would have made it by now (a fork and an exec of sh).
  EXPECT_EQ(Shell("sleep 0.5; test -e " + marker).status, 1) << "the program ran";
}

// The injector's boot is written over the program's first instruction:
// a program whose first instruction is near its code's end, read-only
// data after it, and a 32-bit program (whose code is not the boot's kind)
// must not get it. Each runs as natively, started and exec'd under -f
// (the boot once faulted in the first and killed the second).
TEST(ImageView, ProgramsTheBootMustNotRunInRunAsNatively) {
  std::string at_end = Runfile("testdata/entry_at_page_end.bin");
  std::string i386 = Runfile("testdata/i386_hello.bin");
  for (const std::string& prog : {at_end, i386}) {
    if (prog == i386 && !KernelRuns32Bit(i386)) {
      std::cout << "[ SKIPPED  ] the 32-bit case: this kernel refuses 32-bit programs (ENOEXEC)\n";
      continue;
    }
    Result native = Shell(kTimeout + prog);
    ASSERT_NE(native.out, "") << prog;
    std::string cmd = "sh -c '" + prog + "; echo status $?'";
    Result native_sh = Shell(kTimeout + cmd);
    std::string trace = TmpPath("boot_aside.ours");
    Result traced = Shell(kTimeout + Tracer() + " -o " + trace + " " + prog);
    Result followed = Shell(kTimeout + Tracer() + " -f -o " + trace + " " + cmd);
    if (prog == at_end) {
      EXPECT_EQ(traced.status, native.status) << prog;
      EXPECT_EQ(traced.out, native.out) << prog;
      EXPECT_EQ(Count(Parse(trace), "write(1, \"hello from the end of a page\\n\", 29)"), 1);
    }
    EXPECT_EQ(followed.status, native_sh.status) << prog;
    EXPECT_EQ(followed.out, native_sh.out) << prog;
  }
}

// The program's first instruction finds the registers its exec gave it,
// whatever the image ran there first: every general register but rsp zero,
// the flags 0x202, the x87, SSE and AVX state initial (the image puts the
// vector registers back itself at an exec stop, and the launcher no longer
// reads and writes them). Started, and exec'd under -f.
TEST(ImageView, TheFirstInstructionFindsTheRegistersTheExecGave) {
  std::string prog = Runfile("testdata/initial_registers.bin");
  Result native = Shell(kTimeout + prog);
  ASSERT_EQ(native.status, 0) << native.out;
  ASSERT_EQ(native.out, "registers as the exec made them\n");
  std::string trace = TmpPath("initial_registers.ours");
  Result traced = Shell(kTimeout + Tracer() + " -o " + trace + " " + prog);
  EXPECT_EQ(traced.status, 0) << traced.out;
  EXPECT_EQ(traced.out, native.out);
  EXPECT_EQ(Count(Parse(trace), "exit(0)"), 1);
  std::string cmd = "sh -c '" + prog + "; " + prog + "'";
  Result followed = Shell(kTimeout + Tracer() + " -f -o " + trace + " " + cmd);
  EXPECT_EQ(followed.status, 0) << followed.out;
  EXPECT_EQ(followed.out, native.out + native.out);
  EXPECT_EQ(Count(Parse(trace), "exit(0)"), 2);
}

// A start ends without a stop of the launcher's: at the exec's stop the
// launcher writes the boot and detaches, and the image, once it has
// instrumented the program, gives it the registers the exec gave and
// jumps to it, after a signal the launcher waits for (image_abi.h,
// SYSTRAP_IMAGE_GO_ON). Before, the program stopped once more at the
// image's end for the launcher to restore its registers and detach: two
// wake-ups of an idle vCPU and ~0.07 ms a start here. strace over the
// launcher alone (the program is the launcher's tracee, not strace's):
// one detach, no resume to a stop of ours after the exec's, and the
// image's signal received; the program runs as natively.
TEST(ImageView, AStartMakesNoStopAfterTheExecs) {
  std::string log = TmpPath("no_second_stop.strace");
  std::string prog = Runfile("testdata/initial_registers.bin");
  Result r = Shell(kTimeout + "strace -o " + log +
                   " -e trace=ptrace,rt_sigtimedwait " + Tracer() +
                   " -o /dev/null " + prog);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "registers as the exec made them\n");
  std::string calls = Read(log);
  auto count = [&](const std::string& what) {
    size_t n = 0;
    for (size_t at = calls.find(what); at != std::string::npos;
         at = calls.find(what, at + 1))
      n++;
    return n;
  };
  EXPECT_EQ(count("ptrace(PTRACE_DETACH,"), 1u) << calls;
  EXPECT_EQ(count("ptrace(PTRACE_CONT,"), 0u) << calls;
  EXPECT_EQ(count("ptrace(PTRACE_SEIZE,"), 0u) << calls;
  EXPECT_EQ(count("si_code=SI_USER"), 1u) << calls;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (auto& l : v) s += l + "\n";
  return s;
}

// A 32-bit program (PROG, or exec'd under -f) runs untraced: the image is
// x86-64 code. It runs as natively, its execve line is strace's, and one
// line says that its calls are not shown; on stderr, strace's own note of
// the mode. Before, PROG was refused with "exec: No such file or
// directory" and never ran, and under -f the notice blamed a missing vDSO.
TEST(ImageView, ThirtyTwoBitProgramsRunUntracedAndAreSaidSo) {
  const std::string prog = Runfile("testdata/i386_hello.bin");
  const std::string notice = "runs in 32-bit mode, which systrap cannot trace";
  if (!KernelRuns32Bit(prog)) GTEST_SKIP() << "this kernel refuses 32-bit programs (ENOEXEC)";
  Result native = Shell(kTimeout + prog);
  ASSERT_EQ(native.out, "i386 ok\n");
  std::string ours = TmpPath("i386.ours"), theirs = TmpPath("i386.strace");
  Result traced = Shell(kTimeout + Tracer() + " -o " + ours + " " + prog);
  EXPECT_EQ(traced.status, native.status);
  EXPECT_EQ(traced.out, native.out);
  ASSERT_EQ(Shell(kTimeout + "strace -o " + theirs + " " + prog).status, native.status);
  std::vector<std::string> o = Lines(ours), t = Lines(theirs);
  ASSERT_EQ(o.size(), 3u) << Joined(o);
  ASSERT_FALSE(t.empty());
  EXPECT_EQ(Mask(o[0]), Mask(t[0]));
  EXPECT_NE(o[1].find(notice), std::string::npos) << o[1];
  EXPECT_EQ(o[2], t.back());  // +++ exited with 4 +++

  // On stderr: strace's "[ Process PID=N runs in 32 bit mode. ]".
  Result on_stderr = Shell(kTimeout + Tracer() + " " + prog + " 2>&1 >/dev/null");
  EXPECT_NE(on_stderr.out.find(") = 0\n[ Process PID="), std::string::npos)
      << on_stderr.out;
  EXPECT_NE(on_stderr.out.find(" runs in 32 bit mode. ]\n"), std::string::npos);

  // Exec'd under -f: its execve line with its pid, the notice, its end.
  std::string cmd = "sh -c '" + prog + "; echo status $?'";
  Result native_sh = Shell(kTimeout + cmd);
  Result followed = Shell(kTimeout + Tracer() + " -f -o " + ours + " " + cmd);
  EXPECT_EQ(followed.status, native_sh.status);
  EXPECT_EQ(followed.out, native_sh.out);
  std::vector<Line> f = Parse(ours);
  std::string pid;
  for (auto& l : f)
    if (Name(l.text) == "execve" && l.text.find("i386_hello.bin\", [") != std::string::npos &&
        l.text.size() > 4 && l.text.compare(l.text.size() - 4, 4, " = 0") == 0)
      pid = l.pid;
  ASSERT_NE(pid, "") << Joined(Lines(ours));
  bool said = false, ended = false;
  for (auto& l : f) {
    said = said || (l.text.find("process " + pid + " " + notice) != std::string::npos);
    ended = ended || (l.pid == pid && l.text == "+++ exited with 4 +++");
  }
  EXPECT_TRUE(said) << Joined(Lines(ours));
  EXPECT_TRUE(ended) << Joined(Lines(ours));
  EXPECT_EQ(Joined(Lines(ours)).find("vDSO"), std::string::npos);
}

// --preload and a static program, whose loader takes no LD_PRELOAD: the
// process that execs one leaves our sight at its exec. Its execve line was
// left cut for ever ("<unfinished ...>"), where strace ends it ") = 0";
// now the launcher ends it at the process's end, a notice says in one line
// why its calls are not shown, and its end is strace's "+++ exited with 7
// +++". (Without --preload the image traces such a program whole:
// CheckStatic.)
TEST(ImageView, PreloadEndsTheExecLineOfAProgramItCannotEnter) {
  const std::string prog = Runfile("testdata/image_static");
  const std::string cmd = "sh -c '" + prog + "; echo status $?'";
  Result native = Shell(kTimeout + cmd);
  ASSERT_NE(native.out.find("status 7"), std::string::npos) << native.out;
  std::string ours = TmpPath("preload_static.ours");
  Result traced = Shell(kTimeout + Tracer() + " --preload -f -o " + ours + " " + cmd);
  EXPECT_EQ(traced.status, native.status);
  EXPECT_EQ(traced.out, native.out);
  std::vector<std::string> o = Lines(ours);
  auto ends = [](const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  std::string pid;
  size_t at = 0;
  for (size_t i = 0; i < o.size(); i++)
    if (o[i].find(" execve(\"" + prog + "\", [") != std::string::npos) {
      pid = o[i].substr(0, o[i].find(' '));
      at = i;
    }
  ASSERT_NE(pid, "") << Joined(o);
  bool resumed = ends(o[at], ") = 0");
  bool said = false, exited = false;
  for (size_t i = at + 1; i < o.size(); i++) {
    if (o[i].rfind(pid + " ", 0) != 0 && o[i].find("process " + pid + " ") == std::string::npos)
      continue;
    resumed = resumed || (o[i].find("<... execve resumed>)") != std::string::npos &&
                          ends(o[i], " = 0"));
    said = said || o[i].find("process " + pid + " ran a program the preload cannot enter") !=
                       std::string::npos;
    exited = exited || ends(o[i], " +++ exited with 7 +++");
  }
  EXPECT_TRUE(resumed) << Joined(o);
  EXPECT_TRUE(said) << Joined(o);
  EXPECT_TRUE(exited) << Joined(o);

  // The same when it dies of a signal (any but SIGKILL would have met our
  // catcher in the old image): SIGTERM, sent to itself after a failed
  // exec of its own.
  const std::string chain = Runfile("testdata/image_chain_static");
  const std::string killed_cmd = "sh -c '" + chain + " enoent_end kill; echo status $?'";
  Result native_killed = Shell(kTimeout + killed_cmd);
  ASSERT_NE(native_killed.out.find("status 143"), std::string::npos) << native_killed.out;
  Result traced_killed = Shell(kTimeout + Tracer() + " --preload -f -o " + ours + " " + killed_cmd);
  EXPECT_EQ(traced_killed.out, native_killed.out);
  o = Lines(ours);
  pid = "";
  for (size_t i = 0; i < o.size(); i++)
    if (o[i].find(" execve(\"" + chain + "\", [") != std::string::npos) {
      pid = o[i].substr(0, o[i].find(' '));
      at = i;
    }
  ASSERT_NE(pid, "") << Joined(o);
  resumed = ends(o[at], ") = 0");
  bool killed = false;
  for (size_t i = at + 1; i < o.size(); i++) {
    if (o[i].rfind(pid + " ", 0) != 0) continue;
    resumed = resumed || (o[i].find("<... execve resumed>)") != std::string::npos &&
                          ends(o[i], " = 0"));
    killed = killed || ends(o[i], " +++ killed by SIGTERM +++");
  }
  EXPECT_TRUE(resumed) << Joined(o);
  EXPECT_TRUE(killed) << Joined(o);
}

// 4 and 5. Exec chains: each execve line once, and each exec'd program's
// calls from its first on (the loader's for a dynamic one, the start-up
// of a static one) equal to strace's; output and status native.

// The masked calls of each exec'd program, keyed by its masked execve
// line: from the execve that succeeded to the pid's next successful
// execve or its end. Also counts how often each execve line appears.
std::map<std::string, std::vector<std::string>> Programs(
    const std::vector<Line>& v, std::map<std::string, int>* execs) {
  std::map<std::string, std::vector<std::string>> programs;
  std::map<std::string, std::string> current;  // pid -> its program
  for (auto& l : v) {
    if (Name(l.text).empty()) continue;
    std::string m = Mask(l.text);
    if (Name(l.text) == "execve" && m.size() > 4 &&
        m.compare(m.size() - 4, 4, " = 0") == 0) {
      (*execs)[m]++;
      current[l.pid] = m;
    }
    programs[current[l.pid]].push_back(m);
  }
  return programs;
}

void CheckChain(const std::string& name, const std::string& cmd,
                const std::string& flags, int expected_execs,
                const std::string& pre = "") {
  Runs r = RunAll(name, cmd, flags, pre);
  std::map<std::string, int> ours_execs, theirs_execs;
  auto ours = Programs(r.o, &ours_execs), theirs = Programs(r.t, &theirs_execs);
  EXPECT_EQ(static_cast<int>(theirs_execs.size()), expected_execs) << name << " (strace)";
  EXPECT_EQ(ours_execs, theirs_execs) << name;
  for (auto& [exec, n] : ours_execs) EXPECT_EQ(n, 1) << name << ": " << exec;
  for (auto& [exec, calls] : theirs) {
    if (exec.empty()) continue;  // a vfork child's calls before its exec
    auto& mine = ours[exec];
    EXPECT_EQ(mine, calls) << name << ", the program of " << exec << ": "
                           << FirstDifference(mine, calls);
    // A dynamic program's loader: its calls start with the cache.
    bool is_static =
        exec.rfind("execve(\"" + Runfile("testdata/image_chain_static") + "\"", 0) == 0;
    bool cache = false;
    for (auto& l : mine)
      cache |= l.rfind("openat(AT_FDCWD, \"/etc/ld.so.cache\"", 0) == 0;
    EXPECT_EQ(cache, !is_static) << name << ": " << exec;
  }
}

TEST(ImageExec, ChainsUnderFollowForks) {
  std::string chain = Runfile("testdata/image_chain");
  std::string chain_static = Runfile("testdata/image_chain_static");
  CheckChain("vfork_f", chain + " vfork /bin/echo vforked", "-f", 2);
  CheckChain("spawn_f", chain + " spawn /bin/echo spawned", "-f", 2);
  // Dynamic -> static -> dynamic, in one process.
  CheckChain("exec_chain_f", chain + " exec " + chain_static + " exec /bin/echo chained",
             "-f", 3);
  // Dynamic -vfork-> static -posix_spawn-> dynamic.
  CheckChain("vfork_spawn_f", chain + " vfork " + chain_static + " spawn /bin/echo deep",
             "-f", 3);
}

// What each of two programs of one -f tree shows of the image in its own
// /proc/self/maps: per program, the address of the image file's first
// mapping (its headers and code) and whether a mapping of the session's
// data (the memfd "systrap-image-data") is there too. pre: before the
// tracer's command line.
struct ImageMaps {
  std::vector<std::string> bases;
  std::vector<bool> shared_data;
  std::vector<Line> trace;
};

ImageMaps TwoProgramsMaps(const std::string& name, const std::string& pre) {
  const std::string grep =
      "grep -h -e trace_syscalls.image.so -e systrap-image-data /proc/self/maps";
  std::string out = TmpPath(name + ".ours");
  Result r = Shell(pre + kTimeout + Tracer() + " -f -o " + out + " sh -c '" + grep +
                   "; echo --; " + grep + "; echo --'");
  EXPECT_EQ(r.status, 0) << name;
  ImageMaps m;
  std::string base;
  bool shared = false;
  for (auto& l : SplitLines(r.out)) {
    if (l == "--") {
      m.bases.push_back(base);
      m.shared_data.push_back(shared);
      base.clear();
      shared = false;
    } else if (l.find("systrap-image-data") != std::string::npos) {
      shared = true;
    } else if (base.empty() && l.find(" 00000000 ") != std::string::npos) {
      base = l.substr(0, l.find('-'));
    }
  }
  EXPECT_EQ(m.bases.size(), 2u) << name << ": " << r.out;
  m.trace = Parse(out);
  // Both programs traced: each one's opening of its maps.
  std::set<std::string> readers;
  for (auto& l : m.trace)
    if (Mask(l.text).rfind("openat(AT_FDCWD, \"/proc/self/maps\"", 0) == 0)
      readers.insert(l.pid);
  EXPECT_EQ(readers.size(), 2u) << name;
  return m;
}

// Under -f the launcher relocates its image once for the session: every
// process of the tree gets it at the same base (random per session), its
// writable data private mappings of the one relocated copy; each traced
// as strace traces it.
TEST(ImageExec, FollowedProcessesShareTheSessionsBaseAndData) {
  ImageMaps m = TwoProgramsMaps("session_base", "");
  ASSERT_EQ(m.bases.size(), 2u);
  EXPECT_NE(m.bases[0], "");
  EXPECT_EQ(m.bases[0], m.bases[1]);
  EXPECT_TRUE(m.shared_data[0]);
  EXPECT_TRUE(m.shared_data[1]);
  // Another session, another base (ASLR of the image per session).
  ImageMaps other = TwoProgramsMaps("session_base_other", "");
  ASSERT_EQ(other.bases.size(), 2u);
  EXPECT_NE(other.bases[0], m.bases[0]);
  std::string chain = Runfile("testdata/image_chain");
  std::string chain_static = Runfile("testdata/image_chain_static");
  CheckChain("session_base_f", chain + " vfork " + chain_static + " spawn /bin/echo deep",
             "-f", 3);
}

// A process that has something mapped at the session's base (forced for
// the test by SYSTRAP_TEST_BUSY_BASE: each process gets a page there
// before its image) gets the image where the kernel puts it, relocated
// for there, and is traced all the same, line for line as strace.
TEST(ImageExec, ASessionBaseTakenFallsBackAndTracesAllTheSame) {
  const std::string busy = "SYSTRAP_TEST_BUSY_BASE=1 ";
  ImageMaps m = TwoProgramsMaps("session_busy", busy);
  ASSERT_EQ(m.bases.size(), 2u);
  for (int i = 0; i < 2; i++) {
    EXPECT_NE(m.bases[i], "") << i;
    EXPECT_FALSE(m.shared_data[i]) << i;
  }
  std::string chain = Runfile("testdata/image_chain");
  std::string chain_static = Runfile("testdata/image_chain_static");
  CheckChain("session_busy_f", chain + " vfork " + chain_static + " spawn /bin/echo deep",
             "-f", 3, busy);
}

// A parent that stops and continues each child around the child's exec
// (testdata/stop_around_exec): the launcher holds the child for its exec,
// and the SIGCONT that ends the stop stops it once more for the launcher
// (not a group stop). It was kept stopped there: the run hung.
// A round goes "otherwise" where the child ended before its stop (its 20
// ms sleep outlasted by a parent kept off the CPU: natively too, on a
// loaded machine, once in a full suite's run), so a round or two may go
// so in either run; a child kept stopped would hang the run instead.
TEST(ImageExec, ChildrenStoppedAndContinuedAroundTheirExecGoOn) {
  std::string prog = Runfile("testdata/stop_around_exec") + " 40";
  static const std::regex rounds("^([0-9]+) of 40 rounds otherwise\n$");
  std::smatch m;
  Result native = Shell(kTimeout + prog);
  ASSERT_TRUE(std::regex_match(native.out, m, rounds)) << native.out;
  std::string trace = TmpPath("stop_around_exec.ours");
  Result traced = Shell("timeout -s KILL 60 " + Tracer() + " -f -o " + trace + " " + prog);
  EXPECT_EQ(traced.status, 0);
  ASSERT_TRUE(std::regex_match(traced.out, m, rounds)) << traced.out;
  EXPECT_LE(std::stoi(m[1]), 2) << traced.out;
  EXPECT_EQ(Count(Parse(trace), "+++ exited with 5 +++"), 40);
}

// A vfork or posix_spawn child is in no table of traced processes when it
// execs (its parent registers it when vfork returns, after the exec): the
// launcher puts it there before starting its image. Else, with another
// process's exec served meanwhile (make -j2), its image registered it and
// waited for the launcher, which waited for that image's entry, up to the
// wait's 2-second bound at each such exec (make -j2 of 24 files took 7 s
// instead of 0.8). Two such chains at once, four vfork/spawn execs: each
// line once, output and status native, and no such wait.
TEST(ImageExec, VforkAndSpawnChildrenStartWithoutWaiting) {
  std::string chain = Runfile("testdata/image_chain");
  std::string out = TmpPath("spawned_quickly.ours");
  std::string cmd = "sh -c '" + chain + " spawn " + chain + " vfork /bin/true & " +
                    chain + " vfork " + chain + " spawn /bin/true; wait'";
  Result native = Shell(kTimeout + cmd);
  auto start = std::chrono::steady_clock::now();
  Result ours = Shell(kTimeout + Tracer() + " -f -o " + out + " " + cmd);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(ours.status, native.status);
  EXPECT_EQ(ours.out.size(), native.out.size()) << ours.out;  // (interleaved)
  auto o = Parse(out);
  EXPECT_EQ(Count(o, "execve(\"" + chain + "\""), 4);
  EXPECT_EQ(Count(o, "execve(\"/bin/true\""), 2);
  // One such wait alone is 2 s; the four execs take ~0.1 s.
  EXPECT_LT(seconds, 1.9) << "four vfork/spawn execs under -f";
}

TEST(ImageExec, WithoutFollowForksOnlyTheRootsExecsAreTraced) {
  std::string chain = Runfile("testdata/image_chain");
  std::string chain_static = Runfile("testdata/image_chain_static");
  // A child's exec is not traced, as strace does not trace it; the
  // root's calls are all there (posix_spawn's: see the next test).
  for (const std::string mode : {"vfork", "spawn"}) {
    Runs r = RunAll(mode, chain + " " + mode + " /bin/echo child", "");
    EXPECT_EQ(Count(r.o, "execve(\"/bin/echo\""), 0) << mode;
    EXPECT_EQ(Count(r.t, "execve(\"/bin/echo\""), 0) << mode;
    if (mode == "vfork") {
      EXPECT_EQ(Calls(r.o), Calls(r.t)) << mode << ": " << FirstDifference(Calls(r.o), Calls(r.t));
    }
  }
  // The root's own execs are.
  CheckChain("sh_exec", "sh -c 'exec /bin/echo hi'", "", 2);
  CheckChain("exec_chain", chain + " exec " + chain_static + " exec /bin/echo chained", "", 3);
}

// -T on an execve line is the call's time, as strace's (its entry to the
// stop at its end): the root's (the launcher's child stamps its entry)
// and each followed one's (the old image's entry), both to the launcher's
// stamp of the exec's stop. We showed <0.000000>. Between 1 us and 1 s
// here, as strace's are (a few hundred us).
TEST(ImageExec, ExecveTimeIsTheCallsAsStraceShowsIt) {
  const std::string cmd = " -f -T -e trace=execve -e signal=none sh -c '/bin/true; exec /bin/true'";
  for (const std::string& tool : {Tracer(), std::string("strace")}) {
    SCOPED_TRACE(tool);
    Result r = Shell(tool + cmd + " 2>&1");
    EXPECT_EQ(r.status, 0);
    std::vector<double> times;
    static const std::regex line("execve\\(.*\\) = 0 <([0-9]+\\.[0-9]{6})>");
    std::istringstream in(r.out);
    for (std::string l; std::getline(in, l);) {
      std::smatch m;
      if (std::regex_search(l, m, line)) times.push_back(std::stod(m[1]));
    }
    ASSERT_EQ(times.size(), 3u) << r.out;
    for (double t : times) {
      EXPECT_GE(t, 0.000001) << r.out;
      EXPECT_LT(t, 1.0) << r.out;
    }
  }
}

// A vfork parent waits in its call while the child runs and execs, so
// strace -f always cuts the parent's line: "vfork( <unfinished ...>" (or
// posix_spawn's "clone3({...}, 88 <unfinished ...>"), the child's lines,
// then "<... vfork resumed>) = PID". The parent runs again from the
// child's exec (the kernel lets it go once the new program's memory is in
// place), so its lines can come inside the child's execve line too, which
// strace cuts then: "execve(...) <unfinished ...>", "<... execve
// resumed>) = 0". Before, the parent's line was written whole after the
// child's lines, and the child's execve line only once the new program
// started, after the parent's lines that came meanwhile.
bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

TEST(ImageExec, VforkParentsAndTheirChildsExecAreCutAsStraceCutsThem) {
  std::string chain = Runfile("testdata/image_chain");
  for (const std::string mode : {"vfork", "spawn"}) {
    std::string name = "cut_" + mode;
    RunAll(name, chain + " " + mode + " /bin/echo cut", "-f");
    for (const std::string who : {"ours", "strace"}) {
      std::vector<std::string> v = Lines(TmpPath(name + "." + who));
      ASSERT_FALSE(v.empty()) << name << " " << who;
      std::string parent = v[0].substr(0, v[0].find(' '));
      // The parent's call and its two halves.
      size_t entry = v.size(), resumed = v.size(), child_first = v.size();
      size_t exec_entry = v.size(), exec_end = v.size();
      std::string child;
      for (size_t i = 0; i < v.size(); i++) {
        std::string pid = v[i].substr(0, v[i].find(' '));
        std::string m = Mask(v[i]);
        if (pid == parent && entry == v.size() &&
            (m.rfind("vfork(", 0) == 0 || m.rfind("clone3(", 0) == 0))
          entry = i;
        if (pid == parent && entry < i && resumed == v.size() &&
            m.find(" resumed>) = ") != std::string::npos &&
            (m.rfind("<... vfork ", 0) == 0 || m.rfind("<... clone3 ", 0) == 0))
          resumed = i;
        if (pid != parent && child.empty()) {
          child = pid;
          child_first = i;
        }
        if (pid == child && m.rfind("execve(\"/bin/echo\"", 0) == 0) exec_entry = i;
        if (pid == child && exec_end == v.size() && exec_entry <= i &&
            (m.rfind("<... execve resumed>) = 0", 0) == 0 ||
             (exec_entry == i && m.find(") = 0") != std::string::npos)))
          exec_end = i;
      }
      std::string trace = Joined(v);
      ASSERT_LT(entry, v.size()) << name << " " << who << ":\n" << trace;
      ASSERT_LT(resumed, v.size()) << name << " " << who << ":\n" << trace;
      ASSERT_LT(exec_end, v.size()) << name << " " << who << ":\n" << trace;
      std::string half = Mask(v[entry]);
      EXPECT_TRUE(EndsWith(half, " <unfinished ...>")) << name << " " << who << ": " << half;
      if (mode == "vfork")
        EXPECT_EQ(half, "vfork( <unfinished ...>") << who;
      else
        EXPECT_TRUE(EndsWith(half, "}, 88 <unfinished ...>"))
            << name << " " << who << ": clone3's size is printed at its entry: " << half;
      EXPECT_EQ(std::regex_replace(Mask(v[resumed]), std::regex("= [0-9]+$"), "= PID"),
                std::string("<... ") + (mode == "vfork" ? "vfork" : "clone3") +
                    " resumed>) = PID")
          << name << " " << who;
      // The child's lines come between the parent's halves, its execve's
      // entry among them; its end comes wherever it ended.
      EXPECT_LT(entry, child_first) << name << " " << who << ":\n" << trace;
      EXPECT_LT(exec_entry, resumed) << name << " " << who << ":\n" << trace;
      // A cut execve line: its halves are strace's.
      if (exec_end != exec_entry) {
        std::string e = Mask(v[exec_entry]);
        EXPECT_TRUE(EndsWith(e, " <unfinished ...>")) << name << " " << who << ": " << e;
        EXPECT_EQ(e.find(") = "), std::string::npos) << name << " " << who;
      }
    }
  }
}

// The same calls elsewhere, as strace writes them: with -ff the parent's
// line is whole in its own file (no other line can cut it there); on
// stderr the resumed half carries "[pid N]", the child being counted by
// then, where the entry half, before the child, did not.
TEST(ImageExec, VforkLinesUnderFfAndOnStderrAsStraceWritesThem) {
  std::string chain = Runfile("testdata/image_chain");
  for (const std::string mode : {"vfork", "spawn"}) {
    std::string cmd = chain + " " + mode + " /bin/true";
    std::string call = mode == "vfork" ? "vfork" : "clone3";
    for (const std::string who : {"ours", "strace"}) {
      std::string tracer = who == "ours" ? Tracer() : "strace";
      std::string dir = TmpPath("ffv_" + mode + "_" + who);
      Shell("rm -rf " + dir + " && mkdir -p " + dir);
      Result r = Shell(kTimeout + tracer + " -ff -o " + dir + "/t " + cmd + " >/dev/null");
      EXPECT_EQ(r.status, 0) << who;
      std::string all = Shell("cat " + dir + "/t.*").out;
      EXPECT_EQ(all.find("unfinished"), std::string::npos) << mode << " " << who << ":\n" << all;
      EXPECT_EQ(all.find("resumed"), std::string::npos) << mode << " " << who << ":\n" << all;
      std::regex whole("(^|\n)" + call + "\\(.*\\) += [0-9]+\n");
      EXPECT_TRUE(std::regex_search(all, whole)) << mode << " " << who << ":\n" << all;

      // On one stream, the parent's call is cut by the child's lines while
      // the parent waits for the child's exec: ours always, since the
      // parent's exit comes only after the child's execve was written.
      // strace usually cuts too, but only when its own wait order reaps the
      // child's stop first; where it did not, it wrote the call whole.
      Result e = Shell(kTimeout + tracer + " -f " + cmd + " 2>&1 >/dev/null");
      std::regex resumed("(^|\n)\\[pid +[0-9]+\\] <\\.\\.\\. " + call +
                         " resumed>\\) += [0-9]+\n");
      bool cut = std::regex_search(e.out, resumed);
      if (who == "ours") {
        // Cut always; its resumed half without "[pid N]" only where the
        // child (/bin/true) had ended before the parent ran on (a loaded
        // machine), as strace's count then has it too.
        std::regex late("(^|\n)<\\.\\.\\. " + call + " resumed>\\) += [0-9]+\n");
        EXPECT_TRUE(cut || std::regex_search(e.out, late)) << mode << ":\n" << e.out;
      } else if (!cut) {
        // Or strace wrote the resumed half once the child had ended, when
        // it no longer prefixes (its stderr "Process N attached" may sit
        // inside the entry half).
        std::regex whole_f("(^|\n)(\\[pid +[0-9]+\\] )?" + call + "\\(.*\\) += [0-9]+\n");
        std::regex late("(^|\n)<\\.\\.\\. " + call + " resumed>\\) += [0-9]+\n");
        EXPECT_TRUE(std::regex_search(e.out, whole_f) || std::regex_search(e.out, late))
            << mode << " strace:\n" << e.out;
      }
    }
  }
}

// Without -f, the parent's line of posix_spawn's clone3 (CLONE_VM |
// CLONE_VFORK on a stack of its own) is printed: the child, untraced, runs
// on the parent's state and must not take the parent's pending call.
TEST(ImageExec, SpawnWithoutFollowForksShowsTheParentsClone3) {
  std::string chain = Runfile("testdata/image_chain");
  Runs r = RunAll("spawn_clone3", chain + " spawn /bin/echo child", "");
  EXPECT_EQ(Count(r.o, "clone3({flags=CLONE_VM|CLONE_VFORK"), 1);
  EXPECT_EQ(Calls(r.o), Calls(r.t)) << FirstDifference(Calls(r.o), Calls(r.t));
}

// 5. A failed execve prints as strace prints it, and the process goes on
// traced: its next calls, its next execve and that program's loader.
// A missing file's execve is answered from its lookup; a file that is
// there and cannot run (/dev/null) goes through the launcher, which lets
// the process go again when the kernel refuses it.
TEST(ImageExec, FailedExecThenSuccessfulOne) {
  std::string chain = Runfile("testdata/image_chain");
  struct Kind {
    std::string mode, path, error, said;
  } kinds[] = {
      {"enoent", "/nonexistent/image_chain_missing", "ENOENT (No such file or directory)",
       "write(1, \"first exec: No such file or dire\"..., 38) = 38"},
      {"eacces", "/dev/null", "EACCES (Permission denied)",
       "write(1, \"first exec: Permission denied\\n\", 30) = 30"},
  };
  for (const Kind& k : kinds) {
    for (const std::string flags : {"", "-f"}) {
      std::string name = k.mode + flags;
      CheckChain(name, chain + " " + k.mode + " /bin/echo after", flags, 2);
      auto o = Parse(TmpPath(name + ".ours"));
      std::vector<std::string> calls = Calls(o);
      const std::string failed =
          "execve(\"" + k.path + "\", [\"" + k.path + "\"], 0xADDR /* ";
      size_t i = 0;
      while (i < calls.size() && calls[i].rfind(failed, 0) != 0) i++;
      ASSERT_LT(i, calls.size()) << name << ": no failed execve line";
      EXPECT_NE(calls[i].find(" vars */) = -1 " + k.error), std::string::npos) << calls[i];
      ASSERT_LT(i + 2, calls.size()) << name;
      EXPECT_EQ(calls[i + 1], k.said) << name;
      EXPECT_EQ(calls[i + 2].rfind("execve(\"/bin/echo\", [\"/bin/echo\", \"after\"]", 0), 0u)
          << name;
      EXPECT_EQ(Count(o, "write(1, \"after\\n\", 6) = 6"), 1) << name;
    }
  }
}

// The masked execve and execveat lines of a trace.
std::vector<std::string> ExecLines(const std::vector<Line>& v) {
  std::vector<std::string> out;
  for (auto& l : v) {
    std::string n = Name(l.text);
    if (n == "execve" || n == "execveat") out.push_back(Mask(l.text));
  }
  return out;
}

// An execve whose path's lookup finds no file cannot run anything: it is
// answered from that lookup, with the error the kernel's execve gives
// (which looks its file up first), without a request to the launcher.
// Each error as natively, each line as strace prints it, with and without
// -f; and the execs whose lookup finds a file (or that the kernel refuses
// first) still go to the kernel, with its errors.
TEST(ImageExec, ExecsThatFindNoFileFailAsTheKernelFailsThem) {
  std::string prog = Runfile("testdata/exec_lookup") + " errors " + TmpDir();
  for (const std::string flags : {"", "-f"}) {
    Runs r = RunAll("exec_lookup" + flags, prog, flags);
    EXPECT_NE(r.native.out.find("missing: ENOENT\n"), std::string::npos) << r.native.out;
    EXPECT_NE(r.native.out.find("under a file: ENOTDIR\n"), std::string::npos);
    EXPECT_NE(r.native.out.find("loop: ELOOP\n"), std::string::npos);
    EXPECT_NE(r.native.out.find("path too long: ENAMETOOLONG\n"), std::string::npos);
    EXPECT_NE(r.native.out.find("not a regular file: EACCES\n"), std::string::npos);
    EXPECT_NE(r.native.out.find("bad path: EFAULT\n"), std::string::npos);
    std::vector<std::string> ours = ExecLines(r.o), theirs = ExecLines(r.t);
    EXPECT_EQ(ours.size(), 15u) << Joined(ours);
    // The path of 4,999 bytes: strace shows PATH_MAX of them, we fewer
    // (a call's entry half holds 4 KiB: docs/DESIGN.md, known limits),
    // cut as strace cuts, the line whole.
    const std::string too_long = "execve(\"aaaaaaaa";
    const std::string rest =
        "\"..., [\"exec_lookup_target\"], 0xADDR /* 0 vars */) = -1 ENAMETOOLONG (File name too long)";
    for (auto* v : {&ours, &theirs}) {
      for (size_t i = 0; i < v->size(); i++) {
        std::string& l = (*v)[i];
        if (l.rfind(too_long, 0) != 0) continue;
        EXPECT_EQ(l.substr(l.size() - std::min(l.size(), rest.size())), rest) << l;
        v->erase(v->begin() + (long)i);
        break;
      }
    }
    EXPECT_EQ(ours, theirs) << FirstDifference(ours, theirs);
  }
}

// The same lookups with the launcher stopped: none waits for it (each
// used to wait for its answer, up to 10 s, then run untraced).
TEST(ImageExec, ExecsThatFindNoFileDoNotWaitForTheLauncher) {
  std::string prog = Runfile("testdata/exec_lookup") + " stopped " + TmpDir();
  for (const std::string flags : {"", "-f"}) {
    std::string trace = TmpPath("exec_lookup_stopped" + flags);
    Result r = Shell(kTimeout + Tracer() + " " + flags + " -o " + trace + " " + prog);
    EXPECT_EQ(r.status, 0) << flags;
    EXPECT_NE(r.out.find("missing: ENOENT\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("no exec waited for the launcher\n"), std::string::npos) << r.out;
    EXPECT_EQ(Count(Parse(trace), "execve(\"/nonexistent/exec_lookup_missing\""), 1) << flags;
  }
}

// Where a seccomp filter may refuse an execve with an error of its own
// (installed by the program, or before the exec that started it), or a
// tracer it asked for (PTRACE_TRACEME) may refuse it at its entry, the
// kernel answers: as natively (the tracer's case: a review's finding).
// (A change of user, which may leave the process over its RLIMIT_NPROC,
// needs a user the sandbox does not map: trace_pipeline_test's
// AnExecAfterAUserChangeIsTheKernelsToAnswer.)
TEST(ImageExec, ExecsUnderAFilterOrATracerAreTheKernelsToAnswer) {
  std::string prog = Runfile("testdata/exec_lookup");
  for (const std::string flags : {"", "-f"}) {
    Runs f = RunAll("exec_lookup_filtered" + flags, prog + " filtered", flags);
    EXPECT_EQ(f.native.out, "filtered: EPERM\nfiltered since before the exec: EPERM\n");
    std::vector<std::string> ours = ExecLines(f.o), theirs = ExecLines(f.t);
    EXPECT_EQ(ours.size(), 4u) << Joined(ours);
    EXPECT_EQ(ours, theirs) << FirstDifference(ours, theirs);
    std::string trace = TmpPath("exec_lookup_traced" + flags);
    Result native = Shell(kTimeout + prog + " traced");
    Result traced = Shell(kTimeout + Tracer() + " " + flags + " -o " + trace + " " + prog +
                          " traced");
    EXPECT_EQ(native.out, "traced: EPERM\n");
    EXPECT_EQ(traced.out, native.out) << flags;
    EXPECT_EQ(traced.status, native.status) << flags;
  }
}

// A process that ends right after a failed execve, while the launcher may
// still be letting go of it: the launcher's wait for that stop took the
// exit status, and systrap-trace waited for its child for ever. Now the
// trace ends as strace's does and the status is the program's, under -f
// or not, for the root and for a child's exec'd program.
TEST(ImageExec, EndRightAfterAFailedExec) {
  const std::string quick = "timeout -s KILL 60 ";
  std::string chain = Runfile("testdata/image_chain");
  struct Case {
    std::string name, args, end;
    int status;
  };
  // Both kinds of failed exec: a missing file's (answered from its
  // lookup) and one the launcher was asked to follow (/dev/null).
  std::vector<Case> cases = {
      {"exit", "enoent_end exit", "+++ exited with 7 +++", 7},
      {"kill", "enoent_end kill", "+++ killed by SIGTERM +++", 128 + SIGTERM},
      {"eacces_exit", "eacces_end exit", "+++ exited with 7 +++", 7},
      {"eacces_kill", "eacces_end kill", "+++ killed by SIGTERM +++", 128 + SIGTERM},
  };
  for (const std::string flags : {"", "-f"}) {
    for (auto& c : cases) {
      std::string name = "end_" + c.name + flags;
      std::string trace = TmpPath(name + ".ours");
      std::string cmd = chain + " " + c.args + " >/dev/null";
      // Several runs: the race is lost only when the program is quicker.
      for (int run = 0; run < 5; run++) {
        Result traced = Shell(quick + Tracer() + " " + flags + " -o " + trace + " " + cmd);
        ASSERT_EQ(traced.status, c.status) << name << " run " << run << ": " << traced.out;
        std::vector<std::string> lines = Lines(trace);
        ASSERT_FALSE(lines.empty()) << name;
        EXPECT_NE(lines.back().find(c.end), std::string::npos) << name << ": " << lines.back();
        const char* failed = c.args.rfind("eacces", 0) == 0
                                 ? "execve(\"/dev/null\""
                                 : "execve(\"/nonexistent/image_chain_missing\"";
        EXPECT_EQ(Count(Parse(trace), failed), 1) << name;
      }
    }
    // A child's program that does the same: its parent (the root) sees
    // its status, and the launcher its end.
    std::string name = "end_child" + flags;
    std::string trace = TmpPath(name + ".ours");
    for (const char* mode : {" enoent_end exit", " eacces_end exit"}) {
      Result native = Shell(quick + chain + " vfork " + chain + mode);
      Result traced = Shell(quick + Tracer() + " " + flags + " -o " + trace + " " + chain +
                            " vfork " + chain + mode);
      EXPECT_EQ(traced.out, native.out) << name << mode;
      EXPECT_EQ(traced.status, native.status) << name << mode;
      EXPECT_NE(native.out.find("child exited 7\n"), std::string::npos) << native.out;
    }
  }
}

// A shell's command not found under -f: its vfork child's execve fails
// and the child exits 127 at once, while the launcher, which followed that
// exec, may still hold it under ptrace and so takes its exit status. The
// launcher said that end before the child's own lines had been taken from
// the ring: the end came twice, the first before the child's execve line
// (in half the runs here). Each process's end is said once, as its last
// line, as strace says it.
// The same for a command that is there and cannot run (/dev/null: its
// execve goes through the launcher; a missing one's no longer does).
TEST(ImageExec, CommandNotFoundEndsOnceAfterItsLines) {
  const std::string missing =
      "sh -c './systrap_missing_1 2>/dev/null; ./systrap_missing_2 "
      "2>/dev/null; ./systrap_missing_3 2>/dev/null; true'";
  const std::string cannot_run =
      "sh -c '/dev/null 2>/dev/null; /dev/null 2>/dev/null; /dev/null "
      "2>/dev/null; true'";
  for (int run = 0; run < 6; run++) {
    SCOPED_TRACE(run);
    const std::string& script = run % 2 ? cannot_run : missing;
    const std::string exec_of = run % 2 ? " execve(\"/dev/null\"" : " execve(\"./systrap_missing_";
    std::string trace = TmpPath("not_found.ours");
    Result r = Shell(Tracer() + " -f -o " + trace + " " + script);
    EXPECT_EQ(r.status, 0) << r.out;
    std::string text = Read(trace);
    std::vector<std::string> lines = SplitLines(text);
    std::map<std::string, int> ends;
    std::map<std::string, size_t> last, end_at;
    int failed_execs = 0;
    for (size_t i = 0; i < lines.size(); i++) {
      std::string pid = lines[i].substr(0, lines[i].find(' '));
      last[pid] = i;
      if (lines[i].find(" +++ exited with ") != std::string::npos)
        ends[pid]++, end_at[pid] = i;
      failed_execs += lines[i].find(exec_of) != std::string::npos;
    }
    ASSERT_EQ(ends.size(), 4u) << text;
    for (auto& [pid, n] : ends) {
      EXPECT_EQ(n, 1) << pid << "\n" << text;
      EXPECT_EQ(end_at[pid], last[pid]) << pid << "\n" << text;
    }
    EXPECT_EQ(failed_execs, 3) << text;
  }
}

// A vfork child that ends with exit (its one thread's), not exit_group, as
// Go's child does after a failed exec: its end is said once, as strace
// says it (the child said it, and the launcher said it again).
TEST(ImageExec, VforkChildThatExitsEndsOnce) {
  std::string prog = Runfile("testdata/trace_ends") + " vfork-exits";
  std::string ours = TmpPath("vfork_exits.ours"), theirs = TmpPath("vfork_exits.strace");
  Result r = Shell(Tracer() + " -f -o " + ours + " " + prog);
  Result s = Shell("strace -f -o " + theirs + " " + prog);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "three ended\n");
  EXPECT_EQ(s.status, 0);
  auto ends = [](const std::string& path) {
    std::map<std::string, int> n;
    for (auto& l : SplitLines(Read(path)))
      if (l.find(" +++ exited with 253 +++") != std::string::npos)
        n[l.substr(0, l.find(' '))]++;
    return n;
  };
  std::map<std::string, int> o = ends(ours), t = ends(theirs);
  EXPECT_EQ(o.size(), 3u) << Read(ours);
  EXPECT_EQ(t.size(), 3u) << Read(theirs);
  for (auto& [pid, n] : o) EXPECT_EQ(n, 1) << pid << "\n" << Read(ours);
}

// 6. A process that is already ptraced when it execs: the launcher cannot
// attach, says so in one line of the trace, and the new program runs
// natively with the preload.
TEST(ImageExec, AlreadyPtracedProcessExecsWithThePreload) {
  const std::regex notice("^.*/systrap-trace: process [0-9]+ execs with the preload: .+");
  struct Case {
    std::string name, cmd;
  };
  std::vector<Case> cases = {{"under_strace", "strace -f -o /dev/null /bin/echo hi"}};
  if (Shell("command -v gdb >/dev/null").status == 0)
    cases.push_back({"under_gdb", "gdb -q -nx -batch -ex run --args /bin/echo hi 2>&1"});
  for (auto& c : cases) {
    std::string trace = TmpPath(c.name + ".ours");
    Result native = Shell(kTimeout + c.cmd);
    Result traced = Shell(kTimeout + Tracer() + " -f -o " + trace + " " + c.cmd);
    static const std::regex digits("[0-9]+");
    EXPECT_EQ(std::regex_replace(traced.out, digits, "N"),
              std::regex_replace(native.out, digits, "N"))
        << c.name;
    EXPECT_EQ(traced.status, native.status) << c.name;
    EXPECT_NE(native.out.find("hi\n"), std::string::npos) << c.name;
    int notices = 0;
    for (auto& l : Lines(trace)) notices += std::regex_match(l, notice);
    EXPECT_EQ(notices, 1) << c.name;
    // The preload traced the new program from its constructors on.
    EXPECT_EQ(Count(Parse(trace), "write(1, \"hi\\n\", 3) = 3"), 1) << c.name;
  }
}

// Lazy instrumenting (docs/DESIGN.md, "Instrumenting on first use"): a
// program started at an exec has libc's code patched a page at a time, as
// calls are first made from it, until a thread is made or a budget of
// calls is spent. testdata/lazy_pages prints how much of libc's code it
// has had written (patched pages are private and dirty).
struct LazyRun {
  int status = -1;
  long kb = -1;           // libc_code_dirty_kb
  long ld_so_kb = -1;     // ld_so_code_dirty_kb
  long vdso_kb = -1;      // vdso_code_dirty_kb
  std::vector<Line> trace;
  std::string out;
};

LazyRun RunLazyPages(const std::string& how, const std::string& env,
                     const std::string& tracer) {
  LazyRun r;
  std::string path = TmpPath("lazy_" + how + ".trace");
  std::string prog = Runfile("testdata/lazy_pages") + " " + how;
  Result res = Shell(kTimeout + "env " + env + " " + tracer + " -o " + path + " " + prog);
  r.status = res.status;
  r.out = res.out;
  static const std::regex kb("libc_code_dirty_kb=([0-9]+)");
  std::smatch m;
  if (std::regex_search(res.out, m, kb)) r.kb = std::stol(m[1].str());
  static const std::regex ld_so_kb("ld_so_code_dirty_kb=([0-9]+)");
  if (std::regex_search(res.out, m, ld_so_kb)) r.ld_so_kb = std::stol(m[1].str());
  static const std::regex vdso_kb("vdso_code_dirty_kb=([0-9]+)");
  if (std::regex_search(res.out, m, vdso_kb)) r.vdso_kb = std::stol(m[1].str());
  r.trace = Parse(path);
  return r;
}

// The calls of a run of lazy_pages that do not depend on how its smaps
// reads are cut (the number of mappings differs under a tracer) nor on
// what it printed: masked, without read(3, ...) and write(1, ...).
std::vector<std::string> StableCalls(const std::vector<Line>& v) {
  std::vector<std::string> out;
  for (auto& c : Calls(v))
    if (c.rfind("read(3, ", 0) && c.rfind("write(1, ", 0)) out.push_back(c);
  return out;
}

// lazy_pages run lazily (`lazy_env`), eagerly and under strace, with -f:
// each as natively (status 0), eagerly most of libc's code written.
struct LazyRuns {
  LazyRun lazy, eager, theirs;
};

LazyRuns RunThreeWays(const std::string& how,
                      const std::string& lazy_env = "SYSTRAP_LAZY_UNSET=1") {
  LazyRuns r{RunLazyPages(how, lazy_env, Tracer() + " -f"),
             RunLazyPages(how, "SYSTRAP_LAZY=0", Tracer() + " -f"),
             RunLazyPages(how, "X=1", "strace -f")};
  EXPECT_EQ(r.lazy.status, 0) << how << ": " << r.lazy.out;
  EXPECT_EQ(r.eager.status, 0) << how << ": " << r.eager.out;
  EXPECT_EQ(r.theirs.status, 0) << how << ": " << r.theirs.out;
  // Eagerly, every page of libc's code that holds a site (about 60 here).
  EXPECT_GE(r.eager.kb, 100) << how;
  EXPECT_EQ(r.theirs.kb, 0) << how;
  return r;
}

TEST(ImageLazy, OnlyThePagesCallsComeFromArePatchedAndEveryCallIsTraced) {
  LazyRuns r = RunThreeWays("plain");
  // Lazily, the few pages this program's calls came from.
  EXPECT_GT(r.lazy.kb, 0);
  EXPECT_LE(r.lazy.kb * 5, r.eager.kb) << "lazy " << r.lazy.kb << " kB, eager " << r.eager.kb << " kB";
  // The dynamic loader, a page at a time too: its calls come from a few
  // of the pages that hold its sites, and only those are written (a
  // page's first call before the plan is read is only noted); eagerly,
  // every one.
  EXPECT_GT(r.eager.ld_so_kb, 0);
  EXPECT_GT(r.lazy.ld_so_kb, 0);
  EXPECT_LE(r.lazy.ld_so_kb * 2, r.eager.ld_so_kb)
      << "lazy " << r.lazy.ld_so_kb << " kB, eager " << r.eager.ld_so_kb << " kB";
  // The vDSO, whose syscalls are fallbacks this program never reaches:
  // patched eagerly, untouched lazily.
  EXPECT_GT(r.eager.vdso_kb, 0);
  EXPECT_EQ(r.lazy.vdso_kb, 0);
  auto l = StableCalls(r.lazy.trace), e = StableCalls(r.eager.trace), t = StableCalls(r.theirs.trace);
  ASSERT_GT(t.size(), 30u);
  EXPECT_EQ(l, t) << FirstDifference(l, t);
  EXPECT_EQ(e, t) << FirstDifference(e, t);
}

TEST(ImageLazy, AThreadEndsItWithEveryPagePatchedBeforeTheThreadRuns) {
  LazyRuns r = RunThreeWays("thread");
  EXPECT_EQ(r.lazy.kb, r.eager.kb);
  // The thread's getppid and the main thread's, as strace has them.
  EXPECT_EQ(Count(r.lazy.trace, "getppid() = PID"), 2);
  EXPECT_EQ(Count(r.lazy.trace, "getppid() = PID"), Count(r.theirs.trace, "getppid() = PID"));
  EXPECT_EQ(Count(r.lazy.trace, "clone3("), Count(r.theirs.trace, "clone3("));
}

TEST(ImageLazy, ABudgetOfCallsEndsIt) {
  LazyRuns r = RunThreeWays("plain", "SYSTRAP_LAZY=3");
  EXPECT_EQ(r.lazy.kb, r.eager.kb);
  auto l = StableCalls(r.lazy.trace), t = StableCalls(r.theirs.trace);
  EXPECT_EQ(l, t) << FirstDifference(l, t);
}

TEST(ImageLazy, AForkChildPatchesThePagesItUsesInItsOwnCopy) {
  LazyRuns r = RunThreeWays("fork");
  EXPECT_LE(r.lazy.kb * 4, r.eager.kb);
  // The child's uname (from a page nothing called before the fork), the
  // parent's, and every other call, as strace has them.
  EXPECT_EQ(Count(r.lazy.trace, "uname("), 2);
  EXPECT_EQ(Count(r.lazy.trace, "uname("), Count(r.theirs.trace, "uname("));
  auto l = StableCalls(r.lazy.trace), t = StableCalls(r.theirs.trace);
  std::sort(l.begin(), l.end());
  std::sort(t.begin(), t.end());
  EXPECT_EQ(l, t);
}

// Calls from the vDSO's syscall fallback (clock_gettime of a clock it has
// no fast path for): each traced as strace traces it, the first lazily
// through dispatch, and the vDSO patched at the second, as eagerly.
TEST(ImageLazy, TheVdsosFallbackCallsAreTracedAndItIsPatchedWhenCalled) {
  LazyRuns r = RunThreeWays("vdso");
  EXPECT_EQ(Count(r.theirs.trace, "clock_gettime("), 5);
  EXPECT_EQ(Count(r.lazy.trace, "clock_gettime("), 5);
  EXPECT_EQ(Count(r.eager.trace, "clock_gettime("), 5);
  EXPECT_GT(r.eager.vdso_kb, 0);
  EXPECT_EQ(r.lazy.vdso_kb, r.eager.vdso_kb);
}

// A budget spent inside a posix_spawn child (a vfork: our memory, its own
// task): the parent, asleep and still armed, must not see its calls
// twice (each handler's rt_sigreturn was traced twice: 20 for 10).
TEST(ImageLazy, ABudgetSpentInASpawnChildLeavesTheParentTracedOnce) {
  for (const std::string budget : {"SYSTRAP_LAZY=40", "SYSTRAP_LAZY=60", "SYSTRAP_LAZY=100"}) {
    LazyRuns r = RunThreeWays("spawn", budget);
    EXPECT_NE(r.lazy.out.find("handled=10\n"), std::string::npos) << budget << r.lazy.out;
    EXPECT_EQ(Count(r.theirs.trace, "rt_sigreturn("), 10) << budget;
    EXPECT_EQ(Count(r.lazy.trace, "rt_sigreturn("), 10) << budget;
    EXPECT_EQ(Count(r.eager.trace, "rt_sigreturn("), 10) << budget;
  }
}

}  // namespace
