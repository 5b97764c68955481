/* The page size: the unit of mmap, mprotect and of every code page the
 * instrumenter rewrites. Fixed at 4 KiB on x86-64 (an aarch64 port would
 * read it from AT_PAGESZ or pick its kernel's configured size). Also the
 * top of the user address space, which pages end at. */
#ifndef SYSTRAP_ARCH_PAGE_H
#define SYSTRAP_ARCH_PAGE_H

#define ARCH_PAGE_SHIFT 12
#define ARCH_PAGE (1UL << ARCH_PAGE_SHIFT)

/* x rounded down / up to a page boundary. */
#define ARCH_PAGE_DOWN(x) ((x) & ~(ARCH_PAGE - 1))
#define ARCH_PAGE_UP(x) (((x) + ARCH_PAGE - 1) & ~(ARCH_PAGE - 1))

/* The highest user address + 1 (x86-64's 4-level paging, less the guard
 * page the kernel keeps below it): the kernel's TASK_SIZE_MAX, past which
 * its access_ok refuses a pointer. */
#define ARCH_USER_TOP 0x00007ffffffff000UL

#endif
