/* The injector: the launcher-side half of "exhaustive from the first
 * instruction" (issue 11). A launcher starts a program stopped before its
 * first instruction (inject_spawn_stopped), maps a self-contained ELF image
 * into it (inject_load_image), runs the image's entry on the stopped thread
 * (inject_run_entry), restores the program's registers and detaches
 * (inject_detach): the program then runs with no ptrace at all, its
 * identity (/proc/self/exe, argv, auxv) untouched, since the kernel itself
 * exec'd it. The image's side of the contract is systrap/image/image_abi.h.
 *
 * Runs in the launcher (libc allowed). The tracer is the thread that called
 * inject_spawn_stopped (ptrace's rule): every later call on that target
 * must come from the same thread. Every function returns 0 or -errno
 * and, on failure, leaves a one-line human message in err->msg (no
 * newline) for the caller to print. */
#ifndef SYSTRAP_INJECT_INJECT_H
#define SYSTRAP_INJECT_INJECT_H

#include <limits.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct inject_error {
	char msg[256];
};

struct inject_stage;

/* A tracee the injector drives: a thread in a ptrace-stop. */
struct inject_target {
	pid_t pid;
	/* A genuine syscall instruction in the tracee (its vDSO), found on
	 * the first remote syscall; 0 until then. */
	uint64_t syscall_insn;
	/* The thread's pc and sp where it stopped (at an exec stop: the
	 * first instruction, and argc, argv..., envp..., auxv). */
	uint64_t initial_pc, initial_sp;
	/* At an exec stop: the program's code is not the launcher's kind
	 * (a 32-bit program), so no code of ours may run there (the boot). */
	int foreign_code;
	/* Asynchronous signals (bit sig-1) that arrived while injecting:
	 * held back, and sent again just before the detach. */
	uint64_t deferred_signals;
	/* Set when the tracee is gone (exited, killed, or killed by us). */
	int gone;
	/* A thread stopped inside a syscall (attached while it waited):
	 * its syscall instruction, where its restart resumes; else 0. */
	uint64_t restart_pc;
	/* inject_spawn_stopped: the program's SIGTRAP was blocked by the
	 * mask it inherits, and was unblocked for the exec's stop: the
	 * caller blocks it again (inject_sigtrap) before it runs. */
	int sigtrap_was_blocked;
	/* At an exec stop: when the execve began (CLOCK_REALTIME, ns; 0 when
	 * not known: inject_spawn_stopped's child says it) and when its stop
	 * came, for a tool that times the call (strace -T). */
	int64_t exec_begin_ns, exec_stop_ns;
	/* inject_wait_exec: stopped at the exec event itself, where the
	 * kernel has yet to write execve's 0 into rax (the exec's syscall
	 * exit is still to come). The boot runs from here; a remote syscall
	 * first goes on to that exit (inject_leave_exec_event); any resume
	 * clears it. */
	int at_exec_event;
	/* Writes the loader keeps for the boot instead of making them
	 * (stage.h): set only while a boot's load is laid out. */
	struct inject_stage *stage;
	/* inject_attach_all: the signal of the group stop (job control:
	 * SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) the thread was in when it was
	 * attached, else 0. Detached, it stays so stopped. */
	int stop_sig;
	/* At an exec stop: the vector registers are the initial ones the
	 * exec gave (inject_spawn_end, inject_wait_exec). */
	int initial_vectors;
	/* Set by the loader when the image it runs puts them back so itself
	 * (image_abi.h, SYSTRAP_IMAGE_RESET_VECTORS): inject_run_code then
	 * neither reads nor writes them (a kernel-allocated copy of the
	 * XSAVE area each way, ~20 us at a stop the program waits in). */
	int image_resets_vectors;
	/* inject_spawn_*'s own child at its exec stop: in the launcher's
	 * user, mount and pid namespaces (neither the fork nor an exec
	 * changes them, and the child's set-up must not), so a check of them
	 * needs no readlink of its /proc/PID/ns links. */
	int spawned;
	/* INJECT_GO_ON: the image went on to the program by itself and
	 * the thread was detached before it ran (inject_detach: nothing
	 * left to do). */
	int detached;
};

/* Runs in the child before its exec (fds, cwd, rlimits, the signal mask
 * the program is to have...). The child shares the caller's memory while
 * the caller waits (spawn.c: clone(CLONE_VM | CLONE_VFORK)): it may change
 * the process's own attributes only, never the caller's memory, with
 * async-signal-safe calls, on a stack of 32 KiB with no guard page (a
 * PATH_MAX buffer or two). Returns 0, or -errno to abort the start
 * (reported as a set-up failure). */
typedef int (*inject_child_setup)(void *arg);

/* fn(arg) in a new child process made with clone(CLONE_VM | CLONE_VFORK):
 * it shares our memory and runs on a stack in our frame while we wait,
 * until it execs or exits, so fn keeps the rule above for set-ups. It has
 * our signal mask, as a forked child has; ours is left as it is, so that a
 * signal that kills (a terminal's ^C) still ends us in the wait. Returns
 * the child's pid, or -1 with errno. Both launchers' children (spawn.c's,
 * systrap-trace's preloaded PROG): a fork copied our page tables for a
 * child that only execs, and each page we wrote after took a
 * copy-on-write fault. */
pid_t inject_vfork_call(int (*fn)(void *arg), void *arg);

/* Starts file (searched in the launcher's PATH when it has no '/') with
 * argv and envp, stopped at its first instruction after execve completed:
 * the child calls PTRACE_TRACEME and execve, so the stop is the exec's
 * SIGTRAP with the registers final (rax 0), whatever the program's kind
 * (dynamic, static, static-pie). execve's own failure (ENOENT, EACCES,
 * ENOEXEC...) comes back as its -errno through a close-on-exec pipe, and
 * the child is reaped: no zombie, no stray stopped process. The tracee is
 * set PTRACE_O_EXITKILL, so a launcher dying mid-injection kills it rather
 * than leaving a half-injected program running. Fills *t. */
int inject_spawn_stopped(const char *file, char *const argv[],
			 char *const envp[], inject_child_setup setup,
			 void *setup_arg, struct inject_target *t,
			 struct inject_error *err);
/* inject_spawn_stopped in two halves, so that what the caller still has
 * to prepare (the image opened, the trace's ring made) is done while the
 * child finishes its exec instead of before: _begin starts the child and
 * returns once the exec has made the child's new memory; the child stops
 * at the exec's end; _end waits for that
 * stop and fills *t as inject_spawn_stopped does (or says why the exec
 * failed). A caller that gives up between them calls _abandon, which
 * kills and reaps the child: it never runs a line of the program. */
struct inject_spawn {
	pid_t pid;     /* 0: none */
	int report_fd; /* the child's reports, -1: none */
	char path[PATH_MAX];
};
int inject_spawn_begin(const char *file, char *const argv[],
		       char *const envp[], inject_child_setup setup,
		       void *setup_arg, struct inject_spawn *s,
		       struct inject_error *err);
int inject_spawn_end(struct inject_spawn *s, struct inject_target *t,
		     struct inject_error *err);
void inject_spawn_abandon(struct inject_spawn *s);
/* Where that child's execve is made: the address after its syscall
 * instruction, the same in the launcher and in its forked child (what
 * strace -i shows on the program's execve line: its own child's site). */
uint64_t inject_spawn_exec_site(void);

/* Reads or writes n bytes of the tracee's memory at addr: process_vm_readv
 * or process_vm_writev, else /proc/PID/mem (which also writes pages that
 * are not writable). All or nothing: 0, or -errno. */
int inject_read_memory(struct inject_target *t, uint64_t addr, void *buf,
		       size_t n, struct inject_error *err);
int inject_write_memory(struct inject_target *t, uint64_t addr,
			const void *buf, size_t n, struct inject_error *err);
/* Writes several runs (n of them) through one open of /proc/PID/mem,
 * whatever their pages' permissions (code among them): where a run of
 * code is written with them, one open instead of a refused
 * process_vm_writev and an open for it alone. Else, each as
 * inject_write_memory. 0, or -errno. */
struct inject_write_run {
	uint64_t addr;
	const void *buf;
	size_t n;
};
int inject_write_runs(struct inject_target *t,
		      const struct inject_write_run *runs, size_t n,
		      struct inject_error *err);

/* Finds a genuine syscall instruction in the tracee's vDSO (located with
 * AT_SYSINFO_EHDR from /proc/PID/auxv) by decoding each function of its
 * .dynsym from the symbol's start, so the bytes are known to be an
 * instruction and not the middle of one; nothing of the program's code is
 * touched. No vDSO is an error, said so. Sets t->syscall_insn. */
int inject_find_syscall(struct inject_target *t, struct inject_error *err);
/* Decodes the launcher's own vDSO, byte for byte the one every process on
 * this kernel gets, so that inject_find_syscall finds its instruction
 * without decoding (it still compares the bytes). inject_spawn_stopped
 * calls it while the child execs: a fresh launcher's first decode (0.5-2
 * ms, most of it Capstone's tables faulted in) overlaps the exec. */
void inject_prime_vdso(void);

/* Runs syscall nr with args in the stopped tracee and puts the kernel's
 * result (a value or -errno) in *result: the registers are saved, pc set
 * to the vDSO's syscall instruction and the thread single-stepped over it,
 * then every register is restored. Returns -errno only when the call could
 * not be run (the tracee died, ptrace failed). */
int inject_remote_syscall(struct inject_target *t, long nr,
			  const long args[6], long *result,
			  struct inject_error *err);
/* The same, run to the call's entry and exit stops (PTRACE_SYSCALL)
 * instead of single-stepped: no SIGTRAP is forced on the tracee. */
int inject_remote_syscall_untrapped(struct inject_target *t, long nr,
				    const long args[6], long *result,
				    struct inject_error *err);

/* The program's SIGTRAP as its exec left it. Injecting forces SIGTRAPs on
 * it (each single step, the image's final int3), and the kernel resets a
 * forced signal that is blocked or ignored to its default action,
 * unblocked: the launcher reads the state at the first stop, the image
 * puts it back before its tools start (SYSTRAP_PROGRAM_SIGTRAP), and
 * inject_sigtrap_restore puts it back for real after the entry where the
 * image did not take SIGTRAP over. */
struct inject_sigtrap {
	int blocked, ignored;
	/* Every signal the exec left ignored (SigIgn, bit sig - 1): the
	 * image's start-up then knows every action without reading them
	 * (each other one is SIG_DFL after an execve). */
	unsigned long long ignored_all;
	int known; /* ignored_all was read */
};
/* From /proc/PID/status (the thread's mask: PID is a thread of its own
 * at an exec). 0 or -errno. */
int inject_sigtrap_read(pid_t pid, struct inject_sigtrap *s);
/* The same from that file's text, already read. */
void inject_sigtrap_parse(const char *status, struct inject_sigtrap *s);
/* "SYSTRAP_PROGRAM_SIGTRAP=blocked,ignored" (either or both) into buf,
 * or 0 when neither; with ",ign=HEX" (ignored_all) when known. */
const char *inject_sigtrap_setting(const struct inject_sigtrap *s, char *buf,
				   size_t size);
/* After the image's entry, before the detach: blocked (PTRACE_SETSIGMASK)
 * and ignored (a remote rt_sigaction run without a trap) again, unless a
 * handler is now installed (the image owns SIGTRAP: its view holds the
 * state). 0 or -errno with err set. */
int inject_sigtrap_restore(struct inject_target *t,
			   const struct inject_sigtrap *s,
			   struct inject_error *err);

/* Where an image was mapped. */
struct inject_loaded {
	uint64_t bias;        /* added to the image's link-time addresses */
	uint64_t start, end;  /* the image's own span, page-aligned */
	uint64_t entry;       /* run-time address of e_entry */
	uint64_t params;      /* the parameter block (after end) */
	uint64_t params_map_size; /* its page-rounded mapping */
	int mapped_from_file;  /* the read-only segments map the file */
	int block_freed;       /* the image unmaps the block itself */
	/* INJECT_RUN_ENTRY: the entry ran already, in the load's own stop,
	 * and result is its result (else the caller runs it). */
	int ran;
	long result;
	/* INJECT_SESSION_BASE: the image is at the session's base; with
	 * INJECT_SHARED_DATA too, its writable segments map the session's
	 * relocated copy (a memfd) rather than pages written in. */
	int at_session_base;
	int data_shared;
};

/* Maps the ELF image (elf[0..size): ELF64, this architecture, ET_DYN, no
 * PT_INTERP, no PT_TLS, no DT_NEEDED) into the tracee: one remote mmap
 * reserves the span plus the parameter block, the segments are built and
 * relocated here (RELATIVE, and 64/GLOB_DAT/JUMP_SLOT to symbols the image
 * defines; anything else is refused, naming it), written in while the
 * mapping is writable, the parameter block (struct systrap_image_params,
 * then settings, each "NAME=value", NULL-ended array) after them, and each
 * segment mprotect'ed to its p_flags (PT_GNU_RELRO read-only). */
int inject_load_image(struct inject_target *t, const void *elf, size_t size,
		      const char *const settings[], struct inject_loaded *out,
		      struct inject_error *err);

/* The image as a file, for inject_load_image_from: its bytes (the
 * launcher's view of it) and, so that its read-only segments can be mapped
 * in the tracee from the file instead of copied (no private pages, no
 * write: the page cache shares them among every traced process, as
 * ld.so shares a library's), the absolute path the tracee opens and what
 * that file must be there (its device, inode, size and mtime, as the
 * launcher's fstat saw them). path NULL: always copied. */
struct inject_image_source {
	const void *elf;
	size_t size;
	const char *path;
	uint64_t dev, ino, size_on_disk;
	int64_t mtime_sec, mtime_nsec;
};

/* Reads what src must match from the open file fd (and keeps path, which
 * must stay valid): 0 or -errno. */
int inject_image_source_init(struct inject_image_source *src,
			     const void *elf, size_t size, const char *path,
			     int fd);

/* Whether the caller reads the parameter block after the entry ran (an
 * attach reads thread_entry): without it an image that can
 * (SYSTRAP_IMAGE_FREES_ITS_OWN) unmaps the block itself. */
#define INJECT_KEEP_BLOCK 0x1u
/* Run the image's entry in the same stop as the load where the load stub
 * runs (it goes on to the entry when every call of the load succeeded and
 * the image file was the one expected): one ptrace stop fewer a start.
 * out->ran says whether it did, out->result is then the entry's result. */
#define INJECT_RUN_ENTRY 0x2u
/* Load a source with a path at one base for the whole launcher session
 * (chosen once, where the kernel places the launcher's own mappings:
 * random per session with ASLR), relocated for it once: the reserving
 * mmap asks for that address (MAP_FIXED_NOREPLACE) and, where the process
 * has something there, takes the kernel's choice and relocates for it as
 * without the flag. */
#define INJECT_SESSION_BASE 0x4u
/* With INJECT_SESSION_BASE, and where the tracee can open our descriptors
 * through /proc/OURPID/fd/N (the caller knows: same user, namespaces):
 * the writable segments relocated once for the session base are kept in
 * a memfd ("systrap-image-data") that each process at that base maps
 * private, instead of each getting its relocated pages written in: the
 * pages stay the page cache's, shared, until the process writes one. */
#define INJECT_SHARED_DATA 0x8u
/* With INJECT_RUN_ENTRY, at a stop before the program's first
 * instruction (an exec's: t->initial_pc is it) and for a source with a
 * path: the reservation is made by the boot (boot.h) written over that
 * first instruction, which goes on to the load stub, so that the
 * reservation costs no stop of its own (nor, at an exec event, the
 * exec's syscall-exit stop). Where the boot cannot run (its mmap refused:
 * the address taken, no write+execute mapping allowed) nothing of it is
 * left and the load is made as without the flag. */
#define INJECT_BOOT 0x10u
/* With INJECT_BOOT, for an image that can (image_abi.h,
 * SYSTRAP_IMAGE_GOES_ON) and a thread at an exec stop that can tell us
 * how it went (the caller knows: same user and pid namespace as ours,
 * SIGTRAP neither blocked nor ignored, no seccomp filter that might
 * refuse its kill): no stop at the end. The launcher detaches before the
 * boot's run, and the image's entry loads the program's registers and
 * jumps to it, after a signal (INJECT_GO_ON_OK_SIGNAL) that the caller
 * waits for instead of a stop; where the run fails (INJECT_GO_ON_FAIL_
 * SIGNAL) the thread is taken back (PTRACE_SEIZE) and the load goes on
 * as without the flag. t->detached then says the program already runs:
 * inject_detach has nothing left to do. The two signals are blocked in
 * the caller from the first such run on (a launcher gives the programs
 * it starts their own mask). */
#define INJECT_GO_ON 0x20u
/* For tests: with INJECT_GO_ON, the code tells us nothing by signal (as
 * where a policy refuses its kill): the launcher learns how it went from
 * the process itself, at each 50 ms step of its wait. */
#define INJECT_GO_ON_QUIET 0x40u
#define INJECT_GO_ON_OK_SIGNAL 40   /* real-time: queued, one per start */
#define INJECT_GO_ON_FAIL_SIGNAL 41

/* inject_load_image, with the image's read-only segments (its headers,
 * code and constant data) mapped from src->path in the tracee where it
 * can: a remote openat of the path (written into the fresh mapping), the
 * descriptor checked to be the same file as src's (by the load stub's
 * fstat of it, or through /proc/PID/fd/N where no stub runs: a process in
 * another mount namespace, or a file replaced since, gets a copy
 * instead), one remote mmap over the span, and the descriptor closed by
 * the stub (or by the image at its entry, or here). Where
 * any step fails the segments are copied, as inject_load_image does.
 * out->mapped_from_file says which. */
int inject_load_image_from(struct inject_target *t,
			   const struct inject_image_source *src,
			   const char *const settings[], unsigned flags,
			   struct inject_loaded *out, struct inject_error *err);

/* inject_image with inject_load_image_from; flags: INJECT_SESSION_BASE,
 * INJECT_SHARED_DATA. */
int inject_image_from(struct inject_target *t,
		      const struct inject_image_source *src,
		      const char *const settings[], unsigned flags,
		      long *result, struct inject_error *err);

/* Calls the code at pc with arg on the stopped thread (image_abi.h's entry
 * ABI: rsp below the red zone, aligned as after a call) and lets it run
 * until its final int3; *result is its rax. Every register, extended state
 * included, is then restored exactly. If the code dies of a signal
 * instead, the message names the signal and the faulting address, the
 * tracee is killed and reaped, and -EFAULT is returned. */
int inject_run_entry(struct inject_target *t, uint64_t pc, uint64_t arg,
		     long *result, struct inject_error *err);

/* inject_load_image, then inject_run_entry of its entry with the parameter
 * block, then the block unmapped (the image copied what it needed).
 * *result is the image's result (0 or -errno by the ABI; the caller
 * judges it). */
int inject_image(struct inject_target *t, const void *elf, size_t size,
		 const char *const settings[], long *result,
		 struct inject_error *err);

/* Lets the program go: PTRACE_O_EXITKILL cleared, held-back signals sent
 * again, PTRACE_DETACH with signal 0 (which also drops the exec's
 * SIGTRAP). The program then runs untraced. */
int inject_detach(struct inject_target *t, struct inject_error *err);
/* Sends the signals held back (t->deferred_signals) to t and forgets
 * them: inject_detach's, and a start's that went on by itself. */
void inject_send_deferred(struct inject_target *t);

/* How many ptrace stops the injector has resumed a tracee to and waited
 * for in this process so far (each a stop and a wake of the tracee: the
 * cost of a start under load is mostly these). A debug counter, for tests
 * and benches: the difference across a call is what that call cost. */
unsigned long inject_stops_waited(void);

/* How many times the injector has relocated an image (made its load
 * template) in this process so far: once per image file a launcher
 * loads (a source with a path), whatever the number of processes it
 * loads it into; every load of a source without one. A debug counter,
 * for tests and benches. */
unsigned long inject_relocations_made(void);

/* How many times the injector has rebased a kept relocation (the
 * template's words written again for another base) in this process so
 * far: once per load at a base other than the last one's; a session at
 * one base pays it once. A debug counter, for tests and benches. */
unsigned long inject_rebases_made(void);

/* Gives up on the tracee: SIGKILL and reap it. */
void inject_kill(struct inject_target *t);

/* Gives the stopped tracee copies of up to INJECT_MAX_FDS of our
 * descriptors (close-on-exec there) and puts their numbers in the tracee
 * into remote_fds: through a socketpair the tracee makes, one end of which
 * we take with pidfd_getfd, so the tracee needs no access to us (it may
 * have dropped its privileges or be in another user namespace). */
#define INJECT_MAX_FDS 4
int inject_give_fds(struct inject_target *t, const int *fds, int n,
		    int *remote_fds, struct inject_error *err);

/* ---- attaching to a running process ---- */

/* Stops every thread of process pid: PTRACE_SEIZE and PTRACE_INTERRUPT
 * each, over /proc/PID/task again until a pass finds no new one (a running
 * thread may make another). Fills threads[] (pc, sp, restart_pc of each)
 * and returns their count, or -errno with err naming the reason: no such
 * process (-ESRCH), not permitted or already traced (-EPERM, with a hint),
 * more than max threads. Nothing stays attached on failure. */
int inject_attach_all(pid_t pid, struct inject_target *threads, int max,
		      struct inject_error *err);

/* Lets every thread go (PTRACE_DETACH with 0: a thread stopped in a
 * syscall restarts it). */
void inject_detach_all(struct inject_target *threads, int n);

/* The injector waits for its tracees, which are often the caller's own
 * children: whenever one of its waits takes a process's end (an exit, a
 * death by a signal: a program that exits right after a failed execve, one
 * killed while its image was given), fn(pid, status, arg) gets it, since
 * the caller's own waitpid will never see that status again. One function
 * for the process (the launcher is single-threaded); NULL: none. */
void inject_on_child_ended(void (*fn)(pid_t pid, int status, void *arg),
			   void *arg);

/* ---- following an execve of a running process ----
 *
 * A traced process about to execve asks its launcher to catch it
 * (systrap/image/launch_channel.h). The launcher attaches to the thread
 * without stopping it, the process execs, and the exec stops in
 * PTRACE_EVENT_EXEC, where the new program gets its image as at a start;
 * if the execve fails, the launcher lets the thread go. No ptrace is left
 * between execs. */

/* PTRACE_SEIZE of thread tid, with PTRACE_O_TRACEEXEC (and EXITKILL
 * while it lasts). The thread keeps running. */
int inject_seize_for_exec(pid_t tid, struct inject_error *err);

/* Waits for the seized thread tid of process tgid to execve. Signals the
 * process gets meanwhile are passed on; a group stop is kept (the exec
 * waits for SIGCONT, as it would natively). The launcher's other children
 * that end meanwhile go to inject_on_child_ended's function, since this
 * waits for any child. exec_failed(arg) is asked while waiting: once it
 * says the execve returned, the thread is let go (1 is returned). Returns
 * 0 with *t filled and the new program stopped at its exec event, its
 * registers final but rax (t->at_exec_event: the kernel writes execve's 0
 * there when it resumes, so rax reads 0 here already), ready for
 * inject_image (a remote syscall goes on to the exec's syscall-exit stop
 * first, inject_leave_exec_event); 1 when the exec failed and the thread was
 * let go; or -errno when the process died or ptrace failed. */
int inject_wait_exec(pid_t tid, pid_t tgid, int (*exec_failed)(void *arg),
		     void *arg, struct inject_target *t,
		     struct inject_error *err);

/* From an exec event stop (t->at_exec_event) to the exec's syscall-exit
 * stop, where a remote syscall's registers are not overwritten; from
 * there on only what the injector asks for stops the thread. 0 (also
 * when t was not at an exec event), or -errno. */
int inject_leave_exec_event(struct inject_target *t, struct inject_error *err);

/* Lets a seized thread that is running go (PTRACE_INTERRUPT, its stop,
 * PTRACE_DETACH): after an execve that failed, or a request withdrawn. */
int inject_release(pid_t tid, struct inject_error *err);

#ifdef __cplusplus
}
#endif

#endif
