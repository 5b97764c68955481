/* The settings a tool's image gets (tool_settings.h). */
#include "tools/run/tool_settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t name_len(const char *kv)
{
	const char *eq = strchr(kv, '=');
	return eq ? (size_t)(eq - kv) : strlen(kv);
}

int tool_settings_has(const char *const *list, const char *kv)
{
	size_t n = name_len(kv);
	for (; list && *list; list++)
		if (name_len(*list) == n && !strncmp(*list, kv, n))
			return 1;
	return 0;
}

static const char *value_of(char *const *env, const char *name)
{
	size_t n = strlen(name);
	for (; env && *env; env++)
		if (!strncmp(*env, name, n) && (*env)[n] == '=')
			return *env + n + 1;
	return 0;
}

char **tool_settings_for_image(const char *const *user, char *const *env,
			       const char *preload)
{
	size_t nu = 0, ne = 0;
	while (user && user[nu])
		nu++;
	while (env && env[ne])
		ne++;
	char **all = calloc(nu + ne + 3, sizeof *all);
	if (!all)
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < nu; i++)
		all[k++] = (char *)user[i];
	for (size_t i = 0; i < ne; i++) {
		if (strncmp(env[i], "SYSTRAP_", 8) ||
		    !strncmp(env[i], "SYSTRAP_LAUNCHER=", 17) ||
		    tool_settings_has((const char *const *)all, env[i]))
			continue;
		all[k++] = env[i];
	}
	char *s = 0;
	if (!tool_settings_has((const char *const *)all, "SYSTRAP_CACHE=")) {
		const char *xdg = value_of(env, "XDG_CACHE_HOME");
		const char *home = value_of(env, "HOME");
		if (xdg && xdg[0] == '/') {
			if (asprintf(&s, "SYSTRAP_CACHE=%s/systrap", xdg) < 0)
				s = 0;
		} else if (home && home[0] == '/') {
			if (asprintf(&s, "SYSTRAP_CACHE=%s/.cache/systrap", home) < 0)
				s = 0;
		}
		if (s)
			all[k++] = s;
	}
	if (preload && !tool_settings_has((const char *const *)all, "LD_PRELOAD=")) {
		const char *theirs = value_of(env, "LD_PRELOAD");
		if (asprintf(&s, "LD_PRELOAD=%s%s%s", preload,
			     theirs && *theirs ? ":" : "", theirs ? theirs : "") > 0)
			all[k++] = s;
	}
	all[k] = 0;
	return all;
}
