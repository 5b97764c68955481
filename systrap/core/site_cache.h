/* A persistent cache of what instrumenting an object's code found: its
 * syscall sites, the instruction before each, whether that instruction can
 * move, and the fill a short hop uses. Decoding is most of systrap's
 * start-up; an object already seen (same file: device, inode, size,
 * modification time; same part of it) needs none.
 *
 * One small file per object and region in a directory only the user can
 * write ($SYSTRAP_CACHE, else $XDG_CACHE_HOME/systrap, else
 * ~/.cache/systrap; SYSTRAP_CACHE=off disables it). A cached result is used
 * only when every site it names still holds the syscall's bytes; any
 * mismatch, or a file that is not exactly as written, is a miss. Files are
 * written whole under a temporary name and renamed, so concurrent processes
 * never see half of one. Raw syscalls only: this runs on the trap path too
 * (code mapped by dlopen). */
#ifndef SYSTRAP_CORE_SITE_CACHE_H
#define SYSTRAP_CORE_SITE_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "systrap/arch/jump_patch.h"

struct site_cache_key {
	uint64_t dev, ino, size, mtime_sec, mtime_nsec;
	uint64_t offset; /* file offset of the region's first byte */
	uint64_t length; /* the region's length */
};

#define CACHED_WINDOW 0x1 /* window_insns, window_len, window_kept,
			     moved known */
#define CACHED_FILL 0x2   /* fill says where the short hop goes (0: none) */

struct cached_site {
	uint32_t site;        /* offset in the region */
	int32_t fill;         /* short hop's jump, relative to the site; 0 none */
	uint8_t window_insns; /* instructions a jump displaces; 0 none */
	uint8_t window_len;   /* their bytes, ending at the syscall's start */
	uint8_t flags;        /* CACHED_* */
	uint8_t prefix_len;   /* prefixes of the syscall before its 0f 05 */
	uint8_t window_kept;  /* a kept window's bytes left in place */
	/* Each displaced instruction, in address order: its length | its
	 * RIP displacement's offset << 4 (planned_site's moved): a warm
	 * start builds trampolines without decoding. */
	uint8_t moved[ARCH_MAX_MOVED];
};

struct cached_totals {
	uint32_t candidates, rejected;
};

/* Chooses the directory, at init (libc allowed): dir, or NULL for the
 * default; "off" or "0" disables the cache. */
void site_cache_configure(const char *dir);

/* The key of the region [offset, offset + length) of the file open as fd.
 * Returns 0, or -1 when there is no cache or the file cannot be keyed. */
int site_cache_key_of(int fd, uint64_t offset, uint64_t length,
		      struct site_cache_key *key);

/* The key of code that has no file (the vDSO): its length bytes at bytes.
 * Returns 0, or -1 when there is no cache. */
int site_cache_key_of_bytes(const void *bytes, uint64_t length,
			    struct site_cache_key *key);

/* Loads the entry for key into out[0..max) and *totals. Returns the number
 * of sites, or -1 on a miss. */
long site_cache_load(const struct site_cache_key *key, const char *object,
		     struct cached_site *out, long max,
		     struct cached_totals *totals);

/* Stores n sites for key (best effort: errors are ignored). */
void site_cache_store(const struct site_cache_key *key, const char *object,
		      const struct cached_site *sites, long n,
		      const struct cached_totals *totals);

#endif
