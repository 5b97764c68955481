"""rules_cc from Debian's bazel-rules-cc, made loadable by Bazel 4.2.3.

Debian ships rules_cc 0.0.4, newer than its Bazel: two of its files load
`use_cpp_toolchain` from @bazel_tools, which 4.2.3 does not have. This rule
symlinks the installed tree and rewrites just those two files to name the C++
toolchain type directly, which is what `use_cpp_toolchain()` returns.
"""

_SRC = "/usr/share/bazel/rules/cc"

_PATCHED = [
    "cc/private/rules_impl/cc_flags_supplier.bzl",
    "cc/private/rules_impl/compiler_flag.bzl",
]

def _debian_rules_cc_impl(ctx):
    src = ctx.path(_SRC)
    if not src.exists:
        fail("%s is missing: run tools/setup-debian.sh (package bazel-rules-cc)" % _SRC)
    for entry in src.readdir():
        if entry.basename != "cc":
            ctx.symlink(entry, entry.basename)
    for entry in src.get_child("cc").readdir():
        if entry.basename != "private":
            ctx.symlink(entry, "cc/" + entry.basename)
    private = src.get_child("cc").get_child("private")
    for entry in private.readdir():
        if entry.basename != "rules_impl":
            ctx.symlink(entry, "cc/private/" + entry.basename)
    for entry in private.get_child("rules_impl").readdir():
        rel = "cc/private/rules_impl/" + entry.basename
        if rel in _PATCHED:
            text = ctx.read(entry)
            text = text.replace(', "use_cpp_toolchain")', ")")
            text = text.replace("use_cpp_toolchain()", '["@bazel_tools//tools/cpp:toolchain_type"]')
            ctx.file(rel, text, executable = False)
        else:
            ctx.symlink(entry, rel)

debian_rules_cc = repository_rule(
    implementation = _debian_rules_cc_impl,
    local = True,
)
