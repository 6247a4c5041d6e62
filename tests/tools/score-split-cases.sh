#!/bin/sh
# Scores `wirealign split` on a split case file (format: header of
# tests/cases/holdout/split-fr.txt): prints every case that is not split
# exactly as expected, then the share of exact cases.  Always exits 0 when
# it could run (a report, not a test).
# Usage: score-split-cases.sh WIREALIGN CASEFILE LANG [-q]
set -u
bin=$1 cases=$2 lang=$3 quiet=${4:-}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
awk -v dir="$tmp" '
function esc(s) {
    gsub(/\{nbsp\}/, "\302\240", s); gsub(/\{nnbsp\}/, "\342\200\257", s);
    gsub(/\{tab\}/, "\t", s); return s
}
function flush(   i, last) {
    if (!n) return
    last = nin; while (last > 0 && inp[last] ~ /^[ \t]*$/) last--
    for (i = 1; i <= last; i++) print esc(inp[i]) > (dir "/" n ".in")
    if (last == 0) printf "" > (dir "/" n ".in")
    for (i = 1; i <= nexp; i++) print esc(xp[i]) > (dir "/" n ".exp")
    if (nexp == 0) printf "" > (dir "/" n ".exp")
    print title > (dir "/" n ".title")
    close(dir "/" n ".in"); close(dir "/" n ".exp"); close(dir "/" n ".title")
}
/^=== / { flush(); n++; title = substr($0, 5); nin = 0; nexp = 0; part = 1; next }
!n { next }
part == 1 && $0 == "---" { part = 2; next }
part == 1 { inp[++nin] = $0; next }
part == 2 && $0 !~ /^[ \t]*$/ { xp[++nexp] = $0 }
END { flush(); print n > (dir "/count") }
' "$cases"
total=$(cat "$tmp/count") ok=0 i=1
while [ "$i" -le "$total" ]; do
    if "$bin" split --lang "$lang" "$tmp/$i.in" 2>"$tmp/err" | grep -v '^[[:space:]]*$' >"$tmp/$i.out" &&
        cmp -s "$tmp/$i.out" "$tmp/$i.exp"; then
        ok=$((ok + 1))
    elif [ "$quiet" != "-q" ]; then
        printf 'FAIL %s: %s\n' "$i" "$(cat "$tmp/$i.title")"
        diff "$tmp/$i.exp" "$tmp/$i.out" | sed -n 's/^</  expected:/p; s/^>/  got:     /p'
    fi
    i=$((i + 1))
done
awk -v ok="$ok" -v t="$total" -v f="$cases" 'BEGIN { printf "%s: %d/%d cases split exactly right (%.3f)\n", f, ok, t, t ? ok / t : 0 }'
