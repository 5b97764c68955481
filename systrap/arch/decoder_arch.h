/* The x86-64 parameters of the decoder adapter: which Capstone architecture
 * and mode, and which instruction ids matter to the instrumenter. */
#ifndef SYSTRAP_ARCH_DECODER_ARCH_H
#define SYSTRAP_ARCH_DECODER_ARCH_H

#include <capstone/capstone.h>
#include <stddef.h>
#include <stdint.h>

#include "systrap/arch/jump_patch.h"
#include "systrap/arch/trap_kind.h"

#define ARCH_CS_ARCH CS_ARCH_X86
#define ARCH_CS_MODE CS_MODE_64
/* The printer Capstone 4's x86 module gives a handle (Intel syntax), which
 * the decoder adapter takes out of handles whose text nobody reads. */
void X86_Intel_printInst(void *mcinst, void *stream, void *info);
#define ARCH_CS_PRINTER X86_Intel_printInst
/* Code that makes Capstone build every lazy table of this architecture's
 * module (decoder.c says why that must happen before any patching):
 * instructions with implicit accumulator operands, a RIP-relative compare,
 * a string move, branches of each kind, and a syscall. */
static inline const uint8_t *arch_decoder_warm_up_code(size_t *len)
{
	static const uint8_t code[] = {
		0x05, 0x01, 0x00, 0x00, 0x00,             /* add eax, 1 */
		0x3d, 0x01, 0x00, 0x00, 0x00,             /* cmp eax, 1 */
		0x48, 0x3d, 0x01, 0xf0, 0xff, 0xff,       /* cmp rax, -4095 */
		0xa8, 0x01,                               /* test al, 1 */
		0x81, 0x3d, 0, 0, 0, 0, 1, 0, 0, 0,       /* cmp [rip], 1 */
		0xf3, 0x48, 0xa5,                         /* rep movsq */
		0x74, 0x00,                               /* je . + 2 */
		0xe8, 0x00, 0x00, 0x00, 0x00,             /* call . + 5 */
		0xe9, 0x00, 0x00, 0x00, 0x00,             /* jmp . + 5 */
		0xff, 0xe0,                               /* jmp rax */
		0xc3,                                     /* ret */
		0x0f, 0x05,                               /* syscall */
		0x90,                                     /* nop */
	};
	*len = sizeof code;
	return code;
}

/* The longest x86 instruction. */
#define ARCH_MAX_INSN_LEN 15

/* A syscall the CPU executes: Capstone's id, and before its 0f 05 only
 * prefixes the CPU ignores on it. Capstone also takes a lock prefix among
 * others (f2 f0 f2 0f 05), on which the CPU raises #UD: no call, no site
 * (found by //systrap/core/fuzz:decoder_fuzz_test). */
static inline int arch_insn_is_syscall(unsigned int id, const uint8_t *bytes,
				       size_t size)
{
	if (id != X86_INS_SYSCALL || size < ARCH_SYSCALL_INSN_LEN)
		return 0;
	for (size_t k = 0; k + ARCH_SYSCALL_INSN_LEN < size; k++)
		if (!arch_is_syscall_prefix(bytes[k]))
			return 0;
	return 1;
}

/* What an instruction does to control flow, for the fast path's check that
 * no branch lands inside a window of displaced instructions. */
enum arch_branch {
	ARCH_BRANCH_NONE = 0,
	ARCH_BRANCH_DIRECT,   /* jmp/jcc/call/loop to a known target */
	ARCH_BRANCH_INDIRECT, /* jmp through a register or memory: maybe a
				 jump table, targets unknown */
	ARCH_BRANCH_OTHER,    /* ret, indirect call: lands nowhere inside */
};

/* Whether arch_insn_branch needs insn's operands (a jump or a call: where
 * to), or its groups are enough (no branch, a return). Groups are known
 * from a handle that does not print; operands only from one that does. */
static inline int arch_insn_branch_needs_operands(const cs_insn *insn)
{
	const cs_detail *d = insn->detail;
	int branch = 0;
	if (!d)
		return 1;
	for (int i = 0; i < d->groups_count; i++) {
		if (d->groups[i] == CS_GRP_RET || d->groups[i] == CS_GRP_IRET)
			return 0;
		branch |= d->groups[i] == CS_GRP_JUMP ||
			  d->groups[i] == CS_GRP_CALL;
	}
	return branch;
}

static inline enum arch_branch arch_insn_branch(const cs_insn *insn,
						uint64_t *target)
{
	const cs_detail *d = insn->detail;
	int jump = 0, call = 0, ret = 0;
	if (!d)
		return ARCH_BRANCH_INDIRECT;
	for (int i = 0; i < d->groups_count; i++) {
		jump |= d->groups[i] == CS_GRP_JUMP;
		call |= d->groups[i] == CS_GRP_CALL;
		ret |= d->groups[i] == CS_GRP_RET || d->groups[i] == CS_GRP_IRET;
	}
	if (ret)
		return ARCH_BRANCH_OTHER;
	if (!jump && !call)
		return ARCH_BRANCH_NONE;
	const cs_x86 *x = &d->x86;
	if (x->op_count == 1 && x->operands[0].type == X86_OP_IMM) {
		*target = (uint64_t)x->operands[0].imm;
		return ARCH_BRANCH_DIRECT;
	}
	return call ? ARCH_BRANCH_OTHER : ARCH_BRANCH_INDIRECT;
}

/* Instructions that fill the gaps between functions. */
static inline int arch_insn_is_padding(unsigned int id)
{
	return id == X86_INS_NOP || id == X86_INS_INT3;
}

/* What the jump fast path needs to know to move an instruction elsewhere
 * (jump_patch.h): anything that branches, traps or reads rip other than
 * through a plain RIP-relative memory operand stays where it is. */
static inline void arch_insn_facts(const cs_insn *insn, struct insn_facts *out)
{
	const cs_detail *d = insn->detail;
	out->length = (uint8_t)insn->size;
	out->movable = 0;
	out->rip_disp_offset = 0;
	if (!d)
		return;
	for (int i = 0; i < d->groups_count; i++)
		switch (d->groups[i]) {
		case CS_GRP_JUMP:
		case CS_GRP_CALL:
		case CS_GRP_RET:
		case CS_GRP_INT:
		case CS_GRP_IRET:
		case CS_GRP_PRIVILEGE:
		case CS_GRP_BRANCH_RELATIVE:
			return;
		}
	if (insn->id == X86_INS_SYSCALL || insn->id == X86_INS_SYSENTER ||
	    insn->id == X86_INS_UD2 || insn->id == X86_INS_INT3)
		return;
	const cs_x86 *x = &d->x86;
	for (int i = 0; i < x->op_count; i++) {
		if (x->operands[i].type != X86_OP_MEM)
			continue;
		if (x->operands[i].mem.base == X86_REG_RIP) {
			if (x->encoding.disp_size != 4 ||
			    !x->encoding.disp_offset)
				return;
			out->rip_disp_offset = x->encoding.disp_offset;
		} else if (x->operands[i].mem.index == X86_REG_RIP) {
			return;
		}
	}
	out->movable = 1;
}

#endif
