/* text_buffer: bounded, allocation-free text output. See text_buffer.h. */
#include "systrap/handlers/text_buffer.h"

void tb_init(struct text_buffer *tb, char *buf, size_t cap)
{
	tb->buf = buf;
	tb->cap = buf ? cap : 0;
	tb->len = 0;
	tb->style = 0;
}

size_t tb_finish(struct text_buffer *tb)
{
	if (tb->cap == 0)
		return 0;
	size_t stored = tb->len < tb->cap - 1 ? tb->len : tb->cap - 1;
	tb->buf[stored] = '\0';
	return stored;
}

/* How many of n characters still fit (one byte stays for the NUL). */
static size_t room_for(const struct text_buffer *tb, size_t n)
{
	size_t room = tb->len + 1 < tb->cap ? tb->cap - 1 - tb->len : 0;
	return n < room ? n : room;
}

void tb_mem(struct text_buffer *tb, const char *s, size_t n)
{
	size_t k = room_for(tb, n);
	for (size_t i = 0; i < k; i++)
		tb->buf[tb->len + i] = s[i];
	tb->len += n;
}

void tb_str(struct text_buffer *tb, const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	tb_mem(tb, s, n);
}

void tb_spaces(struct text_buffer *tb, size_t n)
{
	size_t k = room_for(tb, n);
	for (size_t i = 0; i < k; i++)
		tb->buf[tb->len + i] = ' ';
	tb->len += n;
}

/* Bases as constants, so the divisions become multiplications: this runs
 * for every number of every traced line. */
static int digits_in_base(char *digits, unsigned long long v, unsigned base)
{
	int n = 0;
	switch (base) {
	case 10:
		do {
			digits[n++] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
		break;
	case 16:
		do {
			digits[n++] = "0123456789abcdef"[v & 15];
			v >>= 4;
		} while (v);
		break;
	case 8:
		do {
			digits[n++] = (char)('0' + (v & 7));
			v >>= 3;
		} while (v);
		break;
	default:
		do {
			digits[n++] = "0123456789abcdef"[v % base];
			v /= base;
		} while (v);
	}
	return n;
}

static void put_digits(struct text_buffer *tb, unsigned long long v,
		       unsigned base, int min_digits)
{
	char digits[32];
	int n = digits_in_base(digits, v, base);
	while (n < min_digits && n < (int)sizeof(digits))
		digits[n++] = '0';
	while (n)
		tb_char(tb, digits[--n]);
}

/* Decimal, the commonest number of a line (fds, lengths, results): small
 * values without the general loop, and the digits written in place. */
void tb_udec(struct text_buffer *tb, unsigned long long v)
{
	if (v < 10) {
		tb_char(tb, (char)('0' + v));
		return;
	}
	char digits[20];
	int n = 0;
	do {
		digits[19 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	tb_mem(tb, digits + 20 - n, (size_t)n);
}

void tb_dec(struct text_buffer *tb, long long v)
{
	if (v < 0) {
		tb_char(tb, '-');
		tb_udec(tb, 0ULL - (unsigned long long)v);
	} else {
		tb_udec(tb, (unsigned long long)v);
	}
}

void tb_hex(struct text_buffer *tb, unsigned long long v)
{
	if (v == 0) {
		tb_char(tb, '0');
		return;
	}
	tb_hex_raw(tb, v);
}

void tb_hex_raw(struct text_buffer *tb, unsigned long long v)
{
	tb_str(tb, "0x");
	put_digits(tb, v, 16, 1);
}

void tb_oct(struct text_buffer *tb, unsigned long long v)
{
	tb_char(tb, '0');
	if (v)
		put_digits(tb, v, 8, 1);
}

void tb_oct_digits(struct text_buffer *tb, unsigned long long v, int width)
{
	put_digits(tb, v, 8, width);
}

void tb_ptr(struct text_buffer *tb, unsigned long long v)
{
	if (v == 0)
		tb_str(tb, "NULL");
	else
		tb_hex_raw(tb, v);
}

size_t text_strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int text_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

void text_memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	while (n--)
		*d++ = (unsigned char)c;
}
