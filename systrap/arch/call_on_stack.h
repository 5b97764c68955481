/* Running a function on another stack (x86-64), for code that may find
 * no room on the one it is on: a signal handler whose thread overflowed
 * its alternate stack (systrap/core/last_words.c). */
#ifndef SYSTRAP_ARCH_CALL_ON_STACK_H
#define SYSTRAP_ARCH_CALL_ON_STACK_H

/* Calls fn(arg) with the stack pointer at top (rounded down to the ABI's
 * alignment), and returns on the stack it was called on. The caller's
 * frame is found again through a callee-saved register, never through the
 * old stack's memory, so fn may run while nothing more fits there. */
__attribute__((visibility("hidden"))) void
arch_call_on_stack(void *top, void (*fn)(void *), void *arg);

#endif
