#!/bin/sh
# make leakcheck: the CLI's end-to-end tests (tests/golden/ and the bad-input
# table) with every run of the binary under valgrind's memcheck.  Fails on
# any memory error and on any definite, indirect or possible leak not covered
# by tests/valgrind.supp (whose entries each say which library cache they
# cover).  Memory still reachable at exit (library caches) is not a leak.
# Usage: tests/leakcheck.sh BINARY    Environment: BADINPUT_SKIP, as for
# tests/badinput/run.sh (default here: vgskip, variants of other rows that
# valgrind makes slow).
set -u
real=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/logs"
cat >"$work/wirealign" <<EOW
#!/bin/sh
exec valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \\
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=86 \\
    --suppressions="$here/valgrind.supp" --num-callers=30 \\
    --log-file="$work/logs/vg.%p.log" "$real" "\$@"
EOW
chmod +x "$work/wirealign"
status=0
t0=$(date +%s)
"$here/e2e/run.sh" "$work/wirealign" || status=1
BADINPUT_TIMEOUT=${BADINPUT_TIMEOUT:-900} BADINPUT_SKIP=${BADINPUT_SKIP-vgskip} \
    BADINPUT_FIXTURES=${BADINPUT_FIXTURES:-$here/../build/badinput-fixtures} "$here/badinput/run.sh" "$work/wirealign" || status=1
runs=$(ls "$work/logs" | wc -l)
bad=0
for log in "$work"/logs/*.log; do
    [ -s "$log" ] || continue
    bad=$((bad + 1))
    echo "--- valgrind report ($(basename "$log")):"
    head -100 "$log"
done
echo "leakcheck: $runs runs under valgrind, $bad with a report, $(( $(date +%s) - t0 )) s"
[ $bad = 0 ] || status=1
exit $status
