/* The trap signal (SIGILL for ud2, SIGTRAP for int3) belongs to systrap while
 * it traps, but the program must not notice: its own handler for that signal
 * is recorded and shown back (virtualised), invoked for genuine traps, and the
 * signal is never really blocked, because a blocked synchronous trap kills the
 * process. Whether the program *thinks* it is blocked is kept per thread. */
#ifndef SYSTRAP_CORE_TRAP_SIGNAL_H
#define SYSTRAP_CORE_TRAP_SIGNAL_H

#include <signal.h>
#include <stdint.h>

#include "systrap/arch/raw_syscalls.h"

/* Installs the trap handler for sig; records the program's current action. */
int trap_signal_install(int sig, void (*handler)(int, siginfo_t *, void *));
int trap_signal_number(void);
uint64_t trap_signal_bit(void);

/* The program's view of its action for the trap signal. */
void trap_signal_get_virtual(struct kernel_sigaction *out);
void trap_signal_set_virtual(const struct kernel_sigaction *act);

/* Puts systrap's handler back (after a failed execve that changed it). */
int trap_signal_reinstall(void);

/* Per thread: whether the program believes the trap signal is blocked.
 * Unblocking raises a trap signal that was sent while it was blocked. */
int trap_signal_virtually_blocked(void);
void trap_signal_set_virtually_blocked(int blocked);
/* Per thread: whether a sent trap signal waits for the program to unblock it
 * (what rt_sigpending shows). */
int trap_signal_virtually_pending(void);

/* A vfork-like child (CLONE_VM without CLONE_SIGHAND) shares our memory but
 * not our signal actions: whatever it does to the virtual state must not be
 * seen by the parent. The parent saves its view before such a call and puts
 * it back when it resumes. Per thread; the child runs on the parent's TLS. */
void trap_signal_save_before_child(void);
void trap_signal_restore_after_child(void);

/* Delivers a trap signal that is not systrap's to the program, as the kernel
 * would have: its handler, or the default action. */
void trap_signal_deliver_to_program(int sig, siginfo_t *info, void *context);

#endif
