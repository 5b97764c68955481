/* The injector's load stub: a few lines of machine code the launcher
 * copies into the stopped tracee (into the page it reserved before the
 * image) and runs once, so that the calls that map an image (openat of
 * the image file, its mmap, the mprotects) cost one ptrace stop in all
 * instead of one each (docs/DESIGN.md, "Start-up cost").
 *
 * The stub is called with the entry ABI of inject_run_entry (rdi = the
 * block below). It makes calls[0..count) in order, each syscall nr with
 * its six arguments, stores each result, and stops at the first that
 * fails (a result in [-4095, -1]); then it stores how many succeeded in
 * done and ends with a breakpoint (rax = done). A call may take one
 * argument from an earlier call's result (the descriptor openat gave, for
 * mmap): take_arg is that argument's index (or -1), take_from the call's.
 *
 * A call whose nr is REMOTE_STUB_COMPARE makes no system call: it compares
 * args[2] bytes at args[0] with those at args[1] and fails with
 * -REMOTE_STUB_DIFFERENT where they differ (the image file's identity,
 * fstat'ed by an earlier call, against what the launcher read: a wrong
 * file stops the stub before anything of it is mapped).
 *
 * When every call succeeded and then_pc is not 0, the stub does not stop:
 * it jumps to then_pc with then_arg as its first argument (the image's
 * entry and its parameter block), on the stack it was given, so that one
 * ptrace stop loads and starts the image; the stop is then that code's.
 * The launcher tells the two stops apart by where they are (the stub's
 * breakpoint is in the stub's page). It passes notify_pid on to that code
 * as its second argument.
 *
 * Where notify_pid is not 0 the launcher is not there to see a stop: it
 * detached before the run, and the code goes on to the program when all
 * goes well (systrap/image/image_abi.h, SYSTRAP_IMAGE_GO_ON). The stub
 * (and the boot, below) then does not end with a breakpoint where a call
 * failed: it parks instead, its result in a register the launcher reads
 * back (remote_regs_park_result), after a kill(notify_pid, notify_sig)
 * that tells the launcher to take the thread back (PTRACE_SEIZE and
 * PTRACE_INTERRUPT): it waits in pause() until then, in its own code, so
 * the launcher tells the stop as it tells a breakpoint's, by its pc.
 *
 * The code (remote_stub.S) is in the launcher's read-only data, never run
 * there; the injector asks for its bytes here. Nothing x86-specific of it
 * leaves systrap/arch: the layout is plain integers. */
#ifndef SYSTRAP_ARCH_REMOTE_STUB_H
#define SYSTRAP_ARCH_REMOTE_STUB_H

/* Offsets, shared with the assembly. */
#define REMOTE_STUB_CALL_SIZE 72
#define REMOTE_STUB_CALL_NR 0
#define REMOTE_STUB_CALL_ARGS 8
#define REMOTE_STUB_CALL_RESULT 56
#define REMOTE_STUB_CALL_TAKE_ARG 64
#define REMOTE_STUB_CALL_TAKE_FROM 68
#define REMOTE_STUB_BLOCK_COUNT 0
#define REMOTE_STUB_BLOCK_DONE 8
#define REMOTE_STUB_BLOCK_THEN_PC 16
#define REMOTE_STUB_BLOCK_THEN_ARG 24
#define REMOTE_STUB_BLOCK_NOTIFY_PID 32
#define REMOTE_STUB_BLOCK_NOTIFY_SIG 40
#define REMOTE_STUB_BLOCK_CALLS 48
/* Calls one block holds (a run longer than that is run in several). */
#define REMOTE_STUB_MAX_CALLS 40
/* The compare pseudo-call, and its failure (ESTALE's number on Linux). */
#define REMOTE_STUB_COMPARE (-1)
#define REMOTE_STUB_DIFFERENT 116
/* Bytes of the block the launcher may use for the calls' buffers. */
#define REMOTE_STUB_SCRATCH 512

/* The boot: how the stub gets into a process stopped at its first
 * instruction without a ptrace stop of its own. The launcher writes the
 * boot's code over the program's first instructions (the bytes are put
 * back by the stub's last calls, through /proc/self/mem, before the
 * image runs: the launcher saves them) and, below the stack pointer, a
 * struct remote_boot_block followed by what it staged for the
 * reservation (the stub's code, its block, the image's parameter block).
 * The boot (rdi = the block) makes the mmap map_args says; only when it
 * returns map_args[0] (MAP_FIXED_NOREPLACE at the session's base: the
 * address every staged byte was laid out for) does it copy each staged
 * run to its place, clear [clear_start, clear_start + clear_len) (the
 * block and the staged bytes: nothing of ours is left on the program's
 * stack) and jump to then_pc with then_arg (the stub and its block);
 * else it ends with `int3`, rax = mmap's result, and nothing was copied
 * (or, with notify_pid, parks as the stub does, above). The launcher
 * tells that stop by its pc (the boot's bytes). */
#define REMOTE_BOOT_MAP_ARGS 0
#define REMOTE_BOOT_THEN_PC 48
#define REMOTE_BOOT_THEN_ARG 56
#define REMOTE_BOOT_CLEAR_START 64
#define REMOTE_BOOT_CLEAR_LEN 72
#define REMOTE_BOOT_COUNT 80
#define REMOTE_BOOT_NOTIFY_PID 88
#define REMOTE_BOOT_NOTIFY_SIG 96
#define REMOTE_BOOT_COPIES 104
#define REMOTE_BOOT_COPY_SIZE 24
#define REMOTE_BOOT_COPY_FROM 0
#define REMOTE_BOOT_COPY_TO 8
#define REMOTE_BOOT_COPY_LEN 16
#define REMOTE_BOOT_MAX_COPIES 32

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct remote_boot_copy {
	uint64_t from, to, len;
};

struct remote_boot_block {
	int64_t map_args[6];
	uint64_t then_pc, then_arg;
	uint64_t clear_start, clear_len;
	uint64_t count;
	int64_t notify_pid, notify_sig; /* 0: a breakpoint where it fails */
	struct remote_boot_copy copies[REMOTE_BOOT_MAX_COPIES];
};

_Static_assert(offsetof(struct remote_boot_block, then_pc) ==
			       REMOTE_BOOT_THEN_PC &&
		       offsetof(struct remote_boot_block, clear_start) ==
			       REMOTE_BOOT_CLEAR_START &&
		       offsetof(struct remote_boot_block, count) ==
			       REMOTE_BOOT_COUNT &&
		       offsetof(struct remote_boot_block, notify_pid) ==
			       REMOTE_BOOT_NOTIFY_PID &&
		       offsetof(struct remote_boot_block, notify_sig) ==
			       REMOTE_BOOT_NOTIFY_SIG &&
		       offsetof(struct remote_boot_block, copies) ==
			       REMOTE_BOOT_COPIES &&
		       sizeof(struct remote_boot_copy) == REMOTE_BOOT_COPY_SIZE,
	       "boot block layout");

/* The boot's machine code: *size bytes, position-independent. */
const unsigned char *remote_boot_code(size_t *size);

struct remote_stub_call {
	int64_t nr;
	int64_t args[6];
	int64_t result;    /* written by the stub (when it got this far) */
	int32_t take_arg;  /* -1, or the argument replaced by ... */
	int32_t take_from; /* ... the result of this earlier call */
};

struct remote_stub_block {
	uint64_t count;
	uint64_t done; /* written by the stub: calls that succeeded */
	uint64_t then_pc;  /* 0, or where to go once every call succeeded */
	uint64_t then_arg; /* its first argument */
	/* 0, or whom to tell where a call failed, and with which signal
	 * (above): passed on to then_pc as its second argument. */
	int64_t notify_pid, notify_sig;
	struct remote_stub_call calls[REMOTE_STUB_MAX_CALLS];
	/* Buffers the calls point into (an fstat's result, what to compare
	 * it with): the launcher's to lay out. */
	uint8_t scratch[REMOTE_STUB_SCRATCH];
};

_Static_assert(sizeof(struct remote_stub_call) == REMOTE_STUB_CALL_SIZE,
	       "stub call layout");
_Static_assert(offsetof(struct remote_stub_call, result) ==
		       REMOTE_STUB_CALL_RESULT,
	       "stub call layout");
_Static_assert(offsetof(struct remote_stub_call, take_arg) ==
		       REMOTE_STUB_CALL_TAKE_ARG,
	       "stub call layout");
_Static_assert(offsetof(struct remote_stub_call, take_from) ==
		       REMOTE_STUB_CALL_TAKE_FROM,
	       "stub call layout");
_Static_assert(offsetof(struct remote_stub_block, calls) ==
		       REMOTE_STUB_BLOCK_CALLS,
	       "stub block layout");
_Static_assert(offsetof(struct remote_stub_block, then_pc) ==
			       REMOTE_STUB_BLOCK_THEN_PC &&
		       offsetof(struct remote_stub_block, then_arg) ==
			       REMOTE_STUB_BLOCK_THEN_ARG &&
		       offsetof(struct remote_stub_block, notify_pid) ==
			       REMOTE_STUB_BLOCK_NOTIFY_PID &&
		       offsetof(struct remote_stub_block, notify_sig) ==
			       REMOTE_STUB_BLOCK_NOTIFY_SIG,
	       "stub block layout");

/* The stub's machine code: *size bytes, position-independent, entered at
 * its first byte. */
const unsigned char *remote_stub_code(size_t *size);
#endif

#endif
