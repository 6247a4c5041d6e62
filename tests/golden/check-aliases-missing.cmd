$WA check --aliases data/no-such-aliases.tsv ../../samples/fr-afp-style.txt
