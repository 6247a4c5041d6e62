#!/bin/sh
# make leakcheck: the CLI's end-to-end tests (tests/golden/ and the bad-input
# table) with every run of the binary under valgrind's memcheck.  Fails on
# any memory error and on any definite, indirect or possible leak not covered
# by tests/valgrind.supp (whose entries each say which library cache they
# cover).  Memory still reachable at exit (library caches) is not a leak.
# A run that a test kills on purpose (SIGHUP, SIGINT, SIGTERM, SIGXFSZ, or
# SIGKILL, which leaves no summary: the atomic-write tests of `report`)
# dies with its handles open: objects still
# in use that are reached only through interior pointers (ICU's strings)
# show as "possibly lost" there, which says nothing about leaks; such a run
# still fails on memory errors and on definite or indirect leaks.
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
exec valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible \\
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
bad=0 killed=0
for log in "$work"/logs/*.log; do
    [ -e "$log" ] || continue
    if grep -qE "Invalid (read|write|free)|uninitialised|Mismatched free|overlap|Syscall param" "$log"; then
        :
    elif grep -q "ERROR SUMMARY: 0 errors" "$log"; then
        continue
    elif grep -qE "Process terminating with default action of signal (1|2|15|25) " "$log" ||
        ! grep -q "ERROR SUMMARY" "$log"; then
        # killed on purpose, or by SIGKILL (no summary at all)
        killed=$((killed + 1))
        grep -qE "(definitely|indirectly) lost: [1-9]" "$log" || continue
    fi
    bad=$((bad + 1))
    echo "--- valgrind report ($(basename "$log")):"
    grep -v "^==[0-9]*== \(Memcheck\|Copyright\|Using Valgrind\)" "$log" | head -100
done
echo "leakcheck: $runs runs under valgrind ($killed killed on purpose by a test), $bad with a report, $(( $(date +%s) - t0 )) s"
[ $bad = 0 ] || status=1
exit $status
