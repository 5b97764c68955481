/* A preload object for tests: traps every syscall with a handler that only
 * counts, and at exit writes the counts to $SYSTRAP_COUNT_FILE as lines
 * "nr count" after a line "pid P sites N candidates N rejected N regions N
 * decoded N jumps N". With $SYSTRAP_COUNT_FILE unset it counts silently.
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
	/* A fork child starts its own count. */
	if (call->in_child && (call->nr == SYS_fork || call->nr == SYS_vfork ||
			       (call->nr == SYS_clone &&
				!(call->args[0] & 0x100 /* CLONE_VM */))))
		for (int nr = 0; nr < MAX_NR; nr++)
			counts[nr] = 0;
}

__attribute__((constructor(101))) static void counting_init(void)
{
	const char *path = getenv("SYSTRAP_COUNT_FILE");
	if (path && str_len(path) < sizeof out_path)
		strcpy(out_path, path);
	static const struct systrap_handler h = {
		count_pre, count_post, 0, SYSTRAP_HANDLER_GENERAL_REGS_ONLY};
	systrap_register(&h);
	int r = systrap_init(0);
	if (r) {
		static const char msg[] = "counting_preload: systrap_init failed\n";
		raw_write(2, msg, sizeof msg - 1);
	}
}
