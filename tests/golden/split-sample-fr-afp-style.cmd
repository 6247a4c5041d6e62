$WA split ../../samples/fr-afp-style.txt
