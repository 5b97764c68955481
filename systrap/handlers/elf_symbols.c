/* ELF function symbols by file offset (elf_symbols.h). */
#include "systrap/handlers/elf_symbols.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "systrap/arch/page.h"
#include "systrap/arch/raw_syscalls.h"
#include "systrap/core/arena.h"

#define MAX_SEGMENTS 32
#define MAX_SECTIONS 65535
#define CHUNK_BYTES 4096

struct func_sym {
	uint64_t value;
	uint32_t order; /* its place in the file's symbol tables */
	uint32_t name;  /* in names */
};

struct load_segment {
	uint64_t offset, filesz, vaddr;
};

struct elf_symbols {
	size_t bytes; /* the one mapping holding this and what follows */
	uint64_t file_size;
	struct load_segment seg[MAX_SEGMENTS];
	int nseg;
	struct func_sym *syms;
	size_t nsyms;
	char *names;
};

static int read_at(int fd, void *buf, size_t n, uint64_t off)
{
	char *p = buf;
	while (n) {
		long r = raw_pread(fd, p, n, (off_t)off);
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return 0;
}

static int before(const struct func_sym *a, const struct func_sym *b)
{
	return a->value < b->value || (a->value == b->value && a->order < b->order);
}

static void swap(struct func_sym *a, struct func_sym *b)
{
	struct func_sym t = *a;
	*a = *b;
	*b = t;
}

static void sift_down(struct func_sym *v, size_t i, size_t n)
{
	for (;;) {
		size_t big = i, l = 2 * i + 1, r = l + 1;
		if (l < n && before(&v[big], &v[l]))
			big = l;
		if (r < n && before(&v[big], &v[r]))
			big = r;
		if (big == i)
			return;
		swap(&v[i], &v[big]);
		i = big;
	}
}

/* By address, then by place in the file: a heap sort (no libc qsort
 * here, and no recursion on a 16 KiB stack). */
static void sort_symbols(struct func_sym *v, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (size_t end = n; end > 1; end--) {
		swap(&v[0], &v[end - 1]);
		sift_down(v, 0, end - 1);
	}
}

/* The symbol tables' and their strings' sizes, for one mapping. */
static void measure(const Elf64_Shdr *sh, size_t n, size_t *count,
		    size_t *strings)
{
	*count = *strings = 0;
	for (size_t i = 0; i < n; i++) {
		if ((sh[i].sh_type != SHT_SYMTAB && sh[i].sh_type != SHT_DYNSYM) ||
		    sh[i].sh_entsize != sizeof(Elf64_Sym) || sh[i].sh_link >= n)
			continue;
		*count += sh[i].sh_size / sizeof(Elf64_Sym);
		*strings += sh[sh[i].sh_link].sh_size + 1;
	}
}

/* Table i's function symbols into s, its strings at s->names + *names_at. */
static int take_table(struct elf_symbols *s, int fd, const Elf64_Shdr *sh,
		      size_t i, size_t *names_at, uint32_t *order, void *chunk)
{
	const Elf64_Shdr *strs = &sh[sh[i].sh_link];
	uint64_t strsize = strs->sh_size;
	char *names = s->names + *names_at;
	if (strsize && read_at(fd, names, strsize, strs->sh_offset))
		return -1;
	names[strsize] = 0;
	uint64_t count = sh[i].sh_size / sizeof(Elf64_Sym);
	const size_t per_chunk = CHUNK_BYTES / sizeof(Elf64_Sym);
	for (uint64_t first = 0; first < count; first += per_chunk) {
		size_t k = count - first < per_chunk ? count - first : per_chunk;
		if (read_at(fd, chunk, k * sizeof(Elf64_Sym),
			    sh[i].sh_offset + first * sizeof(Elf64_Sym)))
			return -1;
		const Elf64_Sym *sym = chunk;
		for (size_t j = 0; j < k; j++, (*order)++) {
			if (ELF64_ST_TYPE(sym[j].st_info) != STT_FUNC ||
			    sym[j].st_shndx == SHN_UNDEF ||
			    sym[j].st_shndx == SHN_ABS ||
			    sym[j].st_name >= strsize)
				continue;
			struct func_sym *f = &s->syms[s->nsyms++];
			f->value = sym[j].st_value;
			f->order = *order;
			f->name = (uint32_t)(*names_at + sym[j].st_name);
		}
	}
	*names_at += strsize + 1;
	return 0;
}

static struct elf_symbols *load_fd(int fd)
{
	struct stat st;
	Elf64_Ehdr eh;
	if (raw_newfstatat(fd, "", &st, AT_EMPTY_PATH) ||
	    read_at(fd, &eh, sizeof eh, 0) || eh.e_ident[EI_MAG0] != ELFMAG0 ||
	    eh.e_ident[EI_MAG1] != ELFMAG1 || eh.e_ident[EI_MAG2] != ELFMAG2 ||
	    eh.e_ident[EI_MAG3] != ELFMAG3 || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_shentsize != sizeof(Elf64_Shdr) ||
	    eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum > 256)
		return 0;
	size_t nsh = eh.e_shnum, nph = eh.e_phnum;
	size_t head_bytes = ARCH_PAGE_UP(nsh * sizeof(Elf64_Shdr) +
					 nph * sizeof(Elf64_Phdr) + CHUNK_BYTES);
	char *head = pages_alloc(head_bytes);
	if (!head)
		return 0;
	Elf64_Shdr *sh = (Elf64_Shdr *)head;
	Elf64_Phdr *ph = (Elf64_Phdr *)(head + nsh * sizeof(Elf64_Shdr));
	void *chunk = (char *)ph + nph * sizeof(Elf64_Phdr);
	struct elf_symbols *s = 0;
	size_t count, strings;
	if (nsh > MAX_SECTIONS ||
	    (nsh && read_at(fd, sh, nsh * sizeof(Elf64_Shdr), eh.e_shoff)) ||
	    (nph && read_at(fd, ph, nph * sizeof(Elf64_Phdr), eh.e_phoff)))
		goto out;
	measure(sh, nsh, &count, &strings);
	size_t bytes = ARCH_PAGE_UP(sizeof *s + count * sizeof(struct func_sym) +
				    strings);
	s = pages_alloc(bytes);
	if (!s)
		goto out;
	s->bytes = bytes;
	s->file_size = (uint64_t)st.st_size;
	for (size_t i = 0; i < nph && s->nseg < MAX_SEGMENTS; i++)
		if (ph[i].p_type == PT_LOAD)
			s->seg[s->nseg++] = (struct load_segment){
				ph[i].p_offset, ph[i].p_filesz, ph[i].p_vaddr};
	s->syms = (struct func_sym *)(s + 1);
	s->names = (char *)(s->syms + count);
	size_t names_at = 0;
	uint32_t order = 0;
	for (size_t i = 0; i < nsh; i++) {
		if ((sh[i].sh_type != SHT_SYMTAB && sh[i].sh_type != SHT_DYNSYM) ||
		    sh[i].sh_entsize != sizeof(Elf64_Sym) || sh[i].sh_link >= nsh)
			continue;
		if (take_table(s, fd, sh, i, &names_at, &order, chunk)) {
			elf_symbols_free(s);
			s = 0;
			goto out;
		}
	}
	sort_symbols(s->syms, s->nsyms);
out:
	pages_free(head, head_bytes);
	return s;
}

struct elf_symbols *elf_symbols_load(const char *path)
{
	long fd = raw_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	struct elf_symbols *s = load_fd((int)fd);
	raw_close((int)fd);
	return s;
}

void elf_symbols_free(struct elf_symbols *s)
{
	if (s)
		pages_free(s, s->bytes);
}

int elf_symbols_find(const struct elf_symbols *s, uint64_t off,
		     const char **name, uint64_t *distance)
{
	if (!s)
		return 0;
	int k = 0;
	while (k < s->nseg && !(s->seg[k].offset <= off &&
				off < s->seg[k].offset + s->seg[k].filesz))
		k++;
	if (k == s->nseg)
		return 0;
	uint64_t addr = off - s->seg[k].offset + s->seg[k].vaddr;
	/* The last symbol at or below addr, then the first at its address. */
	size_t lo = 0, hi = s->nsyms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->syms[mid].value <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	size_t at = lo - 1;
	while (at > 0 && s->syms[at - 1].value == s->syms[at].value)
		at--;
	uint64_t d = addr - s->syms[at].value;
	if (d >= s->file_size) /* as libunwind: too far to be its function */
		return 0;
	*name = s->names + s->syms[at].name;
	*distance = d;
	return 1;
}
