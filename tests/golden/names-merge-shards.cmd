# sharded runs merged (in any grouping and order) give the one-run table
d=$(mktemp -d)
$WA names ../../samples/fr-afp-style.txt ../../samples/fr-blog-rewrite.txt > "$d/1.tsv"
$WA names ../../samples/fr-reuters-ceasefire.txt > "$d/2.tsv"
$WA names ../../samples/fr-spun-machine-translation.txt ../../samples/fr-translated-agency-wire.txt data/names/aliyev-family.txt > "$d/3.tsv"
$WA names ../../samples/*.txt data/names/aliyev-family.txt > "$d/all.tsv"
$WA names --merge "$d/3.tsv" "$d/1.tsv" "$d/2.tsv" > "$d/m.tsv"
$WA names --merge "$d/1.tsv" "$d/2.tsv" > "$d/12.tsv"
$WA names --merge "$d/12.tsv" "$d/3.tsv" > "$d/m2.tsv"
cmp "$d/all.tsv" "$d/m.tsv" && echo "merge equals one run"
cmp "$d/all.tsv" "$d/m2.tsv" && echo "merge of merges equals one run"
wc -l < "$d/all.tsv"
rm -rf "$d"
