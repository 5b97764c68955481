/* The benchmark's preload: libsystrap with one handler that does nothing,
 * so a measured call costs the mechanism alone (trap or jump, dispatch,
 * the call). It promises general registers only (systrap.h); built with
 * -DNO_PROMISE it does not, and the fast path saves the vector state
 * around it (noop_xsave_preload.so). */
#include "systrap/systrap.h"

static void noop(struct systrap_call *call, void *arg)
{
	(void)call;
	(void)arg;
}

__attribute__((constructor)) static void noop_init(void)
{
#ifdef NO_PROMISE
	static const struct systrap_handler h = {noop, 0, 0, 0};
#else
	static const struct systrap_handler h = {
		noop, 0, 0, SYSTRAP_HANDLER_GENERAL_REGS_ONLY};
#endif
	systrap_register(&h);
	systrap_init(0);
}
