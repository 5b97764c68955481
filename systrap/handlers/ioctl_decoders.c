/* ioctl_decoders: ioctl requests as rows (request, strace 6.1's name, what
 * the third argument is), for the families strace's own suite exercises:
 * watchdog (WDIOC_*), the modem lines (TIOCM*), /dev/random (RND*),
 * inotify's INOTIFY_IOC_SETNEXTWD, FS_IOC_FIEMAP, the namespace files'
 * NS_GET_* (whose results are a descriptor or a CLONE_NEW* type) and the
 * seccomp user notifications' SECCOMP_IOCTL_NOTIF_*, IDE disks' HDIO_*,
 * loop devices' LOOP_*, PTP clocks' PTP_*, block devices' BLK* and GPIO
 * chips' GPIO_*. decode_ioctl (call_decoders.c) asks
 * here first; requests not in the table keep its older decoding.
 *
 * Each argument kind prints as strace's printnum_int/umove_or_printaddr
 * does: NULL, the address when unreadable (or when an output's call
 * failed), else the value in brackets.
 */
#include "systrap/handlers/decode_context.h"
#include "systrap/handlers/errno_names.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/blkpg.h>
#include <linux/blktrace_api.h>
#include <linux/blkzoned.h>
#include <linux/counter.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/gpio.h>
#include <linux/hdreg.h>
#include <linux/inotify.h>
#include <linux/lirc.h>
#include <linux/loop.h>
#include <linux/nbd.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>
#include <linux/ptp_clock.h>
#include <linux/rtc.h>
#include <linux/sched.h>
#include <linux/random.h>
#include <linux/seccomp.h>
#include <linux/videodev2.h>
#include <linux/watchdog.h>
#include <mtd/mtd-abi.h>
#include <mtd/ubi-user.h>
#include <sys/ioctl.h>

#include "systrap/arch/page.h"
#include "systrap/handlers/value_tables.h"

/* strace 6.1 names the read-direction twin of SECCOMP_IOCTL_NOTIF_ID_VALID
 * (the number older kernels' headers gave it). */
#define SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR SECCOMP_IOR(2, __u64)

/* The kernel's (asm-generic/termios.h); glibc's headers stop at TIOCM_RI. */
#ifndef TIOCM_OUT1
#define TIOCM_OUT1 0x2000
#define TIOCM_OUT2 0x4000
#define TIOCM_LOOP 0x8000
#endif

enum ioctl_arg {
	IA_NONE,       /* no third argument */
	IA_DEC,        /* an int, in decimal */
	IA_INT_IN,     /* int *, read at entry: [N] */
	IA_INT_OUT,    /* int *, written: [N] at exit */
	IA_MODEM_IN,   /* int * of TIOCM_* bits, read at entry */
	IA_MODEM_OUT,  /* int * of TIOCM_* bits, written */
	IA_ENTROPY_IN, /* struct rand_pool_info, read at entry */
	IA_FIEMAP,     /* struct fiemap: read at entry, " => {...}" at exit */
	IA_UID_OUT,    /* uid_t *, written: [N] (-1, else unsigned) at exit */
	IA_U64X_IN,    /* uint64_t *, read at entry: [0x...] */
	IA_SECCOMP_NOTIF,  /* struct seccomp_notif: written; shown at entry
			      too unless all 0 ("{...} => {...}") */
	IA_SECCOMP_RESP,   /* struct seccomp_notif_resp, read at entry */
	IA_SECCOMP_ADDFD,  /* struct seccomp_notif_addfd, read at entry */
	IA_HEX,        /* the argument in hex, not read (0 as 0) */
	IA_ULONG,      /* the argument, unsigned long decimal */
	IA_ULONG_OUT,  /* unsigned long *, written: [N] at exit */
	IA_XINT3_IN,   /* uint32_t[3], read at entry: [0x.., 0x.., 0x..] */
	IA_IDE_NICE,   /* the argument: 1 << IDE_NICE_* flags (64 bits) */
	IA_IDE_NICE_OUT,  /* unsigned long * of IDE_NICE_* flags, written */
	IA_BUSSTATE,   /* the argument: a BUSSTATE_* (64 bits) */
	IA_BUSSTATE_OUT,  /* unsigned long * of a BUSSTATE_*, written */
	IA_HD_GEOMETRY_OUT, /* struct hd_geometry, written */
	IA_HD_DRIVE_CMD,    /* struct hd_drive_cmd_hdr: read at entry,
			       " => {status=...}" at exit */
	IA_IDENTITY_OUT,    /* 512 bytes written (HDIO_GET_IDENTITY) */
	IA_OLD_IDENTITY_OUT, /* 142 bytes written (HDIO_OBSOLETE_IDENTITY) */
	IA_FD,         /* the argument, a descriptor (-y decorates it) */
	IA_LOOP_INFO,      /* struct loop_info, read at entry */
	IA_LOOP_INFO_OUT,  /* struct loop_info, written */
	IA_LOOP_INFO64,    /* struct loop_info64, read at entry */
	IA_LOOP_INFO64_OUT, /* struct loop_info64, written */
	IA_LOOP_CONFIG,    /* struct loop_config, read at entry */
	/* PTP_*: the requests numbered from 10 (the "2" ones) show their
	 * reserved words too. */
	IA_PTP_CAPS_OUT,   /* struct ptp_clock_caps, written */
	IA_PTP_EXTTS,      /* struct ptp_extts_request, read at entry */
	IA_PTP_PEROUT,     /* struct ptp_perout_request, read at entry */
	IA_PTP_SYS_OFFSET, /* struct ptp_sys_offset: n_samples at entry, the
			      samples at exit */
	IA_PTP_SYS_OFFSET_EXT, /* struct ptp_sys_offset_extended, likewise */
	IA_PTP_PRECISE_OUT,    /* struct ptp_sys_offset_precise, written */
	IA_PTP_PIN_GET,    /* struct ptp_pin_desc: index at entry, the rest at
			      exit */
	IA_PTP_PIN_SET,    /* struct ptp_pin_desc, read at entry */
	IA_USHORT_OUT, /* unsigned short *, written: [N] */
	IA_UINT_OUT,   /* unsigned int *, written: [N] */
	IA_LONG_OUT,   /* long *, written: [N] */
	IA_U64_OUT,    /* uint64_t *, written: [N] */
	IA_U64_PAIR_IN,    /* uint64_t[2], read at entry: [N, N] */
	IA_BLKPG,          /* struct blkpg_ioctl_arg and its partition */
	IA_BLKTRACESETUP,  /* struct blk_user_trace_setup: read at entry, the
			      name the kernel gave at exit */
	/* GPIO_*: strace 6.1's gpio_ioctl.c. "IN_OUT": a part at entry,
	 * " => {...}" at exit unless the call failed. */
	IA_GPIO_CHIPINFO_OUT,   /* struct gpiochip_info, written */
	IA_GPIO_UNWATCH,        /* {offset=} */
	IA_GPIO_LINEINFO,       /* struct gpioline_info, IN_OUT */
	IA_GPIO_V2_LINEINFO,    /* struct gpio_v2_line_info, IN_OUT */
	IA_GPIO_V2_LINE_REQUEST, /* struct gpio_v2_line_request, IN_OUT */
	IA_GPIO_V2_CONFIG,      /* struct gpio_v2_line_config, read */
	IA_GPIO_V2_GET_VALUES,  /* struct gpio_v2_line_values, IN_OUT */
	IA_GPIO_V2_SET_VALUES,  /* struct gpio_v2_line_values, read */
	IA_GPIO_HANDLE_REQUEST, /* struct gpiohandle_request, IN_OUT */
	IA_GPIO_EVENT_REQUEST,  /* struct gpioevent_request, IN_OUT */
	IA_GPIO_VALUES_OUT,     /* struct gpiohandle_data, written */
	IA_GPIO_VALUES,         /* struct gpiohandle_data, read */
	IA_GPIO_HANDLE_CONFIG,  /* struct gpiohandle_config, read */
	/* strace 6.1's fs_x_ioctl.c, fs_f_ioctl.c and counter_ioctl.c. */
	IA_FSTRIM,         /* struct fstrim_range, read at entry */
	IA_FSXATTR,        /* struct fsxattr, read at entry */
	IA_FSXATTR_OUT,    /* struct fsxattr, written (with fsx_nextents) */
	IA_COUNTER_WATCH,  /* struct counter_watch, read at entry */
	/* strace 6.1's rtc.c. */
	IA_RTC_TIME,       /* struct rtc_time, read at entry */
	IA_RTC_TIME_OUT,   /* struct rtc_time, written */
	IA_RTC_WKALRM,     /* struct rtc_wkalrm, read at entry */
	IA_RTC_WKALRM_OUT, /* struct rtc_wkalrm, written */
	IA_RTC_PLL,        /* struct rtc_pll_info, read at entry */
	IA_RTC_PLL_OUT,    /* struct rtc_pll_info, written */
	IA_RTC_PARAM_GET,  /* struct rtc_param: param and index at entry,
			      " => " and the value at exit */
	IA_RTC_PARAM_SET,  /* struct rtc_param, read at entry */
	/* An unsigned int the argument points to, [N] (IN: read at entry,
	 * OUT: written), or the argument itself; by the row's table, as its
	 * flags or as one of its names. */
	IA_UINT_IN,
	IA_XINT_IN,        /* [0x...] */
	IA_FLAGS_IN,
	IA_FLAGS_OUT,
	IA_ENUM_IN,
	IA_ENUM_OUT,
	IA_FLAGS,          /* the argument itself */
	/* UBI_*: strace 6.1's ubi.c. */
	IA_UBI_ATTACH,     /* struct ubi_attach_req; " => [N]" at exit */
	IA_UBI_MKVOL,      /* struct ubi_mkvol_req; " => [N]" at exit */
	IA_UBI_RSVOL,      /* struct ubi_rsvol_req */
	IA_UBI_RNVOL,      /* struct ubi_rnvol_req */
	IA_UBI_LEB_CHANGE, /* struct ubi_leb_change_req */
	IA_UBI_MAP,        /* struct ubi_map_req */
	IA_UBI_VOL_PROP,   /* struct ubi_set_vol_prop_req */
	IA_I64_IN,         /* int64_t *, read at entry: [N] */
	IA_U64_IN,         /* uint64_t *, read at entry: [N] */
	IA_ENUM,           /* the argument itself, one of the table's names */
	/* MTD: strace 6.1's mtd.c; the structs' kinds in this order. */
	IA_MTD_ERASE,      /* struct erase_info_user, read at entry */
	IA_MTD_ERASE64,    /* struct erase_info_user64 */
	IA_MTD_OOB,        /* struct mtd_oob_buf */
	IA_MTD_OOB64,      /* struct mtd_oob_buf64 */
	IA_MTD_WRITE,      /* struct mtd_write_req */
	IA_MTD_OTP_INFO,   /* struct otp_info */
	IA_MTD_OTP_INFO_OUT, /* struct otp_info, written */
	IA_MTD_INFO_OUT,   /* struct mtd_info_user, written */
	IA_MTD_OOBINFO_OUT, /* struct nand_oobinfo, written */
	IA_MTD_LAYOUT_OUT, /* struct nand_ecclayout_user, written */
	IA_MTD_STATS_OUT,  /* struct mtd_ecc_stats, written */
	IA_MTD_REGION,     /* struct region_info_user: regionindex at entry,
			      the rest at exit */
	IA_V4L2_INPUT,     /* struct v4l2_input: index at entry, name and type
			      at exit (strace 6.1's v4l2.c) */
	/* PERF_EVENT_IOC_*: strace 6.1's perf_ioctl.c. */
	IA_STRING_PAGE,    /* a NUL-terminated string of at most a page, cut
			      at -s (the filter) */
	IA_PERF_QUERY_BPF, /* struct perf_event_query_bpf: ids_len at entry,
			      prog_cnt and the ids at exit */
	IA_PERF_ATTR,      /* struct perf_event_attr, read at entry */
};

/* What the result is, when not a plain int. */
enum ioctl_ret {
	IR_INT,
	IR_FD,     /* a new descriptor (-y decorates it) */
	IR_NSTYPE, /* a CLONE_NEW* namespace type: "268435456 (CLONE_NEWUSER)" */
};

/* The longest request name ("IPMICTL_SET_MAINTENANCE_MODE_CMD or
 * LIRC_SET_REC_CARRIER_RANGE", strace's two names of one number) and its
 * NUL; ROW refuses a longer one (NAME_FITS). */
#define IOCTL_NAME_MAX 64

/* A row holds its name, and names its value table by index: no pointer,
 * so the rows are read-only data, not relocations the dynamic loader (or
 * the image) writes into their pages at every start. */
struct ioctl_row {
	uint32_t request;
	char name[IOCTL_NAME_MAX];
	uint8_t arg;
	uint8_t ret;
	uint8_t table; /* IA_FLAGS*, IA_ENUM_*'s names: enum ioctl_table */
};

/* The value tables rows name (defined with the others below). */
static const struct value_table fs_ioc_flags, rtc_vl_flags, lirc_features,
	lirc_modes, nbd_flags, mtd_otp_modes, mtd_file_modes, perf_ioc_flags;

enum ioctl_table {
	IT_NONE,
	IT_fs_ioc_flags,
	IT_rtc_vl_flags,
	IT_lirc_features,
	IT_lirc_modes,
	IT_nbd_flags,
	IT_mtd_otp_modes,
	IT_mtd_file_modes,
	IT_perf_ioc_flags,
};

static const struct value_table *const ioctl_tables[] = {
	[IT_fs_ioc_flags] = &fs_ioc_flags,
	[IT_rtc_vl_flags] = &rtc_vl_flags,
	[IT_lirc_features] = &lirc_features,
	[IT_lirc_modes] = &lirc_modes,
	[IT_nbd_flags] = &nbd_flags,
	[IT_mtd_otp_modes] = &mtd_otp_modes,
	[IT_mtd_file_modes] = &mtd_file_modes,
	[IT_perf_ioc_flags] = &perf_ioc_flags,
};

static const struct value_table *row_table(const struct ioctl_row *row)
{
	return ioctl_tables[row->table];
}

/* A row. R, RR and RT name it `req` (made there, before `req` is expanded
 * to its value); a row written with ROW names it itself. */
#define ROW(req, name, arg, ret, table) \
	{ (uint32_t)(req) + NAME_FITS(name, IOCTL_NAME_MAX), name, arg, ret, table }
#define R(req, arg) ROW(req, #req, arg, IR_INT, IT_NONE)
#define RR(req, arg, ret) ROW(req, #req, arg, ret, IT_NONE)
#define RT(req, arg, table) ROW(req, #req, arg, IR_INT, IT_##table)
static const struct ioctl_row ioctl_rows[] = {
	R(WDIOC_GETSTATUS, IA_INT_OUT),
	R(WDIOC_GETBOOTSTATUS, IA_INT_OUT),
	R(WDIOC_GETTEMP, IA_INT_OUT),
	R(WDIOC_GETTIMEOUT, IA_INT_OUT),
	R(WDIOC_GETPRETIMEOUT, IA_INT_OUT),
	R(WDIOC_GETTIMELEFT, IA_INT_OUT),
	R(WDIOC_SETTIMEOUT, IA_INT_IN),
	R(WDIOC_SETPRETIMEOUT, IA_INT_IN),
	R(WDIOC_KEEPALIVE, IA_NONE), /* takes an int that is ignored */
	R(TIOCMGET, IA_MODEM_OUT),
	R(TIOCMBIS, IA_MODEM_IN),
	R(TIOCMBIC, IA_MODEM_IN),
	R(TIOCMSET, IA_MODEM_IN),
	R(RNDGETENTCNT, IA_INT_OUT),
	R(RNDADDTOENTCNT, IA_INT_IN),
	R(RNDADDENTROPY, IA_ENTROPY_IN),
	/* strace 6.1 names both requests of this number. */
	ROW(RNDZAPENTCNT, "FASTRPC_IOCTL_INIT_ATTACH or RNDZAPENTCNT", IA_NONE,
	    IR_INT, IT_NONE),
	R(RNDCLEARPOOL, IA_NONE),
	R(RNDRESEEDCRNG, IA_NONE),
	R(INOTIFY_IOC_SETNEXTWD, IA_DEC),
	R(FS_IOC_FIEMAP, IA_FIEMAP),
	RR(NS_GET_USERNS, IA_NONE, IR_FD),
	RR(NS_GET_PARENT, IA_NONE, IR_FD),
	RR(NS_GET_NSTYPE, IA_NONE, IR_NSTYPE),
	R(NS_GET_OWNER_UID, IA_UID_OUT),
	R(SECCOMP_IOCTL_NOTIF_RECV, IA_SECCOMP_NOTIF),
	R(SECCOMP_IOCTL_NOTIF_SEND, IA_SECCOMP_RESP),
	R(SECCOMP_IOCTL_NOTIF_ID_VALID, IA_U64X_IN),
	R(SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR, IA_U64X_IN),
	R(SECCOMP_IOCTL_NOTIF_ADDFD, IA_SECCOMP_ADDFD),
	/* HDIO_*: strace 6.1's hdio.c and its generated leaves. */
	R(HDIO_GETGEO, IA_HD_GEOMETRY_OUT),
	R(HDIO_DRIVE_CMD, IA_HD_DRIVE_CMD),
	R(HDIO_DRIVE_RESET, IA_XINT3_IN),
	R(HDIO_SCAN_HWIF, IA_XINT3_IN),
	R(HDIO_GET_32BIT, IA_ULONG_OUT),
	R(HDIO_GET_ACOUSTIC, IA_ULONG_OUT),
	R(HDIO_GET_ADDRESS, IA_ULONG_OUT),
	R(HDIO_GET_DMA, IA_ULONG_OUT),
	R(HDIO_GET_KEEPSETTINGS, IA_ULONG_OUT),
	R(HDIO_GET_MULTCOUNT, IA_ULONG_OUT),
	R(HDIO_GET_NOWERR, IA_ULONG_OUT),
	R(HDIO_GET_UNMASKINTR, IA_ULONG_OUT),
	R(HDIO_GET_WCACHE, IA_ULONG_OUT),
	R(HDIO_GET_NICE, IA_IDE_NICE_OUT),
	R(HDIO_GET_BUSSTATE, IA_BUSSTATE_OUT),
	R(HDIO_GET_IDENTITY, IA_IDENTITY_OUT),
	R(HDIO_OBSOLETE_IDENTITY, IA_OLD_IDENTITY_OUT),
	R(HDIO_SET_32BIT, IA_ULONG),
	R(HDIO_SET_ACOUSTIC, IA_ULONG),
	R(HDIO_SET_ADDRESS, IA_ULONG),
	R(HDIO_SET_DMA, IA_ULONG),
	R(HDIO_SET_KEEPSETTINGS, IA_ULONG),
	R(HDIO_SET_MULTCOUNT, IA_ULONG),
	R(HDIO_SET_NOWERR, IA_ULONG),
	R(HDIO_SET_PIO_MODE, IA_ULONG),
	R(HDIO_SET_UNMASKINTR, IA_ULONG),
	R(HDIO_SET_WCACHE, IA_ULONG),
	R(HDIO_UNREGISTER_HWIF, IA_ULONG),
	R(HDIO_SET_NICE, IA_IDE_NICE),
	R(HDIO_SET_BUSSTATE, IA_BUSSTATE),
	R(HDIO_GET_QDMA, IA_HEX),
	R(HDIO_SET_QDMA, IA_HEX),
	R(HDIO_SET_XFER, IA_HEX),
	R(HDIO_TRISTATE_HWIF, IA_HEX),
	R(HDIO_DRIVE_TASKFILE, IA_HEX),
	R(HDIO_DRIVE_TASK, IA_HEX),
	/* LOOP_*: strace 6.1's loop.c. */
	R(LOOP_SET_FD, IA_FD),
	R(LOOP_CHANGE_FD, IA_FD),
	R(LOOP_CLR_FD, IA_NONE),
	R(LOOP_SET_CAPACITY, IA_NONE),
	R(LOOP_CTL_GET_FREE, IA_NONE),
	R(LOOP_CTL_ADD, IA_DEC),
	R(LOOP_CTL_REMOVE, IA_DEC),
	R(LOOP_SET_DIRECT_IO, IA_ULONG),
	R(LOOP_SET_BLOCK_SIZE, IA_ULONG),
	R(LOOP_SET_STATUS, IA_LOOP_INFO),
	R(LOOP_GET_STATUS, IA_LOOP_INFO_OUT),
	R(LOOP_SET_STATUS64, IA_LOOP_INFO64),
	R(LOOP_GET_STATUS64, IA_LOOP_INFO64_OUT),
	R(LOOP_CONFIGURE, IA_LOOP_CONFIG),
	/* PTP_*: strace 6.1's ptp.c. */
	R(PTP_CLOCK_GETCAPS, IA_PTP_CAPS_OUT),
	R(PTP_CLOCK_GETCAPS2, IA_PTP_CAPS_OUT),
	R(PTP_EXTTS_REQUEST, IA_PTP_EXTTS),
	R(PTP_EXTTS_REQUEST2, IA_PTP_EXTTS),
	R(PTP_PEROUT_REQUEST, IA_PTP_PEROUT),
	R(PTP_PEROUT_REQUEST2, IA_PTP_PEROUT),
	R(PTP_ENABLE_PPS, IA_HEX),
	R(PTP_ENABLE_PPS2, IA_HEX),
	R(PTP_SYS_OFFSET, IA_PTP_SYS_OFFSET),
	R(PTP_SYS_OFFSET2, IA_PTP_SYS_OFFSET),
	R(PTP_PIN_GETFUNC, IA_PTP_PIN_GET),
	R(PTP_PIN_GETFUNC2, IA_PTP_PIN_GET),
	R(PTP_PIN_SETFUNC, IA_PTP_PIN_SET),
	R(PTP_PIN_SETFUNC2, IA_PTP_PIN_SET),
	R(PTP_SYS_OFFSET_PRECISE, IA_PTP_PRECISE_OUT),
	R(PTP_SYS_OFFSET_PRECISE2, IA_PTP_PRECISE_OUT),
	R(PTP_SYS_OFFSET_EXTENDED, IA_PTP_SYS_OFFSET_EXT),
	R(PTP_SYS_OFFSET_EXTENDED2, IA_PTP_SYS_OFFSET_EXT),
	/* BLK*: strace 6.1's block.c. */
	R(BLKRASET, IA_ULONG),
	R(BLKFRASET, IA_ULONG),
	R(BLKSECTGET, IA_USHORT_OUT),
	R(BLKROTATIONAL, IA_USHORT_OUT),
	R(BLKROGET, IA_INT_OUT),
	R(BLKBSZGET, IA_INT_OUT),
	R(BLKSSZGET, IA_INT_OUT),
	R(BLKALIGNOFF, IA_INT_OUT),
	R(BLKROSET, IA_INT_IN),
	R(BLKBSZSET, IA_INT_IN),
	R(BLKPBSZGET, IA_UINT_OUT),
	R(BLKIOMIN, IA_UINT_OUT),
	R(BLKIOOPT, IA_UINT_OUT),
	R(BLKDISCARDZEROES, IA_UINT_OUT),
	R(BLKGETZONESZ, IA_UINT_OUT),
	R(BLKGETNRZONES, IA_UINT_OUT),
	R(BLKRAGET, IA_LONG_OUT),
	R(BLKFRAGET, IA_LONG_OUT),
	R(BLKGETSIZE, IA_ULONG_OUT),
	R(BLKGETSIZE64, IA_U64_OUT),
	R(BLKGETDISKSEQ, IA_U64_OUT),
	R(BLKDISCARD, IA_U64_PAIR_IN),
	R(BLKSECDISCARD, IA_U64_PAIR_IN),
	R(BLKZEROOUT, IA_U64_PAIR_IN),
	R(BLKPG, IA_BLKPG),
	R(BLKTRACESETUP, IA_BLKTRACESETUP),
	R(BLKRRPART, IA_NONE),
	R(BLKFLSBUF, IA_NONE),
	R(BLKTRACESTART, IA_NONE),
	R(BLKTRACESTOP, IA_NONE),
	R(BLKTRACETEARDOWN, IA_NONE),
	R(GPIO_GET_CHIPINFO_IOCTL, IA_GPIO_CHIPINFO_OUT),
	R(GPIO_GET_LINEINFO_UNWATCH_IOCTL, IA_GPIO_UNWATCH),
	R(GPIO_V2_GET_LINEINFO_IOCTL, IA_GPIO_V2_LINEINFO),
	R(GPIO_V2_GET_LINEINFO_WATCH_IOCTL, IA_GPIO_V2_LINEINFO),
	R(GPIO_V2_GET_LINE_IOCTL, IA_GPIO_V2_LINE_REQUEST),
	R(GPIO_V2_LINE_SET_CONFIG_IOCTL, IA_GPIO_V2_CONFIG),
	R(GPIO_V2_LINE_GET_VALUES_IOCTL, IA_GPIO_V2_GET_VALUES),
	R(GPIO_V2_LINE_SET_VALUES_IOCTL, IA_GPIO_V2_SET_VALUES),
	R(GPIO_GET_LINEINFO_IOCTL, IA_GPIO_LINEINFO),
	R(GPIO_GET_LINEINFO_WATCH_IOCTL, IA_GPIO_LINEINFO),
	R(GPIO_GET_LINEHANDLE_IOCTL, IA_GPIO_HANDLE_REQUEST),
	R(GPIO_GET_LINEEVENT_IOCTL, IA_GPIO_EVENT_REQUEST),
	R(GPIOHANDLE_GET_LINE_VALUES_IOCTL, IA_GPIO_VALUES_OUT),
	R(GPIOHANDLE_SET_LINE_VALUES_IOCTL, IA_GPIO_VALUES),
	R(GPIOHANDLE_SET_CONFIG_IOCTL, IA_GPIO_HANDLE_CONFIG),
	/* fs_x: FIFREEZE and FITHAW take an int that is not printed. */
	R(FITRIM, IA_FSTRIM),
	R(FS_IOC_FSSETXATTR, IA_FSXATTR),
	R(FS_IOC_FSGETXATTR, IA_FSXATTR_OUT),
	R(FIFREEZE, IA_NONE),
	R(FITHAW, IA_NONE),
	/* fs_f: the long and the int forms of the same flags word. */
	RT(FS_IOC_GETFLAGS, IA_FLAGS_OUT, fs_ioc_flags),
	RT(FS_IOC32_GETFLAGS, IA_FLAGS_OUT, fs_ioc_flags),
	RT(FS_IOC_SETFLAGS, IA_FLAGS_IN, fs_ioc_flags),
	RT(FS_IOC32_SETFLAGS, IA_FLAGS_IN, fs_ioc_flags),
	R(COUNTER_ADD_WATCH_IOCTL, IA_COUNTER_WATCH),
	R(COUNTER_ENABLE_EVENTS_IOCTL, IA_NONE),
	R(COUNTER_DISABLE_EVENTS_IOCTL, IA_NONE),
	R(RTC_AIE_ON, IA_NONE),
	R(RTC_AIE_OFF, IA_NONE),
	/* strace 6.1 names both requests of this number. */
	ROW(RTC_UIE_OFF, "PHN_NOT_OH or RTC_UIE_OFF", IA_NONE, IR_INT, IT_NONE),
	R(RTC_UIE_ON, IA_NONE),
	R(RTC_PIE_ON, IA_NONE),
	R(RTC_PIE_OFF, IA_NONE),
	R(RTC_WIE_ON, IA_NONE),
	R(RTC_WIE_OFF, IA_NONE),
	R(RTC_VL_CLR, IA_NONE),
	R(RTC_EPOCH_SET, IA_ULONG),
	R(RTC_IRQP_SET, IA_ULONG),
	R(RTC_EPOCH_READ, IA_ULONG_OUT),
	R(RTC_IRQP_READ, IA_ULONG_OUT),
	R(RTC_ALM_SET, IA_RTC_TIME),
	R(RTC_SET_TIME, IA_RTC_TIME),
	R(RTC_ALM_READ, IA_RTC_TIME_OUT),
	R(RTC_RD_TIME, IA_RTC_TIME_OUT),
	R(RTC_WKALM_SET, IA_RTC_WKALRM),
	R(RTC_WKALM_RD, IA_RTC_WKALRM_OUT),
	R(RTC_PLL_SET, IA_RTC_PLL),
	R(RTC_PLL_GET, IA_RTC_PLL_OUT),
	RT(RTC_VL_READ, IA_FLAGS_OUT, rtc_vl_flags),
	R(RTC_PARAM_GET, IA_RTC_PARAM_GET),
	R(RTC_PARAM_SET, IA_RTC_PARAM_SET),
	/* Named, its argument in hex (strace 6.1 does not decode it). */
	ROW(_IO('p', 0x40), "NVRAM_INIT", IA_HEX, IR_INT, IT_NONE),
	/* LIRC_*: strace 6.1's lirc_ioctl.c. */
	RT(LIRC_GET_FEATURES, IA_FLAGS_OUT, lirc_features),
	RT(LIRC_GET_SEND_MODE, IA_ENUM_OUT, lirc_modes),
	RT(LIRC_GET_REC_MODE, IA_ENUM_OUT, lirc_modes),
	RT(LIRC_SET_SEND_MODE, IA_ENUM_IN, lirc_modes),
	RT(LIRC_SET_REC_MODE, IA_ENUM_IN, lirc_modes),
	R(LIRC_GET_REC_RESOLUTION, IA_UINT_OUT),
	ROW(LIRC_GET_MIN_TIMEOUT, "I2OVALIDATE or LIRC_GET_MIN_TIMEOUT",
	    IA_UINT_OUT, IR_INT, IT_NONE),
	R(LIRC_GET_MAX_TIMEOUT, IA_UINT_OUT),
	R(LIRC_GET_LENGTH, IA_UINT_OUT),
	R(LIRC_GET_REC_TIMEOUT, IA_UINT_OUT),
	R(LIRC_SET_SEND_CARRIER, IA_UINT_IN),
	R(LIRC_SET_REC_CARRIER, IA_UINT_IN),
	R(LIRC_SET_SEND_DUTY_CYCLE, IA_UINT_IN),
	R(LIRC_SET_TRANSMITTER_MASK, IA_XINT_IN),
	R(LIRC_SET_REC_TIMEOUT, IA_UINT_IN),
	R(LIRC_SET_REC_TIMEOUT_REPORTS, IA_UINT_IN),
	R(LIRC_SET_MEASURE_CARRIER_MODE, IA_UINT_IN),
	/* strace 6.1 names both requests of this number. */
	ROW(LIRC_SET_REC_CARRIER_RANGE,
	    "IPMICTL_SET_MAINTENANCE_MODE_CMD or LIRC_SET_REC_CARRIER_RANGE",
	    IA_UINT_IN, IR_INT, IT_NONE),
	R(LIRC_SET_WIDEBAND_RECEIVER, IA_UINT_IN),
	/* NBD_*: strace 6.1's nbd_ioctl.c. */
	R(NBD_DISCONNECT, IA_NONE),
	R(NBD_CLEAR_SOCK, IA_NONE),
	R(NBD_DO_IT, IA_NONE),
	R(NBD_CLEAR_QUE, IA_NONE),
	R(NBD_PRINT_DEBUG, IA_NONE),
	R(NBD_SET_SOCK, IA_FD),
	R(NBD_SET_BLKSIZE, IA_ULONG),
	R(NBD_SET_SIZE, IA_ULONG),
	R(NBD_SET_SIZE_BLOCKS, IA_ULONG),
	R(NBD_SET_TIMEOUT, IA_ULONG),
	RT(NBD_SET_FLAGS, IA_FLAGS, nbd_flags),
	/* UBI_*: UBI_IOCEBCH's number says an int, strace reads the struct. */
	R(UBI_IOCATT, IA_UBI_ATTACH),
	R(UBI_IOCMKVOL, IA_UBI_MKVOL),
	R(UBI_IOCRSVOL, IA_UBI_RSVOL),
	R(UBI_IOCRNVOL, IA_UBI_RNVOL),
	R(UBI_IOCEBCH, IA_UBI_LEB_CHANGE),
	R(UBI_IOCEBMAP, IA_UBI_MAP),
	R(UBI_IOCSETVOLPROP, IA_UBI_VOL_PROP),
	R(UBI_IOCVOLUP, IA_I64_IN),
	R(UBI_IOCDET, IA_INT_IN),
	R(UBI_IOCEBER, IA_INT_IN),
	R(UBI_IOCEBISMAP, IA_INT_IN),
	R(UBI_IOCEBUNMAP, IA_INT_IN),
	R(UBI_IOCRMVOL, IA_INT_IN),
	R(UBI_IOCRPEB, IA_INT_IN),
	R(UBI_IOCSPEB, IA_INT_IN),
	R(UBI_IOCVOLCRBLK, IA_NONE),
	R(UBI_IOCVOLRMBLK, IA_NONE),
	/* Named, its argument in hex (strace 6.1 does not decode it). */
	ROW(_IO('o', 0x35), "NET_REMOVE_IF", IA_HEX, IR_INT, IT_NONE),
	/* MTD: 'M' requests that read or write are named MIXER_READ(N) or
	 * MIXER_WRITE(N) too (print_row_request). */
	R(MEMERASE, IA_MTD_ERASE),
	R(MEMLOCK, IA_MTD_ERASE),
	R(MEMUNLOCK, IA_MTD_ERASE),
	R(MEMISLOCKED, IA_MTD_ERASE),
	R(MEMERASE64, IA_MTD_ERASE64),
	R(MEMWRITEOOB, IA_MTD_OOB),
	R(MEMREADOOB, IA_MTD_OOB),
	R(MEMWRITEOOB64, IA_MTD_OOB64),
	R(MEMREADOOB64, IA_MTD_OOB64),
	R(MEMWRITE, IA_MTD_WRITE),
	R(OTPLOCK, IA_MTD_OTP_INFO),
	R(OTPGETREGIONINFO, IA_MTD_OTP_INFO_OUT),
	RT(OTPSELECT, IA_ENUM_IN, mtd_otp_modes),
	RT(MTDFILEMODE, IA_ENUM, mtd_file_modes),
	R(MEMGETBADBLOCK, IA_U64_IN),
	R(MEMSETBADBLOCK, IA_U64_IN),
	R(MEMGETINFO, IA_MTD_INFO_OUT),
	R(MEMGETOOBSEL, IA_MTD_OOBINFO_OUT),
	R(ECCGETLAYOUT, IA_MTD_LAYOUT_OUT),
	R(ECCGETSTATS, IA_MTD_STATS_OUT),
	R(OTPGETREGIONCOUNT, IA_UINT_OUT),
	R(MEMGETREGIONCOUNT, IA_INT_OUT),
	R(MEMGETREGIONINFO, IA_MTD_REGION),
	R(VIDIOC_ENUMINPUT, IA_V4L2_INPUT),
	/* A perf event's descriptor: strace 6.1's perf_ioctl.c. */
	RT(PERF_EVENT_IOC_ENABLE, IA_FLAGS, perf_ioc_flags),
	RT(PERF_EVENT_IOC_DISABLE, IA_FLAGS, perf_ioc_flags),
	R(PERF_EVENT_IOC_REFRESH, IA_DEC),
	RT(PERF_EVENT_IOC_RESET, IA_FLAGS, perf_ioc_flags),
	R(PERF_EVENT_IOC_PERIOD, IA_U64_IN),
	R(PERF_EVENT_IOC_SET_OUTPUT, IA_FD),
	R(PERF_EVENT_IOC_SET_FILTER, IA_STRING_PAGE),
	R(PERF_EVENT_IOC_ID, IA_U64_OUT),
	R(PERF_EVENT_IOC_SET_BPF, IA_FD),
	R(PERF_EVENT_IOC_PAUSE_OUTPUT, IA_ULONG),
	R(PERF_EVENT_IOC_QUERY_BPF, IA_PERF_QUERY_BPF),
	R(PERF_EVENT_IOC_MODIFY_ATTRIBUTES, IA_PERF_ATTR),
};
#undef RT
#undef RR
#undef R

#define M(name) { (uint64_t)(name), #name }
static const struct named_value modem_names[] = {
	M(TIOCM_LE), M(TIOCM_DTR), M(TIOCM_RTS), M(TIOCM_ST), M(TIOCM_SR),
	M(TIOCM_CTS), M(TIOCM_CAR), M(TIOCM_RNG), M(TIOCM_DSR),
	M(TIOCM_OUT1), M(TIOCM_OUT2), M(TIOCM_LOOP),
};
#undef M
static const struct value_table modem_flags = {
	modem_names, sizeof modem_names / sizeof *modem_names, "TIOCM_???"
};

#define F(name) { (uint64_t)(name), #name }
static const struct named_value fiemap_flag_names[] = {
	F(FIEMAP_FLAG_SYNC), F(FIEMAP_FLAG_XATTR), F(FIEMAP_FLAG_CACHE),
};
static const struct named_value fiemap_extent_flag_names[] = {
	F(FIEMAP_EXTENT_LAST), F(FIEMAP_EXTENT_UNKNOWN),
	F(FIEMAP_EXTENT_DELALLOC), F(FIEMAP_EXTENT_ENCODED),
	F(FIEMAP_EXTENT_DATA_ENCRYPTED), F(FIEMAP_EXTENT_NOT_ALIGNED),
	F(FIEMAP_EXTENT_DATA_INLINE), F(FIEMAP_EXTENT_DATA_TAIL),
	F(FIEMAP_EXTENT_UNWRITTEN), F(FIEMAP_EXTENT_MERGED),
	F(FIEMAP_EXTENT_SHARED),
};
#undef F
static const struct value_table fiemap_flags = {
	fiemap_flag_names, sizeof fiemap_flag_names / sizeof *fiemap_flag_names,
	"FIEMAP_FLAG_???"
};
static const struct value_table fiemap_extent_flags = {
	fiemap_extent_flag_names,
	sizeof fiemap_extent_flag_names / sizeof *fiemap_extent_flag_names,
	"FIEMAP_EXTENT_???"
};

/* strace 6.1's setns_types, in its order. */
#define N(name) { (uint64_t)(name), #name }
static const struct named_value nstype_names[] = {
	N(CLONE_NEWNS), N(CLONE_NEWCGROUP), N(CLONE_NEWUTS), N(CLONE_NEWIPC),
	N(CLONE_NEWUSER), N(CLONE_NEWPID), N(CLONE_NEWNET), N(CLONE_NEWTIME),
};
#undef N
static const struct value_table nstypes = {
	nstype_names, sizeof nstype_names / sizeof *nstype_names, ""
};

/* strace 6.1's audit_arch names (<linux/audit.h>), those of the
 * architectures Linux runs on today. */
#define A(name) { (uint64_t)(name), #name }
static const struct named_value audit_arch_names[] = {
	A(AUDIT_ARCH_AARCH64), A(AUDIT_ARCH_ARM), A(AUDIT_ARCH_I386),
	A(AUDIT_ARCH_LOONGARCH64), A(AUDIT_ARCH_MIPS), A(AUDIT_ARCH_MIPSEL),
	A(AUDIT_ARCH_MIPS64), A(AUDIT_ARCH_MIPSEL64), A(AUDIT_ARCH_PPC),
	A(AUDIT_ARCH_PPC64), A(AUDIT_ARCH_PPC64LE), A(AUDIT_ARCH_RISCV64),
	A(AUDIT_ARCH_S390), A(AUDIT_ARCH_S390X), A(AUDIT_ARCH_X86_64),
};
#undef A
static const struct value_table audit_arches = {
	audit_arch_names, sizeof audit_arch_names / sizeof *audit_arch_names,
	"AUDIT_ARCH_???"
};

#define S(name) { (uint64_t)(name), #name }
static const struct named_value seccomp_resp_flag_names[] = {
	S(SECCOMP_USER_NOTIF_FLAG_CONTINUE),
};
static const struct named_value seccomp_addfd_flag_names[] = {
	S(SECCOMP_ADDFD_FLAG_SETFD), S(SECCOMP_ADDFD_FLAG_SEND),
};
#undef S
static const struct value_table seccomp_resp_flags = {
	seccomp_resp_flag_names, 1, "SECCOMP_USER_NOTIF_FLAG_???"
};
static const struct value_table seccomp_addfd_flags = {
	seccomp_addfd_flag_names, 2, "SECCOMP_ADDFD_FLAG_???"
};

#define H(name) { (uint64_t)(name), #name }
/* strace 6.1's hdio_ide_nice: the bit numbers' flags, in its order. */
static const struct named_value ide_nice_names[] = {
	{ 1ULL << IDE_NICE_DSC_OVERLAP, "1 << IDE_NICE_DSC_OVERLAP" },
	{ 1ULL << IDE_NICE_ATAPI_OVERLAP, "1 << IDE_NICE_ATAPI_OVERLAP" },
	{ 1ULL << IDE_NICE_1, "1 << IDE_NICE_1" },
	{ 1ULL << IDE_NICE_0, "1 << IDE_NICE_0" },
	{ 1ULL << IDE_NICE_2, "1 << IDE_NICE_2" },
};
static const struct named_value busstate_names[] = {
	H(BUSSTATE_OFF), H(BUSSTATE_ON), H(BUSSTATE_TRISTATE),
};
/* The ATA commands of the kernel's <linux/ata.h> (not a uapi header) that
 * HDIO_DRIVE_CMD carries most; strace 6.1 names some 90 more. */
static const struct named_value ata_cmd_names[] = {
	{ 0x00, "ATA_CMD_NOP" }, { 0x08, "ATA_CMD_DEV_RESET" },
	{ 0x20, "ATA_CMD_PIO_READ" }, { 0x24, "ATA_CMD_PIO_READ_EXT" },
	{ 0x25, "ATA_CMD_READ_EXT" }, { 0x29, "ATA_CMD_READ_MULTI_EXT" },
	{ 0x30, "ATA_CMD_PIO_WRITE" }, { 0x34, "ATA_CMD_PIO_WRITE_EXT" },
	{ 0x35, "ATA_CMD_WRITE_EXT" }, { 0x39, "ATA_CMD_WRITE_MULTI_EXT" },
	{ 0x40, "ATA_CMD_VERIFY" }, { 0x42, "ATA_CMD_VERIFY_EXT" },
	{ 0xA0, "ATA_CMD_PACKET" }, { 0xA1, "ATA_CMD_ID_ATAPI" },
	{ 0xB0, "ATA_CMD_SMART" }, { 0xC4, "ATA_CMD_READ_MULTI" },
	{ 0xC5, "ATA_CMD_WRITE_MULTI" }, { 0xC6, "ATA_CMD_SET_MULTI" },
	{ 0xC8, "ATA_CMD_READ" }, { 0xCA, "ATA_CMD_WRITE" },
	{ 0xE0, "ATA_CMD_STANDBYNOW1" }, { 0xE1, "ATA_CMD_IDLEIMMEDIATE" },
	{ 0xE2, "ATA_CMD_STANDBY" }, { 0xE3, "ATA_CMD_IDLE" },
	{ 0xE5, "ATA_CMD_CHK_POWER" }, { 0xE6, "ATA_CMD_SLEEP" },
	{ 0xE7, "ATA_CMD_FLUSH" }, { 0xEA, "ATA_CMD_FLUSH_EXT" },
	{ 0xEC, "ATA_CMD_ID_ATA" }, { 0xEF, "ATA_CMD_SET_FEATURES" },
	{ 0xF8, "ATA_CMD_READ_NATIVE_MAX" }, { 0xF9, "ATA_CMD_SET_MAX" },
};
#undef H
static const struct value_table ide_nice = {
	ide_nice_names, sizeof ide_nice_names / sizeof *ide_nice_names,
	"IDE_NICE_???"
};
static const struct value_table busstates = {
	busstate_names, sizeof busstate_names / sizeof *busstate_names,
	"BUSSTATE_???"
};
static const struct value_table ata_cmds = {
	ata_cmd_names, sizeof ata_cmd_names / sizeof *ata_cmd_names,
	"ATA_CMD_???"
};

#define L(name) { (uint64_t)(name), #name }
static const struct named_value loop_flag_names[] = {
	L(LO_FLAGS_READ_ONLY), { 2, "LO_FLAGS_USE_AOPS" },
	L(LO_FLAGS_AUTOCLEAR), L(LO_FLAGS_PARTSCAN), L(LO_FLAGS_DIRECT_IO),
};
static const struct named_value loop_crypt_names[] = {
	L(LO_CRYPT_NONE), L(LO_CRYPT_XOR), L(LO_CRYPT_DES), L(LO_CRYPT_FISH2),
	L(LO_CRYPT_BLOW), L(LO_CRYPT_CAST128), L(LO_CRYPT_IDEA),
	L(LO_CRYPT_DUMMY), L(LO_CRYPT_SKIPJACK), L(LO_CRYPT_CRYPTOAPI),
};
#undef L
static const struct value_table loop_flags = {
	loop_flag_names, sizeof loop_flag_names / sizeof *loop_flag_names,
	"LO_FLAGS_???"
};
static const struct value_table loop_crypts = {
	loop_crypt_names, sizeof loop_crypt_names / sizeof *loop_crypt_names,
	"LO_CRYPT_???"
};

#define P(name) { (uint64_t)(name), #name }
static const struct named_value ptp_extts_flag_names[] = {
	P(PTP_ENABLE_FEATURE), P(PTP_RISING_EDGE), P(PTP_FALLING_EDGE),
	P(PTP_STRICT_FLAGS),
};
static const struct named_value ptp_perout_flag_names[] = {
	P(PTP_PEROUT_ONE_SHOT), P(PTP_PEROUT_DUTY_CYCLE), P(PTP_PEROUT_PHASE),
};
static const struct named_value ptp_pin_func_names[] = {
	P(PTP_PF_NONE), P(PTP_PF_EXTTS), P(PTP_PF_PEROUT), P(PTP_PF_PHYSYNC),
};
#undef P
static const struct value_table ptp_extts_flags = {
	ptp_extts_flag_names, 4, "PTP_???"
};
static const struct value_table ptp_perout_flags = {
	ptp_perout_flag_names, 3, "PTP_PEROUT_???"
};
static const struct value_table ptp_pin_funcs = {
	ptp_pin_func_names, 4, "PTP_PF_???"
};

#define B(name) { (uint64_t)(name), #name }
static const struct named_value blkpg_op_names[] = {
	B(BLKPG_ADD_PARTITION), B(BLKPG_DEL_PARTITION),
	B(BLKPG_RESIZE_PARTITION),
};
#undef B
static const struct value_table blkpg_ops = {
	blkpg_op_names, 3, "BLKPG_???"
};

#define G(name) { (uint64_t)(name), #name }
static const struct named_value gpio_line_flag_names[] = {
	G(GPIOLINE_FLAG_KERNEL), G(GPIOLINE_FLAG_IS_OUT),
	G(GPIOLINE_FLAG_ACTIVE_LOW), G(GPIOLINE_FLAG_OPEN_DRAIN),
	G(GPIOLINE_FLAG_OPEN_SOURCE), G(GPIOLINE_FLAG_BIAS_PULL_UP),
	G(GPIOLINE_FLAG_BIAS_PULL_DOWN), G(GPIOLINE_FLAG_BIAS_DISABLE),
};
static const struct named_value gpio_handle_flag_names[] = {
	G(GPIOHANDLE_REQUEST_INPUT), G(GPIOHANDLE_REQUEST_OUTPUT),
	G(GPIOHANDLE_REQUEST_ACTIVE_LOW), G(GPIOHANDLE_REQUEST_OPEN_DRAIN),
	G(GPIOHANDLE_REQUEST_OPEN_SOURCE), G(GPIOHANDLE_REQUEST_BIAS_PULL_UP),
	G(GPIOHANDLE_REQUEST_BIAS_PULL_DOWN),
	G(GPIOHANDLE_REQUEST_BIAS_DISABLE),
};
static const struct named_value gpio_event_flag_names[] = {
	G(GPIOEVENT_REQUEST_BOTH_EDGES), G(GPIOEVENT_REQUEST_RISING_EDGE),
	G(GPIOEVENT_REQUEST_FALLING_EDGE),
};
static const struct named_value gpio_v2_flag_names[] = {
	G(GPIO_V2_LINE_FLAG_USED), G(GPIO_V2_LINE_FLAG_ACTIVE_LOW),
	G(GPIO_V2_LINE_FLAG_INPUT), G(GPIO_V2_LINE_FLAG_OUTPUT),
	G(GPIO_V2_LINE_FLAG_EDGE_RISING), G(GPIO_V2_LINE_FLAG_EDGE_FALLING),
	G(GPIO_V2_LINE_FLAG_OPEN_DRAIN), G(GPIO_V2_LINE_FLAG_OPEN_SOURCE),
	G(GPIO_V2_LINE_FLAG_BIAS_PULL_UP), G(GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN),
	G(GPIO_V2_LINE_FLAG_BIAS_DISABLED),
	G(GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME),
	G(GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE),
};
#undef G
static const struct value_table gpio_line_flags = {
	gpio_line_flag_names, 8, "GPIOLINE_FLAG_???"
};
static const struct value_table gpio_handle_flags = {
	gpio_handle_flag_names, 8, "GPIOHANDLE_REQUEST_???"
};
static const struct value_table gpio_event_flags = {
	gpio_event_flag_names, 3, "GPIOEVENT_REQUEST_???"
};
static const struct value_table gpio_v2_flags = {
	gpio_v2_flag_names, 13, "GPIO_V2_LINE_FLAG_???"
};

#define X(name) { (uint64_t)(name), #name }
/* strace 6.1's fs_xflags and fs_ioc_flags, in their order. */
static const struct named_value fs_xflag_names[] = {
	X(FS_XFLAG_REALTIME), X(FS_XFLAG_PREALLOC), X(FS_XFLAG_IMMUTABLE),
	X(FS_XFLAG_APPEND), X(FS_XFLAG_SYNC), X(FS_XFLAG_NOATIME),
	X(FS_XFLAG_NODUMP), X(FS_XFLAG_RTINHERIT), X(FS_XFLAG_PROJINHERIT),
	X(FS_XFLAG_NOSYMLINKS), X(FS_XFLAG_EXTSIZE), X(FS_XFLAG_EXTSZINHERIT),
	X(FS_XFLAG_NODEFRAG), X(FS_XFLAG_FILESTREAM), X(FS_XFLAG_DAX),
	X(FS_XFLAG_COWEXTSIZE), X(FS_XFLAG_HASATTR),
};
static const struct named_value fs_ioc_flag_names[] = {
	X(FS_SECRM_FL), X(FS_UNRM_FL), X(FS_COMPR_FL), X(FS_SYNC_FL),
	X(FS_IMMUTABLE_FL), X(FS_APPEND_FL), X(FS_NODUMP_FL), X(FS_NOATIME_FL),
	X(FS_DIRTY_FL), X(FS_COMPRBLK_FL), X(FS_NOCOMP_FL), X(FS_ENCRYPT_FL),
	X(FS_INDEX_FL), X(FS_IMAGIC_FL), X(FS_JOURNAL_DATA_FL),
	X(FS_NOTAIL_FL), X(FS_DIRSYNC_FL), X(FS_TOPDIR_FL), X(FS_HUGE_FILE_FL),
	X(FS_EXTENT_FL), X(FS_VERITY_FL), X(FS_EA_INODE_FL),
	X(FS_EOFBLOCKS_FL), X(FS_NOCOW_FL), X(FS_DAX_FL),
	X(FS_INLINE_DATA_FL), X(FS_PROJINHERIT_FL), X(FS_CASEFOLD_FL),
	X(FS_RESERVED_FL),
};
static const struct named_value counter_component_names[] = {
	X(COUNTER_COMPONENT_NONE), X(COUNTER_COMPONENT_SIGNAL),
	X(COUNTER_COMPONENT_COUNT), X(COUNTER_COMPONENT_FUNCTION),
	X(COUNTER_COMPONENT_SYNAPSE_ACTION), X(COUNTER_COMPONENT_EXTENSION),
};
static const struct named_value counter_scope_names[] = {
	X(COUNTER_SCOPE_DEVICE), X(COUNTER_SCOPE_SIGNAL),
	X(COUNTER_SCOPE_COUNT),
};
static const struct named_value counter_event_names[] = {
	X(COUNTER_EVENT_OVERFLOW), X(COUNTER_EVENT_UNDERFLOW),
	X(COUNTER_EVENT_OVERFLOW_UNDERFLOW), X(COUNTER_EVENT_THRESHOLD),
	X(COUNTER_EVENT_INDEX), X(COUNTER_EVENT_CHANGE_OF_STATE),
	X(COUNTER_EVENT_CAPTURE),
};
static const struct named_value rtc_vl_flag_names[] = {
	X(RTC_VL_DATA_INVALID), X(RTC_VL_BACKUP_LOW), X(RTC_VL_BACKUP_EMPTY),
	X(RTC_VL_ACCURACY_LOW), X(RTC_VL_BACKUP_SWITCH),
};
static const struct named_value rtc_param_names[] = {
	X(RTC_PARAM_FEATURES), X(RTC_PARAM_CORRECTION),
	X(RTC_PARAM_BACKUP_SWITCH_MODE),
};
static const struct named_value rtc_bsm_names[] = {
	X(RTC_BSM_DISABLED), X(RTC_BSM_DIRECT), X(RTC_BSM_LEVEL),
	X(RTC_BSM_STANDBY),
};
static const struct named_value lirc_feature_names[] = {
	X(LIRC_CAN_SEND_PULSE), X(LIRC_CAN_SEND_LIRCCODE),
	X(LIRC_CAN_SET_SEND_CARRIER), X(LIRC_CAN_SET_SEND_DUTY_CYCLE),
	X(LIRC_CAN_SET_TRANSMITTER_MASK), X(LIRC_CAN_REC_MODE2),
	X(LIRC_CAN_REC_SCANCODE), X(LIRC_CAN_REC_LIRCCODE),
	X(LIRC_CAN_SET_REC_CARRIER), X(LIRC_CAN_MEASURE_CARRIER),
	X(LIRC_CAN_USE_WIDEBAND_RECEIVER), X(LIRC_CAN_SET_REC_TIMEOUT),
	X(LIRC_CAN_GET_REC_RESOLUTION), X(LIRC_CAN_SET_REC_CARRIER_RANGE),
};
static const struct named_value lirc_mode_names[] = {
	X(LIRC_MODE_RAW), X(LIRC_MODE_PULSE), X(LIRC_MODE_MODE2),
	X(LIRC_MODE_SCANCODE), X(LIRC_MODE_LIRCCODE),
};
#undef X
/* strace 6.1's nbd_ioctl_flags: the protocol's, <linux/nbd.h> has some. */
static const struct named_value nbd_flag_names[] = {
	{ 1 << 0, "NBD_FLAG_HAS_FLAGS" }, { 1 << 1, "NBD_FLAG_READ_ONLY" },
	{ 1 << 2, "NBD_FLAG_SEND_FLUSH" }, { 1 << 3, "NBD_FLAG_SEND_FUA" },
	{ 1 << 4, "NBD_FLAG_ROTATIONAL" }, { 1 << 5, "NBD_FLAG_SEND_TRIM" },
	{ 1 << 6, "NBD_FLAG_SEND_WRITE_ZEROES" },
	{ 1 << 7, "NBD_FLAG_SEND_DF" }, { 1 << 8, "NBD_FLAG_CAN_MULTI_CONN" },
	{ 1 << 9, "NBD_FLAG_SEND_RESIZE" }, { 1 << 10, "NBD_FLAG_SEND_CACHE" },
};
#define X(name) { (uint64_t)(name), #name }
static const struct named_value ubi_volume_type_names[] = {
	X(UBI_DYNAMIC_VOLUME), X(UBI_STATIC_VOLUME),
};
static const struct named_value ubi_volume_flag_names[] = {
	X(UBI_VOL_SKIP_CRC_CHECK_FLG),
};
static const struct named_value ubi_volume_prop_names[] = {
	X(UBI_VOL_PROP_DIRECT_WRITE),
};
static const struct named_value mtd_mode_names[] = {
	X(MTD_OPS_PLACE_OOB), X(MTD_OPS_AUTO_OOB), X(MTD_OPS_RAW),
};
static const struct named_value mtd_file_mode_names[] = {
	X(MTD_FILE_MODE_NORMAL), X(MTD_FILE_MODE_OTP_FACTORY),
	X(MTD_FILE_MODE_OTP_USER), X(MTD_FILE_MODE_RAW),
};
static const struct named_value mtd_type_names[] = {
	X(MTD_ABSENT), X(MTD_RAM), X(MTD_ROM), X(MTD_NORFLASH),
	X(MTD_NANDFLASH), X(MTD_DATAFLASH), X(MTD_UBIVOLUME),
	X(MTD_MLCNANDFLASH),
};
static const struct named_value mtd_flag_names[] = {
	X(MTD_WRITEABLE), X(MTD_BIT_WRITEABLE), X(MTD_NO_ERASE),
	X(MTD_POWERUP_LOCK), X(MTD_SLC_ON_MLC_EMULATION),
};
static const struct named_value mtd_otp_names[] = {
	X(MTD_OTP_OFF), X(MTD_OTP_FACTORY), X(MTD_OTP_USER),
};
static const struct named_value mtd_nandecc_names[] = {
	X(MTD_NANDECC_OFF), X(MTD_NANDECC_PLACE), X(MTD_NANDECC_AUTOPLACE),
	X(MTD_NANDECC_PLACEONLY), X(MTD_NANDECC_AUTOPL_USR),
};
static const struct named_value perf_ioc_flag_names[] = {
	X(PERF_IOC_FLAG_GROUP),
};
#undef X
static const struct named_value v4l2_input_type_names[] = {
	{ V4L2_INPUT_TYPE_TUNER, "V4L2_INPUT_TYPE_TUNER" },
	{ V4L2_INPUT_TYPE_CAMERA, "V4L2_INPUT_TYPE_CAMERA" },
	{ V4L2_INPUT_TYPE_TOUCH, "V4L2_INPUT_TYPE_TOUCH" },
};
/* The obsolete dtype's (the kernel's, not in <mtd/ubi-user.h>). */
static const struct named_value ubi_data_type_names[] = {
	{ 1, "UBI_LONGTERM" }, { 2, "UBI_SHORTTERM" }, { 3, "UBI_UNKNOWN" },
};
#define F(bit) { 1ULL << (bit), "1<<" #bit }
static const struct named_value rtc_feature_names[] = {
	F(RTC_FEATURE_ALARM), F(RTC_FEATURE_ALARM_RES_MINUTE),
	F(RTC_FEATURE_NEED_WEEK_DAY), F(RTC_FEATURE_ALARM_RES_2S),
	F(RTC_FEATURE_UPDATE_INTERRUPT), F(RTC_FEATURE_CORRECTION),
	F(RTC_FEATURE_BACKUP_SWITCH_MODE), F(RTC_FEATURE_ALARM_WAKEUP_ONLY),
};
#undef F
static const struct value_table fs_xflags =
	VALUE_TABLE(fs_xflag_names, "FS_XFLAG_???");
static const struct value_table fs_ioc_flags =
	VALUE_TABLE(fs_ioc_flag_names, "FS_???_FL");
static const struct value_table counter_components =
	VALUE_TABLE(counter_component_names, "COUNTER_COMPONENT_???");
static const struct value_table counter_scopes =
	VALUE_TABLE(counter_scope_names, "COUNTER_SCOPE_???");
static const struct value_table counter_events =
	VALUE_TABLE(counter_event_names, "COUNTER_EVENT_???");
static const struct value_table rtc_vl_flags =
	VALUE_TABLE(rtc_vl_flag_names, "RTC_VL_???");
static const struct value_table rtc_params =
	VALUE_TABLE(rtc_param_names, "RTC_PARAM_???");
static const struct value_table rtc_bsms = VALUE_TABLE(rtc_bsm_names, "RTC_BSM_???");
static const struct value_table rtc_features =
	VALUE_TABLE(rtc_feature_names, "1<<RTC_FEATURE_???");
static const struct value_table lirc_features =
	VALUE_TABLE(lirc_feature_names, "LIRC_CAN_???");
static const struct value_table lirc_modes =
	VALUE_TABLE(lirc_mode_names, "LIRC_MODE_???");
static const struct value_table mtd_modes =
	VALUE_TABLE(mtd_mode_names, "MTD_OPS_???");
static const struct value_table mtd_file_modes =
	VALUE_TABLE(mtd_file_mode_names, "MTD_FILE_MODE_???");
static const struct value_table mtd_types =
	VALUE_TABLE(mtd_type_names, "MTD_???");
static const struct value_table mtd_flags =
	VALUE_TABLE(mtd_flag_names, "MTD_???");
static const struct value_table mtd_otp_modes =
	VALUE_TABLE(mtd_otp_names, "MTD_OTP_???");
static const struct value_table perf_ioc_flags =
	VALUE_TABLE(perf_ioc_flag_names, "PERF_IOC_FLAG_???");

static const struct value_table mtd_nandeccs =
	VALUE_TABLE(mtd_nandecc_names, "MTD_NANDECC_???");
static const struct value_table v4l2_input_types =
	VALUE_TABLE(v4l2_input_type_names, "V4L2_INPUT_TYPE_???");
static const struct value_table ubi_volume_types =
	VALUE_TABLE(ubi_volume_type_names, "UBI_???_VOLUME");
static const struct value_table ubi_volume_flags =
	VALUE_TABLE(ubi_volume_flag_names, "UBI_VOL_???");
static const struct value_table ubi_volume_props =
	VALUE_TABLE(ubi_volume_prop_names, "UBI_VOL_PROP_???");
static const struct value_table ubi_data_types =
	VALUE_TABLE(ubi_data_type_names, "UBI_???");
static const struct value_table nbd_flags =
	VALUE_TABLE(nbd_flag_names, "NBD_IOC_FLAG_???");

static const struct ioctl_row *ioctl_row_of(uint32_t request)
{
	for (unsigned i = 0; i < sizeof ioctl_rows / sizeof *ioctl_rows; i++)
		if (ioctl_rows[i].request == request)
			return &ioctl_rows[i];
	return 0;
}

/* [N] or [TIOCM_x|...] of the int at addr. */
static void print_int_at(const struct decode_context *ctx, uintptr_t addr,
			 int modem)
{
	int32_t v;
	if (!read_or_print_addr(ctx, &v, addr, sizeof v))
		return;
	tb_char(ctx->tb, '[');
	if (modem)
		print_flags(ctx->tb, &modem_flags, (uint32_t)v);
	else
		tb_dec(ctx->tb, v);
	tb_char(ctx->tb, ']');
}

/* {entropy_count=3, buf_size=8, buf="12345678"} */
static void print_entropy(const struct decode_context *ctx, uintptr_t addr)
{
	int32_t head[2];
	if (!read_or_print_addr(ctx, head, addr, sizeof head))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{entropy_count=");
	tb_dec(tb, head[0]);
	tb_str(tb, ", buf_size=");
	tb_dec(tb, head[1]);
	tb_str(tb, ", buf=");
	print_buffer(ctx, addr + sizeof head, (uint32_t)head[1], 0);
	tb_char(tb, '}');
}

/* Entry: {fm_start=, fm_length=, fm_flags=, fm_extent_count=}. */
static void print_fiemap_in(const struct decode_context *ctx, uintptr_t addr)
{
	struct fiemap fm;
	if (!read_or_print_addr(ctx, &fm, addr, sizeof fm))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{fm_start=");
	tb_udec(tb, fm.fm_start);
	tb_str(tb, ", fm_length=");
	tb_udec(tb, fm.fm_length);
	tb_str(tb, ", fm_flags=");
	print_flags(tb, &fiemap_flags, fm.fm_flags);
	tb_str(tb, ", fm_extent_count=");
	tb_udec(tb, fm.fm_extent_count);
	tb_char(tb, '}');
}

/* strace's print_array of the extents after the struct (under -v): [],
 * the address when the first cannot be read (or the size overflows),
 * "..., ... (the address in a comment)" when a later one cannot. At most 64:
 * a line ends at 4 KiB anyway. */
static void print_fiemap_extents(const struct decode_context *ctx,
				 uintptr_t addr, uint32_t count)
{
	struct text_buffer *tb = ctx->tb;
	if (count == 0) {
		tb_str(tb, "[]");
		return;
	}
	if (addr + (uint64_t)count * sizeof(struct fiemap_extent) <= addr) {
		tb_hex_raw(tb, addr);
		return;
	}
	for (uint32_t i = 0; i < count; i++) {
		struct fiemap_extent fe;
		uintptr_t at = addr + (uintptr_t)i * sizeof fe;
		if (i == 64) {
			tb_str(tb, ", ...");
			break;
		}
		if (!print_array_next(ctx, &fe, at, sizeof fe, i)) {
			if (i == 0)
				return;
			break;
		}
		tb_str(tb, "{fe_logical=");
		tb_udec(tb, fe.fe_logical);
		tb_str(tb, ", fe_physical=");
		tb_udec(tb, fe.fe_physical);
		tb_str(tb, ", fe_length=");
		tb_udec(tb, fe.fe_length);
		tb_str(tb, ", fe_flags=");
		print_flags(tb, &fiemap_extent_flags, fe.fe_flags);
		tb_char(tb, '}');
	}
	tb_char(tb, ']');
}

/* Exit (unless the call failed or the struct was unreadable at entry):
 * " => {fm_flags=, fm_mapped_extents=, ...}", the extents under -v. */
static void print_fiemap_out(const struct decode_context *ctx, uintptr_t addr)
{
	struct fiemap fm;
	if (is_error_result(ctx->result) || !addr || !ctx_verbose(ctx) ||
	    !read_exact(ctx, &fm, addr, sizeof fm))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, " => {fm_flags=");
	print_flags(tb, &fiemap_flags, fm.fm_flags);
	tb_str(tb, ", fm_mapped_extents=");
	tb_udec(tb, fm.fm_mapped_extents);
	if (ctx_abbrev(ctx)) {
		tb_str(tb, ", ...}");
		return;
	}
	tb_str(tb, ", fm_extents=");
	print_fiemap_extents(ctx, addr + sizeof fm, fm.fm_mapped_extents);
	tb_char(tb, '}');
}

/* [0x...] of the uint64_t at addr (strace's printnum_int64 "%#" PRIx64). */
static void print_u64x_at(const struct decode_context *ctx, uintptr_t addr)
{
	uint64_t v;
	if (!read_or_print_addr(ctx, &v, addr, sizeof v))
		return;
	tb_char(ctx->tb, '[');
	tb_hex(ctx->tb, v);
	tb_char(ctx->tb, ']');
}

/* {id=, pid=, flags=, data={nr=, arch=, instruction_pointer=, args=[]}} */
static void print_seccomp_notif(const struct decode_context *ctx,
				const struct seccomp_notif *n)
{
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{id=");
	tb_hex(tb, n->id);
	tb_str(tb, ", pid=");
	print_pid(ctx, (int)n->pid, PIDNS_TGID); /* strace's PRINT_FIELD_TGID */
	tb_str(tb, ", flags=");
	tb_hex(tb, n->flags);
	tb_str(tb, ", data={nr=");
	print_syscall_nr(tb, (uint32_t)n->data.nr, n->data.arch);
	tb_str(tb, ", arch=");
	print_enum(tb, &audit_arches, n->data.arch);
	tb_str(tb, ", instruction_pointer=");
	tb_ptr(tb, n->data.instruction_pointer);
	tb_str(tb, ", args=[");
	for (int i = 0; i < 6; i++) {
		if (i)
			tb_str(tb, ", ");
		tb_hex(tb, n->data.args[i]);
	}
	tb_str(tb, "]}}");
}

/* strace's seccomp_ioctl for SECCOMP_IOCTL_NOTIF_RECV: the struct at entry
 * unless all 0 (then " => " follows), at exit what the kernel wrote; the
 * address alone when it cannot be read or the call failed. */
static void print_seccomp_notif_at(const struct decode_context *ctx,
				   uintptr_t addr)
{
	struct seccomp_notif n;
	if (!ctx->exiting) {
		if (!read_or_print_addr(ctx, &n, addr, sizeof n))
			return;
		const unsigned char *b = (const unsigned char *)&n;
		size_t i = 0;
		while (i < sizeof n && !b[i])
			i++;
		if (i == sizeof n)
			return;
		print_seccomp_notif(ctx, &n);
		tb_str(ctx->tb, " => ");
		return;
	}
	/* Entry printed NULL or the address: nothing follows. */
	if (!addr || !read_exact(ctx, &n, addr, sizeof n))
		return;
	if (is_error_result(ctx->result))
		tb_hex_raw(ctx->tb, addr);
	else
		print_seccomp_notif(ctx, &n);
}

/* {id=, val=, error=, flags=} */
static void print_seccomp_resp(const struct decode_context *ctx, uintptr_t addr)
{
	struct seccomp_notif_resp r;
	if (!read_or_print_addr(ctx, &r, addr, sizeof r))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{id=");
	tb_hex(tb, r.id);
	tb_str(tb, ", val=");
	tb_dec(tb, r.val);
	tb_str(tb, ", error=");
	/* strace's PRINT_FIELD_ERR_D: -ENAME for a negated errno, in the
	 * style (-X raw: -63, verbose: -63 / * -ENOSR * /). */
	const char *e = r.error < 0 ? errno_name(-(long)r.error) : 0;
	char neg[32];
	unsigned n = 0;
	neg[n++] = '-';
	while (e && e[n - 1] && n + 1 < sizeof neg) {
		neg[n] = e[n - 1];
		n++;
	}
	neg[n] = 0;
	print_named_value(tb, (uint64_t)(int64_t)r.error, e ? neg : 0,
			  CONST_DEC);
	tb_str(tb, ", flags=");
	print_flags(tb, &seccomp_resp_flags, r.flags);
	tb_char(tb, '}');
}

/* {id=, flags=, srcfd=, newfd=, newfd_flags=} */
static void print_seccomp_addfd(const struct decode_context *ctx,
				uintptr_t addr)
{
	struct seccomp_notif_addfd a;
	if (!read_or_print_addr(ctx, &a, addr, sizeof a))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{id=");
	tb_hex(tb, a.id);
	tb_str(tb, ", flags=");
	print_flags(tb, &seccomp_addfd_flags, a.flags);
	tb_str(tb, ", srcfd=");
	print_fd(ctx, (int)a.srcfd);
	tb_str(tb, ", newfd=");
	tb_dec(tb, (int)a.newfd);
	tb_str(tb, ", newfd_flags=");
	print_flags(tb, value_table_get(VT_OPEN_FLAGS), a.newfd_flags);
	tb_char(tb, '}');
}

/* A char array field as strace's PRINT_FIELD_CSTRING: up to its NUL,
 * at most size - 1 bytes, "..." when not even the last byte ends it. */
static void print_char_field(const struct decode_context *ctx,
			     const unsigned char *s, size_t size)
{
	print_quoted_local(ctx, s, size - 1, 1);
	size_t len = 0;
	while (len < size - 1 && s[len])
		len++;
	if (len == size - 1 && s[size - 1])
		tb_str(ctx->tb, "...");
}

/* ", name=[0x.., ...]" of n values. */
static void print_hex_array(struct text_buffer *tb, const char *name,
			    const uint64_t *v, unsigned n)
{
	tb_str(tb, name);
	for (unsigned i = 0; i < n; i++) {
		tb_str(tb, i ? ", " : "=[");
		tb_hex(tb, v[i]);
	}
	tb_char(tb, ']');
}

/* The encryption fields strace shows under -v or when a cipher is set. */
static void print_loop_crypt(const struct decode_context *ctx,
			     uint32_t type, uint32_t key_size)
{
	tb_str(ctx->tb, ", lo_encrypt_type=");
	print_enum(ctx->tb, &loop_crypts, type);
	tb_str(ctx->tb, ", lo_encrypt_key_size=");
	tb_udec(ctx->tb, key_size);
}

static void print_loop_key(const struct decode_context *ctx,
			   const unsigned char *key, uint32_t key_size)
{
	tb_str(ctx->tb, ", lo_encrypt_key=");
	print_quoted_local(ctx, key, key_size < LO_KEY_SIZE ? key_size
							    : LO_KEY_SIZE, 0);
}

/* strace's decode_loop_info. */
static void print_loop_info(const struct decode_context *ctx, uintptr_t addr)
{
	struct loop_info li;
	if (!read_or_print_addr(ctx, &li, addr, sizeof li))
		return;
	struct text_buffer *tb = ctx->tb;
	int full = !ctx_abbrev(ctx), crypt = full || li.lo_encrypt_type;
	tb_str(tb, "{lo_number=");
	tb_dec(tb, li.lo_number);
	if (full) {
		tb_str(tb, ", lo_device=");
		print_makedev(tb, li.lo_device);
		tb_str(tb, ", lo_inode=");
		tb_udec(tb, li.lo_inode);
		tb_str(tb, ", lo_rdevice=");
		print_makedev(tb, li.lo_rdevice);
	}
	tb_str(tb, ", lo_offset=");
	tb_hex(tb, (uint32_t)li.lo_offset);
	if (crypt)
		print_loop_crypt(ctx, (uint32_t)li.lo_encrypt_type,
				 (uint32_t)li.lo_encrypt_key_size);
	tb_str(tb, ", lo_flags=");
	print_flags(tb, &loop_flags, (uint32_t)li.lo_flags);
	tb_str(tb, ", lo_name=");
	print_char_field(ctx, (const unsigned char *)li.lo_name,
			 sizeof li.lo_name);
	if (crypt)
		print_loop_key(ctx, li.lo_encrypt_key,
			       (uint32_t)li.lo_encrypt_key_size);
	if (full) {
		uint64_t v[4] = { li.lo_init[0], li.lo_init[1] };
		print_hex_array(tb, ", lo_init", v, 2);
		for (int i = 0; i < 4; i++)
			v[i] = (unsigned char)li.reserved[i];
		print_hex_array(tb, ", reserved", v, 4);
	} else {
		tb_str(tb, ", ...");
	}
	tb_char(tb, '}');
}

/* strace's print_loop_info64. */
static void print_loop_info64(const struct decode_context *ctx,
			      const struct loop_info64 *li)
{
	struct text_buffer *tb = ctx->tb;
	int full = !ctx_abbrev(ctx), crypt = full || li->lo_encrypt_type;
	if (full) {
		tb_str(tb, "{lo_device=");
		print_makedev(tb, li->lo_device);
		tb_str(tb, ", lo_inode=");
		tb_udec(tb, li->lo_inode);
		tb_str(tb, ", lo_rdevice=");
		print_makedev(tb, li->lo_rdevice);
		tb_str(tb, ", lo_offset=");
		tb_hex(tb, li->lo_offset);
		tb_str(tb, ", lo_sizelimit=");
		tb_udec(tb, li->lo_sizelimit);
	} else {
		tb_str(tb, "{lo_offset=");
		tb_hex(tb, li->lo_offset);
	}
	tb_str(tb, ", lo_number=");
	tb_udec(tb, li->lo_number);
	if (crypt)
		print_loop_crypt(ctx, li->lo_encrypt_type,
				 li->lo_encrypt_key_size);
	tb_str(tb, ", lo_flags=");
	print_flags(tb, &loop_flags, li->lo_flags);
	tb_str(tb, ", lo_file_name=");
	print_char_field(ctx, li->lo_file_name, sizeof li->lo_file_name);
	if (crypt) {
		tb_str(tb, ", lo_crypt_name=");
		print_char_field(ctx, li->lo_crypt_name,
				 sizeof li->lo_crypt_name);
		print_loop_key(ctx, li->lo_encrypt_key,
			       li->lo_encrypt_key_size);
	}
	if (full) {
		uint64_t v[2] = { li->lo_init[0], li->lo_init[1] };
		print_hex_array(tb, ", lo_init", v, 2);
	} else {
		tb_str(tb, ", ...");
	}
	tb_char(tb, '}');
}

/* {fd=, block_size=, info={...}[, __reserved=[...]]} */
static void print_loop_config(const struct decode_context *ctx,
			      uintptr_t addr)
{
	struct loop_config lc;
	if (!read_or_print_addr(ctx, &lc, addr, sizeof lc))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{fd=");
	print_fd(ctx, (int)lc.fd);
	tb_str(tb, ", block_size=");
	tb_udec(tb, lc.block_size);
	tb_str(tb, ", info=");
	print_loop_info64(ctx, &lc.info);
	uint64_t v[8];
	int any = 0;
	for (int i = 0; i < 8; i++) {
		v[i] = lc.__reserved[i];
		any |= v[i] != 0;
	}
	if (any)
		print_hex_array(tb, ", __reserved", v, 8);
	tb_char(tb, '}');
}

static void print_loop_info64_at(const struct decode_context *ctx,
				 uintptr_t addr)
{
	struct loop_info64 li;
	if (read_or_print_addr(ctx, &li, addr, sizeof li))
		print_loop_info64(ctx, &li);
}

/* Before element i of an array strace prints with print_array: the
 * separator, and "..." (returning 0) past -s elements unless -v. */
static int array_next(const struct decode_context *ctx, unsigned i)
{
	if (ctx_array_cut(ctx, i))
		return 0;
	if (i)
		tb_str(ctx->tb, ", ");
	return 1;
}

/* {sec=, nsec=[, reserved=]}, with the date when it is one (rtc). */
static void print_ptp_time(struct text_buffer *tb,
			   const struct ptp_clock_time *t, int rtc)
{
	tb_str(tb, "{sec=");
	tb_dec(tb, t->sec);
	tb_str(tb, ", nsec=");
	tb_udec(tb, t->nsec);
	if (t->reserved) {
		tb_str(tb, ", reserved=");
		tb_hex(tb, t->reserved);
	}
	tb_char(tb, '}');
	if (rtc && tb->style != CONST_STYLE_RAW) /* as strace's ptp.c */
		print_time_comment(tb, t->sec, t->nsec);
}

/* ", rsv=[...]" unless all 0 (strace's PRINT_RSV). */
static void print_ptp_rsv(struct text_buffer *tb, const unsigned *rsv,
			  unsigned n)
{
	uint64_t v[12];
	int any = 0;
	for (unsigned i = 0; i < n; i++) {
		v[i] = rsv[i];
		any |= rsv[i] != 0;
	}
	if (any)
		print_hex_array(tb, ", rsv", v, n);
}

/* The "2" requests (numbered from 10) show their reserved words. */
static int ptp_v2(const struct decode_context *ctx)
{
	return _IOC_NR((uint32_t)ctx->args[1]) >= 10;
}

static void print_ptp_caps(const struct decode_context *ctx, uintptr_t addr)
{
	struct ptp_clock_caps c;
	if (!read_or_print_addr(ctx, &c, addr, sizeof c))
		return;
	struct text_buffer *tb = ctx->tb;
	static const char *const names[] = {
		"{max_adj=", ", n_alarm=", ", n_ext_ts=", ", n_per_out=",
		", pps=", ", n_pins=", ", cross_timestamping=",
		", adjust_phase=",
	};
	const int v[] = { c.max_adj, c.n_alarm, c.n_ext_ts, c.n_per_out,
			  c.pps, c.n_pins, c.cross_timestamping,
			  c.adjust_phase };
	for (int i = 0; i < 8; i++) {
		tb_str(tb, names[i]);
		tb_dec(tb, v[i]);
	}
	print_ptp_rsv(tb, (const unsigned *)c.rsv, 12);
	tb_char(tb, '}');
}

static void print_ptp_extts(const struct decode_context *ctx, uintptr_t addr)
{
	struct ptp_extts_request e;
	if (!read_or_print_addr(ctx, &e, addr, sizeof e))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{index=");
	tb_udec(tb, e.index);
	tb_str(tb, ", flags=");
	print_flags(tb, &ptp_extts_flags, e.flags);
	if (ptp_v2(ctx))
		print_ptp_rsv(tb, e.rsv, 2);
	tb_char(tb, '}');
}

static void print_ptp_perout(const struct decode_context *ctx, uintptr_t addr)
{
	struct ptp_perout_request r;
	if (!read_or_print_addr(ctx, &r, addr, sizeof r))
		return;
	struct text_buffer *tb = ctx->tb;
	if (r.flags & PTP_PEROUT_PHASE) {
		tb_str(tb, "{phase=");
		print_ptp_time(tb, &r.phase, 0);
	} else {
		tb_str(tb, "{start=");
		print_ptp_time(tb, &r.start, 1);
	}
	tb_str(tb, ", period=");
	print_ptp_time(tb, &r.period, 0);
	tb_str(tb, ", index=");
	tb_udec(tb, r.index);
	tb_str(tb, ", flags=");
	print_flags(tb, &ptp_perout_flags, r.flags);
	if (r.flags & PTP_PEROUT_DUTY_CYCLE) {
		tb_str(tb, ", on=");
		print_ptp_time(tb, &r.on, 0);
	} else if (ptp_v2(ctx)) {
		print_ptp_rsv(tb, r.rsv, 4);
	}
	tb_char(tb, '}');
}

static void print_ptp_precise(const struct decode_context *ctx, uintptr_t addr)
{
	struct ptp_sys_offset_precise p;
	if (!read_or_print_addr(ctx, &p, addr, sizeof p))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{device=");
	print_ptp_time(tb, &p.device, 1);
	tb_str(tb, ", sys_realtime=");
	print_ptp_time(tb, &p.sys_realtime, 1);
	tb_str(tb, ", sys_monoraw=");
	print_ptp_time(tb, &p.sys_monoraw, 0);
	print_ptp_rsv(tb, p.rsv, 4);
	tb_char(tb, '}');
}

/* PTP_SYS_OFFSET{,_EXTENDED}: "{n_samples=N[, rsv=]" at entry; at exit,
 * unless the call failed, ", ts=[...]" (the samples, cut at -s unless -v),
 * and the brace. */
static void print_ptp_sys_offset(const struct decode_context *ctx,
				 uintptr_t addr, int extended)
{
	struct text_buffer *tb = ctx->tb;
	union {
		struct ptp_sys_offset o;
		struct ptp_sys_offset_extended e;
	} u;
	size_t size = extended ? sizeof u.e : sizeof u.o;
	if (!ctx->exiting) {
		if (!read_or_print_addr(ctx, &u, addr, size))
			return;
		tb_str(tb, "{n_samples=");
		tb_udec(tb, u.o.n_samples);
		print_ptp_rsv(tb, u.o.rsv, 3);
		return;
	}
	/* Entry printed NULL or the address (the struct was unreadable; we
	 * take it still is): nothing follows. strace's ", ???" for memory
	 * that became unreadable during the call is not told apart. */
	if (!addr || !read_exact(ctx, &u, addr, size))
		return;
	if (is_error_result(ctx->result)) {
		tb_char(tb, '}');
		return;
	}
	unsigned n = u.o.n_samples < PTP_MAX_SAMPLES ? u.o.n_samples
						     : PTP_MAX_SAMPLES;
	unsigned count = extended ? n : 2 * n + 1;
	tb_str(tb, ", ts=[");
	for (unsigned i = 0; i < count; i++) {
		if (!array_next(ctx, i))
			break;
		if (!extended) {
			print_ptp_time(tb, &u.o.ts[i], 1);
			continue;
		}
		for (int j = 0; j < 3; j++) {
			tb_str(tb, j ? ", " : "[");
			print_ptp_time(tb, &u.e.ts[i][j], 1);
		}
		tb_char(tb, ']');
	}
	tb_char(tb, ']');
	tb_char(tb, '}');
}

/* PTP_PIN_GETFUNC: "{index=N[, rsv=]" at entry, the pin at exit;
 * PTP_PIN_SETFUNC: all at entry. */
static void print_ptp_pin(const struct decode_context *ctx, uintptr_t addr,
			  int get)
{
	struct text_buffer *tb = ctx->tb;
	struct ptp_pin_desc d;
	if (!ctx->exiting) {
		if (!read_or_print_addr(ctx, &d, addr, sizeof d))
			return;
		tb_str(tb, "{index=");
		tb_udec(tb, d.index);
		if (get) {
			if (ptp_v2(ctx))
				print_ptp_rsv(tb, d.rsv, 5);
			return;
		}
	} else {
		/* As print_ptp_sys_offset's exit. */
		if (!addr || !read_exact(ctx, &d, addr, sizeof d))
			return;
		if (is_error_result(ctx->result)) {
			tb_char(tb, '}');
			return;
		}
		tb_str(tb, ", name=");
		print_char_field(ctx, (const unsigned char *)d.name,
				 sizeof d.name);
	}
	tb_str(tb, ", func=");
	print_enum(tb, &ptp_pin_funcs, d.func);
	tb_str(tb, ", chan=");
	tb_udec(tb, d.chan);
	if (!get && ptp_v2(ctx))
		print_ptp_rsv(tb, d.rsv, 5);
	tb_char(tb, '}');
}

/* {op=, flags=, datalen=, data={start=, length=, pno=, devname=,
 * volname=}} */
static void print_blkpg(const struct decode_context *ctx, uintptr_t addr)
{
	struct blkpg_ioctl_arg a;
	if (!read_or_print_addr(ctx, &a, addr, sizeof a))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{op=");
	print_enum(tb, &blkpg_ops, (uint32_t)a.op);
	tb_str(tb, ", flags=");
	tb_dec(tb, a.flags);
	tb_str(tb, ", datalen=");
	tb_dec(tb, a.datalen);
	tb_str(tb, ", data=");
	struct blkpg_partition p;
	if (read_or_print_addr(ctx, &p, (uintptr_t)a.data, sizeof p)) {
		tb_str(tb, "{start=");
		tb_dec(tb, p.start);
		tb_str(tb, ", length=");
		tb_dec(tb, p.length);
		tb_str(tb, ", pno=");
		tb_dec(tb, p.pno);
		tb_str(tb, ", devname=");
		print_char_field(ctx, (const unsigned char *)p.devname,
				 sizeof p.devname);
		tb_str(tb, ", volname=");
		print_char_field(ctx, (const unsigned char *)p.volname,
				 sizeof p.volname);
		tb_char(tb, '}');
	}
	tb_char(tb, '}');
}

/* BLKTRACESETUP: the request at entry (open), the name at exit. */
static void print_blktrace_setup(const struct decode_context *ctx,
				 uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	struct blk_user_trace_setup b;
	if (!ctx->exiting) {
		if (!read_or_print_addr(ctx, &b, addr, sizeof b))
			return;
		tb_str(tb, "{act_mask=");
		tb_udec(tb, b.act_mask);
		tb_str(tb, ", buf_size=");
		tb_udec(tb, b.buf_size);
		tb_str(tb, ", buf_nr=");
		tb_udec(tb, b.buf_nr);
		tb_str(tb, ", start_lba=");
		tb_udec(tb, b.start_lba);
		tb_str(tb, ", end_lba=");
		tb_udec(tb, b.end_lba);
		tb_str(tb, ", pid=");
		tb_udec(tb, b.pid);
		return;
	}
	/* Entry printed NULL or the address: nothing follows. */
	if (!addr || !read_exact(ctx, &b, addr, sizeof b))
		return;
	if (!is_error_result(ctx->result)) {
		tb_str(tb, ", name=");
		print_char_field(ctx, (const unsigned char *)b.name,
				 sizeof b.name);
	}
	tb_char(tb, '}');
}

/* [N, N] of the two uint64_t at addr (strace's printpair_int64). */
static void print_u64_pair(const struct decode_context *ctx, uintptr_t addr)
{
	uint64_t v[2];
	if (!read_or_print_addr(ctx, v, addr, sizeof v))
		return;
	tb_char(ctx->tb, '[');
	tb_udec(ctx->tb, v[0]);
	tb_str(ctx->tb, ", ");
	tb_udec(ctx->tb, v[1]);
	tb_char(ctx->tb, ']');
}

/* strace's print_local_array of n unsigned ints (decimal, or hex):
 * "[1, 2, ...]", cut at -s unless -v. */
static void print_u32_local(const struct decode_context *ctx,
			    const uint32_t *v, unsigned n, int hex)
{
	struct text_buffer *tb = ctx->tb;
	tb_char(tb, '[');
	for (unsigned i = 0; i < n; i++) {
		if (!array_next(ctx, i))
			break;
		if (hex)
			tb_hex(tb, v[i]);
		else
			tb_udec(tb, v[i]);
	}
	tb_char(tb, ']');
}

/* ", padding=[...]" unless all 0. */
static void print_gpio_padding(const struct decode_context *ctx,
			       const uint32_t *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (v[i]) {
			tb_str(ctx->tb, ", padding=");
			print_u32_local(ctx, v, n, 1);
			return;
		}
}

/* A line attribute by its id (strace's print_gpio_v2_line_attribute);
 * as_field: inside "attr={...}". */
static void print_gpio_v2_attr(struct text_buffer *tb,
			       const struct gpio_v2_line_attribute *a,
			       int as_field)
{
	int known = !a->padding && a->id >= GPIO_V2_LINE_ATTR_ID_FLAGS &&
		    a->id <= GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
	if (known) {
		if (a->id == GPIO_V2_LINE_ATTR_ID_FLAGS) {
			tb_str(tb, "flags=");
			print_flags(tb, &gpio_v2_flags, a->flags);
		} else if (a->id == GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES) {
			tb_str(tb, "values=");
			tb_hex(tb, a->values);
		} else {
			tb_str(tb, "debounce_period_us=");
			tb_udec(tb, a->debounce_period_us);
		}
		return;
	}
	if (as_field)
		tb_str(tb, "attr={");
	tb_str(tb, "id=");
	tb_udec(tb, a->id);
	if (a->padding) {
		tb_str(tb, ", padding=");
		tb_hex(tb, a->padding);
	}
	tb_str(tb, ", data=");
	tb_hex(tb, a->values);
	if (as_field)
		tb_char(tb, '}');
}

/* {flags=, num_attrs=[, padding=][, attrs=[{..., mask=}]]} */
static void print_gpio_v2_config(const struct decode_context *ctx,
				 const struct gpio_v2_line_config *c)
{
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{flags=");
	print_flags(tb, &gpio_v2_flags, c->flags);
	tb_str(tb, ", num_attrs=");
	tb_udec(tb, c->num_attrs);
	print_gpio_padding(ctx, c->padding, 5);
	if (c->num_attrs) {
		unsigned n = c->num_attrs < GPIO_V2_LINE_NUM_ATTRS_MAX
				     ? c->num_attrs : GPIO_V2_LINE_NUM_ATTRS_MAX;
		tb_str(tb, ", attrs=[");
		for (unsigned i = 0; i < n; i++) {
			if (!array_next(ctx, i))
				break;
			tb_char(tb, '{');
			print_gpio_v2_attr(tb, &c->attrs[i].attr, 1);
			tb_str(tb, ", mask=");
			tb_hex(tb, c->attrs[i].mask);
			tb_char(tb, '}');
		}
		tb_char(tb, ']');
	}
	tb_char(tb, '}');
}

/* The GPIO requests. At entry: what the program gives; at exit of the
 * IN_OUT ones, " => {...}" of what the kernel wrote unless the call
 * failed (nothing when the entry printed NULL or the address). */
static void print_gpio(const struct decode_context *ctx, unsigned kind,
		       uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	union {
		struct gpiochip_info chip;
		struct gpioline_info line;
		struct gpio_v2_line_info v2info;
		struct gpio_v2_line_request v2req;
		struct gpio_v2_line_config v2conf;
		struct gpio_v2_line_values v2vals;
		struct gpiohandle_request hreq;
		struct gpioevent_request ereq;
		struct gpiohandle_data data;
		struct gpiohandle_config hconf;
		uint32_t offset;
	} u;
	size_t size = kind == IA_GPIO_CHIPINFO_OUT ? sizeof u.chip
		      : kind == IA_GPIO_UNWATCH ? sizeof u.offset
		      : kind == IA_GPIO_LINEINFO ? sizeof u.line
		      : kind == IA_GPIO_V2_LINEINFO ? sizeof u.v2info
		      : kind == IA_GPIO_V2_LINE_REQUEST ? sizeof u.v2req
		      : kind == IA_GPIO_V2_CONFIG ? sizeof u.v2conf
		      : kind == IA_GPIO_V2_GET_VALUES ||
				kind == IA_GPIO_V2_SET_VALUES ? sizeof u.v2vals
		      : kind == IA_GPIO_HANDLE_REQUEST ? sizeof u.hreq
		      : kind == IA_GPIO_EVENT_REQUEST ? sizeof u.ereq
		      : kind == IA_GPIO_HANDLE_CONFIG ? sizeof u.hconf
						       : sizeof u.data;
	if (ctx->exiting) {
		if (kind != IA_GPIO_CHIPINFO_OUT && kind != IA_GPIO_VALUES_OUT &&
		    (is_error_result(ctx->result) || !addr ||
		     !read_exact(ctx, &u, addr, size)))
			return;
		if (kind != IA_GPIO_CHIPINFO_OUT && kind != IA_GPIO_VALUES_OUT)
			tb_str(tb, " => ");
		else if (!read_or_print_addr(ctx, &u, addr, size))
			return;
	} else if (!read_or_print_addr(ctx, &u, addr, size)) {
		return;
	}
	int exiting = ctx->exiting;
	switch (kind) {
	case IA_GPIO_CHIPINFO_OUT:
		tb_str(tb, "{name=");
		print_char_field(ctx, (const unsigned char *)u.chip.name,
				 sizeof u.chip.name);
		tb_str(tb, ", label=");
		print_char_field(ctx, (const unsigned char *)u.chip.label,
				 sizeof u.chip.label);
		tb_str(tb, ", lines=");
		tb_udec(tb, u.chip.lines);
		break;
	case IA_GPIO_UNWATCH:
		tb_str(tb, "{offset=");
		tb_udec(tb, u.offset);
		break;
	case IA_GPIO_LINEINFO:
		if (!exiting) {
			tb_str(tb, "{line_offset=");
			tb_udec(tb, u.line.line_offset);
			break;
		}
		tb_str(tb, "{flags=");
		print_flags(tb, &gpio_line_flags, u.line.flags);
		tb_str(tb, ", name=");
		print_char_field(ctx, (const unsigned char *)u.line.name,
				 sizeof u.line.name);
		tb_str(tb, ", consumer=");
		print_char_field(ctx, (const unsigned char *)u.line.consumer,
				 sizeof u.line.consumer);
		break;
	case IA_GPIO_V2_LINEINFO:
		if (!exiting) {
			tb_str(tb, "{offset=");
			tb_udec(tb, u.v2info.offset);
			break;
		}
		tb_str(tb, "{name=");
		print_char_field(ctx, (const unsigned char *)u.v2info.name,
				 sizeof u.v2info.name);
		tb_str(tb, ", consumer=");
		print_char_field(ctx, (const unsigned char *)u.v2info.consumer,
				 sizeof u.v2info.consumer);
		tb_str(tb, ", flags=");
		print_flags(tb, &gpio_v2_flags, u.v2info.flags);
		tb_str(tb, ", num_attrs=");
		tb_udec(tb, u.v2info.num_attrs);
		if (u.v2info.num_attrs) {
			unsigned n = u.v2info.num_attrs;
			if (n > GPIO_V2_LINE_NUM_ATTRS_MAX)
				n = GPIO_V2_LINE_NUM_ATTRS_MAX;
			tb_str(tb, ", attrs=[");
			for (unsigned i = 0; i < n; i++) {
				if (!array_next(ctx, i))
					break;
				tb_char(tb, '{');
				print_gpio_v2_attr(tb, &u.v2info.attrs[i], 0);
				tb_char(tb, '}');
			}
			tb_char(tb, ']');
		}
		print_gpio_padding(ctx, u.v2info.padding, 4);
		break;
	case IA_GPIO_V2_LINE_REQUEST: {
		if (exiting) {
			tb_str(tb, "{fd=");
			print_fd(ctx, u.v2req.fd);
			break;
		}
		unsigned n = u.v2req.num_lines < GPIO_V2_LINES_MAX
				     ? u.v2req.num_lines : GPIO_V2_LINES_MAX;
		tb_str(tb, "{num_lines=");
		tb_udec(tb, u.v2req.num_lines);
		tb_str(tb, ", offsets=");
		print_u32_local(ctx, u.v2req.offsets, n, 0);
		tb_str(tb, ", consumer=");
		print_char_field(ctx, (const unsigned char *)u.v2req.consumer,
				 sizeof u.v2req.consumer);
		tb_str(tb, ", config=");
		print_gpio_v2_config(ctx, &u.v2req.config);
		if (u.v2req.event_buffer_size) {
			tb_str(tb, ", event_buffer_size=");
			tb_udec(tb, u.v2req.event_buffer_size);
		}
		print_gpio_padding(ctx, u.v2req.padding, 5);
		break;
	}
	case IA_GPIO_V2_CONFIG:
		print_gpio_v2_config(ctx, &u.v2conf);
		return;
	case IA_GPIO_V2_GET_VALUES:
		tb_str(tb, exiting ? "{bits=" : "{mask=");
		tb_hex(tb, exiting ? u.v2vals.bits : u.v2vals.mask);
		break;
	case IA_GPIO_V2_SET_VALUES:
		tb_str(tb, "{bits=");
		tb_hex(tb, u.v2vals.bits);
		tb_str(tb, ", mask=");
		tb_hex(tb, u.v2vals.mask);
		break;
	case IA_GPIO_HANDLE_REQUEST: {
		if (exiting) {
			tb_str(tb, "{fd=");
			print_fd(ctx, u.hreq.fd);
			break;
		}
		unsigned n = u.hreq.lines < GPIOHANDLES_MAX ? u.hreq.lines
							    : GPIOHANDLES_MAX;
		tb_str(tb, "{lines=");
		tb_udec(tb, u.hreq.lines);
		tb_str(tb, ", lineoffsets=");
		print_u32_local(ctx, u.hreq.lineoffsets, n, 0);
		tb_str(tb, ", flags=");
		print_flags(tb, &gpio_handle_flags, u.hreq.flags);
		tb_str(tb, ", default_values=");
		uint32_t dv[GPIOHANDLES_MAX];
		for (unsigned i = 0; i < n; i++)
			dv[i] = u.hreq.default_values[i];
		print_u32_local(ctx, dv, n, 0);
		tb_str(tb, ", consumer_label=");
		print_char_field(ctx,
				 (const unsigned char *)u.hreq.consumer_label,
				 sizeof u.hreq.consumer_label);
		break;
	}
	case IA_GPIO_EVENT_REQUEST:
		if (exiting) {
			tb_str(tb, "{fd=");
			print_fd(ctx, u.ereq.fd);
			break;
		}
		tb_str(tb, "{lineoffset=");
		tb_udec(tb, u.ereq.lineoffset);
		tb_str(tb, ", handleflags=");
		print_flags(tb, &gpio_handle_flags, u.ereq.handleflags);
		tb_str(tb, ", eventflags=");
		print_flags(tb, &gpio_event_flags, u.ereq.eventflags);
		tb_str(tb, ", consumer_label=");
		print_char_field(ctx,
				 (const unsigned char *)u.ereq.consumer_label,
				 sizeof u.ereq.consumer_label);
		break;
	case IA_GPIO_HANDLE_CONFIG: {
		tb_str(tb, "{flags=");
		print_flags(tb, &gpio_handle_flags, u.hconf.flags);
		tb_str(tb, ", default_values=");
		uint32_t dv[GPIOHANDLES_MAX];
		for (unsigned i = 0; i < GPIOHANDLES_MAX; i++)
			dv[i] = u.hconf.default_values[i];
		print_u32_local(ctx, dv, GPIOHANDLES_MAX, 0);
		break;
	}
	default: { /* IA_GPIO_VALUES(_OUT) */
		uint32_t dv[GPIOHANDLES_MAX];
		for (unsigned i = 0; i < GPIOHANDLES_MAX; i++)
			dv[i] = u.data.values[i];
		tb_str(tb, "{values=");
		print_u32_local(ctx, dv, GPIOHANDLES_MAX, 0);
		break;
	}
	}
	tb_char(tb, '}');
}

/* strace's print_array of n uint32_t in hex: NULL, the address when the
 * first cannot be read, an elided rest with the address at a later one. */
static void print_xint32_array(const struct decode_context *ctx,
			       uintptr_t addr, unsigned n)
{
	struct text_buffer *tb = ctx->tb;
	for (unsigned i = 0; i < n; i++) {
		uint32_t v;
		uintptr_t at = addr + i * sizeof v;
		if (i == 0 && !read_or_print_addr(ctx, &v, at, sizeof v))
			return;
		if (i && !read_exact(ctx, &v, at, sizeof v)) {
			tb_str(tb, ", ... /* ");
			tb_hex_raw(tb, at);
			tb_str(tb, " */");
			break;
		}
		tb_str(tb, i ? ", " : "[");
		tb_hex(tb, v);
	}
	tb_char(tb, ']');
}

/* FITRIM's {start=0x.., len=, minlen=} */
static void print_fstrim_range(const struct decode_context *ctx,
			       uintptr_t addr)
{
	struct fstrim_range r;
	if (!read_or_print_addr(ctx, &r, addr, sizeof r))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{start=");
	tb_hex(tb, r.start);
	tb_str(tb, ", len=");
	tb_udec(tb, r.len);
	tb_str(tb, ", minlen=");
	tb_udec(tb, r.minlen);
	tb_char(tb, '}');
}

/* {fsx_xflags=, fsx_extsize=, [fsx_nextents=,] fsx_projid=0x..,
 * fsx_cowextsize=}: fsx_nextents only in what the kernel wrote. */
static void print_fsxattr(const struct decode_context *ctx, uintptr_t addr,
			  int is_get)
{
	struct fsxattr x;
	if (!read_or_print_addr(ctx, &x, addr, sizeof x))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{fsx_xflags=");
	print_flags(tb, &fs_xflags, x.fsx_xflags);
	tb_str(tb, ", fsx_extsize=");
	tb_udec(tb, x.fsx_extsize);
	if (is_get) {
		tb_str(tb, ", fsx_nextents=");
		tb_udec(tb, x.fsx_nextents);
	}
	tb_str(tb, ", fsx_projid=");
	tb_hex(tb, x.fsx_projid);
	tb_str(tb, ", fsx_cowextsize=");
	tb_udec(tb, x.fsx_cowextsize);
	tb_char(tb, '}');
}

/* [N] of the unsigned int at addr: by the row's kind, in decimal, in
 * hex, as its table's flags or as one of its names. */
static void print_uint_at(const struct decode_context *ctx,
			  const struct ioctl_row *row, uintptr_t addr)
{
	uint32_t v;
	if (!read_or_print_addr(ctx, &v, addr, sizeof v))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_char(tb, '[');
	if (row->arg == IA_FLAGS_IN || row->arg == IA_FLAGS_OUT)
		print_flags(tb, row_table(row), v);
	else if (row->arg == IA_ENUM_IN || row->arg == IA_ENUM_OUT)
		print_enum(tb, row_table(row), v);
	else if (row->arg == IA_XINT_IN)
		tb_hex(tb, v);
	else
		tb_udec(tb, v);
	tb_char(tb, ']');
}

/* {component={type=, scope=, parent=, id=}, event=, channel=} */
static void print_counter_watch(const struct decode_context *ctx,
				uintptr_t addr)
{
	struct counter_watch w;
	if (!read_or_print_addr(ctx, &w, addr, sizeof w))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{component={type=");
	print_enum(tb, &counter_components, w.component.type);
	tb_str(tb, ", scope=");
	print_enum(tb, &counter_scopes, w.component.scope);
	tb_str(tb, ", parent=");
	tb_udec(tb, w.component.parent);
	tb_str(tb, ", id=");
	tb_udec(tb, w.component.id);
	tb_str(tb, "}, event=");
	print_enum(tb, &counter_events, w.event);
	tb_str(tb, ", channel=");
	tb_udec(tb, w.channel);
	tb_char(tb, '}');
}

/* {tm_sec=, ..., tm_year=, ...}: tm_wday, tm_yday and tm_isdst under -v. */
static void print_rtc_time(const struct decode_context *ctx,
			   const struct rtc_time *t)
{
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{tm_sec=");
	tb_dec(tb, t->tm_sec);
	tb_str(tb, ", tm_min=");
	tb_dec(tb, t->tm_min);
	tb_str(tb, ", tm_hour=");
	tb_dec(tb, t->tm_hour);
	tb_str(tb, ", tm_mday=");
	tb_dec(tb, t->tm_mday);
	tb_str(tb, ", tm_mon=");
	tb_dec(tb, t->tm_mon);
	tb_str(tb, ", tm_year=");
	tb_dec(tb, t->tm_year);
	if (ctx_abbrev(ctx)) {
		tb_str(tb, ", ...}");
		return;
	}
	tb_str(tb, ", tm_wday=");
	tb_dec(tb, t->tm_wday);
	tb_str(tb, ", tm_yday=");
	tb_dec(tb, t->tm_yday);
	tb_str(tb, ", tm_isdst=");
	tb_dec(tb, t->tm_isdst);
	tb_char(tb, '}');
}

static void print_rtc_time_at(const struct decode_context *ctx,
			      uintptr_t addr)
{
	struct rtc_time t;
	if (read_or_print_addr(ctx, &t, addr, sizeof t))
		print_rtc_time(ctx, &t);
}

/* {enabled=, pending=, time={...}} */
static void print_rtc_wkalrm(const struct decode_context *ctx, uintptr_t addr)
{
	struct rtc_wkalrm w;
	if (!read_or_print_addr(ctx, &w, addr, sizeof w))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{enabled=");
	tb_udec(tb, w.enabled);
	tb_str(tb, ", pending=");
	tb_udec(tb, w.pending);
	tb_str(tb, ", time=");
	print_rtc_time(ctx, &w.time);
	tb_char(tb, '}');
}

/* {pll_ctrl=, pll_value=, pll_max=, pll_min=, pll_posmult=, pll_negmult=,
 * pll_clock=} */
static void print_rtc_pll(const struct decode_context *ctx, uintptr_t addr)
{
	struct rtc_pll_info p;
	if (!read_or_print_addr(ctx, &p, addr, sizeof p))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{pll_ctrl=");
	tb_dec(tb, p.pll_ctrl);
	tb_str(tb, ", pll_value=");
	tb_dec(tb, p.pll_value);
	tb_str(tb, ", pll_max=");
	tb_dec(tb, p.pll_max);
	tb_str(tb, ", pll_min=");
	tb_dec(tb, p.pll_min);
	tb_str(tb, ", pll_posmult=");
	tb_dec(tb, p.pll_posmult);
	tb_str(tb, ", pll_negmult=");
	tb_dec(tb, p.pll_negmult);
	tb_str(tb, ", pll_clock=");
	tb_dec(tb, p.pll_clock);
	tb_char(tb, '}');
}

/* strace's decode_rtc_param: RTC_PARAM_SET's whole struct at entry;
 * RTC_PARAM_GET's param and index at entry, then " => " and at exit the
 * value the kernel wrote (the address when the call failed); __pad when
 * not 0. The value's form follows param. */
static void print_rtc_param(const struct decode_context *ctx, uintptr_t addr,
			    int get)
{
	struct text_buffer *tb = ctx->tb;
	struct rtc_param p;
	if (ctx->exiting) {
		/* Entry printed NULL or the address: nothing follows. */
		if (!addr || !read_exact(ctx, &p, addr, sizeof p))
			return;
		tb_str(tb, " => ");
		if (is_error_result(ctx->result)) {
			tb_hex_raw(tb, addr);
			return;
		}
	} else if (!read_or_print_addr(ctx, &p, addr, sizeof p)) {
		return;
	}
	tb_char(tb, '{');
	if (!ctx->exiting) {
		tb_str(tb, "param=");
		print_enum(tb, &rtc_params, p.param);
	}
	int entering = !ctx->exiting;
	if (entering != !!get) { /* SET's at entry, GET's at exit */
		tb_str(tb, ctx->exiting ? "" : ", ");
		if (p.param == RTC_PARAM_CORRECTION) {
			tb_str(tb, "svalue=");
			tb_dec(tb, p.svalue);
		} else {
			tb_str(tb, "uvalue=");
			if (p.param == RTC_PARAM_FEATURES)
				print_flags(tb, &rtc_features, p.uvalue);
			else if (p.param == RTC_PARAM_BACKUP_SWITCH_MODE)
				print_enum(tb, &rtc_bsms, p.uvalue);
			else
				tb_hex(tb, p.uvalue);
		}
	}
	if (!ctx->exiting) {
		tb_str(tb, ", index=");
		tb_udec(tb, p.index);
	}
	if (p.__pad) {
		tb_str(tb, ", __pad=");
		tb_hex(tb, p.__pad);
	}
	tb_char(tb, '}');
}

/* A char array field of `size` bytes holding a name of name_len bytes
 * (clamped to the field) and its NUL, as strace's PRINT_FIELD_CSTRING_SZ:
 * up to the NUL, "..." when none (UBI's volume names, v4l2's names). */
static void print_cstring_field(const struct decode_context *ctx, const char *name,
			   int name_len, size_t size)
{
	size_t n = 1 + (name_len < 0 ? 0 : (size_t)name_len < size - 1
				      ? (size_t)name_len : size - 1);
	size_t len = 0;
	while (len < n && name[len])
		len++;
	print_quoted_local(ctx, (const unsigned char *)name,
			   len < n - 1 ? len : n - 1, 0);
	if (len == n)
		tb_str(ctx->tb, "...");
}

/* The UBI requests' structs, read at entry. */
static void print_ubi(const struct decode_context *ctx, unsigned kind,
		      uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	union {
		struct ubi_attach_req att;
		struct ubi_mkvol_req mk;
		struct ubi_rsvol_req rs;
		int32_t rn_count; /* the rest read an entry at a time */
		struct ubi_leb_change_req leb;
		struct ubi_map_req map;
		struct ubi_set_vol_prop_req prop;
	} u;
	static const uint16_t sizes[] = {
		sizeof u.att, sizeof u.mk, sizeof u.rs,
		sizeof(struct ubi_rnvol_req), sizeof u.leb, sizeof u.map,
		sizeof u.prop,
	};
	size_t size = sizes[kind - IA_UBI_ATTACH];
	if (kind == IA_UBI_RNVOL && addr &&
	    !format_memory_readable(ctx->rd, addr, size)) {
		tb_hex_raw(tb, addr);
		return;
	}
	if (!read_or_print_addr(ctx, &u, addr,
				kind == IA_UBI_RNVOL ? sizeof u.rn_count : size))
		return;
	switch (kind) {
	case IA_UBI_ATTACH:
		tb_str(tb, "{ubi_num=");
		tb_dec(tb, u.att.ubi_num);
		tb_str(tb, ", mtd_num=");
		tb_dec(tb, u.att.mtd_num);
		tb_str(tb, ", vid_hdr_offset=");
		tb_dec(tb, u.att.vid_hdr_offset);
		tb_str(tb, ", max_beb_per1024=");
		tb_dec(tb, u.att.max_beb_per1024);
		break;
	case IA_UBI_MKVOL:
		tb_str(tb, "{vol_id=");
		tb_dec(tb, u.mk.vol_id);
		tb_str(tb, ", alignment=");
		tb_dec(tb, u.mk.alignment);
		tb_str(tb, ", bytes=");
		tb_dec(tb, u.mk.bytes);
		tb_str(tb, ", vol_type=");
		print_enum(tb, &ubi_volume_types, (uint8_t)u.mk.vol_type);
		tb_str(tb, ", flags=");
		print_flags(tb, &ubi_volume_flags, u.mk.flags);
		tb_str(tb, ", name_len=");
		tb_dec(tb, u.mk.name_len);
		tb_str(tb, ", name=");
		print_cstring_field(ctx, u.mk.name, u.mk.name_len, sizeof u.mk.name);
		break;
	case IA_UBI_RSVOL:
		tb_str(tb, "{bytes=");
		tb_dec(tb, u.rs.bytes);
		tb_str(tb, ", vol_id=");
		tb_dec(tb, u.rs.vol_id);
		break;
	case IA_UBI_RNVOL: {
		/* strace's PRINT_FIELD_ARRAY_UPTO: at most the 32 entries
		 * the struct holds, -s of them unless -v. */
		__typeof__(((struct ubi_rnvol_req *)0)->ents[0]) e;
		unsigned max = sizeof((struct ubi_rnvol_req *)0)->ents / sizeof e;
		unsigned n = u.rn_count < 0 ? 0 : (unsigned)u.rn_count < max
			     ? (unsigned)u.rn_count : max;
		uintptr_t ents = addr + offsetof(struct ubi_rnvol_req, ents);
		tb_str(tb, "{count=");
		tb_dec(tb, u.rn_count);
		tb_str(tb, ", ents=[");
		for (unsigned i = 0; i < n && array_next(ctx, i); i++) {
			if (!read_exact(ctx, &e, ents + i * sizeof e, sizeof e))
				break; /* readable as a whole above */
			tb_str(tb, "{vol_id=");
			tb_dec(tb, e.vol_id);
			tb_str(tb, ", name_len=");
			tb_dec(tb, e.name_len);
			tb_str(tb, ", name=");
			print_cstring_field(ctx, e.name, e.name_len, sizeof e.name);
			tb_char(tb, '}');
		}
		tb_char(tb, ']');
		break;
	}
	case IA_UBI_LEB_CHANGE:
		tb_str(tb, "{lnum=");
		tb_dec(tb, u.leb.lnum);
		tb_str(tb, ", bytes=");
		tb_dec(tb, u.leb.bytes);
		tb_str(tb, ", dtype=");
		print_enum(tb, &ubi_data_types, (uint8_t)u.leb.dtype);
		break;
	case IA_UBI_MAP:
		tb_str(tb, "{lnum=");
		tb_dec(tb, u.map.lnum);
		tb_str(tb, ", dtype=");
		print_enum(tb, &ubi_data_types, (uint8_t)u.map.dtype);
		break;
	default:
		tb_str(tb, "{property=");
		print_enum(tb, &ubi_volume_props, u.prop.property);
		tb_str(tb, ", value=");
		tb_hex(tb, u.prop.value);
	}
	tb_char(tb, '}');
}

/* "[0x.., 0x..]": n uint32_t of a struct in hex, strace's print_array of
 * them (-s of them then "..." unless -v). */
static void print_xint32_local(const struct decode_context *ctx,
			       const uint32_t *v, unsigned n)
{
	tb_char(ctx->tb, '[');
	for (unsigned i = 0; i < n && array_next(ctx, i); i++)
		tb_hex(ctx->tb, v[i]);
	tb_char(ctx->tb, ']');
}

/* The MTD requests' structs (MEMGETREGIONINFO's entry half). */
static void print_mtd(const struct decode_context *ctx, unsigned kind,
		      uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	union {
		struct erase_info_user e;
		struct erase_info_user64 e64;
		struct mtd_oob_buf oob;
		struct mtd_oob_buf64 oob64;
		struct mtd_write_req w;
		struct otp_info otp;
		struct mtd_info_user info;
		struct nand_oobinfo oobinfo;
		struct nand_ecclayout_user layout;
		struct mtd_ecc_stats stats;
		struct region_info_user region;
	} u;
	static const uint16_t sizes[] = {
		sizeof u.e, sizeof u.e64, sizeof u.oob, sizeof u.oob64,
		sizeof u.w, sizeof u.otp, sizeof u.otp, sizeof u.info,
		sizeof u.oobinfo, sizeof u.layout, sizeof u.stats,
		sizeof u.region,
	};
	if (!read_or_print_addr(ctx, &u, addr, sizes[kind - IA_MTD_ERASE]))
		return;
	switch (kind) {
	case IA_MTD_ERASE:
	case IA_MTD_ERASE64:
		tb_str(tb, "{start=");
		tb_hex(tb, kind == IA_MTD_ERASE ? u.e.start : u.e64.start);
		tb_str(tb, ", length=");
		tb_hex(tb, kind == IA_MTD_ERASE ? u.e.length : u.e64.length);
		break;
	case IA_MTD_OOB:
		tb_str(tb, "{start=");
		tb_hex(tb, u.oob.start);
		tb_str(tb, ", length=");
		tb_hex(tb, u.oob.length);
		tb_str(tb, ", ptr=");
		tb_ptr(tb, (uintptr_t)u.oob.ptr);
		break;
	case IA_MTD_OOB64:
		tb_str(tb, "{start=");
		tb_hex(tb, u.oob64.start);
		tb_str(tb, ", length=");
		tb_hex(tb, u.oob64.length);
		tb_str(tb, ", usr_ptr=");
		tb_ptr(tb, u.oob64.usr_ptr);
		break;
	case IA_MTD_WRITE:
		tb_str(tb, "{start=");
		tb_hex(tb, u.w.start);
		tb_str(tb, ", len=");
		tb_hex(tb, u.w.len);
		tb_str(tb, ", ooblen=");
		tb_hex(tb, u.w.ooblen);
		tb_str(tb, ", usr_data=");
		tb_ptr(tb, u.w.usr_data);
		tb_str(tb, ", usr_oob=");
		tb_ptr(tb, u.w.usr_oob);
		tb_str(tb, ", mode=");
		print_enum(tb, &mtd_modes, u.w.mode);
		break;
	case IA_MTD_OTP_INFO:
	case IA_MTD_OTP_INFO_OUT:
		tb_str(tb, "{start=");
		tb_hex(tb, u.otp.start);
		tb_str(tb, ", length=");
		tb_hex(tb, u.otp.length);
		tb_str(tb, ", locked=");
		tb_udec(tb, u.otp.locked);
		break;
	case IA_MTD_INFO_OUT:
		tb_str(tb, "{type=");
		print_enum(tb, &mtd_types, u.info.type);
		tb_str(tb, ", flags=");
		print_flags(tb, &mtd_flags, u.info.flags);
		tb_str(tb, ", size=");
		tb_hex(tb, u.info.size);
		tb_str(tb, ", erasesize=");
		tb_hex(tb, u.info.erasesize);
		tb_str(tb, ", writesize=");
		tb_hex(tb, u.info.writesize);
		tb_str(tb, ", oobsize=");
		tb_hex(tb, u.info.oobsize);
		tb_str(tb, ", padding=");
		tb_hex(tb, u.info.padding);
		break;
	case IA_MTD_OOBINFO_OUT: {
		unsigned nfree = sizeof u.oobinfo.oobfree /
				 sizeof *u.oobinfo.oobfree;
		tb_str(tb, "{useecc=");
		print_enum(tb, &mtd_nandeccs, u.oobinfo.useecc);
		tb_str(tb, ", eccbytes=");
		tb_hex(tb, u.oobinfo.eccbytes);
		tb_str(tb, ", oobfree=[");
		for (unsigned i = 0; i < nfree && array_next(ctx, i); i++)
			print_xint32_local(ctx, u.oobinfo.oobfree[i], 2);
		tb_str(tb, "], eccpos=");
		print_xint32_local(ctx, u.oobinfo.eccpos,
				   sizeof u.oobinfo.eccpos / sizeof(uint32_t));
		break;
	}
	case IA_MTD_LAYOUT_OUT: {
		unsigned nfree = sizeof u.layout.oobfree /
				 sizeof *u.layout.oobfree;
		tb_str(tb, "{eccbytes=");
		tb_hex(tb, u.layout.eccbytes);
		tb_str(tb, ", eccpos=");
		print_xint32_local(ctx, u.layout.eccpos,
				   sizeof u.layout.eccpos / sizeof(uint32_t));
		tb_str(tb, ", oobavail=");
		tb_hex(tb, u.layout.oobavail);
		tb_str(tb, ", oobfree=[");
		for (unsigned i = 0; i < nfree && array_next(ctx, i); i++) {
			tb_str(tb, "{offset=");
			tb_hex(tb, u.layout.oobfree[i].offset);
			tb_str(tb, ", length=");
			tb_hex(tb, u.layout.oobfree[i].length);
			tb_char(tb, '}');
		}
		tb_char(tb, ']');
		break;
	}
	case IA_MTD_STATS_OUT:
		tb_str(tb, "{corrected=");
		tb_hex(tb, u.stats.corrected);
		tb_str(tb, ", failed=");
		tb_hex(tb, u.stats.failed);
		tb_str(tb, ", badblocks=");
		tb_hex(tb, u.stats.badblocks);
		tb_str(tb, ", bbtblocks=");
		tb_hex(tb, u.stats.bbtblocks);
		break;
	default: /* IA_MTD_REGION's entry: the struct stays open */
		tb_str(tb, "{regionindex=");
		tb_hex(tb, u.region.regionindex);
		return;
	}
	tb_char(tb, '}');
}

/* The value an output row's argument points to, at exit (the call did
 * not fail). */
static void print_out_value(const struct decode_context *ctx,
			    const struct ioctl_row *row, uintptr_t arg)
{
	struct text_buffer *tb = ctx->tb;
	uint64_t v;
	switch (row->arg) {
	case IA_USHORT_OUT:
	case IA_UINT_OUT:
	case IA_LONG_OUT: {
		union {
			uint16_t u16;
			uint32_t u32;
			long l;
		} w;
		size_t n = row->arg == IA_USHORT_OUT ? sizeof w.u16
			   : row->arg == IA_UINT_OUT ? sizeof w.u32 : sizeof w.l;
		if (!read_or_print_addr(ctx, &w, arg, n))
			return;
		tb_char(tb, '[');
		if (row->arg == IA_LONG_OUT)
			tb_dec(tb, w.l);
		else
			tb_udec(tb, row->arg == IA_USHORT_OUT ? w.u16 : w.u32);
		tb_char(tb, ']');
		return;
	}
	case IA_U64_OUT:
	case IA_ULONG_OUT:
	case IA_IDE_NICE_OUT:
	case IA_BUSSTATE_OUT:
		if (!read_or_print_addr(ctx, &v, arg, sizeof v))
			return;
		tb_char(tb, '[');
		if (row->arg == IA_IDE_NICE_OUT)
			print_flags(tb, &ide_nice, v);
		else if (row->arg == IA_BUSSTATE_OUT)
			print_enum(tb, &busstates, v);
		else
			tb_udec(tb, v);
		tb_char(tb, ']');
		return;
	case IA_HD_GEOMETRY_OUT: {
		struct hd_geometry g;
		if (!read_or_print_addr(ctx, &g, arg, sizeof g))
			return;
		tb_str(tb, "{heads=");
		tb_udec(tb, g.heads);
		tb_str(tb, ", sectors=");
		tb_udec(tb, g.sectors);
		tb_str(tb, ", cylinders=");
		tb_udec(tb, g.cylinders);
		tb_str(tb, ", start=");
		tb_udec(tb, g.start);
		tb_char(tb, '}');
		return;
	}
	case IA_PTP_CAPS_OUT:
		print_ptp_caps(ctx, arg);
		return;
	case IA_PTP_PRECISE_OUT:
		print_ptp_precise(ctx, arg);
		return;
	case IA_LOOP_INFO_OUT:
		print_loop_info(ctx, arg);
		return;
	case IA_LOOP_INFO64_OUT:
		print_loop_info64_at(ctx, arg);
		return;
	case IA_FSXATTR_OUT:
		print_fsxattr(ctx, arg, 1);
		return;
	case IA_FLAGS_OUT:
	case IA_ENUM_OUT:
		print_uint_at(ctx, row, arg);
		return;
	case IA_MTD_OTP_INFO_OUT:
	case IA_MTD_INFO_OUT:
	case IA_MTD_OOBINFO_OUT:
	case IA_MTD_LAYOUT_OUT:
	case IA_MTD_STATS_OUT:
		print_mtd(ctx, row->arg, arg);
		return;
	case IA_RTC_TIME_OUT:
		print_rtc_time_at(ctx, arg);
		return;
	case IA_RTC_WKALRM_OUT:
		print_rtc_wkalrm(ctx, arg);
		return;
	case IA_RTC_PLL_OUT:
		print_rtc_pll(ctx, arg);
		return;
	case IA_IDENTITY_OUT:
	case IA_OLD_IDENTITY_OUT:
		print_buffer(ctx, arg, row->arg == IA_IDENTITY_OUT ? 512 : 142, 0);
		return;
	default:
		print_int_at(ctx, arg, row->arg == IA_MODEM_OUT);
	}
}

/* HDIO_DRIVE_CMD's header at entry; at exit (unless the call failed with
 * other than EIO, or nothing can be read) what the drive answered, and
 * the sectors read after it in hex. */
static void print_hd_drive_cmd(const struct decode_context *ctx, uintptr_t arg)
{
	struct text_buffer *tb = ctx->tb;
	uint8_t c[4];
	if (!ctx->exiting) {
		if (!read_or_print_addr(ctx, c, arg, sizeof c))
			return;
		tb_str(tb, "{command=");
		print_enum(tb, &ata_cmds, c[0]);
		tb_str(tb, ", sector_number=");
		tb_udec(tb, c[1]);
		tb_str(tb, ", feature=");
		tb_udec(tb, c[2]);
		tb_str(tb, ", sector_count=");
		tb_udec(tb, c[3]);
		return;
	}
	int entry_printed = arg && read_exact(ctx, c, arg, sizeof c);
	if (entry_printed && (!is_error_result(ctx->result) ||
			      ctx->result == -EIO)) {
		tb_str(tb, "} => {status=");
		tb_hex(tb, c[0]);
		tb_str(tb, ", error=");
		tb_udec(tb, c[1]);
		tb_str(tb, ", nsector=");
		tb_udec(tb, c[2]);
		if (c[3]) {
			tb_str(tb, ", buf=");
			print_buffer(ctx, arg + 4, c[3] * 512UL, 1);
		}
	}
	if (entry_printed)
		tb_char(tb, '}');
}

/* The names with a number in them strace 6.1's ioctl_decode_command_number
 * gives requests of some types before (or instead of) its table's: the
 * mixers' MIXER_READ(N), hiddev's HIDIOCGPHYS(LEN) ... (evdev's are
 * ioctl_evdev.c's). 1 when the request has one. */
int print_ioctl_number_name(struct text_buffer *tb, uint32_t req)
{
	static const struct {
		uint8_t type, dir, nr; /* dir: 2 read, 3 read and write */
		uint8_t by_nr;         /* the number is the nr, not the size */
		const char *name;
	} names[] = {
		{ 'H', 2, 0x04, 0, "HIDIOCGRAWNAME(" },
		{ 'H', 2, 0x05, 0, "HIDIOCGRAWPHYS(" },
		{ 'H', 2, 0x06, 0, "HIDIOCSFEATURE(" },
		{ 'H', 2, 0x08, 0, "HIDIOCGRAWUNIQ(" },
		{ 'H', 2, 0x12, 0, "HIDIOCGPHYS(" },
		{ 'H', 3, 0x06, 0, "HIDIOCSFEATURE(" },
		{ 'H', 3, 0x07, 0, "HIDIOCGFEATURE(" },
		{ 'U', 2, 0x2c, 0, "UI_GET_SYSNAME(" },
		{ 'j', 2, 0x13, 0, "JSIOCGNAME(" },
		{ 'k', 1, 0x00, 0, "SPI_IOC_MESSAGE(" },
	};
	uint32_t type = (req >> 8) & 0xff, dir = req >> 30, nr = req & 0xff;
	if (type == 'M' && (dir == 1 || dir == 2)) {
		tb_str(tb, dir == 2 ? "MIXER_READ(" : "MIXER_WRITE(");
		tb_udec(tb, nr);
		tb_char(tb, ')');
		return 1;
	}
	for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].type == type && names[i].dir == dir &&
		    names[i].nr == nr) {
			tb_str(tb, names[i].name);
			tb_udec(tb, (req >> 16) & 0x3fff);
			tb_char(tb, ')');
			return 1;
		}
	return 0;
}

/* PERF_EVENT_IOC_QUERY_BPF's struct perf_event_query_bpf (strace 6.1's
 * perf_ioctl_query_bpf): "{ids_len=N, " at the entry (the address when
 * unreadable); at the exit "prog_cnt=N, ids=[...]}", or "...}" after an
 * error or when prog_cnt cannot be read. */
static void print_perf_query_bpf_in(const struct decode_context *ctx,
				    uintptr_t addr)
{
	uint32_t ids_len;
	if (!read_or_print_addr(ctx, &ids_len, addr, sizeof ids_len))
		return;
	print_field_u(ctx->tb, "{ids_len=", ids_len);
	tb_str(ctx->tb, ", ");
}

static void print_u32_member(const struct decode_context *ctx, const void *v)
{
	tb_udec(ctx->tb, *(const uint32_t *)v);
}

static void print_perf_query_bpf_out(const struct decode_context *ctx,
				     uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	uint32_t ids_len, prog_cnt;
	if (!addr || !ctx_verbose(ctx) ||
	    !read_exact(ctx, &ids_len, addr, sizeof ids_len))
		return; /* the entry printed the address */
	if (is_error_result(ctx->result) ||
	    !read_exact(ctx, &prog_cnt,
			addr + offsetof(struct perf_event_query_bpf, prog_cnt),
			sizeof prog_cnt)) {
		tb_str(tb, "...}");
		return;
	}
	print_field_u(tb, "prog_cnt=", prog_cnt);
	tb_str(tb, ", ids=");
	print_array_of(ctx, addr + offsetof(struct perf_event_query_bpf, ids),
		       prog_cnt, 0, sizeof(uint32_t), print_u32_member);
	tb_char(tb, '}');
}

/* A row's request name, in the buffer's style, after the name with a
 * number strace gives it first ("MIXER_READ(13) or OTPSELECT"). */
static void print_row_request(struct text_buffer *tb,
			      const struct ioctl_row *row)
{
	struct text_buffer nowhere;
	tb_init(&nowhere, 0, 0);
	if (!print_ioctl_number_name(&nowhere, row->request)) {
		print_named_value(tb, row->request, row->name, CONST_HEX);
		return;
	}
	int begun = const_names_begin(tb, row->request, CONST_HEX);
	if (!begun)
		return;
	print_ioctl_number_name(tb, row->request);
	tb_str(tb, " or ");
	tb_str(tb, row->name);
	const_names_end(tb, begun);
}

int decode_ioctl_row(const struct decode_context *ctx)
{
	if (decode_evdev_ioctl(ctx)) /* ioctl_evdev.c: type 'E' */
		return 1;
	if (decode_kd_ioctl(ctx)) /* ioctl_kd.c: the consoles' 'K' */
		return 1;
	const struct ioctl_row *row = ioctl_row_of((uint32_t)ctx->args[1]);
	if (!row)
		return 0;
	struct text_buffer *tb = ctx->tb;
	uintptr_t arg = (uintptr_t)ctx->args[2];
	int out = row->arg == IA_INT_OUT || row->arg == IA_MODEM_OUT ||
		  row->arg == IA_UID_OUT || row->arg == IA_ULONG_OUT ||
		  row->arg == IA_IDE_NICE_OUT || row->arg == IA_BUSSTATE_OUT ||
		  row->arg == IA_HD_GEOMETRY_OUT ||
		  row->arg == IA_IDENTITY_OUT ||
		  row->arg == IA_OLD_IDENTITY_OUT ||
		  row->arg == IA_LOOP_INFO_OUT || row->arg == IA_LOOP_INFO64_OUT ||
		  row->arg == IA_PTP_CAPS_OUT || row->arg == IA_PTP_PRECISE_OUT ||
		  row->arg == IA_USHORT_OUT || row->arg == IA_UINT_OUT ||
		  row->arg == IA_LONG_OUT || row->arg == IA_U64_OUT ||
		  row->arg == IA_FSXATTR_OUT || row->arg == IA_FLAGS_OUT ||
		  row->arg == IA_ENUM_OUT ||
		  row->arg == IA_RTC_TIME_OUT || row->arg == IA_RTC_WKALRM_OUT ||
		  row->arg == IA_RTC_PLL_OUT ||
		  row->arg == IA_MTD_OTP_INFO_OUT || row->arg == IA_MTD_INFO_OUT ||
		  row->arg == IA_MTD_OOBINFO_OUT || row->arg == IA_MTD_LAYOUT_OUT ||
		  row->arg == IA_MTD_STATS_OUT;
	int gpio = row->arg >= IA_GPIO_CHIPINFO_OUT &&
		   row->arg <= IA_GPIO_HANDLE_CONFIG;
	int gpio_out = row->arg == IA_GPIO_CHIPINFO_OUT ||
		       row->arg == IA_GPIO_VALUES_OUT;
	if (!ctx->exiting) {
		print_fd(ctx, ctx->args[0]);
		tb_str(tb, ", ");
		print_row_request(tb, row);
		if (out || gpio_out || row->arg == IA_NONE)
			return 1;
		tb_str(tb, ", ");
		if (gpio) {
			print_gpio(ctx, row->arg, arg);
			return 1;
		}
		if (row->arg == IA_DEC)
			tb_dec(tb, (int)arg);
		else if (row->arg == IA_ENTROPY_IN)
			print_entropy(ctx, arg);
		else if (row->arg == IA_FIEMAP)
			print_fiemap_in(ctx, arg);
		else if (row->arg == IA_FD)
			print_fd(ctx, (int)arg);
		else if (row->arg == IA_LOOP_INFO)
			print_loop_info(ctx, arg);
		else if (row->arg == IA_LOOP_INFO64)
			print_loop_info64_at(ctx, arg);
		else if (row->arg == IA_LOOP_CONFIG)
			print_loop_config(ctx, arg);
		else if (row->arg == IA_PTP_EXTTS)
			print_ptp_extts(ctx, arg);
		else if (row->arg == IA_PTP_PEROUT)
			print_ptp_perout(ctx, arg);
		else if (row->arg == IA_PTP_SYS_OFFSET ||
			 row->arg == IA_PTP_SYS_OFFSET_EXT)
			print_ptp_sys_offset(ctx, arg,
					     row->arg == IA_PTP_SYS_OFFSET_EXT);
		else if (row->arg == IA_PTP_PIN_GET || row->arg == IA_PTP_PIN_SET)
			print_ptp_pin(ctx, arg, row->arg == IA_PTP_PIN_GET);
		else if (row->arg == IA_U64_PAIR_IN)
			print_u64_pair(ctx, arg);
		else if (row->arg == IA_BLKPG)
			print_blkpg(ctx, arg);
		else if (row->arg == IA_BLKTRACESETUP)
			print_blktrace_setup(ctx, arg);
		else if (row->arg == IA_HEX)
			tb_hex(tb, arg);
		else if (row->arg == IA_ULONG)
			tb_udec(tb, arg);
		else if (row->arg == IA_IDE_NICE)
			print_flags(tb, &ide_nice, arg);
		else if (row->arg == IA_BUSSTATE)
			print_enum(tb, &busstates, arg);
		else if (row->arg == IA_XINT3_IN)
			print_xint32_array(ctx, arg, 3);
		else if (row->arg == IA_HD_DRIVE_CMD)
			print_hd_drive_cmd(ctx, arg);
		else if (row->arg == IA_U64X_IN)
			print_u64x_at(ctx, arg);
		else if (row->arg == IA_SECCOMP_NOTIF)
			print_seccomp_notif_at(ctx, arg);
		else if (row->arg == IA_SECCOMP_RESP)
			print_seccomp_resp(ctx, arg);
		else if (row->arg == IA_SECCOMP_ADDFD)
			print_seccomp_addfd(ctx, arg);
		else if (row->arg == IA_FSTRIM)
			print_fstrim_range(ctx, arg);
		else if (row->arg == IA_FSXATTR)
			print_fsxattr(ctx, arg, 0);
		else if (row->arg == IA_UINT_IN || row->arg == IA_XINT_IN ||
			 row->arg == IA_FLAGS_IN || row->arg == IA_ENUM_IN)
			print_uint_at(ctx, row, arg);
		else if (row->arg == IA_FLAGS) /* strace's printflags: an int */
			print_flags(tb, row_table(row), (uint32_t)arg);
		else if (row->arg >= IA_UBI_ATTACH &&
			 row->arg <= IA_UBI_VOL_PROP)
			print_ubi(ctx, row->arg, arg);
		else if (row->arg == IA_I64_IN || row->arg == IA_U64_IN) {
			int64_t v;
			if (read_or_print_addr(ctx, &v, arg, sizeof v)) {
				tb_char(tb, '[');
				if (row->arg == IA_I64_IN)
					tb_dec(tb, v);
				else
					tb_udec(tb, (uint64_t)v);
				tb_char(tb, ']');
			}
		} else if (row->arg == IA_ENUM)
			print_enum(tb, row_table(row), arg);
		else if (row->arg >= IA_MTD_ERASE && row->arg <= IA_MTD_REGION)
			print_mtd(ctx, row->arg, arg);
		else if (row->arg == IA_V4L2_INPUT) {
			/* The whole struct must be readable, as strace reads
			 * it; read into one (a 4-byte index read 80 bytes
			 * over the stack: the traced program died of it in a
			 * -O0 build). */
			struct v4l2_input in;
			if (read_or_print_addr(ctx, &in, arg, sizeof in)) {
				tb_str(tb, "{index=");
				tb_udec(tb, in.index);
			}
		}
		else if (row->arg == IA_COUNTER_WATCH)
			print_counter_watch(ctx, arg);
		else if (row->arg == IA_RTC_TIME)
			print_rtc_time_at(ctx, arg);
		else if (row->arg == IA_RTC_WKALRM)
			print_rtc_wkalrm(ctx, arg);
		else if (row->arg == IA_RTC_PLL)
			print_rtc_pll(ctx, arg);
		else if (row->arg == IA_RTC_PARAM_GET ||
			 row->arg == IA_RTC_PARAM_SET)
			print_rtc_param(ctx, arg, row->arg == IA_RTC_PARAM_GET);
		else if (row->arg == IA_STRING_PAGE)
			print_cstring_max(ctx, arg, ARCH_PAGE);
		else if (row->arg == IA_PERF_QUERY_BPF)
			print_perf_query_bpf_in(ctx, arg);
		else if (row->arg == IA_PERF_ATTR)
			print_perf_event_attr_arg(ctx, arg);
		else
			print_int_at(ctx, arg, row->arg == IA_MODEM_IN);
		return 1;
	}
	if (row->arg == IA_FIEMAP)
		print_fiemap_out(ctx, arg);
	if (row->arg == IA_SECCOMP_NOTIF)
		print_seccomp_notif_at(ctx, arg);
	if (row->arg == IA_HD_DRIVE_CMD)
		print_hd_drive_cmd(ctx, arg);
	if (row->arg == IA_PTP_SYS_OFFSET || row->arg == IA_PTP_SYS_OFFSET_EXT)
		print_ptp_sys_offset(ctx, arg, row->arg == IA_PTP_SYS_OFFSET_EXT);
	if (row->arg == IA_PTP_PIN_GET)
		print_ptp_pin(ctx, arg, 1);
	if (row->arg == IA_BLKTRACESETUP)
		print_blktrace_setup(ctx, arg);
	if (row->arg == IA_RTC_PARAM_GET)
		print_rtc_param(ctx, arg, 1);
	if (row->arg == IA_PERF_QUERY_BPF)
		print_perf_query_bpf_out(ctx, arg);
	if (row->arg == IA_V4L2_INPUT) {
		struct v4l2_input in;
		if (!arg || !read_exact(ctx, &in, arg, sizeof in))
			return 1; /* entry printed the address */
		if (!is_error_result(ctx->result)) {
			tb_str(tb, ", name=");
			print_cstring_field(ctx, (const char *)in.name,
				       sizeof in.name - 1, sizeof in.name);
			tb_str(tb, ", type=");
			print_enum(tb, &v4l2_input_types, in.type);
		}
		tb_char(tb, '}');
		return 1;
	}
	if (row->arg == IA_MTD_REGION) {
		struct region_info_user r;
		if (!arg || !read_exact(ctx, &r, arg, sizeof r))
			return 1; /* entry printed the address */
		if (!is_error_result(ctx->result)) {
			tb_str(tb, ", offset=");
			tb_hex(tb, r.offset);
			tb_str(tb, ", erasesize=");
			tb_hex(tb, r.erasesize);
			tb_str(tb, ", numblocks=");
			tb_hex(tb, r.numblocks);
		}
		tb_char(tb, '}');
		return 1;
	}
	/* UBI_IOCATT's and UBI_IOCMKVOL's number the kernel wrote back. */
	if ((row->arg == IA_UBI_ATTACH || row->arg == IA_UBI_MKVOL) &&
	    !is_error_result(ctx->result) && arg &&
	    format_memory_readable(ctx->rd, arg, row->arg == IA_UBI_MKVOL
				   ? sizeof(struct ubi_mkvol_req)
				   : sizeof(struct ubi_attach_req))) {
		int32_t v;
		tb_str(tb, " => ");
		if (read_or_print_addr(ctx, &v, arg, sizeof v)) {
			tb_char(tb, '[');
			tb_dec(tb, v);
			tb_char(tb, ']');
		}
	}
	if (gpio_out)
		tb_str(tb, ", ");
	if (gpio) {
		int in_out = row->arg == IA_GPIO_LINEINFO ||
			     row->arg == IA_GPIO_V2_LINEINFO ||
			     row->arg == IA_GPIO_V2_LINE_REQUEST ||
			     row->arg == IA_GPIO_V2_GET_VALUES ||
			     row->arg == IA_GPIO_HANDLE_REQUEST ||
			     row->arg == IA_GPIO_EVENT_REQUEST;
		if (gpio_out && is_error_result(ctx->result))
			tb_ptr(tb, arg);
		else if (gpio_out || in_out)
			print_gpio(ctx, row->arg, arg);
		return 1;
	}
	if (!out)
		return 1;
	tb_str(tb, ", ");
	if (is_error_result(ctx->result)) {
		tb_ptr(tb, arg);
	} else if (row->arg == IA_UID_OUT) {
		uint32_t uid;
		if (read_or_print_addr(ctx, &uid, arg, sizeof uid)) {
			tb_char(tb, '[');
			if (uid == 0xffffffffU)
				tb_str(tb, "-1");
			else
				tb_udec(tb, uid);
			tb_char(tb, ']');
		}
	} else {
		print_out_value(ctx, row, arg);
	}
	return 1;
}

int print_ioctl_result(const struct decode_context *ctx)
{
	const struct ioctl_row *row = ioctl_row_of((uint32_t)ctx->args[1]);
	if (!row || row->ret == IR_INT)
		return 0;
	if (row->ret == IR_FD) {
		print_fd(ctx, ctx->result);
		return 1;
	}
	tb_dec(ctx->tb, ctx->result);
	const char *name = value_table_name(&nstypes, (uint64_t)ctx->result);
	if (name) {
		tb_str(ctx->tb, " (");
		tb_str(ctx->tb, name);
		tb_char(ctx->tb, ')');
	}
	return 1;
}
