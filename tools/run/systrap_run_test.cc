// systrap-run end to end, with README's example tool (testdata/
// deny_unlink_preload.c, built both ways by systrap_tool as deny_unlink.so
// and deny_unlink.image.so): rm's unlink fails with EPERM and the file
// stays under LD_PRELOAD and under systrap-run (natively it is removed);
// only the image reaches a static program; execs are followed (or not,
// with --no-follow-exec); PROG's exit status, death by signal and
// environment come through unchanged; every error is one line; where
// ptrace is refused (under strace -f) the preload takes over, said in one
// line.
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace {

std::string Runfile(const std::string& rel) {
  const char* dir = getenv("TEST_SRCDIR");
  return std::string(dir ? dir : ".") + "/systrap/" + rel;
}

std::string Tmp(const std::string& name) {
  const char* dir = getenv("TEST_TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/" + name;
}

std::string Read(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

void Touch(const std::string& path) { std::ofstream(path) << "x"; }

const std::string kRun = Runfile("tools/run/systrap-run");
const std::string kImage = Runfile("testdata/deny_unlink.image.so");
const std::string kPreload = Runfile("testdata/deny_unlink.so");
const std::string kStatic = Runfile("testdata/unlink_static");
const std::string kTool = "--tool=" + kImage;

// A fixed environment, the same for every run (C messages).
std::vector<std::string> BaseEnv() {
  return {"PATH=/usr/bin:/bin", "LC_ALL=C", "HOME=" + Tmp(""),
          "SYSTRAP_CACHE=off"};
}

struct Outcome {
  int status = -1;  // waitpid's
  std::string out, err;
  int Exit() const { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }
  int Signal() const { return WIFSIGNALED(status) ? WTERMSIG(status) : 0; }
};

// Runs argv with env (no shell), stdout and stderr captured; killed with
// SIGKILL after 60 s so a hang fails instead of stalling the suite.
// before_wait, if set, runs with the child's pid once it started.
Outcome Launch(const std::vector<std::string>& argv,
            const std::vector<std::string>& env,
            void (*before_wait)(pid_t) = nullptr) {
  static int n;
  std::string out = Tmp("out." + std::to_string(n)),
              err = Tmp("err." + std::to_string(n));
  n++;
  std::vector<char*> a, e;
  for (auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
  a.push_back(nullptr);
  for (auto& s : env) e.push_back(const_cast<char*>(s.c_str()));
  e.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int r = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, 1);
    dup2(r, 2);
    if (chdir(Tmp("").c_str())) _exit(126);
    execve(a[0], a.data(), e.data());
    _exit(127);
  }
  if (before_wait) before_wait(pid);
  Outcome res;
  for (int i = 0; i < 6000; i++) {
    if (waitpid(pid, &res.status, WNOHANG) == pid) break;
    if (i == 5999) {
      kill(pid, SIGKILL);
      waitpid(pid, &res.status, 0);
      ADD_FAILURE() << argv[0] << " hung: killed";
    }
    struct timespec ts = {0, 10 * 1000 * 1000};
    nanosleep(&ts, nullptr);
  }
  res.out = Read(out);
  res.err = Read(err);
  return res;
}

std::vector<std::string> Under(std::vector<std::string> prog,
                               std::vector<std::string> opts = {}) {
  std::vector<std::string> argv = {kRun, kTool};
  argv.insert(argv.end(), opts.begin(), opts.end());
  argv.push_back("--");
  argv.insert(argv.end(), prog.begin(), prog.end());
  return argv;
}

// What rm says (it names itself by its argv[0]).
std::string Denied(const std::string& file, const std::string& rm = "rm") {
  return rm + ": cannot remove '" + file + "': Operation not permitted\n";
}

// One line, ending in a newline, beginning "systrap-run: ".
void ExpectOneLine(const std::string& err) {
  EXPECT_EQ(err.rfind("systrap-run: ", 0), 0u) << err;
  ASSERT_FALSE(err.empty());
  EXPECT_EQ(err.find('\n'), err.size() - 1) << err;
}

TEST(SystrapRun, RmNativelyRemovesTheFile) {
  std::string f = Tmp("native");
  Touch(f);
  Outcome n = Launch({"/bin/rm", f}, BaseEnv());
  EXPECT_EQ(n.Exit(), 0) << n.err;
  EXPECT_FALSE(Exists(f));
}

TEST(SystrapRun, PreloadDeniesRm) {
  std::string f = Tmp("preload");
  Touch(f);
  std::vector<std::string> env = BaseEnv();
  env.push_back("LD_PRELOAD=" + kPreload);
  Outcome t = Launch({"/bin/rm", f}, env);
  EXPECT_EQ(t.err, Denied(f, "/bin/rm"));
  EXPECT_EQ(t.Exit(), 1);
  EXPECT_TRUE(Exists(f));
}

TEST(SystrapRun, ImageDeniesRm) {
  std::string f = Tmp("image");
  Touch(f);
  Outcome t = Launch(Under({"/bin/rm", f}), BaseEnv());
  EXPECT_EQ(t.err, Denied(f, "/bin/rm"));
  EXPECT_EQ(t.Exit(), 1);
  EXPECT_TRUE(Exists(f));
  // PROG found in PATH as a shell would find it.
  t = Launch(Under({"rm", f}), BaseEnv());
  EXPECT_EQ(t.err, Denied(f));
  EXPECT_TRUE(Exists(f));
}

// The preload needs the dynamic loader: a static program escapes it. The
// image is in place before the first instruction: it does not.
TEST(SystrapRun, OnlyTheImageReachesAStaticProgram) {
  std::string f = Tmp("static");
  Touch(f);
  Outcome n = Launch({kStatic, f}, BaseEnv());
  EXPECT_EQ(n.out, "unlink: 0\n");
  EXPECT_FALSE(Exists(f));

  Touch(f);
  std::vector<std::string> env = BaseEnv();
  env.push_back("LD_PRELOAD=" + kPreload);
  Outcome p = Launch({kStatic, f}, env);
  EXPECT_EQ(p.out, "unlink: 0\n");
  EXPECT_FALSE(Exists(f));

  Touch(f);
  Outcome t = Launch(Under({kStatic, f}), BaseEnv());
  EXPECT_EQ(t.out, "unlink: -1 Operation not permitted\n");
  EXPECT_EQ(t.Exit(), 1);
  EXPECT_TRUE(Exists(f));
}

// Execs are followed in every process of the tree, as a preload's
// LD_PRELOAD is inherited: sh execing rm, a forked child's rm, a
// grandchild's static program.
TEST(SystrapRun, FollowsExecs) {
  std::string f = Tmp("exec");
  Touch(f);
  Outcome t = Launch(Under({"/bin/sh", "-c", "rm " + f}), BaseEnv());
  EXPECT_EQ(t.err, Denied(f));
  EXPECT_EQ(t.Exit(), 1);
  EXPECT_TRUE(Exists(f));

  t = Launch(Under({"/bin/sh", "-c", "rm " + f + "; echo rc=$?"}), BaseEnv());
  EXPECT_EQ(t.err, Denied(f));
  EXPECT_EQ(t.out, "rc=1\n");
  EXPECT_TRUE(Exists(f));

  t = Launch(Under({"/bin/sh", "-c",
                 "(/bin/sh -c '" + kStatic + " " + f + "'); echo rc=$?"}),
          BaseEnv());
  EXPECT_EQ(t.out, "unlink: -1 Operation not permitted\nrc=1\n");
  EXPECT_TRUE(Exists(f));
}

// --no-follow-exec: PROG itself is covered, what it execs is not.
TEST(SystrapRun, NoFollowExec) {
  std::string f = Tmp("nofollow");
  Touch(f);
  Outcome t = Launch(Under({"/bin/sh", "-c", "rm " + f + "; echo rc=$?"},
                        {"--no-follow-exec"}),
                  BaseEnv());
  EXPECT_EQ(t.out, "rc=0\n");
  EXPECT_EQ(t.err, "");
  EXPECT_FALSE(Exists(f));
}

// A descendant that outlives PROG and execs after systrap-run exited
// finds no launcher to answer: it must not wait for one (it used to wait
// 10 s per exec).
TEST(SystrapRun, OrphanExecsWithoutWaiting) {
  std::string done = Tmp("orphan-done");
  unlink(done.c_str());
  Outcome t = Launch(
      Under({"/bin/sh", "-c",
             "(sleep 0.3; /bin/true; echo x > " + done + ") >/dev/null &"}),
      BaseEnv());
  EXPECT_EQ(t.Exit(), 0);
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  double waited = 0;
  while (!Exists(done) && waited < 8) {
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, nullptr);
    clock_gettime(CLOCK_MONOTONIC, &now);
    waited = now.tv_sec - start.tv_sec + (now.tv_nsec - start.tv_nsec) / 1e9;
  }
  EXPECT_TRUE(Exists(done));
  EXPECT_LT(waited, 5) << "the orphan's execs waited for a launcher";
}

TEST(SystrapRun, ExitStatusPassesThrough) {
  Outcome t = Launch(Under({"/bin/sh", "-c", "exit 7"}), BaseEnv());
  EXPECT_EQ(t.Exit(), 7);
  t = Launch(Under({"/bin/true"}), BaseEnv());
  EXPECT_EQ(t.Exit(), 0);
  EXPECT_EQ(t.err, "");
}

TEST(SystrapRun, DiesOfTheProgramsSignal) {
  Outcome t = Launch(Under({"/bin/sh", "-c", "kill -TERM $$"}), BaseEnv());
  EXPECT_EQ(t.Signal(), SIGTERM);
  EXPECT_FALSE(WCOREDUMP(t.status));
  // As the shell sees it.
  std::string cmd = kRun + " " + kTool + " /bin/sh -c 'kill -TERM $$'; echo $?";
  t = Launch({"/bin/sh", "-c", cmd}, BaseEnv());
  EXPECT_EQ(t.out, "143\n");
}

// A SIGTERM sent to systrap-run is PROG's: PROG dies of it, and so do we.
TEST(SystrapRun, PassesOnASignalSentToIt) {
  Outcome t = Launch(Under({"/bin/sleep", "30"}), BaseEnv(), [](pid_t pid) {
    struct timespec ts = {0, 300 * 1000 * 1000};
    nanosleep(&ts, nullptr);
    kill(pid, SIGTERM);
  });
  EXPECT_EQ(t.Signal(), SIGTERM);
}

// The image's settings never reach PROG's environment.
TEST(SystrapRun, EnvironmentUnchanged) {
  std::vector<std::string> env = BaseEnv();
  env.push_back("SYSTRAP_TRAP=jump");
  env.push_back("LD_LIBRARY_PATH=/nonexistent");
  Outcome n = Launch({"/usr/bin/env"}, env);
  Outcome t = Launch(Under({"/usr/bin/env"}, {"--setting", "FOO=bar"}), env);
  EXPECT_EQ(n.Exit(), 0);
  EXPECT_EQ(t.Exit(), 0) << t.err;
  EXPECT_EQ(t.out, n.out);
  EXPECT_EQ(t.err, "");
}

// An ignored SIGTRAP stays ignored, whether PROG starts with it (the
// launcher's start) or ignores it and execs (a followed exec): the
// launcher's single steps and the image's final int3 are forced SIGTRAPs,
// which the kernel would otherwise leave at the default action.
TEST(SystrapRun, IgnoredSigtrapStaysIgnored) {
  const std::string grep = "exec /bin/grep -E '^Sig(Blk|Ign)' /proc/self/status";
  Outcome n = Launch({"/bin/sh", "-c", "trap '' TRAP; " + grep}, BaseEnv());
  ASSERT_EQ(n.Exit(), 0);
  size_t ign = n.out.find("SigIgn:\t");
  ASSERT_NE(ign, std::string::npos) << n.out;
  ASSERT_TRUE(strtoull(n.out.c_str() + ign + 8, nullptr, 16) & (1ull << (SIGTRAP - 1)))
      << n.out;
  Outcome started = Launch(
      {"/bin/sh", "-c", "trap '' TRAP; exec " + kRun + " " + kTool +
                            " -- /bin/grep -E '^Sig(Blk|Ign)' /proc/self/status"},
      BaseEnv());
  EXPECT_EQ(started.Exit(), 0) << started.err;
  EXPECT_EQ(started.out, n.out);
  Outcome followed = Launch(Under({"/bin/sh", "-c", "trap '' TRAP; " + grep}),
                            BaseEnv());
  EXPECT_EQ(followed.Exit(), 0) << followed.err;
  EXPECT_EQ(followed.out, n.out);
}

// --setting and systrap-run's own SYSTRAP_* variables are the image's
// settings: SYSTRAP_DEBUG=1 makes libsystrap describe each mapping.
TEST(SystrapRun, SettingsReachTheTool) {
  Outcome t = Launch(Under({"/bin/true"}, {"--setting", "SYSTRAP_DEBUG=1"}),
                  BaseEnv());
  EXPECT_NE(t.err.find("systrap: "), std::string::npos) << t.err;
  EXPECT_NE(t.err.find("/true: "), std::string::npos) << t.err;
  std::vector<std::string> env = BaseEnv();
  env.push_back("SYSTRAP_DEBUG=1");
  t = Launch(Under({"/bin/true"}), env);
  EXPECT_NE(t.err.find("/true: "), std::string::npos) << t.err;
  t = Launch(Under({"/bin/true"}), BaseEnv());
  EXPECT_EQ(t.err, "");
}

struct ErrorCase {
  std::vector<std::string> argv;
  int status;
  std::string says;
};

TEST(SystrapRun, ErrorsAreOneLine) {
  std::string bad = Tmp("not-an-image.image.so");
  std::ofstream(bad) << "not ELF\n";
  std::string unreadable = Tmp("unreadable.image.so");
  std::ofstream(unreadable) << "x";
  chmod(unreadable.c_str(), 0);
  std::vector<ErrorCase> cases = {
      {{kRun, "--foo", "true"}, 1, "systrap-run: unknown option '--foo'"},
      {{kRun, kTool}, 1, "systrap-run: missing PROG"},
      {{kRun, kTool, "--"}, 1, "systrap-run: missing PROG"},
      {{kRun, "/bin/true"}, 1, "systrap-run: missing --tool=IMAGE"},
      {{kRun, kTool, "--setting", "FOO", "true"}, 1,
       "systrap-run: --setting wants NAME=VALUE, not 'FOO'"},
      {{kRun, "--tool=" + Tmp("missing.image.so"), "true"}, 1,
       "systrap-run: cannot read the image " + Tmp("missing.image.so") +
           ": No such file or directory"},
      {{kRun, "--tool=" + bad, "/bin/true"}, 1,
       "systrap-run: cannot start the tool in /bin/true: image: not an ELF "
       "file"},
      // The preload is no image: refused with the injector's reason.
      {{kRun, "--tool=" + kPreload, "/bin/true"}, 1,
       "systrap-run: cannot start the tool in /bin/true: image: "},
      {{kRun, kTool, "no-such-program"}, 127,
       "systrap-run: no-such-program: command not found"},
      {{kRun, kTool, Tmp("no-such-program")}, 127,
       "systrap-run: " + Tmp("no-such-program") + ": No such file or directory"},
      {{kRun, kTool, bad}, 126,
       "systrap-run: " + bad + ": Permission denied"},
  };
  if (getuid() != 0)  // root reads anything
    cases.push_back({{kRun, "--tool=" + unreadable, "true"}, 1,
                     "systrap-run: cannot read the image " + unreadable +
                         ": Permission denied"});
  for (const ErrorCase& c : cases) {
    Outcome t = Launch(c.argv, BaseEnv());
    std::string what = c.argv.size() > 1 ? c.argv[1] : "";
    EXPECT_EQ(t.Exit(), c.status) << what << ": " << t.err;
    EXPECT_EQ(t.err.rfind(c.says, 0), 0u) << what << ": " << t.err;
    ExpectOneLine(t.err);
    EXPECT_EQ(t.out, "");
  }
}

bool HaveStrace() { return access("/usr/bin/strace", X_OK) == 0; }

// Under strace -f systrap-run is traced itself, so its child cannot be:
// PTRACE_TRACEME fails with EPERM. The tool then runs as the preload beside
// the image, said in one line.
TEST(SystrapRun, PtraceRefusedFallsBackToThePreload) {
  if (!HaveStrace()) GTEST_SKIP() << "no /usr/bin/strace";
  std::string f = Tmp("fallback");
  Touch(f);
  Outcome t = Launch({"/usr/bin/strace", "-f", "-o", "/dev/null", kRun, kTool,
                   "/bin/rm", f},
                  BaseEnv());
  std::string first = t.err.substr(0, t.err.find('\n') + 1);
  ExpectOneLine(first);
  EXPECT_NE(first.find("cannot be started before the program's first "
                       "instruction"),
            std::string::npos)
      << first;
  EXPECT_NE(first.find(kPreload), std::string::npos) << first;
  EXPECT_EQ(t.err.substr(first.size()), Denied(f, "/bin/rm"));
  EXPECT_EQ(t.Exit(), 1);
  EXPECT_TRUE(Exists(f));

  // A static program: the preload cannot reach it; refused, not run bare.
  t = Launch({"/usr/bin/strace", "-f", "-o", "/dev/null", kRun, kTool, kStatic, f},
          BaseEnv());
  ExpectOneLine(t.err);
  EXPECT_NE(t.err.find("statically linked"), std::string::npos) << t.err;
  EXPECT_EQ(t.Exit(), 1);
  EXPECT_TRUE(Exists(f));
}

TEST(SystrapRun, PtraceRefusedWithoutAPreloadFails) {
  if (!HaveStrace()) GTEST_SKIP() << "no /usr/bin/strace";
  std::string dir = Tmp("lonely");
  mkdir(dir.c_str(), 0755);
  std::string image = dir + "/deny_unlink.image.so";
  std::ofstream(image) << Read(kImage);
  std::string f = Tmp("lonely-file");
  Touch(f);
  Outcome t = Launch({"/usr/bin/strace", "-f", "-o", "/dev/null", kRun,
                   "--tool=" + image, "/bin/rm", f},
                  BaseEnv());
  ExpectOneLine(t.err);
  EXPECT_NE(t.err.find("no " + dir + "/deny_unlink.so beside the image"),
            std::string::npos)
      << t.err;
  EXPECT_EQ(t.Exit(), 1);
  EXPECT_TRUE(Exists(f));
}

}  // namespace
