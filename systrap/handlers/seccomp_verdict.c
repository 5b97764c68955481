#include "systrap/handlers/seccomp_verdict.h"

#include <linux/seccomp.h>

_Static_assert(sizeof(struct seccomp_call_data) == 64, "struct seccomp_data");

/* A 32-bit word of data at byte offset k: the kernel takes only aligned
 * words inside the struct (seccomp_check_filter). */
static int load_word(const struct seccomp_call_data *data, uint32_t k,
		     uint32_t *out)
{
	if (k >= sizeof *data || (k & 3))
		return 0;
	const unsigned char *b = (const unsigned char *)data + k;
	*out = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
	return 1;
}

static int alu(uint16_t op, uint32_t *a, uint32_t v)
{
	switch (op) {
	case BPF_ADD: *a += v; return 1;
	case BPF_SUB: *a -= v; return 1;
	case BPF_MUL: *a *= v; return 1;
	case BPF_DIV: if (!v) return 0; *a /= v; return 1;
	case BPF_MOD: if (!v) return 0; *a %= v; return 1;
	case BPF_OR:  *a |= v; return 1;
	case BPF_AND: *a &= v; return 1;
	case BPF_XOR: *a ^= v; return 1;
	case BPF_LSH: *a = v >= 32 ? 0 : *a << v; return 1;
	case BPF_RSH: *a = v >= 32 ? 0 : *a >> v; return 1;
	case BPF_NEG: *a = -*a; return 1;
	default: return 0;
	}
}

int64_t seccomp_filter_run(const struct sock_filter *insns, unsigned len,
			   const struct seccomp_call_data *data)
{
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = {0};
	if (!len || len > BPF_MAXINSNS)
		return -1;
	/* Jumps only go forward, so at most len steps. */
	for (unsigned pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &insns[pc];
		uint16_t code = f->code;
		uint32_t k = f->k;
		switch (BPF_CLASS(code)) {
		case BPF_LD:
		case BPF_LDX: {
			uint32_t v;
			if (code == (BPF_LD | BPF_W | BPF_ABS)) {
				if (!load_word(data, k, &v))
					return -1;
			} else if (BPF_MODE(code) == BPF_IMM) {
				v = k;
			} else if (BPF_MODE(code) == BPF_MEM) {
				if (k >= BPF_MEMWORDS)
					return -1;
				v = mem[k];
			} else if (BPF_MODE(code) == BPF_LEN) {
				v = sizeof *data;
			} else {
				return -1;
			}
			if (BPF_CLASS(code) == BPF_LD)
				a = v;
			else
				x = v;
			break;
		}
		case BPF_ST:
		case BPF_STX:
			if (k >= BPF_MEMWORDS)
				return -1;
			mem[k] = BPF_CLASS(code) == BPF_ST ? a : x;
			break;
		case BPF_ALU:
			if (!alu(BPF_OP(code), &a,
				 BPF_SRC(code) == BPF_X ? x : k))
				return -1;
			break;
		case BPF_JMP: {
			uint32_t v = BPF_SRC(code) == BPF_X ? x : k;
			unsigned to;
			int taken;
			switch (BPF_OP(code)) {
			case BPF_JA:
				to = pc + 1 + k;
				if (to >= len || to <= pc)
					return -1;
				pc = to - 1;
				continue;
			case BPF_JEQ: taken = a == v; break;
			case BPF_JGT: taken = a > v; break;
			case BPF_JGE: taken = a >= v; break;
			case BPF_JSET: taken = (a & v) != 0; break;
			default: return -1;
			}
			to = pc + 1 + (taken ? f->jt : f->jf);
			if (to >= len)
				return -1;
			pc = to - 1;
			break;
		}
		case BPF_RET:
			if (BPF_RVAL(code) == BPF_K)
				return k;
			if (BPF_RVAL(code) == BPF_A)
				return a;
			return -1;
		case BPF_MISC:
			if (BPF_MISCOP(code) == BPF_TAX)
				x = a;
			else if (BPF_MISCOP(code) == BPF_TXA)
				a = x;
			else
				return -1;
			break;
		default:
			return -1;
		}
	}
	return -1; /* fell off the end: the kernel refuses such a program */
}

uint32_t seccomp_verdict_combine(uint32_t so_far, uint32_t older)
{
	/* Signed: SECCOMP_RET_KILL_PROCESS (0x80000000) is the least. */
	int32_t action_so_far = (int32_t)(so_far & SECCOMP_RET_ACTION_FULL);
	int32_t action_older = (int32_t)(older & SECCOMP_RET_ACTION_FULL);
	return action_older < action_so_far ? older : so_far;
}

int seccomp_verdict_kills(uint32_t ret)
{
	uint32_t action = ret & SECCOMP_RET_ACTION_FULL;
	return action == SECCOMP_RET_KILL_PROCESS ||
	       action == SECCOMP_RET_KILL_THREAD;
}
