// strace's options as systrap-trace honours them, each against strace 6.1's
// own output for the same program and options (issue 15): -a COLUMN,
// -e signal=SET, -X abbrev / -e abbrev=all, the long options; and the
// options strace has that we lack, refused with a message naming them
// before the program runs.
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tools/trace/test_support.h"

namespace {

using namespace trace_test;

const std::string kTracer = TracerCommand();

// What differs by nature between two runs: the pids (in kill/tgkill's
// arguments and siginfo's si_pid). Spacing is kept: it is what -a sets.
std::string MaskPids(std::string l) {
  static const std::regex kills("^(t?g?kill)\\([0-9]+(, [0-9]+)?");
  static const std::regex sipid("si_pid=[0-9]+");
  l = std::regex_replace(l, kills, "$1(PID");
  return std::regex_replace(l, sipid, "si_pid=PID");
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string s;
  for (auto& l : lines) s += MaskPids(l) + "\n";
  return s;
}

// prog under systrap-trace and strace with the same options (output to a
// file of each's own): the program's output and status as natively, and
// the two traces, line by line.
struct Both {
  std::string ours, theirs;
};
Both Traced(const std::string& name, const std::string& flags, const std::string& prog) {
  std::string o = TmpPath(name + ".systrap"), t = TmpPath(name + ".strace");
  Result native = Shell(prog);
  Result a = Shell(kTracer + " " + flags + " -o " + o + " " + prog);
  Result b = Shell("strace " + flags + " -o " + t + " " + prog);
  EXPECT_EQ(a.out, native.out) << name;
  EXPECT_EQ(a.status, native.status) << name;
  EXPECT_EQ(b.status, native.status) << name;
  return {Joined(Lines(o)), Joined(Lines(t))};
}

// -a COLUMN puts " = " where strace puts it, for calls shorter and longer
// than the column, and for exit_group's "= ?" (no return). Only calls the
// program makes itself: --preload does not see the loader's close(3).
TEST(OptionsCompare, ColumnsMatchStrace) {
  std::string prog = "/bin/echo hello, columns";
  for (const char* a : {"0", "5", "12", "25", "27", "60"}) {
    SCOPED_TRACE(std::string("-a") + a);
    Both b = Traced(std::string("columns") + a,
                 std::string("-a") + a + " -e trace=write,exit_group", prog);
    EXPECT_NE(b.theirs.find("write(1, \"hello, columns\\n\", 15)"), std::string::npos)
        << b.theirs;
    EXPECT_EQ(b.ours, b.theirs);
  }
  // The default is strace's 40, and "-a 40" the same.
  Both d = Traced("columns_default", "-e trace=write,exit_group", prog);
  Both f = Traced("columns40", "-a 40 -e trace=write,exit_group", prog);
  EXPECT_EQ(d.ours, d.theirs);
  EXPECT_EQ(f.ours, d.ours);
  EXPECT_NE(d.ours.find("exit_group(0)                           = ?\n"), std::string::npos)
      << d.ours;
}

// -e signal=SET: which "--- SIGxxx {...} ---" lines show; the calls (and
// the program's handlers) are unchanged.
TEST(OptionsCompare, SignalSetMatchesStrace) {
  std::string prog = Runfile("testdata/signals") + " usr1";
  const std::string calls = " -e trace=write,kill,tgkill,rt_sigreturn";
  for (const char* set : {"all", "none", "SIGUSR1", "!usr1", "10", "SIGALRM,SIGCHLD"}) {
    SCOPED_TRACE(set);
    Both b = Traced("signal", std::string("-e 'signal=") + set + "'" + calls, prog);
    EXPECT_EQ(b.ours, b.theirs);
    // The calls are all there either way.
    EXPECT_NE(b.ours.find("kill(PID, SIGUSR1)    "), std::string::npos) << b.ours;
    bool shown = b.ours.find("--- SIGUSR1 {si_signo=SIGUSR1") != std::string::npos;
    std::string s = set;
    EXPECT_EQ(shown, s == "all" || s == "SIGUSR1" || s == "10") << b.ours;
  }
}

// strace's long options (and a unique prefix of one) mean what their
// short forms mean, as in strace.
TEST(OptionsCompare, LongOptionsMatchStrace) {
  std::string prog = Runfile("testdata/signals") + " usr1";
  Both b = Traced("long",
               "--columns=30 --string-limit=4 --trace=write,kill,exit_group "
               "--signal=none --strings-in-hex --const-print-style=abbrev "
               "--abbrev=all --successful-only",
               prog);
  EXPECT_EQ(b.ours, b.theirs);
  EXPECT_NE(b.ours.find("write(1, \"\\x69\\x6e\\x20\\x53\"..., 19) = 19\n"), std::string::npos)
      << b.ours;
  EXPECT_EQ(b.ours.find("--- SIG"), std::string::npos) << b.ours;
  // -X abbrev and -e abbrev=all are strace's defaults: the same trace.
  Both plain = Traced("abbrev_plain", "-e trace=write,kill", prog);
  Both abbrev = Traced("abbrev", "-Xabbrev -e abbrev=all -e trace=write,kill", prog);
  EXPECT_EQ(abbrev.ours, plain.ours);
  EXPECT_EQ(abbrev.ours, abbrev.theirs);
  // --output=FILE and --follow-forks: one file, lines prefixed by the pid.
  std::string out = TmpPath("long_output.txt");
  Result r = Shell(kTracer + " --output=" + out +
                   " --follow-forks --trace=execve,exit_group -- sh -c '/bin/true; exit 3'");
  EXPECT_EQ(r.status, 3);
  auto lines = Lines(out);
  static const std::regex pid_prefixed("^[0-9]+ +(execve|exit_group|\\+\\+\\+|---).*");
  int execs = 0;
  for (auto& l : lines) {
    EXPECT_TRUE(std::regex_match(l, pid_prefixed)) << l;
    execs += l.find(" execve(\"/bin/true\"") != std::string::npos;
  }
  EXPECT_EQ(execs, 1) << Read(out);
}

// --summary-only is -c: the same table rows (calls per syscall) as strace's.
TEST(OptionsCompare, SummaryOnlyMatchesStrace) {
  std::string prog = Runfile("testdata/signals") + " usr1";
  Both b = Traced("summary", "--summary-only --trace=write,kill,tgkill", prog);
  static const std::regex row("^ *[0-9.]+ +[0-9.]+ +[0-9]+ +([0-9]+) +([0-9]* *)(write|kill|tgkill|total)$");
  // strace sorts the rows by time: compare them sorted by name.
  auto rows = [](const std::string& text) {
    std::set<std::string> s;
    std::smatch m;
    for (auto& l : SplitLines(text))
      if (std::regex_match(l, m, row)) s.insert(m[3].str() + " " + m[1].str());
    std::string joined;
    for (auto& r : s) joined += r + "\n";
    return joined;
  };
  EXPECT_EQ(rows(b.ours), "kill 1\ntgkill 3\ntotal 9\nwrite 5\n") << b.ours;
  EXPECT_EQ(rows(b.ours), rows(b.theirs)) << b.theirs;
}

// -S KEY, -U COLUMNS and -w lay the -c table out as strace 6.1 does: the
// columns in the order asked (the syscall name added last when not asked),
// each as wide as strace makes it, the rows in its order; whole tables
// where no time is shown, and with time columns, the header, the rules and
// each row's name and calls.
TEST(OptionsCompare, SummaryColumnsAndSortMatchStrace) {
  std::string prog = Runfile("testdata/signals") + " usr1";
  const char* exact[] = {
      "-c -S name -U name,calls,errors",
      "-c -S nothing -U calls,count",  // refused by both: named twice
      "-c --summary-sort-by=nothing --summary-columns=calls",
      "-c -S calls -U errors,calls,syscall",
      "-c -w -S count -U calls",
  };
  int n = 0;
  for (const char* flags : exact) {
    SCOPED_TRACE(flags);
    std::string f = std::string(flags) + " --trace=write,kill,tgkill,getpid";
    std::string o = TmpPath("sum" + std::to_string(n) + ".systrap"),
                t = TmpPath("sum" + std::to_string(n) + ".strace");
    n++;
    Result a = Shell(kTracer + " " + f + " -o " + o + " " + prog + " 2>&1");
    Result b = Shell("strace " + f + " -o " + t + " " + prog + " 2>&1");
    EXPECT_EQ(a.status, b.status);
    if (b.status) {  // strace's message, after its own name
      EXPECT_NE(b.out.find("call summary column has been provided more than once"),
                std::string::npos) << b.out;
      EXPECT_NE(a.out.find("systrap-trace: call summary column has been provided more than once: "
                           "'count' (-U option residual: 'count')"),
                std::string::npos) << a.out;
      continue;
    }
    EXPECT_EQ(Read(o), Read(t));
    EXPECT_NE(Read(o).find("write"), std::string::npos) << Read(o);
  }
  // Time columns: the values differ between tracers, the layout not.
  std::string f = "-c -S name -U name,time-percent,total-time,avg-time,min-time,max-time,calls"
                  " --trace=write,kill,tgkill";
  Both b = Traced("sumtime", f, prog);
  std::vector<std::string> ours = SplitLines(b.ours), theirs = SplitLines(b.theirs);
  ASSERT_EQ(ours.size(), theirs.size()) << b.ours << b.theirs;
  EXPECT_EQ(ours[0], "syscall          % time     seconds  usecs/call shortest  longest     calls");
  EXPECT_EQ(ours[0], theirs[0]);
  EXPECT_EQ(ours[1], theirs[1]);
  static const std::regex row("^(\\S+) .* ([0-9]+)$");
  for (size_t i = 2; i < ours.size(); i++) {
    std::smatch m1, m2;
    if (ours[i][0] == '-') {
      EXPECT_EQ(ours[i], theirs[i]);
      continue;
    }
    ASSERT_TRUE(std::regex_match(ours[i], m1, row)) << ours[i];
    ASSERT_TRUE(std::regex_match(theirs[i], m2, row)) << theirs[i];
    EXPECT_EQ(m1[1].str() + " " + m1[2].str(), m2[1].str() + " " + m2[2].str());
    EXPECT_EQ(ours[i].size(), theirs[i].size()) << ours[i] << "\n" << theirs[i];
  }
}

// -P PATH: only the calls on that path, by name or through a descriptor
// open on it, as strace shows them (exit_group and the others not); a
// path through a symbolic link selects its target too.
TEST(OptionsCompare, TracePathMatchesStrace) {
  std::string sel = TmpPath("path_selected"), other = TmpPath("path_other"),
              link = TmpPath("path_link");
  Shell("printf 'selected\\n' > " + sel + "; printf 'other\\n' > " + other +
        "; rm -f " + link + "; ln -s " + sel + " " + link);
  std::string prog = "cat " + other + " " + sel + " " + other;
  Both b = Traced("path", "-P " + sel, prog);
  EXPECT_EQ(b.ours, b.theirs);
  EXPECT_NE(b.ours.find("openat(AT_FDCWD, \"" + sel + "\", O_RDONLY) = 3"), std::string::npos)
      << b.ours;
  EXPECT_NE(b.ours.find("read(3, \"selected\\n\", 131072)"), std::string::npos) << b.ours;
  EXPECT_EQ(b.ours.find(other), std::string::npos) << b.ours;
  EXPECT_EQ(b.ours.find("exit_group"), std::string::npos) << b.ours;
  // Through the link: opened by the link's name, read through the target.
  Both l = Traced("path_link", "--trace-path=" + link, "cat " + other + " " + link);
  EXPECT_EQ(l.ours, l.theirs);
  EXPECT_NE(l.ours.find("read(3, \"selected\\n\", 131072)"), std::string::npos) << l.ours;
  // Two paths, with -e trace= narrowing them further.
  Both t = Traced("path_two", "-P " + sel + " -P " + other + " -e trace=openat,close", prog);
  EXPECT_EQ(t.ours, t.theirs);
}

// What strace has and we do not is refused before the program runs, with
// one line naming the option (and the usual hint), exit status 1.
TEST(OptionsCompare, UnsupportedOptionsAreRefusedByName) {
  struct Case {
    const char* flags;
    const char* message;
  } cases[] = {
      {"-v", "invalid option -- 'v'"},
      {"-Xraw", "-X raw is not supported by systrap-trace (only -X abbrev)"},
      {"-X verbose", "-X verbose is not supported by systrap-trace (only -X abbrev)"},
      {"--no-abbrev", "option '--no-abbrev' is not supported by systrap-trace"},
      {"--secontext=full", "option '--secontext=full' is not supported by systrap-trace"},
      {"--timestamps=format:unix", "option '--timestamps=format:unix' is not supported by systrap-trace"},
      {"-e read=3", "-e read=3 is not supported by systrap-trace (supported: trace=, inject=, signal=, abbrev=all)"},
      {"-e verbose=none", "-e verbose=none is not supported by systrap-trace (supported: trace=, inject=, signal=, abbrev=all)"},
      {"--f", "option '--f' is ambiguous"},
      {"-yy", "-yy is not supported by systrap-trace (only -y)"},
      {"-c -S bogus", "invalid sortby: 'bogus'"},
      {"-c -U calls,bogus", "unknown column name: 'bogus'"},
  };
  for (auto& c : cases) {
    Result r = Shell(kTracer + " " + c.flags + " /bin/echo ran 2>&1");
    EXPECT_EQ(r.status, 1) << c.flags;
    EXPECT_EQ(r.out, std::string("systrap-trace: ") + c.message +
                         "\nTry 'systrap-trace -h' for more information.\n")
        << c.flags;
  }
}

}  // namespace
