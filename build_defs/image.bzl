"""`systrap_image`: a tool built as a self-contained image over //systrap.

The image is one position-independent ELF object holding the tool,
libsystrap, Capstone and the few libc functions they use (musl's static
libc): no PT_INTERP, no PT_TLS, no DT_NEEDED, only relocations a launcher
resolves against the image itself (systrap/image/image_abi.h). A launcher
maps it into a program stopped before its first instruction and runs its
entry, which runs the tool's constructors as ld.so would for a preload.
"""

load("//build_defs:copts.bzl", "SYSTRAP_COPTS")

def systrap_image(name, srcs, deps = [], copts = SYSTRAP_COPTS, linkopts = [], **kwargs):
    """A self-contained image named `name` (e.g. "tool.image.so") from srcs.

    Args:
      name: the image's file name.
      srcs: the tool's sources, the same as its preload's.
      deps: extra dependencies; //systrap and the image runtime always.
      copts: compiler options (systrap's own by default).
      linkopts: extra linker options.
      **kwargs: passed on to cc_binary (testonly, visibility...).
    """
    native.cc_binary(
        name = name,
        srcs = srcs,
        # The toolchain's -D_FORTIFY_SOURCE (opt builds) turns strcpy and
        # friends into glibc's __*_chk, which musl does not have.
        copts = copts + ["-U_FORTIFY_SOURCE"],
        linkopts = [
            # No crt files, no glibc: musl's archive (a dependency, linked
            # last) and libgcc's helpers only.
            "-nostdlib",
            "-Wl,--no-undefined",
            "-Wl,-Bsymbolic",
            "-Wl,-z,now",
            "-Wl,-z,noexecstack",
            "-Wl,-e,systrap_image_start",
            "-Wl,--as-needed",
            # The objects of 2 KiB or more (image_section_order.txt) after
            # all the small ones, which then share a few pages: a start
            # touches a few variables of every module, and each page of
            # them it touches is a fault and a fresh page (12 fewer a
            # traced /bin/true's start, docs/PERFORMANCE.md); and the
            # functions a start and a fork run together in one block
            # (~36 pages of code instead of ~76 touched, "Hot code
            # together" there), with their switch tables and the tables
            # a traced call reads (the syscall table, errno names...).
            "-Wl,--section-ordering-file,$(location //build_defs:image_section_order.ld.txt)",
        ] + linkopts + ["-lgcc"],
        additional_linker_inputs = ["//build_defs:image_section_order.ld.txt"],
        linkshared = True,
        deps = depset(["//systrap", "//systrap/image:runtime"] + deps + ["@musl//:libc"]).to_list(),
        **kwargs
    )
