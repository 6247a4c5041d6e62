$WA --dict /nonexistent/dicts check ../../samples/fr-afp-style.txt
