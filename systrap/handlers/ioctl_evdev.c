/* ioctl_evdev: the input devices' requests (type 'E', <linux/input.h>) as
 * strace 6.1's evdev.c and evdev_mpers.c decode them, and their names,
 * which carry numbers (EVIOCGBIT(EV_KEY, 8), EVIOCGABS(ABS_X),
 * EVIOCGNAME(64)) as strace's evdev_decode_number prints them.
 *
 * Reads (_IOC_READ) print their argument at exit, writes at entry, as
 * strace does; other directions and unknown numbers are left to the
 * generic decoding. The names' tables are <linux/input-event-codes.h>'s,
 * one name per value as strace 6.1 prints it (the first button's own name
 * over its range's alias: BTN_0, not BTN_MISC), without the codes newer
 * than strace 6.1.
 */
#include "systrap/handlers/decode_context.h"

#include <linux/input.h>

#include "systrap/handlers/value_tables.h"

#define X(name) { (uint64_t)(name), #name }
static const struct named_value keycode_names[] = {
	X(KEY_RESERVED), X(KEY_ESC), X(KEY_1), X(KEY_2), X(KEY_3), X(KEY_4),
	X(KEY_5), X(KEY_6), X(KEY_7), X(KEY_8), X(KEY_9), X(KEY_0),
	X(KEY_MINUS), X(KEY_EQUAL), X(KEY_BACKSPACE), X(KEY_TAB), X(KEY_Q),
	X(KEY_W), X(KEY_E), X(KEY_R), X(KEY_T), X(KEY_Y), X(KEY_U), X(KEY_I),
	X(KEY_O), X(KEY_P), X(KEY_LEFTBRACE), X(KEY_RIGHTBRACE), X(KEY_ENTER),
	X(KEY_LEFTCTRL), X(KEY_A), X(KEY_S), X(KEY_D), X(KEY_F), X(KEY_G),
	X(KEY_H), X(KEY_J), X(KEY_K), X(KEY_L), X(KEY_SEMICOLON),
	X(KEY_APOSTROPHE), X(KEY_GRAVE), X(KEY_LEFTSHIFT), X(KEY_BACKSLASH),
	X(KEY_Z), X(KEY_X), X(KEY_C), X(KEY_V), X(KEY_B), X(KEY_N), X(KEY_M),
	X(KEY_COMMA), X(KEY_DOT), X(KEY_SLASH), X(KEY_RIGHTSHIFT),
	X(KEY_KPASTERISK), X(KEY_LEFTALT), X(KEY_SPACE), X(KEY_CAPSLOCK),
	X(KEY_F1), X(KEY_F2), X(KEY_F3), X(KEY_F4), X(KEY_F5), X(KEY_F6),
	X(KEY_F7), X(KEY_F8), X(KEY_F9), X(KEY_F10), X(KEY_NUMLOCK),
	X(KEY_SCROLLLOCK), X(KEY_KP7), X(KEY_KP8), X(KEY_KP9), X(KEY_KPMINUS),
	X(KEY_KP4), X(KEY_KP5), X(KEY_KP6), X(KEY_KPPLUS), X(KEY_KP1),
	X(KEY_KP2), X(KEY_KP3), X(KEY_KP0), X(KEY_KPDOT),
	X(KEY_ZENKAKUHANKAKU), X(KEY_102ND), X(KEY_F11), X(KEY_F12), X(KEY_RO),
	X(KEY_KATAKANA), X(KEY_HIRAGANA), X(KEY_HENKAN),
	X(KEY_KATAKANAHIRAGANA), X(KEY_MUHENKAN), X(KEY_KPJPCOMMA),
	X(KEY_KPENTER), X(KEY_RIGHTCTRL), X(KEY_KPSLASH), X(KEY_SYSRQ),
	X(KEY_RIGHTALT), X(KEY_LINEFEED), X(KEY_HOME), X(KEY_UP),
	X(KEY_PAGEUP), X(KEY_LEFT), X(KEY_RIGHT), X(KEY_END), X(KEY_DOWN),
	X(KEY_PAGEDOWN), X(KEY_INSERT), X(KEY_DELETE), X(KEY_MACRO),
	X(KEY_MUTE), X(KEY_VOLUMEDOWN), X(KEY_VOLUMEUP), X(KEY_POWER),
	X(KEY_KPEQUAL), X(KEY_KPPLUSMINUS), X(KEY_PAUSE), X(KEY_SCALE),
	X(KEY_KPCOMMA), X(KEY_HANGEUL), X(KEY_HANJA), X(KEY_YEN),
	X(KEY_LEFTMETA), X(KEY_RIGHTMETA), X(KEY_COMPOSE), X(KEY_STOP),
	X(KEY_AGAIN), X(KEY_PROPS), X(KEY_UNDO), X(KEY_FRONT), X(KEY_COPY),
	X(KEY_OPEN), X(KEY_PASTE), X(KEY_FIND), X(KEY_CUT), X(KEY_HELP),
	X(KEY_MENU), X(KEY_CALC), X(KEY_SETUP), X(KEY_SLEEP), X(KEY_WAKEUP),
	X(KEY_FILE), X(KEY_SENDFILE), X(KEY_DELETEFILE), X(KEY_XFER),
	X(KEY_PROG1), X(KEY_PROG2), X(KEY_WWW), X(KEY_MSDOS), X(KEY_COFFEE),
	X(KEY_ROTATE_DISPLAY), X(KEY_CYCLEWINDOWS), X(KEY_MAIL),
	X(KEY_BOOKMARKS), X(KEY_COMPUTER), X(KEY_BACK), X(KEY_FORWARD),
	X(KEY_CLOSECD), X(KEY_EJECTCD), X(KEY_EJECTCLOSECD), X(KEY_NEXTSONG),
	X(KEY_PLAYPAUSE), X(KEY_PREVIOUSSONG), X(KEY_STOPCD), X(KEY_RECORD),
	X(KEY_REWIND), X(KEY_PHONE), X(KEY_ISO), X(KEY_CONFIG),
	X(KEY_HOMEPAGE), X(KEY_REFRESH), X(KEY_EXIT), X(KEY_MOVE), X(KEY_EDIT),
	X(KEY_SCROLLUP), X(KEY_SCROLLDOWN), X(KEY_KPLEFTPAREN),
	X(KEY_KPRIGHTPAREN), X(KEY_NEW), X(KEY_REDO), X(KEY_F13), X(KEY_F14),
	X(KEY_F15), X(KEY_F16), X(KEY_F17), X(KEY_F18), X(KEY_F19), X(KEY_F20),
	X(KEY_F21), X(KEY_F22), X(KEY_F23), X(KEY_F24), X(KEY_PLAYCD),
	X(KEY_PAUSECD), X(KEY_PROG3), X(KEY_PROG4), X(KEY_ALL_APPLICATIONS),
	X(KEY_SUSPEND), X(KEY_CLOSE), X(KEY_PLAY), X(KEY_FASTFORWARD),
	X(KEY_BASSBOOST), X(KEY_PRINT), X(KEY_HP), X(KEY_CAMERA), X(KEY_SOUND),
	X(KEY_QUESTION), X(KEY_EMAIL), X(KEY_CHAT), X(KEY_SEARCH),
	X(KEY_CONNECT), X(KEY_FINANCE), X(KEY_SPORT), X(KEY_SHOP),
	X(KEY_ALTERASE), X(KEY_CANCEL), X(KEY_BRIGHTNESSDOWN),
	X(KEY_BRIGHTNESSUP), X(KEY_MEDIA), X(KEY_SWITCHVIDEOMODE),
	X(KEY_KBDILLUMTOGGLE), X(KEY_KBDILLUMDOWN), X(KEY_KBDILLUMUP),
	X(KEY_SEND), X(KEY_REPLY), X(KEY_FORWARDMAIL), X(KEY_SAVE),
	X(KEY_DOCUMENTS), X(KEY_BATTERY), X(KEY_BLUETOOTH), X(KEY_WLAN),
	X(KEY_UWB), X(KEY_UNKNOWN), X(KEY_VIDEO_NEXT), X(KEY_VIDEO_PREV),
	X(KEY_BRIGHTNESS_CYCLE), X(KEY_BRIGHTNESS_AUTO), X(KEY_DISPLAY_OFF),
	X(KEY_WWAN), X(KEY_RFKILL), X(KEY_MICMUTE), X(BTN_0), X(BTN_1),
	X(BTN_2), X(BTN_3), X(BTN_4), X(BTN_5), X(BTN_6), X(BTN_7), X(BTN_8),
	X(BTN_9), X(BTN_LEFT), X(BTN_RIGHT), X(BTN_MIDDLE), X(BTN_SIDE),
	X(BTN_EXTRA), X(BTN_FORWARD), X(BTN_BACK), X(BTN_TASK), X(BTN_TRIGGER),
	X(BTN_THUMB), X(BTN_THUMB2), X(BTN_TOP), X(BTN_TOP2), X(BTN_PINKIE),
	X(BTN_BASE), X(BTN_BASE2), X(BTN_BASE3), X(BTN_BASE4), X(BTN_BASE5),
	X(BTN_BASE6), X(BTN_DEAD), X(BTN_SOUTH), X(BTN_EAST), X(BTN_C),
	X(BTN_NORTH), X(BTN_WEST), X(BTN_Z), X(BTN_TL), X(BTN_TR), X(BTN_TL2),
	X(BTN_TR2), X(BTN_SELECT), X(BTN_START), X(BTN_MODE), X(BTN_THUMBL),
	X(BTN_THUMBR), X(BTN_TOOL_PEN), X(BTN_TOOL_RUBBER), X(BTN_TOOL_BRUSH),
	X(BTN_TOOL_PENCIL), X(BTN_TOOL_AIRBRUSH), X(BTN_TOOL_FINGER),
	X(BTN_TOOL_MOUSE), X(BTN_TOOL_LENS), X(BTN_TOOL_QUINTTAP),
	X(BTN_STYLUS3), X(BTN_TOUCH), X(BTN_STYLUS), X(BTN_STYLUS2),
	X(BTN_TOOL_DOUBLETAP), X(BTN_TOOL_TRIPLETAP), X(BTN_TOOL_QUADTAP),
	X(BTN_GEAR_DOWN), X(BTN_GEAR_UP), X(KEY_OK), X(KEY_SELECT),
	X(KEY_GOTO), X(KEY_CLEAR), X(KEY_POWER2), X(KEY_OPTION), X(KEY_INFO),
	X(KEY_TIME), X(KEY_VENDOR), X(KEY_ARCHIVE), X(KEY_PROGRAM),
	X(KEY_CHANNEL), X(KEY_FAVORITES), X(KEY_EPG), X(KEY_PVR), X(KEY_MHP),
	X(KEY_LANGUAGE), X(KEY_TITLE), X(KEY_SUBTITLE), X(KEY_ANGLE),
	X(KEY_ZOOM), X(KEY_MODE), X(KEY_KEYBOARD), X(KEY_SCREEN), X(KEY_PC),
	X(KEY_TV), X(KEY_TV2), X(KEY_VCR), X(KEY_VCR2), X(KEY_SAT),
	X(KEY_SAT2), X(KEY_CD), X(KEY_TAPE), X(KEY_RADIO), X(KEY_TUNER),
	X(KEY_PLAYER), X(KEY_TEXT), X(KEY_DVD), X(KEY_AUX), X(KEY_MP3),
	X(KEY_AUDIO), X(KEY_VIDEO), X(KEY_DIRECTORY), X(KEY_LIST), X(KEY_MEMO),
	X(KEY_CALENDAR), X(KEY_RED), X(KEY_GREEN), X(KEY_YELLOW), X(KEY_BLUE),
	X(KEY_CHANNELUP), X(KEY_CHANNELDOWN), X(KEY_FIRST), X(KEY_LAST),
	X(KEY_AB), X(KEY_NEXT), X(KEY_RESTART), X(KEY_SLOW), X(KEY_SHUFFLE),
	X(KEY_BREAK), X(KEY_PREVIOUS), X(KEY_DIGITS), X(KEY_TEEN), X(KEY_TWEN),
	X(KEY_VIDEOPHONE), X(KEY_GAMES), X(KEY_ZOOMIN), X(KEY_ZOOMOUT),
	X(KEY_ZOOMRESET), X(KEY_WORDPROCESSOR), X(KEY_EDITOR),
	X(KEY_SPREADSHEET), X(KEY_GRAPHICSEDITOR), X(KEY_PRESENTATION),
	X(KEY_DATABASE), X(KEY_NEWS), X(KEY_VOICEMAIL), X(KEY_ADDRESSBOOK),
	X(KEY_MESSENGER), X(KEY_DISPLAYTOGGLE), X(KEY_SPELLCHECK),
	X(KEY_LOGOFF), X(KEY_DOLLAR), X(KEY_EURO), X(KEY_FRAMEBACK),
	X(KEY_FRAMEFORWARD), X(KEY_CONTEXT_MENU), X(KEY_MEDIA_REPEAT),
	X(KEY_10CHANNELSUP), X(KEY_10CHANNELSDOWN), X(KEY_IMAGES),
	X(KEY_NOTIFICATION_CENTER), X(KEY_PICKUP_PHONE), X(KEY_HANGUP_PHONE),
	X(KEY_DEL_EOL), X(KEY_DEL_EOS), X(KEY_INS_LINE), X(KEY_DEL_LINE),
	X(KEY_FN), X(KEY_FN_ESC), X(KEY_FN_F1), X(KEY_FN_F2), X(KEY_FN_F3),
	X(KEY_FN_F4), X(KEY_FN_F5), X(KEY_FN_F6), X(KEY_FN_F7), X(KEY_FN_F8),
	X(KEY_FN_F9), X(KEY_FN_F10), X(KEY_FN_F11), X(KEY_FN_F12), X(KEY_FN_1),
	X(KEY_FN_2), X(KEY_FN_D), X(KEY_FN_E), X(KEY_FN_F), X(KEY_FN_S),
	X(KEY_FN_B), X(KEY_FN_RIGHT_SHIFT), X(KEY_BRL_DOT1), X(KEY_BRL_DOT2),
	X(KEY_BRL_DOT3), X(KEY_BRL_DOT4), X(KEY_BRL_DOT5), X(KEY_BRL_DOT6),
	X(KEY_BRL_DOT7), X(KEY_BRL_DOT8), X(KEY_BRL_DOT9), X(KEY_BRL_DOT10),
	X(KEY_NUMERIC_0), X(KEY_NUMERIC_1), X(KEY_NUMERIC_2), X(KEY_NUMERIC_3),
	X(KEY_NUMERIC_4), X(KEY_NUMERIC_5), X(KEY_NUMERIC_6), X(KEY_NUMERIC_7),
	X(KEY_NUMERIC_8), X(KEY_NUMERIC_9), X(KEY_NUMERIC_STAR),
	X(KEY_NUMERIC_POUND), X(KEY_NUMERIC_A), X(KEY_NUMERIC_B),
	X(KEY_NUMERIC_C), X(KEY_NUMERIC_D), X(KEY_CAMERA_FOCUS),
	X(KEY_WPS_BUTTON), X(KEY_TOUCHPAD_TOGGLE), X(KEY_TOUCHPAD_ON),
	X(KEY_TOUCHPAD_OFF), X(KEY_CAMERA_ZOOMIN), X(KEY_CAMERA_ZOOMOUT),
	X(KEY_CAMERA_UP), X(KEY_CAMERA_DOWN), X(KEY_CAMERA_LEFT),
	X(KEY_CAMERA_RIGHT), X(KEY_ATTENDANT_ON), X(KEY_ATTENDANT_OFF),
	X(KEY_ATTENDANT_TOGGLE), X(KEY_LIGHTS_TOGGLE), X(BTN_DPAD_UP),
	X(BTN_DPAD_DOWN), X(BTN_DPAD_LEFT), X(BTN_DPAD_RIGHT),
	X(KEY_ALS_TOGGLE), X(KEY_ROTATE_LOCK_TOGGLE), X(KEY_BUTTONCONFIG),
	X(KEY_TASKMANAGER), X(KEY_JOURNAL), X(KEY_CONTROLPANEL),
	X(KEY_APPSELECT), X(KEY_SCREENSAVER), X(KEY_VOICECOMMAND),
	X(KEY_ASSISTANT), X(KEY_KBD_LAYOUT_NEXT), X(KEY_EMOJI_PICKER),
	X(KEY_DICTATE), X(KEY_BRIGHTNESS_MIN), X(KEY_BRIGHTNESS_MAX),
	X(KEY_KBDINPUTASSIST_PREV), X(KEY_KBDINPUTASSIST_NEXT),
	X(KEY_KBDINPUTASSIST_PREVGROUP), X(KEY_KBDINPUTASSIST_NEXTGROUP),
	X(KEY_KBDINPUTASSIST_ACCEPT), X(KEY_KBDINPUTASSIST_CANCEL),
	X(KEY_RIGHT_UP), X(KEY_RIGHT_DOWN), X(KEY_LEFT_UP), X(KEY_LEFT_DOWN),
	X(KEY_ROOT_MENU), X(KEY_MEDIA_TOP_MENU), X(KEY_NUMERIC_11),
	X(KEY_NUMERIC_12), X(KEY_AUDIO_DESC), X(KEY_3D_MODE),
	X(KEY_NEXT_FAVORITE), X(KEY_STOP_RECORD), X(KEY_PAUSE_RECORD),
	X(KEY_VOD), X(KEY_UNMUTE), X(KEY_FASTREVERSE), X(KEY_SLOWREVERSE),
	X(KEY_DATA), X(KEY_ONSCREEN_KEYBOARD), X(KEY_PRIVACY_SCREEN_TOGGLE),
	X(KEY_SELECTIVE_SCREENSHOT), X(KEY_NEXT_ELEMENT),
	X(KEY_PREVIOUS_ELEMENT), X(KEY_AUTOPILOT_ENGAGE_TOGGLE),
	X(KEY_MARK_WAYPOINT), X(KEY_SOS), X(KEY_NAV_CHART),
	X(KEY_FISHING_CHART), X(KEY_SINGLE_RANGE_RADAR),
	X(KEY_DUAL_RANGE_RADAR), X(KEY_RADAR_OVERLAY),
	X(KEY_TRADITIONAL_SONAR), X(KEY_CLEARVU_SONAR), X(KEY_SIDEVU_SONAR),
	X(KEY_NAV_INFO), X(KEY_BRIGHTNESS_MENU), X(KEY_MACRO1), X(KEY_MACRO2),
	X(KEY_MACRO3), X(KEY_MACRO4), X(KEY_MACRO5), X(KEY_MACRO6),
	X(KEY_MACRO7), X(KEY_MACRO8), X(KEY_MACRO9), X(KEY_MACRO10),
	X(KEY_MACRO11), X(KEY_MACRO12), X(KEY_MACRO13), X(KEY_MACRO14),
	X(KEY_MACRO15), X(KEY_MACRO16), X(KEY_MACRO17), X(KEY_MACRO18),
	X(KEY_MACRO19), X(KEY_MACRO20), X(KEY_MACRO21), X(KEY_MACRO22),
	X(KEY_MACRO23), X(KEY_MACRO24), X(KEY_MACRO25), X(KEY_MACRO26),
	X(KEY_MACRO27), X(KEY_MACRO28), X(KEY_MACRO29), X(KEY_MACRO30),
	X(KEY_MACRO_RECORD_START), X(KEY_MACRO_RECORD_STOP),
	X(KEY_MACRO_PRESET_CYCLE), X(KEY_MACRO_PRESET1), X(KEY_MACRO_PRESET2),
	X(KEY_MACRO_PRESET3), X(KEY_KBD_LCD_MENU1), X(KEY_KBD_LCD_MENU2),
	X(KEY_KBD_LCD_MENU3), X(KEY_KBD_LCD_MENU4), X(KEY_KBD_LCD_MENU5),
	X(BTN_TRIGGER_HAPPY1), X(BTN_TRIGGER_HAPPY2), X(BTN_TRIGGER_HAPPY3),
	X(BTN_TRIGGER_HAPPY4), X(BTN_TRIGGER_HAPPY5), X(BTN_TRIGGER_HAPPY6),
	X(BTN_TRIGGER_HAPPY7), X(BTN_TRIGGER_HAPPY8), X(BTN_TRIGGER_HAPPY9),
	X(BTN_TRIGGER_HAPPY10), X(BTN_TRIGGER_HAPPY11), X(BTN_TRIGGER_HAPPY12),
	X(BTN_TRIGGER_HAPPY13), X(BTN_TRIGGER_HAPPY14), X(BTN_TRIGGER_HAPPY15),
	X(BTN_TRIGGER_HAPPY16), X(BTN_TRIGGER_HAPPY17), X(BTN_TRIGGER_HAPPY18),
	X(BTN_TRIGGER_HAPPY19), X(BTN_TRIGGER_HAPPY20), X(BTN_TRIGGER_HAPPY21),
	X(BTN_TRIGGER_HAPPY22), X(BTN_TRIGGER_HAPPY23), X(BTN_TRIGGER_HAPPY24),
	X(BTN_TRIGGER_HAPPY25), X(BTN_TRIGGER_HAPPY26), X(BTN_TRIGGER_HAPPY27),
	X(BTN_TRIGGER_HAPPY28), X(BTN_TRIGGER_HAPPY29), X(BTN_TRIGGER_HAPPY30),
	X(BTN_TRIGGER_HAPPY31), X(BTN_TRIGGER_HAPPY32), X(BTN_TRIGGER_HAPPY33),
	X(BTN_TRIGGER_HAPPY34), X(BTN_TRIGGER_HAPPY35), X(BTN_TRIGGER_HAPPY36),
	X(BTN_TRIGGER_HAPPY37), X(BTN_TRIGGER_HAPPY38), X(BTN_TRIGGER_HAPPY39),
	X(BTN_TRIGGER_HAPPY40),
};
static const struct named_value abs_names[] = {
	X(ABS_X), X(ABS_Y), X(ABS_Z), X(ABS_RX), X(ABS_RY), X(ABS_RZ),
	X(ABS_THROTTLE), X(ABS_RUDDER), X(ABS_WHEEL), X(ABS_GAS), X(ABS_BRAKE),
	X(ABS_HAT0X), X(ABS_HAT0Y), X(ABS_HAT1X), X(ABS_HAT1Y), X(ABS_HAT2X),
	X(ABS_HAT2Y), X(ABS_HAT3X), X(ABS_HAT3Y), X(ABS_PRESSURE),
	X(ABS_DISTANCE), X(ABS_TILT_X), X(ABS_TILT_Y), X(ABS_TOOL_WIDTH),
	X(ABS_VOLUME), X(ABS_PROFILE), X(ABS_MISC), X(ABS_RESERVED),
	X(ABS_MT_SLOT), X(ABS_MT_TOUCH_MAJOR), X(ABS_MT_TOUCH_MINOR),
	X(ABS_MT_WIDTH_MAJOR), X(ABS_MT_WIDTH_MINOR), X(ABS_MT_ORIENTATION),
	X(ABS_MT_POSITION_X), X(ABS_MT_POSITION_Y), X(ABS_MT_TOOL_TYPE),
	X(ABS_MT_BLOB_ID), X(ABS_MT_TRACKING_ID), X(ABS_MT_PRESSURE),
	X(ABS_MT_DISTANCE), X(ABS_MT_TOOL_X), X(ABS_MT_TOOL_Y),
};
static const struct named_value ev_names[] = {
	X(EV_SYN), X(EV_KEY), X(EV_REL), X(EV_ABS), X(EV_MSC), X(EV_SW),
	X(EV_LED), X(EV_SND), X(EV_REP), X(EV_FF), X(EV_PWR), X(EV_FF_STATUS),
};
static const struct named_value rel_names[] = {
	X(REL_X), X(REL_Y), X(REL_Z), X(REL_RX), X(REL_RY), X(REL_RZ),
	X(REL_HWHEEL), X(REL_DIAL), X(REL_WHEEL), X(REL_MISC), X(REL_RESERVED),
	X(REL_WHEEL_HI_RES), X(REL_HWHEEL_HI_RES),
};
static const struct named_value misc_names[] = {
	X(MSC_SERIAL), X(MSC_PULSELED), X(MSC_GESTURE), X(MSC_RAW),
	X(MSC_SCAN), X(MSC_TIMESTAMP),
};
static const struct named_value led_names[] = {
	X(LED_NUML), X(LED_CAPSL), X(LED_SCROLLL), X(LED_COMPOSE), X(LED_KANA),
	X(LED_SLEEP), X(LED_SUSPEND), X(LED_MUTE), X(LED_MISC), X(LED_MAIL),
	X(LED_CHARGING),
};
static const struct named_value snd_names[] = {
	X(SND_CLICK), X(SND_BELL), X(SND_TONE),
};
static const struct named_value rep_names[] = {
	X(REP_DELAY), X(REP_PERIOD),
};
static const struct named_value sw_names[] = {
	X(SW_LID), X(SW_TABLET_MODE), X(SW_HEADPHONE_INSERT), X(SW_RFKILL_ALL),
	X(SW_MICROPHONE_INSERT), X(SW_DOCK), X(SW_LINEOUT_INSERT),
	X(SW_JACK_PHYSICAL_INSERT), X(SW_VIDEOOUT_INSERT),
	X(SW_CAMERA_LENS_COVER), X(SW_KEYPAD_SLIDE), X(SW_FRONT_PROXIMITY),
	X(SW_ROTATE_LOCK), X(SW_LINEIN_INSERT), X(SW_MUTE_DEVICE),
	X(SW_PEN_INSERTED),
};
static const struct named_value prop_names[] = {
	X(INPUT_PROP_POINTER), X(INPUT_PROP_DIRECT), X(INPUT_PROP_BUTTONPAD),
	X(INPUT_PROP_SEMI_MT), X(INPUT_PROP_TOPBUTTONPAD),
	X(INPUT_PROP_POINTING_STICK), X(INPUT_PROP_ACCELEROMETER),
};
static const struct named_value mtslot_names[] = {
	X(ABS_MT_SLOT), X(ABS_MT_TOUCH_MAJOR), X(ABS_MT_TOUCH_MINOR),
	X(ABS_MT_WIDTH_MAJOR), X(ABS_MT_WIDTH_MINOR), X(ABS_MT_ORIENTATION),
	X(ABS_MT_POSITION_X), X(ABS_MT_POSITION_Y), X(ABS_MT_TOOL_TYPE),
	X(ABS_MT_BLOB_ID), X(ABS_MT_TRACKING_ID), X(ABS_MT_PRESSURE),
	X(ABS_MT_DISTANCE), X(ABS_MT_TOOL_X), X(ABS_MT_TOOL_Y),
};
static const struct named_value ff_type_names[] = {
	X(FF_RUMBLE), X(FF_PERIODIC), X(FF_CONSTANT), X(FF_SPRING),
	X(FF_FRICTION), X(FF_DAMPER), X(FF_INERTIA), X(FF_RAMP), X(FF_SQUARE),
	X(FF_TRIANGLE), X(FF_SINE), X(FF_SAW_UP), X(FF_SAW_DOWN), X(FF_CUSTOM),
	X(FF_GAIN), X(FF_AUTOCENTER),
};
static const struct named_value ff_status_names[] = {
	X(FF_STATUS_STOPPED), X(FF_STATUS_PLAYING),
};
/* The requests of fixed numbers strace names. */
static const struct named_value request_names[] = {
	X(EVIOCGVERSION), X(EVIOCGID), X(EVIOCGREP), X(EVIOCSREP),
	X(EVIOCGKEYCODE), X(EVIOCGKEYCODE_V2), X(EVIOCSKEYCODE),
	X(EVIOCSKEYCODE_V2), X(EVIOCSFF), X(EVIOCRMFF), X(EVIOCGEFFECTS),
	X(EVIOCGRAB), X(EVIOCREVOKE), X(EVIOCGMASK), X(EVIOCSMASK),
	X(EVIOCSCLOCKID),
};
#undef X

static const struct value_table keycodes = VALUE_TABLE(keycode_names, "KEY_???");
static const struct value_table abs_axes = VALUE_TABLE(abs_names, "ABS_???");
static const struct value_table ev_types = VALUE_TABLE(ev_names, "EV_???");
static const struct value_table rel_axes = VALUE_TABLE(rel_names, "REL_???");
static const struct value_table miscs = VALUE_TABLE(misc_names, "MSC_???");
static const struct value_table leds = VALUE_TABLE(led_names, "LED_???");
static const struct value_table snds = VALUE_TABLE(snd_names, "SND_???");
static const struct value_table reps = VALUE_TABLE(rep_names, "REP_???");
static const struct value_table sws = VALUE_TABLE(sw_names, "SW_???");
static const struct value_table props = VALUE_TABLE(prop_names, "PROP_???");
static const struct value_table mtslots = VALUE_TABLE(mtslot_names, "ABS_MT_???");
static const struct value_table ff_types = VALUE_TABLE(ff_type_names, "FF_???");
static const struct value_table ff_statuses =
	VALUE_TABLE(ff_status_names, "FF_STATUS_???");
static const struct value_table requests = VALUE_TABLE(request_names, "");

#define NR(req) ((req) & 0xff)
#define SIZE(req) (((req) >> 16) & 0x3fff)
#define DIR(req) ((req) >> 30)

/* A name's number inside a request's name: its name, or under -X verbose
 * (whose comment holds the names) the bare number. */
static void print_inner(struct text_buffer *tb, const struct value_table *t,
			uint64_t v, int verbose)
{
	const char *name = value_table_name(t, v);
	if (verbose && !name)
		tb_hex(tb, v);
	else
		print_enum(tb, t, v);
}

/* NAME(N) of the requests whose number carries a size or a code, as
 * strace's evdev_decode_number; 0 when the request is not one of them. */
static int print_composite(struct text_buffer *tb, uint32_t req, int verbose)
{
	static const struct {
		uint8_t nr;
		const char *name;
	} sized[] = {
		{ 0x06, "EVIOCGNAME(" }, { 0x07, "EVIOCGPHYS(" },
		{ 0x08, "EVIOCGUNIQ(" }, { 0x09, "EVIOCGPROP(" },
		{ 0x0a, "EVIOCGMTSLOTS(" }, { 0x18, "EVIOCGKEY(" },
		{ 0x19, "EVIOCGLED(" }, { 0x1a, "EVIOCGSND(" },
		{ 0x1b, "EVIOCGSW(" },
	};
	unsigned nr = NR(req);
	if (DIR(req) == _IOC_WRITE && nr >= 0xc0) {
		tb_str(tb, "EVIOCSABS(");
		print_inner(tb, &abs_axes, nr - 0xc0, verbose);
		tb_char(tb, ')');
		return 1;
	}
	if (DIR(req) != _IOC_READ)
		return 0;
	if (nr >= 0x20 && nr < 0x40) {
		tb_str(tb, "EVIOCGBIT(");
		if (nr == 0x20)
			tb_char(tb, '0');
		else
			print_inner(tb, &ev_types, nr - 0x20, verbose);
		tb_str(tb, ", ");
		tb_udec(tb, SIZE(req));
		tb_char(tb, ')');
		return 1;
	}
	if (nr >= 0x40 && nr < 0x80) {
		tb_str(tb, "EVIOCGABS(");
		print_inner(tb, &abs_axes, nr - 0x40, verbose);
		tb_char(tb, ')');
		return 1;
	}
	for (unsigned i = 0; i < sizeof sized / sizeof *sized; i++)
		if (sized[i].nr == nr) {
			tb_str(tb, sized[i].name);
			tb_udec(tb, SIZE(req));
			tb_char(tb, ')');
			return 1;
		}
	return 0;
}

/* Whether strace names the request (else the generic decoding prints it). */
static int is_named(uint32_t req)
{
	struct text_buffer nowhere;
	tb_init(&nowhere, 0, 0);
	return value_table_name(&requests, req) || print_composite(&nowhere, req, 0);
}

/* The request (is_named), in the buffer's style. */
static void print_request(struct text_buffer *tb, uint32_t req)
{
	const char *name = value_table_name(&requests, req);
	int verbose = tb->style == CONST_STYLE_VERBOSE;
	if (name) {
		print_named_value(tb, req, name, CONST_HEX);
		return;
	}
	int begun = const_names_begin(tb, req, CONST_HEX);
	if (begun) {
		print_composite(tb, req, verbose);
		const_names_end(tb, begun);
	}
}

/* [N] of the int at addr, in decimal, unsigned or hex. */
static void print_int_at(const struct decode_context *ctx, uintptr_t addr,
			 char how)
{
	uint32_t v;
	if (!read_or_print_addr(ctx, &v, addr, sizeof v))
		return;
	tb_char(ctx->tb, '[');
	if (how == 'x')
		tb_hex(ctx->tb, v);
	else if (how == 'd')
		tb_dec(ctx->tb, (int32_t)v);
	else
		tb_udec(ctx->tb, v);
	tb_char(ctx->tb, ']');
}

/* [N, M]: EVIOCGREP's and EVIOCSREP's delay and period; with a keycode's
 * name second, EVIOCGKEYCODE's and EVIOCSKEYCODE's scancode and key. */
static void print_pair(const struct decode_context *ctx, uintptr_t addr,
		       int keycode)
{
	uint32_t v[2];
	if (!read_or_print_addr(ctx, v, addr, sizeof v))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_char(tb, '[');
	tb_udec(tb, v[0]);
	tb_str(tb, ", ");
	if (keycode)
		print_enum(tb, &keycodes, v[1]);
	else
		tb_udec(tb, v[1]);
	tb_char(tb, ']');
}

/* {flags=, len=, index=, keycode=, scancode=[...]}, abbreviated after len. */
static void print_keymap_entry(const struct decode_context *ctx,
			       uintptr_t addr)
{
	struct input_keymap_entry e;
	if (!read_or_print_addr(ctx, &e, addr, sizeof e))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{flags=");
	tb_udec(tb, e.flags);
	tb_str(tb, ", len=");
	tb_udec(tb, e.len);
	if (ctx_abbrev(ctx)) {
		tb_str(tb, ", ...}");
		return;
	}
	tb_str(tb, ", index=");
	tb_udec(tb, e.index);
	tb_str(tb, ", keycode=");
	print_enum(tb, &keycodes, e.keycode);
	tb_str(tb, ", scancode=[");
	for (unsigned i = 0; i < sizeof e.scancode; i++) {
		if (i)
			tb_str(tb, ", ");
		tb_hex(tb, e.scancode[i]);
	}
	tb_str(tb, "]}");
}

static void print_input_id(const struct decode_context *ctx, uintptr_t addr)
{
	struct input_id id;
	if (!read_or_print_addr(ctx, &id, addr, sizeof id))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{bustype=");
	tb_udec(tb, id.bustype);
	tb_str(tb, ", vendor=");
	tb_udec(tb, id.vendor);
	tb_str(tb, ", product=");
	tb_udec(tb, id.product);
	tb_str(tb, ", version=");
	tb_udec(tb, id.version);
	tb_char(tb, '}');
}

/* EVIOCGABS/EVIOCSABS: as many bytes of struct input_absinfo as the
 * request's size says (the address below its first five fields);
 * resolution when the size has it, "..." for more than the struct. */
static void print_absinfo(const struct decode_context *ctx, uint32_t req,
			  uintptr_t addr)
{
	const size_t orig = 20, with_res = sizeof(struct input_absinfo);
	size_t size = SIZE(req);
	struct input_absinfo a;
	if (size < orig) {
		tb_ptr(ctx->tb, addr);
		return;
	}
	if (!read_or_print_addr(ctx, &a, addr, size < with_res ? size : with_res))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{value=");
	tb_udec(tb, (uint32_t)a.value);
	tb_str(tb, ", minimum=");
	tb_udec(tb, (uint32_t)a.minimum);
	if (ctx_abbrev(ctx)) {
		tb_str(tb, ", ...}");
		return;
	}
	tb_str(tb, ", maximum=");
	tb_udec(tb, (uint32_t)a.maximum);
	tb_str(tb, ", fuzz=");
	tb_udec(tb, (uint32_t)a.fuzz);
	tb_str(tb, ", flat=");
	tb_udec(tb, (uint32_t)a.flat);
	if (size > orig) {
		if (size >= with_res) {
			tb_str(tb, ", resolution=");
			tb_udec(tb, (uint32_t)a.resolution);
		}
		if (size != with_res)
			tb_str(tb, ", ...");
	}
	tb_char(tb, '}');
}

/* strace's decode_bitset: the names of the bits set among the first
 * (result * 8) (at most max + 1 ... as strace counts: max), four then
 * "..." unless -v; under -X raw the words in hex instead, under -X verbose
 * both, the words in a comment. The address when the call failed or gave
 * nothing. */
static void print_bitset(const struct decode_context *ctx, uintptr_t addr,
			 const struct value_table *t, unsigned max)
{
	struct text_buffer *tb = ctx->tb;
	unsigned long bits = (unsigned long)ctx->result > max / 8
			     ? max : (unsigned long)ctx->result * 8;
	size_t size = (bits + 63) / 64 * 8;
	uint64_t words[(KEY_MAX + 64) / 64];
	if (is_error_result(ctx->result) || !size) {
		tb_ptr(tb, addr);
		return;
	}
	if (!read_or_print_addr(ctx, words, addr, size))
		return;
	if (tb->style != CONST_STYLE_RAW) {
		int shown = 0;
		tb_char(tb, '[');
		for (unsigned long i = 0; i < bits; i++) {
			if (!(words[i / 64] >> (i % 64) & 1))
				continue;
			if (shown)
				tb_char(tb, ' ');
			if (shown == 4 && ctx_abbrev(ctx)) {
				tb_str(tb, "...");
				break;
			}
			print_enum(tb, t, i);
			shown++;
		}
		tb_char(tb, ']');
	}
	if (tb->style == CONST_STYLE_ABBREV)
		return;
	tb_str(tb, tb->style == CONST_STYLE_VERBOSE ? " /* [" : "[");
	for (size_t i = 0; i < size / 8; i++) {
		if (i)
			tb_str(tb, ", ");
		tb_hex(tb, words[i]);
	}
	tb_str(tb, tb->style == CONST_STYLE_VERBOSE ? "] */" : "]");
}

/* EVIOCGMTSLOTS(size): {code=ABS_MT_*, values=[...]}, size / 4 - 1 of
 * them; the address for a size below one int. */
static void print_mtslots(const struct decode_context *ctx, uint32_t req,
			  uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	size_t n = SIZE(req) / sizeof(int32_t);
	uint32_t code;
	if (!n) {
		tb_ptr(tb, addr);
		return;
	}
	if (!read_or_print_addr(ctx, &code, addr, sizeof code))
		return;
	tb_str(tb, "{code=");
	print_enum(tb, &mtslots, code);
	tb_str(tb, ", values=");
	int closed = 1;
	if (n == 1)
		tb_char(tb, '[');
	for (size_t i = 0; i + 1 < n; i++) {
		int32_t v;
		uintptr_t at = addr + (i + 1) * sizeof v;
		if (!print_array_next(ctx, &v, at, sizeof v, i)) {
			closed = i != 0;
			break;
		}
		tb_dec(tb, v);
	}
	if (closed)
		tb_char(tb, ']');
	tb_char(tb, '}');
}

static void print_envelope(struct text_buffer *tb,
			   const struct ff_envelope *e)
{
	tb_str(tb, "envelope={attack_length=");
	tb_udec(tb, e->attack_length);
	tb_str(tb, ", attack_level=");
	tb_udec(tb, e->attack_level);
	tb_str(tb, ", fade_length=");
	tb_udec(tb, e->fade_length);
	tb_str(tb, ", fade_level=");
	tb_hex(tb, e->fade_level);
	tb_char(tb, '}');
}

/* EVIOCSFF's struct ff_effect: type, id and direction, then (under -v)
 * the trigger, the replay and the effect of its type. */
static void print_ff_effect(const struct decode_context *ctx, uintptr_t addr)
{
	struct ff_effect f;
	if (!read_or_print_addr(ctx, &f, addr, sizeof f))
		return;
	struct text_buffer *tb = ctx->tb;
	tb_str(tb, "{type=");
	print_enum(tb, &ff_types, f.type);
	tb_str(tb, ", id=");
	tb_dec(tb, f.id);
	tb_str(tb, ", direction=");
	tb_udec(tb, f.direction);
	if (ctx_abbrev(ctx)) {
		tb_str(tb, ", ...}");
		return;
	}
	tb_str(tb, ", trigger={button=");
	tb_udec(tb, f.trigger.button);
	tb_str(tb, ", interval=");
	tb_udec(tb, f.trigger.interval);
	tb_str(tb, "}, replay={length=");
	tb_udec(tb, f.replay.length);
	tb_str(tb, ", delay=");
	tb_udec(tb, f.replay.delay);
	tb_char(tb, '}');
	switch (f.type) {
	case FF_CONSTANT:
		tb_str(tb, ", constant={level=");
		tb_dec(tb, f.u.constant.level);
		tb_str(tb, ", ");
		print_envelope(tb, &f.u.constant.envelope);
		tb_char(tb, '}');
		break;
	case FF_RAMP:
		tb_str(tb, ", ramp={start_level=");
		tb_dec(tb, f.u.ramp.start_level);
		tb_str(tb, ", end_level=");
		tb_dec(tb, f.u.ramp.end_level);
		tb_str(tb, ", ");
		print_envelope(tb, &f.u.ramp.envelope);
		tb_char(tb, '}');
		break;
	case FF_PERIODIC:
		tb_str(tb, ", periodic={waveform=");
		tb_udec(tb, f.u.periodic.waveform);
		tb_str(tb, ", period=");
		tb_udec(tb, f.u.periodic.period);
		tb_str(tb, ", magnitude=");
		tb_dec(tb, f.u.periodic.magnitude);
		tb_str(tb, ", offset=");
		tb_dec(tb, f.u.periodic.offset);
		tb_str(tb, ", phase=");
		tb_udec(tb, f.u.periodic.phase);
		tb_str(tb, ", ");
		print_envelope(tb, &f.u.periodic.envelope);
		tb_str(tb, ", custom_len=");
		tb_udec(tb, f.u.periodic.custom_len);
		tb_str(tb, ", custom_data=");
		tb_ptr(tb, (uintptr_t)f.u.periodic.custom_data);
		tb_char(tb, '}');
		break;
	case FF_RUMBLE:
		tb_str(tb, ", rumble={strong_magnitude=");
		tb_udec(tb, f.u.rumble.strong_magnitude);
		tb_str(tb, ", weak_magnitude=");
		tb_udec(tb, f.u.rumble.weak_magnitude);
		tb_char(tb, '}');
		break;
	}
	tb_char(tb, '}');
}

/* EVIOCGBIT(type, size)'s bits by the event type's table. */
static void print_bits(const struct decode_context *ctx, unsigned type,
		       uintptr_t addr)
{
	static const struct {
		uint8_t type;
		uint16_t max;
		const struct value_table *t;
	} bit_tables[] = {
		{ 0, EV_MAX, &ev_types }, { EV_KEY, KEY_MAX, &keycodes },
		{ EV_REL, REL_MAX, &rel_axes }, { EV_ABS, ABS_MAX, &abs_axes },
		{ EV_MSC, MSC_MAX, &miscs }, { EV_SW, SW_MAX, &sws },
		{ EV_LED, LED_MAX, &leds }, { EV_SND, SND_MAX, &snds },
		{ EV_REP, REP_MAX, &reps }, { EV_FF, FF_MAX, &ff_types },
		{ EV_FF_STATUS, FF_STATUS_MAX, &ff_statuses },
	};
	if (type == EV_PWR) {
		print_int_at(ctx, addr, 'd');
		return;
	}
	for (unsigned i = 0; i < sizeof bit_tables / sizeof *bit_tables; i++)
		if (bit_tables[i].type == type) {
			print_bitset(ctx, addr, bit_tables[i].t,
				     bit_tables[i].max);
			return;
		}
	tb_ptr(ctx->tb, addr);
}

/* What a read request's argument points to, at exit. */
static void print_read_arg(const struct decode_context *ctx, uint32_t req,
			   uintptr_t addr)
{
	struct text_buffer *tb = ctx->tb;
	unsigned nr = NR(req);
	switch (req) {
	case EVIOCGVERSION:
		print_int_at(ctx, addr, 'x');
		return;
	case EVIOCGEFFECTS:
		print_int_at(ctx, addr, 'u');
		return;
	case EVIOCGID:
		print_input_id(ctx, addr);
		return;
	case EVIOCGREP:
		print_pair(ctx, addr, 0);
		return;
	case EVIOCGKEYCODE:
		print_pair(ctx, addr, 1);
		return;
	case EVIOCGKEYCODE_V2:
		print_keymap_entry(ctx, addr);
		return;
	}
	switch (nr) {
	case 0x0a:
		print_mtslots(ctx, req, addr);
		return;
	case 0x06: /* NAME */
	case 0x07: /* PHYS */
	case 0x08: /* UNIQ */
		if (is_error_result(ctx->result))
			tb_ptr(tb, addr);
		else
			print_buffer(ctx, addr, (unsigned long)ctx->result, 0);
		return;
	case 0x09:
		print_bitset(ctx, addr, &props, INPUT_PROP_MAX);
		return;
	case 0x1a:
		print_bitset(ctx, addr, &snds, SND_MAX);
		return;
	case 0x1b:
		print_bitset(ctx, addr, &sws, SW_MAX);
		return;
	case 0x18:
		print_bitset(ctx, addr, &keycodes, KEY_MAX);
		return;
	case 0x19:
		print_bitset(ctx, addr, &leds, LED_MAX);
		return;
	}
	if (nr >= 0x40 && nr < 0x80)
		print_absinfo(ctx, req, addr);
	else if (nr >= 0x20 && nr < 0x40)
		print_bits(ctx, nr & EV_MAX, addr);
	else
		tb_ptr(tb, addr);
}

/* What a write request's argument is, at entry. */
static void print_write_arg(const struct decode_context *ctx, uint32_t req,
			    uintptr_t arg)
{
	struct text_buffer *tb = ctx->tb;
	switch (req) {
	case EVIOCSREP:
		print_pair(ctx, arg, 0);
		return;
	case EVIOCSKEYCODE:
		print_pair(ctx, arg, 1);
		return;
	case EVIOCSKEYCODE_V2:
		print_keymap_entry(ctx, arg);
		return;
	case EVIOCRMFF:
		tb_dec(tb, (int)arg);
		return;
	case EVIOCGRAB:
	case EVIOCREVOKE:
		tb_udec(tb, arg);
		return;
	case EVIOCSCLOCKID:
		print_int_at(ctx, arg, 'u');
		return;
	case EVIOCSFF:
		print_ff_effect(ctx, arg);
		return;
	}
	if (NR(req) >= 0xc0)
		print_absinfo(ctx, req, arg);
	else
		tb_ptr(tb, arg);
}

int decode_evdev_ioctl(const struct decode_context *ctx)
{
	uint32_t req = (uint32_t)ctx->args[1];
	uintptr_t arg = (uintptr_t)ctx->args[2];
	struct text_buffer *tb = ctx->tb;
	if (((req >> 8) & 0xff) != 'E' ||
	    (DIR(req) != _IOC_READ && DIR(req) != _IOC_WRITE))
		return 0;
	if (!is_named(req))
		return 0;
	if (!ctx->exiting) {
		print_fd(ctx, ctx->args[0]);
		tb_str(tb, ", ");
		print_request(tb, req);
		tb_str(tb, ", ");
		if (DIR(req) == _IOC_WRITE)
			print_write_arg(ctx, req, arg);
		return 1;
	}
	/* As strace's umove_or_printaddr at exit: the address when the call
	 * failed. */
	if (DIR(req) == _IOC_READ && is_error_result(ctx->result))
		tb_ptr(tb, arg);
	else if (DIR(req) == _IOC_READ)
		print_read_arg(ctx, req, arg);
	return 1;
}
