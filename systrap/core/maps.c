#include "systrap/core/maps.h"

#include <fcntl.h>
#include <sys/mman.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/arena.h"

static const char *parse_hex(const char *p, uint64_t *out)
{
	uint64_t v = 0;
	for (;; p++) {
		char c = *p;
		if (c >= '0' && c <= '9')
			v = v * 16 + (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (uint64_t)(c - 'a' + 10);
		else
			break;
	}
	*out = v;
	return p;
}

static const char *parse_dec(const char *p, uint64_t *out)
{
	uint64_t v = 0;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (uint64_t)(*p++ - '0');
	*out = v;
	return p;
}

/* Line format: start-end perms offset dev inode [path] */
size_t maps_parse(char *text, size_t len, struct mapping *out, size_t max)
{
	size_t n = 0;
	char *p = text, *end = text + len;
	while (p < end && n < max) {
		char *eol = p;
		while (eol < end && *eol != '\n')
			eol++;
		*eol = 0;
		uint64_t v;
		struct mapping *m = &out[n];
		const char *q = parse_hex(p, &v);
		m->start = v;
		q = parse_hex(q + 1, &v);
		m->end = v;
		q++;
		m->prot = (q[0] == 'r' ? PROT_READ : 0) |
			  (q[1] == 'w' ? PROT_WRITE : 0) |
			  (q[2] == 'x' ? PROT_EXEC : 0);
		m->shared = q[3] == 's';
		q = parse_hex(q + 5, &m->offset);
		while (*q == ' ')
			q++;
		while (*q && *q != ' ') /* dev */
			q++;
		while (*q == ' ')
			q++;
		q = parse_dec(q, &v);
		m->inode = v;
		while (*q == ' ')
			q++;
		m->path = q;
		if (m->end > m->start)
			n++;
		p = eol + 1;
	}
	return n;
}

/* One read at a time uses these (start-up's, nearly always the only one):
 * no mmap and munmap of a buffer and a table at each, and pages touched
 * once stay for the next read. Others, or a longer file, take pages of
 * their own. */
#define STATIC_TEXT (64 * 1024)
#define STATIC_ENTRIES 1024
/* Page-aligned: a start's few KiB of text and entries then touch one page
 * each, not two across a boundary (a fault each). */
static char static_text[STATIC_TEXT] __attribute__((aligned(4096)));
static struct mapping static_entries[STATIC_ENTRIES] __attribute__((aligned(4096)));
static int static_busy;

static int read_into(char *buf, size_t cap, size_t *len)
{
	long fd = raw_openat(AT_FDCWD, "/proc/self/maps", O_RDONLY | O_CLOEXEC,
			     0);
	if (fd < 0)
		return (int)fd;
	long r;
	*len = 0;
	while (*len < cap && (r = raw_read((int)fd, buf + *len, cap - *len)) > 0)
		*len += (size_t)r;
	raw_close((int)fd);
	return 0;
}

/* Into the static buffers: 0, 1 when they are taken or too small (then
 * pages of our own), or -errno. */
static int read_static(struct maps *m)
{
	int idle = 0;
	if (!__atomic_compare_exchange_n(&static_busy, &idle, 1, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 1;
	size_t len;
	int r = read_into(static_text, STATIC_TEXT, &len);
	size_t max = len / 32 + 1; /* a line is longer than 32 bytes */
	if (r || len == STATIC_TEXT || max > STATIC_ENTRIES) {
		__atomic_store_n(&static_busy, 0, __ATOMIC_RELEASE);
		return r ? r : 1;
	}
	m->text = static_text;
	m->text_size = 0;
	m->entries = static_entries;
	m->entries_size = 0;
	m->count = maps_parse(static_text, len, static_entries, max);
	return 0;
}

int maps_read(struct maps *m)
{
	m->text = 0;
	m->entries = 0;
	m->count = 0;
	int r = read_static(m);
	if (r <= 0)
		return r;
	size_t cap = STATIC_TEXT * 4;
	for (;;) {
		char *buf = pages_alloc(cap);
		if (!buf)
			return -12; /* ENOMEM */
		size_t len;
		r = read_into(buf, cap, &len);
		if (r) {
			pages_free(buf, cap);
			return r;
		}
		if (len == cap) { /* may be truncated: read again, bigger */
			pages_free(buf, cap);
			cap *= 4;
			continue;
		}
		size_t max = len / 32 + 1;
		m->entries_size = max * sizeof(struct mapping);
		m->entries = pages_alloc(m->entries_size);
		if (!m->entries) {
			pages_free(buf, cap);
			return -12;
		}
		m->text = buf;
		m->text_size = cap;
		m->count = maps_parse(buf, len, m->entries, max);
		return 0;
	}
}

void maps_free(struct maps *m)
{
	if (m->text == static_text)
		__atomic_store_n(&static_busy, 0, __ATOMIC_RELEASE);
	else {
		pages_free(m->text, m->text_size);
		pages_free(m->entries, m->entries_size);
	}
	m->text = 0;
	m->entries = 0;
	m->count = 0;
}
