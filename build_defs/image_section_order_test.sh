#!/bin/bash
# The images' and preloads' sections are laid out as image_section_order.txt
# says (image.bzl and preload.bzl pass it to gold as
# --section-ordering-file), each to touch fewer pages at a start:
#
# .bss lines: the large bss objects after every small one, so that the
# small variables a start touches share a few pages (a page fault each):
#  - every .bss object of 2 KiB or more is named by a line (a name or a
#    glob: gold matches input sections, `.bss.NAME` with -fdata-sections);
#  - every line naming one object names a .bss object of one of the
#    images (a table that stopped being bss, or was renamed, leaves a line
#    that orders nothing);
#  - in each image every object a line names lies above every other .bss
#    object: gold did match the lines (a line that matched no input
#    section would pass the first two checks and order nothing);
#  - no line names data: our writable data has no large object, the
#    relocated tables (RELRO) are written whole at load whatever their
#    order, and Capstone's archive keeps each object's data in one `.data`
#    section that no line can select. Every writable data object of 2 KiB
#    or more outside RELRO must be Capstone's, so a large array of ours
#    put there is caught.
#
# .text lines: the functions a traced start, a traced fork child and its
# exec run (`.text.NAME`, with -ffunction-sections; a constructor has a
# `.text.startup.NAME` line too, its section when optimised), together
# in one block of ~36 pages instead of spread over the ~100 of the image's
# code: on a guest with shadow paging each page a process touches first
# costs (docs/PERFORMANCE.md, "Hot code together"). The list is what
# uprobes on every function of trace_syscalls.image.so counted under
# `systrap-trace -f bash -c 'for i in $(seq 100); do /bin/true; done'`
# and `-f sh -c 'ls -la / | wc -l'` (docs/PERFORMANCE.md has the
# commands; `bazel run -c opt //bench:hot_functions` counts them again and
# prints the lines missing), less Capstone's, whose archive has no section
# per function; the hot assembly routines are given sections of their own
# (`.section .text.NAME`) to be listed.
# Checked:
#  - every .text line names a function of one of the images (a function
#    renamed or gone leaves a line that orders nothing); a line naming a
#    compiler's clone (NAME.part.0, NAME.constprop.0, .isra) also counts
#    as present where NAME is a function: an unoptimised build makes no
#    clones;
#  - in each image the functions the lines name lie together: between the
#    first and the last of them, less than a page of other code (aliases at
#    a listed function's address aside).
# Gold reads the list expanded (expand_section_order.sh): each listed
# function's switch tables, `.rodata.F`, follow the list, derived and not
# kept here.
#
# .rodata lines: the constant tables a traced call reads (the syscall
# table, the errno and signal names, the flag tables of a start's calls:
# found by uprobes on value_tables.c's functions, docs/PERFORMANCE.md,
# "Hot constants together"). Checked as the .text lines: each names a
# read-only object of one of the images, and in each image they lie
# together (less than a page of other named constants between).
# Usage: image_section_order_test.sh ORDER_FILE CAPSTONE_ARCHIVE IMAGE...
order="$1"
capstone="$2"
shift 2
status=0
mapfile -t lines < "$order"
patterns=() text_lines=() rodata_lines=()
for p in "${lines[@]}"; do
	case $p in
	.bss.*) patterns+=("$p") ;;
	.text.*) text_lines+=("$p") ;;
	.rodata.*) rodata_lines+=("$p") ;;
	*) echo "$order: $p is not a .bss, .text or .rodata line"; status=1 ;;
	esac
done

listed() {
	local p
	for p in "${patterns[@]}"; do
		[[ $1 == $p ]] && return 0
	done
	return 1
}

# "ADDRESS SIZE TYPE NAME", decimal, of an image's symbols whose nm type
# matches $2.
symbols() {
	nm -S "$1" | awk -v types="$2" '
		function hex(s,   v, i) {
			v = 0
			s = tolower(s)
			for (i = 1; i <= length(s); i++)
				v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
			return v
		}
		NF == 4 && $3 ~ types { print hex($1), hex($2), $3, $4 }'
}

# Its data and bss objects.
objects() {
	symbols "$1" '^[bBdD]$'
}

capstone_data=$(nm "$capstone" 2>/dev/null | awk '$2 ~ /^[dD]$/ { print $3 }' | sort -u)
if [ -z "$capstone_data" ]; then
	echo "$capstone: no data objects read"
	status=1
fi

present=""
for image in "$@"; do
	# The relocated data: VirtAddr and MemSiz of GNU_RELRO, in hex.
	read -r lo size < <(readelf -lW "$image" | awk '$1 == "GNU_RELRO" { print $3, $6 }')
	relro_lo=$((${lo:-0})) relro_hi=$((${lo:-0} + ${size:-0}))
	missing="" foreign="" low_listed=-1 high_other=-1 high_name="" low_name=""
	while read -r addr size type name; do
		if [[ $type == [bB] ]]; then
			present+=".bss.$name"$'\n'
			if listed ".bss.$name"; then
				if [ $low_listed -lt 0 ] || [ "$addr" -lt $low_listed ]; then
					low_listed=$addr low_name=$name
				fi
			else
				[ "$size" -ge 2048 ] && missing+=" .bss.$name"
				if [ "$addr" -gt $high_other ]; then
					high_other=$addr high_name=$name
				fi
			fi
		elif [ "$size" -ge 2048 ] &&
		     ! { [ "$addr" -ge $relro_lo ] && [ "$addr" -lt $relro_hi ]; } &&
		     ! grep -qxF -- "$name" <<<"$capstone_data"; then
			foreign+=" $name"
		fi
	done < <(objects "$image")
	if [ -n "$missing" ]; then
		echo "$image: bss objects of 2 KiB or more not in $order:$missing"
		status=1
	fi
	if [ $low_listed -ge 0 ] && [ $high_other -gt $low_listed ]; then
		echo "$image: $high_name (not listed) lies above $low_name (listed): the order was not applied"
		status=1
	fi
	if [ -n "$foreign" ]; then
		echo "$image: writable data objects of 2 KiB or more that are not Capstone's:$foreign"
		status=1
	fi
done
for p in "${patterns[@]}"; do
	[[ $p == *[*?[]* ]] && continue
	if ! grep -qxF -- "$p" <<<"$present"; then
		echo "$order: $p names no bss object of the $# images"
		status=1
	fi
done
# The functions the .text lines name: together in each image, and each
# line naming a function of one of them.
# "present NAME" for each symbol of nm type $2 in image $1 that a line
# of $3.. names (its prefix $3 taken off), then "scattered ..." if other
# such symbols of 4 KiB or more in all lie between the first and the last.
together() {
	local image=$1 types=$2 prefix=$3
	shift 3
	symbols "$image" "$types" |
		awk -v prefix="$prefix" -v listfile=<(printf '%s\n' "$@") '
		BEGIN {
			while ((getline l < listfile) > 0) {
				l = substr(l, length(prefix) + 1)
				if (prefix == ".text.")
					sub(/^startup\./, "", l)
				want[l] = 1
			}
		}
		{
			a = $1; n++; addr[n] = a; size[n] = $2; name[n] = $4
			if ($4 in want) {
				listed[n] = 1; at[a] = 1
				print "present " $4
				if (lo == "" || a < lo) lo = a
				if (hi == "" || a + size[n] > hi) hi = a + size[n]
			}
		}
		END {
			if (lo == "") exit
			for (i = 1; i <= n; i++)
				if (!listed[i] && !(addr[i] in at) && addr[i] >= lo && addr[i] < hi) {
					other += size[i]
					if (others == "" || length(others) < 200) others = others " " name[i]
				}
			if (other >= 4096)
				print "scattered " int((hi - lo) / 4096) " pages from the first listed to the last hold " other " bytes of others:" others
		}'
}

text_present="" rodata_present=""
for image in "$@"; do
	verdict=$(together "$image" '^[tT]$' .text. "${text_lines[@]}")
	text_present+=$(grep '^present ' <<<"$verdict" | cut -d' ' -f2)$'\n'
	if grep -q '^scattered ' <<<"$verdict"; then
		echo "$image: the order of .text was not applied: $(grep '^scattered ' <<<"$verdict" | cut -d' ' -f2-)"
		status=1
	fi
	verdict=$(together "$image" '^[rR]$' .rodata. "${rodata_lines[@]}")
	rodata_present+=$(grep '^present ' <<<"$verdict" | cut -d' ' -f2)$'\n'
	if grep -q '^scattered ' <<<"$verdict"; then
		echo "$image: the order of .rodata was not applied: $(grep '^scattered ' <<<"$verdict" | cut -d' ' -f2-)"
		status=1
	fi
done
for p in "${rodata_lines[@]}"; do
	grep -qxF -- "${p#.rodata.}" <<<"$rodata_present" ||
		{ echo "$order: $p names no read-only object of the $# images"; status=1; }
done
# Every function name in the images, for a clone's base name.
function_names=$(for image in "$@"; do symbols "$image" '^[tT]$'; done | cut -d' ' -f4 | sort -u)
for p in "${text_lines[@]}"; do
	base=${p#.text.}
	base=${base#startup.}
	if grep -qxF -- "$base" <<<"$text_present"; then
		continue
	fi
	if [[ $base =~ ^([^.]+)\.(part|constprop|isra)\.[0-9]+$ ]] &&
	   grep -qxF -- "${BASH_REMATCH[1]}" <<<"$function_names"; then
		continue
	fi
	echo "$order: $p names no function of the $# images"
	status=1
done
[ $status = 0 ] && echo "the large bss objects of $# images are listed and laid out last; the ${#text_lines[@]} hot functions lie together, and the ${#rodata_lines[@]} hot tables"
exit $status
