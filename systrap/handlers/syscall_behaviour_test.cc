// The per-syscall tables checked against the kernel's list of calls and
// against each other:
//  - every row of the signature table (systrap/handlers/syscall_table.c)
//    has the number the kernel's header gives its name (__NR_<name>), and
//    every call the kernel's header numbers below the table's end has a row;
//    every row's name ends within its field (SYSCALL_NAME_MAX);
//  - every call the kernel numbers fits the behaviour table
//    (systrap/core/syscall_behaviour.c), and every behaviour row is a call
//    the signature table knows;
//  - each behaviour column is marked on the calls the kernel's names say it
//    must be (every fork or clone is fork-like, every exec is an exec, every
//    call that waits by its name is marked as waiting...), with a reason
//    for each exception, and nowhere else;
//  - the columns agree with each other and with the signature table's (the
//    calls that end are the ones that never return, a signal sender's
//    signal is where the tracer reads it, the fds a call releases are fd
//    arguments, the protection the slow exit
//    reads is the PROT_* argument, a call that needs the program's stack
//    takes the slow exit, a mask the intercepts filter is a sigset
//    argument).
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <string.h>

#include <map>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "systrap/core/syscall_behaviour.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/value_tables.h"

namespace {

// The kernel's own numbering (linux-libc-dev), as <sys/syscall.h> gets it.
const char *const kUnistdPaths[] = {
	"/usr/include/x86_64-linux-gnu/asm/unistd_64.h",
	"/usr/include/asm/unistd_64.h",
};

std::map<std::string, long> KernelCalls()
{
	std::map<std::string, long> calls;
	for (const char *path : kUnistdPaths) {
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		char line[256], name[128];
		long nr;
		while (fgets(line, sizeof line, f))
			if (sscanf(line, "#define __NR_%127s %ld", name, &nr) == 2)
				calls[name] = nr;
		fclose(f);
		break;
	}
	return calls;
}

class Tables : public ::testing::Test {
 protected:
	void SetUp() override
	{
		kernel_ = KernelCalls();
		ASSERT_GT(kernel_.size(), 300u)
			<< "the kernel's asm/unistd_64.h (linux-libc-dev) was not found or "
			   "holds no __NR_ lines";
	}

	static unsigned Bits(long nr) { return syscall_behaviour(nr); }

	// Every call of the kernel's whose name matches `pattern` has `bit`
	// (any of them, for a mask) unless it is in `exceptions`; every call
	// with `bit` matches the pattern. Names the exceptions and the
	// unmarked calls in the failure.
	void ColumnFollowsNames(unsigned bit, const char *column,
				const std::string &pattern,
				const std::map<std::string, std::string> &exceptions)
	{
		std::regex re(pattern);
		std::set<std::string> matched;
		for (const auto &[name, nr] : kernel_) {
			bool named = std::regex_search(name, re);
			bool except = exceptions.count(name) != 0;
			if (named)
				matched.insert(name);
			if (named && !except) {
				EXPECT_TRUE(Bits(nr) & bit)
					<< name << " (" << nr << ") is not marked " << column
					<< " in systrap/core/syscall_behaviour.c";
			}
			if (except) {
				EXPECT_FALSE(Bits(nr) & bit)
					<< name << " is an exception to " << column << " ("
					<< exceptions.at(name) << ") but is marked";
			}
			if (!named) {
				EXPECT_FALSE(Bits(nr) & bit)
					<< name << " (" << nr << ") is marked " << column
					<< " but its name does not say so: extend the rule";
			}
		}
		for (const auto &[name, why] : exceptions)
			EXPECT_TRUE(matched.count(name))
				<< "exception " << name << " to " << column
				<< " is not a call the rule names";
	}

	// The calls marked `bit`, each with its signature row (a marked call
	// the signature table lacks fails here).
	std::vector<std::pair<long, const struct syscall_signature *>>
	RowsWith(unsigned bit)
	{
		std::vector<std::pair<long, const struct syscall_signature *>> rows;
		for (long nr = 0; nr < SYSCALL_BEHAVIOUR_SIZE; nr++) {
			if (!(Bits(nr) & bit))
				continue;
			const struct syscall_signature *s = syscall_lookup(nr);
			EXPECT_NE(s, nullptr) << "row " << nr << " has no signature";
			if (s)
				rows.emplace_back(nr, s);
		}
		return rows;
	}

	std::map<std::string, long> kernel_;
};

TEST_F(Tables, SignatureRowsHaveTheKernelsNumbers)
{
	std::map<long, std::string> by_nr;
	for (const auto &[name, nr] : kernel_)
		by_nr[nr] = name;
	for (long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
		const struct syscall_signature *s = syscall_lookup(nr);
		if (!s) {
			EXPECT_FALSE(by_nr.count(nr))
				<< "the kernel numbers " << by_nr[nr] << " " << nr
				<< " but the signature table has no row for it";
			continue;
		}
		// A name of SYSCALL_NAME_MAX letters fills its field with no NUL
		// (C allows that initializer without a word), and would run into
		// the row's next field.
		ASSERT_NE(memchr(s->name, 0, sizeof s->name), nullptr)
			<< "row " << nr << " \"" << std::string(s->name, sizeof s->name)
			<< "\" fills its name field: raise SYSCALL_NAME_MAX";
		ASSERT_TRUE(kernel_.count(s->name))
			<< "row " << nr << " \"" << s->name
			<< "\" is not a call in the kernel's header";
		EXPECT_EQ(kernel_[s->name], nr)
			<< "row " << nr << " is named " << s->name << ", which is __NR_"
			<< s->name << " = " << kernel_[s->name];
		EXPECT_EQ(syscall_number_by_name(s->name), nr) << s->name;
	}
}

TEST_F(Tables, EveryKernelCallFitsTheBehaviourTable)
{
	for (const auto &[name, nr] : kernel_)
		EXPECT_LT(nr, SYSCALL_BEHAVIOUR_SIZE)
			<< name << " would never be intercepted nor marked: "
			   "SYSCALL_BEHAVIOUR_SIZE is too small";
	for (long nr = 0; nr < SYSCALL_BEHAVIOUR_SIZE; nr++)
		if (Bits(nr)) {
			EXPECT_NE(syscall_lookup(nr), nullptr)
				<< "behaviour row " << nr << " is no call the signature "
				   "table knows";
		}
	EXPECT_EQ(syscall_behaviour(-1), 0u);
	EXPECT_EQ(syscall_behaviour(SYSCALL_BEHAVIOUR_SIZE), 0u);
}

TEST_F(Tables, ForkLikeCallsAreEveryForkAndClone)
{
	ColumnFollowsNames(SB_FORK_LIKE, "SB_FORK_LIKE", "fork|clone", {});
}

TEST_F(Tables, ExecsAreEveryExec)
{
	ColumnFollowsNames(SB_EXEC, "SB_EXEC", "exec",
			   {{"kexec_load", "loads a kernel, the program goes on"},
			    {"kexec_file_load", "loads a kernel, the program goes on"}});
}

TEST_F(Tables, WaitingCallsAreEveryCallNamedForWaiting)
{
	ColumnFollowsNames(
		SB_WAITS, "SB_WAITS",
		"wait|sleep|poll|select|suspend|pause|getevents|timedreceive|"
		"rcv|msgsnd|accept|connect|sem(timed)?op|flock|uring_enter",
		{{"epoll_create", "makes an epoll set"},
		 {"epoll_create1", "makes an epoll set"},
		 {"epoll_ctl", "changes an epoll set"},
		 {"epoll_ctl_old", "not implemented on x86-64 (ENOSYS)"},
		 {"epoll_wait_old", "not implemented on x86-64 (ENOSYS)"}});
}

TEST_F(Tables, CallsThatWaitOnTheirFdAreTheReadsAndWrites)
{
	ColumnFollowsNames(SB_WAITS_ON_FD, "SB_WAITS_ON_FD",
			   "^(read|write|recv|send)(v|to|from|msg|mmsg)?$", {});
	for (const auto &[nr, s] : RowsWith(SB_WAITS_ON_FD)) {
		EXPECT_EQ(s->args[0].kind, ARG_FD)
			<< s->name << ": the fd it may wait on is argument 0";
	}
}

// The calls after which the tracer shows an ignored SIGPIPE: every call
// that writes into an fd, but those whose EPIPE never comes with SIGPIPE
// or whose written fd is not argument 0; where one takes MSG_* flags
// (MSG_NOSIGNAL), the signature table says which argument.
TEST_F(Tables, CallsThatRaiseSigpipeWriteIntoTheirFd)
{
	ColumnFollowsNames(
		SB_SIGPIPE, "SB_SIGPIPE", "write|send|splice|tee",
		{{"pwrite64", "an offset: pipes and sockets refuse it (ESPIPE)"},
		 {"pwritev", "an offset: pipes and sockets refuse it (ESPIPE)"},
		 {"process_vm_writev", "writes another process's memory"},
		 {"mq_timedsend", "a message queue, never EPIPE"},
		 {"pidfd_send_signal", "sends a signal"},
		 {"splice", "writes argument 2 (DESIGN.md, known limits)"},
		 {"tee", "writes argument 1 (DESIGN.md, known limits)"}});
	int with_flags = 0;
	for (const auto &[nr, s] : RowsWith(SB_SIGPIPE)) {
		EXPECT_EQ(s->args[0].kind, ARG_FD)
			<< s->name << ": the fd written is argument 0";
		bool send = std::string(s->name).rfind("send", 0) == 0 &&
			    std::string(s->name) != "sendfile";
		bool msg_flags = false;
		for (int i = 0; i < s->nargs; i++)
			msg_flags |= s->args[i].kind == ARG_FLAGS &&
				     s->args[i].type == VT_MSG_FLAGS;
		EXPECT_EQ(msg_flags, send)
			<< s->name << ": send, sendto, sendmsg and sendmmsg take "
			   "MSG_NOSIGNAL in a VT_MSG_FLAGS argument, nothing else does";
		with_flags += msg_flags;
	}
	EXPECT_EQ(with_flags, 3);
}

TEST_F(Tables, CallsThatWaitByCommandHaveACommandDecoder)
{
	for (const auto &[nr, s] : RowsWith(SB_WAITS_BY_COMMAND)) {
		EXPECT_TRUE(s->decoder == DECODE_FCNTL || s->decoder == DECODE_FUTEX)
			<< s->name << ": trace_syscalls.c's may_block reads the "
			   "command of fcntl and futex only";
	}
}

TEST_F(Tables, FdsReleasedAreFdArguments)
{
	ColumnFollowsNames(SB_FD_CLOSE, "SB_FD_CLOSE", "^close$", {});
	ColumnFollowsNames(SB_FD_CLOSE_RANGE, "SB_FD_CLOSE_RANGE", "^close_range$",
			   {});
	ColumnFollowsNames(SB_FD_REPLACE, "SB_FD_REPLACE", "^dup[0-9]", {});
	for (long nr = 0; nr < SYSCALL_BEHAVIOUR_SIZE; nr++) {
		const struct syscall_signature *s = syscall_lookup(nr);
		if (Bits(nr) & SB_FD_CLOSE) {
			EXPECT_EQ(s->args[0].kind, ARG_FD) << s->name;
		}
		if (Bits(nr) & SB_FD_REPLACE) {
			EXPECT_EQ(s->args[1].kind, ARG_FD) << s->name;
		}
		/* close_range's bounds are fds to this bit, but strace 6.1
		 * prints them as unsigned numbers (no -y path). */
		if (Bits(nr) & SB_FD_CLOSE_RANGE) {
			EXPECT_EQ(s->args[0].kind, ARG_UINT) << s->name;
			EXPECT_EQ(s->args[1].kind, ARG_UINT) << s->name;
		}
	}
}

TEST_F(Tables, SigreturnAndSigaltstackRunOnTheProgramsStack)
{
	ColumnFollowsNames(SB_PROGRAM_STACK, "SB_PROGRAM_STACK",
			   "sigreturn|sigaltstack|fork|clone",
			   {{"fork", "the child is a copy: it may return inside the "
				     "trap handler, on its own copy of its stack"}});
}

// The fast path keeps its stack off the program's alternate signal stack:
// whatever changes that stack must make it choose again.
TEST_F(Tables, SigaltstackMakesTheFastPathChooseItsStackAgain)
{
	ColumnFollowsNames(SB_SETS_SIGNAL_STACK, "SB_SETS_SIGNAL_STACK",
			   "sigaltstack", {});
}

// The slow exit reads argument 2 as a PROT_* word: it must be one, and
// every call that takes one may make code.
TEST_F(Tables, SlowExitOnProtExecReadsTheProtArgument)
{
	const std::map<std::string, std::string> never_exec = {
		{"remap_file_pages", "its prot must be 0: it never changes one"},
	};
	for (long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
		const struct syscall_signature *s = syscall_lookup(nr);
		if (!s)
			continue;
		int prot_arg = -1;
		for (int i = 0; i < s->nargs; i++)
			if ((s->args[i].kind == ARG_FLAGS ||
			     s->args[i].kind == ARG_FLAGS64) &&
			    s->args[i].type == VT_PROT)
				prot_arg = i;
		bool marked = Bits(nr) & SB_NEW_CODE_PROT_EXEC;
		if (marked) {
			EXPECT_EQ(prot_arg, 2) << s->name;
		} else if (prot_arg >= 0) {
			EXPECT_TRUE(never_exec.count(s->name))
				<< s->name << " takes a PROT_* argument but new code it "
				   "makes would not be instrumented";
		}
	}
}

// A call whose signal mask argument the intercepts filter (the trap signal
// never really blocked) is one whose row says it takes a mask.
TEST_F(Tables, MasksTheInterceptsFilterAreSigsetArguments)
{
	const std::map<std::string, std::string> not_masks = {
		{"rt_sigtimedwait", "the signals to take, not a mask"},
		{"signalfd", "the signals to read, not a mask"},
		{"signalfd4", "the signals to read, not a mask"},
	};
	for (long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
		const struct syscall_signature *s = syscall_lookup(nr);
		if (!s)
			continue;
		bool sigset = false;
		for (int i = 0; i < s->nargs; i++)
			/* ARG_SIGSET_OUT that the kernel reads (MEM_BUF_IN):
			 * epoll_pwait's, printed at the exit as strace does. */
			sigset |= s->args[i].kind == ARG_SIGSET_IN ||
				  (s->args[i].kind == ARG_SIGSET_OUT &&
				   s->args[i].mem == MEM_BUF_IN) ||
				  (s->args[i].kind == ARG_STRUCT_IN &&
				   s->args[i].type == STRUCT_SIGSET_ARGPACK);
		bool intercepted = Bits(nr) & SB_INTERCEPT;
		if (sigset && !not_masks.count(s->name)) {
			EXPECT_TRUE(intercepted)
				<< s->name << " takes a signal mask but is not intercepted: "
				   "the trap signal could be blocked through it";
		}
		// Calls that wait with a mask of their own: the mask is filtered.
		if (intercepted && (Bits(nr) & SB_WAITS)) {
			EXPECT_TRUE(sigset) << s->name;
		}
	}
}

// exit and exit_group: the tracer prints them "= ?" and "+++ exited with N
// +++", the thread's end or the process's; the signature table agrees
// that neither returns.
TEST_F(Tables, CallsThatEndAreExitAndExitGroup)
{
	ColumnFollowsNames(SB_ENDS_THREAD, "SB_ENDS_THREAD", "^exit$", {});
	ColumnFollowsNames(SB_ENDS_PROCESS, "SB_ENDS_PROCESS", "^exit_group$",
			   {});
	for (long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
		const struct syscall_signature *s = syscall_lookup(nr);
		if (!s)
			continue;
		bool ends = Bits(nr) & (SB_ENDS_THREAD | SB_ENDS_PROCESS);
		EXPECT_EQ(ends, s->ret_kind == RET_NONE)
			<< s->name << ": a call that never returns (RET_NONE) ends "
			   "its thread or process, and only those";
		if (ends) {
			EXPECT_TRUE(Bits(nr) & SB_INTERCEPT)
				<< s->name << ": the intercepts release its thread";
		}
	}
}

// The calls after which the tracer looks for a signal the caller sent
// itself: trace_syscalls.c reads the signal from argument 1 after one
// target (kill, tkill, rt_sigqueueinfo) or argument 2 after a thread group
// and a thread (tgkill, rt_tgsigqueueinfo).
TEST_F(Tables, SignalSendersAreTheKillsAndSigqueues)
{
	ColumnFollowsNames(
		SB_SENDS_SIGNAL, "SB_SENDS_SIGNAL", "kill|sigqueue|send_signal",
		{{"pidfd_send_signal",
		  "aimed through a pidfd, which the tracer does not resolve "
		  "to its caller"}});
	for (const auto &[nr, s] : RowsWith(SB_SENDS_SIGNAL)) {
		EXPECT_TRUE(s->classes & CLASS_SIGNAL) << s->name;
		bool tg = std::string(s->name).find("tg") != std::string::npos;
		int sig_arg = tg ? 2 : 1;
		EXPECT_EQ(s->args[sig_arg].kind, ARG_SIGNAL)
			<< s->name << ": the signal is argument " << sig_arg;
		for (int i = 0; i < sig_arg; i++)
			EXPECT_TRUE(s->args[i].kind == ARG_PID ||
				    s->args[i].kind == ARG_PID_TGID_PGID)
				<< s->name << ": argument " << i << " is a pid or tid";
	}
}

// The calls whose reaped child -f reports (trace_syscalls.c's
// report_reaped reads wait4's status or waitid's siginfo).
TEST_F(Tables, CallsThatReapAreTheWaits)
{
	ColumnFollowsNames(SB_REAPS, "SB_REAPS", "^wait", {});
	for (const auto &[nr, s] : RowsWith(SB_REAPS)) {
		EXPECT_TRUE(Bits(nr) & SB_WAITS) << s->name;
		EXPECT_TRUE(s->classes & CLASS_PROCESS) << s->name;
		bool status = s->args[1].kind == ARG_WAIT_STATUS;
		bool siginfo = s->args[2].kind == ARG_STRUCT_OUT &&
			       s->args[2].type == STRUCT_SIGINFO;
		EXPECT_TRUE(status || siginfo)
			<< s->name << ": report_reaped reads a status in argument 1 "
			   "or a siginfo in argument 2";
	}
}

// After these the tracer stops asking the kernel for anything the program
// did not ask (no memory reads through it, no fstat): seccomp always,
// prctl for its PR_SET_SECCOMP command.
TEST_F(Tables, CallsThatConfineAreSeccompAndPrctl)
{
	ColumnFollowsNames(SB_CONFINES, "SB_CONFINES", "seccomp", {});
	ColumnFollowsNames(SB_CONFINES_BY_COMMAND, "SB_CONFINES_BY_COMMAND",
			   "^prctl$", {});
	for (const auto &[nr, s] : RowsWith(SB_CONFINES_BY_COMMAND)) {
		EXPECT_EQ(s->decoder, DECODE_PRCTL)
			<< s->name << ": the command is prctl's option (argument 0)";
		EXPECT_FALSE(Bits(nr) & SB_CONFINES) << s->name;
	}
	// syscall_confines' numbers are the headers': seccomp's operations
	// that install (not its queries), prctl's PR_SET_SECCOMP; and
	// syscall_confines_strictly's, seccomp's strict mode only, whichever
	// call asks it (the tick counter faults then).
	struct {
		long nr, args[6];
		bool confines, strictly;
	} rows[] = {
		{ SYS_seccomp, { SECCOMP_SET_MODE_STRICT }, true, true },
		{ SYS_seccomp, { SECCOMP_SET_MODE_FILTER }, true, false },
		{ SYS_seccomp, { SECCOMP_GET_ACTION_AVAIL }, false, false },
		{ SYS_seccomp, { SECCOMP_GET_NOTIF_SIZES }, false, false },
		{ SYS_prctl, { PR_SET_SECCOMP, SECCOMP_MODE_STRICT }, true, true },
		{ SYS_prctl, { PR_SET_SECCOMP, SECCOMP_MODE_FILTER }, true, false },
		{ SYS_prctl, { PR_GET_SECCOMP }, false, false },
		{ SYS_getpid, { SECCOMP_SET_MODE_STRICT }, false, false },
	};
	for (const auto &r : rows) {
		EXPECT_EQ(syscall_confines(r.nr, r.args), r.confines)
			<< r.nr << " " << r.args[0] << " " << r.args[1];
		EXPECT_EQ(syscall_confines_strictly(r.nr, r.args), r.strictly)
			<< r.nr << " " << r.args[0] << " " << r.args[1];
	}
}

// The signature table's RET_READY column: the calls whose count strace
// follows with "(Timeout)" or the ready fds and the time left. The
// formatter reads which from the row: pollfds in argument 0, or three fd
// sets in arguments 1..3, and the time left from the timeout argument.
TEST_F(Tables, ReadyCountsArePollAndSelect)
{
	std::regex re("^p?poll$|^p?select6?$");
	for (const auto &[name, nr] : kernel_) {
		const struct syscall_signature *s = syscall_lookup(nr);
		if (!s)
			continue;
		bool named = std::regex_search(name, re);
		EXPECT_EQ(s->ret_kind == RET_READY, named)
			<< name << ": RET_READY is exactly poll, ppoll, select and "
			   "pselect6";
		if (!named)
			continue;
		bool poll = s->args[0].kind == ARG_POLLFDS;
		bool select = s->args[1].kind == ARG_FDSET_INOUT &&
			      s->args[2].kind == ARG_FDSET_INOUT &&
			      s->args[3].kind == ARG_FDSET_INOUT;
		EXPECT_NE(poll, select) << name;
		int timeouts = 0;
		for (int i = 0; i < s->nargs; i++) {
			if (s->args[i].mem != MEM_TIMEOUT_INOUT)
				continue;
			timeouts++;
			EXPECT_TRUE(s->args[i].type == STRUCT_TIMESPEC ||
				    s->args[i].type == STRUCT_TIMEVAL)
				<< name << ": the time left is a timespec or timeval";
		}
		EXPECT_EQ(timeouts, name == "poll" ? 0 : 1)
			<< name << ": poll's timeout is milliseconds (no time left "
			   "shown); the others have one struct timeout";
	}
}

// How the columns depend on each other: what the fast path cannot make
// must leave it before any hook runs, and only intercepted calls do.
TEST_F(Tables, ColumnsAgree)
{
	for (long nr = 0; nr < SYSCALL_BEHAVIOUR_SIZE; nr++) {
		unsigned b = Bits(nr);
		const struct syscall_signature *s = syscall_lookup(nr);
		std::string name = s ? s->name : std::to_string(nr);
		if (b & (SB_NEW_CODE | SB_NEW_CODE_PROT_EXEC | SB_FORK_LIKE |
			 SB_PROGRAM_STACK | SB_EXEC)) {
			EXPECT_TRUE(b & SB_INTERCEPT) << name;
		}
		// What needs the program's stack, or makes a child, is made on
		// the fast path (a program-call stub, or the dispatch itself),
		// never sent to the slow exit's trap (a stop under a debugger:
		// issue 16).
		if (b & (SB_PROGRAM_STACK | SB_FORK_LIKE)) {
			EXPECT_FALSE(b & (SB_NEW_CODE | SB_NEW_CODE_PROT_EXEC)) << name;
		}
		// exec stays on the fast path (a trap under a debugger stopped a
		// vfork child forever: issue 16).
		if (b & SB_EXEC) {
			EXPECT_FALSE(b & (SB_NEW_CODE | SB_NEW_CODE_PROT_EXEC)) << name;
		}
		EXPECT_FALSE((b & SB_NEW_CODE) && (b & SB_NEW_CODE_PROT_EXEC))
			<< name;
		int waits = !!(b & SB_WAITS) + !!(b & SB_WAITS_ON_FD) +
			    !!(b & SB_WAITS_BY_COMMAND);
		EXPECT_LE(waits, 1) << name;
		// A restart rule of its own only for a call that waits; the
		// argument's rules only where the argument is theirs.
		unsigned rule = (b & SB_RESTART_MASK) >> SB_RESTART_SHIFT;
		if (rule != RESTART_SYS) {
			EXPECT_TRUE(b & (SB_WAITS | SB_WAITS_BY_COMMAND)) << name;
		}
		EXPECT_LE(rule, (unsigned)RESTART_BY_FUTEX_TIMEOUT) << name;
		if (rule == RESTART_BY_ABSTIME) {
			EXPECT_EQ(nr, SYS_clock_nanosleep) << name;
		}
		if (rule == RESTART_BY_FUTEX_TIMEOUT) {
			EXPECT_EQ(nr, SYS_futex) << name;
		}
		int fds = !!(b & SB_FD_CLOSE) + !!(b & SB_FD_CLOSE_RANGE) +
			  !!(b & SB_FD_REPLACE);
		EXPECT_LE(fds, 1) << name;
		if (b & SB_FORK_LIKE) {
			EXPECT_TRUE(s->classes & CLASS_PROCESS) << name;
		}
	}
}

}  // namespace
