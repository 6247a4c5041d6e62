$WA text --encoding UTF-8 --info data/invalid-utf8.txt
