/* A preload object for tests: traps every syscall with a handler that only
 * counts, and at exit writes the counts to $SYSTRAP_COUNT_FILE as lines
 * "nr count" after a line "pid P sites N candidates N rejected N regions N
 * decoded N jumps N". With $SYSTRAP_COUNT_FILE unset it counts silently.
 * With $SYSTRAP_COUNT_LOG=NR, each distinct call of NR as the post hook saw
 * it (first three arguments, result; up to 64 of them) is written too, as
 * "call NR A0 A1 A2 = RESULT x TIMES".
 * The handlers call no libc and are compiled -mgeneral-regs-only, so they
 * may run on the jump fast path (SYSTRAP_HANDLER_GENERAL_REGS_ONLY). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/systrap.h"

#define MAX_NR 512

static unsigned long counts[MAX_NR];
static char out_path[4096];
static int written_by; /* pid that wrote the file, so a fork child appends */

/* $SYSTRAP_COUNT_LOG's calls: distinct (arguments, result), each counted. */
#define MAX_LOGGED 64
struct logged_call {
	long args[3], result;
	unsigned long times;
};
static long log_nr = -1;
static struct logged_call logged[MAX_LOGGED];
static int nlogged;
static int log_lock;

static void log_call(const struct systrap_call *call)
{
	while (__atomic_exchange_n(&log_lock, 1, __ATOMIC_ACQUIRE))
		;
	int i = 0;
	while (i < nlogged &&
	       (logged[i].args[0] != call->args[0] ||
		logged[i].args[1] != call->args[1] ||
		logged[i].args[2] != call->args[2] ||
		logged[i].result != call->result))
		i++;
	if (i == nlogged && nlogged < MAX_LOGGED) {
		logged[i].args[0] = call->args[0];
		logged[i].args[1] = call->args[1];
		logged[i].args[2] = call->args[2];
		logged[i].result = call->result;
		nlogged++;
	}
	if (i < nlogged)
		logged[i].times++;
	__atomic_store_n(&log_lock, 0, __ATOMIC_RELEASE);
}

static size_t str_len(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static char *put_num(char *p, unsigned long v)
{
	char tmp[24];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10));
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_signed(char *p, long v)
{
	if (v < 0) {
		*p++ = '-';
		return put_num(p, -(unsigned long)v);
	}
	return put_num(p, (unsigned long)v);
}

static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static void write_counts(void)
{
	if (!out_path[0])
		return;
	long fd = raw_openat(AT_FDCWD, out_path,
			     O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	char buf[64 * 24];
	char *p = buf;
	struct systrap_stats st;
	systrap_get_stats(&st);
	static const char *names[] = {"pid ",      " sites ",   " candidates ",
				      " rejected ", " regions ", " decoded ",
				      " jumps "};
	unsigned long vals[] = {(unsigned long)raw_getpid(), st.sites,
				st.candidates, st.rejected, st.regions,
				st.decoded, st.jumps};
	for (int i = 0; i < 7; i++) {
		for (const char *s = names[i]; *s; s++)
			*p++ = *s;
		p = put_num(p, vals[i]);
	}
	*p++ = '\n';
	for (int nr = 0; nr < MAX_NR; nr++) {
		if (!counts[nr])
			continue;
		if (p - buf > (long)sizeof buf - 64) {
			raw_write((int)fd, buf, (size_t)(p - buf));
			p = buf;
		}
		p = put_num(p, (unsigned long)nr);
		*p++ = ' ';
		p = put_num(p, counts[nr]);
		*p++ = '\n';
	}
	for (int i = 0; i < nlogged; i++) {
		if (p - buf > (long)sizeof buf - 160) {
			raw_write((int)fd, buf, (size_t)(p - buf));
			p = buf;
		}
		p = put_str(p, "call ");
		p = put_signed(p, log_nr);
		for (int k = 0; k < 3; k++) {
			*p++ = ' ';
			p = put_signed(p, logged[i].args[k]);
		}
		p = put_str(p, " = ");
		p = put_signed(p, logged[i].result);
		p = put_str(p, " x ");
		p = put_num(p, logged[i].times);
		*p++ = '\n';
	}
	raw_write((int)fd, buf, (size_t)(p - buf));
	raw_close((int)fd);
	written_by = (int)raw_getpid();
}

static void count_pre(struct systrap_call *call, void *arg)
{
	if (call->nr >= 0 && call->nr < MAX_NR)
		__atomic_add_fetch(&counts[call->nr], 1, __ATOMIC_RELAXED);
	if (call->nr == SYS_exit_group)
		write_counts();
}

static void count_post(struct systrap_call *call, void *arg)
{
	if (call->nr == log_nr && !call->in_child)
		log_call(call);
	/* A fork child starts its own count. */
	if (call->in_child && (call->nr == SYS_fork || call->nr == SYS_vfork ||
			       (call->nr == SYS_clone &&
				!(call->args[0] & 0x100 /* CLONE_VM */)))) {
		for (int nr = 0; nr < MAX_NR; nr++)
			counts[nr] = 0;
		nlogged = 0;
	}
}

__attribute__((constructor(101))) static void counting_init(void)
{
	const char *path = getenv("SYSTRAP_COUNT_FILE");
	if (path && str_len(path) < sizeof out_path)
		strcpy(out_path, path);
	const char *log = getenv("SYSTRAP_COUNT_LOG");
	if (log)
		log_nr = atol(log);
	static const struct systrap_handler h = {
		count_pre, count_post, 0, SYSTRAP_HANDLER_GENERAL_REGS_ONLY};
	systrap_register(&h);
	int r = systrap_init(0);
	if (r) {
		static const char msg[] = "counting_preload: systrap_init failed\n";
		raw_write(2, msg, sizeof msg - 1);
	}
}
