#!/bin/sh
# wirealign report's page in a real browser: headless Chromium (Debian's
# chromium) loads the page made from samples/, runs its inline script, and
# dumps the resulting DOM, which must hold every wire and every mark; a
# screenshot is kept as BUILD/report.png.  Run from tests/golden/ by the e2e
# harness with $WA set; prints one line per check.
set -u
samples=$(cd "$(dirname "$0")/../../samples" && pwd)
build=$(cd "$(dirname "$WA")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v chromium >/dev/null || { echo "chromium is not installed (make check installs it)"; exit 1; }

"$WA" report --jobs 2 -o "$build/report.html" "$samples"/*.txt >"$tmp/out" 2>"$tmp/err"
echo "report: exit status $?"

# Flags that work headless, as root, offline, without touching a profile.
chrome() {
    mkdir -p "$tmp/profile"
    timeout -k 5 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --user-data-dir="$tmp/profile" "$@" 2>>"$tmp/chrome.err"
}

chrome --dump-dom "file://$build/report.html" >"$tmp/dom.html"
[ -s "$tmp/dom.html" ] || { echo "no DOM dumped:"; tail -5 "$tmp/chrome.err"; exit 1; }
grep -q '<html lang="en" class="js">' "$tmp/dom.html" && echo "dom: the inline script ran"
echo "dom: $(grep -c '<article class="doc"' "$tmp/dom.html") wires shown"
echo "dom: $(grep -c '^<tr><th scope="row"><a href="#d' "$tmp/dom.html") rows in the summary"
grep -q 'pour mettre fin aux affrontements meurtriers' "$tmp/dom.html" && echo "dom: the wires' text is there"
# Highlights: every mark the page was written with is in the DOM, and the
# script's count agrees with the markup.
marks=$(grep -o '<mark class="f f-[a-z0-9-]*" data-f="[^"]*" id=' "$build/report.html" | wc -l)
dmarks=$(grep -o '<mark class="f f-[a-z0-9-]*" data-f="[^"]*" id=' "$tmp/dom.html" | wc -l)
[ "$marks" -gt 0 ] && [ "$marks" = "$dmarks" ] && echo "dom: every finding highlighted"
grep -q "id=\"js-status\"[^>]*>$marks findings" "$tmp/dom.html" && echo "dom: the script counted the findings"
# The spun wire's garbled English is highlighted as such, with a suggestion.
grep -q '<mark class="f f-loanword"[^>]*title="loanword: [^"]*→ [a-z]' "$tmp/dom.html" \
    && echo "dom: loanwords highlighted with their suggestions"
grep -q '<span class="s sb">' "$tmp/dom.html" && echo "dom: sentences shaded"
# Name colours: mentions carry their entity's colour, and an entity named
# in several wires has the same colour (and line style) in all of them.
grep -o '<article class="doc" id="d[0-9]*"\|<span class="n" data-e="[0-9]*" data-u="[0-9]" style="--h:[0-9]*"' \
    "$tmp/dom.html" | awk '
    /<article/ { doc = $0; next }
    {
        match($0, /data-e="[0-9]*"/); e = substr($0, RSTART, RLENGTH)
        style = substr($0, RSTART + RLENGTH)
        names++
        if (e in seen && seen[e] != style) clash++
        seen[e] = style
        if ((e, doc) in where) next
        where[e, doc] = 1
        if (++docs[e] == 2) shared++
    }
    END {
        if (names > 0) print "dom: name mentions coloured by entity"
        if (shared > 0 && !clash) print "dom: an entity has the same colour in every wire"
    }'
[ "$(grep -c '<tr id="e[0-9]*"><td><span class="chip" data-e=' "$tmp/dom.html")" -gt 0 ] \
    && echo "dom: the alias table beside the texts"

# A link to a finding opens its message and suggestions (the script's
# popover), as clicking it does.
first=$(grep -o '<mark class="f f-loanword" data-f="[^"]*" id="[^"]*"' "$build/report.html" | head -1 \
    | sed 's/.* id="\([^"]*\)"/\1/')
chrome --dump-dom "file://$build/report.html#$first" >"$tmp/pop.html"
grep -q "<div id=\"pop\" role=\"dialog\" aria-label=\"Finding\"[^>]*><a href=\"#$first\">[0-9]*:[0-9]*</a> <span class=\"cat c-loanword\">loanword</span>" "$tmp/pop.html" \
    && ! grep -q '<div id="pop"[^>]* hidden' "$tmp/pop.html" && echo "dom: a finding's popover shows its message"

rm -f "$build/report.png"
chrome --screenshot="$build/report.png" --window-size=1400,2400 --hide-scrollbars \
    "file://$build/report.html" >/dev/null
size=$(wc -c <"$build/report.png" 2>/dev/null || echo 0)
[ "$size" -gt 50000 ] && echo "screenshot: kept in the build folder (report.png)"
