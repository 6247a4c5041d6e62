#!/bin/sh
# Builds the deterministic French benchmark corpus: OUT/files/NNNN.txt
# (about 4000 wire-sized documents) and OUT/all.txt (all of them, in order).
#   tests/bench/make-corpus.sh OUT [MEGABYTES]      (default 40)
# Sources: the sample wires (samples/*.txt) and French prose from Debian
# packages on the machine: the French man pages (/usr/share/man/fr, from
# manpages-fr and others; roff markup stripped) and the French Vim tutor.
# Paragraphs and sentences are reshuffled with a fixed seed: whole
# paragraphs, new paragraphs made of sentences from several sources, sample
# paragraphs weighted up so the corpus stays wire-like.  Same machine, same
# packages: same bytes.  Takes a few seconds; not committed (build/corpus).
set -eu
out=$1
mb=${2:-40}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp="$out.tmp"
rm -rf "$tmp"
mkdir -p "$tmp/files"
export LC_ALL=C

# Man pages to plain paragraphs: requests dropped, font escapes removed.
man_text() {
    find /usr/share/man/fr -type f -name '*.gz' 2>/dev/null | sort | xargs -r zcat 2>/dev/null | awk '
    BEGIN {
        n = split("\x27e é \x27E É `e è `E È ^e ê ^E Ê :e ë `a à `A À ^a â ^A Â ^i î ^I Î :i ï ^o ô ^O Ô `u ù ^u û :u ü ,c ç ,C Ç", v, " ")
        for (i = 1; i < n; i += 2) acc[v[i]] = v[i + 1]
    }
    /^\.\\"/ || /^\x27\\"/ { next }
    /^\.(SH|SS) / { sub(/^\.S[HS] */, ""); gsub(/"/, ""); print ""; if ($0 != "") print; print ""; next }
    /^\.(PP|LP|P|TP|IP|HP|sp|br|RS|RE|nf|fi|TH|in|ti|EX|EE)( |$)/ { print ""; next }
    /^\.(B|I|BR|IR|RB|RI|BI|IB|SM|SB) / { sub(/^\.[A-Z]+ /, ""); gsub(/"/, "") }
    /^[.\x27]/ { next }
    {
        gsub(/\\f(\[[A-Z]*\]|\(..|.)/, ""); gsub(/\\\(Fo/, "«"); gsub(/\\\(Fc/, "»")
        # Accented letters (groff_char(7)): backslash ( acute e is é, and so on.
        while (match($0, /\\\([`\x27^:,][A-Za-z]/)) {
            k = substr($0, RSTART + 2, 2)
            $0 = substr($0, 1, RSTART - 1) ((k in acc) ? acc[k] : substr(k, 2)) substr($0, RSTART + RLENGTH)
        }
        gsub(/\\\(oe/, "œ"); gsub(/\\\(OE/, "Œ"); gsub(/\\\(bu|\\\[bu\]/, "•")
        gsub(/\\\(em/, "—"); gsub(/\\\(en/, "–"); gsub(/\\\(aq/, "\x27"); gsub(/\\\(dq/, "\"")
        gsub(/\\\(lq/, "“"); gsub(/\\\(rq/, "”"); gsub(/\\\(..|\\\[[a-z]+\]/, "")
        gsub(/\\-/, "-"); gsub(/\\&/, ""); gsub(/\\e/, "\\"); gsub(/\\ /, " ")
        gsub(/\\[|^,\/]/, ""); gsub(/\\s[-+]?[0-9]/, ""); print
    }'
}

{
    for f in "$root"/samples/*.txt; do cat "$f"; printf '\n\n'; done
} >"$tmp/samples.src"
{
    man_text
    for f in /usr/share/vim/vim*/tutor/tutor.fr.utf-8; do
        [ -f "$f" ] && cat "$f"
    done
    printf '\n\n'
} >"$tmp/docs.src"

awk -v seed=20260913 -v target=$((mb * 1000000)) -v dir="$tmp/files" '
function sentences(p, pool,    rest, n, k) {
    # Cut after ". ", "? ", "! " followed by a capital: good enough for a pool.
    rest = p
    while (match(rest, /[.?!] +[A-ZÀ-Ý«"]/)) {
        k = RSTART + 1
        pool[++pool[0]] = substr(rest, 1, k - 1)
        rest = substr(rest, k + 1)
        sub(/^ +/, "", rest)
    }
    if (rest != "") pool[++pool[0]] = rest
}
function pick(n) { return 1 + int(rand() * n) }
BEGIN { RS = ""; srand(seed) }
FILENAME ~ /samples/ { wire[++nw] = $0; sentences($0, ws); next }
{ if (length($0) > 20) { doc[++nd] = $0; sentences($0, ds) } }
END {
    per = int(target / 4000)
    total = 0
    for (f = 1; total < target; f++) {
        name = sprintf("%s/%04d.txt", dir, f)
        size = 0
        text = ""
        while (size < per) {
            r = rand()
            if (r < 0.2) para = wire[pick(nw)]
            else if (r < 0.55) para = doc[pick(nd)]
            else {
                n = 2 + int(rand() * 5)
                para = ""
                for (k = 0; k < n; k++) {
                    s = rand() < 0.35 ? ws[pick(ws[0])] : ds[pick(ds[0])]
                    para = para (k ? " " : "") s
                }
            }
            text = text para "\n\n"
            size += length(para) + 2
        }
        printf "%s", text > name
        close(name)
        total += size
    }
}' "$tmp/samples.src" "$tmp/docs.src"
rm -f "$tmp/samples.src" "$tmp/docs.src"
find "$tmp/files" -name '*.txt' | sort | xargs cat >"$tmp/all.txt"
rm -rf "$out"
mv "$tmp" "$out"
echo "corpus: $(ls "$out/files" | wc -l) files, $(wc -c <"$out/all.txt") bytes in $out" >&2
