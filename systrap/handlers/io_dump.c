/* io_dump: strace's dumpio for -e read=SET / -e write=SET (io_dump.h). */
#include "systrap/handlers/io_dump.h"

#include "systrap/handlers/syscall_table.h"
#include "systrap/handlers/text_buffer.h"

/* Lines gathered in the sink's buffer, handed over whole. */
struct dump_out {
	const struct io_dump_sink *sink;
	size_t len;
};

static void flush(struct dump_out *o)
{
	if (o->len)
		o->sink->emit(o->sink->cookie, o->sink->buf, o->len);
	o->len = 0;
}

/* One finished line (at most IO_DUMP_MIN_BUFFER bytes). */
static void put_line(struct dump_out *o, const struct text_buffer *line)
{
	size_t n = line->len < line->cap ? line->len : line->cap - 1;
	if (o->len + n > o->sink->cap)
		flush(o);
	for (size_t i = 0; i < n; i++)
		o->sink->buf[o->len + i] = line->buf[i];
	o->len += n;
}

static const char hex_digits[] = "0123456789abcdef";

/* strace's dumpstr: len bytes at addr, fetched in blocks of at most 64 KiB
 * (a block that cannot be read ends the dump, with a note unless it is the
 * first). */
static void dump_bytes(struct dump_out *o, read_memory_fn rd, int tid,
		       uintptr_t addr, unsigned long len)
{
	enum { WIDTH = 16, BLOCK = 1 << 16, CHUNK = 256 };
	if (len > len + WIDTH || addr + len < addr)
		return;
	unsigned long alloc = (len + WIDTH - 1) / WIDTH * WIDTH;
	if (alloc > BLOCK)
		alloc = BLOCK;
	/* The offset's width: 5 hex digits, more for dumps beyond 1 MiB. */
	int offs_chars = 5;
	if (len > (1ul << 20)) {
		int log = 63 - __builtin_clzl(len - 1);
		offs_chars = 1 + log / 4;
	}
	unsigned char data[CHUNK];
	unsigned long have_from = 0, have_len = 0; /* data[] holds these */
	char line_buf[IO_DUMP_MIN_BUFFER];
	for (unsigned long i = 0; i < len; i += WIDTH) {
		if (i % BLOCK == 0) {
			unsigned long fetch = len - i < alloc ? len - i : alloc;
			/* strace fetches a block in one read and prints
			 * nothing of one it cannot; we print a chunk at a
			 * time, so we ask first. */
			if (!format_memory_readable(rd, addr + i, fetch)) {
				if (i) {
					struct text_buffer tb;
					tb_init(&tb, line_buf, sizeof line_buf);
					tb_str(&tb, " | <Cannot fetch ");
					tb_udec(&tb, fetch);
					tb_str(&tb, fetch == 1 ? " byte" : " bytes");
					tb_str(&tb, " from pid ");
					tb_dec(&tb, tid);
					tb_str(&tb, " @");
					tb_hex(&tb, addr + i);
					tb_str(&tb, ">\n");
					put_line(o, &tb);
				}
				return;
			}
		}
		unsigned long n = len - i < WIDTH ? len - i : WIDTH;
		if (i + n > have_from + have_len) {
			have_from = i;
			have_len = len - i < CHUNK ? len - i : CHUNK;
			/* Readable a moment ago; should it be gone now, the
			 * rest prints as zeros rather than stale bytes. */
			size_t got = rd(data, addr + i, have_len);
			for (size_t k = got; k < have_len; k++)
				data[k] = 0;
		}
		const unsigned char *src = data + (i - have_from);
		struct text_buffer tb;
		tb_init(&tb, line_buf, sizeof line_buf);
		tb_str(&tb, " | ");
		for (int d = offs_chars - 1; d >= 0; d--) /* at most 16 */
			tb_char(&tb, hex_digits[(i >> (4 * d)) & 15]);
		tb_str(&tb, "  ");
		for (unsigned long k = 0; k < WIDTH; k++) {
			if (k < n) {
				tb_char(&tb, hex_digits[src[k] >> 4]);
				tb_char(&tb, hex_digits[src[k] & 15]);
			} else {
				tb_str(&tb, "  ");
			}
			tb_char(&tb, ' ');
			if (k % 8 == 7)
				tb_char(&tb, ' ');
		}
		for (unsigned long k = 0; k < WIDTH; k++)
			tb_char(&tb, k >= n ? ' '
				     : (src[k] >= ' ' && src[k] < 0x7f)
					     ? (char)src[k]
					     : '.');
		tb_str(&tb, " |\n");
		put_line(o, &tb);
	}
}

/* strace's dumpiov_upto: the buffers of struct iovec[count] at addr, up to
 * data_size bytes in all, each after " * N bytes in buffer I". Nothing when
 * the array cannot be read whole (strace reads it in one go). */
static void dump_iovec(struct dump_out *o, read_memory_fn rd, int tid,
		       int count, uintptr_t addr, unsigned long data_size)
{
	enum { IOV_SIZE = 16 };
	if (count < 0 || (unsigned)count > 0xffffffffu / IOV_SIZE ||
	    !format_memory_readable(rd, addr, (size_t)count * IOV_SIZE))
		return;
	char line_buf[64];
	for (int i = 0; i < count; i++) {
		uint64_t iov[2];
		if (rd(iov, addr + (uintptr_t)i * IOV_SIZE, sizeof iov) != sizeof iov)
			return;
		unsigned long n = iov[1];
		if (n > data_size)
			n = data_size;
		if (!n)
			break;
		data_size -= n;
		struct text_buffer tb;
		tb_init(&tb, line_buf, sizeof line_buf);
		tb_str(&tb, " * ");
		tb_udec(&tb, n);
		tb_str(&tb, " bytes in buffer ");
		tb_dec(&tb, i);
		tb_char(&tb, '\n');
		put_line(o, &tb);
		dump_bytes(o, rd, tid, (uintptr_t)iov[0], n);
	}
}

/* struct user_msghdr: msg_iov at 16, msg_iovlen at 24; 56 bytes in all.
 * struct mmsghdr: the msghdr, then msg_len (unsigned int) at 56; 64. */
enum { MSGHDR_SIZE = 56, MSGHDR_IOV = 16, MSGHDR_IOVLEN = 24, MMSGHDR_SIZE = 64,
       MMSGHDR_LEN = 56 };

static void dump_msghdr(struct dump_out *o, read_memory_fn rd, int tid,
			uintptr_t addr, unsigned long data_size)
{
	unsigned char m[MSGHDR_SIZE];
	if (!addr || rd(m, addr, sizeof m) != sizeof m)
		return;
	uint64_t iov, iovlen;
	__builtin_memcpy(&iov, m + MSGHDR_IOV, 8);
	__builtin_memcpy(&iovlen, m + MSGHDR_IOVLEN, 8);
	dump_iovec(o, rd, tid, (int)iovlen, (uintptr_t)iov, data_size);
}

/* strace's dumpiov_in_mmsghdr: the first `count` messages. */
static void dump_mmsghdrs(struct dump_out *o, read_memory_fn rd, int tid,
			  uintptr_t addr, unsigned long count)
{
	char line_buf[80];
	for (unsigned long i = 0; i < count; i++, addr += MMSGHDR_SIZE) {
		unsigned char m[MMSGHDR_SIZE];
		if (rd(m, addr, sizeof m) != sizeof m)
			break;
		uint64_t iov, iovlen;
		uint32_t msg_len;
		__builtin_memcpy(&iov, m + MSGHDR_IOV, 8);
		__builtin_memcpy(&iovlen, m + MSGHDR_IOVLEN, 8);
		__builtin_memcpy(&msg_len, m + MMSGHDR_LEN, 4);
		struct text_buffer tb;
		tb_init(&tb, line_buf, sizeof line_buf);
		tb_str(&tb, " = ");
		tb_udec(&tb, iovlen);
		tb_str(&tb, " buffers in vector ");
		tb_udec(&tb, (unsigned)i);
		tb_char(&tb, '\n');
		put_line(o, &tb);
		dump_iovec(o, rd, tid, (int)iovlen, (uintptr_t)iov, msg_len);
	}
}

void io_dump_call(long nr, const long args[6], long result, int written,
		  int read, read_memory_fn rd, int tid,
		  const struct io_dump_sink *sink)
{
	const struct syscall_signature *s = syscall_lookup(nr);
	if (!s || s->io_dump == IO_NONE || (int)args[0] < 0)
		return;
	int failed = (unsigned long)result >= (unsigned long)-4095;
	unsigned kind = s->io_dump;
	int is_write = kind <= IO_WRITE_MMSGHDR;
	if (is_write ? !written : (!read || failed))
		return;
	struct dump_out o = {sink, 0};
	uintptr_t buf = (uintptr_t)args[1];
	/* What strace's dumpio passes as a size: the request's for what was
	 * written, all of it (-1) for an iovec; the result for what was
	 * read. */
	unsigned long all = (unsigned long)-1;
	switch (kind) {
	case IO_WRITE_BUF:
		dump_bytes(&o, rd, tid, buf, (unsigned long)args[2]);
		break;
	case IO_READ_BUF:
		dump_bytes(&o, rd, tid, buf, (unsigned long)result);
		break;
	case IO_WRITE_IOV:
		dump_iovec(&o, rd, tid, (int)args[2], buf, all);
		break;
	case IO_READ_IOV:
		dump_iovec(&o, rd, tid, (int)args[2], buf, (unsigned long)result);
		break;
	case IO_WRITE_MSGHDR:
		dump_msghdr(&o, rd, tid, buf, all);
		break;
	case IO_READ_MSGHDR:
		dump_msghdr(&o, rd, tid, buf, (unsigned long)result);
		break;
	case IO_WRITE_MMSGHDR:
	case IO_READ_MMSGHDR:
		/* The messages the call handled: none when it failed (strace
		 * would walk -1 as a count, over whatever follows). */
		if (!failed)
			dump_mmsghdrs(&o, rd, tid, buf, (unsigned long)result);
		break;
	}
	flush(&o);
}
