/* pidns: a pid as the tracer sees it (pidns.h). */
#include "systrap/handlers/pidns.h"

#include <fcntl.h>
#include <linux/nsfs.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/proc_status.h"
#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/text_buffer.h"

#define MAX_LEVELS 32 /* the kernel's limit on nested pid namespaces */
#define CACHE_SIZE 16

static uint64_t tracer_ns, tracer_proc_dev;
static int tracer_column;

/* What the caller's process knows of itself (state 0: not yet looked). */
struct self_facts {
	int state;      /* 0 unknown, 1 known, -1 cannot translate */
	int pid;        /* its pid in its namespace, when known */
	uint64_t ns;    /* its pid namespace's inode */
	int own_col;    /* its level's column in /proc's NS lines */
	int tracer_col; /* the tracer's level's column */
};
static struct self_facts self;
/* The parent's, while a vfork child below its namespace runs on our
 * memory (pidns_vfork_child_begin). */
static struct self_facts vfork_parent;
static int vfork_parent_kept;

/* (type, pid in the namespace of the caller's level) -> the tracer's view
 * and /proc's: checked against /proc/PROC/status at each use. */
static struct cache_entry {
	int type, pid, outer, proc;
} cache[CACHE_SIZE];
static unsigned cache_next;
/* The caller's own pid, translated (getpid in a loop costs no /proc). */
static struct {
	int pid, outer, proc;
} self_ids;

void pidns_set_tracer_ns(uint64_t ino, uint64_t proc_dev, int column)
{
	tracer_ns = ino;
	tracer_proc_dev = proc_dev;
	tracer_column = column;
	self.state = 0;
}

void pidns_set_self_in_tracer_ns(void)
{
	self.ns = tracer_ns;
	self.own_col = self.tracer_col = tracer_column;
	self.state = 1;
}

/* Only what is set is cleared: a fork child that writes a page of ours
 * copies it (copy-on-write), in the parent too. */
void pidns_forget(void)
{
	if (self.state)
		self.state = 0;
	if (self_ids.pid)
		self_ids.pid = 0;
	for (unsigned i = 0; i < CACHE_SIZE; i++)
		if (cache[i].proc)
			cache[i].proc = 0;
}

void pidns_before_fork(void)
{
	if (self.state != 1)
		return;
	int me = (int)raw_getpid();
	if (self.pid != me)
		self.pid = me;
}

void pidns_after_fork(void)
{
	/* The parent's namespace is ours when the parent is in it: then
	 * getppid names it by the pid it had (in another namespace, below
	 * the parent's, getppid says 0). A parent that ended meanwhile, or
	 * one whose pid was not known: learnt again. self.pid stays the
	 * parent's (no copy of this page in a child that only execs): a
	 * fork of ours sets it first (pidns_before_fork). */
	int parent = self.pid;
	if (self.state == 1 && parent > 0 && raw_getppid() == parent) {
		if (self_ids.pid)
			self_ids.pid = 0;
		return;
	}
	pidns_forget();
}

void pidns_vfork_child_begin(void)
{
	if (raw_getppid() != 0)
		return; /* the parent's namespace: its facts hold */
	vfork_parent = self;
	vfork_parent_kept = 1;
	/* Cached pids are numbers of the parent's namespace, not ours. */
	pidns_forget();
}

void pidns_vfork_child_end(void)
{
	if (!vfork_parent_kept)
		return;
	pidns_forget();
	self = vfork_parent;
	vfork_parent_kept = 0;
}

static char *put_dec(char *p, unsigned v)
{
	char d[12];
	int n = 0;
	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10));
	while (n)
		*p++ = d[--n];
	return p;
}

static char *put_s(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

/* "/proc/" PID (0: "self", -1: "thread-self") "/" what */
static void proc_path(char *out, int pid, const char *what)
{
	char *p = put_s(out, "/proc/");
	if (pid == 0)
		p = put_s(p, "self");
	else if (pid < 0)
		p = put_s(p, "thread-self");
	else
		p = put_dec(p, (unsigned)pid);
	*p++ = '/';
	p = put_s(p, what);
	*p = 0;
}

/* The first cap-1 bytes of a small /proc file, NUL-terminated; its length
 * or -1. */
static long read_small(const char *path, char *buf, long cap)
{
	long fd = raw_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	long n = 0;
	while (n < cap - 1) {
		long r = raw_read((int)fd, buf + n, (size_t)(cap - 1 - n));
		if (r <= 0)
			break;
		n += r;
	}
	raw_close((int)fd);
	buf[n] = 0;
	return n;
}

static const char *const ns_keys[] = {
	[PIDNS_TID] = "\nNSpid:", [PIDNS_TGID] = "\nNStgid:",
	[PIDNS_PGID] = "\nNSpgid:", [PIDNS_SID] = "\nNSsid:",
};

/* The ids of one NS line of /proc/PID/status (pid as in proc_path), from
 * /proc's namespace down: their count, 0 when unreadable. */
static int status_ids(int pid, int type, int *ids)
{
	char path[48], buf[1024];
	proc_path(path, pid, "status");
	if (read_small(path, buf, sizeof buf) <= 0)
		return 0;
	return proc_status_ids(buf, ns_keys[type], ids, MAX_LEVELS);
}

static uint64_t fd_ino(long fd)
{
	struct stat st;
	if (raw_newfstatat((int)fd, "", &st, AT_EMPTY_PATH) < 0)
		return 0;
	return (uint64_t)st.st_ino;
}

static int learn_self(void)
{
	struct stat st;
	if (raw_newfstatat(AT_FDCWD, "/proc/self/ns/pid", &st, 0) < 0)
		return -1;
	self.ns = (uint64_t)st.st_ino;
	/* The tracer's namespace (the common case): one stat, no more. */
	if (tracer_ns && self.ns == tracer_ns) {
		self.own_col = self.tracer_col = tracer_column;
		return 1;
	}
	int ids[MAX_LEVELS];
	int n = status_ids(0, PIDNS_TGID, ids);
	if (n <= 0)
		return -1;
	self.own_col = n - 1;
	if (!tracer_ns) {
		self.tracer_col = self.own_col;
		return 1;
	}
	/* Below the tracer's namespace, seen through the tracer's /proc. */
	if (raw_newfstatat(AT_FDCWD, "/proc", &st, 0) < 0 ||
	    (uint64_t)st.st_dev != tracer_proc_dev ||
	    tracer_column >= self.own_col)
		return -1;
	self.tracer_col = tracer_column;
	return 1;
}

int pidns_same_as_tracer(void)
{
	if (!self.state)
		self.state = learn_self();
	if (self.state < 0)
		return -1;
	return self.own_col == self.tracer_col;
}

/* Whether /proc/PROC's `type` ids hold pid in our column: the translation
 * into *outer, or 0. `ours`: the entry is known to be in our namespace
 * (the caller itself), else a process whose own namespace is at our level
 * must be ours (a sibling namespace has the same columns). */
static int match(int proc, int type, int pid, int ours, int *outer)
{
	int ids[MAX_LEVELS];
	int n = status_ids(proc, type, ids);
	if (n <= self.own_col || ids[self.own_col] != pid)
		return 0;
	if (!ours) {
		/* The namespace at our level must be ours (a sibling's has
		 * the same columns): its own for a process at our level, an
		 * ancestor's (NS_GET_PARENT, allowed from our level down)
		 * for a deeper one. A zombie shows none, and is not taken. */
		int tids[MAX_LEVELS];
		int up = status_ids(proc, PIDNS_TID, tids) - 1 - self.own_col;
		char path[48];
		proc_path(path, proc, "ns/pid");
		long fd = raw_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
		for (; fd >= 0 && up > 0; up--) {
			long parent = raw_syscall3(SYS_ioctl, fd, NS_GET_PARENT, 0);
			raw_close((int)fd);
			fd = parent;
		}
		if (fd < 0)
			return 0;
		uint64_t ino = fd_ino(fd);
		raw_close((int)fd);
		if (ino != self.ns)
			return 0;
	}
	*outer = ids[self.tracer_col];
	return 1;
}

/* The first entry named by a number in the /proc directory dir_path for
 * which found(entry, arg) says yes: that number, or 0. */
static int find_numbered_entry(const char *dir_path,
			       int (*found)(int entry, void *arg), void *arg)
{
	long dir = raw_openat(AT_FDCWD, dir_path,
			      O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (dir < 0)
		return 0;
	int hit = 0;
	char buf[512];
	while (!hit) {
		long n = raw_syscall3(SYS_getdents64, dir, (long)buf, sizeof buf);
		if (n <= 0)
			break;
		for (long off = 0; off < n && !hit;) {
			/* linux_dirent64: ino 8, off 8, reclen 2, type 1, name */
			unsigned short reclen =
				(unsigned short)((unsigned char)buf[off + 16] |
						 (unsigned char)buf[off + 17] << 8);
			const char *name = buf + off + 19;
			off += reclen;
			int entry = 0;
			const char *c = name;
			while (*c >= '0' && *c <= '9')
				entry = entry * 10 + (*c++ - '0');
			if (!*c && entry && found(entry, arg))
				hit = entry;
		}
	}
	raw_close((int)dir);
	return hit;
}

struct wanted {
	int pid, type, *outer;
};

/* A process of /proc whose `type` ids hold w->pid in our column. */
static int holds_pid(int entry, void *arg)
{
	struct wanted *w = arg;
	return match(entry, w->type, w->pid, 0, w->outer);
}

/* Another thread of ours whose tid here is w->pid: /proc lists processes,
 * not threads, so holds_pid never finds one; /proc/self/task does (each
 * entry named by /proc's numbers: a thread's /proc entry, not listed but
 * there, holds its NS lines). */
static int is_our_thread(int entry, void *arg)
{
	struct wanted *w = arg;
	int ids[MAX_LEVELS];
	int k = status_ids(entry, PIDNS_TID, ids);
	if (k <= self.own_col || ids[self.own_col] != w->pid)
		return 0;
	*w->outer = ids[self.tracer_col];
	return 1;
}

int pidns_translate(int pid, int type, int *proc_pid)
{
	int dummy;
	if (!proc_pid)
		proc_pid = &dummy;
	*proc_pid = 0;
	if (pid <= 0 || type < PIDNS_TID || type > PIDNS_SID)
		return 0;
	if (!self.state)
		self.state = learn_self();
	if (self.state < 0)
		return 0;
	/* /proc is our namespace's, and so is the tracer's: nothing to do. */
	if (self.own_col == 0 && self.tracer_col == 0) {
		*proc_pid = pid;
		return pid;
	}
	int outer;
	/* Our own pid (and the main thread's tid, the same ids) and tid:
	 * ours as long as we live, no check needed. */
	if (type == PIDNS_TGID || type == PIDNS_TID) {
		if (self_ids.pid == pid) {
			*proc_pid = self_ids.proc;
			return self_ids.outer;
		}
		int own = pid == (int)raw_getpid();
		if (own || (type == PIDNS_TID && pid == (int)raw_gettid())) {
			int ids[MAX_LEVELS];
			int n = status_ids(own ? 0 : -1, own ? PIDNS_TGID : PIDNS_TID,
					   ids);
			if (n <= self.own_col)
				return 0;
			*proc_pid = ids[0];
			if (own) {
				self_ids.outer = ids[self.tracer_col];
				self_ids.proc = ids[0];
				self_ids.pid = pid;
			}
			return ids[self.tracer_col];
		}
	}
	for (unsigned i = 0; i < CACHE_SIZE; i++) {
		struct cache_entry *e = &cache[i];
		if (e->pid != pid || e->type != type || !e->proc)
			continue;
		if (match(e->proc, type, pid, 1, &outer) && outer == e->outer) {
			*proc_pid = e->proc;
			return outer;
		}
		e->proc = 0;
	}
	struct wanted w = {pid, type, &outer};
	int proc = type == PIDNS_TID
			   ? find_numbered_entry("/proc/self/task", is_our_thread, &w)
			   : 0;
	if (!proc)
		proc = find_numbered_entry("/proc", holds_pid, &w);
	if (!proc)
		return 0;
	struct cache_entry *e = &cache[cache_next++ % CACHE_SIZE];
	e->type = type;
	e->pid = pid;
	e->outer = outer;
	e->proc = proc;
	*proc_pid = proc;
	return outer;
}

/* ---- printing (decode_context.h) ---- */

/* "<comm>" of /proc/PROC (0: the caller's thread), quoted as strace's
 * print_comm_str quotes it; nothing when unreadable. */
static void print_comm(const struct decode_context *ctx, int proc)
{
	char path[48], buf[32];
	proc_path(path, proc ? proc : -1, "comm");
	long n = read_small(path, buf, sizeof buf);
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	if (n <= 0)
		return;
	tb_char(ctx->tb, '<');
	print_fd_path_text(ctx, buf, (size_t)n);
	tb_char(ctx->tb, '>');
}

size_t pidns_own_comm(char *buf, size_t cap, int hex_strings)
{
	struct text_buffer tb;
	tb_init(&tb, buf, cap);
	struct format_options opts;
	format_options_init(&opts);
	opts.hex_strings = hex_strings;
	struct decode_context ctx = { &tb, &opts, 0, -1, 0, 0, 0, 0, 0 };
	print_comm(&ctx, 0);
	return tb_finish(&tb);
}

/* strace's printpid_translation(): "<comm>" under -Y for a thread or
 * process id, the comment "N in strace's PID NS" under --pidns-translation
 * when the tracer's number differs. */
static void print_translation(const struct decode_context *ctx, int pid,
			      int type)
{
	unsigned want = ctx->opts->decode_pids;
	int comm = (want & FORMAT_PID_COMM) &&
		   (type == PIDNS_TID || type == PIDNS_TGID);
	int ns = want & FORMAT_PID_NS;
	if (!comm && !ns)
		return;
	int proc = 0;
	int outer = pidns_translate(pid, type, &proc);
	if (!outer)
		return;
	struct text_buffer *tb = ctx->tb;
	if (comm && proc)
		print_comm(ctx, proc);
	if (ns && outer != pid) {
		tb_str(tb, " /* ");
		tb_dec(tb, outer);
		tb_str(tb, " in strace's PID NS */");
	}
}

void print_pid(const struct decode_context *ctx, long pid, int type)
{
	tb_dec(ctx->tb, (int)pid);
	print_translation(ctx, (int)pid, type);
}

void print_pid_tgid_pgid(const struct decode_context *ctx, long pid)
{
	int v = (int)pid;
	tb_dec(ctx->tb, v);
	if (v > 0)
		print_translation(ctx, v, PIDNS_TGID);
	else if (v < -1)
		print_translation(ctx, -v, PIDNS_PGID);
}
