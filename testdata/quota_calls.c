/* quotactl and quotactl_fd commands as quota_decoder.c decodes them, on a
 * device that does not exist (every call fails, or succeeds when the
 * tracer injects a result): trace_compare_test compares each line with
 * strace 6.1's, plain, under -v, -X raw and -X verbose. The structures
 * hold set patterns, so what is printed when the call "succeeds" is known. */
#include <linux/dqblk_xfs.h>
#include <linux/quota.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define QC(cmd, type) ((long)QCMD(cmd, type))

static long q(long cmd, const char *special, long id, void *addr)
{
	return syscall(SYS_quotactl, cmd, special, id, addr);
}

int main(void)
{
	static const char dev[] = "/dev/systrap-no-such-dev";
	struct if_dqblk dq;
	struct if_nextdqblk next;
	struct if_dqinfo info;
	struct fs_disk_quota disk;
	struct fs_quota_stat stat;
	struct fs_quota_statv statv;
	unsigned fmt = QFMT_VFS_V1, xflags = FS_QUOTA_UDQ_ACCT | 0x80;

	memset(&dq, 0x11, sizeof dq);
	dq.dqb_valid = QIF_BLIMITS | QIF_ITIME | 0x100;
	memset(&next, 0x22, sizeof next);
	memset(&info, 0x33, sizeof info);
	info.dqi_flags = DQF_ROOT_SQUASH;
	info.dqi_valid = IIF_BGRACE | IIF_FLAGS;
	memset(&disk, 0x44, sizeof disk);
	disk.d_version = FS_DQUOT_VERSION;
	disk.d_flags = FS_USER_QUOTA;
	memset(&stat, 0x55, sizeof stat);
	memset(&statv, 0x66, sizeof statv);
	statv.qs_flags = FS_QUOTA_PDQ_ENFD;

	q(QC(Q_QUOTAON, USRQUOTA), dev, QFMT_VFS_V0, "/quota.user");
	q(QC(Q_QUOTAON, 7), dev, 0x55, 0);
	q(QC(Q_QUOTAOFF, GRPQUOTA), dev, 0, 0);
	q(QC(Q_SYNC, PRJQUOTA), 0, 0, 0);
	q(QC(Q_GETQUOTA, USRQUOTA), dev, 1000, &dq);
	q(QC(Q_SETQUOTA, GRPQUOTA), dev, -1, &dq);
	q(QC(Q_GETNEXTQUOTA, USRQUOTA), dev, 0, &next);
	q(QC(Q_GETINFO, USRQUOTA), dev, 0, &info);
	q(QC(Q_SETINFO, PRJQUOTA), dev, 0, &info);
	q(QC(Q_GETFMT, USRQUOTA), dev, 0, &fmt);
	q(QC(Q_XQUOTAON, USRQUOTA), dev, 0, &xflags);
	q(QC(Q_XQUOTARM, USRQUOTA), dev, 0, &xflags);
	q(QC(Q_XGETQUOTA, USRQUOTA), dev, 42, &disk);
	q(QC(Q_XSETQLIM, GRPQUOTA), dev, 43, &disk);
	q(QC(Q_XGETQSTAT, USRQUOTA), dev, 0, &stat);
	q(QC(Q_XGETQSTATV, USRQUOTA), dev, 0, &statv);
	q(QC(Q_XQUOTASYNC, USRQUOTA), dev, 0, 0);
	q(0xbadc0ded, dev, 7, (void *)0x1234);
	syscall(SYS_quotactl_fd, -1, QC(Q_GETFMT, GRPQUOTA), 0, &fmt);
	syscall(SYS_quotactl_fd, -1, QC(Q_SETQUOTA, USRQUOTA), 5, &dq);
	return 0;
}
