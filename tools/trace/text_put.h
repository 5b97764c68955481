/* Numbers and strings put into a line being built, without libc (the
 * trap path's lines and the -c table). */
#ifndef TOOLS_TRACE_TEXT_PUT_H
#define TOOLS_TRACE_TEXT_PUT_H

static inline char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static inline char *put_udec(char *p, unsigned long long v, int width, char pad)
{
	char tmp[24];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10));
	while (width-- > n)
		*p++ = pad;
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* How many decimal digits v has. */
static inline int udec_width(unsigned long long v)
{
	int n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

#endif
