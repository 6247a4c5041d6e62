#!/bin/sh
# The bad-input table: runs every row of tests/badinput/table against the
# CLI binary given as $1 and checks what a user expects.
#
# Every row, always (a failure here is never excused):
#   no hang (each command runs under `timeout`), no crash (no death by a
#   signal), no sanitizer or valgrind report (exit status 86 or a report on
#   stderr), every stderr line in the form "wirealign: ...".
# Then the row's own expectations: exit status, stdout, stderr pattern.
# A row flagged todo:ISSUE documents behaviour another issue delivers: when
# it fails it is reported as XFAIL, when it passes as XPASS (drop the flag).
#
# Environment: BADINPUT_TIMEOUT seconds per row (default 120);
# BADINPUT_FIXTURES: where to keep the fixtures between runs;
# BADINPUT_SKIP: flags whose rows are skipped (e.g. "big");
# BADINPUT_ONLY: an extended regex; only rows whose name matches run.
# Rows see $WA (the binary), $F (the fixtures, see fixtures.sh) and run in
# an empty scratch directory $T.
set -u
[ $# -ge 1 ] || { echo "usage: $0 WIREALIGN_BINARY" >&2; exit 2; }
WA=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
limit=${BADINPUT_TIMEOUT:-120}
skip=${BADINPUT_SKIP:-}
only=${BADINPUT_ONLY:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
T=$work/scratch
# The fixtures (100,000 files among them) are kept between runs in
# BADINPUT_FIXTURES when it is set, and remade when fixtures.sh or the
# samples change; otherwise they live in the scratch area.
F=${BADINPUT_FIXTURES:-$work/fixtures}
case $F in /*) ;; *) F=$(pwd)/$F ;; esac
stamp=$( (echo "$F"; cat "$here/fixtures.sh" "$here"/../../samples/*.txt;
    find "$here/../../dictionaries" -type f | sort | xargs cat) | cksum)
if [ "$(cat "$F/.stamp" 2>/dev/null)" != "$stamp" ]; then
    chmod -R u+rwx "$F" 2>/dev/null
    rm -rf "$F"
    "$here/fixtures.sh" "$F" || { echo "badinput: cannot make the fixtures" >&2; exit 2; }
    echo "$stamp" >"$F/.stamp"
fi
export WA F T

# Rows flagged nonroot need a user that file modes apply to: as root they
# run as nobody (setpriv) when nobody can run the binary, else are skipped.
asuser=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
    nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
    $nobody test -x "$WA" 2>/dev/null && asuser=$nobody
fi

pass=0 fail=0 xfail=0 xpass=0 skipped=0
now() { date +%s.%N; }

# utf8_ok FILE: valid UTF-8 without NUL bytes.
utf8_ok() {
    iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 &&
        [ "$(tr -d '\000' <"$1" | wc -c)" = "$(wc -c <"$1")" ]
}

# check_stdout SPEC FILE: prints why it fails, if it does.
check_stdout() {
    case $1 in
    -) ;;
    empty) [ -s "$2" ] && echo "stdout is not empty ($(wc -c <"$2") bytes)" ;;
    =*) cmp -s "$2" "$F/${1#=}" || echo "stdout differs from ${1#=} ($(wc -c <"$2") vs $(wc -c <"$F/${1#=}") bytes)" ;;
    utf8*)
        utf8_ok "$2" || echo "stdout is not valid UTF-8 without NUL"
        [ -s "$2" ] || echo "stdout is empty"
        case $1 in utf8~*) grep -q -- "${1#utf8~}" "$2" || echo "stdout lacks '${1#utf8~}'" ;; esac ;;
    *) echo "bad stdout spec '$1' in the table" ;;
    esac
}

while IFS= read -r line || [ -n "$line" ]; do
    case $line in '#'* | '') continue ;; esac
    name=${line%%|*}; rest=${line#*|}; rest=${rest# }
    want_status=${rest%% | *}; rest=${rest#* | }
    want_out=${rest%% | *}; rest=${rest#* | }
    want_err=${rest%% | *}; rest=${rest#* | }
    flags=${rest%% | *}; cmd=${rest#* | }
    name=$(echo "$name" | tr -d ' ')
    want_status=$(echo "$want_status" | tr -d ' ')
    case $want_status in
    [0-9] | [0-9][0-9] | [0-9][0-9][0-9]) ;;
    *) echo "FAIL  $name: malformed row (fields are separated by ' | ')"; fail=$((fail + 1)); continue ;;
    esac
    if [ -n "$only" ] && ! echo "$name" | grep -Eq -- "$only"; then continue; fi
    todo=""
    why_skip=""
    rowwa=$WA
    for fl in $(echo "$flags" | tr ',' ' '); do
        case $fl in
        todo:*) todo=${fl#todo:} ;;
        nonroot) if [ "$(id -u)" = 0 ]; then
                if [ -n "$asuser" ]; then rowwa="$asuser $WA"
                else why_skip="runs as root, root reads any file, and nobody cannot run $WA"; fi
            fi ;;
        esac
        for s in $skip; do [ "$fl" = "$s" ] && why_skip="flag $fl skipped (BADINPUT_SKIP)"; done
    done
    if [ -n "$why_skip" ]; then
        echo "skip  $name: $why_skip"; skipped=$((skipped + 1)); continue
    fi
    rm -rf "$T"; mkdir -p "$T"
    t0=$(now)
    (cd "$T" && WA=$rowwa && exec timeout -k 5 "$limit" sh -c "$cmd") >"$work/out" 2>"$work/err" </dev/null
    status=$?
    secs=$(echo "$(now) $t0" | awk '{printf "%.2f", $1 - $2}')
    # Safety: never excused.
    unsafe=""
    if [ $status = 124 ] || [ $status = 137 ]; then unsafe="hang: killed after $limit s"
    elif [ $status -ge 128 ]; then unsafe="crash: killed by signal $((status - 128))"
    elif [ $status = 86 ] || grep -Eq 'Sanitizer|runtime error:|^==[0-9]+==' "$work/err"; then unsafe="sanitizer/valgrind report"
    elif grep -vq '^wirealign: ' "$work/err"; then unsafe="a stderr line is not 'wirealign: ...': $(grep -v '^wirealign: ' "$work/err" | head -1)"
    fi
    if [ -n "$unsafe" ]; then
        echo "FAIL  $name ($secs s): $unsafe"; head -c 2000 "$work/err"; fail=$((fail + 1)); continue
    fi
    # Behaviour.
    why=""
    [ "$status" = "$want_status" ] || why="exit status $status, expected $want_status; "
    o=$(check_stdout "$want_out" "$work/out")
    [ -n "$o" ] && why="$why$o; "
    if [ "$want_err" != - ] && ! grep -Eiq -- "$want_err" "$work/err"; then
        why="${why}stderr lacks /$want_err/: $(head -c 300 "$work/err" | tr '\n' ' ')"
    fi
    if [ -z "$why" ]; then
        if [ -n "$todo" ]; then
            echo "XPASS $name ($secs s): passes now; remove todo:$todo from the table"; xpass=$((xpass + 1))
        else
            echo "ok    $name ($secs s)"; pass=$((pass + 1))
        fi
    elif [ -n "$todo" ]; then
        echo "XFAIL $name ($secs s, awaits $todo): $why"; xfail=$((xfail + 1))
    else
        echo "FAIL  $name ($secs s): $why"; fail=$((fail + 1))
    fi
done <"$here/table"
echo "badinput: $pass passed, $fail failed, $xfail xfail, $xpass xpass, $skipped skipped"
[ $fail = 0 ]
