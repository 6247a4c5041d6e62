$WA text --info ../../samples/fr-reuters-ceasefire.txt
