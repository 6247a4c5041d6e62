#!/bin/sh
# End-to-end tests: runs the built binary on the cases under tests/golden/
# and compares stdout (and the exit status) with what is expected.
#
# A case is a set of files sharing a name in tests/golden/:
#   NAME.cmd     one shell command line; $WA is the binary; runs in tests/golden/
#   NAME.out     the expected standard output (exact)
#   NAME.status  the expected exit status (default 0)
#   NAME.err     optional: a fixed string that standard error must contain
# Prints "N passed, N failed" and exits non-zero when any case fails.
set -u
WA=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export WA
here=$(cd "$(dirname "$0")/../golden" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for cmd in "$here"/*.cmd; do
    [ -e "$cmd" ] || continue
    name=$(basename "$cmd" .cmd)
    want_status=0
    [ -f "$here/$name.status" ] && want_status=$(cat "$here/$name.status")
    (cd "$here" && sh -c "$(cat "$cmd")") >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
    ok=1
    if [ "$status" != "$want_status" ]; then
        echo "FAIL $name: exit status $status, expected $want_status"; ok=0
    fi
    if [ -f "$here/$name.out" ] && ! cmp -s "$tmp/out" "$here/$name.out"; then
        echo "FAIL $name: output differs:"; diff "$here/$name.out" "$tmp/out" | head -20; ok=0
    fi
    if [ -f "$here/$name.err" ] && ! grep -qF "$(cat "$here/$name.err")" "$tmp/err"; then
        echo "FAIL $name: stderr lacks '$(cat "$here/$name.err")':"; head -5 "$tmp/err"; ok=0
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "e2e: $pass passed, $fail failed"
[ $fail = 0 ]
