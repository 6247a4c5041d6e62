t=$(mktemp); $WA report --jobs 2 ../../samples/fr-afp-style.txt nope.txt ../../samples/fr-blog-rewrite.txt >"$t"; s=$?; grep -E "[.]txt: |^total: " "$t" | cut -d, -f1; rm -f "$t"; exit $s
