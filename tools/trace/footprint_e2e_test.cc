// systrap-trace --footprints end to end: the exact footprint lines of a
// program whose buffers are known (testdata/footprint_target.c prints
// their addresses on stderr), the JSON form, the pid prefix with -f, that
// traced programs behave exactly as natively, and that the programs this
// project is used on (bash, coreutils, python3, perl, git, gcc, make) issue
// no call whose footprint is unknown.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tools/trace/test_support.h"

namespace {

using namespace trace_test;

const std::string kTracer = TracerCommand();
const std::string kTarget = Runfile("testdata/footprint_target");

std::string Hex16(unsigned long v)
{
	char b[32];
	snprintf(b, sizeof b, "0x%016lx", v);
	return b;
}

std::string Line(const char *dir, unsigned long base, unsigned long n, const char *name)
{
	return std::string("footprint: ") + dir + " base=" + Hex16(base) +
	       " n=" + Hex16(n) + " syscall=" + name;
}

struct TargetRun {
	std::map<std::string, unsigned long> addr;
	std::vector<std::string> trace;
	std::string file;
	int status;
};

// Runs footprint_target under the tracer with `opts`.
TargetRun RunTarget(const std::string &opts, const std::string &tag)
{
	TargetRun r;
	r.file = TmpPath("fp_input_" + tag);
	{
		std::ofstream f(r.file);
		f << std::string(40, 'z');
	}
	std::string trace = TmpPath("fp_trace_" + tag), addrs = TmpPath("fp_addrs_" + tag);
	Result res = Shell(kTracer + " " + opts + " -o " + trace + " " + kTarget + " " +
			   r.file + " 2>" + addrs);
	r.status = res.status;
	EXPECT_EQ(res.out, "hello world, bye!\n");
	for (const std::string &l : Lines(addrs)) {
		size_t eq = l.find('=');
		if (eq != std::string::npos)
			r.addr[l.substr(0, eq)] = strtoul(l.c_str() + eq + 1, nullptr, 16);
	}
	r.trace = Lines(trace);
	return r;
}

// The lines after the first trace line that starts with `call` (after an
// optional pid prefix ("%-5d "), returned in *prefix).
std::vector<std::string> After(const std::vector<std::string> &t, const std::string &call,
			       size_t count, std::string *prefix = nullptr)
{
	for (size_t i = 0; i < t.size(); i++) {
		size_t at = t[i].find(call);
		if (at == std::string::npos || t[i].find("footprint:") == 0)
			continue;
		if (t[i].substr(0, at).find_first_not_of("0123456789 ") != std::string::npos)
			continue;
		if (prefix)
			*prefix = t[i].substr(0, at);
		std::vector<std::string> v(t.begin() + i + 1,
					   t.begin() + std::min(t.size(), i + 1 + count));
		return v;
	}
	ADD_FAILURE() << "no trace line starting with " << call;
	return {};
}

TEST(FootprintE2E, ExactLinesOfAKnownProgram)
{
	TargetRun r = RunTarget("--footprints", "text");
	ASSERT_EQ(r.status, 0);
	auto &a = r.addr;
	ASSERT_EQ(a.size(), 7u);
	EXPECT_EQ(After(r.trace, "openat(AT_FDCWD, \"" + r.file + "\"", 1),
		  std::vector<std::string>{Line("read", a["path"], r.file.size() + 1, "openat")});
	EXPECT_EQ(After(r.trace, "read(3, \"zzz", 1),
		  std::vector<std::string>{Line("write", a["buf"], 40, "read")});
	EXPECT_EQ(After(r.trace, "writev(1, ", 4),
		  (std::vector<std::string>{Line("read", a["iov"], 48, "writev"),
					    Line("read", a["b0"], 6, "writev"),
					    Line("read", a["b1"], 7, "writev"),
					    Line("read", a["b2"], 5, "writev")}));
	// A failed openat still read its path; a failed read touched nothing.
	EXPECT_EQ(After(r.trace, "openat(AT_FDCWD, \"/nonexistent/footprint\"", 1),
		  std::vector<std::string>{Line("read", a["missing"], 23, "openat")});
	std::vector<std::string> after_bad = After(r.trace, "read(-1, ", 1);
	ASSERT_EQ(after_bad.size(), 1u);
	EXPECT_NE(after_bad[0].find("exit"), std::string::npos) << after_bad[0];
}

TEST(FootprintE2E, JsonObjectPerCall)
{
	TargetRun r = RunTarget("--footprints=json", "json");
	ASSERT_EQ(r.status, 0);
	auto &a = r.addr;
	char expect[1024];
	snprintf(expect, sizeof expect,
		 "{\"name\":\"writev\",\"args\":[1,%ld,3],\"result\":18,\"extents\":["
		 "{\"dir\":\"read\",\"base\":\"%s\",\"n\":48},"
		 "{\"dir\":\"read\",\"base\":\"%s\",\"n\":6},"
		 "{\"dir\":\"read\",\"base\":\"%s\",\"n\":7},"
		 "{\"dir\":\"read\",\"base\":\"%s\",\"n\":5}]}",
		 static_cast<long>(a["iov"]), Hex16(a["iov"]).c_str(), Hex16(a["b0"]).c_str(),
		 Hex16(a["b1"]).c_str(), Hex16(a["b2"]).c_str());
	EXPECT_EQ(After(r.trace, "writev(1, ", 1), std::vector<std::string>{expect});
	// Arguments are the raw registers: read's int fd -1 is zero-extended.
	snprintf(expect, sizeof expect,
		 "{\"name\":\"read\",\"args\":[4294967295,%ld,10],\"result\":-9,\"extents\":[]}",
		 static_cast<long>(a["buf"]));
	EXPECT_EQ(After(r.trace, "read(-1, ", 1), std::vector<std::string>{expect});
}

TEST(FootprintE2E, SamePidPrefixAsTheTraceLine)
{
	TargetRun r = RunTarget("--footprints -f", "follow");
	ASSERT_EQ(r.status, 0);
	std::string prefix;
	std::vector<std::string> v = After(r.trace, "writev(1, ", 4, &prefix);
	ASSERT_EQ(v.size(), 4u);
	EXPECT_FALSE(prefix.empty()) << "-f -o prints a pid on every line";
	for (const std::string &l : v)
		EXPECT_EQ(l.substr(0, prefix.size() + 10), prefix + "footprint:") << l;
}

// A successful execve: its footprint (read by the kernel in the old image:
// the argv and envp arrays and each string) follows its line, printed by
// the new image. The envp array is read at the address the line shows.
TEST(FootprintE2E, SuccessfulExecveFootprint)
{
	std::string trace = TmpPath("fp_trace_exec");
	Result res = Shell(kTracer + " --footprints -f -o " + trace +
			   " bash -c 'exec /bin/true a bb'");
	ASSERT_EQ(res.status, 0);
	std::vector<std::string> t = Lines(trace);
	size_t at = t.size();
	for (size_t i = 0; i < t.size(); i++)
		if (t[i].find("execve(\"/bin/true\", [\"/bin/true\", \"a\", \"bb\"], 0x") !=
		    std::string::npos)
			at = i;
	ASSERT_LT(at, t.size()) << "no execve line for /bin/true";
	const std::string &line = t[at];
	EXPECT_NE(line.find(") = 0"), std::string::npos) << line;
	unsigned long envp = strtoul(line.c_str() + line.find("], 0x") + 3, nullptr, 16);
	unsigned long vars = strtoul(line.c_str() + line.find("/* ") + 3, nullptr, 10);
	std::string prefix = line.substr(0, line.find("execve("));
	std::multiset<std::string> got;
	for (size_t i = at + 1; i < t.size() && t[i].find(prefix + "footprint:") == 0; i++)
		got.insert(t[i].substr(prefix.size()));
	// The path "/bin/true"; argv: 4 pointers, "/bin/true", "a", "bb" with
	// their NULs; envp: the array of vars + 1 pointers at the address
	// shown, and vars strings.
	EXPECT_EQ(got.count(Line("read", envp, (vars + 1) * 8, "execve")), 1u);
	size_t reads32 = 0, reads10 = 0, reads2 = 0, reads3 = 0;
	for (const std::string &l : got) {
		EXPECT_NE(l.find("footprint: read base="), std::string::npos) << l;
		reads32 += l.find(" n=0x0000000000000020 ") != std::string::npos;
		reads10 += l.find(" n=0x000000000000000a ") != std::string::npos;
		reads2 += l.find(" n=0x0000000000000002 ") != std::string::npos;
		reads3 += l.find(" n=0x0000000000000003 ") != std::string::npos;
	}
	EXPECT_GE(reads32, 1u);
	EXPECT_GE(reads10, 2u);
	EXPECT_GE(reads2, 1u);
	EXPECT_GE(reads3, 1u);
	EXPECT_EQ(got.size(), 1 + 2 + 3 + vars);
}

// Natively and under --footprints: the same stdout and exit status. A
// program whose own output differs between two native runs (pids,
// addresses) is compared on its status only.
TEST(FootprintE2E, ProgramsBehaveAsNatively)
{
	// threads: 8 threads x 20,000 calls, then threads on 32 KiB stacks.
	const char *programs[] = {"trace_target", "errno_fds", "forks",
				  "signals", "sigmask", "exec_empty", "clone_vm",
				  "footprint_target", "threads"};
	std::string input = TmpPath("fp_native_input");
	{
		std::ofstream f(input);
		f << std::string(40, 'n');
	}
	for (const char *name : programs) {
		SCOPED_TRACE(name);
		std::string prog = Runfile(std::string("testdata/") + name);
		std::string args = std::string(name) == "footprint_target" ? " " + input : "";
		Result n1 = Shell(prog + args + " 2>/dev/null");
		Result n2 = Shell(prog + args + " 2>/dev/null");
		for (const char *mode : {"--footprints", "--footprints=json"}) {
			Result t = Shell(kTracer + " " + mode + " -f -o " + TmpPath("fp_native_trace") +
					 " " + prog + args + " 2>/dev/null");
			EXPECT_EQ(t.status, n1.status) << mode;
			if (n1.out == n2.out)
				EXPECT_EQ(t.out, n1.out) << mode;
		}
	}
}

// Every call these programs make has a described footprint.
TEST(FootprintE2E, NoUnknownCallsInCommonPrograms)
{
	std::string dir = TmpPath("fp_work");
	std::string src = dir + "/t.c";
	Shell("mkdir -p " + dir + " && printf 'int main(void){return 0;}\\n' > " + src +
	      " && printf 'all:\\n\\t@true\\n' > " + dir + "/Makefile");
	struct Cmd {
		const char *tool;
		std::string cmd;
	};
	std::vector<Cmd> cmds = {
		{"bash", "bash -c 'ls -la / >/dev/null; cat /etc/hostname | sort | wc -l; "
			 "cp " + src + " " + src + "2; mv " + src + "2 " + src + "3; rm " +
			 src + "3; mkdir -p " + dir + "/d/e; rmdir " + dir + "/d/e " + dir +
			 "/d; stat " + src + " >/dev/null; touch " + src + "; ln -sf t.c " +
			 dir + "/l; readlink " + dir + "/l; find " + dir + " >/dev/null; du -s " +
			 dir + " >/dev/null; id >/dev/null; date >/dev/null; sleep 0.01; true'"},
		{"python3", "python3 -c 'import os,subprocess,socket,select,threading;"
			    "t=threading.Thread(target=print);t.start();t.join();"
			    "subprocess.run([\"true\"]);s=socket.socketpair();s[0].send(b\"x\");"
			    "select.select([s[1]],[],[],1);s[1].recv(1);os.listdir(\"/\")'"},
		{"perl", "perl -e 'opendir(D,\"/\");@a=readdir(D);open(F,\"<\",\"/etc/hostname\");"
			 "$x=<F>;system(\"true\")'"},
		{"git", "sh -c 'cd " + dir + " && rm -rf g && git init -q g && cd g && echo x > f"
			" && git add f && git -c user.name=a -c user.email=b commit -qm m"
			" && git log --oneline >/dev/null'"},
		{"gcc", "gcc -O1 -o " + dir + "/t " + src},
		{"make", "make -s -C " + dir},
	};
	for (const Cmd &c : cmds) {
		SCOPED_TRACE(c.tool);
		if (Shell(std::string("command -v ") + c.tool + " >/dev/null; echo $?").out != "0\n") {
			std::cout << "note: " << c.tool << " is not installed here; not checked\n";
			continue;
		}
		std::string trace = TmpPath(std::string("fp_common_") + c.tool);
		Result native = Shell(c.cmd + " 2>/dev/null");
		Result t = Shell(kTracer + " --footprints -f -o " + trace + " " + c.cmd +
				 " 2>/dev/null");
		EXPECT_EQ(t.status, native.status);
		size_t lines = 0, footprints = 0;
		for (const std::string &l : Lines(trace)) {
			lines++;
			if (l.find("footprint: ") != std::string::npos)
				footprints++;
			EXPECT_EQ(l.find("footprint: unknown"), std::string::npos) << l;
		}
		EXPECT_GT(footprints, 0u) << lines << " trace lines";
	}
}

}  // namespace
