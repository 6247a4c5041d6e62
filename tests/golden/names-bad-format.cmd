$WA names --format xml ../../samples/fr-afp-style.txt
