/* ioctl_kd: the virtual consoles' requests (type 'K', <linux/kd.h>) as
 * strace 6.1's kd_ioctl.c and kd_mpers_ioctl.c decode them: tones, LEDs,
 * modes, screen and Unicode maps, keymap and function-key entries (a key's
 * value named in a comment: K_F1, or K(KT_LATIN, 'a')), diacritics, fonts
 * (KDFONTOP by its operation), the keyboard repeat rate.
 *
 * Each request is a row (its name and its kind); a "get" kind prints its
 * argument when the call ends, as strace does, the others at entry; some
 * print a part at entry and " => " what the kernel wrote. The names of the
 * keys are <linux/keyboard.h>'s, by key type.
 */
#include "systrap/handlers/decode_context.h"

#include <linux/kd.h>
#include <linux/keyboard.h>

#include "systrap/handlers/value_tables.h"

/* The kernel's, not in <linux/kd.h>. */
#ifndef KD_FONT_FLAG_OLD
#define KD_FONT_FLAG_OLD 0x80000000
#endif

enum kd_kind {
	KD_NONE,        /* no argument */
	KD_SOUND,       /* KIOCSOUND: a PIT count, its frequency in a comment */
	KD_TONE,        /* KDMKTONE: ticks<<16|count */
	KD_LED_SET,     /* the LEDs as the argument */
	KD_LED_GET,     /* unsigned char * of LEDs, written */
	KD_KBTYPE_GET,  /* unsigned char * of a KB_*, written */
	KD_IO,          /* an I/O port, in hex */
	KD_MODE_SET,    /* a KD_* */
	KD_MODE_GET,    /* unsigned int * of a KD_*, written */
	KD_SCRNMAP,     /* 256 bytes, in hex */
	KD_UNISCRNMAP,  /* 256 unsigned shorts */
	KD_KBMODE_SET,  /* a K_* keyboard mode, unknown ones in decimal */
	KD_KBMODE_GET,
	KD_KBENT,       /* struct kbentry */
	KD_KBSENT,      /* struct kbsentry */
	KD_DIACR,       /* struct kbdiacrs */
	KD_DIACRUC,     /* struct kbdiacrsuc */
	KD_KEYCODE,     /* struct kbkeycode */
	KD_SIGNAL,      /* KDSIGACCEPT: a signal */
	KD_KBDREP,      /* struct kbd_repeat, " => " what the kernel wrote */
	KD_FONT,        /* 8192 bytes, in hex */
	KD_META_SET,    /* a K_METABIT or K_ESCPREFIX */
	KD_META_GET,
	KD_UNIMAPCLR,   /* struct unimapinit */
	KD_CMAP,        /* 48 bytes, in hex */
	KD_UNIMAP,      /* struct unimapdesc */
	KD_FONTX,       /* struct consolefontdesc */
	KD_FONTOP,      /* struct console_font_op */
};

/* The name held in the row, not pointed to (ioctl_decoders.c's rows say
 * why); the longest is 14 letters, and S and G refuse a longer one than
 * the field holds. */
#define KD_NAME_MAX 16
struct kd_row {
	uint32_t request;
	char name[KD_NAME_MAX];
	uint8_t kind;
	uint8_t get;    /* what the argument points to is the kernel's */
};

#define S(req, kind) { (uint32_t)(req) + NAME_FITS(#req, KD_NAME_MAX), #req, kind, 0 }
#define G(req, kind) { (uint32_t)(req) + NAME_FITS(#req, KD_NAME_MAX), #req, kind, 1 }
static const struct kd_row kd_rows[] = {
	S(KIOCSOUND, KD_SOUND), S(KDMKTONE, KD_TONE),
	G(KDGETLED, KD_LED_GET), S(KDSETLED, KD_LED_SET),
	G(KDGKBLED, KD_LED_GET), S(KDSKBLED, KD_LED_SET),
	G(KDGKBTYPE, KD_KBTYPE_GET),
	S(KDADDIO, KD_IO), S(KDDELIO, KD_IO),
	S(KDENABIO, KD_NONE), S(KDDISABIO, KD_NONE),
	S(KDSETMODE, KD_MODE_SET), G(KDGETMODE, KD_MODE_GET),
	S(KDMAPDISP, KD_NONE), S(KDUNMAPDISP, KD_NONE),
	G(GIO_SCRNMAP, KD_SCRNMAP), S(PIO_SCRNMAP, KD_SCRNMAP),
	G(GIO_UNISCRNMAP, KD_UNISCRNMAP), S(PIO_UNISCRNMAP, KD_UNISCRNMAP),
	G(KDGKBMODE, KD_KBMODE_GET), S(KDSKBMODE, KD_KBMODE_SET),
	G(KDGKBENT, KD_KBENT), S(KDSKBENT, KD_KBENT),
	G(KDGKBSENT, KD_KBSENT), S(KDSKBSENT, KD_KBSENT),
	G(KDGKBDIACR, KD_DIACR), S(KDSKBDIACR, KD_DIACR),
	G(KDGKBDIACRUC, KD_DIACRUC), S(KDSKBDIACRUC, KD_DIACRUC),
	G(KDGETKEYCODE, KD_KEYCODE), S(KDSETKEYCODE, KD_KEYCODE),
	S(KDSIGACCEPT, KD_SIGNAL), S(KDKBDREP, KD_KBDREP),
	G(GIO_FONT, KD_FONT), S(PIO_FONT, KD_FONT),
	G(KDGKBMETA, KD_META_GET), S(KDSKBMETA, KD_META_SET),
	S(PIO_UNIMAPCLR, KD_UNIMAPCLR),
	G(GIO_CMAP, KD_CMAP), S(PIO_CMAP, KD_CMAP),
	G(GIO_UNIMAP, KD_UNIMAP), S(PIO_UNIMAP, KD_UNIMAP),
	G(GIO_FONTX, KD_FONTX), S(PIO_FONTX, KD_FONTX),
	S(KDFONTOP, KD_FONTOP), S(PIO_FONTRESET, KD_NONE),
};
#undef G
#undef S

#define X(name) { (uint64_t)(name), #name }
static const struct named_value fn_key_names[] = {
	X(K_F1), X(K_F2), X(K_F3), X(K_F4), X(K_F5), X(K_F6), X(K_F7), X(K_F8),
	X(K_F9), X(K_F10), X(K_F11), X(K_F12), X(K_F13), X(K_F14), X(K_F15),
	X(K_F16), X(K_F17), X(K_F18), X(K_F19), X(K_F20), X(K_FIND),
	X(K_INSERT), X(K_REMOVE), X(K_SELECT), X(K_PGUP), X(K_PGDN),
	X(K_MACRO), X(K_HELP), X(K_DO), X(K_PAUSE), X(K_F21), X(K_F22),
	X(K_F23), X(K_F24), X(K_F25), X(K_F26), X(K_F27), X(K_F28), X(K_F29),
	X(K_F30), X(K_F31), X(K_F32), X(K_F33), X(K_F34), X(K_F35), X(K_F36),
	X(K_F37), X(K_F38), X(K_F39), X(K_F40), X(K_F41), X(K_F42), X(K_F43),
	X(K_F44), X(K_F45), X(K_F46), X(K_F47), X(K_F48), X(K_F49), X(K_F50),
	X(K_F51), X(K_F52), X(K_F53), X(K_F54), X(K_F55), X(K_F56), X(K_F57),
	X(K_F58), X(K_F59), X(K_F60), X(K_F61), X(K_F62), X(K_F63), X(K_F64),
	X(K_F65), X(K_F66), X(K_F67), X(K_F68), X(K_F69), X(K_F70), X(K_F71),
	X(K_F72), X(K_F73), X(K_F74), X(K_F75), X(K_F76), X(K_F77), X(K_F78),
	X(K_F79), X(K_F80), X(K_F81), X(K_F82), X(K_F83), X(K_F84), X(K_F85),
	X(K_F86), X(K_F87), X(K_F88), X(K_F89), X(K_F90), X(K_F91), X(K_F92),
	X(K_F93), X(K_F94), X(K_F95), X(K_F96), X(K_F97), X(K_F98), X(K_F99),
	X(K_F100), X(K_F101), X(K_F102), X(K_F103), X(K_F104), X(K_F105),
	X(K_F106), X(K_F107), X(K_F108), X(K_F109), X(K_F110), X(K_F111),
	X(K_F112), X(K_F113), X(K_F114), X(K_F115), X(K_F116), X(K_F117),
	X(K_F118), X(K_F119), X(K_F120), X(K_F121), X(K_F122), X(K_F123),
	X(K_F124), X(K_F125), X(K_F126), X(K_F127), X(K_F128), X(K_F129),
	X(K_F130), X(K_F131), X(K_F132), X(K_F133), X(K_F134), X(K_F135),
	X(K_F136), X(K_F137), X(K_F138), X(K_F139), X(K_F140), X(K_F141),
	X(K_F142), X(K_F143), X(K_F144), X(K_F145), X(K_F146), X(K_F147),
	X(K_F148), X(K_F149), X(K_F150), X(K_F151), X(K_F152), X(K_F153),
	X(K_F154), X(K_F155), X(K_F156), X(K_F157), X(K_F158), X(K_F159),
	X(K_F160), X(K_F161), X(K_F162), X(K_F163), X(K_F164), X(K_F165),
	X(K_F166), X(K_F167), X(K_F168), X(K_F169), X(K_F170), X(K_F171),
	X(K_F172), X(K_F173), X(K_F174), X(K_F175), X(K_F176), X(K_F177),
	X(K_F178), X(K_F179), X(K_F180), X(K_F181), X(K_F182), X(K_F183),
	X(K_F184), X(K_F185), X(K_F186), X(K_F187), X(K_F188), X(K_F189),
	X(K_F190), X(K_F191), X(K_F192), X(K_F193), X(K_F194), X(K_F195),
	X(K_F196), X(K_F197), X(K_F198), X(K_F199), X(K_F200), X(K_F201),
	X(K_F202), X(K_F203), X(K_F204), X(K_F205), X(K_F206), X(K_F207),
	X(K_F208), X(K_F209), X(K_F210), X(K_F211), X(K_F212), X(K_F213),
	X(K_F214), X(K_F215), X(K_F216), X(K_F217), X(K_F218), X(K_F219),
	X(K_F220), X(K_F221), X(K_F222), X(K_F223), X(K_F224), X(K_F225),
	X(K_F226), X(K_F227), X(K_F228), X(K_F229), X(K_F230), X(K_F231),
	X(K_F232), X(K_F233), X(K_F234), X(K_F235), X(K_F236), X(K_F237),
	X(K_F238), X(K_F239), X(K_F240), X(K_F241), X(K_F242), X(K_F243),
	X(K_F244), X(K_F245), X(K_UNDO),
};
static const struct named_value spec_key_names[] = {
	X(K_HOLE), X(K_ENTER), X(K_SH_REGS), X(K_SH_MEM), X(K_SH_STAT),
	X(K_BREAK), X(K_CONS), X(K_CAPS), X(K_NUM), X(K_HOLD), X(K_SCROLLFORW),
	X(K_SCROLLBACK), X(K_BOOT), X(K_CAPSON), X(K_COMPOSE), X(K_SAK),
	X(K_DECRCONSOLE), X(K_INCRCONSOLE), X(K_SPAWNCONSOLE),
	X(K_BARENUMLOCK), X(K_ALLOCATED), X(K_NOSUCHMAP),
};
static const struct named_value pad_key_names[] = {
	X(K_P0), X(K_P1), X(K_P2), X(K_P3), X(K_P4), X(K_P5), X(K_P6), X(K_P7),
	X(K_P8), X(K_P9), X(K_PPLUS), X(K_PMINUS), X(K_PSTAR), X(K_PSLASH),
	X(K_PENTER), X(K_PCOMMA), X(K_PDOT), X(K_PPLUSMINUS), X(K_PPARENL),
	X(K_PPARENR),
};
static const struct named_value dead_key_names[] = {
	X(K_DGRAVE), X(K_DACUTE), X(K_DCIRCM), X(K_DTILDE), X(K_DDIERE),
	X(K_DCEDIL), X(K_DMACRON), X(K_DBREVE), X(K_DABDOT), X(K_DABRING),
	X(K_DDBACUTE), X(K_DCARON), X(K_DOGONEK), X(K_DIOTA), X(K_DVOICED),
	X(K_DSEMVOICED), X(K_DBEDOT), X(K_DHOOK), X(K_DHORN), X(K_DSTROKE),
	X(K_DABCOMMA), X(K_DABREVCOMMA), X(K_DDBGRAVE), X(K_DINVBREVE),
	X(K_DBECOMMA), X(K_DCURRENCY), X(K_DGREEK),
};
static const struct named_value cur_key_names[] = {
	X(K_DOWN), X(K_LEFT), X(K_RIGHT), X(K_UP),
};
static const struct named_value shift_key_names[] = {
	X(K_SHIFT), X(K_ALTGR), X(K_CTRL), X(K_ALT), X(K_SHIFTL), X(K_SHIFTR),
	X(K_CTRLL), X(K_CTRLR), X(K_CAPSSHIFT),
};
static const struct named_value ascii_key_names[] = {
	X(K_ASC0), X(K_ASC1), X(K_ASC2), X(K_ASC3), X(K_ASC4), X(K_ASC5),
	X(K_ASC6), X(K_ASC7), X(K_ASC8), X(K_ASC9), X(K_HEX0), X(K_HEX1),
	X(K_HEX2), X(K_HEX3), X(K_HEX4), X(K_HEX5), X(K_HEX6), X(K_HEX7),
	X(K_HEX8), X(K_HEX9), X(K_HEXa), X(K_HEXb), X(K_HEXc), X(K_HEXd),
	X(K_HEXe), X(K_HEXf),
};
static const struct named_value lock_key_names[] = {
	X(K_SHIFTLOCK), X(K_ALTGRLOCK), X(K_CTRLLOCK), X(K_ALTLOCK),
	X(K_SHIFTLLOCK), X(K_SHIFTRLOCK), X(K_CTRLLLOCK), X(K_CTRLRLOCK),
	X(K_CAPSSHIFTLOCK),
};
static const struct named_value slock_key_names[] = {
	X(K_SHIFT_SLOCK), X(K_ALTGR_SLOCK), X(K_CTRL_SLOCK), X(K_ALT_SLOCK),
	X(K_SHIFTL_SLOCK), X(K_SHIFTR_SLOCK), X(K_CTRLL_SLOCK),
	X(K_CTRLR_SLOCK), X(K_CAPSSHIFT_SLOCK),
};
static const struct named_value brl_key_names[] = {
	X(K_BRL_BLANK), X(K_BRL_DOT1), X(K_BRL_DOT2), X(K_BRL_DOT3),
	X(K_BRL_DOT4), X(K_BRL_DOT5), X(K_BRL_DOT6), X(K_BRL_DOT7),
	X(K_BRL_DOT8), X(K_BRL_DOT9), X(K_BRL_DOT10),
};
static const struct named_value key_type_names[] = {
	X(KT_LATIN), X(KT_FN), X(KT_SPEC), X(KT_PAD), X(KT_DEAD), X(KT_CONS),
	X(KT_CUR), X(KT_SHIFT), X(KT_META), X(KT_ASCII), X(KT_LOCK),
	X(KT_LETTER), X(KT_SLOCK), X(KT_DEAD2), X(KT_BRL),
};
static const struct named_value key_table_names[] = {
	X(K_NORMTAB), X(K_SHIFTTAB), X(K_ALTTAB), X(K_ALTSHIFTTAB),
};
static const struct named_value led_names[] = {
	X(LED_SCR), X(LED_NUM), X(LED_CAP),
};
static const struct named_value kbd_type_names[] = {
	X(KB_84), X(KB_101), X(KB_OTHER),
};
static const struct named_value mode_names[] = {
	X(KD_TEXT), X(KD_GRAPHICS), X(KD_TEXT0), X(KD_TEXT1),
};
static const struct named_value kbd_mode_names[] = {
	X(K_RAW), X(K_XLATE), X(K_MEDIUMRAW), X(K_UNICODE), X(K_OFF),
};
static const struct named_value meta_names[] = {
	X(K_METABIT), X(K_ESCPREFIX),
};
static const struct named_value font_op_names[] = {
	X(KD_FONT_OP_SET), X(KD_FONT_OP_GET), X(KD_FONT_OP_SET_DEFAULT),
	X(KD_FONT_OP_COPY),
};
static const struct named_value font_flag_names[] = {
	X(KD_FONT_FLAG_DONT_RECALC), X(KD_FONT_FLAG_OLD),
};
#undef X
/* KDGKBLED's and KDSKBLED's: the LEDs, then the defaults in the high
 * nibble. */
static const struct named_value default_led_names[] = {
	{ LED_SCR, "LED_SCR" }, { LED_NUM, "LED_NUM" }, { LED_CAP, "LED_CAP" },
	{ LED_SCR << 4, "LED_SCR<<4" }, { LED_NUM << 4, "LED_NUM<<4" },
	{ LED_CAP << 4, "LED_CAP<<4" },
};
#define B(bit) { 1U << (bit), "1<<" #bit }
static const struct named_value keymap_flag_names[] = {
	B(KG_SHIFT), B(KG_ALTGR), B(KG_CTRL), B(KG_ALT), B(KG_SHIFTL),
	B(KG_SHIFTR), B(KG_CTRLL), B(KG_CTRLR),
};
#undef B
static const struct value_table fn_keys = VALUE_TABLE(fn_key_names, "");
static const struct value_table key_types = VALUE_TABLE(key_type_names, "");
static const struct value_table key_tables = VALUE_TABLE(key_table_names, "");
static const struct value_table keymap_flags =
	VALUE_TABLE(keymap_flag_names, "K_???");
static const struct value_table leds = VALUE_TABLE(led_names, "LED_???");
static const struct value_table default_leds =
	VALUE_TABLE(default_led_names, "LED_???");
static const struct value_table kbd_types = VALUE_TABLE(kbd_type_names, "KB_???");
static const struct value_table modes = VALUE_TABLE(mode_names, "KD_???");
static const struct value_table kbd_modes = VALUE_TABLE(kbd_mode_names, "K_???");
static const struct value_table metas = VALUE_TABLE(meta_names, "K_???");
static const struct value_table font_ops =
	VALUE_TABLE(font_op_names, "KD_FONT_OP_???");
static const struct value_table font_flags =
	VALUE_TABLE(font_flag_names, "KD_FONT_FLAG_???");
/* A key's names by its type (KTYP), where <linux/keyboard.h> has them. */
static const struct value_table key_names_by_type[] = {
	[KT_FN] = VALUE_TABLE(fn_key_names, ""),
	[KT_SPEC] = VALUE_TABLE(spec_key_names, ""),
	[KT_PAD] = VALUE_TABLE(pad_key_names, ""),
	[KT_DEAD] = VALUE_TABLE(dead_key_names, ""),
	[KT_CUR] = VALUE_TABLE(cur_key_names, ""),
	[KT_SHIFT] = VALUE_TABLE(shift_key_names, ""),
	[KT_ASCII] = VALUE_TABLE(ascii_key_names, ""),
	[KT_LOCK] = VALUE_TABLE(lock_key_names, ""),
	[KT_SLOCK] = VALUE_TABLE(slock_key_names, ""),
	[KT_BRL] = VALUE_TABLE(brl_key_names, ""),
};

enum {
	PIT_TICK_RATE = 1193182, /* the kernel's, KIOCSOUND's and KDMKTONE's */
	GPFIRST = 0x3b4,
	GPLAST = 0x3df,
};

static const struct kd_row *kd_row_of(uint32_t request)
{
	for (unsigned i = 0; i < sizeof kd_rows / sizeof *kd_rows; i++)
		if (kd_rows[i].request == request)
			return &kd_rows[i];
	return 0;
}

/* " /" "* TEXT *" "/" unless -X raw (strace's tprints_comment). */
static int comment_begin(struct text_buffer *tb)
{
	if (tb->style == CONST_STYLE_RAW)
		return 0;
	tb_str(tb, " /* ");
	return 1;
}

/* strace's print_char(c, SCF_QUOTES | SCF_ESC_WS): 'a', '\n', '\x80'. */
static void print_quoted_char(struct text_buffer *tb, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	tb_char(tb, '\'');
	if (c >= ' ' && c < 0x7f) {
		if (c == '\'' || c == '\\')
			tb_char(tb, '\\');
		tb_char(tb, (char)c);
	} else if (c >= '\t' && c <= '\r') {
		tb_char(tb, '\\');
		tb_char(tb, "tnvfr"[c - '\t']);
	} else {
		tb_str(tb, "\\x");
		tb_char(tb, hex[c >> 4]);
		tb_char(tb, hex[c & 15]);
	}
	tb_char(tb, '\'');
}

/* A K_* keyboard mode, an unknown one in decimal (strace's printxval_d). */
static void print_kbd_mode(struct text_buffer *tb, int32_t mode)
{
	const char *name = value_table_name(&kbd_modes, (uint32_t)mode);
	if (name) {
		print_named_value(tb, (uint64_t)(int64_t)mode, name, CONST_DEC);
		return;
	}
	tb_dec(tb, mode);
	if (comment_begin(tb))
		tb_str(tb, "K_??" "? */");
}

/* [N] of the value the kernel wrote at addr, n bytes, by a table. */
static void print_get_enum(const struct decode_context *ctx, uintptr_t addr,
			   size_t n, const struct value_table *t, int how)
{
	union {
		uint8_t u8;
		uint32_t u32;
	} v;
	if (!read_or_print_addr(ctx, &v, addr, n))
		return;
	uint32_t val = n == 1 ? v.u8 : v.u32;
	struct text_buffer *tb = ctx->tb;
	tb_char(tb, '[');
	if (how == 'f')
		print_flags(tb, t, val);
	else if (how == 'd')
		print_kbd_mode(tb, (int32_t)val);
	else
		print_enum(tb, t, val);
	tb_char(tb, ']');
}

/* KIOCSOUND's PIT count and KDMKTONE's ticks<<16|count, the frequency
 * (and the duration) in a comment. */
static void print_sound(struct text_buffer *tb, uint64_t arg, int tone)
{
	uint32_t ticks = 0, freq;
	if (tone) {
		uint32_t a = (uint32_t)arg;
		ticks = a >> 16;
		arg = a & 0xffff;
		freq = ticks && arg ? (uint32_t)(PIT_TICK_RATE / arg) : 0;
		if (ticks) {
			tb_udec(tb, ticks);
			tb_str(tb, "<<16|");
		}
	} else {
		freq = arg ? (uint32_t)(PIT_TICK_RATE / arg) : 0;
	}
	tb_udec(tb, arg);
	if (!comment_begin(tb))
		return;
	if (freq) {
		tb_udec(tb, freq);
		tb_str(tb, " Hz");
		if (tone) {
			tb_str(tb, ", ");
			tb_udec(tb, ticks);
			tb_str(tb, " ms");
		}
	} else {
		tb_str(tb, "off");
	}
	tb_str(tb, " */");
}

/* One of GIO_UNISCRNMAP's 256 entries: UNI_DIRECT_BASE+0x.. for the
 * direct-to-font ones (in a comment under -X verbose, not under raw). */
static void print_uni_entry(struct text_buffer *tb, uint16_t v)
{
	int direct = (v & ~UNI_DIRECT_MASK) == UNI_DIRECT_BASE;
	if (tb->style != CONST_STYLE_ABBREV || !direct)
		tb_hex(tb, v);
	if (tb->style == CONST_STYLE_RAW || !direct)
		return;
	int verbose = tb->style == CONST_STYLE_VERBOSE;
	tb_str(tb, verbose ? " /* UNI_DIRECT_BASE+" : "UNI_DIRECT_BASE+");
	tb_hex(tb, v & UNI_DIRECT_MASK);
	if (verbose)
		tb_str(tb, " */");
}

enum elem { E_UNI, E_DIACR, E_DIACRUC, E_UNIPAIR };

/* strace's print_array of count elements of a kind at addr: NULL, the
 * address when the first cannot be read, "..., ... /\* ADDR *\/" at a later
 * one, "..." past -s elements or (truncated) past the last. */
static void print_elems(const struct decode_context *ctx, uintptr_t addr,
			unsigned long count, int kind, int truncated)
{
	static const uint8_t sizes[] = { 2, 3, 12, 4 };
	struct text_buffer *tb = ctx->tb;
	size_t size = sizes[kind];
	if (!addr) {
		tb_str(tb, "NULL");
		return;
	}
	if (!count) {
		tb_str(tb, "[]");
		return;
	}
	unsigned long i;
	for (i = 0; i < count; i++) {
		uintptr_t at = addr + i * size;
		union {
			uint16_t u16[2];
			uint8_t u8[3];
			uint32_t u32[3];
		} e;
		if (i)
			tb_str(tb, ", ");
		if (!read_exact(ctx, &e, at, size)) {
			if (!i) {
				tb_hex_raw(tb, at);
				return;
			}
			tb_str(tb, "... /* ");
			tb_hex_raw(tb, at);
			tb_str(tb, " */");
			break;
		}
		if (ctx_abbrev(ctx) &&
		    i >= (unsigned long)ctx->opts->string_limit) {
			tb_str(tb, i ? "..." : "[...");
			break;
		}
		if (!i)
			tb_char(tb, '[');
		switch (kind) {
		case E_UNI:
			print_uni_entry(tb, e.u16[0]);
			break;
		case E_DIACR:
			tb_str(tb, "{diacr=");
			print_quoted_char(tb, e.u8[0]);
			tb_str(tb, ", base=");
			print_quoted_char(tb, e.u8[1]);
			tb_str(tb, ", result=");
			print_quoted_char(tb, e.u8[2]);
			tb_char(tb, '}');
			break;
		case E_DIACRUC:
			tb_str(tb, "{diacr=");
			tb_hex(tb, e.u32[0]);
			tb_str(tb, ", base=");
			tb_hex(tb, e.u32[1]);
			tb_str(tb, ", result=");
			tb_hex(tb, e.u32[2]);
			tb_char(tb, '}');
			break;
		default:
			tb_str(tb, "{unicode=");
			tb_hex(tb, e.u16[0]);
			tb_str(tb, ", fontpos=");
			tb_hex(tb, e.u16[1]);
			tb_char(tb, '}');
		}
	}
	if (i == count && truncated)
		tb_str(tb, ", ...");
	tb_char(tb, ']');
}

/* KDGKBENT/KDSKBENT: {kb_table=, kb_index=} at entry, the value (GET's
 * at exit) with its key's name in a comment. */
static void print_kbentry(const struct decode_context *ctx, uintptr_t addr,
			  int get)
{
	struct text_buffer *tb = ctx->tb;
	struct kbentry e;
	if (!ctx->exiting) {
		if (!read_exact(ctx, &e, addr, 2)) {
			tb_ptr(tb, addr);
			return;
		}
		tb_str(tb, "{kb_table=");
		const char *table = value_table_name(&key_tables, e.kb_table);
		if (table)
			print_named_value(tb, e.kb_table, table, CONST_HEX);
		else
			print_flags(tb, &keymap_flags, e.kb_table);
		tb_str(tb, ", kb_index=");
		tb_udec(tb, e.kb_index);
		if (get)
			return;
	} else if (!addr || !read_exact(ctx, &e, addr, 2)) {
		return; /* entry printed the address */
	} else if (is_error_result(ctx->result)) {
		tb_char(tb, '}');
		return;
	}
	tb_str(tb, ", kb_value=");
	if (!read_exact(ctx, &e.kb_value, addr + 2, sizeof e.kb_value)) {
		tb_str(tb, "???}");
		return;
	}
	tb_hex(tb, e.kb_value);
	if (!comment_begin(tb)) {
		tb_char(tb, '}');
		return;
	}
	unsigned type = KTYP(e.kb_value), val = KVAL(e.kb_value);
	const char *name = 0;
	if (type < sizeof key_names_by_type / sizeof *key_names_by_type &&
	    key_names_by_type[type].count)
		name = value_table_name(&key_names_by_type[type], e.kb_value);
	if (name) {
		tb_str(tb, name);
	} else {
		tb_str(tb, "K(");
		const char *type_name = value_table_name(&key_types, type);
		if (type_name)
			tb_str(tb, type_name);
		else
			tb_hex(tb, type);
		tb_str(tb, ", ");
		if (type == KT_LATIN || type == KT_META || type == KT_LETTER ||
		    type == KT_DEAD2)
			print_quoted_char(tb, (unsigned char)val);
		else
			tb_hex(tb, val);
		tb_char(tb, ')');
	}
	tb_str(tb, " */}");
}

/* KDGKBSENT/KDSKBSENT: {kb_func=KVAL(K_F1), kb_string="..."}: the string
 * up to its NUL, cut at -s, "???" when unreadable. */
static void print_kbsentry(const struct decode_context *ctx, uintptr_t addr,
			   int get)
{
	struct text_buffer *tb = ctx->tb;
	uint8_t func;
	if (!ctx->exiting) {
		if (!read_or_print_addr(ctx, &func, addr, 1))
			return;
		tb_str(tb, "{kb_func=");
		const char *name = value_table_name(&fn_keys, K(KT_FN, func));
		int begun = const_names_begin(tb, func, CONST_HEX);
		if (begun && name) {
			tb_str(tb, "KVAL(");
			tb_str(tb, name);
			tb_char(tb, ')');
		} else if (begun) {
			tb_hex(tb, func);
			tb_str(tb, " /* KVAL(K_??" "?) */");
		}
		const_names_end(tb, begun);
		if (get)
			return;
	} else if (!addr || !read_exact(ctx, &func, addr, 1)) {
		return;
	} else if (is_error_result(ctx->result)) {
		tb_char(tb, '}');
		return;
	}
	struct kbsentry s;
	size_t max = sizeof s.kb_string, got = 0;
	int ended = 0;
	uintptr_t at = addr + 1;
	/* strace's umovestr: up to the NUL, failing when a byte before it
	 * cannot be read. */
	while (got < max && !ended) {
		size_t n = max - got < 64 ? max - got : 64;
		if (!read_exact(ctx, s.kb_string + got, at + got, n)) {
			if (!read_exact(ctx, s.kb_string + got, at + got, 1))
				break;
			n = 1;
		}
		for (size_t i = 0; i < n; i++)
			if (!s.kb_string[got + i]) {
				ended = 1;
				n = i + 1;
				break;
			}
		got += n;
	}
	tb_str(tb, ", kb_string=");
	if (!ended && got < max) {
		tb_str(tb, "???}");
		return;
	}
	size_t limit = (size_t)ctx->opts->string_limit;
	size_t n = ended ? got : max;
	if (n > limit)
		n = limit;
	int whole = n && !s.kb_string[n - 1];
	print_quoted_local(ctx, s.kb_string, whole ? n - 1 : n, 0);
	tb_str(tb, whole ? "}" : "...}");
}

/* KDGKBDIACR(UC)/KDSKBDIACR(UC): {kb_cnt=, kbdiacr(uc)=[...]}, at most
 * 256, "..." after them when kb_cnt says more. */
static void print_diacrs(const struct decode_context *ctx, uintptr_t addr,
			 int uc)
{
	uint32_t cnt;
	if (!read_or_print_addr(ctx, &cnt, addr, sizeof cnt))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{kb_cnt=");
	tb_udec(tb, cnt);
	tb_str(tb, uc ? ", kbdiacruc=" : ", kbdiacr=");
	print_elems(ctx, addr + sizeof cnt, cnt < MAX_DIACR ? cnt : MAX_DIACR,
		    uc ? E_DIACRUC : E_DIACR, cnt > MAX_DIACR);
	tb_char(tb, '}');
}

/* KDGETKEYCODE/KDSETKEYCODE: {scancode=, keycode=}, GET's " => " the
 * keycode the kernel wrote. */
static void print_keycode(const struct decode_context *ctx, uintptr_t addr,
			  int get)
{
	struct text_buffer *tb = ctx->tb;
	struct kbkeycode k;
	if (!ctx->exiting) {
		if (!read_or_print_addr(ctx, &k, addr, sizeof k))
			return;
		tb_str(tb, "{scancode=");
		tb_hex(tb, k.scancode);
		tb_str(tb, ", keycode=");
		tb_hex(tb, k.keycode);
		if (!get)
			tb_char(tb, '}');
		return;
	}
	if (!addr || !read_exact(ctx, &k, addr, sizeof k))
		return;
	if (!is_error_result(ctx->result)) {
		tb_str(tb, " => ");
		tb_hex(tb, k.keycode);
	}
	tb_char(tb, '}');
}

static void print_kbd_repeat(struct text_buffer *tb, const int32_t *r)
{
	tb_str(tb, "{delay=");
	tb_dec(tb, r[0]);
	tb_str(tb, ", period=");
	tb_dec(tb, r[1]);
	tb_char(tb, '}');
}

/* struct consolefontdesc: chardata as an address in GIO_FONTX's entry,
 * else its min(charcount, 512) * 32 bytes. */
static void print_fontdesc(const struct decode_context *ctx,
			   const struct consolefontdesc *d, int data_as_ptr)
{
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{charcount=");
	tb_udec(tb, d->charcount);
	tb_str(tb, ", charheight=");
	tb_udec(tb, d->charheight);
	tb_str(tb, ", chardata=");
	if (data_as_ptr)
		tb_ptr(tb, (uintptr_t)d->chardata);
	else
		print_buffer(ctx, (uintptr_t)d->chardata,
			     (d->charcount < 512 ? d->charcount : 512) * 32UL,
			     1);
	tb_char(tb, '}');
}

/* KD_FONT_OP_SET_DEFAULT's font name, of at most 32 bytes with its NUL
 * (strace's printstr_ex(QUOTE_0_TERMINATED | QUOTE_EXPECT_TRAILING_0)):
 * up to the NUL, or 31 bytes (-s ones) and "...". */
static void print_font_name(const struct decode_context *ctx, uintptr_t addr)
{
	enum { MAX_FONT_NAME = 32 };
	struct text_buffer *tb = ctx->tb;
	unsigned char name[MAX_FONT_NAME];
	size_t limit = (size_t)ctx->opts->string_limit;
	size_t n = limit < MAX_FONT_NAME ? limit : MAX_FONT_NAME, len = 0;
	if (!addr) {
		tb_str(tb, "NULL");
		return;
	}
	while (len < n) {
		if (!read_exact(ctx, &name[len], addr + len, 1)) {
			tb_hex_raw(tb, addr);
			return;
		}
		if (!name[len])
			break;
		len++;
	}
	size_t shown = n == MAX_FONT_NAME ? n - 1 : n;
	int ended = len < n;
	if (len > shown)
		ended = 0;
	if (len == shown && n == MAX_FONT_NAME && !name[shown])
		ended = 1;
	print_quoted_local(ctx, name, len < shown ? len : shown, 0);
	if (!ended)
		tb_str(tb, "...");
}

/* struct console_font_op by its operation (strace's
 * print_console_font_op): op and flags at entry only. */
static void print_font_op(const struct decode_context *ctx,
			  const struct console_font_op *f)
{
	struct text_buffer *tb = ctx->tb;
	int set_default = f->op == KD_FONT_OP_SET_DEFAULT;
	int copy = f->op == KD_FONT_OP_COPY;
	tb_char(tb, '{');
	if (!ctx->exiting) {
		tb_str(tb, "op=");
		print_enum(tb, &font_ops, f->op);
		if (!set_default && !copy) {
			tb_str(tb, ", flags=");
			print_flags(tb, &font_flags, f->flags);
		}
		tb_str(tb, ", ");
	}
	if (!copy) {
		tb_str(tb, "width=");
		tb_udec(tb, f->width);
		tb_str(tb, ", ");
	}
	tb_str(tb, "height=");
	tb_udec(tb, f->height);
	if (!set_default && !copy) {
		tb_str(tb, ", charcount=");
		tb_udec(tb, f->charcount);
	}
	uintptr_t data = (uintptr_t)f->data;
	if ((f->op == KD_FONT_OP_GET && ctx->exiting) ||
	    f->op == KD_FONT_OP_SET) {
		unsigned w = f->width < 32 ? f->width : 32;
		unsigned n = f->charcount < 512 ? f->charcount : 512;
		tb_str(tb, ", data=");
		print_buffer(ctx, data, (w + 7) / 8 * 32UL * n, 1);
	} else if (set_default) {
		if (!ctx->exiting) {
			tb_str(tb, ", data=");
			print_font_name(ctx, data);
		}
	} else if (!copy) {
		tb_str(tb, ", data=");
		tb_ptr(tb, data);
	}
	tb_char(tb, '}');
}

/* GIO_UNIMAP/PIO_UNIMAP: {entry_ct=, entries=[...]}; GET's entry_ct and
 * " => " the count the kernel wrote, then the entries (the address when
 * the call failed but for ENOMEM). The count the entries are read by is
 * the one in memory at exit: strace keeps entry's. */
static void print_unimap(const struct decode_context *ctx, uintptr_t addr,
			 int get)
{
	struct text_buffer *tb = ctx->tb;
	struct unimapdesc u;
	if (!ctx->exiting) {
		if (!read_or_print_addr(ctx, &u, addr, sizeof u))
			return;
		tb_str(tb, "{entry_ct=");
		tb_udec(tb, u.entry_ct);
		if (get)
			return;
	} else {
		if (!addr || !read_exact(ctx, &u, addr, sizeof u))
			return;
		tb_str(tb, " => ");
		tb_udec(tb, u.entry_ct);
		if (is_error_result(ctx->result) && ctx->result != -12) {
			tb_str(tb, ", entries=");
			tb_ptr(tb, (uintptr_t)u.entries);
			tb_char(tb, '}');
			return;
		}
	}
	tb_str(tb, ", entries=");
	print_elems(ctx, (uintptr_t)u.entries, u.entry_ct, E_UNIPAIR, 0);
	tb_char(tb, '}');
}

/* The argument at entry. */
static void print_entry(const struct decode_context *ctx,
			const struct kd_row *row, uint64_t arg)
{
	struct text_buffer *tb = ctx->tb;
	uintptr_t addr = (uintptr_t)arg;
	switch (row->kind) {
	case KD_SOUND:
	case KD_TONE:
		print_sound(tb, arg, row->kind == KD_TONE);
		return;
	case KD_LED_SET:
		print_flags(tb, row->request == KDSKBLED ? &default_leds : &leds,
			    (uint8_t)arg);
		return;
	case KD_IO:
		tb_hex(tb, arg);
		if (arg >= GPFIRST && arg <= GPLAST && comment_begin(tb)) {
			tb_str(tb, "GPFIRST + ");
			tb_udec(tb, arg - GPFIRST);
			tb_str(tb, " */");
		}
		return;
	case KD_MODE_SET:
		print_enum(tb, &modes, (uint32_t)arg);
		return;
	case KD_KBMODE_SET:
		print_kbd_mode(tb, (int32_t)arg);
		return;
	case KD_META_SET:
		print_enum(tb, &metas, (uint32_t)arg);
		return;
	case KD_SIGNAL:
		if (arg < 0x7fffffff)
			print_signal(tb, (long)arg);
		else
			tb_udec(tb, arg);
		return;
	case KD_SCRNMAP:
	case KD_FONT:
	case KD_CMAP:
		print_buffer(ctx, addr, row->kind == KD_SCRNMAP ? E_TABSZ
				  : row->kind == KD_FONT ? 8192 : 48, 1);
		return;
	case KD_UNISCRNMAP:
		print_elems(ctx, addr, E_TABSZ, E_UNI, 0);
		return;
	case KD_KBENT:
		print_kbentry(ctx, addr, row->get);
		return;
	case KD_KBSENT:
		print_kbsentry(ctx, addr, row->get);
		return;
	case KD_DIACR:
	case KD_DIACRUC:
		print_diacrs(ctx, addr, row->kind == KD_DIACRUC);
		return;
	case KD_KEYCODE:
		print_keycode(ctx, addr, row->get);
		return;
	case KD_KBDREP: {
		int32_t r[2];
		if (read_or_print_addr(ctx, r, addr, sizeof r))
			print_kbd_repeat(tb, r);
		return;
	}
	case KD_UNIMAPCLR: {
		struct unimapinit u;
		if (!read_or_print_addr(ctx, &u, addr, sizeof u))
			return;
		tb_str(tb, "{advised_hashsize=");
		tb_udec(tb, u.advised_hashsize);
		tb_str(tb, ", advised_hashstep=");
		tb_udec(tb, u.advised_hashstep);
		tb_str(tb, ", advised_hashlevel=");
		tb_udec(tb, u.advised_hashlevel);
		tb_char(tb, '}');
		return;
	}
	case KD_UNIMAP:
		print_unimap(ctx, addr, row->get);
		return;
	case KD_FONTX: {
		struct consolefontdesc d;
		if (read_or_print_addr(ctx, &d, addr, sizeof d))
			print_fontdesc(ctx, &d, row->get);
		return;
	}
	case KD_FONTOP: {
		struct console_font_op f;
		if (read_or_print_addr(ctx, &f, addr, sizeof f))
			print_font_op(ctx, &f);
		return;
	}
	}
}

/* What a "get" row's argument points to, at exit (the call did not
 * fail). */
static void print_got(const struct decode_context *ctx,
		      const struct kd_row *row, uintptr_t addr)
{
	switch (row->kind) {
	case KD_LED_GET:
		print_get_enum(ctx, addr, 1, row->request == KDGKBLED
			       ? &default_leds : &leds, 'f');
		return;
	case KD_KBTYPE_GET:
		print_get_enum(ctx, addr, 1, &kbd_types, 'e');
		return;
	case KD_MODE_GET:
		print_get_enum(ctx, addr, 4, &modes, 'e');
		return;
	case KD_KBMODE_GET:
		print_get_enum(ctx, addr, 4, &kbd_modes, 'd');
		return;
	case KD_META_GET:
		print_get_enum(ctx, addr, 4, &metas, 'e');
		return;
	default: /* the maps and fonts: as at entry */
		print_entry(ctx, row, addr);
	}
}

/* The rest of the line at exit, for the kinds that print a part at entry
 * and what the kernel wrote after it. */
static void print_exit(const struct decode_context *ctx,
		       const struct kd_row *row, uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	int failed = is_error_result(ctx->result);
	if (!row->get && row->kind != KD_KBDREP && row->kind != KD_FONTOP)
		return;
	switch (row->kind) {
	case KD_KBENT:
		print_kbentry(ctx, addr, 1);
		return;
	case KD_KBSENT:
		print_kbsentry(ctx, addr, 1);
		return;
	case KD_KEYCODE:
		print_keycode(ctx, addr, 1);
		return;
	case KD_UNIMAP:
		print_unimap(ctx, addr, 1);
		return;
	case KD_KBDREP: {
		int32_t r[2];
		if (failed || !addr || !read_exact(ctx, r, addr, sizeof r))
			return;
		tb_str(tb, " => ");
		print_kbd_repeat(tb, r);
		return;
	}
	case KD_FONTX: {
		struct consolefontdesc d;
		if (failed || !addr || !read_exact(ctx, &d, addr, sizeof d))
			return;
		tb_str(tb, " => ");
		print_fontdesc(ctx, &d, 0);
		return;
	}
	case KD_FONTOP: {
		struct console_font_op f;
		if (failed || !addr || !read_exact(ctx, &f, addr, sizeof f) ||
		    f.op == KD_FONT_OP_SET || f.op == KD_FONT_OP_COPY)
			return;
		tb_str(tb, " => ");
		print_font_op(ctx, &f);
		return;
	}
	}
	if (failed)
		tb_ptr(tb, addr);
	else
		print_got(ctx, row, addr);
}

int decode_kd_ioctl(const struct decode_context *ctx)
{
	const struct kd_row *row = kd_row_of((uint32_t)ctx->args[1]);
	if (!row)
		return 0;
	struct text_buffer *tb = ctx->tb;
	uint64_t arg = (uint64_t)ctx->args[2];
	/* The kinds that print what the kernel wrote, the whole of it. */
	int get_only = row->get && row->kind != KD_KBENT &&
		       row->kind != KD_KBSENT && row->kind != KD_KEYCODE &&
		       row->kind != KD_UNIMAP && row->kind != KD_FONTX;
	if (!ctx->exiting) {
		print_fd(ctx, ctx->args[0]);
		tb_str(tb, ", ");
		print_named_value(tb, row->request, row->name, CONST_HEX);
		if (row->kind == KD_NONE)
			return 1;
		tb_str(tb, ", ");
		if (!get_only)
			print_entry(ctx, row, arg);
		return 1;
	}
	print_exit(ctx, row, (uintptr_t)arg);
	return 1;
}
