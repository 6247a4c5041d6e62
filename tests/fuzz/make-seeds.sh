#!/bin/sh
# Regenerates the seed corpora in tests/fuzz/corpus/ from samples/ and
# hand-made traps.  Run from anywhere: tests/fuzz/make-seeds.sh [TARGET...]
# Seeds are committed; crash regressions (crash-*, named after what they
# found) are added by hand and never deleted by this script.
# Byte 0 of a text seed selects the options (see tests/fuzz/text.c):
# 00 detect, 0a windows-1252, 0b ISO-8859-1, 05 UTF-16LE, 06 UTF-16BE,
# 0e windows-1251, 1a an unknown name, bit 0x20 no_repair.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
s=$top/samples

# seed DIR NAME SELECTOR_OCTAL: stdin, prefixed with the selector byte.
seed() {
    { printf "\\$3"; cat; } >"$1/$2"
}

seeds_text() {
    d=$here/corpus/text
    mkdir -p "$d"
    for f in "$s"/fr-*.txt; do
        n=$(basename "$f" .txt)
        seed "$d" "utf8-$n" 000 <"$f"
    done
    head -c 1500 "$s/fr-afp-style.txt" >"$d/.tmp"
    iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT "$d/.tmp" | seed "$d" cp1252-detect 000
    iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT "$d/.tmp" | seed "$d" cp1252-forced 012
    iconv -f UTF-8 -t UTF-16LE "$d/.tmp" | seed "$d" utf16le-nobom 000
    iconv -f UTF-8 -t UTF-16LE "$d/.tmp" | seed "$d" utf16le-forced 005
    { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$d/.tmp"; } | seed "$d" utf16le-bom 000
    iconv -f UTF-8 -t UTF-16BE "$d/.tmp" | seed "$d" utf16be-nobom 000
    { printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$d/.tmp"; } | seed "$d" utf16be-bom 006
    { printf '\000\000\376\377'; iconv -f UTF-8 -t UTF-32BE "$d/.tmp" | head -c 800; } | seed "$d" utf32be-bom 000
    { printf '\357\273\277'; cat "$d/.tmp"; } | seed "$d" utf8-bom 000
    # Double and triple encoded UTF-8 (read as windows-1252 and re-encoded).
    iconv -f WINDOWS-1252 -t UTF-8 "$d/.tmp" 2>/dev/null | seed "$d" double-encoded 000 || true
    iconv -f WINDOWS-1252 -t UTF-8 "$d/.tmp" 2>/dev/null | seed "$d" double-encoded-norepair 040 || true
    iconv -f ISO-8859-1 -t UTF-8 "$d/.tmp" | iconv -f ISO-8859-1 -t UTF-8 | head -c 900 | seed "$d" triple-encoded 000
    printf 'Le pr\303\251sident a d\303\251clar\303\251 \303\240 Erevan : \302\253 La paix \303\251tait proche \302\273.\n' \
        | iconv -f ISO-8859-1 -t UTF-8 | seed "$d" double-encoded-short 000
    printf 'Caf\351 \340 Paris, \253 d\351j\340 \273, gar\347on.\n' | seed "$d" latin1-detect 000
    printf 'Caf\351 \340 Paris, \253 d\351j\340 \273, gar\347on.\n' | seed "$d" latin1-forced 013
    printf '\302\253 Caf\303\251 \302\273 et un octet cp1252 isol\351 \205 ici.\n' | seed "$d" mostly-utf8 000
    printf '\317\356\361\356\353 \320\356\361\361\350\350 \342 \300\360\354\345\355\350\350.\n' | seed "$d" cp1251-forced 016
    printf 'Cafe\314\201 nai\314\210ve \341\272\274 e\314\201\314\201\n' | seed "$d" nfd 000
    printf 'ligne1\r\nligne2\rligne3\n\r\n\r' | seed "$d" crlf-cr 000
    printf 'a\000b\000\000c\000' | seed "$d" nul 000
    # Invalid UTF-8 of every kind.
    printf 'overlong \300\257 \340\200\257 \360\200\200\257 \301\277\n' | seed "$d" overlong 000
    printf 'surrogates \355\240\200 \355\277\277 \355\240\275\355\270\200\n' | seed "$d" surrogates 000
    printf 'truncated \342\202 x \360\237\230 y \303' | seed "$d" truncated 000
    printf 'lone \200 \277 \376 \377 \370\210\200\200\200 \364\220\200\200\n' | seed "$d" lone-bytes 000
    printf 'unknown encoding\n' | seed "$d" unknown-encoding 032
    head -c 600 /bin/true | seed "$d" elf 000
    printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\006\000\000\000\037\025\304\211\000\000\000\rIDATx\234c\000\001\000\000\005\000\001\r\n-\264\000\000\000\000IEND\256B`\202' \
        | seed "$d" png 000
    : | seed "$d" empty 000
    printf ' \t\n \n\r\n  ' | seed "$d" whitespace 000
    rm -f "$d/.tmp"
}

# The case files with their {nbsp}-style escapes written out.
unescape() {
    sed -e 's/{nbsp}/\xc2\xa0/g' -e 's/{nnbsp}/\xe2\x80\xaf/g' -e 's/{tab}/\t/g' "$@"
}

# chunks DIR PREFIX SELECTOR LINES FILE: FILE cut every LINES lines, each
# piece prefixed with SELECTOR (octal, or "" for none).
chunks() {
    tmp=$1/.chunks
    mkdir -p "$tmp"
    split -l "$4" -a 2 "$5" "$tmp/x"
    for c in "$tmp"/x*; do
        if [ -n "$3" ]; then
            seed "$1" "$2-$(basename "$c" | cut -c2-)" "$3" <"$c"
        else
            cp "$c" "$1/$2-$(basename "$c" | cut -c2-)"
        fi
    done
    rm -rf "$tmp"
}

# Sentence splitting: byte 0 = language (0 fr, 1 en, 2 de, 3 it) + 4 for
# raw bytes (no wa_text); samples, case-file inputs, traps.
seeds_split() {
    d=$here/corpus/split
    mkdir -p "$d"
    for f in "$s"/fr-*.txt; do
        head -c 3000 "$f" | seed "$d" "$(basename "$f" .txt)" 000
    done
    for l in fr en de; do
        awk '/^=== /{n++} n && !/^(===|---)/' "$top/tests/cases/split-$l.txt" | head -c 6000 |
            seed "$d" "cases-$l" "00$(case $l in fr) echo 0 ;; en) echo 1 ;; de) echo 2 ;; esac)"
    done
    printf '« Pourquoi ? » a-t-il dit. M. Dupont (AFP) - etc. J.-P. Sartre... [...] Yahoo! 6.500 jeudi.Les www.x.fr

- a
- b
' |
        seed "$d" traps 000
    printf 'Il pleutÿ. Ã Le  vent.â Â« Non Â»
' | seed "$d" raw-invalid 004
    printf 'ä½ å¥½ãæã ÕÖ Ab. â¨ Cdâ©Ef.' |
        seed "$d" scripts 003
}

seeds_token() {
    d=$here/corpus/token
    mkdir -p "$d"
    sed -n 's/ =>.*//p' "$top/tests/cases/token-fr.txt" | seed "$d" cases-fr 000
    seed "$d" sample-afp 000 <"$s/fr-afp-style.txt"
    seed "$d" sample-blog-en 001 <"$s/fr-blog-rewrite.txt"
    printf "l'\342\200\231Etat aujourd'hui qu'\nA-t-il ex-URSS COVID-19 9h00 x@y.fr http://a.b/c?d=1 --- ''' l'" \
        | seed "$d" traps 000
    printf "Don't can't U.S. e-mail state-of-the-art 1,000.5 O'Neil" | seed "$d" english 001
}

seeds_translit() {
    d=$here/corpus/translit
    mkdir -p "$d"
    # Pairs from the case file, one per seed, and a few traps of bytes.
    grep -v '^#' "$top/tests/cases/match-pairs.tsv" | grep . | cut -f1,2 | awk 'NR % 25 == 1' |
        while IFS= read -r line; do
            printf '%s' "$line" >"$d/pair-$(printf '%s' "$line" | cksum | cut -d' ' -f1)"
        done
    printf 'Putin, Vladimir Jr.	  ' >"$d/comma-marker"
    printf "l'\tO'Brien d'Estaing" >"$d/apostrophes"
    printf 'J. R. R.	A-B-C--D' >"$d/initials-hyphens"
    printf '\342\202 \300\257\tШ\315\210ойгу' >"$d/invalid-utf8"
    printf '\344\271\240\350\277\221\345\271\263\tXi' >"$d/han"
    printf 'Сергей Шойгу\tSergueï Choïgou' >"$d/cyrillic"
    printf 'Նիկոլ Փաշինյան\tNikol Pachinian' >"$d/armenian"
    printf 'მიხეილ სააკაშვილი\tMikheil Saakashvili' >"$d/georgian"
    printf 'Κυριάκος Μητσοτάκης\tKyriakos Mitsotakis' >"$d/greek"
    printf 'محمد بن سلمان\tMohammed ben Salmane' >"$d/arabic"
    printf 'le président J.-P. de La Tour Jr.\tJean-Pierre Delatour III' >"$d/titles-markers"
    printf 'Mao Tsé-toung\tMao Zedong' >"$d/alias"
    printf ' - . \tV.' >"$d/no-letters"
}

seeds_aliases() {
    d=$here/corpus/aliases
    mkdir -p "$d"
    chunks "$d" default "" 40 "$top/dictionaries/aliases.tsv"
    printf 'russia\ten:Russia\tfr:Russie\n# c\n\nrussia\tRossiya\r\n' >"$d/repeat-id-crlf"
    printf 'no tab on this line\n' >"$d/no-tab"
    printf '\tname without id\n' >"$d/empty-id"
    printf 'onlyid\n' >"$d/only-id"
    printf 'x\t- . -\n' >"$d/no-letters"
    printf 'x\ten:\tfr:\tde:\n' >"$d/empty-lang"
    printf '\357\273\277bom\tName\n' >"$d/bom"
    printf 'a\tNiger\nb\tNiger\n' >"$d/same-name-two-ids"
    printf 'bad\tCaf\351\n' >"$d/latin1"
}

seeds_names_merge() {
    d=$here/corpus/names_merge
    mkdir -p "$d"
    bin=$top/build/wirealign
    [ -x "$bin" ] || { echo "make-seeds: build $bin first" >&2; exit 1; }
    for f in "$s"/fr-afp-style.txt "$s"/fr-reuters-ceasefire.txt; do
        (cd "$s" && "$bin" names "$(basename "$f")") >"$d/table-$(basename "$f" .txt)"
    done
    (cd "$s" && "$bin" names fr-blog-rewrite.txt fr-spun-machine-translation.txt) \
        | head -30 >"$d/table-two-docs"
    t=$d/table-fr-afp-style
    head -3 "$t" | sed 's/=[0-9]*$/=abc/' >"$d/bad-count"
    head -3 "$t" | sed 's/=/%ZZ=/' >"$d/bad-escape"
    head -3 "$t" | cut -f1-3 >"$d/missing-fields"
    head -3 "$t" | sed 's/\t[0-9]*\t/\t99999999999999999999999\t/' >"$d/huge-count"
    head -c 150 "$t" >"$d/truncated"
    printf '# wirealign names 1\tentity\tcanonical\tvariant\tkey\tcount\tdocuments\n1\tA%%09B\tA%%0AB\tab\t2\td%%3Bx=1;d%%3Dy=1\n' >"$d/escapes"
}

seeds_names() {
    d=$here/corpus/names
    mkdir -p "$d"
    for f in "$s"/fr-*.txt; do
        head -c 2500 "$f" >"$d/$(basename "$f" .txt)"
    done
    cat "$top/tests/golden/data/names/aliyev-family.txt" >"$d/aliyev-family"
    printf '# wirealign names 1\n1\tA\tA Bc\tab\t3\td%%3B=2;e=1@A B\n' >"$d/table"
    printf "Le Premier ministre M. V. Poutine, l'Azerbaïdjan, d\342\200\231Erevan. Putin's al-Assad" >"$d/titles"
    printf 'A B C D E F G H I J K L M N O P Q R S T U V W X Y Z' >"$d/capitals"
    printf '\342\202 Ab\300 Cd\355\240\200 Ef' >"$d/invalid-utf8"
}

seeds_check() {
    d=$here/corpus/check
    mkdir -p "$d"
    seed "$d" sample-spun 000 <"$s/fr-spun-machine-translation.txt"
    seed "$d" sample-blog 000 <"$s/fr-blog-rewrite.txt"
    grep -v '^#' "$top/tests/cases/check-fr.txt" \
        | sed -e 's/\[\[\([^|]*\)|[^]]*\]\]/\1/g' -e 's/\\n/\n/g' >"$d/.cases"
    chunks "$d" cases-fr 000 60 "$d/.cases"
    rm -f "$d/.cases"
    printf 'The the ministers said that that the summit was was lengthy.\n' | seed "$d" english 001
    printf 'les les mots mots collésensemble, Lire aussi : Abonnez-vous\nLire aussi : Abonnez-vous\n' \
        | seed "$d" repeats 000
}

targets=${*:-text split token translit aliases names_merge names check}
for t in $targets; do
    "seeds_$t"
done
du -sh "$here/corpus"
