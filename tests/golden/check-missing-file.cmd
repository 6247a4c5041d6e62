$WA check --only glued ../../samples/fr-afp-style.txt missing-file.txt
