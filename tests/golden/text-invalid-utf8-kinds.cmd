$WA text --encoding UTF-8 data/invalid-utf8.txt
