/* Netlink messages sent to and received from the kernel, as
 * netlink_decoders.c decodes them: trace_compare_test's netlink case
 * compares each line with strace 6.1's. Every message is built here, so
 * the traces do not depend on the machine (the kernel's answers are
 * acknowledgements of our own bad requests). */
#include <linux/netlink.h>
#include <linux/if.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/inet_diag.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <linux/packet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

enum { TCP_LISTEN_STATE = 10 };

struct msg {
	struct nlmsghdr h;
	unsigned char data[128];
};

/* Bound (the kernel picks the port id): strace finds a netlink socket's
 * family through sock_diag, which lists bound sockets only. */
static int nl_socket(int family)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW, family);
	if (family != NETLINK_ROUTE)
		bind(fd, (struct sockaddr *)&sa, sizeof sa);
	return fd;
}

static void send_msg(int fd, uint16_t type, uint16_t flags, const void *data,
		     unsigned len, unsigned send_len)
{
	struct msg m;
	memset(&m, 0, sizeof m);
	m.h.nlmsg_len = NLMSG_HDRLEN + len;
	m.h.nlmsg_type = type;
	m.h.nlmsg_flags = flags;
	m.h.nlmsg_seq = 42;
	memcpy(m.data, data, len);
	sendto(fd, &m, send_len ? send_len : m.h.nlmsg_len, MSG_DONTWAIT, 0, 0);
}

int main(void)
{
	int diag = nl_socket(NETLINK_SOCK_DIAG);
	int route = nl_socket(NETLINK_ROUTE);
	int audit = nl_socket(NETLINK_AUDIT);
	int xfrm = nl_socket(NETLINK_XFRM);
	int nf = nl_socket(NETLINK_NETFILTER);
	char buf[8192];

	/* Control messages, any family. */
	send_msg(diag, NLMSG_NOOP, NLM_F_REQUEST | NLM_F_DUMP, "abcd", 4, 0);
	send_msg(diag, NLMSG_NOOP, NLM_F_REQUEST, "", 0, 0);
	int done = -1234;
	send_msg(diag, NLMSG_DONE, NLM_F_MULTI, &done, 4, 0);
	/* Shorter than a header; a header shorter than its nlmsg_len. */
	sendto(diag, "\1\2\3", 3, MSG_DONTWAIT, 0, 0);
	send_msg(diag, NLMSG_NOOP, NLM_F_REQUEST, "abcdefgh", 8, 20);
	/* Two messages in one buffer. */
	struct msg two[2];
	memset(two, 0, sizeof two);
	for (int i = 0; i < 2; i++) {
		two[i].h.nlmsg_len = sizeof two[i];
		two[i].h.nlmsg_type = NLMSG_NOOP;
		two[i].h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ECHO;
		two[i].h.nlmsg_seq = i;
	}
	sendto(diag, two, sizeof two, MSG_DONTWAIT, 0, 0);

	/* An error: the code, the header it answers, and an attribute. */
	struct {
		int32_t error;
		struct nlmsghdr msg;
		struct nlattr nla;
		uint8_t cookie[4];
	} err = { -13, { 16, NLMSG_NOOP, NLM_F_REQUEST, 7, 0 },
		  { 8, 3 /* NLMSGERR_ATTR_COOKIE */ }, { 0xab, 0xcd, 1, 2 } };
	send_msg(diag, NLMSG_ERROR, NLM_F_REQUEST | NLM_F_CAPPED, &err,
		 sizeof err, 0);
	err.error = 0;
	send_msg(diag, NLMSG_ERROR, NLM_F_ACK_TLVS, &err, 20, 0);

	/* A sock_diag request: an AF_INET socket by its addresses. */
	struct inet_diag_req_v2 inet = {
		.sdiag_family = AF_INET, .sdiag_protocol = IPPROTO_TCP,
		.idiag_ext = 1 << (INET_DIAG_INFO - 1),
		.idiag_states = 1 << TCP_LISTEN_STATE,
		.id = { .idiag_sport = 0x5000, .idiag_src = { 0x0100007f },
			.idiag_if = 1, .idiag_cookie = { 1, 2 } },
	};
	send_msg(diag, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, &inet, sizeof inet,
		 0);

	/* A packet socket's sock_diag answer, as the kernel would write it:
	 * its info and its filter (a classic BPF program, shown under -v). */
	struct {
		struct packet_diag_msg msg;
		struct nlattr a1;
		struct packet_diag_info info;
		struct nlattr a2;
		struct sock_filter filter[3];
	} packet = {
		.msg = { .pdiag_family = AF_PACKET, .pdiag_type = SOCK_RAW,
			 .pdiag_num = 3 /* ETH_P_ALL, in host order here */,
			 .pdiag_ino = 77, .pdiag_cookie = { 5, 6 } },
		.a1 = { 4 + sizeof(struct packet_diag_info), PACKET_DIAG_INFO },
		.info = { .pdi_index = 1, .pdi_version = TPACKET_V2,
			  .pdi_flags = PDI_RUNNING | PDI_AUXDATA },
		.a2 = { 4 + 3 * sizeof(struct sock_filter), PACKET_DIAG_FILTER },
		.filter = {
			BPF_STMT(BPF_LD | BPF_B | BPF_ABS,
				 SKF_AD_OFF + SKF_AD_PKTTYPE),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PACKET_HOST, 0, 1),
			BPF_STMT(BPF_RET | BPF_K, 0xffff),
		},
	};
	send_msg(diag, SOCK_DIAG_BY_FAMILY, NLM_F_MULTI, &packet, sizeof packet,
		 0);

	/* The families' message types and flags. */
	send_msg(diag, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, "", 0,
		 0);
	/* The route socket is not bound: its first message's family is
	 * unknown (the type a number); sending bound it. */
	send_msg(route, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL,
		 "", 0, 0);
	send_msg(route, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL,
		 "", 0, 0);
	send_msg(route, RTM_DELROUTE, NLM_F_REQUEST | NLM_F_NONREC, "", 0, 0);
	send_msg(route, 0x7fff, NLM_F_REQUEST | 0x4000, "", 0, 0);
	send_msg(audit, 1000 /* AUDIT_GET */, NLM_F_REQUEST, "", 0, 0);
	send_msg(xfrm, 0x12 /* XFRM_MSG_GETSA */, NLM_F_REQUEST | NLM_F_DUMP,
		 "", 0, 0);
	send_msg(nf, 1 << 8 | 1 /* ctnetlink GET */, NLM_F_REQUEST | NLM_F_DUMP,
		 "", 0, 0);
	send_msg(nf, 0x10 /* NFNL_MSG_BATCH_BEGIN */, NLM_F_REQUEST, "", 0, 0);
	/* Payloads: netfilter's nfgenmsg and an attribute, selinux's. */
	static const unsigned char nfgen[] = { AF_INET, 0, 0, 7,
					       8, 0, 1, 0, 1, 2, 3, 4 };
	send_msg(nf, 1 << 8 | 1, NLM_F_REQUEST, nfgen, sizeof nfgen, 0);
	int selinux = nl_socket(NETLINK_SELINUX);
	int enforce = -2;
	send_msg(selinux, 0x10 /* SELNL_MSG_SETENFORCE */, NLM_F_REQUEST,
		 &enforce, sizeof enforce, 0);

	/* Route headers and their attributes: an address of lo, a
	 * traffic-control message with its statistics. */
	struct {
		struct ifaddrmsg ifa;
		struct nlattr a1;
		uint8_t addr[4];
		struct nlattr a2;
		char label[4];
	} addr = { { AF_INET, 8, IFA_F_PERMANENT, RT_SCOPE_HOST, 1 },
		   { 8, IFA_ADDRESS }, { 127, 0, 0, 1 },
		   { 7, IFA_LABEL }, "lo" };
	send_msg(route, RTM_GETADDR, NLM_F_REQUEST, &addr, sizeof addr, 0);
	struct {
		struct ifinfomsg ifi;
		struct nlattr a1;
		char name[4];
		struct nlattr a2;
		uint32_t mtu;
	} link = { { AF_INET6, 0, 772 /* ARPHRD_LOOPBACK */, 1, IFF_UP, 0 },
		   { 7, IFLA_IFNAME }, "lo", { 8, IFLA_MTU }, 65536 };
	send_msg(route, RTM_GETLINK, NLM_F_REQUEST, &link, sizeof link, 0);
	struct {
		struct tcmsg tc;
		struct nlattr a1;
		struct tc_estimator est;
		uint8_t pad[2];
		struct nlattr a2;
		char kind[8];
	} tc = { { AF_UNSPEC, 0, 0, 1, 2, 3, 4 }, { 6, TCA_RATE }, { -3, 7 },
		 { 0 }, { 12, TCA_KIND }, "pfifo" };
	send_msg(route, RTM_NEWQDISC, NLM_F_REQUEST | NLM_F_CREATE, &tc,
		 sizeof tc, 0);

	/* sendmsg to the kernel's netlink address: its iovec's data are
	 * messages. */
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct nlmsghdr noop = { 16, NLMSG_NOOP, NLM_F_REQUEST, 9, 0 };
	struct iovec iov = { &noop, sizeof noop };
	struct msghdr mh = { .msg_name = &kernel, .msg_namelen = sizeof kernel,
			     .msg_iov = &iov, .msg_iovlen = 1 };
	sendmsg(route, &mh, MSG_DONTWAIT);

	/* The kernel's acknowledgement of a bad request, received. */
	send_msg(route, 0x7fff, NLM_F_REQUEST | NLM_F_ACK, "", 0, 0);
	recvfrom(route, buf, sizeof buf, MSG_DONTWAIT, 0, 0);
	/* A socket that is not netlink: its data stays a string. */
	int pair[2];
	socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
	send_msg(pair[0], NLMSG_NOOP, 0, "", 0, 0);
	recvfrom(pair[1], buf, sizeof buf, MSG_DONTWAIT, 0, 0);
	return 0;
}
