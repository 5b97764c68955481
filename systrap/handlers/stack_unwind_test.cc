// stack_unwind: the walk from this thread's own registers, compared with
// libgcc's _Unwind_Backtrace from the same point (an -O2 chain without a
// frame pointer, a frame pointer with alloca, a realigned stack, a signal
// handler through glibc's __restore_rt, on the thread's stack and on an
// alternate one, a function without CFI through the frame-pointer chain),
// its ends (a failing read, max), and hand-assembled CFI that pins the
// parser without depending on the compiler's output.
#include "systrap/handlers/stack_unwind.h"

#include <alloca.h>
#include <elf.h>
#include <link.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include <unwind.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "gtest/gtest.h"

namespace {

// ---- The callbacks -------------------------------------------------------

// Reads through the kernel, so an unmapped address is refused, not a fault.
int ReadSelf(void *, uintptr_t addr, void *buf, size_t n)
{
	struct iovec local = {buf, n};
	struct iovec remote = {reinterpret_cast<void *>(addr), n};
	ssize_t got = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
	return got == static_cast<ssize_t>(n) ? 0 : -1;
}

struct HdrQuery {
	uintptr_t pc;
	uintptr_t hdr;
};

int FindObject(struct dl_phdr_info *info, size_t, void *data)
{
	auto *q = static_cast<HdrQuery *>(data);
	bool in = false;
	uintptr_t hdr = 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) &ph = info->dlpi_phdr[i];
		uintptr_t start = info->dlpi_addr + ph.p_vaddr;
		if (ph.p_type == PT_LOAD && q->pc >= start &&
		    q->pc < start + ph.p_memsz)
			in = true;
		if (ph.p_type == PT_GNU_EH_FRAME)
			hdr = start;
	}
	if (!in)
		return 0;
	q->hdr = hdr;
	return 1;
}

int FindEhFrameHdr(void *, uintptr_t pc, uintptr_t *hdr)
{
	HdrQuery q = {pc, 0};
	if (!dl_iterate_phdr(FindObject, &q) || q.hdr == 0)
		return -1;
	*hdr = q.hdr;
	return 0;
}

const struct unwind_memory kSelf = {ReadSelf, FindEhFrameHdr, nullptr};

using Pcs = std::vector<uintptr_t>;

// Registers with only a pc and a stack pointer known.
struct unwind_regs PcAndSp(uintptr_t pc, uintptr_t sp)
{
	struct unwind_regs regs = {};
	regs.reg[ARCH_DWARF_RA] = pc;
	regs.reg[ARCH_DWARF_SP] = sp;
	regs.known = 1u << ARCH_DWARF_RA | 1u << ARCH_DWARF_SP;
	return regs;
}

struct Walk {
	Pcs pcs;
	int err = -1;
};

Walk WalkFrom(const struct unwind_regs &regs, const struct unwind_memory *m,
	      int max = 8)
{
	Walk w;
	w.pcs.assign(max, 0);
	int n = unwind_stack(&regs, m, w.pcs.data(), max, &w.err);
	w.pcs.resize(n > 0 ? n : 0);
	return w;
}

// ---- Both walks from one point -------------------------------------------

constexpr int kMaxFrames = 256;

struct Walks {
	std::vector<uintptr_t> ours;
	int ended_in_error = -1;
	std::vector<uintptr_t> libgcc;
};

_Unwind_Reason_Code Collect(struct _Unwind_Context *ctx, void *data)
{
	auto *pcs = static_cast<std::vector<uintptr_t> *>(data);
	int before = 0;
	pcs->push_back(_Unwind_GetIPInfo(ctx, &before));
	return pcs->size() < kMaxFrames ? _URC_NO_REASON : _URC_END_OF_STACK;
}

std::vector<uintptr_t> LibgccHere() __attribute__((noinline));
std::vector<uintptr_t> LibgccHere()
{
	std::vector<uintptr_t> pcs;
	_Unwind_Backtrace(Collect, &pcs);
	// pcs[0] is in this function: drop it, so the first is our caller's
	// pc (the return address into it).
	pcs.erase(pcs.begin());
	// Past the outermost frame (_start: rip undefined) libgcc reports
	// one more with pc 0; libunwind, and this unwinder, stop there.
	if (!pcs.empty() && pcs.back() == 0)
		pcs.pop_back();
	return pcs;
}

// The registers of the function it is inlined into, at the asm: the pc
// (the instruction after the lea), the stack pointer, and the registers
// a callee keeps (rbx, rbp, r12-r15), as a syscall hook would have them.
__attribute__((always_inline)) inline void CaptureRegs(struct unwind_regs *r)
{
	std::memset(r, 0, sizeof *r);
	asm volatile("lea 0(%%rip), %%rax\n\t"
		     "mov %%rax, 128(%0)\n\t"
		     "mov %%rsp, 56(%0)\n\t"
		     "mov %%rbp, 48(%0)\n\t"
		     "mov %%rbx, 24(%0)\n\t"
		     "mov %%r12, 96(%0)\n\t"
		     "mov %%r13, 104(%0)\n\t"
		     "mov %%r14, 112(%0)\n\t"
		     "mov %%r15, 120(%0)\n\t"
		     :
		     : "r"(r)
		     : "rax", "memory");
	r->known = 1u << ARCH_DWARF_RA | 1u << ARCH_DWARF_SP |
		   1u << ARCH_DWARF_RBP | 1u << ARCH_DWARF_RBX |
		   1u << ARCH_DWARF_R(12) | 1u << ARCH_DWARF_R(13) |
		   1u << ARCH_DWARF_R(14) | 1u << ARCH_DWARF_R(15);
}

static_assert(offsetof(struct unwind_regs, reg) == 0, "asm offsets");
static_assert(ARCH_DWARF_RA == 16 && ARCH_DWARF_SP == 7, "asm offsets");

// Both walks from the function this is inlined into. ours[0] is the
// capture's pc and libgcc's first is the return address into LibgccHere's
// caller, both in this function: the frames above must be the same.
__attribute__((always_inline)) inline void WalkHere(Walks *w, int max = kMaxFrames)
{
	struct unwind_regs regs;
	CaptureRegs(&regs);
	w->ours.assign(max, 0);
	int n = unwind_stack(&regs, &kSelf, w->ours.data(), max,
			     &w->ended_in_error);
	w->ours.resize(n > 0 ? n : 0);
	w->libgcc = LibgccHere();
}

// The callers' pcs of both walks agree, frame for frame, to _start.
void ExpectSameCallers(const Walks &w)
{
	ASSERT_GE(w.ours.size(), 1u);
	ASSERT_GE(w.libgcc.size(), 1u);
	std::vector<uintptr_t> ours(w.ours.begin() + 1, w.ours.end());
	std::vector<uintptr_t> libgcc(w.libgcc.begin() + 1, w.libgcc.end());
	EXPECT_EQ(ours, libgcc);
	EXPECT_EQ(w.ended_in_error, 0);
	// Through gtest to main and _start, not one frame and out.
	EXPECT_GE(ours.size(), 6u);
}

// ---- An -O2 chain without a frame pointer -------------------------------

int volatile g_sink;

__attribute__((noinline)) int ChainTop(Walks *w, int x)
{
	WalkHere(w);
	return x + g_sink;
}

// Each level keeps a value across its call (a callee-saved register,
// pushed and described by CFI) and works after it (no tail call).
__attribute__((noinline)) int Chain3(Walks *w, int x)
{
	int y = x * 7 + g_sink;
	int r = ChainTop(w, y);
	return r ^ y;
}

__attribute__((noinline)) int Chain2(Walks *w, int x)
{
	int y = x * 5 + g_sink;
	int r = Chain3(w, y);
	return r + y;
}

__attribute__((noinline)) int Chain1(Walks *w, int x)
{
	int y = x * 3 + g_sink;
	int r = Chain2(w, y);
	return r - y;
}

TEST(StackUnwind, OptimisedChainMatchesLibgcc)
{
	Walks w;
	g_sink = Chain1(&w, 1);
	ExpectSameCallers(w);
	EXPECT_GE(w.ours.size(), 10u);
}

// ---- A frame pointer and alloca: the CFA on rbp -------------------------

__attribute__((noinline)) void Leaf(Walks *w)
{
	WalkHere(w);
	g_sink = g_sink + 1;
}

__attribute__((noinline, optimize("no-omit-frame-pointer"))) void
WithAlloca(Walks *here, Walks *above, int n)
{
	char *buf = static_cast<char *>(alloca(n));
	for (int i = 0; i < n; i++)
		buf[i] = static_cast<char>(i + g_sink);
	asm volatile("" : : "r"(buf) : "memory");
	WalkHere(here);
	Leaf(above);
	g_sink = buf[n - 1];
}

TEST(StackUnwind, FramePointerWithAllocaMatchesLibgcc)
{
	Walks here, above;
	WithAlloca(&here, &above, 100 + g_sink);
	ExpectSameCallers(here);
	ExpectSameCallers(above);
}

// ---- A realigned stack (DRAP: def_cfa_expression) -----------------------

// Realignment and alloca together make GCC keep the incoming stack pointer
// in a register (DRAP): the CFA is then DW_CFA_def_cfa_expression
// (breg6 -16; deref) and rbp's rule DW_CFA_expression.
__attribute__((noinline, force_align_arg_pointer)) void
Realigned(Walks *here, Walks *above, int n)
{
	alignas(64) char buf[64];
	char *more = static_cast<char *>(alloca(n));
	for (int i = 0; i < 64; i++)
		buf[i] = static_cast<char>(i + g_sink);
	for (int i = 0; i < n; i++)
		more[i] = buf[i % 64];
	asm volatile("" : : "r"(buf), "r"(more) : "memory");
	EXPECT_EQ(reinterpret_cast<uintptr_t>(buf) % 64, 0u);
	WalkHere(here);
	Leaf(above);
	g_sink = buf[63] + more[n - 1];
}

TEST(StackUnwind, RealignedStackMatchesLibgcc)
{
	Walks here, above;
	Realigned(&here, &above, 40 + g_sink);
	ExpectSameCallers(here);
	ExpectSameCallers(above);
}

// ---- A signal handler, through __restore_rt -----------------------------

Walks *g_signal_walks;

void Handler(int, siginfo_t *, void *)
{
	WalkHere(g_signal_walks);
}

// The restorer glibc gave the kernel (its __restore_rt), from the
// kernel's own record of the action.
uintptr_t KernelRestorer(int sig)
{
	struct {
		uintptr_t handler;
		unsigned long flags;
		uintptr_t restorer;
		uint64_t mask;
	} act = {};
	EXPECT_EQ(syscall(SYS_rt_sigaction, sig, nullptr, &act, 8), 0);
	return act.restorer;
}

__attribute__((noinline)) void RaiseIn(Walks *w)
{
	g_signal_walks = w;
	raise(SIGUSR1);
	g_sink = g_sink + 1;
}

void WalkFromHandler(bool altstack)
{
	std::vector<char> stack(1 << 16);
	stack_t ss = {}, old_ss = {};
	if (altstack) {
		ss.ss_sp = stack.data();
		ss.ss_size = stack.size();
		ASSERT_EQ(sigaltstack(&ss, &old_ss), 0);
	}
	struct sigaction sa = {}, old = {};
	sa.sa_sigaction = Handler;
	sa.sa_flags = SA_SIGINFO | (altstack ? SA_ONSTACK : 0);
	ASSERT_EQ(sigaction(SIGUSR1, &sa, &old), 0);
	Walks w;
	RaiseIn(&w);
	uintptr_t restorer = KernelRestorer(SIGUSR1);
	ASSERT_EQ(sigaction(SIGUSR1, &old, nullptr), 0);
	if (altstack) {
		ASSERT_EQ(sigaltstack(&old_ss, nullptr), 0);
	}

	ExpectSameCallers(w);
	// The handler returns into the restorer, and the walk went on past
	// it (to the interrupted pc and raise's callers).
	ASSERT_NE(restorer, 0u);
	ASSERT_GE(w.ours.size(), 3u);
	EXPECT_EQ(w.ours[1], restorer);
}

TEST(StackUnwind, SignalHandlerMatchesLibgcc) { WalkFromHandler(false); }

TEST(StackUnwind, SignalHandlerOnAlternateStackMatchesLibgcc)
{
	WalkFromHandler(true);
}

// ---- A function without CFI: the frame-pointer chain --------------------

} // namespace

// A function without CFI: push %rbp; mov %rsp,%rbp; a call through the
// second argument with the first. It stores its own return address.
extern "C" {
uintptr_t volatile g_no_cfi_return;
void NoCfiCall(void *arg, void (*fn)(void *));
}

asm(".text\n"
    ".type NoCfiCall, @function\n"
    "NoCfiCall:\n"
    "  push %rbp\n"
    "  mov %rsp, %rbp\n"
    "  mov 8(%rbp), %rax\n"
    "  mov %rax, g_no_cfi_return(%rip)\n"
    "  call *%rsi\n"
    "  pop %rbp\n"
    "  ret\n"
    ".size NoCfiCall, .-NoCfiCall\n");

namespace {

__attribute__((noinline)) void CalledWithoutCfi(void *arg)
{
	WalkHere(static_cast<Walks *>(arg));
	g_sink = g_sink + 1;
}

__attribute__((noinline)) void CallsWithoutCfi(Walks *w,
					       std::vector<uintptr_t> *callers)
{
	*callers = LibgccHere();
	NoCfiCall(w, CalledWithoutCfi);
	g_sink = g_sink + 1;
}

TEST(StackUnwind, FunctionWithoutCfiThroughFramePointer)
{
	Walks w;
	std::vector<uintptr_t> callers; // CallsWithoutCfi's, from itself
	CallsWithoutCfi(&w, &callers);
	// libgcc stops at the function without CFI.
	ASSERT_EQ(w.libgcc.size(), 2u);
	ASSERT_GE(w.ours.size(), 3u);
	EXPECT_EQ(w.ours[1], w.libgcc[1]); // in NoCfiCall
	EXPECT_EQ(w.ours[2], g_no_cfi_return);
	// Then CallsWithoutCfi's callers, on CFI again.
	std::vector<uintptr_t> above(w.ours.begin() + 3, w.ours.end());
	std::vector<uintptr_t> expected(callers.begin() + 1, callers.end());
	EXPECT_EQ(above, expected);
	EXPECT_EQ(w.ended_in_error, 0);
}

// ---- A PLT entry: glibc's / GNU ld's expression ------------------------

// This program's .plt (from its section headers) at run time, or 0.
uintptr_t OwnPlt()
{
	std::vector<char> file(1 << 24);
	FILE *f = fopen("/proc/self/exe", "rb");
	if (!f)
		return 0;
	file.resize(fread(file.data(), 1, file.size(), f));
	fclose(f);
	if (file.size() < sizeof(ElfW(Ehdr)))
		return 0;
	const auto *eh = reinterpret_cast<const ElfW(Ehdr) *>(file.data());
	const auto *sh =
		reinterpret_cast<const ElfW(Shdr) *>(file.data() + eh->e_shoff);
	if (eh->e_shoff + eh->e_shnum * sizeof *sh > file.size())
		return 0;
	const char *names = file.data() + sh[eh->e_shstrndx].sh_offset;
	uintptr_t base = 0;
	dl_iterate_phdr(
		[](struct dl_phdr_info *info, size_t, void *data) {
			*static_cast<uintptr_t *>(data) = info->dlpi_addr;
			return 1; // the first object is the program
		},
		&base);
	for (unsigned i = 0; i < eh->e_shnum; i++)
		if (std::strcmp(names + sh[i].sh_name, ".plt") == 0 &&
		    sh[i].sh_size >= 32)
			return base + sh[i].sh_addr;
	return 0;
}

// In a PLT entry (16 bytes: jmp *GOT; push $n; jmp PLT0) the CFA is
// rsp + 8 before the push and rsp + 16 after it: breg7 8; breg16 0;
// lit15; and; lit11; ge; lit3; shl; plus.
TEST(StackUnwind, PltEntryExpression)
{
	uintptr_t plt = OwnPlt();
	ASSERT_NE(plt, 0u);
	// Return addresses in nothing mapped: the walk ends there, normally
	// (no CFI, no frame pointer known).
	uint64_t stack[2] = {0x1000, 0x2000};
	struct {
		uintptr_t off;
		uint64_t ra;
	} cases[] = {{16, 0x1000}, {16 + 6, 0x1000}, {16 + 11, 0x2000},
		     {32 + 15, 0x2000}};
	for (const auto &c : cases) {
		SCOPED_TRACE(c.off);
		Walk w = WalkFrom(PcAndSp(plt + c.off,
					  reinterpret_cast<uintptr_t>(stack)),
				  &kSelf);
		EXPECT_EQ(w.pcs, (Pcs{plt + c.off, c.ra}));
		EXPECT_EQ(w.err, 0);
	}
}

// ---- The ends -------------------------------------------------------------

TEST(StackUnwind, MaxEndsTheWalkNormally)
{
	for (int max = 1; max <= 4; max++) {
		Walks w;
		WalkHere(&w, max);
		ASSERT_EQ(w.ours.size(), static_cast<size_t>(max));
		EXPECT_EQ(w.ended_in_error, 0);
		if (max >= 2) {
			std::vector<uintptr_t> callers(w.ours.begin() + 1,
						       w.ours.end());
			std::vector<uintptr_t> expected(
				w.libgcc.begin() + 1, w.libgcc.begin() + max);
			EXPECT_EQ(callers, expected);
		}
	}
	uintptr_t pc = 1;
	struct unwind_regs regs = {};
	regs.reg[ARCH_DWARF_RA] = reinterpret_cast<uintptr_t>(&Leaf);
	int err = -1;
	EXPECT_EQ(unwind_stack(&regs, &kSelf, &pc, 0, &err), 0);
	EXPECT_EQ(pc, 1u);
	EXPECT_EQ(err, 0);
}

// An address with nothing mapped at it.
uintptr_t UnmappedPage()
{
	void *p = mmap(nullptr, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_NE(p, MAP_FAILED);
	EXPECT_EQ(munmap(p, 4096), 0);
	return reinterpret_cast<uintptr_t>(p);
}

TEST(StackUnwind, UnreadableStackEndsInError)
{
	// At a function's entry (CFI: the return address at the stack
	// pointer), with the stack pointer in unmapped memory.
	uintptr_t entry = reinterpret_cast<uintptr_t>(&Leaf);
	struct unwind_regs regs = PcAndSp(entry, UnmappedPage() + 64);
	Walk w = WalkFrom(regs, &kSelf);
	EXPECT_EQ(w.pcs, Pcs{entry});
	EXPECT_EQ(w.err, 1);
	// NULL for ended_in_error is allowed.
	uintptr_t pcs[8];
	EXPECT_EQ(unwind_stack(&regs, &kSelf, pcs, 8, nullptr), 1);
}

TEST(StackUnwind, UnknownStackPointerEndsInError)
{
	struct unwind_regs regs =
		PcAndSp(reinterpret_cast<uintptr_t>(&Leaf), 0);
	regs.known &= ~(1u << ARCH_DWARF_SP);
	EXPECT_EQ(WalkFrom(regs, &kSelf).err, 1);
}

TEST(StackUnwind, NoCfiAndFramePointerUnreadableOrZero)
{
	// A pc in no object: the frame-pointer chain, or the end.
	uintptr_t nowhere = UnmappedPage();
	struct unwind_regs regs = PcAndSp(nowhere, nowhere);
	regs.reg[ARCH_DWARF_RBP] = nowhere + 128;
	regs.known |= 1u << ARCH_DWARF_RBP;
	Walk w = WalkFrom(regs, &kSelf);
	// As libunwind: a chain it cannot read ends the walk, no error.
	EXPECT_EQ(w.pcs, Pcs{nowhere});
	EXPECT_EQ(w.err, 0);

	regs.reg[ARCH_DWARF_RBP] = 0;
	w = WalkFrom(regs, &kSelf);
	EXPECT_EQ(w.pcs, Pcs{nowhere});
	EXPECT_EQ(w.err, 0);

	regs.reg[ARCH_DWARF_RBP] = 1234;
	regs.known &= ~(1u << ARCH_DWARF_RBP);
	w = WalkFrom(regs, &kSelf);
	EXPECT_EQ(w.pcs, Pcs{nowhere});
	EXPECT_EQ(w.err, 0);

	// A readable chain: [rbp] the caller's rbp (0: the chain's end),
	// [rbp + 8] the return address.
	// It is followed only at or above the stack pointer and at most
	// ARCH_FP_MAX_FRAME above it (libunwind's guess that rbp is a frame
	// pointer at all); else the walk ends there.
	uint64_t frame[2] = {0, 0x4242};
	uintptr_t at = reinterpret_cast<uintptr_t>(frame);
	regs.reg[ARCH_DWARF_RBP] = at;
	regs.known |= 1u << ARCH_DWARF_RBP;
	regs.reg[ARCH_DWARF_SP] = at - 64;
	w = WalkFrom(regs, &kSelf);
	EXPECT_EQ(w.pcs, (Pcs{nowhere, 0x4242}));
	EXPECT_EQ(w.err, 0);

	regs.reg[ARCH_DWARF_SP] = at + 8; /* rbp below the stack pointer */
	w = WalkFrom(regs, &kSelf);
	EXPECT_EQ(w.pcs, Pcs{nowhere});
	EXPECT_EQ(w.err, 0);

	regs.reg[ARCH_DWARF_SP] = at - ARCH_FP_MAX_FRAME - 8; /* too far above */
	w = WalkFrom(regs, &kSelf);
	EXPECT_EQ(w.pcs, Pcs{nowhere});
	EXPECT_EQ(w.err, 0);
}

// ---- Hand-assembled CFI ---------------------------------------------------

// Bytes, little-endian, with LEB128 and later patches.
struct Bytes {
	std::vector<uint8_t> b;
	size_t Size() const { return b.size(); }
	void U8(unsigned v) { b.push_back(static_cast<uint8_t>(v)); }
	void U16(unsigned v) { U8(v & 0xff), U8(v >> 8 & 0xff); }
	void U32(uint32_t v)
	{
		for (int i = 0; i < 4; i++)
			U8(v >> (8 * i) & 0xff);
	}
	void Uleb(uint64_t v)
	{
		do {
			uint8_t byte = v & 0x7f;
			v >>= 7;
			U8(byte | (v ? 0x80 : 0));
		} while (v);
	}
	void Sleb(int64_t v)
	{
		for (;;) {
			uint8_t byte = v & 0x7f;
			v >>= 7;
			bool done = (v == 0 && !(byte & 0x40)) ||
				    (v == -1 && (byte & 0x40));
			U8(byte | (done ? 0 : 0x80));
			if (done)
				return;
		}
	}
	void Str(const char *s)
	{
		for (; *s; s++)
			U8(static_cast<uint8_t>(*s));
		U8(0);
	}
	void Patch32(size_t at, uint32_t v)
	{
		for (int i = 0; i < 4; i++)
			b[at + i] = v >> (8 * i) & 0xff;
	}
};

// An .eh_frame_hdr and .eh_frame in one buffer, for fake functions at
// text (numbers, never run) whose stacks are arrays of this test.
struct FakeObject {
	std::vector<uint8_t> image;
	uintptr_t hdr = 0;
	uintptr_t text = 0;
	static constexpr uintptr_t kTextOffset = 0x100000;
	static constexpr uintptr_t kTextSize = 0x1000;
};

int FakeFindHdr(void *ctx, uintptr_t pc, uintptr_t *hdr)
{
	auto *o = static_cast<FakeObject *>(ctx);
	if (pc < o->text || pc >= o->text + FakeObject::kTextSize)
		return -1;
	*hdr = o->hdr;
	return 0;
}

// Function offsets in the fake text and their lengths.
constexpr uintptr_t kF = 0x100, kFLen = 0x40; // push rbp; mov rsp,rbp; ...
constexpr uintptr_t kG = 0x200, kGLen = 0x40; // CFA and rbx by expressions
constexpr uintptr_t kH = 0x300, kHLen = 0x20; // the outermost: rip undefined
constexpr uintptr_t kBad = 0x400, kBadLen = 0x10; // restore_state, nothing kept
constexpr uintptr_t kSig = 0x500, kSigLen = 0x10; // an 'S' CIE's frame
constexpr uintptr_t kDeep9 = 0x600, kDeep9Len = 0x10; // remember_state x 9
constexpr uintptr_t kDeep8 = 0x680, kDeep8Len = 0x10; // x 8, restored x 8
constexpr uintptr_t kInd = 0x700, kIndLen = 0x10; // pc_begin indirect
// A CFA offset changed after an expression CFA.
constexpr uintptr_t kMixed = 0x780, kMixedLen = 0x10;

// The CFI programs. DWARF numbers: rbx 3, rbp 6, rsp 7, rip 16.
void FProgram(Bytes &p)
{
	p.U8(0x40 | 1); // advance_loc 1: after push %rbp
	p.U8(0x0e), p.Uleb(16); // def_cfa_offset 16
	p.U8(0x80 | 6), p.Uleb(2); // offset rbp, cfa-16
	p.U8(0x40 | 3); // advance_loc 3: after mov %rsp,%rbp
	p.U8(0x0d), p.Uleb(6); // def_cfa_register rbp
	p.U8(0x40 | 4); // advance_loc 4: after push %rbx (kF + 8)
	p.U8(0x80 | 3), p.Uleb(3); // offset rbx, cfa-24
	p.U8(0x03), p.U16(0x20); // advance_loc2 0x20: the epilogue, kF + 0x28
	p.U8(0x0a); // remember_state
	p.U8(0xc0 | 3); // restore rbx
	p.U8(0x06), p.Uleb(6); // restore_extended rbp
	p.U8(0x0c), p.Uleb(7), p.Uleb(8); // def_cfa rsp, 8
	p.U8(0x02), p.U8(1); // advance_loc1 1: kF + 0x29, past the ret
	p.U8(0x0b); // restore_state
	p.U8(0x00); // nop
}

void GProgram(Bytes &p)
{
	// CFA = rsp + 24 as an expression: breg7 16; lit8; plus.
	p.U8(0x0f), p.Uleb(4), p.U8(0x77), p.Sleb(16), p.U8(0x38), p.U8(0x22);
	// rbx saved at rsp + 8: expression (CFA pushed) lit0; mul; breg7 8;
	// plus (the CFA multiplied away, to check it was pushed).
	p.U8(0x10), p.Uleb(3), p.Uleb(5), p.U8(0x30), p.U8(0x1e), p.U8(0x77),
		p.Sleb(8), p.U8(0x22);
	// r12 = CFA - 40 (val_expression: the pushed CFA; const1s -40; plus).
	p.U8(0x16), p.Uleb(12), p.Uleb(3), p.U8(0x09), p.U8(0xd8), p.U8(0x22);
	// r13 = CFA + 16 (val_offset_sf -2).
	p.U8(0x15), p.Uleb(13), p.Sleb(-2);
	// r14 in r15 (register), r15 undefined.
	p.U8(0x09), p.Uleb(14), p.Uleb(15);
	p.U8(0x07), p.Uleb(15);
}

void HProgram(Bytes &p)
{
	p.U8(0x07), p.Uleb(16); // undefined rip: the outermost frame
}

void BadProgram(Bytes &p)
{
	p.U8(0x40 | 1);
	p.U8(0x0b); // restore_state with nothing remembered
}

void Deep9Program(Bytes &p)
{
	for (int i = 0; i < 9; i++)
		p.U8(0x0a); // remember_state: one more than the unwinder keeps
}

void Deep8Program(Bytes &p)
{
	for (int i = 0; i < 8; i++)
		p.U8(0x0a), p.U8(0x0e), p.Uleb(16 + 8 * i); // remember; cfa offset
	for (int i = 0; i < 8; i++)
		p.U8(0x0b); // restore_state: back to CFA = rsp + 8
}

void NoProgram(Bytes &) {}

void MixedProgram(Bytes &p)
{
	p.U8(0x0f), p.Uleb(2), p.U8(0x77), p.Sleb(8); // CFA = rsp + 8
	p.U8(0x40 | 4);
	p.U8(0x0e), p.Uleb(16); // def_cfa_offset: only for register + offset
}

void SigProgram(Bytes &p)
{
	// CFA = [rsp + 0] (the interrupted stack pointer, as __restore_rt's
	// breg7 + deref); rip at [rsp + 8] (expression), rbp at [rsp + 16].
	p.U8(0x0f), p.Uleb(3), p.U8(0x77), p.Sleb(0), p.U8(0x06);
	p.U8(0x10), p.Uleb(16), p.Uleb(2), p.U8(0x77), p.Sleb(8);
	p.U8(0x10), p.Uleb(6), p.Uleb(2), p.U8(0x77), p.Sleb(16);
	// rsp at [rsp + 0] too (the signal frame's own rule for it).
	p.U8(0x10), p.Uleb(7), p.Uleb(2), p.U8(0x77), p.Sleb(0);
}

// A CIE: version 1 "zR" (FDEs in fde_enc), or version 3 "zPLRS" (a
// personality in udata4, an LSDA encoding, uleb return column), with a
// 64-bit length when asked. Initial rules: CFA = rsp + 8, rip at cfa-8.
size_t AddCie(Bytes &e, bool signal, bool len64, uint8_t fde_enc = 0x1b)
{
	size_t at = e.Size();
	size_t len_at;
	if (len64) {
		e.U32(0xffffffffu);
		len_at = e.Size();
		e.U32(0), e.U32(0);
		e.U32(0), e.U32(0); // 64-bit CIE id 0
	} else {
		len_at = e.Size();
		e.U32(0);
		e.U32(0); // CIE id
	}
	size_t body = e.Size();
	if (!signal) {
		e.U8(1);
		e.Str("zR");
		e.Uleb(1), e.Sleb(-8), e.U8(16);
		e.Uleb(1), e.U8(fde_enc);
	} else {
		e.U8(3);
		e.Str("zPLRS");
		e.Uleb(1), e.Sleb(-8), e.Uleb(16);
		e.Uleb(1 + 4 + 1 + 1);
		e.U8(0x03), e.U32(0x12345678); // personality, udata4
		e.U8(0x1b); // LSDA encoding
		e.U8(0x1b); // FDE encoding
	}
	e.U8(0x0c), e.Uleb(7), e.Uleb(8); // def_cfa rsp, 8
	e.U8(0x80 | 16), e.Uleb(1); // offset rip, cfa-8
	// The length counts from after itself: the id and the body.
	e.Patch32(len_at, static_cast<uint32_t>(e.Size() - body +
						(len64 ? 8 : 4)));
	return at;
}

// An FDE for len bytes of the text, under the CIE at cie, its pc_begin
// pcrel to target (an offset in the image: the text is at kTextOffset,
// or, for an indirect pc_begin, a word that holds it).
size_t AddFde(Bytes &e, size_t eh_frame_off, size_t cie, uintptr_t target,
	      uintptr_t len, bool aug_data, void (*program)(Bytes &))
{
	size_t at = e.Size();
	e.U32(0);
	size_t id_at = e.Size();
	e.U32(static_cast<uint32_t>(id_at - cie));
	size_t pc_at = eh_frame_off + e.Size();
	e.U32(static_cast<uint32_t>(target - pc_at));
	e.U32(static_cast<uint32_t>(len));
	if (aug_data)
		e.Uleb(4), e.U32(0); // the LSDA pointer, pcrel 0: none
	else
		e.Uleb(0);
	program(e);
	e.Patch32(at, static_cast<uint32_t>(e.Size() - at - 4));
	return at;
}

class HandAssembled : public ::testing::Test {
protected:
	void SetUp() override
	{
		Bytes e; // .eh_frame, at kEhFrame in the image
		size_t cie = AddCie(e, false, false);
		size_t sig_cie = AddCie(e, true, true);
		// DW_EH_PE_indirect | pcrel | sdata4.
		size_t ind_cie = AddCie(e, false, false, 0x9b);
		const uintptr_t t = FakeObject::kTextOffset;
		struct {
			uintptr_t start;
			size_t fde;
		} rows[] = {
			{kF, AddFde(e, kEhFrame, cie, t + kF, kFLen, false,
				    FProgram)},
			{kG, AddFde(e, kEhFrame, cie, t + kG, kGLen, false,
				    GProgram)},
			{kH, AddFde(e, kEhFrame, cie, t + kH, kHLen, false,
				    HProgram)},
			{kBad, AddFde(e, kEhFrame, cie, t + kBad, kBadLen, false,
				      BadProgram)},
			{kSig, AddFde(e, kEhFrame, sig_cie, t + kSig, kSigLen,
				      true, SigProgram)},
			{kDeep9, AddFde(e, kEhFrame, cie, t + kDeep9, kDeep9Len,
					false, Deep9Program)},
			{kDeep8, AddFde(e, kEhFrame, cie, t + kDeep8, kDeep8Len,
					false, Deep8Program)},
			{kInd, AddFde(e, kEhFrame, ind_cie, kIndWord, kIndLen,
				      false, NoProgram)},
			{kMixed, AddFde(e, kEhFrame, cie, t + kMixed, kMixedLen,
					false, MixedProgram)},
		};
		e.U32(0); // the terminator

		Bytes h; // .eh_frame_hdr, at 0
		h.U8(1), h.U8(0x1b), h.U8(0x03), h.U8(0x3b);
		h.U32(static_cast<uint32_t>(kEhFrame - 4));
		h.U32(sizeof rows / sizeof rows[0]);
		for (const auto &row : rows) {
			h.U32(static_cast<uint32_t>(FakeObject::kTextOffset +
						    row.start));
			h.U32(static_cast<uint32_t>(kEhFrame + row.fde));
		}
		ASSERT_LE(h.Size(), kIndWord);
		obj_.image.assign(kEhFrame + e.Size(), 0);
		std::memcpy(obj_.image.data(), h.b.data(), h.Size());
		std::memcpy(obj_.image.data() + kEhFrame, e.b.data(), e.Size());
		obj_.hdr = reinterpret_cast<uintptr_t>(obj_.image.data());
		obj_.text = obj_.hdr + FakeObject::kTextOffset;
		uint64_t ind_pc = obj_.text + kInd;
		std::memcpy(obj_.image.data() + kIndWord, &ind_pc, 8);
		mem_ = {ReadSelf, FakeFindHdr, &obj_};
	}

	uintptr_t Pc(uintptr_t off) const { return obj_.text + off; }
	uintptr_t At(const uint64_t *p) const
	{
		return reinterpret_cast<uintptr_t>(p);
	}

	static constexpr size_t kEhFrame = 0x100;
	// The word an indirect pc_begin points at, just below .eh_frame.
	static constexpr size_t kIndWord = kEhFrame - 8;
	FakeObject obj_;
	struct unwind_memory mem_ = {};
};

// F's body (rbp-based CFA, rbp and rbx saved) -> G (expressions) -> H
// (rip undefined): three pcs, a normal end, and the registers of each
// step as the rules say.
TEST_F(HandAssembled, ThreeFramesToAnUndefinedReturnAddress)
{
	uint64_t stack[16] = {};
	const uint64_t caller_rbp = 0x1111, caller_rbx = 0x2222;
	stack[9] = caller_rbx;   // cfa-24
	stack[10] = caller_rbp;  // cfa-16, where rbp points
	stack[11] = Pc(kG + 0x20); // cfa-8: F's return address
	// G's frame: its sp is F's CFA, &stack[12]; CFA = sp + 24.
	stack[13] = 0x3333;        // G's rbx, at sp + 8
	stack[14] = Pc(kH + 0x8);  // G's return address, cfa-8

	struct unwind_regs regs = {};
	regs.reg[ARCH_DWARF_RA] = Pc(kF + 0x10);
	regs.reg[ARCH_DWARF_SP] = At(&stack[2]);
	regs.reg[ARCH_DWARF_RBP] = At(&stack[10]);
	regs.reg[ARCH_DWARF_RBX] = 0x9999;
	regs.reg[ARCH_DWARF_R(14)] = 0x1414;
	regs.reg[ARCH_DWARF_R(15)] = 0x1515;
	regs.known = 1u << ARCH_DWARF_RA | 1u << ARCH_DWARF_SP |
		     1u << ARCH_DWARF_RBP | 1u << ARCH_DWARF_RBX |
		     1u << ARCH_DWARF_R(15);

	uintptr_t pcs[8];
	int err = -1;
	ASSERT_EQ(unwind_stack(&regs, &mem_, pcs, 8, &err), 3);
	EXPECT_EQ(pcs[0], Pc(kF + 0x10));
	EXPECT_EQ(pcs[1], Pc(kG + 0x20));
	EXPECT_EQ(pcs[2], Pc(kH + 0x8));
	EXPECT_EQ(err, 0);

	// Step by step, the registers.
	struct unwind_regs r = regs;
	int signal_above = 1;
	uint64_t cfa = 0;
	ASSERT_EQ(unwind_step(&r, &mem_, &signal_above, &cfa), 1);
	EXPECT_EQ(cfa, At(&stack[12]));
	EXPECT_EQ(r.reg[ARCH_DWARF_SP], At(&stack[12]));
	EXPECT_EQ(r.reg[ARCH_DWARF_RBP], caller_rbp);
	EXPECT_EQ(r.reg[ARCH_DWARF_RBX], caller_rbx);
	EXPECT_EQ(r.reg[ARCH_DWARF_RA], Pc(kG + 0x20));
	EXPECT_EQ(signal_above, 0);
	EXPECT_TRUE(r.known & 1u << ARCH_DWARF_R(15));
	EXPECT_FALSE(r.known & 1u << ARCH_DWARF_R(14));

	ASSERT_EQ(unwind_step(&r, &mem_, &signal_above, &cfa), 1);
	EXPECT_EQ(cfa, At(&stack[15]));
	EXPECT_EQ(r.reg[ARCH_DWARF_SP], At(&stack[15]));
	EXPECT_EQ(r.reg[ARCH_DWARF_RBX], 0x3333u);
	EXPECT_EQ(r.reg[ARCH_DWARF_RBP], caller_rbp);
	EXPECT_EQ(r.reg[ARCH_DWARF_R(12)], At(&stack[15]) - 40);
	EXPECT_EQ(r.reg[ARCH_DWARF_R(13)], At(&stack[15]) + 16);
	EXPECT_EQ(r.reg[ARCH_DWARF_R(14)], 0x1515u);
	EXPECT_TRUE(r.known & 1u << ARCH_DWARF_R(14));
	EXPECT_FALSE(r.known & 1u << ARCH_DWARF_R(15));
	EXPECT_EQ(r.reg[ARCH_DWARF_RA], Pc(kH + 0x8));

	EXPECT_EQ(unwind_step(&r, &mem_, &signal_above, &cfa), 0);
}

// The rows of F's program at each of its locations.
TEST_F(HandAssembled, RowsAlongTheProgram)
{
	uint64_t stack[16] = {};
	for (int i = 0; i < 16; i++)
		stack[i] = 0x5000 + i;
	struct unwind_regs start = {};
	start.reg[ARCH_DWARF_SP] = At(&stack[4]);
	start.reg[ARCH_DWARF_RBP] = At(&stack[8]);
	start.reg[ARCH_DWARF_RBX] = 0x77;
	start.known = 1u << ARCH_DWARF_RA | 1u << ARCH_DWARF_SP |
		      1u << ARCH_DWARF_RBP | 1u << ARCH_DWARF_RBX;
	struct Case {
		uintptr_t off;
		uintptr_t cfa;  // what the CFA is
		uint64_t rbp, rbx; // the caller's
		int as_is = 1; // the innermost frame: no pc - 1
	} cases[] = {
		// Entry: CFA = rsp + 8 (the CIE's rules).
		{0, At(&stack[5]), At(&stack[8]), 0x77},
		// After push %rbp: rsp + 16, rbp at cfa-16.
		{1, At(&stack[6]), stack[4], 0x77},
		{3, At(&stack[6]), stack[4], 0x77},
		// After mov %rsp,%rbp: rbp + 16.
		{4, At(&stack[10]), stack[8], 0x77},
		// After push %rbx: rbx at cfa-24.
		{8, At(&stack[10]), stack[8], stack[7]},
		{0x27, At(&stack[10]), stack[8], stack[7]},
		// The epilogue (remembered, then restored to the CIE's).
		{0x28, At(&stack[5]), At(&stack[8]), 0x77},
		// restore_state: the rbp-based row again, CFA included.
		{0x29, At(&stack[10]), stack[8], stack[7]},
		{0x3f, At(&stack[10]), stack[8], stack[7]},
		// A caller's pc is looked up at pc - 1: F + 0x40 is F's last
		// byte's row (rbp-based), and F + 0x29 is the epilogue's.
		{0x40, At(&stack[10]), stack[8], stack[7], 0},
		{0x29, At(&stack[5]), At(&stack[8]), 0x77, 0},
	};
	for (const Case &c : cases) {
		SCOPED_TRACE(c.off);
		struct unwind_regs r = start;
		r.reg[ARCH_DWARF_RA] = Pc(kF + c.off);
		int signal_above = c.as_is;
		uint64_t cfa = 0;
		ASSERT_EQ(unwind_step(&r, &mem_, &signal_above, &cfa), 1);
		EXPECT_EQ(cfa, c.cfa);
		EXPECT_EQ(r.reg[ARCH_DWARF_SP], c.cfa);
		EXPECT_EQ(r.reg[ARCH_DWARF_RA],
			  *reinterpret_cast<const uint64_t *>(c.cfa - 8));
		EXPECT_EQ(r.reg[ARCH_DWARF_RBP], c.rbp);
		EXPECT_EQ(r.reg[ARCH_DWARF_RBX], c.rbx);
	}
}

// A signal frame ('S'): its caller's pc is used as is, not pc - 1; rsp
// from its own rule.
TEST_F(HandAssembled, SignalFrameCallerPcUsedAsIs)
{
	uint64_t interrupted[8] = {};
	uint64_t frame[4] = {};
	frame[0] = At(&interrupted[2]); // the interrupted rsp (and the CFA)
	frame[1] = Pc(kF + 0x28);        // the interrupted pc: the epilogue
	frame[2] = At(&interrupted[6]);  // the interrupted rbp
	interrupted[2] = Pc(kH + 4);     // F's return address at rsp

	struct unwind_regs regs = PcAndSp(Pc(kSig + 1), At(&frame[0]));
	// F + 0x28 as is is the epilogue's row (CFA = rsp + 8); at
	// F + 0x27 it would be rbp-based, and the walk would go elsewhere.
	Walk w = WalkFrom(regs, &mem_);
	EXPECT_EQ(w.pcs, (Pcs{Pc(kSig + 1), Pc(kF + 0x28), Pc(kH + 4)}));
	EXPECT_EQ(w.err, 0);

	struct unwind_regs r = regs;
	int signal_above = 1;
	uint64_t cfa = 0;
	ASSERT_EQ(unwind_step(&r, &mem_, &signal_above, &cfa), 1);
	EXPECT_EQ(signal_above, 1);
	EXPECT_EQ(r.reg[ARCH_DWARF_SP], At(&interrupted[2]));
	EXPECT_EQ(r.reg[ARCH_DWARF_RBP], At(&interrupted[6]));
}

TEST_F(HandAssembled, CorruptProgramEndsInError)
{
	uint64_t stack[4] = {0, 0, 0, 0};
	Walk w = WalkFrom(PcAndSp(Pc(kBad + 4), At(&stack[0])), &mem_);
	EXPECT_EQ(w.pcs, Pcs{Pc(kBad + 4)});
	EXPECT_EQ(w.err, 1);
	// Before the restore_state the row is the CIE's: a good step, to a
	// return address of 0, a normal end.
	w = WalkFrom(PcAndSp(Pc(kBad), At(&stack[0])), &mem_);
	EXPECT_EQ(w.pcs, Pcs{Pc(kBad)});
	EXPECT_EQ(w.err, 0);
	// A CFA offset changed after an expression defined the CFA; before
	// it, the expression's row is good.
	w = WalkFrom(PcAndSp(Pc(kMixed + 4), At(&stack[0])), &mem_);
	EXPECT_EQ(w.pcs, Pcs{Pc(kMixed + 4)});
	EXPECT_EQ(w.err, 1);
	w = WalkFrom(PcAndSp(Pc(kMixed + 3), At(&stack[0])), &mem_);
	EXPECT_EQ(w.pcs, Pcs{Pc(kMixed + 3)});
	EXPECT_EQ(w.err, 0);
}

// A gap between FDEs, with rbp known: the frame-pointer chain, and then
// F's CFI again.
TEST_F(HandAssembled, GapFallsBackToFramePointer)
{
	uint64_t stack[8] = {};
	stack[4] = 0;                 // [rbp]: the caller's rbp
	stack[5] = Pc(kF + 0x29);     // [rbp + 8]: into F's epilogue
	// F at its epilogue (pc - 1 = 0x28): CFA = rsp + 8 = &stack[7].
	stack[6] = Pc(kH + 2);
	// Between F and G.
	struct unwind_regs regs = PcAndSp(Pc(0x180), At(&stack[0]));
	regs.reg[ARCH_DWARF_RBP] = At(&stack[4]);
	regs.known |= 1u << ARCH_DWARF_RBP;
	Walk w = WalkFrom(regs, &mem_);
	EXPECT_EQ(w.pcs, (Pcs{Pc(0x180), Pc(kF + 0x29), Pc(kH + 2)}));
	EXPECT_EQ(w.err, 0);
}

// remember_state deeper than UNWIND_MAX_REMEMBERED is refused (corrupt
// CFI), not written past the stack; 8 deep, and restored, is fine.
TEST_F(HandAssembled, RememberStateDepthIsBounded)
{
	static_assert(UNWIND_MAX_REMEMBERED == 8, "the programs' depths");
	uint64_t stack[1] = {Pc(kH + 2)};
	Walk w = WalkFrom(PcAndSp(Pc(kDeep9 + 1), At(&stack[0])), &mem_);
	EXPECT_EQ(w.pcs, Pcs{Pc(kDeep9 + 1)});
	EXPECT_EQ(w.err, 1);
	w = WalkFrom(PcAndSp(Pc(kDeep8 + 1), At(&stack[0])), &mem_);
	EXPECT_EQ(w.pcs, (Pcs{Pc(kDeep8 + 1), Pc(kH + 2)}));
	EXPECT_EQ(w.err, 0);
}

// An FDE whose pc_begin is DW_EH_PE_indirect: read through memory.
TEST_F(HandAssembled, IndirectPcBegin)
{
	uint64_t stack[1] = {Pc(kH + 2)};
	Walk w = WalkFrom(PcAndSp(Pc(kInd + 4), At(&stack[0])), &mem_);
	EXPECT_EQ(w.pcs, (Pcs{Pc(kInd + 4), Pc(kH + 2)}));
	EXPECT_EQ(w.err, 0);
}

// A step that goes nowhere (the same pc at the same CFA) would repeat
// forever: it ends in error. The signal frame's rules (CFA and rsp from
// [rsp], rip from [rsp + 8]) over a frame that points at itself.
TEST_F(HandAssembled, StepThatGoesNowhereEndsInError)
{
	uint64_t frame[2] = {};
	frame[0] = At(&frame[0]);
	frame[1] = Pc(kSig + 1);
	Walk w = WalkFrom(PcAndSp(Pc(kSig + 1), At(&frame[0])), &mem_);
	EXPECT_EQ(w.pcs, Pcs{Pc(kSig + 1)});
	EXPECT_EQ(w.err, 1);
}

} // namespace
