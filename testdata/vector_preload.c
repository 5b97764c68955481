/* A preload object for tests: a handler that makes no promise about vector
 * registers and breaks that promise on purpose, zeroing every xmm/ymm
 * register (vzeroall, or pxor without AVX) on every call. The traced
 * program must not notice: the fast path saves the vector state around
 * such handlers (xsave), the signal path has the kernel's signal frame. */
#include "systrap/systrap.h"

static int have_avx;

static void clobber(struct systrap_call *call, void *arg)
{
	(void)call;
	(void)arg;
	if (have_avx)
		__asm__ volatile("vzeroall" ::: "xmm0", "xmm1", "xmm2", "xmm3",
				 "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",
				 "xmm10", "xmm11", "xmm12", "xmm13", "xmm14",
				 "xmm15");
	else
		__asm__ volatile("pxor %%xmm0, %%xmm0\n\tpxor %%xmm7, %%xmm7\n\t"
				 "pxor %%xmm15, %%xmm15" ::: "xmm0", "xmm7",
				 "xmm15");
}

__attribute__((constructor)) static void vector_init(void)
{
	__builtin_cpu_init();
	have_avx = __builtin_cpu_supports("avx");
	static const struct systrap_handler h = {clobber, clobber, 0, 0};
	systrap_register(&h);
	systrap_init(0);
}
