/* -k's C++ names as strace prints them (demangled, as libiberty's
 * cplus_demangle with DMGL_PARAMS gives them): the launcher's part, where
 * libc and an allocator are at hand. The traced images write each frame's
 * symbol as the object's symbol table has it (tools/trace/trace_stack.h);
 * the launcher demangles the Itanium ABI names (_Z...) of the stack lines
 * it writes out. */
#ifndef TOOLS_TRACE_STACK_NAMES_H
#define TOOLS_TRACE_STACK_NAMES_H

#include <stddef.h>

/* text (len bytes, whole lines) given to put with the symbol of each stack
 * line (" > PATH(SYMBOL+0xOFF) [0xOFF]") demangled where it is a C++
 * name; other lines and other names as they are. */
void stack_names_put(const char *text, size_t len,
		     void (*put)(void *cookie, const char *text, size_t n),
		     void *cookie);

#endif
