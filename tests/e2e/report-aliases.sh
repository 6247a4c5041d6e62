#!/bin/sh
# wirealign report --aliases-out: the alias table in the format its name
# ends with, the same table `wirealign names` makes from the same files,
# written atomically.  Run from tests/golden/ by the e2e harness with $WA
# set; prints one line per check.
set -u
samples=$(cd "$(dirname "$0")/../../samples" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$WA" report --aliases-out "$tmp/a.tsv" "$samples"/*.txt >"$tmp/out"
echo "tsv: exit status $?"
"$WA" names --format tsv "$samples"/*.txt >"$tmp/names.tsv" 2>/dev/null
cmp -s "$tmp/a.tsv" "$tmp/names.tsv" && echo "tsv: the same table as wirealign names"
"$WA" report --aliases-out "$tmp/a.json" "$samples"/*.txt >/dev/null
"$WA" names --format json "$samples"/*.txt >"$tmp/names.json" 2>/dev/null
cmp -s "$tmp/a.json" "$tmp/names.json" && echo "json: the same table as wirealign names"
"$WA" report --aliases-out "$tmp/a.txt" "$samples"/*.txt >/dev/null
"$WA" names --format solr "$samples"/*.txt >"$tmp/names.txt" 2>/dev/null
cmp -s "$tmp/a.txt" "$tmp/names.txt" && grep -q ' => ' "$tmp/a.txt" && echo "txt: Solr synonyms, the same as wirealign names"
# The terminal lists the same entities.
entities=$(cut -f1 "$tmp/a.tsv" | grep -v '^#' | sort -u | wc -l)
grep -q "^alias table: $entities entit" "$tmp/out" && echo "terminal: the alias table's entities"
# Pachinian and Pashinyan are one entity on the terminal as in the table.
grep -q 'Nikol Pashinyan.*Nikol Pachinian' "$tmp/out" && echo "terminal: variants listed with their entity"

"$WA" report --aliases-out "$tmp/a.csv" "$samples"/*.txt >/dev/null 2>"$tmp/err"
echo "unknown extension: exit status $?"
grep -q 'a.csv: --aliases-out needs a name ending in .tsv, .json or .txt' "$tmp/err" && echo "unknown extension: says which are known"

# Atomic: when the table cannot be written in full (the file size limit is
# hit), the previous table stays and no temporary file is left.
echo "OLD TABLE" >"$tmp/keep.tsv"
sh -c 'ulimit -f 2; trap "" XFSZ; exec "$WA" report --aliases-out "$@"' sh "$tmp/keep.tsv" \
    "$samples"/*.txt >/dev/null 2>"$tmp/err"
echo "write error: exit status $?"
[ "$(cat "$tmp/keep.tsv")" = "OLD TABLE" ] && echo "write error: the previous table is kept"
[ "$(ls -A "$tmp" | grep -c '^\.keep')" = 0 ] && echo "write error: no temporary file"
grep -q 'keep.tsv: cannot write' "$tmp/err" && echo "write error: message names the file"
# A missing input among good ones: the table of the good ones is written.
"$WA" report --aliases-out "$tmp/keep.tsv" "$samples"/*.txt "$tmp/missing.txt" >/dev/null 2>&1
echo "missing input: exit status $?"
grep -q '^# wirealign names' "$tmp/keep.tsv" && echo "missing input: the table of the good files is written"
