// systrap-trace --sealed (issue 13): programs that make syscalls the
// instrumenter cannot see (testdata/sealed_cases.c: a JIT writing an RWX
// region, a syscall hidden in an immediate, a memfd alias, code written
// byte by byte, the program's own Syscall User Dispatch switched on and
// off, a seccomp RET_TRAP sandbox, threads and fork children, a site that
// appears in private code) and a static Go program, each run natively,
// traced, and traced sealed, with the image and with --preload: output and
// exit status as natively every time, and sealed, every call counted as
// strace -f -c counts it. Plus the one-line refusal.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tools/trace/test_support.h"

using namespace trace_test;

namespace {

const char kTimeout[] = "timeout -s KILL 120 ";

std::string Tracer() { return Runfile("tools/trace/systrap-trace"); }

// The calls column of a -c table (strace's, or ours), by syscall name.
std::map<std::string, long> Counts(const std::string& path) {
  std::map<std::string, long> m;
  for (const auto& l : Lines(path)) {
    std::istringstream ss(l);
    std::vector<std::string> w;
    std::string t;
    while (ss >> t) w.push_back(t);
    // % time, seconds, usecs/call, calls, [errors], syscall
    if (w.size() < 5 || w.size() > 6 || w.back() == "total" ||
        w.back() == "syscall" || w[0].find_first_not_of("0123456789.") != std::string::npos)
      continue;
    m[w.back()] = std::stol(w[3]);
  }
  return m;
}

struct Case {
  std::string mode;
  int status;                       // its native exit status
  std::vector<std::string> counted;  // calls whose counts must be strace's
};

const std::vector<Case> kCases = {
    {"jit", 0, {"getppid"}},
    {"hidden", 0, {"getppid"}},
    {"memfd", 0, {"getppid", "memfd_create"}},
    {"bytewise", 0, {"getppid", "getpgrp"}},
    // The dispatched calls are not made: strace does not see them either.
    {"sud", 0, {"getppid", "prctl"}},
    {"seccomp", 0, {"getppid", "getpgrp", "prctl"}},
    {"children", 3, {"getppid", "clone3", "clone", "vfork", "wait4"}},
    {"rewrite", 0, {"getppid", "pwrite64"}},
};

class Sealed : public ::testing::TestWithParam<Case> {};

TEST_P(Sealed, OutputAsNativelyAndEveryCallCountedAsStraceCounts) {
  const Case& c = GetParam();
  std::string prog = Runfile("testdata/sealed_cases") + " " + c.mode;
  Result native = Shell(kTimeout + prog);
  ASSERT_EQ(native.status, c.status) << native.out;
  EXPECT_EQ(native.out.find("WRONG"), std::string::npos) << native.out;
  std::string st = TmpPath("sealed_" + c.mode + ".strace");
  Result s = Shell(std::string(kTimeout) + "strace -f -qq -c -o " + st + " " + prog);
  ASSERT_EQ(s.status, c.status);
  auto want = Counts(st);
  ASSERT_GT(want["getppid"], 0) << Read(st);

  for (const std::string how : {"", "--sealed", "--sealed --preload"}) {
    std::string name = c.mode + (how.empty() ? "" : how == "--sealed" ? "_sealed" : "_sealed_preload");
    std::string ours = TmpPath("sealed_" + name + ".ours");
    Result t = Shell(std::string(kTimeout) + Tracer() + " " + how + " -f -c -o " + ours + " " + prog);
    EXPECT_EQ(t.status, c.status) << name;
    EXPECT_EQ(t.out, native.out) << name;
    if (how.empty()) continue;  // unsealed: the point is what it misses
    auto got = Counts(ours);
    for (const auto& call : c.counted)
      // The preload misses the dynamic loader's calls: only the case's.
      if (how == "--sealed" || call == "getppid" || call == "getpgrp") {
        EXPECT_EQ(got[call], want[call]) << name << ": " << call << "\n" << Read(ours)
                                       << "\nstrace:\n" << Read(st);
      }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, Sealed, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.mode; });

// The trace of a sealed run has the lines strace has for the calls the
// instrumenter never saw: the hidden syscall's twenty getppid lines.
TEST(SealedTrace, HiddenCallsHaveTheirLines) {
  std::string prog = Runfile("testdata/sealed_cases") + " hidden";
  std::string ours = TmpPath("hidden.trace");
  Result t = Shell(std::string(kTimeout) + Tracer() + " --sealed -e trace=getppid -o " + ours + " " + prog);
  ASSERT_EQ(t.status, 0);
  int n = 0;
  for (const auto& l : Lines(ours))
    if (l.rfind("getppid() ", 0) == 0 && l.find(" = ") != std::string::npos) n++;
  EXPECT_EQ(n, 21) << Read(ours);
  // Unsealed and not lazy, the instrumenter's decoding cannot see them
  // (only the program's own getppid through libc has its line). Lazy
  // instrumenting's dispatch would catch them while it lasts, so it is
  // off here: this is what sealed mode adds for a program's whole life.
  Result u = Shell(std::string(kTimeout) + "env SYSTRAP_LAZY=0 " + Tracer() + " -e trace=getppid -o " + ours + " " + prog);
  ASSERT_EQ(u.status, 0);
  n = 0;
  for (const auto& l : Lines(ours))
    if (l.rfind("getppid() ", 0) == 0) n++;
  EXPECT_LT(n, 21) << Read(ours);
}

// The program's own dispatch: its SIGSYS shows as strace shows it.
TEST(SealedTrace, ProgramsOwnDispatchShowsItsSigsys) {
  std::string prog = Runfile("testdata/sealed_cases") + " sud";
  std::string ours = TmpPath("sud.trace"), st = TmpPath("sud.strace");
  ASSERT_EQ(Shell(std::string(kTimeout) + Tracer() + " --sealed -e trace=prctl,getppid -o " + ours + " " + prog).status, 0);
  ASSERT_EQ(Shell(std::string(kTimeout) + "strace -e trace=prctl,getppid -o " + st + " " + prog).status, 0);
  auto sigsys = [](const std::string& path) {
    int n = 0;
    for (const auto& l : Lines(path))
      if (l.rfind("--- SIGSYS {si_signo=SIGSYS, si_code=SYS_USER_DISPATCH, ", 0) == 0 &&
          l.find("si_syscall=__NR_getppid, si_arch=AUDIT_ARCH_X86_64} ---") != std::string::npos)
        n++;
    return n;
  };
  EXPECT_EQ(sigsys(st), 3) << Read(st);
  EXPECT_EQ(sigsys(ours), 3) << Read(ours);
}

// A static Go program (no loader, its own signal handling and raw
// clone): sealed, it runs as natively.
TEST(SealedGo, StaticGoProgramRunsAsNatively) {
  if (!NoGoToolchain().empty()) GTEST_SKIP() << NoGoToolchain();
  Result b = BuildGo("testdata/image_static.go", "image_static_go", false);
  ASSERT_EQ(b.status, 0) << "go build failed:\n" << b.out;
  std::string prog = TmpPath("go/image_static_go");
  Result native = Shell(kTimeout + prog);
  ASSERT_EQ(native.status, 7) << native.out;
  std::string ours = TmpPath("go_sealed.trace");
  Result t = Shell(std::string(kTimeout) + Tracer() + " --sealed -f -o " + ours + " " + prog);
  EXPECT_EQ(t.status, 7);
  EXPECT_EQ(t.out, native.out);
  // Its child's exec, and the Go runtime's own writes, are in the trace.
  std::string trace = Read(ours);
  EXPECT_NE(trace.find("execve(\"/bin/echo\""), std::string::npos) << trace;
  EXPECT_NE(trace.find("write(1, \"static program: start\\n\""), std::string::npos) << trace;
}

// A handled signal's return (rt_sigreturn from libc's restorer, a jump
// site) went to its trampoline's slow exit whenever Syscall User Dispatch
// was armed (sealed mode; lazy instrumenting, a start's), since a
// program-call stub is a page outside the range SUD lets through: one trap
// a signal (--sealed: 100,000 raised SIGUSR1s took 2.5-3.0 s against 0.6
// natively). The fast path now returns to a gadget in systrap's text
// instead (trap_handler.h's fast gadgets). strace counts the trap
// signals' deliveries for 300 raises: 300 before, a handful now.
TEST(SealedTrace, HandledSignalsReturnWithoutATrap) {
  const std::string prog = Runfile("testdata/signals") + " raises 300";
  Result native = Shell(kTimeout + prog);
  ASSERT_EQ(native.status, 0);
  ASSERT_EQ(native.out, "handled 300 of 300\n");
  Result image = Shell(kTimeout + Tracer() + " --sealed -o /dev/null " + prog);
  EXPECT_EQ(image.out, native.out);
  EXPECT_EQ(image.status, 0);
  const std::string log = TmpPath("sealed_raises.strace");
  Result ours = Shell(kTimeout + std::string("strace -f -qq -e trace=none -o ") + log + " " +
                      Tracer() + " --preload --sealed -o /dev/null " + prog);
  EXPECT_EQ(ours.out, native.out);
  EXPECT_EQ(ours.status, 0);
  int traps = 0;
  for (const auto& l : Lines(log))
    if (l.find("--- SIGILL ") != std::string::npos || l.find("--- SIGTRAP ") != std::string::npos ||
        l.find("--- SIGSYS ") != std::string::npos)
      traps++;
  EXPECT_LT(traps, 30) << "of the trap signals, for 300 handler returns";
}

// The fast path's gadgets are a table of their own: 70 rt_sigreturn sites
// (testdata/signals restorers: a handler returning through another
// restorer of the program's each time) take the fast path's 64 and then
// go to the slow exit, whose signal path still has every one of its own
// (sharing one count, the 65th site's rt_sigreturn got -ENOMEM and libc's
// restorer ran on into the next bytes). Output and status as natively,
// sealed, with the image and the preload, with each trap kind.
TEST(SealedTrace, MoreSigreturnSitesThanGadgets) {
  const std::string prog = Runfile("testdata/signals") + " restorers";
  Result native = Shell(kTimeout + prog);
  ASSERT_EQ(native.status, 0);
  ASSERT_EQ(native.out, "handled 70 through 70 restorers\n");
  for (const std::string trap : {"", "SYSTRAP_TRAP=jump-int3 ", "SYSTRAP_TRAP=jump-ud2 "}) {
    for (const std::string mode : {"", " --preload"}) {
      SCOPED_TRACE(trap + mode);
      Result ours =
          Shell(trap + kTimeout + Tracer() + mode + " --sealed -o /dev/null " + prog);
      EXPECT_EQ(ours.out, native.out);
      EXPECT_EQ(ours.status, 0);
    }
  }
}

// Where the kernel refuses Syscall User Dispatch (here: a seccomp policy
// that fails prctl with EPERM, run natively first), --sealed says why in
// one line and the program does not run.
TEST(SealedRefusal, OneLineWhenTheKernelRefuses) {
  // The refusal is checked in systrap-trace itself, before the program
  // starts: a program that would print is never run.
  std::string err = TmpPath("refusal.err");
  Result r = Shell(std::string(kTimeout) + "python3 -S -c '"
                   "import ctypes,os,sys\n"
                   "libc=ctypes.CDLL(None,use_errno=True)\n"
                   "import struct\n"
                   // seccomp: prctl(59, ...) -> EPERM, everything else allowed
                   "f=[(0x20,0,0,0),(0x15,0,3,157),(0x20,0,0,16),(0x15,0,1,59),(0x06,0,0,0x50001),(0x06,0,0,0x7fff0000)]\n"
                   "buf=b\"\".join(struct.pack(\"HBBI\",*x) for x in f)\n"
                   "b=ctypes.create_string_buffer(buf)\n"
                   "prog=struct.pack(\"HxxxxxxQ\",len(f),ctypes.addressof(b))\n"
                   "p=ctypes.create_string_buffer(prog)\n"
                   "L=ctypes.c_ulong\n"
                   "assert libc.prctl(38,L(1),L(0),L(0),L(0))==0\n"
                   "assert libc.prctl(22,L(2),L(ctypes.addressof(p)),L(0),L(0))==0\n"
                   "os.execv(sys.argv[1],sys.argv[1:])\n"
                   "' " + Tracer() + " --sealed echo ran 2>" + err);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  auto lines = Lines(err);
  ASSERT_EQ(lines.size(), 1u) << Read(err);
  EXPECT_EQ(lines[0], TracerSelf() + ": --sealed refused: Operation not permitted");
}

}  // namespace
