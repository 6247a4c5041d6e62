#!/bin/sh
# wirealign report gives byte-identical output (stdout, stderr, the page,
# the alias table, the exit status) whatever --jobs is: on the samples, and on 300 generated
# files mixing encodings, empty and missing files.  Run from tests/golden/
# by the e2e harness with $WA set; prints one line per check.
set -u
samples=$(cd "$(dirname "$0")/../../samples" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # run NAME JOBS FILES...
    name=$1 jobs=$2
    shift 2
    "$WA" report --jobs "$jobs" -o "$tmp/$name.$jobs.html" --aliases-out "$tmp/$name.$jobs.tsv" "$@" \
        >"$tmp/$name.$jobs.out" 2>"$tmp/$name.$jobs.err"
    echo $? >"$tmp/$name.$jobs.status"
}

same() { # same NAME JOBS_A JOBS_B
    for ext in out err html tsv status; do
        if ! cmp -s "$tmp/$1.$2.$ext" "$tmp/$1.$3.$ext"; then
            echo "$1: --jobs $2 and --jobs $3 differ in $ext"
            diff "$tmp/$1.$2.$ext" "$tmp/$1.$3.$ext" | head -5
            return 1
        fi
    done
    return 0
}

for j in 1 2 3; do run samples $j "$samples"/*.txt; done
same samples 1 2 && same samples 1 3 && echo "samples: identical with --jobs 1, 2, 3"

# 300 files: each a different mix of the samples' lines; every fifth in
# Latin-1, every seventh doubly encoded (mojibake), some empty, some missing.
mkdir "$tmp/c"
cat "$samples"/*.txt >"$tmp/all"
total=$(wc -l <"$tmp/all")
i=0
while [ $i -lt 300 ]; do
    f=$(printf '%s/c/w%03d.txt' "$tmp" $i)
    n=$(( (i * 7) % 40 + 1 ))
    start=$(( (i * 37) % total + 1 ))
    tail -n +"$start" "$tmp/all" | head -n "$n" >"$f"
    if [ $((i % 5)) = 0 ]; then
        iconv -f UTF-8 -t ISO-8859-1//TRANSLIT "$f" >"$f.tmp" 2>/dev/null && mv "$f.tmp" "$f"
    elif [ $((i % 7)) = 0 ]; then
        iconv -f ISO-8859-1 -t UTF-8 "$f" >"$f.tmp" && mv "$f.tmp" "$f"
    fi
    [ $((i % 41)) = 3 ] && : >"$f"
    i=$((i + 1))
done
set -- "$tmp"/c/w*.txt
set -- "$@" "$tmp/c/missing-1.txt"
set -- "$tmp/c/missing-0.txt" "$@" "$tmp/c"
for j in 1 2 4; do run many $j "$@"; done
same many 1 2 && same many 1 4 && echo "300 files: identical with --jobs 1, 2, 4"
[ "$(cat "$tmp/many.1.status")" = 2 ] && echo "missing files: exit status 2"
grep -c 'missing-[01].txt' "$tmp/many.1.err" | sed 's/^/missing files named on stderr: /'
# Every good file has its line, in the order given.
grep -c '^.*/c/w[0-9]*\.txt: ' "$tmp/many.1.out" | sed 's/^/lines for good files: /'
grep '/c/w[0-9]*\.txt: ' "$tmp/many.1.out" | sed 's/:.*//' | sort -c && echo "lines in file order"
