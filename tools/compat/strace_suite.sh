#!/bin/bash
# strace's own test suite, run once with strace and once with systrap-trace
# behind $STRACE (issue 15). From a clean clone:
#
#   tools/compat/strace_suite.sh            (or: bazel run //tools/compat:strace_suite)
#
# It fetches the source package of the installed strace through a private
# apt configuration (its own sources list with a deb-src line for the archive
# the installed strace came from, its own state and cache; the machine's apt
# configuration is only read), builds it and its test programs, builds
# systrap-trace from this clone, runs the suite with each tracer and prints
# per test PASS/FAIL/SKIP for both, the totals and systrap-trace's failures
# grouped by cause.
#
# Options:
#   --work DIR      work folder (default: $STRACE_SUITE_WORK, else
#                   ~/.cache/systrap-strace-suite)
#   --tests "A B"   run only these tests (as in tests/Makefile: "access.gen.test ...")
#   --only WHICH    run only the "strace" or the "systrap" column (the other
#                   is taken from the last run, if any)
#   --timeout S     per-test time-out in seconds (default 120)
#   --jobs N        make -jN (default 2)
#   --tracer PATH   use this systrap-trace instead of building one
#   --no-build      use the test programs as they are built (after an
#                   interrupted build: tests whose programs are missing fail
#                   with both tracers, and do not count)
#   --report        only print the report of the last runs
set -u
# Under bazel run: the copy in the workspace, so the report script is
# beside it and the systrap-trace build is this workspace's.
if [ -n "${BUILD_WORKSPACE_DIRECTORY:-}" ] && [ -z "${STRACE_SUITE_REEXEC:-}" ]; then
	cd "$BUILD_WORKSPACE_DIRECTORY" || exit 1
	STRACE_SUITE_REEXEC=1 exec "$BUILD_WORKSPACE_DIRECTORY/tools/compat/strace_suite.sh" "$@"
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=${BUILD_WORKSPACE_DIRECTORY:-$(cd "$here/../.." && pwd)}
work=${STRACE_SUITE_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/systrap-strace-suite}
tests= only= timeout=120 jobs=2 tracer= report_only= no_build=
while [ $# -gt 0 ]; do
	case $1 in
	--work) work=$2; shift ;;
	--tests) tests=$2; shift ;;
	--only) only=$2; shift ;;
	--timeout) timeout=$2; shift ;;
	--jobs) jobs=$2; shift ;;
	--tracer) tracer=$2; shift ;;
	--report) report_only=1 ;;
	--no-build) no_build=1 ;;
	-h|--help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "strace_suite: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
	shift
done
case $only in ''|strace|systrap) ;; *) echo "strace_suite: --only takes strace or systrap, not '$only'" >&2; exit 2 ;; esac
mkdir -p "$work" && work=$(cd "$work" && pwd) || exit 1
log() { echo "strace_suite: $*" >&2; }
die() { log "$*"; exit 1; }

# --- The source package, through a private apt configuration. ---
version=$(dpkg-query -W -f='${Version}' strace 2>/dev/null) || die "strace is not installed (dpkg-query -W strace)"
upstream=${version#*:}; upstream=${upstream%-*}
src=$work/strace-$upstream

private_apt() {
	local a=$work/apt
	mkdir -p "$a/etc/sources.list.d" "$a/etc/preferences.d" "$a/state/lists/partial" "$a/cache/archives/partial"
	# The archive the installed version came from: apt-cache madison's line
	# for it, e.g. "http://deb.debian.org/debian bookworm/main amd64 Packages".
	local line uri dist comp key=
	line=$(apt-cache madison strace | awk -F'|' -v v="$version" '{gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $3)}
		$2 == v && $3 ~ /Packages$/ {print $3; exit}')
	[ -n "$line" ] || die "no archive lists strace $version (apt-cache madison strace)"
	read -r uri dist _ <<<"$line"
	comp=${dist#*/}; dist=${dist%%/*}
	# Its Signed-By keyring, as the machine's own entry for that URI says.
	key=$(grep -rhis -A6 "$uri" /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null |
		sed -n 's/.*signed-by[=:] *\([^] ]*\).*/\1/Ip' | head -1)
	[ -z "$key" ] && [ -r /usr/share/keyrings/debian-archive-keyring.gpg ] && key=/usr/share/keyrings/debian-archive-keyring.gpg
	echo "deb-src ${key:+[signed-by=$key] }$uri $dist $comp" >"$a/etc/sources.list"
	cat >"$a/apt.conf" <<CONF
Dir::Etc::SourceList "$a/etc/sources.list";
Dir::Etc::SourceParts "$a/etc/sources.list.d";
Dir::Etc::PreferencesParts "$a/etc/preferences.d";
Dir::State "$a/state";
Dir::State::status "/var/lib/dpkg/status";
Dir::Cache "$a/cache";
APT::Sandbox::User "root";
CONF
	echo "$a/apt.conf"
}

fetch_source() {
	[ -f "$src/configure" ] && return 0
	local conf
	conf=$(private_apt) || exit 1
	log "fetching strace $version's source ($(cat "$work/apt/etc/sources.list"))"
	APT_CONFIG=$conf apt-get -q update >"$work/apt-update.log" 2>&1 || die "apt-get update failed: see $work/apt-update.log"
	(cd "$work" && APT_CONFIG=$conf apt-get -q source --download-only "strace=$version") >"$work/apt-source.log" 2>&1 ||
		die "apt-get source failed: see $work/apt-source.log"
	rm -rf "$src"
	(cd "$work" && dpkg-source --no-check -x strace_*.dsc "$src") >>"$work/apt-source.log" 2>&1 ||
		die "dpkg-source -x failed: see $work/apt-source.log"
}

build_strace() {
	[ -f "$work/built.stamp" ] && return 0
	log "building strace and its test programs in $src (make -j$jobs; many minutes)"
	(cd "$src" && ./configure --enable-mpers=no && make -j"$jobs" && make -C tests -j"$jobs" check TESTS=) \
		>"$work/build.log" 2>&1 || die "building strace failed: see $work/build.log"
	touch "$work/built.stamp"
}

build_tracer() {
	[ -n "$tracer" ] && { tracer=$(cd "$(dirname "$tracer")" && pwd)/$(basename "$tracer"); return 0; }
	log "building systrap-trace from $repo"
	(cd "$repo" && bazel build //tools/trace:systrap-trace) >"$work/bazel.log" 2>&1 ||
		die "bazel build //tools/trace:systrap-trace failed: see $work/bazel.log"
	# A copy with its tools beside it, so a later build cannot change it mid-run.
	local bin
	bin=$(cd "$repo" && bazel info bazel-bin 2>/dev/null)/tools/trace
	rm -rf "$work/tracer" && mkdir -p "$work/tracer"
	cp "$bin"/systrap-trace "$bin"/trace_sys*.so "$work/tracer/" || die "copying systrap-trace from $bin failed"
	tracer=$work/tracer/systrap-trace
}

# One run of the suite with STRACE=$2, its logs kept in $work/results/$1.
run_suite() {
	local name=$1 strace=$2 out=$work/results/$1
	log "running the suite with $name ($strace); logs in $out"
	rm -rf "$out" && mkdir -p "$out"
	# check-TESTS without its programs as prerequisites: build_strace
	# built them (or --no-build says to take them as they are).
	local args=(-C "$src/tests" -k -j"$jobs" check-TESTS check_PROGRAMS= check_LIBRARIES=
		STRACE="$strace" TIMEOUT_DURATION="$timeout")
	[ -n "$tests" ] && args+=(TESTS="$tests")
	(cd "$src/tests" && rm -f -- *.log *.trs)
	STRACE=$strace TIMEOUT_DURATION=$timeout nice -n "${NICE:-10}" make "${args[@]}" >"$out/make.log" 2>&1
	(cd "$src/tests" && for f in *.trs; do
		[ -f "$f" ] || continue
		cp -- "$f" "${f%.trs}.log" "$out/" 2>/dev/null
	done)
	date -u '+%Y-%m-%d %H:%M UTC' >"$out/date"
	echo "$strace" >"$out/tracer"
}

if [ -z "$report_only" ]; then
	fetch_source
	[ -n "$no_build" ] || build_strace
	# The strace built from the same source (the suite's own default).
	own=$src/src/strace; [ -x "$own" ] || own=$src/strace
	[ "$only" != systrap ] && run_suite strace "$own"
	if [ "$only" != strace ]; then
		build_tracer
		run_suite systrap "$tracer"
	fi
fi
exec "$here/strace_suite_report.sh" "$work/results"
