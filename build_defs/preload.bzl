"""`systrap_preload`: a tool built as an LD_PRELOAD object over //systrap.

Every preload links Capstone and the rest of libsystrap statically; all of
it stays out of the object's dynamic symbol table (`--exclude-libs,ALL`), so
a traced program with a Capstone of its own cannot collide with ours. One
macro, so that no preload can be built without it.
"""

load("//build_defs:copts.bzl", "SYSTRAP_COPTS")

def systrap_preload(name, srcs, deps = [], copts = SYSTRAP_COPTS, linkopts = [], **kwargs):
    """A cc_binary(linkshared) named `name` (e.g. "tool.so") from srcs.

    Args:
      name: the object's file name, ending in .so.
      srcs: the tool's sources (they register handlers, call systrap_init).
      deps: extra dependencies; //systrap is always linked.
      copts: compiler options (systrap's own by default).
      linkopts: extra linker options.
      **kwargs: passed on to cc_binary (testonly, visibility...).
    """
    native.cc_binary(
        name = name,
        srcs = srcs,
        copts = copts,
        linkopts = [
            "-Wl,--exclude-libs,ALL",
            "-Wl,--as-needed",
            # As for the images (image.bzl): the large data and bss
            # objects after the small ones, which a start touches a few
            # of in every module, so that they share a few pages (a fault
            # each, some 11 us on a guest with shadow paging); and the
            # functions a start runs together in one block, with the
            # tables they read.
            "-Wl,--section-ordering-file,$(location //build_defs:image_section_order.ld.txt)",
        ] + linkopts,
        additional_linker_inputs = ["//build_defs:image_section_order.ld.txt"],
        linkshared = True,
        deps = depset(["//systrap"] + deps).to_list(),
        **kwargs
    )
