/* What strace's -yy shows of a socket beyond its protocol (its
 * socketutils.c): a TCP or UDP socket's local address and port, and its
 * peer's when it has one, read in the trap path with raw system calls. */
#ifndef SYSTRAP_HANDLERS_SOCKET_DETAILS_H
#define SYSTRAP_HANDLERS_SOCKET_DETAILS_H

#include <stddef.h>

/* The endpoints of the socket of protocol proto ("TCP", "UDP", "TCPv6",
 * "UDPv6": the kernel's name, getxattr's system.sockprotoname) and inode
 * in process pid's network namespace (0: ours), as strace prints them
 * inside "TCP:[...]": "127.0.0.1:80" (bound, no peer),
 * "127.0.0.1:5000->127.0.0.1:80", "[::1]:80->[::1]:5000". Writes them and
 * a NUL into out (cap bytes) and returns their length; 0 where the kernel
 * lists no such socket (neither bound nor connected), the protocol is
 * another, or the table cannot be read. Opens the table's file (and, for
 * a bound TCP socket of ours in no table, a sock_diag socket) for the
 * moment of the read (a descriptor of the process's). */
size_t socket_inet_details(long pid, const char *proto, unsigned long inode,
			   char *out, size_t cap);

/* A netlink socket's protocol (NETLINK_ROUTE ...) and port id, where it
 * is bound (the kernel lists no other), in process pid's network
 * namespace (0: ours): 1, or 0. Opens /proc/PID/net/netlink for the moment
 * of the read. */
int socket_netlink_details(long pid, unsigned long inode, unsigned *protocol,
			   unsigned *portid);

/* A unix socket's peer (its inode, 0: none) and the name it or, for an
 * accepted one, its listener was bound to (path_len bytes; an abstract
 * name begins with a NUL), as the kernel's sock_diag tells them. */
struct unix_details {
	unsigned peer;
	size_t path_len;
	char path[108];
};

/* The unix socket inode of our network namespace, asked of the kernel as
 * strace asks it (NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY, the inode, its
 * name and peer): 1 and *d filled, or 0 where the kernel tells nothing.
 * Opens a netlink socket for the moment of the query (a descriptor of the
 * process's). */
int socket_unix_details(unsigned long inode, struct unix_details *d);

/* strace's cache of what it found of sockets (socketutils.c's
 * cache_inode_details): the text after "<" of the last socket found at
 * each of 1024 slots (inode modulo 1024), "TCP:[127.0.0.1:80]", printed
 * again for that inode without a new look, even once the socket has been
 * connected since, as strace prints it. Ours is per process (strace's is
 * per strace). Lock-free: a slot being written is a miss. */
#define SOCKET_DETAILS_TEXT 192
/* The text kept for inode into out (cap bytes, no NUL): its length, 0 if
 * none. */
size_t socket_details_cached(unsigned long inode, char *out, size_t cap);
/* Keeps n bytes of text (at most SOCKET_DETAILS_TEXT) for inode. */
void socket_details_remember(unsigned long inode, const char *text, size_t n);

/* IPv6 address a (16 bytes, network order) as glibc's inet_ntop writes it
 * ("::1", "fe80::1", "::ffff:127.0.0.1") into out (46 bytes at least);
 * its length. */
size_t socket_format_ipv6(const unsigned char a[16], char *out);

#endif
