// Footprints checked against the kernel itself. For each case the call's
// buffers are placed at the end of their own pages, each followed by a
// PROT_NONE guard page, and filled with a canary. The call is made (raw
// syscall), and:
//  (a) every byte the kernel changed lies inside a reported write extent;
//  (b) made again from scratch with every page that holds no reported
//      extent made PROT_NONE, the call still succeeds. Buffers end at a page
//      end, so a read past a reported extent's end faults (EFAULT).
// A case also states extents it must see (read 40 bytes at buf...), so a
// footprint that reports too much or too little of a known call fails.
#include "systrap/handlers/footprint.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "systrap/handlers/syscall_table.h"

namespace {

constexpr size_t kPage = 4096;
constexpr size_t kSlotPages = 3;  // 2 data pages, then a guard page
constexpr int kSlots = 12;
constexpr unsigned char kCanary = 0xa5;

size_t ReadMem(void *dst, uintptr_t src, size_t n)
{
	struct iovec local = {dst, n}, remote = {reinterpret_cast<void *>(src), n};
	long r = syscall(SYS_process_vm_readv, getpid(), &local, 1, &remote, 1, 0);
	return r > 0 ? static_cast<size_t>(r) : 0;
}

long Raw(long nr, const long a[6])
{
	long r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	return r == -1 ? -errno : r;
}

struct Extent {
	int dir;
	uintptr_t base;
	size_t n;
};

void Collect(void *ctx, int dir, uintptr_t base, size_t n)
{
	static_cast<std::vector<Extent> *>(ctx)->push_back({dir, base, n});
}

// Slots of two pages each, a PROT_NONE page after each and one before the
// first; Alloc(n) returns n bytes that end exactly at a guard page.
class Arena {
 public:
	Arena()
	{
		size_t len = (1 + kSlots * kSlotPages) * kPage;
		void *m = mmap(nullptr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		EXPECT_NE(m, MAP_FAILED);
		base_ = static_cast<char *>(m);
		len_ = len;
		for (int s = 0; s < kSlots; s++) {
			char *d = SlotData(s);
			mprotect(d, 2 * kPage, PROT_READ | PROT_WRITE);
			memset(d, kCanary, 2 * kPage);
		}
	}
	~Arena() { munmap(base_, len_); }
	char *SlotData(int s) const { return base_ + (1 + s * kSlotPages) * kPage; }
	char *Alloc(size_t n)
	{
		EXPECT_LT(next_, kSlots);
		EXPECT_LE(n, 2 * kPage);
		return SlotData(next_++) + 2 * kPage - n;
	}
	template <typename T> T *New(const T &v)
	{
		T *p = reinterpret_cast<T *>(Alloc(sizeof(T)));
		memcpy(static_cast<void *>(p), &v, sizeof(T));
		return p;
	}
	char *Str(const char *s)
	{
		size_t n = strlen(s) + 1;
		char *p = Alloc(n);
		memcpy(p, s, n);
		return p;
	}
	bool Contains(uintptr_t p, size_t n) const
	{
		return p >= reinterpret_cast<uintptr_t>(base_) &&
		       p + n <= reinterpret_cast<uintptr_t>(base_ + len_);
	}
	std::vector<unsigned char> Snapshot() const
	{
		std::vector<unsigned char> v;
		for (int s = 0; s < kSlots; s++)
			v.insert(v.end(), SlotData(s), SlotData(s) + 2 * kPage);
		return v;
	}
	// (b): pages without a reported extent become PROT_NONE. Pages the
	// kernel only writes stay writable (x86 has no write-only pages).
	void ProtectOutside(const std::vector<Extent> &ex, intptr_t shift)
	{
		for (int s = 0; s < kSlots; s++)
			for (size_t pg = 0; pg < 2; pg++) {
				uintptr_t lo = reinterpret_cast<uintptr_t>(SlotData(s) + pg * kPage);
				bool used = false;
				for (const Extent &e : ex) {
					uintptr_t b = e.base + shift;
					if (b < lo + kPage && b + e.n > lo)
						used = true;
				}
				if (!used)
					mprotect(reinterpret_cast<void *>(lo), kPage, PROT_NONE);
			}
	}
	uintptr_t Base() const { return reinterpret_cast<uintptr_t>(base_); }
	size_t SlotOffset(int s) const { return SlotData(s) - base_; }

 private:
	char *base_ = nullptr;
	size_t len_ = 0;
	int next_ = 0;
};

long P(const void *p) { return reinterpret_cast<long>(p); }

struct Expected {
	int dir;
	const void *base;
	size_t n;
};

struct Case {
	long nr;
	// Builds the arguments in the arena (and any fds); returns the
	// extents the footprint must contain (may be a subset).
	std::function<std::vector<Expected>(Arena &, long *)> setup;
	std::function<bool(long)> ok = [](long r) { return r >= 0; };
	// Runs after each call: close fds, reap children.
	std::function<void(long)> cleanup = [](long) {};
};

std::vector<int> g_fds;
void CloseAll()
{
	for (int fd : g_fds)
		close(fd);
	g_fds.clear();
}
int Keep(int fd)
{
	g_fds.push_back(fd);
	return fd;
}

std::string TempDir()
{
	const char *t = getenv("TEST_TMPDIR");
	return t ? t : "/tmp";
}

std::string Describe(const std::vector<Extent> &ex, uintptr_t base)
{
	std::string s;
	for (const Extent &e : ex)
		s += std::string(e.dir ? " write+" : " read+") +
		     std::to_string(e.base - base) + ":" + std::to_string(e.n);
	return s;
}

void RunCase(const char *what, const Case &c)
{
	SCOPED_TRACE(what);
	long nr = c.nr;
	ASSERT_TRUE(footprint_known(nr)) << syscall_lookup(nr)->name;
	// First run: (a) and the expected extents.
	std::vector<Extent> ex;
	uintptr_t base1;
	long r1;
	{
		Arena a;
		long args[6] = {0};
		std::vector<Expected> want = c.setup(a, args);
		std::vector<unsigned char> before = a.Snapshot();
		footprint_state st;
		ASSERT_EQ(footprint_begin(&st, nr, args, ReadMem), 1);
		r1 = Raw(nr, args);
		ASSERT_TRUE(c.ok(r1)) << "result " << r1;
		ASSERT_EQ(footprint_end(&st, r1, ReadMem, Collect, &ex), 1);
		base1 = a.Base();
		std::vector<unsigned char> after = a.Snapshot();
		for (size_t i = 0; i < after.size(); i++) {
			if (before[i] == after[i])
				continue;
			int slot = static_cast<int>(i / (2 * kPage));
			uintptr_t addr = a.Base() + a.SlotOffset(slot) + i % (2 * kPage);
			bool inside = false;
			for (const Extent &e : ex)
				inside |= e.dir == FOOTPRINT_WRITE && addr >= e.base &&
					  addr < e.base + e.n;
			ASSERT_TRUE(inside) << "kernel wrote arena+" << addr - a.Base()
					    << " outside the write extents:"
					    << Describe(ex, a.Base());
		}
		for (const Expected &w : want) {
			bool found = false;
			for (const Extent &e : ex)
				found |= e.dir == w.dir &&
					 e.base == reinterpret_cast<uintptr_t>(w.base) &&
					 e.n == w.n;
			EXPECT_TRUE(found) << (w.dir ? "write" : "read") << " arena+"
					   << reinterpret_cast<uintptr_t>(w.base) - a.Base()
					   << " n=" << w.n << " missing from"
					   << Describe(ex, a.Base());
		}
		for (const Extent &e : ex)
			EXPECT_GT(e.n, 0u);
		c.cleanup(r1);
		CloseAll();
	}
	// Second run: (b).
	{
		Arena a;
		long args[6] = {0};
		c.setup(a, args);
		intptr_t shift = static_cast<intptr_t>(a.Base() - base1);
		for (const Extent &e : ex)
			ASSERT_TRUE(a.Contains(e.base + shift, e.n))
				<< "extent outside the arena:" << Describe(ex, base1);
		a.ProtectOutside(ex, shift);
		footprint_state st;
		footprint_begin(&st, nr, args, ReadMem);
		long r2 = Raw(nr, args);
		EXPECT_TRUE(c.ok(r2)) << "with only the reported pages readable: "
				      << r2 << " (first run: " << r1 << ")";
		c.cleanup(r2);
		CloseAll();
	}
}

// A pipe holding `n` bytes; returns the read end, *w the write end.
int PipeWith(size_t n, int *w = nullptr)
{
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	std::string data(n, 'x');
	EXPECT_EQ(write(p[1], data.data(), n), static_cast<ssize_t>(n));
	Keep(p[0]);
	Keep(p[1]);
	if (w)
		*w = p[1];
	return p[0];
}

std::string MakeFile(const char *name, size_t n)
{
	std::string path = TempDir() + "/" + name;
	int fd = open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0644);
	std::string data(n, 'y');
	EXPECT_EQ(write(fd, data.data(), n), static_cast<ssize_t>(n));
	close(fd);
	return path;
}

using V = std::vector<Expected>;
constexpr int R = FOOTPRINT_READ, W = FOOTPRINT_WRITE;

TEST(FootprintKernel, ReadWriteFamily)
{
	RunCase("read 40 of 4096", {SYS_read, [](Arena &a, long *g) {
		char *buf = a.Alloc(4096);
		g[0] = PipeWith(40); g[1] = P(buf); g[2] = 4096;
		return V{{W, buf, 40}};
	}});
	RunCase("read failing", {SYS_read, [](Arena &a, long *g) {
		g[0] = -1; g[1] = P(a.Alloc(64)); g[2] = 64;
		return V{};
	}, [](long r) { return r == -EBADF; }});
	RunCase("write", {SYS_write, [](Arena &a, long *g) {
		int w; PipeWith(0, &w);
		char *buf = a.Alloc(100);
		g[0] = w; g[1] = P(buf); g[2] = 100;
		return V{{R, buf, 100}};
	}});
	std::string file = MakeFile("fp_pread", 300);
	RunCase("pread64", {SYS_pread64, [&](Arena &a, long *g) {
		char *buf = a.Alloc(1000);
		g[0] = Keep(open(file.c_str(), O_RDONLY)); g[1] = P(buf); g[2] = 1000; g[3] = 100;
		return V{{W, buf, 200}};
	}});
	RunCase("pwrite64", {SYS_pwrite64, [&](Arena &a, long *g) {
		char *buf = a.Alloc(10);
		g[0] = Keep(open(file.c_str(), O_WRONLY)); g[1] = P(buf); g[2] = 10; g[3] = 5;
		return V{{R, buf, 10}};
	}});
	RunCase("readv", {SYS_readv, [](Arena &a, long *g) {
		char *b0 = a.Alloc(10), *b1 = a.Alloc(20), *b2 = a.Alloc(100);
		iovec *iov = reinterpret_cast<iovec *>(a.Alloc(3 * sizeof(iovec)));
		iov[0] = {b0, 10}; iov[1] = {b1, 20}; iov[2] = {b2, 100};
		g[0] = PipeWith(50); g[1] = P(iov); g[2] = 3;
		return V{{R, iov, 48}, {W, b0, 10}, {W, b1, 20}, {W, b2, 20}};
	}});
	RunCase("writev", {SYS_writev, [](Arena &a, long *g) {
		int w; PipeWith(0, &w);
		char *b0 = a.Alloc(7), *b1 = a.Alloc(9), *b2 = a.Alloc(3);
		iovec *iov = reinterpret_cast<iovec *>(a.Alloc(3 * sizeof(iovec)));
		iov[0] = {b0, 7}; iov[1] = {b1, 9}; iov[2] = {b2, 3};
		g[0] = w; g[1] = P(iov); g[2] = 3;
		return V{{R, iov, 48}, {R, b0, 7}, {R, b1, 9}, {R, b2, 3}};
	}});
	RunCase("preadv2", {SYS_preadv2, [&](Arena &a, long *g) {
		char *b0 = a.Alloc(64), *b1 = a.Alloc(1000);
		iovec *iov = reinterpret_cast<iovec *>(a.Alloc(2 * sizeof(iovec)));
		iov[0] = {b0, 64}; iov[1] = {b1, 1000};
		g[0] = Keep(open(file.c_str(), O_RDONLY)); g[1] = P(iov); g[2] = 2; g[3] = 0;
		return V{{R, iov, 32}, {W, b0, 64}, {W, b1, 236}};
	}});
	RunCase("pwritev2", {SYS_pwritev2, [&](Arena &a, long *g) {
		char *b0 = a.Alloc(5);
		iovec *iov = reinterpret_cast<iovec *>(a.Alloc(sizeof(iovec)));
		iov[0] = {b0, 5};
		g[0] = Keep(open(file.c_str(), O_WRONLY)); g[1] = P(iov); g[2] = 1; g[3] = 0;
		return V{{R, iov, 16}, {R, b0, 5}};
	}});
	RunCase("getrandom", {SYS_getrandom, [](Arena &a, long *g) {
		char *buf = a.Alloc(16);
		g[0] = P(buf); g[1] = 16;
		return V{{W, buf, 16}};
	}});
}

TEST(FootprintKernel, Paths)
{
	std::string file = MakeFile("fp_path", 10);
	std::string dir = TempDir() + "/fp_dir";
	mkdir(dir.c_str(), 0755);
	for (const char *f : {"/a", "/bb", "/ccc"})
		close(open((dir + f).c_str(), O_CREAT | O_WRONLY, 0644));
	RunCase("openat", {SYS_openat, [&](Arena &a, long *g) {
		char *path = a.Str(file.c_str());
		g[0] = AT_FDCWD; g[1] = P(path); g[2] = O_RDONLY;
		return V{{R, path, file.size() + 1}};
	}, [](long r) { return r >= 0; }, [](long r) { if (r >= 0) close(r); }});
	RunCase("openat ENOENT", {SYS_openat, [&](Arena &a, long *g) {
		char *path = a.Str("/nonexistent/fp");
		g[0] = AT_FDCWD; g[1] = P(path); g[2] = O_RDONLY;
		return V{{R, path, 16}};
	}, [](long r) { return r == -ENOENT; }});
	RunCase("newfstatat", {SYS_newfstatat, [&](Arena &a, long *g) {
		char *path = a.Str(file.c_str());
		char *st = a.Alloc(sizeof(struct stat));
		g[0] = AT_FDCWD; g[1] = P(path); g[2] = P(st); g[3] = 0;
		return V{{R, path, file.size() + 1}, {W, st, 144}};
	}});
	RunCase("stat", {SYS_stat, [&](Arena &a, long *g) {
		char *path = a.Str(file.c_str());
		char *st = a.Alloc(144);
		g[0] = P(path); g[1] = P(st);
		return V{{W, st, 144}};
	}});
	RunCase("lstat", {SYS_lstat, [&](Arena &a, long *g) {
		char *path = a.Str(file.c_str());
		char *st = a.Alloc(144);
		g[0] = P(path); g[1] = P(st);
		return V{{W, st, 144}};
	}});
	RunCase("fstat", {SYS_fstat, [&](Arena &a, long *g) {
		char *st = a.Alloc(144);
		g[0] = Keep(open(file.c_str(), O_RDONLY)); g[1] = P(st);
		return V{{W, st, 144}};
	}});
	RunCase("statx", {SYS_statx, [&](Arena &a, long *g) {
		char *path = a.Str(file.c_str());
		char *st = a.Alloc(256);
		g[0] = AT_FDCWD; g[1] = P(path); g[2] = 0; g[3] = 0xfff; g[4] = P(st);
		return V{{W, st, 256}};
	}});
	RunCase("statfs", {SYS_statfs, [&](Arena &a, long *g) {
		char *path = a.Str(file.c_str());
		char *st = a.Alloc(120);
		g[0] = P(path); g[1] = P(st);
		return V{{W, st, 120}};
	}});
	RunCase("access", {SYS_access, [&](Arena &a, long *g) {
		g[0] = P(a.Str(file.c_str())); g[1] = R_OK;
		return V{};
	}});
	RunCase("faccessat2", {SYS_faccessat2, [&](Arena &a, long *g) {
		g[0] = AT_FDCWD; g[1] = P(a.Str(file.c_str())); g[2] = R_OK; g[3] = 0;
		return V{};
	}});
	RunCase("getdents64", {SYS_getdents64, [&](Arena &a, long *g) {
		char *buf = a.Alloc(4096);
		g[0] = Keep(open(dir.c_str(), O_RDONLY | O_DIRECTORY)); g[1] = P(buf); g[2] = 4096;
		return V{};
	}});
	RunCase("getcwd", {SYS_getcwd, [](Arena &a, long *g) {
		char *buf = a.Alloc(4096);
		g[0] = P(buf); g[1] = 4096;
		char cwd[4096];
		EXPECT_NE(getcwd(cwd, sizeof cwd), nullptr);
		return V{{W, buf, strlen(cwd) + 1}};
	}});
	std::string link = TempDir() + "/fp_link";
	unlink(link.c_str());
	ASSERT_EQ(symlink("fp_path", link.c_str()), 0);
	RunCase("readlink", {SYS_readlink, [&](Arena &a, long *g) {
		char *path = a.Str(link.c_str());
		char *buf = a.Alloc(100);
		g[0] = P(path); g[1] = P(buf); g[2] = 100;
		return V{{R, path, link.size() + 1}, {W, buf, 7}};
	}});
	RunCase("mkdir+rmdir", {SYS_mkdirat, [&](Arena &a, long *g) {
		std::string d = TempDir() + "/fp_mk";
		g[0] = AT_FDCWD; g[1] = P(a.Str(d.c_str())); g[2] = 0700;
		return V{};
	}, [](long r) { return r >= 0; }, [](long) {
		rmdir((TempDir() + "/fp_mk").c_str());
	}});
	RunCase("utimensat", {SYS_utimensat, [&](Arena &a, long *g) {
		timespec *ts = reinterpret_cast<timespec *>(a.Alloc(32));
		ts[0] = {1, 0}; ts[1] = {2, 0};
		g[0] = AT_FDCWD; g[1] = P(a.Str(file.c_str())); g[2] = P(ts); g[3] = 0;
		return V{{R, ts, 32}};
	}});
}

TEST(FootprintKernel, InfoStructs)
{
	RunCase("uname", {SYS_uname, [](Arena &a, long *g) {
		char *b = a.Alloc(390); g[0] = P(b); return V{{W, b, 390}};
	}});
	RunCase("sysinfo", {SYS_sysinfo, [](Arena &a, long *g) {
		char *b = a.Alloc(112); g[0] = P(b); return V{{W, b, 112}};
	}});
	RunCase("times", {SYS_times, [](Arena &a, long *g) {
		char *b = a.Alloc(32); g[0] = P(b); return V{{W, b, 32}};
	}});
	RunCase("getrusage", {SYS_getrusage, [](Arena &a, long *g) {
		char *b = a.Alloc(144); g[0] = RUSAGE_SELF; g[1] = P(b); return V{{W, b, 144}};
	}});
	RunCase("getrlimit", {SYS_getrlimit, [](Arena &a, long *g) {
		char *b = a.Alloc(16); g[0] = RLIMIT_NOFILE; g[1] = P(b); return V{{W, b, 16}};
	}});
	RunCase("prlimit64", {SYS_prlimit64, [](Arena &a, long *g) {
		char *b = a.Alloc(16); g[0] = 0; g[1] = RLIMIT_NOFILE; g[2] = 0; g[3] = P(b);
		return V{{W, b, 16}};
	}});
	RunCase("clock_gettime", {SYS_clock_gettime, [](Arena &a, long *g) {
		char *b = a.Alloc(16); g[0] = CLOCK_MONOTONIC; g[1] = P(b); return V{{W, b, 16}};
	}});
	RunCase("gettimeofday", {SYS_gettimeofday, [](Arena &a, long *g) {
		char *tv = a.Alloc(16), *tz = a.Alloc(8); g[0] = P(tv); g[1] = P(tz);
		return V{{W, tv, 16}, {W, tz, 8}};
	}});
	RunCase("time", {SYS_time, [](Arena &a, long *g) {
		char *t = a.Alloc(8); g[0] = P(t); return V{{W, t, 8}};
	}});
	RunCase("getresuid", {SYS_getresuid, [](Arena &a, long *g) {
		char *r = a.Alloc(4), *e = a.Alloc(4), *s = a.Alloc(4);
		g[0] = P(r); g[1] = P(e); g[2] = P(s);
		return V{{W, r, 4}, {W, e, 4}, {W, s, 4}};
	}});
	RunCase("getgroups", {SYS_getgroups, [](Arena &a, long *g) {
		char *l = a.Alloc(64 * 4); g[0] = 64; g[1] = P(l);
		int n = getgroups(0, nullptr);
		return n > 0 ? V{{W, l, 4 * static_cast<size_t>(n)}} : V{};
	}});
	RunCase("sched_getaffinity", {SYS_sched_getaffinity, [](Arena &a, long *g) {
		char *m = a.Alloc(128); g[0] = 0; g[1] = 128; g[2] = P(m); return V{};
	}});
	RunCase("sigaltstack", {SYS_sigaltstack, [](Arena &a, long *g) {
		char *o = a.Alloc(24); g[0] = 0; g[1] = P(o); return V{{W, o, 24}};
	}});
	RunCase("rt_sigprocmask", {SYS_rt_sigprocmask, [](Arena &a, long *g) {
		uint64_t *set = a.New<uint64_t>(0);
		char *old = a.Alloc(8);
		g[0] = SIG_BLOCK; g[1] = P(set); g[2] = P(old); g[3] = 8;
		return V{{R, set, 8}, {W, old, 8}};
	}});
	RunCase("rt_sigaction", {SYS_rt_sigaction, [](Arena &a, long *g) {
		uint64_t act[4] = {0, 0, 0, 0}; // SIG_DFL
		uint64_t *pa = reinterpret_cast<uint64_t *>(a.Alloc(sizeof act));
		memcpy(pa, act, sizeof act);
		char *old = a.Alloc(32);
		g[0] = SIGURG; g[1] = P(pa); g[2] = P(old); g[3] = 8;
		return V{{R, pa, 32}, {W, old, 32}};
	}});
	RunCase("nanosleep", {SYS_nanosleep, [](Arena &a, long *g) {
		timespec *req = a.New(timespec{0, 1000});
		char *rem = a.Alloc(16);
		g[0] = P(req); g[1] = P(rem);
		return V{{R, req, 16}};
	}});
	RunCase("clock_nanosleep", {SYS_clock_nanosleep, [](Arena &a, long *g) {
		timespec *req = a.New(timespec{0, 1000});
		g[0] = CLOCK_MONOTONIC; g[1] = 0; g[2] = P(req); g[3] = P(a.Alloc(16));
		return V{{R, req, 16}};
	}});
	RunCase("prctl PR_GET_NAME", {SYS_prctl, [](Arena &a, long *g) {
		char *n = a.Alloc(16); g[0] = PR_GET_NAME; g[1] = P(n); return V{{W, n, 16}};
	}});
	RunCase("arch_prctl ARCH_GET_FS", {SYS_arch_prctl, [](Arena &a, long *g) {
		char *n = a.Alloc(8); g[0] = 0x1003; g[1] = P(n); return V{{W, n, 8}};
	}});
}

TEST(FootprintKernel, PollSelectEpoll)
{
	RunCase("select", {SYS_select, [](Arena &a, long *g) {
		int r = PipeWith(1);
		uint64_t set = 1ULL << r;
		uint64_t *rd = a.New(set);
		timeval *tv = a.New(timeval{1, 0});
		g[0] = r + 1; g[1] = P(rd); g[2] = 0; g[3] = 0; g[4] = P(tv);
		return V{{R, rd, 8}, {W, rd, 8}, {R, tv, 16}, {W, tv, 16}};
	}});
	RunCase("pselect6", {SYS_pselect6, [](Arena &a, long *g) {
		int r = PipeWith(1);
		uint64_t *rd = a.New<uint64_t>(1ULL << r);
		timespec *ts = a.New(timespec{0, 0});
		uint64_t *mask = a.New<uint64_t>(0);
		uint64_t pack[2] = {static_cast<uint64_t>(P(mask)), 8};
		uint64_t *pk = reinterpret_cast<uint64_t *>(a.Alloc(sizeof pack));
		memcpy(pk, pack, sizeof pack);
		g[0] = r + 1; g[1] = P(rd); g[4] = P(ts); g[5] = P(pk);
		return V{{R, pk, 16}, {R, mask, 8}, {R, ts, 16}};
	}});
	RunCase("poll", {SYS_poll, [](Arena &a, long *g) {
		int w, r = PipeWith(1, &w);
		pollfd *p = reinterpret_cast<pollfd *>(a.Alloc(2 * sizeof(pollfd)));
		p[0] = {r, POLLIN, 0}; p[1] = {w, POLLOUT, 0};
		g[0] = P(p); g[1] = 2; g[2] = 0;
		return V{{R, p, 16}, {W, reinterpret_cast<char *>(p) + 6, 2}};
	}});
	RunCase("ppoll", {SYS_ppoll, [](Arena &a, long *g) {
		int r = PipeWith(1);
		pollfd *p = a.New(pollfd{r, POLLIN, 0});
		timespec *ts = a.New(timespec{1, 0});
		g[0] = P(p); g[1] = 1; g[2] = P(ts);
		return V{{R, p, 8}, {R, ts, 16}};
	}});
	RunCase("epoll_wait", {SYS_epoll_wait, [](Arena &a, long *g) {
		int r = PipeWith(1);
		int ep = Keep(epoll_create1(0));
		epoll_event ev = {EPOLLIN, {}};
		epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev);
		char *evs = a.Alloc(8 * 12);
		g[0] = ep; g[1] = P(evs); g[2] = 8; g[3] = 0;
		return V{{W, evs, 12}};
	}});
	RunCase("epoll_ctl", {SYS_epoll_ctl, [](Arena &a, long *g) {
		int r = PipeWith(1);
		epoll_event *ev = a.New(epoll_event{EPOLLIN, {}});
		g[0] = Keep(epoll_create1(0)); g[1] = EPOLL_CTL_ADD; g[2] = r; g[3] = P(ev);
		return V{{R, ev, 12}};
	}});
}

TEST(FootprintKernel, Sockets)
{
	RunCase("socketpair", {SYS_socketpair, [](Arena &a, long *g) {
		char *sv = a.Alloc(8); g[0] = AF_UNIX; g[1] = SOCK_STREAM; g[3] = P(sv);
		return V{{W, sv, 8}};
	}, [](long r) { return r >= 0; }, [](long) {}});
	RunCase("pipe2", {SYS_pipe2, [](Arena &a, long *g) {
		char *fds = a.Alloc(8); g[0] = P(fds); g[1] = O_CLOEXEC;
		return V{{W, fds, 8}};
	}});
	RunCase("sendmsg", {SYS_sendmsg, [](Arena &a, long *g) {
		int sv[2];
		socketpair(AF_UNIX, SOCK_STREAM, 0, sv); Keep(sv[0]); Keep(sv[1]);
		char *b0 = a.Alloc(5), *b1 = a.Alloc(6);
		iovec *iov = reinterpret_cast<iovec *>(a.Alloc(32));
		iov[0] = {b0, 5}; iov[1] = {b1, 6};
		msghdr m = {}; m.msg_iov = iov; m.msg_iovlen = 2;
		msghdr *pm = a.New(m);
		g[0] = sv[0]; g[1] = P(pm); g[2] = 0;
		return V{{R, pm, 56}, {R, iov, 32}, {R, b0, 5}, {R, b1, 6}};
	}});
	RunCase("recvmsg with SCM_RIGHTS", {SYS_recvmsg, [](Arena &a, long *g) {
		int sv[2];
		socketpair(AF_UNIX, SOCK_DGRAM, 0, sv); Keep(sv[0]); Keep(sv[1]);
		// Send 3 bytes and one fd (with libc; only recvmsg is measured).
		char data[3] = {'a', 'b', 'c'};
		iovec siov = {data, 3};
		char ctl[CMSG_SPACE(sizeof(int))] = {};
		msghdr sm = {}; sm.msg_iov = &siov; sm.msg_iovlen = 1;
		sm.msg_control = ctl; sm.msg_controllen = sizeof ctl;
		cmsghdr *c = CMSG_FIRSTHDR(&sm);
		c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &sv[0], sizeof(int));
		EXPECT_EQ(sendmsg(sv[1], &sm, 0), 3);
		char *buf = a.Alloc(100), *name = a.Alloc(110), *control = a.Alloc(64);
		iovec *iov = a.New(iovec{buf, 100});
		msghdr m = {}; m.msg_name = name; m.msg_namelen = 110;
		m.msg_iov = iov; m.msg_iovlen = 1;
		m.msg_control = control; m.msg_controllen = 64;
		msghdr *pm = a.New(m);
		g[0] = sv[0]; g[1] = P(pm); g[2] = MSG_CMSG_CLOEXEC;
		return V{{R, pm, 56}, {R, iov, 16}, {W, buf, 3}, {W, control, 20}};
	}, [](long r) { return r == 3; }, [](long) {
		// The received fd: whatever is above the ones we kept.
		for (int fd = 3; fd < 64; fd++) {
			struct stat st;
			if (fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode)) {
				bool ours = false;
				for (int k : g_fds) ours |= k == fd;
				if (!ours) close(fd);
			}
		}
	}});
	RunCase("sendto/recvfrom", {SYS_recvfrom, [](Arena &a, long *g) {
		int sv[2];
		socketpair(AF_UNIX, SOCK_DGRAM, 0, sv); Keep(sv[0]); Keep(sv[1]);
		EXPECT_EQ(send(sv[1], "hello", 5, 0), 5);
		char *buf = a.Alloc(64), *addr = a.Alloc(110);
		socklen_t *len = a.New<socklen_t>(110);
		g[0] = sv[0]; g[1] = P(buf); g[2] = 64; g[3] = 0; g[4] = P(addr); g[5] = P(len);
		return V{{W, buf, 5}, {R, len, 4}, {W, len, 4}};
	}});
	RunCase("accept4/getsockname", {SYS_getsockname, [](Arena &a, long *g) {
		int s = Keep(socket(AF_UNIX, SOCK_STREAM, 0));
		sockaddr_un un = {}; un.sun_family = AF_UNIX;
		memcpy(un.sun_path, "\0fp-test-sock", 13);
		bind(s, reinterpret_cast<sockaddr *>(&un), offsetof(sockaddr_un, sun_path) + 13);
		char *addr = a.Alloc(8);
		socklen_t *len = a.New<socklen_t>(8);
		g[0] = s; g[1] = P(addr); g[2] = P(len);
		// Only 8 of the 15 address bytes fit: the kernel stores 8
		// and says 15.
		return V{{W, addr, 8}, {W, len, 4}};
	}});
	RunCase("getsockopt", {SYS_getsockopt, [](Arena &a, long *g) {
		int sv[2];
		socketpair(AF_UNIX, SOCK_STREAM, 0, sv); Keep(sv[0]); Keep(sv[1]);
		char *v = a.Alloc(16);
		socklen_t *len = a.New<socklen_t>(16);
		g[0] = sv[0]; g[1] = SOL_SOCKET; g[2] = SO_RCVBUF; g[3] = P(v); g[4] = P(len);
		return V{{W, v, 4}, {W, len, 4}};
	}});
	RunCase("connect", {SYS_connect, [](Arena &a, long *g) {
		int s = Keep(socket(AF_UNIX, SOCK_STREAM, 0));
		sockaddr_un un = {}; un.sun_family = AF_UNIX;
		memcpy(un.sun_path, "\0fp-test-listen", 15);
		bind(s, reinterpret_cast<sockaddr *>(&un), offsetof(sockaddr_un, sun_path) + 15);
		listen(s, 4);
		socklen_t n = offsetof(sockaddr_un, sun_path) + 15;
		char *pa = a.Alloc(n);
		memcpy(pa, &un, n);
		g[0] = Keep(socket(AF_UNIX, SOCK_STREAM, 0)); g[1] = P(pa); g[2] = n;
		return V{{R, pa, n}};
	}});
}

TEST(FootprintKernel, Ioctl)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	ASSERT_GE(master, 0);
	grantpt(master);
	unlockpt(master);
	RunCase("ioctl TCGETS", {SYS_ioctl, [&](Arena &a, long *g) {
		char *t = a.Alloc(36); g[0] = master; g[1] = TCGETS; g[2] = P(t);
		return V{{W, t, 36}};
	}});
	RunCase("ioctl TCSETS", {SYS_ioctl, [&](Arena &a, long *g) {
		char *t = a.Alloc(36);
		EXPECT_EQ(ioctl(master, TCGETS, t), 0);
		g[0] = master; g[1] = TCSETS; g[2] = P(t);
		return V{{R, t, 36}};
	}});
	RunCase("ioctl TIOCGWINSZ", {SYS_ioctl, [&](Arena &a, long *g) {
		char *t = a.Alloc(8); g[0] = master; g[1] = TIOCGWINSZ; g[2] = P(t);
		return V{{W, t, 8}};
	}});
	RunCase("ioctl TCGETS on a pipe", {SYS_ioctl, [](Arena &a, long *g) {
		g[0] = PipeWith(0); g[1] = TCGETS; g[2] = P(a.Alloc(36));
		return V{};
	}, [](long r) { return r == -ENOTTY; }});
	RunCase("ioctl FIONREAD", {SYS_ioctl, [](Arena &a, long *g) {
		char *n = a.Alloc(4); g[0] = PipeWith(9); g[1] = FIONREAD; g[2] = P(n);
		return V{{W, n, 4}};
	}});
	close(master);
	footprint_state st;
	long args[6] = {0, 0x12345678, 0, 0, 0, 0};
	footprint_begin(&st, SYS_ioctl, args, ReadMem);
	std::vector<Extent> ex;
	EXPECT_EQ(footprint_end(&st, 0, ReadMem, Collect, &ex), 0)
		<< "an unknown ioctl request must be unknown, not guessed";
}

TEST(FootprintKernel, Futex)
{
	RunCase("futex WAIT (value differs)", {SYS_futex, [](Arena &a, long *g) {
		uint32_t *w = a.New<uint32_t>(1);
		timespec *ts = a.New(timespec{0, 1000});
		g[0] = P(w); g[1] = FUTEX_WAIT_PRIVATE; g[2] = 2; g[3] = P(ts);
		return V{{R, w, 4}, {R, ts, 16}};
	}, [](long r) { return r == -EAGAIN; }});
	RunCase("futex WAKE private", {SYS_futex, [](Arena &a, long *g) {
		g[0] = P(a.New<uint32_t>(0)); g[1] = FUTEX_WAKE_PRIVATE; g[2] = 1;
		return V{};
	}});
	RunCase("futex WAKE shared", {SYS_futex, [](Arena &a, long *g) {
		uint32_t *w = a.New<uint32_t>(0);
		g[0] = P(w); g[1] = FUTEX_WAKE; g[2] = 1;
		return V{{R, w, 4}};
	}});
}

void ReapChild(long pid)
{
	if (pid > 0) {
		int status;
		waitpid(static_cast<pid_t>(pid), &status, __WALL);
	}
}

TEST(FootprintKernel, Processes)
{
	RunCase("clone3 PIDFD|PARENT_SETTID", {SYS_clone3, [](Arena &a, long *g) {
		int *pidfd = a.New<int>(-1), *ptid = a.New<int>(0);
		clone_args ca = {};
		ca.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
		ca.pidfd = static_cast<uint64_t>(P(pidfd));
		ca.parent_tid = static_cast<uint64_t>(P(ptid));
		ca.exit_signal = SIGCHLD;
		clone_args *pca = a.New(ca);
		g[0] = P(pca); g[1] = sizeof ca;
		return V{{R, pca, sizeof ca}, {W, pidfd, 4}, {W, ptid, 4}};
	}, [](long r) {
		if (r == 0)
			_exit(0); // the child
		return r > 0;
	}, [](long r) { ReapChild(r); for (int fd = 3; fd < 64; fd++) {
		char p[64]; char l[64] = "";
		snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
		if (readlink(p, l, sizeof l - 1) > 0 && strstr(l, "pidfd")) close(fd);
	} }});
	RunCase("clone PARENT_SETTID", {SYS_clone, [](Arena &a, long *g) {
		int *ptid = a.New<int>(0);
		g[0] = SIGCHLD | CLONE_PARENT_SETTID; g[1] = 0; g[2] = P(ptid);
		return V{{W, ptid, 4}};
	}, [](long r) {
		if (r == 0)
			_exit(0);
		return r > 0;
	}, ReapChild});
	RunCase("wait4", {SYS_wait4, [](Arena &a, long *g) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(3);
		int *status = a.New<int>(0);
		char *ru = a.Alloc(144);
		g[0] = pid; g[1] = P(status); g[2] = 0; g[3] = P(ru);
		return V{{W, status, 4}, {W, ru, 144}};
	}, [](long r) { return r > 0; }});
	RunCase("execve failing", {SYS_execve, [](Arena &a, long *g) {
		char *path = a.Str("/nonexistent/fp-exec");
		char **argv = reinterpret_cast<char **>(a.Alloc(3 * sizeof(char *)));
		argv[0] = a.Str("fp"); argv[1] = a.Str("arg one"); argv[2] = nullptr;
		char **envp = reinterpret_cast<char **>(a.Alloc(2 * sizeof(char *)));
		envp[0] = a.Str("A=1"); envp[1] = nullptr;
		g[0] = P(path); g[1] = P(argv); g[2] = P(envp);
		return V{{R, path, 21}, {R, argv, 24}, {R, argv[1], 8}, {R, envp, 16},
			 {R, envp[0], 4}};
	}, [](long r) { return r == -ENOENT; }});
}

// A successful execve: only reads matter, and the process is replaced, so
// the check runs in a child with every unreported page PROT_NONE.
TEST(FootprintKernel, ExecveSucceedsWithOnlyReportedPages)
{
	Arena a;
	char *path = a.Str("/bin/true");
	char **argv = reinterpret_cast<char **>(a.Alloc(3 * sizeof(char *)));
	argv[0] = a.Str("true");
	argv[1] = a.Str("--fp-arg");
	argv[2] = nullptr;
	char **envp = reinterpret_cast<char **>(a.Alloc(3 * sizeof(char *)));
	envp[0] = a.Str("FP=1");
	envp[1] = a.Str("PATH=/bin:/usr/bin");
	envp[2] = nullptr;
	long args[6] = {P(path), P(argv), P(envp), 0, 0, 0};
	footprint_state st;
	ASSERT_EQ(footprint_begin(&st, SYS_execve, args, ReadMem), 1);
	std::vector<Extent> ex;
	ASSERT_EQ(footprint_end(&st, 0, ReadMem, Collect, &ex), 1);
	EXPECT_EQ(ex.size(), 7u) << Describe(ex, a.Base()); // path, 2 arrays, 4 strings
	a.ProtectOutside(ex, 0);
	pid_t pid = fork();
	if (pid == 0) {
		long r = Raw(SYS_execve, args);
		_exit(r == -EFAULT ? 98 : 99);
	}
	int status = 0;
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

extern "C" {
extern const ptrdiff_t __rseq_offset __attribute__((weak));
extern const unsigned int __rseq_size __attribute__((weak));
}

// rseq: this thread's glibc registration is taken off, ours measured,
// then glibc's put back (same area, length and signature).
TEST(FootprintKernel, Rseq)
{
	if (!&__rseq_size || !__rseq_size)
		GTEST_SKIP() << "glibc did not register rseq";
	char *tp;
	asm("mov %%fs:0, %0" : "=r"(tp));
	long glibc_area = P(tp + __rseq_offset);
	const long sig = 0x53053053;
	unsigned glibc_len = __rseq_size < 32 ? 32 : __rseq_size;
	ASSERT_EQ(syscall(SYS_rseq, glibc_area, glibc_len, 1, sig), 0);
	long current = 0;
	RunCase("rseq register", {SYS_rseq, [&](Arena &a, long *g) {
		char *area = a.Alloc(32);
		memset(area, 0, 32); // rseq_cs must be NULL
		current = P(area);
		g[0] = P(area); g[1] = 32; g[2] = 0; g[3] = sig;
		return V{{R, area, 32}};
	}, [](long r) { return r == 0; }, [&](long r) {
		// Before the arena goes: the kernel writes the area on every
		// return to user space while it is registered.
		if (r == 0) {
			EXPECT_EQ(syscall(SYS_rseq, current, 32, 1, sig), 0);
		}
	}});
	ASSERT_EQ(syscall(SYS_rseq, glibc_area, glibc_len, 0, sig), 0);
}

TEST(FootprintKernel, FilesToFiles)
{
	std::string in = MakeFile("fp_cfr_in", 100);
	std::string out = MakeFile("fp_cfr_out", 0);
	RunCase("copy_file_range", {SYS_copy_file_range, [&](Arena &a, long *g) {
		loff_t *oin = a.New<loff_t>(10), *oout = a.New<loff_t>(0);
		g[0] = Keep(open(in.c_str(), O_RDONLY)); g[1] = P(oin);
		g[2] = Keep(open(out.c_str(), O_WRONLY)); g[3] = P(oout); g[4] = 50;
		return V{{R, oin, 8}, {W, oin, 8}, {R, oout, 8}, {W, oout, 8}};
	}});
	RunCase("sendfile", {SYS_sendfile, [&](Arena &a, long *g) {
		int w; PipeWith(0, &w);
		loff_t *off = a.New<loff_t>(0);
		g[0] = w; g[1] = Keep(open(in.c_str(), O_RDONLY)); g[2] = P(off); g[3] = 20;
		return V{{R, off, 8}, {W, off, 8}};
	}});
	RunCase("fcntl F_GETLK", {SYS_fcntl, [&](Arena &a, long *g) {
		struct flock fl = {};
		fl.l_type = F_RDLCK; fl.l_whence = SEEK_SET;
		struct flock *pf = a.New(fl);
		g[0] = Keep(open(in.c_str(), O_RDWR)); g[1] = F_GETLK; g[2] = P(pf);
		return V{{R, pf, 32}, {W, pf, 32}};
	}});
}

TEST(FootprintTable, UnknownIsNeverGuessed)
{
	// rt_sigreturn reads a signal frame no argument names; shmctl's
	// buffer depends on the command and no rule describes it.
	EXPECT_FALSE(footprint_known(SYS_rt_sigreturn));
	EXPECT_FALSE(footprint_known(SYS_shmctl));
	EXPECT_FALSE(footprint_known(9999));
	// A FP_TABLE row must not keep an argument whose memory is unknown.
	for (long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
		const syscall_signature *sig = syscall_lookup(nr);
		if (!sig || sig->fp != FP_TABLE)
			continue;
		for (int i = 0; i < sig->nargs; i++) {
			unsigned mem = syscall_arg_mem(&sig->args[i]);
			EXPECT_NE(mem, static_cast<unsigned>(MEM_UNKNOWN)) << sig->name << " arg " << i;
			bool sized = mem == MEM_STRUCT_IN || mem == MEM_STRUCT_OUT ||
				     mem == MEM_STRUCT_OUT_POS || mem == MEM_STRUCT_OUT_EINTR ||
				     mem == MEM_STRUCT_INOUT || mem == MEM_STRUCT_INOUT_POS ||
				     mem == MEM_STRUCT_INOUT_ALWAYS || mem == MEM_TIMEOUT_INOUT ||
				     mem == MEM_ARRAY_IN || mem == MEM_ARRAY_OUT_RESULT ||
				     mem == MEM_SIGSET_ARGPACK;
			if (sized) {
				EXPECT_GT(syscall_struct_size(syscall_arg_struct(&sig->args[i])), 0u)
					<< sig->name << " arg " << i;
			}
			bool needs_size = mem == MEM_BUF_IN || mem == MEM_BUF_OUT ||
					  mem == MEM_ARRAY_IN || mem == MEM_IOVEC_IN_RESULT ||
					  mem == MEM_IOVEC_OUT_RESULT || mem == MEM_LEN_OUT ||
					  mem == MEM_FDSET_INOUT || mem == MEM_POLLFDS;
			if (needs_size) {
				EXPECT_GE(sig->args[i].size_arg, 0) << sig->name << " arg " << i;
			}
		}
	}
}

TEST(FootprintText, ExactLines)
{
	char buf[160];
	size_t n = footprint_format_extent(buf, sizeof buf, FOOTPRINT_READ,
					   0x7ffd5e3c1a90, 14, "openat");
	EXPECT_EQ(std::string(buf, n),
		  "footprint: read base=0x00007ffd5e3c1a90 n=0x000000000000000e syscall=openat\n");
	n = footprint_format_extent(buf, sizeof buf, FOOTPRINT_WRITE, 0x1000, 0x28, "read");
	EXPECT_EQ(std::string(buf, n),
		  "footprint: write base=0x0000000000001000 n=0x0000000000000028 syscall=read\n");
	n = footprint_format_unknown(buf, sizeof buf, "rt_sigreturn");
	EXPECT_EQ(std::string(buf, n), "footprint: unknown syscall=rt_sigreturn\n");
	EXPECT_EQ(footprint_format_extent(buf, 20, 0, 0, 0, "x"), 0u);
}

}  // namespace
