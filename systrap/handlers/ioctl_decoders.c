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
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/gpio.h>
#include <linux/hdreg.h>
#include <linux/inotify.h>
#include <linux/loop.h>
#include <linux/nsfs.h>
#include <linux/ptp_clock.h>
#include <linux/sched.h>
#include <linux/random.h>
#include <linux/seccomp.h>
#include <linux/watchdog.h>
#include <sys/ioctl.h>

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
};

/* What the result is, when not a plain int. */
enum ioctl_ret {
	IR_INT,
	IR_FD,     /* a new descriptor (-y decorates it) */
	IR_NSTYPE, /* a CLONE_NEW* namespace type: "268435456 (CLONE_NEWUSER)" */
};

struct ioctl_row {
	uint32_t request;
	const char *name;
	uint8_t arg;
	uint8_t ret;
};

#define R(req, arg) { (uint32_t)(req), #req, arg, IR_INT }
#define RR(req, arg, ret) { (uint32_t)(req), #req, arg, ret }
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
	{ (uint32_t)RNDZAPENTCNT, "FASTRPC_IOCTL_INIT_ATTACH or RNDZAPENTCNT",
	  IA_NONE, IR_INT },
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
};
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
	/* strace's PRINT_FIELD_ERR_D: -ENAME for a negated errno. */
	const char *e = r.error < 0 ? errno_name(-(long)r.error) : 0;
	if (e) {
		tb_char(tb, '-');
		tb_str(tb, e);
	} else {
		tb_dec(tb, r.error);
	}
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
	if (i)
		tb_str(ctx->tb, ", ");
	if (ctx_abbrev(ctx) && i >= (unsigned)ctx->opts->string_limit) {
		tb_str(ctx->tb, "...");
		return 0;
	}
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
	if (rtc)
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

int decode_ioctl_row(const struct decode_context *ctx)
{
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
		  row->arg == IA_LONG_OUT || row->arg == IA_U64_OUT;
	int gpio = row->arg >= IA_GPIO_CHIPINFO_OUT &&
		   row->arg <= IA_GPIO_HANDLE_CONFIG;
	int gpio_out = row->arg == IA_GPIO_CHIPINFO_OUT ||
		       row->arg == IA_GPIO_VALUES_OUT;
	if (!ctx->exiting) {
		print_fd(ctx, ctx->args[0]);
		tb_str(tb, ", ");
		print_named_value(tb, (uint32_t)ctx->args[1], row->name,
				  CONST_HEX);
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
