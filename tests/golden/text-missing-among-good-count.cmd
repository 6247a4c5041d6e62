$WA text ../../samples/fr-afp-style.txt does-not-exist.txt ../../samples/fr-blog-rewrite.txt | wc -c; cat ../../samples/fr-afp-style.txt ../../samples/fr-blog-rewrite.txt | wc -c
