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

int maps_read(struct maps *m)
{
	m->text = 0;
	m->entries = 0;
	m->count = 0;
	size_t cap = 64 * 1024;
	for (;;) {
		char *buf = pages_alloc(cap);
		if (!buf)
			return -12; /* ENOMEM */
		long fd = raw_openat(AT_FDCWD, "/proc/self/maps",
				     O_RDONLY | O_CLOEXEC, 0);
		if (fd < 0) {
			pages_free(buf, cap);
			return (int)fd;
		}
		size_t len = 0;
		long r;
		while (len < cap &&
		       (r = raw_read((int)fd, buf + len, cap - len)) > 0)
			len += (size_t)r;
		raw_close((int)fd);
		if (len == cap) { /* may be truncated: read again, bigger */
			pages_free(buf, cap);
			cap *= 4;
			continue;
		}
		size_t max = len / 32 + 1; /* a line is longer than 32 bytes */
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
	pages_free(m->text, m->text_size);
	pages_free(m->entries, m->entries_size);
	m->text = 0;
	m->entries = 0;
	m->count = 0;
}
