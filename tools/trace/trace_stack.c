/* -k's stack traces (trace_stack.h). */
#include "tools/trace/trace_stack.h"

#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/arch/trap_kind.h"
#include "systrap/arch/unwind_regs.h"
#include "systrap/core/arena.h"
#include "systrap/core/maps.h"
#include "systrap/handlers/elf_symbols.h"
#include "systrap/handlers/stack_unwind.h"
#include "systrap/systrap.h"
#include "tools/trace/text_put.h"
#include "tools/trace/trace_output.h"

/* strace's limit (unwind-libunwind.c's walk). */
#define MAX_FRAMES 256
#define TEXT_BYTES (128 * 1024)
#define MAX_OBJECTS 1024

/* Bumped by every call that may change the mappings; the maps below are
 * read again when it moved since. */
static unsigned long maps_generation = 1;

/* Everything below is used under `lock` only: the holder's tid, 0 when
 * free. */
static int lock;
static unsigned long maps_read_at; /* the generation the maps are of */
static struct maps maps;
/* Per mapping of maps: its object's .eh_frame_hdr (0: none; EH_UNKNOWN
 * until asked). */
#define EH_UNKNOWN (~(uintptr_t)0)
static uintptr_t *eh_hdr;
static size_t eh_cap;
/* The paths of the objects below, for the process's life. */
static struct arena path_arena = {0, 16 * 1024};
/* What a walk uses, in pages of our own made at -k's first walk (nothing
 * in bss: a start without -k touches none of it): each file's symbols,
 * kept for the process's life (by path and inode), the pcs of a walk and
 * the text of its lines. */
struct stack_state {
	struct {
		const char *path; /* own copy */
		unsigned long inode;
		struct elf_symbols *syms;
	} objects[MAX_OBJECTS];
	int object_count;
	uintptr_t pcs[MAX_FRAMES + 1];
	/* Whether pcs[i] is named from the byte before it (libunwind names
	 * a caller's frame by its call, ip - 1: a call may be a function's
	 * last instruction, its return address the next function's first). */
	uint8_t by_call[MAX_FRAMES + 1];
	char text[TEXT_BYTES];
};
static struct stack_state *state;

void trace_stack_maps_changed(void)
{
	__atomic_add_fetch(&maps_generation, 1, __ATOMIC_RELAXED);
}

void trace_stack_after_fork(void)
{
	__atomic_store_n(&lock, 0, __ATOMIC_RELAXED);
}

static int same_string(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* A process that confined itself (seccomp) may be killed for a call of
 * ours it did not allow: there the walk reads no file, and uses the maps
 * and symbols it read before, if any. */
static int confined(void)
{
	return __atomic_load_n(&trace_confined, __ATOMIC_RELAXED);
}

static int fresh_maps(void)
{
	unsigned long g = __atomic_load_n(&maps_generation, __ATOMIC_RELAXED);
	if (maps.entries && (maps_read_at == g || confined()))
		return 0;
	if (confined())
		return -1;
	if (maps.entries)
		maps_free(&maps);
	maps.entries = 0;
	if (maps_read(&maps))
		return -1;
	maps_read_at = g;
	if (maps.count > eh_cap) {
		pages_free(eh_hdr, eh_cap * sizeof *eh_hdr);
		eh_cap = ARCH_PAGE_UP(maps.count * sizeof *eh_hdr) / sizeof *eh_hdr;
		eh_hdr = pages_alloc(eh_cap * sizeof *eh_hdr);
		if (!eh_hdr) {
			eh_cap = 0;
			return -1;
		}
	}
	for (size_t i = 0; i < maps.count; i++)
		eh_hdr[i] = EH_UNKNOWN;
	return 0;
}

/* The mapping holding pc: its index, or -1. */
static long mapping_of(uintptr_t pc)
{
	size_t lo = 0, hi = maps.count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (maps.entries[mid].end <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < maps.count && maps.entries[lo].start <= pc ? (long)lo : -1;
}

static int read_all(void *dst, uintptr_t src, size_t n)
{
	return trace_read_memory(dst, src, n) == n ? 0 : -1;
}

/* The .eh_frame_hdr of the object mapping i belongs to: from the ELF
 * header of its first mapping (the same file at offset 0), as the loader
 * (or the kernel) mapped it. 0: none. */
static uintptr_t find_eh_hdr(size_t i)
{
	const struct mapping *m = &maps.entries[i];
	if (!m->path[0])
		return 0;
	size_t first = i;
	while (first > 0 && same_string(maps.entries[first - 1].path, m->path) &&
	       maps.entries[first - 1].inode == m->inode)
		first--;
	while (first < i && maps.entries[first].offset != 0)
		first++;
	const struct mapping *base = &maps.entries[first];
	if (base->offset != 0)
		return 0;
	Elf64_Ehdr eh;
	if (read_all(&eh, base->start, sizeof eh) || eh.e_ident[EI_MAG0] != ELFMAG0 ||
	    eh.e_ident[EI_MAG1] != ELFMAG1 || eh.e_ident[EI_MAG2] != ELFMAG2 ||
	    eh.e_ident[EI_MAG3] != ELFMAG3 || eh.e_phentsize != sizeof(Elf64_Phdr) ||
	    eh.e_phnum > 64)
		return 0;
	uintptr_t bias = 0, hdr = 0;
	int have_bias = 0;
	for (int k = 0; k < eh.e_phnum; k++) {
		Elf64_Phdr ph;
		if (read_all(&ph, base->start + eh.e_phoff + (uintptr_t)k * sizeof ph,
			     sizeof ph))
			return 0;
		if (ph.p_type == PT_LOAD && !have_bias) {
			/* The first segment is the one at offset 0. */
			bias = base->start - ARCH_PAGE_DOWN(ph.p_vaddr);
			have_bias = 1;
		} else if (ph.p_type == PT_GNU_EH_FRAME) {
			hdr = ph.p_vaddr;
		}
	}
	return have_bias && hdr ? bias + hdr : 0;
}

static int memory_read(void *ctx, uintptr_t addr, void *buf, size_t n)
{
	(void)ctx;
	return read_all(buf, addr, n);
}

static int memory_find_eh_frame_hdr(void *ctx, uintptr_t pc, uintptr_t *hdr)
{
	(void)ctx;
	long i = mapping_of(pc);
	if (i < 0 || !(maps.entries[i].prot & PROT_EXEC))
		return -1;
	if (eh_hdr[i] == EH_UNKNOWN)
		eh_hdr[i] = find_eh_hdr((size_t)i);
	*hdr = eh_hdr[i];
	return *hdr ? 0 : -1;
}

static struct elf_symbols *symbols_of(const struct mapping *m)
{
	for (int i = 0; i < state->object_count; i++)
		if (state->objects[i].inode == m->inode &&
		    same_string(state->objects[i].path, m->path))
			return state->objects[i].syms;
	if (state->object_count == MAX_OBJECTS || confined())
		return 0;
	size_t n = 0;
	while (m->path[n])
		n++;
	char *copy = arena_alloc(&path_arena, n + 1);
	if (!copy)
		return 0;
	for (size_t k = 0; k <= n; k++)
		copy[k] = m->path[k];
	state->objects[state->object_count].path = copy;
	state->objects[state->object_count].inode = m->inode;
	state->objects[state->object_count].syms = elf_symbols_load(copy);
	return state->objects[state->object_count++].syms;
}

static char *put_hex(char *p, uint64_t v)
{
	char tmp[16];
	int n = 0;
	do
		tmp[n++] = "0123456789abcdef"[v & 15];
	while ((v >>= 4));
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* Room for one frame's line: its path and name are cut to fit. */
#define FRAME_MAX 8192

static char *put_cut(char *p, const char *s, size_t max)
{
	while (*s && max--)
		*p++ = *s++;
	return p;
}

/* One frame as strace prints it; *ends set where the walk ends there (a
 * pc in no executable mapping). by_call: named from pc - 1, its distance
 * counted to pc (libunwind's use_prev_instr). */
static char *put_frame(char *p, uintptr_t pc, int by_call, int entry_captured,
		       int *ends)
{
	long i = mapping_of(pc);
	if (i < 0 || !(maps.entries[i].prot & PROT_EXEC) ||
	    !maps.entries[i].path[0]) {
		if (pc) {
			p = put_str(p, " > unexpected_backtracing_error [0x");
			p = put_hex(p, pc);
			p = put_str(p, "]\n");
		}
		*ends = 1;
		return p;
	}
	const struct mapping *m = &maps.entries[i];
	uint64_t off = pc - m->start + m->offset;
	const char *name = 0;
	uint64_t distance = 0;
	struct elf_symbols *syms = symbols_of(m);
	by_call = by_call && off > 0;
	if (!elf_symbols_find(syms, off - (uint64_t)by_call, &name, &distance))
		name = 0;
	else
		distance += (uint64_t)by_call;
	p = put_str(p, " > ");
	p = put_cut(p, m->path, FRAME_MAX / 2);
	p = put_str(p, "(");
	if (name || entry_captured) {
		p = put_cut(p, name ? name : "", FRAME_MAX / 4);
		p = put_str(p, "+0x");
		p = put_hex(p, distance);
	}
	p = put_str(p, ") [0x");
	p = put_hex(p, off);
	return put_str(p, "]\n");
}

/* Our own code's object (the image or the preload): its frames are left
 * out of a signal's stack. */
static long own_mapping(void)
{
	return mapping_of((uintptr_t)&trace_stack_of_signal);
}

static int is_own(uintptr_t pc, long own)
{
	long i = mapping_of(pc);
	return own >= 0 && i >= 0 && maps.entries[i].inode == maps.entries[own].inode &&
	       same_string(maps.entries[i].path, maps.entries[own].path);
}

/* Whether the program's memory at pc holds a syscall instruction. */
static int at_syscall(uintptr_t pc)
{
	uint8_t b[ARCH_SYSCALL_INSN_LEN];
	return !read_all(b, pc, sizeof b) && arch_is_syscall_bytes(b);
}

/* rewound_at_start: whether the registers walked from are the ones the
 * kernel gives a handler (or rt_sigreturn restores), where a call to be
 * restarted has its pc moved back onto its syscall instruction; not for
 * a signal's own line, which strace prints from the registers it had
 * before that (the pc after the syscall). */
static size_t walk_and_format(const uint64_t *reg, uint32_t known,
			      int entry_captured, int rewound_at_start)
{
	if (fresh_maps())
		return 0;
	struct unwind_regs start;
	for (int i = 0; i < ARCH_DWARF_REGS; i++)
		start.reg[i] = i < ARCH_UNWIND_REGS ? reg[i] : 0;
	start.known = known;
	const struct unwind_memory mem = {memory_read, memory_find_eh_frame_hdr,
					  0};
	/* Our own frames are not the program's: a call a signal came in (the
	 * trampoline's entry made it, or a trap's handler), a handler of the
	 * program's we ran. The program's frame below ours is at its call, as
	 * the kernel would have shown it: after the syscall instruction
	 * (systrap_program_pc, where one of our traps left it), or on it where
	 * our own call was moved back onto its syscall instruction (a call the
	 * kernel restarts after a handler, or one a signal came just before). */
	long own = own_mapping();
	int kept = 0, signal_above = 1, after_own = 0, steps = 0, rewound = 0;
	uint64_t last_cfa = start.reg[ARCH_DWARF_SP];
	uintptr_t last_pc = 0;
	for (;;) {
		uintptr_t pc = start.reg[ARCH_DWARF_RA];
		int by_call = steps > 0 && !signal_above;
		if (is_own(pc, own)) {
			if (!after_own)
				rewound = (steps > 0 || rewound_at_start) &&
					  at_syscall(pc);
			after_own = 1;
		} else {
			if (after_own) {
				if (signal_above)
					pc = systrap_program_pc(pc);
				if (rewound)
					pc -= ARCH_SYSCALL_INSN_LEN;
				start.reg[ARCH_DWARF_RA] = pc;
				by_call = 0;
			}
			after_own = 0;
			state->by_call[kept] = (uint8_t)by_call;
			state->pcs[kept++] = pc;
		}
		if (kept > MAX_FRAMES || ++steps > 4 * MAX_FRAMES)
			break;
		uint64_t cfa = 0;
		if (unwind_step(&start, &mem, &signal_above, &cfa) <= 0 ||
		    !start.reg[ARCH_DWARF_RA] ||
		    (start.reg[ARCH_DWARF_RA] == last_pc && cfa == last_cfa))
			break;
		last_pc = start.reg[ARCH_DWARF_RA];
		last_cfa = cfa;
	}
	char *p = state->text, *end = state->text + TEXT_BYTES - 64;
	for (int k = 0; k < kept && k < MAX_FRAMES; k++) {
		if (end - p < FRAME_MAX)
			break;
		int ends = 0;
		p = put_frame(p, state->pcs[k], state->by_call[k], entry_captured,
			      &ends);
		if (ends)
			return (size_t)(p - state->text);
	}
	if (kept > MAX_FRAMES)
		p = put_str(p, " > too many stack frames\n");
	return (size_t)(p - state->text);
}

/* A walk's arguments and result, for systrap_call_with_room. */
struct walk {
	const uint64_t *reg;
	uint32_t known;
	int entry_captured, rewound_at_start;
	size_t n;
};

static void walk_with_room(int sig, void *walk_, void *context)
{
	(void)sig;
	(void)context;
	struct walk *w = walk_;
	w->n = walk_and_format(w->reg, w->known, w->entry_captured,
			       w->rewound_at_start);
}

/* context: the ucontext of the trap or signal whose handler the hook runs
 * in, or 0 (the jump fast path, on the thread's own stack or a large
 * alternate stack's top). */
static void emit_stack(const uint64_t *reg, uint32_t known, int entry_captured,
		       int rewound_at_start, void *context,
		       trace_stack_emit_fn emit, void *cookie)
{
	/* Nothing that could run this again on this thread (a signal's
	 * line) may come while the lock is held; the faults the reads
	 * recover from may. */
	uint64_t all = ~0ull, old;
	all &= ~(1ull << (SIGSEGV - 1) | 1ull << (SIGBUS - 1) |
		 1ull << (SIGILL - 1) | 1ull << (SIGTRAP - 1) |
		 1ull << (SIGFPE - 1) | 1ull << (SIGSYS - 1));
	/* A confined process's filter sees our calls too: there nothing is
	 * masked and nothing waits; a walk that finds the lock taken (another
	 * thread's, or this thread's that a signal interrupted) shows no
	 * stack. Nor does one that finds it taken by its own thread: a fault
	 * of ours inside a walk, reported as the process's death with its
	 * stack, would otherwise wait for ever on the walk it interrupted. */
	int masking = !confined();
	if (masking)
		raw_rt_sigprocmask(SIG_BLOCK, &all, &old);
	/* (A confined process is asked nothing it did not ask itself.) */
	int self = masking ? (int)raw_syscall0(SYS_gettid) : 1, holder = 0;
	while (!__atomic_compare_exchange_n(&lock, &holder, self, 0,
					    __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED)) {
		if (!masking || holder == self)
			goto unmask;
		raw_syscall0(SYS_sched_yield);
		holder = 0;
	}
	if (!state && masking)
		state = pages_alloc(sizeof *state);
	/* The walk where there is room for it: a trap's handler on an
	 * alternate stack of 8 KiB (SIGSTKSZ, Rust's) has ~4.6 KiB of it
	 * beyond the kernel's frame (AVX-512's), which the call's line and
	 * this walk's ~2.5 KiB overflowed at an exit_group. */
	struct walk w = {reg, known, entry_captured, rewound_at_start, 0};
	if (state)
		systrap_call_with_room(walk_with_room, 0, &w, context);
	if (w.n)
		emit(cookie, state->text, w.n);
	__atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
unmask:
	if (masking)
		raw_rt_sigprocmask(SIG_SETMASK, &old, 0);
}

void trace_stack_of_call(const struct systrap_call *call, int entry_captured,
			 trace_stack_emit_fn emit, void *cookie)
{
	uint64_t reg[ARCH_UNWIND_REGS];
	uint32_t known = systrap_call_registers(call, reg, ARCH_UNWIND_REGS);
	emit_stack(reg, known, entry_captured, 1, call->context, emit, cookie);
}

void trace_stack_of_signal(const void *context, trace_stack_emit_fn emit,
			   void *cookie)
{
	uint64_t reg[ARCH_UNWIND_REGS];
	uint32_t known = arch_unwind_regs_from_context(context, reg);
	emit_stack(reg, known, 0, 0, (void *)context, emit, cookie);
}

void trace_stack_of_sigreturn(const struct systrap_call *call,
			      trace_stack_emit_fn emit, void *cookie)
{
	uintptr_t sp = call->stack_pointer;
	uint64_t reg[ARCH_UNWIND_REGS];
	uint32_t known = 0;
	for (int i = 0; i < ARCH_UNWIND_REGS; i++)
		if (!read_all(&reg[i], arch_unwind_sigreturn_reg_at(sp, i),
			      sizeof reg[i]))
			known |= 1u << i;
	/* It may resume in our own code: a call the signal came in. */
	emit_stack(reg, known, 0, 1, call->context, emit, cookie);
}

void trace_stack_of_start(uintptr_t pc, trace_stack_emit_fn emit, void *cookie)
{
	uint64_t reg[ARCH_UNWIND_REGS];
	for (int i = 0; i < ARCH_UNWIND_REGS; i++)
		reg[i] = 0;
	reg[ARCH_UNWIND_PC] = pc;
	emit_stack(reg, 1u << ARCH_UNWIND_PC, 0, 1, 0, emit, cookie);
}

uintptr_t trace_stack_first_pc(void)
{
	long fd = raw_openat(AT_FDCWD, "/proc/self/auxv", O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	uint64_t v[2];
	uintptr_t base = 0, entry = 0;
	while (raw_read((int)fd, v, sizeof v) == sizeof v && v[0] != AT_NULL) {
		if (v[0] == AT_BASE)
			base = v[1];
		else if (v[0] == AT_ENTRY)
			entry = v[1];
	}
	raw_close((int)fd);
	if (!base)
		return entry;
	Elf64_Ehdr eh;
	return read_all(&eh, base, sizeof eh) ? 0 : base + eh.e_entry;
}
