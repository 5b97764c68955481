/* ioctl requests of ioctl_decoders.c's table, made on fd -1 (EBADF: the
 * kernel reads nothing) and on a pipe (ENOTTY): trace_compare_test's ioctl
 * case compares each line with strace 6.1's. The seccomp notifications'
 * structs are decoded at entry, as strace does, though no listener fd is
 * had. */
#include <errno.h>
#include <linux/audit.h>
#include <linux/blkpg.h>
#include <linux/blktrace_api.h>
#include <linux/counter.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/gpio.h>
#include <linux/hdreg.h>
#include <linux/inotify.h>
#include <linux/kd.h>
#include <linux/keyboard.h>
#include <linux/input.h>
#include <linux/lirc.h>
#include <linux/loop.h>
#include <linux/nbd.h>
#include <linux/nsfs.h>
#include <linux/ptp_clock.h>
#include <linux/random.h>
#include <linux/rtc.h>
#include <linux/seccomp.h>
#include <linux/videodev2.h>
#include <linux/watchdog.h>
#include <mtd/mtd-abi.h>
#include <mtd/ubi-user.h>
#include <stdio.h>
#include <string.h>
#include <asm/termbits.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The kernel's (asm-generic/termios.h); glibc's headers stop at TIOCM_RI. */
#ifndef TIOCM_OUT1
#define TIOCM_OUT1 0x2000
#define TIOCM_OUT2 0x4000
#define TIOCM_LOOP 0x8000
#endif

int main(int argc, char **argv)
{
	(void)argc;
	int v = 123, modem = TIOCM_DTR | TIOCM_RTS | TIOCM_LOOP | 0x10000000;
	struct {
		struct rand_pool_info info;
		char buf[8];
	} pool = { { 3, 8 }, "12345678" };
	memcpy(pool.info.buf, "12345678", 8);
	ioctl(-1, WDIOC_GETSTATUS, &v);
	ioctl(-1, WDIOC_GETTIMEOUT, NULL);
	ioctl(-1, WDIOC_SETTIMEOUT, &v);
	ioctl(-1, WDIOC_SETPRETIMEOUT, NULL);
	ioctl(-1, WDIOC_KEEPALIVE, 0);
	ioctl(-1, TIOCMGET, &modem);
	ioctl(-1, TIOCMBIS, &modem);
	ioctl(-1, TIOCMBIC, NULL);
	ioctl(-1, TIOCMSET, &v);
	ioctl(-1, RNDGETENTCNT, &v);
	ioctl(-1, RNDADDTOENTCNT, &v);
	ioctl(-1, RNDADDENTROPY, &pool);
	ioctl(-1, RNDZAPENTCNT, 0);
	ioctl(-1, RNDCLEARPOOL, 0);
	ioctl(-1, RNDRESEEDCRNG, 0);
	ioctl(-1, INOTIFY_IOC_SETNEXTWD, -42);
	/* A real descriptor that is no terminal: ENOTTY. */
	int fds[2];
	if (pipe(fds) == 0)
		ioctl(fds[0], TIOCMGET, &v);
	/* FS_IOC_FIEMAP: the struct on entry; on the program's own file,
	 * what the kernel wrote (the extents under -v). */
	struct {
		struct fiemap fm;
		struct fiemap_extent fe[4];
	} map = { { .fm_start = 0, .fm_length = ~0ULL,
		    .fm_flags = FIEMAP_FLAG_SYNC | 0x100,
		    .fm_extent_count = 4 } };
	ioctl(-1, FS_IOC_FIEMAP, &map);
	ioctl(-1, FS_IOC_FIEMAP, NULL);
	FILE *self = fopen(argv[0], "r"); /* <fcntl.h> and <linux/...> clash */
	if (self) {
		map.fm.fm_flags = FIEMAP_FLAG_SYNC;
		ioctl(fileno(self), FS_IOC_FIEMAP, &map);
		fclose(self);
	}
	/* The namespace files' requests: a descriptor, a CLONE_NEW* type
	 * and an owner's uid as results. */
	ioctl(-1, NS_GET_OWNER_UID, NULL);
	unsigned uid;
	FILE *uts = fopen("/proc/self/ns/uts", "r");
	FILE *own = fopen("/proc/self/ns/user", "r");
	if (uts && own) {
		ioctl(fileno(uts), NS_GET_NSTYPE);
		ioctl(fileno(own), NS_GET_OWNER_UID, &uid);
		/* EPERM where the owner is outside the caller's namespace (a
		 * sandbox): the descriptor else. */
		int user = ioctl(fileno(uts), NS_GET_USERNS);
		if (user >= 0) {
			ioctl(user, NS_GET_PARENT);
			close(user);
		}
	}
	/* SECCOMP_IOCTL_NOTIF_*: RECV's struct shown at entry unless all 0
	 * (then " => " and the address, the call having failed). */
	struct seccomp_notif notif;
	memset(&notif, 0, sizeof notif);
	ioctl(-1, SECCOMP_IOCTL_NOTIF_RECV, NULL);
	ioctl(-1, SECCOMP_IOCTL_NOTIF_RECV, &notif);
	notif.id = 0xdeadc0debadc0dedULL;
	notif.pid = 42;
	/* The call is named when the arch is the tracer's. */
	notif.data.nr = SYS_gettid;
#if defined(__x86_64__)
	notif.data.arch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
	notif.data.arch = AUDIT_ARCH_AARCH64;
#endif
	notif.data.args[5] = 0xfacefeed;
	ioctl(-1, SECCOMP_IOCTL_NOTIF_RECV, &notif);
	notif.data.arch = 0xfeedface;
	ioctl(-1, SECCOMP_IOCTL_NOTIF_RECV, &notif);
	struct seccomp_notif_resp resp = { 1, -2, -ENOSR,
					   SECCOMP_USER_NOTIF_FLAG_CONTINUE };
	ioctl(-1, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	resp.error = -123456;
	resp.flags = 0xfacecafe;
	ioctl(-1, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	unsigned long long id = 0xdecaffedfacefeedULL;
	ioctl(-1, SECCOMP_IOCTL_NOTIF_ID_VALID, &id);
	ioctl(-1, SECCOMP_IOR(2, __u64), &id);
	struct seccomp_notif_addfd addfd = { 7, SECCOMP_ADDFD_FLAG_SETFD, 0, 3,
					     O_CLOEXEC | O_DSYNC };
	ioctl(-1, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd);
	addfd.flags = 0xbadc0dec;
	ioctl(-1, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd);
	/* HDIO_*: no IDE disk here, the arguments decoded at entry. */
	struct hd_drive_cmd_hdr cmd = { 0xca, 255, 238, 1 };
	unsigned reset[3] = { 0xdeadbeef, 0xaaaaaaaa, 0xbeefbeef };
	unsigned long ul = 0xfacefeeddeadbeefUL;
	ioctl(-1, HDIO_GETGEO, NULL);
	ioctl(-1, HDIO_GETGEO, &ul);
	ioctl(-1, HDIO_DRIVE_CMD, &cmd);
	cmd.command = 0x80;
	ioctl(-1, HDIO_DRIVE_CMD, &cmd);
	if (pipe(fds) == 0)
		ioctl(fds[0], HDIO_DRIVE_CMD, &cmd);
	ioctl(-1, HDIO_DRIVE_RESET, reset);
	ioctl(-1, HDIO_SCAN_HWIF, NULL);
	ioctl(-1, HDIO_GET_32BIT, &ul);
	ioctl(-1, HDIO_SET_32BIT, ul);
	ioctl(-1, HDIO_SET_NICE, 0x1ffffUL);
	ioctl(-1, HDIO_SET_BUSSTATE, 2);
	ioctl(-1, HDIO_SET_BUSSTATE, 0xdeadbeefUL);
	ioctl(-1, HDIO_GET_QDMA, 0xdeadbeefUL);
	ioctl(-1, HDIO_GET_IDENTITY, &reset);
	/* LOOP_*: the structs at entry (all fields under -v), a name
	 * that fills its array, a cipher that shows the key. */
	struct loop_info64 li;
	memset(&li, 0, sizeof li);
	li.lo_offset = 0x1000;
	li.lo_number = 7;
	li.lo_flags = LO_FLAGS_READ_ONLY | 0x100;
	memset(li.lo_file_name, 'C', sizeof li.lo_file_name);
	ioctl(-1, LOOP_SET_STATUS64, &li);
	li.lo_encrypt_type = LO_CRYPT_XOR;
	li.lo_encrypt_key_size = 3;
	memcpy(li.lo_encrypt_key, "k\0y", 3);
	strcpy((char *)li.lo_file_name, "/tmp/image");
	ioctl(-1, LOOP_SET_STATUS64, &li);
	ioctl(-1, LOOP_GET_STATUS64, &li);
	struct loop_info old;
	memset(&old, 0, sizeof old);
	old.lo_number = -2;
	ioctl(-1, LOOP_SET_STATUS, &old);
	struct loop_config lc;
	memset(&lc, 0, sizeof lc);
	lc.fd = 0;
	lc.block_size = 4096;
	lc.info = li;
	ioctl(-1, LOOP_CONFIGURE, &lc);
	ioctl(-1, LOOP_SET_FD, 0);
	ioctl(-1, LOOP_CTL_ADD, -3);
	ioctl(-1, LOOP_SET_BLOCK_SIZE, 512);
	ioctl(-1, LOOP_CLR_FD);
	/* PTP_*: the "2" requests show their reserved words; a start time
	 * has its date; the getters' structs close at exit. */
	struct ptp_extts_request ext = { 3, PTP_RISING_EDGE | 0x100, { 0, 7 } };
	ioctl(-1, PTP_EXTTS_REQUEST, &ext);
	ioctl(-1, PTP_EXTTS_REQUEST2, &ext);
	struct ptp_perout_request per;
	memset(&per, 0, sizeof per);
	per.start.sec = 1700000000;
	per.start.nsec = 5;
	per.period.sec = 1;
	per.flags = PTP_PEROUT_ONE_SHOT;
	ioctl(-1, PTP_PEROUT_REQUEST2, &per);
	per.flags = PTP_PEROUT_PHASE | PTP_PEROUT_DUTY_CYCLE;
	per.on.nsec = 500;
	ioctl(-1, PTP_PEROUT_REQUEST, &per);
	struct ptp_pin_desc pin;
	memset(&pin, 0, sizeof pin);
	pin.index = 2;
	pin.func = PTP_PF_PEROUT;
	pin.rsv[4] = 9;
	ioctl(-1, PTP_PIN_SETFUNC2, &pin);
	ioctl(-1, PTP_PIN_GETFUNC, &pin);
	struct ptp_sys_offset off;
	memset(&off, 0, sizeof off);
	off.n_samples = 3;
	ioctl(-1, PTP_SYS_OFFSET, &off);
	ioctl(-1, PTP_CLOCK_GETCAPS, NULL);
	ioctl(-1, PTP_ENABLE_PPS, 1);
	/* BLK*: a partition request and its partition, a trace setup that
	 * closes at exit, a pair of 64-bit numbers. */
	struct blkpg_partition part = { 1, 2, 3, "sda1", "root" };
	struct blkpg_ioctl_arg pg = { BLKPG_ADD_PARTITION, 0, sizeof part, &part };
	ioctl(-1, BLKPG, &pg);
	pg.op = 9;
	pg.data = NULL;
	ioctl(-1, BLKPG, &pg);
	struct blk_user_trace_setup bts;
	memset(&bts, 0, sizeof bts);
	bts.act_mask = 3;
	bts.buf_size = 4096;
	bts.pid = 42;
	ioctl(-1, BLKTRACESETUP, &bts);
	unsigned long long range[2] = { 0, 1ULL << 40 };
	ioctl(-1, BLKDISCARD, range);
	ioctl(-1, BLKRASET, 256UL);
	ioctl(-1, BLKROSET, &v);
	ioctl(-1, BLKGETSIZE64, NULL);
	ioctl(-1, BLKFLSBUF);
	/* GPIO_*: a v2 line request with its config's attributes, a v1
	 * handle request, values cut at -s, line info's entry half. */
	struct gpio_v2_line_request lr;
	memset(&lr, 0, sizeof lr);
	lr.num_lines = 2;
	lr.offsets[1] = 5;
	strcpy(lr.consumer, "test");
	lr.config.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING;
	lr.config.num_attrs = 2;
	lr.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
	lr.config.attrs[0].attr.debounce_period_us = 100;
	lr.config.attrs[0].mask = 3;
	lr.config.attrs[1].attr.id = 7;
	lr.config.attrs[1].attr.values = 0xfeed;
	ioctl(-1, GPIO_V2_GET_LINE_IOCTL, &lr);
	struct gpiohandle_request hr;
	memset(&hr, 0, sizeof hr);
	hr.lines = 40;
	hr.flags = GPIOHANDLE_REQUEST_OUTPUT | 0x1000;
	ioctl(-1, GPIO_GET_LINEHANDLE_IOCTL, &hr);
	struct gpio_v2_line_info info;
	memset(&info, 0, sizeof info);
	info.offset = 4;
	ioctl(-1, GPIO_V2_GET_LINEINFO_IOCTL, &info);
	struct gpio_v2_line_values vals = { 0x5, 0x7 };
	ioctl(-1, GPIO_V2_LINE_SET_VALUES_IOCTL, &vals);
	ioctl(-1, GPIO_GET_CHIPINFO_IOCTL, NULL);
	/* fs_x, fs_f: FITRIM's range, fsxattr with known and unknown flags,
	 * the flags word; on the program's own file what the kernel wrote. */
	struct fstrim_range trim = { 0xcafef00dULL, 4096, 512 };
	ioctl(-1, FITRIM, &trim);
	ioctl(-1, FIFREEZE, 0xbadc0dedUL);
	ioctl(-1, FITHAW);
	struct fsxattr fsx;
	memset(&fsx, 0, sizeof fsx);
	fsx.fsx_xflags = FS_XFLAG_IMMUTABLE | FS_XFLAG_DAX | FS_XFLAG_HASATTR;
	fsx.fsx_extsize = 4096;
	fsx.fsx_projid = 0xcafe;
	ioctl(-1, FS_IOC_FSSETXATTR, &fsx);
	fsx.fsx_xflags = 0x7ffe0004;
	ioctl(-1, FS_IOC_FSSETXATTR, &fsx);
	ioctl(-1, FS_IOC_FSGETXATTR, &fsx);
	unsigned int fsflags = FS_APPEND_FL | FS_NOATIME_FL | 0x0d000000;
	ioctl(-1, FS_IOC_SETFLAGS, &fsflags);
	ioctl(-1, FS_IOC32_SETFLAGS, NULL);
	ioctl(-1, FS_IOC_GETFLAGS, &fsflags);
	self = fopen(argv[0], "r");
	if (self) {
		ioctl(fileno(self), FS_IOC_FSGETXATTR, &fsx);
		ioctl(fileno(self), FS_IOC_GETFLAGS, &fsflags);
		fclose(self);
	}
	/* counter: a watch with known names and one past them. */
	struct counter_watch watch = {
		{ COUNTER_COMPONENT_EXTENSION, COUNTER_SCOPE_COUNT, 23, 42 },
		COUNTER_EVENT_CAPTURE, 69
	};
	ioctl(-1, COUNTER_ADD_WATCH_IOCTL, &watch);
	watch.component.type = 6;
	watch.event = 7;
	ioctl(-1, COUNTER_ADD_WATCH_IOCTL, &watch);
	ioctl(-1, COUNTER_ENABLE_EVENTS_IOCTL, 0xdeadbeefUL);
	/* rtc: the time (its last three fields under -v), a parameter's
	 * entry half and " => " the address the failed call left. */
	ioctl(-1, RTC_UIE_OFF, 0);
	ioctl(-1, RTC_IRQP_SET, 42UL);
	ioctl(-1, RTC_IRQP_READ, &v);
	struct rtc_time tm = { 1, 2, 3, 4, 5, 123, 6, 7, -1 };
	ioctl(-1, RTC_SET_TIME, &tm);
	struct rtc_param param;
	memset(&param, 0, sizeof param);
	param.param = RTC_PARAM_FEATURES;
	param.uvalue = (1ULL << RTC_FEATURE_ALARM) | (1ULL << 30);
	param.index = 3;
	ioctl(-1, RTC_PARAM_SET, &param);
	param.param = RTC_PARAM_BACKUP_SWITCH_MODE;
	param.__pad = 0x17;
	ioctl(-1, RTC_PARAM_GET, &param);
	ioctl(-1, RTC_VL_READ, NULL);
	ioctl(-1, _IO('p', 0x40), 0x10UL); /* NVRAM_INIT */
	/* lirc: an unsigned int by the row's kind and table; nbd: a flag
	 * word as the argument itself, a descriptor. */
	unsigned int lirc = 4294967295U;
	ioctl(-1, LIRC_SET_REC_TIMEOUT_REPORTS, &lirc);
	lirc = LIRC_MODE_SCANCODE;
	ioctl(-1, LIRC_SET_SEND_MODE, &lirc);
	lirc = 3;
	ioctl(-1, LIRC_SET_REC_MODE, &lirc);
	lirc = 0x1f;
	ioctl(-1, LIRC_SET_TRANSMITTER_MASK, &lirc);
	ioctl(-1, LIRC_GET_FEATURES, &lirc);
	ioctl(-1, LIRC_GET_MIN_TIMEOUT, NULL);
	ioctl(-1, NBD_SET_FLAGS, 0x80008009UL);
	ioctl(-1, NBD_SET_SOCK, 0UL);
	ioctl(-1, NBD_SET_TIMEOUT, 30UL);
	ioctl(-1, NBD_DO_IT);
	/* evdev: names with numbers in them (a size, an event type, an
	 * axis, one unknown), the write requests' structs at entry. */
	ioctl(-1, EVIOCGBIT(EV_KEY, 8), NULL);
	ioctl(-1, EVIOCGBIT(0x6, 12), NULL);
	ioctl(-1, EVIOCGNAME(64), NULL);
	ioctl(-1, EVIOCGABS(ABS_MT_TOOL_Y), &v);
	struct input_absinfo absinfo = { 1, -2, 3, 4, 5, 6 };
	ioctl(-1, EVIOCSABS(ABS_X), &absinfo);
	unsigned int keycode[2] = { 30, KEY_A };
	ioctl(-1, EVIOCSKEYCODE, keycode);
	struct ff_effect effect;
	memset(&effect, 0, sizeof effect);
	effect.type = FF_RUMBLE;
	effect.id = -1;
	effect.u.rumble.strong_magnitude = 0x8000;
	ioctl(-1, EVIOCSFF, &effect);
	ioctl(-1, EVIOCGRAB, 1UL);
	ioctl(-1, EVIOCGVERSION, NULL);
	/* kd: a tone's frequency in a comment, LEDs, a keyboard mode
	 * unknown, a keymap entry's key named, a function key's string,
	 * diacritics, a font operation, a Unicode map's entry half. */
	ioctl(-1, KIOCSOUND, 440UL);
	ioctl(-1, KDMKTONE, (100UL << 16) | 1000);
	ioctl(-1, KDSKBLED, (unsigned long)(LED_NUM | (LED_CAP << 4) | 0x80));
	ioctl(-1, KDSKBMODE, 0xffffffffUL);
	ioctl(-1, KDADDIO, 0x3c0UL);
	struct kbentry kbe = { K_SHIFTTAB, 30, K(KT_LATIN, 'a') };
	ioctl(-1, KDSKBENT, &kbe);
	kbe.kb_value = K_F1;
	ioctl(-1, KDGKBENT, &kbe);
	struct kbsentry kbs;
	memset(&kbs, 0, sizeof kbs);
	kbs.kb_func = 2;
	strcpy((char *)kbs.kb_string, "\033[[B");
	ioctl(-1, KDSKBSENT, &kbs);
	struct kbdiacrs diacrs;
	memset(&diacrs, 0, sizeof diacrs);
	diacrs.kb_cnt = 2;
	diacrs.kbdiacr[0].diacr = '`';
	diacrs.kbdiacr[0].base = 'a';
	diacrs.kbdiacr[0].result = 0xe0;
	ioctl(-1, KDSKBDIACR, &diacrs);
	unsigned char fontdata[64] = { 1, 2, 3 };
	struct console_font_op fop = { KD_FONT_OP_SET, 0, 8, 16, 2, fontdata };
	ioctl(-1, KDFONTOP, &fop);
	struct unipair pairs[2] = { { 0x263a, 1 }, { 0xf000, 2 } };
	struct unimapdesc umap = { 2, pairs };
	ioctl(-1, GIO_UNIMAP, &umap);
	ioctl(-1, KDGKBTYPE, NULL);
	/* ubi: a volume's name cut at its name_len, a rename's entries. */
	struct ubi_mkvol_req mkvol;
	memset(&mkvol, 0, sizeof mkvol);
	mkvol.vol_id = 3;
	mkvol.bytes = -1;
	mkvol.vol_type = UBI_STATIC_VOLUME;
	mkvol.flags = UBI_VOL_SKIP_CRC_CHECK_FLG | 2;
	mkvol.name_len = 4;
	strcpy(mkvol.name, "rootfs");
	ioctl(-1, UBI_IOCMKVOL, &mkvol);
	static struct ubi_rnvol_req rnvol;
	rnvol.count = 2;
	rnvol.ents[0].vol_id = 1;
	rnvol.ents[0].name_len = 3;
	strcpy(rnvol.ents[0].name, "abc");
	ioctl(-1, UBI_IOCRNVOL, &rnvol);
	int64_t volup = -5;
	ioctl(-1, UBI_IOCVOLUP, &volup);
	/* mtd: names that are MIXER_READ(N)/MIXER_WRITE(N) too, structs. */
	struct erase_info_user erase = { 0x1000, 0x2000 };
	ioctl(-1, MEMERASE, &erase);
	struct mtd_write_req wreq = { 0x10, 0x20, 0, 0, 0, MTD_OPS_RAW, { 0 } };
	ioctl(-1, MEMWRITE, &wreq);
	unsigned int otp = MTD_OTP_USER;
	ioctl(-1, OTPSELECT, &otp);
	ioctl(-1, MTDFILEMODE, (unsigned long)MTD_FILE_MODE_RAW);
	struct region_info_user region = { 0, 0, 0, 7 };
	ioctl(-1, MEMGETREGIONINFO, &region);
	ioctl(-1, MEMGETINFO, NULL);
	/* Names with a number in them strace gives some types first, names
	 * of requests strace does not decode, v4l2's input index. */
	ioctl(-1, _IOR('H', 0x12, char[8]), NULL);
	ioctl(-1, _IOR('M', 100, int), &v);
	ioctl(-1, _IOR('m', 1, unsigned long), NULL);
	ioctl(-1, ('K' << 8) + 1, 0UL);
	struct v4l2_input input;
	memset(&input, 0, sizeof input);
	input.index = 2;
	ioctl(-1, VIDIOC_ENUMINPUT, &input);
	/* The terminal structs: termios2 with its speeds, termio's 16-bit
	 * flags (their c_line and c_cc under -v). */
	unsigned char tio2[44] = { 0 }; /* struct termios2 */
	uint32_t flags2[4] = { ICRNL | 0x80000000U, OPOST | ONLCR | TAB3,
			       B9600 | (B4000000 << IBSHIFT) | CS7 | CREAD,
			       ISIG | ECHO };
	memcpy(tio2, flags2, sizeof flags2);
	tio2[17] = 3;   /* c_cc[VINTR] */
	tio2[36] = 0x80; /* c_ispeed */
	ioctl(-1, 0x402c542b /* TCSETS2 */, tio2);
	uint16_t tio[9] = { IGNBRK, 0, B38400 | CS8, ICANON };
	ioctl(-1, TCSETA, tio);
	return write(1, "done\n", 5) == 5 ? 0 : 1;
}
