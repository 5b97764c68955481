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
