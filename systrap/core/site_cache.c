#include "systrap/core/site_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"

#define DIR_MAX 3072
static char cache_dir[DIR_MAX];
static int enabled;

/* The format and the planning rules an entry was made under: bumped
 * whenever either changes, so that no entry planned by an older systrap
 * (a window a newer one knows to be unsafe) is ever used. 5: windows keep
 * clear of landing pads. 6: a window may cover the site (shorter than a
 * jump by itself). 7: prefixed syscalls. 8: kept windows. 9: Go's
 * functions known from their symbols. 10 ("SYSTRP10"): each displaced
 * instruction's length and RIP displacement kept. */
static const char magic[8] = {'S', 'Y', 'S', 'T', 'R', 'P', '1', '0'};

struct file_head {
	char magic[8];
	struct site_cache_key key;
	struct cached_totals totals;
	uint32_t count;
	uint32_t checksum; /* of the sites: a damaged file is a miss */
};

static uint32_t checksum_of(const struct cached_site *sites, long n)
{
	uint32_t h = 2166136261u;
	const uint8_t *p = (const uint8_t *)sites;
	for (size_t i = 0; i < (size_t)n * sizeof *sites; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static size_t str_len(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static int append(char *dst, size_t *at, size_t cap, const char *s)
{
	size_t n = str_len(s);
	if (*at + n + 1 > cap)
		return -1;
	for (size_t i = 0; i < n; i++)
		dst[*at + i] = s[i];
	*at += n;
	dst[*at] = 0;
	return 0;
}

/* Whether dir is a directory of ours that nobody else can write: anyone
 * who could write it could make us patch the wrong bytes. */
static int ours_alone(const char *dir)
{
	struct stat st;
	if (raw_syscall4(SYS_newfstatat, AT_FDCWD, (long)dir, (long)&st, 0))
		return 0;
	return S_ISDIR(st.st_mode) &&
	       st.st_uid == (uid_t)raw_syscall0(SYS_geteuid) &&
	       !(st.st_mode & (S_IWGRP | S_IWOTH));
}

/* Makes dir (and, when it is under an existing one, its parent) with mode
 * 0700 unless it is there already (every start but the first: a stat, not
 * two mkdirs that fail, each taking its parent's lock), and accepts it only
 * if ours_alone. */
static int usable_dir(char *dir)
{
	if (ours_alone(dir))
		return 1;
	size_t n = str_len(dir);
	for (size_t i = n; i > 1; i--) {
		if (dir[i - 1] != '/')
			continue;
		dir[i - 1] = 0;
		raw_syscall3(SYS_mkdirat, AT_FDCWD, (long)dir, 0700);
		dir[i - 1] = '/';
		break;
	}
	raw_syscall3(SYS_mkdirat, AT_FDCWD, (long)dir, 0700);
	return ours_alone(dir);
}

void site_cache_configure(const char *dir)
{
	extern char **environ;
	enabled = 0;
	cache_dir[0] = 0;
	if (dir && (!str_len(dir) || (dir[0] == '0' && !dir[1]) ||
		    (dir[0] == 'o' && dir[1] == 'f' && dir[2] == 'f' && !dir[3])))
		return;
	size_t at = 0;
	if (dir) {
		if (append(cache_dir, &at, DIR_MAX, dir))
			return;
	} else {
		const char *xdg = 0, *home = 0;
		for (char **e = environ; e && *e; e++) {
			const char *v = *e;
			if (v[0] == 'X' && !__builtin_memcmp(v, "XDG_CACHE_HOME=", 15))
				xdg = v + 15;
			if (v[0] == 'H' && !__builtin_memcmp(v, "HOME=", 5))
				home = v + 5;
		}
		if (xdg && xdg[0] == '/') {
			if (append(cache_dir, &at, DIR_MAX, xdg) ||
			    append(cache_dir, &at, DIR_MAX, "/systrap"))
				return;
		} else if (home && home[0] == '/') {
			if (append(cache_dir, &at, DIR_MAX, home) ||
			    append(cache_dir, &at, DIR_MAX, "/.cache/systrap"))
				return;
		} else {
			return;
		}
	}
	enabled = usable_dir(cache_dir);
}

int site_cache_key_of(int fd, uint64_t offset, uint64_t length,
		      struct site_cache_key *key)
{
	struct stat st;
	if (!enabled || raw_syscall2(SYS_fstat, fd, (long)&st) ||
	    !S_ISREG(st.st_mode))
		return -1;
	key->dev = st.st_dev;
	key->ino = st.st_ino;
	key->size = (uint64_t)st.st_size;
	key->mtime_sec = (uint64_t)st.st_mtim.tv_sec;
	key->mtime_nsec = (uint64_t)st.st_mtim.tv_nsec;
	key->offset = offset;
	key->length = length;
	return 0;
}

int site_cache_key_of_bytes(const void *bytes, uint64_t length,
			    struct site_cache_key *key)
{
	if (!enabled)
		return -1;
	/* Two independent 64-bit hashes of the bytes, a word at a time (the
	 * vDSO's 8 KiB in a few microseconds), in place of a file's device
	 * and inode; a nanosecond no file has marks the key as one of
	 * bytes. The sites an entry names are checked against the code
	 * before use, as for a file's. */
	uint64_t a = 0xcbf29ce484222325ULL, b = 0x6a09e667f3bcc908ULL;
	const uint8_t *p = bytes;
	for (uint64_t i = 0; i < length; i += 8) {
		uint64_t w = 0;
		for (uint64_t k = 0; k < 8 && i + k < length; k++)
			w |= (uint64_t)p[i + k] << (8 * k);
		a = (a ^ w) * 0x100000001b3ULL;
		b = (b ^ w) * 0x9e3779b97f4a7c15ULL;
		b ^= b >> 29;
	}
	*key = (struct site_cache_key){
		.dev = b,
		.ino = a,
		.size = length,
		.mtime_sec = 0,
		.mtime_nsec = UINT64_MAX,
		.offset = 0,
		.length = length,
	};
	return 0;
}

/* dir/NAME-HASH, NAME the object's file name, for people looking. */
static int path_of(const struct site_cache_key *key, const char *object,
		   char *out, size_t cap)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const uint8_t *p = (const uint8_t *)key;
	for (size_t i = 0; i < sizeof *key; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	const char *name = object;
	for (const char *s = object; *s; s++)
		if (*s == '/')
			name = s + 1;
	char tail[64];
	size_t n = 0;
	tail[n++] = '-';
	for (int shift = 60; shift >= 0; shift -= 4)
		tail[n++] = "0123456789abcdef"[(h >> shift) & 0xf];
	tail[n] = 0;
	size_t at = 0;
	char short_name[64];
	size_t k = 0;
	for (; name[k] && k < sizeof short_name - 1; k++)
		short_name[k] = name[k];
	short_name[k] = 0;
	return append(out, &at, cap, cache_dir) || append(out, &at, cap, "/") ||
	       append(out, &at, cap, short_name) || append(out, &at, cap, tail);
}

static int same_key(const struct site_cache_key *a,
		    const struct site_cache_key *b)
{
	return !__builtin_memcmp(a, b, sizeof *a);
}

static int read_all(int fd, void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		long r = raw_read(fd, (char *)buf + got, n - got);
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

long site_cache_load(const struct site_cache_key *key, const char *object,
		     struct cached_site *out, long max,
		     struct cached_totals *totals)
{
	char path[DIR_MAX + 128];
	if (!enabled || path_of(key, object, path, sizeof path))
		return -1;
	long fd = raw_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct file_head head;
	long result = -1;
	if (read_all((int)fd, &head, sizeof head) ||
	    __builtin_memcmp(head.magic, magic, sizeof magic) ||
	    !same_key(&head.key, key) || head.count > (uint64_t)max)
		goto out;
	if (head.count && read_all((int)fd, out, head.count * sizeof *out))
		goto out;
	char extra;
	if (raw_read((int)fd, &extra, 1) != 0 || /* exactly as written */
	    checksum_of(out, head.count) != head.checksum)
		goto out;
	*totals = head.totals;
	result = head.count;
out:
	raw_close((int)fd);
	return result;
}

void site_cache_store(const struct site_cache_key *key, const char *object,
		      const struct cached_site *sites, long n,
		      const struct cached_totals *totals)
{
	char path[DIR_MAX + 128], tmp[DIR_MAX + 160];
	if (!enabled || n < 0 || path_of(key, object, path, sizeof path))
		return;
	size_t at = 0;
	char pid[24];
	long v = raw_getpid();
	int k = 0;
	pid[k++] = '.';
	char digits[20];
	int d = 0;
	do
		digits[d++] = (char)('0' + v % 10);
	while ((v /= 10));
	while (d)
		pid[k++] = digits[--d];
	pid[k] = 0;
	if (append(tmp, &at, sizeof tmp, path) ||
	    append(tmp, &at, sizeof tmp, pid))
		return;
	long fd = raw_openat(AT_FDCWD, tmp,
			     O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	struct file_head head;
	__builtin_memcpy(head.magic, magic, sizeof magic);
	head.key = *key;
	head.totals = *totals;
	head.count = (uint32_t)n;
	head.checksum = checksum_of(sites, n);
	int ok = raw_write((int)fd, &head, sizeof head) == (long)sizeof head &&
		 (!n || raw_write((int)fd, sites, (size_t)n * sizeof *sites) ==
				(long)((size_t)n * sizeof *sites));
	raw_close((int)fd);
	if (!ok || raw_syscall4(SYS_renameat, AT_FDCWD, (long)tmp, AT_FDCWD,
				(long)path))
		raw_syscall3(SYS_unlinkat, AT_FDCWD, (long)tmp, 0);
}
