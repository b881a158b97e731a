#!/bin/sh
# encode-symbolic.sh TOOL SVG SIZE OUTPUT
# Renders SVG at SIZE (e.g. 128x128) into GTK's recolourable symbolic PNG
# at OUTPUT. gtk4-encode-symbolic-svg names its output after the SVG, in a
# folder: it writes into a temporary one, and the result is moved.
set -eu
tool=$1 svg=$2 size=$3 output=$4
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$tool" -o "$dir" "$svg" "$size"
mv "$dir"/*.symbolic.png "$output"
