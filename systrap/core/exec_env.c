/* execve: the kept variables (LD_PRELOAD, SYSTRAP_*, and what tools keep)
 * survive into the new program, even into an empty environment, or are
 * handed to the self-contained image; a blocked or ignored trap signal
 * stays so across the exec; where the image's hand-off may be spared, an
 * execve whose file is not there is answered from its path's lookup. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/spin.h"
#include "systrap/core/arena.h"
#include "systrap/core/intercept_parts.h"
#include "systrap/core/safe_memory.h"
#include "systrap/core/trap_signal.h"

/* ---- execve: the preload survives, even into an empty environment ---- */

/* execve is made from the jump fast path, which saves no vector register
 * and may run in a vfork child on its parent's stack: nothing here calls
 * libc, whose string functions use vector registers. The loops are not
 * turned into memcpy calls (-fno-tree-loop-distribute-patterns). */
static size_t str_len(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static int str_ncmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x != y)
			return x < y ? -1 : 1;
		if (!x)
			break;
	}
	return 0;
}

static void copy_mem(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

/* The variables kept in every exec'd program's environment ("NAME=value"),
 * all in one block: a page of our own first (nothing mapped for the usual
 * few, where each had pages of its own: eight mmaps at every image's start,
 * two more in each fork child before its exec), pages once they outgrow it.
 * A new value of the same name is written over the old where it fits, else
 * appended; a full block is compacted into one twice as large. Writers
 * (systrap_keep_env) and readers (an execve copying them) hold the lock
 * with every signal blocked, so a handler that execs cannot deadlock on its
 * own thread, and two threads' execve each see whole values. A fork child
 * (alone, its lock possibly copied held) resets it. */
#define MAX_STICKY 16
struct kept_head {
	int lock;
	int count;              /* slots in use */
	char *ptr[MAX_STICKY];  /* each slot's "NAME=value" */
	size_t cap[MAX_STICKY]; /* its room in the block */
	char *block;            /* pages, or NULL for `first` */
	size_t block_cap, block_used;
};
/* All in one page, the first block too: a fork child that keeps a value
 * before its exec copies one page, not two. All zero at first (block NULL
 * stands for `first`): in .bss, not a page of data with a pointer that the
 * loader relocates, which copies it at every start. */
static struct {
	struct kept_head h;
	char first[ARCH_PAGE - sizeof(struct kept_head)];
} kept_vars __attribute__((aligned(ARCH_PAGE)));

static char *kept_block(void)
{
	return kept_vars.h.block ? kept_vars.h.block : kept_vars.first;
}

static size_t kept_block_cap(void)
{
	return kept_vars.h.block ? kept_vars.h.block_cap : sizeof kept_vars.first;
}

static uint64_t kept_lock_take(void)
{
	uint64_t all = ~0ULL, old;
	raw_rt_sigprocmask(SIG_BLOCK, &all, &old);
	while (__atomic_exchange_n(&kept_vars.h.lock, 1, __ATOMIC_ACQUIRE))
		arch_spin_pause();
	return old;
}

static void kept_lock_drop(uint64_t old)
{
	__atomic_store_n(&kept_vars.h.lock, 0, __ATOMIC_RELEASE);
	raw_rt_sigprocmask(SIG_SETMASK, &old, 0);
	trap_signal_mask_may_change();
}

static size_t name_len(const char *kv)
{
	size_t n = 0;
	while (kv[n] && kv[n] != '=')
		n++;
	return n;
}

/* Room for n more bytes at the block's end: the other slots' values (all
 * but `skip`) moved into a block twice what they and n need. */
static int kept_make_room(size_t n, int skip)
{
	if (kept_vars.h.block_used + n <= kept_block_cap())
		return 0;
	size_t live = n;
	for (int k = 0; k < kept_vars.h.count; k++)
		if (k != skip)
			live += str_len(kept_vars.h.ptr[k]) + 1;
	size_t cap = ARCH_PAGE_UP(2 * live);
	char *block = pages_alloc(cap);
	if (!block)
		return -ENOMEM;
	size_t used = 0;
	for (int k = 0; k < kept_vars.h.count; k++) {
		if (k == skip)
			continue;
		size_t m = str_len(kept_vars.h.ptr[k]) + 1;
		copy_mem(block + used, kept_vars.h.ptr[k], m);
		kept_vars.h.ptr[k] = block + used;
		kept_vars.h.cap[k] = m;
		used += m;
	}
	if (kept_vars.h.block)
		pages_free(kept_vars.h.block, kept_vars.h.block_cap);
	kept_vars.h.block = block;
	kept_vars.h.block_cap = cap;
	kept_vars.h.block_used = used;
	return 0;
}

/* Slot k (kept_vars.h.count for a new one) holds kv afterwards; the caller
 * holds kept_vars.h.lock. */
static int keep_in_slot(int k, const char *kv)
{
	size_t n = str_len(kv) + 1;
	if (k == MAX_STICKY)
		return -ENOSPC;
	if (k == kept_vars.h.count || kept_vars.h.cap[k] < n) {
		int r = kept_make_room(n, k);
		if (r)
			return r;
		kept_vars.h.ptr[k] = kept_block() + kept_vars.h.block_used;
		kept_vars.h.cap[k] = n;
		kept_vars.h.block_used += n;
		if (k == kept_vars.h.count)
			kept_vars.h.count++;
	}
	copy_mem(kept_vars.h.ptr[k], kv, n);
	return 0;
}

void intercept_capture_env(char **env)
{
	uint64_t old = kept_lock_take();
	for (char **e = env; e && *e && kept_vars.h.count < MAX_STICKY; e++)
		if (!str_ncmp(*e, "LD_PRELOAD=", 11) ||
		    !str_ncmp(*e, "SYSTRAP_", 8))
			keep_in_slot(kept_vars.h.count, *e);
	kept_lock_drop(old);
}

int systrap_keep_env(const char *kv)
{
	size_t nl = name_len(kv);
	uint64_t old = kept_lock_take();
	int k = 0;
	while (k < kept_vars.h.count &&
	       (name_len(kept_vars.h.ptr[k]) != nl || str_ncmp(kept_vars.h.ptr[k], kv, nl + 1)))
		k++;
	int r = keep_in_slot(k, kv);
	kept_lock_drop(old);
	return r;
}

/* Written only when held: a fork child that writes the page copies it. */
void intercept_kept_env_fork_child(void)
{
	if (__atomic_load_n(&kept_vars.h.lock, __ATOMIC_RELAXED))
		__atomic_store_n(&kept_vars.h.lock, 0, __ATOMIC_RELAXED);
}

/* The kept variables one after another into dst, each whole or not at
 * all within cap bytes, starts[k] (when given) where each went: the bytes
 * used. The caller holds the lock. */
static size_t kept_copy_locked(char *dst, size_t cap, char **starts)
{
	size_t used = 0;
	for (int k = 0; k < kept_vars.h.count; k++) {
		size_t n = str_len(kept_vars.h.ptr[k]) + 1;
		if (used + n > cap)
			break;
		copy_mem(dst + used, kept_vars.h.ptr[k], n);
		if (starts)
			starts[k] = dst + used;
		used += n;
	}
	return used;
}

size_t intercept_kept_copy(char *dst, size_t cap)
{
	uint64_t old = kept_lock_take();
	size_t used = kept_copy_locked(dst, cap - 1, 0); /* room for the end */
	kept_lock_drop(old);
	dst[used] = 0;
	return used + 1;
}

/* An execve's own copy of the kept variables: kept[0..count-1] point into
 * pages of `*size` bytes at the returned address, `extra` bytes free at
 * its start for the caller. NULL with *count 0 when nothing is kept (or no
 * memory). */
static char *kept_snapshot(size_t extra, char *kept[MAX_STICKY], int *count,
			   size_t *size)
{
	uint64_t old = kept_lock_take();
	size_t bytes = 0;
	for (int k = 0; k < kept_vars.h.count; k++)
		bytes += str_len(kept_vars.h.ptr[k]) + 1;
	char *block = 0;
	*count = 0;
	if (kept_vars.h.count) {
		*size = extra + bytes;
		block = pages_alloc(*size);
	}
	if (block) {
		kept_copy_locked(block + extra, bytes, kept);
		*count = kept_vars.h.count;
	}
	kept_lock_drop(old);
	return block;
}

static int contains(const char *hay, const char *needle)
{
	size_t n = str_len(needle);
	for (; *hay; hay++)
		if (!str_ncmp(hay, needle, n))
			return 1;
	return 0;
}

/* Whether this process has one thread (/proc/self/stat's 20th field). While
 * the trap signal is really ignored, any trap kills the process: that is only
 * safe for the last moments of a single thread's execve. */
int single_threaded(void)
{
	char buf[1024];
	long fd = raw_openat(AT_FDCWD, "/proc/self/stat", O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	long n = raw_read((int)fd, buf, sizeof buf - 1);
	raw_close((int)fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	/* Fields after the command name, which ends at the last ')'. */
	char *p = 0;
	for (char *q = buf; *q; q++)
		if (*q == ')')
			p = q;
	if (!p)
		return 0;
	int field = 2;
	for (; *p && field < 20; p++)
		if (*p == ' ')
			field++;
	return p[0] == '1' && p[1] == ' ';
}

/* Whether the program ignores sig, one of the signals we own: a trap
 * signal (its virtual action) or SIGSEGV/SIGBUS (owned for reads that
 * recover from their faults). */
static int program_ignores(int sig)
{
	if (trap_signal_owned(sig)) {
		struct kernel_sigaction virt;
		trap_signal_get_virtual(sig, &virt);
		return virt.handler == SIG_IGN;
	}
	return trap_signal_owns_fault(sig) && trap_signal_fault_ignored(sig);
}

/* Runs the execve `run` for c. What execve keeps, it must keep in the
 * program's view too: a blocked trap signal (the new image's systrap_init
 * reads it back) and an ignored one (SIGSEGV and SIGBUS too). Returns only
 * when execve failed, with everything put back. */
static void exec_keeping_trap_state(struct systrap_call *c,
				    const struct systrap_call *run)
{
	uint64_t blocked = trap_signal_virtually_blocked();
	/* The signals we own that the program ignores, really ignored for the
	 * exec, as their bits; only in a single thread (single_threaded). */
	uint64_t ignored = 0;
	int single = -1;
	for (int sig = 1; sig <= 64; sig++) {
		if (!program_ignores(sig))
			continue;
		if (single < 0)
			single = single_threaded();
		if (!single)
			break;
		struct kernel_sigaction ign = {SIG_IGN, 0, 0, 0};
		if (!raw_rt_sigaction(sig, &ign, 0))
			ignored |= 1ULL << (sig - 1);
	}
	if (blocked)
		raw_rt_sigprocmask(SIG_BLOCK, &blocked, 0);
	c->result = raw6(run);
	int trap_ignored = 0;
	for (int sig = 1; sig <= 64; sig++) {
		if (!(ignored & (1ULL << (sig - 1))))
			continue;
		if (trap_signal_owned(sig))
			trap_ignored = 1;
		else
			trap_signal_fault_reinstall(sig);
	}
	if (trap_ignored)
		trap_signal_reinstall();
	if (blocked) {
		raw_rt_sigprocmask(SIG_UNBLOCK, &blocked, 0);
		trap_signal_mask_may_change();
	}
}

static const struct intercept_exec_handoff *handoff;

void intercept_set_exec_handoff(const struct intercept_exec_handoff *h)
{
	handoff = h;
}

/* intercept_exec_lookup_settled(): an execve whose path's lookup fails is
 * answered from the lookup, with no hand-off. */
static int lookup_settles;

void intercept_exec_lookup_settled(int settled)
{
	__atomic_store_n(&lookup_settles, settled, __ATOMIC_RELAXED);
}

void intercept_exec_lookup_unsettled(void)
{
	__atomic_store_n(&lookup_settles, 0, __ATOMIC_RELAXED);
}

/* Whether c (execve, execveat) fails at its path's lookup: then its result
 * is that lookup's error, the one the kernel's own lookup (the same path
 * walk, as the same user, following a final symbolic link as execve does)
 * gives first (intercept_exec_lookup_settled). Only the errors of a walk
 * that finds no file: any other answer, a file found among them, goes to
 * the kernel, and so does EACCES (a directory's search permission, which
 * exec's walk would refuse alike, or a security module's refusal of
 * stat's getattr, which exec may not ask). An execveat with AT_EMPTY_PATH
 * (its fd's own file) or a flag unknown here does too. */
static int fails_at_lookup(struct systrap_call *c)
{
	int dirfd = AT_FDCWD;
	long path = c->args[0], flags = 0;
	if (c->nr == SYS_execveat) {
		dirfd = (int)c->args[0];
		path = c->args[1];
		flags = c->args[4];
		if (flags & ~(long)AT_SYMLINK_NOFOLLOW)
			return 0;
	}
	struct stat st;
	long r = raw_newfstatat(dirfd, (const char *)path, &st, (int)flags);
	switch (r) {
	case -ENOENT:
	case -ENOTDIR:
	case -ELOOP:
	case -ENAMETOOLONG:
		c->result = r;
		return 1;
	default:
		return 0;
	}
}

void intercept_exec_handoff_fork_child(void)
{
	if (handoff && handoff->fork_child)
		handoff->fork_child();
}

/* The pointers before envp's NULL (pointers only, read safely), read up
 * to a page's end at a time: one read where each pointer took one, and
 * each read may be a look at the signal mask and a process_vm_readv (a
 * vfork child of dash, every signal blocked, made ~55 of each an exec).
 * -1 when a pointer is unreadable before the NULL: the kernel will refuse
 * the execve with EFAULT. */
/* Not inlined: its chunk is on the stack only while it counts (the trap
 * path's stack is bounded: 16 KiB threads). */
static __attribute__((noinline)) long count_pointers(uintptr_t envp)
{
	uintptr_t chunk[64];
	long n = 0;
	if (!envp)
		return 0;
	for (;;) {
		uintptr_t at = envp + n * sizeof *chunk;
		size_t want = (ARCH_PAGE - (at & (ARCH_PAGE - 1))) &
			      ~(sizeof *chunk - 1);
		if (!want) /* a pointer across the page's end */
			want = sizeof *chunk;
		if (want > sizeof chunk)
			want = sizeof chunk;
		size_t got = safe_read(chunk, at, want) / sizeof *chunk;
		for (size_t i = 0; i < got; i++, n++)
			if (!chunk[i])
				return n;
		if (got < want / sizeof *chunk)
			return -1;
	}
}

void perform_execve(struct systrap_call *c)
{
	int envp_arg = c->nr == SYS_execveat ? 3 : 2;
	uintptr_t envp = (uintptr_t)c->args[envp_arg];
	/* The image's hand-off copies the kept variables itself (into the
	 * launcher's request: no copy of ours mapped an exec), and needs no
	 * look at the environment here. */
	if (handoff) {
		if (__atomic_load_n(&lookup_settles, __ATOMIC_RELAXED) &&
		    fails_at_lookup(c))
			return;
		long token = handoff->before();
		if (token != INTERCEPT_EXEC_PRELOAD) {
			exec_keeping_trap_state(c, c);
			handoff->failed(token, c->result);
			return;
		}
	}
	long counted = count_pointers(envp);
	if (counted < 0) {
		/* Unterminated: the call as the program made it, which the
		 * kernel fails with EFAULT, rather than a new environment
		 * made of the part we could read. */
		exec_keeping_trap_state(c, c);
		return;
	}
	size_t n = (size_t)counted;
	uintptr_t e;
	/* One block: the new environment's pointers, room for a merged
	 * LD_PRELOAD, then this execve's copy of the kept variables. */
	char *kept[MAX_STICKY];
	int kept_count;
	size_t size = 0;
	char **env = (char **)kept_snapshot(
		(n + MAX_STICKY + 1) * sizeof(char *) + 2 * ARCH_PAGE, kept,
		&kept_count, &size);
	if (!kept_count) {
		exec_keeping_trap_state(c, c);
		pages_free(env, size);
		return;
	}
	char *strings = (char *)(env + n + MAX_STICKY + 1);
	size_t used = 0;
	size_t out = 0;
	int have[MAX_STICKY] = {0};
	/* The pointers counted, in one read, where the new ones go. */
	n = safe_read(env, envp, n * sizeof e) / sizeof e;
	for (size_t i = 0; i < n; i++) {
		e = (uintptr_t)env[i];
		char head[64] = {0};
		safe_read(head, e, sizeof head - 1);
		env[out] = (char *)e;
		for (int k = 0; k < kept_count; k++) {
			size_t nl = name_len(kept[k]);
			if (str_ncmp(head, kept[k], nl + 1))
				continue;
			have[k] = 1;
			/* The program's own LD_PRELOAD: keep ours in front. */
			if (!str_ncmp(kept[k], "LD_PRELOAD=", 11)) {
				char theirs[ARCH_PAGE / 2];
				size_t got = safe_read(theirs, e, sizeof theirs - 1);
				theirs[got] = 0;
				if (!contains(theirs, kept[k] + 11)) {
					char *s = strings + used;
					size_t a = str_len(kept[k]);
					size_t b = str_len(theirs + 11);
					if (used + a + b + 2 < 2 * ARCH_PAGE) {
						copy_mem(s, kept[k], a);
						s[a] = ':';
						copy_mem(s + a + 1, theirs + 11, b + 1);
						used += a + b + 2;
						env[out] = s;
					}
				}
			}
		}
		out++;
	}
	for (int k = 0; k < kept_count; k++)
		if (!have[k])
			env[out++] = kept[k];
	env[out] = 0;
	struct systrap_call copy = *c;
	copy.args[envp_arg] = (long)env;
	exec_keeping_trap_state(c, &copy);
	pages_free(env, size); /* only reached when execve failed */
}
