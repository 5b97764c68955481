/* A bare helper thread for start-up work. It shares everything with its
 * creator (memory, files, signal actions, thread group), runs fn(arg) on
 * the stack that ends at stack_top with every signal blocked (a signal for
 * the process goes to another thread), and exits. It has no TLS of its
 * own: fn must not use any (the creator's is visible, read-only use of its
 * stack canary is fine). */
#ifndef SYSTRAP_ARCH_THREAD_H
#define SYSTRAP_ARCH_THREAD_H

/* Starts the thread. *tid_word holds its tid until it exits, then 0.
 * Returns 0 or -errno (no thread: the caller does the work itself). */
int arch_run_thread(void *stack_top, void (*fn)(void *), void *arg,
		    int *tid_word);

/* Waits until the thread started with tid_word has exited. */
void arch_join_thread(int *tid_word);

#endif
