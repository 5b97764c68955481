/* verbose_decoders: what strace 6.1 prints under -v (-e abbrev=none) where
 * its default is an abbreviation: every field of struct stat and statx
 * (times with their date in a comment), of struct rusage, and the entries
 * getdents/getdents64 returned. The abbreviated forms stay in
 * struct_decoders.c, which calls these when ctx_abbrev() says no; nothing
 * here runs unless -v or -e abbrev= was given.
 *
 * Dates: strace formats them with localtime(); here, on the trap path
 * (no libc, no time zone files), they are in UTC, "+0000" (the -t
 * timestamps are UTC too): the same text where TZ is UTC.
 */
#include "systrap/handlers/decode_context.h"

#include <asm/stat.h>
#include <linux/stat.h>
#include <limits.h>

#include "systrap/handlers/value_tables.h"

/* 2 digits, zero-padded. */
static void two(struct text_buffer *tb, unsigned v)
{
	tb_char(tb, (char)('0' + v / 10 % 10));
	tb_char(tb, (char)('0' + v % 10));
}

/* strace's sprinttime_ex(): the date of sec (UTC), and part (a fraction
 * of a second in `digits` digits, 9 for nanoseconds, 6 for microseconds)
 * when not 0, as 2026-12-01T03:02:04.123456789+0000, after prefix; nothing
 * (0) for the epoch itself, a part too large, or a year that libc's
 * struct tm cannot hold. */
int print_date(struct text_buffer *tb, const char *prefix, long long sec,
	       unsigned long long part, int digits)
{
	unsigned long long max = 1;
	for (int i = 0; i < digits; i++)
		max *= 10;
	if ((sec == 0 && part == 0) || part >= max)
		return 0;
	long long days = sec / 86400, rem = sec % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	/* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
	long long z = days + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	unsigned day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	unsigned month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	long long year = yoe + era * 400 + (month <= 2);
	if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) /* tm_year */
		return 0;
	tb_str(tb, prefix);
	tb_dec(tb, year);
	tb_char(tb, '-');
	two(tb, month);
	tb_char(tb, '-');
	two(tb, day);
	tb_char(tb, 'T');
	two(tb, (unsigned)(rem / 3600));
	tb_char(tb, ':');
	two(tb, (unsigned)(rem / 60 % 60));
	tb_char(tb, ':');
	two(tb, (unsigned)(rem % 60));
	if (part) {
		char text[9];
		for (int i = digits - 1; i >= 0; i--, part /= 10)
			text[i] = (char)('0' + part % 10);
		tb_char(tb, '.');
		tb_mem(tb, text, (size_t)digits);
	}
	tb_str(tb, "+0000");
	return 1;
}

/* The date in a comment after the number (strace's tprints_comment of a
 * sprinttime_*). */
void print_time_comment_part(struct text_buffer *tb, long long sec,
			     unsigned long long part, int digits)
{
	if (print_date(tb, " /* ", sec, part, digits))
		tb_str(tb, " */");
}

/* strace's sprinttime_nsec(): nanoseconds. */
void print_time_comment(struct text_buffer *tb, long long sec,
			unsigned long long nsec)
{
	print_time_comment_part(tb, sec, nsec, 9);
}

/* "makedev(0x8, 0x1)": glibc's major()/minor() of a dev_t. */
void print_makedev(struct text_buffer *tb, uint64_t dev)
{
	int begun = const_names_begin(tb, dev, CONST_HEX); /* -X */
	if (!begun)
		return;
	tb_str(tb, "makedev(");
	tb_hex(tb, ((dev >> 32) & 0xfffff000) | ((dev >> 8) & 0xfff));
	tb_str(tb, ", ");
	tb_hex(tb, ((dev >> 12) & 0xffffff00) | (dev & 0xff));
	tb_char(tb, ')');
	const_names_end(tb, begun);
}

static void field_u(struct text_buffer *tb, const char *name,
		    unsigned long long v)
{
	tb_str(tb, name);
	tb_udec(tb, v);
}

/* ", st_atime=SEC, st_atime_nsec=NSEC" with the date after SEC. */
static void stat_time(struct text_buffer *tb, const char *name,
		      long long sec, unsigned long long nsec)
{
	tb_str(tb, ", ");
	tb_str(tb, name);
	tb_char(tb, '=');
	tb_dec(tb, sec);
	print_time_comment(tb, sec, nsec);
	tb_str(tb, ", ");
	tb_str(tb, name);
	tb_str(tb, "_nsec=");
	tb_udec(tb, nsec);
}

/* strace's print_struct_stat() with !abbrev(tcp). */
void print_stat_unabbreviated(const struct decode_context *ctx, uintptr_t addr)
{
	struct stat st;
	if (!read_or_print_addr(ctx, &st, addr, sizeof st))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{st_dev=");
	print_makedev(tb, st.st_dev);
	field_u(tb, ", st_ino=", st.st_ino);
	tb_str(tb, ", st_mode=");
	print_file_mode(tb, st.st_mode);
	field_u(tb, ", st_nlink=", st.st_nlink);
	field_u(tb, ", st_uid=", st.st_uid);
	field_u(tb, ", st_gid=", st.st_gid);
	field_u(tb, ", st_blksize=", (unsigned long long)st.st_blksize);
	field_u(tb, ", st_blocks=", (unsigned long long)st.st_blocks);
	if (file_mode_is_device(st.st_mode)) {
		tb_str(tb, ", st_rdev=");
		print_makedev(tb, st.st_rdev);
	} else {
		field_u(tb, ", st_size=", (unsigned long long)st.st_size);
	}
	stat_time(tb, "st_atime", (long)st.st_atime, st.st_atime_nsec);
	stat_time(tb, "st_mtime", (long)st.st_mtime, st.st_mtime_nsec);
	stat_time(tb, "st_ctime", (long)st.st_ctime, st.st_ctime_nsec);
	tb_char(tb, '}');
}

static void statx_id(struct text_buffer *tb, const char *name, uint32_t id)
{
	tb_str(tb, name);
	if (id == UINT32_MAX)
		tb_str(tb, "-1");
	else
		tb_udec(tb, id);
}

static void statx_time(struct text_buffer *tb, const char *name,
		       const struct statx_timestamp *t)
{
	tb_str(tb, name);
	tb_str(tb, "{tv_sec=");
	tb_dec(tb, t->tv_sec);
	tb_str(tb, ", tv_nsec=");
	tb_udec(tb, t->tv_nsec);
	tb_char(tb, '}');
	print_time_comment(tb, t->tv_sec, t->tv_nsec);
}

/* strace's statx decoder with !abbrev(tcp): the fields the mask says the
 * kernel filled, and those it always fills. */
void print_statx_unabbreviated(const struct decode_context *ctx,
			       uintptr_t addr)
{
	struct statx sx;
	if (!read_or_print_addr(ctx, &sx, addr, sizeof sx))
		return;
	struct text_buffer *tb = ctx->tb;
	const struct value_table *attrs = value_table_get(VT_STATX_ATTRS);
	uint32_t m = sx.stx_mask;
	tb_str(tb, "{stx_mask=");
	print_flags(tb, value_table_get(VT_STATX_MASK), m);
	field_u(tb, ", stx_blksize=", sx.stx_blksize);
	tb_str(tb, ", stx_attributes=");
	print_flags(tb, attrs, sx.stx_attributes);
	if (m & STATX_NLINK)
		field_u(tb, ", stx_nlink=", sx.stx_nlink);
	if (m & STATX_UID)
		statx_id(tb, ", stx_uid=", sx.stx_uid);
	if (m & STATX_GID)
		statx_id(tb, ", stx_gid=", sx.stx_gid);
	if (m & (STATX_TYPE | STATX_MODE)) {
		tb_str(tb, ", stx_mode=");
		print_file_mode(tb, sx.stx_mode);
	}
	if (m & STATX_INO)
		field_u(tb, ", stx_ino=", sx.stx_ino);
	if (m & STATX_SIZE)
		field_u(tb, ", stx_size=", sx.stx_size);
	if (m & STATX_BLOCKS)
		field_u(tb, ", stx_blocks=", sx.stx_blocks);
	tb_str(tb, ", stx_attributes_mask=");
	print_flags(tb, attrs, sx.stx_attributes_mask);
	if (m & STATX_ATIME)
		statx_time(tb, ", stx_atime=", &sx.stx_atime);
	if (m & STATX_BTIME)
		statx_time(tb, ", stx_btime=", &sx.stx_btime);
	if (m & STATX_CTIME)
		statx_time(tb, ", stx_ctime=", &sx.stx_ctime);
	if (m & STATX_MTIME)
		statx_time(tb, ", stx_mtime=", &sx.stx_mtime);
	field_u(tb, ", stx_rdev_major=", sx.stx_rdev_major);
	field_u(tb, ", stx_rdev_minor=", sx.stx_rdev_minor);
	field_u(tb, ", stx_dev_major=", sx.stx_dev_major);
	field_u(tb, ", stx_dev_minor=", sx.stx_dev_minor);
	if (m & 0x1000U /* STATX_MNT_ID */) {
		tb_str(tb, ", stx_mnt_id=");
		tb_hex(tb, sx.stx_mnt_id);
	}
	if (m & 0x2000U /* STATX_DIOALIGN */) {
		/* After stx_mnt_id: __u32 stx_dio_mem_align, _offset_align. */
		const uint32_t *dio = (const uint32_t *)(&sx.stx_mnt_id + 1);
		field_u(tb, ", stx_dio_mem_align=", dio[0]);
		field_u(tb, ", stx_dio_offset_align=", dio[1]);
	}
	tb_char(tb, '}');
}

/* The counters after ru_utime and ru_stime, in struct rusage's order. */
static const char *const rusage_counters[] = {
	"ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt",
	"ru_majflt", "ru_nswap", "ru_inblock", "ru_oublock", "ru_msgsnd",
	"ru_msgrcv", "ru_nsignals", "ru_nvcsw", "ru_nivcsw",
};

/* strace's printrusage() with !abbrev(tcp). */
void print_rusage_unabbreviated(const struct decode_context *ctx,
				uintptr_t addr)
{
	int64_t ru[4 + 14];
	if (!read_or_print_addr(ctx, ru, addr, sizeof ru))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{ru_utime=");
	print_timeval_pair(tb, ru);
	tb_str(tb, ", ru_stime=");
	print_timeval_pair(tb, ru + 2);
	for (unsigned i = 0; i < 14; i++) {
		tb_str(tb, ", ");
		tb_str(tb, rusage_counters[i]);
		tb_char(tb, '=');
		tb_udec(tb, (uint64_t)ru[4 + i]);
	}
	tb_char(tb, '}');
}

/* strace's decode_dents() with !abbrev(tcp): bytes of linux_dirent64
 * (dirent64) or linux_dirent records, each
 * {d_ino=N, d_off=N, d_reclen=N, d_type=DT_x, d_name="x"} (getdents
 * puts d_name before d_type, as its record does). */
void print_dirents_unabbreviated(const struct decode_context *ctx,
				 uintptr_t addr, long bytes, int dirent64)
{
	struct text_buffer *tb = ctx->tb;
	const unsigned header = dirent64 ? 19 : 18; /* offsetof d_name */
	const struct value_table *types = value_table_get(VT_DIRENT_TYPE);
	unsigned long len = (unsigned long)bytes;
	unsigned count = 0;
	for (;;) {
		if (len < header) {
			if (!len) {
				tb_char(tb, '[');
				count++;
			} else {
				print_buffer(ctx, addr, len, 1);
			}
			break;
		}
		struct {
			uint64_t ino, off;
			uint16_t reclen;
			uint8_t type;
		} __attribute__((packed)) d;
		if (!read_exact(ctx, &d, addr, header)) {
			if (count) {
				tb_str(tb, "... /* ");
				tb_hex_raw(tb, addr);
				tb_str(tb, " */");
			} else {
				tb_hex_raw(tb, addr);
			}
			break;
		}
		if (!count)
			tb_char(tb, '[');
		count++;
		field_u(tb, "{d_ino=", d.ino);
		field_u(tb, ", d_off=", d.off);
		field_u(tb, ", d_reclen=", d.reclen);
		unsigned long reclen = d.reclen, next_len = 0;
		uintptr_t next = 0;
		if (reclen > len) {
			tb_str(tb, " /* ");
			tb_udec(tb, reclen - len);
			tb_str(tb, " bytes overflow */");
			reclen = len;
		} else if (reclen < header) {
			tb_str(tb, " /* ");
			tb_udec(tb, header - reclen);
			tb_str(tb, " bytes underflow */");
			reclen = header;
			next_len = len - header;
		} else {
			next_len = len - reclen;
			if (next_len)
				next = addr + reclen;
		}
		len = next_len;
		unsigned long tail = reclen - header; /* d_name and after */
		if (dirent64) {
			tb_str(tb, ", d_type=");
			print_enum(tb, types, d.type);
			if (tail) {
				tb_str(tb, ", d_name=");
				print_path_max(ctx, addr + header,
					       tail > 256 ? 255 : tail - 1);
			}
		} else if (tail) {
			unsigned long name = tail - 1;
			if (name) {
				tb_str(tb, ", d_name=");
				print_path_max(ctx, addr + header,
					       (name > 256 ? 256 : name) - 1);
			}
			uint8_t type;
			tb_str(tb, ", d_type=");
			if (read_exact(ctx, &type, addr + header + tail - 1, 1))
				print_enum(tb, types, type);
			else
				tb_hex_raw(tb, addr + header + tail - 1);
		}
		tb_char(tb, '}');
		if (!next)
			break;
		tb_str(tb, ", ");
		addr = next;
	}
	if (count)
		tb_char(tb, ']');
}
