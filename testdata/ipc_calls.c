/* System V IPC calls as ipc_decoders.c decodes them: the get calls' flags
 * (names, huge page size, permission bits), semop's struct sembuf array,
 * msgsnd's and msgrcv's struct msgbuf, and the ctl calls' structures per
 * command, with refused calls among them. trace_compare_test compares each
 * line with strace 6.1's (ids, times and pids masked: they change run by
 * run). Raw syscalls, so libc adds no IPC_64 of its own. The usage counts
 * (MSG_INFO, SEM_INFO, SHM_INFO) are left out: other programs change them. */
#include <linux/ipc.h>
#include <linux/msg.h>
#include <linux/sem.h>
#include <linux/shm.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BOGUS_KEY 0x7eca8642L

int main(void)
{
	union {
		struct msqid64_ds msq;
		struct msginfo msginfo;
		struct semid64_ds sem;
		struct seminfo seminfo;
		struct shmid64_ds shm;
		struct shminfo64 shminfo;
	} buf;
	struct {
		long mtype;
		char mtext[16];
	} msg = { 42, "hello, queue" }, in;
	struct sembuf ops[2] = { { 0, 1, SEM_UNDO }, { 1, 0, IPC_NOWAIT } };
	struct timespec ts = { 1, 500 };

	memset(&buf, 0, sizeof buf);
	syscall(SYS_msgget, BOGUS_KEY, IPC_EXCL | IPC_NOWAIT | 0xface1000 | 0125);
	long q = syscall(SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0600);
	syscall(SYS_msgsnd, q, &msg, 13, 0);
	syscall(SYS_msgsnd, q, &msg, 5, IPC_NOWAIT | 0x800000);
	syscall(SYS_msgrcv, q, &in, sizeof in.mtext, 42, MSG_NOERROR);
	syscall(SYS_msgrcv, q, &in, 4, -50L, MSG_NOERROR | IPC_NOWAIT);
	syscall(SYS_msgrcv, q, &in, sizeof in.mtext, 0, IPC_NOWAIT);
	syscall(SYS_msgctl, q, IPC_STAT, &buf);
	syscall(SYS_msgctl, q, IPC_SET, &buf);
	syscall(SYS_msgctl, q, IPC_INFO, &buf);
	syscall(SYS_msgctl, q, IPC_64 | IPC_STAT, 0);
	syscall(SYS_msgctl, -1, 0xdeadbeef, 0);
	syscall(SYS_msgctl, q, IPC_RMID, 0);

	long s = syscall(SYS_semget, IPC_PRIVATE, 2, IPC_CREAT | 0640);
	syscall(SYS_semget, BOGUS_KEY, -1, 0xface1e55);
	syscall(SYS_semop, s, ops, 2);
	syscall(SYS_semop, s, 0, 1);
	syscall(SYS_semop, s, ops, 0);
	syscall(SYS_semtimedop, s, ops + 1, 1, &ts);
	syscall(SYS_semctl, s, 0, GETVAL, 0);
	syscall(SYS_semctl, s, 1, SETVAL, 7);
	syscall(SYS_semctl, s, 0, IPC_STAT, &buf);
	syscall(SYS_semctl, s, 0, IPC_SET, &buf);
	syscall(SYS_semctl, s, 0, IPC_INFO, &buf);
	syscall(SYS_semctl, -1, 0, IPC_STAT, &buf);
	syscall(SYS_semctl, s, 0, IPC_RMID, 0);

	syscall(SYS_shmget, BOGUS_KEY, 4096, 0);
	syscall(SYS_shmget, BOGUS_KEY, 4096, SHM_HUGETLB | (21 << 26) | 0600);
	syscall(SYS_shmget, BOGUS_KEY, 4096, (21 << 26) | 0x10000000);
	long m = syscall(SYS_shmget, IPC_PRIVATE, 8192, IPC_CREAT | SHM_NORESERVE | 0600);
	syscall(SYS_shmctl, m, IPC_STAT, &buf);
	syscall(SYS_shmctl, m, IPC_SET, &buf);
	syscall(SYS_shmctl, m, IPC_INFO, &buf);
	syscall(SYS_shmctl, m, SHM_LOCK, 0);
	syscall(SYS_shmctl, -1, IPC_STAT, &buf);
	syscall(SYS_shmctl, m, IPC_RMID, 0);
	return 0;
}
