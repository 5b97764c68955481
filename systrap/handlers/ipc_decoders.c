/* ipc_decoders: System V IPC as strace 6.1 prints it (its ipc_msg.c,
 * ipc_sem.c, ipc_shm.c, ipc_msgctl.c, ipc_semctl.c, ipc_shmctl.c,
 * print_msgbuf.c): the get calls' flags with their permission bits, semop's
 * struct sembuf array, msgsnd's and msgrcv's struct msgbuf, and the ctl
 * calls, whose buffer is a different structure per command.
 *
 * The structures are the kernel's (<linux/msg.h>, <linux/sem.h>,
 * <linux/shm.h>: msqid64_ds and friends), which is what the calls read and
 * write whatever libc's own definitions say.
 */
#include <linux/ipc.h>
#include <linux/msg.h>
#include <linux/sem.h>
#include <linux/shm.h>

#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/value_tables.h"

#define PERM_MASK 0777u
#define SHM_HUGE_BITS (0x3fu << SHM_HUGE_SHIFT)

void print_ipc_flags(struct text_buffer *tb, uint64_t flags)
{
	uint64_t rest = flags & ~(uint64_t)PERM_MASK;
	/* strace's printflags(resource_flags, rest, NULL): nothing for 0. */
	if (rest) {
		print_flags(tb, value_table_get(VT_IPC_RESOURCE_FLAGS), rest);
		tb_char(tb, '|');
	}
	print_mode_octal(tb, flags & PERM_MASK);
}

void print_shm_flags(struct text_buffer *tb, uint64_t flags)
{
	uint64_t rest = flags & ~(uint64_t)PERM_MASK & ~(uint64_t)SHM_HUGE_BITS;
	unsigned huge = (unsigned)((flags & SHM_HUGE_BITS) >> SHM_HUGE_SHIFT);
	if (rest)
		print_flags(tb, value_table_get(VT_SHM_RESOURCE_FLAGS), rest);
	if (huge) {
		if (rest)
			tb_char(tb, '|');
		tb_udec(tb, huge);
		tb_str(tb, "<<");
		print_named_value(tb, SHM_HUGE_SHIFT, "SHM_HUGE_SHIFT",
				  CONST_UDEC);
	}
	if (rest || huge)
		tb_char(tb, '|');
	print_mode_octal(tb, flags & PERM_MASK);
}

/* strace's print_array of struct sembuf: at most -s elements unless
 * -v. */
void print_sembufs(const struct decode_context *ctx, uintptr_t addr,
		   unsigned long count)
{
	struct text_buffer *tb = ctx->tb;
	struct sembuf sb;
	if (addr == 0) {
		tb_str(tb, "NULL");
		return;
	}
	if (count == 0) {
		tb_str(tb, "[]");
		return;
	}
	if (count > ~(uintptr_t)0 / sizeof sb ||
	    addr + count * sizeof sb < addr) {
		tb_hex_raw(tb, addr);
		return;
	}
	unsigned long i;
	for (i = 0; i < count; i++) {
		if (ctx_abbrev(ctx) &&
		    i == (unsigned long)ctx->opts->string_limit) {
			/* -s 0: "[...]" (the "[" comes with a first element) */
			tb_str(tb, i ? ", ..." : "[...");
			break;
		}
		if (!print_array_next(ctx, &sb, addr + i * sizeof sb, sizeof sb,
				      i)) {
			if (i == 0)
				return;
			break;
		}
		tb_str(tb, "{sem_num=");
		tb_udec(tb, sb.sem_num);
		tb_str(tb, ", sem_op=");
		tb_dec(tb, sb.sem_op);
		tb_str(tb, ", sem_flg=");
		print_flags(tb, value_table_get(VT_SEMOP_FLAGS),
			    (uint16_t)sb.sem_flg);
		tb_char(tb, '}');
	}
	tb_char(tb, ']');
}

/* struct msgbuf: mtype, then `count` bytes of text (strace reads the
 * struct as { long mtype; char mtext[1]; }, 16 bytes, first). */
void print_msgbuf(const struct decode_context *ctx, uintptr_t addr,
		  unsigned long count)
{
	struct {
		long mtype;
		char mtext[8];
	} m;
	if (!read_or_print_addr(ctx, &m, addr, sizeof m))
		return;
	tb_str(ctx->tb, "{mtype=");
	tb_dec(ctx->tb, m.mtype);
	tb_str(ctx->tb, ", mtext=");
	print_buffer(ctx, addr + sizeof m.mtype, count, 0);
	tb_char(ctx->tb, '}');
}

/* ---- msgctl, semctl, shmctl ---- */

/* The ipc64_perm: IPC_SET writes uid, gid and mode alone, so strace shows
 * those alone then. */
static void print_ipc_perm(struct text_buffer *tb, const char *name,
			   const struct ipc64_perm *p, int set)
{
	tb_str(tb, name);
	print_field_id(tb, "={uid=", p->uid);
	print_field_id(tb, ", gid=", p->gid);
	tb_str(tb, ", mode=");
	print_mode_octal(tb, p->mode);
	if (!set) {
		print_field_u(tb, ", key=", (unsigned)p->key);
		print_field_id(tb, ", cuid=", p->cuid);
		print_field_id(tb, ", cgid=", p->cgid);
	}
	tb_char(tb, '}');
}

static void print_msqid_ds(struct text_buffer *tb, const void *buf, int set)
{
	const struct msqid64_ds *d = buf;
	print_ipc_perm(tb, "{msg_perm", &d->msg_perm, set);
	if (!set) {
		print_field_u(tb, ", msg_stime=", (unsigned long)d->msg_stime);
		print_field_u(tb, ", msg_rtime=", (unsigned long)d->msg_rtime);
		print_field_u(tb, ", msg_ctime=", (unsigned long)d->msg_ctime);
		print_field_u(tb, ", msg_qnum=", d->msg_qnum);
	}
	print_field_u(tb, ", msg_qbytes=", d->msg_qbytes);
	if (!set) {
		print_field_d(tb, ", msg_lspid=", d->msg_lspid);
		print_field_d(tb, ", msg_lrpid=", d->msg_lrpid);
	}
	tb_char(tb, '}');
}

static void print_msginfo(struct text_buffer *tb, const void *buf, int set)
{
	const struct msginfo *i = buf;
	(void)set;
	print_field_d(tb, "{msgpool=", i->msgpool);
	print_field_d(tb, ", msgmap=", i->msgmap);
	print_field_d(tb, ", msgmax=", i->msgmax);
	print_field_d(tb, ", msgmnb=", i->msgmnb);
	print_field_d(tb, ", msgmni=", i->msgmni);
	print_field_d(tb, ", msgssz=", i->msgssz);
	print_field_d(tb, ", msgtql=", i->msgtql);
	print_field_u(tb, ", msgseg=", i->msgseg);
	tb_char(tb, '}');
}

static void print_semid_ds(struct text_buffer *tb, const void *buf, int set)
{
	const struct semid64_ds *d = buf;
	print_ipc_perm(tb, "{sem_perm", &d->sem_perm, set);
	if (!set) {
		print_field_u(tb, ", sem_otime=", (unsigned long)d->sem_otime);
		print_field_u(tb, ", sem_ctime=", (unsigned long)d->sem_ctime);
		print_field_u(tb, ", sem_nsems=", d->sem_nsems);
	}
	tb_char(tb, '}');
}

static void print_seminfo(struct text_buffer *tb, const void *buf, int set)
{
	const struct seminfo *i = buf;
	(void)set;
	print_field_d(tb, "{semmap=", i->semmap);
	print_field_d(tb, ", semmni=", i->semmni);
	print_field_d(tb, ", semmns=", i->semmns);
	print_field_d(tb, ", semmnu=", i->semmnu);
	print_field_d(tb, ", semmsl=", i->semmsl);
	print_field_d(tb, ", semopm=", i->semopm);
	print_field_d(tb, ", semume=", i->semume);
	print_field_d(tb, ", semusz=", i->semusz);
	print_field_d(tb, ", semvmx=", i->semvmx);
	print_field_d(tb, ", semaem=", i->semaem);
	tb_char(tb, '}');
}

static void print_shmid_ds(struct text_buffer *tb, const void *buf, int set)
{
	const struct shmid64_ds *d = buf;
	print_ipc_perm(tb, "{shm_perm", &d->shm_perm, set);
	if (!set) {
		print_field_u(tb, ", shm_segsz=", d->shm_segsz);
		print_field_d(tb, ", shm_cpid=", d->shm_cpid);
		print_field_d(tb, ", shm_lpid=", d->shm_lpid);
		print_field_u(tb, ", shm_nattch=", d->shm_nattch);
		print_field_u(tb, ", shm_atime=", (unsigned long)d->shm_atime);
		print_field_u(tb, ", shm_dtime=", (unsigned long)d->shm_dtime);
		print_field_u(tb, ", shm_ctime=", (unsigned long)d->shm_ctime);
	}
	tb_char(tb, '}');
}

static void print_shminfo(struct text_buffer *tb, const void *buf, int set)
{
	const struct shminfo64 *i = buf;
	(void)set;
	print_field_u(tb, "{shmmax=", i->shmmax);
	print_field_u(tb, ", shmmin=", i->shmmin);
	print_field_u(tb, ", shmmni=", i->shmmni);
	print_field_u(tb, ", shmseg=", i->shmseg);
	print_field_u(tb, ", shmall=", i->shmall);
	tb_char(tb, '}');
}

static void print_shm_info(struct text_buffer *tb, const void *buf, int set)
{
	const struct shm_info *i = buf;
	(void)set;
	print_field_d(tb, "{used_ids=", i->used_ids);
	print_field_u(tb, ", shm_tot=", i->shm_tot);
	print_field_u(tb, ", shm_rss=", i->shm_rss);
	print_field_u(tb, ", shm_swp=", i->shm_swp);
	print_field_u(tb, ", swap_attempts=", i->swap_attempts);
	print_field_u(tb, ", swap_successes=", i->swap_successes);
	tb_char(tb, '}');
}

typedef void ipc_struct_printer(struct text_buffer *, const void *, int);

/* One ctl call's commands: which print a structure and which. The
 * IPC_STAT-like ones print the call's *id_ds (so does IPC_SET, on entry,
 * its writable fields alone), IPC_INFO and the call's own INFO command
 * the limits. */
struct ipc_ctl {
	uint8_t cmd_table;      /* enum value_table_id of the commands */
	uint8_t stat_cmd, stat_any_cmd, info_cmd;
	ipc_struct_printer *ds, *ipc_info, *info;
	size_t ds_size, ipc_info_size, info_size;
};

static const struct ipc_ctl ipc_ctls[] = {
	{ VT_MSGCTL_CMD, MSG_STAT, MSG_STAT_ANY, MSG_INFO,
	  print_msqid_ds, print_msginfo, print_msginfo,
	  sizeof(struct msqid64_ds), sizeof(struct msginfo),
	  sizeof(struct msginfo) },
	{ VT_SEMCTL_CMD, SEM_STAT, SEM_STAT_ANY, SEM_INFO,
	  print_semid_ds, print_seminfo, print_seminfo,
	  sizeof(struct semid64_ds), sizeof(struct seminfo),
	  sizeof(struct seminfo) },
	{ VT_SHMCTL_CMD, SHM_STAT, SHM_STAT_ANY, SHM_INFO,
	  print_shmid_ds, print_shminfo, print_shm_info,
	  sizeof(struct shmid64_ds), sizeof(struct shminfo64),
	  sizeof(struct shm_info) },
};

union ipc_buf {
	struct msqid64_ds msq;
	struct msginfo msginfo;
	struct semid64_ds sem;
	struct seminfo seminfo;
	struct shmid64_ds shm;
	struct shminfo64 shminfo;
	struct shm_info shm_info;
};

static void print_ipc_buf(const struct decode_context *ctx, uintptr_t addr,
			  ipc_struct_printer *print, size_t size, int set)
{
	union ipc_buf buf;
	if (read_result_or_print_addr(ctx, &buf, addr, size))
		print(ctx->tb, &buf, set);
}

/* The row's command argument is its ARG_ENUM, the buffer its last. */
void decode_ipc_ctl(const struct decode_context *ctx)
{
	struct text_buffer *tb = ctx->tb;
	const struct syscall_signature *sig = syscall_lookup(ctx->nr);
	int cmd_arg = 0;
	while (cmd_arg < sig->nargs && sig->args[cmd_arg].kind != ARG_ENUM)
		cmd_arg++;
	const struct ipc_ctl *c = 0;
	for (unsigned k = 0; k < sizeof ipc_ctls / sizeof *ipc_ctls; k++)
		if (ipc_ctls[k].cmd_table == sig->args[cmd_arg].type)
			c = &ipc_ctls[k];
	unsigned raw_cmd = (unsigned)ctx->args[cmd_arg];
	unsigned cmd = raw_cmd & ~(unsigned)IPC_64;
	uintptr_t addr = (uintptr_t)ctx->args[sig->nargs - 1];
	int stat = cmd == IPC_STAT || cmd == c->stat_cmd ||
		   cmd == c->stat_any_cmd;
	int info = cmd == IPC_INFO || cmd == c->info_cmd;
	if (!ctx->exiting) {
		for (int i = 0; i < cmd_arg; i++) {
			print_arg(ctx, sig, i);
			tb_str(tb, ", ");
		}
		if (raw_cmd & IPC_64) {
			print_named_value(tb, IPC_64, "IPC_64", CONST_HEX);
			tb_char(tb, '|');
		}
		print_enum(tb, value_table_get(c->cmd_table), cmd);
		tb_str(tb, ", ");
		if (cmd == IPC_SET)
			print_ipc_buf(ctx, addr, c->ds, c->ds_size, 1);
		else if (!stat && !info)
			tb_ptr(tb, addr);
		return;
	}
	if (stat)
		print_ipc_buf(ctx, addr, c->ds, c->ds_size, 0);
	else if (cmd == IPC_INFO)
		print_ipc_buf(ctx, addr, c->ipc_info, c->ipc_info_size, 0);
	else if (info)
		print_ipc_buf(ctx, addr, c->info, c->info_size, 0);
}
