#!/bin/sh
# The flow for corpora larger than one machine, run locally with GNU
# parallel: split the corpus into shards, `wirealign names --format tsv` on
# each shard (in parallel), `wirealign names --merge` the shard tables; the
# result equals one run over everything (names, and report --aliases-out),
# whatever the shard size and the merge order.  Run from tests/golden/ by
# the e2e harness with $WA set; prints one line per check.
set -u
samples=$(cd "$(dirname "$0")/../../samples" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v parallel >/dev/null || { echo "GNU parallel is not installed (make check installs it)"; exit 1; }

# 60 wires: the samples, and 55 more made of runs of the samples' lines.
mkdir "$tmp/wires"
cp "$samples"/*.txt "$tmp/wires/"
cat "$samples"/*.txt >"$tmp/all"
total=$(wc -l <"$tmp/all")
i=0
while [ $i -lt 55 ]; do
    tail -n +$(( (i * 53) % total + 1 )) "$tmp/all" | head -n $(( (i * 11) % 30 + 3 )) \
        >"$(printf '%s/wires/gen%02d.txt' "$tmp" $i)"
    i=$((i + 1))
done
cd "$tmp"
ls wires/*.txt >list
"$WA" names --format tsv $(cat list) >one.tsv 2>/dev/null
"$WA" report --aliases-out report.tsv $(cat list) >/dev/null 2>&1
cmp -s one.tsv report.tsv && echo "report --aliases-out: the table of one names run"

for size in 6 25; do
    rm -f shard.*.tsv
    parallel --will-cite -j 2 -N "$size" "\"$WA\" names --format tsv {} > shard.{#}.tsv 2>/dev/null" <list
    "$WA" names --merge shard.*.tsv >merged.tsv 2>/dev/null
    cmp -s one.tsv merged.tsv && echo "shards of $size: merged table equals one run"
done
# Merging is associative and commutative: merge the merges, in reverse order.
n=$(ls shard.*.tsv | wc -l)
ls shard.*.tsv | sort -r | head -n $((n / 2)) >half1
ls shard.*.tsv | sort -r | tail -n +$((n / 2 + 1)) >half2
"$WA" names --merge $(cat half1) >m1.tsv 2>/dev/null
"$WA" names --merge $(cat half2) >m2.tsv 2>/dev/null
"$WA" names --merge m2.tsv m1.tsv >mm.tsv 2>/dev/null
cmp -s one.tsv mm.tsv && echo "merge of merges, reversed: equals one run"
