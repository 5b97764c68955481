"""`dbg_test`: an existing test target, built and run with `-c dbg`.

CI runs exactly `bazel test //...`, in the default `-c opt`. Code on the trap
path must not work only because the optimiser inlined something (a memcpy
that -c dbg leaves as a call into libc, while libc's own pages are being
patched), so the suites that exercise the trap path also run as `-c dbg`
builds of themselves, through a configuration transition on the test.
"""

def _dbg_transition_impl(settings, attr):
    return {"//command_line_option:compilation_mode": "dbg"}

_dbg_transition = transition(
    implementation = _dbg_transition_impl,
    inputs = [],
    outputs = ["//command_line_option:compilation_mode"],
)

def _dbg_test_impl(ctx):
    test = ctx.attr.test[0][DefaultInfo]
    exe = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(output = exe, target_file = test.files_to_run.executable, is_executable = True)
    runfiles = ctx.runfiles(files = [exe]).merge(test.default_runfiles)
    return [DefaultInfo(executable = exe, runfiles = runfiles)]

dbg_test = rule(
    implementation = _dbg_test_impl,
    test = True,
    attrs = {
        "test": attr.label(
            cfg = _dbg_transition,
            executable = True,
            mandatory = True,
            doc = "The test target to build with -c dbg and run.",
        ),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
    doc = "Runs `test` built with -c dbg (see the module's docstring).",
)
