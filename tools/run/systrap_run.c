/* systrap-run --tool=IMAGE [--setting NAME=VALUE]... [--no-follow-exec]
 * [--] PROG [ARGS]: runs PROG under any systrap tool, built as a
 * self-contained image by systrap_tool (NAME.image.so). The image is
 * mapped into PROG stopped before its first instruction
 * (systrap/inject/image_launcher.h), so the tool sees the dynamic loader's
 * calls and static programs too, and PROG's environment is left as it is;
 * the tool's settings (what its getenv reads) are the --setting pairs and
 * systrap-run's own SYSTRAP_* variables. Every program the tree execs gets
 * the image the same way (as a preload's LD_PRELOAD would be inherited),
 * unless --no-follow-exec. systrap-run stays PROG's parent and exits as PROG
 * did. Where ptrace is refused, PROG runs with the tool's preload instead
 * (NAME.so beside the image, in LD_PRELOAD). */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "systrap/inject/image_launcher.h"
#include "tools/launcher/launcher_signals.h"
#include "tools/run/preload_fallback.h"
#include "tools/run/program_path.h"
#include "tools/run/run_options.h"
#include "tools/run/supervise.h"
#include "tools/run/tool_settings.h"

static void die(int status, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));

static void die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("systrap-run: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(status);
}

static int follow_none(pid_t tgid, void *arg)
{
	(void)tgid;
	(void)arg;
	return 0;
}

/* An exec the launcher could not follow: said on our stderr, the one
 * place there is. */
static void notice(pid_t pid, const char *line, void *arg)
{
	(void)pid;
	(void)arg;
	fprintf(stderr, "systrap-run: %s\n", line);
}

/* In the child, before the exec: PROG gets our signal mask as it was. */
static int restore_mask(void *arg)
{
	return launcher_set_mask(arg);
}

/* ptrace refused: the preload, where there is one and it can reach PROG.
 * One line either way. */
static pid_t fall_back(const char *why, const char *image, const char *path,
		       char **argv, const char *const *user_settings,
		       const sigset_t *mask)
{
	char preload[PATH_MAX];
	const char *head = "the tool cannot be started before the program's first instruction";
	if (preload_beside(image, preload, sizeof preload)) {
		if (preload[0])
			die(1, "%s: %s, and it has no preload (no %s beside the image)",
			    why, head, preload);
		die(1, "%s: %s, and it has no preload (the image is not named NAME.image.so)",
		    why, head);
	}
	const char *cannot = preload_cannot_reach(path);
	if (cannot)
		die(1, "%s: %s, and its preload cannot reach %s: %s", why, head,
		    path, cannot);
	fprintf(stderr, "systrap-run: %s: %s; running it with its preload %s "
		"(LD_PRELOAD), which misses the dynamic loader's calls\n",
		why, head, preload);
	pid_t pid = preload_start(path, argv, preload, user_settings, mask);
	if (pid < 0)
		die(1, "fork: %s", strerror(errno));
	return pid;
}

int main(int argc, char **argv)
{
	struct run_options o;
	char err[512];
	if (run_options_parse(&o, argc, argv, err, sizeof err))
		die(1, "%s (systrap-run --help says more)", err);
	if (o.help) {
		fputs(run_usage, stdout);
		return 0;
	}
	char path[PATH_MAX];
	int status = program_path(o.prog_argv[0], path, sizeof path, err, sizeof err);
	if (status)
		die(status, "%s", err);

	struct image_launcher launcher;
	memset(&launcher, 0, sizeof launcher);
	launcher.follow = o.follow_exec ? 0 : follow_none;
	launcher.child_ended = supervise_child_ended;
	launcher.notice = notice;
	struct inject_error ierr;
	if (image_launcher_open(&launcher, o.tool, &ierr))
		die(1, "%s", ierr.msg);

	extern char **environ;
	char preload[PATH_MAX];
	int have_preload = !preload_beside(o.tool, preload, sizeof preload);
	char **settings = tool_settings_for_image(o.settings, environ,
						  have_preload ? preload : 0);
	if (!settings)
		die(1, "out of memory");

	/* SIGCHLD waits for sigtimedwait; PROG gets our mask as it was. */
	sigset_t chld, old_mask;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	launcher_block_sigchld(&old_mask);

	pid_t pid;
	int e = image_launcher_start(&launcher, path, o.prog_argv, environ,
				     restore_mask, &old_mask,
				     (const char *const *)settings, &pid, &ierr);
	if (e == -EPERM || e == -ENOSYS) {
		/* We are traced ourselves (strace -f, a debugger), a seccomp
		 * policy, Yama: the preload way, which needs no ptrace. The
		 * settings go into PROG's environment there. */
		pid = fall_back(ierr.msg, o.tool, path, o.prog_argv, o.settings,
				&old_mask);
		supervise(pid, 0);
	}
	if (e == -ENOENT)
		die(127, "%s", ierr.msg);
	if (e == -EACCES)
		die(126, "%s", ierr.msg);
	if (e)
		die(1, "cannot start the tool in %s: %s", path, ierr.msg);
	supervise(pid, &launcher);
}
