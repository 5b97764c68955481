/* Finding a genuine syscall instruction in the tracee's vDSO (inject.h).
 *
 * Why the vDSO: it is mapped in every process before its first
 * instruction, it holds real `syscall` fallbacks (clock_gettime,
 * getrandom...), and using one leaves the program's own pages untouched
 * (writing `0f 05` over its code would leave a copied-on-write page behind
 * for anyone to see). Why decode: a `0f 05` byte pair may be the middle of
 * another instruction; decoding from a function's first byte (a symbol of
 * .dynsym), instruction after instruction, only ever stands on
 * instruction boundaries. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/uio.h>
#include <unistd.h>

#include "systrap/arch/remote_regs.h"
#include "systrap/core/decoder.h"
#include "systrap/core/site_cache.h"
#include "systrap/inject/error.h"
#include "systrap/inject/inject.h"
#include "systrap/inject/proc_pid.h"

#define VDSO_MAX (1u << 20)

/* AT_SYSINFO_EHDR from /proc/PID/auxv (read whole, not a pair a read),
 * or 0. */
static uint64_t vdso_address(pid_t pid, int *open_errno)
{
	char path[64];
	inject_proc_path(path, sizeof path, pid, "auxv");
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	*open_errno = fd < 0 ? errno : 0;
	if (fd < 0)
		return 0;
	uint64_t auxv[2 * 128];
	ssize_t n, got = 0;
	while (got < (ssize_t)sizeof auxv &&
	       (n = read(fd, (char *)auxv + got, sizeof auxv - (size_t)got)) > 0)
		got += n;
	close(fd);
	uint64_t found = 0;
	for (size_t i = 0; i + 1 < (size_t)got / sizeof *auxv &&
			   auxv[i] != AT_NULL; i += 2)
		if (auxv[i] == AT_SYSINFO_EHDR)
			found = auxv[i + 1];
	return found;
}

/* The last vDSO decoded, and the offset of the syscall instruction found
 * in it. Every process on one kernel has the same vDSO bytes (at its own
 * address): a process whose vDSO is byte for byte the one decoded last
 * gets the same offset without decoding it again (0.25-0.4 ms a start).
 * The launcher's injecting thread alone calls this. */
static uint8_t *last_vdso;
static uint64_t last_vdso_size, last_vdso_offset;

/* The first syscall instruction decoding finds in the functions of the
 * vDSO image img[0..size), loaded at base; 0 if none. */
static uint64_t find_in_image(const uint8_t *img, size_t size, uint64_t base,
			      const char **why)
{
	const Elf64_Ehdr *eh = (const void *)img;
	if (eh->e_shoff == 0 || eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > size) {
		*why = "its section headers are missing";
		return 0;
	}
	/* File offset of link-time address v: the vDSO is one PT_LOAD. */
	int64_t vaddr_to_off = 0;
	const Elf64_Phdr *ph = (const void *)(img + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD) {
			vaddr_to_off = (int64_t)ph[i].p_offset -
				       (int64_t)ph[i].p_vaddr;
			break;
		}
	const Elf64_Shdr *sh = (const void *)(img + eh->e_shoff);
	for (int i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type != SHT_DYNSYM || sh[i].sh_entsize == 0 ||
		    sh[i].sh_offset + sh[i].sh_size > size)
			continue;
		const Elf64_Sym *sym = (const void *)(img + sh[i].sh_offset);
		size_t nsym = sh[i].sh_size / sh[i].sh_entsize;
		for (size_t s = 0; s < nsym; s++) {
			if (ELF64_ST_TYPE(sym[s].st_info) != STT_FUNC ||
			    sym[s].st_shndx == SHN_UNDEF || sym[s].st_size == 0)
				continue;
			int64_t off = (int64_t)sym[s].st_value + vaddr_to_off;
			if (off < 0 || (uint64_t)off + sym[s].st_size > size)
				continue;
			uint64_t pos = (uint64_t)off;
			uint64_t end = pos + sym[s].st_size;
			while (pos < end) {
				struct decoded_insn d;
				if (!decode_insn(img + pos, end - pos, base + pos,
						 &d) || d.length == 0)
					break;
				if (d.is_syscall &&
				    d.length == REMOTE_SYSCALL_INSN_SIZE)
					return base + pos;
				pos += d.length;
			}
		}
	}
	*why = "no function of its .dynsym holds a syscall instruction";
	return 0;
}

/* The launcher's own site cache entry for a vDSO: the one syscall
 * instruction it found there by decoding. */
#define OWN_ENTRY "[vdso-syscall]"

/* The first syscall instruction of the vDSO image img (of size bytes,
 * its mapping's whole pages: vdso_size) that the site cache names
 * (site_cache.h): the one a launcher found in a vDSO of these very bytes
 * before (OWN_ENTRY), else one of those an image's instrumenting of it
 * found. Each was found by decoding from a function's start, as
 * find_in_image finds one, and is taken only if it has no prefix and
 * holds a syscall's bytes here. The key is the one the instrumenter
 * uses, the mapping's bytes: the kernel maps the vDSO image in whole
 * pages. 0 when there is no cache, or no such site in it. A launcher per
 * traced program (most runs) then opens no decoder at all (Capstone's
 * tables built, 0.25-0.4 ms a start). */
static uint64_t find_in_cache(const uint8_t *img, size_t size)
{
	struct site_cache_key key;
	struct cached_site sites[64];
	struct cached_totals totals;
	if (site_cache_key_of_bytes(img, size, &key))
		return 0;
	long n = site_cache_load(&key, OWN_ENTRY, sites, 64, &totals);
	if (n < 0)
		n = site_cache_load(&key, "[vdso]", sites, 64, &totals);
	for (long i = 0; i < n; i++) {
		uint64_t at = sites[i].site;
		if (!sites[i].prefix_len &&
		    at + REMOTE_SYSCALL_INSN_SIZE <= size) {
			unsigned char want[8];
			size_t k = remote_syscall_stub(want);
			if (k >= REMOTE_SYSCALL_INSN_SIZE &&
			    !memcmp(img + at, want, REMOTE_SYSCALL_INSN_SIZE))
				return at;
		}
	}
	return 0;
}

static int vdso_header_ok(const Elf64_Ehdr *eh)
{
	return memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 &&
	       eh->e_ident[EI_CLASS] == ELFCLASS64 &&
	       eh->e_phentsize == sizeof(Elf64_Phdr);
}

/* The vDSO image's size: its section headers come last; rounded up to
 * whole pages, as the kernel maps it (and as find_in_cache keys it). */
static uint64_t vdso_size(const Elf64_Ehdr *eh)
{
	uint64_t size = eh->e_shoff + (uint64_t)eh->e_shnum * eh->e_shentsize;
	if (size < eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr))
		size = eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
	uint64_t ps = (uint64_t)sysconf(_SC_PAGESIZE);
	return (size + ps - 1) / ps * ps;
}

/* The syscall instruction of the vDSO image img (size bytes, loaded at
 * base): from the site cache, else decoded. 0 if none (*why says why). */
static uint64_t find_syscall_insn(const uint8_t *img, size_t size,
				  uint64_t base, const char **why)
{
	uint64_t at = find_in_cache(img, size);
	if (at)
		return base + at;
	if (decoder_open() != 0) {
		*why = "the decoder cannot be opened";
		return 0;
	}
	uint64_t insn = find_in_image(img, size, base, why);
	/* Kept for the next launcher (an image instruments the vDSO only
	 * when a process calls from it, which few do). */
	struct site_cache_key key;
	if (insn && insn - base <= UINT32_MAX &&
	    !site_cache_key_of_bytes(img, size, &key)) {
		struct cached_site s = {.site = (uint32_t)(insn - base)};
		struct cached_totals totals = {1, 0};
		site_cache_store(&key, OWN_ENTRY, &s, 1, &totals);
	}
	return insn;
}

void inject_prime_vdso(void)
{
	uint64_t vdso = getauxval(AT_SYSINFO_EHDR);
	if (last_vdso || !vdso || !vdso_header_ok((const Elf64_Ehdr *)vdso))
		return;
	uint64_t size = vdso_size((const Elf64_Ehdr *)vdso);
	uint8_t *img = size <= VDSO_MAX ? malloc(size) : 0;
	/* Read as a tracee's is: a header claiming more than is mapped
	 * fails here instead of faulting. */
	struct iovec here = {img, size}, there = {(void *)vdso, size};
	if (!img || process_vm_readv(getpid(), &here, 1, &there, 1, 0) !=
			    (ssize_t)size) {
		free(img);
		return;
	}
	const char *why = "";
	uint64_t insn = find_syscall_insn(img, size, vdso, &why);
	if (!insn) {
		free(img);
		return;
	}
	last_vdso = img;
	last_vdso_size = size;
	last_vdso_offset = insn - vdso;
}

int inject_find_syscall(struct inject_target *t, struct inject_error *err)
{
	if (t->syscall_insn)
		return 0;
	int open_errno;
	uint64_t vdso = vdso_address(t->pid, &open_errno);
	/* The kernel's ptrace access check says no: the exec made the
	 * process not dumpable (a program we may run but not read, or one
	 * that gained privileges), and no write into it can be made. EPERM,
	 * as where ptrace is refused: a caller may fall back (the preload
	 * needs no access to the process). */
	if (!vdso && (open_errno == EACCES || open_errno == EPERM))
		return inject_fail(err, -EPERM,
				   "process %d's memory cannot be read or "
				   "written: its program is not readable by "
				   "us, or its exec made it not dumpable",
				   t->pid);
	if (!vdso)
		return inject_fail(err, -ENOENT,
				   "process %d has no vDSO (AT_SYSINFO_EHDR "
				   "absent, vdso=0?): the injector needs its "
				   "syscall instruction and will not write "
				   "one into the program's code", t->pid);
	/* The vDSO decoded last read whole at once (one process_vm_readv,
	 * not the header then the rest): the same bytes, the same offset. */
	if (last_vdso) {
		uint8_t *img = malloc(last_vdso_size);
		struct inject_error ignored;
		int same = img &&
			   !inject_read_memory(t, vdso, img, last_vdso_size,
					       &ignored) &&
			   !memcmp(last_vdso, img, last_vdso_size);
		free(img);
		if (same) {
			t->syscall_insn = vdso + last_vdso_offset;
			return 0;
		}
	}
	Elf64_Ehdr eh;
	int e = inject_read_memory(t, vdso, &eh, sizeof eh, err);
	if (e)
		return e;
	if (!vdso_header_ok(&eh))
		return inject_fail(err, -ENOEXEC, "the vDSO of process %d at "
				   "0x%llx is not a 64-bit ELF image", t->pid,
				   (unsigned long long)vdso);
	uint64_t size = vdso_size(&eh);
	if (size > VDSO_MAX)
		return inject_fail(err, -E2BIG, "the vDSO of process %d claims "
				   "%llu bytes", t->pid,
				   (unsigned long long)size);
	uint8_t *img = malloc(size);
	if (!img)
		return inject_fail(err, -ENOMEM, "out of memory");
	e = inject_read_memory(t, vdso, img, size, err);
	if (e) {
		free(img);
		return e;
	}
	if (last_vdso && last_vdso_size == size &&
	    !memcmp(last_vdso, img, size)) {
		free(img);
		t->syscall_insn = vdso + last_vdso_offset;
		return 0;
	}
	const char *why = "";
	uint64_t insn = find_syscall_insn(img, size, vdso, &why);
	if (!insn) {
		free(img);
		return inject_fail(err, -ENOENT, "no syscall instruction found "
				   "in the vDSO of process %d: %s", t->pid,
				   why);
	}
	free(last_vdso);
	last_vdso = img;
	last_vdso_size = size;
	last_vdso_offset = insn - vdso;
	t->syscall_insn = insn;
	return 0;
}
