#include "systrap/core/safe_memory.h"

#include <errno.h>
#include <sys/uio.h>

#include "systrap/arch/fault_copy.h"
#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/tx_copy.h"
#include "systrap/core/thread_block.h"
#include "systrap/core/trap_signal.h"
#include "systrap/systrap.h"

/* A transaction copies at most this much: its reads and writes must stay
 * in the L1 cache, or it aborts for capacity every time. */
#define TX_CHUNK 2048
/* Aborts in a row that the kernel's copy then shows were not faults. A CPU
 * that advertises RTM but aborts every transaction (a microcode that
 * forces aborts) stops being asked after this many. */
#define SPURIOUS_LIMIT 1000
/* Where no kernel may be asked (the program confined itself), attempts at
 * a chunk before its abort is taken for a fault: an interrupt or a page
 * walk the transaction could not finish aborts one now and then (-k's
 * walk after a seccomp filter lost its outer frames in 1 run of 10 on a
 * Xeon with RTM), while a fault aborts every attempt, at ~0.1 us each. */
#define TX_ATTEMPTS 4

static int tx_enabled;
static int fault_copy_enabled;
static unsigned long spurious;
static unsigned long kernel_reads;

void safe_memory_init(int allow_transactions)
{
	__atomic_store_n(&tx_enabled,
			 allow_transactions && arch_tx_available(),
			 __ATOMIC_RELAXED);
}

int safe_memory_own_faults(void)
{
	if (__atomic_load_n(&tx_enabled, __ATOMIC_RELAXED))
		return 0;
	int r = trap_signal_own_faults();
	if (!r)
		__atomic_store_n(&fault_copy_enabled, 1, __ATOMIC_RELEASE);
	return r;
}

int safe_memory_uses_fault_copy(void)
{
	return __atomic_load_n(&fault_copy_enabled, __ATOMIC_RELAXED);
}

int safe_memory_uses_transactions(void)
{
	return __atomic_load_n(&tx_enabled, __ATOMIC_RELAXED);
}

unsigned long safe_memory_kernel_reads(void)
{
	return __atomic_load_n(&kernel_reads, __ATOMIC_RELAXED);
}

/* Whom to name to the kernel for our own memory: our own tid, not the
 * process's pid (once the first thread has left by its own exit, the pid
 * names a zombie with no memory, and every read failed: a thread's
 * nanosleep printed its timespec as an address, strace's threads-execve).
 * The block's, set when it was made (a gettid a read was a third of a
 * thread's start: docs/PERFORMANCE.md), never stored here: a vfork-like
 * child running on its parent's block would leave its own tid there,
 * which names another program once it has exec'd. A block with guests
 * asks every time. */
static int reader_tid(void)
{
	if (!thread_block_ready())
		return (int)raw_gettid();
	const struct thread_block *b = thread_block_current();
	if (thread_block_has_guests(b) || !b->reader_tid)
		return (int)raw_gettid();
	return b->reader_tid;
}

/* The arch layer's process_vm_writev when write, else its readv, naming
 * tid. */
static inline long vm_copy(int write, int tid, const struct iovec *local,
			   const struct iovec *remote)
{
	return write ? raw_process_vm_writev(tid, local, 1, remote, 1)
		     : raw_process_vm_readv(tid, local, 1, remote, 1);
}

/* A kept tid the kernel no longer takes for ours (a vfork child named its
 * parent, which has gone, or which Yama or a change of credentials keeps
 * it from reading): EFAULT is about the memory, anything else about the
 * task, and the call is made again naming ourselves. */
static long remote_copy(int write, const struct iovec *local,
			const struct iovec *remote)
{
	int tid = reader_tid();
	long r = vm_copy(write, tid, local, remote);
	if (r < 0 && r != -EFAULT) {
		int me = (int)raw_gettid();
		if (me != tid)
			r = vm_copy(write, me, local, remote);
	}
	return r;
}

/* process_vm_readv stops at the first unreadable page of a remote iovec, so
 * a copy straddling into unmapped memory returns the readable prefix. */
static size_t kernel_read(void *dst, uintptr_t src, size_t n)
{
	/* A statistic: not a locked add, which every read of a CPU without
	 * RTM would pay (threads may lose an increment to each other). */
	__atomic_store_n(&kernel_reads,
			 __atomic_load_n(&kernel_reads, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELAXED);
	struct iovec local = {dst, n};
	struct iovec remote = {(void *)src, n};
	long r = remote_copy(0, &local, &remote);
	return r > 0 ? (size_t)r : 0;
}

/* Transactions first, chunk by chunk; from the first chunk that aborts
 * on, the kernel copies (it faults pages in, and says where memory stops
 * being readable). Without transactions, the copy that recovers from its
 * faults when they would reach our handler, else the kernel. */
size_t safe_read(void *dst, uintptr_t src, size_t n)
{
	if (!n)
		return 0;
	if (__atomic_load_n(&fault_copy_enabled, __ATOMIC_RELAXED) &&
	    trap_signal_faults_unblocked(1))
		return n - arch_fault_copy(dst, (const void *)src, n);
	size_t done = 0;
	int tx = __atomic_load_n(&tx_enabled, __ATOMIC_RELAXED);
	if (tx) {
		while (done < n) {
			size_t k = n - done < TX_CHUNK ? n - done : TX_CHUNK;
			if (!arch_tx_copy((char *)dst + done,
					  (const void *)(src + done), k))
				break;
			done += k;
		}
		if (done == n) {
			if (__atomic_load_n(&spurious, __ATOMIC_RELAXED))
				__atomic_store_n(&spurious, 0, __ATOMIC_RELAXED);
			return n;
		}
	}
	size_t got = kernel_read((char *)dst + done, src + done, n - done);
	if (tx && got == n - done &&
	    __atomic_add_fetch(&spurious, 1, __ATOMIC_RELAXED) >= SPURIOUS_LIMIT)
		__atomic_store_n(&tx_enabled, 0, __ATOMIC_RELAXED);
	return done + got;
}

int safe_pages_readable(uintptr_t lo, uintptr_t hi)
{
	char probe;
	for (uintptr_t p = ARCH_PAGE_DOWN(lo); p < hi; p += ARCH_PAGE)
		if (safe_read(&probe, p, 1) != 1)
			return 0;
	return 1;
}

size_t safe_read_without_syscalls(void *dst, uintptr_t src, size_t n)
{
	if (!n)
		return 0;
	if (__atomic_load_n(&fault_copy_enabled, __ATOMIC_RELAXED))
		return trap_signal_faults_unblocked(0)
			       ? n - arch_fault_copy(dst, (const void *)src, n)
			       : 0;
	if (!__atomic_load_n(&tx_enabled, __ATOMIC_RELAXED))
		return 0;
	/* Our own buffer's pages present first: a write to one the kernel
	 * has not yet faulted in (a stack page deeper than any before) would
	 * abort every attempt, as a fault in the program's memory does. */
	for (uintptr_t p = (uintptr_t)dst; p < (uintptr_t)dst + n;
	     p = ARCH_PAGE_DOWN(p) + ARCH_PAGE)
		*(volatile char *)p = *(volatile char *)p;
	for (size_t done = 0; done < n; done += TX_CHUNK) {
		size_t k = n - done < TX_CHUNK ? n - done : TX_CHUNK;
		int tries = 0;
		while (!arch_tx_copy((char *)dst + done,
				     (const void *)(src + done), k))
			if (++tries == TX_ATTEMPTS)
				return 0; /* a fault, most likely */
	}
	return n;
}

/* As reads: a plain copy that recovers from its faults where it may (a
 * write to memory the program cannot write faults as the kernel's copy
 * fails: EFAULT either way), else the kernel. A traced bash wrote every
 * sigaction's and sigprocmask's old value through process_vm_writev: ~13
 * calls a fork+exec (docs/PERFORMANCE.md, branch forkside). */
int safe_write(uintptr_t dst, const void *src, size_t n)
{
	if (!n)
		return 0;
	if (__atomic_load_n(&fault_copy_enabled, __ATOMIC_RELAXED) &&
	    trap_signal_faults_unblocked(1))
		return arch_fault_copy((void *)dst, src, n) ? -EFAULT : 0;
	struct iovec local = {(void *)src, n};
	struct iovec remote = {(void *)dst, n};
	long r = remote_copy(1, &local, &remote);
	return r == (long)n ? 0 : -EFAULT;
}

size_t systrap_read_memory(void *dst, uintptr_t src, size_t n)
{
	return safe_read(dst, src, n);
}

size_t systrap_read_memory_without_syscalls(void *dst, uintptr_t src,
					     size_t n)
{
	return safe_read_without_syscalls(dst, src, n);
}
