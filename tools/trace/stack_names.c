/* -k's C++ names, demangled by the launcher (stack_names.h). */
#include "tools/trace/stack_names.h"

#include <stdlib.h>
#include <string.h>

/* GCC's demangler (libsupc++'s cp-demangle.o, the same code as libiberty's
 * cplus_demangle, which strace calls): a malloc'd name, or NULL. */
char *__cxa_demangle(const char *mangled, char *out, size_t *len, int *status);

/* In a stack line, where its symbol is: after the last '(' before its
 * "+0x", which is before its ") [0x" (the path may hold both; a mangled
 * name holds neither '(' nor '+'). */
static int find_symbol(const char *line, size_t n, size_t *at, size_t *len)
{
	if (n < 8 || memcmp(line, " > ", 3))
		return 0;
	size_t close = n - 5;
	while (close > 3 && memcmp(line + close, ") [0x", 5))
		close--;
	size_t plus = close;
	while (plus > 3 && line[plus] != '+')
		plus--;
	if (plus <= 3 || memcmp(line + plus, "+0x", 3))
		return 0;
	size_t open = plus;
	while (open > 3 && line[open] != '(')
		open--;
	if (line[open] != '(')
		return 0;
	*at = open + 1;
	*len = plus - open - 1;
	return *len > 2 && line[*at] == '_' && line[*at + 1] == 'Z';
}

void stack_names_put(const char *text, size_t len,
		     void (*put)(void *cookie, const char *text, size_t n),
		     void *cookie)
{
	size_t done = 0, i = 0;
	while (i < len) {
		const char *eol = memchr(text + i, '\n', len - i);
		size_t n = eol ? (size_t)(eol - (text + i)) : len - i;
		size_t at, sym_len;
		if (find_symbol(text + i, n, &at, &sym_len)) {
			char name[4096];
			if (sym_len < sizeof name) {
				memcpy(name, text + i + at, sym_len);
				name[sym_len] = 0;
				int status = -1;
				char *plain = __cxa_demangle(name, 0, 0, &status);
				if (plain && !status) {
					put(cookie, text + done, i + at - done);
					put(cookie, plain, strlen(plain));
					done = i + at + sym_len;
				}
				free(plain);
			}
		}
		i += n + (eol ? 1 : 0);
	}
	put(cookie, text + done, len - done);
}
