/* A stopped tracee's registers on x86-64, as the injector (systrap/inject/)
 * needs them: saved and restored whole (general registers with fs_base,
 * and the extended state), set up for one remote syscall or for a call to
 * an image's entry, and read back. It also names the ELF machine and the
 * relocation types an image may hold. A second architecture adds a file
 * like this one; the injector itself stays as it is.
 *
 * Runs in the launcher, not in the traced process: libc is allowed. */
#ifndef SYSTRAP_ARCH_REMOTE_REGS_H
#define SYSTRAP_ARCH_REMOTE_REGS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "systrap/arch/resume_regs.h"

/* Everything of a thread a remote call may change: the general registers
 * (fs_base and gs_base included) and the FPU/SSE/AVX/... state, which code
 * run in the tracee (an image's entry) may use. */
struct remote_regs {
	struct user_regs_struct gp;
	void *xstate;        /* malloc'd; NULL when not saved */
	size_t xstate_size;  /* what the kernel filled */
};

/* Reads the general registers of a stopped tracee. 0 or -errno. */
int remote_regs_get(pid_t pid, struct remote_regs *r);
/* Writes them back. 0 or -errno. */
int remote_regs_set(pid_t pid, const struct remote_regs *r);
/* Reads (into a buffer it allocates) and writes back the extended state
 * (PTRACE_GETREGSET NT_X86_XSTATE). 0 or -errno. */
int remote_xstate_get(pid_t pid, struct remote_regs *r);
int remote_xstate_set(pid_t pid, const struct remote_regs *r);
void remote_regs_free(struct remote_regs *r);

/* Copies systrap's thread pointer (the GS base: thread_pointer.h), which
 * an image's entry sets for the thread, from after into saved, the
 * registers the program gets back. */
void remote_regs_keep_thread_pointer(struct remote_regs *saved,
				     const struct remote_regs *after);

/* The registers an image's entry gives back itself when it goes on to
 * the program without a stop (resume_regs.h). */
void remote_regs_resume_record(const struct remote_regs *r,
			       struct arch_resume_regs *out);
/* Whether r can be given back so: no FS base (an exec's), 64-bit code. */
int remote_regs_go_on_possible(const struct remote_regs *r);
/* What code parked in the tracee after telling its launcher it failed
 * kept of its result (remote_stub.S, image_entry.S: r15 on x86-64). */
long remote_regs_park_result(const struct remote_regs *r);
/* systrap's thread pointer of the thread (thread_pointer.h: the GS base),
 * nonzero where systrap (or the program itself) set one. */
uint64_t remote_regs_thread_pointer(const struct remote_regs *r);

/* A thread stopped inside a syscall (interrupted, to be restarted): the
 * address of its syscall instruction, where a restart resumes; else 0. */
uint64_t remote_regs_restart_pc(const struct remote_regs *r);

/* Program counter and stack pointer. */
uint64_t remote_regs_pc(const struct remote_regs *r);
uint64_t remote_regs_sp(const struct remote_regs *r);

/* Sets r up to run syscall nr with up to 6 arguments when the thread
 * resumes at insn, a genuine syscall instruction: the number and argument
 * registers, and "not in a syscall" so that the kernel's restart logic
 * (rip -= 2 when rax is -ERESTART* and a syscall number is recorded) cannot
 * move the pc we chose. */
void remote_regs_for_syscall(struct remote_regs *r, uint64_t insn, long nr,
			     const long args[6]);

/* Sets r up to call a function at pc with one argument, as if just called
 * from the stopped point: the stack pointer below the red zone of the
 * interrupted code, aligned as right after a call instruction (no return
 * address is pushed: the function ends with a breakpoint). */
void remote_regs_for_call(struct remote_regs *r, uint64_t pc, uint64_t arg);

/* The syscall's or function's result after the stop. */
long remote_regs_result(const struct remote_regs *r);
/* Whether the thread runs the launcher's own instruction set (on x86-64:
 * 64-bit code, not a 32-bit program's compatibility mode), so that code
 * the launcher writes there (the injector's boot) runs as written. */
int remote_regs_native_code(const struct remote_regs *r);
/* Sets what a system call returned (at an exec event, execve's 0 that the
 * kernel has yet to write). */
void remote_regs_set_result(struct remote_regs *r, long value);

/* Whether a SIGTRAP stop with this si_code is the breakpoint instruction
 * (int3) a called function ends with. */
int remote_trap_is_breakpoint(int si_code);

/* The architecture's syscall instruction, for the checks against decoded
 * bytes. */
#define REMOTE_SYSCALL_INSN_SIZE 2

/* A syscall instruction followed by a breakpoint, written into memory of
 * the injector's own for remote calls made once the image runs (which
 * instruments the vDSO's). Writes it at out (at most 8 bytes); returns its
 * length. The syscall instruction is at out. */
size_t remote_syscall_stub(unsigned char *out);

/* The ELF machine of this architecture (EM_X86_64). */
int remote_elf_machine(void);

/* What a relocation type asks of a loader: systrap/arch/elf_reloc.h. */
/* The relocation type's name, for messages ("R_X86_64_PC32"), or NULL. */
const char *remote_reloc_name(uint32_t type);

#endif
