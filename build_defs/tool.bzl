"""`systrap_tool`: one tool built both ways, from the same sources.

NAME.so is the preload (LD_PRELOAD it, or systrap-trace --preload) and
NAME.image.so the self-contained image a launcher maps into a program before
its first instruction (systrap-run --tool=NAME.image.so, systrap-trace).
The tool's constructor registers its handlers and calls systrap_init() in
both: the image runs its constructors as the dynamic loader runs a
preload's.
"""

load("//build_defs:image.bzl", "systrap_image")
load("//build_defs:preload.bzl", "systrap_preload")

def systrap_tool(name, srcs, deps = [], **kwargs):
    """NAME.so and NAME.image.so from srcs.

    Args:
      name: the tool's name, without extension.
      srcs: its sources.
      deps: extra dependencies; //systrap is always linked.
      **kwargs: passed on to both (copts, linkopts, testonly, visibility...).
    """
    systrap_preload(name = name + ".so", srcs = srcs, deps = deps, **kwargs)
    systrap_image(name = name + ".image.so", srcs = srcs, deps = deps, **kwargs)
