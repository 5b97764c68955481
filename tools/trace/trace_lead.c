#include "tools/trace/trace_lead.h"

const struct trace_lead *trace_lead_override;

/* v in decimal, right-aligned in at least width columns padded with pad. */
static char *put_number(char *p, unsigned long long v, int width, char pad)
{
	char d[24];
	int n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (int i = n; i < width; i++)
		*p++ = pad;
	while (n)
		*p++ = d[--n];
	return p;
}

/* "." and the first `digits` decimal digits of a second's nsec. */
static char *put_fraction(char *p, long nsec, int digits)
{
	if (!digits)
		return p;
	long scale = 1;
	for (int i = digits; i < 9; i++)
		scale *= 10;
	*p++ = '.';
	return put_number(p, (unsigned long long)(nsec / scale), digits, '0');
}

size_t trace_time_width(const struct trace_options *o)
{
	if (!o->timestamps)
		return 0;
	size_t w = o->timestamps == TRACE_TS_UNIX ? 10 : 8;
	return w + (o->timestamp_digits ? 1 + (size_t)o->timestamp_digits : 0) + 1;
}

char *trace_time_put(char *p, const struct trace_options *o,
		     const struct timespec *t)
{
	if (!o->timestamps)
		return p;
	if (o->timestamps == TRACE_TS_UNIX) {
		p = put_number(p, (unsigned long long)t->tv_sec, 0, ' ');
	} else {
		unsigned long long day = (unsigned long long)t->tv_sec % 86400;
		p = put_number(p, day / 3600, 2, '0');
		*p++ = ':';
		p = put_number(p, day / 60 % 60, 2, '0');
		*p++ = ':';
		p = put_number(p, day % 60, 2, '0');
	}
	p = put_fraction(p, t->tv_nsec, o->timestamp_digits);
	*p++ = ' ';
	return p;
}

size_t trace_relative_width(const struct trace_options *o)
{
	if (!o->relative_timestamps)
		return 0;
	size_t w = 6 + (o->relative_digits ? 1 + (size_t)o->relative_digits : 0);
	return w + (o->timestamps ? 4 : 1);
}

char *trace_relative_put(char *p, const struct trace_options *o, long long ns)
{
	if (!o->relative_timestamps)
		return p;
	if (o->timestamps) {
		*p++ = '(';
		*p++ = '+';
	}
	p = put_number(p, (unsigned long long)(ns / 1000000000LL), 6, ' ');
	p = put_fraction(p, (long)(ns % 1000000000LL), o->relative_digits);
	if (o->timestamps)
		*p++ = ')';
	*p++ = ' ';
	return p;
}

char *trace_duration_put(char *p, const struct trace_options *o,
			 unsigned long long ns)
{
	*p++ = ' ';
	*p++ = '<';
	p = put_number(p, ns / 1000000000ULL, 0, ' ');
	p = put_fraction(p, (long)(ns % 1000000000ULL), o->syscall_time_digits);
	*p++ = '>';
	return p;
}

size_t trace_lead_width(const struct trace_options *o)
{
	/* "[%4lu] " and "[%016lx] ": x86-64's numbers are below 10000. */
	return (o->syscall_number ? 7 : 0) + (o->instruction_pointer ? 19 : 0);
}

char *trace_lead_put(char *p, const struct trace_options *o,
		     const struct trace_lead *lead)
{
	if (trace_lead_override)
		lead = trace_lead_override;
	if (o->syscall_number) {
		*p++ = '[';
		if (lead && lead->nr_plus1 > 0) {
			/* strace's "%4lu". */
			p = put_number(p, (unsigned long long)(lead->nr_plus1 - 1), 4, ' ');
		} else {
			/* strace's tprint_unavailable(). */
			*p++ = '?';
			*p++ = '?';
			*p++ = '?';
		}
		*p++ = ']';
		*p++ = ' ';
	}
	if (o->instruction_pointer) {
		*p++ = '[';
		uintptr_t ip = lead ? lead->ip : 0;
		for (int shift = 60; shift >= 0; shift -= 4)
			*p++ = ip ? "0123456789abcdef"[(ip >> shift) & 15] : '?';
		*p++ = ']';
		*p++ = ' ';
	}
	return p;
}
