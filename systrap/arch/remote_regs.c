/* A stopped tracee's registers on x86-64 (remote_regs.h). */
#include "systrap/arch/remote_regs.h"

#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif

/* Larger than any XSAVE area (AMX tiles included, about 11 KiB); the
 * kernel says how much it filled. */
#define XSTATE_MAX (64 * 1024)

int remote_regs_get(pid_t pid, struct remote_regs *r)
{
	if (ptrace(PTRACE_GETREGS, pid, 0, &r->gp) != 0)
		return -errno;
	return 0;
}

int remote_regs_set(pid_t pid, const struct remote_regs *r)
{
	if (ptrace(PTRACE_SETREGS, pid, 0, &r->gp) != 0)
		return -errno;
	return 0;
}

int remote_xstate_get(pid_t pid, struct remote_regs *r)
{
	if (!r->xstate) {
		r->xstate = malloc(XSTATE_MAX);
		if (!r->xstate)
			return -ENOMEM;
	}
	struct iovec iov = {r->xstate, XSTATE_MAX};
	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_X86_XSTATE, &iov) != 0) {
		int e = errno;
		free(r->xstate);
		r->xstate = NULL;
		return -e;
	}
	r->xstate_size = iov.iov_len;
	return 0;
}

int remote_xstate_set(pid_t pid, const struct remote_regs *r)
{
	if (!r->xstate)
		return 0;
	struct iovec iov = {r->xstate, r->xstate_size};
	if (ptrace(PTRACE_SETREGSET, pid, (void *)NT_X86_XSTATE, &iov) != 0)
		return -errno;
	return 0;
}

void remote_regs_free(struct remote_regs *r)
{
	free(r->xstate);
	r->xstate = NULL;
	r->xstate_size = 0;
}

uint64_t remote_regs_pc(const struct remote_regs *r)
{
	return r->gp.rip;
}

uint64_t remote_regs_sp(const struct remote_regs *r)
{
	return r->gp.rsp;
}

void remote_regs_for_syscall(struct remote_regs *r, uint64_t insn, long nr,
			     const long args[6])
{
	r->gp.rip = insn;
	r->gp.rax = (unsigned long)nr;
	r->gp.orig_rax = (unsigned long)-1;
	r->gp.rdi = (unsigned long)args[0];
	r->gp.rsi = (unsigned long)args[1];
	r->gp.rdx = (unsigned long)args[2];
	r->gp.r10 = (unsigned long)args[3];
	r->gp.r8 = (unsigned long)args[4];
	r->gp.r9 = (unsigned long)args[5];
}

void remote_regs_for_call(struct remote_regs *r, uint64_t pc, uint64_t arg)
{
	r->gp.rip = pc;
	r->gp.rdi = arg;
	/* A second argument of 0: an image's entry takes a nonzero one as
	 * its launcher's pid to tell instead of stopping (image_abi.h,
	 * SYSTRAP_IMAGE_GO_ON), which only the load stub passes. */
	r->gp.rsi = 0;
	r->gp.orig_rax = (unsigned long)-1;
	/* Below the 128-byte red zone, 16-byte aligned, minus the 8 bytes a
	 * call would have pushed. */
	r->gp.rsp = ((r->gp.rsp - 128) & ~15ul) - 8;
	/* The direction flag clear, as the ABI requires at a call. */
	r->gp.eflags &= ~0x400ul;
}

long remote_regs_result(const struct remote_regs *r)
{
	return (long)r->gp.rax;
}

int remote_regs_native_code(const struct remote_regs *r)
{
	/* __USER_CS: the 64-bit user code segment (a 32-bit program runs
	 * in __USER32_CS, 0x23). */
	return r->gp.cs == 0x33;
}

void remote_regs_set_result(struct remote_regs *r, long value)
{
	r->gp.rax = (unsigned long)value;
}

int remote_trap_is_breakpoint(int si_code)
{
	/* int3 raises SIGTRAP with SI_KERNEL on x86-64. */
	return si_code == SI_KERNEL;
}

int remote_elf_machine(void)
{
	return EM_X86_64;
}

const char *remote_reloc_name(uint32_t type)
{
	switch (type) {
	case R_X86_64_NONE: return "R_X86_64_NONE";
	case R_X86_64_64: return "R_X86_64_64";
	case R_X86_64_PC32: return "R_X86_64_PC32";
	case R_X86_64_GOT32: return "R_X86_64_GOT32";
	case R_X86_64_PLT32: return "R_X86_64_PLT32";
	case R_X86_64_COPY: return "R_X86_64_COPY";
	case R_X86_64_GLOB_DAT: return "R_X86_64_GLOB_DAT";
	case R_X86_64_JUMP_SLOT: return "R_X86_64_JUMP_SLOT";
	case R_X86_64_RELATIVE: return "R_X86_64_RELATIVE";
	case R_X86_64_DTPMOD64: return "R_X86_64_DTPMOD64";
	case R_X86_64_DTPOFF64: return "R_X86_64_DTPOFF64";
	case R_X86_64_TPOFF64: return "R_X86_64_TPOFF64";
	case R_X86_64_IRELATIVE: return "R_X86_64_IRELATIVE";
	default: return NULL;
	}
}

size_t remote_syscall_stub(unsigned char *out)
{
	out[0] = 0x0f; /* syscall */
	out[1] = 0x05;
	out[2] = 0xcc; /* int3 */
	return 3;
}

void remote_regs_keep_thread_pointer(struct remote_regs *saved,
				     const struct remote_regs *after)
{
	saved->gp.gs_base = after->gp.gs_base;
	saved->gp.gs = after->gp.gs;
}

void remote_regs_resume_record(const struct remote_regs *r,
			       struct arch_resume_regs *out)
{
	const struct user_regs_struct *g = &r->gp;
	uint64_t *w = out->word;
	w[ARCH_RESUME_RAX / 8] = g->rax;
	w[ARCH_RESUME_RBX / 8] = g->rbx;
	w[ARCH_RESUME_RCX / 8] = g->rcx;
	w[ARCH_RESUME_RDX / 8] = g->rdx;
	w[ARCH_RESUME_RSI / 8] = g->rsi;
	w[ARCH_RESUME_RDI / 8] = g->rdi;
	w[ARCH_RESUME_RBP / 8] = g->rbp;
	w[ARCH_RESUME_R8 / 8] = g->r8;
	w[ARCH_RESUME_R9 / 8] = g->r9;
	w[ARCH_RESUME_R10 / 8] = g->r10;
	w[ARCH_RESUME_R11 / 8] = g->r11;
	w[ARCH_RESUME_R12 / 8] = g->r12;
	w[ARCH_RESUME_R13 / 8] = g->r13;
	w[ARCH_RESUME_R14 / 8] = g->r14;
	w[ARCH_RESUME_R15 / 8] = g->r15;
	w[ARCH_RESUME_RSP / 8] = g->rsp;
	w[ARCH_RESUME_RIP / 8] = g->rip;
	w[ARCH_RESUME_RFLAGS / 8] = g->eflags;
}

int remote_regs_go_on_possible(const struct remote_regs *r)
{
	/* What the entry's last instructions cannot give back: an FS base
	 * (0 at an exec), the segment selectors of another mode. */
	return r->gp.fs_base == 0 && r->gp.cs == 0x33 && r->gp.ss == 0x2b;
}

long remote_regs_park_result(const struct remote_regs *r)
{
	return (long)r->gp.r15;
}

uint64_t remote_regs_restart_pc(const struct remote_regs *r)
{
	/* orig_rax holds the call's number while the thread is in one. */
	if ((long)r->gp.orig_rax < 0)
		return 0;
	return r->gp.rip - REMOTE_SYSCALL_INSN_SIZE;
}

uint64_t remote_regs_thread_pointer(const struct remote_regs *r)
{
	return r->gp.gs_base;
}
