/* The load stub's bytes (remote_stub.h). */
#include "systrap/arch/remote_stub.h"

extern const unsigned char systrap_remote_stub_start[]
	__attribute__((visibility("hidden")));
extern const unsigned char systrap_remote_stub_end[]
	__attribute__((visibility("hidden")));

const unsigned char *remote_stub_code(size_t *size)
{
	*size = (size_t)(systrap_remote_stub_end - systrap_remote_stub_start);
	return systrap_remote_stub_start;
}
