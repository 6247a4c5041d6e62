$WA text --encoding latin1 data/tiny.png | head -c 8 | od -An -c
