#include "systrap/arch/fast_stack.h"

/* Zero in every new thread's TLS: a thread made with CLONE_VM starts with
 * no alternate stack (the kernel clears it), a fork child's copy is right
 * as it is. */
__thread struct arch_fast_stack systrap_fast_stack
	__attribute__((tls_model("initial-exec"), visibility("hidden")));
