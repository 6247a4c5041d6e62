$WA check --only nope ../../samples/fr-afp-style.txt
