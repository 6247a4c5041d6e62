t=$(mktemp); $WA report --jobs 2 ../../samples/fr-afp-style.txt nope.txt ../../samples/fr-blog-rewrite.txt >"$t"; s=$?; cut -d, -f1 "$t"; rm -f "$t"; exit $s
