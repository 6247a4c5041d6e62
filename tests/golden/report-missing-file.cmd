$WA report --jobs 2 ../../samples/fr-afp-style.txt nope.txt ../../samples/fr-blog-rewrite.txt
