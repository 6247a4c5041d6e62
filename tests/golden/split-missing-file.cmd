$WA split does-not-exist.txt ../../samples/fr-afp-style.txt --lang fr
