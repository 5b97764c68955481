// systrap-trace --json and --timeline=FILE end to end, every output parsed
// with a real JSON parser (nlohmann/json): the fields of calls whose
// arguments are known (testdata/json_target.c), strings escaped exactly,
// two threads on two tracks named after their comm, a blocking read whose
// slice covers the writer's sleep, a signal, a process killed while a
// thread waits, -ff's files, option errors, and agreement with the text
// trace of the same run (the same calls and signals, in the same order per
// thread, with the same text).
#include <regex>
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/trace/test_support.h"

using json = nlohmann::json;
using namespace trace_test;

namespace {

std::string Target() { return Runfile("testdata/json_target"); }

// Every line of a JSON Lines file, parsed (a line that does not parse
// fails the test).
std::vector<json> JsonLines(const std::string& path) {
  std::vector<json> v;
  for (const std::string& l : Lines(path)) {
    json j = json::parse(l, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << l;
    if (!j.is_discarded()) v.push_back(j);
  }
  return v;
}

json Timeline(const std::string& path) {
  json j = json::parse(Read(path), nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "timeline is not JSON:\n" << Read(path);
  return j;
}

// The syscall objects named name.
std::vector<json> Calls(const std::vector<json>& v, const std::string& name) {
  std::vector<json> out;
  for (const json& j : v)
    if (j["type"] == "syscall" && j["name"] == name) out.push_back(j);
  return out;
}

// The tids "reader N writer M" (or "reader N") the program printed.
std::map<std::string, int> Tids(const std::string& out) {
  std::map<std::string, int> m;
  std::smatch s;
  std::string rest = out;
  std::regex re("(reader|writer) (\\d+)");
  while (std::regex_search(rest, s, re)) {
    m[s[1]] = std::stoi(s[2]);
    rest = s.suffix();
  }
  return m;
}

TEST(JsonOutput, CallsAsFields) {
  std::string j = TmpPath("hello.jsonl");
  Result r = Shell(TracerCommand() + " --json -o " + j + " -- " + Target() +
                   " hello");
  // The program is as natively: its output and status.
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "hi\n");
  std::vector<json> v = JsonLines(j);
  ASSERT_FALSE(v.empty());
  std::vector<json> writes = Calls(v, "write");
  ASSERT_EQ(writes.size(), 4u) << Read(j);

  const json& w = writes[0];
  EXPECT_EQ(w["line"], "write(1, \"hi\\n\", 3) = 3");
  EXPECT_EQ(w["nr"], 1);
  EXPECT_EQ(w["retval"], 3);
  EXPECT_TRUE(w["errno"].is_null());
  EXPECT_EQ(w["ret"], "3");
  EXPECT_TRUE(w["pid"].is_number_integer());
  EXPECT_EQ(w["pid"], w["tid"]);
  EXPECT_TRUE(w["ts_us"].is_number_integer());
  EXPECT_GT(w["ts_us"].get<long long>(), 1600000000LL * 1000000);
  EXPECT_GE(w["dur_us"].get<long long>(), 0);
  ASSERT_EQ(w["args"].size(), 3u);
  EXPECT_EQ(w["args"][0], json({{"text", "1"}, {"type", "fd"}, {"value", 1}}));
  EXPECT_EQ(w["args"][1], json({{"text", "\"hi\\n\""},
                                {"type", "string"},
                                {"value", "hi\n"},
                                {"truncated", false}}));
  EXPECT_EQ(w["args"][2], json({{"text", "3"}, {"type", "int"}, {"value", 3}}));

  // Control bytes and invalid UTF-8: every byte >= 0x80 of a string that is
  // not UTF-8 is the code point of the same value, said by "latin1".
  const json& esc = writes[1];
  EXPECT_EQ(esc["args"][1]["text"], "\"a\\tb\\1\\377\\\"\\\\\\303\\251\"");
  EXPECT_EQ(esc["args"][1]["value"],
            std::string("a\tb\x01\xc3\xbf\"\\\xc3\x83\xc2\xa9"));
  EXPECT_EQ(esc["args"][1]["latin1"], true);
  // Valid UTF-8 stays as it is ("été").
  EXPECT_EQ(writes[2]["args"][1]["value"], "\xc3\xa9t\xc3\xa9");
  EXPECT_FALSE(writes[2]["args"][1].contains("latin1"));
  // Cut at -s 32, and said so.
  EXPECT_EQ(writes[3]["args"][1]["value"], "01234567890123456789012345678901");
  EXPECT_EQ(writes[3]["args"][1]["truncated"], true);
  EXPECT_EQ(writes[3]["retval"], 40);

  // A failed call: -1 and its errno's name.
  bool failed = false;
  for (const json& c : Calls(v, "access"))
    if (c["retval"] == -1 && c["errno"] == "ENOENT") failed = true;
  EXPECT_TRUE(failed) << "no access() = -1 ENOENT (ld.so.preload)";
  // Flags as names, with the number.
  std::vector<json> opens = Calls(v, "openat");
  ASSERT_FALSE(opens.empty());
  const json& o = opens.back();
  EXPECT_EQ(o["args"][1]["value"], "/dev/null");
  EXPECT_EQ(o["args"][2]["type"], "flags");
  EXPECT_EQ(o["args"][2]["names"], json({"O_WRONLY"}));
  EXPECT_EQ(o["args"][2]["value"], 1);
  EXPECT_EQ(o["args"][0], json({{"text", "AT_FDCWD"}, {"type", "fd"}, {"value", -100}}));
  // The first object is the execve, the last how the process ended.
  EXPECT_EQ(v.front()["name"], "execve");
  EXPECT_EQ(v.back()["type"], "exit");
  EXPECT_EQ(v.back()["status"], 0);
  EXPECT_EQ(v.back()["line"], "+++ exited with 0 +++");
}

// A call whose decoder prints its arguments one for one with the table's
// (perf_event_open's, which prints them all at the exit) keeps their
// types: the attribute as text over its address, pid and cpu as ints,
// the group's descriptor, the flags.
TEST(JsonOutput, PerfEventOpenArgumentsAreTyped) {
  std::string j = TmpPath("perf.jsonl");
  Result r = Shell(TracerCommand() + " --json -e trace=perf_event_open -o " + j + " -- " +
                   Runfile("testdata/decoder_calls") + " >/dev/null 2>&1");
  EXPECT_EQ(r.status, 0);
  std::vector<json> calls = Calls(JsonLines(j), "perf_event_open");
  ASSERT_FALSE(calls.empty()) << Read(j);
  const json& c = calls[0];
  ASSERT_EQ(c["args"].size(), 5u) << c.dump();
  EXPECT_EQ(c["args"][0]["type"], "pointer");
  EXPECT_EQ(c["args"][0]["text"].get<std::string>().rfind(
                "{type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER7, "
                "config=PERF_COUNT_SW_TASK_CLOCK, ",
                0),
            0u)
      << c.dump();
  EXPECT_EQ(c["args"][1], json({{"text", "0"}, {"type", "int"}, {"value", 0}}));
  EXPECT_EQ(c["args"][2], json({{"text", "-1"}, {"type", "int"}, {"value", -1}}));
  EXPECT_EQ(c["args"][3], json({{"text", "-1"}, {"type", "fd"}, {"value", -1}}));
  EXPECT_EQ(c["args"][4]["text"], "PERF_FLAG_FD_CLOEXEC");
  EXPECT_EQ(c["args"][4]["value"], 8);
}

TEST(JsonOutput, TraceFilterAndStderr) {
  // -e trace=write, on stderr: writes and the end, nothing else.
  std::string err = TmpPath("filter.err");
  Result r = Shell(TracerCommand() + " --json -e trace=write -- " + Target() +
                   " hello 2>" + err);
  EXPECT_EQ(r.status, 0);
  std::vector<json> v = JsonLines(err);
  ASSERT_EQ(v.size(), 5u) << Read(err);
  for (int i = 0; i < 4; i++) EXPECT_EQ(v[i]["name"], "write");
  EXPECT_EQ(v[4]["type"], "exit");
}

TEST(JsonOutput, FilteredByResultLeavesNoUnfinishedCall) {
  // -Z: failed calls only. The threads' reads succeed: not shown, and not
  // shown unfinished either.
  std::string j = TmpPath("failed_only.jsonl");
  Result r = Shell(TracerCommand() + " -f -Z --json -o " + j + " -- " +
                   Target() + " threads");
  EXPECT_EQ(r.status, 0);
  std::vector<json> v = JsonLines(j);
  ASSERT_FALSE(v.empty());
  for (const json& o : v) {
    EXPECT_FALSE(o.contains("unfinished")) << o.dump();
    if (o["type"] == "syscall") { EXPECT_NE(o["name"], "read") << o.dump(); }
  }
}

// The text of a call as the timeline and --json give it ("line"), from a
// text trace's line: the padding before " = " dropped.
std::string Unpadded(const std::string& line) {
  return std::regex_replace(line, std::regex("\\) +="), ") =");
}

TEST(Timeline, ThreadsBlockingReadSignal) {
  std::string j = TmpPath("threads.jsonl"), tl = TmpPath("threads.tl.json");
  Result r = Shell(TracerCommand() + " -f --json -o " + j + " --timeline=" +
                   tl + " -- " + Target() + " threads");
  ASSERT_EQ(r.status, 0);
  std::map<std::string, int> tids = Tids(r.out);
  ASSERT_EQ(tids.size(), 2u) << r.out;
  int reader = tids["reader"], writer = tids["writer"];
  json t = Timeline(tl);
  ASSERT_TRUE(t["traceEvents"].is_array());
  // The reader's read and the writer's sleep, on their own tracks of one
  // process.
  json read, sleep;
  int pid = 0;
  std::map<int, std::string> thread_names;
  std::map<int, std::string> process_names;
  for (const json& e : t["traceEvents"]) {
    if (e["ph"] == "M" && e["name"] == "thread_name")
      thread_names[e["tid"]] = e["args"]["name"];
    if (e["ph"] == "M" && e["name"] == "process_name")
      process_names[e["pid"]] = e["args"]["name"];
    if (e["ph"] != "X") continue;
    if (e["tid"] == reader && e["name"] == "read") read = e;
    if (e["tid"] == writer && e["name"] == "clock_nanosleep") sleep = e;
  }
  ASSERT_FALSE(read.is_null()) << Read(tl);
  ASSERT_FALSE(sleep.is_null()) << Read(tl);
  pid = read["pid"];
  EXPECT_EQ(sleep["pid"], pid);
  EXPECT_NE(reader, writer);
  EXPECT_EQ(thread_names[reader], "reader");
  EXPECT_EQ(thread_names[writer], "writer");
  EXPECT_EQ(process_names[pid], "json_target");
  // Blocking, and visibly so: its category and color; its slice covers
  // the writer's sleep (300 ms), which it waited for.
  EXPECT_EQ(read["cat"], "syscall,blocking");
  EXPECT_TRUE(read.contains("cname"));
  double rts = read["ts"], rdur = read["dur"];
  double sts = sleep["ts"], sdur = sleep["dur"];
  EXPECT_GE(sdur, 290000.0);
  EXPECT_GE(rdur, 250000.0);
  EXPECT_LE(rts, sts + 50000.0);
  EXPECT_GE(rts + rdur, sts + sdur);
  EXPECT_EQ(read["args"]["line"], "read(3, \"x\", 1) = 1");
  // The signal, an instant on the main thread's track.
  bool sig = false;
  for (const json& e : t["traceEvents"])
    if (e["ph"] == "i" && e["name"] == "SIGUSR1" && e["tid"] == pid) sig = true;
  EXPECT_TRUE(sig);

  // The same run's JSON Lines: the signal as an object, and per thread the
  // same calls in the same order as the timeline's slices.
  std::vector<json> v = JsonLines(j);
  bool usr1 = false;
  for (const json& o : v)
    if (o["type"] == "signal") {
      usr1 = true;
      EXPECT_EQ(o["signal"], "SIGUSR1");
      EXPECT_EQ(o["signo"], 10);
      EXPECT_EQ(o["siginfo"]["si_code"], "SI_TKILL");
      EXPECT_EQ(o["siginfo"]["si_pid"], pid);
      EXPECT_EQ(o["tid"], pid);
    }
  EXPECT_TRUE(usr1);
  std::map<int, std::vector<std::string>> from_json, from_timeline;
  for (const json& o : v)
    if (o["type"] == "syscall") from_json[o["tid"]].push_back(o["line"]);
  for (const json& e : t["traceEvents"])
    if (e["ph"] == "X") from_timeline[e["tid"]].push_back(e["args"]["line"]);
  EXPECT_EQ(from_json, from_timeline);
  EXPECT_EQ(from_json[reader].size(), from_timeline[reader].size());
}

// Per thread, the calls, signals and ends of a -f -o text trace, each as
// one line (an "<unfinished ...>" line joined with its "<... resumed>").
std::map<int, std::vector<std::string>> TextByThread(const std::string& path) {
  std::map<int, std::vector<std::string>> m;
  std::map<int, std::string> open;
  std::regex re("^(\\d+) +(.*)$");
  for (const std::string& l : Lines(path)) {
    std::smatch s;
    if (!std::regex_match(l, s, re)) continue;
    int tid = std::stoi(s[1]);
    std::string text = s[2];
    const std::string unfinished = " <unfinished ...>";
    if (text.size() > unfinished.size() &&
        text.compare(text.size() - unfinished.size(), unfinished.size(),
                     unfinished) == 0) {
      open[tid] = text.substr(0, text.size() - unfinished.size());
      continue;
    }
    std::smatch rs;
    if (std::regex_match(text, rs, std::regex("^<\\.\\.\\. \\w+ resumed>(.*)$"))) {
      text = open[tid] + std::string(rs[1]);
      open.erase(tid);
    }
    m[tid].push_back(Unpadded(text));
  }
  return m;
}

TEST(Timeline, AgreesWithTheTextTraceOfTheSameRun) {
  std::string txt = TmpPath("agree.txt"), tl = TmpPath("agree.tl.json");
  Result r = Shell(TracerCommand() + " -f -o " + txt + " --timeline=" + tl +
                   " -- " + Target() + " threads");
  ASSERT_EQ(r.status, 0);
  json t = Timeline(tl);
  std::map<int, std::vector<std::string>> from_timeline;
  for (const json& e : t["traceEvents"]) {
    if (e["ph"] == "X") {
      from_timeline[e["tid"]].push_back(e["args"]["line"]);
    } else if (e["ph"] == "i" && e["cat"] == "signal") {
      from_timeline[e["tid"]].push_back("--- " + e["name"].get<std::string>() +
                                        " " + e["args"]["siginfo"].get<std::string>() +
                                        " ---");
    } else if (e["ph"] == "i" && e["cat"] == "process") {
      from_timeline[e["tid"]].push_back("+++ " + e["name"].get<std::string>() +
                                        " +++");
    }
  }
  std::map<int, std::vector<std::string>> from_text = TextByThread(txt);
  ASSERT_EQ(from_text.size(), 3u) << Read(txt);
  EXPECT_EQ(from_text, from_timeline) << Read(txt);
}

TEST(JsonOutput, KilledWhileAThreadWaits) {
  std::string j = TmpPath("killed.jsonl"), tl = TmpPath("killed.tl.json");
  Result r = Shell(TracerCommand() + " -f --json -o " + j + " --timeline=" +
                   tl + " -- " + Target() + " killed");
  // systrap-trace dies of the program's signal, as strace does.
  EXPECT_EQ(r.status, 128 + SIGKILL);
  int reader = Tids(r.out)["reader"];
  ASSERT_GT(reader, 0) << r.out;
  std::vector<json> v = JsonLines(j);
  ASSERT_GE(v.size(), 2u);
  // The read that never ended, then how the process ended.
  const json& last = v.back();
  EXPECT_EQ(last["type"], "killed");
  EXPECT_EQ(last["signal"], "SIGKILL");
  EXPECT_EQ(last["core_dumped"], false);
  EXPECT_EQ(last["line"], "+++ killed by SIGKILL +++");
  json read;
  for (const json& o : Calls(v, "read"))
    if (o["tid"] == reader) read = o;
  ASSERT_FALSE(read.is_null()) << Read(j);
  EXPECT_EQ(read["unfinished"], true);
  EXPECT_TRUE(read["retval"].is_null());
  EXPECT_EQ(read["line"], "read(3,  <unfinished ...>) = ?");
  ASSERT_EQ(read["args"].size(), 1u);  // the fd: the buffer never came
  EXPECT_EQ(read["args"][0]["value"], 3);
  EXPECT_GE(read["dur_us"].get<long long>(), 100000);
  // The timeline is complete JSON, with the unfinished read as a slice
  // up to the death, and the death.
  json t = Timeline(tl);
  bool slice = false, killed = false;
  for (const json& e : t["traceEvents"]) {
    if (e["ph"] == "X" && e["tid"] == reader && e["name"] == "read") {
      slice = e["args"]["unfinished"] == true && e["dur"] >= 100000.0;
    }
    if (e["ph"] == "i" && e["name"] == "killed by SIGKILL") killed = true;
  }
  EXPECT_TRUE(slice) << Read(tl);
  EXPECT_TRUE(killed) << Read(tl);
}

TEST(JsonOutput, OneFilePerThreadWithDashFF) {
  std::string base = TmpPath("ff");
  Result r = Shell("rm -f " + base + ".*; " + TracerCommand() +
                   " -ff --json -o " + base + " -- " + Target() + " threads");
  ASSERT_EQ(r.status, 0);
  std::map<std::string, int> tids = Tids(r.out);
  std::vector<json> v = JsonLines(base + "." + std::to_string(tids["reader"]));
  std::vector<json> reads = Calls(v, "read");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0]["tid"], tids["reader"]);
  for (const json& o : v) EXPECT_EQ(o["tid"], tids["reader"]);
}

TEST(JsonOutput, AttachAndLeave) {
  // A shell loop this test starts, traced with -p for a while, then left.
  pid_t loop = StartShell("exec sh -c 'while :; do sleep 0.05; done'");
  usleep(200 * 1000);
  std::string j = TmpPath("attach.jsonl"), tl = TmpPath("attach.tl.json");
  pid_t tracer = StartShell("exec " + TracerCommand() + " --json -o " + j +
                            " --timeline=" + tl + " -p " +
                            std::to_string(loop) + " 2>/dev/null");
  usleep(800 * 1000);
  kill(tracer, SIGINT);
  int st;
  ASSERT_EQ(waitpid(tracer, &st, 0), tracer);
  // Detached, it dies of the signal that asked it to, as strace -p does.
  EXPECT_TRUE(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT) << st;
  // The loop runs on, untraced.
  EXPECT_EQ(kill(loop, 0), 0);
  kill(loop, SIGKILL);
  waitpid(loop, &st, 0);
  std::vector<json> v = JsonLines(j);
  ASSERT_FALSE(Calls(v, "wait4").empty()) << Read(j);
  for (const json& o : v) EXPECT_EQ(o["pid"], loop);
  json t = Timeline(tl);
  bool slice = false;
  for (const json& e : t["traceEvents"])
    if (e["ph"] == "X" && e["name"] == "wait4" && e["pid"] == loop) slice = true;
  EXPECT_TRUE(slice);
}

TEST(JsonOutput, BadOptionsSayWhy) {
  Result r = Shell(TracerCommand() + " --timeline -- /bin/true 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(SplitLines(r.out)[0],
            TracerSelf() + ": option '--timeline' requires an argument: --timeline=FILE");
  r = Shell(TracerCommand() + " --json -c /bin/true 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(SplitLines(r.out)[0],
            TracerSelf() + ": --json and -c are mutually exclusive (the summary is a text table)");
  r = Shell(TracerCommand() + " --timeline=/nonexistent/dir/t.json /bin/true 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out,
            TracerSelf() + ": Can't fopen '/nonexistent/dir/t.json': No such file or directory\n");
}

}  // namespace
