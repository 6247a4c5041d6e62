$WA split ../../samples/fr-reuters-ceasefire.txt
