#!/bin/bash
# Every data or bss object of 2 KiB or more in the images and the preloads
# is named in image_section_order.txt, so that the linker lays it out after
# the small ones (image.bzl, preload.bzl): a new large array left out would
# again spread the small variables a start touches over more pages (a page
# fault each). And every line naming one object names one of theirs.
# Usage: image_section_order_test.sh ORDER_FILE OBJECT...
order="$1"
shift
status=0
mapfile -t patterns < "$order"
for image in "$@"; do
	missing=""
	for name in $(nm -S "$image" | awk '
		NF == 4 && $3 ~ /^[bBdD]$/ {
			size = 0
			hex = tolower($2)
			for (i = 1; i <= length(hex); i++)
				size = size * 16 + index("0123456789abcdef", substr(hex, i, 1)) - 1
			if (size >= 2048)
				print ($3 ~ /[bB]/ ? ".bss." : ".data.") $4
		}' | sort -u); do
		listed=0
		for p in "${patterns[@]}"; do
			# A line is a name or a glob (gold matches both).
			[[ $name == $p ]] && listed=1 && break
		done
		[ $listed = 1 ] || missing="$missing $name"
	done
	if [ -n "$missing" ]; then
		echo "$image: objects of 2 KiB or more not in $order:$missing"
		status=1
	fi
done
# Every line that names one object (no glob) names a data or bss object of
# one of the images: a table that stopped being data (its pointers gone, so
# now read-only) or was renamed leaves a line that orders nothing.
present=$(for image in "$@"; do nm "$image" | awk 'NF == 3 && $2 ~ /^[bBdD]$/ {
	print ($2 ~ /[bB]/ ? ".bss." : ".data.") $3 }'; done | sort -u)
for p in "${patterns[@]}"; do
	[[ $p == *[*?[]* ]] && continue
	if ! grep -qxF -- "$p" <<<"$present"; then
		echo "$order: $p names no data or bss object of the $# images"
		status=1
	fi
done
[ $status = 0 ] && echo "every large object of $# images is listed"
exit $status
