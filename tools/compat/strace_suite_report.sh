#!/bin/bash
# The report of strace_suite.sh's runs: RESULTS/strace and RESULTS/systrap
# hold each run's NAME.trs and NAME.log (automake's). Prints per test the
# two results, the totals, and systrap-trace's failures (of the tests
# strace passes) grouped by cause, the cause read from the test's log.
# Also writes RESULTS/results.tsv (test, strace, systrap, cause).
set -u
results=${1:?usage: strace_suite_report.sh RESULTS_DIR}
verbose=${STRACE_SUITE_VERBOSE:-0}

result_of() { # DIR NAME -> PASS|FAIL|SKIP|XFAIL|ERROR|-
	local f=$1/$2.trs
	[ -f "$f" ] || { echo -; return; }
	sed -n 's/^:test-result: *//p' "$f" | head -1
}

# The cause of a failure, from the test's log: the first message of ours
# that names what we refused, else the shape of the failure.
cause_of() { # LOG
	local log=$1 m
	[ -f "$log" ] || { echo "no log"; return; }
	m=$(grep -m1 -o "systrap-trace: invalid option -- '.'" "$log") &&
		{ echo "option not supported: -${m: -2:1}"; return; }
	m=$(grep -m1 -o "systrap-trace: unrecognized option '--[^'=]*" "$log") &&
		{ echo "option not supported: ${m#*\'}"; return; }
	m=$(grep -m1 -o "systrap-trace: option '--[^'=]*" "$log") &&
		{ echo "option not supported: ${m#*\'}"; return; }
	m=$(grep -m1 -o "systrap-trace: -e [a-z-]*=" "$log") &&
		{ echo "option not supported: ${m#systrap-trace: }"; return; }
	m=$(grep -m1 -o "systrap-trace: -X [a-z]*" "$log") &&
		{ echo "option not supported: ${m#systrap-trace: }"; return; }
	m=$(grep -m1 -o "systrap-trace: .* is not supported[^.]*" "$log") &&
		{ echo "not supported: ${m#systrap-trace: }"; return; }
	m=$(grep -m1 -o "systrap-trace: invalid inject argument" "$log") &&
		{ echo "inject form not supported"; return; }
	m=$(grep -m1 -o "systrap-trace: invalid system call '[^']*'" "$log") &&
		{ echo "syscall set form not supported (${m#*invalid system call })"; return; }
	grep -q "time limit (.*) exceeded" "$log" &&
		{ echo "timeout"; return; }
	grep -q -- "-p \|attach" "$log" && grep -q "systrap-trace: attach\|Process [0-9]* attached" "$log" &&
		{ echo "attach"; return; }
	m=$(grep -m1 -o "systrap-trace: [^:]*" "$log") &&
		{ echo "tracer error: ${m#systrap-trace: }" | cut -c1-70; return; }
	grep -q "^[-+][^-+]" "$log" && grep -q "^@@ \|^--- \|^+++ " "$log" &&
		{ echo "output differs (decoder)"; return; }
	grep -q "failed with code\|exit status" "$log" && m=$(grep -m1 -o "failed with code [0-9]*" "$log") &&
		{ echo "tracer exit status ($m)"; return; }
	echo "other"
}

tsv=$results/results.tsv
: >"$tsv"
names=$( (ls "$results"/strace/*.trs "$results"/systrap/*.trs 2>/dev/null) | sed 's,.*/,,; s,\.trs$,,' | sort -u)
[ -n "$names" ] || { echo "strace_suite_report: no results in $results" >&2; exit 1; }
for n in $names; do
	s=$(result_of "$results/strace" "$n")
	y=$(result_of "$results/systrap" "$n")
	c=
	[ "$y" = FAIL -o "$y" = ERROR ] && c=$(cause_of "$results/systrap/$n.log")
	printf '%s\t%s\t%s\t%s\n' "$n" "$s" "$y" "$c" >>"$tsv"
done

echo "== per test (strace / systrap-trace) =="
awk -F'\t' '{printf "%-40s %-5s %-5s %s\n", $1, $2, $3, $4}' "$tsv"
echo
echo "== totals =="
for col in 2 3; do
	awk -F'\t' -v col=$col '
		{ n[$col]++; t++ }
		END { printf "%-14s", col == 2 ? "strace:" : "systrap-trace:";
		      split("PASS FAIL SKIP XFAIL ERROR -", k, " ");
		      for (i = 1; i <= 6; i++) if (n[k[i]]) printf " %s %d", k[i] == "-" ? "not run" : k[i], n[k[i]];
		      printf " (of %d)\n", t }' "$tsv"
done
awk -F'\t' '$2 == "PASS" { p++; if ($3 == "PASS") b++ }
	END { if (p) printf "of the %d tests strace passes, systrap-trace passes %d (%.1f%%)\n", p, b, 100 * b / p }' "$tsv"
for col in strace systrap; do
	[ -f "$results/$col/date" ] && echo "$col run: $(cat "$results/$col/date"), STRACE=$(cat "$results/$col/tracer")"
done
echo
echo "== systrap-trace's failures of tests strace passes, by cause =="
awk -F'\t' '$2 == "PASS" && ($3 == "FAIL" || $3 == "ERROR") { n[$4]++; if (n[$4] <= 4) ex[$4] = ex[$4] " " $1 }
	END { for (c in n) { more = n[c] > 4 ? " ..." : ""; printf "%5d  %s:%s%s\n", n[c], c, ex[c], more } }' "$tsv" | sort -rn
awk -F'\t' '$2 == "PASS" && $3 == "SKIP" { n++ } END { if (n) printf "%5d  skipped under systrap-trace (passed with strace)\n", n }' "$tsv"
