$WA split --format yaml ../../samples/fr-afp-style.txt
