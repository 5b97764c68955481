// Exact-text tests of the strace-style formatter: each builds the raw
// arguments of one call (with real strings and structs in this process's
// memory) and asserts entry + exit text byte for byte.
#include "systrap/handlers/format.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "systrap/handlers/errno_names.h"
#include "systrap/handlers/syscall_table.h"

namespace {

// Reads our own memory; addresses below 4096 are "unreadable".
size_t ReadSelf(void *dst, uintptr_t src, size_t n)
{
	if (src < 4096)
		return 0;
	memcpy(dst, reinterpret_cast<const void *>(src), n);
	return n;
}

long P(const void *p) { return reinterpret_cast<long>(p); }

struct Formatter {
	format_options opts;
	Formatter() { format_options_init(&opts); }

	std::string Entry(long nr, std::initializer_list<long> a)
	{
		long args[6] = {0};
		int i = 0;
		for (long v : a)
			args[i++] = v;
		char buf[4096];
		format_syscall_entry(buf, sizeof(buf), nr, args, &opts, ReadSelf);
		return buf;
	}

	std::string Line(long nr, std::initializer_list<long> a, long result)
	{
		long args[6] = {0};
		int i = 0;
		for (long v : a)
			args[i++] = v;
		char entry[4096], exit[4096];
		format_syscall_entry(entry, sizeof(entry), nr, args, &opts,
				     ReadSelf);
		format_syscall_exit(exit, sizeof(exit), nr, args, result, &opts,
				    ReadSelf);
		return std::string(entry) + exit;
	}
};

TEST(FormatTest, OpenatWithPaddingAndFlags)
{
	Formatter f;
	EXPECT_EQ(f.Line(SYS_openat, {AT_FDCWD, P("/etc/passwd"),
				      O_RDONLY | O_CLOEXEC},
			 3),
		  "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3");
	EXPECT_EQ(f.Line(SYS_close, {3}, 0),
		  "close(3)                                = 0");
	EXPECT_EQ(f.Line(SYS_openat, {AT_FDCWD, P("/x"), O_WRONLY | O_CREAT |
							       O_TRUNC,
				      0644},
			 -ENOENT),
		  "openat(AT_FDCWD, \"/x\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = -1 "
		  "ENOENT (No such file or directory)");
	EXPECT_EQ(f.Entry(SYS_openat, {5, P("x"), 0x80000000L}),
		  "openat(5, \"x\", O_RDONLY|0x80000000");
}

TEST(FormatTest, EntryStopsBeforeOutputArguments)
{
	Formatter f;
	char buf[8] = "abc";
	EXPECT_EQ(f.Entry(SYS_read, {3, P(buf), 8}), "read(3, ");
	EXPECT_EQ(f.Line(SYS_read, {3, P(buf), 8}, 3),
		  "read(3, \"abc\", 8)                       = 3");
	EXPECT_EQ(f.Entry(SYS_getrandom, {P(buf), 8, 1}), "getrandom(");
}

TEST(FormatTest, BadPointersPrintAsAddresses)
{
	Formatter f;
	EXPECT_EQ(f.Line(SYS_openat, {AT_FDCWD, 0x10, 0}, -EFAULT),
		  "openat(AT_FDCWD, 0x10, O_RDONLY)        = -1 EFAULT (Bad "
		  "address)");
	EXPECT_EQ(f.Line(SYS_openat, {5, 0, 0}, -EFAULT),
		  "openat(5, NULL, O_RDONLY)               = -1 EFAULT (Bad "
		  "address)");
	EXPECT_EQ(f.Line(SYS_write, {1000, 0x10, 5}, -EBADF),
		  "write(1000, 0x10, 5)                    = -1 EBADF (Bad file "
		  "descriptor)");
}

// Buffers and paths longer than one read (128 bytes) are checked readable
// whole before they print; unreadable ones print as their address.
TEST(FormatTest, LongBuffersAndPathsReadableOrNot)
{
	Formatter f;
	f.opts.string_limit = 256;
	std::string a(150, 'a');
	EXPECT_EQ(f.Line(SYS_write, {1, P(a.c_str()), 150}, 150),
		  "write(1, \"" + a + "\", 150) = 150");
	EXPECT_EQ(f.Line(SYS_write, {1, 0x10, 300}, -EFAULT),
		  "write(1, 0x10, 300)                     = -1 EFAULT (Bad "
		  "address)");
	std::string dir = "/" + std::string(199, 'd');
	EXPECT_EQ(f.Line(SYS_getcwd, {P(dir.c_str()), 4096}, 201),
		  "getcwd(\"" + dir + "\", 4096) = 201");
	EXPECT_EQ(f.Line(SYS_getcwd, {0x10, 4096}, 201),
		  "getcwd(0x10, 4096)                      = 201");
}

// A call's entry half holds 4 KiB (the tracer's buffer): a path near
// PATH_MAX that does not fit is cut, strace's way ("..."), and what
// follows it stays whole; a line too long for what no path bounds (an
// argv of thousands under -v) cuts its strings instead, as before, and
// leaves the path whole; -s 0 stays -s 0 (it used to become 1).
TEST(FormatTest, PathsAreCutOnlyWhereThatMakesTheLineFit)
{
	Formatter f;
	std::string path = "/" + std::string(4999, 'a');
	const char *argv[] = {"hello", nullptr};
	const char *envp[] = {nullptr};
	std::string e = f.Entry(SYS_execve, {P(path.c_str()), P(argv), P(envp)});
	ASSERT_LT(e.size(), 4096u);
	EXPECT_EQ(e.rfind("execve(\"/aaaa", 0), 0u) << e;
	EXPECT_NE(e.find("aaaa\"..., [\"hello\"], 0x"), std::string::npos)
		<< e.substr(e.size() - 80);
	EXPECT_GT(e.size(), 3800u); /* as much of the path as fits */

	f.opts.string_limit = 0;
	std::string e0 = f.Entry(SYS_execve, {P(path.c_str()), P(argv), P(envp)});
	EXPECT_NE(e0.find("aaaa\"..., [...], 0x"), std::string::npos)
		<< e0.substr(e0.size() - 80);

	f.opts.string_limit = 32;
	uint8_t none[FORMAT_SET_NR / 8] = {0}; /* -v: nothing abbreviated */
	f.opts.abbrev = none;
	std::vector<std::string> many;
	for (int i = 0; i < 3000; i++)
		many.push_back(std::to_string(i) + "-argument");
	std::vector<const char *> long_argv;
	for (auto &a : many)
		long_argv.push_back(a.c_str());
	long_argv.push_back(nullptr);
	std::string dir = "/" + std::string(100, 'd') + "/true";
	std::string v = f.Entry(SYS_execve, {P(dir.c_str()), P(long_argv.data()), P(envp)});
	EXPECT_EQ(v.rfind("execve(\"" + dir + "\", [\"0\"...", 0), 0u) << v.substr(0, 200);
}

TEST(FormatTest, StringTruncationAndEscapes)
{
	Formatter f;
	const char *s = "/root/.pyenv/plugins/pyenv-virtualenv/etc\n";
	EXPECT_EQ(f.Line(SYS_write, {1, P(s), (long)strlen(s)}, 42),
		  "write(1, \"/root/.pyenv/plugins/pyenv-virtu\"..., 42) = 42");
	const char esc[] = "a\"b\\c\td\n\r\v\f\a\b?0\0" "1\0" "8\0" "9x";
	EXPECT_EQ(f.Line(SYS_write, {3, P(esc), 22}, 22),
		  "write(3, \"a\\\"b\\\\c\\td\\n\\r\\v\\f\\7\\10?0\\0001\\08\\09x\", "
		  "22) = 22");
	f.opts.string_limit = 4;
	EXPECT_EQ(f.Line(SYS_write, {3, P("hello"), 5}, 5),
		  "write(3, \"hell\"..., 5)                  = 5");
}

// readlink's target is a string cut at -s, as strace prints it (it printed
// whole, as a path: found by //tools/trace:image_test, where glibc -static
// reads /proc/self/exe); getcwd's is a path, never cut.
TEST(FormatTest, ReadlinkCutsGetcwdDoesNot)
{
	Formatter f;
	const char *target = "/root/.cache/bazel/_bazel_root/49e52641f679c8465c7f";
	EXPECT_EQ(f.Line(SYS_readlink, {P("/proc/self/exe"), P(target), 4096}, 51),
		  "readlink(\"/proc/self/exe\", \"/root/.cache/bazel/_bazel_root/4\"..., "
		  "4096) = 51");
	EXPECT_EQ(f.Line(SYS_readlinkat, {-100, P("/proc/self/exe"), P(target), 4096}, 51),
		  "readlinkat(AT_FDCWD, \"/proc/self/exe\", "
		  "\"/root/.cache/bazel/_bazel_root/4\"..., 4096) = 51");
	EXPECT_EQ(f.Line(SYS_readlink, {P("/proc/self/exe"), P(target), 4096}, 9),
		  "readlink(\"/proc/self/exe\", \"/root/.ca\", 4096) = 9");
	EXPECT_EQ(f.Line(SYS_getcwd, {P(target), 4096}, 52),
		  std::string("getcwd(\"") + target + "\", 4096) = 52");
}

TEST(FormatTest, HexStrings)
{
	Formatter f;
	f.opts.hex_strings = 1;
	EXPECT_EQ(f.Line(SYS_write, {3, P("hello\n"), 6}, 6),
		  "write(3, \"hello\\n\", 6)                  = 6");
	EXPECT_EQ(f.Line(SYS_write, {3, P("abc\0"), 4}, 4),
		  "write(3, \"\\x61\\x62\\x63\\x00\", 4)         = 4");
	f.opts.hex_strings = 2;
	EXPECT_EQ(f.Line(SYS_write, {3, P("hi"), 2}, 2),
		  "write(3, \"\\x68\\x69\", 2)                 = 2");
}

TEST(FormatTest, Mmap)
{
	Formatter f;
	EXPECT_EQ(f.Line(SYS_mmap, {0x7f8b6f0d6000, 69632, PROT_READ | PROT_EXEC,
				    0x812 /* PRIVATE|FIXED|DENYWRITE */, 3,
				    0xf000},
			 0x7f8b6f0d6000),
		  "mmap(0x7f8b6f0d6000, 69632, PROT_READ|PROT_EXEC, "
		  "MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0xf000) = "
		  "0x7f8b6f0d6000");
	EXPECT_EQ(f.Line(SYS_brk, {0}, 0x556b25794000),
		  "brk(NULL)                               = 0x556b25794000");
	EXPECT_EQ(f.Line(SYS_mprotect, {0, 0, 0x10000000}, 0),
		  "mprotect(NULL, 0, 0x10000000 /* PROT_??? */) = 0");
	// mremap's new address exists with MREMAP_MAYMOVE|MREMAP_FIXED only
	// (glibc passes whatever is in r8 otherwise): strace's test mmap.c.
	EXPECT_EQ(f.Line(SYS_mremap, {0xfacefeed000, 24576, 12288, 0, 0x1234},
			 0xfacefeed000),
		  "mremap(0xfacefeed000, 24576, 12288, 0)  = 0xfacefeed000");
	EXPECT_EQ(f.Line(SYS_mremap, {0xfacefeed000, 4096, 8192, 1 /* MAYMOVE */,
				      0x1234},
			 0xfacefef0000),
		  "mremap(0xfacefeed000, 4096, 8192, MREMAP_MAYMOVE) = 0xfacefef0000");
	EXPECT_EQ(f.Line(SYS_mremap, {0xfacefeed000, 12288, 8192, 3, 0xfacefef0000},
			 0xfacefef0000),
		  "mremap(0xfacefeed000, 12288, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, "
		  "0xfacefef0000) = 0xfacefef0000");
}

TEST(FormatTest, SignalsAndSigaction)
{
	Formatter f;
	uint64_t set = (1UL << (SIGINT - 1)) | (1UL << (SIGTERM - 1));
	EXPECT_EQ(f.Line(SYS_rt_sigprocmask, {SIG_BLOCK, P(&set), 0, 8}, 0),
		  "rt_sigprocmask(SIG_BLOCK, [INT TERM], NULL, 8) = 0");
	uint64_t rt = ~((1UL << 31) | (1UL << 32));
	EXPECT_EQ(f.Line(SYS_rt_sigprocmask, {SIG_SETMASK, P(&rt), 0, 8}, 0),
		  "rt_sigprocmask(SIG_SETMASK, ~[RTMIN RT_1], NULL, 8) = 0");
	uint64_t none = 0;
	EXPECT_EQ(f.Entry(SYS_rt_sigprocmask, {SIG_BLOCK, P(&none), P(&set), 8}),
		  "rt_sigprocmask(SIG_BLOCK, [], ");
	/* A set size other than the kernel's (EINVAL): the address, as
	 * strace prints it (strace's threads-execve test makes this call). */
	uint64_t two[2] = {0, 0};
	char addr[32];
	snprintf(addr, sizeof addr, "%p", (void *)two);
	std::string head = std::string("rt_sigsuspend(") + addr + ", 16)";
	if (head.size() < 39)
		head.resize(39, ' ');
	EXPECT_EQ(f.Line(SYS_rt_sigsuspend, {P(two), 16}, -EINVAL),
		  head + " = -1 EINVAL (Invalid argument)");
	EXPECT_EQ(f.Entry(SYS_rt_sigsuspend, {P(two), 8}), "rt_sigsuspend([], 8");
	struct {
		uint64_t handler, flags, restorer, mask;
	} sa = {0x55d0c0de, 0x14000000, 0x7f0012345678, 0};
	EXPECT_EQ(f.Line(SYS_rt_sigaction, {SIGCHLD, P(&sa), 0, 8}, 0),
		  "rt_sigaction(SIGCHLD, {sa_handler=0x55d0c0de, sa_mask=[], "
		  "sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f0012345678}, "
		  "NULL, 8) = 0");
	sa = {1, 0, 0, 0};
	EXPECT_EQ(f.Line(SYS_rt_sigaction, {SIGPIPE, 0, P(&sa), 8}, 0),
		  "rt_sigaction(SIGPIPE, NULL, {sa_handler=SIG_IGN, sa_mask=[], "
		  "sa_flags=0}, 8) = 0");
}

TEST(FormatTest, StatAndArrays)
{
	Formatter f;
	struct stat st = {};
	st.st_mode = S_IFREG | 0644;
	st.st_size = 1234;
	EXPECT_EQ(f.Line(SYS_newfstatat, {3, P(""), P(&st), AT_EMPTY_PATH}, 0),
		  "newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=1234, ...}, "
		  "AT_EMPTY_PATH) = 0");
	const char *argv[] = {"ls", "-l", nullptr};
	const char *envp[] = {"A=1", "B=2", "C=3", nullptr};
	EXPECT_EQ(f.Line(SYS_execve, {P("/bin/ls"), P(argv), P(envp)}, 0),
		  "execve(\"/bin/ls\", [\"ls\", \"-l\"], " +
			  [&] {
				  char b[32];
				  snprintf(b, sizeof(b), "%p", (void *)envp);
				  return std::string(b);
			  }() +
			  " /* 3 vars */) = 0");
	struct iovec iov[2] = {{(void *)"abc", 3}, {(void *)"de", 2}};
	EXPECT_EQ(f.Line(SYS_writev, {1, P(iov), 2}, 5),
		  "writev(1, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"de\", "
		  "iov_len=2}], 2) = 5");
	int fds[2] = {3, 4};
	EXPECT_EQ(f.Line(SYS_pipe2, {P(fds), 0}, 0),
		  "pipe2([3, 4], 0)                        = 0");
	int status = 0;
	EXPECT_EQ(f.Line(SYS_wait4, {-1, P(&status), 0, 0}, 1234),
		  "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = "
		  "1234");
}

TEST(FormatTest, Sockaddrs)
{
	Formatter f;
	unsigned char un[2 + 7] = {1, 0, '/', 'r', 'u', 'n', '/', 'x', 0};
	EXPECT_EQ(f.Line(SYS_connect, {3, P(un), sizeof(un)}, 0),
		  "connect(3, {sa_family=AF_UNIX, sun_path=\"/run/x\"}, 9) = 0");
	unsigned char in[16] = {2, 0, 0, 80, 127, 0, 0, 1};
	EXPECT_EQ(f.Line(SYS_connect, {3, P(in), 16}, 0),
		  "connect(3, {sa_family=AF_INET, sin_port=htons(80), "
		  "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0");
}

TEST(FormatTest, SpecialResults)
{
	Formatter f;
	EXPECT_EQ(f.Line(SYS_exit_group, {0}, 0),
		  "exit_group(0)                           = ?");
	EXPECT_EQ(f.Line(SYS_read, {0, 0x1000, 10}, -512),
		  "read(0, 0x1000, 10)                     = ? ERESTARTSYS (To be "
		  "restarted if SA_RESTART is set)");
	EXPECT_EQ(f.Line(500, {1, 2, 3, 4, 5, 6}, -ENOSYS),
		  "syscall_0x1f4(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS "
		  "(Function not implemented)");
	EXPECT_EQ(f.Line(SYS_fcntl, {1, F_GETFL}, 0x8001),
		  "fcntl(1, F_GETFL)                       = 0x8001 (flags "
		  "O_WRONLY|O_LARGEFILE)");
	EXPECT_EQ(f.Line(SYS_ioctl, {0, 0x5401, 0x7ffd0000}, -ENOTTY),
		  "ioctl(0, TCGETS, 0x7ffd0000)            = -1 ENOTTY "
		  "(Inappropriate ioctl for device)");
	EXPECT_EQ(f.Entry(SYS_ioctl, {1, 0x5401, 0x7ffd0000}), "ioctl(1, TCGETS");
	EXPECT_EQ(f.Line(SYS_umask, {022}, 022),
		  "umask(022)                              = 022");
}

// What strace prints after the count of poll, ppoll and pselect6: the ready
// descriptors, the time left, or "(Timeout)"; and pselect6's sigmask pack.
TEST(FormatTest, ReadyDescriptorsAfterTheCount)
{
	Formatter f;
	struct pollfd_ {
		int fd;
		short events, revents;
	} fds[3] = {{3, 1, 1}, {4, 4, 0}, {5, 1, 0x11}};
	EXPECT_EQ(f.Line(SYS_poll, {P(fds), 3, 100}, 2),
		  "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT}, {fd=5, "
		  "events=POLLIN}], 3, 100) = 2 ([{fd=3, revents=POLLIN}, {fd=5, "
		  "revents=POLLIN|POLLHUP}])");
	EXPECT_EQ(f.Line(SYS_poll, {P(fds), 1, 0}, 0),
		  "poll([{fd=3, events=POLLIN}], 1, 0)     = 0 (Timeout)");
	struct timespec left = {0, 250};
	EXPECT_EQ(f.Line(SYS_ppoll, {P(fds), 1, P(&left), 0, 8}, 1),
		  "ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=250}, "
		  "NULL, 8) = 1 ([{fd=3, revents=POLLIN}], left {tv_sec=0, "
		  "tv_nsec=250})");
	unsigned long in = 1UL << 3, out = 1UL << 4, none = 0;
	uint64_t blocked = 1UL << (SIGINT - 1);
	struct {
		const void *ss;
		size_t len;
	} pack = {&blocked, 8};
	EXPECT_EQ(f.Line(SYS_pselect6, {5, P(&in), P(&out), P(&none), P(&left),
					P(&pack)}, 2),
		  "pselect6(5, [3], [4], [], {tv_sec=0, tv_nsec=250}, "
		  "{sigmask=[INT], sigsetsize=8}) = 2 (in [3], out [4], left "
		  "{tv_sec=0, tv_nsec=250})");
	EXPECT_EQ(f.Line(SYS_pselect6, {5, P(&in), 0, 0, 0, 0}, 0),
		  "pselect6(5, [3], NULL, NULL, NULL, NULL) = 0 (Timeout)");
}

// Value-result lengths show what went in and what came out when they
// differ ("[128 => 16]"), from what the entry kept; getsockopt's int value
// shows as [N]; statfs names the file system and its flags.
TEST(FormatTest, ValueResultArgumentsAndStatfs)
{
	Formatter f;
	format_saved saved;
	f.opts.saved = &saved;
	struct sockaddr_in_ {
		unsigned short family, port;
		unsigned char addr[4], zero[8];
	} sa = {2, 0x5000, {127, 0, 0, 1}, {0}};
	int len = 128;
	long args[6] = {3, P(&sa), P(&len)};
	char entry[512], exit[512];
	format_syscall_entry(entry, sizeof entry, SYS_getsockname, args, &f.opts,
			     ReadSelf);
	len = 16; /* the kernel's answer */
	format_syscall_exit(exit, sizeof exit, SYS_getsockname, args, 0, &f.opts,
			    ReadSelf);
	EXPECT_EQ(std::string(entry) + exit,
		  "getsockname(3, {sa_family=AF_INET, sin_port=htons(80), "
		  "sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16]) = 0");
	EXPECT_EQ(f.Line(SYS_getsockname, {3, P(&sa), P(&len)}, 0),
		  "getsockname(3, {sa_family=AF_INET, sin_port=htons(80), "
		  "sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0");
	int type = 1, type_len = 4;
	EXPECT_EQ(f.Line(SYS_getsockopt, {4, 1, 3, P(&type), P(&type_len)}, 0),
		  "getsockopt(4, SOL_SOCKET, SO_TYPE, [1], [4]) = 0");
	struct {
		int64_t type, bsize;
		uint64_t blocks, bfree, bavail, files, ffree;
		int32_t fsid[2];
		int64_t namelen, frsize, flags, spare[4];
	} sf = {0xef53, 4096, 10, 5, 4, 100, 50, {1, 2}, 255, 4096, 0x1020, {0}};
	EXPECT_EQ(f.Line(SYS_statfs, {P("/"), P(&sf)}, 0),
		  "statfs(\"/\", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, "
		  "f_blocks=10, f_bfree=5, f_bavail=4, f_files=100, f_ffree=50, "
		  "f_fsid={val=[0x1, 0x2]}, f_namelen=255, f_frsize=4096, "
		  "f_flags=ST_VALID|ST_RELATIME}) = 0");
}

// Group ids and CPU masks as lists; nanosleep's remaining time only when
// a signal cut the sleep short (else the kernel did not write it).
TEST(FormatTest, IdListsCpuMasksAndRemainingTime)
{
	Formatter f;
	unsigned gids[3] = {0, 27, 1000};
	EXPECT_EQ(f.Line(SYS_getgroups, {3, P(gids)}, 3),
		  "getgroups(3, [0, 27, 1000])             = 3");
	EXPECT_EQ(f.Line(SYS_getgroups, {0, P(gids)}, 3),
		  "getgroups(0, [0, 27, 1000])             = 3");
	EXPECT_EQ(f.Line(SYS_getgroups, {0, 0}, 3),
		  "getgroups(0, NULL)                      = 3");
	EXPECT_EQ(f.Line(SYS_setgroups, {1, P(gids)}, 0),
		  "setgroups(1, [0])                       = 0");
	unsigned char mask[8] = {0x05, 0x01};
	EXPECT_EQ(f.Line(SYS_sched_getaffinity, {0, 128, P(mask)}, 8),
		  "sched_getaffinity(0, 128, [0 2 8])      = 8");
	struct timespec req = {1, 0}, rem = {0, 5};
	char where[32];
	snprintf(where, sizeof where, "%#lx", (unsigned long)&rem);
	EXPECT_EQ(f.Line(SYS_nanosleep, {P(&req), P(&rem)}, 0),
		  std::string("nanosleep({tv_sec=1, tv_nsec=0}, ") + where +
			  ") = 0");
	EXPECT_EQ(f.Line(SYS_nanosleep, {P(&req), P(&rem)}, -EINTR),
		  "nanosleep({tv_sec=1, tv_nsec=0}, {tv_sec=0, tv_nsec=5}) = -1 "
		  "EINTR (Interrupted system call)");
}

// strace 6.1's waitid: the idtype by name, the id as an fd for P_PIDFD,
// the siginfo written ({} when nothing was reported), options, rusage.
TEST(FormatTest, Waitid)
{
	Formatter f;
	int32_t si[32] = {0};
	si[0] = SIGCHLD;
	si[2] = 1;      // CLD_EXITED
	si[4] = 4242;   // si_pid
	si[5] = 1000;   // si_uid
	si[6] = 8;      // si_status
	EXPECT_EQ(f.Entry(SYS_waitid, {3, 3, P(si), WEXITED, 0}),
		  "waitid(P_PIDFD, 3, ");
	EXPECT_EQ(f.Line(SYS_waitid, {3, 3, P(si), WEXITED, 0}, 0),
		  "waitid(P_PIDFD, 3, {si_signo=SIGCHLD, si_code=CLD_EXITED, "
		  "si_pid=4242, si_uid=1000, si_status=8, si_utime=0, "
		  "si_stime=0}, WEXITED, NULL) = 0");
	si[2] = 2;      // CLD_KILLED
	si[6] = SIGKILL;
	long ru[18] = {0, 1859};
	EXPECT_EQ(f.Line(SYS_waitid, {0, 0, P(si), WEXITED, P(ru)}, 0),
		  "waitid(P_ALL, 0, {si_signo=SIGCHLD, si_code=CLD_KILLED, "
		  "si_pid=4242, si_uid=1000, si_status=SIGKILL, si_utime=0, "
		  "si_stime=0}, WEXITED, {ru_utime={tv_sec=0, tv_usec=1859}, "
		  "ru_stime={tv_sec=0, tv_usec=0}, ...}) = 0");
	// clock_t with strace's seconds comment, unsigned.
	si[8] = 12345;  // si_utime (low half)
	si[10] = 7;     // si_stime
	EXPECT_EQ(f.Line(SYS_waitid, {3, 3, P(si), WEXITED, 0}, 0),
		  "waitid(P_PIDFD, 3, {si_signo=SIGCHLD, si_code=CLD_KILLED, "
		  "si_pid=4242, si_uid=1000, si_status=SIGKILL, "
		  "si_utime=12345 /* 123.45 s */, si_stime=7 /* 0.07 s */}, "
		  "WEXITED, NULL) = 0");
	int32_t none[32] = {0};
	long zero[18] = {0};
	EXPECT_EQ(f.Line(SYS_waitid, {1, 17118, P(none), WNOHANG | WEXITED, P(zero)}, 0),
		  "waitid(P_PID, 17118, {}, WNOHANG|WEXITED, {ru_utime={tv_sec=0, "
		  "tv_usec=0}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 0");
	EXPECT_EQ(f.Line(SYS_waitid, {7, 0, 0, 0x10, 0}, -EINVAL),
		  "waitid(0x7 /* P_??? */, 0, NULL, 0x10 /* W??? */, NULL) = -1 "
		  "EINVAL (Invalid argument)");
	EXPECT_EQ(f.Line(SYS_waitid, {1, 1, 8, WEXITED, 16}, -EFAULT),
		  "waitid(P_PID, 1, 0x8, WEXITED, 0x10)    = -1 EFAULT (Bad address)");
}

TEST(FormatTest, FdPaths)
{
	Formatter f;
	f.opts.decode_fds = FORMAT_FD_PATH;
	f.opts.fd_path = [](int fd, char *buf, size_t cap) -> long {
		if (fd != 3)
			return -1;
		strcpy(buf, "/etc/passwd");
		return 11;
	};
	EXPECT_EQ(f.Line(SYS_openat, {AT_FDCWD, P("/etc/passwd"), O_RDONLY}, 3),
		  "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3</etc/passwd>");
	EXPECT_EQ(f.Line(SYS_close, {3}, 0),
		  "close(3</etc/passwd>)                   = 0");
}

TEST(FormatTest, PrefixWidthShiftsPadding)
{
	Formatter f;
	f.opts.line_prefix_width = 6; // "3894  "
	EXPECT_EQ(f.Line(SYS_close, {3}, 0),
		  "close(3)                          = 0");
}

TEST(FormatTest, TruncatesSafely)
{
	format_options opts;
	format_options_init(&opts);
	long args[6] = {AT_FDCWD, P("/etc/passwd"), 0};
	char buf[8];
	memset(buf, 'Z', sizeof(buf));
	size_t n = format_syscall_entry(buf, 6, SYS_openat, args, &opts,
				       ReadSelf);
	EXPECT_EQ(n, 5u);
	EXPECT_STREQ(buf, "opena");
	EXPECT_EQ(buf[6], 'Z');
}

// A route message whose RTA_MULTIPATH next hops nest route attributes
// `depth` levels deep, as sendto's entry text on a bound NETLINK_ROUTE
// socket.
std::string NestedMultipath(int fd, int depth)
{
	std::vector<unsigned char> inner;
	for (int i = 0; i < depth; i++) {
		std::vector<unsigned char> attr(12);
		uint16_t nla_len = 12 + inner.size(), nla_type = RTA_MULTIPATH;
		uint16_t rtnh_len = 8 + inner.size();
		memcpy(&attr[0], &nla_len, 2);
		memcpy(&attr[2], &nla_type, 2);
		memcpy(&attr[4], &rtnh_len, 2);
		attr.insert(attr.end(), inner.begin(), inner.end());
		inner = attr;
	}
	std::vector<unsigned char> msg(16 + 12);
	uint32_t len = msg.size() + inner.size();
	uint16_t type = RTM_NEWROUTE;
	memcpy(&msg[0], &len, 4);
	memcpy(&msg[4], &type, 2);
	msg[16] = AF_INET;
	msg.insert(msg.end(), inner.begin(), inner.end());
	format_options opts;
	format_options_init(&opts);
	long args[6] = { fd, P(msg.data()), (long)msg.size(), 0, 0, 0 };
	std::vector<char> out(1 << 16);
	format_syscall_entry(out.data(), out.size(), SYS_sendto, args, &opts,
			     ReadSelf);
	return out.data();
}

size_t Count(const std::string &s, const std::string &what)
{
	size_t n = 0;
	for (size_t at = s.find(what); at != std::string::npos;
	     at = s.find(what, at + 1))
		n++;
	return n;
}

// netlink_decoders.c: a netlink socket's data decoded as messages, and
// nesting bounded (the trap path's stack is): ten levels print whole,
// past sixteen the rest is hex.
TEST(FormatTest, NetlinkNestingIsBounded)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	ASSERT_GE(fd, 0);
	struct sockaddr_nl sa = {};
	sa.nl_family = AF_NETLINK;
	ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa), 0);
	std::string ten = NestedMultipath(fd, 10);
	EXPECT_EQ(ten.rfind("sendto(" + std::to_string(fd) + ", [{nlmsg_len=", 0), 0u)
		<< ten;
	EXPECT_NE(ten.find("nlmsg_type=RTM_NEWROUTE"), std::string::npos) << ten;
	EXPECT_EQ(Count(ten, "nla_type=RTA_MULTIPATH"), 10u) << ten;
	EXPECT_EQ(ten.find("\\x"), std::string::npos) << ten;
	std::string deep = NestedMultipath(fd, 40);
	EXPECT_EQ(Count(deep, "nla_type=RTA_MULTIPATH"), 16u) << deep;
	EXPECT_NE(deep.find("rtnh_ifindex=0}, \"\\x"), std::string::npos) << deep;
	close(fd);
}

TEST(SyscallTableTest, Lookups)
{
	EXPECT_STREQ(syscall_lookup(257)->name, "openat");
	EXPECT_STREQ(syscall_lookup(435)->name, "clone3");
	EXPECT_STREQ(syscall_lookup(439)->name, "faccessat2");
	EXPECT_EQ(syscall_lookup(451), nullptr);
	EXPECT_EQ(syscall_lookup(335), nullptr);
	EXPECT_EQ(syscall_number_by_name("epoll_pwait2"), 441);
	EXPECT_EQ(syscall_number_by_name("nope"), -1);
	EXPECT_EQ(syscall_class_by_name("%file"), (uint32_t)CLASS_FILE);
	EXPECT_TRUE(syscall_lookup(257)->classes & CLASS_FILE);
	EXPECT_TRUE(syscall_lookup(257)->classes & CLASS_DESC);
	EXPECT_FALSE(syscall_lookup(0)->classes & CLASS_FILE);
	EXPECT_EQ(syscall_struct_size(STRUCT_STAT), sizeof(struct stat));
}

// Reads through the kernel, so that a page we made unreadable reads short
// instead of faulting.
size_t ReadChecked(void *dst, uintptr_t src, size_t n)
{
	struct iovec local = {dst, n}, remote = {reinterpret_cast<void *>(src), n};
	long got = syscall(SYS_process_vm_readv, getpid(), &local, 1, &remote, 1, 0);
	return got < 0 ? 0 : static_cast<size_t>(got);
}

// Rows and rules found by strace's own suite (issue 15): the flag tables
// of splice/tee/vmsplice, shmat and fallocate; openat's mode whenever
// __O_TMPFILE's own bit is set; a failed readv's vector with its buffers
// as addresses; and a buffer longer than -s printed as its address when
// the byte after the -s printed ones cannot be read (strace fetches it).
TEST(FormatTest, StraceSuiteRowsAndFetchRules)
{
	Formatter f;
	EXPECT_EQ(f.Line(SYS_tee, {3, 4, 100, 0x2 | 0x8}, 5),
		  "tee(3, 4, 100, SPLICE_F_NONBLOCK|SPLICE_F_GIFT) = 5");
	EXPECT_EQ(f.Line(SYS_shmat, {7, 0, 010000 | 0100000 | 0x400}, -EINVAL),
		  "shmat(7, NULL, SHM_RDONLY|SHM_EXEC|0x400) = -1 EINVAL (Invalid argument)");
	EXPECT_EQ(f.Line(SYS_fallocate, {-1, 0x11, 0, 4096}, -EBADF),
		  "fallocate(-1, FALLOC_FL_KEEP_SIZE|FALLOC_FL_ZERO_RANGE, 0, 4096) = -1 EBADF "
		  "(Bad file descriptor)");
	EXPECT_EQ(f.Line(SYS_fallocate, {-1, 0, 0, 4096}, -EBADF),
		  "fallocate(-1, 0, 0, 4096)               = -1 EBADF (Bad file descriptor)");
	const char *path = "x";
	// __O_TMPFILE without O_DIRECTORY: the kernel reads a mode, strace
	// shows it.
	EXPECT_EQ(f.Line(SYS_openat, {-1, P(path), O_RDONLY | (O_TMPFILE & ~O_DIRECTORY), 0}, -EINVAL),
		  "openat(-1, \"x\", O_RDONLY|__O_TMPFILE, 000) = -1 EINVAL (Invalid argument)");
	char buf[8];
	struct iovec iov[1] = {{buf, sizeof buf}};
	std::string failed = f.Line(SYS_readv, {-1, P(iov), 1}, -EBADF);
	char want[128];
	snprintf(want, sizeof want, "readv(-1, [{iov_base=%p, iov_len=8}], 1) = -1 EBADF", (void *)buf);
	EXPECT_EQ(failed.rfind(want, 0), 0u) << failed;

	// 32 bytes of 'X' at the end of a page, nothing readable after.
	long page = sysconf(_SC_PAGESIZE);
	char *two = static_cast<char *>(mmap(0, 2 * page, PROT_READ | PROT_WRITE,
					     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	ASSERT_NE(two, MAP_FAILED);
	ASSERT_EQ(mprotect(two + page, page, PROT_NONE), 0);
	char *edge = two + page - 32;
	memset(edge, 'X', 32);
	long args[6] = {1, P(edge), 1000};
	char out[512];
	format_syscall_entry(out, sizeof out, SYS_write, args, &f.opts, ReadChecked);
	snprintf(want, sizeof want, "write(1, %p, 1000", (void *)edge);
	EXPECT_STREQ(out, want);
	args[2] = 32; // all of it readable: printed, no "..."
	format_syscall_entry(out, sizeof out, SYS_write, args, &f.opts, ReadChecked);
	EXPECT_STREQ(out, "write(1, \"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\", 32");
	munmap(two, 2 * page);
}

} // namespace

// The errno names and messages strace prints are glibc's C-locale ones
// (strerrorname_np, strerrordesc_np), held in fixed fields of the table:
// each one ends within its field, and numbers glibc leaves unnamed stay
// unnamed (the caller then prints the number).
TEST(FormatTest, ErrnoNamesAndMessagesAreGlibcsAndEndWithinTheirFields)
{
	int named = 0;
	for (long e = 1; e < 4096; e++) {
		const char *name = errno_name(e), *message = errno_message(e);
		if (name) {
			named++;
			EXPECT_LT(strlen(name), (size_t)ERRNO_NAME_MAX) << e;
			EXPECT_EQ(name[0], 'E') << e;
		}
		if (message) {
			EXPECT_LT(strlen(message), (size_t)ERRNO_MESSAGE_MAX) << e;
		}
		if (e >= KERNEL_ERRNO_FIRST) {
			EXPECT_EQ(message, nullptr) << e << ": libc has no message for " << name;
			continue;
		}
		const char *glibc_name = strerrorname_np((int)e);
		EXPECT_STREQ(name, glibc_name) << e;
		if (glibc_name) {
			EXPECT_STREQ(message, strerrordesc_np((int)e)) << e;
		} else {
			EXPECT_EQ(message, nullptr) << e;
		}
	}
	EXPECT_GT(named, 140);
	EXPECT_STREQ(errno_name(ERESTART_RESTARTBLOCK), "ERESTART_RESTARTBLOCK");
	EXPECT_EQ(errno_name(520), nullptr);  // a gap in Linux's internal codes
}
