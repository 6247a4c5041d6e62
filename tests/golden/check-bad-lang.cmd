$WA check --lang xx ../../samples/fr-afp-style.txt
