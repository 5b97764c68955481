/* arch_prctl, an x86-64 call of its own: its codes (the kernel's
 * <asm/prctl.h>, which only x86 has), what each does with its address
 * argument, and the XSAVE feature names its XCOMP codes print (strace 6.1's
 * x86_xfeatures). The formatter and the footprint rules read these by name;
 * a port to an architecture without arch_prctl gives its own arch folder an
 * arch_prctl.h with ARCH_HAS_ARCH_PRCTL 0, and their arch_prctl code
 * (guarded by it) compiles to nothing. */
#ifndef SYSTRAP_ARCH_ARCH_PRCTL_H
#define SYSTRAP_ARCH_ARCH_PRCTL_H

#include <asm/prctl.h>

#define ARCH_HAS_ARCH_PRCTL 1

/* The shadow-stack codes (Linux 6.6) are newer than Debian 12's
 * <asm/prctl.h>: the kernel's values, where no installed header has them. */
#ifndef ARCH_SHSTK_ENABLE
#define ARCH_SHSTK_ENABLE 0x5001
#define ARCH_SHSTK_DISABLE 0x5002
#define ARCH_SHSTK_LOCK 0x5003
#define ARCH_SHSTK_UNLOCK 0x5004
#define ARCH_SHSTK_STATUS 0x5005
#endif

/* What a code does with arch_prctl's second argument. */
enum arch_prctl_kind {
	ARCH_PRCTL_VALUE,      /* a value passed in (SET_FS, SET_CPUID...) */
	ARCH_PRCTL_NO_ARG,     /* none printed (GET_CPUID returns its answer) */
	ARCH_PRCTL_GET_BASE,   /* a u64 written there: a base address */
	ARCH_PRCTL_GET_XMASK,  /* a u64 written there: XSAVE feature masks */
	ARCH_PRCTL_REQ_XFEATURE, /* an XSAVE feature number passed in */
};

static inline enum arch_prctl_kind arch_prctl_kind(int code)
{
	switch (code) {
	case ARCH_GET_CPUID:
		return ARCH_PRCTL_NO_ARG;
	case ARCH_GET_FS: case ARCH_GET_GS:
		return ARCH_PRCTL_GET_BASE;
	case ARCH_GET_XCOMP_SUPP: case ARCH_GET_XCOMP_PERM:
	case ARCH_GET_XCOMP_GUEST_PERM:
		return ARCH_PRCTL_GET_XMASK;
	case ARCH_REQ_XCOMP_PERM: case ARCH_REQ_XCOMP_GUEST_PERM:
		return ARCH_PRCTL_REQ_XFEATURE;
	default:
		return ARCH_PRCTL_VALUE;
	}
}

/* The codes by name, in strace 6.1's order: X(NAME) for each. */
#define ARCH_PRCTL_CODES(X)                                               \
	X(ARCH_SET_GS), X(ARCH_SET_FS), X(ARCH_GET_FS), X(ARCH_GET_GS),   \
	X(ARCH_GET_CPUID), X(ARCH_SET_CPUID), X(ARCH_GET_XCOMP_SUPP),     \
	X(ARCH_GET_XCOMP_PERM), X(ARCH_REQ_XCOMP_PERM),                   \
	X(ARCH_GET_XCOMP_GUEST_PERM), X(ARCH_REQ_XCOMP_GUEST_PERM),       \
	X(ARCH_MAP_VDSO_X32), X(ARCH_MAP_VDSO_32), X(ARCH_MAP_VDSO_64)

/* The XSAVE features (the kernel's fpu/types.h, which userspace has not):
 * N(NAME, VALUE) for each mask, the composite masks first, then each bit's
 * number. */
#define ARCH_XFEATURE_MASKS(N)                                            \
	N("XFEATURE_MASK_FPSSE", 0x3), N("XFEATURE_MASK_FP", 0x1),        \
	N("XFEATURE_MASK_SSE", 0x2), N("XFEATURE_MASK_YMM", 0x4),         \
	N("XFEATURE_MASK_BNDREGS", 0x8), N("XFEATURE_MASK_BNDCSR", 0x10), \
	N("XFEATURE_MASK_AVX512", 0xe0), N("XFEATURE_MASK_OPMASK", 0x20), \
	N("XFEATURE_MASK_ZMM_Hi256", 0x40),                               \
	N("XFEATURE_MASK_Hi16_ZMM", 0x80), N("XFEATURE_MASK_PT", 0x100),  \
	N("XFEATURE_MASK_PKRU", 0x200), N("XFEATURE_MASK_PASID", 0x400),  \
	N("XFEATURE_MASK_LBR", 0x8000), N("XFEATURE_MASK_XTILE", 0x60000), \
	N("XFEATURE_MASK_XTILE_CFG", 0x20000),                            \
	N("XFEATURE_MASK_XTILE_DATA", 0x40000)

#define ARCH_XFEATURE_BITS(N)                                             \
	N("XFEATURE_FP", 0), N("XFEATURE_SSE", 1), N("XFEATURE_YMM", 2),  \
	N("XFEATURE_BNDREGS", 3), N("XFEATURE_BNDCSR", 4),                \
	N("XFEATURE_OPMASK", 5), N("XFEATURE_ZMM_Hi256", 6),              \
	N("XFEATURE_Hi16_ZMM", 7),                                        \
	N("XFEATURE_PT_UNIMPLEMENTED_SO_FAR", 8), N("XFEATURE_PKRU", 9),  \
	N("XFEATURE_PASID", 10), N("XFEATURE_LBR", 15),                   \
	N("XFEATURE_XTILE_CFG", 17), N("XFEATURE_XTILE_DATA", 18)

#endif
