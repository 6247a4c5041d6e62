$WA split --lang xx ../../samples/fr-afp-style.txt
