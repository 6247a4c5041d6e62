#!/bin/sh
# Runs the sentence-splitting case files (tests/cases/split-LANG.txt, format
# documented at the top of split-fr.txt) through the CLI: `wirealign split
# --lang LANG` on each case's input, compared with its expected sentences.
#   tests/e2e/split-cases.sh BIN [--score] [-v] [CASEFILE...]
# Without CASEFILE: every tests/cases/split-*.txt.  Prints, per file, the
# failing cases (with -v: input, expected and actual) and "LANG: N cases, N
# exact (share)"; the last line is "split-cases: N passed, N failed".
# Exits 1 when a case fails, unless --score (then it only reports).  A case
# whose title starts with "[known failure]" counts in the share but does not
# fail the run ("N known" in the summary).
set -u
WA=$1
shift
score=0
verbose=0
while [ $# -gt 0 ]; do
    case $1 in
    --score) score=1; shift ;;
    -v) verbose=1; shift ;;
    *) break ;;
    esac
done
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- "$here"/cases/split-*.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total_pass=0
total_fail=0
for file in "$@"; do
    lang=$(basename "$file" .txt)
    lang=${lang#split-}
    rm -f "$tmp"/case.*
    # One case per NNNN.in / NNNN.exp / NNNN.title; escapes expanded.
    awk -v dir="$tmp" '
        function flush() {
            if (n == 0) return
            while (nin > 0 && inp[nin] ~ /^[ \t]*$/) nin--
            f = sprintf("%s/case.%05d", dir, n)
            printf "" > (f ".in")
            for (i = 1; i <= nin; i++) print inp[i] > (f ".in")
            close(f ".in")
            printf "" > (f ".exp")
            for (i = 1; i <= nexp; i++) print exp_[i] > (f ".exp")
            close(f ".exp")
            print title > (f ".title")
            close(f ".title")
        }
        function unesc(s) {
            gsub(/\{nbsp\}/, "\302\240", s)
            gsub(/\{nnbsp\}/, "\342\200\257", s)
            gsub(/\{tab\}/, "\t", s)
            return s
        }
        /^=== / { flush(); n++; title = substr($0, 5); nin = 0; nexp = 0; part = 1; next }
        n == 0 { next }
        part == 1 && $0 == "---" { part = 2; next }
        part == 1 { inp[++nin] = unesc($0); next }
        part == 2 && $0 !~ /^[ \t]*$/ { exp_[++nexp] = unesc($0) }
        END { flush() }
    ' "$file"
    pass=0
    fail=0
    known=0
    for in in "$tmp"/case.*.in; do
        [ -e "$in" ] || continue
        base=${in%.in}
        "$WA" split --lang "$lang" "$base.in" >"$base.out" 2>"$base.err"
        if cmp -s "$base.out" "$base.exp"; then
            pass=$((pass + 1))
        else
            title=$(cat "$base.title")
            case $title in
            "[known failure]"*) known=$((known + 1)) ;;
            *) fail=$((fail + 1)) ;;
            esac
            echo "FAIL $lang: $title"
            if [ $verbose = 1 ]; then
                echo "  input:"; sed 's/^/    | /' "$base.in"
                echo "  diff (expected, actual):"; diff "$base.exp" "$base.out" | sed 's/^/    /'
            fi
        fi
    done
    n=$((pass + fail + known))
    share=$(awk -v p=$pass -v n=$n 'BEGIN { printf "%.3f", n ? p / n : 0 }')
    echo "$lang: $n cases, $pass exact ($share), $known known failures"
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
done
echo "split-cases: $total_pass passed, $total_fail failed"
[ $score = 1 ] || [ $total_fail = 0 ]
