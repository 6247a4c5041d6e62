#!/bin/sh
# make bench: builds the deterministic benchmark corpus (if missing) and runs
# every benchmark program in BUILD/bench/ on it.
set -eu
build=${1:-build}
here=$(dirname "$0")
corpus=$build/corpus
if [ ! -f "$corpus/all.txt" ]; then
    "$here/make-corpus.sh" "$corpus"
fi
for b in "$build"/bench/*; do
    [ -x "$b" ] || continue
    "$b" "$corpus/all.txt" dictionaries "$corpus/files"
done
