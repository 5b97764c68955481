/* text_buffer: the one place output is produced.
 *
 * Why: the formatter runs inside a signal handler, so it cannot use stdio or
 * snprintf. Every decoder appends through these helpers into a caller-owned
 * buffer. The buffer never overflows: bytes past the capacity are counted but
 * not stored, so `len` is always the length the full text would have. That
 * count is what strace's column padding needs (format_syscall_exit recomputes
 * the entry text with capacity 0 just to learn its width).
 */
#ifndef SYSTRAP_HANDLERS_TEXT_BUFFER_H
#define SYSTRAP_HANDLERS_TEXT_BUFFER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct text_buffer {
	char *buf;   /* may be NULL when cap == 0 */
	size_t cap;  /* bytes available, including the terminating NUL */
	size_t len;  /* characters produced so far (may exceed cap - 1) */
	/* How constants are spelled (-X: enum const_style in value_tables.h);
	 * tb_init sets strace's default, abbrev (0). */
	int style;
};

void tb_init(struct text_buffer *tb, char *buf, size_t cap);
/* NUL-terminates and returns the number of characters stored. */
size_t tb_finish(struct text_buffer *tb);

/* Inline: it runs for most characters of every traced line. */
static inline void tb_char(struct text_buffer *tb, char c)
{
	if (tb->len + 1 < tb->cap)
		tb->buf[tb->len] = c;
	tb->len++;
}
void tb_mem(struct text_buffer *tb, const char *s, size_t n);
void tb_str(struct text_buffer *tb, const char *s);
void tb_spaces(struct text_buffer *tb, size_t n);

void tb_udec(struct text_buffer *tb, unsigned long long v);
void tb_dec(struct text_buffer *tb, long long v);
/* "0x" followed by lowercase hex digits; 0 prints "0" (as printf's %#llx). */
void tb_hex(struct text_buffer *tb, unsigned long long v);
/* "0x" always, even for zero (as strace's "%#x" would not): used for "0x0". */
void tb_hex_raw(struct text_buffer *tb, unsigned long long v);
/* Octal with a leading 0 (as printf's %#llo): 0 prints "0". */
void tb_oct(struct text_buffer *tb, unsigned long long v);
/* Octal digits only, padded with zeros to at least `width` digits. */
void tb_oct_digits(struct text_buffer *tb, unsigned long long v, int width);
/* Pointer: NULL for zero, otherwise hex. */
void tb_ptr(struct text_buffer *tb, unsigned long long v);

/* Pure helpers that libc would otherwise provide. */
size_t text_strlen(const char *s);
int text_streq(const char *a, const char *b);
void text_memset(void *dst, int c, size_t n);

#ifdef __cplusplus
}
#endif

#endif
