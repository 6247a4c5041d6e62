#!/bin/sh
# Makes the bad-input fixtures in directory $1 (see tests/badinput/table).
# Everything is generated at test time: nothing binary or large is committed.
set -eu
F=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
S=$top/samples
mkdir -p "$F"
cd "$F"

# References (UTF-8, LF): afp is Latin-1-clean, blog needs windows-1252.
cp "$S/fr-afp-style.txt" afp.txt
cp "$S/fr-blog-rewrite.txt" blog.txt
printf 'Premier fichier.\n' >good1.txt
printf 'Second fichier.\n' >good2.txt
cat good1.txt good2.txt >good12.txt

: >empty.txt
printf ' \t \n\n   \n\t' >ws.txt
cp /bin/true true.elf
# A 1x1 PNG: signature, IHDR, IDAT, IEND.
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\006\000\000\000\037\025\304\211\000\000\000\rIDATx\234c\000\001\000\000\005\000\001\r\n-\264\000\000\000\000IEND\256B`\202' >image.png

# Text with a few NUL bytes: the expected output has U+FFFD in their place.
# (Cuts at line starts, so that no character is split.)
{ head -n 2 afp.txt; printf '\000'; sed -n 3,4p afp.txt; printf '\000\000'; tail -n +5 afp.txt; } >nul.txt
{ head -n 2 afp.txt; printf '\357\277\275'; sed -n 3,4p afp.txt; printf '\357\277\275\357\277\275'; tail -n +5 afp.txt; } >nul.expected

# Invalid UTF-8 of every kind, each inside otherwise valid French UTF-8.
inject() { # NAME BYTES(printf format)
    { head -n 3 afp.txt; printf "$2"; tail -n +4 afp.txt; } >"$1.txt"
}
inject overlong '\300\257 \340\200\257 \360\200\200\257 \301\277'
inject surrogates '\355\240\200 \355\277\277 \355\240\275\355\270\200'
inject truncated-middle '\342\202 \360\237\230 \303'
inject lone-continuation '\200 \277 \243\251'
inject fe-ff '\376 \377 \376\377'
inject five-six-byte '\370\210\200\200\200 \374\204\200\200\200\200'
inject above-10ffff '\364\220\200\200 \367\277\277\277'
{ cat afp.txt; printf '\342\202'; } >truncated-end.txt

# UTF-16 with and without BOM; windows-1252 and Latin-1 wires.
iconv -f UTF-8 -t UTF-16LE afp.txt >utf16le-nobom.txt
iconv -f UTF-8 -t UTF-16BE afp.txt >utf16be-nobom.txt
{ printf '\377\376'; cat utf16le-nobom.txt; } >utf16le-bom.txt
{ printf '\376\377'; cat utf16be-nobom.txt; } >utf16be-bom.txt
iconv -f UTF-8 -t WINDOWS-1252 blog.txt >cp1252.txt
iconv -f UTF-8 -t ISO-8859-1 afp.txt >latin1.txt
# Double-encoded UTF-8: the UTF-8 bytes read as Latin-1 and encoded again.
iconv -f ISO-8859-1 -t UTF-8 afp.txt >double.txt

# Size: a 10 MB line (no newline at all) and 50 MB without a period.
yes 'mot' | head -c 10485760 | tr '\n' ' ' >line10m.txt
yes 'une ligne de texte sans point final, et encore des mots' | head -c 52428800 >noperiod50m.txt

# 100,000 tiny files and the list naming them (in order).
mkdir many
seq 100000 >many.expected
(cd many && split -l 1 -a 5 ../many.expected f)
(cd many && ls) | sed "s|^|$(pwd)/many/|" >many.list
printf '\n\n' >empty.list

mkdir dir
# Unreadable (as root, run.sh runs its rows as nobody through setpriv).
printf 'secret\n' >locked.txt
chmod 000 locked.txt

# For the report's output file: what an old page held, and the listing of
# the scratch folder afterwards (no temporary file left behind).
printf 'old\n' >old.txt
printf 'old\nr.html\n' >old-ls.txt

# Data folders (copies of dictionaries/) with one file removed or garbled,
# and a Hunspell folder with junk for the French dictionary.
mkdata() { rm -rf "$1"; cp -R "$top/dictionaries" "$1"; }
mkdata dd-no-common && rm dd-no-common/abbrev/common.txt
mkdata dd-bad-abbrev && printf 'M. title\nfoo bar baz\n' >>dd-bad-abbrev/abbrev/fr.txt
mkdata dd-bin-abbrev && head -c 3000 /bin/true >>dd-bin-abbrev/abbrev/fr.txt
mkdata dd-bad-ending && printf 'Ment ending\n' >>dd-bad-ending/abbrev/fr.txt
mkdata dd-no-anglicisms && rm dd-no-anglicisms/anglicisms-fr.txt
mkdata dd-bin-gazetteer && head -c 3000 /bin/true >dd-bin-gazetteer/gazetteer.txt
mkdata dd-bin-boilerplate && head -c 3000 /bin/true >dd-bin-boilerplate/boilerplate.txt
mkdata dd-latin1-media && printf 'Le Monde diplomatique\nLa D\351p\352che\n' >>dd-latin1-media/media-names.txt
mkdata dd-nul-spin && printf 'journal\000quotidien\n' >>dd-nul-spin/spin-synonyms.txt
mkdata dd-bad-variants && printf 'our\n' >>dd-bad-variants/spelling-variants-en.txt
mkdata dd-bad-elisions && printf 'fr: l apostrophe\n' >>dd-bad-elisions/elisions.txt
mkdata dd-no-elisions && rm dd-no-elisions/elisions.txt
mkdata dd-bad-rules && printf 'a > b c d ;;;; [[[ \n' >>dd-bad-rules/translit/phonetic.txt
mkdata dd-no-rules && rm dd-no-rules/translit/phonetic.txt
mkdata dd-no-titles && rm dd-no-titles/names/titles.txt
mkdir dict-garbled
head -c 5000 /bin/true >dict-garbled/fr_FR.aff
head -c 5000 /bin/true >dict-garbled/fr_FR.dic

# Alias files (--aliases) and alias tables (names --merge), good and bad.
printf 'x\n' >bad-alias.tsv
printf 'ok\tMoscow\n\tno id here\n' >bad-alias-line2.tsv
head -c 2000 /bin/true >alias-bin.tsv
printf 'bad\tCaf\351\n' >alias-latin1.tsv
tab=$(printf '\t')
{
    echo "# wirealign names 1${tab}entity${tab}canonical${tab}variant${tab}key${tab}count${tab}documents"
    echo "1${tab}Arménie${tab}Arménie${tab}armeni${tab}5${tab}a.txt=3;b.txt=2"
    echo "2${tab}Nikol Pachinian${tab}Nikol Pachinian${tab}nikol paxinian${tab}2${tab}a.txt=2"
    echo "2${tab}Nikol Pachinian${tab}Nikol Pashinyan${tab}nikol paxinian${tab}1${tab}b.txt=1"
} >table1.tsv
printf 'garbage\n' >bad-table.tsv
sed "s/${tab}2${tab}a.txt=2/${tab}-5${tab}a.txt=-5/" table1.tsv >neg-table.tsv
