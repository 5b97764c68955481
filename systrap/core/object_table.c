/* object_table: the objects (path and load base) whose code holds sites,
 * named by a small id in the site registry and in each jump's record. */
#include "systrap/core/instrumenter_parts.h"

#include <string.h>

#include "systrap/core/arena.h"

#define MAX_OBJECTS 4096

static struct {
	const char *path;
	uintptr_t base;
} objects[MAX_OBJECTS];
static uint32_t object_count;
static struct arena object_arena = {0, 64 * 1024};

uint32_t object_table_id(const char *path, uintptr_t base)
{
	for (uint32_t i = 0; i < object_count; i++)
		if (objects[i].base == base && !strcmp(objects[i].path, path))
			return i;
	if (object_count == MAX_OBJECTS)
		return 0;
	size_t n = strlen(path) + 1;
	char *copy = arena_alloc(&object_arena, n);
	if (!copy)
		return 0;
	memcpy(copy, path, n);
	objects[object_count].path = copy;
	objects[object_count].base = base;
	return object_count++;
}

const char *instrumenter_object_path(uint32_t object)
{
	return object < object_count ? objects[object].path : "";
}

uintptr_t instrumenter_object_base(uint32_t object)
{
	return object < object_count ? objects[object].base : 0;
}

