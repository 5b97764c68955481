// Where the trace goes and how it ends (issue 16): the launcher decides the
// destination once, keeps every line a traced process wrote however it
// died, waits for every traced process, and exits as the program did. Each
// case runs natively, under systrap-trace and under strace: the program's
// output and status must not change, and the trace must say what strace's
// says.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <regex>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "tools/trace/test_support.h"

namespace {

using namespace trace_test;

const std::string kTracer = TracerCommand();
const std::string kProg = Runfile("testdata/trace_ends");

// Runs a shell command in the test's temporary directory.
Result ShellInTmp(const std::string& cmd) {
  return Shell("cd '" + TmpDir() + "' && " + cmd);
}

// A line as both tracers print it, without pids, addresses and padding.
std::string Normalise(std::string l) {
  static const std::regex pid("^(\\[pid +)?[0-9]+\\]? +");
  static const std::regex hex("0x[0-9a-f]+");
  static const std::regex num("= [0-9]+$");
  static const std::regex spaces(" +");
  l = std::regex_replace(l, pid, "");
  l = std::regex_replace(l, hex, "0xADDR");
  l = std::regex_replace(l, num, "= N");
  l = std::regex_replace(l, spaces, " ");
  return l;
}

std::vector<std::string> Tail(const std::vector<std::string>& v, size_t n) {
  std::vector<std::string> t;
  for (size_t i = v.size() > n ? v.size() - n : 0; i < v.size(); i++)
    t.push_back(Normalise(v[i]));
  return t;
}

// Lines holding needle, padding aside.
size_t Count(const std::vector<std::string>& v, const std::string& needle) {
  static const std::regex spaces(" +");
  std::string want = std::regex_replace(needle, spaces, " ");
  size_t n = 0;
  for (auto& l : v)
    if (std::regex_replace(l, spaces, " ").find(want) != std::string::npos) n++;
  return n;
}

// Completed calls of name: whole lines, and the resumed halves of calls
// another process's line split (`name( <unfinished ...>` then
// `<... name resumed>`), as strace and we print when lines interleave.
size_t CountCalls(const std::vector<std::string>& v, const std::string& name) {
  size_t n = 0;
  for (auto& l : v) {
    if (l.find("<... " + name + " resumed>") != std::string::npos)
      n++;
    else if ((l.rfind(name + "(", 0) == 0 ||
              l.find(" " + name + "(") != std::string::npos) &&
             l.find("<unfinished ...>") == std::string::npos)
      n++;
  }
  return n;
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (auto& l : v) s += l + "\n";
  return s;
}

// The same command natively, under systrap-trace and under strace, the
// traces to files; returns the two traces' lines.
struct Three {
  Result native, ours, theirs;
  std::vector<std::string> ours_trace, theirs_trace;
};

Three RunThree(const std::string& name, const std::string& flags,
               const std::string& prog, const std::string& pre = "") {
  Three t;
  std::string o = TmpPath(name + ".systrap"), s = TmpPath(name + ".strace");
  t.native = ShellInTmp(pre + prog);
  t.ours = ShellInTmp(pre + kTracer + " " + flags + " -o " + o + " -- " + prog);
  t.theirs = ShellInTmp(pre + "strace " + flags + " -o " + s + " -- " + prog);
  t.ours_trace = SplitLines(Read(o));
  t.theirs_trace = SplitLines(Read(s));
  return t;
}

// A relative -o names a file in the directory systrap-trace started in,
// whatever directory the program then execs in (strace opens it once).
TEST(TracePipeline, RelativeOutputStaysWhereItWasNamed) {
  for (const char* flags : {"", "-f"}) {
    std::string dir = TmpPath(std::string("rel") + (*flags ? "_f" : ""));
    ASSERT_EQ(ShellInTmp("rm -rf '" + dir + "' && mkdir -p '" + dir + "/sub'").status, 0);
    std::ofstream(dir + "/sub/rel.trace") << "unrelated\n";
    Result r = ShellInTmp("cd '" + dir + "' && " + kTracer + " " + flags +
                     " -o rel.trace bash -c 'cd sub && exec /bin/echo hi'");
    EXPECT_EQ(r.out, "hi\n");
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(Read(dir + "/sub/rel.trace"), "unrelated\n") << flags;
    auto lines = SplitLines(Read(dir + "/rel.trace"));
    EXPECT_EQ(Count(lines, "write(1, \"hi\\n\", 3)"), 1u) << Join(lines);
    EXPECT_EQ(Count(lines, "chdir("), 1u) << Join(lines);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(Normalise(lines.back()), "+++ exited with 0 +++");
  }
}

// The trace on stderr is systrap-trace's stderr: a child that sends its
// own stderr elsewhere is still traced, as under strace.
TEST(TracePipeline, ChildWithStderrRedirectedIsStillTraced) {
  std::string cmd = " -f sh -c 'ls /nonexistent-pipeline 2>/dev/null; echo done'";
  Result ours = ShellInTmp(kTracer + cmd + " 2>ours.err");
  Result theirs = ShellInTmp("strace" + cmd + " 2>theirs.err");
  Result native = ShellInTmp("sh -c 'ls /nonexistent-pipeline 2>/dev/null; echo done'");
  EXPECT_EQ(ours.out, native.out);
  EXPECT_EQ(ours.status, native.status);
  auto o = SplitLines(Read(TmpPath("ours.err")));
  auto t = SplitLines(Read(TmpPath("theirs.err")));
  // ls's failed look-up and its exit status, in both traces.
  const std::string look = "\"/nonexistent-pipeline\", ";
  EXPECT_GE(Count(t, look), 1u) << Join(t);
  EXPECT_EQ(Count(o, look), Count(t, look)) << Join(o);
  EXPECT_EQ(Count(o, "+++ exited with 2 +++"), 1u) << Join(o);
  EXPECT_EQ(Count(t, "+++ exited with 2 +++"), 1u) << Join(t);
}

// -o '|CMD' pipes the trace to a shell command, as strace does.
TEST(TracePipeline, OutputToACommand) {
  std::string prog = "/bin/echo piped";
  Result ours = ShellInTmp(kTracer + " -o '|cat >ours.piped' " + prog);
  Result theirs = ShellInTmp("strace -o '|cat >theirs.piped' " + prog);
  EXPECT_EQ(ours.out, "piped\n");
  EXPECT_EQ(ours.status, 0);
  EXPECT_EQ(theirs.status, 0);
  // The command has finished when systrap-trace returns.
  auto o = SplitLines(Read(TmpPath("ours.piped")));
  auto t = SplitLines(Read(TmpPath("theirs.piped")));
  ASSERT_FALSE(o.empty());
  EXPECT_EQ(Tail(o, 3), Tail(t, 3)) << Join(o);
  EXPECT_EQ(Count(o, "write(1, \"piped\\n\", 6) = 6"), 1u) << Join(o);
  // And '!CMD' is the same.
  Result bang = ShellInTmp(kTracer + " -o '!cat >bang.piped' " + prog);
  EXPECT_EQ(bang.status, 0);
  EXPECT_EQ(Tail(SplitLines(Read(TmpPath("bang.piped"))), 3), Tail(t, 3));
}

// Runs cmd with sh, waits for the pid it writes into pidfile (no time
// limit: the test's own timeout is the limit), kills that process with
// SIGKILL from outside once it waits in pause(), and returns how cmd
// ended.
Result RunAndKill(const std::string& cmd, const std::string& pidfile, int sig = SIGKILL) {
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd.c_str(), (char*)nullptr);
    _exit(127);
  }
  struct stat st;
  while (stat(pidfile.c_str(), &st)) usleep(10000);
  int victim = atoi(Read(pidfile).c_str());
  // Killed once it waits in pause(): strace shows its last call whole.
  std::string in_call = "/proc/" + std::to_string(victim) + "/syscall";
  for (int i = 0; i < 500 && Read(in_call).rfind(
                                 std::to_string(SYS_pause) + " ", 0) != 0;
       i++)
    usleep(10000);
  kill(victim, sig);
  int status;
  waitpid(pid, &status, 0);
  Result r;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

// Killed from outside after 200 calls: every call is in the trace, then
// "+++ killed by SIGKILL +++", and systrap-trace dies of SIGKILL too.
TEST(TracePipeline, KilledBySigkillKeepsEveryLine) {
  auto run = [](const std::string& tracer, const std::string& name) {
    std::string pidfile = TmpPath(name + ".pid"), trace = TmpPath(name + ".trace");
    unlink(pidfile.c_str());
    std::string cmd = (tracer.empty() ? "" : tracer + " -o " + trace + " ") +
                      kProg + " kill-me " + pidfile;
    Result r = RunAndKill(cmd, pidfile);
    r.out = Read(trace);
    return r;
  };
  Result native = run("", "kill_native");
  Result ours = run(kTracer, "kill_ours");
  Result theirs = run("strace", "kill_strace");
  EXPECT_EQ(native.status, 128 + SIGKILL);
  EXPECT_EQ(ours.status, native.status);
  EXPECT_EQ(theirs.status, native.status);
  auto o = SplitLines(ours.out), t = SplitLines(theirs.out);
  EXPECT_EQ(CountCalls(o, "getppid"), 200u) << Join(o);
  EXPECT_EQ(CountCalls(t, "getppid"), 200u) << Join(t);
  // (The line before names our pid files, which differ.)
  EXPECT_EQ(Tail(o, 2), Tail(t, 2)) << Join(Tail(o, 2));
  ASSERT_FALSE(o.empty());
  EXPECT_EQ(o.back(), "+++ killed by SIGKILL +++");
}

// -ff: the ends of a process's threads, each in its own file, as strace -ff
// writes them: each file's last two lines, and the lines around the first
// thread's "+++ superseded by execve" where another thread made the exec.
// Numbers of three digits or more (pids, addresses) are masked, and the
// count of variables (--preload's are in the program's environment).
static std::string Masked(const std::string& line) {
  static const std::regex hex("0x[0-9a-f]+"), num("[0-9]{3,}"), vars("/\\* [0-9]+ vars \\*/");
  return std::regex_replace(
      std::regex_replace(std::regex_replace(line, hex, "X"), vars, "/* V vars */"), num, "N");
}

static std::vector<std::string> FileEnds(const std::string& dir) {
  std::vector<std::string> ends;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    auto lines = SplitLines(Read(e.path().string()));
    for (size_t i = lines.size() < 2 ? 0 : lines.size() - 2; i < lines.size(); i++)
      ends.push_back(Masked(lines[i]));
    for (size_t i = 1; i + 1 < lines.size(); i++)
      if (lines[i].rfind("+++ superseded by execve", 0) == 0)
        for (size_t k = i - 1; k <= i + 1; k++) ends.push_back("around: " + Masked(lines[k]));
  }
  std::sort(ends.begin(), ends.end());
  return ends;
}

// Killed from outside (SIGKILL: no handler of ours runs) under -f while two
// threads wait in read, after a third thread came and went: strace -f says
// "+++ killed by SIGKILL +++" of each thread still there, the first's last.
// We said it of the first only, since the process could not say it. After
// an exec among the threads, only of the one thread the exec left. With
// -ff, each in its thread's own file.
TEST(TracePipeline, ThreadsKilledFromOutsideAreSaidAsStraceSays) {
  static const std::regex killed("^([0-9]+) +\\+\\+\\+ killed by SIGKILL \\+\\+\\+$"),
      exited("^([0-9]+) +\\+\\+\\+ exited with 0 \\+\\+\\+$"),
      started("^[0-9]+ +.*clone.* = ([0-9]+)$"),
      resumed("^([0-9]+) +<\\.\\.\\. read resumed> <unfinished \\.\\.\\.>\\) = \\?$");
  // The tids of the lines matching re, in order.
  auto tids = [](const std::vector<std::string>& v, const std::regex& re) {
    std::vector<int> t;
    std::smatch m;
    for (auto& l : v)
      if (std::regex_match(l, m, re)) t.push_back(std::stoi(m[1]));
    return t;
  };
  // resumed: "<... read resumed> <unfinished ...>) = ?" lines: of the
  // killed threads, or (after an exec among threads) of those it ended.
  struct Case {
    const char* mode;
    size_t killed, exited, resumed;
  } cases[] = {{"kill-me-while-threads-wait", 3, 1, 2},
               {"exec-kill-me-while-threads-wait", 1, 2, 2}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.mode);
    auto run = [&](const std::string& tracer, const std::string& name, int* victim) {
      std::string pidfile = TmpPath(name + ".pid"), trace = TmpPath(name + ".trace");
      unlink(pidfile.c_str());
      Result r = RunAndKill(tracer + " -f -o " + trace + " " + kProg + " " + c.mode + " " + pidfile,
                            pidfile);
      *victim = atoi(Read(pidfile).c_str());
      r.out = Read(trace);
      return r;
    };
    int our_pid = 0, their_pid = 0;
    Result ours = run(kTracer, "threads_kill_ours", &our_pid);
    Result theirs = run("strace", "threads_kill_strace", &their_pid);
    EXPECT_EQ(ours.status, 128 + SIGKILL);
    EXPECT_EQ(theirs.status, ours.status);
    auto o = SplitLines(ours.out), t = SplitLines(theirs.out);
    std::vector<int> ok = tids(o, killed), tk = tids(t, killed);
    EXPECT_EQ(ok.size(), c.killed) << Join(o);
    EXPECT_EQ(tk.size(), c.killed) << Join(t);
    EXPECT_EQ(tids(o, exited).size(), c.exited) << Join(o);
    EXPECT_EQ(tids(t, exited).size(), c.exited) << Join(t);
    // The reads the killed threads waited in, which other lines cut,
    // resumed "= ?", as strace -f ends them: one per thread, before the
    // killed lines.
    std::vector<int> ro = tids(o, resumed), rt = tids(t, resumed);
    EXPECT_EQ(ro.size(), c.resumed) << Join(o);
    EXPECT_EQ(rt.size(), c.resumed) << Join(t);
    if (c.killed > 1 && !ok.empty()) {
      std::sort(ro.begin(), ro.end());
      std::vector<int> killed_threads(ok.begin(), ok.end() - 1);
      std::sort(killed_threads.begin(), killed_threads.end());
      EXPECT_EQ(ro, killed_threads) << Join(o);
      size_t last_resumed = 0, first_killed = o.size();
      for (size_t i = 0; i < o.size(); i++) {
        if (std::regex_match(o[i], resumed)) last_resumed = i;
        if (std::regex_match(o[i], killed) && i < first_killed) first_killed = i;
      }
      EXPECT_LT(last_resumed, first_killed) << Join(o);
    }
    // The first thread's last; the others are threads it started that
    // did not exit.
    ASSERT_FALSE(o.empty());
    EXPECT_EQ(tids({o.back()}, killed), std::vector<int>{our_pid}) << o.back();
    std::vector<int> made = tids(o, started), gone = tids(o, exited);
    for (size_t i = 0; i + 1 < ok.size(); i++) {
      EXPECT_NE(ok[i], our_pid);
      EXPECT_NE(std::find(made.begin(), made.end(), ok[i]), made.end()) << ok[i] << "\n" << Join(o);
      EXPECT_EQ(std::find(gone.begin(), gone.end(), ok[i]), gone.end()) << ok[i] << "\n" << Join(o);
    }
  }
  // -ff: each thread's file ends with its own killed line.
  auto files_killed = [](const std::string& tracer, const std::string& name) {
    std::string dir = TmpPath(name), pidfile = TmpPath(name + ".pid");
    Shell("rm -rf '" + dir + "' && mkdir '" + dir + "'");
    unlink(pidfile.c_str());
    RunAndKill(tracer + " -f -ff -o " + dir + "/t " + kProg + " kill-me-while-threads-wait " +
                   pidfile,
               pidfile);
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      auto lines = SplitLines(Read(e.path().string()));
      n += !lines.empty() && lines.back() == "+++ killed by SIGKILL +++";
    }
    return n;
  };
  EXPECT_EQ(files_killed(kTracer, "threads_kill_ff.systrap"), 3);
  EXPECT_EQ(files_killed("strace", "threads_kill_ff.strace"), 3);
  // And above each killed line, the call the thread was in, as strace -ff
  // shows it ("read(3,  <unfinished ...>) = ?", "pause()  = ?").
  EXPECT_EQ(FileEnds(TmpPath("threads_kill_ff.systrap")),
            FileEnds(TmpPath("threads_kill_ff.strace")));
  // A thread other than the first made an exec among threads, then the
  // new image was killed: the thread that made the exec is not said
  // killed (its file ends with its execve line); the others exited at
  // the exec, the first thread's file ends with the new image's kill.
  auto ff_ends = [](const std::string& tracer, const std::string& name) {
    std::string dir = TmpPath(name), pidfile = TmpPath(name + ".pid");
    Shell("rm -rf '" + dir + "' && mkdir '" + dir + "'");
    unlink(pidfile.c_str());
    RunAndKill(tracer + " -ff -o " + dir + "/t " + kProg +
                   " thread-exec-kill-me-while-threads-wait " + pidfile,
               pidfile);
    return FileEnds(dir);
  };
  std::vector<std::string> ours = ff_ends(kTracer, "thread_exec_kill_ff.systrap"),
                           theirs = ff_ends("strace", "thread_exec_kill_ff.strace");
  EXPECT_EQ(ours, theirs) << "ours:\n" << Join(ours) << "\nstrace:\n" << Join(theirs);
  EXPECT_EQ(std::count(ours.begin(), ours.end(), "+++ killed by SIGKILL +++"), 1) << Join(ours);
}

// A thread waiting in read when an exec (by the first thread, or by another
// while the first waits in pause) ends it: "read(3,  <unfinished ...>) = ?"
// and "+++ exited with 0 +++" in its file, the execve line in the file of the
// thread that made it ("<pid changed to N ...>"), and the first thread's
// "pause()  = ?" before "+++ superseded by execve in pid N +++". Before, the
// reads were missing, the exited lines too, and the execve line went into
// the first thread's file, inside its open "pause(" line.
TEST(TracePipeline, ExecAmongThreadsEndsEachFileAsStraceFfDoes) {
  for (const char* mode : {"exec-while-threads-wait", "thread-execs-while-threads-wait"}) {
    SCOPED_TRACE(mode);
    auto run = [&](const std::string& tracer, const std::string& name) {
      std::string dir = TmpPath(name);
      Shell("rm -rf '" + dir + "' && mkdir '" + dir + "'");
      Result r = Shell(tracer + " -ff -o " + dir + "/t " + kProg + " " + mode + " > /dev/null");
      EXPECT_EQ(r.status, 0) << r.out;
      return FileEnds(dir);
    };
    std::vector<std::string> ours = run(kTracer, std::string("exec_ff_ours_") + mode),
                             theirs = run("strace", std::string("exec_ff_strace_") + mode);
    EXPECT_EQ(ours, theirs) << "ours:\n" << Join(ours) << "\nstrace:\n" << Join(theirs);
    EXPECT_EQ(std::count(ours.begin(), ours.end(), "read(3,  <unfinished ...>)              = ?"), 2)
        << Join(ours);
  }
}

// Why a program hangs, as strace -f shows it: a child waiting in a read on
// a pipe has its line in the trace while it waits ("PID read(4, "),
// not only once the read returns. cat reads a FIFO that this test keeps
// open for writing and feeds only once the line is there (or 20 s went
// by), so nothing depends on timing but the bound. Before, under -f a
// read or write was written whole at its end whenever several processes
// wrote the trace: a child blocked in a read showed nothing.
TEST(TracePipeline, ChildWaitingInAReadShowsItWhileItWaits) {
  for (const std::string& tracer : {kTracer, std::string("strace")}) {
    SCOPED_TRACE(tracer);
    std::string fifo = TmpPath("waiting_read.fifo"), trace = TmpPath("waiting_read.trace");
    unlink(fifo.c_str());
    unlink(trace.c_str());
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    // A writer, so that cat's open does not wait; not inherited, so that
    // cat sees the end once it is closed.
    int w = open(fifo.c_str(), O_RDWR | O_CLOEXEC);
    ASSERT_GE(w, 0);
    pid_t pid = StartShell(tracer + " -f -o " + trace + " sh -c 'cat " + fifo +
                           " > /dev/null; true'");
    // Its entry half, open, or cut by a line of the shell's that came
    // after it (the shell's vfork, ended once cat had begun: seen once in
    // CI under load; strace cuts it the same way when its lines come so).
    static const std::regex waiting("^[0-9]+ +read\\([0-9]+, *( <unfinished \\.\\.\\.>)?$");
    // A read after cat's open of the FIFO: an earlier read's entry half
    // (the loader's of libc, a tracer that writes at entry) is no sign
    // that cat waits, and the writer closed before cat opened the FIFO
    // left cat's open waiting for ever (seen under load).
    bool seen = false;
    for (int i = 0; i < 2000 && !seen; i++) {
      bool opened = false;
      for (const auto& l : Lines(trace)) {
        opened = opened || l.find("waiting_read.fifo\", O_RDONLY") != std::string::npos;
        seen = seen || (opened && std::regex_match(l, waiting));
      }
      if (!seen) usleep(10000);
    }
    EXPECT_TRUE(seen) << Read(trace);
    ASSERT_EQ(write(w, "x\n", 2), 2);
    close(w);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    // Then the read's end, once: the open line completed (nothing came
    // between), or its resumed line (where it was cut).
    static const std::regex done(
        "^[0-9]+ +(read\\([0-9]+, |<\\.\\.\\. read resumed>)\"x\\\\n\", [0-9]+\\) += 2$");
    int ended = 0;
    for (const auto& l : Lines(trace)) ended += std::regex_match(l, done);
    EXPECT_EQ(ended, 1) << Read(trace);
    unlink(fifo.c_str());
  }
}

// Killed by its own fault: the last calls and "+++ killed by SIGSEGV +++",
// whether the fault is the first one or one in the SIGSEGV handler.
TEST(TracePipeline, KilledBySigsegvKeepsItsLastLines) {
  for (const char* mode : {"segv", "segv-in-handler"}) {
    for (const char* flags : {"", "-f"}) {
      std::string name = std::string(mode) + (*flags ? "_f" : "");
      Three r = RunThree(name, flags, kProg + " " + mode, "ulimit -c 0; ");
      EXPECT_EQ(r.native.status, 128 + SIGSEGV) << name;
      EXPECT_EQ(r.ours.status, r.native.status) << name;
      EXPECT_EQ(r.theirs.status, r.native.status) << name;
      EXPECT_EQ(Count(r.ours_trace, "getppid()"),
                Count(r.theirs_trace, "getppid()"))
          << name;
      // A fault in the SIGSEGV handler is delivered by the kernel to no
      // handler (SIGSEGV is blocked there): strace sees it as a second
      // "--- SIGSEGV" line, an in-process tracer cannot (DESIGN.md,
      // Known limits). Every line before it, and the end, are the same.
      auto theirs = r.theirs_trace;
      if (std::string(mode) == "segv-in-handler" && theirs.size() > 2 &&
          theirs[theirs.size() - 2].find("--- SIGSEGV") != std::string::npos)
        theirs.erase(theirs.end() - 2);
      EXPECT_EQ(Tail(r.ours_trace, 4), Tail(theirs, 4))
          << name << "\n" << Join(Tail(r.ours_trace, 4));
    }
  }
}

// With -f, a child that outlives the program is traced to its end, and
// systrap-trace returns after it, as strace does.
TEST(TracePipeline, DescendantOutlivingTheRootIsTracedToItsEnd) {
  Three r = RunThree("outlive", "-f", kProg + " outlive");
  EXPECT_EQ(r.ours.out, r.native.out);
  EXPECT_EQ(r.ours.status, r.native.status);
  for (auto* t : {&r.ours_trace, &r.theirs_trace}) {
    EXPECT_EQ(Count(*t, "write(1, \"child done\\n\", 11) = 11"), 1u) << Join(*t);
    EXPECT_EQ(Count(*t, "+++ exited with 5 +++"), 1u) << Join(*t);
    EXPECT_EQ(Count(*t, "+++ exited with 0 +++"), 1u) << Join(*t);
  }
  ASSERT_FALSE(r.ours_trace.empty());
  EXPECT_EQ(Normalise(r.ours_trace.back()), "+++ exited with 5 +++");
}

// With -f, how a descendant that is not our child ended, where it could
// not say so itself: exactly one "+++ killed by SIGxxx +++" under its pid,
// before the line of its parent's wait that returns its pid, as strace -f
// prints them. Returns "" when so, else what differs.
std::string ChildEndAsStrace(const std::vector<std::string>& trace,
                             const std::string& sig) {
  static const std::regex killed("^([0-9]+) +\\+\\+\\+ killed by (SIG[A-Z]+) \\+\\+\\+$");
  int child = 0;
  size_t at = 0, n = 0;
  for (size_t i = 0; i < trace.size(); i++) {
    std::smatch m;
    if (!std::regex_match(trace[i], m, killed)) continue;
    if (m[2] != sig) return "killed by " + std::string(m[2]);
    child = std::stoi(m[1]);
    at = i;
    n++;
  }
  if (n != 1) return std::to_string(n) + " killed lines";
  // The parent's wait4 or waitid returning it (waitid returns 0: its line
  // names the pid in the siginfo).
  std::regex reaped("^([0-9]+) +.*(wait4|waitid).*(= " + std::to_string(child) +
                    "$|si_pid=" + std::to_string(child) + "[,}])");
  for (size_t i = 0; i < trace.size(); i++) {
    std::smatch m;
    if (std::regex_search(trace[i], m, reaped) && std::stoi(m[1]) != child)
      return i > at ? "" : "reaped before its end line";
  }
  return "no wait returns " + std::to_string(child);
}

// The killed process's last line before its "+++ killed by" line, numbers
// masked.
std::string BeforeKilled(const std::vector<std::string>& trace) {
  static const std::regex num("[0-9]+");
  static const std::regex spaces(" +");
  // The killed process's own line: another's may come between (strace
  // printed the parent's rt_sigprocmask there once).
  auto pid_of = [](const std::string& l) { return l.substr(0, l.find(' ')); };
  for (size_t i = 1; i < trace.size(); i++)
    if (trace[i].find("+++ killed by") != std::string::npos)
      for (size_t j = i; j-- > 0;)
        if (pid_of(trace[j]) == pid_of(trace[i]))
          return std::regex_replace(std::regex_replace(trace[j], num, "N"),
                                    spaces, " ");
  return "";
}

// A child killed from outside by SIGKILL, reaped by its traced parent with
// wait4 or waitid.
TEST(TracePipeline, DescendantKilledFromOutsideIsSaidAsStraceSays) {
  for (const char* how : {"wait4", "waitid"}) {
    SCOPED_TRACE(how);
    auto run = [&](const std::string& tracer, const std::string& name) {
      std::string pidfile = TmpPath(name + ".pid"),
                  trace = TmpPath(name + ".trace");
      unlink(pidfile.c_str());
      std::string cmd = (tracer.empty() ? "" : tracer + " -f -o " + trace + " ") +
                        kProg + " kill-my-child " + how + " " + pidfile +
                        " > " + TmpPath(name + ".out");
      Result r = RunAndKill(cmd, pidfile);
      r.out = Read(TmpPath(name + ".out"));
      return std::make_pair(r, SplitLines(Read(trace)));
    };
    auto native = run("", "kc_native");
    auto ours = run(kTracer, "kc_ours");
    auto theirs = run("strace", "kc_strace");
    EXPECT_EQ(native.first.out, "child killed by 9\n");
    EXPECT_EQ(ours.first.out, native.first.out);
    EXPECT_EQ(ours.first.status, native.first.status);
    EXPECT_EQ(theirs.first.status, native.first.status);
    EXPECT_EQ(ChildEndAsStrace(theirs.second, "SIGKILL"), "") << Join(theirs.second);
    EXPECT_EQ(ChildEndAsStrace(ours.second, "SIGKILL"), "") << Join(ours.second);
    EXPECT_EQ(CountCalls(ours.second, "getppid"), 200u) << Join(ours.second);
  }
}

// -c's table rows (-o's file): syscall -> "calls errors".
std::map<std::string, std::string> SummaryRows(const std::string& text) {
  static const std::regex row("^ *[0-9.]+ +[0-9.]+ +[0-9]+ +([0-9]+) +([0-9]+ +)?([a-z_0-9]+)$");
  std::map<std::string, std::string> rows;
  std::smatch m;
  for (const std::string& l : SplitLines(text))
    if (std::regex_match(l, m, row))
      rows[m[3]] = m[1].str() + " " + (m[2].matched ? std::regex_replace(m[2].str(), std::regex(" +"), "") : "0");
  return rows;
}

// -c and -C when a traced process dies of SIGKILL from outside (kill -9,
// timeout -s KILL, the OOM killer), which no handler of ours sees: the
// table is printed as strace prints it, with every call the process (its
// threads, a killed child) made. The calls a thread's spin made
// (sched_yield) and a join's futex depend on timing; with --preload the loader's calls are
// not ours to count, so only the program's own rows are compared there.
std::map<std::string, std::string> ComparableSummaryRows(const std::string& text) {
  const char* mode = getenv("SYSTRAP_TEST_MODE");
  const bool preload = mode && std::string(mode) == "preload";
  static const std::set<std::string> own = {"getppid", "rename",  "write", "clone3",
                                            "pipe2",   "gettid",  "wait4", "clone",
                                            "pause",   "clock_nanosleep"};
  auto rows = SummaryRows(text);
  // A thread's spin, and pthread_join's wait (none if the thread ended
  // first), go by timing.
  rows.erase("sched_yield");
  rows.erase("futex");
  rows.erase("total");  // theirs in it
  // So do the spin's looks at /proc/TID/stat, an openat, a read and a
  // close each: read and close are counted beyond openat, which is left
  // out (its errors kept).
  auto calls = [&](const std::string& name) {
    auto it = rows.find(name);
    return it == rows.end() ? 0 : std::stoi(it->second);
  };
  auto errors = [&](const std::string& name) {
    auto it = rows.find(name);
    return it == rows.end() ? std::string("0") : it->second.substr(it->second.find(' ') + 1);
  };
  if (rows.count("openat")) {
    int opens = calls("openat");
    for (const char* name : {"read", "close"})
      rows[name] = std::to_string(calls(name) - opens) + " " + errors(name);
    rows["openat"] = "- " + errors("openat");
  }
  if (preload)
    for (auto it = rows.begin(); it != rows.end();)
      it = own.count(it->first) ? std::next(it) : rows.erase(it);
  return rows;
}

TEST(TracePipeline, SummaryCountsTheCallsOfAProcessKilledBySigkill) {
  struct Case {
    const char* flags;
    std::string args;
    int status;
  } cases[] = {{"-c", "kill-me", 128 + SIGKILL},
               {"-C", "kill-me", 128 + SIGKILL},
               {"-f -c", "kill-me-while-threads-wait", 128 + SIGKILL},
               {"-f -c", "kill-my-child wait4", 0}};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.flags) + " " + c.args);
    auto run = [&](const std::string& tracer, const std::string& name) {
      std::string pidfile = TmpPath(name + ".pid"), trace = TmpPath(name + ".trace");
      unlink(pidfile.c_str());
      unlink(trace.c_str());
      Result r = RunAndKill(tracer + " " + c.flags + " -o " + trace + " " + kProg + " " +
                                c.args + " " + pidfile + " > /dev/null",
                            pidfile);
      EXPECT_EQ(r.status, c.status) << tracer;
      return std::make_pair(ComparableSummaryRows(Read(trace)), Read(trace));
    };
    auto ours = run(kTracer, "sk_ours");
    auto theirs = run("strace", "sk_strace");
    // What the comparison turns on: the killed process's 200 calls.
    ASSERT_TRUE(theirs.first.count("getppid")) << theirs.second;
    EXPECT_GE(std::stoi(theirs.first["getppid"]), 200) << theirs.second;
    EXPECT_EQ(ours.first, theirs.first) << ours.second << "\n---\n" << theirs.second;
  }
}

// -f -c, 1100 children one after another, each killed by its parent with
// SIGKILL after 10 calls: more than the 1024 count sets in the ring, so the
// sets the killed children left are added up and taken back as others
// need them (trace_count_sets.h). The parent's polls of /proc vary in
// number: the children's rows and the parent's own are compared.
TEST(TracePipeline, SummaryCountsMoreKilledChildrenThanCountSets) {
  Three r = RunThree("killed_children_c", "-f -c", kProg + " kill-my-children 1100");
  EXPECT_EQ(r.native.status, 0);
  EXPECT_EQ(r.ours.status, 0);
  auto rows_of = [](const std::vector<std::string>& trace) {
    auto rows = SummaryRows(Join(trace));
    std::map<std::string, std::string> kept;
    for (const char* name : {"getppid", "write", "clone", "kill", "wait4"})
      kept[name] = rows.count(name) ? rows[name] : "none";
    return kept;
  };
  auto theirs = rows_of(r.theirs_trace);
  EXPECT_EQ(theirs["getppid"], "11000 0") << Join(r.theirs_trace);
  EXPECT_EQ(rows_of(r.ours_trace), theirs) << Join(r.ours_trace);
}

// -f: a child killed before it made a call of its own was followed all
// the same: strace says "Process N attached" (on stderr) and how it ended,
// under its pid; so do we, with and without -c.
TEST(TracePipeline, ChildKilledBeforeItsFirstCallIsSaidAttached) {
  for (const char* flags : {"-f", "-f -c"}) {
    SCOPED_TRACE(flags);
    auto run = [&](const std::string& tool) {
      Result r = ShellInTmp(tool + " " + flags + " " + kProg + " kill-my-new-child 2>&1");
      EXPECT_EQ(r.status, 0) << tool;
      static const std::regex attached("Process ([0-9]+) attached");
      std::vector<std::string> pids;
      std::smatch m;
      for (const std::string& l : SplitLines(r.out))
        if (std::regex_search(l, m, attached)) pids.push_back(m[1]);
      EXPECT_EQ(pids.size(), 1u) << r.out;
      if (!pids.empty() && std::string(flags) == "-f") {
        char killed[64];
        snprintf(killed, sizeof killed, "[pid %5s] +++ killed by SIGKILL +++", pids[0].c_str());
        EXPECT_NE(r.out.find(killed), std::string::npos) << r.out;
      }
      return pids.size();
    };
    EXPECT_EQ(run(kTracer), run("strace"));
  }
}

// -f -c: strace prints the table once its last tracee has ended; so do
// we, with the calls of a child that outlived the program.
TEST(TracePipeline, SummaryCountsADescendantThatOutlivedTheRoot) {
  for (const char* flags : {"-f -c", "-f -C"}) {
    SCOPED_TRACE(flags);
    Three r = RunThree("outlive_c", flags, kProg + " outlive");
    EXPECT_EQ(r.ours.status, r.native.status);
    auto ours = ComparableSummaryRows(Join(r.ours_trace));
    auto theirs = ComparableSummaryRows(Join(r.theirs_trace));
    ASSERT_TRUE(theirs.count("getppid")) << Join(r.theirs_trace);
    EXPECT_EQ(theirs["getppid"], "3 0");
    EXPECT_EQ(ours, theirs) << Join(r.ours_trace) << "\n---\n" << Join(r.theirs_trace);
  }
}

// What is wrong with victim's end in a -f trace: "" when it has exactly
// one "+++ killed by SIGKILL +++" and no line of its after that.
std::string KilledOnceAfterItsLines(const std::vector<std::string>& trace, int victim) {
  std::string pid = std::to_string(victim);
  std::regex killed("^" + pid + " +\\+\\+\\+ killed by SIGKILL \\+\\+\\+$");
  size_t n = 0, last = 0;
  for (size_t i = 0; i < trace.size(); i++)
    if (std::regex_match(trace[i], killed)) n++, last = i;
  if (n != 1) return std::to_string(n) + " killed lines";
  for (size_t i = last + 1; i < trace.size(); i++)
    if (trace[i].rfind(pid + " ", 0) == 0) return "after its end: " + trace[i];
  return "";
}

// A thread waiting in futex (every argument printed at its entry) when its
// process is killed from outside: "<... futex resumed>) = ?", without the
// " <unfinished ...>" of a call with more to print, as strace -f ends it.
TEST(TracePipeline, KilledWhileAThreadLocksEndsItsFutexAsStrace) {
  auto ends = [](const std::string& tracer, const std::string& name) {
    std::string pidfile = TmpPath(name + ".pid"), trace = TmpPath(name + ".trace");
    unlink(pidfile.c_str());
    Result r = RunAndKill(tracer + " -f -o " + trace + " " + kProg +
                              " kill-me-while-a-thread-locks " + pidfile,
                          pidfile);
    EXPECT_EQ(r.status, 128 + SIGKILL);
    // The first thread's pause is "pause() = ?" or, where strace saw
    // the other thread's end first, "<... pause resumed>) = ?".
    std::vector<std::string> last;
    for (auto& l : Tail(SplitLines(Read(trace)), 4))
      if (l.find("pause") == std::string::npos) last.push_back(l);
    std::sort(last.begin(), last.end());
    return last;
  };
  auto ours = ends(kTracer, "locks_ours");
  EXPECT_EQ(ours, ends("strace", "locks_strace"));
  EXPECT_NE(std::find(ours.begin(), ours.end(), "<... futex resumed>) = ?"), ours.end())
      << Join(ours);
}

// Killed (SIGKILL from its child: no handler of ours runs) while it waits in
// a call: the call's line ends "= ?" as strace ends it, " <unfinished ...>"
// before it only where strace's decoder had work left for the exit (read's
// buffer), not after a call printed whole at entry: "write(4, \"\\0..."...,
// 100000) = ?", "accept(6, NULL, NULL) = ?" (strace prints a NULL
// address at entry). We wrote "write(4, ..., 100000 <unfinished ...>) = ?"
// without -f and in -ff's files (a line its writer held open was judged
// by its last byte), and "accept(6,  <unfinished ...>) = ?". Each call
// alone and with -ff (the killed process's file).
TEST(TracePipeline, KilledInACallEndsItsLineAsStraceDoes) {
  auto ends = [](const std::string& tracer, const std::string& flags, const std::string& call,
                 const std::string& name) {
    std::string out = TmpPath(name);
    bool per_file = !flags.empty();
    Shell("rm -rf '" + out + "'" + (per_file ? " && mkdir '" + out + "'" : ""));
    Result r = Shell(tracer + " " + flags + " -o " + (per_file ? out + "/t" : out) + " " + kProg +
                     " killed-in " + call);
    EXPECT_EQ(r.status, 128 + SIGKILL) << tracer << " " << flags << " " << call;
    std::string file = out;
    if (per_file)
      for (const auto& e : std::filesystem::directory_iterator(out))
        if (Read(e.path().string()).find("+++ killed by SIGKILL +++") != std::string::npos)
          file = e.path().string();
    std::vector<std::string> last;
    for (auto& l : Tail(SplitLines(Read(file)), 2)) last.push_back(Masked(l));
    return last;
  };
  // Each call, and whether strace's decoder had work left for its exit.
  const std::map<std::string, bool> calls = {
      {"write", false},  {"writev", false},        {"sendto", false}, {"accept", false},
      {"accept4", false}, {"rt_sigsuspend", false}, {"read", true},
  };
  for (const auto& [call, cut] : calls)
    for (const std::string flags : {"", "-ff"}) {
      SCOPED_TRACE(call + " " + flags);
      auto ours = ends(kTracer, flags, call, "killed_in_ours");
      auto theirs = ends("strace", flags, call, "killed_in_strace");
      EXPECT_EQ(ours, theirs);
      ASSERT_EQ(ours.size(), 2u);
      EXPECT_EQ(ours[0].rfind(call + "(", 0), 0u) << ours[0];
      EXPECT_EQ(ours[0].find("<unfinished ...>") != std::string::npos, cut) << ours[0];
      if (call.rfind("accept", 0) == 0) {
        EXPECT_NE(ours[0].find(", NULL, NULL"), std::string::npos) << ours[0];
      }
      EXPECT_EQ(ours[1], "+++ killed by SIGKILL +++");
    }
}

// -f: a thread waits in accept (accept4) with a NULL address while another
// thread's lines come: strace prints the NULL address and its length at
// entry (it has no length to fetch), so the split comes after every
// argument, "accept(3, NULL, NULL <unfinished ...>" then "<... accept
// resumed>) = 5"; we split it after the fd, "accept(3,  <unfinished ...>"
// then "<... accept resumed>NULL, NULL) = 5".
TEST(TracePipeline, AcceptWithoutAnAddressIsSplitWhereStraceSplitsIt) {
  for (const std::string call : {"accept", "accept4"}) {
    SCOPED_TRACE(call);
    auto lines = [&](const std::string& tracer, const std::string& name) {
      std::string out = TmpPath(name);
      Result r = Shell(tracer + " -f -o " + out + " " + kProg + " accept-while-another-calls " +
                       call);
      EXPECT_EQ(r.status, 0) << tracer;
      std::vector<std::string> mine;
      for (auto& l : SplitLines(Read(out)))
        if (l.find(call + "(") != std::string::npos ||
            l.find("<... " + call + " resumed>") != std::string::npos)
          mine.push_back(Normalise(l));
      return mine;
    };
    auto ours = lines(kTracer, "accept_split_ours");
    auto theirs = lines("strace", "accept_split_strace");
    EXPECT_EQ(ours, theirs);
    ASSERT_EQ(ours.size(), 2u) << Join(ours);
    EXPECT_NE(ours[0].find(", NULL, NULL"), std::string::npos) << ours[0];
    EXPECT_EQ(ours[1], "<... " + call + " resumed>) = N");
  }
}

// -e status=unfinished: the calls that never return. strace stages each
// line whole and, when a process is killed from outside (SIGKILL: no
// handler of ours runs), writes the calls its threads were in, "read(3,
// <unfinished ...>) = ?", with the killed lines. We wrote only the killed
// line of the first thread: a status filter kept every line of the waiting
// calls (and of the threads) from the launcher. Alone, under -f and -ff;
// and a filter that shows none of a thread's calls (-Z) still lets every
// thread's killed line be said. With -ff, a SIGTERM whose default action
// our catcher ran left the other threads' files without their end.
TEST(TracePipeline, KilledUnderStatusUnfinishedShowsTheCallsItWasIn) {
  auto run = [](const std::string& tracer, const std::string& flags, const std::string& mode,
                const std::string& name, int sig = SIGKILL) {
    std::string pidfile = TmpPath(name + ".pid"), out = TmpPath(name);
    bool per_file = flags.find("-ff") != std::string::npos;
    Shell("rm -rf '" + out + "'" + (per_file ? " && mkdir '" + out + "'" : ""));
    unlink(pidfile.c_str());
    Result r = RunAndKill(tracer + " " + flags + " -o " + (per_file ? out + "/t" : out) + " " +
                              kProg + " " + mode + " " + pidfile,
                          pidfile, sig);
    EXPECT_EQ(r.status, 128 + sig) << tracer << " " << flags;
    return out;
  };
  const std::string unfinished = "-e status=unfinished";
  // One process, killed in pause(): the same two lines.
  std::string alone_ours = run(kTracer, unfinished, "kill-me", "unfinished_alone_ours");
  std::string alone_strace = run("strace", unfinished, "kill-me", "unfinished_alone_strace");
  EXPECT_EQ(Tail(SplitLines(Read(alone_ours)), 2), Tail(SplitLines(Read(alone_strace)), 2));
  auto alone = Tail(SplitLines(Read(alone_ours)), 2);
  ASSERT_EQ(alone.size(), 2u);
  EXPECT_TRUE(std::regex_match(alone[0], std::regex("^pause\\(\\) += \\?$"))) << alone[0];
  // -f, two threads waiting in read: each read "= ?" before its thread's
  // killed line, and a killed line for every thread, as strace has them.
  static const std::regex read_line("^([0-9]+) +read\\(3,  <unfinished \\.\\.\\.>\\) += \\?$"),
      killed("^([0-9]+) +\\+\\+\\+ killed by SIGKILL \\+\\+\\+$");
  auto lines_of = [](const std::vector<std::string>& v, const std::regex& re) {
    std::vector<std::pair<size_t, int>> at;  // line index, tid
    std::smatch m;
    for (size_t i = 0; i < v.size(); i++)
      if (std::regex_match(v[i], m, re)) at.push_back({i, std::stoi(m[1])});
    return at;
  };
  const std::string threads = "kill-me-while-threads-wait";
  auto o = SplitLines(Read(run(kTracer, "-f " + unfinished, threads, "unfinished_f_ours")));
  auto t = SplitLines(Read(run("strace", "-f " + unfinished, threads, "unfinished_f_strace")));
  auto reads_o = lines_of(o, read_line), reads_t = lines_of(t, read_line);
  auto killed_o = lines_of(o, killed), killed_t = lines_of(t, killed);
  EXPECT_EQ(reads_o.size(), 2u) << Join(o);
  EXPECT_EQ(reads_t.size(), 2u) << Join(t);
  EXPECT_EQ(killed_o.size(), 3u) << Join(o);
  // strace itself once (session 42, a full suite) said no end for the
  // main thread, killed in its pause: the oracle's own race, not ours.
  EXPECT_GE(killed_t.size(), 2u) << Join(t);
  for (auto& [at, tid] : reads_o) {
    auto k = std::find_if(killed_o.begin(), killed_o.end(),
                          [&](const std::pair<size_t, int>& x) { return x.second == tid; });
    ASSERT_NE(k, killed_o.end()) << tid << "\n" << Join(o);
    EXPECT_LT(at, k->first) << Join(o);
  }
  // The first thread's pause, once, before its killed line (the last).
  static const std::regex pause_line("^([0-9]+) +pause\\(\\) += \\?$");
  auto pauses = lines_of(o, pause_line);
  ASSERT_EQ(pauses.size(), 1u) << Join(o);
  ASSERT_FALSE(killed_o.empty());
  EXPECT_EQ(pauses[0].second, killed_o.back().second) << Join(o);
  EXPECT_LT(pauses[0].first, killed_o.back().first) << Join(o);
  // A read a signal interrupted and SA_RESTART restarted is pending again
  // (strace shows it "= ?" at the kill, as any other).
  auto r = SplitLines(Read(run(kTracer, "-f " + unfinished, "kill-me-in-a-restarted-read",
                               "unfinished_restart_ours")));
  auto rt = SplitLines(Read(run("strace", "-f " + unfinished, "kill-me-in-a-restarted-read",
                                "unfinished_restart_strace")));
  EXPECT_EQ(lines_of(r, read_line).size(), 1u) << Join(r);
  EXPECT_EQ(lines_of(rt, read_line).size(), 1u) << Join(rt);
  // -Z: no line of the waiting threads is shown, yet each is said killed.
  auto z = SplitLines(Read(run(kTracer, "-f -Z", threads, "unfinished_z_ours")));
  auto zt = SplitLines(Read(run("strace", "-f -Z", threads, "unfinished_z_strace")));
  EXPECT_EQ(lines_of(z, killed).size(), 3u) << Join(z);
  EXPECT_EQ(lines_of(zt, killed).size(), 3u) << Join(zt);
  // -ff: each thread's file ends as strace's does ("read(3,  <unfinished
  // ...>) = ?" or "pause() = ?", then its killed line), killed by SIGKILL
  // or by a SIGTERM our catcher saw, with and without the filter.
  struct Case {
    std::string flags;
    int sig;
  } cases[] = {{"-f -ff " + unfinished, SIGKILL},
               {"-f -ff " + unfinished, SIGTERM},
               {"-f -ff", SIGTERM},
               {"-f -ff -Z", SIGTERM}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.flags + " " + std::to_string(c.sig));
    EXPECT_EQ(FileEnds(run(kTracer, c.flags, threads, "unfinished_ff_ours", c.sig)),
              FileEnds(run("strace", c.flags, threads, "unfinished_ff_strace", c.sig)));
  }
  // -ff, the process's own exit_group while two threads wait: each file
  // ends as strace's under the filters too (they had no file at all).
  for (const std::string flags : {"-e status=unfinished", "-Z"}) {
    SCOPED_TRACE(flags);
    // (-Z: the loader's failed access is the first thread's last line,
    // which --preload never sees.)
    if (flags == "-Z" && kTracer.find("--preload") != std::string::npos) continue;
    auto ends = [&](const std::string& tracer, const std::string& name) {
      std::string dir = TmpPath(name);
      Shell("rm -rf '" + dir + "' && mkdir '" + dir + "'");
      EXPECT_EQ(Shell(tracer + " -f -ff " + flags + " -o " + dir + "/t " + kProg +
                      " exit-while-threads-wait >/dev/null")
                    .status,
                4);
      return FileEnds(dir);
    };
    EXPECT_EQ(ends(kTracer, "unfinished_exit_ours"), ends("strace", "unfinished_exit_strace"));
  }
}

// A descendant killed from outside that no traced wait reaps: the kernel
// reaps it (its parent ignores SIGCHLD), or init does (its parent ended
// first). strace, its tracer, sees it die; the launcher holds a pidfd for
// it and reads its wait status (PIDFD_GET_INFO, Linux 6.15): exactly one
// "+++ killed by SIGKILL +++", under the killed process's pid, as strace
// -f prints it, after every line of it; output and status as natively.
TEST(TracePipeline, DescendantNoTracedWaitReapsIsSaidAsStraceSays) {
  for (const char* mode : {"kill-my-ignored-child", "kill-my-orphan"}) {
    SCOPED_TRACE(mode);
    auto run = [&](const std::string& tracer, const std::string& name) {
      std::string pidfile = TmpPath(name + ".pid"),
                  trace = TmpPath(name + ".trace");
      unlink(pidfile.c_str());
      std::string cmd = (tracer.empty() ? "" : tracer + " -f -o " + trace + " ") +
                        kProg + " " + mode + " " + pidfile + " > " +
                        TmpPath(name + ".out");
      Result r = RunAndKill(cmd, pidfile);
      r.out = Read(TmpPath(name + ".out"));
      int victim = atoi(Read(pidfile).c_str());
      return std::make_tuple(r, SplitLines(Read(trace)), victim);
    };
    auto [native, native_trace, native_pid] = run("", std::string(mode) + "_native");
    for (const std::string& tracer : {std::string("strace"), kTracer}) {
      SCOPED_TRACE(tracer);
      auto [r, trace, victim] = run(tracer, std::string(mode) + "_traced");
      EXPECT_EQ(r.out, native.out);
      EXPECT_EQ(r.status, native.status);
      ASSERT_GT(victim, 0);
      // Its last line, pause's, comes before its end.
      EXPECT_EQ(KilledOnceAfterItsLines(trace, victim), "") << Join(trace);
      EXPECT_EQ(CountCalls(trace, "getppid"), 200u) << Join(trace);
    }
  }
}

// A child killed before the launcher (stopped meanwhile) heard of it, and
// reaped by init once its parent ends without a wait: the launcher comes
// to it a zombie, with empty maps, but its parent is traced, so it was;
// its end is said once, after its lines, as strace -f says it (strace
// cannot be stopped so: its tracee would stop with it).
static void ExpectChildDeadBeforeTheTracerSawItSaid(const std::string& mode) {
  std::string pidfile = TmpPath(mode + ".pid"), trace = TmpPath(mode + ".trace");
  unlink(pidfile.c_str());
  Result r = RunAndKill(kTracer + " -f -o " + trace + " " + kProg + " " + mode +
                            " " + pidfile,
                        pidfile);
  if (r.status == 3) GTEST_SKIP() << "the launcher could not be seen in its loop and stopped";
  if (r.status == 4) GTEST_SKIP() << "the child had ended before it was seen ending";
  EXPECT_EQ(r.status, 0);
  int victim = atoi(Read(pidfile).c_str());
  ASSERT_GT(victim, 0);
  auto lines = SplitLines(Read(trace));
  EXPECT_EQ(KilledOnceAfterItsLines(lines, victim), "") << Join(lines);
  // Its calls (not its parent's), whole or split by another's line.
  std::vector<std::string> its;
  for (auto& l : lines)
    if (l.rfind(std::to_string(victim) + " ", 0) == 0) its.push_back(l);
  EXPECT_EQ(CountCalls(its, "getppid"), 200u) << Join(lines);
}

TEST(TracePipeline, ChildDeadBeforeTheTracerSawItIsSaid) {
  ExpectChildDeadBeforeTheTracerSawItSaid("kill-my-child-while-the-tracer-sleeps");
}

// The same, the launcher coming to the child while it is still ending:
// killed, its memory freed (its 512 MiB take ~60 ms), not yet a zombie.
// No ring can be seen in it then; the launcher dropped it, and its end
// was missing from the trace (seen under load: a fork child killed in
// pause() before its parent got back from fork).
TEST(TracePipeline, ChildEndingWhenTheTracerCameIsSaid) {
  ExpectChildDeadBeforeTheTracerSawItSaid("kill-my-big-child-while-the-tracer-sleeps");
}

// The same with the child on a pid an earlier child had (ended, reaped,
// its end said): the launcher took the new zombie for the process whose
// end it had said and dropped it, so its killed line was missing. A pid
// namespace of our own makes the pid come again (ns_last_pid).
TEST(TracePipeline, ChildDeadOnAUsedPidIsSaid) {
  Result probe = Shell("unshare -Urpf --mount-proc true 2>&1");
  if (probe.status != 0) GTEST_SKIP() << "no user and pid namespace here: " << probe.out;
  // The earlier child reaped by waitpid(pid, NULL, 0), then by waitid
  // with no siginfo.
  for (const std::string how : {"waitpid", "waitid"}) {
    SCOPED_TRACE(how);
    std::string trace = TmpPath("reused.trace");
    Result r = Shell("unshare -Urpf --mount-proc sh -c '" + kTracer + " -f -o " + trace + " " +
                     kProg + " kill-my-child-with-a-used-pid-while-the-tracer-sleeps " + how +
                     "; true'");
    if (r.status == 3) GTEST_SKIP() << "the pid could not be used again, or the launcher stopped";
    EXPECT_EQ(r.status, 0) << r.out;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex("child ([0-9]+)"))) << r.out;
    auto lines = SplitLines(Read(trace));
    // Once killed (the earlier one exited with 0, under the same pid).
    EXPECT_EQ(KilledOnceAfterItsLines(lines, atoi(m[1].str().c_str())), "") << Join(lines);
  }
}

// A child its parent saw stopped (waitpid(pid, NULL, WUNTRACED): no
// status asked for) lives on; killed after, its end is said once, as
// strace says it (the launcher took that wait for its reaping and stopped
// watching it).
TEST(TracePipeline, ChildSeenStoppedIsStillWatched) {
  for (const std::string& tracer : {kTracer, std::string("strace")}) {
    SCOPED_TRACE(tracer);
    std::string trace = TmpPath("stopped_child.trace");
    Result r = Shell(tracer + " -f -o " + trace + " " + kProg + " stop-then-kill-my-child");
    EXPECT_EQ(r.status, 0);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex("child ([0-9]+)"))) << r.out;
    // Init reaps it once we are gone: wait for its line.
    std::vector<std::string> lines;
    for (int i = 0; i < 100; i++) {
      lines = SplitLines(Read(trace));
      if (KilledOnceAfterItsLines(lines, atoi(m[1].str().c_str())).empty()) break;
      usleep(20000);
    }
    EXPECT_EQ(KilledOnceAfterItsLines(lines, atoi(m[1].str().c_str())), "") << Join(lines);
  }
}

// Under -f, a call is split "<unfinished ...>" / "<... name resumed>" only
// with another line between its halves, as strace splits it: two
// processes making short calls at once on both CPUs (dd's reads and writes
// of /dev/zero and /dev/null, written whole at their ends) gave adjacent
// halves now and then, a pair strace never writes. Both tracers see the
// same reads, the dds' 6000 among them.
TEST(TracePipeline, SplitLinesHaveAnotherLineBetween) {
  const std::string work =
      "dd if=/dev/zero of=/dev/null bs=1 count=3000 2>/dev/null & "
      "dd if=/dev/zero of=/dev/null bs=1 count=3000 2>/dev/null; wait";
  std::vector<size_t> reads;
  for (const std::string& tracer : {std::string("strace"), kTracer}) {
    SCOPED_TRACE(tracer);
    std::string trace = TmpPath("split.trace");
    Result r = Shell(tracer + " -f -o " + trace + " sh -c '" + work + "'");
    EXPECT_EQ(r.status, 0);
    auto lines = SplitLines(Read(trace));
    static const std::regex pid_of("^([0-9]+) ");
    std::smatch m;
    std::string open_pid;
    size_t adjacent = 0;
    for (auto& l : lines) {
      std::string pid = std::regex_search(l, m, pid_of) ? m[1].str() : "";
      if (!open_pid.empty() && pid == open_pid && l.find(" resumed>") != std::string::npos)
        adjacent++;
      open_pid = l.size() > 16 && l.compare(l.size() - 16, 16, "<unfinished ...>") == 0
                     ? pid : "";
    }
    EXPECT_EQ(adjacent, 0u) << Join(lines);
    // Each of the dds' reads of a byte, whole or resumed (the preload
    // does not see the loader's reads).
    size_t n = 0;
    for (auto& l : lines)
      if (l.find("\"\\0\", 1) ") != std::string::npos &&
          (l.find(" read(0, ") != std::string::npos ||
           l.find(" <... read resumed>") != std::string::npos))
        n++;
    reads.push_back(n);
  }
  EXPECT_EQ(reads[0], 6000u);
  EXPECT_EQ(reads[1], reads[0]);
}

// A fork child under -f waits for the launcher to watch it only where the
// kernel would reap it unseen (its parent ignores SIGCHLD): elsewhere its
// end leaves a zombie until its parent, which waits after the fork, has
// the launcher watching it. With the launcher stopped, the child of a
// parent that keeps SIGCHLD's default runs on at once; one whose parent
// ignores it still waits (the wait's bound, 2 s, the launcher stopped);
// both ends are said.
TEST(TracePipeline, ForkChildWaitsForTheLauncherOnlyWhereTheKernelReaps) {
  for (const char* how : {"default", "ignored"}) {
    SCOPED_TRACE(how);
    std::string trace = TmpPath(std::string("fws_") + how + ".trace");
    Result r = ShellInTmp(kTracer + " -f -o " + trace + " " + kProg +
                          " fork-with-parent-stopped " + how);
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, std::string(how) == "default"
                         ? "the child's fork did not wait\n"
                         : "the child's fork waited\n");
    auto lines = SplitLines(Read(trace));
    EXPECT_EQ(Count(lines, "+++ exited with 0 +++"), 2u) << Join(lines);
  }
}

// A child whose SIGSEGV handler faults (the kernel kills it, no handler
// runs), and shell chains whose inner shell kills itself: SIGKILL, which
// no handler sees, and SIGTERM, which the tracer catches in the process.
TEST(TracePipeline, DescendantKilledBySignalChainsAsStraceSays) {
  struct Case {
    std::string name, prog, sig, out;
    bool same_line_before;  // the child's last line too (not for a fault
                            // in a handler: DESIGN.md, known limits)
  };
  const std::vector<Case> cases = {
      {"segv_child_wait4", kProg + " child-segv-in-handler wait4", "SIGSEGV",
       "child killed by 11\n", false},
      {"segv_child_waitid", kProg + " child-segv-in-handler waitid",
       "SIGSEGV", "child killed by 11\n", false},
      {"sh_kill", "sh -c 'sh -c \"kill -KILL \\$\\$\"; echo $?'", "SIGKILL",
       "137\n", true},
      {"sh_term", "sh -c 'sh -c \"kill -TERM \\$\\$\"; echo $?'", "SIGTERM",
       "143\n", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Three r = RunThree(c.name, "-f", c.prog, "ulimit -c 0; ");
    EXPECT_EQ(r.native.out, c.out);
    EXPECT_EQ(r.ours.out, r.native.out);
    EXPECT_EQ(r.ours.status, r.native.status);
    EXPECT_EQ(ChildEndAsStrace(r.theirs_trace, c.sig), "") << Join(r.theirs_trace);
    EXPECT_EQ(ChildEndAsStrace(r.ours_trace, c.sig), "") << Join(r.ours_trace);
    // The shell's kill: "kill(N, SIGKILL) = ?" (it dies in it), or the
    // "--- SIGTERM" its default action kills it with.
    if (c.same_line_before) {
      EXPECT_EQ(BeforeKilled(r.ours_trace), BeforeKilled(r.theirs_trace));
    }
  }
}

// Without -f, another thread's exit_group ends the traced thread's pause:
// "pause() = ?" and "+++ exited with 7 +++", as strace prints them.
TEST(TracePipeline, ExitGroupFromAnotherThreadWithoutF) {
  Three r = RunThree("exit_other", "", kProg + " exit-other-thread");
  EXPECT_EQ(r.native.status, 7);
  EXPECT_EQ(r.ours.status, 7);
  EXPECT_EQ(r.theirs.status, 7);
  EXPECT_EQ(Tail(r.ours_trace, 2), Tail(r.theirs_trace, 2))
      << Join(r.ours_trace);
  ASSERT_FALSE(r.ours_trace.empty());
  EXPECT_EQ(r.ours_trace.back(), "+++ exited with 7 +++");
}

// With -f, how an exit_group ends the other threads, from the lines after
// the exit_group: each call left waiting "<... name resumed>) = ?", then
// "+++ exited with N +++" for every thread, the process's first thread
// last. Tids are named by role (P: the process, T: any other thread); the
// resumed lines and the other threads' ends, whose order is the kernel's,
// sorted. strace's "exit_group(N <unfinished ...>" and its
// "<... exit_group resumed>" (when another thread's end came first) are
// the same call.
std::vector<std::string> ThreadEnds(const std::vector<std::string>& trace) {
  std::vector<std::string> resumed, others, last;
  if (trace.empty()) return {};
  const std::string pid = trace.front().substr(0, trace.front().find(' '));
  size_t i = 0;
  while (i < trace.size() && trace[i].find("exit_group(") == std::string::npos) i++;
  for (i++; i < trace.size(); i++) {
    const std::string& l = trace[i];
    std::string tid = l.substr(0, l.find(' '));
    std::string text = l.substr(l.find_first_not_of(' ', tid.size()));
    text = std::regex_replace(text, std::regex("\\) +="), ") =");
    std::string line = (tid == pid ? "P " : "T ") + text;
    if (text.rfind("<... exit_group resumed>", 0) == 0) continue;
    if (text.find("resumed>") != std::string::npos) resumed.push_back(line);
    else if (tid != pid) others.push_back(line);
    else last.push_back(line);
  }
  std::sort(resumed.begin(), resumed.end());
  std::sort(others.begin(), others.end());
  resumed.insert(resumed.end(), others.begin(), others.end());
  resumed.insert(resumed.end(), last.begin(), last.end());
  return resumed;
}

TEST(TracePipeline, ExitGroupEndsEveryThreadAsStraceSays) {
  struct Case {
    const char* mode;
    int status;
    std::vector<std::string> ends;
  } cases[] = {
      // Another thread's exit_group while the first waits in pause.
      {"exit-other-thread", 7,
       {"P <... pause resumed>) = ?", "T +++ exited with 7 +++", "P +++ exited with 7 +++"}},
      // Another thread's, after the first thread's own exit (pthread_exit):
      // that thread's end is said with the process's, last.
      {"first-thread-exits", 3, {"T +++ exited with 3 +++", "P +++ exited with 3 +++"}},
      // The first thread's, while two threads wait in read.
      {"exit-while-threads-wait", 4,
       {"T <... read resumed> <unfinished ...>) = ?", "T <... read resumed> <unfinished ...>) = ?",
        "T +++ exited with 4 +++", "T +++ exited with 4 +++",
        "P +++ exited with 4 +++"}},
  };
  // -qq (and -e quiet=exit) leave out the "+++ exited" lines only: the
  // calls the other threads were in still end "= ?" (we left them out).
  for (const char* quiet : {"", " -qq", " -e quiet=exit"})
    for (const Case& c : cases) {
      SCOPED_TRACE(std::string(c.mode) + quiet);
      Three r = RunThree(std::string("ends_") + c.mode, std::string("-f") + quiet,
                         kProg + " " + c.mode);
      EXPECT_EQ(r.native.status, c.status);
      EXPECT_EQ(r.ours.status, c.status);
      EXPECT_EQ(r.ours.out, r.native.out);
      std::vector<std::string> ends;
      for (const std::string& e : c.ends)
        if (!*quiet || e.find("+++") == std::string::npos) ends.push_back(e);
      EXPECT_EQ(ThreadEnds(r.theirs_trace), ends) << Join(r.theirs_trace);
      EXPECT_EQ(ThreadEnds(r.ours_trace), ends) << Join(r.ours_trace);
    }
}

// A thread other than the first execs (-f): strace shows the call under
// the thread's tid, cut by the first thread's call the exec ends, the
// first thread's pid "superseded", then the execve's end under the pid
// the thread took (we printed one execve line under that pid). With
// --quiet=thread-execve, no "superseded" line.
TEST(TracePipeline, ThreadExecveIsSaidAsStraceSaysIt) {
  for (const char* quiet : {"", "--quiet=thread-execve "}) {
    std::string flags = std::string("-f ") + quiet + "-e trace=execve,pause";
    Three r = RunThree(std::string("thread_execs") + (*quiet ? "_q" : ""), flags,
                       kProg + " thread-execs");
    EXPECT_EQ(r.native.status, 0);
    EXPECT_EQ(r.ours.status, 0);
    auto shape = [](const std::vector<std::string>& trace) {
      // The lines but the program's own execve (a preload never sees
      // it), pids as P (the first thread's, which the exec keeps) and T
      // (the other's).
      std::string pid = trace.empty() ? "" : trace[0].substr(0, trace[0].find(' ')), s;
      for (const std::string& l : trace) {
        if (l.find("execve(\"" + kProg + "\"") != std::string::npos) continue;
        std::string p = l.substr(0, l.find(' '));
        std::string text = Normalise(l);
        text = std::regex_replace(text, std::regex("pid [0-9]+"), "pid T");
        s += (p == pid ? "P " : "T ") + text + "\n";
      }
      return s;
    };
    std::string want =
        "P pause( <unfinished ...>\n"
        "T execve(\"/bin/true\", [\"/bin/true\"], 0xADDR /* N vars */ <unfinished ...>\n"
        "P <... pause resumed>) = ?\n" +
        std::string(*quiet ? "" : "P +++ superseded by execve in pid T +++\n") +
        "P <... execve resumed>) = N\n"
        "P +++ exited with 0 +++\n";
    std::string theirs = std::regex_replace(shape(r.theirs_trace), std::regex("[0-9]+ vars"), "N vars");
    std::string ours = std::regex_replace(shape(r.ours_trace), std::regex("[0-9]+ vars"), "N vars");
    EXPECT_EQ(theirs, want) << Join(r.theirs_trace);
    EXPECT_EQ(ours, want) << Join(r.ours_trace);
  }
}

// -ff: each of a command's files (FILE.TID) under systrap-trace and under
// strace, each file's lines normalised; the files sorted by their lines.
struct FfFiles {
  Result ours, theirs;
  std::vector<std::vector<std::string>> ours_files, theirs_files;
};

FfFiles RunFf(const std::string& name, const std::string& prog) {
  FfFiles f;
  auto run = [&](const std::string& tracer, const std::string& dir,
                 std::vector<std::vector<std::string>>* files) {
    Shell("rm -rf '" + dir + "' && mkdir '" + dir + "'");
    Result r = ShellInTmp(tracer + " -ff -o " + dir + "/t -- " + prog);
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      std::vector<std::string> lines;
      for (auto& l : SplitLines(Read(e.path().string()))) lines.push_back(Normalise(l));
      files->push_back(lines);
    }
    std::sort(files->begin(), files->end());
    return r;
  };
  f.ours = run(kTracer, TmpPath(name + ".ff.systrap"), &f.ours_files);
  f.theirs = run("strace", TmpPath(name + ".ff.strace"), &f.theirs_files);
  return f;
}

std::string JoinFiles(const std::vector<std::vector<std::string>>& files) {
  std::string s;
  for (auto& f : files) s += "--- file\n" + Join(f);
  return s;
}

// -ff writes a file a thread, which no other thread's line can interrupt:
// a call that waits is one line there, as strace -ff writes it (it was
// "<unfinished ...>" and "<... resumed>", as in one shared file); and an
// exit_group ends every thread in its own file: the call it waited in
// completed "= ?", then its "+++ exited" (only the caller's file had an
// end before).
TEST(TracePipeline, PerThreadFilesAsStraceWritesThem) {
  struct Case {
    const char* mode;
    int status;
  } cases[] = {{"exit-other-thread", 7}, {"first-thread-exits", 3}, {"exit-while-threads-wait", 4}};
  for (const Case& c : cases) {
    FfFiles f = RunFf(std::string("ends_") + c.mode, kProg + " " + c.mode);
    EXPECT_EQ(f.ours.status, c.status) << c.mode;
    EXPECT_EQ(f.theirs.status, c.status) << c.mode;
    // Each thread's last two lines: how its file ends.
    auto ends = [](const std::vector<std::vector<std::string>>& files) {
      std::vector<std::string> v;
      for (auto& lines : files) {
        std::string e;
        for (size_t i = lines.size() > 2 ? lines.size() - 2 : 0; i < lines.size(); i++)
          e += lines[i] + " | ";
        v.push_back(e);
      }
      std::sort(v.begin(), v.end());
      return v;
    };
    EXPECT_EQ(ends(f.ours_files), ends(f.theirs_files))
        << c.mode << "\nours:\n" << JoinFiles(f.ours_files) << "strace:\n"
        << JoinFiles(f.theirs_files);
  }
  // A shell's wait4 waits for its child: one line in its file. The child
  // sleeps, so that the shell is already waiting when it ends (a child
  // that ends first is reaped by bash's SIGCHLD handler with WNOHANG
  // instead, under strace as under us: a race, not a shape).
  FfFiles sh = RunFf("ff_shell", "bash -c '/bin/sleep 0.1; exit 0'");
  EXPECT_EQ(sh.ours.status, 0);
  auto waits = [](const std::vector<std::vector<std::string>>& files) {
    std::vector<std::string> v;
    for (auto& lines : files)
      for (auto& l : lines)
        if (l.find("wait4") != std::string::npos || l.find("unfinished") != std::string::npos ||
            l.find("resumed>") != std::string::npos)
          v.push_back(l);
    return v;
  };
  EXPECT_EQ(waits(sh.ours_files), waits(sh.theirs_files))
      << "ours:\n" << JoinFiles(sh.ours_files) << "strace:\n" << JoinFiles(sh.theirs_files);
  EXPECT_EQ(sh.ours_files.size(), sh.theirs_files.size());
}

// A child reaped by a wait that asks for no status (waitpid(pid, NULL, 0)
// makes no RING_REAPED record): its "+++ exited" is said where it ended,
// before the parent's next line, as strace says it.
TEST(TracePipeline, ChildEndBeforeItsParentsNextLine) {
  Three r = RunThree("wait_null", "-f", kProg + " wait-null");
  EXPECT_EQ(r.ours.status, 0);
  EXPECT_EQ(r.ours.out, "parent\n");
  auto order = [](const std::vector<std::string>& v) {
    long end = -1, next = -1;
    for (size_t i = 0; i < v.size(); i++) {
      if (v[i].find("+++ exited with 3 +++") != std::string::npos) end = (long)i;
      if (v[i].find("write(1, \"parent\\n\"") != std::string::npos) next = (long)i;
    }
    return std::make_pair(end >= 0 && next >= 0, end < next);
  };
  EXPECT_EQ(order(r.theirs_trace), std::make_pair(true, true)) << Join(r.theirs_trace);
  EXPECT_EQ(order(r.ours_trace), std::make_pair(true, true)) << Join(r.ours_trace);
}

// A child killed by SIGKILL cannot take its own end out of the count of
// tasks traced; the launcher took it when it came to the parent's reaped
// record, after the parent (which formats its lines itself) had written the
// lines after its wait with the old count: a shell's every line to its end
// kept "[pid N] ", where strace drops it once it saw the child die. The
// parent now takes the end at once, as its SIGCHLD or its wait says it
// (trace_ring.h, end_claims): its last lines as strace's.
TEST(TracePipeline, PidPrefixDroppedAfterAChildKilledBySigkill) {
  const std::string cmd = " -f -e trace=exit_group sh -c 'sleep 5 & sleep 0.1; kill -9 $!; "
                          "wait; echo done; exit 2'";
  auto last_lines = [](const std::string& text) {
    std::vector<std::string> v;
    for (const std::string& l : SplitLines(std::regex_replace(text, std::regex(" +"), " ")))
      if (l.find("attached") == std::string::npos) v.push_back(l);
    return v.size() >= 2 ? v[v.size() - 2] + "\n" + v.back() : Join(v);
  };
  Result ours = ShellInTmp(kTracer + cmd + " 2>killed.ours");
  Result theirs = ShellInTmp("strace" + cmd + " 2>killed.strace");
  EXPECT_EQ(ours.status, 2);
  EXPECT_EQ(theirs.status, 2);
  EXPECT_EQ(ours.out, "done\n");
  std::string t = last_lines(Read(TmpPath("killed.strace")));
  EXPECT_EQ(t, "exit_group(2) = ?\n+++ exited with 2 +++");
  EXPECT_EQ(last_lines(Read(TmpPath("killed.ours"))), t) << Read(TmpPath("killed.ours"));
}

// With the trace on stderr, strace starts a line with "[pid N] " only while
// it traces more than one task (its nprocs): a thread's lines and the
// program's own while the thread lives, a child's, and none again once
// they ended. We kept the prefix from the first second task to the end.
// testdata/forks turns: two threads one after the other, a forked child,
// a vfork child, each ended before the next; pids and the padding masked.
TEST(TracePipeline, PidPrefixOnlyWhileAnotherTaskIsTraced) {
  const std::string prog = Runfile("testdata/forks") + " turns";
  const std::string flags = " -f -e trace=write,exit,exit_group -e signal=none ";
  auto masked = [](const std::string& text, const std::string& tool) {
    static const std::regex pid("\\[pid +[0-9]+\\]"), attached("Process [0-9]+ attached"),
        spaces(" +");
    std::string t = text;
    for (size_t at; (at = t.find(tool + ": ")) != std::string::npos;)
      t.replace(at, tool.size(), "TRACER");
    return SplitLines(std::regex_replace(
        std::regex_replace(std::regex_replace(t, pid, "[pid N]"), attached, "Process N attached"),
        spaces, " "));
  };
  Result native = ShellInTmp(prog);
  ASSERT_EQ(native.status, 0);
  Result ours = ShellInTmp(kTracer + flags + prog + " 2>prefix.ours");
  Result theirs = ShellInTmp("strace" + flags + prog + " 2>prefix.strace");
  EXPECT_EQ(ours.status, 0);
  EXPECT_EQ(ours.out, native.out);
  auto o = masked(Read(TmpPath("prefix.ours")), TracerSelf());
  auto t = masked(Read(TmpPath("prefix.strace")), "strace");
  EXPECT_EQ(Join(o), Join(t));
  // What the comparison turns on: the last lines are the program's own,
  // without a pid, after the children's with one.
  ASSERT_GE(o.size(), 3u) << Join(o);
  EXPECT_EQ(o.back(), "+++ exited with 0 +++") << Join(o);
  EXPECT_EQ(Count(o, "[pid N] write(1, \"child\\n\""), 1u) << Join(o);
  EXPECT_EQ(Count(o, "[pid N] write(1, \"done"), 0u) << Join(o);

  // A process's threads ended by exit_group: strace loses each thread as
  // it says its end, so the process's own last line has no pid. A first
  // thread that left early (pthread_exit) still counts until its process
  // ends, as strace counts it: the other thread's lines keep theirs.
  // (The other threads' lines come in strace's event order: the ends are
  // compared as sets, the last line in place.)
  for (const std::string mode : {"exit-while-threads-wait", "first-thread-exits"}) {
    SCOPED_TRACE(mode);
    const std::string f = " -f -e trace=read,exit_group ";
    ShellInTmp(kTracer + f + kProg + " " + mode + " 2>ends.ours >/dev/null");
    ShellInTmp("strace" + f + kProg + " " + mode + " 2>ends.strace >/dev/null");
    auto ends = [&](const std::string& file, const std::string& tool) {
      std::vector<std::string> v;
      for (const std::string& l : masked(Read(TmpPath(file)), tool))
        // (Not the first thread's exit: strace may print it before it
        // learnt of the new thread, as its events come.)
        if (l.find("+++") != std::string::npos || l.find("exit_group(") != std::string::npos ||
            l.find("resumed> <unfinished") != std::string::npos)
          v.push_back(l);
      return v;
    };
    auto ours_ends = ends("ends.ours", TracerSelf()), theirs_ends = ends("ends.strace", "strace");
    ASSERT_FALSE(ours_ends.empty());
    ASSERT_FALSE(theirs_ends.empty());
    EXPECT_EQ(ours_ends.back(), theirs_ends.back()) << Join(ours_ends);
    EXPECT_EQ(ours_ends.back().rfind("+++ exited with ", 0), 0u) << Join(ours_ends);
    std::sort(ours_ends.begin(), ours_ends.end());
    std::sort(theirs_ends.begin(), theirs_ends.end());
    EXPECT_EQ(Join(ours_ends), Join(theirs_ends));
  }
}

// The launcher formats the first execve line from its own memory: with -v
// and a long -s, a string's reads ran past the end of its stack (the last
// environment string lies a few bytes below it) and it died of SIGSEGV,
// every time without address randomisation (strace's umovestr2, and
// `systrap-trace -v -s 1000` on anything).
TEST(TracePipeline, VerboseExecveLineReadsNoFurtherThanTheStack) {
  // Run as ./t (the execve's file name, the last string on the stack,
  // short), with the environment A=1 just below it and no randomisation:
  // a 128-byte read from "A=1" crosses the stack's end.
  std::string tracer = kTracer.substr(0, kTracer.find(' '));
  std::string more = kTracer.substr(tracer.size());
  std::string o = TmpPath("verbose_exec.systrap");
  Result r = ShellInTmp("ln -sf " + tracer + " t && env -i A=1 setarch -R ./t" + more +
                        " -v -e trace=execve -s 1000 -o " + o + " /bin/true");
  EXPECT_EQ(r.status, 0) << r.out;
  auto lines = SplitLines(Read(o));
  ASSERT_FALSE(lines.empty());
  const char* mode = getenv("SYSTRAP_TEST_MODE");
  if (mode && std::string(mode) == "preload") return;  // no first execve line
  EXPECT_EQ(Normalise(lines[0]), "execve(\"/bin/true\", [\"/bin/true\"], [\"A=1\"]) = N")
      << lines[0];
}

// A program whose parent left SIGCHLD ignored (inherited through exec):
// the kernel would reap the tracer's child unseen, and the tracer would
// wait for ever. It runs to its end, traced, still seeing SIGCHLD ignored
// (bit 17 of SigIgn), as under strace.
TEST(TracePipeline, ProgramStartedWithSigchldIgnoredRunsAsNatively) {
  auto under = [](const std::string& tracer) {
    return ShellInTmp("timeout -s KILL 30 env --ignore-signal=CHLD " + tracer +
                      " grep SigIgn /proc/self/status");
  };
  Result native = under("");
  Result ours = under(kTracer + " -e trace=none -qq -f");
  Result theirs = under("strace -e trace=none -qq -f");
  ASSERT_EQ(native.status, 0);
  ASSERT_EQ(native.out.rfind("SigIgn:\t", 0), 0u) << native.out;
  EXPECT_EQ((std::stoull(native.out.substr(8), nullptr, 16) >> (SIGCHLD - 1)) & 1, 1u)
      << native.out;
  EXPECT_EQ(ours.status, 0);
  EXPECT_EQ(ours.out, native.out);
  EXPECT_EQ(theirs.out, native.out);
}

// A program started with signals ignored and blocked (nohup, a shell's
// trap '', env --ignore-signal) reads back every action and its mask
// exactly as natively: after an execve every action is SIG_DFL or SIG_IGN
// with no flags and an empty mask, which the image's start-up knows
// without reading them all (trap_signal_own_faults), yet SIGSEGV and
// SIGBUS, which the core takes over, and every signal the tracer catches
// must still show as the program's.
TEST(TracePipeline, ProgramStartedWithSignalsIgnoredReadsItsActionsAsNatively) {
  const std::string prog = Runfile("testdata/exec_empty") + " actions";
  const struct {
    const char* ignored;
    const char* shown;  // one of them, as natively read back
  } cases[] = {{"SEGV,BUS,HUP,PIPE,TSTP,USR1,RTMIN", "\n11: ignored"},
               {"TERM,INT", "\n15: ignored"}};
  for (const auto& c : cases) {
    const char* ignored = c.ignored;
    auto under = [&](const std::string& tracer) {
      return ShellInTmp(std::string("timeout -s KILL 30 env --ignore-signal=") +
                        ignored + " --block-signal=USR2 " + tracer + " " + prog);
    };
    Result native = under("");
    Result ours = under(kTracer + " -e trace=none -qq -f");
    ASSERT_EQ(native.status, 0) << native.out;
    ASSERT_NE(native.out.find(std::string(c.shown) + " flags 0 restorer 0 mask 0\n"),
              std::string::npos) << ignored << "\n" << native.out;
    EXPECT_EQ(ours.status, 0);
    EXPECT_EQ(ours.out, native.out) << ignored;
  }
}

// Signals 32-34, which the launcher's libc (musl) keeps for itself and
// hides: glibc's SIGRTMIN (34) blocked by the invoker stays blocked in
// PROG (it was unblocked: SigBlk 0x400000002 for 0x600000002), and PROG's
// death of it, which the invoker left ignored, is the launcher's death of
// it too (it exited 162, 128 + 34), with the image and with the preload.
TEST(TracePipeline, SignalsTheLaunchersLibcKeepsForItselfReachTheProgram) {
  for (const char* mode : {"", "--preload "}) {
    SCOPED_TRACE(mode);
    auto masked = [&](const std::string& tracer) {
      return ShellInTmp("timeout -s KILL 30 env --block-signal=INT,RTMIN,RTMIN+1 " +
                        tracer + " grep SigBlk /proc/self/status");
    };
    Result native = masked("");
    Result ours = masked(kTracer + " " + mode + "-qq -o /dev/null");
    ASSERT_EQ(native.out, "SigBlk:\t0000000600000002\n");
    EXPECT_EQ(ours.out, native.out);
    EXPECT_EQ(ours.status, 0);
    // Python tells a death by a signal (-34) from an exit with 162.
    auto dies = [&](const std::string& tracer) {
      return ShellInTmp(
          "timeout -s KILL 30 python3 -c 'import subprocess, sys; "
          "print(subprocess.run(sys.argv[1:]).returncode)' env --ignore-signal=RTMIN " +
          tracer + " python3 -c 'import os, signal; signal.signal(34, signal.SIG_DFL); "
          "os.kill(os.getpid(), 34)'");
    };
    Result native_end = dies("");
    Result our_end = dies(kTracer + " " + mode + "-qq -o /dev/null");
    ASSERT_EQ(native_end.out, "-34\n");
    EXPECT_EQ(our_end.out, native_end.out);
  }
}

// The preloaded program's environment, which the launcher now makes before
// its vfork-like clone instead of setenv in a forked child: the invoker's
// variables in their order, each of ours where setenv puts it (in the
// place of one the invoker had, SYSTRAP_TRACE_ROOT here, else at the end),
// the root's pid the program's own, and the execve line's variables,
// which the preload takes out of environ, gone (-T gives it one more).
TEST(TracePipeline, PreloadedProgramGetsTheEnvironmentSetenvWouldHaveMade) {
  for (const char* flags : {"", "-T "}) {
    SCOPED_TRACE(flags);
    Result r = ShellInTmp(
        "timeout -s KILL 30 env -i A=1 SYSTRAP_TRACE_ROOT=0 B=2 PATH=\"$PATH\" " + kTracer +
        " --preload -qq " + flags +
        "-o /dev/null /usr/bin/python3 -c 'import os; print(os.getpid()); print(\"\\n\".join(os.environ))'");
    ASSERT_EQ(r.status, 0) << r.out;
    std::vector<std::string> lines = SplitLines(r.out);
    ASSERT_FALSE(lines.empty());
    const std::string pid = lines[0];
    lines.erase(lines.begin());
    // LC_CTYPE last: Python's own, in a C locale (PEP 538), natively too.
    EXPECT_EQ(Join(lines), Join({"A", "SYSTRAP_TRACE_ROOT", "B", "PATH", "LD_PRELOAD",
                                 "SYSTRAP_TRACE", "SYSTRAP_TRACE_RING",
                                 "SYSTRAP_TRACE_STARTED", "LC_CTYPE"}));
    Result root = ShellInTmp(
        "env -i SYSTRAP_TRACE_ROOT=0 PATH=\"$PATH\" " + kTracer + " --preload -qq " + flags +
        "-o /dev/null /usr/bin/python3 -c 'import os; print(os.getpid(), os.environ[\"SYSTRAP_TRACE_ROOT\"])'");
    std::vector<std::string> said = SplitLines(root.out);
    ASSERT_EQ(said.size(), 1u) << root.out;
    size_t space = said[0].find(' ');
    ASSERT_NE(space, std::string::npos) << said[0];
    EXPECT_EQ(said[0].substr(space + 1), said[0].substr(0, space));
    EXPECT_NE(pid, "");
  }
}

// A program whose parent left SIGTRAP blocked (the mask it inherits):
// the exec's stop the image is started at needs SIGTRAP, so it is
// unblocked for that stop and blocked again before the program's first
// instruction. The program is traced from its start and sees the mask it
// was given, with nothing pending, as natively and under strace (it was
// refused: "SIGTRAP is blocked in the child").
TEST(TracePipeline, ProgramStartedWithSigtrapBlockedRunsTracedAsNatively) {
  const std::string prog = " grep -E 'SigPnd|ShdPnd|SigBlk' /proc/self/status";
  auto under = [&](const std::string& tracer, const std::string& trace) {
    return ShellInTmp("timeout -s KILL 30 env --block-signal=TRAP " + tracer +
                      (trace.empty() ? "" : " -e trace=openat -qq -o " + trace) + prog);
  };
  std::string o = TmpPath("trap_blocked.systrap"), t = TmpPath("trap_blocked.strace");
  Result native = under("", "");
  Result ours = under(kTracer, o);
  Result theirs = under("strace", t);
  ASSERT_EQ(native.status, 0);
  EXPECT_NE(native.out.find("SigBlk:\t"), std::string::npos) << native.out;
  EXPECT_EQ(ours.status, 0) << ours.out;
  EXPECT_EQ(ours.out, native.out);
  EXPECT_EQ(theirs.out, native.out);
  auto opened = [](const std::string& path) {
    return Count(SplitLines(Read(path)), "openat(AT_FDCWD, \"/proc/self/status\"");
  };
  EXPECT_EQ(opened(o), 1u) << Read(o);
  EXPECT_EQ(opened(t), 1u);
}

// A program that confines itself with seccomp runs as natively: the
// tracer makes no call of its own on its behalf.
TEST(TracePipeline, SeccompStrictAndFilterProgramsRunAsNatively) {
  for (const char* mode : {"seccomp-strict", "seccomp-filter"}) {
    Three r = RunThree(mode, "", kProg + " " + mode + " </dev/null");
    EXPECT_EQ(r.native.out, "before\ninside\n" +
                                std::string(strcmp(mode, "seccomp-filter") ? "" : "read\n"))
        << mode;
    EXPECT_EQ(r.ours.out, r.native.out) << mode;
    EXPECT_EQ(r.ours.status, r.native.status) << mode;
    EXPECT_EQ(r.theirs.status, r.native.status) << mode;
    // Once confined, the tracer makes no call to read the program's memory
    // (the kernel's copy is a call the sandbox may forbid), but reads it
    // where that needs none: in a transaction (RTM), or with the copy that
    // recovers from its own faults (without RTM). Strings print as strace
    // prints them, and the calls, their results and the end are strace's.
    // (prctl's line: strace names PR_SET_SECCOMP's arguments, we print
    // them raw; known: only its shape is compared.)
    auto replaced = [](std::vector<std::string> v, const char* re, const char* by) {
      for (auto& l : v) l = std::regex_replace(l, std::regex(re), by);
      return v;
    };
    EXPECT_EQ(replaced(Tail(r.ours_trace, 3), " +", " "),
              replaced(Tail(r.theirs_trace, 3), " +", " "))
        << mode << "\n" << Join(r.ours_trace);
    const char* call = "^([a-z_0-9]+)\\(.*\\) = (.*)$";
    EXPECT_EQ(replaced(Tail(r.ours_trace, 4), call, "$1(...) = $2"),
              replaced(Tail(r.theirs_trace, 4), call, "$1(...) = $2"))
        << mode << "\n" << Join(r.ours_trace);
    EXPECT_NE(Join(r.ours_trace).find("write(1, \"inside\\n\", 7)"), std::string::npos)
        << mode << "\n" << Join(r.ours_trace);
  }
}

// Under -f every end line carries the process's pid, which the tracer
// read with getpid at the exit_group: the call a filter allowing only
// read, write, exit_group and rt_sigreturn kills (status 159, SIGSYS,
// where the program exits with 3). The pid is now read before the
// confining call and kept. strace's last lines, pid for pid.
TEST(TracePipeline, AConfinedProgramEndsAsNativelyWhenForksAreFollowed) {
  for (const char* mode : {"seccomp-filter", "seccomp-strict"}) {
    for (const char* flags : {"-f", "-f -yy"}) {
      SCOPED_TRACE(std::string(mode) + " " + flags);
      Three r = RunThree(std::string("confined_f_") + mode, flags,
                         kProg + " " + mode + " </dev/null");
      EXPECT_EQ(r.ours.out, r.native.out);
      EXPECT_EQ(r.ours.status, r.native.status) << r.ours.out;
      EXPECT_EQ(r.theirs.status, r.native.status);
      auto unpid = [](std::vector<std::string> v) {
        for (auto& l : v) l = std::regex_replace(l, std::regex("^[0-9]+ +| +"), " ");
        return v;
      };
      ASSERT_GE(r.ours_trace.size(), 2u);
      EXPECT_EQ(unpid(Tail(r.ours_trace, 2)), unpid(Tail(r.theirs_trace, 2)))
          << Join(r.ours_trace);
      // The pid is the process's own.
      std::string pid = r.ours_trace.back().substr(0, r.ours_trace.back().find(' '));
      EXPECT_EQ(r.ours_trace.front().rfind(pid + " ", 0), 0u) << Join(r.ours_trace);
    }
  }
}

// Descriptors decorated (-y, -yy) or matched against paths (-P) take a
// call of the tracer's each (readlinkat, getxattr, a netlink query). Once
// the program confined itself they are printed bare and -P matches none:
// the program runs as natively, whether or not its seccomp call is
// traced (-e trace= and -P leave it out). strace, outside the sandbox,
// still decorates them: only the calls and results are compared.
TEST(TracePipeline, DescriptorsOfAConfinedProgramCostItNoCall) {
  for (const char* flags : {"-y", "-yy", "-e trace=write,read -y", "-P /dev/null -y"}) {
    SCOPED_TRACE(flags);
    Three r = RunThree("confined_fds", flags, kProg + " seccomp-filter </dev/null");
    EXPECT_EQ(r.native.out, "before\ninside\nread\n");
    EXPECT_EQ(r.ours.out, r.native.out);
    EXPECT_EQ(r.ours.status, r.native.status);
    EXPECT_EQ(r.theirs.status, r.native.status);
    std::string ours = Join(r.ours_trace), theirs = Join(r.theirs_trace);
    if (std::string(flags).rfind("-P", 0) == 0) {
      // The read of stdin (/dev/null) comes after the confinement.
      EXPECT_EQ(ours.find("write("), std::string::npos) << ours;
      EXPECT_EQ(ours.find("read("), std::string::npos) << ours;
      continue;
    }
    EXPECT_NE(ours.find("\nwrite(1, \"inside\\n\", 7) "), std::string::npos) << ours;
    EXPECT_NE(ours.find("\nread(0, \"\", 1) "), std::string::npos) << ours;
    EXPECT_NE(theirs.find("\nwrite(1<"), std::string::npos) << theirs;
    EXPECT_NE(ours.find("write(1<pipe:["), std::string::npos) << ours;  // before it
  }
}

// A call the program's own seccomp filter kills it for: the kernel never
// returns from it, so its line is printed before the call, as strace 6.1
// shows it ("getppid() = 110": the call's number as its result), then
// the death. It used to be missing, the trace ending at the call before.
// Every line from the confining call on is strace's, the status native.
TEST(TracePipeline, CallTheProgramsFilterKillsItForIsShownAsStraceShowsIt) {
  for (const char* flags : {"", "-f", "-tt", "-T", "-k", "-e trace=getppid,seccomp"}) {
    SCOPED_TRACE(flags);
    Three r = RunThree("killed_by_filter", flags, kProg + " seccomp-killed </dev/null");
    EXPECT_EQ(r.ours.out, r.native.out);
    EXPECT_EQ(r.native.status, 128 + SIGSYS);
    EXPECT_EQ(r.ours.status, r.native.status) << Join(r.ours_trace);
    auto from = [&](const std::vector<std::string>& v) {
      std::vector<std::string> out;
      bool on = false;
      for (auto l : v) {
        on = on || l.find("SECCOMP") != std::string::npos;
        l = std::regex_replace(l, std::regex("^[0-9]+ +"), "");      // -f's pid
        l = std::regex_replace(l, std::regex("^[0-9.:]+ +"), "");    // -tt
        l = std::regex_replace(l, std::regex(" <[0-9.]+>$"), "");     // -T
        l = std::regex_replace(l, std::regex("0x[0-9a-f]+"), "ADDR");
        l = std::regex_replace(l, std::regex(" +"), " ");
        if (on) out.push_back(l);
      }
      return out;
    };
    std::vector<std::string> ours = from(r.ours_trace), theirs = from(r.theirs_trace);
    EXPECT_EQ(ours, theirs) << Join(r.ours_trace);
    // -k's stack lines aside, the killed call's line comes last.
    std::vector<std::string> calls;
    for (const auto& l : ours)
      if (l.rfind(" > ", 0) != 0) calls.push_back(l);
    ASSERT_GE(calls.size(), 2u) << Join(r.ours_trace);
    EXPECT_EQ(calls[calls.size() - 2], "getppid() = " + std::to_string(SYS_getppid));
    if (std::string(flags) == "-T") {  // a duration, as strace's line has
      EXPECT_NE(Join(r.ours_trace).find("= " + std::to_string(SYS_getppid) + " <0."),
                std::string::npos)
          << Join(r.ours_trace);
    }
    EXPECT_EQ(ours.back(), "+++ killed by SIGSYS +++");
  }
}

// -t, -T, -r and -c read the clock, a call a filter of the program's own
// may forbid (this one allows read, write, exit_group and rt_sigreturn).
// The program was killed for it at its next traced call (SIGSYS, 159,
// where it exits with 3; systrap-trace said why). Once confined, the
// clock is now read from the tick counter at the rate it kept until the
// filter went in; in seccomp's strict mode, where the kernel makes the
// tick counter fault, the times stop at the last reading. The program
// runs as natively in every mode, as under strace; the calls and results
// are strace's, each line has its time, and the times never go back.
TEST(TracePipeline, TimedTracesOfAConfinedProgramRunAsNatively) {
  for (const char* mode : {"seccomp-filter", "seccomp-strict"}) {
    for (const char* flags : {"-T", "-tt", "-ttt -T", "-r", "-c", "-f -T"}) {
      SCOPED_TRACE(std::string(mode) + " " + flags);
      Three r = RunThree(std::string("timed_") + mode, flags,
                         kProg + " " + mode + " </dev/null");
      EXPECT_EQ(r.ours.out, r.native.out);
      EXPECT_EQ(r.ours.status, r.native.status) << Join(r.ours_trace);
      EXPECT_EQ(r.theirs.status, r.native.status);
      if (std::string(flags) == "-c") {
        // The table's calls column: the confining call counted once.
        std::regex row(std::string("^ *[0-9.]+ +[0-9.]+ +[0-9]+ +1 +") +
                       (strcmp(mode, "seccomp-strict") ? "seccomp$" : "prctl$"));
        EXPECT_EQ(std::count_if(r.ours_trace.begin(), r.ours_trace.end(),
                                [&](const std::string& l) { return std::regex_search(l, row); }),
                  1)
            << Join(r.ours_trace);
        continue;
      }
      // The lines from the confining call on: the call and its result as
      // strace's, with a time where strace has one.
      auto from = [&](const std::vector<std::string>& v) {
        std::vector<std::string> out;
        bool on = false;
        for (const auto& l : v) {
          on = on || l.find("SECCOMP") != std::string::npos;
          if (on) out.push_back(l);
        }
        return out;
      };
      std::vector<std::string> ours = from(r.ours_trace), theirs = from(r.theirs_trace);
      auto shape = [&](std::vector<std::string> v) {
        for (auto& l : v) {
          l = std::regex_replace(l, std::regex("^[0-9]+ +"), "");  // -f's pid
          l = std::regex_replace(l, std::regex("^ *[0-9.:]+ +"), "");  // -t, -r
          l = std::regex_replace(l, std::regex("<[0-9.]+>$"), "<T>");
          l = std::regex_replace(l, std::regex("0x[0-9a-f]+"), "ADDR");
          l = std::regex_replace(l, std::regex(" +"), " ");
        }
        return v;
      };
      EXPECT_EQ(shape(ours), shape(theirs)) << Join(r.ours_trace);
      ASSERT_GE(ours.size(), 3u) << Join(r.ours_trace);
      // -tt's and -ttt's times never go back (the end line is the
      // launcher's, on its own clock, later).
      if (std::string(flags).find("-tt") != std::string::npos) {
        std::string last;
        for (const auto& l : ours) {
          std::string t = l.substr(0, l.find(' '));
          EXPECT_GE(t, last) << Join(r.ours_trace);
          last = t;
        }
      }
    }
  }
}

// A terminal signal sent to the tracer alone: with -o FILE it is ignored
// (the program gets Ctrl-C from the terminal itself) and the program runs
// to its end; with the trace on stderr it is passed on to the program,
// and the tracer lets every process go, says so, ends the waiting call
// " <detached ...>" and dies of it. strace does both the same.
TEST(TracePipeline, TerminalSignalsSentToTheTracer) {
  auto run = [](const std::string& tracer, bool to_file, const std::string& name) {
    std::string trace = TmpPath(name + ".trace");
    unlink(trace.c_str());
    std::string cmd = "exec " + tracer + (to_file ? " -o " + trace : "") +
                      " /bin/sleep " + (to_file ? "1" : "30") +
                      (to_file ? "" : " 2>" + trace);
    pid_t pid = fork();
    if (pid == 0) {
      execl("/bin/sh", "sh", "-c", cmd.c_str(), (char*)nullptr);
      _exit(127);
    }
    // The program is asleep once its trace shows the call.
    while (Read(trace).find("nanosleep(") == std::string::npos) usleep(10000);
    kill(pid, SIGINT);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  };
  EXPECT_EQ(run(kTracer, true, "int_ours_file"), 0);
  EXPECT_EQ(run("strace", true, "int_strace_file"), 0);
  EXPECT_EQ(run(kTracer, false, "int_ours_err"), 128 + SIGINT);
  EXPECT_EQ(run("strace", false, "int_strace_err"), 128 + SIGINT);
  for (const char* name : {"int_ours_err", "int_strace_err"}) {
    SCOPED_TRACE(name);
    std::vector<std::string> lines = SplitLines(Read(TmpPath(std::string(name) + ".trace")));
    ASSERT_GE(lines.size(), 2u);
    EXPECT_EQ(lines.back(), " <detached ...>");
    // The waiting call's entry, then the notice, as strace writes them.
    EXPECT_TRUE(std::regex_match(
        lines[lines.size() - 2],
        std::regex("clock_nanosleep\\(.*, .*: Process [0-9]+ detached")))
        << lines[lines.size() - 2];
  }
}

// The tracer holds no fd of the program's: with 16 fds, the program's
// first open still returns 3.
TEST(TracePipeline, FirstOpenGetsTheLowestFd) {
  // (-c -f: the table every process counts into is in the ring too.)
  for (std::string flags : {"", "-f", "-f -c"}) {
    std::string name = "open_fd" + std::regex_replace(flags, std::regex("[ -]"), "_");
    Three r = RunThree(name, flags, kProg + " open-fd", "ulimit -n 16; ");
    EXPECT_EQ(r.native.out, "fd 3\n");
    EXPECT_EQ(r.ours.out, r.native.out) << flags;
    EXPECT_EQ(r.ours.status, 0);
    if (flags.find("-c") != std::string::npos) {
      EXPECT_EQ(Count(r.ours_trace, " openat"), 1u) << Join(r.ours_trace);
      continue;
    }
    EXPECT_EQ(Count(r.ours_trace, "openat(AT_FDCWD, \"/dev/null\", O_RDONLY) = 3"), 1u)
        << Join(r.ours_trace);
  }
}

// A program that drops its privileges, or enters user and mount
// namespaces, before it execs: the exec'd program is traced from its
// execve on (the image's descriptors are given to it by the launcher, not
// opened through /proc, which it may no longer reach), with its output as
// natively. Through the preload (the old way) it is followed as far as its
// environment lets it.
TEST(TracePipeline, PrivilegeDropAndNamespacesBeforeExec) {
  bool preload = kTracer.find("--preload") != std::string::npos;
  struct Case {
    const char* name;
    std::string prog;
    const char* exec_line;
  } cases[] = {
      {"setpriv",
       "setpriv --reuid=65534 --regid=65534 --clear-groups /bin/echo hi",
       "execve(\"/bin/echo\", [\"/bin/echo\", \"hi\"]"},
      {"unshare",
       "unshare -rm sh -c 'mount -t tmpfs none /tmp && /bin/echo hi'",
       "execve(\"/bin/echo\", [\"/bin/echo\", \"hi\"]"},
  };
  std::string cannot;
  int ran = 0;
  for (auto& c : cases) {
    SCOPED_TRACE(c.name);
    Three r = RunThree(std::string("priv_") + c.name, "-f", c.prog);
    if (r.native.status != 0) {
      // Bazel's sandbox maps no other uid, and may refuse namespaces.
      cannot += std::string(c.name) + " cannot run here (status " +
                std::to_string(r.native.status) + "); ";
      continue;
    }
    ran++;
    EXPECT_EQ(r.ours.out, r.native.out);
    EXPECT_EQ(r.ours.status, r.native.status);
    if (preload) continue;  // the preload's limits: docs/DESIGN.md
    EXPECT_EQ(Count(r.theirs_trace, c.exec_line), 1u) << Join(r.theirs_trace);
    EXPECT_EQ(Count(r.ours_trace, c.exec_line), 1u) << Join(r.ours_trace);
    // The exec'd echo's own calls: its loader's first open, its write.
    for (const char* call : {"openat(AT_FDCWD, \"/etc/ld.so.cache\"",
                             "write(1, \"hi\\n\", 3)"})
      EXPECT_EQ(Count(r.ours_trace, call) > 0, Count(r.theirs_trace, call) > 0)
          << call << "\n" << Join(r.ours_trace);
    EXPECT_EQ(Count(r.ours_trace, "systrap-trace:"), 0u) << Join(r.ours_trace);
    ASSERT_FALSE(r.ours_trace.empty());
    EXPECT_EQ(Normalise(r.ours_trace.back()), Normalise(r.theirs_trace.back()));
  }
  if (!cannot.empty()) GTEST_SKIP() << "ran " << ran << " of 2: " << cannot;
}

// An execve of a missing file after a setuid that left the process over
// its RLIMIT_NPROC fails with EAGAIN (the kernel's PF_NPROC_EXCEEDED,
// checked before the file is looked up), not with the lookup's ENOENT,
// which the image answers such an execve with where nothing else may come
// first (image_test's ExecsThatFindNoFileFailAsTheKernelFailsThem).
TEST(TracePipeline, AnExecAfterAUserChangeIsTheKernelsToAnswer) {
  const std::string prog = Runfile("testdata/exec_lookup") + " nproc";
  for (const char* flags : {"", "-f"}) {
    SCOPED_TRACE(flags);
    Three r = RunThree(std::string("nproc") + flags, flags, prog);
    if (r.native.out != "over RLIMIT_NPROC: EAGAIN\n")
      GTEST_SKIP() << "cannot be made here: " << r.native.out;
    EXPECT_EQ(r.ours.out, r.native.out);
    EXPECT_EQ(r.ours.status, r.native.status);
    EXPECT_EQ(r.theirs.out, r.native.out);
    const std::string line =
        "execve(\"/nonexistent/exec_lookup_missing\", [\"exec_lookup_target\"], ";
    EXPECT_EQ(Count(r.ours_trace, line), 1u) << Join(r.ours_trace);
    // Its end, on that line or on its "resumed" line under -f.
    const std::string eagain = ") = -1 EAGAIN (Resource temporarily unavailable)";
    EXPECT_EQ(Count(r.ours_trace, eagain), 1u) << Join(r.ours_trace);
    EXPECT_EQ(Count(r.theirs_trace, eagain), 1u) << Join(r.theirs_trace);
  }
}

// Signals the program ignores (SIG_IGN, or SIGCHLD left at SIG_DFL): a
// ptraced process's are queued by the kernel, so strace shows each one
// that the program's own calls raised, after the call that raised it. From
// a -f trace: "CALL: --- SIGxxx {...} ---" for each signal line, CALL the
// name of the same process's line before it, and the siginfo's si_pid
// written SELF where it is that process's pid (any other pid stays).
std::vector<std::string> SignalsAfterCalls(const std::vector<std::string>& trace) {
  static const std::regex line("^([0-9]+) +(.*)$");
  static const std::regex call("^(<\\.\\.\\. )?([a-z_0-9]+)");
  std::map<std::string, std::string> last;  // pid -> its last call's name
  std::vector<std::string> out;
  for (auto& l : trace) {
    std::smatch m;
    if (!std::regex_match(l, m, line)) continue;
    std::string pid = m[1], text = m[2];
    if (text.rfind("--- SIG", 0) == 0) {
      text = std::regex_replace(text, std::regex("si_pid=" + pid + "([,}])"),
                                "si_pid=SELF$1");
      out.push_back(last[pid] + ": " + text);
      continue;
    }
    std::smatch c;
    if (std::regex_search(text, c, call)) last[pid] = c[2];
  }
  return out;
}

// The program's output and status as natively; its signal lines those of
// strace -f, after the same calls, with the same siginfo; `want` of them.
void ExpectIgnoredSignalsAsStrace(const std::string& name,
                                  const std::string& prog, size_t want) {
  Three r = RunThree(name, "-f", prog);
  EXPECT_EQ(r.ours.out, r.native.out);
  EXPECT_EQ(r.ours.status, r.native.status);
  EXPECT_EQ(r.theirs.out, r.native.out);
  auto ours = SignalsAfterCalls(r.ours_trace);
  auto theirs = SignalsAfterCalls(r.theirs_trace);
  EXPECT_EQ(theirs.size(), want) << Join(theirs);
  EXPECT_EQ(ours, theirs) << "ours:\n" << Join(ours) << "strace's:\n"
                          << Join(theirs) << "our trace:\n"
                          << Join(r.ours_trace);
}

// A C program that ignores SIGUSR1 and SIGUSR2 and sends them to itself
// (raise's tgkill, kill of its pid and of its process group, sigqueue's
// rt_sigqueueinfo with its own siginfo), and SIGCHLD, ignored by default.
TEST(TracePipeline, IgnoredSignalsItSendsItselfAreShown) {
  ExpectIgnoredSignalsAsStrace(
      "ign_raise", Runfile("testdata/ignored_signals") + " raise", 5);
}

// EPIPE with SIGPIPE ignored: after a pipe's write and writev, a unix
// stream socket's write and sendmsg, never after MSG_NOSIGNAL nor a
// seqpacket socket's EPIPE (the kernel sends no SIGPIPE with those).
TEST(TracePipeline, IgnoredSigpipeIsShownWhereTheKernelSendsIt) {
  ExpectIgnoredSignalsAsStrace(
      "ign_epipe", Runfile("testdata/ignored_signals") + " epipe", 4);
}

// Python ignores SIGPIPE: its write to a closed pipe raises
// BrokenPipeError, and strace shows the SIGPIPE.
TEST(TracePipeline, PythonWritingToAClosedPipeShowsItsSigpipe) {
  // The interpreter itself, not a wrapper script that runs it (pyenv's).
  Result py = Shell("python3 -c 'import sys; print(sys.executable)' 2>/dev/null");
  if (py.status != 0 || py.out.size() < 2) GTEST_SKIP() << "no python3";
  py.out.pop_back();
  ExpectIgnoredSignalsAsStrace(
      "ign_python",
      py.out + " -c 'import os\nr, w = os.pipe()\nos.close(r)\ntry:\n"
      "    os.write(w, b\"x\")\nexcept BrokenPipeError:\n    print(\"EPIPE\")'",
      1);
}

// Blocked and ignored, a signal stays pending (sigpending says so, traced
// too) and nothing is shown until the program unblocks it; then it is
// shown after that rt_sigprocmask, as strace shows it: SIGUSR1 (tgkill)
// when it alone is unblocked, SIGPIPE (two EPIPEs, one signal) after.
TEST(TracePipeline, BlockedIgnoredSignalsAreShownWhenUnblocked) {
  ExpectIgnoredSignalsAsStrace(
      "ign_blocked", Runfile("testdata/ignored_signals") + " blocked", 2);
}

// A program with file capabilities, run by a user who is not root: under
// strace (and the image: both ptrace it through its exec) it runs without
// them; the preload cannot trace it (the loader ignores LD_PRELOAD in a
// secure exec), so --preload refuses it in one line, as it refuses a
// setuid program, where it ran untraced with its capabilities. Needs
// setcap and setpriv (root, outside Bazel's sandbox: this target's
// no-sandbox tag): the tools are copied where nobody can read them.
TEST(TracePipeline, ProgramsWithFileCapabilitiesOrNotReadable) {
  if (getuid() != 0) GTEST_SKIP() << "needs root for setcap and setpriv";
  char dir[] = "/tmp/systrap_caps_XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string d = dir, bin = Runfile("tools/trace/");
  Shell("chmod 755 " + d + " && cp " + bin + "systrap-trace " + bin + "trace_syscalls.so " + bin +
        "trace_syscalls.image.so /bin/cat " + d + "/ && chmod -R a+rX " + d);
  if (Shell("setcap cap_net_raw+ep " + d + "/cat 2>&1").status != 0) {
    Shell("rm -rf " + d);
    GTEST_SKIP() << "setcap refused here";
  }
  const std::string as_nobody = "cd / && setpriv --reuid=65534 --regid=65534 --clear-groups ";
  if (Shell(as_nobody + "true 2>&1").status != 0) {
    Shell("rm -rf " + d);
    GTEST_SKIP() << "no user 65534 here";
  }
  const std::string cat = d + "/cat /proc/self/status | grep CapEff";
  Result native = Shell(as_nobody + cat);
  EXPECT_EQ(native.out, "CapEff:\t0000000000002000\n");
  Result theirs = Shell(as_nobody + "strace -o /dev/null " + cat);
  Result ours = Shell(as_nobody + d + "/systrap-trace -o /dev/null " + d + "/cat /proc/self/status 2>" +
                      d + "/err | grep CapEff");
  EXPECT_EQ(theirs.out, "CapEff:\t0000000000000000\n");
  EXPECT_EQ(ours.out, theirs.out);
  EXPECT_EQ(Read(d + "/err"), d + "/systrap-trace: " + d +
                                  "/cat has file capabilities: it runs traced without them, as "
                                  "under strace\n");
  Result preload = Shell(as_nobody + d + "/systrap-trace --preload -o /dev/null " + d +
                         "/cat /proc/self/status 2>&1");
  EXPECT_EQ(preload.status, 1);
  EXPECT_EQ(preload.out, d + "/systrap-trace: cannot trace " + d +
                             "/cat with the preload: it has file capabilities, and the loader "
                             "ignores LD_PRELOAD for it\n");

  // A program nobody may run but not read (mode 711): its exec makes the
  // process not dumpable, so no tracer may read or write its memory; the
  // image cannot be given, and the preload (which needs no such access)
  // traces it, said in one line. It was refused with "has no vDSO".
  Shell("cp /bin/true " + d + "/xtrue && chmod 711 " + d + "/xtrue");
  const std::string flags = " -e trace=exit_group -o " + d + "/";
  Shell("chmod 777 " + d);
  Result s = Shell(as_nobody + "strace" + flags + "s.out " + d + "/xtrue");
  Result o = Shell(as_nobody + d + "/systrap-trace" + flags + "o.out " + d + "/xtrue 2>" + d + "/err");
  EXPECT_EQ(s.status, 0);
  EXPECT_EQ(o.status, 0);
  EXPECT_EQ(Read(d + "/o.out"), "exit_group(0)                           = ?\n+++ exited with 0 +++\n");
  EXPECT_EQ(Read(d + "/o.out"), Read(d + "/s.out"));
  const std::string err = Read(d + "/err");
  EXPECT_NE(err.find("memory cannot be read or written: its program is not readable by us"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find(": tracing with the preload"), std::string::npos) << err;
  Shell("rm -rf " + d);
}

}  // namespace
