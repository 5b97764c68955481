/* A minimal vsnprintf for Capstone's CS_OPT_MEM hook: Capstone formats every
 * decoded instruction's text, and libc's vsnprintf is not async-signal-safe.
 * Supports the conversions Capstone's x86 printer uses: %s %c %d %i %u %x %X
 * %p %%, the flags '-' and '0', a width, and the length modifiers hh h l ll z. */
#ifndef SYSTRAP_CORE_TINY_PRINTF_H
#define SYSTRAP_CORE_TINY_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

int tiny_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);

#endif
