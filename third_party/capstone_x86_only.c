/* Capstone with x86 alone. Debian's libcapstone.a holds every architecture,
 * and its cs.o names each one's init and option functions, so a link pulls
 * in all of them: 77,000 relocations and 5 MB the dynamic loader had to
 * process at every start of a traced program. These definitions come
 * before the archive on the link line (alwayslink), so the other
 * architectures' members are never pulled; asking for one of them fails
 * as Capstone built without it would. */
#include <capstone/capstone.h>

#define NO_ARCH(name)                                                       \
	__attribute__((visibility("hidden"))) cs_err name##_global_init(     \
		void *ud)                                                    \
	{                                                                    \
		(void)ud;                                                    \
		return CS_ERR_ARCH;                                          \
	}                                                                    \
	__attribute__((visibility("hidden"))) cs_err name##_option(          \
		void *handle, cs_opt_type type, size_t value)                \
	{                                                                    \
		(void)handle;                                                \
		(void)type;                                                  \
		(void)value;                                                 \
		return CS_ERR_OPTION;                                        \
	}

NO_ARCH(ARM)
NO_ARCH(AArch64)
NO_ARCH(EVM)
NO_ARCH(M680X)
NO_ARCH(M68K)
NO_ARCH(Mips)
NO_ARCH(PPC)
NO_ARCH(Sparc)
NO_ARCH(SystemZ)
NO_ARCH(TMS320C64x)
NO_ARCH(XCore)
