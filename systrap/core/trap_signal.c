#include "systrap/core/trap_signal.h"

#include <errno.h>
#include <string.h>

#include "systrap/arch/context.h"
#include "systrap/arch/fault_copy.h"
#include "systrap/arch/restorer.h"
#include "systrap/arch/temp_mask_site.h"
#include "systrap/arch/roomy_handler.h"
#include "systrap/core/own_stack.h"
#include "systrap/core/thread_block.h"
#include "systrap/systrap.h"

/* The signals systrap owns: [0] the trap signal, [1] SIGSYS when sealed
 * (Syscall User Dispatch raises it), else 0. */
#define OWNED 2
static int owned_sig[OWNED];
/* While systrap_init installs its handlers (trap_signal_batch_begin and
 * _end), the program's actions are read from the kernel once: each
 * install re-read all of them (rewrap_existing, trap_signal_own_faults:
 * 228 rt_sigaction calls at a preloaded start, a tenth of its own work),
 * yet nothing of the program's runs in between. Every action written
 * meanwhile is read from the kernel again. */
static struct kernel_sigaction batch_action[65];
static uint64_t batch_known;
static int batch;
/* Signals with a handler (SigCgt) and ignored ones (SigIgn), as
 * /proc/self/status gave them for the batch (trap_signal_batch_hint). */
static uint64_t hint_caught, hint_ignored;
static int hint_known;

static int fault_index(int sig);

static uint64_t batch_bit(int sig)
{
	return 1ull << (sig - 1);
}

/* rt_sigaction(sig, act, old), through the batch's copies. */
static long sig_action(int sig, const struct kernel_sigaction *act,
		       struct kernel_sigaction *old)
{
	if (batch && sig >= 1 && sig <= 64) {
		if (!act && old && (batch_known & batch_bit(sig))) {
			*old = batch_action[sig];
			return 0;
		}
		/* No handler: SIG_DFL or SIG_IGN, which every reader in the
		 * batch passes over (note_action, rewrap_existing), but for
		 * the faults, whose action trap_signal_own_faults keeps from
		 * this read, flags and mask included. (An owned signal's is
		 * kept from its install's own exchange, which writes.) */
		if (!act && old && hint_known && fault_index(sig) < 0 &&
		    !(hint_caught & batch_bit(sig))) {
			*old = (struct kernel_sigaction){
				hint_ignored & batch_bit(sig) ? SIG_IGN : SIG_DFL,
				0, 0, 0};
			return 0;
		}
		if (act) {
			batch_known &= ~batch_bit(sig);
			hint_caught |= batch_bit(sig); /* read it from now on */
		}
	}
	long r = raw_rt_sigaction(sig, act, old);
	if (!r && batch && !act && old && sig >= 1 && sig <= 64) {
		batch_action[sig] = *old;
		batch_known |= batch_bit(sig);
	}
	return r;
}

void trap_signal_batch_begin(void)
{
	batch_known = 0;
	batch = 1;
}

void trap_signal_batch_hint(uint64_t caught, uint64_t ignored)
{
	hint_caught = caught;
	hint_ignored = ignored;
	hint_known = 1;
}

void trap_signal_batch_end(void)
{
	batch = 0;
	batch_known = 0;
	hint_known = 0;
}

static struct kernel_sigaction our_action[OWNED];

static void note_action(int sig, const struct kernel_sigaction *act);
static void fault_mask_returning_to(void *context);
static void fault_mask_set_for_handler(void *context, uint64_t sa_mask,
				       unsigned long flags, int sig);
static void fault_mask_blocked_now(void);
static void fault_mask_learnt(int m);
/* Whether systrap owns SIGSEGV and SIGBUS (below). */
static int faults_owned;
static int faults_traced;

/* SIGSEGV and SIGBUS: what our reads' faults raise. */
#define FAULT_BITS ((1ULL << (SIGSEGV - 1)) | (1ULL << (SIGBUS - 1)))

static inline uint64_t bit_of(int sig)
{
	return sig ? 1ULL << (sig - 1) : 0;
}

/* A view's process_state, per owned slot k: its signal is pending for the
 * process; its siginfo is being written (a give under way); and above,
 * a count of gives. A writer's flag held after its signal was published
 * made a second give, nested in the same thread once the first was taken
 * and handled, look merged into a pending one: the kill was lost. */
#define GIVE_PENDING(k) (1ULL << (k))
#define GIVE_WRITING(k) (1ULL << (OWNED + (k)))
#define GIVE_COUNT_ONE (1ULL << 32)
#define GIVE_FLAGS (GIVE_COUNT_ONE - 1)
#define GIVE_PENDING_ALL (GIVE_PENDING(OWNED) - 1)

/* The slot of an owned signal, or -1. */
static int slot_of(int sig)
{
	for (int k = 0; k < OWNED; k++)
		if (sig && owned_sig[k] == sig)
			return k;
	return -1;
}

/* ---- whose view: sets of signal actions, and tasks ----
 *
 * The program's action for the trap signal, which other handlers' masks
 * asked for it, and the handlers run behind a wrapper (below) belong to a
 * set of signal actions, a *view*: the kernel shares one set between the
 * threads of a process and copies it for a child made with CLONE_VM but
 * without CLONE_SIGHAND, which then runs in our memory with actions of its
 * own. Whether the trap signal is (virtually) blocked or pending belongs to
 * one task.
 *
 * Until the program makes such a child that runs alongside it, there is one
 * view (views[0]) and each task's state is in its thread block: the common case costs
 * nothing. Afterwards views are found by thread group id (a CLONE_VM child
 * without CLONE_SIGHAND cannot be in its parent's thread group), and tasks
 * that share their creator's thread block (CLONE_VM without CLONE_THREAD or
 * CLONE_SETTLS: thread_block.h) get a table entry by tid. The parent makes the child's view before the clone,
 * as a copy of its own, since it may change its own before the child first
 * looks; the child claims it on first use (the unclaimed view made by its
 * parent process whose stack top is nearest above the child's stack). */
#define NSIGNALS 64

struct wrapped_handler {
	void *handler;       /* the program's */
	unsigned long flags; /* as the program gave them */
	/* The kernel holds every signal blocked for the wrapper, which sets
	 * the program's mask itself (a fault signal in the program's
	 * sa_mask, while systrap owns them): then the program's sa_mask,
	 * without the owned bits, and 1. */
	uint64_t mask;
	int sets_mask;
};

struct view {
	int tgid;            /* 0: free; -1: made for a child not yet seen;
				-2: being filled */
	int parent_tgid;     /* for -1: the process that made it */
	int vfork_parent;    /* for a vfork-like child: its parent's tid, which
				frees the view when it resumes */
	uint64_t initial_blocked; /* the parent's blocked view at the clone */
	uintptr_t child_stack;
	unsigned long made;  /* sequence, to recycle the oldest unclaimed */
	struct kernel_sigaction action[OWNED]; /* the program's, per owned
						  signal */
	uint64_t mask_has[OWNED]; /* signals whose sa_mask holds owned [k] */
	/* The program's SIGSEGV and SIGBUS actions, while systrap owns them
	 * (trap_signal_own_faults). */
	struct kernel_sigaction fault_action[2];
	struct wrapped_handler wrapped[NSIGNALS];
	/* Owned signals sent to the process (kill, sigqueue) while every
	 * thread blocked them (virtually): pending for the process, as the
	 * kernel keeps such a signal until any thread unblocks it, each with
	 * its siginfo (give_to_the_process). One word for all of it, by slot
	 * (GIVE_*), so that a give publishes its signal and ends its write in
	 * one step and a take knows the siginfo it copied is still the
	 * pending one. */
	uint64_t process_state;
	siginfo_t process_info[OWNED];
};

/* One task's state (thread_block.h): in its thread block, or a table
 * entry for a task that runs on its creator's block. */
#define task_state trap_signal_task

#define MAX_VIEWS 16
#define MAX_TASKS 64
static struct view views[MAX_VIEWS]; /* [0]: the process's own */
/* Set once a signal was ever given to a process (give_to_the_process):
 * until then a trap need not look (whoami may cost a system call where
 * CLONE_VM children were made). */
static int ever_given;
static struct task_state tasks[MAX_TASKS];
static int vm_children;              /* such a child was ever made */
static unsigned long views_made;

/* This thread's own state, in its block (thread_block.h). */
static inline struct trap_signal_thread *mine(void)
{
	return &thread_block_current()->trap_signal;
}

struct self {
	struct view *v;
	struct task_state *t;
};

/* The owned signals (as signal bits) that state holds pending. */
static uint64_t pending_in(uint64_t state)
{
	uint64_t bits = 0;
	for (int k = 0; k < OWNED; k++)
		if (state & GIVE_PENDING(k))
			bits |= bit_of(owned_sig[k]);
	return bits;
}

static uint64_t process_pending(const struct view *v)
{
	return pending_in(__atomic_load_n(&v->process_state, __ATOMIC_SEQ_CST));
}

static struct view *find_view(int tgid)
{
	for (int i = 0; i < MAX_VIEWS; i++)
		if (__atomic_load_n(&views[i].tgid, __ATOMIC_ACQUIRE) == tgid)
			return &views[i];
	return 0;
}

static int task_alive(int tgid, int tid)
{
	return raw_tgkill(tgid, tid, 0) != -ESRCH;
}

/* A free view filled as a copy of from, left with tgid -2 for the caller to
 * publish; NULL when the table is full of live views. */
static struct view *new_view(const struct view *from)
{
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 1; i < MAX_VIEWS; i++) {
			int zero = 0;
			if (!__atomic_compare_exchange_n(&views[i].tgid, &zero, -2, 0,
							 __ATOMIC_ACQ_REL,
							 __ATOMIC_RELAXED))
				continue;
			struct view *v = &views[i];
			for (int k = 0; k < OWNED; k++) {
				v->action[k] = from->action[k];
				v->mask_has[k] = from->mask_has[k];
			}
			v->fault_action[0] = from->fault_action[0];
			v->fault_action[1] = from->fault_action[1];
			for (int k = 0; k < NSIGNALS; k++)
				v->wrapped[k] = from->wrapped[k];
			v->parent_tgid = 0;
			v->vfork_parent = 0;
			v->initial_blocked = 0;
			/* A reused view's: a new process has none pending. */
			v->process_state = 0;
			v->child_stack = 0;
			v->made = __atomic_add_fetch(&views_made, 1,
						     __ATOMIC_RELAXED);
			return v;
		}
		/* Full: free the views of processes that are gone (killed
		 * without an exit call we saw) and the oldest unclaimed one. */
		struct view *oldest = 0;
		for (int i = 1; i < MAX_VIEWS; i++) {
			int g = __atomic_load_n(&views[i].tgid, __ATOMIC_ACQUIRE);
			if (g > 0 && !task_alive(g, g))
				__atomic_compare_exchange_n(&views[i].tgid, &g, 0, 0,
							    __ATOMIC_ACQ_REL,
							    __ATOMIC_RELAXED);
			else if (g == -1 &&
				 (!oldest || views[i].made < oldest->made))
				oldest = &views[i];
		}
		int unclaimed = -1;
		if (oldest)
			__atomic_compare_exchange_n(&oldest->tgid, &unclaimed, 0, 0,
						    __ATOMIC_ACQ_REL,
						    __ATOMIC_RELAXED);
	}
	return 0;
}

/* First use by a process made with CLONE_VM: the view its parent made. */
static struct view *claim_view(int tgid)
{
	int ppid = (int)raw_getppid();
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	for (;;) {
		struct view *best = 0;
		for (int i = 1; i < MAX_VIEWS; i++) {
			struct view *v = &views[i];
			if (__atomic_load_n(&v->tgid, __ATOMIC_ACQUIRE) != -1 ||
			    v->parent_tgid != ppid)
				continue;
			/* Our stack lies just below the top we were given. */
			int fits = v->child_stack >= sp;
			int best_fits = best && best->child_stack >= sp;
			if (!best || (fits && !best_fits) ||
			    (fits && v->child_stack < best->child_stack) ||
			    (!fits && !best_fits && v->made > best->made))
				best = v;
		}
		if (!best)
			break;
		int unclaimed = -1;
		if (__atomic_compare_exchange_n(&best->tgid, &unclaimed, tgid, 0,
						__ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			return best;
		struct view *mine = find_view(tgid); /* a thread of ours won */
		if (mine)
			return mine;
	}
	/* Made in a way we did not see: a copy of the parent's, at least. */
	const struct view *from = find_view(ppid);
	struct view *v = new_view(from ? from : &views[0]);
	if (!v)
		return &views[0];
	__atomic_store_n(&v->tgid, tgid, __ATOMIC_RELEASE);
	return v;
}

static struct task_state *find_task(int tid)
{
	for (int i = 0; i < MAX_TASKS; i++)
		if (__atomic_load_n(&tasks[i].tid, __ATOMIC_ACQUIRE) == tid)
			return &tasks[i];
	return 0;
}

static struct task_state *new_task(int tid, int tgid, uint64_t blocked)
{
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < MAX_TASKS; i++) {
			int zero = 0;
			if (!__atomic_compare_exchange_n(&tasks[i].tid, &zero, -1, 0,
							 __ATOMIC_ACQ_REL,
							 __ATOMIC_RELAXED))
				continue;
			tasks[i].tgid = tgid;
			tasks[i].blocked = blocked;
			tasks[i].pending = 0;
			tasks[i].raising = 0;
			tasks[i].raise_busy = 0;
			__atomic_store_n(&tasks[i].tid, tid, __ATOMIC_RELEASE);
			return &tasks[i];
		}
		for (int i = 0; i < MAX_TASKS; i++) { /* full: drop the dead */
			int t = __atomic_load_n(&tasks[i].tid, __ATOMIC_ACQUIRE);
			if (t > 0 && !task_alive(tasks[i].tgid, t))
				__atomic_compare_exchange_n(&tasks[i].tid, &t, 0, 0,
							    __ATOMIC_ACQ_REL,
							    __ATOMIC_RELAXED);
		}
	}
	return 0;
}

static void whoami(struct self *s)
{
	if (!__atomic_load_n(&vm_children, __ATOMIC_ACQUIRE)) {
		s->v = &views[0];
		s->t = &mine()->state;
		return;
	}
	int tid = (int)raw_gettid();
	struct task_state *t = find_task(tid);
	int tgid = t ? t->tgid : (int)raw_getpid();
	struct view *v = tgid == views[0].tgid ? &views[0] : find_view(tgid);
	s->v = v ? v : claim_view(tgid);
	if (t) {
		s->t = t;
		return;
	}
	if (!mine()->owner || mine()->owner == tid) {
		s->t = &mine()->state;
		return;
	}
	/* Running on the thread block of the task that made us. */
	t = new_task(tid, tgid, s->v->initial_blocked);
	s->t = t ? t : &mine()->state;
}

/* Word by word: no memcpy on the trap path (a loop a compiler could make
 * one of). */
static void copy_info(siginfo_t *to, const siginfo_t *from)
{
	volatile uint64_t *t = (volatile uint64_t *)to;
	const volatile uint64_t *f = (const volatile uint64_t *)from;
	for (size_t i = 0; i < sizeof *to / sizeof *t; i++)
		t[i] = f[i];
}

/* The mark of a copy raise_own sends, in its si_errno: a sent signal's is
 * 0, and the kernel passes it on as it is. */
#define RAISED_MARK 0x73797374

/* Sends the calling task a marked copy of the owned signal of slot k,
 * the siginfo kept in t->raised_info[k] (a task may give a signal any
 * siginfo, but only itself). */
static void send_raised_copy(const struct task_state *t, int k)
{
	siginfo_t copy;
	copy_info(&copy, &t->raised_info[k]);
	copy.si_errno = RAISED_MARK;
	raw_rt_tgsigqueueinfo((int)raw_getpid(), (int)raw_gettid(),
			      owned_sig[k], &copy);
}

/* Sends the calling task the owned signal of slot k, to reach the program
 * with info. The kernel merges a standard signal into one of the same
 * number pending for the task already, whatever their siginfo: a nudge
 * from another thread (poke_unblocking_thread) or a signal the program
 * sent may be there, and is delivered on the way back from the send, in
 * its place. So the copy is marked, its handler clears its bit in
 * t->raising (raised_copy), and while the bit is set the copy is sent
 * again, four sends in all. One the kernel holds (the signal really
 * blocked for a while) merges with its repeats. While one is on its way
 * (t->raise_busy), no other is sent: a handler that runs on the way back
 * (a nudge's) leaves what it would raise where it waits, and the caller
 * looks again (raise_unblocked). */
static void raise_own(struct task_state *t, int k, const siginfo_t *info)
{
	uint64_t bit = bit_of(owned_sig[k]);
	copy_info(&t->raised_info[k], info);
	__atomic_store_n(&t->raise_busy, 1, __ATOMIC_SEQ_CST);
	__atomic_fetch_or(&t->raising, bit, __ATOMIC_SEQ_CST);
	for (int i = 0;
	     i < 4 && (__atomic_load_n(&t->raising, __ATOMIC_SEQ_CST) & bit);
	     i++)
		send_raised_copy(t, k);
	__atomic_store_n(&t->raise_busy, 0, __ATOMIC_SEQ_CST);
}

/* Whether info is a copy raise_own sent: 1 for the first to arrive, info
 * then made the one the program is to get; -1 for a repeat of it; 0: not a
 * copy. Where the user's queue of signals is full, the kernel still sends
 * the signal but without its siginfo (SI_USER from pid 0): while a copy is
 * awaited, that is the copy. */
static int raised_copy(struct task_state *t, int slot, siginfo_t *info)
{
	if (slot < 0 || info->si_code > 0)
		return 0;
	uint64_t bit = bit_of(owned_sig[slot]);
	int marked = info->si_errno == RAISED_MARK;
	if (!marked && !(info->si_code == SI_USER && info->si_pid == 0 &&
			 (__atomic_load_n(&t->raising, __ATOMIC_SEQ_CST) & bit)))
		return 0;
	if (!(__atomic_fetch_and(&t->raising, ~bit, __ATOMIC_SEQ_CST) & bit))
		return marked ? -1 : 0;
	/* Arrived: a raise the program's handler makes is sent at once. */
	__atomic_store_n(&t->raise_busy, 0, __ATOMIC_SEQ_CST);
	copy_info(info, &t->raised_info[slot]);
	return 1;
}

void trap_signal_resend_raised(int sig, const siginfo_t *info)
{
	int slot = slot_of(sig);
	if (slot < 0 || info->si_errno == RAISED_MARK ||
	    (info->si_code == SI_USER && info->si_pid == 0))
		return;
	struct self s;
	whoami(&s);
	uint64_t bit = bit_of(sig);
	if (__atomic_load_n(&s.t->raising, __ATOMIC_SEQ_CST) & bit)
		send_raised_copy(s.t, slot);
}

/* Takes what waits for the process among raise (owned signal bits) and
 * sends it to the calling task t, its sender's siginfo kept. */
static int take_process_pending(struct view *v, struct task_state *t,
				uint64_t raise)
{
	int taken = 0;
	for (int k = 0; k < OWNED; k++) {
		uint64_t bit = bit_of(owned_sig[k]);
		if (!(raise & bit))
			continue;
		/* The copy is the pending signal's if no give came between
		 * (the count): a writer writes only while the bit is clear,
		 * but another taker may clear it and a give set it again. */
		uint64_t state = __atomic_load_n(&v->process_state,
						 __ATOMIC_ACQUIRE);
		while (state & GIVE_PENDING(k)) {
			siginfo_t info;
			copy_info(&info, &v->process_info[k]);
			if (__atomic_compare_exchange_n(
				    &v->process_state, &state,
				    state & ~GIVE_PENDING(k), 0,
				    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
				raise_own(t, k, &info);
				taken = 1;
				break;
			}
		}
	}
	return taken;
}

/* What waits for the process that task t, blocking blocked, may take, taken
 * (not in a vfork child, which runs on its parent's block and view but is
 * a process of its own). Whether any was. */
static int take_unblocked_process_pending(struct view *v, struct task_state *t,
					  uint64_t blocked)
{
	uint64_t raise = process_pending(v) & ~blocked;
	return raise && !mine()->before_child.saved &&
	       take_process_pending(v, t, raise);
}

/* Raises what waits that the task's mask lets through: its own, then the
 * process's, one at a time, looking again after each (a nudge's handler on
 * the way back from a send left its take to us: raise_own). Whether it
 * raised any. */
static int raise_unblocked(struct self *s)
{
	struct task_state *t = s->t;
	int raised = 0;
	for (int round = 0; round < 8; round++) {
		if (__atomic_load_n(&t->raise_busy, __ATOMIC_SEQ_CST))
			break;
		uint64_t blocked = __atomic_load_n(&t->blocked, __ATOMIC_SEQ_CST);
		uint64_t own = t->pending & ~blocked;
		int k = 0;
		while (k < OWNED && !(own & bit_of(owned_sig[k])))
			k++;
		if (k < OWNED) {
			t->pending &= ~bit_of(owned_sig[k]);
			raise_own(t, k, &t->pending_info[k]);
		} else if (!take_unblocked_process_pending(s->v, t, blocked)) {
			break;
		}
		raised = 1;
	}
	return raised;
}

/* blocked: owned signal bits. Unblocking raises what waited. Returns
 * whether it raised any. */
/* Stores here and below only change what differs: after a fork each page
 * written is a copy-on-write fault, in the child and in the parent. */
static int set_blocked(struct self *s, uint64_t blocked)
{
	struct task_state *t = s->t;
	/* Ordered before the look at the process's pending signals (a
	 * locked store): a thread giving one to the process sets it, then
	 * looks at our mask; one of the two sees the other. */
	if (t->blocked != blocked)
		__atomic_store_n(&t->blocked, blocked, __ATOMIC_SEQ_CST);
	if (!(t->pending & ~blocked) && !(process_pending(s->v) & ~blocked))
		return 0;
	return raise_unblocked(s);
}

static int no_handlers_yet;
static int exec_ignored_known;
static uint64_t exec_ignored;

void trap_signal_no_handlers_yet(const uint64_t *ignored)
{
	no_handlers_yet = 1;
	if (ignored) {
		exec_ignored = *ignored;
		exec_ignored_known = 1;
	}
}

int trap_signal_exec_ignored(uint64_t *ignored)
{
	if (!exec_ignored_known)
		return 0;
	*ignored = exec_ignored;
	return 1;
}

/* sig's action as an execve left it: SIG_DFL, or SIG_IGN where the exec
 * left it ignored. Known only with exec_ignored_known; else read. */
static long exec_action(int sig, struct kernel_sigaction *out)
{
	if (!exec_ignored_known)
		return sig_action(sig, 0, out);
	*out = (struct kernel_sigaction){
		(exec_ignored >> (sig - 1)) & 1 ? SIG_IGN : SIG_DFL, 0, 0, 0};
	return 0;
}

static uint64_t asked_bits(const struct view *v, int sig);
static void program_action_of(struct kernel_sigaction *k,
			      const struct wrapped_handler *w, uint64_t asked);

/* Handlers the program installed before us (attaching; a preload's
 * constructor runs after others', e.g. a sanitizer's) whose sa_mask
 * holds bit: the treatment an rt_sigaction made now would get. */
static void rewrap_existing(uint64_t bit)
{
	if (no_handlers_yet)
		return;
	struct self s;
	whoami(&s);
	for (int other = 1; other < 65; other++) {
		struct kernel_sigaction cur;
		if (slot_of(other) >= 0 || other == SIGKILL ||
		    other == SIGSTOP || sig_action(other, 0, &cur))
			continue;
		/* Wrapped already: the program's own, wrapped again for this
		 * bit too (never the wrapper around itself). */
		program_action_of(&cur, &s.v->wrapped[other - 1],
				  asked_bits(s.v, other));
		if ((cur.mask & bit) && cur.handler != SIG_DFL &&
		    cur.handler != SIG_IGN)
			trap_signal_other_sigaction(other, &cur, 0);
	}
}

/* What the kernel holds for owned slot k while the program's action is
 * prog: our handler, with the program's SA_RESTART. The kernel decides
 * from it whether a call a sent signal interrupts is restarted (the
 * program's handler runs from ours): without it a read the program's
 * SA_RESTART handler should see restarted would fail with EINTR. An
 * ignored signal restarts it too, as one the kernel discards never
 * interrupts anything. A trap (ud2, int3) or Syscall User Dispatch's
 * SIGSYS interrupts no call: the flag changes nothing there. */
static void kernel_action_for(int k, const struct kernel_sigaction *prog,
			      struct kernel_sigaction *out)
{
	*out = our_action[k];
	if ((prog->flags & SA_RESTART) || prog->handler == SIG_IGN)
		out->flags |= SA_RESTART;
}

static int install_slot(int k, int sig,
			void (*handler)(int, siginfo_t *, void *))
{
	struct kernel_sigaction old;
	/* SA_NODEFER: the trap signal is never blocked while a trap is handled,
	 * since a syscall made by a program handler that runs nested inside the
	 * trap would otherwise kill the process. The mask stays as the program
	 * had it. SA_ONSTACK: a thread's own stack may have no room for a
	 * signal frame and our handler (a Go goroutine's is a few KiB and Go
	 * leaves only a few hundred bytes below a syscall; Go gives every
	 * thread an alternate stack, and asks SA_ONSTACK of every handler, for
	 * this reason), so a trap runs where the program's own handlers
	 * would. sigaltstack itself is then made on the program's stack
	 * (child_calls.c). */
	our_action[k].handler = (void *)handler;
	our_action[k].flags =
		SA_SIGINFO | SA_NODEFER | SA_ONSTACK | KERNEL_SA_RESTORER;
	our_action[k].restorer = arch_signal_restorer;
	our_action[k].mask = 0;
	long r = sig_action(sig, &our_action[k], &old);
	if (r)
		return (int)r;
	owned_sig[k] = sig;
	views[0].action[k] = old;
	views[0].tgid = (int)raw_getpid();
	struct kernel_sigaction held;
	kernel_action_for(k, &old, &held);
	if (held.flags != our_action[k].flags) {
		r = sig_action(sig, &held, 0);
		if (r)
			return (int)r;
	}
	/* A blocked signal (inherited across execve, perhaps from a traced
	 * program that blocked it: exec_env.c) stays blocked in the
	 * program's view only. */
	uint64_t b = bit_of(sig), was = 0;
	raw_rt_sigprocmask(SIG_UNBLOCK, &b, &was);
	mine()->state.blocked = (mine()->state.blocked & ~b) | (was & b);
	/* Attached to a running process: handlers it installed before us may
	 * block the signal while they run (Go's block every signal), and a
	 * trap inside one would kill it. (After an execve there are none.) */
	rewrap_existing(bit_of(sig));
	return 0;
}

int trap_signal_install(int sig, void (*handler)(int, siginfo_t *, void *))
{
	return install_slot(0, sig, handler);
}

int trap_signal_install_second(int sig,
			       void (*handler)(int, siginfo_t *, void *))
{
	if (slot_of(sig) >= 0)
		return 0;
	return install_slot(1, sig, handler);
}

void trap_signal_adopt_thread(void)
{
	uint64_t bits = trap_signal_bits(), was = 0;
	raw_rt_sigprocmask(SIG_UNBLOCK, &bits, &was);
	mine()->state.blocked = was & bits;
	/* Its mask as it is (it may be inside a handler of the program's
	 * that blocks a fault signal, delivered before we came). */
	if (was & FAULT_BITS)
		fault_mask_blocked_now();
	else
		fault_mask_learnt(FAULT_MASK_UNBLOCKED);
}

int trap_signal_reinstall(void)
{
	struct self s;
	whoami(&s);
	for (int k = 0; k < OWNED; k++) {
		if (!owned_sig[k])
			continue;
		struct kernel_sigaction held;
		kernel_action_for(k, &s.v->action[k], &held);
		long r = sig_action(owned_sig[k], &held, 0);
		if (r)
			return (int)r;
	}
	return 0;
}

int trap_signal_number(void)
{
	return owned_sig[0];
}

int trap_signal_owned(int sig)
{
	return slot_of(sig) >= 0;
}

uint64_t trap_signal_bits(void)
{
	uint64_t b = 0;
	for (int k = 0; k < OWNED; k++)
		b |= bit_of(owned_sig[k]);
	return b;
}

void trap_signal_get_virtual(int sig, struct kernel_sigaction *out)
{
	struct self s;
	whoami(&s);
	int k = slot_of(sig);
	*out = s.v->action[k < 0 ? 0 : k];
}

void trap_signal_set_virtual(int sig, const struct kernel_sigaction *act)
{
	struct self s;
	whoami(&s);
	int k = slot_of(sig);
	/* Not noted (note_action): the program's handler of an owned
	 * signal runs only from our handler, which sets the mask it asks
	 * for itself and learns it (trap_signal_deliver_to_program).
	 * Go gives every handler a filled sa_mask, SIGTRAP's and SIGILL's
	 * too: noted, it made every read of every thread ask for the mask
	 * (three rt_sigprocmask a traced os.Stat). */
	if (k < 0)
		return;
	struct kernel_sigaction was, now;
	kernel_action_for(k, &s.v->action[k], &was);
	kernel_action_for(k, act, &now);
	/* The kernel's copy is this task's set of actions, the view's. */
	if (now.flags != was.flags)
		sig_action(sig, &now, 0);
	s.v->action[k] = *act;
	kernel_sigaction_as_kept(&s.v->action[k]);
}

uint64_t trap_signal_virtually_blocked(void)
{
	struct self s;
	whoami(&s);
	return s.t->blocked;
}

void trap_signal_set_virtually_blocked(uint64_t blocked)
{
	struct self s;
	whoami(&s);
	set_blocked(&s, blocked & trap_signal_bits());
}

void trap_signal_show_virtually_blocked(uint64_t blocked)
{
	struct self s;
	whoami(&s);
	__atomic_store_n(&s.t->blocked, blocked & trap_signal_bits(),
			 __ATOMIC_SEQ_CST);
}

uint64_t trap_signal_enter_blocked(uint64_t blocked, int *raised)
{
	struct self s;
	whoami(&s);
	uint64_t was = s.t->blocked;
	*raised = set_blocked(&s, blocked & trap_signal_bits());
	return was;
}

/* Kept in the thread's block (not the task's entry): the thread that
 * waits is the one whose handlers return. */
void trap_signal_mark_temp_mask(int in, uint64_t was, uint64_t kernel_mask,
				int *old_in, uint64_t *old_was,
				uint64_t *old_kernel)
{
	struct trap_signal_thread *me = mine();
	*old_in = me->in_temp_mask;
	*old_was = me->temp_mask_was;
	*old_kernel = me->temp_mask_kernel;
	me->temp_mask_was = was;
	me->temp_mask_kernel = kernel_mask;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	me->in_temp_mask = in;
}

/* The mask the kernel ran the interrupted code with, which a handler it
 * enters now runs with, with the handler's sa_mask: the frame's, but for
 * a delivery as a call with a temporary mask ends interrupted (the
 * frame's pc at that call's site, its result EINTR), where it is the
 * call's and the frame holds the one its rt_sigreturn puts back. A call
 * that ended otherwise (ppoll's timeout, a ready fd) had its own mask put
 * back at once, which the frame holds. */
static uint64_t mask_at_delivery(void *context)
{
	const struct trap_signal_thread *me = mine();
	if (me->in_temp_mask && arch_context_pc(context) == arch_temp_mask_site() &&
	    arch_context_result(context) == -EINTR)
		return me->temp_mask_kernel;
	return *arch_context_sigmask(context);
}

uint64_t trap_signal_sigreturn_blocked(void)
{
	struct trap_signal_thread *me = mine();
	if (me->in_temp_mask)
		return me->temp_mask_was;
	struct self s;
	whoami(&s);
	return s.t->blocked;
}

uint64_t trap_signal_virtually_pending(void)
{
	struct self s;
	whoami(&s);
	/* A vfork child, on its parent's view, has none of its parent's. */
	if (mine()->before_child.saved)
		return s.t->pending;
	return s.t->pending | process_pending(s.v);
}

/* The owned signals sig's sa_mask holds, in view v. */
static uint64_t asked_bits(const struct view *v, int sig)
{
	uint64_t b = 0;
	for (int k = 0; k < OWNED; k++)
		if (__atomic_load_n(&v->mask_has[k], __ATOMIC_RELAXED) &
		    bit_of(sig))
			b |= bit_of(owned_sig[k]);
	return b;
}

/* ---- handlers whose sa_mask holds an owned or a fault signal ----
 * The kernel never gets an owned bit in a mask, so inside such a handler
 * the signal is really not blocked; to show it blocked there, as the
 * program asked, its handler runs behind this wrapper. A handler whose
 * sa_mask holds SIGSEGV or SIGBUS while systrap owns them (sigfillset's
 * masks: Go's, libuv's) runs behind it too: the kernel enters the wrapper
 * with every signal blocked, and the wrapper learns that this thread's
 * fault signals are blocked before it sets the handler's mask itself
 * (mask_at_delivery's, with the handler's sa_mask). Left to the kernel,
 * that mask came unseen, and every read of every thread asked the kernel
 * for its mask (two rt_sigprocmask a stat in a Node.js loop). */
/* Runs a program's handler with the owned signals in asked shown blocked
 * while it runs (the kernel never gets their bits). */
static void run_handler(struct self *s, uint64_t asked, void *handler,
			unsigned long flags, int sig, siginfo_t *info,
			void *context)
{
	uint64_t was = s->t->blocked;
	s->t->blocked = was | asked;
	if (flags & SA_SIGINFO)
		((void (*)(int, siginfo_t *, void *))handler)(sig, info,
							      context);
	else
		((void (*)(int))handler)(sig);
	/* As the kernel's sigreturn puts the mask back. */
	set_blocked(s, was);
	fault_mask_returning_to(context);
}

static void wrapped_handler_entry(int sig, siginfo_t *info, void *context)
{
	struct self s;
	whoami(&s);
	struct wrapped_handler w = s.v->wrapped[sig - 1];
	if (w.sets_mask) {
		fault_mask_blocked_now();
		fault_mask_set_for_handler(context, w.mask, w.flags, sig);
	}
	run_handler(&s, asked_bits(s.v, sig), w.handler, w.flags, sig, info,
		    context);
}

/* The program's action, from what the kernel holds for it (k): the
 * wrapper, if so, made the program's again (w), and the owned signals its
 * sa_mask asked for (asked) given back. */
static void program_action_of(struct kernel_sigaction *k,
			      const struct wrapped_handler *w, uint64_t asked)
{
	if (k->handler == (void *)wrapped_handler_entry) {
		k->handler = w->handler;
		k->flags = w->flags;
		if (w->sets_mask)
			k->mask = w->mask;
		kernel_sigaction_as_kept(k); /* as the kernel keeps the mask */
	}
	k->mask |= asked;
}

long trap_signal_other_sigaction(int sig, const struct kernel_sigaction *act,
				 struct kernel_sigaction *oldact)
{
	uint64_t bits = trap_signal_bits();
	uint64_t sig_bit = bit_of(sig);
	struct self s;
	whoami(&s);
	struct kernel_sigaction k, old;
	struct wrapped_handler was_wrapped = s.v->wrapped[sig - 1];
	uint64_t had = asked_bits(s.v, sig);
	uint64_t asks = 0;
	int sets_mask = 0;
	if (act) {
		k = *act;
		asks = k.mask & bits;
		k.mask &= ~bits;
		/* Not for a vfork-like child on its parent's view, whose
		 * wrapped entries it would overwrite (the parent's handler
		 * would run the child's): its mask is noted instead. */
		sets_mask = (k.mask & FAULT_BITS) &&
			    __atomic_load_n(&faults_owned, __ATOMIC_RELAXED) &&
			    !mine()->before_child.saved;
		if ((asks || sets_mask) && k.handler != SIG_DFL &&
		    k.handler != SIG_IGN) {
			s.v->wrapped[sig - 1] = (struct wrapped_handler){
				k.handler, k.flags, k.mask, sets_mask};
			k.handler = (void *)wrapped_handler_entry;
			k.flags |= SA_SIGINFO;
			if (sets_mask)
				k.mask = ~0ULL; /* as fault_kernel_action's */
		} else {
			sets_mask = 0;
		}
	}
	/* Noted first: a signal delivered as the call returns runs with the
	 * new mask already. A wrapper that sets the mask sees it. */
	if (act && !sets_mask)
		note_action(sig, act);
	long r = sig_action(sig, act ? &k : 0, oldact ? &old : 0);
	if (r) {
		s.v->wrapped[sig - 1] = was_wrapped;
		return r;
	}
	for (int j = 0; act && j < OWNED; j++) {
		uint64_t has = __atomic_load_n(&s.v->mask_has[j], __ATOMIC_RELAXED);
		if ((asks & bit_of(owned_sig[j])) && !(has & sig_bit))
			__atomic_or_fetch(&s.v->mask_has[j], sig_bit,
					  __ATOMIC_RELAXED);
		else if (!(asks & bit_of(owned_sig[j])) && (has & sig_bit))
			__atomic_and_fetch(&s.v->mask_has[j], ~sig_bit,
					   __ATOMIC_RELAXED);
	}
	if (oldact) {
		/* The kernel keeps the wrapper until SA_RESETHAND drops it. */
		program_action_of(&old, &was_wrapped, had);
		*oldact = old;
	}
	return 0;
}

/* ---- children that share our memory ---- */

void trap_signal_before_vm_child(uintptr_t child_stack, int vfork_like,
				 int on_this_block)
{
	if (!vfork_like)
		__atomic_store_n(&vm_children, 1, __ATOMIC_RELEASE);
	if (!__atomic_load_n(&vm_children, __ATOMIC_ACQUIRE))
		return; /* one view: trap_signal_save_before_child does it */
	struct self s;
	whoami(&s);
	int tid = (int)raw_gettid();
	if (on_this_block && s.t == &mine()->state)
		mine()->owner = tid;
	struct view *v = new_view(s.v);
	if (!v)
		return;
	v->parent_tgid = (int)raw_getpid();
	v->child_stack = child_stack;
	v->vfork_parent = vfork_like ? tid : 0;
	v->initial_blocked = s.t->blocked;
	__atomic_store_n(&v->tgid, -1, __ATOMIC_RELEASE);
}

static void free_view(struct view *v)
{
	int g = __atomic_load_n(&v->tgid, __ATOMIC_ACQUIRE);
	if (v == &views[0] || g == 0 || g == -2)
		return;
	if (g > 0)
		for (int i = 0; i < MAX_TASKS; i++)
			if (tasks[i].tid > 0 && tasks[i].tgid == g)
				__atomic_store_n(&tasks[i].tid, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&v->tgid, 0, __ATOMIC_RELEASE);
}

void trap_signal_task_exit(int whole_group)
{
	if (!__atomic_load_n(&vm_children, __ATOMIC_ACQUIRE))
		return;
	struct self s;
	whoami(&s);
	int tid = (int)raw_gettid();
	if (s.t != &mine()->state)
		__atomic_store_n(&s.t->tid, 0, __ATOMIC_RELEASE);
	if (whole_group || tid == s.v->tgid)
		free_view(s.v);
}

void trap_signal_forker(struct trap_signal_forker *out)
{
	struct self s;
	whoami(&s);
	out->view = s.v;
	out->task = s.t;
}

void trap_signal_fork_child(const struct trap_signal_forker *f)
{
	const struct view *v = f->view;
	const struct task_state *t = f->task;
	/* Pending signals are not inherited. */
	if (mine()->state.pending)
		mine()->state.pending = 0;
	if (mine()->state.raising)
		mine()->state.raising = 0;
	if (mine()->state.raise_busy)
		mine()->state.raise_busy = 0;
	/* And a give another thread was making at the fork never ends
	 * here. The count of gives may stay. One try: where it fails, a
	 * give of our own (a signal's, nested here) came and finished
	 * between; only the writing flags can still be the parent's. */
	uint64_t inherited = views[0].process_state;
	if ((inherited & GIVE_FLAGS) &&
	    !__atomic_compare_exchange_n(&views[0].process_state, &inherited,
					 inherited & ~GIVE_FLAGS, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		__atomic_fetch_and(&views[0].process_state,
				   ~(GIVE_FLAGS & ~GIVE_PENDING_ALL),
				   __ATOMIC_ACQ_REL);
	if (!__atomic_load_n(&vm_children, __ATOMIC_ACQUIRE))
		return;
	/* We are the only task of a new process: the forker's view becomes
	 * the process's own, its state this thread block's. */
	if (v != &views[0]) {
		for (int k = 0; k < OWNED; k++) {
			views[0].action[k] = v->action[k];
			views[0].mask_has[k] = v->mask_has[k];
		}
		views[0].fault_action[0] = v->fault_action[0];
		views[0].fault_action[1] = v->fault_action[1];
		for (int k = 0; k < NSIGNALS; k++)
			views[0].wrapped[k] = v->wrapped[k];
	}
	views[0].tgid = (int)raw_getpid();
	mine()->state.blocked = t->blocked;
	mine()->owner = 0;
	for (int i = 1; i < MAX_VIEWS; i++)
		views[i].tgid = 0;
	for (int i = 0; i < MAX_TASKS; i++)
		tasks[i].tid = 0;
	vm_children = 0;
}

void trap_signal_save_before_child(void)
{
	if (__atomic_load_n(&vm_children, __ATOMIC_ACQUIRE))
		return; /* the child has a view of its own */
	if (mine()->before_child.saved)
		return; /* a vfork child's own vfork: keep the outermost */
	for (int k = 0; k < OWNED; k++) {
		mine()->before_child.action[k] = views[0].action[k];
		mine()->before_child.mask_has[k] = views[0].mask_has[k];
	}
	mine()->before_child.fault_action[0] = views[0].fault_action[0];
	mine()->before_child.fault_action[1] = views[0].fault_action[1];
	mine()->before_child.faults_traced = faults_traced;
	mine()->before_child.blocked = mine()->state.blocked;
	mine()->before_child.pending = mine()->state.pending;
	mine()->before_child.raising = mine()->state.raising;
	mine()->before_child.saved = 1;
}

void trap_signal_before_new_thread(void)
{
	struct self s;
	whoami(&s);
	uint64_t blocked = s.t->blocked;
	if (mine()->new_thread_blocked != blocked)
		mine()->new_thread_blocked = blocked;
}

void trap_signal_restore_after_child(int child_ran_here)
{
	/* The child ran on this block with a mask of its own. */
	if (child_ran_here)
		trap_signal_mask_may_change();
	if (mine()->before_child.saved) {
		for (int k = 0; k < OWNED; k++) {
			views[0].action[k] = mine()->before_child.action[k];
			views[0].mask_has[k] = mine()->before_child.mask_has[k];
		}
		views[0].fault_action[0] = mine()->before_child.fault_action[0];
		views[0].fault_action[1] = mine()->before_child.fault_action[1];
		faults_traced = mine()->before_child.faults_traced;
		mine()->state.blocked = mine()->before_child.blocked;
		mine()->state.pending = mine()->before_child.pending;
		mine()->state.raising = mine()->before_child.raising;
		/* Never on its way at a vfork: the program made it. */
		mine()->state.raise_busy = 0;
		mine()->before_child.saved = 0;
		/* What came for the process meanwhile, that this thread takes
		 * (no thread was asked to while its block held the child's
		 * mask). */
		struct self s = {&views[0], &mine()->state};
		raise_unblocked(&s);
	}
	if (!__atomic_load_n(&vm_children, __ATOMIC_ACQUIRE))
		return;
	/* A vfork-like child has exec'ed or exited: its view is done with. */
	int tid = (int)raw_gettid();
	for (int i = 1; i < MAX_VIEWS; i++)
		if (views[i].vfork_parent == tid &&
		    __atomic_load_n(&views[i].tgid, __ATOMIC_ACQUIRE) != -2)
			free_view(&views[i]);
}

/* Asks another thread of ours that does not block sig (virtually), if
 * there is one, to take what waits for the process: a signal of ours it
 * knows (poked below), its handler then taking the process's pending
 * signal for itself, since a thread may send its siginfo (the kernel's
 * si_code, the sender's pid) only to itself. The nudge is the site trap's
 * signal (owned_sig[0]), even for SIGSYS: the kernel merges a standard
 * signal sent to a thread that has one pending, so a nudge landing while
 * the thread takes a trap of the same signal is one of the two. A merged
 * ud2 or int3 runs again (trap_handler.c) and a merged nudge is made up for
 * by the trap (trap_signal_take_for_process); but a merged SIGSYS of
 * Syscall User Dispatch would have skipped its call, unseen. (So the
 * thread must not block the nudge's signal either: one waiting for it in
 * sigtimedwait would take the nudge as its own.) Threads on blocks of their
 * own only (a task on its creator's block, CLONE_VM without CLONE_THREAD
 * or CLONE_SETTLS, has its state elsewhere); a block whose task is gone, or of another
 * thread group (a fork child's copies), is told by the send failing. */
static int poke_unblocking_thread(struct view *v, int sig)
{
	if (__atomic_load_n(&vm_children, __ATOMIC_ACQUIRE))
		return 0;
	int tgid = (int)raw_getpid(), self = (int)raw_gettid();
	uint64_t bit = bit_of(sig) | bit_of(owned_sig[0]);
	int n = thread_block_slots();
	for (int i = 0; i < n; i++) {
		struct thread_block *b = thread_block_slot(i);
		/* A block a vfork child runs on holds the child's mask: its
		 * thread takes what waits once it resumes
		 * (trap_signal_restore_after_child). */
		if (!b || __atomic_load_n(&b->state, __ATOMIC_ACQUIRE) !=
				  THREAD_BLOCK_LIVE ||
		    b->trap_signal.owner || b->trap_signal.before_child.saved)
			continue;
		/* The first thread's block names no task: the leader's. */
		int tid = __atomic_load_n(&b->tid, __ATOMIC_RELAXED);
		if (i == 0 && tid == 0)
			tid = tgid;
		if (tid <= 0 || tid == self ||
		    (__atomic_load_n(&b->trap_signal.state.blocked,
				     __ATOMIC_SEQ_CST) & bit))
			continue;
		static const siginfo_t zero;
		siginfo_t poke;
		copy_info(&poke, &zero);
		poke.si_signo = owned_sig[0];
		poke.si_code = SI_QUEUE;
		poke.si_pid = tgid;
		poke.si_value.sival_ptr = v;
		if (raw_rt_tgsigqueueinfo(tgid, tid, owned_sig[0], &poke) == 0)
			return tid;
	}
	return 0;
}

static struct timespec give_stretch; /* trap_signal_set_give_stretch */

void trap_signal_set_give_stretch(unsigned microseconds)
{
	give_stretch.tv_sec = 0;
	give_stretch.tv_nsec =
		(long)(microseconds < 999999 ? microseconds : 999999) * 1000;
}

/* Asks another thread to take what waits for the process that this task
 * blocks. */
static void ask_for_what_waits(struct self *s)
{
	uint64_t left = process_pending(s->v) &
			__atomic_load_n(&s->t->blocked, __ATOMIC_SEQ_CST);
	for (int k = 0; k < OWNED; k++)
		if (left & bit_of(owned_sig[k]))
			poke_unblocking_thread(s->v, owned_sig[k]);
}

/* Whether info is poke_unblocking_thread's. */
static int is_poke(const struct view *v, const siginfo_t *info)
{
	return info->si_code == SI_QUEUE && info->si_value.sival_ptr == (void *)v &&
	       info->si_pid == (int)raw_getpid();
}

/* An owned signal sent to the process (kill, sigqueue: not tgkill) that
 * the thread the kernel chose blocks: natively the kernel gives it to a
 * thread that does not block it, or keeps it for the process until one
 * unblocks it. But the kernel chose among threads that all take it (no
 * thread really blocks an owned signal), and this one may never unblock
 * it while another waits for it: kept in this thread, it was lost (a
 * process whose threads start with every signal blocked and whose main
 * thread is busy with other signals). It waits for the process, with its
 * siginfo, and a thread that takes it now is asked to. A standard signal
 * does not queue: one pending is enough. */
static void give_to_the_process(struct self *s, int sig, int slot,
				siginfo_t *info)
{
	struct view *v = s->v;
	uint64_t busy = GIVE_PENDING(slot) | GIVE_WRITING(slot);
	/* One writer of its siginfo at a time (two kills landing at once in
	 * two threads: natively one of them would find the other pending),
	 * and none while one waits, which a taker copies before it clears
	 * the bit. */
	uint64_t state = __atomic_load_n(&v->process_state, __ATOMIC_ACQUIRE);
	do {
		if (state & busy)
			return;
	} while (!__atomic_compare_exchange_n(&v->process_state, &state,
					      state | GIVE_WRITING(slot), 0,
					      __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
	state |= GIVE_WRITING(slot);
	copy_info(&v->process_info[slot], info);
	__atomic_store_n(&ever_given, 1, __ATOMIC_SEQ_CST);
	/* Published and the write ended in one step, and the give counted,
	 * before the look for a thread: one that unblocks it after the look
	 * finds it here. (Only the claim's holder changes these two flags;
	 * a word a view's reuse reset meanwhile ends up pending, not with
	 * a claim no one releases.) */
	while (!__atomic_compare_exchange_n(
		&v->process_state, &state,
		((state | GIVE_PENDING(slot)) & ~GIVE_WRITING(slot)) +
			GIVE_COUNT_ONE,
		0, __ATOMIC_SEQ_CST, __ATOMIC_ACQUIRE))
		;
	if (give_stretch.tv_nsec)
		raw_nanosleep(&give_stretch);
	poke_unblocking_thread(v, sig);
}

void trap_signal_take_for_process(void)
{
	if (!__atomic_load_n(&ever_given, __ATOMIC_SEQ_CST))
		return;
	struct self s;
	whoami(&s);
	if (!process_pending(s.v) ||
	    mine()->before_child.saved)
		return;
	raise_unblocked(&s);
	/* The nudge merged into this trap may have been for a signal this
	 * thread has blocked since: another thread is asked. */
	ask_for_what_waits(&s);
}

static void (*observer)(int sig, const void *info, void *context, int kills);

void trap_signal_set_observer(void (*fn)(int sig, const void *info,
					 void *context, int kills))
{
	__atomic_store_n(&observer, fn, __ATOMIC_RELEASE);
}

/* The observer's call, as a handler's (systrap_call_with_room's fn). */
static void observe_now(int sig, void *info, void *context, int kills)
{
	void (*fn)(int, const void *, void *, int) =
		__atomic_load_n(&observer, __ATOMIC_ACQUIRE);
	if (fn)
		fn(sig, info, context, kills);
}

static void observe_living(int sig, void *info, void *context)
{
	observe_now(sig, info, context, 0);
}

static void observe_dying(int sig, void *info, void *context)
{
	observe_now(sig, info, context, 1);
}

/* The tool sees the signal, where there is room (own_stack.c); one that
 * kills, as the process's last words. While it does, this thread's tid is
 * in its block's `handling`: a fault then is the observer's own, and
 * fault_handler ends the process with it rather than observe it again. */
static void observe(int sig, siginfo_t *info, void *context, int kills)
{
	if (!__atomic_load_n(&observer, __ATOMIC_ACQUIRE))
		return;
	struct trap_signal_thread *me = mine();
	int was = me->handling;
	me->handling = (int)raw_gettid();
	if (kills)
		systrap_last_words(observe_dying, sig, info, context);
	else
		systrap_call_with_room(observe_living, sig, info, context);
	me->handling = was;
}

/* A fault in our own handling of a signal: fault_handler's before it
 * hands the signal to the program's handler, or an observer's (observe
 * above). */
static int faulted_in_our_handling(const siginfo_t *info)
{
	int o = mine()->handling;
	return o && info->si_code > 0 && o == (int)raw_gettid();
}

int trap_signal_deliver_to_program(int sig, siginfo_t *info, void *context)
{
	struct self s;
	whoami(&s);
	int slot = slot_of(sig);
	uint64_t sig_bit = bit_of(sig);
	if (is_poke(s.v, info)) {
		/* Asked to take what waits for the process, if we still may;
		 * else another thread that may is asked (this one blocked it
		 * meanwhile). */
		set_blocked(&s, s.t->blocked);
		ask_for_what_waits(&s);
		return 0;
	}
	/* A copy of our own making: a repeat is dropped. */
	if (raised_copy(s.t, slot, info) < 0)
		return 0;
	struct kernel_sigaction act = s.v->action[slot < 0 ? 0 : slot];
	int sent = info->si_code <= 0; /* kill, tgkill, sigqueue */
	if (act.handler == SIG_IGN && sent)
		return 0;
	if (s.t->blocked & sig_bit) {
		/* A sent signal waits until the program unblocks it: in this
		 * thread if sent to it (tgkill), else in the process. A
		 * blocked fault is not deliverable: the kernel forces the
		 * default. */
		if (sent) {
			/* A vfork child (on its parent's block and view) is a
			 * process of one thread: its own. */
			if (slot < 0) {
				/* Not raised again (set_blocked). */
			} else if (info->si_code == SI_TKILL ||
				   mine()->before_child.saved) {
				/* The first sender's siginfo, as the kernel
				 * keeps it. */
				if (!(s.t->pending & sig_bit))
					copy_info(&s.t->pending_info[slot],
						  info);
				s.t->pending |= sig_bit;
			} else
				give_to_the_process(&s, sig, slot, info);
			return 0;
		}
		act.handler = SIG_DFL;
	}
	if (act.handler == SIG_DFL || act.handler == SIG_IGN) {
		/* The default action, for real: for a fault (ud2), returning
		 * re-executes the instruction, which now meets SIG_DFL; a trap
		 * (int3: the pc is already past it), a seccomp SIGSYS (the
		 * call was skipped) and a sent signal are sent again. A fault
		 * cannot be ignored (the kernel forces the default), so
		 * SIG_IGN dies too. */
		observe(sig, info, context, 1);
		struct kernel_sigaction dfl = {SIG_DFL, 0, 0, 0};
		sig_action(sig, &dfl, 0);
		if (sent || sig != SIGILL)
			raw_tgkill((int)raw_getpid(), (int)raw_gettid(), sig);
		return 0;
	}
	/* The program's handler, with the mask the kernel would have set. */
	observe(sig, info, context, 0);
	fault_mask_set_for_handler(context, act.mask, act.flags, sig);
	if (act.flags & SA_RESETHAND) /* the handler only: the kernel's */
		s.v->action[slot < 0 ? 0 : slot].handler = SIG_DFL;
	/* The kernel would block sig itself during the handler (unless
	 * SA_NODEFER), and what sa_mask asks: in the program's view only. */
	uint64_t was = s.t->blocked;
	s.t->blocked = was | (act.mask & trap_signal_bits()) |
		       ((act.flags & SA_NODEFER) ? 0 : sig_bit);
	((void (*)(int, siginfo_t *, void *))act.handler)(sig, info, context);
	/* Our sigreturn restores the mask saved in the frame; the view goes
	 * back to what it was (sig unblocked, to get here), raising what
	 * waited. */
	set_blocked(&s, was);
	fault_mask_returning_to(context);
	return 1;
}

/* ---- SIGSEGV and SIGBUS, owned where reads recover from their faults ----
 *
 * Without RTM, safe_memory copies the program's memory with a plain copy
 * (arch_fault_copy) whose faults come to fault_handler and resume at its
 * fix-up. Every other SIGSEGV or SIGBUS is the program's. The kernel holds
 * our handler with the program's own flags (SA_RESETHAND aside, which we
 * do), so it builds the frame where and as it would for the program's
 * handler: on its alternate stack if SA_ONSTACK asked. Its mask is every
 * signal, the trap signals too: fault_handler learns that this thread's
 * fault signals are blocked before anything of the program's can run,
 * then sets the mask the kernel would have (mask_at_delivery's, the
 * handler's sa_mask and, without SA_NODEFER, the signal itself) with one
 * rt_sigprocmask. A
 * program's SIGSEGV handler (GCC's cc1, Rust's stack-overflow guard, a
 * JVM) thereby costs a system call when it runs, instead of an unseen
 * mask that made every read of every thread ask the kernel for the mask
 * from its installation on (1,434 queries in one cc1 of a small file).
 * For SIG_DFL and SIG_IGN the kernel holds our handler with
 * SA_NODEFER|SA_ONSTACK and an empty mask. The program's action is kept
 * per view, as the trap signal's. */
static int faults_owned;
/* A mask holding SIGSEGV or SIGBUS was asked for where it takes effect
 * unseen: the sa_mask of a handler of a signal that is neither owned nor
 * a fault signal (those enter through us and set their mask themselves),
 * which the kernel sets at each delivery; a temporary mask
 * (sigsuspend, ppoll...), which a handler inside the call runs with; or
 * inherited at the start. From then on a thread's earlier "unblocked" may
 * be stale at any time, and every copy first reads the thread's mask (a
 * fault while the signal is blocked kills the process), unless it last
 * found them blocked. Never cleared. */
static int faults_maybe_blocked;
/* The program's rt_sigprocmask blocked SIGSEGV or SIGBUS in some thread,
 * or a handler of the program ran with one blocked, and a thread inherits
 * its creator's mask: a thread whose fault_mask is UNKNOWN asks the
 * kernel once. Never cleared. glibc's pthread_create
 * blocks every signal around clone3, so a threaded program sets it at
 * its first thread; a thread's reads then go on without asking, once the
 * thread has put its mask back (session 60: a read's extra
 * rt_sigprocmask was a third of a traced read(2) without RTM). */
static int faults_masked;
/* faults_traced (declared above): the process asked to be ptraced
 * (PTRACE_TRACEME, as a debugger's child does before its exec): each fault
 * of ours would be a signal-delivery-stop its tracer sees, and one in a
 * vfork child would stop it while its parent (the debugger) still waits in
 * vfork. Reads go to the kernel; a vfork parent's flag comes back when it
 * resumes. */


static int fault_index(int sig)
{
	return sig == SIGSEGV ? 0 : sig == SIGBUS ? 1 : -1;
}

int trap_signal_owns_fault(int sig)
{
	return __atomic_load_n(&faults_owned, __ATOMIC_RELAXED) &&
	       fault_index(sig) >= 0;
}

/* The kernel enters fault_handler, which finds room first (own_stack.h). */
void fault_handler(int sig, siginfo_t *info, void *context);
__attribute__((used)) static void fault_handler_here(int sig, void *info_,
						     void *context);
ARCH_ROOMY_SIGNAL_HANDLER(fault_handler, fault_handler_here, own_stack_mover,
			  OWN_STACK_ROOM);

/* What the kernel holds while the program's action is prog. */
static void fault_kernel_action(const struct kernel_sigaction *prog,
				struct kernel_sigaction *k)
{
	k->handler = (void *)fault_handler;
	k->restorer = arch_signal_restorer;
	if (prog->handler == SIG_DFL || prog->handler == SIG_IGN) {
		k->flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK |
			   KERNEL_SA_RESTORER;
		k->mask = 0;
		return;
	}
	k->flags = (prog->flags & ~(unsigned long)SA_RESETHAND) | SA_SIGINFO |
		   KERNEL_SA_RESTORER;
	/* Every signal, the owned ones too: fault_handler sets the program's
	 * mask itself, and nothing may run before it has (a trap signal's
	 * handler stacked on ours would take our mask for the program's). */
	k->mask = ~0ULL;
}

void trap_signal_note_mask(uint64_t mask)
{
	if ((mask & FAULT_BITS) &&
	    !__atomic_load_n(&faults_maybe_blocked, __ATOMIC_RELAXED))
		__atomic_store_n(&faults_maybe_blocked, 1, __ATOMIC_RELAXED);
}

/* A handler installed for sig with act may block a fault signal while it
 * runs. */
static void note_action(int sig, const struct kernel_sigaction *act)
{
	if (act->handler == SIG_DFL || act->handler == SIG_IGN)
		return;
	trap_signal_note_mask(act->mask);
	if (fault_index(sig) >= 0 && !(act->flags & SA_NODEFER))
		trap_signal_note_mask(FAULT_BITS);
}

void trap_signal_note_traced(void)
{
	__atomic_store_n(&faults_traced, 1, __ATOMIC_RELAXED);
}

/* This thread's fault_mask, where it is this thread's alone: a block
 * that another task may run on (thread_block_has_guests) holds whichever
 * task's last. */
static int fault_mask_known(void)
{
	if (!thread_block_ready())
		return FAULT_MASK_UNKNOWN;
	const struct thread_block *b = thread_block_current();
	int m = b->trap_signal.fault_mask;
	if (m == FAULT_MASK_UNBLOCKED && thread_block_has_guests(b))
		return FAULT_MASK_UNKNOWN;
	return m;
}

static void fault_mask_learnt(int m)
{
	/* Only what differs is written (a page written after a fork is a
	 * copy-on-write fault). */
	if (thread_block_ready() && mine()->fault_mask != m)
		mine()->fault_mask = m;
}

int trap_signal_faults_unblocked(int ask_kernel)
{
	if (__atomic_load_n(&faults_traced, __ATOMIC_RELAXED))
		return 0;
	int unseen = __atomic_load_n(&faults_maybe_blocked, __ATOMIC_RELAXED);
	if (!unseen && !__atomic_load_n(&faults_masked, __ATOMIC_RELAXED))
		return 1;
	/* A stale "blocked" costs a kernel read, never a fault while the
	 * signal is blocked; a stale "unblocked" would kill, so it is
	 * trusted only where no mask changes unseen. */
	int m = fault_mask_known();
	if (m == FAULT_MASK_BLOCKED)
		return 0;
	if (m == FAULT_MASK_UNBLOCKED && !unseen)
		return 1;
	if (!ask_kernel)
		return 0;
	uint64_t cur = 0;
	if (raw_rt_sigprocmask(SIG_BLOCK, 0, &cur))
		return 0;
	fault_mask_learnt((cur & FAULT_BITS) ? FAULT_MASK_BLOCKED
					     : FAULT_MASK_UNBLOCKED);
	return !(cur & FAULT_BITS);
}

/* A program's handler that we called has returned, and our restorer's
 * rt_sigreturn, which systrap does not see, is to put context's mask
 * back. Until then the handler's mask, which it may have changed, is in
 * force: a fault signal the frame's mask blocks counts as blocked at
 * once (a read of ours in between that found it unblocked would be
 * trusted after the sigreturn), anything else as not known. */
static void fault_mask_returning_to(void *context)
{
	if (*arch_context_sigmask(context) & FAULT_BITS)
		fault_mask_learnt(FAULT_MASK_BLOCKED);
	else
		fault_mask_learnt(FAULT_MASK_UNKNOWN);
}

/* This thread's fault signals are, or are about to be, blocked by a mask
 * we see: its fault_mask counts from now on. */
static void fault_mask_blocked_now(void)
{
	if (!__atomic_load_n(&faults_masked, __ATOMIC_RELAXED))
		__atomic_store_n(&faults_masked, 1, __ATOMIC_RELAXED);
	fault_mask_learnt(FAULT_MASK_BLOCKED);
}

/* Sets the mask a handler of the program for sig (its sa_mask and flags)
 * is to run with, as the kernel would have at its delivery (context's
 * frame), the owned signals left out, and learns it: "blocked" before
 * the kernel blocks, "unblocked" after it unblocks, so that a read in
 * between takes the safe answer. */
static void fault_mask_set_for_handler(void *context, uint64_t sa_mask,
				       unsigned long flags, int sig)
{
	uint64_t mask = mask_at_delivery(context) | sa_mask;
	if (!(flags & SA_NODEFER))
		mask |= bit_of(sig);
	mask &= ~trap_signal_bits();
	if (mask & FAULT_BITS)
		fault_mask_blocked_now();
	raw_rt_sigprocmask(SIG_SETMASK, &mask, 0);
	if (!(mask & FAULT_BITS))
		fault_mask_learnt(FAULT_MASK_UNBLOCKED);
}

void trap_signal_program_masking(int how, uint64_t set)
{
	if (!(set & FAULT_BITS) || how == SIG_UNBLOCK)
		return;
	/* Before the kernel blocks them: a handler that comes between its
	 * call and trap_signal_program_masked reads with them blocked. */
	fault_mask_blocked_now();
}

void trap_signal_program_masked(int how, uint64_t set)
{
	uint64_t f = set & FAULT_BITS;
	if (!thread_block_ready())
		return;
	int m = mine()->fault_mask;
	if (how == SIG_SETMASK)
		m = f ? FAULT_MASK_BLOCKED : FAULT_MASK_UNBLOCKED;
	else if (how == SIG_BLOCK && f)
		m = FAULT_MASK_BLOCKED;
	else if (how == SIG_UNBLOCK && f == FAULT_BITS)
		m = FAULT_MASK_UNBLOCKED;
	else if (how == SIG_UNBLOCK && f && m == FAULT_MASK_BLOCKED)
		m = FAULT_MASK_UNKNOWN; /* the other one may still be */
	fault_mask_learnt(m);
}

void trap_signal_mask_may_change(void)
{
	fault_mask_learnt(FAULT_MASK_UNKNOWN);
}

int trap_signal_own_faults(void)
{
	uint64_t cur = 0;
	raw_rt_sigprocmask(SIG_BLOCK, 0, &cur);
	trap_signal_note_mask(cur);
	uint64_t to_wrap = 0; /* below, once the fault signals are owned */
	for (int sig = 1; sig <= NSIGNALS; sig++) {
		struct kernel_sigaction old;
		/* Right after an execve every action is SIG_DFL or SIG_IGN
		 * with no flags and an empty mask, which note_action passes
		 * over: only SIGSEGV's and SIGBUS's are needed (62 reads
		 * fewer at every exec), and not even those where the
		 * launcher said which signals are ignored (exec_action). */
		if ((no_handlers_yet && fault_index(sig) < 0) ||
		    slot_of(sig) >= 0 || sig == SIGKILL || sig == SIGSTOP ||
		    (no_handlers_yet ? exec_action(sig, &old)
				     : sig_action(sig, 0, &old)))
			continue;
		/* Wrapped by trap_signal_install: the program's own. */
		if (old.handler == (void *)wrapped_handler_entry)
			program_action_of(&old, &views[0].wrapped[sig - 1],
					  asked_bits(&views[0], sig));
		int i = fault_index(sig);
		if (i < 0) {
			/* One whose sa_mask holds a fault signal is wrapped
			 * below, once they are owned: it sets its mask. */
			if (!(old.mask & FAULT_BITS) || old.handler == SIG_DFL ||
			    old.handler == SIG_IGN)
				note_action(sig, &old);
			else
				to_wrap |= bit_of(sig);
			continue;
		}
		struct kernel_sigaction k;
		fault_kernel_action(&old, &k);
		long r = sig_action(sig, &k, 0);
		if (r)
			return (int)r;
		views[0].fault_action[i] = old;
	}
	__atomic_store_n(&faults_owned, 1, __ATOMIC_RELEASE);
	/* Handlers installed before us (a preload's constructor runs after
	 * others') whose sa_mask holds a fault signal: wrapped now, as an
	 * rt_sigaction made from now on would be. Reads recover from their
	 * faults only once this returns (safe_memory.c). */
	for (int sig = 1; sig <= NSIGNALS; sig++) {
		struct kernel_sigaction old;
		if (!(to_wrap & bit_of(sig)) || sig_action(sig, 0, &old))
			continue;
		const struct wrapped_handler *w = &views[0].wrapped[sig - 1];
		if (old.handler == (void *)wrapped_handler_entry && w->sets_mask)
			continue;
		program_action_of(&old, w, asked_bits(&views[0], sig));
		if ((old.mask & FAULT_BITS) && old.handler != SIG_DFL &&
		    old.handler != SIG_IGN) {
			long r = trap_signal_other_sigaction(sig, &old, 0);
			if (r)
				return (int)r;
		}
	}
	return 0;
}

long trap_signal_fault_sigaction(int sig, const struct kernel_sigaction *act,
				 struct kernel_sigaction *oldact)
{
	int i = fault_index(sig);
	struct self s;
	whoami(&s);
	struct kernel_sigaction old = s.v->fault_action[i];
	if (act) {
		struct kernel_sigaction k;
		fault_kernel_action(act, &k);
		long r = sig_action(sig, &k, 0);
		if (r)
			return r;
		s.v->fault_action[i] = *act;
		kernel_sigaction_as_kept(&s.v->fault_action[i]);
	}
	if (oldact)
		*oldact = old;
	return 0;
}

int trap_signal_fault_ignored(int sig)
{
	struct self s;
	whoami(&s);
	return s.v->fault_action[fault_index(sig)].handler == SIG_IGN;
}

int trap_signal_fault_reinstall(int sig)
{
	struct self s;
	whoami(&s);
	struct kernel_sigaction k;
	fault_kernel_action(&s.v->fault_action[fault_index(sig)], &k);
	return (int)sig_action(sig, &k, 0);
}

/* A fault of our copy resumes at its fix-up; anything else is the
 * program's, delivered as the kernel would have. */
__attribute__((used)) static void fault_handler_here(int sig, void *info_,
						     void *context)
{
	siginfo_t *info = info_;
	/* Our copy's own fault: the kernel's (si_code > 0). One sent to
	 * the program (kill, tgkill, sigqueue: si_code <= 0) that lands
	 * while the copy runs is the program's, delivered below; the copy
	 * goes on after its handler returns. Taken for the copy's, it was
	 * lost, and the read came back short. (A fault of the copy's while
	 * a sent one is pending merges into the sent one: its delivery
	 * comes first, and the fault comes again when the copy resumes.) */
	if (info->si_code > 0 && arch_fault_copy_recover(context))
		return;
	if (faulted_in_our_handling(info)) {
		/* Our own handling of a signal ran out of stack (the
		 * program's alternate stack, where the kernel delivers this
		 * one at the top again), or worse: handled, it would fault
		 * again, for ever. Returning meets SIG_DFL: the process dies
		 * of this fault. */
		struct kernel_sigaction dfl = {SIG_DFL, 0, 0, 0};
		sig_action(sig, &dfl, 0);
		return;
	}
	int i = fault_index(sig);
	struct self s;
	whoami(&s);
	struct kernel_sigaction act = s.v->fault_action[i];
	int sent = info->si_code <= 0; /* kill, tgkill, sigqueue */
	if (act.handler == SIG_IGN && sent)
		return;
	struct trap_signal_thread *me = mine();
	int was = me->handling;
	me->handling = (int)raw_gettid();
	if (act.handler == SIG_DFL || act.handler == SIG_IGN) {
		/* The default action, for real: a fault comes back when we
		 * return (and meets SIG_DFL: the same core dump as natively);
		 * a sent signal is sent again. A fault cannot be ignored. */
		observe(sig, info, context, 1);
		struct kernel_sigaction dfl = {SIG_DFL, 0, 0, 0};
		sig_action(sig, &dfl, 0);
		me->handling = was;
		if (sent)
			raw_tgkill((int)raw_getpid(), (int)raw_gettid(), sig);
		return;
	}
	/* The kernel blocked every signal (fault_kernel_action): said before
	 * any read of ours. */
	fault_mask_blocked_now();
	observe(sig, info, context, 0);
	/* From here on the program's code runs (its handler), whose faults
	 * are its own. */
	me->handling = was;
	if (act.flags & SA_RESETHAND) {
		/* The kernel resets the action on delivery. */
		s.v->fault_action[i].handler = SIG_DFL;
		struct kernel_sigaction k;
		fault_kernel_action(&s.v->fault_action[i], &k);
		sig_action(sig, &k, 0);
	}
	/* The mask the kernel would have set, but for the owned signals,
	 * blocked in the program's view only. */
	fault_mask_set_for_handler(context, act.mask, act.flags, sig);
	uint64_t asked = act.mask & trap_signal_bits();
	if (asked) {
		run_handler(&s, asked, act.handler, act.flags, sig, info,
			    context);
		return;
	}
	/* Nothing to put back afterwards: the handler takes our place in the
	 * kernel's frame, so the program's unwinders (ASan's report, a
	 * crash handler's backtrace) go from it through the restorer into
	 * the faulting code, as natively, without needing our unwind
	 * tables. The program's own restorer, as the kernel would have put
	 * it there: its rt_sigreturn is then the program's call, made where
	 * it would be, which a tracer shows as strace does (ours, an own
	 * site, was never seen). */
	if ((act.flags & KERNEL_SA_RESTORER) && act.restorer)
		arch_set_frame_restorer(context, act.restorer);
	own_stack_leave(context);
	arch_enter_handler_in_frame(act.handler, sig, info, context);
}
