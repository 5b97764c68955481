/* The self-contained image's entry ABI: what a launcher hands an image it
 * has mapped into a process stopped before its first instruction (or into
 * a process it attached to), and how the image hands control back.
 *
 * The image is an ELF shared object (ET_DYN) with no PT_INTERP, no PT_TLS,
 * no DT_NEEDED and only relocations a loader resolves against the image
 * itself (R_X86_64_RELATIVE; R_X86_64_64, GLOB_DAT and JUMP_SLOT to its own
 * defined symbols). The launcher maps its PT_LOAD segments at any base,
 * applies the relocations (or leaves them to the image:
 * SYSTRAP_IMAGE_RELOCATE below), writes a parameter block (below) into the same
 * process, and runs the ELF entry point on the stopped thread:
 *
 *   rdi = address of the parameter block, rsi = 0 (or, from the load
 *   stub, its launcher's pid: SYSTRAP_IMAGE_GO_ON below), rsp 16-byte
 *   aligned minus 8 (as
 *   just after a call) and below the program's red zone; no return
 *   address is needed: the entry ends with rax = its result (0 or -errno)
 *   and an `int3`, where the launcher reads rax back and restores every
 *   register of the program (fs_base included: at the exec stop it is 0,
 *   and the image may set a scratch one for its own code meanwhile) but
 *   systrap's own thread pointer (the GS base on x86-64,
 *   systrap/arch/thread_pointer.h), which the image set for the thread,
 *   and, with SYSTRAP_IMAGE_RESET_VECTORS, the vector registers, which
 *   the image put back itself.
 *
 * Everything in the block is plain data the image copies before returning
 * (but thread_entry, which it writes): the launcher may unmap the block
 * afterwards, once each other thread ran thread_entry. When the launcher
 * attached to a running process, the settings say where its threads will
 * resume (SYSTRAP_ATTACH_PCS), which no patch may cover. */
#ifndef SYSTRAP_IMAGE_IMAGE_ABI_H
#define SYSTRAP_IMAGE_IMAGE_ABI_H

#include <stdint.h>

#include "systrap/arch/resume_regs.h"

#define SYSTRAP_IMAGE_MAGIC 0x5041525453595330ull /* "0SYSTRAP" */

/* Coming back to a process that has the image (a launcher attaching to it
 * again, or leaving it): systrap's thread pointer (the GS base on x86-64)
 * of each of its threads points at a block whose two words at this offset
 * are the image's re-entry point and the image's syscall_insn. The
 * re-entry point takes a parameter block as the entry does: with the
 * setting SYSTRAP_LEAVE=1 it undoes what the tools changed in the
 * process's state (systrap_on_leave) before the launcher lets it go; else
 * it takes the new settings and runs the tools' constructors again (they
 * map the new launcher's memory). */
#define SYSTRAP_IMAGE_REENTRY_OFFSET 32

/* An image that defines this symbol (any value) sets its own pages'
 * protections from its program headers at its entry, when the block's
 * flags say SYSTRAP_IMAGE_SET_PROTECTIONS:
 * the launcher then only makes its code executable (one ptrace stop
 * instead of one per run of pages with the same protection), and leaves
 * the rest read+write until then. */
#define SYSTRAP_IMAGE_PROTECTS_ITSELF "systrap_image_protects_itself"
#define SYSTRAP_IMAGE_SET_PROTECTIONS 0x1u

/* An image that defines this symbol (any value) frees what the launcher
 * would otherwise free with a ptrace stop each, when the block's flags ask:
 * SYSTRAP_IMAGE_CLOSE_FD: closes image_fd, the descriptor of the image's
 * own file the launcher opened in the process to map it from (before any
 * constructor runs, so the program never sees it);
 * SYSTRAP_IMAGE_UNMAP_BLOCK: unmaps this block (its size rounded up to
 * whole pages; it starts on a page) just before it returns, after which
 * the launcher reads nothing of it (not for an attach: thread_entry). */
#define SYSTRAP_IMAGE_FREES_ITS_OWN "systrap_image_frees_its_own"
#define SYSTRAP_IMAGE_CLOSE_FD 0x2u
#define SYSTRAP_IMAGE_UNMAP_BLOCK 0x4u

/* An image that defines this symbol (any value) applies its own
 * relocations at its entry, when the block's flags say
 * SYSTRAP_IMAGE_RELOCATE, as ld.so would have: the launcher then maps its
 * writable segments from the file as they are there, unrelocated, and
 * relocates nothing itself (a launcher's first process of an image: the
 * ~10,000 pointers relocated, copied and written once more for the
 * session's later processes cost it more than the process's own ld.so
 * costs for a preloaded object). Only where the launcher checked that
 * every relocation is one the image handles (elf_reloc.h), into a
 * writable segment, against a symbol the image defines (or a weak one,
 * 0), and only with SYSTRAP_IMAGE_SET_PROTECTIONS (PT_GNU_RELRO is made
 * read-only after). */
#define SYSTRAP_IMAGE_RELOCATES_ITSELF "systrap_image_relocates_itself"
#define SYSTRAP_IMAGE_RELOCATE 0x8u

/* An image that defines this symbol (any value) puts the thread's vector
 * registers (x87, SSE, AVX, AVX-512: what XSAVE holds, PKRU and AMX
 * aside) back in their initial state just before its int3, when the
 * block's flags say SYSTRAP_IMAGE_RESET_VECTORS: a launcher sets it at an
 * exec stop, where that is the state the exec gave, and then neither
 * reads nor writes them itself (PTRACE_GETREGSET and SETREGSET of the
 * XSAVE area, a kernel-allocated copy each way, ~20 us of the stop the
 * program waits in). */
#define SYSTRAP_IMAGE_RESETS_VECTORS "systrap_image_resets_vectors"
#define SYSTRAP_IMAGE_RESET_VECTORS 0x10u

/* An image that defines this symbol goes on to the program
 * itself, with no stop for its launcher, when the block's flags say
 * SYSTRAP_IMAGE_GO_ON (with SYSTRAP_IMAGE_RESET_VECTORS) and its entry's
 * second argument is not 0 (the load stub passes it: remote_stub.h): the
 * launcher's pid, in a pid namespace that is the launcher's. The launcher
 * detached before the run (the stop it would have waited for, and the
 * two wake-ups of a vCPU around it, were the last ptrace of a start).
 * The entry then ends, instead of with its int3: on success, with
 * kill(pid, notify_ok_sig) and the program's registers from `resume`
 * (systrap/arch/resume_regs.h), its pc last; on failure, with
 * kill(pid, notify_fail_sig) and pause() until the launcher takes the
 * thread back (PTRACE_SEIZE, PTRACE_INTERRUPT), its result where
 * remote_regs_park_result reads it. */
/* The symbol is three words of the image's data, its outcome, written
 * before the signal: outcome[0] 1 when it went on, 2 when it parked,
 * outcome[1] the result, outcome[2] the block's notify_nonce (written
 * before outcome[0]: words without this start's nonce are not its). The launcher reads them from the process where
 * no signal comes (a policy that refuses the image's kill: AppArmor's or
 * SELinux's signal rules), each time its wait for the signal times out. */
#define SYSTRAP_IMAGE_GOES_ON "systrap_image_outcome"
#define SYSTRAP_IMAGE_WENT_ON 1
#define SYSTRAP_IMAGE_PARKED 2
#define SYSTRAP_IMAGE_GO_ON 0x20u
#define SYSTRAP_IMAGE_VERSION 1u

struct systrap_image_params {
	uint64_t magic;         /* SYSTRAP_IMAGE_MAGIC */
	uint32_t version;       /* SYSTRAP_IMAGE_VERSION */
	uint32_t size;          /* bytes of the block, settings included (a
				   launcher may count more after it that the
				   block's unmap is to free: its load stub's
				   page) */
	uint64_t image_start;   /* the image's own mapping [start, end): */
	uint64_t image_end;     /*   never instrumented */
	uint64_t initial_sp;    /* the stopped thread's rsp: at an exec stop,
				   argc, argv..., 0, envp..., 0, auxv */
	uint64_t initial_pc;    /* the stopped thread's rip */
	uint32_t settings_offset; /* from the block's start: "NAME=value\0"
				     strings, ended by an empty one */
	uint32_t settings_size;   /* bytes of them, the final "\0" included */
	/* The run-time address of the image's link address 0, where its
	 * ELF header is (the launcher maps a page of its own before it). */
	uint64_t elf_base;
	/* SYSTRAP_IMAGE_SET_PROTECTIONS: the launcher left the final page
	 * protections to the image (SYSTRAP_IMAGE_PROTECTS_ITSELF);
	 * SYSTRAP_IMAGE_RELOCATE: and its relocations
	 * (SYSTRAP_IMAGE_RELOCATES_ITSELF); CLOSE_FD, UNMAP_BLOCK,
	 * RESET_VECTORS: above. */
	uint32_t flags;
	int32_t image_fd;       /* SYSTRAP_IMAGE_CLOSE_FD: the fd to close */
	/* A `syscall` instruction (followed by a breakpoint) the launcher
	 * put inside the image's span, never instrumented: for its remote
	 * calls once the image runs, now and whenever it comes back. */
	uint64_t syscall_insn;
	/* Written by the image before it returns, for a launcher that
	 * attached to a running process: the entry to run (same ABI, rdi =
	 * this block) on each of its other threads, stopped, to make them
	 * ready to trap (0: none). */
	uint64_t thread_entry;
	/* SYSTRAP_IMAGE_GO_ON (above): the signals that tell the launcher
	 * how the start went, and the registers the program resumes with. */
	int32_t notify_ok_sig, notify_fail_sig;
	struct arch_resume_regs resume;
	uint64_t notify_nonce;
};

#endif
