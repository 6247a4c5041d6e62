$WA text data/tiny.png
