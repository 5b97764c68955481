#!/bin/bash
# Every name a named_value table holds fits its fixed field with room for
# the NUL (value_tables.h, NAMED_VALUE_MAX): the compiler refuses a longer
# literal, but C takes one of exactly the field's size and drops the NUL.
# Conservative: every string literal and identifier inside a named_value
# table, and every literal of a #define that builds entries (`{ ..., "..." }`
# or `#name`), counts as a name.
# Usage: named_value_length_test.sh VALUE_TABLES_H SOURCE...
header="$1"
shift
max=$(sed -n 's/^#define NAMED_VALUE_MAX \([0-9]*\).*/\1/p' "$header")
if [ -z "$max" ]; then
	echo "no NAMED_VALUE_MAX in $header"
	exit 1
fi
awk -v limit=$((max - 1)) '
	function check(text, where,   t, n) {
		while (match(text, /"([^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*/)) {
			t = substr(text, RSTART, RLENGTH)
			n = (t ~ /^"/) ? RLENGTH - 2 : RLENGTH
			if (n > limit) {
				printf "%s: %s is %d bytes, more than %d\n", where, t, n, limit
				bad = 1
			}
			text = substr(text, RSTART + RLENGTH)
		}
	}
	FNR == 1 { inside = 0; macro = 0 }
	/struct named_value [A-Za-z0-9_]+\[[^]]*\] *= *\{/ { inside = 1; tables++ }
	/^#define .*(\{.*"|#[a-z])/ { macro = 1 }
	inside || macro { check($0, FILENAME ":" FNR) }
	inside && /\};/ { inside = 0 }
	macro && !/\\$/ { macro = 0 }
	END {
		if (!tables) { print "no named_value table found"; exit 1 }
		if (bad) exit 1
		printf "every name of %d named_value tables fits %d bytes and a NUL\n", tables, limit
	}' "$@"
