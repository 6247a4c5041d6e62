$WA text does-not-exist.txt
