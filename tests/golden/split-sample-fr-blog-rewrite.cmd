$WA split ../../samples/fr-blog-rewrite.txt
