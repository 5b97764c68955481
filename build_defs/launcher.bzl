"""`systrap_launcher`: a launcher (systrap-trace, systrap-run) linked
statically against musl's libc instead of glibc's.

Why: every traced run starts a launcher, and a static glibc's start
identifies the CPU (init_cpu_features and the cache sizes: 48 CPUID
instructions), which a guest whose hypervisor traps CPUID pays some 3.6 us
each for: a static glibc program's whole start took 0.40 ms here, a static
musl one's 0.12 ms (docs/PERFORMANCE.md). musl runs no CPUID at its start.

How: the launcher and everything it links are compiled as before, against
glibc's headers (the syscall numbers, the kernel's constants and the value
tables the tracer prints are the same as the images' and the preloads'), but
with _FORTIFY_SOURCE off, since musl has no __*_chk functions: a
configuration transition adds -U_FORTIFY_SOURCE for the launcher and its
dependencies. The link takes musl's start files and archive
(musl_static.specs), as the images do (image.bzl); what musl does not have
fails the link, never the run. Two functions the launchers print with give
glibc's texts (strace's) rather than musl's: strerror and regerror, wrapped
(//tools/launcher:glibc_texts).

The launcher's own cc_binary is NAME.musl (tagged manual: built only through
this transition); NAME is a copy of it in this package's output directory,
since the launchers find their images and preloads beside /proc/self/exe,
and the data (those images) are built in the ordinary configuration.
"""

def _musl_transition_impl(settings, attr):
    return {
        "//command_line_option:copt": settings["//command_line_option:copt"] + ["-U_FORTIFY_SOURCE"],
    }

_musl_transition = transition(
    implementation = _musl_transition_impl,
    inputs = ["//command_line_option:copt"],
    outputs = ["//command_line_option:copt"],
)

def _musl_launcher_impl(ctx):
    binary = ctx.attr.binary[0][DefaultInfo].files_to_run.executable
    out = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.run_shell(
        inputs = [binary],
        outputs = [out],
        command = 'cp "$1" "$2"',
        arguments = [binary.path, out.path],
        mnemonic = "CopyLauncher",
        progress_message = "Placing %s beside its images" % ctx.label.name,
    )
    runfiles = ctx.runfiles(files = [out] + ctx.files.data)
    for d in ctx.attr.data:
        runfiles = runfiles.merge(d[DefaultInfo].default_runfiles)
    return [DefaultInfo(executable = out, files = depset([out]), runfiles = runfiles)]

_musl_launcher = rule(
    implementation = _musl_launcher_impl,
    executable = True,
    attrs = {
        "binary": attr.label(cfg = _musl_transition, executable = True, mandatory = True),
        "data": attr.label_list(allow_files = True),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
)

def systrap_launcher(name, data = [], deps = [], linkopts = [], visibility = None, **kwargs):
    """The launcher `name`, linked against musl (see the module's docstring).

    Args:
      name: the program's name.
      data: files it needs beside it at run time (its images, preloads).
      deps: its libraries.
      linkopts: extra linker options.
      visibility: the launcher's.
      **kwargs: passed on to its cc_binary (srcs, copts...).
    """
    native.cc_binary(
        name = name + ".musl",
        linkopts = [
            "-static",
            "-specs=$(location //build_defs:musl_static.specs)",
            "-Wl,--wrap=strerror",
            "-Wl,--wrap=regerror",
        ] + linkopts,
        additional_linker_inputs = ["//build_defs:musl_static.specs"],
        deps = deps + ["//tools/launcher:glibc_texts"],
        tags = ["manual"],
        **kwargs
    )
    _musl_launcher(
        name = name,
        binary = ":" + name + ".musl",
        data = data,
        visibility = visibility,
    )
