// The injector end to end: programs of every kind (dynamic, glibc -static,
// -static-pie, musl static, /bin/true) started stopped, given the probe
// image (testdata/inject_probe_image.c) and let go must behave exactly as
// when run natively, while the probe ran once inside them before their
// first instruction. And the failures: missing or unrunnable programs,
// images that are not self-contained, an image that crashes.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "systrap/inject/inject.h"

namespace {

std::string Runfile(const std::string& rel) {
  const char* dir = getenv("TEST_SRCDIR");
  return std::string(dir ? dir : ".") + "/systrap/" + rel;
}

std::string TmpPath(const std::string& name) {
  const char* dir = getenv("TEST_TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/" + name;
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1))
    n++;
  return n;
}

// Where the child's stdout and stderr go (the set-up callback's job).
struct Redirect {
  std::string out, err;
};

int RedirectChild(void* arg) {
  auto* r = static_cast<Redirect*>(arg);
  int o = open(r->out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int e = open(r->err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (o < 0 || e < 0) return -errno;
  if (dup2(o, 1) < 0 || dup2(e, 2) < 0) return -errno;
  close(o);
  close(e);
  return 0;
}

struct Outcome {
  int status = -1;  // exit code, or 128 + signal
  std::string out, err;
};

int Decode(int st) {
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

std::vector<char*> Argv(const std::vector<std::string>& args) {
  std::vector<char*> v;
  for (auto& a : args) v.push_back(const_cast<char*>(a.c_str()));
  v.push_back(nullptr);
  return v;
}

Outcome Native(const std::vector<std::string>& args, const std::string& tag) {
  Redirect r{TmpPath(tag + ".native.out"), TmpPath(tag + ".native.err")};
  auto argv = Argv(args);
  pid_t pid = fork();
  if (pid == 0) {
    if (RedirectChild(&r) != 0) _exit(126);
    execve(args[0].c_str(), argv.data(), environ);
    _exit(127);
  }
  int st;
  waitpid(pid, &st, 0);
  return {Decode(st), ReadFile(r.out), ReadFile(r.err)};
}

std::string ProbeImage() {
  return ReadFile(Runfile("testdata/inject_probe_image.so"));
}

// Spawned stopped, probed, let go, waited for.
Outcome Injected(const std::vector<std::string>& args, const std::string& tag,
             long* probe_result) {
  Redirect r{TmpPath(tag + ".injected.out"), TmpPath(tag + ".injected.err")};
  auto argv = Argv(args);
  inject_target t;
  inject_error err{};
  int e = inject_spawn_stopped(args[0].c_str(), argv.data(), environ,
                               RedirectChild, &r, &t, &err);
  EXPECT_EQ(e, 0) << err.msg;
  if (e) return {};
  std::string image = ProbeImage();
  const char* settings[] = {"PROBE_OTHER=x", "PROBE_MESSAGE=hello from the probe",
                            nullptr};
  e = inject_image(&t, image.data(), image.size(), settings, probe_result,
                   &err);
  EXPECT_EQ(e, 0) << err.msg;
  e = inject_detach(&t, &err);
  EXPECT_EQ(e, 0) << err.msg;
  int st;
  EXPECT_EQ(waitpid(t.pid, &st, 0), t.pid);
  return {Decode(st), ReadFile(r.out), ReadFile(r.err)};
}

void ExpectSameAsNative(const std::string& program, const std::string& tag) {
  std::vector<std::string> args = {program, "one", "two words", ""};
  Outcome native = Native(args, tag);
  long result = 0;
  Outcome injected = Injected(args, tag, &result);
  EXPECT_EQ(result, 0x2a + 4);
  EXPECT_EQ(injected.status, native.status);
  EXPECT_EQ(injected.out, native.out);
  EXPECT_EQ(Count(injected.err, "inject probe: hello from the probe\n"), 1u)
      << injected.err;
  EXPECT_EQ(Count(native.err, "inject probe"), 0u);
}

TEST(InjectTest, Dynamic) {
  std::string p = Runfile("testdata/inject_target");
  ExpectSameAsNative(p, "dynamic");
  Outcome native = Native({p, "a"}, "dynamic2");
  EXPECT_EQ(native.status, 3);
  EXPECT_NE(native.out.find("exe=" + std::string(realpath(p.c_str(), nullptr))),
            std::string::npos)
      << native.out;
  EXPECT_NE(native.out.find("TracerPid:\t0\n"), std::string::npos)
      << native.out;
}

TEST(InjectTest, GlibcStatic) {
  ExpectSameAsNative(Runfile("testdata/inject_target_static"), "static");
}

TEST(InjectTest, GlibcStaticPie) {
  ExpectSameAsNative(Runfile("testdata/inject_target_static_pie"),
                     "static_pie");
}

TEST(InjectTest, MuslStatic) {
  ExpectSameAsNative(Runfile("testdata/inject_target_musl"), "musl");
}

TEST(InjectTest, BinTrue) {
  long result = 0;
  Outcome run = Injected({"/bin/true"}, "true", &result);
  EXPECT_EQ(result, 0x2a + 1);
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "inject probe: hello from the probe\n");
}

// A bare name is searched in PATH; argv[0] stays what the caller gave.
TEST(InjectTest, PathSearch) {
  Redirect r{TmpPath("path.out"), TmpPath("path.err")};
  auto argv = Argv({"echo", "hi"});
  inject_target t;
  inject_error err{};
  ASSERT_EQ(inject_spawn_stopped("echo", argv.data(), environ, RedirectChild,
                                 &r, &t, &err),
            0)
      << err.msg;
  ASSERT_EQ(inject_detach(&t, &err), 0) << err.msg;
  int st;
  ASSERT_EQ(waitpid(t.pid, &st, 0), t.pid);
  EXPECT_EQ(Decode(st), 0);
  EXPECT_EQ(ReadFile(r.out), "hi\n");
}

// The program's signal mask at its exec stop is the caller's, as the
// set-up callback left it, though the child execs with all but SIGTRAP
// blocked (spawn.c: a signal it took after PTRACE_TRACEME would stop it
// for a parent that waits for its exec): the caller's blocked SIGUSR1 and
// glibc's SIGRTMIN (34, which musl's sigprocmask hides) stay blocked,
// the set-up's SIGUSR2 is added, SIGTRAP is unblocked for the stop and
// said to have been blocked; a caller without a set-up gives its own.
int BlockUsr2AndTrap(void*) {
  uint64_t add = 1ull << (SIGUSR2 - 1) | 1ull << (SIGTRAP - 1);
  return syscall(SYS_rt_sigprocmask, SIG_BLOCK, &add, nullptr, sizeof add) ? -errno : 0;
}

TEST(InjectTest, ProgramStartsWithTheMaskItsSetUpLeft) {
  const uint64_t usr1 = 1ull << (SIGUSR1 - 1), rtmin = 1ull << 33,
                 usr2 = 1ull << (SIGUSR2 - 1), trap = 1ull << (SIGTRAP - 1);
  uint64_t ours = usr1 | rtmin, before = 0;
  ASSERT_EQ(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &ours, &before, sizeof ours), 0);
  // Our mask back however the test ends (an ASSERT returns early).
  struct MaskBack {
    uint64_t mask;
    ~MaskBack() { syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, nullptr, sizeof mask); }
  } back{before};
  for (bool with_setup : {true, false}) {
    SCOPED_TRACE(with_setup);
    auto argv = Argv({"/bin/sleep", "5"});
    inject_target t;
    inject_error err{};
    ASSERT_EQ(inject_spawn_stopped("/bin/sleep", argv.data(), environ,
                                   with_setup ? BlockUsr2AndTrap : nullptr, nullptr, &t, &err),
              0)
        << err.msg;
    std::string status = ReadFile("/proc/" + std::to_string(t.pid) + "/status");
    char want[64];
    snprintf(want, sizeof want, "SigBlk:\t%016llx\n",
             (unsigned long long)((before | ours | (with_setup ? usr2 : 0)) & ~trap));
    EXPECT_NE(status.find(want), std::string::npos) << want << status;
    EXPECT_EQ(t.sigtrap_was_blocked, with_setup || (before & trap) ? 1 : 0);
    kill(t.pid, SIGKILL);
    int st;
    EXPECT_EQ(waitpid(t.pid, &st, 0), t.pid);
  }
}

// While stopped: a remote getpid is the tracee's pid, TracerPid is us;
// after the detach TracerPid is 0 while the program still runs.
TEST(InjectTest, RemoteSyscallAndTracerPid) {
  auto argv = Argv({"/bin/sleep", "5"});
  inject_target t;
  inject_error err{};
  ASSERT_EQ(inject_spawn_stopped("/bin/sleep", argv.data(), environ, nullptr,
                                 nullptr, &t, &err),
            0)
      << err.msg;
  const long none[6] = {};
  long res = 0;
  ASSERT_EQ(inject_remote_syscall(&t, SYS_getpid, none, &res, &err), 0)
      << err.msg;
  EXPECT_EQ(res, t.pid);
  EXPECT_NE(t.syscall_insn, 0u);
  std::string status = ReadFile("/proc/" + std::to_string(t.pid) + "/status");
  EXPECT_NE(status.find("TracerPid:\t" + std::to_string(getpid()) + "\n"),
            std::string::npos);
  std::string image = ProbeImage();
  const char* settings[] = {nullptr};
  ASSERT_EQ(inject_image(&t, image.data(), image.size(), settings, &res, &err),
            0)
      << err.msg;
  EXPECT_EQ(res, 0x2a + 2);
  ASSERT_EQ(inject_detach(&t, &err), 0) << err.msg;
  status = ReadFile("/proc/" + std::to_string(t.pid) + "/status");
  EXPECT_NE(status.find("TracerPid:\t0\n"), std::string::npos) << status;
  // The image stays mapped; its parameter block is gone.
  kill(t.pid, SIGKILL);
  int st;
  waitpid(t.pid, &st, 0);
}

// The image's read-only part mapped from its file rather than copied
// (inject_load_image_from): what the stopped program then has, and how it
// runs once let go.
struct FromFile {
  bool mapped = false;      // the loader said it mapped the file
  std::string maps_line;    // the program's maps line naming the file, if any
  std::string fds_before, fds_after;  // its descriptors at the exec stop,
                                      // and once the image ran
  bool first_bytes_kept = false;  // the program's first instruction's
  unsigned long load_stops = 0;  // ptrace stops inject_load_image_from cost
                                 // (with whole: inject_image_from)
  long result = 0;
  Outcome run;
  inject_loaded img{};  // where it went (not whole)
};

std::string Fds(pid_t pid) {
  std::string all;
  std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  DIR* d = opendir(dir.c_str());
  if (!d) return "?";
  std::vector<std::string> names;
  while (dirent* e = readdir(d))
    if (e->d_name[0] != '.') names.push_back(e->d_name);
  closedir(d);
  std::sort(names.begin(), names.end());
  for (auto& n : names) {
    char link[PATH_MAX] = "";
    ssize_t k = readlink((dir + "/" + n).c_str(), link, sizeof link - 1);
    all += n + "->" + std::string(link, k > 0 ? k : 0) + "\n";
  }
  return all;
}

// Injects the probe image described by src (its bytes and the file the
// program is to map them from) into program, stopped; runs it; lets it go.
// whole: inject_image_from (load, entry, block) instead of its parts.
// flags: inject_load_image_from's; busy: an address the program has a
// page mapped at before the load (0: none).
// setup: the child's, given the Redirect (RedirectChild, or one that
// calls it). f.first_bytes: the program's first instruction's bytes at
// the exec stop and once it was let go (the boot writes over them).
FromFile InjectFromFile(const std::string& program,
                        const inject_image_source& src,
                        const std::string& path_in_maps,
                        const std::string& tag, bool whole = false,
                        unsigned flags = 0, uint64_t busy = 0,
                        inject_child_setup setup = RedirectChild) {
  FromFile f;
  Redirect r{TmpPath(tag + ".out"), TmpPath(tag + ".err")};
  std::vector<std::string> args = {program, "one", "two words", ""};
  auto argv = Argv(args);
  inject_target t;
  inject_error err{};
  int e = inject_spawn_stopped(program.c_str(), argv.data(), environ,
                               setup, &r, &t, &err);
  EXPECT_EQ(e, 0) << err.msg;
  if (e) return f;
  f.fds_before = Fds(t.pid);
  std::string first_before(256, '\0');
  EXPECT_EQ(inject_read_memory(&t, t.initial_pc, &first_before[0],
                               first_before.size(), &err),
            0);
  const char* settings[] = {"PROBE_MESSAGE=hello from the probe", nullptr};
  if (busy) {
    const long args[6] = {(long)busy, 4096, PROT_NONE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0};
    long res = -1;
    EXPECT_EQ(inject_remote_syscall(&t, SYS_mmap, args, &res, &err), 0);
    EXPECT_EQ(res, (long)busy);
  }
  inject_loaded& img = f.img;
  unsigned long stops = inject_stops_waited();
  if (whole)
    e = inject_image_from(&t, &src, settings, flags, &f.result, &err);
  else
    e = inject_load_image_from(&t, &src, settings, flags, &img, &err);
  f.load_stops = inject_stops_waited() - stops;
  EXPECT_EQ(e, 0) << err.msg;
  if (e) {
    inject_kill(&t);
    return f;
  }
  f.mapped = img.mapped_from_file;
  if (!whole) {
    EXPECT_EQ(inject_run_entry(&t, img.entry, img.params, &f.result, &err),
              0)
        << err.msg;
    const long unmap[6] = {(long)img.params, (long)img.params_map_size};
    long res = -1;
    EXPECT_EQ(inject_remote_syscall(&t, SYS_munmap, unmap, &res, &err), 0);
    EXPECT_EQ(res, 0);
  }
  std::istringstream maps(ReadFile("/proc/" + std::to_string(t.pid) + "/maps"));
  for (std::string line; std::getline(maps, line);)
    if (line.size() > path_in_maps.size() &&
        line.compare(line.size() - path_in_maps.size(), std::string::npos,
                     path_in_maps) == 0 &&
        line.find(' ') != std::string::npos)
      f.maps_line += line + "\n";
  f.fds_after = Fds(t.pid);
  std::string first_after(first_before.size(), '\0');
  EXPECT_EQ(inject_read_memory(&t, t.initial_pc, &first_after[0],
                               first_after.size(), &err),
            0);
  f.first_bytes_kept = first_after == first_before;
  EXPECT_EQ(inject_detach(&t, &err), 0) << err.msg;
  int st;
  EXPECT_EQ(waitpid(t.pid, &st, 0), t.pid);
  f.run = {Decode(st), ReadFile(r.out), ReadFile(r.err)};
  return f;
}

// A copy of the probe image in the test's scratch directory, and a source
// over it (the launcher's view: its bytes, its path, its identity).
struct ProbeCopy {
  std::string path, bytes;
  inject_image_source src{};
  explicit ProbeCopy(const std::string& name,
                     const std::string& image = "testdata/inject_probe_image.so")
      : path(TmpPath(name)) {
    bytes = ReadFile(Runfile(image));
    std::ofstream(path, std::ios::binary) << bytes;
    int fd = open(path.c_str(), O_RDONLY);
    EXPECT_GE(fd, 0);
    EXPECT_EQ(inject_image_source_init(&src, bytes.data(), bytes.size(),
                                       path.c_str(), fd),
              0);
    close(fd);
  }
};

void ExpectRunsAsNative(const FromFile& f, const std::string& program,
                        const std::string& tag) {
  Outcome native = Native({program, "one", "two words", ""}, tag);
  EXPECT_EQ(f.result, 0x2a + 4);
  EXPECT_EQ(f.run.status, native.status);
  EXPECT_EQ(f.run.out, native.out);
  EXPECT_EQ(f.run.err, "inject probe: hello from the probe\n" + native.err);
  // Nothing of the mapping is left in the program's descriptors.
  EXPECT_EQ(f.fds_after, f.fds_before);
}

// Where the program can open the image file, its code is that file's
// pages (shared through the page cache, as a library's), executable, and
// the program runs as natively with the same descriptors.
TEST(InjectTest, ImageMappedFromItsFile) {
  ProbeCopy probe("mapped_probe.so");
  std::string program = Runfile("testdata/inject_target");
  FromFile f = InjectFromFile(program, probe.src, probe.path, "mapped");
  EXPECT_TRUE(f.mapped);
  // The load stub made openat, the identity check, the mmaps, the
  // descriptor's close and the mprotects: two stops in all (the reserving
  // mmap, the stub), where one remote syscall each took one per call.
  EXPECT_EQ(f.load_stops, 2u);
  EXPECT_NE(f.maps_line.find(" r-xp 00000000 "), std::string::npos)
      << f.maps_line;
  // Its data too, private, where no relocation wrote (the relocated pages
  // and the last file page written into anonymous memory instead): the
  // probe reads its settings, its relocated pointers and its unrelocated
  // pages from there (a page that did not read as in the file would make
  // it return -44), and prints as natively.
  // (read-only after relocation where they are PT_GNU_RELRO).
  EXPECT_TRUE(f.maps_line.find(" rw-p ") != std::string::npos ||
              f.maps_line.find(" r--p ") != std::string::npos)
      << f.maps_line;
  ExpectRunsAsNative(f, program, "mapped_native");
}

// A launcher loads its image into every process it follows: relocated
// once (the template kept for its file), each process at its own base
// still gets every relocated pointer right, and runs as natively.
TEST(InjectTest, ImageRelocatedOncePerFile) {
  ProbeCopy probe("template_probe.so");
  std::string program = Runfile("testdata/inject_target");
  unsigned long made = inject_relocations_made();
  std::set<std::string> bases;
  for (int i = 0; i < 3; i++) {
    std::string tag = "template" + std::to_string(i);
    FromFile f = InjectFromFile(program, probe.src, probe.path, tag);
    EXPECT_TRUE(f.mapped);
    bases.insert(f.maps_line.substr(0, f.maps_line.find('-')));
    ExpectRunsAsNative(f, program, tag + "_native");
  }
  EXPECT_EQ(inject_relocations_made() - made, 1u);
  // Three bases: the kept relocations were rebased each time.
  EXPECT_EQ(bases.size(), 3u);
  // Another file (a copy elsewhere) is relocated anew.
  ProbeCopy other("template_other_probe.so");
  FromFile f = InjectFromFile(program, other.src, other.path, "template_other");
  EXPECT_TRUE(f.mapped);
  ExpectRunsAsNative(f, program, "template_other_native");
  EXPECT_EQ(inject_relocations_made() - made, 2u);
}

// A launcher's session (INJECT_SESSION_BASE, INJECT_SHARED_DATA): every
// process gets the image at one base, relocated for it once, and its
// writable segments are private mappings of one relocated copy (a memfd,
// "systrap-image-data"), not pages written into each: no rebase after the
// first, the same stops as a load at the kernel's choice, and each
// program runs as natively with every relocated pointer right.
const char kSessionData[] = "/memfd:systrap-image-data (deleted)";

TEST(InjectTest, ASessionsProcessesShareOneBaseAndItsRelocatedData) {
  ProbeCopy probe("session_probe.so");
  std::string program = Runfile("testdata/inject_target");
  unsigned long made = inject_relocations_made();
  unsigned long rebased = inject_rebases_made();
  std::set<uint64_t> bases;
  for (int i = 0; i < 3; i++) {
    std::string tag = "session" + std::to_string(i);
    FromFile f = InjectFromFile(program, probe.src, probe.path, tag, false,
                                INJECT_SESSION_BASE | INJECT_SHARED_DATA);
    EXPECT_TRUE(f.mapped);
    EXPECT_TRUE(f.img.at_session_base);
    EXPECT_TRUE(f.img.data_shared);
    EXPECT_EQ(f.load_stops, 2u);
    bases.insert(f.img.start);
    ExpectRunsAsNative(f, program, tag + "_native");
  }
  EXPECT_EQ(bases.size(), 1u);
  EXPECT_EQ(inject_relocations_made() - made, 1u);
  EXPECT_EQ(inject_rebases_made() - rebased, 1u);
}

// The data file as the program sees it: its writable segments mapped from
// it, private, in the image's span.
TEST(InjectTest, ASessionsDataIsMappedPrivateFromItsMemfd) {
  ProbeCopy probe("session_maps_probe.so");
  std::string program = Runfile("testdata/inject_target");
  FromFile f = InjectFromFile(program, probe.src, kSessionData, "session_maps",
                              false, INJECT_SESSION_BASE | INJECT_SHARED_DATA);
  EXPECT_TRUE(f.img.data_shared);
  ASSERT_NE(f.maps_line, "");
  // Private (copied on write), inside the image's span.
  EXPECT_EQ(f.maps_line.find("-s "), std::string::npos) << f.maps_line;
  uint64_t lo = std::stoull(f.maps_line.substr(0, f.maps_line.find('-')), 0, 16);
  EXPECT_GE(lo, f.img.start);
  EXPECT_LT(lo, f.img.end);
  ExpectRunsAsNative(f, program, "session_maps_native");
}

// A process that has something at the session's base: the image goes
// where the kernel puts it, relocated for there as without a session, its
// data written in; the next process is at the session's base again.
TEST(InjectTest, ASessionBaseTakenFallsBackToTheKernelsChoice) {
  ProbeCopy probe("session_busy_probe.so");
  std::string program = Runfile("testdata/inject_target");
  const unsigned flags = INJECT_SESSION_BASE | INJECT_SHARED_DATA;
  FromFile first = InjectFromFile(program, probe.src, probe.path,
                                  "session_busy0", false, flags);
  ASSERT_TRUE(first.img.at_session_base);
  uint64_t base = first.img.start;
  FromFile busy = InjectFromFile(program, probe.src, probe.path,
                                 "session_busy1", false, flags, base);
  EXPECT_FALSE(busy.img.at_session_base);
  EXPECT_FALSE(busy.img.data_shared);
  EXPECT_NE(busy.img.start, base);
  EXPECT_TRUE(busy.mapped);
  ExpectRunsAsNative(busy, program, "session_busy1_native");
  unsigned long rebased = inject_rebases_made();
  FromFile again = InjectFromFile(program, probe.src, probe.path,
                                  "session_busy2", false, flags);
  // The session's relocated copy was left as it was.
  EXPECT_EQ(inject_rebases_made() - rebased, 0u);
  EXPECT_TRUE(again.img.at_session_base);
  EXPECT_EQ(again.img.start, base);
  ExpectRunsAsNative(again, program, "session_busy2_native");
}

// An image that relocates itself (image_abi.h, SYSTRAP_IMAGE_RELOCATE) is
// left to, at its file's first load in a launcher (a launcher per program
// run, most runs): nothing is relocated here, its data is mapped from its
// file as the file has it, and the probe's message, printed through a
// pointer that only a relocation makes right, shows the image did it. From
// the file's second load, the session's relocated copy is shared as
// before, relocated here once.
TEST(InjectTest, AnImageRelocatesItselfAtItsFilesFirstLoad) {
  ProbeCopy probe("self_probe.so", "testdata/inject_probe_self_image.so");
  std::string program = Runfile("testdata/inject_target");
  const unsigned flags = INJECT_SESSION_BASE | INJECT_SHARED_DATA;
  unsigned long made = inject_relocations_made();
  FromFile first =
      InjectFromFile(program, probe.src, probe.path, "self0", false, flags);
  EXPECT_TRUE(first.mapped);
  EXPECT_FALSE(first.img.data_shared);
  EXPECT_EQ(inject_relocations_made() - made, 0u);
  EXPECT_EQ(first.load_stops, 2u);
  // Its data, private, from the file (at the file offset of its segment).
  EXPECT_NE(first.maps_line.find(" rw-p "), std::string::npos)
      << first.maps_line;
  ExpectRunsAsNative(first, program, "self0_native");
  for (int i = 1; i < 3; i++) {
    std::string tag = "self" + std::to_string(i);
    FromFile f =
        InjectFromFile(program, probe.src, probe.path, tag, false, flags);
    EXPECT_TRUE(f.mapped);
    EXPECT_TRUE(f.img.data_shared);
    ExpectRunsAsNative(f, program, tag + "_native");
  }
  EXPECT_EQ(inject_relocations_made() - made, 1u);
}

// An image that says it relocates itself but needs a symbol it does not
// define: its own relocation fails (-ENOEXEC), and the launcher says which
// symbol, as where it relocates an image itself.
// The bad image started as flags say: its relocation's failure, and the
// symbol named.
void ExpectRelocationFailureNamed(const std::string& copy,
                                  const std::string& image, unsigned flags) {
  ProbeCopy bad(copy, image);
  std::vector<std::string> args = {"/bin/true"};
  auto argv = Argv(args);
  inject_target t;
  inject_error err{};
  ASSERT_EQ(inject_spawn_stopped("/bin/true", argv.data(), environ, nullptr,
                                 nullptr, &t, &err),
            0)
      << err.msg;
  const char* settings[] = {nullptr};
  long res = 0;
  int e = inject_image_from(&t, &bad.src, settings, flags, &res, &err);
  EXPECT_EQ(e, -ENOEXEC) << err.msg;
  EXPECT_NE(strstr(err.msg, "probe_missing_symbol"), nullptr) << err.msg;
  EXPECT_FALSE(t.detached);
  inject_kill(&t);
}

TEST(InjectTest, AnImageThatCannotRelocateItselfIsToldWhy) {
  ExpectRelocationFailureNamed("bad_self_probe.so",
                               "testdata/inject_bad_self_image.so",
                               INJECT_SESSION_BASE | INJECT_SHARED_DATA);
}

// The file at the path is no longer the one the launcher read (rebuilt,
// replaced): the program must not map it; it gets a copy of the bytes the
// launcher has, and runs as natively.
TEST(InjectTest, ImageReplacedOnDiskIsCopied) {
  ProbeCopy probe("replaced_probe.so");
  std::string other = probe.path + ".new";
  std::string changed = probe.bytes;
  changed[changed.size() - 1] ^= 1;
  std::ofstream(other, std::ios::binary) << changed;
  ASSERT_EQ(rename(other.c_str(), probe.path.c_str()), 0);
  std::string program = Runfile("testdata/inject_target");
  FromFile f = InjectFromFile(program, probe.src, probe.path, "replaced");
  EXPECT_FALSE(f.mapped);
  // The stub ran and stopped at its identity check of the descriptor,
  // before mapping anything of the wrong file; then the descriptor closed
  // and the stub run for the protections alone.
  EXPECT_EQ(f.load_stops, 4u);
  EXPECT_EQ(f.maps_line, "");
  ExpectRunsAsNative(f, program, "replaced_native");
}

// A whole start (inject_image_from, as the launchers make it): the load
// stub goes on to the image's entry in its own stop. Two stops and the
// block's munmap (the probe does not unmap it itself, as the tracer's
// image does), where the load and the entry took a stop each and the
// descriptor's close another.
TEST(InjectTest, TheEntryRunsInTheLoadStubsStop) {
  ProbeCopy probe("whole_probe.so");
  std::string program = Runfile("testdata/inject_target");
  FromFile f = InjectFromFile(program, probe.src, probe.path, "whole", true);
  EXPECT_EQ(f.load_stops, 3u);
  EXPECT_NE(f.maps_line.find(" r-xp 00000000 "), std::string::npos)
      << f.maps_line;
  ExpectRunsAsNative(f, program, "whole_native");
}

// The boot (INJECT_BOOT, as the launchers load): the reservation made by
// a few instructions written over the program's first one, which go on
// to the stub and the entry, so the whole start is one stop (and the
// probe's block's munmap), where the reservation took one of its own; the
// program's bytes are back before it runs (it runs as natively, and they
// read as at the exec stop). At a session's base, and at the first load
// of an image that relocates itself (anywhere free).
TEST(InjectTest, TheBootMakesTheReservationInTheEntrysStop) {
  std::string program = Runfile("testdata/inject_target");
  const unsigned flags = INJECT_SESSION_BASE | INJECT_SHARED_DATA | INJECT_BOOT;
  ProbeCopy probe("boot_probe.so");
  for (int i = 0; i < 2; i++) {
    std::string tag = "boot" + std::to_string(i);
    FromFile f = InjectFromFile(program, probe.src, probe.path, tag, true, flags);
    EXPECT_EQ(f.load_stops, 2u) << tag;
    EXPECT_TRUE(f.first_bytes_kept) << tag;
    ExpectRunsAsNative(f, program, tag + "_native");
  }
  ProbeCopy self("boot_self_probe.so", "testdata/inject_probe_self_image.so");
  FromFile f = InjectFromFile(program, self.src, self.path, "boot_self", true, flags);
  EXPECT_EQ(f.load_stops, 2u);
  EXPECT_TRUE(f.first_bytes_kept);
  ExpectRunsAsNative(f, program, "boot_self_native");
  // A static program's first instruction is its own code's.
  std::string program_static = Runfile("testdata/inject_target_static");
  f = InjectFromFile(program_static, probe.src, probe.path, "boot_static", true,
                     flags);
  EXPECT_EQ(f.load_stops, 2u);
  EXPECT_TRUE(f.first_bytes_kept);
  ExpectRunsAsNative(f, program_static, "boot_static_native");
}

// An image that goes on to the program by itself (INJECT_GO_ON, as the
// launchers start a program: image_abi.h, SYSTRAP_IMAGE_GO_ON): the
// launcher detaches before the boot's run and waits for the image's
// signal, not for a stop. No stop after the exec's, the thread already
// detached, and the program runs as natively: dynamic, static, and one
// that checks at its first instruction every register its exec gave it
// (which the image, not the launcher, gave back). At the first load of the
// image (relocating itself, anywhere free) and at the session's base.
void ExpectNoChildren();

// The file at the copy's path replaced by one a byte different (rebuilt,
// replaced): what the launcher read is no longer what is there.
bool ReplaceOnDisk(const ProbeCopy& probe) {
  std::string other = probe.path + ".new";
  std::string changed = probe.bytes;
  changed[changed.size() - 1] ^= 1;
  std::ofstream(other, std::ios::binary) << changed;
  return rename(other.c_str(), probe.path.c_str()) == 0;
}

const unsigned kGoOn =
    INJECT_SESSION_BASE | INJECT_SHARED_DATA | INJECT_BOOT | INJECT_GO_ON;

struct WentOn {
  unsigned long stops = 0;
  bool detached = false;
  long result = -1;
  Outcome run;
};

WentOn StartGoingOn(const std::string& program, const inject_image_source& src,
                    const std::string& tag, unsigned flags = kGoOn) {
  WentOn w;
  Redirect r{TmpPath(tag + ".out"), TmpPath(tag + ".err")};
  std::vector<std::string> args = {program, "one", "two words", ""};
  auto argv = Argv(args);
  inject_target t;
  inject_error err{};
  int e = inject_spawn_stopped(program.c_str(), argv.data(), environ,
                               RedirectChild, &r, &t, &err);
  EXPECT_EQ(e, 0) << err.msg;
  if (e) return w;
  const char* settings[] = {"PROBE_MESSAGE=hello from the probe", nullptr};
  unsigned long before = inject_stops_waited();
  e = inject_image_from(&t, &src, settings, flags, &w.result, &err);
  w.stops = inject_stops_waited() - before;
  w.detached = t.detached;
  EXPECT_EQ(e, 0) << err.msg;
  EXPECT_EQ(inject_detach(&t, &err), 0) << err.msg;
  int st;
  EXPECT_EQ(waitpid(t.pid, &st, 0), t.pid);
  w.run = {Decode(st), ReadFile(r.out), ReadFile(r.err)};
  return w;
}

TEST(InjectTest, AnImageThatGoesOnLeavesNoStopAfterTheExec) {
  ProbeCopy probe("go_on_probe.so", "testdata/inject_go_on_image.so");
  for (const char* rel :
       {"testdata/inject_target", "testdata/inject_target_static",
        "testdata/initial_registers.bin", "testdata/inject_target"}) {
    std::string program = Runfile(rel);
    std::string tag = "go_on_" + std::string(strrchr(rel, '/') + 1);
    Outcome native = Native({program, "one", "two words", ""}, tag + "_native");
    WentOn w = StartGoingOn(program, probe.src, tag);
    EXPECT_EQ(w.stops, 0u) << rel;
    EXPECT_TRUE(w.detached) << rel;
    EXPECT_EQ(w.result, 0) << rel;
    EXPECT_EQ(w.run.status, native.status) << rel;
    EXPECT_EQ(w.run.out, native.out) << rel;
    EXPECT_EQ(w.run.err, "inject probe: hello from the probe\n" + native.err)
        << rel;
  }
  Outcome native = Native({Runfile("testdata/initial_registers.bin")}, "regs");
  EXPECT_EQ(native.out, "registers as the exec made them\n");
}

// The boot's reservation refused (the session's base taken): the boot
// parks and says so instead of stopping; the launcher takes the thread
// back and loads the usual way, with stops (the entry's result comes back
// through its breakpoint: 0x2a + argc). The program runs as natively.
TEST(InjectTest, AGoOnBootRefusedIsTakenBackAndLoadedTheUsualWay) {
  ProbeCopy probe("go_on_busy_probe.so", "testdata/inject_go_on_image.so");
  std::string program = Runfile("testdata/inject_target");
  const unsigned flags = INJECT_SESSION_BASE | INJECT_SHARED_DATA;
  FromFile self = InjectFromFile(program, probe.src, probe.path, "go_on_busy0",
                                 false, flags);
  FromFile first = InjectFromFile(program, probe.src, probe.path,
                                  "go_on_busy1", false, flags);
  ASSERT_TRUE(first.img.at_session_base);
  FromFile busy = InjectFromFile(program, probe.src, probe.path, "go_on_busy2",
                                 true, kGoOn, first.img.start);
  EXPECT_GE(busy.load_stops, 2u);
  EXPECT_TRUE(busy.first_bytes_kept);
  ExpectRunsAsNative(busy, program, "go_on_busy2_native");
}

// The image file replaced: the stub's identity check fails, and the stub
// parks and says so; the launcher takes the thread back and copies the
// image, whose entry then runs with a stop. Nothing runs from the wrong
// file, and the program runs as natively.
TEST(InjectTest, AGoOnStubThatFailsIsTakenBack) {
  ProbeCopy probe("go_on_replaced_probe.so", "testdata/inject_go_on_image.so");
  ASSERT_TRUE(ReplaceOnDisk(probe));
  std::string program = Runfile("testdata/inject_target");
  FromFile f = InjectFromFile(program, probe.src, probe.path, "go_on_replaced",
                              true, kGoOn);
  EXPECT_EQ(f.maps_line, "");
  EXPECT_TRUE(f.first_bytes_kept);
  ExpectRunsAsNative(f, program, "go_on_replaced_native");
}

// The image's own start fails (its relocation needs a symbol it lacks):
// it parks and says so; the launcher takes the thread back and names the
// symbol, as where the image stops at its breakpoint.
TEST(InjectTest, AGoOnEntryThatFailsIsTakenBackAndToldWhy) {
  ExpectRelocationFailureNamed("bad_go_on_probe.so",
                               "testdata/inject_bad_go_on_image.so", kGoOn);
  ExpectNoChildren();
}

// The image crashes before it can say anything: the launcher, which
// detached, learns it from the process's end, and names the signal.
TEST(InjectTest, AGoOnImageThatCrashesIsSaid) {
  ProbeCopy probe("go_on_crash_probe.so", "testdata/inject_go_on_image.so");
  auto argv = Argv({"/bin/sleep", "5"});
  inject_target t;
  inject_error err{};
  ASSERT_EQ(inject_spawn_stopped("/bin/sleep", argv.data(), environ, nullptr,
                                 nullptr, &t, &err),
            0)
      << err.msg;
  const char* settings[] = {"PROBE_CRASH=1", nullptr};
  long res = 0;
  int e = inject_image_from(&t, &probe.src, settings, kGoOn, &res, &err);
  EXPECT_EQ(e, -EFAULT) << err.msg;
  EXPECT_NE(strstr(err.msg, "killed by SIGSEGV while systrap was starting"),
            nullptr)
      << err.msg;
  EXPECT_TRUE(t.gone);
  ExpectNoChildren();
}

// The same where the code cannot signal the launcher (a policy that
// refuses its kill: AppArmor's or SELinux's signal rules; here
// INJECT_GO_ON_QUIET, which makes every kill a kill(pid, 0)): the
// launcher reads how the run went from the process at each 50 ms step of
// its wait: the image's outcome words, or a boot or stub parked in
// pause() in its own code (/proc/PID/syscall). The program runs as
// natively, a failure is taken back and goes on as with the signal.
TEST(InjectTest, AGoOnRunThatCannotSignalIsReadFromTheProcess) {
  const unsigned quiet = kGoOn | INJECT_GO_ON_QUIET;
  ProbeCopy probe("quiet_probe.so", "testdata/inject_go_on_image.so");
  std::string program = Runfile("testdata/inject_target");
  Outcome native = Native({program, "one", "two words", ""}, "quiet_native");
  for (int i = 0; i < 2; i++) {
    WentOn w = StartGoingOn(program, probe.src, "quiet" + std::to_string(i), quiet);
    EXPECT_EQ(w.stops, 0u) << i;
    EXPECT_TRUE(w.detached) << i;
    EXPECT_EQ(w.run.status, native.status) << i;
    EXPECT_EQ(w.run.out, native.out) << i;
    EXPECT_EQ(w.run.err, "inject probe: hello from the probe\n" + native.err) << i;
  }
  // The image's own start failing, its result read from its words.
  ExpectRelocationFailureNamed("quiet_bad_probe.so",
                               "testdata/inject_bad_go_on_image.so", quiet);
  // The boot parked (the session's base taken), found in its pause().
  FromFile first = InjectFromFile(program, probe.src, probe.path, "quiet_base",
                                  false, INJECT_SESSION_BASE | INJECT_SHARED_DATA);
  ASSERT_TRUE(first.img.at_session_base);
  FromFile busy = InjectFromFile(program, probe.src, probe.path, "quiet_busy",
                                 true, quiet, first.img.start);
  EXPECT_TRUE(busy.first_bytes_kept);
  ExpectRunsAsNative(busy, program, "quiet_busy_native");
  // The stub parked (the file replaced), found in its pause().
  ProbeCopy replaced("quiet_replaced_probe.so", "testdata/inject_go_on_image.so");
  ASSERT_TRUE(ReplaceOnDisk(replaced));
  FromFile f = InjectFromFile(program, replaced.src, replaced.path,
                              "quiet_replaced", true, quiet);
  EXPECT_EQ(f.maps_line, "");
  ExpectRunsAsNative(f, program, "quiet_replaced_native");
  ExpectNoChildren();
}

// In a child before its exec: a seccomp filter of n instructions.
int InstallFilter(sock_filter* prog, size_t n) {
  sock_fprog fprog = {static_cast<unsigned short>(n), prog};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
      prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog))
    return -errno;
  return 0;
}

// A program that may not open /proc/self/mem for writing (a seccomp policy
// refusing openat with O_WRONLY|O_CLOEXEC: our call, not the probe
// target's): the stub stops at putting the program's bytes back, the
// launcher puts them back itself, and the entry runs in a stop of its own.
int NoSelfMemWriteChild(void* arg) {
  int e = RedirectChild(arg);
  if (e) return e;
  const unsigned nr = offsetof(seccomp_data, nr);
  const unsigned a2 = offsetof(seccomp_data, args[2]);
  sock_filter prog[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, nr),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat, 0, 3),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, a2),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, O_WRONLY | O_CLOEXEC, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  return InstallFilter(prog, sizeof prog / sizeof prog[0]);
}

TEST(InjectTest, ABootWhoseBytesCannotBePutBackInTheProcess) {
  std::string program = Runfile("testdata/inject_target");
  ProbeCopy probe("boot_no_self_mem_probe.so");
  const unsigned flags = INJECT_SESSION_BASE | INJECT_SHARED_DATA | INJECT_BOOT;
  FromFile f = InjectFromFile(program, probe.src, probe.path, "boot_no_self_mem",
                              true, flags, 0, NoSelfMemWriteChild);
  // The boot's run to the stub's stop, the entry, the block's munmap.
  EXPECT_EQ(f.load_stops, 3u);
  EXPECT_TRUE(f.first_bytes_kept);
  ExpectRunsAsNative(f, program, "boot_no_self_mem_native");
}

// The same with the file replaced: the stub stops at its identity check,
// and the entry runs only once the copy is made (the stub again for the
// protections, then the entry: nothing runs from the wrong file).
TEST(InjectTest, AReplacedImageIsNotEnteredFromTheStub) {
  ProbeCopy probe("whole_replaced_probe.so");
  std::string other = probe.path + ".new";
  std::string changed = probe.bytes;
  changed[changed.size() - 1] ^= 1;
  std::ofstream(other, std::ios::binary) << changed;
  ASSERT_EQ(rename(other.c_str(), probe.path.c_str()), 0);
  std::string program = Runfile("testdata/inject_target");
  FromFile f =
      InjectFromFile(program, probe.src, probe.path, "whole_replaced", true);
  // The reserving mmap, the stub, the close, the stub, the entry, the
  // block's munmap.
  EXPECT_EQ(f.load_stops, 6u);
  EXPECT_EQ(f.maps_line, "");
  ExpectRunsAsNative(f, program, "whole_replaced_native");
}

// Nothing at the path for the program (another mount namespace would show
// it so): a copy, as before, and a program as natively.
TEST(InjectTest, ImageTheProgramCannotOpenIsCopied) {
  ProbeCopy probe("unseen_probe.so");
  std::string gone = probe.path + ".gone";
  ASSERT_EQ(rename(probe.path.c_str(), gone.c_str()), 0);
  std::string program = Runfile("testdata/inject_target_static");
  FromFile f = InjectFromFile(program, probe.src, probe.path, "unseen");
  EXPECT_FALSE(f.mapped);
  // The stub stopped at the failed openat; run again for the protections.
  EXPECT_EQ(f.load_stops, 3u);
  EXPECT_EQ(f.maps_line, "");
  ExpectRunsAsNative(f, program, "unseen_native");
}

// A process whose seccomp policy refuses executable memory: mprotect
// with PROT_EXEC fails with EPERM (and, with deny_write_exec, an mmap both
// writable and executable too, as systemd's MemoryDenyWriteExecute does).
// The image file cannot be mapped executable there.
struct NoExec {
  Redirect r;
  bool deny_write_exec;
};

int NoExecChild(void* arg) {
  auto* n = static_cast<NoExec*>(arg);
  int e = RedirectChild(&n->r);
  if (e) return e;
  const unsigned nr = offsetof(seccomp_data, nr);
  const unsigned a2 = offsetof(seccomp_data, args[2]);
  const unsigned deny = SECCOMP_RET_ERRNO | EPERM;
  const unsigned wx = PROT_WRITE | PROT_EXEC;
  const unsigned mmap_nr = n->deny_write_exec ? SYS_mmap : ~0u;
  sock_filter prog[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, nr),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mprotect, 4, 0),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, mmap_nr, 0, 6),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, a2),  // mmap: both W and X?
      BPF_STMT(BPF_ALU | BPF_AND | BPF_K, wx),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, wx, 2, 3),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, a2),  // mprotect: X?
      BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, PROT_EXEC, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, deny),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  return InstallFilter(prog, sizeof prog / sizeof prog[0]);
}

// The image cannot be mapped: the load fails with the one-line error one
// remote mprotect gave, whether the load stub or one remote syscall per
// call made it, and nothing of the image is left in the process.
std::string NoExecLoadError(bool deny_write_exec, const std::string& tag,
                            unsigned long* stops, unsigned flags = 0) {
  ProbeCopy probe(tag + "_probe.so");
  NoExec n{{TmpPath(tag + ".out"), TmpPath(tag + ".err")}, deny_write_exec};
  std::string program = Runfile("testdata/inject_target_static");
  auto argv = Argv({program});
  inject_target t;
  inject_error err{};
  int e = inject_spawn_stopped(program.c_str(), argv.data(), environ,
                               NoExecChild, &n, &t, &err);
  EXPECT_EQ(e, 0) << err.msg;
  if (e) return "";
  std::string maps = "/proc/" + std::to_string(t.pid) + "/maps";
  std::string maps_before = ReadFile(maps);
  std::string fds_before = Fds(t.pid);
  std::string first_before(256, '\0'), first_after(256, '\0');
  EXPECT_EQ(inject_read_memory(&t, t.initial_pc, &first_before[0], 256, &err), 0);
  inject_loaded img{};
  unsigned long before = inject_stops_waited();
  e = inject_load_image_from(&t, &probe.src, nullptr, flags, &img, &err);
  *stops = inject_stops_waited() - before;
  EXPECT_EQ(e, -EPERM) << err.msg;
  EXPECT_EQ(ReadFile(maps), maps_before);
  EXPECT_EQ(Fds(t.pid), fds_before);
  inject_error ignored{};
  EXPECT_EQ(inject_read_memory(&t, t.initial_pc, &first_after[0], 256, &ignored), 0);
  EXPECT_EQ(first_after, first_before) << "the program's first instruction";
  std::string want = "remote mprotect in process " + std::to_string(t.pid) +
                     ": Operation not permitted";
  EXPECT_EQ(std::string(err.msg), want);
  inject_kill(&t);
  return err.msg;
}

TEST(InjectTest, ImageThatCannotBeMappedExecutableFailsInTheStub) {
  unsigned long stops = 0;
  NoExecLoadError(false, "noexec_stub", &stops);
  // The reserving mmap, then the stub, which closed the image's
  // descriptor itself and stopped at the mprotect; then the munmap.
  EXPECT_EQ(stops, 3u);
}

TEST(InjectTest, WithoutWriteExecuteMemoryTheCallsAreRemoteOneByOne) {
  unsigned long stops = 0;
  NoExecLoadError(true, "noexec_remote", &stops);
  // No stub: the refused mmap, the read+write one, openat, the file's
  // mmap, the refused mprotect, then munmap and close: a stop each.
  EXPECT_EQ(stops, 7u);
}

// With the boot: its read+write+execute reservation is refused too, so
// it leaves nothing (the program's bytes back) and the load is made as
// without it, failing the same way; one stop more, the boot's.
TEST(InjectTest, WithoutWriteExecuteMemoryTheBootStepsAside) {
  unsigned long stops = 0;
  NoExecLoadError(true, "noexec_boot", &stops,
                  INJECT_BOOT | INJECT_RUN_ENTRY | INJECT_SESSION_BASE | INJECT_SHARED_DATA);
  EXPECT_EQ(stops, 8u);
}

// No child at all of this process (none left stopped or as a zombie).
void ExpectNoChildren() {
  int st;
  errno = 0;
  EXPECT_EQ(waitpid(-1, &st, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

int SpawnError(const std::string& file, inject_error* err) {
  auto argv = Argv({file});
  inject_target t;
  int e = inject_spawn_stopped(file.c_str(), argv.data(), environ, nullptr,
                               nullptr, &t, err);
  if (e == 0) inject_kill(&t);
  printf("%s: %d, %s\n", file.c_str(), e, err->msg);
  return e;
}

TEST(InjectTest, MissingProgram) {
  inject_error err{};
  EXPECT_EQ(SpawnError("/nonexistent/no-such-program", &err), -ENOENT);
  EXPECT_NE(strstr(err.msg, "/nonexistent/no-such-program"), nullptr)
      << err.msg;
  EXPECT_EQ(SpawnError("no-such-program-in-path", &err), -ENOENT);
  EXPECT_NE(strstr(err.msg, "no-such-program-in-path"), nullptr) << err.msg;
  ExpectNoChildren();
}

TEST(InjectTest, UnrunnablePrograms) {
  std::string noexec = TmpPath("not_executable");
  std::ofstream(noexec) << "#!/bin/sh\n";
  chmod(noexec.c_str(), 0644);
  std::string garbage = TmpPath("garbage");
  std::ofstream(garbage) << "\x7f" "ELF not really";
  chmod(garbage.c_str(), 0755);
  inject_error err{};
  // Root ignores the mode for reading but not for exec (no x bit at all).
  EXPECT_EQ(SpawnError(noexec, &err), -EACCES) << err.msg;
  EXPECT_NE(strstr(err.msg, noexec.c_str()), nullptr) << err.msg;
  EXPECT_EQ(SpawnError(garbage, &err), -ENOEXEC) << err.msg;
  EXPECT_NE(strstr(err.msg, "Exec format error"), nullptr) << err.msg;
  ExpectNoChildren();
}

int FailingSetup(void*) { return -EPERM; }

TEST(InjectTest, SetupFailure) {
  auto argv = Argv({"/bin/true"});
  inject_target t;
  inject_error err{};
  EXPECT_EQ(inject_spawn_stopped("/bin/true", argv.data(), environ,
                                 FailingSetup, nullptr, &t, &err),
            -EPERM);
  EXPECT_NE(strstr(err.msg, "set-up failed"), nullptr) << err.msg;
  ExpectNoChildren();
}

// The image is refused before anything is mapped: /bin/true then runs on.
void ExpectImageRefused(const std::string& image, const char* why) {
  auto argv = Argv({"/bin/true"});
  inject_target t;
  inject_error err{};
  ASSERT_EQ(inject_spawn_stopped("/bin/true", argv.data(), environ, nullptr,
                                 nullptr, &t, &err),
            0)
      << err.msg;
  long res;
  EXPECT_EQ(inject_image(&t, image.data(), image.size(), nullptr, &res, &err),
            -ENOEXEC);
  printf("refused: %s\n", err.msg);
  EXPECT_NE(strstr(err.msg, why), nullptr) << err.msg;
  ASSERT_EQ(inject_detach(&t, &err), 0) << err.msg;
  int st;
  ASSERT_EQ(waitpid(t.pid, &st, 0), t.pid);
  EXPECT_EQ(Decode(st), 0);
}

TEST(InjectTest, ImagesRefused) {
  // An executable with an interpreter (a PIE, so ET_DYN).
  ExpectImageRefused(ReadFile(Runfile("testdata/inject_target")),
                     "PT_INTERP");
  // A static executable: ET_EXEC.
  ExpectImageRefused(ReadFile(Runfile("testdata/inject_target_static")),
                     "not ET_DYN");
  // A symbol the image does not define.
  ExpectImageRefused(ReadFile(Runfile("testdata/inject_bad_image.so")),
                     "probe_missing_symbol");
  ExpectImageRefused("not an elf file at all", "not an ELF file");
  ExpectNoChildren();
}

TEST(InjectTest, CrashingImage) {
  auto argv = Argv({"/bin/sleep", "5"});
  inject_target t;
  inject_error err{};
  ASSERT_EQ(inject_spawn_stopped("/bin/sleep", argv.data(), environ, nullptr,
                                 nullptr, &t, &err),
            0)
      << err.msg;
  std::string image = ProbeImage();
  const char* settings[] = {"PROBE_CRASH=1", nullptr};
  long res;
  EXPECT_EQ(inject_image(&t, image.data(), image.size(), settings, &res, &err),
            -EFAULT);
  printf("crash: %s\n", err.msg);
  EXPECT_NE(strstr(err.msg, "SIGSEGV"), nullptr) << err.msg;
  EXPECT_NE(strstr(err.msg, "at address 0x0,"), nullptr) << err.msg;
  EXPECT_TRUE(t.gone);
  EXPECT_EQ(kill(t.pid, 0), -1);
  EXPECT_EQ(errno, ESRCH);
  ExpectNoChildren();
}

// Costs, not a check (run with --gtest_also_run_disabled_tests): 200
// starts of /bin/true by fork+exec, and by spawn + probe + detach.
double Seconds() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

TEST(InjectTest, DISABLED_Timing) {
  const int n = 200;
  auto argv = Argv({"/bin/true"});
  std::string image = ProbeImage();
  const char* settings[] = {nullptr};
  double t0 = Seconds();
  for (int i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      execve("/bin/true", argv.data(), environ);
      _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
  }
  double t1 = Seconds();
  for (int i = 0; i < n; i++) {
    inject_target t;
    inject_error err{};
    long res;
    ASSERT_EQ(inject_spawn_stopped("/bin/true", argv.data(), environ, nullptr,
                                   nullptr, &t, &err), 0) << err.msg;
    ASSERT_EQ(inject_image(&t, image.data(), image.size(), settings, &res,
                           &err), 0) << err.msg;
    ASSERT_EQ(inject_detach(&t, &err), 0) << err.msg;
    int st;
    waitpid(t.pid, &st, 0);
  }
  double t2 = Seconds();
  printf("fork+exec+wait /bin/true: %.0f us each\n", (t1 - t0) / n * 1e6);
  printf("spawn+inject+detach+wait /bin/true: %.0f us each\n",
         (t2 - t1) / n * 1e6);
}

}  // namespace
