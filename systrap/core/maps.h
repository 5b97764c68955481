/* /proc/self/maps, read and parsed with raw syscalls and no allocation
 * beyond raw pages: the list of mappings the instrumenter starts from. */
#ifndef SYSTRAP_CORE_MAPS_H
#define SYSTRAP_CORE_MAPS_H

#include <stddef.h>
#include <stdint.h>

struct mapping {
	uintptr_t start, end;
	int prot;              /* PROT_* */
	int shared;
	uint64_t offset;
	unsigned long inode;
	const char *path;      /* "" for anonymous; points into the maps text */
};

struct maps {
	struct mapping *entries;
	size_t count;
	char *text;
	size_t text_size;      /* bytes reserved for text (for maps_free) */
	size_t entries_size;
};

/* Reads and parses /proc/self/maps. Returns 0 or -errno. */
int maps_read(struct maps *m);
void maps_free(struct maps *m);

/* Parses maps text in place (NUL-terminates paths). Exposed for tests. */
size_t maps_parse(char *text, size_t len, struct mapping *out, size_t max);

#endif
