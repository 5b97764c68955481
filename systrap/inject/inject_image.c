/* Loading and running an image in one call (inject.h). */
#include <sys/syscall.h>

#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"

int inject_image_from(struct inject_target *t,
		      const struct inject_image_source *src,
		      const char *const settings[], unsigned flags,
		      long *result, struct inject_error *err)
{
	struct inject_loaded img;
	int e = inject_load_image_from(t, src, settings,
				       flags | INJECT_RUN_ENTRY, &img, err);
	if (e)
		return e;
	/* Where the load stub ran, it ran the entry too (one stop). */
	if (img.ran)
		*result = img.result;
	else
		e = inject_run_entry(t, img.entry, img.params, result, err);
	if (e || img.block_freed)
		return e;
	/* The image copied what it needed (image_abi.h): the block goes, so
	 * the program's maps show the image alone. */
	const long args[6] = {(long)img.params, (long)img.params_map_size};
	long res;
	e = inject_remote_syscall(t, SYS_munmap, args, &res, err);
	if (e)
		return e;
	if (res < 0)
		return inject_fail(err, (int)res, "remote munmap of the "
				   "parameter block failed: %ld", res);
	return 0;
}

int inject_image(struct inject_target *t, const void *elf, size_t size,
		 const char *const settings[], long *result,
		 struct inject_error *err)
{
	struct inject_image_source src = {.elf = elf, .size = size};
	return inject_image_from(t, &src, settings, 0, result, err);
}
