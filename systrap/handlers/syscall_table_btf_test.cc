// The signature table checked against the running kernel's own description
// of itself: its BTF (/sys/kernel/btf/vmlinux), read with libbpf.
//  - Where BTF has a syscall's typed prototype (__do_sys_NAME; the
//    __se_sys_/__x64_sys_ wrappers take longs or pt_regs), the argument
//    count matches, and an argument the kernel declares as a pointer is
//    one whose memory our row describes (or it is on a short list of
//    pointers the kernel only stores), and the reverse.
//  - Every struct size the table uses equals BTF's layout of that struct.
// Skips, saying why, where the kernel was built without BTF
// (CONFIG_DEBUG_INFO_BTF unset); fails where it was built with it but
// /sys/kernel/btf/vmlinux cannot be read (.ci/run lists skipped tests).
#include <bpf/btf.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <map>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "systrap/handlers/syscall_table.h"

namespace {

constexpr const char kVmlinux[] = "/sys/kernel/btf/vmlinux";

// The running kernel's CONFIG_DEBUG_INFO_BTF from /proc/config.gz or
// /boot/config-RELEASE: "y", "n" (not set), or "" (no config to read).
std::string KernelBtfConfig()
{
	struct utsname u;
	uname(&u);
	std::string boot = std::string("/boot/config-") + u.release;
	const std::string cmds[] = {
		"zcat /proc/config.gz 2>/dev/null",
		"cat '" + boot + "' 2>/dev/null",
	};
	for (const std::string &cmd : cmds) {
		FILE *f = popen(cmd.c_str(), "r");
		if (!f)
			continue;
		char line[512];
		bool any = false;
		std::string value = "n";
		while (fgets(line, sizeof line, f)) {
			any = true;
			if (!strncmp(line, "CONFIG_DEBUG_INFO_BTF=y", 23))
				value = "y";
		}
		pclose(f);
		if (any)
			return value;
	}
	return "";
}

class Btf : public ::testing::Test {
 protected:
	void SetUp() override
	{
		if (access(kVmlinux, R_OK) != 0) {
			std::string config = KernelBtfConfig();
			ASSERT_NE(config, "y")
				<< "this kernel was built with CONFIG_DEBUG_INFO_BTF=y but "
				<< kVmlinux << " cannot be read";
			GTEST_SKIP() << kVmlinux << " is absent: this kernel has no BTF ("
				     << (config.empty() ? "no kernel config to read"
						        : "CONFIG_DEBUG_INFO_BTF is not set")
				     << "); nothing to check against";
		}
		btf_ = btf__parse(kVmlinux, nullptr);
		ASSERT_NE(btf_, nullptr) << "libbpf could not parse " << kVmlinux;
	}
	void TearDown() override { btf__free(btf_); }

	// Strips typedefs and const/volatile/restrict/type tags.
	const btf_type *Resolve(__u32 id, __u32 *out_id = nullptr) const
	{
		const btf_type *t = btf__type_by_id(btf_, id);
		while (t && (btf_is_typedef(t) || btf_is_mod(t) || btf_is_type_tag(t))) {
			id = t->type;
			t = btf__type_by_id(btf_, id);
		}
		if (out_id)
			*out_id = id;
		return t;
	}

	long long SizeOf(const char *name, int kind) const
	{
		int id = btf__find_by_name_kind(btf_, name, kind);
		return id > 0 ? btf__resolve_size(btf_, id) : -1;
	}

	struct btf *btf_ = nullptr;
};

// Pointers the kernel takes but does not dereference during the call:
// it remembers them for later (thread exit, robust futexes) or only
// unmaps what they name.
const std::set<std::string> kStoredPointers = {
	"set_tid_address", "set_robust_list", "shmdt",
};

bool Dereferenced(const syscall_arg &a)
{
	unsigned mem = syscall_arg_mem(&a);
	if (mem != MEM_NONE)
		return true;
	// These kinds are pointers the footprint accounts elsewhere.
	return a.kind == ARG_SOCKLEN_PTR;
}

TEST_F(Btf, PrototypesMatchTheTable)
{
	int checked = 0;
	std::string seen;
	for (long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
		const syscall_signature *sig = syscall_lookup(nr);
		if (!sig)
			continue;
		// x86-64's stat family and uname are the kernel's "new" ones.
		static const std::map<std::string, std::string> kernel_name = {
			{"stat", "newstat"}, {"fstat", "newfstat"},
			{"lstat", "newlstat"}, {"uname", "newuname"},
		};
		auto alias = kernel_name.find(sig->name);
		std::string fn = std::string("__do_sys_") +
				 (alias != kernel_name.end() ? alias->second : sig->name);
		int id = btf__find_by_name_kind(btf_, fn.c_str(), BTF_KIND_FUNC);
		if (id <= 0)
			continue;
		const btf_type *proto = btf__type_by_id(btf_, btf__type_by_id(btf_, id)->type);
		ASSERT_TRUE(btf_is_func_proto(proto)) << fn;
		int n = btf_vlen(proto);
		const btf_param *params = btf_params(proto);
		// A void prototype has one unnamed param of type 0 in some
		// encodings; count real ones.
		if (n == 1 && params[0].type == 0)
			n = 0;
		// SYSCALL_DEFINE0 on x86-64: __do_sys_NAME(const struct
		// pt_regs *__unused), for a call that takes nothing.
		if (n == 1) {
			const btf_type *t = Resolve(params[0].type);
			const btf_type *to = btf_is_ptr(t) ? Resolve(t->type) : nullptr;
			if (to && btf_is_struct(to) &&
			    std::string(btf__name_by_offset(btf_, to->name_off)) == "pt_regs")
				n = 0;
		}
		EXPECT_EQ(n, sig->nargs) << sig->name << ": BTF's " << fn << " takes " << n;
		checked++;
		seen += std::string(" ") + sig->name;
		if (sig->fp == FP_UNKNOWN || n != sig->nargs)
			continue;
		// Rows with a rule read pointers hidden in numbers (ioctl's
		// argument is an unsigned long): only table rows are checked.
		if (sig->fp != FP_TABLE)
			continue;
		for (int i = 0; i < n; i++) {
			bool is_ptr = btf_is_ptr(Resolve(params[i].type));
			bool ours = Dereferenced(sig->args[i]);
			if (is_ptr && !ours && kStoredPointers.count(sig->name))
				continue;
			EXPECT_EQ(is_ptr, ours)
				<< sig->name << " argument " << i << " ("
				<< btf__name_by_offset(btf_, params[i].name_off) << "): BTF says "
				<< (is_ptr ? "pointer" : "not a pointer") << ", the table "
				<< (ours ? "describes memory" : "describes none");
		}
	}
	// This kernel has about a hundred typed prototypes; far fewer means
	// the lookup broke, not that the table is right.
	EXPECT_GT(checked, 40) << "prototypes found:" << seen;
	RecordProperty("prototypes_checked", checked);
}

TEST_F(Btf, StructSizesMatchTheKernelLayout)
{
	struct Want {
		const char *name;
		int kind;
		int count;
	};
	const std::map<int, Want> names = {
		{STRUCT_STAT, {"stat", BTF_KIND_STRUCT, 1}},
		{STRUCT_STATX, {"statx", BTF_KIND_STRUCT, 1}},
		{STRUCT_STATFS, {"statfs", BTF_KIND_STRUCT, 1}},
		{STRUCT_TIMESPEC, {"__kernel_timespec", BTF_KIND_STRUCT, 1}},
		{STRUCT_TIMEVAL, {"__kernel_old_timeval", BTF_KIND_STRUCT, 1}},
		{STRUCT_TIMEZONE, {"timezone", BTF_KIND_STRUCT, 1}},
		{STRUCT_ITIMERVAL, {"__kernel_old_itimerval", BTF_KIND_STRUCT, 1}},
		{STRUCT_RLIMIT, {"rlimit", BTF_KIND_STRUCT, 1}},
		{STRUCT_RLIMIT64, {"rlimit64", BTF_KIND_STRUCT, 1}},
		{STRUCT_RUSAGE, {"rusage", BTF_KIND_STRUCT, 1}},
		{STRUCT_UTSNAME, {"new_utsname", BTF_KIND_STRUCT, 1}},
		{STRUCT_SYSINFO, {"sysinfo", BTF_KIND_STRUCT, 1}},
		{STRUCT_TMS, {"tms", BTF_KIND_STRUCT, 1}},
		{STRUCT_STACK_T, {"sigaltstack", BTF_KIND_STRUCT, 1}},
		{STRUCT_OPEN_HOW, {"open_how", BTF_KIND_STRUCT, 1}},
		{STRUCT_CLONE_ARGS, {"clone_args", BTF_KIND_STRUCT, 1}},
		{STRUCT_INT, {"int", BTF_KIND_INT, 1}},
		{STRUCT_LOFF, {"loff_t", BTF_KIND_TYPEDEF, 1}},
		{STRUCT_FD_PAIR, {"int", BTF_KIND_INT, 2}},
		{STRUCT_SIGACTION, {"sigaction", BTF_KIND_STRUCT, 1}},
		{STRUCT_SIGINFO, {"siginfo", BTF_KIND_STRUCT, 1}},
		{STRUCT_MSGHDR, {"user_msghdr", BTF_KIND_STRUCT, 1}},
		{STRUCT_IOVEC, {"iovec", BTF_KIND_STRUCT, 1}},
		{STRUCT_POLLFD, {"pollfd", BTF_KIND_STRUCT, 1}},
		{STRUCT_EPOLL_EVENT, {"epoll_event", BTF_KIND_STRUCT, 1}},
		{STRUCT_IO_EVENT, {"io_event", BTF_KIND_STRUCT, 1}},
		{STRUCT_ITIMERSPEC, {"__kernel_itimerspec", BTF_KIND_STRUCT, 1}},
		{STRUCT_SIGEVENT, {"sigevent", BTF_KIND_STRUCT, 1}},
		{STRUCT_TERMIOS, {"termios", BTF_KIND_STRUCT, 1}},
		{STRUCT_WINSIZE, {"winsize", BTF_KIND_STRUCT, 1}},
		{STRUCT_FLOCK, {"flock", BTF_KIND_STRUCT, 1}},
		{STRUCT_F_OWNER_EX, {"f_owner_ex", BTF_KIND_STRUCT, 1}},
		{STRUCT_TIMESPEC_PAIR, {"__kernel_timespec", BTF_KIND_STRUCT, 2}},
		{STRUCT_TIMEVAL_PAIR, {"__kernel_old_timeval", BTF_KIND_STRUCT, 2}},
		{STRUCT_SIGSET_ARGPACK, {"sigset_argpack", BTF_KIND_STRUCT, 1}},
		{STRUCT_UTIMBUF, {"utimbuf", BTF_KIND_STRUCT, 1}},
		{STRUCT_TIME_T, {"__kernel_old_time_t", BTF_KIND_TYPEDEF, 1}},
		{STRUCT_ULONG, {"long unsigned int", BTF_KIND_INT, 1}},
		{STRUCT_ADDRESS, {"long unsigned int", BTF_KIND_INT, 1}},
		{STRUCT_MQ_ATTR, {"mq_attr", BTF_KIND_STRUCT, 1}},
	};
	for (int type = STRUCT_NONE + 1; type < STRUCT_COUNT; type++) {
		auto it = names.find(type);
		ASSERT_NE(it, names.end())
			<< "struct type " << type << " has no BTF name in this test: add it";
		const Want &w = it->second;
		long long size = SizeOf(w.name, w.kind);
		if (size < 0) {
			// A struct only used inside one function (sigset_argpack)
			// may be absent from a kernel's BTF: say so, do not fail.
			std::cout << "note: BTF has no " << w.name << "; size not checked\n";
			continue;
		}
		EXPECT_EQ(static_cast<long long>(syscall_struct_size(type)), size * w.count)
			<< "struct type " << type << " (" << w.name << " x" << w.count << ")";
	}
}

}  // namespace
