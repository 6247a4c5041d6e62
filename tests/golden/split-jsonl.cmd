$WA split --format jsonl ../../samples/fr-afp-style.txt
