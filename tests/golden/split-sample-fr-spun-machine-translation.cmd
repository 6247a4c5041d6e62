$WA split ../../samples/fr-spun-machine-translation.txt
