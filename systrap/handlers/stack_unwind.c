/* stack_unwind: .eh_frame CFI, read through the caller's callbacks, stepped
 * as libunwind's x86-64 unw_step steps (stack_unwind.h).
 *
 * Everything here runs on the trap path: no libc (struct copies are
 * written as loops, which -fno-tree-loop-distribute-patterns keeps from
 * becoming memcpy), no global mutable state, every loop bounded. */
#include "systrap/handlers/stack_unwind.h"

#include "systrap/arch/page.h"

/* DW_EH_PE_*: pointer encodings (LSB 5.0, "DWARF Extensions"). */
#define PE_ABSPTR 0x00
#define PE_ULEB128 0x01
#define PE_UDATA2 0x02
#define PE_UDATA4 0x03
#define PE_UDATA8 0x04
#define PE_SLEB128 0x09
#define PE_SDATA2 0x0a
#define PE_SDATA4 0x0b
#define PE_SDATA8 0x0c
#define PE_FORMAT 0x0f
#define PE_PCREL 0x10
#define PE_DATAREL 0x30
#define PE_APPLICATION 0x70
#define PE_INDIRECT 0x80
#define PE_OMIT 0xff

/* DW_CFA_*: call-frame instructions (DWARF 4, 6.4.2, and GNU's). */
#define CFA_ADVANCE_LOC 0x40 /* high two bits; delta in the low six */
#define CFA_OFFSET 0x80      /* register in the low six */
#define CFA_RESTORE 0xc0     /* register in the low six */
#define CFA_NOP 0x00
#define CFA_SET_LOC 0x01
#define CFA_ADVANCE_LOC1 0x02
#define CFA_ADVANCE_LOC2 0x03
#define CFA_ADVANCE_LOC4 0x04
#define CFA_OFFSET_EXTENDED 0x05
#define CFA_RESTORE_EXTENDED 0x06
#define CFA_UNDEFINED 0x07
#define CFA_SAME_VALUE 0x08
#define CFA_REGISTER 0x09
#define CFA_REMEMBER_STATE 0x0a
#define CFA_RESTORE_STATE 0x0b
#define CFA_DEF_CFA 0x0c
#define CFA_DEF_CFA_REGISTER 0x0d
#define CFA_DEF_CFA_OFFSET 0x0e
#define CFA_DEF_CFA_EXPRESSION 0x0f
#define CFA_EXPRESSION 0x10
#define CFA_OFFSET_EXTENDED_SF 0x11
#define CFA_DEF_CFA_SF 0x12
#define CFA_DEF_CFA_OFFSET_SF 0x13
#define CFA_VAL_OFFSET 0x14
#define CFA_VAL_OFFSET_SF 0x15
#define CFA_VAL_EXPRESSION 0x16
#define CFA_GNU_ARGS_SIZE 0x2e
#define CFA_GNU_NEGATIVE_OFFSET_EXTENDED 0x2f

/* DW_OP_*: the DWARF expression operations CFI uses (DWARF 4, 2.5). */
#define OP_ADDR 0x03
#define OP_DEREF 0x06
#define OP_CONST1U 0x08
#define OP_CONST8S 0x0f
#define OP_CONSTU 0x10
#define OP_CONSTS 0x11
#define OP_DUP 0x12
#define OP_DROP 0x13
#define OP_OVER 0x14
#define OP_PICK 0x15
#define OP_SWAP 0x16
#define OP_ROT 0x17
#define OP_ABS 0x19
#define OP_AND 0x1a
#define OP_MINUS 0x1c
#define OP_MUL 0x1e
#define OP_NEG 0x1f
#define OP_NOT 0x20
#define OP_OR 0x21
#define OP_PLUS 0x22
#define OP_PLUS_UCONST 0x23
#define OP_SHL 0x24
#define OP_SHR 0x25
#define OP_SHRA 0x26
#define OP_XOR 0x27
#define OP_BRA 0x28
#define OP_EQ 0x29
#define OP_GE 0x2a
#define OP_GT 0x2b
#define OP_LE 0x2c
#define OP_LT 0x2d
#define OP_NE 0x2e
#define OP_SKIP 0x2f
#define OP_LIT0 0x30
#define OP_LIT31 0x4f
#define OP_BREG0 0x70
#define OP_BREG31 0x8f
#define OP_BREGX 0x92
#define OP_DEREF_SIZE 0x94
#define OP_NOP 0x96

/* Factors and offsets beyond these are corrupt CFI, not a real frame: the
 * bounds keep the arithmetic in range. */
#define MAX_FACTOR (1 << 16)
#define MAX_OFFSET 0x7fffffffLL
/* A CIE's augmentation string ("zPLR" and the like). */
#define MAX_AUGMENTATION 8
/* Binary search steps over .eh_frame_hdr's table (2^40 entries). */
#define MAX_SEARCH_STEPS 40

#define REG_BIT(n) (1u << (n))

/* ---- Reading the program's memory ------------------------------------ */

/* The program's bytes, read through m->read a small window at a time (the
 * CFI is read byte by byte; a callback per byte would be a syscall per byte
 * where the reads go to the kernel). `failed` is sticky: a read refused or
 * a record overrunning its bounds, either way the walk ends in error. */
struct reader {
	const struct unwind_memory *m;
	uintptr_t base; /* the address of buf[0] */
	uint32_t len;   /* valid bytes in buf */
	int failed;
	uint8_t buf[64];
};

/* A position in a record, and the end it may not pass. */
struct cursor {
	uintptr_t pos;
	uintptr_t end;
};

static void reader_init(struct reader *r, const struct unwind_memory *m)
{
	r->m = m;
	r->base = 0;
	r->len = 0;
	r->failed = 0;
}

static int fetch_byte(struct reader *r, uintptr_t addr, uint8_t *out)
{
	if (addr - r->base >= r->len) {
		/* The window never crosses a page: its bytes are readable
		 * whenever the one asked for is. */
		uintptr_t room = ARCH_PAGE - (addr & (ARCH_PAGE - 1));
		uint32_t n = sizeof r->buf;
		if (room < n)
			n = (uint32_t)room;
		if (r->m->read(r->m->ctx, addr, r->buf, n) != 0) {
			r->len = 0;
			r->failed = 1;
			return -1;
		}
		r->base = addr;
		r->len = n;
	}
	*out = r->buf[addr - r->base];
	return 0;
}

/* n (<= 8) bytes at the cursor, little-endian. */
static uint64_t get_bytes(struct reader *r, struct cursor *c, unsigned n)
{
	uint64_t v = 0;
	if (r->failed)
		return 0;
	if (c->pos > c->end || c->end - c->pos < n) {
		r->failed = 1;
		return 0;
	}
	for (unsigned i = 0; i < n; i++) {
		uint8_t b;
		if (fetch_byte(r, c->pos + i, &b))
			return 0;
		v |= (uint64_t)b << (8 * i);
	}
	c->pos += n;
	return v;
}

static uint8_t get_u8(struct reader *r, struct cursor *c)
{
	return (uint8_t)get_bytes(r, c, 1);
}

/* A LEB128 number; signed ones sign-extended from their last byte. */
static uint64_t get_leb(struct reader *r, struct cursor *c, int is_signed)
{
	uint64_t v = 0;
	for (unsigned shift = 0; shift < 70; shift += 7) {
		uint8_t b = get_u8(r, c);
		if (r->failed)
			return 0;
		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			if (is_signed && shift + 7 < 64 && (b & 0x40))
				v |= ~(uint64_t)0 << (shift + 7);
			return v;
		}
	}
	r->failed = 1;
	return 0;
}

static uint64_t get_uleb(struct reader *r, struct cursor *c)
{
	return get_leb(r, c, 0);
}

static int64_t get_sleb(struct reader *r, struct cursor *c)
{
	return (int64_t)get_leb(r, c, 1);
}

/* A word of the program's memory (a saved register, a return address),
 * read straight through the callback: stack reads do not repeat. */
static int read_word(const struct unwind_memory *m, uintptr_t addr,
		     uint64_t *out)
{
	uint8_t b[ARCH_DWARF_WORD];
	uint64_t v = 0;
	if (m->read(m->ctx, addr, b, sizeof b) != 0)
		return -1;
	for (unsigned i = 0; i < sizeof b; i++)
		v |= (uint64_t)b[i] << (8 * i);
	*out = v;
	return 0;
}

/* A pointer in encoding enc (not DW_EH_PE_omit). datarel is the base of
 * DW_EH_PE_datarel (the .eh_frame_hdr's address); 0 refuses it. */
static uint64_t get_encoded(struct reader *r, struct cursor *c, uint8_t enc,
			    uintptr_t datarel)
{
	uintptr_t at = c->pos;
	uint64_t v;
	switch (enc & PE_FORMAT) {
	case PE_ABSPTR:
		v = get_bytes(r, c, ARCH_DWARF_WORD);
		break;
	case PE_ULEB128:
		v = get_uleb(r, c);
		break;
	case PE_UDATA2:
		v = get_bytes(r, c, 2);
		break;
	case PE_UDATA4:
		v = get_bytes(r, c, 4);
		break;
	case PE_UDATA8:
		v = get_bytes(r, c, 8);
		break;
	case PE_SLEB128:
		v = (uint64_t)get_sleb(r, c);
		break;
	case PE_SDATA2:
		v = (uint64_t)(int64_t)(int16_t)get_bytes(r, c, 2);
		break;
	case PE_SDATA4:
		v = (uint64_t)(int64_t)(int32_t)get_bytes(r, c, 4);
		break;
	case PE_SDATA8:
		v = get_bytes(r, c, 8);
		break;
	default:
		r->failed = 1;
		return 0;
	}
	/* 0 stays 0 whatever the application (libgcc and libunwind agree). */
	if (r->failed || v == 0)
		return 0;
	switch (enc & PE_APPLICATION) {
	case 0:
		break;
	case PE_PCREL:
		v += at;
		break;
	case PE_DATAREL:
		if (datarel == 0) {
			r->failed = 1;
			return 0;
		}
		v += datarel;
		break;
	default: /* textrel, funcrel, aligned: not on x86-64 Linux */
		r->failed = 1;
		return 0;
	}
	if ((enc & PE_INDIRECT) && read_word(r->m, (uintptr_t)v, &v) != 0) {
		r->failed = 1;
		return 0;
	}
	return v;
}

/* ---- CIE and FDE ------------------------------------------------------ */

struct cie {
	uintptr_t insns, insns_end; /* the initial instructions */
	uint64_t code_align;
	int64_t data_align;
	uint32_t ra;       /* the return address column */
	uint8_t fde_enc;   /* 'R' */
	uint8_t signal;    /* 'S' */
	uint8_t has_z;     /* FDEs carry augmentation data's length */
};

struct fde {
	uintptr_t pc_begin, pc_end;
	uintptr_t insns, insns_end;
	uintptr_t cie_addr; /* expressions are kept as offsets from it */
	struct cie cie;
};

/* The length and id of a CIE or FDE at addr: its cursor set to the id's
 * end and the record's, *id_pos where the id was. -1 for the terminator
 * (length 0) or a record longer than any program we run. */
static int record_head(struct reader *r, uintptr_t addr, struct cursor *c,
		       uintptr_t *id_pos, uint64_t *id)
{
	uint64_t len;
	int is64 = 0;
	c->pos = addr;
	c->end = addr + 12;
	len = get_bytes(r, c, 4);
	if (len == 0xffffffffu) {
		len = get_bytes(r, c, 8);
		is64 = 1;
	}
	if (r->failed || len == 0 || len > UNWIND_MAX_PROGRAM_BYTES)
		return -1;
	c->end = c->pos + len;
	*id_pos = c->pos;
	*id = get_bytes(r, c, is64 ? 8 : 4);
	return r->failed ? -1 : 0;
}

static int parse_cie(struct reader *r, uintptr_t addr, struct cie *ci)
{
	struct cursor c;
	uintptr_t id_pos;
	uint64_t id;
	char aug[MAX_AUGMENTATION];
	unsigned naug = 0;
	uint8_t version;

	if (record_head(r, addr, &c, &id_pos, &id) || id != 0)
		return -1;
	version = get_u8(r, &c);
	if (version != 1 && version != 3 && version != 4)
		return -1;
	for (;;) {
		uint8_t ch = get_u8(r, &c);
		if (r->failed || naug == MAX_AUGMENTATION)
			return -1;
		if (ch == 0)
			break;
		aug[naug++] = (char)ch;
	}
	if (version == 4) {
		uint8_t address_size = get_u8(r, &c);
		uint8_t segment_size = get_u8(r, &c);
		if (address_size != ARCH_DWARF_WORD || segment_size != 0)
			return -1;
	}
	ci->code_align = get_uleb(r, &c);
	ci->data_align = get_sleb(r, &c);
	ci->ra = version == 1 ? get_u8(r, &c) : (uint32_t)get_uleb(r, &c);
	if (r->failed || ci->code_align > MAX_FACTOR ||
	    ci->data_align > MAX_FACTOR || ci->data_align < -MAX_FACTOR ||
	    ci->ra >= ARCH_DWARF_REGS)
		return -1;
	ci->fde_enc = PE_ABSPTR;
	ci->signal = 0;
	ci->has_z = 0;
	if (naug > 0) {
		struct cursor a;
		int lost = 0; /* past a letter we do not know: its data's size */
		uint64_t alen;
		/* Without 'z' the data's size is unknown (only the ancient
		 * "eh" has none): refused. */
		if (aug[0] != 'z')
			return -1;
		ci->has_z = 1;
		alen = get_uleb(r, &c);
		if (r->failed || alen > c.end - c.pos)
			return -1;
		a.pos = c.pos;
		a.end = c.pos + alen;
		for (unsigned i = 1; i < naug; i++) {
			switch (aug[i]) {
			case 'R':
				if (lost)
					return -1;
				ci->fde_enc = get_u8(r, &a);
				break;
			case 'L':
				if (lost)
					return -1;
				(void)get_u8(r, &a);
				break;
			case 'P': {
				uint8_t pe;
				if (lost)
					return -1;
				/* Only its size matters: read, not applied. */
				pe = get_u8(r, &a);
				(void)get_encoded(r, &a, pe & PE_FORMAT, 0);
				break;
			}
			case 'S':
				ci->signal = 1;
				break;
			case 'B':
				break;
			default:
				lost = 1;
				break;
			}
		}
		if (r->failed)
			return -1;
		c.pos += alen;
	}
	if (ci->fde_enc == PE_OMIT)
		return -1;
	ci->insns = c.pos;
	ci->insns_end = c.end;
	return 0;
}

static int parse_fde(struct reader *r, uintptr_t addr, uintptr_t datarel,
		     struct fde *f)
{
	struct cursor c;
	uintptr_t id_pos;
	uint64_t id, range;

	if (record_head(r, addr, &c, &id_pos, &id) || id == 0 || id > id_pos)
		return -1;
	f->cie_addr = id_pos - id;
	if (parse_cie(r, f->cie_addr, &f->cie))
		return -1;
	f->pc_begin = get_encoded(r, &c, f->cie.fde_enc, datarel);
	range = get_encoded(r, &c, f->cie.fde_enc & PE_FORMAT, 0);
	f->pc_end = f->pc_begin + range;
	if (f->cie.has_z) {
		uint64_t alen = get_uleb(r, &c);
		if (r->failed || alen > c.end - c.pos)
			return -1;
		c.pos += alen;
	}
	if (r->failed || f->pc_end < f->pc_begin ||
	    c.end - f->cie_addr > MAX_OFFSET)
		return -1;
	f->insns = c.pos;
	f->insns_end = c.end;
	return 0;
}

/* The FDE that covers pc, found through .eh_frame_hdr's binary search
 * table: 1 and *f, 0 when there is none (no object, no table, a gap), -1
 * when a read failed or the header or the FDE is corrupt. */
static int find_fde(struct reader *r, uintptr_t pc, struct fde *f)
{
	const struct unwind_memory *m = r->m;
	struct cursor c;
	uintptr_t hdr, table;
	uint8_t version, ptr_enc, count_enc, table_enc;
	uint64_t count, lo, hi;

	if (m->find_eh_frame_hdr(m->ctx, pc, &hdr) != 0 || hdr == 0)
		return 0;
	c.pos = hdr;
	c.end = hdr + 4 + 2 * 10; /* two encoded values, at most LEB128s */
	version = get_u8(r, &c);
	ptr_enc = get_u8(r, &c);
	count_enc = get_u8(r, &c);
	table_enc = get_u8(r, &c);
	if (r->failed || version != 1)
		return -1;
	if (ptr_enc != PE_OMIT)
		(void)get_encoded(r, &c, ptr_enc & ~PE_INDIRECT, hdr);
	/* No table, or one GNU ld and gold never write: nothing to search
	 * (libunwind would scan .eh_frame; this unwinder falls back). */
	if (count_enc == PE_OMIT || table_enc != (PE_DATAREL | PE_SDATA4))
		return r->failed ? -1 : 0;
	count = get_encoded(r, &c, count_enc, hdr);
	if (r->failed)
		return -1;
	table = c.pos;
	/* The last entry whose start is at or below pc. */
	lo = 0;
	hi = count;
	for (int steps = 0; lo < hi; steps++) {
		uint64_t mid = lo + (hi - lo) / 2;
		struct cursor e = { table + mid * 8, table + mid * 8 + 4 };
		uint64_t start;
		if (steps == MAX_SEARCH_STEPS)
			return -1;
		start = hdr + (uint64_t)(int64_t)(int32_t)get_bytes(r, &e, 4);
		if (r->failed)
			return -1;
		if (start <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	c.pos = table + (lo - 1) * 8 + 4;
	c.end = c.pos + 4;
	{
		uintptr_t fde = hdr + (uint64_t)(int64_t)(int32_t)get_bytes(r, &c, 4);
		if (r->failed || parse_fde(r, fde, hdr, f))
			return -1;
	}
	return pc >= f->pc_begin && pc < f->pc_end;
}

/* ---- The call-frame program ------------------------------------------- */

enum rule_kind {
	RULE_SAME = 0,   /* the default: callee-saved (x86-64 psABI) */
	RULE_UNDEF,
	RULE_OFFSET,     /* saved at CFA + val */
	RULE_VAL_OFFSET, /* is CFA + val */
	RULE_REG,        /* in register val */
	RULE_EXPR,       /* saved at the expression's value (val: where) */
	RULE_VAL_EXPR,   /* is the expression's value */
};

enum cfa_kind {
	CFA_UNSET = 0,
	CFA_REG_OFFSET, /* register cfa_reg + cfa_val */
	CFA_EXPR,       /* the expression at cfa_val */
};

/* One row of the CFI table, kept small (a remember_state stack of
 * UNWIND_MAX_REMEMBERED of them lives on the trap path's stack): values
 * are 32-bit, an expression is its offset from the CIE (a CIE precedes its
 * FDEs in .eh_frame). */
struct row {
	int32_t val[ARCH_DWARF_REGS];
	uint8_t rule[ARCH_DWARF_REGS];
	uint8_t cfa_kind;
	uint8_t cfa_reg;
	int32_t cfa_val;
};

static void row_copy(struct row *dst, const struct row *src)
{
	for (int i = 0; i < ARCH_DWARF_REGS; i++) {
		dst->val[i] = src->val[i];
		dst->rule[i] = src->rule[i];
	}
	dst->cfa_kind = src->cfa_kind;
	dst->cfa_reg = src->cfa_reg;
	dst->cfa_val = src->cfa_val;
}

static void row_init(struct row *row)
{
	for (int i = 0; i < ARCH_DWARF_REGS; i++) {
		row->val[i] = 0;
		row->rule[i] = RULE_SAME;
	}
	row->cfa_kind = CFA_UNSET;
	row->cfa_reg = 0;
	row->cfa_val = 0;
}

/* What one run of a program needs besides its bytes. */
struct cfa_run {
	struct reader *r;
	const struct fde *f;
	const struct row *initial; /* the CIE's row (restore); NULL in it */
	uintptr_t pc;              /* the row wanted is the one at pc */
	uint64_t loc;              /* the location the program is at */
};

/* A register's rule; a register the walk does not track is skipped. */
static int set_rule(struct row *row, uint64_t reg, uint8_t rule, int64_t val)
{
	if (reg >= ARCH_DWARF_REGS)
		return 0;
	if (val > MAX_OFFSET || val < -MAX_OFFSET)
		return -1;
	row->rule[reg] = rule;
	row->val[reg] = (int32_t)val;
	return 0;
}

/* n * the data alignment factor, or -1 when n is out of range. */
static int scaled(const struct cie *ci, int64_t n, int64_t *out)
{
	if (n > MAX_OFFSET || n < -MAX_OFFSET)
		return -1;
	*out = n * ci->data_align;
	return 0;
}

static int scaled_u(const struct cie *ci, uint64_t n, int64_t *out)
{
	if (n > (uint64_t)MAX_OFFSET)
		return -1;
	return scaled(ci, (int64_t)n, out);
}

/* An expression block at the cursor (its ULEB128 length first): skipped,
 * its offset from the CIE in *where. */
static int skip_block(struct cfa_run *run, struct cursor *c, int32_t *where)
{
	uintptr_t at = c->pos;
	uint64_t len = get_uleb(run->r, c);
	if (run->r->failed || len > c->end - c->pos)
		return -1;
	c->pos += len;
	*where = (int32_t)(at - run->f->cie_addr);
	return 0;
}

/* Moves the location by delta code alignment units: 1 when it passes pc
 * (the row at pc is complete), else 0. */
static int advance(struct cfa_run *run, uint64_t delta)
{
	uint64_t step = delta * run->f->cie.code_align;
	if (run->pc - run->loc < step || run->loc > run->pc) {
		run->loc = run->pc + 1;
		return 1;
	}
	run->loc += step;
	return 0;
}

/* Runs [start, end) into row until the location passes pc: 0, or -1 for
 * a read failure or corrupt CFI. */
static int run_program(struct cfa_run *run, uintptr_t start, uintptr_t end,
		       struct row *row)
{
	struct row saved[UNWIND_MAX_REMEMBERED];
	struct reader *r = run->r;
	const struct cie *ci = &run->f->cie;
	struct cursor c = { start, end };
	int depth = 0;

	if (end < start || end - start > UNWIND_MAX_PROGRAM_BYTES)
		return -1;
	for (int n = 0; c.pos < c.end; n++) {
		uint8_t op;
		uint64_t reg, u;
		int64_t off;
		int32_t where;
		int bad = 0;

		if (n == UNWIND_MAX_CFA_INSNS)
			return -1;
		op = get_u8(r, &c);
		if (r->failed)
			return -1;
		switch (op & 0xc0) {
		case CFA_ADVANCE_LOC:
			if (advance(run, op & 0x3f))
				return 0;
			continue;
		case CFA_OFFSET:
			u = get_uleb(r, &c);
			bad = scaled_u(ci, u, &off) ||
			      set_rule(row, op & 0x3f, RULE_OFFSET, off);
			break;
		case CFA_RESTORE:
			reg = op & 0x3f;
			if (!run->initial)
				return -1;
			if (reg < ARCH_DWARF_REGS) {
				row->rule[reg] = run->initial->rule[reg];
				row->val[reg] = run->initial->val[reg];
			}
			continue;
		default:
			break;
		}
		if (op & 0xc0) {
			if (bad || r->failed)
				return -1;
			continue;
		}
		switch (op) {
		case CFA_NOP:
			break;
		case CFA_SET_LOC: {
			uint64_t to = get_encoded(r, &c, ci->fde_enc,
						  0);
			if (r->failed || to < run->loc)
				return -1;
			if (to > run->pc)
				return 0;
			run->loc = to;
			break;
		}
		case CFA_ADVANCE_LOC1:
		case CFA_ADVANCE_LOC2:
		case CFA_ADVANCE_LOC4:
			u = get_bytes(r, &c, 1u << (op - CFA_ADVANCE_LOC1));
			if (r->failed)
				return -1;
			if (advance(run, u))
				return 0;
			break;
		case CFA_OFFSET_EXTENDED:
			reg = get_uleb(r, &c);
			u = get_uleb(r, &c);
			bad = scaled_u(ci, u, &off) ||
			      set_rule(row, reg, RULE_OFFSET, off);
			break;
		case CFA_GNU_NEGATIVE_OFFSET_EXTENDED:
			reg = get_uleb(r, &c);
			u = get_uleb(r, &c);
			bad = scaled_u(ci, u, &off) ||
			      set_rule(row, reg, RULE_OFFSET, -off);
			break;
		case CFA_OFFSET_EXTENDED_SF:
			reg = get_uleb(r, &c);
			bad = scaled(ci, get_sleb(r, &c), &off) ||
			      set_rule(row, reg, RULE_OFFSET, off);
			break;
		case CFA_VAL_OFFSET:
			reg = get_uleb(r, &c);
			u = get_uleb(r, &c);
			bad = scaled_u(ci, u, &off) ||
			      set_rule(row, reg, RULE_VAL_OFFSET, off);
			break;
		case CFA_VAL_OFFSET_SF:
			reg = get_uleb(r, &c);
			bad = scaled(ci, get_sleb(r, &c), &off) ||
			      set_rule(row, reg, RULE_VAL_OFFSET, off);
			break;
		case CFA_RESTORE_EXTENDED:
			reg = get_uleb(r, &c);
			if (!run->initial)
				return -1;
			if (reg < ARCH_DWARF_REGS) {
				row->rule[reg] = run->initial->rule[reg];
				row->val[reg] = run->initial->val[reg];
			}
			break;
		case CFA_UNDEFINED:
			bad = set_rule(row, get_uleb(r, &c), RULE_UNDEF, 0);
			break;
		case CFA_SAME_VALUE:
			bad = set_rule(row, get_uleb(r, &c), RULE_SAME, 0);
			break;
		case CFA_REGISTER:
			reg = get_uleb(r, &c);
			u = get_uleb(r, &c);
			/* From a register the walk does not track: lost. */
			bad = u < ARCH_DWARF_REGS
				? set_rule(row, reg, RULE_REG, (int64_t)u)
				: set_rule(row, reg, RULE_UNDEF, 0);
			break;
		case CFA_REMEMBER_STATE:
			if (depth == UNWIND_MAX_REMEMBERED)
				return -1;
			row_copy(&saved[depth++], row);
			break;
		case CFA_RESTORE_STATE:
			if (depth == 0)
				return -1;
			row_copy(row, &saved[--depth]);
			break;
		case CFA_DEF_CFA:
			reg = get_uleb(r, &c);
			u = get_uleb(r, &c);
			if (reg >= ARCH_DWARF_REGS || u > (uint64_t)MAX_OFFSET)
				return -1;
			row->cfa_kind = CFA_REG_OFFSET;
			row->cfa_reg = (uint8_t)reg;
			row->cfa_val = (int32_t)u;
			break;
		case CFA_DEF_CFA_SF:
			reg = get_uleb(r, &c);
			if (reg >= ARCH_DWARF_REGS ||
			    scaled(ci, get_sleb(r, &c), &off) ||
			    off > MAX_OFFSET || off < -MAX_OFFSET)
				return -1;
			row->cfa_kind = CFA_REG_OFFSET;
			row->cfa_reg = (uint8_t)reg;
			row->cfa_val = (int32_t)off;
			break;
		/* These two change a register-and-offset rule only
		 * (DWARF 4, 6.4.2.2): after an expression, corrupt. */
		case CFA_DEF_CFA_REGISTER:
			reg = get_uleb(r, &c);
			if (reg >= ARCH_DWARF_REGS || row->cfa_kind == CFA_EXPR)
				return -1;
			row->cfa_kind = CFA_REG_OFFSET;
			row->cfa_reg = (uint8_t)reg;
			break;
		case CFA_DEF_CFA_OFFSET:
			u = get_uleb(r, &c);
			if (u > (uint64_t)MAX_OFFSET || row->cfa_kind == CFA_EXPR)
				return -1;
			row->cfa_val = (int32_t)u;
			break;
		case CFA_DEF_CFA_OFFSET_SF:
			if (row->cfa_kind == CFA_EXPR ||
			    scaled(ci, get_sleb(r, &c), &off) ||
			    off > MAX_OFFSET || off < -MAX_OFFSET)
				return -1;
			row->cfa_val = (int32_t)off;
			break;
		case CFA_DEF_CFA_EXPRESSION:
			if (skip_block(run, &c, &where))
				return -1;
			row->cfa_kind = CFA_EXPR;
			row->cfa_val = where;
			break;
		case CFA_EXPRESSION:
		case CFA_VAL_EXPRESSION:
			reg = get_uleb(r, &c);
			bad = skip_block(run, &c, &where) ||
			      set_rule(row, reg,
				       op == CFA_EXPRESSION ? RULE_EXPR
							    : RULE_VAL_EXPR,
				       where);
			break;
		case CFA_GNU_ARGS_SIZE:
			(void)get_uleb(r, &c);
			break;
		default:
			return -1;
		}
		if (bad || r->failed)
			return -1;
	}
	return 0;
}

/* ---- DWARF expressions ------------------------------------------------ */

/* Evaluates the expression block at `at` (its length first) over regs;
 * with push_cfa, the CFA is pushed first (DW_CFA_expression and
 * DW_CFA_val_expression). 0 and *out, or -1. */
static int eval_expr(struct reader *r, const struct unwind_regs *regs,
		     uintptr_t at, int push_cfa, uint64_t cfa, uint64_t *out)
{
	uint64_t st[UNWIND_MAX_EXPR_STACK];
	struct cursor c = { at, at + 10 };
	uintptr_t start;
	uint64_t len;
	int sp = 0;

#define NEED(k)                   \
	do {                      \
		if (sp < (k))     \
			return -1; \
	} while (0)
#define PUSH(v)                                    \
	do {                                       \
		uint64_t pushed_ = (v);            \
		if (sp == UNWIND_MAX_EXPR_STACK)   \
			return -1;                  \
		st[sp] = pushed_;                  \
		sp++;                              \
	} while (0)

	len = get_uleb(r, &c);
	if (r->failed || len > UNWIND_MAX_PROGRAM_BYTES)
		return -1;
	start = c.pos;
	c.end = start + len;
	if (push_cfa)
		PUSH(cfa);
	for (int n = 0; c.pos < c.end; n++) {
		uint8_t op;
		uint64_t a, b;
		int64_t s;

		if (n == UNWIND_MAX_EXPR_OPS)
			return -1;
		op = get_u8(r, &c);
		if (r->failed)
			return -1;
		if (op >= OP_LIT0 && op <= OP_LIT31) {
			PUSH((uint64_t)(op - OP_LIT0));
			continue;
		}
		if ((op >= OP_BREG0 && op <= OP_BREG31) || op == OP_BREGX) {
			uint64_t reg = op == OP_BREGX ? get_uleb(r, &c)
						      : (uint64_t)(op - OP_BREG0);
			s = get_sleb(r, &c);
			if (r->failed || reg >= ARCH_DWARF_REGS ||
			    !(regs->known & REG_BIT(reg)))
				return -1;
			PUSH(regs->reg[reg] + (uint64_t)s);
			continue;
		}
		if (op >= OP_CONST1U && op <= OP_CONST8S) {
			/* const1u, const1s, ... const8s: the size doubles
			 * every two, the odd ones signed. */
			unsigned size = 1u << ((op - OP_CONST1U) / 2);
			a = get_bytes(r, &c, size);
			if (((op - OP_CONST1U) & 1) && size < 8 &&
			    (a >> (8 * size - 1)))
				a |= ~(uint64_t)0 << (8 * size);
			PUSH(a);
			continue;
		}
		switch (op) {
		case OP_ADDR:
			PUSH(get_bytes(r, &c, 8));
			break;
		case OP_CONSTU:
			PUSH(get_uleb(r, &c));
			break;
		case OP_CONSTS:
			PUSH((uint64_t)get_sleb(r, &c));
			break;
		case OP_DEREF:
			NEED(1);
			if (read_word(r->m, (uintptr_t)st[sp - 1], &st[sp - 1]))
				return -1;
			break;
		case OP_DEREF_SIZE: {
			uint8_t size = get_u8(r, &c);
			uint8_t bytes[8];
			NEED(1);
			if (r->failed || size == 0 || size > 8 ||
			    r->m->read(r->m->ctx, (uintptr_t)st[sp - 1], bytes,
				       size) != 0)
				return -1;
			a = 0;
			for (unsigned i = 0; i < size; i++)
				a |= (uint64_t)bytes[i] << (8 * i);
			st[sp - 1] = a;
			break;
		}
		case OP_DUP:
			NEED(1);
			PUSH(st[sp - 1]);
			break;
		case OP_DROP:
			NEED(1);
			sp--;
			break;
		case OP_OVER:
			NEED(2);
			PUSH(st[sp - 2]);
			break;
		case OP_PICK: {
			uint8_t i = get_u8(r, &c);
			NEED(i + 1);
			PUSH(st[sp - 1 - i]);
			break;
		}
		case OP_SWAP:
			NEED(2);
			a = st[sp - 1];
			st[sp - 1] = st[sp - 2];
			st[sp - 2] = a;
			break;
		case OP_ROT:
			NEED(3);
			a = st[sp - 1];
			st[sp - 1] = st[sp - 2];
			st[sp - 2] = st[sp - 3];
			st[sp - 3] = a;
			break;
		case OP_ABS:
			NEED(1);
			if ((int64_t)st[sp - 1] < 0)
				st[sp - 1] = -st[sp - 1];
			break;
		case OP_NEG:
			NEED(1);
			st[sp - 1] = -st[sp - 1];
			break;
		case OP_NOT:
			NEED(1);
			st[sp - 1] = ~st[sp - 1];
			break;
		case OP_PLUS_UCONST:
			NEED(1);
			st[sp - 1] += get_uleb(r, &c);
			break;
		case OP_AND:
		case OP_MINUS:
		case OP_MUL:
		case OP_OR:
		case OP_PLUS:
		case OP_SHL:
		case OP_SHR:
		case OP_SHRA:
		case OP_XOR:
		case OP_EQ:
		case OP_GE:
		case OP_GT:
		case OP_LE:
		case OP_LT:
		case OP_NE:
			NEED(2);
			b = st[--sp];
			a = st[sp - 1];
			switch (op) {
			case OP_AND: a &= b; break;
			case OP_MINUS: a -= b; break;
			case OP_MUL: a *= b; break;
			case OP_OR: a |= b; break;
			case OP_PLUS: a += b; break;
			case OP_SHL: a = b < 64 ? a << b : 0; break;
			case OP_SHR: a = b < 64 ? a >> b : 0; break;
			case OP_SHRA:
				a = (uint64_t)((int64_t)a >> (b < 64 ? b : 63));
				break;
			case OP_XOR: a ^= b; break;
			/* Comparisons are signed (DWARF 4, 2.5.1.4). */
			case OP_EQ: a = a == b; break;
			case OP_GE: a = (int64_t)a >= (int64_t)b; break;
			case OP_GT: a = (int64_t)a > (int64_t)b; break;
			case OP_LE: a = (int64_t)a <= (int64_t)b; break;
			case OP_LT: a = (int64_t)a < (int64_t)b; break;
			default: a = a != b; break;
			}
			st[sp - 1] = a;
			break;
		case OP_SKIP:
		case OP_BRA: {
			int16_t d = (int16_t)get_bytes(r, &c, 2);
			int take = 1;
			if (r->failed)
				return -1;
			if (op == OP_BRA) {
				NEED(1);
				take = st[--sp] != 0;
			}
			if (take) {
				uintptr_t to = c.pos + (uintptr_t)(intptr_t)d;
				if (to < start || to > c.end)
					return -1;
				c.pos = to;
			}
			break;
		}
		case OP_NOP:
			break;
		default:
			return -1;
		}
		if (r->failed)
			return -1;
	}
#undef NEED
#undef PUSH
	if (sp == 0)
		return -1;
	*out = st[sp - 1];
	return 0;
}

/* ---- Steps ------------------------------------------------------------ */

static void regs_copy(struct unwind_regs *dst, const struct unwind_regs *src)
{
	for (int i = 0; i < ARCH_DWARF_REGS; i++)
		dst->reg[i] = src->reg[i];
	dst->known = src->known;
}

/* The caller's registers from the row at the frame's pc: 1, 0 when its
 * return address is undefined (the outermost frame), -1. */
static int apply_row(struct reader *r, const struct fde *f,
		     const struct row *row, struct unwind_regs *regs,
		     uint64_t *cfa_out)
{
	struct unwind_regs next;
	uint64_t cfa;

	if (row->cfa_kind == CFA_REG_OFFSET) {
		if (!(regs->known & REG_BIT(row->cfa_reg)))
			return -1;
		cfa = regs->reg[row->cfa_reg] + (uint64_t)(int64_t)row->cfa_val;
	} else if (row->cfa_kind == CFA_EXPR) {
		if (eval_expr(r, regs, f->cie_addr + (uint32_t)row->cfa_val, 0,
			      0, &cfa))
			return -1;
	} else {
		return -1;
	}
	if (row->rule[f->cie.ra] == RULE_UNDEF)
		return 0;

	next.known = 0;
	for (int i = 0; i < ARCH_DWARF_REGS; i++) {
		uint64_t v = 0;
		int32_t val = row->val[i];
		switch (row->rule[i]) {
		case RULE_SAME:
			v = regs->reg[i];
			next.known |= regs->known & REG_BIT(i);
			break;
		case RULE_UNDEF:
			break;
		case RULE_OFFSET:
			if (read_word(r->m, cfa + (uint64_t)(int64_t)val, &v))
				return -1;
			next.known |= REG_BIT(i);
			break;
		case RULE_VAL_OFFSET:
			v = cfa + (uint64_t)(int64_t)val;
			next.known |= REG_BIT(i);
			break;
		case RULE_REG:
			v = regs->reg[val];
			next.known |= (regs->known >> val & 1u) << i;
			break;
		case RULE_EXPR:
		case RULE_VAL_EXPR:
			if (eval_expr(r, regs, f->cie_addr + (uint32_t)val, 1,
				      cfa, &v))
				return -1;
			if (row->rule[i] == RULE_EXPR && read_word(r->m, v, &v))
				return -1;
			next.known |= REG_BIT(i);
			break;
		}
		next.reg[i] = v;
	}
	/* The caller's stack pointer is the CFA unless a rule says. */
	if (row->rule[ARCH_DWARF_SP] == RULE_SAME) {
		next.reg[ARCH_DWARF_SP] = cfa;
		next.known |= REG_BIT(ARCH_DWARF_SP);
	}
	if (!(next.known & REG_BIT(f->cie.ra)))
		return -1;
	next.reg[ARCH_DWARF_RA] = next.reg[f->cie.ra];
	next.known |= REG_BIT(ARCH_DWARF_RA);
	regs_copy(regs, &next);
	*cfa_out = cfa;
	return 1;
}

/* A frame without CFI: the frame-pointer chain (libunwind's fallback).
 * The other registers are lost, as libunwind marks them. */
static int fp_step(const struct unwind_memory *m, struct unwind_regs *regs,
		   uint64_t *cfa_out)
{
	uint64_t fp = regs->reg[ARCH_DWARF_FP], ra, saved_fp;

	uint64_t sp = regs->reg[ARCH_DWARF_SP];
	if (!(regs->known & REG_BIT(ARCH_DWARF_FP)) || fp == 0)
		return 0;
	/* libunwind's guess that rbp is no frame pointer (x86_64/Gstep.c):
	 * below the stack pointer, or too far above it; and a chain it
	 * cannot read. Each ends the walk there, as an end, not an error
	 * (strace prints the frames so far and nothing more): glibc's
	 * clone3, whose syscall is after its cfi_endproc, is such a frame
	 * in every thread's creator. */
	if ((regs->known & REG_BIT(ARCH_DWARF_SP)) &&
	    (fp < sp || fp - sp > ARCH_FP_MAX_FRAME))
		return 0;
	if (read_word(m, fp + ARCH_FP_RA_OFFSET, &ra) ||
	    read_word(m, fp + ARCH_FP_SAVED_FP_OFFSET, &saved_fp))
		return 0;
	for (int i = 0; i < ARCH_DWARF_REGS; i++)
		regs->reg[i] = 0;
	regs->reg[ARCH_DWARF_FP] = saved_fp;
	regs->reg[ARCH_DWARF_SP] = fp + ARCH_FP_CFA_OFFSET;
	regs->reg[ARCH_DWARF_RA] = ra;
	regs->known = REG_BIT(ARCH_DWARF_FP) | REG_BIT(ARCH_DWARF_SP) |
		      REG_BIT(ARCH_DWARF_RA);
	*cfa_out = fp + ARCH_FP_CFA_OFFSET;
	return 1;
}

/* The row at pc of the FDE found: the CIE's initial instructions, then
 * the FDE's. */
static int frame_row(struct reader *r, const struct fde *f, uintptr_t pc,
		     struct row *row)
{
	struct row initial;
	struct cfa_run run = { r, f, 0, pc, f->pc_begin };

	row_init(&initial);
	if (run_program(&run, f->cie.insns, f->cie.insns_end, &initial))
		return -1;
	row_copy(row, &initial);
	run.initial = &initial;
	run.loc = f->pc_begin;
	return run_program(&run, f->insns, f->insns_end, row);
}

int unwind_step(struct unwind_regs *regs, const struct unwind_memory *m,
		int *signal_above, uint64_t *cfa)
{
	struct reader r;
	struct fde f;
	struct row row;
	uintptr_t pc = regs->reg[ARCH_DWARF_RA];
	/* A return address is after the call: the call's own row is at the
	 * byte before it (the call may be a function's last instruction). An
	 * interrupted pc is where the frame was. */
	uintptr_t at = *signal_above ? pc : pc - 1;
	int found, stepped;

	reader_init(&r, m);
	found = find_fde(&r, at, &f);
	if (found < 0)
		return -1;
	if (found == 0) {
		*signal_above = 0;
		return fp_step(m, regs, cfa);
	}
	if (frame_row(&r, &f, at, &row))
		return -1;
	stepped = apply_row(&r, &f, &row, regs, cfa);
	if (stepped > 0)
		*signal_above = f.cie.signal;
	return stepped;
}

int unwind_stack(const struct unwind_regs *start, const struct unwind_memory *m,
		 uintptr_t *pcs, int max, int *ended_in_error)
{
	struct unwind_regs regs;
	int n = 0, error = 0, signal_above = 1;
	uint64_t last_cfa;

	if (max >= 1) {
		regs_copy(&regs, start);
		regs.known |= REG_BIT(ARCH_DWARF_RA);
		last_cfa = regs.reg[ARCH_DWARF_SP];
		pcs[n++] = regs.reg[ARCH_DWARF_RA];
		while (n < max) {
			uint64_t pc = regs.reg[ARCH_DWARF_RA], cfa = 0;
			int stepped = unwind_step(&regs, m, &signal_above, &cfa);
			if (stepped <= 0) {
				error = stepped < 0;
				break;
			}
			if (regs.reg[ARCH_DWARF_RA] == 0)
				break;
			/* A step that went nowhere would repeat forever
			 * (libunwind's -UNW_EBADFRAME). */
			if (regs.reg[ARCH_DWARF_RA] == pc && cfa == last_cfa) {
				error = 1;
				break;
			}
			last_cfa = cfa;
			pcs[n++] = regs.reg[ARCH_DWARF_RA];
		}
	}
	if (ended_in_error)
		*ended_in_error = error;
	return n;
}
