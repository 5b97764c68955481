#include "systrap/core/tiny_printf.h"

#include <stdint.h>

struct out {
	char *buf;
	size_t cap;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width,
		       int left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;
	if (!left)
		while (fill-- > 0)
			put(o, pad);
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

int tiny_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct out o = {buf, cap, 0};
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			put(&o, *p);
			continue;
		}
		p++;
		int left = 0, zero = 0, width = 0, lng = 0;
		for (;; p++) {
			if (*p == '-')
				left = 1;
			else if (*p == '0')
				zero = 1;
			else
				break;
		}
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (*p++ - '0');
		for (;; p++) {
			if (*p == 'l' || *p == 'z')
				lng++;
			else if (*p != 'h')
				break;
		}
		char tmp[24];
		int n = 0;
		uint64_t v;
		int neg = 0;
		switch (*p) {
		case '%':
			put(&o, '%');
			continue;
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			put_padded(&o, tmp, 1, width, left, ' ');
			continue;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			size_t len = 0;
			while (s[len])
				len++;
			put_padded(&o, s, len, width, left, ' ');
			continue;
		}
		case 'd':
		case 'i': {
			int64_t sv = lng ? va_arg(ap, long) : va_arg(ap, int);
			neg = sv < 0;
			v = neg ? -(uint64_t)sv : (uint64_t)sv;
			do
				tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
			while ((v /= 10));
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'p': {
			int base = *p == 'u' ? 10 : 16;
			const char *digits = *p == 'X' ? "0123456789ABCDEF"
						       : "0123456789abcdef";
			if (*p == 'p')
				v = (uintptr_t)va_arg(ap, void *);
			else
				v = lng ? va_arg(ap, unsigned long)
					: va_arg(ap, unsigned int);
			do
				tmp[sizeof tmp - 1 - n++] = digits[v % base];
			while ((v /= base));
			if (*p == 'p') {
				tmp[sizeof tmp - 1 - n++] = 'x';
				tmp[sizeof tmp - 1 - n++] = '0';
			}
			break;
		}
		default:
			/* Unknown conversion: print it as is. */
			put(&o, '%');
			if (*p)
				put(&o, *p);
			else
				p--;
			continue;
		}
		if (neg) {
			if (zero)
				put(&o, '-');
			else
				tmp[sizeof tmp - 1 - n++] = '-';
			if (zero && width)
				width--;
		}
		put_padded(&o, tmp + sizeof tmp - n, (size_t)n, width, left,
			   zero && !left ? '0' : ' ');
	}
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = 0;
	return (int)o.len;
}
