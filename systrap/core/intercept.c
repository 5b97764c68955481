#include "systrap/core/intercept.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "systrap/arch/context.h"
#include "systrap/arch/cycles.h"
#include "systrap/arch/fast_stack.h"
#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/spin.h"
#include "systrap/arch/thread_pointer.h"
#include "systrap/core/arena.h"
#include "systrap/core/instrumenter.h"
#include "systrap/core/maps.h"
#include "systrap/core/safe_memory.h"
#include "systrap/core/sealed.h"
#include "systrap/core/site_registry.h"
#include "systrap/core/thread_block.h"
#include "systrap/core/trap_signal.h"

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31) /* linux/signal.h, clashes with signal.h */
#endif

static long raw6(const struct systrap_call *c)
{
	return raw_syscall6(c->nr, c->args[0], c->args[1], c->args[2],
			    c->args[3], c->args[4], c->args[5]);
}

/* ---- new code: mmap and mprotect that make memory executable ---- */

static void instrument_new_code_now(uintptr_t lo, size_t len, int prot,
				    int fd, uint64_t offset);

/* Timed, so that tools can leave it out of the call's duration. */
static void instrument_new_code(uintptr_t lo, size_t len, int prot, int fd,
				uint64_t offset)
{
	uint64_t t0 = arch_cycles();
	instrument_new_code_now(lo, len, prot, fd, offset);
	thread_block_current()->own_work_cycles += arch_cycles() - t0;
}

static void instrument_new_code_now(uintptr_t lo, size_t len, int prot,
				    int fd, uint64_t offset)
{
	uintptr_t hi = lo + ARCH_PAGE_UP(len);
	if (fd >= 0) {
		/* Pages past the end of the file would raise SIGBUS. */
		struct stat st;
		if (raw_syscall2(SYS_fstat, fd, (long)&st) ||
		    (uint64_t)st.st_size <= offset)
			return;
		if ((uint64_t)st.st_size - offset < hi - lo)
			hi = lo + (uintptr_t)(st.st_size - offset);
	}
	if (!(prot & PROT_READ) || !region_has_candidates(lo, hi))
		return;
	struct elf_source src = {fd, 0, 0};
	struct code_region r = {
		.lo = lo,
		.hi = hi,
		.prot = prot,
		.elf = fd >= 0 ? &src : 0,
		.where = {lo, offset},
		.object = "",
		.object_base = lo,
	};
	char path[256];
	if (fd >= 0) {
		char link[32] = "/proc/self/fd/";
		int n = 14, v = fd, digits = 1;
		for (int t = v; t >= 10; t /= 10)
			digits++;
		for (int i = digits - 1; i >= 0; i--, v /= 10)
			link[n + i] = (char)('0' + v % 10);
		link[n + digits] = 0;
		long len_ = raw_readlinkat(AT_FDCWD, link, path,
					   sizeof path - 1);
		if (len_ > 0) {
			path[len_] = 0;
			r.object = path;
			r.object_base = lo - offset;
		}
	}
	instrument_region(&r, 0);
}

/* A fresh mapping is not yet known to the program, so it can be patched
 * after mmap returns and before anyone runs it. */
static void perform_mmap(struct systrap_call *c)
{
	c->result = raw6(c);
	int prot = (int)c->args[2];
	if (raw_is_error(c->result))
		return;
	/* A fixed mapping replaces whatever code was there: its sites (and
	 * a pool of trampolines wholly inside) go with it. */
	if (c->args[3] & MAP_FIXED)
		instrumenter_forget_range((uintptr_t)c->result,
					  (uintptr_t)c->result +
						  ARCH_PAGE_UP((size_t)c->args[1]));
	if (!(prot & PROT_EXEC))
		return;
	int anon = (c->args[3] & MAP_ANONYMOUS) != 0;
	instrument_new_code((uintptr_t)c->result, (size_t)c->args[1],
			    prot | PROT_READ, anon ? -1 : (int)c->args[4],
			    anon ? 0 : (uint64_t)c->args[5]);
}

/* Memory becoming executable (a JIT's RW -> RX flip) is patched while it is
 * still not executable: made RW, patched, then given the asked protection. */
static void perform_mprotect(struct systrap_call *c)
{
	int prot = (int)c->args[2]; /* also pkey_mprotect's */
	uintptr_t lo = (uintptr_t)c->args[0];
	size_t len = (size_t)c->args[1];
	if ((prot & PROT_EXEC) && !(lo & (ARCH_PAGE - 1)) && len) {
		uintptr_t hi = lo + ARCH_PAGE_UP(len);
		char probe;
		/* Readable now and holding new candidates? Then patch first. */
		if (safe_read(&probe, lo, 1) == 1 &&
		    safe_read(&probe, hi - 1, 1) == 1 &&
		    region_has_candidates(lo, hi)) {
			int staging = (prot & ~PROT_EXEC) | PROT_READ | PROT_WRITE;
			if (raw_mprotect((void *)lo, len, staging) == 0)
				instrument_new_code(lo, len, staging, -1, 0);
		}
	}
	c->result = raw6(c);
}

static void perform_munmap(struct systrap_call *c)
{
	c->result = raw6(c);
	if (!c->result)
		instrumenter_forget_range((uintptr_t)c->args[0],
					  (uintptr_t)c->args[0] +
						  (size_t)c->args[1]);
}

/* The new pages of an executable mapping grown by mremap, [grown_lo, hi),
 * hold code nobody has seen yet: instrumented like a fresh mapping, from the
 * start of the mapping (the nearest place decoding is known to start in
 * step), with the file's ELF information when it has a file. */
/* Instruments [lo, hi) of mapping e (executable) as new code: with its
 * file's ELF information when it has a file; without one, up to the first
 * page from probe_from on that cannot be read (past the end of a file). */
static void instrument_part(const struct mapping *e, uintptr_t lo,
			    uintptr_t hi, uintptr_t probe_from)
{
	long fd = -1;
	if (e->path[0] == '/')
		fd = raw_openat(AT_FDCWD, e->path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0) {
		char probe;
		for (uintptr_t p = probe_from; p < hi; p += ARCH_PAGE)
			if (safe_read(&probe, p, 1) != 1) {
				hi = p;
				break;
			}
	}
	if (hi > lo)
		instrument_new_code(lo, hi - lo, e->prot | PROT_READ, (int)fd,
				    e->offset);
	if (fd >= 0)
		raw_close((int)fd);
}

/* The mapping holding addr, from a fresh read of the maps (m, which the
 * caller frees), or NULL. */
static const struct mapping *mapping_at(struct maps *m, uintptr_t addr)
{
	if (maps_read(m)) {
		m->count = 0;
		m->entries = 0;
		m->text = 0;
		return 0;
	}
	for (size_t i = 0; i < m->count; i++)
		if (addr >= m->entries[i].start && addr < m->entries[i].end)
			return &m->entries[i];
	return 0;
}

static void instrument_grown(uintptr_t grown_lo, uintptr_t hi)
{
	struct maps m;
	const struct mapping *e = mapping_at(&m, grown_lo);
	if (e && (e->prot & PROT_EXEC))
		instrument_part(e, e->start, hi > e->end ? e->end : hi,
				grown_lo);
	if (m.entries)
		maps_free(&m);
}

/* ---- sealed mode: rewriting a site the kernel dispatched ---- */

/* Sites looked at and left alone (not an instruction start, or in code
 * that may change), so that each costs one look, not one per call. */
#define LEFT_ALONE 64
static uintptr_t left_alone[LEFT_ALONE];
static unsigned left_alone_next;

static int was_left_alone(uintptr_t site)
{
	for (int i = 0; i < LEFT_ALONE; i++)
		if (__atomic_load_n(&left_alone[i], __ATOMIC_RELAXED) == site)
			return 1;
	return 0;
}

static void leave_alone(uintptr_t site)
{
	unsigned i = __atomic_fetch_add(&left_alone_next, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&left_alone[i % LEFT_ALONE], site, __ATOMIC_RELAXED);
}

static int single_threaded(void);

void intercept_rewrite_dispatched(uintptr_t site)
{
	struct trap_site known;
	if (was_left_alone(site) || site_registry_find(site, &known))
		return;
	/* Patching makes the page writable without execute for a moment: no
	 * other thread may be running there. */
	if (!single_threaded()) {
		leave_alone(site);
		return;
	}
	struct maps m;
	const struct mapping *e = mapping_at(&m, site);
	/* Only code nobody can change under us: private (no alias writes
	 * into it), and not writable (a JIT's RWX region). */
	if (e && (e->prot & PROT_EXEC) && !(e->prot & PROT_WRITE) && !e->shared)
		instrument_part(e, e->start, e->end, e->start);
	if (m.entries)
		maps_free(&m);
	/* Not an instruction start per the decoder: left as it is. */
	if (!site_registry_find(site, &known))
		leave_alone(site);
}

/* mremap moves instrumented code, trap bytes and all: its sites must follow
 * it. What the kernel unmapped (a shrunk tail; whatever MREMAP_FIXED
 * replaced at the target) is forgotten, and the new part of a grown
 * executable mapping is instrumented. */
static void perform_mremap(struct systrap_call *c)
{
	uintptr_t old_lo = (uintptr_t)c->args[0];
	size_t old_len = ARCH_PAGE_UP((size_t)c->args[1]);
	size_t new_len = ARCH_PAGE_UP((size_t)c->args[2]);
	c->result = raw6(c);
	/* old_len 0 maps the same shared pages a second time: see the limits
	 * in docs/DESIGN.md. */
	if (raw_is_error(c->result) || !old_len)
		return;
	uintptr_t new_lo = (uintptr_t)c->result;
	if (new_len < old_len)
		instrumenter_forget_range(old_lo + new_len, old_lo + old_len);
	if (new_lo != old_lo) {
		/* A move never overlaps the old range; its target held
		 * nothing, or what MREMAP_FIXED just unmapped. */
		instrumenter_forget_range(new_lo, new_lo + new_len);
		instrumenter_region_moved(old_lo, old_len, new_lo, new_len);
	}
	if (new_len > old_len)
		instrument_grown(new_lo + old_len, new_lo + new_len);
}

/* ---- the trap signal: virtual action, never blocked ---- */

static void perform_sigaction(struct systrap_call *c)
{
	int sig = (int)c->args[0];
	uintptr_t act = (uintptr_t)c->args[1], oldact = (uintptr_t)c->args[2];
	if (c->args[3] != KERNEL_SIGSET_SIZE) {
		c->result = -EINVAL;
		return;
	}
	struct kernel_sigaction k;
	if (trap_signal_owned(sig)) {
		struct kernel_sigaction old;
		trap_signal_get_virtual(sig, &old);
		if (act && safe_read(&k, act, sizeof k) != sizeof k) {
			c->result = -EFAULT;
			return;
		}
		if (oldact && safe_write(oldact, &old, sizeof old)) {
			c->result = -EFAULT;
			return;
		}
		/* Kept as given (the mask with the trap bit too): delivery
		 * leaves the bit out of the real mask. */
		if (act)
			trap_signal_set_virtual(sig, &k);
		c->result = 0;
		return;
	}
	/* Other signals: their handlers must not block the trap signal
	 * (trap_signal.c keeps what the program asked). */
	if (sig < 1 || sig > 64) {
		c->result = raw6(c);
		return;
	}
	int have_act = act && safe_read(&k, act, sizeof k) == sizeof k;
	if (act && !have_act) {
		c->result = -EFAULT;
		return;
	}
	struct kernel_sigaction old;
	if (trap_signal_owns_fault(sig)) /* SIGSEGV, SIGBUS: virtual too */
		c->result = trap_signal_fault_sigaction(
			sig, have_act ? &k : 0, oldact ? &old : 0);
	else
		c->result = trap_signal_other_sigaction(
			sig, have_act ? &k : 0, oldact ? &old : 0);
	if (!c->result && oldact && safe_write(oldact, &old, sizeof old))
		c->result = -EFAULT;
}

void intercept_fast_stack_refresh(void)
{
	struct arch_fast_stack *f = &thread_block_current()->fast_stack;
	stack_t ss;
	if (f->shared || raw_syscall2(SYS_sigaltstack, 0, (long)&ss))
		return;
	/* SS_AUTODISARM: the stack is given up while a handler runs on it,
	 * which may then leave it (swapcontext): the kernel would put a
	 * nested frame where the handler is, so we stay where we are. */
	if ((unsigned)ss.ss_flags & (SS_DISABLE | SS_AUTODISARM)) {
		f->hi = 0;
		f->lo = 0;
		return;
	}
	f->lo = (uintptr_t)ss.ss_sp;
	f->hi = (uintptr_t)ss.ss_sp + ss.ss_size;
}

/* A sent trap signal waiting for the program to unblock it is pending. */
static void perform_sigpending(struct systrap_call *c)
{
	c->result = raw6(c);
	uint64_t set;
	if (c->result || c->args[1] != KERNEL_SIGSET_SIZE ||
	    !trap_signal_virtually_pending() ||
	    safe_read(&set, (uintptr_t)c->args[0], sizeof set) != sizeof set)
		return;
	set |= trap_signal_virtually_pending();
	safe_write((uintptr_t)c->args[0], &set, sizeof set);
}

static void perform_sigprocmask(struct systrap_call *c, void *context)
{
	int how = (int)c->args[0];
	uintptr_t set = (uintptr_t)c->args[1], oldset = (uintptr_t)c->args[2];
	uint64_t bit = trap_signal_bits();
	uint64_t was_blocked = trap_signal_virtually_blocked();
	uint64_t now_blocked = was_blocked;
	uint64_t filtered, *pass = 0;
	if (c->args[3] != KERNEL_SIGSET_SIZE) {
		c->result = raw6(c);
		return;
	}
	if (set) {
		if (safe_read(&filtered, set, sizeof filtered) !=
		    sizeof filtered) {
			c->result = -EFAULT;
			return;
		}
		uint64_t in_set = filtered & bit;
		if (how != SIG_UNBLOCK)
			trap_signal_note_mask(filtered);
		if (how == SIG_BLOCK)
			now_blocked = was_blocked | in_set;
		else if (how == SIG_UNBLOCK)
			now_blocked = was_blocked & ~in_set;
		else if (how == SIG_SETMASK)
			now_blocked = in_set;
		filtered &= ~bit;
		pass = &filtered;
	}
	uint64_t old;
	c->result = raw_rt_sigprocmask(how, pass, oldset ? &old : 0);
	if (c->result)
		return;
	if (oldset) {
		old = (old & ~bit) | was_blocked;
		if (safe_write(oldset, &old, sizeof old)) {
			c->result = -EFAULT;
			return;
		}
	}
	trap_signal_set_virtually_blocked(now_blocked);
	/* The trap's sigreturn restores the mask saved in its frame: write the
	 * new one there, or the change would be undone on return. A call
	 * made from a jump trampoline (no context) has no frame to fix. */
	if (!context)
		return;
	uint64_t cur;
	raw_rt_sigprocmask(SIG_BLOCK, 0, &cur);
	*arch_context_sigmask(context) = cur & ~bit;
}

/* Calls that install a temporary mask: the same filtering, on a copy. While
 * the call waits, the trap signal is (virtually) blocked as that mask says:
 * a handler that runs inside the call reads it back so, and a sent trap
 * signal waits or is let through as the mask says. */
static void call_with_mask(struct systrap_call *c, uintptr_t mask_ptr,
			   uint64_t *m, int mask_arg, uintptr_t arg_value)
{
	uint64_t bit = trap_signal_bits();
	if (!mask_ptr || safe_read(m, mask_ptr, sizeof *m) != sizeof *m) {
		c->result = raw6(c); /* no mask, or the kernel's EFAULT */
		return;
	}
	trap_signal_note_mask(*m);
	uint64_t was = trap_signal_enter_blocked(*m & bit);
	struct systrap_call copy = *c;
	*m &= ~bit;
	copy.args[mask_arg] = (long)arg_value;
	c->result = raw6(&copy);
	trap_signal_set_virtually_blocked(was);
}

static void perform_with_temp_mask(struct systrap_call *c, int mask_arg)
{
	uint64_t m;
	call_with_mask(c, (uintptr_t)c->args[mask_arg], &m, mask_arg,
		       (uintptr_t)&m);
}

/* pselect6's and io_pgetevents' sixth argument points at {const sigset_t
 * *ss; size_t len} (io_pgetevents' struct __aio_sigset): the pack is
 * copied, its mask pointer aimed at the filtered copy of the mask. */
static void perform_with_mask_pack(struct systrap_call *c)
{
	struct {
		uintptr_t ss;
		size_t len;
	} data;
	uint64_t m;
	uintptr_t p = (uintptr_t)c->args[5];
	if (!p || safe_read(&data, p, sizeof data) != sizeof data) {
		c->result = raw6(c);
		return;
	}
	uintptr_t theirs = data.ss;
	data.ss = (uintptr_t)&m;
	call_with_mask(c, theirs, &m, 5, (uintptr_t)&data);
}

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
 * each in pages of its own that a new value of the same name reuses when
 * it fits (replaced and freed when it does not): a tool that keeps a value
 * from each execve's pre hook maps nothing new per execve. Writers
 * (systrap_keep_env) and readers (an execve taking its snapshot) hold
 * kept_lock with every signal blocked, so a handler that execs cannot
 * deadlock on its own thread, and two threads' execve each see whole
 * values. A fork child (alone, its lock possibly copied held) resets it. */
#define MAX_STICKY 16
static char *sticky[MAX_STICKY];
static size_t sticky_cap[MAX_STICKY];
static int sticky_count;
static int kept_lock;

static uint64_t kept_lock_take(void)
{
	uint64_t all = ~0ULL, old;
	raw_rt_sigprocmask(SIG_BLOCK, &all, &old);
	while (__atomic_exchange_n(&kept_lock, 1, __ATOMIC_ACQUIRE))
		arch_spin_pause();
	return old;
}

static void kept_lock_drop(uint64_t old)
{
	__atomic_store_n(&kept_lock, 0, __ATOMIC_RELEASE);
	raw_rt_sigprocmask(SIG_SETMASK, &old, 0);
}

static size_t name_len(const char *kv)
{
	size_t n = 0;
	while (kv[n] && kv[n] != '=')
		n++;
	return n;
}

/* Slot k (sticky_count for a new one) holds kv afterwards; the caller
 * holds kept_lock. */
static int keep_in_slot(int k, const char *kv)
{
	size_t n = str_len(kv) + 1;
	if (k == MAX_STICKY)
		return -ENOSPC;
	if (k == sticky_count || sticky_cap[k] < n) {
		char *copy = pages_alloc(n);
		if (!copy)
			return -ENOMEM;
		if (k < sticky_count)
			pages_free(sticky[k], sticky_cap[k]);
		sticky[k] = copy;
		sticky_cap[k] = ARCH_PAGE_UP(n);
		if (k == sticky_count)
			sticky_count++;
	}
	copy_mem(sticky[k], kv, n);
	return 0;
}

void intercept_capture_env(char **env)
{
	uint64_t old = kept_lock_take();
	for (char **e = env; e && *e && sticky_count < MAX_STICKY; e++)
		if (!str_ncmp(*e, "LD_PRELOAD=", 11) ||
		    !str_ncmp(*e, "SYSTRAP_", 8))
			keep_in_slot(sticky_count, *e);
	kept_lock_drop(old);
}

int systrap_keep_env(const char *kv)
{
	size_t nl = name_len(kv);
	uint64_t old = kept_lock_take();
	int k = 0;
	while (k < sticky_count &&
	       (name_len(sticky[k]) != nl || str_ncmp(sticky[k], kv, nl + 1)))
		k++;
	int r = keep_in_slot(k, kv);
	kept_lock_drop(old);
	return r;
}

static void intercept_kept_env_fork_child(void)
{
	__atomic_store_n(&kept_lock, 0, __ATOMIC_RELAXED);
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
	for (int k = 0; k < sticky_count; k++)
		bytes += str_len(sticky[k]) + 1;
	char *block = 0;
	*count = 0;
	if (sticky_count) {
		*size = extra + bytes;
		block = pages_alloc(*size);
	}
	if (block) {
		char *at = block + extra;
		for (int k = 0; k < sticky_count; k++) {
			size_t n = str_len(sticky[k]) + 1;
			copy_mem(at, sticky[k], n);
			kept[k] = at;
			at += n;
		}
		*count = sticky_count;
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
static int single_threaded(void)
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

/* Runs the execve `run` for c. What execve keeps, it must keep in the
 * program's view too: a blocked trap signal (the new image's systrap_init
 * reads it back) and an ignored one. Returns only when execve failed, with
 * everything put back. */
static void exec_keeping_trap_state(struct systrap_call *c,
				    const struct systrap_call *run)
{
	uint64_t blocked = trap_signal_virtually_blocked();
	/* Ignored owned signals, as their bits. */
	uint64_t ignored = 0;
	int checked = 0, single = 0;
	for (int sig = 1; sig <= 64; sig++) {
		struct kernel_sigaction virt;
		if (!trap_signal_owned(sig))
			continue;
		trap_signal_get_virtual(sig, &virt);
		if (virt.handler != SIG_IGN)
			continue;
		if (!checked) {
			single = single_threaded();
			checked = 1;
		}
		if (!single)
			continue;
		struct kernel_sigaction ign = {SIG_IGN, 0, 0, 0};
		raw_rt_sigaction(sig, &ign, 0);
		ignored |= 1ULL << (sig - 1);
	}
	/* An ignored SIGSEGV or SIGBUS stays ignored across the exec too. */
	int fault_ignored[2] = {0, 0};
	static const int fault_sigs[2] = {SIGSEGV, SIGBUS};
	for (int i = 0; i < 2; i++) {
		if (!trap_signal_owns_fault(fault_sigs[i]) ||
		    !trap_signal_fault_ignored(fault_sigs[i]))
			continue;
		if (!checked) {
			single = single_threaded();
			checked = 1;
		}
		if (!single)
			continue;
		struct kernel_sigaction ign = {SIG_IGN, 0, 0, 0};
		fault_ignored[i] = !raw_rt_sigaction(fault_sigs[i], &ign, 0);
	}
	if (blocked)
		raw_rt_sigprocmask(SIG_BLOCK, &blocked, 0);
	c->result = raw6(run);
	for (int i = 0; i < 2; i++)
		if (fault_ignored[i])
			trap_signal_fault_reinstall(fault_sigs[i]);
	if (ignored)
		trap_signal_reinstall();
	if (blocked)
		raw_rt_sigprocmask(SIG_UNBLOCK, &blocked, 0);
}

static const struct intercept_exec_handoff *handoff;

void intercept_set_exec_handoff(const struct intercept_exec_handoff *h)
{
	handoff = h;
}

static void perform_execve(struct systrap_call *c)
{
	int envp_arg = c->nr == SYS_execveat ? 3 : 2;
	uintptr_t envp = (uintptr_t)c->args[envp_arg];
	/* Count the program's environment (pointers only, read safely). */
	size_t n = 0;
	uintptr_t e;
	while (envp && safe_read(&e, envp + n * sizeof e, sizeof e) ==
				       sizeof e && e)
		n++;
	/* One block: the new environment's pointers, room for a merged
	 * LD_PRELOAD, then this execve's copy of the kept variables. */
	char *kept[MAX_STICKY];
	int kept_count;
	size_t size = 0;
	char **env = (char **)kept_snapshot(
		(n + MAX_STICKY + 1) * sizeof(char *) + 2 * ARCH_PAGE, kept,
		&kept_count, &size);
	if (handoff) {
		long token = handoff->before((const char *const *)kept,
					     kept_count);
		if (token != INTERCEPT_EXEC_PRELOAD) {
			exec_keeping_trap_state(c, c);
			handoff->failed(token, c->result);
			pages_free(env, size);
			return;
		}
	}
	if (!kept_count) {
		exec_keeping_trap_state(c, c);
		pages_free(env, size);
		return;
	}
	char *strings = (char *)(env + n + MAX_STICKY + 1);
	size_t used = 0;
	size_t out = 0;
	int have[MAX_STICKY] = {0};
	for (size_t i = 0; i < n; i++) {
		safe_read(&e, envp + i * sizeof e, sizeof e);
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

/* ---- calls that need the program's own stack ---- */

/* rt_sigreturn, vfork and sigaltstack always (sigaltstack: the kernel
 * answers from the stack the call is made on, it refuses a change while on
 * the alternate stack and SS_ONSTACK says whether we are there, and the
 * trap handler runs on the alternate stack when there is one: the
 * program's stack is the one to ask from); clone and clone3 as below. */
int intercept_runs_in_program(const struct systrap_call *c)
{
	if (!(syscall_behaviour(c->nr) & SB_PROGRAM_STACK))
		return 0;
	switch (c->nr) {
	case SYS_clone:
		/* A new stack, or a child sharing our stack and memory: the
		 * child must not return through this handler's frame. */
		return c->args[1] != 0 || (c->args[0] & CLONE_VM);
	case SYS_clone3: {
		uint64_t head[6];
		if (safe_read(head, (uintptr_t)c->args[0], sizeof head) !=
		    sizeof head)
			return 0; /* the kernel will say EFAULT */
		return head[5] != 0 || (head[0] & CLONE_VM);
	}
	default:
		return 1;
	}
}

/* The clone flags of a fork-like call (fork: none; vfork: CLONE_VM |
 * CLONE_VFORK), read in the parent before the call. Returns 0 for other
 * calls, or when clone3's arguments cannot be read (the kernel will say
 * EFAULT). */
static int clone_flags(const struct systrap_call *c, uint64_t *flags)
{
	*flags = 0;
	switch (c->nr) {
	case SYS_fork:
		return 1;
	case SYS_vfork:
		*flags = CLONE_VM | CLONE_VFORK;
		return 1;
	case SYS_clone:
		*flags = (uint64_t)c->args[0];
		return 1;
	case SYS_clone3:
		return safe_read(flags, (uintptr_t)c->args[0], sizeof *flags) ==
		       sizeof *flags;
	default:
		return 0;
	}
}

int child_shares_memory_not_actions(const struct systrap_call *c)
{
	uint64_t flags;
	return clone_flags(c, &flags) && (flags & CLONE_VM) &&
	       !(flags & CLONE_SIGHAND);
}

/* A child that shares our memory but not our signal actions gets a virtual
 * trap signal state of its own (trap_signal.h), made before it exists. */
static void note_vm_child(const struct systrap_call *c)
{
	if (!child_shares_memory_not_actions(c))
		return;
	uint64_t flags = 0, stack = 0;
	if (c->nr == SYS_clone) {
		flags = (uint64_t)c->args[0];
		stack = (uint64_t)c->args[1];
	} else if (c->nr == SYS_clone3) {
		uint64_t head[7]; /* flags ... stack, stack_size */
		if (safe_read(head, (uintptr_t)c->args[0], sizeof head) !=
		    sizeof head)
			return;
		flags = head[0];
		stack = head[5] ? head[5] + head[6] : 0;
	} else {
		flags = CLONE_VFORK; /* vfork */
	}
	trap_signal_before_vm_child((uintptr_t)stack, (flags & CLONE_VFORK) != 0);
}

/* A child that runs alongside us in our memory without TLS of its own
 * (so on our thread block) reads our copy of the alternate stack, though
 * the kernel gives it none: from now on the fast path stays on the stack of whichever of the two
 * makes a call. A vfork child is fine: it has our alternate stack (the
 * kernel keeps it) while we wait, and we read ours again when we resume. */
static void note_shared_tls(const struct systrap_call *c)
{
	uint64_t flags;
	if (!clone_flags(c, &flags) ||
	    (flags & (CLONE_VM | CLONE_VFORK | CLONE_SETTLS)) != CLONE_VM)
		return;
	struct arch_fast_stack *f = &thread_block_current()->fast_stack;
	f->shared = 1;
	f->hi = 0;
	f->lo = 0;
}

int intercept_child_plan(const struct systrap_call *c)
{
	uint64_t flags;
	if (!clone_flags(c, &flags))
		return THREAD_BLOCK_CHILD_SHARES;
	return thread_block_child_plan(flags);
}

int intercept_child_runs_alongside(const struct systrap_call *c)
{
	uint64_t flags;
	return clone_flags(c, &flags) &&
	       (flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM;
}

/* fork (and clone without CLONE_VM) made here: the child returns inside
 * this handler, alone in its copy of our memory. */
static void perform_fork(struct systrap_call *c)
{
	struct trap_signal_forker f;
	trap_signal_forker(&f);
	c->result = raw6(c);
	if (c->result == 0) {
		thread_block_fork_child();
		intercept_kept_env_fork_child();
		trap_signal_fork_child(&f);
		sealed_arm_thread(); /* a new task is not sealed */
	}
}

/* The program's own GS base: kept in its thread's block, as the real one
 * is our thread pointer (thread_pointer.h). */
static void perform_thread_pointer_call(struct systrap_call *c)
{
	struct thread_block *b = thread_block_current();
	unsigned long v = (unsigned long)c->args[1];
	if (arch_thread_pointer_call(c->nr, c->args) == ARCH_TP_CALL_SET) {
		if (!arch_thread_pointer_base_ok(v)) {
			c->result = -EPERM;
			return;
		}
		b->program_gs_base = v;
		c->result = 0;
		return;
	}
	c->result = safe_write(v, &b->program_gs_base, sizeof b->program_gs_base)
			    ? -EFAULT : 0;
}

enum perform_outcome perform_syscall(struct systrap_call *c, void *context)
{
	if (intercept_passes_through(c->nr)) {
		c->result = raw6(c);
		return PERFORMED;
	}
	if (intercept_runs_in_program(c)) {
		note_vm_child(c);
		note_shared_tls(c);
		return RUN_IN_PROGRAM;
	}
	switch (c->nr) {
	case SYS_fork:
	case SYS_clone:
	case SYS_clone3:
		perform_fork(c);
		break;
	case SYS_exit:
	case SYS_exit_group:
		trap_signal_task_exit(c->nr == SYS_exit_group);
		if (c->nr == SYS_exit)
			thread_block_exit();
		c->result = raw6(c);
		break;
	case SYS_mremap:
		perform_mremap(c);
		break;
	case SYS_mmap:
		perform_mmap(c);
		break;
	case SYS_mprotect:
	case SYS_pkey_mprotect:
		perform_mprotect(c);
		break;
	case SYS_munmap:
		perform_munmap(c);
		break;
	case SYS_rt_sigaction:
		perform_sigaction(c);
		break;
	case SYS_rt_sigprocmask:
		perform_sigprocmask(c, context);
		break;
	case SYS_rt_sigpending:
		perform_sigpending(c);
		break;
	case SYS_rt_sigsuspend:
		perform_with_temp_mask(c, 0);
		break;
	case SYS_ppoll:
		perform_with_temp_mask(c, 3);
		break;
	case SYS_epoll_pwait:
	case SYS_epoll_pwait2:
		perform_with_temp_mask(c, 4);
		break;
	case SYS_pselect6:
	case SYS_io_pgetevents:
		perform_with_mask_pack(c);
		break;
	case SYS_execve:
	case SYS_execveat:
		perform_execve(c);
		break;
	case SYS_prctl:
		/* The program's own dispatch setting is virtual (sealed.h). */
		if (c->args[0] == SEALED_PR_SET_SYSCALL_USER_DISPATCH)
			c->result = sealed_program_prctl(c->args);
		else
			c->result = raw6(c);
		break;
	case SYS_ptrace:
		c->result = raw6(c);
		if (!c->result && c->args[0] == 0 /* PTRACE_TRACEME */)
			trap_signal_note_traced();
		break;
	default:
		if (arch_thread_pointer_call(c->nr, c->args))
			perform_thread_pointer_call(c);
		else
			c->result = raw6(c);
	}
	return PERFORMED;
}
