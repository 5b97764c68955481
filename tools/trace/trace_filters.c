/* trace_filters: the seccomp filters the traced program installed, as the
 * tracer saw them go in, so that a call one of them will kill the process
 * for is printed before it is made (the kernel never returns from it), as
 * strace 6.1 prints it: "getuid() = 102", the call's number as its result.
 *
 * A filter is copied at its call's entry (seccomp's SET_MODE_FILTER,
 * prctl's PR_SET_SECCOMP with SECCOMP_MODE_FILTER) and kept if the call
 * succeeds. Nothing is predicted where the filters are not known to apply
 * to every thread (one installed without SECCOMP_FILTER_FLAG_TSYNC while
 * other threads ran), where there are more than we keep, or where the
 * process began under filters it inherited (the image restarts at exec:
 * none known). */
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/core/syscall_behaviour.h"
#include "systrap/handlers/seccomp_verdict.h"
#include "systrap/systrap.h"
#include "tools/trace/trace_output.h"

#define KEPT_FILTERS 16

struct kept_filter {
	struct sock_filter *insns;
	unsigned len;
};

static struct kept_filter kept[KEPT_FILTERS];
static int kept_count;
/* Set once predictions cannot be trusted: from then on none is made. */
static int unknown;
/* The filter of the call in progress (one a process: a second thread's
 * concurrent install only makes us predict nothing). */
static struct kept_filter staged;
static int staging;

/* The program of a filter-installing call, or 0 (strict mode, other
 * operations). */
static uintptr_t filter_program(const struct systrap_call *call)
{
	if (!syscall_confines(call->nr, call->args) ||
	    syscall_confines_strictly(call->nr, call->args))
		return 0;
	return (uintptr_t)call->args[2]; /* both calls: the third argument */
}

void trace_filters_before(const struct systrap_call *call, int other_tasks)
{
	uintptr_t prog = filter_program(call);
	if (!prog || __atomic_load_n(&unknown, __ATOMIC_RELAXED))
		return;
	int tsync = call->nr == SYS_seccomp &&
		    (call->args[1] & SECCOMP_FILTER_FLAG_TSYNC);
	if ((other_tasks && !tsync) ||
	    __atomic_exchange_n(&staging, 1, __ATOMIC_ACQ_REL)) {
		__atomic_store_n(&unknown, 1, __ATOMIC_RELAXED);
		return;
	}
	struct {
		uint16_t len;
		uint64_t filter;
	} fprog;
	_Static_assert(sizeof fprog == 16, "struct sock_fprog");
	staged.insns = 0;
	if (systrap_read_memory(&fprog, prog, sizeof fprog) != sizeof fprog ||
	    !fprog.len || fprog.len > BPF_MAXINSNS)
		return; /* the kernel refuses it */
	size_t bytes = fprog.len * sizeof(struct sock_filter);
	long m = raw_mmap(0, bytes, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw_is_error(m)) {
		__atomic_store_n(&unknown, 1, __ATOMIC_RELAXED);
		return;
	}
	if (systrap_read_memory((void *)m, (uintptr_t)fprog.filter, bytes) != bytes) {
		raw_munmap((void *)m, bytes);
		return;
	}
	staged.insns = (struct sock_filter *)m;
	staged.len = fprog.len;
}

void trace_filters_after(const struct systrap_call *call)
{
	if (!filter_program(call) || !__atomic_load_n(&staging, __ATOMIC_ACQUIRE))
		return;
	struct kept_filter f = staged;
	staged.insns = 0;
	__atomic_store_n(&staging, 0, __ATOMIC_RELEASE);
	if (!f.insns)
		return;
	if (call->result != 0) {
		/* Not installed: nothing to keep (no call is made after a
		 * filter goes in: this one failed, so none did). */
		raw_munmap(f.insns, f.len * sizeof *f.insns);
		return;
	}
	int i = __atomic_load_n(&kept_count, __ATOMIC_RELAXED);
	if (i >= KEPT_FILTERS) {
		__atomic_store_n(&unknown, 1, __ATOMIC_RELAXED);
		return;
	}
	kept[i] = f;
	__atomic_store_n(&kept_count, i + 1, __ATOMIC_RELEASE);
}

int trace_filters_kill(const struct systrap_call *call)
{
	int n = __atomic_load_n(&kept_count, __ATOMIC_ACQUIRE);
	if (!n || __atomic_load_n(&unknown, __ATOMIC_RELAXED))
		return 0;
	struct seccomp_call_data d = {
		.nr = (int32_t)call->nr,
		.arch = AUDIT_ARCH_X86_64,
		.instruction_pointer = call->site + ARCH_SYSCALL_INSN_LEN,
	};
	for (int i = 0; i < 6; i++)
		d.args[i] = (uint64_t)call->args[i];
	uint32_t verdict = 0;
	/* The newest first, as the kernel runs them. */
	for (int i = n - 1; i >= 0; i--) {
		int64_t r = seccomp_filter_run(kept[i].insns, kept[i].len, &d);
		if (r < 0)
			return 0;
		verdict = i == n - 1 ? (uint32_t)r
				     : seccomp_verdict_combine(verdict, (uint32_t)r);
	}
	return seccomp_verdict_kills(verdict);
}
