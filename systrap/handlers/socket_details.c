/* A socket's details for -yy. TCP and UDP endpoints from the kernel's
 * tables in /proc/PID/net/{tcp,udp,tcp6,udp6}: the sockets strace's
 * sock_diag dump lists, by inode (a dump of every socket needs a buffer
 * of pages; the tables are read a chunk at a time), and a bound TCP socket
 * not yet listening, which no table lists, from sock_diag's dump of such
 * sockets (Linux 6.7), as strace finds it. A netlink socket's protocol
 * and port id from /proc/PID/net/netlink, by inode. A unix socket's peer and
 * name by the sock_diag query strace makes, one inode. Trap path: raw
 * system calls, no libc, a few hundred bytes of stack. */
#include "systrap/handlers/socket_details.h"

#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "systrap/arch/raw_syscalls.h"
#include "systrap/handlers/text_buffer.h"

/* The longest line of a tcp6 table is ~170 bytes. */
#define LINE_BYTES 320

struct endpoint {
	unsigned char addr[16];
	unsigned port;
};

struct table_scan {
	/* Looks at one line of the table: sets found where it is the one. */
	void (*line)(struct table_scan *s, const char *line);
	int v6;
	unsigned long inode;
	struct endpoint local, remote;
	unsigned protocol, portid; /* a netlink socket's */
	int found;
};

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* "0100007F:88EF" (v4) or 32 hex digits and a port (v6): the address as
 * the kernel printed it, each 32-bit word of it in memory order printed
 * as a number ("%08X"), so the bytes come low first within each word. */
static const char *parse_endpoint(const char *p, int v6, struct endpoint *e)
{
	int words = v6 ? 4 : 1;
	for (int w = 0; w < words; w++) {
		unsigned long v = 0;
		for (int i = 0; i < 8; i++) {
			int d = hex_digit(*p++);
			if (d < 0)
				return 0;
			v = v << 4 | (unsigned)d;
		}
		for (int b = 0; b < 4; b++)
			e->addr[w * 4 + b] = (unsigned char)(v >> (8 * b));
	}
	if (*p++ != ':')
		return 0;
	unsigned port = 0;
	int digits = 0;
	for (int d; (d = hex_digit(*p)) >= 0; p++, digits++)
		port = port << 4 | (unsigned)d;
	e->port = port;
	return digits ? p : 0;
}

static const char *skip_spaces(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

static const char *skip_field(const char *p)
{
	while (*p && *p != ' ')
		p++;
	return skip_spaces(p);
}

/* "  0: 0100007F:88EF 00000000:0000 0A 00000000:00000000 00:00000000
 * 00000000     0        0 248182 ...": the slot, the local and remote
 * endpoints, then the state, the queues, the timer, retransmits, uid and
 * timeout before the inode. */
static void scan_line(struct table_scan *s, const char *line)
{
	const char *p = skip_spaces(line);
	if (*p < '0' || *p > '9')
		return; /* the header */
	p = skip_field(p);
	struct endpoint local = {{0}, 0}, remote = {{0}, 0};
	p = parse_endpoint(p, s->v6, &local);
	if (!p || *p != ' ')
		return;
	p = parse_endpoint(skip_spaces(p), s->v6, &remote);
	if (!p)
		return;
	p = skip_spaces(p);
	for (int i = 0; i < 6 && *p; i++)
		p = skip_field(p);
	unsigned long inode = 0;
	int digits = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		inode = inode * 10 + (unsigned long)(*p - '0');
	if (!digits || inode != s->inode)
		return;
	s->local = local;
	s->remote = remote;
	s->found = 1;
}

static size_t put_str(char *out, size_t n, const char *s)
{
	while (*s)
		out[n++] = *s++;
	return n;
}

static size_t put_unsigned(char *out, size_t n, unsigned long v, int base)
{
	char digits[24];
	int k = 0;
	do {
		unsigned d = (unsigned)(v % (unsigned)base);
		digits[k++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= (unsigned)base;
	} while (v);
	while (k)
		out[n++] = digits[--k];
	return n;
}

static size_t format_ipv4(const unsigned char *a, char *out)
{
	size_t n = 0;
	for (int i = 0; i < 4; i++) {
		if (i)
			out[n++] = '.';
		n = put_unsigned(out, n, a[i], 10);
	}
	out[n] = 0;
	return n;
}

/* glibc's inet_ntop6: the longest run of two or more zero groups (the
 * first of equal ones) is "::"; an IPv4-compatible or -mapped address ends
 * in dotted decimal. */
size_t socket_format_ipv6(const unsigned char a[16], char *out)
{
	unsigned words[8];
	for (int i = 0; i < 8; i++)
		words[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	int best = -1, best_len = 0, cur = -1, cur_len = 0;
	for (int i = 0; i <= 8; i++) {
		if (i < 8 && !words[i]) {
			if (cur < 0)
				cur = i, cur_len = 0;
			cur_len++;
			continue;
		}
		if (cur >= 0 && (best < 0 || cur_len > best_len))
			best = cur, best_len = cur_len;
		cur = -1;
	}
	if (best_len < 2)
		best = -1;
	size_t n = 0;
	for (int i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + best_len) {
			if (i == best)
				out[n++] = ':';
			continue;
		}
		if (i)
			out[n++] = ':';
		if (i == 6 && best == 0 &&
		    (best_len == 6 || (best_len == 5 && words[5] == 0xffff))) {
			n += format_ipv4(a + 12, out + n);
			return n;
		}
		n = put_unsigned(out, n, words[i], 16);
	}
	if (best >= 0 && best + best_len == 8)
		out[n++] = ':';
	out[n] = 0;
	return n;
}

static size_t put_endpoint(char *out, size_t n, const struct endpoint *e,
			   int v6)
{
	char text[48];
	if (v6) {
		socket_format_ipv6(e->addr, text);
		out[n++] = '[';
		n = put_str(out, n, text);
		out[n++] = ']';
	} else {
		format_ipv4(e->addr, text);
		n = put_str(out, n, text);
	}
	out[n++] = ':';
	return put_unsigned(out, n, e->port, 10);
}

static int is_zero(const struct endpoint *e)
{
	for (int i = 0; i < 16; i++)
		if (e->addr[i])
			return 0;
	return !e->port;
}

/* Reads the table through fd a chunk at a time, line by line. */
static void scan_table(int fd, struct table_scan *s)
{
	char chunk[512], line[LINE_BYTES];
	size_t used = 0;
	int overlong = 0;
	for (;;) {
		long got = raw_read(fd, chunk, sizeof chunk);
		if (got <= 0)
			break;
		for (long i = 0; i < got; i++) {
			if (chunk[i] != '\n') {
				if (used + 1 < sizeof line)
					line[used++] = chunk[i];
				else
					overlong = 1;
				continue;
			}
			line[used] = 0;
			if (!overlong)
				s->line(s, line);
			used = 0;
			overlong = 0;
			if (s->found)
				return;
		}
	}
}

/* /proc/PID/net/NAME (PID 0: ours) opened for reading: a descriptor or
 * -errno. */
static long open_table(long pid, const char *name)
{
	char path[64];
	size_t n = put_str(path, 0, "/proc/");
	n = pid > 0 ? put_unsigned(path, n, (unsigned long)pid, 10)
		    : put_str(path, n, "self");
	n = put_str(path, n, "/net/");
	n = put_str(path, n, name);
	path[n] = 0;
	return raw_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
}

/* The kernel's state of a TCP socket bound and neither listening nor
 * connected, which sock_diag lists (Linux 6.7) and /proc/net/tcp does not. */
#define TCP_BOUND_INACTIVE_ 13
#define DUMP_BYTES (16 * 1024)

/* A bound TCP socket that is in no table (bound, not listening): found as
 * strace finds it, in sock_diag's dump of such sockets, by inode. Not by
 * its own name: a socket whose connect failed keeps the port it was given
 * but is no longer bound, and strace, finding nothing, shows its inode.
 * The dump is read into pages of its own, for the moment of the read. */
static int bound_inactive(int v6, unsigned long inode, struct endpoint *e)
{
	long m = raw_mmap(0, DUMP_BYTES, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw_is_error(m))
		return 0;
	unsigned char *buf = (unsigned char *)m;
	long nl = raw_syscall3(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
			       NETLINK_SOCK_DIAG);
	struct {
		struct nlmsghdr head;
		struct inet_diag_req_v2 req;
	} r = {
		.head = {.nlmsg_len = sizeof r,
			 .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP},
		.req = {.sdiag_family = v6 ? AF_INET6 : AF_INET,
			.sdiag_protocol = IPPROTO_TCP,
			.idiag_states = 1u << TCP_BOUND_INACTIVE_},
	};
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	int found = 0, done = nl < 0;
	if (!done && raw_syscall6(SYS_sendto, nl, (long)&r, sizeof r, 0,
				  (long)&kernel, sizeof kernel) != (long)sizeof r)
		done = 1;
	while (!done) {
		long got = raw_syscall6(SYS_recvfrom, nl, m, DUMP_BYTES, 0, 0, 0);
		if (got <= 0)
			break;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf;
		     NLMSG_OK(h, (unsigned long)got); h = NLMSG_NEXT(h, got)) {
			if (h->nlmsg_type == NLMSG_DONE ||
			    h->nlmsg_type == NLMSG_ERROR) {
				done = 1;
				break;
			}
			const struct inet_diag_msg *d = NLMSG_DATA(h);
			if (h->nlmsg_len < NLMSG_LENGTH(sizeof *d) ||
			    d->idiag_inode != inode)
				continue;
			const unsigned char *a =
				(const unsigned char *)d->id.idiag_src;
			for (int i = 0; i < (v6 ? 16 : 4); i++)
				e->addr[i] = a[i];
			const unsigned char *p =
				(const unsigned char *)&d->id.idiag_sport;
			e->port = (unsigned)p[0] << 8 | p[1];
			found = done = 1; /* the rest of the dump: left unread */
			break;
		}
	}
	if (nl >= 0)
		raw_close((int)nl);
	raw_munmap(buf, DUMP_BYTES);
	return found;
}

size_t socket_inet_details(long pid, const char *proto, unsigned long inode,
			   char *out, size_t cap)
{
	static const struct {
		const char *proto, *table;
		int v6;
	} tables[] = {
		{"TCP", "tcp", 0},
		{"UDP", "udp", 0},
		{"TCPv6", "tcp6", 1},
		{"UDPv6", "udp6", 1},
	};
	/* "[addr]:port->[addr]:port" of two v6 endpoints at most. */
	if (cap < 2 * (2 + 45 + 6) + 3)
		return 0;
	int t = -1;
	for (int i = 0; i < (int)(sizeof tables / sizeof *tables); i++)
		if (text_streq(proto, tables[i].proto))
			t = i;
	if (t < 0)
		return 0;
	long table = open_table(pid, tables[t].table);
	if (table < 0)
		return 0;
	struct table_scan s = {.line = scan_line, .v6 = tables[t].v6,
			       .inode = inode};
	scan_table((int)table, &s);
	raw_close((int)table);
	if (!s.found && !(pid <= 0 && tables[t].table[0] == 't' &&
			  bound_inactive(s.v6, inode, &s.local)))
		return 0;
	size_t n = put_endpoint(out, 0, &s.local, s.v6);
	if (!is_zero(&s.remote)) {
		n = put_str(out, n, "->");
		n = put_endpoint(out, n, &s.remote, s.v6);
	}
	out[n] = 0;
	return n;
}

/* "0000000000000000 0   13000      00000000 0        0        0     2
 * 0        662683": the socket (an address, hidden or not), its protocol
 * and port id in decimal, then groups, memory, dumps, locks and drops
 * before the inode. */
static void scan_netlink_line(struct table_scan *s, const char *line)
{
	const char *p = skip_spaces(line);
	if (hex_digit(*p) < 0)
		return; /* the header ("sk ...") */
	p = skip_field(p);
	unsigned long v[9];
	for (int i = 0; i < 9; i++) {
		if (*p < '0' || *p > '9')
			return;
		v[i] = 0;
		for (; *p && *p != ' '; p++) {
			/* Groups are hex: only the decimal ones are kept. */
			int d = hex_digit(*p);
			if (d < 0)
				return;
			v[i] = v[i] * (i == 2 ? 16 : 10) + (unsigned long)d;
		}
		p = skip_spaces(p);
	}
	if (v[8] != s->inode)
		return;
	s->protocol = (unsigned)v[0];
	s->portid = (unsigned)v[1];
	s->found = 1;
}

int socket_netlink_details(long pid, unsigned long inode, unsigned *protocol,
			   unsigned *portid)
{
	long table = open_table(pid, "netlink");
	if (table < 0)
		return 0;
	struct table_scan s = {.line = scan_netlink_line, .inode = inode};
	scan_table((int)table, &s);
	raw_close((int)table);
	if (!s.found)
		return 0;
	*protocol = s.protocol;
	*portid = s.portid;
	return 1;
}

/* The request strace's unix_send_query makes: one inode, its name and
 * peer, any state. */
struct unix_request {
	struct nlmsghdr head;
	struct unix_diag_req req;
};

int socket_unix_details(unsigned long inode, struct unix_details *d)
{
	long nl = raw_syscall3(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
			       NETLINK_SOCK_DIAG);
	if (nl < 0)
		return 0;
	struct unix_request r = {
		.head = {.nlmsg_len = sizeof r,
			 .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST},
		.req = {.sdiag_family = AF_UNIX,
			.udiag_states = ~0u,
			.udiag_ino = (unsigned)inode,
			.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
			.udiag_cookie = {~0u, ~0u}},
	};
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	/* The answer: a header, the unix_diag_msg and two attributes. */
	union {
		struct nlmsghdr head;
		unsigned char bytes[512];
	} answer;
	long got = -1;
	if (raw_syscall6(SYS_sendto, nl, (long)&r, sizeof r, 0, (long)&kernel,
			 sizeof kernel) == (long)sizeof r)
		got = raw_syscall6(SYS_recvfrom, nl, (long)&answer,
				   sizeof answer, 0, 0, 0);
	raw_close((int)nl);
	size_t start = NLMSG_LENGTH(sizeof(struct unix_diag_msg));
	if (got < (long)start || answer.head.nlmsg_type != SOCK_DIAG_BY_FAMILY ||
	    answer.head.nlmsg_len > (unsigned long)got ||
	    answer.head.nlmsg_len < start)
		return 0;
	const struct unix_diag_msg *m = NLMSG_DATA(&answer.head);
	if (m->udiag_ino != (unsigned)inode)
		return 0;
	d->peer = 0;
	d->path_len = 0;
	for (size_t at = NLMSG_ALIGN(start); at + 4 <= answer.head.nlmsg_len;) {
		const struct nlattr *a = (const void *)(answer.bytes + at);
		if (a->nla_len < 4 || at + a->nla_len > answer.head.nlmsg_len)
			break;
		const unsigned char *v = answer.bytes + at + 4;
		size_t n = a->nla_len - 4u;
		if (a->nla_type == UNIX_DIAG_PEER && n >= sizeof d->peer) {
			unsigned char *to = (unsigned char *)&d->peer;
			for (size_t i = 0; i < sizeof d->peer; i++)
				to[i] = v[i];
		}
		if (a->nla_type == UNIX_DIAG_NAME) {
			d->path_len = n < sizeof d->path ? n : sizeof d->path;
			for (size_t i = 0; i < d->path_len; i++)
				d->path[i] = (char)v[i];
		}
		at += NLA_ALIGN(a->nla_len);
	}
	return 1;
}

/* Each slot's sequence is odd while a writer fills it. */
#define CACHE_SLOTS 1024
static struct {
	unsigned seq;
	unsigned len;
	unsigned long inode;
	char text[SOCKET_DETAILS_TEXT];
} socket_cache[CACHE_SLOTS];

size_t socket_details_cached(unsigned long inode, char *out, size_t cap)
{
	unsigned i = (unsigned)(inode % CACHE_SLOTS);
	unsigned seq = __atomic_load_n(&socket_cache[i].seq, __ATOMIC_ACQUIRE);
	if ((seq & 1) || !seq)
		return 0;
	unsigned long kept = __atomic_load_n(&socket_cache[i].inode, __ATOMIC_RELAXED);
	size_t n = __atomic_load_n(&socket_cache[i].len, __ATOMIC_RELAXED);
	if (kept != inode || n > cap || n > SOCKET_DETAILS_TEXT)
		return 0;
	for (size_t k = 0; k < n; k++)
		out[k] = __atomic_load_n(&socket_cache[i].text[k], __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return __atomic_load_n(&socket_cache[i].seq, __ATOMIC_RELAXED) == seq ? n : 0;
}

void socket_details_remember(unsigned long inode, const char *text, size_t n)
{
	if (n > SOCKET_DETAILS_TEXT)
		return;
	unsigned i = (unsigned)(inode % CACHE_SLOTS);
	unsigned seq = __atomic_load_n(&socket_cache[i].seq, __ATOMIC_RELAXED);
	if ((seq & 1) ||
	    !__atomic_compare_exchange_n(&socket_cache[i].seq, &seq, seq + 1, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return; /* another writer's: it keeps the slot */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&socket_cache[i].inode, inode, __ATOMIC_RELAXED);
	__atomic_store_n(&socket_cache[i].len, (unsigned)n, __ATOMIC_RELAXED);
	for (size_t k = 0; k < n; k++)
		__atomic_store_n(&socket_cache[i].text[k], text[k], __ATOMIC_RELAXED);
	__atomic_store_n(&socket_cache[i].seq, seq + 2, __ATOMIC_RELEASE);
}
