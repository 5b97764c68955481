#!/bin/bash
# The images' and preloads' large bss objects are laid out after every
# small one (image.bzl and preload.bzl pass image_section_order.txt to gold
# as --section-ordering-file), so that the small variables a start touches
# share a few pages (a page fault each):
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
# Usage: image_section_order_test.sh ORDER_FILE CAPSTONE_ARCHIVE IMAGE...
order="$1"
capstone="$2"
shift 2
status=0
mapfile -t patterns < "$order"

listed() {
	local p
	for p in "${patterns[@]}"; do
		[[ $1 == $p ]] && return 0
	done
	return 1
}

# "ADDRESS SIZE TYPE NAME", decimal, of an image's data and bss objects.
objects() {
	nm -S "$1" | awk '
		function hex(s,   v, i) {
			v = 0
			s = tolower(s)
			for (i = 1; i <= length(s); i++)
				v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
			return v
		}
		NF == 4 && $3 ~ /^[bBdD]$/ { print hex($1), hex($2), $3, $4 }'
}

for p in "${patterns[@]}"; do
	if [[ $p != .bss.* ]]; then
		echo "$order: $p is not a .bss line"
		status=1
	fi
done

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
[ $status = 0 ] && echo "the large bss objects of $# images are listed and laid out last"
exit $status
