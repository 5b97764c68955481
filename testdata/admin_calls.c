/* The calls strace decodes per flag or per command that a program makes
 * to administer the machine or its own process: mount, umount2,
 * personality, membarrier, ioprio_get/ioprio_set, keyctl, add_key,
 * request_key, set_mempolicy/get_mempolicy/mbind, pkey_alloc and reboot, each with
 * many arguments, for trace_compare_test's AdminCallsMatchStrace.
 *
 * Nothing here changes the machine, even as root: mount and umount2 name
 * a target that does not exist, reboot never has both magic numbers
 * right, the keys named do not exist (keys are only looked up, no keyring
 * is made or joined), mbind's address is not page aligned. What changes
 * this process alone is put back: its personality, its I/O priority, its
 * memory policy. */
#include <linux/keyctl.h>
#include <linux/membarrier.h>
#include <linux/reboot.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define MPOL_DEFAULT 0
#define MPOL_PREFERRED 1
#define MPOL_BIND 2
#define MPOL_INTERLEAVE 3
#define MPOL_LOCAL 4
#define MPOL_F_STATIC_NODES (1 << 15)
#define MPOL_F_RELATIVE_NODES (1 << 14)
#define MPOL_F_NUMA_BALANCING (1 << 13)
#define MPOL_F_NODE 1
#define MPOL_F_ADDR 2
#define MPOL_F_MEMS_ALLOWED 4
#define MPOL_MF_STRICT 1
#define MPOL_MF_MOVE 2
#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP 2
#define IOPRIO_WHO_USER 3
#define IOPRIO_VALUE(class, data) (((class) << 13) | (data))
#define NOKEY 0x7ead1e55 /* no such key */

static const char target[] = "/nonexistent/systrap";

static void mounts(void)
{
	static const unsigned long flags[] = {
		MS_RDONLY | MS_NOSUID,
		0,
		MS_NODEV | MS_NOEXEC | MS_SYNCHRONOUS | MS_MANDLOCK | MS_DIRSYNC,
		MS_NOATIME | MS_NODIRATIME | MS_SILENT | MS_POSIXACL | MS_RELATIME,
		MS_STRICTATIME | MS_LAZYTIME | MS_I_VERSION | (1UL << 8),
		MS_REMOUNT | MS_RDONLY,
		MS_BIND,
		MS_BIND | MS_REC,
		MS_MOVE,
		MS_SHARED | MS_REC,
		MS_PRIVATE,
		MS_SLAVE,
		MS_UNBINDABLE,
		MS_MGC_VAL,
		MS_MGC_VAL | MS_RDONLY,
		MS_MGC_VAL | MS_REMOUNT,
		MS_MGC_VAL | MS_BIND,
		0xc0ee0001UL,
		1UL << 9,
		(1UL << 26) | (1UL << 27) | (1UL << 28) | (1UL << 29) |
			(1UL << 30) | (1UL << 31) | (1UL << 22),
		0x100000000UL | MS_RDONLY,
	};
	for (unsigned i = 0; i < sizeof flags / sizeof *flags; i++)
		syscall(SYS_mount, "none", target, "tmpfs", flags[i], "size=1m");
	syscall(SYS_mount, "/dev/systrap-none", target, "ext4", MS_RDONLY, NULL);
	syscall(SYS_mount, NULL, target, NULL, MS_REMOUNT, (void *)0x10);
	syscall(SYS_mount, "none", target, (void *)0x20, 0, (void *)0x30);
	syscall(SYS_mount, "none", NULL, "proc", MS_NOSUID, "");

	syscall(SYS_umount2, target, 0);
	syscall(SYS_umount2, target, MNT_FORCE | MNT_DETACH);
	syscall(SYS_umount2, target, MNT_EXPIRE | UMOUNT_NOFOLLOW);
	syscall(SYS_umount2, target, 0x30);
}

static void personalities(void)
{
	static const unsigned long values[] = {
		PER_LINUX,
		PER_LINUX | ADDR_NO_RANDOMIZE,
		PER_LINUX | UNAME26 | ADDR_NO_RANDOMIZE | READ_IMPLIES_EXEC,
		PER_BSD,
		PER_LINUX32 | SHORT_INODE | WHOLE_SECONDS | STICKY_TIMEOUTS,
		PER_SVR4,
		0x100 | ADDR_COMPAT_LAYOUT,
		0x42,
		PER_LINUX32_3GB | MMAP_PAGE_ZERO | FDPIC_FUNCPTRS,
		PER_HPUX,
		0xff,
		0x10000000,
	};
	unsigned long before = syscall(SYS_personality, 0xffffffffUL);
	for (unsigned i = 0; i < sizeof values / sizeof *values; i++) {
		syscall(SYS_personality, values[i]);
		syscall(SYS_personality, 0xffffffffUL);
	}
	syscall(SYS_personality, before);
}

static void membarriers(void)
{
	syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
	syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 1, 0);
	syscall(SYS_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0);
	syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0);
	syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0);
	syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED,
		MEMBARRIER_CMD_FLAG_CPU, 0);
	syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 3, -5);
	syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ,
		0x10, 7);
	syscall(SYS_membarrier, 0x400, 0, 0);
	syscall(SYS_membarrier, -1, 0, 0);
}

static void ioprios(void)
{
	syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0);
	syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, IOPRIO_VALUE(2, 4));
	syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0);
	/* No such group or user: the answer is no one else's priority. */
	syscall(SYS_ioprio_get, IOPRIO_WHO_PGRP, 999999999);
	syscall(SYS_ioprio_get, IOPRIO_WHO_USER, 999999999);
	syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, IOPRIO_VALUE(0, 0));
	syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0);
	/* No such process or group: refused. */
	syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 999999999, IOPRIO_VALUE(1, 7));
	syscall(SYS_ioprio_set, IOPRIO_WHO_PGRP, 999999999, IOPRIO_VALUE(3, 0));
	syscall(SYS_ioprio_set, IOPRIO_WHO_USER, 999999999, IOPRIO_VALUE(7, 12));
	syscall(SYS_ioprio_set, 9, 1, 0x7fffffff);
	syscall(SYS_ioprio_get, 9, -1);
	syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 999999999);
}

static long kc(long cmd, long a2, long a3, long a4, long a5)
{
	return syscall(SYS_keyctl, cmd, a2, a3, a4, a5);
}

static void keys(void)
{
	char buf[16] = "0123456789abcde", text[80] = "";
	struct iovec iov[2] = { { (void *)"abc", 3 }, { (void *)"de", 2 } };
	kc(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0, 1, 1);
	kc(KEYCTL_GET_KEYRING_ID, NOKEY, 1, 0, 0);
	kc(KEYCTL_GET_KEYRING_ID, -42, 0, 0, 0);
	kc(KEYCTL_JOIN_SESSION_KEYRING, 0x10, 0, 0, 0);
	kc(KEYCTL_UPDATE, NOKEY, (long)"payload", 7, 0);
	kc(KEYCTL_UPDATE, KEY_SPEC_PROCESS_KEYRING, 0, 0, 0);
	kc(KEYCTL_REVOKE, NOKEY, 0, 0, 0);
	kc(KEYCTL_CHOWN, NOKEY, -1, 0, 0);
	kc(KEYCTL_CHOWN, NOKEY, 1000, -1, 0);
	kc(KEYCTL_SETPERM, NOKEY, 0x3f010002 /* KEY_POS_ALL|KEY_USR_VIEW|KEY_OTH_READ */, 0, 0);
	kc(KEYCTL_SETPERM, NOKEY, 0, 0, 0);
	kc(KEYCTL_SETPERM, NOKEY, 0xc0000000, 0, 0);
	kc(KEYCTL_DESCRIBE, NOKEY, (long)buf, sizeof buf, 0);
	/* The user's own keyring: its description, its (empty) list of
	 * keys, its security label, as the kernel writes them. */
	kc(KEYCTL_DESCRIBE, KEY_SPEC_USER_KEYRING, (long)text, sizeof text, 0);
	kc(KEYCTL_READ, KEY_SPEC_USER_KEYRING, (long)text, sizeof text, 0);
	kc(KEYCTL_GET_SECURITY, KEY_SPEC_USER_KEYRING, (long)text, sizeof text, 0);
	kc(KEYCTL_CLEAR, NOKEY, 0, 0, 0);
	kc(KEYCTL_LINK, NOKEY, KEY_SPEC_USER_KEYRING, 0, 0);
	kc(KEYCTL_UNLINK, NOKEY, KEY_SPEC_USER_SESSION_KEYRING, 0, 0);
	kc(KEYCTL_SEARCH, NOKEY, (long)"user", (long)"systrap:none", 0);
	kc(KEYCTL_SEARCH, NOKEY, (long)"keyring", 0x40, KEY_SPEC_GROUP_KEYRING);
	kc(KEYCTL_READ, NOKEY, (long)buf, sizeof buf, 0);
	kc(KEYCTL_READ, NOKEY, 0, 0, 0);
	kc(KEYCTL_INSTANTIATE, NOKEY, (long)"data", 4, KEY_SPEC_REQKEY_AUTH_KEY);
	kc(KEYCTL_NEGATE, NOKEY, 60, KEY_SPEC_REQUESTOR_KEYRING, 0);
	kc(KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE, 0, 0, 0);
	kc(KEYCTL_SET_REQKEY_KEYRING, 99, 0, 0, 0);
	kc(KEYCTL_SET_TIMEOUT, NOKEY, 3600, 0, 0);
	kc(KEYCTL_ASSUME_AUTHORITY, NOKEY, 0, 0, 0);
	kc(KEYCTL_GET_SECURITY, NOKEY, (long)buf, sizeof buf, 0);
	kc(KEYCTL_SESSION_TO_PARENT, 0, 0, 0, 0);
	kc(KEYCTL_REJECT, NOKEY, 10, 128 /* EKEYREJECTED */, 0);
	kc(KEYCTL_INSTANTIATE_IOV, NOKEY, (long)iov, 2, KEY_SPEC_SESSION_KEYRING);
	kc(KEYCTL_INVALIDATE, NOKEY, 0, 0, 0);
	kc(KEYCTL_GET_PERSISTENT, -1, NOKEY, 0, 0);
	kc(KEYCTL_GET_PERSISTENT, 4242, NOKEY, 0, 0);
	kc(KEYCTL_RESTRICT_KEYRING, NOKEY, (long)"asymmetric", 0, 0);
	kc(KEYCTL_MOVE, NOKEY, KEY_SPEC_SESSION_KEYRING, KEY_SPEC_USER_KEYRING,
	   KEYCTL_MOVE_EXCL);
	kc(KEYCTL_MOVE, NOKEY, NOKEY, NOKEY, 6);
	kc(KEYCTL_WATCH_KEY, NOKEY, -1, 1, 0);
	kc(100, 1, 2, 3, 4);
	kc(-3, 0, 0, 0, 0);

	syscall(SYS_add_key, "user", "systrap:none", "secret", 6, NOKEY);
	syscall(SYS_add_key, "keyring", "systrap:none", NULL, 0, NOKEY);
	syscall(SYS_add_key, NULL, NULL, (void *)0x10, 8, 0);
	syscall(SYS_request_key, "user", "systrap:none", NULL, 0);
	syscall(SYS_request_key, "user", "systrap:none", "callout", NOKEY);
}

static void mempolicies(void)
{
	unsigned long mask[3] = { 1, 0, 0 }, got[3] = { 0xff, 0xff, 0xff };
	int mode = -1;
	void *page = mmap(0, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	*(volatile char *)page = 1;

	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	syscall(SYS_set_mempolicy, MPOL_BIND, mask, 65);
	syscall(SYS_get_mempolicy, &mode, got, 65, NULL, 0);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	syscall(SYS_set_mempolicy, MPOL_PREFERRED | MPOL_F_STATIC_NODES, mask, 130);
	syscall(SYS_set_mempolicy, MPOL_INTERLEAVE | MPOL_F_RELATIVE_NODES |
					   MPOL_F_STATIC_NODES, mask, 64);
	syscall(SYS_set_mempolicy, MPOL_BIND | MPOL_F_NUMA_BALANCING, mask, 1);
	syscall(SYS_set_mempolicy, 9, mask, 2);
	syscall(SYS_set_mempolicy, 9 | MPOL_F_STATIC_NODES, mask, 0);
	syscall(SYS_set_mempolicy, 0x80000000UL | MPOL_LOCAL, 0x10, 64);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);

	syscall(SYS_get_mempolicy, &mode, got, 129, NULL, 0);
	syscall(SYS_get_mempolicy, &mode, got, 65, NULL, MPOL_F_MEMS_ALLOWED);
	syscall(SYS_get_mempolicy, &mode, NULL, 0, page, MPOL_F_NODE | MPOL_F_ADDR);
	syscall(SYS_get_mempolicy, NULL, NULL, 0, NULL, 0);
	syscall(SYS_get_mempolicy, &mode, got, 65, page, 0x18);
	syscall(SYS_get_mempolicy, (void *)0x10, got, 64, NULL, 0);

	syscall(SYS_mbind, (char *)page + 1, 4096, MPOL_BIND, mask, 65,
		MPOL_MF_STRICT | MPOL_MF_MOVE);
	syscall(SYS_mbind, (char *)page + 1, 4096, MPOL_PREFERRED | MPOL_F_STATIC_NODES,
		NULL, 0, 0);
	syscall(SYS_mbind, (char *)page + 1, 0, 7, mask, 3, 0x18);
	munmap(page, 4096);
}

/* Protection keys' access rights (a key made where the CPU has them is
 * freed at once). */
static void pkeys(void)
{
	static const unsigned long rights[] = {0, 1, 2, 3, 4, 8, 0xc};
	for (unsigned i = 0; i < sizeof rights / sizeof *rights; i++) {
		long key = syscall(SYS_pkey_alloc, 0, rights[i]);
		if (key >= 0)
			syscall(SYS_pkey_free, key);
	}
	syscall(SYS_pkey_alloc, 0x5, 0x13);
}

static void reboots(void)
{
	/* magic1 wrong: refused whatever the rest says. */
	syscall(SYS_reboot, 0, 0, LINUX_REBOOT_CMD_CAD_OFF, NULL);
	syscall(SYS_reboot, 0xfee1deae, LINUX_REBOOT_MAGIC2,
		LINUX_REBOOT_CMD_RESTART, NULL);
	syscall(SYS_reboot, 0, LINUX_REBOOT_MAGIC2A, LINUX_REBOOT_CMD_HALT, NULL);
	syscall(SYS_reboot, 0, LINUX_REBOOT_MAGIC2B, LINUX_REBOOT_CMD_CAD_ON, NULL);
	syscall(SYS_reboot, 0, LINUX_REBOOT_MAGIC2C, LINUX_REBOOT_CMD_POWER_OFF, NULL);
	syscall(SYS_reboot, 0, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2,
		"systrap-restart");
	syscall(SYS_reboot, 0, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2,
		(void *)0x10);
	syscall(SYS_reboot, 0, 0, LINUX_REBOOT_CMD_SW_SUSPEND, NULL);
	syscall(SYS_reboot, 0, 0, LINUX_REBOOT_CMD_KEXEC, NULL);
	syscall(SYS_reboot, 0, 0, 0x1234, (void *)0x40);
	/* magic2 wrong: refused too. */
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, 0x1234, LINUX_REBOOT_CMD_RESTART2,
		"x");
	syscall(SYS_reboot, 0xfee1deadfee1deadUL, 0, LINUX_REBOOT_CMD_CAD_OFF, NULL);
}

int main(void)
{
	mounts();
	personalities();
	membarriers();
	ioprios();
	keys();
	mempolicies();
	pkeys();
	reboots();
	return 0;
}
