/* systrap_call_registers (systrap.h): the program's registers at a call,
 * by DWARF number, for tools that unwind its stack. The pc is always the
 * address after the program's syscall instruction (the signal path's
 * context has the trap's own pc, or a gadget's), the stack pointer the
 * program's at the site. */
#include "systrap/systrap.h"

#include "systrap/arch/trap_kind.h"
#include "systrap/arch/unwind_regs.h"
#include "systrap/core/site_registry.h"

uint32_t systrap_call_registers(const struct systrap_call *call, uint64_t *reg,
				unsigned n)
{
	uint64_t all[ARCH_UNWIND_REGS];
	for (int i = 0; i < ARCH_UNWIND_REGS; i++)
		all[i] = 0;
	uint32_t known = 0;
	uintptr_t pc = call->site + ARCH_SYSCALL_INSN_LEN;
	if (call->context) {
		known = arch_unwind_regs_from_context(call->context, all);
		all[ARCH_UNWIND_PC] = pc;
		all[ARCH_UNWIND_SP] = call->stack_pointer;
	} else if (call->frame) {
		known = arch_unwind_regs_from_fast_frame(call->frame,
							 call->stack_pointer,
							 pc, all);
	}
	for (unsigned i = 0; i < n && i < ARCH_UNWIND_REGS; i++)
		reg[i] = all[i];
	if (n < ARCH_UNWIND_REGS)
		known &= (1u << n) - 1;
	return known;
}

uintptr_t systrap_program_pc(uintptr_t pc)
{
	static const enum arch_trap_kind kinds[] = {ARCH_TRAP_INT3,
						    ARCH_TRAP_UD2};
	for (unsigned i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		const struct trap_encoding *e = arch_trap_encoding(kinds[i]);
		struct trap_site s;
		if (e && pc >= e->pc_offset &&
		    site_registry_find(pc - e->pc_offset, &s) &&
		    s.role == SITE_SYSCALL && s.kind == kinds[i] && !s.resume_to)
			return s.addr + ARCH_SYSCALL_INSN_LEN;
	}
	return pc;
}
