#!/bin/sh
# Writes the section ordering file gold reads (image.bzl, preload.bzl):
# image_section_order.txt as it is, then for each function it names
# (`.text.F`, `.text.startup.F`) the read-only section GCC gives that
# function's switch tables under -ffunction-sections, `.rodata.F`. A start
# that runs F reads them too, so they are laid out together as its code
# is, and no list of them has to be kept by hand (a function without such
# a section orders nothing, harmlessly). Not its strings: GCC puts them in
# `.rodata.F.str1.N`, but gold merges every string section into one block
# at the start of .rodata, in input order, whatever the ordering file says
# (seen in a test link, and in the images: parse_settings's strings lie
# there).
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
			line = ".rodata." order[i]
			if (!(line in seen)) {
				seen[line] = 1
				print line
			}
		}
	}' "$1" > "$2"
