$WA check --thesaurus /nonexistent/th check ../../samples/fr-afp-style.txt
