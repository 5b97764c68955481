/* The jump fast path on x86-64: how a syscall site is rewritten into a jump
 * to a per-site trampoline, and what the trampoline holds.
 *
 * Most sites keep their signal trap. What changes is the instruction just
 * before it, when that single instruction is at least 5 bytes long and can
 * run elsewhere (not a branch, RIP-relative operands re-aimed): its first 5
 * bytes become `jmp rel32` to the trampoline. Since the window is one whole
 * instruction, a branch can only land on its first byte, the jump; a branch
 * to the site itself still meets the trap, so both paths stay correct.
 * Where that instruction cannot move, the site itself becomes a short hop
 * (`jmp rel8`) into the fill between two functions, which holds the
 * `jmp rel32`; the trampoline then displaces nothing.
 *
 * A trampoline (built by arch_write_trampoline):
 *
 *   T:  <the displaced instructions, relocated>
 *       lea   -0x80(%rsp), %rsp        skip the red zone: never written
 *       call  *entry_slot(%rip)        systrap_fast_entry (fast_entry.S)
 *   R:  lea   0x80(%rsp), %rsp
 *       jmp   site + 2                 back after the syscall
 *   R+13: record                      ARCH_RECORD_SIZE bytes of the core's
 *   S:  lea   0x80(%rsp), %rsp         slow exit: the registers untouched,
 *       <signal trap>                  the call taken by the signal path
 *
 * systrap_fast_entry saves the flags and every register the kernel keeps
 * across a syscall and calls systrap_fast_dispatch with an arch_fast_frame.
 * The call is completed (rax, and rcx and r11 as the kernel leaves them:
 * a plain call made by the entry itself after the pre hooks) and the entry
 * jumps to R (never `ret`: a return across a syscall is mispredicted), or
 * the dispatch sends it unchanged to S, whose trap runs it through the
 * signal path (calls that need the program's own stack or that may touch
 * vector registers). No vector or x87 register is saved: the code reached
 * from the entry is compiled general-registers-only.
 */
#ifndef SYSTRAP_ARCH_JUMP_PATCH_H
#define SYSTRAP_ARCH_JUMP_PATCH_H

#include <stddef.h>
#include <stdint.h>

#include "systrap/arch/fast_stack.h"

#define ARCH_JMP_REL32_LEN 5
/* A short hop: `jmp rel8` written over the 2-byte syscall itself, to a
 * `jmp rel32` in the fill between functions within its reach. */
#define ARCH_SHORT_HOP_LEN 2
#define ARCH_SHORT_HOP_BACK 126 /* farthest target before the site */
#define ARCH_SHORT_HOP_AHEAD 129 /* farthest target after the site */
#define ARCH_RED_ZONE 128
/* Bytes of the core's per-site record in each trampoline. */
#define ARCH_RECORD_SIZE 32
/* ARCH_RECORD_OFFSET, the bytes between R (the entry's return address)
 * and the record: fast_stack.h, for the entry. */
/* Room for the largest trampoline, rounded up for alignment. */
#define ARCH_TRAMPOLINE_MAX 128
/* Filler for bytes never executed (int3). */
#define ARCH_FILL_BYTE 0xcc

/* What the fast path needs to know of an instruction to move it. */
struct insn_facts {
	uint8_t length;
	uint8_t movable;        /* may run at another address */
	uint8_t rip_disp_offset; /* offset of a RIP-relative disp32, or 0 */
};

/* The registers at the site, as systrap_fast_entry pushed them. */
struct arch_fast_frame {
	uint64_t r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax, rflags;
	uint64_t rbp;       /* the program's */
	uint64_t *ret_slot; /* R of the site's trampoline, on the program's
			       stack (the frame may be on another) */
};

static inline void arch_fast_frame_syscall(const struct arch_fast_frame *f,
					   long *nr, long args[6])
{
	*nr = (long)f->rax;
	args[0] = (long)f->rdi;
	args[1] = (long)f->rsi;
	args[2] = (long)f->rdx;
	args[3] = (long)f->r10;
	args[4] = (long)f->r8;
	args[5] = (long)f->r9;
}

/* The program's stack pointer at the site. */
static inline uintptr_t
arch_fast_frame_stack_pointer(const struct arch_fast_frame *f)
{
	return (uintptr_t)(f->ret_slot + 1) + ARCH_RED_ZONE;
}

/* rcx and r11 as the kernel leaves them after `syscall` at resume - 2
 * (the return address, the flags); rax stays the program's number until
 * the entry stores the result over it (a restart needs it: below). */
static inline void arch_fast_frame_complete_but_result(
	struct arch_fast_frame *f, uintptr_t resume)
{
	f->rcx = resume;
	f->r11 = f->rflags;
}

/* Leaves the registers as the kernel leaves them after `syscall` at
 * resume - 2: the result in rax, the return address in rcx, the flags in
 * r11. */
static inline void arch_fast_frame_complete(struct arch_fast_frame *f,
					    long result, uintptr_t resume)
{
	f->rax = (uint64_t)result;
	arch_fast_frame_complete_but_result(f, resume);
}

/* The trampoline's `call *entry(%rip)`, which R follows. */
#define ARCH_TRAMPOLINE_CALL_LEN 6

/* Makes the entry go back into the trampoline's call instead of to R, with
 * the program's registers (rax its number still): the call comes to the
 * entry again, as if the program made it anew (a call the kernel
 * restarts, systrap_fast_restart). */
static inline void arch_fast_frame_restart(struct arch_fast_frame *f)
{
	*f->ret_slot -= ARCH_TRAMPOLINE_CALL_LEN;
}

/* Restart points (fast_entry.S): the syscall instructions that make a
 * call for the program (the entry's, and arch_restartable_syscall's),
 * each with the code to run instead when the kernel is to restart the
 * call there (rip rewound onto it) once a signal handler returns, so
 * that the call goes through the hooks again. The restart point of the
 * syscall instruction at pc, or 0 when pc is none of them. */
uintptr_t arch_restart_point(uintptr_t pc);

/* A call the kernel is to make again once a signal's handler returns, as
 * a restart point's code finds it: the number and arguments the kernel
 * would make it with, read from the registers the handler's rt_sigreturn
 * restored (so with any edit the handler made to its frame: a program's
 * handler may change what the restarted call gets, as natively), and
 * whether there was a restart at all. fast_entry.S fills it
 * (ARCH_RESTART_*, fast_stack.h). */
struct arch_restart {
	long nr;
	long args[6];
	long restarted;
};

/* The call nr_args[0] with arguments nr_args[1..6], as raw_syscall6; when
 * the kernel is to restart it after a signal handler (rt_sigreturn sent
 * the frame to its restart point), it returns -EINTR with *restart filled
 * (restarted 1) instead, and the caller runs it through the hooks again;
 * else restart->restarted is 0. */
long arch_restartable_syscall(const long *nr_args,
			      struct arch_restart *restart)
	__attribute__((visibility("hidden")));

/* Makes the entry return to pc (the slow exit) instead of R. */
static inline void arch_fast_frame_set_return(struct arch_fast_frame *f,
					      uintptr_t pc)
{
	*f->ret_slot = pc;
}

/* Sets the call's number and arguments, as a pre hook left them, into the
 * registers the entry gives back (for a call the program makes itself from
 * a program-call stub). */
static inline void arch_fast_frame_set_syscall(struct arch_fast_frame *f,
					       long nr, const long args[6])
{
	f->rax = (uint64_t)nr;
	f->rdi = (uint64_t)args[0];
	f->rsi = (uint64_t)args[1];
	f->rdx = (uint64_t)args[2];
	f->r10 = (uint64_t)args[3];
	f->r8 = (uint64_t)args[4];
	f->r9 = (uint64_t)args[5];
}

/* A program-call stub: where a call that must run on the program's own
 * stack pointer and registers (rt_sigreturn, vfork, clone with a new stack
 * or CLONE_VM, sigaltstack) is made, without a signal. The entry returns to
 * it (instead of R) with every register the program's and rsp above the
 * red zone:
 *
 *   P:  lea   0x80(%rsp), %rsp        the program's stack pointer
 *       syscall                       parent and child both resume here
 *       lea   -0x80(%rsp), %rsp
 *       mov   %rax, %rcx              rcx is the syscall's: free
 *       jrcxz C                       result 0 (a child): C
 *       call  *resume_slot(%rip)      systrap_fast_resume_entry
 *   R:  lea   0x80(%rsp), %rsp
 *       jmp   tail
 *   R+13: record                      as a trampoline's
 *   C:  call  *zero_slot(%rip)        the entry for a 0 result
 *   R2: lea   0x80(%rsp), %rsp
 *       jmp   tail
 *   R2+13: record                     the same record again
 *   tail: jmp *resume(%rip)           site + 2, from anywhere
 *
 * Neither mov nor jrcxz changes the flags, which stay the program's. The
 * entry for a 0 result is where a clone's child goes: one that runs
 * alongside its parent without the parent's alternate stack (the kernel
 * gives a CLONE_VM child none) must not take the parent's, which the
 * normal entry reads from the thread block it still shares.
 * Nothing between the syscall and the resume entry touches memory the
 * program had (a vfork child runs on its parent's stack first): the stub is
 * per site, number and kind of child, read-only, and the registers carry
 * the rest. */
#define ARCH_PROGRAM_CALL_MAX 160
/* Writes the stub into buf (position-independent: it may run anywhere);
 * sets the two records' offsets (the caller writes the same record in
 * both). */
void arch_write_program_call(uint8_t *buf, uintptr_t resume,
			     uintptr_t resume_entry, uintptr_t zero_entry,
			     size_t records[2]);

/* Calls fn(arg) with the x87/SSE/AVX/AVX-512 state saved around it (for
 * code that may use vector registers, called from the general-registers-
 * only fast path). Returns -1 without calling fn when the CPU has no XSAVE
 * (arch_vector_state_size() is 0), else 0. */
int arch_call_saving_vector_state(void (*fn)(void *), void *arg)
	__attribute__((visibility("hidden")));
/* The XSAVE area arch_call_saving_vector_state takes from the stack (0: no
 * XSAVE); computed on first call. */
unsigned arch_vector_state_size(void);
/* Whether the OS enabled XSAVE (one CPUID, where the layout is not known
 * yet): arch_call_saving_vector_state will work. */
int arch_has_xsave(void);
/* The XSAVE components saved (arch_vector_state_size must be nonzero). */
unsigned arch_vector_state_mask(void);
/* Takes the layout as a launcher computed it (cpu_facts.h): no CPUID. A
 * size of 0 (no XSAVE) is computed again, as it costs nothing then. */
void arch_vector_state_assume(unsigned size, unsigned mask);

/* The slow exit's trap lies this many bytes after S (the lea before it). */
#define ARCH_SLOW_TRAP_AFTER_EXIT 8

/* Where a trampoline's pieces lie, relative to its start. */
struct arch_trampoline_layout {
	size_t size;        /* bytes written */
	size_t record;      /* the record's offset */
	size_t slow_exit;   /* S */
	size_t slow_trap;   /* the trap inside the slow exit */
};

/* An instruction to run in the trampoline instead of in place. */
struct arch_moved_insn {
	const uint8_t *bytes;
	uintptr_t addr;
	struct insn_facts facts;
};

/* The most instructions a window may displace. */
#define ARCH_MAX_MOVED 3

/* Writes the trampoline for a site whose preceding instructions
 * (moved[0..nmoved), in order, ending at the site; none for a short hop)
 * are displaced, into buf, which will run at address at. entry_slot is the
 * address of a pointer to systrap_fast_entry; resume is the address after
 * the site; trap the 2 bytes of the signal trap. Returns 0, or -1 when
 * something is out of rel32 reach. */
int arch_write_trampoline(uint8_t *buf, uintptr_t at,
			  const struct arch_moved_insn *moved, int nmoved,
			  uintptr_t entry_slot, uintptr_t resume,
			  const uint8_t trap[2],
			  struct arch_trampoline_layout *out);

/* Writes `jmp rel32` from `from` (its address) to `to` into out[5]; 0, or -1
 * when out of reach. */
int arch_write_jump(uint8_t out[ARCH_JMP_REL32_LEN], uintptr_t from,
		    uintptr_t to);

/* Writes `jmp rel8` at from to to into out[2]; 0, or -1 when out of reach. */
int arch_write_short_hop(uint8_t out[ARCH_SHORT_HOP_LEN], uintptr_t from,
			 uintptr_t to);

/* Whether target is within rel32 reach of every address in [lo, hi). */
int arch_in_jump_reach(uintptr_t lo, uintptr_t hi, uintptr_t target);

/* Sets up the entry to save the vector and x87 state around the dispatch
 * (for handlers that did not promise general registers only): the
 * components x87, SSE, AVX and AVX-512 that the OS enabled, not AMX's 8 KiB
 * of tiles (no handler touches them; they would not fit small stacks).
 * Returns the bytes the entry will take from the stack for it, or 0 when
 * the CPU has no XSAVE (the fast path then stays general-registers-only). */
unsigned arch_fast_save_vector_state(void);

/* Finds whether this kernel gives user threads CET shadow stacks
 * (ARCH_SHSTK_STATUS answers): only then do trampolines and stubs call the
 * entries that check for one, with rdssp, which costs ~1 ns a call even
 * where none is enabled. At init, before any trampoline is made. */
void arch_fast_detect_shadow_stack(void);

/* The entry every trampoline calls (fast_entry.S). */
void systrap_fast_entry(void) __attribute__((visibility("hidden")));
/* The same entry for program-call stubs, after their syscall: it calls
 * systrap_fast_resume. The _here variant never moves to the alternate
 * stack (a clone's child that has none, on a block it shares). */
void systrap_fast_resume_entry(void) __attribute__((visibility("hidden")));
void systrap_fast_resume_entry_here(void)
	__attribute__((visibility("hidden")));
/* Their twins that pop R off the thread's shadow stack, if it has one. */
void systrap_fast_entry_shstk(void) __attribute__((visibility("hidden")));
void systrap_fast_resume_entry_shstk(void)
	__attribute__((visibility("hidden")));
void systrap_fast_resume_entry_here_shstk(void)
	__attribute__((visibility("hidden")));

enum arch_fast_entry_kind {
	ARCH_FAST_ENTRY,            /* systrap_fast_entry */
	ARCH_FAST_RESUME_ENTRY,     /* systrap_fast_resume_entry */
	ARCH_FAST_RESUME_ENTRY_HERE /* systrap_fast_resume_entry_here */
};

/* The address of that entry, or of its shadow-stack twin where the kernel
 * has shadow stacks: what trampolines and stubs call. */
uintptr_t arch_fast_entry(enum arch_fast_entry_kind kind);

#endif
