#!/usr/bin/env bash
# One-command set-up for systrap on Debian 12 (bookworm), x86-64:
#   1. installs the Debian packages the build needs (idempotent),
#   2. builds everything with Bazel (never downloading anything),
#   3. traces a real program (`ls /`) with the tracer, if it is built.
# Run it as root, or as a user who may sudo: sudo is asked for apt-get only,
# so the build and its cache belong to whoever runs it.
set -euo pipefail

cd "$(dirname "$0")/.."

packages=(
  bazel-bootstrap bazel-rules-java bazel-rules-cc bazel-platforms bazel-skylib
  libcapstone-dev libgtest-dev googletest libbpf-dev nlohmann-json3-dev
  strace gdb gcc g++ make python3 perl git coreutils golang-go
  musl-dev musl-tools clang libclang-rt-14-dev
)

die() { echo "setup-debian.sh: $*" >&2; exit 1; }

[ "$(uname -m)" = x86_64 ] || die "systrap supports x86-64 Linux only (this is $(uname -m))"
[ -r /etc/debian_version ] && command -v apt-get >/dev/null ||
  die "this script needs Debian (apt-get and /etc/debian_version); install the packages by hand: ${packages[*]}"

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then SUDO=sudo; else
      die "missing packages (${missing[*]}) and not root: run as root or install sudo"
    fi
  else
    SUDO=
  fi
  echo "setup-debian.sh: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup-debian.sh: all ${#packages[@]} packages already installed"
fi

echo "setup-debian.sh: building //... with Bazel $(bazel --version 2>/dev/null | awk '{print $2}')"
bazel build //...

tracer=bazel-bin/tools/trace/systrap-trace
if [ -x "$tracer" ]; then
  echo "setup-debian.sh: tracing 'ls /' (first 15 lines of the trace):"
  "$tracer" -o /tmp/systrap-setup-trace.txt -- ls / >/dev/null
  head -n 15 /tmp/systrap-setup-trace.txt
  echo "... $(wc -l < /tmp/systrap-setup-trace.txt) lines in all, in /tmp/systrap-setup-trace.txt"
else
  echo "setup-debian.sh: built everything; the tracer (//tools/trace:systrap-trace) does not exist yet"
fi
