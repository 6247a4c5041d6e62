#!/bin/sh
# wirealign report -o: what the page holds, from the command line: the size
# cap on shown texts (the summary still covers every file), file names with
# markup in them, standard input.  Run from tests/golden/ by the e2e harness
# with $WA set; prints one line per check.
set -u
samples=$(cd "$(dirname "$0")/../../samples" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The cap: 0.005 MB holds the first sample (2413 bytes) and not the next two.
"$WA" report --html-limit 0.005 -o "$tmp/cap.html" "$samples/fr-afp-style.txt" \
    "$samples/fr-blog-rewrite.txt" "$samples/fr-reuters-ceasefire.txt" >/dev/null
echo "cap: exit status $?"
echo "cap: $(grep -c '<article class="doc"' "$tmp/cap.html") text shown"
echo "cap: $(grep -c '^<tr><th scope="row">' "$tmp/cap.html") rows in the summary"
grep -q 'The text of 2 files is not shown' "$tmp/cap.html" && echo "cap: the page says what it left out"
"$WA" report --html-limit 0 -o "$tmp/all.html" "$samples"/*.txt >/dev/null
echo "no cap: $(grep -c '<article class="doc"' "$tmp/all.html") texts shown"

# A file name with markup and quotes is escaped everywhere.
cp "$samples/fr-afp-style.txt" "$tmp/<b>&\"x\".txt"
"$WA" report -o "$tmp/names.html" "$tmp/<b>&\"x\".txt" >"$tmp/names.out"
grep -q '&lt;b&gt;&amp;"x".txt' "$tmp/names.html" && ! grep -q '<b>&' "$tmp/names.html" \
    && echo "file names: escaped"

# Standard input.
"$WA" report -o "$tmp/stdin.html" <"$samples/fr-afp-style.txt" >"$tmp/stdin.out"
grep -q '^<stdin>: UTF-8' "$tmp/stdin.out" && grep -q '<h2 id="d0-h">&lt;stdin&gt;</h2>' "$tmp/stdin.html" \
    && echo "stdin: read and named <stdin>"

# Bad values are refused before anything is read.
"$WA" report --html-limit x "$samples/fr-afp-style.txt" >/dev/null 2>&1
echo "bad --html-limit: exit status $?"
"$WA" report --jobs 1000 "$samples/fr-afp-style.txt" >/dev/null 2>&1
echo "bad --jobs: exit status $?"
"$WA" report -o - "$samples/fr-afp-style.txt" >/dev/null 2>&1
echo "-o -: exit status $?"

# --only keeps the findings of the categories named.
"$WA" report --only loanword "$samples"/*.txt | tail -1 | grep -q ' findings (loanword [0-9]*)$' \
    && echo "--only loanword: only loanwords"
"$WA" report --only bogus "$samples/fr-afp-style.txt" >/dev/null 2>&1
echo "--only bogus: exit status $?"
