"""Compiler options for systrap's own code (not third-party code)."""

# Warnings are errors in our code. Shipped code never depends on libc's errno
# or allocation on the trap path, nor on the program's TLS: Bazel's default
# -fstack-protector would read the canary at %fs:0x28, which the
# self-contained image cannot count on (the dynamic loader runs with FS 0,
# Go keeps its own TLS there), so it is turned off for our code. Capstone's
# archive keeps its canaries: the image runs it on a TLS of its own
# (systrap/arch/scratch_tls.h).
SYSTRAP_COPTS = [
    "-D_GNU_SOURCE",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-Wno-unused-parameter",
    "-fno-omit-frame-pointer",
    "-fvisibility=hidden",
    "-fno-stack-protector",
    # Each variable and each function in a section of its own (.bss.NAME,
    # .text.NAME; Bazel's opt build puts functions so, its dbg build does
    # not): the images and preloads lay their large arrays after the small
    # variables and their hot functions together by these names
    # (image_section_order.txt) in every compilation mode, and
    # --gc-sections drops what is unused.
    "-fdata-sections",
    "-ffunction-sections",
]

SYSTRAP_TEST_COPTS = [
    "-Wall",
    "-Werror",
    "-Wno-unused-parameter",
    "-Wno-missing-field-initializers",
]
