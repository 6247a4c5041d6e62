$WA text data/random.bin
