#!/usr/bin/env bash
# The code that writes patches runs while code pages (libc's, ld.so's) are
# not executable: it may call nothing but itself. This reads the object code
# the build made for it and the pieces it uses (in whatever compilation mode:
# -c opt inlines what -c dbg calls) and fails on any function they name that
# none of them defines, such as a memcpy or memset the compiler chose to call.
#
# What it reads: the static archives among its runfiles (its data: the
# libraries); the shared objects Bazel also makes are not read (those name
# libc's start-up).
set -euo pipefail
mapfile -t archives < <(find -L . -name '*.a' | sort)
[ ${#archives[@]} -gt 0 ] || { echo "FAIL: no archive given"; exit 1; }
defined=$(nm --defined-only "${archives[@]}" | awk 'NF == 3 {print $3}' | sort -u)
undefined=$(nm -u "${archives[@]}" | awk '$1 == "U" {print $2}' | sort -u)
outside=$(comm -13 <(echo "$defined") <(echo "$undefined"))
echo "read ${#archives[@]} archives: ${archives[*]}"
if [ -n "$outside" ]; then
  echo "FAIL: the patching code calls functions outside itself:"
  echo "$outside"
  exit 1
fi
echo "every function named is defined by the patching code itself"
