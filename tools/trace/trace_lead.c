#include "tools/trace/trace_lead.h"

const struct trace_lead *trace_lead_override;

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
			unsigned long nr = (unsigned long)(lead->nr_plus1 - 1);
			char d[24];
			int n = 0;
			do {
				d[n++] = (char)('0' + nr % 10);
				nr /= 10;
			} while (nr);
			for (int i = n; i < 4; i++)
				*p++ = ' ';
			while (n)
				*p++ = d[--n];
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
