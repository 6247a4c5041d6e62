$WA text ../../samples/fr-reuters-ceasefire.txt
