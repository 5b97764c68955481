// systrap-trace against strace itself: the same programs under both, the
// trace lines compared after masking what legitimately differs (addresses,
// pids, timings), the program's output and exit status unchanged.
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tools/trace/test_support.h"

namespace {

using namespace trace_test;

std::string Normalise(std::string l) {
  static const std::regex hex("0x[0-9a-f]+");
  static const std::regex pid("^[0-9]+ +");
  static const std::regex vars("/\\* [0-9]+ vars \\*/");
  // The parent differs by design: strace's child has strace as parent,
  // ours is exec'd in place by the launcher.
  static const std::regex ppid("^getppid\\(\\) += [0-9]+$");
  // Our pid and the tracee's differ between the two runs.
  static const std::regex mypid("^(getpid|gettid)\\(\\) += [0-9]+$");
  static const std::regex sipid("si_pid=[0-9]+");
  static const std::regex spaces(" +");
  l = std::regex_replace(l, hex, "0xADDR");
  l = std::regex_replace(l, pid, "");
  l = std::regex_replace(l, vars, "/* N vars */");
  l = std::regex_replace(l, ppid, "getppid() = PPID");
  l = std::regex_replace(l, mypid, "$1() = PID");
  l = std::regex_replace(l, sipid, "si_pid=PID");
  static const std::regex kills("^(t?g?kill)\\([0-9]+(, [0-9]+)?");
  static const std::regex child("^((clone|clone3|fork|vfork|wait4)\\(.*\\)) += [0-9]+$");
  static const std::regex resumed("^(<\\.\\.\\. wait4 resumed>.*\\)) += [0-9]+$");
  l = std::regex_replace(l, kills, "$1(PID");
  // Random by nature: getrandom's bytes, gcc's temporary file names, the
  // pid a parent waits for.
  static const std::regex random_bytes("^getrandom\\(\"[^\"]*\"");
  static const std::regex gcc_temp("/tmp/cc[A-Za-z0-9]{6}\\.");
  static const std::regex waited("^wait4\\([0-9]+,");
  l = std::regex_replace(l, random_bytes, "getrandom(\"RANDOM\"");
  l = std::regex_replace(l, gcc_temp, "/tmp/ccTEMP.");
  l = std::regex_replace(l, waited, "wait4(PID,");
  l = std::regex_replace(l, child, "$1 = PID");
  l = std::regex_replace(l, resumed, "$1 = PID");
  // set_tid_address returns the caller's tid; sysinfo's uptime, loads and
  // free memory, and a child's CPU time in its SIGCHLD, change between
  // runs; git's temporary names are random.
  static const std::regex tid_address("^(set_tid_address\\(.*\\)) += [0-9]+$");
  static const std::regex sysinfo_body("^sysinfo\\(\\{.*\\}\\)");
  static const std::regex cpu_time("si_(u|s)time=[0-9]+( /\\* [0-9.]+ s \\*/)?");
  static const std::regex git_temp("/\\.git/t[A-Za-z0-9]{6}\"");
  l = std::regex_replace(l, tid_address, "$1 = PID");
  l = std::regex_replace(l, sysinfo_body, "sysinfo({...})");
  l = std::regex_replace(l, cpu_time, "si_$1time=N");
  l = std::regex_replace(l, git_temp, "/.git/tTEMP\"");
  // Padding before " = " depends on the pid prefix's width.
  l = std::regex_replace(l, spaces, " ");
  return l;
}

// Normalise, for the comparisons of whole programs' traces (Agreement,
// MissingFromOurs) where signals come when they come: rt_sigreturn returns
// the interrupted context's rax, what the call the signal came after
// returned (a shell's SIGCHLD after a read's 1 or a wait's 0).
std::string NormaliseTimed(const std::string& line) {
  static const std::regex sigreturn_rax("^(rt_sigreturn\\(.*\\)) = -?[0-9]+$");
  return std::regex_replace(Normalise(line), sigreturn_rax, "$1 = RAX");
}

const std::string kTracer = TracerCommand();

// Fraction of our lines that strace printed identically (as a multiset).
double Agreement(const std::vector<std::string>& ours,
                 const std::vector<std::string>& theirs,
                 std::vector<std::string>* missing) {
  std::multiset<std::string> pool;
  for (auto& l : theirs) pool.insert(NormaliseTimed(l));
  size_t same = 0;
  for (auto& l : ours) {
    auto it = pool.find(NormaliseTimed(l));
    if (it != pool.end()) {
      same++;
      pool.erase(it);
    } else {
      missing->push_back(l);
    }
  }
  return ours.empty() ? 0 : static_cast<double>(same) / ours.size();
}

// A line strace prints that we need not: its normalised form (a regex) and
// why. Each names one exact line of one comparison, never a kind of call.
struct Exemption {
  std::string line;
  std::string reason;
  // How many such lines one comparison may lack (0: any number), for a
  // line the program prints once anyway and a second time by chance.
  int at_most = 0;
};

// Each process's lines (by the -f prefix, in order of first appearance; one
// process without it), the prefix taken off.
std::vector<std::vector<std::string>> PerProcess(const std::vector<std::string>& lines) {
  static const std::regex prefixed("^([0-9]+) +(.*)$");
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::string>> per;
  for (auto& l : lines) {
    std::smatch m;
    std::string pid, rest = l;
    if (std::regex_match(l, m, prefixed)) pid = m[1], rest = m[2];
    if (!per.count(pid)) order.push_back(pid);
    per[pid].push_back(rest);
  }
  std::vector<std::vector<std::string>> out;
  for (auto& pid : order) out.push_back(per[pid]);
  return out;
}

// One process's lines cut after each successful execve: a program each.
std::vector<std::vector<std::string>> PerProgram(const std::vector<std::string>& lines) {
  static const std::regex exec_done("^execve\\(.*\\) += 0$");
  std::vector<std::vector<std::string>> out(1);
  for (auto& l : lines) {
    out.back().push_back(l);
    if (std::regex_match(l, exec_done)) out.emplace_back();
  }
  return out;
}

// The other direction: every line strace printed for a program once our
// start-up was done, we printed too (as a multiset, after Normalise), but
// the exempted and those strace's second run (again) did not print: a
// program's calls may differ between runs (timing, the machine's load). Where start-up ends, as the test can know it: under the
// image we trace from the execve on, so from strace's first line (the
// boundary must be there: *late_start names any program where it is not);
// the preload starts in its constructor, after the dynamic loader's calls
// and other libraries' constructors, so from where our first lines for that
// program (up to three, in sequence) appear in strace's. Processes are
// paired in order of first appearance, and within a process the programs
// it ran (cut at each execve) from the last.
std::vector<std::string> MissingFromOurs(const std::vector<std::string>& ours,
                                         const std::vector<std::string>& theirs,
                                         const std::vector<std::string>& again,
                                         const std::vector<Exemption>& exempt,
                                         std::vector<std::string>* late_start) {
  std::vector<std::string> missing;
  auto po = PerProcess(ours), pt = PerProcess(theirs), pa = PerProcess(again);
  if (po.size() != pt.size())
    missing.push_back("(" + std::to_string(pt.size()) + " processes, ours " +
                      std::to_string(po.size()) + ")");
  for (size_t p = 0; p < po.size() && p < pt.size(); p++) {
    auto so = PerProgram(po[p]), st = PerProgram(pt[p]);
    auto sa = p < pa.size() ? PerProgram(pa[p]) : std::vector<std::vector<std::string>>();
    for (size_t i = 1; i <= so.size() && i <= st.size(); i++) {
      std::vector<std::string> a, b;
      for (auto& l : so[so.size() - i]) a.push_back(NormaliseTimed(l));
      for (auto& l : st[st.size() - i]) b.push_back(NormaliseTimed(l));
      if (a.empty()) continue;
      size_t want = std::min<size_t>(3, a.size()), start = b.size();
      for (size_t run = want; run >= 1 && start == b.size(); run--)
        for (size_t k = 0; k + run <= b.size() && start == b.size(); k++)
          if (std::equal(a.begin(), a.begin() + run, b.begin() + k)) start = k;
      if (start == b.size()) start = 0;
      if (start != 0) late_start->push_back(b[start]);
      std::multiset<std::string> pool(a.begin(), a.end()), steady;
      std::vector<int> used(exempt.size(), 0);
      if (i <= sa.size())
        for (auto& l : sa[sa.size() - i]) steady.insert(NormaliseTimed(l));
      for (size_t k = start; k < b.size(); k++) {
        // Printed by strace's second run too (each of its lines counts once).
        auto in_again = steady.find(b[k]);
        bool excused = in_again == steady.end();
        if (!excused) steady.erase(in_again);
        auto it = pool.find(b[k]);
        if (it != pool.end()) {
          pool.erase(it);
          continue;
        }
        for (size_t e = 0; e < exempt.size() && !excused; e++)
          if (std::regex_match(b[k], std::regex(exempt[e].line)) &&
              (!exempt[e].at_most || used[e] < exempt[e].at_most)) {
            excused = true;
            used[e]++;
          }
        if (!excused) missing.push_back(st[st.size() - i][k]);
      }
    }
  }
  return missing;
}

// Where a call is split by "<unfinished ...>" and "<... NAME resumed>"
// depends on timing: join the halves (per pid) into the whole line.
void whole(std::vector<std::string>* v) {
  static const std::regex unfinished("^([0-9]+ +)?(.*?) ?<unfinished \\.\\.\\.>$");
  static const std::regex resumed("^([0-9]+ +)?<\\.\\.\\. [a-z0-9_]+ resumed>(.*)$");
  std::map<std::string, std::string> open;
  std::vector<std::string> out;
  std::smatch m;
  for (auto& l : *v) {
    if (std::regex_match(l, m, unfinished)) {
      open[m[1].str()] = m[1].str() + m[2].str();
    } else if (std::regex_match(l, m, resumed)) {
      auto it = open.find(m[1].str());
      if (it != open.end()) {
        out.push_back(it->second + m[2].str());
        open.erase(it);
      }
    } else {
      out.push_back(l);
    }
  }
  *v = out;
}

// Runs prog under both tracers (with flags) and natively; output and status
// must agree. Returns {ours, strace's} lines.
// With a deadline (seconds), our run is killed at it (its status then
// SIGKILL's, the program's whole process group with it), so that a program
// that hangs traced fails the test instead of holding it.
std::pair<std::vector<std::string>, std::vector<std::string>> BothTraces(
    const std::string& name, const std::string& prog, const std::string& flags = "",
    int deadline = 0) {
  std::string ours = TmpPath(name + ".systrap"), theirs = TmpPath(name + ".strace");
  std::string limit = deadline ? "timeout -s KILL " + std::to_string(deadline) + " " : "";
  Result a = Shell(limit + kTracer + " " + flags + " -o " + ours + " -- " + prog);
  Result b = Shell("strace " + flags + " -o " + theirs + " -- " + prog);
  Result native = Shell(prog);
  EXPECT_EQ(a.out, native.out) << name;
  EXPECT_EQ(a.status, native.status) << name;
  EXPECT_EQ(b.status, native.status) << name;
  auto o = Lines(ours), t = Lines(theirs);
  whole(&o);
  whole(&t);
  return {o, t};
}

bool PreloadMode() {
  const char* mode = getenv("SYSTRAP_TEST_MODE");
  return mode && std::string(mode) == "preload";
}

// Both directions: nearly all our lines are strace's (a few may differ by
// timing), and every line strace printed after our start-up is ours but
// the exempted (MissingFromOurs).
void CompareWithStrace(const std::string& name, const std::string& prog,
                       const std::string& flags = "",
                       const std::vector<Exemption>& exempt = {}) {
  // stderr to /dev/null: the test's log, a file that grows between the
  // runs, would read back a different size and offset in each.
  auto [o, t] = BothTraces(name, prog + " 2>/dev/null", flags);
  ASSERT_GT(o.size(), 3u) << name << ": no trace";
  std::vector<std::string> missing;
  double agree = Agreement(o, t, &missing);
  std::string report;
  for (size_t i = 0; i < missing.size() && i < 15; i++) report += "  " + missing[i] + "\n";
  EXPECT_GE(agree, 0.95) << name << ": " << missing.size() << " of " << o.size()
                         << " lines differ from strace's, e.g.\n" << report;
  std::string again_path = TmpPath(name + ".strace2");
  Shell("strace " + flags + " -o " + again_path + " -- " + prog + " >/dev/null 2>&1");
  auto again = Lines(again_path);
  whole(&again);
  std::vector<std::string> late;
  auto lacking = MissingFromOurs(o, t, again, exempt, &late);
  report.clear();
  static const std::regex call_name("^(?:[0-9]+ +)?([a-z0-9_]+)\\(");
  for (size_t i = 0; i < lacking.size() && i < 15; i++) {
    report += "  " + lacking[i] + "\n";
    // What we printed for that call instead, if anything.
    std::smatch m;
    if (!std::regex_search(lacking[i], m, call_name)) continue;
    int shown = 0;
    for (auto& l : o)
      if (shown < 3 && l.find(m[1].str() + "(") != std::string::npos)
        report += "    ours: " + l + "\n", shown++;
  }
  EXPECT_TRUE(lacking.empty()) << name << ": " << lacking.size()
                               << " lines strace printed are not ours, e.g.\n" << report;
  if (!PreloadMode())
    for (auto& l : late) ADD_FAILURE() << name << ": our trace of a program starts late, at " << l;
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

// python3's own executable: on PATH there may be a shim (pyenv's is a
// bash script that runs python3 through two more), whose shells' timing
// would be what is compared.
std::string Python3() {
  static const std::string path = [] {
    std::string p = Shell("python3 -c 'import sys; print(sys.executable)'").out;
    return p.empty() ? std::string("python3") : p.substr(0, p.size() - 1);
  }();
  return path;
}

TEST(TraceCompare, Python3MatchesStrace) {
  CompareWithStrace("python3", Python3() + " -S -c 'print(sum(range(10)))'");
}

TEST(TraceCompare, ShellGitGccMakeMatchStrace) {
  // Whether bash reaps a child in its blocking wait4 or in its SIGCHLD
  // handler's wait4(WNOHANG) depends on which runs first, the child's exit
  // or bash's wait: strace slows bash down, so it mostly takes the
  // handler's way, and we the other.
  std::vector<Exemption> reaped = {
      {"wait4\\(-1, \\[\\{WIFEXITED\\(s\\) && WEXITSTATUS\\(s\\) == 0\\}\\], (WNOHANG|0), NULL\\) "
       "= PID",
       "bash reaps its child in wait4 or in its SIGCHLD handler, by timing"}};
  CompareWithStrace("bash", "bash -c 'echo hi; /bin/true; ls / >/dev/null'", "", reaped);
  CompareWithStrace("bash_f", "bash -c 'echo hi; /bin/true; ls / >/dev/null'", "-f", reaped);
  CompareWithStrace("git_version", "git --version");
  std::string dir = TmpPath("gitrepo");
  Shell("rm -rf " + dir);
  // git init makes its probe files with mkstemp: glibc's tempname, which
  // may draw once more with getrandom (below, gcc's), as it did once in
  // a full test run under strace.
  const Exemption tempname_redraw = {
      "getrandom\\(\"RANDOM\", 8, GRND_NONBLOCK\\) = 8",
      "glibc's tempname redraws a biased name with getrandom, by chance", 1};
  CompareWithStrace("git_init", "git init -q " + dir + " && rm -rf " + dir, "",
                    {tempname_redraw});
  std::string src = TmpPath("tiny.c");
  Shell("echo 'int main(void) { return 0; }' > " + src);
  // To /dev/null: an object file left by the first run would change
  // what the second one's calls return.
  // gcc leaves SIGCHLD at SIG_DFL: the kernel discards the one its
  // children's exits send, so it shows only where a tracer makes the kernel
  // queue it (docs/DESIGN.md, known limits: a child's SIGCHLD the program
  // ignores is not seen).
  // gcc's temporary file name: glibc's tempname draws its bits from the
  // clock and, when they would bias the name, draws again with getrandom
  // (seen in 1 of 20 runs under strace, 2 of 20 under ours): a run may
  // show one getrandom more than another, whoever traces it. One only:
  // malloc's own getrandom, in every run, must still be ours.
  CompareWithStrace("gcc", "gcc -c " + src + " -o /dev/null", "",
                    {{"--- SIGCHLD \\{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=PID, si_uid=0, "
                      "si_status=0, si_utime=N, si_stime=N\\} ---",
                      "a child's SIGCHLD gcc ignores (SIG_DFL): known limit"},
                     tempname_redraw});
  // In a directory of its own (make reads it): the traces are written
  // into the test's, which grows between the runs.
  std::string mkdir = TmpPath("makedir");
  Shell("mkdir -p " + mkdir + " && printf 'all:\\n\\t@echo made\\n' > " + mkdir + "/Makefile");
  CompareWithStrace("make", "make -s -C " + mkdir);
}

// Signals delivered to the program's handlers, interrupted and restarted
// calls, and deaths by signal print as strace prints them.
TEST(TraceSignals, HandlersAndDeathsMatchStrace) {
  for (const char* mode : {"usr1", "restart", "eintr", "altstack"}) {
    std::string name = std::string("signals_") + mode;
    CompareWithStrace(name, Runfile("testdata/signals") + " " + mode);
    auto lines = Lines(TmpPath(name + ".systrap"));
    int signal_lines = 0;
    for (auto& l : lines)
      if (l.rfind("--- SIG", 0) == 0) signal_lines++;
    EXPECT_GT(signal_lines, 0) << name;
  }
  // The SIGALRM interrupting read: strace's exact sequence.
  auto lines = Lines(TmpPath("signals_restart.systrap"));
  std::string seq;
  for (auto& l : lines)
    if (l.rfind("read(", 0) == 0 || l.rfind("---", 0) == 0 || l.rfind("rt_sigreturn", 0) == 0)
      seq += Normalise(l) + "\n";
  EXPECT_NE(seq.find("read(3, 0xADDR, 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)\n"
                     "--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---\n"
                     "rt_sigreturn({mask=[]}) = 0\n"
                     "read(3, \"x\", 1) = 1\n"),
            std::string::npos) << seq;
  // Killed by a signal the program left at SIG_DFL; abort() too.
  CompareWithStrace("killed", Python3() + " -S -c 'import os; os.kill(os.getpid(), 15)'");
  auto k = Lines(TmpPath("killed.systrap"));
  ASSERT_GE(k.size(), 2u);
  EXPECT_EQ(k.back(), "+++ killed by SIGTERM +++");
  EXPECT_EQ(Normalise(k[k.size() - 2]),
            "--- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=PID, si_uid=0} ---");
  CompareWithStrace("abort", Python3() + " -S -c 'import os; os.abort()'");
  EXPECT_EQ(Lines(TmpPath("abort.systrap")).back(), "+++ killed by SIGABRT +++");
}

// Each process's lines (PerProcess), normalised, with a call split by
// another process's line ("<unfinished ...>", then its "<... name
// resumed>" line) joined whole: where the split falls is a matter of
// timing (strace's too).
std::vector<std::vector<std::string>> JoinedPerProcess(const std::string& path) {
  static const std::regex unfinished("^(.*) <unfinished \\.\\.\\.>$");
  static const std::regex resumed("^<\\.\\.\\. [a-z0-9_]+ resumed>(.*)$");
  std::vector<std::vector<std::string>> out;
  for (auto& lines : PerProcess(Lines(path))) {
    std::vector<std::string> v;
    std::smatch m, r;
    for (auto& l : lines) {
      if (!v.empty() && std::regex_match(v.back(), m, unfinished) &&
          std::regex_match(l, r, resumed)) {
        v.back() = Normalise(m[1].str() + r[1].str());
        continue;
      }
      v.push_back(Normalise(l));
    }
    out.push_back(v);
  }
  return out;
}

std::map<std::string, std::pair<long, long>> SummaryCounts(const std::string& path);

// A call the kernel restarts once a signal's SA_RESTART handler returns
// (testdata/interrupted_waits' restarted_* modes): strace sees the
// attempt end "= ? ERESTARTSYS" and the restart enter anew, a call of its
// own, as it does every call. So does the core (it runs the restart
// through the hooks again): its line is whole when another thread's line
// comes while it waits (-f), it is the one a kill finds ("read(3,
// <unfinished ...>) = ?"), -e inject's when= counts it, and -c counts
// both. The lines of each process as strace's.
// Not the loader's reads of ELF headers, which the preload does not see.
void DropLoaderReads(std::vector<std::vector<std::string>>& per_process) {
  for (auto& p : per_process)
    p.erase(std::remove_if(p.begin(), p.end(),
                           [](const std::string& l) {
                             return l.find("\"\\177ELF") != std::string::npos;
                           }),
            p.end());
}

TEST(TraceSignals, RestartedCallsMatchStrace) {
  const std::string prog = Runfile("testdata/interrupted_waits");
  const std::string calls = " -e trace=read,recvfrom,write,rt_sigreturn,kill ";
  struct Case {
    std::string name, flags, mode;
  } cases[] = {
      {"restart_alone", calls, "restarted_read"},
      {"restart_f", "-f" + calls, "restarted_read"},
      {"restart_thread_writes", "-f" + calls, "restarted_then_write"},
      {"restart_killed", calls, "restarted_then_killed"},
      {"restart_killed_f", "-f" + calls, "restarted_then_killed"},
      {"restart_inject", calls + "-e inject=recvfrom:error=EIO:when=2", "restarted_recvfrom"},
      {"restart_inject_value", calls + "-e inject=recvfrom:retval=7:when=2",
       "restarted_recvfrom"},
      {"restart_inject_first", calls + "-e inject=recvfrom:error=EIO:when=1",
       "restarted_recvfrom"},
  };
  for (auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::string ours = TmpPath(c.name + ".systrap"), theirs = TmpPath(c.name + ".strace");
    std::string cmd = prog + " " + c.mode;
    Result native = Shell(cmd);
    Result a = Shell(kTracer + " -o " + ours + " " + c.flags + " " + cmd);
    Result b = Shell("strace -o " + theirs + " " + c.flags + " " + cmd);
    EXPECT_EQ(a.out, b.out);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(b.status, native.status);
    if (c.mode != "restarted_recvfrom") { EXPECT_EQ(b.out, native.out); }
    auto o = JoinedPerProcess(ours), t = JoinedPerProcess(theirs);
    DropLoaderReads(o);
    DropLoaderReads(t);
    // Each task's lines in order; the tasks in any order (with -f, when
    // the alarm's watcher thread says its end against the child's kill
    // differs from run to run, in strace's trace as in ours).
    auto os = o, ts = t;
    std::sort(os.begin(), os.end());
    std::sort(ts.begin(), ts.end());
    EXPECT_EQ(os, ts);
    ASSERT_FALSE(t.empty());
    // Interrupted, unless the first attempt was injected (not made).
    std::string call = c.mode == "restarted_recvfrom" ? "recvfrom(3, 0xADDR, 1, 0, NULL, NULL)"
                                                      : "read(3, 0xADDR, 1)";
    if (c.flags.find("when=1") == std::string::npos) {
      EXPECT_NE(std::find(t[0].begin(), t[0].end(),
                          call + " = ? ERESTARTSYS (To be restarted if SA_RESTART is set)"),
                t[0].end());
    }
  }
  // -c: the attempt and its restart, one error (ERESTARTSYS) among them.
  std::string ours = TmpPath("restart_c.systrap"), theirs = TmpPath("restart_c.strace");
  Shell(kTracer + " -c -o " + ours + calls + prog + " restarted_recvfrom");
  Shell("strace -c -o " + theirs + calls + prog + " restarted_recvfrom");
  auto a = SummaryCounts(ours), b = SummaryCounts(theirs);
  EXPECT_EQ(a["recvfrom"], b["recvfrom"]);
  EXPECT_EQ(a["rt_sigreturn"], b["rt_sigreturn"]);
  EXPECT_EQ(b["recvfrom"], std::make_pair(2L, 1L));
}

// Restarts where what the restart finds changed since the attempt
// (testdata/restart_cases): the site's page patched meanwhile, lazily, with
// a jump whose window covers the site (the program once resumed inside
// it: SIGSEGV); a handler's edit to its frame's count or number, which the
// kernel restarts the call with (once dropped: the read made again as it
// was). Each line as strace's, each run as native. Not restart_syscall's
// line ("renamed" makes one): strace names in it the call it last saw
// interrupted ("<... resuming interrupted rt_sigreturn ...>"), which we do
// not keep.
// cmd run natively, under us and under strace with flags (name: the
// traces' files): each run's output and status as native's, each
// process's lines as strace's (not the loader's reads); returns
// strace's lines.
std::vector<std::vector<std::string>> RunAsStrace(const std::string& name,
                                                  const std::string& flags,
                                                  const std::string& cmd) {
  std::string ours = TmpPath(name + ".systrap"), theirs = TmpPath(name + ".strace");
  Result native = Shell(cmd);
  Result a = Shell(kTracer + " -o " + ours + flags + cmd);
  Result b = Shell("strace -o " + theirs + flags + cmd);
  EXPECT_EQ(native.status, 0);
  EXPECT_EQ(a.out, native.out);
  EXPECT_EQ(a.status, native.status);
  EXPECT_EQ(b.out, native.out);
  auto o = JoinedPerProcess(ours), t = JoinedPerProcess(theirs);
  DropLoaderReads(o);
  DropLoaderReads(t);
  EXPECT_EQ(o, t);
  return t;
}

TEST(TraceSignals, RestartsOfChangedCallsMatchStrace) {
  const std::string prog = Runfile("testdata/restart_cases");
  const std::string calls = " -e trace=read,write,rt_sigreturn ";
  for (std::string mode : {"patched", "cover", "edited", "renamed"}) {
    SCOPED_TRACE(mode);
    ASSERT_FALSE(RunAsStrace("changed_" + mode, calls, prog + " " + mode).empty());
  }
}

// SIGILL, SIGTRAP or SIGSYS sent by another process while the program
// waits in a read (testdata/trap_signals' *-sent-* modes): the signal the
// trap kind or sealed mode makes the core's own is the program's all the
// same, and the read is restarted as the program's handler's SA_RESTART
// says (once it failed with EINTR whatever that said), the restart a call
// of its own. Each run as native, the read and signal lines as strace's
// (not rt_sigreturn's: the program's handler of a signal the core owns
// returns into ours, DESIGN.md's known limits).
TEST(TraceSignals, SentTrapSignalsRestartAsStrace) {
  const std::string prog = Runfile("testdata/trap_signals");
  for (std::string sig : {"ill", "trap", "sys"}) {
    for (std::string how : {"restart", "eintr"}) {
      std::string mode = sig + "-sent-" + how;
      SCOPED_TRACE(mode);
      std::string name = sig == "ill" ? "SIGILL" : sig == "trap" ? "SIGTRAP" : "SIGSYS";
      std::string flags = " -e trace=read -e signal=" + name + " ";
      std::string cmd = prog + " " + mode;
      EXPECT_EQ(Shell(cmd).out, how == "restart" ? "read 1 x\nhandler ran 1 times\n"
                                                 : "read -1 EINTR\nread again 1 x\n"
                                                   "handler ran 1 times\n");
      auto t = RunAsStrace("sent_" + mode, flags, cmd);
      ASSERT_EQ(t.size(), 1u);
      EXPECT_EQ(t[0], (std::vector<std::string>{
                          "read(3, 0xADDR, 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)",
                          "--- " + name + " {si_signo=" + name +
                              ", si_code=SI_USER, si_pid=PID, si_uid=0} ---",
                          "read(3, \"x\", 1) = 1", "+++ exited with 0 +++"}));
    }
  }
}

// The same signals sent to the whole process while the thread the kernel
// chooses blocks them (testdata/trap_signals' *-process-* modes, the main
// thread gone, thread B blocking it for good, thread A taking it at once
// or once it unblocks it): one signal line, with kill's si_code and the
// sender's pid, in the thread that takes it, as strace shows it. (The
// core once kept it in B: no line, the handler never ran.)
TEST(TraceSignals, TrapSignalsSentToTheProcessMatchStrace) {
  const std::string prog = Runfile("testdata/trap_signals");
  for (std::string sig : {"ill", "trap", "sys"}) {
    for (std::string when : {"other", "later"}) {
      std::string mode = sig + "-process-" + when;
      SCOPED_TRACE(mode);
      std::string name = sig == "ill" ? "SIGILL" : sig == "trap" ? "SIGTRAP" : "SIGSYS";
      std::string flags = " -f -e trace=exit_group -e signal=" + name + " ";
      std::string ours = TmpPath("process_" + mode + ".systrap");
      std::string theirs = TmpPath("process_" + mode + ".strace");
      std::string cmd = prog + " " + mode;
      Result native = Shell(cmd);
      Result a = Shell(kTracer + " -o " + ours + flags + cmd);
      Result b = Shell("strace -o " + theirs + flags + cmd);
      const std::string says =
          "handler ran 1 times, in thread A: yes, si_code 0, from the sender: yes\n";
      EXPECT_EQ(native.out, says);
      EXPECT_EQ(a.out, says);
      EXPECT_EQ(b.out, says);
      EXPECT_EQ(a.status, 0);
      // The signal lines: the same, and each in the thread that ends
      // the process (A, which prints and calls exit, after the sender
      // child's exit).
      auto signal_lines = [](const std::string& path) {
        std::vector<std::string> v;
        std::string taker;
        static const std::regex line("^([0-9]+) +(--- .*)$");
        static const std::regex sender_pid("si_pid=([0-9]+)");
        // Whole, or cut by another thread's line (strace under load:
        // "exit_group(0 <unfinished ...>", B's end, then the resumed
        // half), which once made the sender the taker (CI, session 36).
        static const std::regex exits("^([0-9]+) +exit_group\\(0(\\) += \\?| <unfinished \\.\\.\\.>)$");
        std::vector<std::pair<std::string, std::string>> found;
        std::vector<std::string> exiters;
        std::string sender;
        for (auto& l : Lines(path)) {
          std::smatch m;
          if (std::regex_match(l, m, line)) {
            found.push_back({m[1], Normalise(m[2])});
            std::smatch p;
            std::string text = m[2];
            if (std::regex_search(text, p, sender_pid)) sender = p[1];
          }
          if (std::regex_match(l, m, exits)) exiters.push_back(m[1]);
        }
        // A is the one that calls exit_group other than the sender,
        // whose pid the signal names, whichever of the two lines comes
        // last (session 47: once, in a -c dbg run under load, strace's
        // file put the signal line "elsewhere" by the last-line rule
        // while the program said its handler ran in A).
        for (auto& e : exiters)
          if (e != sender) taker = e;
        for (auto& [tid, text] : found)
          v.push_back((tid == taker ? "in A: " : "elsewhere: ") + text);
        return v;
      };
      EXPECT_EQ(signal_lines(ours), signal_lines(theirs));
      EXPECT_EQ(signal_lines(theirs),
                (std::vector<std::string>{"in A: --- " + name + " {si_signo=" + name +
                                          ", si_code=SI_USER, si_pid=PID, si_uid=0} ---"}));
    }
  }
}

// 8 threads x 20000 getppid with -f -o: every call exactly once, whole or
// as an "<unfinished ...>" line followed (in its thread) by its
// "<... getppid resumed>" line; no torn or mixed lines.
TEST(TraceThreads, EveryCallOnceNoTornLines) {
  std::string path = TmpPath("threads.txt");
  Result r = Shell(kTracer + " -f -o " + path + " " + Runfile("testdata/threads"));
  ASSERT_EQ(r.status, 0) << r.out;
  static const std::regex line_re("^([0-9]+) +(.*)$");
  std::map<std::string, int> whole, open_unfinished, per_tid;
  long total = 0;
  for (auto& l : Lines(path)) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(l, m, line_re)) << "torn or unprefixed: " << l;
    std::string tid = m[1], rest = m[2];
    if (rest.rfind("getppid()", 0) == 0) {
      EXPECT_EQ(open_unfinished[tid], 0) << l;
      EXPECT_NE(rest.find(" = "), std::string::npos) << l;
      per_tid[tid]++;
      total++;
    } else if (rest == "getppid( <unfinished ...>") {
      EXPECT_EQ(open_unfinished[tid], 0) << l;
      open_unfinished[tid]++;
    } else if (rest.rfind("<... getppid resumed>) ", 0) == 0) {
      EXPECT_EQ(open_unfinished[tid], 1) << l;
      open_unfinished[tid]--;
      per_tid[tid]++;
      total++;
    }
  }
  EXPECT_EQ(total, 8 * 20000 + 1);  // and main's own getppid()
  int busy_threads = 0;
  for (auto& [tid, n] : per_tid)
    if (n == 20000) busy_threads++;
  EXPECT_EQ(busy_threads, 8);
  for (auto& [tid, n] : open_unfinished) EXPECT_EQ(n, 0) << tid;
}

// A program waiting in a call shows that call while it waits, as under
// strace: the entry half is written when the call starts (no newline yet),
// the rest when it ends. Checked on both tracers, the same way: the file is
// read until its unfinished last line starts with clock_nanosleep.
std::string WaitingLine(const std::string& tracer, const std::string& path) {
  pid_t pid = StartShell(tracer + " -o " + path + " sleep 3");
  std::string tail;
  for (int i = 0; i < 280 && tail.empty(); i++) {
    usleep(10000);
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    std::string all = ss.str();
    size_t nl = all.rfind('\n');
    std::string last = nl == std::string::npos ? all : all.substr(nl + 1);
    if (last.rfind("clock_nanosleep(", 0) == 0) tail = last;
  }
  int st = 0;
  waitpid(pid, &st, 0);
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << tracer;
  // Once it ended, the same line is whole.
  bool whole = false;
  for (auto& l : Lines(path))
    if (!tail.empty() && l.rfind(tail, 0) == 0 && l.size() > tail.size() &&
        l.compare(l.size() - 4, 4, " = 0") == 0)
      whole = true;
  EXPECT_TRUE(whole) << tracer << ": no whole line starting with '" << tail << "'";
  return tail;
}

TEST(TraceOutput, WaitingCallIsShownWhileItWaits) {
  std::string ours = WaitingLine(kTracer, TmpPath("waiting_ours.txt"));
  std::string theirs = WaitingLine("strace", TmpPath("waiting_strace.txt"));
  EXPECT_EQ(ours, "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=3, tv_nsec=0}, ");
  EXPECT_EQ(ours, theirs);
}

// With -f and several writers, a waiting call is written "<unfinished ...>"
// when it starts (an open line could get another process's line inside it)
// and "<... name resumed>" when it ends: a hung child shows what it waits in.
// Among several processes (-f) a call that waits is shown while it waits,
// its entry half on a line left open, as strace writes it; its end
// completes that line when no other line came between (then it is one
// line, as strace's), else it is "<unfinished ...>" and "<... resumed>".
// The shell's wait4 is cut by its child's lines; the child's sleep is not.
TEST(TraceOutput, WaitingCallAmongProcessesIsShownWhileItWaits) {
  std::string path = TmpPath("waiting_f.txt");
  static const std::regex waiting(
      "^[0-9]+ +clock_nanosleep\\(CLOCK_REALTIME, 0, \\{tv_sec=3, tv_nsec=0\\}, $");
  auto shape = [](const std::vector<std::string>& lines) {
    static const std::regex whole(
        "^[0-9]+ +clock_nanosleep\\(CLOCK_REALTIME, 0, \\{tv_sec=3, tv_nsec=0\\}, "
        "0x[0-9a-f]+\\) += 0$");
    static const std::regex wait_cut("^[0-9]+ +wait4\\(-1,  <unfinished \\.\\.\\.>$");
    static const std::regex wait_resumed("^[0-9]+ +<\\.\\.\\. wait4 resumed>.* = [0-9]+$");
    std::string s;
    for (auto& l : lines) {
      if (std::regex_match(l, whole)) s += "sleep whole; ";
      if (l.find("clock_nanosleep resumed") != std::string::npos) s += "sleep resumed; ";
      if (std::regex_match(l, wait_cut)) s += "wait4 cut; ";
      if (std::regex_match(l, wait_resumed)) s += "wait4 resumed; ";
    }
    return s;
  };
  // A run traced as it happens: the sleep's line open while it sleeps,
  // then whole. Under a loaded CI machine the forked child can exec and
  // start sleeping before bash's clone returns, and bash's clone line then
  // cuts the sleep's, as it would strace's: the shape must be ours in one
  // of three runs (the program's own scheduling, not ours).
  bool seen = false;
  std::string our_shape;
  for (int run = 0; run < 3 && !(seen && our_shape == "wait4 cut; sleep whole; wait4 resumed; ");
       run++) {
    pid_t pid = StartShell(kTracer + " -f -o " + path + " bash -c 'sleep 3; true'");
    seen = false;
    for (int i = 0; i < 280 && !seen; i++) {
      usleep(10000);
      auto lines = Lines(path);
      if (!lines.empty() && std::regex_match(lines.back(), waiting)) seen = true;
    }
    int st = 0;
    waitpid(pid, &st, 0);
    EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    our_shape = shape(Lines(path));
  }
  EXPECT_TRUE(seen) << "no open clock_nanosleep line while sleep waited";
  EXPECT_EQ(our_shape, "wait4 cut; sleep whole; wait4 resumed; ") << Read(path);
  // The oracle: strace writes that shape too. Under a loaded CI machine
  // strace itself sometimes splits the sleep (its own scheduling, not the
  // programs'): the shape must be strace's in one of three runs.
  std::string theirs = TmpPath("waiting_f.strace"), their_shape;
  for (int run = 0; run < 3 && their_shape != "wait4 cut; sleep whole; wait4 resumed; "; run++) {
    Shell("strace -f -o " + theirs + " bash -c 'sleep 3; true'");
    their_shape = shape(Lines(theirs));
  }
  EXPECT_EQ(their_shape, "wait4 cut; sleep whole; wait4 resumed; ") << Read(theirs);
}

// -f: lines in time order, as strace writes them. Two threads make one call
// each in strict turns (handing the turn over through memory alone), so
// their getpid and getppid lines must alternate, whatever each thread's
// buffering would group. A call is where its entry is: whole, or
// "<unfinished ...>" when another thread's line came before its end, as
// strace writes it (the main thread's first call while the other thread
// starts, or its pthread_join's futex beside the other's last call: they
// run at the same time), then resumed once, by the same thread.
TEST(TraceThreads, LinesAreInTimeOrder) {
  std::string path = TmpPath("turns.txt");
  Result r = Shell(kTracer + " -f -o " + path + " " + Runfile("testdata/thread_turns"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "turns done\n");
  static const std::regex call_re(
      "^([0-9]+) +(getpid|getppid)\\((\\) += [0-9]+| <unfinished \\.\\.\\.>)$");
  static const std::regex resumed_re(
      "^([0-9]+) +<\\.\\.\\. (getpid|getppid) resumed>\\) += [0-9]+$");
  std::string order;
  std::map<std::string, std::string> open;  // tid -> its unfinished call
  int split = 0;
  for (auto& l : Lines(path)) {
    std::smatch m;
    if (std::regex_match(l, m, call_re)) {
      order += m[2] == "getpid" ? "a" : "b";
      if (m[3].str()[0] == ' ') {
        EXPECT_EQ(open.count(m[1]), 0u) << l;
        open[m[1]] = m[2];
        split++;
      }
    } else if (std::regex_match(l, m, resumed_re)) {
      EXPECT_EQ(open[m[1]], m[2]) << "resumed without its entry: " << l;
      open.erase(m[1]);
    }
  }
  for (auto& [tid, name] : open) ADD_FAILURE() << tid << "'s " << name << " never resumed";
  std::string want;
  for (int i = 0; i < 300; i++) want += "ab";
  EXPECT_EQ(order, want) << split << " calls split";
}

// Calls made while every signal is blocked, SIGSEGV and SIGBUS included,
// whose paths systrap reads through the kernel (without RTM), in each kind
// of new task: fork children of the first thread and of another, a clone3
// child, a vfork-like clone3 child made from the same struct clone_args
// (the first clone3's arguments, read once, must not stand for the
// second's), a vfork-like clone with CLONE_SIGHAND whose child execs a
// sleeper (a read of its parent's that named the child read the
// sleeper's memory), a thread that starts blocked and unblocks. Each child writes
// a path of its own over its copy of its parent's before it opens it: a
// read that named the parent to the kernel (a tid kept across the fork)
// showed the parent's path. Every line as strace's; output and status as
// native.
TEST(TraceThreads, ReadsWhileEverySignalIsBlockedShowEachTasksOwnMemory) {
  auto [o, t] = BothTraces("blocked_reads", Runfile("testdata/blocked_reads"),
                           "-f -e trace=openat -e signal=none");
  static const std::regex pid_prefix("^[0-9]+ +");
  // A call cut by another task's line and joined again keeps the padding
  // its resumed half had before " = " (strace's, the sleeper's exec).
  static const std::regex padding("\\) {2,}= ");
  auto paths = [](const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    for (const std::string& l : lines)
      if (l.find("/nonexistent/") != std::string::npos)
        out.push_back(std::regex_replace(std::regex_replace(l, pid_prefix, ""), padding, ") = "));
    return out;
  };
  std::vector<std::string> ours = paths(o), theirs = paths(t), wanted;
  for (const char* p :
       {"blocked-main", "blocked-fork-child", "blocked-clone3-child", "blocked-vfork-like-child",
        "blocked-main-after-children", "blocked-vfork-sighand-child", "blocked-after-vfork-sighand",
        "blocked-forking-thread", "blocked-fork-of-a-thread",
        "blocked-forking-thread-again", "blocked-new-thread", "unblocked-new-thread",
        "unblocked-main"})
    wanted.push_back(std::string("openat(AT_FDCWD, \"/nonexistent/") + p +
                     "\", O_RDONLY) = -1 ENOENT (No such file or directory)");
  EXPECT_EQ(theirs, wanted);
  EXPECT_EQ(ours, wanted);
}

// How many of lines hold part.
static size_t Holding(const std::vector<std::string>& lines, const std::string& part) {
  size_t n = 0;
  for (const std::string& l : lines) n += l.find(part) != std::string::npos;
  return n;
}

// strace's lines for calls (its -e trace= list) of testdata/fault_signals
// run with args, natively and under the preload (strace's ptrace leaves us
// no other way), env set for the latter; both must exit 0.
struct NativeAndOurs {
  std::vector<std::string> native, ours;
};
static NativeAndOurs StraceFaultSignals(const std::string& args, const std::string& calls,
                                        const std::string& env = "") {
  const std::string prog = Runfile("testdata/fault_signals") + " " + args + " >/dev/null";
  const std::string tracer = Runfile("tools/trace/systrap-trace");
  const std::string native_log = TmpPath("fault_signals_calls.native"),
                    ours_log = TmpPath("fault_signals_calls.ours");
  const std::string strace = "strace -f -qq -e trace=" + calls + " -e signal=none -o ";
  EXPECT_EQ(Shell(strace + native_log + " " + prog + "; echo $?").out, "0\n");
  EXPECT_EQ(Shell(env + " " + strace + ours_log + " " + tracer + " --preload -o /dev/null -- " +
                  prog + "; echo $?")
                .out,
            "0\n");
  return {Lines(native_log), Lines(ours_log)};
}

// A threaded program's reads ask the kernel for the thread's mask only
// where it may have changed unseen (trap_signal.c, fault_mask): glibc's
// pthread_create blocks every signal around clone3, and from then on
// every read asked first (two rt_sigprocmask per openat below, 1,022 in
// all where natively there are 5). strace counts the calls for 500 calls
// whose path is read after a first thread: ours may add a few (the
// launcher's, a thread's first look), never one a read.
TEST(TraceThreads, ThreadedProgramsReadsAskNoMaskEach) {
  NativeAndOurs logs = StraceFaultSignals("reads 500", "rt_sigprocmask");
  size_t native = Holding(logs.native, "rt_sigprocmask("),
         ours = Holding(logs.ours, "rt_sigprocmask(");
  EXPECT_GE(native, 2u);  // pthread_create's block and restore
  EXPECT_LT(ours, native + 100) << "native " << native;
}

// A handler that runs with SIGSEGV blocked made every later read of the
// program's memory ask the kernel for the thread's mask, since the kernel
// set that mask unseen at each delivery: two rt_sigprocmask per openat
// below. "guarded": a SIGSEGV handler without SA_NODEFER (GCC's cc1,
// Rust's stack-overflow guard, a JVM's; 1,434 queries in one cc1 of a
// small C file), with a handled fault whose handler returns; "filled": a
// SIGUSR1 handler whose sa_mask is every signal (Go's, libuv's: two
// queries a stat in a Node.js loop), raised once. Their deliveries now
// enter through us, which set the handler's mask ourselves (trap_signal.c,
// fault_handler and wrapped_handler_entry). strace counts the calls for
// 500 path reads before and 500 after, with reads that recover from their
// own faults (TSX off where the CPU has RTM): ours may add a few (the
// launcher's, the handler's mask, one look after its return), never one a
// read.
TEST(TraceSignals, FaultMaskingHandlersCostNoMaskQueryARead) {
  for (const char* mode : {"guarded 500", "filled 500"}) {
    SCOPED_TRACE(mode);
    NativeAndOurs logs = StraceFaultSignals(mode, "rt_sigprocmask", "SYSTRAP_TSX=off");
    size_t native = Holding(logs.native, "rt_sigprocmask("),
           ours = Holding(logs.ours, "rt_sigprocmask(");
    EXPECT_LT(ours, native + 50) << "native " << native;
  }
}

// A SIGSEGV sent to the program (kill: si_code SI_USER) that landed while
// our copy of its memory ran was taken for the copy's own fault: the read
// came back short and the signal never reached the program's handler.
// "sent_in_copy 300": a child sends 300, each at a random moment once the
// last was handled, while the program opens a 4,000-byte path that the
// tracer reads; it gives up after 2 s without an answer (the old code:
// 49 handled). Each reaches the handler, and the trace shows each.
TEST(TraceSignals, SentFaultSignalsDuringOurReadsReachTheProgram) {
  const std::string prog = Runfile("testdata/fault_signals") + " sent_in_copy 300";
  Result native = Shell("timeout -s KILL 60 " + prog);
  ASSERT_EQ(native.out, "sent 300, handled 300, sender done\n");
  const std::string trace = TmpPath("sent_in_copy.trace");
  Result ours = Shell("SYSTRAP_TSX=off timeout -s KILL 60 " + kTracer + " -o " + trace + " " +
                      prog);
  EXPECT_EQ(ours.out, native.out);
  EXPECT_EQ(ours.status, 0);
  EXPECT_EQ(Holding(Lines(trace), "--- SIGSEGV {si_signo=SIGSEGV, si_code=SI_USER, "), 300u);
}

// A Go program's start made every read of its memory ask the kernel for
// the thread's mask (three rt_sigprocmask a traced os.Stat): Go gives
// SIGTRAP's and SIGILL's handlers a filled sa_mask, which was noted as a
// mask that blocks SIGSEGV unseen, though we run those handlers ourselves
// and set their masks; and its threads, made by clone without
// CLONE_SETTLS, ran on their creator's thread block, where a learnt mask
// cannot be trusted. With either mended alone the 1,000 reads of
// "golike 500" (its thread's, then its first thread's) still asked: 1,019
// and 1,021 of these calls, 1,022 with neither, 17 now (native: 5). Now
// the owned signals' handlers are not noted, and such a thread gets a
// block of its own. strace counts.
TEST(TraceThreads, GoLikeThreadsReadWithoutAskingForTheMask) {
  NativeAndOurs logs = StraceFaultSignals("golike 500", "rt_sigprocmask", "SYSTRAP_TSX=off");
  size_t native = Holding(logs.native, "rt_sigprocmask("),
         ours = Holding(logs.ours, "rt_sigprocmask(");
  EXPECT_GE(native, 3u);  // the block around the clone, the thread's own
  EXPECT_LT(ours, native + 50) << "native " << native;
}

// A new thread runs on a thread block of its own, a fork child in a copy
// of ours: neither touches its creator's, so the creator asks the kernel
// for neither its alternate stack nor its mask after the call (only a
// vfork-like child runs on the creator's block). Each pthread_create cost
// one sigaltstack and one rt_sigprocmask query more; strace counts them
// for 200 threads.
TEST(TraceThreads, NewThreadsCostTheirCreatorNoStackOrMaskQuery) {
  NativeAndOurs logs = StraceFaultSignals("threads 200", "sigaltstack,rt_sigprocmask");
  EXPECT_EQ(Holding(logs.native, "sigaltstack("), 0u);
  // Ours: the start's look at each thread's stack, never one a thread.
  EXPECT_LT(Holding(logs.ours, "sigaltstack("), 20u);
  // Natively 4 a thread (pthread_create's block and restore, the new
  // thread's restore and its exit's block). Through jumps ours add 2 a
  // thread, no more: the old mask read before the creator's block is set
  // (signal_calls.c), and the new thread's first look at its own; 3 with
  // the query after each pthread_create (1,413 against 801 natively).
  // With a trap at every site each trap's frame has a mask the kernel set
  // unseen, and the mask is asked more (2,014; 2,215 before): left out.
  size_t native = Holding(logs.native, "rt_sigprocmask("),
         ours = Holding(logs.ours, "rt_sigprocmask(");
  EXPECT_GE(native, 800u);
  if (!getenv("SYSTRAP_TRAP")) {
    EXPECT_LT(ours, native + 2 * 200 + 50) << "native " << native;
  }
}

// Every line under -f carries its process's pid, and each asked the kernel
// for it with getpid: ~30 calls a fork-exec of bash's, where its thread's
// state holds the pid already (set when the state is made and at each
// fork, as a confined program's lines have taken it since session 37).
// strace counts getpid for 50 /bin/true run by bash: 1,737 before (54
// natively), 418 now; what is left is each start's own few and the
// launcher's.
TEST(TraceFollow, LinesTakeTheirPidWithoutAskingTheKernel) {
  const std::string loop = "bash -c 'for i in $(seq 50); do /bin/true; done'";
  const std::string native_log = TmpPath("pid_calls.native"),
                    ours_log = TmpPath("pid_calls.ours");
  const std::string strace = "strace -f -qq -e trace=getpid -e signal=none -o ";
  ASSERT_EQ(Shell(strace + native_log + " " + loop + "; echo $?").out, "0\n");
  ASSERT_EQ(Shell(strace + ours_log + " " + kTracer + " --preload -f -o /dev/null " + loop +
                  "; echo $?")
                .out,
            "0\n");
  size_t native = Holding(Lines(native_log), "getpid("),
         ours = Holding(Lines(ours_log), "getpid(");
  EXPECT_GE(native, 50u);  // bash's own, one a child
  EXPECT_LT(ours, native + 12 * 50) << "native " << native;
}

// Execute-only code (testdata/exec_only.c): a fresh PROT_EXEC mapping,
// which a CPU with protection keys makes unreadable, and code made
// execute-only by a W^X flip. The program's output and status as native
// (BothTraces; it was killed by our read of the fresh mapping), and the
// stub's own getpid seen, as strace sees it.
TEST(TraceOutput, ExecuteOnlyCodeIsLeftReadableOrNotAsMapped) {
  auto [o, t] = BothTraces("exec_only", Runfile("testdata/exec_only"),
                           "-e trace=getpid,mprotect -e signal=none");
  // The program's own: the loader's mprotects come before the preload.
  EXPECT_EQ(Holding(o, "getpid()"), Holding(t, "getpid()"));
  EXPECT_EQ(Holding(o, "getpid()"), 2u);
  EXPECT_EQ(Holding(o, ", PROT_EXEC) = 0"), 1u);
  EXPECT_EQ(Holding(t, ", PROT_EXEC) = 0"), 1u);
}

// -f across fork and exec: the exec'd program's execve line, as strace
// prints it once exec succeeded (cut by the parent's line where that came
// while the exec ran); -ff: one file per process, no prefixes.
TEST(TraceFollow, ExecLineAndPerProcessFiles) {
  std::string path = TmpPath("follow.txt");
  Result r = Shell(kTracer + " -f -o " + path + " bash -c '/bin/true; echo done'");
  EXPECT_EQ(r.out, "done\n");
  static const std::regex exec_re(
      "^[0-9]+ +execve\\(\"/bin/true\", \\[\"/bin/true\"\\], 0x[0-9a-f]+ /\\* [0-9]+ vars \\*/\\) += 0$");
  int execs = 0, exits = 0;
  std::vector<std::string> lines = Lines(path);
  whole(&lines);
  for (auto& l : lines) {
    if (std::regex_match(l, exec_re)) execs++;
    if (l.find("+++ exited with 0 +++") != std::string::npos) exits++;
  }
  EXPECT_EQ(execs, 1);
  EXPECT_EQ(exits, 2);  // bash and true
  // Without -f the child is not followed.
  Shell(kTracer + " -o " + path + " bash -c '/bin/true; echo done'");
  for (auto& l : Lines(path)) EXPECT_EQ(l.find("execve(\"/bin/true\""), std::string::npos) << l;

  std::string dir = TmpPath("ff");
  Shell("rm -rf " + dir + " && mkdir " + dir);
  Shell(kTracer + " -ff -o " + dir + "/t bash -c '/bin/true; echo done'");
  Result files = Shell("ls " + dir);
  std::istringstream names(files.out);
  std::string f;
  int n = 0, with_exec = 0;
  while (names >> f) {
    EXPECT_TRUE(std::regex_match(f, std::regex("t\\.[0-9]+"))) << f;
    n++;
    for (auto& l : Lines(dir + "/" + f)) {
      EXPECT_FALSE(std::regex_search(l, std::regex("^[0-9]+ "))) << l;
      if (l.rfind("execve(\"/bin/true\"", 0) == 0) with_exec++;
    }
  }
  EXPECT_EQ(n, 2);
  EXPECT_EQ(with_exec, 1);
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

// A string longer than a line holds (-s 30000: a 20,001-byte read, whose
// exit half shares the line's 8 KiB, and the same bytes written, whose
// entry half has 4 KiB): cut shorter than -s asks, strace's way ("..."),
// and the line whole: every argument after it and the result as strace
// prints them. It used to stop in the middle of the string, the call's
// size and result lost.
TEST(TraceOutput, StringLongerThanALineIsCutAndTheLineStaysWhole) {
  std::string data = TmpPath("long_string.txt");
  { std::ofstream f(data); f << std::string(20000, 'y') << "\n"; }
  auto [ours, theirs] = BothTraces("long_string", "cat " + data + " >/dev/null",
                                   "-s 30000 -e trace=read,write");
  auto call_of = [](const std::vector<std::string>& lines, const std::string& start) {
    for (const std::string& l : lines)
      if (l.rfind(start, 0) == 0) return l;
    return std::string();
  };
  for (const std::string start : {"read(3, \"yyy", "write(1, \"yyy"}) {
    std::string o = call_of(ours, start), t = call_of(theirs, start);
    ASSERT_FALSE(t.empty()) << start;
    ASSERT_FALSE(o.empty()) << start;
    size_t cut = o.find("\"...");
    ASSERT_NE(cut, std::string::npos) << o;
    std::string head = o.substr(0, cut), tail = o.substr(cut + 4);
    EXPECT_EQ(t.substr(0, head.size()), head) << start;
    ASSERT_GE(t.size(), tail.size());
    EXPECT_EQ(t.substr(t.size() - tail.size()), tail) << start;
    EXPECT_GT(head.size(), 3000u) << start;  // as much as fits, not -s 32
    EXPECT_EQ(tail.substr(tail.size() - 9), ") = 20001") << o.substr(o.size() - 40);
  }
}

// BothTraces' lines joined, user addresses (nine hex digits or more)
// masked as ADDR (the stack and libc move run by run), -y's inode numbers
// of pipes and sockets as N (each run makes its own).
std::pair<std::string, std::string> MaskedTraces(const std::string& name,
                                                 const std::string& prog,
                                                 const std::string& flags) {
  auto [o, t] = BothTraces(name, prog, flags);
  static const std::regex addr("0x[0-9a-f]{9,}"),
      fd_kind("<(pipe|socket|UNIX|UNIX-STREAM|TCP|UDP|TCPv6|UDPv6|NETLINK):\\[[^\\]]*\\]>"),
      number("[0-9]{4,}"), netlink_port("(NETLINK:\\[[A-Z_0-9]+):[0-9]+\\]");
  // Inside a pipe's or a socket's brackets, inodes and ephemeral ports
  // (four digits or more) as N: "<TCP:[127.0.0.1:N->127.0.0.1:N]>"; a
  // netlink socket's port id (its pid): "<NETLINK:[ROUTE:N]>".
  auto masked = [](const std::string& l) {
    std::string out;
    auto at = l.cbegin();
    for (std::sregex_iterator m(l.begin(), l.end(), fd_kind), end; m != end; ++m) {
      out.append(at, (*m)[0].first);
      out += std::regex_replace(std::regex_replace((*m)[0].str(), netlink_port, "$1:N]"), number,
                                "N");
      at = (*m)[0].second;
    }
    out.append(at, l.cend());
    return out;
  };
  auto joined = [&](const std::vector<std::string>& v) {
    std::string s;
    for (auto& l : v) s += masked(std::regex_replace(l, addr, "ADDR")) + "\n";
    return s;
  };
  return {joined(o), joined(t)};
}

// rt_sigreturn shows the mask its frame gives back as the program has it:
// the signals systrap owns (never blocked for real, so unblocked in the
// frame the kernel saved) blocked where the program blocked them, after a
// plain handler, a handler whose sa_mask holds them, and one that ended a
// sigsuspend. Every line as strace 6.1's.
TEST(TraceSignals, SigreturnMasksAsTheProgramHasThem) {
  auto [o, t] = MaskedTraces("sigreturn_masks", Runfile("testdata/signals") + " sigreturn-masks",
                             "-e trace=rt_sigreturn -e signal=none");
  EXPECT_EQ(o, t);
  EXPECT_NE(o.find("rt_sigreturn({mask=[ILL TRAP SYS]})     = 0\n"), std::string::npos) << o;
  EXPECT_NE(o.find("rt_sigreturn({mask=[]})                 = 0\n"), std::string::npos) << o;
  EXPECT_NE(o.find("rt_sigreturn({mask=~[KILL STOP RTMIN RT_1]}) = -1 EINTR"), std::string::npos)
      << o;
}

// -k: the stack after each line as strace 6.1 prints it (libunwind's walk,
// the symbol tables' names, C++ names demangled), walked from inside the
// process (tools/trace/trace_stack.h): testdata/stack_calls' calls from
// nested functions without frame pointers and from one whose frame is its
// frame pointer, from a handler on an alternate stack through the signal
// frame, a nanosleep a SIGALRM ends (its line, the signal's, the
// handler's rt_sigreturn), a recursion past strace's 256 frames ("too many
// stack frames"), exit_group's stack after its end line; and under -f a
// child's execve, whose stack strace captures at its entry in the old
// program ("(+0x0)" for a frame without a symbol). Every line as strace's,
// pids masked; under the image from the execve on (the loader's calls
// too, libstdc++'s C++ frames among them), under the preload from the
// program's first line.
std::string MaskStackTrace(const std::vector<std::string>& lines, bool from_start) {
  static const std::regex addr("0x[0-9a-f]{9,}"), number("\\b[0-9]{2,}\\b"),
      random("getrandom\\(\"[^\"]*\""), padding(" +=( |$)");
  std::string out;
  bool on = !from_start, dropped = false;
  for (auto& l : lines) {
    if (l.rfind("write(1, \"stack_calls: start", 0) == 0) on = true;
    // A SIGCHLD the program leaves at its default: strace sees it
    // (ptrace stops at every signal), a program does not, nor do we. Its
    // line and its stack are left out.
    bool frame = l.rfind(" > ", 0) == 0;
    if (!frame) dropped = l.rfind("--- SIGCHLD", 0) == 0;
    if (!on || dropped) continue;
    if (frame) {
      // A frame's offsets are the test: kept.
      out += l + "\n";
      continue;
    }
    // A call's pids and addresses not; nor, under -f, the padding before
    // its result: a line another process's cut in two is joined whole
    // again without it.
    std::string masked = std::regex_replace(l, random, "getrandom(\"R\"");
    masked = std::regex_replace(std::regex_replace(masked, addr, "ADDR"), number, "N");
    out += std::regex_replace(masked, padding, " =$1") + "\n";
  }
  return out;
}

TEST(TraceOutput, StackTracesMatchStrace) {
  const std::string prog = Runfile("testdata/stack_calls");
  auto [o, t] = BothTraces("stack_calls", prog, "-k");
  std::string ours = MaskStackTrace(o, PreloadMode()), theirs = MaskStackTrace(t, PreloadMode());
  EXPECT_EQ(ours, theirs);
  for (const char* frame : {"(inner+0x", "(outer+0x", "(with_frame_pointer+0x", "(on_usr1+0x",
                            "(deep+0x", "(main+0x"})
    // (maps names the program by its real path: runfiles are links.)
    EXPECT_NE(ours.find("/stack_calls" + std::string(frame)), std::string::npos)
        << frame << "\n" << ours;
  EXPECT_NE(ours.find(" > too many stack frames\n"), std::string::npos) << ours;
  EXPECT_NE(ours.find("--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---\n > "),
            std::string::npos)
      << ours;
  EXPECT_NE(ours.find("+++ exited with 0 +++\n > "), std::string::npos) << ours;
  // exit's caller: its call is finish's last instruction, its return
  // address main's first byte; named by the call (strace's ip - 1).
  EXPECT_NE(ours.find("/stack_calls(finish+0x"), std::string::npos) << ours;
  if (!PreloadMode()) {
    EXPECT_NE(ours.find("libstdc++.so.6.0.30(std::"), std::string::npos) << ours;
  }

  // Confined by seccomp (openat kills it): the walks there read no file,
  // and show the frames from the maps and symbols read before, which are
  // those of its calls (strace's, as before the filter).
  // (Where the program's memory is read through the kernel only, a
  // confined process's is not read at all: the walks stop at their first
  // frame, as its calls' buffers print as addresses.)
  auto [oc, tc] = BothTraces("stack_calls_confined", prog + " confined", "-k");
  std::string ours_confined = MaskStackTrace(oc, true);
  const char* fault_reads = getenv("SYSTRAP_FAULT_READS");
  if (!fault_reads || std::string(fault_reads) != "off") {
    EXPECT_EQ(ours_confined, MaskStackTrace(tc, true));
  }
  EXPECT_NE(ours_confined.find("seccomp(SECCOMP_SET_MODE_FILTER"), std::string::npos)
      << ours_confined;
  EXPECT_NE(ours_confined.find("seccomp(SECCOMP_SET_MODE_FILTER, 0, {len=4, filter=ADDR}) = 0\n > "),
            std::string::npos)
      << ours_confined;
  if (!fault_reads || std::string(fault_reads) != "off") {
    EXPECT_NE(ours_confined.find("stack_calls(confine+0x"), std::string::npos) << ours_confined;
  }

  // A read a SA_RESTART handler's signal interrupts: the handler's call
  // and its rt_sigreturn show the read at its syscall instruction, where
  // the kernel moved it back to make it again (strace's walk of the frame
  // the kernel built); the signal's own line, after it.
  auto [or_, tr] = BothTraces("stack_calls_restart", prog + " restart", "-k");
  std::string ours_restart = MaskStackTrace(or_, true);
  EXPECT_EQ(ours_restart, MaskStackTrace(tr, true));
  EXPECT_NE(ours_restart.find("rt_sigreturn({mask=[]}) = 0\n > "), std::string::npos)
      << ours_restart;

  // -f, two threads making calls side by side: each line with its own
  // stack, the thread's (the stack in the line's ring record: another
  // writer's line cannot come between them).
  auto [ot, tt] = BothTraces("stack_calls_threads", prog + " threads", "-f -k");
  auto calls_of = [](const std::vector<std::string>& lines, const std::string& name) {
    std::string s;
    bool in = false;
    for (auto& l : lines) {
      bool frame = l.rfind(" > ", 0) == 0;
      if (!frame) in = l.find(" " + name + "()") != std::string::npos;
      if (in) s += (frame ? l : name) + "\n";
    }
    return s;
  };
  for (const char* name : {"getuid", "getgid"}) {
    std::string ours_calls = calls_of(ot, name);
    EXPECT_EQ(ours_calls, calls_of(tt, name)) << name;
    EXPECT_NE(ours_calls.find("/stack_calls(thread_calls+0x"), std::string::npos) << ours_calls;
  }

  // -f: the child's execve, its stack from its entry in the old program.
  auto [of, tf] = BothTraces("stack_calls_f", prog + " fork", "-f -k");
  // Stack lines carry no pid: they are the last line's process's.
  auto per_process = [](const std::vector<std::string>& lines) {
    std::vector<std::string> joined;
    std::string pid;
    for (auto& l : lines) {
      if (l.rfind(" > ", 0) != 0) pid = l.substr(0, l.find(' ') + 1);
      joined.push_back(l.rfind(" > ", 0) == 0 ? pid + l : l);
    }
    auto split = PerProcess(joined);
    for (auto& p : split)
      for (auto& l : p)
        if (l.rfind("> ", 0) == 0) l = " " + l;
    return split;
  };
  auto po = per_process(of), pt = per_process(tf);
  ASSERT_EQ(po.size(), 2u);
  ASSERT_EQ(pt.size(), 2u);
  for (int i = 0; i < 2; i++)
    EXPECT_EQ(MaskStackTrace(po[i], true), MaskStackTrace(pt[i], true)) << "process " << i;
  auto exec_stack = [](const std::vector<std::string>& lines) {
    std::string s;
    bool on = false;
    for (auto& l : lines) {
      if (l.rfind("execve(", 0) == 0) on = true;
      else if (l.rfind(" > ", 0) != 0) on = false;
      if (on && l.rfind(" > ", 0) == 0) s += l + "\n";
    }
    return s;
  };
  EXPECT_EQ(exec_stack(po[1]), exec_stack(pt[1]));
  EXPECT_NE(exec_stack(po[1]).find("/stack_calls(main+0x"), std::string::npos)
      << exec_stack(po[1]);
}

// ioctl_decoders.c's requests (watchdog, modem lines, /dev/random,
// inotify, FS_IOC_FIEMAP, NS_GET_*, SECCOMP_IOCTL_NOTIF_*, HDIO_*, LOOP_*,
// PTP_*, BLK*, GPIO_*, fs_x, fs_f, COUNTER_*, RTC_*, LIRC_*, NBD_*, evdev's
// EVIOC*, the consoles' KD*/GIO_*/PIO_*, UBI_*, MTD's, termios2 and termio):
// every line exactly as strace 6.1's (addresses
// masked), from the program's first ioctl on.
TEST(TraceOutput, IoctlRequestsMatchStrace) {
  auto [ours, theirs] = MaskedTraces("ioctl", Runfile("testdata/ioctl_calls"), "-e trace=ioctl");
  EXPECT_EQ(ours, theirs);
  for (const char* want : {
           "ioctl(-1, WDIOC_SETTIMEOUT, [123])      = -1 EBADF (Bad file descriptor)\n",
           "ioctl(-1, WDIOC_GETTIMEOUT, NULL)       = -1 EBADF (Bad file descriptor)\n",
           "ioctl(-1, TIOCMBIS, [TIOCM_DTR|TIOCM_RTS|TIOCM_LOOP|0x10000000]) = -1 EBADF",
           "ioctl(-1, RNDADDENTROPY, {entropy_count=3, buf_size=8, buf=\"12345678\"}) = -1",
           "ioctl(-1, FASTRPC_IOCTL_INIT_ATTACH or RNDZAPENTCNT) = -1 EBADF",
           "ioctl(-1, INOTIFY_IOC_SETNEXTWD, -42)   = -1 EBADF",
           "ioctl(-1, FS_IOC_FIEMAP, {fm_start=0, fm_length=18446744073709551615, "
           "fm_flags=FIEMAP_FLAG_SYNC|0x100, fm_extent_count=4}) = -1 EBADF",
           "fm_extent_count=4} => {fm_flags=FIEMAP_FLAG_SYNC, fm_mapped_extents=",
           "ioctl(-1, NS_GET_OWNER_UID, NULL)       = -1 EBADF",
           "ioctl(5, NS_GET_NSTYPE)                 = 67108864 (CLONE_NEWUTS)\n",
           "ioctl(6, NS_GET_OWNER_UID, [",
           "ioctl(-1, SECCOMP_IOCTL_NOTIF_RECV, ADDR) = -1 EBADF",
           "ioctl(-1, SECCOMP_IOCTL_NOTIF_RECV, {id=ADDR, pid=42, flags=0, "
           "data={nr=__NR_gettid, arch=AUDIT_ARCH_",
           "args=[0, 0, 0, 0, 0, 0xfacefeed]}} => ADDR) = -1 EBADF",
           "arch=0xfeedface /* AUDIT_ARCH_??? */",
           "{id=0x1, val=-2, error=-ENOSR, flags=SECCOMP_USER_NOTIF_FLAG_CONTINUE}) = -1",
           "error=-123456, flags=0xfacecafe /* SECCOMP_USER_NOTIF_FLAG_??? */}) = -1",
           "ioctl(-1, SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR, [ADDR]) = -1",
           "{id=0x7, flags=SECCOMP_ADDFD_FLAG_SETFD, srcfd=0, newfd=3, "
           "newfd_flags=O_DSYNC|O_CLOEXEC}) = -1",
           "ioctl(-1, HDIO_DRIVE_CMD, {command=ATA_CMD_WRITE, sector_number=255, feature=238, "
           "sector_count=1}) = -1 EBADF",
           "{command=0x80 /* ATA_CMD_??? */, sector_number=255, feature=238, sector_count=1}) "
           "= -1 ENOTTY",
           "ioctl(-1, HDIO_DRIVE_RESET, [0xdeadbeef, 0xaaaaaaaa, 0xbeefbeef]) = -1 EBADF",
           "ioctl(-1, HDIO_SET_32BIT, 18072662652281011951) = -1 EBADF",
           "ioctl(-1, HDIO_SET_NICE, 1 << IDE_NICE_DSC_OVERLAP|1 << IDE_NICE_ATAPI_OVERLAP|"
           "1 << IDE_NICE_1|1 << IDE_NICE_0|1 << IDE_NICE_2|0x1ffe0) = -1 EBADF",
           "ioctl(-1, HDIO_SET_BUSSTATE, BUSSTATE_TRISTATE) = -1 EBADF",
           "ioctl(-1, HDIO_GET_QDMA, 0xdeadbeef) ",
           "ioctl(-1, HDIO_SET_BUSSTATE, 0xdeadbeef /* BUSSTATE_??? */) = -1 EBADF",
           "ioctl(-1, LOOP_SET_STATUS64, {lo_offset=0x1000, lo_number=7, "
           "lo_flags=LO_FLAGS_READ_ONLY|0x100, lo_file_name=\"CCCCCCCC",
           "CCC\"..., ...}) = -1 EBADF",
           "lo_encrypt_type=LO_CRYPT_XOR, lo_encrypt_key_size=3, lo_flags=LO_FLAGS_READ_ONLY|0x100, "
           "lo_file_name=\"/tmp/image\", lo_crypt_name=\"\", lo_encrypt_key=\"k\\0y\", ...}) = -1",
           "ioctl(-1, LOOP_SET_STATUS, {lo_number=-2, lo_offset=0, lo_flags=0, lo_name=\"\", ...}) = -1",
           "ioctl(-1, LOOP_CONFIGURE, {fd=0, block_size=4096, info={lo_offset=0x1000, lo_number=7, ",
           "ioctl(-1, LOOP_CTL_ADD, -3) ",
           "ioctl(-1, LOOP_SET_BLOCK_SIZE, 512) ",
           "ioctl(-1, PTP_EXTTS_REQUEST, {index=3, flags=PTP_RISING_EDGE|0x100}) = -1",
           "ioctl(-1, PTP_EXTTS_REQUEST2, {index=3, flags=PTP_RISING_EDGE|0x100, rsv=[0, 0x7]}) = -1",
           "ioctl(-1, PTP_PEROUT_REQUEST2, {start={sec=1700000000, nsec=5} /* "
           "2023-11-14T22:13:20.000000005+0000 */, period={sec=1, nsec=0}, index=0, "
           "flags=PTP_PEROUT_ONE_SHOT}) = -1",
           "{phase={sec=1700000000, nsec=5}, period={sec=1, nsec=0}, index=0, "
           "flags=PTP_PEROUT_DUTY_CYCLE|PTP_PEROUT_PHASE, on={sec=0, nsec=500}}) = -1",
           "ioctl(-1, PTP_PIN_SETFUNC2, {index=2, func=PTP_PF_PEROUT, chan=0, "
           "rsv=[0, 0, 0, 0, 0x9]}) = -1",
           "ioctl(-1, PTP_PIN_GETFUNC, {index=2}) ",
           "ioctl(-1, PTP_SYS_OFFSET, {n_samples=3}) = -1",
           "ioctl(-1, BLKPG, {op=BLKPG_ADD_PARTITION, flags=0, datalen=152, data={start=1, "
           "length=2, pno=3, devname=\"sda1\", volname=\"root\"}}) = -1",
           "ioctl(-1, BLKPG, {op=0x9 /* BLKPG_??? */, flags=0, datalen=152, data=NULL}) = -1",
           "ioctl(-1, BLKTRACESETUP, {act_mask=3, buf_size=4096, buf_nr=0, start_lba=0, "
           "end_lba=0, pid=42}) = -1",
           "ioctl(-1, BLKDISCARD, [0, 1099511627776]) = -1",
           "ioctl(-1, BLKRASET, 256) ",
           "ioctl(-1, BLKROSET, [123]) ",
           "ioctl(-1, GPIO_V2_GET_LINE_IOCTL, {num_lines=2, offsets=[0, 5], consumer=\"test\", "
           "config={flags=GPIO_V2_LINE_FLAG_INPUT|GPIO_V2_LINE_FLAG_EDGE_RISING, num_attrs=2, "
           "attrs=[{debounce_period_us=100, mask=0x3}, {attr={id=7, data=0xfeed}, mask=0}]}}) = -1",
           "0, 0, 0, 0, 0, 0, ...], flags=GPIOHANDLE_REQUEST_OUTPUT|0x1000, default_values=[0, ",
           "ioctl(-1, GPIO_V2_GET_LINEINFO_IOCTL, {offset=4}) = -1",
           "ioctl(-1, GPIO_V2_LINE_SET_VALUES_IOCTL, {bits=0x5, mask=0x7}) = -1",
           "ioctl(-1, FITRIM, {start=0xcafef00d, len=4096, minlen=512}) = -1",
           "ioctl(-1, FIFREEZE) ",
           "ioctl(-1, FS_IOC_FSSETXATTR, {fsx_xflags=FS_XFLAG_IMMUTABLE|FS_XFLAG_DAX|"
           "FS_XFLAG_HASATTR, fsx_extsize=4096, fsx_projid=0xcafe, fsx_cowextsize=0}) = -1",
           "{fsx_xflags=0x7ffe0004 /* FS_XFLAG_??? */, ",
           "ioctl(-1, FS_IOC_FSGETXATTR, ADDR) = -1",
           "ioctl(-1, FS_IOC_SETFLAGS, [FS_APPEND_FL|FS_NOATIME_FL|0xd000000]) = -1",
           "ioctl(-1, FS_IOC32_SETFLAGS, NULL) ",
           "ioctl(-1, COUNTER_ADD_WATCH_IOCTL, {component={type=COUNTER_COMPONENT_EXTENSION, "
           "scope=COUNTER_SCOPE_COUNT, parent=23, id=42}, event=COUNTER_EVENT_CAPTURE, "
           "channel=69}) = -1",
           "{type=0x6 /* COUNTER_COMPONENT_??? */, ",
           "ioctl(-1, COUNTER_ENABLE_EVENTS_IOCTL) ",
           "ioctl(-1, PHN_NOT_OH or RTC_UIE_OFF) ",
           "ioctl(-1, RTC_IRQP_SET, 42) ",
           "ioctl(-1, RTC_SET_TIME, {tm_sec=1, tm_min=2, tm_hour=3, tm_mday=4, tm_mon=5, "
           "tm_year=123, ...}) = -1",
           "ioctl(-1, RTC_PARAM_SET, {param=RTC_PARAM_FEATURES, uvalue=1<<RTC_FEATURE_ALARM|"
           "0x40000000, index=3}) = -1",
           "ioctl(-1, RTC_PARAM_GET, {param=RTC_PARAM_BACKUP_SWITCH_MODE, index=3, __pad=0x17} "
           "=> ADDR) = -1",
           "ioctl(-1, NVRAM_INIT, 0x10) ",
           "ioctl(-1, LIRC_SET_REC_TIMEOUT_REPORTS, [4294967295]) = -1",
           "ioctl(-1, LIRC_SET_SEND_MODE, [LIRC_MODE_SCANCODE]) = -1",
           "ioctl(-1, LIRC_SET_REC_MODE, [0x3 /* LIRC_MODE_??? */]) = -1",
           "ioctl(-1, LIRC_SET_TRANSMITTER_MASK, [0x1f]) = -1",
           "ioctl(-1, I2OVALIDATE or LIRC_GET_MIN_TIMEOUT, NULL) = -1",
           "ioctl(-1, NBD_SET_FLAGS, NBD_FLAG_HAS_FLAGS|NBD_FLAG_SEND_FUA|0x80008000) = -1",
           "ioctl(-1, NBD_SET_TIMEOUT, 30) ",
           "ioctl(-1, NBD_DO_IT) ",
           "ioctl(-1, EVIOCGBIT(EV_KEY, 8), NULL) ",
           "ioctl(-1, EVIOCGBIT(0x6 /* EV_??? */, 12), NULL) = -1",
           "ioctl(-1, EVIOCGNAME(64), NULL) ",
           "ioctl(-1, EVIOCGABS(ABS_MT_TOOL_Y), ADDR) = -1",
           "ioctl(-1, EVIOCSABS(ABS_X), {value=1, minimum=4294967294, ...}) = -1",
           "ioctl(-1, EVIOCSKEYCODE, [30, KEY_A]) ",
           "ioctl(-1, EVIOCSFF, {type=FF_RUMBLE, id=-1, direction=0, ...}) = -1",
           "ioctl(-1, EVIOCGRAB, 1) ",
           "ioctl(-1, KIOCSOUND, 440 /* 2711 Hz */) = -1",
           "ioctl(-1, KDMKTONE, 100<<16|1000 /* 1193 Hz, 100 ms */) = -1",
           "ioctl(-1, KDSKBLED, LED_NUM|LED_CAP<<4|0x80) = -1",
           "ioctl(-1, KDSKBMODE, -1 /* K_??? */) ",
           "ioctl(-1, KDADDIO, 0x3c0 /* GPFIRST + 12 */) = -1",
           "ioctl(-1, KDSKBENT, {kb_table=K_SHIFTTAB, kb_index=30, kb_value=0x61 /* K(KT_LATIN, 'a') */}) = -1",
           "ioctl(-1, KDGKBENT, {kb_table=K_SHIFTTAB, kb_index=30}) = -1",
           "ioctl(-1, KDSKBSENT, {kb_func=KVAL(K_F3), kb_string=\"\\33[[B\"}) = -1",
           "ioctl(-1, KDSKBDIACR, {kb_cnt=2, kbdiacr=[{diacr='`', base='a', result='\\xe0'}, "
           "{diacr='\\x00', base='\\x00', result='\\x00'}]}) = -1",
           "ioctl(-1, KDFONTOP, {op=KD_FONT_OP_SET, flags=0, width=8, height=16, charcount=2, "
           "data=\"\\x01\\x02\\x03\\x00",
           "ioctl(-1, GIO_UNIMAP, {entry_ct=2 => 2, entries=ADDR}) = -1",
           "ioctl(-1, UBI_IOCMKVOL, {vol_id=3, alignment=0, bytes=-1, vol_type=UBI_STATIC_VOLUME, "
           "flags=UBI_VOL_SKIP_CRC_CHECK_FLG|0x2, name_len=4, name=\"root\"...}) = -1",
           "ioctl(-1, UBI_IOCRNVOL, {count=2, ents=[{vol_id=1, name_len=3, name=\"abc\"}, "
           "{vol_id=0, name_len=0, name=\"\"}]}) = -1",
           "ioctl(-1, UBI_IOCVOLUP, [-5]) ",
           "ioctl(-1, MIXER_WRITE(2) or MEMERASE, {start=0x1000, length=0x2000}) = -1",
           "ioctl(-1, MEMWRITE, {start=0x10, len=0x20, ooblen=0, usr_data=NULL, usr_oob=NULL, "
           "mode=MTD_OPS_RAW}) = -1",
           "ioctl(-1, MIXER_READ(13) or OTPSELECT, [MTD_OTP_USER]) = -1",
           "ioctl(-1, MTDFILEMODE, MTD_FILE_MODE_RAW) = -1",
           "ioctl(-1, MEMGETREGIONINFO, {regionindex=0x7}) = -1",
           "ioctl(-1, HIDIOCGPHYS(8), 0) ",
           "ioctl(-1, MIXER_READ(100), ADDR) = -1",
           "ioctl(-1, MMTIMER_GETRES, 0) ",
           "ioctl(-1, KSTAT_IOC_CHAIN_ID, 0) ",
           "ioctl(-1, VIDIOC_ENUMINPUT, {index=2}) ",
           "ioctl(-1, TCSETS2, {c_iflag=ICRNL|0x80000000, c_oflag=NL0|CR0|XTABS|BS0|VT0|FF0|OPOST|"
           "ONLCR, c_cflag=B9600|B4000000<<IBSHIFT|CS7|CREAD, c_lflag=ISIG|ECHO, ...}) = -1",
           "ioctl(-1, TCSETA, {c_iflag=IGNBRK, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|, "
           "c_cflag=B38400|CS8|, c_lflag=ICANON, ...}) = -1",
       })
    EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
  // -v: FS_IOC_FIEMAP's extents the kernel wrote for the program's file;
  // -y: the namespace files' descriptors decorated.
  auto [ours_v, theirs_v] =
      MaskedTraces("ioctl_v", Runfile("testdata/ioctl_calls"), "-v -y -e trace=ioctl");
  EXPECT_EQ(ours_v, theirs_v);
  EXPECT_NE(ours_v.find("fm_extents=[{fe_logical=0, fe_physical="), std::string::npos) << ours_v;
  EXPECT_NE(ours_v.find("ioctl(5<uts:["), std::string::npos) << ours_v;
  // -v: loop_info's devices, inodes and arrays; -y: LOOP_SET_FD's descriptor.
  EXPECT_NE(ours_v.find("ioctl(-1, LOOP_SET_STATUS, {lo_number=-2, lo_device=makedev(0, 0), "
                        "lo_inode=0, lo_rdevice=makedev(0, 0), lo_offset=0, "
                        "lo_encrypt_type=LO_CRYPT_NONE, lo_encrypt_key_size=0, lo_flags=0, "
                        "lo_name=\"\", lo_encrypt_key=\"\", lo_init=[0, 0], reserved=[0, 0, 0, 0]})"),
            std::string::npos)
      << ours_v;
  EXPECT_NE(ours_v.find("ioctl(-1, LOOP_SET_FD, 0<"), std::string::npos) << ours_v;
  EXPECT_NE(ours_v.find("c_lflag=ISIG|ECHO, c_line=N_TTY, c_cc=[[VINTR]=0x3, [VQUIT]=0, "),
            std::string::npos)
      << ours_v;
  EXPECT_NE(ours_v.find("[VEOL2]=0, [17]=0, [18]=0], c_ispeed=128, c_ospeed=0}) = -1"),
            std::string::npos)
      << ours_v;
  EXPECT_NE(ours_v.find("ioctl(-1, EVIOCSFF, {type=FF_RUMBLE, id=-1, direction=0, "
                        "trigger={button=0, interval=0}, replay={length=0, delay=0}, "
                        "rumble={strong_magnitude=32768, weak_magnitude=0}}) = -1"),
            std::string::npos)
      << ours_v;
  EXPECT_NE(ours_v.find("tm_year=123, tm_wday=6, tm_yday=7, tm_isdst=-1}) = -1"), std::string::npos)
      << ours_v;
  // -X verbose and raw: every constant as a number (its names in a comment),
  // a negated errno too; PTP's dates not under raw.
  auto [ours_xv, theirs_xv] =
      MaskedTraces("ioctl_xv", Runfile("testdata/ioctl_calls"), "-X verbose -e trace=ioctl");
  EXPECT_EQ(ours_xv, theirs_xv);
  EXPECT_NE(ours_xv.find("ioctl(-1, 0x800c4526 /* EVIOCGBIT(0x6, 12) */, NULL) = -1"),
            std::string::npos)
      << ours_xv;
  EXPECT_NE(ours_xv.find("error=-63 /* -ENOSR */, flags=0x1 /* SECCOMP_USER_NOTIF_FLAG_CONTINUE */}"),
            std::string::npos)
      << ours_xv;
  auto [ours_xr, theirs_xr] =
      MaskedTraces("ioctl_xr", Runfile("testdata/ioctl_calls"), "-X raw -e trace=ioctl");
  EXPECT_EQ(ours_xr, theirs_xr);
  EXPECT_NE(ours_xr.find("{start={sec=1700000000, nsec=5}, period={sec=1, nsec=0}, index=0, "
                         "flags=0x1}) = -1"),
            std::string::npos)
      << ours_xr;
}

// prctl_decoder.c: each option's arguments, what the kernel wrote, and
// the result's names, every line exactly as strace 6.1's (addresses
// masked: the stack and libc move run by run).
TEST(TraceOutput, PrctlOptionsMatchStrace) {
  auto [ours, theirs] = MaskedTraces("prctl", Runfile("testdata/prctl_calls"), "-e trace=prctl");
  EXPECT_EQ(ours, theirs);
  EXPECT_GT(std::count(ours.begin(), ours.end(), '\n'), 45);
  for (const char* want : {
           "prctl(PR_SET_NAME, \"0123456789abcde\"...) = 0\n",
           "prctl(PR_GET_DUMPABLE)                  = 1 (SUID_DUMP_USER)\n",
           "prctl(PR_GET_PDEATHSIG, [0])            = 0\n",
           "prctl(PR_CAPBSET_READ, 0xff /* CAP_??? */) = -1 EINVAL",
           "prctl(PR_SET_SECUREBITS, SECBIT_NOROOT|SECBIT_KEEP_CAPS|0x1000) = -1 EPERM",
           "prctl(PR_GET_TID_ADDRESS, [ADDR]) = 0\n",
           "prctl(PR_SCHED_CORE, PR_SCHED_CORE_CREATE, -1, 0x1 /* PIDTYPE_TGID */, NULL) = -1",
           "PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_SYNC|0x5<<PR_MTE_TAG_SHIFT, 0x1, 0x2, 0x3) = -1",
           "prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY) = -1",
       })
    EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
}

// netlink_decoders.c: the netlink messages in sendto's and recvfrom's
// buffers and in sendmsg's iovec to a netlink address, by the socket's family (route, sock_diag, audit, xfrm,
// netfilter, selinux), route and sock_diag headers and attributes (netlink_route.c): the header
// walk (two messages, a short buffer, an nlmsg_len
// past the buffer), NLMSG_ERROR with its attributes, NLMSG_DONE's int, the
// kernel's acknowledgement received; a socket not bound yet of an unknown
// family (as strace, which asks sock_diag); a unix socket's data stays a
// string.
// Every line as strace 6.1's, the kernel's port ids masked.
TEST(TraceOutput, NetlinkMessagesMatchStrace) {
  auto [ours, theirs] =
      MaskedTraces("netlink", Runfile("testdata/netlink_calls"), "-e trace=sendto,recvfrom,sendmsg");
  // (Negative where the kernel's first choice, the process's pid, was
  // taken in the network namespace: another process's port, a pid
  // namespace's small pids.)
  static const std::regex port("nlmsg_pid=-?[0-9]+");
  ours = std::regex_replace(ours, port, "nlmsg_pid=PID");
  theirs = std::regex_replace(theirs, port, "nlmsg_pid=PID");
  EXPECT_EQ(ours, theirs);
  for (const char* want : {
           "[{nlmsg_len=20, nlmsg_type=NLMSG_NOOP, nlmsg_flags=NLM_F_REQUEST|0x300, "
           "nlmsg_seq=42, nlmsg_pid=PID}, \"\\x61\\x62\\x63\\x64\"]",
           "[{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=42, "
           "nlmsg_pid=PID}, -1234]",
           "{error=-EACCES, msg={nlmsg_len=16, nlmsg_type=NLMSG_NOOP",
           "[{nla_len=8, nla_type=NLMSGERR_ATTR_COOKIE}, [171, 205, 1, 2]]",
           "nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP",
           "{sdiag_family=AF_INET, sdiag_protocol=IPPROTO_TCP, idiag_ext=1<<(INET_DIAG_INFO-1), "
           "idiag_states=1<<TCP_LISTEN, id={idiag_sport=htons(80), idiag_dport=htons(0), "
           "idiag_src=inet_addr(\"127.0.0.1\"), idiag_dst=inet_addr(\"0.0.0.0\"), "
           "idiag_if=if_nametoindex(\"lo\"), idiag_cookie=[1, 2]}}",
           "nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_EXCL|NLM_F_CREATE",
           "nlmsg_type=0x7fff /* RTM_??? */, nlmsg_flags=NLM_F_REQUEST|0x4000",
           "nlmsg_type=0x10 /* NLMSG_??? */, nlmsg_flags=NLM_F_REQUEST|0x600",
           "nlmsg_type=AUDIT_GET",
           "nlmsg_type=XFRM_MSG_GETSA, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP",
           "nlmsg_type=NFNL_SUBSYS_CTNETLINK<<8|IPCTNL_MSG_CT_GET",
           "recvfrom(4, [{nlmsg_len=36, nlmsg_type=NLMSG_ERROR, nlmsg_flags=0, ",
           "{pdiag_family=AF_PACKET, pdiag_type=SOCK_RAW, pdiag_num=ETH_P_ALL, pdiag_ino=77, "
           "pdiag_cookie=[5, 6]}, [[{nla_len=28, nla_type=PACKET_DIAG_INFO}, "
           "{pdi_index=if_nametoindex(\"lo\"), pdi_version=TPACKET_V2, pdi_reserve=0, "
           "pdi_copy_thresh=0, pdi_tstamp=0, pdi_flags=PDI_RUNNING|PDI_AUXDATA}], "
           "[{nla_len=28, nla_type=PACKET_DIAG_FILTER}, ADDR]]",
           "{ifa_family=AF_INET, ifa_prefixlen=8, ifa_flags=IFA_F_PERMANENT, "
           "ifa_scope=RT_SCOPE_HOST, ifa_index=if_nametoindex(\"lo\")}, "
           "[[{nla_len=8, nla_type=IFA_ADDRESS}, inet_addr(\"127.0.0.1\")], "
           "[{nla_len=7, nla_type=IFA_LABEL}, \"lo\"]]",
           "[{nla_len=6, nla_type=TCA_RATE}, {interval=-3, ewma_log=7}]",
           "{ifi_family=AF_INET6, ifi_type=ARPHRD_LOOPBACK, ifi_index=if_nametoindex(\"lo\"), "
           "ifi_flags=IFF_UP, ifi_change=0}, [[{nla_len=7, nla_type=IFLA_IFNAME}, \"lo\"], "
           "[{nla_len=8, nla_type=IFLA_MTU}, 65536]]",
           "msg_iov=[{iov_base={nlmsg_len=16, nlmsg_type=NLMSG_NOOP, nlmsg_flags=NLM_F_REQUEST, "
           "nlmsg_seq=9, nlmsg_pid=PID}, iov_len=16}]",
           "{nfgen_family=AF_INET, version=NFNETLINK_V0, res_id=htons(7)}, "
           "[{nla_len=8, nla_type=0x1}, \"\\x01\\x02\\x03\\x04\"]]",
           "nlmsg_type=SELNL_MSG_SETENFORCE, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=42, "
           "nlmsg_pid=PID}, {val=-2}]",
       })
    EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
  // -v: a packet filter's classic BPF program (bpf_filter.c).
  auto [ours_v, theirs_v] =
      MaskedTraces("netlink_v", Runfile("testdata/netlink_calls"), "-v -e trace=sendto");
  ours_v = std::regex_replace(ours_v, port, "nlmsg_pid=PID");
  theirs_v = std::regex_replace(theirs_v, port, "nlmsg_pid=PID");
  EXPECT_EQ(ours_v, theirs_v);
  const char* filter =
      "[{nla_len=28, nla_type=PACKET_DIAG_FILTER}, "
      "[BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_AD_OFF+SKF_AD_PKTTYPE), "
      "BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0, 0, 0x1), BPF_STMT(BPF_RET|BPF_K, 0xffff)]]";
  EXPECT_NE(ours_v.find(filter), std::string::npos) << ours_v;
}

// System V IPC (ipc_decoders.c): the get calls' flags and permission
// bits, shmget's huge page size, semop's sembuf array, msgsnd's and
// msgrcv's msgbuf, the ctl calls' structures by command (IPC_SET's
// writable fields alone, IPC_64, an unknown command, a failed call's
// address), in each -X style: every line as strace 6.1's, with what changes
// run by run masked (the ids, times, pids, IPC_INFO's highest index).
std::string MaskIpc(std::string s) {
  // The ids: the first argument but the get calls' (a key), their results (0 is an
  // id in a fresh IPC namespace, so they are masked by place, not value).
  static const std::regex id_arg("(^|\n)((?:msg|sem|shm)(?:snd|rcv|op|timedop|ctl)\\()[0-9]+"),
      created("((?:msg|sem|shm)get\\(.*\\) += )[0-9]+\n");
  s = std::regex_replace(s, id_arg, "$1$2ID");
  s = std::regex_replace(s, created, "$1ID\n");
  static const std::regex times("_([sacdro]?time|cpid|lpid|lspid|lrpid)=[0-9]+"),
      index("(\\{(msgpool|semmap|shmmax)=.*\\}\\)) += [0-9]+\n");
  s = std::regex_replace(s, times, "_$1=N");
  return std::regex_replace(s, index, "$1 = N\n");
}

TEST(TraceOutput, SysvIpcMatchesStrace) {
  std::map<std::string, std::string> ours;
  for (const char* flags : {"-e trace=%ipc", "-Xraw -e trace=%ipc", "-Xverbose -e trace=%ipc"}) {
    auto [o, t] = MaskedTraces("ipc", Runfile("testdata/ipc_calls"), flags);
    o = MaskIpc(o);
    EXPECT_EQ(o, MaskIpc(t)) << flags;
    EXPECT_EQ(std::count(o.begin(), o.end(), '\n'), 37) << flags << "\n" << o;
    ours[flags] = o;
  }
  for (const char* want : {
           "msgget(0x7eca8642, IPC_EXCL|IPC_NOWAIT|0xface1000|0125) = -1 ENOENT",
           "msgsnd(ID, {mtype=42, mtext=\"hello, queue\\0\"}, 13, 0) = 0\n",
           "msgrcv(ID, {mtype=42, mtext=\"hello, queue\\0\\0\\0\\0\"}, 16, 42, MSG_NOERROR) = 13\n",
           "msgrcv(ID, {mtype=42, mtext=\"hell\"}, 4, -50, MSG_NOERROR|IPC_NOWAIT) = 4\n",
           "msgrcv(ID, ADDR, 16, 0, IPC_NOWAIT) = -1 ENOMSG",
           "msgctl(ID, IPC_SET, {msg_perm={uid=0, gid=0, mode=0600}, msg_qbytes=16384}) = 0\n",
           "msgctl(ID, IPC_64|IPC_STAT, NULL)",
           "msgctl(-1, 0xdeadbeef /* MSG_??? */, NULL) = -1 EINVAL",
           "semop(ID, [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}, {sem_num=1, sem_op=0, "
           "sem_flg=IPC_NOWAIT}], 2) = 0\n",
           "semtimedop(ID, [{sem_num=1, sem_op=0, sem_flg=IPC_NOWAIT}], 1, {tv_sec=1, tv_nsec=500}) = 0\n",
           "semctl(ID, 0, IPC_STAT, {sem_perm={uid=0, gid=0, mode=0640, key=0, cuid=0, cgid=0}, "
           "sem_otime=N, sem_ctime=N, sem_nsems=2}) = 0\n",
           "semctl(-1, 0, IPC_STAT, ADDR) = -1 EINVAL",
           "shmget(0x7eca8642, 4096, SHM_HUGETLB|21<<SHM_HUGE_SHIFT|0600) = -1",
           "shmget(IPC_PRIVATE, 8192, IPC_CREAT|SHM_NORESERVE|0600) = ID\n",
           "shmctl(ID, IPC_INFO, {shmmax=",
       })
    EXPECT_NE(ours["-e trace=%ipc"].find(want), std::string::npos) << want << "\n"
                                                                   << ours["-e trace=%ipc"];
  for (const char* want : {"msgget(0, 0x200|0600)", "shmctl(ID, 0xb, NULL)",
                           "semop(ID, [{sem_num=0, sem_op=1, sem_flg=0x1000}"})
    EXPECT_NE(ours["-Xraw -e trace=%ipc"].find(want), std::string::npos) << want;
  for (const char* want : {"msgget(0 /* IPC_PRIVATE */, 0x200 /* IPC_CREAT */|0600)",
                           "shmget(0x7eca8642, 4096, 0x800 /* SHM_HUGETLB */|21<<26 /* "
                           "SHM_HUGE_SHIFT */|0600)"})
    EXPECT_NE(ours["-Xverbose -e trace=%ipc"].find(want), std::string::npos) << want;
}

// quotactl and quotactl_fd (quota_decoder.c): QCMD(...) with names known
// and not, what each command takes (a format and a path, an id, the
// if_dqblk/if_nextdqblk/if_dqinfo and XFS structures, a format or flag
// word, nothing), abbreviated and under -v, the kernel's structures at
// exit when an injected result makes the call succeed; in each -X style.
// Every line as strace 6.1's.
TEST(TraceOutput, QuotactlMatchesStrace) {
  std::map<std::string, std::string> ours;
  for (const char* flags : {"", "-v", "-Xraw", "-Xverbose", "-v -e inject=quotactl:retval=42"}) {
    auto [o, t] = MaskedTraces("quota", Runfile("testdata/quota_calls"),
                               std::string(flags) + " -e trace=quotactl,quotactl_fd");
    EXPECT_EQ(o, t) << flags;
    EXPECT_EQ(std::count(o.begin(), o.end(), '\n'), 21) << flags << "\n" << o;
    ours[flags] = o;
  }
  const char* dev = "quotactl(QCMD(";
  for (const char* want : {
           "Q_QUOTAON, USRQUOTA), \"/dev/systrap-no-such-dev\", QFMT_VFS_V0, \"/quota.user\") = -1",
           "Q_QUOTAON, 0x7 /* ???QUOTA */), \"/dev/systrap-no-such-dev\", 0x55 /* QFMT_VFS_??? */, NULL)",
           "Q_QUOTAOFF, GRPQUOTA), \"/dev/systrap-no-such-dev\") = -1",
           "Q_GETQUOTA, USRQUOTA), \"/dev/systrap-no-such-dev\", 1000, ADDR) = -1",
           "Q_SETQUOTA, GRPQUOTA), \"/dev/systrap-no-such-dev\", -1, {dqb_bhardlimit=1229782938247303441, ",
           "Q_SETINFO, PRJQUOTA), \"/dev/systrap-no-such-dev\", {dqi_bgrace=3689348814741910323, "
           "dqi_igrace=3689348814741910323, dqi_flags=DQF_ROOT_SQUASH, dqi_valid=IIF_BGRACE|IIF_FLAGS}) = -1",
           "Q_XQUOTARM, USRQUOTA), \"/dev/systrap-no-such-dev\", [FS_USER_QUOTA|0x80]) = -1",
           "Q_XSETQLIM, GRPQUOTA), \"/dev/systrap-no-such-dev\", 43, {d_version=1, d_flags=FS_USER_QUOTA, "
           "d_fieldmask=0x4444, d_id=1145324612, ",
           "0xbadc0d /* Q_??? */, 0xed /* ???QUOTA */), \"/dev/systrap-no-such-dev\", 7, 0x1234) = -1",
       })
    EXPECT_NE(ours[""].find(dev + std::string(want)), std::string::npos) << want << "\n" << ours[""];
  EXPECT_NE(ours[""].find("quotactl_fd(-1, QCMD(Q_GETFMT, GRPQUOTA), ADDR) = -1"), std::string::npos);
  EXPECT_NE(ours[""].find("dqb_curinodes=1229782938247303441, ...}) = -1"), std::string::npos);
  for (const char* want : {
           "[QFMT_VFS_V1]) = 42 (INJECTED)\n",
           "{qs_version=102, qs_flags=FS_QUOTA_PDQ_ENFD, qs_incoredqs=1717986918, qs_uquota={qfs_ino=",
           "dqb_valid=QIF_BLIMITS|QIF_ITIME|0x100}) = 42 (INJECTED)\n",
           "dqb_id=572662306}) = 42 (INJECTED)\n",
       })
    EXPECT_NE(ours["-v -e inject=quotactl:retval=42"].find(want), std::string::npos)
        << want << "\n" << ours["-v -e inject=quotactl:retval=42"];
  EXPECT_NE(ours["-Xraw"].find("quotactl(2147484160, "), std::string::npos) << ours["-Xraw"];
  EXPECT_NE(ours["-Xverbose"].find("quotactl(2147484160 /* QCMD(Q_QUOTAON, USRQUOTA) */, "),
            std::string::npos)
      << ours["-Xverbose"];
}

// admin_decoders.c's calls (testdata/admin_calls): mount's flags with the
// old magic and its strings or addresses by flags, umount2's flags,
// personality's persona and result, membarrier's arguments by flags and
// QUERY's answer, ioprio's which, who and IOPRIO_PRIO_VALUE (argument and
// result), keyctl by command (KEY_SPEC_* serials, permissions, what the
// kernel wrote), add_key, request_key, the memory policies' modes, flags
// and node masks, reboot's magic numbers, commands and RESTART2's string,
// pkey_alloc's access rights.
// Every line as strace 6.1's, in each -X style, under -v, -s 1 and -e
// verbose=none and -x; a few exactly.
TEST(TraceOutput, AdminCallsMatchStrace) {
  const std::string trace =
      " -e trace=mount,umount2,personality,membarrier,ioprio_get,ioprio_set,keyctl,"
      "add_key,request_key,set_mempolicy,get_mempolicy,mbind,reboot,pkey_alloc";
  std::map<std::string, std::string> ours;
  for (const char* flags : {"", "-X raw", "-X verbose", "-v", "-s 1", "-e verbose=none", "-x"}) {
    auto [o, t] = MaskedTraces("admin", Runfile("testdata/admin_calls"), flags + trace);
    EXPECT_EQ(o, t) << "flags: " << flags;
    EXPECT_GT(std::count(o.begin(), o.end(), '\n'), 120) << flags << "\n" << o;
    ours[flags] = o;
  }
  for (const char* want : {
           "mount(\"none\", \"/nonexistent/systrap\", \"tmpfs\", MS_RDONLY|MS_NOSUID, "
           "\"size=1m\") = -1 ENOENT (No such file or directory)\n",
           "\"tmpfs\", MS_MGC_VAL|MS_RDONLY, \"size=1m\") = -1 ENOENT",
           "mount(\"none\", \"/nonexistent/systrap\", ADDR, MS_BIND|MS_REC, ADDR) = -1 ENOENT",
           "mount(NULL, \"/nonexistent/systrap\", NULL, MS_REMOUNT, 0x10) = -1 EFAULT",
           "umount2(\"/nonexistent/systrap\", MNT_FORCE|MNT_DETACH) = -1 ENOENT",
           "personality(0xffffffff)                 = 0x460000 "
           "(PER_LINUX|UNAME26|ADDR_NO_RANDOMIZE|READ_IMPLIES_EXEC)\n",
           "personality(0x1 /* PER_??? */|MMAP_PAGE_ZERO|STICKY_TIMEOUTS) = 0x7000008 "
           "(PER_LINUX32|SHORT_INODE|WHOLE_SECONDS|STICKY_TIMEOUTS)\n",
           "membarrier(MEMBARRIER_CMD_QUERY, 0)     = 0x",
           "pkey_alloc(0, PKEY_DISABLE_ACCESS|PKEY_DISABLE_WRITE) = ",
           "pkey_alloc(0x5, PKEY_DISABLE_ACCESS|PKEY_DISABLE_WRITE|0x10) = -1 EINVAL",
           " (MEMBARRIER_CMD_GLOBAL|",
           "membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED, MEMBARRIER_CMD_FLAG_CPU|0x2, -5) = -1 EINVAL",
           "membarrier(0xffffffff /* MEMBARRIER_CMD_??? */, 0) = -1 EINVAL",
           "ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)) = 0\n",
           "ioprio_get(IOPRIO_WHO_PROCESS, 0)       = 16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))\n",
           "ioprio_set(0x9 /* IOPRIO_WHO_??? */, 1, IOPRIO_PRIO_VALUE(0x3ffff /* IOPRIO_CLASS_??? */, "
           "8191)) = -1 EINVAL",
           "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0) = -1",
           "keyctl(KEYCTL_SETPERM, 2125274709, KEY_POS_VIEW|KEY_POS_READ|KEY_POS_WRITE|KEY_POS_SEARCH|"
           "KEY_POS_LINK|KEY_POS_SETATTR|KEY_USR_VIEW|KEY_OTH_READ) = -1 ENOKEY",
           "keyctl(KEYCTL_DESCRIBE, KEY_SPEC_USER_KEYRING, \"keyring;",
           "keyctl(KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE) = ",
           "keyctl(KEYCTL_SESSION_TO_PARENT)        = ",
           "keyctl(KEYCTL_INSTANTIATE_IOV, 2125274709, [{iov_base=\"abc\", iov_len=3}, "
           "{iov_base=\"de\", iov_len=2}], 2, KEY_SPEC_SESSION_KEYRING) = -1 EPERM",
           "keyctl(0x64 /* KEYCTL_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EOPNOTSUPP",
           "add_key(\"user\", \"systrap:none\", \"secret\", 6, 2125274709) = -1 ENOKEY",
           "set_mempolicy(MPOL_DEFAULT, NULL, 0)    = 0\n",
           // A node mask's words are 0x and 14 digits: masked as addresses.
           "get_mempolicy([MPOL_BIND], [ADDR], 65, NULL, 0) = 0\n",
           "set_mempolicy(MPOL_F_STATIC_NODES|0x9, [], 0) = -1 EINVAL",
           "mbind(ADDR, 4096, MPOL_BIND, [ADDR], 65, MPOL_MF_STRICT|MPOL_MF_MOVE) = -1 EINVAL",
           "reboot(0 /* LINUX_REBOOT_MAGIC_??? */, 0 /* LINUX_REBOOT_MAGIC_??? */, "
           "LINUX_REBOOT_CMD_CAD_OFF) = -1 EINVAL (Invalid argument)\n",
           "reboot(0 /* LINUX_REBOOT_MAGIC_??? */, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2, "
           "\"systrap-restart\") = -1 EINVAL",
       })
    EXPECT_NE(ours[""].find(want), std::string::npos) << want << "\n" << ours[""];
  for (const char* want : {"ioprio_set(0x1, 0, 16388) ", "personality(0xffffffff)                 = 0x460000 (0|0x460000)\n",
                           "mount(\"none\", \"/nonexistent/systrap\", \"tmpfs\", 0xc0ed0000|0x1, "})
    EXPECT_NE(ours["-X raw"].find(want), std::string::npos) << want << "\n" << ours["-X raw"];
  EXPECT_NE(ours["-X verbose"].find("ioprio_set(0x1 /* IOPRIO_WHO_PROCESS */, 0, 16388 /* "
                                    "IOPRIO_PRIO_VALUE(0x2 /* IOPRIO_CLASS_BE */, 4) */) = 0\n"),
            std::string::npos)
      << ours["-X verbose"];
}

// ptrace (ptrace_decoder.c) on a seized, interrupted child: options known
// and not,
// the event message, siginfos read and written (siginfo_format.c: a
// fault's bounds and address LSB, an unknown code in hex, an errno without
// a name unsigned), signal masks, a peeked word, register sets by the
// architecture's layout (systrap/arch/ptrace_regs.h) whole and in part, the
// syscall info as far as its size goes, the seccomp metadata, refused
// requests; in each -X style and with -s cutting arrays. Every line as
// strace 6.1's, pids masked.
TEST(TraceOutput, PtraceRequestsMatchStrace) {
  // The event stop's siginfo holds the tracer's pid where a fault's
  // address would be.
  static const std::regex pid_arg("(ptrace\\([^,]*, )[0-9]+"), sender("si_pid=[0-9]+"),
      stop_pid("(si_code=0x8005, si_addr=)0x[0-9a-f]+");
  std::map<std::string, std::string> ours;
  for (const char* flags : {"", "-Xraw", "-Xverbose", "-s4"}) {
    auto [o, t] = MaskedTraces("ptrace", Runfile("testdata/ptrace_calls"),
                               std::string(flags) + " -e trace=ptrace -e signal=none");
    // The pids masked: the column of " = " moves with their width,
    // which differs between the two runs when the pid counter passes a
    // power of ten (or wraps) between them.
    static const std::regex padded(" += ");
    for (auto* s : {&o, &t})
      *s = std::regex_replace(
          std::regex_replace(
              std::regex_replace(std::regex_replace(*s, pid_arg, "$1PID"), sender, "si_pid=N"),
              stop_pid, "$1PID"),
          padded, " = ");
    EXPECT_EQ(o, t) << flags;
    EXPECT_EQ(std::count(o.begin(), o.end(), '\n'), 31) << flags << "\n" << o;
    ours[flags] = o;
  }
  for (const char* want : {
           "ptrace(PTRACE_SETOPTIONS, PID, NULL, PTRACE_O_TRACESYSGOOD|PTRACE_O_EXITKILL) = 0\n",
           "ptrace(PTRACE_GETEVENTMSG, PID, NULL, [0]) = 0\n",
           "ptrace(PTRACE_SEIZE, PID, NULL, 0) ",
           "ptrace(PTRACE_INTERRUPT, PID) ",
           "ptrace(PTRACE_GETSIGINFO, PID, NULL, {si_signo=SIGTRAP, si_code=0x8005, si_addr=PID}) = 0\n",
           "ptrace(PTRACE_PEEKDATA, PID, ADDR, [ADDR]) = 0\n",
           "ptrace(PTRACE_PEEKSIGINFO, PID, {off=0, flags=PTRACE_PEEKSIGINFO_SHARED, nr=1}, []) = 0\n",
           "ptrace(PTRACE_GETREGSET, PID, NT_PRPSINFO, {iov_base=ADDR, iov_len=128}) = -1 EINVAL",
           "ptrace(PTRACE_GET_SYSCALL_INFO, PID, 128, {op=PTRACE_SYSCALL_INFO_NONE, arch=AUDIT_ARCH_X86_64, "
           "instruction_pointer=ADDR, stack_pointer=ADDR}) = 24\n",
           "ptrace(PTRACE_GET_SYSCALL_INFO, PID, 4, {op=PTRACE_SYSCALL_INFO_NONE}) = 24\n",
           "ptrace(PTRACE_SECCOMP_GET_METADATA, PID, 16, {filter_off=0}) = -1 E",
           "si_code=SEGV_BNDERR, si_addr=0x1000, si_lower=NULL, si_upper=0x2000}) = 0\n",
           "si_code=BUS_MCEERR_AR, si_errno=4294967294, si_addr=0x1000, si_addr_lsb=0xc}) = 0\n",
           "{si_signo=SIGPROF, si_code=0x7eadc0de, si_errno=ENOENT, si_pid=N, si_uid=3, si_int=12, si_ptr=0xc}",
           "ptrace(0x7eadbeef /* PTRACE_??? */, PID, NULL, NULL) = -1 EIO",
           "ptrace(PTRACE_ATTACH, PID) ",
           "ptrace(PTRACE_SINGLESTEP, -1, NULL, SIGUSR2) = -1 ESRCH",
           "ptrace(PTRACE_GETREGSET, PID, NT_FPREGSET, {iov_base={cwd=0x37f, swd=0, ftw=0, fop=0}, "
           "iov_len=8}) = 0\n",
           "ptrace(PTRACE_GETREGSET, PID, NT_PRSTATUS, {iov_base=ADDR, iov_len=12}) = -1 EINVAL",
           "ptrace(PTRACE_SETREGSET, -1, NT_PRSTATUS, {iov_base={r15=0x33, r14=0x133, r13=0x233}, "
           "iov_len=24}) = -1 ESRCH",
           "mxcsr=0x37f, mxcr_mask=0x3, st_space=[0x37f, 0x4]}, iov_len=40}) = -1 ESRCH",
           "ptrace(PTRACE_SETREGS, -1, {r15=0x33, r14=0x133, ",
           "orig_rax=0xf33, rip=0x1033, cs=0x1133, eflags=0x1233, rsp=0x1333, ss=0x1433, "
           "fs_base=0x1533, gs_base=0x1633, ds=0x1733, es=0x1833, fs=0x1933, gs=0x1a33}) = -1 ESRCH",
           "xmm_space=[0x37f, 0x14, 0x37f, 0x15, 0x37f, ",
       })
    EXPECT_NE(ours[""].find(want), std::string::npos) << want << "\n" << ours[""];
  EXPECT_NE(ours["-s4"].find("padding=[0x37f, 0x34, 0x37f, 0x35, ...]}) = -1 ESRCH"),
            std::string::npos)
      << ours["-s4"];
  EXPECT_NE(ours["-Xverbose"].find("si_code=0xfffffffa /* SI_TKILL */"), std::string::npos)
      << ours["-Xverbose"];
}

// seccomp(2) (prctl_decoder.c) and classic BPF programs (bpf_filter.c):
// each operation's flags and argument, the queries' answers, and under -v
// every instruction of a refused filter (BPF_STMT/BPF_JUMP, the code's
// parts by name, seccomp's return actions), prctl(PR_SET_SECCOMP)'s too;
// the address without -v. In each -X style; every line as strace 6.1's.
TEST(TraceOutput, SeccompFiltersMatchStrace) {
  std::map<std::string, std::string> ours;
  for (const char* flags : {"", "-v", "-v -Xraw", "-v -Xverbose"}) {
    auto [o, t] = MaskedTraces("seccomp", Runfile("testdata/seccomp_calls"),
                               std::string(flags) + " -e trace=seccomp,prctl");
    EXPECT_EQ(o, t) << flags;
    EXPECT_EQ(std::count(o.begin(), o.end(), '\n'), 10) << flags << "\n" << o;
    ours[flags] = o;
  }
  for (const char* want : {
           "seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [SECCOMP_RET_LOG]) = 0\n",
           "seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [0x12345678 /* SECCOMP_RET_??? */]) = -1",
           "seccomp(SECCOMP_GET_NOTIF_SIZES, 0, {seccomp_notif=",
           "seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG|0x80000000, {len=10, "
           "filter=[BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0), BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x27, 0, "
           "0x1), BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ERRNO|0xd), BPF_STMT(BPF_ALU|BPF_X|BPF_AND, "
           "0), BPF_STMT(BPF_MISC|BPF_TXA, 0), BPF_STMT(BPF_LDX|BPF_B|BPF_MSH, 0xe), "
           "BPF_STMT(BPF_ST, 0x3), BPF_STMT(BPF_RET|BPF_K, 0x12340000 /* SECCOMP_RET_??? */), "
           "BPF_STMT(BPF_RET|BPF_A, SECCOMP_RET_KILL_THREAD), BPF_JUMP(BPF_JMP|BPF_X|BPF_JSET, "
           "0x80, 0x2, 0)]}) = -1 EINVAL",
           "seccomp(SECCOMP_SET_MODE_FILTER, 0, {len=0, filter=[]}) = -1 EINVAL",
           "seccomp(0x7 /* SECCOMP_SET_MODE_??? */, 0x10, NULL) = -1 EINVAL",
           "prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, {len=10, filter=[BPF_STMT(",
       })
    EXPECT_NE(ours["-v"].find(want), std::string::npos) << want << "\n" << ours["-v"];
  EXPECT_NE(ours[""].find("prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, {len=10, filter=ADDR})"),
            std::string::npos)
      << ours[""];
}

// openat2's struct open_how (struct_decoders.c): the mode only with
// O_CREAT/O_TMPFILE or when set, the resolve flags, the bytes past the
// struct, the address below 24 bytes; and under -y AT_FDCWD with the
// working directory, as strace 6.1 shows a dirfd. Every line as strace's.
TEST(TraceOutput, Openat2MatchesStrace) {
  for (const char* flags : {"-e trace=openat2", "-y -e trace=openat2"}) {
    auto [ours, theirs] = MaskedTraces("openat2", Runfile("testdata/openat2_calls"), flags);
    EXPECT_EQ(ours, theirs) << flags;
    EXPECT_EQ(std::count(ours.begin(), ours.end(), '\n'), 8) << flags << "\n" << ours;
    for (const char* want : {
             "{flags=O_WRONLY|O_CREAT, mode=0644, resolve=RESOLVE_BENEATH}, 24) = -1 EBADF",
             "{flags=O_RDWR|O_TMPFILE, mode=000, resolve=RESOLVE_IN_ROOT|0x1000}, 24) = -1 EINVAL",
             "{flags=O_RDONLY, mode=0755, resolve=0xdec0000 /* RESOLVE_??? */}, 24)",
             "{flags=O_RDONLY, resolve=0}, 32) = 3",
             "{flags=O_RDONLY, resolve=0, /* bytes 24..31 */ "
             "\"\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\"}, 32) = -1 E2BIG",
             "\"openat2.sample\", ADDR, 11) = -1 EINVAL",
         })
      EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
  }
  auto [ours, theirs] =
      MaskedTraces("openat2_y", Runfile("testdata/openat2_calls"), "-y -e trace=openat2");
  EXPECT_EQ(ours.rfind("openat2(AT_FDCWD<", 0), 0u) << ours;
}

// -yy and --decode-fds=SET (format.c's print_fd_path): a device's number
// ("</dev/null<char 1:3>>"), a pidfd's process ("<pid:N>"), the path only
// when the set has it (AT_FDCWD's too); and the pidfd calls' arguments
// (pidfd_getfd's target descriptor, pidfd_open's flags, process_madvise's
// iovecs of the other process: addresses), paths quoted as strace quotes
// them, "(deleted)" after an unlinked file's path. Every line as strace
// 6.1's, pids and inodes masked.
TEST(TraceOutput, DecodeFdsMatchStrace) {
  const std::string trace =
      " -e trace=dup,fsync,faccessat,pidfd_open,pidfd_getfd,process_madvise,process_mrelease,kcmp";
  static const std::regex pid("<pid:[0-9]+>"), pid_arg("pidfd_open\\([0-9]+"),
      kcmp_pids("kcmp\\([0-9]+, [0-9]+"), kcmp_pid("kcmp\\([0-9]+, -1");
  std::map<std::string, std::string> ours_by;
  for (const char* flags : {"-y", "-yy", "--decode-fds=dev", "--decode-fds=pidfd",
                            "--decode-fds=path,dev", "-e decode-fds=socket,pidfd",
                            "-e decode-fds=none"}) {
    auto [ours, theirs] =
        MaskedTraces("decode_fds", Runfile("testdata/decode_fds_calls"), flags + trace);
    // The pids' digits move the result column (a pid of 5 digits in one
    // run, 4 in the other): both compared with the padding squeezed.
    for (std::string* t : {&ours, &theirs})
      *t = std::regex_replace(
          std::regex_replace(
              std::regex_replace(
                  std::regex_replace(std::regex_replace(*t, pid, "<pid:PID>"), pid_arg,
                                     "pidfd_open(PID"),
                  kcmp_pids, "kcmp(PID, PID"),
              kcmp_pid, "kcmp(PID, -1"),
          std::regex(" +"), " ");
    EXPECT_EQ(ours, theirs) << flags;
    EXPECT_GE(std::count(ours.begin(), ours.end(), '\n'), 15) << flags << "\n" << ours;
    ours_by[flags] = ours;
  }
  const std::string& yy = ours_by["-yy"];
  for (const char* want : {
           "dup(3</dev/null<char 1:3>>) = 8</dev/null<char 1:3>>\n",
           "fsync(4</dev/zero<char 1:5>>) = -1 EINVAL",
           "dup(5</>) = 8</>\n",
           "dup(6<pipe:[N]>) = 8<pipe:[N]>\n",
           "faccessat(AT_FDCWD</",
           "pidfd_open(PID, 0) = 8<pid:PID>\n",
           "dup(8<pid:PID>) = 9<pid:PID>\n",
           // The target descriptor from the pidfd's process's table.
           "pidfd_getfd(8<pid:PID>, 3</dev/null<char 1:3>>, 0) = 9</dev/null<char 1:3>>\n",
           "pidfd_getfd(3</dev/null<char 1:3>>, 4, 0xbadc0de) = -1 EINVAL",
           "pidfd_open(-1, PIDFD_NONBLOCK|0x40000000) = -1 EINVAL",
           "pidfd_open(PID, 0x7000 /* PIDFD_??? */) = -1 EINVAL",
           "process_madvise(8<pid:PID>, [{iov_base=0x1000, iov_len=4096}, {iov_base=ADDR, "
           "iov_len=3}], 2, MADV_COLD, 0) = -1",
           "process_madvise(8<pid:PID>, [], 0, MADV_COLD, 0x1) = -1 EINVAL",
           "process_mrelease(-1, 0) = -1 EBADF",
           // kcmp: each index as its type says.
           "kcmp(PID, PID, KCMP_FILE, 3</dev/null<char 1:3>>, 3</dev/null<char 1:3>>) = 0\n",
           "kcmp(PID, -1, KCMP_VM) = -1 ESRCH",
           "kcmp(-1, -1, 0x63 /* KCMP_??? */, 0x1, 0x2) = -1",
       })
    EXPECT_NE(yy.find(want), std::string::npos) << want << "\n" << yy;
  // A socket by its protocol, the kernel's name for it (-y: its path).
  auto dup_of = [](const std::string& kind) {
    return std::regex("dup\\([0-9]+<" + kind + ":\\[N\\]>\\) = [0-9]+<" + kind +
                      ":\\[N\\]>\n");
  };
  for (const char* kind : {"UNIX-STREAM", "UNIX", "TCP", "UDP", "NETLINK"}) {
    EXPECT_TRUE(std::regex_search(yy, dup_of(kind))) << kind << "\n" << yy;
    EXPECT_TRUE(std::regex_search(ours_by["-e decode-fds=socket,pidfd"], dup_of(kind))) << kind;
  }
  // Bound and connected: endpoints, peers and paths as strace's sock_diag
  // shows them.
  for (const char* want : {
           "dup(N<UNIX-STREAM:[N->N]>) = N<UNIX-STREAM:[N->N]>\n",
           "<UNIX:[N->N]>\n",
           "<UNIX-STREAM:[N,\"decode_fds.sock\"]>\n",
           "<UNIX-STREAM:[N->N,\"decode_fds.sock\"]>\n",
           "<TCP:[127.0.0.1:N]>\n",
           "<TCP:[127.0.0.1:N->127.0.0.1:N]>\n",
           "dup(N<TCP:[N]>) = N<TCP:[N]>\n",  // refused: bound no more
           "<UDP:[127.0.0.1:N]>\n",
           "<UDP:[127.0.0.1:N->127.0.0.1:53]>\n",
           "<NETLINK:[ROUTE:N]>\n",
       })
    EXPECT_NE(std::regex_replace(yy, std::regex("\\b[0-9]{2,}<"), "N<").find(want),
              std::string::npos)
        << want << "\n" << yy;
  // -y: each of them by its path, "socket:[INODE]".
  auto count = [](const std::string& s, const std::regex& re) {
    return std::distance(std::sregex_iterator(s.begin(), s.end(), re), std::sregex_iterator());
  };
  const std::string& y = ours_by["-y"];
  long named = count(yy, std::regex("<(UNIX|UNIX-STREAM|TCP|UDP|NETLINK):\\["));
  EXPECT_GE(named, 2 * 19) << yy;
  EXPECT_EQ(count(y, std::regex("<socket:\\[N\\]>")), named) << y;
  EXPECT_EQ(count(y, std::regex("<(UNIX|UNIX-STREAM|TCP|UDP|NETLINK):\\[")), 0) << y;
  EXPECT_NE(ours_by["--decode-fds=dev"].find("dup(5) = 8\n"),
            std::string::npos);
  EXPECT_NE(ours_by["--decode-fds=dev"].find("faccessat(AT_FDCWD, \"/\""), std::string::npos);
  EXPECT_NE(ours_by["-y"].find("dup(3</dev/null>) = 8</dev/null>\n"),
            std::string::npos);
  EXPECT_NE(ours_by["-y"].find("dup(8<anon_inode:[pidfd]>)"), std::string::npos);
  // Paths quoted as strace quotes them (< and > in octal), and a file
  // unlinked while open: "(deleted)" after the path, not in it.
  EXPECT_NE(ours_by["-y"].find("/odd \\74name\\76\\n (deleted)>) = 0\n"), std::string::npos)
      << ours_by["-y"];
  EXPECT_NE(ours_by["-y"].find("/odd \\74name\\76\\n (deleted)>(deleted)) = 0\n"),
            std::string::npos);
  EXPECT_NE(ours_by["-e decode-fds=socket,pidfd"].find(
                "dup(3) = 8\n"),
            std::string::npos);
}

// strace's -Y (pidns.c's print_pid): each pid argument and result of a
// pid kind in the signature table (getpid, gettid, getppid, kill's
// process and process group, tgkill, tkill, getpgid, getsid) followed by its process's name, as strace 6.1
// prints it. The pids differ run by run, and getppid's parent is the
// tracer itself: both masked.
TEST(TraceOutput, DecodePidsCommMatchesStrace) {
  const std::string trace =
      " -e trace=getpid,gettid,getppid,kill,tgkill,tkill,getpgid,getsid,getpgrp";
  for (const char* flags : {"-Y", "--decode-pids=comm", "-e decode-pids=comm,pidns"}) {
    auto [ours, theirs] = MaskedTraces("pids_comm", Runfile("testdata/pid_calls"), flags + trace);
    for (std::string* t : {&ours, &theirs}) {
      for (const char* number : {"[0-9]+(?=<)", "[0-9]+(?=\n)", "-[0-9]+(?=,)"})
        *t = std::regex_replace(*t, std::regex(number), "N");
      *t = std::regex_replace(
          std::regex_replace(*t, std::regex("<(strace|systrap-trace)>"), "<TRACER>"),
          std::regex(" +"), " ");
    }
    EXPECT_EQ(ours, theirs) << flags;
    // (Results masked too: "= 0" reads "= N".)
    for (const char* want : {"getpid() = N<pid_calls>\n", "getppid() = N<TRACER>\n",
                             "kill(N<pid_calls>, 0) = N\n",
                             "tgkill(N<pid_calls>, N<pid_calls>, 0) = N\n",
                             "getsid(N<pid_calls>) = N\n", "kill(N, 0) = N\n"})
      EXPECT_NE(ours.find(want), std::string::npos) << flags << ": " << want << "\n" << ours;
  }
}

// Under -f, -Y's name on an execve line is the program's before the exec
// (strace prints the entry before the kernel renames the process): "sh"
// for sh's child exec'ing /bin/true, the tracer's own child for the first
// (strace's "<strace>"; ours "<systrap-trace>"). Each line was "<true>",
// "<sh>" before.
TEST(TraceOutput, DecodePidsCommNamesTheExecingProgram) {
  auto [o, t] = BothTraces("exec_comm", "sh -c '/bin/true & wait'", "-f -Y -e trace=execve");
  auto heads = [](const std::vector<std::string>& v) {
    static const std::regex head("^[0-9]+(<[^>]*>) (execve\\(\"[^\"]*\").*$");
    std::vector<std::string> out;
    std::smatch m;
    for (auto& l : v)
      if (std::regex_match(l, m, head))
        out.push_back(std::regex_replace(m[1].str(), std::regex("<(strace|systrap-trace)>"),
                                         "<TRACER>") +
                      " " + m[2].str());
    return out;
  };
  std::vector<std::string> want = {"<TRACER> execve(\"/usr/bin/sh\"",
                                   "<sh> execve(\"/bin/true\""};
  EXPECT_EQ(heads(t), want);
  EXPECT_EQ(heads(o), want);
}

// Flag words each call names by its own table, as strace 6.1 does:
// clone3's CLONE_NEWTIME, CLONE_CLEAR_SIGHAND and CLONE_INTO_CGROUP, its
// set_tid array and cgroup where its size holds them; unshare's flags
// (64 bits, CLONE_IO not among them) and setns's CLONE_NEW* types.
TEST(TraceOutput, CloneFlagWordsMatchStrace) {
  auto [ours, theirs] = MaskedTraces("clone_flag_words", Runfile("testdata/clone3_calls"),
                                     "-e trace=unshare,setns,clone3 -e signal=none");
  for (std::string* t : {&ours, &theirs})
    *t = std::regex_replace(
        std::regex_replace(*t, std::regex("parent_tid=\\[[0-9]+\\]"), "parent_tid=[N]"),
        std::regex("= [0-9]+\n"), "= N\n");
  EXPECT_EQ(ours, theirs);
  for (const char* want :
       {"clone3({flags=CLONE_NEWPID|CLONE_NEWTIME, exit_signal=100, stack=NULL, stack_size=0}, 88)",
        "{flags=CLONE_INTO_CGROUP, exit_signal=100, stack=NULL, stack_size=0, cgroup=4}, 88)",
        "stack_size=0, set_tid=[1, 31500], set_tid_size=2}, 88)",
        "unshare(CLONE_IO)", "setns(-1, CLONE_VM)"})
    EXPECT_EQ(ours.find(want) != std::string::npos, theirs.find(want) != std::string::npos)
        << want << "\n" << ours;
  EXPECT_NE(ours.find("set_tid=[1, 31500], set_tid_size=2}"), std::string::npos) << ours;
}

// clone3's line ends with what the kernel stored, as strace's: " =>
// {pidfd=[3], parent_tid=[N]}" after the struct (each field only where its
// flag asked for it, nothing when the call failed, the address when it
// cannot be read), with -y the pidfd's kind. clone's parent_tid shows the
// same, "parent_tid=[3]" (it was the address). Pids masked; every line as
// strace 6.1's.
TEST(TraceOutput, Clone3StoredFieldsMatchStrace) {
  for (const char* flags : {"", "-y"}) {
    auto [ours, theirs] = MaskedTraces("clone3", Runfile("testdata/clone3_calls"),
                                       std::string(flags) + " -e trace=clone3,clone -e signal=none");
    for (std::string* t : {&ours, &theirs})
      *t = std::regex_replace(std::regex_replace(*t, std::regex("parent_tid=\\[[0-9]+\\]"),
                                                 "parent_tid=[N]"),
                              std::regex("= [0-9]+\n"), "= N\n");
    EXPECT_EQ(ours, theirs) << flags;
    EXPECT_NE(ours.find("stack_size=0} => {pidfd=[3" + std::string(*flags ? "<anon_inode:[pidfd]>" : "") +
                        "], parent_tid=[N]}, 88) = N\n"),
              std::string::npos)
        << ours;
    EXPECT_NE(ours.find("stack_size=0}, 88) = -1 EINVAL (Invalid argument)\n"), std::string::npos)
        << ours;
    EXPECT_NE(ours.find("} => {parent_tid=0x8}, 88) = N\n"), std::string::npos) << ours;
    // (The clone3 calls left pidfds 3 and 4 open; a bare number is masked.)
    EXPECT_NE(ours.find("flags=CLONE_PIDFD|SIGCHLD, parent_tid=[" +
                        std::string(*flags ? "5<anon_inode:[pidfd]>" : "N") + "]) = N\n"),
              std::string::npos)
        << ours;
    EXPECT_NE(ours.find("flags=CLONE_PARENT_SETTID|SIGCHLD, parent_tid=[N]) = N\n"),
              std::string::npos)
        << ours;
    EXPECT_NE(ours.find("flags=CLONE_PARENT_SETTID|SIGCHLD, parent_tid=0x8) = N\n"),
              std::string::npos)
        << ours;
  }
}

// signalfd4's flags are SFD_* (they were printed as SOCK_*), as strace's.
TEST(TraceOutput, SignalfdFlagsMatchStrace) {
  auto [ours, theirs] =
      MaskedTraces("signalfd", Runfile("testdata/signalfd_calls"), "-e trace=signalfd4");
  EXPECT_EQ(ours, theirs);
  EXPECT_NE(ours.find("signalfd4(-1, [USR1], 8, SFD_CLOEXEC|SFD_NONBLOCK) = 3\n"),
            std::string::npos)
      << ours;
  EXPECT_NE(ours.find(", 8, 0x4000000 /* SFD_??? */) = -1 EINVAL"), std::string::npos) << ours;
}

// testdata/decoder_calls' trace of `calls`, ours and strace's (addresses
// masked), under each of the option sets that change how structs print.
void ExpectDecodedLikeStrace(const std::string& name, const std::string& calls,
                             const std::vector<std::string>& wants) {
  for (const char* flags : {"", "-X raw", "-X verbose", "-e verbose=none", "-s 1", "-v"}) {
    auto [ours, theirs] = MaskedTraces(name, Runfile("testdata/decoder_calls"),
                                       std::string(flags) + " -e trace=" + calls);
    EXPECT_EQ(ours, theirs) << "flags: " << flags;
    if (*flags) continue;
    for (const std::string& want : wants)
      EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
  }
}

// Found by a helper's hunt (session 41): a poll entry with a negative fd
// (no events), F_GETSIG's and F_GETLEASE's results named, F_NOTIFY's
// flags, a netlink bind's nl_groups as %#08x, socket's protocol for
// AF_PACKET (htons(ETH_P_*)), AF_BLUETOOTH and an unknown family
// (unsigned), copy_file_range's flags in decimal, process_vm_readv's and
// _writev's iovecs, mincore's vector, fanotify's, io_uring's and the new
// mount API's flags and commands, splice's offsets and struct sched_attr,
// as strace 6.1 prints them (the program's pid masked).
TEST(TraceOutput, MiscDecodersMatchStrace) {
  static const std::regex pid("(process_vm_(readv|writev)\\()[0-9]+");
  for (const char* flags : {"", "-X raw", "-X verbose", "-e verbose=none", "-s 1", "-v"}) {
    SCOPED_TRACE(flags);
    auto [ours, theirs] = MaskedTraces(
        "misc", Runfile("testdata/decoder_calls"),
        std::string(flags) +
            " -e trace=poll,fcntl,bind,socket,copy_file_range,process_vm_readv,"
            "process_vm_writev,mincore,splice,fanotify_init,fanotify_mark,io_uring_enter,"
            "io_uring_register,fsopen,fsconfig,open_tree,fspick,sched_getattr,sched_setattr,"
            "sigaltstack");
    ours = std::regex_replace(ours, pid, "$1PID");
    theirs = std::regex_replace(theirs, pid, "$1PID");
    EXPECT_EQ(ours, theirs);
    if (*flags) continue;
    ours = std::regex_replace(ours, std::regex(" +"), " ");
    for (const char* want :
         {"poll([{fd=3, events=POLLIN}, {fd=-1}], 2, 0) = 0 (Timeout)\n", "F_GETSIG) = 29 (SIGIO)\n",
          "F_GETLEASE) = 0x2 (F_UNLCK)\n", "F_NOTIFY, DN_CREATE|DN_DELETE|DN_MULTISHOT) = 0\n",
          "nl_groups=0x000001}, 12) = 0\n", "socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_ALL))",
          "socket(AF_BLUETOOTH, SOCK_STREAM, BTPROTO_L2CAP)", "4294967295) = -1",
          ", 1, 1) = -1 EINVAL", "[{iov_base=\"hello\", iov_len=5}], 1, [{iov_base=ADDR, iov_len=5}], 1, 0) = 5",
          "mincore(ADDR, 12288, [1, 0, 0]) = 0\n", "splice(5, [0], 4, NULL, 3, SPLICE_F_MOVE|SPLICE_F_NONBLOCK)",
          "fanotify_init(FAN_CLASS_NOTIF|FAN_CLOEXEC|FAN_NONBLOCK|FAN_REPORT_FID, O_RDONLY)",
          "FAN_MARK_ADD|FAN_MARK_FILESYSTEM, FAN_CREATE|FAN_DELETE|FAN_ONDIR, AT_FDCWD, \"/tmp\")",
          "io_uring_enter(-1, 0, 0, IORING_ENTER_GETEVENTS|0x40, NULL, 0)",
          "io_uring_register(-1, IORING_REGISTER_FILES, NULL, 1)",
          "io_uring_register(-1, IORING_REGISTER_BUFFERS, [{iov_base=ADDR, iov_len=64}, "
          "{iov_base=ADDR, iov_len=32}], 2) = ",
          "io_uring_register(-1, IORING_REGISTER_BUFFERS, [], 0) = ",
          "io_uring_register(-1, IORING_REGISTER_FILES, [0, -1, 2], 3) = ",
          "io_uring_register(-1, IORING_REGISTER_FILES_UPDATE, {offset=1, resv=0x7, fds=[0, "
          "-1]}, 2) = ",
          "io_uring_register(-1, IORING_REGISTER_FILES_UPDATE, {offset=1, fds=[0]}, 1) = ",
          "io_uring_register(-1, IORING_REGISTER_EVENTFD, [2], 1) = ",
          "io_uring_register(-1, IORING_REGISTER_EVENTFD_ASYNC, NULL, 1) = ",
          "IORING_REGISTER_PROBE, {last_op=IORING_OP_NOP, ops_len=0, ops=[{op=IORING_OP_READV, "
          "flags=0}, {op=IORING_OP_NOP, flags=0}, {op=IORING_OP_NOP, flags=0}, {op=IORING_OP_NOP, "
          "flags=0}]}, 4) = ",
          "IORING_REGISTER_PROBE, ADDR, 300) = ",
          "IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=0, [IO_WQ_UNBOUND]=0]",
          "IORING_REGISTER_RESTRICTIONS, [{opcode=IORING_RESTRICTION_REGISTER_OP, "
          "register_op=IORING_REGISTER_PROBE}, {opcode=IORING_RESTRICTION_SQE_OP, "
          "sqe_op=IORING_OP_READ}, {opcode=IORING_RESTRICTION_SQE_FLAGS_ALLOWED, "
          "sqe_flags=IOSQE_IO_LINK|IOSQE_ASYNC}], 3) = ",
          "io_uring_register(-1, IORING_REGISTER_FILES2, {nr=2, flags=0, data=[0, -1], "
          "tags=[0x11, 0x22]}, 32) = ",
          "io_uring_register(-1, IORING_REGISTER_FILES2, ADDR, 16) = ",
          "io_uring_register(-1, IORING_REGISTER_BUFFERS2, {nr=2, flags=IORING_RSRC_REGISTER_SPARSE, "
          "data=[{iov_base=ADDR, iov_len=64}, {iov_base=ADDR, iov_len=32}], tags=[0x11, 0x22]}, "
          "32) = ",
          "io_uring_register(-1, IORING_REGISTER_FILES_UPDATE2, {offset=1, data=[0, "
          "IORING_REGISTER_FILES_SKIP], tags=[0x11, 0x22], nr=2}, 32) = ",
          "io_uring_register(-1, IORING_REGISTER_RING_FDS, [{offset=-1, data=0}, {offset=3, "
          "resv=0x1, data=5}], 2) = ",
          "io_uring_register(-1, IORING_UNREGISTER_RING_FDS, [{offset=4294967295}, {offset=3, "
          "resv=0x1, data=0x5}], 2) = ",
          "io_uring_register(-1, IORING_UNREGISTER_PBUF_RING, {ring_addr=0x10000, ring_entries=8, "
          "bgid=3, resv=[0, 0x9, 0]}, 1) = ",
          "fsopen(\"tmpfs\", FSOPEN_CLOEXEC)", "fsconfig(-1, FSCONFIG_SET_STRING, \"size\", ",
          "open_tree(AT_FDCWD, \"/tmp\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC)",
          "fspick(AT_FDCWD, \"/tmp\", FSPICK_CLOEXEC|0x10)",
          "sched_getattr(0, {size=56, sched_policy=SCHED_", "sched_util_max=0}, 56, 0) = 0\n",
          "sched_setattr(0, {size=0, sched_policy=SCHED_",
          "sched_setattr(0, 0x1, 0) = -1 EFAULT",
          // the size the kernel takes, written back (E2BIG)
          "sched_util_max=0, ...} => {size=56}, 0) = -1 E2BIG",
          "sched_setattr(0, {size=30} => {size=56}, 0) = -1 E2BIG",
          "sigaltstack(NULL, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0\n",
          "ss_flags=SS_AUTODISARM, ss_size=65536}, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0\n",
          "ss_flags=0x40 /* SS_??? */, ss_size=65536}, NULL) = -1 EINVAL"})
      EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
  }
}

// Landlock's ruleset and rule attributes, futex_waitv's waiters, a
// socket filter program (SO_ATTACH_FILTER, SO_ATTACH_REUSEPORT_CBPF) and
// AF_PACKET's sockaddr_ll, each of which used to print as an address or
// raw bytes: as strace 6.1 prints them in every style, with sizes too
// short or too long, unknown bits and types, unreadable tails, -s's cut,
// and -yy's name for a socket whose protocol strace does not look up.
TEST(TraceOutput, SandboxWaitAndPacketDecodersMatchStrace) {
  for (const char* flags :
       {"", "-X raw", "-X verbose", "-e verbose=none", "-s 3", "-v", "-yy"}) {
    SCOPED_TRACE(flags);
    std::string f = flags;
    // -yy: setsockopt alone (another part's connects name ephemeral
    // ports that MaskedTraces leaves as they are).
    auto [ours, theirs] = MaskedTraces(
        "sandbox_wait_packet", Runfile("testdata/decoder_calls"),
        f + (f == "-yy" ? " -e trace=setsockopt"
                        : " -e trace=landlock_create_ruleset,landlock_add_rule,"
                          "landlock_restrict_self,futex_waitv,bind,connect,setsockopt,"
                          "getsockopt"));
    EXPECT_EQ(ours, theirs);
    std::vector<std::string> wants;
    if (f.empty())
      wants = {
          "landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_WRITE_FILE|"
          "LANDLOCK_ACCESS_FS_READ_FILE|0x100000}, 8, 0) = ",
          "landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION) = ",
          "landlock_create_ruleset(ADDR, 4, 0) = ",
          "0x100000, ...}, 24, LANDLOCK_CREATE_RULESET_VERSION|0x2) = ",
          "0x100000}, 8, 0x2 /* LANDLOCK_CREATE_RULESET_??? */) = ",
          ", LANDLOCK_RULE_PATH_BENEATH, {allowed_access=LANDLOCK_ACCESS_FS_READ_FILE|"
          "LANDLOCK_ACCESS_FS_REFER, parent_fd=",
          ", 0x7 /* LANDLOCK_RULE_??? */, ADDR, 0x1) = ",
          "landlock_restrict_self(-1, 0) = -1 EBADF",
          "futex_waitv([{val=0, uaddr=ADDR, flags=0}, {val=0x3, uaddr=ADDR, flags=0x1 /* "
          "FUTEX_??? */}, {val=0x6, uaddr=ADDR, flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, {val=0x9, "
          "uaddr=ADDR, flags=FUTEX_32|FUTEX_PRIVATE_FLAG|0x1, __reserved=0x9}, {val=0xc, "
          "uaddr=NULL, flags=0}, {val=0xf, uaddr=ADDR, flags=0x1 /* FUTEX_??? */}], 6, 0, "
          "{tv_sec=0, tv_nsec=1}, CLOCK_MONOTONIC) = ",
          "futex_waitv([], 0, 0, NULL, CLOCK_REALTIME) = ",
          "futex_waitv(NULL, 2, 0x1, NULL, CLOCK_BOOTTIME) = ",
          "flags=0x1 /* FUTEX_??? */}, ... /* ADDR */], 2, 0, NULL, CLOCK_MONOTONIC) = ",
          "SO_ATTACH_FILTER, {len=4, filter=ADDR}, 16) = ",
          "SO_ATTACH_FILTER, ADDR, 8) = ",
          "SO_ATTACH_REUSEPORT_CBPF, {len=4, filter=ADDR}, 16) = ",
          "{sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ARP), "
          "sll_ifindex=if_nametoindex(\"lo\"), sll_hatype=ARPHRD_ETHER, "
          "sll_pkttype=PACKET_BROADCAST, sll_halen=6, sll_addr=[0x2, 00, 0x5e, 0x10, 0xa0, "
          "0xff]}, 20) = ",
          "sll_ifindex=4099, sll_hatype=ARPHRD_NONE, sll_pkttype=0x9 /* PACKET_??? */, "
          "sll_halen=9, sll_addr=[0x2, 00, 0x5e, 0x10, 0xa0, 0xff, 0x7, 0x8, ...]}, 20) = ",
          "sll_pkttype=PACKET_KERNEL, sll_halen=0}, 20) = ",
          "{sa_family=AF_PACKET, sa_data=\"\\10\\6\\3\\20\\0\\0\\376\\377\\7\\0\"}, 12) = ",
          "SOL_PACKET, PACKET_ADD_MEMBERSHIP, {mr_ifindex=if_nametoindex(\"lo\"), mr_type=0x9 "
          "/* PACKET_MR_??? */, mr_alen=0, mr_address=}, 16) = ",
          "mr_type=PACKET_MR_PROMISC, mr_alen=6, mr_address=0a:0b:00:0d:0e:0f}, 16) = ",
          "SOL_PACKET, PACKET_DROP_MEMBERSHIP, {mr_ifindex=4099, mr_type=PACKET_MR_UNICAST, "
          "mr_alen=12, mr_address=0a:0b:00:0d:0e:0f:10:11}, 16) = ",
          "SOL_PACKET, PACKET_ADD_MEMBERSHIP, ADDR, 8) = ",
          "SOL_PACKET, PACKET_RX_RING, {tp_block_size=4096, tp_block_nr=4, tp_frame_size=2048, "
          "tp_frame_nr=8}, 16) = ",
          "SOL_PACKET, PACKET_TX_RING, ADDR, 28) = ",
          "SOL_PACKET, PACKET_VERSION, [1], 4) = ",
          "SOL_PACKET, 0x18 /* PACKET_??? */, [1], 4) = "};
    else if (f == "-v")
      wants = {"SO_ATTACH_FILTER, {len=4, filter=[BPF_STMT(BPF_LD|BPF_H|BPF_ABS, 0xc), "
               "BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x800, 0, 0x1), BPF_STMT(BPF_RET|BPF_K, 0xffff), "
               "BPF_STMT(BPF_RET|BPF_K, 0)]}, 16) = ",
               "SO_ATTACH_FILTER, {len=0, filter=[]}, 16) = ",
               "{val=0, uaddr=NULL, flags=0}, ...], 4294967295, 0, NULL, CLOCK_MONOTONIC) = "};
    else if (f == "-X verbose")
      wants = {"sll_protocol=\"\\x08\\x06\" /* htons(ETH_P_ARP) */, sll_ifindex=1 /* "
               "if_nametoindex(\"lo\") */, sll_hatype=0x1 /* ARPHRD_ETHER */",
               "mr_alen=6, mr_address=\"\\x0a\\x0b\\x00\\x0d\\x0e\\x0f\" /* "
               "0a:0b:00:0d:0e:0f */}"};
    else if (f == "-e verbose=none")
      wants = {"landlock_create_ruleset(ADDR, 8, 0) = ", "futex_waitv([], 0, 0, NULL, "};
    else if (f == "-s 3")
      wants = {"flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, ...], 6, 0, "};
    else if (f == "-yy")
      wants = {"<socket:[N]>, SOL_SOCKET, SO_ATTACH_FILTER, {len=4, filter=ADDR}, 16) = "};
    ours = std::regex_replace(ours, std::regex(" +"), " ");
    for (const std::string& want : wants)
      EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
    if (f != "-v") continue;
    // A count of 2^32 - 1: the kernel's FUTEX_WAITV_MAX waiters, then
    // "...", as strace (not every readable byte after them).
    size_t end = ours.find("], 4294967295, 0, NULL, CLOCK_MONOTONIC)");
    ASSERT_NE(end, std::string::npos) << ours;
    size_t begin = ours.rfind("futex_waitv([", end);
    std::string line = ours.substr(begin, end - begin);
    size_t waiters = 0;
    for (size_t at = line.find("{val="); at != std::string::npos; at = line.find("{val=", at + 1))
      waiters++;
    EXPECT_EQ(waiters, 128u) << line;
  }
}

// bpf(2): each command strace 6.1 decodes whose decoder we have, its
// struct whole, cut short by the size (fields past it not printed), longer
// with zeros, with a byte that is not (extra_data, "..." without -v),
// GET_NEXT_ID's id the kernel wrote (" => N" at the exit, masked: ids grow
// run by run), the instructions under -v, and the attributes strace prints
// as an address (NULL, sizes of 0 and over a page, an unknown command);
// PROG_QUERY's and TASK_FD_QUERY's exits, the batches' (" => {batch=...}"
// where the count changed), LINK_CREATE's union by attach type.
// Every line as strace's; the decoded text checked too, so a regression to
// addresses in both cannot pass.
TEST(TraceOutput, BpfAttributesMatchStrace) {
  for (const char* flags :
       {"", "-v", "-X raw", "-X verbose", "-e verbose=none", "-s 3", "-y", "-v -X raw"}) {
    SCOPED_TRACE(flags);
    std::string f = flags;
    auto [ours, theirs] =
        MaskedTraces("bpf_attrs", Runfile("testdata/decoder_calls"), f + " -e trace=bpf");
    static const std::regex next_id("next_id=0 => [0-9]+");
    ours = std::regex_replace(ours, next_id, "next_id=0 => N");
    theirs = std::regex_replace(theirs, next_id, "next_id=0 => N");
    EXPECT_EQ(ours, theirs);
    std::vector<std::string> wants;
    if (f.empty())
      wants = {
          "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=4, value_size=8, "
          "max_entries=4, map_flags=0, inner_map_fd=0, map_name=\"systrap_map\", map_ifindex=0, "
          "btf_fd=0, btf_key_type_id=0, btf_value_type_id=0, btf_vmlinux_value_type_id=0, "
          "map_extra=0}, 72) = ",
          "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=4, value_size=8, "
          "max_entries=4}, 16) = ",
          "map_flags=BPF_F_NUMA_NODE, inner_map_fd=-1, numa_node=4294967295 /* NUMA_NO_NODE */, "
          "map_name=\"name_of_16_byte\"...",
          "flags=BPF_EXIST}, 32) = ", "value=ADDR}, 24) = ", "flags=BPF_F_LOCK}, 32) = ",
          "bpf(BPF_MAP_GET_NEXT_KEY, {map_fd=", "bpf(BPF_MAP_FREEZE, {map_fd=",
          "insns=ADDR, license=\"GPL\", log_level=0, log_size=0, log_buf=NULL, "
          "kern_version=KERNEL_VERSION(5, 10, 1), prog_flags=BPF_F_STRICT_ALIGNMENT, "
          "prog_name=\"sysprog\", prog_ifindex=0, expected_attach_type=BPF_CGROUP_INET_SOCK_CREATE, "
          "prog_btf_fd=0, func_info_rec_size=0, func_info=NULL, func_info_cnt=0, "
          "line_info_rec_size=0, line_info=NULL, line_info_cnt=0, attach_btf_id=0, "
          "attach_prog_fd=0, fd_array=NULL}, 148) = ",
          "fd_array=NULL, ...}, 148) = ",
          "log_level=1, log_size=64, log_buf=\"\", kern_version=KERNEL_VERSION(5, 10, 1), "
          "prog_flags=0x200 /* BPF_F_??? */",
          "repeat=1, duration=0, ctx_size_in=0, ctx_size_out=0, ctx_in=NULL, ctx_out=NULL, "
          "flags=0, cpu=0, batch_size=0}}, 80) = ",
          // " => N" where the sandbox lets us see programs' ids.
          "bpf(BPF_PROG_GET_NEXT_ID, {start_id=0, next_id=0",
          "bpf(BPF_BTF_GET_NEXT_ID, {start_id=4294967280, next_id=0}, 8) = ",
          "bpf(BPF_MAP_GET_FD_BY_ID, {map_id=4294967280, next_id=0}, 8) = ",
          "bpf(BPF_LINK_GET_FD_BY_ID, {link_id=4294967280}, 4) = ",
          "bpf(BPF_OBJ_PIN, {pathname=\"/nonexistent/bpf/pin\", bpf_fd=",
          "attach_type=BPF_CGROUP_DEVICE, attach_flags=BPF_F_ALLOW_OVERRIDE|BPF_F_REPLACE}, 16) = ",
          "bpf(BPF_RAW_TRACEPOINT_OPEN, {raw_tracepoint={name=\"no_such_tracepoint\", prog_fd=",
          "bpf(BPF_BTF_LOAD, {btf=\"\\237\\353\\1\\0btf?\", btf_log_buf=NULL, btf_size=8, "
          "btf_log_size=0, btf_log_level=0}, 28) = ",
          "flags=BPF_F_REPLACE, old_prog_fd=9}}, 16) = ",
          "bpf(BPF_PROG_QUERY, {query={target_fd=-1, attach_type=BPF_CGROUP_INET_SOCK_CREATE, "
          "query_flags=BPF_F_QUERY_EFFECTIVE, attach_flags=BPF_F_ALLOW_MULTI, prog_ids=ADDR, "
          "prog_cnt=4}}, 28) = ",
          ", fd=-1, flags=0, buf_len=32, buf=\"\", prog_id=0, "
          "fd_type=BPF_FD_TYPE_RAW_TRACEPOINT, probe_offset=0, probe_addr=0}}, 48) = ",
          "bpf(BPF_MAP_LOOKUP_BATCH, {batch={in_batch=NULL, out_batch=ADDR, keys=ADDR, "
          "values=ADDR, count=8, map_fd=",
          "bpf(BPF_MAP_UPDATE_BATCH, {batch={keys=ADDR, values=ADDR, count=2, map_fd=",
          "elem_flags=BPF_F_LOCK, flags=0}}, 56) = ",
          "bpf(BPF_MAP_DELETE_BATCH, {batch={keys=ADDR, count=2, map_fd=",
          "elem_flags=BPF_ANY, flags=0x10}}, 56) = ",
          "attach_type=BPF_CGROUP_INET_INGRESS, flags=0, target_btf_id=77}}, 48) = ",
          "attach_type=BPF_TRACE_ITER, flags=0, iter_info=[{map={map_fd=",
          "}}], iter_info_len=1}}, 48) = ",
          "attach_type=BPF_PERF_EVENT, flags=0, perf_event={bpf_cookie=0xc0ffee}}}, 48) = ",
          "kprobe_multi={flags=BPF_F_KPROBE_MULTI_RETURN, cnt=2, syms=[\"do_sys_open\", "
          "\"vfs_read\"], addrs=NULL, cookies=[0x1, 0x2]}}}, 48) = ",
          "attach_type=BPF_CGROUP_DEVICE, flags=0}, ...}, 48) = ",
          "attach_type=BPF_CGROUP_DEVICE, flags=0}}, 16) = ",
          // OBJ_GET_INFO_BY_FD (a map's info under -v where bpf is allowed).
          "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=", ", info_len=40, info=ADDR}}, 16) = ",
          "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=0, info_len=88, info=ADDR}}, 16) = ",
          ", info_len=88, info=0x8}}, 16) = ",
          "attach_flags=BPF_F_ALLOW_MULTI, prog_ids=[], prog_cnt=0}}, 28) = -1 ",
          "bpf(BPF_PROG_GET_NEXT_ID, NULL, 12) = ", "bpf(BPF_MAP_LOOKUP_BATCH, 0x1, 56) = ",
          "bpf(BPF_MAP_CREATE, NULL, 72) = ", "bpf(BPF_MAP_CREATE, ADDR, 0) = ",
          "bpf(BPF_MAP_CREATE, ADDR, 8192) = ", "bpf(0x270f /* BPF_??? */, ADDR, 16) = "};
    else if (f == "-v")
      wants = {"insns=[{code=BPF_ALU64|BPF_K|BPF_MOV, dst_reg=BPF_REG_0, src_reg=BPF_REG_0, "
               "off=0, imm=0}, {code=BPF_JMP|BPF_K|BPF_EXIT, dst_reg=BPF_REG_0, "
               "src_reg=BPF_REG_0, off=0, imm=0}], license=\"GPL\"",
               "{code=BPF_LD|BPF_DW|BPF_IMM, dst_reg=BPF_REG_1, src_reg=BPF_REG_0, off=0, "
               "imm=0x12345678}",
               "{code=BPF_STX|BPF_DW|BPF_XADD, dst_reg=BPF_REG_3, src_reg=BPF_REG_10, off=8, "
               "imm=0}, {code=BPF_ALU64|BPF_K|BPF_ADD, dst_reg=BPF_REG_10, src_reg=BPF_REG_0, "
               "off=0, imm=0xfffffff8}, {code=BPF_JMP32|0x10 /* BPF_??? */",
               "fd_array=NULL, extra_data=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
               "\\x00\\x00\\x07\\x00\\x00\\x00\\x00\\x00\\x00\\x00\" /* bytes 128..147 */}, 148) = "};
    else if (f == "-X raw")
      wants = {"bpf(0, {map_type=0x2, key_size=4", "map_flags=0x4, inner_map_fd=-1, "
               "numa_node=4294967295, map_name="};
    else if (f == "-X verbose")
      wants = {"bpf(0x5 /* BPF_PROG_LOAD */, {prog_type=0x1 /* BPF_PROG_TYPE_SOCKET_FILTER */",
               "kern_version=0x50a01 /* KERNEL_VERSION(5, 10, 1) */"};
    else if (f == "-e verbose=none")
      wants = {"bpf(BPF_MAP_CREATE, ADDR, 72) = ", "bpf(BPF_PROG_GET_NEXT_ID, ADDR, 12) = "};
    ours = std::regex_replace(ours, std::regex(" +"), " ");
    for (const std::string& want : wants)
      EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
  }
}

// Arguments narrower or wider than a register (decoder_calls.c's
// arg_width_calls), with junk in the bits the kernel ignores or every bit
// set: each printed as strace 6.1's decoder types it. strace's suite found
// these (setsockopt's int length printed unsigned, 32-bit flag words with
// the junk, 64-bit ones cut to 32 bits, flag words as bare hex).
TEST(TraceOutput, ArgumentWidthsMatchStrace) {
  const std::string calls =
      " -e trace=setsockopt,pidfd_send_signal,landlock_add_rule,landlock_restrict_self,"
      "futex_waitv,pkey_alloc,pkey_mprotect,mprotect,mmap,remap_file_pages,lookup_dcookie,"
      "fadvise64,sethostname,fsmount,move_mount,mount_setattr,finit_module,sync_file_range,"
      "readv,writev,preadv2,pwritev2,wait4";
  for (const char* flags : {"", "-X raw", "-X verbose"}) {
    SCOPED_TRACE(flags);
    std::string f = flags;
    auto [all_ours, all_theirs] =
        MaskedTraces("arg_widths", Runfile("testdata/decoder_calls"), f + calls);
    // From arg_width_calls' first call: the loader's mmap and mprotect
    // before it are not traced in preload mode.
    auto from_first = [](const std::string& t) {
      // Its setsockopt, in every -X, padded or not.
      std::smatch m;
      if (!std::regex_search(t, m, std::regex("\n(setsockopt\\(-1, [^\n]*, ADDR, -1\\) +=)")))
        return t;
      return t.substr(m.position(1));
    };
    std::string ours = from_first(all_ours), theirs = from_first(all_theirs);
    EXPECT_EQ(ours.rfind("setsockopt(-1, ", 0), 0u) << all_ours;
    EXPECT_EQ(ours, theirs);
    if (!f.empty()) continue;
    // Short lines are padded to column 40 before " = ".
    std::string unpadded = std::regex_replace(ours, std::regex(" +="), " =");
    for (const char* want : {
             "setsockopt(-1, SOL_SOCKET, SO_DEBUG, ADDR, -1) = -1 EBADF",
             "pidfd_send_signal(-1, 0, NULL, 0) = -1 EBADF",
             "pidfd_send_signal(-1, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=1, "
             "si_uid=-1}, 0) = -1 EBADF",
             "sethostname(ADDR, 65) = -1", "wait4(-1, ADDR, WNOHANG|__WALL, ADDR) = 0",
             "setsockopt(-1, SOL_SOCKET, SO_TYPE, \"forty bytes of an option\\0\\0\\0\\0\\0\\0\\0\\0\"..., -1) = -1 EBADF",
             ", NULL, 0) = -1 EBADF", "landlock_restrict_self(-1, 0x1) = -1 EBADF",
             "futex_waitv(NULL, 1, 0xffffffff, NULL, CLOCK_MONOTONIC) = -1 EINVAL",
             "pkey_alloc(0, PKEY_DISABLE_WRITE|ADDR) = -1 EINVAL",
             "pkey_mprotect(NULL, 0, ADDR /* PROT_??? */, 0) = 0",
             "mprotect(NULL, 0, PROT_READ|ADDR) = 0",
             "mmap(NULL, 0, PROT_READ|PROT_WRITE|ADDR, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = -1",
             "remap_file_pages(NULL, 0, PROT_READ|PROT_WRITE|PROT_EXEC, 0, "
             "MAP_PRIVATE|MAP_ANONYMOUS) = -1",
             "lookup_dcookie(17390648783711107790, NULL, 0) = -1",
             "fadvise64(-1, -1, 13464652300624334317, POSIX_FADV_NORMAL) = -1 EBADF",
             "sethostname(NULL, 64) = -1",
             "fsmount(-1, FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOEXEC|0x40) = -1",
             "fsmount(-1, 0x2 /* FSMOUNT_??? */, 0xffffff40 /* MOUNT_ATTR_??? */) = -1",
             "move_mount(-1, NULL, -1, NULL, MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH) = -1",
             "mount_setattr(-1, NULL, AT_SYMLINK_NOFOLLOW|AT_RECURSIVE, NULL, 0) = -1",
             "finit_module(-1, \"\", MODULE_INIT_IGNORE_MODVERSIONS|MODULE_INIT_IGNORE_VERMAGIC) = -1",
             "sync_file_range(-1, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE|"
             "SYNC_FILE_RANGE_WAIT_AFTER|0xfffffff8) = -1 EBADF",
             "readv(-1, NULL, 18072662648545083393) = -1 EBADF",
             "writev(-1, NULL, 18446744073709551615) = -1 EBADF",
             "preadv2(-1, NULL, 18072662648545083393, 0, 0) = -1 EBADF"})
      EXPECT_NE(unpadded.find(want), std::string::npos) << want << "\n" << ours;
  }
}

// Values behind pointers and numbers that strace 6.1 decodes for older and
// rarer calls (decoder_calls.c's pointed_value_calls), under each -X style
// and -e verbose=none: a call's results ([0x...], [24], a time and its
// date), [] for no pollfds, a 4-byte signal set, a mode of no file type,
// utimes' and utime's times with their dates, makedev(), mq_open's
// arguments only with O_CREAT, syslog's actions, move_pages' arrays.
TEST(TraceOutput, PointedValuesMatchStrace) {
  const std::string calls =
      " -e trace=poll,rt_sigpending,mknod,get_robust_list,time,userfaultfd,mq_open,"
      "mq_getsetattr,utimes,futimesat,utime,io_setup,ustat,syslog,move_pages,setgroups,"
      "swapon,epoll_pwait2";
  // time()'s seconds and date differ between the two runs.
  auto timeless = [](const std::string& t) {
    return std::regex_replace(
        std::regex_replace(t, std::regex("\\[[0-9]{10} /\\* [-0-9T:]+\\+0000 \\*/\\]"), "[NOW]"),
        std::regex("= [0-9]{10} \\([-0-9T:]+\\+0000\\)"), "= NOW");
  };
  for (const char* flags : {"", "-X raw", "-X verbose", "-e verbose=none"}) {
    SCOPED_TRACE(flags);
    std::string f = flags;
    auto [all_ours, all_theirs] =
        MaskedTraces("pointed_values", Runfile("testdata/decoder_calls"), f + calls);
    // From pointed_value_calls' first call: the loader's calls before it
    // are not traced in preload mode, and misc_calls' poll comes before.
    auto from_first = [&](const std::string& t) {
      size_t at = t.find("poll(ADDR, 0, 0)");
      if (at == std::string::npos) at = t.find("poll([], 0, 0)");
      return timeless(at == std::string::npos ? t : t.substr(at));
    };
    std::string ours = from_first(all_ours), theirs = from_first(all_theirs);
    EXPECT_EQ(ours.rfind("poll(", 0), 0u) << all_ours;
    EXPECT_EQ(ours, theirs);
    if (!f.empty()) continue;
    std::string unpadded = std::regex_replace(ours, std::regex(" +="), " =");
    for (const char* want : {
             "poll([], 0, 0) = 0 (Timeout)", "rt_sigpending([], 4) = 0",
             "rt_sigpending(ADDR, 0) = 0",
             "mknod(\"/nonexistent/node\", 0177777) = -1 EINVAL",
             "mknod(\"/nonexistent/node\", 030644) = -1 EINVAL",
             "get_robust_list(0, [ADDR], [24]) = 0",
             "get_robust_list(0, NULL, 0x10) = -1 EFAULT",
             "time([NOW]) = NOW", "time(NULL) = NOW",
             "userfaultfd(UFFD_USER_MODE_ONLY|O_NONBLOCK|O_CLOEXEC) =",
             "mq_open(\"/systrap-no-such-queue\", O_RDONLY) = -1",
             "mq_open(\"/systrap-no-such-queue\", O_RDWR|O_CREAT, 0600, {mq_flags=0x800, "
             "mq_maxmsg=0, mq_msgsize=64, mq_curmsgs=0}) = -1",
             "mq_getsetattr(-1, {mq_flags=O_NONBLOCK, mq_maxmsg=0, mq_msgsize=64, "
             "mq_curmsgs=0}, ADDR) = -1 EBADF",
             "utimes(\"/nonexistent\", [{tv_sec=1, tv_usec=2} /* 1970-01-01T00:00:01.000002+0000 "
             "*/, {tv_sec=1796622814, tv_usec=999999} /* 2026-12-07T05:53:34.999999+0000 */]) = "
             "-1 ENOENT",
             "utime(\"/nonexistent\", {actime=5 /* 1970-01-01T00:00:05+0000 */, "
             "modtime=1796622814 /* 2026-12-07T05:53:34+0000 */}) = -1 ENOENT",
             "io_setup(4, 0x10) = -1 EFAULT", "ustat(makedev(0x8, 0x3), 0x10) = -1",
             // Refused (EPERM) without CAP_SYSLOG: the buffer is then
             // an address.
             "syslog(3 /* SYSLOG_ACTION_READ_ALL */, ",
             "syslog(99 /* SYSLOG_ACTION_??? */, 0x10, 10) = -1 E",
             "syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 99 /* LOGLEVEL_??? */) = -1",
             "move_pages(0, 3, [ADDR, NULL, 0x10], NULL, [0, -EFAULT, -EFAULT], 0) = 0",
             "move_pages(0, 0, [], [], [], 0x1 /* MPOL_??? */) = -1 EINVAL",
             "poll([{fd=-5}, ... /* ADDR */], 2, 0) = -1 EFAULT",
             "poll([{fd=-5}], 1, 0) = 0 (Timeout)",
             "mq_open(\"/systrap-no-such-queue\", O_RDWR|O_CREAT, 0600, ADDR) = -1",
             "mknod(\"/nonexistent/node\", S_IFCHR|0600, makedev(0x1, 0x7)) = -1 ENOENT",
             "syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 8 /* LOGLEVEL_DEBUG+1 */) =",
             "setgroups(1, [-1]) = -1 E",
             "swapon(\"/nonexistent\", SWAP_FLAG_PREFER|42) = -1 E",
             "epoll_pwait2(-1, ADDR, 1, ADDR, ADDR, 8) = -1 EBADF"})
      EXPECT_NE(unpadded.find(want), std::string::npos) << want << "\n" << ours;
  }
}

// perf_event_open's attribute (decoder_calls.c's perf_calls), printed at
// the exit as strace 6.1 prints it: each type's config, the flag bits set
// (all of them under -v), the fields each size reaches, E2BIG's size the
// kernel wrote back, the address where the attribute cannot be read, and
// the whole line at the entry then; the event's ioctls (PERF_EVENT_IOC_*).
TEST(TraceOutput, PerfEventAttributesMatchStrace) {
  for (const char* flags :
       {"", "-v", "-X raw", "-X verbose", "-e verbose=none", "-y", "-v -X raw"}) {
    SCOPED_TRACE(flags);
    std::string f = flags;
    auto [ours, theirs] = MaskedTraces("perf_attrs", Runfile("testdata/decoder_calls"),
                                       f + " -e trace=perf_event_open,ioctl");
    EXPECT_EQ(ours, theirs);
    std::vector<std::string> wants;
    if (f.empty())
      wants = {
          "perf_event_open({type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER7, "
          "config=PERF_COUNT_SW_TASK_CLOCK, sample_period=0, sample_type=0, read_format=0, "
          "disabled=1, exclude_kernel=1, exclude_hv=1, precise_ip=0 /* arbitrary skid */, ...}, "
          "0, -1, -1, PERF_FLAG_FD_CLOEXEC) = ",
          // The unknown sample bit 0x10000000000 is long enough to be masked.
          "config=0x8<<32|PERF_COUNT_HW_INSTRUCTIONS, sample_freq=4000, "
          "sample_type=PERF_SAMPLE_IP|PERF_SAMPLE_TID|PERF_SAMPLE_TIME|PERF_SAMPLE_CALLCHAIN|"
          "PERF_SAMPLE_BRANCH_STACK|PERF_SAMPLE_STACK_USER|ADDR, "
          "read_format=PERF_FORMAT_TOTAL_TIME_ENABLED|PERF_FORMAT_ID|PERF_FORMAT_GROUP|0x200, "
          "inherit=1, freq=1, watermark=1, precise_ip=2 /* requested to have 0 skid */, "
          "mmap2=1, use_clockid=1, sigtrap=1, ...}, 0, -1, 3, "
          "PERF_FLAG_FD_NO_GROUP|PERF_FLAG_FD_OUTPUT|0x100) = ",
          "config=0x3<<32|0x5<<24|PERF_COUNT_HW_CACHE_RESULT_MISS<<16|"
          "PERF_COUNT_HW_CACHE_OP_READ<<8|PERF_COUNT_HW_CACHE_LL, sample_period=100000",
          "config=0x9 /* PERF_COUNT_HW_CACHE_RESULT_??? */<<16|0x7 /* "
          "PERF_COUNT_HW_CACHE_OP_??? */<<8|0x8 /* PERF_COUNT_HW_CACHE_??? */",
          "{type=PERF_TYPE_TRACEPOINT, size=PERF_ATTR_SIZE_VER2, config=1234, ",
          "{type=0x2a /* PERF_TYPE_??? */, size=PERF_ATTR_SIZE_VER4, config=0xabcdef, "
          "sample_period=0, sample_type=0, read_format=0, precise_ip=0 /* arbitrary skid */, "
          "use_clockid=1, __reserved_1=0x2000000 /* Bits 63..38 */, ...}",
          "size=0 /* PERF_ATTR_SIZE_??? */, config=0x63 /* PERF_COUNT_SW_??? */",
          "perf_event_open(ADDR, 0, -1, -1, 0) = -1 E2BIG (Argument list too long)",
          "size=0xc8 /* PERF_ATTR_SIZE_??? */ => 0x",
          "perf_event_open(NULL, 0, -1, -1, 0) = -1 EFAULT (Bad address)",
          "perf_event_open(0x1, 0, -1, -1, 0) = -1 EFAULT (Bad address)",
          // The event's ioctls.
          ", PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP) = ",
          ", PERF_EVENT_IOC_ENABLE, 0) = ", ", PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP|0x2) = ",
          ", PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP) = ",
          ", PERF_EVENT_IOC_REFRESH, -1) = ", ", PERF_EVENT_IOC_PERIOD, [1000]) = ",
          ", PERF_EVENT_IOC_PERIOD, 0x1) = -1 EFAULT", ", PERF_EVENT_IOC_SET_OUTPUT, -1) = ",
          ", PERF_EVENT_IOC_SET_FILTER, \"common_pid != 0 && a_long_filter\"...) = ",
          ", PERF_EVENT_IOC_ID, 0x1) = -1 EFAULT", ", PERF_EVENT_IOC_SET_BPF, 77) = ",
          ", PERF_EVENT_IOC_PAUSE_OUTPUT, 1) = ", ", PERF_EVENT_IOC_QUERY_BPF, {ids_len=4, ",
          ", PERF_EVENT_IOC_QUERY_BPF, 0x1) = ",
          ", PERF_EVENT_IOC_MODIFY_ATTRIBUTES, {type=PERF_TYPE_SOFTWARE, "
          "size=PERF_ATTR_SIZE_VER7, config=PERF_COUNT_SW_TASK_CLOCK, sample_period=5, "
          "sample_type=0, read_format=0, precise_ip=0 /* arbitrary skid */, ...}) = ",
          // The entry's view: no size written back shows.
          "size=0xc8 /* PERF_ATTR_SIZE_??? */, config=PERF_COUNT_SW_TASK_CLOCK, "
          "sample_period=5, sample_type=0, read_format=0, precise_ip=0 /* arbitrary skid */, "
          "...}) = ",
          ", PERF_EVENT_IOC_MODIFY_ATTRIBUTES, NULL) = -1 EFAULT",
          ", _IOC(_IOC_NONE, 0x24, 0xc, 0), 0) = "};
    else if (f == "-v")
      wants = {
          "sigtrap=1, wakeup_watermark=4096, config1=0, config2=0, "
          "branch_sample_type=PERF_SAMPLE_BRANCH_USER|PERF_SAMPLE_BRANCH_ANY|0x40000000, "
          "sample_regs_user=0xff0fff, sample_stack_user=0x2000, clockid=CLOCK_MONOTONIC, "
          "sample_regs_intr=0x3, aux_watermark=77, sample_max_stack=127 /* bytes 110..111: 0x1 */, "
          "aux_sample_size=99 /* bytes 116..119: 0x200 */, sig_data=0xdeadbeef}, 0, -1, 3, ",
          "wakeup_events=0, bp_type=HW_BREAKPOINT_W, bp_addr=ADDR, bp_len=4, ",
          "bp_type=0x5 /* HW_BREAKPOINT_INVALID */", "bp_type=0x40 /* HW_BREAKPOINT_??? */",
          "config1=0x5, config2=0x6, sample_regs_user=0}, 0, -1, -1, 0) = ",
          "sample_regs_user=0, clockid=0x4d /* CLOCK_??? */, sample_regs_intr=0}",
          "wakeup_events=0, config1=0}, 0, -1, -1, 0) = ",
          "aux_sample_size=0, sig_data=0, ...}, 0, -1, -1, 0) = -1 E2BIG",
          "sample_regs_user=0, sample_regs_intr=0xffff}, 0, -1, -1, 0) = ",
          // 72 bytes before an unmapped page: readable without -v only.
          "perf_event_open(ADDR, 0, -1, -1, 0) = -1 EFAULT (Bad address)"};
    else if (f == "-X raw")
      wants = {"perf_event_open({type=0x1, size=0x80, config=0x1, sample_period=0",
               "{type=0x3, size=0x70, config=0x3<<32|0x5<<24|0x1<<16|0<<8|0x2, ",
               "size=0xc8 => 0x", "0, -1, 3, 0x103) = ", ", 0x2403, 0x3) = ",
               ", 0x40082404, [1000]) = "};
    else if (f == "-X verbose")
      wants = {"{type=0x1 /* PERF_TYPE_SOFTWARE */, size=0x80 /* PERF_ATTR_SIZE_VER7 */, "
               "config=0x1 /* PERF_COUNT_SW_TASK_CLOCK */",
               "0x1 /* PERF_COUNT_HW_CACHE_RESULT_MISS */<<16|0 /* "
               "PERF_COUNT_HW_CACHE_OP_READ */<<8|0x2 /* PERF_COUNT_HW_CACHE_LL */"};
    else if (f == "-e verbose=none")
      wants = {"perf_event_open(ADDR, 0, -1, -1, PERF_FLAG_FD_CLOEXEC) = ",
               "perf_event_open(ADDR, 0, -1, 3, PERF_FLAG_FD_NO_GROUP|PERF_FLAG_FD_OUTPUT|0x100) = "};
    ours = std::regex_replace(ours, std::regex(" +"), " ");
    for (const std::string& want : wants)
      EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
  }
}

// epoll_ctl's event and epoll_wait's events (the array of the result's
// count, [] for none) as strace's, not their addresses.
TEST(TraceOutput, EpollEventsMatchStrace) {
  ExpectDecodedLikeStrace(
      "epoll", "epoll_ctl,epoll_wait,epoll_pwait,epoll_pwait2",
      {"EPOLL_CTL_ADD, 3, {events=EPOLLIN|EPOLLET, data={u32=1432778632, "
       "u64=1234605616436508552}}) = 0\n",
       "{events=0x8000000 /* EPOLL??? */, data={u32=7, u64=7}}) = 0\n",
       "EPOLL_CTL_DEL, 3, NULL)    = 0\n",
       "epoll_wait(5, [], 4, 0)                 = 0\n",
       "epoll_pwait(5, [], 4, 1, NULL, 8)       = 0\n",
       "epoll_wait(5, [{events=EPOLLIN, data={u32=3, u64=3}}], 4, 0) = 1\n",
       "epoll_pwait2(5, [{events=EPOLLIN, data={u32=3, u64=3}}], 4, {tv_sec=0, tv_nsec=0}, "
       "NULL, 8) = 1\n",
       "epoll_wait(-1, ADDR, 4, 0)"});
}

// setsockopt's and getsockopt's values by level, name and length (an int
// as [N], struct linger, a short int option's address or forced hex) and
// the option names of SOL_IP, SOL_TCP, SOL_UDP and SOL_IPV6, as strace's.
TEST(TraceOutput, SockoptValuesMatchStrace) {
  ExpectDecodedLikeStrace(
      "sockopt", "setsockopt,getsockopt",
      {"setsockopt(3, SOL_SOCKET, SO_PASSCRED, [1], 4) = 0\n",
       "setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0\n",
       "setsockopt(3, SOL_SOCKET, SO_LINGER, ADDR, 4) = -1 EINVAL",
       "setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 8) = 0\n",
       "setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, ADDR, 2) = -1 EINVAL",
       "getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, [8]) = 0\n",
       "getsockopt(3, SOL_SOCKET, SO_PASSCRED, \"\\x01\\x00\", [2]) = 0\n",
       "getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0\n",
       ", SOL_TCP, TCP_NODELAY, [1], 4) = 0\n", ", SOL_IP, IP_TOS, [16], 4)",
       ", SOL_IP, 0x63 /* IP_??? */, [16], 4) = -1", ", SOL_UDP, UDP_CORK, [1], 4) = 0\n",
       ", 0x1234 /* SOL_?? */, 1, [1], 4) = -1", ", SOL_IPV6, IPV6_V6ONLY, [1], 4) = 0\n"});
}

// setsockopt's multicast memberships: struct ip_mreq (strace 6.1 prints
// a struct ip_mreqn as one too), struct group_req, struct ipv6_mreq with
// their interface by
// name when it has one (also for a call on no socket), too short or
// unreadable values as their address, as strace's.
TEST(TraceOutput, MulticastMembershipsMatchStrace) {
  ExpectDecodedLikeStrace(
      "mcast", "setsockopt",
      {"setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr(\"224.0.0.1\"), "
       "imr_interface=inet_addr(\"127.0.0.1\")}, 8) = 0\n",
       "setsockopt(3, SOL_IP, IP_DROP_MEMBERSHIP, {imr_multiaddr=inet_addr(\"224.0.0.1\"), "
       "imr_interface=inet_addr(\"0.0.0.0\")}, 12) = 0\n",
       "setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, ADDR, 4) = -1 EINVAL",
       "setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, 0x8, 8) = -1 EFAULT",
       "setsockopt(3, SOL_IP, MCAST_JOIN_GROUP, {gr_interface=if_nametoindex(\"lo\"), "
       "gr_group={sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"224.0.0.2\")}}, "
       "136) = 0\n",
       "setsockopt(3, SOL_IP, MCAST_JOIN_GROUP, ADDR, 135) = -1",
       "setsockopt(4, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, \"ff02::1\", "
       "&ipv6mr_multiaddr), ipv6mr_interface=if_nametoindex(\"lo\")}, 20) = 0\n",
       "IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, \"ff02::1\", &ipv6mr_multiaddr), "
       "ipv6mr_interface=0}, 20) = 0\n",
       "IPV6_JOIN_ANYCAST, {inet_pton(AF_INET6, \"ff02::1\", &ipv6mr_multiaddr), "
       "ipv6mr_interface=77}, 20) = -1",
       "IPV6_ADD_MEMBERSHIP, ADDR, 19) = -1 EINVAL",
       "setsockopt(-1, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, \"ff02::1\", "
       "&ipv6mr_multiaddr), ipv6mr_interface=if_nametoindex(\"lo\")}, 20) = -1 EBADF"});
}

// recvmsg's and recvmmsg's control messages: SO_TIMESTAMP_OLD's timeval
// (its time masked: each run receives at its own), IP_PKTINFO's
// in_pktinfo, IP_TTL's and IP_TOS's values, by the names strace gives
// their types; a control buffer the kernel cut. sendmsg's made-up ones:
// the other SOL_IP and timestamp types strace decodes, data too short,
// types without a name, a cmsg_len of 0; all as strace's.
TEST(TraceOutput, IpControlMessagesMatchStrace) {
  static const std::regex time("tv_sec=[0-9]+, tv_usec=[0-9]+");
  for (const char* flags : {"", "-X raw", "-X verbose", "-e verbose=none", "-s 1", "-v"}) {
    auto [o, t] = MaskedTraces("cmsg", Runfile("testdata/decoder_calls"),
                               std::string(flags) + " -e trace=sendmsg,recvmsg,recvmmsg");
    std::string ours = std::regex_replace(o, time, "tv_sec=S, tv_usec=U");
    std::string theirs = std::regex_replace(t, time, "tv_sec=S, tv_usec=U");
    EXPECT_EQ(ours, theirs) << "flags: " << flags;
    if (*flags) continue;
    for (const char* want :
         {"msg_control=[{cmsg_len=32, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMP_OLD, "
          "cmsg_data={tv_sec=S, tv_usec=U}}, {cmsg_len=28, cmsg_level=SOL_IP, "
          "cmsg_type=IP_PKTINFO, cmsg_data={ipi_ifindex=if_nametoindex(\"lo\"), "
          "ipi_spec_dst=inet_addr(\"127.0.0.1\"), ipi_addr=inet_addr(\"127.0.0.1\")}}, "
          "{cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_TTL, cmsg_data=[64]}, {cmsg_len=17, "
          "cmsg_level=SOL_IP, cmsg_type=IP_TOS, cmsg_data=[0x10]}], msg_controllen=112, "
          "msg_flags=0}",
          "recvmmsg(3, [{msg_hdr={msg_name=NULL, ",
          "cmsg_data={tv_sec=S, tv_usec=U}}], msg_controllen=32, msg_flags=MSG_CTRUNC}, 0) = 3\n",
          "cmsg_type=IP_RETOPTS, cmsg_data=[0x1, 0x2, 0x94, 0]}",
          "cmsg_type=IP_RECVERR, cmsg_data={ee_errno=111, ee_origin=2, ee_type=3, ee_code=3, "
          "ee_info=0, ee_data=1500, offender={sa_family=AF_INET, sin_port=htons(4660), "
          "sin_addr=inet_addr(\"127.0.0.2\")}}}",
          "cmsg_type=IP_ORIGDSTADDR, cmsg_data={sa_family=AF_INET, sin_port=htons(53), "
          "sin_addr=inet_addr(\"127.0.0.53\")}}",
          "cmsg_type=IP_CHECKSUM, cmsg_data=[65535, 7]}, {cmsg_len=24, cmsg_level=SOL_IP, "
          "cmsg_type=IP_PKTINFO}, {cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=0x63 /* IP_??? */}",
          "cmsg_type=SO_TIMESTAMPING_OLD, cmsg_data=[{tv_sec=1, tv_nsec=2}, {tv_sec=3, "
          "tv_nsec=4}, {tv_sec=5, tv_nsec=6}]}",
          "cmsg_type=SO_TIMESTAMP_OLD, cmsg_data=???}, {cmsg_len=20, cmsg_level=SOL_IPV6, "
          "cmsg_type=0x32}], msg_controllen=344"})
      EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
  }
}

// sin6_scope_id of a link-local (unicast or multicast) address names its
// interface when it has one; of another address, the number: as strace's.
TEST(TraceOutput, Ipv6ScopeIdMatchesStrace) {
  ExpectDecodedLikeStrace(
      "scope_id", "connect",
      {"inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), sin6_scope_id=if_nametoindex(\"lo\")}, "
       "28) = -1",
       "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), sin6_scope_id=77}, 28) = -1",
       "inet_pton(AF_INET6, \"ff02::1\", &sin6_addr), sin6_scope_id=if_nametoindex(\"lo\")}, "
       "28) = -1",
       "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=1}, 28) = 0\n"});
}

// timerfd_settime's and timerfd_gettime's struct itimerspec, as strace's.
TEST(TraceOutput, TimerfdItimerspecMatchesStrace) {
  ExpectDecodedLikeStrace(
      "timerfd", "timerfd_settime,timerfd_gettime",
      {"timerfd_settime(3, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, "
       "tv_nsec=0}}, NULL) = 0\n",
       "timerfd_settime(3, TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET, {it_interval={tv_sec=2, "
       "tv_nsec=500}, it_value={tv_sec=0, tv_nsec=0}}, {it_interval={tv_sec=0, tv_nsec=0}, "
       "it_value={tv_sec=0, tv_nsec=0}}) = 0\n",
       "timerfd_gettime(3, {it_interval={tv_sec=2, tv_nsec=500}, it_value={tv_sec=0, "
       "tv_nsec=0}}) = 0\n",
       "timerfd_gettime(-1, ADDR)"});
}

// inotify_add_watch's mask and memfd seals (F_ADD_SEALS' argument,
// F_GET_SEALS' result) by name, as strace's.
TEST(TraceOutput, InotifyMaskAndSealsMatchStrace) {
  ExpectDecodedLikeStrace(
      "inotify_seals", "inotify_add_watch,fcntl",
      {"inotify_add_watch(3, \".\", IN_CREATE|IN_DELETE|IN_ONLYDIR) = 1\n",
       "fcntl(3, F_ADD_SEALS, F_SEAL_SEAL)      = 0\n",
       "fcntl(3, F_GET_SEALS)                   = 0x1 (seals F_SEAL_SEAL)\n",
       "fcntl(4, F_GET_SEALS)                   = 0\n",
       "= 0x1e (seals F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE|F_SEAL_FUTURE_WRITE)\n",
       "fcntl(4, F_ADD_SEALS, 0x100 /* F_SEAL_??? */) = -1 EINVAL"});
}

// sendfile's offset: its value at entry, " => " the kernel's when data
// moved; sched_*'s priority as [N], sched_getscheduler's policy named.
TEST(TraceOutput, SendfileOffsetAndSchedParamsMatchStrace) {
  ExpectDecodedLikeStrace(
      "sendfile_sched",
      "sendfile,sched_getparam,sched_setparam,sched_getscheduler,sched_setscheduler",
      {"sendfile(6, 5, [0] => [100], 100)       = 100\n",
       "sendfile(6, 5, [100], 100)              = 0\n",
       "sendfile(-1, 5, [0], 100)               = -1 EBADF", "sendfile(6, 5, 0x8, 100)",
       "sched_getparam(0, [0])                  = 0\n",
       "sched_getscheduler(0)                   = 0 (SCHED_OTHER)\n",
       "sched_setscheduler(0, SCHED_FIFO, [0])  = -1 EINVAL",
       "sched_setscheduler(0, 0x40000003 /* SCHED_??? */, [0])"});
}

// mknod's mode with its file type and a device's number only for
// S_IFCHR and S_IFBLK; utimensat's times (UTIME_NOW, UTIME_OMIT, a date).
TEST(TraceOutput, MknodAndUtimensatMatchStrace) {
  ExpectDecodedLikeStrace(
      "mknod_utimensat", "mknod,mknodat,utimensat",
      {"mknodat(3, \"x.fifo\", S_IFIFO|0644)      = 0\n",
       "mknodat(3, \"x.reg\", S_IFREG|0600)       = 0\n",
       "mknodat(3, \"x.dir/x.chr\", S_IFCHR|0600, makedev(0x1, 0x3)) = -1 ENOENT",
       "mknodat(3, \"x.dir/x.blk\", S_IFBLK|000, makedev(0x103, 0x12345)) = -1 ENOENT",
       "mknodat(AT_FDCWD, \"/nonexistent/x\", S_IFCHR|S_ISUID|0644, makedev(0x4, 0x5)) = -1",
       "utimensat(3, \"x.fifo\", [UTIME_NOW, UTIME_OMIT], 0) = 0\n",
       "utimensat(3, \"x.fifo\", [{tv_sec=1700000000, tv_nsec=123456789}",
       ", {tv_sec=0, tv_nsec=0}], AT_SYMLINK_NOFOLLOW) = 0\n", "utimensat(3, \"x.fifo\", 0x8, 0)"});
}

// capget's and capset's header and capability sets (as many words as
// the version says), as strace's: which capabilities depends on the
// sandbox, the same for both.
TEST(TraceOutput, CapabilitiesMatchStrace) {
  ExpectDecodedLikeStrace(
      "caps", "capget,capset",
      {"capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=",
       "capset({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=",
       "capget({version=_LINUX_CAPABILITY_VERSION_1, pid=0}, {effective=",
       "capget({version=0x12345678 /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}, NULL) = 0\n",
       "capget(NULL, ADDR)"});
}

// SIOCGIFFLAGS, SIOCGIFINDEX and SIOCGIFNAME's struct ifreq: the name at
// entry, the kernel's answer at exit, as strace's.
TEST(TraceOutput, IfreqIoctlsMatchStrace) {
  ExpectDecodedLikeStrace("ifreq", "ioctl",
                          {"ioctl(3, SIOCGIFFLAGS, {ifr_name=\"lo\", ifr_flags=",
                           "ioctl(3, SIOCGIFINDEX, {ifr_name=\"lo\", ifr_ifindex=",
                           "ioctl(3, SIOCGIFNAME, {ifr_ifindex=",
                           "ioctl(3, SIOCGIFFLAGS, {ifr_name=\"nosuch0\"}) = -1 ENODEV",
                           "ioctl(3, SIOCGIFFLAGS, NULL)"});
}

// io_uring_setup's params: what the program asks at entry, what the
// kernel answered at exit (where io_uring is refused, the entry half).
TEST(TraceOutput, IoUringSetupParamsMatchStrace) {
  ExpectDecodedLikeStrace(
      "io_uring", "io_uring_setup",
      {"io_uring_setup(4, {flags=0, sq_thread_cpu=0, sq_thread_idle=0",
       "io_uring_setup(4, {flags=IORING_SETUP_CQSIZE, sq_thread_cpu=0, sq_thread_idle=0",
       "io_uring_setup(4, {flags=IORING_SETUP_ATTACH_WQ, sq_thread_cpu=0, sq_thread_idle=0, "
       "wq_fd=1000, resv=[0, 0x42, 0]}) = -1 EINVAL",
       "io_uring_setup(4, NULL)"});
}

// pid_calls MODE traced both ways, each line's pid and the tracer's
// numbers in translations masked (N), runs of spaces made one.
std::pair<std::string, std::string> PidnsTraces(const std::string& name,
                                                const std::string& mode,
                                                const std::string& flags) {
  auto traces = MaskedTraces(name, Runfile("testdata/pid_calls") + " " + mode, flags);
  for (std::string* t : {&traces.first, &traces.second})
    *t = std::regex_replace(
        std::regex_replace(std::regex_replace(*t, std::regex("(^|\n)[0-9]+ "), "$1N "),
                           std::regex("/\\* [0-9]+ in"), "/* N in"),
        std::regex(" +"), " ");
  return traces;
}

// --pidns-translation (pidns.c): the same calls made by pid 1 and pid 2
// of a new pid namespace, each pid with the tracer's number in a comment,
// lines under the tracer's numbers (-f), a pid that is gone untranslated;
// every line as strace 6.1's, the tracer's numbers masked (the
// namespace's own 1 and 2 are not).
TEST(TraceOutput, PidnsTranslationMatchesStrace) {
  Result probe = Shell(Runfile("testdata/pid_calls") + " ns 2>&1");
  if (probe.status != 0)
    GTEST_SKIP() << "no user and pid namespace here (unshare refused): " << probe.out;
  const std::string flags =
      "--pidns-translation -f -e signal=none -e trace=getpid,gettid,getppid,kill,tgkill,"
      "tkill,getpgid,getsid,getpgrp";
  auto [ours, theirs] = PidnsTraces("pidns", "ns", flags);
  EXPECT_EQ(ours, theirs);
  for (const char* want : {"N getpid() = 1 /* N in strace's PID NS */\n",
                           "N getpid() = 2 /* N in strace's PID NS */\n",
                           "N getppid() = 1 /* N in strace's PID NS */\n",
                           "N tgkill(2 /* N in strace's PID NS */, 2 /* N in strace's PID NS */, 0)",
                           "N kill(2, 0) = -1 ESRCH"})
    EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
}

// A process that begins in a pid namespace below the tracer's (pid 1 of a
// new one execs): the launcher tells an image the process is in its own
// namespace only where the exec stop's status shows it
// (SYSTRAP_PIDNS_OURS); here it must not, and every pid is translated
// from the program's first call, as strace translates it.
TEST(TraceOutput, PidnsTranslationAfterAnExecMatchesStrace) {
  if (PreloadMode())
    GTEST_SKIP() << "a preload below our user namespace cannot open the launcher's ring "
                    "(DESIGN.md, Known limits)";
  Result probe = Shell(Runfile("testdata/pid_calls") + " nsexec 2>&1");
  if (probe.status != 0)
    GTEST_SKIP() << "no user and pid namespace here (unshare refused): " << probe.out;
  const std::string flags =
      "--pidns-translation -f -e signal=none -e trace=getpid,gettid,getppid,kill,tgkill,"
      "tkill,getpgid,getsid";
  auto [ours, theirs] = PidnsTraces("pidns_exec", "nsexec", flags);
  EXPECT_EQ(ours, theirs);
  for (const char* want : {"N getpid() = 1 /* N in strace's PID NS */\n",
                           "N gettid() = 1 /* N in strace's PID NS */\n",
                           "N getppid() = 0\n",
                           "N tgkill(1 /* N in strace's PID NS */, 1 /* N in strace's PID NS */, 0)"})
    EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;
}

// A vfork child that is pid 1 of a namespace below its parent's (dash's
// children under `unshare -p`, posix_spawn after unshare(CLONE_NEWPID))
// runs on its parent's memory, and so on its parent's pid translation:
// its own calls before its exec were shown untranslated ("getpid() = 1"
// with no comment) under its pid there. Now they are translated as
// strace translates them, and its lines carry its pid in ours.
TEST(TraceOutput, PidnsTranslationInAVforkChildMatchesStrace) {
  if (PreloadMode())
    GTEST_SKIP() << "a preload below our user namespace cannot open the launcher's ring "
                    "(DESIGN.md, Known limits)";
  Result probe = Shell(Runfile("testdata/pid_calls") + " nsvfork 2>&1");
  if (probe.status != 0)
    GTEST_SKIP() << "no user and pid namespace here (unshare refused): " << probe.out;
  const std::string flags =
      "--pidns-translation -f -e signal=none -e trace=getpid,gettid,getppid,execve";
  auto [ours, theirs] = PidnsTraces("pidns_vfork", "nsvfork", flags);
  EXPECT_EQ(ours, theirs);
  EXPECT_NE(ours.find("N getpid() = 1 /* N in strace's PID NS */\nN gettid() = 1 /* N in "
                      "strace's PID NS */\nN getppid() = 0\n"),
            std::string::npos)
      << ours;
  // The child's lines under its pid in ours: never "1 " (masking keeps
  // a line's leading pid from being told apart, so read the raw trace).
  std::string raw = TmpPath("pidns_vfork_raw.trace");
  Result r = Shell(kTracer + " -f -e signal=none -e trace=getpid -o " + raw + " " +
                   Runfile("testdata/pid_calls") + " nsvfork");
  EXPECT_EQ(r.status, 0) << r.out;
  for (const std::string& l : Lines(raw))
    EXPECT_NE(l.rfind("1 ", 0), 0u) << l;

  // A parent itself below us (pid 1 of one namespace) whose vfork child
  // is pid 1 of the next: every line as strace's, the child's under its
  // own pid; and the trace ends (the parent's facts were once put back
  // after it told the launcher of its child, by the child's numbers: pid
  // 2 of ours, alive for good, and the launcher waited for it).
  // (No vfork line: the parent's and the child's lines come in either
  // order, in strace's trace as in ours; each process's own are compared.)
  auto [n_ours, n_theirs] =
      MaskedTraces("pidns_vfork_nested", "unshare -Urpf unshare -p /bin/sh -c '/bin/echo a'",
                   "-f -e signal=none -e trace=execve,exit_group");
  for (std::string* t : {&n_ours, &n_theirs}) {
    std::istringstream in(std::regex_replace(*t, std::regex("(^|\n)[0-9]+ +"), "$1N "));
    std::vector<std::string> v;
    for (std::string l; std::getline(in, l);) v.push_back(std::regex_replace(l, std::regex(" +"), " "));
    std::sort(v.begin(), v.end());
    t->clear();
    for (auto& l : v) *t += l + "\n";
  }
  EXPECT_EQ(n_ours, n_theirs);
  EXPECT_NE(n_ours.find("N execve(\"/bin/echo\", [\"/bin/echo\", \"a\"]"), std::string::npos)
      << n_ours;
}

// `unshare -Urpf sh -c ...` as people trace containers: the shell, pid 1
// of a new pid namespace, and the program its vfork child execs there are
// followed (their images started at their exec stops, each naming itself
// by the pid our /proc gives it: launch_channel.h), every execve and
// every call of theirs as strace prints them; with the namespace's own
// /proc mounted over ours (--mount-proc) the shell cannot tell its pid
// here: one line says its program is not traced (once, though execvp's
// PATH search execs three times), and it runs as natively.
TEST(TraceOutput, ExecsBelowOurPidNamespaceAreFollowed) {
  if (PreloadMode())
    GTEST_SKIP() << "a preload below our user namespace cannot open the launcher's ring "
                    "(DESIGN.md, Known limits)";
  Result probe = Shell("unshare -Urpf /bin/true 2>&1");
  if (probe.status != 0)
    GTEST_SKIP() << "no user and pid namespace here (unshare refused): " << probe.out;
  const std::string prog = "unshare -Urpf /bin/sh -c '/bin/true; exit 3'";
  const std::string flags = "-f -e trace=execve,getppid,exit_group -e signal=none";
  auto [ours, theirs] = MaskedTraces("unshare_pidns", prog, flags);
  for (std::string* t : {&ours, &theirs})
    *t = std::regex_replace(*t, std::regex("(^|\n)[0-9]+ +"), "$1N ");
  EXPECT_EQ(ours, theirs);
  for (const char* want : {"N execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"/bin/true; exit 3\"]",
                           "N execve(\"/bin/true\", [\"/bin/true\"]", "N exit_group(3)",
                           "N +++ exited with 3 +++"})
    EXPECT_NE(ours.find(want), std::string::npos) << want << "\n" << ours;

  std::string trace = TmpPath("unshare_mount_proc.trace");
  // Found through PATH: execvp's failed tries are execs too, said once.
  Result r = Shell("PATH=/nonexistent1:/nonexistent2:/bin " + kTracer + " -f -e trace=execve -o " +
                   trace + " unshare -Urpf --mount-proc sh -c 'exit 4' 2>&1");
  EXPECT_EQ(r.status, 4) << r.out;
  std::string all;
  for (auto& l : Lines(trace)) all += l + "\n";
  const std::string said =
      ": a process in a pid namespace below ours (pid 1 there) execs a program that is not "
      "traced: its /proc does not show its pid in our namespace\n";
  size_t at = all.find(said);
  EXPECT_NE(at, std::string::npos) << all;
  EXPECT_EQ(all.find(said, at + 1), std::string::npos) << all;
}

// The tracer itself in a pid namespace whose /proc is its parent's
// (`unshare -Urpf systrap-trace`, as strace's suite runs its pidns tests
// a second time): the launcher finds its child's /proc entry by NSpid
// (inject/proc_pid.c), does not take /proc/1 for itself, says each
// process's end once though it is their init; the lines as strace's.
TEST(TraceOutput, PidnsTranslationUnderUnshareMatchesStrace) {
  Result probe = Shell("unshare -Urpf " + Runfile("testdata/pid_calls") + " ns 2>&1");
  if (probe.status != 0)
    GTEST_SKIP() << "no nested user and pid namespaces here (unshare refused): " << probe.out;
  const std::string flags =
      " --pidns-translation -f -e signal=none -e trace=getpid,getppid,kill,tgkill ";
  const std::string prog = " -- " + Runfile("testdata/pid_calls") + " ns";
  std::string ours_path = TmpPath("pidns_unshare.systrap"),
              theirs_path = TmpPath("pidns_unshare.strace");
  Result a = Shell("unshare -Urpf " + kTracer + flags + "-o " + ours_path + prog + " 2>&1");
  Result b = Shell("unshare -Urpf strace" + flags + "-o " + theirs_path + prog + " 2>&1");
  EXPECT_EQ(a.status, 0) << a.out;
  EXPECT_EQ(b.status, 0) << b.out;
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (auto& l : v) s += l + "\n";
    return std::regex_replace(
        std::regex_replace(std::regex_replace(s, std::regex("(^|\n)[0-9]+ "), "$1N "),
                           std::regex("/\\* [0-9]+ in"), "/* N in"),
        std::regex(" +"), " ");
  };
  std::string ours = join(Lines(ours_path)), theirs = join(Lines(theirs_path));
  EXPECT_EQ(ours, theirs);
  EXPECT_EQ(std::count(ours.begin(), ours.end(), '\n'), 14) << ours;
  EXPECT_NE(ours.find("N getppid() = 1 /* N in strace's PID NS */\n"), std::string::npos) << ours;
}

// Forty children forked at once, each exec'ing /bin/echo: more execs at
// once than the launch channel has requests (16). Each must wait for a
// request rather than exec untraced and unsaid (as 14 to 23 of them did):
// every echo's write is in the trace, as under strace -f (run alone, 14
// to 23 of them were missing).
TEST(TraceOutput, ManyExecsAtOnceAreEachFollowed) {
  const std::string prog = Runfile("testdata/forks") + " exec-many";
  Result native = Shell(prog);
  ASSERT_EQ(native.status, 0);
  std::string trace = TmpPath("exec_many.trace");
  Result ours = Shell(kTracer + " -f -e trace=write -e signal=none -o " + trace + " -- " + prog);
  EXPECT_EQ(ours.out, native.out);
  EXPECT_EQ(ours.status, 0);
  auto lines = Lines(trace);
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) {
                            // whole, or "<unfinished ...>" where
                            // another process's line came between
                            return l.find(" write(1, \"x\\n\", 2") != std::string::npos;
                          }),
            40);
}

// A successful execveat is printed by the new image from what the old one
// kept: chosen by -e trace=execveat (it was chosen by execve's number, so
// only the failed execveat showed), as strace prints both.
TEST(TraceOutput, ExecveatLinesAreChosenAsExecveat) {
  auto [ours, theirs] =
      MaskedTraces("execveat", Runfile("testdata/forks") + " execveat", "-e trace=execveat");
  // The preload's settings are in its environment (more vars).
  for (std::string* t : {&ours, &theirs})
    *t = std::regex_replace(*t, std::regex("/\\* [0-9]+ vars \\*/"), "/* N vars */");
  EXPECT_EQ(ours, theirs);
  EXPECT_NE(ours.find("execveat(AT_FDCWD, \"/bin/echo\", [\"echo\", \"execveat\"], ADDR /* "),
            std::string::npos)
      << ours;
  EXPECT_NE(ours.find(" vars */, 0) = 0\n"), std::string::npos) << ours;
}

// A vfork child sends its waiting parent SIGTERM: the parent wakes with
// it pending, and it is delivered before the parent's own post hook, while
// the thread state still names the child as the vfork child running on it.
// Our catcher of SIGTERM sent it again with tgkill to the pid that state
// gave, the child's (gone): ESRCH, and the parent went on (exit 7) where it
// dies of SIGTERM (143). With and without -f, image and preload.
TEST(TraceFollow, AVforkParentDiesOfTheSignalItWakesTo) {
  const std::string prog = Runfile("testdata/forks") + " vfork-killed";
  Result native = Shell(prog + "; echo status $?");
  ASSERT_EQ(native.out, "status 143\n");
  for (const char* mode : {"", "-f", "--preload", "--preload -f"}) {
    SCOPED_TRACE(mode);
    const std::string trace = TmpPath("vfork_killed.trace");
    Result ours = Shell(kTracer + " " + mode + " -o " + trace + " -- " + prog + "; echo status $?");
    EXPECT_EQ(ours.out, native.out);
    auto lines = Lines(trace);
    ASSERT_FALSE(lines.empty());
    EXPECT_NE(lines.back().find("+++ killed by SIGTERM +++"), std::string::npos) << lines.back();
  }
}

// Forks while two other threads make calls: whatever a fork's hooks do to
// our state (the fork paths store only what differs, the registration,
// the pid-namespace facts a child keeps), no thread may notice. Every
// child runs and is traced to its end, every call of the threads succeeds,
// the output is the native one.
TEST(TraceOutput, ForksWhileThreadsRunKeepEveryThreadRunning) {
  const std::string prog = Runfile("testdata/forks") + " threads-fork";
  Result native = Shell(prog);
  ASSERT_EQ(native.out, "children as expected: 20 of 20; thread calls: 20000 20000\n");
  std::string trace = TmpPath("threads_fork.trace");
  Result ours = Shell(kTracer + " -f -e trace=getpid -o " + trace + " -- " + prog);
  EXPECT_EQ(ours.out, native.out);
  EXPECT_EQ(ours.status, 0);
  auto lines = Lines(trace);
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) {
                            return l.find("+++ exited with 5 +++") != std::string::npos;
                          }),
            20);
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) {
                            return l.find(" getpid()") != std::string::npos;
                          }),
            4000);  // each child's syscall(SYS_getpid) and getpid(), 100 each
}

// A process whose execve fails before one succeeds (sh's search of PATH),
// with -v and lines of some 3 KB: each attempt's entry is kept for the new
// image, in a block the second outgrows (moved to pages of its own) and
// the third overwrites; the successful execve's line, which the new image
// prints from what was kept, is strace's. (The launcher's own first
// execve, over 4 KB here, is left out: lines stop at 4 KB.)
TEST(TraceOutput, ExecAfterFailedOnesShowsItsOwnLine) {
  if (PreloadMode())
    GTEST_SKIP() << "the preload puts what is kept in the environment, which -v shows";
  const std::string x(3000, 'a');
  const std::string prog =
      "env -i PATH=/nonexistent-a:/nonexistent-" + std::string(54, 'b') +
      ":/usr/bin:/bin X=" + x + " Y=short sh -c 'exec true'";
  auto [ours, theirs] = BothTraces("exec_search", prog, "-f -v -s 8000 -e trace=execve");
  auto masked = [](std::vector<std::string> v) {
    std::string s;
    for (size_t i = 1; i < v.size(); i++)
      s += std::regex_replace(v[i], std::regex("^[0-9]+ +|0x[0-9a-f]+"), "N") + "\n";
    return s;
  };
  std::string o = masked(ours), t = masked(theirs);
  EXPECT_EQ(o, t);
  EXPECT_EQ(std::count(o.begin(), o.end(), '\n'), 7) << o.substr(0, 2000);
  EXPECT_NE(o.find("execve(\"/usr/bin/true\", [\"true\"], [\"X=" + x +
                   "\", \"PATH=/nonexistent-a:"),
            std::string::npos);
}

// -f -o: strace's "%-5d " pid prefix (left-justified in five columns, then
// one space: "1234  ", "31926 ") and the result column, which counts the
// prefix. The rule is checked on strace's own lines too, and the same
// call's " = " must sit in the same column in both traces.
TEST(TraceOutput, FollowPrefixAndResultColumnMatchStrace) {
  std::string ours = TmpPath("prefix_ours.txt"), theirs = TmpPath("prefix_strace.txt");
  std::string cmd = "bash -c 'echo hi; /bin/true'";
  ASSERT_EQ(Shell(kTracer + " -f -o " + ours + " " + cmd).status, 0);
  ASSERT_EQ(Shell("strace -f -o " + theirs + " " + cmd).status, 0);
  static const std::regex prefixed("^([0-9]+)( +)(.*)$");
  auto check = [](const std::string& path, size_t* eq_column) {
    size_t lines = 0;
    for (auto& l : Lines(path)) {
      std::smatch m;
      ASSERT_TRUE(std::regex_match(l, m, prefixed)) << path << ": " << l;
      size_t digits = m[1].length(), gap = m[2].length();
      EXPECT_EQ(gap, digits < 5 ? 6 - digits : 1) << path << ": " << l;
      if (std::string(m[3]).rfind("write(1, \"hi\\n\", 3)", 0) == 0)
        // From the start of the call's text: the prefix is 6 columns
        // for a pid of 4 digits and of 5 alike, so a count that took
        // the pid's digits off differed by one when our run's pid and
        // strace's fell either side of 10000.
        *eq_column = l.find(" = 3") - m.position(3);
      lines++;
    }
    EXPECT_GT(lines, 10u) << path;
  };
  size_t ours_col = 0, theirs_col = 0;
  check(ours, &ours_col);
  check(theirs, &theirs_col);
  ASSERT_GT(theirs_col, 0u) << "strace printed no write(1, \"hi\\n\", 3)";
  EXPECT_EQ(ours_col, theirs_col);
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
  // when= counts every openat from the execve on, the dynamic loader's
  // too, as strace counts them: strace says which one opens /dev/null.
  std::string plain = TmpPath("inject_plain.strace");
  Shell("strace -e trace=openat -o " + plain + " " + Runfile("testdata/trace_target"));
  int n = 0, devnull = 0;
  for (auto& l : Lines(plain)) {
    if (l.rfind("openat(", 0) != 0) continue;
    n++;
    if (!devnull && l.find("\"/dev/null\"") != std::string::npos) devnull = n;
  }
  ASSERT_GT(devnull, 1) << "strace saw no openat of /dev/null";
  // The preload sees the program from its constructors on: the loader's
  // openat calls (all but the program's first) are not counted.
  bool preload = kTracer.find("--preload") != std::string::npos;
  int ours_when = preload ? 2 : devnull;
  auto when = [](int n) {
    return " -e trace=openat -e inject=openat:error=EACCES:when=" +
           std::to_string(n) + " -o ";
  };
  std::string path = TmpPath("inject.txt"), theirs = TmpPath("inject.strace");
  Result r = Shell(kTracer + when(ours_when) + path + " " + Runfile("testdata/trace_target"));
  Result s = Shell("strace" + when(devnull) + theirs + " " + Runfile("testdata/trace_target"));
  EXPECT_EQ(r.out, "read ok stat -1 errno 2 write -1 errno 14 open failed errno 13\n");
  EXPECT_EQ(r.out, s.out);
  EXPECT_EQ(r.status, s.status);
  auto lines = Lines(path);
  auto strace_lines = Lines(theirs);
  if (!preload) {
    ASSERT_EQ(lines.size(), strace_lines.size());
    for (size_t i = 0; i < lines.size(); i++)
      EXPECT_EQ(lines[i].find("(INJECTED)") != std::string::npos,
                strace_lines[i].find("(INJECTED)") != std::string::npos)
          << lines[i] << "\n" << strace_lines[i];
  }
  bool saw = false;
  for (auto& l : lines)
    if (l.find("\"/dev/null\"") != std::string::npos) {
      EXPECT_NE(l.find("= -1 EACCES (Permission denied) (INJECTED)"), std::string::npos) << l;
      saw = true;
    }
  EXPECT_TRUE(saw);
}

// A child that shares its parent's memory but not its signal actions (a
// vfork child, a clone(CLONE_VM) child: posix_spawn's and Go's reset every
// handler before exec) reads back the actions it set itself, and those it
// did not touch as inherited; the parent's stay its own. The children read
// their parent's recorded actions before (USR1=on_usr1 after setting
// SIG_DFL): the program saw the tracer.
TEST(TraceSignals, ChildrenSharingMemoryReadBackTheirOwnActions) {
  const std::string prog = Runfile("testdata/forks") + " child-actions";
  Result native = Shell(prog);
  ASSERT_EQ(native.out,
            "vfork child read USR1=SIG_DFL INT=SIG_DFL TERM=SIG_IGN QUIT=SIG_IGN\n"
            "clone(CLONE_VM) child read USR1=SIG_DFL INT=SIG_DFL TERM=SIG_IGN QUIT=SIG_IGN\n"
            "parent read USR1=on_usr1 INT=SIG_IGN TERM=SIG_DFL QUIT=SIG_IGN\n");
  for (const char* flags : {"", "-f"}) {
    Result r = Shell(kTracer + " " + flags + " -o /dev/null " + prog);
    EXPECT_EQ(r.out, native.out) << flags;
    EXPECT_EQ(r.status, native.status) << flags;
  }
}

// when= counts as strace counts: per thread, afresh in a forked or vforked
// child (testdata/inject_counts prints what each getppid returned), only the
// calls strace traces (-e trace=, -P: a call left out is neither counted
// nor injected), and on across an exec, from the old program's count. The
// program's output and status and the lines as strace's.
TEST(TraceInject, InjectCountsAsStrace) {
  std::string file = TmpPath("inject_counts.txt");
  Shell("echo counted > " + file);
  const std::string prog = Runfile("testdata/inject_counts");
  const std::string getppid2 = " -e trace=getppid -e inject=getppid:retval=0:when=2 ";
  struct Case {
    std::string flags, cmd, out;
  } cases[] = {
      {"-f" + getppid2, prog + " threads", "thread 1\nmain 1 0\n"},
      {getppid2, prog + " threads", "thread 1\nmain 1 0\n"},
      {"-f" + getppid2, prog + " fork", "child 1 0\nmain 1 0\n"},
      // A vfork child counts from 0 (its own tracee under strace) though
      // it runs on its parent's state, and its calls leave the parent's
      // count as it was.
      {"-f" + getppid2, prog + " vfork", "exec-child 0 1\nmain 1 0\n"},
      {"-e trace=write -e inject=getppid:retval=0:when=1 ", prog + " fork",
       "child 1 1\nmain 1 1\n"},
      {"-P " + file + " -e trace=openat -e inject=openat:error=EPERM:when=1 ", "cat " + file,
       "cat: " + file + ": Operation not permitted\n"},
  };
  int n = 0;
  for (auto& c : cases) {
    SCOPED_TRACE(c.flags + c.cmd);
    std::string ours = TmpPath("inject_counts" + std::to_string(n) + ".ours"),
                theirs = TmpPath("inject_counts" + std::to_string(n++) + ".strace");
    Result r = Shell(kTracer + " -o " + ours + " " + c.flags + c.cmd + " 2>&1");
    Result s = Shell("strace -o " + theirs + " " + c.flags + c.cmd + " 2>&1");
    EXPECT_EQ(s.out, c.out);
    EXPECT_EQ(r.out, s.out);
    EXPECT_EQ(r.status, s.status);
    std::vector<std::string> a, b;
    for (auto& l : Lines(ours)) a.push_back(Normalise(l));
    for (auto& l : Lines(theirs)) b.push_back(Normalise(l));
    // The loader's openat: -P leaves them out.
    if (c.cmd.rfind("cat ", 0) == 0) {
      EXPECT_EQ(a, b);
    }
  }
  // Across an exec: the third openat counted from sh's own (the loader's,
  // which the preload does not see) is cat's first.
  if (kTracer.find("--preload") != std::string::npos) return;
  std::string flags = " -e trace=openat -e inject=openat:retval=42:when=3 ";
  std::string cmd = " sh -c 'exec cat " + file + "'";
  Shell(kTracer + " -o " + TmpPath("inject_exec.ours") + flags + cmd);
  Shell("strace -o " + TmpPath("inject_exec.strace") + flags + cmd);
  auto injected = [](const std::string& path) {
    std::string s;
    for (auto& l : Lines(path))
      if (l.find("(INJECTED)") != std::string::npos) s += l + "\n";
    return s;
  };
  EXPECT_EQ(injected(TmpPath("inject_exec.strace")),
            "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 42 (INJECTED)\n");
  EXPECT_EQ(injected(TmpPath("inject_exec.ours")), injected(TmpPath("inject_exec.strace")));
}

// An error number is printed as strace prints it: its name and message;
// a kernel-internal one by name with "Unknown error N"; one strace has no
// name for (ENOGRACE's 531 among them, in strace 6.1) "-1 (errno N)".
// Each injected into getppid, the program's own call, against strace.
// strace's older -e fault=: ENOSYS where no error is named, the error
// named, from when=; the program sees what strace's sees, every line as
// strace's.
TEST(TraceInject, FaultIsInjectWithAnErrorAsStrace) {
  // getppid: the program's five, none of the loader's (the preload sees
  // the same calls as the image).
  const std::string prog = Runfile("testdata/trace_target");
  for (const char* fault : {"fault=getppid", "fault=getppid:error=EACCES:when=2..3"}) {
    SCOPED_TRACE(fault);
    std::string flags = std::string(" -e trace=getppid -e ") + fault + " -o ";
    std::string path = TmpPath("fault.txt"), theirs = TmpPath("fault.strace");
    Result r = Shell(kTracer + flags + path + " " + prog);
    Result s = Shell("strace" + flags + theirs + " " + prog);
    EXPECT_EQ(r.out, s.out);
    EXPECT_EQ(r.status, s.status);
    static const std::regex ppid("= [0-9]+$"), spaces(" +");
    auto mask = [](std::vector<std::string> v) {
      for (auto& l : v) l = std::regex_replace(std::regex_replace(l, ppid, "= PPID"), spaces, " ");
      return v;
    };
    auto ours = mask(Lines(path));
    EXPECT_EQ(ours, mask(Lines(theirs)));
    int injected = 0;
    for (auto& l : ours) injected += l.find("(INJECTED)") != std::string::npos;
    EXPECT_EQ(injected, std::string(fault) == "fault=getppid" ? 5 : 2);
    ASSERT_FALSE(ours.empty());
    if (std::string(fault) == "fault=getppid") {
      EXPECT_EQ(ours[0], "getppid() = -1 ENOSYS (Function not implemented) (INJECTED)");
    }
  }
}

TEST(TraceInject, ErrorNumbersPrintedAsStrace) {
  for (int err : {13, 200, 524, 530, 531, 4095}) {
    SCOPED_TRACE(err);
    std::string flags = " -e trace=getppid -e inject=getppid:error=" + std::to_string(err) +
                        ":when=1 -o ";
    std::string ours = TmpPath("errno.ours"), theirs = TmpPath("errno.strace");
    std::string prog = Runfile("testdata/trace_target");
    Shell(kTracer + flags + ours + " " + prog);
    Shell("strace" + flags + theirs + " " + prog);
    auto first = [](const std::string& path) {
      for (auto& l : Lines(path))
        if (l.rfind("getppid()", 0) == 0) return l;
      return std::string();
    };
    EXPECT_EQ(first(ours), first(theirs));
    EXPECT_NE(first(ours).find(err == 13    ? "= -1 EACCES (Permission denied) (INJECTED)"
                               : err == 524 ? "= -1 ENOTSUPP (Unknown error 524) (INJECTED)"
                               : err == 530 ? "= -1 ERECALLCONFLICT (Unknown error 530) (INJECTED)"
                                            : ("= -1 (errno " + std::to_string(err) +
                                               ") (INJECTED)").c_str()),
              std::string::npos)
        << first(ours);
  }
}

// -e inject=SET:retval=N takes any unsigned long, as strace: one that reads
// as an error (-4095..-1) is warned of, injected as a value all the same
// and printed as one ("= -1 (INJECTED)", no error name), and -c counts no
// error for it. We refused every negative value.
TEST(TraceInject, NegativeRetvalInjectedAsStrace) {
  std::string prog = Runfile("testdata/trace_target");
  for (const char* value : {"-1", "-5", "18446744073709547521"}) {
    SCOPED_TRACE(value);
    std::string flags =
        std::string(" -e trace=getppid -e inject=getppid:retval=") + value + ":when=1 -o ";
    std::string ours = TmpPath("retval.ours"), theirs = TmpPath("retval.strace");
    Result a = Shell(kTracer + flags + ours + " " + prog + " 2>&1 >/dev/null");
    Result b = Shell("strace" + flags + theirs + " " + prog + " 2>&1 >/dev/null");
    EXPECT_EQ(a.status, b.status);
    // The warning, in strace's words.
    EXPECT_EQ(std::regex_replace(a.out, std::regex("^[^:]*: "), "TRACER: "),
              std::regex_replace(b.out, std::regex("^strace: "), "TRACER: "));
    EXPECT_NE(a.out.find("Inadvertent injection of error "), std::string::npos) << a.out;
    auto first = [](const std::string& path) {
      for (auto& l : Lines(path))
        if (l.rfind("getppid()", 0) == 0) return l;
      return std::string();
    };
    EXPECT_EQ(first(ours), first(theirs));
    std::string shown = std::string(value) == "-5" ? "-5" : value[1] == '1' ? "-1" : "-4095";
    EXPECT_NE(first(ours).find("= " + shown + " (INJECTED)"), std::string::npos) << first(ours);
  }
  // -c: a call, no error.
  std::string ours = TmpPath("retval_c.ours"), theirs = TmpPath("retval_c.strace");
  std::string flags = " -c -e trace=getppid -e inject=getppid:retval=-1 -o ";
  Shell(kTracer + flags + ours + " " + prog + " >/dev/null 2>&1");
  Shell("strace" + flags + theirs + " " + prog + " >/dev/null 2>&1");
  auto row = [](const std::string& path) {
    for (auto& l : Lines(path))
      if (l.find(" getppid") != std::string::npos)
        return std::regex_replace(l, std::regex("^ *[0-9.]+ +[0-9.]+ +[0-9]+ +"), "");
    return std::string();
  };
  EXPECT_EQ(row(ours), row(theirs));
  EXPECT_NE(row(ours), "");
  // --json: the value the program saw, no errno.
  Result j = Shell(kTracer + " --json -e trace=getppid -e inject=getppid:retval=-1:when=1 " +
                   prog + " 2>&1 >/dev/null");
  EXPECT_NE(j.out.find("\"retval\":-1,\"errno\":null,\"ret\":\"-1\",\"injected\":true"),
            std::string::npos)
      << j.out;
}

// The per-syscall rows of a -c table: name -> (calls, errors). (-C: the
// rows after the table's heading, not the trace's lines before it.)
std::map<std::string, std::pair<long, long>> SummaryCounts(const std::string& path) {
  std::map<std::string, std::pair<long, long>> m;
  bool in_table = false;
  for (auto& l : Lines(path)) {
    if (l.rfind("% time", 0) == 0) in_table = true;
    if (!in_table) continue;
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
}

// -c -f: one table for the whole process tree, as strace prints, with the
// children's calls in it.
TEST(TraceSummary, FollowForksGivesOneTableForAll) {
  std::string ours = TmpPath("cf.systrap"), theirs = TmpPath("cf.strace");
  std::string prog = Runfile("testdata/trace_target");
  std::string cmd = "sh -c '" + prog + " >/dev/null; " + prog + " >/dev/null; " + prog +
                    " >/dev/null; /bin/true'";
  Shell(kTracer + " -c -f -o " + ours + " " + cmd);
  Shell("strace -c -f -o " + theirs + " " + cmd);
  size_t tables = 0;
  for (auto& l : Lines(ours)) tables += l.rfind("% time", 0) == 0;
  EXPECT_EQ(tables, 1u);
  auto a = SummaryCounts(ours), b = SummaryCounts(theirs);
  for (const char* name : {"getppid", "write", "wait4", "clone"}) {
    EXPECT_EQ(a[name], b[name]) << name;
  }
  EXPECT_GE(a["getppid"].first, 3);
}

// -c on a process killed by a signal: its table, and nothing else, as
// strace prints.
TEST(TraceSummary, KilledProcessStillPrintsItsTable) {
  std::string ours = TmpPath("ck.systrap");
  Shell(kTracer + " -c -o " + ours +
        " python3 -S -c 'import os; os.kill(os.getpid(), 15)'");
  auto lines = Lines(ours);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0].rfind("% time", 0), 0u) << lines[0];
  EXPECT_NE(lines.back().find(" total"), std::string::npos) << lines.back();
  for (auto& l : lines) EXPECT_EQ(l.find("+++"), std::string::npos) << l;
  EXPECT_GE(SummaryCounts(ours)["kill"].first, 1);
}

TEST(TraceSummary, CallCountsEqualStraceC) {
  std::string ours = TmpPath("c.systrap"), theirs = TmpPath("c.strace");
  std::string prog = Runfile("testdata/trace_target");
  Shell(kTracer + " -c -o " + ours + " " + prog);
  Shell("strace -c -o " + theirs + " " + prog);
  auto a = SummaryCounts(ours), b = SummaryCounts(theirs);
  ASSERT_FALSE(a.empty());
  // Calls the program makes (not the loader's start-up, which runs before
  // any preload) must be counted exactly as strace counts them.
  for (const char* name : {"getppid", "write"}) {
    EXPECT_EQ(a[name], b[name]) << name;
  }
}

// -c with calls at every depth (testdata/count_nested.c: a handler's
// calls inside a restarted read, an interrupted sleep, a fork child's,
// failing calls, fstat of 64 descriptors, ours among them): one table,
// every row's calls and errors as strace -c counts them (under the
// preload, which misses the loader's calls, reads among them, the rows
// of calls only the program makes),
// with -f and without, and the sleeps' time in it.
TEST(TraceSummary, EveryRowAsStraceCountsItAtEveryDepth) {
  bool preload = kTracer.find("--preload") != std::string::npos;
  std::string prog = Runfile("testdata/count_nested");
  for (std::string f : {"-c -f", "-c"}) {
    std::string ours = TmpPath("cn.systrap"), theirs = TmpPath("cn.strace");
    EXPECT_EQ(Shell(kTracer + " " + f + " -o " + ours + " " + prog).status, 0) << f;
    EXPECT_EQ(Shell("strace " + f + " -o " + theirs + " " + prog).status, 0) << f;
    size_t tables = 0;
    for (auto& l : Lines(ours)) tables += l.rfind("% time", 0) == 0;
    EXPECT_EQ(tables, 1u) << f;
    auto a = SummaryCounts(ours), b = SummaryCounts(theirs);
    ASSERT_GE(a["getppid"].first, 1000) << f;
    if (preload) {
      for (const char* name : {"getppid", "getpid", "write", "clock_nanosleep", "kill",
                               "rt_sigreturn", "pipe2", "clone", "wait4"})
        EXPECT_EQ(a[name], b[name]) << f << " " << name;
    } else {
      EXPECT_EQ(a, b) << f;
    }
    if (f == "-c -f") {
      // Three 100 ms sleeps of the child and the parent's interrupted one:
      // at least 0.3 s, as strace's table has them.
      for (auto& l : Lines(ours))
        if (l.find(" clock_nanosleep") != std::string::npos) {
          EXPECT_GE(std::stod(l.substr(6, 12)), 0.3) << l;
        }
    }
  }
}

// -c across execve: strace counts a process's calls before and after each
// exec, and the execve itself. Without -f our table was the image's own
// and an exec lost it (`sh -c 'exec env true'`: 28 calls of 144); under -c
// alone a followed exec's execve was never counted (-f `sh -c '/bin/true;
// /bin/true'`: execve 1 of 3). Every row as strace's, -c and -C, with and
// without -f (under the preload, the rows of the programs' own calls).
TEST(TraceSummary, CountsSurviveEveryExec) {
  bool preload = kTracer.find("--preload") != std::string::npos;
  const std::string cmd = "sh -c 'env true; exec /bin/true'";
  for (std::string f : {"-c", "-C", "-c -f", "-C -f"}) {
    SCOPED_TRACE(f);
    std::string ours = TmpPath("cx.systrap"), theirs = TmpPath("cx.strace");
    EXPECT_EQ(Shell(kTracer + " " + f + " -o " + ours + " " + cmd).status, 0);
    EXPECT_EQ(Shell("strace " + f + " -o " + theirs + " " + cmd).status, 0);
    auto a = SummaryCounts(ours), b = SummaryCounts(theirs);
    ASSERT_FALSE(b.empty());
    if (preload) {
      // The loader's calls are not seen; every execve is.
      EXPECT_EQ(a["execve"], b["execve"]) << Read(ours);
      EXPECT_EQ(a["wait4"], b["wait4"]) << Read(ours);
    } else {
      EXPECT_EQ(a, b) << Read(ours) << Read(theirs);
    }
  }
}

// The tracer's own descriptors are not open as far as the program can
// tell: every fd /proc/self/fd lists and fstat accepts is the same set as
// natively (with -o FILE and to stderr).
TEST(TraceFds, OurDescriptorsAreNotOpenForTheProgram) {
  std::string py =
      "python3 -S -c 'import os\n"
      "def ok(fd):\n"
      "  try: os.fstat(fd); os.dup2(fd, 200); os.close(200); return True\n"
      "  except OSError: return False\n"
      "print(sorted(fd for fd in map(int, os.listdir(\"/proc/self/fd\")) if ok(fd)))'";
  Result native = Shell(py);
  Result to_file = Shell(kTracer + " -o " + TmpPath("fds.trace") + " " + py);
  Result to_stderr = Shell(kTracer + " " + py + " 2>/dev/null");
  EXPECT_EQ(native.out, to_file.out);
  EXPECT_EQ(native.out, to_stderr.out);
  EXPECT_EQ(native.out.rfind("[0, 1, 2", 0), 0u) << native.out;
}

TEST(TraceErrors, UnusableRequestsAreRefusedClearly) {
  // -p with a pid no process has (above the kernel's pid_max), and with
  // something that is not a pid: each says so in one line.
  bool preload = kTracer.find("--preload") != std::string::npos;
  Result r = Shell(kTracer + " -p 2147483647 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find(preload ? "-p needs the image"
                               : "process 2147483647 does not exist"),
            std::string::npos)
      << r.out;
  r = Shell(kTracer + " -p abc 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("Invalid process id: 'abc'"), std::string::npos) << r.out;
  r = Shell(kTracer + " -u nobody ls 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("option '-u' is not supported by systrap-trace"), std::string::npos)
      << r.out;
  // No program: strace's words, -p being ours too.
  r = Shell(kTracer + " 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find(": must have PROG [ARGS] or -p PID\n"), std::string::npos) << r.out;
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

// Debuggers under the tracer. A debugger's inferior is ptraced: any signal
// trap of ours in it would be a stop its debugger sees (gdb: "Program
// received signal SIGILL"; in gdb's vfork child, before its exec, a stop
// nobody collects, so gdb hung in vfork). Each run is bounded by a timeout
// so a regression fails instead of hanging; output and status as natively.
std::string Bounded(const std::string& cmd) {
  return "timeout -s KILL 60 " + cmd + " 2>&1";
}

// With SYSTRAP_TRAP=ud2 or int3 every call traps, so a debugger stops at
// each (docs/DESIGN.md, known limits): the debugger tests are for jumps.
bool EveryCallTraps() {
  const char* trap = getenv("SYSTRAP_TRAP");
  return trap && (std::string(trap) == "ud2" || std::string(trap) == "int3");
}

// Sealed mode makes the calls that need the program's stack (vfork, clone
// with a new stack, rt_sigreturn, sigaltstack) through the slow exit's
// trap, not from a stub outside systrap's text, which Syscall User
// Dispatch would dispatch (docs/DESIGN.md, known limits): a debugger
// sees those traps.
bool SealedKeepsSlowExitTraps() {
  const char* sealed = getenv("SYSTRAP_SEALED");
  return sealed && std::string(sealed) == "1";
}

// gdb prints the inferior's pids, and its threads' addresses (where the
// preload's mappings move them): the only legitimate differences.
std::string MaskPids(const std::string& s) {
  static const std::regex process("process [0-9]+");
  static const std::regex lwp("LWP [0-9]+");
  static const std::regex hex("0x[0-9a-f]+");
  std::string r = std::regex_replace(s, process, "process PID");
  r = std::regex_replace(r, lwp, "LWP PID");
  return std::regex_replace(r, hex, "0xADDR");
}

// gdb's output with pids masked, less its notices of a thread's end and of
// the process it then shows in the thread's place: how many of those gdb
// prints depends on whether it sees a thread's exit before the process's
// (seen in CI: natively, one run printed two thread exits and "[New
// process N]", the usual run one exit and no such line). Everything else
// stays: the new threads, libthread_db's lines, how the inferior ended.
std::string GdbOutput(const std::string& s) {
  static const std::regex notices(
      "\\[(Thread 0x[0-9a-f]+ \\(LWP [0-9]+\\) exited|New process [0-9]+)\\]\n");
  return MaskPids(std::regex_replace(s, notices, ""));
}

// A debuggee that forks, execs and waits; one that vforks; one that makes a
// thread which then ends (glibc's thread exit); one that dlopens a library
// and one that maps code (mmap and mprotect of code, instrumented as they
// come): the calls that once took a signal trap of ours.
std::vector<std::string> Debuggees() {
  const std::string stops = Runfile("testdata/ptrace_stops");
  return {"/bin/true",
          stops + " fork /bin/true",
          stops + " work-fork",
          stops + " work-vfork",
          stops + " work-thread",
          stops + " work-dlopen",
          stops + " work-mmap-exec"};
}

TEST(TraceDebuggers, GdbRunsItsInferiorAsNatively) {
  if (EveryCallTraps()) GTEST_SKIP() << "every call traps";
  if (SealedKeepsSlowExitTraps())
    GTEST_SKIP() << "sealed mode keeps the slow exit's trap for these calls";
  const std::string gdb = "gdb -nx -batch -ex run --args ";
  const std::vector<std::string> progs = Debuggees();
  for (size_t i = 0; i < progs.size(); i++) {
    const std::string& prog = progs[i];
    // Every debuggee with -f (each process traced); without, the first
    // two (gdb alone traced, its inferior silent but instrumented).
    for (const std::string& flags : {std::string("-f"), std::string("")}) {
      if (flags.empty() && i >= 2) continue;
      SCOPED_TRACE(prog + " " + flags);
      std::string trace = TmpPath("gdb.systrap");
      Result native = Shell(Bounded(gdb + prog));
      Result ours = Shell(Bounded(kTracer + " " + flags + " -o " + trace +
                                  " " + gdb + prog));
      EXPECT_EQ(ours.status, native.status);
      EXPECT_EQ(GdbOutput(ours.out), GdbOutput(native.out))
          << "ours:\n" << ours.out << "native:\n" << native.out;
      EXPECT_NE(native.out.find("exited normally"), std::string::npos)
          << native.out;
      // (ptrace_stops prints its own debuggee's stops: "stopped SIGTRAP")
      EXPECT_EQ(ours.out.find("received signal"), std::string::npos)
          << ours.out;
      auto lines = Lines(trace);
      ASSERT_FALSE(lines.empty());
      EXPECT_NE(lines.back().find("+++ exited with 0 +++"), std::string::npos)
          << lines.back();
    }
  }
}

// The signals strace -f shows of a run: its "--- SIGxxx" lines, by name.
std::vector<std::string> SignalsSeen(const std::string& strace_out) {
  static const std::regex sig("--- (SIG[A-Z0-9]+) ");
  std::vector<std::string> out;
  for (auto& l : Lines(strace_out)) {
    std::smatch m;
    if (std::regex_search(l, m, sig)) out.push_back(m[1]);
  }
  return out;
}

// strace -f inside the tracer (its tracee gets the preload, being ptraced)
// and around it (the tracer is then refused ptrace and runs the program
// with the preload): strace sees exactly the signals of a native run (the
// forking debuggee's SIGCHLD), never a trap of ours, and the program ends
// as natively.
TEST(TraceDebuggers, StraceSeesNoTrapOfOurs) {
  if (EveryCallTraps()) GTEST_SKIP() << "every call traps";
  if (SealedKeepsSlowExitTraps())
    GTEST_SKIP() << "sealed mode keeps the slow exit's trap for these calls";
  std::vector<std::string> progs = Debuggees();
  // A handler that returns: rt_sigreturn, and strace's own SIGUSR1 line.
  progs.push_back(Runfile("testdata/ptrace_stops") + " work-signal");
  for (const std::string& prog : progs) {
    SCOPED_TRACE(prog);
    std::string native_st = TmpPath("native.strace");
    Result native = Shell(Bounded("strace -f -o " + native_st + " " + prog));
    std::string inner = TmpPath("inner.strace");
    Result in = Shell(Bounded(kTracer + " -f -o " + TmpPath("in.systrap") +
                              " strace -f -o " + inner + " " + prog));
    std::string outer = TmpPath("outer.strace");
    // (The launcher's stderr says it falls back to the preload.)
    Result out = Shell("timeout -s KILL 60 strace -f -o " + outer + " " +
                       kTracer + " -o " + TmpPath("out.systrap") + " " + prog +
                       " 2>/dev/null");
    EXPECT_EQ(in.status, native.status);
    EXPECT_EQ(in.out, native.out);
    EXPECT_EQ(out.status, native.status);
    EXPECT_EQ(out.out, native.out);
    EXPECT_EQ(SignalsSeen(inner), SignalsSeen(native_st));
    // Around the launcher, its own SIGCHLDs come too: no trap signal.
    for (const std::string& sig : SignalsSeen(outer)) {
      EXPECT_NE(sig, "SIGILL");
      EXPECT_NE(sig, "SIGTRAP");
    }
    // strace ends as its tracee did (ptrace_stops's debuggee cannot be
    // ptraced twice: it fails natively too).
    auto lines = Lines(TmpPath("in.systrap"));
    ASSERT_FALSE(lines.empty());
    EXPECT_NE(lines.back().find("+++ exited with " +
                                std::to_string(native.status) + " +++"),
              std::string::npos)
        << lines.back();
  }
}

// strace on a program that runs under our tracer (LD_PRELOAD is kept by
// the launcher's children): strace sees our calls too, but no signal, and
// its tracee exits as natively.
TEST(TraceDebuggers, StraceTracesAProgramUnderTheTracer) {
  if (EveryCallTraps()) GTEST_SKIP() << "every call traps";
  Result devnull = Shell(Bounded(kTracer + " -o " + TmpPath("s0.systrap") +
                                 " strace -o /dev/null /bin/true"));
  EXPECT_EQ(devnull.status, 0) << devnull.out;
  EXPECT_EQ(devnull.out, "");
  for (const std::string& flags : {std::string(""), std::string("-f")}) {
    SCOPED_TRACE(flags);
    std::string inner = TmpPath("inner.strace");
    Result r = Shell(Bounded(kTracer + " " + flags + " -o " +
                             TmpPath("s.systrap") + " strace -f -o " + inner +
                             " /bin/echo hi"));
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "hi\n");
    auto lines = Lines(inner);
    ASSERT_GT(lines.size(), 3u);
    for (auto& l : lines) EXPECT_EQ(l.find("--- SIG"), std::string::npos) << l;
    EXPECT_NE(lines.back().find("+++ exited with 0 +++"), std::string::npos)
        << lines.back();
    // What strace saw the program write is what it wrote natively.
    bool wrote = false;
    for (auto& l : lines)
      if (Normalise(l) == "write(1, \"hi\\n\", 3) = 3") wrote = true;
    EXPECT_TRUE(wrote);
  }
}

}  // namespace

namespace {

const std::string kFidelity = Runfile("testdata/trace_fidelity");

// The lines after the program's first getppid() (trace_fidelity's marker:
// from there on both traces are the program's own), normalised, those
// whose call is in `calls` only.
std::vector<std::string> AfterMarker(const std::vector<std::string>& lines,
                                     const std::set<std::string>& calls) {
  static const std::regex call_re("^(?:[0-9]+ +)?([a-z0-9_]+)\\(");
  std::vector<std::string> out;
  bool seen = false;
  for (auto& l : lines) {
    std::smatch m;
    if (!std::regex_search(l, m, call_re)) continue;
    if (m[1] == "getppid") seen = true;
    if (!seen || !calls.count(m[1])) continue;
    out.push_back(Normalise(l));
  }
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (auto& l : v) s += l + "\n";
  return s;
}

// glibc makes some calls once per process: the first malloc's brk and
// getrandom (its tcache key), qsort's sysinfo (the memory size it caches).
// The preload's start-up must not make them first with the same libc, or
// the program's own later calls no longer happen: every such line strace
// prints after start-up is ours too, in the same order.
TEST(TraceFidelity, FirstMallocAndQsortCallsAreTheProgramsOwn) {
  auto [ours, theirs] = BothTraces("malloc_qsort", kFidelity + " malloc-qsort");
  std::set<std::string> calls = {"brk", "getrandom", "sysinfo", "mmap", "munmap"};
  auto a = AfterMarker(ours, calls), b = AfterMarker(theirs, calls);
  EXPECT_EQ(Join(a), Join(b));
  std::string s = Join(b);
  for (const char* want : {"getrandom(\"RANDOM\", 8, GRND_NONBLOCK) = 8\n", "brk(NULL) = 0xADDR\n",
                           "sysinfo({...}) = 0\n"})
    EXPECT_NE(s.find(want), std::string::npos) << "strace printed no " << want << s;
}

}  // namespace

namespace {

// Arguments strace prints by their C type: the same lines as strace's,
// and the ones its own test suite checks exactly.
TEST(TraceFidelity, ArgumentTypesMatchStrace) {
  auto [ours, theirs] = BothTraces("arg_types", kFidelity + " arg-types");
  std::set<std::string> calls = {"mkdir", "chown", "fchownat", "umask", "getrlimit",
                                 "nanosleep", "close_range", "delete_module", "memfd_secret",
                                 "arch_prctl", "getsockname"};
  auto a = AfterMarker(ours, calls), b = AfterMarker(theirs, calls);
  EXPECT_EQ(Join(a), Join(b));
  std::string s = Join(a);
  for (const char* want :
       {"mkdir(\"/nonexistent/dir\", 0755) = -1 ENOENT (No such file or directory)\n",
        "chown(\"/nonexistent/file\", -1, 4294901760) = -1 ENOENT (No such file or directory)\n",
        "fchownat(AT_FDCWD, \"/nonexistent/file\", 4294901760, -1, 0) = -1 ENOENT (No such file or "
        "directory)\n",
        "umask(022) = 0", "umask(000) = 022\n",
        "getrlimit(RLIMIT_CPU, {rlim_cur=RLIM64_INFINITY, rlim_max=RLIM64_INFINITY}) = 0\n",
        "nanosleep({tv_sec=0, tv_nsec=18446744073709551615}, NULL) = -1 EINVAL (Invalid argument)\n",
        "close_range(4294967295, 4294967294, 0) = -1 EINVAL (Invalid argument)\n",
        "delete_module(NULL, O_NONBLOCK) = -1 ",
        "arch_prctl(ARCH_GET_XCOMP_SUPP, [0xADDR /* XFEATURE_MASK_FPSSE", "arch_prctl(ARCH_GET_CPUID) = ",
        "getsockname(3, {sa_family=AF_UNIX}, [2 => 8]) = 0\n"})
    EXPECT_NE(s.find(want), std::string::npos) << "no " << want << " in\n" << s;
  // Addresses are masked above; this flag word's 32 bits are not one.
  std::string raw = Join(ours);
  EXPECT_NE(raw.find("memfd_secret(0x80000000) "), std::string::npos) << raw;
}

// A program that moves its own GS base (systrap's thread pointer): the
// tracer neither dies nor lets the program notice; each call as strace
// prints it (EPERM for a base the kernel refuses, [NULL] for 0), the value
// read back the program's own, in a new thread and a fork child too.
TEST(TraceFidelity, ProgramsOwnGsBaseMatchesStrace) {
  auto [ours, theirs] = BothTraces("own_gs", kFidelity + " own-gs");
  auto a = AfterMarker(ours, {"arch_prctl"}), b = AfterMarker(theirs, {"arch_prctl"});
  EXPECT_EQ(Join(a), Join(b));
  ASSERT_EQ(b.size(), 6u) << Join(b);
  EXPECT_EQ(a[0], "arch_prctl(ARCH_GET_GS, [NULL]) = 0");
  EXPECT_EQ(a[1], "arch_prctl(ARCH_SET_GS, 0xADDR) = -1 EPERM (Operation not permitted)");
  EXPECT_EQ(a[5], "arch_prctl(ARCH_GET_GS, [NULL]) = 0");
  Result native = Shell(kFidelity + " own-gs");
  EXPECT_EQ(native.out, "before 0 bad -1 set 0 same 1 thread 1 child 7 reset 0 after 0\n");
}

// waitid as strace 6.1 prints it: idtype by name, P_PIDFD's fd, the
// siginfo it wrote ({} when none), the options, the rusage.
TEST(TraceFidelity, WaitidMatchesStrace) {
  auto [ours, theirs] = BothTraces("waitid", kFidelity + " waitid");
  auto mask = [](std::vector<std::string> v) {
    static const std::regex pid("P_PID, [0-9]+");
    static const std::regex times("(si_utime|si_stime|tv_sec|tv_usec)=[0-9]+");
    for (auto& l : v) {
      l = std::regex_replace(l, pid, "P_PID, PID");
      l = std::regex_replace(l, times, "$1=N");
    }
    return v;
  };
  auto a = mask(AfterMarker(ours, {"waitid"})), b = mask(AfterMarker(theirs, {"waitid"}));
  EXPECT_EQ(Join(a), Join(b));
  ASSERT_EQ(b.size(), 6u) << Join(b);
  EXPECT_EQ(a[0],
            "waitid(P_PIDFD, 3, {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=PID, si_uid=0, "
            "si_status=8, si_utime=N, si_stime=N}, WEXITED, NULL) = 0");
}

// io_getevents' and io_pgetevents' events and io_pgetevents' signal mask
// (with the trap signals in it, which the intercept strips from the mask
// the kernel gets, never from what is printed), as strace prints them.
TEST(TraceFidelity, AioEventsAndSignalMaskMatchStrace) {
  auto [ours, theirs] = BothTraces("aio", kFidelity + " aio",
                                   "-e trace=getppid,io_getevents,io_pgetevents");
  std::set<std::string> calls = {"io_getevents", "io_pgetevents"};
  auto a = AfterMarker(ours, calls), b = AfterMarker(theirs, calls);
  ASSERT_EQ(b.size(), 6u) << Join(b);
  EXPECT_EQ(Join(a), Join(b));
  ASSERT_EQ(a.size(), 6u) << Join(a);
  EXPECT_EQ(a[1],
            "io_pgetevents(0xADDR, 1, 2, [{data=0xADDR, obj=0xADDR, res=4, res2=0}], "
            "NULL, {sigmask=[ILL TRAP USR1], sigsetsize=8}) = 1");
  EXPECT_EQ(a[5],
            "io_pgetevents(0xADDR, 0, 2, 0xADDR, {tv_sec=0, tv_nsec=1000}, 0xADDR) = -1 "
            "EFAULT (Bad address)");
}

}  // namespace

namespace {

// A child its parent kills right after fork: the signal reaches the child
// before the post hook of its fork ran. With -f its lines carry its own
// pid, as strace's do, and its fork prints nothing of its own; without
// -f nothing of it is printed. Several runs: the kill always wins here.
TEST(TraceFidelity, ChildKilledRightAfterForkHasItsOwnPid) {
  static const std::regex clone_re("^([0-9]+) +clone\\(.*\\) += ([0-9]+)$");
  static const std::regex line_re("^([0-9]+) +(.*)$");
  for (int run = 0; run < 5; run++) {
    auto [ours, theirs] = BothTraces("fork_kill", kFidelity + " fork-kill", "-f");
    for (auto* lines : {&ours, &theirs}) {
      const char* who = lines == &ours ? "systrap-trace" : "strace";
      std::string parent, child;
      for (auto& l : *lines) {
        std::smatch m;
        if (std::regex_match(l, m, clone_re)) {
          parent = m[1];
          child = m[2];
        }
      }
      ASSERT_FALSE(child.empty()) << who << ": no clone line";
      int signal_lines = 0, killed_lines = 0;
      for (auto& l : *lines) {
        std::smatch m;
        ASSERT_TRUE(std::regex_match(l, m, line_re)) << who << ": " << l;
        std::string pid = m[1], rest = m[2];
        if (rest.rfind("--- SIGTERM ", 0) == 0) {
          EXPECT_EQ(pid, child) << who << ": " << l;
          signal_lines++;
        }
        if (rest == "+++ killed by SIGTERM +++") {
          EXPECT_EQ(pid, child) << who << ": " << l;
          killed_lines++;
        }
        if (pid == parent && rest.find("clone") != std::string::npos) {
          EXPECT_EQ(rest.find(" = 0"), std::string::npos) << who << ": " << l;
        }
        if (pid == child) {
          EXPECT_EQ(rest.find("clone"), std::string::npos) << who << ": " << l;
        }
      }
      EXPECT_EQ(signal_lines, 1) << who;
      EXPECT_EQ(killed_lines, 1) << who;
    }
  }
  // Without -f the child is not traced at all.
  std::string path = TmpPath("fork_kill_nof.txt");
  Result r = Shell(kTracer + " -o " + path + " " + kFidelity + " fork-kill");
  EXPECT_EQ(r.out, "child killed by 15\n");
  auto lines = Lines(path);
  ASSERT_FALSE(lines.empty());
  for (auto& l : lines) {
    EXPECT_EQ(l.find("SIGTERM {"), std::string::npos) << l;
    EXPECT_EQ(l.find("+++ killed by"), std::string::npos) << l;
  }
  EXPECT_EQ(lines.back(), "+++ exited with 0 +++");
}

}  // namespace

namespace {

// The program's own SIGILL and SIGTRAP (a genuine ud2 or int3, or sent),
// which the core virtualises whichever of them its traps use: delivered
// to the program's handler or killing it, each prints strace's line.
TEST(TraceFidelity, ProgramsOwnTrapSignalsMatchStrace) {
  const std::string prog = Runfile("testdata/trap_signals");
  for (const char* mode : {"ill-skip", "ill-default", "trap-int3", "trap-default", "trap-raise"}) {
    auto [ours, theirs] = BothTraces(std::string("trap_") + mode, prog + " " + mode);
    auto signal_lines = [](const std::vector<std::string>& v) {
      std::vector<std::string> out;
      for (auto& l : v)
        if (l.rfind("---", 0) == 0 || l.rfind("+++", 0) == 0) out.push_back(Normalise(l));
      return out;
    };
    auto a = signal_lines(ours), b = signal_lines(theirs);
    EXPECT_EQ(Join(a), Join(b)) << mode;
    EXPECT_GE(b.size(), 2u) << mode << ": strace printed " << Join(b);
  }
}

// The program's own SIGSEGV and SIGBUS (owned by the core where its reads
// recover from their faults): each delivery to a handler and each death
// prints strace's line, the calls made with a bad pointer print as strace
// prints them (the address, EFAULT), and a handler that returns shows its
// rt_sigreturn (the restored rax masked: an address), which was missing
// (it returned through our restorer, an own site, not the program's).
// "threaded": reads that learn each thread's mask (trap_signal.c) never
// take SIGSEGV for unblocked where it is blocked: every bad pointer's
// EFAULT as strace's, where a wrong guess killed the program.
TEST(TraceFidelity, ProgramsOwnFaultSignalsMatchStrace) {
  const std::string prog = Runfile("testdata/fault_signals");
  const char* reads = getenv("SYSTRAP_FAULT_READS");
  const char* tsx = getenv("SYSTRAP_TSX");
  bool transactions = !(tsx && !strcmp(tsx, "off")) &&
                      Shell("grep -qw rtm /proc/cpuinfo; echo $?").out == "0\n";
  bool owned = !(reads && !strcmp(reads, "off")) && !transactions;
  for (const char* mode : {"handler", "onstack", "resethand", "nodefer", "bus", "blocked",
                           "filled", "suspended", "threaded", "returns", "default",
                           "ignored"}) {
    // threaded: -f, so that the threads' and the vfork child's calls are
    // formatted too (read), each line's pid taken off below; no signal
    // lines (the vfork child's SIGCHLD, ignored and sent by no call of
    // the program's, is strace's alone: DESIGN.md, "Signals the program
    // ignores"); suspended and filled: their children's SIGCHLD likewise.
    bool follow = !strcmp(mode, "threaded");
    bool children = !strcmp(mode, "suspended") || !strcmp(mode, "filled");
    auto [ours, theirs] = BothTraces(std::string("fault_") + mode, prog + " " + mode,
                                     follow     ? "-f -e signal=none"
                                     : children ? "-e signal=!SIGCHLD"
                                                : "");
    // Not owned (RTM, or SYSTRAP_FAULT_READS=off), a fault the program
    // ignores kills it with no "--- SIGSEGV" line of ours (DESIGN: known
    // limits).
    if (!owned && !strcmp(mode, "ignored")) continue;
    static const std::regex pid_prefix("^[0-9]+ +");
    // threaded: its calls' EFAULTs only. Its raised SIGILL's handler
    // returns through our restorer but under int3, and that rt_sigreturn
    // gets no line of ours (strace shows it): a gap of the trap signal's
    // own, apart from the masks this mode is about.
    auto signal_lines = [follow](const std::vector<std::string>& lines) {
      std::vector<std::string> out;
      for (auto& line : lines)
        if (std::string l = std::regex_replace(line, pid_prefix, "");
            l.rfind("---", 0) == 0 || l.rfind("+++", 0) == 0 ||
            l.find("EFAULT") != std::string::npos)
          out.push_back(Normalise(l));
        else if (l.rfind("rt_sigreturn(", 0) == 0 && !follow)
          out.push_back(Normalise(l.substr(0, l.find(") ") + 1)));
      return out;
    };
    auto a = signal_lines(ours), b = signal_lines(theirs);
    EXPECT_EQ(Join(a), Join(b)) << mode;
    EXPECT_GE(b.size(), 2u) << mode << ": strace printed " << Join(b);
  }
}

// A thread whose alternate signal stack is a few KiB (testdata/small_altstack):
// the program's calls after its sigaltstack ran our hooks on that stack and
// overflowed it (it died at its next call, or spun), and a handler that
// overflows it natively dies of SIGSEGV, where our report of that fault,
// made at the stack's top again, overflowed it again for ever. Output,
// status and every line from the program's first as strace's. With a
// trap at every site (SYSTRAP_TRAP): no stack smaller than this CPU's
// signal frame can take a trap (2 KiB, MINSIGSTKSZ, never; 3 KiB not where
// AVX-512 makes the frame 3.4-3.6 KiB), while natively the program lives
// while no signal comes: those sizes are left out; and the raise's trap runs its work
// on our own stack, where the SIGUSR1 it sends is delivered, so the
// handler finds room it natively lacks (DESIGN.md, "Handlers short of
// room").
TEST(TraceFidelity, SmallAlternateStacksMatchStrace) {
  const std::string prog = Runfile("testdata/small_altstack");
  // raise: a handler on the stack, for a signal the program's own call
  // sends; where that call traps, the signal came inside our handler,
  // below its frames, and an 8 KiB stack died of SIGSEGV.
  std::vector<std::string> cases = {"4096 calls", "3072 calls", "8192 raise"};
  if (!getenv("SYSTRAP_TRAP")) {
    cases.push_back("2048 calls");
    cases.push_back("4096 overflow");
    // Where a handler's rt_sigreturn is a trap (every site one, or sealed
    // mode's SIGSYS for a call made from a program-call stub), a 4 KiB
    // stack cannot take that trap's frame below the signal's.
    if (!getenv("SYSTRAP_SEALED")) cases.push_back("4096 raise");
  }
  // A trap is a signal: under SYSTRAP_TRAP a stack no larger than the
  // kernel's signal frame on this CPU (AT_MINSIGSTKSZ: 3632 bytes with
  // AVX-512 on an Intel Xeon) cannot take one (DESIGN.md, "Handlers short
  // of room"), so no size that small is asked of it.
  const unsigned long frame = getauxval(AT_MINSIGSTKSZ);
  if (getenv("SYSTRAP_TRAP"))
    cases.erase(std::remove_if(cases.begin(), cases.end(),
                               [&](const std::string& c) {
                                 return std::stoul(c) <= frame;
                               }),
                cases.end());
  ASSERT_FALSE(cases.empty());
  for (const std::string& c : cases) {
    std::string name = "small_altstack_" + c.substr(0, c.find(' ')) + c.substr(c.find(' ') + 1);
    auto [ours, theirs] = BothTraces(name, prog + " " + c, "", 60);
    auto from_start = [](const std::vector<std::string>& v) {
      std::vector<std::string> out;
      bool on = false;
      for (auto& l : v) {
        if (l.rfind("write(1, \"small_altstack: start", 0) == 0) on = true;
        if (on) out.push_back(Normalise(l));
      }
      return out;
    };
    auto a = from_start(ours), b = from_start(theirs);
    EXPECT_EQ(Join(a), Join(b)) << c;
    EXPECT_GE(b.size(), 8u) << c << ": strace printed " << Join(b);
    if (c.find("overflow") != std::string::npos) {
      EXPECT_NE(Join(a).find("--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR"),
                std::string::npos)
          << Join(a);
    }
  }

  // -k: each line's walk runs in the trap's handler too, on the same
  // stack. With 8 KiB (SIGSTKSZ, Rust's), exit_group's line and its walk
  // overflowed it where a call traps, and the report of that fault waited
  // for ever on the walk it had interrupted. Every frame as strace's.
  for (const std::string c : {"8192 calls", "4096 calls"}) {
    std::string name = "small_altstack_k" + c.substr(0, c.find(' '));
    auto [ours, theirs] = BothTraces(name, prog + " " + c, "-k", 60);
    auto from_start = [](const std::vector<std::string>& v) {
      std::vector<std::string> out;
      for (auto& l : v)
        if (!out.empty() || l.rfind("write(1, \"small_altstack: start", 0) == 0)
          out.push_back(l);
      return out;
    };
    std::string a = MaskStackTrace(from_start(ours), false),
                b = MaskStackTrace(from_start(theirs), false);
    EXPECT_EQ(a, b) << c;
    // strace walks exit_group's stack at its entry and prints it last.
    EXPECT_NE(b.find("exit_group(0) = ?\n+++ exited with 0 +++\n > "), std::string::npos)
        << c << ": strace printed " << b;
  }
}

// Programs whose runtimes own SIGSEGV themselves, traced: an
// AddressSanitizer build (its handlers on an alternate stack: a clean run,
// its SEGV report, its heap-buffer-overflow report) and, where java is
// installed, a JVM (its NullPointerException is a SIGSEGV it handles).
// Output (stderr too, addresses and pids masked) and exit status as
// natively.
std::string Masked(const std::string& cmd) {
  return "(" + cmd +
         " 2>&1; echo \"exit $?\") | sed -E 's/0x[0-9a-f]+/ADDR/g; "
         "s/==[0-9]+==/==PID==/g; s/T[0-9]+/TID/g; s/(pid|tid)=[0-9]+/\\1=N/g'";
}

TEST(TraceFidelity, RuntimesWithTheirOwnFaultHandlersKeepTheirOutput) {
  for (const char* mode : {"ok", "segv", "overflow"}) {
    // With --preload (the _preload variant) our object comes before ASan's
    // runtime, which its link-order check refuses; the option turns the
    // check off, natively too (it changes nothing there).
    std::string prog = "ASAN_OPTIONS=verify_asan_link_order=0 " +
                       Runfile("testdata/asan_program") + " " + mode;
    Result native = Shell(Masked(prog));
    Result ours = Shell(Masked("ASAN_OPTIONS=verify_asan_link_order=0 " + kTracer + " -o " +
                               TmpPath(std::string("asan_") + mode) + " -- " +
                               Runfile("testdata/asan_program") + " " + mode));
    EXPECT_EQ(ours.out, native.out) << mode;
    EXPECT_NE(native.out.find("asan says hello"), std::string::npos) << native.out;
    if (strcmp(mode, "ok")) {
      EXPECT_NE(native.out.find("ERROR: AddressSanitizer"), std::string::npos) << native.out;
    }
  }
  if (Shell("command -v java >/dev/null && command -v javac >/dev/null; echo $?").out != "0\n") {
    GTEST_SKIP() << "no java here";
  }
  std::string dir = TmpPath("jvm");
  Shell("mkdir -p " + dir);
  {
    std::ofstream src(dir + "/Npe.java");
    src << "public class Npe { public static void main(String[] a) {\n"
           "  int[] x = null; long s = 0;\n"
           "  for (int i = 0; i < 3; i++) {\n"
           "    try { s += x.length; } catch (NullPointerException e) {\n"
           "      System.out.println(\"caught NPE \" + i); }\n"
           "  }\n"
           "  System.out.println(\"done\"); } }\n";
  }
  ASSERT_EQ(Shell("cd " + dir + " && javac -J-XX:-UsePerfData Npe.java 2>&1; echo $?").out, "0\n");
  std::string java = "java -XX:-UsePerfData -cp " + dir + " Npe";
  Result native = Shell(Masked(java));
  Result ours = Shell(Masked(kTracer + " -f -o " + dir + "/trace -- " + java));
  EXPECT_EQ(native.out, "caught NPE 0\ncaught NPE 1\ncaught NPE 2\ndone\nexit 0\n");
  EXPECT_EQ(ours.out, native.out);
}

// A crash handler's backtrace (testdata/fault_unwind.c): libgcc's unwinder,
// as backtrace() and ASan's report use it, walks from the program's SIGSEGV
// or SIGFPE handler through the signal's restorer into the faulting
// function and on to _start, as natively. The tracer's wrapper around the
// handler (SIGFPE in every variant; SIGSEGV where the core does not own it,
// as in _kernel_reads) must leave no frame of its own beneath the handler:
// under the image the unwinder cannot read our frames, and under the
// preload it would count them. A wrapper that called the handler from C
// did so in -c dbg (-O0 makes no tail call), which cut ASan's SEGV report
// short. The --- line is strace's.
TEST(TraceFidelity, CrashHandlerBacktraceAsNatively) {
  for (const char* mode : {"segv", "fpe"}) {
    std::string prog = Runfile("testdata/fault_unwind") + " " + mode;
    // Output and exit status against the native run's: BothTraces.
    auto [ours, theirs] = BothTraces(std::string("unwind_") + mode, prog);
    Result native = Shell(prog);
    std::string sig = !strcmp(mode, "segv") ? "Segmentation fault" : "Floating point exception";
    EXPECT_EQ(native.out.rfind(sig + ": 2 frames before the fault's\n"
                                     "  crash_here\n  crash_caller\n  main\n",
                               0),
              0u)
        << native.out;
    EXPECT_NE(native.out.find("  _start\n"), std::string::npos) << native.out;
    EXPECT_EQ(native.status, 0);
    auto signal_lines = [](const std::vector<std::string>& v) {
      std::vector<std::string> out;
      for (auto& l : v)
        if (l.rfind("---", 0) == 0 || l.rfind("+++", 0) == 0) out.push_back(Normalise(l));
      return out;
    };
    EXPECT_EQ(Join(signal_lines(ours)), Join(signal_lines(theirs))) << mode;
    EXPECT_EQ(signal_lines(theirs).size(), 2u) << Join(theirs);
  }
}

// pthread_cancel's signal (glibc's SIGCANCEL, strace's SIGRTMIN) and the
// read it cancels, in the cancelled thread's lines, as strace prints them.
TEST(TraceFidelity, CancelledReadMatchesStrace) {
  auto [ours, theirs] = BothTraces("cancel", kFidelity + " cancel", "-f");
  static const std::regex line_re("^([0-9]+) +(.*)$");
  for (auto* lines : {&ours, &theirs}) {
    const char* who = lines == &ours ? "systrap-trace" : "strace";
    std::map<std::string, std::vector<std::string>> per_pid;
    for (auto& l : *lines) {
      std::smatch m;
      if (std::regex_match(l, m, line_re)) per_pid[m[1]].push_back(Normalise(m[2]));
    }
    bool seen = false;
    for (auto& [pid, v] : per_pid)
      for (size_t i = 0; i + 1 < v.size(); i++)
        if (v[i] == "read(3, 0xADDR, 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)" &&
            v[i + 1] ==
                "--- SIGRTMIN {si_signo=SIGRTMIN, si_code=SI_TKILL, si_pid=PID, si_uid=0} ---")
          seen = true;
    EXPECT_TRUE(seen) << who << ": no cancelled read followed by SIGRTMIN\n" << Join(*lines);
  }
}

// The shapes of testdata/kept_windows.c (libc's inlined futex_unlock_pi,
// ld.so's arch_prctl, ... in functions with jump tables): with jumps each
// runs through a kept window, or through its site's trap when the jump
// table lands after the jump; under the trap variants through the trap.
// Every call is one line, exactly as strace 6.1 prints it, 20 of each
// shape and entry; output and exit status as natively (BothTraces).
TEST(TraceCompare, KeptWindowsMatchStrace) {
  auto [ours, theirs] = BothTraces("kept_windows", Runfile("testdata/kept_windows") + " run 20",
                                   "-e trace=lseek");
  EXPECT_EQ(Join(ours), Join(theirs));
  std::map<std::string, int> per_offset;
  static const std::regex call("^lseek\\(100, (20[0-9]{2}), SEEK_SET\\) += ([0-9]+)$");
  for (auto& l : ours) {
    std::smatch m;
    if (std::regex_match(l, m, call)) {
      EXPECT_EQ(m[1].str(), m[2].str()) << l;
      per_offset[m[1].str()]++;
    }
  }
  std::map<std::string, int> want;
  for (const char* off : {"2001", "2002", "2011", "2012", "2021", "2022", "2023", "2031", "2032",
                          "2033", "2041", "2042", "2051", "2061", "2062"})
    want[off] = 20;
  EXPECT_EQ(per_offset, want) << Join(ours);
  EXPECT_EQ(Shell(Runfile("testdata/kept_windows") + " run 20").status, 4);
}

}  // namespace
