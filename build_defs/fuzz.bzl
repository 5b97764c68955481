"""`libfuzzer_test`: a libFuzzer target built with clang and run for a bounded time."""

def libfuzzer_test(name, fuzzer_src, srcs, seed, link = ""):
    """`name`_fuzzer (the binary) and `name`_fuzz_test (a fixed run of 40,000 inputs).

    The fuzzer is compiled by clang from fuzzer_src and the .c files of srcs
    (a filegroup with the headers they need), with ASan and UBSan, and
    linked with `link`; where clang has no libFuzzer it is a script that
    says SKIPPED. The test runs regressions/`name`/* first, then fuzzes from
    `seed` (systrap/core/fuzz/fuzz_test.sh).
    """
    native.genrule(
        name = name + "_fuzzer",
        srcs = [fuzzer_src, srcs],
        outs = [name + "_fuzzer.bin"],
        cmd = """
if command -v clang >/dev/null 2>&1 &&
   printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' |
   clang -x c - -fsanitize=fuzzer -o /dev/null 2>/dev/null; then
  clang -O1 -g -std=gnu11 -D_GNU_SOURCE -I. \\
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \\
    $(location %s) \\
    $$(for f in $(locations %s); do case $$f in *.c) echo $$f;; esac; done) \\
    %s -o $@
else
  printf '#!/bin/sh\\necho "SKIPPED: no clang with libFuzzer here (tools/setup-debian.sh installs clang and libclang-rt-14-dev)"\\n' > $@
  chmod +x $@
fi
""" % (fuzzer_src, srcs, link),
    )
    regressions = native.glob(["regressions/%s/*" % name])
    native.sh_test(
        name = name + "_fuzz_test",
        size = "medium",
        srcs = ["fuzz_test.sh"],
        args = [
            "$(location :%s_fuzzer)" % name,
            "$(location %s)" % seed,
        ] + ["$(location %s)" % f for f in regressions],
        data = [":%s_fuzzer" % name, seed] + regressions,
    )
