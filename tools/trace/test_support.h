// What the tracer's end-to-end tests share: finding their runfiles and a
// scratch directory, running shell commands, reading traces.
#ifndef SYSTRAP_TOOLS_TRACE_TEST_SUPPORT_H
#define SYSTRAP_TOOLS_TRACE_TEST_SUPPORT_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace trace_test {

// A file of the workspace in the test's runfiles (rel from its root).
inline std::string Runfile(const std::string& rel) {
  const char* dir = getenv("TEST_SRCDIR");
  return std::string(dir ? dir : ".") + "/systrap/" + rel;
}

// How systrap-trace names itself before its messages: as it was invoked
// (argv[0]), as strace does; the tests invoke it by its runfile path.
inline std::string TracerSelf() {
  return Runfile("tools/trace/systrap-trace");
}

inline std::string TmpDir() {
  const char* dir = getenv("TEST_TMPDIR");
  return dir ? dir : "/tmp";
}

inline std::string TmpPath(const std::string& name) {
  return TmpDir() + "/" + name;
}

// systrap-trace as the test runs it: the image (its default), or with
// --preload where the test's environment says SYSTRAP_TEST_MODE=preload
// (the suite runs both ways: BUILD's *_preload variants).
inline std::string TracerCommand() {
  const char* mode = getenv("SYSTRAP_TEST_MODE");
  std::string t = Runfile("tools/trace/systrap-trace");
  return mode && std::string(mode) == "preload" ? t + " --preload" : t;
}

struct Result {
  int status;  // exit code, or 128 + signal
  std::string out;
};

// Runs a shell command, capturing stdout; stderr goes to the test's log
// unless the command redirects it.
inline Result Shell(const std::string& cmd) {
  Result r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return r;
}

// Starts a shell command without waiting for it; returns its pid.
inline pid_t StartShell(const std::string& cmd) {
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd.c_str(), (char*)nullptr);
    _exit(127);
  }
  return pid;
}

// The text of a file ("" if it cannot be read).
inline std::string Read(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The lines of a text.
inline std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> v;
  std::stringstream ss(text);
  std::string l;
  while (std::getline(ss, l)) v.push_back(l);
  return v;
}

// The lines of a file.
inline std::vector<std::string> Lines(const std::string& path) {
  return SplitLines(Read(path));
}

// Why no Go program can be built here ("" when one can), for GTEST_SKIP.
inline std::string NoGoToolchain() {
  if (Shell("command -v go").status == 0) return "";
  return "no Go toolchain (apt-get install golang-go, as "
         "tools/setup-debian.sh does): the Go program is skipped";
}

// Builds one Go file of the workspace offline (no modules; a cache, a home
// and a GOPATH of its own under TmpPath("go")), with cgo on or off, into
// TmpPath("go")/name. Where there is no Go toolchain: status 127 and why.
inline Result BuildGo(const std::string& source, const std::string& name,
                      bool cgo) {
  if (Shell("command -v go").status != 0)
    return {127, "no Go toolchain (apt-get install golang-go, as "
                 "tools/setup-debian.sh does)"};
  std::string tmp = TmpPath("go");
  return Shell("mkdir -p " + tmp + " && cd " + tmp +
               " && GO111MODULE=off GOFLAGS= GOCACHE=" + tmp +
               "/cache HOME=" + tmp + " GOPATH=" + tmp + "/path CGO_ENABLED=" +
               (cgo ? "1" : "0") + " timeout -s KILL 300 go build -o " + tmp +
               "/" + name + " " + Runfile(source) + " 2>&1");
}

}  // namespace trace_test

#endif
