"""`inject_part`: one concern of the injector, a library of its own."""

load("//build_defs:copts.bzl", "SYSTRAP_COPTS")

# What the parts that make calls in the stopped program share: its memory,
# a remote syscall, and its registers.
REMOTE_CALLS = [
    ":remote_memory",
    ":remote_syscall",
    "//systrap/arch:remote_regs",
]

def inject_part(name, deps = [], **kwargs):
    """A library NAME.c with systrap's flags over the injector's API and error.

    Args:
      name: the part, and its source NAME.c.
      deps: what else it needs.
      **kwargs: hdrs, visibility and other cc_library attributes.
    """
    native.cc_library(
        name = name,
        linkstatic = True,
        srcs = [name + ".c"],
        copts = SYSTRAP_COPTS,
        deps = [":api", ":error"] + deps,
        **kwargs
    )
