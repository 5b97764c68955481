/* ptrace_regs: x86-64's register sets as ptrace moves them, as data for
 * the formatter (ptrace_decoder.c): PTRACE_GETREGS/SETREGS and the
 * NT_PRSTATUS regset carry struct user_regs_struct, PTRACE_GETFPREGS/
 * SETFPREGS and NT_FPREGSET struct user_fpregs_struct (<sys/user.h>).
 * Each field is a name, its offset and size, and a count (an array of that
 * many elements); strace 6.1 prints them in this order, in hex, as many as
 * the size the call gives covers. A port gives its own arch folder a
 * ptrace_regs.h with its layouts, or ARCH_HAS_PTRACE_REGS 0 (the sets then
 * print as addresses). */
#ifndef SYSTRAP_ARCH_PTRACE_REGS_H
#define SYSTRAP_ARCH_PTRACE_REGS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

#define ARCH_HAS_PTRACE_REGS 1

struct ptrace_reg_field {
	const char *name;
	uint16_t offset;
	uint8_t size;   /* bytes of one element */
	uint8_t count;  /* 1, or an array's length */
};

struct ptrace_regset_layout {
	const struct ptrace_reg_field *fields;
	unsigned nfields;
	size_t size;    /* the whole struct */
};

#define ARCH_REG(s, f) \
	{ #f, offsetof(struct s, f), sizeof(((struct s *)0)->f), 1 }
#define ARCH_REG_ARRAY(s, f)                                        \
	{ #f, offsetof(struct s, f), sizeof(((struct s *)0)->f[0]),  \
	  sizeof(((struct s *)0)->f) / sizeof(((struct s *)0)->f[0]) }

#define G(f) ARCH_REG(user_regs_struct, f)
static const struct ptrace_reg_field arch_prstatus_fields[] = {
	G(r15), G(r14), G(r13), G(r12), G(rbp), G(rbx), G(r11), G(r10),
	G(r9), G(r8), G(rax), G(rcx), G(rdx), G(rsi), G(rdi), G(orig_rax),
	G(rip), G(cs), G(eflags), G(rsp), G(ss), G(fs_base), G(gs_base),
	G(ds), G(es), G(fs), G(gs),
};
#undef G

#define F(f) ARCH_REG(user_fpregs_struct, f)
#define FA(f) ARCH_REG_ARRAY(user_fpregs_struct, f)
static const struct ptrace_reg_field arch_fpregset_fields[] = {
	F(cwd), F(swd), F(ftw), F(fop), F(rip), F(rdp), F(mxcsr),
	F(mxcr_mask), FA(st_space), FA(xmm_space), FA(padding),
};
#undef F
#undef FA

/* NT_PRSTATUS's and NT_FPREGSET's layouts. */
static const struct ptrace_regset_layout arch_prstatus_regset = {
	arch_prstatus_fields,
	sizeof arch_prstatus_fields / sizeof arch_prstatus_fields[0],
	sizeof(struct user_regs_struct),
};
static const struct ptrace_regset_layout arch_fpregset = {
	arch_fpregset_fields,
	sizeof arch_fpregset_fields / sizeof arch_fpregset_fields[0],
	sizeof(struct user_fpregs_struct),
};

#endif
