/* Known instruction boundaries of an ELF object: the places from which
 * decoding is guaranteed to be in step with the instruction stream.
 *
 * A `0f 05` byte pair is only a candidate; it is a syscall instruction only if
 * decoding from a known boundary lands on it. The boundaries come from the
 * object itself: the starts of executable sections, every function start in
 * .eh_frame_hdr's search table (what unwinders rely on), and every function
 * symbol of .symtab and .dynsym. They are read from the file (pread), since
 * section headers and .symtab are not loaded, or from an in-memory image
 * (the vDSO). */
#ifndef SYSTRAP_CORE_ELF_BOUNDARIES_H
#define SYSTRAP_CORE_ELF_BOUNDARIES_H

#include <stddef.h>
#include <stdint.h>

struct arena;

/* Where the object's file is read from: its image in memory when there is
 * one (the vDSO, or a file mapped whole at start-up, where a pread per
 * FDE was most of the cost), else the open file, with pread. The fd, when
 * >= 0, also names the file for the site cache. */
struct elf_source {
	int fd;
	const uint8_t *image;
	size_t image_size;
	/* Set (start-up's regions, systrap_init.c): fd's file is mapped whole,
	 * read-only, at the first read, into image, which the owner unmaps;
	 * never when nothing is read (the site cache had the region). */
	int map_whole;
};

/* Where a mapping of the object lies: map_start maps file offset map_offset. */
struct elf_placement {
	uintptr_t map_start;
	uint64_t map_offset;
};

/* What is known of the code in [lo, hi): instruction boundaries, sorted and
 * unique, and the extents of executable sections. An executable segment can
 * also hold read-only data (objects linked without -z separate-code): bytes
 * outside every executable section are never code. */
struct code_map {
	uintptr_t *bounds;
	long nbounds;
	uintptr_t *code; /* pairs [lo, hi) of executable sections, sorted */
	long ncode;      /* 0: no section headers, all of [lo, hi) may be code */
	/* .eh_frame's functions, sorted by start: where each FDE lies in the
	 * file, and its length once read (0: not read yet). */
	uintptr_t *fde_start;
	uint64_t *fde_offset;
	uint32_t *fde_length;
	long nfde;
	const struct elf_source *src;
	struct cfi_locations *cfi; /* the last FDE's program, run */
	/* An object Go's linker made (a .gopclntab section) has no .eh_frame:
	 * its functions' extents are its FUNC symbols' [value, value + size)
	 * in .symtab (file offset and size; 0: none), with the load bias. */
	uint64_t go_symtab_offset, go_symtab_size;
	int64_t go_bias;
};

#define CFI_MAX 512
#define CFI_BUF 4096
struct cfi_locations {
	/* The last CIE read: what its FDEs need to be parsed. */
	int cie_known, cie_encoding, cie_has_augmentation_data;
	int cie_lsda_encoding;
	unsigned cie_code_align;
	uint64_t cie_off;
	long fde;
	int n;
	uintptr_t loc[CFI_MAX];
	uint8_t buf[CFI_BUF];
};

/* A run of bytes between two functions that no unwinder, symbol or
 * compiler-emitted branch claims: the alignment fill after one function's
 * FDE ends and before the next one starts. */
struct code_gap {
	uintptr_t lo, hi;
};

/* Fills *out from the object (arrays allocated from arena), as run-time
 * addresses clipped to [lo, hi). Returns 0, or -1 if the source is not a
 * usable ELF file. */
int elf_collect_code_map(const struct elf_source *src,
			 const struct elf_placement *where, uintptr_t lo,
			 uintptr_t hi, struct arena *arena,
			 struct code_map *out);

/* Up to max gaps between functions that overlap [lo, hi), found from the
 * FDEs around addr (the function holding it and its neighbours). Returns
 * how many were written to out. Reads the file; async-signal-safe. */
int code_map_gaps_near(const struct code_map *m, uintptr_t addr, uintptr_t lo,
		       uintptr_t hi, struct code_gap *out, int max);

/* The greatest instruction boundary <= addr that the call frame program of
 * the function holding addr marks (.eh_frame), or 0. Closer to a candidate
 * than the function's start, it saves decoding. */
uintptr_t code_map_cfi_boundary_before(const struct code_map *m,
				       uintptr_t addr);

/* The extent [*lo, *hi) of the function holding addr, from its FDE, or
 * in an object of Go's linker from its symbol (Go's linker emits no
 * .eh_frame; its functions are whole, never split, and are entered only at
 * their start). Returns 0, or -1 when neither covers addr. */
int code_map_function_of(const struct code_map *m, uintptr_t addr,
			 uintptr_t *lo, uintptr_t *hi);

/* The landing pads of the function holding addr (where an exception or a
 * thread cancellation resumes it: branch targets no instruction names),
 * from its FDE's LSDA (.gcc_except_table's call-site table): up to max
 * written to out. Returns how many (0 when it has no LSDA, or for a Go
 * function known from its symbol: Go's panics resume after a call), or -1
 * when that cannot be told (no FDE, an LSDA not read, more than max). */
int code_map_landing_pads(const struct code_map *m, uintptr_t addr,
			  uintptr_t *out, int max);

/* Whether [addr, addr + len) lies inside an executable section. */
int code_map_is_code(const struct code_map *m, uintptr_t addr, size_t len);

#endif
