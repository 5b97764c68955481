/* string_quote: strings the way strace quotes them.
 *
 * Rules (checked against strace 6.1): printable ASCII as is, except `"` and
 * `\`; \t \n \v \f \r as C escapes; any other byte as octal, three digits
 * when the next byte is an octal digit, else as few as needed (\0, \10,
 * \177). With -x a string containing any byte that is neither printable nor
 * one of \t\n\v\f\r is printed entirely as \xNN; with -xx every string is;
 * with --strings-in-hex=non-ascii-chars those bytes alone are \xNN.
 * Strings longer than -s are cut and followed by `...` after the quote.
 *
 * Memory is read in small chunks (the formatter must stay within a small
 * stack) and twice when -x needs to know the whole string before printing.
 */
#include "systrap/arch/page.h"
#include "systrap/handlers/decode_context.h"

#define CHUNK 128
#define PATH_MAX_BYTES 4096

int read_exact(const struct decode_context *ctx, void *dst, uintptr_t src,
	       size_t n)
{
	if (src == 0 && n)
		return 0;
	return ctx->rd(dst, src, n) == n;
}

static int needs_hex(unsigned char c)
{
	if (c > 0x7e)
		return 1;
	if (c < ' ' && (c < 9 || c > 13))
		return 1;
	return 0;
}

/* Quoting state carried across chunks: whether to use hex (1: every byte
 * as \xNN; 2, non-ascii-chars: the bytes that would be octal) and the
 * byte that follows the current one (for the octal digit rule). */
static void quote_byte(struct text_buffer *tb, unsigned char c, int next,
		       int use_hex)
{
	if (use_hex == 1) {
		tb_str(tb, "\\x");
		tb_char(tb, "0123456789abcdef"[c >> 4]);
		tb_char(tb, "0123456789abcdef"[c & 15]);
		return;
	}
	switch (c) {
	case '"': tb_str(tb, "\\\""); return;
	case '\\': tb_str(tb, "\\\\"); return;
	case '\t': tb_str(tb, "\\t"); return;
	case '\n': tb_str(tb, "\\n"); return;
	case '\v': tb_str(tb, "\\v"); return;
	case '\f': tb_str(tb, "\\f"); return;
	case '\r': tb_str(tb, "\\r"); return;
	default: break;
	}
	if (c >= ' ' && c <= 0x7e) {
		tb_char(tb, (char)c);
		return;
	}
	if (use_hex == 2) {
		tb_str(tb, "\\x");
		tb_char(tb, "0123456789abcdef"[c >> 4]);
		tb_char(tb, "0123456789abcdef"[c & 15]);
		return;
	}
	tb_char(tb, '\\');
	if (next >= '0' && next <= '7')
		tb_oct_digits(tb, c, 3);
	else
		tb_oct_digits(tb, c, 1);
}

/* Prints `n` bytes at addr (already known readable, no NUL inside unless
 * the caller wants it shown) between quotes. */
static void quote_remote(const struct decode_context *ctx, uintptr_t addr,
			 size_t n, int force_hex)
{
	unsigned char chunk[CHUNK + 1];
	int use_hex = (force_hex || ctx->opts->hex_strings == 2) ? 1
		      : ctx->opts->hex_strings == 3 ? 2 : 0;
	if (!use_hex && ctx->opts->hex_strings == 1) {
		for (size_t off = 0; off < n && !use_hex; off += CHUNK) {
			size_t len = n - off < CHUNK ? n - off : CHUNK;
			size_t got = ctx->rd(chunk, addr + off, len);
			for (size_t i = 0; i < got; i++)
				if (needs_hex(chunk[i])) {
					use_hex = 1;
					break;
				}
		}
	}
	tb_char(ctx->tb, '"');
	for (size_t off = 0; off < n; off += CHUNK) {
		size_t len = n - off < CHUNK ? n - off : CHUNK;
		/* One byte more, to know the byte after the chunk's last. */
		size_t want = off + len < n ? len + 1 : len;
		size_t got = ctx->rd(chunk, addr + off, want);
		if (got < len)
			text_memset(chunk + got, 0, len - got);
		for (size_t i = 0; i < len; i++) {
			int next = (i + 1 < want && i + 1 < got + 0) ? chunk[i + 1]
								     : -1;
			quote_byte(ctx->tb, chunk[i], next, use_hex);
		}
	}
	tb_char(ctx->tb, '"');
}

/* Prints n bytes already copied in, quoted (between the quotes when
 * `quotes`); the bytes of `octal` (or none) in octal as unprintable ones. */
static void quote_bytes_ex(const struct decode_context *ctx,
			   const unsigned char *s, size_t n, int force_hex,
			   int quotes, const char *octal)
{
	int use_hex = (force_hex || ctx->opts->hex_strings == 2) ? 1
		      : ctx->opts->hex_strings == 3 ? 2 : 0;
	if (!use_hex && ctx->opts->hex_strings == 1)
		for (size_t i = 0; i < n; i++)
			if (needs_hex(s[i]))
				use_hex = 1;
	if (quotes)
		tb_char(ctx->tb, '"');
	for (size_t i = 0; i < n; i++) {
		int next = i + 1 < n ? s[i + 1] : -1;
		int special = 0;
		for (const char *o = octal; o && *o && !use_hex; o++)
			special |= s[i] == (unsigned char)*o;
		if (!special) {
			quote_byte(ctx->tb, s[i], next, use_hex);
			continue;
		}
		tb_char(ctx->tb, '\\');
		tb_oct_digits(ctx->tb, s[i], next >= '0' && next <= '7' ? 3 : 1);
	}
	if (quotes)
		tb_char(ctx->tb, '"');
}

/* Prints n bytes already copied in, between quotes. */
static void quote_bytes(const struct decode_context *ctx,
			const unsigned char *s, size_t n, int force_hex)
{
	quote_bytes_ex(ctx, s, n, force_hex, 1, 0);
}

void print_fd_path_text(const struct decode_context *ctx, const char *s,
			size_t n)
{
	quote_bytes_ex(ctx, (const unsigned char *)s, n, 0, 0, "<>");
}

void print_quoted_hex_local(const struct decode_context *ctx,
			    const unsigned char *s, size_t n)
{
	quote_bytes(ctx, s, n, 1);
}

void print_quoted_local(const struct decode_context *ctx,
			const unsigned char *s, size_t n, int nul_terminated)
{
	if (nul_terminated) {
		size_t len = 0;
		while (len < n && s[len])
			len++;
		n = len;
	}
	quote_bytes(ctx, s, n, 0);
}

/* Length of the NUL-terminated string at addr, looking at most `max` bytes.
 * Returns -1 if unreadable before a NUL or `max` bytes; *terminated says
 * whether a NUL was found within max. */
static long remote_strnlen(const struct decode_context *ctx, uintptr_t addr,
			   size_t max, int *terminated)
{
	unsigned char chunk[CHUNK];
	size_t off = 0;
	*terminated = 0;
	while (off < max) {
		size_t len = max - off < CHUNK ? max - off : CHUNK;
		size_t got = ctx->rd(chunk, addr + off, len);
		for (size_t i = 0; i < got; i++)
			if (chunk[i] == 0) {
				*terminated = 1;
				return (long)(off + i);
			}
		if (got < len)
			return -1;
		off += len;
	}
	return (long)max;
}

/* Returns the string's bytes shown (0 for NULL or an address). */
static size_t print_nul_terminated(const struct decode_context *ctx,
				   uintptr_t addr, size_t limit)
{
	if (addr == 0) {
		tb_str(ctx->tb, "NULL");
		return 0;
	}
	/* Most strings fit one chunk: read once, print from the copy (each
	 * read of the program's memory is a syscall). */
	if (limit + 1 <= CHUNK) {
		unsigned char chunk[CHUNK];
		size_t got = ctx->rd(chunk, addr, limit + 1);
		size_t len = 0;
		while (len < got && chunk[len])
			len++;
		if (len == got && got < limit + 1) {
			tb_hex_raw(ctx->tb, addr); /* unreadable before a NUL */
			return 0;
		}
		if (len > limit) {
			quote_bytes(ctx, chunk, limit, 0);
			tb_str(ctx->tb, "...");
			return limit;
		}
		quote_bytes(ctx, chunk, len, 0);
		return len;
	}
	int terminated;
	long len = remote_strnlen(ctx, addr, limit + 1, &terminated);
	if (len < 0) {
		tb_hex_raw(ctx->tb, addr);
		return 0;
	}
	if ((size_t)len > limit) {
		quote_remote(ctx, addr, limit, 0);
		tb_str(ctx->tb, "...");
		return limit;
	}
	quote_remote(ctx, addr, (size_t)len, 0);
	return (size_t)len;
}

void print_path(const struct decode_context *ctx, uintptr_t addr)
{
	int cut = ctx->opts->path_limit;
	size_t at = ctx->tb->len;
	size_t bytes = print_nul_terminated(
		ctx, addr,
		cut > 0 && cut < PATH_MAX_BYTES - 1 ? (size_t)cut
						    : PATH_MAX_BYTES - 1);
	struct path_shown *most = ctx->longest_path;
	if (most && ctx->tb->len - at > most->chars) {
		most->chars = ctx->tb->len - at;
		most->bytes = bytes;
	}
}

void print_path_max(const struct decode_context *ctx, uintptr_t addr,
		    size_t limit)
{
	print_nul_terminated(ctx, addr, limit);
}

void print_cstring(const struct decode_context *ctx, uintptr_t addr)
{
	print_nul_terminated(ctx, addr, (size_t)ctx->opts->string_limit);
}

void print_cstring_max(const struct decode_context *ctx, uintptr_t addr,
		       size_t len)
{
	if (addr == 0) {
		tb_str(ctx->tb, "NULL");
		return;
	}
	size_t limit = (size_t)ctx->opts->string_limit;
	size_t n = limit + 1 < len ? limit + 1 : len;
	int terminated;
	long got = remote_strnlen(ctx, addr, n, &terminated);
	if (got < 0) {
		tb_hex_raw(ctx->tb, addr); /* unreadable before a NUL or n */
		return;
	}
	if (terminated && (size_t)got <= limit) {
		quote_remote(ctx, addr, (size_t)got, 0);
		return;
	}
	/* No NUL in the bytes printed: strace's ellipsis. */
	quote_remote(ctx, addr, n < limit ? n : limit, 0);
	tb_str(ctx->tb, "...");
}

/* Whether all n bytes at addr can be read (a chunk at a time): strace
 * prints the address instead of bytes it cannot read. */
int format_memory_readable(read_memory_fn rd, uintptr_t addr, size_t n)
{
	if (!n)
		return 1;
	uintptr_t last = addr + n - 1;
	if (last < addr)
		return 0;
	unsigned char c;
	for (uintptr_t p = addr;; p = ARCH_PAGE_DOWN(p) + ARCH_PAGE) {
		if (rd(&c, p, 1) != 1)
			return 0;
		if (ARCH_PAGE_DOWN(p) == ARCH_PAGE_DOWN(last))
			return 1;
	}
}

static int readable(const struct decode_context *ctx, uintptr_t addr,
		    size_t n)
{
	return format_memory_readable(ctx->rd, addr, n);
}

void print_buffer(const struct decode_context *ctx, uintptr_t addr,
		  unsigned long len, int force_hex)
{
	if (addr == 0) {
		tb_str(ctx->tb, "NULL");
		return;
	}
	size_t limit = (size_t)ctx->opts->string_limit;
	size_t n = len < limit ? len : limit;
	/* strace's printstr_ex fetches one byte more than it prints when
	 * the buffer is longer, and prints the address when it cannot. */
	size_t fetch = len > limit ? limit + 1 : n;
	unsigned char probe;
	/* Most buffers print from one chunk: read once. */
	if (n && fetch <= CHUNK) {
		unsigned char chunk[CHUNK];
		if (ctx->rd(chunk, addr, fetch) != fetch) {
			tb_hex_raw(ctx->tb, addr);
			return;
		}
		quote_bytes(ctx, chunk, n, force_hex);
		if (len > n)
			tb_str(ctx->tb, "...");
		return;
	}
	if (n) {
		if (!readable(ctx, addr, fetch)) {
			tb_hex_raw(ctx->tb, addr);
			return;
		}
	} else if (ctx->rd(&probe, addr, fetch) != fetch) {
		/* -s 0: the one byte strace fetches still says whether the
		 * buffer is there (fetch is 0 for an empty one). */
		tb_hex_raw(ctx->tb, addr);
		return;
	}
	quote_remote(ctx, addr, n, force_hex);
	if (len > n)
		tb_str(ctx->tb, "...");
}

void print_path_n(const struct decode_context *ctx, uintptr_t addr,
		  unsigned long len)
{
	if (addr == 0) {
		tb_str(ctx->tb, "NULL");
		return;
	}
	if (len > PATH_MAX_BYTES)
		len = PATH_MAX_BYTES;
	if (!readable(ctx, addr, len)) {
		tb_hex_raw(ctx->tb, addr);
		return;
	}
	quote_remote(ctx, addr, len, 0);
}
