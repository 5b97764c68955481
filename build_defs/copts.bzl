"""Compiler options for systrap's own code (not third-party code)."""

# Warnings are errors in our code. Shipped code never depends on libc's errno
# or allocation on the trap path; -fno-stack-protector is not used: the canary
# reads %fs, which is valid on every thread that can trap.
SYSTRAP_COPTS = [
    "-D_GNU_SOURCE",
    "-Wall",
    "-Wextra",
    "-Werror",
    "-Wno-unused-parameter",
    "-fno-omit-frame-pointer",
    "-fvisibility=hidden",
]

SYSTRAP_TEST_COPTS = [
    "-Wall",
    "-Werror",
    "-Wno-unused-parameter",
    "-Wno-missing-field-initializers",
]
