/* The settings a tool's image gets (its getenv reads them, never PROG's
 * environment): the user's --setting pairs, then every SYSTRAP_* variable
 * of systrap-run's own environment the user did not set, then what the
 * image cannot find out for itself. */
#ifndef SYSTRAP_TOOLS_RUN_TOOL_SETTINGS_H
#define SYSTRAP_TOOLS_RUN_TOOL_SETTINGS_H

/* NULL-ended "NAME=value" strings for the image, or NULL when out of
 * memory. user: the --setting pairs (NULL-ended). env: systrap-run's
 * environment. preload: the tool's preload, or NULL: a process whose exec
 * the launcher cannot catch (ptrace refused then) gets it in LD_PRELOAD,
 * in front of the program's own. Without SYSTRAP_CACHE, the site cache's
 * default directory is named from XDG_CACHE_HOME or HOME, as the preload
 * would find it in the program's environment. SYSTRAP_LAUNCHER is the
 * launcher's to add. */
char **tool_settings_for_image(const char *const *user, char *const *env,
			       const char *preload);

/* Whether list (NULL-ended "NAME=value") names NAME (up to its '='). */
int tool_settings_has(const char *const *list, const char *kv);

#endif
