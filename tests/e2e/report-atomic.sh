#!/bin/sh
# wirealign report -o writes atomically: a run that fails or is killed
# leaves the previous page as it was and no temporary file behind; a run
# that succeeds replaces it with an ordinary file.  Run from tests/golden/
# by the e2e harness with $WA set; prints one line per check.
set -u
samples=$(cd "$(dirname "$0")/../../samples" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out/report.html
mkdir "$tmp/out"

old() { echo "OLD PAGE" >"$out"; }
kept() { # kept WHAT: the old page is intact and nothing else is in the folder
    if [ "$(cat "$out")" = "OLD PAGE" ] && [ "$(ls -A "$tmp/out")" = "report.html" ]; then
        echo "$1: old page kept, no temporary file"
    else
        echo "$1: FAILED"; ls -A "$tmp/out"; head -c 200 "$out"
    fi
}

# 1. Writing fails half-way (the file size limit is hit; SIGXFSZ ignored, so
#    write() fails with EFBIG).
old
(ulimit -f 8; trap '' XFSZ; "$WA" report --jobs 2 -o "$out" "$samples"/*.txt >/dev/null 2>"$tmp/err1")
st=$?
echo "write error: exit status $st"
grep -q "report.html: .*left as it was" "$tmp/err1" && echo "write error: message names the file"
kept "write error"

# 2. The same limit with SIGXFSZ fatal: the signal kills the process.
old
sh -c 'ulimit -f 8; exec "$WA" report -o "$@"' sh "$out" "$samples"/*.txt >/dev/null 2>&1
echo "killed by SIGXFSZ: exit status $?"
kept "killed by SIGXFSZ"

# 2b. Killed while writing the page itself (after the scratch file, which
#     lacks the page's style sheet and summary, was written in full): the
#     signal handler removes the temporary page.
"$WA" report -o "$tmp/full.html" "$samples"/*.txt >/dev/null 2>&1
blocks=$(( ($(wc -c <"$tmp/full.html") - 2000) / 512 ))
old
sh -c 'ulimit -f '$blocks'; exec "$WA" report -o "$@"' sh "$out" "$samples"/*.txt >/dev/null 2>&1
echo "killed while writing the page: exit status $?"
kept "killed while writing the page"

# 3. Killed (TERM, then KILL) while reading an input that never ends.
for sig in TERM KILL; do
    old
    rm -f "$tmp/fifo"
    mkfifo "$tmp/fifo"
    "$WA" report --jobs 2 -o "$out" "$samples"/*.txt "$tmp/fifo" >/dev/null 2>&1 &
    pid=$!
    exec 3>"$tmp/fifo" # the reader is now blocked on an open, never-ending input
    echo "partial line" >&3
    sleep 0.3
    kill -"$sig" $pid
    wait $pid 2>/dev/null
    exec 3>&-
    kept "killed by SIG$sig"
done

# 4. Bad usage never touches the page.
old
"$WA" report --jobs 0 -o "$out" "$samples"/*.txt >/dev/null 2>&1
echo "bad --jobs: exit status $?"
kept "bad --jobs"

# 5. Success replaces the page with an ordinary, readable file.
old
(umask 022; "$WA" report -o "$out" "$samples"/*.txt >/dev/null 2>&1)
echo "success: exit status $?"
grep -q '^<!DOCTYPE html>' "$out" && tail -1 "$out" | grep -q '</html>' && echo "success: complete page in place"
[ "$(stat -c %a "$out")" = 644 ] && echo "success: mode 644 under umask 022"
[ "$(ls -A "$tmp/out")" = "report.html" ] && echo "success: no temporary file left"

# 6. An output folder that does not exist: a clear error, exit 2.
"$WA" report -o "$tmp/none/r.html" "$samples"/fr-afp-style.txt >/dev/null 2>"$tmp/err6"
echo "missing folder: exit status $?"
grep -q "none/r.html" "$tmp/err6" && echo "missing folder: message names the file"
