/* -k (--stack-traces): the program's stack after a call's line, as strace
 * prints it, walked from inside the traced process:
 *
 *  > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]
 *  > /tmp/prog(main+0x9) [0x1069]
 *
 * each frame's file as /proc/self/maps names it, its function symbol
 * (elf_symbols.h) and distance, and the file offset of its pc; "()" where
 * no symbol names it; a pc in no executable mapping ends the walk with
 * "unexpected_backtracing_error [0xPC]", and 256 frames with "too many
 * stack frames" (strace's limit). The walk reads .eh_frame
 * (stack_unwind.h) through the tracer's fault-safe reads. Runs on the trap
 * path: raw calls, pages of its own, and a lock held with the signals
 * that could re-enter it blocked. */
#ifndef TOOLS_TRACE_TRACE_STACK_H
#define TOOLS_TRACE_TRACE_STACK_H

#include <stddef.h>
#include <stdint.h>

/* Where the lines go: the tracer's emit, given them in one piece. */
typedef void (*trace_stack_emit_fn)(void *cookie, const char *text, size_t n);

struct systrap_call;

/* The stack of the program at call (in its pre or post hook), as strace
 * prints it after the call's line. entry_captured: strace's form for a
 * stack it captured at a call's entry (execve, exit, exit_group: the
 * signature table's CLASS_STACKTRACE_ON_ENTRY), which prints a frame
 * without a symbol as "(+0x0)". */
void trace_stack_of_call(const struct systrap_call *call, int entry_captured,
			 trace_stack_emit_fn emit, void *cookie);

/* The stack of the code a signal interrupted (its handler's ucontext), as
 * strace prints it after the signal's line: frames in the tracer's own
 * code (a call the signal came in) are left out, down to the program's. */
void trace_stack_of_signal(const void *context, trace_stack_emit_fn emit,
			   void *cookie);

/* The stack an rt_sigreturn call resumes (its frame at the program's
 * stack pointer), as strace walks it at the call's end: our own frames (a
 * call the signal came in) left out, as for a signal. */
void trace_stack_of_sigreturn(const struct systrap_call *call,
			      trace_stack_emit_fn emit, void *cookie);

/* A new program's first instruction (pc), as strace walks it at the end
 * of the execve that started it: that one frame. */
void trace_stack_of_start(uintptr_t pc, trace_stack_emit_fn emit,
			  void *cookie);

/* The new program's first instruction: the interpreter's entry point, or
 * the program's own where it has none (from /proc/self/auxv); 0 if not
 * known. */
uintptr_t trace_stack_first_pc(void);

/* A call that may have changed the process's mappings ended (the
 * signature table's CLASS_MEMORY_MAPPING_CHANGE): the next walk reads
 * /proc/self/maps again. */
void trace_stack_maps_changed(void);

/* A fork child: its parent's lock may have been held by another thread. */
void trace_stack_after_fork(void);

#endif
