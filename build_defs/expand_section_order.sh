#!/bin/sh
# Writes the section ordering file gold reads (image.bzl, preload.bzl):
# image_section_order.txt as it is, then for each function it names
# (`.text.F`, `.text.startup.F`) the read-only sections GCC gives that
# function's own constants under -ffunction-sections: `.rodata.F` (its
# switch tables) and `.rodata.F.str1.1`, `.rodata.F.str1.8` (its string
# literals). A start that runs F reads those too, so they are laid out
# together as its code is, and no list of them has to be kept by hand (a
# function without such a section orders nothing, harmlessly).
# Usage: expand_section_order.sh IN OUT
set -eu
awk '
	{ print; seen[$0] = 1 }
	/^\.text\./ {
		f = $0
		sub(/^\.text\./, "", f)
		sub(/^startup\./, "", f)
		if (!(f in done)) {
			done[f] = 1
			order[++n] = f
		}
	}
	END {
		for (i = 1; i <= n; i++) {
			split(".rodata.%s .rodata.%s.str1.1 .rodata.%s.str1.8", forms, " ")
			for (k = 1; k <= 3; k++) {
				line = sprintf(forms[k], order[i])
				if (!(line in seen)) {
					seen[line] = 1
					print line
				}
			}
		}
	}' "$1" > "$2"
