/* The load stub's and the boot's bytes (remote_stub.h). */
#include "systrap/arch/remote_stub.h"

extern const unsigned char systrap_remote_stub_start[]
	__attribute__((visibility("hidden")));
extern const unsigned char systrap_remote_stub_end[]
	__attribute__((visibility("hidden")));
extern const unsigned char systrap_remote_boot_start[]
	__attribute__((visibility("hidden")));
extern const unsigned char systrap_remote_boot_end[]
	__attribute__((visibility("hidden")));

static const unsigned char *code(const unsigned char *start,
				 const unsigned char *end, size_t *size)
{
	*size = (size_t)(end - start);
	return start;
}

const unsigned char *remote_stub_code(size_t *size)
{
	return code(systrap_remote_stub_start, systrap_remote_stub_end, size);
}

const unsigned char *remote_boot_code(size_t *size)
{
	return code(systrap_remote_boot_start, systrap_remote_boot_end, size);
}
