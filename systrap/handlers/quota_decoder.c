/* quota_decoder: quotactl and quotactl_fd as strace 6.1 prints them (its
 * quota.c): the command as QCMD(Q_..., ...QUOTA), then the id and the
 * address as the command uses them: a quota format and a path
 * (Q_QUOTAON), a struct if_dqblk, if_nextdqblk, if_dqinfo, the XFS
 * fs_disk_quota, fs_quota_stat(v), a format or flag word, or nothing.
 * The structures the kernel writes print when the call ends. */
#include <linux/dqblk_xfs.h>
#include <linux/quota.h>

#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/value_tables.h"

/* abbrev: QCMD(Q_GETQUOTA, USRQUOTA); raw: the number in decimal;
 * verbose: the number, QCMD(...) in a comment. */
static void print_qcmd(struct text_buffer *tb, uint32_t qcmd)
{
	int begun = const_names_begin(tb, qcmd, CONST_UDEC);
	if (!begun)
		return;
	tb_str(tb, "QCMD(");
	print_enum(tb, value_table_get(VT_QUOTA_CMD), qcmd >> 8);
	tb_str(tb, ", ");
	print_enum(tb, value_table_get(VT_QUOTA_TYPE), qcmd & 0xff);
	tb_char(tb, ')');
	const_names_end(tb, begun);
}

/* The struct if_dqblk and if_nextdqblk fields they share, up to
 * dqb_curinodes. */
struct dqblk_head {
	uint64_t bhardlimit, bsoftlimit, curspace, ihardlimit, isoftlimit,
		curinodes, btime, itime;
	uint32_t valid, id; /* id: if_nextdqblk's alone */
};

static void print_dqblk(const struct decode_context *ctx,
			const struct dqblk_head *q, int next)
{
	struct text_buffer *tb = ctx->tb;
	print_field_u(tb, "{dqb_bhardlimit=", q->bhardlimit);
	print_field_u(tb, ", dqb_bsoftlimit=", q->bsoftlimit);
	print_field_u(tb, ", dqb_curspace=", q->curspace);
	print_field_u(tb, ", dqb_ihardlimit=", q->ihardlimit);
	print_field_u(tb, ", dqb_isoftlimit=", q->isoftlimit);
	print_field_u(tb, ", dqb_curinodes=", q->curinodes);
	if (ctx_abbrev(ctx)) {
		if (next)
			print_field_u(tb, ", dqb_id=", q->id);
		tb_str(tb, ", ...}");
		return;
	}
	print_field_u(tb, ", dqb_btime=", q->btime);
	print_field_u(tb, ", dqb_itime=", q->itime);
	print_field_flags(tb, ", dqb_valid=", VT_DQBLK_VALID, q->valid);
	if (next)
		print_field_u(tb, ", dqb_id=", q->id);
	tb_char(tb, '}');
}

static void print_disk_quota(const struct decode_context *ctx,
			     const struct fs_disk_quota *q)
{
	struct text_buffer *tb = ctx->tb;
	print_field_d(tb, "{d_version=", q->d_version);
	print_field_flags(tb, ", d_flags=", VT_XFS_DQBLK_FLAGS,
			  (uint8_t)q->d_flags);
	tb_str(tb, ", d_fieldmask=");
	tb_hex(tb, q->d_fieldmask);
	print_field_u(tb, ", d_id=", q->d_id);
	print_field_u(tb, ", d_blk_hardlimit=", q->d_blk_hardlimit);
	print_field_u(tb, ", d_blk_softlimit=", q->d_blk_softlimit);
	print_field_u(tb, ", d_ino_hardlimit=", q->d_ino_hardlimit);
	print_field_u(tb, ", d_ino_softlimit=", q->d_ino_softlimit);
	print_field_u(tb, ", d_bcount=", q->d_bcount);
	print_field_u(tb, ", d_icount=", q->d_icount);
	if (ctx_abbrev(ctx)) {
		tb_str(tb, ", ...}");
		return;
	}
	print_field_d(tb, ", d_itimer=", q->d_itimer);
	print_field_d(tb, ", d_btimer=", q->d_btimer);
	print_field_u(tb, ", d_iwarns=", q->d_iwarns);
	print_field_u(tb, ", d_bwarns=", q->d_bwarns);
	print_field_u(tb, ", d_rtb_hardlimit=", q->d_rtb_hardlimit);
	print_field_u(tb, ", d_rtb_softlimit=", q->d_rtb_softlimit);
	print_field_u(tb, ", d_rtbcount=", q->d_rtbcount);
	print_field_d(tb, ", d_rtbtimer=", q->d_rtbtimer);
	print_field_u(tb, ", d_rtbwarns=", q->d_rtbwarns);
	tb_char(tb, '}');
}

static void print_qfilestat(struct text_buffer *tb, const char *sep_name,
			    uint64_t ino, uint64_t nblks, uint32_t nextents)
{
	tb_str(tb, sep_name);
	print_field_u(tb, "={qfs_ino=", ino);
	print_field_u(tb, ", qfs_nblks=", nblks);
	print_field_u(tb, ", qfs_nextents=", nextents);
	tb_char(tb, '}');
}

#define QFILESTAT(tb, name, f) \
	print_qfilestat(tb, name, (f).qfs_ino, (f).qfs_nblks, (f).qfs_nextents)

/* The limits fs_quota_stat and fs_quota_statv both end with. */
static void print_qstat_limits(struct text_buffer *tb, int32_t btime,
			       int32_t itime, int32_t rtbtime, uint16_t bwarn,
			       uint16_t iwarn)
{
	print_field_d(tb, ", qs_btimelimit=", btime);
	print_field_d(tb, ", qs_itimelimit=", itime);
	print_field_d(tb, ", qs_rtbtimelimit=", rtbtime);
	print_field_u(tb, ", qs_bwarnlimit=", bwarn);
	print_field_u(tb, ", qs_iwarnlimit=", iwarn);
	tb_char(tb, '}');
}

#define QSTAT_LIMITS(tb, q)                                              \
	print_qstat_limits(tb, (q)->qs_btimelimit, (q)->qs_itimelimit,  \
			   (q)->qs_rtbtimelimit, (q)->qs_bwarnlimit,    \
			   (q)->qs_iwarnlimit)

/* qs_version, and unless abbreviated (then "...}" and 0) qs_flags. */
static int print_qstat_head(const struct decode_context *ctx, int8_t version,
			    uint16_t flags)
{
	print_field_d(ctx->tb, "{qs_version=", version);
	if (ctx_abbrev(ctx)) {
		tb_str(ctx->tb, ", ...}");
		return 0;
	}
	print_field_flags(ctx->tb, ", qs_flags=", VT_XFS_QUOTA_FLAGS, flags);
	return 1;
}

static void print_quota_stat(const struct decode_context *ctx,
			     const struct fs_quota_stat *q)
{
	struct text_buffer *tb = ctx->tb;
	if (!print_qstat_head(ctx, q->qs_version, q->qs_flags))
		return;
	QFILESTAT(tb, ", qs_uquota", q->qs_uquota);
	QFILESTAT(tb, ", qs_gquota", q->qs_gquota);
	print_field_u(tb, ", qs_incoredqs=", q->qs_incoredqs);
	QSTAT_LIMITS(tb, q);
}

static void print_quota_statv(const struct decode_context *ctx,
			      const struct fs_quota_statv *q)
{
	struct text_buffer *tb = ctx->tb;
	if (!print_qstat_head(ctx, q->qs_version, q->qs_flags))
		return;
	print_field_u(tb, ", qs_incoredqs=", q->qs_incoredqs);
	QFILESTAT(tb, ", qs_uquota", q->qs_uquota);
	QFILESTAT(tb, ", qs_gquota", q->qs_gquota);
	QFILESTAT(tb, ", qs_pquota", q->qs_pquota);
	QSTAT_LIMITS(tb, q);
}

/* The commands whose data the kernel writes: printed at exit. */
static int quota_cmd_writes(uint32_t cmd)
{
	switch (cmd) {
	case Q_GETQUOTA: case Q_GETNEXTQUOTA: case Q_XGETQUOTA:
	case Q_XGETNEXTQUOTA: case Q_GETFMT: case Q_GETINFO:
	case Q_XGETQSTAT: case Q_XGETQSTATV:
		return 1;
	default:
		return 0;
	}
}

static void print_quota_data(const struct decode_context *ctx, uint32_t cmd,
			     uint32_t id, uintptr_t data)
{
	struct text_buffer *tb = ctx->tb;
	union {
		struct dqblk_head dq;
		struct if_dqinfo info;
		struct fs_disk_quota disk;
		struct fs_quota_stat stat;
		struct fs_quota_statv statv;
		uint32_t word;
	} b;
	switch (cmd) {
	case Q_GETQUOTA: case Q_SETQUOTA:
		/* struct if_dqblk: packed, without if_nextdqblk's dqb_id. */
		if (read_result_or_print_addr(ctx, &b.dq, data, sizeof b.dq - 4))
			print_dqblk(ctx, &b.dq, 0);
		return;
	case Q_GETNEXTQUOTA:
		if (read_result_or_print_addr(ctx, &b.dq, data, sizeof b.dq))
			print_dqblk(ctx, &b.dq, 1);
		return;
	case Q_XGETQUOTA: case Q_XGETNEXTQUOTA: case Q_XSETQLIM:
		if (read_result_or_print_addr(ctx, &b.disk, data, sizeof b.disk))
			print_disk_quota(ctx, &b.disk);
		return;
	case Q_GETFMT:
		if (read_result_or_print_addr(ctx, &b.word, data, 4)) {
			tb_char(tb, '[');
			print_enum(tb, value_table_get(VT_QUOTA_FORMAT),
				   b.word);
			tb_char(tb, ']');
		}
		return;
	case Q_GETINFO: case Q_SETINFO:
		if (!read_result_or_print_addr(ctx, &b.info, data, sizeof b.info))
			return;
		print_field_u(tb, "{dqi_bgrace=", b.info.dqi_bgrace);
		print_field_u(tb, ", dqi_igrace=", b.info.dqi_igrace);
		print_field_flags(tb, ", dqi_flags=", VT_DQINFO_FLAGS,
				  b.info.dqi_flags);
		print_field_flags(tb, ", dqi_valid=", VT_DQINFO_VALID,
				  b.info.dqi_valid);
		tb_char(tb, '}');
		return;
	case Q_XGETQSTAT:
		if (read_result_or_print_addr(ctx, &b.stat, data, sizeof b.stat))
			print_quota_stat(ctx, &b.stat);
		return;
	case Q_XGETQSTATV:
		if (read_result_or_print_addr(ctx, &b.statv, data, sizeof b.statv))
			print_quota_statv(ctx, &b.statv);
		return;
	case Q_XQUOTAON: case Q_XQUOTAOFF: case Q_XQUOTARM:
		if (read_result_or_print_addr(ctx, &b.word, data, 4)) {
			tb_char(tb, '[');
			unsigned t = cmd == Q_XQUOTARM ? VT_XFS_DQBLK_FLAGS
						       : VT_XFS_QUOTA_FLAGS;
			print_flags(tb, value_table_get(t), b.word);
			tb_char(tb, ']');
		}
		return;
	default:
		(void)id;
		tb_ptr(tb, data);
		return;
	}
}

/* The row's ARG_XINT is the command (quotactl's first argument,
 * quotactl_fd's second), the other of the first two printed by its
 * kind; the id is argument 2, the address argument 3. */
void decode_quotactl(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	const struct syscall_signature *sig = syscall_lookup(ctx->nr);
	int q = sig->args[0].kind == ARG_XINT ? 0 : 1;
	uint32_t qcmd = (uint32_t)ctx->args[q];
	uint32_t cmd = qcmd >> 8;
	uint32_t id = (uint32_t)ctx->args[2];
	uintptr_t data = (uintptr_t)ctx->args[3];
	if (ctx->exiting) {
		if (quota_cmd_writes(cmd))
			print_quota_data(ctx, cmd, id, data);
		return;
	}
	for (int i = 0; i < 2; i++) {
		if (i)
			tb_str(tb, ", ");
		if (i == q)
			print_qcmd(tb, qcmd);
		else
			print_arg(ctx, sig, i);
	}
	switch (cmd) {
	case Q_QUOTAOFF: case Q_SYNC: case Q_XQUOTASYNC:
		return;
	case Q_QUOTAON:
		tb_str(tb, ", ");
		print_enum(tb, value_table_get(VT_QUOTA_FORMAT), id);
		tb_str(tb, ", ");
		print_path(ctx, data);
		return;
	case Q_GETQUOTA: case Q_SETQUOTA: case Q_GETNEXTQUOTA:
	case Q_XGETQUOTA: case Q_XGETNEXTQUOTA: case Q_XSETQLIM:
		tb_str(tb, ", ");
		print_field_id(tb, "", id);
		tb_str(tb, ", ");
		break;
	case Q_GETFMT: case Q_GETINFO: case Q_SETINFO: case Q_XGETQSTAT:
	case Q_XGETQSTATV: case Q_XQUOTAON: case Q_XQUOTAOFF: case Q_XQUOTARM:
		tb_str(tb, ", ");
		break;
	default:
		tb_str(tb, ", ");
		print_field_id(tb, "", id);
		tb_str(tb, ", ");
		break;
	}
	if (!quota_cmd_writes(cmd))
		print_quota_data(ctx, cmd, id, data);
}
